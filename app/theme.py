"""The look: Fusion with a dark or light palette, the one the person chose (Interface >
Theme) or the one the system prefers (where it asks for high contrast, the system's own palette
if that reads at least as well, else the app's high-contrast one), and themed icons."""

from __future__ import annotations

from functools import lru_cache

import qtawesome as qta
from PySide6.QtCore import QEvent, QMargins, QRect, QRectF, QSettings, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionComplex,
    QStyleOptionSlider,
    QWidget,
)

from app import APPLICATION, ORGANIZATION
from engine.paths import resources_dir

ACCENT = "#e07b39"
"""Ember orange: highlights, progress and the comparison slider."""
ACCENT_TEXT = "#ffffff"
ACCENTS = {"dark": ACCENT, "light": "#c4631f"}
"""The accent drawn on each theme's fields: 3:1 on them (WCAG 1.4.11), so a deeper ember on
the light theme's white."""

TEXT_CONTRAST = 4.5
"""The least contrast of text on its background (WCAG 2.1 AA, 1.4.3)."""
NON_TEXT_CONTRAST = 3.0
"""The least contrast of a control's parts on what is next to them (WCAG 2.1 AA, 1.4.11)."""

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
    _Role.PlaceholderText: "#6b6b6b",
    _Role.Text: "#1f1f1f",
    _Role.Button: "#e9e7e4",
    _Role.ButtonText: "#1f1f1f",
    _Role.BrightText: "#c0392b",
    _Role.Light: "#ffffff",
    _Role.Midlight: "#f0eeeb",
    _Role.Mid: "#c9c6c1",
    _Role.Dark: "#a19d97",
    _Role.Shadow: "#5a5a5a",
    _Role.Highlight: "#a04d20",
    _Role.HighlightedText: ACCENT_TEXT,
    _Role.Link: "#a34b19",
    _Role.LinkVisited: "#8e4418",
}
LIGHT_DISABLED = {
    _Role.WindowText: "#a3a3a3",
    _Role.Text: "#a3a3a3",
    _Role.ButtonText: "#a3a3a3",
    _Role.Highlight: "#e3c2ad",
}

HIGH_CONTRAST = {
    "dark": {
        _Role.WindowText: "#ffffff",
        _Role.Text: "#ffffff",
        _Role.ButtonText: "#ffffff",
        _Role.ToolTipText: "#ffffff",
        _Role.PlaceholderText: "#c4c6ca",
        _Role.Highlight: "#ffb27a",
        _Role.HighlightedText: "#000000",
        _Role.Link: "#ffc48f",
        _Role.LinkVisited: "#f0b080",
    },
    "light": {
        _Role.WindowText: "#000000",
        _Role.Text: "#000000",
        _Role.ButtonText: "#000000",
        _Role.ToolTipText: "#000000",
        _Role.PlaceholderText: "#474747",
        _Role.Highlight: "#7a3a1c",
        _Role.HighlightedText: "#ffffff",
        _Role.Link: "#7a3510",
        _Role.LinkVisited: "#6a2c10",
    },
}
"""The high-contrast palettes' colours beside their theme's grounds: white or black text, and
secondary text, selections and links at 7:1 or more (WCAG AAA, 1.4.6)."""
HIGH_CONTRAST_DISABLED = {
    "dark": dict.fromkeys((_Role.WindowText, _Role.Text, _Role.ButtonText), "#a4a6ab"),
    "light": dict.fromkeys((_Role.WindowText, _Role.Text, _Role.ButtonText), "#666666"),
}
"""Disabled text on the high-contrast palettes: above 4.5:1, and still dimmer than the rest."""

