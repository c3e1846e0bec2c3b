"""The administrator's list of accounts: add, reset a password, remove."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.backend import Backend
from desktop.store import User


class UsersDialog(QDialog):
    def __init__(self, backend: Backend, parent=None):
        super().__init__(parent)
        self.backend = backend
        self.setWindowTitle("MedClair — utilisateurs")
        self.resize(520, 380)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["Identifiant", "Rôle"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        for text, slot in (("Ajouter…", self.add), ("Nouveau mot de passe…", self.choose_password),
                           ("Supprimer", self.choose_remove)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        layout.addLayout(buttons)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.users: list[User] = []
        self.refresh()

    def refresh(self) -> None:
        self.backend.call(lambda b: b.store.list_users(), self._show)

    def _show(self, users: list[User]) -> None:
        self.users = users
        self.table.setRowCount(len(users))
        for index, user in enumerate(users):
            self.table.setItem(index, 0, QTableWidgetItem(user.username))
            self.table.setItem(index, 1, QTableWidgetItem(user.role_label))

    def _selected(self) -> User | None:
        rows = self.table.selectionModel().selectedRows()
        return self.users[rows[0].row()] if rows else None

    def _done(self, message: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(message)
        self.refresh()

    def _failed(self, error: Exception) -> None:
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText(str(error))

    def add(self) -> None:
        from desktop.dialogs import CreateAccountDialog

        dialog = CreateAccountDialog(self.backend, first=False, parent=self)
        dialog.accepted.connect(self.refresh)
        dialog.open()

    def choose_password(self) -> None:
        user = self._selected()
        if user is None:
            return
        password, ok = QInputDialog.getText(
            self, "Nouveau mot de passe", f"Nouveau mot de passe pour « {user.username} » :", QLineEdit.EchoMode.Password
        )
        if ok:
            self.set_password(user.username, password)

    def set_password(self, username: str, password: str) -> None:
        self.backend.call(
            lambda b: b.store.set_password(username, password, b.user.username),
            lambda _: self._done(f"Mot de passe de « {username} » changé."),
            self._failed,
        )

    def choose_remove(self) -> None:
        user = self._selected()
        if user is None:
            return
        answer = QMessageBox.question(self, "Supprimer", f"Supprimer le compte « {user.username} » ?")
        if answer == QMessageBox.StandardButton.Yes:
            self.remove(user.username)

    def remove(self, username: str) -> None:
        self.backend.call(
            lambda b: b.store.remove_user(username, b.user.username),
            lambda _: self._done(f"Compte « {username} » supprimé."),
            self._failed,
        )
