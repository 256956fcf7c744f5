"""The engine's command line: ``restore``, ``preview``, ``restore-video``, ``split``,
``turn``, ``find-spots``, ``compare``, ``info``, ``models`` and ``devices``."""

from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from functools import partial
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import torch

from engine.alpha_fill import visible_colours
from engine.arguments import at_least, plain
from engine.batch import (
    BatchReport,
    FolderNames,
    IsResult,
    Job,
    SourceNames,
    check_folders_apart,
    clear_of_others,
    distinct_targets,
    finished_before,
    media_found,
    plan_batch,
    renamed_line,
    restore_batch,
    result_folder,
    result_stem,
    sweep_leftovers,
    why_renamed,
)
from engine.chain import ModelRequest
from engine.comparison import LONG_SIDE, write_comparison
from engine.console import (
    CANNOT_GO_ON,
    EXIT_STATUSES,
    INTERRUPTED,
    command_streams,
    progress_bar,
)
from engine.devices import DEVICE_HELP, device_statuses, pick_device
from engine.errors import Cancelled, RekindleError, sentence_for
from engine.fading import measure_fading
from engine.imageio import FORMAT_EXTENSIONS, Picture, read_picture, write_picture
from engine.library.blend import beyond_4k_counterpart
from engine.library.catalog import offered_repair
from engine.library.command import add_models_command, description, run_models
from engine.library.loading import DEFAULT, alias_target, open_model, resolve_model_path
from engine.media import VIDEO_EXTENSIONS, Unreadable, carries_mark, is_supported_video
from engine.output_size import FILM_4K, OutputSize, beyond_4k, parse_print_size, whole_scale
from engine.part import Region, part_alpha, restore_part
from engine.preflight import check_destination, require_inputs
from engine.progress import CancelToken, Progress
from engine.provenance import marked_exif
from engine.recipe import Recipe
from engine.restorer import RestoreOptions, Restorer, passes, spot_marks
from engine.retouch.find import find_spots
from engine.retouch.marks import count_places, read_marks, write_marks
from engine.same_file import one_per_file
from engine.split import split_scan_file
from engine.stopping import stopping_on_signals, unforeseen
from engine.turn import turn_file
from engine.unfinished import BatchMarker
from engine.video import (
    CODECS,
    DEFAULT_CODEC,
    FILM_QUALITIES,
    SEGMENT_FRAMES,
    SEGMENT_SECONDS,
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
from engine.video.frame_preview import FramePreviewer
from engine.video.join import film_made_by_rekindle, sound_conversion_notes
from engine.video.restore import JOINED_WORDS, check_film_marks, film_info
from engine.words import plural, say, without_name

if TYPE_CHECKING:
    from engine.cluster.connect import Cluster
    from engine.cluster.films import ClusterReport
    from engine.cluster.shipping import WorkerSetup

    Workers = tuple[Cluster, WorkerSetup]

T = TypeVar("T")

BATCH_SETTINGS = (
    "model",
    "detail",
    "repair",
    "before",
    "after",
    "ensemble",
    "fix_fading",
    "grain",
    "find_spots",
    "marks",
    "scale_out",
    "long_side",
    "print_size",
    "dpi",
    "format",
    "overwrite",
)
"""The options a batch's results depend on (with its inputs): see ``engine.unfinished``."""
FILM_BATCH_SETTINGS = (
    *("model", "detail", "repair", "before", "after", "ensemble", "fix_fading", "marks"),
    *("scale_out", "codec", "crf", "quality", "deinterlace", "grain", "overwrite"),
    *("remove_dust", "calm_grain", "steady_flicker", "steady_picture", "smooth_repeats"),
)
"""The same for a batch of films."""


SCALE_OUT_HELP = "output scale (default: the model's scale)"

MARKS_OF_A_PHOTO = (
    "the places that are white in this picture of the photo's size (made by find-spots, or "
    "painted in any program)"
)
MARKS_OF_A_FILM = (
    "the places that are white in this picture of the film's frame size, on every frame (a "
    "hair in the gate, a scratch or a logo that stays put)"
)


def _model_arguments(command: argparse.ArgumentParser, *, cluster: bool = True) -> None:
    """The model and how it runs; ``cluster``: whether the command may run on a cluster."""
    command.add_argument(
        "--model",
        default=DEFAULT,
        help="a built-in model's name, one of yours by its name or display name (as models list "
        "shows them), or a model file (default: the built-in default, restore-x4, run at "
        "--repair 0.75)",
    )
    command.add_argument(
        "--detail",
        type=float,
        help="blend a built-in x4 model with its detail partner, 0 (none) to 1 (all): "
        "restore-x4 with restore-detail-x4, faithful-x4 with detail-x4 (default 0: the model "
        "alone)",
    )
    command.add_argument(
        "--repair",
        type=float,
        help="blend a built-in model with its repairing partner, 0 (enlarge the picture as it "
        "is) to 1 (take old damage out): faithful-x4 with restore-x4, faithful-x2 with "
        "restore-x2; below 1 it paints compressed faces less flat (the Restore models "
        "run at 0.75 unless told)",
    )
    for when in ("before", "after"):
        command.add_argument(
            f"--{when}",
            action="append",
            default=[],
            metavar="MODEL",
            help=f"a 1x restoration model (denoise, de-JPEG...) to run {when} enlarging; "
            "repeat for several, run in the order given",
        )
    command.add_argument(
        "--tile",
        type=at_least(0),
        default=0,
        help="tile side in pixels (default 0: chosen for the model and the device's free memory)",
    )
    command.add_argument(
        "--ensemble",
        action="store_true",
        help="extra care: average each tile's eight orientations (8x the time, a little finer)",
    )
    command.add_argument(
        "--fix-fading",
        action="store_true",
        help="for faded prints and film: set greyed blacks and dull whites back and take away "
        "part of a colour cast before enlarging (a film gets one correction for all its frames)",
    )
    command.add_argument(
        "--grain",
        type=_share,
        default=0.0,
        help="add fine grain to the result, 0 (none, the default) to 1 (as much as a grainy "
        "film's), so smooth skin and skies do not look plastic; brightness only, strongest in "
        "the midtones, each film frame its own",
    )
    command.add_argument("--device", default="auto", help=DEVICE_HELP)
    if not cluster:
        command.set_defaults(cluster=None)
        return
    command.add_argument(
        "--cluster",
        metavar="ADDRESS",
        help="restore on a Ray cluster: its head's HOST:PORT (`ray start --head`), or local[:N] "
        "to start one here with N workers (one per GPU by default); needs rekindle[cluster]",
    )


def _spot_arguments(
    command: argparse.ArgumentParser, marks_help: str, *, photos: bool = True
) -> None:
    """Dust and scratches filled before enlarging (engine.retouch): marked ones (on a photo,
    or on every frame of a film: ``marks_help`` says which), or, on photos, those found."""
    spots = command.add_mutually_exclusive_group()
    if photos:
        spots.add_argument(
            "--find-spots",
            action="store_true",
            help="find dust, specks and hairlines on each photo and fill them in first (a "
            "small bright thing on a dark ground, a button or a star, may be taken for dust: "
            "check with find-spots)",
        )
    spots.add_argument(
        "--marks",
        type=Path,
        metavar="PNG",
        help=marks_help,
    )


class _FolderOrFile(argparse.Action):
    """A path that may name a folder not made yet: the path, and in ``out_folder`` whether it
    was written ending in a separator ("new/"), which ``Path`` drops."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        text = str(values)
        setattr(namespace, self.dest, Path(text))
        namespace.out_folder = text.endswith(("/", os.sep))


def _argument(parse: Callable[[str], T]) -> Callable[[str], T]:
    """``parse`` as an argument's type: the sentence of its error becomes the usage error."""

    def parsed(text: str) -> T:
        try:
            return parse(text)
        except (RekindleError, ValueError) as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    return parsed


def _size_arguments(command: argparse.ArgumentParser) -> None:
    size = command.add_mutually_exclusive_group()
    size.add_argument("--scale-out", type=int, choices=(1, 2, 3, 4), help=SCALE_OUT_HELP)
    size.add_argument(
        "--long-side",
        type=at_least(1),
        metavar="PX",
        help="output size: the longer side in pixels",
    )
    size.add_argument(
        "--print-size",
        type=_argument(parse_print_size),
        metavar="WxH{cm,mm,in}",
        help=(
            "output size: as large as fits within a print of this size (20x30cm, 8x10in), "
            "either way round, at --dpi; nothing is cropped"
        ),
    )
    command.add_argument(
        "--dpi", type=at_least(1), default=300, help="resolution of --print-size (default 300)"
    )


def _share(text: str) -> float:
    """A share from 0 to 1, for argparse."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text} is not a share from 0 to 1")
    return value


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


def _cleanup_arguments(command: argparse.ArgumentParser) -> None:
    """A film's cleanups before it is enlarged (engine.video.temporal)."""
    command.add_argument(
        "--remove-dust",
        action="store_true",
        help="fill in dust, dirt and hairs that one frame shows and the frames beside it do not "
        "(a small thing moving too fast to follow may be taken for dirt)",
    )
    command.add_argument(
        "--calm-grain",
        action="store_true",
        help="average each frame with the two frames each side of it where they look alike: "
        "about half the grain, the picture kept",
    )
    command.add_argument(
        "--steady-flicker",
        action="store_true",
        help="bring each frame to the steady brightness of the frames of its shot around it",
    )
    command.add_argument(
        "--steady-picture",
        action="store_true",
        help="hold the picture still where it weaves or shakes from frame to frame (a worn "
        "gate, a splice, a hand-held camera), keeping the camera's slow moves; the edge a "
        "frame's move uncovers is filled from the frames beside it",
    )
    command.add_argument(
        "--smooth-repeats",
        action="store_true",
        help="replace each frame shown twice (a film copied faster than it was shot stutters) "
        "by one made halfway between the frames around it; a picture held longer is kept",
    )


def _cleanup(args: argparse.Namespace) -> FilmCleanup:
    return FilmCleanup(
        remove_dust=args.remove_dust,
        steady_flicker=args.steady_flicker,
        calm_grain=args.calm_grain,
        steady_picture=args.steady_picture,
        smooth_repeats=args.smooth_repeats,
    )


def _cleanup_words(cleanup: FilmCleanup) -> str:
    """What the cleanup does, for the line that says what a command is doing."""
    words = {
        "steady_picture": "steadying the picture",
        "remove_dust": "removing dust",
        "calm_grain": "calming grain",
        "steady_flicker": "steadying flicker",
        "smooth_repeats": "smoothing repeated frames",
    }
    return "".join(f", {words[name]}" for name in words if getattr(cleanup, name))


def _picture_words(options: RestoreOptions) -> str:
    """What restoring does to each photo or frame beyond the models and the size, for the
    line that says what a command is doing."""
    words = [
        "eight orientations each" if options.ensemble else "",
        "fading fixed where found" if options.fix_fading else "",
        f"fine grain added ({round(options.grain * 100)}%)" if options.grain else "",
    ]
    return "".join(f", {said}" for said in words if said)


def _crf_help() -> str:
    """``--crf``'s help: the codecs that take one, their range, and their defaults."""
    taking = {name: codec for name, codec in CODECS.items() if codec.default_crf is not None}
    ranges = {f"0 to {codec.max_crf}" for codec in taking.values()}
    defaults = ", ".join(f"{codec.default_crf} for {name}" for name, codec in taking.items())
    return (
        f"quality for {' and '.join(taking)}, {' or '.join(sorted(ranges))}, lower is better "
        f"(default {defaults})"
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m engine", description=plain(__doc__), epilog=EXIT_STATUSES
    )
    commands = parser.add_subparsers(dest="command", required=True)

    restore = commands.add_parser("restore", help="restore and enlarge photos")
    restore.add_argument("inputs", nargs="+", type=Path, help="image files or folders")
    restore.add_argument("-o", "--out", type=Path, required=True, help="output folder")
    _model_arguments(restore)
    _spot_arguments(restore, f"fill in first {MARKS_OF_A_PHOTO}; one photo only")
    _size_arguments(restore)
    restore.add_argument(
        "--format",
        choices=sorted(FORMAT_EXTENSIONS),
        help="output format (default: the original's; a HEIC photo's result is a JPEG)",
    )
    restore.add_argument(
        "--overwrite",
        action="store_true",
        help="replace earlier results, each only where it is its photo's own: made from the "
        "same file or the same content, as its metadata records (never a file Rekindle did not "
        "make, nor the result of another photo of that name: the result then gets a numbered "
        "name)",
    )
    restore.add_argument(
        "--skip-existing",
        action=argparse.BooleanOptionalAction,
        help="skip photos whose own result (made by Rekindle from the same file or the same "
        "content) is already in the output folder, under its name or under the numbered name it "
        "got where that name held another file; when the last run of the same settings into it "
        "did not finish, or had failures, the photos that run restored are skipped by default, "
        "whatever their results' names",
    )

    preview = commands.add_parser(
        "preview",
        help="restore one part of a photo as restoring the whole would make it, or one frame "
        "of a film as restore-video would: to try settings in seconds",
    )
    preview.add_argument("input", type=Path, help="the photo, or the film")
    preview.add_argument(
        "--part",
        type=_argument(Region.parse),
        metavar="X,Y,W,H",
        help="a photo's part: its top left corner and size, in the photo's pixels",
    )
    preview.add_argument(
        "--frame",
        type=int,
        metavar="N",
        help="a film's frame, counting from 1 as the app does",
    )
    _cleanup_arguments(preview)
    preview.add_argument(
        "-o", "--out", type=Path, required=True, help="the file to write (.png, .jpg, .tif...)"
    )
    _model_arguments(preview, cluster=False)
    _spot_arguments(
        preview, f"fill in first, on a photo, {MARKS_OF_A_PHOTO}; on a film, {MARKS_OF_A_FILM}"
    )
    _size_arguments(preview)

    spots = commands.add_parser(
        "find-spots",
        help="mark the dust, specks and hairlines found on a photo, as a black and white "
        "picture to look over (and change in any paint program) before restore --marks",
    )
    spots.add_argument("input", type=Path, help="the photo")
    spots.add_argument(
        "-o", "--out", type=Path, required=True, help="the marks to write (.png): white is marked"
    )

    turn = commands.add_parser(
        "turn",
        help="write turned copies of photos (a print scanned on its side); the photos are only "
        "read, and a JPEG's copy is a PNG so that nothing is lost",
    )
    turn.add_argument("inputs", nargs="+", type=Path, help="photos or folders of them")
    way = turn.add_mutually_exclusive_group(required=True)
    way.add_argument("--right", dest="turns", action="store_const", const=1, help="clockwise")
    way.add_argument("--left", dest="turns", action="store_const", const=-1, help="anticlockwise")
    way.add_argument("--half", dest="turns", action="store_const", const=2, help="upside down")
    turn.add_argument("-o", "--out", type=Path, required=True, help="output folder")

    compare = commands.add_parser(
        "compare",
        help="a before-and-after picture: the original enlarged to the result's size left of a "
        "line, the result right of it",
    )
    compare.add_argument("original", type=Path, help="the photo as it was")
    compare.add_argument("result", type=Path, help="its restoration")
    compare.add_argument(
        "-o", "--out", type=Path, required=True, help="the picture to write (.jpg, .png...)"
    )
    compare.add_argument(
        "--split",
        type=float,
        default=0.5,
        help="where the line stands, as a share of the width from the left (default 0.5)",
    )
    compare.add_argument(
        "--long-side",
        type=at_least(0),
        default=LONG_SIDE,
        help=f"the picture's longer side at most, in pixels (default {LONG_SIDE}; 0: as large "
        "as the result)",
    )

    video = commands.add_parser("restore-video", help="restore and enlarge films")
    video.add_argument(
        "inputs", nargs="+", type=Path, help="films (.mp4, .mkv, .mov, ...) or folders of them"
    )
    video.add_argument(
        "-o",
        "--out",
        action=_FolderOrFile,
        required=True,
        help="output .mp4, .mkv or .mov for one film; a folder for several films or a folder of "
        "them (a folder not made yet: end it with /)",
    )
    _model_arguments(video)
    video.add_argument("--scale-out", type=int, choices=(2, 4), help=SCALE_OUT_HELP)
    video.add_argument(
        "--codec",
        choices=sorted(CODECS),
        default=DEFAULT_CODEC,
        help=f"the video codec (default {DEFAULT_CODEC}): h264 and h265 in .mp4, .mkv or .mov, "
        "prores (422 HQ, for editing) in .mov, ffv1 (lossless) in .mkv",
    )
    quality = video.add_mutually_exclusive_group()
    quality.add_argument("--crf", type=int, help=_crf_help())
    quality.add_argument(
        "--quality",
        choices=tuple(FILM_QUALITIES),
        help="the app's named qualities for h264/h265: best (CRF 12/14), high (the default, "
        "18/20), smaller (23/25)",
    )
    video.add_argument(
        "--no-deinterlace",
        dest="deinterlace",
        action="store_false",
        help="keep an interlaced film's fields as they are (by default its frames are made "
        "whole before enlarging, so moving things do not come out combed)",
    )
    _cleanup_arguments(video)
    _spot_arguments(video, f"fill in first {MARKS_OF_A_FILM}", photos=False)
    video.add_argument(
        "--segment-seconds",
        type=float,
        default=SEGMENT_SECONDS,
        metavar="S",
        help="seconds of work a killed run may lose at most: the film is written in segments "
        f"that close after S seconds or --segment-frames (default {SEGMENT_SECONDS:g}; on a "
        "cluster segments close by their frames only)",
    )
    video.add_argument(
        "--segment-frames",
        type=int,
        default=SEGMENT_FRAMES,
        metavar="N",
        help=f"frames per segment at most (default {SEGMENT_FRAMES}); on a cluster each segment "
        "is one worker's task, cut at the film's keyframes where it can be",
    )
    video.add_argument(
        "--overwrite",
        action="store_true",
        help="replace a film's earlier result, only where it is that film's own: made from the "
        "same file or the same content, as its comment records (never a film Rekindle did not "
        "make, nor the result of another film of that name: the result then gets a numbered "
        "name)",
    )
    video.add_argument(
        "--skip-existing",
        action=argparse.BooleanOptionalAction,
        help="leave out films whose own result (made from the same file or the same content) is "
        "already there, under its name or under the numbered name it got where that name held "
        "another film (a film appears only when it is finished): a folder run again with films "
        "added restores only the new ones (the default when the last run of the same settings "
        "into the folder did not finish, or had failures)",
    )

    split = commands.add_parser(
        "split",
        help="cut a scan of several prints into one straightened photo per print (a print "
        "photographed at an angle is flattened)",
    )
    split.add_argument(
        "inputs", nargs="+", type=Path, help="scans (PNG, JPEG, TIFF...) or folders of them"
    )
    split.add_argument("-o", "--out", type=Path, required=True, help="output folder")

    info = commands.add_parser("info", help="print a model's description")
    info.add_argument("model", help="built-in name or model file")
    add_models_command(commands)

    commands.add_parser("devices", help="list the compute devices and whether they work here")
    return parser


def _restorer(args: argparse.Namespace) -> Restorer:
    """The model, with its 1x models before and after, on the chosen device (on the CPU when
    a cluster's workers restore: here it only describes the work)."""
    device = torch.device("cpu") if args.cluster else pick_device(args.device)
    return Restorer(_request(args).load(), device, args.tile)


def _request(args: argparse.Namespace) -> ModelRequest:
    """The chain asked for, an alias as the model it stands for; a Restore model without
    ``--repair`` at its offered strength."""
    repair = args.repair if args.repair is not None else offered_repair(args.model)
    key = alias_target(args.model)
    return ModelRequest(key, args.detail, tuple(args.before), tuple(args.after), repair)


@contextmanager
def _workers(args: argparse.Namespace) -> Iterator[Workers | None]:
    """The cluster ``--cluster`` names, and the model for its workers, for the block; None
    without ``--cluster``. Ray is imported only here, once a cluster is asked for."""
    if not args.cluster:
        yield None
        return
    from engine.cluster.connect import open_cluster
    from engine.cluster.shipping import pack_setup

    with open_cluster(args.cluster, args.device) as cluster:
        setup = pack_setup(
            _request(args), device=args.device, tile=args.tile, threads=cluster.threads
        )
        yield cluster, setup


def _where(restorer: Restorer, workers: Workers | None) -> str:
    """Where the work runs, for the line before it starts."""
    if workers is not None:
        return f"on a cluster of {workers[0].describe()}"
    return f"on {restorer.device}, tiles of {restorer.tile} px"


def _described(restorer: Restorer, scale_out: int | None, size: OutputSize | None = None) -> str:
    """The models in the order they run, and the size they restore to: ``size`` when one
    was asked for, else ``scale_out`` (the model's own scale when None)."""
    return f"{restorer.chain.display_name}, {_resizing(scale_out or restorer.scale, size)}"


def _resizing(scale: int, size: OutputSize | None) -> str:
    """What restoring does to a picture's size, for the line before the work: a size asked
    for is met exactly, whatever scale the model enlarges by on the way."""
    if size is not None and size.long_side is not None:
        return f"to {size.long_side} px on the long side"
    if size is not None and size.print_mm is not None:
        width, height = size.print_mm
        return f"to fit within a {width:g}x{height:g} mm print at {size.dpi} dpi"
    return "same size" if scale == 1 else f"enlarging {scale}x"


def _batch_settings(args: argparse.Namespace, names: Sequence[str]) -> dict[str, object]:
    """What a batch's results depend on, ``names`` of its options and its inputs: a re-run
    with the same ones continues it."""
    return {
        "inputs": sorted(str(path.resolve()) for path in args.inputs),
        **{name: getattr(args, name) for name in names},
    }


def _skips_existing(args: argparse.Namespace, marker: BatchMarker, what: str) -> bool:
    """``--skip-existing`` as given, else on (and said so) when the last run of these
    settings into this folder did not finish, or finished with failures (its marker stays
    either way); ``what``: the results' kind, for that line."""
    if args.skip_existing is not None:
        return args.skip_existing
    if not marker.unfinished or args.overwrite:
        return False
    said = say(
        "the last run of these settings into {folder} had failures or did not finish: "
        "{what} it restored are skipped (--no-skip-existing restores them again)",
        folder=marker.folder,
        what=what,
    )
    print(said, file=sys.stderr)
    return True


def _not_finished(
    args: argparse.Namespace, marker: BatchMarker, jobs: list[Job]
) -> tuple[list[Job], list[Path]]:
    """The jobs to do, and the results skipped: when skipping (``_skips_existing``), those
    the last run of these settings into the folder finished, whatever their names (a
    result of another batch holding a photo's name is not that photo's). Given,
    ``--skip-existing`` skips by name as well, in the run itself (``already_restored``)."""
    if not _skips_existing(args, marker, say("photos")):
        return jobs, []
    return finished_before(jobs, marker.result_of)


def _restore(args: argparse.Namespace, token: CancelToken) -> int:
    require_inputs(args.inputs)
    check_folders_apart(args.inputs, args.out)
    check_destination(args.out)
    restorer = _restorer(args)
    _check_scale_out(restorer, args.scale_out)
    with _workers(args) as workers:
        return _restore_photos(args, token, restorer, workers)


def _check_scale_out(restorer: Restorer, scale_out: int | None) -> None:
    """Refuse, before any work, an output scale the models cannot reach (a model that does
    not enlarge, asked to), which would otherwise fail every photo or film in turn."""
    if scale_out is not None:
        passes(restorer.scale, scale_out)


def _restore_photos(
    args: argparse.Namespace, token: CancelToken, restorer: Restorer, workers: Workers | None
) -> int:
    stem_beside = Recipe.of(_request(args), _photo_options(args)).file_stem
    plan = plan_batch(args.inputs, args.out, args.format, stem_beside)
    jobs = plan.jobs
    named = SourceNames(args.inputs)
    report_failure = partial(_tell_failure, named)
    for folder, sentence in plan.unreadable:
        report_failure(folder, sentence)
    if plan.films:
        names = ", ".join(film.name for film in plan.films)
        print(f"films left out (restore each with restore-video): {names}", file=sys.stderr)
    if not jobs and plan.unreadable:
        print(BatchReport(failed=plan.unreadable).summary(named))
        return 1
    if not jobs:
        print("error: no images found in the inputs", file=sys.stderr)
        return 2
    if args.marks is not None:
        if len(jobs) > 1:
            print("error: --marks are drawn for one photo: give only that one", file=sys.stderr)
            return 2
        jobs = [replace(jobs[0], marks=read_marks(args.marks))]
    options = _photo_options(args)
    images = plural(len(jobs), "image", "images")
    print(
        f"{len(jobs)} {images} with {_described(restorer, args.scale_out, options.size)}, "
        + _where(restorer, workers)
        + (", dust and specks filled where found" if args.find_spots else "")
        + (", the marked places filled" if args.marks else "")
        + _picture_words(options),
        file=sys.stderr,
    )
    marker = BatchMarker(args.out, _batch_settings(args, BATCH_SETTINGS))
    is_result = _photo_results(marker)
    if args.overwrite or args.skip_existing:
        jobs = clear_of_others(jobs, is_result)
    sweep_leftovers(jobs)
    todo, done = _not_finished(args, marker, jobs)
    marker.start()

    if workers is None:
        run = partial(restore_batch, restorer, journal=marker.record, is_result=is_result)
    else:
        from engine.cluster.photos import restore_photos

        run = partial(restore_photos, *workers)
    with progress_bar("restoring", token) as progress:
        report = run(
            todo,
            options,
            progress,
            overwrite=args.overwrite,
            skip_existing=bool(args.skip_existing),
            on_failure=report_failure,
            on_notice=lambda text: print(text, file=sys.stderr),
        )
    if workers is not None:  # listed once the cluster's run returns (not when killed)
        for source, result in report.results:
            marker.record(source, result)
    report.skipped += done
    report.failed += plan.unreadable
    finished = not (report.cancelled or report.failed)
    if finished:  # before anything is said: a reader gone is no reason to leave it unfinished
        marker.finish()
    print(report.summary(named))
    if report.cancelled:
        print(
            "stopped before the end; run the same command again to restore the rest "
            "(photos already restored are skipped)",
            file=sys.stderr,
        )
        return INTERRUPTED
    return 0 if finished else 1


def _photo_results(marker: BatchMarker) -> IsResult:
    """Whether a file is a photo's result Rekindle made: listed by a batch into the output
    folder (a BMP result carries no mark), or marked so."""
    return lambda path: marker.lists(path) or carries_mark(path)


def _preview(args: argparse.Namespace, token: CancelToken) -> int:
    """Restore ``--part`` of the photo, or ``--frame`` of the film, into ``--out`` (a taken
    name gives "name (2)": never over the input or any other file)."""
    require_inputs([args.input])
    if is_supported_video(args.input):
        return _preview_frame(args, token)
    if args.part is None:
        print("error: a photo's preview needs --part X,Y,W,H", file=sys.stderr)
        return 2
    if args.frame is not None or _cleanup(args) != FilmCleanup():
        print(
            "error: --frame and the film cleanups are for films; a photo's dust: --find-spots",
            file=sys.stderr,
        )
        return 2
    picture = read_picture(args.input)
    restorer = _restorer(args)
    options = _photo_options(args)
    visible = visible_colours(picture)
    fading = measure_fading([visible]) if args.fix_fading else None
    hand = read_marks(args.marks) if args.marks else None
    marks = spot_marks(visible, options, hand)
    with progress_bar("previewing", token) as progress:
        pixels = restore_part(restorer, visible, args.part, options, progress, fading, marks)
    exif = _preview_exif(restorer, picture, options, args.part)
    alpha = None if picture.alpha is None else part_alpha(picture.alpha, args.part, pixels.shape)
    part = replace(picture, pixels=pixels, alpha=alpha, exif=exif)
    written = write_picture(part, args.out, forbid=[args.input], replace=False)
    height, width = pixels.shape[:2]
    described = _described(restorer, args.scale_out, options.size)
    print(f"{written}: {width}x{height}, restored with {described}")
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


def _find_spots(args: argparse.Namespace) -> int:
    """Write the marks ``find_spots`` makes for the photo into ``--out`` (a taken name gives
    "name (2)"), and say how many places it marked."""
    require_inputs([args.input])
    if args.out.suffix.lower() != ".png":
        print("error: marks are written as a .png", file=sys.stderr)
        return 2
    picture = read_picture(args.input)
    marks = find_spots(picture.pixels)
    places = count_places(marks)
    written = write_marks(args.out, marks, forbid=[args.input], replace=False)
    print(
        f"{written}: {places} place{'s' * (places != 1)} marked on {args.input.name}; look them "
        f"over, then: python -m engine restore {shlex.quote(str(args.input))} "
        f"--marks {shlex.quote(str(written))} -o FOLDER"
    )
    return 0


def _preview_frame(args: argparse.Namespace, token: CancelToken) -> int:
    """Restore ``--frame`` of the film as ``restore-video`` restores it, into ``--out``."""
    if args.frame is None or args.part is not None:
        print("error: a film's preview needs --frame N, and takes no --part", file=sys.stderr)
        return 2
    if args.long_side or args.print_size:
        print("error: a film is enlarged by a scale; a size is for photos", file=sys.stderr)
        return 2
    if args.find_spots:
        print("error: finding spots is for photos; a film's dust: --remove-dust", file=sys.stderr)
        return 2
    previewer = FramePreviewer(args.input)
    frames = previewer.info.frames
    if not 1 <= args.frame <= frames:
        print(f"error: {args.input.name} has frames 1 to {frames}", file=sys.stderr)
        return 2
    cleanup = _cleanup(args)
    marks = read_marks(args.marks) if args.marks else None
    if marks is not None:  # refused before the model is loaded (the preview checks them too)
        check_film_marks(marks, previewer.info)
    restorer = _restorer(args)
    frame_options = _frame_options(args)
    with progress_bar("previewing", token) as progress:
        pixels = previewer.preview(
            restorer, args.frame - 1, frame_options, progress, cleanup, marks
        )
    options = RestoreOptions(scale_out=args.scale_out, grain=args.grain)
    described = restorer.describe(args.scale_out or restorer.scale, options)
    exif = marked_exif(None, f"{described}; frame {args.frame} of {args.input.name}, a preview")
    frame = Picture(pixels, None, None, exif, "png")
    written = write_picture(frame, args.out, forbid=[args.input], replace=False)
    height, width = pixels.shape[:2]
    print(
        f"{written}: {width}x{height}, frame {args.frame} restored with "
        f"{_described(restorer, args.scale_out)}{_cleanup_words(cleanup)}"
    )
    return 0


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


def _check_film_arguments(args: argparse.Namespace) -> None:
    """Refuse, before any work, what ``restore-video`` cannot take: a missing input, a film's
    name for ``--out`` with several films or a folder of them, a film's name the codec cannot
    be written into (``choose_codec``), a quality the codec does not take, or a destination
    that takes no file."""
    require_inputs(args.inputs)
    alone = _one_film_named(args)
    if not alone and not args.out.is_dir() and is_supported_video(args.out):
        raise RekindleError(
            say(
                "with several films or a folder, -o names a folder, not a film ({path})",
                path=args.out,
            )
        )
    if alone and not args.out.suffix:
        raise RekindleError(
            say(
                "{path} has no suffix: name a film file ({kinds}) or a folder (end it with /)",
                path=args.out,
                kinds=", ".join(CONTAINERS),
            )
        )
    if alone:  # its suffix, and the codec's fit in it
        choose_codec(args.codec, args.out, _film_crf(args))
    else:
        check_crf(args.codec, _film_crf(args))
    check_folders_apart(args.inputs, args.out)
    check_destination(_films_folder(args))


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
    the whole run: its restoration is given what was found."""
    beside = Recipe.of(_request(args), options.frames, cleanup=options.cleanup).file_stem
    readable: list[tuple[Path, VideoInfo, Path]] = []
    for source, folder in one_per_file(list(_films_given(args, on_failure)), itemgetter(0)):
        try:
            info = film_info(source, args.out.parent if folder is None else folder)
        except RekindleError as error:
            on_failure(source, error.sentence)
            continue
        if folder is None:
            wanted = args.out
        else:
            stem = result_stem(source, folder, beside)
            wanted = folder / (stem + output_suffix(info, args.codec))
        readable.append((source, info, wanted))
    targets = distinct_targets([(source, wanted) for source, _, wanted in readable])
    return [
        _Film(source, info, target, wanted)
        for (source, info, wanted), target in zip(readable, targets, strict=True)
    ]


def _films_given(
    args: argparse.Namespace, on_failure: Callable[[Path, str], None]
) -> Iterator[tuple[Path, Path | None]]:
    """Each film named or found in a folder named, with the folder its result goes into
    (None: ``--out`` is the result's own name)."""
    alone = _one_film_named(args)
    names = FolderNames(args.inputs)
    for item in args.inputs:
        if not item.is_dir():
            yield item, None if alone else args.out
            continue
        unreadable: Unreadable = []
        found = media_found(item, args.out, names, unreadable)
        films = [path for path in found if is_supported_video(path)]
        for folder, sentence in unreadable:
            on_failure(folder, sentence)
        if not films and not unreadable:
            kinds = ", ".join(sorted(VIDEO_EXTENSIONS))
            on_failure(item, f"no films in this folder ({kinds})")
        for film in films:
            yield film, result_folder(film, item, args.out, names)


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
            hint = f"; --model {smaller} makes it {width // 2}x{height // 2}" if smaller else ""
            print(
                f"note: {named(film.source)} becomes {width}x{height}, larger than 4K "
                f"({FILM_4K[0]}x{FILM_4K[1]}), which few players and editors take{hint}",
                file=sys.stderr,
            )


def _note_converted_sound(films: list[_Film]) -> None:
    """Say which films' sound goes into their result converted, and to what."""
    for film in films:
        for sentence in sound_conversion_notes(film.info, film.target):
            print(f"note: {sentence}", file=sys.stderr)


def _note_fewer_bits(films: list[_Film], codec: VideoCodec) -> None:
    """Say which films of more than 8 bits a sample ``codec`` writes in 8 here
    (``fewer_bits_note``)."""
    for film in films:
        sentence = fewer_bits_note(film.info, codec)
        if sentence is not None:
            print(f"note: {sentence}", file=sys.stderr)


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
        cleanup=_cleanup(args),
        marks=read_marks(args.marks) if args.marks else None,
        segment_frames=args.segment_frames,
        segment_seconds=args.segment_seconds,
        overwrite=args.overwrite,
    )


class _FilmRun:
    """The films of a ``restore-video`` run, restored one after another, here or on a
    cluster's workers, each on its own so that one that fails costs only itself; what became
    of each, and the cluster's tallies."""

    def __init__(
        self, restorer: Restorer, options: VideoOptions, on_cluster: bool, named: SourceNames
    ) -> None:
        self.restorer = restorer
        self.options = options
        self.named = named
        self.in_order = not on_cluster  # one machine goes on from the first frame not done
        self.done: list[tuple[_Film, VideoReport]] = []
        self.failed: list[Path] = []
        self.skipped: list[_Film] = []
        self._made: dict[Path, list[Path]] = {}  # by film: folders made for its result
        self.cluster_run: ClusterReport | None = None

    def fail(self, source: Path, message: str) -> None:
        """Tell a film's failure, in one line; the folders made for its result alone, left
        empty, go."""
        self.failed.append(source)
        print(f"failed: {_naming(self.named(source), source, message)}", file=sys.stderr)
        for folder in self._made.pop(source, []):
            with suppress(OSError):  # holding its work, or another's result
                folder.rmdir()

    def _make_folder(self, film: _Film) -> None:
        """Make the folder the film's result goes into, noting those made, deepest first."""
        folder = film.target.parent
        self._made[film.source] = [p for p in (folder, *folder.parents) if not p.exists()]
        folder.mkdir(parents=True, exist_ok=True)

    def without_finished(self, films: list[_Film], skip: bool) -> list[_Film]:
        """The films to restore: each whose result's name holds a film Rekindle did not make,
        or the result of another film of that name, given another (``clear_of_others``); one
        whose result is already there (a film appears only when finished) is left out, told
        as skipped when ``skip``, else as failed (unless this run replaces results)."""
        waiting = []
        for film in clear_of_others(films, film_made_by_rekindle):
            try:
                there = not self.options.overwrite and film.target.exists()
            except OSError as error:  # a name too long for the file system, say
                self.fail(film.source, sentence_for(error))
                continue
            if not there:
                waiting.append(film)
            elif skip:
                self.skipped.append(film)
                print(f"skipped: {self.named(film.source)} ({film.target.name} is already there)")
            else:
                self.fail(
                    film.source,
                    say(
                        "its earlier result {name} is there (--overwrite replaces it, "
                        "--skip-existing leaves it)",
                        name=film.target.name,
                    ),
                )
        return waiting

    def restore_all(self, films: list[_Film], progress: Progress, workers: Workers | None) -> None:
        """Restore each film, telling those that fail; ``Cancelled`` after Ctrl+C."""
        if workers is not None:
            self._restore_on_cluster(films, progress, workers)
            return
        for number, film in enumerate(films):
            try:
                self._make_folder(film)
                report = restore_video(
                    self.restorer,
                    film.source,
                    film.target,
                    self.options,
                    progress.part(number, len(films)),
                    info=film.info,
                )
            except Cancelled:
                raise
            except (RekindleError, OSError, MemoryError) as error:
                self.fail(film.source, sentence_for(error))
            else:
                self.done.append((film, report))

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
        )
        self.cluster_run = run
        made = zip(ready, run.films, strict=True)
        self.done += [(film, report) for film, report in made if report is not None]

    def tell(self) -> int:
        """Each film's result, the cluster's tallies and the counts; the exit status."""
        for film, report in self.done:
            _tell_film(film, report, self.in_order, self.named)
        self._tell_workers()
        skipped = f", {len(self.skipped)} skipped" if self.skipped else ""
        print(f"{len(self.done)} restored{skipped}, {len(self.failed)} failed")
        return 1 if self.failed else 0

    def _tell_workers(self) -> None:
        """Each cluster worker's segments and frames, over all the films."""
        run = self.cluster_run
        if run is None:
            return
        for worker, tally in sorted(run.workers.items()):
            print(_worker_line(worker, tally.segments, tally.frames))
        if run.restarted:
            print(_restarted_line(run.restarted))


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


