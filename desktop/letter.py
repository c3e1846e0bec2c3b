"""The clarification letter: the questions on the missing elements, as a PDF ready to send back."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pymupdf

from inference.analysis import Analysis

_MARGIN = 64
_WIDTH_PAGE, _HEIGHT = 595, 842  # A4 in points
_WIDTH = _WIDTH_PAGE - 2 * _MARGIN
_SIZE = 11
_FONT = "helv"  # base-14 Helvetica covers French accents (WinAnsi)


def write_letter(path: Path, analysis: Analysis, signed_by: str, received: str) -> None:
    """An A4 letter (more pages if needed) with the numbered questions of `analysis`; `received` is the ISO
    date the document was imported."""
    lines = [
        f"Le {date.today().strftime('%d/%m/%Y')}",
        "",
        "Objet : demande de précisions",
        f"Concerne : {analysis.request_type.label.lower()} reçue le "
        f"{datetime.fromisoformat(received).strftime('%d/%m/%Y')}",
        "",
        "Madame, Monsieur, cher confrère,",
        "",
        "Pour traiter votre demande, pourriez-vous nous apporter les précisions suivantes :",
        "",
    ]
    lines += [f"{number}. {question.text}" for number, question in enumerate(analysis.questions, 1)]
    lines += ["", "Avec nos remerciements et nos salutations confraternelles,", "", signed_by]
    document = pymupdf.open()
    page, y = None, 0.0
    for line in lines:
        for piece in _wrap(line, _WIDTH) or [""]:
            if page is None or y > _HEIGHT - _MARGIN:
                page, y = document.new_page(width=_WIDTH_PAGE, height=_HEIGHT), _MARGIN
            page.insert_text((_MARGIN, y), piece, fontname=_FONT, fontsize=_SIZE)
            y += _SIZE * 1.5
    document.save(Path(path))
    document.close()


def _wrap(text: str, width: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and pymupdf.get_text_length(candidate, fontname=_FONT, fontsize=_SIZE) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines
