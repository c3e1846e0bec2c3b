"""Dictated text as a secretary would have typed it, with the way back to the dictation.

Speech recognition and hurried transcription leave numbers and punctuation spoken: "soixante-neuf zéro zéro trois
Lyon", "zéro six quarante et un vingt-deux dix-huit zéro neuf", "m point lefebvre arobase gmail point com",
"virgule", "point à la ligne". The rules know postal codes, phone numbers and e-mail addresses written, not said.
`written_form` writes them (69003, 06 41 22 18 09, m.lefebvre@gmail.com, ",", ".\\n") and keeps for each written
character the span of the dictation it came from, as `text_repair.repair` does for a damaged export.
"""
from __future__ import annotations

import re

from inference.text_repair import Pieces, SpanMap, replace_matches, rewrite_lines, text_of

_UNITS = {"zéro": 0, "zero": 0, "un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
          "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16}
_TENS = {"vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60}
_THOUSANDS = ("mille", "milles", "mil")  # "mil neuf cent quarante-huit" in a date
_NUMBER_WORD = "|".join(sorted([*_UNITS, *_TENS, "cents", "cent", *_THOUSANDS], key=len, reverse=True))
# a run of number words: "quatre-vingt-dix-sept mille deux cent trente-deux", "zéro six quarante et un ..."
_RUN_RE = re.compile(rf"(?<![\w-])(?:{_NUMBER_WORD})(?:(?:[ -]|[ -]et[ -])(?:{_NUMBER_WORD}))*(?![\w-])", re.IGNORECASE)
_TOKEN_RE = re.compile(rf"{_NUMBER_WORD}|et", re.IGNORECASE)
# a line worth reading as dictation: spoken punctuation or symbols, or a number only said (a zero, a compound, a
# thousand); "deux comprimés" alone is no dictation
_HINT_RE = re.compile(r"(?=[vazpoftsmcqdà])\b(?i:virgule|arobase|à la ligne|z[ée]ro|mill?e|parenth[èe]se|tiret|slash|"
                      r"(?:vingt|trente|quarante|cinquante|soixante|quatre-vingt|dix)-)")
# a lone digit said after what numbers it is a number: "escalier quatre", "numéro huit", "lot numéro neuf"
_NUMBERED_BEFORE_RE = re.compile(r"(?i:\b(?:num[ée]ro|n°|escalier|appartement|appart|porte|b[âa]timent|lot|chambre|"
                                 r"bo[iî]te|bp|villa|case)\s+)$")
_ORDINAL_STEMS = {"deux": 2, "second": 2, "trois": 3, "quatr": 4, "cinqu": 5, "six": 6, "sept": 7, "huit": 8, "neuv": 9,
                  "dix": 10, "onz": 11, "douz": 12, "treiz": 13, "quatorz": 14, "quinz": 15, "seiz": 16, "dix-sept": 17,
                  "dix-huit": 18, "dix-neuv": 19, "vingt": 20}
_ORDINAL_RE = re.compile(r"(?<![\w-])(?i:premi[eè]re?|second|(?:dix-sept|dix-huit|dix-neuv|deux|trois|quatr|cinqu|six|sept|"
                         r"huit|neuv|dix|onz|douz|treiz|quatorz|quinz|seiz|vingt)i[èe]me)(?![\w-])")
# an address said word by word, digits said after a word glued to it: "kevin point morel 89 arobase hotmail point fr"
_EMAIL_RE = re.compile(r"[\w-]+(?: (?:(?:point(?! à la ligne)|tiret|underscore|arobase) [\w-]+|\d+(?= )))+", re.IGNORECASE)
_EMAIL_JOINS = {"point": ".", "tiret": "-", "underscore": "_", "arobase": "@"}
_PUNCTUATION_RE = re.compile(r"[ \t]*\b(?i:(?P<newline>point à la ligne|à la ligne)|(?P<comma>virgule)"
                             r"|(?P<colon>deux points)|(?P<open>ouvrez la parenth[èe]se)[ \t]*"
                             r"|(?P<close>fermez la parenth[èe]se)|(?P<dash>tiret)[ \t]*|(?P<slash>slash)[ \t]*"
                             r"|(?P<stop>point)(?=[ \t]*(?:\n|$)))\b", re.MULTILINE)


def written_form(text: str) -> tuple[str, SpanMap] | None:
    """The text with spoken numbers, e-mail addresses and punctuation written, and for each of its characters the
    (start, end) of `text` it came from; None when no line reads as dictation. Only those lines are rewritten."""
    def written_line(start: int, end: int) -> tuple[str, list[tuple[int, int]]]:
        pieces = _written_line([(text[index], index, index + 1) for index in range(start, end)])
        return text_of(pieces), [(piece_start, piece_end) for _, piece_start, piece_end in pieces]
    return rewrite_lines(text, [match.start() for match in _HINT_RE.finditer(text)], written_line)


def _written_line(pieces: Pieces) -> Pieces:
    pieces = replace_matches(pieces, _RUN_RE.finditer(text_of(pieces)), _written_number)
    pieces = replace_matches(pieces, _ORDINAL_RE.finditer(text_of(pieces)), _written_ordinal)
    pieces = replace_matches(pieces, _EMAIL_RE.finditer(text_of(pieces)), _written_email)
    return replace_matches(pieces, _PUNCTUATION_RE.finditer(text_of(pieces)), _written_mark)


def _written_ordinal(match: re.Match) -> str:
    word = match.group(0).lower()
    if word.startswith("premi"):
        return "1er"
    stem = word.removesuffix("ième").removesuffix("ieme")
    return f"{_ORDINAL_STEMS[stem]}e"


def _written_number(match: re.Match) -> str | None:
    """Digits for a run of number words, cut into the numbers it says: zeros and digits said one by one are glued
    to what follows ("soixante-neuf zéro zéro trois" -> "69 003", "zéro six quarante et un" -> "06 41"). A lone
    word under ten stays a word ("deux comprimés", "un patient")."""
    tokens = [token.lower() for token in _TOKEN_RE.findall(match.group(0))]
    numbers = _numbers(tokens)
    if len(numbers) == 1 and len([token for token in tokens if token != "et"]) == 1 and numbers[0][0] < 10 \
            and not _NUMBERED_BEFORE_RE.search(match.string, 0, match.start()):
        return None
    written = ""
    for index, (value, digit_said) in enumerate(numbers):
        glued = index and (numbers[index - 1][0] == 0 and numbers[index - 1][1]
                           or digit_said and numbers[index - 1][1])
        written += ("" if glued or not index else " ") + str(value)
    return written


def _numbers(tokens: list[str]) -> list[tuple[int, bool]]:
    """The numbers a run of number words says, each with whether it was one digit said alone ("quatre un zéro"
    is three digits; "quarante et un" one number)."""
    numbers: list[tuple[int, bool]] = []
    total = hundreds = rest = 0
    words = 0
    started = False

    def close() -> None:
        nonlocal total, hundreds, rest, words, started
        if started:
            value = total + hundreds * 100 + rest
            numbers.append((value, words == 1 and value < 10))
        total = hundreds = rest = words = 0
        started = False

    for token in tokens:
        if token == "et":
            continue
        if token in _THOUSANDS:
            if total or not started and numbers:  # "mille" alone after a number is a new one: "deux mille"
                close()
            total = max(hundreds * 100 + rest, 1) * 1000
            hundreds = rest = 0
        elif token in ("cent", "cents"):
            if hundreds or rest >= 20:
                close()
            hundreds, rest = max(rest, 1), 0
        else:
            value = _UNITS.get(token, _TENS.get(token, 0))
            if started and not _continues(rest, value, hundreds or total):
                close()
            if value == 0:  # a zero said is a digit of its own
                close()
                numbers.append((0, True))
                continue
            if rest == 4 and value == 20:
                rest = 80
            else:
                rest += value
        started = True
        words += 1
    close()
    return numbers


def _continues(rest: int, value: int, above: int) -> bool:
    """Whether a number word goes on the number read so far (`rest` below a hundred, `above` its hundreds or
    thousands): "quarante" + "et un", "soixante" + "dix", "quatre" + "vingt", "dix" + "sept"; not "quatre" + "un"."""
    if value == 0:
        return False
    if rest == 0:
        return bool(above)
    if value < 10:
        return rest in (20, 30, 40, 50, 60, 80) or rest in (10, 70, 90) and value >= 7
    if value < 20:
        return rest in (60, 80)
    return rest == 4 and value == 20


def _written_email(match: re.Match) -> str | None:
    words = match.group(0).split(" ")
    if "arobase" not in (word.lower() for word in words):
        return None
    return "".join(_EMAIL_JOINS.get(word.lower(), word) for word in words)  # digits glue to the word before


def _written_mark(match: re.Match) -> str:
    if match.group("newline"):  # the line break said, unless the line ends there anyway
        return "." if not match.string[match.end():].strip() else ".\n"
    marks = {"comma": ",", "colon": " :", "open": " (", "close": ")", "dash": "-", "slash": "/", "stop": "."}
    return next(mark for name, mark in marks.items() if match.group(name))
