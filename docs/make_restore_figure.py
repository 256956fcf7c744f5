"""Draw the README's before/after figure of the Restore model.

Run: ``.venv/bin/python docs/make_restore_figure.py`` (a minute on a CPU). It writes
``docs/restore-figure.jpg``: one row per picture, bicubic | faithful-x4 | restore-x4 |
restore-detail-x4, and for kodak24 photos the original beside them. The first row is a frame
of the public-domain 1906 film (real damage, no original); the others are kodak24 photos
through the model of real damage with the benchmark's fixed seeds (``bench/quality.py
--degrade real``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import av
import numpy as np
import torch

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from engine.library.loading import open_model  # noqa: E402
from engine.restorer import Restorer  # noqa: E402
from tools.side_by_side import side_by_side, stack, write_rgb  # noqa: E402
from training.evaluation import load_validation_set  # noqa: E402

SHARED = REPO.parent / "shared" / "data"
FILM = SHARED / "video" / "market_street_1906_60f.mp4"
FILM_FRAME = 40
FILM_BOX = (150, 230, 250, 370)  # rows and columns of the frame: people by a carriage (3 tiles)
PHOTOS = {0: (60, 40), 3: (40, 24), 22: (16, 30)}
"""kodak24 index (sorted file names) -> top-left of the crop in the reduced photo."""
CROP = (64, 90)  # rows, columns of a crop, before the 4x enlargement (4 tiles: 1,440 px)
MODELS = ("faithful-x4", "restore-x4", "restore-detail-x4")
OUT = REPO / "docs" / "restore-figure.jpg"  # small: the repository travels to a GPU


def film_crop() -> np.ndarray:
    with av.open(str(FILM)) as film:
        for index, frame in enumerate(film.decode(video=0)):
            if index == FILM_FRAME:
                top, bottom, left, right = FILM_BOX
                return np.ascontiguousarray(
                    frame.to_ndarray(format="rgb24")[top:bottom, left:right]
                )
    raise SystemExit(f"{FILM.name} has fewer than {FILM_FRAME + 1} frames")


def main() -> None:
    restorers = [Restorer(open_model(name), torch.device("cpu")) for name in MODELS]
    rows = [side_by_side(film_crop(), restorers)]
    pairs = load_validation_set(SHARED / "val" / "kodak24", 4, max(PHOTOS) + 1, "real")
    for index, (top, left) in PHOTOS.items():
        pair = pairs[index]
        blurry = np.ascontiguousarray(pair.blurry[top : top + CROP[0], left : left + CROP[1]])
        sharp = pair.sharp[top * 4 : (top + CROP[0]) * 4, left * 4 : (left + CROP[1]) * 4]
        rows.append(side_by_side(blurry, restorers, sharp))
    figure = stack(rows)
    write_rgb(OUT, figure)
    print(f"{OUT}: {figure.shape[1]}x{figure.shape[0]}")


if __name__ == "__main__":
    main()
