"""Is the document French? MedClair's lexicons, rules and models are French: say so when they cannot apply."""
from __future__ import annotations

import re

from inference.folding import fold

_WORD = re.compile(r"[a-z]+")
_FRENCH = frozenset(
    "le la les de des du un une et est en pour par avec dans sur au aux ce cette ses son sa qui que pas ne il elle "
    "vous nous je mon ma mes depuis chez sous sans plus tres bien merci docteur patient patiente ans".split()
)
_ENGLISH = frozenset(
    "the and of to in is for with on at by this that from his her was were are be have has not no patient "
    "dear regards aged history please".split()
)
MIN_WORDS = 20


def looks_french(text: str) -> bool:
    """False only when there is enough text and English function words clearly outnumber French ones."""
    words = _WORD.findall(fold(text[:20_000]))
    if len(words) < MIN_WORDS:
        return True
    french = sum(word in _FRENCH for word in words)
    english = sum(word in _ENGLISH for word in words)
    return french >= english or french / len(words) >= 0.08
