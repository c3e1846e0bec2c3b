"""`medclair analyse` on real PDFs made here: the record a user reads, and bad files that do not stop a batch."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pdf_factory import make_text_pdf

ROOT = Path(__file__).resolve().parent.parent

RENEWAL_LETTER = """Dr Claire Martin
Médecin généraliste - RPPS 10001234567
12 rue des Lilas, 69003 Lyon

Lyon, le 12/03/2024

Objet : renouvellement d'ordonnance

Cher confrère,
Je vous remercie de bien vouloir renouveler l'ordonnance de Mme Jeanne Durand, 67 ans,
suivie pour une hypertension artérielle et un diabète de type 2.
Traitement en cours : metformine 1000 mg matin et soir, ramipril 5 mg 1 cp le matin.
Pas d'allergie connue.

Confraternellement,
Dr Claire Martin"""

IMAGING_REQUEST = """Centre médical des Tilleuls
Le 03/05/2024

Demande de scanner thoracique injecté
Merci de réaliser un scanner thoracique avec injection de produit de contraste
pour suspicion d'embolie pulmonaire chez Mme Sophie Leroy, 34 ans.
Dyspnée depuis 2 jours. À réaliser en urgence.

Dr Paul Bernard"""


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def records(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_renewal_letter_pdf_gives_a_complete_spec_record(tmp_path):
    pdf = make_text_pdf(tmp_path / "renouvellement.pdf", [RENEWAL_LETTER])
    result = run_cli("analyse", str(pdf), "--json")
    assert result.returncode == 0, result.stderr
    (record,) = records(result.stdout)
    assert record["schema_version"] == 1
    for key in ("document", "text", "request_type", "allergy_mentioned", "entities", "lab_results", "elements",
                "questions", "alerts", "summary", "deidentified_text", "models", "timings_ms"):
        assert key in record
    assert record["document"]["filename"] == "renouvellement.pdf"
    assert record["document"]["pages"] == 1
    assert "Jeanne Durand" in record["text"]
    assert record["request_type"]["code"] == "renouvellement"
    assert record["allergy_mentioned"]["value"] is False
    present = record["elements"]["present"]
    for element in ("identite_patient", "age", "sexe", "allergies", "traitement_en_cours", "posologie",
                    "medecin_demandeur", "date_demande"):
        assert element in present, element
    for spans in present.values():
        for span in spans:
            assert record["text"][span["start"]:span["end"]] == span["text"]
    assert "symptomes" in record["elements"]["missing"]
    assert {q["element"] for q in record["questions"]} == set(record["elements"]["missing"])


def test_contrast_imaging_without_renal_function_asks_for_it(tmp_path):
    pdf = make_text_pdf(tmp_path / "scanner.pdf", [IMAGING_REQUEST])
    (record,) = records(run_cli("analyse", str(pdf), "--json").stdout)
    assert record["request_type"]["code"] == "imagerie"
    missing = record["elements"]["missing"]
    assert "fonction_renale" in missing
    assert "allergies" in missing
    assert "grossesse" in missing  # a woman of 34 sent for an X-ray scan
    assert "urgence" in record["elements"]["present"]
    texts = " ".join(q["text"] for q in record["questions"])
    assert "créatinin" in texts and "grossesse" in texts.lower()


def test_bad_files_get_messages_and_the_batch_goes_on(tmp_path):
    good = make_text_pdf(tmp_path / "bon.pdf", [RENEWAL_LETTER])
    corrupt = tmp_path / "abime.pdf"
    corrupt.write_bytes(good.read_bytes()[:200])
    not_pdf = tmp_path / "photo.pdf"
    not_pdf.write_bytes(b"GIF89a this is not a pdf at all")
    empty = tmp_path / "vide.pdf"
    empty.write_bytes(b"")
    second = make_text_pdf(tmp_path / "scanner.pdf", [IMAGING_REQUEST])

    result = run_cli("analyse", "--json", str(corrupt), str(good), str(not_pdf), str(empty), str(second))
    assert result.returncode != 0
    assert [r["document"]["filename"] for r in records(result.stdout)] == ["bon.pdf", "scanner.pdf"]
    assert "abime.pdf" in result.stderr and "photo.pdf" in result.stderr and "vide.pdf" in result.stderr
    assert "Traceback" not in result.stderr


def test_plain_text_file_keeps_its_text_unchanged(tmp_path):
    path = tmp_path / "message.txt"
    content = "Bonjour docteur,\nje voudrais renouveler mon ordonnance de Ventoline.\nMerci\n"
    path.write_text(content, encoding="utf-8")
    (record,) = records(run_cli("analyse", "--json", str(path)).stdout)
    assert record["text"] == content
    assert record["request_type"]["code"] == "renouvellement"


def test_human_readable_output_lists_the_questions(tmp_path):
    pdf = make_text_pdf(tmp_path / "scanner.pdf", [IMAGING_REQUEST])
    result = run_cli("analyse", str(pdf))
    assert result.returncode == 0
    assert "Demande d'examen d'imagerie" in result.stdout
    assert "Éléments manquants" in result.stdout


def test_an_english_letter_is_analysed_with_a_warning(tmp_path):
    letter = (
        "Dear colleague,\nI am referring Mrs Jane Brown, aged 67, for a cardiology opinion: breathlessness on "
        "exertion for two months. History: high blood pressure, type 2 diabetes. Current medication: metformin "
        "1 g twice daily. No known drug allergies. Kind regards, Dr John Smith"
    )
    pdf = make_text_pdf(tmp_path / "english.pdf", [letter])
    french = make_text_pdf(tmp_path / "renouvellement.pdf", [RENEWAL_LETTER])
    english_record, french_record = records(run_cli("analyse", "--json", str(pdf), str(french)).stdout)
    assert any("français" in warning for warning in english_record["warnings"])
    assert french_record["warnings"] == []
