"""Restoring many files and folders: output paths that keep the folder structure, one clear
line per failure, and a batch that goes on past a bad file."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from engine.errors import Cancelled, RekindleError
from engine.imageio import (
    FORMAT_EXTENSIONS,
    is_supported_image,
    read_picture,
    unique_path,
    write_picture,
)
from engine.progress import Progress, silent
from engine.restorer import RestoreOptions, Restorer


@dataclass(frozen=True)
class Job:
    """One input file and where its restored picture goes."""

    source: Path
    target: Path


@dataclass
class BatchReport:
    written: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)
    cancelled: bool = False

    def summary(self) -> str:
        text = f"{len(self.written)} restored, {len(self.failed)} failed"
        return text + (", cancelled" if self.cancelled else "")


def output_name(source: Path, fmt: str | None) -> str:
    """The restored file's name: the source's stem with the chosen (or the same) format."""
    suffix = FORMAT_EXTENSIONS[fmt] if fmt else source.suffix.lower()
    return source.stem + suffix


def images_in(folder: Path) -> list[Path]:
    """The pictures Rekindle reads in ``folder`` and its subfolders, in name order."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and is_supported_image(p))


def plan_jobs(inputs: Iterable[str | os.PathLike], out_dir: Path, fmt: str | None) -> list[Job]:
    """A job per image: files go straight into ``out_dir``; a folder's images keep their paths
    below it, under a folder of the same name."""
    jobs = []
    for item in map(Path, inputs):
        if item.is_dir():
            for source in images_in(item):
                relative = source.relative_to(item).parent
                jobs.append(Job(source, out_dir / item.name / relative / output_name(source, fmt)))
        else:
            jobs.append(Job(item, out_dir / output_name(item, fmt)))
    return jobs


def restore_file(
    restorer: Restorer,
    job: Job,
    options: RestoreOptions | None = None,
    progress: Progress | None = None,
    *,
    overwrite: bool = False,
) -> Path:
    """Read, restore and write one picture; an existing file gets a suffixed name unless
    ``overwrite``; the source itself is never written to."""
    picture = read_picture(job.source)
    restored = restorer.restore(picture, options, progress)
    target = job.target if overwrite else unique_path(job.target)
    return write_picture(restored, target, forbid=[job.source])


def restore_batch(
    restorer: Restorer,
    jobs: list[Job],
    options: RestoreOptions | None = None,
    progress: Progress | None = None,
    *,
    overwrite: bool = False,
    on_failure: Callable[[Path, str], None] | None = None,
) -> BatchReport:
    """Restore every job in turn; a file that fails is reported and the rest go on."""
    progress = progress or silent()
    report = BatchReport()
    for index, job in enumerate(jobs):
        try:
            part = progress.part(index, len(jobs))
            part.update(0, 1, job.source.name)
            report.written.append(restore_file(restorer, job, options, part, overwrite=overwrite))
        except Cancelled:
            report.cancelled = True
            break
        except RekindleError as error:
            report.failed.append((job.source, str(error)))
            if on_failure is not None:
                on_failure(job.source, str(error))
        except MemoryError:
            message = f"{job.source.name}: too large to restore in the memory available"
            report.failed.append((job.source, message))
            if on_failure is not None:
                on_failure(job.source, message)
    return report
