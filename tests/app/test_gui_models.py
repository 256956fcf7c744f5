"""Community models in the app: importing them (Models menu, drop), refusing files that would
run code, the Manage Models dialog (what each model is, Remove), details read in the
background, and restoring with an imported model."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest
import torch
from gui_helpers import WAIT_MS, drop_paths, wait_for_status, write_photo, write_tiny_model
from PySide6.QtWidgets import QFileDialog, QMessageBox
from spandrel.architectures.Compact.__arch.SRVGG import SRVGGNetCompact
from spandrel.architectures.ESRGAN.__arch.RRDB import RRDBNet

import engine.library.store
from app.item_status import ItemStatus
from app.models_dialog import file_size_text
from engine.imageio import read_picture
from engine.library.catalog import available_models
from engine.library.loading import open_model
from engine.library.own_format import save_model
from engine.library.sidecar import sidecar_path
from engine.networks import UNetGenerator
from engine.restorer import Restorer

pytestmark = pytest.mark.usefixtures("builtin_models")


def write_compact(path: Path, scale: int = 2) -> Path:
    """A Real-ESRGAN compact network with random weights, saved as community weights are."""
    torch.manual_seed(0)
    network = SRVGGNetCompact(num_feat=8, num_conv=2, upscale=scale)
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(network.state_dict(), path)
    return path


def write_esrgan(path: Path, seed: int = 0) -> Path:
    torch.manual_seed(seed)
    network = RRDBNet(num_filters=8, num_blocks=1, scale=4)
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(network.state_dict(), path)
    return path


class Payload:
    """What a malicious .pth holds: unpickling it runs code (here, writing a marker file)."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return exec, (f"open({str(self.marker)!r}, 'w').write('ran')",)


def model_files(folder: Path) -> list[str]:
    """The files a person sees in the models folder (no sidecars, no imports under way)."""
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def combo_texts(window) -> list[str]:
    combo = window.settings_panel.model_combo
    return [combo.itemText(i) for i in range(combo.count())]


def import_with_dialog(window, qtbot, monkeypatch, *paths: Path):
    """Models > Import Model…, picking ``paths`` in the file dialog; returns the report."""
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *args, **kwargs: ([str(p) for p in paths], "")
    )
    with qtbot.waitSignal(window.models.import_finished, timeout=WAIT_MS) as finished:
        window.import_model_action.trigger()
    return finished.args[0]


def test_importing_through_the_menu_copies_and_lists_the_model(
    make_window, qtbot, monkeypatch, private_data_dir: Path, tmp_path: Path
):
    source = write_esrgan(tmp_path / "downloads" / "4x-Test.pth")
    original = source.read_bytes()
    window = make_window()
    assert window.import_model_action in window.models_menu.actions()

    report = import_with_dialog(window, qtbot, monkeypatch, source)

    folder = private_data_dir / "models"
    target = folder / "4x-Test.pth"
    assert [m.path for m in report.imported] == [target] and not report.refused
    assert target.read_bytes() == original
    assert source.read_bytes() == original  # copied, not moved or altered
    assert model_files(folder) == ["4x-Test.pth"]
    panel = window.settings_panel
    assert panel.model_key() == str(target)  # listed, and selected
    assert panel.model_combo.currentText() == "4x-Test (ESRGAN 4x)"
    assert panel.model_note.text() == "Enlarges 4× · ESRGAN · your model"
    assert "4x-Test" in window.statusBar().currentMessage()

    report = import_with_dialog(window, qtbot, monkeypatch, source)  # the same file again
    assert not report.imported and model_files(folder) == ["4x-Test.pth"]
    other = write_esrgan(tmp_path / "elsewhere" / "4x-Test.pth", seed=1)
    import_with_dialog(window, qtbot, monkeypatch, other)  # another file of the same name
    assert model_files(folder) == ["4x-Test (2).pth", "4x-Test.pth"]
    assert "4x-Test (2) (ESRGAN 4x)" in combo_texts(window)
    assert not (folder / ".importing").exists() or not any((folder / ".importing").iterdir())


