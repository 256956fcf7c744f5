"""The settings column by keyboard and screen reader: Tab goes down it in the order it is laid
out, each control Tab can reach is named (a typed field by the label above it, in the
language shown), and the line under a typed field is told with it."""

from __future__ import annotations

from itertools import pairwise

import pytest
from gui_helpers import WAIT_MS, open_every_section
from PySide6.QtCore import QCoreApplication, QPoint, QRect, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLabel, QLineEdit, QWidget

from app.i18n import CHINESE
from app.output_size_field import CHOICES, PRINT
from app.settings_panel import SettingsPanel

NAME = QAccessible.Text.Name
DESCRIPTION = QAccessible.Text.Description
MOST_STOPS = 100
"""More Tab stops than the panel has: a walk this long has not come round."""


@pytest.fixture
def panel(qtbot, app_settings, tiny_model) -> SettingsPanel:
    """The panel in a window of its own, shown and active, so Tab moves the focus."""
    panel = SettingsPanel(app_settings)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    panel.activateWindow()
    return panel


def accessible(widget: QWidget) -> QAccessible:
    return QAccessible.queryAccessibleInterface(widget)


def focusable(panel: SettingsPanel) -> list[QWidget]:
    """The panel's widgets that Tab can reach once shown and enabled: not those that hand
    their focus on (to a focus proxy), nor the text line inside a spin box."""
    return [
        widget
        for widget in panel.findChildren(QWidget)
        if widget.window() is panel  # not a drop-down list's popup
        and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        and widget.focusProxy() is None
        and not isinstance(widget.parentWidget(), QAbstractSpinBox)
    ]


def tab_stops(panel: SettingsPanel) -> list[QWidget]:
    """The widgets Tab focuses, from the first one once round the panel."""
    first = panel.model_combo
    first.setFocus(Qt.FocusReason.TabFocusReason)
    stops = [first]
    for _ in range(MOST_STOPS):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        if QApplication.focusWidget() is first:
            return stops
        stops.append(QApplication.focusWidget())
    raise AssertionError(f"Tab did not come round to the first setting in {MOST_STOPS} stops")


def place(widget: QWidget, panel: SettingsPanel) -> QRect:
    return QRect(widget.mapTo(panel, QPoint(0, 0)), widget.size())


def described(widget: QWidget) -> str:
    """Which widget: its class and what a screen reader names it."""
    return f"{type(widget).__name__} {accessible(widget).text(NAME)!r}"


def test_tab_goes_down_the_settings_column_as_laid_out(panel):
    """Each stop is below the one before, or beside it on the same row (its middle no higher
    than the top of the one before): never back up the column."""
    open_every_section(panel)
    panel.scale_combo.setCurrentIndex(CHOICES.index(PRINT))  # the output size's rows show
    panel.address_field.setEnabled(True)  # as with a cluster chosen
    stops = tab_stops(panel)
    shown = [w for w in focusable(panel) if w.isVisible() and w.isEnabled()]
    assert set(stops) == set(shown)
    for previous, stop in pairwise(stops):
        higher = place(stop, panel).center().y() < place(previous, panel).top()
        assert not higher, f"Tab goes up from {described(previous)} to {described(stop)}"


def test_each_control_tab_can_reach_is_named(panel):
    """Hidden ones too (the output size's rows for another choice, a disabled cluster)."""
    unnamed = [described(w) for w in focusable(panel) if not accessible(w).text(NAME).strip()]
    assert unnamed == []


def typed_fields(panel: SettingsPanel) -> list[tuple[QLabel, QLineEdit]]:
    """Each typed field's label, and the line in the field that Tab focuses."""
    return [
        (panel.names_label, panel.names_edit.line),
        (panel.address_label, panel.address_field.edit),
    ]


def test_typed_fields_are_named_by_their_labels_in_the_language_shown(panel, translation, qtbot):
    english = [label.text() for label, _line in typed_fields(panel)]
    for label, line in typed_fields(panel):
        assert label.buddy() is line  # the stop Tab makes, which the label's mnemonic focuses
        assert accessible(line).text(NAME) == label.text() != ""
    translation.apply(CHINESE)
    qtbot.waitUntil(
        lambda: (
            [label.text() for label, _line in typed_fields(panel)]
            == [QCoreApplication.translate("SettingsPanel", text) for text in english]
        ),
        timeout=WAIT_MS,
    )
    for (label, line), text in zip(typed_fields(panel), english, strict=True):
        assert label.text() != text
        assert accessible(line).text(NAME) == label.text()


def test_a_pattern_s_problem_is_told_with_its_field(panel, qtbot):
    line = panel.names_edit.line
    line.selectAll()
    qtbot.keyClicks(line, "{recipe}")
    problem = panel.names_edit.problem.text()
    assert problem.startswith("Not used:")
    assert accessible(line).text(DESCRIPTION) == problem
    qtbot.keyClicks(line, " {stem}")
    assert accessible(line).text(DESCRIPTION) == ""


def test_the_cluster_s_state_is_told_with_its_field(panel):
    field = panel.address_field
    field.ray_missing()
    assert accessible(field.edit).text(DESCRIPTION) == field.status.text() != ""
