"""Sections and sentences of French medical letters, as spans of the text given."""
from __future__ import annotations

from inference.cleaning import clean
from inference.sections import find_sections, find_sentences, section_at

LETTER = """Cher confrère,
Je vous adresse M. Dupont, 72 ans. Motif : douleur thoracique.
ANTÉCÉDENTS
- HTA, diabète de type 2.
Histoire de la maladie : douleur depuis 3 jours.
Traitement habituel : Kardégic 75 mg 1 cp. le matin, metformine 1000 mg.
Allergies : pénicilline.
Examen clinique : TA 150/90. Le patient est vu par le Dr. Martin.
Résultats : Hb 12 g/dL.
Au total, angor probable.
Conclusion
Coronarographie à prévoir."""


def test_headings_with_colon_alone_on_their_line_or_in_capitals_are_found() -> None:
    sections = find_sections(LETTER)
    assert [section.name for section in sections] == [
        "motif", "antecedents", "histoire_maladie", "traitement", "allergies", "examen_clinique", "resultats",
        "conclusion", "conclusion",
    ]
    by_name = {section.name: section for section in sections}
    assert LETTER[by_name["allergies"].start:by_name["allergies"].end].strip() == "pénicilline."
    assert LETTER[by_name["antecedents"].title_start:].startswith("ANTÉCÉDENTS")
    treatment = by_name["traitement"]
    assert "Kardégic" in LETTER[treatment.start:treatment.end]
    assert section_at(sections, LETTER.index("metformine")).name == "traitement"
    assert section_at(sections, LETTER.index("Cher")) is None


def test_common_words_are_not_headings_without_a_colon() -> None:
    text = "Le suivi sera assuré par le médecin traitant.\nExamen\nLa demande est urgente."
    assert find_sections(text) == []


def test_sections_work_on_the_clean_view_too() -> None:
    view = clean(LETTER.replace("Allergies : pénicilline.", "Allergies : péni-\ncilline."))
    allergies = next(section for section in find_sections(view.text) if section.name == "allergies")
    assert view.text[allergies.start:allergies.end].strip() == "pénicilline."


def test_sentences_do_not_split_after_french_abbreviations() -> None:
    sentences = [LETTER[start:end] for start, end in find_sentences(LETTER)]
    assert "Je vous adresse M. Dupont, 72 ans." in sentences
    assert "Traitement habituel : Kardégic 75 mg 1 cp. le matin, metformine 1000 mg." in sentences
    assert "Le patient est vu par le Dr. Martin." in sentences
    assert "ANTÉCÉDENTS" in sentences
    text = "Vu par le Pr. Bernard et Mme Roux. Prise de 2 cps. par jour. Fin."
    assert [text[start:end] for start, end in find_sentences(text)] == [
        "Vu par le Pr. Bernard et Mme Roux.", "Prise de 2 cps. par jour.", "Fin."
    ]
