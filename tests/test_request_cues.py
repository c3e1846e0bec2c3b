"""Request type and elements on realistic clinic mail: the cue vocabularies of inference.request_type and
inference.elements, the fusion with the request model, and the dev-set option of the evaluation command."""
from __future__ import annotations

import pytest

from export import request_eval
from inference import Engine
from inference.allergy import detect_allergy_mention
from inference.analysis import Entity, Span
from inference.elements import find_present_elements
from inference.request_type import best_request_type, request_type_scores
from inference.urgency import classify_urgency


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load(ocr=False)


DOCUMENTS = [
    ("renouvellement", "Bonjour, il ne me reste que 3 comprimés de Kardégic, pouvez-vous me refaire mon ordonnance ? "
                       "Merci, Gérard Lenoir"),
    ("renouvellement", "Pharmacie du Centre. M. Bastien Alain se présente avec une ordonnance périmée de Coversyl "
                       "5 mg. Merci de nous faxer une nouvelle ordonnance. Le pharmacien"),
    ("avis_specialiste", "Cher confrère, je vous adresse Mme Collin, 66 ans, pour avis sur des troubles de la marche "
                         "d'aggravation progressive. Bien confraternellement, Dr Simon"),
    ("avis_specialiste", "Bonjour docteur, pourriez-vous me faire un courrier pour un dermatologue ? J'ai un grain "
                         "de beauté qui a changé. Aline Rey"),
    ("imagerie", "Merci de pratiquer une échographie rénale chez M. Noël, 58 ans, pour coliques néphrétiques "
                 "récidivantes. Dr Fabre"),
    ("biologie", "Faire pratiquer : NFS, CRP, ferritine. Indication : asthénie depuis 2 mois. Dr Cordier"),
    ("resultats", "Bonjour docteur, voici mes résultats de prise de sang : ferritine 9 µg/L, hémoglobine "
                  "11,1 g/dL. Bonne journée, Mme Perrot"),
    ("resultats", "Laboratoire Saint-Martin\nPrélevé le 02/03/2025\nMme GIRAUD Anne\nTSH : 6,8 mUI/L (0,4 - 4,0)\n"
                  "Validé par le Dr Vidal, biologiste"),
    ("hospitalisation", "Demande d'admission en SSR pour Mme Robin, 84 ans, après prothèse de hanche. Dr Garnier, "
                        "chirurgie orthopédique"),
    ("certificat", "Bonjour, j'aurais besoin d'un certif pour le tennis de ma fille (12 ans). Merci ! Mme Duval"),
    ("consultation", "Bonjour, j'ai une douleur au genou depuis une semaine, je voudrais un rendez-vous jeudi si "
                     "possible. Jonathan Petit"),
    ("compte_rendu", "Compte rendu de consultation\nJ'ai revu ce jour M. Lucas, 70 ans, pour son insuffisance "
                     "cardiaque, stable sous bisoprolol 5 mg. Je propose de le revoir dans 6 mois. Dr Hamel"),
    ("renouvellement", "Bonsoir, je pourrais avoir la même ordonnance que le mois dernier pour ma tension ? "
                       "Merci, Josette Marin"),
    ("certificat", "Pour le renouvellement de mon permis de conduire, la préfecture demande un avis médical. "
                   "M. Giraud"),
    ("biologie", "Dosage de la digoxinémie et kaliémie chez Mme Ferrand, sous Digoxine. Dr Vasseur"),
    ("resultats", "Holter tensionnel du 12/05/2025 — M. Garcia, 61 ans. Moyenne diurne 148/92 mmHg. "
                  "Conclusion : HTA non contrôlée. Dr Bernard"),
    ("compte_rendu", "CR de séjour — soins de suite\nM. Roux, 82 ans, séjour de rééducation après une pneumopathie. "
                     "Retour à domicile avec kinésithérapie. Dr Lamy"),
    ("avis_specialiste", "Orientation vers un rhumatologue souhaitée pour Mme Petit, 50 ans, douleurs articulaires "
                         "diffuses depuis 4 mois. Dr Colin"),
    ("resultats", "Bonjour docteur, j'ai reçu mes résultats de l'échographie : kyste simple de 2 cm sur "
                  "l'ovaire droit. Que dois-je faire ? Claire Moreau"),
    ("biologie", "Contrôle de l'INR et de la NFS dans 5 jours chez Mme Joly, sous Préviscan. Dr Bertin"),
    ("avis_specialiste", "Appel au pneumologue de garde pour M. Durand, 70 ans, hémoptysie de faible abondance "
                         "depuis ce matin. Dr Roche"),
    ("renouvellement", "Bonjour, l'ordonnance de janvier est terminée, il me faudrait mes médicaments habituels. "
                       "Paul Leroy"),
    ("certificat", "Bonjour, il me faut un justificatif médical pour mon absence au travail mardi. Léa Morin"),
    ("renouvellement", "Mme Poirier passera récupérer son ordonnance de Kardégic jeudi."),
    ("renouvellement", "bjr docteur j ai plus de kardegic vous pouvez me le remettre sur l ordonnance merci Mme Roy"),
    ("avis_specialiste", "Sa cicatrice doit être vue par un dermatologue, pouvez-vous l'orienter ? Mme Caron, IDE"),
    ("avis_specialiste", "Mon cher confrère, pourrais-tu jeter un œil à M. Lenoir, 70 ans, souffle systolique ?"),
    ("biologie", "M. Durand, IRC : créat, urée, iono, PTH tous les 3 mois. Dr Blanc"),
    ("resultats", "Je vous fais passer la prise de sang que j'ai faite lundi, faut-il reprendre un traitement ? "
                  "Luc Petit"),
    ("resultats", "L'échographie réalisée ce jour retrouve un foie stéatosique. Dr Vial, radiologue"),
    ("certificat", "Mon employeur veut un document disant que je suis apte à reprendre. Paul Morel"),
    ("autre", "Ma mère est hospitalisée à Lille, l'hôpital voudrait la liste de ses vaccins, pouvez-vous leur "
              "envoyer ? Merci"),
    ("renouvellement", "Docteur, mes comprimés pour la tension seront épuisés dans huit jours, mon fils pourrait passer "
                       "prendre le papier. Respectueusement, Irène Collin"),
    ("renouvellement", "coucou c'est la dernière plaquette de ma pilule, je peux avoir une ordo ? Zoé Marin"),
    ("avis_specialiste", "Depuis mon divorce je n'arrive plus à dormir, pouvez-vous m'envoyer vers un psy ? Léa Roux"),
    ("biologie", "La pharmacienne conseille une INR rapidement pour M. Faure, sous Previscan, saignement des gencives."),
    ("resultats", "Polygraphie ventilatoire — nuit du 2 au 3/10/2025\nM. Roy, 60 ans. IAH 32/h, SAOS sévère. "
                  "Dr Klein"),
    ("resultats", "Le labo a téléphoné : sodium de Mme Carré à 124 ce matin."),
    ("certificat", "Dans le cadre de votre prêt immobilier, merci de faire compléter par votre médecin le "
                   "questionnaire de santé ci-joint. Assurances du Nord"),
    ("consultation", "Motif : première consultation. J'ai de l'asthme et je voudrais faire le point. Hugo Lebrun"),
    ("avis_specialiste", "Docteur, Mme Roy, 60 ans, a une kaliémie basse à 3,1 sous diurétique. Je vous remercie de la "
                         "recevoir. Dr Morel"),
    ("renouvellement", "La pharmacie dit que mon ordonnance n'est plus valable pour le Tahor, pouvez-vous me la "
                       "refaire ? Marc Giraud"),
    ("renouvellement", "Le stylo d'adrénaline de Tom Roy pour la trousse PAI est périmé, pouvez-vous en prescrire un "
                       "nouveau ? L'infirmière scolaire"),
    ("avis_specialiste", "Chère Consœur, M. Roy, 85 ans, hospitalisé pour insuffisance cardiaque, a une sténose "
                         "aortique serrée ; je sollicite l'avis de votre équipe quant à l'indication d'un TAVI."),
    ("avis_specialiste", "Merci de lui prescrire une consultation chez l'ophtalmologiste. C. Roux, orthoptiste"),
    ("biologie", "J'ai pris un risque il y a un mois, j'aimerais me faire dépister. Je peux aller directement au "
                 "labo ? A. Diaz"),
    ("resultats", "Résultat de la glycémie à jeun de ce matin : 1,30 g/L. Je dois m'inquiéter ? Paul Roy"),
    ("resultats", "Échographie thyroïdienne\nNodule de 12 mm, TI-RADS 3.\nConclusion : nodule peu suspect. Dr Lenoir"),
    ("hospitalisation", "Malaise avec douleur thoracique chez M. Roy, 60 ans : je l'envoie au SAU. Dr Carré"),
    ("consultation", "Docteur, j'ai des douleurs au ventre depuis dix jours, je souhaiterais que vous m'examiniez. "
                     "M. Roy"),
    ("compte_rendu", "Téléconsultation du 03/12 : Mme Roy, 30 ans, rhinopharyngite. Paracétamol 1 g x3/j. "
                     "Reconsulter si fièvre au-delà de 3 jours."),
    ("autre", "Le Spiriva est en rupture de stock : acceptez-vous que nous délivrions un autre inhalateur ? "
              "Pharmacie du Port"),
    ("renouvellement", "Merci de valider la poursuite du traitement de M. Roy : Lasilix 40 mg le matin. Dr Caron, "
                       "médecin coordonnateur"),
    ("renouvellement", "je besoin encore le médicament pour la tension, la boite c'est presque vide. Mr Diallo"),
    ("avis_specialiste", "Salut Paul, tu pourrais caser Mme Roy cette semaine ? Nodule du sein palpable. Dr Lenoir"),
    ("avis_specialiste", "Fistule de M. Roy : sténose suspectée à l'échographie. Pourriez-vous le convoquer pour "
                         "évaluation ? Dr Carré, néphrologue"),
    ("biologie", "Mme Roy, 30 ans, retard de règles : βHCG plasmatiques à faire ce jour. Dr Lenoir"),
    ("certificat", "La crèche veut un mot du médecin disant que Léo n'est plus contagieux. Mme Roy"),
    ("compte_rendu", "Je vois ce jour M. Roy, que vous connaissez bien, pour son cancer de prostate. PSA "
                     "indétectable. Prochain contrôle du PSA dans 6 mois. Dr Klein"),
    ("compte_rendu", "Visite post-natale à domicile J4 — Mme Roy, allaitement bien installé. Sage-femme L. Roux"),
    ("consultation", "Mon mari a 39 de fièvre et ne peut pas se lever, le docteur peut-il passer à la maison ? "
                     "Mme Roy"),
    ("renouvellement", "BONJOUR JE VOUDRAIS MES MEDICAMENTS DU MOIS COMME D'HABITUDE. MERCI. MME ROY"),
    ("avis_specialiste", "Chère consœur, M. Roy, 60 ans, a des douleurs articulaires diffuses depuis 6 mois. Je "
                         "souhaiterais que vous puissiez l'évaluer afin d'éliminer un rhumatisme inflammatoire. "
                         "Dr Morel"),
    ("biologie", "c est possible de faire un test pour la maladie de lyme j ai ete piquee par une tique. Lea Roy"),
    ("certificat", "J'ai une grippe, je ne peux pas aller travailler, pouvez-vous me faire un arrêt ? Paul Roy"),
    ("certificat", "Suite à l'annulation de notre voyage pour raison médicale, l'assurance demande un certificat. "
                   "M. Roy"),
    ("consultation", "Est-ce possible d'avoir une téléconsultation ce soir ? Mon fils tousse. Mme Roy"),
    ("compte_rendu", "Suivi IPA — 02/12/2025\nM. Roy, insuffisant cardiaque, poids stable. Prochain passage dans "
                     "1 mois. A. Roux, IPA"),
    ("compte_rendu", "Votre patiente Mme Roy est passée aux urgences cette nuit pour une entorse. Rentrée à "
                     "domicile avec une attelle. Dr Vidal"),
    ("autre", "Le tube de M. Roy est arrivé sans la prescription : merci de nous la faxer. Laboratoire Biomed"),
    ("autre", "Mon fils a eu son vaccin il y a 8 jours et il a quelques boutons, est-ce normal ? Mme Roy"),
    ("avis_specialiste", "Bonjour, mon dermato a déménagé, pouvez-vous me faire une lettre pour en voir un autre ? "
                         "Bruno Laine"),
    ("avis_specialiste", "Demande de rendez-vous en neurologie pour M. Faure, 60 ans, tremblement de repos. "
                         "Dr Pons"),
    ("biologie", "Bonjour, je voudrais faire une prise de sang pour le cholestérol, pouvez-vous me la prescrire ? "
                 "Anne Roy"),
    ("resultats", "CENTRE D'IMAGERIE DU PARC\nÉchographie abdominale — 03/03/2025\nM. Vidal, 45 ans\n"
                  "Foie normal, pas de lithiase. Dr Morel"),
    ("compte_rendu", "CONSULTATION DE RHUMATOLOGIE — 12/02/2025\nMme Simon, 66 ans, revue pour sa polyarthrite "
                     "rhumatoïde, en rémission sous méthotrexate 15 mg/semaine. Dr Klein"),
    ("renouvellement", "Ordonnance à refaire : Kardégic, Tahor, pour le résident de la chambre 3. EHPAD Les Lilas"),
    ("renouvellement", "Bonjour, ma boîte de Lévothyrox est presque finie, pouvez-vous me le represcrire ? "
                       "Marie Dupré"),
    ("avis_specialiste", "Chère consœur, je vous remercie de recevoir Mme Roy, 40 ans, pour des migraines "
                         "rebelles. Dr Petit"),
    ("hospitalisation", "Je vous adresse aux urgences M. Blanc, 80 ans, pour une rétention aiguë d'urine. "
                        "Dr Colin"),
    ("biologie", "Ordonnance\nM. Roux Alain, 52 ans\nBilan lipidique, glycémie à jeun.\nDr Noël"),
    ("compte_rendu", "Consultation de pneumologie — M. Garnier, 70 ans, vu pour sa BPCO, stable sous Spiriva. "
                     "Dr Caron"),
    ("autre", "Bonjour, pourriez-vous me donner une attestation de présence pour la consultation d'hier, pour "
              "mon employeur ? Luc Perrin"),
    ("renouvellement", "Les soins infirmiers de M. Petit (pansements) sont à prolonger d'un mois. L'IDE"),
    ("avis_specialiste", "Télé-expertise cardiologie — ECG joint — M. Roy, 70 ans, bloc de branche gauche nouveau ? "
                         "Dr Morel"),
    ("hospitalisation", "Demande de mise en observation en UHCD pour Mme Caron, 90 ans, malaise. Dr Faure, urgences"),
    ("certificat", "Bonjour, pouvez-vous compléter le PAI de ma fille pour son asthme ? Mme Leroy"),
    ("compte_rendu", "Courrier de fin d'hospitalisation — Pneumologie\nM. Roux, 75 ans, hospitalisé pour une "
                     "pneumopathie, évolution favorable sous amoxicilline. Dr Blanc"),
    ("autre", "Bonjour, je dois annuler mon rendez-vous de mardi, je rappellerai. Mme Lefort"),
    ("autre", "Madame, veuillez trouver ci-joint la facture de mars restée impayée. Le service comptabilité"),
    # causes found on dev set 15 (first score 0.70)
    ("avis_specialiste", "Un avis en rhumatologie me paraît utile pour M. Giraud, 60 ans, gonalgies. Dr Perrin, "
                         "médecin du travail"),
    ("compte_rendu", "Bilan orthophonique de fin de prise en charge — Léo Roy, 8 ans, lecture fluide. Arrêt des "
                     "séances possible selon votre avis. C. Marin, orthophoniste"),
    ("biologie", "Mme Roy, 30 ans, 26 SA : HGPO 75 g à faire. Sage-femme L. Noël"),
    ("hospitalisation", "Fiche de programmation opératoire\nM. Roy, 60 ans\nIntervention : cure de hernie "
                        "inguinale\nEntrée : le 12/01 en ambulatoire. Dr Caron"),
    ("compte_rendu", "Lettre de liaison\nMme Roy, 80 ans, hospitalisée du 12/03 au 20/03/2025.\nMotif "
                     "d'hospitalisation : pneumopathie. Dr Blanc"),
    ("consultation", "Mme Roy a fait un malaise au travail ce matin, je lui ai conseillé de vous consulter. "
                     "L'infirmière"),
    ("autre", "Votre patient M. Roy, sous Xarelto, doit avoir un implant dentaire : faut-il suspendre le Xarelto "
              "avant ? Dr Lenoir, dentiste"),
    ("autre", "Intervention pharmaceutique : association contre-indiquée entre amiodarone et simvastatine chez "
              "M. Roy. Pharmacie du Port"),
    ("autre", "pouvez-vous me rappeler svp, c'est pour mon père. Karine"),
    # causes found on dev set 16 (first score 0.53)
    ("renouvellement", "Bonjour, je pars trois semaines chez mon fils et mes boîtes de Kardégic ne suffiront pas, "
                       "il m'en reste une dizaine de jours. Mme Roy"),
    ("renouvellement", "Pouvez-vous envoyer de quoi continuer son Levothyrox à la pharmacie ? Merci. Luc Roy, son fils"),
    ("avis_specialiste", "Kinésithérapeute. Je suis M. Roy, 50 ans, pour une lombalgie ; il aurait besoin d'un regard "
                         "rhumatologique sur ses radios. P. Noël"),
    ("avis_specialiste", "Infirmière à domicile. Mme Roy, 80 ans, ulcère qui s'étend : il faudrait que quelqu'un du "
                         "service de dermatologie la voie. C. Marin"),
    ("consultation", "Bonjour Docteur, j'aimerais que vous jetiez un coup d'œil à mon genou qui gonfle depuis "
                     "dimanche. Paul Roy"),
    ("consultation", "Hello, I am a new patient, could you see me this week for a cough? Thank you, John Smith"),
    ("imagerie", "Mme Roy, 40 ans, lombosciatique : pourriez-vous lui donner un créneau pour une IRM lombaire ? "
                 "Dr Caron"),
    ("biologie", "Sortie de M. Roy demain sous Préviscan : il faudra un bon pour doser l'INR jeudi. IDE Marin"),
    ("biologie", "M. Roy, 40 ans, sous clozapine, n'a plus de prescripteur : pourriez-vous prendre le relais pour "
                 "sa numération formule ? Infirmier du CMP"),
    ("hospitalisation", "Mme Roy, 60 ans, poussée de rectocolite : pouvez-vous appeler le service pour qu'ils la "
                        "prennent directement, sans passer par les urgences ? Dr Faure"),
    ("hospitalisation", "Au médecin régulateur : M. Roy, 35 ans, fracture ouverte de jambe au refuge, à évacuer vers "
                        "le CHU par hélicoptère. Dr Blanc"),
    ("hospitalisation", "Je sollicite l'accueil de M. Roy, 70 ans, dans votre unité pour sa cure d'éventration. "
                        "Dr Lenoir"),
    ("certificat", "Résidence Les Tilleuls : la demande d'entrée en EHPAD de Mme Roy est complète sauf la partie "
                   "médicale du dossier, à remplir par vous. La direction"),
    ("compte_rendu", "Bilan psychomoteur — compte rendu\nLéa Roy, 5 ans, vue à la demande de l'école.\n"
                     "Observations : graphisme lent, équilibre fragile.\nConclusion : trouble de la coordination "
                     "probable.\nProjet : rééducation hebdomadaire. J. Noël, psychomotricienne"),
    ("autre", "Taxi conventionné Roy : pouvez-vous signer la prescription de transport de M. Martin pour ses "
              "séances de radiothérapie ? Merci"),
    ("autre", "bonjour docteur, est-ce que ce que je vous dis reste sous le secret médical, même pour mes parents ? "
              "Léa, 15 ans"),
    ("autre", "Ambulances du Lac : merci de signer le bon de transport de M. Roy pour son scanner de jeudi."),
    # causes found on dev set 17
    ("autre", "Service de neurologie — secrétariat\nNous avons bien reçu votre demande pour Mme Roy. Le Dr Caron la "
              "recevra le 3 février à 10 h. Une convocation lui a été envoyée."),
    ("hospitalisation", "Mme Roy, 86 ans, pneumopathie, confuse et déshydratée, vit seule. L'hospitalisation me "
                        "semble nécessaire. Dr Lenoir"),
    ("compte_rendu", "Cher confrère, j'ai vu en consultation M. Roy, 66 ans, pour le suivi de son psoriasis. "
                     "Peau blanchie, je maintiens le même traitement et la reverrai en juin. "
                     "Dr Blanc, dermatologue"),
]


