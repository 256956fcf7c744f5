"""The spots and scratches a person marks on a photo, to be filled before it is restored.

The marks are a mask of the photo's own size (non-zero marked, 0 not), painted and erased
stroke by stroke with a round brush, each stroke (or search, or clearing) undoable. They are
shown as an indexed image over the mask's own memory, so a stroke shows without copying
anything: marked pixels in translucent red, and those at the edge of a mark (kept at
``EDGE``, not 255) in a dark outline, so a mark shows on red as on any other colour.
Undo keeps each earlier state packed to bits and compressed: a mask is mostly empty, so a
24-megapixel photo's undo steps take kilobytes, not megabytes.

Each photo's marks are kept in a file of the user data folder named after the photo's path
and file stamp, so they come back with the photo after a restart, and a photo changed on
disk starts without marks (they would no longer fit it). A photo whose marks were all taken
away keeps an empty file: it was looked over and has nothing to fill, which is not the same
as never marked (marks kept for a photo, even none, take the place of the search of Remove
dust and specks: ``engine.restorer.spot_marks``).
"""

from __future__ import annotations

import hashlib
import os
import zlib
from pathlib import Path

import cv2
import numpy as np
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QImage

from engine.errors import ImageReadError
from engine.filestamp import FileStamp
from engine.paths import user_data_dir
from engine.retouch.marks import MARKED, marks_digest, read_marks

MARKS_FOLDER = "marks"
"""Where the marks of each photo are kept, in the user data folder."""
MARK_COLOUR = QColor(255, 40, 40, 150)
EDGE = 128
"""The value of a mark's edge pixels, drawn in ``EDGE_COLOUR``."""
EDGE_COLOUR = QColor(20, 0, 0, 220)
UNDO_STEPS = 50


def marks_file(source: Path) -> Path | None:
    """Where the marks of the photo at ``source``, as it is now, are kept (None: the photo
    cannot be read, so it has none)."""
    stamp = FileStamp.find(source)
    if stamp is None:
        return None
    # the path's bytes: a name that is not UTF-8 has them too (as surrogate escapes, no text)
    key = os.fsencode(source.resolve()) + f"\n{stamp.size}\n{stamp.mtime_ns}".encode()
    return user_data_dir() / MARKS_FOLDER / f"{hashlib.sha256(key).hexdigest()[:24]}.png"


def stored_marks(source: Path) -> Path | None:
    """The file of the marks made on the photo at ``source``, if any were kept."""
    path = marks_file(source)
    return path if path is not None and path.is_file() else None


def stored_fingerprint(source: Path) -> str:
    """A fingerprint of the marks kept for the photo at ``source`` ("" when none): the
    recipe's, so that a result made before the marks changed is seen to be out of date."""
    path = stored_marks(source)
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:12] if path else ""
    except OSError:
        return ""


def has_marks(source: Path) -> bool:
    """Whether places are marked to fill on the photo at ``source``: marks are kept for it,
    and they are not empty (see the module's docstring) or cannot be read (restoring reads
    them, and says so)."""
    path = stored_marks(source)
    if path is None:
        return False
    try:
        return bool(read_marks(path).any())
    except ImageReadError:
        return True


