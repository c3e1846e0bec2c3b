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
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from inference.analysis import Analysis
from inference.deidentification import find_personal_data
from inference.document import IMAGE_SUFFIXES, Document, UnreadableDocument, read_document
from desktop.store import Store, StoreError, default_db_path

if TYPE_CHECKING:
    from inference import Engine

SUPPORTED_SUFFIXES = (".pdf", ".txt", *sorted(IMAGE_SUFFIXES))
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


def expand_paths(paths: Iterable[Path | str]) -> list[Path]:
    """Files as given (whatever their type, so that a wrong file gets a message) and, inside folders, every
    PDF, text or image file, recursively, in name order."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
            )
        else:
            files.append(path)
    return files


def import_file(engine: "Engine", store: Store, path: Path, username: str | None = None) -> ImportResult:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        return ImportResult(path, ERROR, message=f"{path.name} : fichier introuvable ou illisible ({error.strerror}).")
    doc_id = store.find_sha256(hashlib.sha256(data).hexdigest())
    if doc_id is not None:
        return ImportResult(path, DUPLICATE, doc_id, message=f"{path.name} : déjà importé.")
    try:
        start = time.perf_counter()
        document = read_document(path, ocr=engine.ocr)
        timings = {"read": round((time.perf_counter() - start) * 1000, 3)}
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
    spans += [("identite", item.label, item.start, item.end) for item in find_personal_data(analysis.text)]
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
    for path in expand_paths(paths):
        if cancelled():
            return
        yield import_file(engine, store, path, username)


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
    from inference import Engine

    files = expand_paths(paths)
    if not files:
        print("Aucun document (PDF, texte ou image) à importer.", file=sys.stderr)
        return 1
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
        engine = Engine.load()
        for done, path in enumerate(files, 1):
            result = import_file(engine, store, path, username)
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
