"""Doses attached to their drug, on a renewal letter with the usual ways of writing them."""
import pytest

from inference.dosage import drugs_without_dose, find_dose_pairs, find_doses, parse_dose
from inference.lexicon import Lexicons

RENEWAL = """Objet : renouvellement d'ordonnance
Cher confrère, merci de renouveler le traitement de M. X, 67 ans :
- Metformine 1000 mg : 1 cp matin et soir
- Kardegic 75 mg, 1 sachet le midi
- Amlodipine 5 mg 1 cp/j
- Ramipril 10 mg
  1 comprimé le matin
- Doliprane 1000 mg x 3/j si douleur pendant 5 jours.
Augmentin (amoxicilline/acide clavulanique) 1 g matin et soir pendant 7 jours.
Ventoline 2 bouffées si besoin. Levothyrox 75 µg à jeun.
Lovenox 4000 UI en SC une fois par jour pendant 10 jours.
Eliquis 5 mg 2 fois par jour ; Tahor 20 mg 1 cp le soir.
"""


@pytest.fixture(scope="module")
def drugs():
    return [e for e in Lexicons.load("resources").find_entities(RENEWAL) if e.label == "MEDICAMENT"]


def test_every_drug_of_the_renewal_letter_gets_its_dose(drugs):
    assert len(drugs) == 12
    assert drugs_without_dose(RENEWAL, drugs) == []
    doses = {drug.text: dose.text for drug, dose in find_dose_pairs(RENEWAL, drugs)}
    assert doses["Metformine"] == "1000 mg : 1 cp matin et soir"
    assert doses["Amlodipine"] == "5 mg 1 cp/j"
    assert doses["Ramipril"] == "10 mg\n  1 comprimé le matin"
    assert doses["Doliprane"] == "1000 mg x 3/j si douleur pendant 5 jours"
    assert doses["Augmentin"] == doses["amoxicilline/acide clavulanique"] == "1 g matin et soir pendant 7 jours"
    assert doses["Tahor"] == "20 mg 1 cp le soir"


def test_doses_are_posologie_entities_with_offsets(drugs):
    doses = find_doses(RENEWAL, drugs)
    assert all(d.label == "POSOLOGIE" and RENEWAL[d.start:d.end] == d.text for d in doses)
    assert len(doses) == 11  # Augmentin and its substances share one


def test_a_drug_without_dose_is_reported():
    text = "Sous Kardegic et metformine 850 mg matin et soir."
    drugs = [e for e in Lexicons.load("resources").find_entities(text) if e.label == "MEDICAMENT"]
    assert [d.text for d in drugs_without_dose(text, drugs)] == ["Kardegic"]


def test_parse_dose():
    parts = parse_dose("4000 UI en SC une fois par jour pendant 10 jours")
    assert (parts.strength, parts.frequency, parts.duration, parts.route) == (
        "4000 UI", "une fois par jour", "pendant 10 jours", "en SC")
    assert parse_dose("1 cp").frequency == ""


@pytest.mark.parametrize("text, dose", [
    ("le renouvelement de mon ordonance pour le levothyrox 75 merci", "75"),
    ("MODOPAR 125, 1 gélule 3 fois par jour ; furosémide 40 mg", "125, 1 gélule 3 fois par jour"),
    ("amlodipine 5mg 1 le matin", "5mg 1 le matin"),
    ("ventoline en cas de crise", "en cas de crise"),
    ("Lovenox 4000 UI (1 injection sc par jour) et soins", "4000 UI (1 injection sc par jour)"),
])
def test_doses_as_patients_and_nurses_write_them(text, dose):
    drugs = [e for e in Lexicons.load("resources").find_entities(text) if e.label == "MEDICAMENT"]
    assert find_dose_pairs(text, drugs)[0][1].text == dose
