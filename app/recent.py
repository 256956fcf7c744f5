"""File > Open Recent: the photos, films and folders opened last, kept in the settings so every
window (and the next start) lists them."""

from __future__ import annotations

import json
from collections.abc import Iterable
from itertools import islice
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from app import theme
from app.settings import AppSettings

RECENT_COUNT = 10
ICON = "mdi6.history"
TEXT_WIDTH = 480
"""A path longer than this (in pixels) is shortened in the middle in the menu."""


class RecentPaths:
    """The paths opened last, the latest first, at most RECENT_COUNT
    (``AppSettings.recent_paths``, a JSON list)."""

    def __init__(self, settings: AppSettings) -> None:
        self._settings = settings

    def paths(self) -> list[Path]:
        """The stored paths; none where the setting is damaged or hand-edited into something
        other than a JSON list, and only the entries of the list that are paths."""
        try:
            stored = json.loads(self._settings.recent_paths or "[]")
        except json.JSONDecodeError:
            return []
        if not isinstance(stored, list):
            return []
        return [Path(p) for p in stored if isinstance(p, str) and p][:RECENT_COUNT]

    def add(self, paths: Iterable[Path]) -> None:
        """Put ``paths`` first, in their order (those not there are not remembered)."""
        fresh = list(islice((p.absolute() for p in paths if p.exists()), RECENT_COUNT))
        kept = list(dict.fromkeys(fresh + self.paths()))[:RECENT_COUNT]
        self._settings.recent_paths = json.dumps([str(p) for p in kept])

    def clear(self) -> None:
        self._settings.recent_paths = "[]"


class RecentMenu(QMenu):
    """Lists the recent paths each time it opens; one no longer there is shown greyed out.
    ``chosen`` hands over the path picked; Clear empties the list."""

    chosen = Signal(object)  # Path

    def __init__(self, recent: RecentPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recent = recent
        self.setIcon(theme.icon(ICON))
        self.aboutToShow.connect(self._fill)
        self._retranslate()

    def place_after(self, menu: QMenu, action: QAction) -> None:
        """Sit in ``menu`` right after ``action``."""
        actions = menu.actions()
        following = actions.index(action) + 1
        if following < len(actions):
            menu.insertMenu(actions[following], self)
        else:
            menu.addMenu(self)

    def _fill(self) -> None:
        self.clear()
        paths = self.recent.paths()
        for path in paths:
            self._add_path(path)
        if not paths:
            self.addAction(self.tr("No recent photos or folders")).setEnabled(False)
        self.addSeparator()
        clear = self.addAction(self.tr("&Clear Recent"))
        clear.triggered.connect(self.recent.clear)
        clear.setEnabled(bool(paths))

    def _add_path(self, path: Path) -> None:
        text = self.fontMetrics().elidedText(str(path), Qt.TextElideMode.ElideMiddle, TEXT_WIDTH)
        there = path.exists()
        if not there:
            text = self.tr("{path} (not found)").format(path=text)
        action = self.addAction(text.replace("&", "&&"))  # not a shortcut letter
        action.setEnabled(there)
        action.triggered.connect(lambda _checked=False: self.chosen.emit(path))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self.setIcon(theme.icon(ICON, self.palette()))
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setTitle(self.tr("Open &Recent"))
