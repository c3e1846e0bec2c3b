"""Rule-based request type (SPEC §3): weighted cue phrases, the strongest type wins.

This is the transparent fallback and the baseline the fine-tuned request model must beat; the pipeline prefers
the model's answer when a model is shipped.
"""
from __future__ import annotations

import re

from inference.analysis import RequestType
from inference.folding import fold

LABELS = {
    "renouvellement": "Renouvellement d'ordonnance",
    "avis_specialiste": "Demande d'avis / adressage à un spécialiste",
    "imagerie": "Demande d'examen d'imagerie",
    "biologie": "Demande d'examen biologique",
    "resultats": "Transmission de résultats (compte rendu de laboratoire, d'imagerie)",
    "hospitalisation": "Demande d'hospitalisation / d'admission",
    "certificat": "Demande de certificat médical",
    "consultation": "Demande de consultation (nouveau problème)",
    "compte_rendu": "Compte rendu (consultation, hospitalisation, sortie)",
    "autre": "Autre",
}

_IMAGING = r"(?:scanner|tdm|irm|echographie|echo|radiographie|radio|mammographie|doppler|scintigraphie|tep|angioscanner|uroscanner|arthroscanner|densitometrie|imagerie)"
_LAB = r"(?:bilan (?:biologique|sanguin|hepatique|renal|lipidique|thyroidien|martial|inflammatoire)|prise de sang|nfs|crp|ionogramme|hba1c|tsh|ecbu|serologie|dosage|glycemie|ferritine|creatinine|inr|psa)"
_ASK = r"(?:demande|prescri|merci de (?:bien vouloir )?(?:realiser|pratiquer|faire)|faire (?:pratiquer|realiser)|realiser|pratiquer|a faire)"

_CUES: dict[str, list[tuple[str, float]]] = {
    "renouvellement": [
        (r"\brenouvel\w*", 3.0), (r"\b(?:refaire|renouveler) (?:l'|son |sa |mon |ma )?ordonnance\b", 3.0),
        (r"\bplus de (?:medicaments?|comprimes|traitement)\b", 2.0), (r"\bfin de (?:boite|traitement)\b", 1.5),
    ],
    "avis_specialiste": [
        (r"\b(?:votre avis|pour avis|demande d'avis|avis specialise|avis (?:cardio|pneumo|neuro|gastro|dermato|rhumato|endocrino|uro|gyneco|ortho|psy)\w*)\b", 3.0),
        (r"\bje vous (?:adresse|confie)\b", 2.5), (r"\bcher(?:e)? (?:confrere|consoeur|collegue|ami)\b", 1.0),
        (r"\bvotre (?:expertise|prise en charge specialisee)\b", 2.0),
    ],
    "imagerie": [
        (rf"\b{_ASK}\w* (?:(?:d'|de |un |une |l'|la |le )\w* ?)?{_IMAGING}\b", 3.5), (rf"\b{_IMAGING}\b", 1.0),
        (r"\b(?:injecte|avec injection|produit de contraste|gadolinium|sans injection)\b", 1.0),
    ],
    "biologie": [
        (rf"\b{_ASK}\w* (?:(?:d'|de |un |une |l'|la |le )\w* ?)?{_LAB}\b", 3.5), (rf"\b{_LAB}\b", 0.8),
        (r"\b(?:a jeun|laboratoire d'analyses|prelevement sanguin)\b", 1.0),
    ],
    "resultats": [
        (r"\b(?:compte[ -]rendu (?:de laboratoire|d'analyses|d'examen|d'imagerie|de biologie)|resultats? (?:d'analyses|de (?:la )?biologie|du bilan|de l'examen)|valeurs (?:de reference|usuelles)|biologiste|laboratoire de biologie)\b", 3.0),
        (r"\b(?:ci-joint|veuillez trouver|je vous transmets|transmission) (?:les |des )?resultats\b", 3.0),
        (r"\b(?:valeurs? normales?|normes?)\s*:", 1.0),
    ],
    "hospitalisation": [
        (r"\b(?:hospitalis\w*|admission|admettre|demande d'entree|transfert|lit (?:d'hospitalisation|en)|hdj|hopital de jour)\b", 2.5),
        (r"\bservice (?:de |d')\w+\b", 0.5),
    ],
    "certificat": [
        (r"\bcertificat\w*\b", 3.5), (r"\b(?:aptitude|non[ -]contre[ -]indication|arret de travail|dispense)\b", 2.0),
    ],
    "consultation": [
        (r"\b(?:consultation|rendez-vous|rdv|consulter|voir le (?:docteur|medecin))\b", 1.2),
        (r"\b(?:se plai(?:nt|gnant)|depuis \d+ (?:jours|semaines|mois)|nouveau probleme|j'ai (?:mal|des douleurs))\b", 1.2),
    ],
    "compte_rendu": [
        (r"\b(?:compte[ -]rendu (?:de consultation|d'hospitalisation|operatoire)|lettre de (?:sortie|liaison)|cr d'hospitalisation|synthese (?:du sejour|d'hospitalisation))\b", 3.5),
        (r"\b(?:a ete hospitalise(?:e)?|durant (?:son|le) sejour|au total|evolution (?:favorable|clinique)|sortie (?:le|du)|traitement de sortie|conclusion)\b", 1.5),
    ],
}

_COMPILED = {code: [(re.compile(pattern), weight) for pattern, weight in cues] for code, cues in _CUES.items()}
_MIN_SCORE = 1.0


def request_type_scores(text: str) -> dict[str, float]:
    """Each type's share of the cue weight (summing to 1); all on `autre` when nothing points anywhere."""
    folded = fold(text)
    weights = {
        code: sum(weight * min(len(pattern.findall(folded)), 2) for pattern, weight in cues)
        for code, cues in _COMPILED.items()
    }
    total = sum(weights.values())
    if max(weights.values()) < _MIN_SCORE:
        return {code: float(code == "autre") for code in LABELS}
    return {code: weights.get(code, 0.0) / total for code in LABELS}


def best_request_type(scores: dict[str, float]) -> RequestType:
    """The type whose cues weigh most (`autre` when nothing points anywhere); the score is that type's share."""
    best = max(scores, key=scores.get)
    return RequestType(best, LABELS[best], round(scores[best], 3))
