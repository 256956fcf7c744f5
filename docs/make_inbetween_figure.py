"""Draw the README's figure of a frame shown twice replaced by one halfway to the next.

Run: ``.venv/bin/python docs/make_inbetween_figure.py`` (seconds). It writes
``docs/inbetween-figure.jpg``: the same part of four frames in a row of the public-domain 1906
film, which shows its frame 11 (counting from 0) twice, as the film has them (top: the people
crossing the street stop for a frame, then jump on) and with the repeat replaced by
``engine.video.inbetween``'s halfway frame (bottom), as a film's run does it, with a red line
down at one place to judge them by.
"""

from __future__ import annotations

import numpy as np
from film_figure import REPO, frames_before_and_after, marked_row

from engine.video.temporal import FilmCleanup
from tools.side_by_side import stack, write_rgb

FIRST, END = 10, 14  # the frames shown: frame 12 repeats frame 11
CROP = np.s_[150:330, 0:240]  # two men crossing the street in front
LINE = np.s_[:, 112]  # the column of the crop a red line is drawn down, by the nearer man's back
OUT = REPO / "docs" / "inbetween-figure.jpg"


def main() -> None:
    before, after = frames_before_and_after(FIRST, END, FilmCleanup(smooth_repeats=True))
    figure = stack([marked_row(frames, CROP, LINE) for frames in (before, after)])
    write_rgb(OUT, figure)
    print(f"{OUT}: {figure.shape[1]}x{figure.shape[0]}")


if __name__ == "__main__":
    main()
