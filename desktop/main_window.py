"""The main window: drop documents, follow the batch, filter and search, read what is missing."""
from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction, QColor, QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence, QPixmap, QShowEvent, QTextCursor,
    QWindow,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from inference.analysis import Analysis
from inference.lab_results import severity
from inference.request_type import LABELS as REQUEST_LABELS
from desktop import exports, importer, privacy
from desktop.backend import Backend
from desktop.labels import ENTITY_LABELS, FLAG_LABELS, element_label
from desktop.pages import PageImage, colour_for
from desktop.settings import DEFAULT_AUTOLOCK_MINUTES
from desktop.store import DocumentRow, User

COLUMNS = ["Fichier", "Type de demande", "Manquants", "Statut"]
WELCOME = (
    "<h3 style='color:#555'>Aucun document ouvert</h3><p style='color:#555'>Déposez des PDF dans la liste de gauche "
    "(ou « Ouvrir des fichiers… »), puis cliquez sur un document : les éléments manquants et les questions à "
    "renvoyer au demandeur s'affichent ici.</p>"
)
STORED = "Enregistré"


@dataclass
class Row:
    """One line of the document list: a stored document, or a file that could not be imported."""

    filename: str
    request_label: str = ""
    missing: int | None = None
    status: str = STORED
    doc_id: int | None = None
    message: str = ""
    path: Path | None = None

    @classmethod
    def stored(cls, row: DocumentRow, status: str = STORED, identities: bool = True) -> "Row":
        """The file name only for a role that may see identities: it often carries the patient's name."""
        filename = row.filename if identities else privacy.neutral_name(row.id)
        return cls(filename, row.request_label, row.missing_count, status, row.id)


