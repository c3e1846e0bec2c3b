"""`data`: NER training data with the product labels of SPEC §2.4.

QUAERO (train for training, dev for model selection and evaluation), mapped CHEM→MEDICAMENT, DISO→PATHOLOGIE
(SYMPTOME when the mention is in the symptom lexicon), PROC→EXAMEN, ANAT→ANATOMIE; the other six groups are left
untagged. Nesting policy (a flat BIO tagger sees one label per character): among the kept groups, the outermost
mention wins (longest first, then DISO > CHEM > PROC > ANAT for identical spans); mentions overlapping a kept one
are dropped; discontinuous mentions (with `fragments`) are dropped. The gold of QUAERO dev is flattened the same way.
Generated clinic-style sentences add what QUAERO lacks: SYMPTOME vs PATHOLOGIE, ALLERGENE, POSOLOGIE, letter style,
abbreviations and typos.
"""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

from . import lexicon
from .record import Record

LABELS = ["MEDICAMENT", "PATHOLOGIE", "SYMPTOME", "ALLERGENE", "EXAMEN", "ANATOMIE", "POSOLOGIE"]
QUAERO_MAP = {"CHEM": "MEDICAMENT", "DISO": "PATHOLOGIE", "PROC": "EXAMEN", "ANAT": "ANATOMIE"}
GROUP_OF_LABEL = {"MEDICAMENT": "CHEM", "ALLERGENE": "CHEM", "PATHOLOGIE": "DISO", "SYMPTOME": "DISO",
                  "EXAMEN": "PROC", "ANATOMIE": "ANAT"}
PRIORITY = {"DISO": 0, "CHEM": 1, "PROC": 2, "ANAT": 3}
SHARED = Path("/work/shared")
SYMPTOM_HEADS = ("douleur", "toux", "fièvre", "céphalée", "nausée", "vomissement", "dyspnée", "prurit", "vertige",
                 "asthénie", "fatigue", "malaise", "œdème", "oedème", "diarrhée", "syncope")


def flatten(entities: list[dict]) -> list[dict]:
    """Outermost-wins flattening of QUAERO's nested mentions, restricted to CHEM/DISO/PROC/ANAT."""
    cands = [e for e in entities if e["label"] in QUAERO_MAP and not e.get("fragments")]
    cands.sort(key=lambda e: (-(e["end"] - e["start"]), PRIORITY[e["label"]], e["start"]))
    kept: list[dict] = []
    for e in cands:
        if all(e["end"] <= k["start"] or e["start"] >= k["end"] for k in kept):
            kept.append(e)
    return sorted(kept, key=lambda e: e["start"])


def is_symptom(text: str) -> bool:
    low = text.lower().strip()
    return low in lexicon.symptom_heads() or low.split(" ")[0].rstrip("s") in SYMPTOM_HEADS


def product_label(entity: dict) -> str:
    label = QUAERO_MAP[entity["label"]]
    if label == "PATHOLOGIE" and is_symptom(entity["text"]):
        return "SYMPTOME"
    return label


