"""Models > Manage Models…: every model file, built-in and the user's, with what it is (name
and, under it, what it does; architecture, scale, file size, where it came from), and Remove
for the user's own.

The list is read like the settings panel's (headers and remembered details, no weights), and
community models not read yet show "reading…" until the library's background reader is done.
Models that cannot be used are listed too, with the reason, so they can be removed."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPainter, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import theme
from app.actions import ACTIONS, keys_of
from app.i18n import engine_words, plural
from app.model_import import ModelLibrary
from app.screen_fit import fitted_size, scroll_beyond_screen
from app.table_size import ask_for_every_column, ask_for_rows, stretch_first_column
from engine.errors import RekindleError, plain_reason
from engine.library.catalog import all_models
from engine.library.descriptor import Origin
from engine.library.entry import CatalogEntry
from engine.library.files import told_apart
from engine.paths import user_models_dir

MISSING = "—"
COLUMNS = 5
SIZE_COLUMN = 3
WIDTH = 1000
"""The dialog's width on its first showing (room for the models' descriptions), wider where
its columns need it; its height is its rows' (``ROWS_SHOWN`` at most)."""
ROWS_SHOWN = 10
"""Models in view on the dialog's first showing, where the screen has room; more scroll."""
DESCRIPTION_ROLE = Qt.ItemDataRole.UserRole
"""A cell's description, shown on a line of its own under its text (``DescribedCells``)."""
MUTED_ALPHA = 0.65
"""The description's opacity on the row (as the queue's secondary lines)."""
QWIDGETSIZE_MAX = (1 << 24) - 1
"""Qt's largest widget size: no maximum."""
LINE_PADDING = 3
"""Above and below each line of a described cell."""

translate = QCoreApplication.translate
"""The descriptions below are found by pyside6-lupdate under the context "SettingsPanel": the
settings panel says them under the model chosen."""


def _builtin_purposes() -> dict[str, str]:
    """What each built-in model is for, in plain words (resources/models/MODELS.md)."""
    return {
        "restore-x4": translate(
            "SettingsPanel",
            "Restores and enlarges 4×: calms grain and print texture; JPEG blocks stay, softer "
            "than with Faithful 4x",
        ),
        "restore-detail-x4": translate(
            "SettingsPanel",
            "Restores and enlarges 4× with sharper edges and texture, which can look painted on "
            "compressed film",
        ),
        "restore-x2": translate(
            "SettingsPanel",
            "Restores and enlarges 2×: calms grain and compression in films (for a clean master, "
            "use Faithful 2x)",
        ),
        "faithful-x4": translate(
            "SettingsPanel",
            "Enlarge only: 4×, grain and JPEG blocks sharpened too: for clean scans and archives",
        ),
        "faithful-x2": translate(
            "SettingsPanel",
            "Enlarge only: 2×, grain and JPEG blocks sharpened too: for clean scans and film "
            "masters",
        ),
        "detail-x4": translate(
            "SettingsPanel",
            "Enlarge only: 4× with sharper edges and texture, grain and JPEG blocks too: for "
            "clean scans",
        ),
        "cleanup-x1": translate(
            "SettingsPanel",
            "Gently reduces light noise, small dust specks and JPEG blocks without enlarging; "
            "film grain stays",
        ),
    }


def model_purpose(entry: CatalogEntry) -> str:
    """What the model does, in a line: a built-in's purpose; else whether it enlarges, and by
    how much. (Manage Models says where it came from, and its architecture, in columns.)"""
    if entry.pending:
        return translate("SettingsPanel", "Reading the model…")
    builtin = entry.origin is Origin.BUILT_IN
    purpose = _builtin_purposes().get(entry.key) if builtin else None
    if purpose is not None:
        return purpose
    if entry.scale == 1:
        return translate("SettingsPanel", "Restores without enlarging")
    return translate("SettingsPanel", "Enlarges {scale}×").format(scale=entry.scale)


def model_description(entry: CatalogEntry) -> str:
    """What the model does (``model_purpose``), then where it came from (and a community
    model's architecture): the settings panel's note under the model chosen."""
    purpose = model_purpose(entry)
    if entry.pending:
        return purpose
    if entry.origin is Origin.BUILT_IN:
        source = translate("SettingsPanel", "built-in")
    else:
        source = translate("SettingsPanel", "your model")
    if entry.community:
        source = f"{entry.architecture_name} · {source}"
    return f"{purpose} · {source}"


def file_size_text(size: int) -> str:
    """``size`` bytes as file managers say it, in the person's locale: "837 kB", "12.3 MB"
    (a decimal only under a hundred of the unit)."""
    thousands = (len(str(max(size, 1))) - 1) // 3
    value = size / 1000**thousands
    decimals = 1 if thousands and round(value, 1) < 100 else 0
    return QLocale().formattedDataSize(size, decimals, QLocale.DataSizeFormat.DataSizeSIFormat)


def _alignment(column: int) -> Qt.AlignmentFlag:
    """How the text of a column after the name's sits: a size on the right, as numbers do
    (their units line up), the others in the middle."""
    if column == SIZE_COLUMN:
        return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    return Qt.AlignmentFlag.AlignCenter


