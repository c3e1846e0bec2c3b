"""The GUI's background thread: it owns the store connection and the engine, so the UI thread never waits on
the database, the models, the PDF reader or the OCR.

The UI sends work with `Backend.call(fn, on_done, on_error)`: `fn(backend)` runs in the background thread and
its result (or exception) comes back to `on_done`/`on_error` in the UI thread. A batch import runs one file per
event-loop turn so that other calls (opening a document while a batch runs) are served between files.
"""
from __future__ import annotations

import importlib
import os
import shutil
import sys
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from desktop import settings
from desktop.store import Store, StoreError, User

if TYPE_CHECKING:
    from inference.analysis import Analysis
    from desktop.pages import PageImage

GIL_SWITCH_INTERVAL_S = 0.001

# The engine's modules and ours that the main window needs, imported in this thread by `warm_up` while the user
# types the passphrase: importing `inference` takes about a second and must not delay the first dialog. None of
# them may import PySide6: it builds its types lazily on first use, and doing that here while the UI thread runs
# crashed the process (a segfault in shiboken, about one launch in fifteen when quitting right after the window).
WARM_UP_MODULES = ("inference.pipeline", "desktop.importer", "desktop.exports", "desktop.privacy", "desktop.labels")


@dataclass
class _Job:
    fn: Callable[["Backend"], Any]
    on_done: Callable[[Any], None] | None
    on_error: Callable[[Exception], None] | None


class _Dispatcher(QObject):
    """Lives in the UI thread and runs the callbacks of finished jobs there."""

    @Slot(object, object, object)
    def deliver(self, job: _Job, result: Any, error: Exception | None) -> None:
        if error is None:
            if job.on_done:
                job.on_done(result)
        elif job.on_error:
            job.on_error(error)


