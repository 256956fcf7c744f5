"""The QApplication with Rekindle's names, icon and theme: the window and the window check
both start from it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from app import APPLICATION, ORGANIZATION, __version__, theme


def create_application(argv: Sequence[str]) -> QApplication:
    """The QApplication with Rekindle's names, icon, and the theme chosen in its settings
    (Interface > Theme), from the start: the splash and the window check show in it too."""
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(list(argv))
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(theme.app_icon())
    app.setProperty(theme.LOOK_PROPERTY, theme.stored_look())
    theme.follow_system_theme(app)
    return app
