"""The settings panel: persisted choices, devices, the repair and detail blend, 1x models to
clean up before and after enlarging, no models at all."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
import torch
from gui_helpers import WAIT_MS, wait_for_status, write_photo, write_tiny_model
from PySide6.QtCore import Qt
from spandrel.architectures.Compact.__arch.SRVGG import SRVGGNetCompact

import engine.paths
from app.item_status import ItemStatus
from app.photo_queue import status_text
from app.settings import AppSettings
from app.settings_fields import LEAST_TILE
from engine.chain import ModelRequest, open_chain
from engine.devices import DeviceStatus
from engine.imageio import read_picture
from engine.library.descriptor import Origin
from engine.library.own_format import save_model
from engine.library.store import read_details
from engine.networks import UNetGenerator
from engine.restorer import Restorer


def test_settings_survive_a_restart(make_window, tiny_model, settings_file: Path, tmp_path: Path):
    window = make_window()
    panel = window.settings_panel
    panel.scale_combo.setCurrentIndex(2)
    panel.device_combo.setCurrentIndex(panel.device_combo.findData("cpu"))
    panel.tile_spin.setValue(128)
    panel.ensemble_check.setChecked(True)
    panel.fading_check.setChecked(True)
    panel.spots_check.setChecked(True)
    panel.auto_save_check.setChecked(True)  # the fixture's settings start without it
    panel.quality_combo.setCurrentIndex(panel.quality_combo.findData("smaller"))
    panel.detail_strength.slider.setValue(35)
    panel.repair_strength.slider.setValue(70)
    panel.grain_strength.slider.setValue(25)
    panel.format_combo.setCurrentIndex(panel.format_combo.findData("webp"))
    panel.set_output_folder(str(tmp_path / "elsewhere"))
    panel.language_combo.setCurrentIndex(panel.language_combo.findData("en"))
    window.resize(780, 560)  # fits the offscreen screen, so the geometry comes back as is
    window.splitter.setSizes([250, 100, 360])
    size, sizes = window.size(), window.splitter.sizes()
    window.close()

    again = make_window(AppSettings.from_file(settings_file))
    panel = again.settings_panel
    assert panel.model_key() == str(tiny_model)
    assert panel.scale_combo.currentIndex() == 2
    assert panel.device() == "cpu"
    assert panel.tile_spin.value() == 128
    assert panel.ensemble_check.isChecked()
    assert panel.fading_check.isChecked()
    assert panel.spots_check.isChecked() and panel.restore_settings().options.find_spots
    assert panel.auto_save()
    assert panel.film_quality() == "smaller"
    assert panel.detail_strength.value() == 0.35
    assert panel.repair_strength.value() == 0.7
    assert panel.grain_strength.value() == 0.25 and panel.restore_settings().options.grain == 0.25
    assert panel.output_format() == "webp"
    assert panel.output_folder() == tmp_path / "elsewhere"
    assert panel.language() == "en"
    assert again.size() == size
    assert again.splitter.sizes() == sizes


def test_a_hidden_settings_panel_stays_hidden_after_a_restart(make_window, settings_file: Path):
    window = make_window()
    window.settings_action.trigger()
    assert window.settings_scroll.isHidden()
    window.close()

    again = make_window(AppSettings.from_file(settings_file))
    assert again.settings_scroll.isHidden() and not again.settings_action.isChecked()
    again.settings_action.trigger()  # shown again, at a usable width
    again.show()
    assert again.settings_scroll.isVisible()
    assert again.settings_scroll.width() >= again.settings_scroll.minimumWidth() > 0


def test_the_tile_size_steps_from_automatic_to_a_tile_worth_its_context(make_window):
    """Every tile is run with 32 px of context a side: a 32 px tile took 6 times as long."""
    spin = make_window().settings_panel.tile_spin
    assert spin.value() == 0 and spin.specialValueText() == "Automatic"
    spin.stepBy(1)
    assert spin.value() == LEAST_TILE
    spin.stepBy(1)
    assert spin.value() == LEAST_TILE + spin.singleStep()
    spin.stepBy(-2)
    assert spin.value() == 0
    spin.lineEdit().setText("8")
    spin.interpretText()
    spin.editingFinished.emit()  # typed, then the field left
    assert spin.value() == LEAST_TILE
    assert "take longer" in spin.toolTip()


def test_unavailable_devices_are_greyed_out_with_the_reason(make_window, monkeypatch, qtbot):
    statuses = [
        DeviceStatus("cpu", True),
        DeviceStatus("cuda", False, "no NVIDIA GPU with a working CUDA driver was found"),
        DeviceStatus("mps", False, "Apple Metal (MPS) is only available on Apple silicon Macs"),
    ]
    monkeypatch.setattr("app.settings_panel.device_statuses", lambda: statuses)
    combo = make_window().settings_panel.device_combo
    # the devices' probe answers after the window shows
    qtbot.waitUntil(lambda: combo.findData("mps") >= 0, timeout=WAIT_MS)
    items = {combo.itemData(i): combo.model().item(i) for i in range(combo.count())}
    assert list(items) == ["auto", "cpu", "cuda", "mps"]
    assert items["cpu"].isEnabled() and items["auto"].isEnabled()
    assert not items["cuda"].isEnabled()
    tooltip = combo.itemData(combo.findData("cuda"), Qt.ItemDataRole.ToolTipRole)
    assert tooltip == f"Not available: {statuses[1].reason}"
    assert not items["mps"].isEnabled()


def test_a_gpu_is_listed_with_its_name_and_memory(make_window, monkeypatch, qtbot):
    statuses = [DeviceStatus("cpu", True), DeviceStatus("cuda", True, "", "NVIDIA H200, 144 GB")]
    monkeypatch.setattr("app.settings_panel.device_statuses", lambda: statuses)
    combo = make_window().settings_panel.device_combo
    # the devices' probe answers after the window shows
    qtbot.waitUntil(lambda: combo.findData("cuda") >= 0, timeout=WAIT_MS)
    assert combo.itemText(combo.findData("cuda")) == "CUDA (NVIDIA): NVIDIA H200, 144 GB"


def test_a_remembered_device_that_is_gone_falls_back_to_auto(
    make_window, app_settings, monkeypatch, qtbot
):
    app_settings.device = "cuda"
    statuses = [DeviceStatus("cpu", True), DeviceStatus("cuda", False, "gone")]
    monkeypatch.setattr("app.settings_panel.device_statuses", lambda: statuses)
    panel = make_window().settings_panel
    # the devices' probe answers after the window shows
    qtbot.waitUntil(lambda: panel.device() == "auto", timeout=WAIT_MS)


@pytest.fixture
def builtin_family(tmp_path: Path, monkeypatch, tiny_model) -> Path:
    """The built-in x4 family (tiny models), beside the user's tiny model."""
    folder = tmp_path / "resources" / "models"
    for name, title in [
        ("faithful-x4", "Faithful ×4"),
        ("detail-x4", "Detail ×4"),
        ("restore-x4", "Restore ×4"),
        ("restore-detail-x4", "Restore Detail ×4"),
    ]:
        write_tiny_model(folder, name, title)
    monkeypatch.setattr(engine.paths, "builtin_models_dir", lambda: folder)
    return folder


