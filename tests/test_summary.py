"""The extractive summary of an analysis record."""
import json

from inference.alerts import find_alerts
from inference.analysis import Analysis, AllergyMention, DocumentInfo, Elements, RequestType, Span
from inference.dosage import find_doses
from inference.lab_results import find_lab_results
from inference.lexicon import Lexicons
from inference.qualifiers import qualify
from inference.elements import PatientFacts, find_patient_facts
from inference.summary import summarise

LETTER = """Le 12/03/2024
Objet : demande de scanner thoracique injecté
Madame X, 72 ans, pour suspicion d'embolie pulmonaire. Dyspnée depuis 3 jours, pas de fièvre ni de toux.
Antécédents : HTA, BPCO.
Allergie à l'iode.
Traitement : ramipril 10 mg 1 cp le matin, Kardegic.
Kaliémie 6,4 mmol/L. Hémoglobine 10,5 g/dL.
Dr Y"""


def analyse(text, motif_cue="pour suspicion"):
    entities = Lexicons.load("resources").find_entities(text)
    qualify(text, entities)
    facts = find_patient_facts(text)
    labs = find_lab_results(text, sex=facts.sex, age=facts.age)
    entities += find_doses(text, entities)
    motif = text.index(motif_cue)
    return Analysis(
        document=DocumentInfo("0" * 64, "lettre.pdf", 1), text=text,
        request_type=RequestType("imagerie", "Demande d'examen d'imagerie", 0.9),
        allergy_mentioned=AllergyMention(True, 0.9), entities=entities, lab_results=labs,
        elements=Elements(present={"motif": [Span(motif, motif + 14, text[motif:motif + 14])]},
                          missing=["urgence", "posologie"]),
        alerts=find_alerts(text, entities, labs),
    )


def test_summary_lines():
    lines = summarise(analyse(LETTER)).splitlines()
    assert lines[0] == "Type : Demande d'examen d'imagerie."
    assert lines[1] == "Patient : femme, 72 ans."
    assert lines[2].startswith("Motif : « Madame X, 72 ans, pour suspicion d'embolie pulmonaire")
    assert "Antécédents : HTA, BPCO." in lines
    assert "Hypothèses évoquées : embolie pulmonaire." in lines
    assert "Symptômes : Dyspnée ; absence de fièvre, toux." in lines
    assert "Traitements : ramipril 10 mg 1 cp le matin, Kardegic." in lines
    assert "Allergies : iode." in lines
    assert "Examens : scanner thoracique." in lines
    assert "Résultats anormaux : Potassium 6,4 mmol/L (haut, sévère), Hémoglobine 10,5 g/dL (bas, légère)." in lines
    assert sum(line.startswith("Alerte : ") for line in lines) == 3
    assert lines[-1] == "Éléments manquants : urgence, posologie."


def test_motif_sentence_keeps_abbreviations_and_wrapped_lines():
    text = "Je vous adresse M. Z, 68 ans, pour avis concernant des douleurs\nthoraciques d'effort. Merci."
    lines = summarise(analyse(text, "Je vous")).splitlines()
    assert "Motif : « Je vous adresse M. Z, 68 ans, pour avis concernant des douleurs thoraciques d'effort »." in lines
    assert "Symptômes : douleurs thoraciques." in lines


def test_sex_and_age():
    assert find_patient_facts("M. Z, 45 ans, consulte.") == PatientFacts("M", 45)
    assert find_patient_facts("Patiente née le 01/02/1950.") == PatientFacts("F", None)
    assert find_patient_facts("Le patient, bilan joint.") == PatientFacts(None, None)


OLD_RECORD = {  # a record stored before severity was shown: lab results carry no severity of their own
    "schema_version": 1,
    "document": {"sha256": "0" * 64, "filename": "biologie.pdf", "pages": 1, "ocr_pages": [], "chars": 60},
    "text": "Kaliémie 6,4 mmol/L (3,5 - 5,0). CRP 12 mg/L (< 5). Sodium 140 mmol/L (136 - 145).",
    "request_type": {"code": "resultats", "label": "Transmission de résultats", "score": 0.9},
    "allergy_mentioned": {"value": False, "score": 0.9},
    "lab_results": [
        {"test": "Potassium", "value": 6.4, "unit": "mmol/L", "low": 3.5, "high": 5.0, "flag": "H", "start": 0, "end": 31},
        {"test": "CRP", "value": 12.0, "unit": "mg/L", "low": None, "high": 5.0, "flag": "H", "start": 33, "end": 50},
        {"test": "Sodium", "value": 140.0, "unit": "mmol/L", "low": 136.0, "high": 145.0, "flag": "N", "start": 52,
         "end": 81},
    ],
}


def test_an_old_stored_record_summary_shows_the_severity_of_abnormal_values():
    lines = summarise(Analysis.from_json(json.dumps(OLD_RECORD))).splitlines()
    assert "Résultats anormaux : Potassium 6,4 mmol/L (haut, sévère), CRP 12 mg/L (haut, modérée)." in lines
