"""Results saved beside the originals (the output folder is the photos' own folder): the
folder added again gives its originals, not the results Rekindle marked as its own, while a
photo merely named like a result joins the queue, and a folder of results alone is still
asked for whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import add_searched, restored_beside, write_photo
from PIL import Image

from app.settings import AppSettings
from engine.media import results_apart
from engine.provenance import marked_exif


def write_marked(path: Path, fmt: str) -> Path:
    """A small picture whose EXIF says Rekindle made it, as a restoration's does."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (8, 6), (90, 60, 30)).save(path, fmt, exif=marked_exif(None, "restored"))
    return path


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a [x4].png", "PNG"), ("a [x4].jpg", "JPEG"), ("a [x4].webp", "WEBP"), ("a.tif", "TIFF")],
)
def test_marked_results_among_originals_are_set_apart(tmp_path: Path, name: str, fmt: str):
    original = write_photo(tmp_path / "a.png")
    named_alike = write_photo(tmp_path / "b [x4].png")  # a photo of its own, brackets and all
    result = write_marked(tmp_path / name, fmt)
    assert results_apart(tmp_path, tmp_path) == ([original, named_alike], [result])


def test_a_folder_of_results_alone_given_as_the_output_folder_is_taken_whole(tmp_path: Path):
    results = [write_marked(tmp_path / f"{n} [x4].png", "PNG") for n in "ab"]
    assert results_apart(tmp_path, tmp_path) == (results, [])


def test_the_photos_folder_added_again_leaves_the_results_saved_in_it_out(
    make_window, qtbot, tiny_model, tmp_path: Path, app_settings: AppSettings
):
    photos = tmp_path / "photos"
    originals = [write_photo(photos / f"{n}.png", 40, 30, i) for i, n in enumerate("ab")]
    app_settings.auto_save = True
    app_settings.output_dir = str(photos)
    window = make_window()
    restored_beside(qtbot, window, photos)
    named_alike = write_photo(photos / "c [tiny].png", 40, 30, 2)

    added = add_searched(qtbot, window, [photos])

    assert [item.source for item in added] == [named_alike]
    assert [item.source for item in window.queue.items()] == [*originals, named_alike]
    assert window.statusBar().currentMessage() == (
        f"Added 1 photo to the queue. Left out 2 files in the output folder {photos}: they are "
        "results, not originals."
    )