def _restore_video(args: argparse.Namespace, token: CancelToken) -> int:
    """Restore each film given; one that fails is told ("failed: ...") and the others go on
    (exit status 1); Ctrl+C stops the run."""
    _check_film_arguments(args)
    restorer = _restorer(args)
    _check_scale_out(restorer, args.scale_out)
    run = _FilmRun(restorer, _video_options(args), bool(args.cluster), SourceNames(args.inputs))
    films = _film_targets(args, run.options, run.fail)
    marker = BatchMarker(_films_folder(args), _batch_settings(args, FILM_BATCH_SETTINGS))
    films = run.without_finished(films, skip=_skips_existing(args, marker, say("films")))
    _note_beyond_4k(args, films, restorer, run.named)
    _note_converted_sound(films)
    _note_fewer_bits(films, codec_named(args.codec))
    if films:
        marker.start()
        with _workers(args) as workers:
            print(
                ", ".join(run.named(film.source) for film in films)
                + f" with {_described(restorer, args.scale_out)}, {_where(restorer, workers)}"
                + f", {args.codec}"
                + _cleanup_words(run.options.cleanup)
                + (", the marked places filled on every frame" if args.marks else "")
                + _picture_words(run.options.frames),
                file=sys.stderr,
            )
            try:
                with progress_bar("restoring", token) as progress:
                    run.restore_all(films, progress, workers)
            except Cancelled:
                print(
                    "stopped before the end; run the same command again to continue",
                    file=sys.stderr,
                )
                return INTERRUPTED
    if not run.failed:  # before anything is said, as for photos
        marker.finish()
    return run.tell()


