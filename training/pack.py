"""Pack a folder of photos, or a prepared dataset's sharp crops, into one ``.rkpack`` file.

A pack carries a whole training corpus to the training machine in one small file
(``training.pack_format`` reads it there). Each image is stored in the smallest of these
whose pixels are visibly lossless:

* its original bytes, when OpenCV decodes them to exactly the pixels Rekindle reads;
* WebP, at the lowest quality that meets the floor;
* JPEG with full-resolution colour (4:4:4), at the lowest quality that meets the floor: WebP
  halves the colour resolution, which costs sharp colour edges (McMaster18) about 10 dB;
* lossless PNG, when nothing else can be kept.

Visibly lossless here means a PSNR over RGB against the source pixels of at least
``DEFAULT_MIN_PSNR`` on every image, not on average: 42 dB is an RMS error of 2 levels of 255,
2 dB above the 40 dB commonly taken as where compression starts to show. On the training
corpus (521 photos, 64.5 MB of JPEGs and PNGs),
``python -m training pack /work/shared/data/train runs/train.rkpack --min-psnr F`` writes
37.6, 45.2 and 49.7 MB for floors F of 40, 42 and 43 dB: 42 is the strictest that leaves a
margin under the 50 MB a pack must fit in. At 42 dB it stores 414 photos as WebP (most at
quality 91 to 95), 21 as 4:4:4 JPEG (McMaster18's among them) and 86 as their original JPEG
bytes, in 3.5 minutes on 2 busy cores (141 s of CPU).
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from engine.errors import RekindleError
from engine.imageio import read_file_bytes, read_picture
from engine.pixels import to_rgb8
from engine.progress import Progress, silent
from engine.words import say
from training.metrics import PEAK
from training.pack_format import PACK_SUFFIX, Pack, decode, read_pack, write_pack
from training.prepare import (
    HR_DIR,
    Collection,
    NothingUsable,
    collection_in,
    folders_left_out,
    holds_a_dataset,
    names_below,
    read_manifest,
)
from training.survey import digest_of, left_out, survey

# The reading side lives in training.pack_format (it imports less); offered here too.
__all__ = [
    "DEFAULT_MIN_PSNR",
    "DEFAULT_MIN_SIDE",
    "Pack",
    "PackReport",
    "decode",
    "pack",
    "read_pack",
]

DEFAULT_MIN_PSNR = 42.0
DEFAULT_MIN_SIDE = 128
"""Smaller pictures are thumbnails, too small to learn detail from (the corpus's smallest
photos are 321 px)."""
ORIGINAL = "original bytes"
REENCODED = "re-encoded"
LOSSY_QUALITIES = range(70, 100)
"""The qualities tried. At 42 dB only smooth backgrounds got down to 70, at under 0.9 MB each;
lower ones would take a bisection step more for every photo and save little."""
JPEG_444 = (
    cv2.IMWRITE_JPEG_SAMPLING_FACTOR,
    cv2.IMWRITE_JPEG_SAMPLING_FACTOR_444,
    cv2.IMWRITE_JPEG_OPTIMIZE,
    1,
)
PNG_SMALLEST = (cv2.IMWRITE_PNG_COMPRESSION, 9)


@dataclass(frozen=True)
class _Codec:
    format: str  # also the extension OpenCV encodes by
    quality_flag: int
    options: tuple[int, ...] = ()


LOSSY_CODECS = (
    _Codec("webp", cv2.IMWRITE_WEBP_QUALITY),
    _Codec("jpg", cv2.IMWRITE_JPEG_QUALITY, JPEG_444),
)


@dataclass(frozen=True)
class _Stored:
    """One way of storing an image: its bytes and how far their pixels are from the source's."""

    data: bytes
    how: str  # ORIGINAL or REENCODED
    format: str
    quality: int | None
    psnr: float  # math.inf: exactly the source's pixels


