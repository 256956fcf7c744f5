"""The queue of photos and films: one ``QueueItem`` per file, and the Qt list model the view
shows."""

from __future__ import annotations

import itertools
import os
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QImage

from app.eta import format_time_left, format_timecode
from app.i18n import in_language_shown, plural
from app.item_status import ItemStatus
from app.pixel_aspect import pixel_aspect, shown_size
from engine.filestamp import FileStamp
from engine.folder_tails import folder_hints
from engine.imageio import Picture
from engine.media import is_supported_video
from engine.recipe import Recipe
from engine.video import VideoInfo, frame_numbers, is_frame_target
from engine.video.fields import TELECINE, WHOLE, Fields
from engine.video.frame_files import frames_format
from engine.video.sequence import is_frame_pattern, rate_words, sequence_name
from engine.video.span import FilmSpan, span_seconds
from engine.words import without_name

_Index = QModelIndex | QPersistentModelIndex

PROGRESS_FIELDS = frozenset({"progress", "time_left", "frames_done"})
"""The fields of an item a run's progress report changes (``QueueModel.ProgressRole``)."""


_ids = itertools.count(1)


@dataclass(frozen=True)
class ResultFile:
    """A result of an item, written to ``path``, the recipe it was made with, and for a film
    the part of it restored (``FilmSpan.within`` the film: ``FilmSpan()`` for the whole)."""

    path: Path
    recipe: Recipe
    part: FilmSpan = field(default_factory=FilmSpan)


@dataclass(frozen=True)
class FilmWork:
    """Where and how a film is restored: the result's folder, name (less its extension),
    codec and quality, and its recipe. A run cancelled keeps its work, which the engine
    continues only for a run of the same (``engine.video.segments`` keys the work by what
    shapes the frames and names it after the result)."""

    folder: Path
    stem: str
    codec: str
    crf: int | None
    recipe: Recipe
    # a frame sequence's frames a second (the segments' key has it); None for a film file.
    # Gaps let through or not are no part of it: they change no film restored, only whether
    # a sequence with numbers missing is restored at all
    rate: Fraction | None = None
    span: FilmSpan = field(default_factory=FilmSpan)  # the part restored (the key has it too)


def film_stem(source: Path) -> str:
    """What a film's results are named after, as the command line names them: a film file's
    stem, or a frame sequence's film name (``sequence_name``: its folder's whole name, or
    its frames' name without the number where it is queued as their pattern)."""
    return source.stem if is_supported_video(source) else sequence_name(source)


