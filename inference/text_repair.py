"""Text as it was before an export damaged it, with the way back to the damaged original.

Documents pasted from e-mails, web pages, JSON or RTF exports carry HTML entities and markup ("J&eacute;r&ocirc;me",
"<b>DUPUIS</b>"), UTF-8 read as Windows-1252 ("HÃ©lÃ¨ne", even twice: "ClÃƒÂ©ment"), escapes ("Andr\\u00e9e",
RTF "Ren\\'e9", quoted-printable "C=C3=A9line"), ligatures ("Coﬃn") and letters lost to "?" or "�" ("In?s").
Every rule that knows "Hélène" misses "HÃ©lÃ¨ne". `repair` undoes that damage and keeps, for each repaired
character, the span of the original it came from, so that a finding in the repair can be marked in the original.
`rewrite_lines` and the pieces helpers serve the dictation view too (inference/dictation.py).
"""
from __future__ import annotations

import bisect
import html
import re

Pieces = list[tuple[str, int, int]]  # one character of the repair, and the span of the original it came from

# where damage may start: a character that opens each kind of it, then what follows it there (the first character
# alone lets the scan skip most of a text; `repair` then tells real damage from a look-alike)
_DAMAGE_HINT_RE = re.compile(
    r"[&<ÂÃÅâ\\=\ufb00-\ufb06?\ufffd*](?:(?<=&)(?:#\d{2,6}|#[xX][0-9a-fA-F]{2,5}|[a-zA-Z]{2,8});|(?<=<)/?[a-zA-Z!]"
    r"|(?<=[ÂÃÅâ])[\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e"
    r"\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122 ]"
    r"|(?<=\\)(?:[.*_()#+!|-]|u[0-9a-fA-F]{4}|'[0-9a-fA-F]{2}|x[0-9a-fA-F]{2})|(?<==)[0-9A-F]{2}=[0-9A-F]{2}"
    r"|(?<=[\ufb00-\ufb06])|(?<=[^\W\d_][?\ufffd])(?=[^\W\d_])|(?<=\*)\*[^\W\d_])")
_ENTITY_RE = re.compile(r"&(?:#\d{2,6}|#[xX][0-9a-fA-F]{2,5}|[a-zA-Z]{2,8});")
# HTML's own elements only: an XML export's element names are labels ("<ADRESSE>La Grange Neuve</ADRESSE>")
_TAG_RE = re.compile(r"</?(?P<name>(?i:b|i|u|s|em|strong|span|font|small|big|sup|sub|mark|a|br|hr|p|div|pre|code|center|"
                     r"blockquote|table|thead|tbody|tfoot|tr|td|th|li|ul|ol|dl|dt|dd|h[1-6]|html|body|head|title|"
                     r"section|article|header|footer|label|img))(?:\s[^<>\n]*)?/?>|<!--.*?-->")
_LINE_TAGS = {"br", "p", "div", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6"}
_CELL_TAGS = {"td", "th"}
_ESCAPE_RE = re.compile(r"\\(?:u(?P<code>[0-9a-fA-F]{4})|'(?P<byte>[0-9a-fA-F]{2})|(?P<char>[\\/'\".*_()#+!|-]|[nrt](?![a-z]))"
                        r"|(?P<rtf>[a-z]{1,12})-?\d{0,5} ?)")
_BYTES_RE = re.compile(r"(?:=[0-9A-F]{2})+|(?:\\x[0-9a-fA-F]{2})+")  # quoted-printable, Python's bytes
_MOJIBAKE_LEAD = set("ÂÃÅâ")
_LOST_LETTER_RE = re.compile(r"(?<=[^\W\d_])[?\ufffd](?=[^\W\d_])")
_EMPHASIS_RE = re.compile(r"(?<![\w*])\*{1,2}(?=[^\W\d_])|(?<=[^\W\d_])\*{1,2}(?![\w*])")
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st",
              "\ufb06": "st"}
_ESCAPED = {"n": "\n", "r": "", "t": "\t"}  # the other escaped characters stand for themselves (JSON, Markdown)


