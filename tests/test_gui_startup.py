"""Starting the GUI: Qt's own words in French, and the start-up hooks used by the benchmark and the installer test."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.app import install_french

ROOT = Path(__file__).resolve().parent.parent


def test_qt_dialog_buttons_speak_french(qtbot):
    app = QApplication.instance()
    previous = QLocale()
    translator = install_french(app)
    try:
        assert translator is not None
        box = QMessageBox(QMessageBox.Icon.Question, "MedClair", "Supprimer ?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        qtbot.addWidget(box)
        assert box.button(QMessageBox.StandardButton.Yes).text().replace("&", "") == "Oui"
    finally:
        app.removeTranslator(translator)
        QLocale.setDefault(previous)


def test_first_window_reports_its_start_time_and_smoke_exit_quits(tmp_path):
    env = {**os.environ, "MEDCLAIR_DATA_DIR": str(tmp_path), "QT_QPA_PLATFORM": "offscreen",
           "MEDCLAIR_REPORT_STARTUP": "1", "MEDCLAIR_SMOKE_EXIT_MS": "0", "XDG_CONFIG_HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, str(ROOT / "main.py")], env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    startup = [line for line in result.stderr.splitlines() if line.startswith("startup_ms=")]
    assert len(startup) == 1 and float(startup[0].split("=")[1]) > 0
    assert "création de la base chiffrée » affichée" in result.stderr
    assert not (tmp_path / "medclair.db").exists()