@pytest.mark.parametrize("expected, text", DOCUMENTS, ids=[f"{t}-{i}" for i, (t, _) in enumerate(DOCUMENTS)])
def test_the_type_a_user_sees(engine, expected, text):
    assert engine.analyse_text(text).request_type.code == expected


@pytest.mark.parametrize("expected, text", DOCUMENTS, ids=[f"{t}-{i}" for i, (t, _) in enumerate(DOCUMENTS)])
def test_the_rules_alone_name_the_type(expected, text):
    assert best_request_type(request_type_scores(text)).code == expected


def test_no_cue_means_no_vote_and_autre_for_the_rules_alone():
    scores = request_type_scores("Patiente vue par le remplaçant la semaine dernière.")
    assert len(set(scores.values())) == 1
    assert best_request_type(scores).code == "autre"


def test_a_form_option_left_unticked_is_not_what_is_asked(engine):
    analysis = engine.analyse_text(
        "Portail patient — demande du 02/12/2025\nPatient : ROY Alain, 61 ans\nObjet : [ ] certificat   [x] "
        "renouvellement   [ ] rendez-vous urgent\nMédicaments : Amlor 5 mg, 1 le matin")
    assert analysis.request_type.code == "renouvellement"
    assert analysis.urgency.level == "non_precise"
    assert "urgence" not in analysis.elements.present
    assert classify_urgency("☐ Urgent  ☒ Pour information\nRésultats de Mme Roy").level == "non_precise"
    assert classify_urgency("☒ Urgent  ☐ Pour information\nRésultats de Mme Roy").level == "urgent"