@dataclass
class PackReport:
    """What ``pack`` stored and skipped; also the body of the pack's manifest."""

    path: Path
    source: dict[str, Any]
    min_psnr: float
    min_side: int
    images: list[dict[str, Any]] = field(default_factory=list)
    too_small: list[str] = field(default_factory=list)
    unreadable: list[dict[str, str]] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    results: list[str] = field(default_factory=list)  # Rekindle's own, left out
    datasets: list[str] = field(default_factory=list)  # prepared datasets' folders, left out
    size: int = 0  # bytes of the written pack

    @property
    def worst_psnr(self) -> float | None:
        """The lowest PSNR of a re-encoded image; None when every image is stored exactly."""
        return min((e["psnr"] for e in self.images if e["psnr"] is not None), default=None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "min_psnr": self.min_psnr,
            "min_side": self.min_side,
            "images": self.images,
            "too_small": self.too_small,
            "unreadable": self.unreadable,
            "duplicates": self.duplicates,
            "results": self.results,
            "datasets": self.datasets,
        }

    def summary(self) -> str:
        worst = self.worst_psnr
        quality = (
            say("every pixel exact")
            if worst is None
            else say("worst PSNR {psnr} dB", psnr=f"{worst:.2f}")
        )
        return say(
            "{images} images in {name}, {size} MB, {quality}; {small} too small, "
            "{unreadable} unreadable, {duplicates} duplicates skipped; "
            "Rekindle's results left out: {results}",
            images=len(self.images),
            name=self.path.name,
            size=f"{self.size / 1e6:.1f}",
            quality=quality,
            small=len(self.too_small),
            unreadable=len(self.unreadable),
            duplicates=len(self.duplicates),
            results=len(self.results),
        )


@dataclass(frozen=True)
class _Examined:
    digest: str
    height: int
    width: int
    stored: _Stored | None  # None: smaller than the minimum side


def _psnr(stored: np.ndarray, source: np.ndarray) -> float:
    """PSNR over RGB in dB, ``math.inf`` for equal pixels: ``training.metrics.psnr_rgb``'s
    formula, by OpenCV, which makes no float64 copies (hundreds of times faster on 20 MP)."""
    if np.array_equal(stored, source):
        return math.inf
    return cv2.PSNR(stored, source, PEAK)


def _encoded(bgr: np.ndarray, fmt: str, params: list[int]) -> bytes | None:
    """The image as ``fmt`` bytes; None where the format cannot hold it (WebP above 16383 px)."""
    try:
        ok, buffer = cv2.imencode(f".{fmt}", bgr, params)
    except cv2.error:
        return None
    return buffer.tobytes() if ok else None


def _lossy(bgr: np.ndarray, source: np.ndarray, codec: _Codec, quality: int) -> _Stored | None:
    data = _encoded(bgr, codec.format, [codec.quality_flag, quality, *codec.options])
    if data is None:
        return None
    return _Stored(data, REENCODED, codec.format, quality, _psnr(decode(data), source))


def _lowest_passing(
    bgr: np.ndarray, source: np.ndarray, codec: _Codec, min_psnr: float
) -> _Stored | None:
    """The codec at the lowest quality whose pixels meet ``min_psnr``, found by bisection
    (PSNR grows with quality); None if even the highest falls short."""
    best = None
    low, high = 0, len(LOSSY_QUALITIES) - 1
    while low <= high:
        middle = (low + high) // 2
        candidate = _lossy(bgr, source, codec, LOSSY_QUALITIES[middle])
        if candidate is not None and candidate.psnr >= min_psnr:
            best, high = candidate, middle - 1
        else:
            low = middle + 1
    return best


def _as_original(data: bytes, fmt: str, source: np.ndarray) -> _Stored | None:
    """The file's own bytes, if OpenCV decodes them to exactly ``source``."""
    try:
        exact = np.array_equal(decode(data), source)
    except RekindleError:
        return None
    return _Stored(data, ORIGINAL, fmt, None, math.inf) if exact else None


def _smallest(data: bytes, fmt: str, source: np.ndarray, min_psnr: float) -> _Stored:
    """The smallest visibly lossless way to store an image (see the module docstring)."""
    bgr = cv2.cvtColor(source, cv2.COLOR_RGB2BGR)
    found = [_as_original(data, fmt, source)]
    found += [_lowest_passing(bgr, source, codec, min_psnr) for codec in LOSSY_CODECS]
    candidates = [c for c in found if c is not None]
    if not candidates:
        png = _encoded(bgr, "png", list(PNG_SMALLEST))
        if png is None:
            raise RekindleError(say("the picture cannot be stored in a pack"))
        candidates = [_Stored(png, REENCODED, "png", None, math.inf)]
    return min(candidates, key=lambda c: len(c.data))