class MainWindow(QMainWindow):
    import_finished = Signal(int, int, int, bool)  # imported, duplicates, errors, cancelled: once the rows show it

    def __init__(self, backend: Backend, user: User):
        super().__init__()
        self.backend = backend
        self.user = user
        self.rows: list[Row] = []
        self._session_status: dict[int, str] = {}
        self._errors: list[Row] = []
        self._shown_doc: int | None = None
        self._analysis: Analysis | None = None
        self.lock_dialog: QDialog | None = None
        self.setWindowTitle("MedClair")
        self.setAcceptDrops(True)
        self.resize(1200, 760)
        self._build_toolbar()
        self._build_central()
        self._build_statusbar()
        self._build_menus()
        self._autolock = QTimer(self)
        self._autolock.setSingleShot(True)
        self._autolock.timeout.connect(self.lock)
        self.set_autolock_minutes(DEFAULT_AUTOLOCK_MINUTES)
        # User activity is watched on the top-level windows (input reaches a window before its widgets), not on
        # the whole application: an application filter makes every paint, layout and timer event of the UI
        # thread enter Python, and each entry waits for the GIL behind the analysis running in the backend
        # thread (60-130 ms stalls per imported file).
        QGuiApplication.instance().focusWindowChanged.connect(self._watch_window)
        self.page_scroll.viewport().installEventFilter(self)
        backend.file_done.connect(self._file_done)
        backend.batch_started.connect(self._batch_started)
        backend.batch_finished.connect(self._batch_finished)
        backend.engine_loading.connect(self._engine_loading)
        backend.engine_ready.connect(self._engine_ready)
        backend.engine_failed.connect(self._engine_failed)
        self._restore_layout()
        self.backend.call(lambda b: b.store.get_setting("autolock_minutes"), self._autolock_setting)
        self.refresh()

    # -- layout --------------------------------------------------------------------------------------------

    def _build_toolbar(self) -> None:
        bar = self.addToolBar("Documents")
        bar.setObjectName("documents-toolbar")
        self.open_files_action = QAction("Ouvrir des fichiers…", self)
        self.open_files_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_files_action.triggered.connect(self.choose_files)
        self.open_folder_action = QAction("Ouvrir un dossier…", self)
        self.open_folder_action.triggered.connect(self.choose_folder)
        self.export_action = QAction("Exporter…", self)
        self.export_action.triggered.connect(self.choose_export)
        self.delete_action = QAction("Supprimer le document…", self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.triggered.connect(self.delete_selected)
        self.lock_action = QAction("Verrouiller", self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        for action in (self.open_files_action, self.open_folder_action):
            bar.addAction(action)
        bar.addSeparator()
        bar.addAction(self.export_action)
        bar.addAction(self.lock_action)
        self.addToolBarBreak()
        bar = self.addToolBar("Recherche et filtres")  # its own row: on one row, Exporter and Verrouiller overflowed
        bar.setObjectName("filters-toolbar")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Rechercher dans les documents…")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.search.setMaximumWidth(420)
        self._search_delay = QTimer(self)
        self._search_delay.setSingleShot(True)
        self._search_delay.setInterval(250)
        self._search_delay.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._search_delay.start)
        find = QAction("Rechercher", self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self._focus_search)
        self.addAction(find)
        bar.addWidget(self.search)
        self.type_filter = QComboBox()
        self.type_filter.addItem("Tous les types", None)
        for code, label in REQUEST_LABELS.items():
            self.type_filter.addItem(label, code)
        self.complete_filter = QComboBox()
        for label, value in (("Complets et incomplets", None), ("Incomplets", False), ("Complets", True)):
            self.complete_filter.addItem(label, value)
        self.alerts_filter = QComboBox()
        for label, value in (("Avec ou sans alerte", None), ("Avec alertes", True), ("Sans alerte", False)):
            self.alerts_filter.addItem(label, value)
        self.date_filter = QComboBox()
        for label, days in (("Toutes les dates", None), ("Aujourd'hui", 0), ("7 derniers jours", 7),
                            ("30 derniers jours", 30)):
            self.date_filter.addItem(label, days)
        for combo in (self.type_filter, self.complete_filter, self.alerts_filter, self.date_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(22 if combo is self.type_filter else 17)
            combo.currentIndexChanged.connect(self.refresh)
            bar.addWidget(combo)

    def _build_central(self) -> None:
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.horizontalHeaderItem(2).setToolTip("Nombre d'éléments essentiels manquants")
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setSortingEnabled(False)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self.sort_by)
        self._sort: tuple[int, bool] | None = None
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.hint = QLabel("Déposez ici des PDF, des fichiers texte ou des images (ou un dossier), "
                           "ou utilisez « Ouvrir… ».")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setWordWrap(True)  # else its one line sets the list's minimum width
        self.hint.setStyleSheet("color: #555; padding: 8px; border: 2px dashed #aaa;")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.hint)
        left_layout.addWidget(self.table)

        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.details.setHtml(WELCOME)
        self.details.anchorClicked.connect(self._link_clicked)
        self.text_view = QPlainTextEdit()
        self.text_view.setReadOnly(True)
        self.deidentified = QCheckBox("Vue désidentifiée")
        self.deidentified.toggled.connect(self._show_text)
        text_tab = QWidget()
        text_layout = QVBoxLayout(text_tab)
        text_layout.setContentsMargins(0, 0, 0, 0)
        self.add_entity_button = QPushButton("Ajouter la sélection comme entité…")
        self.add_entity_button.clicked.connect(self.choose_entity_label)
        text_bar = QHBoxLayout()
        text_bar.addWidget(self.deidentified)
        text_bar.addStretch(1)
        text_bar.addWidget(self.add_entity_button)
        text_layout.addLayout(text_bar)
        text_layout.addWidget(self.text_view)
        self.copy_button = QPushButton("Copier les questions")
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(self.copy_questions)
        review_tab = QWidget()
        review_layout = QVBoxLayout(review_tab)
        review_layout.setContentsMargins(0, 0, 0, 0)
        review_layout.addWidget(self.details)
        self.letter_button = QPushButton("Lettre de questions (PDF)…")
        self.letter_button.setEnabled(False)
        self.letter_button.clicked.connect(self.choose_letter)
        review_buttons = QHBoxLayout()
        review_buttons.addStretch(1)
        review_buttons.addWidget(self.copy_button)
        review_buttons.addWidget(self.letter_button)
        review_layout.addLayout(review_buttons)
        self.tabs = QTabWidget()
        self.tabs.addTab(review_tab, "Éléments manquants et questions")
        self.tabs.addTab(text_tab, "Texte")
        self.tabs.addTab(self._build_page_tab(), "Document")

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setSizes([500, 700])
        self.lock_page = QLabel("MedClair est verrouillé.\nIdentifiez-vous pour continuer.")
        self.lock_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lock_page.setStyleSheet("font-size: 18px; color: #555;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.splitter)
        self.stack.addWidget(self.lock_page)
        self.setCentralWidget(self.stack)

    def _build_page_tab(self) -> QWidget:
        self.page_label = QLabel()
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_label.setWordWrap(True)
        self.page_scroll = QScrollArea()
        self.page_scroll.setWidget(self.page_label)
        self.page_scroll.setWidgetResizable(True)
        self.page_previous = QPushButton("◀ Page précédente")
        self.page_next = QPushButton("Page suivante ▶")
        self.page_position = QLabel()
        self.page_previous.clicked.connect(self.previous_page)
        self.page_next.clicked.connect(self.next_page)
        self.found = QListWidget()
        self.found.setMaximumWidth(200)
        self.found.currentRowChanged.connect(self._found_selected)
        navigation = QHBoxLayout()
        navigation.addWidget(self.page_previous)
        navigation.addWidget(self.page_position, 1, Qt.AlignmentFlag.AlignCenter)
        navigation.addWidget(self.page_next)
        viewer = QVBoxLayout()
        viewer.addLayout(navigation)
        viewer.addWidget(self.page_scroll)
        tab = QWidget()
        layout = QHBoxLayout(tab)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(viewer, 1)
        self.remove_entity_button = QPushButton("Retirer l'entité")
        self.remove_entity_button.clicked.connect(self.remove_selected_entity)
        side = QVBoxLayout()
        side.addWidget(self.found)
        side.addWidget(self.remove_entity_button)
        layout.addLayout(side)
        self.page_image = PageImage(None, 1, 1)
        self._highlights: list[dict] = []
        self._focus: tuple[int, int] | None = None
        return tab

    def _build_statusbar(self) -> None:
        self.status = QLabel("Prêt.")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(260)
        self.progress.setFormat("%v / %m")
        self.cancel_button = QPushButton("Annuler l'import")
        self.cancel_button.clicked.connect(self.cancel_import)
        self.user_label = QLabel()
        bar = self.statusBar()
        bar.addWidget(self.status, 1)
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        bar.addPermanentWidget(self.user_label)
        self.progress.hide()
        self.cancel_button.hide()
        self._show_user()

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu("&Fichier")
        menu.addAction(self.open_files_action)
        menu.addAction(self.open_folder_action)
        menu.addAction(self.export_action)
        menu.addAction("Exporter les corrections…", self.choose_annotations_export)
        menu.addAction(self.delete_action)
        menu.addSeparator()
        menu.addAction(self.lock_action)
        quit_action = QAction("Quitter", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        menu.addAction(quit_action)
        self.admin_menu = self.menuBar().addMenu("&Administration")
        self.admin_menu.addAction("Utilisateurs…", self.show_users)
        self.admin_menu.addAction("Journal d'audit…", self.show_audit)
        self.admin_menu.addAction("Paramètres…", self.open_settings)
        self.admin_menu.addAction("Changer la phrase de passe…", self.change_passphrase)
        self.admin_menu.addSeparator()
        self.admin_menu.addAction("Sauvegarde chiffrée…", self.choose_backup)
        self.admin_menu.addAction("Restaurer une sauvegarde…", self.choose_restore)
        self._apply_role()

    def _apply_role(self) -> None:
        self.admin_menu.menuAction().setVisible(self.user.can_manage)
        self.delete_action.setVisible(self.user.can_delete)
        identities = self.user.can_see_identities
        if not identities:
            self.deidentified.setChecked(True)
        self.deidentified.setEnabled(identities)
        self.deidentified.setToolTip("" if identities else "Votre rôle donne accès au texte désidentifié seulement.")
        self.add_entity_button.setVisible(identities)

    def _show_user(self) -> None:
        self.user_label.setText(f"{self.user.username} ({self.user.role_label})")

    # -- import --------------------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, "Ouvrir des documents", "",
            "Documents (*.pdf *.txt *.png *.jpg *.jpeg *.tif *.tiff *.bmp);;Tous les fichiers (*)",
        )
        if files:
            self.import_paths([Path(f) for f in files])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Ouvrir un dossier de documents")
        if folder:
            self.import_paths([Path(folder)])

    def import_paths(self, paths: list[Path]) -> None:
        self.backend.import_paths(paths)

    def cancel_import(self) -> None:
        """Directly from the UI thread (a queued call would wait behind the next file)."""
        self.backend.cancel_import()
        self.status.setText("Annulation après le fichier en cours…")

    def _batch_started(self, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.show()
        self.cancel_button.show()
        self.status.setText("Import en cours…")

    def _file_done(self, result: importer.ImportResult, row: DocumentRow | None, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        self.status.setText(f"{done} / {total} : {result.path.name}")
        if row is not None:
            status = "Analysé" if result.status == importer.IMPORTED else "Déjà importé"
            self._session_status[row.id] = status
            self._put_row(Row.stored(row, status, self.user.can_see_identities))
        else:
            error = Row(result.path.name, status="Erreur", message=result.message, path=result.path)
            self._errors.insert(0, error)
            self._put_row(error)

    def _batch_finished(self, imported: int, duplicates: int, errors: int, cancelled: bool) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        summary = f"{imported} document(s) analysé(s), {duplicates} déjà importé(s), {errors} en erreur."
        self.status.setText(("Import annulé. " if cancelled else "Import terminé. ") + summary)
        self.import_finished.emit(imported, duplicates, errors, cancelled)

    def _engine_loading(self) -> None:
        self.status.setText("Chargement du moteur d'analyse…")

    def _engine_ready(self) -> None:
        self.status.setText("Prêt.")

    def _engine_failed(self, message: str) -> None:
        self.status.setText(message)
        QMessageBox.critical(self, "MedClair", message)

    # -- list ----------------------------------------------------------------------------------------------

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def filters(self) -> dict:
        days = self.date_filter.currentData()
        since = None
        if days is not None:
            start = datetime.now(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
            since = (start - timedelta(days=days)).isoformat(timespec="seconds")
        return {
            "search": self.search.text().strip() or None,
            "request_type": self.type_filter.currentData(),
            "complete": self.complete_filter.currentData(),
            "has_alerts": self.alerts_filter.currentData(),
            "since": since,
        }

    def refresh(self) -> None:
        filters = self.filters()
        self.backend.call(lambda b: b.list_documents(filters), lambda rows: self._show_rows(rows, filters))

    def _show_rows(self, rows: list[DocumentRow], filters: dict) -> None:
        if filters != self.filters():
            return  # a newer refresh is on its way
        unfiltered = not any(value is not None for value in filters.values())
        self.rows = (list(self._errors) if unfiltered else []) + [
            Row.stored(row, self._session_status.get(row.id, STORED), self.user.can_see_identities) for row in rows
        ]
        self._render_rows()

    def sort_by(self, column: int) -> None:
        """Header click: sort on that column, again to reverse."""
        descending = self._sort == (column, False)
        self._sort = (column, descending)
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.horizontalHeader().setSortIndicator(column, order)
        self._render_rows()

    def _render_rows(self) -> None:
        if self._sort is not None:
            column, descending = self._sort
            keys = (
                lambda row: row.filename.lower(),
                lambda row: row.request_label,
                lambda row: -1 if row.missing is None else row.missing,
                lambda row: row.status,
            )
            self.rows.sort(key=keys[column], reverse=descending)
        self.table.setRowCount(0)
        for row in self.rows:
            self._append_table_row(row)
        self._select_doc(self._shown_doc)

    def _put_row(self, row: Row) -> None:
        """Update the line of this document, or add the line on top."""
        if row.doc_id is not None:
            for index, existing in enumerate(self.rows):
                if existing.doc_id == row.doc_id:
                    self.rows[index] = row
                    self._fill_table_row(index, row)
                    return
        self.rows.insert(0, row)
        self.table.insertRow(0)
        self._fill_table_row(0, row)

    def _append_table_row(self, row: Row) -> None:
        index = self.table.rowCount()
        self.table.insertRow(index)
        self._fill_table_row(index, row)

    def _fill_table_row(self, index: int, row: Row) -> None:
        missing = "" if row.missing is None else str(row.missing)
        for column, value in enumerate((row.filename, row.request_label, missing, row.status)):
            item = QTableWidgetItem(value)
            if row.message:
                item.setToolTip(row.message)
            if column == 2:
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            if row.status == "Erreur":
                item.setForeground(Qt.GlobalColor.darkRed)
            self.table.setItem(index, column, item)

    def _select_doc(self, doc_id: int | None) -> None:
        if doc_id is None:
            return
        for index, row in enumerate(self.rows):
            if row.doc_id == doc_id:
                self.table.selectRow(index)
                return

    def _selection_changed(self) -> None:
        selected = self.table.selectionModel().selectedRows()
        if not selected:
            return
        row = self.rows[selected[0].row()]
        if row.doc_id is None:
            self._shown_doc = None
            self._analysis = None
            self.copy_button.setEnabled(False)
            self.details.setHtml(
                f"<h2>{html.escape(row.filename)}</h2><p style='color:#b00020'>{html.escape(row.message)}</p>"
            )
            self.text_view.setPlainText("")
            return
        if row.doc_id == self._shown_doc and self._analysis is not None:
            return
        doc_id = row.doc_id
        self._shown_doc = doc_id
        self.backend.call(lambda b: b.open_document(doc_id), lambda opened: self._show_analysis(doc_id, *opened))

    def _refresh_row(self, doc_id: int, missing: int) -> None:
        for index, row in enumerate(self.rows):
            if row.doc_id == doc_id:
                row.missing = missing
                self._fill_table_row(index, row)

    # -- document view -------------------------------------------------------------------------------------

    def _show_analysis(self, doc_id: int, analysis: Analysis, highlights: list[dict], corrected: set[str]) -> None:
        if doc_id != self._shown_doc:
            return
        self._analysis = analysis
        self._highlights = [h for h in highlights if h["kind"] == "entite"]
        self.details.setHtml(analysis_html(analysis, corrected))
        self.copy_button.setEnabled(bool(analysis.questions))
        self.letter_button.setEnabled(bool(analysis.questions))
        self._refresh_row(doc_id, len(analysis.elements.missing))
        self._show_text()
        self.found.blockSignals(True)
        self.found.clear()
        for entity in analysis.entities:
            item = QListWidgetItem(f"{ENTITY_LABELS.get(entity.label, entity.label)} : {entity.text}")
            item.setForeground(QColor(colour_for({"kind": "entite", "label": entity.label})))
            item.setData(Qt.ItemDataRole.UserRole, (entity.start, entity.end))
            item.setToolTip(f"Confiance {entity.score:.0%} — source : {entity.source}")
            self.found.addItem(item)
        self.found.blockSignals(False)
        self._focus = None
        self.show_page(1)

    def show_page(self, number: int) -> None:
        doc_id, focus = self._shown_doc, self._focus
        if doc_id is None:
            return
        self.backend.call(lambda b: b.render_page(doc_id, number, focus), lambda page: self._page_rendered(doc_id, page))

    def _page_rendered(self, doc_id: int, page: PageImage) -> None:
        if doc_id != self._shown_doc:
            return
        self.page_image = page
        if page.image is None:
            self.page_label.setPixmap(QPixmap())
            self.page_label.setText(page.notice or "Pas d'aperçu de page pour un fichier texte.")
        else:
            self._fit_page()
        self.page_position.setText(f"Page {page.number} / {page.count}" if page.count > 1 or page.image else "")
        self.page_previous.setEnabled(page.number > 1)
        self.page_next.setEnabled(page.number < page.count)

    def _fit_page(self) -> None:
        """The page as wide as the panel, never enlarged and never so small that the text becomes unreadable."""
        image = self.page_image.image
        if image is None:
            return
        pixmap = QPixmap.fromImage(image)
        width = max(self.page_scroll.viewport().width() - 4, int(pixmap.width() * 0.7))
        if width < pixmap.width():
            pixmap = pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        self.page_label.setPixmap(pixmap)

    def previous_page(self) -> None:
        self.show_page(self.page_image.number - 1)

    def next_page(self) -> None:
        self.show_page(self.page_image.number + 1)

    def _found_selected(self, index: int) -> None:
        """An entity picked in the list: outline it on its page and select it in the text."""
        if index < 0 or self._analysis is None:
            return
        start, end = self.found.item(index).data(Qt.ItemDataRole.UserRole)
        self._focus = (start, end)
        page = next((h["rects"][0][0] for h in self._highlights if (h["start"], h["end"]) == (start, end)), None)
        self.show_page(page or self.page_image.number)
        if not self.deidentified.isChecked():
            cursor = self.text_view.textCursor()
            cursor.setPosition(_utf16(self._analysis.text, start))
            cursor.setPosition(_utf16(self._analysis.text, end), QTextCursor.MoveMode.KeepAnchor)
            self.text_view.setTextCursor(cursor)

    def _show_text(self) -> None:
        if self._analysis is None:
            return
        if self.deidentified.isChecked():
            text = self._analysis.deidentified_text or "(Vue désidentifiée non disponible pour ce document.)"
        else:
            text = self._analysis.text
        self.text_view.setPlainText(text)

    # -- corrections ---------------------------------------------------------------------------------------

    def _link_clicked(self, url) -> None:
        action, _, element = url.toString().partition(":")
        if action == "present":
            self.mark_element(element, True)
        elif action == "absent":
            self.mark_element(element, False)
        elif action == "question":
            self.choose_question(element)

    def annotate(self, kind: str, payload: dict) -> None:
        doc_id = self._shown_doc
        if doc_id is None:
            return
        self.backend.call(
            lambda b: b.annotate(doc_id, kind, payload),
            lambda reviewed: self._corrected(doc_id, reviewed),
            lambda error: QMessageBox.warning(self, "MedClair", f"Correction impossible : {error}"),
        )

    def _corrected(self, doc_id: int, reviewed) -> None:
        self._show_analysis(doc_id, *reviewed)
        self.status.setText("Correction enregistrée.")

    def mark_element(self, element: str, present: bool) -> None:
        self.annotate("element", {"element": element, "present": present})

    def edit_question(self, element: str, text: str) -> None:
        self.annotate("question", {"element": element, "text": text.strip()})

    def choose_question(self, element: str) -> None:
        if self._analysis is None:
            return
        current = next((q.text for q in self._analysis.questions if q.element == element), "")
        text, ok = QInputDialog.getMultiLineText(
            self, "Modifier la question", f"Question pour « {element_label(element)} » :", current
        )
        if ok and text.strip():
            self.edit_question(element, text)

    def add_entity(self, label: str, start: int, end: int) -> None:
        if self._analysis is None or not 0 <= start < end <= len(self._analysis.text):
            return
        text = self._analysis.text[start:end]
        self.annotate("entite", {"action": "ajout", "label": label, "start": start, "end": end, "text": text})

    def choose_entity_label(self) -> None:
        if self._analysis is None or self.deidentified.isChecked():
            return
        cursor = self.text_view.textCursor()
        if not cursor.hasSelection():
            self.status.setText("Sélectionnez d'abord le passage dans le texte.")
            return
        start = _code_points(self._analysis.text, cursor.selectionStart())
        end = _code_points(self._analysis.text, cursor.selectionEnd())
        names = list(ENTITY_LABELS.values())
        name, ok = QInputDialog.getItem(self, "Ajouter une entité", "Catégorie :", names, 0, False)
        if ok:
            self.add_entity(list(ENTITY_LABELS)[names.index(name)], start, end)

    def remove_selected_entity(self) -> None:
        item = self.found.currentItem()
        if item is None or self._analysis is None:
            return
        start, end = item.data(Qt.ItemDataRole.UserRole)
        entity = next((e for e in self._analysis.entities if (e.start, e.end) == (start, end)), None)
        if entity is not None:
            self.annotate("entite", {"action": "suppression", "label": entity.label, "start": start, "end": end,
                                     "text": entity.text})

    def choose_letter(self) -> None:
        if self._shown_doc is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Lettre de questions", "demande-de-precisions.pdf", "PDF (*.pdf)")
        if path:
            self.export_letter(Path(path))

    def export_letter(self, path: Path) -> None:
        doc_id = self._shown_doc
        self.backend.call(
            lambda b: b.write_letter(doc_id, path),
            lambda written: self.status.setText(f"Lettre enregistrée : {written}"),
            lambda error: QMessageBox.warning(self, "MedClair", f"Lettre impossible : {error}"),
        )

    def choose_annotations_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Exporter les corrections", "medclair-corrections.jsonl",
                                              "JSON lines (*.jsonl)")
        if path:
            self.export_annotations(Path(path), identified=False)

    def export_annotations(self, path: Path, identified: bool) -> None:
        self.backend.call(
            lambda b: b.export_annotations(path, identified),
            lambda count: self.status.setText(f"{count} correction(s) exportée(s) vers {path}."),
            lambda error: QMessageBox.warning(self, "MedClair", f"Export impossible : {error}"),
        )

    def delete_selected(self) -> None:
        selected = self.table.selectionModel().selectedRows()
        if not selected or self.rows[selected[0].row()].doc_id is None:
            return
        row = self.rows[selected[0].row()]
        answer = QMessageBox.question(
            self, "Supprimer", f"Supprimer définitivement « {row.filename} » de la base ?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_document(row.doc_id)

    def delete_document(self, doc_id: int) -> None:
        self.backend.call(lambda b: b.delete_document(doc_id), self._deleted)

    def _deleted(self, doc_id: int) -> None:
        self._session_status.pop(doc_id, None)
        if self._shown_doc == doc_id:
            self._shown_doc = None
            self._analysis = None
            self.details.setHtml(WELCOME)
            self.text_view.clear()
        self.status.setText("Document supprimé.")
        self.refresh()

    def copy_questions(self) -> None:
        if self._analysis is not None:
            QGuiApplication.clipboard().setText("\n".join(q.text for q in self._analysis.questions))

    # -- export --------------------------------------------------------------------------------------------

    def choose_export(self) -> None:
        path, chosen = QFileDialog.getSaveFileName(
            self, "Exporter les documents affichés", "medclair-export.jsonl",
            "JSON lines (*.jsonl);;CSV (*.csv)",
        )
        if not path:
            return
        if "csv" in chosen and not path.lower().endswith(".csv"):
            path += ".csv"
        identified = False
        if self.user.can_export_identified:
            answer = QMessageBox.question(
                self, "Exporter",
                "Exporter avec les données identifiantes (texte d'origine, noms de fichiers) ?\n"
                "Par défaut, l'export est désidentifié.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
            )
            identified = answer == QMessageBox.StandardButton.Yes
        self.export_to(Path(path), identified)

    def export_to(self, path: Path, identified: bool) -> None:
        filters = self.filters()
        self.backend.call(
            lambda b: b.export(path, filters, identified),
            lambda count: self.status.setText(f"{count} document(s) exporté(s) vers {path}."),
            lambda error: QMessageBox.warning(self, "MedClair", f"Export impossible : {error}"),
        )

    # -- administration ------------------------------------------------------------------------------------

    def show_users(self):
        from desktop.users_view import UsersDialog

        self.users_dialog = UsersDialog(self.backend, self)
        self.users_dialog.open()
        return self.users_dialog

    def show_audit(self) -> None:
        from desktop.audit_view import AuditDialog

        AuditDialog(self.backend, self).open()

    def change_passphrase(self) -> None:
        from desktop.dialogs import ChangePassphraseDialog

        ChangePassphraseDialog(self.backend, self).open()

    def open_settings(self) -> None:
        self.backend.call(lambda b: b.read_settings(), self._show_settings)

    def _show_settings(self, current: dict) -> None:
        from desktop.dialogs import SettingsDialog

        self.settings_dialog = SettingsDialog(self.backend, current, self)
        self.settings_dialog.accepted.connect(self._settings_saved)
        self.settings_dialog.open()

    def _settings_saved(self) -> None:
        self.set_autolock_minutes(self.settings_dialog.value)
        self.status.setText("Paramètres enregistrés.")

    def choose_backup(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Sauvegarde chiffrée", "medclair-sauvegarde.db",
                                              "Base MedClair (*.db)")
        if path:
            self.backup_to(Path(path))

    def backup_to(self, path: Path) -> None:
        self.backend.call(
            lambda b: b.backup(path),
            lambda written: self.status.setText(f"Sauvegarde chiffrée enregistrée : {written}"),
            lambda error: QMessageBox.warning(self, "MedClair", f"Sauvegarde impossible : {error}"),
        )

    def choose_restore(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Restaurer une sauvegarde", "", "Base MedClair (*.db)")
        if path:
            self.restore_from(Path(path))

    def restore_from(self, path: Path):
        from desktop.dialogs import RestoreDialog

        self.restore_dialog = RestoreDialog(self.backend, path, self)
        self.restore_dialog.accepted.connect(self._restored)
        self.restore_dialog.open()
        return self.restore_dialog

    def _restored(self) -> None:
        self._errors.clear()
        self._session_status.clear()
        self.refresh()
        self.lock()

    # -- auto-lock -----------------------------------------------------------------------------------------

    def _autolock_setting(self, value: str | None) -> None:
        if value and value.isdigit():
            self.set_autolock_minutes(int(value))

    def set_autolock_minutes(self, minutes: float) -> None:
        self._autolock.setInterval(int(minutes * 60000))
        self._autolock.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._watch_window(self.windowHandle())

    def _watch_window(self, window: QWindow | None) -> None:
        if window is not None:
            window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                            QEvent.Type.Wheel) and self.lock_dialog is None:
            self._autolock.start()
        elif event.type() == QEvent.Type.Resize and watched is self.page_scroll.viewport():
            self._fit_page()
        return False

    @property
    def locked(self) -> bool:
        return self.lock_dialog is not None

    def lock(self) -> None:
        """Hide everything and ask who is there; the store stays open so a running import goes on."""
        from desktop.dialogs import LoginDialog

        if self.lock_dialog is not None:
            return
        self._autolock.stop()
        self.backend.call(lambda b: b.lock())
        self.stack.setCurrentWidget(self.lock_page)
        self.details.setHtml(WELCOME)
        self.text_view.clear()
        self._analysis = None
        self._shown_doc = None
        self.menuBar().setEnabled(False)
        for bar in self.findChildren(QToolBar):
            bar.setEnabled(False)
        self.lock_dialog = LoginDialog(self.backend, locked=True, parent=self)
        self.lock_dialog.accepted.connect(self._unlocked)
        self.lock_dialog.rejected.connect(self.close)
        self.lock_dialog.open()

    def _unlocked(self) -> None:
        if self.lock_dialog.user.username != self.user.username:
            # What the previous user typed or dropped may name a patient: the failed files, the search, the status.
            self._errors.clear()
            self.search.clear()
            self.status.setText("Prêt.")
        self.user = self.lock_dialog.user
        self.lock_dialog = None
        self.stack.setCurrentWidget(self.splitter)
        self.menuBar().setEnabled(True)
        for bar in self.findChildren(QToolBar):
            bar.setEnabled(True)
        self._apply_role()
        self._show_user()
        self._autolock.start()
        self.table.clearSelection()
        self.refresh()

    # -- window state --------------------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        settings = _settings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def closeEvent(self, event) -> None:
        settings = _settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self.splitter.saveState())
        QGuiApplication.instance().focusWindowChanged.disconnect(self._watch_window)
        super().closeEvent(event)


def _utf16(text: str, offset: int) -> int:
    """Qt counts positions in UTF-16 units; Python in code points."""
    return offset + sum(1 for char in text[:offset] if ord(char) > 0xFFFF)


def _code_points(text: str, position: int) -> int:
    """The inverse of `_utf16`."""
    units = 0
    for index, char in enumerate(text):
        if units >= position:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)


def _settings() -> QSettings:
    """Window layout only (no patient data): an INI file in the user's config directory."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "MedClair", "MedClair")


def analysis_html(analysis: Analysis, corrected: set[str] = frozenset()) -> str:
    """The review panel: what is missing (with the questions to send back) first, then what was found; links
    let the user correct an element or reword a question."""
    esc = html.escape

    def mark(element: str) -> str:
        return " <span style='color:#1565c0'>✎ corrigé</span>" if element in corrected else ""

    parts = [
        f"<h2>{esc(analysis.document.filename)}</h2>",
        f"<p><b>{esc(analysis.request_type.label)}</b> "
        f"<span style='color:#666'>(confiance {analysis.request_type.score:.0%})</span></p>",
    ]
    parts += [f"<p style='color:#8a5a00'>⚠ {esc(warning)}</p>" for warning in analysis.warnings]
    if analysis.alerts:
        parts.append("<h3 style='color:#b00020'>Alertes</h3><ul>")
        parts += [f"<li style='color:#b00020'>{esc(alert.text)}</li>" for alert in analysis.alerts]
        parts.append("</ul>")
    missing = analysis.elements.missing
    if missing:
        parts.append(f"<h3>Éléments manquants ({len(missing)})</h3><ul>")
        questions: dict[str, list[str]] = {}
        for question in analysis.questions:
            questions.setdefault(question.element, []).append(question.text)
        for element in missing:
            asked = "".join(f"<br><i>« {esc(text)} »</i>" for text in questions.get(element, []))
            links = (f"<br><small><a href='question:{element}'>modifier la question</a> · "
                     f"<a href='present:{element}'>marquer présent</a></small>")
            parts.append(f"<li><b>{esc(element_label(element))}</b>{mark(element)}{asked}{links}</li>")
        parts.append("</ul>")
    else:
        parts.append("<h3 style='color:#1b5e20'>Aucun élément manquant</h3>")
    present = analysis.elements.present
    if present:
        parts.append("<h3>Éléments présents</h3><ul>")
        for element, spans in present.items():
            evidence = " ; ".join(f"« {esc(span.text.strip())} »" for span in spans[:3]) or "(indiqué par l'utilisateur)"
            link = f" <small><a href='absent:{element}'>marquer absent</a></small>"
            parts.append(f"<li><b>{esc(element_label(element))}</b>{mark(element)} : {evidence}{link}</li>")
        parts.append("</ul>")
    if analysis.lab_results:
        parts.append("<h3>Résultats biologiques</h3><table cellpadding='3'><tr><th>Examen</th><th>Valeur</th>"
                     "<th>Référence</th><th>Interprétation</th><th>Sévérité</th></tr>")

        def number(value: float | None) -> str:  # French decimal comma: 6,4 not 6.4
            return "" if value is None else f"{value:g}".replace(".", ",")

        for result in analysis.lab_results:
            colour = "#b00020" if result.flag in ("H", "L") else "#000"
            bounds = f"{number(result.low)}–{number(result.high)}"
            parts.append(
                f"<tr style='color:{colour}'><td>{esc(result.test)}</td><td>{number(result.value)} {esc(result.unit)}</td>"
                f"<td>({esc(bounds)})</td><td>{FLAG_LABELS.get(result.flag, result.flag)}</td>"
                f"<td>{esc(severity(result) or '')}</td></tr>"
            )
        parts.append("</table>")
    if analysis.entities:
        parts.append("<h3>Entités médicales</h3><ul>")
        for entity in analysis.entities:
            qualifiers = [name for name, on in (("nié", entity.negated), ("hypothèse", entity.hypothesis),
                                                ("familial", entity.family), ("antécédent", entity.history)) if on]
            extra = f" <span style='color:#666'>({', '.join(qualifiers)})</span>" if qualifiers else ""
            parts.append(f"<li>{esc(ENTITY_LABELS.get(entity.label, entity.label))} : {esc(entity.text)}{extra}</li>")
        parts.append("</ul>")
    if analysis.summary:
        parts.append(f"<h3>Résumé</h3><p>{esc(analysis.summary)}</p>")
    return "".join(parts)