def test_a_dropped_model_is_imported_and_a_dropped_photo_queued(
    make_window, qtbot, private_data_dir: Path, tmp_path: Path
):
    model = write_compact(tmp_path / "drop" / "compact.pth")
    photo = write_photo(tmp_path / "drop" / "a.png")
    window = make_window()
    with qtbot.waitSignal(window.models.import_finished, timeout=WAIT_MS):
        assert drop_paths(window, [model, photo])
    assert [item.source for item in window.queue.items()] == [photo]  # the model is no photo
    target = private_data_dir / "models" / "compact.pth"
    assert target.read_bytes() == model.read_bytes() and model.is_file()
    assert window.settings_panel.model_key() == str(target)
    assert "compact (RealESRGAN Compact 2x)" in combo_texts(window)

    with qtbot.waitSignal(window.models.import_finished, timeout=WAIT_MS) as finished:
        drop_paths(window, [target])  # one of the models already there: not copied twice
    report = finished.args[0]
    assert (report.already, report.refused) == ([(target, target)], [])
    assert model_files(target.parent) == ["compact.pth"]


def test_a_model_imported_again_is_selected_with_a_note_not_a_warning(
    make_window, qtbot, monkeypatch, private_data_dir: Path, tmp_path: Path
):
    """A file among the person's models already (imported before, maybe under another name)
    is not copied again; that is no problem: its model is selected, as an import's is."""
    compact = write_compact(tmp_path / "downloads" / "c.pth")
    esrgan = write_esrgan(tmp_path / "downloads" / "x4.pth")
    window = make_window()
    import_with_dialog(window, qtbot, monkeypatch, compact, esrgan)
    folder = private_data_dir / "models"
    panel = window.settings_panel
    assert panel.model_key() == str(folder / "x4.pth")

    report = import_with_dialog(window, qtbot, monkeypatch, compact)
    assert not report.imported and model_files(folder) == ["c.pth", "x4.pth"]
    assert panel.model_key() == str(folder / "c.pth")
    assert window.statusBar().currentMessage() == (
        "c.pth is among your models already, as c (RealESRGAN Compact 2x): it is selected."
    )
    assert window.model_actions.import_problem is None  # no warning

    renamed = tmp_path / "elsewhere" / "x4 copy.pth"
    renamed.parent.mkdir()
    renamed.write_bytes(esrgan.read_bytes())
    junk = tmp_path / "junk.ckpt"
    junk.write_bytes(b"these are not weights" * 10)
    import_with_dialog(window, qtbot, monkeypatch, renamed, junk)
    assert panel.model_key() == str(folder / "x4.pth")
    assert window.statusBar().currentMessage() == (
        "x4 copy.pth is among your models already, as x4 (ESRGAN 4x): it is selected."
    )
    box = window.model_actions.import_problem  # for the file refused, and it alone
    assert box is not None and box.text() == "This file was not imported:"
    assert box.informativeText().startswith("junk.ckpt: ")


@pytest.mark.filterwarnings("ignore:Detected pickle protocol:UserWarning")
def test_a_file_that_would_run_code_is_refused_and_nothing_is_copied(
    make_window, qtbot, monkeypatch, private_data_dir: Path, tmp_path: Path
):
    evil = tmp_path / "evil.pth"
    marker = tmp_path / "marker"
    with open(evil, "wb") as stream:
        pickle.dump({"params": Payload(marker)}, stream)
    pickle.loads(evil.read_bytes())  # the payload is live: plain unpickling runs it
    assert marker.read_text() == "ran"
    marker.unlink()
    junk = tmp_path / "junk.ckpt"
    junk.write_bytes(b"these are not weights" * 10)
    window = make_window()

    report = import_with_dialog(window, qtbot, monkeypatch, evil, junk)

    assert not marker.exists()
    assert not report.imported and [path for path, _ in report.refused] == [evil, junk]
    assert model_files(private_data_dir / "models") == []
    box = window.model_actions.import_problem
    assert box is not None and box.isVisible()
    assert box.text() == "These files were not imported:"
    assert "evil.pth: refused: it is not plain weights" in box.informativeText()
    assert "junk.ckpt: not a readable model file" in box.informativeText()
    assert window.statusBar().currentMessage() == "Files not imported: 2."
    assert not window.settings_panel.has_model()

    drop_paths(window, [evil])  # dropped, it is refused the same way, on its own
    qtbot.waitUntil(lambda: window.model_actions.import_problem is not box, timeout=WAIT_MS)
    assert window.model_actions.import_problem.text() == "This file was not imported:"
    assert window.statusBar().currentMessage().startswith("Not imported: evil.pth: refused")
    assert not marker.exists() and model_files(private_data_dir / "models") == []


