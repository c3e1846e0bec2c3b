"""The real window, offscreen (pytest-qt), with the real engine and a real SQLCipher file."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QTextCursor, QTextTable
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from inference import Engine
from desktop.app import Launcher
from desktop.backend import Backend
from desktop.dialogs import CreateAccountDialog, CreateDatabaseDialog, LoginDialog, UnlockDialog
from desktop.main_window import MainWindow
from desktop.store import Store, StoreError

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
PASSPHRASE = "phrase de passe du poste"
PASSWORD = "motdepasse-admin"
WAIT_MS = 60_000
REFERRAL = (
    "Dr Jean Martin, médecin généraliste\nLe 12/03/2024\nCher confrère,\n"
    "Je vous adresse Mme Zoé Quillebeuf, 58 ans, pour avis concernant une toux depuis 3 semaines.\n"
    "Antécédents : HTA. Traitement : amlodipine 5 mg par jour.\nPas d'allergie connue.\n"
)
LAB_REPORT = (
    "Laboratoire de biologie médicale du Parc\nCompte rendu d'analyses du 14/03/2024\n"
    "Patiente : Mme Lucie Garnier, 61 ans\n\nPotassium 6,4 mmol/L (3,5 - 5,0)\nProtéine C réactive 12 mg/L (< 5)\n"
    "Hémoglobine 11,5 g/dL (12,0 - 16,0)\nSodium 140 mmol/L (136 - 145)\n\nBiologiste : Dr Anne Petit\n"
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

    window.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: window.found.count() == len(expected.entities) > 0, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.page_position.text() == "Page 1 / 1", timeout=WAIT_MS)
    amlodipine = [window.found.item(i).text() for i in range(window.found.count())].index("Médicament : amlodipine")
    window.found.setCurrentRow(amlodipine)
    qtbot.waitUntil(lambda: window.text_view.textCursor().selectedText() == "amlodipine", timeout=WAIT_MS)
    focus = window.found.item(amlodipine).data(Qt.ItemDataRole.UserRole)
    qtbot.waitUntil(lambda: window.page_image.focus == tuple(focus), timeout=WAIT_MS)
    window.grab().save(str(ARTIFACTS / "main-window-document-page.png"))
    window.tabs.setCurrentIndex(0)

    window.table.selectRow(_row_index(window, "tableur.xlsx"))
    assert "ce n'est pas un PDF" in window.details.toPlainText()

    with qtbot.waitSignal(window.import_finished, timeout=WAIT_MS) as again:
        _drop(window, [referral])
    assert again.args == [0, 1, 0, False]
    assert [row[0] for row in _table(window)].count("adressage.pdf") == 1
    assert _table(window)[_row_index(window, "adressage.pdf")][3] == "Déjà importé"
    assert _call(qtbot, backend, lambda b: b.store.count_documents()) == 2


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


def _open_as(qtbot, backend, username: str, password: str) -> MainWindow:
    launcher = Launcher(backend)
    launcher.start()
    qtbot.addWidget(launcher.dialog)
    launcher.dialog.passphrase.setText(PASSPHRASE)
    _ok(launcher.dialog)
    qtbot.waitUntil(lambda: isinstance(launcher.dialog, LoginDialog), timeout=WAIT_MS)
    qtbot.addWidget(launcher.dialog)
    launcher.dialog.username.setText(username)
    launcher.dialog.password.setText(password)
    with qtbot.waitSignal(launcher.window_ready, timeout=WAIT_MS):
        _ok(launcher.dialog)
    qtbot.addWidget(launcher.window)
    return launcher.window


@pytest.fixture
def clinic(data_dir, make_pdf) -> dict[str, Path]:
    """A database with an administrator and a secretary, and two documents on disk (not imported yet)."""
    with Store.create(PASSPHRASE) as store:
        store.add_user("admin", PASSWORD, "administrateur")
        store.add_user("secretaire", "motdepasse-sec", "secretaire", by="admin")
    return {"referral": make_pdf("adressage.pdf", REFERRAL), "renewal": make_pdf("renouvellement.pdf", RENEWAL)}


def _call(qtbot, backend, fn):
    """Run fn in the backend thread and return its result, or raise what it raised."""
    with qtbot.waitCallback(timeout=WAIT_MS) as callback:
        backend.call(fn, callback, callback)
    if isinstance(callback.args[0], Exception):
        raise callback.args[0]
    return callback.args[0]


def test_search_and_filters_narrow_the_list(qtbot, backend, clinic):
    window = _open_as(qtbot, backend, "admin", PASSWORD)
    with qtbot.waitSignal(window.import_finished, timeout=WAIT_MS):
        _drop(window, [clinic["referral"], clinic["renewal"]])
    window.search.setText("metformine")
    qtbot.waitUntil(lambda: [row[0] for row in _table(window)] == ["renouvellement.pdf"], timeout=WAIT_MS)
    window.search.setText("toux amlo")
    qtbot.waitUntil(lambda: [row[0] for row in _table(window)] == ["adressage.pdf"], timeout=WAIT_MS)
    ARTIFACTS.mkdir(exist_ok=True)
    window.grab().save(str(ARTIFACTS / "main-window-search.png"))
    window.search.clear()
    window.type_filter.setCurrentIndex(window.type_filter.findData("renouvellement"))
    qtbot.waitUntil(lambda: [row[0] for row in _table(window)] == ["renouvellement.pdf"], timeout=WAIT_MS)
    window.type_filter.setCurrentIndex(0)
    window.complete_filter.setCurrentIndex(window.complete_filter.findData(True))
    qtbot.waitUntil(lambda: window.table.rowCount() == 0, timeout=WAIT_MS)
    window.complete_filter.setCurrentIndex(0)
    window.date_filter.setCurrentIndex(window.date_filter.findData(0))
    qtbot.waitUntil(lambda: window.table.rowCount() == 2, timeout=WAIT_MS)
    window.sort_by(0)
    assert [row[0] for row in _table(window)] == ["adressage.pdf", "renouvellement.pdf"]
    window.sort_by(0)
    assert [row[0] for row in _table(window)] == ["renouvellement.pdf", "adressage.pdf"]
    window.table.setFocus()
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: window.details.toPlainText().startswith("renouvellement.pdf"), timeout=WAIT_MS)
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.details.toPlainText().startswith("adressage.pdf"), timeout=WAIT_MS)


def test_cancel_stops_the_batch_after_the_current_file(qtbot, backend, clinic, make_pdf):
    window = _open_as(qtbot, backend, "admin", PASSWORD)
    others = [make_pdf(f"lettre-{n}.pdf", REFERRAL + f"\nRéférence {n}") for n in range(5)]
    backend.file_done.connect(backend.cancel_import, Qt.ConnectionType.DirectConnection)
    with qtbot.waitSignal(window.import_finished, timeout=WAIT_MS) as finished:
        _drop(window, others)
    assert finished.args == [1, 0, 0, True]
    assert "Import annulé" in window.status.text()
    assert _call(qtbot, backend, lambda b: b.store.count_documents()) == 1


def test_auto_lock_asks_for_a_login_and_roles_change_the_menus(qtbot, backend, clinic):
    window = _open_as(qtbot, backend, "admin", PASSWORD)
    assert window.admin_menu.menuAction().isVisible()
    window.set_autolock_minutes(0.0005)
    qtbot.waitUntil(lambda: window.locked, timeout=WAIT_MS)
    assert window.stack.currentWidget() is window.lock_page
    ARTIFACTS.mkdir(exist_ok=True)
    window.grab().save(str(ARTIFACTS / "main-window-locked.png"))
    login = window.lock_dialog
    login.username.setText("secretaire")
    login.password.setText("mauvais")
    _ok(login)
    qtbot.waitUntil(lambda: login.error.isVisible() and login.buttons.isEnabled(), timeout=WAIT_MS)
    window.set_autolock_minutes(60)
    login.password.setText("motdepasse-sec")
    _ok(login)
    qtbot.waitUntil(lambda: not window.locked, timeout=WAIT_MS)
    assert window.stack.currentWidget() is window.splitter
    assert window.user.username == "secretaire"
    assert not window.admin_menu.menuAction().isVisible()
    assert not window.delete_action.isVisible()
    assert "secretaire" in window.user_label.text()
    actions = [entry.action for entry in _call(qtbot, backend, lambda b: b.store.audit_entries())]
    assert actions[-3:] == ["verrouillage", "echec_connexion", "connexion"]


def test_exports_are_deidentified_for_a_secretary_and_audited(qtbot, backend, clinic, tmp_path):
    window = _open_as(qtbot, backend, "secretaire", "motdepasse-sec")
    with qtbot.waitSignal(window.import_finished, timeout=WAIT_MS):
        _drop(window, [clinic["referral"]])
    target = tmp_path / "export.jsonl"
    window.export_to(target, identified=False)
    qtbot.waitUntil(lambda: "exporté" in window.status.text(), timeout=WAIT_MS)
    content = target.read_text(encoding="utf-8")
    assert "Quillebeuf" not in content and "urgence" in content
    with pytest.raises(StoreError, match="désidentifiés"):
        _call(qtbot, backend, lambda b: b.export(tmp_path / "complet.jsonl", {}, True))
    entries = _call(qtbot, backend, lambda b: b.store.audit_entries())
    assert [e.action for e in entries if e.action == "export"] == ["export"]
    assert {e.username for e in entries if e.action in ("import", "export")} == {"secretaire"}


def test_audit_viewer_detects_a_tampered_row(qtbot, backend, clinic, data_dir):
    from desktop.audit_view import AuditDialog
    import sqlcipher3

    window = _open_as(qtbot, backend, "admin", PASSWORD)
    with qtbot.waitSignal(window.import_finished, timeout=WAIT_MS):
        _drop(window, [clinic["referral"]])
    [stored] = _call(qtbot, backend, lambda b: b.store.list_documents())
    window.delete_document(stored.id)
    qtbot.waitUntil(lambda: window.table.rowCount() == 0, timeout=WAIT_MS)
    assert _call(qtbot, backend, lambda b: b.store.count_documents()) == 0
    viewer = AuditDialog(backend, window)
    qtbot.addWidget(viewer)
    viewer.show()
    qtbot.waitUntil(lambda: viewer.checked, timeout=WAIT_MS)
    assert viewer.broken_at is None and "intègre" in viewer.verdict.text()
    assert [viewer.table.item(r, 3).text() for r in range(viewer.table.rowCount())][-2:] == ["Import", "Suppression"]
    raw = sqlcipher3.connect(str(data_dir / "medclair.db"))
    raw.execute(f"PRAGMA key = '{PASSPHRASE}'")
    raw.execute("DROP TRIGGER audit_no_update")
    raw.execute("UPDATE audit SET detail = 'falsifié' WHERE id = 3")
    raw.commit()
    raw.close()
    tampered = AuditDialog(backend, window)
    qtbot.addWidget(tampered)
    tampered.show()
    qtbot.waitUntil(lambda: tampered.checked, timeout=WAIT_MS)
    assert tampered.broken_at == 3 and "ROMPUE" in tampered.verdict.text()
    ARTIFACTS.mkdir(exist_ok=True)
    tampered.grab().save(str(ARTIFACTS / "audit-viewer-tampered.png"))


def test_administrator_adds_a_user_and_changes_the_passphrase(qtbot, backend, clinic, data_dir):
    from desktop.dialogs import ChangePassphraseDialog

    window = _open_as(qtbot, backend, "admin", PASSWORD)
    add = CreateAccountDialog(backend, first=False, parent=window)
    qtbot.addWidget(add)
    add.open()
    add.username.setText("dr.martin")
    add.role.setCurrentIndex(add.role.findData("clinicien"))
    add.password.setText("motdepasse-dr")
    add.confirm.setText("motdepasse-dr")
    with qtbot.waitSignal(add.accepted, timeout=WAIT_MS):
        _ok(add)
    assert add.user.role == "clinicien"

    change = ChangePassphraseDialog(backend, window)
    qtbot.addWidget(change)
    change.open()
    change.current.setText("pas la bonne")
    change.passphrase.setText("nouvelle phrase de passe")
    change.confirm.setText("nouvelle phrase de passe")
    _ok(change)
    qtbot.waitUntil(lambda: change.error.isVisible() and change.buttons.isEnabled(), timeout=WAIT_MS)
    assert "Phrase de passe incorrecte" in change.error.text()
    change.current.setText(PASSPHRASE)
    with qtbot.waitSignal(change.accepted, timeout=WAIT_MS):
        _ok(change)
    with Store.open("nouvelle phrase de passe", data_dir / "medclair.db") as store:
        assert [user.username for user in store.list_users()] == ["admin", "dr.martin", "secretaire"]


def test_corrections_change_what_is_missing_and_feed_the_letter(qtbot, backend, clinic, tmp_path):
    import pymupdf

    window = _open_as(qtbot, backend, "admin", PASSWORD)
    with qtbot.waitSignal(window.import_finished, timeout=WAIT_MS):
        _drop(window, [clinic["referral"]])
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: window._analysis is not None, timeout=WAIT_MS)
    before = list(window._analysis.elements.missing)
    assert "urgence" in before and "antecedents" not in before

    window.mark_element("urgence", True)
    qtbot.waitUntil(lambda: "urgence" not in window._analysis.elements.missing, timeout=WAIT_MS)
    assert _table(window)[0][2] == str(len(before) - 1)
    window.mark_element("antecedents", False)
    qtbot.waitUntil(lambda: "antecedents" in window._analysis.elements.missing, timeout=WAIT_MS)
    window.edit_question("antecedents", "Le patient a-t-il déjà fait un infarctus ?")
    qtbot.waitUntil(lambda: "déjà fait un infarctus" in window.details.toPlainText(), timeout=WAIT_MS)
    assert "✎ corrigé" in window.details.toPlainText()

    text = window._analysis.text
    start = text.index("3 semaines")
    window.add_entity("POSOLOGIE", start, start + len("3 semaines"))
    qtbot.waitUntil(lambda: any(e.text == "3 semaines" for e in window._analysis.entities), timeout=WAIT_MS)
    hta = [window.found.item(i).text() for i in range(window.found.count())].index("Pathologie : HTA")
    window.found.setCurrentRow(hta)
    window.remove_selected_entity()
    qtbot.waitUntil(lambda: all(e.text != "HTA" for e in window._analysis.entities), timeout=WAIT_MS)
    ARTIFACTS.mkdir(exist_ok=True)
    window.tabs.setCurrentIndex(0)
    window.grab().save(str(ARTIFACTS / "main-window-corrections.png"))

    letter = tmp_path / "lettre.pdf"
    window.export_letter(letter)
    qtbot.waitUntil(lambda: "Lettre enregistrée" in window.status.text(), timeout=WAIT_MS)
    with pymupdf.open(letter) as pdf:
        written = " ".join(page.get_text() for page in pdf)
    assert "Le patient a-t-il déjà fait un infarctus ?" in written and "degré d'urgence" not in written

    dump = tmp_path / "corrections.jsonl"
    window.export_annotations(dump, identified=False)
    qtbot.waitUntil(lambda: "correction(s) exportée(s)" in window.status.text(), timeout=WAIT_MS)
    lines = [json.loads(line) for line in dump.read_text(encoding="utf-8").splitlines()]
    assert [line["kind"] for line in lines] == ["element", "element", "question", "entite", "entite"]
    assert all(line["by"] == "admin" and "text" not in line for line in lines)


def test_settings_validate_the_rules_before_the_engine_uses_them(qtbot, backend, clinic, data_dir):
    window = _open_as(qtbot, backend, "admin", PASSWORD)
    window.open_settings()
    qtbot.waitUntil(lambda: getattr(window, "settings_dialog", None) is not None, timeout=WAIT_MS)
    dialog = window.settings_dialog
    qtbot.addWidget(dialog)
    rules = dialog.editors["completeness.yaml"]
    original = rules.toPlainText()
    rules.setPlainText(original.replace("symptomes, antecedents, traitement_en_cours, allergies, urgence,",
                                        "symptomes, antecedents, traitement_en_cours, allergies, urgense,"))
    _ok(dialog)
    qtbot.waitUntil(lambda: dialog.error.isVisible() and dialog.buttons.isEnabled(), timeout=WAIT_MS)
    assert "urgense" in dialog.error.text()
    assert not (data_dir / "rules").exists()
    rules.setPlainText(original.replace("symptomes, antecedents, traitement_en_cours, allergies, urgence,",
                                        "symptomes, antecedents, traitement_en_cours, allergies,"))
    dialog.ocr.setChecked(False)
    dialog.autolock.setValue(25)
    ARTIFACTS.mkdir(exist_ok=True)
    dialog.grab().save(str(ARTIFACTS / "settings-rules-editor.png"))
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        _ok(dialog)
    assert window._autolock.interval() == 25 * 60000
    assert (data_dir / "rules" / "completeness.yaml").is_file()
    with qtbot.waitSignal(window.import_finished, timeout=WAIT_MS):
        _drop(window, [clinic["referral"]])
    [row] = _call(qtbot, backend, lambda b: b.store.list_documents())
    analysis = _call(qtbot, backend, lambda b: b.store.get_analysis(row.id))
    assert "urgence" not in analysis.elements.missing
    assert _call(qtbot, backend, lambda b: b.read_settings())["ocr"] is False


def test_backup_and_restore_bring_back_a_deleted_document(qtbot, backend, clinic, tmp_path, data_dir):
    window = _open_as(qtbot, backend, "admin", PASSWORD)
    with qtbot.waitSignal(window.import_finished, timeout=WAIT_MS):
        _drop(window, [clinic["referral"]])
    backup = tmp_path / "sauvegarde.db"
    window.backup_to(backup)
    qtbot.waitUntil(lambda: "Sauvegarde chiffrée enregistrée" in window.status.text(), timeout=WAIT_MS)
    assert b"Quillebeuf" not in backup.read_bytes()
    [stored] = _call(qtbot, backend, lambda b: b.store.list_documents())
    window.delete_document(stored.id)
    qtbot.waitUntil(lambda: window.table.rowCount() == 0, timeout=WAIT_MS)

    restore = window.restore_from(backup)
    qtbot.addWidget(restore)
    restore.passphrase.setText("pas la bonne")
    _ok(restore)
    qtbot.waitUntil(lambda: restore.error.isVisible() and restore.buttons.isEnabled(), timeout=WAIT_MS)
    restore.passphrase.setText(PASSPHRASE)
    _ok(restore)
    qtbot.waitUntil(lambda: window.locked, timeout=WAIT_MS)
    window.lock_dialog.username.setText("admin")
    window.lock_dialog.password.setText(PASSWORD)
    _ok(window.lock_dialog)
    qtbot.waitUntil(lambda: not window.locked and window.table.rowCount() == 1, timeout=WAIT_MS)
    assert _table(window)[0][0] == "adressage.pdf"
    assert len(list(data_dir.glob("medclair-avant-restauration-*.db"))) == 1


def test_administrator_manages_accounts(qtbot, backend, clinic):
    window = _open_as(qtbot, backend, "admin", PASSWORD)
    users = window.show_users()
    qtbot.addWidget(users)
    qtbot.waitUntil(lambda: [u.username for u in users.users] == ["admin", "secretaire"], timeout=WAIT_MS)
    users.remove("admin")
    qtbot.waitUntil(lambda: "dernier administrateur" in users.message.text(), timeout=WAIT_MS)
    users.set_password("secretaire", "nouveau-motdepasse")
    qtbot.waitUntil(lambda: "Mot de passe de « secretaire » changé" in users.message.text(), timeout=WAIT_MS)
    assert _call(qtbot, backend, lambda b: b.store.authenticate("secretaire", "nouveau-motdepasse")).role == "secretaire"
    users.remove("secretaire")
    qtbot.waitUntil(lambda: [u.username for u in users.users] == ["admin"], timeout=WAIT_MS)
    ARTIFACTS.mkdir(exist_ok=True)
    users.grab().save(str(ARTIFACTS / "users.png"))


def test_database_created_by_the_command_line_asks_for_the_first_account(qtbot, backend, data_dir):
    Store.create(PASSPHRASE).close()
    launcher = Launcher(backend)
    launcher.start()
    qtbot.addWidget(launcher.dialog)
    launcher.dialog.passphrase.setText(PASSPHRASE)
    _ok(launcher.dialog)
    qtbot.waitUntil(lambda: isinstance(launcher.dialog, CreateAccountDialog), timeout=WAIT_MS)
    assert launcher.dialog.first


def _lab_table(window: MainWindow) -> list[list[str]]:
    """The cells of the review panel's lab results table, as the user reads them."""
    (table,) = [frame for frame in window.details.document().rootFrame().childFrames() if isinstance(frame, QTextTable)]
    rows = []
    for r in range(table.rows()):
        row = []
        for c in range(table.columns()):
            cell = table.cellAt(r, c)
            cursor = cell.firstCursorPosition()
            cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor.MoveMode.KeepAnchor)
            row.append(cursor.selectedText())
        rows.append(row)
    return rows


