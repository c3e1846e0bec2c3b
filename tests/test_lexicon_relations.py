"""Drug -> condition relations stated in the text, on lexicon entities."""
import pytest

from inference.lexicon import Lexicons
from inference.qualifiers import qualify
from inference.relations import find_treats


@pytest.fixture(scope="module")
def lexicons():
    return Lexicons.load("resources")


@pytest.mark.parametrize("text, expected", [
    ("Consultation pour renouvellement de médicaments pour l'asthme.", [("médicaments", "asthme")]),
    ("Il est sous Eliquis 5 mg 2 fois par jour pour une fibrillation auriculaire.",
     [("Eliquis", "fibrillation auriculaire")]),
    ("HTA traitée par ramipril et amlodipine.", [("ramipril", "HTA"), ("amlodipine", "HTA")]),
    ("Ramipril, amlodipine et bisoprolol dans le cadre d'une HTA.",
     [("Ramipril", "HTA"), ("amlodipine", "HTA"), ("bisoprolol", "HTA")]),
    ("Hypothyroïdie équilibrée sous Levothyrox 75 µg.", [("Levothyrox", "Hypothyroïdie")]),
    ("Diabète de type 2 sous metformine 1000 mg matin et soir, HTA.", [("metformine", "Diabète de type 2")]),
    ("Doliprane 1 g. Pas de fièvre.", []),
    ("Augmentin pour éliminer... non : pas de pneumopathie.", []),
])
def test_find_treats(lexicons, text, expected):
    entities = lexicons.find_entities(text)
    qualify(text, entities)
    assert [(d.text, c.text) for d, c in find_treats(text, entities)] == expected
