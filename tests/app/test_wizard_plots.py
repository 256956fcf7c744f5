"""The training page's plots: the note shown until the adversarial phase starts is readable,
clear of the critic's 0.5 balance line and inside its plot."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF

from app.wizard.plots import BALANCE, TrainingPlots
from training.events import StepEvent

WARMUP_STEPS = 20


def _warmup(step: int) -> StepEvent:
    return StepEvent(step, 100, "warmup", {"g_content": 1 / step}, None, None, 1e-4, 0, 1, 1)


def test_the_waiting_notes_are_clear_of_the_balance_line_and_inside_their_plots(qtbot):
    plots = TrainingPlots()
    qtbot.addWidget(plots)
    plots.resize(900, 600)
    plots.show()
    plots.add_steps([_warmup(step) for step in range(1, WARMUP_STEPS + 1)])
    plots.refresh()
    plots.grab()  # the views take their new ranges as they are drawn

    for plot in (plots.adversarial, plots.judgements, plots.psnr):  # the content loss has points
        note = plots.waiting_notes[plot]
        assert note.isVisible()
        assert plot.getViewBox().sceneBoundingRect().contains(_drawn(plot, note)), "clipped"
    judgements = plots.judgements
    note = _drawn(judgements, plots.waiting_notes[judgements])
    line = judgements.getViewBox().mapViewToScene(QPointF(0, BALANCE)).y()
    assert not note.top() <= line <= note.bottom()


def _drawn(plot, note) -> QRectF:
    """Where the note's text is drawn in its plot's scene: at its own size in pixels, centred
    on its place in the view (its anchor)."""
    centre = plot.getViewBox().mapViewToScene(note.pos())
    size = note.textItem.boundingRect().size()
    corner = centre - QPointF(size.width(), size.height()) / 2
    return QRectF(corner, size)
