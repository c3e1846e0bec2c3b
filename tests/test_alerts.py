"""Alerts fire on test letters and stay silent on their negated versions (real lexicon, qualifiers, labs)."""
import pytest

from inference.alerts import find_alerts
from inference.lab_results import find_lab_results
from inference.lexicon import Lexicons
from inference.qualifiers import qualify


@pytest.fixture(scope="module")
def lexicons():
    return Lexicons.load("resources")


def kinds(lexicons, text):
    entities = lexicons.find_entities(text)
    qualify(text, entities)
    return sorted(a.kind for a in find_alerts(text, entities, find_lab_results(text)))


ALLERGY_LETTER = ("Madame X, 54 ans, allergique à l'amoxicilline (urticaire en 2019).\n"
                  "Je vous propose Augmentin 1 g matin et soir pendant 7 jours pour sa sinusite.")


def test_drug_of_the_allergy_class(lexicons):
    entities = lexicons.find_entities(ALLERGY_LETTER)
    qualify(ALLERGY_LETTER, entities)
    (alert,) = find_alerts(ALLERGY_LETTER, entities, [])
    assert alert.kind == "allergie_medicament"
    assert "Augmentin" in alert.text and "pénicillines" in alert.text
    assert [s.text for s in alert.evidence] == ["amoxicilline", "Augmentin"]


@pytest.mark.parametrize("text", [
    "Pas d'allergie connue. Je vous propose Augmentin 1 g matin et soir pendant 7 jours.",
    "Pas d'allergie à l'amoxicilline. Augmentin 1 g matin et soir.",
    "Sa mère est allergique à la pénicilline. Augmentin 1 g x 2/j.",
    "Allergie à la pénicilline. Doliprane 1 g si douleur.",
])
def test_allergy_alert_silent(lexicons, text):
    assert kinds(lexicons, text) == []


def test_nsaid_class(lexicons):
    assert kinds(lexicons, "Allergie aux AINS. Ibuprofène 400 mg si douleur.") == ["allergie_medicament"]


def test_contrast_with_contrast_allergy_and_no_renal_function(lexicons):
    text = "Merci de réaliser un scanner thoracique injecté. Allergie à l'iode (choc en 2015)."
    assert kinds(lexicons, text) == ["contraste_allergie", "contraste_fonction_renale"]


def test_contrast_alerts_silent(lexicons):
    assert kinds(lexicons, "Scanner thoracique injecté. Pas d'allergie à l'iode. Créatinine 80 µmol/L.") == []
    assert kinds(lexicons, "Scanner thoracique injecté. Pas d'allergie connue. DFG à 75 mL/min.") == []
    assert kinds(lexicons, "Scanner thoracique sans injection. Allergie à l'iode.") == []
    assert kinds(lexicons, "IRM cérébrale sans gadolinium. Pas d'allergie connue.") == []


def test_gadolinium(lexicons):
    text = "IRM cérébrale avec injection de gadolinium. Allergie au gadolinium. DFG 75 mL/min/1,73m²."
    assert kinds(lexicons, text) == ["contraste_allergie"]


def test_values_far_outside_range(lexicons):
    assert kinds(lexicons, "Kaliémie 6,8 mmol/L. Hémoglobine 6,2 g/dL.") == ["valeur_critique", "valeur_critique"]
    assert kinds(lexicons, "Kaliémie 5,3 mmol/L. CRP 48 mg/L (< 5).") == []


def test_contrast_with_impaired_renal_function(lexicons):
    assert kinds(lexicons, "Scanner injecté. Pas d'allergie connue. Créatinine 250 µmol/L.") == [
        "contraste_insuffisance_renale"]
    assert kinds(lexicons, "Scanner injecté. Pas d'allergie connue. DFG 25 mL/min/1,73m².") == [
        "contraste_insuffisance_renale", "valeur_critique"]
    assert kinds(lexicons, "Scanner injecté. Pas d'allergie connue. DFG 75 mL/min/1,73m².") == []


def test_one_contrast_allergy_alert_for_several_mentions(lexicons):
    text = "TDM abdominale avec PDC. Réaction allergique au PDC iodé en 2019, allergie à l'iode. DFG > 90."
    assert kinds(lexicons, text) == ["contraste_allergie"]
