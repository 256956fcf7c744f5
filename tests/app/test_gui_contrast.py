"""The colours the app draws with read well on both themes (WCAG 2.1 AA: 4.5:1 for text, 3:1
for what is not text), a selected queue row's secondary text included, and where the system
asks for high contrast the app leaves the system's own palette alone."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessibilityHints, QColor, QPalette
from PySide6.QtWidgets import QApplication
from test_gui_focus_and_contrast import PALETTES, contrast

from app import theme
from app.item_status import ItemStatus
from app.photo_queue import QueueItem
from app.queue_row import Part
from app.queue_view import QueueDelegate

Role = QPalette.ColorRole
TEXT, NON_TEXT = 4.5, 3.0

TEXT_ON_GROUND = [
    (Role.WindowText, Role.Window),
    (Role.Text, Role.Base),
    (Role.Text, Role.AlternateBase),
    (Role.ButtonText, Role.Button),
    (Role.HighlightedText, Role.Highlight),
    (Role.ToolTipText, Role.ToolTipBase),
    (Role.PlaceholderText, Role.Base),
    (Role.PlaceholderText, Role.AlternateBase),
    (Role.PlaceholderText, Role.Window),  # the queue's count, for one
    (Role.Link, Role.Window),
    (Role.Link, Role.Base),
    (Role.LinkVisited, Role.Window),
    (Role.LinkVisited, Role.Base),
]
"""Each palette text colour, on the backgrounds the app draws it on."""


def _rgb(color: QColor) -> np.ndarray:
    return np.array([color.red(), color.green(), color.blue()])


def _shown(color: QColor, ground: QColor) -> np.ndarray:
    """``color`` as drawn at its opacity on ``ground``, 8 bits a channel."""
    alpha = color.alphaF()
    return np.round(alpha * _rgb(color) + (1 - alpha) * _rgb(ground))


@pytest.fixture(params=list(PALETTES))
def palette(request) -> QPalette:
    return PALETTES[request.param]()


@pytest.mark.parametrize(("text", "ground"), TEXT_ON_GROUND, ids=lambda r: r.name)
def test_palette_text_reads_at_4_5_to_1(palette: QPalette, text, ground):
    assert contrast(_rgb(palette.color(text)), palette.color(ground)) >= TEXT


@pytest.mark.parametrize("kind", ["success", "failure"])
@pytest.mark.parametrize("ground", [Role.Window, Role.Base], ids=lambda r: r.name)
def test_status_text_reads_at_4_5_to_1(palette: QPalette, kind: str, ground):
    color = theme.status_color(kind, palette)
    assert contrast(_rgb(color), palette.color(ground)) >= TEXT


@pytest.mark.parametrize("ground", [Role.Window, Role.Base], ids=lambda r: r.name)
def test_the_accent_stands_out_at_3_to_1(palette: QPalette, ground):
    """A queue row's progress is the accent filling a track of the field colour."""
    assert contrast(_rgb(theme.accent_color(palette)), palette.color(ground)) >= NON_TEXT


def test_the_dark_theme_keeps_the_brand_accent():
    assert theme.accent_color(theme.dark_palette()) == QColor(theme.ACCENT)


@pytest.mark.parametrize("selected", [False, True], ids=["plain", "selected"])
def test_a_queue_row_s_size_and_hint_read_at_4_5_to_1_and_stay_secondary(
    palette: QPalette, selected: bool
):
    item = QueueItem(Path("a.png"), status=ItemStatus.READY)
    colors = QueueDelegate._colors(item, palette, selected)
    ground = palette.color(Role.Highlight if selected else Role.Base)
    for part in (Part.SIZE, Part.HINT):
        assert contrast(_shown(colors[part], ground), ground) >= TEXT, part
        assert colors[part].alphaF() < 1, part  # fainter than the name
    assert colors[Part.NAME].alphaF() == 1


@pytest.fixture
def restore_palette(qapp: QApplication):
    saved = QPalette(qapp.palette())
    yield
    qapp.setPalette(saved)


def _prefer_high_contrast(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        QAccessibilityHints,
        "contrastPreference",
        lambda _hints: Qt.ContrastPreference.HighContrast,
    )


def _leaves_the_system_palette(qapp: QApplication) -> bool:
    """Whether the app's palette sets no colour of its own (the system's shows through)."""
    window = qapp.palette().color(Role.Window)
    own = [PALETTES[name]().color(Role.Window) for name in PALETTES]
    return qapp.palette().resolveMask() == 0 and window not in own


@pytest.mark.parametrize("light", [True, False])
def test_high_contrast_asked_for_leaves_the_system_palette(
    qapp, monkeypatch, restore_palette, light
):
    monkeypatch.setattr(theme, "system_prefers_light", lambda: light)
    _prefer_high_contrast(monkeypatch)
    theme.apply_theme(qapp)
    assert isinstance(qapp.style(), theme.OutlinedFusion)
    assert _leaves_the_system_palette(qapp)


def test_the_theme_follows_the_system_s_contrast_preference_as_it_changes(
    qapp, monkeypatch, restore_palette
):
    theme.follow_system_theme(qapp)
    assert not _leaves_the_system_palette(qapp)
    _prefer_high_contrast(monkeypatch)
    hints = qapp.styleHints()  # kept: PySide drops the accessibility hints with it
    hints.accessibility().contrastPreferenceChanged.emit(Qt.ContrastPreference.HighContrast)
    assert _leaves_the_system_palette(qapp)
