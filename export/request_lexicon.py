"""Word lists for the request generator (`export/request_data.py`): invented people, clinical domains, phrasings.

Everything here is hand-written for MedClair; drug brand names come from the BDPM file at run time
(`load_bdpm_drugs`) with the substances below as a fallback. No patient data.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

BDPM_DEFAULT = Path("/work/shared/lexicons/bdpm/CIS_bdpm.txt")

FIRST_F = ["Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Martine", "Christine", "Françoise", "Monique",
           "Valérie", "Sandrine", "Céline", "Stéphanie", "Aurélie", "Julie", "Camille", "Léa", "Manon", "Chloé",
           "Emma", "Inès", "Sarah", "Laura", "Pauline", "Jeanne", "Yvette", "Josiane", "Denise", "Odette",
           "Fatou", "Samia", "Leïla", "Amina", "Nadia", "Agnès", "Brigitte", "Colette", "Hélène", "Mélanie",
           "Océane", "Anaïs", "Solène", "Gisèle", "Paulette", "Ginette", "Rose", "Zoé", "Lucie", "Alice", "Maëlys"]
FIRST_M = ["Jean", "Pierre", "Michel", "Philippe", "Alain", "Patrick", "Nicolas", "Christophe", "Laurent",
           "Frédéric", "Éric", "David", "Julien", "Sébastien", "Thomas", "Kevin", "Maxime", "Hugo", "Lucas",
           "Louis", "Gabriel", "Arthur", "Jules", "Raymond", "Marcel", "André", "Roger", "Bernard", "Gérard",
           "Daniel", "Mohamed", "Karim", "Rachid", "Mamadou", "Youssef", "Yannick", "Franck", "Olivier",
           "Guillaume", "Antoine", "Mathis", "Théo", "Enzo", "Bruno", "Serge", "Didier", "Henri", "Lucien"]
LAST = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
        "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
        "Morel", "Girard", "André", "Lefèvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez",
        "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas",
        "Perrin", "Morin", "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin",
        "Masson", "Sanchez", "Gérard", "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Gautier",
        "Roger", "Roche", "Roy", "Noël", "Meyer", "Lucas", "Meunier", "Jean", "Perez", "Marchand", "Dufour",
        "Blanchard", "Marie", "Barbier", "Brun", "Dumas", "Brunet", "Schmitt", "Leroux", "Colin", "Fernandez",
        "Pierre", "Renard", "Arnaud", "Rolland", "Caron", "Aubert", "Giraud", "Leclerc", "Vidal", "Bourgeois",
        "Renaud", "Lemoine", "Picard", "Gaillard", "Philippe", "Leclercq", "Lacroix", "Fabre", "Dupuis", "Olivier",
        "Rodriguez", "Da Silva", "Hubert", "Louis", "Charles", "Guillot", "Rivière", "Le Gall", "Guillaume",
        "Adam", "Rey", "Moulin", "Gonzalez", "Berger", "Lecomte", "Menard", "Fleury", "Deschamps", "Carpentier",
        "Julien", "Benoît", "Paris", "Maillard", "Marchal", "Aubry", "Vasseur", "Le Roux", "Renault", "Jacquet",
        "Collet", "Prévost", "Poirier", "Charpentier", "Royer", "Huet", "Baron", "Dupuy", "Pons", "Paul",
        "Laine", "Carré", "Breton", "Rémy", "Schneider", "Perrot", "Barré", "Marty", "Cousin", "Benali",
        "Haddad", "Diallo", "Traoré", "Kaci", "Belkacem", "Mansouri", "Bensaïd", "Ferreira", "Pereira", "Santos"]
CITIES = ["Lyon", "Marseille", "Toulouse", "Nantes", "Rennes", "Lille", "Bordeaux", "Montpellier", "Strasbourg",
          "Grenoble", "Dijon", "Angers", "Nîmes", "Tours", "Limoges", "Amiens", "Metz", "Besançon", "Brest",
          "Poitiers", "Pau", "Valence", "Quimper", "Colmar", "Chambéry", "Annecy", "Niort", "Vannes", "Albi",
          "Cahors", "Saint-Étienne", "Le Mans", "Clermont-Ferrand", "Caen", "Rouen", "Orléans", "Troyes", "Agen"]
STREETS = ["rue de la République", "avenue Jean Jaurès", "rue Victor Hugo", "boulevard Pasteur", "place du Marché",
           "rue des Lilas", "allée des Tilleuls", "rue du Général Leclerc", "chemin des Vignes", "rue Nationale",
           "avenue de la Gare", "rue des Écoles", "quai Saint-Pierre", "rue Gambetta", "impasse des Peupliers"]
MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]
LABS = ["Biopôle", "BioSanté", "Analyses Médicales du Centre", "Cerbalab"]
SERVICES = ["médecine interne", "cardiologie", "pneumologie", "gériatrie", "chirurgie viscérale", "radiologie"]


@dataclass
class Drug:
    name: str
    strengths: list[str]
    forms: list[str] = field(default_factory=lambda: ["cp"])


# Substances (DCI) with usual strengths; also the fallback when the BDPM file is absent.
SUBSTANCES = [
    Drug("metformine", ["500 mg", "850 mg", "1000 mg"]), Drug("amlodipine", ["5 mg", "10 mg"]),
    Drug("ramipril", ["2,5 mg", "5 mg", "10 mg"]), Drug("bisoprolol", ["1,25 mg", "2,5 mg", "5 mg"]),
    Drug("atorvastatine", ["10 mg", "20 mg", "40 mg", "80 mg"]), Drug("rosuvastatine", ["5 mg", "10 mg", "20 mg"]),
    Drug("lévothyroxine", ["25 µg", "50 µg", "75 µg", "100 µg"]), Drug("oméprazole", ["10 mg", "20 mg"]),
    Drug("ésoméprazole", ["20 mg", "40 mg"]), Drug("paracétamol", ["500 mg", "1 g"]),
    Drug("apixaban", ["2,5 mg", "5 mg"]), Drug("rivaroxaban", ["15 mg", "20 mg"]),
    Drug("furosémide", ["20 mg", "40 mg"]), Drug("salbutamol", ["100 µg"], ["bouffée"]),
    Drug("escitalopram", ["5 mg", "10 mg"]), Drug("sertraline", ["50 mg", "100 mg"]),
    Drug("prednisone", ["5 mg", "20 mg"]), Drug("méthotrexate", ["10 mg", "15 mg"]),
    Drug("amoxicilline", ["500 mg", "1 g"]), Drug("tramadol", ["50 mg", "100 mg"]),
    Drug("allopurinol", ["100 mg", "300 mg"]), Drug("insuline glargine", ["18 UI", "24 UI", "30 UI"], ["inj"]),
    Drug("zolpidem", ["10 mg"]), Drug("alprazolam", ["0,25 mg", "0,5 mg"]), Drug("losartan", ["50 mg", "100 mg"]),
    Drug("périndopril", ["4 mg", "5 mg", "10 mg"]), Drug("tamsulosine", ["0,4 mg"], ["gél"]),
    Drug("clopidogrel", ["75 mg"]), Drug("aspirine", ["75 mg", "100 mg", "160 mg"], ["sachet"]),
    Drug("montélukast", ["10 mg"]), Drug("prégabaline", ["25 mg", "75 mg", "150 mg"], ["gél"]),
    Drug("duloxétine", ["30 mg", "60 mg"], ["gél"]), Drug("venlafaxine", ["37,5 mg", "75 mg"], ["gél"]),
    Drug("lévétiracétam", ["500 mg", "1000 mg"]), Drug("lamotrigine", ["50 mg", "100 mg"]),
    Drug("donépézil", ["5 mg", "10 mg"]), Drug("colchicine", ["1 mg"]), Drug("gliclazide", ["30 mg", "60 mg"]),
    Drug("lercanidipine", ["10 mg", "20 mg"]), Drug("hydroxyzine", ["25 mg"]), Drug("ibuprofène", ["200 mg",
                                                                                                   "400 mg"]),
    Drug("macrogol", ["10 g"], ["sachet"]), Drug("spironolactone", ["25 mg", "50 mg"]),
    Drug("budésonide/formotérol", ["200/6 µg"], ["inhalation"]), Drug("fluticasone", ["250 µg"], ["bouffée"]),
    Drug("cholécalciférol", ["100 000 UI"], ["ampoule"]), Drug("enoxaparine", ["4000 UI"], ["inj"]),
]

DRUG_CLASSES = ["AVK", "anticoagulants", "IPP", "bêtabloquants", "antihypertenseurs", "antidiabétiques oraux",
                "corticoïdes inhalés", "antidépresseurs", "benzodiazépines", "statines", "AINS", "diurétiques"]

FREQUENCIES = ["1 {form} le matin", "1 {form} le soir", "1 {form} matin et soir", "1 {form}/j", "1 {form} x2/j",
               "2 {form} par jour", "1 {form} 3 fois par jour", "1 {form} matin, midi et soir", "1/j", "2x/j",
               "1 {form} au coucher", "1 {form} si douleur, max 3/j", "1 {form} le matin à jeun",
               "1 {form} un jour sur deux", "1 {form} par semaine", "½ {form} le soir", "x3/j", "1 {form}/semaine",
               "2 {form} matin et soir", "1 {form} tous les 3 mois", "1 {form} le midi", "3 {form} par jour",
               "1 {form} le soir au coucher", "matin et soir", "1-0-1", "1-1-1", "0-0-1", "le matin"]
DURATIONS_RX = ["pendant 7 jours", "pendant 10 jours", "pendant 3 mois", "pour 3 mois", "pendant 1 mois",
                "pendant 5 jours", "au long cours", "pour 6 mois"]


def load_bdpm_drugs(path: Path | None = None, limit: int = 4000) -> list[Drug]:
    """Brand names with their strengths from the BDPM specialities file (name = text before the first digit/comma)."""
    path = path or BDPM_DEFAULT
    if not path.exists():
        return []
    by_name: dict[str, Drug] = {}
    form_map = {"comprimé": "cp", "gélule": "gél", "sachet": "sachet", "solution injectable": "inj",
                "suspension pour inhalation": "bouffée", "poudre pour inhalation": "inhalation"}
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) < 7 or cols[6].strip() != "Commercialisée":
            continue
        denomination, form = cols[1].strip(), cols[2].strip()
        m = re.match(r"([A-ZÀ-Ý][A-ZÀ-Ý' \-]+?)\s*(?=\d|,|$)", denomination)
        if not m:
            continue
        name = m.group(1).strip(" -")
        words = name.split()
        if not 3 <= len(name) <= 22 or len(words) > 2 or not re.fullmatch(r"[A-ZÀ-Ý' \-]+", name):
            continue
        rest = denomination[m.end():]
        strength = re.match(r"(\d[\d ,./]*\s*(?:mg|g|µg|microgrammes|UI|U\.I\.|%))", rest)
        short_form = next((v for k, v in form_map.items() if form.startswith(k)), None)
        if short_form is None:
            continue
        drug = by_name.setdefault(name, Drug(name, [], [short_form]))
        if strength:
            value = strength.group(1).replace("microgrammes", "µg").strip()
            if value not in drug.strengths:
                drug.strengths.append(value)
    seconds: dict[str, int] = {}
    for name in by_name:
        if " " in name:
            seconds[name.split()[1]] = seconds.get(name.split()[1], 0) + 1
    labs = {w for w, n in seconds.items() if n >= 4}
    merged: dict[str, Drug] = {}
    for name, drug in by_name.items():
        words = name.split()
        key = words[0] if len(words) == 2 and words[1] in labs else name
        target = merged.setdefault(key, Drug(key, [], drug.forms))
        target.strengths += [x for x in drug.strengths if x not in target.strengths]
    drugs = [d for d in merged.values() if d.strengths and len(d.name) >= 4]
    drugs.sort(key=lambda d: d.name)
    return drugs[:limit] if len(drugs) > limit else drugs


@dataclass
class Domain:
    """A clinical area: keeps symptoms, diagnoses, exams and drugs of one document coherent."""

    key: str
    specialty: str  # "avis cardiologique"
    specialist: str  # "cardiologue"
    symptoms: list[str]
    lay_symptoms: list[str]
    known: list[str]  # diagnoses stated as known
    suspected: list[str]
    imaging: list[str]
    biology: list[str]
    drugs: list[str]
    results: list[str]  # "!" marks where a result states a diagnosis: written as `diagnostic` too
    lay_known: list[str]  # "je suis diabétique"


DOMAINS = [
    Domain("cardio", "avis cardiologique", "cardiologue",
           ["une douleur thoracique à l'effort", "une dyspnée d'effort", "des palpitations",
            "des œdèmes des membres inférieurs",
            "un malaise avec perte de connaissance brève", "une douleur thoracique constrictive", "une dyspnée NYHA II",
            "des lipothymies", "une TA à 185/105", "une tachycardie à 124/min", "un souffle systolique"],
           ["j'ai mal dans la poitrine quand je marche vite", "je suis essoufflé au moindre effort",
            "mon cœur s'emballe par moments", "j'ai les chevilles qui gonflent", "j'ai fait un malaise hier"],
           ["une HTA", "une fibrillation auriculaire", "une insuffisance cardiaque", "une cardiopathie ischémique",
            "une ACFA paroxystique", "une hypertension artérielle"],
           ["un angor d'effort", "un trouble du rythme", "une décompensation cardiaque", "un syndrome coronarien aigu",
            "une embolie pulmonaire", "une péricardite"],
           ["une échographie cardiaque transthoracique", "un coroscanner", "une scintigraphie myocardique",
            "une IRM cardiaque", "un angioscanner thoracique", "un écho-doppler des troncs supra-aortiques"],
           ["troponine", "NT-proBNP", "bilan lipidique", "ionogramme", "créatinine", "D-dimères", "TSH"],
           ["bisoprolol", "amlodipine", "ramipril", "apixaban", "atorvastatine", "furosémide", "aspirine",
            "clopidogrel"],
           ["troponine hs à {n:30-900} ng/L", "NT-proBNP {n:300-4500} pg/mL", "LDL {d:1.2-2.4} g/L",
            "FEVG estimée à {n:30-55} %", "ECG : !ACFA à {n:95-140}/min", "ECG : sus-décalage en territoire inférieur"],
           ["je suis hypertendu", "j'ai de l'arythmie", "je suis cardiaque"]),
    Domain("pneumo", "avis pneumologique", "pneumologue",
           ["une toux chronique", "une toux productive", "une dyspnée d'aggravation progressive", "des hémoptysies",
            "des sifflements nocturnes", "une douleur basithoracique droite", "une expectoration purulente",
            "une SpO2 à 89 % en air ambiant", "une polypnée à 28/min", "des crépitants à la base droite"],
           ["je tousse tout le temps", "je crache du sang quand je tousse", "j'ai du mal à respirer la nuit",
            "ça siffle quand je respire", "je suis essoufflée en montant les escaliers"],
           ["un asthme", "une BPCO", "un SAOS appareillé", "une BPCO stade 3", "un asthme allergique"],
           ["une pneumopathie", "une embolie pulmonaire", "une néoplasie pulmonaire", "une exacerbation de BPCO",
            "une pleurésie"],
           ["une radiographie thoracique", "un scanner thoracique", "un angioscanner thoracique",
            "un scanner thoracique injecté", "des EFR", "une polygraphie ventilatoire"],
           ["gaz du sang", "NFS", "CRP", "D-dimères", "procalcitonine", "IgE totales"],
           ["salbutamol", "budésonide/formotérol", "fluticasone", "montélukast", "prednisone", "amoxicilline"],
           ["VEMS {d:0.9-2.5} L ({n:40-80} %)", "CRP {n:40-250} mg/L", "radio : opacité alvéolaire basale droite",
            "PaO2 {n:55-70} mmHg", "scanner : nodule de {n:6-25} mm du lobe supérieur droit",
            "D-dimères {n:600-4000} ng/mL"],
           ["je suis asthmatique", "j'ai de l'asthme", "j'ai une BPCO"]),
    Domain("rhumato", "avis rhumatologique", "rhumatologue",
           ["des lombalgies", "une lombosciatique gauche", "des gonalgies bilatérales", "des polyarthralgies",
            "une raideur matinale de plus d'une heure", "des douleurs de l'épaule droite", "une cervicalgie"],
           ["j'ai mal au dos", "j'ai mal aux genoux", "j'ai mal aux mains le matin",
            "mon épaule me fait souffrir la nuit",
            "j'ai une douleur qui descend dans la jambe"],
           ["une polyarthrite rhumatoïde", "une arthrose", "une goutte", "une spondylarthrite", "une ostéoporose"],
           ["une hernie discale", "une fissure méniscale", "une rupture de la coiffe des rotateurs",
            "un rhumatisme inflammatoire", "une crise de goutte", "un tassement vertébral"],
           ["une IRM du rachis lombaire", "une radiographie des genoux", "une échographie de l'épaule",
            "une ostéodensitométrie", "une IRM du genou", "un scanner lombaire", "une radiographie du bassin"],
           ["VS", "CRP", "facteur rhumatoïde", "anti-CCP", "uricémie", "HLA B27"],
           ["méthotrexate", "paracétamol", "ibuprofène", "colchicine", "allopurinol", "tramadol", "prednisone"],
           ["CRP {n:15-90} mg/L", "uricémie {n:420-620} µmol/L", "anti-CCP positifs", "VS {n:30-80} mm",
            "IRM : !hernie discale L4-L5", "radio : pincement fémoro-tibial interne"],
           ["j'ai de l'arthrose", "j'ai de la polyarthrite", "j'ai la goutte"]),
    Domain("gastro", "avis gastro-entérologique", "gastro-entérologue",
           ["des douleurs abdominales", "des épigastralgies", "des rectorragies", "une diarrhée chronique",
            "un amaigrissement de 5 kg", "une dysphagie", "des douleurs de l'hypochondre droit", "un pyrosis"],
           ["j'ai mal au ventre", "j'ai des brûlures d'estomac", "j'ai du sang dans les selles",
            "j'ai la diarrhée", "j'ai perdu du poids sans raison"],
           ["un RGO", "une maladie de Crohn", "une rectocolite hémorragique", "une lithiase vésiculaire",
            "une cirrhose", "un syndrome de l'intestin irritable"],
           ["une appendicite", "une cholécystite", "un ulcère gastrique", "un cancer colorectal",
            "une pancréatite aiguë", "une diverticulite"],
           ["une échographie abdominale", "un scanner abdomino-pelvien", "un scanner abdomino-pelvien injecté",
            "une coloscopie", "une fibroscopie œso-gastro-duodénale", "une IRM hépatique"],
           ["bilan hépatique", "lipase", "NFS", "ferritine", "calprotectine fécale", "sérologie hépatite C"],
           ["oméprazole", "ésoméprazole", "macrogol", "paracétamol"],
           ["lipase {n:3-8}N", "ferritine {n:3-12} µg/L", "Hb {d:7.5-11.0} g/dL", "ASAT {n:2-6}N",
            "échographie : !lithiase vésiculaire", "calprotectine {n:250-900} µg/g"],
           ["j'ai un reflux", "j'ai la maladie de Crohn", "j'ai des calculs dans la vésicule"]),
    Domain("neuro", "avis neurologique", "neurologue",
           ["des céphalées", "des vertiges", "des troubles de la mémoire", "des paresthésies des mains",
            "une crise convulsive", "un tremblement de repos", "un déficit brachial transitoire", "une diplopie"],
           ["j'ai mal à la tête tous les jours", "j'ai la tête qui tourne", "j'oublie tout en ce moment",
            "j'ai des fourmis dans les mains", "je tremble de la main droite"],
           ["une migraine", "une épilepsie", "une maladie de Parkinson", "une sclérose en plaques",
            "une maladie d'Alzheimer"],
           ["un AVC", "un AIT", "une tumeur cérébrale", "une SEP", "un syndrome du canal carpien",
            "une névralgie d'Arnold"],
           ["une IRM cérébrale", "un scanner cérébral", "un EEG", "un EMG", "une IRM cérébrale injectée",
            "un doppler des TSA"],
           ["NFS", "glycémie", "vitamine B12", "TSH", "bilan lipidique"],
           ["lévétiracétam", "lamotrigine", "donépézil", "paracétamol", "prégabaline"],
           ["IRM : hypersignaux de la substance blanche", "scanner cérébral normal",
            "EMG : !syndrome du canal carpien",
            "vitamine B12 {n:90-150} pg/mL"],
           ["je suis épileptique", "j'ai des migraines", "j'ai la maladie de Parkinson"]),
    Domain("endocrino", "avis endocrinologique", "endocrinologue",
           ["une asthénie", "un syndrome polyuro-polydipsique", "une prise de poids", "un amaigrissement",
            "des palpitations avec tremblements", "un goitre", "des hypoglycémies"],
           ["je suis très fatiguée", "j'ai tout le temps soif", "j'ai pris 10 kilos",
            "j'ai des sueurs et des malaises"],
           ["un diabète de type 2", "un DT2", "une hypothyroïdie", "une maladie de Basedow", "une obésité",
            "un diabète de type 1"],
           ["une hyperthyroïdie", "un diabète déséquilibré", "un nodule thyroïdien", "une hyperparathyroïdie"],
           ["une échographie thyroïdienne", "une scintigraphie thyroïdienne", "une échographie cervicale"],
           ["HbA1c", "TSH", "T4L", "glycémie à jeun", "bilan lipidique", "microalbuminurie", "calcémie", "PTH"],
           ["metformine", "insuline glargine", "lévothyroxine", "gliclazide"],
           ["HbA1c {d:6.8-10.5} %", "TSH {d:0.01-12.0} mUI/L", "glycémie à jeun {d:1.26-2.6} g/L",
            "calcémie {d:2.65-3.0} mmol/L", "T4L {n:22-45} pmol/L"],
           ["je suis diabétique", "j'ai de la thyroïde", "je suis diabétique de type 2"]),
    Domain("uro", "avis urologique", "urologue",
           ["des brûlures mictionnelles", "une pollakiurie", "une hématurie", "une colique néphrétique",
            "une dysurie", "une rétention urinaire", "des douleurs lombaires droites"],
           ["ça brûle quand je fais pipi", "je me lève 4 fois la nuit pour uriner", "j'ai du sang dans les urines",
            "j'ai très mal dans le bas du dos côté droit"],
           ["une HBP", "une IRC", "une lithiase urinaire", "une insuffisance rénale chronique stade 3"],
           ["une pyélonéphrite", "une colique néphrétique", "un cancer de la prostate", "une prostatite"],
           ["une échographie rénale et vésicale", "un uroscanner", "une IRM prostatique",
            "un scanner abdominal sans injection"],
           ["ECBU", "PSA", "créatinine", "ionogramme", "DFG"],
           ["tamsulosine", "furosémide", "paracétamol", "amoxicilline"],
           ["PSA {d:4.5-25.0} ng/mL", "créatinine {n:130-320} µmol/L", "DFG {n:18-55} mL/min",
            "ECBU : E. coli 10^5 UFC/mL", "échographie : dilatation pyélocalicielle droite"],
           ["j'ai de la prostate", "j'ai des calculs rénaux", "mes reins fonctionnent mal"]),
    Domain("derm", "avis dermatologique", "dermatologue",
           ["une lésion pigmentée du dos", "un prurit diffus", "une éruption maculo-papuleuse",
            "des plaques érythémato-squameuses",
            "une plaie chronique de jambe", "une lésion du visage qui saigne"],
           ["j'ai un grain de beauté qui change", "ça me gratte partout", "j'ai des plaques rouges sur les coudes",
            "j'ai des boutons partout"],
           ["un psoriasis", "un eczéma atopique", "une acné sévère", "une urticaire chronique", "un ulcère veineux"],
           ["un mélanome", "un carcinome basocellulaire", "un zona", "une gale", "une toxidermie"],
           ["une échographie doppler veineuse", "une biopsie cutanée"],
           ["NFS", "IgE totales", "bilan hépatique", "sérologie syphilis"],
           ["cétirizine", "hydroxyzine", "prednisone"],
           ["biopsie : !carcinome basocellulaire nodulaire", "IgE totales {n:400-1500} kUI/L",
            "éosinophiles {d:0.8-2.0} G/L"],
           ["j'ai du psoriasis", "j'ai de l'eczéma"]),
    Domain("psy", "avis psychiatrique", "psychiatre",
           ["une insomnie", "une anxiété majeure", "une tristesse de l'humeur", "des idées noires", "un repli sur soi",
            "des crises d'angoisse", "une anhédonie"],
           ["je dors très mal", "je suis angoissée tout le temps", "je n'ai plus goût à rien", "je pleure souvent",
            "j'ai des crises de panique"],
           ["un syndrome dépressif", "un trouble anxieux généralisé", "un trouble bipolaire",
            "une schizophrénie stabilisée"],
           ["un épisode dépressif caractérisé", "un état de stress post-traumatique", "un trouble panique",
            "un syndrome de sevrage"],
           ["une IRM cérébrale"],
           ["TSH", "NFS", "lithiémie", "bilan hépatique"],
           ["escitalopram", "sertraline", "alprazolam", "zolpidem", "venlafaxine", "hydroxyzine"],
           ["lithiémie {d:0.4-1.4} mmol/L", "TSH {d:0.5-3.0} mUI/L"],
           ["je suis dépressive", "je suis bipolaire", "je fais des crises d'angoisse depuis longtemps"]),
    Domain("gyneco", "avis gynécologique", "gynécologue",
           ["des douleurs pelviennes", "des métrorragies", "une aménorrhée", "des bouffées de chaleur",
            "des ménorragies", "une masse du sein gauche", "des leucorrhées"],
           ["j'ai des règles très douloureuses", "je saigne entre les règles", "je n'ai plus mes règles depuis 3 mois",
            "j'ai senti une boule dans le sein"],
           ["une endométriose", "un SOPK", "un fibrome utérin", "une ménopause"],
           ["une grossesse extra-utérine", "un kyste ovarien", "un cancer du sein", "une salpingite"],
           ["une échographie pelvienne", "une mammographie", "une IRM pelvienne", "une échographie mammaire",
            "une échographie pelvienne endovaginale"],
           ["bêta-HCG", "FSH", "œstradiol", "NFS", "ferritine"],
           ["paracétamol", "ibuprofène"],
           ["bêta-HCG négatifs", "bêta-HCG {n:800-5000} UI/L", "mammographie : ACR 4", "Hb {d:8.5-11.0} g/dL"],
           ["j'ai de l'endométriose", "j'ai des ovaires polykystiques"]),
    Domain("infectio", "avis infectiologique", "infectiologue",
           ["une fièvre à 39 °C", "des frissons", "une odynophagie", "des courbatures", "une fièvre prolongée",
            "une toux fébrile", "des sueurs nocturnes"],
           ["j'ai de la fièvre", "j'ai mal à la gorge", "j'ai des courbatures partout", "j'ai des frissons"],
           ["une infection VIH", "une hépatite B chronique", "une drépanocytose"],
           ["un paludisme", "une pyélonéphrite", "une pneumopathie", "une endocardite", "une tuberculose",
            "une angine streptococcique"],
           ["une radiographie thoracique", "un scanner thoracique", "une échographie cardiaque transœsophagienne"],
           ["NFS", "CRP", "hémocultures", "frottis sanguin et goutte épaisse", "procalcitonine", "ECBU",
            "test rapide d'orientation diagnostique"],
           ["amoxicilline", "paracétamol"],
           ["CRP {n:60-280} mg/L", "leucocytes {d:12.0-24.0} G/L", "hémocultures positives à staphylocoque doré",
            "frottis positif à P. falciparum", "PNN {d:9.0-20.0} G/L"],
           ["je suis séropositif", "j'ai une hépatite B"]),
    Domain("orl_ophtalmo", "avis ORL", "ORL",
           ["des acouphènes", "une baisse de l'audition", "une baisse d'acuité visuelle", "un œil rouge douloureux",
            "une obstruction nasale", "des vertiges rotatoires", "une otalgie"],
           ["j'entends des sifflements dans l'oreille", "j'entends moins bien", "je vois flou de l'œil droit",
            "j'ai le nez bouché en permanence"],
           ["un glaucome", "une DMLA", "une presbyacousie", "une sinusite chronique", "une rétinopathie diabétique"],
           ["un neurinome de l'acoustique", "une otite séreuse", "un décollement de rétine",
            "une sinusite maxillaire"],
           ["un scanner des sinus", "une IRM des conduits auditifs internes", "un audiogramme", "un fond d'œil",
            "un champ visuel"],
           ["NFS", "CRP", "glycémie"],
           ["amoxicilline", "paracétamol", "prednisone"],
           ["audiogramme : perte de {n:30-60} dB à droite", "tonus oculaire {n:22-30} mmHg",
            "scanner : comblement du sinus maxillaire gauche"],
           ["j'ai un glaucome", "j'ai une sinusite chronique"]),
]

DOMAINS.append(Domain(
    "trauma", "avis orthopédique", "chirurgien orthopédiste",
    ["une douleur du poignet après une chute", "un traumatisme de la cheville",
     "une impotence fonctionnelle de l'épaule",
     "une douleur de hanche après une chute", "une douleur du genou avec épanchement", "une déformation du poignet",
     "une boiterie douloureuse"],
    ["je suis tombé sur le poignet", "je me suis tordu la cheville", "je n'arrive plus à lever le bras",
     "mon genou est gonflé depuis le match", "j'ai mal à la hanche depuis ma chute"],
    ["une ostéoporose", "une gonarthrose"],
    ["une fracture du poignet", "une entorse grave de la cheville", "une rupture du LCA",
     "une fracture du col du fémur",
     "une luxation de l'épaule", "une fissure méniscale"],
    ["une radiographie du poignet", "une radio de la cheville", "une IRM du genou", "une radiographie du bassin",
     "une échographie de l'épaule", "un scanner du poignet"],
    ["NFS", "CRP", "bilan pré-opératoire"],
    ["paracétamol", "ibuprofène", "tramadol", "enoxaparine"],
    ["radio : !fracture du radius distal", "radio : pas de fracture visible", "IRM : !rupture du LCA",
     "échographie : épanchement intra-articulaire"],
    ["j'ai de l'ostéoporose", "j'ai de l'arthrose au genou"]))

GENERAL_IMAGING = ["radio du thorax", "radio du poignet", "radiographie de la cheville", "écho abdominale",
                   "échographie abdomino-pelvienne", "échographie pelvienne endovaginale", "IRM du genou droit",
                   "panoramique dentaire", "mammographie bilatérale", "doppler veineux des membres inférieurs",
                   "écho-doppler artériel des membres inférieurs", "scanner des sinus", "TDM cérébrale sans injection",
                   "IRM lombaire", "radio des deux genoux en charge", "échographie thyroïdienne", "ostéodensitométrie",
                   "TDM thoraco-abdomino-pelvienne injectée", "uro-scanner", "échographie rénale"]
LAY_BIOLOGY = ["une prise de sang", "des analyses de sang", "un bilan sanguin",
               "une prise de sang pour le cholestérol",
               "des analyses pour la thyroïde", "une prise de sang complète", "un bilan de santé",
               "une analyse d'urine"]
LAY_EXAM_ASKS = ["est-ce que je peux avoir une ordonnance pour ", "il me faudrait ", "pouvez-vous me prescrire ",
                 "j'aurais besoin d'une ordonnance pour ", "pouvez-vous me faire l'ordonnance pour ",
                 "j'ai perdu l'ordonnance pour ", "le labo me demande une ordonnance pour ",
                 "on m'a dit de faire ", "je voudrais faire "]

HISTORY = ["HTA", "DT2", "dyslipidémie", "tabagisme sevré", "tabagisme actif à 20 PA", "appendicectomie",
           "cholécystectomie", "IDM en 2015", "AVC ischémique en 2019", "PTH droite", "hystérectomie",
           "asthme dans l'enfance",
           "ulcère gastrique", "phlébite en 2012", "cancer du sein traité en 2016", "obésité", "SAOS", "dépression",
           "fracture du poignet", "prothèse de genou", "canal carpien opéré", "hypothyroïdie", "BPCO", "FA",
           "insuffisance rénale chronique", "cancer de la prostate", "césarienne", "amygdalectomie", "glaucome",
           "goutte", "hernie inguinale opérée", "hépatite B guérie", "éthylisme chronique sevré"]
CHILD_HISTORY = ["prématurité", "bronchiolites à répétition", "otites à répétition", "eczéma atopique",
                 "amygdalectomie", "drépanocytose", "asthme du nourrisson", "convulsions fébriles", "RGO du nourrisson"]
FEMALE_ONLY = {"hystérectomie", "césarienne", "cancer du sein traité en 2016"}
MALE_ONLY = {"cancer de la prostate"}
INDICATIONS = {"cardio": ["la tension", "le cœur", "le cholestérol"], "pneumo": ["l'asthme", "les bronches",
                                                                                 "la respiration"],
               "rhumato": ["les douleurs", "les articulations", "le dos"], "gastro": ["l'estomac", "le reflux",
                                                                                      "le transit"],
               "neuro": ["l'épilepsie", "les migraines", "la mémoire"], "endocrino": ["le diabète", "la thyroïde",
                                                                                      "le sucre"],
               "uro": ["la prostate", "les reins"], "derm": ["la peau", "l'eczéma", "les démangeaisons"],
               "psy": ["le sommeil", "l'anxiété", "le moral"], "gyneco": ["les règles", "la contraception"],
               "infectio": ["la fièvre", "l'infection"], "orl_ophtalmo": ["les yeux", "le glaucome", "les oreilles"]}
FAMILY_HISTORY = ["père décédé d'un IDM à 55 ans", "mère diabétique", "cancer du côlon chez le père",
                  "sœur traitée pour un cancer du sein", "frère épileptique", "mère hypertendue"]
LAY_HISTORY = ["j'ai été opéré de l'appendicite", "j'ai fait un infarctus il y a 5 ans",
               "j'ai été opérée de la vésicule",
               "j'ai eu un zona l'an dernier", "j'ai eu une phlébite", "mon père a fait un AVC",
               "ma mère a eu un cancer du sein",
               "j'ai eu un cancer il y a 10 ans", "je fume un paquet par jour", "j'ai eu une embolie pulmonaire"]

ALLERGENS = ["la pénicilline", "l'amoxicilline", "l'iode", "les produits de contraste iodés", "le latex", "l'aspirine",
             "les AINS", "les sulfamides", "la codéine", "les arachides", "les fruits à coque", "les pollens",
             "les acariens", "le nickel", "les bêtalactamines", "la céphalosporine", "les crustacés", "le kiwi",
             "la morphine", "les poils de chat", "le gluten", "les piqûres de guêpe"]
ALLERGY_REACTIONS = ["urticaire", "œdème de Quincke", "choc anaphylactique", "éruption cutanée", "bronchospasme",
                     "prurit généralisé"]

SYMPTOM_DURATIONS = ["depuis 3 jours", "depuis une semaine", "depuis 15 jours", "depuis 3 semaines",
                     "depuis 2 mois", "depuis 6 mois", "depuis hier", "depuis ce matin", "depuis 48 h",
                     "depuis plusieurs mois", "depuis environ un an", "depuis 10 jours", "d'apparition récente",
                     "évoluant depuis 1 mois", "depuis la rentrée", "depuis 4 jours"]

NEGATED_SIGNS = ["pas de fièvre", "apyrétique", "pas de perte de poids", "pas de douleur thoracique",
                 "absence de dyspnée", "pas de signe de gravité", "pas de trouble du transit", "asymptomatique"]
FEARS = ["{pro} a peur d'un cancer", "{pro} pense faire un infarctus", "{pro} craint une maladie grave",
         "{pro} s'inquiète d'un AVC", "{pro} est persuadé(e) d'avoir un problème cardiaque"]
LAY_FEARS = ["j'ai peur que ce soit un cancer", "j'ai peur de faire un infarctus", "je crains que ce soit grave",
             "je me demande si c'est le cœur"]

CERTIFICATES = ["un certificat de non contre-indication à la pratique du football",
                "un certificat d'aptitude au sport en compétition", "un certificat pour la course à pied",
                "un arrêt de travail", "une prolongation d'arrêt de travail", "un certificat d'absence scolaire",
                "un certificat pour la piscine", "un certificat médical pour la MDPH",
                "un certificat de reprise du travail",
                "un certificat pour la salle de sport", "un certificat de non contre-indication à la plongée",
                "un certificat pour le permis de conduire", "un certificat pour l'assurance", "un certificat de décès",
                "un certificat pour la crèche", "un certificat de coups et blessures"]
LAY_CERTIFICATES = ["un certificat pour le foot", "un papier pour le sport", "un arrêt maladie", "un arrêt de travail",
                    "un certif pour la piscine", "un mot pour l'école", "un certificat pour la salle de sport",
                    "un certificat pour le judo", "un certificat pour la course"]

AUTRE_REQUESTS = ["annuler mon rendez-vous de {day}", "déplacer mon rendez-vous de {day}",
                  "obtenir une copie de mon dossier médical",
                  "recevoir la feuille de soins de ma dernière consultation",
                  "savoir si le cabinet est ouvert {day}", "connaître vos horaires pendant les vacances",
                  "savoir si je dois faire le rappel du tétanos", "avoir un bon de transport pour mes séances de kiné",
                  "récupérer mes anciennes radios", "changer de médecin traitant",
                  "remplir le formulaire de la mutuelle", "savoir si vous acceptez de nouveaux patients"]
DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "demain", "la semaine prochaine"]

URGENCY = {
    "urgent": ["en urgence", "URGENT", "à voir ce jour", "urgence vitale", "au plus vite", "aujourd'hui si possible",
               "dans la journée", "transfert immédiat", "prise en charge immédiate", "en urgence relative ce jour",
               "urgence ++", "à faire ce jour"],
    "rapide": ["sous 48 h", "dans les prochains jours", "rapidement", "dans la semaine", "sous 8 jours",
               "dans les meilleurs délais", "sous quinze jours", "cette semaine si possible", "sous 72 h",
               "rendez-vous rapide souhaité", "semi-urgent", "dans les 10 jours", "assez rapidement", "avant vendredi"],
    "programme": ["non urgent", "à votre convenance", "dans les 2 mois", "sans urgence", "dans les 3 mois",
                  "à programmer", "rendez-vous à distance", "pas d'urgence", "délai de 1 à 2 mois acceptable",
                  "lors d'un prochain créneau", "programmé", "Urgence : non"],
}
LAY_URGENCY = {
    "urgent": ["c'est urgent", "aujourd'hui si possible", "le plus vite possible svp", "je n'ai plus rien depuis hier",
               "c'est assez urgent je suis inquiète"],
    "rapide": ["assez vite si possible", "cette semaine si vous pouvez", "avant vendredi svp",
               "je n'en ai plus que pour 3 jours", "dans les jours qui viennent"],
    "programme": ["rien d'urgent", "pas pressé", "quand vous aurez le temps", "le mois prochain ça me va",
                  "aucune urgence"],
}

EXAM_DONE_NO_RESULT = ["bilan biologique fait (joint)", "radio déjà faite, compte rendu en pièce jointe",
                       "ECG fait au cabinet (ci-joint)", "prise de sang faite la semaine dernière"]

# Shorthand of hurried notes: (pattern, replacement), applied word-wise with some probability.
ABBREVIATIONS = [
    (r"œdèmes des membres inférieurs", "OMI"), (r"insuffisance cardiaque", "IC"), (r"embolie pulmonaire", "EP"),
    (r"fibrillation auriculaire", "FA"), (r"altération de l'état général", "AEG"), (r"hypertension artérielle", "HTA"),
    (r"diabète de type 2", "DT2"), (r"diabète de type 1", "DT1"), (r"insuffisance rénale chronique", "IRC"),
    (r"infarctus du myocarde", "IDM"), (r"douleur thoracique", "DT"), (r"traitement", "ttt"), (r"antécédents", "atcd"),
    (r"semaines", "sem"), (r"jours", "j"), (r"comprimés?", "cp"), (r"patiente", "pte"), (r"patient", "pt"),
    (r"depuis", "dps"), (r"examen", "exam"), (r"radiographie", "radio"), (r"échographie", "écho"),
    (r"scanner", "TDM"), (r"hospitalisation", "hospit"), (r"consultation", "cs"), (r"rendez-vous", "RDV"),
    (r"ordonnance", "ordo"), (r"avec", "c/"), (r"sans", "s/"), (r"bilan biologique", "bio"), (r"fièvre", "fébrile"),
]

# Sentences of ordinary letters that carry no SPEC §4 element (context, courtesy, social situation).
FILLERS = ["Je reste à votre disposition pour tout renseignement complémentaire.",
           "Vous trouverez ci-joint la copie des derniers courriers.", "Vit à domicile avec son conjoint, autonome.",
           "Vit seul à domicile avec passage d'une aide ménagère.", "Exerce une activité de bureau à temps plein.",
           "Retraité de l'enseignement, très entouré par sa famille.", "Le patient est informé de la démarche.",
           "L'examen clinique au cabinet est sans particularité par ailleurs.", "Bon état général apparent.",
           "Merci de me tenir informé de votre avis et de la conduite à tenir.",
           "Je vous remercie de la suite que vous voudrez bien donner à cette demande.",
           "La famille est demandeuse d'une prise en charge.", "Il s'agit de notre première rencontre.",
           "Je le suis depuis de nombreuses années.", "Le dossier complet peut vous être transmis sur demande.",
           "Pas de changement récent de mode de vie.", "Suivi régulier au cabinet.",
           "Je n'ai pas de compte rendu antérieur à vous communiquer.", "Il est accompagné de sa fille.",
           "Ne conduit plus depuis l'an dernier.", "Pratique la marche quotidiennement."]
