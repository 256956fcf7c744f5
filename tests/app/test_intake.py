"""Photos and films joining the queue at a person's asking, without the window: what the status
bar hears, what Open Recent keeps, which item goes on show, drops (models imported, the rest
queued), folders holding the output folder (its results left out), where the open dialogs
start, and the sample photo."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import WAIT_MS, drop_paths, write_photo
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication, QFileDialog, QVBoxLayout, QWidget

from app.intake import Intake
from app.photo_queue import QueueModel
from app.queue_view import QueueView
from app.recent import RecentPaths
from app.selection import Selection
from app.selftest import sample_path
from app.settings import AppSettings


class Host:
    """An intake in a bare window with the queue's list inside, and what it said and imported."""

    def __init__(self, qtbot, settings: AppSettings) -> None:
        self.window = QWidget()
        qtbot.addWidget(self.window)
        self.queue = QueueModel(self.window)
        self.view = QueueView()
        self.view.setModel(self.queue)
        QVBoxLayout(self.window).addWidget(self.view)
        self.recent = RecentPaths(settings)
        self.imported: list[list[str]] = []
        selection = Selection(self.queue, self.view)
        self.intake = Intake(
            self.window,
            self.queue,
            selection,
            self.recent,
            self.imported.append,
            lambda: Path(settings.output_folder()),
            settings,
        )
        self.said: list[str] = []
        self.intake.message.connect(self.said.append)
        self.qtbot = qtbot

    def searched(self) -> None:
        """Wait for the folders asked for to be searched and their photos queued."""
        self.qtbot.waitUntil(lambda: not self.intake.searching, timeout=WAIT_MS)


@pytest.fixture
def host(qtbot, app_settings: AppSettings) -> Iterator[Host]:
    host = Host(qtbot, app_settings)
    yield host
    host.intake.shutdown()


def film(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"")  # only its name counts until it is read
    return path


def test_the_status_bar_says_what_was_added(host: Host, tmp_path: Path):
    host.intake.add_paths([write_photo(tmp_path / "a.png")])
    host.intake.add_paths([write_photo(tmp_path / "b.png"), write_photo(tmp_path / "c.png")])
    host.intake.add_paths([film(tmp_path / "d.mp4")])
    host.intake.add_paths([film(tmp_path / "e.mp4"), film(tmp_path / "f.mov")])
    host.intake.add_paths([write_photo(tmp_path / "g.png"), film(tmp_path / "h.mp4")])
    host.intake.add_paths([tmp_path / "a.png"])
    assert host.said == [
        "Added 1 photo to the queue.",
        "Added 2 photos to the queue.",
        "Added 1 film to the queue.",
        "Added 2 films to the queue.",
        "Added to the queue. Photos: 1, films: 1.",
        "No new photos or films found (they may already be in the queue).",
    ]


def test_files_that_are_not_photos_or_films_are_not_counted_as_photos(host: Host, tmp_path: Path):
    notes = tmp_path / "notes.txt"
    notes.write_text("not a photo")
    (tmp_path / "letter.docx").write_bytes(b"")
    host.intake.add_paths([notes])
    host.intake.add_paths([write_photo(tmp_path / "a.png"), tmp_path / "letter.docx"])
    host.intake.add_paths([tmp_path / "b.docx"])  # missing: not added, and named
    assert host.said == [
        "notes.txt is not a photo or film that Rekindle opens (its row says why).",
        "Added 1 photo to the queue. letter.docx is not a photo or film that Rekindle opens "
        "(its row says why).",
        f"Not read: {tmp_path / 'b.docx'}: no such file or folder.",
    ]


def test_the_first_item_added_goes_on_show_when_none_is(host: Host, tmp_path: Path):
    first, _second = host.intake.add_paths([write_photo(tmp_path / n) for n in ("a.png", "b.png")])
    assert host.view.current_id() == first.id
    host.intake.add_paths([write_photo(tmp_path / "c.png")])
    assert host.view.current_id() == first.id


