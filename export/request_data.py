"""Generator of French medical requests with labels by design (issue 4; SPEC §3–§5).

Each document is drawn as: a request type, a layout (letter, patient message, pharmacy fax, form, lab report,
SAMU note, one-liner...), the set of SPEC §4 elements it contains, and then rendered from parts that carry their
element. Parts are written with inline marks ``⟦element|text⟧`` (nestable); `render` strips the marks and keeps
the character spans, so the labels are exactly the elements that were written, with their evidence.
Distractors that are *not* elements under the labelling guide (resources/eval/README.md) are added on purpose:
negated signs, a patient's fear, a disease named only as a drug's indication, a relative's allergy, the
recipient's name and civility, exams mentioned without their result.

    python -m export.request_data --out .work/requests/train.jsonl --n 20000 --seed 1
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from export import request_lexicon as L

TYPES = ["renouvellement", "avis_specialiste", "imagerie", "biologie", "resultats", "hospitalisation",
         "certificat", "consultation", "compte_rendu", "autre"]
ELEMENTS = ["identite_patient", "age", "sexe", "motif", "symptomes", "antecedents", "allergies",
            "traitement_en_cours", "diagnostic", "posologie", "examen_demande", "resultats_examens", "urgence",
            "medecin_demandeur", "date_demande"]
URGENCY_LEVELS = ["urgent", "rapide", "programme", "non_precise"]

OPEN, SEP, CLOSE = "⟦", "|", "⟧"

# Probability that an element is written, per type (layouts may forbid some elements).
_BASE = dict(identite_patient=.7, age=.5, sexe=.55, motif=.75, symptomes=.35, antecedents=.3, allergies=.35,
             traitement_en_cours=.4, diagnostic=.35, posologie=.5, examen_demande=.15, resultats_examens=.15,
             urgence=.35, medecin_demandeur=.55, date_demande=.4)
PRESENCE = {
    "renouvellement": dict(traitement_en_cours=.95, posologie=.6, diagnostic=.45, allergies=.4, symptomes=.2),
    "avis_specialiste": dict(motif=.9, symptomes=.7, antecedents=.55, traitement_en_cours=.6, allergies=.45,
                             urgence=.45, age=.6, diagnostic=.45, resultats_examens=.3, examen_demande=.2),
    "imagerie": dict(examen_demande=.95, motif=.75, symptomes=.5, diagnostic=.4, urgence=.45, age=.6,
                     allergies=.3, resultats_examens=.2, traitement_en_cours=.25),
    "biologie": dict(examen_demande=.95, motif=.7, traitement_en_cours=.4, symptomes=.35, diagnostic=.35),
    "resultats": dict(resultats_examens=.95, date_demande=.65, motif=.35, symptomes=.2, diagnostic=.35,
                      examen_demande=.2, urgence=.15, traitement_en_cours=.2, allergies=.1),
    "hospitalisation": dict(motif=.9, symptomes=.75, antecedents=.6, traitement_en_cours=.6, allergies=.55,
                            diagnostic=.55, urgence=.6, age=.7, resultats_examens=.35),
    "certificat": dict(motif=.95, symptomes=.3, antecedents=.15, traitement_en_cours=.15, allergies=.1,
                       diagnostic=.2, medecin_demandeur=.3, urgence=.2, posologie=.3),
    "consultation": dict(motif=.85, symptomes=.8, antecedents=.35, traitement_en_cours=.4, allergies=.35,
                         urgence=.4, diagnostic=.25),
    "compte_rendu": dict(motif=.7, diagnostic=.85, traitement_en_cours=.75, posologie=.6, symptomes=.55,
                         antecedents=.5, resultats_examens=.55, allergies=.45, medecin_demandeur=.8,
                         date_demande=.6, examen_demande=.3, urgence=.08),
    "autre": dict(identite_patient=.55, motif=.6, symptomes=.12, antecedents=.1, allergies=.25,
                  traitement_en_cours=.2, diagnostic=.12, posologie=.3, examen_demande=.08,
                  resultats_examens=.08, urgence=.12, medecin_demandeur=.3, date_demande=.3, age=.3, sexe=.4),
}


def mark(element: str, text: str) -> str:
    return f"{OPEN}{element}{SEP}{text}{CLOSE}" if text else ""


def render(markup: str) -> tuple[str, dict[str, list[list[int]]]]:
    """Strip the ⟦element|…⟧ marks; return the plain text and each element's [start, end] spans."""
    out: list[str] = []
    stack: list[tuple[str, int]] = []
    spans: dict[str, list[list[int]]] = {}
    pos = i = 0
    while i < len(markup):
        ch = markup[i]
        if ch == OPEN:
            j = markup.index(SEP, i)
            stack.append((markup[i + 1:j], pos))
            i = j + 1
            continue
        if ch == CLOSE:
            element, start = stack.pop()
            text = "".join(out)
            s, e = start, pos
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1] in " \n\t,;.":
                e -= 1
            if e > s:
                spans.setdefault(element, []).append([s, e])
            i += 1
            continue
        out.append(ch)
        pos += 1
        i += 1
    if stack:
        raise ValueError(f"unclosed mark in {markup!r}")
    return "".join(out), spans


# ---------------------------------------------------------------- noise (applied after rendering, spans kept)

def _edit(text: str, spans: dict, p: int, length: int, new: str) -> str:
    delta = len(new) - length

    def move(b: int) -> int:
        if b <= p:
            return b
        if b >= p + length:
            return b + delta
        return p + min(b - p, len(new))

    for lst in spans.values():
        for sp in lst:
            sp[0], sp[1] = move(sp[0]), move(sp[1])
    return text[:p] + new + text[p + length:]


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def add_noise(text: str, spans: dict, rng: random.Random, level: float) -> str:
    """Typos of hurried mail: swapped/dropped/doubled letters, lost accents and apostrophes."""
    if level <= 0:
        return text
    if rng.random() < level * 0.6:  # accents dropped everywhere (length-preserving)
        text = "".join(strip_accents(c) if len(strip_accents(c)) == 1 else c for c in text)
    if rng.random() < level * 0.5:
        for m in reversed(list(re.finditer(r"(?<=\b[jlndcsJLNDCS])'", text))):
            if rng.random() < 0.7:
                text = _edit(text, spans, m.start(), 1, "")
    words = [m for m in re.finditer(r"[^\W\d_]{4,}", text)]
    n_typos = sum(1 for _ in words if rng.random() < level * 0.08)
    for m in sorted(rng.sample(words, min(n_typos, len(words))), key=lambda m: -m.start()):
        k = rng.randrange(1, len(m.group()) - 2)
        p = m.start() + k
        kind = rng.random()
        if kind < 0.35:
            text = _edit(text, spans, p, 2, text[p + 1] + text[p])
        elif kind < 0.7:
            text = _edit(text, spans, p, 1, "")
        else:
            text = _edit(text, spans, p, 1, text[p] * 2)
    return text


def abbreviate(markup: str, rng: random.Random, p: float) -> str:
    """Notes' shorthand ("ttt", "atcd", "OMI", "cp"); element names inside marks are left alone."""
    for pattern, short in L.ABBREVIATIONS:
        if rng.random() < p:
            markup = re.sub(rf"(?<![\w{OPEN}])({pattern})(?![\w|])", short, markup, flags=re.I)
    return markup


def drop_punctuation(text: str, spans: dict, rng: random.Random) -> str:
    for m in reversed(list(re.finditer(r"[,.;:!?](?=\s|$)", text))):
        if rng.random() < 0.75:
            text = _edit(text, spans, m.start(), 1, "")
    return text


# ---------------------------------------------------------------- the case being written

@dataclass
class Case:
    rng: random.Random
    rtype: str
    layout: str
    els: set[str]
    dom: L.Domain
    sex: str
    first: str
    last: str
    age: int
    drugs: list[tuple[str, str, str]] = field(default_factory=list)  # (name, strength, form)
    allergy_positive: bool = False
    urgency: str = "non_precise"
    relative: str = ""  # "ma mère" when a relative writes for the patient
    doctor: tuple[str, str] = ("", "")
    city: str = ""
    used: set[str] = field(default_factory=set)  # elements already written inside another part

    def has(self, element: str) -> bool:
        return element in self.els

    def pick(self, seq):
        return self.rng.choice(seq)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    @property
    def fem(self) -> bool:
        """Grammatical feminine for the patient only when the sex is written (else the generic masculine)."""
        return self.sex == "F" and self.has("sexe")

    def e(self, masc: str, fem: str) -> str:
        return fem if self.fem else masc


def _bare(phrase: str) -> str:
    return re.sub(r"^(un |une |des |le |la |les |l')", "", phrase)


