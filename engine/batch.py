"""Restoring many files and folders: output paths that keep the folder structure, one clear
line per failure, and a batch that goes on past a bad file.

A result never replaces a file (unless asked to): a taken name gives "name (2).ext", and the
report names each such result. A re-run can skip the photos a run of the batch cut short
finished (``finished_before``), or those whose result is already there and whole under the
name planned for it, so a batch cut short is finished without restoring anything twice; a
result of other settings there is told apart by the description its EXIF records
(``SettingsTold``), and the photo's result of these settings goes beside it
(``not_made_alike``), where the next run of them finds it.

Asked to replace results, or to skip those already there, a batch acts only on files Rekindle
made (``IsResult``) of the same photo: a person's own photo under a result's name is never
replaced nor taken for its result, nor is the result of another photo of that name (Mum's
IMG_0001.JPG, where Dad's is restored into the same folder), which each result records
(``with_source``; a film in its comment, ``film_source``); the result is given a numbered
name (``clear_of_others``). A result that records no photo (a BMP, one of an earlier Rekindle)
counts as this photo's only where the journal of a batch into the folder lists it
(``ListedOrMarked``): the batch cannot tell whose it is else. A frame sequence, which is no
file, is recorded by none of its results: they are told by their names.
"""

from __future__ import annotations

import os
import re
import shutil
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from itertools import accumulate
from operator import itemgetter
from pathlib import Path
from typing import Protocol, TypeGuard, TypeVar

import numpy as np
from PIL import Image

from engine.alpha_fill import visible_colours
from engine.atomic import numbered_names, staged_file
from engine.decoding import other_pages_note
from engine.errors import (
    EVERY_WRITE,
    NO_ROOM,
    Cancelled,
    RekindleError,
    WriteError,
    os_cause,
    plain_reason,
    sentence_for,
)
from engine.fading import FadingFix, measure_fading
from engine.file_names import name_with_tail
from engine.folder_tails import folder_tails
from engine.icc import ORIENTATION, without_pillow_pixel_limit
from engine.imageio import (
    FORMAT_EXTENSIONS,
    FORMAT_NAMES,
    TURNED_A_QUARTER,
    Picture,
    format_of,
    left_out_notes,
    picture_is_whole,
    read_picture,
    same_format_suffix,
    write_picture,
)
from engine.leftovers import sweep_once
from engine.media import (
    Unreadable,
    carries_mark,
    header_exif,
    header_facts,
    is_supported_video,
    results_apart,
)
from engine.output_size import check_size, whole_scale
from engine.preflight import check_destination, refuse_file_in_the_way
from engine.progress import Progress, silent
from engine.provenance import (
    CAPTION_END,
    DESCRIPTION_TAG,
    SourceRecord,
    readable,
    recorded_source,
    source_digest,
    source_place,
    source_record,
    with_source,
)
from engine.restorer import RestoreOptions, Restorer
from engine.retouch.find import find_spots
from engine.retouch.marks import count_places
from engine.same_file import lies_inside, one_per_file, same_place
from engine.text_metadata import read_sidecar, write_sidecar
from engine.video.codecs import codec_named
from engine.video.fields import keeping
from engine.video.join import FilmRecord, film_record, film_source
from engine.video.probe import VideoInfo
from engine.video.restore import VideoOptions, film_description
from engine.video.span import FilmSpan
from engine.words import Sentence, listed, say, without_name


@dataclass(frozen=True)
class Job:
    """One input file and where its restored picture goes; ``marks``: the spots and scratches
    marked on it by hand, to fill first (``engine.retouch``)."""

    source: Path
    target: Path
    marks: np.ndarray | None = field(default=None, compare=False, repr=False)
    wanted: Path | None = field(default=None, compare=False)  # the name before numbering
    moved: str | None = field(default=None, compare=False)  # why: see ``clear_of_others``

    def asked_name(self) -> str:
        """The result's name as asked for, before a taken one was numbered."""
        return (self.wanted or self.target).name


@dataclass
class BatchReport:
    results: list[tuple[Path, Path]] = field(default_factory=list)  # (source, its result)
    failed: list[tuple[Path, str]] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)  # results already there and whole
    skipped_otherwise: list[Path] = field(default_factory=list)  # ... of other settings
    renamed: list[tuple[Path, Path, str]] = field(default_factory=list)  # and why_renamed
    cancelled: bool = False
    stopped: str = ""  # why the batch stopped before its end, and what to do (``stop_line``)
    not_tried: int = 0  # the photos it stopped before

    def saved(self, job: Job, written: Path) -> None:
        """Record ``job``'s result, saved as ``written``."""
        self.results.append((job.source, written))
        if written.name != job.asked_name():
            self.renamed.append((job.source, written, why_renamed(job.asked_name(), job.moved)))

    def failure(
        self, job: Job, message: str, on_failure: Callable[[Path, str], None] | None
    ) -> None:
        """Record ``job``'s failure and tell ``on_failure`` (when given)."""
        self.failed.append((job.source, message))
        if on_failure is not None:
            on_failure(job.source, message)

    def end_early(self, not_tried: int, progress: Progress) -> None:
        """The batch stops (``stopped`` says why) before ``not_tried`` photos: its progress is
        shown as stopped, though the run was not cancelled."""
        self.not_tried = not_tried
        progress.token.end_early()

    def summary(self, named: Callable[[Path], str] = lambda source: source.name) -> str:
        """One line of counts, then each failure with why (``failure_lines``: told during the
        run, they are what the person must act on, hundreds of lines back by the end), then
        the results saved under another name (``renamed_lines``), each source called what
        ``named`` calls it, then why the batch stopped, where it did."""
        return "\n".join(
            [listed(self._counts())]
            + failure_lines(self.failed, named)
            + renamed_lines(self.renamed, named)
            + ([self.stopped] if self.stopped else [])
        )

    def _counts(self) -> list[str]:
        """The photos restored and failed; skipped (their results of the run's settings, and
        apart those of other settings: ``SettingsTold``), not tried and cancelled where
        so."""
        counts = [
            say("{count} restored", count=len(self.results)),
            say("{count} failed", count=len(self.failed)),
        ]
        counts += skipped_counts(len(self.skipped), len(self.skipped_otherwise))
        if self.not_tried:
            counts.append(say("{count} not tried", count=self.not_tried))
        if self.cancelled:
            counts.append(say("cancelled"))
        return counts


