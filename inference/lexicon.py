"""Dictionary matching of drugs, diseases, symptoms, allergens and exams (SPEC §2.4).

The compiled lexicon (``resources/lexicons/terms.tsv``, built by ``python -m export.lexicons``) maps a
normalised key to a label and a code. Matching works on word tokens, so accents, case, plural "s", hyphens,
apostrophes and line breaks between words do not matter, and offsets stay those of the given text.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from inference.analysis import Code, Entity

TERMS_FILE = "terms.tsv"
WORD = re.compile(r"[^\W_]+")
# What may separate two words of one term: spaces, one line break, a hyphen or an apostrophe.
_GAP = re.compile(r"[\s\-'’/]{1,3}")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "µ": "u", "μ": "u"})
_ALLERGY_CUE = re.compile(
    r"allerg|intol[ée]ran|anaphyla|hypersensibilit|r[ée]action\s+(?:allergique\s+)?(?:à|au|aux|a)\b", re.I
)
_ALLERGY_BREAK = re.compile(
    r"[.!?;]|\n\s*\n|\n\s*[A-ZÉÈ][\w' ]{1,30}:|\b(?:traitement|sous|prescri|renouvel|ordonnance|posologie)", re.I
)
_LIST_HEAD = re.compile(r"[^\n]{0,20}:\s*")
_LIST_ITEM = re.compile(r"\s*[-•*]")
LABELS = ("MEDICAMENT", "PATHOLOGIE", "SYMPTOME", "ALLERGENE", "EXAMEN")


@lru_cache(maxsize=65536)
def normalise_token(token: str) -> str:
    """Fold accents and case, and drop a plural "s"/"x" so that singular and plural forms meet."""
    folded = unicodedata.normalize("NFD", token.lower().translate(_LIGATURES))
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    if len(folded) > 4 and folded[-1] in "sx" and not folded.endswith("ss") and not folded[-2].isdigit():
        folded = folded[:-1]
    return folded


def normalise(text: str) -> str:
    """The lexicon key of a term: its normalised words joined by single spaces."""
    return " ".join(normalise_token(m.group()) for m in WORD.finditer(text))


def in_allergy_context(text: str, start: int) -> bool:
    """True when an allergy cue ("allergie à", "allergique aux"...) introduces the word at ``start``."""
    window = text[max(0, start - 100):start]
    cues = list(_ALLERGY_CUE.finditer(window))
    if not cues:
        return False
    between = window[cues[-1].end():]
    if _ALLERGY_BREAK.search(between):
        return False
    lines = between.split("\n")
    # Across lines only as a list under an "Allergies :" heading.
    return len(lines) == 1 or (
        _LIST_HEAD.fullmatch(lines[0]) is not None
        and all(_LIST_ITEM.match(line) for line in lines[1:-1])
        and re.fullmatch(r"\s*(?:[-•*]\s*)?", lines[-1]) is not None
    )


class Lexicons:
    """The compiled terms, indexed by their first word for a fast longest-match scan."""

    def __init__(self, terms: dict[str, tuple[str, Code | None]]):
        self.terms = terms
        self.longest: dict[str, int] = {}
        for key in terms:
            words = key.split(" ")
            if len(words) > self.longest.get(words[0], 0):
                self.longest[words[0]] = len(words)

    @classmethod
    def load(cls, resources_dir: str | Path) -> "Lexicons":
        path = Path(resources_dir)
        if (path / "lexicons").is_dir():
            path = path / "lexicons"
        terms: dict[str, tuple[str, Code | None]] = {}
        codes: dict[str, Code] = {}
        with open(path / TERMS_FILE, encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("#"):
                    continue
                key, label, code = line.rstrip("\n").split("\t")
                if code and code not in codes:
                    system, value = code.split(":", 1)
                    codes[code] = Code(system, value)
                terms[key] = (label, codes.get(code) if code else None)
        return cls(terms)

    def one_word_terms(self) -> frozenset[str]:
        """The keys of one-word drugs, diseases, symptoms, allergens and exams ("dengue", "tacrolimus")."""
        return frozenset(key for key, (label, _) in self.terms.items() if " " not in key and label in LABELS)

    def lookup(self, text: str) -> tuple[str, Code | None] | None:
        """The label and code of a term given as written, or None."""
        return self.terms.get(normalise(text))

    def find_entities(self, text: str) -> list[Entity]:
        """Every lexicon term in ``text``, longest match first, non-overlapping, in text order."""
        words = [(m.start(), m.end(), normalise_token(m.group())) for m in WORD.finditer(text)]
        page_breaks = [m.start() for m in re.finditer("\f", text)]
        entities: list[Entity] = []
        i, count = 0, len(words)
        while i < count:
            width = min(self.longest.get(words[i][2], 0), count - i)
            found = None
            while width > 0 and found is None:
                last = i + width - 1
                key = " ".join(w[2] for w in words[i:last + 1])
                if key in self.terms and all(
                    _GAP.fullmatch(text[words[k][1]:words[k + 1][0]]) for k in range(i, last)
                ):
                    found = (last, self.terms[key])
                else:
                    width -= 1
            if found is None:
                i += 1
                continue
            last, (label, code) = found
            start, end = words[i][0], words[last][1]
            if label in ("CONTEXT", "MEDICAMENT") and in_allergy_context(text, start):
                label = "ALLERGENE"
            if label != "CONTEXT":
                page = bisect.bisect_right(page_breaks, start) + 1
                entities.append(Entity(label=label, text=text[start:end], start=start, end=end, page=page,
                                       code=code, source="lexicon"))
            i = last + 1
        return entities
