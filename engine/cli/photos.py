"""``restore``: photos restored into a folder as a batch; and ``preview``: a part of a photo
restored as restoring the whole would make it (a film's frame: ``films``)."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from engine.alpha_fill import visible_colours
from engine.batch import (
    BatchReport,
    IsResult,
    Job,
    ListedOrMarked,
    SettingsTold,
    SourceNames,
    check_folders_apart,
    clear_of_others,
    finished_before,
    not_made_alike,
    photo_size,
    plan_batch,
    restore_batch,
    saved_names,
    split_restored,
    sweep_leftovers,
    too_large,
    writable_apart,
)
from engine.cli.films import film_cleanup, preview_frame
from engine.cli.restoring import check_scale_out, chosen_restorer, cluster_workers, model_request
from engine.cli.resuming import BATCH_SETTINGS, batch_settings, skips_existing
from engine.cli.sorting import (
    Sorted,
    dry_run_counts,
    dry_run_lines,
    failing_apart,
    replacing_words,
    skips_alike,
)
from engine.cli.telling import (
    models_and_size,
    picture_words,
    tell_failure,
    tell_results_left_out,
    where_it_runs,
)
from engine.console import cannot_go_on, progress_bar
from engine.errors import Cancelled, RekindleError, sentence_for
from engine.fading import measure_fading
from engine.imageio import Picture, is_supported_image, read_picture, write_picture
from engine.media import is_supported_video
from engine.output_size import OutputSize, check_size, whole_scale
from engine.part import Region, part_alpha, restore_part
from engine.preflight import check_destination, require_inputs
from engine.progress import CancelToken
from engine.provenance import marked_exif
from engine.recipe import Recipe
from engine.restorer import RestoreOptions, Restorer, spot_marks
from engine.retouch.marks import marks_misfit, read_marks
from engine.unfinished import BatchMarker, FolderHold, holding
from engine.video import FilmCleanup
from engine.video.sequence import is_frame_pattern, names_sequence
from engine.words import listed, plural, say

if TYPE_CHECKING:
    import numpy as np

    from engine.cli.restoring import Workers


def _photo_options(args: argparse.Namespace) -> RestoreOptions:
    """The photo options the command line chose."""
    return RestoreOptions(
        scale_out=args.scale_out,
        size=OutputSize(args.long_side, args.print_size, args.dpi),
        tile=args.tile,
        ensemble=args.ensemble,
        fix_fading=args.fix_fading,
        find_spots=args.find_spots,
        grain=args.grain,
    )


def run_restore(args: argparse.Namespace, token: CancelToken) -> int:
    if _names_a_picture(args):
        return cannot_go_on(
            say(
                "{out}: --out is the folder the results go into, each under its photo's name, "
                "and this is a picture's name; give a folder, such as {folder}",
                out=args.out,
                folder=f"{args.out.with_suffix('')}{os.sep}",
            )
        )
    require_inputs(args.inputs)
    check_folders_apart(args.inputs, args.out)
    check_destination(args.out)
    restorer = chosen_restorer(args)
    check_scale_out(restorer, args.scale_out)
    if args.dry_run:
        return _tell_dry_run(args, restorer, token)
    with cluster_workers(args) as workers:
        return _restore_photos(args, token, restorer, workers)


def _names_a_picture(args: argparse.Namespace) -> bool:
    """Whether ``--out`` names a picture (``restored.png``), not a folder: one not there yet,
    not written ending in a separator, whose name ends as a photo's does. Taken for a folder,
    it would become one of that name, the result inside it."""
    out = args.out
    return not args.out_folder and not out.is_dir() and is_supported_image(out)


def _restore_photos(
    args: argparse.Namespace, token: CancelToken, restorer: Restorer, workers: Workers | None
) -> int:
    """Restore the batch, refused before any work while another run of its settings into
    ``--out`` goes on, or a run of the app's holds a folder its results go into, or one
    above (``engine.unfinished.holding``)."""
    settings = batch_settings(args, BATCH_SETTINGS)
    with holding(args.out, settings) as held:
        marker = BatchMarker(args.out, settings)
        return _restore_held(args, token, restorer, workers, marker, held)


def _restore_held(
    args: argparse.Namespace,
    token: CancelToken,
    restorer: Restorer,
    workers: Workers | None,
    marker: BatchMarker,
    held: FolderHold,
) -> int:
    found = _photos_found(args, marker, held)
    if isinstance(found, int):
        return found
    options = _photo_options(args)
    print(_run_line(args, restorer, workers, options, len(found.jobs)), file=sys.stderr)
    sweep_leftovers(found.jobs)
    photos = _sorted_out(args, found, SettingsTold(restorer, options, found.marks), marker)
    report_failure = partial(tell_failure, found.named)
    for source, sentence in photos.refused:
        report_failure(source, sentence)
    marker.start()

    if workers is None:
        run = partial(restore_batch, restorer)
    else:
        from engine.cluster.photos import restore_photos

        run = partial(restore_photos, *workers)
    with progress_bar(say("restoring"), token) as progress:
        report = run(
            photos.todo,
            options,
            progress,
            overwrite=args.overwrite,
            on_failure=report_failure,
            on_notice=lambda text: print(text, file=sys.stderr),
            journal=marker.record,
            is_result=found.is_result,
        )
    report.skipped += [result for _, result in photos.skipped]
    report.skipped_otherwise += [result for _, result in photos.otherwise]
    report.failed = photos.refused + report.failed + found.unreadable
    finished = not (report.cancelled or report.failed)
    if finished:  # before anything is said: a reader gone is no reason to leave it unfinished
        marker.finish()
    print(report.summary(found.named))
    if report.cancelled:
        raise Cancelled()  # told how to go on as a command stopped is (``engine.cli``)
    return 0 if finished else 1


def _tell_dry_run(args: argparse.Namespace, restorer: Restorer, token: CancelToken) -> int:
    """Say what the run would do with each photo, and the counts, writing nothing: no
    result, folder, journal nor lock (another run of the batch going on meanwhile is not
    looked for). Each photo to restore is read whole, as its run reads it (``_would_fail``).
    The exit status is the run's: 1 where any photo would fail."""
    marker = BatchMarker(args.out, batch_settings(args, BATCH_SETTINGS))
    found = _photos_found(args, marker)
    if isinstance(found, int):
        return found
    options = _photo_options(args)
    print(_run_line(args, restorer, None, options, len(found.jobs)), file=sys.stderr)
    sorted_out = _sorted_out(args, found, SettingsTold(restorer, options, found.marks), marker)
    would_fail = partial(_would_fail, restorer, options)
    if sorted_out.todo:
        with progress_bar(say("reading the photos"), token) as progress:
            photos = failing_apart(sorted_out, would_fail, progress)
    else:
        photos = sorted_out  # none to read: no progress line
    names = saved_names(photos.todo, overwrite=args.overwrite, is_result=found.is_result)
    plans = [_dry_run_plan(args, job, name) for job, name in zip(photos.todo, names, strict=True)]
    for line in dry_run_lines(photos, names, plans, found.named):
        print(line)
    print(dry_run_counts(photos, names, len(found.unreadable)))
    return 1 if photos.refused or found.unreadable else 0


