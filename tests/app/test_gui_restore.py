"""Restoring through the real worker thread, showing the result, saving it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from gui_helpers import wait_for_status, wait_until_read, write_photo

from app.item_status import ItemStatus
from app.photo_queue import status_text
from engine.comparison import comparison
from engine.fading import fix_fading
from engine.imageio import Picture, read_picture, write_picture
from engine.library.loading import load_model
from engine.restorer import Restorer


def test_restoring_an_item_shows_the_result_in_the_viewer(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    window = make_window()
    assert window.settings_panel.model_combo.currentText().startswith("Tiny")
    [item] = window.add_paths([write_photo(tmp_path / "a.png", 40, 30)])
    wait_until_read(qtbot, window)
    assert window.restore_action.isEnabled()

    stopped = qtbot.waitSignal(
        window.runner.running_changed, timeout=30_000, check_params_cb=lambda running: not running
    )
    with stopped:
        window.restore_action.trigger()
        assert window.cancel_action.isEnabled()

    assert item.status is ItemStatus.RESTORED, item.message
    assert (item.result.width, item.result.height) == (160, 120)
    viewer = window.viewer
    assert viewer.has_after()
    assert viewer.after_image().size().toTuple() == (160, 120)
    assert viewer.before_image().size().toTuple() == (40, 30)  # drawn enlarged, not stored so
    shown = viewer.after_image().convertToFormat(viewer.after_image().Format.Format_RGB888)
    expected = item.result.pixels
    assert shown.pixelColor(17, 9).getRgb()[:3] == tuple(int(v) for v in expected[9, 17])
    assert window.save_action.isEnabled() and window.save_all_action.isEnabled()
    assert not window.run_bars.item_bar.isVisible() and not window.cancel_action.isEnabled()


def test_extra_care_restores_each_tile_in_eight_orientations(
    make_window, qtbot, tiny_model, tmp_path: Path, ensemble_calls
):
    window = make_window()
    [plain] = window.add_paths([write_photo(tmp_path / "plain.png", 40, 32)])
    window.restore_all()
    wait_for_status(qtbot, plain, ItemStatus.RESTORED)
    assert ensemble_calls == []
    window.settings_panel.ensemble_check.setChecked(True)
    [careful] = window.add_paths([write_photo(tmp_path / "careful.png", 40, 32)])
    window.restore_all()
    wait_for_status(qtbot, careful, ItemStatus.RESTORED)
    assert ensemble_calls


def test_fix_faded_colours_reaches_the_restoration(make_window, qtbot, tiny_model, tmp_path: Path):
    """A faded photo restored with the box ticked is the engine's fix, enlarged."""
    path = tmp_path / "print.png"
    rng = np.random.default_rng(3)
    faded = (rng.random((32, 40, 3)) * 120 + 60).astype(np.uint8)  # greyed blacks, dull whites
    write_picture(Picture(faded, None, None, None, "png"), path)
    window = make_window()
    window.settings_panel.fading_check.setChecked(True)
    [item] = window.add_paths([path])
    window.restore_all()
    wait_for_status(qtbot, item, ItemStatus.RESTORED)
    restorer = Restorer(load_model(tiny_model), torch.device("cpu"))
    np.testing.assert_array_equal(item.result.pixels, restorer.enlarge(fix_fading(faded)))


def test_restore_all_uses_the_output_scale(make_window, qtbot, tiny_model, tmp_path: Path):
    window = make_window()
    window.settings_panel.scale_combo.setCurrentIndex(2)  # 2x
    items = window.add_paths([write_photo(tmp_path / n, 40, 32) for n in ("a.png", "b.png")])
    window.restore_all_action.trigger()
    for item in items:
        wait_for_status(qtbot, item, ItemStatus.RESTORED)
        assert (item.result.width, item.result.height) == (80, 64)


def test_progress_reaches_the_status_bar(make_window, qtbot, tiny_model, tmp_path: Path):
    window = make_window()
    window.settings_panel.tile_spin.setValue(32)
    window.add_paths([write_photo(tmp_path / "a.png", 128, 96)])
    wait_until_read(qtbot, window)  # a run asked for sooner waits for it
    seen = []
    window.runner.progress_changed.connect(seen.append)
    window.restore_all()
    qtbot.waitUntil(lambda: not window.runner.is_running, timeout=30_000)
    fractions = [p.item_fraction for p in seen]
    assert len(fractions) > 4 and fractions == sorted(fractions) and fractions[-1] == 1.0
    assert seen[-1].done == seen[-1].total == 1