def test_a_renewal_word_about_a_file_is_not_a_renewal_of_treatment(engine):
    analysis = engine.analyse_text("Objet : certificat médical MDPH. M. Lenoir sollicite le renouvellement de son "
                                   "dossier MDPH : merci de remplir le certificat médical joint.")
    assert analysis.request_type.code == "certificat"
    assert "traitement_en_cours" not in analysis.elements.present


def test_a_bare_strength_after_a_drug_is_its_dose(engine):
    analysis = engine.analyse_text("Merci de renouveler le Levothyrox 75 de Mme Carré. Dr Morin")
    assert any("Levothyrox 75" in span.text for span in analysis.elements.present["posologie"])


def test_a_lab_value_is_not_a_dose(engine):
    analysis = engine.analyse_text("Bonjour, mon cholestérol est à 2,8 g/L sur la prise de sang d'hier. M. Lefort")
    assert "posologie" not in analysis.elements.present
    assert "traitement_en_cours" not in analysis.elements.present


def test_everyday_words_are_not_reported_as_medical_entities(engine):
    """The entity model tags some words of clinic letters it never saw in its training text; users would see a
    weekday listed as a drug (with a false dose: "mercredi 3") or the letterhead as an exam."""
    analysis = engine.analyse_text(
        "Cabinet de sage-femme — Élodie Marchal, sage-femme\nVotre patient M. Royer Paul doit avoir deux "
        "extractions le mercredi 3 décembre. Il est sous Préviscan : pourriez-vous lui prescrire un INR ? "
        "Avis du rhumatologue joint.")
    found = {entity.text for entity in analysis.entities}
    assert not found & {"Cabinet", "sage-femme", "mercredi", "prescrire", "rhumatologue"}
    assert {"Préviscan", "INR"} <= found
    assert [entity.text for entity in analysis.entities if entity.label == "POSOLOGIE"] == []


