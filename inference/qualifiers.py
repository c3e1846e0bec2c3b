"""Qualifiers of entities: negated, hypothesis, family, history (SPEC §2.4).

A rule system in the NegEx family, tuned for French letters. Cues open a scope forward ("pas de", "suspicion de",
"sa mère") or backward ("éliminée", "probable", "chez sa mère"); a scope stays inside its sentence and stops at
"mais", "sauf", "cependant"... and at a comma unless the list goes on ("pas de fièvre, de toux ni de dyspnée").
Pseudo-cues are masked first: "ne permet pas d'exclure" is a hypothesis, "pas d'amélioration de" negates nothing.
Sections ("Antécédents :", "Antécédents familiaux :") give history and family to what they list.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from inference.analysis import Entity
from inference.sections import find_sentences

Span = tuple[int, int]

_F = re.IGNORECASE
_APOS = "['’]"

# Pseudo-cues: hypothesis phrases that contain a negation word, and negation words that negate nothing here.
HYPOTHESIS_NEGATED = re.compile(
    rf"ne\s+permet(?:tent)?\s+pas\s+d{_APOS}(?:exclure|éliminer|écarter)|"
    rf"n{_APOS}(?:exclut|élimine|écarte)\s+pas|ne\s+peu(?:t|vent)\s+(?:pas\s+)?(?:être\s+)?(?:exclu|éliminé|écarté)e?s?|ne\s+peu(?:t|vent)\s+(?:pas\s+)?(?:exclure|éliminer|écarter)|\bpas\s+d{_APOS}argument\s+formel|"
    rf"(?:n{_APOS}est|ne\s+sont)\s+pas\s+(?:exclue?s?|éliminée?s?|écartée?s?)|"
    rf"\b(?:pas|non)\s+(?:encore\s+)?(?:exclue?s?|éliminée?s?|écartée?s?)\b|sans\s+(?:exclure|éliminer|pouvoir\s+exclure)|"
    rf"\bne\s+pas\s+(?:méconnaître|méconnaitre|passer\s+à\s+côté)|\bsans\s+doute\b|\bpas\s+impossible\b|"
    rf"\bs{_APOS}il\s+ne\s+s{_APOS}agi(?:t|rait)\s+pas|\bsi\s+ce\s+n{_APOS}est\s+pas\b",
    _F,
)
PSEUDO_NEGATION = re.compile(
    rf"\b(?:pas|sans|aucune?)\s+(?:d{_APOS}|de\s+)?(?:contre[- ]indications?|anomalies?\s+(?:à|au|aux|sur|de)\b|amélioration|modification|changement|majoration|"
    rf"diminution|augmentation|aggravation|régression|évolution|particularité|retentissement\s+sur|arrêt|"
    rf"interruption|suspension)|"
    rf"\b(?:pas|non)\s+(?:seulement|uniquement|toujours|que|négligeable|urgente?s?)\b|\bne\s+\w+\s+que\b|"
    rf"\bn{_APOS}\w+\s+que\b|\bpas\s+(?:de\s+)?(?:doute|certitude)\b|\bnon\s+sans\b|\bsans\s+(?:précision|délai|tarder)\b",
    _F,
)
NEGATION_PRE = re.compile(
    rf"\b(?:pas|plus|jamais)\s+(?:de|d{_APOS}|du|des)|\bpas\s+(?:eu\s+)?(?:de|d{_APOS})|\babsence\s+(?:totale\s+|complète\s+)?(?:de|d{_APOS}|du|des)|"
    rf"\bsans\b|\baucun(?:e|s|es)?\b|\bni\b|\bnon\b|"
    rf"\b(?:ne|n{_APOS})\s*(?:[\wéèêàç'’-]+\s+){{0,4}}?(?:pas|plus|jamais|aucune?|rien|point|guère)\b|"
    rf"\bnie\b|\bniant\b|\bdément\b|\bnégati(?:f|ve)s?\s+pour\b|\bpas\s+d{_APOS}argument\s+pour\b|"
    rf"\bpas\s+(?:de\s+)?signes?\s+(?:de|d{_APOS})|\b(?:élimin|écart)(?:e|é|ée|ent|ant)\s+(?:une?|la|le|les|l{_APOS})\b|"
    rf"\b(?:a|ont|avons|est)\s+(?:été\s+)?(?:exclu|éliminé|écarté)e?s?\b",
    _F,
)
NEGATION_POST = re.compile(
    rf"\s*(?:(?:est|sont|était|étaient|reste|restent|a\s+été|ont\s+été)\s+)?"
    rf"(?:absente?s?|négati(?:f|ve)s?|éliminée?s?|non\s+retenue?s?|exclue?s?|écartée?s?|non\s+(?:retrouvée?s?|objectivée?s?|"
    rf"réalisée?s?|visualisée?s?|constatée?s?|faite?s?)|disparue?s?|contre[- ]indiquée?s?)\b|"
    rf"\s*(?:n{_APOS}(?:est|a)|ne\s+(?:sont|ont))\s+pas\s+(?:été\s+)?(?:retrouvée?s?|objectivée?s?|réalisée?s?|"
    rf"constatée?s?|visualisée?s?|présente?s?|retenue?s?|mise?s?\s+en\s+évidence|faite?s?)|\s*:\s*(?:non|absente?s?|négati(?:f|ve)s?|0)\b",
    _F,
)
HYPOTHESIS_PRE = re.compile(
    rf"\bsuspicion\s+(?:de|d{_APOS}|du|des)|\bsuspect(?:é|e|ée)?\s+(?:de|d{_APOS})|\bsuspecte?r?\b|"
    rf"\bévo(?:quant|quent|que|qué|quer)\b|\bévocat(?:eur|rice)s?\s+(?:de|d{_APOS}|du|des)|"
    rf"\bhypothèse\s+(?:de|d{_APOS}|du|des|diagnostique)|\bpossibles?\s+(?:une?\s+)?|\bprobables?\s+(?:une?\s+)?|"
    rf"\béventuel(?:le)?s?\b|\bdoute\s+(?:sur|quant\s+à|diagnostique)|\b(?:à\s+la\s+)?recherche\s+(?:de|d{_APOS}|du|des)|"
    rf"\bpour\s+(?:éliminer|exclure|écarter|rechercher|dépister)|\bafin\s+d{_APOS}(?:éliminer|exclure|écarter)|"
    rf"\b(?:éliminer|exclure|écarter|rechercher|dépister)\s+(?:une?|la|le|les|l{_APOS}|des|d{_APOS}|un)\b|"
    rf"\ben\s+faveur\s+(?:de|d{_APOS}|du|des)|\bcompatibles?\s+avec\b|\bpouvant\s+(?:évoquer|correspondre|faire|être)|"
    rf"\bpourrai(?:t|ent)\b|\bpeut[- ]être\b|\bprobablement\b|\bvraisemblablement\b|\bsembl(?:e|ant|ait)\b|"
    rf"\bpense\s+(?:à|qu)|\bcrain(?:t|dre|te)\b|\bpeur\s+(?:de|d{_APOS}|du|des)|\binqui[eè]te?s?\s+(?:de|d{_APOS}|pour)|"
    rf"\bse\s+demande|\bsi\s|\bs{_APOS}il\b|\ben\s+cas\s+(?:de|d{_APOS})|\brisque\s+(?:de|d{_APOS})|"
    rf"\bdiagnostic\s+différentiel|\bdd\s*:|\bdevant\s+(?:la\s+)?possibilité|\bà\s+(?:éliminer|exclure|écarter|évoquer)\s*:",
    _F,
)
HYPOTHESIS_POST = re.compile(
    rf"\s*(?:(?:est|reste|semble|paraît|serait|apparaît)\s+)?(?:probables?|possibles?|suspecté?e?s?|évoquée?s?|"
    rf"à\s+(?:éliminer|exclure|écarter|confirmer|discuter|évoquer|rechercher)|non\s+confirmée?s?|hypothétiques?|"
    rf"débutante?s?\s+\?|pourrai(?:t|ent)\b)",
    _F,
)
HYPOTHESIS_NEGATED_POST = re.compile(rf"\s*(?:{HYPOTHESIS_NEGATED.pattern})", _F)
# "Pneumopathie ?", "Sciatique L5 ?": a question mark right after the entity (one word may stand between).
QUESTION = re.compile(r"\s*(?:[\wéèêàç-]+\s*)?\?")
FAMILY_PRE = re.compile(
    r"\b(?:antécédents?|atcds?)\s+familia(?:l|ux)|\bhistoire\s+familiale|\bfamilia(?:l|le|ux|les)\b|"
    r"\b(?:sa|la|son|le|leur|une|un|ses|les)?\s*(?:mère|père|frères?|s(?:œ|oe)urs?|fils|filles?|grands?[- ]pères?|"
    r"grands?[- ]mères?|grands?[- ]parents|oncles?|tantes?|cousine?s?|parents|jumeaux|jumelles?|neveux?|nièces?|"
    r"ascendants?|collatéraux|fratrie|famille|maman|papa)\b",
    _F,
)
FAMILY_PSEUDO = re.compile(
    r"\b(?:mère|père)\s+de\s+(?:\d+|un|une|deux|trois|quatre|cinq)\s+enfants?|"
    r"\b(?:(?:mon|ma|notre)\s+)?(?:fils|fille|père|mère|bébé|enfant)\s+de\s+\d+\s+(?:ans|mois)|"
    r"\bmédecin\s+de\s+famille\b|\b(?:vit|vivant|habite|accompagnée?|amenée?|venue?)\s+(?:seule?\s+)?(?:avec|par|de)\b"
    r"[^,.;]*",
    _F,
)
HISTORY_PRE = re.compile(
    rf"\b(?:antécédents?|atcds?)\s+(?:personnels?\s+|médicaux\s+|chirurgicaux\s+)?(?:de|d{_APOS}|du|des|:)|\batcds?\b|"
    rf"\baux\s+antécédents|\bdans\s+(?:ses|les)\s+antécédents|\banciens?n?e?s?\b|\bdans\s+(?:l{_APOS}enfance|sa\s+jeunesse)|"
    rf"\bhistoire\s+(?:de|d{_APOS})|\bopérée?\s+(?:de|d{_APOS}|pour|en)|\ba\s+été\s+opérée?|\bséquelles?\s+(?:de|d{_APOS})|"
    rf"\bguérie?\s+(?:de|d{_APOS})|\ba\s+(?:eu|présenté|fait)\s+(?:une?|des)?\s*[^,.;]{{0,40}}?\ben\s+(?:19|20)\d\d|"
    rf"\bpassé\s+(?:de|d{_APOS})",
    _F,
)
# A date that tells when a current disease began is not a past episode; a cause looked for is not a doubt.
HISTORY_PSEUDO = re.compile(
    r"\b(?:découverte?s?|diagnostiquée?s?|connue?s?|dépistée?s?|révélée?s?)\s+(?:en|depuis)\s+(?:19|20)\d\d|"
    r"\bdepuis\s+(?:19|20)\d\d",
    _F,
)
HYPOTHESIS_PSEUDO = re.compile(
    rf"\brecherche\s+(?:d{_APOS}une?|de\s+la|de\s+l{_APOS}|des?|du)\s*(?:causes?|étiologies?|origines?|facteurs?)\b", _F
)
HISTORY_POST = re.compile(
    r"[^,.;\n]{0,30}?\b(?:en\s+(?:19|20)\d\d|il\s+y\s+a\s+(?:\d+|un|une|deux|trois|quatre|cinq|dix|plusieurs)\s+"
    r"(?:ans?|années?|mois)|dans\s+l['’]enfance|(?:opérée?|guérie?|traitée?\s+et\s+guérie?|résolue?|ancienne?|"
    r"séquellaire)\b|en\s+rémission)",
    _F,
)
FAMILY_POST = re.compile(
    r"[^,.;\n]{0,25}?\b(?:chez\s+(?:sa|la|son|le|ses|les)\s+(?:mère|père|frères?|s(?:œ|oe)urs?|fils|filles?|"
    r"grands?[- ](?:père|mère|parents)|oncles?|tantes?|parents|cousine?s?)|dans\s+la\s+famille|familia(?:l|le|ux|les))\b",
    _F,
)
# Where a forward scope ends.
SCOPE_BREAK = re.compile(
    r"\b(?:mais|cependant|toutefois|sauf|hormis|excepté|[àa]\s+part|exceptée?s?|néanmoins|pourtant|car|donc|puis|alors\s+que|"
    r"bien\s+que|par\s+contre|en\s+revanche|à\s+l['’]exception|en\s+dehors|contrairement|associée?s?\s+à|"
    r"avec\s+(?:apparition|présence)|après|devant|à\s+(?:confirmer|prévoir|surveiller)|qui|dont|lequel|laquelle|motivant|justifiant)\b|[:;()]|\s[-–]\s",
    _F,
)
LIST_GOES_ON = re.compile(
    rf"^\s*(?:ni|ou|de|d{_APOS}|du|des|aucune?|ni\s+de|ou\s+de|ou\s+d{_APOS}|ni\s+d{_APOS}|et\s+(?:de|d{_APOS}|du|des|ni|aucune?))\b"
    rf"|^\s*(?:de|d{_APOS})",
    _F,
)
HEADER = re.compile(
    r"(?:^|(?<=[\n.]))[ \t]*[-•*]?[ \t]*((?:antécédents?|atcds?|motif|traitements?|allergies?|examen|histoire|hdm|"
    r"conclusion|diagnostic|mode\s+de\s+vie|biologie|imagerie|demande|conduite|cat|examens|au\s+total|évolution|"
    r"contexte|résultats?|habitus|synthèse|plan|ordonnance|prescription|commentaires?|observations?|"
    r"renseignements\s+cliniques|indication)[^:\n]{0,40}?)\s*:",
    _F,
)
ANY_HEADER = re.compile(r"(?m)^[ \t]*[-•*]?[ \t]*([A-Za-zÀ-ÿ][\wÀ-ÿ'’ ]{0,30}?)\s*:(?!\d)")
def _sections(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of "Antécédents :" style sections; kind is "family", "history" or ""."""
    known = list(HEADER.finditer(text))
    starts = {m.start() for m in known}
    headers = sorted(known + [m for m in ANY_HEADER.finditer(text) if m.start() not in starts], key=lambda m: m.start())
    sections = []
    for i, header in enumerate(headers):
        name = header.group(1).lower()
        end = headers[i + 1].start() if i + 1 < len(headers) else len(text)
        blank = re.search(r"\S[^\n]*\n[ \t]*\n", text[header.end():end])
        if blank:
            end = header.end() + blank.end()
        kind = ""
        if "famil" in name:
            kind = "family"
        elif name.startswith(("antécédent", "antecedent", "atcd")):
            kind = "history"
        sections.append((header.end(), end, kind))
    return sections


