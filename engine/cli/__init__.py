"""The engine's command line, ``python -m engine``: the command parsed, run, and stopped
cleanly by Ctrl+C (``models`` is ``engine.library.command``'s). Its modules, each with one job:

- ``parser``: the commands, their arguments and their help.
- ``restoring``: the models the options ask for, loaded on a device or sent to a cluster.
- ``telling``: the line that says what a run does, and the line that tells a file failed.
- ``resuming``: what a batch's results depend on, and whether a run again skips them.
- ``photos``: ``restore``, and ``preview`` of a part of a photo.
- ``films``: ``restore-video``, and ``preview`` of a frame of a film.
- ``photo_by_photo``: ``turn`` and ``split``, a photo at a time.
- ``small_commands``: ``find-spots``, ``compare``, ``info`` and ``devices``.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from engine.cli.films import run_restore_video
from engine.cli.parser import command_parser
from engine.cli.photo_by_photo import run_split, run_turn
from engine.cli.photos import run_preview, run_restore
from engine.cli.small_commands import run_compare, run_devices, run_find_spots, run_info
from engine.console import cannot_go_on, command_streams
from engine.errors import Cancelled, RekindleError, sentence_for
from engine.library.command import run_models
from engine.progress import CancelToken
from engine.stopping import stopped_before_the_end, stopping_on_signals, unforeseen
from engine.words import say

CANCELLABLE = ("restore", "preview", "restore-video", "turn", "split")
"""The commands that stop at their next check when Ctrl+C (or SIGTERM, or SIGHUP) sets their
token (between tiles, frames or files); the others stop where it finds them."""
GOING_ON = {
    "restore": say(
        "run the same command again to restore the rest (photos already restored are skipped)"
    ),
    "restore-video": say("run the same command again to continue"),
    "turn": say("run the command again for the photos not listed above"),
    "split": say("run the command again for the scans not listed above"),
}
"""How to finish the work of a command stopped before its end: a film continues from its last
finished segment; ``turn`` and ``split`` run again would make second copies of the photos
they did. Any other command starts over (``AGAIN``)."""
AGAIN = say("run the same command again")


def _how_to_go_on(args: argparse.Namespace) -> str:
    """How to finish the work of the command stopped before its end: a dry run, which did
    none, starts over."""
    if _is_dry_run(args):
        return AGAIN
    return GOING_ON.get(args.command, AGAIN)


def _stopping(args: argparse.Namespace) -> str:
    """What the command does as it is asked to stop: a dry run, which keeps nothing (it
    writes nothing), only stops."""
    if _is_dry_run(args):
        return say("stopping")
    return say("stopping: what is finished is kept")


def _is_dry_run(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "dry_run", False))


def main(argv: Sequence[str] | None = None) -> int:
    args = command_parser().parse_args(argv)
    token = CancelToken()
    watched = token if args.command in CANCELLABLE else None
    with command_streams(), stopping_on_signals(watched, _stopping(args)):
        return _run(args, token)


def _run(args: argparse.Namespace, token: CancelToken) -> int:
    """The command run: its exit status, and on stderr why it stopped where it did not
    finish."""
    try:
        if args.command == "restore":
            return run_restore(args, token)
        if args.command == "preview":
            return run_preview(args, token)
        if args.command == "restore-video":
            return run_restore_video(args, token)
        if args.command == "split":
            return run_split(args, token)
        if args.command == "find-spots":
            return run_find_spots(args)
        if args.command == "compare":
            return run_compare(args)
        if args.command == "turn":
            return run_turn(args, token)
        if args.command == "info":
            return run_info(args)
        if args.command == "models":
            return run_models(args)
        return run_devices()
    except (Cancelled, KeyboardInterrupt) as error:
        return stopped_before_the_end(error, _how_to_go_on(args))
    except (RekindleError, OSError) as error:  # OSError: a fault no check foresaw (a disk gone)
        return cannot_go_on(sentence_for(error))
    except Exception as error:  # a bug: never the 1 that says some files failed
        return unforeseen(error)
