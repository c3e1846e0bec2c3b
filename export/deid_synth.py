"""Generated de-identification sentences: a second development source for the rules, never a test of them.

Templates, names, streets and towns below are made up for MedClair (surnames are built from syllables, so most
are in no lexicon). They exercise the French formats that real letters use and the eds-pseudo templates show
little: street types ("allée", "lieu-dit", "chemin"), "bis/ter", apartment and building lines, BP and cedex,
postal codes with a space or "F-", uppercase towns, every way of writing a date, IPP/NDA/dossier variants, names
in capitals, with particles, initials, titles and "épouse". Output uses the eds-pseudo markup `[value](TAG)` so
`export.deid_eval.parse_snippet` reads it.
"""
from __future__ import annotations

import random

FIRST_NAMES = [
    "Jean", "Marie", "Pierre", "Sophie", "Nathalie", "Michel", "Isabelle", "Philippe", "Camille", "Lucas",
    "Maëlys", "Gwendal", "Ophélie", "Timothée", "Soizic", "Yannick", "Clotilde", "Anatole", "Bérénice", "Corentin",
    "Ilyes", "Rayan", "Inès", "Sofiane", "Nour", "Loïc", "Maïwenn", "Ambre", "Éloïse", "Hugo", "Jean-Baptiste",
    "Marie-Hélène", "Pierre-Yves", "Anne-Laure", "Françoise", "Gérard", "Josiane", "Thibault", "Ludivine", "Ginette",
    "Aurélien", "Solène", "Mathéo", "Yasmine", "Kevin", "Océane", "Bernadette", "Raymond", "Odile", "Hervé",
]
_PREFIXES = ["Ker", "Mar", "Bel", "Ros", "Val", "Gar", "Mon", "Lef", "Ber", "Cha", "Pel", "Tes", "Vil", "Bou",
             "Gui", "Dar", "Fon", "Lam", "Mor", "Rig", "Sau", "Tor", "Cor", "Duv"]
_SUFFIXES = ["brat", "gall", "rousse", "chand", "lier", "mont", "tier", "eval", "quin", "sson", "nard", "vaux",
             "ouze", "guen", "ardy", "elot", "iac", "ignon", "aud", "eix", "anne", "ois", "enq", "adec"]
_PARTICLE_NAMES = ["de la Tour", "Le Goff", "Le Bihan", "de Saint-Aubin", "Ben Saïd", "N'Diaye", "Van der Berg",
                   "d'Arvieu", "Da Silva", "Dos Santos", "El Amrani", "Du Plessis", "La Fontaine", "de Vasconcelos"]
_STREET_TYPES = ["rue", "avenue", "boulevard", "allée", "chemin", "impasse", "place", "quai", "route", "square",
                 "cours", "passage", "rond-point", "villa", "sentier", "résidence", "hameau", "voie", "cité",
                 "lotissement", "bd", "av.", "Rue", "Avenue", "Allée", "Chemin", "Impasse", "Route", "Place",
                 "faubourg", "promenade", "esplanade", "parvis", "ruelle", "montée", "traverse", "clos", "domaine"]
_STREET_NAMES = ["des Lilas", "de la Gare", "Victor Hugo", "du Général de Gaulle", "Jean Jaurès", "des Tilleuls",
                 "de la République", "du 8 Mai 1945", "Pasteur", "des Acacias", "du Moulin", "de l'Église",
                 "Saint-Exupéry", "des Peupliers", "de Verdun", "du Maréchal Leclerc", "des Écoles", "Gambetta",
                 "de la Libération", "du Stade", "des Vignes", "Anatole France", "de Bretagne", "du Château d'Eau",
                 "de la Fontaine aux Loups", "Sadi Carnot", "du Docteur Roux", "des Hirondelles", "Émile Zola",
                 "du 14 Juillet", "Pierre et Marie Curie", "de la Paix", "des Trois Cailloux", "Saint-Martin"]
_TOWNS = ["Quimperlé", "Saint-Martin-des-Champs", "Bourg-la-Reine", "Les Sables-d'Olonne", "L'Haÿ-les-Roses",
          "Villeneuve-sur-Lot", "Montigny-le-Bretonneux", "Ploërmel", "Lamballe", "Issoire", "Pont-l'Abbé",
          "Brive-la-Gaillarde", "Le Puy-en-Velay", "Saint-Jean-de-Luz", "Bagnères-de-Bigorre", "Ajaccio", "Bastia",
          "Porto-Vecchio", "Nantes", "Lyon", "Marseille", "Lille", "Rennes", "Toulouse", "Fontenay-aux-Roses",
          "Châtenay-Malabry", "Sainte-Geneviève-des-Bois", "Vitry-sur-Seine", "Hennebont", "Landerneau", "Uzès",
          "Sarlat-la-Canéda", "La Teste-de-Buch", "Saint-Pierre", "Le Lamentin", "Gif-sur-Yvette", "Orsay", "Carhaix"]
