"""The training page's live plots (pyqtgraph), in a 2x2 grid sharing the step axis: the three
steps' adversarial losses, the content (L1) loss, the discriminator's mean judgements around
the 0.5 balance line, and PSNR against bicubic at each validation. Losses and judgements are
drawn as running means (per-step values are too noisy to read a trend from); the content
loss also shows its per-step values, faintly.

Events only feed ``Series``; the curves are redrawn by a timer at ``REFRESH_HZ``, so the plots
stay smooth however fast steps arrive.
"""

from __future__ import annotations

import html

import pyqtgraph as pg
from PySide6.QtCore import QEvent, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPalette, QTextOption
from PySide6.QtWidgets import QGridLayout, QWidget

from app import theme
from app.line_breaks import balanced_lines
from training.events import StepEvent
from training.run_figures import Validation
from training.series import Series, Smoothed

REFRESH_HZ = 5
ADVERSARIAL_COLORS = {"d_real": "#4e9ae0", "d_fake": "#c76bd6", "g_adv": theme.ACCENT}
CONTENT_COLOR = "#5cb85c"
JUDGEMENT_COLORS = {"real": "#4e9ae0", "fake": "#c76bd6"}
PSNR_COLORS = {"model": theme.ACCENT, "bicubic": "#9aa0a6"}
BALANCE = 0.5
LINE_WIDTH = 2
MIN_PSNR_SPAN = 1.0
"""dB: a flat PSNR curve is shown over at least this span, not blown up to noise."""
RAW_ALPHA = 90
"""The content loss of each step is drawn faintly behind its running mean."""
TITLE_POINTS = 10
LEGEND_POINTS = 8
TITLE_MARGIN = 4
"""Pixels left clear each side of a title, within the width over its plot's view."""
NOTE_HEIGHT = 0.7
"""The waiting notes sit this share of the way up their plots: clear of the critic's 0.5
balance line, between the grid lines at 0.6 and 0.8."""
LEAST_STEP_TICK = 1
"""The step axis has ticks a whole step apart or more: there are no half steps."""


def _pen(color: str) -> object:
    return pg.mkPen(color, width=LINE_WIDTH)


class StepAxis(pg.AxisItem):
    """The bottom axis, of training steps: pyqtgraph's ticks, less those closer together than
    a whole step (its ticks at 1.5 and 2.5 over the first steps)."""

    def tickSpacing(  # noqa: N802
        self, low: float, high: float, size: float
    ) -> list[tuple[float, float]]:
        levels = super().tickSpacing(low, high, size)
        whole = [(spacing, offset) for spacing, offset in levels if spacing >= LEAST_STEP_TICK]
        return whole or [(LEAST_STEP_TICK, 0)]