def test_save_never_overwrites_and_suffixes_clashes(
    make_window, qtbot, tiny_model, tmp_path: Path, app_settings
):
    source = write_photo(tmp_path / "photos" / "a.png", 40, 30)
    original_bytes = source.read_bytes()
    app_settings.result_names = "{stem}"  # results named as their originals: a true clash
    window = make_window()
    window.settings_panel.set_output_folder(str(source.parent))  # the originals' own folder
    [item] = window.add_paths([source])
    window.restore_all()
    wait_for_status(qtbot, item, ItemStatus.RESTORED)

    window.save_all_action.trigger()
    qtbot.waitUntil(lambda: item.saved_to is not None, timeout=30_000)
    assert source.read_bytes() == original_bytes
    assert item.saved_to == source.parent / "a (2).png"
    assert read_picture(item.saved_to).pixels.shape == (120, 160, 3)
    assert not window.save_all_action.isEnabled()  # everything is saved

    window.settings_panel.format_combo.setCurrentIndex(
        window.settings_panel.format_combo.findData("jpg")
    )
    window.queue_view.select_id(item.id)
    window.save_action.trigger()
    qtbot.waitUntil(lambda: item.saved_to.suffix == ".jpg", timeout=30_000)
    assert item.saved_to.name == "a.jpg"
    assert sorted(p.name for p in source.parent.iterdir()) == ["a (2).png", "a.jpg", "a.png"]


def test_a_restored_photo_is_saved_as_a_comparison_split_where_the_slider_stands(
    make_window, qtbot, tiny_model, tmp_path: Path, app_settings
):
    source = write_photo(tmp_path / "photos" / "a.png", 40, 30)
    window = make_window()
    [item] = window.add_paths([source])
    assert not window.save_comparison_action.isEnabled()  # nothing restored yet
    window.restore_all()
    wait_for_status(qtbot, item, ItemStatus.RESTORED)
    qtbot.waitUntil(window.viewer.has_after, timeout=30_000)
    qtbot.waitUntil(window.save_comparison_action.isEnabled, timeout=30_000)
    window.viewer.set_split(0.4)
    split = window.viewer.split_in_image()
    assert 0.0 < split < 1.0
    window.save_comparison_action.trigger()
    folder = Path(app_settings.output_dir)
    qtbot.waitUntil(lambda: any(folder.glob("* comparison.jpg")), timeout=30_000)
    [written] = folder.glob("* comparison.jpg")
    assert written.name == "a [tiny] comparison.jpg"  # beside the result, named after it
    shown = read_picture(written).pixels.astype(int)
    expected = comparison(read_picture(source).pixels, item.result.pixels, split)
    below_labels = slice(shown.shape[0] // 2, None)  # its sides' labels lie in its top corners
    assert np.abs(shown[below_labels] - expected[below_labels]).mean() < 3  # a JPEG of it
    assert "comparison" in window.statusBar().currentMessage()


def test_restored_pixels_match_the_engine(make_window, qtbot, tiny_model, tmp_path: Path):
    """The worker hands the engine's result over unchanged (an untrained model is bicubic)."""
    from engine.library.loading import open_model
    from engine.restorer import Restorer

    source = write_photo(tmp_path / "a.png", 40, 30)
    window = make_window()
    [item] = window.add_paths([source])
    window.restore_all()
    wait_for_status(qtbot, item, ItemStatus.RESTORED)
    import torch

    direct = Restorer(open_model(tiny_model), torch.device("cpu")).restore(read_picture(source))
    assert np.array_equal(item.result.pixels, direct.pixels)


def test_a_tiff_of_two_pages_says_only_its_first_is_restored(
    make_window, qtbot, tiny_model, tmp_path: Path
):
    import tifffile

    front = np.full((24, 32, 3), 90, np.uint8)
    scan = tmp_path / "front_back.tif"
    tifffile.imwrite(scan, np.stack([front, 255 - front]), photometric="rgb")
    window = make_window()
    two, one = window.add_paths([scan, write_photo(tmp_path / "one.png", 32, 24)])
    wait_until_read(qtbot, window)
    window.restore_all()
    for item in (two, one):
        wait_for_status(qtbot, item, ItemStatus.RESTORED)
    assert status_text(two).endswith(" · only page 1 of 2 restored")
    assert "page" not in status_text(one)
