"""Draw the README's figure of dust removal on film.

Run: ``.venv/bin/python docs/make_dust_figure.py`` (seconds). It writes
``docs/dust-figure.jpg``: crops of frames of the public-domain 1906 film, as the film has them
and with their dust and dirt filled in by ``engine.video.dust`` (the frames beside each one
compared, as a film's run does), at twice their size so the specks can be seen.
"""

from __future__ import annotations

import sys
from pathlib import Path

import cv2
import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from engine.video.frames import decode_frames  # noqa: E402
from engine.video.probe import scan  # noqa: E402
from engine.video.temporal import FilmCleanup, cleaned, context  # noqa: E402
from tools.side_by_side import GAP, stack, write_rgb  # noqa: E402

FILM = REPO.parent / "shared" / "data" / "video" / "market_street_1906_60f.mp4"
CROPS = {35: (0, 150, 200, 400), 22: (150, 300, 0, 200)}
"""Frame -> rows and columns of its crop: a white streak in the sky, specks on the street."""
OUT = REPO / "docs" / "dust-figure.jpg"


def before_and_after(index: int) -> tuple[np.ndarray, np.ndarray]:
    info, _ = scan(FILM)
    cleanup = FilmCleanup(remove_dust=True)
    first, end = context(index, index + 1, info.frames, cleanup)
    decoded = (frame for frame in decode_frames(info) if first <= frame.index < end)
    (frame,) = cleaned(decoded, index, index + 1, info.frames, cleanup)
    source = frame.pixels if frame.source is None else frame.source
    return source, frame.pixels


def main() -> None:
    rows = []
    for index, (top, bottom, left, right) in CROPS.items():
        pair = [
            cv2.resize(p[top:bottom, left:right], None, fx=2, fy=2, interpolation=cv2.INTER_NEAREST)
            for p in before_and_after(index)
        ]
        gap = np.full((pair[0].shape[0], GAP, 3), 255, np.uint8)
        rows.append(np.concatenate([pair[0], gap, pair[1]], axis=1))
    figure = stack(rows)
    write_rgb(OUT, figure)
    print(f"{OUT}: {figure.shape[1]}x{figure.shape[0]}")


if __name__ == "__main__":
    main()