def skipped_counts(alike: int, otherwise: int) -> list[str]:
    """The photos skipped, in words, where any were: ``alike``, their results there (of the
    run's settings, or as ``--skip-existing`` takes them, whatever), ``otherwise``, their
    results made with other settings (``SettingsTold``)."""
    counts = []
    if alike:
        counts.append(say("{count} skipped (already restored)", count=alike))
    if otherwise:
        counts.append(say("{count} skipped (restored before with other settings)", count=otherwise))
    return counts


def why_renamed(asked: str, moved: str | None = None) -> str:
    """Why a result did not get the name ``asked``: why ``clear_of_others`` ``moved`` it,
    where it did, else the name was taken."""
    return moved or say("{name} was taken", name=asked)


def renamed_line(name: str, given: Path, why: str) -> str:
    """The line that tells the result of the file called ``name`` was saved as ``given``."""
    return say("renamed: {name} saved as {given} ({why})", name=name, given=given.name, why=why)


SUMMED_UP_AFTER = 10
"""Results renamed beyond this many are told in the summary as one line, their count."""
FAILURES_LISTED = 20
"""Failures the summary names one by one, the rest counted in one line."""


def renamed_lines(
    renamed: Sequence[tuple[Path, Path, str]], named: Callable[[Path], str]
) -> list[str]:
    """A line for each result saved under another name (``renamed_line``), or, for more than
    ``SUMMED_UP_AFTER``, which would drown the summary else, a line of their count: those
    whose names held their photos' results of other settings (``made_otherwise``) apart."""
    if len(renamed) <= SUMMED_UP_AFTER:
        return [renamed_line(named(source), given, why) for source, given, why in renamed]
    otherwise = sum(_is_made_otherwise(why) for _, _, why in renamed)
    taken = len(renamed) - otherwise
    lines = []
    if taken:
        lines.append(
            say(
                "renamed: {count} results saved under other names, as their own were taken",
                count=taken,
            )
        )
    if otherwise:
        lines.append(
            say(
                "renamed: {count} results saved under other names, as theirs held results made "
                "with other settings",
                count=otherwise,
            )
        )
    return lines


def failure_lines(failed: Sequence[tuple[Path, str]], named: Callable[[Path], str]) -> list[str]:
    """A "failed: ..." line for each of the first ``FAILURES_LISTED`` failures, then one line
    that counts the rest."""
    lines = [failure_line(named(source), source, why) for source, why in failed[:FAILURES_LISTED]]
    if len(failed) > FAILURES_LISTED:
        lines.append(say("and {count} more failed", count=len(failed) - FAILURES_LISTED))
    return lines


def failure_line(name: str, source: Path, why: str) -> str:
    """The line that tells the file called ``name`` in the run failed, and ``why``
    (``naming``)."""
    return say("failed: {failure}", failure=naming(name, source, why))


def naming(name: str, source: Path, sentence: str) -> str:
    """A failure's sentence, starting with the file's ``name`` in the run (once: a sentence
    that starts with the file's own name starts with ``name`` instead, still the sentence
    ``say`` made where it named the file by its ``name`` field, so that it is worded as
    its template is)."""
    if _named_first(sentence, source.name):
        return Sentence(sentence.template, {**sentence.fields, "name": name})
    return say("{name}: {sentence}", name=name, sentence=without_name(sentence, source.name))


def _named_first(sentence: str, file_name: str) -> TypeGuard[Sentence]:
    """Whether ``sentence`` is made by ``say`` from a template that names the file
    ``file_name`` once, first: "{name}: ..."."""
    return (
        isinstance(sentence, Sentence)
        and sentence.template.startswith("{name}: ")
        and sentence.template.count("{name}") == 1
        and sentence.fields.get("name") == file_name
    )


def output_name(source: Path, fmt: str | None, stem: str | None = None) -> str:
    """The restored file's name: ``stem`` (the source's when None) with the chosen (or the
    same) format's extension, within a file name's bytes (``name_with_tail``)."""
    suffix = FORMAT_EXTENSIONS[fmt] if fmt else same_format_suffix(source)
    return name_with_tail(source.stem if stem is None else stem, suffix)


@dataclass
class BatchPlan:
    """The photos to restore, the films found in the folders given (a film is restored on
    its own, with its own settings: ``restore-video``), the folders that could not be
    read, each with why, the results given (by name, or found in a folder given) with
    the photo each was made from (``results_given``), left out, and the other files found
    in the folders given that Rekindle does not read (``media_in``'s ``left_out``)."""

    jobs: list[Job] = field(default_factory=list)
    films: list[Path] = field(default_factory=list)
    unreadable: Unreadable = field(default_factory=list)
    results: dict[Path, Path] = field(default_factory=dict)
    left_out: list[Path] = field(default_factory=list)


def plan_batch(
    inputs: Iterable[str | os.PathLike],
    out_dir: Path,
    fmt: str | None,
    beside_stem: Callable[[str], str] | None = None,
    is_result: IsResult = carries_mark,
) -> BatchPlan:
    """A job per photo: files go straight into ``out_dir``; a folder's photos (``media_in``)
    keep their paths below it, under a folder of its name (``FolderNames``). A result that
    lands in its own photo's folder is named by ``beside_stem`` (say ``Recipe.file_stem``: "a
    [restore-x4].jpg" reads as what it is, where "a (2).jpg" reads as a copy). Names are given by
    ``distinct_targets``. A file given by name is a job whatever it is but a film, so that
    its failure says why. A photo given twice (by name, by a link to it, or in two folders given) is
    restored once, under its own name rather than a link's (``one_per_file``), and the
    results of a folder restored into a folder inside it are not taken for its photos on
    the next run, nor are the results, given by name or found in a folder given, of a photo
    given too (``results_given``, told by ``is_result``). A result folder a file holds the
    place of is refused (``check_result_folders``)."""
    plan = BatchPlan()
    given: list[tuple[Path, Path]] = []
    items = list(map(Path, inputs))
    names = FolderNames(items)
    for item in items:
        if item.is_dir():
            found = media_found(item, out_dir, names, plan.unreadable, plan.left_out)
            plan.films.extend(path for path in found if is_supported_video(path))
            given += [
                (source, result_folder(source, item, out_dir, names))
                for source in found
                if not is_supported_video(source)
            ]
        elif is_supported_video(item):
            plan.films.append(item)
        else:
            given.append((item, out_dir))
    sources = [source for source, _ in given]
    plan.results = results_given(sources, sources, is_result)
    given = [(source, folder) for source, folder in given if source not in plan.results]
    wanted = [
        (source, folder / output_name(source, fmt, result_stem(source, folder, beside_stem)))
        for source, folder in one_per_file(given, itemgetter(0))
    ]
    targets = distinct_targets(wanted)
    plan.jobs = [
        Job(source, target, wanted=asked)
        for (source, asked), target in zip(wanted, targets, strict=True)
    ]
    check_result_folders(plan.jobs)
    return plan


