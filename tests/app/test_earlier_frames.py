"""A film restored into numbered frames, its queue cleared, added again and restored with the
same settings: the run finds its frames where it would write them (in the folder named after
the film's result, or the one beside it a run took where that folder held other files) and
asks whether to use them (the row then restored, naming its frames, nothing written) or
restore the film again beside them. A set that lacks a frame, is of pictures of another
format, was made of the film before it last changed, or was left unfinished is not
offered."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from gui_helpers import FRAME_WAIT_MS, WAIT_MS, open_film, restore_film
from test_earlier_films import answering, restored_again
from test_fa4_film_frames import FILM, _choose, _names

from app.earlier_results import EarlierAnswer
from app.item_status import ItemStatus
from app.main_window import MainWindow
from app.photo_queue import status_text
from engine.video import probe
from engine.video.frame_files import FrameFiles, read_record, save_record
from engine.video.span import FilmSpan
from tests.video_helpers import make_clip


@pytest.fixture
def film(tmp_path: Path) -> Path:
    (tmp_path / "films").mkdir()
    return make_clip(tmp_path / "films" / "film.mp4", frames=6, rate=10, audio=None)


def _stamps(folder: Path) -> dict[str, int]:
    """Each file below ``folder``, hidden ones too, by its path there, with its time."""
    return {str(path.relative_to(folder)): path.stat().st_mtime_ns for path in folder.rglob("*")}


def _restored_as_tiff(window: MainWindow, qtbot, film: Path) -> Path:
    """Restore ``film`` into TIFF frames; their pattern."""
    _choose(window, "tif")
    return restore_film(window, qtbot, film).saved_to


@pytest.mark.parametrize("taken", [False, True], ids=["its folder", "beside a folder taken"])
def test_frames_restored_before_are_taken_and_nothing_is_written(
    make_window, qtbot, tiny_model, film: Path, app_settings, monkeypatch, taken: bool
):
    output = Path(app_settings.output_dir)
    if taken:  # a person's folder of the film's result's name: the frames went beside it
        (output / FILM).mkdir(parents=True)
        (output / FILM / "notes.txt").write_text("a person's own")
    window = make_window()
    first = _restored_as_tiff(window, qtbot, film)
    folder = f"{FILM} (2)" if taken else FILM
    assert first.parent == output / folder
    written = _stamps(output)
    asked = answering(monkeypatch, EarlierAnswer.USE)

    item, end = restored_again(qtbot, window, film)

    assert end == "Used the results made before for 1 film."
    assert [[(found.item_id, found.path, found.part) for found in round] for round in asked] == [
        [(item.id, first, FilmSpan())]
    ]
    assert (item.status, item.saved_to, item.made_part) == (ItemStatus.RESTORED, first, FilmSpan())
    assert status_text(item) == f"Saved 6 TIFF frames in {folder}{os.sep}"
    assert _stamps(output) == written
    qtbot.waitUntil(window.viewer.has_after, timeout=FRAME_WAIT_MS)  # its frame on show


def _frame_removed(first: Path, _window: MainWindow, film: Path) -> None:
    FrameFiles.of(first, probe(film)).frame(2).unlink()


def _png_chosen(_first: Path, window: MainWindow, _film: Path) -> None:
    _choose(window, "png")


def _film_changed(first: Path, _window: MainWindow, film: Path) -> None:
    later = FrameFiles.of(first, probe(film)).frame(5).stat().st_mtime_ns + 10**9
    os.utime(film, ns=(later, later))


@pytest.mark.parametrize(
    ("spoil", "suffix"),
    [(_frame_removed, ".tif"), (_png_chosen, ".png"), (_film_changed, ".tif")],
    ids=["a frame missing", "another format", "the film changed since"],
)
def test_frames_not_restored_so_are_not_offered(
    make_window, qtbot, tiny_model, film: Path, app_settings, monkeypatch, spoil, suffix: str
):
    window = make_window()
    first = _restored_as_tiff(window, qtbot, film)
    spoil(first, window, film)
    asked = answering(monkeypatch, EarlierAnswer.USE)

    item, end = restored_again(qtbot, window, film)

    assert asked == []
    assert end == "Restored 1 film."
    beside = f"{FILM} (2)"
    assert item.saved_to == first.parent.with_name(beside) / f"{beside}_%06d{suffix}"


def test_frames_left_unfinished_are_not_offered_and_the_run_goes_on_with_them(
    make_window, qtbot, tiny_model, film: Path, app_settings, monkeypatch
):
    """As a run cancelled after its third frame leaves them: its record unfinished, the
    frames after it not written."""
    window = make_window()
    first = _restored_as_tiff(window, qtbot, film)
    files = FrameFiles.of(first, probe(film))
    record = read_record(files)
    record.done, record.complete = 3, False
    save_record(files, record)
    for index in range(3, 6):
        files.frame(index).unlink()
    asked = answering(monkeypatch, EarlierAnswer.USE)

    item, end = restored_again(qtbot, window, film)

    assert asked == []
    assert end == "Restored 1 film."
    assert item.saved_to == first
    assert _names(first.parent) == sorted(files.frame(index).name for index in range(6))
    assert read_record(files).complete


def test_a_part_restored_into_frames_is_found_for_that_part_only(
    make_window, qtbot, tiny_model, film: Path, app_settings, monkeypatch
):
    window = make_window()
    _choose(window, "tif")
    item = open_film(window, qtbot, film)
    part = FilmSpan(1, 4)
    window.queue.update(item.id, part=part)
    window.restore_selected()
    qtbot.waitUntil(lambda: item.status is ItemStatus.RESTORED, timeout=WAIT_MS * 3)
    first = item.saved_to
    asked = answering(monkeypatch, EarlierAnswer.USE)

    again, end = restored_again(qtbot, window, film, part)
    assert end == "Used the results made before for 1 film."
    assert (again.saved_to, again.made_part) == (first, part)
    assert status_text(again).startswith("Saved 3 TIFF frames in ")

    whole, end = restored_again(qtbot, window, film)  # the whole film: not made before
    assert len(asked) == 1
    assert end == "Restored 1 film."
    assert whole.saved_to.parent == first.parent.with_name(FILM)