def test_lab_table_of_a_stored_report_shows_the_severity_of_each_abnormal_value(qtbot, backend, data_dir, make_pdf):
    report = make_pdf("biologie.pdf", LAB_REPORT)
    with Store.create(PASSPHRASE) as store:
        store.add_user("admin", PASSWORD, "administrateur")
        store.add_document(Engine.load().analyse(report), report.read_bytes(), "admin")
    window = _open_as(qtbot, backend, "admin", PASSWORD)
    qtbot.waitUntil(lambda: window.table.rowCount() == 1, timeout=WAIT_MS)
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: "Résultats biologiques" in window.details.toPlainText(), timeout=WAIT_MS)
    rows = _lab_table(window)
    assert rows[0] == ["Examen", "Valeur", "Référence", "Interprétation", "Sévérité"]
    assert rows[1] == ["Potassium", "6,4 mmol/L", "(3,5–5)", "élevé", "sévère"]
    shown = {row[0]: (row[3], row[4]) for row in rows[1:]}
    assert shown == {"Potassium": ("élevé", "sévère"), "CRP": ("élevé", "modérée"), "Hémoglobine": ("bas", "légère"),
                     "Sodium": ("normal", "")}
    assert "Résultats anormaux : Potassium 6,4 mmol/L (haut, sévère), CRP 12 mg/L (haut, modérée), " \
           "Hémoglobine 11,5 g/dL (bas, légère)." in window.details.toPlainText()
