"""Fixtures for the app's tests: private settings, a tiny model in the user models folder,
small synthetic photos, and windows that are closed (their threads stopped) afterwards."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from gui_helpers import write_photo, write_tiny_model
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QStatusBar

from app import theme
from app.i18n import Translation
from app.main_window import MainWindow
from app.run_bars import RunBars
from app.settings import AppSettings


@pytest.fixture(scope="session", autouse=True)
def themed_app(qapp: QApplication) -> QApplication:
    theme.apply_theme(qapp)
    return qapp


@pytest.fixture(autouse=True)
def private_qsettings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Any QSettings made with the default constructor lands in a temporary folder."""
    folder = tmp_path_factory.mktemp("qsettings")
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "settings" / "rekindle.ini"


@pytest.fixture
def app_settings(settings_file: Path, tmp_path: Path) -> AppSettings:
    settings = AppSettings.from_file(settings_file)
    settings.output_dir = str(tmp_path / "restored")
    settings.auto_save = False  # the tests save by hand, but those of saving at once
    return settings


@pytest.fixture
def tiny_model(private_data_dir: Path, builtin_models: Path) -> Path:
    """The tiny 4x model, in the user models folder so the app lists it: the only model, since
    the built-in folder is an empty one (tests using it expect Tiny to be the one chosen)."""
    return write_tiny_model(private_data_dir / "models")


@pytest.fixture
def photos(tmp_path: Path) -> Callable[..., Path]:
    """Writes a synthetic photo under the test's folder: ``photos("a.png", 40, 30)``."""

    def make(name: str, width: int = 40, height: int = 30, seed: int = 0) -> Path:
        return write_photo(tmp_path / "photos" / name, width, height, seed)

    return make


@pytest.fixture
def make_window(qtbot, app_settings: AppSettings) -> Iterator[Callable[..., MainWindow]]:
    """Builds shown main windows; closes them (stopping their threads) at the end."""
    windows: list[MainWindow] = []

    def make(settings: AppSettings | None = None, **options) -> MainWindow:
        window = MainWindow(settings or app_settings, confirm_close=False, **options)
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


@pytest.fixture
def translation(qapp: QApplication) -> Iterator[Translation]:
    """The app's translators; English again afterwards."""
    translation = Translation(qapp)
    yield translation
    translation.apply("en")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of the test's own, beside the drives' mount points."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.setenv("USERPROFILE", str(folder))
    return folder


@pytest.fixture
def runtime_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private XDG_RUNTIME_DIR of the test's own, short enough for a socket's path."""
    folder = tmp_path_factory.mktemp("run")
    folder.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    return folder


@pytest.fixture
def judged(monkeypatch) -> list[MainWindow]:
    """The windows whose actions are judged from now on, once per judgement."""
    judged: list[MainWindow] = []
    real = MainWindow._update_actions

    def counting(window: MainWindow) -> None:
        judged.append(window)
        real(window)

    monkeypatch.setattr(MainWindow, "_update_actions", counting)
    return judged


@pytest.fixture
def bars(qtbot) -> Iterator[RunBars]:
    """The run's progress bars in a status bar of their own, a run going on."""
    status_bar = QStatusBar()  # held here while the test runs: it owns the bars
    qtbot.addWidget(status_bar)
    status_bar.show()
    bars = RunBars(status_bar)
    bars.set_running(True)
    yield bars
