"""Accent- and case-folding that keeps every offset: pattern matching runs on the folded copy, evidence is cut
from the original text at the same positions."""
from __future__ import annotations

import unicodedata

_SPECIAL = {"’": "'", "‘": "'", "ʼ": "'", "\u00a0": " ", "\u202f": " ", "œ": "œ", "æ": "æ", "ß": "ß", "İ": "i"}


def _fold_char(char: str) -> str:
    if char in _SPECIAL:
        return _SPECIAL[char]
    lowered = char.lower()
    if len(lowered) != 1:
        return char
    base = unicodedata.normalize("NFD", lowered)[0]
    return base if len(base) == 1 else lowered


class _FoldTable(dict):
    """code point → folded character, filled on first sight, for `str.translate` (a C loop)."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = _fold_char(chr(code))
        return folded


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Lower-case, strip accents, straighten apostrophes; the result has exactly len(text) characters."""
    return text.translate(_TABLE)
