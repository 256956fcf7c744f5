"""A folder holding results saved beside their photos (the output folder was the photos' own
then), added while the output folder is another: its photos join the queue, and the results
Rekindle made of them are left out with a line, as ``restore`` leaves them out. A result
found without its photo is queued as asked."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import add_searched, restored_beside, write_photo
from PIL import Image

from app.folder_search import Search, search
from app.settings import AppSettings
from engine.provenance import marked_exif, source_record, with_source


def write_result_of(photo: Path, path: Path) -> Path:
    """A small picture whose EXIF says Rekindle made it of ``photo``, as a result's does."""
    exif = with_source(marked_exif(None, "restored"), source_record(photo))
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (8, 6), (90, 60, 30)).save(path, exif=exif)
    return path


def _searched(*paths: Path, results: Path):
    return search(Search(paths, results, remember=False))


def test_results_found_with_their_photos_are_left_out(tmp_path: Path):
    album = tmp_path / "album"
    photo = write_photo(album / "a.png")
    other = write_photo(album / "b.jpg", seed=1)
    result = write_result_of(photo, album / "a [x4].png")
    again = write_result_of(result, album / "a [x4] [x4].png")
    found = _searched(album, results=tmp_path / "restored")
    assert found.media == [photo, other]
    assert found.results == {result: photo, again: result}


def test_a_result_found_without_its_photo_is_queued(tmp_path: Path):
    photo = write_photo(tmp_path / "elsewhere" / "a.png")
    result = write_result_of(photo, tmp_path / "album" / "a [x4].png")
    found = _searched(tmp_path / "album", results=tmp_path / "restored")
    assert found.media == [result] and found.results == {}


def test_a_result_in_a_folder_added_with_its_photo_added_by_name_is_left_out(tmp_path: Path):
    photo = write_photo(tmp_path / "a.png")
    result = write_result_of(photo, tmp_path / "album" / "a [x4].png")
    found = _searched(photo, tmp_path / "album", results=tmp_path / "restored")
    assert found.media == [photo] and found.results == {result: photo}


LEFT_OUT = {
    1: "Left out a [tiny].png: it is Rekindle's result of a.png, added too (to restore the "
    "result itself, add it on its own).",
    2: "Left out 2 files that are Rekindle's results of photos added too (to restore a result "
    "itself, add it on its own).",
}


@pytest.mark.parametrize("count", [1, 2])
def test_the_photos_folder_added_after_the_output_folder_moved_queues_no_result(
    make_window, qtbot, tiny_model, tmp_path: Path, app_settings: AppSettings, count: int
):
    photos = tmp_path / "photos"
    originals = [write_photo(photos / f"{n}.png", 40, 30, i) for i, n in enumerate("ab"[:count])]
    app_settings.auto_save = True
    app_settings.output_dir = str(photos)
    window = make_window()
    restored_beside(qtbot, window, photos)
    window.close()
    app_settings.output_dir = str(tmp_path / "restored")

    later = make_window()  # its queue: the photos, as the first window left it
    added = add_searched(qtbot, later, [photos])

    assert added == [] and [item.source for item in later.queue.items()] == originals
    assert later.statusBar().currentMessage() == (
        f"No new photos or films found (they may already be in the queue). {LEFT_OUT[count]}"
    )
