"""Personal data in French medical text (SPEC §2.3), found by rules and lexicons, and a placeholder view.

Recall comes first: a missed name leaks an identity, a spare placeholder only hides a word. Medical words that
look like names (eponyms such as "Parkinson", brand names such as "Lévothyrox") are never taken as names
unless a title ("Dr", "Mme") says so. Lexicons live in resources/deid (see its README for sources).
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from itertools import chain
from pathlib import Path

from inference.analysis import PersonalData
from inference.resources import read_word_list
from inference.dictation import written_form
from inference.text_repair import repair

RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "deid"

PLACEHOLDERS = {
    "PERSONNE": "[NOM]", "DATE": "[DATE]", "DATE_NAISSANCE": "[DATE]", "TELEPHONE": "[TEL]", "EMAIL": "[EMAIL]",
    "ADRESSE": "[ADRESSE]", "CODE_POSTAL": "[CP]", "VILLE": "[VILLE]", "NIR": "[NIR]", "IPP": "[IPP]", "IP": "[IP]",
    "URL": "[URL]", "RPPS": "[RPPS]", "FINESS": "[RPPS]",
}
# When two findings overlap, the one with the higher priority wins (then the surer, then the longer one).
_PRIORITY = {"EMAIL": 9, "URL": 9, "IP": 8, "NIR": 8, "RPPS": 7, "FINESS": 7, "TELEPHONE": 7, "IPP": 6,
             "DATE_NAISSANCE": 6, "DATE": 5, "ADRESSE": 5, "CODE_POSTAL": 4, "VILLE": 3, "PERSONNE": 3}


def _load(name: str) -> set[str]:
    return {_key(word) for word in read_word_list(RESOURCES / name)}


def _fold(text: str) -> str:
    """Lower case, no accents, one apostrophe: how the lexicons are matched."""
    if text.isascii():
        return text.lower()  # most words: nothing to take off
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char)).replace("’", "'").replace(
        "œ", "oe").replace("æ", "ae")


_key = lru_cache(maxsize=65536)(_fold)
_TOWN_GAPS_RE = re.compile(r"[ \t-]+")
_SUR_ABBREVIATION_RE = re.compile(r"-s/-?")  # "Neuilly s/ Seine", "Villeneuve-s/-Lot"
_SAINT_ABBREVIATION_RE = re.compile(r"(?m)^(?:(le|la|les)-)?st(e?)\.?-")


def _town_keys(lines: str) -> list[str]:
    """The lookup key of the town on each line, whatever its spelling: "ST ETIENNE", "saint-étienne", "Saint Étienne"
    -> "saint-etienne"; "Villeneuve-s/-Lot" -> "villeneuve-sur-lot". One pass over all the lines: the communes list has 15,000 towns."""
    folded = _SUR_ABBREVIATION_RE.sub("-sur-", _TOWN_GAPS_RE.sub("-", _fold(lines)))
    folded = _SAINT_ABBREVIATION_RE.sub(lambda m: (m.group(1) + "-" if m.group(1) else "") + "saint" + m.group(2) + "-",
                                        folded)
    return folded.replace("l'-", "l'").replace("-l-", "-l'").replace("-d-", "-d'").split("\n")


@lru_cache(maxsize=65536)
def _town_key(value: str) -> str:
    return _town_keys(" ".join(value.split()))[0]


@lru_cache(maxsize=1)
def _lexicons() -> dict[str, set[str]]:
    eponyms, not_names = _load("eponyms.txt"), _load("not_names.txt")
    medical = eponyms | _load("germs.txt") | _load("drug_names.txt")
    foreign_towns = set(_town_keys("\n".join(read_word_list(RESOURCES / "foreign_towns.txt"))))
    towns = set(_town_keys("\n".join(name for file in ("cities.txt", "communes.txt")
                                     for name in read_word_list(RESOURCES / file)))) | foreign_towns
    # spa towns go by their first name: "Thonon", "Évian", "Luxeuil" for Thonon-les-Bains...
    towns |= {key.removesuffix("-les-bains") for key in towns if key.endswith("-les-bains")} - not_names - medical
    french_first_names = _load("first_names.txt")
    first_names = french_first_names | _load("first_names_faker.txt")
    return {
        "first_names": first_names,
        # a first name abroad may be a surname here ("heinrich", "lan"): where a first name ends a name, only these
        "french_first_names": french_first_names,
        "surnames": _load("surnames.txt") | _load("surnames_faker.txt"),
        "not_names": not_names,
        "medical": medical,
        "blocked": not_names | medical,  # never a name or a place on their own
        "eponyms": eponyms,
        "cities": _load("cities.txt"),
        # every town known, by _town_key: the hand-written list, the French communes and big towns abroad
        "towns": towns,
        # taken only when capitalised: abroad, a town's name may be a French word ("limbe")
        "foreign_towns": foreign_towns,
        "demonyms": {base + ending for base in _load("demonyms.txt") for ending in ("", "s", "e", "es", "ne", "nes")},
        "city_nicknames": _load("city_nicknames.txt"),
        # départements, régions, countries: places that are not towns ("Virginie" is a first name first)
        "regions": set(_town_keys("\n".join(name for name in read_word_list(RESOURCES / "regions.txt")
                                            if _key(name) not in first_names))),
    }


# ---------------------------------------------------------------------------------------------- regex building
# French letters, then those of Spanish, Portuguese, Italian, Slavic, Polish, Turkish, Romanian, Czech and Vietnamese
# names (the Vietnamese block holds both cases)
_UP = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸÆŒÁÍÓÚÑÃÕÌÒÅØĆČŠŽĐŁŃŚŹŻĞŞİĂȚȘŘĚŮÝŨĨƠƯẠ-Ỹ"
_LO = "a-zàâäçéèêëîïôöùûüÿæœßáíóúñãõìòåøćčšžđłńśźżğşıățșřěůýơưạ-ỹ"
_MONTHS = (r"janvier|janv|f[ée]vrier|f[ée]vr?|fev|mars|avril|avr|mai|juin|juillet|juil|ao[uû]t|aout|"
           r"septembre|sept|sep|octobre|oct|novembre|nov|d[ée]cembre|d[ée]c|"
           r"january|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug|september|october|"
           r"november|december|dec|jan")
_FOREIGN_MONTHS = (r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|"
                   r"gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|"
                   r"janeiro|fevereiro|março|marco|maio|junho|julho|setembro|outubro|novembro|dezembro|"
                   r"januar|februar|märz|maerz|juni|juli|oktober|dezember")
_NUMBER_WORDS = (r"un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|"
                 r"vingt|trente|quarante|cinquante|soixante|cent|cents|mille|mil|premier|1er|et")
_SPELLED = rf"(?:(?:{_NUMBER_WORDS})s*(?:[\s-]+(?:{_NUMBER_WORDS})s*)*)"
_WEEKDAYS = (r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
             r"monday|tuesday|wednesday|thursday|friday|saturday|sunday")
_SEP = r"\s?[/.\-|_\\·]\s?|\s"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"

# "@@" typed twice, a comma for the last dot ("p.martin@chu-lyon,fr"), a line break after "@" or inside the domain's
# first word ("secretariat@chu-ren\nnes.fr")
_EMAIL_RE = re.compile(r"(?:[\w+\-]+ \. )*[\w.+\-]+ ?@@?(?: |\n)?[\w\-]+(?:\n[\w\-]+(?=\.))?(?: ?\. ?[\w\-]+)*(?:,(?:com|fr|net|org|eu|be|ch|bzh)\b)?",
                       re.UNICODE)
# an address written so that robots miss it: "ornella.pisani(at)gmail.com", "p.durand [at] chu-nantes [dot] fr",
# "jdupont[arobase]orange.fr", "m.durand arobase ch-quimper.fr"
_SPELLED_EMAIL_RE = re.compile(r"[\w.+\-]+ ?(?:[(\[](?:at|arobase|a)[)\]]|\barobase\b) ?[a-z][\w\-]*"
                               r"(?:(?: ?\. ?| ?[(\[]dot[)\]] ?)[\w\-]+)*(?: ?\. ?| ?[(\[]dot[)\]] ?)[a-z]{2,6}\b", re.IGNORECASE)
# ... or with a bare "at" when the name before it has a dot: "m.tanguy at ch-cornouaille.fr", "yvon.kerdraon at yahoo dot fr"
_BARE_AT_EMAIL_RE = re.compile(r"(?=[\w+\-])(?<![\w.+\-])[\w+\-]+(?:\.[\w+\-]+)+ at [a-z][\w\-]*(?:(?:\.| dot )[\w\-]+)*(?:\.| dot )[a-z]{2,6}\b",
                               re.IGNORECASE)
_URL_RE = re.compile(r"\b(?:https?://|www\.)[^\s<>\"')\]]+", re.IGNORECASE)
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_IPV4_RE = re.compile(rf"(?=\d)(?<![\d.])(?:{_OCTET}\.){{3}}{_OCTET}(?!\.?\d)")
_IPV6_RE = re.compile(r"(?<![\w:])(?:[0-9a-fA-F]{1,4}:){2,7}[0-9a-fA-F]{1,4}(?![\w:])")

_DATE_PATTERNS = [
    # 12/03/2024, 12.3.24, 2021/12/10, 21|05|1956, 01 / 07 | 1995, 08/ 09/18
    rf"(?<![\w,.])(?:(?:{_DAY}|1er)(?:{_SEP}){_MONTH}(?:{_SEP})(?:1[89]|20)?\d\d|(?:19|20)\d\d(?:{_SEP}){_MONTH}(?:{_SEP}){_DAY})(?!\d|[/.]\d(?!\d?[h:]\d)|-\d+[/.](?!\d\d?[/.]\d\d))",
    # a comma typed for the last dot: "le 14.03,2021"
    r"(?<![\w,.])(?:0?[1-9]|[12]\d|3[01])[./](?:0?[1-9]|1[0-2]),(?:19|20)\d\d(?!\d)",
    # a date whose year lost its last digit: "DDN 19/08/196", "1 1 / 0 1 / 1 9 4"
    r"(?<![\w,.])(?:0[1-9]|[12]\d|3[01])[/.-](?:0[1-9]|1[0-2])[/.-](?:19|20)\d(?!\d|[.,/]\d)"
    r"|(?<![\w,.])\d \d ?[/.|] ?\d \d ?[/.|] ?[12] [09] \d(?! ?\d)",
    # 31121995, 01sep2018, 18X2027, 23avr, 3 janvier 2025, 1er mars 2022, 21 novembre, 2012, 12 fevrier 2022
    rf"(?<![\d])[0-3]?\d(?:\s?i?er|°|st|nd|rd|th)?,?[\s\-/.]?(?:{_MONTHS})\.?,?(?:[\s\-/]?(?:1[5-9]|20)?\d\d)?(?![{_LO}\d])",
    rf"(?<![\d])(?:[0-3]\d[01]\d(?:19|20)\d\d|[0-3]\dX(?:19|20)\d\d)(?!\d)",
    # Sept 01,2026 / mai 2029 / juin 2029
    rf"\b(?:{_MONTHS})\.?\s?[0-3]?\d(?:st|nd|rd|th)?\s?,?\s?(?:19|20)\d\d\b",
    # spelled-out dates: vingt quatre aout deux mille dix-sept; vingt-six 02 2012
    rf"\b(?:(?:{_WEEKDAYS})\s+)?{_SPELLED}\s+(?:{_MONTHS}|[01]?\d)\s+(?:{_SPELLED}|(?:19|20)?\d\d)\b",
    rf"\b(?:deux[\s-]+milles?|mil(?:le)?[\s-]+neuf[\s-]+cents?)(?:[\s-]+{_SPELLED})?\b"
    # a spelled day and its month: "vingt septembre", "premier mars"
    rf"|\b(?:(?:{_WEEKDAYS})\s+)?(?:premier|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|"
    rf"trente)(?:[\s-]+(?:et[\s-]+)?(?:un|deux|trois|quatre|cinq|six|sept|huit|neuf))?\s+(?:{_MONTHS})\b",
    # an English month and its day: "on March 3rd", "until April 20th"
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\s[0-3]?\d(?:st|nd|rd|th)\b",
    # month + 2- or 4-digit year: décembre 93, dec1993; day range: du 18 au 29/03; yymmdd after "le"
    rf"\b(?:(?:{_WEEKDAYS})\s+)?(?:début\s+|fin\s+|mi-)?(?:{_MONTHS})\.?(?:\s?(?:1[5-9]|20)?\d\d|[-/](?:19|20)\d\d)(?!\d|:\d|h\d)",
    r"(?<=\bdu )[0-3]?\d(?= au [0-3]?\d(?![\d,.]\d|[ \t]?(?:mg|g\b|ml|µg|ui\b|%|°|h\b|ans?\b|jours?|mois|semaines?|fois|cp\b)))",
    # a lone day after a preposition of time: "hospitalisée depuis le 3", "jusqu'au 12"
    r"(?:(?<=\bdepuis le )|(?<=\bjusqu'au )|(?<=\bjusqu’au )|(?<=\bdès le )|(?<=\bà partir du )|(?<=\bavant le )|"
    r"(?<=\baprès le )|(?<=\bsemaine du ))(?:1er|[0-3]?\d)(?!\d|[,./]\d|[./-](?-i:[IVX])|\s?(?:h\b|mg|g\b|ml|%|e\b|[èe]me|°|ans?\b|jours?|mois|"
    r"semaines?))",
    # a lone day closed by punctuation or a time: "RDV le 1er à 9 h", "il a rdv le 18, ..." (not "appeler le 15")
    r"(?<=\ble )(?<!appel[ée] le )(?<!appeler le )(?<!composer le )(?:[12]\d|3[01]|0?[1-9]|1er)"
    r"(?=[ \t]?[,;:)!?]|\.(?![\dIVX])|[ \t]+(?:à|a)[ \t]+\d{1,2}[ \t]?[h:]|[ \t]*$|[ \t]+[–-][ \t]|[ \t]+apr[èe]s-midi\b|"
    r"[ \t]+(?:au[ \t]+(?:soir|matin)|dans[ \t]+la[ \t]+(?:nuit|journ[ée]e)|(?:au[ \t]+)?(?:matin|soir|midi))\b)",
    # a lone day after a visit or a plan: "vu en consultation le 3 avec sa fille", "opérée le 12 par le Dr ..."
    r"(?:(?<=\bvu le )|(?<=\bvue le )|(?<=\brevu le )|(?<=\brevue le )|(?<=\bconsultation le )|(?<=\bprévu le )|"
    r"(?<=\bprévue le )|(?<=\brdv le )|(?<=\bopéré le )|(?<=\bopérée le )|(?<=\bhospitalisé le )|"
    r"(?<=\bhospitalisée le )|(?<=\badmis le )|(?<=\badmise le )|(?<=\bsorti le )|(?<=\bsortie le )|"
    r"(?<=\bconvoqué le )|(?<=\bconvoquée le )|"
    # ... and in messages: "le rdv du 12", "la chute du 23", "dispo le 17 ou le 18", "on peut décaler au 22 ?"
    r"(?<=\brdv du )|(?<=\bconsult du )|(?<=\bconsultation du )|(?<=\bchute du )|(?<=\bdispo le )|(?<=\bdisponible le )|"
    r"(?<=\bou le )|(?<=\bprochaine le )|(?<=\bpart le )|(?<=\barrive le )|(?<=\brentre le )|(?<=\bsort le )|"
    r"(?<=\brevient le )|(?<=\bjusqu au )|(?<=\bdéplacer au )|(?<=\bdeplacer au )|(?<=\bdécaler au )|(?<=\bdecaler au )|"
    r"(?<=\breporter au )|(?<=\bavancer au )|(?<=\bpour le ))(?:[12]\d|3[01]|0?[1-9]|1er)"
    rf"(?![\w-]|[/.,:]\w|\s?/\s?\w|[.,:]\s?\d|\s+\d|\s?(?:h\b|mg|g\b|ml|%|[èe]me|°|ans?\b|jours?|mois|semaines?|fois|x\b|cp\b|comprim|{_MONTHS}))",
    # a season of two years: "saison 2019/20", "grippe 2022/23"
    r"(?<![\d/])(?:19|20)\d\d/\d\d(?![\d/])",
    # a birth date of six digits after its label: "ddn 030452"
    r"(?:(?<=\b[Dd][Dd][Nn] )|(?<=\b[Dd][Dd][Nn] : )|(?<=\b[Dd][Dd][Nn]: )|(?<=\b[Dd][Dd][Nn]:))[0-3]\d[01]\d\d\d(?!\d)",
    # a day of the current month: "le 20 courant", "le 3 du mois", "le 12 du mois de mars 1962"
    rf"(?<![\d/.,])(?:[0-3]?\d|1er)\s(?:du\s+mois\s+d(?:e\s+|['’])(?:{_MONTHS})(?:\s+(?:19|20)\d\d)?|courant\b|du\s+mois\b)",
    # dates in Spanish, Italian, Portuguese or German: "15 de mayo de 2023", "5 giugno 1940", "9 de janeiro de 2024"
    rf"(?<![\d])[0-3]?\d(?:º|°)?\s+(?:de\s+)?(?:{_FOREIGN_MONTHS})\b(?:\s+(?:de\s+|del\s+)?(?:19|20)\d\d\b)?",
    # the first day of a range in those languages: "dal 3 al 10 marzo", "de 2 a 9 de janeiro", "del 3 al 7"
    r"(?:(?<=\bdal )|(?<=\bdel )|(?<=\bde ))[0-3]?\d(?= (?:al|a) [0-3]?\d )",
    # a day/month glued to its year: "12/032024"
    r"(?<![\d/.])(?:[0-2]?\d|3[01])/(?:0[1-9]|1[0-2])(?:19|20)\d\d(?!\d)",
    r"(?<![\d.,/])(?:19|20)\d\d\s?[-–/]\s?(?:19|20)\d\d(?![\d.,/]\d)",
    # year and month: "2019-03", "2019/03"
    r"(?<![\d.,/-])(?:19|20)\d\d[-/](?:0[1-9]|1[0-2])(?!\d|[-/.,]\d)",
    r"(?<![\d/.,])(?:0?[1-9]|1[0-2])\s?[/.\-]\s?(?:19|20)\d\d(?!\d|[/.]\d)",
    rf"(?<=\b(?:le|du|au) )[0-3]?\d\s?/\s?[1-9](?![\d/]|,\d|\s?(?:semaines?|mois|jours?|ans?)\b)",
    # "ETT le 16-3", "chimiothérapie le 2.4"; "contrôle en 04/23" (month and two-digit year after a preposition of time)
    r"(?<=\b(?:le|du|au) )(?:[12]\d|3[01]|0?[1-9])[-.](?:1[0-2]|0?[1-9])"
    r"(?![\d/-]|\w|\s?(?:semaines?\b|mois\b|jours?\b|ans?\b|h\b|min|mg|g\b|ml|µg|%|cp|comprim|fois|gouttes|UI))",
    r"(?:(?<=\ben )|(?<=\bdepuis )|(?<=\bdès )|(?<=\bfin )|(?<=\bdébut ))(?:0[1-9]|1[0-2])/\d\d(?![\d/])",
    rf"\b(?:{_WEEKDAYS})\s+[0-3]?\d(?:er)?(?:/(?:1[0-2]|0?[1-9])(?![\d/]))?\b",
    # an abbreviated weekday and its day before the month: "ven. 8 nov. 2024"
    rf"\b(?:lun|mar|mer|jeu|ven|sam|dim)\.[ \t]?[0-3]?\d(?:er)?[ \t]?(?:{_MONTHS})\b\.?(?:[ \t]?(?:19|20)?\d\d)?(?!\d)",
    r"(?<=\ble )\d{6}(?!\d)",
    # an abbreviated weekday and its day after "le": "le mer 12 à 17h", "le lun. 24/03"
    r"\b(?:(?:(?<=\ble )|(?<=\bdu )|(?<=\bau ))(?:lun|mar|mer|jeu|ven|sam|dim))\.?\s(?:[12]\d|3[01]|0?[1-9])(?:/(?:1[0-2]|0?[1-9]))?(?![\d/])",
    # 07 2002 (month year), 12 / 05, 28.01, 30.12 (day month)
    rf"(?<![\d,.])(?:0[1-9]|1[0-2])\s(?:19|20)\d\d(?!\d)",
    rf"(?<![\w,./])(?:[0-2]?\d|3[01])\s?[/.]\s?(?:0[1-9]|1[0-2])(?!\d|[,.]\d|\s?(?:semaines?|mois|jours?|ans?)\b)",
    # digit-spaced dates: 3 1 0 5 2 0 6 8 / 0 9 0 1 1 9 8 7 / 8 5 0 2 1 8 0
    r"(?<!\d )(?<!\d)(?:\d ){6,7}\d(?! ?\d(?!\d?[:h]\d))",  # also before a time: "1 2 0 3 2 0 2 4 13:04:02"
    # spaced dates with separators: 1 2 . 0 6 . 1 9 8 1
    r"(?<!\d)\d ?\d ?[./] ?\d ?\d ?[./] ?(?:\d ?){3}\d(?! ?\d)",
    # days listed or ranged before their month: "les 14, 15 et 16 novembre", "9-10/10/2011", "3 au 5 mars"
    rf"(?<![\d/.,])[0-3]?\d(?:er)?(?=(?:(?:,\s|\s(?:et|ou|au|à)\s(?:le\s|du\s)?|\s?[-–]\s?)[0-3]?\d(?:er)?)+"
    rf"(?:\s?(?:{_MONTHS})\b|/[01]?\d\b|\.[01]?\d\.\d))",
    # roman months: 14-XI-1994, 3.IV.21
    r"(?<![\w/.-])[0-3]?\d\s?[-/. ]\s?(?-i:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)\s?[-/. ]\s?(?:19|20)?\d\d(?!\d)",
    # a month and its two-digit year, which no day and month can be: "IRM 01/24 :", "rappel 05/24", "11/23" (not a dose,
    # not a score: see _SCORE_CONTEXT_RE)
    r"(?<![\w/.,:-])(?:0[1-9]|1[0-2])/(?:1[3-9]|2\d|3[0-5])(?![\d/]|[.,]\d|\s?(?:mg|g\b|ml|mmHg|%|ans?\b|jours?|mois|semaines?))",
    # a month and its year alone: "01/2024" (a dilution is "1/2000")
    r"(?<![\w/.,-])(?:0[1-9]|1[0-2])/(?:19|20)\d\d(?![\w/]|[.,]\d)",
    # a part of a month or a year: "fin juin", "mi-avril", "courant juillet", "début 2020", "fin 2018"
    rf"\b(?:(?:début|fin|courant)\s+|mi-)(?:(?:{_MONTHS})\b\.?|(?:19|20)\d\d\b)",
    # an English weekday before its date in a mail's header: "Sent: Monday, March 4, 2024", "Date: Thu, 18 Jan 2024"
    rf"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\.?,"
    rf"(?=\s(?:(?:{_MONTHS})\.?\s[0-3]?\d|[0-3]?\d\s(?:{_MONTHS})\b))",
]
# Patterns that start with a word (month, weekday, spelled number) are slow on long texts: they run only in
# windows around such words (see _windows).
_WORDED = {index for index, pattern in enumerate(_DATE_PATTERNS) if pattern.startswith(r"\b(?:")}
# Every other pattern starts with a digit: the look-ahead skips the other positions without trying each one.
_DATE_RE = re.compile(r"(?=\d)(?:" + "|".join(f"(?:{pattern})" for index, pattern in enumerate(_DATE_PATTERNS)
                                               if index not in _WORDED) + ")", re.IGNORECASE)
_WORD_DATE_RE = re.compile("|".join(f"(?:{pattern})" for index, pattern in enumerate(_DATE_PATTERNS)
                                    if index in _WORDED), re.IGNORECASE)
_YEAR_RE = re.compile(r"(?=19|20)(?:(?<=\(°)|(?<=\(° )|(?<= °)|(?<![\d.,/°-]))(?:19|20)\d\d(?!\d|[,.]\d|\s?(?:(?:mg|g|ml|ui|cp|mm|cm|kg|h)\b|%|€|µ|-\d))",
                      re.IGNORECASE)
# A year before 1900 after a word of time: "nommé à Strasbourg en 1849", "dès 1816" (the history of medicine)
_OLD_YEAR_RE = re.compile(r"(?=1[5-8]\d\d)(?:(?<=\ben )|(?<=\bdès )|(?<=\bvers )|(?<=\bdepuis )|(?<=\bin )|(?<=\bdate de )|(?<=\bdatant de ))"
                          r"1[5-8]\d\d(?!\d|[,.]\d|\s?(?:(?:mg|g|ml|ui|cp|mm|cm|kg|h|m)\b|%|€|µ))", re.IGNORECASE)
# The years of a life or a stay in history: "Émile Dorsay (1868-1939)", "ses études à Paris de 1878 à 1884"
_YEAR_SPAN_RE = re.compile(r"(?=[(dD])(?:\(|\bde[ \t])(?P<first>1[5-9]\d\d)(?:[ \t]?[-–][ \t]?|[ \t]à[ \t])(?P<second>1[5-9]\d\d|20[0-2]\d)"
                           r"(?:\)|\b(?![ \t]?(?:[mµkc]?g|m?l|ui|kcal|mmol|mm|cm|km|m|h|min|€|%)\b))", re.IGNORECASE)
_MONTH_ALONE_RE = re.compile(rf"\b(?:en|de|d['’]|fin|début|debut|depuis|mi-|pour|courant|vers|dès|avant|après|jusqu['’]en|d['’]ici)\s?(?P<value>(?:(?:fin|début)\s)?(?:{_MONTHS}))\b|"
                             rf"\b(?P<value2>(?:{_MONTHS}))(?= à (?:{_MONTHS}))", re.IGNORECASE)
# a month heading a step of a timeline: "Mai : début pembrolizumab", "sept : PS 1 ; oct : PS 2"
_MONTH_HEADING_RE = re.compile(rf"(?:^|(?<=[;,:] ))(?:{_MONTHS})(?=[ \t]?:)", re.IGNORECASE | re.MULTILINE)
# a day and month after the label of a cycle or a day of treatment: "C1 5/1, C2 26/1", "J1 = 3/9", "IT1 (8.1)",
# "J30 (17/7)"; and at the head of a table's row: "1/3 | 1,8"
_CYCLE_DATE_RE = re.compile(r"(?=[A-Z0-9])(?:(?<![\w/.])(?:[A-Z]{1,3}|J)\d{1,3}[ \t]?(?:[=:][ \t]?|\([ \t]?|[ \t])"
                            r"(?P<value>(?:[12]\d|3[01]|0?[1-9])(?:/(?:1[0-2]|0?[1-9])|\.(?:1[0-2]|[1-9])(?=\))))"
                            r"(?![\d/]|[.,]\d)"
                            r"|^(?P<value2>(?:[12]\d|3[01]|0?[1-9])/(?:1[0-2]|0?[1-9]))(?=[ \t]*(?:\||\t)))", re.MULTILINE)
# a day and month after the word of a stay's step or an appointment: "entrée 28.2 / sortie 4.3", "Prochain RDV : 2/5 ou
# 9/5"; a month and year heading a timeline's step: "09.21 : rechute"
_STEP_DAY_MONTH_RE = re.compile(
    r"(?=\d)(?:(?<=\bentrée )|(?<=\bsortie )|(?<=\bENTRÉE )|(?<=\bSORTIE )|(?<=\bRDV : )|(?<=\bRDV )|(?<=\brdv ))"
    r"(?P<first>(?:[12]\d|3[01]|0?[1-9])[/.](?:1[0-2]|0?[1-9]))(?![\d/]|[.,]\d|[ \t]?(?:mmHg|cmHg|mg|ml|%))"
    r"(?:[ \t]+ou[ \t]+(?P<second>(?:[12]\d|3[01]|0?[1-9])[/.](?:1[0-2]|0?[1-9]))(?![\d/]|[.,]\d))?"
    r"|(?=\d)(?:^|(?<=\. ))(?P<heading>(?:0[1-9]|1[0-2])[./](?:\d\d|(?:19|20)\d\d))(?=[ \t]?:)", re.MULTILINE)
# two lone days joined: "le 6 puis le 9", "le 17 et le 31", "du 15 au 29", "entre le 4 et le 9", "du 11 au 12"
_DAY_PAIR_RE = re.compile(r"(?=[ldeLDE])\b(?:le|du|entre[ \t]+le)[ \t]+(?P<first>[12]\d|3[01]|0?[1-9])[ \t]+(?:et|puis|ou|au)[ \t]+"
                          r"(?:le[ \t]+)?(?P<second>[12]\d|3[01]|0?[1-9])(?![\w/-]|[.,:]\d|[ \t]?(?:%|°|/|h\b|mg|ml|ans?\b"
                          r"|jours?|mois|semaines?|fois|cp\b|comprim|[èe]me|ui\b|µg|mmHg))")
# a decade: "dans les années 80", "au début des années 90"
_DECADE_RE = re.compile(r"(?=\d)(?:(?<=\bannées )|(?<=\bannees )|(?<=\bANNÉES ))(?:19)?[1-9]0(?!\d)")
# a date in a form's boxes: "JOUR 12  MOIS 03  AN 2024", "Jour 27 Mois 11 Année 1950"
_FORM_DATE_RE = re.compile(r"\bjour\s*:?\s*(?P<day>[0-3]?\d)\s+mois\s*:?\s*(?P<month>[01]?\d)\s+(?:an|ann[ée]e)\s*:?\s*"
                           r"(?P<year>(?:19|20)?\d\d)\b", re.IGNORECASE)
# two months joined: "mars-avril 2024", "juin/juillet"
_MONTH_BEFORE_MONTH_RE = re.compile(rf"\b(?:{_MONTHS})(?=[-/](?:{_MONTHS})\b)", re.IGNORECASE)
# two months named as a span: "entre novembre et février", "de mars à mai"
_MONTH_PAIR_RE = re.compile(rf"\b(?:entre|de|du|d['’]|en)\s?(?P<value>{_MONTHS})\.?\s(?:et|à|au)\s(?P<value2>{_MONTHS})\b", re.IGNORECASE)
_BIRTH_CONTEXT_RE = re.compile(
    r"(?:n[ée](?:e|\(e\))?\s+(?:le|en|au|vers)?|\bD\.?N\.?|date\s+(?:de\s+)?nais\w*\.?|DDN|d\.d\.n\.?|naissance(?:\s+le)?|\(\s*°|(?<=\s)°|"
    r"mise?\s+au\s+monde\s+le|"
    r"birth\w*|DOB|D\.O\.B\.?|nat[oa]\s+il|nacid[oa]\s+el|nascid[oa]\s+em|geboren\s+am|fecha\s+de\s+nacimiento|data\s+di\s+nascita)\s*:?\s*$",
    re.IGNORECASE)
_BETWEEN_IDENTITY_AND_BIRTH_RE = re.compile(r"[\s,;|\-()]*(?:(?:[FMH]|homme|femme)\b[\s,;|\-()]*)?", re.IGNORECASE)
_BIRTH_NAME_GAP_RE = re.compile(r",?\s+le\s+", re.IGNORECASE)
_BORN_BEFORE_NAME_RE = re.compile(r"\bn[ée](?:e|\(e\))?\s+$", re.IGNORECASE)
_SEX_BEFORE_RE = re.compile(r"\|\s*(?:[FMH]|homme|femme)\s*\|\s*$", re.IGNORECASE)
_AGE_BEFORE_RE = re.compile(r"\b\d{1,3}\s*ans\s*[,(:]?\s*(?:n[ée]e?\s+le\s+)?$", re.IGNORECASE)
_AGE_AFTER_RE = re.compile(r"^\s*\(?\s*\d{1,3}\s*ans\b", re.IGNORECASE)

_PHONE_CONTEXT = (r"t[ée]l[ée]?(?:phone)?\.?|tel\.?|t\s?:|portable|mobile|fixe|fax|faxer|joindre|joignables?|DECT|"
                  r"appeler|rappeler|contacter|phone|bip|poste|secr[ée]tariat|standard|urgence")
_PHONE_RES = [
    # French numbers: 06 12 34 56 78, 06.12.34.56.78, 0612345678, +33 6 12 34 56 78, (33) 01-32-39-28-25, O1.42...
    re.compile(r"(?<![\d+])(?<!\b[A-Z])(?:(?:\+|00)\s?33\s?(?:\(0\)\s?)?|\(33\)\s?0?|[0O])[1-9]"
               r"(?:\d{8}|(?P<sep>[\s.\-/_%\u2010\u2011])\d{2}(?:(?P=sep)\d{2}){3}|(?:[\s.\-/]\d{2}){4}|(?:[\s.\-/]\d{2}){2}[\s.]\d{4}"
               r"|(?:\.\d{2}){3}(?!\.?\d))(?![\d])"),
    # 01 2048 3632
    re.compile(r"(?<!\d)0[1-9][\s.]\d{4}[\s.]\d{4}(?!\d)"),
    # international: +32103289483, +49 30 5682001, (205)-136-2648 02
    re.compile(r"(?<![\w])\+\d{1,3}[\s.\-]?(?:\(0\)\s?)?\(?\d{1,4}\)?(?:[\s.\-]?\d{2,5}){1,4}(?!\d)"),  # "+213 (0)5 50 ..."
    re.compile(r"\(\d{3}\)[\s.\-]?\d{3}[\s.\-]?\d{4}(?:\s\d{2})?(?!\d)"),
    # pairs between spaced dots: "04 . 76 . 76 . 75 . 75"
    re.compile(r"(?<![\d.])0[1-9](?: [.\-] \d{2}){4}(?![\d]| [.\-] \d)"),
    # an extension or a pager after its word: "poste 218", "BIP 7 1 3", "DECT 4521", "ext. 3587"
    re.compile(r"(?i:(?<=\bposte )|(?<=\bbip )|(?<=\bdect )|(?<=\bposte : )|(?<=\bbip : )|(?<=\bext\. )|(?<=\bext )|"
               r"(?<=\bextension ))\d(?: ?\d){2,5}(?![\d,.]\d|[ \t]?mm\b)"),
    # ... or before "(poste interne)"
    re.compile(r"(?<![\w.])\d(?: ?\d){2,5}(?=[ \t]*\((?i:poste|bip|dect)\b)"),
    # a pair of digits per group split by slashes: "06 77 / 41 / 23 / 86"
    re.compile(r"(?<![\d+])0[1-9][ .]?\d{2}(?:[ \t]*/[ \t]*\d{2}){3}(?![ \t]*/?[ \t]*\d)"),
    # digit by digit, as OCR or a hurried typist spaces them: 0 6 5 1 2 8 4 7 3 9
    re.compile(r"(?<![\d.,/])0 [1-9](?: \d){8}(?![\d/]|[.,]\d| \d)"),
]
# a pager or an extension after a few words naming whose it is: "BIP interne de garde : 6124", "DECT IDE secteur B :
# 45 218", "bip anesthésiste : 4044"
_PAGER_RE = re.compile(r"\b(?i:bip|dect)(?:[ \t]+(?!(?i:au|le)\b)[\w'’-]+){1,4}?[ \t]*:[ \t]*(?P<number>\d(?: ?\d){2,5})(?![\d,.]\d)")
# after a phone number, another one's last digits after a slash ("02.98.36.51.44 / 45", "03 20 44 61 72 / 73 / 74")
# or an extension ("01 45 82 67 00 p. 4412", "... poste 12")
_SHORT_ALTERNATIVE_RE = re.compile(r"(?:[ \t]*/[ \t]*(?P<number>\d{2})|[ \t]?(?:p\.|poste|ext\.?)[ \t]?(?P<extension>\d{2,5}))"
                                   r"(?![\d/]|[.,]\d|[ \t]\d)")
# a phone number dictated in words, pair by pair: "zéro six, quarante-deux, dix-sept, quatre-vingt-huit, trente"
_UNITS = r"un|deux|trois|quatre|cinq|six|sept|huit|neuf"
_TEENS = r"dix-sept|dix-huit|dix-neuf|dix|onze|douze|treize|quatorze|quinze|seize"
_PAIR_IN_WORDS = (rf"(?:(?:quatre-vingts?|vingt|trente|quarante|cinquante|soixante)(?:[- ](?:et[- ])?(?:{_TEENS}|{_UNITS}))?"
                  rf"|{_TEENS}|{_UNITS}|z[ée]ro|\d\d)")
_SPELLED_PHONE_RE = re.compile(rf"(?i:\bz[ée]ro[- ](?:{_UNITS})(?:[ \t]*[,;]?[ \t]+(?:{_PAIR_IN_WORDS})(?![\w-])){{4}})")
# national short numbers that are nobody's: emergency services, helplines
_PUBLIC_NUMBERS = {"15", "17", "18", "112", "114", "115", "119", "3114", "3919", "3977", "116006", "116117", "3237", "3624"}
# (ten digits in any grouping: "0 800 123 456", "0380 295188", "06 62 10 7 4 38", "02 98 .43 17 06", "0 4. 9 2. 7 1...")
_PHONE_LOOSE_RE = re.compile(r"(?<![\w+/.,-])(?<!\d )(?:\(\+?33\)\s?0?[1-9]|0[ .]?[1-9]\d{0,3})(?:(?:[ .\-]|\. | \.)\d{1,6}){1,9}"
                             r"(?![\d/]|[.,]\d| \d)")
_PHONE_AFTER_CONTEXT_RE = re.compile(rf"(?:{_PHONE_CONTEXT})\s*(?:au|le|:|-|est|le\s+suivant)?\s*:?\s*"
                                     r"(?P<number>\+?[\dO][\d\s.\-/]{1,16}\d)(?!\d)", re.IGNORECASE)

_STAY_LABEL_BEFORE_RE = re.compile(r"\b(?:NDA|IPP|NIP|IEP)[ \t]*(?:n°|:)?[ \t]*$")
_NIR_CONTEXT_RE = re.compile(r"(?:s[ée]curit[ée]\s+sociale|\bNSS\b|\bNIR\b|\bn°\s*SS\b|\bINSEE\b|assurance\s+maladie|"
                             r"immatriculation|n°\s*d'id\w*|identification)", re.IGNORECASE)
# (a NIR's key may stand apart: "2550603310 247 - 18")
_DIGIT_RUN_RE = re.compile(r"(?<![\w])\d(?:[ .\-]?(?:\d|(?<=2)[AB](?=[ .\-]?\d)))+(?:[ \t][-–][ \t]\d\d)?(?![\w])")
_IPP_CONTEXT_RE = re.compile(r"(?:\bIPP|\bNDA|\bNIP|\bN\.I\.P\b|\bI\.P\.P\b|\bIEP|\bS[ÉE]J\b|dossier|patient\s*n°|n°\s*patient|\bID\b|identifiant|"
                             r"s[ée]jour|visite|[ée]pisode|\bréf[ée]rence|\br[ée]f\b\.?|\bvenue|admission|hospitali[sz]ation|\bpassage(?=\s*(?:n°|:))|"
                             r"matricule|num[ée]ro\s+(?:de\s+)?patient|(?<!d[ée]cret )(?<!loi )(?<!arr[êe]t[ée] )(?<!article )\bn°|\bnum[ée]ro\b|\bcode\s+(?:patient|dossier|s[ée]jour)|"
                             r"\barchive|\bnum\.?\s*pat\b|\blPP\b|\bNHS\b|\bN\.D\.A\b|\b(?:patient|IP)(?=[ \t]*[:(]?[ \t]*$))"
                             r"[^\d\n]{0,35}$", re.IGNORECASE)
# An identifier written in groups after its label: "NDA : 6908 34139", "IPP 3175 09".
_IPP_SPACED_RE = re.compile(r"(?=[A-Za-z\d])(?:(?<![\w.,/])\d(?: \d)* [A-Z](?: \d){3,14}(?! ?\w)|"  # "NIP 2 9 A 0 0 5 1 2 8 7"
                            r"(?<![\w.,/])\d{1,4} [A-Z]{1,2} \d{1,6}(?: \d{1,6}){0,2}(?![\w.,/]\d|\w| \d)|"  # "24 S 00 4471"
                            r"(?<![\w.,/])(?!(?:IP|IPP|NIP|NDA|IEP)\b)[A-Z]{2,5} \d{2,6}(?: \d{2,6}){1,3}(?![\w.,/]\d|\w| \d)|"
                            r"(?=[A-Za-z\d])(?:\bIPP\s*)?(?:(?<![\w.,/])|(?<=IPP))(?:(?:(?!(?:IPP|NIP|NDA|IEP|IP)\b)[A-Z]{1,3} ?)?\d{1,8}(?: \d{1,8}){0,3} \d{1,8}(?![\w.,/]\d|\w| \d)"
                            r"|(?:(?<![\w.,/])|(?<=IPP))\d(?: \d){5,15}(?! ?\d)"  # digit by digit: "IPP 8 0 0 5 4 1 2 2 7 3"
                            r"|(?=[A-Z\d.]*\d{2}[A-Z\d.]*\d{2})\d{2,4}(?:\.[A-Z0-9]{1,6}){2,4}(?![\w.]?\w)"
                            r"|[A-Z]{1,5}-(?=[A-Z\d]*\d[A-Z\d]*\d)[A-Z\d]{3,12}(?![\w@-])"
                            r"|(?=[A-Za-z\d/-]*\d{3})[A-Za-z\d]{1,10}(?:[-/][A-Za-z\d]{1,10}){1,3}(?![\w.,/-]?\w)"
                            r"|[A-Z]{1,3} ?\d{2,4} ?/ ?\d{3,8}(?![\w.,/-]?\d)"
                            r"|(?=[A-Z\d]*\d[A-Z\d]*\d)(?=[A-Z\d]*[A-Z])[A-Z\d]{5,16}(?![\w@])"
                            r"|\d{2,8}[/-]\d{3,10}(?![\w.,/-]?\d)|\d{2,8}(?:[-._]\d{2,8}){2,3}(?![\w.,/-]?\d)|[A-Z]{1,5}[-/]?\d{2,12}(?:[-/.]\d{1,8}){0,2}(?![\w@])))")
_ALNUM_ID_RE = re.compile(r"(?=[A-Z\d])(?<![\w@.])(?:IPP)?(?=[A-Z0-9]{7,16}(?![\w@]))[A-Z]{0,4}\d+[A-Z]+[A-Z0-9]*(?![\w@])"
                          r"|(?<![\w@.])IPP[A-Z]?\d{4,12}(?![\w@])|(?<![\w@.])[A-Z]{1,3}\d{6,12}(?![\w@])")
# A number of six digits or more in a file name: documents are often named after the patient's or the stay's number.
_FILE_NAME_RE = re.compile(r"(?<![\w.-])(?P<stem>[\w.-]+)\.(?i:pdf|docx?|odt|rtf|txt|jpe?g|png|tiff?|hl7|xml|dcm)\b")
# A part of a file name's stem, between underscores, after any words of letters: "CR-HOSP-2025-004512" -> "2025-004512".
_FILE_NAME_ID_RE = re.compile(r"(?:[A-Za-z]+-)*(?P<number>[A-Z]{0,3}\d[\dA-Z.-]*\d)$")
# a date and time stamped on a file ("20240312143207_QUEMENER.dcm", "CR_20240312.pdf")
_STAMP_RE = re.compile(r"(?:19|20)\d\d[01]\d[0-3]\d(?:[0-2]\d[0-5]\d(?:[0-5]\d)?)?")
_FILE_NAME_WORD_RE = re.compile(r"(?<![^_])[A-ZÀ-Ü][A-ZÀ-Ü'-]{2,}(?![^_])")
_FILE_NAME_FIRST_NAME_RE = re.compile(r"_(?P<first>[A-ZÀ-Ü][a-zà-ÿ]+(?:-[A-ZÀ-Ü][a-zà-ÿ]+)?)(?![^_])")
# what a file name says of its content, in capitals: "CR_URG_PUIG.pdf", "ECG_CHEVALIER_160124.pdf", "CNI_LECLERC.pdf"
_FILE_NAME_DOCUMENT_WORDS = {"cr", "crh", "cro", "cru", "urg", "ecg", "eeg", "emg", "cni", "irm", "tdm", "rx", "bio",
                             "nfs", "ordo", "scan", "ett", "rcp", "hdj", "kine", "labo", "img", "doc", "pj", "consult",
                             "bilan", "echo", "radio", "mammo", "tep", "sms", "fax", "mail", "dmp", "ins", "cerfa",
                             "ald", "mdph", "apa", "anapath", "cs", "lettre", "courrier", "scanner", "ordonnance",
                             "resultats", "compte", "rendu", "copie", "mutuelle"}

# An identifier by its shape alone: groups of two or more capitals and digits joined by "-" or ".", six digits or more,
# a letter or a dash among them ("B24-01234-A1", "ONC-099812", "DU.25.118742", "25-0914-00773"; not "250.000.000",
# not "7.35-7.45", not a date).
_SHAPED_ID_RE = re.compile(r"(?<![\w.,/-])(?=[A-Z0-9.-]*[A-Z-])[A-Z]{0,4}\d*(?:[-.][A-Z0-9]{1,8}){1,4}(?![\w-]|[.,/]\w)")
# Before a number, what says it belongs to a product, a device or an establishment, not to a patient or a stay.
_NOT_A_PATIENT_NUMBER_RE = re.compile(r"\b(?:lots?|cerfa|n°\s*(?:de\s+)?(?:lot|s[ée]rie)|s[ée]rie|code\s+produit|CIP|UCD|FINESS(?:\s+(?:EJ|ET))?|"
                                      r"AMC|d[ée]cret|loi|arr[êe]t[ée])\b[^\n\d]{0,12}$", re.IGNORECASE)
_DATE_SHAPED_RE = re.compile(r"(?:19|20)\d\d[-.]\d{1,2}[-.]\d{1,2}|\d{1,2}[-.](?:\d{1,2}|[IVX]{1,4})[-.](?:19|20)?\d\d")
# A year, a slash and a serial number: "2024/00451", "25/000123" (no date has five digits after its year; "2001/83"
# is no identifier)
_YEAR_NUMBER_ID_RE = re.compile(r"(?<![\w/.-])(?:(?:19|20)\d\d/(?:0\d{3,7}|\d{5,8})|\d\d/(?!0[1-9](?:19|20)\d\d\b)0\d{4,7})(?![\w/]|[.,]\d)")
# After its label, an identifier of any shape: "IPP : 51CH.0045.77", "n° patient 59D-00.441.8", "Dossier : MA-2023/1187",
# "venue 24k0113", "Réf patient : BX_0078_1123" (four digits at least; dates and times are not identifiers)
_ANY_SHAPE_ID_RE = re.compile(r"(?=[A-Za-z0-9])(?<![\w./-])(?=[\w./-]*\d[\w./-]*\d[\w./-]*\d[\w./-]*\d)[A-Za-z0-9][\w./-]{2,24}[A-Za-z0-9]"
                              r"(?![\w/-]|\.\w)")
_NOT_AN_ID_SHAPE_RE = re.compile(rf"[0-3]?\d[./-]?(?:{_MONTHS}|mrz|okt|dez|dic|ene|abr|ago|giu|lug|ott)\.?[./-]?(?:19|20)?\d\d"
                                 r"|[0-3]?\d[./-][01]?\d(?:[./-](?:19|20)?\d\d)?|(?:19|20)\d\d(?:[./-][01]?\d(?:[./-][0-3]?\d)?)?"
                                 r"|\d{1,2}h\d\d|\d+(?:[.,]\d+)?|[0-3]?\d[./-][01]?\d[./-](?:19|20)?\d\d.*", re.IGNORECASE)
# A label glued to its identifier: "IPP_000458813", "NDA_2024_118_0071", "IPP#94000781123"
_GLUED_LABEL_ID_RE = re.compile(r"\b(?:IPP|NDA|NIP|IEP|PID)[_#](?P<value>[A-Za-z0-9][\w./-]*\d[\w./-]*?)(?=[^\w./-]|$|[./-](?:\W|$))")
# a house number after "n°" and the postal code after it are no identifier: "pavillon n° 6 49100 Angers"
_HOUSE_NUMBER_AND_CODE_RE = re.compile(rf"\d{{1,4}}[ \t]+(?:0[1-9]|[1-8]\d|9[0-8])\d{{3}}[ \t,]+[{_UP}]")
_BARCODE_RE = re.compile(r"\*(?P<number>[A-Z0-9-]{6,20})\*")  # "*0004521887*"
# A letter or two after an identifier's slash: "25.03.1187/A".
_ID_SUFFIX_RE = re.compile(r"/[A-Z0-9]{1,2}(?![\w/])|[ \t][A-Z](?=[ \t]*(?:[–,;)]|-[ \t]|\n|$))")  # "0024117845 K –"
_IPP_RE = re.compile(r"(?=[I\d])(?:\bIPP\s*)?(?<![\w.,/])\d{4,20}(?![\w.,/]\d|\w)")
# RPPS and INAMI numbers have 11 digits, ADELI and FINESS 9, in any grouping ("10 00 12 34 56 7", "6 9 1 2 3 4 5 6 7")
_RPPS_RE = re.compile(r"\b(?:RPPS|ADELI|FINESS|INAMI|(?-i:AM))(?:\s+du\s+(?:prescripteur|m[ée]decin))?\)?\s*(?:n°|:)?\s*:?\s*"
                      r"(?P<number>\d(?:[ .]?\d){10}(?!\d)|\d(?: ?\d){8}(?!\d)|\d(?:[\d ]{7,13}|[\d-]{9,14})\d)", re.IGNORECASE)
# an RPPS number without its label: eleven digits from 10, after a name or alone on a stamp's line ("Dr Goulven
# Bizien 100 055 663 21"), and an ADELI number after an RPPS one and a slash
_BARE_RPPS_RE = re.compile(r"10(?<![\d.,/-]10)(?:[ .]?\d){9}(?![\d.,/-]|[ .]\d)")
_SECOND_NUMBER_RE = re.compile(r"[ \t]*/[ \t]*(?P<number>\d(?: ?\d){8}(?!\d)|\d(?: ?\d){10}(?!\d))")

_STREET_TYPES = (r"grande?[\s-]rue|grand['’ ]?place|espl\.|espl|sent\.|grand['’]rue|gde[\s-]rue|(?<![\w.])r(?=\.\s|\.?\s*(?:de|des|du|d['’])[\s\w]|(?-i:[ \t]+[A-Z][a-zé]))|rue|ruelle|venelle|avenue|av\.?|avn|ave|avda|bd|bvd|blvd|boulevard|boul|bld|place|pl\.|pl|all[ée]es|all[ée]e|all\.|"
                 r"chemin|chem\.|chem|ch\.|che\.|impasse|imp\.?|quai|cours|crs|route|rte|square|sq\.?|voie|passage|pass\.|"
                 r"rond-point|prom\.|rond\s+point|faubourg|fbg|fg|qu\.|sente|chauss[ée]e|sentier|lotissement|lot\.|r[ée]sidence|r[ée]s\.|"
                 r"r[ée]s(?=[ \t]+(?:les?|la|l['’])\b)|r[ée]sid\.|(?<!-)lot(?=[ \t]+(?:les?|la|l['’])[ \t]?(?-i:[A-ZÀ-Ü]))|cour(?=[ \t]+(?:de[ \t]+la[ \t]+|de[ \t]+l['’]|des[ \t]+|du[ \t]+|de[ \t]+|d['’])(?-i:[A-ZÀ-Ü]))|parvis|"
                 r"esplanade|promenade|mail|cit[ée]-jardins?|cit[ée]|hameau|mas|bastide|ferme|moulin|manoir|m[ée]tairie|"
                 r"lieu-dit|lieu\s+dit|lieudit|villa|clos|parc\s+d['’]activit[ée]s|parc|za|zi|zac|z\.\s?[ai]\.(?:\s?c\.)?|"
                 r"zone\s+(?:artisanale|industrielle|commerciale|d['’]activit[ée]s)|centre\s+commercial|mont[ée]e|"
                 r"traverse|quartier|cour[ée]e|(?-i:HLM)(?=[ \t]+(?-i:[A-Z]))|section(?=[ \t]+(?-i:[A-Z]))|domaine|c[ôo]te|rampe|carrefour|servitude|village|foyer|hent|street|road|lane|drive|via|calle|rua|viale|piazza|lugar|"
                 r"avenida|plaza|paseo|carrer|corso|straat|laan|camping|lev[ée]e|remparts?|tribu|piste|corniche|digue|m[ôo]le|"
                 # regional languages' streets: Breton, Basque, Occitan, Corsican ("straed ar Vilin", "Karrika Nagusia")
                 r"straed|karrika|carri[èe]ra|carrughju")
_ADDRESS_RE = re.compile(
    rf"\b(?<!(?-i:\b[A-Z])-)(?<!(?-i:\b[A-Z]{{2}})-)(?:(?:(?<![\w/.])|(?<=///)|(?<=\.\.\.)|(?<=[^\W\d_]{{2}}/)|(?<=\d{{4}}/))(?:(?:n[°º.]\s?|no\s)?\d{{1,4}}(?:,?[\s-]?(?:bis|ter|quater)\b)?(?:(?:[-/]|[ \t][-/][ \t]|\set\s|[ \t]au[ \t]|[ \t]à[ \t])\d{{1,4}}(?:-\d{{1,4}})?)?(?:[\s-]?(?:bis|ter|quater|[A-Da-dTtQq])\b|[ \t]?\((?:bis|ter|quater)\))?|(?:n[°º][ \t]?)?(?!(?i:premi|1er)){_SPELLED}(?:[\s-](?:bis|ter|quater)\b)?)(?:(?:[ \t]*,){{1,2}}\s*|[ \t]+|\.[ \t]+(?=(?:rue|avenue|boulevard|impasse|chemin|all[ée]e|place|quai|route|av|bd)\b)|(?<=\d)(?=(?:rue|avenue|boulevard|impasse|chemin|all[ée]e|place|quai|route|fbg|bd|av)\b))"
    rf"(?:(?:de\s+la|de\s+l['’]|du)\s*)?|\b(?:(?:la|le)\s|l['’]\s?))?"
    rf"(?:{_STREET_TYPES})(?:\b|(?<=\.))\.?(?:(?:\s+|(?<=\.)(?=[^\W\d_]))(?:du|de\s+la|de\s+l'|de|des|d'|la|le|les|l'|aux?|sur|sous|en|et|à)?\s*"
    rf"[\w'’\-.°º´]+(?:(?<=\d)/\w{{1,3}}\b)?){{0,8}}",
    re.IGNORECASE)
_SPACED_NUMBER_BEFORE_RE = re.compile(r"(?<![\w,./:-])(?:\d )+$")
_STREET_NAME_ON_NEXT_LINE_RE = re.compile(rf"[ \t]*(?:de[ \t]+la|de[ \t]+l['’]|du|des|de|d['’])[ \t]*[{_UP}]")
# a line that ends inside a street's name, which the next line goes on with: "31 rue de la\nRépublique", "9 rue
# du\nDocteur Roux", "25 Avenue Du Maréchal\nDe Lattre De Tassigny"
_STREET_NAME_CUT_RE = re.compile(rf"(?:\s(?:de[ \t]+la|du|des|de|aux)|\sd['’]|\sde[ \t]+l['’]|(?i:mar[ée]chal|g[ée]n[ée]ral|docteur|"
                                 rf"professeur|pr[ée]sident|colonel|commandant|capitaine|abb[ée]|saint|sainte))[ \t]*$")
_STREET_HEAD_RE = re.compile(rf"(?<![^\W\d_])(?:{_STREET_TYPES})(?:\b|(?<=\.))\.?", re.IGNORECASE)  # "11rue" too
_STREET_WORD_RE = re.compile(rf"\b(?:{_STREET_TYPES})\b", re.IGNORECASE)
_STREET_NUMBER_RE = re.compile(rf"(?:n[°º.]\s?|no\s)?\d|(?:{_SPELLED})\s", re.IGNORECASE)
_UPPER_OR_DIGIT_RE = re.compile(rf"[{_UP}\d]")
# Street types that are also common words: without a number, the next word must be capitalised.
_COMMON_STREET_WORDS = {"cours", "voie", "passage", "mail", "parc", "domaine", "côte", "cote", "rampe", "traverse",
                        "cité", "cite", "clos", "villa", "quartier", "carrefour", "montée", "montee", "route",
                        "promenade", "square", "place", "chemin", "sentier", "lot.", "za", "zi", "zac", "camping", "village", "foyer",
                        "levée", "levee", "rempart", "remparts", "tribu", "piste", "môle", "mole", "cité-jardin", "cité-jardins", "cite-jardin", "cite-jardins"}
# a street named after a date: "place du 8 Mai 1945", "rue du 14 Juillet"
_DATED_STREET_NAME_RE = re.compile(rf"\bdu\s+\d{{1,2}}(?:er)?\s+(?:{_MONTHS})\b", re.IGNORECASE)
_NUMBERED_ONLY_STREET_WORDS = {"pl", "crs"}
_CARDINAL_POINTS = {"nord", "sud", "est", "ouest", "centre"}
_CODE_ON_LINE_RE = re.compile(r"[^\n\d:]{0,40}?(?<!\d)(?:0[1-9]|[1-8]\d|9[0-8])\d{3}(?!\d)")
_LIVING_VERBS = r"vit|habite|demeure|domicili[ée]e?|r[ée]side|r[ée]sidant|demeurant|habitant"
_LIVES_BEFORE_RE = re.compile(r"\b(?:vit(?:\s+seule?)?|habite|demeure|domicili[ée]e?|r[ée]side|r[ée]sidant|demeurant|"
                              r"habitant|situ[ée]e?s?|sise?|install[ée]e?s?|travaille|(?:d[ée]|em)m[ée]nag[ée]e?s?)"
                              r"(?:\s+(?:d[ée]sormais|actuellement|toujours|maintenant|encore))?"
                              r"(?:\s+(?:au|dans\s+la|à\s+la|sur\s+la|à\s+l['’]|sur\s+l['’]))?\s*$", re.IGNORECASE)
# Houses and farms named like streets, taken without a number only when capitalised.
# a village's streets, named after what stands on them, often typed in lower case: "place de l'église", "rue de la
# mairie" (not "au cours du marché", "le chemin de l'école")
_VILLAGE_STREET_WORDS = {"place", "pl", "rue", "impasse", "imp", "allée", "allee", "all", "av", "avenue", "route", "rte",
                         "square", "sq", "bd", "boulevard"}
_VILLAGE_STREET_RE = re.compile(r"\s+(?:de\s+la|de\s+l['’]|du|des)\s*(?:[ée]glise|mairie|gare|march[ée]|poste|fontaine|lavoir|"
                                r"ch[âa]teau|stade|[ée]coles?|calvaire|halles?|tilleuls|lilas|acacias|peupliers)\b", re.IGNORECASE)
_TITLE_WORD_AFTER_PARTICLES_RE = re.compile(rf"\s+(?:de|du|des)(?:\s+(?:la|l['’]))?\s*(?P<word>[{_UP}][{_LO}][\w-]*)")
_CAPITALISED_STREET_WORDS = {"mas", "bastide", "ferme", "moulin", "manoir", "métairie", "metairie"}
_WAY_NUMBER_RE = re.compile(r"(?:n[°º.]+\s?)?\d{1,4}[a-zA-Z]?\b(?:-\d{1,4}\b)?(?:\s+n[°º.]+\s?\d{1,4}\b)?(?:\s+logements\b)?", re.IGNORECASE)
# Ways that may be named by a number ("ch. 12" is a room, "sur place 03:26" a time)
_NUMBERED_WAYS = {"rue", "chemin", "cité", "cite", "route", "rte", "impasse", "allée", "allee", "avenue", "boulevard", "bd",
                  "lotissement"}
_STREET_ADJECTIVES = {"universitaire", "rural", "rurale", "communal", "communale", "vicinal", "vicinale", "départemental",
                      "départementale", "privé", "privée", "forestier", "forestière", "neuf", "neuve", "vieux", "vieille",
                      "haut", "haute", "bas", "basse", "royal", "royale", "national", "nationale", "municipal", "municipale"}
# words that may start a street's name before its capitalised word ("rue de la Paix", "Rua das Flores")
_STREET_NAME_PARTICLES = {"du", "de", "des", "la", "le", "les", "aux", "d'", "l'", "del", "della", "delle", "dei", "degli",
                          "di", "da", "das", "do", "dos"}
_ADDRESS_PARTICLES = {"du", "de", "des", "la", "le", "les", "l'", "d'", "aux", "au", "sur", "sous", "en", "et"}
_ADDRESS_STOP_RE = re.compile(r"\sau\s(?!(?-i:[A-ZÀÂÉÈÊÎÔÛ]))|-(?=(?:0[1-9]|[1-8]\d|9[0-8])\d{3}(?!\d))|\s(?=(?:b[aâ]t(?:iment)?|esc(?:alier)?|app(?:ar)?t(?:ement)?|appt|apt|app(?=\.))\b\.?\s*(?:(?::\s*)?(?:n°\s*)?[A-Z0-9]\w{0,2}\b|$))|[ \t][-–][ \t]|(?<!\bfour)(?<!\bmoulin)(?<!\bpuits)(?<!\bpont)(?<!\bmare)\s(?:(?-i:à(?!\s(?i:vent)\b)|a|À)|A(?=\s(?-i:[A-ZÀ-Ü]{2}))|dans|par|pour|avant|jusqu(?:['’]\w*)?|(?-i:chez)|puis|avec|depuis|où|ou|et\s+(?:à|le|la|de\s+la|du|des))\s|[,;()\n]|[ \t]{3}|\s\d{5}\b|\s\d{4}\s|\s\d\d\s\d{3}\b"
                              r"|(?<!\b(?-i:[A-Z]))(?<!\br)(?<!\b(?-i:m))(?<!\b(?:St|Dr|Pr|Av|Bd|Lt|nr|ul|Pl|Ch|Qu|Sq))"
                              r"(?<!\b(?:Ste|Mal|Gal|Pdt|Cdt|Cne|Mgr|Imp|Rte|All|Fbg|Rés|Bât|Lot|Crs|Mah|Cad|Sok))"
                              r"(?<!\b(?:Chem|Pass|Prom|Espl))(?<!str)\.\s"
                              # the next address's number and street: "Avenue Brugmann 212 2 r. Pasteur"
                              r"|(?<!\b\d)\s(?=\d{1,4}(?:[ \t]?(?:bis|ter))?,?[ \t]+(?:rue|r\.|av\.?|avenue|bd|boulevard|pl\.|place|all[ée]e|chemin|"
                              r"chem\.|impasse|imp\.|route|rte|quai|cours)(?:\b|(?<=\.)))",
                              re.IGNORECASE)  # "12 av. J. Jaurès", "rue du Dr. Roux", "Hauptstr. 17": an abbreviation's dot goes on
_ADDRESS_CONTEXT_RE = re.compile(
    r"(?=[adrhà])(?:\b(?:adresse|adr\.?|domicile|r[ée]sidence)(?:\s+(?:postale|personnelle|du\s+patient|de\s+la\s+patiente))?\s*:|"
    r"\badresse\s+(?:c['’]est|est)\s*:?|\b[àa]\s+l['’]adresse\s*:?|"
    r"\b(?:demeurant|domicili[ée]e?s?|r[ée]sidant|habitant)(?:\s+(?:habituellement|actuellement|d[ée]sormais|toujours))?"
    r"(?:\s+(?:au|à))?)\s*"
    r"(?P<value>[^\n;:]{4,80}?)(?=\s*(?:,\s*)?(?:\d{5}\b|[–-][ \t]*(?:CP|C\.P\.|[Cc]ode postal)\b|\((?=(?-i:[a-zà-ÿ]))|\)(?=\s+(?-i:[a-zà-ÿ]))|\d\d\s\d{3}\b|(?:[-–]\s*)?F-\d{5}\b|\n|;|$|,\s*[A-Z]{2,}\b|chez\b|/\s+(?=[A-Z]{2})|"
    r"\s+à\s))", re.IGNORECASE)
# A big town misspelt by one letter where a town is expected: "muté sur Marseile", "bloqué a touluse",
# "Montpelier (2014)", "TOULOUSSE 31000"
_MISSPELT_TOWN_RE = re.compile(rf"(?:\b(?P<cue>(?i:[àa]|sur|vers|de|depuis|entre|pr[èe]s\s+de|habite))[ \t]+|\bd['’](?=[{_UP}])|\b\d\d[ \t]?\d{{3}}[ \t]+)(?P<town>[{_LO}{_UP}][{_LO}{_UP}]{{5,}}(?:-[{_UP}][{_LO}{_UP}]+)?)\b"
                               rf"|(?<![\w'’-])(?P<listed>[{_UP}][{_LO}{_UP}]{{5,}})(?=[ \t]*\((?:19|20)\d\d\))")
# ... and after a place's label: "Naissance : 05.09.2001 – lieu : STRASSBOURG"
_LABELLED_MISSPELT_TOWN_RE = re.compile(rf"\b(?i:lieu|ville|commune)[ \t]*:[ \t]*(?P<labelled>[{_UP}][{_LO}{_UP}]{{5,}})\b")
# ... a town in lower case after a place's label ("Ville : st malo", "Lieu : les sables d olonne"), a known one only
_LABELLED_LOWER_TOWN_RE = re.compile(rf"(?=[vVcClLpP])\b(?i:ville|commune|lieu|localit[ée]|provenance)[ \t]*:[ \t]*"
                                     rf"(?P<city>[{_LO}{_UP}][{_LO}{_UP}'’-]*(?:[ \t][{_LO}{_UP}][{_LO}{_UP}'’-]*){{0,4}})")
# A town before its département's number: "Vannes (56)", "Die (26)"
_TOWN_BEFORE_DEPARTMENT_RE = re.compile(rf"(?=[{_UP}])(?<![\w'’-])(?P<city>[{_UP}][{_LO}'’-]+(?:[ -](?:(?:sur|sous|en|le|la|les|de|du|des)[ -])?"
                                        rf"[{_UP}][{_LO}'’-]+){{0,3}})[ \t]\((?:0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-6])\)")
# a postal code in two groups after its label: "Code postal : 13 008"
_LABELLED_SPACED_CODE_RE = re.compile(r"(?=[cC])\b(?i:code\s+postal|cp)[ \t]*:[ \t]*(?P<code>(?:0[1-9]|[1-9]\d)[ \u00a0]\d{3})(?![\d,.])")
# Towns in brackets after their country or region: "au Népal (Katmandou, puis Annapurna)", "la Libye (Tripoli)",
# "EN CRÈTE (HÉRAKLION)"
_TOWNS_AFTER_COUNTRY_RE = re.compile(rf"(?=[{_UP}])(?<![\w-])(?P<country>[{_UP}][\w'’-]+(?:[ -][{_UP}][\w'’-]+){{0,2}})[ \t]*"
                                     rf"\((?P<towns>[{_UP}][^()\n]{{1,60}})\)")
_TOWN_IN_BRACKETS_RE = re.compile(rf"(?<![\w'’-])[{_UP}][\w'’-]+(?:[ -](?:(?:de|la|le|del|do|da)[ -])?[{_UP}][\w'’-]+){{0,2}}(?![\w'’-])")
# La Poste's "CHE" for "chemin", kept out of _STREET_TYPES (a look-ahead there doubles the street search):
# "CHE DU CALVAIRE"
_CHE_WAY_RE = re.compile(rf"(?=[\dC])(?<![\w'’-])(?:\d{{1,4}}[ \t]+)?CHE[ \t]+(?:DU|DE|DES|D['’])[ \t]*[{_UP}][{_UP}'’-]+(?:[ \t][{_UP}][{_UP}'’-]+){{0,3}}")
# "Le Bourg" names the centre of a village in an address: "GUILLOU René – Le Bourg, Plémy"
_VILLAGE_CENTRE_RE = re.compile(r"(?<![\w'’-])(?:Le|LE) (?:Bourg|BOURG)(?![\w'’-])")
_CEDEX_AFTER_TOWN_RE = re.compile(r"[ \t]+cedex(?:[ \t]?\d{1,2}(?!\d))?|(?<=cedex)[ \t]?\d{1,2}(?!\d)", re.IGNORECASE)
_LEAD_BEFORE_NUMBER_RE = re.compile(r"(?i)(?:(?:en|dans|sur)\s[^\d,]{2,30}?\s(?:au|à)|chez\s(?:son|sa|ses|leur|un|une)\s[^\d,]{2,20}?)\s(?=\d)")
_BEFORE_CODE_AFTER_LABEL_RE = re.compile(rf"\s*,?\s*(?:(?:[-–]\s*)?(?:(?:CP|C\.P\.|[Cc]ode postal)[ \t]*:?[ \t]*)?(?:F-)?\d\d\s?\d{{3}}\b|chez\b|"
                                         rf"(?:Les|Le|La|L['’])[ \t]?[{_UP}][^\W\d_]*(?:[ \t-][^\W\d_]+){{0,2}},?[ \t]+\d\d\s?\d{{3}}\b)")
_INVERTED_STREET_RE = re.compile(
    rf"(?<![\w'’-])(?P<name>[{_UP}][\w'’-]+(?:[ \t][{_UP}][\w'’-]+)?)[ \t]\((?i:{_STREET_TYPES})\.?"
    rf"(?:[ \t](?:(?i:du|de|des|la|le|les|d['’]|l['’])|[{_UP}][\w'’.-]*)){{0,4}}\)(?:,?[ \t]*\d{{1,4}}(?:[ \t]?(?:bis|ter|[A-Da-d])\b)?)?")
_ENGLISH_STREET_RE = re.compile(rf"\b\d{{1,5}}[A-Za-z]?,?\s+(?:[NSEW]\.?\s+)?(?:(?:[{_UP}][\w'’\-]+|\d{{1,3}}(?:st|nd|rd|th))\s+){{1,3}}"
                                r"(?:Street|St\.|Road|Rd\.?|Avenue|Ave\.?|Boulevard|Blvd\.?|Lane|Drive|Way|Gardens|Crescent|Terrace|Close|Mews|Grove|Square|Strasse|Straße|"
                                r"Weg|Platz|Gasse)\b")
# ... and the town before an American state and ZIP code: "Evanston, IL 60201"
_US_STATE_ZIP_RE = re.compile(r",[ \t]+(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|"
                              r"NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY)[ \t]+\d{5}(?!\d)")
_US_TOWN_BEFORE_RE = re.compile(r"(?<![\w-])[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?$")
_FOREIGN_STREET_RE = re.compile(rf"(?=[{_UP}])\b[{_UP}][\w]*(?:stra(?:ss|ß)e|strasse|str\.|street|weg|platz|straat|gasse|gracht|plein|STRASSE|STRAßE|STR\.)"
                                r"(?:\s+(?:des\s+)?"
                                r"(?:\d{1,4}(?:-(?:I{1,3}|IV|hs|H)\b|[a-z]\b)|[\d.]+)(?:\s+\w+)?)?(?:\s+\d{1,4}(?:-(?:I{1,3}|IV|hs|H)\b|[a-z]\b)?)?"
                                # Spanish "C/" for calle: "C/ San Marcial 12"
                                rf"|(?<![\w/])C/[ \t]?(?:de[ \t]+|del[ \t]+|la[ \t]+)?[{_UP}][\w'’-]+(?:[ \t]+(?:de[ \t]+|del[ \t]+|la[ \t]+)?[{_UP}][\w'’-]+){{0,3}}"
                                r"(?:,?[ \t]+\d{1,4}[A-Za-z]?\b)?"
                                # Romanian: "Str. Mihai Eminescu nr. 23", "Calea Victoriei 48-50", "STR. REPUBLICII NR. 33"
                                rf"|\b(?:Str\.|STR\.|Strada|STRADA|Calea|CALEA|Bulevardul|Aleea|Splaiul|[ȘŞ]oseaua)[ \t]+[{_UP}][\w'’-]+"
                                rf"(?:[ \t]+(?!(?i:nr)\b)[{_UP}][\w'’-]+){{0,3}}(?:,?[ \t]+(?:(?i:nr)\.?[ \t]?)?\d{{1,4}}(?:-\d{{1,4}})?[A-Za-z]?\b)?"
                                # Polish "ul. Piotrkowska 104 m. 27", Greek "Odos Ermou 45", Moroccan "Derb Sidi Bouloukat 7"
                                rf"|(?<![\w.])(?:ul\.|Odos|Derb)[ \t]+[{_UP}][\w'’-]+(?:[ \t]+[{_UP}][\w'’-]+){{0,3}}"
                                r"(?:,?[ \t]+\d{1,4}(?:/\d{1,4})?[A-Za-z]?\b(?:[ \t]+m\.[ \t]?\d{1,4}\b)?)?"
                                # Turkish, the street's type after its name: "Atatürk Mah. Cumhuriyet Cad. No:45 D:3", "Bağdat Cad. No:312"
                                rf"|(?:[{_UP}][\w'’-]+[ \t]+){{1,3}}(?:Mah\.|Mahallesi|Cad\.|Caddesi|Sok\.|Sokak|Sokağı|Bulvarı)"
                                rf"(?:[ \t]+(?:[{_UP}][\w'’-]+[ \t]+){{1,3}}(?:Cad\.|Caddesi|Sok\.|Sokak|Sokağı|Bulvarı))?"
                                r"(?:[ \t]+No[ \t]?:[ \t]?\d{1,4}(?:/\d{1,4})?)?(?:[ \t]+(?:D|Daire)[ \t]?:?[ \t]?\d{1,4})?"
                                # German, the street's type a word of its own: "Hugstetter Straße 55", "Am Markt 3, 66111"
                                rf"|[{_UP}][\w-]+[ \t]+(?:Straße|Strasse|Allee|Weg|Platz|Gasse|Ring|Damm)[ \t]+\d{{1,4}}[a-z]?\b"
                                rf"|\b(?:Am|An[ \t]der|Auf[ \t]dem|Im|In[ \t]der|Zum|Zur)[ \t]+[{_UP}][\w-]+[ \t]+\d{{1,4}}[a-z]?\b(?=,?[ \t]+\d{{5}}\b)",
                                re.UNICODE)
# what every street _FOREIGN_STREET_RE finds holds (a pass over the text costs more than these look-ups)
_FOREIGN_STREET_HINTS = ("strasse", "straße", "STRASSE", "STRAßE", "str.", "Str.", "STR.", "street", "weg", "platz", "gasse",
                         "gracht", "plein", "straat", "C/", "ul.", "Odos", "Derb", "Strada", "STRADA", "Calea", "CALEA",
                         "Bulevardul", "Aleea", "Splaiul", "oseaua", "Mah", "Cad.", "Cadde", "Sok", "Bulvarı", "Straße",
                         "Allee", "Ring", "Damm", "Am ", "An der", "Auf dem", "Im ", "In der", "Zum ", "Zur ")
_NUMBER_BEFORE_STREET_RE = re.compile(r"(?<![\w.,/])\d{1,4}[a-zA-Z]?,?[ \t]+$")
# A street word with one slip of the keyboard, before a capitalised name: "8 bouelvard Victor Hugo", "chemim de la Croix"
_MISSPELT_STREET_RE = re.compile(rf"(?<![\w,.-])(?P<number>\d{{1,4}}(?:[-/]\d{{1,4}})?(?:[ \t]?(?i:bis|ter))?,?[ \t]+)?(?P<word>[{_LO}{_UP}]{{3,11}})\.?"
                                 r"[ \t]+(?:(?:de[ \t]+la|de[ \t]+l['’]|du|des|de|d['’])[ \t]*)?"
                                 rf"[{_UP}][\w'’-]+(?:[ \t]+(?:(?:de|du|des|la|le)[ \t]+)?[{_UP}][\w'’-]+){{0,3}}")
_MISSPELT_STREET_TARGETS = ("boulevard", "avenue", "chemin", "impasse", "allee", "route", "square", "passage", "rue",
                            "place", "lotissement", "residence")
_LONG_STREET_WORDS = ("boulevard", "avenue", "chemin", "impasse", "allee", "route", "square", "passage", "residence",
                      "lotissement", "faubourg", "promenade", "esplanade")
# ... and numbered, in lower case or after a particle, before a postal code, a town or a building: "4 ru des tilleuls
# 29200 brest", "15 avenu du marechal foch a saint-malo", "85 boulvard de la liberté bat C", "24 ru du Chateau d'eau a Saumur"
_LOWER_MISSPELT_STREET_RE = re.compile(
    rf"(?=\d)(?<![\w,.-])\d{{1,3}}(?:[ \t]?(?:bis|ter))?,?[ \t]+(?P<word>[{_LO}]{{2,11}})\.?[ \t]+"
    rf"(?:(?:de[ \t]+la|de[ \t]+l['’]|du|des|de|d['’])[ \t]*[{_LO}{_UP}]|[{_LO}])[{_LO}'’-]+"
    rf"(?:[ \t]+(?:(?:de|du|des|la|le)[ \t]+)?[{_LO}{_UP}'’-][{_LO}'’-]+){{0,3}}"
    rf"(?=[ \t]*(?:,|\(|\d\d[ \t]?\d{{3}}\b|(?:à|a)[ \t]|(?:bat|bât|esc|appt?)\b))")
# ... and in capitals: "125 RU DE PARIS, 94403", "19 RU VOLTAIRE"
_UPPER_MISSPELT_STREET_RE = re.compile(
    rf"(?=\d)(?<![\w,.-])\d{{1,3}}(?:[ \t]?(?:BIS|TER))?,?[ \t]+(?P<word>[{_UP}]{{2,11}})\.?[ \t]+"
    rf"(?:(?:DE[ \t]+LA|DE[ \t]+L['’]|DU|DES|DE|D['’])[ \t]*)?[{_UP}][{_UP}'’-]+(?:[ \t]+[{_UP}][{_UP}'’-]+){{0,3}}"
    rf"(?=[ \t]*(?:,|\(|\d\d[ \t]?\d{{3}}\b|\n|$))")
_NOT_MISSPELT_STREETS = {"aller", "alles", "roule", "roue", "rues", "plie", "vue", "due", "ride", "routes", "chemins", "avenues", "passages", "squares", "impasses"}
_POSTCODE_RE = re.compile(rf"(?=\d)(?:(?<![\w./+°-])(?<!\d,)(?<!\d )|(?<=///)|(?<=\bF-)|(?<=\bF)|(?<=\bFR-)|(?<=\bFR)|(?<=\bCP)|"
                          rf"(?<=[{_UP}{_LO}]{{2}}-)|(?<=(?-i:[{_LO}]{{2}})/)|(?<=\d )(?=\d\d\s?\d{{3}},?\s[{_UP}][{_LO}{_UP}]))(?:0[1-9]|[1-8]\d|9[0-8])(?:\d{{3}}|[ \u00a0]\d{{3}}(?=,?\s[A-Z]|[ \t]?(?:[-–|]|;;)[ \t]?[A-Z]))(?! \d)(?![\w.,/]\d|\w|\*|\s?(?:(?:mg|g|ml|ui|mm)\b|%|€|/(?![ \t]*[{_UP}]{{2}}|/)))",
                          re.IGNORECASE)
# A postal code written in two groups at the end of a phrase, after its town and a comma ("résidant à Marseille,
# 13 005."; a count such as "GB, 12 500" has no town before it) or after "dans le" ("à Vincennes dans le 94 300").
_SPACED_CODE_AFTER_TOWN_RE = re.compile(
    rf"(?=[{_UP}d])(?:(?P<town>[{_UP}][{_LO}{_UP}'’-]+),[ \t]+|(?P<after_dans>\bdans[ \t]+le[ \t]+))"
    r"(?P<code>(?:0[1-9]|[1-8]\d|9[0-8]) \d{3})(?![\d,/]|\s?(?:mg|g|ml|ui|mm|mm3|/|%|€)\b|[.]\d| \d)")
_COUNTRY_PREFIX_RE = re.compile(r"\b(?:F|FR)-?$")  # "F-75013 Paris": the country's letter goes with the code
# Address lines that are not streets: post boxes and sorting codes ("BP 245,21821": a postal code may be glued
# after a comma), apartment/building/floor complements.
# a postal code that says its country ("CH-1205", "L-1724", "D-66111") or is Canadian ("H2J 2L4")
_ABROAD_CODE_RE = re.compile(r"(?<![\w-])(?:(?:CH|B|L|D|A|I)-\d{4,5}|[ABCEGHJKLMNPRSTVXY]\d[A-Z] \d[A-Z]\d)(?![\w-])")
# a house number alone, the street being said elsewhere: "qui habite en face, au n° 9 de la même rue", "face au n° 40"
_HOUSE_NUMBER_ALONE_RE = re.compile(r"\b(?:en face du|face au|au)[ \t]+(?P<number>n°[ \t]?\d{1,4}(?:[ \t]?(?:bis|ter))?)(?![\w/.,]?\d)"
                                    r"(?![ \t]+(?:de la|du|des)[ \t]+(?:liste|page|tableau|protocole|lot|dossier))")
# a Corsican commune's INSEE code, where a form asks for the place of birth: "code commune 2B096"
_CORSICAN_COMMUNE_RE = re.compile(r"(?<![\w-])2[AB]\d{3}(?![\w-])")
_POSTBOX_RE = re.compile(r"(?=[\dBbCcTtS])(?<![\w.])(?:\d\d[ \t])?(?:BP|B\.P\.|CS|TSA|C[Ii][Dd][Ee][Xx]|SP(?=[ \t]\d{5}\b)|(?:bp|cs|tsa)(?=[ \t]*\d{1,6}[ \t,\n]+\d\d[ \t]?\d{3}\b|[ \t]*\d{5}\b)|[Bb]o[iî]te\s+[Pp]ostale|[Cc]ase\s+[Pp]ostale)\s*(?:n°\s*)?(?:\d{1,3} \d{3}|(?<=BP )[A-Z]\d{1,4}\b|\d{1,6}+)(?![\w.]\d|,\d(?!\d{4}(?!\d)))")
# A Basque house's name stands for its address ("ETXEZAHARRA | QUARTIER BASSABURU | 64250"); the armed forces'
# postal sector ("SP 69403 – 00850 ARMÉES")
_BASQUE_HOUSE_RE = re.compile(r"(?=[EÉ])(?<![\w'’-])(?:Etxe|ETXE)[\w'’-]{3,}")
_ARMED_FORCES_CODE_RE = re.compile(r"(?<![\w-])(?P<code>00\d{3})[ \t]+(?P<city>ARM[ÉE]ES|Arm[ée]es)\b")
# A hospital's building, pavilion or hall, named on a letterhead or a service's line ("Bât. Jean Bernard", "Pavillon
# Les Érables", "Bâtiment Monaco", "Hall 2"): part of the place's address ("pavillon de l'oreille" is anatomy).
_BUILDING_RE = re.compile(
    rf"(?=[BPH])(?<![\w'’-])(?:B[âa]t\.|B[ÂA]T\.|B[âa]timent|B[ÂA]TIMENT|Pavillon|PAVILLON|Hall|HALL)[ \t]+"
    rf"(?:(?:des|du|de[ \t]+la|de[ \t]+l['’]|Les|Le|La|L['’]|LES|LE|LA)[ \t]?)?"
    rf"(?:[A-Z0-9](?![\w'’-])|\d{{1,3}}(?![\w'’-])|[{_UP}][{_LO}{_UP}'’-]+(?:[ \t]+[{_UP}][{_LO}{_UP}'’-]+){{0,2}})")
# A numbered road: "accès par la D 994", "sur la RN 7" ("la D12" is a vertebra: bare D or N need three digits).
_ROAD_RE = re.compile(r"(?=[lLRP])\b(?:la|La|LA)\s+(?P<road>(?:RD|RN|RD\.|RN\.)\s?\d{1,4}|[DN]\s?\d{3,4})(?![\w,.]\d|\w)"
                      # at the start of an address line, and a kilometre point: "RN 3, PK 21", "PK 14, route de ..."
                      r"|(?=[RDN])(?:^|(?<=\n)|(?<=:[ \t])|(?<=,[ \t]))(?P<line_road>(?:RD|RN)\s?\d{1,4}(?=,|[ \t]+\d\d[ \t]?\d{3}\b)"
                      r"|[DN]\s?\d{3,4}(?=,?[ \t]+\d\d[ \t]?\d{3}\b))"
                      r"|(?=P)(?<![\w.])(?P<kilometre>(?:PK|P\.K\.)[ \t]?\d{1,3}(?:[.,+]\d{1,3})?)(?![\w.,]\d|\w)")
# Where on a road something happened: a road with its exit, marker or kilometre ("A7 sortie 15", "RN 165 PR 12",
# "A4 PK 134", "RD 824 PR 31+200"), with its direction ("A10 sens Paris-Bordeaux"), or after "l'" ("sur l'A9")
_ROAD_PLACE_RE = re.compile(
    r"(?=[ARNDCl])(?<![\w-])(?:(?:A|RN|RD|N|D|CD)[ \t]?\d{1,4}(?:[ \t,]+(?:sortie|PR|PK|km)[ \t]*\d{1,4}(?:[+,.]\d{1,3})?)+"
    r"|(?:A|RN|RD|N|D)[ \t]?\d{1,4}(?=[ \t]+(?:sens|direction|bretelle)\b)|(?<=\bl['’])A\d{1,3})(?![\w])")
# A place name alone on its line before the postal code: a lieu-dit or hamlet ("Le Bourg 29400 Lampaul").
_PLACE_BEFORE_CODE_RE = re.compile(
    rf"(?:^|(?<=\n)|(?<=,\s)|(?<=[:|–—]\s)|(?<=demeurant\s)|(?<=\b(?i:au)\s)|(?<=[ \t]{{3}})|(?<=\()|(?<=[ \t])(?=(?:Les|Le|La|LES|LE|LA|L['’])[ \t]?[{_UP}]))(?P<value>(?:\d{{1,4}}(?:\s?(?:bis|ter))?,?\s)?(?:(?:Le|La|Les|L['’]|le|la|les)\s?)?[{_UP}][{_LO}{_UP}'’\-]+"
    # Breton links too: "Pen an Hoat", "Stang ar Lenn"; a table's column (three spaces) may stand before
    rf"(?:[ \t](?:(?i:de[ \t]la[ \t]|de[ \t]|du[ \t]|des[ \t]|la[ \t]|le[ \t]|les[ \t]|d['’]|de[ \t]l['’]|aux[ \t])|an[ \t]|ar[ \t]|al[ \t]|ez[ \t])?[{_UP}][{_LO}{_UP}'’\-]+){{0,2}}"
    # the house number may come after the place: "Les Hauts de Sainte-Foy, 8, 69110", "La Basse Cour, 3\n53100"
    rf"(?:(?:,[ \t]*|[ \t]+)(?:n[°º][ \t]?)?\d{{1,4}}(?:[ \t]?(?:bis|ter))?(?=,?[ \t]|[ \t]*\n))?)"
    rf"(?:,?[ \t]|[ \t]*\n|[ \t]+[–—-][ \t]+)(?=(?:0[1-9]|[1-8]\d|9[0-8])\s?\d{{3}},?[ \t]+[{_UP}])")
# "vit au 16 Paul Desmerau 21000 Dijon": a number and capitalised words before a postal code are a street, also
# after a street word this file does not know or a typo in one ("12 bouelvard Victor Hugo 75018 Paris").
_NUMBERED_PLACE_BEFORE_CODE_RE = re.compile(
    rf"(?<![\w,./-])\d{{1,4}}(?:-\d{{1,4}})?(?:\s?(?:bis|ter|[A-D]\b))?,?\s(?:[{_LO}]{{2,}}\s(?:de\sla\s|de\sl['’]|de\s|du\s|des\s|la\s|le\s|d['’])?)?"
    rf"[{_UP}][{_LO}{_UP}'’\-]+(?:\s(?:de\s|du\s|des\s|la\s|le\s|d['’])?[{_UP}][{_LO}{_UP}'’\-]+){{0,3}},?[ \t\n]"
    rf"(?=(?:0[1-9]|[1-8]\d|9[0-8])\s?\d{{3}}[ \t]+[{_UP}])")
# A town's name going on after a link word, in any case: "94200 Ivry sur seine", "à Rosny sous bois".
_TOWN_TAIL_RE = re.compile(r"(?:[ \t-]|[ \t]+-[ \t]+|[ \t]{2})(?:(?i:sur|sous|en|l[eè]s|lez|le|la|de|du|des|aux|l|d)(?:[ \t-]|[ \t]+-[ \t]+|[ \t]{2})|s/[ \t-]?)?"
                           r"[^\W\d_][\w'’-]*")
# "vit au 16 Paul Desmerau à Dijon": after a verb of living, a number and capitalised words are a street, also
# after a street word this file does not know or a typo in one ("vit 3 impase des Roses").
_LIVES_AT_NUMBER_RE = re.compile(
    rf"\b(?:{_LIVING_VERBS})[ \t]+(?:au[ \t]+)?"
    rf"(?P<value>\d{{1,4}}(?:[ \t]?(?:bis|ter))?,?[ \t](?:(?!(?:kilom|km|m[èe]tres|minutes|heures|jours|mois|ans|semaines))[{_LO}]{{3,}}[ \t](?:de[ \t]|du[ \t]|des[ \t]|la[ \t]|le[ \t]|d['’])?)?"
    rf"[{_UP}][{_LO}{_UP}'’\-]+(?:[ \t](?:de[ \t]|du[ \t]|des[ \t]|la[ \t]|le[ \t]|d['’])?[{_UP}][{_LO}{_UP}'’\-]+){{0,3}})")
# A place named with its article after a verb of living, or after "au" where French would not put one (a form's slot):
# "vit Les Hauts de Kerlo", "habite La Ville Hamon", "au Les Jardins d'Arcadie" (a town is a town: "vit Le Havre")
_LIVES_AT_NAMED_PLACE_RE = re.compile(
    rf"(?:\b(?:{_LIVING_VERBS})[ \t]+(?:(?:au|à)[ \t]+)?|\bau[ \t]+(?=L))"
    rf"(?P<value>(?:Les|Le|La|L['’])[ \t]?[{_UP}][{_LO}'’-]+(?:[ \t](?:(?:de|du|des|d['’])[ \t]?)?[{_UP}][{_LO}'’-]+){{0,3}})(?![\w'’-])")
# An address's own fields in software and forms: whatever they hold is part of an address ("Complément : Bât. D, esc. 2",
# "CPL ADR : ESC B 4EME ETG", "ADRESSE 1 : RES LES HORTENSIAS", "Lieu-dit : Kerlaouénan", "N° voie : 8B")
# An address's fields in a form, an export or a record, by their labels: "Complément : Bât. D", "ADR2 : Bt C esc 1",
# "Voie : rue de la Croix Blanche", "Type de voie : AVENUE", "N° : 112 bis", "Escalier : 2", "\"libelleVoie\": \"des Goélands\"",
# "adr_l1" (read "adr 11" once the OCR's confusions are undone)
_ADDRESS_FIELD_RE = re.compile(
    r"(?=[\"'CcAaLlNnVvTtIiBbEeÉéPpRr])(?<![\w.])[\"']?(?P<label>"
    r"compl[ée]ment(?:[ \t]+d['’]adresse)?|cpl[ \t]+adr|lieu-dit|adresse[ \t]+(?:ligne[ \t]*)?[123]|adr(?:esse)?[ \t_]?(?:l(?:igne)?|1(?=[123]))?[ \t_]?[123]|"
    r"adresse[ \t]+(?:d['’]habitation|temporaire|de[ \t]+correspondance|perso(?:nnelle)?)|adr\.?[ \t]+perso|"
    r"n°(?:[ \t]+(?:de[ \t]+)?voie)?|num[ée]ro(?:[ \t]+de[ \t]+voie)?|adr[ \t_]num|indice|"
    r"type[ \t]*(?:de[ \t]+)?voie|(?:nom|libell[ée])[ \t]*(?:de[ \t]+)?voie|adr[ \t_]voie|voie|rue|libell[ée]|type|"
    r"b[aâ]timent(?:[ \t]*/[ \t]*escalier)?|escalier|[ée]tage|porte)"
    r"[\"']?(?:[ \t]*(?::+|=|\t+|\.{3,})|[ \t]+[-–][ \t])[ \t]*[\"']?"
    r"(?P<value>[^\s:|;\"'][^\n:|;\"]{0,58}?)"
    r"(?=[\"']|[ \t]*(?:\n|$|\t|[ \t]{2}|[|;]|[ \t][–/-][ \t]|,?[ \t]+\d\d[ \t]?\d{3}\b))", re.IGNORECASE)
_FIELD_NUMBER_RE = re.compile(r"\d{1,4}(?:[ \t]?(?:bis|ter|quater|[A-D]))?|[A-D]|bis|ter|S/N", re.IGNORECASE)
_FIELD_STREET_NAME_RE = re.compile(r"(?:du|de[ \t]+la|de[ \t]+l['’]|des|de|d['’]|la|le|les|l['’])[ \t]*[^\W\d_]", re.IGNORECASE)


def _address_field_value(label: str, value: str, lexicons: dict[str, set[str]]) -> bool:
    """Whether a labelled field holds a piece of an address: a house number after "N°", a street's type after
    "Type de voie", a street's name after "Voie" or "Libellé" ("Voie : orale", "Libellé : Glycémie" are none)."""
    label = re.sub(r"[\s_]+", " ", label.lower())
    if label.startswith(("n°", "num", "adr num", "indice")):
        return _FIELD_NUMBER_RE.fullmatch(value) is not None
    if label.startswith("type"):
        return _STREET_HEAD_RE.fullmatch(value) is not None
    if "voie" in label or label in ("rue", "libellé", "libelle"):
        return any(word.group(0).lower() != "voie" for word in _STREET_WORD_RE.finditer(value)) \
            or _FIELD_STREET_NAME_RE.match(value) is not None  # "Voie : voie orale" is a route of administration
    if label.startswith(("bât", "bat", "esc", "éta", "eta", "porte")):
        return len(value) <= 20 and _UPPER_OR_DIGIT_RE.match(value) is not None
    return _UPPER_OR_DIGIT_RE.search(value) is not None and _key(value) not in lexicons["not_names"] \
        and not re.match(r"(?i)chez\s", value)  # "Adresse temporaire : chez un cousin, Cité des Fleurs"


# A house number before a person's name or a residence's, with no street word, between the separators of an
# address line: "12B Jean Jaurès – 42000", "33 Pierre Mendès France (65000 Tarbes)", "/ 3 Les Tilleuls /"
_UNTYPED_STREET_RE = re.compile(
    rf"(?=\d)(?<![\w,./-])(?<!\d\d[ \t])\d{{1,4}}(?:[A-Da-d]|[ \t]?(?:bis|ter))?,?[ \t]+(?:(?P<residence>(?:Les|Le|La|Chez)[ \t]+|(?P<saint>Saint|Sainte)-(?=[{_UP}]))|(?P<first>[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)?)[ \t]+"
    rf"(?:(?:de|du|d['’]|et)[ \t]?)?)[{_UP}][{_LO}'’-]+(?:[ \t](?:(?:de|du|des|et)[ \t]|d['’])?[{_UP}][{_LO}'’-]+){{0,2}}"
    r"(?=[ \t]*(?:[–/(|,]|\n|$|\d\d[ \t]?\d{3}\b))")
# "demeurant La Grange aux Moines, 18340 Plaimpied": after a verb of living, the words before a postal code
_LIVES_IN_PLACE_RE = re.compile(
    rf"\b(?:{_LIVING_VERBS})[ \t]+(?:(?:au|aux|à)[ \t]+)?"
    rf"(?P<value>[{_UP}][^\W\d_]*['’]?(?:(?:[ \t-]+|(?<=['’]))[^\W\d_]+['’]?){{0,5}}?)(?:[ \t]*,?[ \t]+"
    r"(?:0[1-9]|[1-8]\d|9[0-8])\s?\d{3}(?!\d)"
    # ... or before its building or flat: "réside Les Hauts de Sainte-Marthe, bât 7"
    r"|[ \t]*,[ \t]*(?=(?i:b[aâ]t(?:iment)?|app(?:ar)?t(?:ement)?|appt|esc(?:alier)?|tour)\b\.?[ \t]*[A-Z0-9]))")
# A Belgian, Swiss or Luxembourg code of four digits where no French code would stand: right after a house number
# and a comma ("Rue de Fer 22, 5000", "Koninklijke Baan 201, 8660 De Panne"), after a postal-code label ("CP /
# Ville: 1050 Ixelles"), or opening the line under a street's number ("Grand'Rue 3\n6000 CHARLEROI")
_FOUR_DIGIT_CODE_RE = re.compile(
    rf"(?=[1-9]\d{{3}}(?!\d))(?:(?<=(?<![\d,.])\d, )|(?<=(?<![\d,.])\d\d, )|(?<=(?<![\d,.])\d\d\d, )|(?<=\d\n)|(?<=(?i:\bcp) : )|(?<=(?i:\bcp): )|(?<=(?i:ville): ))"
    rf"(?P<code>[1-9]\d{{3}})(?=[ \t]+[{_UP}]|\))(?:[ \t]+(?!(?i:ville|pays|t[ée]l)\b)(?P<city>[{_UP}][{_LO}{_UP}'’-]+(?:[ -](?:[{_UP}][{_LO}{_UP}'’-]+|(?i:de|la|le|en|sur|sous)))?(?:[ -][{_UP}][{_LO}{_UP}'’-]+)?))?"
    rf"(?![\w])")
_PORTUGUESE_CODE_RE = re.compile(r"\d{4}-\d{3}")
_FOREIGN_CODE_RE = re.compile(rf"(?=[A-Z\d])(?<![\w./-])(?P<code>(?:[A-Z]{{1,2}}-)?\d{{4}}(?:-\d{{3}}|[ \t]?[A-Z]{{2}}(?=[ \t]))?|\d{{6}}|\d\d-\d{{3}}|"
                              r"[A-Z]\d[A-Z][ \t]?\d[A-Z]\d),?[ \t]+"
                              rf"(?P<city>[{_UP}][{_LO}{_UP}'’]+(?:[ -][{_UP}][{_LO}{_UP}'’]+)?(?:[ -][{_UP}][{_UP}'’]+)?)")
_ADDRESS_EXTRA_RE = re.compile(
    r"(?=[abdeéfhilmnprcstv\d])\b(?:appartement|appart\.?|appt\.?|apt\.?|app\.|ap\.|b[aâ]timent|b[aâ]t\.?|escalier|esc\.|porte|logement|logt\.?|flat|"
    r"pavillon(?=[ \t]*(?:n°[ \t]*)?\d)|bte|bo[iî]te(?=[ \t]*\d)|scala|interno|int\.|bloc|bl\.|"
    r"villa|chalet|emplacement|empl\.|all[ée]e(?=[ \t]*\d)|chambre(?=[ \t]*\d)|bureau(?=[ \t]*\d)|"
    r"tour(?=[ \t]+(?-i:[A-Z][a-zé]{2,}))|(?:local|maison|studio|coron|tour|anneau|bungalow|mobil[- ]home|case|carbet|caravane|cellule|ponton|fare|sc\.|room|unit|suite|app|[ée]tg|"
    r"plot|building)(?=[ \t]*(?:n°[ \t]*)?\d)|block(?=[ \t]+[A-Z0-9]\b)|"
    r"entr[ée]e(?=[ \t]*(?:n°[ \t]*)?[A-Z0-9]\b)|aile(?=[ \t]+(?:[A-Z0-9]\b|(?-i:Est|Ouest|Nord|Sud)\b))|hall(?=[ \t]*\d|[ \t]+(?-i:[A-Z])(?![\w'’]))|niveau(?=[ \t]*-?\d\b)|ascenseur(?=[ \t]+(?-i:[A-Z0-9])(?![\w'’]))|secteur(?=[ \t]+(?:(?-i:[A-Z])(?![\w'’])|(?:jaune|bleu|vert|rouge|orange|violet|rose)\b))|"
    r"r[ée]sidence|r[ée]s\.|immeuble|imm\.)[ \t]*(?:n°[ \t]*)?(?:(?-i:(?:Les|Le|La|L['’])[ \t]?[A-ZÀ-Ü][\w'’\-]*"
    r"(?:[ \t](?:des[ \t]|du[ \t]|de[ \t]|d['’])?(?!B[aâ]t\b|B[AÂ]T\b|Esc\b|ESC\b|Appt?\b|APPT?\b)[A-ZÀ-Ü][\w'’\-]*){0,2})"
    r"|(?-i:[A-Z0-9][\w\-]*(?:(?<=\d)[ \t][A-Z](?![\w'’]))?|(?<=[\s.])[a-z]\d*\b)|-\d\b|gauche\b|"
    r"droite\b|face\b|fond\b|(?:jaune|bleu|verte?|rouge|orange|violet|rose)\b)"
    # a form's fields: "Bât. : G  Étage : 6  Porte : 612", the house number after the street's field: "N° : 14"
    r"|\b(?:b[aâ]t(?:iment)?\.?|porte|esc(?:alier)?\.?|appt?\.?|appartement)[ \t]*:[ \t]*(?-i:[A-Z0-9][\w\-]*)"
    r"|\bN[°º][ \t]*:[ \t]*(?:\d{1,4}(?:[ \t]?(?:bis|ter)|[A-D])?\b|S/N\b)"
    # a house number before its building: "au 2 Bât. B, Rés. Les Oliviers"
    r"|(?<=\bau[ \t])\d{1,4}[ \t]+b[aâ]t(?:iment)?\.?[ \t]*(?-i:[A-Z0-9])\b"
    r"|\br[ée]sidence[ \t]+(?-i:(?:les|le|la|l['’])[ \t]?[a-zà-ÿ][\w'’\-]*(?:[ \t](?:des[ \t]|du[ \t]|de[ \t]|d['’])?[a-zà-ÿ][\w'’\-]*){0,2})"
    r"|\b(?-i:RD|RN|CD|VC)\s?\d{1,4}\b|(?<![\w-])lot[ \t]*(?:n[°º.][ \t]*)?\d{1,4}\b"
    r"|\b\d{1,2}\s?(?:e|er|[èe]me|°|i[èe]me)\s*(?:[ée]tage\b|[ée]t\.)(?:[ \t]+(?:gauche|droite|face|fond)\b|[ \t]+(?-i:G|D)\b)?"
    # ... with or without a lift, or the floor's number alone between commas: "12 rue Myrha, 6e sans asc., porte ..."
    r"(?:[ \t]+(?:sans|avec)[ \t]+asc(?:en[cs]eur\b|\.))?|(?<=, )\d{1,2}(?:e|er|[èe]me)(?:[ \t]+(?:sans|avec)[ \t]+asc(?:en[cs]eur\b|\.))?"
    r"(?=[ \t]*(?:[,;)–—|]|$|\n|\.[ \t\n])|[ \t]+à[ \t])|"
    r"\b\d{1,2}\s?(?:e|er|[èe]me)[ \t]+(?:porte[ \t]+)?(?:gauche|droite|(?-i:g|d)\.)|\b[ée]t\.[ \t]?\d{1,2}\b|\b[ée]tage\s*(?::\s*)?(?:n°\s*)?\d{1,2}\b|\besc\b\s*[A-Z0-9]\b|\b(?:rez[- ]de[- ](?:chauss[ée]e|jardin)|RDC|sous-sol)\b(?:[ \t]+(?:gauche|droite|bas|haut)\b)?"
    # a house number after the street ("Lugar de Paredes, n.º 27"), a Spanish floor and door ("3º izda.")
    r"|(?<!\w)n[°º.]+[ \t]?\d{1,4}[a-z]?\b|\b\d{1,2}º[ \t]?(?:izq(?:uierda|da)?|izda|dcha|der(?:echa)?|centro|esq|dto|dt|[A-D](?!\w)|\d{1,2}ª)?\.?"
    # ... the same with a degree sign for the ordinal, its side then needed ("3° Dto", not "40°" or "34,2°C")
    r"|(?<![\d,.])\d{1,2}°[ \t]?(?:izq(?:uierda|da)?|izda|dcha|der(?:echa)?|centro|esq|dto|dt|\d{1,2}ª)\b\.?"
    # a flat, floor or office abroad: "apto 82", "piso 5° dpto. C", "lok. 12", "lgh 1102", "Kat 3", "of. 204", "#23", "bajo",
    # "r/c", "s/n", "3r 1a"
    r"|\b(?:apto|dpto|depto|piso|puerta|lok|lgh|kat|of|imm)\.?[ \t]*(?=\d|(?-i:[A-Z])\b)[\w°º.-]{1,6}|#[ \t]?\d[\w-]*|\b(?:bajo|baixo)\b"
    r"|(?<![\w/])(?:r/c|s/n)(?![\w/])|\b\d{1,2}(?:r|n|t)[ \t]\d(?:a|ª)(?!\w)"
    # a building and a kilometre on a road: "Bt 12", "Route de Balata, km 6"
    r"|\b(?-i:Bt|BT)\.?[ \t]?[A-Z0-9]{1,3}\b|\bkm[ \t]?\d{1,3}(?:[,.]\d)?\b"
    # the side of the road after a kilometre point in Polynesia: "PK 12,5 côté mer"
    r"|\bc[ôo]t[ée][ \t]+(?:mer|montagne)\b",
    re.IGNORECASE)
_CITY_WORD = rf"(?:[{_UP}][{_LO}{_UP}'’\-]*|s/|sur|sous|en|le|la|les|de|du|des|[dl]['’](?:[{_UP}][{_LO}{_UP}'’\-]*)?|im|am)"
_CITY_AFTER_CP_RE = re.compile(rf"(?:[ \t]*(?:;{{1,2}}|/{{1,3}}|\|)[ \t]*|\s*,?\s*|-)(?P<city>(?:l['’]|(?:le|la|les)[ ](?=[{_UP}]))?[{_UP}](?:[{_LO}{_UP}'’\-]+|(?![\w'’.]))(?:/[{_LO}{_UP}][{_LO}{_UP}'’\-]+)?(?:(?:[ ]{{1,2}}|\n)(?:{_CITY_WORD}))*"
                               rf"(?:\s+(?:cedex|CEDEX|Cedex)(?:\d{{1,2}}(?![\d\w]))?)?(?:\s\d{{1,2}}(?:er|e|ème|eme|ER|E|EME)?(?![\d\w]))?)")
_CODE_AFTER_CEDEX_RE = re.compile(r"[ \t]+(?P<code>(?:0[1-9]|[1-8]\d|9[0-8])\d{3})(?!\d)")
_CEDEX_RE = re.compile(rf"[{_UP}][{_LO}{_UP}'’\-]+(?:[ -](?:en|sur|sous|le|la|les|de|du|des|s/)[ -][{_UP}][{_LO}{_UP}'’\-]+)?"
                       r"\s+(?:CEDEX|Cedex|cedex)(?:\s?\d{1,2}(?!\d))?")
# "St Germain en Laye", "SAINT JEAN DE LUZ": a saint's name written without hyphens starts a town.
_SAINT = r"(?:(?:Saint|Sainte|SAINT|SAINTE|St|Ste|ST|STE)\.?[ ](?=[A-ZÀ-Ü]))?"
_CITY_CONTEXT_RE = re.compile(
    rf"(?:\b|(?=à)(?<=\d{{4}}))(?:[àa]|habite(?:\s+[àa])?|r[ée]sid\w*\s+[àa]|vit\s+[àa]|domicili[ée]e?\s+[àa]|pr[èe]s\s+de|r[ée]gion\s+de|"
    rf"(?<=(?i:\bn[ée]) )dans|(?<=(?i:\bnée) )dans|(?<=\d{{4}} )dans|"
    rf"[Oo]riginaires?\s+(?:de|d['’])|venant\s+(?:de|d['’])|en\s+provenance\s+(?:de|d['’])|de|CH\w*\s+(?:de|d'|d’)|ville\s+de|site\s+de|"
    rf"(?:[Ll]ieu\s+(?:de\s+)?naiss(?:ance|\.)?|[Vv]ille(?:\s+de\s+(?:naissance|r[ée]sidence))?|[Cc]ommune|[Ll]ocalit[ée])\s*:|"
    rf"(?:[Hh][ôo]pital|[Cc]linique|[Pp]olyclinique|[Uu]niversit[ée]|[Cc]entre\s+[Hh]ospitalier(?:\s+[Uu]niversitaire)?|GHU?|EHPAD|"
    rf"Mairie|Pr[ée]fecture|[Pp]harmacie|[Mm]aternit[ée]|[Cc]abinet|[Aa]mbulances?|[Tt]axis?|[Ll]aboratoire|"
    rf"[Mm]aison\s+de\s+sant[ée]|[Cc]entre\s+(?:de\s+r[ée][ée]ducation|m[ée]dical|de\s+sant[ée])|SSR|USLD|CMPP?|"
    rf"[Ff]oyer|[Uu]rgences|SAMU|SMUR|[Gg]endarmerie|[Cc]ommune|[Ll]yc[ée]e|[Cc]oll[èe]ge|[ÉEée]cole)"
    rf"(?:[ ]+[{_UP}][{_LO}'’]+(?:-[{_UP}]?[{_LO}'’]+)*){{0,2}}\s+(?:des|de|d'|d’)|"
    rf"(?:Dr|Docteur|Pr|Professeur)\.?\s+[{_UP}][{_LO}{_UP}'’\-]+,\s+(?:de|d'|d’)|"
    rf"aux?(?=\s+[{_UP}][{_LO}]*-[{_UP}{_LO}]))\s*"
    rf"(?P<city>(?:(?:Le|La|Les|L['’])\s?(?=[{_UP}]))?{_SAINT}[{_UP}][{_LO}{_UP}'’\-]+"
    rf"(?:[ ](?:sur|sous|en|le|la|les|de|du|des|s/)[ ][{_UP}][{_LO}{_UP}'’\-]+|[ ][dl]['’][{_UP}][{_LO}{_UP}'’\-]+"
    rf"|(?<=[{_UP}]{{2}})[ ](?:SUR|SOUS|EN|LE|LA|LES|DE|DU|DES)[ ][{_UP}]{{2}}[{_UP}'’\-]*)?)")
# A capitalised word, or a town linked by "sur", "en"...: looked up in the town list.
_CAPITALISED_PLACE_RE = re.compile(rf"[{_UP}][{_LO}{_UP}'’\-]+(?:[ -](?:sur|sous|en|le|la|les|de|du|des|s/)[ -]"
                                   rf"[{_UP}][{_LO}{_UP}'’\-]+)?")
# "Le Havre", "Le Mans" after a preposition that absorbed the article: "originaire du Havre", "vit au Mans".
_ARTICLE_TOWN_RE = re.compile(rf"(?=[adAD])\b(?P<article>du|au|aux|des|DU|AU|AUX|DES)\s+(?P<city>[{_UP}][{_LO}{_UP}]+"
                              rf"(?:[ -](?:(?:sur|sous|en|de|du|des|la|le|les)[ -])?(?:[dl]['’])?[{_UP}][{_LO}{_UP}]+){{0,3}})(?![\w'’-])")
# A town whose elided article is written in lower case after a preposition: "revenu de l'Isle-Adam", "né à l'Haÿ-les-Roses"
_ELIDED_ARTICLE_TOWN_RE = re.compile(rf"(?=[àadsv])\b(?:à|a|de|depuis|vers|sur)[ \t]+(?P<city>l['’][{_UP}][{_LO}{_UP}'’-]+)")
# Compound town names by their shape: "Riec-sur-Bélon", "Pont-l'Abbé", "SAINT-POL-DE-LÉON", "Pont-Aven".
_TOWN_PART = rf"[{_UP}][{_LO}{_UP}]+"
_TOWN_LINK = r"-(?:(?:(?i:sur|sous|en|l[èe]s|lez|le|la|les|de|du|des|aux|et)-){1,2}|(?i:[ld])['’])?"
_COMPOUND_TOWN_RE = re.compile(rf"(?<![\w'’-]){_TOWN_PART}(?:{_TOWN_LINK}{_TOWN_PART})+(?![\w'’-])")
_TOWN_LINK_WORD_RE = re.compile(r"-(?i:sur|sous|en|l[èe]s|lez|le|la|les|de|du|des|aux)-|-(?i:[ld])['’]")
_TOWN_PREFIXES = {"saint", "sainte", "st", "ste", "pont", "port", "mont", "bourg", "chateau", "villeneuve", "villers",
                  "neuville", "fontaine", "val", "notre"}
_TOWN_ARTICLE_BEFORE_RE = re.compile(r"(?<![\w'’])(?:Le|La|Les|LE|LA|LES)[ ]$|(?<![\w'’])L['’]$")
# A town in lower case after a verb of living or a street: "vit à bitche", "4 impasse des lilas à saint-jean-de-braye".
_LOWER_TOWN_RE = re.compile(r"(?<![\w'’])[àa][ \t]+(?P<city>[a-zà-ÿ][a-zà-ÿ]+(?:-[a-zà-ÿ]+)*)(?![\w'’-])")
_LIVING_VERB_BEFORE_RE = re.compile(
    r"\b(?:habite|habitent|vit|vivent|vivons|demeure|demeurent|r[ée]side|r[ée]sident|sommes|domicili[ée]e?s?"
    r"|install[ée]e?s?|h[ée]berg[ée]e?s?)(?:[ \t]+(?:depuis[ \t]+\S+|actuellement|maintenant|d[ée]sormais|seule?))?[ \t]+$")
_NOT_TOWNS_AFTER_A = {"domicile", "proximite", "distance", "cote", "present", "nouveau", "jeun", "pied", "temps", "vie",
                      "peine", "part", "moitie", "cause", "droite", "gauche", "raison", "partir", "nouveau", "venir",
                      "faire", "prendre", "voir", "revoir", "suivre", "prevoir", "rappeler", "domicile", "demeure",
                      "plusieurs", "chaque", "quelques", "toutes", "tous", "tout", "nous", "vous", "elle", "eux", "lui",
                      "leur", "leurs", "cette", "votre", "notre", "mon", "ton", "son", "ses", "nos", "vos", "des", "une",
                      "deux", "trois", "quatre", "cinq", "dix", "plein", "nouveau", "jamais", "vide", "court", "long"}
# A town of the communes list in lower case after a preposition: "mme dupuis de quimperlé", "au chu de st-etienne".
_LOWER_PLACE_RE = re.compile(r"(?<![\w'’])(?P<prep>de|d['’]|du|des|à|a|au|aux|sur|pr[èe]s[ \t]+de|habite|depuis|vers)[ \t]*(?<=[ \t'’])"
                             r"(?P<city>(?:(?:la|le|les)[ \t]|l['’]|(?:st|ste|saint|sainte)[ \t])?[a-zà-ÿ][a-zà-ÿ'’]+(?:-[a-zà-ÿ'’]+)*)"
                             r"(?![\w'’-])")
# A town whose article the preposition absorbed, capitalised: "au Tréport" (Le Tréport), "mère au Gosier", "des Ulis"
_ABSORBED_TOWN_RE = re.compile(rf"(?=[ad])(?<![\w'’])(?P<prep>au|aux|du|des)[ \t]+(?P<city>[{_UP}][{_LO}'’]+(?:-[{_UP}]?[{_LO}'’]+)*)(?![\w'’-])")
_COMMUNE_SHAPE_RE = re.compile(rf"(?<![\w'’-])(?P<article>(?:Le|La|Les|LE|LA|LES|le|la|les)[ ]|L['’])?(?:(?:St|Ste|ST|STE)\.?[ ]{{1,2}}(?=[{_UP}]))?"
                               rf"[{_UP}][{_LO}{_UP}'’]+(?:-(?![sS]/)[{_LO}{_UP}'’]+)*(?![\w'’]|-(?![sS]/))")  # "St Nazaire" too
# The comma-separated parts of an address line before its street: "Ker Anna, Pen an Hoat, 22300 Lannion",
# "Section Boisvin, chemin de la Ravine, 97139 ...": a part with capitals and no digit, after a line start or a label.
_ADDRESS_PART = rf"(?:^|(?<=\n)|(?<=,[ \t])|(?<=[:|–—][ \t])|(?<=\bau )|(?<=\bAU )|(?<=\bà )|(?<=\bÀ )|(?<=r[ée]side )|(?<=demeure )|(?<=habite ))(?P<part>[{_UP}][^\W\d_]*['’]?(?:(?:[ \t-]+|(?<=['’]))[^\W\d_]+['’]?){{0,4}})"
_DWELLING_WORDS = {"village", "foyer", "foyer-logement", "maison", "immeuble", "caserne", "camping", "salle", "port", "gite",
                   "chalet", "refuge", "internat", "pension", "auberge", "hotel", "residence", "domaine", "hameau", "ferme"}
_ADDRESS_PART_BEFORE_RE = re.compile(rf"{_ADDRESS_PART}(?:,|[ \t]/)[ \t]*$")
# ... and a residence's name before its staircase or flat: "Les Terrasses du Lac, esc. D", "Les Jardins d'Arcadie – Appt 3B"
_RESIDENCE_BEFORE_RE = re.compile(rf"{_ADDRESS_PART}(?:,|[ \t][–-])[ \t]*$")
# ... or on the line above, a place's name led by its article ("LES QUATRE CHEMINS\nROUTE DE SAINTES\n17800 PONS";
# a letterhead's specialty line above the street is none)
_PLACE_LINE_BEFORE_RE = re.compile(rf"(?:^|(?<=\n))(?P<part>(?:Les|Le|La|LES|LE|LA|L['’])[ \t]?[{_UP}][^\W\d_]*"
                                   r"(?:(?:[ \t-]+|(?<=['’]))[^\W\d_]+){0,4}"
                                   # or a lieu-dit's one word: "Kervéguen\nRoute de Landivisiau\n29800 LANDERNEAU" (not
                                   # a specialty: "Radiologie", "Pédiatrie")
                                   rf"|[{_UP}][{_LO}]{{3,}}(?<!ie))[ \t]*\n$")
# a postal code later on the line, or on one of the next two (an address block: residence, street, town)
_CODE_LATER_ON_LINE_RE = re.compile(r"[^\n]{0,80}?(?:\n[^\n]{0,80}?){0,2}(?<![\d])(?:0[1-9]|[1-8]\d|9[0-8])\s?\d{3}(?!\d)")
_LOWER_TOWN_AFTER_CODE_RE = re.compile(r"[ \t]*[,-]?[ \t]*(?P<city>(?:(?:le|la|les)[ \t]|l['’])?[a-zà-ÿ][a-zà-ÿ'’]+(?:-[a-zà-ÿ'’]+)*"
                                       r"(?:[ \t][a-zà-ÿ][a-zà-ÿ'’]+(?:-[a-zà-ÿ'’]+)*){0,3})")
# A street whose name holds "à" ("22 impasse du Four à Chaux, 01100 Oyonnax", "impasse du Moulin à Vent - 85100"):
# the town comes after the postal code, on the line or the next one.
_STREET_NAME_WITH_A_RE = re.compile(rf"[ \t]+à[ \t]+[{_UP}][\w'’-]+(?=(?:,|[ \t]+[-–]|[ \t]*\n)[ \t]*\d{{5}}(?!\d))")
# The rest of a street's name alone on the next line, above the postal code: "4 avenue du Pont\nJuvénal\n34000"
_NAME_LINE_BEFORE_CODE_RE = re.compile(rf"[ \t]*\n[ \t]*(?P<rest>[{_UP}][{_LO}'’-]+(?:[ \t]+[{_UP}][{_LO}'’-]+)?)[ \t]*\n[ \t]*"
                                       r"\d\d[ \t]?\d{3}\b")
# The house number after the street's name and a comma, as in Portugal, Spain or Italy: "Rua de Santa Catarina, 120"
# a house number before a place led by its article: "3 Le Clos Fleuri", "21 A Le Parc des Sports"
_NUMBER_BEFORE_ARTICLE_RE = re.compile(r"(?<![\w,./:-])\d{1,4}(?:[ \t]?(?:bis|ter|[A-D])\b)?,?[ \t]+$")
_ARTICLE_LED_RE = re.compile(rf"(?:Les|Le|La|L['’])[ \t]?[{_UP}]")
_NUMBER_AFTER_STREET_RE = re.compile(r"[ \t]+\d{1,4}(?:-\d{1,4})?(?:[ \t]?(?:bis|ter)\b)?(?=,?[ \t]+(?:[–—-][ \t]+)?\d\d[ \t]?\d{3}\b)|"
                                     # alone on the line between the street and the postal code: "Rue Jean Jaurès\n14\n29600"
                                     r"\n[ \t]*\d{1,4}(?:[ \t]?(?:bis|ter))?(?=[ \t]*\n[ \t]*\d\d[ \t]?\d{3}\b)|"
                                     r",[ \t]*(?:n[°º][ \t]?)?\d{1,4}(?:-\d{1,4})?(?:[ \t]?(?:bis|ter|quater)\b|[A-Za-z])?(?:/\w{1,3})?(?=[ \t]*(?:[,;.–—/()|\n:'\"-]|$)|[ \t]+(?:à\s|au\s|\d\d[ \t]?\d{3}\b))")
# a postal code right after its street, whatever follows it
_CODE_AFTER_STREET_RE = re.compile(r"(?:,?[ \t]+|[ \t]*[-–][ \t]*)(?P<code>(?:0[1-9]|[1-8]\d|9[0-8])\d{3})(?![\w]|[.,/ ]?\d)")
_NAMED_AFTER_TOWN_RE = re.compile(r"\b(?:crit[èe]res?|scores?|classifications?|[ée]chelles?|clou|bouton|grades?|verre|"
                                  r"bouteille)[ \t]+(?:de|d['’])[ \t]*$", re.IGNORECASE)
_ABSORBED_ARTICLE = {"du": "le-", "au": "le-", "aux": "les-", "des": "les-"}
# Postal codes with their country's prefix: Switzerland, Luxembourg, Belgium, Germany, Monaco.
_COUNTRY_CODE_RE = re.compile(r"(?<![\w-])(?:CH-\d{4}|L-\d{4}|B-\d{4}|D-\d{5}|MC[ -]?980\d\d|AD ?[1-7]00)(?![\w-])")
# The town after such a code: "D-79117 Freiburg im Breisgau", "CH-1205 Genève"
_TOWN_AFTER_COUNTRY_CODE_RE = re.compile(rf"[ \t]+(?P<city>[{_UP}][{_LO}{_UP}'’-]+(?:[ \t](?:(?:im|am|an|der|bei|sur|sous|en|de|la|le)[ \t])*"
                                         rf"[{_UP}][{_LO}{_UP}'’-]+)*)")
# A town before its country: "Via Garibaldi 23, Torino (Italie)", "Braga, Portugal"
_COUNTRIES = (r"Belgique|Suisse|Luxembourg|Allemagne|Espagne|Portugal|Italie|Royaume-Uni|Angleterre|Irlande|Pays-Bas|"
              r"Autriche|Pologne|Roumanie|Bulgarie|Grèce|Maroc|Algérie|Tunisie|Sénégal|Mali|Côte d['’]Ivoire|Cameroun|"
              r"Turquie|Madagascar|Comores|Haïti|Congo|RDC|Guinée|Liban|Syrie|Vietnam|Chine|Brésil|Canada|Québec|"
              r"Belgium|Switzerland|Germany|Spain|Italy|Italia|España|Deutschland|UK")
_TOWN_BEFORE_COUNTRY_RE = re.compile(rf"(?=[{_UP}])(?<![\w'’-])(?P<city>[{_UP}][{_LO}'’]+(?:[ -](?:(?:de|do|da|di|del|la|sur|am|im)[ -])?"
                                     rf"[{_UP}][{_LO}'’]+){{0,2}})[ \t]*(?:\([ \t]*|,[ \t]*)(?:{_COUNTRIES})\b")
# A British town and postcode: "Bristol BS8 1AB"
# A foreign postal code after its town: Canadian after the province ("Montréal (QC) H2J 2L4"), four or six digits
# at the end of a phrase ("Sfax 3000.", "Shanghai 200030 —"; a year is a date)
_CODE_AFTER_TOWN_RE = re.compile(r"(?:,?[ \t]*\(?(?:QC|ON|BC|AB|MB|NB|NS|NL|PE|SK|Québec|Ontario)\)?,?[ \t]+"
                                 r"(?P<canadian>[A-Z]\d[A-Z][ \t]?\d[A-Z]\d)|,?[ \t]+(?P<code>\d{4}|\d{6}))(?=[ \t]*(?:[.,;)\n—–-]|$))")
# a town's river after "s/" (sur) or a slash: "CHALON S/ SAÔNE", "Châlons/Marne"
_TOWN_ON_RIVER_RE = re.compile(rf"(?:(?<=[ \t][Ss])/[ \t]?|[ \t]?[Ss]/[ \t]?|/)(?=[{_UP}])[{_UP}][\w'’-]+")
# Portuguese and Polish codes before their town, shaped as no other number: "4200-319 Porto", "00-017 Warszawa"
_HYPHENED_CODE_RE = re.compile(r"-(?:(?<=(?<![\w-])\d\d-)|(?<=(?<![\w-])\d{4}-))\d{3}(?![\w-])(?=,?[ \t]+[A-ZÀ-Ý][a-zà-ÿąćęłńóśźż])")
_UK_CODE_RE = re.compile(rf"(?P<city>[{_UP}][{_LO}]+(?:[ -][{_UP}][{_LO}]+)?)[ \t]+(?P<code>[A-Z]{{1,2}}\d[A-Z\d]?[ \t]\d[A-Z]{{2}})(?![\w])")
_DISTRICT_AFTER_RE = re.compile(r"[ \t](?:\d{1,2}|(?-i:[XVI]{1,5}))(?:e|er|ème|eme|E|ER|EME|ÈME)(?![\w])")
# "PARIS 15": a district number alone, where the line, the field or the sentence ends, or before a word that is no
# unit ("né à MARSEILLE 13.", "à Lyon 3 le 02/09", "à MARSEILLE 13 avaient"; not "à Paris 15 jours")
_DISTRICT_NUMBER_AFTER_RE = re.compile(r"[ \t](?:[1-9]|1\d|20)(?=[ \t]*(?:$|\n|[,;()–|-]|\.(?!\d)|[ \t]{2}|\d{5})|"
                                       r"[ \t]+(?!(?:jours?|j|ans?|mois|semaines?|sem|heures?|h|min\w*|mg|g|ml|fois|km|m|"
                                       r"%|patients?|personnes?|lits?|places?|séances?|cycles?|cures?|cp|comprimés?)\b)"
                                       r"[^\W\d_])")
_DISTRICT_TOWNS = {"paris", "lyon", "marseille"}
# Where a city's nickname stands for it: after a verb of moving or living, or a preposition of place (the nicknames
# that are also common nouns, "la capitale", only there)
_NICKNAME_START_RE = re.compile(r"\b[Ll][Aa]\s")
_COMMON_NICKNAMES = {"la capitale"}
_NICKNAME_CONTEXT_RE = re.compile(r"\b(?:rejoin\w*|gagn\w*|quitt\w*|mont\w*\s+à|retourn\w*\s+à|rentr\w*\s+à|install\w*\s+(?:à|dans)|"
                                  r"vit\s+(?:à|dans)|habit\w*|arriv\w*\s+(?:à|dans)|originaire\s+de|vers|dans|pour|à)\s+(?=la\s)",
                                  re.IGNORECASE)
# "Nantes, le 12 mars 2024" / "LE PUY-EN-VELAY, le 02/06/1987": the place and date line of a letter.
_PLACE_DATE_RE = re.compile(
    rf"(?m)^[ \t]*(?:(?:Fait|FAIT)\s+(?:à|au|aux|A|À|AU|AUX)\s+)?(?P<city>(?:(?:Le|La|Les|L['’]|LE|LA|LES)\s?(?=[{_UP}]))?"
    rf"{_SAINT}[{_UP}][{_LO}{_UP}'’\-]+(?:[ ](?:sur|sous|en|le|la|les|de|du|des|lès|SUR|SOUS|EN)[ ][{_UP}][{_LO}{_UP}'’\-]+)?)"
    rf"[ \t]*,?[ \t]+(?:le|Le|LE)[ \t]+(?=\d|(?i:{_MONTHS}|{_WEEKDAYS}|premier)\b)")
# ... in lower case, a known town only: "service de médecine interne - aurillac, le 16 octobre 2023"
_LOWER_PLACE_DATE_RE = re.compile(rf"(?:^|(?<=[-–] ))(?P<city>[{_LO}][{_LO}'’-]+(?:[ -][{_LO}'’-]+){{0,3}}),[ \t]+le[ \t]+"
                                  rf"(?=\d|(?:{_MONTHS}|{_WEEKDAYS}|premier)\b)", re.MULTILINE)

_TITLE = (r"(?:Dr|Drs|Docteur|Docteurs|Pr|Prof|Professeur|Mme|Mmes|Madame|Mlle|Mademoiselle|Melle|M|MM|Mr|Mrs|Herr|Frau|"
          r"Monsieur|Messieurs|Me|Ma[iî]tre|Interne|Externe|IDE|IBODE|IADE|Sage-femme|Infirmi[eè]re?|Kin[ée]|"
          r"Op[ée]rat(?:eur|rice)|Aide(?=\s*:)|Anesth[ée]siste|Instrumentiste|Panseu(?:r|se)|Circulante|"
          r"Dre|Pre|Patient\(e\)|Patiente?|Nom\s+de\s+naissance|Nom\s+de\s+jeune\s+fille|Nom\s+d['’]usage|Nom\s+marital|"
          r"Nom\s+patronymique|Nom\s+de\s+famille|Nom|Pr[ée]noms?(?:\s?\(s\))?|Signataire|Secr[ée]taire|"
          r"Psychologue|Di[ée]t[ée]ticien(?:ne)?|Kin[ée]sith[ée]rapeute|Orthophoniste|Ergoth[ée]rapeute|Pharmacien(?:ne)?|"
          r"Biologiste|Cadre(?:\s+de\s+sant[ée])?|Assistante?\s+sociale?|Aide-soignante?|Manipulat(?:eur|rice)|"
          r"R[ée]f[ée]rent|Sign[ée]e?\s+par|Valid[ée]e?\s+par|R[ée]dig[ée]e?\s+par|Dict[ée]e?\s+par|"
          r"Pr[ée]lev[ée]e?\s+par|Frapp[ée]e?\s+par|Dactylographi[ée]e?\s+par|"
          r"Vue?\s+par|Examin[ée]e?\s+par|Interpr[ée]t[ée]e?\s+par|Relue?\s+par|Saisie?\s+par|Transcrite?\s+par|"
          r"Accompagn[ée]e?\s+par|Messager|Identit[ée]|[Ii]nterphone|INTERPHONE|[Ss]onner\s+chez|(?-i:[Ff]amille|[Cc]ouple)|"
          r"Docteure|Doctoresse|Dresse|[ÉE]pouse|[ÉE]poux|[ÉE]p|Veuve|Vve|N[ée]e?\s+sous\s+le\s+nom\s+de|N[ée]\(e\)|N[ée]e|"
          r"Famille|Enfant|"
          # newborns' labels ("BB PAYET", "Jumeau 2 DUPONT", "Nné MARTIN") and firms named after a family
          r"BB|B[ée]b[ée]|Nn[ée]|Nouveau-n[ée]e?|Jumeau(?:\s+\d)?|Jumelle(?:\s+\d)?|Ambulances?|Taxis?)")
# (the look-ahead lets every position that starts no title fail at once: the patterns below try it everywhere)
_TITLE_RE = re.compile(rf"(?=[abcdefhijkmnoprstvé])(?<![\w])(?:{_TITLE})(?![\w])\.?\s*[:=]?[ \t]*", re.IGNORECASE)
_PROFESSION_RE = re.compile(r"Secr[ée]taire|Psychologue|Di[ée]t[ée]ticien(?:ne)?|Kin[ée]sith[ée]rapeute|Orthophoniste|"
                            r"Ergoth[ée]rapeute|Pharmacien(?:ne)?|Biologiste|Cadre|Assistante?|Aide-soignante?|"
                            r"Manipulat(?:eur|rice)",
                            re.IGNORECASE)
_FIRM_TITLES = {"ambulance", "ambulances", "taxi", "taxis"}
_CASE_SENSITIVE_TITLES = {"m", "mm", "me", "mr", "pr", "dr", "nom", "ep", "famille", "enfant", "bb", "ambulance",
                          "ambulances", "taxi", "taxis"}
_INITIAL = rf"(?:Ph|Ch|Th|St)\.|[{_UP}](?:[.\-]{{1,2}}(?:[{_UP}]|Ch|Ph|Th))*\.?(?![{_LO}{_UP}])"  # "J.-Ch." too
_NAME_WORD = (rf"(?:[{_UP}]\.?-[{_UP}][{_LO}]+|[{_UP}][{_LO}]+(?:[-'’][{_UP}]?[{_LO}]+)*|[{_UP}]{{2,}}(?:[-'’][{_UP}]+)*"
              rf"|[{_UP}]['’][{_UP}][{_LO}]+|[{_UP}]['’][{_UP}]{{2,}}(?:-[{_UP}]+)*|Ma?c[{_UP}][{_LO}]+)")
_PARTICLE = (r"(?:de|De|DE|du|Du|DU|des|Des|DES|le|Le|LE|la|La|LA|van|Van|VAN|von|Von|VON|der|Der|DER|den|da|Da|DA|"
             r"di|Di|DI|dos|Dos|DOS|do|Do|del|Del|DEL|ben|Ben|BEN|el|El|EL|al|Al|AL|bou|Bou|BOU|ibn|Ait|AIT|Aït|AÏT|"
             r"ould|Ould|OULD|d'|D'|d’|D’)")
_NAME_TOKEN_RE = re.compile(rf"(?:[{_UP}]\.-)?(?:Ph|Ch|Th|St)\.|{_NAME_WORD}|{_INITIAL}")  # "Ph. Guézennec", "J.-Ch. Perrot": the initial first
_CAPS_AND_LOWER_RE = re.compile(rf"(?<![\w'’-])(?:([{_UP}]{{2,}}(?:[-'’][{_UP}]+)*)[ \t]+([{_LO}]{{3,}})|([{_LO}]{{3,}})[ \t]+"
                                rf"([{_UP}]{{2,}}(?:[-'’][{_UP}]+)*))(?![\w'’-])")
# Patterns used inside the name loops, compiled once.
_INITIAL_RE = re.compile(_INITIAL)
_GAP_RE = re.compile(r"[ \t]{0,2}")  # three spaces or more part columns
_PARTICLES_RE = re.compile(rf"(?:{_PARTICLE}(?:[ \t]|(?<=')|(?<=’))){{1,3}}")
_COMMA_FIRST_NAME_RE = re.compile(
    rf",[ \t]*({_NAME_WORD})(?![\w'’-])(?=[ \t]*(?:[.,;()\n]|$|[ \t](?:le|et|né|née|n°|[-–]|\d)))")
_LIST_LINK_RE = re.compile(r"[ \t]*,[ \t]*|[ \t]+(?:et|&)[ \t]+")
_AND_LINK_RE = re.compile(r"[ \t]+(?:et|&)[ \t]+")
_PREVIOUS_NAME_RE = re.compile(rf"({_NAME_WORD}|{_INITIAL}),?[ \t]+$")
_PREVIOUS_ARTICLE_NAME_RE = re.compile(rf"(?<![\w'’-])({_NAME_WORD})[ \t]+({_NAME_WORD}),?[ \t]+$")
_PREVIOUS_PARTICLE_RE = re.compile(rf"(?<![\w'’]){_PARTICLE}[ \t]$")
_NEXT_TOKEN_RE = re.compile(rf"(,?)[ \t]+({_NAME_WORD}|{_INITIAL})")
_PREVIOUS_TOKEN_RE = re.compile(rf"(?<![\w/'’.-])({_NAME_WORD}|{_INITIAL})(,?)[ \t]+$")
# First names that, written in capitals, are medical abbreviations ("EVA 6/10": visual analogue scale).
_CAPS_ABBREVIATIONS = {"eva", "ira", "max", "ide"}
_LABELLED_NAME_RE = re.compile(
    r"(?:\b(?:nom(?:\s+de\s+naissance|\s+d['’]usage|\s+marital|\s+de\s+jeune\s+fille|\s+patronymique|\s+de\s+famille|"
    r"\s+du\s+patient|\s+de\s+la\s+patiente|\s+usuel)?|pr[ée]noms?(?:\s?\(s\))?)[ \t]*(?::|\.{3,}|[-–—](?=[ \t]))[ \t]*"  # "Nom ..... LECLERC", "Nom - LECLERC"
    r"|\bnom\s+(?:de\s+naissance|d['’]usage|de\s+jeune\s+fille|marital)[ \t]+)"  # these need no colon
    r"(?=(?P<value>[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*){0,3}))", re.IGNORECASE)
_NAME_LABEL_STOPS = {"nom", "prenom", "prenoms", "ne", "nee", "date", "sexe", "ddn", "ipp", "nip", "nda", "age", "adresse",
                     "tel", "telephone", "dossier", "sejour", "f", "m", "h"}
_SURNAME_ARTICLES = {"Le", "LE", "La", "LA", "Du", "DU", "De", "DE"}
_NOT_SURNAME_AFTER_ARTICLE = {"service", "centre", "pole", "unite", "departement", "laboratoire", "cabinet", "patient",
                              "patiente", "medecin", "docteur", "docteure", "professeur", "dr", "pr", "chef", "cadre"}
_PARTICLE_KEYS = {"de", "du", "des", "le", "la", "les", "d'", "van", "von", "der", "da", "dos", "di", "del", "ben", "el",
                  "ould", "ait", "ibn"}
_ROLE_LABEL_RE = re.compile(
    r"(?:^|(?<=\n)|(?<=[-–|;.]\s)|(?<=\t)|(?<=\S  ))[ \t]*(?:infirmi[eè]re?s?|IDE|internes?|externes?|m[ée]decins?(?:\s+traitants?|\s+r[ée]f[ée]rents?)?|"
    r"secr[ée]taires?|op[ée]rateurs?|aides?\s+op[ée]ratoires?|anesth[ée]sistes?|chirurgiens?|r[ée]dacteurs?|"
    r"destinataires?|copies?(?:\s+[àa])?|cc|signataires?|kin[ée]s?|psychologues?|di[ée]t[ée]ticiennes?|"
    r"assistantes?\s+sociales?|sages?-femmes?|IBODE|IADE|biologistes?|(?:patient(?:e|\(e\))?s\s+)?pr[ée]sent(?:e|\(e\))?s|"
    r"participants?|excus[ée]e?s|absents?|invit[ée]e?s|patient(?:e|\(e\))?s\s+vu(?:e|\(e\))?s|aides?(?:-soignante?s?)?|"
    r"victimes?|bless[ée]e?s?|aidante?s?|parents?|appelante?s?|t[ée]moins?|tut(?:eur|rice)s?|curat(?:eur|rice)s?|personne\s+(?:[àa]\s+pr[ée]venir|de\s+confiance)|"
    r"ambulanciers?|pharmacien(?:ne)?s?|orthophonistes?|pr[ée]leveu(?:r|se)s?|receveu(?:r|se)|donneu(?:r|se)|prescripteu(?:r|se)s?|"
    r"prescrit\s+par|sign[ée]e?(?:\s+par)?|valid[ée]e?\s+par|demand[ée]e?\s+par|demandeu(?:r|se))[ \t]*:[ \t]*",
    re.IGNORECASE)
_FAMILY_RE = re.compile(
    r"\b(?:son|sa|leur|votre|notre|mon|ma)\s+(?:fils|fille|mari|[ée]poux|[ée]pouse|femme|fr[èe]re|s[œo]e?ur|m[èe]re|p[èe]re|"
    r"compagnon|compagne|conjointe?|neveu|ni[èe]ce|petite?-fille|petit-fils|tante|oncle|aidante?|tutrice|tuteur|"
    r"belle-s[œo]e?ur|beau-fr[èe]re|belle-fille|beau-fils|belle-m[èe]re|beau-p[èe]re|gendre|cousine?)"
    r"\s*,?\s*(?:(?:M\.|Mme|Mr|Mlle)\s*)?"
    r"|\b(?:[Ll]['’]enfant|[Ll]e\s+petit|[Ll]a\s+petite|[Ll][ea]\s+b[ée]b[ée]|[Ll]e\s+nourrisson|"
    r"[Ll][ea]\s+nouveau-n[ée]e?)\s+")
# a household by its surname: "la famille Charpentier", "famille KERMARREC" (not "famille paternelle", "famille BRCA")
_HOUSEHOLD_RE = re.compile(r"\bfamille\s+(?P<name>[A-ZÀ-Ü][a-zà-ÿ'’-]+|[A-ZÀ-Ü]{3,})\b")
_ADJECTIVE_ENDING_RE = re.compile(r"(?:elle|el|ale|al|ique|aire|ienne|ien|ée|ée?s|ive|if)$", re.IGNORECASE)
_INITIALS_LIST_RE = re.compile(rf"(?<![\w.])[{_UP}]\.[ \t]?[{_UP}]{{2,}}[\w'’-]*,[ \t]*$")
_NAME_BEFORE_ROLE_RE = re.compile(
    rf"(?=[{_UP}])(?<![\w'’-])(?P<name>{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}})[ \t]*\((?:IDE|IDEL|IBODE|IADE|AS|ASH|AES|"
    r"(?i:interne|externe|kin[ée]|infirmi[eè]re?|cadre|aide-soignante?|psychologue|di[ée]t[ée]ticienne?|"
    r"ergoth[ée]rapeute|orthophoniste|assistante?\s+sociale?|sage-femme|secr[ée]taire|brancardier|"
    r"fils|fille|m[èe]re|p[èe]re|[ée]poux|[ée]pouse|mari|femme|fr[èe]re|s[oœ]eur|neveu|ni[èe]ce|conjointe?|"
    r"compagnon|compagne|tuteur|tutrice|curat(?:eur|rice)|voisine?|pharmacien(?:ne)?|m[ée]decin|ambulancier))\)")
_SELF_INTRODUCTION_RE = re.compile(r"\b(?:je\s+suis|je\s+m['’]appelle|moi\s+c['’]est|mon\s+nom\s+est|"
                                   r"mon\s+pr[ée]nom\s+est)\s+(?P<title>(?:m\.|mme|mr|mlle|madame|monsieur)(?!\w))?\s*"
                                   r"(?P<value>[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*){0,3})", re.IGNORECASE)
# "la femme de roland lefort", "le fils de Mme Durand": a relative's name after the kinship word and "de".
_KIN_OF_RE = re.compile(
    r"\b(?:la|le|l['’])\s*(?:fils|fille|mari|[ée]poux|[ée]pouse|femme|fr[èe]re|s[œo]e?ur|m[èe]re|p[èe]re|maman|papa|"
    r"compagnon|compagne|conjointe?|neveu|ni[èe]ce|petite?-fille|petit-fils|tante|oncle|voisine?)\s+(?:de|d['’])\s*"
    r"(?P<title>(?:M\.|Mme|Mr|Mlle|madame|monsieur)(?!\w)\s*)?", re.IGNORECASE)
_LOWER_TITLE_RE = re.compile(r"(?<![\w])(?:madame|monsieur|mademoiselle|(?P<doctor>docteur|professeur|dr)|mme|mlle|mr|m(?=\.))"
                             r"(?:\.?[ \t]+|(?<!\bm)\.)(?=[a-zà-ÿ])")  # "dr.le goff" too
_VERB_LIKE_RE = re.compile(rf"(?:{_SPELLED})|\w+(?:é|ée|és|ées|ant|ait)", re.IGNORECASE)  # "mme jeanne venue", "deux"
# ... and after "mr", "mme": the phrase closes, or a phone or a birth date follows ("mme kerherve.", "mr jestin
# (06 18 ...)", "mme salou : 06...")
_AFTER_CIVILITY_SURNAME_RE = re.compile(r"[ \t]*(?:[,.;:!?()\n]|$)|[ \t]+(?:(?:\+|0)\d|ddn\b|n[ée]e?\b)")
_AFTER_LOWER_SURNAME_RE = re.compile(r"[ \t]*(?:[,.;:!?()\n]|$|[ \t]+(?:de|du|au|aux|à|a|et|pour|qui|vous|rpps|adeli|t[ée]l|demain|hier|"
                                     r"aujourd['’]hui|ce[ \t]+(?:matin|soir)|cet[ \t]+apr[èe]s-midi)\b)")
_LOWER_NAME_BEFORE_BIRTH_RE = re.compile(rf"(?<![\w'’-])(?P<first>[{_LO}][{_LO}'’-]{{2,}})[ \t]+(?P<second>[{_LO}][{_LO}'’-]{{2,}})"
                                         r"(?![\w'’-])(?=[ \t]*(?:[,;]|//)?[ \t]*(?:n[ée]e?\b|ddn\b|d\.n\.|\d{1,3}[ \t]*(?:ans|a)\b))")
# ... or after the words that announce whom a reminder or a file is for: "rappel pour jeanne moulin rendez-vous ...",
# "rdv pr lucas morvan le 03/02" (the first word a listed first name)
_LOWER_NAME_AFTER_CUE_RE = re.compile(rf"(?=[rRcCdDoO])\b(?i:rappel|rdv|rendez-vous|convocation|consultation|courrier|"
                                      rf"ordonnance|dossier)[ \t]+(?i:pour|pr|de)[ \t]+(?P<first>[{_LO}][{_LO}'’-]{{2,}})[ \t]+"
                                      rf"(?P<second>[{_LO}][{_LO}'’-]{{2,}})(?![\w'’-])")
_PERSON_TITLES = r"Dr|Docteur|Pr|Professeur|Mme|Madame|M|MM|Mr|Monsieur|Mlle|Mademoiselle|Interne"
# After a doctor's or a civil title, a name typed half in lower case: "Dr paulette Bouchard", "Docteur MAURON gilbert",
# "Mme guivarc'h Vidal" (the lower-case word a listed first name or surname)
_TITLED_MIXED_CASE_NAME_RE = re.compile(
    rf"(?=[DdPpMmIi])\b(?:{_PERSON_TITLES})\.?[ \t]+"
    rf"(?P<name>(?P<lower>[{_LO}][{_LO}'’-]{{2,}})[ \t]+[{_UP}][{_LO}{_UP}'’-]+|[{_UP}][{_LO}{_UP}'’-]+[ \t]+(?P<after>[{_LO}][{_LO}'’-]{{2,}}))"
    rf"(?![\w'’-])")
# ... or a listed first name and a surname in lower case before punctuation: "M. Emmanuel sarrazin, suite à",
# "Dr. Pauline quillévéré (p.roux@...)", "Mademoiselle Victoire annick, née le"
_TITLED_FIRST_NAME_LOWER_RE = re.compile(
    rf"(?=[DdPpMmIi])\b(?:{_PERSON_TITLES})\.?[ \t]+"
    rf"(?P<first>[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)?)[ \t]+(?P<last>[{_LO}][{_LO}'’-]{{2,}})(?=[ \t]*[,;(.)]|[ \t]*$|[ \t]+n[ée]e?\b)",
    re.MULTILINE)
_COMMON_LOWER_WORDS = {"est", "etait", "sera", "fait", "dit", "qui", "que", "pour", "avec", "sans", "dans", "sur", "par",
                       "aussi", "ici", "absent", "absente", "present", "presente", "lui", "elle", "seul", "seule", "merci"}
# A surname in capitals after the word "nom" written in lower case without its colon: "nom ALLARD, prénom Maxime"
_LOWER_NAME_LABEL_RE = re.compile(rf"nom(?<![\w'’-]nom)[ \t]+(?P<name>[{_UP}]{{2,}}(?:[ -][{_UP}]{{2,}})?)(?![\w'’-])")
# An identity line whose fields slashes split: "IPP : 3390012764 / MERCIER / Olive / F / 1967"
_SLASHED_IDENTITY_RE = re.compile(rf"(?<=/ )(?P<last>[{_UP}][{_UP}'’-]+(?: [{_UP}][{_UP}'’-]+)?) / "
                                  rf"(?P<first>[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)?) / (?:[MFHmf]|Homme|Femme)\b")
_FIRST_NAME_AND_WORD_RE = re.compile(rf"(?<![\w'’-])(?<!\bde )(?<!\bdu )(?<!\bd['’])(?P<first>[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)?)"
                                     rf"[ \t](?P<last>[{_UP}][{_LO}]+|[{_UP}]{{2,}})(?![\w'’-])")
# ... and a surname in capitals makes the eponym after it a first name: "LACROIX Gilbert", "GIRAUD Addison"
_CAPS_SURNAME_AND_WORD_RE = re.compile(rf"(?<![\w'’-])(?<!\bde )(?<!\bdu )(?<!\bd['’])(?P<last>[{_UP}]{{3,}}(?:-[{_UP}]{{2,}})?)"
                                       rf"[ \t](?P<first>[{_UP}][{_LO}]+)(?![\w'’-])")
_NICKNAME_RE = re.compile(r"(?=[as,])(?:\bappel(?:le|lent|ait|er)(?:\s+[\w'’]+){0,3}?|\bsurnomm[ée]e?s?|\bsurnom|,\s*dit)\s*:?\s*[«\"“]\s*"
                          r"(?P<name>[A-ZÀ-Ü][\w'’-]+(?:\s[A-ZÀ-Ü][\w'’-]+)?)\s*[»\"”]"
                          r"|\bchez\s+les\s+(?P<family>[A-ZÀ-Ü][\w'’-]*[^\Wsx])(?![\w'’-])")  # "les Martin", not "les Reptiles"
# Relatives named after the kinship word, in any case, in the family and social lines of a letter: "sœur Kattalin
# suivie pour ...", "fils bernard peyronnet, 3 impasse ...", "Parents : nadia et sofiane bouzid", "deux enfants,
# lenny (9 ans) et maëlys (5 ans)", "son épouse (martine delannoy, 06 ...)".
_KIN_CUE_RE = re.compile(r"(?=[fmeéspnotcgFMEÉSPNOTCG])(?<![\w-])(?:fils|filles?|mari|[ée]poux|[ée]pouse|femme|fr[èe]res?|s[œo]e?urs?|m[èe]re|p[èe]re|"
                         r"neveux?|ni[èe]ces?|oncle|tante|cousine?s?|grand-m[èe]re|grand-p[èe]re|petite?s?-filles?|"
                         r"petits?-fils|parents|enfants|petits-enfants|compagnon|compagne|conjointe?)"
                         r"(?:[ \t]+(?:a[îi]n[ée]e?|cadette?|jumelle?|jumeau))?(?:[ \t]*[,:(][ \t]*|[ \t]+)(?:dont[ \t]+)?",
                         re.IGNORECASE)
_KIN_PERSON_RE = re.compile(r"(?P<first>[^\W\d_](?:[^\W\d_]|['’-])*)(?![\w])(?:[ \t]+(?P<particle>(?:le|la|de|du|da|van|von|el|ben)[ \t]+)?"
                            r"(?P<last>[^\W\d_](?:[^\W\d_]|['’-])*)(?![\w]))?")
# what tells a word after a kinship word is a name: an age or a phone number right after it
_AGE_OR_PHONE_AFTER_RE = re.compile(r"[ \t]*(?:\([ \t]*\d{1,2}[ \t]*ans|,[ \t]*\d{1,2}[ \t]*ans\b|[,(]?[ \t]*(?:au[ \t]+)?(?:\+|0)\d)")
# what may follow a relative's surname typed in lower case
_AFTER_RELATIVE_RE = re.compile(r"[ \t]*(?:[,;.!?)(\n]|$|[ \t]*(?:\+|0)\d|n[ée]e?\b|(?:qui|que|est|a|au|aux|à|de|du|pour|et|"
                                r"dans|sera|vit|vivent|r[ée]side|habite|l['’]\w+)\b)")
_RELATIVE_LINK_RE = re.compile(r"(?:[ \t]*\([ \t]*\d{1,2}[ \t]*ans[ \t]*\))?[ \t]*(?:,[ \t]*|[ \t]+et[ \t]+)")
_NEE_RE = re.compile(r"[ \t]+n[ée]e[ \t]+(?P<name>[^\W\d_][\w'’-]*)")
# DICOM and worklist fields: "PatientName : LE GALL^ERWAN", "ReferringPhysicianName : HASCOET^L".
_CARET_NAME_RE = re.compile(r"Name\s*[:=]\s*(?P<name>[A-ZÀ-Ü][A-ZÀ-Üa-zà-ÿ'’ -]*(?:\^[A-ZÀ-Üa-zà-ÿ'’ -]*)+)")
# Where a message typed in lower case names its writer: "c'est maialen", "slt c steven", "merci. yvette abgrall".
_WRITER_CUE_RE = re.compile(r"(?=[cmab])(?:\bc['’]est|(?<![\w'’])c|\b(?:merci|cordialement|bises|bisous|amicalement)\b[ \t.,!]*)[ \t]+(?=[a-zà-ÿ])")
# Two or three lower-case words after a civility that close the phrase: "mme nguyen thi lan, ddn ..."
_LOWER_INITIAL_AND_NAME_RE = re.compile(r"[a-zà-ÿ]\.[ \t]?[a-zà-ÿ][\w'’-]{2,}(?:[ \t]+[a-zà-ÿ][\w'’-]{2,})?")
_LOWER_NAME_RUN_RE = re.compile(r"[ \t]*([a-zà-ÿ][\w'’-]+(?:[ \t]+[a-zà-ÿ][\w'’-]+){1,2})"
                                r"(?=[ \t]*(?:[,;(\n]|$)|[ \t]+(?:ddn|n[ée]e?|[âa]g[ée]e?)\b)")
# "interphone au nom de Lambert": whose name is on the door or the file
_IN_THE_NAME_OF_RE = re.compile(r"\bau\s+nom\s+d[e']\s*(?:(?:M\.|Mme|Mr|Mlle)\s*)?")
_LOWER_PARTICLE_SURNAME_RE = re.compile(r"(?:le|la|de|du|da|dos|van|von|el|ben|ould)[ \t]+(?P<surname>[a-zà-ÿ][\w'’-]{2,})")
_LOWER_PARTICLE_RE = re.compile(r"[ \t]+(?:le|la|de|du|des|da|dos|van|von|el|ben|ould)(?=[ \t]+[a-zà-ÿ])")
_LOWER_WORD_RE = re.compile(r"[ \t]*([a-zà-ÿ][\w'’-]*)")
_FIRST_PARTICLE_NAME_RE = re.compile(
    rf"(?=[{_UP}])(?<![\w'’-])(?P<first>{_NAME_WORD}|{_INITIAL})[ \t]+(?:{_PARTICLE}(?:[ \t]|(?<=['’])))+(?P<last>{_NAME_WORD})")
_PARTICLE_NAME_FIRST_RE = re.compile(
    rf"(?<![\w'’-])(?:(?:De|DE|Du|DU|Des|DES|Le|LE|La|LA|Van|VAN|Von|VON|Da|DA|Dos|DOS|Di|DI|Del|DEL|Ben|BEN|El|EL|"
    rf"Ait|AIT|Aït|AÏT|Ould|OULD|"
    rf"D['’]|L['’])"
    rf"(?:[ \t]|(?<=['’])))(?:{_PARTICLE}[ \t])?(?P<last>{_NAME_WORD}),?[ \t]+(?P<first>{_NAME_WORD})(?![\w'’-])")
_TITLE_CASE_RE = re.compile(rf"(?<![\w'’-])[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)?(?![\w'’-])")


# Endings of French common nouns and adjectives written in capitals (headings), rare in surnames.
_COMMON_ENDING_RE = re.compile(r"(?:TIONS?|SIONS?|IQUES?|ALES?|AUX|EUX|EUSES?|ISES?|[EÉ]ES?|MENTS?|ANCES?|ENCES?|"
                               r"IT[EÉ]S?|URES?|AGES?|OGIES?|IENS?|IENNES?|TIFS?|TIVES?|AIRES?|ANTES?|ENTS?|"
                               r"INES?|OSES?|ITES?|OMES?|EMIES?|ERIES?|GRAPHIES?|SCOPIES?)$")



def _valid_nir(digits: str) -> bool:
    """NIR key check: key = 97 - (13-digit number mod 97); Corsica 2A/2B count as 19/18 in the number."""
    if len(digits) != 15:
        return False
    body, key = digits[:13], digits[13:]
    body = body.upper()
    if body[5:7] == "2A":
        body = body[:5] + "19" + body[7:]
    elif body[5:7] == "2B":
        body = body[:5] + "18" + body[7:]
    if not body.isdigit() or not key.isdigit():
        return False
    return 97 - int(body) % 97 == int(key)


# ----------------------------------------------------------------------------------------------- finders
def _find_simple(text: str) -> list[PersonalData]:
    found: list[PersonalData] = []
    for match in _EMAIL_RE.finditer(text) if "@" in text else ():
        local, _, domain = match.group(0).replace(" ", "").partition("@")
        if len(local) >= 1 and domain and ("." in domain or re.search(r"[._\d]", local)):
            found.append(PersonalData("EMAIL", match.start(), match.end(), match.group(0)))
    for match in _SPELLED_EMAIL_RE.finditer(text) if re.search(r"(?i)[(\[](?:at|a|arobase)[)\]]|arobase", text) else ():
        found.append(PersonalData("EMAIL", match.start(), match.end(), match.group(0)))
    for match in _BARE_AT_EMAIL_RE.finditer(text) if " at " in text else ():
        found.append(PersonalData("EMAIL", match.start(), match.end(), match.group(0)))
    for match in _URL_RE.finditer(text):
        end = match.end()
        while end > match.start() and text[end - 1] in ".,;:!?":
            end -= 1
        found.append(PersonalData("URL", match.start(), end, text[match.start():end]))
    for pattern in (_IPV4_RE, _IPV6_RE):
        for match in pattern.finditer(text):
            if pattern is _IPV6_RE and not re.search(r"[a-fA-F]|::", match.group(0)) and match.group(0).count(":") < 4:
                continue  # times such as 12:30:45
            found.append(PersonalData("IP", match.start(), match.end(), match.group(0)))
    for match in _RPPS_RE.finditer(text):
        label = "FINESS" if match.group(0).upper().startswith("FINESS") else "RPPS"
        found.append(PersonalData(label, match.start("number"), match.end("number"), match.group("number")))
        second = _SECOND_NUMBER_RE.match(text, match.end()) if label == "RPPS" else None
        if second:  # "RPPS/ADELI : 10004567123 / 29 1 04567 2"
            found.append(PersonalData("RPPS", second.start("number"), second.end("number"), second.group("number")))
    for match in _BARE_RPPS_RE.finditer(text):
        found.append(PersonalData("RPPS", match.start(), match.end(), match.group(0), 0.6))
    return found


# Table headers that name personal data, e.g. "Nom | Prénom | DDN | N° IPP": the cells below them are that data.
_COLUMN_LABELS = [  # French, then the English of exports ("IPP,NDA,Name,FirstName,DOB,Sex,AdmitDate")
    ("IPP", re.compile(r"(?:n°|num[ée]ro|no\.?)?\s*(?:ipp|nip|nda|iep|dossier|demande|venue|s[ée]jour|patient|"
                       r"identifiant|accession)|ipp|nip|nda|iep|id(?:\s+patient)?|patient\s?id|mrn|visit(?:\s?id)?|"
                       r"encounter(?:\s?id)?|accession(?:\s?n(?:umber|o)\.?)?", re.IGNORECASE)),
    ("DATE_NAISSANCE", re.compile(r"ddn|d\.\s?n\.?|n[ée]\(?e?\)?\s+le|date\s+de\s+naiss(?:ance|\.)?|naissance|dob|"
                                  r"date\s?of\s?birth|birth\s?date", re.IGNORECASE)),
    ("DATE", re.compile(r"date(?:\s+(?:d['’]entr[ée]e|de\s+sortie|d['’]admission|d['’]examen|du\s+pr[ée]l[èe]vement))?|"
                        r"(?:admit|admission|discharge|exam|study)\s?date", re.IGNORECASE)),
    ("PERSONNE", re.compile(r"nom(?:\s+(?:de\s+naissance|d['’]usage|marital|de\s+famille|usuel|naiss\.?|patronymique))?|pr[ée]noms?|"
                            r"patiente?|patient\(e\)|identit[ée]|(?:last|first|family|given|sur)?\s?name", re.IGNORECASE)),
    ("ADRESSE", re.compile(r"adresse(?:\s+postale|\s+ligne)?(?:\s?\d)?|address(?:\s?\d)?|adr\.?\s?\d?|"
                           r"compl[ée]ment(?:\s+d['’]adresse)?", re.IGNORECASE)),
    ("CODE_POSTAL", re.compile(r"cp|code\s+postal|zip(?:\s?code)?|post\s?code", re.IGNORECASE)),
    ("VILLE", re.compile(r"ville|commune|localit[ée]|city|town", re.IGNORECASE)),
]
_CELL_PADDING = " \t\n\"'"
_CELL_SEPARATOR_RE = re.compile(r"\s*(?:[|¦]|\t+)\s*")
# An exported file pasted as text: fields split by ";" (two or more on the line) or by "," with no space after it.
_CSV_SEPARATORS = {";": re.compile(r"\s*;\s*"), ",": re.compile(r",(?! )")}
_LINE_RE = re.compile(r"[^\n]+")


def _column_label(cell: str) -> str | None:
    return next((label for label, pattern in _COLUMN_LABELS if pattern.fullmatch(cell.strip(" :"))), None)


def _labelled_value(text: str, label: str, start: int, end: int, blocked: set[str]) -> PersonalData | None:
    """The value of a cell or a field whose label names its kind, if its shape fits: a name has no digit and few
    words ("Né(e) le" is none), an identifier, a code or a date has digits."""
    value = text[start:end]
    if not any(char.isalnum() for char in value):
        return None
    if label == "PERSONNE" and (any(char.isdigit() for char in value) or len(value.split()) > 4
                                or all(_key(word) in blocked for word in value.split())
                                or re.search(r"(?i)\s(?:le|du|au)$", value)):  # "Né(e) le"
        return None
    if label in ("IPP", "CODE_POSTAL", "DATE_NAISSANCE", "DATE") and sum(char.isdigit() for char in value) < 3:
        return None
    return PersonalData(label, start, end, value, 0.7)


# Values named by their key in pasted exports: JSON and dictionaries ('"nom": "MARCHAND"', "'ville': 'Rennes'"),
# XML ("<nom>Pasquier</nom>"), assignments ('dossier.prenom = "Gabriel"'), vCards ("N:Lemoine;Jacques;;Dr;")
_KEYED_VALUE_RE = re.compile(
    r"(?P<q>[\"'])(?P<key>[A-Za-z_](?:[\w.]| (?=\w)){0,30})(?P=q)[ \t]*:[ \t]*(?P<vq>[\"'])(?P<value>[^\"'\n]{1,80}?)(?P=vq)"
    r"|<(?P<tag>[A-Za-z_][\w.-]{0,30})(?:[ \t][^<>\n]*)?>(?P<tagged>[^<>\n]{1,80})</(?P=tag)>"
    r"|(?<![\w.])(?P<name>[A-Za-z_](?:[\w.]| (?=\w)){0,30})[ \t]*(?:=|:)[ \t]*(?P<aq>[\"'])(?P<assigned>[^\"'\n]{1,80}?)(?P=aq)"
    r"|^N:(?P<family>[^;\n]+);(?P<given>[^;\n]*)"
    # a printout's dotted leaders: "Nom.................: BARRE", "Code postal / Commune........87000 / LIMOGES"
    r"|^[ \t]*(?P<leader>[A-Za-zÀ-ÿ][\w'’ /]{1,40}?)[ \t]*(?:\.{4,}|(?:\.[ \t]){3,})[ \t]*:?[ \t]*(?P<led>[^\n]{1,80}?)[ \t]*$",
    re.MULTILINE)
_KEY_LABELS = {"nom": "PERSONNE", "prenom": "PERSONNE", "prenoms": "PERSONNE", "name": "PERSONNE", "family": "PERSONNE",
               "given": "PERSONNE", "lastname": "PERSONNE", "firstname": "PERSONNE", "surname": "PERSONNE",
               "ville": "VILLE", "city": "VILLE", "commune": "VILLE", "cp": "CODE_POSTAL", "zip": "CODE_POSTAL",
               "ddn": "DATE_NAISSANCE", "dob": "DATE_NAISSANCE", "birthdate": "DATE_NAISSANCE", "naissance": "DATE_NAISSANCE",
               "ipp": "IPP", "nip": "IPP", "adresse": "ADRESSE", "address": "ADRESSE", "adr": "ADRESSE",
               "domicile": "ADRESSE", "ligne1": "ADRESSE", "ligne2": "ADRESSE", "line1": "ADRESSE", "line2": "ADRESSE"}


def _key_label(key: str) -> str | None:
    """What a key names: its last dotted part, camelCase and underscores read as words ("nomNaissance",
    "dossier.prenom", "nom_marital", "PrenomPatient"); the first word that is a known key decides."""
    words = re.sub(r"(?<=[a-zé])(?=[A-Z])", " ", key.rsplit(".", 1)[-1]).replace("_", " ").lower().split()
    words = [word.replace("é", "e") for word in words]
    if words[:2] in (["last", "name"], ["first", "name"], ["family", "name"], ["given", "name"]):
        return "PERSONNE"
    if words[:2] == ["date", "naissance"] or words[:3] == ["date", "de", "naissance"] or words[:2] == ["birth", "date"]:
        return "DATE_NAISSANCE"
    if words[:2] == ["code", "postal"] or words[:2] == ["postal", "code"]:
        return "CODE_POSTAL"
    return _KEY_LABELS.get(words[0]) if words else None


def _led_values(text: str, match: re.Match, blocked: set[str]) -> list[PersonalData]:
    """The value after a dotted leader, split like its label when both name several fields ("Code postal / Commune
    ....87000 / LIMOGES")."""
    labels, start = match.group("leader").split("/"), match.start("led")
    values = match.group("led").split("/") if len(labels) > 1 else [match.group("led")]
    if len(values) != len(labels):
        return []
    found = []
    for label, value in zip(labels, values):
        kind = _column_label(label) or _key_label(label.strip())
        lead = len(value) - len(value.lstrip())
        item = kind and _labelled_value(text, kind, start + lead, start + len(value.rstrip()), blocked)
        if item:
            found.append(item)
        start += len(value) + 1
    return found


def _find_keyed_values(text: str) -> list[PersonalData]:
    found: list[PersonalData] = []
    blocked = _lexicons()["blocked"]
    for match in _KEYED_VALUE_RE.finditer(text):
        if match.group("family") is not None:
            pairs = [("PERSONNE", "family"), ("PERSONNE", "given")]
        elif match.group("leader") is not None:
            found += _led_values(text, match, blocked)
            continue
        else:
            key, group = next((match.group(k), g) for k, g in (("key", "value"), ("tag", "tagged"), ("name", "assigned"))
                              if match.group(k) is not None)
            pairs = [(_key_label(key), group)]
        for label, group in pairs:
            if label and match.group(group).strip():
                item = _labelled_value(text, label, match.start(group), match.end(group), blocked)
                if item:
                    found.append(item)
    return found


def _find_table_cells(text: str) -> list[PersonalData]:
    """Cells of a table (columns split by "|", "¦" or tabs) under a header naming personal data in two columns at least
    ("Nom | Prénom | DDN | N° IPP"; a lone "Nom" column may list drugs), and the cell just right of such a label
    in a row ("DDN|27/12/1949"): their value is that data whatever its shape ("0045127736", "25-318-0442")."""
    if "|" not in text and "¦" not in text and "\t" not in text and ";" not in text and "," not in text:
        return []
    found: list[PersonalData] = []
    lexicons = _lexicons()
    blocked = lexicons["blocked"]

    def cells(line: re.Match) -> list[tuple[int, int]]:
        spans, start = [], line.start()
        separators = _CELL_SEPARATOR_RE
        if "|" not in line.group(0) and "¦" not in line.group(0) and "\t" not in line.group(0):
            if line.group(0).count(";") >= 2:
                separators = _CSV_SEPARATORS[";"]
            elif len(_CSV_SEPARATORS[","].findall(line.group(0))) >= 3:
                separators = _CSV_SEPARATORS[","]
        for separator in separators.finditer(text, line.start(), line.end()):
            spans.append((start, separator.start()))
            start = separator.end()
        spans.append((start, line.end()))
        # a quoted cell of an export ('"MOIGN","Albert"') is read without its quotes
        return [(a + len(text[a:b]) - len(text[a:b].lstrip(_CELL_PADDING)),
                 b - (len(text[a:b]) - len(text[a:b].rstrip(_CELL_PADDING)))) for a, b in spans]

    def add(label: str, start: int, end: int) -> None:
        item = _labelled_value(text, label, start, end, blocked)
        if item:
            found.append(item)

    header: list[str | None] | None = None
    for line in _LINE_RE.finditer(text):
        row = cells(line)
        if len(row) < 2:
            header = None
            continue
        labels = [_column_label(text[a:b]) for a, b in row]
        if sum(label is not None for label in labels) >= 2 and len(row) >= 3 and all(
                label is not None or not any(char.isdigit() for char in text[a:b]) for (a, b), label in zip(row, labels)):
            header = labels  # a row of column titles ("adr1" is one)
            continue
        if header is not None and len(row) == len(header):
            for (start, end), label in zip(row, header):
                if label:
                    add(label, start, end)
            continue
        header = None
        for (_, _), label, (start, end) in zip(row, labels, row[1:]):
            if label and _column_label(text[start:end]) is None:
                add(label, start, end)
    return found


# HL7 v2 and HPRIM segments pasted from a lab or admission message: which field holds what (field number, then the
# component numbers of a person's name or an address). PID-3/18 identifiers, PID-5/6 names, PID-7 birth date, PID-11
# address, PID-13/14 phones, PID-19 NIR; PV1-7/8/9/17 doctors (number, name), PV1-19 visit number; NK1-2 name,
# NK1-4 address, NK1-5 phone; ORC-9 and OBR-7 dates, ORC-12 and OBR-16 ordering doctors; PRD-2 name, PRD-3 address, PRD-5 phone, PRD-7
# identifier (the referring doctor); GT1-3 name, GT1-5 address, GT1-6/7 phones, GT1-8 birth date (the guarantor);
# HPRIM P-3/4 identifiers, P-6 name, P-8 birth date.
_MESSAGE_SEGMENT_RE = re.compile(r"(?m)^(?P<segment>PID|PV1|NK1|ORC|OBR|PRD|GT1|P(?=\|\d))\|[^\n]*")
_MESSAGE_FIELDS = {
    "PID": {2: "IPP", 3: "IPP", 5: "NAME", 6: "NAME", 7: "DATE_NAISSANCE", 11: "ADDRESS", 13: "TELEPHONE",
            14: "TELEPHONE", 18: "IPP", 19: "NIR"},
    "PV1": {7: "DOCTOR", 8: "DOCTOR", 9: "DOCTOR", 17: "DOCTOR", 19: "IPP"},
    "NK1": {2: "NAME", 4: "ADDRESS", 5: "TELEPHONE"},
    "ORC": {9: "DATE", 12: "DOCTOR"},
    "OBR": {7: "DATE", 16: "DOCTOR"},
    "PRD": {2: "NAME", 3: "ADDRESS", 5: "TELEPHONE", 7: "RPPS"},
    "GT1": {3: "NAME", 5: "ADDRESS", 6: "TELEPHONE", 7: "TELEPHONE", 8: "DATE_NAISSANCE"},
    "P": {2: "IPP", 3: "IPP", 5: "NAME", 7: "DATE_NAISSANCE"},  # HPRIM counts the segment's name as field 1
}
_ADDRESS_COMPONENTS = {0: "ADRESSE", 1: "ADRESSE", 2: "VILLE", 4: "CODE_POSTAL"}  # street, other, city, state, zip


def _find_message_fields(text: str) -> list[PersonalData]:
    """Personal data in the fields of HL7 and HPRIM segments ("PID|1||123456^^^HOP^PI||DUPONT^JEAN||19560312|M"),
    which no sentence around them announces."""
    found: list[PersonalData] = []
    for segment in _MESSAGE_SEGMENT_RE.finditer(text):
        fields = _MESSAGE_FIELDS[segment.group("segment")]
        for number, (field_start, field) in enumerate(_split_at(segment.group(0), "|", segment.start())):
            kind = fields.get(number)
            for repeat_start, repeat in _split_at(field, "~", field_start) if kind else ():
                for index, (position, value) in enumerate(_split_at(repeat, "^", repeat_start)):
                    if kind == "NAME":
                        label = "PERSONNE" if index < 3 else None
                    elif kind == "ADDRESS":
                        label = _ADDRESS_COMPONENTS.get(index)
                    elif kind == "DOCTOR":
                        label = ("RPPS" if index == 0 else "PERSONNE") if index < 4 else None
                    else:  # an identifier, a date or a phone: the first component
                        label = kind if index == 0 else None
                        if label == "IPP" and "NIR" in repeat.upper():
                            label = "NIR"  # "162117511420753^^^ASIP-SANTE-NIR^NH"
                    if label and any(char.isalnum() for char in value):
                        found.append(PersonalData(label, position, position + len(value), value, 0.8))
    return found


def _split_at(value: str, separator: str, offset: int) -> list[tuple[int, str]]:
    """The parts of `value` between `separator`s, each with its offset in the text (`value` starts at `offset`)."""
    parts, position = [], offset
    for part in value.split(separator):
        parts.append((position, part))
        position += len(part) + 1
    return parts


_DATE_THEN_HOUR_RE = re.compile(r"[0-3]\d[./][01]\d[./](?:19|20)\d\d \d\d$")


def _find_numbers(text: str) -> list[PersonalData]:
    """NIR, phone numbers and patient/stay identifiers."""
    found: list[PersonalData] = []
    for pattern in _PHONE_RES:
        for match in pattern.finditer(text):
            if not _DATE_THEN_HOUR_RE.match(match.group(0)):  # "03.01.2024 10:45" is a date and a time
                found.append(PersonalData("TELEPHONE", match.start(), match.end(), match.group(0), 0.9))
    for match in _PHONE_LOOSE_RE.finditer(text):
        # ten digits from 0 in irregular groups: "0 800 123 456", "0612 345 678", "(+33) 6 12 34 56 78"
        digits = re.sub(r"\D", "", match.group(0))
        if (len(digits) == 10 or (match.group(0).startswith("(") and len(digits) == 11)) \
                and not _DATE_THEN_HOUR_RE.match(match.group(0)):
            found.append(PersonalData("TELEPHONE", match.start(), match.end(), match.group(0), 0.6))
    for match in _finditer(_PHONE_AFTER_CONTEXT_RE, text, _windows(text, _PHONE_WORDS, 0, 60)):
        number = match.group("number").rstrip(" .-/")
        digits = re.sub(r"\D", "", number)
        if 4 <= len(digits) <= 14 and not re.fullmatch(r"[0-3]?\d[/.][01]?\d[/.]\d{2,4}", number) \
                and digits not in _PUBLIC_NUMBERS:
            found.append(PersonalData("TELEPHONE", match.start("number"), match.start("number") + len(number),
                                      number, 0.7))
    spelled = any(word in text for word in ("zéro", "Zéro", "ZÉRO", "zero", "Zero"))
    for match in _SPELLED_PHONE_RE.finditer(text) if spelled else ():
        found.append(PersonalData("TELEPHONE", match.start(), match.end(), match.group(0), 0.7))
    pagers = any(word in text for word in ("bip", "Bip", "BIP", "dect", "Dect", "DECT"))
    for match in _PAGER_RE.finditer(text) if pagers else ():
        found.append(PersonalData("TELEPHONE", match.start("number"), match.end("number"), match.group("number"), 0.7))
    for item in [item for item in found if item.label == "TELEPHONE"]:
        end = item.end
        while alternative := _SHORT_ALTERNATIVE_RE.match(text, end):
            group = "number" if alternative.group("number") else "extension"
            found.append(PersonalData("TELEPHONE", alternative.start(group), alternative.end(group),
                                      alternative.group(group), 0.6))
            end = alternative.end()
    for match in _DIGIT_RUN_RE.finditer(text):
        found.extend(_digit_run(text, match))
    for match in _ALNUM_ID_RE.finditer(text):
        value = match.group(0)
        if value.startswith(("TEL", "FAX")):
            continue  # "TEL0612345678" is a phone number behind its label
        if sum(char.isdigit() for char in value) >= 4 and re.search(r"[A-Z]", value.removeprefix("IPP")) \
                and not _NOT_AN_ID_SHAPE_RE.fullmatch(value):  # "03FEB2020" is a date
            found.append(PersonalData("IPP", match.start(), match.end(), value, 0.6))
    for match in _IPP_SPACED_RE.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        context = text[max(0, match.start() - 40):match.start()]
        labelled = match.group(0).startswith("IPP") or _IPP_CONTEXT_RE.search(context)
        # ten to twelve digits typed one by one, unlabelled, are an identifier too (not a date, not a phone)
        one_by_one = re.fullmatch(r"\d(?: \d){9,11}", match.group(0)) and not re.match(r"0[1-9]", digits)
        if one_by_one and not labelled:
            found.append(PersonalData("IPP", match.start(), match.end(), match.group(0), 0.5))
        elif 4 <= len(digits) <= 16 and labelled and not _HOUSE_NUMBER_AND_CODE_RE.match(text, match.start()) and not re.fullmatch(
                r"[0-3]?\d[ ./-][01]?\d[ ./-](?:19|20)?\d\d|(?:19|20)\d\d[./-][01]?\d(?:[./-][0-3]?\d)?"
                r"|[01]?\d[/-](?:19|20)\d\d",
                match.group(0)):
            found.append(PersonalData("IPP", match.start(), match.end(), match.group(0), 0.9))
    for match in _FILE_NAME_RE.finditer(text):  # "CR_123456789.pdf", "CR-HOSP-2025-004512.pdf", "AP_H25.01873.pdf"
        offset = match.start("stem")
        for part in re.finditer(r"[^_]+", match.group("stem")):
            number = _FILE_NAME_ID_RE.search(part.group(0))
            if number and sum(char.isdigit() for char in number.group("number")) >= 6:
                start = offset + part.start() + number.start("number")
                value = number.group("number")
                if _STAMP_RE.fullmatch(value):
                    found.append(PersonalData("DATE", start, start + 8, value[:8], 0.7))  # the day, not the time
                else:
                    found.append(PersonalData("IPP", start, start + len(value), value, 0.7))
        # beside that number or the document's kind, a word in capitals is the patient's name, and a first name may
        # follow it: "CR_2025-0031427_LEBRETON.pdf", "ordonnance_MARTINEZ_Lucia.pdf", "CR_URG_PUIG_08082023.pdf"
        for part in _FILE_NAME_WORD_RE.finditer(match.group("stem")):
            word = _key(part.group(0))
            if word in _FILE_NAME_DOCUMENT_WORDS or word in _lexicons()["blocked"]:
                continue
            end = part.end()
            first = _FILE_NAME_FIRST_NAME_RE.match(match.group("stem"), end)
            if first and _is_first_name(first.group("first"), _lexicons()["first_names"]):
                end = first.end()
            found.append(PersonalData("PERSONNE", offset + part.start(), offset + end,
                                      match.group("stem")[part.start():end], 0.6))
            break
    for match in _IPP_RE.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        context = text[max(0, match.start() - 40):match.start()]
        year_in_prose = re.fullmatch(r"(?:19|20)\d\d", match.group(0)) and not re.search(r"(?:n°|:|#)\s*$", context)
        if match.group(0).upper().startswith("IPP") or (_IPP_CONTEXT_RE.search(context) and not year_in_prose):
            found.append(PersonalData("IPP", match.start(), match.end(), match.group(0), 0.9))
        elif 7 <= len(digits) <= 11 and (not re.match(r"0[1-9]", digits) or len(digits) != 10) \
                and not (len(digits) == 8 and _date_digits(digits)):  # "0612345678" is a phone, "0012345678" is not
            found.append(PersonalData("IPP", match.start(), match.end(), match.group(0), 0.5))
    for match in _SHAPED_ID_RE.finditer(text):
        value = match.group(0)
        groups = re.split(r"[-.]", value)
        if (sum(char.isdigit() for char in value) >= 6 and not _DATE_SHAPED_RE.fullmatch(value)
                and all(len(group) >= 2 or index == 0 and group.isalpha()  # "7.35-7.45" is a range of values,
                        for index, group in enumerate(groups))  # "A-12345678" an identifier
                and (any(char.isalpha() for char in value)  # "250.000.000" is a number, "203-103" a code
                     or "-" in value and (len(groups) >= 3 or max(map(len, groups)) >= 5))):
            found.append(PersonalData("IPP", match.start(), match.end(), value, 0.55))
    for match in _BARCODE_RE.finditer(text):
        found.append(PersonalData("IPP", match.start("number"), match.end("number"), match.group("number"), 0.7))
    for match in _YEAR_NUMBER_ID_RE.finditer(text):
        found.append(PersonalData("IPP", match.start(), match.end(), match.group(0), 0.55))
    if "|" in text:
        found += _grouped_numbers_in_rows(text)
    for match in _ANY_SHAPE_ID_RE.finditer(text):
        value = match.group(0)
        if _IPP_CONTEXT_RE.search(text, max(0, match.start() - 40), match.start()) and not _NOT_AN_ID_SHAPE_RE.fullmatch(value):
            found.append(PersonalData("IPP", match.start(), match.end(), value, 0.8))
    for match in _GLUED_LABEL_ID_RE.finditer(text):
        found.append(PersonalData("IPP", match.start("value"), match.end("value"), match.group("value"), 0.8))
    found = [item for item in found if not (item.label == "IPP" and _NOT_A_PATIENT_NUMBER_RE.search(
        text, max(0, item.start - 25), item.start))]
    behind_label = [item for item in found if item.label == "IPP" and item.text.upper().startswith("IPP")]
    found = [item for item in found if not (item.label == "TELEPHONE" and (any(
        other.start <= item.start and item.end <= other.end for other in behind_label)  # "(IPP 0700456123)"
        or _STAY_LABEL_BEFORE_RE.search(text, max(0, item.start - 12), item.start)))]  # "NDA 0122100458"
    # "Numéro d'hospitalisation : H 2024 0031 5567": digits that could be part of a NIR (no valid key) inside a
    # longer identifier behind its label are that identifier
    labelled = [item for item in found if item.label == "IPP" and item.score >= 0.9]
    found = [item for item in found if not (item.label == "NIR" and item.score < 1.0 and any(
        other.start <= item.start and item.end <= other.end and other.end - other.start > item.end - item.start
        for other in labelled))]
    # "RPPS : 10003456789 – 06 12 34 56 78": a labelled RPPS number is no part of a NIR without a valid key
    professionals = [match.span("number") for match in _RPPS_RE.finditer(text)] if "RPPS" in text.upper() else []
    found = [item for item in found if not (item.label == "NIR" and item.score < 1.0 and any(
        start < item.end and item.start < end for start, end in professionals))]
    for item in found:
        suffix = _ID_SUFFIX_RE.match(text, item.end) if item.label == "IPP" else None
        suffix = suffix or (_nir_end(text, item) if item.label == "NIR" else None)
        if suffix:
            item.end, item.text = suffix.end(), text[item.start:suffix.end()]
    return found


# The key of a NIR typed in its own box: "2 6 7 0 6 4 9 0 0 7 1 1 4  clé 0 3", "|1|9|...|4| |4|9|"
_NIR_KEY_AFTER_RE = re.compile(r"[ \t|]+(?:cl[ée][ \t]*:?[ \t]*)?\d[ |]?\d(?![\d])", re.IGNORECASE)
# a NIR's key apart from its thirteen digits ("... 774 (87)", ".../67", "... 334 — clé 50", "..., clé 97"), and a NIR's
# end on the next line of a form ("1 56 07 75 270\n351 34")
_NIR_KEY_APART_RE = re.compile(r"[ \t]*(?:[,/—–-][ \t]*)?(?:\(\d\d\)|(?:(?i:cl[ée])[ \t]*:?[ \t]*)?\d\d)(?![\d/.,]\d|\d)")
_NIR_REST_ON_NEXT_LINE_RE = re.compile(r"[ \t]*\n[ \t]*\d{2,3}(?:[ \t]\d{2,3}){0,2}(?=[ \t]*\n|[ \t]*$)")


def _nir_end(text: str, item: PersonalData) -> re.Match | None:
    """What ends a NIR found without it: its key in its own box, apart after a sign or in brackets (thirteen
    digits found), or its last groups on the next line of a form (fewer)."""
    digits = sum(char.isdigit() for char in item.text)
    if digits == 15 and _valid_nir(re.sub(r"\D", "", item.text)):
        return None  # whole with its key: what follows is something else ("... 032 06 46 rue de la Roquette")
    rest = _NIR_REST_ON_NEXT_LINE_RE.match(text, item.end) if digits < 13 else None
    if rest and digits + sum(char.isdigit() for char in rest.group(0)) in (13, 15):
        return rest
    return _NIR_KEY_AFTER_RE.match(text, item.end) or (_NIR_KEY_APART_RE.match(text, item.end) if digits == 13 else None)


# A table row that holds a date ("Agathe Renaud | F | 30/11/1990 | 3419 0025 88 | 2490 0311 27"): its cells of
# digit groups are the patient's and the stay's numbers.
# "| 22/01/1965 (27 ans) |"
_ROW_DATE_CELL_RE = re.compile(r"(?:^|\|)[ \t]*[0-3]?\d[/.-][01]?\d[/.-](?:19|20)?\d\d(?:[ \t]*\([^|()]*\))?[ \t]*(?=\||$)",
                               re.MULTILINE)
_GROUPED_CELL_RE = re.compile(r"(?<=\|)[ \t]*(?P<number>(?:[A-Z]{1,3}-?)?\d{2,8}(?:[ /-]\d{2,8}){0,4})[ \t]*[.,]?[ \t]*(?=\||$)",
                              re.MULTILINE)


def _grouped_numbers_in_rows(text: str) -> list[PersonalData]:
    found = []
    for line in re.finditer(r"[^\n]*\|[^\n]*", text):
        if not _ROW_DATE_CELL_RE.search(line.group(0)):
            continue
        for cell in _GROUPED_CELL_RE.finditer(line.group(0)):
            digits = re.sub(r"\D", "", cell.group("number"))
            if 6 <= len(digits) <= 16 and not (len(digits) == 10 and re.match(r"0[1-9]", digits)) \
                    and not _DATE_SHAPED_RE.fullmatch(re.sub(r"[ /]", "-", cell.group("number"))):
                start = line.start() + cell.start("number")
                found.append(PersonalData("IPP", start, start + len(cell.group("number")), cell.group("number"), 0.55))
    return found


def _date_digits(digits: str) -> bool:
    """ddmmyyyy (or dmmyyyy) that is a real calendar date between 1900 and 2099."""
    if len(digits) == 7:
        digits = "0" + digits
    if len(digits) != 8:
        return False
    day, month, year = int(digits[:2]), int(digits[2:4]), int(digits[4:])
    return 1 <= day <= 31 and 1 <= month <= 12 and 1900 <= year <= 2099


_COMPANY_NUMBER_BEFORE_RE = re.compile(r"\b(?:SIRET|SIREN|Siret|Siren)[ \t]*(?:n°|N°|:)?[ \t]*:?[ \t]*$")


def _digit_run(text: str, match: re.Match) -> list[PersonalData]:
    """A run of digits: NIR (with or without a valid key), or dates and a NIR written together ("1 5 0 3 ...")."""
    raw = match.group(0)
    if len(raw) < 8:
        return []
    positions = [match.start() + index for index, char in enumerate(raw) if char.isdigit() or char in "AB"]
    digits = "".join(text[position] for position in positions)
    context = text[max(0, match.start() - 60):match.start()]
    if _COMPANY_NUMBER_BEFORE_RE.search(context) or (digits.startswith("3400") and len(digits) == 13) \
            or re.search(r"\bOID\s*:?\s*$", context):
        return []  # a company's SIRET or SIREN, a drug's CIP code ("3400934998569"), an OID: no person's number

    def piece(label: str, first: int, last: int, score: float) -> PersonalData:
        start, end = positions[first], positions[last - 1] + 1
        return PersonalData(label, start, end, text[start:end], score)

    groups = re.split(r"[ \t][-–][ \t]|[ .\-]", raw)
    if len(groups) > 8 and all(len(group) == 1 for group in groups[:-1]) and len(groups[-1]) > 1:
        # digits written one by one, then a street number: "... 8 7 24 avenue"
        positions, digits, groups = positions[:-len(groups[-1])], digits[:-len(groups[-1])], groups[:-1]
    spaced = all(len(group) == 1 for group in groups)
    year_first = re.match(r"(?:19|20)\d\d ", raw) and len(digits) >= 4 + 13 and len(groups) <= 8
    if len(digits) == 15 and _valid_nir(digits):
        return [piece("NIR", 0, 15, 1.0)]
    if len(digits) - len(groups[-1]) == 15 and len(groups[-1]) <= 4 and _valid_nir(digits[:15]):
        return [piece("NIR", 0, 15, 1.0)]  # a house number after the NIR: "1 54 08 75 114 032 66 46 rue de la Roquette"
    if not spaced and not year_first and (len(groups) > 7 or len(digits) > 16) and not _NIR_CONTEXT_RE.search(context):
        return []  # a row of a table of numbers, not an identifier
    if len(digits) > 16 or year_first:
        pieces = []
        first, last = 0, len(digits)
        if year_first:
            pieces.append(piece("DATE", 0, 4, 0.8))
            first = 4
        elif _date_digits(digits[:8]) and len(digits) - 8 >= 12:
            pieces.append(piece("DATE", 0, 8, 0.8))
            first = 8
        for size in (8, 7):
            if last - first - size >= 12 and _date_digits(digits[last - size:last]):
                pieces.append(piece("DATE", last - size, last, 0.8))
                last -= size
                break
        pieces.append(piece("NIR", first, last, 0.6))
        return pieces
    if 12 <= len(digits) <= 16 and (digits[0] in "12345678" or _NIR_CONTEXT_RE.search(context)):
        return [piece("NIR", 0, len(digits), 0.6)]
    if 8 <= len(digits) <= 16 and _NIR_CONTEXT_RE.search(context) and not digits.startswith("0"):
        return [piece("NIR", 0, len(digits), 0.6)]
    if 12 <= len(digits) <= 16:
        return [piece("IPP", 0, len(digits), 0.5)]
    return []


_WORD_RE_ALL = re.compile(r"[^\W\d_]+")
_DATE_WORDS = (set(_MONTHS.replace("[ée]", "e").replace("[uû]", "u").split("|"))
               | {"février", "févr", "fév", "fevr", "décembre", "déc", "août", "aoû", "milles", "cents", "vingts"}
               | set(_NUMBER_WORDS.split("|")) | set(_WEEKDAYS.split("|")) | {"lun", "mer", "jeu", "ven", "sam", "dim"}
               ) - {"un", "une", "et", "cent", "1er"}


def _top_level_alternatives(pattern: str) -> list[str]:
    """The alternatives of `pattern` split at its own "|", not at those inside a group or a look-around."""
    alternatives, depth, start = [], 0, 0
    for index, char in enumerate(pattern):
        depth += (char == "(") - (char == ")") if pattern[index - 1:index] != "\\" else 0
        if char == "|" and depth == 0:
            alternatives.append(pattern[start:index])
            start = index + 1
    return alternatives + [pattern[start:]]


_LOOK_AROUND_RE = re.compile(r"\(\?<?[=!](?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)")
_STREET_WORDS = set()
for _alternative in _top_level_alternatives(_STREET_TYPES):
    _alternative = re.sub(r"\(\?-i:([^)]*)\)", r"\1", _LOOK_AROUND_RE.sub("", _alternative))  # "(?-i:HLM)(?=...)": "hlm"
    _word = re.split(r"\\s|-|\[ \\t\]|['’ ]", _alternative.replace("\\.?", "").replace("\\.", ""))[0].lower()
    _optional = {re.sub(r"(\w)\?", kept, _word) for kept in (r"\1", "")}  # "remparts?": "remparts", "rempart"
    _variants = {word.replace(group, char) for word in _optional for group in ("[ée]", "[ôo]") for char in group[1:-1]}
    _STREET_WORDS |= {variant for variant in _variants if "[" not in variant}
_STREET_WORDS |= {"r", "grand", "z"}
_PHONE_WORDS = {"tél", "tel", "téléphone", "telephone", "t", "portable", "mobile", "fixe", "fax", "faxer", "joindre",
                "joignable", "joignables", "appeler", "rappeler", "contacter", "phone", "bip", "poste", "secrétariat",
                "secretariat", "standard", "urgence", "dect"}


@lru_cache(maxsize=4)
def _words(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple((match.start(), match.end(), match.group(0).lower()) for match in _WORD_RE_ALL.finditer(text))


def _merged(spans: Iterable[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """Spans in reading order, clipped to the text and merged where they touch."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        start, end = max(0, start), min(length, end)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _windows(text: str, words: set[str], before: int, after: int) -> list[tuple[int, int]]:
    """Merged spans of text around the words of `words` (lower-case), where a slow pattern may match."""
    return _merged(((start - before, end + after) for start, end, word in _words(text) if word in words), len(text))


_CODE_HINT_RE = re.compile(r"(?<!\d)(?:0[1-9]|[1-8]\d|9[0-8])\s?\d{3},?[ \t]")


def _before_codes(text: str, before: int = 120) -> list[tuple[int, int]]:
    """Merged spans of text ending just after each postal code-like number, where a pattern that needs one after
    it may match (the pattern's look-behinds still see the text before a span)."""
    return _merged(((match.start() - before, match.end() + 1) for match in _CODE_HINT_RE.finditer(text)), len(text))


def _finditer(pattern: re.Pattern, text: str, windows: list[tuple[int, int]]):
    for start, end in windows:
        yield from pattern.finditer(text, start, end)


def _find_dates(text: str) -> list[PersonalData]:
    found: list[PersonalData] = []
    for pattern, score in ((_STEP_DAY_MONTH_RE, 0.6), (_DAY_PAIR_RE, 0.5)):  # each named group is a date
        for match in pattern.finditer(text):
            found += [PersonalData("DATE", match.start(name), match.end(name), value, score)
                      for name, value in match.groupdict().items() if value]
    for match in _YEAR_SPAN_RE.finditer(text):
        if 0 < int(match.group("second")) - int(match.group("first")) <= 110:  # a life, not "(1500-2000)"
            found += [PersonalData("DATE", match.start(year), match.end(year), match.group(year), 0.6)
                      for year in ("first", "second")]
    windows = _windows(text, _DATE_WORDS, 40, 60)
    for pattern, matches in ((_DATE_RE, _dates_not_swallowed(text)), (_YEAR_RE, _YEAR_RE.finditer(text)),
                             (_OLD_YEAR_RE, _OLD_YEAR_RE.finditer(text)), (_CYCLE_DATE_RE, _CYCLE_DATE_RE.finditer(text)),
                             (_MONTH_HEADING_RE, _finditer(_MONTH_HEADING_RE, text, windows)),
                             (_WORD_DATE_RE, _finditer(_WORD_DATE_RE, text, windows)),
                             (_MONTH_ALONE_RE, _finditer(_MONTH_ALONE_RE, text, windows))):
        for match in matches:
            group = next((name for name in ("value", "value2") if match.groupdict().get(name)), 0)
            start = match.start(group)
            value = match.group(group).rstrip(" ,.")
            if not value or (pattern is _DATE_RE and not _plausible_date(value, text[max(0, start - 4):start])):
                continue
            if re.fullmatch(r"\d{1,2}\s?/\s?\d{1,2}", value) and _SCORE_CONTEXT_RE.search(text[max(0, start - 30):start]):
                continue  # "EVA 6/10", "acuité 10/10", "oeil gauche : 10/12"
            if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{1,2}", value) and re.search(r"(?i)\bapgar\W{0,4}$", text[max(0, start - 10):start]):
                continue  # "Apgar 8/10/10": the scores at one, five and ten minutes
            found.append(PersonalData("DATE", start, start + len(value), value, 0.8))
    for match in _finditer(_MONTH_PAIR_RE, text, windows):
        for group in ("value", "value2"):
            found.append(PersonalData("DATE", match.start(group), match.end(group), match.group(group), 0.8))
    for match in chain(_finditer(_MONTH_BEFORE_MONTH_RE, text, windows), _DECADE_RE.finditer(text)):
        found.append(PersonalData("DATE", match.start(), match.end(), match.group(0), 0.8))
    for match in _FORM_DATE_RE.finditer(text):
        found.append(PersonalData("DATE", match.start(), match.end(), match.group(0), 0.8))
    for match in chain(_GROUPED_DIGITS_RE.finditer(text), _BOXED_DIGITS_RE.finditer(text) if "|" in text else ()):
        # digits typed in irregular groups, "05 1 2 2 0 2 4", or in a form's boxes, "0 | 4 | 1 | 1 | 2 | 0 | 2 | 4":
        # a date when they spell one (ddmmyyyy)
        if _date_digits(re.sub(r"[ \t|]", "", match.group(0))):
            found.append(PersonalData("DATE", match.start(), match.end(), match.group(0), 0.8))
    for match in _SHORT_YEAR_RE.finditer(text):
        found.append(PersonalData("DATE", match.start(), match.end(), match.group(0), 0.6))
    found += _odd_dates(text)
    found += _rare_dates(text)
    found += _spelled_dates_with_slips(text)
    # A range whose first end has no year is one date: "du 5 au 6 mai 2025", "02/03 au 05/03/2024" (the first end
    # means nothing without the second; a lone "au" left between two masks tells nothing either)
    starts = {item.start: item for item in found}
    for item in list(found):
        link = _DATE_RANGE_LINK_RE.match(text, item.end) if not re.search(r"\d{4}|['’/.]\d\d$", item.text) else None
        later = starts.get(link.end()) if link else None
        if later:
            found.append(PersonalData("DATE", item.start, later.end, text[item.start:later.end], 0.85))
    return found


def _dates_not_swallowed(text: str):
    """The matches of _DATE_RE, and those a looser earlier match swallowed the start of: in "S11 2024-03-12" the
    month-year "11 2024" comes first and would hide the date; in "3 7\n15 août" a day, month and year read across
    lines would hide "15 août". A match that starts inside another and ends after it replaces it when longer."""
    position = 0
    while (match := _DATE_RE.search(text, position)) is not None:
        best = match
        for inner in range(match.start() + 1, match.end()):
            if text[inner].isdigit() and not text[inner - 1].isdigit():
                later = _DATE_RE.match(text, inner)
                if later is not None and later.end() > best.end() and later.end() - inner > len(best.group(0)):
                    best = later
        if best is not match and (first_day := _RANGE_FIRST_DAY_RE.match(text, match.start(), best.start())):
            yield first_day  # "08-12.3.24": the first day of the range, joined to the date below
        yield best
        position = best.end()


_RANGE_FIRST_DAY_RE = re.compile(r"(?:[12]\d|3[01]|0?[1-9])(?=[ \t]?[-–][ \t]?$)")


# Dates typed with doubled, spaced or mixed separators: "12//03//2024", "19--03--24", "26/ /03/2024",
# "2 2|1 0|2 0 2 3", "0 8 / 0 3 / 2 4", "21..06..1944", "21__/__10__/__2024" (read only where the digits spell a day
# and a month).
_LOOSE_DATE_RE = re.compile(r"(?=\d)(?<![\d/.|-])(?<!\d )(?P<day>[0-3] ?\d|\d)(?P<first>[ \t_]*(?:[/.|-][ \t_]*){1,2})"
                            r"(?P<month>[01] ?\d|\d)(?P<second>[ \t_]*(?:[/.|-][ \t_]*){1,2})"
                            r"(?P<year>(?:1 ?9|2 ?0) ?\d ?\d|\d ?\d)(?!\d)")
# A season, a feast or a quarter before its year: "été 2016", "à Pâques 2022", "T1 2024", "hiver 2022-2023"
_SEASON_DATE_RE = re.compile(r"(?=[dfméehpants1-4])\b(?:(?:début|fin|mi)[\s-])?(?:été|ete|hiver|printemps|automne|No[eë]l|P[âa]ques|Toussaint|"
                             r"Pentec[ôo]te|Ascension|T[1-4]|[1-4](?:er|e|ème)\s+trimestre|S[12])\s+(?:1[5-9]|20)\d\d"
                             r"(?:\s?[-–/]\s?(?:1[5-9]|20)\d\d)?\b", re.IGNORECASE)
# A day and a month name with one slip of the keyboard: "15 fevirer 2022", "3 spetembre", "31 avirl 2021"
_MISSPELT_MONTH_RE = re.compile(rf"(?=\d)(?<![\d/.,])(?:[0-3]?\d|1er)\s(?P<month>[{_LO}{_UP}]{{4,10}})\.?"
                                r"(?P<year>\s(?:19|20)?\d\d(?!\d))?")
_YEAR_AFTER_WORD_RE = re.compile(r"(?=[12])(?<=[^\W\d_] )(?:19|20)\d\d(?!\d)")
_WORD_BEFORE_YEAR_RE = re.compile(r"(?<![\w'’])([^\W\d_]{5,10})\.? $")
_MONTH_NAMES = ("janvier", "fevrier", "mars", "avril", "juin", "juillet", "aout", "septembre", "octobre", "novembre",
                "decembre")


def _one_slip(word: str, target: str) -> bool:
    """True when `word` is `target` with one letter changed, added, dropped or two neighbours swapped."""
    if word == target or abs(len(word) - len(target)) > 1:
        return False
    if len(word) == len(target):
        diffs = [index for index, (a, b) in enumerate(zip(word, target)) if a != b]
        return len(diffs) == 1 or (len(diffs) == 2 and diffs[1] == diffs[0] + 1
                                   and word[diffs[0]] == target[diffs[1]] and word[diffs[1]] == target[diffs[0]])
    short, long = (word, target) if len(word) < len(target) else (target, word)
    return any(long[:index] + long[index + 1:] == short for index in range(len(long)))


# A date written out in words, found from its year's "mil", "mille", "cent" or from "du mois d'": the words may be
# misspelt ("le vint-et-un juin mil neuf cent cinquante trois", "trente et un decembre mille neuf cent quarente-sept",
# "le seize du mois d'août 1936", "le vingt quatre fevier deux milles vingt cinq")
_SPELLED_DATE_ANCHOR_RE = re.compile(r"(?=[mcdMCD])\b(?:(?:mil|milles?|cents?)(?![\w'’])|du\s+mois\s+d['’])", re.IGNORECASE)
_DATE_TOKEN_RE = re.compile(r"[^\W\d_]+|\d+")
_NUMBER_WORD_SET = frozenset(_NUMBER_WORDS.split("|")) - {"1er"}
_LONG_NUMBER_WORDS = tuple(word for word in _NUMBER_WORD_SET if len(word) >= 4)


def _number_word(word: str) -> bool:
    key = _key(word)
    if key in _NUMBER_WORD_SET or key.rstrip("s") in _NUMBER_WORD_SET:
        return True
    return len(key) >= 4 and any(_one_slip(key, number) for number in _LONG_NUMBER_WORDS)


def _month_word(word: str) -> bool:
    key = _key(word)
    return key in _MONTH_NAMES or (len(key) >= 4 and any(_one_slip(key, month) for month in _MONTH_NAMES))


def _spelled_dates_with_slips(text: str) -> list[PersonalData]:
    found = []
    for anchor in _SPELLED_DATE_ANCHOR_RE.finditer(text):
        tokens = list(_DATE_TOKEN_RE.finditer(text, max(0, anchor.start() - 90), min(len(text), anchor.end() + 70)))
        index = next(index for index, token in enumerate(tokens) if token.start() >= anchor.start())

        def joined(left: re.Match, right: re.Match) -> bool:
            return re.fullmatch(r"[\s-]+|\s*['’]\s*", text[left.end():right.start()]) is not None

        if anchor.group(0)[0] in "dD":  # "seize du mois d'août": the month follows the anchor, the day precedes it
            month = next((number for number, token in enumerate(tokens) if token.start() >= anchor.end()), -1)
            first = index
            if month < 0 or not _month_word(tokens[month].group(0)):
                continue
        else:  # the month stands before the year's anchor, behind number words
            month = index - 1
            while month >= 0 and not _month_word(tokens[month].group(0)):
                if not _number_word(tokens[month].group(0)) or not joined(tokens[month], tokens[month + 1]):
                    month = -1
                    break
                month -= 1
            if month < 0:
                continue
            first = month
        while first > 0 and joined(tokens[first - 1], tokens[first]) and _number_word(tokens[first - 1].group(0)):
            first -= 1
        last = month
        while last + 1 < len(tokens) and joined(tokens[last], tokens[last + 1]) and (
                _number_word(tokens[last + 1].group(0))
                or re.fullmatch(r"(?:1[5-9]|20)?\d\d", tokens[last + 1].group(0))):
            last += 1
        if first >= month or last <= month or not _number_word(tokens[first].group(0)):
            continue
        if first > 0 and joined(tokens[first - 1], tokens[first]) \
                and _key(tokens[first - 1].group(0)) in _WEEKDAYS.split("|"):
            first -= 1  # "Jeudi dix-sept Octobre deux mille dix huit": the weekday goes with its date
        found.append(PersonalData("DATE", tokens[first].start(), tokens[last].end(),
                                  text[tokens[first].start():tokens[last].end()], 0.9))
    return found


def _odd_dates(text: str) -> list[PersonalData]:
    """Dates the regular patterns cannot read: odd separators, seasons and feasts, misspelt months."""
    found = []
    for match in _LOOSE_DATE_RE.finditer(text):
        day, month = (int(match.group(name).replace(" ", "")) for name in ("day", "month"))
        year = match.group("year").replace(" ", "")
        odd = any(len(match.group(name).strip()) > 1 or " " in match.group(name) for name in ("first", "second")) or \
            " " in match.group("day") + match.group("month") + match.group("year")
        spaced_on = " " in match.group("year") and re.match(r"[ \t]\d", text[match.end():match.end() + 2])
        if 1 <= day <= 31 and 1 <= month <= 12 and (odd or len(year) == 4) and (odd or "|" in match.group(0)) \
                and not spaced_on:
            found.append(PersonalData("DATE", match.start(), match.end(), match.group(0), 0.8))
    for match in _SEASON_DATE_RE.finditer(text):
        found.append(PersonalData("DATE", match.start(), match.end(), match.group(0), 0.85))
    for match in _YEAR_AFTER_WORD_RE.finditer(text):  # "en Ocotbre 2022": a month with one slip before its year
        word = _WORD_BEFORE_YEAR_RE.search(text, max(0, match.start() - 12), match.start())
        key = _key(word.group(1)) if word else ""
        if key and key not in _MONTH_NAMES and any(_one_slip(key, month) for month in _MONTH_NAMES if len(month) >= 5):
            found.append(PersonalData("DATE", word.start(1), match.end(), text[word.start(1):match.end()], 0.85))
    for match in _MISSPELT_MONTH_RE.finditer(text):
        word = _key(match.group("month"))
        if word != "mais" and any(_one_slip(word, month) for month in _MONTH_NAMES
                                  if len(month) >= 5 or match.group("year")):
            found.append(PersonalData("DATE", match.start(), match.end(), match.group(0).rstrip("."), 0.85))
    return found


_ROMAN_MONTH = r"(?:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)"
_FOREIGN_MONTH_ABBREVIATIONS = (r"ene|feb|febr|abr|may|jun|jul|ago|sept?|oct|nov|dic|genn|febbr|magg|giu|lug|sett|ott|"
                                r"okt|dez|märz?|mrz|mrt|mei|maart|out|set|fev")
# Dates in forms the other patterns leave: OCR's letters for digits, a day glued to its weekday, foreign months abbreviated, roman months in any case, American order, ordinals in English, a date glued
# to its time or to the rest of a timestamp, eight digits in two groups, a birth date whose day and month are unknown.
# an abbreviated weekday before its day and month is part of the date: "mer. 13/03", "Ven.08/11", "Dim10-11"
_WEEKDAY_DATE_RE = re.compile(r"\b(?:lun|mar|mer|jeu|ven|sam|dim)\.?[ \t]?[0-3]?\d[/-][01]?\d(?:[/-](?:19|20)?\d\d)?(?![\d/]|[.,]\d)",
                              re.IGNORECASE)
_RARE_DATE_RES = [
    re.compile(r"(?<![\w/.-])[\dlIOS]{1,2}[/.-][\dlIOS]{1,2}[/.-][\dlIOS]{2,4}(?![\w/])"),  # "l2.ll.24", "2S/l2/2O24"
    re.compile(rf"(?<![\w/.])[0-3]?\d(?:\.?[ \t](?:de[ \t])?|[-/.])?(?:{_FOREIGN_MONTH_ABBREVIATIONS})\.?"
               r"(?:(?:[ \t](?:de[ \t])?|[-/.])?(?:19|20)?\d\d)?(?![\w])", re.IGNORECASE),  # "12 ott.", "1. Okt. 2024",
    # "03.Okt.2019", "12MRZ2020"
    re.compile(r"\b(?:ago|ene|dic|genn|ott|okt|dez)\.?[ \t](?:19|20)\d\d\b", re.IGNORECASE),  # "ago. 2023"
    re.compile(r"(?<![\w/.-])(?:0?[1-9]|1[0-2])([/-])(?:1[3-9]|2\d|3[01])\1(?:19|20)?\d\d(?![\d/-])"),  # "9/15/24", "3-15-2024"
    re.compile(r"\b[0-3]?\d(?:st|nd|rd|th)\s+of\s+(?:January|February|March|April|May|June|July|August|September|"
               r"October|November|December)(?:,?\s+(?:19|20)\d\d)?\b"),  # "2nd of February 1957"
    re.compile(r"(?<![\w/.-])[0-3]\d/[01]\d/(?:19|20)\d\d(?=[0-2]\d[:h][0-5]\d)"),  # "21/03/202408:45"
    re.compile(r"(?<!\d)(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?=\d{6}(?!\d)|[_T])"),  # "20240312143207"
    re.compile(r"\b[Xx]{2}/[Xx]{2}/(?:19|20)\d\d\b"),  # "XX/XX/1962"
]
# A year's last two digits after an apostrophe or a dash, when a month (or "en", "depuis") stands before them:
# "mars '05", "Dec '23", "06/'19", "en ’98", "fév-24" (found from the digits: month names are slow to look for)
_SHORT_YEAR_AFTER_MARK_RE = re.compile(r"(?=['’-])(?:['’]|(?<=[^\W\d_.])-|(?<=\.)-)\d\d(?![\d/'’])")
_MONTH_BEFORE_MARK_RE = re.compile(rf"(?:\b(?:{_MONTHS})\.?[ \t]?|(?<![\w/])(?:0?[1-9]|1[0-2])/|\b(?:en|depuis)[ \t])$",
                                   re.IGNORECASE)
_ROMAN_DATE_RE = re.compile(rf"(?<![\w/.-])[0-3]?\d[-/.](?i:{_ROMAN_MONTH})[-/.](?:19|20)?\d\d(?![\w/])"  # "2/x/24", "4-iv-2009"
                            rf"|(?<=\b(?:le|du|au|il) )[0-3]?\d[-/. ]{_ROMAN_MONTH}(?![\w/-]|\.\w)"  # "le 5.XI", "il 14/X", "le 27 IX"
                            rf"|(?<![\w/.-]){_ROMAN_MONTH}[-/.](?:19|20)\d\d(?![\w/])")  # "XII-2023"
_RARE_DATE_RES.append(_ROMAN_DATE_RE)
_ROMAN_HINT_RE = re.compile(r"[-/.][IVXivx]|[IVX][-/.]")
_TWO_GROUP_DATE_RE = re.compile(r"(?=\d)(?<!\d)(?<!\d )(?:\d{4} \d{4}|\d\d \d{6})(?![ ]?\d)")  # "1203 2024", "05 061972"
_OCR_DIGITS = str.maketrans("lIOS", "1105")


def _rare_dates(text: str) -> list[PersonalData]:
    found = []
    ocr, *others = _RARE_DATE_RES
    if not _ROMAN_HINT_RE.search(text):
        others = [pattern for pattern in others if pattern is not _ROMAN_DATE_RE]
    for match in ocr.finditer(text):
        value = match.group(0)
        day, month, year = re.split(r"[/.-]", value.translate(_OCR_DIGITS))
        if value != value.translate(_OCR_DIGITS) and sum(char.isdigit() for char in value) >= 2 \
                and 1 <= int(day) <= 31 and 1 <= int(month) <= 12 and len(year) in (2, 4):
            found.append(PersonalData("DATE", match.start(), match.end(), value, 0.7))
    for pattern in others:
        for match in pattern.finditer(text):
            group = "value" if "value" in pattern.groupindex else 0
            found.append(PersonalData("DATE", match.start(group), match.end(group), match.group(group), 0.7))
    for match in _WEEKDAY_DATE_RE.finditer(text):  # above the day and month alone, so that the date stays whole
        found.append(PersonalData("DATE", match.start(), match.end(), match.group(0), 0.85))
    for match in _SHORT_YEAR_AFTER_MARK_RE.finditer(text):
        before = _MONTH_BEFORE_MARK_RE.search(text, max(0, match.start() - 12), match.start())
        if before and (match.group(0)[0] in "'’" or before.group(0)[-1:].isalpha() or before.group(0)[-1:] == "."):
            start = match.start() if before.group(0).lower().startswith(("en", "depuis")) else before.start()
            found.append(PersonalData("DATE", start, match.end(), text[start:match.end()], 0.7))
    for match in _TWO_GROUP_DATE_RE.finditer(text):
        if _date_digits(match.group(0).replace(" ", "")):
            found.append(PersonalData("DATE", match.start(), match.end(), match.group(0), 0.7))
    return found


_DATE_RANGE_LINK_RE = re.compile(r"[ \t]+(?:au|al|a)[ \t]+|[ \t]?[-–][ \t]?")

_GROUPED_DIGITS_RE = re.compile(r"(?=\d)(?<!\d)(?<!\d )\d{1,2}(?: \d{1,4}){3,7}(?! ?\d)")
_BOXED_DIGITS_RE = re.compile(r"(?<![\d|])(?<!\|[ \t])\d(?:[ \t]*\|[ \t]*\d){7}(?![ \t]*\|?[ \t]*\d)")
# A two-digit year after "en", "depuis", "année(s)": "née en 52", "opérée en 98", "depuis 85"
_SHORT_YEAR_RE = re.compile(r"(?=[3-9])(?:(?<=\b(?:en|an) )[3-9]\d(?!\d|[,.]\d|\s?(?:%|mg|g\b|kg|cm|mm|ml|ans?\b|jours?|mois|"
                            r"semaines?|min|minutes|heures?|h\b|fois|cp|UI|gouttes|€|euros|secondes|s\b|ml))"
                            r"|(?<=\bdepuis )[3-9]\d(?!\d|[,.]\d|\s?(?:%|mg|g\b|kg|cm|mm|ml|ans?\b|jours?|mois|semaines?|"
                            r"min|minutes|heures?|h\b|fois|cp|UI|€|euros|s\b)))", re.IGNORECASE)


_SCORE_CONTEXT_RE = re.compile(r"\b(?:EVA|(?-i:EN|ENS|AV|OD|OG|ODG)|acuit[ée]|[oœ]eil|Monoyer|Parinaud|Apgar|score|"
                               r"cotation|douleur|vision|MRC|force|MMSE?|MoCA|BREF|Glasgow|GCS)\b[^\n]{0,20}$", re.IGNORECASE)


def _plausible_date(value: str, before: str) -> bool:
    """Reject dosages and scores caught by the loose day/month patterns ("1.5", "2 mg/1 ml" are not dates); after
    "le", "du" or "au" a one-digit month is a date ("chimiothérapie le 2.4")."""
    if re.fullmatch(r"\d{1,2}\s?[.]\s?\d{1,2}", value):
        day, month = (int(part) for part in re.split(r"\s?\.\s?", value))
        return 1 <= day <= 31 and 1 <= month <= 12 and (
            len(value.split(".")[1].strip()) == 2 or re.search(r"\b(?:le|du|au) $", before, re.IGNORECASE) is not None)
    return True


def _mark_birth_dates(text: str, found: list[PersonalData]) -> None:
    """A date after "né le", "DDN"..., followed by "(NN ans)", or right after a name or a NIR is a date of birth."""
    spans = sorted(found, key=lambda item: item.start)
    for index, item in enumerate(spans):
        if item.label != "DATE":
            continue
        before = text[max(0, item.start - 40):item.start]
        previous = next((other for other in reversed(spans[:index]) if other.end <= item.start), None)
        between = text[previous.end:item.start] if previous is not None else ""
        after_identity = (previous is not None and previous.label in ("NIR", "PERSONNE")
                          and _BETWEEN_IDENTITY_AND_BIRTH_RE.fullmatch(between) is not None)
        after_identity = after_identity or _SEX_BEFORE_RE.search(before) is not None
        # "Née DUPONT le 13/11/2004": the birth name between "née" and the date
        after_identity = after_identity or (
            previous is not None and previous.label == "PERSONNE" and _BIRTH_NAME_GAP_RE.fullmatch(between) is not None
            and _BORN_BEFORE_NAME_RE.search(text, max(0, previous.start - 12), previous.start) is not None)
        if (_BIRTH_CONTEXT_RE.search(before) or _AGE_AFTER_RE.match(text[item.end:item.end + 12])
                or _AGE_BEFORE_RE.search(before) or after_identity):
            item.label = "DATE_NAISSANCE"


# titles before the name a street is given: "Place du Dr Baylac", "rue du Pr Calmette"
_STREET_NAME_TITLES = {"dr", "docteur", "pr", "professeur", "general", "gal", "marechal", "president", "abbe", "colonel",
                       "commandant", "capitaine", "lieutenant", "cardinal", "chanoine", "pere", "soeur", "saint", "sainte"}
_NAME_TAIL_WORDS = {"bis", "ter", "quater", "prolongée", "prolongee", "sud", "nord", "est", "ouest", "haute", "basse",
                    "haut", "bas", "neuve", "vieille"}


def _without_prose_after_name(value: str, start: int) -> str:
    """`value` cut where two words in lower case follow a capitalised street name: "rue de Rivoli ont été perdues",
    "Boulevard Haussmann sans numéro précisé" (not "Pen ar Guer", "Chat qui Pêche", "rue Victor hugo")."""
    named = False
    words = list(re.finditer(r"\S+", value[start:]))
    for word, after in zip(words, words[1:]):
        first = re.sub(r"^[ld]['’]", "", word.group(0), flags=re.IGNORECASE)[:1]
        if named and first.islower() and after.group(0)[:1].islower() \
                and word.group(0).lower() not in _ADDRESS_PARTICLES \
                and word.group(0).lower().rstrip(",.") not in _NAME_TAIL_WORDS:
            return value[:start + word.start()].rstrip(" ,.-")
        named = named or first.isupper()
    return value


_NAME_THEN_NUMBER_RE = re.compile(rf"[ \t]+(?:(?:du|de|des|de[ \t]+la|la|le|les)[ \t]+|[dl]['’])?(?:[{_UP}][{_LO}'’-]+[ \t]+){{1,3}}"
                                  r"\d{1,4}(?:[ \t]?(?:bis|ter))?")
# ... or before a comma, a dash or a capital (a line never starts in lower case with so short a word otherwise)
_CUT_WORD_TAIL_RE = re.compile(r"[a-zà-ÿ]{1,8}(?=[ \t]*[,\n]|[ \t]+(?:[A-ZÀ-Ü]|[–—-][ \t]))")
_WORD_TAIL_BEFORE_CODE_RE = re.compile(r"(?!(?:cp|code|tsa|bp|cs)\b)[a-zà-ÿ]{1,12}(?=[ \t]+\d\d[ \t]?\d{3}[ \t]+[^\W\d_])")


def _street_name_goes_on(value: str, head_end: int, line_start: int) -> bool:
    """Whether the line break before `line_start` cuts a street's name, which the next line goes on with: after the
    street's word alone ("25 rue\nde Brest"), or after a link or a title ("31 rue de la\nRépublique", "Avenue Du
    Maréchal\nDe Lattre De Tassigny")."""
    if not value[head_end:line_start - 1].strip():
        return _STREET_NAME_ON_NEXT_LINE_RE.match(value, line_start) is not None
    if value[line_start - 2:line_start - 1].isalpha() and (_WORD_TAIL_BEFORE_CODE_RE.match(value, line_start)
                                                             or _CUT_WORD_TAIL_RE.match(value, line_start)):
        return True  # a word cut by the printout's width: "184 rue du Faubourg Saint-An\ntoine 75571 PARIS", "de Tas\nsigny,"
    return _STREET_NAME_CUT_RE.search(value, head_end - 1, line_start - 1) is not None and value[line_start:line_start + 1].isupper()


def _street_value(text: str, match: re.Match, lexicons: dict[str, set[str]]) -> str | None:
    """The street address in an _ADDRESS_RE match, cut at its end, or None when the street word is prose."""
    value = match.group(0)
    street = _STREET_HEAD_RE.search(value)
    if street is None:
        return None  # "Sébastien R. – Cadre": an initial at the end of a line piece, not "r." for "rue"
    if text.endswith(".-", 0, match.start() + street.start()):
        return None  # "Pr J.-Ch. Perrot": an initial, not "ch." for "chemin"
    head = value[:street.end()]
    stop = _ADDRESS_STOP_RE.search(value, len(head))
    if stop and stop.group(0) == "\n" and _street_name_goes_on(value + text[match.end():match.end() + 3], len(head), stop.end()):
        stop = _ADDRESS_STOP_RE.search(value, stop.end())
    if stop:
        value = value[:stop.start()]
    value = value.rstrip(" .,-")
    if text[match.start() + len(value):match.start() + len(value) + 1] == "@":
        return None  # "port. 06 22 48 93 17, mail helene.arnaud@free.fr": an e-mail address
    words = value[len(head):].split()
    # "deux rue ..." is a house number, "un foyer de chorée", "une rue calme" are prose
    numbered = _STREET_NUMBER_RE.match(value) is not None and not re.match(r"une?\s", value, re.IGNORECASE)
    if not words and re.search(r"grand", head, re.IGNORECASE) and (numbered or re.search(r"G(?:rand|RAND)", head)):
        words = [head]  # "15 Grande Rue", "Grande Rue, 56": the street type is the whole name
        numbered = True
    while words and words[-1].lower() in _ADDRESS_PARTICLES and re.match(r"\s*\d", text[match.start() + len(value):]):
        value = value[:len(value) - len(words.pop())].rstrip()  # "vit au foyer du | 22 rue de Paris"
    if not words and not numbered:
        return None  # "au foyer-résidence | 23 rue de la Cité": a street's type alone names no street
    kind = street.group(0).lower()
    if kind in ("av", "av.") and words and words[0].lower() in ("od", "og", "odg", "sc", "cc", "ao"):
        return None  # "AV OD : 3/10": visual acuity of the right eye
    if not numbered and kind in _NUMBERED_ONLY_STREET_WORDS:
        return None  # "PL" is a lumbar puncture, "2 pl Carnot" a place
    # "elle vit rue de la paix": after a verb of living, or before a postal code on its line, a street in lower case
    # is still a street ("rte de la forêt, lieu-dit les essarts, 41600 lamotte-beuvron")
    lives_here = words and (_LIVES_BEFORE_RE.search(text, max(0, match.start() - 40), match.start())
                            or street.group(0).lower() not in _COMMON_STREET_WORDS
                            and _CODE_ON_LINE_RE.match(text, match.start() + len(value)))
    village = kind.rstrip(".") in _VILLAGE_STREET_WORDS and _VILLAGE_STREET_RE.match(value, len(head)) is not None
    if not lives_here and not village and (not words or not (numbered or _UPPER_OR_DIGIT_RE.search(value, len(head)))):
        return None  # "rue" in prose, "cours du traitement"; "12 rue des lilas" is an address
    # "résidence universitaire du Lac", "chemin rural de la Croix": the name comes after the adjective
    adjectives = 0
    while adjectives < len(words) - 1 and words[adjectives].lower() in _STREET_ADJECTIVES:
        adjectives += 1
    name_words = words[adjectives:]
    # a numbered way: "chemin rural n° 5", "rue 12 n° 34" (Morocco), "Cité 500 logements"
    way_number = None if numbered or kind not in _NUMBERED_WAYS else _WAY_NUMBER_RE.match(" ".join(name_words))
    if way_number:
        numbered = True
        value = value[:len(value) - len(" ".join(name_words)) + way_number.end()]
    elided = re.sub(r"^[ld]['’]", "", name_words[0], flags=re.IGNORECASE)  # "rue d'Ulm"
    if not numbered and not lives_here and not elided[:1].isupper() \
            and name_words[0].lower() not in _STREET_NAME_PARTICLES:
        return None
    named_at = next((index for index, word in enumerate(name_words)
                     if word.lower() not in _ADDRESS_PARTICLES and _key(word.rstrip(".")) not in _STREET_NAME_TITLES), None)
    named = "" if named_at is None else re.sub(r"^[ld]['’]", "", name_words[named_at], flags=re.IGNORECASE)
    # a number names the street with what follows it in capitals, or alone: "route des 3 Communes", "cité des 4000"
    number_named = named.isdigit() and (named_at + 1 == len(name_words) or name_words[named_at + 1][:1].isupper())
    titled = named_at is not None and named_at > 0 and _key(name_words[named_at - 1].rstrip(".")) in _STREET_NAME_TITLES
    # ... and a capitalised name may be followed by the house number at the line's end: "Chemin du Plan 3"
    numbered_after = _NAME_THEN_NUMBER_RE.fullmatch(value, len(head)) is not None \
        and re.match(r"[ \t]*(?:\n|$|[,;])", text[match.start() + len(value):]) is not None
    if kind == "via" and not numbered and street.group(0) == "via" and not re.fullmatch(rf"[{_UP}][{_LO}'’-]+", words[0]):
        return None  # "hébergé via le 115", "admission via SAMU"; "Via Roma", "via Garibaldi 12" are streets
    if kind == "foyer" and street.group(0)[:1].isupper():  # "Foyer de vie Ar Men": a home's name after its kind
        named = next((word for word in name_words if word[:1].isupper()), named)
    farm = _TITLE_WORD_AFTER_PARTICLES_RE.match(value, len(head))  # "ferme de Kerguen", "ferme de la Haute-Motte"
    named_place = farm is not None and _key(farm.group("word")) not in lexicons["blocked"]
    if not value[:1].isdigit() and kind.rstrip(".") in _CAPITALISED_STREET_WORDS and street.group(0)[:1].islower() \
            and not named_place:
        return None  # "Mas des Oliviers", "Ferme de la Garenne"; "ferme", "moulin" in prose are words
    dated = _DATED_STREET_NAME_RE.search(value) is not None
    zone = kind in ("za", "zi", "zac") and street.group(0).isupper() and _key(named) in _CARDINAL_POINTS  # "ZI Nord"
    common = kind in _COMMON_STREET_WORDS and not dated and not village and not zone and (
        not named[:1].isupper() or _key(named) in lexicons["not_names"] and not titled) and not number_named  # "place du Maréchal Juin"
    initial = kind in ("r", "r.") and not (words and re.match(r"(?:de|des|du|d['’])\b", words[0], re.IGNORECASE))
    if not numbered and not numbered_after and not lives_here and (common or initial):
        return None  # "au cours de la maladie", "par voie orale", "passage IDE"; "R. Dupont" is an initial
    value = _without_prose_after_name(value, len(head))
    if not numbered and value.startswith("place") and re.search(r"\b(?:en|sur)\s+$", text[max(0, match.start() - 5):match.start()],
                                                      re.IGNORECASE):
        return None  # "mise en place du PICC-line", "sur place"
    return value


def _find_places(text: str) -> list[PersonalData]:
    found: list[PersonalData] = []
    lexicons = _lexicons()
    for start, end in _windows(text, _STREET_WORDS, 40, 160):
        # A match is greedy ("allée chercher le patient 8 rue Ordener" starts at the verb "allée"): the scan goes
        # on from the end of a rejected match's street word, so that a street inside it is still found.
        position = start
        while position < end and (match := _ADDRESS_RE.search(text, position, end)):
            value = _street_value(text, match, lexicons)
            if value:
                spaced = _SPACED_NUMBER_BEFORE_RE.search(text, max(0, match.start() - 8), match.start()) \
                    if re.match(r"\d\D", value) else None  # "4 5 Montée du Chanoine", "2 2   R U E": one number
                first = spaced.start() if spaced else match.start()
                found.append(PersonalData("ADRESSE", first, match.start() + len(value), text[first:match.start() + len(value)], 0.8))
                position = match.start() + len(value)
            else:
                street = _STREET_HEAD_RE.search(match.group(0))
                position = match.start() + (street.end() if street else len(match.group(0)))
    for match in _FOREIGN_STREET_RE.finditer(text) if any(hint in text for hint in _FOREIGN_STREET_HINTS) else ():
        stop = _ADDRESS_STOP_RE.search(match.group(0))
        value = match.group(0)[:stop.start() if stop else None].rstrip(" .,-")
        number = _NUMBER_BEFORE_STREET_RE.search(text, max(0, match.start() - 8), match.start())  # "5 Kirchstrasse"
        start = number.start() if number else match.start()
        found.append(PersonalData("ADRESSE", start, match.start() + len(value), text[start:match.start() + len(value)], 0.8))
    for match in _INVERTED_STREET_RE.finditer(text) if "(" in text else ():
        if not any(_key(word) in lexicons["blocked"] for word in match.group("name").split()):
            found.append(PersonalData("ADRESSE", match.start(), match.end(), match.group(0), 0.85))
    for match in _ENGLISH_STREET_RE.finditer(text):
        found.append(PersonalData("ADRESSE", match.start(), match.end(), match.group(0), 0.7))
    for match in _MISSPELT_STREET_RE.finditer(text):
        word = _key(match.group("word"))
        streets = _LONG_STREET_WORDS + ("rue",) if match.group("number") else _LONG_STREET_WORDS
        if (match.group("number") or len(word) >= 6) and len(word) >= 5 - 2 * bool(match.group("number")) \
                and word not in _NOT_MISSPELT_STREETS and any(_one_slip(word, street) for street in streets):
            found.append(PersonalData("ADRESSE", match.start(), match.end(), match.group(0), 0.6))
    for match in chain(_LOWER_MISSPELT_STREET_RE.finditer(text), _UPPER_MISSPELT_STREET_RE.finditer(text)):
        word = _key(match.group("word"))
        if word not in _NOT_MISSPELT_STREETS and any(_one_slip(word, street) for street in _MISSPELT_STREET_TARGETS):
            found.append(PersonalData("ADRESSE", match.start(), match.end(), match.group(0), 0.6))
    for match in _ADDRESS_CONTEXT_RE.finditer(text):
        value = match.group("value").rstrip(" ,.-/")
        # "Adresse : Les Hauts de Kervéguen, 29290": after the label, whatever stands before the postal code, or
        # before a lieu-dit and the code ("à l'adresse La Grande Maison, Le Bourg, 23200 Aubusson")
        labelled = re.search(r"(?i)adresse|adr\b|domicil|r[ée]siden|demeurant", text[match.start():match.start("value")]) is not None
        before_code = labelled and _BEFORE_CODE_AFTER_LABEL_RE.match(text, match.start("value") + len(value)) is not None
        # a digit that is not a year: "domiciliée à Trappes depuis 2010" is a town and a date
        numbered = re.search(r"\d(?<!(?:19|20)\d\d)(?!\d)", value) is not None
        if numbered or _STREET_WORD_RE.search(value) or before_code:
            if not re.search(r"@|\b(?:mail|e-mail|courriel|t[ée]l)\b", value, re.IGNORECASE):
                # "résidant en France au 9 allée ...": the address starts at its number
                lead = _LEAD_BEFORE_NUMBER_RE.match(value)
                start = match.start("value") + (lead.end() if lead else 0)
                found.append(PersonalData("ADRESSE", start, match.start("value") + len(value), text[start:match.start("value") + len(value)], 0.6))
        elif labelled:
            # "Domicile : Kerguz, Plonévez-du-Faou": after the label, a named place before the town, or before the
            # street on the next line ("Domicile : La Rivière\n24 chemin des Prés")
            place = re.match(rf"[{_UP}][^\W\d_'’-]*(?:(?:[ \t-]+|['’])[^\W\d_]+){{0,3}}", value)
            after = match.start("value") + place.end() if place else 0
            comma = re.match(r",[ \t]*", text[after:after + 4])
            town = _COMMUNE_SHAPE_RE.match(text, after + comma.end()) if comma else None
            if place and not (town and _town_key(town.group(0)) in lexicons["towns"]
                              or re.match(r"[ \t]*\n[ \t]*\d{1,4}\b", text[after:after + 12])):
                place = None  # "Domicile : Seul, Sans aide" names no place
            if place and _town_key(place.group(0)) not in lexicons["towns"] \
                    and _town_head(place.group(0)) not in lexicons["not_names"]:
                found.append(PersonalData("ADRESSE", match.start("value"), match.start("value") + place.end(), place.group(0), 0.5))
    for match in _NUMBERED_PLACE_BEFORE_CODE_RE.finditer(text):
        value = match.group(0).rstrip(" ,\t\n")
        found.append(PersonalData("ADRESSE", match.start(), match.start() + len(value), value, 0.5))
    for match in _finditer(_PLACE_BEFORE_CODE_RE, text, _before_codes(text)):
        value = match.group("value")
        # alone on the line above the postal code ("Le Bourg\n29400 Lampaul"), a person's name is not a place
        # after a table's spaces, a place needs its comma: "Stang ar Lenn, 29550 ..." ("Rack 50231  Pos 3" is none)
        in_column = re.search(r"[^\s,:|–][ \t]{3,}$", text[max(0, match.start() - 12):match.start()]) is not None
        if in_column and "," not in match.group(0):
            continue
        own_line = match.group(0).endswith("\n") and any(_is_first_name(word, lexicons["first_names"]) or _TITLE_RE.fullmatch(word)
                                                          for word in value.split())
        lieu_dit = re.match(rf"(?:Chez|CHEZ)[ \t][{_UP}]", value) is not None  # "Chez Pinaud 16440 Mouthiers"
        if not own_line and (lieu_dit or _town_head(value) not in lexicons["not_names"]
                             and _town_head(value) not in lexicons["medical"]):
            found.append(PersonalData("ADRESSE", match.start("value"), match.end("value"), value, 0.5))
    for match in _LIVES_AT_NUMBER_RE.finditer(text):
        found.append(PersonalData("ADRESSE", match.start("value"), match.end("value"), match.group("value"), 0.6))
    for match in _LIVES_IN_PLACE_RE.finditer(text):
        found.append(PersonalData("ADRESSE", match.start("value"), match.end("value"), match.group("value"), 0.6))
    for match in _ADDRESS_FIELD_RE.finditer(text):
        value = match.group("value").rstrip(" '")
        if _address_field_value(match.group("label"), value, lexicons):
            # a whole line of an address ("Adresse 1 : RES LES HORTENSIAS BAT C APT 12") stays whole
            whole = re.match(r"(?i)adr|compl|cpl|lieu", match.group("label")) is not None
            found.append(PersonalData("ADRESSE", match.start("value"), match.start("value") + len(value), value,
                                      0.85 if whole else 0.7))
    for match in _UNTYPED_STREET_RE.finditer(text):
        if re.search(r"(?i)\b(?:lit|chambre|ch\.|box|salle|n°)\s*$", text[max(0, match.start() - 10):match.start()]):
            continue  # "chambre 12 Paul Martin": a bed and a patient
        if match.group("saint") and _town_key(text[match.start("saint"):match.end()]) in lexicons["towns"]:
            continue  # "8 Saint-Nazaire": a house number, then the town
        if match.group("residence") or _is_first_name(match.group("first"), lexicons["first_names"]):
            found.append(PersonalData("ADRESSE", match.start(), match.end(), match.group(0), 0.6))
    for match in _ROAD_PLACE_RE.finditer(text):
        found.append(PersonalData("ADRESSE", match.start(), match.end(), match.group(0), 0.6))
    for match in _ROAD_RE.finditer(text):
        group = next(name for name in ("road", "line_road", "kilometre") if match.group(name))
        found.append(PersonalData("ADRESSE", match.start(group), match.end(group), match.group(group), 0.6))
    for match in chain(_VILLAGE_CENTRE_RE.finditer(text), _CHE_WAY_RE.finditer(text)):
        found.append(PersonalData("ADRESSE", match.start(), match.end(), match.group(0), 0.6))
    for match in _POSTBOX_RE.finditer(text):
        found.append(PersonalData("ADRESSE", match.start(), match.end(), match.group(0), 0.7))
    for match in _CORSICAN_COMMUNE_RE.finditer(text) if "2" in text else ():
        found.append(PersonalData("CODE_POSTAL", match.start(), match.end(), match.group(0), 0.6))
    for match in _ABROAD_CODE_RE.finditer(text):
        found.append(PersonalData("CODE_POSTAL", match.start(), match.end(), match.group(0), 0.9))
    for match in _HOUSE_NUMBER_ALONE_RE.finditer(text) if "n°" in text else ():
        found.append(PersonalData("ADRESSE", match.start("number"), match.end("number"), match.group("number"), 0.6))
    for match in _US_STATE_ZIP_RE.finditer(text):
        town = _US_TOWN_BEFORE_RE.search(text, max(0, match.start() - 40), match.start())
        if town:
            found.append(PersonalData("VILLE", town.start(), town.end(), town.group(0), 0.8))
    for match in _BASQUE_HOUSE_RE.finditer(text) if "txe" in text or "TXE" in text else ():
        found.append(PersonalData("ADRESSE", match.start(), match.end(), match.group(0), 0.6))
    for match in _ARMED_FORCES_CODE_RE.finditer(text) if "rmées" in text or "RMÉES" in text or "RMEES" in text else ():
        found.append(PersonalData("CODE_POSTAL", match.start("code"), match.end("code"), match.group("code"), 0.7))
        found.append(PersonalData("VILLE", match.start("city"), match.end("city"), match.group("city"), 0.7))
    for match in _BUILDING_RE.finditer(text):
        found.append(PersonalData("ADRESSE", match.start(), match.end(), match.group(0), 0.7))
    for match in _SPACED_CODE_AFTER_TOWN_RE.finditer(text):
        town = match.group("town")
        if match.group("after_dans") or _town_key(town) in lexicons["towns"]:
            found.append(PersonalData("CODE_POSTAL", match.start("code"), match.end("code"), match.group("code"), 0.6))
    for match in _LABELLED_SPACED_CODE_RE.finditer(text) if ":" in text else ():
        found.append(PersonalData("CODE_POSTAL", match.start("code"), match.end("code"), match.group("code"), 0.7))
    for match in _POSTCODE_RE.finditer(text):
        prefix = _COUNTRY_PREFIX_RE.search(text, max(0, match.start() - 3), match.start())
        start = prefix.start() if prefix else match.start()
        found.append(PersonalData("CODE_POSTAL", start, match.end(), text[start:match.end()], 0.7))
        city = _CITY_AFTER_CP_RE.match(text, match.end())
        if city:
            value = city.group("city").rstrip(" ,.")
            if "\n" in value:
                # a town may go on to the next line ("Nogent sur\nMarne", "PARIS\nCEDEX 14"); a label does not
                head, tail = value.split("\n", 1)
                after = text[city.start("city") + len(value):city.start("city") + len(value) + 2]
                first = tail.split()[0] if tail.split() else ""
                label_like = _key(first.strip("-")) in lexicons["not_names"] and _key(first) != "cedex"
                # a known town stays whole on its line ("Le Sourn\nPrélèvement du 05/11")
                known_alone = _key(first) != "cedex" and _town_key(head) in lexicons["towns"] \
                    and _town_key(value) not in lexicons["towns"]
                if label_like or known_alone or (tail == first and after[:1] and after[:1] in ".:(") \
                        or re.match(r"\s*:", after):
                    value = head.rstrip(" ,.")
            value = re.split(r"\s+le\s+\d|\s+(?:le|la|les|de|du|des|en|sur|sous|s/)$", value)[0]  # "NANCY le 19/01"
            while " " in value and _key(value.rsplit(None, 1)[1]) in lexicons["not_names"] \
                    and _key(value.rsplit(None, 1)[1]) != "cedex":
                value = value.rsplit(None, 1)[0]  # "46090-ARCAMBAL IPP:...": the label is not the town's
            if _town_head(value) not in lexicons["not_names"]:
                found.append(PersonalData("VILLE", city.start("city"), city.start("city") + len(value), value, 0.8))
    for item in [item for item in found if item.label == "ADRESSE" and not item.text[:1].isdigit()
                 and not item.text[-1:].isdigit()]:  # "Rua das Flores 112, 4000-123 Porto": the code follows
        number = _NUMBER_AFTER_STREET_RE.match(text, item.end)
        if number:
            found.append(PersonalData("ADRESSE", item.start, number.end(), text[item.start:number.end()], item.score))
        if _ARTICLE_LED_RE.match(item.text):
            number = _NUMBER_BEFORE_ARTICLE_RE.search(text, max(0, item.start - 12), item.start)
            if number:
                found.append(PersonalData("ADRESSE", number.start(), item.end, text[number.start():item.end], item.score))
    for item in [item for item in found if item.label == "ADRESSE"]:
        rest = _STREET_NAME_WITH_A_RE.match(text, item.end)
        if rest:
            found.append(PersonalData("ADRESSE", item.start, rest.end(), text[item.start:rest.end()], item.score))
        code = _CODE_AFTER_STREET_RE.match(text, item.end)
        if code:  # "2 place du Marché 71100 / 03 85 48 20 11", "rue Nationale 118 59800 — adresse incomplète"
            found.append(PersonalData("CODE_POSTAL", code.start("code"), code.end("code"), code.group("code"), 0.6))
        line = _NAME_LINE_BEFORE_CODE_RE.match(text, item.end)
        if line and _town_key(line.group("rest")) not in lexicons["towns"] \
                and not any(_is_first_name(word, lexicons["first_names"]) for word in line.group("rest").split()):
            found.append(PersonalData("ADRESSE", line.start("rest"), line.end("rest"), line.group("rest"), item.score))
    # typed in lower case: "59300 valenciennes", "45240 la ferté-saint-aubin" (a known town only)
    for code in [item for item in found if item.label == "CODE_POSTAL"]:
        town = _LOWER_TOWN_AFTER_CODE_RE.match(text, code.end)
        value = _known_town_start(town.group("city"), lexicons) if town else ""  # "valenciennes tel 06..."
        if value and text.startswith(value, town.start("city")):
            found.append(PersonalData("VILLE", town.start("city"), town.start("city") + len(value), value, 0.7))
    _add_address_extras(text, found)
    _add_building_places(text, found)
    blocked = lexicons["blocked"]  # "Cardiologie, Hôpital Nord, 12 rue ..."
    for item in [item for item in found if item.label == "ADRESSE"]:
        if not _CODE_LATER_ON_LINE_RE.match(text, item.end):
            continue
        end = item.start
        for _ in range(2):  # at most two parts before the street
            before = _RESIDENCE_BEFORE_RE if _ADDRESS_EXTRA_RE.fullmatch(item.text) else _ADDRESS_PART_BEFORE_RE
            part = before.search(text, max(0, end - 60), end) or _PLACE_LINE_BEFORE_RE.search(text, max(0, end - 60), end)
            # a dwelling's or a venue's name may hold words in lower case: "Foyer des jeunes travailleurs, 30 rue ..."
            dwelling = part is not None and _town_head(part.group("part")) in _DWELLING_WORDS
            if not part or _TITLE_RE.match(part.group("part")) or _town_head(part.group("part")) in blocked or any(
                    _is_first_name(word, lexicons["first_names"]) or (len(word) >= 4 and word.islower() and not dwelling)
                    for word in part.group("part").split()):
                break  # "Jean Dupont, 12 rue ...": a person, not a place; "Vit seul, impasse ...": a sentence
            if text.endswith("au ", 0, part.start("part")) and part.group("part").isupper() and " " not in part.group("part"):
                break  # "hébergée au CADA, 6 rue Hoche": the kind of shelter, not its name
            if _town_key(part.group("part")) in lexicons["towns"]:
                break  # "rendez-vous à Nice, 12 rue Verdi": the town, read as one
            found.append(PersonalData("ADRESSE", part.start("part"), part.end("part"), part.group("part"), 0.5))
            end = part.start("part")
    _add_address_lines_before_codes(text, found, lexicons)
    for match in _LIVES_AT_NAMED_PLACE_RE.finditer(text):
        value = match.group("value")
        if not (_town_key(value) in lexicons["towns"] or _known_town_start(value, lexicons) == value):
            found.append(PersonalData("ADRESSE", match.start("value"), match.end("value"), value, 0.5))
    _add_labelled_places(text, found, lexicons)
    _add_venues_before_addresses(text, found, lexicons)
    for match in _SHELTER_NAME_RE.finditer(text) if _SHELTER_HINT_RE.search(text) else ():
        found.append(PersonalData("ADRESSE", match.start("name"), match.end("name"), match.group("name"), 0.45))
    for match in _RURAL_PLACE_RE.finditer(text) if _RURAL_HINT_RE.search(text) else ():
        found.append(PersonalData("ADRESSE", match.start(), match.end(), match.group(0), 0.45))
    _add_kinds_before_home_names(text, found)
    # Belgian, Swiss, Luxembourg or Portuguese codes after a street: "Rue de la Loi 16, 1000 Bruxelles"
    street_ends = {item.end for item in found if item.label == "ADRESSE"}
    for match in _FOREIGN_CODE_RE.finditer(text):
        # a Portuguese code, four digits and three, is one wherever it stands: "4940-010 PAREDES DE COURA"
        if any(end in street_ends for end in range(match.start() - 3, match.start())) or _PORTUGUESE_CODE_RE.fullmatch(match.group("code")):
            found.append(PersonalData("CODE_POSTAL", match.start("code"), match.end("code"), match.group("code"), 0.6))
            found.append(PersonalData("VILLE", match.start("city"), match.end("city"), match.group("city"), 0.6))
    for match in _FOUR_DIGIT_CODE_RE.finditer(text):
        found.append(PersonalData("CODE_POSTAL", match.start("code"), match.end("code"), match.group("code"), 0.6))
        if match.group("city"):
            found.append(PersonalData("VILLE", match.start("city"), match.end("city"), match.group("city"), 0.6))
    for match in _CEDEX_RE.finditer(text):
        found.append(PersonalData("VILLE", match.start(), match.end(), match.group(0), 0.7))
        code = _CODE_AFTER_CEDEX_RE.match(text, match.end())
        if code:  # "Rennes Cedex 9 35033 2 rue Henri Le Guilloux", "METZ Cedex 03 57085 - 1 allée du Château"
            found.append(PersonalData("CODE_POSTAL", code.start("code"), code.end("code"), code.group("code"), 0.7))
    for match in _PLACE_DATE_RE.finditer(text):
        head = _town_head(match.group("city"))
        participle = re.fullmatch(rf"[{_UP}][{_LO}]*(?:é|ée|és|ées|u|ue|i|ie|it)", match.group("city")) \
            and not (len(match.group("city")) >= 6 and _near_big_town(_key(match.group("city")))) or (
            _town_key(match.group("city")) not in lexicons["towns"] and re.search(r"(?:MENT|TION|SION|AGE|URE)$",
                                                                                  match.group("city").upper()))
        medical = any(_key(word) in lexicons["medical"] for word in match.group("city").split())
        if head not in lexicons["not_names"] and not medical and not participle:  # "Augmenter le Lasilix le 3"
            found.append(PersonalData("VILLE", match.start("city"), match.end("city"), match.group("city"), 0.7))
    for match in _LOWER_PLACE_DATE_RE.finditer(text) if ", le " in text else ():
        if _town_key(match.group("city")) in lexicons["towns"] and _key(match.group("city")) not in lexicons["blocked"]:
            found.append(PersonalData("VILLE", match.start("city"), match.end("city"), match.group("city"), 0.6))
    for match in _COMPOUND_TOWN_RE.finditer(text):
        value = match.group(0)
        if (_TOWN_LINK_WORD_RE.search(value) or _key(value.split("-")[0]) in _TOWN_PREFIXES) and not any(
                _key(value) in lexicons[name] for name in ("medical", "first_names", "not_names")):
            article = _TOWN_ARTICLE_BEFORE_RE.search(text, max(0, match.start() - 4), match.start())
            start = article.start() if article else match.start()  # "Le Puy-en-Velay", "La Roche-sur-Yon"
            found.append(PersonalData("VILLE", start, match.end(), text[start:match.end()], 0.5))
    # "la cité phocéenne", "la Ville rose" stand for their city anywhere; "la capitale" after "rejoint", "vit dans"...
    after_context = {match.end() for match in _NICKNAME_CONTEXT_RE.finditer(text)} if "apitale" in text else set()
    for match in _NICKNAME_START_RE.finditer(text):
        for nickname in lexicons["city_nicknames"]:
            end = match.start() + len(nickname)
            if _key(text[match.start():end]) == nickname and not text[end:end + 1].isalnum() and (
                    nickname not in _COMMON_NICKNAMES or match.start() in after_context):
                found.append(PersonalData("VILLE", match.start(), end, text[match.start():end], 0.6))
    for word_start, word_end, word in _words(text):
        if _key(word) in lexicons["demonyms"]:
            found.append(PersonalData("VILLE", word_start, word_end, text[word_start:word_end], 0.5))  # "lyonnais"
    for match in _ELIDED_ARTICLE_TOWN_RE.finditer(text) if "l'" in text or "l’" in text else ():
        if _town_key(match.group("city")) in lexicons["towns"]:
            found.append(PersonalData("VILLE", match.start("city"), match.end("city"), match.group("city"), 0.6))
    position = 0
    while match := _ARTICLE_TOWN_RE.search(text, position):
        # "aux Herbiers", "des Sables d'Olonne": Les Herbiers, Les Sables-d'Olonne (a big town, or any town named
        # in more than one word or after the plural article, but not "rue des Lilas"); "au CH du Mans" is tried
        # again from "CH"
        position = match.start("city")
        plural = _key(match.group("article")) in ("aux", "des")
        city = match.group("city")
        if _key(match.group("article")) == "des" and _STREET_WORD_RE.search(text, max(0, match.start() - 12),
                                                                           match.start()):
            continue
        if ("les " if plural else "le ") + _key(city) in lexicons["cities"] or (
                (plural or " " in city or "-" in city)
                and _town_key(("Les " if plural else "Le ") + city) in lexicons["towns"]):
            found.append(PersonalData("VILLE", match.start("city"), match.end("city"), city, 0.6))
    for match in _CITY_CONTEXT_RE.finditer(text):
        value = match.group("city")
        first = _town_head(value)
        if first in lexicons["medical"] or len(value) < 3:
            continue  # "pneumopathie à Legionella", "drain de Redon", "EHPAD Les Ajoncs d'Or"
        if first in lexicons["cities"] or (first not in lexicons["not_names"]
                                           and first not in lexicons["first_names"]
                                           and not match.group(0).lower().startswith(("de ", "du "))):
            saint = re.match(_SAINT + r"\w", value).end() > 1  # "à Saint Jean de Luz" outweighs a name "Jean de Luz"
            found.append(PersonalData("VILLE", match.start("city"), match.end("city"), value, 0.7 if saint else 0.6))
    for match in _CAPITALISED_PLACE_RE.finditer(text):
        value = match.group(0)
        if _key(value) in lexicons["medical"]:
            continue
        if _key(value) in lexicons["cities"] or (_key(value.split()[0]) in lexicons["cities"] and " " not in value):
            found.append(PersonalData("VILLE", match.start(), match.end(), value, 0.6))
    # Typed or dictated in lower case: "ns sommes à montauban", "habite au 4 impasse des lilas à saint-jean-de-braye".
    street_ends = [item.end for item in found if item.label == "ADRESSE"]
    for match in _LOWER_TOWN_RE.finditer(text):
        value = match.group("city")
        after_street = any(0 <= match.start() - end <= 2 for end in street_ends)
        if not (after_street or _LIVING_VERB_BEFORE_RE.search(text, max(0, match.start() - 40), match.start())):
            continue
        compound = "-" in value and (_key(value.split("-")[0]) in _TOWN_PREFIXES or _TOWN_LINK_WORD_RE.search(value))
        if _key(value) in lexicons["cities"] or compound or (
                _key(value) not in lexicons["not_names"] and _key(value) not in lexicons["medical"]
                and _key(value) not in _NOT_TOWNS_AFTER_A and len(value) >= 4):
            found.append(PersonalData("VILLE", match.start("city"), match.end("city"), value, 0.6))
    for match in _LOWER_PLACE_RE.finditer(text):
        value = match.group("city")
        keys = {_town_key(value), _ABSORBED_ARTICLE.get(_key(match.group("prep")), "") + _town_key(value)}
        if keys & lexicons["towns"] and not keys & lexicons["foreign_towns"] and _key(value) not in lexicons["blocked"]:
            found.append(PersonalData("VILLE", match.start("city"), match.end("city"), value, 0.6))
    for match in _LABELLED_LOWER_TOWN_RE.finditer(text) if ":" in text else ():
        value = _known_town_start(match.group("city"), lexicons)  # "st malo\tCP" -> "st malo"
        if value and text.startswith(value, match.start("city")) and _key(value) not in lexicons["blocked"]:
            found.append(PersonalData("VILLE", match.start("city"), match.start("city") + len(value), value, 0.6))
    for match in _TOWN_BEFORE_DEPARTMENT_RE.finditer(text) if "(" in text else ():
        value = match.group("city")
        if not any(_key(word) in lexicons[name] for word in re.split(r"[ '’-]", value) if len(word) > 2
                   for name in ("blocked", "first_names")) \
                and not _NAMED_AFTER_TOWN_RE.search(text, max(0, match.start() - 30), match.start()) \
                and not _TITLE_RE.search(text[max(0, match.start() - 6):match.start()]) and not _TITLE_RE.match(value):
            found.append(PersonalData("VILLE", match.start("city"), match.end("city"), value, 0.6))
    for match in _TOWNS_AFTER_COUNTRY_RE.finditer(text) if "(" in text else ():
        words = match.group("country").split()  # "VACANCES EN CRÈTE (HÉRAKLION)": the country ends the words
        if not any(_town_key(" ".join(words[index:])) in lexicons["regions"] for index in range(len(words))):
            continue
        for town in _TOWN_IN_BRACKETS_RE.finditer(text, match.start("towns"), match.end("towns")):
            if not any(_key(word) in lexicons["blocked"] for word in town.group(0).split()):
                found.append(PersonalData("VILLE", town.start(), town.end(), town.group(0), 0.6))
    for match in _ABSORBED_TOWN_RE.finditer(text):
        value = match.group("city")
        if _ABSORBED_ARTICLE[match.group("prep")] + _town_key(value) in lexicons["towns"] and _key(value) not in lexicons["blocked"]:
            found.append(PersonalData("VILLE", match.start("city"), match.end("city"), value, 0.6))
    # A known town, capitalised, anywhere: "(Le Kremlin-Bicêtre)", "PK 14, Punaauia."
    for match in _COMMUNE_SHAPE_RE.finditer(text):
        value = match.group(0)
        words = re.split(r"[\s'’-]+", value)[bool(match.group("article")):]
        listed = [any(_key(word) in lexicons[name] for name in ("first_names", "medical", "not_names")) for word in words]
        # "Florence" may be a woman, "Bois-Guillaume" is a town: a compound needs one word that is only a place's
        if not (all(listed) if len(words) > 1 else any(listed)):
            start = match.start()
            if _town_key(value) not in lexicons["towns"] and match.group("article") in ("le ", "la ", "les "):
                start += len(match.group("article"))  # "à la Teste-de-Buch"; else the town after "la", "le"
            if _town_key(text[start:match.end()]) in lexicons["towns"]:
                found.append(PersonalData("VILLE", start, match.end(), text[start:match.end()], 0.6))
                continue
        end = match.end()
        for _ in range(2):  # written with spaces for its hyphens: "Aix en Provence", "Saint Didier au Mont d'Or"
            tail = _TOWN_TAIL_RE.match(text, end)
            if tail is None:
                break
            end = tail.end()
            if _town_key(text[match.start():end]) in lexicons["towns"]:
                found.append(PersonalData("VILLE", match.start(), end, text[match.start():end], 0.6))
                break
    for match in _COUNTRY_CODE_RE.finditer(text):  # "(CH-1870)", "L-3377 Leudelange", "MC 98000 Monaco"
        found.append(PersonalData("CODE_POSTAL", match.start(), match.end(), match.group(0), 0.7))
        town = _TOWN_AFTER_COUNTRY_CODE_RE.match(text, match.end())
        if town and _town_head(town.group("city")) not in lexicons["not_names"]:
            found.append(PersonalData("VILLE", town.start("city"), town.end("city"), town.group("city"), 0.7))
    for match in _TOWN_BEFORE_COUNTRY_RE.finditer(text):
        words = re.split(r"[\s-]+", match.group("city"))
        if not any(_key(word) in lexicons[name] for word in words for name in ("first_names", "blocked")):
            found.append(PersonalData("VILLE", match.start("city"), match.end("city"), match.group("city"), 0.6))
    for match in _UK_CODE_RE.finditer(text):
        found.append(PersonalData("CODE_POSTAL", match.start("code"), match.end("code"), match.group("code"), 0.7))
        if _town_head(match.group("city")) not in lexicons["not_names"]:
            found.append(PersonalData("VILLE", match.start("city"), match.end("city"), match.group("city"), 0.6))
    for match in _HYPHENED_CODE_RE.finditer(text):
        start = match.start() - (4 if text[max(0, match.start() - 3):match.start() - 2].isdigit() else 2)  # the digits before
        found.append(PersonalData("CODE_POSTAL", start, match.end(), text[start:match.end()], 0.6))
    for item in [item for item in found if item.label == "VILLE"]:
        river = _TOWN_ON_RIVER_RE.match(text, item.end)  # "CHALON S/ SAÔNE", "Châlons/Marne"
        if river:
            found.append(PersonalData("VILLE", item.start, river.end(), text[item.start:river.end()], item.score + 0.05))
        code = _CODE_AFTER_TOWN_RE.match(text, item.end)
        group = code and ("canadian" if code.group("canadian") else "code")
        if code and not re.fullmatch(r"(?:19|20)\d\d", code.group(group)):
            found.append(PersonalData("CODE_POSTAL", code.start(group), code.end(group), code.group(group), 0.6))
        tail = _TOWN_TAIL_RE.match(text, item.end)
        if tail and _town_key(text[item.start:tail.end()]) in lexicons["towns"]:
            found.append(PersonalData("VILLE", item.start, tail.end(), text[item.start:tail.end()], item.score + 0.05))
    found += _misspelt_towns(text, lexicons)
    found += _towns_after_addresses(text, found, lexicons)
    found += _towns_beside_towns(text, found, lexicons)
    # A Paris, Lyon or Marseille district after the town: "habite Paris 13e"; "cedex" after any town, in any case:
    # "13331 marseille cedex 03", "toulouse cedex 9".
    for item in list(found):
        if item.label != "VILLE":
            continue
        district = _DISTRICT_AFTER_RE.match(text, item.end) or (
            _DISTRICT_NUMBER_AFTER_RE.match(text, item.end) if _key(item.text) in _DISTRICT_TOWNS else None)
        if district:
            found.append(PersonalData("VILLE", item.start, district.end(), text[item.start:district.end()], item.score))
        cedex = _CEDEX_AFTER_TOWN_RE.match(text, item.end)
        if cedex:
            found.append(PersonalData("VILLE", item.start, cedex.end(), text[item.start:cedex.end()], item.score))
    # "critères de Rome", "classification de Nice", "clou de Biskra", "un verre de bordeaux": a town in a name
    return [item for item in found if not (item.label == "VILLE" and _NAMED_AFTER_TOWN_RE.search(
        text, max(0, item.start - 30), item.start))]


_SLASH_NEXT_RE = re.compile(r"[ \t]*/[ \t]*")
_SLASH_BEFORE_RE = re.compile(r"(?P<town>[^\W\d_][\w'’-]*)[ \t]*/[ \t]*$")
_TOWN_WORDS_RE = re.compile(r"[^\W\d_][\w'’]*(?:[ \t-]+[^\W\d_][\w'’]*){0,3}")
_LETTERS_WORD_RE = re.compile(r"[^\W\d_][\w'’]*")


def _known_town_start(words: str, lexicons: dict[str, set[str]]) -> str:
    """The longest run of `words`, from the first, that is a known town (single spaces between them), or ""."""
    parts = words.split()
    while parts and _town_key(" ".join(parts)) not in lexicons["towns"]:
        parts.pop()
    return " ".join(parts)


def _known_town_at(text: str, start: int, lexicons: dict[str, set[str]], score: float) -> PersonalData | None:
    """The longest known town, in any case, of one to four words from `start` ("aix les bains" before "aix"); a
    word alone must have three letters and be no word of the lexicons ("orange" is a town, "bord" is not)."""
    words = _TOWN_WORDS_RE.match(text, start)
    for word in reversed(list(_LETTERS_WORD_RE.finditer(words.group(0)))) if words else ():
        value = words.group(0)[:word.end()]
        alone = word.start() == 0
        if _town_key(value) in lexicons["towns"] \
                and not (alone and (len(value) < 3 or _key(value) in lexicons["blocked"])):
            return PersonalData("VILLE", start, start + len(value), value, score)
    return None


def _towns_beside_towns(text: str, found: list[PersonalData], lexicons: dict[str, set[str]]) -> list[PersonalData]:
    """Known towns in any case listed with a found one across slashes: "auch / tarbes / agen", "Lausanne / Évian"."""
    towns: list[PersonalData] = []
    queue = [item for item in found if item.label == "VILLE"]
    seen = {(item.start, item.end) for item in queue}
    while queue:
        item = queue.pop()
        after = _SLASH_NEXT_RE.match(text, item.end)
        before = _SLASH_BEFORE_RE.search(text, max(0, item.start - 40), item.start)
        for town in (_known_town_at(text, after.end(), lexicons, 0.55) if after else None,
                     _known_town_at(text, before.start("town"), lexicons, 0.55) if before else None):
            if town and (town.start, town.end) not in seen:
                seen.add((town.start, town.end))
                towns.append(town)
                queue.append(town)
    return towns


_AFTER_ADDRESS_RE = re.compile(r",[ \t]*")


_ADDRESS_EXTRA_WORDS = {"batiment", "escalier", "etage", "appartement", "porte", "chambre", "logement", "entree", "interphone",
                        "digicode", "boite", "rdc", "sous-sol"}
# A capitalised name that closes the sentence after a street and its comma: "15 Pl. d'Armes, Le Cateau-Cambrésis."
_CLOSING_TOWN_RE = re.compile(rf",[ \t]*(?P<town>(?:(?:Le|La|Les|L['’])[ \t]?)?[{_UP}][{_LO}]+(?:-(?:[{_LO}]+-)?[{_UP}][{_LO}]+)*)"
                              r"(?=\.(?:\s|$)|[ \t]*(?:\n|$)|[ \t]+[–—][ \t])")


def _towns_after_addresses(text: str, found: list[PersonalData], lexicons: dict[str, set[str]]) -> list[PersonalData]:
    """A known town in any case right after a street and its comma: "9 av. de la république, quimper."; any
    capitalised name there when it closes the sentence or the line ("89 avenue de la République, Villeurbane.")."""
    towns = []
    for item in found:
        after = _AFTER_ADDRESS_RE.match(text, item.end) if item.label == "ADRESSE" else None
        if after is None:
            continue
        closing = _CLOSING_TOWN_RE.match(text, item.end)
        if closing and not _STREET_WORD_RE.search(closing.group("town")) \
                and _key(closing.group("town").split("-")[0]) not in _ADDRESS_EXTRA_WORDS \
                and _key(closing.group("town").split()[-1].split("-")[0]) not in lexicons["blocked"]:
            towns.append(PersonalData("VILLE", closing.start("town"), closing.end("town"), closing.group("town"), 0.55))
            continue
        town = _known_town_at(text, after.end(), lexicons, 0.6)
        if town:
            towns.append(town)
    return towns


def _deletions(word: str) -> set[str]:
    return {word} | {word[:index] + word[index + 1:] for index in range(len(word))}


@lru_cache(maxsize=1)
def _big_towns_by_deletion() -> dict[str, set[str]]:
    """Each big town under itself and under each of its one-letter deletions: a word one slip from a town shares
    one of these keys with it (then _one_slip confirms)."""
    towns: dict[str, set[str]] = {}
    for key in _lexicons()["cities"]:
        for variant in _deletions(key):
            towns.setdefault(variant, set()).add(key)
    return towns


def _near_big_town(key: str) -> bool:
    """`key` is a big town (cities.txt) with one letter changed, added, dropped or swapped: "bordeau"."""
    towns = _big_towns_by_deletion()
    return any(_one_slip(key, town) for variant in _deletions(key) for town in towns.get(variant, ()))


def _misspelt_towns(text: str, lexicons: dict[str, set[str]]) -> list[PersonalData]:
    """Big towns (cities.txt) written with one letter changed, added, dropped or swapped, where a town is expected
    (after "à", "sur", "de", a postal code, or before a year in brackets); a word of any lexicon is left alone."""
    found = []
    towns = _big_towns_by_deletion()
    labelled = _LABELLED_MISSPELT_TOWN_RE.finditer(text) if ":" in text else ()
    for match in chain(_MISSPELT_TOWN_RE.finditer(text), labelled):
        group = next(name for name in ("town", "listed", "labelled") if match.groupdict().get(name))
        word = match.group(group)
        key = _key(word)
        if key in lexicons["towns"] or key in lexicons["blocked"] or key in lexicons["first_names"] \
                or key in lexicons["surnames"] or word.islower() and (len(word) < 7 or _key(match.group("cue") or "") not in ("a", "sur", "habite")):
            continue  # in lower case, only long words after "à" or "sur": not "la salle à manger", "de grosse taille"
        if _near_big_town(key):
            found.append(PersonalData("VILLE", match.start(group), match.end(group), word, 0.5))
    return found


_LIVES_WORD_RE = re.compile(rf"\b(?:{_LIVING_VERBS})\b",
                            re.IGNORECASE)


def _add_address_extras(text: str, found: list[PersonalData]) -> None:
    """Apartment, building, staircase and floor lines ("Appartement 12", "bât. C", "3e étage") that touch an
    address or a postal code, or follow a street in the same sentence ("habite au 2 quai X à Nantes, au 4e
    étage"), are part of the address; alone in prose they are not personal data."""
    spans = [(item.start, item.end) for item in found if item.label in ("ADRESSE", "CODE_POSTAL")]
    # an extra can only join what stands near it: search around the addresses, codes and verbs of living only
    anchors = sorted(spans + [match.span() for match in _LIVES_WORD_RE.finditer(text)])
    windows: list[tuple[int, int]] = []
    for start, end in anchors:
        start, end = max(0, start - 120), min(len(text), end + 160)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    extras = [match for start, end in windows for match in _ADDRESS_EXTRA_RE.finditer(text, start, end)]
    if not extras:
        return
    streets = sorted(item.end for item in found if item.label == "ADRESSE")
    streets_by_start = {item.start: item for item in found if item.label == "ADRESSE"}
    starts = sorted(streets_by_start)
    added = True
    while added and extras:
        added = False
        for match in list(extras):
            index = bisect.bisect_right(streets, match.start()) - 1
            same_sentence = index >= 0 and _SENTENCE_GAP_RE.fullmatch(text, streets[index], match.start())
            following = bisect.bisect_left(starts, match.end())  # "au 2e étage du 8 rue des Tanneurs"
            before_street = following < len(starts) and _EXTRA_BEFORE_STREET_RE.fullmatch(text, match.end(), starts[following])
            if same_sentence or before_street or any(_touch(text, match.start(), match.end(), start, end) for start, end in spans) or \
                    _LIVES_BEFORE_RE.search(text, max(0, match.start() - 40), match.start()):
                street = streets_by_start[starts[following]] if before_street else None  # one address, "du" inside
                end, score = (street.end, max(street.score, 0.7)) if street else (match.end(), 0.7)
                found.append(PersonalData("ADRESSE", match.start(), end, text[match.start():end], score))
                spans.append((match.start(), end))
                extras.remove(match)
                added = True


_EXTRA_BEFORE_STREET_RE = re.compile(r"[ \t]+(?:du|au)[ \t]+")
# Where to look for a building's own places (the extras scan costs a millisecond over a whole letter)
_LOCATOR_HEAD_RE = re.compile(r"\b(?=[bBpPéÉeEaAhHnNsSrRuU])(?i:b[aâ]t|porte|[ée]tage|[ée]tg|pavillon|aile|hall|niveau|sous-sol|rez-de|bureau|ascenseur|secteur|esc)")
_LOCATOR_GAP_RE = re.compile(r"[ \t]*[,;/–—-]?[ \t]*")
_NAMED_BUILDING_RE = re.compile(rf"(?i:b[aâ]timent|pavillon)[ \t]+(?:[{_UP}][{_LO}]{{2,}})(?:[ -][{_UP}][{_LO}]{{2,}})?(?![\w'’-])")


# The pieces of an address line before its postal code, back to where the phrase starts (a line, a bracket, a colon, a
# dash, a cell): "Grote Markt 17, 9100 Sint-Niklaas", "Vicolo dei Fiori 2, int. 5, 00186 Roma", "Quartier des Aubiers,
# tour 4, 9e 92000", "Carrer de Mallorca 212, àtic 2a, 75015"
_PHRASE_START_RE = re.compile(r"[(:;|«\"\t^<>=&]|[ \t][–—-][ \t]|[ \t]/[ \t]|[ \t]{3,}")
_PIECE_RE = re.compile(r"[^,]+")
# a house number at a piece's start or end, not a year, an age, a dose or a time: "Lindenlaan 9", "3e", "lot 112", "n° 22"
_HOUSE_NUMBER_RE = re.compile(r"^(?:n[°º.]+[ \t]?)?(?!(?:19|20)\d\d\b|0)\d{1,4}(?!\d)(?:[/-]\d{1,4})*(?:[ \t]?(?:bis|ter|[A-Da-d])\b)?"
                              r"(?![\d/.:,]\d|[ \t]*(?:ans?|mois|h\b|min|mg|ml|ui|kg|cm|mm|m\b|%|€|x\b|fois|jours?|semaines?|e\b|er\b|[èe]me))"
                              r"|^\d{1,2}(?:e|er|ème)$|(?<![\w.,/:-])(?!(?:19|20)\d\d\b|0)\d{1,4}(?:[/-]\d{1,4})*[a-zA-Z]?$", re.IGNORECASE)
# a field of its own ("CP", "digicode 4B27"), a phone or a hospital's department is no piece of the address
_NOT_AN_ADDRESS_PIECE_RE = re.compile(r"(?i)\b(?:c\.?p\.?|code|digicode|interphone|t[ée]l|fax|nir|cedex|ipp|nda|dossier|n[ée]e?|"
                                      r"s[ée]cu|adeli|rpps|finess|poste|cl[ée])\b|[@+]|\d{5}|"
                                      # a sentence's end: "Pau. Domiciliation administrative au CCAS"
                                      r"[a-zà-ÿ]{3,}\.[ \t]+[A-ZÀ-Ü][a-zà-ÿ]+[ \t]+[a-zà-ÿ]{3,}|"
                                      r"^(?:h[ôo]pital|clinique|chu|service|centre\s+hospitalier|cabinet|laboratoire)\b")
_PROSE_WORD_RE = re.compile(rf"(?<![\w'’-])[{_LO}]{{4,}}(?![\w'’-])")


def _address_line_pieces(text: str, code_start: int, found: list[PersonalData], lexicons: dict[str, set[str]]) -> list[tuple[int, int]]:
    """The spans of an address line's pieces from its first street or house number to a postal code at `code_start`
    that no street finding covers yet: "Vicolo dei Fiori 2, int. 5", "Quartier des Aubiers, tour 4, 9e"."""
    start = max(text.rfind("\n", 0, code_start) + 1, code_start - 120)
    end = start + len(text[start:code_start].rstrip(" \t,/–—-"))  # "chambre B112 - 44300 Nantes"
    for boundary in _PHRASE_START_RE.finditer(text, start, end):
        start = boundary.end()
    streets = [item for item in found if item.label == "ADRESSE" and start <= item.end and item.start < code_start]
    pieces: list[tuple[list[tuple[int, int]], bool]] = []  # each piece's new spans, and whether it shows an address
    for piece in list(_PIECE_RE.finditer(text, start, end))[::-1][:4]:
        value = piece.group(0).strip(" \t-")
        if not value:
            continue
        first = piece.start() + piece.group(0).index(value)
        last = first + len(value)
        inside = [item for item in streets if item.start < last and first < item.end]
        if inside:
            rest = text[max(item.end for item in inside):last].strip(" \t-")
            # "demeurant 11 allée des Peupliers": the address starts inside the piece; "10 rue Saint-Sauveur à Lille.
            # La fille a proposé ...": a sentence goes on after the street
            whole = min(item.start for item in inside) <= first and (not rest or _address_piece(rest, lexicons))
            pieces.append(([(last - len(rest), last)] if rest and whole else [], True))
            if not whole:
                break
            continue
        if not _address_piece(value, lexicons):
            break
        street = _STREET_WORD_RE.search(value) is not None
        house = _HOUSE_NUMBER_RE.search(value) is not None and re.search(r"[^\W\d_]", value) is not None
        pieces.append(([(first, last)], house or street))
    shown = [index for index, (_, address) in enumerate(pieces) if address]
    return [span for spans, _ in pieces[:shown[-1] + 1] for span in spans] if shown else []


# Where something happened or someone was met, by a form's label: "Lieu : parking du supermarché Leclerc, avenue ...",
# "Lieu d'intervention : Grande Plage, face au Casino Barrière, 64200 Biarritz" (not "Lieu de naissance")
_PLACE_LABEL_RE = re.compile(r"(?i:\blieu(?:[ \t]+(?:de[ \t]+l['’]|d['’]|de[ \t]+la[ \t]+|des[ \t]+|du[ \t]+|de[ \t]+)?(?:intervention|accident|"
                             r"[ée]v[ée]nement|prise[ \t]+en[ \t]+charge|faits|chute|agression|malaise|interpellation|d[ée]c[èe]s))?)"
                             r"[ \t]*:[ \t]*(?P<value>[^\n;]+)")


def _add_labelled_places(text: str, found: list[PersonalData], lexicons: dict[str, set[str]]) -> None:
    """The pieces of a place after a form's "Lieu :" label, up to its town or postal code: each names or numbers
    something ("parking du supermarché Leclerc", "tribune Ganay", "au niveau du n° 70"); "domicile" or "voie
    publique" do not."""
    for match in _PLACE_LABEL_RE.finditer(text) if "ieu" in text else ():
        if re.search(r"(?i)naiss|\bn[ée]e?\b", text[max(text.rfind("\n", 0, match.start()) + 1, match.start() - 60):match.start()]):
            continue  # "Naissance : 05.09.2001 – lieu : STRASSBOURG": a birth's town
        sentence_end = re.search(r"\.(?:[ \t]|$)", match.group("value"))  # "domicile. Chute d'une échelle"
        end = match.start("value") + sentence_end.start() if sentence_end else match.end("value")
        for piece in _PIECE_RE.finditer(text, match.start("value"), end):
            value = piece.group(0).strip(" \t-.")
            first = piece.start() + piece.group(0).find(value)
            town = re.sub(r"[ \t]*(?:[(–—]|[ \t]-[ \t]).*$", "", value)  # "Oran (Algérie)", "Braga - PORTUGAL": a birth's town
            if not value or re.search(r"\d{5}|\d\d?h\d\d|\d\d/\d\d", value) or not _address_piece(value, lexicons) \
                    or _town_key(town) in lexicons["towns"] or _town_key(town) in lexicons.get("foreign_towns", ()):
                break
            found.append(PersonalData("ADRESSE", first, first + len(value), value, 0.45))


def _address_piece(value: str, lexicons: dict[str, set[str]]) -> bool:
    """Whether a piece of a line may belong to an address: not a sentence, a person, a date, a town or a field."""
    numbered = _STREET_WORD_RE.search(value) is not None or _HOUSE_NUMBER_RE.search(value) is not None
    # two words in lower case and no number, street or name: "du service de neurologie" ("2e maison à gauche" is none)
    prose = len(_PROSE_WORD_RE.findall(value)) >= 2 and not numbered and not re.search(rf"\d|\s[{_UP}]", value)
    person = _TITLE_RE.search(value) or not numbered and any(_is_first_name(word, lexicons["first_names"]) for word in value.split())
    town = re.sub(r"^(?:[àa]|au|en)[ \t]+", "", value)  # "à Bourges" is a town
    return not (prose or person or _DATE_RE.search(value) or not _UPPER_OR_DIGIT_RE.search(value) or len(value) > 45
                or _NOT_AN_ADDRESS_PIECE_RE.search(value) or any(_town_key(town) in lexicons[name] for name in ("towns", "regions")))


def _add_address_lines_before_codes(text: str, found: list[PersonalData], lexicons: dict[str, set[str]]) -> None:
    """What an address line holds before its postal code is the address's: the street, a flat, a floor, a district
    ("àtic 2a", "9e", "Hamdallaye"), also abroad, where the code is then found with its town ("Grote Markt 17, 9100
    Sint-Niklaas"). Not a town (it is one on its own), a person, a date, a phone or a sentence."""
    lines = [_address_line_pieces(text, item.start, found, lexicons) for item in found if item.label == "CODE_POSTAL"]
    for match in _FOREIGN_CODE_RE.finditer(text):
        city = match.group("city")
        if len(city) < 3 or any(_key(city) in lexicons[name] for name in ("not_names", "medical")):
            continue  # "1000 UI/h", "5400 Dossier"
        before = text[max(0, match.start() - 12):match.start()]
        # abroad, the line must end with a house number or a street: "Lindenlaan 9, 2000", "Rua Augusta, 45 - 3° Dto"
        if not (re.search(r"(?<![\w.,/])\d{1,4}(?:[/-]\d{1,4})?[a-zA-Z]?[ \t]*,?[ \t]*$", before)
                or any(item.label == "ADRESSE" and 0 <= match.start() - item.end <= 3 for item in found)):
            continue
        pieces = _address_line_pieces(text, match.start(), found, lexicons)
        if pieces:
            lines.append(pieces)
            found.append(PersonalData("CODE_POSTAL", match.start("code"), match.end("code"), match.group("code"), 0.5))
            found.append(PersonalData("VILLE", match.start("city"), match.end("city"), city, 0.5))
    found.extend(PersonalData("ADRESSE", start, end, text[start:end], 0.45) for pieces in lines for start, end in pieces)


# The kind of home or shelter before its name, in lower case after its first word: "maison relais « Les Tilleuls »",
# "foyer des jeunes travailleurs Les Alizés", "EHPAD Le Castel", "bateau La Belle Époque"
_HOME_KIND_BEFORE_RE = re.compile(
    r"(?<![\w'’-])(?i:maison|r[ée]sidence|foyer|pension|ehpad|centre|h[ôo]tel|bateau|p[ée]niche|chrs|cada|camping|village|"
    r"institut|ime|mas|fam|esat|logement|aire|internat|s[ée]jour)(?:[ \t]+(?:[a-zà-ÿ][a-zà-ÿ'’-]*|d['’][a-zà-ÿ][a-zà-ÿ'’-]*)){0,6}[ \t]+$")
_NAMED_HOME_RE = re.compile(rf"(?:Les|Le|La|L['’])[ \t]?[{_UP}]|[«\"]")


def _add_kinds_before_home_names(text: str, found: list[PersonalData]) -> None:
    """A home's or shelter's name found alone takes its kind with it: the words before it say what the place is."""
    for item in [item for item in found if item.label == "ADRESSE" and _NAMED_HOME_RE.match(item.text)]:
        kind = _HOME_KIND_BEFORE_RE.search(text, max(0, item.start - 60), item.start)
        if kind:
            found.append(PersonalData("ADRESSE", kind.start(), item.end, text[kind.start():item.end], item.score))


def _add_building_places(text: str, found: list[PersonalData]) -> None:
    """A building named after someone ("bâtiment Castaigne", "pavillon Laennec") and two of a building's places
    in a row ("porte 4, 3e étage", "3e étage, bureau 312", "niveau -2, sous-sol") say where someone is to go or
    lives: they are part of an address even without a street ("bâtiment B" alone in prose is not)."""
    windows: list[tuple[int, int]] = []
    for match in _LOCATOR_HEAD_RE.finditer(text):
        start, end = max(0, match.start() - 20), min(len(text), match.end() + 60)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    places = [match for start, end in windows for match in _ADDRESS_EXTRA_RE.finditer(text, start, end)]
    places = sorted({match.span(): match for match in places}.values(), key=lambda match: match.start())
    chain: list[re.Match] = []
    for match in places + [None]:
        if match is not None and chain and _LOCATOR_GAP_RE.fullmatch(text, chain[-1].end(), match.start()):
            chain.append(match)
            continue
        if len(chain) >= 2 or chain and _NAMED_BUILDING_RE.fullmatch(chain[0].group(0)):
            start, end = chain[0].start(), chain[-1].end()
            found.append(PersonalData("ADRESSE", start, end, text[start:end], 0.6))
        chain = [match] if match is not None else []

_SENTENCE_GAP_RE = re.compile(r"(?:[^.\n!?]|\.(?!\s)){0,100}")


# The name of a shelter, a home or a public building just before its street or postal code: led by the kind of
# place ("hôtel social Le Relais, 33 bd ...", "Pôle santé du Pré Vert, rue ...", "Maison médicale Arrosa, 64250") or
# by an article ("départ de La Grange aux Moines, route de Chaumont")
_VENUE_BEFORE_RE = re.compile(
    rf"(?:^|(?<=[\s(])|(?<=\b[lL]['’]))(?P<part>(?:(?P<venue>(?i:h[ôo]tel|centre|espace|foyer|ehpad|r[ée]sidence|p[ôo]le|maison|cit[ée]|zone|"
    rf"salle|gymnase|complexe|domaine|village|camping|caserne|internat|pension|auberge|ferme|hameau|[ée]cole|coll[èe]ge|lyc[ée]e|"
    rf"stade|piscine|cabinet|g[îi]te|plage|parc|gare|cr[èe]che|mairie|refuge))\b"
    rf"|(?:La|Le|Les|L['’])(?=[ \t]?[{_UP}]))[^\n,;:()\d]{{0,40}}?)[ \t]*(?:,|[ \t][–-])[ \t]*$")
# A capitalised word of a place's name, and one more after a link ("La Maison du Port", "chalet des Frasses")
_PLACE_WORD = rf"[{_UP}][{_LO}{_UP}'’-]+"
_LINKED_PLACE_WORD = rf"[ \t](?:(?:du|de|des|d['’])[ \t]?)?{_PLACE_WORD}"
# Where someone is housed, named after its kind, with or without a street: "pension de famille La Maison du Port",
# 'hôtel meublé "Le Terminus"', "foyer de jeunes travailleurs Le Colombier", "résidence accueil Le Ronceray"
_SHELTER_HINT_RE = re.compile(r"\b(?=[pPfFrRhHmMcCsS])(?i:pension|foyer|r[ée]sidence|centre d|h[ôo]tel|maison relais|chrs|cada|squat)")
_SHELTER_NAME_RE = re.compile(
    rf"\b(?=[pPfFrRcChHmMsS])(?i:pension\s+de\s+famille|foyer(?:\s+de\s+jeunes\s+travailleurs|[\s-]logement)?|r[ée]sidence\s+(?:accueil|sociale)"
    rf"|centre\s+d['’]h[ée]bergement|h[ôo]tel(?:\s+social|\s+meubl[ée])?|maison\s+relais|chrs|cada|squat)"
    rf"[ \t]+(?:[{_UP}][{_LO}]+[ \t]+(?=[\"«]))?(?P<name>[\"«][ \t]?[{_UP}][^\"»\n]{{1,40}}?[ \t]?[\"»]"
    rf"|(?:La|Le|Les|L['’])[ \t]?{_PLACE_WORD}(?:{_LINKED_PLACE_WORD}){{0,2}})")
# A house in the country by its kind and name: "chalet des Frasses", "ferme Lavaud", "cabane pastorale d'Ourdouas",
# "gîte d'étape de Vizzavona", "Îlet à Cordes", "refuge du Goûter"
_RURAL_HINT_RE = re.compile(r"\b(?=[cCgGfFrRîÎiIbB])(?i:chalet|cabane|g[îi]te|ferme|refuge|[îi]let|bergerie)")
_RURAL_PLACE_RE = re.compile(
    rf"\b(?=[cCgGfFrRîÎiIbB])(?:(?i:chalet|cabane(?:\s+pastorale)?|g[îi]te(?:\s+d['’][ée]tape)?|refuge|[îi]let|bergerie)|Ferme|FERME)[ \t]+"
    rf"(?:(?:de\s+la|de|du|des|à|d['’])[ \t]?)?{_PLACE_WORD}(?:{_LINKED_PLACE_WORD})?"
    # a farm in lower case by its name alone ("ferme Lavaud"; "une position ferme de la Direction" is none)
    rf"|ferme[ \t]+[{_UP}][{_LO}'’-]+(?![ \t]+(?:de|du|des)\b)")
# a hospital keeps its name readable ("Centre hospitalier de [VILLE]"); an article after a person's title or first
# name starts a surname ("Dr Erwan Le Floch, 8 place ...", "M. et Mme La Fontaine, 125, hameau ...")
_HOSPITAL_WORD_RE = re.compile(r"(?i)hospitali|h[ôo]pital|clinique|\bCHU?\b")
_PREVIOUS_WORD_RE = re.compile(r"([^\W\d_][\w'’.-]*)[ \t]+$")
_PERSON_BEFORE_RE = re.compile(rf"(?:\b(?i:{_TITLE})\.?|(?i:\bchez|\bsign[ée]+e?))[ \t]+(?:[{_UP}][\w.'’-]*[ \t]+){{0,2}}$")
_VENUE_DESCRIPTIONS = {"social", "sociale", "medical", "medicale", "specialise", "specialisee", "accueil", "hebergement",
                       "maternelle", "elementaire", "primaire", "loisirs", "periscolaire", "paroissiale", "medico-social", "medico-sociale", "sante", "retraite",
                       "accueil", "municipal", "municipale", "commercial", "administratif", "administrative", "portuaire",
                       "intercommunal", "intercommunale", "communal", "communale", "polyvalent", "polyvalente"}
_PLACE_LINKS = {"de", "du", "des", "d'", "d’", "aux", "au", "en", "sur", "sous", "la", "le", "les", "l'", "l’"}
_ARTICLE_TAIL_RE = re.compile(rf"(?<=[ \t])(?:La|Le|Les|L['’])[ \t]?[{_UP}][^\n,;:()\d]*$")
_SPECIALTY_RE = re.compile(r"(?i)(?:logie|iatrie|ologue|iatre|p[ée]die|th[ée]rapie|urgences?|imagerie)$|cardio|thoraci|neuro|"
                           r"pneumo|gastro|onco|psych|chirurg|m[ée]decine|g[ée]riatr|obst[ée]tr|gyn[ée]co|dialys|r[ée][ée]duc|"
                           r"n[ée]phro|soins|addicto|canc[ée]r")


def _after_person(text: str, start: int, lexicons: dict[str, set[str]]) -> bool:
    """Whether `start` follows a person's title or first name ("Dr Y. Le Roux", "CH Yves Le Foll")."""
    previous = _PREVIOUS_WORD_RE.search(text, max(0, start - 40), start)
    return _PERSON_BEFORE_RE.search(text, max(0, start - 40), start) is not None or (
        previous is not None and _is_first_name(previous.group(1), lexicons["first_names"]))


def _add_venues_before_addresses(text: str, found: list[PersonalData], lexicons: dict[str, set[str]]) -> None:
    """The place's name before a street or a postal code, with no postal code needed on the line: a kind of
    place followed by a name ("collège Jean Moulin", "Pôle Social"), or an article and names ("La Grange aux
    Moines"); the article's part alone when the kind says care ("Cabinet d'imagerie médicale Les Palmistes"). Never
    a department of care ("Centre de cardiologie, 5 rue ...") or a person ("Le Dr Martin, 12 rue ...")."""
    places = [item for item in found if item.label in ("ADRESSE", "CODE_POSTAL", "VILLE")]
    taken = [item for item in found if item.label in ("PERSONNE", "ADRESSE")]
    for item in places:
        match = _VENUE_BEFORE_RE.search(text, max(0, item.start - 60), item.start)
        if not match:
            continue
        start, end = match.span("part")
        candidates = [(start, end, match.group("venue"))]
        tail = _ARTICLE_TAIL_RE.search(text, start + 1, end) if match.group("venue") else None
        if tail:
            candidates.append((tail.start(), end, None))
        for start, end, venue in candidates:
            if _is_venue_name(text, start, end, venue, taken, lexicons):
                found.append(PersonalData("ADRESSE", start, end, text[start:end], 0.5))
                taken.append(found[-1])
                break


def _is_venue_name(text: str, start: int, end: int, venue: str | None, taken: list[PersonalData],
                   lexicons: dict[str, set[str]]) -> bool:
    part = text[start:end]
    if any(other.start < end and start < other.end and (other.label == "PERSONNE" or other.start < start or other.end > end)
           for other in taken):
        return False  # "Dr Erwan Le Floch, 8 place ...": a surname with its article
    if any(start <= other.start and other.end <= end and other.label == "ADRESSE" and _STREET_HEAD_RE.match(other.text)
           for other in taken):
        return False  # "maison au Lieu-dit Les Granges": the street is the address, found already
    words = re.findall(r"[^\W\d_][\w'’-]*", part)
    lower = [re.sub(r"^[dl]['’]", "", word) for word in words[1:] if not word[0].isupper() and word.lower() not in _PLACE_LINKS]
    if venue:
        if not any(word[0].isupper() for word in words[1:]) or any(_key(word) not in _VENUE_DESCRIPTIONS for word in lower):
            return False  # "Cabinet médical, 5 place ...": no name; "centre antirabique de Bordeaux": care, said
    elif lower or _town_key(part) in lexicons["towns"]:
        return False  # "Les Sables-d'Olonne, 5 impasse ...": the town, named first
    if _TITLE_RE.search(part) or _HOSPITAL_WORD_RE.search(part) or any(
            _key(word) in lexicons["medical"] or _SPECIALTY_RE.search(word) for word in words):
        return False
    # a person's name may name a venue ("collège Jean Moulin"), not lead a place
    return bool(venue) or not (_after_person(text, start, lexicons)
                               or any(_is_first_name(word, lexicons["first_names"]) for word in words))


def _touch(text: str, start: int, end: int, other_start: int, other_end: int) -> bool:
    """Two spans separated only by punctuation and white space (at most one line break; an indented block's
    spaces count for nothing)."""
    gap = text[end:other_start] if end <= other_start else text[other_end:start] if other_end <= start else ""
    return len(gap.replace(" ", "")) <= 6 and re.fullmatch(r"[\s,;/|\-–—]*", gap) is not None and gap.count("\n") <= 1


def _is_first_name(word: str, first_names: set[str]) -> bool:
    """A listed first name, or a compound of listed ones ("ANNE-LAURE", "Jean-Baptiste")."""
    key = _key(word.rstrip("."))
    return key in first_names or ("-" in key and all(part in first_names for part in key.split("-")))


def _town_head(value: str) -> str:
    """The key of a town's first word after an article ("Le Puy-en-Velay" -> "puy-en-velay"); Brittany's
    hamlets "La Ville Rouault", "La Ville ès Brets" are named by the word after "Ville"."""
    words = re.split(r"(?<=['’])|\s+", value.strip(), maxsplit=1)
    if len(words) > 1 and _key(words[0]) in ("le", "la", "les", "l'") and words[1]:
        named = re.match(r"(?i)ville\s+(?:(?:[èe]s|aux?|du|des)\s+)?(\S+)", words[1])
        return _key(named.group(1) if named else words[1].split()[0])
    return _key(words[0])


def _find_names(text: str) -> list[PersonalData]:
    lexicons = _lexicons()
    first_names, surnames = lexicons["first_names"], lexicons["surnames"]
    not_names, medical = lexicons["not_names"], lexicons["medical"]
    blocked = lexicons["blocked"]
    found: list[PersonalData] = []

    def is_initial(word: str) -> bool:
        return bool(_INITIAL_RE.fullmatch(word)) and len(word.replace(".", "").replace("-", "")) <= 3

    def is_first_name(word: str) -> bool:
        return _is_first_name(word, first_names)

    def usable(word: str, after_title: bool) -> bool:
        if is_initial(word):
            return True
        key = _key(word.rstrip("."))
        if key in not_names and not (after_title and key in surnames):  # "M. Pagès", not "Pages 2"
            return False
        return after_title or key not in medical

    def article_surname(particle: str, word: str) -> bool:
        """"LE BRAS", "Le Dû": a capitalised article and a common word make a surname, unless the word is a title
        or a heading word ("la Docteure", "Le Service")."""
        return (particle.split()[0] in _SURNAME_ARTICLES and word[0].isupper() and not _TITLE_RE.fullmatch(word)
                and _key(word) not in _NOT_SURNAME_AFTER_ARTICLE and _key(word) not in medical)

    def take_names(position: int, after_title: bool, relaxed: bool) -> int:
        """Extend over name tokens from `position`; return the end of the name (position if none)."""
        end = cursor = position
        tokens = 0
        while tokens < 5:
            gap = _GAP_RE.match(text, cursor) if tokens else None
            start = gap.end() if gap else cursor
            glued = after_title and text[cursor - 1:cursor].islower() and text[cursor:cursor + 1].isupper()
            if tokens and start == cursor and not text[cursor - 1:cursor] in ("'", "’") and not glued:
                break  # "Dr BouclieMirelle": after a title, a name glued to the next one is still a name
            particle = _PARTICLES_RE.match(text, start) if tokens or after_title else None
            if particle:
                token = _NAME_TOKEN_RE.match(text, particle.end())
                if token and tokens and _key(token.group(0)) in lexicons["cities"]:
                    break  # "M. Martin de Cannes": the place is not part of the name ("née de Montaigu" is one)
                if token and (usable(token.group(0), after_title)
                              or article_surname(particle.group(0), token.group(0))):
                    end = cursor = token.end()
                    tokens += 1
                    continue
            token = _NAME_TOKEN_RE.match(text, start)
            if not token or not usable(token.group(0), after_title):
                break
            word = token.group(0)
            key = _key(word.rstrip("."))
            if tokens and not (after_title or relaxed or word.isupper() or key in first_names or key in surnames
                               or is_initial(word)):
                break
            end = cursor = token.end()
            tokens += 1
        return end

    for match in _TITLE_RE.finditer(text):
        title = match.group(0).strip(" .:\t").split()[0]
        if title.lower() in _CASE_SENSITIVE_TITLES and not title[0].isupper() and not (
                title in ("mr", "dr") and text[match.end():match.end() + 1].isupper()):
            continue  # "m" is a metre, "me" a pronoun; "mr Tessier", "dr Martin" typed in haste are titles
        if title.lower() in ("famille", "enfant") and title.isupper():
            continue  # "FAMILLE D'ACCUEIL", "ENFANT MALADE": headings
        if title.rstrip(".") == "M" and re.search(r"\n|^M[ \t]{2}", match.group(0)):
            continue  # "PatientSex : M\nAccessionNumber", "Dr NATIVEL M.\nDOLIPRANE", "M   EDTA": a sex or an initial
        if _PROFESSION_RE.fullmatch(title.rstrip(".:")) and (not title[0].isupper() or "\n" in match.group(0)):
            continue  # "un psychologue.\nInactive": a profession names someone only as a capitalised label
        end = take_names(match.end(), after_title=True, relaxed=True)
        if end > match.end() and title.lower() in _FIRM_TITLES and any(
                _key(word) in lexicons["not_names"] and _key(word) not in _PARTICLE_KEYS
                for word in text[match.end():end].split()):
            continue  # "AMBULANCES DE GARDE": a service, not a family's firm
        if end > match.end():
            # "E. PENICOT, M. CHIRACHI": in a list of initials and names, "M." is an initial, not a title
            initial = title == "M" and _INITIALS_LIST_RE.search(text, max(0, match.start() - 40), match.start())
            start = match.start() if initial else match.end()
            found.append(PersonalData("PERSONNE", start, end, text[start:end], 0.9))
            # "Pr GARAUD, Mathéo": the first name after a comma follows a titled surname in capitals.
            comma = _COMMA_FIRST_NAME_RE.match(text, end)
            if comma and text[match.end():end].split()[-1].isupper():
                word = comma.group(1)
                if is_first_name(word) or (not word.isupper() and usable(word, False)
                                           and _key(word) not in lexicons["cities"]
                                           and not _COMMON_ENDING_RE.search(word.upper())):
                    found.append(PersonalData("PERSONNE", comma.start(1), comma.end(1), word, 0.8))
            # "Dr Martin et Durand"; after a plural title, a whole list: "Les Drs Morvan, Cadiou et Le Roy"
            plural = title.lower().rstrip(".") in ("drs", "prs", "docteurs", "professeurs", "mm", "mmes",
                                                    "messieurs", "mesdames")
            cursor = end
            while following := (_LIST_LINK_RE if plural else _AND_LINK_RE).match(text, cursor):
                first = following.end()
                more = take_names(first, after_title=plural, relaxed=False)
                candidate = text[first:more]
                if more <= first or not (plural or candidate.split()[0].isupper()
                                         or _key(candidate.split()[0]) in first_names):
                    break
                found.append(PersonalData("PERSONNE", first, more, candidate, 0.7))
                cursor = more
                if not plural:
                    break
    # Names without a title: a known first name with its neighbours, an all-caps word next to another name-like
    # word ("DUPONT Jean", "Jean DUPONT", "DUPONT, JEAN"), a known surname next to a first name.
    for match in _NAME_TOKEN_RE.finditer(text):
        word = match.group(0)
        key = _key(word.rstrip("."))
        if word.isupper() and key in _CAPS_ABBREVIATIONS:
            continue
        if is_initial(word) or key in blocked or len(key) < 2 or re.match(r"[LD]['’][^\W\d_]+$", word) and word.isupper():
            continue  # "L'ADRESSE", "D'INFECTION" in headings; "D'ARVIEU" is taken after a title only
        neighbours = _neighbour_tokens(text, match.start(), match.end())
        usable_neighbours = [other for other in neighbours if usable(other, False)]
        is_first = is_first_name(word)
        usable_neighbours = [other for other in usable_neighbours
                             if not (other.isupper() and len(other) < 3 and not is_initial(other))]
        caps = word.isupper() and len(word) >= 3 and bool(usable_neighbours) and (
            any(_key(other) in first_names or _key(other) in surnames or not other.isupper()
                or is_initial(other) for other in usable_neighbours)
            or not any(_COMMON_ENDING_RE.search(other) and not is_first_name(other)
                       for other in [word, *usable_neighbours]))
        is_surname = key in surnames and any(_key(other) in first_names for other in usable_neighbours)
        capitalised_pair = (not word.isupper() and any(other.isupper() and len(other) >= 2
                                                       for other in usable_neighbours))
        if not (is_first or caps or is_surname or capitalised_pair):
            continue
        if caps and not (is_first or is_surname) and _in_capital_prose(text, match.start()):
            continue  # "HYSTÉROPLASTIE SUIVIE DE GROSSESSE À TERME": a title in capitals, not a name
        end = max(take_names(match.start(), after_title=False, relaxed=is_first), match.end())
        start = match.start()
        previous = _PREVIOUS_NAME_RE.search(text[max(0, start - 40):start])
        if previous and usable(previous.group(1), False) and (is_first or previous.group(1).isupper()
                                                              or is_initial(previous.group(1))):
            start -= len(previous.group(0))
        elif is_first or word.isupper():
            article = _PREVIOUS_ARTICLE_NAME_RE.search(text[max(0, start - 40):start])
            if article and article_surname(article.group(1), article.group(2)):
                start -= len(article.group(0))  # "LE BRAS Corentin"
        particle = _PREVIOUS_PARTICLE_RE.search(text[max(0, start - 5):start])
        if particle and word.isupper() and particle.group(0).strip().isupper():
            start -= len(particle.group(0))
        found.append(PersonalData("PERSONNE", start, end, text[start:end], 0.6))
    # A listed first name makes the eponym after it a surname ("Céline Berger"), unless "de" puts the pair in a
    # disease's name ("syndrome de Pierre Robin").
    for match in _FIRST_NAME_AND_WORD_RE.finditer(text):
        first, last = match.group("first"), match.group("last")
        if is_first_name(first) and _key(first) not in blocked and _key(last) in lexicons["eponyms"]:
            found.append(PersonalData("PERSONNE", match.start(), match.end(), match.group(0), 0.6))
    for match in _CAPS_SURNAME_AND_WORD_RE.finditer(text):
        last, first = match.group("last"), match.group("first")
        if _key(first) in lexicons["eponyms"] and is_first_name(first) and _key(last) not in blocked \
                and _key(last) not in lexicons["medical"]:
            found.append(PersonalData("PERSONNE", match.start(), match.end(), match.group(0), 0.6))
    # Two words in lower case, one a listed first name, before a birth or an age: "wojcik tomasz ; ddn",
    # "patiente martine roussel 68 ans", "kaya emine née yavuz"
    for match in _LOWER_NAME_BEFORE_BIRTH_RE.finditer(text):
        words = match.group("first"), match.group("second")
        if any(is_first_name(word) for word in words) and not any(_key(word) in blocked for word in words):
            found.append(PersonalData("PERSONNE", match.start(), match.end(), match.group(0), 0.6))
    for match in _LOWER_NAME_LABEL_RE.finditer(text) if "nom " in text else ():
        if not any(_key(word) in blocked for word in re.split(r"[ -]", match.group("name"))):
            found.append(PersonalData("PERSONNE", match.start("name"), match.end("name"), match.group("name"), 0.7))
    for match in _SLASHED_IDENTITY_RE.finditer(text) if " / " in text else ():
        for group in ("last", "first"):
            found.append(PersonalData("PERSONNE", match.start(group), match.end(group), match.group(group), 0.7))
    for match in _TITLED_FIRST_NAME_LOWER_RE.finditer(text):
        last = _key(match.group("last"))
        if is_first_name(match.group("first")) and last not in blocked and last not in _COMMON_LOWER_WORDS:
            found.append(PersonalData("PERSONNE", match.start("first"), match.end("last"),
                                      text[match.start("first"):match.end("last")], 0.7))
    for match in _TITLED_MIXED_CASE_NAME_RE.finditer(text):
        lower = _key(match.group("lower") or match.group("after"))
        if (lower in first_names or lower in surnames) and lower not in blocked:
            found.append(PersonalData("PERSONNE", match.start("name"), match.end("name"), match.group("name"), 0.7))
    for match in _LOWER_NAME_AFTER_CUE_RE.finditer(text):
        words = match.group("first"), match.group("second")
        if is_first_name(words[0]) and not any(_key(word) in blocked for word in words):
            found.append(PersonalData("PERSONNE", match.start("first"), match.end(), text[match.start("first"):match.end()], 0.6))
    # A surname in capitals next to a first name typed in lower case: "VASSEUR hugo", "hugo VASSEUR".
    for match in _CAPS_AND_LOWER_RE.finditer(text):
        caps, lower = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
        if (is_first_name(lower) and _key(lower) not in blocked and usable(caps, False) and len(caps) >= 3
                and _key(caps) not in _CAPS_ABBREVIATIONS and not _COMMON_ENDING_RE.search(caps)):
            found.append(PersonalData("PERSONNE", match.start(), match.end(), match.group(0), 0.6))
    # After an explicit "Nom :" / "Prénom :" label, the value is a name whatever its case ("nom : dupont").
    for match in _LABELLED_NAME_RE.finditer(text):
        words = []
        for word in re.finditer(r"[^\W\d_][\w'’-]*", match.group("value")):
            key = _key(word.group(0))
            after_article = bool(words) and words[-1].group(0) in _SURNAME_ARTICLES
            if key in _NAME_LABEL_STOPS or (key in not_names and key not in _PARTICLE_KEYS and not after_article):
                break
            words.append(word)
        while words and _key(words[-1].group(0)) in _PARTICLE_KEYS:
            words.pop()
        if words:
            start, end = match.start("value") + words[0].start(), match.start("value") + words[-1].end()
            found.append(PersonalData("PERSONNE", start, end, text[start:end], 0.8))
    # After a staff label, a list of names in any case: "Infirmiers : theodore roux, marie cécile lefevre".
    for match in _ROLE_LABEL_RE.finditer(text):
        line_end = text.find("\n", match.end())
        line = text[match.end():line_end if line_end >= 0 else len(text)]
        offset = match.end()
        for item in re.finditer(r"(?:[^,;/|()\n:\-–]|(?<=\w)-(?=\w))+", line[:160]):
            if line[item.end():item.end() + 2].lstrip().startswith(":"):
                break  # the next label
            words = list(re.finditer(r"[^\W\d_][\w'’.-]*", item.group(0)))
            keys = [_key(word.group(0).rstrip(".")) for word in words]
            # "Aide : Mélissa": a first name, not the drug; "Victime : GIORDANO Rosa": after a surname in capitals too
            if not words or len(words) > 4 or any(
                    key in blocked and key not in _PARTICLE_KEYS and key not in first_names
                    and not (index and words[index - 1].group(0).isupper() and len(words[index - 1].group(0)) >= 3
                             and words[index].group(0).istitle())
                    for index, key in enumerate(keys)):
                break
            if line[:item.start()].endswith("(") or (item.group(0).islower() and not any(
                    key in first_names or key in surnames for key in keys)
                    and not _LOWER_INITIAL_AND_NAME_RE.fullmatch(item.group(0).strip())):
                continue  # "Fabienne ORSINI (qualité)", "kiné : 15 séances prescrites le 2/12"; "a. lebon" is a name
            start = offset + item.start() + words[0].start()
            end = offset + item.start() + words[-1].end()
            found.append(PersonalData("PERSONNE", start, end, text[start:end], 0.7))
    for match in _IN_THE_NAME_OF_RE.finditer(text):
        end = take_names(match.end(), after_title=True, relaxed=True)
        if end > match.end():
            found.append(PersonalData("PERSONNE", match.end(), end, text[match.end():end], 0.7))
    def add_people_named_at(position: int) -> None:
        """Names after a kinship word or a message's "c'est", one or several ("nadia et sofiane bouzid"): a listed
        first name, a word followed by an age or a phone number, or a capitalised word; then its surname, even in
        lower case."""
        for _ in range(4):
            person = _KIN_PERSON_RE.match(text, position)
            if not person:
                return
            first, last = person.group("first"), person.group("last")
            key = _key(first)
            if key in blocked or _VERB_LIKE_RE.fullmatch(first) or len(first) < 2 or (
                    not is_first_name(first) and _COMMON_ENDING_RE.search(first.upper())):
                return  # "mère vivante, 78 ans"
            if not (is_first_name(first) or _AGE_OR_PHONE_AFTER_RE.match(text, person.end("first"))
                    or (last and (_key(last) in surnames or _AGE_OR_PHONE_AFTER_RE.match(text, person.end("last"))))
                    or (first[0].isupper() and usable(first, False) and key not in lexicons["cities"]
                        and not _COMMON_ENDING_RE.search(first.upper()))):
                return
            end = person.end("first")
            # after a capitalised first name, a lower-case word is a surname only with its particle: "Yannick le
            # bihan", not "Kattalin suivie pour", "Emre lors de"
            lower_after_capital = first[0].isupper() and last and last.islower() and not person.group("particle")
            if last and _key(last) not in blocked and not _VERB_LIKE_RE.fullmatch(last) and len(last) >= 3 and (
                    _key(last) in surnames or (_AFTER_RELATIVE_RE.match(text, person.end("last"))
                                               and not lower_after_capital)):
                end = person.end("last")
            born = _NEE_RE.match(text, end)
            if born and _key(born.group("name")) not in blocked:
                end = born.end("name")  # "annick le gall née kerdraon"
            found.append(PersonalData("PERSONNE", position, end, text[position:end], 0.6))
            link = _RELATIVE_LINK_RE.match(text, end)
            if not link:
                return
            position = link.end()

    for match in _CARET_NAME_RE.finditer(text):
        value = match.group("name").rstrip(" ^")
        found.append(PersonalData("PERSONNE", match.start("name"), match.start("name") + len(value), value, 0.8))
    # Family members named after the kinship word: "son fils Loïc", "sa fille, Mme Anne Roux", "fils bernard
    # peyronnet"; the writer of a message typed in lower case: "c'est maialen", "merci. yvette abgrall".
    for match in _KIN_CUE_RE.finditer(text):
        add_people_named_at(match.end())
    for match in _WRITER_CUE_RE.finditer(text):
        add_people_named_at(match.end())
    for match in _FAMILY_RE.finditer(text):
        end = take_names(match.end(), after_title=False, relaxed=True)
        if end > match.end():
            found.append(PersonalData("PERSONNE", match.end(), end, text[match.end():end], 0.7))
        else:
            add_people_named_at(match.end())
    for match in _HOUSEHOLD_RE.finditer(text) if "famille" in text else ():
        name = match.group("name")
        key = _key(name)
        if key in surnames or (not name.isupper() and key not in lexicons["blocked"]
                               and not _ADJECTIVE_ENDING_RE.search(name)):
            found.append(PersonalData("PERSONNE", match.start("name"), match.end("name"), name, 0.7))
    for match in _KIN_OF_RE.finditer(text):
        token = _NAME_TOKEN_RE.match(text, match.end())
        if token and (match.group("title") or is_first_name(token.group(0)) or token.group(0).isupper()):
            end = take_names(match.end(), after_title=bool(match.group("title")), relaxed=True)
            if end > match.end():
                found.append(PersonalData("PERSONNE", match.end(), end, text[match.end():end], 0.7))
            continue
        add_people_named_at(match.end())
    # Dictated or typed in lower case after a civility: "madame huguette bramerel", "docteur pascal heinrich".
    for match in _LOWER_TITLE_RE.finditer(text):
        first = _LOWER_WORD_RE.match(text, match.end())
        particle_surname = _LOWER_PARTICLE_SURNAME_RE.match(text, match.end())
        if particle_surname and _key(particle_surname.group("surname")) not in blocked:  # "mr da silva", not "monsieur le docteur"
            end = particle_surname.end("surname")
            more = _LOWER_WORD_RE.match(text, end)  # "docteur da costa pereira à vaulx-en-velin"
            if more and _key(more.group(1)) not in blocked and not is_first_name(more.group(1)) and len(more.group(1)) >= 4 \
                    and _AFTER_LOWER_SURNAME_RE.match(text, more.end(1)):
                end = more.end(1)
            given = _LOWER_WORD_RE.match(text, end)
            if given and is_first_name(given.group(1)):
                end = given.end(1)
            found.append(PersonalData("PERSONNE", match.end(), end, text[match.end():end], 0.6))
            continue
        if not first:
            continue
        if _key(first.group(1)) in blocked:
            # "m. petit jérôme", "madame blanc sylvie": a surname that is also a word, before a listed first name
            given = _LOWER_WORD_RE.match(text, first.end(1))
            if given and is_first_name(given.group(1)) and _key(given.group(1)) not in blocked \
                    and len(first.group(1)) >= 3 and _key(first.group(1)) not in lexicons["medical"]:
                found.append(PersonalData("PERSONNE", first.start(1), given.end(1), text[first.start(1):given.end(1)], 0.6))
            continue
        if not is_first_name(first.group(1)):
            # "monsieur schaller" only with a listed surname; after "dr", a word that closes the phrase and is not a
            # participle ("dr fontaine (ch de ...)", not "genou dr depuis 3 jours")
            word = first.group(1)
            given = _LOWER_WORD_RE.match(text, first.end(1))  # "madame bonnet marie-france", "docteur boulanger françois"
            if given and is_first_name(given.group(1)) and len(word) >= 3 and not _VERB_LIKE_RE.fullmatch(word):
                end = given.end(1)
                run = _LOWER_NAME_RUN_RE.match(text, match.end())  # "mme nguyen thi lan": a third word, then the phrase closes
                if run and run.end(1) > end and not any(_key(part) in blocked for part in run.group(1).split()):
                    end = run.end(1)
                found.append(PersonalData("PERSONNE", first.start(1), end, text[first.start(1):end], 0.6))
            elif (run := _LOWER_NAME_RUN_RE.match(text, match.end())) and all(
                    _key(part) not in blocked and not _VERB_LIKE_RE.fullmatch(part) for part in run.group(1).split()) \
                    and any(_key(part) in surnames or is_first_name(part) for part in run.group(1).split()):
                found.append(PersonalData("PERSONNE", run.start(1), run.end(1), run.group(1), 0.6))
            elif _key(word) in surnames or (len(word) >= 4 and not _VERB_LIKE_RE.fullmatch(word) and (
                    _AFTER_LOWER_SURNAME_RE.match(text, first.end(1)) if match.group("doctor") else
                    _AFTER_CIVILITY_SURNAME_RE.match(text, first.end(1)) and not (  # "mme refuse." is a verb
                        word.endswith("e") and text[first.end(1):first.end(1) + 1] in {".", "!", "?"}))):
                found.append(PersonalData("PERSONNE", first.start(1), first.end(1), word, 0.6))
            continue
        end = first.end(1)
        particle = _LOWER_PARTICLE_RE.match(text, end)  # "mr pierre-yves le bihan"
        last = _LOWER_WORD_RE.match(text, particle.end() if particle else end)
        if last and (_key(last.group(1)) in surnames or (
                len(last.group(1)) >= 3 and _key(last.group(1)) not in blocked
                and not _is_first_name(last.group(1), lexicons["french_first_names"])
                and not _VERB_LIKE_RE.fullmatch(last.group(1)))):
            end = last.end(1)
        found.append(PersonalData("PERSONNE", first.start(1), end, text[first.start(1):end], 0.6))
    # A nickname in quotes after "appelle" or "surnommé": « Mimi », "Juju"; a family: "chez les Martin".
    for match in _NICKNAME_RE.finditer(text):
        group = "name" if match.group("name") else "family"
        if _key(match.group(group)) not in blocked and _key(match.group(group)) not in lexicons["cities"]:
            found.append(PersonalData("PERSONNE", match.start(group), match.end(group), match.group(group), 0.7))
    # A name followed by a role or kinship in parentheses: "par Solenn (IDE)", "Loïc Tanguy (fils)".
    for match in _NAME_BEFORE_ROLE_RE.finditer(text):
        words = list(_NAME_TOKEN_RE.finditer(text, match.start("name"), match.end("name")))
        while words and (not usable(words[0].group(0), False) or _key(words[0].group(0)) in lexicons["cities"]):
            words.pop(0)  # "Staff du mardi : Julie (interne)": only the words next to the role
        if words and all(usable(word.group(0), False) for word in words):
            start = words[0].start()
            found.append(PersonalData("PERSONNE", start, match.end("name"), text[start:match.end("name")], 0.7))
    # A patient introducing themself, in any case: "je suis kevin le goff", "je m'appelle Anne Roux".
    for match in _SELF_INTRODUCTION_RE.finditer(text):
        words = list(re.finditer(r"[^\W\d_][\w'’-]*", match.group("value")))
        if not words or _key(words[0].group(0)) in blocked:
            continue
        surname_only = not is_first_name(words[0].group(0))  # "je suis mme lefort": after a title, a surname
        if surname_only and not match.group("title"):
            continue
        last = words[0]
        for index, word in enumerate(words[1:], 1):
            key = _key(word.group(0))
            if surname_only and key not in surnames:
                break
            if key in _PARTICLE_KEYS and index + 1 < len(words):
                continue
            after_particle = _key(words[index - 1].group(0)) in _PARTICLE_KEYS and index > 1
            if key in blocked and not after_particle or not (word.group(0)[0].isupper() or key in surnames
                                                             or key in first_names or after_particle):
                break
            last = word
        start, end = match.start("value") + words[0].start(), match.start("value") + last.end()
        found.append(PersonalData("PERSONNE", start, end, text[start:end], 0.7))
    # Names with particles and no title: "J. DA SILVA", "Jean de la Fontaine", "Du Plessis Anne-Laure".
    for match in _FIRST_PARTICLE_NAME_RE.finditer(text):
        first, last = match.group("first"), match.group("last")
        if (is_initial(first) or is_first_name(first)) and usable(last, False):
            found.append(PersonalData("PERSONNE", match.start(), match.end(), match.group(0), 0.7))
    for match in _PARTICLE_NAME_FIRST_RE.finditer(text):
        if is_first_name(match.group("first")) and usable(match.group("last"), False):
            found.append(PersonalData("PERSONNE", match.start(), match.end(), match.group(0), 0.7))
    # Two capitalised words in a row that are neither common words nor medical terms: "Zulmira Mauran".
    words = [(match.start(), match.end(), match.group(0)) for match in _TITLE_CASE_RE.finditer(text)]
    for (start, middle, first), (second_start, end, second) in zip(words, words[1:]):
        if second_start != middle + 1 or text[middle] != " ":
            continue
        if any(_key(word) in blocked or _key(word) in lexicons["cities"] or _COMMON_ENDING_RE.search(word.upper())
               for word in (first, second)):
            continue
        found.append(PersonalData("PERSONNE", start, end, text[start:end], 0.5))
    # A surname in capitals in the field before a first name, in a row of fields or on the line above (a label,
    # a wristband): "DUVAL;MARIE;12/03/1950", "DUPUIS / Marcel / 04-11-1933", "FONTAINE\nRoger\nNé(e) le ..."
    for item in [item for item in found if item.label == "PERSONNE" and is_first_name(item.text)]:
        field = _SURNAME_FIELD_BEFORE_RE.search(text, max(0, item.start - 40), item.start)
        if field and not is_first_name(field.group("surname")) and not any(
                (_key(word) in blocked and _key(word) not in _PARTICLE_KEYS) or _key(word) in lexicons["cities"]
                for word in re.split(r"[ \-]", field.group("surname"))):  # "LE GALL;Ronan" has its article
            found.append(PersonalData("PERSONNE", field.start("surname"), field.end("surname"), field.group("surname"), 0.6))
    # the birth name before "épouse" or "née" and the name found after it: "MERCIER épouse KOWALSKI Danuta"
    for item in [item for item in found if item.label == "PERSONNE"]:
        before = _SURNAME_BEFORE_SPOUSE_RE.search(text, max(0, item.start - 40), item.start)
        if before and _key(before.group("surname")) not in blocked:
            found.append(PersonalData("PERSONNE", before.start("surname"), before.end("surname"), before.group("surname"), 0.6))
    # a first name before an eponym is a person: "Jean-Martin Charcot", "Ambroise Paré" (not "maladie de Charcot"),
    # and so is an eponym in capitals before a first name: "BOUCHARD Lucien" (not "maladie de BOUCHARD")
    for pattern in (_FIRST_NAME_THEN_EPONYM_RE, _EPONYM_THEN_FIRST_NAME_RE):
        for match in pattern.finditer(text):
            if is_first_name(match.group("first").split("-")[0]) and _key(match.group("last")) in lexicons["eponyms"]:
                found.append(PersonalData("PERSONNE", match.start(), match.end(), match.group(0), 0.7))
    # a surname's particle and article before a name found without them: "de La Tour Foliet"
    for item in [item for item in found if item.label == "PERSONNE"]:
        particle = _PARTICLE_AND_ARTICLE_BEFORE_RE.search(text, max(0, item.start - 8), item.start)
        if particle:
            found.append(PersonalData("PERSONNE", particle.start(), item.end, text[particle.start():item.end], item.score))
    return found


_PARTICLE_AND_ARTICLE_BEFORE_RE = re.compile(r"(?<![\w'’])(?:de|De|DE)[ \t](?:La|Le|LA|LE)[ \t]$")
_EPONYM_THEN_FIRST_NAME_RE = re.compile(rf"(?<![\w'’-])(?<!\bde )(?<!\bdu )(?<!\bd['’])(?P<last>[{_UP}]{{3,}})[ \t]"
                                        rf"(?P<first>[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)*)\b")
_SURNAME_BEFORE_SPOUSE_RE = re.compile(rf"(?P<surname>(?:(?:LE|LA|DE|DU|DA|DOS|VAN|D['’])[ \t]?)?[{_UP}]{{2}}[{_UP}'’\-]*)[ \t]+(?:épouse|ép\.|née|veuve|vve)[ \t]+$")
_FIRST_NAME_THEN_EPONYM_RE = re.compile(rf"\b(?P<first>[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)*)[ \t](?P<last>[{_UP}][{_LO}'’\-]+)\b")


# ... after a label or in quotes too: "ID : DESBORDES | Jean-Claude", '"SERRES";"Marcel"'
_SURNAME_FIELD_BEFORE_RE = re.compile(rf"(?:^|(?<=[\n;|\t\"])|(?<=:[ \t]))[ \t]*(?P<surname>[{_UP}][{_UP}'’\-]+(?:[ \-][{_UP}][{_UP}'’\-]+)?)"
                                      r'[ \t]*"?(?:;|\||/|\t|\n)[ \t]*"?$', re.MULTILINE)


_CAPITAL_PROSE_WORDS = {"DE", "DU", "DES", "LA", "LE", "LES", "À", "AU", "AUX", "ET", "PAR", "POUR", "SUR", "DANS",
                        "EN", "UN", "UNE", "D'", "L'", "D’", "L’", "AVEC", "SANS", "CHEZ", "ENTRE", "OU"}


def _in_capital_prose(text: str, position: int) -> bool:
    """Whether the line around `position` is a sentence typed in capitals (an article's title, a heading), with
    articles and prepositions among at least six words and no lower-case letter: there, an untitled word in
    capitals is no sign of a surname."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    line = text[start:end if end >= 0 else len(text)]
    if not line.isupper():
        return False
    words = re.findall(r"[^\W\d_]+['’]?", line)
    small = sum(word in _CAPITAL_PROSE_WORDS for word in words)
    return len(words) >= 6 and small >= 2 and small * 5 >= len(words)


def _neighbour_tokens(text: str, start: int, end: int) -> list[str]:
    """Name-like words right before and after a word on the same line; across a comma only for all-caps words."""
    word_is_caps = text[start:end].isupper()
    tokens = []
    after = _NEXT_TOKEN_RE.match(text[end:end + 40])
    if after and (not after.group(1) or (word_is_caps and after.group(2).isupper() and len(after.group(2)) >= 3)
                  or _key(after.group(2)) in _lexicons()["first_names"]):
        tokens.append(after.group(2))
    before = _PREVIOUS_TOKEN_RE.search(text[max(0, start - 40):start])
    if before and word_is_caps and not before.group(2) and before.group(1) in ("LE", "LA"):
        # "Youenn LE BERRE": the word before the surname's article is its neighbour
        article_start = max(0, start - 40) + before.start()
        before = _PREVIOUS_TOKEN_RE.search(text[max(0, article_start - 40):article_start])
        before = before if before and not before.group(1).isupper() else None  # not "TRAITEMENT LE MATIN"
    if before and (not before.group(2) or (word_is_caps and before.group(1).isupper())):
        tokens.append(before.group(1))
    return tokens


def _resolve(found: list[PersonalData]) -> list[PersonalData]:
    """Non-overlapping findings: by priority, then length; a name never hides a stronger finding."""
    ordered = sorted(found, key=lambda item: (-_PRIORITY.get(item.label, 0), -item.score, -(item.end - item.start),
                                              item.start))
    kept: list[PersonalData] = []
    taken: list[tuple[int, int]] = []  # kept spans, sorted and disjoint: overlaps are found by bisection

    def overlapping(start: int, end: int) -> list[tuple[int, int]]:
        index = bisect.bisect_left(taken, (end, end)) - 1
        spans = []
        while index >= 0 and taken[index][1] > start:
            spans.append(taken[index])
            index -= 1
        return spans

    for item in ordered:
        if item.end <= item.start:
            continue
        overlaps = overlapping(item.start, item.end)
        if not overlaps:
            kept.append(item)
            bisect.insort(taken, (item.start, item.end))
            continue
        # Keep the uncovered pieces of a lower-priority finding when they are long enough to matter.
        for piece in _uncovered_pieces(item, overlaps):
            kept.append(piece)
            bisect.insort(taken, (piece.start, piece.end))
    return sorted(kept, key=lambda item: item.start)


_NUMBER_LABELS = {"IPP", "NIR", "RPPS", "FINESS", "CODE_POSTAL"}


def _uncovered_pieces(item: PersonalData, spans: Iterable[tuple[int, int]]) -> list[PersonalData]:
    """The parts of `item` outside `spans`, trimmed of punctuation, that still hold two letters or digits (and a digit,
    or letters an OCR reads for digits, for a number's label: "AM" left of "N°AM 54 2 01234 5" is no identifier, "OO"
    of "O2.99.28.41.OO" is)."""
    pieces = [(item.start, item.end)]
    for a, b in spans:
        pieces = [piece for start, end in pieces
                  for piece in ((start, min(end, a)), (max(start, b), end)) if piece[1] > piece[0]]
    kept = []
    for start, end in pieces:
        chunk = item.text[start - item.start:end - item.start]
        house_number = item.label == "ADRESSE" and chunk.strip(" ,.-\n\t").isdigit()  # "2" of "2 Bât. B, Rés. ..."
        # "17" of "06 70 31 20 98 17 montée ...": a house number after a phone; "-009" of "US250319-009" goes with it
        short_id = item.label in ("IPP", "NIR") and sum(char.isalnum() for char in chunk) < 4 and not re.match(r"[-/.]\w", chunk)
        if (sum(char.isalnum() for char in chunk) >= 2 or house_number) and not short_id and (
                item.label not in _NUMBER_LABELS or re.search(r"\d|^[\W_]*[OoIl]+[\W_]*$", chunk)):
            stripped_start = start + len(chunk) - len(chunk.lstrip(" ,.-\n\t"))
            stripped_end = end - (len(chunk) - len(chunk.rstrip(" ,.-\n\t")))
            kept.append(PersonalData(item.label, stripped_start, stripped_end,
                                     item.text[stripped_start - item.start:stripped_end - item.start], item.score))
    return kept


def find_personal_data(text: str) -> list[PersonalData]:
    """Every piece of personal data in `text`, non-overlapping, in reading order; offsets index `text`.
    The last few texts' findings are remembered (as copies handed out): the engine, the import's page highlights
    and the privacy view all ask about the same document."""
    return [replace(item) for item in _personal_data(text)]


@lru_cache(maxsize=4)
def _personal_data(original: str) -> tuple[PersonalData, ...]:
    found = _findings(original)
    # Damaged by an export ("HÃ©lÃ¨ne", "J&eacute;r&ocirc;me", "<b>DUPUIS</b>"): what the rules find in the repair
    # wins over what they made of the damage. Dictated ("soixante-neuf zéro zéro trois Lyon"): what they find in
    # the written form wins too, unless the original reading reaches further (a date the rules read whole in
    # words: "douze mars mil neuf cent quarante-huit") or the written form only cuts it in pieces of its label.
    # Both mapped back to the original.
    for rewritten, wins_always in ((repair(original), True), (written_form(original), False)):
        if rewritten is None:
            continue
        view, spans = rewritten
        from_view = []
        for item in _findings(view):
            start, end = spans[item.start][0], spans[item.end - 1][1]
            from_view.append(replace(item, start=start, end=end, text=original[start:end]))
        kept = []
        for item in found:
            overlapping = [other for other in from_view if item.start < other.end and other.start < item.end]
            if not overlapping:
                kept.append(item)
            elif not wins_always and (not _covers(overlapping, item) or all(
                    other.label == item.label and item.start <= other.start and other.end <= item.end for other in overlapping)):
                kept.append(item)  # nothing the written form adds: the date "Jeudi dix-sept Octobre ..." stays one
                from_view = [other for other in from_view if not item.start <= other.start < other.end <= item.end]
        found = sorted(kept + from_view, key=lambda item: (item.start, item.end))
    return tuple(found)


def _covers(items: list[PersonalData], target: PersonalData) -> bool:
    """Whether `items` together cover every letter and digit of `target`."""
    return all(any(item.start <= index < item.end for item in items)
               for index in range(target.start, target.end) if target.text[index - target.start].isalnum())


# The endings international nonproprietary names share by class (WHO stems): a word with one is a drug, whatever
# the drug lists know
# a classification, a score or criteria named after a place or a person: "classification de Los Angeles",
# "critères de McDonald", "score de Glasgow"
_NAMED_MEASURE_BEFORE_RE = re.compile(r"(?i:\b(?:classification|crit[èe]res?|score|[ée]chelle)\s+(?:de\s+|d['’]|Mc)|\bMc)$")
_DRUG_STEMS = (r"mab|tinib|ciclib|pril|sartan|olol|azole|mycine|cycline|cilline|floxacine|prazole|statine|parine|xaban|"
               r"gatran|lukast|setron|triptan|dipine|az[ée]pam|azolam|dronate|glitazone|gliptine|flozine|ca[ïi]ne|vudine|"
               r"navir|previr|buvir|gravir|ciclovir|imox|tidine|profène|oxacine")
_DRUG_STEM_RE = re.compile(rf"[^\W\d_]{{2,}}(?i:{_DRUG_STEMS})")
_DRUG_ENDING_RE = re.compile(rf"(?i:{_DRUG_STEMS})(?![^\W\d_])")  # where to look first: most names have none


def _before_drug(text: str, item: PersonalData) -> PersonalData | None:
    """A name or a town cut before the first word that is a drug by its ending ("NANTES Apixaban 2,5 mg" -> "NANTES");
    None when it starts with one ("par Nifurtimox")."""
    if not _DRUG_ENDING_RE.search(text, item.start, item.end):
        return item
    for word in _WORD_RE_ALL.finditer(text, item.start, item.end):
        if _DRUG_STEM_RE.fullmatch(word.group(0)):
            end = item.start + len(text[item.start:word.start()].rstrip(" \t-,"))
            return replace(item, end=end, text=text[item.start:end]) if end > item.start else None
    return item


# Spaces that typography puts where a rule expects a plain one ("Nom\u00a0: DUPONT", "12\u00a0rue des Lilas")
_ODD_SPACES = ("\u00a0", "\u202f", "\u2007", "\u2009")


def _findings(original: str) -> list[PersonalData]:
    spaced = original
    for space in _ODD_SPACES:
        if space in spaced:
            spaced = spaced.replace(space, " ")
    text = _undo_inverted_case(_undo_ocr_confusions(_open_underscores(spaced) if "_" in spaced else spaced))
    found = _find_all(text)
    found = _with_reading_view(text, found)
    unique: dict[tuple[str, int, int], PersonalData] = {}
    for item in sorted(found, key=lambda item: item.score):
        if item.label in ("PERSONNE", "VILLE"):
            item = _before_drug(text, item)
            if item is None or _NAMED_MEASURE_BEFORE_RE.search(text, max(0, item.start - 30), item.start):
                continue
        unique[(item.label, item.start, item.end)] = item  # the best-scored finding of a span stays
    found = _resolve(list(unique.values()))
    _mark_birth_dates(text, found)
    if text != original:
        for item in found:
            item.text = original[item.start:item.end]
    return found


# Words joined by underscores, as forms and exports write them: "MARCHAND_Élodie_19850212",
# "Adresse_La_Croix_Verte_49310_VIHIERS" (not e-mail addresses and file names, read as they are)
_UNDERSCORED_RE = re.compile(r"(?<![\w@.])[^\W_]+(?:_+[^\W_]+)+(?![\w@]|\.(?i:pdf|docx?|odt|rtf|txt|jpe?g|png|tiff?|hl7|xml|dcm)\b)")


def _open_underscores(text: str) -> str:
    """`text` with the underscores between words read as spaces, character for character (same offsets)."""
    opened = _UNDERSCORED_RE.sub(lambda match: match.group(0).replace("_", " "), text)
    return opened if opened != text else text


# what a text with keyed values holds (looking these up costs less than a pass of _KEYED_VALUE_RE)
_KEYED_HINTS = ('":', '" :', "':", "' :", '="', "='", '= "', "= '", ': "', ":\"", ": '", "</", "N:", "....", ". . .")


def _find_all(text: str) -> list[PersonalData]:
    names = _find_names(text)
    return (_find_simple(text) + _find_numbers(text) + _find_dates(text) + _find_places(text) + names
            + _spelled_names(text, names) + _find_table_cells(text) + (_find_message_fields(text) if "|" in text else [])
            + (_find_keyed_values(text) if any(hint in text for hint in _KEYED_HINTS) else []))


# A name spelled out letter by letter in dictation, after the name or a word that says so: "Dupont D U P O N T",
# "je vous l'épelle R O Y", "ça s'écrit L E G O deux F", "E L espace A M R A N I"
_SPELLED_NAME_RE = re.compile(r"(?<![\w'’])[A-ZÀ-Ü](?:[ \t](?:(?:deux|double|trois)[ \t])?[A-ZÀ-Ü](?![\w'’])|[ \t]espace(?=[ \t][A-ZÀ-Ü](?![\w'’]))){2,}")
_SPELLING_CUE_RE = re.compile(r"(?i:r[ée]p[èe]te|[ée]cri[st]|[ée]pell?e|[ée]peler|lettre par lettre|c['’]est)[ \t,:]*$")


def _spelled_names(text: str, names: list[PersonalData]) -> list[PersonalData]:
    """Names spelled out in dictated text, right after a name or a cue to spell one."""
    found = []
    for match in _SPELLED_NAME_RE.finditer(text) if re.search(r"[A-ZÀ-Ü] [A-ZÀ-Ü] [A-ZÀ-Ü]", text) else ():
        before = text[max(0, match.start() - 40):match.start()]
        line = text[text.rfind("\n", 0, match.start()) + 1:match.start()]
        if not re.search(r"[a-zà-ÿ]{3,}", line) or not set(match.group(0)) - set("OIl "):
            continue  # a letterhead's or a form's letter-spaced line: "N O M : B A R B I E R  P R E N O M"; "5 9 O O O"
        near_name = any(0 <= match.start() - item.end <= 25 and re.search(r"[^\W\d_]{2}", item.text)
                        for item in names if item.label == "PERSONNE")
        if near_name or _SPELLING_CUE_RE.search(before):
            found.append(PersonalData("PERSONNE", match.start(), match.end(), match.group(0), 0.6))
    return found


# Letters spaced out by a letterhead or an OCR ("R O B E R T", "S T R A S B O U R G", boxes "|2|8|7|1|") and words
# glued together ("MmeGARNIERCatherine", "Adr22rue", "45000ORLEANS") hide names from every rule.
_SPACED_RUN_RE = re.compile(r"(?<![^\s|])[^\s|:](?:(?P<gap>[ |]|  )[^\s|:])(?:(?P=gap)[^\s|:]){1,}(?![^\s|:,.;)])")
# where glued words part (not "McDonald", "DaTSCAN", "HbA1c", "PaCO2", "FibroScan"); grouped by the character
# that follows, so that most places of a text fail at the first test
_GLUED_RE = re.compile(
    # before a capital: "MmeGARNIER", "GARNIERCatherine", "QuimperCedex", "45000ORLEANS"
    rf"(?=[{_UP}])(?:(?=[{_UP}]{{3}})(?<=[{_LO}]{{2}})|(?=[{_UP}][{_LO}]{{3}})(?<=[{_UP}]{{3}})"
    rf"|(?=(?:Cedex|CEDEX)\d{{0,2}}\b)(?<=[{_LO}{_UP}]{{3}})|(?<=\d{{2}})(?=[{_UP}][{_LO}{_UP}])"
    # a title glued to a name in capitals ("DrLEGRAND", "MrKAYA"), "à" to a town ("1971àKayseri")
    rf"|(?=[{_UP}]{{2}})(?:(?<=\b(?:Dr|Pr|Mr))|(?<=\bMme)|(?<=\bMlle))|(?=[{_UP}][{_LO}])(?<=\dà)"
    # a town in capitals glued to the phone's label ("29200 BRESTTél."), a name to its street ("LE BORGNERue Henri")
    rf"|(?=(?:Tél|Tel|Fax|Port)\b)(?<=[{_UP}]{{3}})"
    rf"|(?<=[{_UP}]{{3}})(?=(?:Rue|Avenue|Place|All[ée]e|Chemin|Impasse|Route|Quai)[ \t][{_UP}])"
    # an initial glued to its surname: "validé par A.Lefèvre"
    rf"|(?<=\b[{_UP}]\.)(?=[{_UP}][{_LO}]{{2}})"
    # a street's word glued to its name: "6,rueSaint-Michel"
    rf"|(?=[{_UP}][{_LO}])(?:(?<=\brue)|(?<=\bavenue)|(?<=\bimpasse)|(?<=\bchemin)|(?<=\ball[ée]e)|(?<=\bplace)))"
    # before a number: "Adr22rue", and a name glued to the street after it: "RICHARD3 rue Voltaire",
    # "GOMESPaulo2 impasse du Moulin", "dmt5rue Victor Hugo"
    rf"|(?=\d)(?:(?=\d{{2}})(?<=[{_LO}{_UP}]{{2}})"
    rf"|(?=\d{{1,3}}[ \t]?(?i:(?:rue|avenue|bd|boulevard|place|all[ée]e|chemin|impasse|route|quai)\b|"
    rf"(?:r|av|pl|imp|all|chem|rte)\.))(?<=[{_LO}{_UP}]{{3}}))"
    # a word after a number: "45000orleans"
    rf"|(?<=\d{{2}})(?=[{_LO}][{_LO}{_UP}])"
    # a number after a little word an export glued it to: "vit au3 impasse", "né le5/11/1947"; a lieu-dit's name
    rf"|(?=\d)(?:(?<=\bau)|(?<=\bdu)|(?<=\ble)|(?<=\bné)|(?<=\bnée))|(?=[{_UP}])(?<=\blieu-dit)")


# A street's word torn by a stray space ("185r ue", "18 ru e", "6 all ée", "27 bou levard", "Lieu -dit"): the
# view closes the space.
_TORN_STREET_WORDS = ("rue", "avenue", "boulevard", "allée", "allee", "impasse", "chemin", "place", "route", "quai",
                      "résidence", "square", "faubourg", "lotissement", "lieu-dit")
_TORN_STREET_WORD_RE = re.compile(
    r"(?<![^\W\d_])(?:" + "|".join(f"{word[:cut]} {word[cut:]}" for word in _TORN_STREET_WORDS
                                   for cut in range(1, len(word))) + r")(?![^\W_])", re.IGNORECASE)
# A line break inside a town's or a word's name: "Boulogne-Billan-\ncourt", "Fontenay-sous-\nBois", "Deuil\n-La Barre"
_LINE_BREAK_IN_WORD_RE = re.compile(rf"\n(?:(?<=[{_LO}{_UP}]-\n)(?=[{_LO}{_UP}])|(?<=[{_LO}{_UP}]\n)(?=-[{_UP}]))")


def _with_reading_view(text: str, original: list[PersonalData]) -> list[PersonalData]:
    """`original` plus what the rules find on the lines with letter spacing or glued words once the spacing is
    closed and the words opened, mapped back to `text`; only findings that touch a changed place are kept. They do
    not overrule the `original` findings of the plain text, except those the spacing garbled: a name made of a few
    spaced letters ("A L O" of "S A I N T - M A L O") and a finding torn by a spaced run ("8 RUE DES ÉCOLES 3 1 4 0 0
    T"), which keeps only what the view found nothing in. Other texts pay four searches."""
    hints = [match.start() for match in _SPACED_RUN_RE.finditer(text) if _letters_spaced(match)]
    hints += [match.start() for match in _GLUED_RE.finditer(text)]
    hints += [match.start() for match in _TORN_STREET_WORD_RE.finditer(text)]
    hints += [match.start() for match in _LETTER_SPACED_LINE_RE.finditer(text)]
    joins = {match.start() for match in _LINE_BREAK_IN_WORD_RE.finditer(text)} if "\n" in text else set()
    hints += [position + 1 for position in joins]
    if not hints:
        return original
    line_starts = sorted({text.rfind("\n", 0, hint) + 1 for hint in hints}
                         | {text.rfind("\n", 0, join) + 1 for join in joins})
    view: list[str] = []
    positions: list[int] = []
    changed: set[int] = set()
    runs: list[tuple[int, int]] = []
    glues: list[int] = []  # where glued words were opened: "GALL|12 rue de Siam|29200 BREST"
    tears: set[int] = set()  # where a street's torn word was closed: "185r ue Raymond Losserand"
    for offset in line_starts:
        end = text.find("\n", offset)
        line = text[offset:end if end >= 0 else len(text)]
        spaced = [match for match in _SPACED_RUN_RE.finditer(line) if _letters_spaced(match)]
        runs += [(offset + match.start(), offset + match.end()) for match in spaced]
        dropped = {offset + match.start() + index for match in spaced
                   for index, char in enumerate(match.group(0)) if char in " |"}
        torn = {offset + match.start() + match.group(0).index(" ") for match in _TORN_STREET_WORD_RE.finditer(line)}
        tears |= torn
        dropped |= torn
        # the wider gaps between spaced words become single spaces: "R U E   D E S   L I L A S" reads "RUE DES LILAS"
        for left, right in zip(spaced, spaced[1:]):
            if right.start() - left.end() >= 2 and not line[left.end():right.start()].strip(" "):
                dropped |= set(range(offset + left.end() + 1, offset + right.start()))
        if _LETTER_SPACED_LINE_RE.fullmatch(line):  # every word spaced, short ones too: "1 8  r u e  d e  B r e s t"
            gaps = list(re.finditer(r" +", line.strip(" \t")))
            lead = len(line) - len(line.lstrip(" \t"))
            dropped |= {offset + lead + gap.start() + index for gap in gaps  # a word gap keeps its first space
                        for index in range(0 if len(gap.group(0)) == 1 else 1, len(gap.group(0)))}
        closed = [(offset + index, char) for index, char in enumerate(line) if offset + index not in dropped]
        opened = {match.start() for match in _GLUED_RE.finditer("".join(char for _, char in closed))}
        for index, (position, char) in enumerate(closed):
            if index in opened:
                view.append(" ")
                positions.append(position)
                changed |= {position, closed[index - 1][0]}
                glues.append(position)
            view.append(char)
            positions.append(position)
        changed |= dropped
        if offset + len(line) in joins:  # "Boulogne-Billan-\ncourt", "Fontenay-sous-\nBois", "Deuil\n-La Barre"
            changed.add(offset + len(line))
            if view[-1] == "-" and text[offset + len(line) + 1].islower():
                view.pop()
                changed.add(positions.pop())
            continue
        view.append("\n")
        positions.append(offset + len(line))

    def garbled(item: PersonalData, start: int, end: int) -> bool:
        torn = any(run_start < edge < run_end for run_start, run_end in runs for edge in (item.start, item.end))
        # a street that ran on into a spaced postal code and town: "45 Montée du Chanoine 0 7 1 0 0 A N N O N A Y"
        swallowed = item.label == "ADRESSE" and any(item.start < run_start and run_end == item.end for run_start, run_end in runs)
        glued = item.label in ("ADRESSE", "PERSONNE") and any(item.start < glue < item.end for glue in glues)  # "rue de Siam29200 BREST"
        return torn or swallowed or glued or (item.label == "PERSONNE" and start <= item.start and item.end <= end
                        and any(run_start <= item.start and item.end <= run_end for run_start, run_end in runs))

    added: list[PersonalData] = []
    for item in _find_all("".join(view)):
        start, end = positions[item.start], positions[item.end - 1] + 1
        if not any(start <= position < end for position in changed):
            continue
        # a finding of the plain text stands, unless this one is the same kind and holds it ("F O N T A" of
        # "F O N T A I N E"), or it was garbled
        overlapping = [other for other in original if other.start < end and start < other.end]
        mended = start in glues or any(start <= tear < end for tear in tears)
        if all((other.label == item.label or mended) and start <= other.start and other.end <= end
               or garbled(other, start, end) for other in overlapping):  # "BORGNE|Rue Henri Matisse" holds a name
            added.append(PersonalData(item.label, start, end, text[start:end], item.score))
    kept = []
    for other in original:
        covering = [item for item in added if other.start < item.end and item.start < other.end]
        if not covering or not garbled(other, min(item.start for item in covering), max(item.end for item in covering)):
            kept.append(other)
            continue
        kept += [piece for piece in _uncovered_pieces(other, [(item.start, item.end) for item in covering])
                 if not _CONTACT_LABEL_RE.fullmatch(piece.text.strip(" .:"))]  # "rue X56100LORIENTTél": no "Tél"
    return kept + added


# A line whose every word is letter-spaced, one or two spaces between letters and more between words
_LETTER_SPACED_LINE_RE = re.compile(r"(?m)^[ \t]*[^\s|](?: {1,3}[^\s|]){5,}[ \t]*$")
_CONTACT_LABEL_RE = re.compile(r"(?i)t[ée]l|fax|port|e?-?mail")


def _letters_spaced(match: re.Match) -> bool:
    """A run of single characters worth closing: mostly letters and digits ("D U B O I S - L E R O Y", "P A U L"),
    not tokenised punctuation ("S . A .", "( 0 ) 1") nor short words ("il y a 2 h")."""
    tokens = re.split(r"[ |]+", match.group(0))
    alphanumeric = sum(token.isalnum() for token in tokens)
    short_in_capitals = alphanumeric >= 3 and all(token.isupper() or token.isdigit() for token in tokens if token.isalnum())
    label = alphanumeric >= 3 and match.string[match.end():match.end() + 3].lstrip().startswith(":")  # "N o m :"
    return (alphanumeric >= 5 or short_in_capitals or label) and alphanumeric * 3 >= len(tokens) * 2  # not "il y a 2 h"


# A word mixing letters and the digits OCR takes them for ("B0URGE0IS", "V1ENNE"), or a number with letters
# taken for digits ("2l/06/195l", "l5 rue").
_OCR_HINT_RE = re.compile(r"[^\W\d_]\d|\d[^\W\d_]|[A-ZÀ-Ü]l[A-ZÀ-Ü]"  # a digit touching a letter, "GAUTHlER": rare
                          # an l for an I at a word's end or start in capitals ("OUAHRANl", "lVRY"), before a
                          # consonant that begins no French word ("lbrahima"); an I for an l in lower case ("ChIoe")
                          r"|[A-ZÀ-Ü]{2}l(?![\w'’])|(?<![\w'’])l[A-ZÀ-Ü]{2}|(?<![\w'’])l[bcdfghjkmnpqrstvwxz]|[a-zà-ÿ]I[a-zà-ÿ]")
_WORD_AROUND_RE = re.compile(r"[^\W_]+")
_OCR_POSTCODE_RE = re.compile(r"\d[\dO]{4}")
# a run of number groups, a phone's or a NIR's, with letters read for digits: "O6 l2 7O 84 S5", "l 63 O9 75 ll6 2O4 B3"
_OCR_DIGIT = r"[\dOolISB]"
_OCR_NUMBER_RUN_RE = re.compile(
    rf"(?<![\w.·])(?:{_OCR_DIGIT}{{2}}(?:[ .·-]{_OCR_DIGIT}{{2}}){{4}}|{_OCR_DIGIT}{{4}}(?:[ .·-]{_OCR_DIGIT}{{2}}){{3}}"  # a phone
    rf"|[12lI][ .]?{_OCR_DIGIT}{{2}}(?:[ .]?{_OCR_DIGIT}{{2}}){{2}}(?:[ .]?{_OCR_DIGIT}{{3}}){{2}}(?:[ .]?{_OCR_DIGIT}{{2}})?)"  # a NIR
    r"(?![\w.·])")
_DIGITS_AS_LETTERS = {"0": "O", "1": "I", "5": "S", "6": "É", "8": "B"}
_LETTERS_AS_DIGITS = str.maketrans({"l": "1", "I": "1", "O": "0", "o": "0"})
_HOUSE_NUMBER_DIGITS = str.maketrans({"l": "1", "I": "1", "L": "1", "O": "0"})
_MORE_LETTERS_AS_DIGITS = str.maketrans({"l": "1", "I": "1", "O": "0", "o": "0", "S": "5", "B": "8"})
# a house number read as letters before its street: "lO rue", "l bis rue", "lll rue Herbière", "L2, RUE", "l l, rue de l'Ecluse"
# (not the pronoun, "Il place ses mains", or a numeral, "CHU Hassan II, Route de ...")
_OCR_HOUSE_NUMBER_RE = re.compile(r"(?<![\w'’])(?!(?i:il)\b)(?=[\dlILO ]*[lL])[\dlILO](?:[\dlILO]| (?=[\dlILO][ ,]))*(?![\w'’])"
                                  r"(?=(?:[ \t]?(?:bis|ter|BIS|TER))?,?[ \t]+(?i:rue|ruc|avenue|av\.|bd|boulevard|impasse|lmpasse|imp\.|"
                                  r"all[ée]e|all\.|place|pl\.|chemin|chernin|ch\.|route|rte|quai|cours|square|passage)\b)")
# an e-mail's @ read as a copyright or registered sign: "c.hamon.ortho©orange.fr"
_OCR_AT_SIGN_RE = re.compile(r"(?<=[\w.-])[©®](?=[\w-]+\.[a-z]{2,})")


# A word typed with caps lock on and the shift key held: "sAINT-mALO", "bERNARD jULIEN"
_INVERTED_CASE_RE = re.compile(rf"(?<![\w'’-])[{_LO}][{_UP}]{{2,}}(?:[-'’][{_LO}]?[{_UP}]+)*(?![\w'’-])")


def _undo_inverted_case(text: str) -> str:
    """`text` with words typed in inverted case put right ("cAEN" -> "Caen"), character for character, when the
    word is a known town or name: "eGFR", "hCG" and "mTOR" stay as they are."""
    if not _INVERTED_CASE_RE.search(text):
        return text
    lexicons = _lexicons()

    def known(match: re.Match) -> str:
        word = match.group(0)
        key = _key(word)
        listed = key in lexicons["first_names"] or key in lexicons["surnames"] or _town_key(word) in lexicons["towns"]
        return word.swapcase() if listed else word

    return _INVERTED_CASE_RE.sub(known, text)


def _undo_ocr_confusions(text: str) -> str:
    """`text` with OCR's digit-for-letter confusions undone in words, character for character (same offsets):
    a word in capitals with a lower-case l gets an I ("GAUTHlER", "OUAHRANl"), "lbrahima" an I, "ChIoe" an l;
    a word of at least three letters whose only digits are 0, 1, 5, 6 (é, in lower case) or 8 (B), each between two
    letters, gets letters ("51bis", "05nov" stay), as does a word in capitals with a lone 0, 5 or 8 ("DIALL0");
    a name ending in 1 gets an l ("Marce1"); a number whose only letters are l, I, O or o gets digits ("l4OOO",
    "2OO"), S and B too beside them ("l99B"); so do phones' and NIRs' groups and a house number before its street
    ("lO rue"); © or ® between an e-mail's parts is an @. Other mixes ("G3P2", "25B117702", "B12", "2B") stay."""
    changed = False
    pieces: list[str] = []
    last = 0
    for hint in _OCR_HINT_RE.finditer(text):
        if hint.start() < last:
            continue
        start = hint.start()
        while start > 0 and (text[start - 1].isalnum()):
            start -= 1
        match = _WORD_AROUND_RE.match(text, start)
        word = match.group(0)
        digits = [char for char in word if char.isdigit()]
        letters = [char for char in word if not char.isdigit()]
        upper = sum(char.isupper() for char in letters) * 2 > len(letters)  # a 6 is an é in lower case only: "Fr6d6ric"
        inside = word[0].isalpha() and word[-1].isalpha() and all(
            word[index - 1].isalpha() and word[index + 1].isalpha() for index, char in enumerate(word) if char.isdigit())
        inside = inside or len(word) >= 5 and word[0] in "015" and word[1:].isalpha()  # "5téphane", "0RAN"
        # a word in capitals with a lone 0, 5 or 8 anywhere, letters at least twice the digits: "DIALL0", "0UEDRA0G0",
        # "NANTE5", "8ERTHIER" ("T2N0M0", "B12", "ADR1", "COAT01", "5TER", "O8OOO" stay)
        capitals = word.isupper() and len(letters) >= 3 and len(letters) >= 2 * len(digits) and set(digits) <= {"0", "5", "8"} \
            and not re.search(r"\d\d|^\d+(?:BIS|TER|QUATER)$", word) and set(letters) - {"O", "I", "l"}
        if not digits and len(word) >= 4 and word.replace("l", "").isupper():  # "GAUTHlER", "MEXlMIEUX": an l for an I
            fixed = word.replace("l", "I")
        elif not digits and len(word) >= 4 and word[0] == "l" and word[1] in "bcdfghjkmnpqrstvwxz":
            fixed = "I" + word[1:]  # "lbrahima", "lnes"
        elif not digits and re.search(r"[a-zà-ÿ]I[a-zà-ÿ]", word) and word[0].isupper() and word[1:].replace("I", "").islower():
            fixed = word[0] + word[1:].replace("I", "l")  # "ChIoe", "MicheIle"
        elif word[-1] == "1" and len(digits) == 1 and re.fullmatch(r"[A-ZÀ-Ü][a-zà-ÿ]{2,}1", word):
            fixed = word[:-1] + "l"  # "Marce1", "Chanta1", "Noe1": an l at a name's end
        elif (inside or capitals) and len(letters) >= 3 and len(digits) < len(letters) and set(letters) - {"O", "o", "I", "l"} \
                and set(digits) <= set(_DIGITS_AS_LETTERS) - set("6" * upper):  # "l8OOO", "O8OOO" are postal codes
            fixed = "".join(char if not char.isdigit() else _DIGITS_AS_LETTERS[char] if upper
                            else "l" if char == "1" else _DIGITS_AS_LETTERS[char].lower() for char in word)
        elif set(letters) <= {"l", "I", "O", "o"} or _OCR_POSTCODE_RE.fullmatch(word):
            fixed = word.translate(_LETTERS_AS_DIGITS)  # "2l/06/195l", "35OOO", "l4OOO" (a postal code's zeros)
        elif set(letters) <= {"l", "I", "O", "o", "S", "B"} and set(letters) & {"l", "O", "o"} and not word.upper().endswith("BIS"):
            fixed = word.translate(_MORE_LETTERS_AS_DIGITS)  # "2OOB", "l98S", "S9OOO" ("B12", "T4" stay)
        else:
            continue
        pieces += [text[last:match.start()], fixed]
        last = match.end()
        changed = True
    text = "".join(pieces) + text[last:] if changed else text
    # a phone number's or a NIR's groups read as letters: "Ol 45 83 2l O9", "02 99 28 41 OO", "l 63 O9 75 ll6 2O4 B3"
    text = _OCR_NUMBER_RUN_RE.sub(lambda match: match.group(0).translate(_MORE_LETTERS_AS_DIGITS)
                                  if sum(char.isdigit() for char in match.group(0)) * 2 >= sum(char.isalnum() for char in match.group(0))
                                  else match.group(0), text)
    text = _OCR_HOUSE_NUMBER_RE.sub(lambda match: match.group(0).translate(_HOUSE_NUMBER_DIGITS), text)
    return _OCR_AT_SIGN_RE.sub("@", text) if "©" in text or "®" in text else text


def deidentify(text: str, found: list[PersonalData] | None = None) -> str:
    """`text` with each finding replaced by its placeholder ([NOM], [DATE], [TEL]...)."""
    if found is None:
        found = find_personal_data(text)
    parts: list[str] = []
    last = 0
    for item in sorted(found, key=lambda item: item.start):
        if item.start < last:
            continue
        parts.append(text[last:item.start])
        parts.append(PLACEHOLDERS.get(item.label, "[NOM]"))
        last = item.end
    parts.append(text[last:])
    return "".join(parts)
