"""The compiled lexicon and its matcher on French letter text."""
import pytest

from inference.lexicon import Lexicons, normalise


@pytest.fixture(scope="module")
def lexicons():
    return Lexicons.load("resources")


def found(lexicons, text):
    return {(e.label, e.text, e.code.value if e.code else None) for e in lexicons.find_entities(text)}


def test_abbreviations_are_linked_to_cim10(lexicons):
    got = found(lexicons, "ATCD : HTA, DT2, BPCO, IDM et AVC. Bilan : NFS.")
    assert {("PATHOLOGIE", "HTA", "I10"), ("PATHOLOGIE", "DT2", "E11.9"), ("PATHOLOGIE", "BPCO", "J44.9"),
            ("PATHOLOGIE", "IDM", "I21.9"), ("PATHOLOGIE", "AVC", "I64"), ("EXAMEN", "NFS", None)} <= got


def test_brands_and_substances_get_atc_codes(lexicons):
    got = found(lexicons, "Augmentin, DOLIPRANE, levothyrox et metformine ; amoxicilline.")
    assert ("MEDICAMENT", "Augmentin", "J01CR02") in got
    assert ("MEDICAMENT", "DOLIPRANE", "N02BE01") in got
    assert ("MEDICAMENT", "levothyrox", "H03AA01") in got
    assert ("MEDICAMENT", "metformine", "A10BA02") in got
    assert ("MEDICAMENT", "amoxicilline", "J01CA04") in got


def test_accents_case_plurals_and_line_breaks(lexicons):
    got = found(lexicons, "DOULEURS THORACIQUES, cephalees, insuffisance\nrenale chronique")
    assert ("SYMPTOME", "DOULEURS THORACIQUES", "R07.4") in got
    assert ("SYMPTOME", "cephalees", "R51") in got
    assert ("PATHOLOGIE", "insuffisance\nrenale chronique", "N18.9") in got


def test_word_boundaries(lexicons):
    assert found(lexicons, "Shtar, avcx, nfsq") == set()


def test_allergy_context_makes_an_allergen(lexicons):
    text = "Allergie à la pénicilline et à l'iode. Traitement : amoxicilline 1 g. Scanner avec iode."
    entities = lexicons.find_entities(text)
    labels = [(e.label, e.text) for e in entities]
    assert ("ALLERGENE", "pénicilline") in labels and ("ALLERGENE", "iode") in labels
    assert ("MEDICAMENT", "amoxicilline") in labels
    assert [e.text for e in entities].count("iode") == 1  # "iode" outside an allergy is not an allergen


def test_user_allergy_examples(lexicons):
    for text, allergen in [("Le patient rapporte une réaction allergique sévère aux arachides.", "arachides"),
                           ("Mention d'une allergie au latex dans le dossier du patient.", "latex"),
                           ("Un nouveau patient mentionne une allergie aux noix.", "noix")]:
        assert ("ALLERGENE", allergen, None) in found(lexicons, text)


def test_offsets_point_into_the_text_with_pages(lexicons):
    text = "Page un.\fToux et fièvre."
    entities = lexicons.find_entities(text)
    assert all(text[e.start:e.end] == e.text and e.source == "lexicon" for e in entities)
    assert {e.page for e in entities} == {2}


def test_normalise():
    assert normalise("Œdèmes des Membres-Inférieurs") == "oedeme des membre inferieur"


def test_allergy_context_across_lines_only_in_a_list(lexicons):
    listed = "Allergies :\n- pénicilline\n- iode\nTraitement :\n- amoxicilline 1 g"
    labels = {(e.label, e.text) for e in lexicons.find_entities(listed)}
    assert labels == {("ALLERGENE", "pénicilline"), ("ALLERGENE", "iode"), ("MEDICAMENT", "amoxicilline")}
    form = "Allergie à l'iode : non\nMetformine : oui (850 mg x 2)"
    assert ("MEDICAMENT", "Metformine") in {(e.label, e.text) for e in lexicons.find_entities(form)}
