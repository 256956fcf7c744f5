"""The training wizard's first page learns from the photos ``prepare`` and ``pack`` learn from
(``training.prepare.collection_in``), and says what it left out: Rekindle's own results
counted apart, folders that cannot be read counted and named, and each photo and folder left
out listed with why under a disclosure, closed at first."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from gui_helpers import write_photo
from PIL import Image
from wizard_helpers import CROP, TINY, WAIT_MS

from engine.provenance import marked_exif
from training.folder_scan import scan_folder
from training.prepare import MANIFEST, UNFINISHED

pytestmark = pytest.mark.usefixtures("builtin_models")

REFUSED = "the folder cannot be read (permission denied)"


def _rekindles_result(path: Path) -> Path:
    """A large photo marked as Rekindle marks what it restores."""
    with Image.open(write_photo(path.with_suffix(".png"), 200, 160)) as image:
        image.convert("RGB").save(path, exif=marked_exif(None, "restored with faithful-x4"))
    path.with_suffix(".png").unlink()
    return path


@pytest.fixture
def album(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A good photo, a thumbnail, a broken file, a copy, Rekindle's result of the photo, a
    prepared and a stopped dataset, and a folder that cannot be listed (root lists any
    folder, whatever its mode)."""
    folder = tmp_path / "album"
    write_photo(folder / "good.png", 100, 80)
    write_photo(folder / "tiny.png", 40, 30)
    (folder / "broken.jpg").write_bytes(b"not a photo at all")
    (folder / "the same.png").write_bytes((folder / "good.png").read_bytes())
    _rekindles_result(folder / "Rekindle" / "good.jpg")
    for dataset, mark in (("pairs", MANIFEST), ("stopped", UNFINISHED)):
        write_photo(folder / dataset / "hr" / "000000.png", CROP, CROP)
        (folder / dataset / mark).write_text("{}")
    write_photo(folder / "private" / "secret.png", 100, 80)
    locked, real = folder / "private", os.scandir

    def scandir(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    return folder


def test_the_scan_leaves_out_rekindles_results_and_prepared_datasets(album):
    report = scan_folder(album, CROP)
    assert report.qualifying == [album / "good.png"]
    assert report.results == [album / "Rekindle" / "good.jpg"]
    assert report.datasets == [album / "pairs", album / "stopped"]
    assert (album / "private", f"private: {REFUSED}") in report.unreadable
    assert report.found == 6  # the good photo, the copy, the thumbnail, both unreadable, the result


def test_the_page_counts_and_lists_what_it_left_out(album, make_window, qtbot):
    wizard = make_window().open_training_wizard(presets={"tiny": TINY}, crop=CROP)
    page = wizard.source_page
    page.set_folder(album)
    qtbot.waitUntil(lambda: page.report is not None, timeout=WAIT_MS)

    summary = page.summary.text()
    assert "Too small: 1 · Could not be read: 2 · Duplicates: 1" in summary
    assert "Rekindle's results: 1" in summary
    assert page.details_button.isVisible() and not page.details.isVisible()  # tidy at first
    page.details_button.click()
    assert page.details.isVisible()
    assert page.details.toPlainText().splitlines() == [
        f"Too small (under {CROP} pixels on the shorter side):",
        "    tiny.png",
        "",
        "Could not be read:",
        f"    private: {REFUSED}",
        "    broken.jpg: the file is damaged or not an image",
        "",
        "Duplicates (each photo is used once):",
        "    the same.png",
        "",
        "Rekindle's results (not learned from):",
        "    Rekindle/good.jpg",
        "",
        "Prepared training data (crops, not photos):",
        "    pairs",
        "    stopped",
    ]
    page.details_button.click()
    assert not page.details.isVisible()


def test_a_folder_with_nothing_to_leave_out_has_no_details(make_window, qtbot, tmp_path):
    write_photo(tmp_path / "photos" / "good.png", 100, 80)
    wizard = make_window().open_training_wizard(presets={"tiny": TINY}, crop=CROP)
    page = wizard.source_page
    page.set_folder(tmp_path / "photos")
    qtbot.waitUntil(lambda: page.report is not None, timeout=WAIT_MS)
    assert "Rekindle's results: 0" in page.summary.text()
    assert not page.details_button.isVisible()