def _would_fail(restorer: Restorer, options: RestoreOptions, job: Job) -> str | None:
    """Why the photo's run would fail, in the sentence its run gives: its picture read as
    its run reads it, every pixel decoded (``read_picture``: a file cut short or damaged
    inside its pixels fails here as there), none of it kept; its result's size checked
    against its format's limit (``check_size``, as ``restore_picture`` does). None: nothing
    found that would fail."""
    try:
        picture = read_picture(job.source)
        size = restorer.output_size(picture.width, picture.height, options)
        check_size(*size, job.target.suffix, job.source.name)
    except (RekindleError, MemoryError) as error:
        return sentence_for(error, out_of_memory=too_large(job))
    return None


def _dry_run_plan(args: argparse.Namespace, job: Job, name: Path) -> list[str]:
    """What a dry run says the photo's run does besides restoring it as ``name``: replace
    its earlier result there (``--overwrite``; ``saved_names`` gives a file there that is
    not its result another name)."""
    replacing = args.overwrite and name == job.target and os.path.lexists(name)
    return [replacing_words()] if replacing else []


@dataclass(frozen=True)
class _Found:
    """A run's photos found, each with the name planned for its result (``plan_batch``), what
    its lines call each (``named``), the folders that could not be read, with why, the
    ``marks`` drawn by hand on the one photo given with ``--marks`` (None: none), and what
    counts as a result Rekindle made (``is_result``)."""

    jobs: list[Job]
    named: SourceNames
    unreadable: list[tuple[Path, str]]
    marks: np.ndarray | None
    is_result: IsResult


