"""Keys as a Mac user presses and reads them: the ⌫ key (Backspace to Qt; a Mac's Delete is
forward-delete, Fn+⌫) removes from the queue, and the guide writes Undo's keys as the
platform does (⌘Z on a Mac)."""

from __future__ import annotations

import sys

import pytest
from gui_helpers import WAIT_MS, wait_until_read
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

BACKSPACE = "Backspace"
DELETE = QKeySequence.StandardKey.Delete
"""Made into key sequences in the tests: a standard key's needs the application."""


def test_on_a_mac_the_backspace_key_removes_from_the_queue(
    make_window, qtbot, photos, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(sys, "platform", "darwin")
    window = make_window()
    assert window.remove_action.shortcuts() == [QKeySequence(DELETE), QKeySequence(BACKSPACE)]
    first, _second = window.add_paths([photos("a.png"), photos("b.png", seed=1)])
    wait_until_read(qtbot, window)
    window.activateWindow()
    view = window.queue_view
    view.setFocus()
    view.select_id(first.id)
    QTest.keyClick(view, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: len(window.queue.items()) == 1, timeout=WAIT_MS)
    assert window.queue.items()[0].source.name == "b.png"


def test_elsewhere_the_delete_key_alone_removes(make_window, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(sys, "platform", "win32")  # Backspace there goes back, as in Explorer
    window = make_window()
    assert window.remove_action.shortcuts() == [QKeySequence(DELETE)]


def test_the_guide_writes_undos_keys_as_the_platform_does(
    make_window, monkeypatch: pytest.MonkeyPatch
):
    written = QKeySequence.toString

    def as_on_a_mac(
        key: QKeySequence, form=QKeySequence.SequenceFormat.PortableText
    ) -> str:  # Qt's native text on a Mac
        text = written(key, form)
        return (
            text.replace("Ctrl+", "⌘") if form == QKeySequence.SequenceFormat.NativeText else text
        )

    window = make_window()
    monkeypatch.setattr(QKeySequence, "toString", as_on_a_mac)
    window.guide_action.trigger()
    marking = next(body for _title, body in window.guide._sections() if "Find Spots" in body)
    assert "Undo (⌘Z)" in marking
