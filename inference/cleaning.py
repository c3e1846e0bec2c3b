"""The clean view of a document's text (SPEC §2.2) that models read, with a way back to the original text.

Cleaning repairs what PDF extraction breaks: hyphenated words split across lines, sentences cut by line ends,
headers and footers repeated on every page, and Unicode variants (decomposed accents, curly quotes, ligatures,
non-breaking spaces, UTF-8 read as Windows-1252). The original text is never changed: every character of the clean text keeps the span of
the original characters it came from, so `CleanText.to_original` turns any clean span into an original span.
"""
from __future__ import annotations

import bisect
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

PAGE_SEPARATOR = "\f"
# The models read at most this much of a document's clean text (about eight pages): a letter's content is at its
# start, and time and memory must stay bounded on a 500-page file; lexicons and rules still read everything.
MODEL_MAX_CHARS = 24_000
# Lines at the top and bottom of each page that may be a header or a footer.
EDGE_LINES = 4

_CHAR_TABLE = {
    "\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u2002": " ", "\u2003": " ",
    "\t": " ", "\u000b": " ",
    "\u00ad": "", "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "", "\u2060": "",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u02bc": "'", "\u2032": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-",
    "\u2013": "-", "\u2014": "-",
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st",
    "\u2026": "...", "\u2022": "-", "\u25cf": "-", "\u25aa": "-", "\uf0b7": "-", "\u2023": "-", "\u2043": "-",
}
_CHAR_RE = re.compile("[" + re.escape("".join(_CHAR_TABLE)) + "]")
_COMBINING_RE = re.compile(r".[\u0300-\u036f]+", re.DOTALL)
# UTF-8 read as Windows-1252 ("HÃ©lÃ¨ne", "câ€™est"): a lead character then continuation bytes, as that code page
# shows them. Decoded back only when the bytes make valid UTF-8, so "SÃO" or a lone "Â" stay as written.
_CONTINUATION = "\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_MOJIBAKE_RE = re.compile(f"[ÂÃÄÅÆÇÉËÏ][{_CONTINUATION}]|[âã][{_CONTINUATION}]{{2}}")


def _undo_mojibake(match: re.Match) -> str:
    try:
        return match.group(0).encode("cp1252").decode("utf-8")
    except UnicodeError:
        return match.group(0)
_LOWER = "a-zàâäçéèêëîïôöùûüÿœæ"
_PAGE_NUMBER_RE = re.compile(r"^\W*(page|p\.)?\s*\d{1,3}\s*((/|sur|de|of)\s*\d{1,3})?\W*$", re.IGNORECASE)


@dataclass
class CleanText:
    """Clean text plus, for every clean character, the [start, end) span of original characters it came from."""

    text: str
    original: str
    starts: list[int] = field(repr=False)
    ends: list[int] = field(repr=False)
    # Original spans of the header/footer lines that were dropped (useful to find identity details printed there).
    removed: list[tuple[int, int]] = field(default_factory=list)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span that the clean span text[start:end] came from."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span ({start}, {end}) outside the clean text of {len(self.text)} characters")
        if start == end:
            position = self.starts[start] if start < len(self.text) else len(self.original)
            return position, position
        return self.starts[start], self.ends[end - 1]

    def to_clean(self, start: int, end: int) -> tuple[int, int]:
        """The smallest clean span covering what remains of the original span [start, end)."""
        first = bisect.bisect_left(self.ends, start + 1)
        last = bisect.bisect_left(self.starts, end)
        return (first, max(first, last))


class _Builder:
    """A string with a per-character origin map, rewritten by regex passes that keep the map right."""

    def __init__(self, text: str, starts: list[int], ends: list[int]):
        self.text, self.starts, self.ends = text, starts, ends

    def sub(self, pattern: re.Pattern, replace: Callable[[re.Match], str] | str) -> None:
        parts: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        last = 0
        for match in pattern.finditer(self.text):
            a, b = match.span()
            new = replace(match) if callable(replace) else match.expand(replace)
            if new == match.group(0):
                continue
            parts.append(self.text[last:a])
            starts.extend(self.starts[last:a])
            ends.extend(self.ends[last:a])
            if new:
                if len(new) == b - a:
                    starts.extend(self.starts[a:b])
                    ends.extend(self.ends[a:b])
                elif a == b:  # insertion: attach to the following (or previous) character
                    anchor = self.starts[a] if a < len(self.starts) else (self.ends[a - 1] if a else 0)
                    starts.extend([anchor] * len(new))
                    ends.extend([anchor] * len(new))
                else:
                    starts.extend([self.starts[a]] * len(new))
                    ends.extend([self.ends[b - 1]] * len(new))
            parts.append(new)
            last = b
        if not parts:
            return
        parts.append(self.text[last:])
        starts.extend(self.starts[last:])
        ends.extend(self.ends[last:])
        self.text, self.starts, self.ends = "".join(parts), starts, ends


