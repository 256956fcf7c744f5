"""An output folder on a drive that is not plugged in (its mount point empty, or gone) is not
made on the local disk, where the drive would hide the results once it is back: saving fails,
saying so, and the run stops at the first such failure; the file manager is not shown a folder
made for it. Missing folders in the home folder are made (a new account may have no Pictures
folder yet), and so is a missing output folder in a folder that is there."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import WAIT_MS, write_photo
from PySide6.QtGui import QDesktopServices

from app.file_manager import FileManager
from app.output_place import OutputFolderAway, make_output_folder
from app.photo_queue import QueueModel
from app.queue_view import QueueView
from app.selection import Selection
from app.workers import SaveWorker

pytestmark = pytest.mark.usefixtures("home")  # a home folder of the test's own


@pytest.fixture
def unplugged(tmp_path: Path) -> Path:
    """An output folder on a drive whose mount point is empty: the drive is not plugged in."""
    (tmp_path / "media").mkdir()
    return tmp_path / "media" / "PhotoDrive" / "Restored" / "Grandma"


def away_sentence(folder: Path) -> str:
    return f"the output folder {folder} is not there; its drive may not be plugged in"


def test_missing_folders_in_the_home_folder_are_made(home: Path):
    output = home / "Pictures" / "Rekindle"
    make_output_folder(output)
    assert output.is_dir()


def test_a_missing_output_folder_in_a_folder_that_is_there_is_made(tmp_path: Path):
    output = tmp_path / "Restored"
    make_output_folder(output)
    assert output.is_dir()


def test_an_output_folder_on_a_drive_not_plugged_in_is_not_made(tmp_path: Path, unplugged: Path):
    with pytest.raises(OutputFolderAway):
        make_output_folder(unplugged)
    assert list((tmp_path / "media").iterdir()) == []


@pytest.mark.parametrize("work", ["turn", "split"])
def test_turned_copies_and_prints_are_not_written_there(
    qtbot, tmp_path: Path, unplugged: Path, work: str
):
    scan = write_photo(tmp_path / "photos" / "scan.png", 40, 30)
    worker = SaveWorker()
    failed = worker.turn_failed if work == "turn" else worker.split_failed
    with qtbot.waitSignal(failed, timeout=WAIT_MS) as told:
        if work == "turn":
            worker.turn(1, scan, 1, unplugged / "turned")
        else:
            worker.split(1, scan, unplugged)
    assert told.args == [1, away_sentence(unplugged)]
    assert list((tmp_path / "media").iterdir()) == []


def test_the_file_manager_is_told_instead_of_shown_a_folder_made_for_it(
    qtbot, tmp_path: Path, unplugged: Path, monkeypatch: pytest.MonkeyPatch
):
    opened: list[object] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", opened.append)
    queue, view = QueueModel(), QueueView()
    view.setModel(queue)
    qtbot.addWidget(view)
    files = FileManager(lambda: unplugged, Selection(queue, view))
    said: list[str] = []
    files.message.connect(said.append)

    files.open_output_folder()

    assert said == [f"The output folder {unplugged} is not there; its drive may not be plugged in."]
    assert opened == []
    assert list((tmp_path / "media").iterdir()) == []
