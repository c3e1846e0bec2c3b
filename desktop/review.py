"""What the user sees after their corrections: the engine's analysis with the annotations applied, in order.

The stored analysis is never rewritten: corrections live beside it (the training data of tomorrow) and this
module folds them in for display, letters and exports.
"""
from __future__ import annotations

from inference.analysis import Analysis, Entity, Question

from desktop.labels import element_label
from desktop.store import Annotation


def default_question(element: str) -> str:
    return f"Pouvez-vous préciser : {element_label(element).lower()} ?"


def apply_annotations(analysis: Analysis, annotations: list[Annotation]) -> Analysis:
    result = Analysis.from_dict(analysis.to_dict())
    for annotation in annotations:
        payload = annotation.payload
        if annotation.kind == "element":
            _set_element(result, payload["element"], bool(payload["present"]))
        elif annotation.kind == "question":
            _set_question(result, payload["element"], payload["text"])
        elif annotation.kind == "entite":
            _correct_entity(result, payload)
    return result


def corrected_elements(annotations: list[Annotation]) -> set[str]:
    return {a.payload["element"] for a in annotations if a.kind in ("element", "question")}


def _set_element(analysis: Analysis, element: str, present: bool) -> None:
    elements = analysis.elements
    if present:
        elements.missing = [code for code in elements.missing if code != element]
        elements.present.setdefault(element, [])
        analysis.questions = [q for q in analysis.questions if q.element != element]
    else:
        elements.present.pop(element, None)
        if element not in elements.missing:
            elements.missing.append(element)
        if not any(q.element == element for q in analysis.questions):
            analysis.questions.append(Question(element, default_question(element)))


def _set_question(analysis: Analysis, element: str, text: str) -> None:
    for question in analysis.questions:
        if question.element == element:
            question.text = text
            return
    if element in analysis.elements.missing:
        analysis.questions.append(Question(element, text))


def _correct_entity(analysis: Analysis, payload: dict) -> None:
    key = (payload["label"], payload["start"], payload["end"])
    analysis.entities = [e for e in analysis.entities if (e.label, e.start, e.end) != key]
    if payload["action"] == "ajout":
        analysis.entities.append(
            Entity(payload["label"], payload["text"], payload["start"], payload["end"], score=1.0, source="correction")
        )
        analysis.entities.sort(key=lambda entity: entity.start)
