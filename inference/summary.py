"""A few French lines that say what a document is about (SPEC §2.7), built from the analysis record only.

Extractive: the reason for the request is quoted from the text; the rest lists what was found (current
diagnoses, symptoms, drugs with their dose, allergies, exams, abnormal lab values, alerts) and what is missing.
Negated, hypothetical and family mentions are kept apart so that "pas de fièvre" never reads as a fever.
"""
from __future__ import annotations


from inference.analysis import Analysis, Entity
from inference.dosage import find_dose_pairs
from inference.elements import find_patient_facts
from inference.lab_results import severity
from inference.sections import find_sentences

ELEMENT_LABELS = {
    "identite_patient": "identité du patient", "age": "âge", "sexe": "sexe", "motif": "motif",
    "symptomes": "symptômes", "antecedents": "antécédents", "allergies": "allergies",
    "traitement_en_cours": "traitement en cours", "diagnostic": "diagnostic", "posologie": "posologie",
    "examen_demande": "examen demandé", "resultats_examens": "résultats d'examens", "urgence": "urgence",
    "medecin_demandeur": "médecin demandeur", "date_demande": "date du document",
    "fonction_renale": "fonction rénale", "grossesse": "grossesse possible", "duree_symptomes": "durée des symptômes",
}
MAX_ITEMS = 6


def element_label(code: str) -> str:
    """The French name of an element code, for every text a user reads (summary, terminal report)."""
    return ELEMENT_LABELS.get(code, code.replace("_", " "))


def _unique(items: list[str]) -> list[str]:
    seen, out = set(), []
    for item in (" ".join(i.split()) for i in items):
        key = item.lower()
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def _listing(items: list[str]) -> str:
    items = _unique(items)
    more = len(items) - MAX_ITEMS
    return ", ".join(items[:MAX_ITEMS]) + (f" (+{more})" if more > 0 else "")


def _fr(number: float) -> str:
    return f"{number:g}".replace(".", ",")


def _sentence_around(text: str, start: int, limit: int = 160) -> str:
    """The sentence holding ``start`` (abbreviations like "M." and wrapped lines kept), on one line."""
    left, right = start, len(text)
    for s, e in find_sentences(text):
        if s <= start < e:
            left, right = s, e
            break
    sentence = " ".join(text[left:right].split()).rstrip(".")
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def summarise(analysis: Analysis) -> str:
    text, entities = analysis.text, analysis.entities
    lines = []
    if analysis.request_type.code:
        lines.append(f"Type : {analysis.request_type.label}.")
    facts = find_patient_facts(text)
    sex, age = facts.sex, facts.age
    who = [{"F": "femme", "M": "homme"}[sex]] if sex else []
    if age is not None:
        who.append(f"{age} ans")
    if who:
        lines.append("Patient : " + ", ".join(who) + ".")
    motif = analysis.elements.present.get("motif")
    if motif:
        lines.append(f"Motif : « {_sentence_around(text, motif[0].start)} ».")

    def current(label: str) -> list[Entity]:
        return [e for e in entities if e.label == label and not (e.negated or e.hypothesis or e.family)]

    diagnoses = [e.text for e in current("PATHOLOGIE") if not e.history]
    history = [e.text for e in current("PATHOLOGIE") if e.history]
    hypotheses = [e.text for e in entities if e.label == "PATHOLOGIE" and e.hypothesis and not e.negated]
    if diagnoses:
        lines.append(f"Pathologies : {_listing(diagnoses)}.")
    if history:
        lines.append(f"Antécédents : {_listing(history)}.")
    if hypotheses:
        lines.append(f"Hypothèses évoquées : {_listing(hypotheses)}.")
    symptoms = [e.text for e in current("SYMPTOME")]
    absent = [e.text for e in entities if e.label == "SYMPTOME" and e.negated]
    if symptoms or absent:
        parts = [_listing(symptoms)] if symptoms else []
        if absent:
            parts.append(f"absence de {_listing(absent)}")
        lines.append(f"Symptômes : {' ; '.join(parts)}.")
    drugs = [e for e in current("MEDICAMENT") if not e.history]
    if drugs:
        doses = {id(drug): dose.text for drug, dose in find_dose_pairs(text, drugs)}
        listed = [f"{d.text} {' '.join(doses[id(d)].split())}" if id(d) in doses else d.text for d in drugs]
        lines.append(f"Traitements : {_listing(listed)}.")
    allergens = current("ALLERGENE")
    if allergens:
        lines.append(f"Allergies : {_listing([e.text for e in allergens])}.")
    elif "allergies" in analysis.elements.present:
        lines.append("Allergies : pas d'allergie connue.")
    measured = [(r.start, r.end) for r in analysis.lab_results]
    exams = [e.text for e in entities if e.label == "EXAMEN" and not e.negated and not e.history
             and not any(s <= e.start < t for s, t in measured)]
    if exams:
        lines.append(f"Examens : {_listing(exams)}.")
    abnormal = [r for r in analysis.lab_results if r.flag in ("H", "L")]
    if abnormal:
        shown = [f"{r.test} {_fr(r.value)}{' ' + r.unit if r.unit else ''} ({'haut' if r.flag == 'H' else 'bas'}, "
                 f"{severity(r)})" for r in abnormal]
        lines.append(f"Résultats anormaux : {_listing(shown)}.")
    for alert in analysis.alerts[:3]:
        lines.append(f"Alerte : {alert.text}")
    if analysis.elements.missing:
        missing = [element_label(m) for m in analysis.elements.missing]
        lines.append(f"Éléments manquants : {', '.join(missing)}.")
    return "\n".join(lines)
