"""Draw the README's figure of a film's picture held still.

Run: ``.venv/bin/python docs/make_weave_figure.py`` (seconds). It writes
``docs/weave-figure.jpg``: the same part of five frames in a row of the public-domain 1906
film, where a splice throws one frame 17 pixels up and the next ones weave, as the film has
them (top) and steadied by ``engine.video.weave`` (bottom, the film's frames around each one
compared, as a film's run does), with a red line across at one height to judge them by.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from engine.video.frames import decode_frames  # noqa: E402
from engine.video.probe import scan  # noqa: E402
from engine.video.temporal import FilmCleanup, cleaned, context  # noqa: E402
from tools.side_by_side import row, stack, write_rgb  # noqa: E402

FILM = REPO.parent / "shared" / "data" / "video" / "market_street_1906_60f.mp4"
FIRST, END = 19, 24  # the frames shown: the splice throws frame 22 (counting from 0)
CROP = np.s_[40:240, 150:370]  # the tower at the street's end and the buildings beside it
LINE = 70  # the row of the crop the red line is drawn across
RED = np.array([230, 30, 30], np.uint8)
OUT = REPO / "docs" / "weave-figure.jpg"


def frames_before_and_after() -> tuple[list[np.ndarray], list[np.ndarray]]:
    info, _ = scan(FILM)
    cleanup = FilmCleanup(steady_picture=True)
    first, end = context(FIRST, END, info.frames, cleanup)
    decoded = (frame for frame in decode_frames(info) if first <= frame.index < end)
    frames = list(cleaned(decoded, FIRST, END, info.frames, cleanup))
    before = [frame.pixels if frame.source is None else frame.source for frame in frames]
    return before, [frame.pixels for frame in frames]


def _row(frames: list[np.ndarray]) -> np.ndarray:
    parts = [pixels[CROP].copy() for pixels in frames]
    for part in parts:
        part[LINE] = RED
    return row(parts)


def main() -> None:
    before, after = frames_before_and_after()
    figure = stack([_row(before), _row(after)])
    write_rgb(OUT, figure)
    print(f"{OUT}: {figure.shape[1]}x{figure.shape[0]}")


if __name__ == "__main__":
    main()
