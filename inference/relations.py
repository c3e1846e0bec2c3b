"""Which drug treats which condition, when the text says so (SPEC §2.4 relations).

Two shapes, inside one sentence: drug(s) then "pour", "dans le cadre de", "en raison de", "indiqué dans"... then
the condition ("Eliquis 5 mg pour une fibrillation auriculaire", "médicaments pour l'asthme"); or the condition
then "traité par", "sous", "équilibré sous"... then the drug(s) ("HTA traitée par ramipril et amlodipine").
"""
from __future__ import annotations

import bisect
import re

from inference.analysis import Entity
from inference.sections import find_sentences

CONDITIONS = ("PATHOLOGIE", "SYMPTOME")
DRUG_TO_CONDITION = re.compile(
    r"^[^.;\n]{0,70}?\b(?:pour|dans\s+le\s+cadre\s+(?:de|d['’]|du|des)|en\s+raison\s+(?:de|d['’]|du|des)|"
    r"indiquée?s?\s+(?:pour|dans)|contre|dans\s+l['’]indication\s+(?:de|d['’]|du)|à\s+visée|pour\s+traiter|"
    r"en\s+traitement\s+(?:de|d['’]|du|des)|au\s+titre\s+(?:de|d['’]|du|des))"
    r"\s*(?:(?:une?|la|le|les|l['’]|son|sa|ses|des|du|de|d['’]|sa|cette|leur)\s*){0,2}$",
    re.I,
)
CONDITION_TO_DRUG = re.compile(
    r"^\s*(?:\w+\s+){0,3}?(?:(?:est|sont|reste)\s+)?(?:traitée?s?|équilibrée?s?|contrôlée?s?|stabilisée?s?|"
    r"prise?s?\s+en\s+charge)?\s*(?:par|sous|avec)\s*(?:(?:une?|la|le|les|l['’]|du|de|des|d['’])\s*)?$"
    r"|^\s*:\s*$",
    re.I,
)


def _chain(drugs: list[Entity], anchor: Entity, text: str, forward: bool) -> list[Entity]:
    """The anchor drug and the drugs listed with it ("ramipril et amlodipine", "A, B et C")."""
    ordered = drugs if forward else list(reversed(drugs))
    chain = [anchor]
    index = ordered.index(anchor)
    for other in ordered[index + 1:]:
        last = chain[-1]
        gap = text[last.end:other.start] if forward else text[other.end:last.start]
        if not re.fullmatch(r"[^.;\n]{0,40}?(?:,|\bet\b|\bou\b|\+|/)\s*(?:(?:le|la|l['’]|du|de\s+l['’])\s*)?", gap, re.I):
            break
        chain.append(other)
    return chain


def find_treats(text: str, entities: list[Entity]) -> list[tuple[Entity, Entity]]:
    """(drug, condition) pairs stated in the text; negated conditions are left out."""
    pairs: list[tuple[Entity, Entity]] = []
    ordered = sorted(entities, key=lambda e: e.start)
    starts = [e.start for e in ordered]
    for start, end in find_sentences(text):
        inside = ordered[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]
        drugs = [e for e in inside if e.label == "MEDICAMENT" and not e.negated]
        conditions = [e for e in inside if e.label in CONDITIONS and not e.negated]
        for condition in conditions:
            before = [d for d in drugs if d.end <= condition.start]
            after = [d for d in drugs if d.start >= condition.end]
            if before and DRUG_TO_CONDITION.match(text[before[-1].end:condition.start]):
                chain = _chain(before, before[-1], text, forward=False)
                pairs.extend((drug, condition) for drug in reversed(chain))
            elif after and CONDITION_TO_DRUG.match(text[condition.end:after[0].start]):
                chain = _chain(after, after[0], text, forward=True)
                pairs.extend((drug, condition) for drug in chain)
    return pairs
