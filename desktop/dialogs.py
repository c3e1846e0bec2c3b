"""Dialogs around the encrypted store: create or unlock the database, create an account or log in, change the
passphrase, add a user. Each check runs in the background thread; a failure shows a French message and the user
tries again."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import settings
from desktop.backend import Backend
from desktop.store import ROLE_LABELS, ROLES, Store, StoreError, User

MIN_PASSPHRASE = 8


class _BackendDialog(QDialog):
    """A form whose OK runs a check in the background thread and closes only when the check succeeds."""

    def __init__(self, backend: Backend, title: str, intro: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.backend = backend
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        intro_label = QLabel(intro)
        intro_label.setWordWrap(True)
        layout.addWidget(intro_label)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Valider")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuler")
        self.value = None
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _secret(self, label: str) -> QLineEdit:
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(label, field)
        return field

    def _text(self, label: str) -> QLineEdit:
        field = QLineEdit()
        self.form.addRow(label, field)
        return field

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
        self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        self.buttons.setEnabled(not busy)
        for index in range(self.form.rowCount()):
            item = self.form.itemAt(index, QFormLayout.ItemRole.FieldRole)
            if item and item.widget():
                item.widget().setEnabled(not busy)

    def _run(self, fn) -> None:
        """Run `fn(backend)` in the background; accept on success, show the French message on failure."""
        self.error.hide()
        self._set_busy(True)
        self.backend.call(fn, self._succeeded, self._failed)

    def _succeeded(self, result) -> None:
        self.value = result
        self._set_busy(False)
        self.accept()

    def _failed(self, error: Exception) -> None:
        from inference.completeness import RulesError

        expected = isinstance(error, (StoreError, RulesError, OSError))
        message = str(error) if expected else f"Erreur inattendue : {error}"
        self.show_error(message)

    def _submit(self) -> None:
        raise NotImplementedError


class CreateDatabaseDialog(_BackendDialog):
    """First launch: choose the passphrase that encrypts the database."""

    def __init__(self, backend: Backend, path: Path, parent: QWidget | None = None):
        super().__init__(
            backend,
            "MedClair — création de la base chiffrée",
            "Bienvenue. Choisissez la phrase de passe qui chiffre la base de données de ce poste "
            f"({MIN_PASSPHRASE} caractères au moins). Sans elle, les documents sont illisibles : "
            "conservez-la en lieu sûr.",
            parent,
        )
        self.path = path
        self.passphrase = self._secret("Phrase de passe :")
        self.confirm = self._secret("Confirmation :")

    def _submit(self) -> None:
        passphrase = self.passphrase.text()
        if len(passphrase) < MIN_PASSPHRASE:
            self.show_error(f"La phrase de passe doit contenir au moins {MIN_PASSPHRASE} caractères.")
        elif passphrase != self.confirm.text():
            self.show_error("Les deux phrases de passe ne correspondent pas.")
        else:
            path = self.path
            self._run(lambda backend: backend.attach(Store.create(passphrase, path)))


class UnlockDialog(_BackendDialog):
    """Later launches: the passphrase opens the database; a wrong one changes nothing."""

    def __init__(self, backend: Backend, path: Path, parent: QWidget | None = None):
        super().__init__(
            backend,
            "MedClair — déverrouillage",
            "Saisissez la phrase de passe de la base de données.",
            parent,
        )
        self.path = path
        self.passphrase = self._secret("Phrase de passe :")

    def _submit(self) -> None:
        passphrase, path = self.passphrase.text(), self.path
        self._run(lambda backend: backend.attach(Store.open(passphrase, path)))

    def _failed(self, error: Exception) -> None:
        super()._failed(error)
        self.passphrase.clear()
        self.passphrase.setFocus()


class CreateAccountDialog(_BackendDialog):
    """The first account (administrator), or a new account created by an administrator."""

    def __init__(self, backend: Backend, first: bool, parent: QWidget | None = None):
        super().__init__(
            backend,
            "MedClair — compte administrateur" if first else "MedClair — nouvel utilisateur",
            "Créez le compte administrateur de ce poste : il gère les utilisateurs et leurs droits."
            if first
            else "Créez un compte pour un membre de l'équipe.",
            parent,
        )
        self.first = first
        self.username = self._text("Identifiant :")
        self.role = QComboBox()
        for role in ROLES:
            self.role.addItem(ROLE_LABELS[role], role)
        if first:
            self.role.setEnabled(False)
        else:
            self.form.addRow("Rôle :", self.role)
        self.password = self._secret("Mot de passe :")
        self.confirm = self._secret("Confirmation :")
        self.user: User | None = None

    def _submit(self) -> None:
        username, password = self.username.text().strip(), self.password.text()
        if not username:
            self.show_error("Saisissez un identifiant.")
        elif password != self.confirm.text():
            self.show_error("Les deux mots de passe ne correspondent pas.")
        elif self.first:
            self._run(lambda backend: backend.create_first_account(username, password))
        else:
            role = self.role.currentData()
            self._run(lambda backend: backend.store.add_user(username, password, role, backend.user.username))

    def _succeeded(self, result) -> None:
        self.user = result
        super()._succeeded(result)


class LoginDialog(_BackendDialog):
    """Who is working: at launch and after an automatic lock."""

    def __init__(self, backend: Backend, locked: bool = False, parent: QWidget | None = None):
        super().__init__(
            backend,
            "MedClair — verrouillé" if locked else "MedClair — connexion",
            "Session verrouillée après inactivité. Identifiez-vous pour continuer."
            if locked
            else "Identifiez-vous.",
            parent,
        )
        self.username = self._text("Identifiant :")
        self.password = self._secret("Mot de passe :")
        self.user: User | None = None

    def _submit(self) -> None:
        username, password = self.username.text(), self.password.text()
        self._run(lambda backend: backend.login(username, password))

    def _succeeded(self, result) -> None:
        self.user = result
        super()._succeeded(result)

    def _failed(self, error: Exception) -> None:
        super()._failed(error)
        self.password.clear()
        self.password.setFocus()


class ChangePassphraseDialog(_BackendDialog):
    """Re-encrypt the database under a new passphrase (PRAGMA rekey)."""

    def __init__(self, backend: Backend, parent: QWidget | None = None):
        super().__init__(
            backend,
            "MedClair — changer la phrase de passe",
            "La base sera entièrement rechiffrée avec la nouvelle phrase de passe.",
            parent,
        )
        self.current = self._secret("Phrase de passe actuelle :")
        self.passphrase = self._secret("Nouvelle phrase de passe :")
        self.confirm = self._secret("Confirmation :")

    def _submit(self) -> None:
        current, new = self.current.text(), self.passphrase.text()
        if len(new) < MIN_PASSPHRASE:
            self.show_error(f"La phrase de passe doit contenir au moins {MIN_PASSPHRASE} caractères.")
        elif new != self.confirm.text():
            self.show_error("Les deux phrases de passe ne correspondent pas.")
        else:
            self._run(lambda backend: backend.rekey(current, new))


class SettingsDialog(_BackendDialog):
    """Administrator's settings: OCR, auto-lock delay, and the completeness rules and questions (validated)."""

    def __init__(self, backend: Backend, current: dict, parent: QWidget | None = None):
        super().__init__(
            backend,
            "MedClair — paramètres",
            "Les règles de complétude et les questions sont vérifiées avant d'être appliquées : "
            "un fichier invalide ne change rien.",
            parent,
        )
        self.resize(760, 640)
        self.ocr = QCheckBox("Reconnaissance de caractères (OCR) des pages scannées")
        self.ocr.setChecked(current["ocr"])
        self.form.addRow(self.ocr)
        self.autolock = QSpinBox()
        self.autolock.setRange(1, 240)
        self.autolock.setSuffix(" min")
        self.autolock.setValue(current["autolock_minutes"])
        self.form.addRow("Verrouillage après inactivité :", self.autolock)
        self.rules_tabs = QTabWidget()
        self.editors: dict[str, QPlainTextEdit] = {}
        for name, title in zip(settings.RULE_FILES, ("Règles de complétude", "Questions")):
            editor = QPlainTextEdit(current["rules"][name])
            editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
            self.editors[name] = editor
            self.rules_tabs.addTab(editor, title)
        self.form.addRow(self.rules_tabs)
        self.reset = QPushButton("Rétablir les règles d'origine")
        self.reset.clicked.connect(self._reset_rules)
        self.form.addRow(self.reset)
        self._original = dict(current["rules"])

    def _reset_rules(self) -> None:
        for name, text in settings.shipped_rules().items():
            self.editors[name].setPlainText(text)

    def _submit(self) -> None:
        rules = {name: editor.toPlainText() for name, editor in self.editors.items()}
        changed = rules if rules != self._original else None
        ocr, minutes = self.ocr.isChecked(), self.autolock.value()
        self._run(lambda backend: backend.apply_settings(ocr, minutes, changed))


class RestoreDialog(_BackendDialog):
    """Replace the database by an encrypted backup; the current file is kept beside it."""

    def __init__(self, backend: Backend, path: Path, parent: QWidget | None = None):
        super().__init__(
            backend,
            "MedClair — restaurer une sauvegarde",
            f"Restaurer « {path.name} » ? La base actuelle est conservée à côté sous un autre nom ; "
            "chacun devra se reconnecter avec les comptes de la sauvegarde.",
            parent,
        )
        self.path = path
        self.passphrase = self._secret("Phrase de passe de la sauvegarde :")

    def _submit(self) -> None:
        passphrase, path = self.passphrase.text(), self.path
        self._run(lambda backend: backend.restore(path, passphrase))
