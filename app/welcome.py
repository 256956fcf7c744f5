"""What the viewer shows while the queue is empty: a first step to take. On a card outlined
with a dashed line, as a place to drop photos on: the app's icon and a title, the hint for
those who drop their photos on the window (in the words ``PhotoView`` gives it), a large button
that opens photos and another a folder of them, a link that tries Rekindle on the photo it
ships with (``app.selftest.sample_path``; offered only where the install has it), and a note
where there is one (no model installed). The card is in the window's colour, which its words
are chosen to read on in either theme. It lies over the viewer, as large as it is, the viewer
showing around the card; files dropped on it are taken as anywhere on the window
(``app.intake``). While it shows, its buttons take the viewer's place in the Tab order (after
the queue, in the window) and "Open Photos…" the focus the viewer has; on a window that has
focused nothing yet (an empty one at launch) it takes the focus. A screen reader reads the
card's name, and with each button the title, the hint and the note."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPalette, QPen, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app import theme
from app.actions import ACTIONS
from app.line_breaks import balanced_lines
from app.selftest import sample_path
from app.viewer import PLACEHOLDER_MARGIN, PLACEHOLDER_SCALE

LOGO_SIZE = 72
TITLE_SCALE = 1.6
BUTTON_SCALE = 1.1
BUTTON_HEIGHT = 2.6
"""A button's height, in lines of its text."""
BUTTON_ICON_SIZE = 20
BUTTON_PADDING = 16
"""The room on either side of a button's icon and words, beyond the style's own."""
BUTTON_RADIUS = 4
HOVER_DARKER = 112
PRESSED_DARKER = 130
"""The open button's ground under the pointer, and pressed (and its outline), darker by these
percentages: its words read better still."""
FOCUS_WIDTH = 2
COLUMN_WIDTH = 480
"""The widest the card's words and buttons stand, in a wide viewer."""
GAP = 8
"""The room between the title, the hint and the buttons; twice this around the buttons."""
CARD_PADDING = 32
CARD_RADIUS = 12
CARD_OUTLINE = 2
CARD_DASH = (4.0, 3.0)
"""The card's outline: dashes and the gaps between them, in outline widths."""

_Role = QPalette.ColorRole


