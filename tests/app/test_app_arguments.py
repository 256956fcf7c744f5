"""The app's command line: Qt's own options and their values go to Qt, never to the queue."""

from __future__ import annotations

import app.main
from app.main import split_qt_options


def test_a_qt_option_keeps_its_value() -> None:
    ours, qt = split_qt_options(["-platform", "offscreen", "a.jpg", "--style", "Fusion", "b.png"])
    assert ours == ["a.jpg", "b.png"]
    assert qt == ["-platform", "offscreen", "--style", "Fusion"]


def test_the_window_gets_the_photos_and_qt_its_options(monkeypatch) -> None:
    seen = {}

    def run_window(program, photos, qt_args):
        seen.update(photos=photos, qt_args=qt_args)
        return 0

    monkeypatch.setattr(app.main, "run_window", run_window)
    assert app.main.main(["-platform", "offscreen", "-reverse", "a.jpg"]) == 0
    assert seen == {"photos": ["a.jpg"], "qt_args": ["-platform", "offscreen", "-reverse"]}