class SpanMap:
    """For each character of a repair, the (start, end) of the original it came from. Only the damaged lines are
    held character by character: the rest of a long document is a few offsets."""

    def __init__(self) -> None:
        self._starts: list[int] = []  # where each stretch begins in the repair
        self._stretches: list[int | list[tuple[int, int]]] = []  # its start in the original, or its characters' spans
        self._length = 0

    def add_copy(self, original_start: int, length: int) -> None:
        if length:
            self._starts.append(self._length)
            self._stretches.append(original_start)
            self._length += length

    def add_spans(self, spans: list[tuple[int, int]]) -> None:
        if spans:
            self._starts.append(self._length)
            self._stretches.append(spans)
            self._length += len(spans)

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index: int) -> tuple[int, int]:
        if not 0 <= index < self._length:
            raise IndexError(index)
        k = bisect.bisect_right(self._starts, index) - 1
        stretch = self._stretches[k]
        if isinstance(stretch, list):
            return stretch[index - self._starts[k]]
        start = stretch + index - self._starts[k]
        return start, start + 1


def repair(text: str) -> tuple[str, SpanMap] | None:
    """The repaired text and, for each of its characters, the (start, end) of the original it came from; None when
    `text` shows no damage. Only the lines where damage starts are repaired, each on its own (a 2,000-page document
    with one "&amp;" costs one line's work), and repairs are applied again on their own output (a double escape, a
    double mojibake)."""
    rtf = "\\rtf" in text or "\\par" in text
    return rewrite_lines(text, [match.start() for match in _DAMAGE_HINT_RE.finditer(text)],
                         lambda start, end: _repaired_line(text, start, end, rtf))


def rewrite_lines(text: str, hints: list[int], rewrite_line) -> tuple[str, SpanMap] | None:
    """`text` with each line holding one of the positions `hints` replaced by rewrite_line(start, end) -> (new line,
    the span of `text` each of its characters came from), and the way back for the whole text; None when nothing
    changed. The lines without a hint are copied as a few offsets."""
    lines = sorted({text.rfind("\n", 0, hint) + 1 for hint in hints})
    if not lines:
        return None
    parts: list[str] = []
    spans = SpanMap()
    done = 0
    for line_start in lines:
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        parts.append(text[done:line_start])
        spans.add_copy(done, line_start - done)
        rewritten, line_spans = rewrite_line(line_start, line_end)
        parts.append(rewritten)
        spans.add_spans(line_spans)
        done = line_end
    parts.append(text[done:])
    spans.add_copy(done, len(text) - done)
    rewritten = "".join(parts)
    return None if rewritten == text else (rewritten, spans)


def _repaired_line(text: str, start: int, end: int, rtf: bool) -> tuple[str, list[tuple[int, int]]]:
    pieces: Pieces = [(text[index], index, index + 1) for index in range(start, end)]
    for _ in range(3):
        before = pieces
        pieces = _unescape(_decode_mojibake(_drop_markup(_decode_entities(pieces))), rtf)
        if pieces == before:
            break
    pieces = _fill_lost_letters(_drop_emphasis(pieces))
    chars, spans = [], []
    for piece, piece_start, piece_end in pieces:
        for char in _LIGATURES.get(piece, piece.replace("\u00ad", "")):  # a soft hyphen ("Ploudal&shy;mézeau") goes
            chars.append(" " if char == "\u00a0" else char)
            spans.append((piece_start, piece_end))
    return "".join(chars), spans


def text_of(pieces: Pieces) -> str:
    return "".join(piece for piece, _, _ in pieces)


def replace_matches(pieces: Pieces, matches, replacement) -> Pieces:
    """`pieces` with each match (over their text, one piece per character) replaced by replacement(match), which
    takes the whole original span of the match; None keeps the match as it is."""
    out: Pieces = []
    last = 0
    for match in matches:
        new = replacement(match)
        if new is None:
            continue
        out += pieces[last:match.start()]
        covered = pieces[match.start():match.end()]
        start, end = covered[0][1], covered[-1][2]
        out += [(char, start, end) for char in new]
        last = match.end()
    return out + pieces[last:] if out or last else pieces