class SpotMarks:
    """A photo's marks while they are edited: a brush paints (or erases) them stroke by
    stroke, and ``image`` shows them."""

    def __init__(self, marks: np.ndarray) -> None:
        self._mask = np.ascontiguousarray(np.where(marks > 0, MARKED, 0).astype(np.uint8))
        height, width = self._mask.shape
        self.image = QImage(self._mask.data, width, height, width, QImage.Format.Format_Indexed8)
        colours = [0] * (MARKED + 1)
        colours[EDGE], colours[MARKED] = EDGE_COLOUR.rgba(), MARK_COLOUR.rgba()
        self.image.setColorTable(colours)
        self._outline()
        self._undo: list[bytes] = []
        self._was_marked = False
        self._stroke: tuple[int, int] | None = None  # its value and radius, while painting
        self._last = QPointF()

    @classmethod
    def blank(cls, width: int, height: int) -> SpotMarks:
        return cls(np.zeros((height, width), np.uint8))

    @property
    def mask(self) -> np.ndarray:
        """The marks: HxW uint8, non-zero where marked (255 inside, ``EDGE`` at a mark's
        edge; the marks' own memory: do not change)."""
        return self._mask

    def digest(self) -> str:
        """The marks' fingerprint (``engine.retouch.marks.marks_digest``); "" when empty."""
        return marks_digest(self._mask) if self._mask.any() else ""

    @property
    def was_marked(self) -> bool:
        """Whether anything is marked now or was before any step since these marks were
        made (marks seen and then taken away leave the photo looked over)."""
        return self._was_marked or bool(self._mask.any())

    def can_undo(self) -> bool:
        return bool(self._undo)

    # -- changing them --------------------------------------------------------------------

    def begin_stroke(self, point: QPointF, radius: float, erase: bool) -> None:
        """Start painting (or erasing) at ``point`` (the photo's pixels) with a brush of
        ``radius`` pixels."""
        self._remember()
        self._stroke = (0 if erase else MARKED, max(1, round(radius)))
        self._last = point
        self.extend_stroke(point)

    def extend_stroke(self, point: QPointF) -> None:
        """Paint on from the last point to ``point``."""
        if self._stroke is None:
            return
        value, radius = self._stroke
        start = (round(self._last.x()), round(self._last.y()))
        end = (round(point.x()), round(point.y()))
        cv2.line(self._mask, start, end, value, thickness=2 * radius, lineType=cv2.LINE_8)
        cv2.circle(self._mask, end, radius, value, thickness=-1)
        reach = radius + 2
        (x0, x1), (y0, y1) = sorted((start[0], end[0])), sorted((start[1], end[1]))
        self._outline(max(0, y0 - reach), max(0, x0 - reach), y1 + reach + 1, x1 + reach + 1)
        self._last = point

    def end_stroke(self) -> None:
        self._stroke = None

    def add(self, found: np.ndarray) -> None:
        """Mark also where ``found`` is marked (spots a search found), as one step."""
        self._remember()
        self._mask[found > 0] = MARKED
        self._outline()

    def clear(self) -> None:
        self._remember()
        self._mask[:] = 0

    def undo(self) -> None:
        """Put the marks back as they were before the last step."""
        if not self._undo:
            return
        self._was_marked = self.was_marked
        bits = np.frombuffer(zlib.decompress(self._undo.pop()), np.uint8)
        unpacked = np.unpackbits(bits, count=self._mask.size).reshape(self._mask.shape)
        self._mask[:] = unpacked * np.uint8(MARKED)
        self._outline()

    def _outline(self, top: int = 0, left: int = 0, bottom: int = -1, right: int = -1) -> None:
        """Set the marks' edge pixels (``EDGE``) and the rest inside (255) anew, in the rows
        ``top`` to ``bottom`` and columns ``left`` to ``right`` (-1: to the end), judged with
        the pixels one beyond them."""
        height, width = self._mask.shape
        bottom = height if bottom < 0 else min(bottom, height)
        right = width if right < 0 else min(right, width)
        if bottom <= top or right <= left:
            return
        above, before = max(0, top - 1), max(0, left - 1)
        seen = self._mask[above : min(height, bottom + 1), before : min(width, right + 1)]
        marked = (seen > 0).astype(np.uint8)
        inner = cv2.erode(marked, np.ones((3, 3), np.uint8), borderValue=1)
        outlined = np.where(inner > 0, MARKED, marked * np.uint8(EDGE))
        rows, columns = slice(top - above, bottom - above), slice(left - before, right - before)
        self._mask[top:bottom, left:right] = outlined[rows, columns]

    def _remember(self) -> None:
        self._was_marked = self.was_marked
        self._undo.append(zlib.compress(np.packbits(self._mask > 0).tobytes(), 1))
        del self._undo[:-UNDO_STEPS]