@dataclass(eq=False)
class QueueItem:
    """A photo or film in the queue and everything learnt about it so far."""

    source: Path
    id: int = field(default_factory=lambda: next(_ids))
    status: ItemStatus = ItemStatus.READING
    width: int = 0
    height: int = 0
    thumbnail: QImage | None = None
    progress: float = 0.0  # of the restoration, 0..1
    frames_done: int = 0  # a film's restored frames, as its restoration reports them
    time_left: float | None = None
    loading_model: bool = False
    message: str = ""  # why it failed, as the engine said it
    colours_kept: bool = False  # fading was to be fixed, but the photo showed no sign of it
    pages: int = 1  # a TIFF's pages, of which only the first is restored
    spots_marked: bool = False  # spots and scratches are marked on it to fill (app.spot_marks)
    # its result filled none of the spots marked on it before it was replaced by one of
    # another size (``app.spot_marks.marks_outgrown``)
    marks_outgrown: bool = False
    result: Picture | None = None
    restored_with: str = ""  # the models that made the result, in the order they ran
    result_image: QImage | None = None  # the result as shown (8-bit)
    original_image: QImage | None = None  # the source as shown, kept with the result
    saved_to: Path | None = None  # a film is written there as it is restored
    recipe: Recipe | None = None  # how the result on hand (in memory, or saved_to) was made
    made_from: FileStamp | None = None  # a photo's file when its result on hand was made
    history: list[ResultFile] = field(default_factory=list)  # results written, oldest first
    damaged_frames: tuple[int, ...] = ()  # a restored film's source frames FFmpeg patched up
    sound_notes: tuple[str, ...] = ()  # a restored film's sound that went in converted
    # what each file a result was saved in (this session) left out of it, as the engine
    # words it (``engine.imageio.left_out_notes``): its EXIF, 16 bits, transparency
    left_out: dict[Path, tuple[str, ...]] = field(default_factory=dict)
    video: VideoInfo | None = None  # a film's description, once read
    shown_frame: int | None = None  # the film's frame in the viewer (None: its poster frame)
    # the part of the film to restore, marked In and Out on the film bar (app.film_part),
    # ``FilmSpan.within`` the film: ``FilmSpan()`` for the whole
    part: FilmSpan = field(default_factory=FilmSpan)
    made_part: FilmSpan = field(default_factory=FilmSpan)  # the part its result on hand is of
    film_work: FilmWork | None = None  # how the film's latest run restored it
    work_continues: bool = True  # Restore with the current settings continues that run's work
    resolved: Path | None = None  # ``key``, once learnt
    added_with: Path | None = None  # the folder added that it was found in (None: added alone)
    sequence: bool | None = None  # ``is_sequence``, once learnt
    learnt_stem: str | None = None  # ``stem``, once learnt

    @property
    def key(self) -> Path:
        """The file's resolved path, which tells whether two items are one file. Learnt once:
        resolving asks about every folder of the path, slow on a network share."""
        if self.resolved is None:
            self.resolved = self.source.resolve()
        return self.resolved

    @property
    def name(self) -> str:
        """The name the queue shows: its file's, or a frame sequence's film's (``stem``)."""
        return self.stem if self.is_sequence else self.source.name

    @property
    def stem(self) -> str:
        """What its results are named after: a photo's stem, or a film's (``film_stem``).
        Learnt once, as ``key`` is: a frame sequence's asks the file system."""
        if self.learnt_stem is None:
            self.learnt_stem = film_stem(self.source) if self.is_video else self.source.stem
        return self.learnt_stem

    @property
    def is_video(self) -> bool:
        """A film: a film file, or a frame sequence restored as one (``is_sequence``)."""
        return is_supported_video(self.source) or self.is_sequence

    @property
    def is_sequence(self) -> bool:
        """Whether it is a frame sequence restored as a film (``app.folder_search``): its
        source a folder of numbered frames, or their pattern (a queued file is never a
        folder). Learnt once, as ``key`` is: it asks the file system."""
        if self.sequence is None:
            self.sequence = is_frame_pattern(self.source) or self.source.is_dir()
        return self.sequence

    @property
    def stamped(self) -> Path:
        """What tells whether its original changed (``FileStamp``): its file, or its frames'
        folder (a pattern is no file)."""
        return self.source.parent if is_frame_pattern(self.source) else self.source

    @property
    def pixel_count(self) -> int:
        return self.width * self.height

    @property
    def has_part(self) -> bool:
        """Whether a part of the film is marked to restore, not the whole."""
        return self.part != FilmSpan()

    @property
    def work(self) -> int:
        """Pixels to restore: a film's every frame, or its part's (0 while the file is not
        read yet)."""
        frames = self.part.count(self.video.frames) if self.video is not None else 1
        return self.pixel_count * frames

    @property
    def frames_run(self) -> int:
        """The frames of a film its latest run restores (or a run would): its part's."""
        part = self.film_work.span if self.film_work is not None else self.part
        return part.count(self.video.frames) if self.video is not None else 0

    @property
    def can_be_saved(self) -> bool:
        """A restored photo whose result is in memory, or in the file it was saved in (a film
        is written as it is restored)."""
        return (
            self.status is ItemStatus.RESTORED
            and not self.is_video
            and (self.result is not None or self.saved_to is not None)
        )

    @property
    def result_unsaved(self) -> bool:
        """A result held only in memory, never written: letting go of the item loses it."""
        return self.result is not None and self.saved_to is None

    @property
    def save_failed(self) -> bool:
        """A restored photo whose latest save failed: its message says why (a result saved
        again clears it)."""
        return self.status is ItemStatus.RESTORED and bool(self.message)

    def release_pixels(self) -> None:
        """Drop the restored picture and both images shown, once the result is on disk: a
        batch of large scans restored at 4x would not fit in memory otherwise. The viewer
        reads them back from the files when the photo is shown again."""
        if self.saved_to is not None and not self.is_video:
            self.result = self.result_image = self.original_image = None


