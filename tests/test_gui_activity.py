"""User activity postpones the auto-lock. It is watched on the top-level windows, where input arrives first: an
application-wide event filter would make every UI event enter Python and wait for the GIL behind the analysis
running in the backend thread (the UI stalled 60-130 ms per imported file)."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog

from desktop.backend import Backend
from desktop.main_window import MainWindow
from desktop.store import Store

WAIT_MS = 60_000


@pytest.fixture
def window(qtbot, data_dir: Path, tmp_path: Path):
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    backend = Backend.start()
    done = {}

    def prepare(b: Backend):
        b.attach(Store.create("phrase de passe du poste", data_dir / "medclair.db"))
        return b.create_first_account("admin", "motdepasse-admin")

    backend.call(prepare, lambda user: done.setdefault("user", user), lambda error: done.setdefault("error", error))
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT_MS)
    assert "user" in done, done
    window = MainWindow(backend, done["user"])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    backend.shutdown()


def _key_press() -> QKeyEvent:
    return QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")


def test_input_in_the_window_or_a_dialog_postpones_the_auto_lock(qtbot, window):
    dialog = QDialog(window)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is dialog.windowHandle(), timeout=WAIT_MS)
    for target in (window.windowHandle(), dialog.windowHandle()):
        window._autolock.stop()
        QApplication.sendEvent(target, _key_press())
        assert window._autolock.isActive()
    dialog.close()


def test_no_application_wide_filter_sees_events_sent_to_widgets(qtbot, window):
    window._autolock.stop()
    QApplication.sendEvent(window.table, _key_press())  # not through a window: no Python filter runs
    assert not window._autolock.isActive()
