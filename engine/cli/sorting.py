"""A batch run again into a folder, its files sorted before any work: those to restore, those
skipped as their results are there, those refused; and what ``--dry-run`` says of them. Shared
by ``restore`` (photos) and ``restore-video`` (films)."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Generic, Protocol, TypeVar

from engine.batch import SourceNames, naming, skipped_counts, why_renamed
from engine.progress import Progress, silent
from engine.words import listed, say


class Planned(Protocol):
    """A file of a run and the name its result is to take (a photo's ``Job``, a film): why
    that is not the name asked for where ``clear_of_others`` moved it (``moved``)."""

    @property
    def source(self) -> Path: ...

    @property
    def moved(self) -> str | None: ...

    def asked_name(self) -> str:
        """The result's name as asked for, before a taken one was numbered."""
        ...


T = TypeVar("T", bound=Planned)


@dataclass(frozen=True)
class Sorted(Generic[T]):
    """A run's files sorted before any work: those to restore (``todo``), each under the
    name its result takes; those skipped, each with its result: already restored
    (``skipped``) or, skipped by ``--skip-existing``, restored before with other settings
    (``otherwise``); and those refused, each with why (``refused``)."""

    todo: list[T]
    skipped: list[tuple[T, Path]]
    otherwise: list[tuple[T, Path]]
    refused: list[tuple[Path, str]]


def skips_alike(args: argparse.Namespace) -> bool:
    """Whether the run skips the files whose own result made with its settings is there, and
    no other: the default, but with ``--overwrite``."""
    return args.skip_existing is None and not args.overwrite


def skipped_otherwise_line(name: str, result: Path) -> str:
    """The line that tells the file called ``name`` is skipped by ``--skip-existing``, its
    ``result`` there made with other settings."""
    return say(
        "skipped: {name} (restored before with other settings, as {result})",
        name=name,
        result=result,
    )


def replacing_words() -> str:
    """What a file of a dry run does to its earlier result, there at its result's name, that
    ``--overwrite`` replaces: for the line that says it is to be restored."""
    return say("replacing its earlier result")


def failing_apart(
    files: Sorted[T], failure: Callable[[T], str | None], progress: Progress | None = None
) -> Sorted[T]:
    """``files`` with each to restore whose run would fail (``failure`` says why, in its
    run's sentence) moved to those refused, as a dry run finds them: one after another, each
    named to ``progress`` as it is looked at, which stops them between two (``Cancelled``)."""
    progress = progress or silent()
    count = len(files.todo)
    todo: list[T] = []
    failing: list[tuple[Path, str]] = []
    for number, item in enumerate(files.todo):
        progress.check()
        progress.update(number, count, item.source.name)
        why = failure(item)
        if why is None:
            todo.append(item)
        else:
            failing.append((item.source, why))
    progress.update(count, count)
    return replace(files, todo=todo, refused=files.refused + failing)


def dry_run_lines(
    files: Sorted[T], names: list[Path], plans: list[list[str]], named: SourceNames
) -> Iterator[str]:
    """A line for each file of a dry run: to restore, and as what (its result's ``names``),
    and why where that is not its own name, then what else its run does (its ``plans``, in
    words: ``replacing_words``...); skipped and why; or refused and why."""
    for item, result, plan in zip(files.todo, names, plans, strict=True):
        yield listed([_to_restore_line(item, result, named), *plan])
    for item, result in files.skipped:
        yield say(
            "skipped: {name} (already restored as {result})", name=named(item.source), result=result
        )
    for item, result in files.otherwise:
        yield skipped_otherwise_line(named(item.source), result)
    for source, why in files.refused:
        yield say("would fail: {failure}", failure=naming(named(source), source, why))


def _to_restore_line(item: Planned, result: Path, named: SourceNames) -> str:
    """That ``item`` is to be restored as ``result``, and why where that is not its own
    name."""
    name = named(item.source)
    if result.name == item.asked_name():
        return say("to restore: {name} as {result}", name=name, result=result)
    why = why_renamed(item.asked_name(), item.moved)
    return say("to restore: {name} as {result} ({why})", name=name, result=result, why=why)


def dry_run_counts(files: Sorted[T], names: list[Path], unreadable: int) -> str:
    """The dry run's last line: the files it would restore (those whose result's name,
    ``names``, is not their own, counted), skip, and fail (``unreadable``: the folders that
    could not be read besides)."""
    todo = len(files.todo)
    renamed = sum(
        name.name != item.asked_name() for item, name in zip(files.todo, names, strict=True)
    )
    counts = [say("{count} to restore", count=todo)]
    if renamed:
        counts.append(say("{count} of them under another name", count=renamed))
    counts += skipped_counts(len(files.skipped), len(files.otherwise))
    counts.append(say("{count} would fail", count=len(files.refused) + unreadable))
    return say("dry run, nothing written: {counts}", counts=listed(counts))
