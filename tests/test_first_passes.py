"""A batch import runs its first documents' model passes while the engine loads (inference/first_passes.py): the
analyses must be exactly those of an engine that ran every pass itself. Real PDFs made here, the shipped model."""
from __future__ import annotations

import threading

import pytest

from inference import Engine
from inference.first_passes import start_first_passes
from inference.ner_model import NerModel
from inference.resources import resources_dir
from tests.pdf_factory import make_text_pdf
from tests.test_cli_analyse import RENEWAL_LETTER

SHIPPED = resources_dir() / "models" / "ner"
pytestmark = pytest.mark.skipif(not (SHIPPED / "model.onnx").exists(), reason="no shipped entity model")


def _summary(analysis) -> tuple:
    return (analysis.request_type.code, sorted((e.label, e.start, e.end) for e in analysis.entities),
            analysis.elements.missing, [(item.label, item.start, item.end) for item in analysis.personal_data])


def test_first_passes_give_the_analyses_of_an_engine_that_ran_its_own(tmp_path) -> None:
    letters = [RENEWAL_LETTER, RENEWAL_LETTER + "\nAllergie : pénicilline. Kardégic 75 mg le matin.",
               "Je vous adresse M. Paul Durand, né le 03/04/1950, pour une échographie abdominale."]
    pdfs = [make_text_pdf(tmp_path / f"lettre_{number}.pdf", [text]) for number, text in enumerate(letters)]
    pdfs.append(tmp_path / "pas_un_pdf.pdf")
    pdfs[-1].write_bytes(b"ceci n'est pas un PDF")  # skipped by the passes, reported by the import in its turn

    warm = Engine.load(model_threads=1, ner=start_first_passes(pdfs).result())
    cold = Engine.load(model_threads=1)
    for pdf in pdfs[:-1]:
        assert _summary(warm.analyse(pdf)) == _summary(cold.analyse(pdf))


def test_two_threads_asking_for_one_pass_share_it() -> None:
    encoder = NerModel.load(SHIPPED, threads=1).encoder
    text = RENEWAL_LETTER * 3
    runs = []
    threads = [threading.Thread(target=lambda: runs.append(encoder.run(text))) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert runs[0] is runs[1]


def test_a_pass_run_ahead_is_kept_until_read_rather_than_the_passes_already_read() -> None:
    encoder = NerModel.load(SHIPPED, threads=1).encoder
    encoder.kept_runs = 2
    encoder.run("Lettre déjà analysée.")
    encoder.run_ahead("Lettre suivante.")
    encoder.run_ahead("Lettre d'après.")
    encoder.run("Lettre suivante.")
    encoder.run("Lettre d'après.")
    assert encoder.passes == 3


def test_a_batch_import_reading_ahead_stores_what_each_file_gives_alone(tmp_path) -> None:
    from desktop.importer import IMPORTED, import_paths
    from desktop.store import Store

    pdfs = [make_text_pdf(tmp_path / f"lot_{number:02d}.pdf",
                          [RENEWAL_LETTER.replace("Lyon", f"Lyon {number}e"), "Suite du courrier.\n" * number])
            for number in range(1, 15)]  # more files than the worker reads ahead
    engine = Engine.load(model_threads=1, ner=start_first_passes(pdfs).result())
    with Store.create("phrase de passe de test", tmp_path / "lot.db") as store:
        results = list(import_paths(engine, store, pdfs))
        assert [result.status for result in results] == [IMPORTED] * len(pdfs)
        assert engine.ner.encoder.passes == len(pdfs) + 1  # one a file, one for the engine's warm-up
        stored = [store.get_analysis(result.doc_id) for result in results]
    cold = Engine.load(model_threads=1)
    assert [_summary(analysis) for analysis in stored] == [_summary(cold.analyse(pdf)) for pdf in pdfs]
