"""Draw the README's figure of a film's picture held still.

Run: ``.venv/bin/python docs/make_weave_figure.py`` (seconds). It writes
``docs/weave-figure.jpg``: the same part of five frames in a row of the public-domain 1906
film, where a splice throws one frame 17 pixels up and the next ones weave, as the film has
them (top) and steadied by ``engine.video.weave`` (bottom, the film's frames around each one
compared, as a film's run does), with a red line across at one height to judge them by.
"""

from __future__ import annotations

import numpy as np
from film_figure import REPO, frames_before_and_after, marked_row

from engine.video.temporal import FilmCleanup
from tools.side_by_side import stack, write_rgb

FIRST, END = 19, 24  # the frames shown: the splice throws frame 22 (counting from 0)
CROP = np.s_[40:240, 150:370]  # the tower at the street's end and the buildings beside it
LINE = np.s_[70]  # the row of the crop the red line is drawn across
OUT = REPO / "docs" / "weave-figure.jpg"


def main() -> None:
    before, after = frames_before_and_after(FIRST, END, FilmCleanup(steady_picture=True))
    figure = stack([marked_row(frames, CROP, LINE) for frames in (before, after)])
    write_rgb(OUT, figure)
    print(f"{OUT}: {figure.shape[1]}x{figure.shape[0]}")


if __name__ == "__main__":
    main()
