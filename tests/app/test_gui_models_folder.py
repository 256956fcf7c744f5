"""The model list follows the user's models folder while the app runs: files copied in or
deleted by hand (Manage Models > Open Folder) are listed or gone without reopening anything,
the folder is looked at again when the app comes back to the front (a network folder may not
be watched), and a chosen model that went is replaced, with a note saying which and why (one
removed in Manage Models is told as removed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import (
    WAIT_MS,
    back_to_the_front,
    wait_for_status,
    wait_until_read,
    write_tiny_model,
)
from PySide6.QtCore import QFileSystemWatcher
from PySide6.QtWidgets import QMessageBox

import app.model_actions
from app.item_status import ItemStatus
from app.main_window import MainWindow
from app.models_dialog import ModelsDialog
from app.settings_panel import SettingsPanel
from engine.library.own_format import save_model
from engine.networks import UNetGenerator

pytestmark = pytest.mark.usefixtures("builtin_models")


@pytest.fixture
def folder(private_data_dir: Path) -> Path:
    """The user's models folder."""
    return private_data_dir / "models"


def write_clean_up(folder: Path, name: str) -> Path:
    """A tiny 1x model: a clean-up choice before or after enlarging."""
    network = UNetGenerator(scale=1, width=4, depth=1, convs=1)
    return save_model(network, folder / f"{name}.safetensors", display_name=name.title())


def listed(window: MainWindow) -> list[str]:
    return [entry.key for entry in window.settings_panel.entries()]


def test_models_copied_in_or_deleted_by_hand_are_listed_or_gone_at_once(
    make_window, qtbot, folder: Path
):
    first = write_tiny_model(folder, "first", "First")
    window = make_window()
    dialog = window.model_actions.show_dialog()  # where Open Folder is
    second = write_tiny_model(folder, "second", "Second")
    first.unlink()
    qtbot.waitUntil(lambda: listed(window) == [str(second)], timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: [entry.key for entry in dialog.entries()] == [str(second)], timeout=WAIT_MS
    )
    assert window.settings_panel.model_key() == str(second)


class NothingWatched(QFileSystemWatcher):
    """A watcher of folders that cannot be watched (some network folders)."""

    def addPaths(self, paths):  # noqa: N802
        return list(paths)


