"""Programs the packaged app opens (a file manager) get the person's environment, not the one
the bundle's start and its imports made for the app: no bundle folders in the library path or
Qt's plugin and QML paths, none of the bundle's own variables."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QDesktopServices

from app.file_manager import show_folder
from app.launch_environment import give_back_environment, restore_launch_environment

BUNDLE = "/opt/rekindle/_internal"
PERSONS = {"HOME": "/home/me", "PATH": "/usr/bin:/bin", "DISPLAY": ":0"}
STARTED_BUNDLE = {
    "QT_PLUGIN_PATH": f"{BUNDLE}/PySide6/Qt/plugins",
    "QML2_IMPORT_PATH": f"{BUNDLE}/PySide6/Qt/qml",
    "QT_API": "pyside6",
    "PYSIDE6_OPTION_PYTHON_ENUM": "True",
    "_PYI_ARCHIVE_FILE": "/opt/rekindle/Rekindle",
    "_PYI_LINUX_PROCESS_NAME": "rekindle",
    "_PYI_PARENT_PROCESS_LEVEL": "1",
}
"""What a one-folder bundle's start sets besides the library path (tester H6's findings)."""


def import_opencv(environ) -> None:
    """What importing OpenCV does to the library path (cv2/__init__.py)."""
    environ["LD_LIBRARY_PATH"] = f"{BUNDLE}/cv2/../../lib64:" + environ.get("LD_LIBRARY_PATH", "")


def run_as_bundle(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process as the bundle's in /opt/rekindle."""
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", BUNDLE, raising=False)


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    run_as_bundle(monkeypatch)


@pytest.mark.usefixtures("frozen")
def test_at_start_a_bundle_gives_back_the_persons_library_path() -> None:
    environ = {"LD_LIBRARY_PATH": BUNDLE, "LD_LIBRARY_PATH_ORIG": "/home/me/lib"}
    restore_launch_environment(environ)
    assert environ["LD_LIBRARY_PATH"] == "/home/me/lib"


@pytest.mark.usefixtures("frozen")
def test_at_start_a_bundle_started_without_one_leaves_none_and_keeps_qts_paths() -> None:
    environ = {"LD_LIBRARY_PATH": BUNDLE, **PERSONS, **STARTED_BUNDLE}
    restore_launch_environment(environ)
    assert environ == {**PERSONS, **STARTED_BUNDLE}  # the application is not made yet


@pytest.mark.usefixtures("frozen")
def test_a_launch_gets_the_environment_the_person_started_the_bundle_with() -> None:
    environ = {"LD_LIBRARY_PATH": BUNDLE, **PERSONS, **STARTED_BUNDLE}
    restore_launch_environment(environ)
    import_opencv(environ)
    give_back_environment(environ)
    assert environ == PERSONS


@pytest.mark.usefixtures("frozen")
def test_the_persons_own_folders_stay_in_the_lists() -> None:
    kept = {"LD_LIBRARY_PATH_ORIG": "/home/me/lib", "QT_PLUGIN_PATH": "/home/me/plugins"}
    environ = {"LD_LIBRARY_PATH": f"{BUNDLE}:/home/me/lib", **kept}
    restore_launch_environment(environ)
    import_opencv(environ)
    environ["QT_PLUGIN_PATH"] = f"{BUNDLE}/PySide6/Qt/plugins:/home/me/plugins"
    give_back_environment(environ)
    assert environ == {"LD_LIBRARY_PATH": "/home/me/lib", "QT_PLUGIN_PATH": "/home/me/plugins"}
    import_opencv(environ)  # an import after the first launch: the next one cleans up again
    give_back_environment(environ)
    assert environ["LD_LIBRARY_PATH"] == "/home/me/lib"


def test_from_source_nothing_changes() -> None:
    environ = {"LD_LIBRARY_PATH": "/home/me/lib", **STARTED_BUNDLE}
    restore_launch_environment(environ, frozen=False)
    give_back_environment(environ, frozen=False)
    assert environ == {"LD_LIBRARY_PATH": "/home/me/lib", **STARTED_BUNDLE}


def start_bundle(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process as the bundle's, its environment as the bundle's start and imports leave
    it (each variable put back after the test). Set once the window is made: the window finds
    its resources in the bundle's folder."""
    run_as_bundle(monkeypatch)
    monkeypatch.delenv("LD_LIBRARY_PATH_ORIG", raising=False)
    monkeypatch.setenv("LD_LIBRARY_PATH", BUNDLE)
    for name, value in STARTED_BUNDLE.items():
        monkeypatch.setenv(name, value)
    restore_launch_environment()
    import_opencv(os.environ)


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, str]]:
    """Stands in for the desktop: the environment each program opened would have started with."""
    environments: list[dict[str, str]] = []

    def open_url(url) -> bool:
        environments.append(dict(os.environ))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    return environments


def bundle_variables(environment: dict[str, str]) -> dict[str, str]:
    """The variables of ``environment`` that only the bundle sets, or that name its folders."""
    return {
        name: value
        for name, value in environment.items()
        if name in STARTED_BUNDLE or name.startswith("_PYI_") or BUNDLE in value
    }


def test_a_folder_shown_opens_with_the_persons_environment(
    qapp, monkeypatch: pytest.MonkeyPatch, launched: list[dict[str, str]], tmp_path: Path
):
    start_bundle(monkeypatch)
    plugin_folders = QCoreApplication.libraryPaths()
    assert show_folder(tmp_path)
    [environment] = launched
    assert bundle_variables(environment) == {} and "LD_LIBRARY_PATH" not in environment
    assert QCoreApplication.libraryPaths() == plugin_folders  # the app's own Qt is unchanged


@pytest.mark.parametrize("launch", ["output folder", "models folder"])
def test_the_windows_folders_open_with_the_persons_environment(
    make_window, monkeypatch: pytest.MonkeyPatch, launched: list[dict[str, str]], launch: str
):
    window = make_window()
    start_bundle(monkeypatch)
    if launch == "output folder":
        window.output_folder_action.trigger()
    else:
        window.settings_panel.open_models_folder()
    [environment] = launched
    assert bundle_variables(environment) == {}
