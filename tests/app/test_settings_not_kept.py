"""Settings whose file cannot be written: a lasting warning in the status bar says so and
where, from the start or from the first change that is not kept, and quitting says it in the
log."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from disk_problem_helpers import read_only

from app.settings import AppSettings

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="permissions work otherwise there")


def not_kept(settings: AppSettings) -> str:
    return f"Settings will not be remembered: {settings.place()} cannot be written."


@pytest.fixture
def unwritable_settings(tmp_path: Path) -> AppSettings:
    """Settings whose folder cannot be made, for anyone: a file has its name."""
    (tmp_path / "config").write_text("a file, not a folder")
    return AppSettings.from_file(tmp_path / "config" / "Rekindle" / "rekindle.ini")


def test_settings_in_a_folder_that_cannot_be_written_are_said_not_kept(settings_file):
    settings_file.parent.mkdir(parents=True)
    settings = AppSettings.from_file(settings_file)
    assert settings.kept()
    with read_only(settings_file.parent):
        assert not settings.kept()  # nothing changed: the file cannot take the next change
        settings.output_dir = "/chosen"
        assert not settings.sync()
    assert not settings_file.exists()


def test_the_window_warns_from_the_start_and_the_log_at_quitting(
    make_window, unwritable_settings, caplog
):
    window = make_window(unwritable_settings)
    assert window.warnings.shown() == [not_kept(unwritable_settings)]
    with caplog.at_level(logging.WARNING):
        window.close()
    assert f"settings could not be saved to {unwritable_settings.place()}" in caplog.text


def test_a_change_that_cannot_be_kept_is_warned_of(make_window, app_settings, settings_file):
    window = make_window()
    assert window.warnings.shown() == []
    with read_only(settings_file.parent):
        window.settings_panel.set_output_folder("/chosen")
    assert window.warnings.shown() == [not_kept(app_settings)]


def test_a_settings_file_with_a_damaged_line_is_still_kept(make_window, tmp_path: Path):
    """A line QSettings cannot read (edited by hand, cut short) is a problem of reading: the
    file is written as before, so nothing warns that it is not."""
    settings_file = tmp_path / "damaged" / "rekindle.ini"
    settings_file.parent.mkdir()
    settings_file.write_text("[save]\nauto=false\n[restore\n")
    settings = AppSettings.from_file(settings_file)
    window = make_window(settings)
    assert window.warnings.shown() == []

    window.settings_panel.set_output_folder("/chosen")

    assert window.warnings.shown() == []
    assert settings.sync()
    assert "folder=/chosen" in settings_file.read_text()


def file_state(path: Path) -> tuple[int, int, int] | None:
    """What changes each time the file is written (QSettings writes a new file in its place)."""
    if not path.exists():
        return None
    state = path.stat()
    return state.st_ino, state.st_mtime_ns, state.st_size


def test_moving_a_slider_does_not_write_the_settings_file_at_each_step(
    make_window, qtbot, app_settings: AppSettings, settings_file: Path
):
    """Each step is judged kept without writing the file: QSettings writes what changed once
    the app is idle again."""
    window = make_window()
    slider = window.settings_panel.grain_strength.slider
    states = [file_state(settings_file)]
    for step in range(1, 11):
        slider.setValue(step)
        states.append(file_state(settings_file))

    assert window.warnings.shown() == []
    assert len(set(states)) == 1  # not written while the slider moved
    qtbot.waitUntil(lambda: "grain=0.1\n" in settings_file.read_text())