translate = QCoreApplication.translate
"""Strings below are found by pyside6-lupdate under the context "QueueModel"."""


def status_text(item: QueueItem) -> str:
    """The one-line status shown under the item's name."""
    status = item.status
    if status is ItemStatus.READING:
        return translate("QueueModel", "Reading…")
    if status is ItemStatus.READY:
        return translate("QueueModel", "Ready")
    if status is ItemStatus.UNREADABLE:
        return translate("QueueModel", "Cannot open: {reason}").format(reason=_reason(item))
    if status is ItemStatus.QUEUED:
        return translate("QueueModel", "Waiting")
    if status is ItemStatus.RESTORING:
        if item.loading_model:
            return translate("QueueModel", "Loading the model…")
        if item.video is not None:
            return translate("QueueModel", "Frame {done} / {total} · {left}").format(
                done=item.frames_done,
                total=item.frames_run,
                left=format_time_left(item.time_left, item.progress),
            )
        return translate("QueueModel", "Restoring {percent}% · {left}").format(
            percent=int(item.progress * 100), left=format_time_left(item.time_left, item.progress)
        )
    if status is ItemStatus.CANCELLING:
        return translate("QueueModel", "Cancelling…")
    if status is ItemStatus.RESTORED:
        notes = [_restored_text(item), *_left_out_text(item), *item.sound_notes]
        if item.colours_kept and not item.message:
            notes.append(translate("QueueModel", "no sign of fading, colours kept"))
        if item.pages > 1:
            text = translate("QueueModel", "only page 1 of {pages} restored")
            notes.append(text.format(pages=item.pages))
        if item.marks_outgrown:
            text = translate(
                "QueueModel", "spots marked before were not used: the photo's size changed"
            )
            notes.append(text)
        return " · ".join(notes)
    if status is ItemStatus.FAILED:
        return translate("QueueModel", "Failed: {reason}").format(
            reason=in_language_shown(item.message)
        )
    if item.video is not None and item.frames_done:
        if item.work_continues:
            text = translate(
                "QueueModel", "Cancelled at frame {done} / {total}; Restore continues from there"
            )
        else:
            text = translate(
                "QueueModel",
                "Cancelled at frame {done} / {total}; the settings changed, so Restore starts over",
            )
        return text.format(done=item.frames_done, total=item.frames_run)
    return translate("QueueModel", "Cancelled")


def _reason(item: QueueItem) -> str:
    """Why the item could not be opened, in the language shown, without the file's name it
    may start with: the row names the file above it."""
    return without_name(in_language_shown(item.message), item.name)


def _restored_text(item: QueueItem) -> str:
    """Where a restored item's result is (or why it could not be saved)."""
    if item.save_failed:
        return translate("QueueModel", "Could not save: {reason}").format(
            reason=in_language_shown(item.message)
        )
    if item.saved_to is not None and item.damaged_frames:
        text = translate("QueueModel", "{saved} · damaged in the source: frame {frames}")
        return text.format(saved=_saved_text(item), frames=frame_numbers(item.damaged_frames))
    if item.saved_to is not None:
        return _saved_text(item)
    if item.result is None:
        return translate("QueueModel", "Restored")
    return translate("QueueModel", "Restored to {width} × {height} with {model}").format(
        width=item.result.width,
        height=item.result.height,
        model=in_language_shown(item.restored_with),
    )


def _left_out_text(item: QueueItem) -> list[str]:
    """What the file its result is saved in left out of it, in the language shown, without
    the photo's name that the row shows above; nothing while the row says why its latest
    save failed."""
    if item.saved_to is None or item.save_failed:
        return []
    notes = item.left_out.get(item.saved_to, ())
    return [without_name(in_language_shown(note), item.name) for note in notes]


