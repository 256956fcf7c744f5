"""Manage Models as a finished dialog: sizes as file managers write them, where a model came
from said once (in its column, not again under its name), every button with an icon, a line
saying what the list is, and no empty room under the rows when it opens."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import write_tiny_model
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QStyle

from app.models_dialog import DESCRIPTION_ROLE, ModelsDialog, file_size_text
from app.theme import OutlinedFusion, apply_theme

pytestmark = pytest.mark.usefixtures("builtin_models")


@pytest.fixture
def english() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(before)


@pytest.mark.usefixtures("english")
@pytest.mark.parametrize(
    ("size", "text"),
    [
        (500, "500 bytes"),
        (857_128, "857 kB"),  # a built-in model
        (1_536_000, "1.5 MB"),
        (12_345_678, "12.3 MB"),
        (123_456_789, "123 MB"),
        (3_000_000_000, "3.0 GB"),
    ],
)
def test_sizes_are_written_with_a_decimal_at_most_and_only_under_a_hundred(size, text):
    assert file_size_text(size) == text


@pytest.fixture
def dialog(make_window, qtbot, builtin_models: Path, private_data_dir: Path) -> ModelsDialog:
    """Manage Models, shown, with a built-in model and one of the person's own."""
    write_tiny_model(builtin_models, "faithful-x4", "Faithful ×4")
    write_tiny_model(private_data_dir / "models")
    shown = make_window().model_actions.show_dialog()
    qtbot.addWidget(shown)
    QApplication.processEvents()
    return shown


def test_where_a_model_came_from_is_said_in_its_column_only(dialog: ModelsDialog):
    for row in range(dialog.table.rowCount()):
        description = dialog.table.item(row, 0).data(DESCRIPTION_ROLE)
        origin = dialog.row_texts(row)[4]
        assert origin in ("built-in", "imported")
        assert "built-in" not in description and "your model" not in description


class IconsOnDialogButtons(OutlinedFusion):
    """The app's style giving dialog buttons icons, as it does on Linux desktops."""

    def styleHint(self, hint, option=None, widget=None, data=None):  # noqa: N802
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 1
        return super().styleHint(hint, option, widget, data)


@pytest.fixture
def buttons_with_icons(qapp) -> Iterator[None]:
    qapp.setStyle(IconsOnDialogButtons())
    yield
    apply_theme(qapp)


def test_every_button_has_an_icon_where_the_style_gives_close_one(
    buttons_with_icons: None, dialog: ModelsDialog
):
    assert all(not button.icon().isNull() for button in dialog.buttons.buttons())


def test_no_button_has_an_icon_where_close_has_none(dialog: ModelsDialog):
    assert all(button.icon().isNull() for button in dialog.buttons.buttons())


def test_a_line_above_the_list_says_what_it_is(dialog: ModelsDialog):
    assert dialog.intro.isVisible() and "models folder" in dialog.intro.text()


def test_the_dialog_opens_as_tall_as_its_rows_and_can_be_made_smaller(dialog: ModelsDialog):
    table = dialog.table
    rows = sum(table.rowHeight(row) for row in range(table.rowCount()))
    assert 0 <= table.viewport().height() - rows < table.rowHeight(0)
    assert dialog.minimumSizeHint().height() < dialog.height()
