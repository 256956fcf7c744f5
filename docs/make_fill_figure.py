"""Draw the README's figure of marked damage filled in (Mark Spots).

Run: ``.venv/bin/python docs/make_fill_figure.py`` (seconds). It writes
``docs/fill-figure.jpg``: crops of two kodak24 photos given damage here (a blot and a crease
on a river bank, a crease across a face and a spot on the chin, drawn white as a print's
missing emulsion shows), as damaged, with the damage marked (what a person paints) and
filled in by ``engine.retouch.fill``: thin marks smooth with grain, wide ones with the
photo's own texture.
"""

from __future__ import annotations

import sys
from pathlib import Path

import cv2
import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from engine.retouch.fill import fill_marks  # noqa: E402
from tools.side_by_side import GAP, stack, write_rgb  # noqa: E402

PHOTOS = REPO.parent / "shared" / "data" / "val" / "kodak24"
DAMAGE = {
    "kodim13.png": (
        [((60, 290), (260, 330), 12), ((130, 170), (130, 170), 40)],
        (150, 400, 30, 300),
    ),
    "kodim04.png": (
        [((150, 160), (380, 330), 10), ((250, 380), (250, 380), 28)],
        (130, 420, 120, 420),
    ),
}
"""Photo -> its damage (lines from, to, width: a point twice is a blot) and its crop (rows,
columns)."""
MARGIN = 2  # the marks cover the damage and this many pixels more, as a brush does
OUT = REPO / "docs" / "fill-figure.jpg"


def damaged_and_filled(name: str, damage: list) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    photo = cv2.cvtColor(cv2.imread(str(PHOTOS / name)), cv2.COLOR_BGR2RGB)
    drawn = np.zeros(photo.shape[:2], np.uint8)
    for start, end, width in damage:
        cv2.line(drawn, start, end, 255, width)
    damaged = photo.copy()
    damaged[drawn > 0] = (238, 236, 230)
    marks = cv2.dilate(drawn, np.ones((2 * MARGIN + 1,) * 2, np.uint8))
    shown = damaged.copy()
    shown[marks > 0] = (0.45 * shown[marks > 0] + 0.55 * np.array([255, 40, 40])).astype(np.uint8)
    return damaged, shown, fill_marks(damaged, marks).pixels


def main() -> None:
    rows = []
    for name, (damage, (top, bottom, left, right)) in DAMAGE.items():
        tiles = [p[top:bottom, left:right] for p in damaged_and_filled(name, damage)]
        gap = np.full((tiles[0].shape[0], GAP, 3), 255, np.uint8)
        rows.append(np.concatenate([tiles[0], gap, tiles[1], gap, tiles[2]], axis=1))
    figure = stack(rows)
    write_rgb(OUT, figure)
    print(f"{OUT}: {figure.shape[1]}x{figure.shape[0]}")


if __name__ == "__main__":
    main()
