"""While the training data is made, the bar names the photo being read and the time left, as
the app's other long work does."""

from __future__ import annotations

import itertools
import re
import threading
from pathlib import Path

import pytest
from wizard_helpers import CROP, TINY, WAIT_MS, choose_folder, small_photos

from app.wizard import preparation_page
from engine.time_left import EtaClock
from training.material import prepared

pytestmark = pytest.mark.usefixtures("builtin_models")
HELD_S = 10
SECONDS_PER_LOOK = 10
"""The fake clock moves on this much each time it is read: the time left is known at once."""


def test_the_bar_names_the_photo_being_prepared_and_the_time_left(
    make_window, qtbot, monkeypatch, tmp_path: Path
):
    ticks = itertools.count(step=SECONDS_PER_LOOK)
    monkeypatch.setattr(preparation_page, "EtaClock", lambda: EtaClock(lambda: next(ticks)))
    reading, release = threading.Event(), threading.Event()
    write_validation_photo = prepared.write_validation_photo

    def held_validation_photo(*args) -> None:
        reading.set()
        release.wait(HELD_S)
        write_validation_photo(*args)

    monkeypatch.setattr(prepared, "write_validation_photo", held_validation_photo)
    wizard = make_window().open_training_wizard(presets={"tiny": TINY}, crop=CROP)
    choose_folder(qtbot, wizard, small_photos(tmp_path / "album"))
    held_out = wizard.source_page.report.held_out()[0].name
    page = wizard.preparation_page
    page.prepare_button.click()
    qtbot.waitUntil(reading.is_set, timeout=WAIT_MS)
    try:
        qtbot.waitUntil(lambda: held_out in page.bar.text(), timeout=WAIT_MS)
        shown = page.bar.text()
    finally:
        release.set()
    assert re.fullmatch(rf"95% · {re.escape(held_out)} · \d+ s left", shown), shown
    assert page.bar.accessibleDescription() == shown
    qtbot.waitUntil(page.isComplete, timeout=WAIT_MS)
    assert page.bar.text() == "100%"