def results_given(
    candidates: Iterable[Path], files: Sequence[Path], is_result: IsResult
) -> dict[Path, Path]:
    """Of the ``candidates`` (files given by name, or found in a folder given), each that is
    a result Rekindle made (``is_result``) of another of the run's ``files`` (the one it
    records: ``recorded_source_of``), with that file. A glob that also matches a photo's
    results beside it (``*.png`` run again into the photos' own folder), or a folder holding
    results saved beside their photos restored into another folder, asks for the photos, not
    for results of their results; a result given without its photo is restored as asked."""
    sources = RecordedSources(files)
    found: dict[Path, Path] = {}
    for path in candidates:
        record = recorded_source_of(path) if is_result(path) else None
        source = None if record is None else sources.named_by(record)
        if source is not None and not same_place(source, path):
            found[path] = source
    return found


class RecordedSources:
    """Which of a run's ``files`` a result's record names (``SourceRecord.is_of``: the same
    place, else the same bytes), each file's place and bytes hashed once rather than once
    for every result: the places once a record is asked about, the bytes only once a place
    names none of them (a collection moved)."""

    def __init__(self, files: Sequence[Path]) -> None:
        self._files = files

    def named_by(self, record: SourceRecord) -> Path | None:
        """The first of the files ``record`` names; None where it names none of them."""
        by_place = self._by_place.get(record.place or "")
        return by_place if by_place is not None else self._by_digest.get(record.digest)

    @cached_property
    def _by_place(self) -> dict[str, Path]:
        return {source_place(path): path for path in reversed(self._files)}

    @cached_property
    def _by_digest(self) -> dict[str, Path]:
        digests = ((source_digest(path), path) for path in reversed(self._files))
        return {digest: path for digest, path in digests if digest is not None}


def check_result_folders(jobs: Iterable[Job]) -> None:
    """Refuse, before any work, results that would go into a folder a file holds the place
    of (a folder given, whose results go into a folder of its name in the output folder, a
    file there of that name): each of its photos would be restored only to fail."""
    for folder in {job.target.parent for job in jobs}:
        refuse_file_in_the_way(folder)


def writable_apart(jobs: list[Job]) -> tuple[list[Job], list[tuple[Path, str]]]:
    """The jobs whose results' folder can take them, and the photos of the others, each with
    why (``_unwritable_folders``), to refuse before any work: each would be restored only
    for its result to be refused."""
    refused = _unwritable_folders(jobs)
    writable = [job for job in jobs if job.target.parent not in refused]
    apart = [
        (job.source, refused[job.target.parent]) for job in jobs if job.target.parent in refused
    ]
    return writable, apart


def _unwritable_folders(jobs: Iterable[Job]) -> dict[Path, str]:
    """Each folder the jobs' results go into that cannot take them, with why in words (naming
    it), found as the output folder is (``check_destination``: its nearest folder that
    exists takes no file, or has no room)."""
    refused: dict[Path, str] = {}
    for folder in {job.target.parent for job in jobs}:
        try:
            check_destination(folder)
        except WriteError as error:
            refused[folder] = error.sentence
    return refused


def result_stem(source: Path, folder: Path, beside_stem: Callable[[str], str] | None) -> str:
    """The stem of ``source``'s result in ``folder``: ``beside_stem``'s where that is the
    source's own folder, else the source's own."""
    if beside_stem is None or not folder.exists() or not folder.samefile(source.parent):
        return source.stem
    return beside_stem(source.stem)


def distinct_targets(wanted: list[tuple[Path, Path]]) -> list[Path]:
    """Each (source, wanted result)'s result name: the one wanted, else the first free of
    "name (2)", "name (3)"... Never another result's, and never a source of the batch's, so
    that no result lands on an input, even when replacing results. A source that keeps its
    own name (a.png into PNG) is served first: its result's name stays the same when files
    that would share it (a.jpg) join the batch later."""
    taken = {source.resolve() for source, _ in wanted}
    targets: list[Path] = [Path()] * len(wanted)
    own_name_first = sorted(
        range(len(wanted)), key=lambda i: wanted[i][0].name != wanted[i][1].name
    )
    for index in own_name_first:
        target = next(
            name for name in numbered_names(wanted[index][1]) if name.resolve() not in taken
        )
        taken.add(target.resolve())
        targets[index] = target
    return targets


IsResult = Callable[[Path], bool]
"""Whether the file at a path is a result Rekindle made: marked so (``carries_mark``), or
listed by a batch's journal (``ListedOrMarked``), the one sign of a BMP result."""


@dataclass(frozen=True)
class ListedOrMarked:
    """The ``IsResult`` of a batch that keeps a journal: a file it lists (``listed``, say
    ``BatchMarker.lists``), or one Rekindle marked. The journal is also what ties a result
    that records no photo (a BMP, one of an earlier Rekindle) to the photo restored
    (``_listed_by_journal``)."""

    listed: Callable[[Path], bool]

    def __call__(self, path: Path) -> bool:
        return self.listed(path) or carries_mark(path)


def _listed_by_journal(path: Path, is_result: IsResult) -> bool:
    """Whether ``is_result`` knows the file at ``path`` from a batch's journal
    (``ListedOrMarked``); any other ``IsResult`` knows none."""
    return isinstance(is_result, ListedOrMarked) and is_result.listed(path)


def with_source_recorded(restored: Picture, source: Path) -> Picture:
    """``restored`` with its EXIF recording ``source``, the photo it was made from
    (``with_source``); as it is where the photo cannot be read again."""
    record = source_record(source)
    if record is None:
        return restored
    return replace(restored, exif=with_source(restored.exif, record))


