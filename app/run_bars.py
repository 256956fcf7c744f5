"""The status bar's lasting parts: its progress bars while the queue runs (the photo or film
being restored, a film's frames per second beside its share; and the whole run, where it says
more than the item's bar), and the warnings that stay while what they warn of lasts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt, SignalInstance
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QProgressBar,
    QSizePolicy,
    QStatusBar,
    QStyle,
    QStyleOptionProgressBar,
)

from app import theme
from app.eta import format_time_left
from app.restore_runner import RunProgress
from app.spot_marking import WrappedHint

BAR_WIDTH = 240
"""The bars' least width: wider while a text (a long language's) needs it."""
BAR_STEPS = 1000
TEXT_MARGIN = 8
"""Room kept free beside a bar's text, so that it does not touch the bar's ends."""


class RunBars(QObject):
    """Shown while a run goes on; their texts say what the numbers are, to a screen reader
    too (as the bars' descriptions: a bar's value alone is a number out of ``BAR_STEPS``)."""

    def __init__(self, status_bar: QStatusBar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running = False
        self.item_bar = QProgressBar()
        self.queue_bar = QProgressBar()
        for bar in (self.item_bar, self.queue_bar):
            bar.setRange(0, BAR_STEPS)
            bar.setFixedWidth(BAR_WIDTH)
            bar.setVisible(False)
            status_bar.addPermanentWidget(bar)
        self._name_bars()

    def set_running(self, running: bool) -> None:
        """Show the item's bar while a run goes on; the run's waits for its progress
        (``show_progress``)."""
        self._running = running
        self.item_bar.setVisible(running)
        self.queue_bar.setVisible(False)

    def show_progress(self, progress: RunProgress, *, film: bool) -> None:
        """``progress`` in the bars, the run's shown only where it says more than the item's
        (``_run_bar_needed``); ``film``: the item restored is a film."""
        self.item_bar.setValue(round(progress.item_fraction * BAR_STEPS))
        left = format_time_left(progress.item_time_left, progress.item_fraction)
        if progress.cancelling:
            text = self.tr("Cancelling…")
        elif film and progress.frames_per_second is not None:
            text = self.tr("Film: %p% · {fps} fps · {left}")
            text = text.format(fps=f"{progress.frames_per_second:.1f}", left=left)
        elif film:
            text = self.tr("Film: %p% · {left}").format(left=left)
        else:
            text = self.tr("Photo: %p% · {left}").format(left=left)
        self.item_bar.setFormat(text)
        self.queue_bar.setValue(round(progress.fraction * BAR_STEPS))
        text = self.tr("Queue {done}/{total}: %p% · {left}")
        left = format_time_left(progress.time_left, progress.fraction)
        self.queue_bar.setFormat(text.format(done=progress.done, total=progress.total, left=left))
        self.queue_bar.setVisible(self._running and _run_bar_needed(progress))
        self._name_bars()
        for bar in (self.item_bar, self.queue_bar):
            bar.setAccessibleDescription(bar.text())
            _widen_to_text(bar)

    def _name_bars(self) -> None:
        """Name the bars in the language of the moment (they are renamed with each progress,
        as their texts are made)."""
        self.item_bar.setAccessibleName(self.tr("Photo or film being restored"))
        self.queue_bar.setAccessibleName(self.tr("Whole queue"))


def _run_bar_needed(progress: RunProgress) -> bool:
    """Whether the run's bar says more than the item's: the run holds two items or more, or
    its share is not the item's (the item under way is a cancelled run's, stopping, while
    this run's waits). A run of one item would show it twice, its time left too."""
    apart = abs(progress.fraction - progress.item_fraction) * BAR_STEPS >= 1
    return progress.total > 1 or apart


def _widen_to_text(bar: QProgressBar) -> None:
    """Widen ``bar`` until its text fits in its label's room; it keeps that width (a bar that
    narrowed with each shorter text would shift the status bar to and fro)."""
    option = QStyleOptionProgressBar()
    bar.initStyleOption(option)
    room = bar.style().subElementRect(QStyle.SubElement.SE_ProgressBarLabel, option, bar).width()
    needed = bar.fontMetrics().size(0, bar.text()).width()  # fallback fonts' too
    if needed + TEXT_MARGIN > room:
        bar.setFixedWidth(bar.width() + needed + TEXT_MARGIN - room)


class LastingWarnings(QObject):
    """Warnings in the status bar that stay while what they warn of lasts (a full disk, say):
    a message there gives way to the next within seconds, often before it is read."""

    def __init__(self, status_bar: QStatusBar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._status_bar = status_bar
        self._labels: list[_WarningLabel] = []

    def add(self, words: Callable[[], str], changed: SignalInstance) -> None:
        """Warn with ``words`` (its text in the language of the moment, "" when there is
        nothing to warn of), asked again whenever ``changed`` is emitted."""
        label = _WarningLabel(words)
        changed.connect(label.refresh)
        self._status_bar.insertPermanentWidget(len(self._labels), label)
        self._labels.append(label)

    def shown(self) -> list[str]:
        """The warnings given now."""
        return [label.text() for label in self._labels if not label.isHidden()]


class _WarningLabel(WrappedHint):
    """One lasting warning, on one line where the status bar has room for it (else wrapped),
    in the colour of failures; hidden while there is nothing to warn of."""

    def __init__(self, words: Callable[[], str]) -> None:
        super().__init__()
        self._words = words
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.refresh()

    def refresh(self) -> None:
        """The warning as it is now, in the colours of the theme now."""
        text = self._words()
        self.setText(text)
        self.setAccessibleName(text)
        self._style()
        self.setVisible(bool(text))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        """At least as tall as the text wrapped to the width it has now (the status bar is
        as tall as its widgets' least heights, not their wrapped ones)."""
        least = super().minimumSizeHint()
        return QSize(least.width(), max(least.height(), self.heightForWidth(self.width())))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # wrapped anew: its height may change

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()
        elif theme.palette_changed(event):
            self._style()
        super().changeEvent(event)

    def _style(self) -> None:
        colour = theme.status_color("failure", self.palette()).name()
        theme.set_style_sheet(self, f"QLabel {{ color: {colour}; }}")