def _de(phrase: str) -> str:
    """'de' + noun phrase without its article, with elision."""
    b = _bare(phrase)
    return ("d'" if b[:1].lower() in "aeiouyéèêhâ" else "de ") + b


def _cap(s: str) -> str:
    """Upper-case the first letter, looking through leading marks."""
    m = re.match(rf"((?:{OPEN}[a-z_]+\{SEP})*)(.)", s, flags=re.S)
    return s[:m.start(2)] + m.group(2).upper() + s[m.end(2):] if m else s


def _num(template: str, rng: random.Random) -> str:
    def repl(m: re.Match) -> str:
        kind, lo, hi = m.group(1), m.group(2), m.group(3)
        if kind == "n":
            return str(rng.randint(int(lo), int(hi)))
        return f"{rng.uniform(float(lo), float(hi)):.1f}".replace(".", ",")
    return re.sub(r"\{([nd]):([\d.]+)-([\d.]+)\}", repl, template)


def a_date(rng: random.Random, style: int | None = None) -> str:
    d, m, y = rng.randint(1, 28), rng.randint(1, 12), rng.choice([2024, 2025, 2026])
    style = rng.randrange(5) if style is None else style
    return [f"{d:02d}/{m:02d}/{y}", f"{d} {L.MONTHS[m - 1]} {y}", f"{d:02d}.{m:02d}.{y % 100:02d}",
            f"{d}/{m}/{y % 100}", f"{d:02d}/{m:02d}/{y}"][style]


def dob(rng: random.Random, age: int) -> str:
    return f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{2025 - age}"


# ---------------------------------------------------------------- element phrases

def patient_intro(c: Case, style: str = "prose") -> str:
    """The patient as introduced in a third-person text: name, civility, age, as chosen."""
    civ_f, civ_m = c.pick([("Mme", "M."), ("Madame", "Monsieur"), ("Mme", "Mr"), ("Mlle", "M.")])
    civ = civ_f if c.sex == "F" else civ_m
    if c.age < 16:
        civ = c.pick(["la petite", "l'enfant"]) if c.sex == "F" else c.pick(["le petit", "l'enfant"])
        if civ == "l'enfant":
            civ = ""
    name = c.pick([f"{c.first} {c.last}", f"{c.last.upper()} {c.first}", f"{c.first} {c.last.upper()}", c.last])
    age = ""
    if c.has("age"):
        if c.age < 2:
            age_txt = f"{c.rng.randint(2, 22)} mois"
        else:
            agree = "e" if c.fem else ""
            age_txt = c.pick([f"{c.age} ans", f"{c.age} ans", f"{c.age} a", f"né{agree} le {dob(c.rng, c.age)}",
                              f"âgé{agree} de {c.age} ans"])
        age = mark("age", age_txt)
    if c.has("identite_patient"):
        if c.has("sexe") and civ:
            who = mark("identite_patient", mark("sexe", civ) + " " + name)
        elif c.has("sexe"):
            if c.age < 16:
                nouns = ["fille"] if c.sex == "F" else ["garçon"]
            else:
                nouns = ["femme", "patiente"] if c.sex == "F" else ["homme"]
            who = mark("identite_patient", name) + ", " + mark("sexe", c.pick(nouns))
        else:
            who = mark("identite_patient", name if name != c.last else f"{c.first} {c.last}")
        if c.chance(0.1):
            who += f" (IPP {c.rng.randint(1000000, 99999999)})"
        if age:
            who += c.pick([f", {age}", f" ({age})", f", {age},"]).rstrip(",")
        return who
    if c.has("sexe"):
        noun = (c.pick(["une patiente", "une femme", "votre patiente", "une jeune femme"]) if c.sex == "F"
                else c.pick(["un homme", "un monsieur", "un jeune homme"]))
        if c.age < 16:
            noun = "une fillette" if c.sex == "F" else "un garçon"
        art, word = noun.split(" ", 1)
        if art in ("une", "un", "votre"):
            return f"{art} {mark('sexe', word)}" + _age_tail(age)
        return mark("sexe", noun) + _age_tail(age)
    base = c.pick(["un patient", "votre patient", "ce patient", "le patient"]) if c.age >= 16 else "un enfant"
    return base + (c.pick([_age_tail(age), f" ({age})", f", {age},"]).rstrip(",") if age else "")


def _age_tail(age: str) -> str:
    if not age:
        return ""
    return f" de {age}" if age[len(OPEN) + 4:][:1].isdigit() else f", {age}"


def subject(c: Case) -> str:
    return c.e("il", "elle")


def symptoms(c: Case, style: str) -> str:
    if not c.has("symptomes"):
        return ""
    dur = c.pick(L.SYMPTOM_DURATIONS) if c.chance(0.75) else ""
    if style == "lay":
        s = c.pick(c.dom.lay_symptoms)
        if c.chance(0.3):
            s += " et " + _bare(c.pick(c.dom.symptoms))
        return mark("symptomes", f"{s} {dur}".strip())
    s = c.pick(c.dom.symptoms)
    if c.chance(0.35):
        other = c.pick(c.dom.symptoms)
        if other != s:
            s += c.pick([" et ", " avec ", ", "]) + other
    if style in ("note", "form"):
        s = _bare(s)
    return mark("symptomes", f"{s} {dur}".strip())


def symptom_sentence(c: Case, style: str) -> str:
    if "symptomes" in c.used:
        return ""
    sym = symptoms(c, style)
    if not sym:
        return ""
    neg = (", " + c.pick([n for n in L.NEGATED_SIGNS if n != "asymptomatique"])) if c.chance(0.3) else ""
    if style == "lay":
        return sym + neg
    if style == "note":
        return c.pick(["", "Clinique : ", "SF : ", "Signes : "]) + sym + neg
    if style == "form":
        return c.pick(["Symptômes", "Signes cliniques", "Clinique", "Plainte"]) + " : " + sym + neg
    subj = _cap(subject(c))
    return c.pick([f"{subj} présente {sym}{neg}.", f"{subj} se plaint {_de_mark(sym)}{neg}.",
                   f"On note {sym}{neg}.", f"Il existe {sym}{neg}.", f"{subj} décrit {sym}{neg}.",
                   f"Tableau {_de_mark(sym)}{neg}."])


def _de_mark(sym: str) -> str:
    """'de' + a marked phrase: drop the article inside the mark ("se plaint de douleurs")."""
    inner = sym[len(OPEN) + len("symptomes") + 1:]
    bare = _bare(inner)
    art = "d'" if bare[:1].lower() in "aeiouyéèêhâœ" else "de "
    return art + OPEN + "symptomes" + SEP + bare


def negated_only(c: Case) -> str:
    """A distractor: only negated signs (not the element `symptomes`)."""
    return _cap(", ".join(c.rng.sample(L.NEGATED_SIGNS, 2))) + "."


def history(c: Case, style: str) -> str:
    if not c.has("antecedents"):
        return ""
    if c.chance(0.15):
        none = c.pick(["pas d'antécédent notable", "pas d'ATCD", "ATCD : néant", "aucun antécédent particulier",
                       "Antécédents : RAS"] if style != "lay" else ["je n'ai pas d'antécédent particulier",
                                                                     "jamais été malade", "pas d'antécédents"])
        return mark("antecedents", none)
    if style == "lay":
        return mark("antecedents", c.pick(L.LAY_HISTORY))
    other_sex = L.FEMALE_ONLY if c.sex == "M" else L.MALE_ONLY
    pool = L.CHILD_HISTORY if c.age < 16 else [h for h in L.HISTORY if h not in other_sex]
    items = c.rng.sample(pool, c.rng.randint(1, 3 if c.age < 16 else 4))
    if c.chance(0.2) and c.age >= 16:
        items.append(c.pick(L.FAMILY_HISTORY))
    label = c.pick(["ATCD : ", "Antécédents : ", "ATCD ", "Antécédents médicaux : ", "Dans ses antécédents : ",
                    "ATCD notables : ", "Antécédents : "])
    if style == "prose" and c.chance(0.4):
        return f"{_cap(subject(c))} a pour antécédents " + mark("antecedents", ", ".join(items)) + "."
    return label + mark("antecedents", ", ".join(items))