def recorded_source_of(result: Path) -> SourceRecord | None:
    """The file the result at ``result`` records it was made from: a film's in its comment
    (``film_source``), a photo's in its EXIF (``header_facts``); None where it records
    none."""
    if is_supported_video(result):
        return film_source(result)
    return header_facts(result).source


def not_its_result(path: Path, source: Path, is_result: IsResult) -> str | None:
    """Why the file at ``path`` is not ``source``'s result to skip or replace, in words: a
    file without Rekindle's mark (``is_result``), a result of an earlier Rekindle that
    records no photo, whose it is cannot be told (``_told_apart``), or a result of another
    photo or film of that name: one that records another file as the one it was made from
    (``recorded_source_of``, ``SourceRecord.is_of``: ``source`` edited since, or moved, is
    no other); None where there is no file, or ``source``'s result."""
    if not os.path.lexists(path):
        return None
    if not is_result(path):
        return say("{name} was taken by a file without Rekindle's mark", name=path.name)
    recorded = recorded_source_of(path)
    if recorded is None:
        return _records_none(path) if _told_apart(path, source, is_result) else None
    if recorded.is_of(source):
        return None
    if is_supported_video(path):
        return say("{name} holds the result of another film of that name", name=path.name)
    return say("{name} holds the result of another photo of that name", name=path.name)


def _told_apart(result: Path, source: Path, is_result: IsResult) -> bool:
    """Whether the result at ``result``, which records no source, is told apart from
    ``source``'s: a result made of a file records it (``with_source_recorded``; a film's,
    ``film_source``), so one that records none is an earlier Rekindle's, unless a batch's
    journal lists it (``_listed_by_journal``); a frame sequence, which is no file, is
    recorded by none of its results."""
    return source.is_file() and not _listed_by_journal(result, is_result)


def _records_none(path: Path) -> str:
    """Why the result at ``path``, which records no photo or film, is no run's to skip or
    replace."""
    if is_supported_video(path):
        return say(
            "{name} holds a result of an earlier Rekindle that does not record its film",
            name=path.name,
        )
    return say(
        "{name} holds a result of an earlier Rekindle that does not record its photo",
        name=path.name,
    )


MADE_WITH = "; the original made with "
"""What follows a result's description in its EXIF where its original names the software it
was made with (``marked_exif``)."""
NO_FADING_FOUND = FadingFix(black=(0.0,), gain=(1.0,), degree=0.0)
"""A photo's fading measured and none found, as ``Restorer.describe`` is told of it."""


@dataclass(frozen=True)
class SettingsTold:
    """Whether a photo's result was made with a run's settings, as the description its EXIF
    records says (``Restorer.describe``, written by ``marked_exif``): the one ``restorer``
    gives the photo restored with ``options`` (and the ``marks`` drawn on it by hand, where
    given), but for what only the photo tells: whether fading was found, and how many spots
    were (``_places_told``). A result that records no photo (a BMP a batch's journal lists;
    an earlier Rekindle's) cannot tell: None."""

    restorer: Restorer
    options: RestoreOptions
    marks: np.ndarray | None = field(default=None, compare=False)

    def __call__(self, result: Path, source: Path) -> bool | None:
        tags = header_exif(result)
        if recorded_source(tags) is None:
            return None
        value = tags.get(DESCRIPTION_TAG)
        recorded = readable(value) if isinstance(value, str) else ""
        size = photo_size(source)
        if size is None and self.options.size is not None and self.options.size.asked:
            return False  # the size asked for depends on the photo's, which cannot be read
        return self._places_told(source, recorded, size)

    def _places_told(self, source: Path, recorded: str, size: tuple[int, int] | None) -> bool:
        """Whether the description ``recorded`` is the one restoring ``source`` (of ``size``)
        with these settings gives (``_records``), with the places it fills: none, unless
        spots are found or marked; the marks' own; the count of spots found that it names,
        or none where none are found on the photo, looked for only then (a description that
        names none may be a photo's without spots, or one restored without looking)."""
        records = partial(self._records, recorded, size)
        if self.marks is not None:
            return records(count_places(self.marks))
        if not self.options.find_spots:
            return records(0)
        named = {int(number) for number in re.findall(r"\d+", recorded)} - {0}
        return any(map(records, named)) or (records(0) and _spotless(source))

    def _records(self, recorded: str, size: tuple[int, int] | None, places: int) -> bool:
        """Whether the description ``recorded`` is the one restoring a photo of ``size``
        (None: not known, so not asked for) with these settings gives, ``places`` filled,
        with fading found or not (``_describes``)."""
        options = self.options
        if size is None:
            made, scale = None, options.scale_out or self.restorer.scale
        else:
            made = self.restorer.output_size(*size, options)
            scale = whole_scale(*size, made)
        describe = partial(self.restorer.describe, scale, options, made, original=size)
        fadings = (None, NO_FADING_FOUND) if options.fix_fading else (None,)
        return any(_describes(recorded, describe(fading, places)) for fading in fadings)


def _spotless(source: Path) -> bool:
    """Whether the photo ``source`` shows no spots to fill (``find_spots``); a photo that
    cannot be read is not known to."""
    try:
        picture = read_picture(source)
    except RekindleError:
        return False
    return count_places(find_spots(visible_colours(picture))) == 0


def _describes(recorded: str, told: str) -> bool:
    """Whether the EXIF description ``recorded`` is ``told`` as ``marked_exif`` writes it:
    alone or after the original's caption (``CAPTION_END``), and before the software the
    original was made with (``MADE_WITH``) where it names one."""
    after_captions = (found.end() for found in re.finditer(re.escape(CAPTION_END), recorded))
    tails = [recorded, *(recorded[start:] for start in after_captions)]
    return any(tail == told or tail.startswith(told + MADE_WITH) for tail in tails)


Told = Callable[[Path, Path], bool | None]
"""Whether the result at a path was made with a run's settings (the path and its source given),
as it records them; None where it cannot tell: ``SettingsTold``, ``FilmSettingsTold``."""


