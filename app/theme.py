"""The look: Fusion with a dark or light palette that follows the system, and themed icons."""

from __future__ import annotations

import qtawesome as qta
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from engine.paths import resources_dir

ACCENT = "#e07b39"
"""Ember orange: highlights, progress and the comparison slider."""
ACCENT_TEXT = "#ffffff"

_Role = QPalette.ColorRole
_Group = QPalette.ColorGroup

DARK = {
    _Role.Window: "#202124",
    _Role.WindowText: "#e8e6e3",
    _Role.Base: "#17181a",
    _Role.AlternateBase: "#25262a",
    _Role.ToolTipBase: "#2c2d31",
    _Role.ToolTipText: "#e8e6e3",
    _Role.PlaceholderText: "#8a8d93",
    _Role.Text: "#e8e6e3",
    _Role.Button: "#2b2c30",
    _Role.ButtonText: "#e8e6e3",
    _Role.BrightText: "#ff6b5a",
    _Role.Light: "#3a3b40",
    _Role.Midlight: "#323338",
    _Role.Mid: "#28292d",
    _Role.Dark: "#141517",
    _Role.Shadow: "#000000",
    _Role.Highlight: "#a9532a",
    _Role.HighlightedText: ACCENT_TEXT,
    _Role.Link: "#f0a060",
    _Role.LinkVisited: "#d08850",
}
DARK_DISABLED = {
    _Role.WindowText: "#6b6d72",
    _Role.Text: "#6b6d72",
    _Role.ButtonText: "#6b6d72",
    _Role.Highlight: "#4a3a30",
}

LIGHT = {
    _Role.Window: "#f2f1ef",
    _Role.WindowText: "#1f1f1f",
    _Role.Base: "#ffffff",
    _Role.AlternateBase: "#f6f5f3",
    _Role.ToolTipBase: "#ffffff",
    _Role.ToolTipText: "#1f1f1f",
    _Role.PlaceholderText: "#7b7b7b",
    _Role.Text: "#1f1f1f",
    _Role.Button: "#e9e7e4",
    _Role.ButtonText: "#1f1f1f",
    _Role.BrightText: "#c0392b",
    _Role.Light: "#ffffff",
    _Role.Midlight: "#f0eeeb",
    _Role.Mid: "#c9c6c1",
    _Role.Dark: "#a19d97",
    _Role.Shadow: "#5a5a5a",
    _Role.Highlight: "#d2692c",
    _Role.HighlightedText: ACCENT_TEXT,
    _Role.Link: "#b5541c",
    _Role.LinkVisited: "#8e4418",
}
LIGHT_DISABLED = {
    _Role.WindowText: "#a3a3a3",
    _Role.Text: "#a3a3a3",
    _Role.ButtonText: "#a3a3a3",
    _Role.Highlight: "#e3c2ad",
}

MID_LIGHTNESS = 128
"""A window colour darker than this (HSL lightness, 0-255) makes a dark theme."""

SUCCESS = {"dark": "#7fc98a", "light": "#2e7d32"}
FAILURE = {"dark": "#ff8a7a", "light": "#c62828"}


def _palette(colors: dict, disabled: dict) -> QPalette:
    palette = QPalette()
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    for role, color in disabled.items():
        palette.setColor(_Group.Disabled, role, QColor(color))
    return palette


def dark_palette() -> QPalette:
    return _palette(DARK, DARK_DISABLED)


def light_palette() -> QPalette:
    return _palette(LIGHT, LIGHT_DISABLED)


def system_prefers_light() -> bool:
    """Whether the system asks for a light look; unknown means dark, Rekindle's own look."""
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Light


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(_Role.Window).lightness() < MID_LIGHTNESS


def apply_theme(app: QApplication) -> None:
    """Fusion with the palette matching the system's light or dark preference."""
    app.setStyle("Fusion")
    app.setPalette(light_palette() if system_prefers_light() else dark_palette())


def follow_system_theme(app: QApplication) -> None:
    """Apply the theme now and again whenever the system switches between light and dark."""
    apply_theme(app)
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply_theme(app))


def status_color(kind: str, palette: QPalette | None = None) -> QColor:
    """The colour for "success" or "failure" text, legible on the current palette."""
    shade = "dark" if is_dark(palette) else "light"
    return QColor((SUCCESS if kind == "success" else FAILURE)[shade])


def icon(name: str, palette: QPalette | None = None) -> QIcon:
    """A qtawesome icon drawn in the palette's text colour (greyed when disabled)."""
    palette = palette or QGuiApplication.palette()
    return qta.icon(
        name,
        color=palette.color(_Role.ButtonText),
        color_disabled=palette.color(_Group.Disabled, _Role.ButtonText),
        color_active=palette.color(_Role.ButtonText),
        color_selected=palette.color(_Role.HighlightedText),
    )


def app_icon() -> QIcon:
    """The drawn application icon (packaging/make_icons.py), the one the installers show."""
    icon = QIcon()
    for path in sorted((resources_dir() / "icons").glob("rekindle-*.png")):
        icon.addFile(str(path))
    return icon
