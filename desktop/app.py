"""Starting the GUI: create or unlock the database, create the first account or log in, then the main window."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

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


def run_gui() -> int:
    """`medclair` with no argument."""
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("MedClair")
    app.setOrganizationName("MedClair")
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
