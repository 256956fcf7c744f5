"""Marking a photo's spots and scratches by hand, in the viewer, to be filled before it is
restored (on a film, what stays put, filled on every frame): the bar of tools above the
viewer while marking (brush size, Find Spots, Undo and Redo, Clear, Done), and the part of
the window that starts and ends marking, loads and keeps each photo's or film's marks
(``app.spot_marks``) and runs the searches, all on background jobs. Marks that cannot be
written (a full disk) stay in memory, shown when marking again, while a lasting warning names
the photo; they are written again at the next Done, before the next restoration and on
quitting, which asks first if they still cannot be."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, QObject, QPointF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFontMetricsF, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSlider,
    QWidget,
)

from app.actions import with_keys
from app.i18n import engine_words, plural
from app.jobs import Job
from app.photo_queue import QueueItem
from app.spot_marks import (
    SpotMarks,
    forget_record,
    marks_file,
    record_marked,
    record_photo,
    remove_marks,
    same_picture,
    stored_marks,
)
from app.viewer import ComparisonViewer
from app.wrapping_row import WrappingRow, kept_together
from engine.errors import RekindleError, sentence_for
from engine.filestamp import FileStamp
from engine.imageio import read_picture
from engine.progress import Progress
from engine.retouch.find import find_spots
from engine.retouch.marks import count_places, read_marks, write_marks
from engine.words import without_name

BRUSH_PIXELS = (2, 60, 10)
"""The brush's radius, in pixels: least, most, at first. Zoomed in (100% and more), they
are the screen's: the brush keeps its size on screen, for fine work. Zoomed out, they are
the photo's, as at 100%: at Fit on a large scan, where a screen pixel covers several of the
photo's, a thin scratch marked still gets a thin mark, not a band as wide as the brush
looks."""
BRUSH_STEP = 1.25
"""[ and ] make the brush this much smaller or larger."""
BRUSH_SLIDER_WIDTH = 120
"""The brush slider's width, in logical pixels, however narrow the viewer."""
BAR_SPACING = 6
PAIR_SPACING = 2
"""Between Undo and Redo, kept on one line: closer than the bar's other controls, so they
read as a pair, and together no wider than the viewer at its narrowest."""
FIND_KEYS = ("S",)
REDO_KEYS = ("Ctrl+Shift+Z", "Ctrl+Y")
CLEAR_KEYS = ("C",)
DONE_KEYS = ("Return", "Enter", "Esc")
"""The keys of the bar's buttons, while the viewer has focus (no other action of the window
uses them there: Esc cancels a run only when no spots are marked; Undo is the window's)."""