class DescribedCells(QStyledItemDelegate):
    """Shows a cell's description (``DESCRIPTION_ROLE``), where it has one, on a line of its
    own under its text, in the text's colour muted. The cell asks for its text's width only:
    a description wider than the cell is cut short with an ellipsis (the names and the other
    columns stay whole, the dialog within the screen)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        description = index.data(DESCRIPTION_ROLE)
        if not description:
            super().paint(painter, option, index)
            return
        shown = QStyleOptionViewItem(option)
        self.initStyleOption(shown, index)
        text, shown.text = shown.text, ""
        widget = shown.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, shown, painter, widget)
        selected = bool(shown.state & QStyle.StateFlag.State_Selected)
        ink = shown.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        ground = shown.palette.color(
            QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base
        )
        margin = _text_margin(style, widget)
        metrics = shown.fontMetrics
        line = metrics.height()
        inner = shown.rect.adjusted(margin, 0, -margin, 0)
        first = QRect(inner.left(), inner.center().y() - line + 1, inner.width(), line)
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        elide = Qt.TextElideMode.ElideRight
        painter.save()
        painter.setFont(shown.font)
        painter.setPen(ink)
        painter.drawText(first, align, metrics.elidedText(text, elide, inner.width()))
        painter.setPen(theme.muted(ink, ground, MUTED_ALPHA))
        second = metrics.elidedText(description, elide, inner.width())
        painter.drawText(first.translated(0, line), align, second)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        if not index.data(DESCRIPTION_ROLE):
            return size
        return QSize(size.width(), 2 * (option.fontMetrics.height() + LINE_PADDING))


def _text_margin(style: QStyle, widget: QWidget | None) -> int:
    """The room either side of a cell's text, as the style leaves it."""
    return style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1


