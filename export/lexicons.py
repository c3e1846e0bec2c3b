"""Compile the run-time lexicon ``resources/lexicons/terms.tsv`` from its sources.

Sources (licences in resources/lexicons/README.md): the BDPM specialities file (brand names, Licence Ouverte),
edsnlp's ``drugs.json`` (names -> ATC) and ``cim10.csv.gz`` (French ICD-10 labels), both BSD-3-Clause and read
straight out of the edsnlp wheel or an installed package directory, the hand-written lists in
``resources/lexicons/hand/`` and the lab test names of ``resources/lab_ranges.yaml`` (as EXAMEN). Later sources override earlier ones: CIM-10 < BDPM < edsnlp drugs < hand lists.

    python -m export.lexicons EDSNLP_WHEEL_OR_DIR [--bdpm CIS_bdpm.txt] [--out resources/lexicons]
"""
from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import zipfile
from collections import defaultdict
from pathlib import Path

import yaml

from inference.lexicon import TERMS_FILE, normalise

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "resources" / "lexicons"
LAB_RANGES = ROOT / "resources" / "lab_ranges.yaml"
DEFAULT_BDPM = ROOT.parent / "shared" / "lexicons" / "bdpm" / "CIS_bdpm.txt"
IMAGING = ("scanner", "tdm", "irm", "échographie", "radiographie", "radio", "angioscanner", "écho-doppler")
SITES = (
    "thoracique", "abdominal", "abdominale", "abdomino-pelvien", "abdomino-pelvienne", "pelvien", "pelvienne",
    "cérébral", "cérébrale", "encéphalique", "du rachis", "du rachis lombaire", "lombaire", "rachidien",
    "cervical", "du genou", "de la hanche", "de l'épaule", "du bassin", "pulmonaire", "rénal", "rénale",
    "cardiaque", "hépatique", "des sinus", "du thorax", "de l'abdomen", "thyroïdienne", "mammaire", "pelvi-rénale",
    "des membres inférieurs", "des troncs supra-aortiques", "thoraco-abdomino-pelvien", "tap",
)
SITE_PAIN = (
    "dos", "genou", "ventre", "poitrine", "épaule", "hanche", "tête", "gorge", "cou", "bras", "jambe", "pied",
    "main", "poignet", "cheville", "mollet", "coude", "oreille", "dent", "nuque", "thorax", "abdomen", "rein",
)
PAIN_QUALIFIERS = ("", "chronique", "aiguë", "intense", "vive", "persistante", "importante")
PAIN_LINKS = ("au", "du", "de la", "à la", "aux", "de l'", "des", "à l'", "dans le", "dans la")
# Substance names of drugs.json that are ordinary words in a letter.
STOP_ALWAYS = {"insecte", "oxygene", "ether", "eau", "sel", "lait", "miel", "sucre", "huile", "soufre", "phenol"}
# CIM-10 labels that are everyday words in letters rather than diagnoses.
CIM10_SKIP = {"allergie", "grossesse", "goutte", "charbon", "rage", "chute", "contusion", "malaise", "douleur", "examen", "surveillance"}
# Everyday French words that are also brand names: never matched as drugs.
STOPWORDS = set("""
avec pour sans dans sous entre chez jour nuit matin soir midi gel eau sel lait miel sucre huile base vie test
bien mal plus moins tout tous toute toutes rien aucun aucune sang coeur corps tete main pied bras cou dos nez oeil
ventre peau rein foie os dent gorge type forme dose prise fois mois annee semaine heure minute temps ville rue
point fin debut suite cas mode note avis aide soin soins acte bilan examen normal stable calme zen actif active
vital vitale force fort forte doux douce clair claire simple total totale optimal flash express plus ultra pro
retard retar unique comprime gelule sirop solution creme pommade patch spray goutte sachet ampoule injection
ordonnance traitement medecin docteur patient patiente madame monsieur famille enfant adulte bebe homme femme
allergie fievre toux douleur rhume stress sommeil marche course sport fer zinc magnesium calcium potassium iode
vitamine insecte jasmine lierre libra minerva muse node nisi pneumo phenol refresh soufre kino priori reme marga
moex nonan sojourn roze pano celebre cristal daily diver drill arte acti acto champi confide decan ideo inly boto
cobalt canol cyclo diane alma carlin ether collyre goudron fractal alli lyso otipa keal kendi justor lepta
oxygene divina dente graza thai tonique tope yello xenon tigreat toco gelo fluore galvu mantadi moneva nidrel
""".split())


