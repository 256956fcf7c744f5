"""The spots and scratches a person marks on a photo, to be filled before it is restored.

The marks are a mask of the photo's own size (non-zero marked, 0 not), painted and erased
stroke by stroke with a round brush, each stroke (or search, or clearing) undoable, and
what was undone redoable until the marks change again. They are shown as an indexed image
over the mask's own memory, so a stroke shows without copying anything: marked pixels in
translucent red, and those at the edge of a mark (kept at ``EDGE``, not 255) in a dark
outline, so a mark shows on red as on any other colour. Undo keeps, of each step, only the
rectangle it changed as it was before (redo, as it was after), packed to bits and
compressed: a stroke on a 48-megapixel photo is kept in the room of the stroke, not of the
photo. A change too large to outline at once (undoing Clear, a search's spots) is outlined
a band at a time (``SpotMarks.outline_next``), so that no step holds the window up.

Each photo's marks are kept in a file of the user data folder named after the photo's path
and file stamp, so they come back with the photo after a restart, and a photo changed on
disk starts without marks (they would no longer fit it). Beside them, named after the
photo's path alone, a record keeps the photo's stamp and the SHA-256 of its bytes as they
were when the marks were kept: a photo whose stamp alone changed (touched, or copied over
by a sync tool that does not keep times) is still the picture marked, and keeps its marks (the
window, which never hashes a photo, takes it for the picture marked while its bytes are hashed
on another thread, so only what it shows is presumed: the marks a restoration or a preview
fills, and those marking starts from, are looked up off it, where the photo is hashed
first, once a stamp); a photo is recorded too as marking it begins, so that one touched while
it is marked for the first time keeps the marks made. A photo whose marks were all taken away
keeps an empty file: it was looked over and has nothing to fill, which is not the same as
never marked (marks kept for a photo, even none, take the place of the search of Remove dust
and specks: ``engine.restorer.spot_marks``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import zlib
from collections import OrderedDict
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import cv2
import numpy as np
from PySide6.QtCore import QPointF, QThreadPool
from PySide6.QtGui import QColor, QImage

from engine.atomic import write_bytes_atomically
from engine.errors import ImageReadError
from engine.filestamp import FileStamp
from engine.paths import user_data_dir
from engine.provenance import source_digest, source_place
from engine.retouch.marks import MARKED, marks_digest, read_marks

log = logging.getLogger(__name__)

MARKS_FOLDER = "marks"
"""Where the marks of each photo are kept, in the user data folder."""
MARK_COLOUR = QColor(255, 40, 40, 150)
EDGE = 128
"""The value of a mark's edge pixels, drawn in ``EDGE_COLOUR``."""
EDGE_COLOUR = QColor(20, 0, 0, 220)
UNDO_STEPS = 50
OUTLINE_PIXELS = 2_000_000
"""The most pixels outlined at once; a larger change is outlined a band of this size at a
time."""
TILE = 256
"""A stroke keeps how the marks were before it in tiles of this many pixels a side, each the
first time it reaches it."""
_NEIGHBOURS = np.ones((3, 3), np.uint8)


def marks_file(source: Path, stamp: FileStamp | None = None) -> Path | None:
    """Where the marks of the photo at ``source`` are kept, as it is now or as it was when
    stamped ``stamp`` (None: the photo cannot be read, so it has none)."""
    stamp = stamp or FileStamp.find(source)
    if stamp is None:
        return None
    # the path's bytes: a name that is not UTF-8 has them too (as surrogate escapes, no text)
    key = os.fsencode(source.resolve()) + f"\n{stamp.size}\n{stamp.mtime_ns}".encode()
    return user_data_dir() / MARKS_FOLDER / f"{hashlib.sha256(key).hexdigest()[:24]}.png"


@dataclass(frozen=True)
class _Record:
    """The photo as it was when its marks were last kept: its stamp, and the SHA-256 of its
    bytes (``engine.provenance.source_digest``)."""

    stamp: FileStamp
    content: str


def _record_file(source: Path) -> Path:
    """Where the ``_Record`` of the photo at ``source`` is kept: named after its path alone,
    so that it is found whatever the photo's stamp is now."""
    return user_data_dir() / MARKS_FOLDER / f"{source_place(source)[:24]}.json"