def test_paths_are_remembered_for_open_recent_unless_told_not_to(host: Host, tmp_path: Path):
    album = tmp_path / "album"
    write_photo(album / "a.png")
    host.intake.add_paths([album])
    host.intake.add_paths([write_photo(tmp_path / "print-1.png")], remember=False)
    host.searched()
    assert host.recent.paths() == [album]


def test_dropped_model_files_are_imported_and_the_rest_queued(host: Host, tmp_path: Path):
    model = tmp_path / "mine.safetensors"
    model.write_bytes(b"weights")
    photo = write_photo(tmp_path / "a.png")
    assert drop_paths(host.view, [model, photo])  # on a child: the window takes it
    assert host.imported == [[str(model)]]
    assert [item.name for item in host.queue.items()] == ["a.png"]


@pytest.fixture
def pictures(tmp_path: Path, app_settings: AppSettings) -> Path:
    """A Pictures folder with photos, and in it the output folder, Rekindle, holding an
    earlier result."""
    folder = tmp_path / "Pictures"
    write_photo(folder / "holiday" / "a.png")
    write_photo(folder / "b.jpg")
    write_photo(folder / "Rekindle" / "b [restore-x4].jpg")
    app_settings.output_dir = str(folder / "Rekindle")
    return folder


def test_a_folder_holding_the_output_folder_joins_without_the_results_in_it(
    host: Host, pictures: Path
):
    assert drop_paths(host.window, [pictures])
    host.searched()
    assert [item.source.relative_to(pictures).as_posix() for item in host.queue.items()] == [
        "b.jpg",
        "holiday/a.png",
    ]
    write_photo(pictures / "Rekindle" / "a [restore-x4].jpg")
    host.intake.add_paths([pictures])
    host.searched()
    assert host.said == [
        "Looking for photos and films in Pictures…",
        f"Added 2 photos to the queue. Left out b [restore-x4].jpg in the output folder "
        f"{pictures / 'Rekindle'}: it is a result, not an original.",
        "Looking for photos and films in Pictures…",
        "No new photos or films found (they may already be in the queue). Left out 2 files in "
        f"the output folder {pictures / 'Rekindle'}: they are results, not originals.",
    ]


def test_results_asked_for_by_name_or_by_their_own_folder_are_queued(host: Host, pictures: Path):
    result = pictures / "Rekindle" / "b [restore-x4].jpg"
    host.intake.add_paths([result])
    write_photo(pictures / "Rekindle" / "a [restore-x4].jpg")
    host.intake.add_paths([pictures / "Rekindle"])
    host.searched()
    assert [item.name for item in host.queue.items()] == [
        "b [restore-x4].jpg",
        "a [restore-x4].jpg",
    ]
    assert host.said == [
        "Added 1 photo to the queue.",
        "Looking for photos and films in Rekindle…",
        "Added 1 photo to the queue.",
    ]


class SlowSearch(threading.Event):
    waiting = False  # whether a search is waiting for the event


@pytest.fixture
def slow_search(monkeypatch) -> SlowSearch:
    """Folders are searched only once the event returned is set (a slow network share)."""
    from app import folder_search

    walked = SlowSearch()
    walk = folder_search.results_apart

    def waiting_walk(*args, **kwargs):
        walked.waiting = True
        assert walked.wait(10)
        return walk(*args, **kwargs)

    monkeypatch.setattr(folder_search, "results_apart", waiting_walk)
    return walked


def test_a_folder_is_searched_while_the_window_goes_on(
    host: Host, tmp_path: Path, slow_search: SlowSearch
):
    album = tmp_path / "album"
    write_photo(album / "a.png")
    write_photo(album / "b.png")
    assert host.intake.add_paths([album]) == []
    assert host.intake.searching
    assert host.said == ["Looking for photos and films in album…"]
    assert host.queue.items() == []
    slow_search.set()
    host.searched()
    assert [item.name for item in host.queue.items()] == ["a.png", "b.png"]
    assert host.said[-1] == "Added 2 photos to the queue."
    assert host.recent.paths() == [album]