def atc_code(value: str) -> str:
    return f"ATC:{value}"


def cim_code(value: str) -> str:
    value = value.replace(".", "")
    return f"CIM-10:{value[:3]}.{value[3:]}" if len(value) > 3 else f"CIM-10:{value}"


def read_edsnlp(source: Path) -> tuple[dict, bytes, bytes]:
    """drugs.json, cim10.csv.gz and verbs.csv.gz from the edsnlp wheel (zip) or an installed package dir."""
    names = ("edsnlp/resources/drugs.json", "edsnlp/resources/cim10.csv.gz", "edsnlp/resources/verbs.csv.gz")
    if source.is_file():
        with zipfile.ZipFile(source) as wheel:
            blobs = [wheel.read(name) for name in names]
    else:
        base = source if (source / "edsnlp").is_dir() else source.parent
        blobs = [(base / name).read_bytes() for name in names]
    return json.loads(blobs[0]), blobs[1], blobs[2]


def common_words(verbs_gz: bytes, cim10_gz: bytes) -> set[str]:
    """French words that must not be taken for a brand name: verb forms and the vocabulary of CIM-10 labels."""
    words = {normalise(w) for w in STOPWORDS}
    for row in csv.DictReader(io.StringIO(gzip.decompress(verbs_gz).decode("utf-8"))):
        words.add(normalise(row["term"]))
    for row in csv.DictReader(io.StringIO(gzip.decompress(cim10_gz).decode("utf-8"))):
        words.update(normalise(row["long"]).split())
    return words


def cim10_terms(cim10_gz: bytes) -> dict[str, tuple[str, str]]:
    """Short, generic CIM-10 labels (chapters A-T), the most general code winning on a shared label."""
    terms: dict[str, tuple[str, str]] = {}
    rows = csv.DictReader(io.StringIO(gzip.decompress(cim10_gz).decode("utf-8")))
    for row in sorted(rows, key=lambda r: (len(r["code"]), r["code"])):
        code = row["code"]
        if not "A" <= code[0] <= "T":
            continue
        label = re.sub(r"^\*+[^*]*\*+\s*", "", row["long"])
        label = re.sub(r"\([^)]*\)", " ", label)
        head, _, tail = label.partition(",")
        if tail and not re.match(r"\s*(sans précision|non précisée?s?|sai|non classée?s? ailleurs)\s*$", tail, re.I):
            continue
        label = head.strip()
        if label.lower().startswith(("autre", "séquelle", "antécédent")) or normalise(label) in CIM10_SKIP:
            continue
        key = normalise(label)
        if len(key) < 4 or len(key.split()) > 6 or key in terms:
            continue
        terms[key] = ("SYMPTOME" if code[0] == "R" else "PATHOLOGIE", cim_code(code))
    return terms


def drug_terms(drugs: dict[str, list[str]], stop: set[str]) -> dict[str, tuple[str, str]]:
    """edsnlp drug names -> ATC; a name listed under several codes keeps the code that names its substance."""
    candidates: dict[str, list[str]] = defaultdict(list)
    for code, names in sorted(drugs.items()):
        for name in names:
            if " en association" in name or name.lower().startswith("association") or (
                not name.isupper() and " et " in name
            ):
                continue  # "ramipril et amlodipine" in a letter names two drugs, not the combination
            key = normalise(name)
            if not key or key in STOP_ALWAYS or (name.isupper() and (len(key) < 4 or key in stop)) \
                    or re.fullmatch(r"[a-z]\d+", key):
                continue
            candidates[key].append(code)
    terms = {}
    for key, codes in candidates.items():
        specific = [c for c in codes if len(c) == 7] or codes
        terms[key] = ("MEDICAMENT", atc_code(specific[0]))
    return terms


