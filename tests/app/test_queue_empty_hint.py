"""The empty queue says, quietly, that it holds nothing yet and how photos come into it,
as the viewer beside it welcomes; once a photo is queued, the list shows its row alone."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from gui_helpers import rgb_pixels

from app.photo_queue import QueueModel
from app.queue_view import QueuePanel

BAND = 40
"""Rows either side of the list's middle, where the hint is and a first row is not."""


@pytest.fixture
def panel(qtbot) -> QueuePanel:
    panel = QueuePanel(QueueModel())
    qtbot.addWidget(panel)
    panel.resize(260, 500)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def words_in_the_middle(panel: QueuePanel) -> int:
    """How many pixels of the list's middle band are drawn over its ground."""
    viewport = panel.view.viewport()
    pixels = rgb_pixels(viewport.grab().toImage()).astype(int)
    middle = pixels.shape[0] // 2
    band = pixels[middle - BAND : middle + BAND]
    ground = panel.view.palette().color(panel.view.palette().ColorRole.Base).getRgb()[:3]
    return int(np.count_nonzero((band != ground).any(axis=2)))


def test_the_empty_queue_says_how_photos_come_into_it(panel: QueuePanel):
    assert panel.view.empty_hint().splitlines() == [
        "No photos yet",
        "Drop photos or folders here to add them.",
    ]
    assert words_in_the_middle(panel) > 0


def test_a_queued_photo_takes_the_hints_place_until_it_is_taken_out(
    panel: QueuePanel, tmp_path: Path
):
    (item,) = panel.view.model().add_paths([tmp_path / "a.png"])
    assert words_in_the_middle(panel) == 0
    panel.view.model().remove([item.id])
    assert words_in_the_middle(panel) > 0
