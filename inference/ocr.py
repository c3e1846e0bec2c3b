"""French OCR of scanned PDF pages with the Tesseract engine built into PyMuPDF.

PyMuPDF's wheel carries Tesseract but not its language data: the `fra` traineddata comes from Debian's
`tesseract-ocr-fra` package (or any folder named by TESSDATA_PREFIX). Nothing is downloaded.
"""
from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import pymupdf

LANGUAGE = "fra"
DPI = 300
# A page whose text layer has fewer visible characters than this, and that shows an image, is treated as a scan.
MIN_TEXT_CHARS = 20
# A picture covering this share of the page, under a text layer shorter than this, is a scan with a header.
SCAN_COVERAGE = 0.5
SCAN_WITH_HEADER_CHARS = 300
# Share of U+FFFD / private-use characters above which a text layer is garbage (bad font encoding) and OCR is better.
MAX_GARBAGE_RATIO = 0.3

_CANDIDATE_DIRS = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
    r"C:\Program Files\Tesseract-OCR\tessdata",
)

UNAVAILABLE_MESSAGE = (
    "reconnaissance de caractères (OCR) indisponible : les données de langue française de Tesseract "
    "(fra.traineddata) sont introuvables ; installez le paquet tesseract-ocr-fra ou renseignez TESSDATA_PREFIX."
)


@lru_cache(maxsize=1)
def tessdata_dir() -> Path | None:
    """The folder holding fra.traineddata; sets TESSDATA_PREFIX when it was unset so that PyMuPDF finds it."""
    configured = os.environ.get("TESSDATA_PREFIX")
    candidates = [configured] if configured else []
    candidates += list(_CANDIDATE_DIRS)
    for candidate in candidates:
        folder = Path(candidate)
        if (folder / f"{LANGUAGE}.traineddata").is_file():
            if not configured:
                os.environ["TESSDATA_PREFIX"] = str(folder)
            return folder
    return None


class OcrError(RuntimeError):
    """OCR could not run; the message is meant for the user (French)."""


def available() -> bool:
    return tessdata_dir() is not None


def garbage_ratio(text: str) -> float:
    visible = [char for char in text if not char.isspace()]
    if not visible:
        return 0.0
    bad = sum(1 for char in visible if char == "\ufffd" or 0xE000 <= ord(char) <= 0xF8FF)
    return bad / len(visible)


def needs_ocr(page: pymupdf.Page, text: str) -> bool:
    """True when the page shows an image but its text layer is missing, nearly empty or unreadable, or when a
    picture covers most of the page and the text layer is only a line or two (a fax header over a scan)."""
    visible = sum(1 for char in text if not char.isspace())
    if visible < MIN_TEXT_CHARS or garbage_ratio(text) > MAX_GARBAGE_RATIO:
        return bool(page.get_images(full=False)) or (visible == 0 and bool(page.get_drawings()))
    if visible < SCAN_WITH_HEADER_CHARS and page.get_images(full=False):
        return image_coverage(page) >= SCAN_COVERAGE
    return False


def image_coverage(page: pymupdf.Page) -> float:
    """Share of the page area under the largest picture."""
    area = abs(page.rect) or 1.0
    largest = 0.0
    for info in page.get_image_info():
        box = pymupdf.Rect(info["bbox"]) & page.rect
        largest = max(largest, abs(box))
    return largest / area


def ocr_textpage(page: pymupdf.Page, dpi: int = DPI) -> pymupdf.TextPage:
    """Run Tesseract (French) on the whole rendered page; raises OcrError when it cannot."""
    folder = tessdata_dir()
    if folder is None:
        raise OcrError(UNAVAILABLE_MESSAGE)
    try:
        return page.get_textpage_ocr(language=LANGUAGE, dpi=dpi, full=True, tessdata=str(folder))
    except Exception as error:
        raise OcrError(f"échec de la reconnaissance de caractères (OCR) : {error}") from error
