"""The transformer passes of a batch's first documents, run while the rest of the engine loads.

A batch import spends its first second on one core: importing the rules (their regular expressions compile in
Python), opening the encrypted database (the key derivation), loading lexicons. The entity model loads in a
twentieth of that, and onnxruntime releases the GIL while it runs: a worker thread loads the model first and runs
the first documents' passes on the other core meanwhile; `Engine.load(ner=...)` then takes the model with those
passes kept. This module imports only what the passes need (no rules), so that the worker starts early.
"""
from __future__ import annotations

import threading
from concurrent.futures import Future
from pathlib import Path

from inference.cleaning import model_text
from inference.document import read_document
from inference.ner_model import NerModel
from inference.resources import resources_dir

FIRST_DOCUMENTS = 8  # more than start-up lasts (about 90 ms a pass on one core, under a second of start-up)


def start_first_passes(paths: list[Path], resources: Path | None = None, threads: int = 1) -> Future:
    """A future of the entity model of `resources` (None when it does not ship), set as soon as the model is
    loaded; the worker then runs the passes of the first FIRST_DOCUMENTS of `paths`, which the engine finds kept
    (or waits for; a pass the engine started first is left to it). Files are read without OCR: a scan's OCR text
    gets its own pass in its turn, and a file that cannot be read is reported in its turn too."""
    folder = (Path(resources) if resources else resources_dir()) / "models" / "ner"
    model: Future = Future()
    threading.Thread(target=_run_first_passes, args=(model, list(paths)[:FIRST_DOCUMENTS], folder, threads),
                     name="medclair-first-passes", daemon=True).start()
    return model


def _run_first_passes(model: Future, paths: list[Path], folder: Path, threads: int) -> None:
    try:
        ner = NerModel.load(folder, threads=threads) if (folder / "model.onnx").is_file() else None
    except Exception as error:  # a damaged model file: Engine.load reports it
        model.set_exception(error)
        return
    if ner is not None:
        ner.encoder.kept_runs = max(ner.encoder.kept_runs, len(paths))
    model.set_result(ner)
    for path in paths if ner is not None else ():
        try:
            document = read_document(path, ocr=False)
        except Exception:  # the import reports the file when its turn comes
            continue
        ner.encoder.run_ahead(model_text(document.text))
