"""Reading a file into text: PDF text layer (PyMuPDF) or plain text, with page boundaries kept.

`Document.text` is the text of SPEC §6: a .txt file's content unchanged, a PDF's pages in order joined by a
form feed. Every later offset refers to this string; `pages` maps offsets back to page numbers.
"""
from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

PAGE_SEPARATOR = "\f"
MAX_FILE_BYTES = 200 * 1024 * 1024
_TEXT_FLAGS = pymupdf.TEXTFLAGS_TEXT & ~pymupdf.TEXT_PRESERVE_LIGATURES


class UnreadableDocument(Exception):
    """The file cannot be analysed; the message is meant for the user (French)."""


@dataclass
class Page:
    number: int  # 1-based
    start: int  # offset of the page's first character in Document.text
    end: int
    ocr: bool = False


@dataclass
class Document:
    filename: str
    sha256: str
    data: bytes
    text: str
    pages: list[Page] = field(default_factory=list)

    @property
    def ocr_pages(self) -> list[int]:
        return [page.number for page in self.pages if page.ocr]

    def page_at(self, offset: int) -> int:
        """Page number (1-based) holding the character at `offset`."""
        starts = [page.start for page in self.pages]
        index = bisect.bisect_right(starts, offset) - 1
        return self.pages[max(index, 0)].number if self.pages else 1


def read_document(path: Path | str) -> Document:
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
    if path.suffix.lower() == ".txt":
        text = _decode_text(data, path.name)
        return Document(path.name, sha256, data, text, [Page(1, 0, len(text))])
    if not data.startswith(b"%PDF"):
        raise UnreadableDocument(f"{path.name} : ce n'est pas un PDF ni un fichier texte.")
    return _read_pdf(path.name, sha256, data)


def _decode_text(data: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableDocument(f"{name} : encodage du texte non reconnu.")


def _read_pdf(name: str, sha256: str, data: bytes) -> Document:
    try:
        pdf = pymupdf.open(stream=data, filetype="pdf")
    except Exception as error:
        raise UnreadableDocument(f"{name} : PDF endommagé, impossible de l'ouvrir.") from error
    with pdf:
        if pdf.needs_pass:
            raise UnreadableDocument(f"{name} : PDF protégé par un mot de passe.")
        if pdf.page_count == 0:
            raise UnreadableDocument(f"{name} : le PDF ne contient aucune page.")
        parts: list[str] = []
        pages: list[Page] = []
        offset = 0
        try:
            for index, page in enumerate(pdf):
                if index:
                    parts.append(PAGE_SEPARATOR)
                    offset += len(PAGE_SEPARATOR)
                page_text = page.get_text("text", flags=_TEXT_FLAGS)
                parts.append(page_text)
                pages.append(Page(index + 1, offset, offset + len(page_text)))
                offset += len(page_text)
        except Exception as error:
            raise UnreadableDocument(f"{name} : PDF endommagé, lecture du texte impossible.") from error
    text = "".join(parts)
    if not text.strip():
        raise UnreadableDocument(f"{name} : aucun texte lisible (document scanné sans reconnaissance de caractères).")
    return Document(name, sha256, data, text, pages)
