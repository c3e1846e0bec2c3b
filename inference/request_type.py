"""Rule-based request type (SPEC §3): weighted cue phrases, the strongest type wins.

The cues are the words a French clinic uses for each kind of request (a secretary would sort the mail by them).
`autre` has its own cues (appointments cancelled, invoices, records, thanks...). When no cue at all is found,
the rules say nothing: every type gets the same score, so that a request model, when shipped, decides alone
(`inference.fusion`); the rules alone then answer `autre`.
"""
from __future__ import annotations

import re

from inference.analysis import RequestType
from inference.folding import fold
from inference.prefilter import PrefilteredPattern

LABELS = {
    "renouvellement": "Renouvellement d'ordonnance",
    "avis_specialiste": "Demande d'avis / adressage à un spécialiste",
    "imagerie": "Demande d'examen d'imagerie",
    "biologie": "Demande d'examen biologique",
    "resultats": "Transmission de résultats (compte rendu de laboratoire, d'imagerie)",
    "hospitalisation": "Demande d'hospitalisation / d'admission",
    "certificat": "Demande de certificat médical",
    "consultation": "Demande de consultation (nouveau problème)",
    "compte_rendu": "Compte rendu (consultation, hospitalisation, sortie)",
    "autre": "Autre",
}

_IMAGING = (
    r"(?:scanner|tdm|irm|echographie|echo|radiographie|radios?|rx|mammographie|doppler|scintigraphie|tep|"
    r"angioscanner|uroscanner|coroscanner|arthroscanner|densitometrie|osteodensitometrie|imagerie|panoramique|cliches?|asp|"
    r"cone beam|arthrographie|transit|hysterosalpingographie|cystographie|angio-irm)"
)
_LAB = (
    r"(?:bilan (?:biologique|sanguin|hepatique|renal|lipidique|thyroidien|martial|inflammatoire|pre-?op\w*|"
    r"d'hemostase|complet)|prise de sang|nfs|crp|ionogramme|hba1c|tsh|ecbu|serologie|dosage|glycemie|ferritine|"
    r"creatinine|inr|psa|lithiemie|bhcg|hgpo|hyperglycemie provoquee|glycemies|analyses?|hemocultures?|coproculture|prelevement|troponine|cpk|d-dimeres|"
    r"serologies?|test (?:de depistage|sanguin)|depistage (?:des ist|du vih|de l'hepatite)|ist|vih|bilan|"
    r"creat|uree|iono|t4l?|t3l?|pth|vit(?:amine)? (?:d|b12|b9)|25-oh|b12|folates|proteinurie|albuminurie|"
    r"microalbuminurie|bnp|nt-probnp|hcg|uricemie|calcemie|kaliemie|natremie|hemoglobine|hb|plaquettes|"
    r"quantiferon|vitesse de sedimentation|ggt|asat|alat|transaminases|cholesterol|ldl|triglycerides|eal|"
    r"electrophorese|tca|fibrinogene|anticorps|test pour|na|numeration(?: formule)?|globules (?:blancs|rouges)|pnn|polynucleaires|leucocytes)"
)
_ASK = (
    r"(?:demande|prescri|merci de (?:bien vouloir )?(?:realiser|pratiquer|faire)|faire (?:pratiquer|realiser)|"
    r"realiser|pratiquer|a faire|faire|doser|ordonnance|ordo|besoin d'|a programmer|a prevoir|prevoir|"
    r"prescri|(?<!prochain )controle|surveillance|verifier|recontroler|fais(?!\w* (?:passer|suivre|parvenir))|on fait|nous faisons|il (?:me|lui|nous) (?:faut|faudrait)|faudrait|veut|veux|"
    r"voudrai[st]?|souhaite|conseill\w*|recommand\w*|suggere\w*|faudra|un creneau (?:d'|de|pour)|(?:un |le )?bon pour)"
)
# A therapist's assessment ("bilan orthophonique") is the report of a consultation, not an exam's results.
_THERAPY_ASSESSMENT = (
    r"(?:orthophonique|psychomoteur|neuropsycholog\w*|kinesitherapique|de kinesitherapie|ergotherapique|podologique|"
    r"dietetique|psychologique|orthoptique)"
)
_EXAMS_REPORTED = (
    rf"(?:{_IMAGING}|holter|ecg|eeg|emg|fibroscopie|coloscopie|gastroscopie|endoscopie|biopsies?|"
    r"echocardiographie|epreuve d'effort|efr|spirometrie|polysomnographie|polygraphie|audiometrie|oxymetrie|"
    r"capillaroscopie|manometrie|ph-?metrie|impedancemetrie|analyses|examen|laboratoire|biologie|"
    rf"prise de sang|bilan(?! (?:{_THERAPY_ASSESSMENT})))"
)
_SPECIALTY = (
    r"(?:cardio|pneumo|neuro|gastro|hepato|dermato|rhumato|endocrino|diabeto|uro|gyneco|ortho|psy|orl|ophtalmo|"
    r"chir|nephro|hemato|onco|geria|infectio|allergo|pediatr|stomato|vasculaire|algolog|addicto|neurochir|procto|"
    r"phlebo|angio|hepato|medecine interne|interniste|memoire|douleur|medecine physique|readaptation|mpr)\w*"
)
_SPECIALIST = (
    r"(?:specialiste|chirurgien\w*|cardiologue|dermatologue|pneumologue|neurologue|gastro-?enterologue|"
    r"rhumatologue|endocrinologue|urologue|gynecologue|ophtalmologue|orl|psychiatre|allergologue|nephrologue|"
    r"hematologue|oncologue|geriatre|orthopediste|angiologue|phlebologue|stomato\w*|cardio|dermato|gastro|pneumo|"
    r"rhumato|endocrino|neuro|psy|ophtalmo|gyneco|uro)\b"
)
_BODY_PART = (
    r"(?:hanche|genou|dos|epaule|cheville|pied|orteil|main|doigt|poignet|coude|oeil|yeux|peau|bouton|grain de beaute|"
    r"tache|ventre|jambe|bras|cou|gorge|oreille|dent|ongle|cicatrice|plaie|grosseur|boule|nuque|sein|mollet)s?"
)
_POSSESSIVE = r"(?:les |mes |des |le |mon |ma |la |l'|son |sa |ses |votre |vos )?"

