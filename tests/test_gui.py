"""The real window, offscreen (pytest-qt), with the real engine and a real SQLCipher file."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from inference import Engine
from desktop.app import Launcher
from desktop.backend import Backend
from desktop.dialogs import CreateAccountDialog, CreateDatabaseDialog, LoginDialog, UnlockDialog
from desktop.main_window import MainWindow
from desktop.store import Store

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
PASSPHRASE = "phrase de passe du poste"
PASSWORD = "motdepasse-admin"
WAIT_MS = 60_000
REFERRAL = (
    "Dr Jean Martin, médecin généraliste\nLe 12/03/2024\nCher confrère,\n"
    "Je vous adresse Mme Zoé Quillebeuf, 58 ans, pour avis concernant une toux depuis 3 semaines.\n"
    "Antécédents : HTA. Traitement : amlodipine 5 mg par jour.\nPas d'allergie connue.\n"
)
RENEWAL = "Le 02/02/2024.\nMerci de renouveler l'ordonnance de M. Paul Ribot : metformine.\nDr Anne Leroy\n"


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))


@pytest.fixture
def backend(qtbot, data_dir):
    backend = Backend.start()
    yield backend
    backend.shutdown()


def _ok(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def _drop(widget, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    centre = widget.rect().center()
    enter = QDragEnterEvent(QPoint(centre), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(centre), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)
    assert drop.isAccepted()


def _table(window: MainWindow) -> list[tuple[str, ...]]:
    table = window.table
    return [tuple(table.item(r, c).text() for c in range(table.columnCount())) for r in range(table.rowCount())]


def _row_index(window: MainWindow, filename: str) -> int:
    return [row[0] for row in _table(window)].index(filename)


def _first_run(qtbot, backend) -> MainWindow:
    launcher = Launcher(backend)
    launcher.start()
    create = launcher.dialog
    assert isinstance(create, CreateDatabaseDialog)
    qtbot.addWidget(create)
    create.passphrase.setText(PASSPHRASE)
    create.confirm.setText(PASSPHRASE + "x")
    _ok(create)
    assert "ne correspondent pas" in create.error.text()
    create.confirm.setText(PASSPHRASE)
    _ok(create)
    qtbot.waitUntil(lambda: isinstance(launcher.dialog, CreateAccountDialog), timeout=WAIT_MS)
    account = launcher.dialog
    qtbot.addWidget(account)
    account.username.setText("admin")
    account.password.setText(PASSWORD)
    account.confirm.setText(PASSWORD)
    with qtbot.waitSignal(launcher.window_ready, timeout=WAIT_MS):
        _ok(account)
    qtbot.addWidget(launcher.window)
    return launcher.window


def test_first_run_drop_shows_missing_elements_and_errors_do_not_stop_the_batch(qtbot, backend, make_pdf, tmp_path):
    window = _first_run(qtbot, backend)
    referral = make_pdf("adressage.pdf", REFERRAL)
    renewal = make_pdf("renouvellement.pdf", RENEWAL)
    corrupt = tmp_path / "abime.pdf"
    corrupt.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    not_pdf = tmp_path / "tableur.xlsx"
    not_pdf.write_bytes(b"PK\x03\x04 not a document")

    with qtbot.waitSignal(window.import_finished, timeout=WAIT_MS) as finished:
        _drop(window, [referral, corrupt, not_pdf, renewal])
    assert finished.args == [2, 0, 2, False]
    rows = {row[0]: row for row in _table(window)}
    assert set(rows) == {"adressage.pdf", "abime.pdf", "tableur.xlsx", "renouvellement.pdf"}
    expected = Engine.load().analyse(referral)
    assert rows["adressage.pdf"] == (
        "adressage.pdf", expected.request_type.label, str(len(expected.elements.missing)), "Analysé"
    )
    assert rows["abime.pdf"][3] == rows["tableur.xlsx"][3] == "Erreur"
    assert rows["renouvellement.pdf"][3] == "Analysé"
    assert "urgence" in expected.elements.missing

    window.table.selectRow(_row_index(window, "adressage.pdf"))
    qtbot.waitUntil(lambda: "Urgence ou délai" in window.details.toPlainText(), timeout=WAIT_MS)
    shown = window.details.toPlainText()
    for question in expected.questions:
        assert question.text in shown
    assert "Éléments présents" in shown and "Quillebeuf" in window.text_view.toPlainText()
    ARTIFACTS.mkdir(exist_ok=True)
    assert window.grab().save(str(ARTIFACTS / "main-window-missing-elements.png"))

    window.table.selectRow(_row_index(window, "tableur.xlsx"))
    assert "ce n'est pas un PDF" in window.details.toPlainText()

    with qtbot.waitSignal(window.import_finished, timeout=WAIT_MS) as again:
        _drop(window, [referral])
    assert again.args == [0, 1, 0, False]
    assert [row[0] for row in _table(window)].count("adressage.pdf") == 1
    assert _table(window)[_row_index(window, "adressage.pdf")][3] == "Déjà importé"
    with qtbot.waitCallback(timeout=WAIT_MS) as callback:
        backend.call(lambda b: b.store.count_documents(), callback)
    assert callback.args == [2]


def test_reopen_wrong_passphrase_then_login_shows_stored_documents(qtbot, backend, data_dir, make_pdf):
    referral = make_pdf("adressage.pdf", REFERRAL)
    with Store.create(PASSPHRASE) as store:
        store.add_user("admin", PASSWORD, "administrateur")
        store.add_document(Engine.load().analyse(referral), referral.read_bytes(), "admin")
    before = (data_dir / "medclair.db").read_bytes()

    launcher = Launcher(backend)
    launcher.start()
    unlock = launcher.dialog
    assert isinstance(unlock, UnlockDialog)
    qtbot.addWidget(unlock)
    unlock.passphrase.setText("pas la bonne")
    _ok(unlock)
    qtbot.waitUntil(lambda: unlock.error.isVisible() and unlock.buttons.isEnabled(), timeout=WAIT_MS)
    assert "Phrase de passe incorrecte" in unlock.error.text()
    assert (data_dir / "medclair.db").read_bytes() == before
    unlock.passphrase.setText(PASSPHRASE)
    _ok(unlock)
    qtbot.waitUntil(lambda: isinstance(launcher.dialog, LoginDialog), timeout=WAIT_MS)
    login = launcher.dialog
    qtbot.addWidget(login)
    login.username.setText("admin")
    login.password.setText("mauvais mot de passe")
    _ok(login)
    qtbot.waitUntil(lambda: login.error.isVisible() and login.buttons.isEnabled(), timeout=WAIT_MS)
    assert "Identifiant ou mot de passe incorrect" in login.error.text()
    login.password.setText(PASSWORD)
    with qtbot.waitSignal(launcher.window_ready, timeout=WAIT_MS):
        _ok(login)
    window = launcher.window
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.table.rowCount() == 1, timeout=WAIT_MS)
    assert _table(window)[0][0] == "adressage.pdf" and _table(window)[0][3] == "Enregistré"
