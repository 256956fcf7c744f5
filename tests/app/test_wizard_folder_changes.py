"""The folder changing between its scan and "Prepare Training Pairs" (photos taken away or
added, the drive unplugged) never leaves the person stuck: a changed folder is read again and
its photos kept aside chosen afresh; a folder gone is said to be gone, and how to go on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from wizard_helpers import CROP, TINY, WAIT_MS, choose_folder, small_photos

from app.wizard.wizard import TrainingWizard

pytestmark = pytest.mark.usefixtures("builtin_models")


def _on_second_page(make_window, qtbot, folder: Path) -> TrainingWizard:
    wizard = make_window().open_training_wizard(presets={"tiny": TINY}, crop=CROP)
    choose_folder(qtbot, wizard, folder)
    return wizard


def _prepare(qtbot, wizard: TrainingWizard) -> None:
    """Click Prepare and wait for the job to end, whatever its outcome."""
    page = wizard.preparation_page
    page.prepare_button.click()
    assert page.busy()
    qtbot.waitUntil(lambda: not page.busy(), timeout=WAIT_MS)


def test_a_held_out_photo_taken_away_after_the_scan_is_replaced(make_window, qtbot, tmp_path: Path):
    folder = small_photos(tmp_path / "album", count=4)
    wizard = _on_second_page(make_window, qtbot, folder)
    gone = wizard.source_page.report.held_out()[0]
    gone.unlink()

    _prepare(qtbot, wizard)
    page = wizard.preparation_page
    assert page.isComplete(), page.status.text()
    assert page.status.text().startswith("Your folder had changed since it was read")
    report = wizard.source_page.report
    assert gone not in report.qualifying and len(report.qualifying) == 3
    assert wizard.run.held_out == [str(path) for path in report.held_out()]
    assert wizard.run.held_out and str(gone) not in wizard.run.held_out
    assert len(list(wizard.run.val_dir.iterdir())) == len(wizard.run.held_out)


def test_a_photo_added_after_the_scan_is_learned_from_and_counted(
    make_window, qtbot, tmp_path: Path
):
    folder = small_photos(tmp_path / "album", count=2)
    wizard = _on_second_page(make_window, qtbot, folder)
    shutil.copy(small_photos(tmp_path / "more", count=3) / "photo2.png", folder / "new.png")

    _prepare(qtbot, wizard)
    page = wizard.preparation_page
    assert page.isComplete(), page.status.text()
    assert folder / "new.png" in wizard.source_page.report.qualifying
    assert "That makes <b>" in wizard.source_page.explanation.text()
    assert page.prepared.photos == len(wizard.source_page.report.kept()) == 2


def test_a_folder_unchanged_is_not_read_again(make_window, qtbot, tmp_path: Path):
    wizard = _on_second_page(make_window, qtbot, small_photos(tmp_path / "album"))
    scanned = wizard.source_page.report

    _prepare(qtbot, wizard)
    assert wizard.preparation_page.isComplete()
    assert wizard.source_page.report is scanned
    assert not wizard.preparation_page.status.text().startswith("Your folder had changed")


def test_a_folder_gone_says_so_and_preparing_works_once_it_is_back(
    make_window, qtbot, tmp_path: Path
):
    folder = small_photos(tmp_path / "usb")
    wizard = _on_second_page(make_window, qtbot, folder)
    folder.rename(tmp_path / "unplugged")

    _prepare(qtbot, wizard)
    page = wizard.preparation_page
    assert not page.isComplete() and wizard.run is None
    assert page.status.text() == (
        f"The pairs could not be made: {folder} cannot be found any more (was its drive "
        "disconnected?). Reconnect it, or go Back and choose the folder again."
    )

    (tmp_path / "unplugged").rename(folder)
    _prepare(qtbot, wizard)
    assert page.isComplete(), page.status.text()
