"""Save Comparison: of a photo restored more than once, the two pictures chosen in the compare
picker are the ones written, each side named by what it is; a comparison goes beside its
result (two folders' photos of one name kept apart as their results are); and a line lying
beside the picture gives a comparison split in the middle, not one side alone."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from gui_helpers import WAIT_MS, add_searched, wait_until_read, write_photo

from app.comparison_labels import labelled_picture
from app.main_window import MainWindow
from app.photo_queue import QueueItem
from app.settings import AppSettings
from engine.comparison import comparison
from engine.imageio import Picture, read_picture


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


def _differences(written: Path, left: Path, right: Path, split: float) -> np.ndarray:
    """How far each level of ``written`` lies from the unlabelled comparison of ``left`` and
    ``right`` split at ``split``."""
    expected = comparison(read_picture(left).pixels, read_picture(right).pixels, split)
    return np.abs(read_picture(written).pixels.astype(int) - expected)


def _looks_like(written: Path, left: Path, right: Path, split: float) -> bool:
    """Whether ``written`` is that comparison below its labels (the top rows)."""
    differences = _differences(written, left, right, split)
    return differences[differences.shape[0] // 2 :].mean() < 3  # a JPEG


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


def _compared(window: MainWindow, qtbot, item: QueueItem, root: Path) -> Path:
    """Save the comparison of ``item``, split as the viewer stands; the file written, wherever
    below ``root``, once the status bar tells of it."""
    before = set(root.rglob("* comparison.jpg"))
    window.queue_view.select_id(item.id)
    qtbot.waitUntil(window.save_comparison_action.isEnabled, timeout=WAIT_MS)  # once on show
    window.save_comparison_action.trigger()
    saving = window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() != saving, timeout=WAIT_MS)
    [written] = set(root.rglob("* comparison.jpg")) - before
    return written


def _restored(window: MainWindow, qtbot, items: list[QueueItem]) -> None:
    wait_until_read(qtbot, window)
    window.restore_all()
    qtbot.waitUntil(lambda: all(item.can_be_saved for item in items), timeout=WAIT_MS)


def test_same_named_photos_of_two_folders_are_compared_beside_their_results(
    make_window, qtbot, tiny_model, tmp_path, app_settings
):
    app_settings.auto_save = True
    albums = [tmp_path / "Album 1972", tmp_path / "Album 1985"]
    for seed, album in enumerate(albums):
        write_photo(album / "IMG_001.png", 40, 30, seed)
    window = make_window()
    items = add_searched(qtbot, window, albums)
    _restored(window, qtbot, items)
    qtbot.waitUntil(lambda: all(item.saved_to is not None for item in items), timeout=WAIT_MS)

    for item in items:
        written = _compared(window, qtbot, item, tmp_path)
        assert written == item.saved_to.with_name(f"{item.saved_to.stem} comparison.jpg")
    assert window.statusBar().currentMessage() == (
        f"Saved the comparison IMG_001 [tiny] comparison.jpg in {items[1].saved_to.parent}."
    )


@pytest.mark.parametrize("beside_originals", [False, True], ids=["output-folder", "own-folder"])
def test_a_result_not_saved_yet_is_compared_where_saving_puts_it(
    make_window, qtbot, tiny_model, tmp_path, app_settings, beside_originals
):
    album = tmp_path / "Album 1972"
    write_photo(album / "roll1" / "IMG_001.png", 40, 30)
    if beside_originals:
        app_settings.output_dir = str(album)
    window = make_window()
    [item] = add_searched(qtbot, window, [album])
    _restored(window, qtbot, [item])
    assert item.saved_to is None

    written = _compared(window, qtbot, item, tmp_path)
    window.save_all()
    qtbot.waitUntil(lambda: item.saved_to is not None, timeout=WAIT_MS)
    assert written == item.saved_to.with_name(f"{item.saved_to.stem} comparison.jpg")
    assert written.parent == (
        item.source.parent
        if beside_originals
        else Path(app_settings.output_dir) / "Album 1972/roll1"
    )


@pytest.mark.parametrize("shown_split", [0.0, 1.0], ids=["left", "right"])
def test_a_line_at_the_picture_edge_saves_a_comparison_split_in_the_middle(
    make_window, qtbot, tiny_model, tmp_path, app_settings, shown_split
):
    app_settings.auto_save = True
    window = make_window()
    window.resize(1400, 900)  # a portrait in a wide view: margins either side of it
    [item] = window.add_paths([write_photo(tmp_path / "photos" / "portrait.png", 30, 60)])
    _restored(window, qtbot, [item])
    qtbot.waitUntil(lambda: item.saved_to is not None, timeout=WAIT_MS)
    window.viewer.set_split(shown_split)
    assert window.viewer.split_in_image() == shown_split  # the line at the photo's edge

    written = _compared(window, qtbot, item, tmp_path)
    assert _looks_like(written, item.source, item.saved_to, 0.5)
    assert window.statusBar().currentMessage() == (
        f"Saved the comparison {written.name} in {written.parent}, split in the middle: the "
        "line was at the photo's edge."
    )


def test_the_saved_comparison_is_labelled_as_the_viewer_labels_it(
    restored_twice, qtbot, app_settings
):
    window, item, (plain, _coloured) = restored_twice
    _choose(window, left=0, right=0)  # "Original" with "tiny"
    written = _saved(window, qtbot, item, app_settings)
    differences = _differences(written, item.source, plain, window.viewer.split_in_image())
    height, width = differences.shape[:2]
    corner = differences[: height // 4]
    assert corner[:, : width // 4].mean() > 20  # the left label
    assert corner[:, -width // 4 :].mean() > 20  # the right label
    assert differences[height // 2 :].mean() < 3  # a JPEG


@pytest.mark.parametrize("dtype", [np.uint8, np.uint16])
def test_labels_are_light_text_on_dark_pills_in_the_top_corners(dtype):
    grey = np.iinfo(dtype).max // 2
    height, width = 300, 800
    pixels = np.full((height, width, 3), grey, dtype)
    alpha = np.zeros((height, width), dtype)
    picture = Picture(pixels, alpha, None, None, "png")

    labelled = labelled_picture(picture, ("Original", "Restored"))

    text_rows = slice(0, height // 8)
    for side in (slice(0, width // 8), slice(-width // 8, None)):
        corner = labelled.pixels[text_rows, side]
        assert corner.min() < grey < corner.max()  # a dark pill, light letters on it
        assert labelled.alpha[text_rows, side].max() == np.iinfo(dtype).max  # opaque there
    assert (labelled.pixels[height // 4 :] == grey).all()
    assert (labelled.pixels[:, width // 3 : -width // 3] == grey).all()
    assert (pixels == grey).all()  # the picture given is left as it was
