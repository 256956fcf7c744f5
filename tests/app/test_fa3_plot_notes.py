"""The training page's plots before their curves start: each plot says when it starts until
it has a point to draw, and the step axis has ticks at whole steps only."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from app.wizard.plots import TrainingPlots
from training.events import StepEvent
from training.run_figures import Validation

FIRST_STEPS = 4
"""The steps of the wizard's screenshot, over which pyqtgraph put ticks at 1.5 and 2.5."""


def _warmup(step: int) -> StepEvent:
    return StepEvent(step, 100, "warmup", {"g_content": 1 / step}, None, None, 1e-4, 0, 1, 1)


def _plots(qtbot) -> TrainingPlots:
    plots = TrainingPlots()
    qtbot.addWidget(plots)
    plots.resize(760, 500)
    plots.show()
    return plots


def _shown_notes(plots: TrainingPlots) -> set:
    return {plot for plot, note in plots.waiting_notes.items() if note.isVisible()}


def test_every_plot_says_when_it_starts_until_it_has_points(qtbot):
    plots = _plots(qtbot)
    assert _shown_notes(plots) == set(plots.plots)
    texts = [plots.waiting_notes[plot].toPlainText() for plot in plots.plots]
    assert all(texts)

    plots.add_steps([_warmup(step) for step in range(1, FIRST_STEPS + 1)])
    plots.refresh()
    assert _shown_notes(plots) == {plots.adversarial, plots.judgements, plots.psnr}

    record = {"psnr": 24.0, "ssim": 0.7, "bicubic_psnr": 23.0, "bicubic_ssim": 0.65}
    plots.add_validation(Validation.of_record(FIRST_STEPS, record))
    plots.refresh()
    assert _shown_notes(plots) == {plots.adversarial, plots.judgements}


def test_the_step_axis_has_ticks_at_whole_steps_only(qtbot):
    plots = _plots(qtbot)
    plots.add_steps([_warmup(step) for step in range(1, FIRST_STEPS + 1)])
    plots.refresh()
    plots.grab()  # the views take their new ranges as they are drawn
    QApplication.processEvents()
    for plot in plots.plots:
        axis = plot.getPlotItem().getAxis("bottom")
        low, high = axis.range
        ticks = [
            value
            for _spacing, values in axis.tickValues(low, high, axis.width())
            for value in values
        ]
        assert ticks, "no ticks at all"
        assert all(value == round(value) for value in ticks), ticks