_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"]
_MONTHS_SHORT = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
_MEDICAL = ["une maladie de Parkinson", "une maladie de Crohn", "un syndrome de Sjögren", "une maladie de Basedow",
            "une thyroïdite de Hashimoto", "un lymphome de Hodgkin", "une maladie de Horton", "un syndrome de Cushing",
            "une maladie d'Alzheimer", "un phénomène de Raynaud", "une maladie de Paget", "un syndrome de Gilbert"]
_DRUGS = ["Lévothyrox 75 µg", "Kardégic 75 mg", "Doliprane 1 g", "Modopar 125 mg", "Eliquis 5 mg", "Bisoprolol 2,5 mg",
          "Metformine 1000 mg", "Inexium 20 mg", "Xarelto 20 mg", "Pentasa 1 g", "Amlor 5 mg", "Tahor 20 mg"]
# Sentences with no personal data in them, where numbers and capitalised words look like some: precision.
_CLEAN = [
    "Score de Glasgow à 15, EVA 6/10, acuité visuelle 10/10 à droite et 8/10 à gauche.",
    "TA 135/85 mmHg, FC 78/min, SpO2 97 % en air ambiant, IMC 31,2 kg/m2.",
    "HbA1c 7,2 %, créatinine 92 µmol/L, DFG 68 mL/min/1,73 m2, TSH 2,1 mUI/L.",
    "Classe NYHA II, stade T2N0M0, score CHA2DS2-VASc à 3, HAS-BLED à 2.",
    "Maladie de Parkinson idiopathique, syndrome de Sjögren, thyroïdite de Hashimoto, maladie de Horton.",
    "Traitement : Lévothyrox 100 µg, Kardégic 75 mg, Eliquis 5 mg matin et soir, Doliprane 1 g si besoin.",
    "Signe de Babinski bilatéral, manœuvre de Valsalva positive, signe de Murphy négatif.",
    "G3P2, terme prévu à 39 SA, Apgar 9/10/10.",
    "Holter ECG des 24 heures, écho-Doppler des troncs supra-aortiques, IRM cérébrale avec injection de gadolinium.",
    "Bilan à J3 et J7, puis contrôle à M3 ; ASA 2 ; Mallampati II.",
    "Insuffisance Cardiaque Chronique, Diabète de Type 2, Fibrillation Atriale Paroxystique.",
    "Posologie : 2 cp 3 fois par jour pendant 10 jours, puis 1 cp/j ; 500 mg x 2/j.",
    "Protocole FOLFOX 6 cures, puis Herceptin toutes les 3 semaines.",
    "Pas de maladie d'Alzheimer ni de maladie de Crohn ; sonde de Foley retirée ; lymphome de Hodgkin en rémission.",
]
_TITLES = ["Madame", "Monsieur", "Mme", "Mlle", "M.", "Mr", "Dr", "Dr.", "Pr", "Pr.", "Docteur", "Professeur",
           "Interne", "IDE", "Mme la Docteure", "le Dr", "le Pr"]


