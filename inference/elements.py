"""Finding which essential elements (SPEC §4) a document contains, with the evidence spans.

Two kinds of evidence are combined: cue phrases that are evidence by themselves ("ATCD :", "en urgence",
"Dr Martin") and the entities found earlier in the pipeline (a current symptom, a drug, a dose, a lab result).
Qualifiers matter: a negated or family disease is not the patient's diagnosis, and a disease the patient fears
("pense à une crise cardiaque") or names only as the reason for a drug ("médicaments pour l'asthme") is not a
diagnosis either.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from inference.analysis import Entity, LabResult, Span
from inference.folding import fold
from inference.prefilter import PrefilteredPattern
from inference.resources import read_word_list, resources_dir
from inference.request_type import drop_unticked_options
from inference.urgency import URGENCY_PATTERNS

ELEMENTS = (
    "identite_patient", "age", "sexe", "motif", "symptomes", "antecedents", "allergies", "traitement_en_cours",
    "diagnostic", "posologie", "examen_demande", "resultats_examens", "urgence", "medecin_demandeur",
    "date_demande",
)

_MONTHS = r"(?:janv(?:ier)?|fevr(?:ier)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|aout|sept(?:embre)?|oct(?:obre)?|nov(?:embre)?|dec(?:embre)?)"
_DATE = rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{1,2}}(?:er)? {_MONTHS}\.? \d{{4}})"
_NAME = r"[A-ZÀ-Ý][A-Za-zÀ-ÿ'’-]+(?:[ -][A-ZÀ-Ý][A-Za-zÀ-ÿ'’-]+)?"
_TITLE = r"(?:M(?:me|lle|r)?\.?|Madame|Monsieur|Mademoiselle)"

# Patterns on the folded text (lower case, no accents; offsets unchanged).
_FOLDED_CUES: dict[str, list[str]] = {
    "identite_patient": [
        r"\b(?:nom|nom de naissance|patient(?:e)?|ipp|n° ?ipp|identifiant)\s*:\s*\S+",
        r"\bne(?:e)? le \d",
    ],
    "age": [
        r"(?=\d)(?<!depuis )(?<!il y a )(?<!pendant )(?<!dans )(?<![/.,])\b\d{1,3} ?(?:ans|a)\b(?! de (?:suivi|traitement|evolution))",
        r"\bne(?:e)? le(?:[ \t]+|[ \t]*\n[ \t]*)" + _DATE,  # the date may wrap onto the next line
        r"\bdate de naissance\s*:?\s*" + _DATE,
        r"\bddn\s*:?\s*" + _DATE,
        r"\bage(?:e)? de \d{1,3}",
        r"(?=\d)(?<!depuis )(?<!il y a )(?<!pendant )(?<!de )\b\d{1,2} mois\b(?= ?(?:,|\)|nourrisson))",
        r"\b(?:nourrisson|bebe|enfant|nouveau-ne|fille|garcon) (?:de |d')\d{1,2} (?:jours|semaines|mois)\b",
    ],
    "sexe": [
        r"\b(?:patiente|femme|homme|garcon|fille|fillette|enceinte|nourrisson de sexe \w+)\b",
        r"\bsexe\s*:?\s*[mfh]\b",
        r"\((?:h|f)\s*,\s*\d",
        r"\b(?:mon|ma|son|sa) (?:fils|fille|mari|epouse|femme|pere|mere|frere|soeur|grand-pere|grand-mere)\b",
        r"\b(?:un|une) (?:homme|femme|garcon|jeune fille|jeune homme|fillette)\b",
        r"(?:—|-|/|,|\|)\s*[fh]\s*(?:—|-|/|,|\|)\s*\d{1,3} ?(?:ans|a)\b",
    ],
    "motif": [
        r"\bmotif(?: de (?:la )?(?:consultation|demande|l'examen|recours|l'hospitalisation))?\s*:",
        r"\b(?:pour|en vue d'un|en vue d'une) (?:avis|prise en charge|bilan|exploration|suivi|evaluation|renouvellement|certificat|hospitalisation|admission|consultation)\b",
        r"\bje vous (?:adresse|confie)\b",
        r"\b(?:demande|souhaite|sollicite)(?:rait)? (?:de |d'|un |une |le |la |l'|votre )",
        r"\bconsulte(?:r)? pour\b",
        r"\b(?:consultation|rdv|rendez-vous|hospitalisation|examen|bilan)(?: \w+)? (?:pour|car|suite a)\b",
        r"\b(?:consultation|renouvellement|certificat|avis)(?: \w+)? (?:pour|de|d'|concernant|au sujet)\b",
        r"^\s*(?:avis|demande)\b",
        # an appointment asked as a bare question ("dispo aujourd'hui ?", "un créneau cette semaine ?")
        r"\b(?:dispo(?:nible)?s?|un creneau|une place)(?: (?:aujourd'hui|ce matin|ce soir|demain|cette semaine))? ?\?",
        r"\b(?:indication|renseignements cliniques|contexte)\s*:",
        r"\bdans le cadre d(?:e|')\b",
        r"\b(?:je|nous) (?:voudrais|voudrions|souhaite|souhaiterais|souhaitons|aimerais|sollicite|dois annuler)\b",
        r"\bj'(?:aimerais|aurais besoin|ai besoin)\b|\b(?:pourrais|peux)-tu\b|\bpriere de\b",
        r"\b(?:faut-il|dois-je|devrais-je|puis-je|est-ce qu'(?:on|il|elle)|(?:je|nous) vous sollicit\w*)",
        r"\b(?:bilan|exploration|recherche) (?:\w+ )?(?:de |d'|des |du )(?!fin d)",
        r"\b(?:echographie|radio\w*|scanner|irm|doppler|mammographie|analyses?|prise de sang)\b[^.\n]{0,40}? pour (?!le |la |les )\w",
        r"\b(?:a faire|a realiser|a pratiquer|a programmer|a prevoir)\b",
        r"\b(?:avis|rdv|rendez-vous|consultation|examen|bilan|orientation|admission|hospitalisation) (?:\w+ )?(?:souhaite|demande)e?s?\b",
        r"\b(?:venue?|adressee?) (?:pour|consulter)\b|\bsejour (?:de \w+ )?(?:pour|apres)\b",
        r"\b(?:pourriez|pouvez|pourrais|pourriez|pourrait|peut)[- ](?:vous|on|elle|il)\b",
        r"\b(?:est-ce que|est ce que) (?:je|vous|on) (?:peux|peu|pourrais|pouvez|pourriez|peut|dois)\b",
        r"\bje (?:peux|peu|pourrais) (?:venir|passer|avoir)\b",
        r"\b(?:il me faut|il lui faut|j'ai besoin d|j'aurais besoin d|besoin d'une? )",
        r"\b(?:svp|stp|s'il vous plait)\b",
        r"\brenouv\w*|\b(?:reconduire|prolonger|a prolonger)\b",
        r"\b(?:surveillance|depistage|a (?:re)?controler|controle (?:dans|a \d|annuel))\b",
        r"\bque (?:fait-on|faire|faut-il faire)\b",
        r"\b(?:merci de|je vous remercie de|je vous saurais gre de) (?:bien vouloir )?(?!ne pas\b)\w+",
        r"\b(?:voici|ci-joint|je vous (?:transmets|envoie|adresse)) (?:mes |les |le |la |l')?\w+",
        r"^\s*(?:objet|concerne)\s*:",
        r"\b(?:hospitalise|admis|adresse|vu)(?:e)?(?: [^.\n]{0,40}?)? pour\b",
    ],
    "symptomes": [
        r"\b(?:se plai(?:nt|gnant)|plaintes?|symptomatologie)\b",
    ],
    "antecedents": [
        r"\b(?:antecedents?|atcd|atcds|atc|atd)\b",
        r"\b(?:opere(?:e)? (?:d'|de |en )|ancien(?:ne)? \w+|aux antecedents)\b",
        r"\b(?:mon|ma|son|sa|leur) (?:operation|intervention|chirurgie) (?:de |du |d'|des |a |au |aux )",
        r"\b(?:quand (?:j'etais|il etait|elle etait) (?:petite?|enfant|jeune)|dans (?:mon|son|leur) enfance)\b",
        r"\b(?:histoire|terrain)\s*:",
        r"\bsans antecedent",
        r"\b(?:pas de|aucun|sans) (?:probleme|souci)s? de sante\b",
        r"\b(?:tabagisme|tabagique|tabac|fumeur|fumeuse|ethylisme|alcoolisme|pacemaker|stimulateur cardiaque|stents?)\b",
        r"\b(?:j'ai|il a|elle a|a) fume\b|\b(?:je|il|elle) fum(?:e|ait)\b",
        r"(?=[dhc])(?<!je suis )\b(?:diabetique|hypertendu(?:e)?|coronarien(?:ne)?|dyslipidemique)\b",
        r"\b(?:je fais|il fait|elle fait) (?:de l'|de la |du |des )(?:hypertension|tension|diabete|cholesterol|asthme)\b",
        r"\b(?:pere|mere|frere|soeur|parents?) (?:est |a ete )?(?:decedee? d|a eu|atteinte? d|suivie? pour)|\bdans la famille\b",
    ],
    "allergies": [
        r"\ballerg\w*",
        r"\b(?:intolerance|hypersensibilite|reaction anaphylactique|choc anaphylactique|urticaire) (?:a|au|aux|à)\b",
        r"\bnkda\b",
        r"\ball\. ?:",
    ],
    "traitement_en_cours": [
        r"\b(?:traitement|ttt|tt)(?: (?:habituel|actuel|en cours|de fond|chronique|au long cours))?\s*:",
        r"\b(?:traitement|ttt) (?:habituel|actuel|en cours|de fond|chronique|au long cours|de sortie)\b",
        # not "l'ordonnance pour la radio": an order for an exam or care names no treatment
        r"\b(?:medicaments?|ordonnance|traitements?) (?:pour|contre|de fond|habituels?|actuels?)\b"
        r"(?! (?:la |le |l'|une |un |des |les |mon |ma |mes |son |sa |ses )?(?:radio\w*|echo\w*|scanner|irm|mammographie|prise de sang|bilan|analyses?|examens?|"
        r"kine\w*|seances|transport|taxi|ambulance|infirmiere?s?|soins|labo\w*)\b)",
        r"\brenouvellement (?:de (?:son |sa |ses |mon |ma |mes )?|d')(?:ordonnances?|traitements?|medicaments?)",
        r"\bsous (?:traitement|ttt)\b",
        r"\b(?:son|sa|ses|mon|ma|mes|leur|leurs) (?:traitements?|ttt|medicaments?|ordonnance)\b",
        r"\bsans traitement\b",
        r"\bsous (?:\d+(?:[.,]\d+)? ?l(?:/min| par minute)? (?:d'|de )?)?(?:o2|oxygene)\b",
        r"\b(?:pas de|aucun) traitement\b",
        r"\b(?:prend|prise de) (?:du |de la |de l'|des )?(?!(?:sang|poids|rendez-vous|rdv|contact|tension|parole|conscience|(?:de )?nouveaux|(?:de )?nouvelles|patients|temps|garde|retraite|place|peur|froid)\b)\w+",
        r"\b(?:pilule|contraception \w+|insuline|kine(?:sitherapie)?|seances de \w+|dialyse|platre|attelle|oxygenotherapie|psychotherapie|en reeducation)\b",
        # rehabilitation under way or planned, not one that is over or only considered ("avant toute rééducation")
        r"^\W*(?:projet|proposition|cat|conduite a tenir)\s*:\s*(?:une? )?reeducation\b|\breeducation\b(?=[^.\n]{0,30}?\b(?:en cours|prescrite|hebdomadaire|\d+ (?:fois|seances)))",
    ],
    "diagnostic": [
        r"\b(?:diagnostic|dg|dgc|conclusion|au total|hypothese diagnostique)\s*:",
        r"\b(?:suspicion|suspecte?|evocat(?:eur|rice)) (?:de |d'|un |une )",
        r"\b(?:diagnostic|diagnostique(?:e)?) (?:de |d'|retenu)",
    ],
    "posologie": [
        r"\b\d+(?:[.,]\d+)? ?(?:mg|g|µg|mcg|ug|ml|ui|mui|gouttes?|cp|cps|comprimes?|gelules?|sachets?|bouffees?|inhalations?|ampoules?|unites?)\b(?: ?(?:/|par) ?(?:j|jour|24 ?h|prise))?(?!\s*/\s*(?:l|dl|ml|mm3?|min)\b)",
        r"\b(?:\d|un|une|deux|trois) (?:fois|prises?) par (?:jour|semaine)\b",
        r"\b(?:matin(?:,| et) (?:midi|soir)|matin et soir|le soir au coucher|au coucher|x ?\d ?/ ?j|\d ?x ?/ ?j)\b",
        r"\b(?:pendant|durant) \d+ (?:jours|semaines|mois)\b",
        r"\b\d+(?:[.,]\d+)? ?l(?:/min| par minute) (?:d'|de )?(?:o2|oxygene)\b|\bsous \d+(?:[.,]\d+)? ?l(?:/min| par minute)?\b",
    ],
    "examen_demande": [
        r"\b(?:scanner|tdm|irm|echographie|echo|radiographie|radio|rx|mammographie|doppler|scintigraphie|tep(?:-scan)?|petscan|angioscanner|uroscanner|coroscanner|arthroscanner|densitometrie|ecg|holter|eeg|emg|fibroscopie|coloscopie|gastroscopie|endoscopie|coronarographie|epreuve d'effort|echocardiographie|ett|spirometrie|efr)\b",
        r"\b(?:nfs|crp|vs|ionogramme|iono|creatinine|creatininemie|dfg|bilan (?:biologique|sanguin|hepatique|renal|lipidique|thyroidien|martial|inflammatoire|d'hemostase)|hba1c|tsh|bhcg|inr|tp|tca|ferritine|glycemie|ecbu|hemoculture|serologie|pcr|prise de sang|bilan sanguin|bilan complet|d-dimeres|troponine|bnp|nt-probnp|psa|vitamine d|transaminases|asat|alat|ggt|lipase|ldl|cholesterol|triglycerides|albumine|calcemie|kaliemie|natremie|uree|acide urique|frottis|numeration(?: formule)?|globules blancs|pnn|prelevement(?: sanguin)?)\b",
        r"\b(?:bilan (?:de la |du |des )?(?:thyroide|foie|reins?|fer|coagulation)|analyses? (?:d'urines?|de sang)|tests? (?:de depistage|antigenique|pcr|de grossesse)|depistage (?:des |du |de la |de l')?\w+|dosages? (?:de la |du |des |de l')?\w+|osteodensitometrie|(?:me|se|te|vous|le|la|les) faire depister)\b",
    ],
    "resultats_examens": [
        r"\b(?:resultats?|compte[ -]rendu|conclusion de l'examen|interpretation)\s*:",
        r"\b[a-z0-9][a-z0-9 .-]{1,30}\s*:?\s*\d+(?:[.,]\d+)? ?(?:g/dl|g/l|mg/l|mg/dl|mmol/l|µmol/l|umol/l|mui/l|ui/l|u/l|%|/mm3|g/l|giga/l|t/l|ng/ml|pg/ml|ml/min(?:/1[.,]73 ?m2)?|g/24 ?h|sec|s)\b",
        r"\b(?:revele|retrouve|montre|objective|met en evidence|est revenu(?:e)?|sans anomalie|en faveur d)\w*",
        r"\bph\s*:?\s*\d[.,]\d+",
        r"(?:^|[\s(:])[-\u2212+]\s?\d+(?:[.,]\d+)? ?(?:et|ds|sd)\b",
        r"\b(?:ecg|bu|radio|radiographie|echo|echographie|scanner|irm|tdm|ecbu|bilan|frottis|biopsie|fibroscopie|coloscopie|analyses?|prise de sang|cultures?)\b[^.\n]{0,40}?(?::|=)\s*\w+|\b(?:ecg|bu|radio|radiographie|echo|echographie|scanner|irm|tdm|ecbu|frottis|biopsies?|efr|patch-tests?|tests?|cultures?|examen direct|pcr|serologies?|mammographie|holter|eeg|emg|fibroscopie|coloscopie|doppler|ett|echocardiographie|examen (?:clinique|neurologique|cardiovasculaire))\b[^.\n]{0,45}?\b(?:normale?s?|sans (?:anomalie|fracture|particularite)|positi(?:f|ve)s?|negati(?:f|ve)s?|revele|montre|retrouve|rien de suspect|acr \d|bi-?rads \d)\b",
    ],
    "medecin_demandeur": [
        r"\b(?:rpps|adeli|n° ?finess|medecin demandeur|prescripteur|medecin prescripteur|service d(?:e|')|cachet|signature)\b",
        r"^\s*(?:le |la |l')?(?:pharmacie|laboratoire|cabinet|centre hospitalier|chu|ch |clinique|service|ehpad|ide|infirmier|infirmiere|pharmacien(?:ne)?|biologiste|secretariat)\b",
        r"^\s*(?:pedicure|podologue|psychologue|dieteticien(?:ne)?|orthophoniste|kinesitherapeute|masseur-kinesitherapeute|ergotherapeute|psychomotricien(?:ne)?|orthoptiste|sage-femme|osteopathe)\b",
        r"\b(?:message|appel|fax|mail)(?: de l'| du | de la | de | )(?:ide|infirmiere|pharmacie|pharmacien\w*|laboratoire|labo|cabinet)\b",
        r",\s*(?:ide|infirmiere|pharmacienne?|sage-femme|biologiste|interne|kinesitherapeute|podologue|pedicure-podologue|psychologue(?: clinicienne?)?|dieteticienne?|orthophoniste|ergotherapeute|psychomotricienne?|orthoptiste)\b",
        r"^\s*(?:centre de sante|centre medical|maison de sante|maison medicale|sos medecins)\b",
        r"\b(?:confraternellement|bien confraternellement|amities confraternelles)\b",
    ],
    "date_demande": [
        r"\b(?:fait a [^,\n]{1,40},? le|date(?: de (?:la )?(?:demande|prescription|prelevement|l'examen|consultation|redaction|edition))?\s*:|(?:preleve|realise|edite|valide|redige)(?:e)? le|examen du|compte[ -]rendu du)\s*" + _DATE,
        r"^[^\n\d]{0,80}?\b(?<!ne )(?<!nee )le\s+" + _DATE + r"\s*$",
        r"^\W*(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche),? (?:le )?" + _DATE,
        r"\b(?:appel|message|transcription|courriel|mail|sms|fax|telecopie|envoi) (?:telephonique |vocal |electronique )?du " + _DATE,
        r"^\s*" + _DATE + r"\s*$",
        r"^[^\n\d]{3,80}?(?:—|-|,| du)\s*" + _DATE + r"\s*$",
        r"^\s*le\s+" + _DATE + r"\b",
        r"^[^\n]{0,40}?\b(?:test|examen|prelevement|bilan|analyses?|resultats?)\b[^\n]{0,40}? du " + _DATE,
        # mail and portal headers: "Envoyé : vendredi 21 novembre 2025 21:15", "Reçu le : 25/11/2025 12:41"
        r"^\W*(?:[\w ]{0,30}\b)?(?:date|envoye|envoyee|recu|recue|emis|emise|transmis|transmise|date d'entree|date de sortie|"
        r"date de passage)(?: le)?\s*:?\s*(?:(?:lun|mar|mer|jeu|ven|sam|dim)[a-z]*\.?,?\s+)?(?:le\s+)?" + _DATE,
        # a visit or note dated in its heading: "Visite à domicile du 23/11/2025, 21 h 30"
        r"^\W*(?:visite|consultation|teleconsultation|note|courrier|lettre|appel|message|transmission)\b[^\n\d]{0,40}? du "
        + _DATE,
    ],
}

# A doctor the message is for ("Pour : Dr X", "à l'attention du Dr X", "nouveau médecin traitant le Dr X") is not who
# writes it.
_ADDRESSEE_BEFORE = "".join(
    f"(?<!(?i:{words}))" for words in ("pour : ", "pour: ", "pour le ", "pour la ", "attention du ", "attention de ",
                                        "traitant le ", "traitant : ", "traitante le ")
)

# Patterns on the original text, where capitals carry the meaning (names).
_CASED_CUES: dict[str, list[str]] = {
    "identite_patient": [rf"\b{_TITLE} {_NAME}", r"\b(?:Nom|NOM|Patient(?:e)?)\s*:\s*[A-ZÀ-Ý]\S+"],
    # the civility may be dictated or typed in lower case before the name ("madame Garnier Lucienne")
    "sexe": [rf"\b{_TITLE} {_NAME}", rf"\b(?:madame|monsieur|mademoiselle) (?!Madame|Monsieur|Mademoiselle){_NAME}"],
    # a doctor named as who follows or saw the patient ("suivi par le Dr X") is not who writes
    "medecin_demandeur": [
        rf"(?=[DP])(?<!par le )(?<!par la )(?<!chez le )(?<!chez la ){_ADDRESSEE_BEFORE}\b(?:Dr|Docteur|Pr|Professeur|Dr\.)\s+{_NAME}",
        rf"(?=D)(?<!par le )(?<!par la )(?<!chez le )(?<!chez la ){_ADDRESSEE_BEFORE}\bDr\b(?!\s*,)",
    ],
}

_COMPILED_FOLDED = {
    element: [PrefilteredPattern(pattern, re.MULTILINE) for pattern in patterns]
    for element, patterns in _FOLDED_CUES.items()
}
# Urgency evidence is any statement of a level (inference.urgency), or of a deadline.
_COMPILED_FOLDED["urgence"] = [PrefilteredPattern(pattern) for pattern in (*URGENCY_PATTERNS, r"\bdelai\b")]
_COMPILED_CASED = {
    element: [PrefilteredPattern(pattern) for pattern in patterns] for element, patterns in _CASED_CUES.items()
}

# A disease named by the patient's fear, as the reason for drugs, as screened for or vaccinated against ("rappel Covid",
# "prise de sang (toxoplasmose, rubéole)") or as a risk ("Facteurs de risque : tabagisme, dyslipidémie") is not a
# diagnosis.
_NOT_A_DIAGNOSIS_BEFORE = re.compile(
    r"(?:pense a|pense qu'il s'agit d'|a peur d'|a peur de|craint|crainte d'|crainte de|inquiet(?:e)? (?:d'|de)|"
    r"(?:pense|crois|croit) avoir|"
    r"(?:medicaments?|traitement|ordonnance|ttt|renouvellement)(?: \w+){0,3} (?:pour|contre) |"
    r"(?:verifier|controler|surveiller|depister|vaccin(?:ation)?(?: contre)?|rappel(?: contre)?) (?:son |sa |ses |mon |ma |mes )?|"
    r"depistage (?:de |d')?|risque (?:de |d')|facteurs? de risque[^\n.:]{0,25}:[^\n.]*|"
    r"(?:prise de sang|serologies?|bilan|analyses?|dosages?|recherche)[^\n.]{0,40}\((?:[^)\n]*,\s*)?|"
    r"(?<!suivi )(?<!suivie )(?:pour|contre) (?:son|sa|ses|mon|ma|mes) )\s*(?:une |un |la |le |l'|des |du )?$"
)

# Out of a drug, not off it: "(je n'ai) plus de Kardegic ni de bisoprolol"; "il ne prend plus de X" stays negated.
_RAN_OUT_BEFORE = re.compile(
    r"(?:\b(?:n'(?:ai|a|avons|avez|ont)|j'ai|il a|elle a|on a)\s+|(?:^|[\n,.:;!?]|\bet|\bmais)\s*)plus (?:de |d')"
    r"(?:[^\n.;:]{0,40}?\bni (?:de |d'))?(?:son |sa |ses |mon |ma |mes |la |le |l'|les )?$"
)
# A sign named as past history: "un antécédent d'œdème de Quincke", "ATCD de malaise".
_HISTORY_BEFORE = re.compile(r"\b(?:antecedents?|atcds?) (?:de |d')(?:\w+ )?$")
# A drug tested on a germ (antibiogram) or only named as out of stock is not the patient's treatment.
_NOT_TAKEN_BEFORE = re.compile(r"(?:resistante?s? (?:a|aux?)|sensibles? (?:a|aux?)|intermediaires? (?:a|aux?)|rupture de stock (?:de|du|d'))\s*(?:l'|la |le |les )?$")
# "Levothyrox 75", "Kardegic 75": a bare strength right after a drug's name is its dose.
_STRENGTH_AFTER = re.compile(r"\s+\d+(?:[.,]\d+)?\b(?!\s*(?:ans?|mois|jours?|semaines?|h\b|%|/|[.,:]\d))")

_ENTITY_ELEMENT = {
    "SYMPTOME": "symptomes",
    "MEDICAMENT": "traitement_en_cours",
    "POSOLOGIE": "posologie",
    "ALLERGENE": "allergies",
    "EXAMEN": "examen_demande",
}


@dataclass
class PatientFacts:
    """What the text says about the patient that rules need (sex, age)."""

    sex: str | None = None  # "F" or "M"
    age: int | None = None


_CARER_BEFORE = re.compile(r"(?:\bdr\.?|\bdocteur|\bpr\.?|\bprofesseur|\bconfrere|\bconsoeur|\bbiologiste|\binterne|\bpharmacien\w*|\binfirmi\w*|\bide)\s*$")


# A doctor named as who the message is for or who acted before ("Pour : Dr X", "fait par le Dr X") is not who writes.
_NOT_WRITER_BEFORE = re.compile(
    r"(?:\bpour\s*:?|\bpour (?:le|la)|\battention d[eu]|\btraitante?\s*:?(?:\s+(?:le|la))?|\bpar (?:le|la)|\bchez (?:le|la))\s+"
    r"(?:dr\.?|docteur|pr\.?|professeur)\s*$")


# Names that are neither the patient nor the requester: relatives ("son fils Loïc ...") and office staff.
_NOT_PATIENT_BEFORE = re.compile(
    r"(?:\b(?:son|sa|ses|leur|votre)\s+(?:fils|fille|mari|femme|epoux|epouse|conjoint\w*|compagn\w+|mere|pere|"
    r"soeur|frere|enfants?|petite?-(?:fils|fille)|beau-\w+|belle-\w+|ami\w*|voisin\w*|aidant\w*|tuteur|tutrice|"
    r"curat\w+)|\bsecretai\w+|\bsecretariat|\bassistante?)\s*[:,]?\s*$")


def find_present_elements(
    text: str, entities: list[Entity], lab_results: list[LabResult], people: list[Span] = ()
) -> dict[str, list[Span]]:
    """Elements present in `text`, each with its evidence spans (sorted, de-duplicated).

    `people` are the names and patient ids found by de-identification: a name is the patient's identity unless
    a carer's title stands before it (the doctor who signs is `medecin_demandeur`); relatives and office staff
    are neither.
    """
    folded = drop_unticked_options(fold(text))
    found: dict[str, list[Span]] = {}

    def add(element: str, start: int, end: int) -> None:
        found.setdefault(element, []).append(Span(start, end, text[start:end]))

    for element, patterns in _COMPILED_FOLDED.items():
        for pattern in patterns:
            for match in pattern.finditer(folded):
                add(element, match.start(), match.end())
    for element, patterns in _COMPILED_CASED.items():
        for pattern in patterns:
            for match in pattern.finditer(text):
                add(element, match.start(), match.end())
    for entity in entities:
        ran_out = entity.label == "MEDICAMENT" and _RAN_OUT_BEFORE.search(folded[max(0, entity.start - 60) : entity.start])
        if entity.negated and entity.label != "ALLERGENE" and not ran_out:
            continue
        if entity.label == "PATHOLOGIE":
            if not entity.history and _is_diagnosis(folded, entity):
                add("diagnostic", entity.start, entity.end)
            if entity.history or entity.family:  # a relative's disease is family history
                add("antecedents", entity.start, entity.end)
            continue
        if entity.family:
            continue
        element = _ENTITY_ELEMENT.get(entity.label)
        if element == "symptomes" and entity.hypothesis:
            continue
        if element == "symptomes" and _HISTORY_BEFORE.search(folded[max(0, entity.start - 30) : entity.start]):
            add("antecedents", entity.start, entity.end)
            continue
        if element == "traitement_en_cours" and _NOT_TAKEN_BEFORE.search(folded[max(0, entity.start - 30) : entity.start]):
            continue
        if element == "traitement_en_cours" and (strength := _STRENGTH_AFTER.match(folded, entity.end)):
            add("posologie", entity.start, strength.end())
        if element == "examen_demande" and (
            entity.source == "model" or entity.history or not _REQUEST_CUE.search(_clause_of(folded, entity))
        ):
            continue
        if element:
            add(element, entity.start, entity.end)
    for result in lab_results:
        add("resultats_examens", result.start, result.end)
    for person in people:
        before = folded[max(0, person.start - 25) : person.start]
        if _NOT_PATIENT_BEFORE.search(before):
            continue
        if _CARER_BEFORE.search(before):
            if not _NOT_WRITER_BEFORE.search(before):
                add("medecin_demandeur", person.start, person.end)
        elif not _is_first_name_alone(person.text, text[person.end : person.end + 30]):
            add("identite_patient", person.start, person.end)
    if "examen_demande" in found:
        found["examen_demande"] = [span for span in found["examen_demande"] if _is_asked(folded, span)]
    return {element: _merge(spans) for element, spans in found.items() if element in ELEMENTS and spans}


@lru_cache(maxsize=1)
def _first_names_only() -> frozenset[str]:
    """First names that are not also family names (de-identification's word lists)."""
    deid = resources_dir() / "deid"
    surnames = {fold(word) for word in read_word_list(deid / "surnames.txt")}
    return frozenset(fold(word) for word in read_word_list(deid / "first_names.txt")) - surnames


_NAME_FOLLOWS = re.compile(r"[ \t]+[A-ZÀ-Ý][\wÀ-ÿ'’-]*")


def _is_first_name_alone(name: str, after: str) -> bool:
    """'Nathalie' signing a message does not identify the patient; 'Nathalie Roy', 'Mehdi Ait' (a family name
    de-identification left out) or 'Martin' may."""
    words = name.split()
    return len(words) == 1 and fold(words[0]) in _first_names_only() and not _NAME_FOLLOWS.match(after)


_REQUEST_CUE = re.compile(
    r"\b(?:demande|merci de|faire|realiser|pratiquer|prescri\w*|a prevoir|a programmer|programmer|souhait\w*|"
    r"recontrol\w*|controle(?!e)|a refaire|refaire|ordonnance|examens? (?:a|demandes?)|bilan a|pour (?:un|une)|"
    r"je vous remercie|pourriez|pouvez|serait-il|a faire|en vue d|indication|besoin d|bon pour|faudra|faudrait)"
)
_RESULT_AFTER = re.compile(
    r"^[^\n.]{0,40}?(?:\s:\s*\S|:\s*\S|=|\d+(?:[.,]\d+)? ?(?:g/|mg|mmol|µmol|umol|ui|u/|%|/mm3|ng|pg|ml/|ml\b|/min)|"
    r"^\s*(?:a |de |:\s*)?\d+(?:[.,]\d+)?\b|\b(?:realise|effectue|fait)e?s? le\b|^\s*du \d|"
    r"\bnormal\w*|sans anomalie|\bmontr\w*|\bretrouv\w*|\brevel\w*|\bpositi\w*|\bnegati\w*|\bobjectiv\w*|\ben faveur)"
)


# An exam named after these words has been done: it is reported, not asked for.
_REPORTED_BEFORE = re.compile(
    r"(?:compte[ -]rendu (?:de |d'|du )?|resultats? (?:de |d'|du )?|conclusions? (?:de |d'|du )?|j'ai (?:recu|eu|fait) |"
    r"(?:mon|ma|mes|son|sa|ses) (?:dernier |derniere )?)(?:la |le |l'|les |mon |ma |mes |son |sa |ses )?$"
)
# "contrôler son INR", "doser sa TSH", "pour ses globules blancs": the patient's own value, asked for
_ASKED_BEFORE = re.compile(
    r"\b(?:pour|controler|doser|verifier|surveiller|recontroler|refaire|suivre|surveillance de) (?:son|sa|ses|leur|leurs) $"
)
_CLAUSE_END = re.compile(r"[\n;!?]|\.(?=\s)")


def _clause_of(folded: str, span: Span | Entity) -> str:
    """The sentence (or line) around a span: a request elsewhere in a long paragraph does not ask for this exam."""
    start = max((m.end() for m in _CLAUSE_END.finditer(folded, 0, span.start)), default=0)
    end = _CLAUSE_END.search(folded, span.end)
    return folded[start : end.start() if end else len(folded)]


def _is_asked(folded: str, span: Span) -> bool:
    """An exam counts as asked for unless it is reported (done, with its result) and its sentence asks nothing."""
    before = folded[max(0, span.start - 40) : span.start]
    if _ASKED_BEFORE.search(before) and _REQUEST_CUE.search(_clause_of(folded, span)):
        return True
    if _REPORTED_BEFORE.search(before):
        return False
    if _REQUEST_CUE.search(_clause_of(folded, span)):
        return True
    return not _RESULT_AFTER.search(folded[span.end : span.end + 60])


def _is_diagnosis(folded: str, entity: Entity) -> bool:
    if entity.family or entity.negated:
        return False
    before = folded[max(0, entity.start - 60) : entity.start]
    return not _NOT_A_DIAGNOSIS_BEFORE.search(before)


def _merge(spans: list[Span]) -> list[Span]:
    unique = {(span.start, span.end): span for span in spans}
    ordered = sorted(unique.values(), key=lambda span: (span.start, -span.end))
    kept: list[Span] = []
    for span in ordered:
        if kept and span.end <= kept[-1].end:
            continue
        kept.append(span)
    return kept


_FEMALE = re.compile(r"\b(?:mme|madame|mademoiselle|mlle|patiente|femme|fille|fillette|enceinte|nee le (?=\d)|sexe\s*:?\s*f)\b")
_MALE = re.compile(r"\b(?:monsieur|homme|garcon|ne le (?=\d)|sexe\s*:?\s*m)\b|\bm\. [a-z]|\bmr\b")
_AGE = re.compile(r"\b(\d{1,3}) ?ans\b")
_BIRTH = re.compile(r"\b(?:nee? le|date de naissance\s*:?|ddn\s*:?)\s*\d{1,2}[/.-]\d{1,2}[/.-](\d{4})")


def find_patient_facts(text: str, document_year: int | None = None) -> PatientFacts:
    """Sex and age as stated in the text (first mention wins); the year of birth gives an age when needed."""
    folded = fold(text)
    female, male = _FEMALE.search(folded), _MALE.search(folded)
    sex = None
    if female and (not male or female.start() <= male.start()):
        sex = "F"
    elif male:
        sex = "M"
    age = None
    if match := _AGE.search(folded):
        age = int(match.group(1))
    elif (match := _BIRTH.search(folded)) and document_year:
        age = document_year - int(match.group(1))
    return PatientFacts(sex=sex, age=age if age is not None and age < 130 else None)
