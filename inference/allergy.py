"""The user's binary task: does the document say the patient HAS an allergy?

"Pas d'allergie connue" is information about allergies (the `allergies` element is present) but not an
allergy, so it answers False here.
"""
from __future__ import annotations

import re

from inference.analysis import AllergyMention
from inference.folding import fold

_ALLERGY = re.compile(
    r"\b(?:allergi\w*|allergique|anaphyla\w*|hypersensibilite|intolerance) ?(?:a |au |aux |a l'|a la |de |d'|:|\w+)|"
    r"\b(?:allergi\w*|allergique)\b|\b(?:oedeme de quincke|urticaire) (?:a|au|aux|sous)\b"
)
_NEGATION_BEFORE = re.compile(
    r"(?:\bpas d'|\bpas de |\baucune?\b|\bsans\b|\bni\b|\bjamais\b|\bnie\b|\bnon\b|\bexclu\w*|\bpas\b[^.;\n]{0,20})[^.;\n]{0,25}$"
)
_NEGATION_AFTER = re.compile(r"^[^.;\n]{0,20}?(?::|\s)\s*(?:aucune?|neant|non|0|ras|pas (?:connue?s?|d'allergie))\b")
# "All. : iode" (an allergy stated in the abbreviation of a history list), unless it reads "All. : 0 / RAS"
_ABBREVIATED = re.compile(r"\ball\. ?: ?(?!(?:aucune?|neant|non|0|ras|pas|nk|nka|nkda)\b)\w")
_HYPOTHESIS_BEFORE = re.compile(r"(?:\brecherche\b|\bbilan\b|\beliminer\b|\beventuel\w*|\bsuspicion\b|\btest\w*)[^.;\n]{0,15}$")


def detect_allergy_mention(text: str) -> AllergyMention:
    """True when at least one allergy mention is neither negated nor a mere question."""
    folded = fold(text)
    affirmed = 0
    negated = 0
    for match in _ALLERGY.finditer(folded):
        before = folded[max(0, match.start() - 50) : match.start()]
        after = folded[match.start() : match.end() + 30]
        if _NEGATION_BEFORE.search(before) or _NEGATION_AFTER.search(after):
            negated += 1
        elif _HYPOTHESIS_BEFORE.search(before):
            continue
        else:
            affirmed += 1
    affirmed += len(_ABBREVIATED.findall(folded))
    if affirmed:
        return AllergyMention(True, 0.9)
    return AllergyMention(False, 0.9 if negated else 0.8)