def _one_film_named(args: argparse.Namespace) -> bool:
    """Whether ``--out`` names the result of the one film given (else the folder of all: one
    there, or one written ending in a separator)."""
    alone = len(args.inputs) == 1 and not args.inputs[0].is_dir()
    return alone and not args.out_folder and not args.out.is_dir()


def _films_folder(args: argparse.Namespace) -> Path:
    """The folder the films' results go into: ``--out``, or the folder of the one film's
    result it names."""
    return args.out.parent if _one_film_named(args) else args.out


def _tell_film(film: _Film, report: VideoReport, in_order: bool, named: SourceNames) -> None:
    """A film's result line (and its damaged frames); ``in_order``: one machine, which goes on
    from the first frame not done, where a cluster fills in what is missing."""
    if report.target != film.wanted:
        why = why_renamed(film.wanted.name, film.moved)
        print(renamed_line(named(film.source), report.target, why))
    resumed = ""
    if report.resumed_from:
        resumed = (
            f", continued from frame {report.resumed_from}"
            if in_order
            else f", {report.resumed_from} frames done by an earlier run"
        )
    joined = f", {JOINED_WORDS[report.joined]}" if report.joined else ""
    restored = report.frames > report.resumed_from  # else this run only joined them
    speed = f", {report.frames_per_second:.2f} frames/s" if restored else ""
    print(
        f"{report.target}: {report.frames} frame{'s' * (report.frames != 1)}"
        f"{speed}{resumed}{joined}"
    )
    if report.damaged_frames:
        print(
            f"warning: damaged frames in {named(film.source)}: "
            f"{frame_numbers(report.damaged_frames)} ({len(report.damaged_frames)} in all); "
            "the decoder filled in what it could: check them in the result",
            file=sys.stderr,
        )


