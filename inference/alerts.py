"""Dangerous combinations worth a flag (SPEC §2.7).

- ``allergie_medicament``: a drug of a class the patient is allergic to (allergy neither negated, nor
  hypothetical, nor a relative's): classes are ATC prefixes in ``resources/lexicons/allergy_classes.json``, so an
  amoxicillin allergy (J01CA04, class J01C) clashes with Augmentin (J01CR02).
- ``contraste_allergie``: imaging with contrast ("injecté", "avec injection", "gadolinium", "produit de
  contraste"...) and a contrast allergy; ``contraste_fonction_renale``: the same imaging without a creatinine or
  GFR value in the document.
  ``contraste_insuffisance_renale``: the same imaging with a GFR under its critical limit (30) or a creatinine
  at least moderately high.
- ``valeur_critique``: a lab value of severity "sévère" (beyond the critical limit of its test).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from inference.analysis import Alert, Entity, LabResult, Span
from inference.lab_results import severity
from inference.qualifiers import qualify
from inference.sections import find_sentences

CLASSES_FILE = Path(__file__).resolve().parent.parent / "resources" / "lexicons" / "allergy_classes.json"
CONTRAST = re.compile(
    r"\binjecté(?:e|s|es)?\b|\bavec\s+(?:injection|(?:produit\s+de\s+)?contraste)\b|\bgadolinium\b|\bgadoliné(?:e|s|es)?\b|"
    r"\bproduits?\s+de\s+contraste\b|\b(?:angio|uro|arthro|coro|entéro)[- ]?(?:scanner|irm)\b|\bopacification\b|"
    r"\binjection\s+(?:de\s+|d['’])?(?:produit|iode|gadolinium|pdc)|\bpdci?\b|"
    r"\bTDM\s+(?:\w+\s+){0,2}(?:C\+|IV\+)|\bC\+",
    re.I,
)
NO_CONTRAST = re.compile(
    r"\b(?:sans|pas\s+d['’]|non)\s*(?:injection|injecté|contraste|produit\s+de\s+contraste|gadolinium)|\bC-\B|"
    r"\bsans\s+(?:pdc|pdci)\b",
    re.I,
)
RENAL_TESTS = ("Créatinine", "DFG")
RENAL_WORDS = re.compile(
    r"\b(?:créatinine|créatininémie|dfg|clairance|fonction\s+rénale)\b[^.\n]{0,30}?\d", re.I
)
CONTRAST_CLASSES = ("contraste_iode", "gadolinium")


@lru_cache(maxsize=1)
def allergy_classes() -> dict[str, dict]:
    data = json.loads(CLASSES_FILE.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def _classes_of(entity: Entity) -> list[str]:
    if entity.code is None or entity.code.system != "ATC":
        return []
    code = entity.code.value
    return [name for name, c in allergy_classes().items()
            if any(code.startswith(p) or p.startswith(code) for p in c["atc"])]


def _drug_in_class(entity: Entity, name: str) -> bool:
    if entity.code is None or entity.code.system != "ATC":
        return False
    return any(entity.code.value.startswith(p) for p in allergy_classes()[name]["atc"])


def _fr(number: float) -> str:
    return f"{number:g}".replace(".", ",")


def _span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])


def _real(entity: Entity) -> bool:
    return not (entity.negated or entity.hypothesis or entity.family)


def _contrast_mentions(text: str, entities: list[Entity]) -> list[Span]:
    """Contrast imaging asked for: a contrast cue in a sentence that is not "sans injection" / negated."""
    spans = []
    for start, end in find_sentences(text):
        sentence = text[start:end]
        masked = NO_CONTRAST.sub(lambda m: " " * len(m.group()), sentence)
        for match in CONTRAST.finditer(masked):
            cue = Entity(label="EXAMEN", text=match.group(), start=start + match.start(), end=start + match.end())
            qualify(text, [cue], [(start, end)])
            if not cue.negated and not _is_allergy_phrase(sentence, match.start()):
                spans.append(_span(text, cue.start, cue.end))
    return spans


def _is_allergy_phrase(sentence: str, position: int) -> bool:
    """"allergie aux produits de contraste" names the allergen, not an exam."""
    return re.search(r"(?:allerg|intol[ée]ran|r[ée]action)[^.;\n]{0,40}$", sentence[:position], re.I) is not None


def find_alerts(text: str, entities: list[Entity], lab_results: list[LabResult]) -> list[Alert]:
    """Alerts for ``text``; entities must already carry their qualifiers (``qualifiers.qualify``)."""
    alerts: list[Alert] = []
    allergens = [e for e in entities if e.label == "ALLERGENE" and _real(e)]
    drugs = [e for e in entities if e.label == "MEDICAMENT" and not e.negated and not e.family]
    seen: set[tuple[int, str]] = set()
    for allergen in allergens:
        for name in _classes_of(allergen):
            if name in CONTRAST_CLASSES:
                continue
            for drug in drugs:
                if _drug_in_class(drug, name) and (drug.start, name) not in seen:
                    seen.add((drug.start, name))
                    label = allergy_classes()[name]["label"]
                    alerts.append(Alert(
                        kind="allergie_medicament",
                        text=f"{drug.text} appartient à la classe des {label}, or une allergie à "
                             f"{allergen.text} est signalée : à vérifier.",
                        evidence=[_span(text, allergen.start, allergen.end), _span(text, drug.start, drug.end)],
                    ))
    contrast = _contrast_mentions(text, entities)
    if contrast:
        contrast_allergies = [a for a in allergens if set(_classes_of(a)) & set(CONTRAST_CLASSES)]
        if contrast_allergies:
            names = ", ".join(dict.fromkeys(a.text for a in contrast_allergies))
            alerts.append(Alert(
                kind="contraste_allergie",
                text=f"Examen avec produit de contraste demandé chez un patient allergique ({names}).",
                evidence=[contrast[0]] + [_span(text, a.start, a.end) for a in contrast_allergies],
            ))
        renal = [r for r in lab_results if r.test in RENAL_TESTS]
        if not renal and not RENAL_WORDS.search(text):
            alerts.append(Alert(
                kind="contraste_fonction_renale",
                text="Examen avec produit de contraste demandé sans valeur de fonction rénale "
                     "(créatinine / DFG) dans le document.",
                evidence=[contrast[0]],
            ))
        impaired = [r for r in renal if (r.test == "DFG" and r.flag == "L" and severity(r) == "sévère")
                    or (r.test == "Créatinine" and r.flag == "H" and severity(r) in ("modérée", "sévère"))]
        if impaired:
            shown = ", ".join(f"{r.test} {_fr(r.value)} {r.unit}".strip() for r in impaired)
            alerts.append(Alert(
                kind="contraste_insuffisance_renale",
                text=f"Examen avec produit de contraste demandé alors que la fonction rénale est altérée ({shown}).",
                evidence=[contrast[0]] + [_span(text, r.start, r.end) for r in impaired],
            ))
    for result in lab_results:
        if severity(result) == "sévère":
            high = result.flag == "H"
            bound = result.high if high else result.low
            unit = f" {result.unit}" if result.unit else ""
            reference = f" (référence {'≤' if high else '≥'} {_fr(bound)}{unit})" if bound is not None else ""
            alerts.append(Alert(
                kind="valeur_critique",
                text=f"{result.test} : {_fr(result.value)}{unit}, valeur très {'haute' if high else 'basse'}"
                     f"{reference}.",
                evidence=[_span(text, result.start, result.end)],
            ))
    return alerts
