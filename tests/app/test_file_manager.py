"""Folders shown in the system's file manager, without the window: the output folder made
first, the current item's folder, and what is said where that cannot be done."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import write_photo
from PySide6.QtGui import QDesktopServices, QGuiApplication

from app.file_manager import FileManager
from app.photo_queue import QueueModel
from app.queue_view import QueueView
from app.selection import Selection


class Opened:
    """Stands in for the desktop: the folders asked for; ``works``: a file manager is set up."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.folders: list[Path] = []
        self.works = True
        monkeypatch.setattr(QDesktopServices, "openUrl", self._open)

    def _open(self, url) -> bool:
        self.folders.append(Path(url.toLocalFile()))
        return self.works


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> Opened:
    return Opened(monkeypatch)


def manager(qtbot, output: Path) -> tuple[FileManager, QueueModel, QueueView, list[str]]:
    queue = QueueModel()
    view = QueueView()
    view.setModel(queue)
    qtbot.addWidget(view)
    files = FileManager(lambda: output, Selection(queue, view))
    said: list[str] = []
    files.message.connect(said.append)
    return files, queue, view, said


def test_the_output_folder_is_made_and_shown(qtbot, opened: Opened, tmp_path: Path):
    output = tmp_path / "restored"  # in a folder that is there: see test_output_folder_missing
    files, *_, said = manager(qtbot, output)
    files.open_output_folder()
    assert output.is_dir() and opened.folders == [output] and said == []


def test_an_output_folder_that_cannot_be_made_is_told(qtbot, opened: Opened, tmp_path: Path):
    (tmp_path / "taken").write_text("a file, not a folder")
    output = tmp_path / "taken" / "restored"
    files, *_, said = manager(qtbot, output)
    files.open_output_folder()
    assert opened.folders == []
    assert len(said) == 1 and said[0].startswith(f"Cannot create {output}: ")


def test_the_current_items_folder_is_shown(qtbot, opened: Opened, tmp_path: Path):
    files, queue, view, said = manager(qtbot, tmp_path / "restored")
    files.show_in_folder()  # nothing current: nothing to show
    (item,) = queue.add_paths([write_photo(tmp_path / "photos" / "a.png")])
    view.select_id(item.id)
    opened.works = False
    files.show_in_folder()
    assert opened.folders == [tmp_path / "photos"]
    assert said == [
        f"Cannot open the folder “photos”: no file manager is set up; it is {tmp_path / 'photos'} "
        "(copied to the clipboard)."
    ]
    assert QGuiApplication.clipboard().text() == str(tmp_path / "photos")


def test_a_folder_without_a_name_is_named_by_its_path(qtbot, opened: Opened, tmp_path: Path):
    files, queue, view, said = manager(qtbot, tmp_path / "restored")
    (item,) = queue.add_paths([Path("/scan.png")])  # at the top of the disk
    view.select_id(item.id)
    opened.works = False
    files.show_in_folder()
    assert opened.folders == [Path("/")]
    assert said == [
        "Cannot open the folder “/”: no file manager is set up; it is / (copied to the clipboard)."
    ]
