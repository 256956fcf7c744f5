"""The window's model actions: importing model files (chosen in a dialog or dropped), the
Manage Models dialog, keeping the model list current (it follows the user's models folder, where
files are copied in and deleted by hand too), and what the status bar says of them.

Its texts belong to the catalogue's "MainWindow" context, where the window's menus are.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QFileSystemWatcher, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QMessageBox,
    QSizePolicy,
    QSpacerItem,
    QWidget,
)

from app.i18n import plural
from app.model_import import ImportReport, ModelLibrary
from app.models_dialog import ModelsDialog
from app.settings_panel import SettingsPanel
from engine.library.descriptor import ModelDescriptor
from engine.library.entry import CatalogEntry
from engine.library.files import WEIGHT_SUFFIXES, model_files
from engine.paths import user_models_dir

translate = QCoreApplication.translate

MESSAGE_BOX_CHARS = 70
"""How wide the import problem's box is at the least, in average characters: its reasons
read in lines of some 60 beside its icon (45 to 75 read best). Qt sizes a message box to its
heading, and would wrap the reasons below it into a column of a few words a line."""
WATCH_PAUSE_MS = 300
"""How long the models folder is left still before it is listed again: copying a model in
changes it many times."""


class FolderWatch(QObject):
    """Says ``changed`` once the user's models folder has changed and been still for
    ``WATCH_PAUSE_MS``, and when the app comes back to the front (a network folder may not be
    watchable). The folders in it are watched too, and the model files, so that one still being
    copied is read again once it is whole."""

    changed = Signal()

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(WATCH_PAUSE_MS)
        self._watcher.directoryChanged.connect(self._wait)
        self._watcher.fileChanged.connect(self._wait)
        self._pause.timeout.connect(self.changed)
        QGuiApplication.instance().applicationStateChanged.connect(self._on_application_state)
        self.follow()

    def follow(self) -> None:
        """Watch the folder as it is now (made since, or with folders and files new or gone)."""
        wanted = set(_watched_paths(user_models_dir()))
        watched = set(self._watcher.directories() + self._watcher.files())
        if watched - wanted:
            self._watcher.removePaths(sorted(watched - wanted))
        if wanted - watched:
            self._watcher.addPaths(sorted(wanted - watched))

    def _wait(self, _path: str = "") -> None:
        self._pause.start()

    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self._wait()


def _keep_lines_readable(box: QMessageBox) -> None:
    """Keep ``box`` at least ``MESSAGE_BOX_CHARS`` wide: a spacer across its grid's columns,
    which Qt's sizing of a message box counts (it fixes the box's size, so a minimum width set
    on the box itself is lost)."""
    grid = box.layout()
    assert isinstance(grid, QGridLayout)
    width = box.fontMetrics().averageCharWidth() * MESSAGE_BOX_CHARS
    spacer = QSpacerItem(width, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum)
    grid.addItem(spacer, grid.rowCount(), 0, 1, grid.columnCount())


def _watched_paths(folder: Path) -> list[str]:
    """The model files listed from ``folder``, ``folder`` and the folders in it (hidden ones,
    imports under way, left out)."""
    paths = [str(path) for path in model_files(folder)]
    for root, folders, _files in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        paths.append(root)
    return paths


class ModelActions(QObject):
    """Imports, the models dialog and the model list, for ``window``; ``message`` shows a
    line in its status bar."""

    def __init__(
        self,
        window: QWidget,
        library: ModelLibrary,
        panel: SettingsPanel,
        message: Callable[[str], None],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.library = library
        self.panel = panel
        self.message = message
        self.dialog: ModelsDialog | None = None
        self.import_problem: QMessageBox | None = None  # the last "not imported" message
        self.closed = False  # set when the window closes: the list is no longer refreshed
        self.watch = FolderWatch(self)
        self.watch.changed.connect(self._on_folder_changed)
        library.changed.connect(self.refresh)
        library.import_finished.connect(self._on_import_finished)

    def import_files(self, paths: Iterable[str | Path] | None = None) -> None:
        """Check model files in the background and copy them into the user's models folder;
        without ``paths``, ask for them."""
        if paths is None:
            patterns = " ".join(f"*{suffix}" for suffix in WEIGHT_SUFFIXES)
            paths, _filter = QFileDialog.getOpenFileNames(
                self.window,
                translate("MainWindow", "Import Models"),
                "",
                translate("MainWindow", "Models ({patterns})").format(patterns=patterns),
            )
        files = [Path(p) for p in paths]
        if not files:
            return
        self.library.import_files(files)
        if len(files) == 1:
            self.message(translate("MainWindow", "Checking {name}…").format(name=files[0].name))
        else:
            self.message(
                translate("MainWindow", "Checking {count} model files…").format(count=len(files))
            )

    def show_dialog(self) -> ModelsDialog:
        """Show the models dialog (the open one, if any)."""
        if self.dialog is None:
            self.dialog = ModelsDialog(self.library, self.window)
            self.dialog.import_requested.connect(lambda: self.import_files())
            self.dialog.open_folder_requested.connect(self.panel.open_models_folder)
        else:
            self.dialog.refresh()
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def refresh(self) -> None:
        """List the models again, and have the new community ones read in the background; a
        chosen model that went (or that the person removed in the models dialog) is replaced,
        and the status bar says so."""
        if self.closed:
            return
        removing = self.dialog.removing if self.dialog is not None else None
        replaced = self.panel.reload_models(removed=removing)
        self.library.read_details(self.panel.entries())
        self.watch.follow()
        if replaced:
            self.message(" ".join(replaced))

    def _on_folder_changed(self) -> None:
        if not self.closed:
            self.library.changed.emit()  # the models dialog lists them again too

    def select_trained(self, path: Path) -> None:
        """A model the wizard just saved: list it, select it, say so by the name it is listed
        under (the one the person gave it)."""
        self.panel.reload_models()
        self.panel.select_model(str(path))
        listed = next((e for e in self.panel.entries() if e.path == path), None)
        self.message(
            translate("MainWindow", "Your model {name} is ready and selected.").format(
                name=listed.display_name if listed is not None else path.name
            )
        )

    def _on_import_finished(self, report: ImportReport) -> None:
        """Select the last model imported, else the last file's model where the files were
        among the user's models already (nothing to copy), and say so; the files refused are
        shown with why."""
        self.refresh()
        listed = self._already_listed(report.already)
        if report.imported:
            self.panel.select_model(str(report.imported[-1].path))
        elif listed:
            self.panel.select_model([*listed.values()][-1].key)
        texts = [self._imported_text(report.imported)] if report.imported else []
        if listed:
            texts.append(self._already_listed_text(listed, selected=not report.imported))
        if texts:
            self.message(" ".join(texts))
        if report.refused:
            self._show_import_problem(report.refused, in_status=not texts)

    def _already_listed(self, already: list[tuple[Path, Path]]) -> dict[Path, CatalogEntry]:
        """The files ``already`` among the user's models, each with that model as listed."""
        listed = {entry.path: entry for entry in self.panel.entries()}
        return {file: listed[model] for file, model in already if model in listed}

    @staticmethod
    def _imported_text(imported: list[ModelDescriptor]) -> str:
        text = plural(
            len(imported),
            translate("MainWindow", "Imported {name}: it is ready and selected."),
            translate("MainWindow", "Imported {count} models; {name} is selected."),
        )
        return text.format(name=imported[-1].display_name, count=len(imported))

    @staticmethod
    def _already_listed_text(listed: dict[Path, CatalogEntry], *, selected: bool) -> str:
        """That the files ``listed`` were among the user's models already, and, where
        ``selected``, that the last one's model is selected."""
        if selected:
            text = plural(
                len(listed),
                translate(
                    "MainWindow", "{name} is among your models already, as {model}: it is selected."
                ),
                translate(
                    "MainWindow",
                    "{count} files are among your models already; {model} is selected.",
                ),
            )
        else:
            text = plural(
                len(listed),
                translate("MainWindow", "{name} is among your models already, as {model}."),
                translate("MainWindow", "{count} files are among your models already."),
            )
        file, model = [*listed.items()][-1]
        return text.format(name=file.name, model=model.display_name, count=len(listed))

    def _show_import_problem(self, refused: list[tuple[Path, str]], *, in_status: bool) -> None:
        """Say which files were refused and why (in the status bar too, where ``in_status``);
        nothing of them was copied."""
        if len(refused) == 1:
            text = translate("MainWindow", "This file was not imported:")
            status = translate("MainWindow", "Not imported: {reason}").format(reason=refused[0][1])
        else:
            text = translate("MainWindow", "These files were not imported:")
            status = translate("MainWindow", "Files not imported: {count}.").format(
                count=len(refused)
            )
        if in_status:
            self.message(status)
        if self.import_problem is not None:
            self.import_problem.close()
            self.import_problem.deleteLater()
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            translate("MainWindow", "Import Models"),
            text,
            QMessageBox.StandardButton.Ok,
            self.window,
        )
        box.setInformativeText("\n\n".join(reason for _path, reason in refused))
        _keep_lines_readable(box)
        box.open()  # not exec(): the window (and other imports) go on meanwhile
        self.import_problem = box
