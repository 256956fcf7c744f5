"""The film bar under the viewer, shown while a film is selected: a slider that chooses the
frame to show, its number and time (and a frame sequence's file), the In and Out buttons and
a Preview button, the part of the film marked to restore drawn on the slider as a band and
told in words (``app.film_part`` marks it), and a line saying what the viewer shows.
A narrow bar keeps the slider long: the position moves to a line of its own under it and
the Preview button shows its icon alone; the part and the note move to lines of their own
rather than wrap into a column.

Dragging reads no frame: the choice is reported once the slider has been still for a moment,
so a long drag across a film does not queue a decode per step.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QStylePainter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app import theme
from app.eta import format_timecode
from app.i18n import plural
from app.photo_queue import part_times
from engine.video import VideoInfo
from engine.video.span import FilmSpan

SETTLE_MS = 150
"""How long the slider stays still before its frame is chosen."""
MARGINS = (8, 6, 8, 6)
SLIDER_LEAST = 160
"""The least length the slider keeps: the bar's other parts move off its line, or shrink,
before it gets shorter."""
NOTE_LEAST = 200
"""The least width the note keeps beside the part (some 30 characters a line); the bar
narrower, the note has a line of its own."""
NOTE_ALPHA = 0.65
BAND_ALPHA = 0.4
"""How strongly the band that marks the part tints the slider behind its groove and handle:
Fusion fills the groove up to the handle in the highlight already, so the band is a tint as
tall as the handle, as an editor shades the part between its In and Out on a timeline."""
TOP = Qt.AlignmentFlag.AlignTop
FILL = Qt.AlignmentFlag(0)
"""No alignment: the widget fills its place on the line."""
EDGE_WIDTH = 2
"""The width of the band's In and Out edges, in the accent (3:1 on the window in either
theme), so that a part of a frame or two shows too."""


class PartSlider(QSlider):
    """A horizontal slider of a film's frames that draws the part marked to restore (frames
    ``first`` up to ``end``, ``end`` not included) as a band behind its groove and handle,
    edged in the accent at its In and its Out."""

    def __init__(self) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self._part: tuple[int, int] | None = None

    def set_part(self, part: tuple[int, int] | None) -> None:
        """Draw the frames ``part`` (first, end) as the part; None: no part is marked."""
        self._part = part
        self.update()

    def part(self) -> tuple[int, int] | None:
        return self._part

    def band(self) -> QRect | None:
        """Where the band is drawn: as tall as the handle, from its left at the part's first
        frame to its right at the part's last (None: no part is marked)."""
        if self._part is None:
            return None
        option = self._style_option()
        style = self.style()
        groove = style.subControlRect(
            QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderGroove, self
        )
        handle = style.subControlRect(
            QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, self
        )
        room = groove.width() - handle.width()
        origin = handle.left() - self._offset(self.value(), room)
        first, end = self._part
        left = origin + self._offset(first, room)
        right = origin + self._offset(end - 1, room) + handle.width()
        return QRect(left, handle.top(), right - left, handle.height())

    def _offset(self, value: int, room: int) -> int:
        return QStyle.sliderPositionFromValue(self.minimum(), self.maximum(), value, room)

    def _style_option(self) -> QStyleOptionSlider:
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        if self.isSliderDown():
            option.activeSubControls = QStyle.SubControl.SC_SliderHandle
            option.state |= QStyle.StateFlag.State_Sunken
        return option

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        """The band's tint, the groove, the band's edges, then the handle over them."""
        band = self.band()
        if band is None:
            super().paintEvent(event)
            return
        accent = theme.accent_color(self.palette())
        tint = QColor(accent)
        tint.setAlphaF(BAND_ALPHA)
        painter = QStylePainter(self)
        painter.fillRect(band, tint)
        option = self._style_option()
        option.subControls = QStyle.SubControl.SC_SliderGroove
        painter.drawComplexControl(QStyle.ComplexControl.CC_Slider, option)
        for x in (band.left(), band.right() - EDGE_WIDTH + 1):
            painter.fillRect(QRect(x, band.top(), EDGE_WIDTH, band.height()), accent)
        option.subControls = QStyle.SubControl.SC_SliderHandle
        painter.drawComplexControl(QStyle.ComplexControl.CC_Slider, option)