def _saved_text(item: QueueItem) -> str:
    """Where a restored item's result was saved: its file, or a film's numbered frames (how
    many, of which kind, in which folder)."""
    saved = item.saved_to
    if item.video is None or not is_frame_target(saved):
        return translate("QueueModel", "Saved as {name}").format(name=saved.name)
    count = item.made_part.count(item.video.frames)
    text = plural(
        count,
        translate("QueueModel", "Saved 1 {format} frame in {folder}"),
        translate("QueueModel", "Saved {count} {format} frames in {folder}"),
    )
    folder = f"{saved.parent.name}{os.sep}"
    return text.format(count=count, format=frames_format(saved), folder=folder)


def size_text(item: QueueItem) -> str:
    """The picture's size; for a film also the size it is shown at when its pixels are not
    square, how its frames are made whole when they are interlaced, its frame count and
    running time, and the part of it marked to restore."""
    if not item.width:
        return ""
    size = translate("QueueModel", "{width} × {height}").format(
        width=item.width, height=item.height
    )
    if item.video is not None:
        count = item.video.frames
        frames = plural(
            count, translate("QueueModel", "1 frame"), translate("QueueModel", "{count} frames")
        )
        parts = [
            size,
            _shown_words(item),
            _fields_words(item.video.fields),
            frames.format(count=count),
            _sequence_rate_words(item.video),
            format_timecode(item.video.duration),
            _part_words(item),
        ]
        return " · ".join(filter(None, parts))
    if item.spots_marked:
        marked = translate("QueueModel", "spots marked")
        return f"{size} · {marked}"
    return size


def part_times(info: VideoInfo, part: FilmSpan) -> tuple[str, str]:
    """When the part ``part`` of the film ``info`` starts and ends, as the film bar tells
    times ("0:10.00"): its end is where its last frame ends."""
    start, end = span_seconds(info, part)
    return format_timecode(float(start)), format_timecode(float(end))


def _part_words(item: QueueItem) -> str:
    """The part of a film marked to restore, "part 0:10.00–0:30.00"; "" for the whole."""
    if not item.has_part:
        return ""
    start, end = part_times(item.video, item.part)
    return translate("QueueModel", "part {start}–{end}").format(start=start, end=end)


def _shown_words(item: QueueItem) -> str:
    """The size a film of non-square pixels is shown at (as players show it); "" for square
    pixels."""
    aspect = pixel_aspect(item.video)
    if aspect == 1:
        return ""
    width, height = shown_size(item.width, item.height, aspect)
    return translate("QueueModel", "shown {width} × {height}").format(width=width, height=height)


def _sequence_rate_words(info: VideoInfo) -> str:
    """The rate a frame sequence is read at (its frames say none: the Films settings chose
    it), "24 fps"; "" for a film file, which keeps its own."""
    if info.sequence is None:
        return ""
    return translate("QueueModel", "{rate} fps").format(rate=rate_words(info.rate))


def _fields_words(fields: Fields | None) -> str:
    """How an interlaced film's frames are made whole (engine/video/fields.py), in words;
    "" for a film of whole frames."""
    kind = fields.kind if fields is not None else ""
    if kind == TELECINE:
        return translate("QueueModel", "telecined film")
    if kind == WHOLE:
        return translate("QueueModel", "whole frames in fields")
    if kind:
        return translate("QueueModel", "interlaced")
    return ""


