"""The clean view repairs extraction damage and keeps the way back to the original text and its pages."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pymupdf

from inference.cleaning import clean, find_repeated_edges
from inference.deidentification import find_personal_data
from inference.document import read_document

HEADER = ["CENTRE HOSPITALIER DE NANTES", "Service de cardiologie - Tél. 02 40 08 33 33"]
FOOTER = ["Document confidentiel - ne pas diffuser", "Page {page}/2"]
PAGE_ONE = [
    "Cher confrère,",
    "Je vous adresse Mme Durand pour un avis concer-",
    "nant une dyspnée d'effort : elle présente",
    "depuis trois semaines une toux sèche.",
]
PAGE_TWO = [
    "Traitement :",
    "- Kardégic 75 mg le matin",
    "- Bisoprolol 2,5 mg le soir",
    "Cordialement,",
]


def _letter(tmp_path: Path) -> Path:
    document = pymupdf.open()
    for number, body in ((1, PAGE_ONE), (2, PAGE_TWO)):
        page = document.new_page(width=595, height=842)
        lines = HEADER + body
        for index, line in enumerate(lines):
            page.insert_text((60, 60 + 20 * index), line, fontsize=11)
        for index, line in enumerate(FOOTER):
            page.insert_text((60, 780 + 20 * index), line.format(page=number), fontsize=9)
    path = tmp_path / "lettre.pdf"
    document.save(path)
    document.close()
    return path


def test_two_page_letter_loses_its_header_and_footer_and_keeps_its_way_back(tmp_path: Path) -> None:
    document = read_document(_letter(tmp_path))
    view = clean(document.text)
    for line in HEADER + ["Document confidentiel", "Page 1/2", "Page 2/2"]:
        assert line not in view.text
    assert "pour un avis concernant une dyspnée d'effort : elle présente depuis trois semaines" in view.text
    assert "- Bisoprolol 2,5 mg le soir" in view.text
    # A clean span maps back to the same words in the original text, on the right page and place.
    start = view.text.index("Bisoprolol")
    original_start, original_end = view.to_original(start, start + len("Bisoprolol"))
    assert document.text[original_start:original_end] == "Bisoprolol"
    assert document.page_at(original_start) == 2
    (box,) = document.locate(original_start, original_end)
    assert box.page == 2 and box.y0 < 60 + 20 * 4 <= box.y1 + 1  # fifth line of page 2
    # A word cut by a hyphen at a line end maps back to both halves.
    start = view.text.index("concernant")
    original_start, original_end = view.to_original(start, start + len("concernant"))
    assert document.text[original_start:original_end] == "concer-\nnant"
    assert document.page_at(original_start) == 1
    # And back again: an original span finds its clean span.
    original_start = document.text.index("Kardégic")
    clean_start, clean_end = view.to_clean(original_start, original_start + len("Kardégic"))
    assert view.text[clean_start:clean_end] == "Kardégic"


def test_removed_header_lines_are_reported_with_their_original_spans(tmp_path: Path) -> None:
    document = read_document(_letter(tmp_path))
    removed = [document.text[start:end].strip() for start, end in find_repeated_edges(document.text)]
    assert removed.count(HEADER[0]) == 2
    assert "Page 1/2" in removed and "Page 2/2" in removed
    assert not any("Cher confrère" in line or "Cordialement" in line for line in removed)


def test_unicode_is_normalised_and_every_character_maps_back() -> None:
    decomposed = unicodedata.normalize("NFD", "fébrile")
    original = f"Patiente\u00a0{decomposed}, \u201cdi\ufb03cile\u201d \u2019 e\ufb00ort \u2013 soft\u00adhyphen."
    view = clean(original)
    assert view.text == 'Patiente fébrile, "difficile" \' effort - softhyphen.'
    assert unicodedata.is_normalized("NFC", view.text)
    start = view.text.index("fébrile")
    original_start, original_end = view.to_original(start, start + len("fébrile"))
    assert original[original_start:original_end] == decomposed
    start = view.text.index("difficile")
    original_start, original_end = view.to_original(start, start + len("difficile"))
    assert original[original_start:original_end] == "di\ufb03cile"
    for index in range(len(view.text)):
        original_start, original_end = view.to_original(index, index + 1)
        assert 0 <= original_start < original_end <= len(original)


def test_utf8_read_as_windows_1252_is_read_back_and_its_names_are_found() -> None:
    original = "Patiente : Mme MÃ‰NARD HÃ©lÃ¨ne, nÃ©e le 17/03/1952 ; câ€™est sa sÅ“ur. SÃO PAULO, Â"
    view = clean(original)
    assert view.text == "Patiente : Mme MÉNARD Hélène, née le 17/03/1952 ; c'est sa sœur. SÃO PAULO, Â"
    start = view.text.index("Hélène")
    original_start, original_end = view.to_original(start, start + len("Hélène"))
    assert original[original_start:original_end] == "HÃ©lÃ¨ne"
    names = {item.text for item in find_personal_data(view.text) if item.label == "PERSONNE"}
    assert "MÉNARD Hélène" in names


def test_lines_are_joined_inside_sentences_but_not_before_list_items_or_headings() -> None:
    original = "Le patient présente\nune douleur thoracique.\nAntécédents :\n- HTA\n- diabète de type 2\nConclusion"
    view = clean(original)
    assert view.text.startswith("Le patient présente une douleur thoracique.\nAntécédents :\n- HTA\n- diabète")
    assert view.text.endswith("\nConclusion")


def test_a_colon_pushed_to_the_next_line_by_ocr_joins_its_heading() -> None:
    view = clean("Traitement\n: amoxicilline 1 g.\nAllergies\n: aucune.")
    assert view.text == "Traitement : amoxicilline 1 g.\nAllergies : aucune."


def test_a_single_page_keeps_its_first_and_last_lines() -> None:
    original = "Hôpital Nord\nPage 1/1\nMotif : toux.\nHôpital Nord"
    assert find_repeated_edges(original) == []
    assert clean(original).text == original


def test_empty_and_separator_only_text() -> None:
    assert clean("").text == ""
    view = clean("\f\f")
    assert view.text == ""
    assert view.to_original(0, 0) == (2, 2)
