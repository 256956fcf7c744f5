"""Folders shown in the system's file manager: the output folder (made when missing, as
``app.output_place`` allows), and the folder of the current item's restored file. Where no
file manager is set up, the status bar says so and the folder's path goes on the clipboard,
to paste where it is needed. Every folder the app shows goes through ``show_folder``, so the
file manager gets the person's environment (``app.launch_environment``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication

from app.i18n import engine_words
from app.launch_environment import give_back_environment
from app.output_place import OutputFolderAway, make_output_folder
from app.selection import Selection
from engine.errors import plain_reason


class FileManager(QObject):
    """Opens the folders the window's File and queue menus offer."""

    message = Signal(str)  # for the status bar

    def __init__(
        self,
        output_folder: Callable[[], Path],
        selection: Selection,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._output_folder = output_folder
        self._selection = selection

    def open_output_folder(self) -> None:
        folder = self._output_folder()
        try:
            make_output_folder(folder)
        except OutputFolderAway:
            text = self.tr(
                "The output folder {folder} is not there; its drive may not be plugged in."
            )
            self.message.emit(text.format(folder=folder))
            return
        except OSError as error:
            text = self.tr("Cannot create {folder}: {reason}")
            reason = engine_words(plain_reason(error))
            self.message.emit(text.format(folder=folder, reason=reason))
            return
        self._open(folder)

    def show_in_folder(self) -> None:
        """Open the folder of the current photo's or film's restored file (its own folder while
        there is none)."""
        item = self._selection.current()
        if item is not None:
            self._open((item.saved_to or item.source).parent)

    def _open(self, folder: Path) -> None:
        if show_folder(folder):
            return
        QGuiApplication.clipboard().setText(str(folder))
        text = self.tr(
            "Cannot open the folder “{folder}”: no file manager is set up; it is {path} "
            "(copied to the clipboard)."
        )
        self.message.emit(text.format(folder=folder.name or str(folder), path=folder))


def show_folder(folder: Path) -> bool:
    """Open ``folder`` in the system's file manager, started with the person's environment
    rather than the bundle's; False where no file manager is set up. (On Wayland Qt starts it
    a moment later, when the compositor answers, so the environment is given back for good,
    not for the call.)"""
    give_back_environment()
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