class QueueModel(QAbstractListModel):
    """The photos and films in order; views read items through ``ItemRole``."""

    # list[tuple[QueueItem, ResultFile]]: results written (those of a batch of saves at once)
    results_added = Signal(object)
    rows_done = Signal()  # rows came or went, a run at a time: the change is over
    part_marked = Signal(object)  # QueueItem: a film whose part to restore is marked anew

    ItemRole = Qt.ItemDataRole.UserRole + 1
    FolderHintRole = Qt.ItemDataRole.UserRole + 2
    """The end of the item's folder when another queued file has its name ("box1/"), else ""."""
    ProgressRole = Qt.ItemDataRole.UserRole + 3
    """The share of the item restored: the only role told changed by a run's progress report
    (``PROGRESS_FIELDS``), which those reading other roles pass over."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[QueueItem] = []
        self._rows: dict[int, int] | None = {}  # item id: its row (None: rows came or went)
        self._folders: tuple[Path, ...] | None = ()  # ``added_folders`` (None: rows came or went)
        self._hints: dict[int, str] = {}  # by item id

    # -- reading --------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(filter(None, [str(item.source), size_text(item), status_text(item)]))
        if role == Qt.ItemDataRole.AccessibleTextRole:  # a screen reader's name of the row
            return f"{self._hints.get(item.id, '')}{item.name}"
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:  # what the row paints beside it
            return "\n".join(filter(None, [status_text(item), size_text(item)]))
        if role == self.ItemRole:
            return item
        if role == self.FolderHintRole:
            return self._hints.get(item.id, "")
        if role == self.ProgressRole:
            return item.progress
        return None

    def items(self) -> list[QueueItem]:
        return list(self._items)

    def item(self, item_id: int | None) -> QueueItem | None:
        return self.item_at(self.row_of(item_id))

    def item_at(self, row: int) -> QueueItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, item_id: int | None) -> int:
        """The item's row, -1 when it is not in the queue: looked up by id, not searched for
        (the window's parts ask at each change of each row); the rows are noted again at the
        first question after rows came or went."""
        if self._rows is None:
            self._rows = {item.id: row for row, item in enumerate(self._items)}
        return self._rows.get(item_id, -1)

    def added_folders(self) -> tuple[Path, ...]:
        """The folders added that the queue's items were found in (``QueueItem.added_with``),
        once each, in the queue's order; noted again at the first question after rows came or
        went (each save asks)."""
        if self._folders is None:
            added = (item.added_with for item in self._items if item.added_with is not None)
            self._folders = tuple(dict.fromkeys(added))
        return self._folders

    def _rows_moved(self) -> None:
        """Forget what was noted of the rows: they came or went."""
        self._rows = self._folders = None

    # -- changing -------------------------------------------------------------------------

    def add_paths(
        self,
        files: Iterable[Path],
        row: int | None = None,
        resolved: Mapping[Path, Path] | None = None,
        added_with: Mapping[Path, Path] | None = None,
        sequences: Collection[Path] | None = None,
    ) -> list[QueueItem]:
        """Add the files not already queued, at ``row`` (after the last when None); returns the
        new items. ``resolved``: the files' resolved paths where learnt already (off the UI
        thread, as ``app.folder_search`` does); ``added_with``: the folder added that each file
        was found in, where it was; ``sequences``: those of ``files`` that are frame
        sequences, the others not (None: learnt when asked, ``QueueItem.is_sequence``)."""
        known = {item.key for item in self._items}
        fresh = []
        for path in files:
            item = QueueItem(
                path,
                resolved=(resolved or {}).get(path),
                added_with=(added_with or {}).get(path),
                sequence=None if sequences is None else path in sequences,
            )
            if item.key not in known:
                known.add(item.key)
                fresh.append(item)
        self.add_items(fresh, row)
        return fresh

    def add_items(self, items: list[QueueItem], row: int | None = None) -> None:
        """Add items (new ones, or those the workspace kept) at ``row``, after the last when
        None."""
        if items:
            start = len(self._items) if row is None else row
            self.beginInsertRows(QModelIndex(), start, start + len(items) - 1)
            self._items[start:start] = items
            self._rows_moved()
            self.endInsertRows()
            self._update_hints()
            self.rows_done.emit()

    def update(self, item_id: int, **changes) -> QueueItem | None:
        """Set fields of an item and repaint its row."""
        updated = self.update_each([item_id], **changes)
        return updated[0] if updated else None

    def update_each(self, item_ids: Iterable[int], **changes) -> list[QueueItem]:
        """Set the same fields of several items and repaint their rows, each run of
        neighbours at once; returns the items (those in the queue), in their rows' order."""
        rows = sorted({row for row in map(self.row_of, item_ids) if row >= 0})
        for row in rows:
            for name, value in changes.items():
                setattr(self._items[row], name, value)
        self._repaint(rows, self._roles_changed(changes.keys()))
        return [self._items[row] for row in rows]

    def set_part(self, item_id: int, part: FilmSpan) -> None:
        """Mark the part of a film to restore (``QueueItem.part``) and repaint its row."""
        item = self.update(item_id, part=part)
        if item is not None:
            self.part_marked.emit(item)

    def _roles_changed(self, fields: Collection[str]) -> list[int]:
        """The roles told changed when ``fields`` of items change: ``ProgressRole`` alone for
        a progress report, else all of them (an empty list)."""
        return [self.ProgressRole] if fields and PROGRESS_FIELDS.issuperset(fields) else []

    def _repaint(self, rows: list[int], roles: Sequence[int] = ()) -> None:
        """Tell the views that ascending ``rows`` changed (in ``roles``; all, where none are
        given), a signal per run of neighbours."""
        for first, last in _runs(rows):
            self.dataChanged.emit(self.index(first), self.index(last), list(roles))

    def add_result(self, item: QueueItem, path: Path) -> None:
        """Note the item's result on hand written to ``path``: it is ``saved_to``, and joins
        the item's history with its ``recipe`` (once, when saved in the same file again). The
        item may have been taken out of the queue meanwhile: Undo puts it back saved."""
        self.add_results([(item, path)])

    def add_results(self, written: Sequence[tuple[QueueItem, Path]]) -> None:
        """``add_result`` for each item and the file its result was written to, their rows
        (those in the queue) repainted together: a row whose height changes has the list laid
        out again, which takes milliseconds in a long queue."""
        for item, path in written:
            item.saved_to, item.message = path, ""
        self.update_each(item.id for item, _path in written)
        added = []
        for item, path in written:
            if item.recipe is None:
                continue
            result = ResultFile(path, item.recipe, item.made_part)
            if result not in item.history:
                item.history.append(result)
                added.append((item, result))
        if added:
            self.results_added.emit(added)

    def remove(self, item_ids: Iterable[int]) -> list[tuple[int, QueueItem]]:
        """Take items out, each run of neighbours at once; returns each with the row it had,
        for ``put_back``."""
        doomed = set(item_ids)
        taken = [(row, item) for row, item in enumerate(self._items) if item.id in doomed]
        if not taken:
            return taken
        for first, last in reversed(_runs([row for row, _item in taken])):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._items[first : last + 1]
            self._rows_moved()
            self.endRemoveRows()
        self._update_hints()
        self.rows_done.emit()
        return taken

    def put_back(self, taken: list[tuple[int, QueueItem]]) -> list[QueueItem]:
        """Put removed items back in the rows they had (``remove``'s answer); one whose file
        was queued again meanwhile stays out. Returns the items put back."""
        known = {item.key for item in self._items}
        back = [(row, item) for row, item in taken if item.key not in known]
        rows = {row: item for row, item in back}
        for first, last in _runs(sorted(rows)):
            start = min(first, len(self._items))
            self.beginInsertRows(QModelIndex(), start, start + last - first)
            self._items[start:start] = [rows[row] for row in range(first, last + 1)]
            self._rows_moved()
            self.endInsertRows()
        self._update_hints()
        self.rows_done.emit()
        return [item for _row, item in back]

    def _update_hints(self) -> None:
        """Tell apart, again, the files that share a name; repaint the rows whose hint changed."""
        sources = {item.id: item.source.absolute() for item in self._items}
        by_path = folder_hints(sources.values())
        hints = {item_id: by_path[path] for item_id, path in sources.items() if path in by_path}
        changed = [
            row
            for row, item in enumerate(self._items)
            if hints.get(item.id) != self._hints.get(item.id)
        ]
        self._hints = hints
        self._repaint(changed)


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Ascending rows as runs of neighbours, (first, last) each."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs
