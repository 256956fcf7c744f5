"""Draw the README's figure of a frame shown twice replaced by one halfway to the next.

Run: ``.venv/bin/python docs/make_inbetween_figure.py`` (seconds). It writes
``docs/inbetween-figure.jpg``: the same part of four frames in a row of the public-domain 1906
film, which shows its frame 11 (counting from 0) twice, as the film has them (top: the people
crossing the street stop for a frame, then jump on) and with the repeat replaced by
``engine.video.inbetween``'s halfway frame (bottom), as a film's run does it, with a red line
down at one place to judge them by.
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
FIRST, END = 10, 14  # the frames shown: frame 12 repeats frame 11
CROP = np.s_[150:330, 0:240]  # two men crossing the street in front
LINE = 112  # the column of the crop a red line is drawn down, by the nearer man's back
RED = np.array([230, 30, 30], np.uint8)
OUT = REPO / "docs" / "inbetween-figure.jpg"


def frames_before_and_after() -> tuple[list[np.ndarray], list[np.ndarray]]:
    info, _ = scan(FILM)
    cleanup = FilmCleanup(smooth_repeats=True)
    first, end = context(FIRST, END, info.frames, cleanup)
    decoded = (frame for frame in decode_frames(info) if first <= frame.index < end)
    frames = list(cleaned(decoded, FIRST, END, info.frames, cleanup))
    before = [frame.pixels if frame.source is None else frame.source for frame in frames]
    return before, [frame.pixels for frame in frames]


def _row(frames: list[np.ndarray]) -> np.ndarray:
    parts = [pixels[CROP].copy() for pixels in frames]
    for part in parts:
        part[:, LINE] = RED
    return row(parts)


def main() -> None:
    before, after = frames_before_and_after()
    figure = stack([_row(before), _row(after)])
    write_rgb(OUT, figure)
    print(f"{OUT}: {figure.shape[1]}x{figure.shape[0]}")


if __name__ == "__main__":
    main()