def _photos_given(inputs: Sequence[Path], out_dir: Path, unreadable: Unreadable) -> list[Path]:
    """The photos named, and those in the folders named, less those a run into ``out_dir``
    wrote inside one (``media_found``), as ``restore`` leaves its earlier results out; the
    folders that cannot be read go into ``unreadable``."""
    names = FolderNames(inputs)
    return [
        found
        for item in inputs
        for found in (_photos_found(item, out_dir, names, unreadable) if item.is_dir() else [item])
    ]


def _photos_found(
    folder: Path, out_dir: Path, names: FolderNames, unreadable: Unreadable
) -> list[Path]:
    """The photos in ``folder`` (``media_found``: what a run wrote into ``out_dir`` left out,
    ``names``: the run's ``FolderNames``)."""
    found = media_found(folder, out_dir, names, unreadable)
    return [path for path in found if not is_supported_video(path)]


def _each_photo(
    inputs: list[Path], out_dir: Path, token: CancelToken, work: Callable[[Path], str]
) -> int:
    """Do ``work`` on each photo given or found in a folder given (``_photos_given``: what a
    run wrote into ``out_dir`` left out), printing what it says; a photo that fails is told
    and skipped; Ctrl+C stops before the next photo."""
    named = SourceNames(inputs)
    unreadable: Unreadable = []
    photos = _photos_given(inputs, out_dir, unreadable)
    for folder, sentence in unreadable:
        _tell_failure(named, folder, sentence)
    failed = len(unreadable)
    for photo in photos:
        if token.cancelled:
            raise Cancelled()
        try:
            print(f"{named(photo)}: {work(photo)}")
        except RekindleError as error:
            failed += 1
            _tell_failure(named, photo, str(error))
    return 1 if failed else 0