def _photos_found(
    args: argparse.Namespace, marker: BatchMarker, held: FolderHold | None = None
) -> _Found | int:
    """The run's photos (``_Found``), the files left out told, and where ``held``, the
    folders their results go into checked free of the app's runs; the run's exit status
    where it has none to restore."""
    stem_beside = Recipe.of(model_request(args), _photo_options(args)).file_stem
    is_result = _photo_results(marker)
    plan = plan_batch(args.inputs, args.out, args.format, stem_beside, is_result)
    jobs = plan.jobs
    if held is not None:
        held.check(job.target.parent for job in jobs)
    named = SourceNames(args.inputs)
    for folder, sentence in plan.unreadable:
        tell_failure(named, folder, sentence)
    tell_results_left_out(named, plan.results, "restore")
    if plan.films:
        names = ", ".join(film.name for film in plan.films)
        print(
            say("films left out (restore each with restore-video): {names}", names=names),
            file=sys.stderr,
        )
    if not jobs and plan.unreadable:
        print(BatchReport(failed=plan.unreadable).summary(named))
        return 1
    if not jobs:
        return cannot_go_on(_nothing_found(named, plan.left_out))
    if plan.left_out:
        print(say("note: left out {files}", files=_not_read(named, plan.left_out)), file=sys.stderr)
    marks = None
    if args.marks is not None:
        if len(jobs) > 1:
            return cannot_go_on(say("--marks are drawn for one photo: give only that one"))
        marks = read_marks(args.marks)
        jobs = [replace(jobs[0], marks=marks)]
    return _Found(jobs, named, plan.unreadable, marks, is_result)


def _sorted_out(
    args: argparse.Namespace, found: _Found, told: SettingsTold, marker: BatchMarker
) -> Sorted[Job]:
    """The photos ``found``, sorted (``Sorted``): those an unfinished run of these settings
    restored skipped (``_not_finished``: by the names its journal lists, or for one cut short
    as it was saved, the name planned and its numbered ones); of the rest, each whose
    result's name holds a file not to be taken for its result given another (``_cleared``),
    and those whose result is there skipped (``_restored``); and of the rest, those whose
    results' folder cannot be written refused (``writable_apart``)."""
    todo, done = _not_finished(args, marker, found.jobs)
    todo = _cleared(args, todo, found.is_result, told)
    todo, restored = _restored(args, todo, found.is_result)
    alike, otherwise = _by_settings(args, restored, told)
    todo, refused = writable_apart(todo)
    todo, misfits = _marks_apart(todo)
    return Sorted(todo, done + alike, otherwise, refused + misfits)


def _marks_apart(jobs: list[Job]) -> tuple[list[Job], list[tuple[Path, str]]]:
    """``jobs`` whose marks (``--marks``) fit their photo, and the others with why not
    (``marks_misfit``), refused before any work, so that a dry run says so too; a photo
    whose size cannot be read from its header is left to its run."""
    fit: list[Job] = []
    misfits: list[tuple[Path, str]] = []
    for job in jobs:
        size = None if job.marks is None else photo_size(job.source)
        why = None if size is None else marks_misfit(job.marks, *size)
        if why is None:
            fit.append(job)
        else:
            misfits.append((job.source, why))
    return fit, misfits


def _cleared(
    args: argparse.Namespace, jobs: list[Job], is_result: IsResult, told: SettingsTold
) -> list[Job]:
    """``jobs``, each whose result's name holds a file that is not its result given a
    numbered name (``clear_of_others``): by default, also each whose name holds its result
    made with other settings, or one that does not record them (``not_made_alike``), so
    that its result of these settings is found there on the next run; with ``--overwrite``
    or ``--skip-existing``, those alone; with ``--no-skip-existing``, none (a name taken
    gives "name (2)" as the result is saved)."""
    if skips_alike(args):
        alike = partial(not_made_alike, is_result=is_result, told=told)
        return clear_of_others(jobs, is_result, alike)
    if args.overwrite or args.skip_existing:
        return clear_of_others(jobs, is_result)
    return jobs


def _restored(
    args: argparse.Namespace, jobs: list[Job], is_result: IsResult
) -> tuple[list[Job], list[Job]]:
    """The jobs to do, and those whose result is there, whole (``split_restored``), which
    are skipped: by default, each made with these settings (``_cleared`` moved the others);
    with ``--skip-existing``, whatever their settings; none with ``--overwrite`` alone or
    ``--no-skip-existing``."""
    if skips_alike(args) or args.skip_existing:
        return split_restored(jobs, is_result)
    return jobs, []


def _by_settings(
    args: argparse.Namespace, restored: list[Job], told: SettingsTold
) -> tuple[list[tuple[Job, Path]], list[tuple[Job, Path]]]:
    """The jobs ``restored`` (their results there), each with its result, in two: those made
    with these settings (or whose settings cannot be told), and those made with others,
    which only ``--skip-existing`` skips."""
    alike: list[tuple[Job, Path]] = []
    otherwise: list[tuple[Job, Path]] = []
    for job in restored:
        made_otherwise = args.skip_existing and told(job.target, job.source) is False
        (otherwise if made_otherwise else alike).append((job, job.target))
    return alike, otherwise


LEFT_OUT_NAMED = 5
"""Files left out as Rekindle does not read them named in the run's note; the rest counted."""


