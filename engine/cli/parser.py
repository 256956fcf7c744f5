"""The command line's parser: each command, its arguments and their help (argument types
shared with the trainer's command line: ``engine.arguments``)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from engine.arguments import argument_type, at_least, plain
from engine.command_lines import command_name
from engine.comparison import LONG_SIDE
from engine.console import CommandLineParser
from engine.devices import DEVICE_HELP
from engine.imageio import FORMAT_EXTENSIONS
from engine.library.command import add_models_command
from engine.library.loading import DEFAULT
from engine.output_size import parse_print_size
from engine.part import Region
from engine.tiling import MIN_TILE
from engine.video import CODECS, DEFAULT_CODEC, FILM_QUALITIES, SEGMENT_FRAMES, SEGMENT_SECONDS
from engine.video.sequence import UNSTATED_RATE, parse_rate, rate_words
from engine.video.span import FilmPoint
from engine.words import say

DESCRIPTION = (
    "The engine's command line: ``restore``, ``preview``, ``restore-video``, ``split``,\n"
    "``turn``, ``find-spots``, ``compare``, ``info``, ``models`` and ``devices``."
)
"""The command line's description in its help."""

SCALE_OUT_HELP = "output scale (default: the model's scale)"

MARKS_OF_A_PHOTO = (
    "the places that are white in this picture of the photo's size (made by find-spots, or "
    "painted in any program)"
)
MARKS_OF_A_FILM = (
    "the places that are white in this picture of the film's frame size, on every frame (a "
    "hair in the gate, a scratch or a logo that stays put)"
)


