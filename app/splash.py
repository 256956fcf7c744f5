"""The picture shown the moment Rekindle starts, while the window's modules load.

Loading torch and the networks takes seconds on a laptop; without it a double-click shows
nothing for that long and people click again. It holds only the icon, the name and the
version, so it needs neither translations nor the settings' module (both wait on those
modules); it is drawn in the application's palette, of the theme chosen
(``create_application`` reads that alone from the settings).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QSplashScreen

from app import APPLICATION, __version__, theme

ICON_SIDE = 128
CARD_WIDTH = 320
CARD_HEIGHT = 240


def splash_picture(palette: QPalette, ratio: float) -> QPixmap:
    """The card: the icon above the name and version, in the palette's window colours."""
    picture = QPixmap(round(CARD_WIDTH * ratio), round(CARD_HEIGHT * ratio))
    picture.setDevicePixelRatio(ratio)
    picture.fill(palette.color(QPalette.ColorRole.Window))
    painter = QPainter(picture)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(palette.color(QPalette.ColorRole.Mid)))
    painter.drawRect(QRect(0, 0, CARD_WIDTH - 1, CARD_HEIGHT - 1))
    icon_left = (CARD_WIDTH - ICON_SIDE) // 2
    theme.app_icon().paint(painter, QRect(icon_left, 28, ICON_SIDE, ICON_SIDE))
    painter.setPen(palette.color(QPalette.ColorRole.WindowText))
    name_font = QFont(painter.font())
    name_font.setPointSizeF(name_font.pointSizeF() * 1.6)
    name_font.setBold(True)
    painter.setFont(name_font)
    painter.drawText(QRect(0, 164, CARD_WIDTH, 36), Qt.AlignmentFlag.AlignCenter, APPLICATION)
    painter.setFont(QFont(painter.font().family()))
    painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
    painter.drawText(QRect(0, 200, CARD_WIDTH, 24), Qt.AlignmentFlag.AlignCenter, __version__)
    painter.end()
    return picture


def show_splash(app: QApplication) -> QSplashScreen:
    """Shows the card at once and lets it paint before the slow imports begin."""
    screen = QGuiApplication.primaryScreen()
    ratio = screen.devicePixelRatio() if screen is not None else 1.0
    splash = QSplashScreen(splash_picture(app.palette(), ratio))
    splash.show()
    app.processEvents()
    return splash