def test_the_folder_is_looked_at_again_when_the_app_comes_back_to_the_front(
    make_window, qtbot, folder: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(app.model_actions, "QFileSystemWatcher", NothingWatched)
    write_tiny_model(folder, "first", "First")
    window = make_window()
    added = write_tiny_model(folder, "added", "Added")
    qtbot.wait(2 * app.model_actions.WATCH_PAUSE_MS)
    assert str(added) not in listed(window)  # not watched: not seen yet
    back_to_the_front()
    qtbot.waitUntil(lambda: str(added) in listed(window), timeout=WAIT_MS)


def _choose(panel: SettingsPanel, model: Path, clean_up: Path) -> None:
    """Choose ``model``, with ``clean_up`` before enlarging."""
    panel.select_model(str(model))
    panel.before_combo.setCurrentIndex(panel.before_combo.findData(str(clean_up)))


def test_a_chosen_model_that_went_is_replaced_with_a_note_saying_which_and_why(
    make_window, qtbot, folder: Path
):
    kept = write_tiny_model(folder, "kept", "Kept")
    other = write_tiny_model(folder, "other", "Other")
    chosen = write_tiny_model(folder, "zoom", "Zoom")
    clean = write_clean_up(folder, "clean")
    window = make_window()
    panel = window.settings_panel
    _choose(panel, chosen, clean_up=clean)
    chosen.unlink()
    clean.unlink()
    default = str(kept)  # the first listed
    qtbot.waitUntil(lambda: panel.model_key() == default, timeout=WAIT_MS)
    assert panel.before_combo.currentData() == ""
    assert panel.restore_settings().model.before == ()
    replaced = (
        f"zoom.safetensors is no longer in your models folder, so "
        f"{panel.model_combo.currentText()} is chosen in its place."
    )
    stage = "clean.safetensors is no longer in your models folder, so nothing is cleaned up "
    stage += "before enlarging."
    assert panel.model_problem.text().splitlines() == [replaced, stage]
    assert panel.model_problem.isVisible()
    assert window.statusBar().currentMessage() == f"{replaced} {stage}"

    panel.select_model(str(other))  # the person's own choice: that note has done its work
    assert panel.model_problem.text().splitlines() == [stage]


def test_a_chosen_model_removed_in_manage_models_is_told_as_removed_not_as_gone(
    make_window, monkeypatch, folder: Path
):
    """The person asked for it: the status bar says it was removed, by the name the dialog
    asked about, and no note stays as for a model that went from the folder."""
    kept = write_tiny_model(folder, "kept", "Kept")
    chosen = write_tiny_model(folder, "zoom", "Zoom")
    clean = write_clean_up(folder, "clean")
    window = make_window()
    panel = window.settings_panel
    _choose(panel, chosen, clean_up=clean)
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    dialog = window.model_actions.show_dialog()

    def remove(model: Path) -> str:
        """Remove ``model`` in the dialog; what the status bar says then."""
        dialog.table.selectRow([entry.path for entry in dialog.entries()].index(model))
        dialog.remove_button.click()
        return window.statusBar().currentMessage()

    assert remove(chosen) == f"Removed Zoom; {panel.model_combo.currentText()} is chosen."
    panel.select_model(str(kept))  # not the clean-up model, listed first
    assert remove(clean) == "Removed Clean; nothing is cleaned up before enlarging."
    assert panel.before_combo.currentData() == ""
    assert not panel.model_problem.isVisible()


def test_a_chosen_model_that_went_while_the_app_was_closed_is_noted_at_start(
    make_window, app_settings, folder: Path
):
    family = folder / "family"
    chosen = write_tiny_model(family, "zoom", "Zoom")
    write_tiny_model(family, "other", "Other")
    clean = write_clean_up(family, "clean")
    panel = make_window().settings_panel
    _choose(panel, chosen, clean_up=clean)
    panel.window().close()
    family.rename(folder / "family-moved")  # the person tidies the folder

    panel = make_window().settings_panel
    replaced = (
        f"family/zoom.safetensors is no longer in your models folder, so "
        f"{panel.model_combo.currentText()} is chosen in its place."
    )
    stage = "family/clean.safetensors is no longer in your models folder, so nothing is "
    stage += "cleaned up before enlarging."
    assert panel.model_problem.text().splitlines() == [replaced, stage]
    assert panel.model_problem.isVisible()
    assert app_settings.model == str(chosen)  # stored until the person chooses again


def test_a_photo_restored_with_a_model_gone_says_why_and_the_next_run_takes_the_default(
    make_window, qtbot, folder: Path, photos
):
    kept = write_tiny_model(folder, "kept", "Kept")
    chosen = write_tiny_model(folder, "zoom", "Zoom")
    window = make_window()
    window.settings_panel.select_model(str(chosen))
    [item] = window.add_paths([photos("a.png")])
    wait_until_read(qtbot, window)
    chosen.unlink()
    window.restore_all()  # before the list has seen it go
    wait_for_status(qtbot, item, ItemStatus.FAILED, ItemStatus.RESTORED)
    assert item.status is ItemStatus.FAILED
    assert "zoom.safetensors" in item.message  # its row says why

    qtbot.waitUntil(lambda: window.settings_panel.model_key() == str(kept), timeout=WAIT_MS)
    window.restore_all()
    wait_for_status(qtbot, item, ItemStatus.RESTORED, ItemStatus.FAILED)
    assert item.status is ItemStatus.RESTORED, item.message


def test_a_model_still_being_copied_in_is_listed_once_it_is_whole(
    make_window, qtbot, folder: Path, tmp_path: Path
):
    write_tiny_model(folder, "first", "First")
    whole = write_tiny_model(tmp_path, "copied", "Copied").read_bytes()
    window = make_window()
    dialog = window.model_actions.show_dialog()
    copy = folder / "copied.safetensors"
    with copy.open("wb") as stream:
        stream.write(whole[:8])  # not even its header yet
        stream.flush()
        qtbot.waitUntil(lambda: read_so_far(dialog, copy), timeout=30_000)  # and found unusable
        qtbot.wait(3 * app.model_actions.WATCH_PAUSE_MS)  # the copy goes on a while
        stream.write(whole[8:])
    qtbot.waitUntil(lambda: scale_of(window, copy) == 4, timeout=30_000)  # its header read


def read_so_far(dialog: ModelsDialog, path: Path) -> bool:
    """Whether the models dialog lists ``path`` as it is now, read: not a usable model."""
    return any(entry.path == path and entry.error for entry in dialog.entries())


def scale_of(window: MainWindow, path: Path) -> int | None:
    """The scale the window lists the model ``path`` with (0 while it is read), if listed."""
    return next((e.scale for e in window.settings_panel.entries() if e.path == path), None)


def test_models_chosen_through_a_linked_folder_by_an_earlier_version_stay_chosen(
    make_window, app_settings, folder: Path, tmp_path: Path
):
    """Earlier versions kept a user model's path as written; through a linked home folder it
    is not the resolved path the list keys models by, and the choice must still hold."""
    kept = write_tiny_model(folder, "kept", "Kept")
    chosen = write_tiny_model(folder, "zoom", "Zoom")
    clean = write_clean_up(folder, "clean")
    linked = tmp_path / "linked home"
    linked.symlink_to(folder, target_is_directory=True)
    app_settings.model = str(linked / chosen.name)
    app_settings.clean_before = str(linked / clean.name)
    panel = make_window().settings_panel
    assert panel.model_key() == str(chosen.resolve()) != str(kept.resolve())
    assert panel.before_combo.currentData() == str(clean.resolve())
    assert panel.model_problem.text() == ""