def test_the_models_dialog_says_what_each_model_is_and_where_it_came_from(
    make_window, qtbot, monkeypatch, builtin_models: Path, private_data_dir: Path, tmp_path: Path
):
    builtin = write_tiny_model(builtin_models, "faithful-x4", "Faithful ×4")
    network = UNetGenerator(scale=2, width=8, depth=2, convs=1, up_width=8)
    trained = save_model(
        network,
        private_data_dir / "models" / "mine.safetensors",
        display_name="Grandma's albums",
        training={"steps_done": 300, "completed": True},
    )
    shared = save_model(  # trained by a friend, who sent the file
        network, tmp_path / "shared.safetensors", display_name="Shared", training={"steps": 9}
    )
    window = make_window()
    import_with_dialog(window, qtbot, monkeypatch, write_esrgan(tmp_path / "x4.pth"), shared)
    imported = private_data_dir / "models" / "x4.pth"
    shared = private_data_dir / "models" / "shared.safetensors"

    window.manage_models_action.trigger()
    dialog = window.model_actions.dialog
    assert dialog is not None and dialog.isVisible()
    size = file_size_text
    rows = [dialog.row_texts(row) for row in range(dialog.table.rowCount())]
    assert rows == [
        ["Faithful ×4", "Rekindle U-Net", "4×", size(builtin.stat().st_size), "built-in"],
        [
            "Grandma's albums",
            "Rekindle U-Net",
            "2×",
            size(trained.stat().st_size),
            "trained in the wizard",
        ],
        ["Shared", "Rekindle U-Net", "2×", size(shared.stat().st_size), "imported"],
        ["x4 (ESRGAN 4x)", "ESRGAN", "4×", size(imported.stat().st_size), "imported"],
    ]
    dialog.table.selectRow(0)
    assert not dialog.remove_button.isEnabled()  # built-ins cannot be removed
    dialog.table.selectRow(3)
    assert dialog.remove_button.isEnabled()


def test_remove_asks_then_deletes_a_user_model(
    make_window, qtbot, monkeypatch, private_data_dir: Path, tmp_path: Path
):
    window = make_window()
    import_with_dialog(window, qtbot, monkeypatch, write_compact(tmp_path / "c.pth"))
    target = private_data_dir / "models" / "c.pth"
    assert window.settings_panel.model_key() == str(target)
    dialog = window.model_actions.show_dialog()
    [row] = [r for r, e in enumerate(dialog.entries()) if e.path == target]
    dialog.table.selectRow(row)
    asked = []

    def answer(button):
        def question(parent, title, text, *args):
            asked.append(text)
            return button

        monkeypatch.setattr(QMessageBox, "question", question)

    answer(QMessageBox.StandardButton.No)
    dialog.remove_button.click()
    assert target.is_file() and "c.pth" in asked[0]

    answer(QMessageBox.StandardButton.Yes)
    dialog.remove_button.click()
    assert not target.exists()
    assert not sidecar_path(target).exists()
    assert all(e.path != target for e in dialog.entries())
    assert dialog.table.rowCount() == 0
    assert combo_texts(window) == [] and not window.settings_panel.has_model()


def test_restoring_with_an_imported_model_gives_its_scale(
    make_window, qtbot, private_data_dir: Path, tmp_path: Path
):
    model = write_compact(tmp_path / "compact.pth", scale=2)
    window = make_window()
    with qtbot.waitSignal(window.models.import_finished, timeout=WAIT_MS):
        drop_paths(window, [model])
    source = write_photo(tmp_path / "a.png", 40, 30)
    [item] = window.add_paths([source])
    window.restore_all()
    wait_for_status(qtbot, item, ItemStatus.RESTORED, ItemStatus.FAILED)
    assert item.status is ItemStatus.RESTORED, item.message
    assert (item.result.width, item.result.height) == (80, 60)
    imported = open_model(private_data_dir / "models" / "compact.pth")
    direct = Restorer(imported, torch.device("cpu")).restore(read_picture(source))
    assert np.array_equal(item.result.pixels, direct.pixels)  # that model, through the tiler


