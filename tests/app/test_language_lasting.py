"""Texts that outlast a switch of language follow it: a row's reason for its failure (the
engine's sentence, or the app's own) and the viewer's note over a photo changed on disk since
it was restored are said again in the language switched to."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import (
    WAIT_MS,
    back_to_the_front,
    overwrite_photo,
    wait_for_status,
    wait_until_read,
    write_photo,
)
from PySide6.QtCore import QCoreApplication

from app.i18n import CHINESE, ENGINE_CATALOG, ENGLISH, in_language_shown
from app.item_status import ItemStatus
from app.photo_queue import status_text
from app.workers import SaveJob, SaveWorker

DAMAGED = "{name}: the file is damaged or not an image"
STALE = (
    "{name} changed on disk after it was restored: "
    "Restore again for a result of the photo as it is now."
)
NOT_THERE = "not found; it may have been moved, or be on a drive that is not plugged in"
AWAY = "the output folder {folder} is not there; its drive may not be plugged in"


def switch_to(qtbot, window, translation, language: str) -> None:
    """Show ``language``, and wait for the window to be told (it is, by a posted event)."""
    title = window.file_menu.title()
    translation.apply(language)
    qtbot.waitUntil(lambda: window.file_menu.title() != title, timeout=WAIT_MS)


def test_a_row_s_reason_follows_a_switch_of_language(
    make_window, qtbot, tmp_path: Path, translation
):
    window = make_window(translation=translation)
    broken = tmp_path / "photos" / "broken.png"
    broken.parent.mkdir()
    broken.write_bytes(b"not a png")
    [item] = window.add_paths([broken])
    wait_for_status(qtbot, item, ItemStatus.UNREADABLE)
    english = status_text(item)
    assert english == "Cannot open: the file is damaged or not an image"  # the row names it

    switch_to(qtbot, window, translation, CHINESE)
    damaged = QCoreApplication.translate(ENGINE_CATALOG, DAMAGED).format(name=broken.name)
    assert damaged != DAMAGED.format(name=broken.name)  # the Chinese catalogue is there
    shown = status_text(item)
    assert damaged.removeprefix(f"{broken.name}：") in shown and broken.name not in shown

    switch_to(qtbot, window, translation, ENGLISH)
    assert status_text(item) == english


def test_the_app_s_own_reason_follows_a_switch_of_language(
    qtbot, tmp_path: Path, translation, monkeypatch
):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    (tmp_path / "media").mkdir()
    unplugged = tmp_path / "media" / "PhotoDrive" / "Restored"
    scan = write_photo(tmp_path / "photos" / "scan.png", 40, 30)
    worker = SaveWorker()
    with qtbot.waitSignal(worker.failed, timeout=WAIT_MS) as told:
        worker.save(SaveJob(1, scan, scan, unplugged, None, "scan"))
    reason = told.args[1]

    translation.apply(CHINESE)
    chinese = QCoreApplication.translate("Workers", AWAY).format(folder=unplugged)
    assert chinese != AWAY.format(folder=unplugged)
    assert in_language_shown(reason) == chinese

    translation.apply(ENGLISH)
    assert in_language_shown(reason) == AWAY.format(folder=unplugged)


def test_the_note_over_a_photo_changed_since_it_was_restored_follows_a_switch_of_language(
    make_window, qtbot, tiny_model, tmp_path: Path, translation
):
    window = make_window(translation=translation)
    scan = write_photo(tmp_path / "photos" / "scan.png", 40, 30)
    [item] = window.add_paths([scan])
    wait_until_read(qtbot, window)
    window.queue_view.select_id(item.id)
    window.restore_all()
    wait_for_status(qtbot, item, ItemStatus.RESTORED)
    overwrite_photo(scan, 48, 32)
    back_to_the_front()
    qtbot.waitUntil(lambda: window.viewer.note() == STALE.format(name=scan.name), timeout=WAIT_MS)

    switch_to(qtbot, window, translation, CHINESE)
    chinese = QCoreApplication.translate("PhotoView", STALE).format(name=scan.name)
    assert chinese != STALE.format(name=scan.name)
    assert window.viewer.note() == chinese

    switch_to(qtbot, window, translation, ENGLISH)
    assert window.viewer.note() == STALE.format(name=scan.name)


def test_a_row_whose_file_is_not_there_follows_a_switch_of_language(
    make_window, qtbot, tmp_path: Path, translation
):
    scan = write_photo(tmp_path / "media" / "FamilyScans" / "scan.png", 40, 30)
    window = make_window(translation=translation)
    window.add_paths([scan])
    wait_until_read(qtbot, window)
    window.close()
    scan.unlink()  # or its drive unplugged

    again = make_window(translation=translation)
    wait_until_read(qtbot, again)
    [item] = again.queue.items()
    english = status_text(item)
    assert english == f"Cannot open: {NOT_THERE}"

    switch_to(qtbot, again, translation, CHINESE)
    assert QCoreApplication.translate("QueueReading", NOT_THERE) in status_text(item)
    switch_to(qtbot, again, translation, ENGLISH)
    assert status_text(item) == english
