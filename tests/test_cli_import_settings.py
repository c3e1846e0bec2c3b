"""`medclair import` loads the engine as the window does: the clinic's edited rules and its stored OCR setting.
Real subprocesses, real PDFs made here, a real SQLCipher file in MEDCLAIR_DATA_DIR."""
from __future__ import annotations

import pymupdf

from desktop import settings
from desktop.store import Store
from tests.pdf_factory import make_text_pdf
from tests.processes import PASSPHRASE, medclair_command, medclair_env, run
from tests.test_cli_analyse import RENEWAL_LETTER


def _stored(data_dir) -> dict:
    """Each stored document's analysis, by file name."""
    with Store.open(PASSPHRASE, data_dir / "medclair.db") as store:
        return {row.filename: store.get_analysis(row.id) for row in store.list_documents()}


def test_cli_import_follows_the_clinics_edited_rules(data_dir, tmp_path):
    rules = settings.shipped_rules()
    shipped = "  renouvellement: [identite_patient, traitement_en_cours, posologie, diagnostic, allergies, medecin_demandeur]"
    assert shipped in rules["completeness.yaml"]
    rules["completeness.yaml"] = rules["completeness.yaml"].replace(shipped, shipped[:-1] + ", urgence]")
    settings.save_rules(rules)  # what the administrator's rules editor writes
    pdf = make_text_pdf(tmp_path / "renouvellement.pdf", [RENEWAL_LETTER])

    result = run(medclair_command("import", pdf), medclair_env(data_dir))
    assert result.returncode == 0, result.stderr
    analysis = _stored(data_dir)["renouvellement.pdf"]
    assert analysis.request_type.code == "renouvellement"
    assert "urgence" in analysis.elements.missing
    assert "urgence" in {question.element for question in analysis.questions}


def test_cli_import_follows_the_stored_ocr_setting(data_dir, tmp_path):
    with Store.create(PASSPHRASE) as store:
        store.set_setting("ocr", "0")
    source = pymupdf.open()
    page = source.new_page(width=595, height=842)
    page.insert_text((60, 90), "Renouvellement d'ordonnance pour Mme Jeanne Durand : metformine 1000 mg.", fontsize=14)
    pixmap = page.get_pixmap(dpi=150, colorspace=pymupdf.csGRAY)
    pdf = make_text_pdf(tmp_path / "mixte.pdf", [RENEWAL_LETTER])
    document = pymupdf.open(pdf)
    scanned = document.new_page(width=595, height=842)
    scanned.insert_image(scanned.rect, pixmap=pixmap)
    document.saveIncr()
    document.close()
    source.close()

    result = run(medclair_command("import", pdf), medclair_env(data_dir))
    assert result.returncode == 0, result.stderr
    analysis = _stored(data_dir)["mixte.pdf"]
    assert analysis.document.ocr_pages == []
    assert any("page(s) scannée(s) non lue(s) (2)" in warning and "désactivée" in warning
               for warning in analysis.warnings)
