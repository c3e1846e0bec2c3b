"""Completeness rules (SPEC §5): which elements each request type needs, and the conditional rules.

The rules live in `resources/rules/completeness.yaml`, editable by the clinic; `CompletenessRules.load`
validates them and names the offending key, so that a typo never silently disables a check.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from inference.analysis import Entity, Span
from inference.elements import ELEMENTS, PatientFacts
from inference.folding import fold
from inference.lexicon import in_allergy_context
from inference.request_type import LABELS
from inference.resources import read_yaml

# Conditional elements: not in SPEC §4's table, asked for by the conditional rules only.
CONDITIONAL_ELEMENTS = ("fonction_renale", "grossesse", "duree_symptomes")
_REPORT_TYPES = ("compte_rendu",)
_TOP_KEYS = {"version", "clinical_core", "exempt_from_core", "required", "conditional"}
_CONDITIONAL_KEYS = {"drug_without_dose", "contrast_imaging", "symptom_without_duration", "pregnancy_check"}


class RulesError(ValueError):
    """The rules file is invalid; the message names the file and the key (French, shown to the user)."""


@dataclass
class CompletenessRules:
    clinical_core: list[str]
    exempt_from_core: list[str]
    required: dict[str, list[str]]
    drug_without_dose: bool = True
    contrast_types: list[str] = field(default_factory=lambda: ["imagerie"])
    contrast_require: list[str] = field(default_factory=lambda: ["allergies", "fonction_renale"])
    symptom_without_duration: bool = True
    pregnancy_types: list[str] = field(default_factory=lambda: ["imagerie"])
    pregnancy_ages: tuple[int, int] = (15, 50)

    @classmethod
    def load(cls, path: Path) -> "CompletenessRules":
        try:
            data = read_yaml(path)
        except (OSError, yaml.YAMLError) as error:
            raise RulesError(f"{Path(path).name} : fichier de règles illisible ({error}).") from error
        return cls.from_dict(data, Path(path).name)

    @classmethod
    def from_dict(cls, data: object, source: str = "règles") -> "CompletenessRules":
        def fail(message: str) -> RulesError:
            return RulesError(f"{source} : {message}")

        if not isinstance(data, dict):
            raise fail("le fichier doit contenir un dictionnaire de règles.")
        for key in data:
            if key not in _TOP_KEYS:
                raise fail(f"clé inconnue « {key} » (clés permises : {', '.join(sorted(_TOP_KEYS))}).")
        for key in ("clinical_core", "required"):
            if key not in data:
                raise fail(f"clé obligatoire « {key} » absente.")

        def elements(value: object, where: str, extra: tuple[str, ...] = ()) -> list[str]:
            if not isinstance(value, list):
                raise fail(f"« {where} » doit être une liste d'éléments.")
            for element in value:
                if element not in ELEMENTS and element not in extra:
                    raise fail(f"élément inconnu « {element} » dans « {where} ».")
            return list(value)

        def types(value: object, where: str) -> list[str]:
            if not isinstance(value, list):
                raise fail(f"« {where} » doit être une liste de types de demande.")
            for code in value:
                if code not in LABELS:
                    raise fail(f"type de demande inconnu « {code} » dans « {where} ».")
            return list(value)

        required_data = data["required"]
        if not isinstance(required_data, dict):
            raise fail("« required » doit associer chaque type de demande à sa liste d'éléments.")
        required = {}
        for code, value in required_data.items():
            if code not in LABELS:
                raise fail(f"type de demande inconnu « {code} » dans « required ».")
            required[code] = elements(value or [], f"required.{code}")
        rules = cls(
            clinical_core=elements(data["clinical_core"], "clinical_core"),
            exempt_from_core=types(data.get("exempt_from_core", []), "exempt_from_core"),
            required=required,
        )
        conditional = data.get("conditional") or {}
        if not isinstance(conditional, dict):
            raise fail("« conditional » doit être un dictionnaire.")
        for key, value in conditional.items():
            if key not in _CONDITIONAL_KEYS:
                raise fail(f"règle conditionnelle inconnue « conditional.{key} ».")
            if key in ("drug_without_dose", "symptom_without_duration"):
                if not isinstance(value, bool):
                    raise fail(f"« conditional.{key} » doit valoir true ou false.")
                setattr(rules, key, value)
            elif key == "contrast_imaging":
                if not isinstance(value, dict):
                    raise fail("« conditional.contrast_imaging » doit être un dictionnaire (types, require).")
                rules.contrast_types = types(value.get("types", []), "conditional.contrast_imaging.types")
                rules.contrast_require = elements(
                    value.get("require", []), "conditional.contrast_imaging.require", CONDITIONAL_ELEMENTS
                )
            elif key == "pregnancy_check":
                if not isinstance(value, dict):
                    raise fail("« conditional.pregnancy_check » doit être un dictionnaire (types, min_age, max_age).")
                rules.pregnancy_types = types(value.get("types", []), "conditional.pregnancy_check.types")
                ages = (value.get("min_age", 15), value.get("max_age", 50))
                if not all(isinstance(age, int) for age in ages) or ages[0] > ages[1]:
                    raise fail("« conditional.pregnancy_check » : min_age et max_age doivent être des entiers croissants.")
                rules.pregnancy_ages = ages
        return rules

    def required_for(self, request_type: str) -> list[str]:
        """The type's own list, then the clinical core, without repeats."""
        wanted = list(self.required.get(request_type, []))
        if request_type not in self.exempt_from_core:
            wanted += [element for element in self.clinical_core if element not in wanted]
        return wanted


