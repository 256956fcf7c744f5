"""The card shown at once on start: drawn before torch loads, gone once the window is up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QPalette

from app.splash import CARD_HEIGHT, CARD_WIDTH, ICON_SIDE, splash_picture

# run_window in a child process, with the event loop returning at once: it prints whether
# torch was loaded when the card appeared, and whether the card was up and then taken away
# (the process ends hard: the window's threads were never asked to stop)
WINDOW_START = """
import os
import sys
import app.splash
from PySide6.QtWidgets import QApplication
import app.main

shown = []
cards = []
original = app.splash.show_splash

def watched(application):
    shown.append("torch" in sys.modules)
    cards.append(original(application))
    shown.append(cards[0].isVisible())
    return cards[0]

app.splash.show_splash = watched
QApplication.exec = lambda self: shown.append(cards[0].isVisible()) or 0
status = app.main.run_window("rekindle", [], [])
print("shown:", shown, "status:", status, flush=True)
os._exit(0)
"""


def test_the_card_is_drawn_without_torch() -> None:
    code = "import sys, app.splash; print('torch' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_the_card_shows_the_icon_on_the_window_colour(qapp) -> None:
    palette = qapp.palette()
    picture = splash_picture(palette, 2.0)
    assert (picture.width(), picture.height()) == (CARD_WIDTH * 2, CARD_HEIGHT * 2)
    image = picture.toImage()
    background = palette.color(QPalette.ColorRole.Window).rgb()
    assert image.pixel(20, 20) == background
    middle_of_icon = (CARD_WIDTH, round((28 + ICON_SIDE / 2) * 2))
    assert image.pixel(*middle_of_icon) != background


def test_the_window_start_shows_the_card_before_torch_and_closes_it(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_RUNTIME_DIR"):
        env[name] = str(tmp_path / name)
        Path(env[name]).mkdir(mode=0o700)
    done = subprocess.run(
        [sys.executable, "-c", WINDOW_START], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "shown: [False, True, False] status: 0" in done.stdout
