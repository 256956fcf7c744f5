"""The settings panel probes the devices on a thread of its own, after the window shows:
asking torch about a GPU starts its driver, a second or more the UI thread must not wait."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from gui_helpers import WAIT_MS
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

import engine.devices
from app.main_window import MainWindow

GPU = "NVIDIA Fake, 8 GB"


@dataclass
class FakeProbes:
    """Stands in for torch's device probes: records the thread of each call, and holds the
    calls off the UI thread until ``release`` (a slow driver; the UI thread is answered at
    once, for the test to say it asked)."""

    calls: list[tuple[str, threading.Thread]] = field(default_factory=list)
    gate: threading.Event = field(default_factory=threading.Event)

    def answer(self, probe: str, value: object) -> Callable[[], object]:
        def probed() -> object:
            self.calls.append((probe, threading.current_thread()))
            if threading.current_thread() is not threading.main_thread():
                self.gate.wait(WAIT_MS / 1000)
            return value

        return probed

    def on_ui_thread(self) -> list[str]:
        ui = threading.main_thread()
        return [probe for probe, thread in self.calls if thread is ui]

    def release(self) -> None:
        self.gate.set()


@pytest.fixture
def probes(make_window, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeProbes]:
    """Fake probes in the engine (every way into them, the panel's and ``pick_device``'s);
    released before the windows close (closing waits for the probe)."""
    fake = FakeProbes()
    monkeypatch.setattr(engine.devices, "cuda_available", fake.answer("cuda", True))
    monkeypatch.setattr(engine.devices, "cuda_hardware", fake.answer("hardware", GPU))
    monkeypatch.setattr(engine.devices, "mps_available", fake.answer("mps", False))
    yield fake
    fake.release()


def _listed(combo: QComboBox) -> list[str]:
    return [combo.itemData(index) for index in range(combo.count())]


def _enabled(combo: QComboBox, device: str) -> bool:
    return combo.model().item(combo.findData(device)).isEnabled()


def _probed(qtbot, probes: FakeProbes, window: MainWindow) -> QComboBox:
    """The device choice once the probe has answered."""
    probes.release()
    combo = window.settings_panel.device_combo
    qtbot.waitUntil(lambda: combo.findData("mps") >= 0, timeout=WAIT_MS)
    return combo


def test_the_window_is_built_and_shown_without_probing_on_the_ui_thread(make_window, probes, qtbot):
    window = make_window()
    qtbot.waitUntil(lambda: len(probes.calls) > 0, timeout=WAIT_MS)  # the probe has begun
    QApplication.processEvents()  # the window goes on while the driver starts
    combo = window.settings_panel.device_combo
    assert _listed(combo) == ["auto", "cpu"]  # at once: Automatic and the CPU
    assert combo.itemText(0) == "Automatic"
    assert window.settings_panel.device() == "auto"

    combo = _probed(qtbot, probes, window)
    assert probes.calls and not probes.on_ui_thread()
    assert _listed(combo) == ["auto", "cpu", "cuda", "mps"]
    assert combo.itemText(combo.findData("cuda")) == f"CUDA (NVIDIA): {GPU}"
    assert combo.itemText(0) == "Automatic (CUDA (NVIDIA))"
    assert _enabled(combo, "cuda") and not _enabled(combo, "mps")
    assert combo.itemData(combo.findData("mps"), Qt.ItemDataRole.ToolTipRole).startswith(
        "Not available: "
    )


def test_a_language_change_does_not_probe_again(make_window, probes, qtbot, translation):
    window = make_window()
    combo = _probed(qtbot, probes, window)
    probes.calls.clear()
    translation.apply("zh_CN")
    QApplication.processEvents()  # the LanguageChange event
    assert probes.calls == []
    assert combo.itemText(0) == "自动（CUDA (NVIDIA)）"


def test_the_saved_device_is_shown_and_used_until_the_probe_answers(
    make_window, app_settings, probes, qtbot
):
    app_settings.device = "cuda"
    window = make_window()
    panel = window.settings_panel
    assert _listed(panel.device_combo) == ["auto", "cpu", "cuda"]
    assert panel.device() == "cuda"  # a restoration started now resolves it on its thread
    _probed(qtbot, probes, window)
    assert panel.device() == "cuda"


def test_a_saved_device_the_probe_finds_gone_shows_automatic(
    make_window, app_settings, probes, qtbot, monkeypatch
):
    app_settings.device = "cuda"
    monkeypatch.setattr(engine.devices, "cuda_available", probes.answer("cuda", False))
    window = make_window()
    panel = window.settings_panel
    with qtbot.waitSignal(panel.changed, timeout=WAIT_MS):  # the restorations follow
        combo = _probed(qtbot, probes, window)
    assert panel.device() == "auto"
    assert not _enabled(combo, "cuda")
    assert combo.itemText(0) == "Automatic (CPU)"
    assert app_settings.device == "cuda"  # kept until the person changes a setting


def test_a_device_chosen_before_the_probe_answers_stays_chosen(make_window, probes, qtbot):
    window = make_window()
    panel = window.settings_panel
    panel.device_combo.setCurrentIndex(panel.device_combo.findData("cpu"))
    _probed(qtbot, probes, window)
    assert panel.device() == "cpu"
