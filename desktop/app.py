"""Starting the GUI: create or unlock the database, create the first account or log in, then the main window."""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, QTimer, QTranslator, Signal
from PySide6.QtWidgets import QApplication, QWidget

from desktop.backend import Backend
from desktop.dialogs import CreateAccountDialog, CreateDatabaseDialog, LoginDialog, UnlockDialog
from desktop.store import Store, default_db_path


class Launcher(QObject):
    """Chains the opening dialogs without blocking (tests drive `launcher.dialog`); emits the main window."""

    window_ready = Signal(object)
    cancelled = Signal()

    def __init__(self, backend: Backend, path: Path | None = None):
        super().__init__()
        self.backend = backend
        self.path = Path(path or default_db_path())
        self.dialog = None
        self.window = None

    def start(self) -> None:
        self.backend.warm_up()
        if Store.exists(self.path):
            self._show(UnlockDialog(self.backend, self.path), self._database_open)
        else:
            self._show(CreateDatabaseDialog(self.backend, self.path), self._database_open)

    def _show(self, dialog, on_accepted) -> None:
        self.dialog = dialog
        dialog.accepted.connect(on_accepted)
        dialog.rejected.connect(self.cancelled)
        dialog.open()

    def _database_open(self) -> None:
        has_users = self.dialog.value
        self.backend.load_engine()
        if has_users:
            self._show(LoginDialog(self.backend), self._logged_in)
        else:
            self._show(CreateAccountDialog(self.backend, first=True), self._logged_in)

    def quit_with_last_window(self) -> None:
        QApplication.instance().setQuitOnLastWindowClosed(True)

    def _logged_in(self) -> None:
        from desktop.main_window import MainWindow  # after the first dialog: it pulls in the engine's modules

        user = self.dialog.value
        self.dialog = None
        self.window = MainWindow(self.backend, user)
        self.window.show()
        self.window_ready.emit(self.window)


def process_age_ms() -> float:
    """Milliseconds since this process started (Linux: from /proc, so the interpreter's own start counts too);
    elsewhere since this module was imported."""
    try:
        with open("/proc/self/stat", encoding="ascii") as handle:
            started = int(handle.read().rpartition(")")[2].split()[19]) / os.sysconf("SC_CLK_TCK")
        with open("/proc/uptime", encoding="ascii") as handle:
            uptime = float(handle.read().split()[0])
        return (uptime - started) * 1000
    except (OSError, ValueError, IndexError):
        return (time.monotonic() - _IMPORTED) * 1000


_IMPORTED = time.monotonic()


class FirstPaint(QObject):
    """Watches for the first window painted. MEDCLAIR_REPORT_STARTUP=1 prints `startup_ms=<ms since process
    start>` to stderr (the benchmark reads it); MEDCLAIR_SMOKE_EXIT_MS=<n> quits <n> ms later with status 0
    (the installer's smoke test)."""

    def __init__(self, report: bool, exit_after_ms: int | None):
        super().__init__()
        self.report = report
        self.exit_after_ms = exit_after_ms

    @classmethod
    def from_environment(cls) -> "FirstPaint | None":
        report = os.environ.get("MEDCLAIR_REPORT_STARTUP", "") not in ("", "0")
        smoke = os.environ.get("MEDCLAIR_SMOKE_EXIT_MS", "")
        exit_after = int(smoke) if smoke.isdigit() else None
        return cls(report, exit_after) if report or exit_after is not None else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget) and watched.isWindow():
            QApplication.instance().removeEventFilter(self)
            if self.report:
                print(f"startup_ms={process_age_ms():.0f}", file=sys.stderr, flush=True)
            if self.exit_after_ms is not None:
                french = QApplication.translate("QPlatformTheme", "Cancel") != "Cancel"
                print(f"MedClair : fenêtre « {watched.windowTitle()} » affichée (Qt en français : "
                      f"{'oui' if french else 'non'}).", file=sys.stderr, flush=True)
                QTimer.singleShot(self.exit_after_ms, QApplication.instance().quit)
        return False


def install_french(app: QApplication) -> QTranslator | None:
    """Qt's own words (Oui/Non, Annuler, the file dialogs) and number and date formats in French; returns the
    translator installed, None when Qt's French catalogue is missing."""
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    translator = QTranslator(app)
    if not translator.load(QLocale(QLocale.Language.French), "qtbase", "_",
                           QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        return None
    app.installTranslator(translator)
    return translator


def run_gui() -> int:
    """`medclair` with no argument."""
    app = QApplication.instance() or QApplication(sys.argv)
    first_paint = FirstPaint.from_environment()
    if first_paint is not None:
        app.installEventFilter(first_paint)
    app.setApplicationName("MedClair")
    app.setOrganizationName("MedClair")
    install_french(app)
    app.setQuitOnLastWindowClosed(False)  # dialogs close one after the other before the window exists
    backend = Backend.start()
    launcher = Launcher(backend)
    launcher.cancelled.connect(app.quit)
    launcher.window_ready.connect(launcher.quit_with_last_window)
    launcher.start()
    try:
        return app.exec()
    finally:
        backend.shutdown()
