"""Hand-written French clinical vocabulary (project-authored lists) for generated training sentences and the
SYMPTOME/PATHOLOGIE split of QUAERO's DISO group. Drug brand names come from the BDPM file at run time."""
from __future__ import annotations

import re
from pathlib import Path

SYMPTOMS = [
    "fièvre", "fébricule", "hyperthermie", "toux", "toux sèche", "toux productive", "dyspnée", "dyspnée d'effort",
    "essoufflement", "douleur thoracique", "douleurs thoraciques", "oppression thoracique", "céphalées",
    "maux de tête", "mal de tête", "nausées", "vomissements", "asthénie", "fatigue", "vertiges", "prurit",
    "démangeaisons", "diarrhée", "diarrhées", "constipation", "douleur abdominale", "douleurs abdominales",
    "palpitations", "malaise", "frissons", "sueurs nocturnes", "amaigrissement", "perte de poids", "anorexie",
    "insomnie", "lombalgie", "lombalgies", "dorsalgie", "arthralgies", "myalgies", "œdème", "œdèmes",
    "œdème des membres inférieurs", "éruption cutanée", "urticaire", "brûlures mictionnelles", "dysurie",
    "pollakiurie", "hématurie", "hémoptysie", "expectorations", "rhinorrhée", "mal de gorge", "odynophagie",
    "dysphagie", "douleur", "douleurs", "syncope", "lipothymie", "paresthésies", "troubles visuels",
    "acouphènes", "ictère", "épistaxis", "sifflements", "confusion", "somnolence", "convulsions",
    "tremblements", "polyurie", "polydipsie", "crampes", "claudication", "pyrosis", "ballonnements",
    "rectorragies", "méléna", "hématémèse", "douleur épigastrique", "raideur", "gonflement", "tachycardie",
    "cyanose", "pâleur", "douleurs chroniques", "douleurs lombaires", "douleur lombaire", "douleurs articulaires",
    "altération de l'état général", "AEG", "perte d'appétit", "toux chronique", "irritabilité", "anxiété",
    "dyspepsie", "gêne respiratoire", "céphalée", "vomissement", "nausée", "algies", "douleur du genou",
    "douleurs du dos", "douleurs au dos", "hypersudation", "douleur pelvienne", "écoulement", "saignement",
]
DISEASES = [
    "hypertension artérielle", "HTA", "diabète de type 2", "diabète de type 1", "diabète", "asthme", "BPCO",
    "bronchopneumopathie chronique obstructive", "insuffisance cardiaque", "fibrillation auriculaire", "ACFA",
    "embolie pulmonaire", "pneumopathie", "pneumopathie franche lobaire aiguë", "infarctus du myocarde", "IDM",
    "AVC", "accident vasculaire cérébral", "cancer du sein", "insuffisance rénale chronique", "hypothyroïdie",
    "dépression", "syndrome dépressif", "arthrose", "gonarthrose", "coxarthrose", "polyarthrite rhumatoïde",
    "migraine", "épilepsie", "maladie de Crohn", "cirrhose", "hépatite C", "infection par le VIH", "anémie",
    "anémie ferriprive", "ostéoporose", "lombosciatique", "angine", "otite moyenne aiguë", "cystite",
    "pyélonéphrite", "bronchite aiguë", "COVID-19", "grippe", "eczéma", "psoriasis", "dyslipidémie",
    "hypercholestérolémie", "obésité", "syndrome d'apnées du sommeil", "glaucome", "cataracte",
    "cardiopathie ischémique", "thrombose veineuse profonde", "phlébite", "sinusite", "gastro-entérite",
    "reflux gastro-œsophagien", "ulcère gastrique", "hernie discale", "maladie de Parkinson",
    "maladie d'Alzheimer", "sclérose en plaques", "cancer colorectal", "adénocarcinome prostatique",
    "lymphome", "leucémie", "sepsis", "stéatose hépatique", "lithiase biliaire", "colique néphrétique",
    "appendicite", "tuberculose", "hyperthyroïdie", "goutte", "spondylarthrite ankylosante", "hypokaliémie",
    "insuffisance respiratoire", "valvulopathie", "rétrécissement aortique", "zona", "varicelle", "mélanome",
]
EXAMS = [
    "scanner thoracique", "scanner thoracique injecté", "scanner abdomino-pelvien", "TDM thoracique",
    "IRM cérébrale", "IRM lombaire", "IRM du genou", "radiographie pulmonaire", "radiographie thoracique",
    "radiographie du genou", "radio du poignet", "échographie abdominale", "échographie cardiaque",
    "échographie thyroïdienne", "échographie pelvienne", "ETT", "ECG", "électrocardiogramme", "coloscopie",
    "fibroscopie", "gastroscopie", "mammographie", "scintigraphie osseuse", "EFR",
    "épreuves fonctionnelles respiratoires", "holter ECG", "MAPA", "bilan sanguin", "bilan biologique", "NFS",
    "numération formule sanguine", "CRP", "ionogramme", "bilan hépatique", "TSH", "HbA1c", "glycémie à jeun",
    "dosage de la créatinine", "bilan lipidique", "ECBU", "doppler veineux", "écho-doppler des membres inférieurs",
    "angioscanner", "TEP-scanner", "biopsie", "ponction lombaire", "densitométrie osseuse", "épreuve d'effort",
    "polysomnographie", "EEG", "EMG", "arthroscopie", "coronarographie", "frottis cervico-utérin", "sérologie",
    "hémocultures", "gaz du sang", "D-dimères", "troponine", "BNP", "dosage de la ferritine", "INR",
]
ANATOMY = [
    "genou droit", "genou gauche", "poumon droit", "poumons", "foie", "rein", "reins", "cœur", "thorax",
    "abdomen", "bras gauche", "membres inférieurs", "rachis lombaire", "rachis cervical", "épaule droite",
    "hanche gauche", "cheville", "cerveau", "côlon", "estomac", "thyroïde", "prostate", "sein gauche", "vessie",
    "poignet", "main droite", "mollet", "pied", "colonne vertébrale", "hypochondre droit", "fosse iliaque droite",
    "gorge", "oreille", "œil droit", "peau", "utérus", "dos", "nuque", "bassin", "cuisse",
]
ALLERGENS = [
    "pénicilline", "pénicillines", "amoxicilline", "arachides", "arachide", "noix", "fruits à coque", "latex",
    "iode", "produits de contraste iodés", "produit de contraste iodé", "pollens", "acariens", "fruits de mer",
    "crustacés", "lait de vache", "œufs", "aspirine", "AINS", "sulfamides", "gluten", "poils de chat",
    "piqûres de guêpe", "venin d'hyménoptère", "codéine", "nickel", "céphalosporines", "kiwi", "poisson",
    "graminées", "bêtalactamines", "morphine", "chlorhexidine", "sparadrap", "soja", "sésame",
]
SUBSTANCES = [
    "paracétamol", "amoxicilline", "ibuprofène", "metformine", "ramipril", "amlodipine", "atorvastatine",
    "lévothyroxine", "oméprazole", "ésoméprazole", "salbutamol", "bisoprolol", "furosémide", "apixaban",
    "rivaroxaban", "warfarine", "insuline glargine", "prednisone", "prednisolone", "tramadol", "codéine",
    "morphine", "clopidogrel", "aspirine", "simvastatine", "losartan", "hydrochlorothiazide", "sertraline",
    "escitalopram", "alprazolam", "zolpidem", "tiotropium", "budésonide", "fluticasone", "montélukast",
    "allopurinol", "colchicine", "méthotrexate", "cotrimoxazole", "ciprofloxacine", "azithromycine",
    "doxycycline", "diclofénac", "kétoprofène", "pantoprazole", "périndopril", "valsartan", "spironolactone",
    "digoxine", "amiodarone", "héparine", "enoxaparine", "insuline", "antibiotiques", "anticoagulants",
    "corticoïdes", "bêtabloquants", "antihypertenseurs", "anti-inflammatoires", "antalgiques", "statines",
]


def bdpm_brands(path: Path, limit: int | None = None) -> list[str]:
    """Brand names from the BDPM specialities file: the denomination up to its strength or form."""
    brands: dict[str, None] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        name = re.split(r"[,(]| \d", cols[1], maxsplit=1)[0].strip()
        if 2 < len(name) <= 30 and not name.isdigit():
            brands[name] = None
    out = list(brands)
    return out[:limit] if limit else out


def bdpm_denominations(path: Path) -> list[str]:
    return [line.split("\t")[1] for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
            if line.count("\t") >= 1]


def symptom_heads() -> set[str]:
    return {s.lower() for s in SYMPTOMS}


def all_terms() -> list[str]:
    return SYMPTOMS + DISEASES + EXAMS + ANATOMY + ALLERGENS + SUBSTANCES
