"""Page images with what was found drawn over them. Runs in the background thread: QImage and QPainter on an
image are thread-safe, and the PDF is rendered from the stored bytes, never from a temporary file."""
from __future__ import annotations

from dataclasses import dataclass

import pymupdf
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPen

LABEL_COLOURS = {
    "MEDICAMENT": "#1565c0",
    "PATHOLOGIE": "#c62828",
    "SYMPTOME": "#ef6c00",
    "ALLERGENE": "#6a1b9a",
    "EXAMEN": "#2e7d32",
    "ANATOMIE": "#6d4c41",
    "POSOLOGIE": "#00838f",
}
EVIDENCE_COLOUR = "#f9a825"
WITHHELD = "Aperçu de la page réservé aux rôles autorisés à voir l'identité des patients (voir l'onglet Texte)."
ZOOM = 1.3


@dataclass
class PageImage:
    image: QImage | None  # None when the document has no page image (a text file)
    number: int
    count: int
    focus: tuple[int, int] | None = None
    notice: str = ""  # why there is no image, for the user


def colour_for(highlight: dict) -> str:
    if highlight["kind"] == "entite":
        return LABEL_COLOURS.get(highlight["label"], EVIDENCE_COLOUR)
    return EVIDENCE_COLOUR


def render_page(
    data: bytes, number: int, highlights: list[dict], focus: tuple[int, int] | None = None,
    redact: list[tuple[int, int]] | None = None, read_pages: set[int] = frozenset(),
) -> PageImage:
    """Page `number` (1-based) with every highlight on it tinted by label; the span `focus` (start, end) outlined.
    With `redact` (the (start, end) of every piece of personal data in the text), personal data is blacked out,
    and the page is withheld when some of it has no known place or when the page's text was never read
    (`read_pages`: pages read by OCR; an unread scan could show anything)."""
    identities = [h for h in highlights if h["kind"] == "identite"]
    if redact is not None:
        placed = {(h["start"], h["end"]) for h in identities if h["rects"]}
        if not set(map(tuple, redact)) <= placed:
            return PageImage(None, 1, 1, notice=WITHHELD)
    try:
        document = pymupdf.open(stream=data)
    except Exception:
        return PageImage(None, 1, 1)
    with document:
        if document.page_count == 0:
            return PageImage(None, 1, 1)
        count = document.page_count
        number = min(max(number, 1), count)
        if redact is not None and number not in read_pages and not document[number - 1].get_text().strip():
            return PageImage(None, number, count, notice=WITHHELD)
        pixmap = document[number - 1].get_pixmap(matrix=pymupdf.Matrix(ZOOM, ZOOM), alpha=False)
        image = QImage(pixmap.samples, pixmap.width, pixmap.height, pixmap.stride, QImage.Format.Format_RGB888).copy()
    painter = QPainter(image)
    shown = [h for h in highlights if h["kind"] != "identite"]
    evidence_first = sorted(shown, key=lambda highlight: highlight["kind"] == "entite")
    for highlight in evidence_first:
        colour = QColor(colour_for(highlight))
        focused = (
            focus is not None and highlight["kind"] == "entite"
            and (highlight["start"], highlight["end"]) == tuple(focus)
        )
        for page, x0, y0, x1, y1 in highlight["rects"]:
            if page != number:
                continue
            rect = QRectF(x0 * ZOOM, y0 * ZOOM, (x1 - x0) * ZOOM, (y1 - y0) * ZOOM)
            fill = QColor(colour)
            fill.setAlpha(70 if highlight["kind"] == "entite" else 45)
            painter.fillRect(rect, fill)
            if focused:
                painter.setPen(QPen(colour, 3))
                painter.drawRect(rect.adjusted(-3, -3, 3, 3))
    if redact is not None:
        for highlight in identities:
            for page, x0, y0, x1, y1 in highlight["rects"]:
                if page == number:
                    # OCR boxes are loose at the word's ends: a margin of a third of the line height hides them
                    margin = (y1 - y0) / 3
                    rect = QRectF((x0 - margin) * ZOOM, y0 * ZOOM - 2, (x1 - x0 + 2 * margin) * ZOOM, (y1 - y0) * ZOOM + 4)
                    painter.fillRect(rect, QColor("black"))
    painter.end()
    return PageImage(image, number, count, tuple(focus) if focus else None)
