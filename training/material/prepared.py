"""A run's training material when it learns from a folder of pairs (``training.material.packed``
makes a pack's): the (blurry, sharp) pairs from the photos not held out, the validation photos,
and a few pairs to show the person.

``training.prepare`` reads the whole folder; the pairs of held-out photos are then dropped from
its manifest (and their files deleted), so the model never trains on what it is judged on.
Validation photos are the held-out photos' centres, at most ``VAL_SIDE`` square, which keeps
each validation to seconds on a CPU.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from engine.imageio import Picture, read_picture, write_picture
from engine.pixels import to_rgb8
from engine.progress import Progress, silent
from training.config import PrepareOptions
from training.prepare import HR_DIR, LR_DIR, prepare, read_manifest, write_manifest

VAL_SIDE = 384
PREVIEW_PAIRS = 4
PAIRS_SHARE = 0.95
"""The share of the progress for cutting the pairs; the validation photos take the rest."""

Pair = tuple[np.ndarray, np.ndarray]
"""(blurry, sharp) HxWx3 uint8 RGB."""


@dataclass(frozen=True)
class Prepared:
    """What was made: ``pairs`` is None for a pack, whose crops are cut at every step."""

    pairs: int | None
    photos: int
    preview: list[Pair]


def prepare_run(
    source: Path,
    dataset: Path,
    val_dir: Path,
    options: PrepareOptions,
    held_out: list[Path],
    progress: Progress,
) -> Prepared:
    """Write the pairs into ``dataset`` and the validation photos into ``val_dir``."""
    for folder in (dataset, val_dir):
        shutil.rmtree(folder, ignore_errors=True)
    report = prepare(source, dataset, options, progress.span(0.0, PAIRS_SHARE))
    held = {str(path.relative_to(source)) for path in held_out}
    manifest = read_manifest(dataset)
    kept = [pair for pair in manifest["pairs"] if pair["source"] not in held]
    for pair in manifest["pairs"]:
        if pair["source"] in held:
            for sub in (HR_DIR, LR_DIR):
                (dataset / sub / pair["name"]).unlink(missing_ok=True)
    manifest["pairs"] = kept
    manifest["used"] = [name for name in manifest["used"] if name not in held]
    manifest["held_out"] = sorted(held)
    write_manifest(dataset, manifest)
    validation = held_out or [source / name for name in report.used[:1]]
    write_validation_photos(validation, val_dir, progress.span(PAIRS_SHARE, 1.0))
    return Prepared(len(kept), len(manifest["used"]), preview_pairs(dataset, kept))


def write_validation_photos(
    photos: list[Path], val_dir: Path, progress: Progress | None = None
) -> None:
    """The photos a run is judged on (its held-out ones; a single photo judges itself), each
    named on ``progress`` as it is read."""
    progress = progress or silent()
    for index, path in enumerate(photos):
        progress.check()
        progress.update(index, len(photos), path.name, unit="photo")
        write_validation_photo(path, val_dir / f"{index:02d}.png")
    progress.update(len(photos), len(photos), unit="photo")


def write_validation_photo(path: Path, target: Path) -> None:
    """The photo's centre, at most ``VAL_SIDE`` pixels square, as an 8-bit PNG."""
    rgb = to_rgb8(read_picture(path).pixels)
    height, width = rgb.shape[:2]
    side_y, side_x = min(height, VAL_SIDE), min(width, VAL_SIDE)
    y, x = (height - side_y) // 2, (width - side_x) // 2
    centre = np.ascontiguousarray(rgb[y : y + side_y, x : x + side_x])
    target.parent.mkdir(parents=True, exist_ok=True)
    write_picture(Picture(centre, None, None, None, "png"), target)


def preview_pairs(dataset: Path, pairs: list[dict]) -> list[Pair]:
    """A few pairs spread over the dataset (different photos, when there are several)."""
    if not pairs:
        return []
    count = min(PREVIEW_PAIRS, len(pairs))
    chosen = [pairs[int(i * len(pairs) / count)] for i in range(count)]
    return [
        (_read_rgb(dataset / LR_DIR / pair["name"]), _read_rgb(dataset / HR_DIR / pair["name"]))
        for pair in chosen
    ]


def _read_rgb(path: Path) -> np.ndarray:
    return to_rgb8(read_picture(path).pixels)
