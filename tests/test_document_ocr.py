"""Scanned pages are read by French OCR; text pages are kept as they are; OCR can be off or missing."""
from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from inference import ocr
from inference.document import UnreadableDocument, read_document
from inference.pipeline import Engine

LETTER = [
    "Madame Lucie Garçon, 68 ans, élève en formation.",
    "Motif : fièvre à 39 °C et toux depuis une semaine.",
    "Traitement : amoxicilline 1 g matin et soir.",
    "Allergie à la pénicilline connue.",
    "Pourriez-vous préciser la posologie exacte ?",
]


def _text_page(document: pymupdf.Document, lines: list[str]) -> pymupdf.Page:
    page = document.new_page(width=595, height=842)
    for index, line in enumerate(lines):
        page.insert_text((60, 90 + 28 * index), line, fontsize=14)
    return page


def _scanned_page(document: pymupdf.Document, lines: list[str]) -> None:
    """An image-only page, as a scanner makes it: the text page rendered to a grey picture."""
    source = pymupdf.open()
    pixmap = _text_page(source, lines).get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    page = document.new_page(width=595, height=842)
    page.insert_image(page.rect, pixmap=pixmap)
    source.close()


def _save(document: pymupdf.Document, path: Path) -> Path:
    document.save(path)
    document.close()
    return path


@pytest.fixture
def scanned_pdf(tmp_path: Path) -> Path:
    document = pymupdf.open()
    _scanned_page(document, LETTER)
    return _save(document, tmp_path / "scan.pdf")


@pytest.fixture
def text_pdf(tmp_path: Path) -> Path:
    document = pymupdf.open()
    _text_page(document, LETTER)
    return _save(document, tmp_path / "texte.pdf")


def test_scanned_page_is_read_with_its_french_accents(scanned_pdf: Path) -> None:
    document = read_document(scanned_pdf)
    assert document.ocr_pages == [1]
    assert document.pages[0].ocr
    for word in ("Garçon", "élève", "fièvre", "à", "pénicilline", "préciser", "amoxicilline"):
        assert word in document.text, word
    # OCR boxes are in page coordinates: the word is highlighted where the typed page drew it.
    source = pymupdf.open()
    (drawn,) = _text_page(source, LETTER).search_for("amoxicilline")
    start = document.text.index("amoxicilline")
    (box,) = document.locate(start, start + len("amoxicilline"))
    assert abs(box.x0 - drawn.x0) < 4 and abs(box.x1 - drawn.x1) < 4 and abs(box.y1 - drawn.y1) < 4


def test_scanned_letter_gives_the_same_analysis_as_its_text_version(scanned_pdf: Path, text_pdf: Path) -> None:
    engine = Engine.load()
    scanned, typed = engine.analyse(scanned_pdf), engine.analyse(text_pdf)
    assert scanned.document.ocr_pages == [1] and typed.document.ocr_pages == []
    assert scanned.request_type.code == typed.request_type.code
    assert scanned.allergy_mentioned.value == typed.allergy_mentioned.value is True
    assert set(scanned.elements.present) == set(typed.elements.present)
    assert {(entity.label, entity.text.lower()) for entity in scanned.entities} == {
        (entity.label, entity.text.lower()) for entity in typed.entities
    }


def test_mixed_document_keeps_its_text_pages_and_reads_the_scanned_one(tmp_path: Path) -> None:
    document = pymupdf.open()
    _text_page(document, ["Page tapée : créatinine 85 µmol/L."])
    _scanned_page(document, ["Page scannée : hémoglobine 9,8 g/dL."])
    path = _save(document, tmp_path / "mixte.pdf")
    with pymupdf.open(path) as pdf:
        typed_layer = pdf[0].get_text("text", flags=pymupdf.TEXTFLAGS_TEXT & ~pymupdf.TEXT_PRESERVE_LIGATURES)
    read = read_document(path)
    assert read.ocr_pages == [2]
    first = read.pages[0]
    assert read.text[first.start:first.end] == typed_layer
    second = read.pages[1]
    assert "hémoglobine" in read.text[second.start:second.end]
    assert read.page_at(read.text.index("hémoglobine")) == 2


def test_a_faxed_scan_with_a_typed_header_line_is_read_by_ocr(tmp_path: Path) -> None:
    document = pymupdf.open()
    _scanned_page(document, ["", "", "Demande de scanner thoracique pour dyspnée."])
    document[0].insert_text((40, 30), "Fax reçu le 12/03/2024 à 10:32 - page 1/1", fontsize=9)
    read = read_document(_save(document, tmp_path / "fax.pdf"))
    assert read.ocr_pages == [1]
    assert "dyspnée" in read.text


def test_highlight_rectangles_point_at_the_word_on_its_page(tmp_path: Path) -> None:
    document = pymupdf.open()
    _text_page(document, ["Première page sans intérêt."])
    _text_page(document, ["Ligne un.", "Traitement : Bisoprolol 2,5 mg."])
    read = read_document(_save(document, tmp_path / "deux.pdf"))
    start = read.text.index("Bisoprolol")
    (box,) = read.locate(start, start + len("Bisoprolol"))
    assert box.page == 2
    assert 60 < box.x0 < box.x1 < 300
    assert box.y0 < 118 <= box.y1 + 1  # the second line's baseline is at y = 118


def test_ocr_switched_off_leaves_a_french_message(scanned_pdf: Path) -> None:
    with pytest.raises(UnreadableDocument, match="désactivée"):
        read_document(scanned_pdf, ocr=False)


def test_missing_french_language_data_gives_a_french_message(
    scanned_pdf: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path / "vide"))
    monkeypatch.setattr(ocr, "_CANDIDATE_DIRS", ())
    ocr.tessdata_dir.cache_clear()
    try:
        with pytest.raises(UnreadableDocument, match="tesseract-ocr-fra"):
            read_document(scanned_pdf)
    finally:
        ocr.tessdata_dir.cache_clear()


def test_a_photographed_page_as_an_image_file_is_read(tmp_path: Path) -> None:
    source = pymupdf.open()
    pixmap = _text_page(source, ["Compte rendu : épanchement pleural droit."]).get_pixmap(dpi=200)
    image = tmp_path / "photo.png"
    pixmap.save(image)
    read = read_document(image)
    assert read.ocr_pages == [1]
    assert "épanchement" in read.text
