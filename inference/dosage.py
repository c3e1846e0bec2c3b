"""Doses: strength, quantity, frequency, duration and route after each drug (SPEC §2.4, §5 "posologie").

A dose is the run of dose parts that follows a drug on its line ("Augmentin 1 g, 1 sachet matin et soir pendant
7 jours"), up to the next drug or the end of the sentence; it may continue on the next line when that line is
only dose ("Metformine 1000 mg\\n1 cp matin et soir"). A drug written in brackets after another ("Augmentin
(amoxicilline/acide clavulanique) 1 g") shares its dose.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from inference.analysis import Entity

_NUM = r"(?:\d+(?:[.,]\d+)?(?:\s*/\s*\d+)?|½|¼|un|une|deux|trois|quatre|cinq|six|dix)"
_FORMS = (
    r"(?:cp|cps|comp\.?|comprimés?|gélules?|gél\.?|sachets?|ampoules?|amp\.?|bouffées?|inhalations?|gouttes?|gtt"
    r"|injections?|inj\.?|cuillères?(?:\s+(?:à|a)\s+(?:café|soupe|mesure))?|c\.?\s*(?:à|a)\s*[cs]\.?|patchs?"
    r"|suppositoires?|suppo\.?|applications?|pulvérisations?|unités?|doses?|dosettes?|flacons?|stylos?|ovules?"
    r"|capsules?|pipettes?|seringues?|mesures?|pressions?)"
)
STRENGTH = re.compile(
    rf"\b\d+(?:[.,]\d+)?\s*(?:mg|g|µg|ug|mcg|microgrammes?|milligrammes?|grammes?|ui|u\.i\.|m?ui|ml|mL|%|meq|mmol)"
    rf"(?:\s*/\s*(?:\d+(?:[.,]\d+)?\s*)?(?:ml|mL|j|jour|24\s*h|h|kg|dose|prise|semaine|sem))?(?![\w])",
    re.I,
)
QUANTITY = re.compile(rf"(?:\b|(?<=\s)){_NUM}\s*{_FORMS}(?![\w])", re.I)
_MOMENTS = r"(?:matin|midi|soir|coucher|nuit|après-midi)"
FREQUENCY = re.compile(
    rf"(?:\b(?:le|au|à|a|chaque|tous\s+les|toutes\s+les)\s+)?{_MOMENTS}(?:\s*(?:,|et|\+|-)\s*(?:le\s+|au\s+)?{_MOMENTS})*"
    rf"|[x×]\s*\d+\s*/\s*(?:j|jour|24\s*h|sem(?:aine)?)\b|\b\d+\s*(?:x|×|fois)\s*(?:/|par)\s*(?:j|jour|24\s*h|sem(?:aine)?|mois)\b"
    rf"|\b(?:\d+|une|deux|trois|quatre)\s+fois\s+(?:par|/)\s*(?:jour|j|semaine|sem|mois)\b"
    rf"|\b(?:toutes?\s+les|tou(?:te)?s\s+les)\s+\d+\s*(?:h|heures?|jours?)\b|\b\d\s*-\s*\d\s*-\s*\d(?:\s*-\s*\d)?\b"
    rf"|/\s*(?:j|jour|24\s*h)\b|\bpar\s+jour\b|\b(?:un|1)\s+jour\s+sur\s+(?:deux|2)\b|\bquotidien(?:ne)?(?:ment)?\b"
    rf"|\btous\s+les\s+(?:jours|soirs|matins)\b|\bsi\s+(?:besoin|nécessaire|douleurs?|fièvre)\b|\bà\s+la\s+demande\b"
    rf"|\ben\s+une\s+prise\b|\ben\s+\d+\s+prises?\b|\bune\s+fois\s+par\s+(?:jour|semaine|mois)\b"
    rf"|\b(?:avant|pendant|après|au\s+cours\s+d[eu]s?)\s+(?:les\s+|le\s+)?repas\b|\bà\s+jeun\b"
    rf"|\ben\s+cas\s+de\s+(?:crise|besoin|douleurs?|fièvre|gêne)\b|\bmême\s+posologie\b"
    rf"|\b\d+(?:/\d)?\s+(?:le|au|à|a)\s+{_MOMENTS}\b|\b\d+\s*/\s*(?:j|jour|24\s*h|sem(?:aine)?)\b"
    rf"|\b(?:maximum|max\.?|au\s+maximum|jusqu['’]à|sans\s+dépasser)\s+\d+\s*(?:[\wé.]+\s+)?(?:par|/)\s*(?:jour|j|24\s*h)\b"
    rf"|\b(?:le|chaque|tous\s+les)\s+(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)s?\b",
    re.I,
)
DURATION = re.compile(
    rf"\b(?:pendant|durant|sur|pour)\s+(?:une\s+durée\s+de\s+)?{_NUM}\s*(?:jours?|j|semaines?|sem|mois|ans?)\b"
    rf"|[x×]\s*\d+\s*(?:jours?|j)\b|\bau\s+long\s+cours\b|\bà\s+vie\b|\bjusqu['’]à\s+(?:nouvel\s+ordre|[\w ]{{1,20}})"
    rf"|\b(?:à\s+)?renouveler\s+(?:\d+|une|deux|trois)\s+fois\b|\bqsp\s+{_NUM}\s*(?:jours?|j|semaines?|mois)\b"
    rf"|\bdepuis\s+{_NUM}\s*(?:jours?|semaines?|mois|ans?)\b",
    re.I,
)
ROUTE = re.compile(
    r"\b(?:per\s+os|po|s\.?c\.?|(?:en\s+)?(?:iv|ivl|ivd|sc|im)|(?:par\s+voie\s+)?(?:orale|intraveineuse|sous[- ]cutanée|"
    r"intramusculaire|inhalée|cutanée|rectale)|en\s+(?:sous[- ]cutané|intraveineux|intramusculaire)|"
    r"en\s+inhalation|en\s+application\s+locale)\b",
    re.I,
)
# A bare number right after a brand is its strength: "Levothyrox 75", "Modopar 125", "Symbicort 200".
BARE_STRENGTH = re.compile(r"\d+(?:[.,]\d+)?(?:/\d+(?:[.,]\d+)?)?(?![\w/.,]*\d)(?!\s*(?:ans?|jours?|mois|%|h\b))")
PARTS = (("strength", STRENGTH), ("quantity", QUANTITY), ("frequency", FREQUENCY), ("duration", DURATION),
         ("route", ROUTE))
_SENTENCE_END = re.compile(
    r"(?<!\bcp)(?<!\bcomp)(?<!\bgél)(?<!\bamp)(?<!\binj)(?<!\bsuppo)(?<!\bc\.à\.[cs])\.(?=\s|$)|[;!?]", re.I
)
# What may stand between two parts of one dose.
_JOIN = re.compile(r"[\s,;:()\-–+]*(?:(?:et|puis|soit|à|a|de|d['’]|en|ou|x)\s*[\s,;:()\-–]*)?", re.I)
_LEAD = re.compile(r"\s*(?:\([^()\n]{0,80}\))?[\s,;:\-–]*(?:à|a|:|=)?\s*", re.I)


@dataclass
class DoseParts:
    strength: str = ""
    quantity: str = ""
    frequency: str = ""
    duration: str = ""
    route: str = ""


def parse_dose(text: str) -> DoseParts:
    """The parts of a dose text, for completeness checks ("1 cp" has no frequency)."""
    parts = DoseParts()
    for name, pattern in PARTS:
        match = pattern.search(text)
        if match:
            setattr(parts, name, match.group().strip())
    return parts


def _next_part(text: str, pos: int, stop: int):
    found = None
    for _, pattern in PARTS:
        match = pattern.match(text, pos, stop)
        if match and match.end() > pos and (found is None or match.end() > found.end()):
            found = match
    return found


def _window_end(text: str, start: int, next_drug: int) -> int:
    """End of the dose window: next drug, end of sentence, or end of line unless the next line is all dose."""
    end = next_drug
    sentence = _SENTENCE_END.search(text, start, end)
    if sentence:
        end = sentence.start()
    line = text.find("\n", start, end)
    while line != -1:
        following = text[line + 1:end].split("\n", 1)[0]
        if not following.strip() or _next_part(following.strip(), 0, len(following.strip())) is None:
            return line
        line = text.find("\n", line + 1, end)
    return end


def _dose_after(text: str, drug: Entity, stop: int) -> Entity | None:
    lead = _LEAD.match(text, drug.end, stop)
    pos = lead.end() if lead else drug.end
    first = _next_part(text, pos, stop)
    if first is None or first.start() > pos:
        first = BARE_STRENGTH.match(text, pos, stop) or first
    if first is None or first.start() - drug.end > 80:
        return None
    start, end = first.start(), first.end()
    while True:
        nxt = _next_part(text, end + len(text[end:stop]) - len(text[end:stop].lstrip(" \t")), stop)
        if nxt is None:
            join = _JOIN.match(text, end, stop)
            nxt = _next_part(text, join.end() if join else end, stop)
        if nxt is None:
            break
        end = nxt.end()
    if text.count("(", start, end) > text.count(")", start, end) and text.startswith(")", end):
        end += 1
    return Entity(label="POSOLOGIE", text=text[start:end], start=start, end=end, page=drug.page, source="rules")


def find_dose_pairs(text: str, drug_entities: list[Entity]) -> list[tuple[Entity, Entity]]:
    """(drug, dose) pairs; a drug written in brackets after another gets that drug's dose too."""
    drugs = sorted((e for e in drug_entities if e.label == "MEDICAMENT"), key=lambda e: e.start)
    pairs: list[tuple[Entity, Entity]] = []
    bracketed: dict[int, Entity] = {}
    for i, drug in enumerate(drugs):
        bracket = re.match(r"\s*\(([^()\n]{0,80})\)", text[drug.end:])
        inner = []
        if bracket:
            inner = [d for d in drugs[i + 1:] if d.start < drug.end + bracket.end()]
            for other in inner:
                bracketed[id(other)] = drug
        following = next((d.start for d in drugs[i + 1:] if d not in inner and d.start >= drug.end), len(text))
        stop = _window_end(text, drug.end, following)
        if id(drug) in bracketed:
            continue
        dose = _dose_after(text, drug, stop)
        if dose is not None:
            pairs.append((drug, dose))
            pairs.extend((other, dose) for other in inner)
    return pairs


def find_doses(text: str, drug_entities: list[Entity]) -> list[Entity]:
    """The POSOLOGIE entities of ``text`` (one per dose, even when several drugs share it)."""
    doses: dict[tuple[int, int], Entity] = {}
    for _, dose in find_dose_pairs(text, drug_entities):
        doses.setdefault((dose.start, dose.end), dose)
    return sorted(doses.values(), key=lambda e: e.start)


def drugs_without_dose(text: str, drug_entities: list[Entity]) -> list[Entity]:
    """Drugs (not negated) with no dose: the ones SPEC §5 asks the posologie of."""
    dosed = {id(drug) for drug, _ in find_dose_pairs(text, drug_entities)}
    return [e for e in drug_entities if e.label == "MEDICAMENT" and not e.negated and id(e) not in dosed]