READ_PAIRS = (
    (_Role.WindowText, _Role.Window),
    (_Role.Text, _Role.Base),
    (_Role.Text, _Role.AlternateBase),
    (_Role.ButtonText, _Role.Button),
    (_Role.HighlightedText, _Role.Highlight),
    (_Role.ToolTipText, _Role.ToolTipBase),
    (_Role.PlaceholderText, _Role.Base),
    (_Role.PlaceholderText, _Role.Window),
    (_Role.Link, _Role.Base),
)
"""A palette's text colours on the grounds the app draws them on: how well it reads."""
DISABLED_READ_PAIRS = (
    (_Role.WindowText, _Role.Window),
    (_Role.Text, _Role.Base),
    (_Role.ButtonText, _Role.Button),
)
"""Its disabled texts on their grounds: dimmer, but still to be made out."""

FOLLOW_SYSTEM, DARK_LOOK, LIGHT_LOOK = "system", "dark", "light"
"""The looks a person can choose: the system's light or dark preference, or either always."""
LOOKS = (FOLLOW_SYSTEM, DARK_LOOK, LIGHT_LOOK)
LOOK_PROPERTY = "rekindleLook"
"""The application's property holding the look chosen (unset: ``FOLLOW_SYSTEM``)."""
LOOK_KEY = "ui/theme"
"""The key the settings keep the look chosen under (``app.settings.AppSettings.theme``)."""

MID_LIGHTNESS = 128
"""A window colour darker than this (HSL lightness, 0-255) makes a dark theme."""

SUCCESS = {"dark": "#7fc98a", "light": "#2e7d32"}
FAILURE = {"dark": "#ff8a7a", "light": "#c62828"}
BOUNDARY = {"dark": "#808288", "light": "#7f7b76"}
"""Outlines of check boxes, radio buttons, fields and sliders: 3:1 against the window (WCAG
1.4.11)."""

FUSION_OUTLINE_DARKER = 140
"""Fusion draws control outlines in the window colour darkened by this much (QColor.darker)."""
_OUTLINED_PRIMITIVES = (
    QStyle.PrimitiveElement.PE_IndicatorCheckBox,
    QStyle.PrimitiveElement.PE_IndicatorRadioButton,
    QStyle.PrimitiveElement.PE_FrameLineEdit,
)
_OUTLINED_CONTROLS = (QStyle.ComplexControl.CC_SpinBox, QStyle.ComplexControl.CC_ComboBox)

SLIDER_FOCUS_WIDTH = 2
"""The width of the frame round a slider with keyboard focus, in the accent: Fusion marks it
by the handle's outline alone, a pixel of the highlight, hard to find in a column of
sliders."""
SLIDER_FOCUS_MARGIN = SLIDER_FOCUS_WIDTH + 1
"""Room on each side of a slider for its focus frame, a pixel clear of the handle."""
SLIDER_FOCUS_RADIUS = 3.0
"""The rounding of the focus frame's corners, in pixels."""

_Pixmap = QStyle.StandardPixmap
DIALOG_BUTTON_ICONS = {
    _Pixmap.SP_DialogOkButton: "mdi6.check",
    _Pixmap.SP_DialogApplyButton: "mdi6.check",
    _Pixmap.SP_DialogYesButton: "mdi6.check",
    _Pixmap.SP_DialogYesToAllButton: "mdi6.check-all",
    _Pixmap.SP_DialogCancelButton: "mdi6.close",
    _Pixmap.SP_DialogCloseButton: "mdi6.close",
    _Pixmap.SP_DialogNoButton: "mdi6.close",
    _Pixmap.SP_DialogNoToAllButton: "mdi6.close-box-multiple-outline",
    _Pixmap.SP_DialogAbortButton: "mdi6.cancel",
    _Pixmap.SP_DialogOpenButton: "mdi6.folder-open-outline",
    _Pixmap.SP_DialogSaveButton: "mdi6.content-save-outline",
    _Pixmap.SP_DialogSaveAllButton: "mdi6.content-save-all-outline",
    _Pixmap.SP_DialogDiscardButton: "mdi6.delete-outline",
    _Pixmap.SP_DialogResetButton: "mdi6.undo",
    _Pixmap.SP_RestoreDefaultsButton: "mdi6.restore",
    _Pixmap.SP_DialogRetryButton: "mdi6.reload",
    _Pixmap.SP_DialogIgnoreButton: "mdi6.debug-step-over",
    _Pixmap.SP_DialogHelpButton: "mdi6.help-circle-outline",
}
"""The icons of dialog buttons (Close, OK...), drawn as the app's own (``icon``): Qt's are
drawn for a light theme, a black cross on a dark button."""