def _not_read(named: SourceNames, left_out: list[Path]) -> str:
    """The files ``left_out`` of the folders given, as Rekindle does not read them, in words:
    their count, then the first ``LEFT_OUT_NAMED`` by what the run calls them, the rest
    counted."""
    names = [named(path) for path in left_out[:LEFT_OUT_NAMED]]
    rest = len(left_out) - LEFT_OUT_NAMED
    if rest > 0:
        names.append(say("and {count} more", count=rest))
    count = len(left_out)
    return plural(
        count,
        say("{count} file Rekindle does not read: {names}", count=count, names=listed(names)),
        say("{count} files Rekindle does not read: {names}", count=count, names=listed(names)),
    )


def _nothing_found(named: SourceNames, left_out: list[Path]) -> str:
    """Why a run has no photo to restore: none found, and what was found instead."""
    if not left_out:
        return say("no images found in the inputs")
    return say(
        "no images found in the inputs, but {files} (it reads PNG, JPEG, TIFF, WebP, BMP, "
        "HEIC and DPX)",
        files=_not_read(named, left_out),
    )


def _run_line(
    args: argparse.Namespace,
    restorer: Restorer,
    workers: Workers | None,
    options: RestoreOptions,
    count: int,
) -> str:
    """The line that says what the run does to its ``count`` photos, before it starts."""
    models = models_and_size(restorer, args.scale_out, options.size)
    photos = plural(
        count,
        say("{count} image with {models}", count=count, models=models),
        say("{count} images with {models}", count=count, models=models),
    )
    spots = [
        say("dust and specks filled where found") if args.find_spots else "",
        say("the marked places filled") if args.marks else "",
    ]
    said = [photos, where_it_runs(restorer, workers), *filter(None, spots)]
    return listed(said + picture_words(options))


def _not_finished(
    args: argparse.Namespace, marker: BatchMarker, jobs: list[Job]
) -> tuple[list[Job], list[tuple[Job, Path]]]:
    """The jobs to do, and those skipped, each with its result: when skipping
    (``skips_existing``), those the last run of these settings into the folder finished,
    whatever their names (a result of another batch holding a photo's name is not that
    photo's). Those whose result is at its name are skipped as well (``_restored``)."""
    if not skips_existing(args, marker, say("photos")):
        return jobs, []
    return finished_before(jobs, marker.result_of)


def _photo_results(marker: BatchMarker) -> IsResult:
    """Whether a file is a photo's result Rekindle made: listed by a batch into the output
    folder (a BMP result carries no mark; a result that records no photo is its photo's only
    so), or marked so."""
    return ListedOrMarked(marker.lists)


def run_preview(args: argparse.Namespace, token: CancelToken) -> int:
    """Restore ``--part`` of the photo, or ``--frame`` of the film, into ``--out`` (a taken
    name gives "name (2)": never over the input or any other file)."""
    if not is_frame_pattern(args.input):  # a pattern's frames are looked for when read
        require_inputs([args.input])
    if is_supported_video(args.input) or names_sequence(args.input):
        return preview_frame(args, token)
    if args.part is None:
        return cannot_go_on(say("a photo's preview needs --part X,Y,W,H"))
    if args.frame is not None or film_cleanup(args) != FilmCleanup():
        return cannot_go_on(
            say("--frame and the film cleanups are for films; a photo's dust: --find-spots")
        )
    picture = read_picture(args.input)
    restorer = chosen_restorer(args)
    options = _photo_options(args)
    visible = visible_colours(picture)
    fading = measure_fading([visible]) if args.fix_fading else None
    hand = read_marks(args.marks) if args.marks else None
    marks = spot_marks(visible, options, hand)
    with progress_bar(say("previewing"), token) as progress:
        pixels = restore_part(restorer, visible, args.part, options, progress, fading, marks)
    exif = _preview_exif(restorer, picture, options, args.part)
    size = restorer.output_size(picture.width, picture.height, options)
    alpha = None if picture.alpha is None else part_alpha(picture.alpha, args.part, size)
    part = replace(picture, pixels=pixels, alpha=alpha, exif=exif)
    written = write_picture(part, args.out, forbid=[args.input], replace=False)
    height, width = pixels.shape[:2]
    described = models_and_size(restorer, args.scale_out, options.size)
    print(
        say(
            "{path}: {width}x{height}, restored with {models}",
            path=written,
            width=width,
            height=height,
            models=described,
        )
    )
    return 0


def _preview_exif(
    restorer: Restorer, picture: Picture, options: RestoreOptions, part: Region
) -> bytes:
    """The photo's EXIF marking ``part`` of it as a restoration's preview, saying what the
    whole photo's restoration with ``options`` does."""
    width, height = picture.width, picture.height
    size = restorer.output_size(width, height, options)
    scale_out = whole_scale(width, height, size)
    described = restorer.describe(scale_out, options, size, original=(width, height))
    where = f"{part.width}x{part.height} at {part.x},{part.y}"
    return marked_exif(picture.exif, f"{described}; a preview of the part {where}")
