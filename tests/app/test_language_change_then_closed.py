"""A language change makes widgets measure themselves again on the next turn of the event
loop; a widget closed and deleted before that turn must not be measured (it raised "Internal
C++ object already deleted" in whatever test came next)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QWidget

from app.eliding_combo import ElidingComboBox
from app.settings_panel import SettingsPanel


def _deleted_after_a_language_change(widget: QWidget) -> None:
    QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.mark.parametrize(
    "make", [lambda settings: SettingsPanel(settings), lambda _: ElidingComboBox()]
)
def test_a_widget_deleted_after_a_language_change_is_not_measured(qtbot, app_settings, make):
    widget = make(app_settings)
    _deleted_after_a_language_change(widget)
    qtbot.wait(20)  # pytest-qt fails the test on an exception raised in the event loop
