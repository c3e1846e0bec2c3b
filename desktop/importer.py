"""Analyse files and keep them in the encrypted store: shared by the GUI's background thread and `medclair import`.

A file already stored (same sha256) is not analysed again. Any failure on one file becomes an error result with a
French message; the batch always goes on and nothing already stored is touched.
"""
from __future__ import annotations

import getpass
import hashlib
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from inference.analysis import Analysis
from inference.document import Document, UnreadableDocument, read_document
from inference.files import expand_paths
from inference.first_passes import FIRST_DOCUMENTS, start_first_passes
from desktop import settings
from desktop.store import Store, StoreError, default_db_path

if TYPE_CHECKING:
    from inference import Engine

IMPORTED, DUPLICATE, ERROR = "importe", "deja_importe", "erreur"
STATUS_LABELS = {IMPORTED: "Analysé", DUPLICATE: "Déjà importé", ERROR: "Erreur"}


@dataclass
class ImportResult:
    path: Path
    status: str  # IMPORTED, DUPLICATE or ERROR
    doc_id: int | None = None
    analysis: Analysis | None = None
    message: str = ""

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


class Lookahead:
    """Reads the next files of a batch and starts their transformer passes in a worker thread, so that the passes
    run while the current file goes through the rules and the encrypted write (onnxruntime releases the GIL; with one
    onnxruntime thread each, the two cores are both busy). The file is read on the calling thread: the pass is the
    longer job, and reading there keeps the worker free for it (two-page letters: worker 157 → 135 ms of CPU per
    document, main thread 98 → 119). Errors stay with their file: `take` raises them when that file's turn comes.
    Used by `import_paths` (command line, benchmarks). The GUI's queue does not use it: a third busy thread made
    the window's longest stall worse (95–137 ms against 83–112 ms) for no faster import.

    It prepares `depth` files ahead, not one: when `medclair import` starts, the first FIRST_DOCUMENTS passes are
    already done (`start_first_passes`), and the worker must go on with the next at once rather than wait for the
    rules to reach it. The passes are the longer job, so the worker falls behind: rather than wait for it, the
    calling thread runs a pass itself, the file's own when the worker has not started it, else the last one
    queued, and both cores stay busy."""

    def __init__(self, engine: "Engine", depth: int = FIRST_DOCUMENTS + 1):
        self.engine = engine
        self.depth = depth
        engine.keep_model_passes(depth + 2)  # the file being analysed, those prepared, one the worker finished
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="medclair-lookahead")
        self._pending: dict[Path, tuple[Document, float, Future] | Exception] = {}

    def prepare(self, path: Path) -> None:
        if path in self._pending:
            return
        start = time.perf_counter()
        try:
            document = read_document(path, ocr=self.engine.ocr)
        except Exception as error:  # raised again by `take`, in that file's turn
            self._pending[path] = error
            return
        read_ms = (time.perf_counter() - start) * 1000
        self._pending[path] = document, read_ms, self._pool.submit(self.engine.prefetch_model_pass, document)

    def take(self, path: Path) -> tuple[Document, float] | None:
        """The prepared document and its reading time in ms, or None when `path` was not prepared."""
        prepared = self._pending.pop(path, None)
        if prepared is None:
            return None
        if isinstance(prepared, Exception):
            raise prepared
        document, read_ms, model_pass = prepared
        if model_pass.running():
            self._run_last_queued_pass()  # rather than wait for the worker to finish this file's pass
        else:
            model_pass.cancel()  # still queued: the analysis runs it at once
        return document, read_ms

    def _run_last_queued_pass(self) -> None:
        for prepared in reversed(self._pending.values()):
            if not isinstance(prepared, Exception) and prepared[2].cancel():
                self.engine.prefetch_model_pass(prepared[0])
                return

    def discard(self, path: Path) -> None:
        """Forget a prepared file that will not be analysed (already stored)."""
        self._pending.pop(path, None)

    def close(self) -> None:
        self._pending.clear()
        self._pool.shutdown(wait=False, cancel_futures=True)


def import_file(engine: "Engine", store: Store, path: Path, username: str | None = None,
                lookahead: Lookahead | None = None) -> ImportResult:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        return ImportResult(path, ERROR, message=f"{path.name} : fichier introuvable ou illisible ({error.strerror}).")
    doc_id = store.find_sha256(hashlib.sha256(data).hexdigest())
    if doc_id is not None:
        if lookahead is not None:
            lookahead.discard(path)
        return ImportResult(path, DUPLICATE, doc_id, message=f"{path.name} : déjà importé.")
    try:
        prepared = lookahead.take(path) if lookahead is not None else None
        if prepared is None:
            start = time.perf_counter()
            prepared = read_document(path, ocr=engine.ocr), (time.perf_counter() - start) * 1000
        document, read_ms = prepared
        timings = {"read": round(read_ms, 3)}
        analysis = engine.analyse_document(document, timings)
        highlights = page_highlights(document, analysis)
    except UnreadableDocument as error:
        return ImportResult(path, ERROR, message=str(error))
    except Exception as error:  # one bad file must not stop the batch
        return ImportResult(path, ERROR, message=f"{path.name} : erreur inattendue pendant l'analyse ({error}).")
    try:
        doc_id, created = store.add_document(analysis, document.data, username, highlights)
    except (StoreError, OSError) as error:
        return ImportResult(path, ERROR, analysis=analysis, message=f"{path.name} : enregistrement impossible ({error}).")
    return ImportResult(path, IMPORTED if created else DUPLICATE, doc_id, analysis)


