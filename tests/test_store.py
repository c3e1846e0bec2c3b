"""The encrypted store on real SQCipher files, with analyses from the real engine."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlcipher3

from inference import Engine
from desktop import importer
from desktop.exports import write_export
from desktop.store import Store, StoreError, WrongPassphrase, default_db_path

PASSPHRASE = "correct horse battery"
LETTER = (
    "Dr Jean Martin, médecin généraliste\nLe 12/03/2024\nCher confrère,\n"
    "Je vous adresse Mme Zoé Quillebeuf, 58 ans, pour avis concernant une toux depuis 3 semaines avec fièvre.\n"
    "Antécédents : HTA. Traitement : amlodipine 5 mg par jour.\nPas d'allergie connue.\n"
)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load()


@pytest.fixture
def letter(make_pdf) -> Path:
    return make_pdf("lettre.pdf", LETTER)


def _files_bytes(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir())}


def test_default_path_follows_medclair_data_dir(data_dir):
    assert default_db_path() == data_dir / "medclair.db"


def test_stored_document_leaves_no_plaintext_in_the_files(data_dir, engine, letter):
    analysis = engine.analyse(letter)
    with Store.create(PASSPHRASE) as store:
        doc_id, created = store.add_document(analysis, letter.read_bytes(), "alice")
        assert created
    files = _files_bytes(data_dir)
    assert list(files) == ["medclair.db"]
    raw = files["medclair.db"]
    for plaintext in (b"SQLite format 3", b"%PDF", b"Quillebeuf", "Quillebeuf".encode("utf-16-le"),
                      b"amlodipine", b"lettre.pdf", b"avis_specialiste", analysis.document.sha256.encode()):
        assert plaintext not in raw


def test_wrong_passphrase_fails_cleanly_and_changes_nothing(data_dir, engine, letter):
    with Store.create(PASSPHRASE) as store:
        store.add_document(engine.analyse(letter), letter.read_bytes())
    before = _files_bytes(data_dir)
    with pytest.raises(WrongPassphrase, match="Phrase de passe incorrecte"):
        Store.open("not the passphrase")
    assert _files_bytes(data_dir) == before
    with Store.open(PASSPHRASE) as store:
        assert store.count_documents() == 1


def test_data_survives_close_and_reopen(data_dir, engine, letter):
    analysis = engine.analyse(letter)
    with Store.create(PASSPHRASE) as store:
        doc_id, _ = store.add_document(analysis, letter.read_bytes(), "alice")
    with Store.open(PASSPHRASE) as store:
        assert store.get_analysis(doc_id).to_dict() == analysis.to_dict()
        assert store.get_data(doc_id) == letter.read_bytes()
        [row] = store.list_documents()
        assert (row.filename, row.request_type, row.missing_count) == (
            "lettre.pdf", analysis.request_type.code, len(analysis.elements.missing)
        )
        assert row.imported_by == "alice"


def test_same_document_twice_is_stored_once(data_dir, engine, letter):
    analysis = engine.analyse(letter)
    with Store.create(PASSPHRASE) as store:
        first = store.add_document(analysis, letter.read_bytes())
        second = store.add_document(analysis, letter.read_bytes())
        assert first == (first[0], True)
        assert second == (first[0], False)
        assert store.count_documents() == 1


def test_full_text_search_ignores_accents_and_filters_combine(data_dir, engine, letter, make_pdf):
    other = make_pdf("renouvellement.pdf", "Le 02/02/2024. Renouvellement de metformine 1000 mg matin et soir.")
    with Store.create(PASSPHRASE) as store:
        store.add_document(engine.analyse(letter), letter.read_bytes())
        store.add_document(engine.analyse(other), other.read_bytes())
        assert [row.filename for row in store.list_documents(search="fievre")] == ["lettre.pdf"]
        assert [row.filename for row in store.list_documents(search="metfor")] == ["renouvellement.pdf"]
        assert [row.filename for row in store.list_documents(search='"toux')] == ["lettre.pdf"]
        assert store.list_documents(search="toux", request_type="renouvellement") == []
        assert len(store.list_documents(complete=False)) == 2


def test_search_without_identities_reads_only_the_deidentified_text(data_dir, engine, letter):
    """A secretary's search must not reveal who is in the base, also in a base made before that search existed."""
    with Store.create(PASSPHRASE) as store:
        store.add_document(engine.analyse(letter), letter.read_bytes())
        store._db.executescript(
            "DROP TRIGGER documents_deid_fts_insert; DROP TRIGGER documents_deid_fts_delete;"
            "DROP TABLE documents_deid_fts; PRAGMA user_version = 3;"
        )
    with Store.open(PASSPHRASE) as store:
        assert [row.filename for row in store.list_documents(search="quillebeuf")] == ["lettre.pdf"]
        assert store.list_documents(search="quillebeuf", identities=False) == []
        assert store.list_documents(search="lettre", identities=False) == []
        assert [row.filename for row in store.list_documents(search="fievre", identities=False)] == ["lettre.pdf"]
        store.delete_document(store.list_documents()[0].id)
        assert store.list_documents(search="fievre", identities=False) == []


