"""The encrypted local store (SQLCipher): documents, analyses, accounts and the audit log.

One `Store` is one SQLCipher connection and must be used from a single thread (the GUI keeps it in its
background thread). Every document is written in one transaction, so a crash never leaves half a document;
the rollback journal with `synchronous = FULL` keeps committed rows safe.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import sqlcipher3

if TYPE_CHECKING:  # importing `inference` loads the whole engine: not on the way to the first dialog
    from inference.analysis import Analysis

DB_FILENAME = "medclair.db"
ROLES = ("administrateur", "clinicien", "secretaire")
ROLE_LABELS = {"administrateur": "Administrateur", "clinicien": "Clinicien", "secretaire": "Secrétaire"}
GENESIS_HASH = "0" * 64
_SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}

_MIGRATIONS = [
    """
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        filename TEXT NOT NULL,
        data BLOB NOT NULL,
        text TEXT NOT NULL,
        analysis TEXT NOT NULL,
        request_type TEXT NOT NULL,
        request_label TEXT NOT NULL,
        missing_count INTEGER NOT NULL,
        alerts_count INTEGER NOT NULL,
        models TEXT NOT NULL,
        timings TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT
    );
    CREATE VIRTUAL TABLE documents_fts USING fts5(
        filename, text, content='documents', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, filename, text) VALUES (new.id, new.filename, new.text);
    END;
    CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, filename, text)
        VALUES ('delete', old.id, old.filename, old.text);
    END;
    CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL,
        salt BLOB NOT NULL,
        password_hash BLOB NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        username TEXT,
        action TEXT NOT NULL,
        target TEXT,
        detail TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    );
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN
        SELECT RAISE(ABORT, 'journal d''audit en ajout seul');
    END;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN
        SELECT RAISE(ABORT, 'journal d''audit en ajout seul');
    END;
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    """
    ALTER TABLE documents ADD COLUMN highlights TEXT NOT NULL DEFAULT '[]';
    """,
    """
    CREATE TABLE annotations (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        username TEXT,
        created_at TEXT NOT NULL
    );
    CREATE INDEX annotations_document ON annotations(document_id);
    """,
    # What a role without access to identities searches: the de-identified text, never the file name.
    """
    CREATE VIRTUAL TABLE documents_deid_fts USING fts5(text, tokenize='unicode61 remove_diacritics 2');
    INSERT INTO documents_deid_fts(rowid, text)
        SELECT id, json_extract(analysis, '$.deidentified_text') FROM documents;
    CREATE TRIGGER documents_deid_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_deid_fts(rowid, text) VALUES (new.id, json_extract(new.analysis, '$.deidentified_text'));
    END;
    CREATE TRIGGER documents_deid_fts_delete AFTER DELETE ON documents BEGIN
        DELETE FROM documents_deid_fts WHERE rowid = old.id;
    END;
    """,
]
ANNOTATION_KINDS = ("element", "entite", "question")
SCHEMA_VERSION = len(_MIGRATIONS)


class StoreError(Exception):
    """A store failure whose message is meant for the user (French)."""


class WrongPassphrase(StoreError):
    pass


