"""The status bar's two progress bars while the queue runs: the photo or film being restored
(a film's frames per second beside its share) and the whole run."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QProgressBar, QStatusBar, QStyle, QStyleOptionProgressBar

from app.eta import format_time_left
from app.restore_runner import RunProgress

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
        self.item_bar = QProgressBar()
        self.queue_bar = QProgressBar()
        for bar in (self.item_bar, self.queue_bar):
            bar.setRange(0, BAR_STEPS)
            bar.setFixedWidth(BAR_WIDTH)
            bar.setVisible(False)
            status_bar.addPermanentWidget(bar)
        self._name_bars()

    def set_running(self, running: bool) -> None:
        self.item_bar.setVisible(running)
        self.queue_bar.setVisible(running)

    def show_progress(self, progress: RunProgress, *, film: bool) -> None:
        """``progress`` in both bars; ``film``: the item restored is a film."""
        self.item_bar.setValue(round(progress.item_fraction * BAR_STEPS))
        left = format_time_left(progress.item_time_left)
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
        left = format_time_left(progress.time_left)
        self.queue_bar.setFormat(text.format(done=progress.done, total=progress.total, left=left))
        self._name_bars()
        for bar in (self.item_bar, self.queue_bar):
            bar.setAccessibleDescription(bar.text())
            _widen_to_text(bar)

    def _name_bars(self) -> None:
        """Name the bars in the language of the moment (they are renamed with each progress,
        as their texts are made)."""
        self.item_bar.setAccessibleName(self.tr("Photo or film being restored"))
        self.queue_bar.setAccessibleName(self.tr("Whole queue"))


def _widen_to_text(bar: QProgressBar) -> None:
    """Widen ``bar`` until its text fits in its label's room; it keeps that width (a bar that
    narrowed with each shorter text would shift the status bar to and fro)."""
    option = QStyleOptionProgressBar()
    bar.initStyleOption(option)
    room = bar.style().subElementRect(QStyle.SubElement.SE_ProgressBarLabel, option, bar).width()
    needed = bar.fontMetrics().size(0, bar.text()).width()  # fallback fonts' too
    if needed + TEXT_MARGIN > room:
        bar.setFixedWidth(bar.width() + needed + TEXT_MARGIN - room)