def _examine(path: Path, min_side: int, min_psnr: float) -> _Examined:
    data = read_file_bytes(path)
    picture = read_picture(path, data)
    digest = digest_of(data)
    if min(picture.height, picture.width) < min_side:
        return _Examined(digest, picture.height, picture.width, None)
    stored = _smallest(data, picture.source_format, to_rgb8(picture.pixels), min_psnr)
    return _Examined(digest, picture.height, picture.width, stored)


def _entry(relative: str, examined: _Examined) -> dict[str, Any]:
    stored = examined.stored
    return {
        "file": relative,
        "width": examined.width,
        "height": examined.height,
        "sha256": examined.digest,
        "stored": stored.how,
        "format": stored.format,
        "quality": stored.quality,
        "psnr": None if math.isinf(stored.psnr) else round(stored.psnr, 2),
        "bytes": len(stored.data),
    }


def _sources(
    root: Path, photos: Sequence[Path] | None, progress: Progress
) -> tuple[Collection, dict[str, Any]]:
    """The images to pack and what they are: the photos chosen, a prepared dataset's sharp
    crops (an unfinished dataset is refused, as training refuses it), or the photos below
    ``root`` to learn from (``collection_in``)."""
    if photos is not None:
        outside = [path for path in photos if not path.is_relative_to(root)]
        if outside:
            raise RekindleError(
                say("{path}: not a photo below {folder}", path=outside[0], folder=root)
            )
        return Collection(list(photos)), {"kind": "photos"}
    if holds_a_dataset(root):
        manifest = read_manifest(root)
        crops = [root / HR_DIR / pair["name"] for pair in manifest["pairs"]]
        return Collection(crops), {"kind": "dataset", "options": manifest["options"]}
    return collection_in(root, progress), {"kind": "photos"}


def pack(
    source: str | os.PathLike,
    out: str | os.PathLike,
    *,
    min_psnr: float = DEFAULT_MIN_PSNR,
    min_side: int = DEFAULT_MIN_SIDE,
    photos: Sequence[Path] | None = None,
    progress: Progress | None = None,
    replace: bool = False,
) -> PackReport:
    """Pack the photos below ``source`` (or a prepared dataset's sharp crops) into ``out``;
    ``photos``, files below ``source``, packs only those (the wizard leaves out the photos it
    validates on), named in the manifest relative to ``source``.

    Unreadable files, duplicates (the first in name order is kept) and pictures whose shorter
    side is below ``min_side`` are skipped and reported, as are Rekindle's results and prepared
    datasets below ``source`` (``collection_in``). The pack is written atomically; a
    taken name gives "name (2).rkpack" (``report.path``) unless ``replace``.
    """
    progress = progress or silent()
    root, out = Path(source), Path(out)
    if out.suffix != PACK_SUFFIX:
        raise RekindleError(
            say("{name}: a pack's name must end in {suffix}", name=out.name, suffix=PACK_SUFFIX)
        )
    if not root.is_dir():
        raise RekindleError(
            say("{folder}: not a folder of photos or a prepared dataset", folder=root)
        )
    if out.is_dir():
        raise RekindleError(say("{path} is a folder: name the pack file to write", path=out))
    if min_side < 1 or min_psnr <= 0:
        raise RekindleError(say("the smallest side is 1 px or more, and the least PSNR above 0 dB"))
    collection, described = _sources(root, photos, progress)
    paths = collection.photos
    report = PackReport(out, described, min_psnr, min_side)
    report.unreadable += folders_left_out(root, collection.unreadable)
    report.results = names_below(root, collection.results)
    report.datasets = names_below(root, collection.datasets)
    encoded: list[bytes] = []
    pool = ThreadPoolExecutor(os.cpu_count())
    try:
        futures = [pool.submit(_examine, path, min_side, min_psnr) for path in paths]
        read = [future.result for future in futures]
        findings = survey(paths, min_side, progress, read)
        for finding, future in zip(findings, futures, strict=True):
            relative = finding.path.relative_to(root).as_posix()
            if left_out(report, relative, finding):
                continue
            examined = future.result()
            assert examined.stored is not None  # a usable photo's pixels are stored
            report.images.append(_entry(relative, examined))
            encoded.append(examined.stored.data)
    finally:
        pool.shutdown(cancel_futures=True)
    if not encoded:
        raise NothingUsable(say("nothing in {folder} could be packed", folder=root), report)
    report.path = write_pack(out, report.to_dict(), encoded, replace=replace)
    report.size = report.path.stat().st_size
    progress.update(len(paths), len(paths), report.summary(), unit="photo")
    return report