class Welcome(QWidget):
    """Over the empty viewer: ``open_photos``, ``open_folder`` and ``try_sample`` tell that
    the person asked for each; ``say`` gives the hint and note in the language shown."""

    open_photos = Signal()
    open_folder = Signal()
    try_sample = Signal()

    def __init__(self, viewer: QWidget) -> None:
        super().__init__(viewer)
        self._viewer_focus = viewer.focusPolicy()  # the viewer's again once uncovered
        self._hint = ""
        self._title = ""
        self._button_width = 0  # each large button's, where there is room
        self.logo = QLabel()
        self.logo.setPixmap(theme.app_icon().pixmap(LOGO_SIZE, LOGO_SIZE))
        self.title = _label(TITLE_SCALE, bold=True)
        self.hint = _label(PLACEHOLDER_SCALE)
        self.hint.setForegroundRole(_Role.PlaceholderText)
        self.photos_button = _large_button(self.open_photos)
        self.folder_button = _large_button(self.open_folder)
        self.sample_button = _link_button(self.try_sample)
        self.sample_button.setHidden(not sample_path().is_file())
        self.note = _label(1.0)
        self.note.setWordWrap(True)
        self.note.setForegroundRole(_Role.PlaceholderText)
        self.note.hide()
        self._buttons = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._column = self._lay_out()
        self._follow_in_tab_order(viewer)
        viewer.installEventFilter(self)
        self.setGeometry(viewer.rect())
        self._retranslate()
        self._colour()
        self.hide()

    def _lay_out(self) -> QWidget:
        """The column on the card, in the middle: the icon, the title, the hint, the buttons,
        the link to the sample and the note."""
        column = QWidget(self)
        rows = QVBoxLayout(column)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(GAP)
        rows.addWidget(self.logo, 0, Qt.AlignmentFlag.AlignHCenter)
        rows.addWidget(self.title)
        rows.addWidget(self.hint)
        rows.addSpacing(GAP)
        self._buttons.setSpacing(2 * GAP)
        self._buttons.addStretch(1)
        self._buttons.addWidget(self.photos_button)
        self._buttons.addWidget(self.folder_button)
        self._buttons.addStretch(1)
        rows.addLayout(self._buttons)
        rows.addWidget(self.sample_button, 0, Qt.AlignmentFlag.AlignHCenter)
        rows.addWidget(self.note)
        outer = QVBoxLayout(self)
        margin = PLACEHOLDER_MARGIN + CARD_PADDING
        outer.setContentsMargins(margin, margin, margin, margin)
        outer.addStretch(1)
        outer.addWidget(column, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        return column

    def _buttons_in_order(self) -> tuple[QPushButton, ...]:
        return (self.photos_button, self.folder_button, self.sample_button)

    def _follow_in_tab_order(self, viewer: QWidget) -> None:
        """The buttons one after the other, just before the viewer in the Tab order: in its
        place while it takes no Tab stop (``setVisible``). Not after it: the buttons lie
        inside the viewer, and Qt's ``setTabOrder`` would then move the viewer itself."""
        buttons = self._buttons_in_order()
        before = _tab_stop_before(viewer)
        for first, second in pairwise(buttons if before is None else (before, *buttons)):
            QWidget.setTabOrder(first, second)

    def setVisible(self, visible: bool) -> None:  # noqa: N802
        """Shown, the card covers the viewer, which takes no Tab stop meanwhile; "Open
        Photos…" takes the window's focus where it is on the viewer or, as on an empty window
        at launch, on nothing yet. Hidden with the focus on a button, the card hands it to
        the viewer in its place (also while a file dialog the button opened is in front)."""
        viewer = self.parentWidget()
        viewer.setFocusPolicy(Qt.FocusPolicy.NoFocus if visible else self._viewer_focus)
        if not visible and self.isAncestorOf(self.window().focusWidget()):
            viewer.setFocus(Qt.FocusReason.OtherFocusReason)
        super().setVisible(visible)
        focus = self.window().focusWidget()
        if visible and (focus is None or focus is viewer):
            self.photos_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def say(self, hint: str, note: str = "") -> None:
        """Show ``hint``, how to add photos, and ``note`` ("" for none) under the buttons."""
        self._hint = hint
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self._describe()
        self._fit()

    def hint_text(self) -> str:
        """The hint as given to ``say``, before it was broken into lines for the width."""
        return self._hint

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """As large as the viewer it lies over."""
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        self._fit()
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        elif theme.palette_changed(event):
            self._colour()
        super().changeEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        """The card, around the column, in the window's colour."""
        palette = self.palette()
        pen = QPen(theme.boundary_color(palette), CARD_OUTLINE)
        pen.setDashPattern(CARD_DASH)
        inset = CARD_PADDING - CARD_OUTLINE / 2
        card = QRectF(self._column.geometry()).adjusted(-inset, -inset, inset, inset)
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(pen)
            painter.setBrush(palette.color(_Role.Window))
            painter.drawRoundedRect(card, CARD_RADIUS, CARD_RADIUS)
        finally:
            painter.end()

    def _retranslate(self) -> None:
        self.setAccessibleName(self.tr("Welcome"))
        self._title = self.tr("Restore your old photos and films")
        self.photos_button.setText(self.tr("Open Photos…"))
        self.folder_button.setText(self.tr("Open Folder…"))
        self.sample_button.setText(self.tr("Try it on a sample photo"))
        self._even_buttons()
        self._describe()
        self._fit()

    def _describe(self) -> None:
        """Each button's description for a screen reader: the title and the hint, which say
        what the buttons are for, and the note where there is one (no model installed)."""
        said = (self._title, self._hint, self.note.text())
        description = "\n".join(words for words in said if words)
        for button in self._buttons_in_order():
            button.setAccessibleDescription(description)

    def _even_buttons(self) -> None:
        """The two large buttons as wide as each other, with room around their words."""
        buttons = (self.photos_button, self.folder_button)
        self._button_width = max(button.sizeHint().width() for button in buttons)
        self._button_width += 2 * BUTTON_PADDING

    def _colour(self) -> None:
        """The open button in the theme's selection colours (``_primary_sheet``), the link to
        the sample in the link colour, each icon in its button's text colour: taken again
        when the theme changes."""
        palette = self.palette()
        theme.set_style_sheet(self.photos_button, _primary_sheet(palette))
        primary = QPalette(palette)
        primary.setColor(_Role.ButtonText, palette.color(_Role.HighlightedText))
        self.photos_button.setIcon(theme.icon(_action_icon("open"), primary))
        self.folder_button.setIcon(theme.icon(_action_icon("open_folder"), palette))
        link = QPalette(palette)
        link.setColor(_Role.ButtonText, palette.color(_Role.Link))
        self.sample_button.setPalette(link)

    def _fit(self) -> None:
        """Lay the column out for the width there is: the title and hint broken into lines
        at sensible places, the buttons one under the other where they do not fit side by
        side, and narrower where the column is."""
        room = self.width() - 2 * (PLACEHOLDER_MARGIN + CARD_PADDING)
        width = max(min(room, COLUMN_WIDTH), 1)
        self._column.setFixedWidth(width)
        for label, text in ((self.title, self._title), (self.hint, self._hint)):
            label.setText("\n".join(balanced_lines(text, label.font(), width)))
        across = 2 * self._button_width + self._buttons.spacing() <= width
        self._buttons.setDirection(
            QBoxLayout.Direction.LeftToRight if across else QBoxLayout.Direction.TopToBottom
        )
        for button in (self.photos_button, self.folder_button):
            button.setMinimumWidth(min(self._button_width, width))


def _tab_stop_before(widget: QWidget) -> QWidget | None:
    """The nearest widget before ``widget`` in the window's Tab order that takes a Tab stop,
    not inside ``widget`` (None: there is none)."""
    previous = widget.previousInFocusChain()
    while previous is not widget:
        if previous.focusPolicy() & Qt.FocusPolicy.TabFocus and not widget.isAncestorOf(previous):
            return previous
        previous = previous.previousInFocusChain()
    return None


def _label(scale: float, *, bold: bool = False) -> QLabel:
    """A centred label in the widget's font ``scale`` times as large."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setFont(_scaled(label.font(), scale, bold=bold))
    return label


def _large_button(asked: Signal) -> QPushButton:
    """A large button with an icon, that emits ``asked`` when clicked."""
    button = QPushButton()
    button.setFont(_scaled(button.font(), BUTTON_SCALE))
    button.setIconSize(QSize(BUTTON_ICON_SIZE, BUTTON_ICON_SIZE))
    button.setMinimumHeight(round(button.fontMetrics().height() * BUTTON_HEIGHT))
    button.clicked.connect(lambda: asked.emit())
    return button


def _link_button(asked: Signal) -> QPushButton:
    """A button drawn as a link (its words underlined, in the link colour: ``_colour``), that
    emits ``asked`` when clicked."""
    button = QPushButton()
    button.setFlat(True)
    font = button.font()
    font.setUnderline(True)
    button.setFont(font)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    button.clicked.connect(lambda: asked.emit())
    return button


def _scaled(font: QFont, scale: float, *, bold: bool = False) -> QFont:
    scaled = QFont(font)
    scaled.setPointSizeF(font.pointSizeF() * scale)
    scaled.setBold(bold)
    return scaled


def _primary_sheet(palette: QPalette) -> str:
    """The open button's style: the selection's words on its ground, which read well together
    (the style's own gradient would lighten the ground), darker under the pointer and pressed,
    outlined in the text colour while it has focus."""
    ground = palette.color(_Role.Highlight)
    words = palette.color(_Role.HighlightedText).name()
    focus = palette.color(_Role.Text).name()
    hover, pressed = ground.darker(HOVER_DARKER).name(), ground.darker(PRESSED_DARKER).name()
    return (
        f"QPushButton {{ background-color: {ground.name()}; color: {words};"
        f" border: 1px solid {pressed}; border-radius: {BUTTON_RADIUS}px; }}"
        f" QPushButton:hover {{ background-color: {hover}; }}"
        f" QPushButton:pressed {{ background-color: {pressed}; }}"
        f" QPushButton:focus {{ border: {FOCUS_WIDTH}px solid {focus}; }}"
    )


def _action_icon(action_id: str) -> str:
    """The name of the icon the window's action ``action_id`` shows."""
    return next(spec.icon for spec in ACTIONS if spec.id == action_id)