class ModelsDialog(QDialog):
    """Lists the models and removes the user's; asks the window to import (its file dialog)."""

    import_requested = Signal()
    open_folder_requested = Signal()

    def __init__(self, library: ModelLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._entries: list[CatalogEntry] = []
        self._scrolls_sideways = False
        self.removing: CatalogEntry | None = None
        """The model being removed at the person's asking, while it is: the window tells the
        choices of it replaced as removed, not as gone from the folder."""
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the buttons, the arrows step rows
        self.table.setItemDelegate(DescribedCells(self.table))
        stretch_first_column(self.table)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = QPushButton()
        self.remove_button = QPushButton()
        self.folder_button = QPushButton()
        for button in (self.import_button, self.folder_button, self.remove_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.buttons)

        self.buttons.rejected.connect(self.reject)
        self.import_button.clicked.connect(self.import_requested)
        self.folder_button.clicked.connect(self.open_folder_requested)
        self.remove_button.clicked.connect(self.remove_selected)
        self._remove_on_delete()
        self.table.itemSelectionChanged.connect(self._on_selection)
        library.changed.connect(self.refresh)
        self._retranslate()
        self._set_icons()
        self.refresh()
        available = self.screen().availableGeometry().size()
        width = fitted_size((WIDTH, 0), available).width()
        self.resize(fitted_size((width, self._height_for_rows(width)), available))

    def _height_for_rows(self, width: int) -> int:
        """The dialog's height, ``width`` wide, with its rows in view (``ROWS_SHOWN`` at
        most) and no room left under them. The table keeps no size from it: on a small
        screen the dialog is fitted smaller, and its rows scroll."""
        ask_for_rows(self.table, ROWS_SHOWN)
        rows = self.table.minimumHeight()
        if self._scrolls_sideways:
            rows += self.table.horizontalScrollBar().sizeHint().height()
        self.table.setFixedHeight(rows)
        height = self.layout().totalHeightForWidth(width)
        self.table.setMinimumHeight(0)
        self.table.setMaximumHeight(QWIDGETSIZE_MAX)
        return height

    def _set_icons(self) -> None:
        """The buttons' icons where the style gives Close one: those of the window's actions
        that do the same (Models > Import Model..., Open Models Folder; Remove), in the
        palette's colours."""
        hint = QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons
        with_icons = bool(self.style().styleHint(hint, None, self))
        icons = {spec.id: spec.icon for spec in ACTIONS}
        buttons = (
            (self.import_button, "import_model"),
            (self.folder_button, "models_folder"),
            (self.remove_button, "remove"),
        )
        for button, action in buttons:
            button.setIcon(theme.icon(icons[action], self.palette()) if with_icons else QIcon())

    # -- the list -------------------------------------------------------------------------

    def entries(self) -> list[CatalogEntry]:
        return list(self._entries)

    def row_texts(self, row: int) -> list[str]:
        return [self.table.item(row, column).text() for column in range(COLUMNS)]

    def refresh(self) -> None:
        """List the model files again, keeping the selected one selected."""
        chosen = self.selected_entry()
        self._entries = all_models()
        self._library.read_details(self._entries)
        self.table.setRowCount(len(self._entries))
        failure = theme.status_color("failure")
        for row, entry in enumerate(self._entries):
            for column, text in enumerate(self._row(entry)):
                cell = QTableWidgetItem(text)
                cell.setToolTip(engine_words(entry.error) or str(entry.path))
                if column:
                    cell.setTextAlignment(_alignment(column))
                if entry.error:
                    cell.setForeground(failure)
                self.table.setItem(row, column, cell)
            self._describe(self.table.item(row, 0), entry)
        self.table.resizeRowsToContents()
        ask_for_every_column(self.table)
        self._scrolls_sideways = scroll_beyond_screen(self, self.table)
        keys = [e.key for e in self._entries]
        if chosen is not None and chosen.key in keys:
            self.table.selectRow(keys.index(chosen.key))
        self._on_selection()

    def _describe(self, cell: QTableWidgetItem, entry: CatalogEntry) -> None:
        """Say under the model's name what it does, and above its file in the tooltip (not of
        one that cannot be used: its row says so, and why is in its tooltip)."""
        if entry.error:
            return
        description = model_purpose(entry)
        cell.setData(DESCRIPTION_ROLE, description)
        cell.setData(Qt.ItemDataRole.AccessibleDescriptionRole, description)
        cell.setToolTip(f"{description}\n{entry.path}")  # whole, where the row cuts it short

    def _row(self, entry: CatalogEntry) -> list[str]:
        if entry.pending:
            architecture = scale = self.tr("reading…")
        elif entry.error:
            architecture, scale = self.tr("cannot be used"), MISSING
        else:
            architecture = entry.architecture_name
            scale = f"{entry.scale}×" if entry.scale else MISSING
        origins = {
            Origin.BUILT_IN: self.tr("built-in"),
            Origin.IMPORTED: self.tr("imported"),
            Origin.TRAINED: self.tr("trained in the wizard"),
        }
        size = file_size_text(entry.size)
        users = [e.path for e in self._entries if e.origin.is_users]
        file = told_apart(entry.path, user_models_dir(), users) if entry.origin.is_users else None
        name = entry.display_name if file is None else f"{entry.display_name}  ({file})"
        return [name, architecture or MISSING, scale, size, origins[entry.origin]]

    def selected_entry(self) -> CatalogEntry | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self._entries[min(rows)] if rows and min(rows) < len(self._entries) else None

    def _on_selection(self) -> None:
        entry = self.selected_entry()
        self.remove_button.setEnabled(entry is not None and entry.origin.is_users)
        if entry is None:
            self.details.setText("")
        elif entry.error:
            self.details.setText(engine_words(entry.error))
        else:
            self.details.setText(self._details(entry))
        self.remove_button.setToolTip(
            self.tr("Built-in models cannot be removed.")
            if entry is not None and entry.origin is Origin.BUILT_IN
            else ""
        )

    def _details(self, entry: CatalogEntry) -> str:
        """The model's file and, where its training record says, what it learned from."""
        trained_on = entry.trained_on
        if trained_on is None:
            return str(entry.path)
        folder, photos = trained_on
        if photos is None:
            line = self.tr("Trained on: {folder}")
        else:
            line = plural(
                photos,
                self.tr("Trained on: {folder} (1 photo)"),
                self.tr("Trained on: {folder} ({count} photos)"),
            )
        return f"{entry.path}\n{line.format(folder=folder, count=photos)}"

    # -- removing -------------------------------------------------------------------------

    def _remove_on_delete(self) -> None:
        """The keys that remove a photo from the queue (Delete; ⌫ too on a Mac), pressed in the
        table, remove the selected model as the Remove button does."""
        remove = next(spec for spec in ACTIONS if spec.id == "remove")
        shortcut = QShortcut(self.table)
        shortcut.setKeys(keys_of(remove))
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(self.remove_selected)

    def remove_selected(self) -> None:
        """Delete the selected user model, once the person has said yes."""
        entry = self.selected_entry()
        if entry is None or not entry.origin.is_users:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove Model"),
            self.tr("Remove {name}? Its file {file} is deleted from your models folder.").format(
                name=entry.display_name, file=entry.path.name
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.removing = entry
        try:
            self._library.remove(entry)
        except (RekindleError, OSError) as error:
            reason = plain_reason(error) if isinstance(error, OSError) else error.sentence
            reason = engine_words(reason)
            self.details.setText(
                self.tr("{name} could not be removed: {reason}").format(
                    name=entry.path.name, reason=reason
                )
            )
        finally:
            self.removing = None

    # -- language -------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self.refresh()
        elif event.type() == QEvent.Type.PaletteChange:
            self._set_icons()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Models"))
        self.intro.setText(
            self.tr(
                "The models Rekindle restores with. The built-in ones come with it; the ones "
                "you import or train are kept in your models folder, and can be removed."
            )
        )
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Name"),
                self.tr("Architecture"),
                self.tr("Scale"),
                self.tr("Size"),
                self.tr("Origin"),
            ]
        )
        self.import_button.setText(self.tr("&Import…"))
        self.remove_button.setText(self.tr("&Remove"))
        self.folder_button.setText(self.tr("&Open Folder"))
