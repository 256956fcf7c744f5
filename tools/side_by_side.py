"""Sheets of crops side by side (bicubic | model | model ...), for judging models by eye.

Every change to a model or to the damage it learns is judged on ``../shared/data/real`` (real
old prints and film frames, no clean original) this way. Those files may not be committed, so
the sheet is written outside the repository:

    .venv/bin/python tools/side_by_side.py --out /tmp/real-sheet.png \\
        faithful-x4 restore-x4 restore-detail-x4

A model is a built-in name or a file; ``name@0.5`` blends a built-in family at that detail
strength, ``name@r0.8`` at that repair strength, ``name@r0.8,d0.5`` at both.
``docs/make_restore_figure.py`` draws the README's figure with the same rows.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import cv2
import numpy as np
import torch

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from engine.library.loading import open_model  # noqa: E402
from engine.restorer import Restorer  # noqa: E402
from training.evaluation import enlarge_bicubic  # noqa: E402

REAL = REPO.parent / "shared" / "data" / "real"
CROPS = {
    "prints/family-1990s.jpg": [(400, 790), (760, 470)],
    "prints/family-print.png": [(420, 350), (120, 70)],
    "film/clip1/124.png": [(40, 380)],
    "film/clip2/1024.png": [(250, 210)],
    "film/clip3/120.png": [(150, 250)],
}
"""Real material -> top-left corners (row, column) of its crops: faces, print and film grain."""
CROP = (96, 128)  # rows, columns before enlarging
GAP = 6


def side_by_side(
    blurry: np.ndarray, restorers: list[Restorer], sharp: np.ndarray | None = None
) -> np.ndarray:
    """One row: the bicubic enlargement, each model's, and the original when there is one."""
    scale = restorers[0].model.descriptor.scale
    tiles = [enlarge_bicubic(blurry, scale), *(r.enlarge(blurry) for r in restorers)]
    if sharp is not None:
        tiles.append(sharp)
    return row(tiles)


def row(tiles: list[np.ndarray]) -> np.ndarray:
    """Pictures of one height side by side, white between them."""
    gap = np.full((tiles[0].shape[0], GAP, 3), 255, np.uint8)
    return np.concatenate([part for tile in tiles for part in (tile, gap)][:-1], axis=1)


def stack(rows: list[np.ndarray]) -> np.ndarray:
    """Rows one above the other on white, left-aligned."""
    width = max(r.shape[1] for r in rows)
    padded = [
        np.pad(r, ((0, GAP), (0, width - r.shape[1]), (0, 0)), constant_values=255) for r in rows
    ]
    return np.concatenate(padded, axis=0)[:-GAP]


def write_rgb(path: Path, picture: np.ndarray) -> None:
    """A PNG, or by its suffix a JPEG of quality 92 (for a figure that must stay small)."""
    jpeg = path.suffix.lower() in (".jpg", ".jpeg")
    options = [cv2.IMWRITE_JPEG_QUALITY, 92] if jpeg else [cv2.IMWRITE_PNG_COMPRESSION, 9]
    cv2.imwrite(str(path), cv2.cvtColor(picture, cv2.COLOR_RGB2BGR), options)


def restorer_for(spec: str) -> Restorer:
    """``name``, or ``name@`` and strengths (a blend of a built-in family): ``0.5`` or ``d0.5``
    detail, ``r0.8`` repair, ``r0.8,d0.5`` both."""
    name, _, strengths = spec.partition("@")
    given = {"d": None, "r": None}
    for word in filter(None, strengths.split(",")):
        axis = word[0] if word[0] in given else "d"
        given[axis] = float(word.lstrip("dr"))
    return Restorer(open_model(name, given["d"], given["r"]), torch.device("cpu"))


def real_crops() -> list[np.ndarray]:
    crops = []
    for name, corners in CROPS.items():
        picture = cv2.cvtColor(cv2.imread(str(REAL / name)), cv2.COLOR_BGR2RGB)
        for top, left in corners:
            crops.append(np.ascontiguousarray(picture[top : top + CROP[0], left : left + CROP[1]]))
    return crops


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("models", nargs="+", help="built-in names, files, or name@strength")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    restorers = [restorer_for(spec) for spec in args.models]
    write_rgb(args.out, stack([side_by_side(crop, restorers) for crop in real_crops()]))
    print(f"{args.out}: bicubic | {' | '.join(args.models)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
