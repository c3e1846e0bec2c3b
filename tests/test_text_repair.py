"""Export damage undone with the way back to the original: what de-identification reads in a damaged document."""
from __future__ import annotations

import pytest

from inference.deidentification import find_personal_data
from inference.text_repair import repair


@pytest.mark.parametrize("damaged, repaired", [
    ("Mme LEFÃˆVRE HÃ©lÃ¨ne, nÃ©e le 03/05/1957", "Mme LEFÈVRE Hélène, née le 03/05/1957"),
    ("Patiente : ClÃƒÂ©ment AurÃƒÂ©lie", "Patiente : Clément Aurélie"),  # read wrongly twice
    ("Personne Ã  prÃ©venirÂ : sa fille", "Personne à prévenir : sa fille"),
    ("<p>Monsieur B&Eacute;NARD J&eacute;r&ocirc;me</p>", "\nMonsieur BÉNARD Jérôme\n"),
    ("M&amp;eacute;decin : Dr Ch&amp;eacute;ron", "Médecin : Dr Chéron"),
    ('{"nom":"Th\\u00e9baud","prenom":"Andr\\u00e9e"}', '{"nom":"Thébaud","prenom":"Andrée"}'),
    ("{\\rtf1\\ansi \\b Patient :\\b0  GU\\'c9GUEN Ren\\'e9\\par N\\'e9 le", "{Patient : GUÉGUEN René\nNé le"),
    ("Mme L=C3=A9tang C=C3=A9line", "Mme Létang Céline"),
    ("b'Patient : M\\xc3\\xa9nez \\xc3\\x89lise", "b'Patient : Ménez Élise"),
    ("Dr Luc Co\ufb03n", "Dr Luc Coffin"),
    ("Patiente : **ROBIN** *Clémence*, Hb 10.2*", "Patiente : ROBIN Clémence, Hb 10.2*"),
    ("Dr Cl\ufffdment, Mme In?s", "Dr Clement, Mme Ines"),
])
def test_damage_is_undone(damaged: str, repaired: str) -> None:
    text, spans = repair(damaged)
    assert text == repaired
    assert len(spans) == len(text) and all(0 <= start < end <= len(damaged) for start, end in spans)


def test_every_repaired_character_points_at_what_it_came_from() -> None:
    damaged = "Nom : J&eacute;r&ocirc;me"
    text, spans = repair(damaged)
    start, end = spans[text.index("é")]
    assert damaged[start:end] == "&eacute;"


@pytest.mark.parametrize("clean", ["CHÂTEAU-THIERRY, JOÃO", "C:\\Users\\nadia", "CRP < 5 mg/l", "<ADRESSE>1 rue X</ADRESSE>",
                                   "le patient va bien ?", "Hb 10.2* (N 12-16)"])
def test_clean_text_and_an_xml_exports_labels_are_left_alone(clean: str) -> None:
    assert repair(clean) is None


def test_personal_data_in_a_damaged_export_is_found_and_marked_in_the_original() -> None:
    damaged = ("<tr><td>Nom</td><td><b>DUPUIS</b></td><td>Pr&eacute;nom</td><td>G&eacute;rard</td></tr>\n"
               "Mme LEFÃˆVRE HÃ©lÃ¨ne, nÃ©e le 03/05/1957")
    found = {(item.label, item.text) for item in find_personal_data(damaged)}
    assert {("PERSONNE", "DUPUIS"), ("PERSONNE", "G&eacute;rard"), ("DATE_NAISSANCE", "03/05/1957")} <= found
    assert any(label == "PERSONNE" and "HÃ©lÃ¨ne" in text for label, text in found)


def test_no_break_spaces_read_as_spaces() -> None:
    text = "Dr\u00a0Paul\u00a0MARTIN, 12\u00a0rue des Lilas"
    found = {(item.label, item.text) for item in find_personal_data(text)}
    assert ("PERSONNE", "Paul\u00a0MARTIN") in found and ("ADRESSE", "12\u00a0rue des Lilas") in found


def test_a_long_document_with_one_damaged_line_maps_back_through_its_undamaged_text() -> None:
    page = "Le patient va bien, tension 12/8, poursuite du traitement.\n" * 5000
    damaged = page + "Nom : J&eacute;r&ocirc;me DUPONT\n" + page
    text, spans = repair(damaged)
    assert len(spans) == len(text) == len(damaged) - len("&eacute;&ocirc;") + len("éô")
    start = text.index("Jérôme")
    assert damaged[spans[start][0]:spans[start + len("Jérôme DUPONT") - 1][1]] == "J&eacute;r&ocirc;me DUPONT"
    assert spans[len(text) - 1] == (len(damaged) - 1, len(damaged))