def _mask(sentence: str, pattern: re.Pattern) -> tuple[str, list[Span]]:
    spans = [(m.start(), m.end()) for m in pattern.finditer(sentence)]
    for s, e in spans:
        sentence = sentence[:s] + " " * (e - s) + sentence[e:]
    return sentence, spans


def _forward_scope(sentence: str, start: int) -> int:
    """End of the scope of a cue ending at ``start``: a break word, or a comma/"et" that ends the list."""
    colon = re.match(r"\s*:", sentence[start:])
    if colon:
        start += colon.end()
    pos = start
    limit = len(sentence)
    brk = SCOPE_BREAK.search(sentence, start)
    if brk:
        limit = brk.start()
    if colon:
        return limit
    while True:
        sep = re.compile(r",|\bet\b", _F).search(sentence, pos, limit)
        if not sep:
            return limit
        rest = sentence[sep.end():limit]
        chunk = re.split(r",|\bet\b", rest, maxsplit=1)[0]
        if LIST_GOES_ON.match(rest) or re.search(r"\b(?:ou|ni)\b", chunk, _F) or (
            sep.group() == "," and re.match(r"\s*(?:ni|ou)\b", rest[len(chunk):].lstrip(",") or "", _F)
        ):
            pos = sep.end()
            continue
        return sep.start()