@dataclass(frozen=True)
class FilmSettingsTold:
    """Whether a film's result was made with a run's settings, as it records them
    (``film_record``): the description its comment's mark holds is the one the film restored
    with ``options`` gets (``film_description``, for its part of the film), with fading found
    or not; its video is written as ``options`` write it (``encoded_alike``). ``films``: what
    each film of the run holds and the part of it restored, by its path. A result that records
    no mark, or whose encoder recorded no CRF, cannot tell: None."""

    restorer: Restorer
    options: VideoOptions
    films: Mapping[Path, tuple[VideoInfo, FilmSpan]]

    def __call__(self, result: Path, source: Path) -> bool | None:
        record = film_record(result)
        film = self.films.get(source)
        if record is None or film is None:
            return None
        encoded = encoded_alike(record, self.options, film[0])
        if not encoded:
            return encoded
        return any(record.says_done(described, film[0]) for described in self._descriptions(film))

    def _descriptions(self, film: tuple[VideoInfo, FilmSpan]) -> list[str]:
        """What a restoration of the film with these settings records it did: with fading
        fixed, and with none found, where a fix is asked for."""
        info, span = film
        options = replace(self.options, span=span.within(info))
        scale = options.frames.scale_out or self.restorer.scale
        fadings = (None, NO_FADING_FOUND) if options.frames.fix_fading else (None,)
        return [film_description(self.restorer, info, scale, options, f) for f in fadings]


def encoded_alike(record: FilmRecord, options: VideoOptions, info: VideoInfo) -> bool | None:
    """Whether the film whose making ``record`` tells was written as ``options`` write
    ``info``'s film: in the codec asked for, at the CRF asked for where the codec takes one,
    its fields kept (its stream flagged interlaced) where ``options`` keep the film's
    (``keeping``). None where its encoder recorded no CRF though one is asked for: it cannot
    tell."""
    codec = codec_named(options.codec)
    crf = codec.default_crf if options.crf is None else options.crf
    if crf is not None and record.crf is None:
        return None
    kept = keeping(info.fields, options.deinterlace) is not None
    return (
        record.in_codec(codec) and (crf is None or record.crf == crf) and record.interlaced == kept
    )


def not_made_alike(path: Path, source: Path, is_result: IsResult, told: Told) -> str | None:
    """Why the file at ``path`` is not ``source``'s result made with a run's settings
    (``told``: ``SettingsTold``, ``FilmSettingsTold``), in words: no result of its
    (``not_its_result``), its result made with other settings (``made_otherwise``), or one
    that does not tell its settings; None where there is no file, or that result."""
    why = not_its_result(path, source, is_result)
    if why is not None or not os.path.lexists(path):
        return why
    alike = told(path, source)
    if alike is None and is_supported_video(path):
        return say(
            "{name} holds this film's result, which does not record its settings", name=path.name
        )
    if alike is None:
        return say(
            "{name} holds this photo's result, which does not record its settings", name=path.name
        )
    return None if alike else made_otherwise(path.name)


Unfit = Callable[[Path, Path], str | None]
"""Why the file at a path is not a source's result to keep its name (the path and the source
given): ``not_its_result``, or ``not_made_alike``; None where it is, or there is none."""


class Placed(Protocol):
    """A file of a run and the name its result is to take (a ``Job``; a film), a dataclass
    whose ``moved`` says why ``clear_of_others`` gave it another name, where it did."""

    @property
    def source(self) -> Path: ...

    @property
    def target(self) -> Path: ...


P = TypeVar("P", bound=Placed)


def clear_of_others(items: list[P], is_result: IsResult, unfit: Unfit | None = None) -> list[P]:
    """``items`` (their result names distinct: ``distinct_targets``), each whose result's
    name holds a file that is not its result (``not_its_result``: a file without Rekindle's
    mark, a result whose photo cannot be told, or a result of another photo of that name;
    or as ``unfit`` says, given: ``not_made_alike``'s, also its result of other settings)
    moved to the first of its numbered names that holds no such file and is no other's
    result name nor a source, why kept as ``moved``: a person's own file, or another photo's
    result, under a result's name is neither replaced nor taken for the result, and a result
    moved so before is found there again on the next run."""
    why_not = unfit or partial(not_its_result, is_result=is_result)
    taken = {path.resolve() for item in items for path in (item.source, item.target)}
    cleared: list[P] = []
    for item in items:
        why = why_not(item.target, item.source)
        if why is not None:
            name = next(
                other
                for other in numbered_names(item.target)
                if other.resolve() not in taken and why_not(other, item.source) is None
            )
            taken.add(name.resolve())
            item = replace(item, target=name, moved=why)
        cleared.append(item)
    return cleared


class FolderNames:
    """What each folder given to a run is called in its output folder, where its results go:
    its own name; folders given together that share a name, the fewest last folders that
    tell them apart (``folder_tails``: "2019/scans", "2020/scans"), so that their results
    never mix. A folder given alone keeps its own name."""

    def __init__(self, inputs: Iterable[str | os.PathLike]) -> None:
        folders = [path.resolve() for path in map(Path, inputs) if path.is_dir()]
        self._names = {
            folder: Path(*(_part_name(part, folder) for part in tail), _named(folder))
            for folder, tail in folder_tails(folders).items()
        }

    def __call__(self, folder: Path) -> Path:
        resolved = folder.resolve()
        return self._names.get(resolved, Path(_named(resolved)))


def _part_name(part: str, folder: Path) -> str:
    """A part of ``folder``'s path as a folder's name: its root (reached where folders differ
    only there: "/scans", "/old/scans") is "root", as ``_named`` calls it, a drive by its
    letter."""
    if part != folder.anchor:
        return part
    return "".join(filter(str.isalnum, folder.drive)) or ROOT_NAME


def media_found(
    folder: Path,
    out_dir: Path,
    names: FolderNames,
    unreadable: Unreadable | None = None,
    left_out: list[Path] | None = None,
) -> list[Path]:
    """``media_in(folder, unreadable, left_out)`` less the results of a run that wrote
    ``folder``'s restorations into ``out_dir`` inside it (``names``: the run's
    ``FolderNames``)."""
    results = _results_of(folder, out_dir, names)
    return results_apart(folder, results, unreadable, left_out)[0]


def result_folder(source: Path, folder: Path, out_dir: Path, names: FolderNames) -> Path:
    """Where the result of ``source``, found in the ``folder`` given, goes: its path below
    ``folder`` kept, under the folder's name (``names``: the run's ``FolderNames``) in
    ``out_dir``."""
    return out_dir / names(folder) / source.relative_to(folder).parent


