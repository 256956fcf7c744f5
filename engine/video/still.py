"""Single frames of a film, to show and preview one frame before restoring the whole film:
``read_frame``, and a ``FrameReader`` that keeps a film's frame times to seek again quickly.

A frame is numbered as ``restore_video`` numbers it (0-based, in presentation order) and comes
out with the same pixels, so a preview shows what the whole run will make of that frame.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from engine.errors import RekindleError
from engine.video.frames import before_frame, decode_frames
from engine.video.probe import VideoInfo, VideoReadError, probe
from engine.video.temporal import FilmCleanup, cleaned, context, marked
from engine.words import say


def poster_frame(info: VideoInfo) -> int:
    """The frame that stands for a film until one is chosen: its middle, past any black leader
    and titles."""
    return info.frames // 2


class FrameReader:
    """Reads frames of one film by number, seeking to the keyframe before each one."""

    def __init__(self, source: str | os.PathLike, info: VideoInfo | None = None) -> None:
        """``info``: what ``probe`` made of ``source`` already (it reads the whole
        file), so it is not read twice."""
        self.info = info if info is not None else probe(source)

    def describes(self, path: str | os.PathLike) -> bool:
        """Whether this reader was made for the file now at ``path`` (same name, size and
        modification time): a film replaced or damaged since needs a new reader."""
        return Path(path) == self.info.path and self.info.matches(path)

    def read(
        self, index: int, cleanup: FilmCleanup | None = None, marks: np.ndarray | None = None
    ) -> np.ndarray:
        """Frame ``index``'s RGB pixels (uint8, or uint16 for films of more than 8 bits),
        with the places ``marks`` holds filled; given a ``cleanup`` (even one that does
        nothing), cleaned and its repeat settled as ``restore_video`` gives it to the model,
        else as the film shows it (made whole, when interlaced).

        Raises ``RekindleError`` for a number outside the film, ``VideoReadError`` when the
        frame cannot be decoded.
        """
        info = self.info
        if not 0 <= index < info.frames:
            raise RekindleError(
                say(
                    "{name} has no frame {index}: its frames are numbered 0 to {last}",
                    name=info.path.name,
                    index=index,
                    last=info.frames - 1,
                )
            )
        first = index if cleanup is None else context(index, index + 1, info.frames, cleanup)[0]
        after_pts, after_raw_pts = before_frame(info, first) or (None, None)
        decoded = marked(decode_frames(info, first, after_pts, after_raw_pts), marks)
        frames = (
            decoded if cleanup is None else cleaned(decoded, index, index + 1, info.frames, cleanup)
        )
        try:
            frame = next(frames, None)
        finally:
            frames.close()
        if frame is None:
            raise VideoReadError(
                say(
                    "{name}: frame {index} could not be decoded (the film is damaged)",
                    name=info.path.name,
                    index=index,
                )
            )
        return frame.pixels


def read_frame(source: str | os.PathLike, index: int) -> np.ndarray:
    """Frame ``index`` (0-based) of the film ``source`` as RGB pixels; see ``FrameReader``."""
    return FrameReader(source).read(index)
