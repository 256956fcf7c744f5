"""Help > About as a desktop app's: the name and version, what Rekindle does in a sentence,
its copyright and licence (the one pyproject.toml declares), and the libraries it is built
with at the versions running it; the models' training records folded away under Model
details until asked for."""

from __future__ import annotations

import platform
import tomllib
from pathlib import Path

import av
import cv2
import numpy
import PIL
import PySide6
import pytest
import torch
from gui_helpers import write_tiny_model
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QApplication, QLabel

from app import __version__
from app.about import AboutDialog
from engine.library.catalog import available_models

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"
LICENCES = {"GPL-2.0-or-later": "GNU General Public License, version 2 or later"}
"""The licence pyproject.toml declares, as the About box names it."""


@pytest.fixture
def about(qtbot, builtin_models: Path) -> AboutDialog:
    write_tiny_model(builtin_models, "faithful-x4", "Faithful ×4")
    dialog = AboutDialog(available_models())
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    return dialog


def shown_texts(dialog: AboutDialog) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel) if label.isVisible())


def test_about_names_the_app_and_says_what_it_does_in_a_sentence(about: AboutDialog):
    assert f"Rekindle {__version__}" in about.title.text()
    assert about.summary.text().endswith(".") and "photos and films" in about.summary.text()
    assert "network" not in about.summary.text()


def test_about_gives_the_copyright_and_the_licence_pyproject_declares(about: AboutDialog):
    declared = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["license"]
    assert LICENCES[declared] in about.licence.text()
    assert about.copyright.text().startswith("Copyright ©")


def test_about_credits_the_libraries_at_the_versions_running_it(about: AboutDialog):
    credits = about.credits.text()
    versions = {
        "Qt": qVersion(),
        "PySide6": PySide6.__version__,
        "PyTorch": torch.__version__,
        "OpenCV": cv2.__version__,
        "FFmpeg": av.ffmpeg_version_info,
        "PyAV": av.__version__,
        "Pillow": PIL.__version__,
        "NumPy": numpy.__version__,
        "Python": platform.python_version(),
    }
    for name, version in versions.items():
        assert f"{name} {version}" in credits


def test_the_training_records_show_only_when_model_details_are_unfolded(about: AboutDialog):
    assert not about.models_table.isVisible()
    assert "PSNR" not in shown_texts(about)
    folded = about.height()
    about.models_button.setChecked(True)
    QApplication.processEvents()
    assert about.models_table.isVisible() and about.models_table.rowCount() == 1
    assert about.height() > folded
    about.models_button.setChecked(False)
    QApplication.processEvents()
    assert not about.models_table.isVisible() and about.height() == folded