def allergy(c: Case, style: str) -> str:
    if not c.has("allergies"):
        return ""
    if c.allergy_positive:
        a = c.pick(L.ALLERGENS)
        reaction = f" ({c.pick(L.ALLERGY_REACTIONS)})" if c.chance(0.35) else ""
        if style == "lay":
            txt = c.pick([f"je suis allergique à {a}", f"j'ai une allergie à {a}", f"allergie à {a}",
                          f"attention je suis allergique à {a}", f"je fais une allergie à {a}"])
        elif style in ("note", "form"):
            txt = c.pick([f"Allergie : {_bare(a)}", f"Allergie {_bare(a)}", f"Allergies : {_bare(a)}{reaction}",
                          f"ALLERGIE {_bare(a).upper()}", f"Allergie à {a}", f"Allergique à {a}"]) + reaction
        else:
            txt = c.pick([f"{_cap(subject(c))} est allergique à {a}", f"Allergie connue à {a}{reaction}",
                          f"On note une allergie à {a}{reaction}", f"Allergie à {a}",
                          f"{_cap(subject(c))} a présenté une réaction allergique à {a}{reaction}",
                          f"Attention : allergie à {a}"])
        txt = txt.replace("à le ", "au ").replace("à les ", "aux ")
        return mark("allergies", txt)
    if style == "lay":
        txt = c.pick(["je n'ai pas d'allergie", "pas d'allergie", "je ne suis allergique à rien",
                      "aucune allergie connue"])
    elif style in ("note", "form"):
        txt = c.pick(["Allergies : aucune", "Allergie : 0", "Allergies : RAS", "Pas d'allergie connue",
                      "Allergie : néant", "Allergies : aucune connue", "pas d'allergie", "Allergie iode : non",
                      "Allergies médicamenteuses : aucune"])
    else:
        txt = c.pick(["Pas d'allergie connue", "Aucune allergie connue", "Pas d'allergie médicamenteuse connue",
                      f"{_cap(subject(c))} n'a pas d'allergie connue", "Absence d'allergie connue",
                      f"{_cap(subject(c))} ne présente pas d'allergie"])
    return mark("allergies", txt)


def relative_allergy(c: Case) -> str:
    who = c.pick(["sa mère", "son frère", "sa sœur", "son père", "son fils"])
    return f"À noter : {who} est allergique à {c.pick(L.ALLERGENS)}.".replace("à le ", "au ").replace("à les ", "aux ")


def dose(c: Case, strength: str, form: str, full: bool = True) -> str:
    freq = c.pick(L.FREQUENCIES).format(form=form)
    parts = [p for p in (strength if c.chance(0.8) else "", freq if full or c.chance(0.5) else "",
                         c.pick(L.DURATIONS_RX) if c.chance(0.25) else "") if p]
    return " ".join(parts) or freq


def drug_list(c: Case, style: str, n: int | None = None) -> list[str]:
    """Marked drugs of the patient, with their doses when `posologie` is chosen."""
    n = n or len(c.drugs)
    out = []
    for name, strength, form in c.drugs[:n]:
        shown = name
        if style == "lay" and c.chance(0.5):
            shown = name.lower()
        elif name.isupper() and c.chance(0.5):
            shown = name.capitalize()
        item = mark("traitement_en_cours", shown)
        if c.has("posologie"):
            item += c.pick([" ", " ", ", ", " : "]) + mark("posologie", dose(c, strength, form))
        out.append(item)
    return out


def indication_tail(c: Case) -> str:
    """A disease named only as the drugs' purpose (not the element `diagnostic`)."""
    if c.has("diagnostic") or not c.chance(0.35):
        return ""
    return " pour " + c.pick(L.INDICATIONS.get(c.dom.key, ["les douleurs"]))


def treatment(c: Case, style: str) -> str:
    if not c.has("traitement_en_cours"):
        return ""
    if not c.has("posologie") and c.chance(0.12):
        none = c.pick(["pas de traitement", "aucun traitement", "TTT : néant", "pas de traitement au long cours",
                       "Traitement habituel : aucun"] if style != "lay" else ["je ne prends aucun médicament",
                                                                             "pas de traitement"])
        return mark("traitement_en_cours", none)
    if not c.has("posologie") and c.chance(0.12) and style != "lay":
        return f"{_cap(subject(c))} est sous " + mark("traitement_en_cours",
                                                      c.pick(L.DRUG_CLASSES)) + indication_tail(c)
    items = drug_list(c, style)
    joined = (c.pick([", ", " ; ", " + ", ", "]) if style != "form" else c.pick(["\n- ", "\n", " ; "])).join(items)
    if style == "form" and joined.startswith(OPEN) and "\n" in joined:
        joined = ("\n- " if "- " in joined else "\n") + joined
    if style == "lay":
        return c.pick(["je prends ", "je suis sous ", "mon traitement : ", "j'ai "]) + joined + indication_tail(c)
    label = c.pick(["Traitement : ", "TTT : ", "Traitement habituel : ", "Traitement en cours : ",
                    "Traitement actuel : ", "TTT habituel : "] + (["Sous "] if "\n" not in joined else []))
    if style == "prose" and c.chance(0.4):
        return f"{_cap(subject(c))} est traité{'e' if c.fem else ''} par " + joined + indication_tail(c) + "."
    return label + joined + indication_tail(c)


def diagnosis(c: Case, style: str) -> str:
    if not c.has("diagnostic"):
        return ""
    known = c.chance(0.55)
    d = c.pick(c.dom.known if known else c.dom.suspected)
    if style == "lay":
        if known:
            return mark("diagnostic", c.pick(c.dom.lay_known))
        return mark("diagnostic", c.pick(["le médecin des urgences a parlé " + _de(d), "on m'a diagnostiqué " + d]))
    if known:
        agree = "e" if d.startswith("une") else ""
        years = c.rng.randint(1, max(1, min(20, c.age - 1)))
        txt = c.pick([f"{_bare(d)} connu{agree}", f"suivi{'e' if c.fem else ''} pour {d}",
                      f"Diagnostic : {_bare(d)}", f"dans le cadre {_de(d)}",
                      f"{'porteuse' if c.fem else 'porteur'} {_de(d)}", f"{_bare(d)} connu{agree} depuis {years} ans"])
    else:
        txt = c.pick([f"suspicion {_de(d)}", f"Hypothèse diagnostique : {_bare(d)}", f"probable {_bare(d)}",
                      f"évocateur {_de(d)}", f"{_bare(d)} à éliminer", f"je suspecte {d}", f"tableau évoquant {d}",
                      f"Diagnostic : {_bare(d)}", f"Conclusion : {_bare(d)}", f"possible {_bare(d)}"])
    txt = txt.replace("dans le cadre de une", "dans le cadre d'une").replace("dans le cadre de un",
                                                                             "dans le cadre d'un")
    return mark("diagnostic", txt)


def diagnosis_sentence(c: Case, style: str) -> str:
    if "diagnostic" in c.used:
        return ""
    d = diagnosis(c, style)
    if not d or style != "prose":
        return d
    inner = d[len(OPEN) + len("diagnostic") + 1:]
    if inner.startswith(("suivi", "porteur")):
        return f"{_cap(subject(c))} est {d}."
    return _cap(d) + "."


def fear(c: Case, style: str) -> str:
    """A distractor: the patient's fear is not a diagnosis."""
    if style == "lay":
        return c.pick(L.LAY_FEARS)
    return c.pick(L.FEARS).format(pro=_cap(subject(c))).replace("(e)", "e" if c.fem else "") + "."


def biology_list(c: Case) -> str:
    general = ["NFS", "CRP", "ionogramme", "créatinine", "bilan hépatique", "TSH", "glycémie à jeun", "HbA1c",
               "ferritine", "bilan lipidique", "INR", "TP/TCA", "vitamine D", "urée", "NFS-plaquettes", "ECBU",
               "kaliémie", "DFG", "albuminémie", "sérologie VIH", "groupe sanguin"]
    pool = list(dict.fromkeys(c.dom.biology + general))
    items = c.rng.sample(pool[: len(c.dom.biology) + 8], c.rng.randint(1, 5))
    return c.pick([", ", " + ", " - ", ", "]).join(items)


def imaging_exam(c: Case) -> str:
    ex = c.pick(c.dom.imaging) if c.chance(0.65) else c.pick(L.GENERAL_IMAGING)
    if c.chance(0.15) and "inject" not in ex:
        ex += c.pick([" avec injection", " injecté", " sans injection", " avec produit de contraste"])
    if c.chance(0.25):
        ex = _bare(ex)
    return ex


def exam_requested(c: Case, style: str, kind: str | None = None) -> str:
    if not c.has("examen_demande"):
        return ""
    kind = kind or ("bio" if c.rtype == "biologie" else "img" if c.rtype == "imagerie" else c.pick(["bio", "img"]))
    ex = biology_list(c) if kind == "bio" else imaging_exam(c)
    if style == "lay":
        if kind == "bio" and c.chance(0.5):
            ex = c.pick(L.LAY_BIOLOGY) + (f" ({biology_list(c)})" if c.chance(0.3) else "")
        return c.pick(L.LAY_EXAM_ASKS) + mark("examen_demande", ex)
    if style in ("note", "form"):
        return c.pick(["Examen demandé : ", "Examen : ", "Prescription : ", "À faire : ", "Demande : ",
                       ""]) + mark("examen_demande", ex)
    if c.rtype in ("compte_rendu", "resultats"):
        return c.pick(["À compléter par ", "Je propose ", "Contrôle prévu : ", "Prévoir ", "Un contrôle par "]) + mark(
            "examen_demande", ex) + c.pick([".", " dans 3 mois.", " à 6 semaines.", " sera à prévoir."])
    return c.pick(["Merci de réaliser ", "Je vous remercie de pratiquer ", "Merci de faire ",
                   "Pourriez-vous réaliser ",
                   "Je souhaiterais ", "Merci de programmer "]) + mark("examen_demande", ex) + "."


def results(c: Case, style: str) -> str:
    if not c.has("resultats_examens"):
        return ""
    pool = [r for r in c.dom.results if "!" not in r or c.has("diagnostic")]
    items = [_num(r, c.rng) for r in c.rng.sample(pool, min(len(pool), c.rng.randint(1, 3)))]
    marked = ", ".join(mark("resultats_examens", r.replace("!", "")) if "!" not in r else
                       mark("resultats_examens", r.split("!")[0] + mark("diagnostic", r.split("!")[1])) for r in items)
    if style == "lay":
        return c.pick(["voici mes résultats : ", "j'ai eu mes résultats : ", "la prise de sang montre "]) + marked
    when = c.pick(["", f" du {a_date(c.rng)}", " récent", " de ce jour", " de la semaine dernière"])
    return c.pick([f"Bilan{when} : ", f"Résultats{when} : ", "Le bilan retrouve ", "Examens : ", "On retrouve ",
                   f"Dernier bilan{when} : "]) + marked


def urgency(c: Case, style: str) -> str:
    if not c.has("urgence"):
        return ""
    table = L.LAY_URGENCY if style == "lay" else L.URGENCY
    return mark("urgence", c.pick(table[c.urgency]))


def doctor_name(c: Case) -> str:
    first, last = c.doctor
    return c.pick([f"Dr {first} {last}", f"Docteur {first} {last.upper()}", f"Dr {first[0]}. {last}", f"Dr {last}",
                   f"Dr {last.upper()} {first}"])


def signature(c: Case, role: str = "doctor") -> str:
    if not c.has("medecin_demandeur"):
        return ""
    first, last = c.doctor
    if role == "pharmacy":
        place = c.pick(["du Centre", "de la Gare", "des Halles", "Saint-Michel"])
        txt = c.pick([f"{first} {last}, pharmacien{'ne' if first in L.FIRST_F else ''}",
                      f"Dr {first} {last}, docteur en pharmacie", f"Pharmacie {place}"])
    elif role == "nurse":
        txt = c.pick([f"{first} {last}, IDE", f"{first} {last}, infirmière", f"L'IDE coordinatrice, {first} {last}",
                      f"Cabinet infirmier {last}"])
    elif role == "lab":
        txt = c.pick([f"Biologiste : Dr {first} {last}",
                      f"Laboratoire {c.pick(L.LABS)} — Dr {last}",
                      f"Validé par Dr {first} {last}, biologiste"])
    elif role == "service":
        txt = c.pick([f"Service de {c.pick(L.SERVICES)}, CH de {c.city}",
                      f"{doctor_name(c)}, interne, service des urgences",
                      f"{doctor_name(c)} — poste {c.rng.randint(2000, 6999)}"])
    else:
        role_txt = c.pick(["", ", médecin généraliste", ", médecin traitant", f", {c.dom.specialist}", " — MG",
                           f"\nRPPS {c.rng.randint(10000000000, 10999999999)}", ", remplaçant"])
        txt = doctor_name(c) + role_txt
    return mark("medecin_demandeur", txt)


def letterhead(c: Case) -> str:
    if not c.has("medecin_demandeur"):
        return ""
    first, last = c.doctor
    lines = [mark("medecin_demandeur", c.pick([f"Docteur {first} {last.upper()}", f"Dr {first} {last}",
                                               f"Cabinet médical du Dr {last}"]))]
    lines.append(c.pick(["Médecine générale", f"{_cap(c.dom.specialist)}",
                         "Médecin généraliste — Conventionné secteur 1",
                         "Diplômé de la faculté de médecine"]))
    postcode = f"{c.rng.randint(10, 95)}{c.rng.randint(0, 9)}00"
    lines.append(f"{c.rng.randint(1, 120)} {c.pick(L.STREETS)}, {postcode} {c.city}")
    if c.chance(0.6):
        pairs = " ".join(str(c.rng.randint(10, 99)) for _ in range(4))
        lines.append(f"Tél. 0{c.rng.randint(1, 5)} {pairs}")
    return "\n".join(lines)


def date_line(c: Case, style: str = "prose") -> str:
    if not c.has("date_demande"):
        return ""
    d = a_date(c.rng)
    if style == "form":
        return "Date : " + mark("date_demande", d)
    return mark("date_demande", c.pick([f"{c.city}, le {d}", f"Le {d}", d, f"Fait à {c.city}, le {d}", f"le {d}"]))


def greeting(c: Case) -> str:
    """Recipient lines: never the patient's civility, never the requester."""
    first, last = c.pick(L.FIRST_F + L.FIRST_M), c.pick(L.LAST)
    return c.pick(["Cher confrère,", "Chère consœur,", "Cher confrère, chère consœur,", "Madame, Monsieur,",
                   "Docteur,", "Cher ami,", "Chère amie,", f"Cher Docteur {last},", "Mon cher confrère,",
                   f"À l'attention du Dr {last},", "Monsieur et cher confrère,", "Madame et chère consœur,"])


CLOSINGS = ["Bien confraternellement,", "Confraternellement,", "Bien cordialement,", "Je vous remercie de votre aide.",
            "Avec mes remerciements,", "Bien amicalement,", "Je reste à votre disposition.", "Merci d'avance.",
            "Cordialement,"]


# ---------------------------------------------------------------- motifs per type

def motif(c: Case, style: str) -> str:
    """What is asked and why; empty when `motif` is not chosen."""
    if not c.has("motif"):
        return ""
    t, lay = c.rtype, style == "lay"
    spec = c.dom.specialty
    nest = [e for e in ("symptomes", "diagnostic") if c.has(e) and e not in c.used]
    if nest and not lay and t in ("avis_specialiste", "imagerie", "biologie", "hospitalisation", "consultation",
                                  "compte_rendu", "resultats") and c.chance(0.45):
        element = c.pick(nest)
        inner = symptoms(c, "note") if element == "symptomes" else diagnosis(c, "note")
        c.used.add(element)
        lead = {"avis_specialiste": [f"pour {spec} concernant ", "pour avis devant ", "Motif : "],
                "imagerie": ["Indication : ", "Renseignements cliniques : ", "pour ", "Motif : "],
                "biologie": ["Renseignements : ", "dans le contexte de ", "Motif : "],
                "hospitalisation": ["pour hospitalisation devant ", "Motif d'admission : ",
                                    "admission demandée pour "],
                "consultation": ["souhaite consulter pour ", "RDV demandé pour ", "Motif : "],
                "compte_rendu": ["Motif d'hospitalisation : ", "vu pour ", "Motif de consultation : ",
                                 "Indication : "],
                "resultats": ["Indication : ", "Renseignements cliniques : "]}[t]
        return mark("motif", c.pick(lead) + inner)
    if t == "renouvellement":
        txt = c.pick(["je voudrais le renouvellement de mon ordonnance", "c'est pour refaire mon ordonnance",
                      "il me faudrait une nouvelle ordonnance", "pouvez-vous me renouveler mon traitement",
                      "j'ai besoin de mon ordonnance renouvelée"] if lay else
                     ["demande de renouvellement d'ordonnance", "Objet : renouvellement de traitement",
                      "renouvellement de ses médicaments" + indication_tail(c),
                      "merci de renouveler l'ordonnance", "pour renouvellement de son traitement habituel",
                      "Motif : renouvellement", "demande le renouvellement de son ordonnance",
                      "renouvellement du traitement svp", "Pourriez-vous nous faire parvenir une nouvelle ordonnance"])
    elif t == "avis_specialiste":
        who = c.dom.specialist
        txt = c.pick([f"pouvez-vous me faire un courrier pour voir un {who}", f"j'aimerais voir un {who}",
                      f"il me faudrait une lettre pour le {who}"] if lay else
                     [f"pour {spec}", f"Objet : demande d'{spec}", f"je vous adresse ce patient pour {spec}",
                      f"merci de le voir pour {spec}", f"Motif : {spec}", f"pour votre avis spécialisé",
                      f"je sollicite votre avis", f"pour prise en charge spécialisée"])
        if c.fem:
            txt = txt.replace("ce patient", "cette patiente").replace("le voir", "la voir")
    elif t in ("imagerie", "biologie"):
        ind = c.pick(["bilan pré-opératoire", "contrôle annuel", "bilan de suivi", "dépistage",
                      "contrôle après traitement",
                      "bilan initial", "surveillance", "bilan systématique", "contrôle à 3 mois", "bilan d'extension"])
        txt = c.pick(["c'est pour un contrôle", "c'est pour le suivi",
                      "c'est pour un bilan avant l'opération"] if lay else
                     [f"Indication : {ind}", f"Motif : {ind}", f"Contexte : {ind}",
                      f"Renseignements cliniques : {ind}", f"pour {ind}"])
    elif t == "resultats":
        txt = c.pick(["voici mes résultats", "je vous envoie mes résultats",
                      "je vous transmets le compte rendu"] if lay else
                     ["veuillez trouver ci-joint les résultats", "je vous transmets les résultats",
                      "pour information, résultats de votre patient", "Transmission de résultats",
                      "Renseignements cliniques : contrôle", "Indication : bilan de suivi"])
    elif t == "hospitalisation":
        txt = c.pick(["je voudrais être hospitalisé", "comment faire pour avoir une place en hospitalisation",
                      "il faudrait l'hospitaliser"] if lay else
                     ["pour hospitalisation", "Demande d'admission", "merci de l'accueillir dans votre service",
                      "admission demandée", "pour prise en charge hospitalière", "Motif d'admission : prise en charge",
                      "demande de transfert", "Demande d'hospitalisation", "pour mutation en réanimation",
                      "demande de place en SSR", "pour hospitalisation programmée"])
    elif t == "certificat":
        txt = ("il me faudrait " + c.pick(L.LAY_CERTIFICATES)) if lay else c.pick(
            ["Demande de ", "merci de rédiger ", "pour ", "Objet : ", "le club demande "]) + c.pick(L.CERTIFICATES)
    elif t == "consultation":
        txt = c.pick(["je voudrais un rendez-vous", "je souhaiterais consulter", "est-ce que je peux avoir un rdv",
                      "c'est pour prendre rendez-vous", "je voudrais prendre rdv", "on peut venir quand"] if lay else
                     ["souhaite un rendez-vous", "demande de consultation", "merci de le voir en consultation",
                      "demande un créneau", "pour une consultation", "RDV demandé"])
    elif t == "compte_rendu":
        txt = c.pick(["à votre demande", "Motif de consultation : suivi", "Motif d'hospitalisation : bilan",
                      "pour prise en charge", "en consultation de suivi", "adressé pour avis",
                      "Motif : contrôle", "pour bilan annuel", "pour réévaluation"])
    else:
        txt = c.pick(L.AUTRE_REQUESTS).format(day=c.pick(L.DAYS))
        if lay:
            txt = c.pick(["je voudrais ", "pourriez-vous m'aider à ", "je vous écris pour ", "je souhaiterais "]) + txt
        else:
            for a, b in [("mon ", "son "), ("ma ", "sa "), ("mes ", "ses "), ("je ", "il ")]:
                txt = txt.replace(a, b)
            txt = c.pick(["souhaite ", "demande à ", "voudrait ", "appelle pour "]) + txt
    return mark("motif", txt)


# ---------------------------------------------------------------- layouts

def _join(parts: list[str], sep: str) -> str:
    return sep.join(p for p in parts if p)


def _sentence(s: str) -> str:
    s = s.strip()
    if not s:
        return ""
    return _cap(s) + ("" if s.endswith((".", "?", "!", CLOSE + ".")) else ".")


def _distractors(c: Case, style: str) -> list[str]:
    out = []
    if not c.has("symptomes") and c.chance(0.2) and style != "lay":
        out.append(negated_only(c))
    if not c.has("diagnostic") and c.chance(0.12):
        out.append(fear(c, style))
    if (not c.has("allergies") or not c.allergy_positive) and c.chance(0.07) and style != "lay":
        out.append(relative_allergy(c))
    if not c.has("resultats_examens") and c.chance(0.08) and style != "lay":
        out.append(_cap(c.pick(L.EXAM_DONE_NO_RESULT)) + ".")
    return out


def clinical_block(c: Case, style: str) -> list[str]:
    parts = [symptom_sentence(c, style), history(c, style), treatment(c, style), allergy(c, style),
             diagnosis_sentence(c, style), results(c, style)]
    parts = [p for p in parts if p] + _distractors(c, style)
    if c.chance(0.5):
        c.rng.shuffle(parts)
    return parts


def layout_letter(c: Case) -> str:
    """A referral/request letter: letterhead, date, greeting, paragraphs, closing, signature."""
    intro = patient_intro(c)
    mot = motif(c, "prose")
    t = c.rtype
    verb = {"avis_specialiste": "Je vous adresse", "hospitalisation": "Je vous adresse",
            "imagerie": "Merci de recevoir", "biologie": "Merci de prélever", "consultation": "Je vous adresse",
            "compte_rendu": "J'ai revu ce jour", "resultats": "Je vous transmets les résultats de",
            "certificat": "Je vous adresse",
            "renouvellement": "Je vous écris au sujet de", "autre": "Je vous écris au sujet de"}[t]
    labelled = bool(mot) and re.match(rf"(?:{OPEN}[a-z_]+\{SEP})*[A-ZÀ-Ý]", mot) is not None
    first = f"{verb} {intro}" + (f", {mot}" if mot and not labelled else "") + "."
    body = [first]
    if labelled:
        body.insert(0 if c.chance(0.5) else len(body), mot + ".")
    body += [_sentence(p) for p in clinical_block(c, "prose")]
    for filler in c.rng.sample(L.FILLERS, c.rng.choice([0, 0, 1, 2, 3])):
        body.insert(c.rng.randint(1, len(body)), filler)
    ex = exam_requested(c, "prose")
    if ex:
        body.insert(c.rng.randint(1, len(body)), ex)
    u = urgency(c, "prose")
    if u:
        body.append(c.pick([f"Rendez-vous souhaité {u}.", f"Prise en charge {u}.", f"{_cap(u)}.",
                            f"Merci de le voir {u}.",
                            f"Délai : {u}.", f"Je vous remercie de bien vouloir le recevoir {u}.",
                            f"Un rendez-vous {u} serait apprécié.", f"Examen à réaliser {u}.", f"Délai souhaité : {u}."]
                           ).replace(" le ", " la " if c.fem else " le "))
    paragraphs = "\n".join(body) if c.chance(0.5) else " ".join(body)
    head = _join([letterhead(c) if c.chance(0.6) else "", date_line(c)], "\n")
    sig = "" if head.startswith(OPEN + "medecin_demandeur") and c.chance(0.5) else signature(c)
    return _join([head, greeting(c), paragraphs, c.pick(CLOSINGS), sig], c.pick(["\n\n", "\n"]))


def layout_form(c: Case) -> str:
    """A structured request form (bon de demande, fiche de liaison)."""
    titles = {"renouvellement": ["FICHE DE RENOUVELLEMENT", "Ordonnance", "Transmission pharmacie"],
              "avis_specialiste": ["FICHE DE LIAISON", "Demande de consultation spécialisée", "Courrier d'adressage"],
              "imagerie": ["BON DE DEMANDE D'IMAGERIE", "Demande d'examen radiologique",
                           "Service d'imagerie médicale"],
              "biologie": ["BON DE DEMANDE — LABORATOIRE", "Prescription d'examens biologiques", "Ordonnance"],
              "resultats": ["COMPTE RENDU D'EXAMEN", "Résultats"],
              "hospitalisation": ["FICHE D'ADMISSION", "Demande de lit", "Fiche de transfert"],
              "certificat": ["Formulaire", "Dossier"],
              "consultation": ["Prise de rendez-vous", "Fiche d'appel"],
              "compte_rendu": ["COMPTE RENDU", "Lettre de liaison", "Synthèse"],
              "autre": ["Message", "Fiche de transmission"]}[c.rtype]
    lines = [c.pick(titles)]
    if c.has("identite_patient"):
        if c.chance(0.5):
            lines.append(f"Nom : {mark('identite_patient', c.last.upper())}   Prénom : {c.first}")
        else:
            lines.append("Patient : " + mark("identite_patient", f"{c.last.upper()} {c.first}") +
                         (f" — IPP {c.rng.randint(100000, 9999999)}" if c.chance(0.3) else ""))
    if c.has("sexe"):
        lines.append("Sexe : " + mark("sexe", c.pick(["F", "Féminin", "femme"] if c.sex == "F" else ["M", "Masculin",
                                                                                                     "H"])))
    if c.has("age"):
        if c.chance(0.6):
            lines.append(c.pick(["DDN : ", "Date de naissance : ", "Né(e) le "]) + mark("age", dob(c.rng, c.age)))
        else:
            lines.append("Âge : " + mark("age", f"{c.age} ans"))
    mot = motif(c, "form")
    if mot:
        lines.append(mot if ":" in mot[:40] else "Motif : " + mot)
    for p in clinical_block(c, "form"):
        lines.append(p)
    ex = exam_requested(c, "form")
    if ex:
        lines.insert(c.rng.randint(min(2, len(lines)), len(lines)), ex)
    u = urgency(c, "form")
    if u:
        lines.append(c.pick(["Urgence : ", "Délai : ", "Degré d'urgence : ", ""]) + u)
    sig = signature(c, c.pick(["doctor", "service"]))
    if sig:
        lines.append(c.pick(["Médecin demandeur : ", "Prescripteur : ", "Demandeur : ", ""]) + sig)
    d = date_line(c, "form")
    if d:
        lines.insert(c.pick([1, len(lines)]), d)
    return "\n".join(lines)


def layout_note(c: Case) -> str:
    """A terse note: secretary phone memo, ward note, SAMU regulation, one line of abbreviations."""
    parts = []
    if c.rtype == "hospitalisation" and c.chance(0.5):
        hour = f"{c.rng.randint(0, 23):02d}:{c.rng.randint(0, 59):02d}"
        parts.append(f"SAMU {c.rng.randint(1, 95):02d} — Régulation — {hour}")
    elif c.chance(0.4):
        parts.append(c.pick(["Tél", "Appel", "Message", "Note", "Msg secrétariat", "Pour le Dr",
                             "Transmission"]) + " :")
    who = patient_intro(c, "note")
    mot = motif(c, "note")
    parts.append(_join([who, mot], ", "))
    parts += clinical_block(c, "note")
    parts.append(exam_requested(c, "note"))
    parts.append(urgency(c, "note"))
    parts.append(signature(c, c.pick(["doctor", "service"])))
    parts.insert(0, date_line(c, "note"))
    sep = c.pick([". ", ", ", "\n", " - ", ". "])
    text = _join([p.strip().rstrip(".") for p in parts if p.strip()], sep)
    return re.sub(r" :(?:[.,]| -) ", " : ", text)


def layout_oneliner(c: Case) -> str:
    """One short line; keeps at most three chosen elements."""
    keep = [e for e in ["motif", "examen_demande", "symptomes", "traitement_en_cours", "posologie", "urgence",
                        "identite_patient", "sexe", "age"] if c.has(e)]
    c.els = set(keep[:3]) | ({"posologie"} if "posologie" in keep and "traitement_en_cours" in keep[:3] else set())
    if not c.els & {"motif", "examen_demande", "symptomes", "traitement_en_cours"}:
        c.els.add("motif")
    if "identite_patient" not in c.els:
        c.els.discard("sexe")
    parts = [motif(c, "note"), exam_requested(c, "note"), symptoms(c, "note"),
             treatment(c, "note") if c.has("traitement_en_cours") else "", urgency(c, "note")]
    if c.has("identite_patient"):
        parts.insert(1, c.pick(["pour ", "chez ", ""]) + patient_intro(c, "note"))
    text = _join([p for p in parts if p], c.pick([", ", " ", " - ", ". "]))
    return _cap(text) + c.pick([".", "", " svp", " merci", " svp."])


def layout_patient(c: Case) -> str:
    """A message from the patient or a relative: first person, informal, often without punctuation."""
    c.els.discard("medecin_demandeur")
    hello = c.pick(["Bonjour docteur", "Bonjour", "bjr", "Bonjour Docteur " + c.pick(L.LAST), "slt", "Bonsoir docteur",
                    "Madame, Monsieur", ""])
    parts = [hello]
    if c.relative:
        rel = c.relative
        if c.has("sexe"):
            rel = mark("sexe", rel)
        intro = "je vous écris pour " + rel
        if c.has("identite_patient"):
            intro += " " + mark("identite_patient", f"{c.first} {c.last}")
        if c.has("age"):
            if c.age >= 2:
                intro += f" ({mark('age', str(c.age) + ' ans')})"
            else:
                intro += " de " + mark("age", f"{c.rng.randint(2, 20)} mois")
        parts.append(intro)
        style = "lay3"
    else:
        style = "lay"
        if c.has("sexe") and c.has("age") and c.chance(0.6):
            noun = c.pick(["femme", "dame"]) if c.sex == "F" else c.pick(["homme", "monsieur"])
            art = "une" if c.sex == "F" else "un"
            parts.append(f"je suis {art} " + mark("sexe", noun) + " de " + mark("age", f"{c.age} ans"))
        elif c.has("sexe") and c.sex == "F" and 18 <= c.age <= 42:
            parts.append("je suis " + mark("sexe", "enceinte") + c.pick([" de 3 mois", "", " de 5 mois"]))
            if c.has("age"):
                parts.append(c.pick(["j'ai ", "jai "]) + mark("age", f"{c.age} ans"))
        elif c.has("age"):
            parts.append(c.pick(["j'ai ", "jai ", "moi j'ai "]) + mark("age", f"{c.age} ans"))
    mot = motif(c, "lay")
    body = [mot] + clinical_block(c, "lay") + [exam_requested(c, "lay"), urgency(c, "lay")]
    body = [b for b in body if b]
    if style == "lay3":
        body = [_third_person(b, "elle" if c.fem else "il") for b in body]
    parts += body
    parts.append(c.pick(["merci", "Merci d'avance", "merci beaucoup", "Cordialement", "bonne journée", ""]))
    if c.chance(0.12):
        parts.insert(-1, c.pick([f"le Dr {c.pick(L.LAST)} m'a dit de vous écrire",
                                 f"c'est le Dr {c.pick(L.LAST)} qui me suit",
                                 f"mon cardiologue le Dr {c.pick(L.LAST)} est d'accord"]))
    sign = ""
    if c.has("identite_patient") and not c.relative:
        sign = mark("identite_patient", c.pick([f"{c.first} {c.last}", f"{c.first} {c.last.upper()}",
                                                f"{c.last} {c.first}",
                                                f"{c.last.upper()} {c.first}"]))
    elif not c.relative and c.chance(0.4):
        sign = c.first
    elif c.relative:
        sign = c.pick(L.FIRST_F + L.FIRST_M) + (" " + c.last if c.has("identite_patient") and c.chance(0.5) else "")
    sep = c.pick([", ", " ", ". ", "\n", " "])
    text = _join(parts, sep)
    if sign:
        text += c.pick(["\n", " ", "\n\n"]) + sign
    return text


def _third_person(s: str, pro: str) -> str:
    for a, b in [("je suis ", "il est "), ("j'ai ", "il a "), ("je prends ", "il prend "), ("je n'ai ", "il n'a "),
                 ("je ne ", "il ne "), ("mon ", "son "), ("ma ", "sa "), ("mes ", "ses "), ("je voudrais",
                                                                                            "je voudrais"),
                 ("jai ", "il a "), ("je tousse", "il tousse"), ("je dors", "il dort"), ("je pleure", "il pleure"),
                 ("je crache", "il crache"), ("je tremble", "il tremble"), ("je me lève", "il se lève"),
                 ("j'entends", "il entend"), ("je vois", "il voit"), ("j'oublie", "il oublie"), ("je fais", "il fait"),
                 ("je fume", "il fume"), ("je crains", "je crains"), ("je me demande", "je me demande")]:
        s = s.replace(a, b.replace("il ", pro + " ", 1) if b.startswith("il ") else b)
    return s


def layout_pharmacy(c: Case) -> str:
    """A pharmacy's fax or letter: renewal of an expired prescription, orientation, interaction question."""
    name = c.pick(["PHARMACIE DU CENTRE", "Pharmacie de la Gare", "PHARMACIE DES HALLES", "Pharmacie Saint-Michel",
                   "Grande Pharmacie de la Place", "Pharmacie du Marché"])
    med = c.has("medecin_demandeur")
    head = (mark("medecin_demandeur", name) if med and c.chance(0.5) else name) if med else ""
    if not med:
        head = "FAX" if c.chance(0.5) else ""
    lines = [head, date_line(c), c.pick(["Docteur,", "Madame, Monsieur le Docteur,", "Cher Docteur,",
                                         "À l'attention du médecin traitant"])]
    who = patient_intro(c)
    mot = motif(c, "prose")
    if c.rtype == "renouvellement":
        came = c.pick([" s'est présenté(e) avec une ordonnance expirée", " n'a plus d'ordonnance valide",
                       " vient chercher son traitement"]).replace("(e)", "e" if c.fem else "")
        lines.append(_cap(who) + came + (f" ; {mot}" if mot else "") + ".")
    else:
        lines.append(c.pick(["Nous vous adressons ", "Nous orientons vers vous ",
                             "Au sujet de "]) + who + (f", {mot}" if mot else "") + ".")
    trt = treatment(c, "form")
    rest = [p for p in clinical_block(c, "prose") if "traitement_en_cours" not in p or p == trt]
    if trt and trt not in rest:
        rest.insert(0, trt)
    lines += [_sentence(p) if not p.startswith(("Traitement", "TTT", "Sous")) else p for p in rest]
    u = urgency(c, "prose")
    if u:
        lines.append(c.pick(["Merci de nous répondre ", "Merci de nous faxer une ordonnance ",
                             "Réponse souhaitée "]) + u + ".")
    sig = signature(c, "pharmacy") if med and not head.startswith(OPEN) else ""
    lines += [c.pick(CLOSINGS), sig]
    return "\n".join(p for p in lines if p)


def layout_report(c: Case) -> str:
    """A lab or imaging report, or a discharge / consultation report with sections."""
    if c.rtype == "resultats" and c.chance(0.55):
        return _lab_table(c)
    title = {"resultats": ["Compte rendu d'imagerie", "Résultats d'examen", "COMPTE RENDU RADIOLOGIQUE"],
             "compte_rendu": ["Compte rendu d'hospitalisation", "Compte rendu de consultation", "Lettre de sortie",
                              "Compte rendu opératoire", "Compte rendu de passage aux urgences", "CR de consultation"]}
    lines = []
    if c.has("medecin_demandeur") and c.chance(0.5):
        clinic = c.pick(["du Parc", "des Cèdres", "Saint-Joseph"])
        lines.append(mark("medecin_demandeur", c.pick([f"Service de {c.pick(L.SERVICES)} — CH de {c.city}",
                                                       f"Cabinet de radiologie de {c.city}",
                                                       f"Clinique {clinic} — {doctor_name(c)}"])))
        signed = True
    else:
        signed = False
    if c.rtype == "resultats" and c.chance(0.4):
        done = _cap(_bare(c.pick(c.dom.imaging)))
        lines.append(done + (" du " + mark("date_demande", a_date(c.rng)) if c.has("date_demande") else ""))
    else:
        lines.append(c.pick(title.get(c.rtype, ["Compte rendu"])))
        d = date_line(c, "form" if c.chance(0.5) else "prose")
        if d:
            lines.append(d)
    if c.has("identite_patient") or c.has("sexe") or c.has("age"):
        lines.append(c.pick(["Patient : ", "Patient(e) : ", "Concerne : ", ""]) + patient_intro(c))
    mot = motif(c, "form")
    if mot:
        lines.append(mot)
    sections = []
    sym = symptoms(c, "note")
    if sym:
        sections.append(c.pick(["Histoire de la maladie : ", "Clinique : ", "Indication : ",
                                "Anamnèse : "]) + sym + ".")
    h = history(c, "form")
    if h:
        sections.append(h)
    a = allergy(c, "form")
    if a:
        sections.append(a)
    r = results(c, "form")
    if r:
        sections.append(r.replace("Bilan", "Examens complémentaires", 1) if c.chance(0.3) else r)
    dx = diagnosis(c, "form")
    if dx:
        inner = dx[len(OPEN) + len("diagnostic") + 1:]
        bare = inner[:1].islower() and not inner.startswith(("suivi", "porteur", "dans le cadre", "je suspecte"))
        sections.append((c.pick(["Conclusion : ", "Diagnostic retenu : ", "Au total : ", ""]) if bare else "") + dx)
    trt = treatment(c, "form")
    if trt:
        sections.append(trt.replace("Traitement : ", c.pick(["Traitement de sortie : ", "Traitement : ",
                                                             "Ordonnance de sortie : "]), 1))
    ex = exam_requested(c, "prose")
    if ex:
        sections.append(ex)
    u = urgency(c, "prose")
    if u:
        sections.append(f"Contrôle {u}.")
    sections += _distractors(c, "form")
    if c.chance(0.3):
        sections.insert(c.rng.randint(0, len(sections)), c.pick(L.FILLERS))
    lines += sections
    sig = "" if signed else signature(c, c.pick(["doctor", "service"]))
    lines.append(sig)
    return "\n".join(p for p in lines if p)


def _lab_table(c: Case) -> str:
    lab = c.pick(["LABORATOIRE BIOPÔLE", "Laboratoire d'analyses médicales du Centre", "BIOSANTÉ — site de " + c.city,
                  "Laboratoire CERBALAB"])
    lines = [mark("medecin_demandeur", lab) if c.has("medecin_demandeur") else "COMPTE RENDU D'ANALYSES"]
    if c.has("date_demande"):
        lines.append(c.pick(["Prélevé le ", "Édité le ", "Date de prélèvement : ",
                             "Dossier du "]) + mark("date_demande", a_date(c.rng, 0)))
    if c.has("identite_patient") or c.has("sexe") or c.has("age"):
        lines.append("Patient : " + patient_intro(c))
    if c.has("medecin_demandeur") and c.chance(0.5):
        lines.append("Prescripteur : " + mark("medecin_demandeur", f"Dr {c.pick(L.LAST)}"))
    mot = motif(c, "form")
    if mot:
        lines.append(mot)
    rows = [("Hémoglobine", "{d:8.0-16.5}", "g/dL", "12,0 - 16,0"), ("Leucocytes", "{d:3.0-18.0}", "G/L",
                                                                     "4,0 - 10,0"),
            ("Plaquettes", "{n:90-480}", "G/L", "150 - 400"), ("CRP", "{n:1-180}", "mg/L", "< 5"),
            ("Créatinine", "{n:50-250}", "µmol/L", "45 - 90"), ("Potassium", "{d:3.0-6.2}", "mmol/L", "3,5 - 5,0"),
            ("Sodium", "{n:126-146}", "mmol/L", "135 - 145"), ("TSH", "{d:0.1-9.0}", "mUI/L", "0,4 - 4,0"),
            ("HbA1c", "{d:5.2-10.5}", "%", "< 6,0"), ("Ferritine", "{n:5-600}", "µg/L", "15 - 150"),
            ("Glycémie à jeun", "{d:0.7-2.5}", "g/L", "0,70 - 1,10"), ("ALAT", "{n:10-180}", "UI/L", "< 40"),
            ("INR", "{d:1.0-4.5}", "", "2,0 - 3,0"), ("Cholestérol LDL", "{d:0.8-2.4}", "g/L", "< 1,60")]
    chosen = c.rng.sample(rows, c.rng.randint(2, 6)) if c.has("resultats_examens") else []
    dots = c.pick([" ........ ", " : ", "\t", "   "])
    for name, val, unit, ref in chosen:
        value = _num(val, c.rng)
        line = f"{name}{dots}" + mark("resultats_examens",
                                      f"{value} {unit}".strip()) + (f" ({ref})" if c.chance(0.7) else "")
        lines.append(line)
    if not chosen:
        lines.append(c.pick(["Résultats à suivre.", "Prélèvement non conforme, à refaire.", "Analyse en cours."]))
    for p in [diagnosis(c, "form"), treatment(c, "form"), exam_requested(c, "prose"), urgency(c, "form"),
              symptoms(c, "form"), allergy(c, "form"), history(c, "form")]:
        if p:
            lines.append(("Commentaire : " if c.chance(0.3) else "") + p)
    if c.has("medecin_demandeur") and c.chance(0.5):
        lines.append(signature(c, "lab"))
    return "\n".join(lines)


