"""A power cut during an import: `medclair import` is SIGKILLed mid-batch, the database must open intact with
every committed document byte-exact, and running the import again completes the batch without duplicates."""
from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
from pathlib import Path

import sqlcipher3

from desktop.store import Store
from tests.pdf_factory import make_text_pdf
from tests.processes import PASSPHRASE, medclair_command, medclair_env, run, wait_with_rusage

BATCH = 30
PROGRESS = re.compile(rb"\] (\d+)/(\d+) ")
JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")


def _batch(folder: Path) -> dict[str, str]:
    """Thirty distinct two-page requests; returns sha256 by file name."""
    folder.mkdir()
    hashes = {}
    for number in range(BATCH):
        path = make_text_pdf(folder / f"demande_{number:02d}.pdf", [
            f"Dr Martin, Lyon, le {number % 28 + 1} mars 2026.\nJe vous adresse M. Patient{number}, "
            f"{40 + number} ans, pour avis cardiologique : palpitations depuis {number + 2} jours.\n"
            "Traitement : Bisoprolol 2,5 mg le matin. Allergies : aucune connue.\n",
            "Antécédents : hypertension artérielle.\n" + "Examen clinique sans particularité. " * 40,
        ])
        hashes[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes


def _import_until_killed(folder: Path, env: dict[str, str], kill_after: int) -> int:
    """Start an import and SIGKILL it as soon as it reports `kill_after` files done; returns that count."""
    process = subprocess.Popen(medclair_command("import", folder), env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    seen = b""
    done = 0
    while done < kill_after:
        chunk = os.read(process.stderr.fileno(), 4096)
        if not chunk:
            break
        seen = (seen + chunk)[-4096:]
        counts = PROGRESS.findall(seen)
        done = int(counts[-1][0]) if counts else 0
    process.send_signal(signal.SIGKILL)
    returncode, _ = wait_with_rusage(process, 60)
    process.stderr.close()
    assert returncode == -signal.SIGKILL, f"the import ended before it could be killed ({done} done)"
    return done


def _hot(journal: Path) -> bool:
    """A rollback journal is "hot" (must be played back) once SQLite has synced it and written its magic."""
    try:
        with journal.open("rb") as file:
            return file.read(8) == JOURNAL_MAGIC
    except FileNotFoundError:
        return False


def _import_killed_inside_a_write(folder: Path, env: dict[str, str], journal: Path) -> bool:
    """Start an import and SIGKILL it the moment SQLite's rollback journal turns hot, i.e. while database pages
    are being overwritten; returns whether it was caught there (False if the batch ended first)."""
    process = subprocess.Popen(medclair_command("import", folder), env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    while process.poll() is None and not _hot(journal):
        os.sched_yield()
    process.send_signal(signal.SIGKILL)
    wait_with_rusage(process, 60)
    return _hot(journal)


def _check_database(db_path: Path, hashes: dict[str, str]) -> int:
    """Integrity check on the raw SQLCipher file, then every stored document against its source bytes."""
    raw = sqlcipher3.connect(str(db_path))
    try:
        raw.execute("PRAGMA key = '" + PASSPHRASE.replace("'", "''") + "'")
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
        duplicates = raw.execute("SELECT sha256 FROM documents GROUP BY sha256 HAVING count(*) > 1").fetchall()
        assert duplicates == []
    finally:
        raw.close()
    with Store.open(PASSPHRASE, db_path) as store:
        rows = store.list_documents()
        for row in rows:
            data = store.get_data(row.id)
            assert hashlib.sha256(data).hexdigest() == hashes[row.filename] == row.sha256
            assert store.get_analysis(row.id).document.sha256 == row.sha256
        assert store.list_documents(search="palpitations"), "the full-text index must survive the kill"
        assert store.verify_audit() is None
        return len(rows)


def test_sigkill_mid_batch_keeps_committed_documents_and_resumes(tmp_path: Path) -> None:
    hashes = _batch(tmp_path / "lot")
    data_dir = tmp_path / "data"
    env = medclair_env(data_dir)
    db_path = data_dir / "medclair.db"

    first_kill = _import_until_killed(tmp_path / "lot", env, kill_after=8)
    stored = _check_database(db_path, hashes)
    assert stored >= first_kill

    second_kill = _import_until_killed(tmp_path / "lot", env, kill_after=20)
    stored = _check_database(db_path, hashes)
    assert stored >= second_kill

    journal = db_path.with_name("medclair.db-journal")
    hot_journals = 0
    for _ in range(3):
        assert not _hot(journal), "opening the database must have rolled the hot journal back"
        hot_journals += _import_killed_inside_a_write(tmp_path / "lot", env, journal)
        stored = _check_database(db_path, hashes)
    print(f"killed inside a write transaction {hot_journals} time(s) out of 3")

    resumed = run(medclair_command("import", tmp_path / "lot"), env)
    assert resumed.returncode == 0, resumed.stderr
    assert resumed.stdout.startswith(f"{BATCH - stored} importé(s), {stored} déjà présent(s), 0 en erreur")
    assert _check_database(db_path, hashes) == BATCH