class _Maker:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def pick(self, items):
        return self.rng.choice(items)

    def surname(self) -> str:
        if self.rng.random() < 0.2:
            return self.pick(_PARTICLE_NAMES)
        name = self.pick(_PREFIXES) + self.pick(_SUFFIXES)
        if self.rng.random() < 0.15:
            name += "-" + self.pick(_PREFIXES) + self.pick(_SUFFIXES)
        return name

    def person(self, allow_initial: bool = True) -> str:
        """A tagged name in one of the forms letters use."""
        first, last = self.pick(FIRST_NAMES), self.surname()
        form = self.rng.randrange(8 if allow_initial else 6)
        if form == 0:
            return f"[{first}](PRENOM) [{last}](NOM)"
        if form == 1:
            return f"[{first}](PRENOM) [{last.upper()}](NOM)"
        if form == 2:
            return f"[{last.upper()}](NOM) [{first}](PRENOM)"
        if form == 3:
            return f"[{last.upper()}](NOM) [{first.upper()}](PRENOM)"
        if form == 4:
            return f"[{last}](NOM) [{first}](PRENOM)"
        if form == 5:
            return f"[{last.upper()}](NOM), [{first}](PRENOM)"
        if form == 6:
            return f"[{first[0]}.](PRENOM) [{last}](NOM)"
        return f"[{'-'.join(part[0] + '.' for part in first.split('-'))}](PRENOM) [{last.upper()}](NOM)"

    def titled(self) -> str:
        title = self.pick(_TITLES)
        if self.rng.random() < 0.3:
            return f"{title} [{self.surname()}](NOM)"
        return f"{title} {self.person()}"

    def date(self, tag: str = "DATE") -> str:
        day, month, year = self.rng.randint(1, 28), self.rng.randint(1, 12), self.rng.randint(1935, 2025)
        forms = [
            f"{day:02d}/{month:02d}/{year}", f"{day}/{month}/{year}", f"{day:02d}/{month:02d}/{year % 100:02d}",
            f"{day}.{month}.{year}", f"{day:02d}.{month:02d}.{year}", f"{day:02d}-{month:02d}-{year}",
            f"{'1er' if day == 1 else day} {_MONTHS[month - 1]} {year}", f"{day} {_MONTHS_SHORT[month - 1]} {year}",
            f"{day} {_MONTHS[month - 1].capitalize()} {year}", f"{day} {_MONTHS[month - 1]}",
            f"{_MONTHS[month - 1]} {year % 100:02d}", f"{_MONTHS[month - 1]} {year}", f"{year}-{month:02d}-{day:02d}",
            f"{day:02d} {month:02d} {year}", f"{day} {_MONTHS[month - 1].upper()} {year}",
            f"{_MONTHS_SHORT[month - 1]} {year}", f"{day:02d}{month:02d}{year}",
        ]
        return f"[{self.pick(forms)}]({tag})"

    def phone(self) -> str:
        digits = [self.rng.randint(0, 99) for _ in range(4)]
        lead = self.pick(["01", "02", "04", "05", "06", "07", "09"])
        sep = self.pick([" ", ".", "-", ""])
        number = lead + sep + sep.join(f"{part:02d}" for part in digits)
        if self.rng.random() < 0.2:
            number = "+33 " + number[1] + " " + " ".join(f"{part:02d}" for part in digits)
        return f"[{number}](TEL)"

    def street(self) -> str:
        number = str(self.rng.randint(1, 240))
        suffix = self.pick(["", "", "", " bis", " ter", "bis", " B"])
        comma = self.pick(["", "", ","])
        street = f"{number}{suffix}{comma} {self.pick(_STREET_TYPES)} {self.pick(_STREET_NAMES)}"
        if self.rng.random() < 0.15:
            street = street.upper()
        return street

    def address(self) -> str:
        """A tagged address block: street (with extras), postal code and town."""
        form = self.rng.randrange(10)
        town = self.pick(_TOWNS)
        if self.rng.random() < 0.2:
            town = town.upper()
        code = f"{self.rng.randint(1, 95):02d}{self.rng.randint(0, 999):03d}"
        if town.lower() in ("ajaccio", "bastia", "porto-vecchio"):
            code = self.pick(["20000", "20200", "20137", "20090"])
        elif town.lower() in ("saint-pierre", "le lamentin"):
            code = self.pick(["97410", "97232"])
        if form == 0:
            code_text = f"{code[:2]} {code[2:]}"
        elif form == 1:
            code_text = f"F-{code}"
        else:
            code_text = code
        zip_tag = f"[{code_text}](ZIP)"
        if code_text.startswith("F-"):
            zip_tag = f"F-[{code}](ZIP)"
        town_tag = f"[{town}](VILLE)"
        if form == 2:
            town_tag = f"[{town} Cedex](VILLE)"
        elif form == 3:
            town_tag = f"[{town.upper()} CEDEX {self.rng.randint(1, 20)}](VILLE)"
        street = f"[{self.street()}](ADRESSE)"
        extra = self.rng.randrange(9)
        if extra == 0:
            street = f"[Appartement {self.rng.randint(1, 80)}](ADRESSE), {street}"
        elif extra == 1:
            street = f"{street}, [bâtiment {self.pick('ABCD')}](ADRESSE)"
        elif extra == 2:
            street = f"[Résidence Les {self.pick(['Tilleuls', 'Mimosas', 'Glycines', 'Pins'])}](ADRESSE), {street}"
        elif extra == 3:
            street = f"[BP {self.rng.randint(10, 999)}](ADRESSE)"
        elif extra == 4:
            street = f"[lieu-dit {self.pick(['Kerlann', 'la Borderie', 'Les Granges', 'Le Bourg'])}](ADRESSE)"
        elif extra == 5:
            street = f"{street}, [{self.rng.randint(1, 9)}e étage](ADRESSE)"
        elif extra == 6:
            street = f"[CS {self.rng.randint(10000, 99999)}](ADRESSE)"
        separator = self.pick([", ", " ", "\n", " - ", ", "])
        return f"{street}{separator}{zip_tag} {town_tag}"

    def date_rich(self) -> str:
        """Dates written the less common ways: enumerations, ranges, roman months, month and year only."""
        day, month, year = self.rng.randint(1, 27), self.rng.randint(1, 12), self.rng.randint(1990, 2025)
        roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"][month - 1]
        name = _MONTHS[month - 1]
        forms = [
            f"les [{day}](DATE), [{day + 1}](DATE) et [{day + 2} {name}](DATE)",
            f"du [{day}](DATE) au [{day + 1} {name} {year}](DATE)",
            f"du [{day:02d}/{month:02d}](DATE) au [{day + 1:02d}/{month:02d}/{year}](DATE)",
            f"le [{day}-{roman}-{year}](DATE)", f"en [{month:02d}/{year}](DATE)", f"en [{month}/{year}](DATE)",
            f"le [{'1er' if day == 1 else day} {name[:3]}. {year}](DATE)", f"à la mi-[{name} {year}](DATE)",
            f"fin [{year}](DATE)", f"le [{year}.{month:02d}.{day:02d}](DATE)",
            f"le [{day:02d}/{month:02d}/{year}](DATE) à 14h30", f"en date du [{day}.{month}.{year % 100:02d}](DATE)",
            f"le [{day:02d} {month:02d} {year}](DATE)", f"depuis [{name.capitalize()} {year}](DATE)",
            f"le [{day}-{day + 1}/{month:02d}/{year}](DATE)", f"([{year}-{month:02d}-{day:02d}](DATE)T10:30)",
            f"le [{day:02d}.{month:02d}](DATE)", f"le [{day}/{month}](DATE)",
        ]
        return self.pick(forms)

    def ipp(self) -> str:
        digits = "".join(str(self.rng.randint(0, 9)) for _ in range(self.rng.randint(6, 11)))
        value = self.pick([digits, digits, f"{self.pick(['A', 'P', 'H', 'AB'])}{digits}", f"{digits[:4]} {digits[4:]}"])
        context = self.pick(["IPP : ", "IPP ", "N° IPP : ", "NIP : ", "N° de dossier : ", "n° dossier ",
                             "N° patient : ", "Numéro patient : ", "NDA : ", "N° séjour : ", "N° de séjour ",
                             "Numéro de venue : ", "N° d'hospitalisation : ", "Identifiant patient : ",
                             "Réf. dossier : ", "N° d'admission : ", "Dossier médical n°", "ID patient : ",
                             "N° de venue ", "Numéro de dossier ", "IPP:", "IPP n°", "IEP ", "N° d'entrée : ",
                             "Numéro d'identification : ", "Matricule : ", "N° d'épisode : "])
        return f"{context}[{value}](IPP)"

    def birth(self) -> str:
        context = self.pick(["né le ", "née le ", "Né(e) le ", "né(e) le ", "DDN : ", "Date de naissance : ",
                             "date de naiss. ", "D.N. : ", "née en ", "né en ", "Né le : ", "Date de naissance "])
        if context.endswith("en "):
            return f"{context}[{self.rng.randint(1930, 2020)}](DATE_NAISSANCE)"
        return context + self.date("DATE_NAISSANCE")


