"""What build.spec leaves out of the bundle and what it must carry for the trainer and for
community models, and the Linux menu entry's categories; checked without building."""

from __future__ import annotations

import configparser
import importlib.machinery
import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.i18n import TRANSLATED
from app.main import COMMAND_LINES
from tests.test_packaging import _Recorder, _spec

REPO = Path(__file__).resolve().parents[1]
MAIN_CATEGORIES = {
    "AudioVideo",
    "Audio",
    "Video",
    "Development",
    "Education",
    "Game",
    "Graphics",
    "Network",
    "Office",
    "Science",
    "Settings",
    "System",
    "Utility",
}
"""The freedesktop.org menu specification's main categories: a menu lists an application once
under each of these it names."""
SELF_TEST_WITHOUT = """
import json, sys

left_out = json.loads(sys.argv[1])


class WithoutLeftOut:
    def __init__(self, finder):
        self.finder = finder

    def __getattr__(self, name):
        return getattr(self.finder, name)

    def find_spec(self, name, path=None, target=None):
        if any(name == module or name.startswith(module + ".") for module in left_out):
            return None
        return self.finder.find_spec(name, path, target)


sys.meta_path[:] = [WithoutLeftOut(finder) for finder in sys.meta_path]
from app.selftest import run_self_test

sys.exit(run_self_test())
"""
"""The self-test in a fresh interpreter that cannot import the modules named in its
argument (JSON), as a bundle cannot import those it left out."""


def test_the_self_test_passes_without_the_modules_the_spec_leaves_out(
    monkeypatch: pytest.MonkeyPatch,
):
    """The self-test restores, trains a few steps and runs a community model. With build.spec's
    excludes out of reach, as in the bundle, it must still pass: the trainer's optimisers
    import torch's compiler stack and sympy beneath it, and leaving parts out broke training."""
    excludes = _spec("linux", monkeypatch)["Analysis"]["excludes"]
    done = subprocess.run(
        [sys.executable, "-c", SELF_TEST_WITHOUT, json.dumps(excludes)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("self-test passed"), done.stdout


def test_the_spec_carries_torchvisions_native_operators(monkeypatch: pytest.MonkeyPatch):
    """torchvision loads its operators (``_C_stable``, which spandrel's networks need) from
    its own folder by path, where no import leads PyInstaller to them."""
    import torchvision

    folder = Path(torchvision.__file__).parent
    native = [
        path
        for path in folder.iterdir()
        if path.name.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))
    ]
    assert any(path.name.startswith("_C") for path in native)
    carried = {
        (Path(source), destination)
        for source, destination in _spec("linux", monkeypatch)["Analysis"]["binaries"]
    }
    for path in native:
        assert (path, "torchvision") in carried, path


def test_the_bundle_carries_qts_own_words_in_the_apps_languages_alone(
    monkeypatch: pytest.MonkeyPatch,
):
    """PyInstaller's Qt hooks collect Qt's catalogues (a message box's Cancel, a text field's
    menu) in every language Qt has; the bundle keeps those the app can show, which
    ``Translation`` loads from Qt's translations folder inside it, and the app's own."""
    from PyInstaller.utils.hooks.qt import pyside6_library_info

    _imports, _binaries, qt_words = pyside6_library_info.collect_module("PySide6.QtCore")
    monkeypatch.setattr(_Recorder, "hooked", qt_words)
    collected = _spec("linux", monkeypatch)["COLLECT"]["args"][-1]
    carried = {Path(inside).name for inside, _source, _kind in collected}
    for language in TRANSLATED:
        assert f"qtbase_{language}.qm" in carried, language
        assert f"rekindle_{language}.qm" in carried, language
    assert "qtbase_de.qm" in {Path(source).name for source, _folder in qt_words}
    assert "qtbase_de.qm" not in carried and "qtbase_zh_TW.qm" not in carried


def test_the_desktop_entry_names_one_main_category():
    """Two main categories put Rekindle twice in the applications menu."""
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(REPO / "packaging/linux/rekindle.desktop", encoding="utf-8")
    categories = entry["Desktop Entry"]["Categories"].strip(";").split(";")
    assert [name for name in categories if name in MAIN_CATEGORIES] == ["Graphics"]
    assert "Photography" in categories


def test_the_spec_collects_the_command_lines_the_app_runs_by_name(
    monkeypatch: pytest.MonkeyPatch,
):
    """``Rekindle engine ...`` runs ``engine.__main__`` by its name (runpy), as ``python -m``
    does: no import statement leads PyInstaller to it, nor from it to ``engine.cli`` and what
    that imports, unless it is a hidden import."""
    hidden = _spec("linux", monkeypatch)["Analysis"]["hiddenimports"]
    for package in COMMAND_LINES:
        assert f"{package}.__main__" in hidden, package


def _make_recipe(target: str) -> list[str]:
    """The commands of ``target`` in the Makefile."""
    lines = (REPO / "Makefile").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{target}:"))
    recipe = []
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        recipe.append(line.strip())
    return recipe


def test_make_package_runs_each_command_line_of_the_bundle():
    """CI builds the bundle with ``make package``: its command lines must start there."""
    recipe = _make_recipe("package")
    for package in COMMAND_LINES:
        assert f"dist/Rekindle/Rekindle {package} --help >/dev/null" in recipe, package
