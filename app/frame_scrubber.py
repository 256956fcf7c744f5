"""The film bar under the viewer, shown while a film is selected: a slider that chooses the
frame to show, its number and time (and a frame sequence's file), a Preview button and a line
saying what the viewer shows.

Dragging reads no frame: the choice is reported once the slider has been still for a moment,
so a long drag across a film does not queue a decode per step.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QToolButton, QVBoxLayout, QWidget

from app.eta import format_timecode
from engine.video import VideoInfo

SETTLE_MS = 150
"""How long the slider stays still before its frame is chosen."""
MARGINS = (8, 6, 8, 6)
NOTE_ALPHA = 0.65


class FrameScrubber(QWidget):
    """Chooses a frame of one film; ``frame_chosen`` reports it (0-based) once settled."""

    frame_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._info: VideoInfo | None = None
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setTracking(True)
        self.position = QLabel()
        self.position.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self._mute_note()
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*MARGINS)
        layout.addLayout(row)
        layout.addWidget(self.note)
        self._name_slider()

    def set_preview_action(self, action: QAction) -> None:
        self.preview_button.setDefaultAction(action)

    def set_film(self, info: VideoInfo, index: int) -> None:
        """Scrub ``info``'s frames, from ``index`` (not reported: the caller shows it)."""
        self._info = info
        self._settle.stop()
        self.slider.blockSignals(True)
        self.slider.setRange(0, info.frames - 1)
        self.slider.setPageStep(max(1, round(info.rate)))  # a second of film
        self.slider.setValue(index)
        self.slider.blockSignals(False)
        self.set_note("")
        longest = self._position_text(info, info.frames - 1)  # keep the label's width
        self.position.setMinimumWidth(self.position.fontMetrics().horizontalAdvance(longest))
        self._show_position()

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
        elif event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._mute_note()
        super().changeEvent(event)
