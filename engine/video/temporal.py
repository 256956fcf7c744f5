"""Cleaning a film's frames with the frames around them, as they are decoded: its dust
(dust.py) and its flicker (flicker.py). A stretch of the film (a resumed run, a cluster's
segment, a preview's one frame) decodes the frames beside its ends too, so it comes out as the
whole film's run makes it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

import numpy as np

from engine.video.dust import neighbours_of, remove_dust
from engine.video.flicker import REACH as FLICKER_REACH
from engine.video.flicker import brightness_map, steady
from engine.video.frames import Frame
from engine.video.probe import VideoReadError

DUST_REACH = 2  # frames each side dust removal may compare with (two inward at the film's ends)


@dataclass(frozen=True)
class FilmCleanup:
    """What is taken out of a film's frames before they are enlarged."""

    remove_dust: bool = False  # dust and dirt one frame shows and its neighbours do not
    steady_flicker: bool = False  # each frame brought to its shot's steady brightness

    def __bool__(self) -> bool:
        return self.remove_dust or self.steady_flicker

    @property
    def reach(self) -> int:
        """Frames each side of a frame that cleaning it needs."""
        return max(
            DUST_REACH if self.remove_dust else 0, FLICKER_REACH if self.steady_flicker else 0
        )

    def settings(self) -> dict[str, bool]:
        """The choices that are on, for a film's settings key (none when nothing is)."""
        return {name: True for name in ("remove_dust", "steady_flicker") if getattr(self, name)}

    def describe(self) -> list[str]:
        """What was done, in words for a film's record."""
        words = {"remove_dust": "dust removed", "steady_flicker": "flicker steadied"}
        return [words[name] for name in self.settings()]


def context(first: int, end: int, frames: int, cleanup: FilmCleanup) -> tuple[int, int]:
    """The frames (first, end) to decode so that frames ``first`` to ``end`` (exclusive) of a
    film of ``frames`` can be cleaned as ``cleanup`` says."""
    return max(0, first - cleanup.reach), min(frames, end + cleanup.reach)


def cleaned(
    decoded: Iterator[Frame], first: int, end: int, frames: int, cleanup: FilmCleanup
) -> Iterator[Frame]:
    """Frames ``first`` to ``end`` (exclusive) of a film of ``frames``, cleaned as ``cleanup``
    says, from ``decoded``: consecutive frames from ``context(...)[0]`` on. A frame that
    changed keeps what was decoded as its ``source``. ``decoded`` is closed when this is."""
    reach = cleanup.reach
    window: dict[int, Frame] = {}
    maps: dict[int, np.ndarray] = {}  # the flicker's brightness maps of the frames in it
    try:
        for index in range(first, end):
            last = min(frames - 1, index + reach)
            while last not in window:
                frame = next(decoded, None)
                if frame is None:
                    raise VideoReadError(f"frame {last} could not be decoded")
                window[frame.index] = frame
                if cleanup.steady_flicker:
                    maps[frame.index] = brightness_map(frame.pixels)
            yield _clean(index, window, maps, frames, cleanup)
            for old in [old for old in window if old <= index - reach]:
                del window[old]
                maps.pop(old, None)
    finally:
        close = getattr(decoded, "close", None)
        if close is not None:
            close()


def _clean(
    index: int,
    window: dict[int, Frame],
    maps: dict[int, np.ndarray],
    frames: int,
    cleanup: FilmCleanup,
) -> Frame:
    frame = window[index]
    pixels = frame.pixels
    pair = neighbours_of(index, frames)
    if cleanup.remove_dust and pair is not None:
        pixels = remove_dust(pixels, (window[pair[0]].pixels, window[pair[1]].pixels)).pixels
    if cleanup.steady_flicker:
        pixels = steady(pixels, index, maps)
    return frame if pixels is frame.pixels else replace(frame, pixels=pixels, source=frame.pixels)