class SourceNames:
    """What a run's lines call each file: its path below the folder given that holds it,
    under that folder's name (``FolderNames``, as its result lies in the output folder), so
    that two ``a.jpg`` of different folders read apart; a file given by name is called by it."""

    def __init__(self, inputs: Iterable[str | os.PathLike]) -> None:
        self._folders = [folder for folder in map(Path, inputs) if folder.is_dir()]
        self._names = FolderNames(self._folders)

    def __call__(self, source: Path) -> str:
        for folder in self._folders:
            if source != folder and source.is_relative_to(folder):
                return str(self._names(folder) / source.relative_to(folder))
        return source.name


def check_folders_apart(inputs: Iterable[Path], out_dir: Path, *, flat: bool = False) -> None:
    """Refuse a folder given whose results would go into the folder itself (``-o`` its
    parent; ``-o`` the folder where results go straight into ``out_dir``, ``flat``, as turned
    copies do): they would lie among its originals, and the next run would take them too."""
    folders = list(inputs)
    names = FolderNames(folders)
    for folder in folders:
        results = out_dir if flat else out_dir / names(folder)
        if folder.is_dir() and same_place(results, folder):
            raise RekindleError(
                say(
                    "the results of {folder} would go into {folder} itself, among its "
                    "originals: choose another output folder (-o)",
                    folder=folder,
                )
            )


ROOT_NAME = "root"
"""What a run's output calls the root folder, which has no name of its own."""


def _named(folder: Path) -> str:
    """The folder's own name, also when it is given as "." or ".."."""
    return folder.resolve().name or ROOT_NAME


def _results_of(folder: Path, out_dir: Path, names: FolderNames) -> Path:
    """Where a run writes the results of ``folder``'s photos: the whole output folder when
    that lies inside ``folder``, else its folder named after ``folder`` (``names``)."""
    return out_dir if lies_inside(out_dir, folder) else out_dir / names(folder)


def sweep_leftovers(jobs: Iterable[Job]) -> None:
    """Remove what killed runs left half-written in the folders these jobs write into."""
    for folder in {job.target.parent for job in jobs}:
        sweep_once(folder)


WHOLE_FORMATS = frozenset({"png", "tif", "dpx"})
"""Formats that hold a result as it was made: its depth and alpha, nothing compressed away."""


class SavedLossily(RekindleError):
    """A result kept only in a file that lost some of it (a format, ``kept``, outside
    ``WHOLE_FORMATS``), asked for in another format, ``wanted``."""

    def __init__(self, saved: Path, kept: str, wanted: str) -> None:
        self.saved, self.kept, self.wanted = saved, kept, wanted
        super().__init__(
            say(
                "{name} holds this result only as {kind}, which lost some of it: "
                "restore the photo again to save it as {wanted}",
                name=saved.name,
                kind=FORMAT_NAMES[kept],
                wanted=FORMAT_NAMES[wanted],
            )
        )


def save_again(
    saved: Path,
    target: Path,
    forbid: Iterable[Path] = (),
    on_read: Callable[[Picture], None] | None = None,
) -> Path:
    """Save the result kept in the file ``saved`` as ``target`` ("name (2)" when taken; never
    over ``forbid``); return the name it got. In the same format the file's bytes are copied,
    so nothing is compressed twice; another format is made from a file that holds the whole
    result (``WHOLE_FORMATS``), else ``SavedLossily``. Its XMP sidecar goes with it.
    ``on_read`` is handed the result read to be made anew (not where its bytes are copied),
    so that what ``target`` leaves out of it is told without reading it twice
    (``left_out_notes``)."""
    kept, wanted = format_of(saved), format_of(target)
    if wanted == kept:
        with staged_file(target, replace=False) as staged:
            shutil.copyfile(saved, staged.temp)
        sidecar = read_sidecar(saved)
        if sidecar is not None:
            write_sidecar(staged.path, sidecar)
        return staged.path
    if kept not in WHOLE_FORMATS and kept is not None and wanted is not None:
        raise SavedLossily(saved, kept, wanted)
    picture = read_picture(saved)
    if on_read is not None:
        on_read(picture)
    return write_picture(picture, target, forbid=forbid, replace=False)


def restore_picture(
    restorer: Restorer,
    job: Job,
    options: RestoreOptions | None = None,
    progress: Progress | None = None,
    on_notice: Callable[[str], None] | None = None,
    data: bytes | None = None,
) -> Picture:
    """Read and restore one picture. A result its format cannot hold is refused before the
    work; one too large for common viewers is restored after a warning (``check_size``), and
    a picture with no sign of fading gets a note when its fading was to be fixed, and a TIFF
    of several pages one that only its first is restored, one whose EXIF its format
    cannot hold whole one naming what is left out, and one whose 16 bits or transparency its
    format cannot hold one for each (``left_out_notes``; ``on_notice`` is given these
    sentences). ``data``: the source file's bytes, when they were read elsewhere."""
    options = options or RestoreOptions()
    notice = on_notice or (lambda _: None)
    picture = read_picture(job.source, data)
    pages = other_pages_note(job.source if data is None else data, job.source.name)
    if pages:
        notice(f"note: {pages}")
    height, width = picture.pixels.shape[:2]
    warning = check_size(
        *restorer.output_size(width, height, options), job.target.suffix, job.source.name
    )
    if warning:
        notice(f"warning: {warning}")
    fading = measure_fading([visible_colours(picture)]) if options.fix_fading else None
    if fading is not None and not fading.faded:
        notice(
            f"note: {job.source.name} shows no sign of fading; its colours are left as they were"
        )
    restored = restorer.restore(picture, options, progress, fading, job.marks)
    for note in left_out_notes(restored, format_of(job.target), job.source.name):
        notice(f"note: {note}")
    return restored


Journal = Callable[[Path, Path | None], None]
"""Told a photo's source just before its result is saved (with None), and again once it is
saved (with the name it got), so a kill between the two leaves a trace (``BatchMarker``)."""