def test_a_contrast_injection_or_a_form_part_is_not_a_treatment(engine):
    analysis = engine.analyse_text(
        "Diététicienne-nutritionniste — Marie Roy\nMme Lenoir, 52 ans, fatigue : pourriez-vous regarder sa "
        "thyroïde ? Le radiologue voudrait une IRM avec injection ; il manque le volet médical du dossier.")
    found = {entity.text.lower() for entity in analysis.entities}
    assert not found & {"injection", "volet", "regarder", "diététicienne-nutritionniste"}


def test_drug_classes_named_like_professions_stay_drugs(engine):
    """Only specialists' names are dropped by their ending: "-agoniste" is a drug class, not a "-iste" job."""
    analysis = engine.analyse_text("Asthme traité par un bêta-agoniste et un antagoniste des leucotriènes. "
                                   "Avis de l'anesthésiste et du pneumologue.")
    found = {entity.text for entity in analysis.entities}
    assert {"bêta-agoniste", "antagoniste"} <= found
    assert not found & {"anesthésiste", "pneumologue"}


def test_drugs_of_an_antibiogram_are_not_the_patients_treatment(engine):
    analysis = engine.analyse_text("ECBU : E. coli. Antibiogramme : résistant à l'amoxicilline, sensible à la "
                                   "ceftriaxone.")
    assert "traitement_en_cours" not in analysis.elements.present