def _tell_failure(named: SourceNames, source: Path, sentence: str) -> None:
    """The line that tells ``source`` failed, and why."""
    print(f"failed: {_naming(named(source), source, sentence)}", file=sys.stderr)


def _naming(name: str, source: Path, sentence: str) -> str:
    """A failure's sentence, starting with the file's ``name`` in the run (once: a sentence
    that starts with the file's own name starts with ``name`` instead)."""
    return f"{name}: {without_name(sentence, source.name)}"


def _turn(args: argparse.Namespace, token: CancelToken) -> int:
    """Each photo's turned copy into the output folder: never a folder given itself, where
    the copies would lie among its photos and a run again would turn them too."""
    require_inputs(args.inputs)
    check_folders_apart(args.inputs, args.out, flat=True)
    check_destination(args.out)
    return _each_photo(
        args.inputs, args.out, token, lambda photo: str(turn_file(photo, args.turns, args.out))
    )


def _compare(args: argparse.Namespace) -> int:
    require_inputs([args.original, args.result])
    if not 0.0 <= args.split <= 1.0:
        print("error: --split is a share of the width, from 0 to 1", file=sys.stderr)
        return 2
    longest = args.long_side or None
    written = write_comparison(args.original, args.result, args.out, args.split, longest)
    print(f"{written}: {args.original.name} left of the line, {args.result.name} right of it")
    return 0