def bdpm_terms(path: Path, known: dict[str, tuple[str, str]], stop: set[str]) -> dict[str, tuple[str, str]]:
    """Brand and generic names from BDPM denominations, without strength, form or laboratory suffix."""
    names = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 11 or "dilution" in cols[1] or "BOIRON" in cols[10] or "LEHNING" in cols[10]:
                continue
            name = re.split(r"\s(?=[\d(])", cols[1].split(",")[0])[0].strip()
            names.append(name)
    firsts: dict[str, set[str]] = defaultdict(set)
    for name in set(names):
        words = name.split()
        if len(words) > 1:
            firsts[words[-1]].add(words[0])
    suffixes = {word for word, heads in firsts.items() if len(heads) >= 8}
    terms = {}
    for name in set(names):
        words = name.split()
        while len(words) > 1 and words[-1] in suffixes:
            words.pop()
        base = " ".join(words)
        key = normalise(base)
        if len(key) < 4 or key in stop or key in known or re.fullmatch(r"[a-z]\d+", key):
            continue
        substances = [normalise(s) for s in base.split("/")]
        code = known.get(normalise(" et ".join(base.split("/"))), known.get(substances[0], ("", "")))[1]
        words = key.split()
        while not code and len(substances) == 1 and len(words) > 1:
            words.pop()  # "bactrim forte" -> "bactrim"
            code = known.get(" ".join(words), ("", ""))[1]
        terms[key] = ("MEDICAMENT", code)
    return terms


def hand_terms(hand: Path) -> dict[str, tuple[str, str]]:
    terms: dict[str, tuple[str, str]] = {}

    def rows(name):
        with open(hand / name, encoding="utf-8") as handle:
            for line in handle:
                if line.strip() and not line.startswith("#"):
                    yield [c.strip() for c in line.rstrip("\n").split("\t")]

    for test in yaml.safe_load(LAB_RANGES.read_text(encoding="utf-8"))["tests"]:
        for alias in test["aliases"]:
            if not str(alias).startswith("="):
                terms[normalise(str(alias))] = ("EXAMEN", "")
    for (term,) in rows("exams.tsv"):
        terms[normalise(term)] = ("EXAMEN", "")
    for modality in IMAGING:
        for site in SITES:
            terms[normalise(f"{modality} {site}")] = ("EXAMEN", "")
    for term, *code in rows("symptoms.tsv"):
        terms[normalise(term)] = ("SYMPTOME", cim_code(code[0]) if code and code[0] else "")
    for qualifier in PAIN_QUALIFIERS:
        for link in PAIN_LINKS:
            for site in SITE_PAIN:
                terms[normalise(f"douleur {qualifier} {link} {site}")] = ("SYMPTOME", "")
    for term, code in rows("pathologies.tsv"):
        terms[normalise(term)] = ("PATHOLOGIE", cim_code(code))
    for term, *code in rows("drug_classes.tsv"):
        terms[normalise(term)] = ("MEDICAMENT", atc_code(code[0]) if code and code[0] else "")
    for term, label, *code in rows("allergens.tsv"):
        terms[normalise(term)] = (label, atc_code(code[0]) if code and code[0] else "")
    return terms


def build(edsnlp: Path, bdpm: Path, out: Path) -> dict[str, int]:
    drugs, cim10_gz, verbs_gz = read_edsnlp(edsnlp)
    stop = common_words(verbs_gz, cim10_gz)
    cim10 = cim10_terms(cim10_gz)
    eds_drugs = drug_terms(drugs, stop)
    bdpm_drugs = bdpm_terms(bdpm, eds_drugs, stop)
    hand = hand_terms(out / "hand")
    terms: dict[str, tuple[str, str]] = {}
    for source in (cim10, bdpm_drugs, eds_drugs, hand):
        for key, (label, code) in source.items():
            previous = terms.get(key)
            if not code and previous and previous[0] == label:
                code = previous[1]
            if not code and previous and label in ("SYMPTOME", "PATHOLOGIE") and previous[1].startswith("CIM"):
                code = previous[1]
            terms[key] = (label, code)
    with open(out / TERMS_FILE, "w", encoding="utf-8") as handle:
        handle.write("# key\tlabel\tcode — compiled by `python -m export.lexicons`; sources and licences: README.md\n")
        for key in sorted(terms):
            label, code = terms[key]
            handle.write(f"{key}\t{label}\t{code}\n")
    counts: dict[str, int] = defaultdict(int)
    for label, _ in terms.values():
        counts[label] += 1
    counts.update({"cim10": len(cim10), "edsnlp_drugs": len(eds_drugs), "bdpm": len(bdpm_drugs), "hand": len(hand)})
    return dict(counts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m export.lexicons", description=__doc__.split("\n\n")[0])
    parser.add_argument("edsnlp", type=Path, help="edsnlp wheel (pip download --no-deps edsnlp) or package dir")
    parser.add_argument("--bdpm", type=Path, default=DEFAULT_BDPM, help="BDPM CIS_bdpm.txt")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="lexicon folder (holds hand/)")
    args = parser.parse_args(argv)
    counts = build(args.edsnlp, args.bdpm, args.out)
    print(json.dumps(counts, ensure_ascii=False, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
