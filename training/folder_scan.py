"""Looking through a run's folder of photos before anything is prepared: which photos can teach
the model (at least the crop size on their shorter side), which cannot and why, and which few are
kept aside to measure progress on. The photos looked at are those ``prepare`` and ``pack``
learn from (``training.prepare.collection_in``): Rekindle's results and prepared datasets are
left out before any is read."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from engine.media import Unreadable
from engine.progress import Progress, silent
from training.prepare import collection_in
from training.survey import Verdict, survey

HELD_OUT_SHARE = 0.1
MAX_HELD_OUT = 4


@dataclass(frozen=True)
class ScanReport:
    """What the folder holds, in ``collection_in`` order (the order ``prepare`` reads it in)."""

    folder: Path
    crop: int
    qualifying: list[Path] = field(default_factory=list)
    too_small: list[Path] = field(default_factory=list)
    unreadable: Unreadable = field(default_factory=list)  # files and folders, with why
    duplicates: list[Path] = field(default_factory=list)
    results: list[Path] = field(default_factory=list)  # Rekindle's own, left out
    datasets: list[Path] = field(default_factory=list)  # prepared datasets' folders, left out
    sizes: dict[Path, tuple[int, int]] = field(default_factory=dict)  # qualifying: (w, h)

    @property
    def found(self) -> int:
        """How many photos and unreadable folders there are, all but the datasets' crops."""
        return (
            len(self.qualifying)
            + len(self.too_small)
            + len(self.unreadable)
            + len(self.duplicates)
            + len(self.results)
        )

    def held_out(self) -> list[Path]:
        """Photos kept out of the pairs to validate on, spread evenly through the folder.

        A single photo cannot be split: it is used for both (the figures are then optimistic).
        """
        count = len(self.qualifying)
        if count < 2:
            return []
        keep = min(MAX_HELD_OUT, max(1, round(count * HELD_OUT_SHARE)))
        return [self.qualifying[int((i + 0.5) * count / keep)] for i in range(keep)]

    def kept(self) -> list[Path]:
        """The photos the model learns from: those that qualify, less the held-out ones."""
        held = set(self.held_out())
        return [path for path in self.qualifying if path not in held]

    def decoded_bytes(self) -> int:
        """What the photos the model learns from take decoded, 8-bit RGB (a pack's photos
        held on the training device)."""
        return sum(3 * width * height for width, height in map(self.sizes.get, self.kept()))

    def pair_count(self, crops_per_image: int) -> int:
        return len(self.kept()) * crops_per_image


def scan_folder(
    folder: str | os.PathLike, crop: int, progress: Progress | None = None
) -> ScanReport:
    """Read every image below ``folder`` once (so damaged files are found now, not later)."""
    progress = progress or silent()
    root = Path(folder)
    collection = collection_in(root, progress)
    report = ScanReport(
        root,
        crop,
        unreadable=collection.unreadable,
        results=collection.results,
        datasets=collection.datasets,
    )
    images = collection.photos
    for finding in survey(images, crop, progress):
        path, picture = finding.path, finding.picture
        if finding.verdict is Verdict.UNREADABLE:
            report.unreadable.append((path, finding.reason))
        elif finding.verdict is Verdict.DUPLICATE:
            report.duplicates.append(path)
        elif finding.verdict is Verdict.TOO_SMALL:
            report.too_small.append(path)
        elif picture is not None:  # usable: its pixels were decoded
            report.qualifying.append(path)
            report.sizes[path] = (picture.width, picture.height)
    progress.update(len(images), len(images), unit="photo")
    return report
