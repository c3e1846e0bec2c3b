"""How urgent the request is (issue 4: the useful form of sentiment analysis for a request).

Levels: `urgent` (now, today, vital), `rapide` (days, up to about two weeks), `programme` (later, scheduled, or
stated as not urgent), `non_precise` (nothing said). Rule-based here; a model's answer is preferred when shipped.
"""
from __future__ import annotations

import re

from inference.analysis import Urgency
from inference.folding import fold
from inference.request_type import drop_unticked_options

LEVELS = ("urgent", "rapide", "programme", "non_precise")

# "Vaccins faits ce jour", "décédé cette nuit": what was done or happened, not when the request is for.
_DONE_BEFORE = "".join(
    f"(?<!{word} )" for word in (
        "fait", "faite", "faits", "faites", "vu", "vue", "revu", "revue", "realise", "realisee", "realises",
        "pratique", "pratiquee", "effectue", "effectuee", "administre", "administree", "injecte", "injectee",
        "remis", "remise", "debute", "debutee", "examine", "examinee", "decede", "decedee", "dose", "injection",
        "appele", "appelee", "survenu", "survenue", "consulte", "consultee",
    )
)
# A fallback ("sinon je l'envoie au SAU", "à défaut, aux urgences") is not the level asked for.
_FALLBACK = re.compile(r"\b(?:sinon|a defaut|faute de quoi)\b[^.\n]*")
_WEEKDAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
# "Plaie de 3 cm aujourd'hui": a measure taken today describes the patient, it sets no deadline.
_MEASURED_TODAY = re.compile(r"\b\d+(?:[.,]\d+)? ?(?:cm|mm|kg|g|%|°c?|mmhg|bpm)\)? (?:aujourd'hui|ce jour)\b")
_WRITTEN_NUMBER = r"(?:deux|trois|quatre|cinq|six|sept|huit|dix|douze|quinze|quelques)"

_PROGRAMMED = re.compile(
    r"\b(?:non urgent\w*|pas urgent\w*|sans urgence|rien d'urgent|a programmer|programme(?:e)?|a votre convenance|"
    r"quand vous (?:pourrez|aurez)|dans les \d+ mois|dans \d+ mois|sous \d+ mois|d'ici \d+ mois|au prochain|"
    r"lors du prochain|lors de (?:ma|sa|votre|la|notre) (?:prochaine )?(?:visite|consultation|rendez-vous|rdv) (?:du|le) \d+|"
    r"dans les (?:prochaines semaines|prochains mois|semaines a venir|mois a venir)|(?:a une |une )?date a convenir|"
    r"a distance|pas presse|rien ne presse|rien de press(?:e|ant)|"
    r"(?:entree|admission) (?:prevue |programmee )?(?::\s*)?le \d{1,2}[/.]\d{1,2})\b"
)
_URGENT = re.compile(
    rf"\b(?:en urgence|urgence vitale|urgent(?:e|issime)?|(?=urgence)(?<!trousse d')(?<!kit d')(?<!en cas d')(?<!protocole d')(?<!numero d')urgence|(?=ce jour){_DONE_BEFORE}(?<!de )ce jour|(?=aujourd'hui){_DONE_BEFORE}aujourd'hui|immediat\w*|sans delai|au plus vite|"
    rf"(?=sa)(?<!par le )(?:samu|sau)|dans l'heure|dans la journee|des ce soir|(?=ce soir){_DONE_BEFORE}ce soir|(?=cette nuit){_DONE_BEFORE}cette nuit|(?:sous|dans les|d'ici|avant) (?:[1-9]|1\d|2[0-4]) ?(?:h|heures))\b"
)
_QUICK = re.compile(
    r"\b(?:semi-urgen\w*|rapidement|rapide|des que possible|le plus (?:tot|vite) possible|au plus tot|demain|"
    r"dans la semaine|cette semaine|sous (?:huitaine|quinzaine)|dans les meilleurs delais|prioritaire|vite|"
    r"d'ici (?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|la fin)|"
    rf"(?:sous|dans les|dans|d'ici|avant) (?:\d+ ?(?:jours|j|semaines?)|{_WRITTEN_NUMBER} jours|huit jours|deux semaines)|"
    rf"plus que pour \d+ jours|je n'en ai plus|a j\d{{1,2}}(?!\d)(?!\s*:)|ne (?:me|lui|nous|leur) rest(?:e|era) plus (?:assez|beaucoup|grand-chose)|"
    r"arrive(?:ra)? a (?:echeance|expiration|son terme)|"
    rf"(?:pour|avant|revenir|reprendre|(?<!est )(?<!etait )sortie|sortir|sortira|rentrer)\b[^.\n;]{{0,40}}?\b{_WEEKDAY}\b(?! dernier)(?! \d)|"
    r"avant le \d{1,2}(?![\d:h])(?![/.]\d)(?! ?(?:er )?(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre))|"
    rf"(?:me|lui|leur|nous|en) reste (?:plus )?(?:que )?(?:\d+|{_WRITTEN_NUMBER}|une dizaine de|une quinzaine de) jours|"
    r"que jusqu'(?:a|au) (?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain|la fin de la semaine)|"
    r"(?:la |d'ici la |avant la fin de la |des la )?semaine prochaine|avant le (?:week-end|weekend)|"
    r"(?:dans des|dans les|sous des|a) (?:delais? (?:courts?|brefs?|rapides?)|bref delai)|rapid(?:t|mt|emt)|"
    r"(?:sous|dans les|d'ici|avant) (?:\d+ ?(?:a|-) ?)?(?:2[5-9]|[3-9]\d) ?(?:h|heures))\b"
)


# Every statement of urgency, whatever its level: the `urgence` element's evidence (inference.elements).
URGENCY_PATTERNS = (_PROGRAMMED, _URGENT, _QUICK)


def classify_urgency(text: str) -> Urgency:
    folded = drop_unticked_options(fold(text))
    if _PROGRAMMED.search(folded):
        return Urgency("programme", 0.7)
    if _URGENT.search(_FALLBACK.sub(" ", _MEASURED_TODAY.sub(" ", folded))):
        return Urgency("urgent", 0.7)
    if _QUICK.search(folded):
        return Urgency("rapide", 0.7)
    return Urgency("non_precise", 0.6)
