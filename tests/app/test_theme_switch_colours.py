"""A theme switched (Interface > Theme) recolours at once what is coloured from the palette in
a style sheet: a bad naming pattern's mark, a cluster address's answer, the note on a result
made with other settings, a lasting warning in the status bar. And the look chosen shows from
the start: the splash is drawn in it, and the window check opens the window in it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QStatusBar, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot
from test_fa3_theme_choice import restore_look  # noqa: F401 (a fixture)

import app.window_check
from app import cluster_field, theme
from app.cluster_field import ClusterField
from app.pattern_edit import PatternEdit
from app.run_bars import LastingWarnings
from app.settings import AppSettings
from app.stale_note import StaleNote
from engine.errors import RekindleError
from engine.recipe import Recipe

REPO = Path(__file__).resolve().parents[2]
ANSWER_MS = 5_000
WARNING = "The disk is full"

Failing = Callable[[QWidget, QtBot, pytest.MonkeyPatch], list[QWidget]]
"""Puts a widget, failing, in the box given; the widgets it colours as failures."""


class _Changes(QObject):
    changed = Signal()


def _bad_pattern(box: QWidget, qtbot: QtBot, _monkeypatch: pytest.MonkeyPatch) -> list[QWidget]:
    edit = PatternEdit(box)
    box.layout().addWidget(edit)
    edit.line.clear()
    qtbot.keyClicks(edit.line, "no stem")  # names every result the same
    assert edit.problem.isVisibleTo(box)
    return [edit.line, edit.problem]


def _unreachable_cluster(
    box: QWidget, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> list[QWidget]:
    def survey(address: str, timeout: float) -> None:
        raise RekindleError(f"nothing at {address}")

    monkeypatch.setattr(cluster_field, "survey", survey)
    field = ClusterField(box)
    box.layout().addWidget(field)
    field.set_address("head.example:6379")
    field.use(True)
    qtbot.waitUntil(lambda: field.status.text().startswith("Nothing at"), timeout=ANSWER_MS)
    field.shutdown()  # answered: the checker's thread is done with
    return [field.status]


def _stale_result(box: QWidget, _qtbot: QtBot, _monkeypatch: pytest.MonkeyPatch) -> list[QWidget]:
    note = StaleNote(box)
    box.layout().addWidget(note)
    note.show_for(Recipe(model="a"), Recipe(model="b"))
    return [note]


def _lasting_warning(
    box: QWidget, _qtbot: QtBot, _monkeypatch: pytest.MonkeyPatch
) -> list[QWidget]:
    status_bar = QStatusBar(box)
    box.layout().addWidget(status_bar)
    changes = _Changes(box)
    LastingWarnings(status_bar, box).add(lambda: WARNING, changes.changed)
    return [label for label in status_bar.findChildren(QLabel) if label.text() == WARNING]


def _failure(palette: QPalette) -> str:
    return theme.status_color("failure", palette).name()


@pytest.mark.usefixtures("restore_look")
@pytest.mark.parametrize(
    "failing", [_bad_pattern, _unreachable_cluster, _stale_result, _lasting_warning]
)
def test_a_theme_switched_recolours_failures_at_once(qtbot, qapp, monkeypatch, failing: Failing):
    theme.choose_look(qapp, theme.DARK_LOOK)
    box = QWidget()
    QVBoxLayout(box)
    qtbot.addWidget(box)
    widgets = failing(box, qtbot, monkeypatch)
    box.show()
    assert widgets
    dark, light = theme.dark_palette(), theme.light_palette()
    for look, palette, before in ((theme.LIGHT_LOOK, light, dark), (theme.DARK_LOOK, dark, light)):
        theme.choose_look(qapp, look)
        qapp.processEvents()
        for widget in widgets:
            assert _failure(palette) in widget.styleSheet()
            assert _failure(before) not in widget.styleSheet()


def test_the_look_kept_is_read_without_the_settings_module(private_qsettings):
    """``stored_look`` reads the key ``AppSettings`` keeps the look under; a look it does not
    know (a hand edit) follows the system."""
    settings = AppSettings()
    assert theme.stored_look() == theme.FOLLOW_SYSTEM
    for look in (theme.LIGHT_LOOK, theme.DARK_LOOK):
        settings.theme = look
        assert theme.stored_look() == look
    settings.theme = "purple"
    assert theme.stored_look() == theme.FOLLOW_SYSTEM


# in a child process, its settings in the folder given, as the app starts: the window colour
# of the splash, drawn before torch (and with it the settings' module) loads
SPLASH_COLOUR = """
import sys
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor

for kind in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
    QSettings.setPath(kind, QSettings.Scope.UserScope, sys.argv[1])

from app.application import create_application
from app.splash import show_splash

splash = show_splash(create_application(["rekindle"]))
print(QColor(splash.pixmap().toImage().pixel(20, 20)).name(), "torch" in sys.modules)
"""


@pytest.mark.parametrize("look", [theme.LIGHT_LOOK, theme.DARK_LOOK])
def test_the_splash_shows_in_the_look_chosen(private_qsettings: Path, look: str):
    """Whatever the system prefers: one of the two looks is the one it does not."""
    settings = AppSettings()
    settings.theme = look
    assert settings.sync()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", SPLASH_COLOUR, str(private_qsettings)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    palette = theme.light_palette() if look == theme.LIGHT_LOOK else theme.dark_palette()
    assert done.stdout.split() == [_window_colour(palette), "False"]


@pytest.mark.usefixtures("restore_look")
def test_the_window_check_opens_the_window_in_the_look_chosen(qapp, monkeypatch):
    monkeypatch.setattr(theme, "system_prefers_light", lambda: False)
    theme.choose_look(qapp, theme.LIGHT_LOOK)
    seen: list[str] = []
    problems = app.window_check._problems

    def looked_over(window, translation) -> list[str]:
        seen.extend(_window_colour(palette) for palette in (qapp.palette(), window.palette()))
        return problems(window, translation)

    monkeypatch.setattr(app.window_check, "_problems", looked_over)
    app.window_check.check_window()
    assert seen == [_window_colour(theme.light_palette())] * 2
    assert theme.chosen_look(qapp) == theme.LIGHT_LOOK


def _window_colour(palette: QPalette) -> str:
    return palette.color(QPalette.ColorRole.Window).name()