def _tile_side(text: str) -> int:
    """``--tile``: 0 (chosen for the model and memory), or a side of ``MIN_TILE`` pixels or
    more: a smaller tile is mostly the context around it, many times slower for nothing."""
    side = at_least(0)(text)
    if 0 < side < MIN_TILE:
        raise argparse.ArgumentTypeError(
            say(
                "a tile of {side} px is too small: give at least {least}, or 0 to have it chosen",
                side=side,
                least=MIN_TILE,
            )
        )
    return side


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
        help="blend a built-in x4 model with its detail partner, from 0 (restore-x4 or "
        "faithful-x4 alone) to 1 (restore-detail-x4 or detail-x4 alone), whichever of the pair "
        "is named (default: the named model as it is: 0 for faithful-x4 and restore-x4, 1 for "
        "detail-x4 and restore-detail-x4)",
    )
    command.add_argument(
        "--repair",
        type=float,
        help="blend a built-in model with its repairing partner, 0 (enlarge the picture as it "
        "is) to 1 (smooth grain and compression most; dust and scratches stay, for --find-spots, "
        "or --remove-dust on a film): faithful-x4 with restore-x4, faithful-x2 with "
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
        type=_tile_side,
        default=0,
        help=f"tile side in pixels, at least {MIN_TILE} (default 0: chosen for the model and the "
        "device's free memory)",
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


class _Chosen(argparse.Action):
    """An option's value, and in ``codec_chosen`` that it was given, which its default does
    not tell: a film restored into numbered pictures refuses a codec."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        setattr(namespace, self.dest, values)
        namespace.codec_chosen = True


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
        type=argument_type(parse_print_size),
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


def _sequence_arguments(command: argparse.ArgumentParser) -> None:
    """How a frame sequence is read as a film (engine.video.sequence)."""
    command.add_argument(
        "--rate",
        type=argument_type(parse_rate),
        metavar="FPS",
        help="frames a second a frame sequence runs at: 24, 25, 23.976, 24000/1001... "
        "(default: the rate its first frame states, as a DPX scan's header does, else "
        f"{rate_words(UNSTATED_RATE)}); a film keeps its own",
    )
    command.add_argument(
        "--allow-gaps",
        action="store_true",
        help="restore a frame sequence with numbers missing, which is refused otherwise "
        "(naming the first): each frame keeps its number's time, so the frame before a gap "
        "stays on screen through it",
    )


SPAN_FORMS = (
    "seconds (90, 90.5), minutes and seconds (1:30), hours too (01:01:30.250), frames (2160f: "
    "after 2160 frames) or SMPTE timecode HH:MM:SS:FF (; before FF for drop-frame) on the "
    "film's own timecode (a DPX scan's, a film's timecode tag; else from 00:00:00:00)"
)


def _span_arguments(command: argparse.ArgumentParser) -> None:
    """A part of each film to restore: its in and out points (engine.video.span)."""
    point = argument_type(FilmPoint.parse)
    command.add_argument(
        "--from",
        dest="span_from",
        type=point,
        metavar="T",
        help="restore only from this point of each film, the frame at it included: "
        f"{SPAN_FORMS}; the result starts at time 0 with that frame, its sound and subtitles "
        "cut to match and its timecode counted on; numbered frames keep the numbers the whole "
        "film's would have",
    )
    command.add_argument(
        "--to",
        dest="span_to",
        type=point,
        metavar="T",
        help="restore only up to this point of each film, the frame at it not included (an "
        "out point, as in an edit decision list: --from 10 --to 20 is ten seconds, "
        "--from 01:00:00:00 --to 01:00:10:00 is ten seconds of timecode); the same forms as "
        "--from. A point past a film's end fails that film alone",
    )


def _crf_help() -> str:
    """``--crf``'s help: the codecs that take one, their range, and their defaults."""
    taking = {name: codec for name, codec in CODECS.items() if codec.default_crf is not None}
    ranges = {f"0 to {codec.max_crf}" for codec in taking.values()}
    defaults = ", ".join(f"{codec.default_crf} for {name}" for name, codec in taking.items())
    return (
        f"quality for {' and '.join(taking)}, {' or '.join(sorted(ranges))}, lower is better "
        f"(default {defaults})"
    )


def command_parser() -> argparse.ArgumentParser:
    parser = CommandLineParser(prog=command_name("engine"), description=plain(DESCRIPTION))
    commands = parser.add_subparsers(dest="command", required=True)

    restore = commands.add_parser("restore", help="restore and enlarge photos")
    restore.add_argument("inputs", nargs="+", type=Path, help="image files or folders")
    restore.add_argument(
        "-o",
        "--out",
        action=_FolderOrFile,
        required=True,
        help="output folder: each result keeps its photo's name (a folder named like a picture, "
        "such as old.png, is refused unless written old.png/)",
    )
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
        "got where that name held another file, whatever settings it was made with (counted "
        "apart). By default (unless --overwrite) a photo is skipped whose own result there was "
        "made with the same settings, as its metadata records them, and restored again beside "
        'one made with other settings, as "name (2)"; when the last run of the same settings '
        "into the folder did not finish, or had failures, the photos that run restored are "
        "skipped as well, whatever their results' names. --no-skip-existing restores every "
        "photo again",
    )
    restore.add_argument(
        "--dry-run",
        action="store_true",
        help="say what the run would do, and write nothing: each photo to restore and its "
        "result's path (and why, where it would take another name), each skipped and why, each "
        "that would fail and why (each photo to restore is read whole as its run reads it, "
        "one at a time, so that a file cut short or damaged inside its pixels is found: about "
        "as long as opening it takes), and the counts; the exit status is the run's (1 where "
        "any would fail)",
    )

    preview = commands.add_parser(
        "preview",
        help="restore one part of a photo as restoring the whole would make it, or one frame "
        "of a film as restore-video would: to try settings in seconds",
    )
    preview.add_argument("input", type=Path, help="the photo, or the film")
    preview.add_argument(
        "--part",
        type=argument_type(Region.parse),
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
        "inputs",
        nargs="+",
        type=Path,
        help="films (.mp4, .mkv, .mov, ...) or folders of them; a frame sequence is one film: "
        "a folder of numbered frames (PNG, TIFF, DPX, JPEG), or their pattern, such as "
        "scan/frame_%%06d.dpx or scan/frame_######.dpx",
    )
    video.add_argument(
        "-o",
        "--out",
        action=_FolderOrFile,
        required=True,
        help="output .mp4, .mkv or .mov for one film; a folder for several films or a folder of "
        "them (a folder not made yet: end it with /); or one film's frames as numbered DPX, "
        "TIFF or PNG files, such as restored/film_%%06d.tif (or film_######.tif): a frame "
        "sequence's frames keep "
        "their numbers, a film's count from 1, and its sound goes beside them as WAV "
        "(restored/film.wav)",
    )
    _model_arguments(video)
    video.add_argument("--scale-out", type=int, choices=(2, 4), help=SCALE_OUT_HELP)
    video.add_argument(
        "--codec",
        choices=sorted(CODECS),
        default=DEFAULT_CODEC,
        action=_Chosen,
        help=f"the video codec (default {DEFAULT_CODEC}): h264 and h265 in .mp4, .mkv or .mov, "
        "prores (422 HQ, for editing) in .mov, ffv1 (lossless) in .mkv",
    )
    video.set_defaults(codec_chosen=False)
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
        help="keep an interlaced film's fields as they are: each field is enlarged on its own "
        "and the result stays interlaced, flagged with the source's field order (by default its "
        "frames are made whole before enlarging, so moving things do not come out combed)",
    )
    _sequence_arguments(video)
    _span_arguments(video)
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
        "name); numbered frames replace whatever files are at their names, which are refused "
        "otherwise",
    )
    video.add_argument(
        "--skip-existing",
        action=argparse.BooleanOptionalAction,
        help="leave out films whose own result (made from the same file or the same content) is "
        "already there, under its name or under the numbered name it got where that name held "
        "another film (a film appears only when it is finished), whatever settings it was made "
        "with (counted apart). By default (unless --overwrite) a film restored into a folder is "
        "left out whose own result there was made with the same settings, as its comment and "
        'stream record them, and restored again beside one made with other settings, as "name '
        '(2)", so that a folder run again with films added restores only the new ones; when the '
        "last run of the same settings into the folder did not finish, or had failures, the "
        "films that run restored are left out as well. A film's result named by -o is never "
        "replaced unasked. --no-skip-existing restores every film again, beside its result",
    )
    video.add_argument(
        "--dry-run",
        action="store_true",
        help="say what the run would do, and write nothing (no result, folder, journal, lock or "
        "part file): each film to restore and its result's path (and why, where it would take "
        "another name), each skipped and why, each that would fail and why (each film's frames "
        "are counted, and the first frame it restores decoded: a film cut short, or damaged "
        "from its start, is found; damage further on shows only when the run decodes it), and "
        "the counts; the exit status is the run's (1 where any would fail)",
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