def _snippet(maker: _Maker) -> str:
    m = maker
    medical = f"{m.pick(_MEDICAL)} traitée par {m.pick(_DRUGS)}"
    forms = [
        lambda: f"{m.titled()}, {m.birth()}, demeurant {m.address()}, est suivi(e) pour {medical}.",
        lambda: f"[{m.pick(_TOWNS)}](VILLE), le {m.date()}\n\nCher confrère,\nJe vous adresse {m.titled()} "
                f"({m.birth()}) pour {medical}.",
        lambda: f"Patient : {m.person()}\n{m.birth()}\n{m.ipp()}\nAdresse : {m.address()}\nTél : {m.phone()}",
        lambda: f"{m.person(False)}\n{m.address()}\n{m.phone()}\n\nObjet : {medical}.",
        lambda: f"Hospitalisé(e) du {m.date()} au {m.date()} pour {medical}. {m.ipp()}.",
        lambda: f"Vu en consultation le {m.date()}. Prochain rendez-vous le {m.date()} avec {m.titled()}.",
        lambda: f"Mme {m.person()} épouse [{m.surname().upper()}](NOM), {m.birth()}, {medical}.",
        lambda: f"Fait à [{m.pick(_TOWNS)}](VILLE) le {m.date()}.\n{m.titled()}\nService de neurologie",
        lambda: f"Compte rendu validé par {m.titled()} le {m.date()}. Copie : {m.titled()}, {m.address()}.",
        lambda: f"{m.ipp()} - {m.ipp()}\nNom : [{m.surname().upper()}](NOM) Prénom : [{m.pick(FIRST_NAMES)}](PRENOM)"
                f"\n{m.birth()}",
        lambda: f"Antécédents : {medical} depuis {m.date()}. Allergie à la pénicilline. Dernière visite "
                f"le {m.date()}.",
        lambda: f"Le patient habite {m.address()} avec son épouse, {m.titled()}, joignable au {m.phone()}.",
        lambda: f"Cabinet médical\n{m.address()}\nTél. {m.phone()} - Fax {m.phone()}\n\n"
                f"[{m.pick(_TOWNS).upper()}](VILLE), le {m.date()}",
        lambda: f"Signé électroniquement par {m.titled()} le {m.date()} à 14h32.",
        lambda: f"Examen réalisé le {m.date()} par {m.titled()}, interne : {m.person()}. Indication : "
                f"{medical}.",
        lambda: f"Née [{m.surname().upper()}](NOM) le {m.date('DATE_NAISSANCE')} à [{m.pick(_TOWNS)}](VILLE).",
    ]
    return m.pick(forms)()