_CUES: dict[str, list[tuple[str, float]]] = {
    "renouvellement": [
        (r"\brenouv\w*\b(?! (?:de |d'|du )(?:mon |son |sa |ma |la |le |l'|leur )?(?:permis|dossier|carte|passeport|titre|licence|contrat|abonnement|adhesion|inscription|mdph|arret))", 3.0),
        (r"\b(?:refaire|prolonger|reconduire|represcrire|reprendre)\b(?! (?:un|une|des) )[^.\n]{0,25}\b(?:ordonnance|ordo|prescription|traitement)\b", 3.0),
        (r"\b(?:remettre|mettre|rajouter|ajouter|inscrire)\b[^.\n]{0,25}\bsur (?:l'|mon |ma |son |sa |une |la |leur )?(?:ordonnance|ordo|prescription)\b", 2.5),
        (r"\b(?:j'ai|il a|elle a|on a) plus (?:de |d')(?!(?:douleurs?|fievre|symptomes?|mal|problemes?|nouvelles|appetit|force|energie|sommeil|regles|rendez-vous|rdv)\b)", 1.5),
        (r"\b(?:mon|ma|mes|son|sa|ses|leur) (?!arret|contrat|stage|conge|abonnement)\w+ (?:se termine|se finit|se terminent|se finissent)\b", 1.5),
        (r"\b(?:ordonnance|ordo)\b[^.\n]{0,40}\b(?:la|le|en) (?:refaire|represcrire|prolonger)\b", 2.0),
        (r"\b(?:faire|refaire) (?:une |l'|mon |son )?(?:ordo|ordonnance)\b(?! (?:pour|de) (?:faire|une|un|la|le|l'))", 1.5),
        (r"\b(?:n'(?:a|ai|avons) plus (?:de|d')(?! ?(?:prescripteur|medecin|docteur|generaliste|suivi|nouvelles)\b)|plus de (?:medicaments?|comprimes|traitement)|a court (?:de|d')|"
         r"fini (?:ma|sa|mon|son|la|le) (?:boite|traitement|ordonnance|stock)|fin de (?:boite|traitement|stock)|"
         r"(?:ordonnance|prescription) (?:expiree|perimee|terminee|finie)|(?:arrive|arrivent) a (?:echeance|terme)|depann\w*|"
         r"(?:il|elle) (?:me|lui|leur|nous) (?:en )?reste (?:\d+|un|une|deux|trois|quelques|une dizaine de|une quinzaine de) (?:comprimes?|cp|boites?|jours?|sachets?|doses?)|"
         r"(?:la mienne|la sienne|l'ancienne|ordo|ordonnance|prescription)\b[^.\n]{0,20}? (?:est|etait|sont) (?:finie|terminee|perimee|expiree))", 2.0),
        (r"\b(?:pour|de|d') (?:l'|une |son |sa |mon |ma )?(?:ordonnance|ordo|prescription) (?:de |d'|pour )(?:ses|son|sa|mes|mon|ma|leur|leurs)\b", 2.0),
        (r"\b(?:laisser|deposer|faxer|envoyer|transmettre|redonner|faire parvenir|recuperer|chercher|passer prendre) (?:une |l'|la |son |mon |sa |ma |nous )?(?:nouvelle )?(?:ordonnance|ordo|prescription)\b", 2.0),
        (r"\b(?:prescription|ordonnance) (?:de|d'|pour) (?:mon |ma |mes |son |sa |ses )?\w+ (?:pour (?:l'annee|un an|\d+ mois|6 mois|3 mois))|\bqsp\b", 1.5),
        (r"\bnouvelle (?:ordonnance|ordo|prescription)\b", 2.0),
        (r"\b(?:ordonnance|ordo|prescription)\b[^.\n]{0,60}\b(?:n'est plus|n'etait plus|plus) (?:valable|valide)\b", 2.5),
        (r"\b(?:me|lui|nous|leur) (?:la|le|les) (?:refaire|represcrire|renouveler|prolonger)\b|\ben (?:prescrire|represcrire|refaire) (?:un|une) (?:nouveau|nouvelle|autre)\b", 2.5),
        (r"\b(?:stylos?|traitement|medicaments?|boites?|inhalateur|flacons?|pilule)\b[^.\n]{0,40}? (?:est|sont|sera|seront|a|ont) (?:bientot )?(?:perimee?s?|expiree?s?)\b", 2.0),
        (r"\b(?:a prolonger|a reconduire|reconduire|reconduction|prolonger)\b(?! (?:mon |son |l'|d'un |de l')?arret)", 2.5),
        (r"\b(?:represcrire|represcrire|re-prescrire)\b|\b(?:ordonnance|ordo|prescription) a (?:refaire|renouveler|prolonger)\b", 3.0),
        (r"\b(?:traitement|medicaments?|boites?|comprimes|pilule|plaquettes?|sachets|gouttes|patchs|stylos|flacons?)\b[^.\n]{0,40}?(?: |c')(?:est|sont|sera|seront|va etre|vont etre) (?:presque |bientot )?(?:fini|termine|epuise|vide)e?s?\b", 2.0),
        (r"\b(?:boites?|traitement|medicaments?|comprimes|stock|reserves?)\b[^.\n]{0,60}?\bne (?:suffira|suffiront|tiendra|tiendront) pas\b|\bde quoi (?:continuer|tenir|finir)\b", 2.0),
        (r"\b(?:(?:la |ma |sa )?derniere (?:plaquette|boite|boite de|tablette)|plus qu'une (?:plaquette|boite))\b", 2.0),
        (rf"\b(?:relais de (?:la |l')?(?:prescription|ordonnance)|prendre le relais)\b(?! (?:pour|de) (?:ses|son|sa|la|le|les|l') ?(?:surveillance|suivi|{_LAB}|{_EXAMS_REPORTED})\b)", 2.5),
        (r"\b(?:meme ordonnance|meme prescription|memes medicaments|continuer (?:avec )?(?:la meme|le meme|mon|ma|son|sa|le|la) ?(?:traitement|pilule)?)\b", 2.0),
        (r"\b(?:la |sa |de la )?(?:poursuite|suite|continuite) (?:du traitement|de (?:son|sa|ses|mon|ma|mes|leur|leurs) (?!arret)\w+)", 2.5),
        (r"\b(?:besoin (?:encore )?(?:de |d')?|encore )(?:le |les |mon |mes |du |des |ses |son )?(?:medicaments?|traitement|comprimes)\b", 1.5),
        (r"\b(?:chercher|prendre|recuperer) (?:le|la|l'|son|sa|mon|ma) (?:papier|ordonnance|ordo)\b", 1.5),
        (r"\b(?:arrive|arrivent|touche|touchent) a (?:sa|son|leur) (?:fin|terme)\b|\bordonnance pour (?:les |des )?\d+ (?:prochains )?mois\b", 2.0),
        (r"\b(?:traitement habituel|medicaments habituels|a l'identique|meme traitement)\b", 1.5),
        (r"\b(?:mes|ses|son|sa|leurs?) (?:medicaments|traitements?|pilules|comprimes) (?:du mois|habituels?|comme d'habitude)\b", 2.0),
    ],
    "avis_specialiste": [
        (r"(?=[vtpda])(?<!selon )(?<!a )\b(?:votre avis|ton avis|pour avis|demande d'avis|avis specialise|avis svp|adressage)\b", 3.0),
        (rf"\bavis (?:en |de |d'|du )?{_SPECIALTY}", 3.0),
        (r"\b(?:sollicit\w*|demand\w*|souhait\w*|besoin d'|aimerai\w*|voudrai\w*) (?:de |d')?(?:l'|votre |ton |un |une )?avis\b(?! medical)", 3.0),
        (r"\b(?:quant a|concernant|sur) l'indication\b|\bl'indication (?:eventuelle )?(?:d'un|d'une)\b", 1.5),
        (r"\b(?:je vous adresse|je vous confie|j'adresse|je t'adresse|je te confie|nous vous adressons)\b(?! aux urgences)", 2.5),
        (r"\b(?:lettre|courrier) pour (?:en )?(?:voir|consulter)\b", 2.0),
        (r"\b(?:recevoir|voir) en consultation\b|\bmerci de (?:bien vouloir )?recevoir\b", 2.0),
        (rf"\b(?:consultation|rdv|rendez-vous) (?:de |d'|en |chez )?(?:un |une |le |la |l')?(?:{_SPECIALTY}|specialiste)", 2.5),
        (rf"\b(?:voir|consulter|parler a|rendez-vous (?:chez|avec)|adresser a|lettre pour|(?:faire )?(?:controler|examiner|verifier) par) (?:un |une |le |la |l')?{_SPECIALIST}\b", 2.5),
        (r"\bcher(?:e)? (?:confrere|consoeur|collegue|ami)\b", 1.0),
        (r"\b(?:votre|ton) (?:expertise|eclairage|opinion|prise en charge specialisee)\b", 2.0),
        (r"\b(?:le|la|les|l') (?:convoquer|caser)\b|\b(?:tu pourrais|vous pourriez|pourrais-tu|pourriez-vous|peux-tu|pouvez-vous) (?:me )?(?:caser|convoquer)\b|\bpour (?:evaluation|avis et prise en charge)\b", 2.0),
        (r"\b(?:l'|le |la )evaluer\b", 2.5),
        (r"\b(?:afin d'|pour )eliminer\b", 1.0),
        (r"\borientation (?:\w+ )?vers\b|\b(?:envoyer|adresser|diriger|orienter) vers\b", 2.0),
        (r"\btele-?expertise\b", 3.0),
        (rf"\b(?:un|son|votre|ton) (?:regard|oeil|eclairage) {_SPECIALTY}|\bquelqu'un (?:de |du |d'|en )(?:la |l'|le )?(?:partie |service |equipe |cote )?(?:de |d')?(?:la |l')?{_SPECIALTY}", 2.5),
        (rf"\b(?:vue?s?|examinee?s?|suivie?s?) par (?:un |une |le |la )?{_SPECIALIST}", 2.5),
        (r"\b(?:l'|les |le |la )orienter\b|\borienter (?:vers|chez)\b", 2.0),
        (rf"\b(?:jeter|jettes?|jetiez|jetez) un (?:coup d')?oeil\b(?! (?:a|sur) (?:ma|mon|mes|cette|ce|ces|la|le|les) (?:\w+ )?{_BODY_PART}\b)", 2.5),
        (r"\b(?:faire|rediger|ecrire) (?:un |une )?(?:petit |petite )?(?:courrier|lettre|mot)\b(?! (?:pour|a) (?:l'employeur|mon employeur|son employeur|l'ecole|la mutuelle|l'assurance|la cpam|la caf))", 2.0),
        (r"\bspecialiste\b", 1.0),
        (rf"\b(?:appel|avis) (?:au|du|a la|de la|a l'|de l') {_SPECIALIST}|\b{_SPECIALIST} de garde\b", 2.5),
        (r"\b(?:pourrais-tu|pourriez-vous|peux-tu|merci de|je vous remercie de|je te remercie de|je vous serais reconnaissant de) (?:bien vouloir )?(?:le |la |l'|les )?(?:voir|recevoir|examiner)\b", 2.0),
        (rf"\b(?:courrier|lettre|mot) (?:pour|d'adressage|de liaison pour) (?:un |une |le |la |l')?{_SPECIALIST}", 2.5),
    ],
    "imagerie": [
        (rf"\b{_ASK}\w*\b[^.\n?]{{0,30}}?\b{_IMAGING}\b", 3.5),
        (rf"(?<!a l')(?<!au )(?<!sur l')(?<!sur le )(?<!sur la )(?<!a la )\b{_IMAGING}\b(?![^\n:]{{0,30}}:\s*[a-z])", 1.0),
        (rf"\b{_IMAGING}\b[^.\n?]{{0,60}}\b(?:me |lui )?(?:le|la|les|l') (?:prescrire|faire)\b", 3.0),
        (rf"^\W*{_IMAGING}\b", 1.5),
        (rf"\b{_IMAGING}\b[^.\n?]{{0,40}}\ba (?:faire|realiser|programmer|prevoir|pratiquer)\b", 3.0),
        (rf"^\W*(?:ordonnance|prescription)\b[^\n]{{0,40}}\n(?:[^\n]*\n){{0,3}}\W*(?:[a-z' ]{{0,15}}:\s*)?{_IMAGING}\b", 2.5),
        (r"\b(?:injecte|avec injection|produit de contraste|gadolinium|sans injection)\b", 1.0),
    ],
    "biologie": [
        (rf"\b{_ASK}\w*\b[^.\n?]{{0,30}}?\b{_LAB}\b", 3.5),
        (rf"\b{_LAB}\b", 0.8),
        (rf"^\W*(?:ordonnance|prescription)\b[^\n]{{0,40}}\n(?:[^\n]*\n){{0,3}}\W*(?:[a-z' ]{{0,15}}:\s*)?{_LAB}\b", 2.5),
        (rf"\b{_LAB}\b[^.\n?]{{0,60}}[.?]?[^.\n?]{{0,30}}\b(?:me |lui )?(?:le|la|les|l') (?:prescrire|faire)\b", 3.0),
        (r"\b(?:a jeun|laboratoire d'analyses|prelevement sanguin)\b", 1.0),
        (r"\b(?:me|se|te|vous|le|la|les) faire depister\b|\bfaire (?:un|des) depistages?\b|\baller (?:directement )?au labo(?:ratoire)?\b", 2.0),
        (r"^\W*dosages? (?:de |du |des |d')", 2.0),
        (rf"\bprendre le relais (?:pour|de) (?:ses|son|sa|la|le|les|l') ?(?:surveillance (?:biologique|sanguine)|{_LAB})\b", 3.0),
        (rf"\b{_LAB}\b[^.\n?]{{0,40}}\ba (?:faire|realiser|programmer|prevoir|pratiquer|doser|controler)\b", 3.0),
        (rf"(?<!\()(?<!, )(?<!,)\b{_LAB}(?:\s*(?:,|\bet\b|\+|/)\s*{_LAB}\b)+(?!\s*(?::\s*)?[<>=]?\s*\d)", 2.0),
        (r"\bresultats? a (?:m'adresser|me (?:transmettre|faxer|communiquer|envoyer)|adresser|transmettre)\b", 1.5),
    ],
    "resultats": [
        (r"\b(?:compte[ -]rendu (?:de laboratoire|d'analyses|d'examen|d'imagerie|de biologie)|resultats? (?:d'analyses|de (?:la )?biologie|du bilan|de l'examen)|valeurs (?:de reference|usuelles)|biologiste|laboratoire de biologie)\b", 3.0),
        (rf"\b(?:ci-joint|voici|veuillez trouver(?: ci-joint)?|je vous (?:transmets|envoie|adresse|fais parvenir)|transmission (?:de|des)) {_POSSESSIVE}(?:resultats?|compte[ -]rendu|analyses)\b", 3.0),
        (rf"\bcompte[ -]rendu (?:de |d'|du )?{_POSSESSIVE}{_EXAMS_REPORTED}\b", 3.5),
        (r"\bresultats? (?:recus?|du jour|urgents?|de (?:mon|ma|mes|son|sa|ses) \w+)", 2.5),
        (r"\b(?:je vous (?:fais suivre|transfere|joins)|en piece jointe|ci-joint|veuillez trouver)\b", 1.5),
        (rf"\b(?:je vous (?:envoie|transmets|adresse|fais suivre|fais passer|fais parvenir|joins|transfere)|voici|ci-joint|veuillez trouver|j'ai (?:recu|eu))\b[^.\n?]{{0,40}}\b(?:resultats?|compte[ -]rendu|conclusions?|analyses|prise de sang|photo|{_EXAMS_REPORTED})\b", 3.0),
        (r"^\W*resultats?\s*(?:—|-|:)", 2.5),
        (rf"\b{_EXAMS_REPORTED}\b[^.\n]{{0,20}}\bque (?:j'ai|il a|elle a|nous avons|on a) (?:faite?s?|passee?s?|eue?s?|recue?s?)\b|\ble labo(?:ratoire)? (?:dit|indique|trouve|a trouve|signale|a (?:telephone|appele)|appelle|telephone)\b", 2.5),
        (rf"\b{_EXAMS_REPORTED}\b[^.\n]{{0,60}}\b(?:retrouve|objective|met en evidence|revele|conclut)\b", 2.0),
        (r"\bradiologue\b", 1.5),
        (r"\b(?:envoye|transmis|recu|donne|rendu)s? (?:le |les |mes |ses )?resultats?\b|\ble resultat\s*:", 2.5),
        (r"\b(?:(?:centre|cabinet|institut) (?:d'|de )?(?:imagerie|radiologie)|imagerie medicale)\b", 2.5),
        (r"\b(?:test|pcr|serologie|antigenique|ecbu|culture|prelevement)\b[^.\n]{0,40}\b(?:positi(?:f|ve)|negati(?:f|ve))", 1.5),
        (r"\b(?:lettre|courrier|compte[ -]rendu|conclusions?) (?:du|de la|de l') (?:radiologue|laboratoire|labo|biologiste|cardiologue|pneumologue)\b", 2.5),
        (r"\b(?:acr \d|bi-?rads|ti-?rads|lbm|validation biologique|explorations? fonctionnelles?)\b", 2.0),
        (r"\b(?:anatomo-?pathologi\w*|anatomie (?:et cytologie )?pathologiques?|cytologie|bacteriologie|valide(?:e)? par|edite(?:e)? le|preleve(?:e)? le|realise(?:e)? le)\b", 2.5),
        (r"^\s*(?:resultats?|technique|interpretation)\s*:", 1.5),
        # an exam named as the document's heading, then a "Conclusion :" line: the exam's report, not its order
        (rf"\A\W*(?:{_EXAMS_REPORTED})\b[^\n]*\n(?:[^\n]*\n){{0,20}}?\W*conclusion\s*:", 3.0),
        (rf"^\W*(?:{_EXAMS_REPORTED}|holter)\b[^\n]{{0,60}}(?:\bdu|\ble|—|-|,)\s*\d{{1,2}}(?: au \d{{1,2}})?[/.]\d{{1,2}}|\benregistrement du\b", 2.0),
        (r"\d(?:[.,]\d+)? ?[a-zµ%/^0-9]* ?\(\s*[<>]?\s*\d+(?:[.,]\d+)?\s*(?:-|a|\u2013)\s*\d", 1.0),
        (r"\b(?:valeurs? normales?|normes?)\s*:", 1.0),
        (r"\b(?:inr|hb|tsh|crp|glycemie|kaliemie|creatinine|hemoglobine)(?: du jour)?\s*:?\s*(?:a |=\s*)?\d+(?:[.,]\d+)?", 1.0),
        (r"\b(?:inr|hb|tsh|crp|glycemie|kaliemie|potassium|sodium|natremie|creatinine|hemoglobine|ferritine|psa|hba1c|plaquettes|leucocytes|troponine)\b(?: [\w.']+){1,5}\s*(?::|=|\ba) ?\d+(?:[.,]\d+)?", 1.0),
        (rf"\bresultats? (?:de la|du|de l'|des) (?:{_LAB}|{_EXAMS_REPORTED})\b", 2.5),
        (r"^\W*conclusion\s*:", 1.0),
        (r"\b(?:bilan|analyses?|prise de sang|biologie)\b[^.\n]{0,20}\b(?:est|sont|etait|etaient|revenue?s?) (?:normale?s?|sans anomalie|correcte?s?|negati\w+)\b", 2.0),
    ],
    "hospitalisation": [
        (r"\b(?:demande d'(?:hospitalisation|admission|entree(?! (?:en|dans|a) (?:l'|un |une |le |la )?(?:hebergement|ehpad|residence|foyer|maison de retraite|creche|ecole)))|hospitaliser|admettre|admission (?:souhaitee|demandee|en|dans|programmee)|"
         r"entree (?:programmee|prevue)|transfert (?:demande|en|vers|dans)|demande de transfert|accepter (?:le|son) transfert|"
         r"hospitalisation (?:a domicile|de jour|programmee|souhaitee|en)|prise en charge en (?:had|ssr|usld)|"
         r"lit (?:d'hospitalisation|en|disponible)|mutation en|entree directe|admission directe|mise en observation|uhcd|"
         r"sejour (?:en|dans) (?:ssr|service|soins|hospitalisation|unite)|entree (?:en (?:clinique|service|ssr|hospitalisation|maison de repos)|a l'hopital|dans (?:le|votre) service)|(?:accueillir|prendre) (?:dans|en charge dans) (?:votre|le) service|(?:accueil|accueillir)\b[^\n]{0,40}?\b(?:dans|en charge dans) (?:votre|le|la|l') ?(?:service|unite|etablissement)|une place (?:en|dans))\b", 3.0),
        (r"\bsans passer par (?:les |le service des )?urgences\b|\b(?:me|le|la|l'|les) (?:prendre|prennent|prenne|hospitaliser|admettre) directement\b", 2.5),
        (r"\b(?:emmener|transporter|evacuer|transferer|amener|conduire|heliporter)\b[^.\n]{0,25}?\b(?:au chu|au ch|a l'hopital|en reanimation|au bloc|en milieu (?:hospitalier|chirurgical))\b|\b(?:evasan|evacuation sanitaire|helico\w*|smur|medecin regulateur)\b", 2.5),
        (r"\bpour (?:une )?(?:hospitalisation|admission)\b|\bmotif d'(?:admission|hospitalisation)\b", 3.0),
        (r"\b(?:hospitalisation|admission) (?:me |nous |lui )?(?:parait|semble|est|serait) (?:donc )?(?:indispensable|necessaire|justifiee|souhaitable|indiquee)\b"
         r"|\b(?:le )?maintien a domicile (?:n'est (?:plus |pas )?|est )?(?:impossible|pas possible|plus possible|n'est plus envisageable)\b", 3.0),
        (r"\b(?:fiche de )?programmation (?:operatoire|chirurgicale|au bloc)\b|^\W*(?:date d')?entree (?:prevue |souhaitee )?:\s*(?:le )?\d|\b(?:en|chirurgie) ambulatoire\b", 3.0),
        (r"(?=h)(?<!est )(?<!etait )(?<!a ete )\bhospitalis\w*\b(?! (?:a [a-z]|au |depuis|actuellement|en ce moment|il y a|du \d))|\badmission\b", 1.0),
        (r"\b(?:had|ssr|hdj|usld|hopital de jour|soins de suite)\b", 1.5),
        (r"\b(?:adresse|envoie)(?:e)? aux urgences\b|\b(?:je l'|je les |nous l')?(?:envoie|adresse|oriente|transfere)\w*\b[^.\n]{0,25}?\b(?:aux urgences|au sau|au service des urgences|a l'uhcd)\b", 3.0),
        (r"\bservice (?:de |d')\w+\b", 0.5),
    ],
    "certificat": [
        (r"\bcertif\w*", 2.5),
        (r"\b(?:demande|besoin|faire|etablir|remplir|obtenir|rediger|delivrer)\w*\b[^.\n]{0,30}\b(?:certif\w*|dispense|attestation|questionnaire (?:de sante|medical))", 2.0),
        (r"\b(?:aptitude|non[ -]contre[ -]indication|dispense|questionnaire (?:de sante|medical)|enfant malade|accident du travail|bonne sante|mdph)\b", 1.5),
        (r"\b(?:attestant|attestation|atteste|papier (?:du|de|d'un) (?:medecin|docteur)|document medical|coups et blessures|constatation|permis de conduire|medecin agree|licence|justificatif)\b", 1.5),
        (r"\barret de travail\b", 1.0),
        (r"\b(?:faire|avoir|donner|obtenir|rediger) (?:un |mon |l')?arret\b(?! de (?:bus|traitement))|\barret maladie\b", 2.5),
        (r"\b(?:ne (?:peux|peut|pourrai|pourra) pas|n'ai pas pu|n'a pas pu) (?:aller )?(?:travailler|au travail)\b", 1.5),
        (r"\b(?:remplir|completer)\b[^.\n]{0,30}\b(?:questionnaire|formulaire|fiche medicale|dossier medical)\b|\b(?:pret immobilier|assurance emprunteur)\b", 2.5),
        (r"\b(?:apte|inapte)\b|\breprise (?:du|de|de l') ?(?:travail|sport|ecole)\b", 1.5),
        (r"\b(?:n'est plus|non|pas) contagieu\w*|\bnon-contagion\b|\beviction\b", 2.0),
        (r"\b(?:document|papier|mot|courrier) (?:(?:du|d'un) (?:medecin|docteur) |medical )?(?:disant|attestant|prouvant|certifiant|indiquant|precisant|qui (?:dit|atteste|prouve))\b|\bun papier pour\b", 2.0),
        (r"\b(?:pai|projet d'accueil individualise)\b", 1.5),
        (r"\b(?:volet|partie|certificat|formulaire|questionnaire|fiche|dossier) medica(?:l|le)\b[^.\n]{0,40}?\ba (?:remplir|completer|signer)\b", 3.0),
        (r"\b(?:remplir|completer|faire|rediger|etablir) (?:le|la|un|une|ce|cette|son|mon) (?:pai|dossier|formulaire|questionnaire|fiche)\b", 2.5),
    ],
    "consultation": [
        (r"\b(?:(?:tele-?)?consultation|rendez-vous|rdv|consulter|voir le (?:docteur|medecin))\b", 0.8),
        (rf"\b(?:prendre (?:un )?(?:rendez-vous|rdv)|etre vue?(?! par (?:un |une |le |la )?{_SPECIALIST})|me voir|le voir|la voir|passer (?:vous voir|au cabinet|ce matin|ce soir|aujourd'hui|demain)|"
         r"(?:peux|peut|pourrais|pourrait)(?:-on|-elle|-il)? (?:passer|venir)(?! (?:prendre|chercher|recuperer|deposer))|je peu venir|venir (?:vous voir|consulter|au cabinet)|un creneau)\b", 1.5),
        (r"\b(?:souhaite|voudrais|voudrait|aimerais|aimerait|demande|avoir|obtenir|reprendre) (?:un |une )?(?:rendez-vous|rdv|(?:tele-?)?consultation)\b", 1.5),
        (r"\b(?:rendez-vous|rdv|consultation) (?:demande|souhaite)e?\b", 1.5),
        (r"\b(?:etre recue?|me recevoir|nous recevoir)\b", 1.5),
        (r"\b(?:conseille|recommande|dit|demande|propose)\w* de (?:venir )?vous (?:consulter|voir)\b", 2.0),
        (r"\b(?:que vous m'examiniez|m'examiner|me faire examiner|l'examiner|la faire examiner|le faire examiner)\b", 2.0),
        (r"\b(?:premiere consultation|faire le point)\b", 2.0),
        (rf"\b(?:jeter|jetiez|jetez) un (?:coup d')?oeil (?:a|sur) (?:ma|mon|mes|cette|ce|ces|la|le|les) (?:\w+ )?{_BODY_PART}\b", 2.5),
        (r"\b(?:see me|see you|an appointment|book (?:an|a) (?:appointment|visit))\b", 1.5),
        (r"\b(?:passe|passer|venir) (?:a la maison|a domicile)\b|\bune visite a domicile\b|\bde vive voix\b|\b(?:de la|une|des) disponibilites?\b", 2.0),
        (r"\b(?:se plai(?:nt|gnant)|depuis (?:\d+|quelques|plusieurs|hier|ce matin|une|un|deux|trois) ?\w*|nouveau probleme|j'ai (?:mal|des douleurs))\b", 0.6),
    ],
    "compte_rendu": [
        (r"\b(?:(?:compte[ -]rendu|cr)\W{0,4}(?:de |d'|du )?(?:la |l')?(?:consultation|hospitalisation|sejour|passage|teleconsultation|sortie|operatoire|intervention|accouchement)|"
         r"lettre de (?:sortie|liaison|consultation)|synthese|bilan de (?:sortie|consultation)|fiche de liaison|crh|"
         r"(?:courrier|lettre|compte[ -]rendu) de fin d'hospitalisation)\b(?! (?:vous )?(?:sera|suivra|vous parviendra|est a venir))", 4.0),
        (r"\b(?:a ete (?:hospitalise|vu|opere)e?|hospitalise(?:e)? du \d{1,2}\b|sejour du|durant (?:son|le) sejour|au total|evolution (?:favorable|clinique|simple)|"
         r"suites (?:simples|operatoires|de couches)|sortie (?:le|du|a j)|traitement de sortie|traitement poursuivi)\b", 1.5),
        (r"\b(?:j'ai (?:vu|revu|examine)|(?:vu|revu|examine)e? (?:ce jour|le \d|en consultation|aujourd'hui)|vue? le \d|je (?:propose|preconise) de|"
         r"je (?:le|la|vous le|vous la) (?:laisse|revois|reverrai)|reevaluation|a revoir dans|prochain (?:controle|rendez-vous)|conduite a tenir)\b", 1.5),
        (r"^\s*(?:vue?|revue?) (?:m\.|mme|mr|mlle|pour|en|le)\b|^\s*(?:intervention|operateur|prescription|evolution)\s*:", 1.5),
        (r"\b(?:certificat|arret de travail|ordonnance)\b[^.\n]{0,40}\b(?:remise?s?|delivree?s?|donnee?s?)\b", 1.5),
        (r"\b(?:est venue?|(?:ta|votre) patiente?|ton patient|j'ai (?:prescrit|introduit|instaure|augmente|diminue|arrete|modifie)|"
         r"il s'agit d'une?|je n'ai pas (?:modifie|change))\b", 1.5),
        (r"^\W*consultation (?:de |d')[^\n]{0,40}(?:—|-|,|\bdu|\ble)\s*\d{1,2}[/.]\d{1,2}|^\W*consultation (?:de |d')\w+[^\n]{0,30}?(?:—|-|:)|^\W*consultation (?:de |d')\w+\s*$|"
         r"\brevue? pour (?:sa|son|ses|le suivi|un suivi|le controle)\b", 3.0),
        (r"\bvue? pour (?:des|un|une|sa|son|ses|le|la)\b", 1.5),
        # "J'ai revu ce jour Mme X, 58 ans, pour le suivi de sa polyarthrite": a follow-up visit reported
        (r"\b(?:vue?|revue?|examinee?) (?:ce jour|aujourd'hui|en consultation)\b(?:m\.|[^.\n]){0,60}?\bpour (?:le suivi|son suivi|un suivi|le controle|sa|son|ses)\b"
         r"|\bje (?:poursuis|maintiens|reconduis) (?:le meme|le|son|sa|ses|ce|cet|cette) (?:traitement|posologie)\b", 3.0),
        (r"\bje (?:vois|revois|recois|revoit) (?:ce jour|aujourd'hui|en consultation)\b|\bque vous connaissez bien\b", 3.0),
        (r"^\W*visite (?:[\w-]+ ){0,3}(?:du \d|j\d|—|-|:)|^\W*suivi\b[^\n]{0,40}(?:—|-|:|\bdu|\ble)\s*\d{1,2}[/.]\d{1,2}", 2.5),
        (r"\b(?:est |a ete )?passee? aux urgences\b|\b(?:rentree?|retour) a domicile\b|\bprochain (?:passage|rdv)\b", 2.0),
        (r"\bconclusion\b", 1.0),
        (r"\b(?:reconsulter|consulter (?:a nouveau|son medecin(?: traitant)?|votre medecin(?: traitant)?)) (?:si|en cas)\b", 1.5),
        (r"^\W*(?:tele-?)?consultation (?:du|le)\s*\d{1,2}[/.]\d{1,2}", 3.0),
        (rf"\A\W*(?:compte[ -]rendu (?:de |du )?)?bilan {_THERAPY_ASSESSMENT}\b", 4.0),
        (r"^\W*(?:projet|proposition|propositions|conduite a tenir|cat)\s*:\s*(?:une? |des )?(?:reeducation|suivi|prise en charge|seances|guidance)\b", 1.5),
        (r"\b(?:bilan|compte[ -]rendu|synthese) (?:\w+ ){0,2}de fin de (?:prise en charge|traitement|reeducation|suivi|seances)\b|\bfin de prise en charge\b", 4.0),
    ],
    "autre": [
        (r"\b(?:annul\w*\b(?! (?:de |d')(?:notre |mon |son |leur |votre )?(?:voyage|sejour|vol|billet|location|inscription|seances de sport))|(?:reporter|decaler|deplacer) (?:mon|son|le|notre) (?:rendez-vous|rdv))", 3.0),
        (r"\b(?:facture|impaye\w*|reglement|honoraires|devis|mutuelle|tiers payant|feuille de soins|carte vitale|"
         r"changement d'adresse|nouvelle adresse|mettre a jour (?:mon|son) dossier|copie (?:de|du) (?:mon |son )?dossier|"
         r"communication de (?:l'ensemble de )?(?:mon|son) dossier|horaires|fermeture|conges|protocole de soins|"
         r"demande de pieces|rupture de stock|stage|cv)\b", 2.0),
        (r"\b(?:attestation|justificatif|bulletin) de (?:presence|situation|sejour|hospitalisation)\b", 4.0),
        (r"\b(?:tension d'approvisionnement|rupture de stock|rupture d'approvisionnement|en rupture|indisponibles?|substitu\w*)\b|\bacceptez-vous que\b", 2.0),
        (r"\b(?:pharmacovigilance|information de securite|ansm|rappel de lots?|campagne de \w+)\b", 2.0),
        (r"\b(?:l'hopital|la clinique|le service|l'ehpad|la maison de retraite|l'ecole|la creche|l'employeur) (?:voudrait|veut|demande|souhaite|reclame|a besoin de) (?:le nom|la liste|une copie|les coordonnees|son dossier|le dossier|des renseignements|des informations)\b|\b(?:pouvez-vous|pourriez-vous|merci de) (?:leur|lui) (?:envoyer|transmettre|faxer)\b", 2.0),
        (r"\barrivee? sans (?:la |l'|le )?(?:prescription|ordonnance|bon)\b|\bil manque (?:la |l'|le )(?:prescription|ordonnance|bon de demande|signature)\b", 4.0),
        (r"\b(?:est-ce normal|faut-il s'inquieter|dois-je m'inquieter|c'est grave)\b", 1.5),
        # a service confirming the appointment it gave ("Le Dr X le recevra le 12 janvier; une convocation lui a été adressée")
        (r"\bnous avons bien recu (?:votre|le|la) (?:courrier|demande|lettre|fax|mail|message)\b"
         r"|\b(?:le|la) (?:dr|docteur|pr|professeur) [\w-]+ (?:le|la|les|vous) recevra\b"
         r"|\bconvocation (?:lui|vous|leur) (?:a ete|sera) (?:adressee|envoyee|remise)\b"
         r"|\brendez-vous (?:lui|vous|leur) a ete (?:donne|fixe|attribue)\b", 3.0),
        (r"\b(?:reclamation|porter plainte|salle d'attente|parking|stationnement|accessibilite)\b", 2.0),
        (r"\brecuperer (?:ses|mes|son|mon|sa|ma|les|le|la) (?:anciens? |anciennes? )?(?!ordonnance|ordo|prescription)\w+", 2.0),
        (r"\b(?:(?:je (?:voulais|tenais a)|juste) (?:vous )?remercier|merci pour votre (?:ecoute|accueil|aide|gentillesse))", 2.0),
        (r"\b(?:est-ce que je peux|puis-je|peut-on|est-il possible de) (?:prendre|associer|arreter|donner|melanger)\b", 1.5),
        (r"\b(?:faut-il|faut il|dois-je|doit-on|peut-on|pouvons-nous|puis-je) (?:le |la |l'|les )?(?:suspendre|arreter|interrompre|maintenir|poursuivre|relayer|fenetrer)\b", 2.5),
        (r"\b(?:opinion|intervention|analyse) pharmaceutique\b|\bassociation (?:contre-indiquee|deconseillee|a eviter|dangereuse)\b|\binteraction (?:medicamenteuse|majeure|dangereuse)\b", 3.0),
        (r"\b(?:(?:prescription|bon) (?:medicale )?de transport|transport (?:assis|allonge|en serie|sanitaire)|vsl|taxi conventionne)\b", 3.0),
        (r"\b(?:secret (?:medical|professionnel)|confidenti\w*|ca reste entre nous)\b", 2.0),
        (r"\b(?:me|la|le|nous) rappeler\b(?! (?:que|qu'|de |d'))", 1.5),
    ],
}