@pytest.mark.parametrize("text, element", [
    ("Avis cardio pour M. Roux, 70 ans, essoufflé. Il est diabétique et fumeur. Dr Blanc", "antecedents"),
    ("Mme Brun appelle : douleur de l'épaule depuis une chute. Pas de traitement. Pas d'allergie.",
     "traitement_en_cours"),
    ("renouvellement pilule svp, Mme Faure 27 ans", "motif"),
    ("Surveillance du lithium : lithiémie, TSH, créatinine. Dr Girard", "motif"),
    ("Bonjour, je fais de l'hypertension depuis 10 ans et j'ai des vertiges. Jean Roy", "antecedents"),
    ("Avis cardio souhaité pour M. Roux, 55 ans, dyspnée. Sa mère est décédée d'un infarctus à 50 ans.",
     "antecedents"),
    ("Échographie abdominale du 12/02/2025\nM. Petit, 50 ans. Foie normal. Pas de lithiase.", "date_demande"),
    ("Bonjour, les patch-tests faits à l'hôpital sont négatifs. Mme Noël", "resultats_examens"),
])
def test_elements_stated_plainly_are_present(engine, text, element):
    assert element in engine.analyse_text(text).elements.present


def test_the_writer_named_by_the_message_is_evidence_of_who_asks():
    found = find_present_elements("Message de la pharmacie : Mme Caron n'a plus de Lasilix, merci de faxer une "
                                  "ordonnance.", [], [])
    assert [span.text for span in found["medecin_demandeur"]] == ["Message de la pharmacie"]


def test_an_exam_reported_with_its_result_is_not_asked_for_by_a_request_elsewhere_in_the_paragraph():
    text = ("Docteur, Mme Garcia, 60 ans, a une kaliémie basse à 3,1 mmol/L sous diurétique. "
            "Je vous remercie de la recevoir pour avis.")
    assert "examen_demande" not in find_present_elements(text, [], [])
    asked = find_present_elements("Merci de faire une kaliémie de contrôle. Dr Roy", [], [])
    assert "examen_demande" in asked


