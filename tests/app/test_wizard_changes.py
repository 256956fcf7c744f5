"""Going back to change what the training data is made from (the folder, the scale, the damage)
throws the prepared data away and asks for it again; going back and on without a change keeps
it."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard
from wizard_helpers import CROP, TINY, WAIT_MS, choose_folder, prepare_pairs, small_photos

from app.wizard import preparation_page
from app.wizard.wizard import TrainingWizard
from training.run_state import runs_dir, unfinished_run

pytestmark = pytest.mark.usefixtures("builtin_models")
PREPARE_AGAIN = "The choices changed: prepare the pairs again."


def _prepared(make_window, qtbot, folder: Path) -> TrainingWizard:
    wizard = make_window().open_training_wizard(presets={"tiny": TINY}, crop=CROP)
    prepare_pairs(qtbot, wizard, folder)
    return wizard


def _start_enabled(wizard: TrainingWizard) -> bool:
    return wizard.button(QWizard.WizardButton.CommitButton).isEnabled()


def _asks_to_prepare_again(wizard: TrainingWizard) -> bool:
    page = wizard.preparation_page
    return (
        not page.isComplete()
        and not _start_enabled(wizard)
        and wizard.run is None
        and page.status.text() == PREPARE_AGAIN
        and not page.preview_group.isVisibleTo(wizard)
    )


def test_another_folder_throws_away_the_pairs_of_the_first(make_window, qtbot, tmp_path: Path):
    first = small_photos(tmp_path / "first")
    second = small_photos(tmp_path / "second", count=2)
    wizard = _prepared(make_window, qtbot, first)
    old_run = wizard.run

    wizard.back()
    choose_folder(qtbot, wizard, second)
    assert _asks_to_prepare_again(wizard)
    assert not old_run.folder.exists()  # the run's own files
    assert len(list(first.glob("*.png"))) == 3  # not the person's photos

    page = wizard.preparation_page
    page.prepare_button.click()
    qtbot.waitUntil(page.isComplete, timeout=WAIT_MS)
    assert _start_enabled(wizard)
    assert wizard.run.source == str(second)
    assert wizard.run.held_out == [str(second / "photo1.png")]
    assert "made from 1 photos" in page.status.text()


def test_another_folder_chosen_while_preparing_throws_away_what_was_made(
    make_window, qtbot, monkeypatch, tmp_path: Path
):
    """Back while the pairs of the first folder are still being made: once made, they are
    thrown away, not taken for the second folder's."""
    release = threading.Event()
    make_material = preparation_page.make_material

    def held_material(*args):
        release.wait(WAIT_MS / 1000)
        return make_material(*args)

    monkeypatch.setattr(preparation_page, "make_material", held_material)
    first = small_photos(tmp_path / "first")
    wizard = make_window().open_training_wizard(presets={"tiny": TINY}, crop=CROP)
    choose_folder(qtbot, wizard, first)
    page = wizard.preparation_page
    page.prepare_button.click()

    wizard.back()
    choose_folder(qtbot, wizard, small_photos(tmp_path / "second", count=2))
    release.set()
    qtbot.waitUntil(lambda: page.prepare_button.isEnabled(), timeout=WAIT_MS)
    assert _asks_to_prepare_again(wizard)
    assert unfinished_run() is None  # the first folder's run is gone


@pytest.mark.parametrize("same_folder_again", [False, True])
def test_back_and_on_with_the_same_folder_keeps_the_pairs(
    make_window, qtbot, tmp_path: Path, same_folder_again: bool
):
    """Back, then Next; or choosing the same (unchanged) folder again on the way."""
    photos = small_photos(tmp_path / "album")
    wizard = _prepared(make_window, qtbot, photos)
    run, status = wizard.run, wizard.preparation_page.status.text()

    wizard.back()
    if same_folder_again:
        choose_folder(qtbot, wizard, photos)
    else:
        wizard.next()
    assert wizard.preparation_page.isComplete() and _start_enabled(wizard)
    assert wizard.run is run and run.dataset.is_dir()
    assert wizard.preparation_page.status.text() == status


def test_another_scale_throws_away_the_pairs_even_when_changed_back(
    make_window, qtbot, tmp_path: Path
):
    wizard = _prepared(make_window, qtbot, small_photos(tmp_path / "album"))
    old_run = wizard.run
    page = wizard.preparation_page

    page.scale_buttons[2].click()
    assert _asks_to_prepare_again(wizard)
    assert not old_run.folder.exists()
    page.scale_buttons[4].click()  # the old pairs are gone: they must be made again
    assert _asks_to_prepare_again(wizard)


def test_the_thrown_away_pairs_are_deleted_without_the_window_waiting(
    make_window, qtbot, monkeypatch, tmp_path: Path
):
    wizard = _prepared(make_window, qtbot, small_photos(tmp_path / "album"))
    old_run = wizard.run
    release = threading.Event()
    rmtree = shutil.rmtree

    def held_rmtree(*args, **kwargs):
        release.wait(WAIT_MS / 1000)  # gigabytes of pairs
        rmtree(*args, **kwargs)

    monkeypatch.setattr(shutil, "rmtree", held_rmtree)
    wizard.preparation_page.scale_buttons[2].click()
    assert _asks_to_prepare_again(wizard)
    assert not old_run.folder.exists() and unfinished_run() is None
    assert any(runs_dir().iterdir())  # still being deleted: the click did not wait for it
    release.set()
    qtbot.waitUntil(lambda: not any(runs_dir().iterdir()), timeout=WAIT_MS)
