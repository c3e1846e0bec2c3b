"""Drafting the French clarification questions, one per missing element, from editable templates."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from inference.analysis import Question
from inference.completeness import CONDITIONAL_ELEMENTS, MissingElement, RulesError
from inference.elements import ELEMENTS
from inference.resources import read_yaml

_SPECIFIC_KEYS = {
    "posologie_drug", "symptom_duration", "pregnancy", "diagnostic_with_indication", "allergies_before_contrast",
}


@dataclass
class QuestionTemplates:
    by_element: dict[str, str]
    specific: dict[str, str]

    @classmethod
    def load(cls, path: Path) -> "QuestionTemplates":
        name = Path(path).name
        try:
            data = read_yaml(path)
        except (OSError, yaml.YAMLError) as error:
            raise RulesError(f"{name} : fichier de questions illisible ({error}).") from error
        if not isinstance(data, dict) or not isinstance(data.get("elements"), dict):
            raise RulesError(f"{name} : la clé « elements » doit associer chaque élément à sa question.")
        by_element = data["elements"]
        for element in by_element:
            if element not in ELEMENTS and element not in CONDITIONAL_ELEMENTS:
                raise RulesError(f"{name} : élément inconnu « {element} » dans « elements ».")
        for element in (*ELEMENTS, *CONDITIONAL_ELEMENTS):
            if not isinstance(by_element.get(element), str):
                raise RulesError(f"{name} : question manquante pour l'élément « {element} ».")
        specific = data.get("specific") or {}
        for key in specific:
            if key not in _SPECIFIC_KEYS:
                raise RulesError(f"{name} : clé inconnue « specific.{key} ».")
        return cls(by_element=by_element, specific=specific)

    def draft_questions(self, missing: list[MissingElement]) -> list[Question]:
        return [Question(item.element, self._question_for(item)) for item in missing]

    def _question_for(self, item: MissingElement) -> str:
        specific_key = {
            "drug_without_dose": "posologie_drug",
            "symptom_without_duration": "symptom_duration",
            "pregnancy": "pregnancy",
            "indication_only": "diagnostic_with_indication",
        }.get(item.reason)
        if item.reason == "contrast" and item.element == "allergies":
            specific_key = "allergies_before_contrast"
        template = self.specific.get(specific_key) if specific_key else None
        if template is None:
            return self.by_element[item.element]
        return template.format(
            de_drug=of_drug(item.subject or ""),
            symptom=item.subject or "ces symptômes",
            condition=item.subject or "",
        )


def of_drug(drug: str) -> str:
    """French 'de' + article for a drug name: "de l'amoxicilline", "du ramipril", "de DOLIPRANE"."""
    if not drug:
        return "de ce médicament"
    if drug[0].isupper():
        return f"de {drug}"
    if drug[0].lower() in "aeiouyéèêh":
        return f"de l'{drug}"
    return f"de la {drug}" if drug.lower().endswith("e") else f"du {drug}"