class WrappedHint(QLabel):
    """Words of help, wrapped to the room they are given. They ask for the width of their
    text on one line (a word-wrapped ``QLabel`` asks for a few short lines), so they share a
    line with the bar's controls only where all of them fit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:  # noqa: N802
        margins = self.contentsMargins()
        advance = QFontMetricsF(self.font()).horizontalAdvance(self.text())
        line = math.ceil(advance) + 2 * self.margin()
        return QSize(line + margins.left() + margins.right(), super().sizeHint().height())


class MarkingBar(QWidget):
    """The tools shown above the viewer while marking. They take no keyboard focus: it stays
    with the viewer, where Space moves the photo, [ and ] size the brush and ``key_actions``
    (added to the viewer) press Find Spots, Redo, Clear and Done."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hint = WrappedHint()
        self.brush_label = QLabel()
        self.brush = QSlider(Qt.Orientation.Horizontal)
        self.brush.setRange(*BRUSH_PIXELS[:2])
        self.brush.setValue(BRUSH_PIXELS[2])
        self.brush.setFixedWidth(BRUSH_SLIDER_WIDTH)
        self.find_button = QPushButton()
        self.undo_button = QPushButton()
        self.redo_button = QPushButton()
        self.clear_button = QPushButton()
        self.done_button = QPushButton()
        self.done_button.setDefault(True)
        self.find_action = self._key_action(self.find_button, FIND_KEYS)
        self.redo_action = self._key_action(self.redo_button, REDO_KEYS)
        self.clear_action = self._key_action(self.clear_button, CLEAR_KEYS)
        self.done_action = self._key_action(self.done_button, DONE_KEYS)
        self.key_actions = (self.find_action, self.redo_action, self.clear_action, self.done_action)
        self._key_buttons = (
            self.find_button,
            self.redo_button,
            self.clear_button,
            self.done_button,
        )
        self._film = False
        row = WrappingRow(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.setSpacing(BAR_SPACING)
        self.brush_label.setBuddy(self.brush)  # a screen reader names the slider by it
        for control in (
            self.brush,
            self.find_button,
            self.undo_button,
            self.redo_button,
            self.clear_button,
            self.done_button,
        ):
            control.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for part in (  # the brush and its label, and Undo and Redo, each pair on one line
            self.hint,
            kept_together(self.brush_label, self.brush, spacing=BAR_SPACING),
            self.find_button,
            kept_together(self.undo_button, self.redo_button, spacing=PAIR_SPACING),
            self.clear_button,
            self.done_button,
        ):
            row.addWidget(part)
        self._retranslate()
        self.hide()

    def _key_action(self, button: QPushButton, keys: tuple[str, ...]) -> QAction:
        """An action that presses ``button`` (when it can be pressed) by ``keys``, while the
        widget it is added to has focus and the bar is shown."""
        action = QAction(self)
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setEnabled(False)
        action.triggered.connect(button.click)
        return action

    def setVisible(self, visible: bool) -> None:  # noqa: N802
        """The bar's keys work while it is shown, while marking (else Esc is Cancel's)."""
        super().setVisible(visible)
        for action in self.key_actions:
            action.setEnabled(visible)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def set_film(self, film: bool) -> None:
        """Marking a film's frames (what is marked is filled on every frame; its dust is the
        Films group's to remove, so there is no search) or a photo."""
        self._film = film
        self.find_button.setVisible(not film)
        self._retranslate()

    def _retranslate(self) -> None:
        """The bar's words; for a photo the hint's tip says that its marks take the place
        of Remove dust and specks (``engine.restorer.spot_marks``)."""
        tip = self.tr(
            "What you paint is filled in from the picture around it before the photo is "
            "restored. The right button (or Alt) erases; hold Space, or use the middle "
            "button, to move the photo."
        )
        if self._film:
            self.hint.setText(
                self.tr("Paint over what stays put on every frame; the right button erases.")
            )
        else:
            self.hint.setText(self.tr("Paint over dust and scratches; the right button erases."))
            tip += " " + self.tr(
                "Once you mark a photo, even if you then erase every mark, Remove dust and "
                "specks no longer searches it: only what you marked is filled. Find Spots "
                "marks what that search would find, for you to look over."
            )
        self.hint.setToolTip(tip)
        self.brush_label.setText(self.tr("Brush"))
        self.brush.setToolTip(self.tr("The brush's size ([ and ] change it)"))
        self.find_button.setText(self.tr("Find Spots"))
        find_tip = self.tr(
            "Mark the dust and specks Remove dust and specks would find on the photo: "
            "erase any that belong to it"
        )
        self.find_button.setToolTip(with_keys(find_tip, self.find_action.shortcuts()))
        self.undo_button.setText(self.tr("Undo"))
        self.redo_button.setText(self.tr("Redo"))
        redo_tip = self.tr("Take again what Undo took back")
        self.redo_button.setToolTip(with_keys(redo_tip, self.redo_action.shortcuts()))
        self.clear_button.setText(self.tr("Clear"))
        clear_tip = self.tr("Erase every mark on the photo")
        self.clear_button.setToolTip(with_keys(clear_tip, self.clear_action.shortcuts()))
        self.done_button.setText(self.tr("Done"))
        done_tip = self.tr("Keep the marks and stop marking")
        self.done_button.setToolTip(with_keys(done_tip, self.done_action.shortcuts()))
        for action, button in zip(self.key_actions, self._key_buttons, strict=True):
            action.setText(button.text())  # as the shortcut sheet lists it


@dataclass
class _Unwritten:
    """A photo's marks set to be kept, not written to their file yet: they stay in memory
    until they are."""

    item: QueueItem
    since: FileStamp  # the photo's stamp when marking it began: the picture marked
    target: Path  # their file, named after that stamp
    mask: np.ndarray | None  # None: the file is to be removed
    reason: str = ""  # why the last write failed ("": none has)


class SpotMarking(QObject):
    """Starts and ends marking the photo on show, and keeps its marks."""

    active_changed = Signal(bool)
    keeping_changed = Signal(bool)  # marks are being written, or no longer
    marks_changed = Signal(int, bool)  # item id, whether any are marked: its marks were kept
    message = Signal(str)
    warning_changed = Signal()  # marks could not be written, or were at last

    def __init__(
        self,
        viewer: ComparisonViewer,
        shown_item: Callable[[], QueueItem | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.bar = MarkingBar()
        viewer.addActions(list(self.bar.key_actions))
        self._viewer = viewer
        self._shown_item = shown_item
        self._marks: SpotMarks | None = None
        self._item: QueueItem | None = None
        self._since: FileStamp | None = None  # the stamp of the item's photo as marking began
        self._kept: str | None = None  # the marks' digest as kept or set to be (None: no file)
        self._unwritten: dict[Path, _Unwritten] = {}  # by their file
        self._writing: dict[Path, Job] = {}  # the write under way of each file
        self._jobs: list[Job] = []
        self._starting: QueueItem | None = None  # the item whose marks are read to mark it
        self._outliner = QTimer(self)  # outlines a large change to the marks, band by band
        self._outliner.setInterval(0)
        self._outliner.timeout.connect(self._outline_next)
        viewer.stroke_began.connect(self._stroke_began)
        viewer.stroke_moved.connect(self._stroke_moved)
        viewer.stroke_ended.connect(self._stroke_ended)
        viewer.zoom_changed.connect(lambda *_: self._size_brush())
        self.bar.brush.valueChanged.connect(lambda *_: self._size_brush())
        self.bar.find_button.clicked.connect(self.find)
        self.bar.undo_button.clicked.connect(self.undo)
        self.bar.redo_button.clicked.connect(self.redo)
        self.bar.clear_button.clicked.connect(self.clear)
        self.bar.done_button.clicked.connect(lambda: self.set_on(False))

    # -- starting and ending --------------------------------------------------------------

    def is_active(self) -> bool:
        return self._marks is not None

    def is_keeping(self) -> bool:
        """Whether marks are being written (a restoration now would not see them yet)."""
        return bool(self._writing)

    def set_on(self, on: bool) -> None:
        """Start marking the photo on show, or end marking (the marks are kept)."""
        if on and not self.is_active() and not self._starting_shown():
            self._start()
        elif not on:
            self._drop_start()
            self.finish()

    def _starting_shown(self) -> bool:
        """Whether the marks of the item on show are being read, to start marking it."""
        return self._starting is not None and self._starting is self._shown_item()

    def _drop_start(self) -> None:
        """Marks still being read to start marking are not wanted any more: their answer is
        let go, and Mark Spots is off."""
        if self._starting is not None:
            self._starting = None
            self.active_changed.emit(False)

    def _start(self) -> None:
        item = self._shown_item()
        if item is None or not item.width or not self._viewer.has_images():
            self.active_changed.emit(False)
            return
        source, since = item.source, FileStamp.find(item.source)
        unwritten = self._unwritten.get(marks_file(source, since))
        # here a photo whose stamp alone seems to have changed is presumed the picture
        # marked (the window never hashes one): the job looks its marks up again
        kept = stored_marks(source) if unwritten is None else None
        self._record_soon(item, since)
        if unwritten is not None and unwritten.mask is not None:
            mask = unwritten.mask
            self._open(item, since, lambda: (mask, None))
        elif kept is not None:
            self._open(item, since, lambda: _kept_marks(source))
        else:
            self._begin_blank(item, since)

    def _record_soon(self, item: QueueItem, since: FileStamp | None) -> None:
        """Record ``item``'s photo, stamped ``since``, as the picture marked
        (``record_marked``), on a job: Done tells a touch from a change by it. Where it
        cannot be, a photo changed since marking began is refused at Done, as ever."""
        if since is not None and not item.is_video:
            source = item.source
            self._run(lambda *_: record_marked(source, since), "record photo", _ignored, _ignored)

    def _open(
        self,
        item: QueueItem,
        since: FileStamp | None,
        load: Callable[[], tuple[np.ndarray | None, Path | None]],
    ) -> None:
        """Mark ``item`` (its photo stamped ``since``), starting from the marks kept for it,
        which ``load`` gives with the file they are kept in (None: from memory), or None
        where none are: they are read and made ready to edit on a job (on a large photo,
        both take a while)."""
        self._starting = item

        def opened(found: tuple[SpotMarks | None, Path | None]) -> None:
            if self._starting is not item:
                return
            self._starting = None
            marks, kept = found
            if self._shown_item() is not item:
                self.active_changed.emit(False)
            elif marks is None:
                self._begin_blank(item, since)
            elif marks.shape != (item.height, item.width):
                self._remove_unfitting(item, kept)
                self._begin_blank(item, since)
            else:
                self._begin(item, since, marks, kept=True)

        def failed(sentence: str) -> None:
            if self._starting is not item:
                return
            self._starting = None
            self.message.emit(self.tr("The marks could not be read: {0}").format(sentence))
            self.active_changed.emit(False)

        self._run(lambda *_: _editable(*load()), "read marks", opened, failed)

    def _remove_unfitting(self, item: QueueItem, kept: Path | None) -> None:
        """The marks kept for ``item`` in ``kept`` are of another size than its photo: they
        are removed, so that they stop its restoration no longer, and the person is told."""
        try:
            if kept is not None:
                remove_marks(item.source, kept)
        except OSError as error:
            said = self.tr(
                "The marks kept for this photo no longer fit it, and could not be removed: {0}"
            )
            self.message.emit(said.format(engine_words(sentence_for(error))))
            return
        self.marks_changed.emit(item.id, False)
        self.message.emit(
            self.tr("The marks kept for this photo no longer fit it: they were removed.")
        )

    def _begin_blank(self, item: QueueItem, since: FileStamp | None) -> None:
        """Mark ``item`` (its photo stamped ``since``), starting from no marks."""
        self._begin(item, since, SpotMarks.blank(item.width, item.height), kept=False)

    def _begin(
        self, item: QueueItem, since: FileStamp | None, marks: SpotMarks, kept: bool
    ) -> None:
        """Mark ``item`` (its photo stamped ``since``), starting from ``marks`` (``kept``:
        those kept for it)."""
        self._item, self._marks, self._since = item, marks, since
        self._kept = marks.digest() if kept else None
        self._viewer.set_marking(marks.image)
        self._size_brush()
        self.bar.set_film(item.is_video)
        self.bar.show()
        self._update_buttons()
        self._viewer.setFocus()
        self.active_changed.emit(True)

    def finish(self) -> None:
        """End marking, and write in the background the marks set to be kept: this photo's
        (see ``_end``) and any others' not written yet."""
        self._end()
        for unwritten in list(self._unwritten.values()):
            if unwritten.target not in self._writing:
                self._write_in_background(unwritten)

    def _end(self) -> None:
        """End marking: the marks are set to be kept for the photo, or let go when none are
        left (see ``_record``), unless they are those kept (or set to be) already."""
        marks, item, since = self._marks, self._item, self._since
        if marks is None or item is None:
            return
        self._marks = self._item = self._since = None
        self._viewer.set_marking(None)
        self.bar.hide()
        self.active_changed.emit(False)
        record = self._record(marks, item.is_video)
        if record == self._kept:
            return
        target = marks_file(item.source, since) if since is not None else None
        if since is None or target is None:
            self.message.emit(self.tr("The marks could not be kept: the photo cannot be read."))
            return
        mask = None if record is None else marks.mask  # no longer edited: handed over
        earlier = self._unwritten.get(target)
        reason = earlier.reason if earlier is not None else ""  # the warning stays as it was
        self._unwritten[target] = _Unwritten(item, since, target, mask, reason)

    def _write_in_background(self, unwritten: _Unwritten) -> None:
        """Write ``unwritten`` on a job; the marks set to be kept for its file meanwhile are
        written after it, so that the last made are the last written."""
        target = unwritten.target
        job = self._run(
            lambda *_: _keep(unwritten),
            "keep marks",
            lambda places: self._written(unwritten, places),
            lambda sentence: self._not_written(unwritten, sentence),
        )
        self._writing[target] = job
        self.keeping_changed.emit(True)

        def ended() -> None:
            del self._writing[target]
            newer = self._unwritten.get(target)
            if newer not in (None, unwritten):
                self._write_in_background(newer)
            elif not self.is_keeping():
                self.keeping_changed.emit(False)

        job.ended.connect(ended)

    def write_now(self) -> None:
        """End marking, and write every photo's marks not written yet at once, after waiting
        for the writes under way: a restoration is about to read them from their files, or
        quitting to lose them."""
        self._end()
        for job in list(self._writing.values()):
            job.wait()
        for unwritten in list(self._unwritten.values()):
            try:
                places = _keep(unwritten)
            except (RekindleError, OSError) as error:
                self._not_written(unwritten, engine_words(sentence_for(error)))
            else:
                self._written(unwritten, places)

    def _written(self, unwritten: _Unwritten, places: int | None) -> None:
        """``unwritten`` was written: ``places`` are marked in its file (None: its photo
        changed on disk since marking began, and they were not kept for the new one).
        Unless it was written already since (``write_now``), or newer marks wait to be."""
        if self._unwritten.get(unwritten.target) is not unwritten:
            return
        del self._unwritten[unwritten.target]
        item = unwritten.item
        if places is None:
            said = self.tr(
                "The marks on {name} were not kept: the photo changed on disk while it was "
                "marked. Mark it again as it is now."
            )
            self.message.emit(said.format(name=item.name))
        else:
            self.marks_changed.emit(item.id, places > 0)
            self.message.emit(self._kept_words(places, unwritten.mask is not None, item.is_video))
        self.warning_changed.emit()

    def _not_written(self, unwritten: _Unwritten, sentence: str) -> None:
        """``unwritten`` could not be written (``sentence`` says why): it stays in memory,
        and the lasting warning names its photo (not its file, whose name means nothing)."""
        if self._unwritten.get(unwritten.target) is unwritten:
            unwritten.reason = without_name(sentence, unwritten.target.name)
            self.warning_changed.emit()

    def warning(self) -> str:
        """What the status bar keeps saying while marks could not be written ("" when all
        could), in the language of the moment."""
        said = self._not_written_words()
        if not said:
            return ""
        return " ".join(
            [
                said,
                self.tr(
                    "They are kept while Rekindle runs, and written again at the next Done "
                    "or restoration."
                ),
            ]
        )

    def _not_written_words(self) -> str:
        """Which photos' marks could not be written, and why (the last reason)."""
        failed = [unwritten for unwritten in self._unwritten.values() if unwritten.reason]
        if not failed:
            return ""
        text = plural(
            len(failed),
            self.tr("Marks on {name}: {reason}."),
            self.tr("Marks on {count} items: {reason}."),
        )
        return text.format(name=failed[0].item.name, count=len(failed), reason=failed[-1].reason)

    def may_quit(self, parent: QWidget) -> bool:
        """Whether quitting may go on: the marks not written are tried once more, and if
        some still cannot be, the person is asked first (Cancel, the default, leaves time to
        make room)."""
        self.write_now()
        said = self._not_written_words()
        if not said:
            return True
        answer = QMessageBox.warning(
            parent,
            self.tr("Quit Rekindle"),
            "\n".join([said, self.tr("Quit anyway, losing them?")]),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard

    def _record(self, marks: SpotMarks, film: bool) -> str | None:
        """What is to be kept of ``marks``: their digest; for a photo whose marks were all
        taken away (kept before, or marked while marking), "" (an empty file: the photo was
        looked over and has nothing to fill, so Remove dust and specks looks for nothing on
        it); else None (no file: a film is never searched, and a photo never marked stays as
        it was)."""
        if digest := marks.digest():
            return digest
        looked_over = marks.was_marked or self._kept is not None
        return "" if looked_over and not film else None

    def _kept_words(self, places: int, kept: bool, film: bool) -> str:
        """What the person is told once ``places`` marked places were kept (``kept``: a
        file, even of no marks, is kept): that restoring fills them, and on a photo that it
        fills nothing else, since they take the place of Remove dust and specks's search
        (``engine.restorer.spot_marks``)."""
        if places and film:
            return plural(
                places,
                self.tr(
                    "The place you marked will be filled in on every frame when the "
                    "film is restored."
                ),
                self.tr(
                    "The {count} places you marked will be filled in on every frame "
                    "when the film is restored."
                ),
            ).format(count=places)
        if places:
            return plural(
                places,
                self.tr(
                    "The place you marked will be filled in when this photo is "
                    "restored, and nothing else: Remove dust and specks does not search "
                    "a photo you marked."
                ),
                self.tr(
                    "The {count} places you marked will be filled in when this photo "
                    "is restored, and nothing else: Remove dust and specks does not "
                    "search a photo you marked."
                ),
            ).format(count=places)
        if kept:
            return self.tr(
                "No marks left on this photo: nothing is filled on it, and Remove dust and "
                "specks leaves it alone."
            )
        return self.tr("No marks left on this photo.")

    def shown_changed(self) -> None:
        """Another item is on show: marking ends (the marks are kept), and so does starting
        to mark the item left."""
        shown = self._shown_item()
        if self._starting is not shown:
            self._drop_start()
        if self._item is not None and shown is not self._item:
            self.finish()

    # -- changing the marks ---------------------------------------------------------------

    def undo(self) -> None:
        if self._marks is not None:
            self._marks.undo()
            self._changed()

    def redo(self) -> None:
        if self._marks is not None:
            self._marks.redo()
            self._changed()

    def clear(self) -> None:
        if self._marks is not None and self._marks.is_marked:
            self._marks.clear()
            self._changed()

    def find(self) -> None:
        """Mark also the dust and specks ``engine.retouch.find`` finds on the photo."""
        marks, item, since = self._marks, self._item, self._since
        if marks is None or item is None or since is None or item.is_video:
            return
        self.bar.find_button.setEnabled(False)
        self.message.emit(self.tr("Looking for dust and specks…"))
        source = item.source

        def found(spots_and_places: tuple[np.ndarray, int] | None) -> None:
            self.bar.find_button.setEnabled(True)
            if self._marks is not marks:
                return
            if spots_and_places is None or spots_and_places[0].shape != marks.shape:
                self.message.emit(
                    self.tr(
                        "No spots were looked for: the photo changed on disk since marking "
                        "began. Press Done, and mark it again as it is now."
                    )
                )
                return
            spots, places = spots_and_places
            marks.add(spots)
            self._changed()
            self.message.emit(
                self.tr("Places found: {0}. Erase any that belong to the picture.").format(places)
            )

        def failed(sentence: str) -> None:
            self.bar.find_button.setEnabled(True)
            self.message.emit(self.tr("No spots could be looked for: {0}").format(sentence))

        self._run(lambda *_: _found(source, since), "find spots", found, failed)

    def step_brush(self, larger: bool) -> None:
        slider = self.bar.brush
        value = slider.value() * (BRUSH_STEP if larger else 1 / BRUSH_STEP)
        slider.setValue(round(value) + (1 if larger and round(value) == slider.value() else 0))

    def _stroke_began(self, point: QPointF, erase: bool) -> None:
        if self._marks is not None:
            self._marks.begin_stroke(point, self._brush_radius(), erase)
            self._changed()

    def _stroke_moved(self, point: QPointF) -> None:
        if self._marks is not None:
            self._marks.extend_stroke(point)
            self._outline_later()
            self._viewer.update()

    def _stroke_ended(self) -> None:
        if self._marks is not None:
            self._marks.end_stroke()
            self._update_buttons()

    def _changed(self) -> None:
        self._outline_later()
        self._viewer.update()
        self._update_buttons()

    def _outline_later(self) -> None:
        """Outline what the marks leave for later (a large change), a band at each turn of
        the event loop."""
        if self._marks is not None and self._marks.outline_pending():
            self._outliner.start()

    def _outline_next(self) -> None:
        """Outline the next band of the marks' large change; the viewer shows them once all
        are."""
        marks = self._marks
        if marks is not None:
            marks.outline_next()
        if marks is None or not marks.outline_pending():
            self._outliner.stop()
            self._viewer.update()

    def _update_buttons(self) -> None:
        marks = self._marks
        self.bar.undo_button.setEnabled(marks is not None and marks.can_undo())
        self.bar.redo_button.setEnabled(marks is not None and marks.can_redo())
        self.bar.clear_button.setEnabled(marks is not None and marks.is_marked)

    def _brush_radius(self) -> float:
        """The brush's radius in the photo's pixels: its size on screen at this zoom, or
        zoomed out, its size at 100% (see ``BRUSH_PIXELS``)."""
        return self.bar.brush.value() / max(self._viewer.brush_scale(), 1.0)

    def _size_brush(self) -> None:
        if self._marks is not None:
            self._viewer.set_brush(self._brush_radius())

    # -- background work ------------------------------------------------------------------

    def _run(
        self,
        work: Callable[[Progress, Callable], object],
        name: str,
        succeeded: Callable,
        failed: Callable[[str], None],
    ) -> Job:
        job = Job(work, name, self)
        job.succeeded.connect(succeeded)
        job.failed.connect(failed)
        job.ended.connect(lambda: self._let_go(job))
        self._jobs.append(job)
        job.start()
        return job

    def _let_go(self, job: Job) -> None:
        """Delete a job that ended (its thread has finished: ``ended`` comes after), once
        the handlers of its end have run."""
        self._jobs.remove(job)
        job.deleteLater()

    def shutdown(self) -> None:
        """Keep the marks being edited and any not written yet, and wait for the jobs under
        way (the app quits)."""
        self.write_now()
        for job in list(self._jobs):
            job.wait()


def _ignored(_answer: object) -> None:
    """What a job's answer needs no more than to be let go."""


def _kept_marks(source: Path) -> tuple[np.ndarray | None, Path | None]:
    """The marks kept for the photo at ``source`` and their file, or None and None where
    none are; looked up off the window's thread, which may hash the photo to tell whether
    they are still its own (``stored_marks``)."""
    kept = stored_marks(source)
    return (None, None) if kept is None else (read_marks(kept), kept)


def _editable(marks: np.ndarray | None, kept: Path | None) -> tuple[SpotMarks | None, Path | None]:
    """``marks`` (kept in ``kept``) ready to edit, their digest worked out
    (``SpotMarking._begin`` asks it), and ``kept``."""
    if marks is None:
        return None, kept
    editable = SpotMarks(marks)
    editable.digest()
    return editable, kept


def _found(source: Path, since: FileStamp) -> tuple[np.ndarray, int] | None:
    """The dust and specks found on the photo at ``source``, and how many places they are;
    None when it is no longer the picture stamped ``since``, which is being marked."""
    spots = find_spots(read_picture(source).pixels)
    return (spots, count_places(spots)) if same_picture(source, since) else None


def _keep(unwritten: _Unwritten) -> int | None:
    """Write ``unwritten``'s marks to their photo's file (None: remove it); how many places
    are marked, or None when the photo is no longer the picture marked (they are not kept
    for another). A photo whose stamp alone changed keeps them under its stamp now; the
    photo's bytes are recorded with them (``record_photo``; a film's are not: gigabytes)."""
    source, mask = unwritten.item.source, unwritten.mask
    target = marks_file(source)
    if target is None or not same_picture(source, unwritten.since):
        return None
    if target != unwritten.target:
        unwritten.target.unlink(missing_ok=True)
    if mask is None:
        target.unlink(missing_ok=True)
        forget_record(source)
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    write_marks(target, mask)
    if not unwritten.item.is_video:
        record_photo(source)
    return count_places(mask)