def page_highlights(document: Document, analysis: Analysis) -> list[dict]:
    """Where each entity and each piece of evidence lies on the pages, computed once at import (scanned pages
    would need OCR again later): [{"kind", "label", "start", "end", "rects": [[page, x0, y0, x1, y1], ...]}].
    Personal data ("identite") is kept even without rectangles: the page is then withheld from a role that may
    not see identities rather than shown unmasked."""
    spans = [("entite", entity.label, entity.start, entity.end) for entity in analysis.entities]
    spans += [
        ("element", element, span.start, span.end)
        for element, evidence in analysis.elements.present.items()
        for span in evidence
    ]
    from inference.privacy import personal_data_of  # imported late: it compiles the rules (see run_import)

    spans += [("identite", item.label, item.start, item.end) for item in personal_data_of(analysis)]
    highlights = []
    for kind, label, start, end in spans:
        rects = [[h.page, h.x0, h.y0, h.x1, h.y1] for h in document.locate(start, end)]
        if rects or kind == "identite":
            highlights.append({"kind": kind, "label": label, "start": start, "end": end, "rects": rects})
    return highlights


def import_paths(
    engine: "Engine",
    store: Store,
    paths: Iterable[Path | str],
    username: str | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> Iterator[ImportResult]:
    files = expand_paths(paths)
    lookahead = Lookahead(engine)
    try:
        for index, path in enumerate(files):
            if cancelled():
                return
            for ahead in files[index + 1:index + 1 + lookahead.depth]:
                lookahead.prepare(ahead)
            yield import_file(engine, store, path, username, lookahead)
    finally:
        lookahead.close()


def _progress_line(done: int, total: int, name: str, width: int = 30) -> str:
    filled = width * done // total if total else width
    return f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name[:40]:<40}"


def _passphrase(create: bool) -> str:
    from_env = os.environ.get("MEDCLAIR_PASSPHRASE")
    if from_env:
        return from_env
    if not sys.stdin.isatty():
        raise StoreError("Phrase de passe requise : définissez MEDCLAIR_PASSPHRASE ou lancez depuis un terminal.")
    first = getpass.getpass("Nouvelle phrase de passe de la base : " if create else "Phrase de passe de la base : ")
    if create and getpass.getpass("Confirmez la phrase de passe : ") != first:
        raise StoreError("Les deux phrases de passe ne correspondent pas.")
    return first


def run_import(paths: list[Path | str]) -> int:
    """`medclair import FILE|DIR...`: 0 when every file is stored (or already was), 1 if any failed, 2 if the
    database could not be opened. Progress and messages go to stderr, one summary line to stdout."""
    files = expand_paths(paths)
    if not files:
        print("Aucun document (PDF, texte ou image) à importer.", file=sys.stderr)
        return 1
    # the first documents' model passes run on the other core while the rules compile and the database opens
    first_passes = start_first_passes(files)
    # A thread coming back from onnxruntime waits for the GIL until the rules' thread lets it go, 5 ms at most by
    # default, twice a document; 1 ms gave 100 two-page PDFs in 10.0 s rather than 10.15 (median of six runs).
    sys.setswitchinterval(0.001)
    from inference import Engine

    db_path = default_db_path()
    try:
        create = not Store.exists(db_path)
        store = Store.create(_passphrase(True), db_path) if create else Store.open(_passphrase(False), db_path)
    except StoreError as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return 2
    username = f"cli:{getpass.getuser()}"
    counts = {IMPORTED: 0, DUPLICATE: 0, ERROR: 0}
    errors: list[str] = []
    with store:
        options = settings.engine_options(store)  # the clinic's rules and OCR setting, as in the window
        try:
            # the read-ahead pass beside the rules: one core each
            engine = Engine.load(**options, model_threads=1, ner=first_passes.result())
        except Exception as error:  # a rules file broken by hand, a missing model file
            print(f"Erreur : impossible de charger le moteur d'analyse : {error}", file=sys.stderr)
            return 2
        for done, result in enumerate(import_paths(engine, store, files, username), 1):
            path = result.path
            counts[result.status] += 1
            if result.status == ERROR:
                errors.append(result.message)
            print(_progress_line(done, len(files), path.name), end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)
    for message in errors:
        print(f"Erreur : {message}", file=sys.stderr)
    print(
        f"{counts[IMPORTED]} importé(s), {counts[DUPLICATE]} déjà présent(s), {counts[ERROR]} en erreur"
        f" — base : {db_path}"
    )
    return 1 if errors else 0