def test_the_strength_sliders_blend_the_builtin_family_only(
    make_window, builtin_family, tiny_model
):
    panel = make_window().settings_panel
    repair, detail = panel.repair_strength, panel.detail_strength
    keys = [panel.model_combo.itemData(i) for i in range(panel.model_combo.count())]
    assert keys == ["restore-x4", "restore-detail-x4", "faithful-x4", "detail-x4", str(tiny_model)]

    panel.select_model("faithful-x4")
    assert repair.isEnabled() and detail.isEnabled()
    assert (repair.value(), detail.value()) == (0.0, 0.0)
    assert panel.restore_settings().model == ModelRequest("faithful-x4")
    panel.select_model("detail-x4")
    assert (repair.value(), detail.value()) == (0.0, 1.0)
    assert panel.restore_settings().model == ModelRequest("detail-x4")
    detail.slider.setValue(35)
    assert detail.value_label.text() == "35%"
    assert panel.restore_settings().model == ModelRequest("faithful-x4", 0.35)  # one name a blend
    panel.select_model("restore-detail-x4")
    assert (repair.value(), detail.value()) == (0.75, 1.0)  # BlendFamily.offered_repair
    assert panel.restore_settings().model == ModelRequest("restore-detail-x4", repair=0.75)
    repair.slider.setValue(80)
    assert panel.restore_settings().model == ModelRequest("restore-detail-x4", repair=0.8)
    detail.slider.setValue(0)
    assert panel.restore_settings().model == ModelRequest("restore-x4", repair=0.8)

    panel.select_model(str(tiny_model))
    assert not repair.isEnabled() and not detail.isEnabled()
    assert repair.value_label.text() == detail.value_label.text() == ""
    assert "applies to the built-in" in repair.slider.toolTip()
    assert panel.restore_settings().model == ModelRequest(str(tiny_model))
    panel.select_model("restore-x4")
    assert repair.slider.toolTip().startswith("How strongly grain, print texture and compression")
    # full repair leaves dust and scratches: the tooltip names what fills them
    assert "Remove dust and specks or Mark Spots" in repair.slider.toolTip()
    assert repair.high_label.text() == "Strongest"
    assert detail.slider.toolTip().startswith("How much crisp texture is drawn in")