class FrameScrubber(QWidget):
    """Chooses a frame of one film; ``frame_chosen`` reports it (0-based) once settled."""

    frame_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._info: VideoInfo | None = None
        self._part = FilmSpan()
        self.slider = PartSlider()
        self.slider.setTracking(True)
        self.position = QLabel()
        self.position.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.part_label = QLabel()
        self.part_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.part_label.hide()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self._mute_note()
        self.part_buttons = [QToolButton() for _mark in range(3)]  # In, Out, Clear In/Out
        self.preview_button = QToolButton()
        self.preview_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(lambda: self.frame_chosen.emit(self.slider.value()))
        self.slider.valueChanged.connect(self._on_moved)

        row = QHBoxLayout()
        row.addWidget(self.slider, 1)
        row.addWidget(self.position)
        row.addWidget(self.preview_button)
        notes = QHBoxLayout()  # under the slider, leaving it the bar's width
        for button in self.part_buttons:
            notes.addWidget(button, 0, TOP)
        notes.addWidget(self.part_label, 0, TOP)
        notes.addWidget(self.note, 1)
        notes.addStretch()  # the buttons to the left where the note has a line of its own
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*MARGINS)
        layout.addLayout(row)
        layout.addLayout(notes)
        self._row, self._notes, self._lines = row, notes, layout
        self._name_slider()

    def set_preview_action(self, action: QAction) -> None:
        self.preview_button.setDefaultAction(action)

    def set_part_actions(self, set_in: QAction, set_out: QAction, clear: QAction) -> None:
        """The buttons beside the slider that mark the part to restore."""
        for button, action in zip(self.part_buttons, (set_in, set_out, clear), strict=True):
            button.setDefaultAction(action)

    def set_film(self, info: VideoInfo, index: int, part: FilmSpan | None = None) -> None:
        """Scrub ``info``'s frames, from ``index`` (not reported: the caller shows it), its
        ``part`` marked to restore (None: the whole film)."""
        self._info = info
        self._settle.stop()
        self.slider.blockSignals(True)
        self.slider.setRange(0, info.frames - 1)
        self.slider.setPageStep(max(1, round(info.rate)))  # a second of film
        self.slider.setValue(index)
        self.slider.blockSignals(False)
        self.set_note("")
        self._show_position()
        self.set_part(part or FilmSpan())

    def set_part(self, part: FilmSpan) -> None:
        """Show ``part`` (``FilmSpan.within`` the film) as the part marked to restore: a band
        on the slider, and its times and frames in words (the whole film: neither)."""
        self._part = part
        marked = self._marked()
        self.slider.set_part((part.first, part.end_in(self._info.frames)) if marked else None)
        self.part_label.setVisible(marked)
        self._tell_part()
        self._arrange()

    def _marked(self) -> bool:
        """Whether a part of the film on the bar is marked (not the whole film)."""
        return self._info is not None and self._part != FilmSpan()

    def index(self) -> int:
        """The chosen frame (0-based)."""
        return self.slider.value()

    def follow(self, index: int) -> bool:
        """Move to ``index`` (not reported: the caller shows it), unless the person is choosing
        a frame (dragging, or a move not settled yet); whether it moved."""
        if self.slider.isSliderDown() or self._settle.isActive():
            return False
        self.slider.blockSignals(True)
        self.slider.setValue(index)
        self.slider.blockSignals(False)
        self._show_position()
        return True

    def set_note(self, text: str) -> None:
        """Say what the viewer shows (a preview, work under way, a problem)."""
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def _on_moved(self) -> None:
        self._show_position()
        self.set_note("")
        self._settle.start()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        """Lay the bar out for its width: the position beside the slider, the Preview
        button's text and the note beside the part where they leave the slider
        ``SLIDER_LEAST`` long and the note ``NOTE_LEAST`` wide; each on a line of its own
        (the button: its icon alone, its tooltip saying what it does) where they do not."""
        if self._info is None:
            return
        longest = self._position_text(self._info, self._info.frames - 1)
        longest_width = self.position.fontMetrics().horizontalAdvance(longest)
        room = self.width() - MARGINS[0] - MARGINS[2]
        spacing = self._row.spacing()
        icon_only, with_text = self._preview_widths()
        # what the bar asks of the window: the slider beside the button's icon, no more
        self.setMinimumWidth(MARGINS[0] + SLIDER_LEAST + spacing + icon_only + MARGINS[2])
        beside_slider = SLIDER_LEAST + spacing + with_text
        self._place_position(beside_slider + spacing + longest_width <= room, longest_width, room)
        if beside_slider > room:
            self.preview_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        beside_buttons = self._buttons_width() + self._part_width()
        self._place_part(beside_buttons <= room)
        self._place_note(beside_buttons + NOTE_LEAST <= room)

    def _preview_widths(self) -> tuple[int, int]:
        """The Preview button's width with its icon alone, and with its text beside, the
        style it is left in."""
        button = self.preview_button
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        icon_only = button.sizeHint().width()
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        return icon_only, button.sizeHint().width()

    def _buttons_width(self) -> int:
        """The width the In, Out and Clear buttons take on their line, with their spacing."""
        spacing = self._notes.spacing()
        return sum(button.sizeHint().width() + spacing for button in self.part_buttons)

    def _part_width(self) -> int:
        """The width the part told on one line takes (none marked: 0)."""
        if not self._marked():
            return 0
        return self.part_label.fontMetrics().horizontalAdvance(self.part_label.text())

    def _place_position(self, beside_slider: bool, longest: int, room: int) -> None:
        """The position beside the slider, as wide as the film's ``longest`` (the slider then
        keeps its length as the frame's number changes); or on the line under it, wrapped
        where ``room`` is narrower than that (a frame sequence's file name)."""
        if beside_slider:
            self._move(self.position, self._row, 1)
        else:
            self._move(self.position, self._lines, 1)
        self.position.setWordWrap(longest > room)
        self.position.setMinimumWidth(longest if beside_slider else 0)

    def _place_part(self, beside_buttons: bool) -> None:
        """The part on one line beside the In, Out and Clear buttons, or on the line under
        them, wrapped where the bar is narrower than it."""
        if beside_buttons:
            self._move(self.part_label, self._notes, len(self.part_buttons), TOP)
        else:
            self._move(self.part_label, self._lines, self._lines.indexOf(self._notes) + 1)
        self.part_label.setWordWrap(not beside_buttons)

    def _place_note(self, beside_part: bool) -> None:
        """The note beside the part (or the buttons), or on a line of its own under them."""
        if beside_part:
            # ahead of the stretch that keeps the buttons to the left while the note is away
            self._move(self.note, self._notes, self._notes.count() - 1, stretch=1)
        else:
            self._move(self.note, self._lines, -1)

    def _move(
        self,
        widget: QWidget,
        line: QBoxLayout,
        index: int,
        alignment: Qt.AlignmentFlag = FILL,
        stretch: int = 0,
    ) -> None:
        """Put ``widget`` at ``index`` of ``line`` (-1: last), unless it is in it."""
        if line.indexOf(widget) != -1:
            return
        for other in (self._row, self._notes, self._lines):
            other.removeWidget(widget)
        line.insertWidget(index, widget, stretch, alignment)

    def _show_position(self) -> None:
        if self._info is not None:
            index = self.slider.value()
            self.position.setText(self._position_text(self._info, index))
            # the slider's own value counts from 0: the frame is told as the label counts
            frame = self.tr("Frame {frame} of {total}")
            self.slider.setAccessibleDescription(
                frame.format(frame=index + 1, total=self._info.frames)
            )

    def _name_slider(self) -> None:
        self.slider.setAccessibleName(self.tr("Frame to show"))

    def _tell_part(self) -> None:
        """ "Part: 0:10.00 – 0:30.00 · 480 frames": when the part marked starts and ends, and
        its frames."""
        if not self._marked():
            self.part_label.clear()
            return
        count = self._part.count(self._info.frames)
        frames = plural(count, self.tr("1 frame"), self.tr("{count} frames"))
        start, end = part_times(self._info, self._part)
        text = self.tr("Part: {start} – {end} · {frames}")
        frames = frames.format(count=count)
        self.part_label.setText(text.format(start=start, end=end, frames=frames))

    def _mute_note(self) -> None:
        """The note's text in this widget's text colour, fainter (again when the palette
        changes: the note keeps the colours it was given)."""
        muted = self.palette()
        color = muted.color(QPalette.ColorRole.WindowText)
        color.setAlphaF(NOTE_ALPHA)
        muted.setColor(QPalette.ColorRole.WindowText, color)
        self.note.setPalette(muted)

    def _position_text(self, info: VideoInfo, index: int) -> str:
        """ "Frame 31 / 60 · 0:01.25": the frame counted from 1, and the time it is shown at;
        for a frame sequence, its file too (" · frame_000031.dpx"), to find a scan by."""
        text = self.tr("Frame {frame} / {total} · {time}").format(
            frame=index + 1, total=info.frames, time=format_timecode(info.shown_at(index))
        )
        if info.sequence is None:
            return text
        return f"{text} · {info.sequence.frame_file(info.frame_number(index)).name}"

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self._name_slider()
            self._show_position()
            self._tell_part()
            self._arrange()
        elif event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._mute_note()
        super().changeEvent(event)