class Backend(QObject):
    """Lives in its own QThread. Start it with `Backend.start()`, stop it with `shutdown()`."""

    _submitted = Signal(object)
    _next_file = Signal()
    finished = Signal(object, object, object)
    engine_loading = Signal()
    engine_ready = Signal()
    engine_failed = Signal(str)
    batch_started = Signal(int)
    file_done = Signal(object, object, int, int)  # ImportResult, DocumentRow or None, done, total
    batch_finished = Signal(int, int, int, bool)  # imported, duplicates, errors, cancelled

    def __init__(self) -> None:
        super().__init__()
        self.store: Store | None = None
        self.user: User | None = None
        self._engine = None
        self._engine_error: str | None = None
        self._queue: deque[Path] = deque()
        self._total = 0
        self._counts: dict[str, int] = {}
        self._cancel = threading.Event()
        self._thread = QThread()
        self._thread.setObjectName("medclair-backend")
        self._dispatcher = _Dispatcher()
        self.moveToThread(self._thread)
        self._submitted.connect(self._run)
        self._next_file.connect(self._import_next, Qt.ConnectionType.QueuedConnection)
        self.finished.connect(self._dispatcher.deliver)

    @classmethod
    def start(cls) -> "Backend":
        """Start the background thread. The interpreter then hands the GIL over every millisecond instead of every
        five, so that the UI thread gets it back sooner while the rules run (100-document import, three runs each:
        99th-percentile gap between 5 ms UI ticks 21-23 ms instead of 37-39 ms; the import 0-7 % slower)."""
        sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)
        backend = cls()
        backend._thread.start()
        return backend

    def shutdown(self) -> None:
        """Stop after the current file; close the store in its own thread."""
        self._cancel.set()
        done = threading.Event()
        self._submitted.emit(_Job(lambda backend: backend._close(), None, None))
        self._submitted.emit(_Job(lambda backend: done.set(), None, None))
        done.wait(30)
        self._thread.quit()
        self._thread.wait()

    # -- generic calls -------------------------------------------------------------------------------------

    def call(
        self,
        fn: Callable[["Backend"], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        self._submitted.emit(_Job(fn, on_done, on_error))

    @Slot(object)
    def _run(self, job: _Job) -> None:
        try:
            result = job.fn(self)
        except Exception as error:  # delivered to the UI, which shows it
            self.finished.emit(job, None, error)
        else:
            self.finished.emit(job, result, None)

    def _close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None
        self.user = None

    # -- session (called through `call`, in the background thread) ----------------------------------------

    def attach(self, store: Store) -> bool:
        """Keep the unlocked store; returns whether accounts exist already."""
        self._close()
        self.store = store
        return store.has_users()

    def create_first_account(self, username: str, password: str) -> User:
        if self.store.has_users():
            raise StoreError("Un compte administrateur existe déjà.")
        self.user = self.store.add_user(username, password, "administrateur")
        self.store.audit(self.user.username, "connexion")
        return self.user

    def login(self, username: str, password: str) -> User:
        self.user = None
        self.user = self.store.authenticate(username, password)
        return self.user

    def lock(self) -> None:
        if self.user is not None:
            self.store.audit(self.user.username, "verrouillage")
        self.user = None

    def rekey(self, current: str, new: str) -> None:
        Store.open(current, self.store.path).close()
        self.store.rekey(new)
        self.store.audit(self.user.username if self.user else None, "changement_phrase_de_passe")

    def _username(self) -> str | None:
        return self.user.username if self.user else None

    def open_document(self, doc_id: int) -> tuple[Analysis, list[dict], set[str]]:
        """The corrected analysis, the page highlights and the corrected elements; the viewing is audited."""
        analysis = self.store.get_analysis(doc_id)
        self.store.audit(self._username(), "consultation", analysis.document.sha256)
        return self._reviewed(doc_id, analysis)

    def _reviewed(self, doc_id: int, analysis: Analysis) -> tuple[Analysis, list[dict], set[str]]:
        """The analysis as corrected, masked for a role that may not see identities."""
        from desktop import privacy, review

        annotations = self.store.annotations(doc_id)
        reviewed = review.apply_annotations(analysis, annotations)
        highlights = self.store.get_highlights(doc_id)
        if not self.sees_identities:
            reviewed = privacy.masked_analysis(reviewed, doc_id)
            highlights = [h for h in highlights if h["kind"] != "identite"]
        return reviewed, highlights, review.corrected_elements(annotations)

    @property
    def sees_identities(self) -> bool:
        return self.user is not None and self.user.can_see_identities

    def list_documents(self, filters: dict) -> list:
        return self.store.list_documents(**filters, identities=self.sees_identities)

    def annotate(self, doc_id: int, kind: str, payload: dict) -> tuple[Analysis, list[dict], set[str]]:
        """Store a correction and return the document as it now reads; the list's counts follow."""
        self.store.add_annotation(doc_id, kind, payload, self._username())
        reviewed = self._reviewed(doc_id, self.store.get_analysis(doc_id))
        self.store.set_missing_count(doc_id, len(reviewed[0].elements.missing))
        return reviewed

    def write_letter(self, doc_id: int, path: Path) -> Path:
        from desktop import letter

        analysis, _, _ = self._reviewed(doc_id, self.store.get_analysis(doc_id))
        row = self.store.get_row(doc_id)
        letter.write_letter(path, analysis, self._username() or "", row.imported_at)
        self.store.audit(self._username(), "export", row.sha256, f"lettre de questions : {Path(path).name}")
        return Path(path)

    def export_annotations(self, path: Path, identified: bool) -> int:
        from desktop import exports

        if identified and not (self.user and self.user.can_export_identified):
            raise StoreError("Votre rôle ne permet que les exports désidentifiés.")
        count = exports.write_annotations(path, self.store, identified)
        kind = "identifiant" if identified else "désidentifié"
        self.store.audit(self._username(), "export", str(path), f"{count} correction(s), {kind}")
        return count

    def render_page(self, doc_id: int, number: int, focus: tuple[int, int] | None = None) -> PageImage:
        from desktop import pages

        if self.store.get_row(doc_id).filename.lower().endswith(".txt"):
            return pages.PageImage(None, 1, 1)
        redact, read_pages = None, set()
        if not self.sees_identities:
            from inference.privacy import personal_data_of

            analysis = self.store.get_analysis(doc_id)
            redact = [(item.start, item.end) for item in personal_data_of(analysis)]
            read_pages = set(analysis.document.ocr_pages)
        return pages.render_page(
            self.store.get_data(doc_id), number, self.store.get_highlights(doc_id), focus, redact, read_pages
        )

    def delete_document(self, doc_id: int) -> int:
        if not (self.user and self.user.can_delete):
            raise StoreError("Votre rôle ne permet pas de supprimer des documents.")
        self.store.delete_document(doc_id, self._username())
        return doc_id

    def export(self, path: Path, filters: dict, identified: bool) -> int:
        from desktop import exports

        if identified and not (self.user and self.user.can_export_identified):
            raise StoreError("Votre rôle ne permet que les exports désidentifiés.")
        rows = self.list_documents(filters)
        items = [(row, self.store.get_analysis(row.id)) for row in rows]
        count = exports.write_export(path, items, identified)
        kind = "identifiant" if identified else "désidentifié"
        self.store.audit(self._username(), "export", str(path), f"{count} document(s), {kind}")
        return count

    def warm_up(self) -> None:
        self.call(lambda backend: [importlib.import_module(name) for name in WARM_UP_MODULES])

    # -- engine ----------------------------------------------------------------------------------------

    def load_engine(self) -> None:
        """Ask for the engine to be loaded now (after unlocking) so that the first drop is fast."""
        self.call(lambda backend: backend._ensure_engine())

    def _ensure_engine(self):
        if self._engine is None and self._engine_error is None:
            self.engine_loading.emit()
            try:
                self._engine = self._load_engine()
            except Exception as error:  # shown to the user; imports then fail with this message
                self._engine_error = f"Impossible de charger le moteur d'analyse : {error}"
                self.engine_failed.emit(self._engine_error)
            else:
                self.engine_ready.emit()
        return self._engine

    def _load_engine(self):
        from inference import Engine

        return Engine.load(**settings.engine_options(self.store))

    # -- settings ----------------------------------------------------------------------------------------

    def read_settings(self) -> dict:
        return {
            "ocr": self.store.get_setting("ocr", "1") == "1",
            "autolock_minutes": int(self.store.get_setting("autolock_minutes", "0") or 0)
            or settings.DEFAULT_AUTOLOCK_MINUTES,
            "rules": settings.read_rules(),
        }

    def apply_settings(self, ocr: bool, autolock_minutes: int, rules: dict[str, str] | None) -> int:
        """Save the settings (rules validated first: a bad file changes nothing) and reload the engine."""
        if not (self.user and self.user.can_manage):
            raise StoreError("Seul un administrateur peut modifier les paramètres.")
        if rules is not None:
            if rules == settings.shipped_rules():
                settings.reset_rules()
            else:
                settings.save_rules(rules)
        self.store.set_setting("ocr", "1" if ocr else "0")
        self.store.set_setting("autolock_minutes", str(autolock_minutes))
        self.store.audit(self._username(), "parametres", None,
                         f"ocr={'oui' if ocr else 'non'}, verrouillage={autolock_minutes} min"
                         + (", règles modifiées" if rules is not None else ""))
        self._engine, self._engine_error = self._load_engine(), None
        return autolock_minutes

    # -- backup ------------------------------------------------------------------------------------------

    def backup(self, path: Path) -> Path:
        """The same rule as the menu (only the administrator sees it), held here for any other caller."""
        if not (self.user and self.user.can_manage):
            raise StoreError("Seul un administrateur peut faire une sauvegarde.")
        self.store.backup(path)
        self.store.audit(self._username(), "sauvegarde", str(path))
        return path

    def restore(self, path: Path, passphrase: str) -> None:
        """Replace the database by a backup (which must open with `passphrase`); the current file is kept
        beside it. Everyone logs in again, against the backup's accounts."""
        if not (self.user and self.user.can_manage):
            raise StoreError("Seul un administrateur peut restaurer une sauvegarde.")
        Store.open(passphrase, path).close()
        current = self.store.path
        username = self._username()
        self.store.audit(username, "restauration", str(path))
        self._close()
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        os.replace(current, current.with_name(f"{current.stem}-avant-restauration-{stamp}.db"))
        partial = current.with_name(f".{current.name}.restauration")
        shutil.copyfile(path, partial)
        os.chmod(partial, 0o600)
        os.replace(partial, current)
        self.store = Store.open(passphrase, current)
        self.store.audit(username, "restauration", str(path), "base restaurée")

    # -- batch import ------------------------------------------------------------------------------------

    def import_paths(self, paths: list[Path]) -> None:
        """Queue files and folders for import (thread-safe: called from the UI thread)."""
        self.call(lambda backend: backend._enqueue(paths))

    def cancel_import(self) -> None:
        """Called from the UI thread: the file being analysed finishes, the rest of the queue is dropped."""
        self._cancel.set()

    def _enqueue(self, paths: list[Path]) -> None:
        from desktop import importer

        files = importer.expand_paths(paths)
        if not files:
            return
        idle = not self._queue
        if idle:
            self._cancel.clear()
            self._total = 0
            self._counts = dict.fromkeys((importer.IMPORTED, importer.DUPLICATE, importer.ERROR), 0)
        self._queue.extend(files)
        self._total += len(files)
        self.batch_started.emit(self._total)
        if idle:
            self._next_file.emit()

    @Slot()
    def _import_next(self) -> None:
        from desktop import importer

        if self._cancel.is_set() or not self._queue:
            cancelled = bool(self._queue)
            self._queue.clear()
            self.batch_finished.emit(
                self._counts[importer.IMPORTED], self._counts[importer.DUPLICATE], self._counts[importer.ERROR],
                cancelled,
            )
            return
        path = self._queue.popleft()
        engine = self._ensure_engine()
        if self.store is None:
            result = importer.ImportResult(path, importer.ERROR, message="La base est verrouillée.")
        elif engine is None:
            result = importer.ImportResult(path, importer.ERROR, message=self._engine_error or "")
        else:
            result = importer.import_file(engine, self.store, path, self._username())
        self._counts[result.status] += 1
        row = self.store.get_row(result.doc_id) if result.doc_id is not None else None
        done = self._total - len(self._queue)
        self.file_done.emit(result, row, done, self._total)
        self._next_file.emit()