def test_settings_from_before_the_repair_strength_keep_their_model(
    make_window, app_settings, builtin_family
):
    """A stored Faithful choice (no repair stored yet) stays Faithful, not half restored."""
    app_settings.model = "faithful-x4"
    panel = make_window().settings_panel
    assert panel.repair_strength.value() == 0.0
    assert panel.restore_settings().model == ModelRequest("faithful-x4")


def test_a_blended_model_restores(make_window, qtbot, builtin_family, tmp_path: Path):
    window = make_window()
    panel = window.settings_panel
    panel.select_model("restore-x4")
    panel.detail_strength.slider.setValue(50)
    panel.repair_strength.slider.setValue(60)
    [item] = window.add_paths([write_photo(tmp_path / "a.png")])
    window.restore_all()
    wait_for_status(qtbot, item, ItemStatus.RESTORED, ItemStatus.FAILED)
    assert item.status is ItemStatus.RESTORED, item.message
    assert item.recipe.suffix() == "restore-x4 r60 d50"


def test_without_models_the_app_says_so_and_restores_nothing(
    make_window, builtin_models: Path, tmp_path: Path
):
    window = make_window()
    panel = window.settings_panel
    assert not panel.has_model() and panel.restore_settings() is None
    assert "No models are installed" in panel.model_note.text()
    assert "No models are installed" in window.photo_view.welcome.note.text()
    [item] = window.add_paths([write_photo(tmp_path / "a.png")])
    assert not window.restore_action.isEnabled() and not window.restore_all_action.isEnabled()
    window.restore_all()
    assert not window.runner.is_running
    assert item.status is not ItemStatus.QUEUED


def test_a_model_that_fails_to_load_stops_the_run(make_window, qtbot, tiny_model, tmp_path: Path):
    window = make_window()
    a, b = window.add_paths([write_photo(tmp_path / "a.png"), write_photo(tmp_path / "b.png")])
    tiny_model.write_bytes(b"not a model any more")
    window.restore_all()
    wait_for_status(qtbot, a, ItemStatus.FAILED)
    # Not our format any more, so the community loader was tried, and it says why it failed.
    assert a.message.startswith("tiny.safetensors: not a readable model file"), a.message
    qtbot.waitUntil(lambda: not window.runner.is_running, timeout=WAIT_MS)
    assert (b.status, b.message) == (ItemStatus.FAILED, f"not started: {a.message}")
    assert "could not be loaded" in window.statusBar().currentMessage()


