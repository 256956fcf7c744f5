"""The training wizard's Options: each row's label sits level with the text of its first
control (the first choice of a column of choices), in either language, also after the
language changes."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from app.i18n import CHINESE, ENGLISH
from app.wizard.preparation_page import PreparationPage
from app.wizard.wizard import SIZE

LANGUAGES = [[ENGLISH], [CHINESE], [ENGLISH, CHINESE], [CHINESE, ENGLISH]]
"""The page made in the first language, then shown in each of the others."""


@pytest.fixture(params=LANGUAGES, ids="-then-".join)
def page(qtbot, translation, request: pytest.FixtureRequest) -> PreparationPage:
    """The page as wide as the wizard's designed width, its rows beside their labels."""
    first, *then = request.param
    translation.apply(first)
    page = PreparationPage()
    qtbot.addWidget(page)
    page.resize(*SIZE)
    page.show()
    for language in then:
        translation.apply(language)
    for _ in range(3):  # the layouts react to the new texts, then to the controls' new heights
        QApplication.processEvents()
    return page


def middle(widget: QWidget, page: QWidget) -> float:
    """The height of ``widget``'s middle on ``page``, where its text's middle is (a label's
    and a button's text are centred up and down)."""
    rect = widget.geometry()
    return widget.parentWidget().mapTo(page, rect.topLeft()).y() + rect.height() / 2


def test_each_option_label_is_level_with_its_first_choice(page: PreparationPage):
    rows = [
        (page.scale_label, page.scale_buttons[4]),
        (page.damage_label, page.degrade_box),
        (page.start_label, page.builtin_button),
    ]
    for label, first in rows:
        assert abs(middle(label, page) - middle(first, page)) <= 1, label.text()
