"""The training wizard's "How to train" page: Tab goes through it in its reading order (the
training length, then the options, then Prepare), and the page opens with focus on the
training length chosen, though its buttons are made after the rest of the page."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from wizard_helpers import CROP, TINY, choose_folder, small_photos

from app.wizard.preparation_page import PreparationPage

pytestmark = pytest.mark.usefixtures("builtin_models")  # none: the run starts from scratch
PRESETS = {"quick": TINY, "standard": TINY, "thorough": TINY}


def _focus_chain(page: PreparationPage) -> list[QWidget]:
    """The page's widgets that take focus, in its window's focus chain from the page on."""
    chain: list[QWidget] = []
    widget = page.nextInFocusChain()
    while widget is not page:
        if page.isAncestorOf(widget) and widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def _tab_through(page: PreparationPage) -> list[QWidget]:
    """Where each press of Tab puts the focus, until it leaves ``page``."""
    reached: list[QWidget] = []
    while True:
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        if not page.isAncestorOf(focused):
            return reached
        reached.append(focused)


@pytest.fixture
def page(make_window, qtbot, tmp_path: Path) -> PreparationPage:
    """The "How to train" page, just reached with Next."""
    wizard = make_window().open_training_wizard(presets=PRESETS, crop=CROP)
    wizard.activateWindow()
    choose_folder(qtbot, wizard, small_photos(tmp_path / "album"))
    return wizard.preparation_page


def test_the_focus_chain_follows_the_pages_reading_order(page: PreparationPage):
    assert _focus_chain(page) == [
        *page.presets.buttons(),
        *page.scale_buttons.values(),
        page.degrade_box,
        page.builtin_button,
        page.scratch_button,
        page.prepare_button,
    ]


def test_the_page_opens_on_the_length_chosen_and_tab_goes_on_to_the_options(
    page: PreparationPage,
):
    chosen = page.presets.checkedButton()
    assert chosen is not page.presets.buttons()[0]  # the recommended length, not the first
    assert QApplication.focusWidget() is chosen
    assert _tab_through(page) == [
        page.scale_buttons[4],  # a group of choices is one stop, at the one checked
        page.degrade_box,
        page.scratch_button,  # no built-in model to start from
        page.prepare_button,
    ]
