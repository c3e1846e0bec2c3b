"""The extractive summary of an analysis record."""
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
    assert "Résultats anormaux : Potassium 6,4 mmol/L (haut), Hémoglobine 10,5 g/dL (bas)." in lines
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