def _line_spans(text: str, base: int) -> list[tuple[int, int]]:
    """[start, end) of every line of a page, end excluding the newline; offsets in the whole text."""
    spans = []
    position = 0
    for line in text.split("\n"):
        spans.append((base + position, base + position + len(line)))
        position += len(line) + 1
    return spans


def _edge_key(line: str) -> str:
    line = unicodedata.normalize("NFKC", line).casefold()
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", line)).strip()


def find_repeated_edges(text: str) -> list[tuple[int, int]]:
    """Original spans (line plus its newline) of header/footer lines repeated across pages and page numbers."""
    pages = text.split(PAGE_SEPARATOR)
    if len(pages) < 2:
        return []
    edges: list[list[tuple[str, int, int]]] = []
    base = 0
    for page in pages:
        lines = [(a, b) for a, b in _line_spans(page, base) if text[a:b].strip()]
        chosen = lines[:EDGE_LINES] + [span for span in lines[-EDGE_LINES:] if span not in lines[:EDGE_LINES]]
        outermost = {lines[0], lines[-1]} if lines else set()
        edges.append([(_edge_key(text[a:b]), a, b, (a, b) in outermost) for a, b in chosen])
        base += len(page) + len(PAGE_SEPARATOR)
    counts = Counter(key for page_edges in edges for key in {key for key, _, _, _ in page_edges})
    needed = max(2, math.ceil(len(pages) / 2))
    removed = []
    for page_edges in edges:
        for key, a, b, outermost in page_edges:
            line = text[a:b].strip()
            page_number = _PAGE_NUMBER_RE.match(line) and (outermost or not line.isdigit())
            if counts[key] >= needed or page_number:
                end = b + 1 if b < len(text) and text[b] == "\n" else b
                removed.append((a, end))
    return sorted(removed)


def clean(text: str) -> CleanText:
    """Clean view of `text` (the original Document.text) for the models, keeping the way back."""
    removed = find_repeated_edges(text)
    keep = [True] * len(text)
    for a, b in removed:
        keep[a:b] = [False] * (b - a)
    indices = [index for index, kept in enumerate(keep) if kept]
    builder = _Builder("".join(text[index] for index in indices), indices, [index + 1 for index in indices])

    builder.sub(re.compile(r"\r\n?"), "\n")
    builder.sub(re.compile(PAGE_SEPARATOR), "\n\n")
    builder.sub(_MOJIBAKE_RE, _undo_mojibake)
    builder.sub(_COMBINING_RE, lambda match: unicodedata.normalize("NFC", match.group(0)))
    builder.sub(_CHAR_RE, lambda match: _CHAR_TABLE[match.group(0)])
    builder.sub(re.compile(r"(?<=\S) {2,}(?=\S)"), " ")
    builder.sub(re.compile(r"[ ]+(?=\n)|(?<=\n)[ ]+|^[ ]+|[ ]+$"), "")
    # "trai-\ntement" -> "traitement": a hyphen at a line end between lower-case letters is a word cut.
    builder.sub(re.compile(rf"(?<=[{_LOWER}])-\n(?=[{_LOWER}])"), "")
    # A line break inside a sentence: the next line starts lower-case and the line does not end a sentence.
    builder.sub(re.compile(rf"(?<=[^\n.:;!?])\n(?=[{_LOWER}(])"), " ")
    builder.sub(re.compile(r"(?<=,)\n(?=[^\n\-*•])"), " ")
    # OCR often puts the colon of "Traitement : ..." at the start of the next line.
    builder.sub(re.compile(r"(?<=\S)\n(?=[:;,.)!?](?:\s|$))"), " ")
    builder.sub(re.compile(r"\n{3,}"), "\n\n")
    builder.sub(re.compile(r"^\n+|\n+$"), "")
    return CleanText(builder.text, text, builder.starts, builder.ends, removed)


def model_text(document_text: str) -> str:
    """What the models read of a document: the start of its clean text. Passes run ahead of the analysis (a batch
    import's read-ahead, its first passes) are found again only if they read exactly this."""
    return clean(document_text).text[:MODEL_MAX_CHARS]