def _snippet_more(maker: _Maker) -> str:
    m = maker
    forms = [
        lambda: f"Examens réalisés {m.date_rich()}. Contrôle prévu {m.date_rich()}.",
        lambda: f"Copie à : {m.titled()} ; {m.titled()} ; {m.titled()}.",
        lambda: f"Chère Madame [{m.surname()}](NOM),\nSuite à notre entretien du {m.date()}, ...",
        lambda: f"Bonjour {m.titled()},\nMerci de recevoir {m.titled()} et son fils [{m.pick(FIRST_NAMES)}](PRENOM).",
        lambda: f"Nom de naissance : [{m.surname().upper()}](NOM)\nNom d'usage : [{m.surname().upper()}](NOM)\n"
                f"Prénom(s) : [{m.pick(FIRST_NAMES)}](PRENOM)\nSexe : F\n{m.birth()}",
        lambda: f"Interne : {m.person()} - IDE : {m.person()} - Secrétaire : {m.person()}",
        lambda: f"Le patient, M. [{m.surname()}](NOM), {m.rng.randint(20, 95)} ans, vit seul à [{m.pick(_TOWNS)}](VILLE).",
        lambda: f"{m.person()} ({m.birth()}), {m.ipp()}, adressé(e) par {m.titled()}.",
        lambda: f"Prise en charge au CH de [{m.pick(_TOWNS)}](VILLE) puis à [{m.pick(_TOWNS)}](VILLE) "
                f"{m.date_rich()}.",
        lambda: f"Contact : {m.phone()} (portable) ou {m.phone()} (domicile), mail : "
                f"[{m.pick(FIRST_NAMES).lower()}.{m.surname().lower().replace(' ', '')}@orange.fr](MAIL)",
        lambda: m.pick(_CLEAN),
        lambda: m.pick(_CLEAN) + f" Revu le {m.date()} par {m.titled()}.",
        lambda: f"M. et Mme [{m.surname()}](NOM), {m.address()}.",
        lambda: f"{m.titled()}\n{m.address()}\nTél. : {m.phone()}\nRPPS : [1{m.rng.randint(10**9, 10**10 - 1)}](RPPS)",
    ]
    return m.pick(forms)()


def generate(count: int = 600, seed: int = 20261125) -> list[str]:
    """`count` tagged snippets, reproducible from `seed`."""
    maker = _Maker(seed)
    return [(_snippet if index % 2 else _snippet_more)(maker) for index in range(count)]
