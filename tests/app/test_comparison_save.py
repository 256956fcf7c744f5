"""Save Comparison of a photo restored more than once: the two pictures chosen in the compare
picker are the ones written, each side named by what it is."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from gui_helpers import write_photo

from app.main_window import MainWindow
from app.photo_queue import QueueItem
from app.settings import AppSettings
from engine.comparison import comparison
from engine.imageio import read_picture

WAIT_MS = 30_000


@pytest.fixture
def restored_twice(make_window, qtbot, tiny_model, tmp_path, app_settings: AppSettings):
    """A window showing a photo restored plainly, then with its faded colours fixed (both
    results saved at once): the window, the photo, the two results' files."""
    app_settings.auto_save = True
    window = make_window()
    [item] = window.add_paths([write_photo(tmp_path / "photos" / "a.png", 40, 30)])
    results = []
    for fix_fading in (False, True):
        window.settings_panel.fading_check.setChecked(fix_fading)
        window.queue_view.select_id(item.id)
        window.restore_selected()
        qtbot.waitUntil(lambda: len(item.history) > len(results), timeout=WAIT_MS)
        results.append(item.saved_to)
    assert window.result_view.picker.isVisible()
    return window, item, results


def _choose(window: MainWindow, left: int, right: int) -> None:
    """Choose the pair in the compare picker as a person does."""
    picker = window.result_view.picker
    shown = picker.labels()
    for combo, index in ((picker.left, left), (picker.right, right)):
        combo.setCurrentIndex(index)
        combo.activated.emit(index)
    assert picker.labels() != shown and window.viewer.labels() == picker.labels()


def _saved(window: MainWindow, qtbot, item: QueueItem, app_settings: AppSettings) -> Path:
    """Save the comparison on show, split at 40%; the file written."""
    window.viewer.set_split(0.4)
    folder = Path(app_settings.output_dir)
    before = set(folder.glob("* comparison.jpg"))
    window.queue_view.select_id(item.id)
    window.save_comparison_action.trigger()
    qtbot.waitUntil(lambda: set(folder.glob("* comparison.jpg")) != before, timeout=WAIT_MS)
    [written] = set(folder.glob("* comparison.jpg")) - before
    return written


def _looks_like(written: Path, left: Path, right: Path, split: float) -> bool:
    expected = comparison(read_picture(left).pixels, read_picture(right).pixels, split)
    return np.abs(read_picture(written).pixels.astype(int) - expected).mean() < 3  # a JPEG


def test_two_results_chosen_are_the_comparison_saved(restored_twice, qtbot, app_settings):
    window, item, (plain, coloured) = restored_twice
    _choose(window, left=1, right=1)  # "tiny" with "tiny colour"
    written = _saved(window, qtbot, item, app_settings)
    assert written.name == "a [tiny] vs a [tiny colour] comparison.jpg"
    assert _looks_like(written, plain, coloured, window.viewer.split_in_image())


def test_the_original_with_an_earlier_result_is_named_after_that_result(
    restored_twice, qtbot, app_settings
):
    window, item, (plain, _coloured) = restored_twice
    _choose(window, left=0, right=0)  # "Original" with "tiny"
    written = _saved(window, qtbot, item, app_settings)
    assert written.name == "a [tiny] comparison.jpg"
    assert _looks_like(written, item.source, plain, window.viewer.split_in_image())