def test_a_greeting_to_the_doctor_is_not_who_asks():
    found = find_present_elements("Dr, je voudrais continuer ma pilule. Mme Sanchez", [], [])
    assert "medecin_demandeur" not in found


@pytest.mark.parametrize("text", [
    "Docteur, je pense avoir une angine, très mal à la gorge. Lucas Bernard",
    "M. Roy veut une prise de sang pour vérifier son diabète.",
    "Merci de reconduire la metformine 1000 mg pour son diabète. Dr Morel",
])
def test_a_disease_feared_or_named_as_a_purpose_is_not_the_diagnosis(engine, text):
    assert "diagnostic" not in engine.analyse_text(text).elements.present


def test_a_duration_in_years_is_not_an_age():
    assert "age" not in find_present_elements("Hypertension depuis 5 ans, céphalées ce matin.", [], [])


def test_a_babys_age_in_weeks_is_an_age():
    found = find_present_elements("Échographie des hanches pour un nourrisson de 3 semaines, siège.", [], [])
    assert "age" in found


@pytest.mark.parametrize("text, level", [
    ("Scanner à faire sous 24 h.", "urgent"),
    ("Admission souhaitée dans les 48 à 72 h.", "rapide"),
    ("Radio de contrôle dans 10 jours.", "rapide"),
])
def test_urgency_by_delay(engine, text, level):
    assert engine.analyse_text(text).urgency.level == level


