"""Regular expressions that skip the texts they cannot match.

Python's `re` tries a pattern at every position of a text, so the request-type and element cues (a few hundred
patterns over a two-page letter) cost about 40 ms a document, although most of them name words the letter does
not contain. Parsing each pattern once gives the literal pieces that every match must contain ("one of
'scanner', 'irm', 'echographie'..., and 'demande'"); a few substring searches then rule the pattern out before
the scan. Exact: a pattern that is skipped has no match in the text.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Iterator

try:  # the parser behind re.compile; private, so a Python without it just never skips
    from re import _constants as _sre
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover
    _sre = _sre_parse = None

_MIN_LITERAL = 2  # shorter pieces (a space, one letter) are in every text: not worth a search
_SEEN = threading.local()  # per thread: the text last looked at, and which pieces it holds


def _pieces_seen_in(text: str) -> dict[str, bool]:
    """Which literal pieces `text` holds, as far as they were looked up: a few hundred patterns share their pieces
    ("demande", "irm"...), so each is searched once per text."""
    if getattr(_SEEN, "text", None) is not text:
        _SEEN.text, _SEEN.pieces = text, {}
    return _SEEN.pieces


class PrefilteredPattern:
    """A pattern with the literal pieces its matches need; `finditer`/`findall` as in `re`. It is compiled the first
    time a text could match it: most cues never meet their words in a batch, and compiling all of them at start-up
    was a quarter of a second of every `medclair import`."""

    __slots__ = ("_source", "_flags", "_compiled", "required")

    def __init__(self, pattern: str | re.Pattern, flags: int = 0):
        if isinstance(pattern, re.Pattern):
            self._source, self._flags, self._compiled = pattern.pattern, pattern.flags, pattern
        else:
            self._source, self._flags, self._compiled = pattern, flags, None
        self.required = _required_literals(self._source, self._flags)

    @property
    def pattern(self) -> re.Pattern:
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return self._compiled

    def could_match(self, text: str) -> bool:
        present = _pieces_seen_in(text)
        for pieces in self.required:
            for piece in pieces:
                found = present.get(piece)
                if found is None:
                    found = present[piece] = piece in text
                if found:
                    break
            else:
                return False
        return True

    def finditer(self, text: str) -> Iterator[re.Match]:
        return self.pattern.finditer(text) if self.could_match(text) else iter(())

    def findall(self, text: str) -> list:
        return self.pattern.findall(text) if self.could_match(text) else []


def required_literals(pattern: re.Pattern) -> list[frozenset[str]]:
    """Sets of strings such that every text where `pattern` matches contains at least one string of each set
    (an empty list when nothing is certain, e.g. case-insensitive patterns)."""
    return _required_literals(pattern.pattern, pattern.flags)


def _required_literals(source: str, flags: int) -> list[frozenset[str]]:
    if _sre_parse is None or flags & re.IGNORECASE:
        return []
    try:
        parsed = _sre_parse.parse(source, flags)
        return [frozenset(pieces) for pieces in _required(list(parsed)) if min(map(len, pieces)) >= _MIN_LITERAL]
    except Exception:  # an unfamiliar parse tree: filter nothing rather than guess
        return []


def _required(items: list) -> list[set[str]]:
    """The required sets of one sequence of parsed items: every item of a sequence is part of each match."""
    required: list[set[str]] = []
    run = ""
    for op, value in items:
        if op is _sre.LITERAL:
            run += chr(value)
            continue
        if run:
            required.append({run})
            run = ""
        if op is _sre.SUBPATTERN:
            if value[1] & re.IGNORECASE:  # (?i:...)
                continue
            required += _required(list(value[3]))
        elif op is _sre.ATOMIC_GROUP:
            required += _required(list(value))
        elif op is _sre.ASSERT:  # a positive lookaround needs its text too, just outside the match
            required += _required(list(value[1]))
        elif op is _sre.BRANCH:
            alternatives = [_required(list(branch)) for branch in value[1]]
            if all(alternatives):
                required.append(set().union(*(_most_selective(sets) for sets in alternatives)))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and value[0] >= 1:
            required += _required(list(value[2]))
        elif op is _sre.IN and value and all(kind is _sre.LITERAL for kind, _ in value):
            required.append({chr(code) for _, code in value})
    if run:
        required.append({run})
    return required


def _most_selective(sets: list[set[str]]) -> set[str]:
    """The set whose shortest string is longest (then the smallest set): the rarest to find by chance."""
    return max(sets, key=lambda pieces: (min(map(len, pieces)), -len(pieces)))
