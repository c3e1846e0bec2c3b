"""Administration through the GUI's background thread, called as the window calls it (Backend.call), on a real
SQLCipher file: restoring keeps the base private; the rules the menu follows hold in the backend too."""
from __future__ import annotations

import os
import stat

import pytest

from desktop.backend import Backend
from desktop.store import Store, StoreError, default_db_path

PASSPHRASE = "phrase de passe du poste"
WAIT_MS = 60_000
ACCOUNTS = {"admin": "administrateur", "dr.roux": "clinicien", "secretaire": "secretaire"}


@pytest.fixture
def backend(qtbot, data_dir):
    with Store.create(PASSPHRASE) as store:
        for username, role in ACCOUNTS.items():
            store.add_user(username, f"motdepasse-{username}", role)
    backend = Backend.start()
    _call(qtbot, backend, lambda b: b.attach(Store.open(PASSPHRASE)))
    yield backend
    backend.shutdown()


def _call(qtbot, backend: Backend, fn):
    """Run `fn(backend)` in the backend's thread; returns its result or raises its exception here."""
    outcome: dict = {}
    backend.call(fn, lambda result: outcome.setdefault("result", result),
                 lambda error: outcome.setdefault("error", error))
    qtbot.waitUntil(lambda: bool(outcome), timeout=WAIT_MS)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def _login(qtbot, backend: Backend, username: str) -> None:
    _call(qtbot, backend, lambda b: b.login(username, f"motdepasse-{username}"))


def test_a_restored_base_stays_private(qtbot, backend, tmp_path):
    _login(qtbot, backend, "admin")
    backup = _call(qtbot, backend, lambda b: b.backup(tmp_path / "sauvegarde.db"))
    os.chmod(backup, 0o644)  # a backup copied back from a USB key, readable by all
    _call(qtbot, backend, lambda b: b.restore(backup, PASSPHRASE))
    assert stat.S_IMODE(os.stat(default_db_path()).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(default_db_path().parent).st_mode) == 0o700


@pytest.mark.parametrize("username", ["dr.roux", "secretaire"])
def test_only_the_administrator_may_back_up(qtbot, backend, tmp_path, username):
    _login(qtbot, backend, username)
    with pytest.raises(StoreError, match="Seul un administrateur peut faire une sauvegarde"):
        _call(qtbot, backend, lambda b: b.backup(tmp_path / "sauvegarde.db"))
    assert not (tmp_path / "sauvegarde.db").exists()
    entries = _call(qtbot, backend, lambda b: b.store.audit_entries())
    assert "sauvegarde" not in {entry.action for entry in entries}

    _call(qtbot, backend, lambda b: b.lock())
    with pytest.raises(StoreError, match="Seul un administrateur"):  # nobody logged in: refused too
        _call(qtbot, backend, lambda b: b.backup(tmp_path / "sauvegarde.db"))

    _login(qtbot, backend, "admin")
    _call(qtbot, backend, lambda b: b.backup(tmp_path / "sauvegarde.db"))
    assert (tmp_path / "sauvegarde.db").is_file()
