"""A line to type how result files are named (``engine.recipe``'s pattern), checked as it is
typed: a pattern that cannot name results apart is marked, says why under the line, and is
not taken; the last good one stays in use."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from app import theme
from app.i18n import engine_words
from engine.errors import RekindleError
from engine.recipe import DEFAULT_PATTERN, check_pattern


class PatternEdit(QWidget):
    """The pattern's line, and its problem under it while it has one."""

    pattern_changed = Signal(str)  # a good pattern was typed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line = QLineEdit()
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line)
        layout.addWidget(self.problem)
        self.setFocusProxy(self.line)  # the line is what Tab, and its label, focus
        self._pattern = DEFAULT_PATTERN
        self.line.textEdited.connect(self._on_edited)

    def pattern(self) -> str:
        """The pattern in use: the one typed, or the last good one while it has a problem."""
        return self._pattern

    def set_pattern(self, pattern: str) -> None:
        """Show ``pattern`` (a bad one, from a settings file edited by hand: the default)."""
        self._pattern = pattern if _problem(pattern) is None else DEFAULT_PATTERN
        self.line.setText(self._pattern)
        self._show_problem(None)

    def _on_edited(self, text: str) -> None:
        problem = _problem(text)
        self._show_problem(problem)
        if problem is None and text != self._pattern:
            self._pattern = text
            self.pattern_changed.emit(text)

    def _show_problem(self, problem: str | None) -> None:
        self.problem.setText(
            "" if problem is None else self.tr("Not used: {reason}").format(reason=problem)
        )
        self.problem.setVisible(problem is not None)
        self.line.setAccessibleDescription(self.problem.text())  # read out with the line
        self._style()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if theme.palette_changed(event):
            self._style()
        super().changeEvent(event)

    def _style(self) -> None:
        """The line marked, and its problem written, in the failure colour of the theme now
        (while it has a problem)."""
        failure = theme.status_color("failure").name()
        marked = bool(self.problem.text())
        theme.set_style_sheet(self.line, f"border: 1px solid {failure};" if marked else "")
        theme.set_style_sheet(self.problem, f"color: {failure}")


def _problem(pattern: str) -> str | None:
    """Why ``pattern`` cannot name results, or None."""
    try:
        check_pattern(pattern)
    except RekindleError as error:
        return engine_words(error.sentence)
    return None