@dataclass
class MissingElement:
    """One thing to ask for: an element, and the drug/symptom/condition it is about when there is one."""

    element: str
    subject: str | None = None
    reason: str = "required"


_CONTRAST = re.compile(r"\b(?:injecte(?:e)?|avec injection|injection de (?:produit de )?contraste|gadolinium|produit de contraste|angioscanner|uroscanner|arthroscanner|coroscanner)\b")
_NO_CONTRAST = re.compile(r"\bsans (?:injection|produit de contraste)\b")
_RENAL = re.compile(r"\b(?:creatinine|creatininemie|dfg|clairance|ckd-epi|mdrd|fonction renale)\b[^.\n]{0,40}?\d")
_XRAY = re.compile(r"\b(?:scanner|tdm|radio|radiographie|rx|mammographie|angioscanner|uroscanner|arthroscanner|coroscanner|densitometrie|uro-scanner|cone beam|asp)\b")
_DURATION = re.compile(r"\b(?:depuis|il y a|ce (?:matin|soir)|hier|cette nuit|apparu\w*|debut\w*|recent\w*|chronique\w*|aigu\w*|\d+ ?(?:h|heures?|jours?|j|semaines?|sem|mois|ans))\b")
_INDICATION = re.compile(r"\b(?:medicaments?|traitements?|ordonnance|ttt)(?: \w+){0,2} (?:pour|contre) (?:l'|la |le |les |son |sa |ses |mon |ma |mes )?([a-z][\w-]+(?: [a-z][\w-]+)?)")


def find_missing_elements(
    rules: CompletenessRules,
    request_type: str,
    present: dict[str, list[Span]],
    entities: list[Entity],
    undosed_drugs: list[Entity],
    facts: PatientFacts,
    text: str,
) -> list[MissingElement]:
    """What the document lacks for its type, in the order the rules list it, then the conditional asks.

    `undosed_drugs` are the drugs named without a dose (`inference.dosage.drugs_without_dose`).
    """
    folded = fold(text)
    missing = [MissingElement(element) for element in rules.required_for(request_type) if element not in present]
    for item in missing:
        if item.element == "diagnostic" and (match := _INDICATION.search(folded)):
            item.subject = text[match.start(1) : match.end(1)]
            item.reason = "indication_only"
    # A report tells what happened; asking it for doses or durations would be noise.
    asks_details = request_type not in rules.exempt_from_core and request_type not in _REPORT_TYPES

    if rules.drug_without_dose and asks_details:
        undosed: dict[str, MissingElement] = {}
        for entity in undosed_drugs:
            if entity.code and not entity.family:
                undosed.setdefault(fold(entity.text), MissingElement("posologie", entity.text, "drug_without_dose"))
        if undosed:
            generic = next((i for i, item in enumerate(missing) if item.element == "posologie"), len(missing))
            missing[generic : generic + 1] = list(undosed.values())

    if request_type in rules.contrast_types and _CONTRAST.search(folded) and not _NO_CONTRAST.search(folded):
        for element in rules.contrast_require:
            has_it = bool(_RENAL.search(folded)) if element == "fonction_renale" else element in present
            if not has_it and element not in [m.element for m in missing]:
                missing.append(MissingElement(element, None, "contrast"))

    if rules.symptom_without_duration and asks_details:
        for entity in entities:
            if entity.label != "SYMPTOME" or entity.negated or entity.family or entity.hypothesis:
                continue
            if in_allergy_context(text, entity.start):
                continue
            window = folded[max(0, entity.start - 60) : entity.end + 60]
            if not _DURATION.search(window):
                missing.append(MissingElement("duree_symptomes", entity.text, "symptom_without_duration"))
                break

    low, high = rules.pregnancy_ages
    if (
        request_type in rules.pregnancy_types
        and facts.sex == "F"
        and facts.age is not None
        and low <= facts.age <= high
        and _XRAY.search(folded)
        and "grossesse" not in folded
        and "enceinte" not in folded
    ):
        missing.append(MissingElement("grossesse", None, "pregnancy"))
    return missing