def test_rekey_changes_the_passphrase(data_dir):
    with Store.create(PASSPHRASE) as store:
        store.rekey("a brand new passphrase")
    with pytest.raises(WrongPassphrase):
        Store.open(PASSPHRASE)
    with Store.open("a brand new passphrase") as store:
        assert store.count_documents() == 0


def test_encrypted_backup_opens_with_the_passphrase(data_dir, tmp_path, engine, letter):
    with Store.create(PASSPHRASE) as store:
        store.add_document(engine.analyse(letter), letter.read_bytes())
        store.backup(tmp_path / "sauvegarde.db")
    assert b"Quillebeuf" not in (tmp_path / "sauvegarde.db").read_bytes()
    with Store.open(PASSPHRASE, tmp_path / "sauvegarde.db") as copy:
        assert copy.count_documents() == 1


def test_accounts_and_roles(data_dir):
    with Store.create(PASSPHRASE) as store:
        assert not store.has_users()
        store.add_user("admin", "motdepasse-admin", "administrateur")
        store.add_user("sec", "motdepasse-sec", "secretaire", by="admin")
        with pytest.raises(StoreError, match="existe déjà"):
            store.add_user("sec", "autre-motdepasse", "clinicien")
        with pytest.raises(StoreError, match="8 caractères"):
            store.add_user("court", "abc", "clinicien")
        assert store.authenticate("sec", "motdepasse-sec").role == "secretaire"
        assert not store.authenticate("sec", "motdepasse-sec").can_export_identified
        with pytest.raises(StoreError, match="Identifiant ou mot de passe incorrect"):
            store.authenticate("sec", "mauvais")
        actions = [entry.action for entry in store.audit_entries()]
        assert actions == ["creation_compte", "creation_compte", "connexion", "connexion", "echec_connexion"]


def test_audit_log_is_append_only_and_detects_tampering(data_dir, engine, letter):
    with Store.create(PASSPHRASE) as store:
        store.add_document(engine.analyse(letter), letter.read_bytes(), "alice")
        store.audit("alice", "consultation", "x")
        store.audit("alice", "export", "y")
        assert store.verify_audit() is None
        with pytest.raises(sqlcipher3.DatabaseError, match="ajout seul"):
            store._db.execute("UPDATE audit SET username = 'mallory' WHERE id = 2")
    raw = sqlcipher3.connect(str(data_dir / "medclair.db"))
    raw.execute(f"PRAGMA key = '{PASSPHRASE}'")
    raw.execute("DROP TRIGGER audit_no_update")
    raw.execute("UPDATE audit SET username = 'mallory' WHERE id = 2")
    raw.commit()
    raw.close()
    with Store.open(PASSPHRASE) as store:
        assert store.verify_audit() == 2


def test_import_goes_on_after_bad_files_and_skips_duplicates(data_dir, engine, letter, tmp_path):
    corrupt = tmp_path / "abime.pdf"
    corrupt.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    not_pdf = tmp_path / "photo.pdf"
    not_pdf.write_bytes(b"\x89PNG\r\n\x1a\n not a pdf")
    notes = tmp_path / "note.txt"
    notes.write_text("Le 03/03/2024, renouvellement de ventoline pour asthme.", encoding="utf-8")
    with Store.create(PASSPHRASE) as store:
        results = list(importer.import_paths(engine, store, [corrupt, letter, not_pdf, notes, letter], "cli:test"))
        assert [r.status for r in results] == ["erreur", "importe", "erreur", "importe", "deja_importe"]
        assert "PDF endommagé" in results[0].message
        assert "ce n'est pas un PDF" in results[2].message
        assert results[4].doc_id == results[1].doc_id
        assert store.count_documents() == 2
        highlights = store.get_highlights(results[1].doc_id)
        drug = next(h for h in highlights if h["kind"] == "entite" and h["label"] == "MEDICAMENT")
        assert LETTER[drug["start"]:drug["end"]] == "amlodipine"
        assert [rect[0] for rect in drug["rects"]] == [1]


