"""The administrator's view of the audit log, with a check of its hash chain."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout

from desktop.backend import Backend
from desktop.store import AuditEntry

COLUMNS = ["N°", "Date (UTC)", "Utilisateur", "Action", "Objet", "Détail"]
ACTION_LABELS = {
    "import": "Import",
    "consultation": "Consultation",
    "export": "Export",
    "suppression": "Suppression",
    "connexion": "Connexion",
    "echec_connexion": "Échec de connexion",
    "verrouillage": "Verrouillage",
    "creation_compte": "Création de compte",
    "suppression_compte": "Suppression de compte",
    "mot_de_passe": "Changement de mot de passe",
    "correction": "Correction",
    "parametres": "Paramètres",
    "sauvegarde": "Sauvegarde",
    "restauration": "Restauration",
    "changement_phrase_de_passe": "Changement de phrase de passe",
}


class AuditDialog(QDialog):
    def __init__(self, backend: Backend, parent=None):
        super().__init__(parent)
        self.setWindowTitle("MedClair — journal d'audit")
        self.resize(900, 520)
        layout = QVBoxLayout(self)
        self.verdict = QLabel("Vérification de la chaîne…")
        layout.addWidget(self.verdict)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Fermer")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.broken_at: int | None = None
        self.checked = False
        backend.call(lambda b: (b.store.audit_entries(), b.store.verify_audit()), self._show)

    def _show(self, result: tuple[list[AuditEntry], int | None]) -> None:
        entries, broken_at = result
        self.broken_at = broken_at
        self.checked = True
        if broken_at is None:
            self.verdict.setText(f"Chaîne d'audit intègre ({len(entries)} entrées).")
            self.verdict.setStyleSheet("color: #1b5e20; font-weight: bold;")
        else:
            self.verdict.setText(f"Chaîne d'audit ROMPUE à l'entrée n° {broken_at} : le journal a été modifié.")
            self.verdict.setStyleSheet("color: #b00020; font-weight: bold;")
        self.table.setRowCount(len(entries))
        for index, entry in enumerate(entries):
            target = entry.target or ""
            values = (
                str(entry.id), entry.at, entry.username or "", ACTION_LABELS.get(entry.action, entry.action),
                target[:16] + "…" if len(target) == 64 else target, entry.detail or "",
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 4:
                    item.setToolTip(target)
                self.table.setItem(index, column, item)
