"""Cut (blurry, sharp) training pairs out of a folder of good photos.

Crops are taken at random positions and a photo is never squashed into a square (the seed
spec); with ``shrink`` below 1 a crop may come from a larger square of the photo reduced
evenly, which keeps its shape, and with ``grey`` above 0 that share of the crops is made
black-and-white (``training.monochrome``). Each blurry image is made from its sharp crop with
``cv2.resize``, optionally followed by the old-photo degradation, or by the model of real
damage (``--degrade real``), which reduces the crop itself. Everything needed to
reproduce a pair goes into ``manifest.json``.

The photos come from ``collection_in``, which the training wizard's scan and ``pack`` choose
by too: every photo below the folder (``engine.media.photos_in``) but Rekindle's own results,
which carry its mark (their enlarged pixels would teach a model its own output), and the
crops of prepared datasets (a folder prepare has written into, finished or not).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PIL import Image

from engine.atomic import write_bytes_atomically
from engine.errors import NO_ROOM, RekindleError, os_cause, plain_reason
from engine.imageio import Picture, write_picture
from engine.media import Unreadable, carries_mark, photos_in
from engine.pixels import to_rgb8
from engine.progress import Progress, silent
from engine.words import say
from training.config import PrepareOptions
from training.damage.numpy_pipeline import apply_damage
from training.damage.recipe import sample_damage
from training.degrade import RECIPES, degrade_oldphoto
from training.monochrome import grey_rgb
from training.survey import Finding, left_out, survey

MANIFEST = "manifest.json"
UNFINISHED = "unfinished.txt"
"""Marks a dataset folder that prepare has begun to write pairs into and not yet finished: it
has no manifest, so training refuses it, while prepare may write into it again."""
UNFINISHED_TEXT = b"prepare was stopped before it finished; run it again to finish this dataset\n"
REAL_DAMAGE = "real"
"""The ``--degrade`` choice that damages the sharp crop by ``training.damage``'s model, which
makes its own reduction (``--resize`` does not apply)."""
HR_DIR = "hr"
LR_DIR = "lr"
PAIR_NAME = re.compile(r"\d{6}\.png")
"""How prepare names a pair's two files: its number in the manifest."""
CV2_RESIZE = {
    "area": cv2.INTER_AREA,
    "cubic": cv2.INTER_CUBIC,
    "linear": cv2.INTER_LINEAR,
    "lanczos": cv2.INTER_LANCZOS4,
}


@dataclass
class PrepareReport:
    """What ``prepare`` found and made; also the body of the manifest."""

    options: PrepareOptions
    pairs: list[dict[str, Any]] = field(default_factory=list)
    used: list[str] = field(default_factory=list)
    too_small: list[str] = field(default_factory=list)
    unreadable: list[dict[str, str]] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    results: list[str] = field(default_factory=list)  # Rekindle's own, left out
    datasets: list[str] = field(default_factory=list)  # prepared datasets' folders, left out

    def to_dict(self) -> dict[str, Any]:
        return {
            "options": self.options.to_dict(),
            "pairs": self.pairs,
            "used": self.used,
            "too_small": self.too_small,
            "unreadable": self.unreadable,
            "duplicates": self.duplicates,
            "results": self.results,
            "datasets": self.datasets,
        }

    def summary(self) -> str:
        return say(
            "{pairs} pairs from {photos} photos; {small} too small, {unreadable} unreadable, "
            "{duplicates} duplicates skipped; Rekindle's results left out: {results}",
            pairs=len(self.pairs),
            photos=len(self.used),
            small=len(self.too_small),
            unreadable=len(self.unreadable),
            duplicates=len(self.duplicates),
            results=len(self.results),
        )


@dataclass
class Collection:
    """The photos below a folder to learn from (``collection_in``), and what was left out
    before any was read."""

    photos: list[Path]
    results: list[Path] = field(default_factory=list)
    """Photos carrying Rekindle's mark: results it made, not photos to learn from."""
    datasets: list[Path] = field(default_factory=list)
    """Folders prepare has written into: their crops are not photos (half are blurry)."""
    unreadable: Unreadable = field(default_factory=list)
    """Folders that could not be read, each with why."""


