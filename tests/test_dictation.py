"""Dictated text (inference/dictation.py): spoken numbers, e-mail addresses and punctuation are written out for
the de-identification rules, and what they find is marked on the spoken words."""
from __future__ import annotations

from inference.deidentification import deidentify, find_personal_data
from inference.dictation import written_form

DICTATED = ("madame Odette Paquet virgule domiciliée au quinze avenue du Maréchal Leclerc code postal soixante-neuf "
            "zéro zéro trois Lyon point à la ligne\nsa fille joignable au zéro six quarante et un vingt-deux dix-huit "
            "zéro neuf ou par mail à claire tiret marie point dupuis arobase wanadoo point fr point à la ligne\n"
            "IPP : quatre un zéro zéro sept huit deux un six trois point")


def _labelled(text: str) -> dict[str, set[str]]:
    labelled: dict[str, set[str]] = {}
    for item in find_personal_data(text):
        labelled.setdefault(item.label, set()).add(item.text)
    return labelled


def test_spoken_numbers_addresses_and_punctuation_are_written_out() -> None:
    written, spans = written_form(DICTATED)
    assert "au 15 avenue du Maréchal Leclerc code postal 69 003 Lyon.\n" in written
    assert "joignable au 06 41 22 18 09 ou par mail à claire-marie.dupuis@wanadoo.fr.\n" in written
    assert written.endswith("IPP : 4100782163.")
    start, end = spans[written.index("69 003")][0], spans[written.index("69 003") + 5][1]
    assert DICTATED[start:end] == "soixante-neuf zéro zéro trois"


def test_a_dictated_letters_personal_data_is_found_on_the_spoken_words() -> None:
    labelled = _labelled(DICTATED)
    assert "soixante-neuf zéro zéro trois" in labelled["CODE_POSTAL"]
    assert "zéro six quarante et un vingt-deux dix-huit zéro neuf" in labelled["TELEPHONE"]
    assert "claire tiret marie point dupuis arobase wanadoo point fr" in labelled["EMAIL"]
    assert "quatre un zéro zéro sept huit deux un six trois" in labelled["IPP"]
    masked = deidentify(DICTATED, find_personal_data(DICTATED))
    assert "wanadoo" not in masked and "dix-huit" not in masked and "Lyon" not in masked


def test_a_date_the_rules_read_in_words_stays_whole_and_everyday_numbers_stay_words() -> None:
    text = "Mme Vernier Colette, née le douze mars mil neuf cent quarante-huit, prend deux comprimés le matin."
    assert _labelled(text)["DATE_NAISSANCE"] == {"douze mars mil neuf cent quarante-huit"}
    assert written_form("Prendre deux comprimés le matin et un le soir.") is None


def test_ordinals_a_digit_said_after_what_it_numbers_and_a_weekday_before_a_day_in_words() -> None:
    written, _ = written_form("résidence les Pins virgule escalier quatre virgule au troisième étage point à la ligne")
    assert written == "résidence les Pins, escalier 4, au 3e étage."
    assert _labelled("rentre à son domicile le vendredi huit septembre virgule")["DATE"] == {"vendredi huit septembre"}
