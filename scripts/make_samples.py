"""Writes the sample documents of resources/samples/ (invented patients) so that a new user can try MedClair.

Run again after editing a text: `python scripts/make_samples.py`. One sample is an image-only page, like a scan.
"""
from __future__ import annotations

from pathlib import Path

import pymupdf

SAMPLES = Path(__file__).resolve().parent.parent / "resources" / "samples"

DOCUMENTS = {
    "01_renouvellement_hta_diabete.pdf": """Cabinet médical du Parc — Dr Claire MARTIN
Médecin généraliste — RPPS 10001234567
4 allée des Tilleuls, 35000 Rennes — Tél. 02 99 00 00 00

Rennes, le 14/10/2024

Objet : renouvellement d'ordonnance

Cher confrère,

Je vous remercie de bien vouloir renouveler le traitement de Mme Jeanne DURAND, née le 03/04/1952,
suivie pour une hypertension artérielle et un diabète de type 2 équilibrés.
Traitement en cours :
- Metformine 1000 mg : 1 comprimé matin et soir
- Ramipril 5 mg : 1 comprimé le matin
- Atorvastatine 20 mg
Pas d'allergie connue. Dernière HbA1c à 6,8 % en septembre.

Bien confraternellement,
Dr Claire Martin""",
    "02_avis_cardiologie.pdf": """Dr Paul BERNARD — Médecine générale
12 rue Nationale, 59000 Lille

Lille, le 02/09/2024

Cher confrère,

Je vous adresse M. Henri LEFEBVRE, 68 ans, pour avis cardiologique concernant des douleurs thoraciques
à l'effort apparues depuis trois semaines, avec dyspnée d'effort.
Antécédents : HTA, tabagisme sevré en 2015, appendicectomie.
Traitement : amlodipine 5 mg 1 cp/j, aspirine 75 mg.
ECG de repos sans anomalie.
Un rendez-vous dans les 15 jours serait souhaitable.

Confraternellement,
Dr Paul Bernard""",
    "03_scanner_injecte.pdf": """Service des urgences — Centre hospitalier de Vannes

Le 21/11/2024

Demande d'examen d'imagerie
Merci de réaliser un angioscanner thoracique injecté en urgence
pour suspicion d'embolie pulmonaire chez Mme Sophie LEROY, 34 ans.
Dyspnée brutale depuis ce matin, tachycardie à 110/min, D-dimères positifs.
Sous contraception orale.

Dr Antoine Moreau, urgentiste""",
    "04_bilan_biologique.pdf": """Dr Lucie PETIT — Endocrinologie
Bordeaux, le 05/11/2024

Ordonnance — examens de biologie
Patient : M. Karim BENALI, 51 ans
Merci de faire pratiquer à jeun : glycémie, HbA1c, bilan lipidique, créatinine avec DFG, TSH.
Contexte : suivi d'un diabète de type 2 sous metformine 850 mg 2 fois par jour.

Dr Lucie Petit""",
    "05_resultats_laboratoire.pdf": """LABORATOIRE DE BIOLOGIE MÉDICALE DES QUAIS
Compte rendu d'analyses — prélevé le 18/11/2024

Patiente : Mme Élise FAURE — née le 12/06/1980 — IPP 00123456
Prescripteur : Dr Claire Martin

HÉMATOLOGIE
Hémoglobine 9,8 g/dL (12,0 - 16,0)
Leucocytes 7,2 G/L (4,0 - 10,0)
Plaquettes 245 G/L (150 - 400)
BIOCHIMIE
CRP 48 mg/L (< 5)
Créatinine 165 µmol/L (45 - 90)
Potassium 4,1 mmol/L (3,5 - 5,0)

Validé par le biologiste le 18/11/2024""",
    "06_compte_rendu_sortie.pdf": """Service de pneumologie — CHU de Nantes
Compte rendu d'hospitalisation

Mme Annie ROBERT, 79 ans, a été hospitalisée du 02/11/2024 au 09/11/2024 pour une exacerbation de BPCO.
Antécédents : BPCO stade III, fibrillation auriculaire.
Allergie : pénicilline (urticaire).
Évolution favorable sous corticothérapie et bronchodilatateurs.
Au total : exacerbation de BPCO d'origine virale.
Traitement de sortie : tiotropium 1 inhalation par jour, apixaban 5 mg matin et soir.

Dr Hélène Garnier, le 09/11/2024""",
    "07_message_patient_certificat.pdf": """Bonjour docteur,
je voudrais un certificat pour le club de foot de mon fils Lucas, il a 12 ans.
Il va très bien. Merci d'avance.
Nathalie""",
}
SCANNED = {
    "08_scan_consultation.pdf": """Madame, Monsieur,
Je souhaiterais une consultation pour ma mère,
Mme Odette GIRARD, 84 ans, qui présente des vertiges
et des chutes à répétition depuis un mois.
Elle prend du Kardegic et du Lasilix.
Merci de me rappeler au 06 12 34 56 78.""",
}


def write_text_pdf(path: Path, text: str) -> None:
    pdf = pymupdf.open()
    page = pdf.new_page(width=595, height=842)
    html = "".join(f"<p>{line or '&nbsp;'}</p>" for line in text.split("\n"))
    page.insert_htmlbox(pymupdf.Rect(56, 56, 539, 786), html, css="* {font-family: sans-serif; font-size: 11pt;}")
    pdf.set_metadata({"title": path.stem, "producer": "MedClair samples"})
    pdf.save(path, garbage=4, deflate=True)
    pdf.close()


def write_scanned_pdf(path: Path, text: str) -> None:
    """Render the text page to a 200 dpi grey image, then keep only the image, as a scanner would."""
    source = pymupdf.open()
    page = source.new_page(width=595, height=842)
    html = "".join(f"<p>{line}</p>" for line in text.split("\n"))
    page.insert_htmlbox(pymupdf.Rect(56, 56, 539, 786), html, css="* {font-family: serif; font-size: 13pt;}")
    pixmap = page.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
    scanned = pymupdf.open()
    scanned.new_page(width=595, height=842).insert_image(pymupdf.Rect(0, 0, 595, 842), pixmap=pixmap)
    scanned.save(path, garbage=4, deflate=True)


def main() -> None:
    SAMPLES.mkdir(parents=True, exist_ok=True)
    for name, text in DOCUMENTS.items():
        write_text_pdf(SAMPLES / name, text)
    for name, text in SCANNED.items():
        write_scanned_pdf(SAMPLES / name, text)
    print(f"{len(DOCUMENTS) + len(SCANNED)} documents written to {SAMPLES}")


if __name__ == "__main__":
    main()