_COMPILED = {
    code: [(PrefilteredPattern(pattern, re.MULTILINE), weight) for pattern, weight in cues] for code, cues in _CUES.items()
}
_MIN_SCORE = 1.0


_MISSING_APOSTROPHE = re.compile(r"\b([jlndcmst]) (?=[aeiouyh])")
# An option left unticked on a form ("[ ] un certificat", "☐ Urgent") is not what the sender asks: it is read
# up to the next box or the end of its line.
UNTICKED_OPTION = re.compile(r"(?:\[ \]|\u2610|\u25a1)[^\[\u2610\u2611\u2612\u25a1\u25a0\n]*")


def drop_unticked_options(folded: str) -> str:
    """The text with the options of a form left unticked blanked out (same length: offsets still index it)."""
    return UNTICKED_OPTION.sub(lambda match: " " * len(match.group()), folded)


def request_type_scores(text: str) -> dict[str, float]:
    """Each type's share of the cue weight (summing to 1); the same score for every type when nothing points
    anywhere (no evidence: the rules do not vote). Apostrophes dropped in phone messages ("j ai plus de") are put
    back so that the cues read them; options left unticked on a form are not read."""
    folded = _MISSING_APOSTROPHE.sub(r"\1'", drop_unticked_options(fold(text))).replace("\u0153", "oe").replace("\u03b2", "b")
    weights = {
        code: sum(weight * min(len(pattern.findall(folded)), 2) for pattern, weight in cues)
        for code, cues in _COMPILED.items()
    }
    total = sum(weights.values())
    if max(weights.values()) < _MIN_SCORE:
        return {code: 1 / len(LABELS) for code in LABELS}
    return {code: weights.get(code, 0.0) / total for code in LABELS}


def best_request_type(scores: dict[str, float]) -> RequestType:
    """The type whose cues weigh most, `autre` when no type stands out; the score is that type's share."""
    best = max(scores, key=scores.get)
    if scores[best] - min(scores.values()) < 1e-9:
        best = "autre"
    return RequestType(best, LABELS[best], round(scores[best], 3))
