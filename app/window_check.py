"""``rekindle --check-window``: build the main window off screen, with a throwaway data folder,
and check what a frozen bundle most often loses (Qt plugins and modules, the icon font, the app
icon, the translations, the built-in models in the list), and, on Linux, what the computer may
lack (a font that draws Chinese), then exit. With ``--self-test`` it proves a build works
without a screen.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QWidget

from app import theme
from app.application import create_application
from app.i18n import CHINESE, ENGLISH, Translation
from app.main_window import MainWindow
from app.settings import AppSettings
from app.single_instance import InstanceServer
from engine.paths import DATA_DIR_ENV

CATALOG_SECONDS = 30.0
"""How long the model list may take to fill (it is read on a background thread)."""
CHINESE_FONT_PACKAGE = "fonts-noto-cjk"
"""Debian's and Ubuntu's package of a Chinese font, the first the .deb recommends
(packaging/linux/make_deb.sh). Windows and macOS come with Chinese fonts; a Linux desktop set
up for another language may have none, and every Chinese word is then drawn as boxes."""
CHECKS_FONTS = sys.platform.startswith("linux")
"""Whether the check looks for a font that draws Chinese: Windows and macOS come with one (and
the offscreen platform Windows runs the check on reads no system fonts at all)."""
SHOWN_CHARACTERS = 6
"""How many of the characters no font draws the check names."""


def _problems(window: MainWindow, translation: Translation) -> list[str]:
    problems = []
    server = InstanceServer(window)
    if not server.listening:
        problems.append("the socket that takes photos from a second start cannot listen")
    server.close()  # its lock is in the throwaway folder, which Windows cannot remove held
    if window.windowIcon().isNull():
        problems.append("the application icon is missing")
    if window.settings_panel.model_combo.count() == 0:
        problems.append("no built-in model is listed")
    if window.grab().isNull():
        problems.append("the window cannot be drawn")
    return problems + _translation_problems(window, translation)


def _translation_problems(window: MainWindow, translation: Translation) -> list[str]:
    """Whether the Chinese translation loads, and (``CHECKS_FONTS``) whether a font draws it."""
    english = window.file_menu.title()
    translation.apply(CHINESE)
    QApplication.processEvents()  # widgets re-set their texts on the LanguageChange event
    loaded = window.file_menu.title() != english
    titles = [action.text() for action in window.menuBar().actions()]
    translation.apply(ENGLISH)
    QApplication.processEvents()
    if not loaded:
        return ["the Chinese translation does not load"]
    if CHECKS_FONTS and (missing := _not_drawn(window.menuBar(), titles)):
        return [
            f"no font installed draws Chinese ({missing[:SHOWN_CHARACTERS]}): install one, "
            f"such as {CHINESE_FONT_PACKAGE}"
        ]
    return []


def _not_drawn(widget: QWidget, texts: list[str]) -> str:
    """The characters of ``texts`` that neither ``widget``'s font nor the fonts Qt falls back
    on for it have."""
    metrics = QFontMetrics(widget.font())
    characters = dict.fromkeys(c for text in texts for c in text)
    return "".join(c for c in characters if not metrics.inFontUcs4(ord(c)))


def check_window() -> tuple[bool, str]:
    """Open the main window off screen with throwaway settings and look it over."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or create_application(["rekindle"])
    before = os.environ.get(DATA_DIR_ENV)
    with tempfile.TemporaryDirectory(prefix="rekindle-check-") as folder:
        os.environ[DATA_DIR_ENV] = folder  # the person's workspace and models stay untouched
        try:
            settings = AppSettings.from_file(Path(folder) / "settings.ini")
            settings.theme = theme.chosen_look(app)  # the person's, not the system's
            translation = Translation(app)
            window = MainWindow(settings, translation, confirm_close=False)
            window.show()
            deadline = time.monotonic() + CATALOG_SECONDS
            while window.settings_panel.model_combo.count() == 0 and time.monotonic() < deadline:
                app.processEvents()
                time.sleep(0.02)
            problems = _problems(window, translation)
            models = window.settings_panel.model_combo.count()
            window.close()
        finally:
            if before is None:
                os.environ.pop(DATA_DIR_ENV)
            else:
                os.environ[DATA_DIR_ENV] = before
    if problems:
        return False, "window check failed: " + "; ".join(problems)
    return True, f"window check passed: {models} models listed, icon and translations loaded"


def run_window_check(output: Callable[[str], object] = print) -> int:
    passed, summary = check_window()
    output(summary)
    return 0 if passed else 1
