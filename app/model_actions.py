"""The window's model actions: importing model files (chosen in a dialog or dropped), the
Manage Models dialog, keeping the model list current, and what the status bar says of them.

Its texts belong to the catalogue's "MainWindow" context, where the window's menus are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from app.model_import import ImportReport, ModelLibrary
from app.models_dialog import ModelsDialog
from app.settings_panel import SettingsPanel
from engine.library.files import WEIGHT_SUFFIXES

translate = QCoreApplication.translate


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
        """List the models again, and have the new community ones read in the background."""
        if self.closed:
            return
        self.panel.reload_models()
        self.library.read_details(self.panel.entries())

    def select_trained(self, path: Path) -> None:
        """A model the wizard just saved: list it, select it, say so."""
        self.panel.reload_models()
        self.panel.select_model(str(path))
        self.message(
            translate("MainWindow", "Your model {name} is ready and selected.").format(
                name=path.name
            )
        )

    def _on_import_finished(self, report: ImportReport) -> None:
        self.refresh()
        if report.imported:
            last = report.imported[-1]
            self.panel.select_model(str(last.path))
            if len(report.imported) == 1:
                text = translate("MainWindow", "Imported {name}: it is ready and selected.")
            else:
                text = translate("MainWindow", "Imported {count} models; {name} is selected.")
            self.message(text.format(name=last.display_name, count=len(report.imported)))
        if report.refused:
            self._show_import_problem(report)

    def _show_import_problem(self, report: ImportReport) -> None:
        """Say which files were refused and why; nothing of them was copied."""
        if len(report.refused) == 1:
            text = translate("MainWindow", "This file was not imported:")
            status = translate("MainWindow", "Not imported: {reason}").format(
                reason=report.refused[0][1]
            )
        else:
            text = translate("MainWindow", "These files were not imported:")
            status = translate("MainWindow", "Files not imported: {count}.").format(
                count=len(report.refused)
            )
        if not report.imported:
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
        box.setInformativeText("\n\n".join(reason for _path, reason in report.refused))
        box.open()  # not exec(): the window (and other imports) go on meanwhile
        self.import_problem = box
