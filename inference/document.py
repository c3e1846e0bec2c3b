"""Reading a file into text: PDF text layer (PyMuPDF), French OCR for scanned pages, images, or plain text.

`Document.text` is the text of SPEC §6: a .txt file's content unchanged, a PDF's pages in order joined by a
form feed, each page's text layer or, for pages without a usable one, its OCR. Every later offset refers to this
string; `pages` maps offsets back to page numbers and `locate` to rectangles on the page (for highlighting).
"""
from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

from inference import ocr as ocr_engine

PAGE_SEPARATOR = "\f"
MAX_FILE_BYTES = 200 * 1024 * 1024
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp"}
_TEXT_FLAGS = pymupdf.TEXTFLAGS_TEXT & ~pymupdf.TEXT_PRESERVE_LIGATURES
# MuPDF prints damage reports on stdout, which would break `medclair analyse --json`; damage becomes a French
# UnreadableDocument message instead.
pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)

Box = tuple[float, float, float, float]


class UnreadableDocument(Exception):
    """The file cannot be analysed; the message is meant for the user (French)."""


@dataclass
class Page:
    number: int  # 1-based
    start: int  # offset of the page's first character in Document.text
    end: int
    ocr: bool = False
    width: float = 0.0  # page size in PDF points (0 for text files)
    height: float = 0.0
    # One box per character of text[start:end] (PDF points, origin top-left); empty for text files.
    boxes: list[Box] = field(default_factory=list, repr=False)


@dataclass
class Highlight:
    """A rectangle on a page covering part of a span, for the GUI to draw."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class Document:
    filename: str
    sha256: str
    data: bytes
    text: str
    pages: list[Page] = field(default_factory=list)
    # Things the user should know about the reading (French), e.g. a scanned page left unread.
    warnings: list[str] = field(default_factory=list)

    @property
    def ocr_pages(self) -> list[int]:
        return [page.number for page in self.pages if page.ocr]

    def page_at(self, offset: int) -> int:
        """Page number (1-based) holding the character at `offset`."""
        starts = [page.start for page in self.pages]
        index = bisect.bisect_right(starts, offset) - 1
        return self.pages[max(index, 0)].number if self.pages else 1

    def locate(self, start: int, end: int) -> list[Highlight]:
        """Rectangles covering text[start:end], one per line piece, on the pages where it lies."""
        highlights: list[Highlight] = []
        for page in self.pages:
            if not page.boxes or page.end <= start or page.start >= end:
                continue
            current: list[float] | None = None
            boxes, first = page.boxes, page.start
            for offset in range(max(start, page.start), min(end, page.end)):
                x0, y0, x1, y1 = boxes[offset - first]
                if x1 <= x0 and y1 <= y0:  # line break or separator: no ink
                    continue
                same_line = current is not None and abs(y0 - current[1]) < 0.5 * (y1 - y0 or 1) and x0 >= current[0]
                if same_line:  # plain comparisons: this loop runs for every character of every finding
                    if x1 > current[2]:
                        current[2] = x1
                    if y1 > current[3]:
                        current[3] = y1
                    if y0 < current[1]:
                        current[1] = y0
                else:
                    if current is not None:
                        highlights.append(Highlight(page.number, *current))
                    current = [x0, y0, x1, y1]
            if current is not None:
                highlights.append(Highlight(page.number, *current))
        return highlights


def read_document(path: Path | str, ocr: bool = True) -> Document:
    """Read a PDF, an image or a .txt file; `ocr=False` leaves scanned pages unread (setting of the clinic)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise UnreadableDocument(f"{path.name} : fichier introuvable ou illisible ({error.strerror}).") from error
    if size == 0:
        raise UnreadableDocument(f"{path.name} : le fichier est vide.")
    if size > MAX_FILE_BYTES:
        raise UnreadableDocument(f"{path.name} : fichier trop volumineux ({size // (1024 * 1024)} Mo).")
    data = path.read_bytes()
    sha256 = hashlib.sha256(data).hexdigest()
    suffix = path.suffix.lower()
    if suffix == ".txt":
        text = _decode_text(data, path.name)
        return Document(path.name, sha256, data, text, [Page(1, 0, len(text))])
    if suffix in IMAGE_SUFFIXES:
        return _read_pdf(path.name, sha256, data, _image_to_pdf(data, path.name), ocr)
    if not data.startswith(b"%PDF"):
        raise UnreadableDocument(f"{path.name} : ce n'est pas un PDF, une image ni un fichier texte.")
    return _read_pdf(path.name, sha256, data, data, ocr)


