"""Roles decide who sees identities (SPEC §8): the real window offscreen, the real engine, a real SQLCipher file."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTableWidget,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from inference import Engine
from desktop import importer, pages
from desktop.main_window import MainWindow
from desktop.store import Store
from tests.test_gui import ARTIFACTS, PASSPHRASE, WAIT_MS, _ok, _open_as
from tests.test_gui import backend, isolated_settings  # noqa: F401  (the same fixtures as the main GUI test)

DURAND = (
    "Dr Jean Martin, médecin généraliste\nLe 12/03/2024\nCher confrère,\n"
    "Je vous adresse Mme Jeanne DURAND, née le 03/04/1951, pour avis concernant une toux depuis 3 semaines.\n"
    "Mme DURAND est allergique à la pénicilline. Antécédents : HTA.\n"
    "Traitement : amlodipine 5 mg par jour.\n"
)
IDENTITY = ("durand", "jeanne", "03/04/1951")


@pytest.fixture
def durand(data_dir, make_pdf) -> int:
    """A stored letter about Mme Jeanne DURAND whose file name carries her name too; returns its id."""
    path = make_pdf("DURAND Jeanne - courrier.pdf", DURAND)
    with Store.create(PASSPHRASE) as store:
        store.add_user("admin", "motdepasse-admin", "administrateur")
        store.add_user("dr.roux", "motdepasse-clin", "clinicien", by="admin")
        store.add_user("secretaire", "motdepasse-sec", "secretaire", by="admin")
        result = importer.import_file(Engine.load(), store, path, "admin")
    assert result.status == importer.IMPORTED
    return result.doc_id


def _visible_text(window: MainWindow) -> str:
    """Every string the window shows: labels, buttons, fields, lists, tables, tabs, tooltips, title."""
    parts = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        parts.append(widget.toolTip())
        if isinstance(widget, (QLabel, QAbstractButton, QLineEdit)):
            parts.append(widget.text())
        elif isinstance(widget, (QTextEdit, QPlainTextEdit)):
            parts.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            parts.append(widget.currentText())
        elif isinstance(widget, QListWidget):
            parts += [widget.item(i).text() + widget.item(i).toolTip() for i in range(widget.count())]
        elif isinstance(widget, QTableWidget):
            parts += [widget.item(r, c).text() + widget.item(r, c).toolTip()
                      for r in range(widget.rowCount()) for c in range(widget.columnCount()) if widget.item(r, c)]
        elif isinstance(widget, QTabWidget):
            parts += [widget.tabText(i) for i in range(widget.count())]
    return "\n".join(parts)


def _open_document(qtbot, window: MainWindow) -> str:
    """Select the only document, visit every tab; returns all the text the window showed along the way."""
    qtbot.waitUntil(lambda: window.table.rowCount() == 1, timeout=WAIT_MS)
    window.table.selectRow(0)
    qtbot.waitUntil(lambda: "Éléments présents" in window.details.toPlainText(), timeout=WAIT_MS)
    seen = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        if index == 2:
            qtbot.waitUntil(lambda: window.found.count() > 0 and window.page_position.text() == "Page 1 / 1",
                            timeout=WAIT_MS)
        seen.append(_visible_text(window))
    return "\n".join(seen)


def test_a_secretary_sees_no_identity_anywhere_in_the_window(qtbot, backend, durand, data_dir):
    window = _open_as(qtbot, backend, "secretaire", "motdepasse-sec")
    seen = _open_document(qtbot, window).lower()
    for identity in IDENTITY:
        assert identity not in seen
    assert f"document n°{durand}" in seen and "toux" in seen and "[nom]" in seen
    assert window.table.item(0, 0).text() == f"Document n°{durand}"
    assert window.deidentified.isChecked() and not window.deidentified.isEnabled()

    with Store.open(PASSPHRASE) as store:
        names = [h for h in store.get_highlights(durand) if h["kind"] == "identite" and h["label"] == "PERSONNE"]
    assert names and all(h["rects"] for h in names)
    image = window.page_image.image
    assert image is not None
    for highlight in names:
        for _, x0, y0, x1, y1 in highlight["rects"]:
            centre = image.pixelColor(int((x0 + x1) / 2 * pages.ZOOM), int((y0 + y1) / 2 * pages.ZOOM))
            assert centre == QColor("black")
    ARTIFACTS.mkdir(exist_ok=True)
    window.grab().save(str(ARTIFACTS / "main-window-secretary-page.png"))

    window.tabs.setCurrentIndex(0)
    window.search.setText("durand")
    qtbot.waitUntil(lambda: window.table.rowCount() == 0, timeout=WAIT_MS)
    window.search.setText("pénicilline")
    qtbot.waitUntil(lambda: window.table.rowCount() == 1, timeout=WAIT_MS)


def test_a_clinician_sees_the_identity(qtbot, backend, durand):
    window = _open_as(qtbot, backend, "dr.roux", "motdepasse-clin")
    seen = _open_document(qtbot, window)
    assert "DURAND Jeanne - courrier.pdf" in seen and "Mme Jeanne DURAND" in seen
    assert window.deidentified.isEnabled() and not window.deidentified.isChecked()
    window.search.setText("durand")
    qtbot.waitUntil(lambda: window.search.text() == "durand" and window.table.rowCount() == 1, timeout=WAIT_MS)


def test_a_page_whose_personal_data_has_no_place_is_withheld(data_dir, make_pdf):
    path = make_pdf("lettre.pdf", DURAND)
    data = path.read_bytes()
    shown = pages.render_page(data, 1, [], redact=None)
    assert shown.image is not None
    withheld = pages.render_page(data, 1, [], redact=[(10, 20)])
    assert withheld.image is None and "réservé" in withheld.notice


def test_a_secretary_unlocking_after_a_clinician_sees_no_identity(qtbot, backend, durand):
    window = _open_as(qtbot, backend, "dr.roux", "motdepasse-clin")
    assert "Mme Jeanne DURAND" in _open_document(qtbot, window)
    window.search.setText("Durand")
    qtbot.waitUntil(lambda: window.table.rowCount() == 1, timeout=WAIT_MS)
    window.lock()
    window.lock_dialog.username.setText("secretaire")
    window.lock_dialog.password.setText("motdepasse-sec")
    _ok(window.lock_dialog)
    qtbot.waitUntil(lambda: not window.locked, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.table.rowCount() == 1 and window.table.item(0, 0).text() == f"Document n°{durand}",
                    timeout=WAIT_MS)
    assert not any(identity in _visible_text(window).lower() for identity in IDENTITY)
    seen = _open_document(qtbot, window).lower()
    assert not any(identity in seen for identity in IDENTITY)
