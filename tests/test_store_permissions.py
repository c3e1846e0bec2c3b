"""Only the clinic's account may read its data: the data folder is 0700, the SQLCipher file, its journal and its
backups 0600, whoever creates them (the window, `medclair import`, the rules editor). Real files, real modes."""
from __future__ import annotations

import os
import stat
from pathlib import Path

from desktop import settings
from desktop.store import Store, default_db_path
from tests.pdf_factory import make_text_pdf
from tests.processes import PASSPHRASE, medclair_command, medclair_env, run
from tests.test_cli_analyse import RENEWAL_LETTER


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_new_base_is_private_with_its_journal_and_backup(data_dir, tmp_path):
    chosen = mode(tmp_path)
    old_umask = os.umask(0o022)  # the usual umask, which leaves new files readable by all
    try:
        with Store.create(PASSPHRASE) as store:
            with store._transaction():  # a write in progress: the rollback journal exists meanwhile
                store.set_setting("ocr", "0")
                journal = Path(f"{default_db_path()}-journal")
                assert journal.is_file()
                assert mode(journal) == 0o600
            store.backup(tmp_path / "sauvegarde.db")
    finally:
        os.umask(old_umask)
    assert mode(data_dir) == 0o700
    assert mode(default_db_path()) == 0o600
    assert mode(tmp_path / "sauvegarde.db") == 0o600
    assert mode(tmp_path) == chosen  # the folder the user chose for the backup is left as it was
    with Store.open(PASSPHRASE, tmp_path / "sauvegarde.db") as copy:
        assert copy.get_setting("ocr", "1") == "0"


def test_cli_import_creates_a_private_folder_and_base(data_dir, tmp_path):
    pdf = make_text_pdf(tmp_path / "lettre.pdf", [RENEWAL_LETTER])
    result = run(medclair_command("import", pdf), medclair_env(data_dir))
    assert result.returncode == 0, result.stderr
    assert mode(data_dir) == 0o700
    assert mode(data_dir / "medclair.db") == 0o600
    assert [path.name for path in data_dir.iterdir()] == ["medclair.db"]  # no journal left readable beside it


def test_saving_rules_first_creates_the_data_folder_private(data_dir):
    settings.save_rules(settings.shipped_rules())
    assert mode(data_dir) == 0o700
    assert mode(settings.clinic_rules_dir()) == 0o700


def test_a_base_made_before_is_made_private_when_opened(data_dir):
    Store.create(PASSPHRASE).close()
    os.chmod(data_dir, 0o755)
    os.chmod(default_db_path(), 0o644)
    Store.open(PASSPHRASE).close()
    assert mode(data_dir) == 0o700
    assert mode(default_db_path()) == 0o600