def data_dir() -> Path:
    """The user's data directory: MEDCLAIR_DATA_DIR, else the XDG data home."""
    override = os.environ.get("MEDCLAIR_DATA_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "MedClair"


def default_db_path() -> Path:
    return data_dir() / DB_FILENAME


def private_dir(folder: Path) -> Path:
    """Create `folder` readable by its owner only (0700). The data folder is tightened even when it exists
    (installs made before); another existing folder the user chose (for a backup, say) is left as it is."""
    folder = Path(folder)
    if not folder.is_dir():
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(folder, 0o700)
    elif _same_path(folder, data_dir()):
        _tighten(folder, 0o700)
    return folder


def _same_path(one: Path, other: Path) -> bool:
    return Path(one).resolve() == Path(other).resolve()


def _tighten(path: Path, mode: int) -> None:
    """Drop permission bits beyond `mode` (a file someone else owns is left to its owner)."""
    try:
        if os.stat(path).st_mode & 0o777 & ~mode:
            os.chmod(path, mode)
    except PermissionError:
        pass


def _create_private_file(path: Path) -> None:
    """An empty file only its owner may read or write (0600), that SQLite then fills; raises FileExistsError.
    SQLite gives its journal the database's permissions."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _quote(passphrase: str) -> str:
    return "'" + passphrase.replace("'", "''") + "'"


@dataclass
class DocumentRow:
    id: int
    sha256: str
    filename: str
    request_type: str
    request_label: str
    missing_count: int
    alerts_count: int
    imported_at: str
    imported_by: str | None


@dataclass
class Annotation:
    """A user's correction of an analysis: the training data of tomorrow. Later ones override earlier ones.
    element: {"element", "present"}; entite: {"action": "ajout"|"suppression", "label", "start", "end", "text"};
    question: {"element", "text"}."""

    id: int
    document_id: int
    kind: str
    payload: dict
    username: str | None
    created_at: str


@dataclass
class User:
    username: str
    role: str

    @property
    def role_label(self) -> str:
        return ROLE_LABELS.get(self.role, self.role)

    @property
    def can_see_identities(self) -> bool:
        """File names, original text and page images; a secretary sees the de-identified view."""
        return self.role in ("administrateur", "clinicien")

    @property
    def can_export_identified(self) -> bool:
        """Exports are de-identified unless a clinician (or the administrator) asks otherwise."""
        return self.role in ("administrateur", "clinicien")

    @property
    def can_delete(self) -> bool:
        return self.role in ("administrateur", "clinicien")

    @property
    def can_manage(self) -> bool:
        return self.role == "administrateur"


@dataclass
class AuditEntry:
    id: int
    at: str
    username: str | None
    action: str
    target: str | None
    detail: str | None
    prev_hash: str
    hash: str


class Store:
    """An open, unlocked SQCipher database. Build it with `Store.create` or `Store.open`."""

    def __init__(self, connection: sqlcipher3.Connection, path: Path):
        self._db = connection
        self.path = path

    # -- opening -----------------------------------------------------------------------------------------

    @staticmethod
    def exists(path: Path | None = None) -> bool:
        return Path(path or default_db_path()).is_file()

    @classmethod
    def create(cls, passphrase: str, path: Path | None = None) -> "Store":
        path = Path(path or default_db_path())
        if not passphrase:
            raise StoreError("La phrase de passe ne peut pas être vide.")
        if path.exists():
            raise StoreError(f"Une base existe déjà : {path}")
        private_dir(path.parent)
        try:
            _create_private_file(path)
        except FileExistsError as error:
            raise StoreError(f"Une base existe déjà : {path}") from error
        store = cls(cls._connect(path, passphrase), path)
        store._migrate()
        return store

    @classmethod
    def open(cls, passphrase: str, path: Path | None = None) -> "Store":
        path = Path(path or default_db_path())
        if not path.is_file():
            raise StoreError(f"Base introuvable : {path}")
        if _same_path(path.parent, data_dir()):  # a base made before files were created private
            private_dir(path.parent)
            _tighten(path, 0o600)
        store = cls(cls._connect(path, passphrase), path)
        store._migrate()
        return store

    @staticmethod
    def _connect(path: Path, passphrase: str) -> sqlcipher3.Connection:
        db = sqlcipher3.connect(str(path), isolation_level=None)
        try:
            db.execute("PRAGMA cipher_log_level = NONE")
            db.execute(f"PRAGMA key = {_quote(passphrase)}")
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError as error:
            db.close()
            raise WrongPassphrase(
                "Phrase de passe incorrecte (ou fichier qui n'est pas une base MedClair)."
            ) from error
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA synchronous = FULL")
        return db

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError("Cette base a été créée par une version plus récente de MedClair.")
        for number in range(version, SCHEMA_VERSION):
            with self._transaction():
                for statement in _split_sql(_MIGRATIONS[number]):
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {number + 1}")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _transaction(self) -> "_Transaction":
        return _Transaction(self._db)

    def rekey(self, new_passphrase: str) -> None:
        """Change the passphrase: SQLCipher re-encrypts every page."""
        if not new_passphrase:
            raise StoreError("La phrase de passe ne peut pas être vide.")
        self._db.execute(f"PRAGMA rekey = {_quote(new_passphrase)}")

    def backup(self, destination: Path, passphrase: str | None = None) -> None:
        """Write an encrypted copy (same passphrase unless another is given)."""
        destination = Path(destination)
        try:
            _create_private_file(destination)
        except FileExistsError as error:
            raise StoreError(f"Le fichier existe déjà : {destination}") from error
        key = _quote(passphrase) if passphrase else None
        attach_key = f" KEY {key}" if key else ""
        self._db.execute(f"ATTACH DATABASE ? AS backup{attach_key}", (str(destination),))
        try:
            self._db.execute("SELECT sqlcipher_export('backup')")
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            self._db.execute(f"PRAGMA backup.user_version = {version}")
        finally:
            self._db.execute("DETACH DATABASE backup")

    # -- documents ---------------------------------------------------------------------------------------

    def find_sha256(self, sha256: str) -> int | None:
        row = self._db.execute("SELECT id FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return row[0] if row else None

    def add_document(
        self, analysis: Analysis, data: bytes, username: str | None = None, highlights: list | None = None
    ) -> tuple[int, bool]:
        """Store a document, its analysis and where its spans lie on the pages; returns (id, created).
        An already stored sha256 is not rewritten."""
        sha256 = analysis.document.sha256
        with self._transaction():
            existing = self.find_sha256(sha256)
            if existing is not None:
                return existing, False
            cursor = self._db.execute(
                "INSERT INTO documents (sha256, filename, data, text, analysis, request_type, request_label,"
                " missing_count, alerts_count, models, timings, imported_at, imported_by, highlights)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    sha256,
                    analysis.document.filename,
                    data,
                    analysis.text,
                    analysis.to_json(),
                    analysis.request_type.code,
                    analysis.request_type.label,
                    len(analysis.elements.missing),
                    len(analysis.alerts),
                    json.dumps(analysis.models, ensure_ascii=False),
                    json.dumps(analysis.timings_ms),
                    _now(),
                    username,
                    json.dumps(highlights or []),
                ),
            )
            doc_id = cursor.lastrowid
            self._append_audit(username, "import", sha256, analysis.document.filename)
        return doc_id, True

    def list_documents(
        self,
        search: str | None = None,
        request_type: str | None = None,
        complete: bool | None = None,
        has_alerts: bool | None = None,
        since: str | None = None,
        identities: bool = True,
    ) -> list[DocumentRow]:
        """Documents, newest first, filtered; `search` is a full-text query over file names and texts, or over
        the de-identified texts only when not `identities` (a name typed must not reveal who is in the base)."""
        clauses, params = [], []
        if search and search.strip():
            table = "documents_fts" if identities else "documents_deid_fts"
            clauses.append(f"id IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)")
            params.append(_fts_query(search))
        if request_type:
            clauses.append("request_type = ?")
            params.append(request_type)
        if complete is not None:
            clauses.append("missing_count = 0" if complete else "missing_count > 0")
        if has_alerts is not None:
            clauses.append("alerts_count > 0" if has_alerts else "alerts_count = 0")
        if since:
            clauses.append("imported_at >= ?")
            params.append(since)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._db.execute(
            "SELECT id, sha256, filename, request_type, request_label, missing_count, alerts_count,"
            f" imported_at, imported_by FROM documents{where} ORDER BY id DESC",
            params,
        ).fetchall()
        return [DocumentRow(*row) for row in rows]

    def get_analysis(self, doc_id: int) -> Analysis:
        row = self._db.execute("SELECT analysis FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise StoreError(f"Document {doc_id} introuvable.")
        from inference.analysis import Analysis

        return Analysis.from_json(row[0])

    def get_row(self, doc_id: int) -> DocumentRow:
        row = self._db.execute(
            "SELECT id, sha256, filename, request_type, request_label, missing_count, alerts_count,"
            " imported_at, imported_by FROM documents WHERE id = ?",
            (doc_id,),
        ).fetchone()
        if row is None:
            raise StoreError(f"Document {doc_id} introuvable.")
        return DocumentRow(*row)

    def get_highlights(self, doc_id: int) -> list:
        row = self._db.execute("SELECT highlights FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise StoreError(f"Document {doc_id} introuvable.")
        return json.loads(row[0])

    def get_data(self, doc_id: int) -> bytes:
        row = self._db.execute("SELECT data FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise StoreError(f"Document {doc_id} introuvable.")
        return bytes(row[0])

    def delete_document(self, doc_id: int, username: str | None = None) -> None:
        with self._transaction():
            row = self._db.execute("SELECT sha256, filename FROM documents WHERE id = ?", (doc_id,)).fetchone()
            if row is None:
                raise StoreError(f"Document {doc_id} introuvable.")
            self._db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
            self._append_audit(username, "suppression", row[0], row[1])

    def add_annotation(self, doc_id: int, kind: str, payload: dict, username: str | None = None) -> Annotation:
        if kind not in ANNOTATION_KINDS:
            raise StoreError(f"Type de correction inconnu : {kind}")
        with self._transaction():
            row = self._db.execute("SELECT sha256 FROM documents WHERE id = ?", (doc_id,)).fetchone()
            if row is None:
                raise StoreError(f"Document {doc_id} introuvable.")
            created_at = _now()
            cursor = self._db.execute(
                "INSERT INTO annotations (document_id, kind, payload, username, created_at) VALUES (?, ?, ?, ?, ?)",
                (doc_id, kind, json.dumps(payload, ensure_ascii=False), username, created_at),
            )
            self._append_audit(username, "correction", row[0], kind)
        return Annotation(cursor.lastrowid, doc_id, kind, payload, username, created_at)

    def annotations(self, doc_id: int | None = None) -> list[Annotation]:
        where, params = ("WHERE document_id = ?", (doc_id,)) if doc_id is not None else ("", ())
        rows = self._db.execute(
            f"SELECT id, document_id, kind, payload, username, created_at FROM annotations {where} ORDER BY id",
            params,
        ).fetchall()
        return [Annotation(r[0], r[1], r[2], json.loads(r[3]), r[4], r[5]) for r in rows]

    def set_missing_count(self, doc_id: int, count: int) -> None:
        """After a correction, so that the list and the complete/incomplete filter follow what the user sees."""
        self._db.execute("UPDATE documents SET missing_count = ? WHERE id = ?", (count, doc_id))

    def count_documents(self) -> int:
        return self._db.execute("SELECT count(*) FROM documents").fetchone()[0]

    # -- accounts ----------------------------------------------------------------------------------------

    def has_users(self) -> bool:
        return self._db.execute("SELECT count(*) FROM users").fetchone()[0] > 0

    def add_user(self, username: str, password: str, role: str, by: str | None = None) -> User:
        username = username.strip()
        if not username:
            raise StoreError("L'identifiant ne peut pas être vide.")
        if len(password) < 8:
            raise StoreError("Le mot de passe doit contenir au moins 8 caractères.")
        if role not in ROLES:
            raise StoreError(f"Rôle inconnu : {role}")
        salt = secrets.token_bytes(16)
        with self._transaction():
            if self._db.execute("SELECT 1 FROM users WHERE username = ?", (username,)).fetchone():
                raise StoreError(f"L'identifiant « {username} » existe déjà.")
            self._db.execute(
                "INSERT INTO users (username, role, salt, password_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                (username, role, salt, _hash_password(password, salt), _now()),
            )
            self._append_audit(by or username, "creation_compte", username, role)
        return User(username, role)

    def set_password(self, username: str, password: str, by: str | None = None) -> None:
        if len(password) < 8:
            raise StoreError("Le mot de passe doit contenir au moins 8 caractères.")
        salt = secrets.token_bytes(16)
        with self._transaction():
            cursor = self._db.execute(
                "UPDATE users SET salt = ?, password_hash = ? WHERE username = ?",
                (salt, _hash_password(password, salt), username),
            )
            if cursor.rowcount != 1:
                raise StoreError(f"Utilisateur inconnu : {username}")
            self._append_audit(by, "mot_de_passe", username, None)

    def remove_user(self, username: str, by: str | None = None) -> None:
        """Remove an account; the last administrator cannot be removed (nobody could manage accounts)."""
        with self._transaction():
            row = self._db.execute("SELECT role FROM users WHERE username = ?", (username,)).fetchone()
            if row is None:
                raise StoreError(f"Utilisateur inconnu : {username}")
            admins = self._db.execute("SELECT count(*) FROM users WHERE role = 'administrateur'").fetchone()[0]
            if row[0] == "administrateur" and admins == 1:
                raise StoreError("Impossible de supprimer le dernier administrateur.")
            self._db.execute("DELETE FROM users WHERE username = ?", (username,))
            self._append_audit(by, "suppression_compte", username, row[0])

    def list_users(self) -> list[User]:
        return [User(*row) for row in self._db.execute("SELECT username, role FROM users ORDER BY username")]

    def authenticate(self, username: str, password: str) -> User:
        row = self._db.execute(
            "SELECT role, salt, password_hash FROM users WHERE username = ?", (username.strip(),)
        ).fetchone()
        if row is None or not hmac.compare_digest(_hash_password(password, row[1]), row[2]):
            self.audit(username.strip() or None, "echec_connexion")
            raise StoreError("Identifiant ou mot de passe incorrect.")
        self.audit(username.strip(), "connexion")
        return User(username.strip(), row[0])

    # -- settings ----------------------------------------------------------------------------------------

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        row = self._db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        self._db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    # -- audit log ---------------------------------------------------------------------------------------

    def audit(self, username: str | None, action: str, target: str | None = None, detail: str | None = None) -> None:
        with self._transaction():
            self._append_audit(username, action, target, detail)

    def _append_audit(self, username: str | None, action: str, target: str | None, detail: str | None) -> None:
        """Append one hash-chained entry; the caller holds the transaction."""
        row = self._db.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
        entry_id, prev_hash = (row[0] + 1, row[1]) if row else (1, GENESIS_HASH)
        at = _now()
        digest = _audit_hash(entry_id, at, username, action, target, detail, prev_hash)
        self._db.execute(
            "INSERT INTO audit (id, at, username, action, target, detail, prev_hash, hash)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (entry_id, at, username, action, target, detail, prev_hash, digest),
        )

    def audit_entries(self) -> list[AuditEntry]:
        rows = self._db.execute(
            "SELECT id, at, username, action, target, detail, prev_hash, hash FROM audit ORDER BY id"
        ).fetchall()
        return [AuditEntry(*row) for row in rows]

    def verify_audit(self) -> int | None:
        """Check the hash chain; returns the id of the first entry that breaks it, or None if intact."""
        prev_hash, expected_id = GENESIS_HASH, 1
        for entry in self.audit_entries():
            recomputed = _audit_hash(
                entry.id, entry.at, entry.username, entry.action, entry.target, entry.detail, prev_hash
            )
            if entry.id != expected_id or entry.prev_hash != prev_hash or entry.hash != recomputed:
                return entry.id
            prev_hash, expected_id = entry.hash, entry.id + 1
        return None


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception; nests by doing nothing inside another."""

    def __init__(self, db: sqlcipher3.Connection):
        self._db = db
        self._outer = False

    def __enter__(self) -> None:
        if not self._db.in_transaction:
            self._db.execute("BEGIN IMMEDIATE")
            self._outer = True

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if not self._outer:
            return
        if exc_type is None:
            self._db.execute("COMMIT")
        else:
            self._db.execute("ROLLBACK")


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    statements, current = [], []
    for line in script.strip().splitlines():
        current.append(line)
        text = "\n".join(current).strip()
        if text.endswith(";") and (not text.upper().startswith("CREATE TRIGGER") or text.upper().endswith("END;")):
            statements.append(text)
            current = []
    return statements


def _hash_password(password: str, salt: bytes) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, **_SCRYPT)


def _audit_hash(
    entry_id: int, at: str, username: str | None, action: str, target: str | None, detail: str | None, prev: str
) -> str:
    payload = json.dumps([entry_id, at, username, action, target, detail, prev], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _fts_query(search: str) -> str:
    """Turn what the user typed into an FTS5 query: every word must appear, as a prefix, quotes escaped."""
    words = [word.replace('"', '""') for word in search.split()]
    return " ".join(f'"{word}"*' for word in words)
