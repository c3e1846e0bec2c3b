"""Every element code a user can meet reads as French words, in the summary and in the terminal report."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from inference.completeness import CONDITIONAL_ELEMENTS
from inference.elements import ELEMENTS
from inference.pipeline import Engine
from inference.summary import ELEMENT_LABELS
from tests.pdf_factory import make_text_pdf

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "resources" / "rules" / "completeness.yaml"


def _codes_in(value: object) -> set[str]:
    """Element codes named anywhere in the rules file: element lists and conditional `require` lists."""
    if isinstance(value, dict):
        return set().union(*(_codes_in(item) for key, item in value.items() if key not in ("types", "exempt_from_core")))
    if isinstance(value, list):
        return {item for item in value if isinstance(item, str)}
    return set()


def test_every_code_the_rules_and_the_model_can_produce_has_a_french_label():
    rules = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    model = json.loads((ROOT / "resources" / "models" / "request" / "request.json").read_text(encoding="utf-8"))
    codes = _codes_in(rules) | set(ELEMENTS) | set(CONDITIONAL_ELEMENTS) | set(model["elements"])
    assert {"fonction_renale", "grossesse", "duree_symptomes"} <= codes
    unlabelled = sorted(code for code in codes if code not in ELEMENT_LABELS)
    assert unlabelled == []
    assert not any("_" in label for label in ELEMENT_LABELS.values())


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load(ocr=False)


def test_contrast_scanner_sample_summary_names_missing_elements_in_french(engine):
    analysis = engine.analyse(ROOT / "resources" / "samples" / "03_scanner_injecte.pdf")
    assert {"fonction_renale", "grossesse"} <= set(analysis.elements.missing)
    (line,) = [line for line in analysis.summary.splitlines() if line.startswith("Éléments manquants")]
    assert "fonction rénale" in line and "grossesse possible" in line
    assert "_" not in line


def test_symptom_without_duration_reads_as_french_in_the_summary(engine):
    analysis = engine.analyse_text("Mme Roux consulte pour une toux.")
    assert "duree_symptomes" in analysis.elements.missing
    assert "durée des symptômes" in analysis.summary


def test_terminal_report_lists_elements_in_french(tmp_path):
    pdf = make_text_pdf(tmp_path / "scanner.pdf", [
        "Demande de scanner thoracique injecté\n"
        "Merci de réaliser un scanner thoracique avec injection de produit de contraste\n"
        "pour suspicion d'embolie pulmonaire chez Mme Sophie Leroy, 34 ans.\n"
        "Dyspnée depuis 2 jours. À réaliser en urgence.\n\nDr Paul Bernard"
    ])
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "analyse", str(pdf)],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    (present,) = [line for line in lines if line.startswith("Éléments présents : ")]
    missing = next(line for line in lines if line.startswith("Éléments manquants : "))  # the summary repeats it
    assert "identité du patient" in present and "médecin demandeur" in present
    assert "fonction rénale" in missing and "grossesse possible" in missing
    assert "_" not in present + missing