def _read_record(source: Path) -> _Record | None:
    try:
        raw = json.loads(_record_file(source).read_text(encoding="utf-8"))
        stamp = FileStamp(int(raw["size"]), int(raw["mtime_ns"]))
        return _Record(stamp, str(raw["content"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def record_photo(source: Path) -> None:
    """Record the photo at ``source`` as it is now, its marks just kept: when only its stamp
    changes later, its marks stay its own (``stored_marks``). Reads the whole file: call it
    off the window's thread, and not for a film (gigabytes; its marks follow its stamp)."""
    stamp, content = FileStamp.find(source), source_digest(source)
    if stamp is not None and content is not None:
        _write_record(source, _Record(stamp, content))


def record_marked(source: Path, since: FileStamp) -> None:
    """Record the photo at ``source`` as the picture stamped ``since``, as marking it begins,
    unless it has a record of that stamp already, or one whose marks are kept (they stay its
    own until marks are kept anew): a photo touched while it is marked for the first time is
    told at Done from one changed (``same_picture``). Reads the whole file: call it off the
    window's thread, and not for a film."""
    record = _read_record(source)
    if record is not None and (record.stamp == since or _marks_kept(source, record)):
        return
    content = source_digest(source)
    if content is not None and FileStamp.find(source) == since:  # not changed meanwhile
        _write_record(source, _Record(since, content))


def _marks_kept(source: Path, record: _Record) -> bool:
    """Whether marks are kept for the photo at ``source`` as ``record`` stamps it."""
    kept = marks_file(source, record.stamp)
    return kept is not None and kept.is_file()


def _write_record(source: Path, record: _Record) -> None:
    stamp = record.stamp
    text = json.dumps({"size": stamp.size, "mtime_ns": stamp.mtime_ns, "content": record.content})
    write_bytes_atomically(_record_file(source), text.encode())


def forget_record(source: Path) -> None:
    """The photo at ``source`` has no marks kept any more: its record goes too."""
    _record_file(source).unlink(missing_ok=True)


def same_picture(source: Path, since: FileStamp) -> bool:
    """Whether the photo at ``source`` is still the picture it was when stamped ``since``:
    its stamp is the same, or only its stamp changed since its marks were kept at
    ``since`` (its bytes are those recorded then)."""
    now = FileStamp.find(source)
    if now is None or now == since:
        return now is not None
    record = _read_record(source)
    return (
        record is not None
        and record.stamp == since
        and now.size == since.size
        and source_digest(source) == record.content
    )


def stored_marks(source: Path) -> Path | None:
    """The file of the marks made on the photo at ``source``, if any were kept: for it as it
    is now, or for the same bytes under another stamp, moved to the name of its stamp now.
    Off the window's thread the photo may be hashed to tell; on it, it is presumed the same
    while it is hashed elsewhere (``_same_bytes``): what is filled is looked up off it."""
    path = marks_file(source)
    if path is None:
        return None
    if path.is_file():
        return path
    return _restamped(source, path)


def _restamped(source: Path, path: Path) -> Path | None:
    """The marks kept for the photo at ``source`` under the stamp of its record, when only
    its stamp changed since (``_same_bytes``): moved to ``path`` (its stamp now's), the
    record with them. On the window's thread they are left where they are."""
    record = _read_record(source)
    earlier = None if record is None else marks_file(source, record.stamp)
    if record is None or earlier is None or not earlier.is_file():
        return None
    if not _same_bytes(source, record):
        return None
    if threading.current_thread() is threading.main_thread():
        return earlier
    with suppress(OSError):  # else they are read where they are (or were moved meanwhile)
        os.replace(earlier, path)
        record_photo(source)
    return next((file for file in (path, earlier) if file.is_file()), None)


HASHES_KEPT = 256
"""The most photos whose hashes are kept (``_hashed``): those asked for least recently are
let go first."""
_hashed: OrderedDict[tuple[Path, FileStamp], str | None] = OrderedDict()
"""The SHA-256 of photos' bytes (``source_digest``) by path and stamp, the latest asked for
last: a photo whose bytes changed under the stamp of its marks is not hashed again each time
its marks are asked for (its row read, each part of it previewed)."""
_hashed_lock = threading.Lock()
"""Held to read or change ``_hashed``, which every thread asking for marks shares."""
_hashing: set[tuple[Path, FileStamp]] = set()
"""The photos, by path and stamp, whose bytes are being hashed on the pool for the window."""


def _same_bytes(source: Path, record: _Record) -> bool:
    """Whether the photo at ``source``, whose stamp is no longer that of ``record``, is the
    picture recorded: of the same size, with the bytes recorded. Any thread but the window's
    hashes it if it has to; the window never does (a large scan on a network share takes
    seconds) and, while its bytes are hashed on a thread of the pool (``_hash_soon``), takes
    it for the picture recorded, so that what it shows does not stop saying it is marked
    meanwhile (of the same size, a photo whose stamp alone changed is by far the likelier;
    what is restored or previewed looks its marks up on the restore worker)."""
    now = FileStamp.find(source)
    if now is None or now.size != record.stamp.size:
        return False
    key = (source, now)
    known, content = _recalled(key)
    if known:
        return content == record.content
    if threading.current_thread() is threading.main_thread():
        _hash_soon(key)
        return True
    return _hashed_now(key) == record.content


def _recalled(key: tuple[Path, FileStamp]) -> tuple[bool, str | None]:
    """Whether the bytes of the photo ``key`` names were hashed (``_hashed``), and their
    hash (None: they could not be read)."""
    with _hashed_lock:
        if key not in _hashed:
            return False, None
        _hashed.move_to_end(key)
        return True, _hashed[key]


def _hashed_now(key: tuple[Path, FileStamp]) -> str | None:
    """The hash of the bytes of the photo ``key`` names, worked out now and kept in
    ``_hashed`` (the least recently asked for let go beyond ``HASHES_KEPT``), unless the
    photo changed as it was hashed."""
    source, stamp = key
    content = source_digest(source)
    if FileStamp.find(source) == stamp:
        with _hashed_lock:
            _hashed[key] = content
            while len(_hashed) > HASHES_KEPT:
                _hashed.popitem(last=False)
    return content


def _hash_soon(key: tuple[Path, FileStamp]) -> None:
    """Hash the bytes of the photo ``key`` names into ``_hashed``, on a thread of the pool
    (once, however often it is asked for meanwhile)."""
    if key in _hashing:
        return
    _hashing.add(key)

    def hash_photo() -> None:
        try:
            _hashed_now(key)
        finally:
            _hashing.discard(key)

    QThreadPool.globalInstance().start(hash_photo)


def stored_fingerprint(source: Path) -> str:
    """A fingerprint of the marks kept for the photo at ``source`` ("" when none): the
    recipe's, so that a result made before the marks changed is seen to be out of date."""
    return marks_fingerprint(stored_marks(source))


def marks_fingerprint(path: Path | None) -> str:
    """The fingerprint of the marks kept in the file ``path`` ("" when there is none, or it
    cannot be read)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:12] if path else ""
    except OSError:
        return ""


def has_marks(source: Path, size: tuple[int, int] | None = None) -> bool:
    """Whether places are marked to fill on the photo at ``source``: marks are kept for it,
    and they are not empty (see the module's docstring) or cannot be read (restoring reads
    them, and says so). ``size``: the photo's width and height, as it was just read: marks
    kept of another size (drawn on another picture under the same stamp, before photos were
    recorded with their marks) are removed, so that they no longer stop its restoration."""
    path = stored_marks(source)
    if path is None:
        return False
    try:
        marks = read_marks(path)
    except ImageReadError:
        return True
    if size is not None and marks.shape != (size[1], size[0]):
        return not _removed_unfitting(source, path)
    return bool(marks.any())


def marks_outgrown(source: Path, size: tuple[int, int]) -> bool:
    """Whether spots were marked on the picture the photo at ``source`` was when its marks
    were last kept, of another size than ``size`` (its width and height now): the photo was
    replaced by a resized one, so those marks are not its own (``stored_marks`` does not give
    them) and a restoration of it fills none of them, which its row says. Marks that cannot
    be read, or mark nothing, were not missed."""
    record = _read_record(source)
    kept = None if record is None else marks_file(source, record.stamp)
    if kept is None or not kept.is_file():
        return False
    try:
        marks = read_marks(kept)
    except ImageReadError:
        return False
    return marks.shape != (size[1], size[0]) and bool(marks.any())


def remove_marks(source: Path, kept: Path) -> None:
    """Remove the marks kept for the photo at ``source`` in ``kept``, and its record with
    them (OSError where they cannot be)."""
    kept.unlink(missing_ok=True)
    forget_record(source)


def _removed_unfitting(source: Path, kept: Path) -> bool:
    """Whether the marks kept for the photo at ``source`` in ``kept``, which do not fit it,
    were removed (``remove_marks``); the log says which way."""
    try:
        remove_marks(source, kept)
    except OSError:
        log.warning("The marks kept for %s no longer fit it, and could not be removed", source)
        return False
    log.info("The marks kept for %s no longer fit it: they were removed", source)
    return True


def _marked_pixels(marks: np.ndarray) -> int:
    """How many pixels of ``marks`` are marked (non-zero)."""
    return int(np.count_nonzero(marks))


class _Box(NamedTuple):
    """A rectangle of the marks: the rows ``top`` to ``bottom`` and columns ``left`` to
    ``right``, the ends left out."""

    top: int
    left: int
    bottom: int
    right: int

    @classmethod
    def around(cls, marks: np.ndarray) -> _Box:
        """The smallest box holding every non-zero pixel of ``marks`` (HxW uint8)."""
        left, top, width, height = cv2.boundingRect(marks)
        return cls(top, left, top + height, left + width)

    @classmethod
    def clipped(cls, top: int, left: int, bottom: int, right: int, shape: tuple) -> _Box:
        """The part of the rectangle that lies on a photo of ``shape`` (HxW)."""
        height, width = shape

        def clip(value: int, end: int) -> int:
            return min(max(value, 0), end)

        return cls(clip(top, height), clip(left, width), clip(bottom, height), clip(right, width))

    @property
    def slices(self) -> tuple[slice, slice]:
        return slice(self.top, self.bottom), slice(self.left, self.right)

    @property
    def width(self) -> int:
        return max(0, self.right - self.left)

    @property
    def area(self) -> int:
        return max(0, self.bottom - self.top) * self.width

    def grown(self, by: int, shape: tuple) -> _Box:
        """This box with ``by`` more pixels on each side, as far as the photo reaches."""
        top, left, bottom, right = self
        return _Box.clipped(top - by, left - by, bottom + by, right + by, shape)

    def joined(self, other: _Box) -> _Box:
        """The smallest box holding this one and ``other``."""
        if not other.area:
            return self
        if not self.area:
            return other
        return _Box(
            min(self.top, other.top),
            min(self.left, other.left),
            max(self.bottom, other.bottom),
            max(self.right, other.right),
        )

    def overlap(self, other: _Box) -> _Box:
        """The part of this box in ``other`` too."""
        return _Box(
            max(self.top, other.top),
            max(self.left, other.left),
            min(self.bottom, other.bottom),
            min(self.right, other.right),
        )

    def within(self, outer: _Box) -> tuple[slice, slice]:
        """This box's place in ``outer``'s pixels."""
        return (
            slice(self.top - outer.top, self.bottom - outer.top),
            slice(self.left - outer.left, self.right - outer.left),
        )


_NOWHERE = _Box(0, 0, 0, 0)


@dataclass(frozen=True)
class _Step:
    """An undo step: which pixels of ``box`` were marked before it, packed to bits and
    compressed."""

    box: _Box
    bits: bytes

    @classmethod
    def of(cls, box: _Box, marked: np.ndarray) -> _Step:
        """The step that puts back ``marked`` (``box``'s pixels, non-zero where marked)."""
        return cls(box, zlib.compress(np.packbits(marked).tobytes(), 1))

    def put_back(self, region: np.ndarray) -> None:
        """Mark ``region`` (the marks' pixels in ``box``) as it was before the step."""
        bits = np.frombuffer(zlib.decompress(self.bits), np.uint8)
        marked = np.unpackbits(bits, count=region.size).reshape(region.shape)
        np.multiply(marked, np.uint8(MARKED), out=region)


@dataclass
class _Stroke:
    """A stroke being painted: its value and radius, the point it reached last, the box it
    painted in, and each tile of ``TILE`` pixels it reached (by row and column of tiles),
    with which of the tile's pixels were marked before the stroke."""

    value: int
    radius: int
    last: QPointF
    box: _Box = _NOWHERE
    before: dict[tuple[int, int], np.ndarray] = field(default_factory=dict)

    def keep(self, box: _Box, mask: np.ndarray) -> None:
        """The stroke is about to paint in ``box`` of ``mask``: keep how the tiles it
        reaches for the first time are marked."""
        self.box = self.box.joined(box)
        for row in range(box.top // TILE, (box.bottom - 1) // TILE + 1):
            for column in range(box.left // TILE, (box.right - 1) // TILE + 1):
                if (row, column) not in self.before:
                    self.before[row, column] = mask[_tile(row, column).slices] > 0

    def step(self, mask: np.ndarray) -> _Step:
        """The undo step that takes the stroke back from ``mask``."""
        marked = mask[self.box.slices] > 0
        for (row, column), was in self.before.items():
            tile = _tile(row, column)
            part = tile.overlap(self.box)
            marked[part.within(self.box)] = was[part.within(tile)]
        return _Step.of(self.box, marked)


def _tile(row: int, column: int) -> _Box:
    """The tile of ``TILE`` pixels in ``row`` and ``column`` of tiles (at the photo's right
    and bottom edges, the part on it)."""
    return _Box(row * TILE, column * TILE, (row + 1) * TILE, (column + 1) * TILE)


class SpotMarks:
    """A photo's marks while they are edited: a brush paints (or erases) them stroke by
    stroke, and ``image`` shows them."""

    def __init__(self, marks: np.ndarray) -> None:
        """Marks to edit, from ``marks`` (HxW, non-zero where marked). Outlining them takes a
        while on a large photo: make them on a job (``blank`` marks are made at once)."""
        mask = np.greater(marks, 0).view(np.uint8)  # an array of its own, 1 where marked
        mask *= np.uint8(MARKED)
        self._take(mask, _marked_pixels(mask))

    @classmethod
    def blank(cls, width: int, height: int) -> SpotMarks:
        """No marks, made at once on any size of photo."""
        marks = cls.__new__(cls)
        marks._take(np.zeros((height, width), np.uint8), 0)
        return marks

    def _take(self, mask: np.ndarray, count: int) -> None:
        """Edit ``mask`` (HxW uint8, ``MARKED`` where marked, ``count`` pixels)."""
        self._mask = mask
        height, width = mask.shape
        self.image = QImage(mask.data, width, height, width, QImage.Format.Format_Indexed8)
        colours = [0] * (MARKED + 1)
        colours[EDGE], colours[MARKED] = EDGE_COLOUR.rgba(), MARK_COLOUR.rgba()
        self.image.setColorTable(colours)
        self._count = count
        self._digest: str | None = None  # worked out when first asked, until they change
        self._undo: list[_Step] = []
        self._redo: list[_Step] = []  # the steps undone, the last undone last
        self._unoutlined: list[_Box] = []  # changed, but not outlined yet
        self._was_marked = False
        self._stroke: _Stroke | None = None
        if count:
            self._outline(_Box(0, 0, height, width))

    @property
    def mask(self) -> np.ndarray:
        """The marks: HxW uint8, non-zero where marked (255 inside, ``EDGE`` at a mark's
        edge once outlined; the marks' own memory: do not change)."""
        return self._mask

    @property
    def shape(self) -> tuple[int, int]:
        return self._mask.shape

    def digest(self) -> str:
        """The marks' fingerprint (``engine.retouch.marks.marks_digest``); "" when empty."""
        if self._digest is None:
            self._digest = marks_digest(self._mask) if self._count else ""
        return self._digest

    @property
    def is_marked(self) -> bool:
        """Whether anything is marked now."""
        return self._count > 0

    @property
    def was_marked(self) -> bool:
        """Whether anything is marked now or was before any step since these marks were
        made (marks seen and then taken away leave the photo looked over)."""
        return self._was_marked or self.is_marked

    def can_undo(self) -> bool:
        return bool(self._undo) or self._stroke is not None

    def can_redo(self) -> bool:
        return bool(self._redo) and self._stroke is None

    def outline_pending(self) -> bool:
        """Whether a large change waits to be outlined (by ``outline_next``)."""
        return bool(self._unoutlined)

    def outline_next(self) -> None:
        """Outline the next band of ``OUTLINE_PIXELS`` of what waits to be, from the marks
        as they are now."""
        if not self._unoutlined:
            return
        box = self._unoutlined.pop(0)
        band = box._replace(bottom=min(box.bottom, box.top + max(1, OUTLINE_PIXELS // box.width)))
        self._outline(band)
        if band.bottom < box.bottom:
            self._unoutlined.insert(0, box._replace(top=band.bottom))

    # -- changing them --------------------------------------------------------------------

    def begin_stroke(self, point: QPointF, radius: float, erase: bool) -> None:
        """Start painting (or erasing) at ``point`` (the photo's pixels) with a brush of
        ``radius`` pixels: one undo step, until ``end_stroke``."""
        self.end_stroke()
        self._was_marked = self.was_marked
        self._stroke = _Stroke(0 if erase else MARKED, max(1, round(radius)), point)
        self.extend_stroke(point)

    def extend_stroke(self, point: QPointF) -> None:
        """Paint on from the last point to ``point``."""
        stroke = self._stroke
        if stroke is None:
            return
        start = (round(stroke.last.x()), round(stroke.last.y()))
        end = (round(point.x()), round(point.y()))
        stroke.last = point
        reach = stroke.radius + 2  # the brush's pixels, and those beside them
        (x0, x1), (y0, y1) = sorted((start[0], end[0])), sorted((start[1], end[1]))
        box = _Box.clipped(y0 - reach, x0 - reach, y1 + reach + 1, x1 + reach + 1, self.shape)
        if not box.area:
            return
        stroke.keep(box, self._mask)
        region = self._mask[box.slices]
        before = _marked_pixels(region)
        thickness = 2 * stroke.radius
        cv2.line(self._mask, start, end, stroke.value, thickness=thickness, lineType=cv2.LINE_8)
        cv2.circle(self._mask, end, stroke.radius, stroke.value, thickness=-1)
        self._recount(region, before)
        self._outline_soon(box)

    def end_stroke(self) -> None:
        """The stroke is painted: it becomes an undo step."""
        stroke, self._stroke = self._stroke, None
        if stroke is not None:
            self._push(stroke.step(self._mask))

    def add(self, found: np.ndarray) -> None:
        """Mark also where ``found`` (HxW uint8, ``MARKED`` there and 0 elsewhere, as
        ``engine.retouch.find.find_spots`` gives) is marked, as one step."""
        self._part_stroke()
        box = _Box.around(found)
        self._remember(box)
        region = self._mask[box.slices]
        before = _marked_pixels(region)
        np.maximum(region, found[box.slices], out=region)
        self._recount(region, before)
        self._outline_soon(box.grown(1, self.shape))

    def clear(self) -> None:
        self._part_stroke()
        box = _Box.around(self._mask)
        self._remember(box)
        self._mask[box.slices] = 0
        self._count, self._digest = 0, None
        self._unoutlined.clear()  # nothing is marked: nothing to outline

    def undo(self) -> None:
        """Put the marks back as they were before the last step (a stroke under way: before
        it; it goes on as a step of its own)."""
        self._part_stroke()
        if self._undo:
            self._redo.append(self._put_back(self._undo.pop()))

    def redo(self) -> None:
        """Take the last step undone again (none once the marks changed since)."""
        if self.can_redo():
            self._undo.append(self._put_back(self._redo.pop()))

    def _put_back(self, step: _Step) -> _Step:
        """Mark ``step``'s box as it keeps; the step that puts it back as it is now."""
        self._was_marked = self.was_marked
        region = self._mask[step.box.slices]
        now = _Step.of(step.box, region > 0)
        before = _marked_pixels(region)
        step.put_back(region)
        self._recount(region, before)
        self._outline_soon(step.box.grown(1, self.shape))
        return now

    def _part_stroke(self) -> None:
        """Another step is taken while a stroke is under way (a search's spots are added,
        say): what the stroke painted so far becomes a step of its own, and the stroke goes
        on as the next."""
        stroke = self._stroke
        if stroke is not None:
            self.end_stroke()
            self._was_marked = self.was_marked
            self._stroke = _Stroke(stroke.value, stroke.radius, stroke.last)

    def _recount(self, region: np.ndarray, before: int) -> None:
        """``region`` was changed, ``before`` of its pixels marked until then."""
        self._count += _marked_pixels(region) - before
        self._digest = None

    def _outline_soon(self, box: _Box) -> None:
        """Outline ``box`` now, or band by band with ``outline_next`` if it is large."""
        if box.area > OUTLINE_PIXELS:
            self._unoutlined.append(box)
        elif box.area:
            self._outline(box)

    def _outline(self, box: _Box) -> None:
        """Set the marks' edge pixels (``EDGE``) and the rest inside (``MARKED``) anew in
        ``box``, judged with the pixels one beyond it (beyond the photo, all are marked)."""
        seen = box.grown(1, self.shape)
        inner = cv2.erode(self._mask[seen.slices], _NEIGHBOURS, borderValue=MARKED)
        region = self._mask[box.slices]
        np.minimum(region, np.uint8(EDGE), out=region)
        region[inner[box.within(seen)] > 0] = MARKED

    def _remember(self, box: _Box) -> None:
        """Keep how the rows of ``box`` are marked now as an undo step (whole rows: they lie
        in one piece of memory, packed without a copy)."""
        self._was_marked = self.was_marked
        rows = box._replace(left=0, right=self.shape[1])
        self._push(_Step.of(rows, self._mask[rows.slices]))

    def _push(self, step: _Step) -> None:
        """A new step: the marks changed, so what was undone can no longer be redone."""
        self._undo.append(step)
        del self._undo[:-UNDO_STEPS]
        self._redo.clear()