def chunks(text: str, entities: list[dict], max_chars: int = 600) -> list[tuple[int, int]]:
    """Cut a record at line breaks, then at sentence ends, never inside a kept mention."""
    inside = set()
    for e in entities:
        inside.update(range(e["start"] + 1, e["end"]))
    cuts = [0]
    for m in re.finditer(r"\n|(?<=[.!?]) ", text):
        if m.end() not in inside:
            cuts.append(m.end())
    cuts.append(len(text))
    spans, start = [], 0
    for i in range(1, len(cuts)):
        if cuts[i] - start > max_chars or (text[cuts[i] - 1:cuts[i]] == "\n" and cuts[i] - start > 0):
            end = cuts[i] if cuts[i] - start <= max_chars or cuts[i - 1] <= start else cuts[i - 1]
            spans.append((start, end))
            start = end
    if start < len(text):
        spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def quaero_examples(split: str, product: bool) -> list[dict]:
    out = []
    for line in (SHARED / "corpora" / "quaero" / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        ents = flatten(rec["entities"])
        for a, b in chunks(rec["text"], ents):
            sub = [{"start": e["start"] - a, "end": e["end"] - a, "text": e["text"],
                    "label": product_label(e) if product else e["label"]}
                   for e in ents if e["start"] >= a and e["end"] <= b]
            out.append({"id": f"{rec['id']}:{a}", "source": "quaero", "text": rec["text"][a:b], "entities": sub})
    return out


class Builder:
    """Concatenate plain text and labelled pieces, keeping exact offsets."""

    def __init__(self):
        self.parts: list[str] = []
        self.entities: list[dict] = []
        self.length = 0

    def add(self, text: str, label: str | None = None) -> "Builder":
        if label:
            self.entities.append({"start": self.length, "end": self.length + len(text), "label": label,
                                  "text": text})
        self.parts.append(text)
        self.length += len(text)
        return self

    def example(self, ident: str) -> dict:
        return {"id": ident, "source": "generated", "text": "".join(self.parts), "entities": self.entities}


def typo(word: str, rng: random.Random) -> str:
    """Clinic typing noise: a lost accent, a doubled or dropped letter, or case changes."""
    kind = rng.random()
    if kind < 0.35:
        return word.translate(str.maketrans("éèêàùôîïç", "eeeauoiic"))
    if kind < 0.55 and len(word) > 4:
        i = rng.randrange(1, len(word) - 1)
        return word[:i] + word[i + 1:]
    if kind < 0.7 and len(word) > 3:
        i = rng.randrange(1, len(word) - 1)
        return word[:i] + word[i] + word[i:]
    if kind < 0.85:
        return word.upper()
    return word.capitalize()


class Generator:
    def __init__(self, seed: int, brands: list[str]):
        self.rng = random.Random(seed)
        self.brands = brands

    def pick(self, items: list[str], noisy: float = 0.08) -> str:
        word = self.rng.choice(items)
        return typo(word, self.rng) if self.rng.random() < noisy else word

    def drug(self) -> str:
        if self.rng.random() < 0.5:
            return self.pick(lexicon.SUBSTANCES)
        brand = self.rng.choice(self.brands)
        return self.rng.choice([brand, brand.capitalize(), brand.capitalize(), brand.lower()])

    def dose(self) -> str:
        r = self.rng
        amount = r.choice(["1 cp", "2 cp", "1 comprimé", "½ comprimé", "1 gélule", "2 gélules", "1 sachet",
                           f"{r.choice([5, 10, 20, 40, 50, 75, 100, 250, 500, 850, 1000])} mg",
                           f"{r.choice([1, 2, 3])} g", f"{r.choice([10, 20, 30])} gouttes",
                           f"{r.choice([2, 4, 6, 8, 12, 20, 30])} UI", "2 bouffées", "1 bouffée",
                           f"{r.choice([2.5, 5, 10])} mL", "1 injection", "1 ampoule"])
        freq = r.choice(["matin et soir", "le matin", "le soir", "2 fois par jour", "3 fois par jour",
                         "trois fois par jour", "x2/j", "x3/j", "par jour", "/j", "si besoin", "toutes les 8 h",
                         "au coucher", "1 fois par semaine", "matin, midi et soir", "à la demande"])
        dur = r.choice(["", "", " pendant 7 jours", " pendant 5 jours", " pendant 10 jours", " pendant 3 mois",
                        " pour 1 mois", " au long cours", " pendant 6 semaines", " jusqu'à la fin du traitement"])
        return f"{amount} {freq}{dur}"

    def duration(self) -> str:
        return self.rng.choice(["depuis 3 jours", "depuis une semaine", "depuis 2 semaines", "depuis hier",
                                "depuis trois semaines", "depuis 48 h", "depuis plusieurs mois", "depuis ce matin"])

    def sentence(self, i: int) -> dict:
        r, b = self.rng, Builder()
        kind = r.randrange(16)
        if kind == 0:
            b.add(r.choice(["Patient", "Patiente", "Mme X", "M. Y", "Le patient", "La patiente"]) + " se plaint de ")
            b.add(self.pick(lexicon.SYMPTOMS), "SYMPTOME").add(" et de ").add(self.pick(lexicon.SYMPTOMS), "SYMPTOME")
            b.add(" " + self.duration() + ".")
        elif kind == 1:
            b.add(r.choice(["Antécédents : ", "ATCD : ", "Antécédents médicaux : ", "ATCD: "]))
            for j in range(r.randint(1, 3)):
                if j:
                    b.add(", ")
                b.add(self.pick(lexicon.DISEASES), "PATHOLOGIE")
            b.add(".")
        elif kind == 2:
            b.add(r.choice(["Traitement : ", "Traitement en cours : ", "TTT : ", "Sous "]))
            for j in range(r.randint(1, 3)):
                if j:
                    b.add(", ")
                b.add(self.drug(), "MEDICAMENT")
                if r.random() < 0.7:
                    b.add(" ").add(self.dose(), "POSOLOGIE")
            b.add(".")
        elif kind == 3:
            b.add(r.choice(["Allergie à la ", "Allergie connue : ", "Allergique aux ", "Allergies : ",
                            "Intolérance à l'", "ATCD d'allergie à la ", "Réaction allergique sévère aux "]))
            b.add(self.pick(lexicon.ALLERGENS), "ALLERGENE")
            if r.random() < 0.4:
                b.add(" et au ").add(self.pick(lexicon.ALLERGENS), "ALLERGENE")
            b.add(r.choice([".", " (urticaire).", ", œdème de Quincke en 2015.", "."]))
        elif kind == 4:
            b.add(r.choice(["Pas d'allergie connue.", "Pas d'allergie médicamenteuse connue.", "Aucune allergie.",
                            "Allergies : néant."]))
        elif kind == 5:
            b.add(r.choice(["Merci de réaliser ", "Je vous remercie de bien vouloir pratiquer ",
                            "Demande de ", "Prescription : ", "Pourriez-vous réaliser "]))
            b.add(r.choice(["un ", "une ", ""])).add(self.pick(lexicon.EXAMS), "EXAMEN")
            b.add(r.choice([" en urgence", " pour suspicion de ", " dans le cadre d'un bilan de ", ""]))
            if b.parts[-1].endswith("de "):
                b.add(self.pick(lexicon.DISEASES), "PATHOLOGIE")
            b.add(".")
        elif kind == 6:
            b.add(r.choice(["Cher confrère, je vous adresse ", "Chère consœur, je vous adresse ",
                            "Je vous confie "]))
            b.add(r.choice(["Mme Martin", "M. Durand", "ce patient", "cette patiente"]) + " pour ")
            b.add(self.pick(lexicon.SYMPTOMS), "SYMPTOME").add(" " + self.duration())
            b.add(r.choice([" dans un contexte de ", " chez un patient aux antécédents de "]))
            b.add(self.pick(lexicon.DISEASES), "PATHOLOGIE").add(".")
        elif kind == 7:
            b.add(r.choice(["Suspicion de ", "Je suspecte ", "Diagnostic : ", "Conclusion : ", "Probable "]))
            b.add(self.pick(lexicon.DISEASES), "PATHOLOGIE").add(".")
        elif kind == 8:
            b.add(self.pick(lexicon.SYMPTOMS).capitalize(), "SYMPTOME")
            b.add(r.choice([" au niveau du ", " du ", " irradiant vers le ", " localisée au "]))
            b.add(self.pick(lexicon.ANATOMY), "ANATOMIE").add(" " + self.duration() + ".")
        elif kind == 9:
            b.add("Renouvellement d'ordonnance : ").add(self.drug(), "MEDICAMENT").add(" ")
            b.add(self.dose(), "POSOLOGIE").add(r.choice([" pour ", " dans le cadre de "]))
            b.add(self.pick(lexicon.DISEASES), "PATHOLOGIE").add(".")
        elif kind == 10:
            b.add(self.pick(lexicon.EXAMS), "EXAMEN").add(r.choice([" : ", " du jour : "]))
            b.add(r.choice(["normal", "sans anomalie", "en faveur d'une ", "retrouve une "]))
            if b.parts[-1].endswith("une "):
                b.add(self.pick(lexicon.DISEASES), "PATHOLOGIE")
            b.add(".")
        elif kind == 11:
            b.add(r.choice(["Pas de ", "Absence de ", "Ni ", "Pas de notion de "]))
            b.add(self.pick(lexicon.SYMPTOMS), "SYMPTOME").add(r.choice([".", " ni de ", ", "]))
            if not b.parts[-1].endswith("."):
                b.add(self.pick(lexicon.SYMPTOMS), "SYMPTOME").add(".")
        elif kind == 12:
            b.add("Introduction de ").add(self.drug(), "MEDICAMENT").add(" à la dose de ")
            b.add(self.dose(), "POSOLOGIE").add(".")
        elif kind == 13:
            b.add(r.choice(["Examen clinique : ", "À l'examen, "]))
            b.add(self.pick(lexicon.SYMPTOMS), "SYMPTOME").add(" du ").add(self.pick(lexicon.ANATOMY), "ANATOMIE")
            b.add(r.choice([", pas d'autre anomalie.", "."]))
        elif kind == 14:
            b.add(r.choice(["Contre-indication au ", "Arrêt du ", "Switch pour le "]))
            b.add(self.drug(), "MEDICAMENT").add(r.choice([" en raison d'une ", " suite à "]))
            b.add(self.pick(lexicon.SYMPTOMS), "SYMPTOME").add(".")
        else:
            b.add(r.choice(["Le patient rapporte une allergie aux ", "Mention d'une allergie au ",
                            "Un nouveau patient mentionne une allergie aux "]))
            b.add(self.pick(lexicon.ALLERGENS), "ALLERGENE").add(".")
        return b.example(f"gen-{i}")

    def letter(self, i: int, n: int) -> dict:
        """Several sentences joined as a short letter, so the model sees multi-sentence windows."""
        parts = [self.sentence(i * 100 + j) for j in range(n)]
        b = Builder()
        for j, p in enumerate(parts):
            if j:
                b.add(self.rng.choice([" ", "\n", "\n\n"]))
            offset = b.length
            b.add(p["text"])
            for e in p["entities"]:
                b.entities.append({**e, "start": e["start"] + offset, "end": e["end"] + offset})
        return b.example(f"gen-letter-{i}")


def generated(seed: int, n: int, brands: list[str]) -> list[dict]:
    gen = Generator(seed, brands)
    out = [gen.sentence(i) for i in range(n)]
    out += [gen.letter(i, gen.rng.randint(3, 6)) for i in range(n // 8)]
    return out


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def check(rows: list[dict]) -> None:
    for row in rows:
        for e in row["entities"]:
            if row["text"][e["start"]:e["end"]] != e["text"]:
                raise SystemExit(f"offset error in {row['id']}: {e}")


def run(args) -> None:
    out = Path(args.out)
    rec = Record("data", vars(args))
    bdpm = SHARED / "lexicons" / "bdpm" / "CIS_bdpm.txt"
    rec.input("quaero_train", SHARED / "corpora/quaero/train.jsonl", hash_file=True)
    rec.input("quaero_dev", SHARED / "corpora/quaero/dev.jsonl", hash_file=True)
    rec.input("bdpm", bdpm, hash_file=True)
    brands = sorted({b.split(" ")[0].split("/")[0] for b in lexicon.bdpm_brands(bdpm)
                     if len(b.split(" ")[0]) > 3})
    rng = random.Random(args.seed)
    rng.shuffle(brands)
    train_brands, dev_brands = brands[:int(len(brands) * 0.8)], brands[int(len(brands) * 0.8):]
    sets = {
        "train": quaero_examples("train", True) + generated(args.seed, args.generated, train_brands),
        "dev": quaero_examples("dev", True),
        "dev_groups": quaero_examples("dev", False),
        "dev_generated": generated(args.seed + 1, args.generated // 5, dev_brands),
    }
    for name, rows in sets.items():
        check(rows)
        write_jsonl(out / f"{name}.jsonl", rows)
        rec.output(name, out / f"{name}.jsonl")
        counts: dict[str, int] = {}
        for row in rows:
            for e in row["entities"]:
                counts[e["label"]] = counts.get(e["label"], 0) + 1
        rec.metric(name, {"examples": len(rows), "entities": counts})
        print(name, len(rows), counts)
    (out / "labels.json").write_text(json.dumps(LABELS) + "\n")
    rec.write(out)


def add_parser(sub) -> None:
    p = sub.add_parser("data", help="build NER train/dev sets (QUAERO mapped + generated clinic sentences)")
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--generated", type=int, default=2400, help="generated single sentences (+1/8 letters)")
    p.set_defaults(func=run)