class OutlinedFusion(QProxyStyle):
    """Fusion with check boxes, radio buttons, fields and sliders outlined in the theme's
    boundary colour, a slider with keyboard focus framed, and dialog buttons with the app's
    icons. Fusion derives outlines from the window colour, darkened: 1.1:1 on the dark window,
    so these controls draw with the window colour that darkens to the boundary."""

    def __init__(self) -> None:
        super().__init__("Fusion")

    def drawPrimitive(  # noqa: N802
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element in _OUTLINED_PRIMITIVES:
            option.palette = outlined_palette(option.palette)
        super().drawPrimitive(element, option, painter, widget)

    def drawComplexControl(  # noqa: N802
        self,
        control: QStyle.ComplexControl,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if control in _OUTLINED_CONTROLS:
            option.palette = outlined_palette(option.palette)
        elif control == QStyle.ComplexControl.CC_Slider:
            option.palette = slider_palette(option.palette)
        super().drawComplexControl(control, option, painter, widget)
        if control == QStyle.ComplexControl.CC_Slider and _has_keyboard_focus(option):
            _paint_focus_frame(painter, option.rect, option.palette)

    def subControlRect(  # noqa: N802
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        sub_control: QStyle.SubControl,
        widget: QWidget | None = None,
    ) -> QRect:
        """A slider's groove and handle inside the room kept for its focus frame (Fusion
        draws them, and the slider reads clicks, where this says they are)."""
        if control == QStyle.ComplexControl.CC_Slider:
            option = _inside_focus_frame(option)
        return super().subControlRect(control, option, sub_control, widget)

    def sizeFromContents(  # noqa: N802
        self,
        contents: QStyle.ContentsType,
        option: QStyleOption,
        size: QSize,
        widget: QWidget | None = None,
    ) -> QSize:
        """A slider's size with room for its focus frame all round."""
        size = super().sizeFromContents(contents, option, size, widget)
        if contents == QStyle.ContentsType.CT_Slider:
            size = size.grownBy(_FOCUS_ROOM)
        return size

    def standardIcon(  # noqa: N802
        self,
        standard_icon: QStyle.StandardPixmap,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> QIcon:
        name = DIALOG_BUTTON_ICONS.get(standard_icon)
        if name is None:
            return super().standardIcon(standard_icon, option, widget)
        palette = option.palette if option is not None else widget.palette() if widget else None
        return icon(name, palette)


_FOCUS_ROOM = QMargins(*[SLIDER_FOCUS_MARGIN] * 4)


def _has_keyboard_focus(option: QStyleOption) -> bool:
    """Whether the control ``option`` draws has focus that came by the keyboard, the focus
    Fusion marks on a field or combo box (not after a click)."""
    needed = QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_KeyboardFocusChange
    return option.state & needed == needed


def _paint_focus_frame(painter: QPainter, rect: QRect, palette: QPalette) -> None:
    """A rounded frame just inside ``rect``, in ``palette``'s accent: 3:1 on the window in
    either theme (WCAG 1.4.11), where the highlight is darker on the dark one."""
    inset = SLIDER_FOCUS_WIDTH / 2
    frame = QRectF(rect).adjusted(inset, inset, -inset, -inset)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(accent_color(palette), SLIDER_FOCUS_WIDTH))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(frame, SLIDER_FOCUS_RADIUS, SLIDER_FOCUS_RADIUS)
    painter.restore()


def _inside_focus_frame(option: QStyleOptionSlider) -> QStyleOptionSlider:
    """A copy of ``option`` for the room inside a slider's focus frame."""
    inside = QStyleOptionSlider(option)
    inside.rect = option.rect.marginsRemoved(_FOCUS_ROOM)
    return inside


def boundary_color(palette: QPalette | None = None) -> QColor:
    """The outline colour of check boxes, radio buttons, fields and sliders on ``palette``."""
    return _shade(BOUNDARY, palette)


def accent_color(palette: QPalette | None = None) -> QColor:
    """The accent (progress, for one) drawn on ``palette``'s fields."""
    return _shade(ACCENTS, palette)


def _shade(shades: dict[str, str], palette: QPalette | None) -> QColor:
    """The colour of ``shades`` ("dark" and "light") for ``palette``'s theme."""
    return QColor(shades["dark" if is_dark(palette) else "light"])


def _outline_window(boundary: QColor) -> QColor:
    """The window colour that Fusion darkens to ``boundary``."""
    return boundary.lighter(FUSION_OUTLINE_DARKER)


def outlined_palette(palette: QPalette) -> QPalette:
    """``palette`` with the window colour Fusion darkens to the boundary colour (for the
    drawing of one control's outline; its surroundings are painted already). A palette
    outlined already, for a control drawn inside another, stays as it is."""
    if palette.color(_Role.Window) in [_outline_window(QColor(c)) for c in BOUNDARY.values()]:
        return palette
    outlined = QPalette(palette)
    window = _outline_window(boundary_color(palette))
    for group in (_Group.Active, _Group.Inactive, _Group.Disabled):
        outlined.setColor(group, _Role.Window, window)
    return outlined


def slider_palette(palette: QPalette) -> QPalette:
    """``palette`` outlined (``outlined_palette``), and on a dark window with the button colour
    in the boundary's, while enabled: Fusion fills a slider's handle with the button colour,
    and its groove a shade darker, 1.5:1 and 1.3:1 on the dark window."""
    sliding = QPalette(outlined_palette(palette))
    if is_dark(palette):
        for group in (_Group.Active, _Group.Inactive):
            sliding.setColor(group, _Role.Button, boundary_color(palette))
    return sliding


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


def high_contrast_palette(light: bool) -> QPalette:
    """The light or dark theme with ``HIGH_CONTRAST``'s colours: the theme's grounds, so that
    Fusion's frames and the fields' outlines stay as they are, with stronger text."""
    shade = "light" if light else "dark"
    colors, disabled = (LIGHT, LIGHT_DISABLED) if light else (DARK, DARK_DISABLED)
    return _palette(
        {**colors, **HIGH_CONTRAST[shade]}, {**disabled, **HIGH_CONTRAST_DISABLED[shade]}
    )


def _everyday_palette(light: bool) -> QPalette:
    """The app's light or dark palette."""
    return light_palette() if light else dark_palette()


def reads_at_least_as_well(palette: QPalette, other: QPalette) -> bool:
    """Whether ``palette``'s faintest text has at least the contrast of ``other``'s, among
    its enabled texts (``READ_PAIRS``) and among its disabled ones: a palette reads as well
    as its faintest text (a system's contrast theme may draw links at 6:1 where the app's
    are 8:1, and every text above 5:1)."""
    checks = ((_Group.Active, READ_PAIRS), (_Group.Disabled, DISABLED_READ_PAIRS))
    return all(
        _faintest(palette, group, pairs) >= _faintest(other, group, pairs)
        for group, pairs in checks
    )


def _faintest(
    palette: QPalette,
    group: QPalette.ColorGroup,
    pairs: tuple[tuple[QPalette.ColorRole, QPalette.ColorRole], ...],
) -> float:
    """The least WCAG contrast of ``pairs`` (text, ground) in ``group`` of ``palette`` (a
    colour with some transparency as drawn on its ground)."""
    return min(
        _blended_contrast(
            palette.color(group, text).rgb(),
            palette.color(group, ground).rgb(),
            palette.color(group, text).alphaF(),
        )
        for text, ground in pairs
    )


def system_prefers_high_contrast() -> bool:
    """Whether the system asks for high contrast (Qt reports it from 6.10 on; before, never).
    The accessibility hints are asked through style hints kept in a name: PySide drops them
    with the style hints' Python object."""
    hints = QGuiApplication.styleHints()
    if not hasattr(hints, "accessibility"):
        return False
    return hints.accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast


def system_prefers_light() -> bool:
    """Whether the system asks for a light look; unknown means dark, Rekindle's own look."""
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Light


def chosen_look(app: QApplication) -> str:
    """The look chosen for ``app``: ``FOLLOW_SYSTEM``, ``DARK_LOOK`` or ``LIGHT_LOOK``."""
    return app.property(LOOK_PROPERTY) or FOLLOW_SYSTEM


def stored_look() -> str:
    """The look kept in the person's settings, read without ``app.settings``, which brings
    torch: the splash shows in it, seconds before that loads. ``FOLLOW_SYSTEM`` where none
    is kept, or one the app does not know (a settings file edited by hand)."""
    look = QSettings(ORGANIZATION, APPLICATION).value(LOOK_KEY)
    return look if look in LOOKS else FOLLOW_SYSTEM


def choose_look(app: QApplication, look: str) -> None:
    """Show ``look`` from now on, at once: every widget is told of the new palette and
    repaints; ``FOLLOW_SYSTEM`` follows the system's preference as it changes."""
    app.setProperty(LOOK_PROPERTY, look)
    _apply_palette(app)


def shows_light(app: QApplication) -> bool:
    """Whether ``app`` shows the light look: the one chosen, else the system's preference."""
    look = chosen_look(app)
    return system_prefers_light() if look == FOLLOW_SYSTEM else look == LIGHT_LOOK


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(_Role.Window).lightness() < MID_LIGHTNESS


def apply_theme(app: QApplication) -> None:
    """Fusion (outlines in the boundary colour) with the palette of the look chosen
    (``_apply_palette``)."""
    app.setStyle(OutlinedFusion())
    _apply_palette(app)


def _apply_palette(app: QApplication) -> None:
    """The light or dark palette (``shows_light``), or where the system asks for high
    contrast, a high-contrast one (``_apply_high_contrast``); the widgets styled by a style
    sheet take it too (``_restyle``)."""
    if system_prefers_high_contrast():
        _apply_high_contrast(app)
    else:
        app.setPalette(_everyday_palette(shows_light(app)))
    _restyle(app)


def _restyle(app: QApplication) -> None:
    """Polish each widget styled by a style sheet again: Qt leaves it the palette it had when
    it was polished (a field marked with a problem keeps the old theme's grounds). Polished
    again it takes the new palette and is told so (``PaletteChange``), to colour its style
    sheet in the new theme."""
    for widget in app.allWidgets():
        if widget.styleSheet():
            widget.setStyleSheet(widget.styleSheet())


def _apply_high_contrast(app: QApplication) -> None:
    """The system's palette where it reads at least as well as the app's everyday one: the
    high-contrast colours the person chose there (Windows' contrast themes, for one), which
    the app's colours would override. Else the app's high-contrast palette: a platform with
    no contrast palette of its own (Linux's portal) leaves Fusion's standard one, which reads
    worse than the app's (selected text at 3.7:1). A look chosen in the app takes the system's
    palette only where it is of that look."""
    light = shows_light(app)
    app.setPalette(QPalette())  # sets no colour: the system palette shows, and follows it
    system = app.palette()
    of_the_look = chosen_look(app) == FOLLOW_SYSTEM or is_dark(system) != light
    if not (of_the_look and reads_at_least_as_well(system, _everyday_palette(light))):
        app.setPalette(high_contrast_palette(light))


def follow_system_theme(app: QApplication) -> None:
    """Apply the theme now and again whenever the system switches between light and dark (a
    look chosen in the app stays), or asks for high contrast or no longer does."""
    apply_theme(app)
    hints = app.styleHints()
    hints.colorSchemeChanged.connect(lambda _scheme: apply_theme(app))
    if hasattr(hints, "accessibility"):
        hints.accessibility().contrastPreferenceChanged.connect(lambda _c: apply_theme(app))


PALETTE_CHANGES = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
"""The events telling a widget of a new palette: the theme switched, or the system's did."""


def palette_changed(event: QEvent) -> bool:
    """Whether ``event`` tells a widget of a new palette: a colour it took from the old one
    (into a style sheet, say) is to be taken again, so that it follows a theme switched."""
    return event.type() in PALETTE_CHANGES


def set_style_sheet(widget: QWidget, sheet: str) -> None:
    """Give ``widget`` ``sheet`` where its style sheet is another: a sheet set again, even the
    same, polishes the widget anew and tells it of its palette again (``PaletteChange``), so
    a widget colouring its own sheet from the palette on that event would do so without end."""
    if widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)


def status_color(kind: str, palette: QPalette | None = None) -> QColor:
    """The colour for "success" or "failure" text, legible on the current palette."""
    return _shade(SUCCESS if kind == "success" else FAILURE, palette)


def muted(text: QColor, ground: QColor, alpha: float) -> QColor:
    """``text`` at ``alpha`` opacity on ``ground``, for secondary text; more opaque where it
    would read at less than 4.5:1 there, as little more as reaches it (opaque at most)."""
    shown = QColor(text)
    shown.setAlphaF(_legible_alpha(text.rgb(), ground.rgb(), round(alpha, 2)))
    return shown


@lru_cache
def _legible_alpha(text: int, ground: int, alpha: float) -> float:
    """The least opacity from ``alpha`` up, in hundredths, at which ``text`` reads at
    TEXT_CONTRAST on ``ground`` (both 0xRRGGBB); 1 where none does."""
    steps = range(round(alpha * 100), 100)
    fits = (
        step / 100 for step in steps if _blended_contrast(text, ground, step / 100) >= TEXT_CONTRAST
    )
    return next(fits, 1.0)


def apart(color: QColor, toward: QColor, other: QColor) -> QColor:
    """``color`` mixed with ``toward`` as little as makes it stand ``NON_TEXT_CONTRAST``
    apart from ``other`` (in hundredths; ``toward`` itself where no mix does): a part of a
    control that must be told from the part beside it, in the colours around it."""
    share = _apart_share(color.rgb(), toward.rgb(), other.rgb())
    return _blended(QColor(toward), QColor(color), share)


@lru_cache
def _apart_share(color: int, toward: int, other: int) -> float:
    """The least share of ``toward`` in ``color`` (all 0xRRGGBB) that stands
    NON_TEXT_CONTRAST apart from ``other``; 1 where none does."""
    mixes = (step / 100 for step in range(100))
    fits = (
        share
        for share in mixes
        if contrast(_blended(QColor(toward), QColor(color), share), QColor(other))
        >= NON_TEXT_CONTRAST
    )
    return next(fits, 1.0)


def contrast(first: QColor, second: QColor) -> float:
    """The WCAG contrast ratio of two opaque colours."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _blended_contrast(text: int, ground: int, alpha: float) -> float:
    """The WCAG contrast of ``text`` drawn at ``alpha`` on ``ground`` (0xRRGGBB)."""
    back = QColor(ground)
    return contrast(_blended(QColor(text), back, alpha), back)


def _blended(top: QColor, under: QColor, alpha: float) -> QColor:
    """``top`` drawn at ``alpha`` on ``under``, blended to 8 bits a channel as on screen."""
    return QColor(
        round(alpha * top.red() + (1 - alpha) * under.red()),
        round(alpha * top.green() + (1 - alpha) * under.green()),
        round(alpha * top.blue() + (1 - alpha) * under.blue()),
    )


def _luminance(color: QColor) -> float:
    """WCAG 2.1 relative luminance."""
    red, green, blue = (
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
        for c in (color.redF(), color.greenF(), color.blueF())
    )
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


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
