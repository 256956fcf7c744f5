"""Saving each photo as soon as it is restored: nothing is lost if the computer stops, and a
long batch of large scans does not fill the memory (saved results not on show are let go and
read back from their files when shown again)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from gui_helpers import WAIT_MS, wait_for_status, wait_until_read, write_photo

import app.workers
from app.item_status import ItemStatus
from app.photo_queue import status_text
from app.settings import AppSettings
from engine.batch import not_its_result, recorded_source_of
from engine.imageio import read_picture
from engine.media import carries_mark
from engine.provenance import source_digest


@pytest.fixture
def saving_at_once(app_settings: AppSettings) -> AppSettings:
    app_settings.auto_save = True
    return app_settings


def test_photos_are_saving_at_once_by_default(settings_file: Path):
    assert AppSettings.from_file(settings_file.with_name("fresh.ini")).auto_save is True


def test_each_photo_is_saved_as_it_is_restored_and_let_go_when_not_shown(
    make_window, qtbot, tiny_model, tmp_path: Path, saving_at_once
):
    sources = [write_photo(tmp_path / "photos" / f"{n}.png", 40, 30, i) for i, n in enumerate("ab")]
    before = [p.read_bytes() for p in sources]
    window = make_window()
    assert window.settings_panel.auto_save_check.isChecked()
    first, second = window.add_paths(sources)
    wait_until_read(qtbot, window)
    window.queue_view.select_id(first.id)
    window.restore_all()
    qtbot.waitUntil(lambda: None not in (first.saved_to, second.saved_to), timeout=WAIT_MS)

    folder = Path(saving_at_once.output_dir)
    assert sorted(p.name for p in folder.iterdir()) == ["a [tiny].png", "b [tiny].png"]
    assert read_picture(second.saved_to).pixels.shape == (120, 160, 3)
    assert [p.read_bytes() for p in sources] == before  # the originals are untouched
    assert first.result is not None  # on show: kept
    assert second.result is second.result_image is second.original_image is None
    assert not window.save_all_action.isEnabled()  # nothing is left unsaved
    assert [status_text(item) for item in (first, second)] == [
        "Saved as a [tiny].png",
        "Saved as b [tiny].png",
    ]
    assert window.statusBar().currentMessage() == "Restored 2 photos."

    window.queue_view.select_id(second.id)  # read back from the two files
    qtbot.waitUntil(window.viewer.has_after, timeout=WAIT_MS)
    assert window.viewer.after_image().size().toTuple() == (160, 120)
    assert window.viewer.before_image().size().toTuple() == (40, 30)
    assert first.result is None  # no longer on show

    window.settings_panel.format_combo.setCurrentIndex(
        window.settings_panel.format_combo.findData("tif")
    )
    window.queue_view.select_id(first.id)
    assert window.save_action.isEnabled()  # saved again, in another format, from its file
    window.save_action.trigger()
    qtbot.waitUntil(lambda: first.saved_to.suffix == ".tif", timeout=WAIT_MS)
    assert read_picture(first.saved_to).pixels.shape == (120, 160, 3)


def test_a_saved_result_records_the_photo_it_was_made_from_as_the_command_line_does(
    make_window, qtbot, tiny_model, tmp_path: Path, saving_at_once
):
    """So a later command-line run into the same folder tells it from the result of another
    photo of the same name (``--skip-existing``, ``--overwrite``)."""
    source = write_photo(tmp_path / "photos" / "a.png", 40, 30)
    window = make_window()
    [item] = window.add_paths([source])
    wait_until_read(qtbot, window)
    window.restore_all()
    qtbot.waitUntil(lambda: item.saved_to is not None, timeout=WAIT_MS)
    assert recorded_source_of(item.saved_to).digest == source_digest(source)
    assert not_its_result(item.saved_to, source, carries_mark) is None
    other = write_photo(tmp_path / "other" / "a.png", 40, 30, 1)
    assert "another photo" in not_its_result(item.saved_to, other, carries_mark)


def test_a_restored_file_gone_missing_shows_the_original_with_the_reason(
    make_window, qtbot, tiny_model, tmp_path: Path, saving_at_once
):
    window = make_window()
    first, second = window.add_paths(
        [write_photo(tmp_path / "photos" / n, 40, 30) for n in ("a.png", "b.png")]
    )
    wait_until_read(qtbot, window)
    window.queue_view.select_id(first.id)
    window.restore_all()
    qtbot.waitUntil(lambda: None not in (first.saved_to, second.saved_to), timeout=WAIT_MS)
    second.saved_to.unlink()
    window.queue_view.select_id(second.id)
    qtbot.waitUntil(window.viewer.has_images, timeout=WAIT_MS)
    assert not window.viewer.has_after()
    qtbot.waitUntil(
        lambda: "cannot be shown" in window.statusBar().currentMessage(), timeout=WAIT_MS
    )
    # Said on the picture too, where the eye is, until another photo is shown.
    assert window.viewer.note().startswith("The restored photo cannot be shown: ")
    window.viewer.grab()  # painted with it
    window.queue_view.select_id(first.id)
    qtbot.waitUntil(window.viewer.has_after, timeout=WAIT_MS)
    assert window.viewer.note() == ""


def test_quitting_writes_every_photo_handed_to_the_saver_first(
    make_window, qtbot, tiny_model, tmp_path: Path, saving_at_once, monkeypatch
):
    """A slow disk: the first photo is still being written and the second waits behind it
    when the window closes; both are on disk afterwards."""
    real_write = app.workers.write_picture
    disk_ready = threading.Event()

    def slow_write(*args, **kwargs):
        disk_ready.wait(timeout=WAIT_MS / 1000)
        return real_write(*args, **kwargs)

    monkeypatch.setattr(app.workers, "write_picture", slow_write)
    window = make_window()
    items = window.add_paths(
        [write_photo(tmp_path / "photos" / n, 40, 30) for n in ("a.png", "b.png")]
    )
    window.restore_all()
    for item in items:
        wait_for_status(qtbot, item, ItemStatus.RESTORED)
    assert all(item.saved_to is None for item in items)  # both still with the saver
    threading.Timer(0.3, disk_ready.set).start()  # the disk answers while the window closes
    window.close()
    saved = sorted(p.name for p in Path(saving_at_once.output_dir).iterdir())
    assert saved == ["a [tiny].png", "b [tiny].png"]


def test_a_phones_heic_photo_is_restored_and_saved_as_a_jpeg(
    make_window, qtbot, tiny_model, tmp_path: Path, saving_at_once
):
    import cv2
    import pillow_heif
    from PIL import Image

    png = write_photo(tmp_path / "IMG_0004.png", 40, 30)
    heic = tmp_path / "IMG_0004.HEIC"
    pillow_heif.register_heif_opener()
    Image.fromarray(cv2.imread(str(png))[..., ::-1]).save(heic, format="HEIF", quality=95)
    window = make_window()
    [item] = window.add_paths([heic])
    wait_until_read(qtbot, window)
    assert (item.width, item.height) == (40, 30)
    window.restore_all()
    qtbot.waitUntil(lambda: item.saved_to is not None, timeout=WAIT_MS)
    assert item.saved_to.name == "IMG_0004 [tiny].jpg"
    assert read_picture(item.saved_to).pixels.shape == (120, 160, 3)


def test_a_photo_saved_at_once_is_not_offered_to_save_again_until_the_settings_change(
    make_window, qtbot, tiny_model, tmp_path: Path, saving_at_once
):
    window = make_window()
    [item] = window.add_paths([write_photo(tmp_path / "photos" / "a.png", 40, 30)])
    wait_until_read(qtbot, window)
    window.queue_view.select_id(item.id)
    window.restore_all()
    qtbot.waitUntil(lambda: item.saved_to is not None, timeout=WAIT_MS)
    saved, written = item.saved_to, item.saved_to.stat().st_mtime_ns
    qtbot.waitUntil(lambda: not window.save_action.isEnabled(), timeout=WAIT_MS)
    assert item.can_be_saved and not window.save_all_action.isEnabled()

    window.save_selected()  # asked for anyway, as by Ctrl+S before the actions are judged
    assert window.statusBar().currentMessage() == (
        "Already saved in the format and output folder chosen: nothing new to write."
    )
    assert item.saved_to == saved and saved.stat().st_mtime_ns == written
    assert not window.saving.is_saving(item.id)

    elsewhere = tmp_path / "elsewhere"
    window.settings_panel.set_output_folder(str(elsewhere))
    qtbot.waitUntil(window.save_action.isEnabled, timeout=WAIT_MS)
    window.save_action.trigger()
    qtbot.waitUntil(lambda: item.saved_to.parent == elsewhere, timeout=WAIT_MS)
    assert saved.stat().st_mtime_ns == written  # the first file is left as it was
    qtbot.waitUntil(lambda: not window.save_action.isEnabled(), timeout=WAIT_MS)
