"""``rekindle --check-window``: build the main window off screen, with a throwaway data folder,
and check what a frozen bundle most often loses (Qt plugins and modules, the icon font, the app
icon, the translations, the built-in models in the list), then exit. With ``--self-test`` it
proves a build works without a screen.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.application import create_application
from app.i18n import CHINESE, ENGLISH, Translation
from app.main_window import MainWindow
from app.settings import AppSettings
from app.single_instance import InstanceServer
from engine.paths import DATA_DIR_ENV

CATALOG_SECONDS = 30.0
"""How long the model list may take to fill (it is read on a background thread)."""


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
    english = window.file_menu.title()
    translation.apply(CHINESE)
    QApplication.processEvents()  # widgets re-set their texts on the LanguageChange event
    if window.file_menu.title() == english:
        problems.append("the Chinese translation does not load")
    translation.apply(ENGLISH)
    QApplication.processEvents()
    return problems


def check_window() -> tuple[bool, str]:
    """Open the main window off screen with throwaway settings and look it over."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or create_application(["rekindle"])
    before = os.environ.get(DATA_DIR_ENV)
    with tempfile.TemporaryDirectory(prefix="rekindle-check-") as folder:
        os.environ[DATA_DIR_ENV] = folder  # the person's workspace and models stay untouched
        try:
            settings = AppSettings.from_file(Path(folder) / "settings.ini")
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
