"""Saving each photo as it is restored into an output folder that cannot take the results: a
folder that cannot be written is refused before the run starts; saves that fail once it has
started (a disk gone full) stop it at the first, so that no more results wait in memory with
nowhere to go; the end of the run counts them, their rows show them as failures, and Save All
saves them once the folder takes files again."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from gui_helpers import WAIT_MS, wait_until_read, write_photo
from PySide6.QtGui import QPalette

import app.workers
import engine.preflight
from app import theme
from app.item_status import ItemStatus
from app.photo_queue import QueueItem, status_text
from app.queue_view import QueueDelegate
from app.settings import AppSettings
from engine.words import plural


@pytest.fixture
def saving_at_once(app_settings: AppSettings) -> AppSettings:
    app_settings.auto_save = True
    return app_settings


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """The disk goes full as the first result is written: that one and every later one
    fails, and the disk says it has no room left; ``undo()`` makes room."""

    def no_room(picture, target, **_options):
        monkeypatch.setattr(engine.preflight, "free_bytes", lambda _folder: 0)
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr(app.workers, "write_picture", no_room)
    return monkeypatch


def queued_photos(window, folder: Path, count: int) -> list[QueueItem]:
    sources = [write_photo(folder / f"{i}.png", 40, 30, i) for i in range(count)]
    return window.add_paths(sources)


@pytest.mark.parametrize("auto_save", [True, False])
def test_an_output_folder_that_cannot_be_written_is_refused_before_restoring(
    make_window, qtbot, tiny_model, tmp_path: Path, app_settings: AppSettings, auto_save: bool
):
    """Saving at once, nothing is restored into memory with nowhere to go; saving by hand,
    the results are held until the person saves them elsewhere."""
    blocker = tmp_path / "restored"
    blocker.write_text("a file where the output folder should be")
    app_settings.output_dir = str(blocker)
    app_settings.auto_save = auto_save
    window = make_window()
    items = queued_photos(window, tmp_path / "photos", 2)
    wait_until_read(qtbot, window)

    window.restore_all()

    if auto_save:
        assert window.statusBar().currentMessage() == (
            f"Restoring did not start: {blocker}: is a file, not a folder."
        )
        assert [item.status for item in items] == [ItemStatus.READY] * 2
        assert not window.runner.is_running
    else:
        qtbot.waitUntil(lambda: not window.runner.is_running, timeout=WAIT_MS)
        assert [item.status for item in items] == [ItemStatus.RESTORED] * 2


def test_the_first_failed_save_stops_the_run_and_its_end_counts_the_results_not_saved(
    make_window, qtbot, tiny_model, tmp_path: Path, saving_at_once, full_disk
):
    window = make_window()
    items = queued_photos(window, tmp_path / "photos", 5)
    wait_until_read(qtbot, window)

    window.restore_all()
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage().startswith("Restoring stopped."),
        timeout=WAIT_MS,
    )

    restored = [item for item in items if item.status is ItemStatus.RESTORED]
    assert 1 <= len(restored) < len(items)  # the rest were stopped before they began
    assert {item.status for item in items if item not in restored} == {ItemStatus.CANCELLED}
    assert all(item.saved_to is None and item.save_failed for item in restored)
    first = restored[0]
    photos = plural(len(restored), "1 photo", f"{len(restored)} photos")
    assert status_text(first) == f"Could not save: {first.message}"
    assert window.statusBar().currentMessage() == (
        f"Restoring stopped. Restored {photos}. Could not save {photos}. "
        f"Could not save {first.name}: {first.message}. Make room or choose another output "
        "folder, then use Save All for the photos restored and Restore All for those stopped."
    )

    full_disk.undo()  # room made
    assert window.save_all_action.isEnabled()
    window.save_all_action.trigger()
    qtbot.waitUntil(lambda: all(item.saved_to is not None for item in restored), timeout=WAIT_MS)
    assert not any(item.save_failed for item in restored)
    saved = sorted(p.name for p in Path(saving_at_once.output_dir).iterdir())
    assert saved == sorted(f"{item.source.stem} [tiny].png" for item in restored)


def test_a_save_failing_after_the_last_photo_is_restored_is_counted_at_the_end(
    make_window, qtbot, tiny_model, tmp_path: Path, saving_at_once, full_disk
):
    """The run is over before the saver answers for its last photo: its end waits for it."""
    window = make_window()
    [item] = queued_photos(window, tmp_path / "photos", 1)
    wait_until_read(qtbot, window)

    window.restore_all()
    qtbot.waitUntil(lambda: item.save_failed, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.runner.is_running, timeout=WAIT_MS)

    assert window.statusBar().currentMessage() == (
        f"Restored 1 photo. Could not save 1 photo. Could not save {item.name}: "
        f"{item.message}. Make room or choose another output folder, then use Save All."
    )


def test_a_row_whose_save_failed_is_coloured_as_a_failure(qapp, tmp_path: Path):
    palette = qapp.palette()
    item = QueueItem(tmp_path / "a.png", status=ItemStatus.RESTORED)
    saved = QueueDelegate._status_color(item, palette, False)
    item.message = "a [tiny].png: cannot be saved (permission denied)"
    not_saved = QueueDelegate._status_color(item, palette, False)
    assert saved == theme.status_color("success", palette)
    assert not_saved == theme.status_color("failure", palette) != saved
    assert QueueDelegate._status_color(item, palette, True) == palette.color(
        QPalette.ColorRole.HighlightedText
    )


def test_save_all_counts_what_it_could_not_save_on_a_disk_gone_full(
    make_window, qtbot, tiny_model, tmp_path: Path, app_settings: AppSettings, monkeypatch
):
    """Each failure is said as it comes; once every save is answered, the status bar says how
    many were written where and how many not (the last answer being a failure too)."""
    app_settings.auto_save = False
    window = make_window()
    items = queued_photos(window, tmp_path / "photos", 3)
    wait_until_read(qtbot, window)
    window.restore_all()
    qtbot.waitUntil(lambda: all(i.status is ItemStatus.RESTORED for i in items), timeout=WAIT_MS)
    write = app.workers.write_picture

    def full_after_the_first(picture, target, **options):
        if not target.name.startswith("0"):
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        return write(picture, target, **options)

    monkeypatch.setattr(app.workers, "write_picture", full_after_the_first)
    window.save_all()
    qtbot.waitUntil(lambda: items[2].message != "", timeout=WAIT_MS)
    saved = items[0].saved_to
    assert saved is not None and items[1].saved_to is None is items[2].saved_to
    assert window.statusBar().currentMessage() == (
        f"Saved {saved.name} in {saved.parent}. 2 photos could not be saved (their rows say "
        f"why). Could not save {items[2].name}: {items[2].message}"
    )