def collection_in(folder: Path, progress: Progress | None = None) -> Collection:
    """The photos below ``folder`` to learn from, less Rekindle's results and prepared
    datasets (``folder`` itself among them), each named apart; ``progress`` may cancel."""
    progress = progress or silent()
    unreadable: Unreadable = []
    found = photos_in(folder, unreadable)
    collection = Collection([], unreadable=unreadable)
    dataset_holding = _dataset_finder(folder)
    for path in found:
        progress.check()
        dataset = dataset_holding(path)
        if dataset is not None:
            if dataset not in collection.datasets:
                collection.datasets.append(dataset)
        elif carries_mark(path):
            collection.results.append(path)
        else:
            collection.photos.append(path)
    return collection


def _dataset_finder(root: Path) -> Callable[[Path], Path | None]:
    """A function giving the outermost prepared dataset folder a path below ``root`` lies in
    (``root`` included), or None; it looks at each folder once."""
    is_dataset = cache(holds_a_dataset)

    def dataset_holding(path: Path) -> Path | None:
        for below in reversed(path.relative_to(root).parents):
            if is_dataset(root / below):
                return root / below
        return None

    return dataset_holding


def holds_a_dataset(folder: Path) -> bool:
    """Whether prepare has written into ``folder``: it holds a manifest or the unfinished
    mark."""
    return any((folder / name).is_file() for name in (MANIFEST, UNFINISHED))


def names_below(root: Path, paths: list[Path]) -> list[str]:
    """``paths`` as a report names them: by their places below ``root``; ``root`` itself by
    its name."""
    return [path.name if path == root else path.relative_to(root).as_posix() for path in paths]


