"""The training page's plots show their titles and legends whole, in either language, from the
wizard's default size down to the plots' least: inside their plot, above its view (not over
the curves), the views of plots side by side level; and the note shown until the warm-up
ends is inside its plot from the start."""

from __future__ import annotations

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPointF, QRect, QRectF
from PySide6.QtWidgets import QApplication

from app.i18n import CHINESE, ENGLISH
from app.wizard.plots import TrainingPlots

PLOT_SIZES = [(386, 306), (300, 240), (240, 180)]
"""Each plot's size: in the wizard at its default size, on a smaller screen, its least."""
SPACING = 6
SETTLING_ROUNDS = 20


def _plots(qtbot, width: int, height: int) -> TrainingPlots:
    plots = TrainingPlots()
    qtbot.addWidget(plots)
    plots.resize(2 * width + SPACING, 2 * height + SPACING)
    plots.show()
    _settle(plots)
    return plots


def _settle(plots: TrainingPlots) -> None:
    """Let the plots lay themselves out (pyqtgraph's layouts are done as events), until
    where their views are stops changing."""
    views = None
    for _round in range(SETTLING_ROUNDS):
        QApplication.processEvents()
        if views == (views := [_view(plot) for plot in plots.plots]):
            return


def _title_lines(plot: pg.PlotWidget) -> list[QRect]:
    """Where each line of the plot's title (and legend) is drawn, in the plot's pixels."""
    text = plot.getPlotItem().titleLabel.item
    document = text.document()
    lines = []
    block = document.begin()
    while block.isValid():
        corner = document.documentLayout().blockBoundingRect(block).topLeft()
        layout = block.layout()
        for index in range(layout.lineCount()):
            line = layout.lineAt(index).naturalTextRect().translated(corner)
            lines.append(plot.mapFromScene(text.mapRectToScene(line)).boundingRect())
        block = block.next()
    return lines


def _view(plot: pg.PlotWidget) -> QRect:
    return plot.mapFromScene(plot.getViewBox().sceneBoundingRect()).boundingRect()


@pytest.mark.parametrize("language", [ENGLISH, CHINESE])
@pytest.mark.parametrize(("width", "height"), PLOT_SIZES)
def test_each_title_is_whole_inside_its_plot_and_above_its_view(
    qtbot, translation, language, width, height
):
    translation.apply(language)
    plots = _plots(qtbot, width, height)
    for plot in plots.plots:
        lines = _title_lines(plot)
        assert len(lines) >= 2, "the title and its legend"
        for line in lines:
            assert plot.rect().contains(line), f"a title line cut off: {line} in {plot.rect()}"
            assert line.bottom() <= _view(plot).top() + 1, "a title line over the curves"


@pytest.mark.parametrize("language", [ENGLISH, CHINESE])
def test_the_views_of_plots_side_by_side_are_level(qtbot, translation, language):
    translation.apply(language)
    plots = _plots(qtbot, *PLOT_SIZES[-1])
    for left, right in (plots.plots[:2], plots.plots[2:]):
        assert _view(left).top() == _view(right).top()


def test_the_waiting_notes_are_inside_their_plots_before_the_first_step(qtbot):
    plots = _plots(qtbot, *PLOT_SIZES[0])
    for plot, note in plots.waiting_notes.items():
        assert note.isVisible()
        centre = plot.mapFromScene(plot.getViewBox().mapViewToScene(note.pos()))
        size = note.textItem.boundingRect().size()
        drawn = QRectF(QPointF(centre) - QPointF(size.width(), size.height()) / 2, size)
        assert _view(plot).contains(drawn.toAlignedRect()), "the note cut off"
