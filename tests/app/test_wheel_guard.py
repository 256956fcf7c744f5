"""The mouse wheel over the settings column scrolls it: the slider, combo box or spin box under
the pointer changes only once the person has clicked or tabbed into it."""

from __future__ import annotations

import pytest
from gui_helpers import open_every_section
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from app.screen_fit import ColumnScroll
from app.settings_panel import SettingsPanel

NOTCH = QPoint(0, -120)
"""One notch of a mouse wheel turned towards the person (down the column)."""
COLUMN_HEIGHT = 300
"""Lower than the panel: the column scrolls."""
CONTROLS = ("slider", "combo", "spin")


@pytest.fixture
def column(qtbot, app_settings, tiny_model) -> ColumnScroll:
    """The settings panel in its scrolling column, every section open, shown and active,
    scrolled to the top."""
    panel = SettingsPanel(app_settings)
    open_every_section(panel)
    column = ColumnScroll(panel)
    qtbot.addWidget(column)
    column.resize(column.sizeHint().width(), COLUMN_HEIGHT)
    column.show()
    qtbot.waitExposed(column)
    column.activateWindow()
    qtbot.waitUntil(column.isActiveWindow)
    return column


def _panel(column: ColumnScroll) -> SettingsPanel:
    return column.widget()


def _control(panel: SettingsPanel, kind: str) -> QWidget:
    """A slider, a combo box or a spin box of the panel."""
    return {
        "slider": panel.grain_strength.slider,
        "combo": panel.scale_combo,
        "spin": panel.tile_spin,
    }[kind]


def _value(control: QWidget) -> int:
    return control.currentIndex() if isinstance(control, QComboBox) else control.value()


def _midway(control: QWidget) -> None:
    """Set ``control`` halfway, where the wheel can move it either way."""
    if isinstance(control, QComboBox):
        control.setCurrentIndex(control.count() // 2)
    else:
        control.setValue((control.minimum() + control.maximum()) // 2)


def _wheel_over(column: ColumnScroll, control: QWidget) -> None:
    """Turn the wheel a notch with the pointer over ``control``'s middle, as the window
    system would."""
    where = control.mapTo(column, control.rect().center())
    QTest.wheelEvent(column.windowHandle(), where, NOTCH)
    QApplication.processEvents()


def _in_sight(column: ColumnScroll, kind: str) -> QWidget:
    """The control of ``kind`` set halfway and scrolled into sight, the column still able to
    scroll down."""
    control = _control(_panel(column), kind)
    _midway(control)
    column.ensureWidgetVisible(control)
    QApplication.processEvents()
    bar = column.verticalScrollBar()
    assert bar.value() < bar.maximum()
    return control


@pytest.mark.parametrize("kind", CONTROLS)
def test_the_wheel_over_an_unfocused_control_scrolls_the_column(column, kind):
    control = _in_sight(column, kind)
    before, scrolled = _value(control), column.verticalScrollBar().value()
    _wheel_over(column, control)
    assert _value(control) == before
    assert not control.hasFocus()  # the wheel gives it no focus either
    assert column.verticalScrollBar().value() > scrolled


@pytest.mark.parametrize("kind", CONTROLS)
def test_the_wheel_over_a_control_with_focus_changes_it(column, kind):
    control = _in_sight(column, kind)
    control.setFocus(Qt.FocusReason.MouseFocusReason)
    before, scrolled = _value(control), column.verticalScrollBar().value()
    _wheel_over(column, control)
    assert _value(control) != before
    assert column.verticalScrollBar().value() == scrolled