def test_request_eval_scores_the_dev_sets(tmp_path, capsys):
    assert len(request_eval.DEV_SETS) >= 2
    out = tmp_path / "dev.md"
    gold = tmp_path / "one.jsonl"
    gold.write_text(request_eval.DEV_SETS[0].read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert request_eval.main(["--engine", "rules", "--gold", str(gold), "--out", str(out)]) == 0
    assert "one.jsonl" in out.read_text(encoding="utf-8") and "1 documents." in capsys.readouterr().out


def test_a_relative_or_the_secretary_named_in_the_letter_is_not_the_patient(engine):
    analysis = engine.analyse_text(
        "Secrétaire : Nadia Benali.\nPatiente de 82 ans accompagnée de son fils Loïc Martin pour douleurs "
        "thoraciques depuis 2 jours. Merci de la recevoir en consultation de cardiologie.")
    assert "identite_patient" not in analysis.elements.present
    assert "identite_patient" in analysis.elements.missing
    assert not [entity for entity in analysis.entities if entity.text.startswith("Nadia")]


@pytest.mark.parametrize("text, element", [
    ("cher confrère je vous adresse madame Garnier Lucienne 58 ans pour avis", "sexe"),
    ("Certificat pour le marathon : 42 ans, pas de problème de santé. Romain Roy", "antecedents"),
    ("Opinion pharmaceutique — Pharmacie du Pont, quartier de la gare, Le 21/11/2025\nM. Roy", "date_demande"),
    ("Transfert en USIC pour coronarographie. Dr Lopez", "examen_demande"),
    ("Ma mère a eu un cancer du côlon, dois-je me faire dépister ? Luc Roy", "examen_demande"),
])
def test_elements_found_by_the_rules(text, element):
    assert element in find_present_elements(text, [], [])


@pytest.mark.parametrize("text", ["Madame, Monsieur, veuillez trouver ci-joint ma facture.",
                                  "madame Monsieur je vous écris pour ma facture"])
def test_a_civility_addressed_to_the_reader_is_not_the_patients_sex(text):
    assert "sexe" not in find_present_elements(text, [], [])


@pytest.mark.parametrize("text, level", [
    ("PAI : merci de prescrire la trousse d'urgence (Anapen 0,3 mg). Dr Roy", "non_precise"),
    ("En cas d'urgence, appeler le 15. Mme Roy, suivi de grossesse.", "non_precise"),
    ("Fiche de programmation\nEntrée : le 08/01/2026 en ambulatoire. Dr Roy", "programme"),
    ("Appel : douleur thoracique, urgence vitale.", "urgent"),
    # causes found on dev set 16
    ("Pouvez-vous la recevoir dans des délais brefs ? Dr Roy", "rapide"),
    ("Merci de le voir rapidt, sinon je l'adresse aux urgences.", "rapide"),
    ("Il n'a du Kardégic que jusqu'à jeudi. Pharmacie Roy", "rapide"),
    ("Il me reste quelques jours de Lasilix. M. Roy", "rapide"),
    ("Scanner thoracique à caler dans les quinze jours. Dr Roy", "rapide"),
    ("Prise de sang à faire la semaine prochaine. Mme Roy", "rapide"),
    ("Pourriez-vous me voir avant le week-end ? Tom", "rapide"),
    ("Admission pour cholécystectomie dans les prochaines semaines, date à convenir. Dr Roy", "programme"),
    ("Pouvez-vous me faire ce certificat lors de ma consultation du 14 janvier ? Mme Roy", "programme"),
    ("Consultation du 02/12. ECG fait ce jour : normal. Vaccin grippe injecté ce jour. Dr Roy", "non_precise"),
    ("M. Roy ne viendra pas lundi, sa mère est décédée cette nuit.", "non_precise"),
    # causes found on dev set 17
    ("Ulcère de 2 cm aujourd'hui. Pouvez-vous passer dans la semaine ? IDE Roy", "rapide"),
    ("Appelée ce soir pour une fièvre chez Mme Roy, merci de la revoir demain.", "rapide"),
    ("Glycémie de ce jour : 1,8 g/L. Mme Roy, diabète connu.", "non_precise"),
    ("Que fait-on pour l'injection de ce soir ? IDE Roy", "urgent"),
    ("Amené par le SAMU pour un malaise, rentré à domicile. Dr Roy", "non_precise"),
    ("Échographie à J5 : normale. Dr Roy", "non_precise"),
    ("Rien de pressant, c'est pour mon dossier de sport. Léa Roy", "programme"),
    ("Il ne lui restera plus assez de Lévothyrox à la fin du mois. Mme Roy", "rapide"),
    ("Son ordonnance arrive à expiration le 02/12. EHPAD Roy", "rapide"),
    ("L'école voudrait le certificat pour mardi. Mme Roy", "rapide"),
    ("Sortie prévue jeudi, merci d'organiser les soins infirmiers. Dr Roy", "rapide"),
    ("Il me faut l'ordonnance avant le 12. M. Roy", "rapide"),
    ("Vue mardi dernier pour une angine, elle va mieux. Mme Roy", "non_precise"),
    ("On peut passer mercredi ? Mme Roy", "non_precise"),
])
def test_urgency_rules(text, level):
    assert classify_urgency(text).level == level


@pytest.mark.parametrize("text", [
    "Dr c Mme Roy, plus de Kardegic ni de bisoprolol, je passe prendre l ordo",
    "Bonjour, je n'ai plus de Lasilix, pouvez-vous me refaire l'ordonnance ? Mme Roy",
])
def test_a_drug_the_patient_has_run_out_of_is_the_treatment(engine, text):
    assert "traitement_en_cours" in engine.analyse_text(text).elements.present


@pytest.mark.parametrize("text, taken", [
    ("Mme Roy n'a plus de Kardegic.", True),
    ("Mme Roy a arrêté le Kardegic.", False),
    ("Mme Roy ne veut plus de Kardegic.", False),
])
def test_out_of_a_negated_drug_is_still_taking_it(text, taken):
    start = text.index("Kardegic")
    drug = Entity("MEDICAMENT", "Kardegic", start, start + len("Kardegic"), negated=True)
    assert ("traitement_en_cours" in find_present_elements(text, [drug], [])) == taken


def test_a_blood_pressure_before_the_preposition_a_is_not_an_age():
    assert "age" not in find_present_elements("Malaise au travail, TA 17/10 à deux reprises.", [], [])


def test_lab_values_checked_on_a_second_tube_are_not_asked_for():
    found = find_present_elements("Valeurs critiques : hémoglobine 6,9 g/dL, plaquettes 18 G/L, contrôlées sur un "
                                  "second tube.", [], [])
    assert "examen_demande" not in found


@pytest.mark.parametrize("text, identified", [
    ("pouvez vous me rappeler svp c urgent c'est pour ma mère. Nathalie", False),
    ("Bonjour, je voudrais un rendez-vous pour une toux. Nathalie Roy", True),
])
def test_a_first_name_alone_does_not_identify_the_patient(engine, text, identified):
    assert ("identite_patient" in engine.analyse_text(text).elements.present) == identified


@pytest.mark.parametrize("text, disease", [
    ("HGPO 75 g pour dépistage du diabète gestationnel. Sage-femme L. Roy", "diabète gestationnel"),
    ("Clarithromycine et simvastatine : association contre-indiquée (risque de rhabdomyolyse).", "rhabdomyolyse"),
    ("Puis-je faire le rappel tétanos à la pharmacie ? M. Roy", "tétanos"),
    ("Vaccin grippe et rappel coqueluche prévus le même jour. Mme Roy", "coqueluche"),
    ("Facteurs de risque cardiovasculaire : diabète (HbA1c 7 %), obésité. Dr Roy", "obésité"),
    ("Merci de prescrire les sérologies de grossesse (VIH, hépatite B, syphilis). Mme Roy", "syphilis"),
])
def test_a_disease_screened_for_or_risked_is_not_the_diagnosis(text, disease):
    start = text.index(disease)
    found = find_present_elements(text, [Entity("PATHOLOGIE", disease, start, start + len(disease))], [])
    assert "diagnostic" not in found


def test_a_sign_named_as_past_history_is_history_not_a_symptom():
    text = "Inès, 12 ans, allergique à l'arachide avec un antécédent d'œdème de Quincke."
    start = text.index("œdème")
    found = find_present_elements(text, [Entity("SYMPTOME", "œdème", start, start + len("œdème"))], [])
    assert "symptomes" not in found and "antecedents" in found


@pytest.mark.parametrize("text, present", [
    ("dispo aujourd'hui ? mal à l'oreille depuis hier. Tom Roy", True),
    ("Un créneau cette semaine ? Toux depuis 10 jours. Léa Roy", True),
    ("Bilan orthophonique de fin de prise en charge — Léo Roy, lecture fluide.", False),
    ("Bilan d'extension d'un lymphome à programmer. Dr Roy", True),
])
def test_motif_rules(text, present):
    assert ("motif" in find_present_elements(text, [], [])) == present


@pytest.mark.parametrize("text, element, present", [
    # causes found on dev set 16
    ("Patient(e) : ROY Claude, née le 12/03/1980\nMerci de renouveler le Deroxat.", "sexe", False),
    ("Laboratoire Roy — MARTIN Alice — F — 67 ans\nPotassium 6,1 mmol/L", "sexe", True),
    ("Serveur de résultats : merci de ne pas répondre à ce message.\nGlycémie 1,02 g/L", "motif", False),
    ("Bien à vous,\nLouis Roy, né le 04/05/2001", "date_demande", False),
    ("Samedi 06/12/2025, 9h10\nAu cardiologue de garde : M. Roy, 60 ans, douleur thoracique.", "date_demande", True),
    ("Message vocal du 02/12/2025 : Mme Roy voudrait un rendez-vous.", "date_demande", True),
    ("Psychologue — Anne Roy, 3 rue du Port\nJe suis M. Noël depuis juin pour une anxiété.", "medecin_demandeur", True),
    ("Je vois M. Noël, 40 ans, pour ses pieds. Amicalement, P. Roy, podologue", "medecin_demandeur", True),
    ("M. Roy, 70 ans. ATCD : HTA. All. : pénicilline.", "allergies", True),
    ("Depuis mon opération du genou en mai, je ne peux plus courir. Léa Roy", "antecedents", True),
    ("J'ai eu la rougeole quand j'étais petite. Léa Roy", "antecedents", True),
    ("M. Roy, 30 ans, suivi en psychothérapie depuis un an, demande un avis.", "traitement_en_cours", True),
    ("Je suis toujours en rééducation chez la kiné. Mme Roy", "traitement_en_cours", True),
    ("Bilan orthophonique\nProjet : rééducation orthophonique deux fois par semaine.", "traitement_en_cours", True),
    ("Examen ophtalmologique nécessaire avant toute rééducation. Dr Roy", "traitement_en_cours", False),
    ("Sortie demain : il faudra un bon pour la créatinine vendredi. IDE Roy", "examen_demande", True),
    ("Sous Préviscan depuis hier : merci de contrôler son INR lundi. Dr Roy", "examen_demande", True),
    ("Sous clozapine : pourriez-vous prendre le relais pour ses globules blancs ? IDE Roy", "examen_demande", True),
    ("Son INR était à 2,4 le 02/12. Dr Roy", "examen_demande", False),
    ("Laboratoire Roy : nos prélèvements à domicile se font désormais sur rendez-vous.", "examen_demande", False),
    ("Bonjour, je suis suivie par le Dr Martin pour mon asthme, pouvez-vous me rappeler ? Léa Roy",
     "medecin_demandeur", False),
    ("M. Roy, 80 ans, BPCO, dyspnée, saturation 86 % sous 3 L/min d'O2.", "traitement_en_cours", True),
    ("M. Roy, 80 ans, BPCO, dyspnée, saturation 86 % sous 3 L/min d'O2.", "posologie", True),
    ("Lecture : vitesse à −2 ET, compréhension dans la norme.", "resultats_examens", True),
])
def test_element_rules_from_dev_set_16(text, element, present):
    assert (element in find_present_elements(text, [], [])) == present


@pytest.mark.parametrize("text, allergic", [
    ("ATCD : asthme. All. : AINS (bronchospasme).", True),
    ("ATCD : asthme. All. : 0.", False),
    ("ATCD : asthme. All. : RAS.", False),
])
def test_an_allergy_in_the_abbreviated_history_list(text, allergic):
    assert detect_allergy_mention(text).value is allergic


@pytest.mark.parametrize("text, present", [
    ("Envoyé : mardi 2 décembre 2025 08:12\nObjet : ordonnance\nBonjour, M. Roy", True),
    ("Date : jeu. 4 déc. 2025 17:40\nObjet : vaccin\nBonjour, Léa Roy", True),
    ("Reçu le : 03/12/2025 10:05\nBonjour, je voudrais un rendez-vous. Léa Roy", True),
    ("Consultation à domicile du 01/12/2025, 19 h\nMme Roy, 80 ans, chute.", True),
    ("Date de naissance : 14/02/1961\nBonjour, je voudrais un rendez-vous. Léa Roy", False),
])
def test_a_mail_or_visit_header_dates_the_request(text, present):
    assert ("date_demande" in find_present_elements(text, [], [])) == present


@pytest.mark.parametrize("text", [
    "Message pour : Dr Roussel\nAppel de Mme Léa Perrin, 40 ans, toux depuis 5 jours.",
    "Bonjour, j'ai choisi comme médecin traitant le Dr Paul Roussel. Léa Perrin",
    "Note à l'attention du Dr Roussel : Mme Léa Perrin souhaite un rendez-vous.",
])
def test_the_doctor_a_message_is_for_is_not_the_requester(text):
    assert "medecin_demandeur" not in find_present_elements(text, [], [])


def test_the_doctor_who_signs_is_still_the_requester():
    assert "medecin_demandeur" in find_present_elements("Je vous adresse Mme Perrin pour avis. Dr Paul Roussel", [], [])


def test_a_named_addressee_found_by_de_identification_is_not_the_requester():
    text = "Bonjour, j'ai choisi comme médecin traitant le Dr Paul Roussel, rue des Lilas. Léa Perrin"
    start = text.index("Paul")
    people = [Span(start, start + len("Paul Roussel"), "Paul Roussel")]
    assert "medecin_demandeur" not in find_present_elements(text, [], [], people)


@pytest.mark.parametrize("text, element, present", [
    ("Je viens pour une toux ; j'ai fumé jusqu'à mes 50 ans. Paul Roy", "antecedents", True),
    ("Certificat pour le judo : je ne prends aucun traitement. Paul Roy", "traitement_en_cours", True),
    ("Un ORL d'Auray prend de nouveaux patients, m'a-t-on dit. Paul Roy", "traitement_en_cours", False),
    ("Pouvez-vous me faire l'ordonnance pour l'échographie ? Paul Roy", "traitement_en_cours", False),
    ("Il me faut une ordonnance pour mes séances de kiné. Paul Roy", "traitement_en_cours", True),
])
def test_element_rules_from_dev_set_17(text, element, present):
    assert (element in find_present_elements(text, [], [])) == present