def test_models_added_while_running_are_picked_up(
    make_window, private_data_dir: Path, builtin_models: Path, tmp_path: Path
):
    window = make_window()
    window.add_paths([write_photo(tmp_path / "a.png")])
    assert not window.restore_all_action.isEnabled()
    write_tiny_model(private_data_dir / "models")
    window.settings_panel.reload_models()  # as when the window is activated again
    assert window.settings_panel.has_model()
    assert window.restore_all_action.isEnabled()


def test_a_model_chosen_to_clean_up_after_enlarging_runs_on_the_result(
    make_window, qtbot, app_settings, tiny_model: Path, private_data_dir: Path, tmp_path: Path
):
    torch.manual_seed(0)
    clean = private_data_dir / "models" / "clean.pth"
    torch.save(SRVGGNetCompact(num_feat=8, num_conv=2, upscale=1).state_dict(), clean)
    read_details(clean, Origin.IMPORTED)  # as the background reader does for files put there
    window = make_window()
    panel = window.settings_panel
    panel.select_model(str(tiny_model))
    for combo in (panel.before_combo, panel.after_combo):  # only models that do not enlarge
        assert [combo.itemText(i) for i in range(combo.count())] == [
            "None",
            "clean (RealESRGAN Compact 1x)",
        ]
        assert combo.currentIndex() == 0
    assert panel.restore_settings().model == ModelRequest(str(tiny_model))
    source = write_photo(tmp_path / "a.png")
    [plain] = window.add_paths([source])
    window.restore_all()
    wait_for_status(qtbot, plain, ItemStatus.RESTORED, ItemStatus.FAILED)

    panel.after_combo.setCurrentIndex(panel.after_combo.findData(str(clean)))
    assert panel.restore_settings().model == ModelRequest(str(tiny_model), after=(str(clean),))
    assert app_settings.clean_after == str(clean) and app_settings.clean_before == ""
    [cleaned] = window.add_paths([shutil.copy(source, tmp_path / "b.png")])
    window.restore_all()
    wait_for_status(qtbot, cleaned, ItemStatus.RESTORED, ItemStatus.FAILED)
    assert cleaned.status is ItemStatus.RESTORED, cleaned.message
    chain = open_chain(tiny_model, after=[clean])
    expected = Restorer(chain, torch.device("cpu")).restore(read_picture(source))
    assert np.array_equal(cleaned.result.pixels, expected.pixels)
    assert not np.array_equal(cleaned.result.pixels, plain.result.pixels)
    assert status_text(cleaned).endswith(f"with {chain.display_name}")  # the models, in order
    assert chain.display_name.endswith(f" -> {chain.after[0].descriptor.display_name}")
    window.close()

    again = make_window(AppSettings.from_file(app_settings.store.fileName()))
    assert again.settings_panel.after_combo.currentData() == str(clean)


def test_a_built_in_clean_up_model_is_offered_before_and_after_enlarging(
    make_window, tiny_model: Path, builtin_models: Path
):
    """Rekindle's own 1x networks (grain, dust and JPEG removal) sit beside imported ones."""
    network = UNetGenerator(scale=1, width=4, depth=1, convs=1)
    save_model(network, builtin_models / "cleanup-x1.safetensors", display_name="Clean-up 1x")
    panel = make_window().settings_panel
    for combo in (panel.before_combo, panel.after_combo):
        assert [combo.itemText(i) for i in range(combo.count())] == ["None", "Clean-up 1x"]
    panel.before_combo.setCurrentIndex(1)
    chosen = panel.restore_settings().model
    assert chosen.before == ("cleanup-x1",)  # built-in models go by name
    chain = open_chain(tiny_model, before=list(chosen.before))
    assert chain.before[0].descriptor.display_name == "Clean-up 1x"