def layout_statement(c: Case) -> str:
    """One or two sentences of clinical record without letter frame: a symptom, an allergy, a treatment."""
    keep = [e for e in ("symptomes", "allergies", "traitement_en_cours", "diagnostic", "antecedents", "motif")
            if c.has(e)]
    c.rng.shuffle(keep)
    c.els = set(keep[:2]) | ({"sexe"} if c.has("sexe") and c.chance(0.5) else set())
    if not c.els & {"symptomes", "allergies", "traitement_en_cours", "motif"}:
        c.els.add(c.pick(["symptomes", "allergies", "motif"]))
    who = (mark("sexe", c.pick(["La patiente", "Une patiente", "Cette femme"])) if c.sex == "F" else
           mark("sexe", c.pick(["Un homme", "Ce monsieur"]))) if c.has("sexe") else c.pick(
        ["Le patient", "Un patient", "Ce patient", "Un nouveau patient", "Patient"])
    parts = []
    if c.has("symptomes"):
        sym = symptoms(c, "note")
        parts.append(f"{who} " + c.pick(["se plaint " + _de_mark(sym), "signale " + sym, "décrit " + sym,
                                         "consulte pour " + sym, "présentant " + sym, "rapporte " + sym]))
        if not c.has("diagnostic") and c.chance(0.4):
            parts.append(c.pick([c.e("inquiet", "inquiète") + " d'un cancer", "craint un infarctus",
                                 "a peur d'une maladie grave", "redoute un AVC", "pense faire une crise cardiaque"]))
    if c.has("allergies"):
        a = c.pick(L.ALLERGENS)
        if c.allergy_positive:
            txt = c.pick([f"{who} signale une allergie à {a}", f"Le dossier mentionne une allergie à {a}",
                          f"{who} déclare être allergique à {a}", f"Notion d'allergie à {a} dans le dossier",
                          f"{who} a fait une réaction allergique grave à {a}",
                          f"Allergie à {a} rapportée par la famille"])
        else:
            txt = c.pick([f"{who} ne signale aucune allergie", "Aucune allergie n'est rapportée dans le dossier",
                          f"{who} n'a pas d'allergie connue", "Pas d'allergie connue à ce jour"])
        parts.append(mark("allergies", txt.replace("à le ", "au ").replace("à les ", "aux ")))
    if c.has("motif"):
        if c.rtype == "autre":
            parts.append(f"{who} " + motif(c, "prose"))
        else:
            asks = ["demande un rendez-vous", "souhaite consulter", "demande une consultation",
                    "voudrait être vu vite"]
            parts.append(f"{who} " + mark("motif", c.pick(asks)))
    if c.has("traitement_en_cours"):
        parts.append(treatment(c, "note"))
    if c.has("diagnostic"):
        parts.append(_cap(diagnosis(c, "note")))
    if c.has("antecedents"):
        parts.append(history(c, "note"))
    text = _join(parts, c.pick([", ", ". ", " ; "]))
    return _cap(text) + "."


LAYOUTS: dict[str, Callable[[Case], str]] = {
    "letter": layout_letter, "form": layout_form, "note": layout_note, "oneliner": layout_oneliner,
    "patient": layout_patient, "pharmacy": layout_pharmacy, "report": layout_report, "statement": layout_statement,
}
TYPE_LAYOUTS = {
    "renouvellement": {"patient": 4, "pharmacy": 3, "form": 2, "note": 2, "oneliner": 2, "letter": 1},
    "avis_specialiste": {"letter": 5, "form": 2, "note": 2, "patient": 2, "oneliner": 1},
    "imagerie": {"form": 3, "letter": 3, "note": 2, "oneliner": 2, "patient": 2},
    "biologie": {"form": 3, "note": 3, "oneliner": 2, "patient": 2, "letter": 1},
    "resultats": {"report": 6, "note": 2, "patient": 2, "letter": 1},
    "hospitalisation": {"letter": 4, "note": 3, "form": 3, "patient": 1},
    "certificat": {"patient": 5, "letter": 2, "note": 2, "oneliner": 2, "form": 1},
    "consultation": {"patient": 6, "note": 3, "pharmacy": 1, "oneliner": 1, "form": 1, "statement": 1},
    "compte_rendu": {"report": 6, "letter": 3, "note": 2},
    "autre": {"patient": 4, "note": 2, "letter": 1, "pharmacy": 1, "oneliner": 1, "statement": 2},
}
NOISE = {"patient": 0.7, "note": 0.25, "oneliner": 0.35, "letter": 0.08, "form": 0.08, "pharmacy": 0.08,
         "report": 0.05,
         "statement": 0.1}


def _weighted(rng: random.Random, table: dict[str, float]) -> str:
    keys = list(table)
    return rng.choices(keys, weights=[table[k] for k in keys])[0]


class Generator:
    """Draws labelled documents; deterministic for a given seed and document index."""

    def __init__(self, seed: int = 0, bdpm: Path | None = None):
        self.seed = seed
        self.brands = L.load_bdpm_drugs(bdpm)
        self.substances = {d.name: d for d in L.SUBSTANCES}

    def _drugs(self, rng: random.Random, dom: L.Domain, n: int) -> list[tuple[str, str, str]]:
        out = []
        for _ in range(n):
            if self.brands and rng.random() < 0.45:
                d = rng.choice(self.brands)
            else:
                d = self.substances.get(rng.choice(dom.drugs)) or rng.choice(L.SUBSTANCES)
            if any(d.name == o[0] for o in out):
                continue
            out.append((d.name, rng.choice(d.strengths), d.forms[0]))
        return out

    def case(self, index: int, rtype: str | None = None) -> Case:
        rng = random.Random(self.seed * 1_000_003 + index)
        rtype = rtype or rng.choice(TYPES)
        layout = _weighted(rng, TYPE_LAYOUTS[rtype])
        probs = dict(_BASE, **PRESENCE[rtype])
        els = {e for e, p in probs.items() if rng.random() < p}
        if "posologie" in els and "traitement_en_cours" not in els:
            els.discard("posologie") if rng.random() < 0.85 else els.add("traitement_en_cours")
        dom = rng.choice(L.DOMAINS)
        sex = "F" if dom.key == "gyneco" else rng.choice("FM")
        age = rng.choices([rng.randint(0, 15), rng.randint(16, 45), rng.randint(46, 75), rng.randint(76, 98)],
                          weights=[1, 3, 4, 2])[0]
        first = rng.choice(L.FIRST_F if sex == "F" else L.FIRST_M)
        c = Case(rng=rng, rtype=rtype, layout=layout, els=els, dom=dom, sex=sex, first=first, last=rng.choice(L.LAST),
                 age=age, city=rng.choice(L.CITIES))
        c.drugs = self._drugs(rng, dom, rng.randint(1, 4))
        c.allergy_positive = rng.random() < 0.5
        c.urgency = rng.choice(["urgent", "rapide", "programme"]) if "urgence" in els else "non_precise"
        if rtype == "hospitalisation" and "urgence" in els and rng.random() < 0.5:
            c.urgency = "urgent"
        doc_first = rng.choice(L.FIRST_F + L.FIRST_M)
        c.doctor = (doc_first, rng.choice(L.LAST))
        if layout == "patient" and (age < 18 or rng.random() < 0.25):
            c.relative = (("ma fille" if sex == "F" else "mon fils") if age < 18 else
                          rng.choice(["ma mère", "ma femme"] if sex == "F" else ["mon père", "mon mari"]))
            if "sexe" not in els:
                c.relative = "mon enfant" if age < 18 else rng.choice(["mon parent", "un proche"])
        return c

    def example(self, index: int, rtype: str | None = None) -> dict:
        c = self.case(index, rtype)
        markup = LAYOUTS[c.layout](c)
        markup = re.sub(r"[ \t]+\n", "\n", markup)
        markup = re.sub(r"\n{3,}", "\n\n", markup).strip()
        if c.layout in ("note", "oneliner", "statement") and c.rng.random() < 0.5:
            markup = abbreviate(markup, c.rng, 0.5)
        text, spans = render(markup)
        noise = NOISE[c.layout]
        text = add_noise(text, spans, c.rng, noise)
        if c.layout == "patient" and c.rng.random() < 0.5:
            text = drop_punctuation(text, spans, c.rng)
            if c.rng.random() < 0.6:
                text = text.lower()
        spans = {k: sorted(v) for k, v in spans.items() if v}
        allergy_flag = int("allergies" in spans and c.allergy_positive)
        return {
            "id": f"gen-{self.seed}-{index}",
            "text": text,
            "request_type": c.rtype,
            "elements": [e for e in ELEMENTS if e in spans],
            "allergy": allergy_flag,
            "urgency": c.urgency if "urgence" in spans else "non_precise",
            "spans": {e: spans[e] for e in ELEMENTS if e in spans},
            "layout": c.layout,
        }

    def examples(self, n: int, balanced: bool = True):
        for i in range(n):
            yield self.example(i, TYPES[i % len(TYPES)] if balanced else None)


def add_parser(sub) -> None:
    """Registers `request-data` for `python -m export` (the integrator wires it into export/__main__.py)."""
    p = sub.add_parser("request-data", help="generate labelled French requests (JSONL)")
    _arguments(p)
    p.set_defaults(func=run)


def _arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, required=True, help="output JSONL file")
    p.add_argument("--n", type=int, default=10000, help="number of documents")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--bdpm", type=Path, default=None, help=f"BDPM CIS_bdpm.txt (default {L.BDPM_DEFAULT})")


def run(args: argparse.Namespace) -> None:
    gen = Generator(args.seed, args.bdpm)
    if not gen.brands:
        print("request-data: BDPM file not found, using the built-in substance list only", file=sys.stderr)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as f:
        for ex in gen.examples(args.n):
            f.write(json.dumps(ex, ensure_ascii=False) + "\n")
    print(f"wrote {args.n} documents to {args.out}")


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m export.request_data", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    _arguments(p)
    run(p.parse_args(argv))


if __name__ == "__main__":
    main()
