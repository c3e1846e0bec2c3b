"""Hostile and broken files through the real `medclair analyse` and `medclair import` processes.

Every file must end as a record or as one French message naming it; the batch goes on; the process's peak
memory stays bounded; and what the database already held is untouched.
"""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from desktop.store import Store
from tests.bad_inputs import Case, write_corpus
from tests.processes import PASSPHRASE, medclair_command, medclair_env, run

# SPEC §9 allows 600 MB with the models loaded; hostile files must not push the process far beyond it.
MAX_RSS_MB = 1000
# Words of an exception or a traceback that must never reach a user instead of a French sentence.
NOT_FOR_USERS = ("Traceback", "Error", "Exception", "erreur inattendue", "MuPDF")
HEAVY = {"08_500_pages.pdf", "12_une_ligne_1Mo.txt"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Case]:
    return write_corpus(tmp_path_factory.mktemp("bad_inputs"))


def _outcomes(cases: list[Case], records: set[str], messages: dict[str, str]) -> None:
    for case in cases:
        name = case.path.name
        got = {"record"} if name in records else set()
        got |= {"message"} if name in messages else set()
        assert len(got) == 1, f"{name} ({case.why}): expected one outcome, got {got or 'none'}"
        assert case.expect in ("either", *got), f"{name} ({case.why}): expected {case.expect}, got {got}"
    for name, message in messages.items():
        assert not any(word in message for word in NOT_FOR_USERS), f"{name}: not a user message: {message!r}"


def test_analyse_gives_a_record_or_a_french_message_for_every_file(corpus: list[Case], tmp_path: Path) -> None:
    result = run(medclair_command("analyse", "--json", *(case.path for case in corpus)), medclair_env(tmp_path))
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    records = {}
    for line in lines:
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            pytest.fail(f"stdout of --json must hold only JSON lines, found: {line[:200]!r}")
        records[record["document"]["filename"]] = record
    messages = {}
    for line in result.stderr.splitlines():
        if line.startswith("medclair : ") and " : " in line[len("medclair : "):]:
            name, message = line[len("medclair : "):].split(" : ", 1)
            messages[name] = message
    _outcomes(corpus, set(records), messages)
    assert result.max_rss_mb < MAX_RSS_MB

    by_name = {case.path.name: case for case in corpus}
    long_record = records["08_500_pages.pdf"]
    assert long_record["document"]["pages"] == 500
    assert long_record["text"].count("\f") == 499
    line_record = records["12_une_ligne_1Mo.txt"]
    assert line_record["text"] == by_name["12_une_ligne_1Mo.txt"].path.read_text(encoding="utf-8")
    assert "Dupont" in records["09_javascript_piece_jointe.pdf"]["text"]
    english = records["11_lettre_anglaise.pdf"]
    assert "breathlessness" in english["text"]
    for record in records.values():
        assert record["document"]["sha256"] == hashlib.sha256(by_name[record["document"]["filename"]].path.read_bytes()).hexdigest()


def test_import_stores_the_good_files_and_keeps_what_was_stored(corpus: list[Case], tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    env = medclair_env(data_dir)
    earlier = tmp_path / "earlier"
    earlier.mkdir()
    first = earlier / "courrier_deja_range.txt"
    first.write_text("Renouvellement d'ordonnance pour M. Durand, Ramipril 5 mg le matin.\n", encoding="utf-8")
    assert run(medclair_command("import", first), env).returncode == 0

    folder = corpus[0].path.parent
    result = run(medclair_command("import", folder), env)
    assert result.returncode == 1, result.stderr
    assert result.max_rss_mb < MAX_RSS_MB
    messages = {}
    for line in result.stderr.splitlines():
        if line.startswith("Erreur : ") and " : " in line[len("Erreur : "):]:
            name, message = line[len("Erreur : "):].split(" : ", 1)
            messages[name] = message

    with Store.open(PASSPHRASE, data_dir / "medclair.db") as store:
        rows = {row.filename: row for row in store.list_documents()}
        stored = set(rows) - {first.name}
        _outcomes(corpus, stored, messages)
        assert first.name in rows
        assert store.get_data(rows[first.name].id) == first.read_bytes()
        for case in corpus:
            if case.path.name in rows:
                data = store.get_data(rows[case.path.name].id)
                assert hashlib.sha256(data).hexdigest() == hashlib.sha256(case.path.read_bytes()).hexdigest()
        assert store.verify_audit() is None
    summary = result.stdout.strip().splitlines()[-1]
    assert summary.startswith(f"{len(stored)} importé(s), 0 déjà présent(s), {len(messages)} en erreur")


def test_gui_background_import_reports_every_file(corpus: list[Case], qtbot, data_dir: Path, tmp_path: Path) -> None:
    """The GUI's own path (the Backend thread behind the window): one result per file, errors in French. The two
    big documents (tens of seconds of analysis) are left to the CLI tests above: same import_file underneath."""
    from desktop.backend import Backend

    corpus = [case for case in corpus if case.path.name not in HEAVY]
    folder = tmp_path / "depot"
    folder.mkdir()
    for case in corpus:
        shutil.copy(case.path, folder / case.path.name)

    backend = Backend.start()
    results, finished = [], []
    backend.file_done.connect(lambda result, row, done, total: results.append(result))
    backend.batch_finished.connect(lambda *counts: finished.append(counts))
    try:
        attached = []
        backend.call(lambda b: b.attach(Store.create(PASSPHRASE)), attached.append)
        qtbot.waitUntil(lambda: bool(attached), timeout=60_000)
        backend.import_paths([folder])
        qtbot.waitUntil(lambda: bool(finished), timeout=600_000)
    finally:
        backend.shutdown()
    by_name = {result.path.name: result for result in results}
    assert len(results) == len(by_name) == len(corpus)
    records = {name for name, result in by_name.items() if result.status == "importe"}
    messages = {name: result.message.split(" : ", 1)[1] for name, result in by_name.items() if result.status == "erreur"}
    _outcomes(corpus, records, messages)
