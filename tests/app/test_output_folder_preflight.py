"""An output folder on a drive that is not plugged in, checked before a run that writes into
it: the run is refused with the sentence a save would fail with; and a drive unplugged during
a run stops it with advice about the drive, not about room on the disk."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from gui_helpers import WAIT_MS, wait_until_read, write_photo

from app.item_status import ItemStatus
from app.settings import AppSettings

pytestmark = pytest.mark.usefixtures("home")  # a home folder of the test's own


@pytest.fixture
def drive(tmp_path: Path) -> Path:
    """A drive's mount point, empty: the drive is not plugged in."""
    (tmp_path / "media").mkdir()
    return tmp_path / "media" / "PhotoDrive"


def queued_photos(window, folder: Path, count: int) -> list:
    scans = [write_photo(folder / f"{i}.png", 40, 30, seed=i) for i in range(count)]
    return window.add_paths(scans)


def test_restoring_into_a_folder_on_a_drive_not_plugged_in_is_refused_up_front(
    make_window, qtbot, tiny_model, tmp_path: Path, app_settings: AppSettings, drive: Path
):
    output = drive / "Restored"
    app_settings.output_dir = str(output)
    app_settings.auto_save = True
    window = make_window()
    items = queued_photos(window, tmp_path / "photos", 2)
    wait_until_read(qtbot, window)

    window.restore_all()

    assert window.statusBar().currentMessage() == (
        f"Restoring did not start: the output folder {output} is not there; its drive may not "
        "be plugged in."
    )
    assert not window.runner.is_running
    assert [item.status for item in items] == [ItemStatus.READY] * 2
    assert list(drive.parent.iterdir()) == []


def test_a_drive_unplugged_during_the_run_is_not_said_to_be_full(
    make_window, qtbot, tiny_model, tmp_path: Path, app_settings: AppSettings, drive: Path
):
    output = drive / "Restored"
    output.mkdir(parents=True)  # plugged in as the run starts
    app_settings.output_dir = str(output)
    app_settings.auto_save = True
    window = make_window()
    items = queued_photos(window, tmp_path / "photos", 5)
    wait_until_read(qtbot, window)

    window.restore_all()
    shutil.rmtree(drive)  # unplugged before the first result is handed to the saver
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage().startswith("Restoring stopped."),
        timeout=WAIT_MS,
    )

    not_saved = [item for item in items if item.saved_to is None and item.save_failed]
    assert 1 <= len(not_saved) < len(items)  # the first failed save stopped the run
    away = f"the output folder {output} is not there; its drive may not be plugged in"
    assert {item.message for item in not_saved} == {away}
    assert list(drive.parent.iterdir()) == []  # not made on the local disk
    said = window.statusBar().currentMessage()
    assert away in said
    assert "Make room" not in said
    assert said.endswith(
        "Plug the drive in or choose another output folder, then use Save All for the photos "
        "restored and Restore All for those stopped."
    )
