"""Draw Rekindle's application icon into resources/icons/ (PNG, Windows .ico, macOS .icns).

The icon is the app's ember glyph on a dark rounded tile, so the window, the desktop entry and
the installers all show the same picture. Run it again after changing the look:

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import qtawesome as qta
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter, QPainterPath
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.theme import ACCENT  # noqa: E402  (after the path is set)

ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
CORNER = 0.22  # of the side
MARGIN = 0.06  # of the side, left transparent around the tile


def draw(side: int) -> QImage:
    image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    margin = side * MARGIN
    tile = QRectF(margin, margin, side - 2 * margin, side - 2 * margin)
    shade = QLinearGradient(tile.topLeft(), tile.bottomRight())
    shade.setColorAt(0.0, QColor("#3a2a22"))
    shade.setColorAt(1.0, QColor("#15110f"))
    outline = QPainterPath()
    outline.addRoundedRect(tile, side * CORNER, side * CORNER)
    painter.fillPath(outline, shade)
    glyph_side = round(tile.width() * 0.95)
    glyph = qta.icon("mdi6.fire", color=ACCENT).pixmap(glyph_side, glyph_side)
    offset = (side - glyph_side) / 2
    painter.drawPixmap(round(offset), round(offset), glyph)
    painter.end()
    return image


def main() -> int:
    QApplication.instance() or QApplication([])
    ICONS.mkdir(parents=True, exist_ok=True)
    images = {side: draw(side) for side in SIZES}
    for side in (32, 64, 128, 256, 512):
        images[side].save(str(ICONS / f"rekindle-{side}.png"))
    # Qt's icon writers store one picture per file; Windows and macOS scale it as needed.
    images[256].save(str(ICONS / "rekindle.ico"))
    images[512].save(str(ICONS / "rekindle.icns"))
    print(f"icons written to {ICONS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