def _backward_scope(sentence: str, end: int) -> int:
    """Start of the clause that ends at ``end`` (for cues placed after their entity)."""
    cut = 0
    for match in re.finditer(r"[,:;()]|\bmais\b|\bsauf\b", sentence[:end], _F):
        cut = match.end()
    return cut


def _scopes(source: str, pre: re.Pattern) -> list[Span]:
    """Forward scopes of every cue of ``pre``."""
    return [(m.end(), _forward_scope(source, m.end())) for m in pre.finditer(source)]


def _post_scopes(source: str, post: re.Pattern) -> list[Span]:
    """Backward scopes: where ``post`` follows a word, the clause before it."""
    pattern = _AFTER_WORD.get(post.pattern)
    if pattern is None:
        pattern = _AFTER_WORD[post.pattern] = re.compile(rf"(?<=[\w)])(?=[\s:?])(?=(?:{post.pattern}))", post.flags)
    return [(_backward_scope(source, m.start()), m.start()) for m in pattern.finditer(source)]


_AFTER_WORD: dict[str, re.Pattern] = {}


def _inside(span: Span, scopes: Iterable[Span]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in scopes)


def qualify(text: str, entities: list[Entity], sentences: list[Span] | None = None) -> None:
    """Set ``negated``, ``hypothesis``, ``family`` and ``history`` on each entity, in place."""
    if not entities:
        return
    sentences = sentences or find_sentences(text)
    sections = _sections(text)
    ordered = sorted(entities, key=lambda e: e.start)
    starts = [e.start for e in ordered]
    for sent_start, sent_end in sentences:
        inside = ordered[bisect.bisect_left(starts, sent_start):bisect.bisect_left(starts, sent_end)]
        if not inside:
            continue
        sentence = text[sent_start:sent_end]
        masked, hyp_neg = _mask(sentence, HYPOTHESIS_NEGATED)
        masked, _ = _mask(masked, PSEUDO_NEGATION)
        fam_masked, _ = _mask(sentence, FAMILY_PSEUDO)
        negation = _scopes(masked, NEGATION_PRE) + _post_scopes(masked, NEGATION_POST)
        hypothesis = (
            [(e, _forward_scope(sentence, e)) for _, e in hyp_neg]
            + [(s, e) for s, e in _post_scopes(sentence, HYPOTHESIS_NEGATED_POST) if s < e]
            + _scopes(_mask(sentence, HYPOTHESIS_PSEUDO)[0], HYPOTHESIS_PRE)
            + _post_scopes(sentence, HYPOTHESIS_POST)
        )
        family = [(m.start(), _clause_end(fam_masked, m.end())) for m in FAMILY_PRE.finditer(fam_masked)]
        family += _post_scopes(fam_masked, FAMILY_POST)
        dated, _ = _mask(sentence, HISTORY_PSEUDO)
        history = [(m.end(), _clause_end(dated, m.end())) for m in HISTORY_PRE.finditer(dated)]
        history += _post_scopes(dated, HISTORY_POST)
        for entity in inside:
            span = (entity.start - sent_start, min(entity.end, sent_end) - sent_start)
            entity.negated = _inside(span, negation)
            entity.hypothesis = _inside(span, hypothesis) or QUESTION.match(sentence, span[1]) is not None
            entity.family = _inside(span, family) or _in_section(entity, sections, "family")
            entity.history = not entity.family and (
                _inside(span, history) or _in_section(entity, sections, "history")
            )


def _clause_end(sentence: str, start: int) -> int:
    """Family and history cues cover their clause: up to the next comma-led clause that has its own subject."""
    colon = re.match(r"\s*:", sentence[start:])
    if colon:
        start += colon.end()
    brk = SCOPE_BREAK.search(sentence, start)
    limit = brk.start() if brk else len(sentence)
    stop = re.compile(r",\s*(?:le|la|il|elle|on|nous|patient|patiente)\b|\bprésente\b|\bconsulte\b", _F)
    match = stop.search(sentence, start, limit)
    return match.start() if match else limit


def _in_section(entity: Entity, sections: list[tuple[int, int, str]], kind: str) -> bool:
    return any(s <= entity.start < e and k == kind for s, e, k in sections)