class TrainingPlots(QWidget):
    """Four plots fed by training events."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        pg.setConfigOptions(antialias=True)
        self.adversarial, self.content, self.judgements, self.psnr = (
            pg.PlotWidget(axisItems={"bottom": StepAxis("bottom")}) for _plot in range(4)
        )
        self.plots = (self.adversarial, self.content, self.judgements, self.psnr)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for index, plot in enumerate(self.plots):
            plot.setMinimumSize(240, 180)
            plot.setMenuEnabled(False)
            plot.setMouseEnabled(x=False, y=False)
            plot.hideButtons()
            plot.showGrid(x=True, y=True, alpha=0.15)
            if plot is not self.content:
                plot.setXLink(self.content)  # the content loss has points from the first step
            layout.addWidget(plot, *divmod(index, 2))
            plot.getPlotItem().titleLabel.item.document().setDefaultTextOption(
                QTextOption(Qt.AlignmentFlag.AlignHCenter)
            )
        self.judgements.setYRange(0, 1, padding=0.02)
        self.judgements.addItem(
            pg.InfiniteLine(
                BALANCE, angle=0, pen=pg.mkPen("#9aa0a6", width=1, style=Qt.PenStyle.DashLine)
            )
        )
        self.adversarial_series = {name: Smoothed() for name in ADVERSARIAL_COLORS}
        self.content_series = Series()
        self.content_trend = Smoothed()
        self.judgement_series = {name: Smoothed() for name in JUDGEMENT_COLORS}
        self.psnr_points: dict[str, tuple[list[float], list[float]]] = {
            name: ([], []) for name in PSNR_COLORS
        }
        self.adversarial_curves = {
            name: self.adversarial.plot(pen=_pen(color))
            for name, color in ADVERSARIAL_COLORS.items()
        }
        faint = QColor(CONTENT_COLOR)
        faint.setAlpha(RAW_ALPHA)
        self.content_curve = self.content.plot(pen=pg.mkPen(faint, width=1))
        self.content_trend_curve = self.content.plot(pen=_pen(CONTENT_COLOR))
        self.judgement_curves = {
            name: self.judgements.plot(pen=_pen(color)) for name, color in JUDGEMENT_COLORS.items()
        }
        self.psnr_curves = {
            name: self.psnr.plot(
                pen=_pen(color), symbol="o", symbolSize=6, symbolBrush=color, symbolPen=None
            )
            for name, color in PSNR_COLORS.items()
        }
        self.waiting_notes = {plot: pg.TextItem(anchor=(0.5, 0.5)) for plot in self.plots}
        """Each plot's note of when its curves start, shown until they do."""
        for plot, note in self.waiting_notes.items():
            plot.addItem(note, ignoreBounds=True)
            plot.sigRangeChanged.connect(lambda *_args, plot=plot: self._place_note(plot))
            self._place_note(plot)  # before its first steps move the view
        self._dirty = False
        self.timer = QTimer(self)
        self.timer.setInterval(1000 // REFRESH_HZ)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self._titles: dict[pg.PlotWidget, tuple[str, dict[str, str]]] = {}
        self._apply_palette()
        self.retranslate()
        for plot in self.plots:
            self._follow_width(plot)

    # -- feeding --------------------------------------------------------------------------

    def add_steps(self, events: list[StepEvent]) -> None:
        for event in events:
            for name, value in event.losses.items():
                if name in self.adversarial_series:
                    self.adversarial_series[name].add(event.step, value)
            if "g_content" in event.losses:
                self.content_series.add(event.step, event.losses["g_content"])
                self.content_trend.add(event.step, event.losses["g_content"])
            if event.d_real is not None and event.d_fake is not None:
                self.judgement_series["real"].add(event.step, event.d_real)
                self.judgement_series["fake"].add(event.step, event.d_fake)
        self._dirty = True

    def add_validation(self, validation: Validation) -> None:
        """The figures as the labels show them, so the plot's points read the same."""
        for name, figures in (("model", validation.yours), ("bicubic", validation.bicubic)):
            xs, ys = self.psnr_points[name]
            xs.append(validation.step)
            ys.append(figures.psnr)
        self._dirty = True

    def refresh(self) -> None:
        """Redraw the curves that changed since the last tick."""
        if not self._dirty:
            return
        self._dirty = False
        for name, curve in self.adversarial_curves.items():
            curve.setData(*self.adversarial_series[name].points())
        self.content_curve.setData(*self.content_series.points())
        self.content_trend_curve.setData(*self.content_trend.points())
        for name, curve in self.judgement_curves.items():
            curve.setData(*self.judgement_series[name].points())
        for name, curve in self.psnr_curves.items():
            curve.setData(*self.psnr_points[name])
        for plot, note in self.waiting_notes.items():
            note.setVisible(not self._has_points(plot))
        self._fit_psnr()

    def _has_points(self, plot: pg.PlotWidget) -> bool:
        """Whether any of ``plot``'s curves has a point to draw."""
        return any(item.xData is not None and len(item.xData) for item in plot.listDataItems())

    def _place_note(self, plot: pg.PlotWidget) -> None:
        """Keep the plot's waiting note centred across it, wherever its view moves."""
        (x0, x1), (y0, y1) = plot.viewRange()
        self.waiting_notes[plot].setPos((x0 + x1) / 2, y0 + NOTE_HEIGHT * (y1 - y0))

    def _fit_psnr(self) -> None:
        values = [v for _xs, ys in self.psnr_points.values() for v in ys]
        if values:
            low, high = min(values), max(values)
            middle, half = (low + high) / 2, max(high - low, MIN_PSNR_SPAN) / 2
            self.psnr.setYRange(middle - half, middle + half, padding=0.1)

    # -- look and language ----------------------------------------------------------------

    def _apply_palette(self) -> None:
        palette = self.palette()
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        for plot in self.plots:
            plot.setBackground(base)
            item = plot.getPlotItem()
            for side in ("left", "bottom"):
                axis = item.getAxis(side)
                axis.setTextPen(text)
                axis.setPen(pg.mkPen(palette.color(QPalette.ColorRole.Mid)))
        for note in self.waiting_notes.values():
            note.setColor(palette.color(QPalette.ColorRole.PlaceholderText))

    def retranslate(self) -> None:
        """Titles, each with its curves' colours as the legend: a legend inside the plot
        would hide the newest points, at the right edge."""
        self._title(self.adversarial, self.tr("Losses of the three steps"), ADVERSARIAL_COLORS)
        self._title(
            self.content,
            self.tr("Content loss (L1): lower is better"),
            {self.tr("each step"): self._faint_content(), self.tr("running mean"): CONTENT_COLOR},
        )
        self._title(
            self.judgements,
            self.tr("Critic's mean judgement (0.5 = balanced)"),
            {
                self.tr("D(real)"): JUDGEMENT_COLORS["real"],
                self.tr("D(fake)"): JUDGEMENT_COLORS["fake"],
            },
        )
        self._title(
            self.psnr,
            self.tr("PSNR on held-out photos (dB)"),
            {
                self.tr("your model"): PSNR_COLORS["model"],
                self.tr("bicubic"): PSNR_COLORS["bicubic"],
            },
        )
        warm_up = self.tr("Starts after the warm-up")
        notes = {
            self.adversarial: warm_up,
            self.content: self.tr("Starts with the first step"),
            self.judgements: warm_up,
            self.psnr: self.tr("Starts at the first check"),
        }
        for plot, text in notes.items():
            self.waiting_notes[plot].setText(text)

    def _faint_content(self) -> str:
        """The faint per-step colour as it looks on the plot, for the title's legend."""
        base = self.palette().color(QPalette.ColorRole.Base)
        line = QColor(CONTENT_COLOR)
        share = RAW_ALPHA / 255
        mixed = [
            round(share * a + (1 - share) * b)
            for a, b in zip(line.getRgb()[:3], base.getRgb()[:3], strict=True)
        ]
        return QColor(*mixed).name()

    def _title(self, plot: pg.PlotWidget, text: str, entries: dict[str, str]) -> None:
        self._titles[plot] = (text, entries)
        self._show_title(plot)

    def _follow_width(self, plot: pg.PlotWidget) -> None:
        """Show the plot's title again whenever the width over its view changes: the plot
        resized, or its left axis widened for longer tick labels."""
        plot.sigDeviceRangeChanged.connect(lambda *_args: self._show_title(plot))
        plot.getPlotItem().getAxis("left").geometryChanged.connect(lambda: self._show_title(plot))

    def _show_title(self, plot: pg.PlotWidget) -> None:
        """The title over the plot's view, in lines broken evenly at the width there, its
        legend under them, and its row as tall as they are (``_level_titles``): pyqtgraph
        gives a title one line (30 px) at its own width, so a title with its legend, a long
        one or a narrow plot would be cut off at the top, at the sides or into the view."""
        text, entries = self._titles[plot]
        item = plot.getPlotItem()
        label = item.titleLabel
        width = max(plot.width() - item.getAxis("left").width() - 2 * TITLE_MARGIN, 1)
        font = QFont(label.item.font())
        font.setPointSizeF(TITLE_POINTS)
        lines = balanced_lines(text, font, int(width))
        plot.setTitle(self._title_html(lines, entries), size=f"{TITLE_POINTS}pt")
        label.item.setTextWidth(width)  # a legend too wide for it wraps
        label.updateMin()
        self._level_titles()
        label.resizeEvent(None)  # centred again in its room, as pyqtgraph does on resizes
        item.setGeometry(QRectF(plot.rect()))  # the plot's size, should a title have stretched it

    def _level_titles(self) -> None:
        """Each title's row as tall as the taller title of its row of plots, so that plots
        side by side have their views level."""
        for row in (self.plots[:2], self.plots[2:]):
            height = max(plot.getPlotItem().titleLabel.itemRect().height() for plot in row)
            for plot in row:
                item = plot.getPlotItem()
                item.titleLabel.setMaximumHeight(height)
                item.layout.setRowFixedHeight(0, height)

    def _title_html(self, lines: list[str], entries: dict[str, str]) -> str:
        """The title's ``lines`` in the text colour, each of the ``entries`` (name: colour)
        under them with a swatch of its curve's colour."""
        color = self.palette().color(QPalette.ColorRole.Text).name()
        legend = "&nbsp;&nbsp;&nbsp;".join(
            f"<span style='color:{swatch}'>━━</span>&nbsp;{html.escape(name)}"
            for name, swatch in entries.items()
        )
        title = f"<span style='color:{color}'>" + "<br>".join(html.escape(line) for line in lines)
        if legend:
            title += f"<br><span style='font-size:{LEGEND_POINTS}pt'>{legend}</span>"
        return title + "</span>"

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
            self.retranslate()  # the titles take the new text colour
        super().changeEvent(event)
