"""A device saved in the settings that this start does not have (an eGPU unplugged since) is
no reason for a restoration to fail, even one started before the settings panel's device
probe has answered: the photos are restored on the device Automatic picks, and the log says so
once; the status bar says so, in the settings panel's names of the devices and with the reason,
until the device chosen changes."""

from __future__ import annotations

import logging

import pytest
from gui_helpers import wait_for_status, wait_until_read

import engine.devices
from app.device_note import DEVICE_NAMES
from app.item_status import ItemStatus
from app.settings_panel import SettingsPanel


@pytest.fixture
def held_probe(monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither CUDA nor MPS here, and the panel's device probe held back: it never answers."""
    monkeypatch.setattr(engine.devices, "cuda_available", lambda: False)
    monkeypatch.setattr(engine.devices, "mps_available", lambda: False)
    monkeypatch.setattr(SettingsPanel, "_probe_devices", lambda _panel: None)


def _logged_notes(messages: list[str]) -> list[str]:
    return [text for text in messages if "was not found" in text]


def _device_notes(window) -> list[str]:
    """The status bar's lasting warnings about the saved device."""
    return [text for text in window.warnings.shown() if "saved device" in text]


@pytest.mark.parametrize("saved", ["cuda", "mps"])
def test_a_restore_before_the_probe_runs_on_the_cpu_and_says_so_once(
    make_window, app_settings, held_probe, qtbot, tiny_model, photos, caplog, saved
):
    app_settings.device = saved
    window = make_window()
    panel = window.settings_panel
    assert panel.device() == saved  # the probe has not answered: the saved choice stands
    first = window.add_paths([photos("a.png"), photos("b.png", seed=1)])
    wait_until_read(qtbot, window)

    with caplog.at_level(logging.WARNING):
        window.restore_all()
        for item in first:
            wait_for_status(qtbot, item, ItemStatus.RESTORED, ItemStatus.FAILED)
        panel.tile_spin.setValue(64)  # the model stays; its restorer is made again
        [later] = window.add_paths([photos("c.png", seed=2)])
        wait_until_read(qtbot, window)
        window.restore_all()
        wait_for_status(qtbot, later, ItemStatus.RESTORED, ItemStatus.FAILED)

    assert [item.status for item in [*first, later]] == [ItemStatus.RESTORED] * 3, [
        item.message for item in [*first, later]
    ]
    assert panel.device() == saved  # all before the probe answered
    reason = engine.devices.pick_device_present(saved)[1]
    assert _device_notes(window) == [
        f"The saved device, {DEVICE_NAMES[saved]}, is not available ({reason}); "
        "restoring on CPU instead."
    ]
    assert len(_logged_notes(caplog.messages)) == 1

    panel.tile_spin.setValue(128)  # another setting: the note stays
    assert len(_device_notes(window)) == 1
    panel.device_combo.setCurrentIndex(panel.device_combo.findData("cpu"))
    assert _device_notes(window) == []