def save_result(
    restored: Picture,
    job: Job,
    *,
    overwrite: bool = False,
    is_result: IsResult = carries_mark,
    journal: Journal | None = None,
) -> Path:
    """Write ``job``'s restored picture, recording the photo it was made from
    (``with_source_recorded``), and return the name it got; ``journal`` is told as it is
    saved. An existing file gets a suffixed name unless ``overwrite`` and it is this photo's
    result (``not_its_result``); the source itself is never written to."""
    replacing = overwrite and not_its_result(job.target, job.source, is_result) is None
    recorded = with_source_recorded(restored, job.source)
    if journal is not None:
        journal(job.source, None)
    written = write_picture(recorded, job.target, forbid=[job.source], replace=replacing)
    if journal is not None:
        journal(job.source, written)
    return written


def saved_names(
    jobs: Iterable[Job], *, overwrite: bool = False, is_result: IsResult = carries_mark
) -> list[Path]:
    """The names ``save_result`` would give the jobs' results, saved one after another, and
    nothing written: each its own, unless that holds a file it does not replace (any,
    without ``overwrite``; else one that is not its result), then the first of its numbered
    names that is free, and not taken by a result before it."""
    taken: set[Path] = set()
    names: list[Path] = []
    for job in jobs:
        replacing = overwrite and not_its_result(job.target, job.source, is_result) is None
        free = (name for name in numbered_names(job.target) if not os.path.lexists(name))
        name = job.target if replacing else next(name for name in free if name not in taken)
        taken.add(name)
        names.append(name)
    return names


def too_large(job: Job) -> str:
    """The failure of a photo that did not fit in memory."""
    return say("{name}: too large to restore in the memory available", name=job.source.name)


def made_otherwise(name: str) -> str:
    """Why a result was not saved as ``name``: it holds the photo's (or film's) result made
    with other settings (``not_made_alike``)."""
    if is_supported_video(name):
        return say("{name} holds this film's result made with other settings", name=name)
    return say("{name} holds this photo's result made with other settings", name=name)


def _is_made_otherwise(why: str) -> bool:
    """Whether ``why`` a result was renamed is ``made_otherwise``'s."""
    return isinstance(why, Sentence) and why.template == made_otherwise("").template


def already_restored(job: Job, is_result: IsResult = carries_mark) -> bool:
    """Whether the job's result is there and whole: a file Rekindle made of this photo
    (``not_its_result``), never an original at that name, a result of another photo of that
    name, nor one whose photo cannot be told."""
    return (
        job.target.resolve() != job.source.resolve()
        and picture_is_whole(job.target)
        and not_its_result(job.target, job.source, is_result) is None
    )


def finished_before(
    jobs: list[Job], result_of: Callable[[Path, Path], Path | None]
) -> tuple[list[Job], list[tuple[Job, Path]]]:
    """The jobs still to do, and the others, each with its result: those an earlier run
    finished, whose result ``result_of`` (given the source and the result it was to be)
    names, there and whole."""
    todo: list[Job] = []
    done: list[tuple[Job, Path]] = []
    for job in jobs:
        result = result_of(job.source, job.target)
        if result is not None and picture_is_whole(result):
            done.append((job, result))
        else:
            todo.append(job)
    return todo, done


def stop_line(error: BaseException) -> str:
    """Where ``error`` is one every later photo's save would meet too (a full disk, a
    read-only one: ``EVERY_WRITE``), the line that says so and what to do; else ""."""
    cause = os_cause(error)
    if cause is None or cause.errno not in EVERY_WRITE:
        return ""
    reason = plain_reason(cause)
    if cause.errno in NO_ROOM:
        return say(
            "stopped: {reason}, so no more results can be saved; make room, then run the "
            "same command again to restore the rest (photos already restored are skipped)",
            reason=reason,
        )
    return say(
        "stopped: {reason}, so no more results can be saved; once it can be written to, run "
        "the same command again to restore the rest (photos already restored are skipped)",
        reason=reason,
    )


def split_restored(jobs: list[Job], is_result: IsResult) -> tuple[list[Job], list[Job]]:
    """The jobs still to do, and those whose result is already there and whole
    (``already_restored``)."""
    todo: list[Job] = []
    restored: list[Job] = []
    for job in jobs:
        (restored if already_restored(job, is_result) else todo).append(job)
    return todo, restored


def photo_size(path: Path) -> tuple[int, int] | None:
    """The photo's (width, height) upright, as it is read to be restored (its EXIF orientation
    applied), read from its header (no pixels decoded); None where the header cannot be read
    so."""
    try:
        with without_pillow_pixel_limit(), warnings.catch_warnings(), Image.open(path) as image:
            warnings.simplefilter("ignore")
            width, height = image.size
            turned = _orientation(image) in TURNED_A_QUARTER
            stored = _stored_size(image)
    except Exception:  # Pillow raises many kinds for a damaged or foreign file
        return None
    if turned and stored == (height, width):  # Pillow gives a TIFF's upright already
        return width, height
    return (height, width) if turned else (width, height)


def _orientation(image: Image.Image) -> int | None:
    """The EXIF orientation of the opened ``image``; none looked for in a PNG whose EXIF is
    not before its pixels, where Pillow would decode them all to look (the picture is read
    so too: ``engine.icc``)."""
    if image.format == "PNG" and "exif" not in image.info:
        return None
    return image.getexif().get(ORIENTATION)


def _stored_size(image: Image.Image) -> tuple[int, int] | None:
    """The (width, height) the pixels of ``image`` are stored in, as far as its tiles reach;
    None where it lists none."""
    extents = [tile[1] for tile in image.tile if tile[1] is not None]
    if not extents:
        return None
    return max(box[2] for box in extents), max(box[3] for box in extents)


SAVING_WORK = {"png": 0.02, "tif": 0.03, "jpg": 0.003, "webp": 0.03, "bmp": 0.005, "dpx": 0.015}
"""The time writing a result takes for each of its pixels, by its format, as a share of the
time restoring takes for each pixel of the photo. Measured on a CPU of two cores: restoring
took 2.5 to 11 us a pixel of the photo with the built-in 2x and 4x models (5.4 for a 16-bit
scan of 12 megapixels); writing 8- and 16-bit results of 1 to 48 megapixels took 0.04 to 0.12
us a pixel as PNG, 0.02 to 0.18 as TIFF (the most for the largest, whose writes wait on the
disk), 0.01 to 0.02 as JPEG, 0.14 as WebP, 0.01 to 0.03 as BMP and 0.01 as DPX. A 2x result
of that scan as TIFF so takes 4 x 0.03 = 0.12 of its restoration's time; a 4x one, 0.48. On a
GPU, which restores many times faster, saving is a larger share than these say."""

