"""French names shown in the interface for the engine's codes."""
from __future__ import annotations

ELEMENT_LABELS = {
    "identite_patient": "Identité du patient",
    "age": "Âge ou date de naissance",
    "sexe": "Sexe",
    "motif": "Motif de la demande",
    "symptomes": "Symptômes",
    "antecedents": "Antécédents",
    "allergies": "Allergies",
    "traitement_en_cours": "Traitement en cours",
    "diagnostic": "Diagnostic",
    "posologie": "Posologie",
    "examen_demande": "Examen demandé",
    "resultats_examens": "Résultats d'examens",
    "urgence": "Urgence ou délai",
    "medecin_demandeur": "Médecin demandeur",
    "date_demande": "Date de la demande",
    "fonction_renale": "Fonction rénale (créatinine, DFG)",
    "grossesse": "Grossesse possible",
    "duree_symptomes": "Durée des symptômes",
}

ENTITY_LABELS = {
    "MEDICAMENT": "Médicament",
    "PATHOLOGIE": "Pathologie",
    "SYMPTOME": "Symptôme",
    "ALLERGENE": "Allergène",
    "EXAMEN": "Examen",
    "ANATOMIE": "Anatomie",
    "POSOLOGIE": "Posologie",
}

FLAG_LABELS = {"H": "élevé", "L": "bas", "N": "normal"}


def element_label(code: str) -> str:
    return ELEMENT_LABELS.get(code, code.replace("_", " ").capitalize())