def _decode_text(data: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableDocument(f"{name} : encodage du texte non reconnu.")


def _image_to_pdf(data: bytes, name: str) -> bytes:
    try:
        with pymupdf.open(stream=data) as image:
            return image.convert_to_pdf()
    except Exception as error:
        raise UnreadableDocument(f"{name} : image endommagée ou format non reconnu.") from error


def _page_text(textpage_source: dict) -> tuple[str, list[Box]]:
    """Text and one box per character, built from PyMuPDF's rawdict so that both agree by construction."""
    chars: list[str] = []
    boxes: list[Box] = []
    for block in textpage_source["blocks"]:
        if block.get("type") != 0:
            continue
        for line in block["lines"]:
            for span in line["spans"]:
                for char in span["chars"]:
                    chars.append(char["c"])
                    boxes.append(tuple(char["bbox"]))
            if chars and chars[-1] != "\n":
                chars.append("\n")
                boxes.append((0.0, 0.0, 0.0, 0.0))
    return "".join(chars), boxes


def _read_pdf(name: str, sha256: str, data: bytes, pdf_bytes: bytes, ocr: bool) -> Document:
    try:
        pdf = pymupdf.open(stream=pdf_bytes, filetype="pdf")
    except Exception as error:
        raise UnreadableDocument(f"{name} : PDF endommagé, impossible de l'ouvrir.") from error
    with pdf:
        if pdf.needs_pass:
            raise UnreadableDocument(f"{name} : PDF protégé par un mot de passe.")
        if pdf.page_count == 0:
            raise UnreadableDocument(f"{name} : le PDF ne contient aucune page.")
        parts: list[str] = []
        pages: list[Page] = []
        unread: list[int] = []
        ocr_failure = ""
        offset = 0
        try:
            for index, page in enumerate(pdf):
                if index:
                    parts.append(PAGE_SEPARATOR)
                    offset += len(PAGE_SEPARATOR)
                page_text, boxes = _page_text(page.get_text("rawdict", flags=_TEXT_FLAGS))
                scanned = ocr_engine.needs_ocr(page, page_text)
                if scanned and ocr and not ocr_failure:
                    try:
                        textpage = ocr_engine.ocr_textpage(page)
                        page_text, boxes = _page_text(page.get_text("rawdict", textpage=textpage, flags=_TEXT_FLAGS))
                    except ocr_engine.OcrError as error:
                        ocr_failure = str(error)
                        scanned_unread = True
                    else:
                        scanned_unread = False
                else:
                    scanned_unread = scanned
                if scanned_unread:
                    unread.append(index + 1)
                parts.append(page_text)
                pages.append(Page(index + 1, offset, offset + len(page_text), ocr=scanned and not scanned_unread,
                                  width=page.rect.width, height=page.rect.height, boxes=boxes))
                offset += len(page_text)
        except Exception as error:
            raise UnreadableDocument(f"{name} : PDF endommagé, lecture du texte impossible.") from error
    text = "".join(parts)
    warnings = []
    if unread:
        listed = ", ".join(str(number) for number in unread)
        reason = ocr_failure or "la reconnaissance de caractères (OCR) est désactivée dans les réglages."
        warnings.append(f"{name} : page(s) scannée(s) non lue(s) ({listed}) : {reason}")
    if not text.strip():
        if unread:
            raise UnreadableDocument(f"{name} : document scanné sans texte lisible ; {reason}")
        raise UnreadableDocument(f"{name} : aucun texte lisible (page blanche ou document scanné illisible).")
    return Document(name, sha256, data, text, pages, warnings)