def test_batch_import_reads_ahead_without_changing_any_analysis(data_dir, engine, make_pdf, tmp_path):
    """A batch reads the next file and runs its model pass in a worker thread: every stored analysis must be the
    one that importing that file alone gives."""
    letters = [make_pdf(f"lettre_{number}.pdf", LETTER.replace("58 ans", f"{50 + number} ans")
                        + ("Sous metformine 850 mg matin et soir.\n" if number % 2 else "")) for number in range(4)]
    with Store.create(PASSPHRASE) as store:
        results = list(importer.import_paths(engine, store, letters, "cli:test"))
        assert [r.status for r in results] == ["importe"] * 4
        for path, result in zip(letters, results):
            alone = engine.analyse(path)
            stored = store.get_analysis(result.doc_id)
            assert stored.document.filename == path.name
            assert [(e.label, e.text) for e in stored.entities] == [(e.label, e.text) for e in alone.entities]
            assert stored.elements.missing == alone.elements.missing


def test_folder_import_takes_pdfs_texts_and_images(tmp_path, make_pdf):
    make_pdf("b.pdf", "Renouvellement.")
    (tmp_path / "a.txt").write_text("Bonjour", encoding="utf-8")
    (tmp_path / "scan.PNG").write_bytes(b"\x89PNG")
    (tmp_path / "ignore.docx").write_bytes(b"PK")
    assert [p.name for p in importer.expand_paths([tmp_path])] == ["a.txt", "b.pdf", "scan.PNG"]


def test_deidentified_export_drops_names_and_text(data_dir, engine, letter, tmp_path):
    with Store.create(PASSPHRASE) as store:
        doc_id, _ = store.add_document(engine.analyse(letter), letter.read_bytes())
        items = [(row, store.get_analysis(row.id)) for row in store.list_documents()]
    write_export(tmp_path / "anonyme.jsonl", items, identified=False)
    write_export(tmp_path / "anonyme.csv", items, identified=False)
    write_export(tmp_path / "complet.jsonl", items, identified=True)
    for name in ("anonyme.jsonl", "anonyme.csv"):
        content = (tmp_path / name).read_text(encoding="utf-8")
        assert "Quillebeuf" not in content and "lettre.pdf" not in content
        assert "urgence" in content
    record = json.loads((tmp_path / "complet.jsonl").read_text(encoding="utf-8"))
    assert "Quillebeuf" in record["text"]


def test_cli_import_reads_the_passphrase_from_the_environment(data_dir, letter, tmp_path, monkeypatch, capsys):
    bad = tmp_path / "vide.pdf"
    bad.write_bytes(b"")
    monkeypatch.setenv("MEDCLAIR_PASSPHRASE", PASSPHRASE)
    assert importer.run_import([str(letter), str(bad)]) == 1
    out, err = capsys.readouterr()
    assert "1 importé(s), 0 déjà présent(s), 1 en erreur" in out
    assert "2/2" in err and "vide.pdf : le fichier est vide." in err
    assert importer.run_import([str(letter)]) == 0
    assert "0 importé(s), 1 déjà présent(s)" in capsys.readouterr().out
    monkeypatch.setenv("MEDCLAIR_PASSPHRASE", "wrong passphrase")
    assert importer.run_import([str(letter)]) == 2
    assert "Phrase de passe incorrecte" in capsys.readouterr().err


def test_a_crash_in_the_middle_of_a_write_keeps_committed_documents(data_dir, engine, letter, make_pdf, tmp_path):
    other = make_pdf("second.pdf", "Le 02/02/2024. Renouvellement de metformine 1000 mg matin et soir.")
    (tmp_path / "second.json").write_text(engine.analyse(other).to_json(), encoding="utf-8")
    with Store.create(PASSPHRASE) as store:
        store.add_document(engine.analyse(letter), letter.read_bytes())
    script = (
        "import os, sys, pathlib\n"
        "from inference.analysis import Analysis\n"
        "from desktop.store import Store\n"
        "store = Store.open(sys.argv[1])\n"
        "analysis = Analysis.from_json(pathlib.Path(sys.argv[2]).read_text(encoding='utf-8'))\n"
        "store._db.execute('BEGIN IMMEDIATE')\n"
        "store._db.execute(\"UPDATE documents SET filename = 'écrasé'\")\n"
        "store.add_document(analysis, b'%PDF')\n"
        "os._exit(9)\n"
    )
    crashed = subprocess.run([sys.executable, "-c", script, PASSPHRASE, str(tmp_path / "second.json")],
                             cwd=Path(__file__).resolve().parent.parent, env=os.environ.copy())
    assert crashed.returncode == 9
    with Store.open(PASSPHRASE) as store:
        assert [row.filename for row in store.list_documents()] == ["lettre.pdf"]
        assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.verify_audit() is None
