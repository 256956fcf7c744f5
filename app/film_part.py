"""The part of a film to restore, marked on the film bar as editors mark one: In at the frame
shown starts the part there, and Out at the frame shown ends it with that frame (the engine's
part, ``FilmSpan``, ends before its ``end``: Out is the boundary after the frame shown). A
mark set past the other moves that one out of the way, to the film's end (In after Out) or
its start (Out before In), so that a part always holds a frame; Clear In/Out marks the whole
film again. Each film keeps its own part (``QueueItem.part``), which the workspace keeps and
Restore restores, its result named by the part's frames as the command line names it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from app.frame_scrubber import FrameScrubber
from app.photo_queue import QueueItem, QueueModel
from engine.video import VideoInfo
from engine.video.span import FilmSpan


def with_in(part: FilmSpan, index: int, info: VideoInfo) -> tuple[FilmSpan, bool]:
    """``part`` of the film ``info`` with its In at frame ``index``, and whether its Out went
    to the film's end for it (the frame was past the part's last)."""
    end = part.end_in(info.frames)
    moved = index >= end
    return FilmSpan(index, info.frames if moved else end).within(info), moved


def with_out(part: FilmSpan, index: int, info: VideoInfo) -> tuple[FilmSpan, bool]:
    """``part`` of the film ``info`` ending with frame ``index``, and whether its In went to
    the film's start for it (the frame was before the part's first)."""
    moved = index < part.first
    return FilmSpan(0 if moved else part.first, index + 1).within(info), moved


def holds(part: FilmSpan, index: int, frames: int) -> bool:
    """Whether frame ``index`` of a film of ``frames`` frames is in ``part``."""
    return part.first <= index < part.end_in(frames)


class FilmPart(QObject):
    """Marks the part to restore of the film on show (``shown``), at the frame the bar
    shows: the window's Set In, Set Out and Clear In/Out."""

    def __init__(
        self,
        scrubber: FrameScrubber,
        queue: QueueModel,
        shown: Callable[[], QueueItem | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._scrubber = scrubber
        self._queue = queue
        self._shown = shown

    def set_in(self) -> None:
        film = self._film()
        if film is None:
            return
        part, moved = with_in(film.part, self._scrubber.index(), film.video)
        note = self.tr("In is past Out, so Out moved to the end of the film.")
        self._mark(film, part, note if moved else "")

    def set_out(self) -> None:
        film = self._film()
        if film is None:
            return
        part, moved = with_out(film.part, self._scrubber.index(), film.video)
        note = self.tr("Out is before In, so In moved to the start of the film.")
        self._mark(film, part, note if moved else "")

    def clear(self) -> None:
        film = self._film()
        if film is not None:
            self._mark(film, FilmSpan(), "")

    def _film(self) -> QueueItem | None:
        """The film on show, read, whose frames the bar shows; None for anything else."""
        item = self._shown()
        if item is None or item.video is None or not self._scrubber.isVisible():
            return None
        return item

    def _mark(self, film: QueueItem, part: FilmSpan, note: str) -> None:
        """Mark ``part`` of ``film`` to restore, on its item and on the bar, which says
        ``note`` (how a mark moved, or nothing)."""
        self._queue.set_part(film.id, part)
        self._scrubber.set_part(part)
        self._scrubber.set_note(note)
