"""The compute devices as the settings panel names them, and the status bar's lasting note
that the device chosen is not available (here, or on a cluster's worker) and another restores
instead."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal, SignalInstance

DEVICE_NAMES = {"auto": "", "cpu": "CPU", "cuda": "CUDA (NVIDIA)", "mps": "MPS (Apple)"}
"""The device kinds' names (Automatic's is the settings panel's own, in the language shown)."""


def device_name(device: str) -> str:
    """``device`` ("cpu", "cuda", "cuda:1", as torch writes it or the settings keep it) as the
    settings panel names it, a GPU after the first with its number; one it does not know as
    it is."""
    kind, _, number = device.partition(":")
    name = DEVICE_NAMES.get(kind)
    if not name:
        return device
    return f"{name} {number}" if number not in ("", "0") else name


class DeviceNote(QObject):
    """The note that the saved device is not available, or that a cluster's worker restores
    on another device than the one chosen, kept in the status bar (a message there gives way
    to the next photo's within a second) until the device chosen in the settings changes:
    the panel then shows the device that restores."""

    changed = Signal()

    def __init__(
        self, chosen: Callable[[], str], choice_changed: SignalInstance, parent: QObject | None
    ) -> None:
        super().__init__(parent)
        self._chosen = chosen
        self._text = ""
        self._told_with = ""  # the device chosen when the note came
        choice_changed.connect(self._on_choice_changed)

    def tell(self, text: str) -> None:
        """Keep ``text`` (a worker's note, in the language shown when it was made)."""
        self._text = text
        self._told_with = self._chosen()
        self.changed.emit()

    def words(self) -> str:
        """The note ("" when there is none), for ``LastingWarnings``."""
        return self._text

    def _on_choice_changed(self) -> None:
        if self._text and self._chosen() != self._told_with:
            self._text = ""
            self.changed.emit()
