"""``restore-video``: films restored one after another, here or on a cluster, each that
fails costing only itself, or one film restored into numbered picture files
(``engine.video.frame_files``); and ``preview`` of a frame, as ``restore-video`` restores it."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field, replace
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

from engine.batch import (
    FilmSettingsTold,
    FolderNames,
    Journal,
    SourceNames,
    Unfit,
    check_folders_apart,
    clear_of_others,
    distinct_targets,
    media_found,
    not_its_result,
    not_made_alike,
    renamed_line,
    result_folder,
    result_stem,
    skipped_counts,
    why_renamed,
)
from engine.cli.restoring import check_scale_out, chosen_restorer, cluster_workers, model_request
from engine.cli.resuming import FILM_BATCH_SETTINGS, batch_settings, skips_existing
from engine.cli.sorting import (
    Sorted,
    dry_run_counts,
    dry_run_lines,
    failing_apart,
    replacing_words,
    skipped_otherwise_line,
    skips_alike,
)
from engine.cli.telling import models_and_size, picture_words, tell_failure, where_it_runs
from engine.console import cannot_go_on, progress_bar
from engine.errors import Cancelled, RekindleError, sentence_for
from engine.imageio import Picture, write_picture
from engine.library.blend import beyond_4k_counterpart
from engine.library.loading import resolve_model_path
from engine.media import VIDEO_EXTENSIONS, Unreadable, is_supported_video
from engine.output_size import FILM_4K, beyond_4k
from engine.preflight import check_destination, require_inputs
from engine.progress import CancelToken, Progress, silent
from engine.provenance import marked_exif
from engine.recipe import Recipe
from engine.restorer import RestoreOptions, Restorer
from engine.retouch.marks import read_marks
from engine.same_file import one_per_file, same_place
from engine.unfinished import BatchMarker, FolderHold, holding
from engine.video import (
    FilmCleanup,
    VideoInfo,
    VideoOptions,
    VideoReport,
    frame_numbers,
    output_suffix,
    quality_crf,
    restore_video,
)
from engine.video.codecs import (
    CONTAINERS,
    VideoCodec,
    check_crf,
    choose_codec,
    codec_named,
    fewer_bits_note,
)
from engine.video.frame_files import (
    FRAME_SUFFIXES,
    FrameFiles,
    FramesThereError,
    check_apart,
    finished_frames,
    frames_format,
    frames_kind,
    frames_named,
    is_frame_target,
    planned_start,
    restore_frame_files,
)
from engine.video.frame_preview import FramePreviewer
from engine.video.join import film_made_by_rekindle, join_notes
from engine.video.restore import (
    JOINED_WORDS,
    check_film_marks,
    film_info,
    planned_film,
    starting_over,
)
from engine.video.segments import (
    has_unfinished_work,
    other_unfinished_work,
)
from engine.video.sequence import (
    SEQUENCE_SUFFIXES,
    SequenceGapError,
    SequenceOptions,
    films_among,
    is_frame_pattern,
    names_sequence,
    rate_words,
)
from engine.video.span import FilmSpan, film_span, span_stem
from engine.video.still import FrameReader
from engine.words import all_of, listed, plural, say

if TYPE_CHECKING:
    from engine.cli.restoring import Workers
    from engine.cluster.films import ClusterReport


def run_restore_video(args: argparse.Namespace, token: CancelToken) -> int:
    """Restore each film given; one that fails is told ("failed: ...") and the others go on
    (exit status 1); Ctrl+C stops the run."""
    _check_film_arguments(args)
    restorer = chosen_restorer(args)
    check_scale_out(restorer, args.scale_out)
    if args.dry_run:
        return _tell_dry_run(args, restorer, token)
    folder = _films_folder(args)
    settings = batch_settings(args, FILM_BATCH_SETTINGS)
    with holding(folder, settings) as held:
        return _restore_films(args, token, restorer, BatchMarker(folder, settings), held)


def _restore_films(
    args: argparse.Namespace,
    token: CancelToken,
    restorer: Restorer,
    marker: BatchMarker,
    held: FolderHold,
) -> int:
    """Restore the films, held as a batch of photos is (``engine.unfinished.holding``): the
    folders their results go into are checked before any is written."""
    named = SourceNames(args.inputs)
    run = _FilmRun(restorer, _video_options(args), bool(args.cluster), named, marker.record)
    films = _film_targets(args, run.options, run.fail)
    held.check(film.target.parent for film in films)
    films = run.without_finished(_sorted_films(args, films, restorer, run.options, marker))
    _note_films(args, films, restorer, run.named)
    if films or marker.unfinished:  # where every film is skipped, the last run's markers go
        marker.start()
    if films:
        with cluster_workers(args) as workers:
            print(_run_line(args, run, films, workers), file=sys.stderr)
            # Ctrl+C: told how to go on as a command stopped is (``engine.cli``)
            with progress_bar(say("restoring"), token) as progress:
                run.restore_all(films, progress, workers)
    if not run.failed:  # before anything is said, as for photos
        marker.finish()
    return run.tell()


def _tell_dry_run(args: argparse.Namespace, restorer: Restorer, token: CancelToken) -> int:
    """Say what the run would do with each film, and the counts, writing nothing: no result,
    folder, journal, lock nor part file (another run of the batch going on meanwhile is not
    looked for). Each film's frames are counted as its run counts them (``film_info``), and
    the first frame it restores decoded (``_first_fails``), Ctrl+C (``token``) stopping it
    between two films. The exit status is the run's, as ``restore --dry-run``'s is: 1 where
    any film would fail."""
    marker = BatchMarker(_films_folder(args), batch_settings(args, FILM_BATCH_SETTINGS))
    named = SourceNames(args.inputs)
    run = _FilmRun(restorer, _video_options(args), bool(args.cluster), named, _no_journal)
    unreadable: list[tuple[Path, str]] = []
    films = _film_targets(args, run.options, lambda source, why: unreadable.append((source, why)))
    sorted_out = _sorted_films(args, films, restorer, run.options, marker)
    found = failing_apart(sorted_out, _first_fails, Progress(token=token))
    said = replace(found, refused=unreadable + found.refused)
    starts = [_planned_start(restorer, film, run.options) for film in found.todo]
    if found.todo:
        _note_films(args, found.todo, restorer, named)
        _note_starting_over(found.todo, starts)
        print(_run_line(args, run, found.todo, None), file=sys.stderr)
    names = [film.target for film in found.todo]
    overwrite = run.options.overwrite
    plans = [
        _dry_run_plan(film, start, overwrite)
        for film, start in zip(found.todo, starts, strict=True)
    ]
    for line in dry_run_lines(said, names, plans, named):
        print(line)
    print(dry_run_counts(said, names, 0))
    return 1 if said.refused else 0


def _first_fails(film: _Film) -> str | None:
    """Why the film's run would fail at its start, in the sentence its run gives: the first
    frame of its part decoded (``FrameReader``), which a film damaged from its start, or in
    a coding FFmpeg here cannot decode, fails. Damage further on shows only where the run
    reaches it: decoding a long film whole takes many minutes (a feature's 170,000 frames).
    None: its first frame decodes."""
    try:
        FrameReader(film.source, film.info).read(film.span.first)
    except (RekindleError, OSError, MemoryError) as error:
        return sentence_for(error)
    return None


def _no_journal(_source: Path, _result: Path | None) -> None:
    """A dry run's journal, which lists nothing."""


def _planned_start(restorer: Restorer, film: _Film, options: VideoOptions) -> tuple[int, bool]:
    """Where the run of the film starts, found without writing or holding anything: the
    film's frame it goes on from after an unfinished run of the same settings, else its
    first; and whether it starts over beside unfinished work of other settings
    (``started_over_note``). The film's job is keyed only where there is such work; a
    film whose frames cannot be read for it is said to start at its first, its run to tell
    why it fails."""
    try:
        return _found_start(restorer, film, replace(options, span=film.span))
    except (RekindleError, OSError):
        return film.span.first, False


def _found_start(restorer: Restorer, film: _Film, options: VideoOptions) -> tuple[int, bool]:
    """``_planned_start``, the film's frames read where it needs them."""
    if film.frames:
        files = FrameFiles.of(film.target, film.info, film.span)
        return planned_start(restorer, film.source, files, options)
    first, end = film.span.first, film.span.end_in(film.info.frames)
    if not has_unfinished_work(film.target, film.source):
        return first, False
    job = planned_film(restorer, film.source, film.target, options, silent(), film.info)
    key, folder = job.key, job.folder
    journal = folder.read_journal(key, end - first, options.segment_frames, first=first)
    starts_over = not journal.segments and bool(other_unfinished_work(film.target, key))
    return journal.done, starts_over


def _note_starting_over(films: list[_Film], starts: list[tuple[int, bool]]) -> None:
    """Say which films start over beside unfinished work they cannot continue, as their
    run says (``starting_over``)."""
    for film, (_, starts_over) in zip(films, starts, strict=True):
        if starts_over:
            _tell_note(starting_over(film.source))


def _dry_run_plan(film: _Film, start: tuple[int, bool], overwrite: bool) -> list[str]:
    """What a dry run says the film's run does besides restoring it: going on from where an
    unfinished run of it stopped (``start``: ``_planned_start``), and replacing its earlier
    result where it ``overwrite``s (the films whose result is there are not sorted out)."""
    frame, _ = start
    plan = [] if frame == film.span.first else [film.continuing_words(frame)]
    return plan + ([replacing_words()] if overwrite and film.replaces() else [])


def _sorted_films(
    args: argparse.Namespace,
    films: list[_Film],
    restorer: Restorer,
    options: VideoOptions,
    marker: BatchMarker,
) -> Sorted[_Film]:
    """The films, sorted before any work (``Sorted``), each whose result's name holds a file
    not to keep it given another first (``_unfit``): of those whose result is already there (a
    film appears only when finished), those ``_skipped_when_there`` says are skipped (with
    ``--skip-existing``, those made with other settings apart: ``FilmSettingsTold``), the
    others refused, unless this run replaces results; a finished set of frames is filled in
    (``_fill_in``) unless skipped."""
    told = FilmSettingsTold(
        restorer, options, {film.source: (film.info, film.span) for film in films}
    )
    skipped = _skipped_when_there(args, marker)
    todo: list[_Film] = []
    alike: list[tuple[_Film, Path]] = []
    otherwise: list[tuple[_Film, Path]] = []
    refused: list[tuple[Path, str]] = []
    for film in clear_of_others(films, film_made_by_rekindle, _unfit(args, told)):
        try:
            there = not options.overwrite and film.there()
        except OSError as error:  # a name too long for the file system, say
            refused.append((film.source, sentence_for(error)))
            continue
        if not there or (film.frames and not skipped(film)):
            todo.append(film)  # a finished set of frames: its record tells (``_fill_in``)
        elif not skipped(film):
            refused.append((film.source, _earlier_result(film.target)))
        elif args.skip_existing and told(film.target, film.source) is False:
            otherwise.append((film, film.target))
        else:
            alike.append((film, film.target))
    return Sorted(todo, alike, otherwise, refused)


def _earlier_result(target: Path) -> str:
    """Why a film is not restored: its earlier result is at ``target``, and the options that
    replace or leave it."""
    return say(
        "its earlier result {name} is there (--overwrite replaces it, --skip-existing leaves it)",
        name=target.name,
    )


def _unfit(args: argparse.Namespace, told: FilmSettingsTold) -> Unfit | None:
    """Why a film's result does not take the name its result's name holds
    (``clear_of_others``): a file that is not its result (``not_its_result``; None: that
    alone); into a folder, by default, also its result made with other settings or one that
    does not tell them (``not_made_alike``), so that its result of these settings is found
    there on the next run, as ``restore`` does; with ``--no-skip-existing``, any file
    (``_taken``)."""
    if _one_film_named(args) or args.overwrite or args.skip_existing:
        return None
    if skips_alike(args):
        return partial(not_made_alike, is_result=film_made_by_rekindle, told=told)
    return _taken


def _taken(path: Path, source: Path) -> str | None:
    """Why a film restored again (``--no-skip-existing``) does not take the name ``path``: a
    file is there (a result is never replaced unasked); None where there is none."""
    if not os.path.lexists(path):
        return None
    return not_its_result(path, source, film_made_by_rekindle) or why_renamed(path.name)


def _skipped_when_there(args: argparse.Namespace, marker: BatchMarker) -> Callable[[_Film], bool]:
    """Which films whose result is there are skipped: with ``--skip-existing``, each; into a
    folder, by default, each (those whose result's name held their result of other settings
    were given another: ``_unfit``); after a run of these settings into the folder that did
    not finish (``skips_existing``), each whose result there it listed as restored, not one
    another batch wrote at that name meanwhile; else none."""
    skipping = skips_existing(args, marker, say("films"))
    if args.skip_existing or (skips_alike(args) and not _one_film_named(args)):
        return lambda _film: True
    if skipping:
        return lambda film: marker.listed_as(film.source, film.target)
    return lambda _film: False


def _run_line(
    args: argparse.Namespace, run: _FilmRun, films: list[_Film], workers: Workers | None
) -> str:
    """The line that says what the run does to its ``films``, before it starts."""
    names = ", ".join(run.named(film.source) for film in films)
    models = models_and_size(run.restorer, args.scale_out)
    marks = [say("the marked places filled on every frame")] if args.marks else []
    return listed(
        [
            say("{films} with {models}", films=names, models=models),
            where_it_runs(run.restorer, workers),
            frames_kind(args.out) if _frames_named(args) else args.codec,
            *_sequence_words(films),
            *_span_words(args),
            *_cleanup_words(run.options.cleanup),
            *marks,
            *picture_words(run.options.frames),
        ]
    )


def _sequence_words(films: list[_Film]) -> list[str]:
    """The rates frame sequences are read at, where the run has any, for the line that says
    what it does."""
    rates = sorted({film.info.rate for film in films if film.info.sequence is not None})
    if not rates:
        return []
    return [say("frame sequences at {rate} fps", rate=all_of([rate_words(rate) for rate in rates]))]


def _span_words(args: argparse.Namespace) -> list[str]:
    """The part of each film restored, where ``--from`` or ``--to`` gives one, for the line
    that says what the run does."""
    if args.span_from is None and args.span_to is None:
        return []
    start = say("the start") if args.span_from is None else args.span_from.text
    stop = say("the end") if args.span_to is None else args.span_to.text
    return [say("only from {start} to {stop}", start=start, stop=stop)]


def _check_film_arguments(args: argparse.Namespace) -> None:
    """Refuse, before any work, what ``restore-video`` cannot take: a missing input (a frame
    sequence's pattern is checked when its frames are looked for), a film's name for
    ``--out`` with several films or a folder of them, a film's name the codec cannot be
    written into (``choose_codec``), a quality the codec does not take, what frames written
    as pictures cannot take (``_check_frames_arguments``), a part of a film on a cluster
    (``_check_span_arguments``), or a destination that takes no file."""
    require_inputs([path for path in args.inputs if not is_frame_pattern(path)])
    _check_span_arguments(args)
    if _frames_named(args):
        _check_frames_arguments(args)
    alone = _one_film_named(args)
    if not alone and not args.out.is_dir() and is_supported_video(args.out):
        raise _out_names_a_folder(args.out)
    if alone and not args.out.suffix:
        raise RekindleError(
            say(
                "{path} has no suffix: name a film file ({kinds}) or a folder (end it with /)",
                path=args.out,
                kinds=", ".join(CONTAINERS),
            )
        )
    if alone and not _frames_named(args) and args.out.suffix.lower() in FRAME_SUFFIXES:
        frames_named(args.out)  # a pattern almost right: says how frames are named
    if alone and not _frames_named(args):  # its suffix, and the codec's fit in it
        choose_codec(args.codec, args.out, _film_crf(args))
    elif not alone:
        check_crf(args.codec, _film_crf(args))
    check_folders_apart([path for path in args.inputs if not names_sequence(path)], args.out)
    _check_frames_apart(args)
    check_destination(_films_folder(args))


def _frames_named(args: argparse.Namespace) -> bool:
    """Whether ``--out`` names the picture files to restore one film into, one a frame
    (``out/film_%06d.tif``: ``is_frame_target``), not a folder."""
    return not args.out_folder and not args.out.is_dir() and is_frame_target(args.out)


def _check_frames_arguments(args: argparse.Namespace) -> None:
    """Refuse what a film's frames written as pictures cannot take: a kind of picture they
    are not written as (``frames_format``), several films or a folder of them (a pattern
    names one film's frames), a codec's options, or a cluster."""
    kind = frames_format(args.out)
    frames_named(args.out)
    given = args.inputs[0]
    if len(args.inputs) != 1 or (given.is_dir() and not names_sequence(given)):
        raise RekindleError(
            say(
                "{pattern} names the frames of one film: give one film or frame sequence, or "
                "-o a folder for several",
                pattern=args.out.name,
            )
        )
    given_options = {
        "--codec": args.codec_chosen,
        "--crf": args.crf is not None,
        "--quality": args.quality is not None,
    }
    chosen = [option for option, is_given in given_options.items() if is_given]
    if chosen:
        raise RekindleError(
            say(
                "{option} is for films written as video files; frames are written as {format}",
                option=chosen[0],
                format=kind,
            )
        )
    if args.cluster:
        raise RekindleError(
            say("a film is restored into frames on this machine only: give it without --cluster")
        )


def _check_span_arguments(args: argparse.Namespace) -> None:
    """Refuse a part of a film (``--from``, ``--to``) on a cluster, which restores whole
    films only."""
    if args.cluster and (args.span_from or args.span_to):
        raise RekindleError(
            say(
                "a part of a film is restored on this machine only: give --from and --to "
                "without --cluster"
            )
        )


def _out_names_a_folder(out: Path) -> RekindleError:
    """That ``--out`` names a film where the run has several, or a folder of them."""
    return RekindleError(
        say("with several films or a folder, -o names a folder, not a film ({path})", path=out)
    )


def _check_frames_apart(args: argparse.Namespace) -> None:
    """Refuse a folder of frames whose film would go into the folder itself: holding a film,
    it would be taken for a folder of films by the next run."""
    films_folder = _films_folder(args)
    for path in args.inputs:
        if path.is_dir() and names_sequence(path) and same_place(films_folder, path):
            raise RekindleError(
                say(
                    "the film of {folder} would go into {folder} itself, among its frames: "
                    "choose another output folder (-o)",
                    folder=path,
                )
            )


def _one_film_named(args: argparse.Namespace) -> bool:
    """Whether ``--out`` names the result of the one film given (else the folder of all: one
    there, or one written ending in a separator). Given a frame sequence, it names its film
    where it is named as one (.mkv...) or as frames (``_frames_named``), else the folder its
    film goes into."""
    if len(args.inputs) != 1 or args.out_folder or args.out.is_dir():
        return False
    given = args.inputs[0]
    if names_sequence(given):
        return is_supported_video(args.out) or _frames_named(args)
    return not given.is_dir()


def _films_folder(args: argparse.Namespace) -> Path:
    """The folder the films' results go into: ``--out``, or the folder of the one film's
    result it names."""
    return args.out.parent if _one_film_named(args) else args.out


def _film_crf(args: argparse.Namespace) -> int | None:
    """``--crf``, or the CRF of the named ``--quality`` for the chosen codec."""
    if args.quality is None:
        return args.crf
    crf = quality_crf(args.codec, args.quality)
    if crf is None:
        raise RekindleError(
            say("--quality applies to h264 and h265 only, not to {codec}", codec=args.codec)
        )
    return crf


@dataclass(frozen=True)
class _Film:
    """A film of a ``restore-video`` run: what it is, and where it goes; ``wanted`` is the
    name it takes alone, which another film of the run may have taken first."""

    source: Path
    info: VideoInfo
    target: Path
    wanted: Path
    moved: str | None = None  # why clear_of_others gave it another name
    span: FilmSpan = field(default_factory=FilmSpan)  # its part restored (--from, --to)

    def asked_name(self) -> str:
        """Its result's name as asked for, before another film of the run, or a file there,
        took it."""
        return self.wanted.name

    @property
    def frames(self) -> bool:
        """Whether it goes into numbered picture files (``is_frame_target``), not a film."""
        return is_frame_target(self.target)

    def there(self) -> bool:
        """Whether its result is there already: its film, or all its frames, written by a
        restoration of it that finished (``finished_frames``)."""
        if self.frames:
            return finished_frames(self.target, self.info, self.span)
        return self.target.exists()

    def replaces(self) -> bool:
        """Whether its result is there (``there``) for a run that overwrites to replace;
        not where whether it is cannot be told (a name too long, say)."""
        try:
            return self.there()
        except OSError:
            return False

    def continuing_words(self, frame: int) -> str:
        """That a run goes on from the film's ``frame`` (counted from 0), after an unfinished
        one, in words: the frame's file, or the frame of the film's frames."""
        if self.frames:
            done = FrameFiles.of(self.target, self.info, self.span).frame(frame)
            return say("continuing from {file}", file=done.name)
        return say(
            "continuing from frame {frame} of {frames}", frame=frame, frames=self.info.frames
        )

    def written_words(self, report: VideoReport) -> str:
        """Where ``report`` says it went, in words: its film, or its first and last frames."""
        if self.frames:
            return FrameFiles.of(report.target, self.info, self.span).written_words()
        return str(report.target)

    def resumed_words(self, report: VideoReport) -> str:
        """Where ``report`` says this run went on from an earlier one's work, in words: the
        frame's file, or the film's frame counted from 0."""
        resumed_at = report.first + report.resumed_from
        if self.frames:
            done = FrameFiles.of(report.target, self.info, self.span).frame(resumed_at)
            return say("continued from {file}", file=done.name)
        return say("continued from frame {frame}", frame=resumed_at)


def _film_targets(
    args: argparse.Namespace, options: VideoOptions, on_failure: Callable[[Path, str], None]
) -> list[_Film]:
    """Each film and where it goes: ``--out`` is the file for one film, else the folder (each
    film then keeps its name, with the suffix its codec and streams call for; a folder's
    films keep their paths below it, under a folder of its name, as photos do; in its own
    folder a film's result is named by its recipe, as a photo's is). Names are given by
    ``distinct_targets``, the same on every run, so a run again finds its work; a film given
    twice (or by a link) is restored once (``one_per_file``). A film that cannot be read, and
    a folder without films, is told to ``on_failure`` and left out. Each film is probed here
    (a pass over the whole file), or its probe taken from its work (``film_info``), once for
    the whole run: its restoration is given what was found. ``--from`` and ``--to`` are
    found in each film (``film_span``): a film they fall outside of fails alone, and the
    result of a part of a film in a folder is named by its frames (``span_stem``)."""
    beside = Recipe.of(model_request(args), options.frames, cleanup=options.cleanup).file_stem
    readable: list[tuple[Path, VideoInfo, Path, FilmSpan]] = []
    for source, folder in one_per_file(list(_films_given(args, on_failure)), itemgetter(0)):
        try:
            info = _given_film_info(args, source, folder, options)
            span = film_span(info, args.span_from, args.span_to)
        except SequenceGapError as error:
            on_failure(source, _with_gaps_flag(error.sentence))
            continue
        except RekindleError as error:
            on_failure(source, error.sentence)
            continue
        if folder is None:
            wanted = args.out
        else:
            stem = info.sequence.name if info.sequence else result_stem(source, folder, beside)
            wanted = folder / (span_stem(stem, info, span) + output_suffix(info, args.codec))
        readable.append((source, info, wanted, span))
    targets = distinct_targets([(source, wanted) for source, _, wanted, _ in readable])
    return [
        _Film(source, info, target, wanted, span=span)
        for (source, info, wanted, span), target in zip(readable, targets, strict=True)
    ]


def _with_overwrite_flag(sentence: str) -> str:
    """The engine's sentence of files at the frames' names, with the option that replaces
    them."""
    return say("{reason}; the option is --overwrite", reason=sentence)


def _with_gaps_flag(sentence: str) -> str:
    """The engine's sentence of a sequence's gaps, with the option that lets them through."""
    return say("{reason}; the option is --allow-gaps", reason=sentence)


def _given_film_info(
    args: argparse.Namespace, source: Path, folder: Path | None, options: VideoOptions
) -> VideoInfo:
    """What the film ``source`` holds (``film_info``), its result to go into ``folder``
    (None: ``--out`` names it); ``RekindleError`` for a frame sequence on a cluster, whose
    workers read films only, and for frames to be written over those they are made from
    (``check_apart``)."""
    if args.cluster and names_sequence(source):
        raise RekindleError(
            say("a frame sequence is restored on this machine only: give it without --cluster")
        )
    info = film_info(source, args.out.parent if folder is None else folder, options.sequence)
    if folder is None and _frames_named(args):
        check_apart(info.sequence, args.out)
    return info


def _films_given(
    args: argparse.Namespace, on_failure: Callable[[Path, str], None]
) -> Iterator[tuple[Path, Path | None]]:
    """Each film named or found in a folder named, a frame sequence as one film, with the
    folder its result goes into (None: ``--out`` is the result's own name). A folder that is
    a frame sequence is one film, its result in ``--out``; the films below it, and those of
    any other folder, keep their place below the folder of its name there."""
    alone = _one_film_named(args)
    names = FolderNames(args.inputs)
    for item in args.inputs:
        given_sequence = names_sequence(item)
        if not item.is_dir() or given_sequence:
            yield item, None if alone else args.out
        if not item.is_dir():
            continue
        films = _films_in_folder(item, args.out, names, on_failure, given_sequence)
        if films and alone:
            raise _out_names_a_folder(args.out)
        if films and given_sequence:  # checked for folders of films before any work
            check_folders_apart([item], args.out)
        for film in films:
            yield film, result_folder(film, item, args.out, names)


def _films_in_folder(
    folder: Path,
    out: Path,
    names: FolderNames,
    on_failure: Callable[[Path, str], None],
    given_sequence: bool,
) -> list[Path]:
    """The films found in ``folder`` and below it (``films_among``), as the app finds them;
    ``given_sequence``: its own frames are the film given, and left out here. Folders that
    cannot be read are told to ``on_failure``, as is a folder where nothing is found."""
    unreadable: Unreadable = []
    found = media_found(folder, out, names, unreadable)
    if given_sequence:
        found = [path for path in found if path.parent != folder]
    films = list(films_among(found))
    for place, sentence in unreadable:
        on_failure(place, sentence)
    if not films and not unreadable and not given_sequence:
        on_failure(folder, _no_films_sentence())
    return films


def _no_films_sentence() -> str:
    """That a folder holds no film file and no frame sequence, and the kinds of each."""
    return say(
        "no films or frame sequences in this folder ({films}; numbered {frames} frames)",
        films=", ".join(sorted(VIDEO_EXTENSIONS)),
        frames=", ".join(sorted(SEQUENCE_SUFFIXES)),
    )


def _note_beyond_4k(
    args: argparse.Namespace, films: list[_Film], restorer: Restorer, named: SourceNames
) -> None:
    """Say which films would come out larger than 4K, and the built-in 2x model that would
    keep them within it (a 1080p film through the 4x default becomes 8K)."""
    scale = args.scale_out or restorer.scale
    path, origin = resolve_model_path(args.model)
    smaller = beyond_4k_counterpart(path.stem, origin, restorer.scale, args.scale_out)
    for film in films:
        width, height = film.info.width * scale, film.info.height * scale
        if beyond_4k(width, height):
            _tell_note(_beyond_4k_note(named(film.source), width, height, smaller))


def _note_films(
    args: argparse.Namespace, films: list[_Film], restorer: Restorer, named: SourceNames
) -> None:
    """Say what the run does to its ``films`` that is worth knowing before it starts: those
    that come out larger than 4K, a frame sequence's gaps, the sound converted and the
    chapters left out, and the films a sample of fewer bits is written for."""
    _note_beyond_4k(args, films, restorer, named)
    _note_gaps(films, named)
    _note_joining(films)
    if not _frames_named(args):
        _note_fewer_bits(films, codec_named(args.codec))


def _beyond_4k_note(name: str, width: int, height: int, smaller: str | None) -> str:
    """That the film ``name`` becomes ``width`` x ``height``, beyond 4K, and the ``smaller``
    model (where there is one) that makes it half as wide and high."""
    most_width, most_height = FILM_4K
    if smaller is None:
        return say(
            "{name} becomes {width}x{height}, larger than 4K ({most_width}x{most_height}), "
            "which few players and editors take",
            name=name,
            width=width,
            height=height,
            most_width=most_width,
            most_height=most_height,
        )
    return say(
        "{name} becomes {width}x{height}, larger than 4K ({most_width}x{most_height}), "
        "which few players and editors take; --model {model} makes it {half_width}x"
        "{half_height}",
        name=name,
        width=width,
        height=height,
        most_width=most_width,
        most_height=most_height,
        model=smaller,
        half_width=width // 2,
        half_height=height // 2,
    )


def _note_gaps(films: list[_Film], named: SourceNames) -> None:
    """Say which frames are missing from each frame sequence taken with its gaps
    (``--allow-gaps``), and what becomes of each gap: in a film the frame before it stays on
    screen through it; numbered frames keep it in their numbers."""
    for film in films:
        missing = film.info.sequence.missing() if film.info.sequence else []
        if not missing:
            continue
        said = {
            "name": named(film.source),
            "numbers": frame_numbers([number - 1 for number in missing]),  # it counts from 1
        }
        if film.frames:
            _tell_note(
                say(
                    "{name}: frames {numbers} are missing; the restored frames keep their "
                    "numbers, gaps and all",
                    **said,
                )
            )
        else:
            _tell_note(
                say(
                    "{name}: frames {numbers} are missing; the frame before each gap stays on "
                    "screen through it",
                    **said,
                )
            )


def _tell_note(sentence: str) -> None:
    """A note on what the run does (``note: ...``), on stderr."""
    print(say("note: {note}", note=sentence), file=sys.stderr)


def _note_joining(films: list[_Film]) -> None:
    """Say which films' sound goes into their result converted, and to what, and which
    films' chapters are left out (``join_notes``)."""
    for film in films:
        for sentence in join_notes(film.info, film.target):
            _tell_note(sentence)


def _note_fewer_bits(films: list[_Film], codec: VideoCodec) -> None:
    """Say which films of more than 8 bits a sample ``codec`` writes in 8 here
    (``fewer_bits_note``)."""
    for film in films:
        sentence = fewer_bits_note(film.info, codec)
        if sentence is not None:
            _tell_note(sentence)


def _frame_options(args: argparse.Namespace) -> RestoreOptions:
    """How each frame of a film is restored (by ``restore-video``, and by ``preview``)."""
    return RestoreOptions(
        scale_out=args.scale_out,
        tile=args.tile,
        ensemble=args.ensemble,
        fix_fading=args.fix_fading,
        grain=args.grain,
    )


def _video_options(args: argparse.Namespace) -> VideoOptions:
    """How ``restore-video`` restores and writes each film."""
    return VideoOptions(
        frames=_frame_options(args),
        codec=args.codec,
        crf=_film_crf(args),
        deinterlace=args.deinterlace,
        cleanup=film_cleanup(args),
        marks=read_marks(args.marks) if args.marks else None,
        segment_frames=args.segment_frames,
        segment_seconds=args.segment_seconds,
        overwrite=args.overwrite,
        sequence=SequenceOptions(args.rate, args.allow_gaps),
    )


def film_cleanup(args: argparse.Namespace) -> FilmCleanup:
    """The film cleanups the options chose (a photo's ``preview`` refuses them)."""
    return FilmCleanup(
        remove_dust=args.remove_dust,
        steady_flicker=args.steady_flicker,
        calm_grain=args.calm_grain,
        steady_picture=args.steady_picture,
        smooth_repeats=args.smooth_repeats,
    )


def _cleanup_words(cleanup: FilmCleanup) -> list[str]:
    """What the cleanup does, for the line that says what a command is doing."""
    words = {
        "steady_picture": say("steadying the picture"),
        "remove_dust": say("removing dust"),
        "calm_grain": say("calming grain"),
        "steady_flicker": say("steadying flicker"),
        "smooth_repeats": say("smoothing repeated frames"),
    }
    return [words[name] for name in words if getattr(cleanup, name)]


class _FilmRun:
    """The films of a ``restore-video`` run, restored one after another, here or on a
    cluster's workers, each on its own so that one that fails costs only itself; what became
    of each, and the cluster's tallies."""

    def __init__(
        self,
        restorer: Restorer,
        options: VideoOptions,
        on_cluster: bool,
        named: SourceNames,
        journal: Journal,
    ) -> None:
        self.restorer = restorer
        self.options = options
        self.named = named
        self.journal = journal  # told each film's result once it is written
        self.in_order = not on_cluster  # one machine goes on from the first frame not done
        self.done: list[tuple[_Film, VideoReport]] = []
        self.failed: list[Path] = []
        self.skipped: list[_Film] = []
        self.otherwise: list[_Film] = []  # skipped by --skip-existing, made with other settings
        self._made: dict[Path, list[Path]] = {}  # by film: folders made for its result
        self.cluster_run: ClusterReport | None = None

    def fail(self, source: Path, message: str) -> None:
        """Tell a film's failure, in one line; the folders made for its result alone, left
        empty, go."""
        self.failed.append(source)
        tell_failure(self.named, source, message)
        for folder in self._made.pop(source, []):
            with suppress(OSError):  # holding its work, or another's result
                folder.rmdir()

    def _make_folder(self, film: _Film) -> None:
        """Make the folder the film's result goes into, noting those made, deepest first."""
        folder = film.target.parent
        self._made[film.source] = [p for p in (folder, *folder.parents) if not p.exists()]
        folder.mkdir(parents=True, exist_ok=True)

    def without_finished(self, films: Sorted[_Film]) -> list[_Film]:
        """The films to restore (``_sorted_films``): those skipped are told as such, those
        refused as failed."""
        for film, result in films.skipped:
            self.skipped.append(film)
            name = self.named(film.source)
            print(say("skipped: {name} ({result} is already there)", name=name, result=result.name))
        for film, result in films.otherwise:
            self.otherwise.append(film)
            print(skipped_otherwise_line(self.named(film.source), result))
        for source, why in films.refused:
            self.fail(source, why)
        return films.todo

    def restore_all(self, films: list[_Film], progress: Progress, workers: Workers | None) -> None:
        """Restore each film, telling those that fail; ``Cancelled`` after Ctrl+C."""
        if workers is not None:
            self._restore_on_cluster(films, progress, workers)
            return
        for number, film in enumerate(films):
            restore = restore_frame_files if film.frames else restore_video
            try:
                self._make_folder(film)
                report = restore(
                    self.restorer,
                    film.source,
                    film.target,
                    replace(self.options, span=film.span),
                    progress.part(number, len(films)),
                    info=film.info,
                    on_notice=_tell_note,
                )
            except Cancelled:
                raise
            except FramesThereError as error:
                self.fail(film.source, _with_overwrite_flag(error.sentence))
            except (RekindleError, OSError, MemoryError) as error:
                self.fail(film.source, sentence_for(error))
            else:
                self._finished(film, report)

    def _restore_on_cluster(self, films: list[_Film], progress: Progress, workers: Workers) -> None:
        """All the films in one cluster run, so that the workers go from one film's segments
        to the next's without waiting for the last of each."""
        from engine.cluster.films import restore_films

        ready = []
        for film in films:
            try:
                self._make_folder(film)
            except OSError as error:
                self.fail(film.source, sentence_for(error))
            else:
                ready.append(film)
        pairs = [(film.source, film.target) for film in ready]
        run = restore_films(
            *workers,
            self.restorer,
            pairs,
            self.options,
            progress,
            lambda source, error: self.fail(source, sentence_for(error)),
            on_notice=lambda text: print(text, file=sys.stderr),
        )
        self.cluster_run = run
        for film, report in zip(ready, run.films, strict=True):
            if report is not None:
                self._finished(film, report)

    def _finished(self, film: _Film, report: VideoReport) -> None:
        """Count the film as restored (a finished set of its frames found whole, which the
        run's note says, as skipped), and list its result in the batch's marker."""
        if film.frames and report.resumed_from >= report.frames:
            self.skipped.append(film)
        else:
            self.done.append((film, report))
        self.journal(film.source, report.target)

    def tell(self) -> int:
        """Each film's result, the cluster's tallies and the counts; the exit status."""
        for film, report in self.done:
            _tell_film(film, report, self.in_order, self.named)
        self._tell_workers()
        print(self._counts())
        return 1 if self.failed else 0

    def _counts(self) -> str:
        """The films restored, skipped where any were (those of other settings apart), and
        failed: "2 restored, 1 skipped, 1 failed"."""
        skipped = [say("{count} skipped", count=len(self.skipped))] if self.skipped else []
        return listed(
            [
                say("{count} restored", count=len(self.done)),
                *skipped,
                *skipped_counts(0, len(self.otherwise)),
                say("{count} failed", count=len(self.failed)),
            ]
        )

    def _tell_workers(self) -> None:
        """Each cluster worker's segments and frames, over all the films."""
        run = self.cluster_run
        if run is None:
            return
        for worker, tally in sorted(run.workers.items()):
            print(_worker_line(worker, tally.segments, tally.frames))
        if run.restarted:
            print(_restarted_line(run.restarted))


def _tell_film(film: _Film, report: VideoReport, in_order: bool, named: SourceNames) -> None:
    """A film's result line (and its damaged frames); ``in_order``: one machine, which goes on
    from the first frame not done, where a cluster fills in what is missing."""
    if report.target != film.wanted:
        why = why_renamed(film.wanted.name, film.moved)
        print(renamed_line(named(film.source), report.target, why))
    place, resumed = film.written_words(report), film.resumed_words(report)
    print(_result_line(report, in_order, place, resumed))
    if report.damaged_frames:
        print(
            say(
                "warning: damaged frames in {name}: {frames} ({count} in all); the decoder "
                "filled in what it could: check them in the result",
                name=named(film.source),
                frames=frame_numbers(_numbered(film.info, report.damaged_frames)),
                count=len(report.damaged_frames),
            ),
            file=sys.stderr,
        )


def _numbered(info: VideoInfo, indices: Iterable[int]) -> list[int]:
    """Frames as ``frame_numbers`` takes them (it counts from 1), so that it says a frame
    sequence's frames by their files' numbers (``VideoInfo.frame_number``)."""
    return [info.frame_number(index) - 1 for index in indices]


def _result_line(report: VideoReport, in_order: bool, place: str, resumed: str) -> str:
    """A film's result, written to ``place`` (in words): its frames, the speed where this
    run restored any, where it went on from an earlier run (``resumed``, in words), and how
    its fields were made whole."""
    frames = plural(
        report.frames,
        say("{count} frame", count=report.frames),
        say("{count} frames", count=report.frames),
    )
    said = [say("{path}: {frames}", path=place, frames=frames)]
    if report.frames > report.resumed_from:  # else this run only joined them
        said.append(say("{speed:.2f} frames/s", speed=report.frames_per_second))
    if report.resumed_from and in_order:
        said.append(resumed)
    elif report.resumed_from:
        said.append(say("{count} frames done by an earlier run", count=report.resumed_from))
    if report.joined:
        said.append(JOINED_WORDS[report.joined])
    return listed(said)


def _worker_line(worker: str, segments: int, frames: int) -> str:
    """A cluster worker's tally: "worker host:412: 1 segment, 12 frames"."""
    return say(
        "worker {worker}: {segments}, {frames}",
        worker=worker,
        segments=plural(
            segments,
            say("{count} segment", count=segments),
            say("{count} segments", count=segments),
        ),
        frames=plural(
            frames, say("{count} frame", count=frames), say("{count} frames", count=frames)
        ),
    )


def _restarted_line(count: int) -> str:
    """How many segments a cluster ran again, their workers lost."""
    return plural(
        count,
        say("{count} segment ran again after its worker was lost", count=count),
        say("{count} segments ran again after their worker was lost", count=count),
    )


def _sequence_info(source: Path) -> VideoInfo | None:
    """What the frame sequence ``source`` gives holds as a film, for its preview: at the
    default rate, its gaps let through (one frame is restored, counted among those there);
    None for a film file, which its reader probes."""
    if not names_sequence(source):
        return None
    return film_info(source, source.parent, SequenceOptions(allow_gaps=True))


def preview_frame(args: argparse.Namespace, token: CancelToken) -> int:
    """Restore ``--frame`` of the film as ``restore-video`` restores it, into ``--out``."""
    if args.frame is None or args.part is not None:
        return cannot_go_on(say("a film's preview needs --frame N, and takes no --part"))
    if args.long_side or args.print_size:
        return cannot_go_on(say("a film is enlarged by a scale; a size is for photos"))
    if args.find_spots:
        return cannot_go_on(say("finding spots is for photos; a film's dust: --remove-dust"))
    previewer = FramePreviewer(args.input, _sequence_info(args.input))
    frames = previewer.info.frames
    if not 1 <= args.frame <= frames:
        return cannot_go_on(say("{name} has frames 1 to {last}", name=args.input.name, last=frames))
    cleanup = film_cleanup(args)
    marks = read_marks(args.marks) if args.marks else None
    if marks is not None:  # refused before the model is loaded (the preview checks them too)
        check_film_marks(marks, previewer.info)
    restorer = chosen_restorer(args)
    frame_options = _frame_options(args)
    with progress_bar(say("previewing"), token) as progress:
        pixels = previewer.preview(
            restorer, args.frame - 1, frame_options, progress, cleanup, marks
        )
    described = restorer.describe(args.scale_out or restorer.scale, frame_options)
    exif = marked_exif(None, f"{described}; frame {args.frame} of {args.input.name}, a preview")
    frame = Picture(pixels, None, None, exif, "png")
    written = write_picture(frame, args.out, forbid=[args.input], replace=False)
    height, width = pixels.shape[:2]
    said = say(
        "{path}: {width}x{height}, frame {frame} restored with {models}",
        path=written,
        width=width,
        height=height,
        frame=args.frame,
        models=models_and_size(restorer, args.scale_out),
    )
    print(listed([said, *_cleanup_words(cleanup)]))
    return 0
