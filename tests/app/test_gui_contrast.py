"""The colours the app draws with read well on both themes and their high-contrast palettes
(WCAG 2.1 AA: 4.5:1 for text, 3:1 for what is not text), a selected queue row's secondary text
and progress bar included; where the system asks for high contrast the app leaves the system's
own palette alone where it reads at least as well as the app's, else uses its own
high-contrast palette (never one that reads worse)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QAccessibilityHints, QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication
from test_gui_focus_and_contrast import PALETTES, contrast

from app import theme
from app.item_status import ItemStatus
from app.photo_queue import QueueItem
from app.queue_row import BAR_HEIGHT, Part
from app.queue_view import QueueDelegate

Role = QPalette.ColorRole
Group = QPalette.ColorGroup
TEXT, NON_TEXT = 4.5, 3.0
HIGH_CONTRAST_TEXT = 7.0
"""WCAG AAA (1.4.6): what the high-contrast palettes' texts reach."""
ALL_PALETTES = {
    **PALETTES,
    "high contrast dark": lambda: theme.high_contrast_palette(light=False),
    "high contrast light": lambda: theme.high_contrast_palette(light=True),
}

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
DISABLED_ON_GROUND = [
    (Role.WindowText, Role.Window),
    (Role.Text, Role.Base),
    (Role.ButtonText, Role.Button),
]


def _rgb(color: QColor) -> np.ndarray:
    return np.array([color.red(), color.green(), color.blue()])


def _shown(color: QColor, ground: QColor) -> np.ndarray:
    """``color`` as drawn at its opacity on ``ground``, 8 bits a channel."""
    alpha = color.alphaF()
    return np.round(alpha * _rgb(color) + (1 - alpha) * _rgb(ground))


@pytest.fixture(params=list(ALL_PALETTES))
def palette(request) -> QPalette:
    return ALL_PALETTES[request.param]()


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


@pytest.mark.parametrize("selected", [False, True], ids=["plain", "selected"])
def test_a_queue_row_s_progress_stands_3_to_1_apart_from_its_track(
    palette: QPalette, selected: bool
):
    """As drawn on the row: the fill (40 % of the bar) and the track after it (on the light
    theme's selected row, both were white)."""
    image = QImage(200, 20, QImage.Format.Format_RGB32)
    image.fill(palette.color(Role.Highlight if selected else Role.Base))
    painter = QPainter(image)
    QueueDelegate._paint_bar(painter, QRectF(10, 8, 180, BAR_HEIGHT), 0.4, palette, selected)
    painter.end()
    middle = 8 + BAR_HEIGHT // 2
    fill, track = image.pixelColor(40, middle), image.pixelColor(160, middle)
    assert contrast(_rgb(fill), track) >= NON_TEXT


def _ratios(palette: QPalette) -> list[float]:
    """The contrast of each text on its ground, enabled and disabled, as drawn."""
    pairs = [(Group.Active, *pair) for pair in TEXT_ON_GROUND]
    pairs += [(Group.Disabled, *pair) for pair in DISABLED_ON_GROUND]
    ratios = []
    for group, text, ground in pairs:
        under = palette.color(group, ground)
        ratios.append(float(contrast(_shown(palette.color(group, text), under), under)))
    return ratios


@pytest.mark.parametrize("light", [False, True], ids=["dark", "light"])
def test_the_high_contrast_palettes_read_better_than_the_everyday_ones(light: bool):
    strong = _ratios(theme.high_contrast_palette(light))
    everyday = _ratios(theme.light_palette() if light else theme.dark_palette())
    assert all(mine >= theirs for mine, theirs in zip(strong, everyday, strict=True))
    assert min(strong[: len(TEXT_ON_GROUND)]) >= HIGH_CONTRAST_TEXT
    assert min(strong[len(TEXT_ON_GROUND) :]) >= TEXT


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


def _contrast_palette() -> QPalette:
    """A contrast theme as a system gives one (Windows' Night Sky, say): white on black, its
    links 6.4:1 (the app's dark theme's are 8.4:1), placeholder text the text at half opacity."""
    palette = QPalette()
    for role in (Role.Window, Role.Base, Role.AlternateBase, Role.Button, Role.ToolTipBase):
        palette.setColor(role, QColor("#000000"))
    for role in (Role.WindowText, Role.Text, Role.ButtonText, Role.ToolTipText):
        palette.setColor(role, QColor("#ffffff"))
    palette.setColor(Role.PlaceholderText, QColor(255, 255, 255, 128))
    palette.setColor(Role.Highlight, QColor("#d6b4fd"))
    palette.setColor(Role.HighlightedText, QColor("#2b2b2b"))
    palette.setColor(Role.Link, QColor("#8080ff"))
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(Group.Disabled, role, QColor("#a6a6a6"))
    return palette


@pytest.mark.parametrize("light", [True, False], ids=["light", "dark"])
def test_a_system_contrast_palette_is_kept_where_it_reads_as_well(light: bool):
    everyday = theme.light_palette() if light else theme.dark_palette()
    assert theme.reads_at_least_as_well(_contrast_palette(), everyday)


def test_fusion_s_standard_palette_reads_worse_than_the_app_s(qapp: QApplication):
    """What a platform without a contrast palette of its own leaves (Linux's portal)."""
    standard = qapp.style().standardPalette()
    for everyday in (theme.dark_palette(), theme.light_palette()):
        assert not theme.reads_at_least_as_well(standard, everyday)


@pytest.mark.parametrize("light", [True, False], ids=["light", "dark"])
def test_high_contrast_asked_for_leaves_a_system_palette_that_reads_as_well(
    qapp, monkeypatch, restore_palette, light
):
    monkeypatch.setattr(theme, "system_prefers_light", lambda: light)
    monkeypatch.setattr(theme, "reads_at_least_as_well", lambda _system, _own: True)
    _prefer_high_contrast(monkeypatch)
    theme.apply_theme(qapp)
    assert isinstance(qapp.style(), theme.OutlinedFusion)
    assert _leaves_the_system_palette(qapp)


@pytest.mark.parametrize("light", [True, False], ids=["light", "dark"])
def test_high_contrast_asked_for_never_reads_worse_than_the_app_s_palette(
    qapp, monkeypatch, restore_palette, light
):
    """Here the system gives Fusion's standard palette (3.7:1 selected text, 1.9:1 disabled
    text): the app's high-contrast palette instead, every text at least as legible as on the
    app's everyday palette."""
    monkeypatch.setattr(theme, "system_prefers_light", lambda: light)
    _prefer_high_contrast(monkeypatch)
    theme.apply_theme(qapp)
    everyday = theme.light_palette() if light else theme.dark_palette()
    shown = _ratios(qapp.palette())
    assert all(mine >= own for mine, own in zip(shown, _ratios(everyday), strict=True))
    assert shown == _ratios(theme.high_contrast_palette(light))


def test_the_theme_follows_the_system_s_contrast_preference_as_it_changes(
    qapp, monkeypatch, restore_palette
):
    monkeypatch.setattr(theme, "system_prefers_light", lambda: False)
    theme.follow_system_theme(qapp)
    assert _ratios(qapp.palette()) == _ratios(theme.dark_palette())
    _prefer_high_contrast(monkeypatch)
    hints = qapp.styleHints()  # kept: PySide drops the accessibility hints with it
    hints.accessibility().contrastPreferenceChanged.emit(Qt.ContrastPreference.HighContrast)
    assert _ratios(qapp.palette()) == _ratios(theme.high_contrast_palette(light=False))
