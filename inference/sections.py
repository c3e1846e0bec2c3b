"""Sections (Motif, Antécédents, Traitement...) and sentences of a French medical text, as character spans.

Works on the original text or on the clean view alike: spans index the string given. Headings are recognised
at a line start (or after a sentence end when followed by a colon), with or without accents, in any case.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_ACCENTS = {"a": "aàâä", "e": "eéèêë", "i": "iîï", "o": "oôö", "u": "uùûü", "c": "cç"}

# Canonical section name -> heading phrases written without accents (regex syntax allowed).
HEADINGS: dict[str, list[str]] = {
    "antecedents_familiaux": [r"antecedents familiaux", r"atcds? familiaux", r"histoire familiale"],
    "histoire_maladie": [r"histoire de la maladie", r"histoire recente", r"hdm", r"anamnese", r"histoire clinique"],
    "motif": [r"motifs? (?:de (?:la |l'|l’)?)?(?:consultation|hospitalisation|admission|demande|recours|venue)",
              r"motifs?", r"raison de la consultation", r"objet"],
    "antecedents": [r"antecedents?(?: (?:medicaux|chirurgicaux|personnels|medico-chirurgicaux)"
                    r"(?: et (?:chirurgicaux|familiaux))?)?", r"atcds?", r"ant\."],
    "mode_de_vie": [r"mode de vie", r"habitus", r"contexte social", r"facteurs de risque(?: cardio-vasculaires)?"],
    "allergies": [r"allergies?(?: (?:medicamenteuses|connues|et intolerances))?", r"intolerances?"],
    "traitement": [r"traitements?(?: (?:habituels?|en cours|actuels?|de sortie|a l'entree|personnels?|au long cours"
                   r"|a domicile|de fond))?", r"ttt", r"medicaments?(?: en cours)?", r"ordonnance", r"prescriptions?"],
    "examen_clinique": [r"examen clinique(?: (?:d'entree|a l'entree))?", r"examen physique", r"a l'examen",
                        r"examen"],
    "examens_complementaires": [r"examens? complementaires?", r"examens? paracliniques?", r"paraclinique",
                                r"bilan(?: (?:biologique|paraclinique|radiologique|d'entree))?", r"biologie",
                                r"imagerie"],
    "resultats": [r"resultats?(?: (?:des examens|biologiques|d'analyses?))?", r"compte[- ]rendu", r"interpretation"],
    "evolution": [r"evolution(?: (?:clinique|dans le service))?", r"suites?"],
    "diagnostic": [r"diagnostics?(?: (?:retenus?|principal|de sortie|final))?", r"hypotheses? diagnostiques?"],
    "conclusion": [r"conclusions?", r"au total", r"synthese", r"en resume", r"impression"],
    "conduite_a_tenir": [r"conduite a tenir", r"cat", r"plan(?: (?:de soins|therapeutique))?", r"projet",
                         r"recommandations", r"propositions?", r"suivi"],
    "demande": [r"examens? demandes?", r"renseignements cliniques", r"indications?", r"demande"],
}


def _accent_insensitive(phrase: str) -> str:
    out = []
    escaped = False
    for char in phrase:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif char in _ACCENTS:
            out.append(f"[{_ACCENTS[char]}]")
        elif char == "'":
            out.append("['’]")
        else:
            out.append(char)
    return "".join(out)


def _heading_pattern() -> re.Pattern:
    names = []
    for name, phrases in HEADINGS.items():
        alternatives = "|".join(_accent_insensitive(phrase) for phrase in phrases)
        names.append(f"(?P<{name}>{alternatives})")
    heading = "|".join(names)
    bullet = r"(?:[-*•>]\s*|\d{1,2}[.)]\s*|[IVX]{1,4}[.)]\s*)?"
    # Either "Heading :" (line start or after a sentence end) or a heading alone on its line.
    return re.compile(
        rf"(?:(?<=\n)|^|(?<=[.;!?]) +)[ \t]*{bullet}(?P<title>(?:{heading}))[ \t]*(?:\([^)\n]{{0,40}}\))?"
        rf"[ \t]*(?::+|[ \t]-[ \t]|(?<=total),|(?<=sum[eé]),|(?=[ \t]*(?:\n|$)))",
        re.IGNORECASE | re.MULTILINE,
    )


_HEADING_RE = _heading_pattern()
# Common words that are headings only when followed by a colon.
_GENERIC_HEADINGS = {"examen", "demande", "suivi", "projet", "objet", "biologie", "imagerie", "plan", "cat",
                     "indication", "motif", "ordonnance", "prescription", "impression", "suite", "evolution",
                     "évolution", "medicament", "médicament"}


@dataclass
class Section:
    name: str  # canonical name, e.g. "antecedents"
    title_start: int  # where the heading starts
    start: int  # where the section's content starts (after the heading and its colon)
    end: int  # where the next heading starts, or the end of the text
    title: str = ""  # the heading as written


def find_sections(text: str) -> list[Section]:
    """Sections in reading order; text before the first heading belongs to no section."""
    found: list[Section] = []
    for match in _HEADING_RE.finditer(text):
        name = next(key for key, value in match.groupdict().items() if value and key in HEADINGS)
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end < 0 else line_end
        alone = not text[match.end():line_end].strip()
        colon = match.group(0).rstrip().endswith((":", "-", ","))
        title = match.group("title")
        at_line_start = match.start() == 0 or text[match.start() - 1] == "\n" or not text[match.start()].isspace()
        generic = title.lower().rstrip("s") in _GENERIC_HEADINGS
        if not colon and (generic or not alone or not at_line_start):
            continue
        found.append(Section(name, match.start("title"), match.end(), len(text), title))
    for current, following in zip(found, found[1:]):
        current.end = following.title_start
    return found


def section_at(sections: list[Section], offset: int) -> Section | None:
    for section in sections:
        if section.title_start <= offset < section.end:
            return section
    return None


# Words after which a full stop does not end a sentence.
ABBREVIATIONS = {
    "dr", "drs", "m", "mm", "mme", "mmes", "mlle", "melle", "pr", "prof", "cp", "cps", "cpr", "gél", "gel", "amp",
    "sach", "inj", "etc", "env", "cf", "p", "pp", "n", "no", "vs", "ex", "méd", "med", "st", "ste", "fig", "tél",
    "tel", "av", "bd", "bld", "chap", "vol", "sq", "hab", "ttt", "trt", "atcd", "sc", "iv", "im", "po", "max", "min",
    "approx", "resp", "cf", "ds", "ml", "mg", "kg", "svt", "qqs", "nb", "ca", "dt", "j", "h", "sem", "mois", "an",
}
_SENTENCE_END_RE = re.compile(r"[.!?…]+[\"»)\]]*(?=\s)|\n")


@lru_cache(maxsize=4)
def find_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans, trimmed; a line break ends a sentence unless the line wraps (next one goes on in lower
    case), a full stop after an abbreviation never. Remembered for the last texts: qualifiers, relations, alerts
    and the summary all read the sentences of the same document."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END_RE.finditer(text):
        if match.group(0) == "\n" and _continues(text, match.start()):
            continue
        if match.group(0) != "\n" and match.group(0).startswith("."):
            word = re.search(r"([\wéèêàçôîû]+)$", text[start:match.start()])
            if word and (word.group(1).lower() in ABBREVIATIONS or (len(word.group(1)) == 1 and word.group(1).isupper())):
                continue
            following = text[match.end():match.end() + 3].lstrip()
            if following[:1].islower():
                continue
        _add_span(text, start, match.end() if match.group(0) != "\n" else match.start(), spans)
        start = match.end()
    _add_span(text, start, len(text), spans)
    return tuple(spans)


def _continues(text: str, newline: int) -> bool:
    """A wrapped line: the next line goes on in lower case after a line that does not end with a colon."""
    following = text[newline + 1 : newline + 3].lstrip(" \t")
    return bool(following) and following[0].islower() and text[newline - 1 : newline] not in (":", "\n", "")


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