def test_paths_added_during_a_search_join_after_its_photos(
    host: Host, tmp_path: Path, slow_search: SlowSearch
):
    write_photo(tmp_path / "one" / "a.png")
    write_photo(tmp_path / "two" / "b.png")
    host.intake.add_paths([tmp_path / "one", tmp_path / "two"])
    assert host.said == ["Looking for photos and films in 2 folders…"]
    host.intake.add_paths([write_photo(tmp_path / "c.png")])
    slow_search.set()
    host.searched()
    assert [item.name for item in host.queue.items()] == ["a.png", "b.png", "c.png"]


def test_a_search_answered_after_closing_queues_nothing(
    host: Host, tmp_path: Path, slow_search: SlowSearch
):
    write_photo(tmp_path / "album" / "a.png")
    host.intake.add_paths([tmp_path / "album"])
    host.qtbot.waitUntil(lambda: slow_search.waiting, timeout=WAIT_MS)  # the search is under way
    slow_search.set()
    host.intake.shutdown()  # it ends first; its answer comes after
    assert not host.intake.searching
    QApplication.processEvents()
    assert host.queue.items() == []


def test_paths_are_resolved_off_the_window_thread_and_once(host: Host, tmp_path: Path, monkeypatch):
    """Resolving asks about each folder of a path: slow on a network share, so the window
    thread resolves neither a folder's photos nor, again, the queued ones."""
    resolved_here: list[Path] = []
    resolve = Path.resolve

    def counted(path: Path, strict: bool = False) -> Path:
        if threading.current_thread() is threading.main_thread():
            resolved_here.append(path)
        return resolve(path, strict)

    monkeypatch.setattr(Path, "resolve", counted)
    album = tmp_path / "album"
    for name in ("a.png", "b.png", "c.png"):
        write_photo(album / name)
    host.intake.add_paths([album])
    host.searched()
    assert len(host.queue.items()) == 3
    assert resolved_here == []
    host.intake.add_paths([write_photo(tmp_path / "d.png")])
    assert resolved_here == [tmp_path / "d.png"]


class Dialogs:
    """Stands in for the open dialogs: the folder each started in; what the next one gives."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.started_in: list[Path] = []
        self.files: list[Path] = []
        self.folder: Path | None = None
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", self._files)
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", self._folder)

    def _files(self, _parent, _caption, start, _filter):
        self.started_in.append(Path(start))
        return [str(p) for p in self.files], ""

    def _folder(self, _parent, _caption, start):
        self.started_in.append(Path(start))
        return str(self.folder or "")


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    return Dialogs(monkeypatch)


def _pictures_folder() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation))


def test_the_open_dialogs_start_in_pictures_else_home(host: Host, dialogs: Dialogs, home: Path):
    host.intake.open_files()  # no Pictures folder yet
    _pictures_folder().mkdir(parents=True)
    host.intake.open_folder()
    assert dialogs.started_in == [home, _pictures_folder()]
    assert host.queue.items() == []  # both dialogs cancelled


def test_the_open_dialogs_start_where_the_person_last_opened_from(
    qtbot, host: Host, dialogs: Dialogs, home: Path, app_settings: AppSettings, tmp_path: Path
):
    scans = tmp_path / "scans"
    dialogs.files = [write_photo(scans / "1990" / "a.png"), write_photo(scans / "1990" / "b.png")]
    host.intake.open_files()
    dialogs.folder = scans / "1991"
    write_photo(dialogs.folder / "c.png")
    host.intake.open_folder()
    host.searched()
    assert [item.name for item in host.queue.items()] == ["a.png", "b.png", "c.png"]
    later = Host(qtbot, app_settings)  # the next start
    later.intake.open_files()
    assert dialogs.started_in == [home, scans / "1990", scans]


def test_a_remembered_folder_gone_starts_the_dialog_in_pictures(
    host: Host, dialogs: Dialogs, home: Path, app_settings: AppSettings, tmp_path: Path
):
    app_settings.open_from = str(tmp_path / "unplugged")
    _pictures_folder().mkdir(parents=True)
    host.intake.open_files()
    assert dialogs.started_in == [_pictures_folder()]


def test_the_sample_joins_the_queue_and_not_open_recent(host: Host):
    host.intake.add_sample()
    assert [item.source for item in host.queue.items()] == [sample_path()]
    assert host.said == ["Added 1 photo to the queue."]
    assert host.recent.paths() == []
