"""Qualifiers on the known failures of rule systems, with entities found by the real lexicon."""
import pytest

from inference.lexicon import Lexicons
from inference.qualifiers import qualify
from inference.sections import find_sentences


@pytest.fixture(scope="module")
def lexicons():
    return Lexicons.load("resources")


def flags(lexicons, text):
    entities = lexicons.find_entities(text)
    qualify(text, entities)
    return {e.text: {q for q in ("negated", "hypothesis", "family", "history") if getattr(e, q)} for e in entities}


def test_ne_permet_pas_d_exclure_is_a_hypothesis_not_a_negation(lexicons):
    got = flags(lexicons, "Le scanner ne permet pas d'exclure une embolie pulmonaire.")
    assert got["embolie pulmonaire"] == {"hypothesis"}


def test_une_is_not_ne(lexicons):
    got = flags(lexicons, "Patiente présentant une toux sèche et une fièvre à 39.")
    assert got == {"toux sèche": set(), "fièvre": set()}


def test_coordination_with_ni_negates_both(lexicons):
    got = flags(lexicons, "Pas de fièvre ni de toux.")
    assert got == {"fièvre": {"negated"}, "toux": {"negated"}}


def test_mais_and_sauf_end_the_scope(lexicons):
    got = flags(lexicons, "Absence de fièvre, mais toux persistante. Aucun traitement sauf Doliprane.")
    assert got["fièvre"] == {"negated"}
    assert got["toux"] == set()
    assert got["Doliprane"] == set()


def test_comma_ends_the_scope_unless_the_list_goes_on(lexicons):
    assert flags(lexicons, "Pas de fièvre, toux productive depuis 5 jours.")["toux productive"] == set()
    assert flags(lexicons, "Pas de fièvre, de toux ni de dyspnée.")["toux"] == {"negated"}


def test_scope_stays_in_its_sentence(lexicons):
    got = flags(lexicons, "Pas de diabète. HTA traitée par ramipril.")
    assert got["diabète"] == {"negated"} and got["HTA"] == set()


def test_pseudo_negations(lexicons):
    assert flags(lexicons, "Pas d'amélioration de la dyspnée.")["dyspnée"] == set()
    assert flags(lexicons, "Pas de contre-indication au Kardegic.")["Kardegic"] == set()


def test_no_known_allergy_leaves_nothing_to_negate(lexicons):
    got = flags(lexicons, "Pas d'allergie connue. Pas d'allergie à l'iode.")
    assert got == {"iode": {"negated"}}


def test_family_history_and_sections(lexicons):
    text = (
        "Antécédents :\nHTA\nIDM en 2015\n\nAntécédents familiaux : cancer du sein (mère).\n"
        "Histoire de la maladie : toux depuis 10 jours. Sa mère a un diabète."
    )
    got = flags(lexicons, text)
    assert got["HTA"] == {"history"} and got["IDM"] == {"history"}
    assert got["cancer du sein"] == {"family"}
    assert got["toux"] == set()
    assert got["diabète"] == {"family"}


def test_patient_fear_is_a_hypothesis(lexicons):
    got = flags(lexicons, "Patient se plaignant de douleur thoracique, pense à une crise cardiaque.")
    assert got == {"douleur thoracique": set(), "crise cardiaque": {"hypothesis"}}


def test_post_cues(lexicons):
    assert flags(lexicons, "Embolie pulmonaire éliminée.")["Embolie pulmonaire"] == {"negated"}
    assert flags(lexicons, "Pneumopathie probable.")["Pneumopathie"] == {"hypothesis"}
    assert flags(lexicons, "Diabète de type 2 chez la mère.")["Diabète de type 2"] == {"family"}


def test_sentences_keep_list_lines_apart_and_join_wrapped_lines():
    text = "Pas de fièvre\nni de toux.\nHTA\nDiabète"
    assert [text[s:e].strip() for s, e in find_sentences(text)] == ["Pas de fièvre\nni de toux.", "HTA", "Diabète"]


def test_exceptions_and_contraindications(lexicons):
    assert flags(lexicons, "Pas d'allergie connue à part le pollen.")["pollen"] == set()
    assert flags(lexicons, "Kétoprofène contre-indiqué (allergie aux AINS).")["Kétoprofène"] == {"negated"}


def test_letters_from_relatives_and_questions(lexicons):
    assert flags(lexicons, "Bonjour, ma fille de 8 mois a de la fièvre depuis hier.")["fièvre"] == set()
    assert flags(lexicons, "Mon père de 70 ans a des douleurs thoraciques.")["douleurs thoraciques"] == set()
    got = flags(lexicons, "IRM avec injection, résistante à Ixprim 2 cp/j et kinésithérapie ? Sciatique L5 ?")
    assert got["Ixprim"] == set() and got["Sciatique"] == {"hypothesis"}
    got = flags(lexicons, "Je me demande s'il ne s'agit pas d'une migraine.")
    assert got["migraine"] == {"hypothesis"}


def test_any_heading_ends_a_history_section(lexicons):
    got = flags(lexicons, "ATCD : IDM, insuffisance cardiaque.\nTTT : Kardegic, bisoprolol.\nATCD hémorroïdes.")
    assert got["IDM"] == {"history"} and got["Kardegic"] == set() and got["bisoprolol"] == set()
    assert got["hémorroïdes"] == {"history"}
