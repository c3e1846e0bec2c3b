"""Combining the request model's scores with the rules' evidence (issue 4).

The model reads the whole document and is good at its gist (what kind of request, which elements are there); the
rules know exactly where the evidence is. An element is present when the rules found it (for the few elements
whose cue words are ambiguous, only if the model does not rule it out), or when the model is sure; the evidence
shown is always the rules' (possibly none when only the model saw it). The type is the
product of the two score distributions, the rules' floored so that a type without cues stays possible. Floors and
thresholds were set on development data (generated documents and export/data/requests_dev_handwritten.jsonl),
never on the hand-written evaluation set.
"""
from __future__ import annotations

from inference.analysis import AllergyMention, RequestType, Span, Urgency
from inference.request_model import RequestPrediction
from inference.request_type import LABELS

RULES_FLOOR = 0.2  # added to each rule score before multiplying by the model's probability
# The model is over-confident on real letters (trained mostly on generated ones): temper it. With the heads rebuilt
# for the pruned entity model (before they saw any hand-written document), the development sets scored type 0.962
# at 0.25, 0.972 at 0.15, 0.967 at 0.1 and at 0.05.
MODEL_EXPONENT = 0.1
MODEL_FLOOR = 0.01  # added to each model probability: a near-zero probability does not veto the rules' clear cues
WITH_EVIDENCE = 0.1  # model probability enough to confirm an element the rules found (elements in MODEL_CONFIRMS)
# Cue words that are ambiguous without the whole document: an exam named (done or asked for?), a doctor named (who
# signs or who is addressed?), a disease named (the request's diagnosis or history?). For these the model must
# confirm the rules' evidence; explicit statements (allergy, dose, history, urgency...) stand on the rules alone.
MODEL_CONFIRMS = frozenset({"examen_demande", "medecin_demandeur", "diagnostic"})
# Drugs and doses are found by the lexicons and dose patterns wherever they are written: the model alone does not
# assert them (on hand-written letters it mistakes lab values for doses). Nor the patient's identity: names are
# found by de-identification, which also tells the patient from a relative or a secretary the model cannot.
EVIDENCE_REQUIRED = frozenset({"traitement_en_cours", "posologie", "identite_patient"})
WITHOUT_EVIDENCE = 0.8  # model probability needed to assert an element the rules did not find
ALLERGY_OVERRIDE = 0.95  # model probability needed to contradict the allergy rules


def fuse_request_type(rule_scores: dict[str, float], prediction: RequestPrediction) -> RequestType:
    product = {
        code: (prediction.type_probs.get(code, 0.0) + MODEL_FLOOR) ** MODEL_EXPONENT
        * (rule_scores.get(code, 0.0) + RULES_FLOOR)
        for code in LABELS
    }
    total = sum(product.values()) or 1.0
    best = max(product, key=product.get)
    return RequestType(best, LABELS[best], round(product[best] / total, 3))


def fuse_elements(evidence: dict[str, list[Span]], prediction: RequestPrediction) -> dict[str, list[Span]]:
    present: dict[str, list[Span]] = {}
    for element, probability in prediction.element_probs.items():
        spans = evidence.get(element)
        confirmed = element not in MODEL_CONFIRMS or probability >= WITH_EVIDENCE
        sure = probability >= WITHOUT_EVIDENCE and element not in EVIDENCE_REQUIRED
        if (spans and confirmed) or sure:
            present[element] = spans or []
    for element, spans in evidence.items():
        if element not in prediction.element_probs:
            present[element] = spans
    return present


def fuse_allergy(rules: AllergyMention, prediction: RequestPrediction) -> AllergyMention:
    """The rules decide (they read negations exactly) unless the model is very sure of the contrary."""
    probability = prediction.allergy_prob
    if rules.value and probability <= 1 - ALLERGY_OVERRIDE:
        return AllergyMention(False, round(1 - probability, 3))
    if not rules.value and probability >= ALLERGY_OVERRIDE:
        return AllergyMention(True, round(probability, 3))
    return AllergyMention(rules.value, round(probability if rules.value else 1 - probability, 3))


def fuse_urgency(rules: Urgency, prediction: RequestPrediction) -> Urgency:
    """Urgency words are explicit: the rules' level stands unless they found none and the model is confident."""
    level = prediction.urgency
    if rules.level == "non_precise" and level != "non_precise" and prediction.urgency_probs[level] >= 0.8:
        return Urgency(level, round(prediction.urgency_probs[level], 3))
    return Urgency(rules.level, round(prediction.urgency_probs.get(rules.level, rules.score), 3))
