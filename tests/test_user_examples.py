"""The user's own examples (SPEC §5) must come out exactly as the user said."""
from __future__ import annotations

import pytest

from inference import Engine


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load()


def test_chest_pain_feared_heart_attack_is_a_symptom_not_a_diagnosis(engine):
    analysis = engine.analyse_text("Patient se plaignant de douleur thoracique, pense à une crise cardiaque.")
    symptoms = analysis.elements.present["symptomes"]
    assert any("douleur thoracique" in span.text for span in symptoms)
    assert "diagnostic" in analysis.elements.missing
    assert "traitement_en_cours" in analysis.elements.missing


def test_renewal_for_asthma_has_treatment_but_asks_symptoms_and_diagnosis(engine):
    analysis = engine.analyse_text("Consultation pour renouvellement de médicaments pour l'asthme.")
    assert analysis.request_type.code == "renouvellement"
    assert "traitement_en_cours" in analysis.elements.present
    assert "symptomes" in analysis.elements.missing
    assert "diagnostic" in analysis.elements.missing
    question = next(q.text for q in analysis.questions if q.element == "diagnostic")
    assert "asthme" in question


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Le patient rapporte une réaction allergique sévère aux arachides.", True),
        ("Consultation demandée pour douleurs chroniques au dos.", False),
        ("La patiente demande un renouvellement de son ordonnance pour l'asthme.", False),
        ("Mention d'une allergie au latex dans le dossier du patient.", True),
        ("Un nouveau patient mentionne une allergie aux noix.", True),
    ],
)
def test_allergy_detection_on_the_users_sentences(engine, sentence, expected):
    assert engine.analyse_text(sentence).allergy_mentioned.value is expected


def test_no_known_allergy_is_allergy_information_but_not_an_allergy(engine):
    analysis = engine.analyse_text("Mme Roux, 54 ans. Pas d'allergie connue. Renouvellement de son traitement.")
    assert analysis.allergy_mentioned.value is False
    assert "allergies" in analysis.elements.present
