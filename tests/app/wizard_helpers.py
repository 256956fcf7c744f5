"""Helpers for the training wizard's tests: a few small real photos, tiny presets that train
in seconds, a built-in model folder of our own, and driving the wizard page by page."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import cv2
from PySide6.QtWidgets import QWizard

from app.wizard.wizard import TrainingWizard
from tests.conftest import photo_path
from training.config import TrainingConfig

CROP = 64
PHOTO_SIZE = (240, 160)
WAIT_MS = 60_000

TINY = TrainingConfig(
    width=8,
    depth=1,
    convs=1,
    up_width=8,
    disc_width=8,
    disc_depth=2,
    batch=2,
    patch=32,
    warmup_steps=2,
    steps=4,
    validate_every=3,
    checkpoint_every=3,
)
ENDLESS = replace(TINY, steps=1_000_000, validate_every=50, checkpoint_every=25)
"""Trains until stopped: for pausing, stopping and closing mid-run."""


def small_photos(folder: Path, count: int = 3) -> Path:
    """``count`` Kodak photos shrunk to 240x160, the largest side a few crops fit in."""
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        image = cv2.imread(str(photo_path(index)))
        small = cv2.resize(image, PHOTO_SIZE, interpolation=cv2.INTER_AREA)
        cv2.imwrite(str(folder / f"photo{index}.png"), small)
    return folder


def choose_folder(qtbot, wizard: TrainingWizard, folder: Path) -> None:
    """Choose ``folder`` on the first page and, once it is scanned, go to the second."""
    wizard.source_page.set_folder(folder)
    qtbot.waitUntil(wizard.source_page.isComplete, timeout=WAIT_MS)
    wizard.next()
    assert wizard.currentPage() is wizard.preparation_page


def prepare_pairs(qtbot, wizard: TrainingWizard, folder: Path) -> None:
    """Choose ``folder``, go to the second page and make the pairs."""
    choose_folder(qtbot, wizard, folder)
    page = wizard.preparation_page
    page.prepare_button.click()
    qtbot.waitUntil(page.isComplete, timeout=WAIT_MS)


def start_training(qtbot, wizard: TrainingWizard, folder: Path) -> None:
    prepare_pairs(qtbot, wizard, folder)
    wizard.next()
    assert wizard.currentPage() is wizard.training_page


def finish_button(wizard: TrainingWizard):
    return wizard.button(QWizard.WizardButton.FinishButton)