def shrink_bicubic(sharp: np.ndarray, scale: int) -> np.ndarray:
    """Antialiased bicubic reduction (as MATLAB's imresize), the benchmark convention."""
    height, width = sharp.shape[:2]
    return resize_bicubic(sharp, (width // scale, height // scale))


def resize_bicubic(pixels: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """Antialiased bicubic resize to ``size`` (width, height)."""
    return np.array(Image.fromarray(pixels).resize(size, Image.BICUBIC))


def make_blurry(sharp: np.ndarray, scale: int, resize: str) -> np.ndarray:
    """The blurry partner of a sharp crop: the crop shrunk by ``scale`` with ``cv2.resize``,
    or with the benchmarks' antialiased bicubic (``antialiased-cubic``)."""
    if resize == "antialiased-cubic":
        return shrink_bicubic(sharp, scale)
    height, width = sharp.shape[:2]
    size = (width // scale, height // scale)
    return cv2.resize(sharp, size, interpolation=CV2_RESIZE[resize])


def crop_boxes(
    height: int,
    width: int,
    crop: int,
    count: int,
    rng: np.random.Generator,
    shrink: float = 1.0,
) -> list[tuple[int, int, int]]:
    """``count`` random squares inside the photo as (top, left, side).

    The side is ``crop``; with ``shrink`` below 1 it is ``crop`` divided by a random factor
    between ``shrink`` and 1 (as much as the photo allows), for a crop reduced from it.
    """
    if shrink >= 1.0:
        sides = np.full(count, crop)
        ys = rng.integers(0, height - crop + 1, size=count)
        xs = rng.integers(0, width - crop + 1, size=count)
    else:
        factors = rng.uniform(shrink, 1.0, size=count)
        sides = np.minimum(np.round(crop / factors).astype(int), min(height, width))
        ys = [rng.integers(0, height - side + 1) for side in sides]
        xs = [rng.integers(0, width - side + 1) for side in sides]
    return [(int(y), int(x), int(side)) for y, x, side in zip(ys, xs, sides, strict=True)]


def _write_png(pixels: np.ndarray, path: Path) -> None:
    write_picture(Picture(pixels, None, None, None, "png"), path)


def _pair_from_crop(
    sharp: np.ndarray, options: PrepareOptions, rng: np.random.Generator
) -> tuple[np.ndarray, dict[str, Any] | None]:
    if options.degrade == REAL_DAMAGE:
        side = options.crop // options.scale
        params = sample_damage(rng, options.scale, side, side)
        return apply_damage(sharp, params), params
    blurry = make_blurry(sharp, options.scale, options.resize)
    steps = RECIPES.get(options.degrade)
    if steps is None:
        return blurry, None
    return degrade_oldphoto(blurry, rng, steps)


def prepare(
    source: str | os.PathLike,
    dataset: str | os.PathLike,
    options: PrepareOptions,
    progress: Progress | None = None,
) -> PrepareReport:
    """Scan ``source`` recursively and write ``hr/``, ``lr/`` and the manifest into ``dataset``.
    Where its disk has no room for them all, the pairs made are removed and the person told
    to make room (a stopped prepare starts over)."""
    progress = progress or silent()
    root, out = Path(source), Path(dataset)
    _check_folders(root, out)
    report = PrepareReport(options)
    collection = collection_in(root, progress)
    report.unreadable += folders_left_out(root, collection.unreadable)
    report.results = names_below(root, collection.results)
    report.datasets = names_below(root, collection.datasets)
    try:
        _write_dataset(root, out, collection.photos, report, progress)
    except (RekindleError, OSError) as error:
        cause = os_cause(error)
        if cause is None or cause.errno not in NO_ROOM:
            raise
        _remove_unlisted_pairs(out, set())
        raise RekindleError(
            say(
                "{folder}: {reason}, so not all the training pairs could be saved (those "
                "made were removed); make room, then prepare again",
                folder=out,
                reason=plain_reason(cause),
            )
        ) from error
    return report


def _write_dataset(
    root: Path, out: Path, photos: list[Path], report: PrepareReport, progress: Progress
) -> None:
    """Cut the pairs of the usable ``photos`` into ``out``, then write its manifest;
    ``report`` lists them, and the photos left out."""
    for finding in survey(photos, report.options.crop, progress):
        relative = str(finding.path.relative_to(root))
        if not left_out(report, relative, finding):
            _cut_pairs(out, relative, finding, report)
    if not report.pairs:
        raise NothingUsable(say("nothing in {folder} could be cut into pairs", folder=root), report)
    _remove_unlisted_pairs(out, {pair["name"] for pair in report.pairs})
    write_manifest(out, report.to_dict())
    (out / UNFINISHED).unlink(missing_ok=True)
    progress.update(len(photos), len(photos), report.summary(), unit="photo")


def _cut_pairs(out: Path, relative: str, finding: Finding, report: PrepareReport) -> None:
    """Write the pairs of a usable photo (``finding``, named ``relative``) into ``out``, and
    list them in ``report``."""
    options, picture = report.options, finding.picture
    assert picture is not None  # a usable photo's pixels are decoded
    report.used.append(relative)
    rgb = to_rgb8(picture.pixels)
    rng = np.random.default_rng([options.seed, int(finding.digest[:12], 16)])
    count = options.crop_count(picture.height, picture.width)
    boxes = crop_boxes(picture.height, picture.width, options.crop, count, rng, options.shrink)
    for y, x, side in boxes:
        sharp = rgb[y : y + side, x : x + side]
        if side != options.crop:
            sharp = resize_bicubic(sharp, (options.crop, options.crop))
        grey = options.grey > 0.0 and rng.random() < options.grey
        if grey:
            sharp = grey_rgb(sharp)
        blurry, degradation = _pair_from_crop(sharp, options, rng)
        name = f"{len(report.pairs):06d}.png"  # PAIR_NAME
        if not report.pairs:
            _start_pairs(out)
        _write_png(sharp, out / HR_DIR / name)
        _write_png(blurry, out / LR_DIR / name)
        report.pairs.append(
            {
                "name": name,
                "source": relative,
                "box": [x, y, side, side],
                "resize": options.resize,
                "grey": grey,
                "degradation": degradation,
            }
        )


def folders_left_out(root: Path, unreadable: Unreadable) -> list[dict[str, str]]:
    """The folders below ``root`` that could not be read, as a report lists what it could
    not read: by their paths below ``root``, with why."""
    return [
        {"file": folder.relative_to(root).as_posix(), "reason": sentence}
        for folder, sentence in unreadable
    ]


class NothingUsable(RekindleError):
    """No photo of a folder could be used (``report`` says why each was left out)."""

    def __init__(self, message: str, report: Any) -> None:
        super().__init__(message)
        self.report = report


def _start_pairs(dataset: Path) -> None:
    """Make the pair folders, first marking the dataset unfinished and removing an earlier
    manifest, whose pairs are about to be overwritten: a prepare stopped before its own
    manifest so leaves a folder training refuses, never old pairs' records over new pairs."""
    write_bytes_atomically(dataset / UNFINISHED, UNFINISHED_TEXT)
    (dataset / MANIFEST).unlink(missing_ok=True)
    (dataset / HR_DIR).mkdir(exist_ok=True)
    (dataset / LR_DIR).mkdir(exist_ok=True)


def _remove_unlisted_pairs(dataset: Path, listed: set[str]) -> None:
    """Delete the pair files in ``dataset`` (named as prepare names them) but those
    ``listed``: an earlier prepare's beyond this one's, which no manifest lists, or all of a
    prepare that could not finish."""
    for folder in (dataset / HR_DIR, dataset / LR_DIR):
        for path in folder.iterdir() if folder.is_dir() else ():
            if PAIR_NAME.fullmatch(path.name) and path.name not in listed:
                path.unlink()


def _check_folders(source: Path, dataset: Path) -> None:
    """Refuse a source that is not a folder (or no longer there: a drive unplugged since it
    was chosen), and a dataset folder that holds anything but an earlier dataset (finished,
    or ``UNFINISHED``), which would be mixed into it."""
    if not source.exists():
        raise RekindleError(
            say(
                "{folder}: the folder is no longer there; reconnect its drive, or choose the "
                "folder again",
                folder=source,
            )
        )
    if not source.is_dir():
        raise RekindleError(say("{folder}: not a folder of photos", folder=source))
    if dataset.is_file():
        raise RekindleError(say("{path}: is a file, not a folder for the dataset", path=dataset))
    if not dataset.is_dir() or holds_a_dataset(dataset):
        return
    if any(True for _ in dataset.iterdir()):
        raise RekindleError(
            say(
                "{folder}: holds other files; prepare into an empty or new folder, or an "
                "earlier dataset",
                folder=dataset,
            )
        )


def write_manifest(dataset: Path, manifest: dict[str, Any]) -> None:
    """Write the manifest atomically, so a dataset never has a half-written one."""
    write_bytes_atomically(dataset / MANIFEST, json.dumps(manifest, indent=1).encode())


def read_manifest(dataset: str | os.PathLike) -> dict[str, Any]:
    path = Path(dataset) / MANIFEST
    if not path.is_file():
        raise RekindleError(_not_prepared(Path(dataset)))
    try:
        manifest = json.loads(path.read_text())
    except (ValueError, UnicodeDecodeError):
        manifest = None
    if not isinstance(manifest, dict) or not {"options", "pairs"} <= manifest.keys():
        raise RekindleError(
            say("{path}: not a manifest written by prepare; run prepare again", path=path)
        )
    return manifest


def _not_prepared(dataset: Path) -> str:
    """Why ``dataset``, which holds no manifest, is not one to train on, and what to do."""
    if (dataset / UNFINISHED).is_file():
        return say(
            "{folder}: its preparation was stopped before the end; run prepare again to finish it",
            folder=dataset,
        )
    return say(
        "{folder}: not a prepared dataset (no {manifest}); run prepare first",
        folder=dataset,
        manifest=MANIFEST,
    )
