"""A device saved in the settings that this start does not have (an eGPU unplugged since) is
no reason for a restoration to fail, even one started before the settings panel's device
probe has answered: the photos are restored on the device Automatic picks, and the status
bar and the log say so once."""

from __future__ import annotations

import logging

import pytest
from gui_helpers import wait_for_status, wait_until_read

import engine.devices
from app.item_status import ItemStatus
from app.settings_panel import SettingsPanel


@pytest.fixture
def held_probe(monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither CUDA nor MPS here, and the panel's device probe held back: it never answers."""
    monkeypatch.setattr(engine.devices, "cuda_available", lambda: False)
    monkeypatch.setattr(engine.devices, "mps_available", lambda: False)
    monkeypatch.setattr(SettingsPanel, "_probe_devices", lambda _panel: None)


def _device_notes(messages: list[str]) -> list[str]:
    return [text for text in messages if "was not found" in text]


@pytest.mark.parametrize("saved", ["cuda", "mps"])
def test_a_restore_before_the_probe_runs_on_the_cpu_and_says_so_once(
    make_window, app_settings, held_probe, qtbot, tiny_model, photos, caplog, saved
):
    app_settings.device = saved
    window = make_window()
    panel = window.settings_panel
    assert panel.device() == saved  # the probe has not answered: the saved choice stands
    shown: list[str] = []
    window.statusBar().messageChanged.connect(shown.append)
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
    [note] = _device_notes(shown)
    assert note == f"The saved device {saved} was not found; restoring on cpu instead."
    assert len(_device_notes(caplog.messages)) == 1
