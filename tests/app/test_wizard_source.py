"""The first page: a folder that cannot teach anything says why and does not let one go on."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import write_photo
from PySide6.QtWidgets import QWizard
from wizard_helpers import CROP, TINY, WAIT_MS

pytestmark = pytest.mark.usefixtures("builtin_models")


def _scanned(qtbot, window, folder: Path):
    wizard = window.open_training_wizard(presets={"tiny": TINY}, crop=CROP)
    page = wizard.source_page
    page.set_folder(folder)
    qtbot.waitUntil(lambda: page.report is not None, timeout=WAIT_MS)
    return wizard, page


def test_a_folder_of_small_and_broken_images_cannot_go_on(make_window, qtbot, tmp_path: Path):
    folder = tmp_path / "scans"
    write_photo(folder / "tiny.png", 40, 30)
    write_photo(folder / "nested" / "thin.png", 300, 20)
    (folder / "broken.jpg").write_bytes(b"not a photo at all")
    wizard, page = _scanned(qtbot, make_window(), folder)

    assert not page.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert page.explanation.isVisible()
    assert f"at least {CROP} pixels" in page.explanation.text()
    assert "Too small: 2" in page.summary.text()
    assert "Could not be read: 1" in page.summary.text()


def test_an_empty_folder_says_there_are_no_photos(make_window, qtbot, tmp_path: Path):
    folder = tmp_path / "empty"
    (folder / "sub").mkdir(parents=True)
    (folder / "notes.txt").write_text("no photos here")
    wizard, page = _scanned(qtbot, make_window(), folder)

    assert not page.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "no photos in this folder" in page.explanation.text()


def test_one_good_photo_among_bad_ones_is_enough(make_window, qtbot, tmp_path: Path):
    folder = tmp_path / "mixed"
    write_photo(folder / "good.png", 100, 80)
    write_photo(folder / "small.png", 40, 30)
    wizard, page = _scanned(qtbot, make_window(), folder)

    assert page.isComplete()
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "<b>8</b> training pairs" in page.explanation.text()
    assert "the photo the model learns from" in page.explanation.text()
