"""A queued photo whose file changes on disk (edited in another program): shown, previewed or
restored, the app reads it again, so its row, thumbnail, viewer and output size follow the new
file, and a result made from the file as it was is said to be out of date. A saved result whose
file is gone is let go of, so Save and Save Comparison are not offered for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import (
    WAIT_MS,
    back_to_the_front,
    overwrite_photo,
    wait_for_status,
    wait_until_read,
    write_photo,
)

from app.item_status import ItemStatus
from app.main_window import MainWindow
from app.photo_queue import QueueItem, size_text
from app.settings import AppSettings


def _shown_size(window: MainWindow) -> tuple[int, int] | None:
    before = window.viewer.before_image()
    return before.size().toTuple() if before is not None else None


def _queue_and_show(window: MainWindow, qtbot, *paths: Path) -> list[QueueItem]:
    items = window.add_paths(paths)
    wait_until_read(qtbot, window)
    window.queue_view.select_id(items[0].id)
    qtbot.waitUntil(lambda: _shown_size(window) is not None, timeout=WAIT_MS)
    return items


def _follows(window: MainWindow, item: QueueItem, size: tuple[int, int]) -> bool:
    thumbnail = item.thumbnail
    return (
        (item.width, item.height) == size
        and item.status is not ItemStatus.READING
        and thumbnail is not None
        and abs(thumbnail.width() / thumbnail.height() - size[0] / size[1]) < 0.05
        and _shown_size(window) == size
    )


def _previews(window: MainWindow, qtbot) -> None:
    """Preview the part in view, and see it made."""
    window.preview_action.trigger()
    qtbot.waitUntil(lambda: window.viewer.part_rect() is not None, timeout=WAIT_MS)
    assert not window.statusBar().currentMessage().startswith("Preview failed")


def test_a_preview_of_a_photo_changed_while_on_show_reads_it_again_first(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    """Edited in another program while Rekindle stayed in front: Preview notices."""
    scan = write_photo(tmp_path / "scan.png", 240, 240)
    window = make_window()
    (item,) = _queue_and_show(window, qtbot, scan)
    overwrite_photo(scan, 300, 120)
    window.preview_action.trigger()
    qtbot.waitUntil(lambda: _follows(window, item, (300, 120)), timeout=WAIT_MS)
    assert not window.statusBar().currentMessage().startswith("Preview failed")
    _previews(window, qtbot)


@pytest.mark.parametrize("again", ["reselected", "back to the front"])
def test_a_photo_changed_on_disk_is_read_again_and_previewed_as_it_is(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, again: str
):
    scan = write_photo(tmp_path / "scan.png", 240, 240)
    window = make_window()
    item, other = _queue_and_show(window, qtbot, scan, write_photo(tmp_path / "other.png"))
    seen = []  # the picture on show and the size a preview's part is measured by, each time
    window.photo_view.changed.connect(lambda: seen.append((_shown_size(window), item.width)))
    overwrite_photo(scan, 300, 120)
    if again == "reselected":
        window.queue_view.select_id(other.id)
        window.queue_view.select_id(item.id)
    else:
        back_to_the_front()
    qtbot.waitUntil(lambda: _follows(window, item, (300, 120)), timeout=WAIT_MS)

    assert ((300, 120), 300) in seen
    assert all(shown is None or shown[0] == width for shown, width in seen)
    assert size_text(item) == "300 × 120"
    note = window.settings_panel.size_field.result_label.text()
    assert note.startswith("→ 1200 × 480 px")
    assert window.preview_action.isEnabled()
    _previews(window, qtbot)


def test_a_photo_changed_on_disk_before_its_restoration_keeps_the_new_size_after(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    scan = write_photo(tmp_path / "scan.png", 240, 240)
    window = make_window()
    (item,) = _queue_and_show(window, qtbot, scan)
    overwrite_photo(scan, 300, 120)
    window.restore_selected()
    wait_for_status(qtbot, item, ItemStatus.RESTORED)
    assert (item.result.width, item.result.height) == (1200, 480)
    qtbot.waitUntil(lambda: (item.width, item.height) == (300, 120), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: item.thumbnail.width() > item.thumbnail.height(), timeout=WAIT_MS)
    assert window.viewer.has_after() and window.viewer.note() == ""  # made from the new file


def test_a_result_made_before_its_photo_changed_is_said_to_be_out_of_date(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    scan = write_photo(tmp_path / "scan.png", 240, 240)
    window = make_window()
    (item,) = _queue_and_show(window, qtbot, scan)
    window.restore_selected()
    wait_for_status(qtbot, item, ItemStatus.RESTORED)
    qtbot.waitUntil(window.viewer.has_after, timeout=WAIT_MS)
    overwrite_photo(scan, 300, 120)
    back_to_the_front()
    qtbot.waitUntil(lambda: _follows(window, item, (300, 120)), timeout=WAIT_MS)

    assert not window.viewer.has_after()  # the photo as it is now, without the old result
    assert window.viewer.note() == (
        "scan.png changed on disk after it was restored: "
        "Restore again for a result of the photo as it is now."
    )
    assert item.status is ItemStatus.RESTORED and window.save_action.isEnabled()
    window.restore_selected()
    qtbot.waitUntil(lambda: item.result.width == 1200, timeout=WAIT_MS)
    qtbot.waitUntil(window.viewer.has_after, timeout=WAIT_MS)
    assert window.viewer.note() == ""


@pytest.fixture
def saving_at_once(app_settings: AppSettings) -> AppSettings:
    app_settings.auto_save = True
    return app_settings


def test_a_saved_result_gone_from_disk_is_not_offered_to_save(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, saving_at_once
):
    window = make_window()
    first, second = _queue_and_show(
        window, qtbot, *(write_photo(tmp_path / n) for n in ("a.png", "b.png"))
    )
    window.restore_all()
    qtbot.waitUntil(lambda: None not in (first.saved_to, second.saved_to), timeout=WAIT_MS)
    assert second.result is None  # not on show: its pixels let go
    second.saved_to.unlink()
    window.queue_view.select_id(second.id)
    wait_for_status(qtbot, second, ItemStatus.READY)

    assert second.saved_to is None and second.history == []
    assert window.viewer.note().startswith("The restored photo cannot be shown: ")
    assert not window.save_action.isEnabled()
    assert not window.save_comparison_action.isEnabled()
    assert window.restore_action.isEnabled()
