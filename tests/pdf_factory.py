"""Real PDFs made in the tests, with PyMuPDF: text pages, and image-only pages like a scanner's."""
from __future__ import annotations

from pathlib import Path

import pymupdf


def make_text_pdf(path: Path, pages: list[str]) -> Path:
    """A PDF whose pages carry `pages` as a real text layer (Helvetica, A4, wrapped)."""
    pdf = pymupdf.open()
    for text in pages:
        page = pdf.new_page(width=595, height=842)
        page.insert_htmlbox(pymupdf.Rect(56, 56, 539, 786), _as_html(text), css="* {font-family: sans-serif; font-size: 11pt;}")
    pdf.save(path)
    pdf.close()
    return path


def _as_html(text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "".join(f"<p>{line}</p>" if line else "<p>&nbsp;</p>" for line in escaped.split("\n"))