def test_a_model_that_does_not_enlarge_only_offers_scale_1(
    make_window, qtbot, monkeypatch, app_settings, tiny_model: Path, tmp_path: Path
):
    app_settings.scale_out = 4
    window = make_window()
    panel = window.settings_panel
    assert panel.scale_combo.currentText() == "4×"
    import_with_dialog(window, qtbot, monkeypatch, write_compact(tmp_path / "clean.pth", 1))
    assert panel.model_combo.currentText() == "clean (RealESRGAN Compact 1x)"
    enabled = [panel.scale_combo.model().item(i).isEnabled() for i in range(4)]
    assert enabled == [True, True, False, False]  # own (1x), 1x, not 2x, not 4x
    assert panel.scale_combo.currentText() == "The model's own (1×)"
    assert panel.model_note.text().startswith("Restores without enlarging")
    [item] = window.add_paths([write_photo(tmp_path / "a.png", 40, 30)])
    window.restore_all()
    wait_for_status(qtbot, item, ItemStatus.RESTORED, ItemStatus.FAILED)
    assert item.status is ItemStatus.RESTORED, item.message
    assert (item.result.width, item.result.height) == (40, 30)

    panel.select_model(str(tiny_model))  # a model that enlarges: the person's 4x is back
    assert panel.scale_combo.currentText() == "4×"
    assert window.settings.scale_out == 4


def test_models_put_in_the_folder_by_hand_are_read_in_the_background_once(
    make_window, qtbot, monkeypatch, private_data_dir: Path
):
    folder = private_data_dir / "models"
    by_hand = write_esrgan(folder / "by-hand.pth")
    (folder / "broken.pt").write_bytes(b"half a download")
    window = make_window()
    qtbot.waitUntil(lambda: "by-hand (ESRGAN 4x)" in combo_texts(window), timeout=WAIT_MS)
    assert combo_texts(window) == ["by-hand (ESRGAN 4x)"]  # the broken one cannot be chosen
    assert sidecar_path(by_hand).is_file()

    dialog = window.model_actions.show_dialog()
    qtbot.waitUntil(lambda: "reading…" not in dialog.row_texts(0), timeout=WAIT_MS)
    broken = dialog.row_texts(0)
    assert broken[:3] == ["broken", "cannot be used", "—"]
    dialog.table.selectRow(0)
    assert dialog.details.text().startswith("broken.pt: not a readable model file")
    assert dialog.remove_button.isEnabled()  # so it can be cleared away

    def no_loading(*args, **kwargs):
        raise AssertionError("listing models must not load them")

    monkeypatch.setattr(engine.library.store, "load_model", no_loading)
    monkeypatch.setattr(engine.library.store, "_memory", {})  # as in the next session
    [entry] = [e for e in available_models() if e.path == by_hand]
    assert (entry.scale, entry.architecture_name, entry.pending) == (4, "ESRGAN", False)


def test_a_model_replaced_under_the_same_name_is_loaded_afresh(
    make_window, qtbot, monkeypatch, private_data_dir: Path, tmp_path: Path
):
    """The restore worker keeps its last model; it must notice the file is another one now."""
    window = make_window()
    import_with_dialog(window, qtbot, monkeypatch, write_compact(tmp_path / "a" / "c.pth", 2))
    target = private_data_dir / "models" / "c.pth"
    [first] = window.add_paths([write_photo(tmp_path / "one.png", 40, 30)])
    window.restore_all()
    wait_for_status(qtbot, first, ItemStatus.RESTORED, ItemStatus.FAILED)
    assert (first.result.width, first.result.height) == (80, 60)

    [entry] = [e for e in window.settings_panel.entries() if e.path == target]
    window.models.remove(entry)
    import_with_dialog(window, qtbot, monkeypatch, write_compact(tmp_path / "b" / "c.pth", 1))
    assert window.settings_panel.model_key() == str(target)  # the same key as before
    [second] = window.add_paths([write_photo(tmp_path / "two.png", 40, 30)])
    window.restore_all()
    wait_for_status(qtbot, second, ItemStatus.RESTORED, ItemStatus.FAILED)
    assert (second.result.width, second.result.height) == (40, 30), second.message
