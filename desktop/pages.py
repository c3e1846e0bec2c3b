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
ZOOM = 1.3


@dataclass
class PageImage:
    image: QImage | None  # None when the document has no page image (a text file)
    number: int
    count: int
    focus: tuple[int, int] | None = None


def colour_for(highlight: dict) -> str:
    if highlight["kind"] == "entite":
        return LABEL_COLOURS.get(highlight["label"], EVIDENCE_COLOUR)
    return EVIDENCE_COLOUR


def render_page(data: bytes, number: int, highlights: list[dict], focus: tuple[int, int] | None = None) -> PageImage:
    """Page `number` (1-based) with every highlight on it tinted by label; the span `focus` (start, end) outlined."""
    try:
        document = pymupdf.open(stream=data)
    except Exception:
        return PageImage(None, 1, 1)
    with document:
        if document.page_count == 0:
            return PageImage(None, 1, 1)
        count = document.page_count
        number = min(max(number, 1), count)
        pixmap = document[number - 1].get_pixmap(matrix=pymupdf.Matrix(ZOOM, ZOOM), alpha=False)
        image = QImage(pixmap.samples, pixmap.width, pixmap.height, pixmap.stride, QImage.Format.Format_RGB888).copy()
    painter = QPainter(image)
    evidence_first = sorted(highlights, key=lambda highlight: highlight["kind"] == "entite")
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
    painter.end()
    return PageImage(image, number, count, tuple(focus) if focus else None)