def _decode_entities(pieces: Pieces) -> Pieces:
    def entity(match: re.Match) -> str | None:
        value = html.unescape(match.group(0))
        return None if value == match.group(0) else value
    return replace_matches(pieces, _ENTITY_RE.finditer(text_of(pieces)), entity)


def _drop_markup(pieces: Pieces) -> Pieces:
    def tag(match: re.Match) -> str:
        name = (match.group("name") or "").lower()  # a comment ("<!--nom-->") has none
        return "\n" if name in _LINE_TAGS else "\t" if name in _CELL_TAGS else ""
    return replace_matches(pieces, _TAG_RE.finditer(text_of(pieces)), tag)


def _unescape(pieces: Pieces, rtf: bool) -> Pieces:
    def escape(match: re.Match) -> str | None:
        if match.group("code"):
            return chr(int(match.group("code"), 16))
        if match.group("byte"):  # RTF's "\\'e9"; elsewhere an escaped quote before two letters ("l\\'abord")
            return bytes([int(match.group("byte"), 16)]).decode("cp1252", errors="replace") if rtf \
                else "'" + match.group("byte")
        if match.group("char"):
            return _ESCAPED.get(match.group("char"), match.group("char"))
        if rtf:  # an RTF control word: "\par" ends a line, the others ("\b0", "\ansi") are formatting
            return "\n" if match.group("rtf") == "par" else ""
        return None
    pieces = replace_matches(pieces, _ESCAPE_RE.finditer(text_of(pieces)), escape)

    def utf8_bytes(match: re.Match) -> str | None:
        raw = bytes.fromhex(match.group(0).replace("=", "").replace("\\x", ""))
        try:
            value = raw.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return value if not value.isascii() else None
    return replace_matches(pieces, _BYTES_RE.finditer(text_of(pieces)), utf8_bytes)


def _byte(char: str) -> int | None:
    """The byte a Windows-1252 (or Latin-1) reading turned into `char`."""
    if len(char) != 1:
        return None
    if "\x80" <= char <= "\xff":
        return ord(char)
    try:
        encoded = char.encode("cp1252")
    except UnicodeEncodeError:
        return None
    return encoded[0] if encoded[0] >= 0x80 else None


def _decode_mojibake(pieces: Pieces) -> Pieces:
    """UTF-8 sequences read one byte per character ("Ã©" for "é", "â€™" for "’") decoded back."""
    out: Pieces = []
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        if piece[0] in "ÃÂ" and index + 1 < len(pieces) and pieces[index + 1][0] == " ":
            # a no-break space (the second byte of "à", or of a no-break space) that a later step made plain
            out.append(("à" if piece[0] == "Ã" else " ", piece[1], pieces[index + 1][2]))
            index += 2
            continue
        if piece[0] in _MOJIBAKE_LEAD:
            lead = _byte(piece[0])
            length = 2 if lead < 0xE0 else 3
            tail = [_byte(other[0]) for other in pieces[index + 1:index + length]]
            if len(tail) == length - 1 and all(byte is not None and 0x80 <= byte <= 0xBF for byte in tail):
                try:
                    value = bytes([lead, *tail]).decode("utf-8")
                except UnicodeDecodeError:
                    value = None
                if value:
                    out.append((value, piece[1], pieces[index + length - 1][2]))
                    index += length
                    continue
        out.append(piece)
        index += 1
    return out


def _drop_emphasis(pieces: Pieces) -> Pieces:
    return replace_matches(pieces, _EMPHASIS_RE.finditer(text_of(pieces)), lambda match: "")


def _fill_lost_letters(pieces: Pieces) -> Pieces:
    """A letter lost to "?" or "�" between two letters reads as an e ("In?s", "Cl�ment", "LE BR�S"): close enough for
    a name's shape."""
    text = text_of(pieces)

    def letter(match: re.Match) -> str:
        upper = text[match.start() - 1].isupper() and text[match.end()].isupper()
        return "E" if upper else "e"
    return replace_matches(pieces, _LOST_LETTER_RE.finditer(text), letter)