ResultSize = Callable[[int, int], tuple[int, int]]
"""The (width, height) of a photo's result, given the photo's (``Restorer.output_size``)."""


@dataclass(frozen=True)
class PhotoWork:
    """A photo's work in a batch, in pixels restored: restoring it, then saving its result
    (``SAVING_WORK``)."""

    restoring: float
    saving: float = 0.0


class BatchShares:
    """Each photo's share of a batch's progress, as large as its work (``PhotoWork``): its
    pixel count (``photo_size``), as its restoration's time is, and, where the sizes of the
    results are given (``result_size``), its result's pixels weighted by how long its format
    takes to write: a scan of 24 megapixels among phone photos takes most of the bar, so the
    time left is not told as seconds while it has minutes to go, nor told as none while its
    result is written. A photo whose size cannot be read counts as the others' average. The
    ``restored`` photos (skipped: their results already there) are the share done before
    this run, so its speed is measured from there."""

    def __init__(
        self,
        todo: Sequence[Job],
        restored: Sequence[Job],
        result_size: ResultSize | None = None,
    ) -> None:
        works = _works([*restored, *todo], result_size)
        weights = [work.restoring + work.saving for work in works]
        self._names = [job.source.name for job in todo]
        self._resumed = sum(weights[: len(restored)])
        self._starts = list(accumulate(weights[len(restored) :], initial=self._resumed))
        todo_works = works[len(restored) :]
        self._saving_from = [
            start + work.restoring
            for start, work in zip(self._starts[:-1], todo_works, strict=True)
        ]
        self._total = self._starts[-1]
        self._finished = self._resumed  # the share of the photos told finished (``finished``)

    def progress_of(self, index: int, progress: Progress) -> Progress:
        """Report that photo ``index`` of those to do starts, and return the sub-progress of
        its restoration (its saving is told by ``saving``)."""
        start, stop = self._starts[index], self._saving_from[index]
        self._tell(start, self._names[index], progress)
        return progress.span(start / self._total, stop / self._total)

    def saving(self, index: int, progress: Progress) -> None:
        """Report that the result of photo ``index`` of those to do is being saved."""
        name = self._names[index]
        self._tell(self._saving_from[index], say("saving {name}", name=name), progress)

    def saved(self, index: int, progress: Progress) -> None:
        """Report that the result of photo ``index`` of those to do, done in order, is saved:
        the bar stands at its share's end."""
        name = self._names[index]
        self._tell(self._starts[index + 1], say("saved {name}", name=name), progress)

    def finished(self, index: int, what: str, progress: Progress) -> None:
        """Report that photo ``index`` of those to do is finished, ``what`` saying where the
        batch stands: photos finished in any order (a cluster's workers restore them side by
        side) move the bar by their shares."""
        self._finished += self._starts[index + 1] - self._starts[index]
        self._tell(self._finished, what, progress)

    def _tell(self, done: float, what: str, progress: Progress) -> None:
        progress.update(done, self._total, what, unit="pixel", resumed_from=self._resumed)


def _works(jobs: Sequence[Job], result_size: ResultSize | None) -> list[PhotoWork]:
    """Each job's ``PhotoWork``, the average of the others' where its photo's size cannot be
    read (one pixel's restoring where none can)."""
    works = [_work(job, result_size) for job in jobs]
    known = [work for work in works if work is not None]
    if not known:
        return [PhotoWork(1.0)] * len(jobs)
    usual = PhotoWork(
        sum(work.restoring for work in known) / len(known),
        sum(work.saving for work in known) / len(known),
    )
    return [usual if work is None else work for work in works]


def _work(job: Job, result_size: ResultSize | None) -> PhotoWork | None:
    """The job's ``PhotoWork``: its photo's pixels, and its result's weighted by
    ``SAVING_WORK`` (none where ``result_size`` is not given, or its format is not known);
    None where its photo's size cannot be read."""
    size = photo_size(job.source)
    if size is None:
        return None
    width, height = size
    cost = SAVING_WORK.get(format_of(job.target) or "", 0.0)
    if result_size is None or not cost:
        return PhotoWork(width * height)
    out_width, out_height = result_size(width, height)
    return PhotoWork(width * height, out_width * out_height * cost)


def restore_batch(
    restorer: Restorer,
    jobs: list[Job],
    options: RestoreOptions | None = None,
    progress: Progress | None = None,
    *,
    overwrite: bool = False,
    skip_existing: bool = False,
    on_failure: Callable[[Path, str], None] | None = None,
    on_notice: Callable[[str], None] | None = None,
    journal: Journal | None = None,
    is_result: IsResult = carries_mark,
) -> BatchReport:
    """Restore every job in turn; a file that fails is reported and the rest go on, unless
    no later result could be saved either (a full disk: ``stop_line``). With
    ``skip_existing``, a job whose result is already there and whole is not done again;
    ``overwrite`` replaces a result; a file that is not the photo's result
    (``not_its_result``) is neither.
    ``journal`` is told as each result is saved (``Journal``). Each photo takes a share of
    ``progress`` as large as its work, restoring and saving its result, the skipped ones the
    share done before (``BatchShares``); its saving is told as it starts, and the last one's
    end, so that the bar stands full once the batch is done."""
    progress = progress or silent()
    options = options or RestoreOptions()
    report = BatchReport()
    todo, restored = split_restored(jobs, is_result) if skip_existing else (jobs, [])
    report.skipped = [job.target for job in restored]
    shares = BatchShares(todo, restored, partial(restorer.output_size, options=options))
    for index, job in enumerate(todo):
        try:
            part = shares.progress_of(index, progress)
            restored_picture = restore_picture(restorer, job, options, part, on_notice)
            shares.saving(index, progress)
            written = save_result(
                restored_picture, job, overwrite=overwrite, is_result=is_result, journal=journal
            )
        except Cancelled:
            report.cancelled = True
            break
        except (RekindleError, MemoryError) as error:
            report.failure(job, sentence_for(error, out_of_memory=too_large(job)), on_failure)
            report.stopped = stop_line(error)
            if report.stopped:
                report.end_early(len(todo) - index - 1, progress)
                break
        else:
            report.saved(job, written)
            if index == len(todo) - 1:  # the bar full, as the last result is written
                shares.saved(index, progress)
    return report