def _info(args: argparse.Namespace) -> int:
    print(json.dumps(description(open_model(args.model)), indent=2))
    return 0


def _split(args: argparse.Namespace, token: CancelToken) -> int:
    """Each scan's prints into the output folder; a folder's scans keep their paths below it,
    under a folder of the same name, as ``restore`` lays out its results, and an output
    folder inside a folder given is left out of its scans, as ``restore`` leaves it out."""
    require_inputs(args.inputs)
    check_folders_apart(args.inputs, args.out)
    check_destination(args.out)
    named = SourceNames(args.inputs)

    def split(scan: Path) -> str:
        # a scan's name in the run is its path below the output folder
        written = split_scan_file(scan, args.out / Path(named(scan)).parent)
        count = f"{len(written)} print" + ("s" if len(written) != 1 else "")
        return f"{count}: " + ", ".join(p.name for p in written)

    return _each_photo(args.inputs, args.out, token, split)


def _devices() -> int:
    for status in device_statuses():
        state = "available" if status.available else f"unavailable: {status.reason}"
        hardware = f" ({status.hardware})" if status.hardware else ""
        print(f"{status.name:5} {state}{hardware}")
    print(f"torch {torch.__version__}, {torch.get_num_threads()} CPU threads")
    return 0


CANCELLABLE = ("restore", "preview", "restore-video", "turn", "split")
"""The commands that stop at their next check when Ctrl+C (or SIGTERM, or SIGHUP) sets their
token (between tiles, frames or files); the others stop where it finds them."""


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    token = CancelToken()
    watched = token if args.command in CANCELLABLE else None
    stopping = say("stopping: what is finished is kept (Ctrl+C again stops at once)")
    with command_streams(), stopping_on_signals(watched, stopping):
        return _run(args, token)


def _run(args: argparse.Namespace, token: CancelToken) -> int:
    """The command run: its exit status, and on stderr why it stopped where it did not
    finish."""
    try:
        if args.command == "restore":
            return _restore(args, token)
        if args.command == "preview":
            return _preview(args, token)
        if args.command == "restore-video":
            return _restore_video(args, token)
        if args.command == "split":
            return _split(args, token)
        if args.command == "find-spots":
            return _find_spots(args)
        if args.command == "compare":
            return _compare(args)
        if args.command == "turn":
            return _turn(args, token)
        if args.command == "info":
            return _info(args)
        if args.command == "models":
            return run_models(args)
        return _devices()
    except (Cancelled, KeyboardInterrupt):
        print("stopped before the end", file=sys.stderr)
        return INTERRUPTED
    except (RekindleError, OSError) as error:  # OSError: a fault no check foresaw (a disk gone)
        print(f"error: {sentence_for(error)}", file=sys.stderr)
        return CANNOT_GO_ON
    except Exception as error:  # a bug: never the 1 that says some files failed
        return unforeseen(error)
