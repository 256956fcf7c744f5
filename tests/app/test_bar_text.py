"""A name with "%" in it shows in a progress bar as it is: Qt would put numbers in its place."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QProgressBar

from app.bar_text import WORD_JOINER, in_bar


@pytest.mark.parametrize("name", ["100%vintage.jpg", "50%p off.png", "%m%v.tif"])
def test_a_name_with_percent_signs_shows_unchanged_in_a_bar(qtbot, name):
    bar = QProgressBar()
    qtbot.addWidget(bar)
    bar.setRange(0, 10)
    bar.setValue(3)
    bar.setFormat(f"%p% · {in_bar(name)}")
    assert bar.text().replace(WORD_JOINER, "") == f"30% · {name}"
