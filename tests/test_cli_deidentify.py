"""`medclair analyse --deidentify` and `medclair analyse FOLDER` on real PDFs made here: what a user would check
in the output (no name, IPP or birth date anywhere; spans that still index the text; a folder's files analysed)."""
from __future__ import annotations

import json

from inference.analysis import Analysis, AllergyMention, DocumentInfo, Elements, Entity, RequestType, Span
from inference.privacy import deidentified_analysis
from tests.pdf_factory import make_text_pdf
from tests.test_cli_analyse import IMAGING_REQUEST, RENEWAL_LETTER, records, run_cli

LETTER = (
    "Dr Jean Martin, médecin généraliste\nLe 12/03/2024\nCher confrère,\n"
    "Je vous adresse Mme Jeanne DURAND, née le 03/04/1951 (IPP : 00123456), pour avis concernant une toux "
    "depuis 3 semaines.\n"
    "Mme DURAND est allergique à la pénicilline. Antécédents : HTA.\n"
    "Traitement : amlodipine 5 mg par jour.\n"
)
IDENTITY = ("durand", "jeanne", "00123456", "03/04/1951", "martin")


def _spans(record: dict) -> list[dict]:
    """Every piece of the record that claims to be text[start:end]."""
    spans = [span for evidence in record["elements"]["present"].values() for span in evidence]
    spans += record["entities"]
    spans += [span for relation in record["relations"] for span in (relation["drug"], relation["condition"])]
    spans += [span for alert in record["alerts"] for span in alert["evidence"]]
    return spans


def test_deidentified_json_and_report_show_no_identity_and_spans_index_the_masked_text(tmp_path):
    pdf = make_text_pdf(tmp_path / "DURAND_Jeanne_courrier.pdf", [LETTER])
    plain = run_cli("analyse", str(pdf))
    assert "DURAND" in plain.stdout  # the summary quotes the patient: the masking below has work to do

    result = run_cli("analyse", str(pdf), "--json", "--deidentify")
    assert result.returncode == 0, result.stderr
    (record,) = records(result.stdout)
    dumped = json.dumps(record, ensure_ascii=False).lower()
    for value in IDENTITY:
        assert value not in dumped, value
    text = record["text"]
    assert record["deidentified_text"] == text
    assert "[NOM]" in text and "[IPP]" in text and "[DATE]" in text
    assert "pénicilline" in text and "amlodipine" in text  # the medical content stays
    spans = _spans(record)
    assert len(spans) > 5
    for span in spans:
        assert text[span["start"]:span["end"]] == span["text"], span
    for lab in record["lab_results"]:
        assert 0 <= lab["start"] <= lab["end"] <= len(text)
    assert "identite_patient" in record["elements"]["present"]
    assert "allergies" in record["elements"]["present"]
    assert "[NOM]" in record["summary"]

    report = run_cli("analyse", str(pdf), "--deidentify")
    assert report.returncode == 0, report.stderr
    assert "Résumé" in report.stdout and "pénicilline" in report.stdout
    for value in IDENTITY:
        assert value not in report.stdout.lower(), value


def test_spans_that_cut_into_personal_data_cover_the_whole_placeholder():
    text = "Patiente : Mme Jeanne DURAND, née le 03/04/1951.\nMme Durand tousse depuis hier.\n"
    start = text.index("Jeanne")
    cough = text.index("tousse")
    analysis = Analysis(
        document=DocumentInfo("0" * 64, "Durand.txt", 1, chars=len(text)),
        text=text,
        request_type=RequestType("avis", "Avis", 1.0),
        allergy_mentioned=AllergyMention(False, 1.0),
        entities=[Entity("SYMPTOME", "tousse", cough, cough + 6)],
        elements=Elements(present={
            "identite_patient": [Span(start + 3, start + 12, text[start + 3:start + 12])],
            "age": [Span(text.index("née"), text.index("1951") + 2, text[text.index("née"):text.index("1951") + 2])],
        }),
        summary="Patiente : Mme Jeanne DURAND, tousse.",
        deidentified_text="",
    )
    before = analysis.to_json()
    masked = deidentified_analysis(analysis)
    assert analysis.to_json() == before  # a copy: the caller's record is untouched
    assert "durand" not in masked.to_json().lower() and "jeanne" not in masked.to_json().lower()
    assert masked.document.filename == "[NOM].txt"
    assert masked.text.count("[NOM]") == 2  # the recurrence "Durand" too
    (identity,) = masked.elements.present["identite_patient"]
    (age,) = masked.elements.present["age"]
    assert identity.text == "[NOM]" and age.text == "née le [DATE]"
    (entity,) = masked.entities
    assert entity.text == "tousse" and masked.text[entity.start:entity.end] == "tousse"
    for item in (identity, age):
        assert masked.text[item.start:item.end] == item.text


def test_a_folder_is_analysed_file_by_file(tmp_path):
    folder = tmp_path / "courrier"
    (folder / "sous-dossier").mkdir(parents=True)
    make_text_pdf(folder / "b_renouvellement.pdf", [RENEWAL_LETTER])
    make_text_pdf(folder / "sous-dossier" / "a_scanner.pdf", [IMAGING_REQUEST])
    (folder / "notes.docx").write_bytes(b"not a document MedClair reads")

    result = run_cli("analyse", "--json", str(folder))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "erreur inattendue" not in result.stderr
    assert [r["document"]["filename"] for r in records(result.stdout)] == ["b_renouvellement.pdf", "a_scanner.pdf"]
    assert [r["request_type"]["code"] for r in records(result.stdout)] == ["renouvellement", "imagerie"]


def test_an_empty_folder_gets_a_french_message(tmp_path):
    empty = tmp_path / "vide"
    empty.mkdir()
    result = run_cli("analyse", str(empty))
    assert result.returncode == 1
    assert "aucun document (PDF, texte ou image) dans ce dossier" in result.stderr
    assert "Traceback" not in result.stderr and "IsADirectoryError" not in result.stderr
