"""Starting Rekindle: the command line, then (unless ``--self-test``) the application with its
theme, language and high-DPI handling, and the main window; or, given ``engine`` or
``training`` first, that command line, as ``python -m engine`` or ``python -m training`` runs
it (the installed app has no Python to run those).

Qt is imported only on the way to the window, so ``--self-test`` and the command lines also run
on a machine without a display or Qt's system libraries.
"""

from __future__ import annotations

import argparse
import itertools
import logging
import os
import runpy
import sys
from collections.abc import Sequence
from logging.handlers import RotatingFileHandler
from types import TracebackType
from typing import TYPE_CHECKING

from app import __version__
from app.launch_environment import restore_launch_environment
from engine.command_lines import command_name
from engine.paths import user_data_dir

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from app.single_instance import Handover

LOG_BYTES = 1_000_000
LOG_BACKUPS = 2

log = logging.getLogger("app")

COMMAND_LINES = ("engine", "training")
"""The packages whose command line ``rekindle PACKAGE ARGS...`` runs, as ``python -m PACKAGE
ARGS...`` does."""
SCREEN_VARIABLES = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
"""On Linux, the window needs one of these: an X or Wayland session, or a Qt platform chosen."""
NO_SCREEN_STATUS = 2
NOT_TAKEN_STATUS = 3
"""A second start's exit status where the Rekindle running already did not take its photos."""
HEADLESS_PLATFORMS = frozenset({"offscreen", "minimal"})
"""Qt platforms that show nothing: a sentence for the person goes to the terminal only."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rekindle",
        description="Restore and enlarge old photos and films.",
        epilog="command lines, with no window: '%(prog)s engine ...' restores photos and films "
        "and lists models and devices; '%(prog)s training ...' prepares pairs and trains "
        "models (each with --help)",
    )
    parser.add_argument("photos", nargs="*", help="photos, films or folders to put in the queue")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="restore the bundled sample on the CPU, check the result and exit (no window)",
    )
    parser.add_argument(
        "--check-window",
        action="store_true",
        help="open the window off screen, check icons, translations and models, and exit",
    )
    parser.add_argument(
        "--model", default="default", help="model for --self-test: a built-in name or a file"
    )
    parser.add_argument("--version", action="version", version=f"Rekindle {__version__}")
    return parser


QT_OPTIONS_WITH_VALUES = frozenset(
    {
        "platform",
        "platformpluginpath",
        "platformtheme",
        "plugin",
        "qmljsdebugger",
        "qwindowgeometry",
        "qwindowicon",
        "qwindowtitle",
        "session",
        "style",
        "stylesheet",
        "display",
        "geometry",
        "name",
        "title",
        "visual",
    }
)
"""Qt's own command-line options that take the next argument as their value (QApplication's
documentation), with one dash or two."""


def split_qt_options(arguments: Sequence[str]) -> tuple[list[str], list[str]]:
    """The arguments for Rekindle, and Qt's valued options with their values (``-platform
    offscreen``), so that a value is never taken for a photo."""
    ours: list[str] = []
    qt: list[str] = []
    pending = iter(arguments)
    for argument in pending:
        if argument.startswith("-") and argument.lstrip("-") in QT_OPTIONS_WITH_VALUES:
            qt += [argument, *itertools.islice(pending, 1)]
        else:
            ours.append(argument)
    return ours, qt


def _log_to_file() -> None:
    """Warnings and tracebacks go to a log file in the user's data folder."""
    folder = user_data_dir() / "logs"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(
            folder / "rekindle.log", maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler])


def _log_uncaught(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """A bug in a slot is logged with its traceback; the window stays up."""
    log.critical("uncaught exception", exc_info=(kind, error, trace))
    sys.__excepthook__(kind, error, trace)


def no_screen_sentence() -> str:
    """Why the window cannot open, naming what works without a screen as the person can
    start it (the installed app: ``rekindle engine``; from source: ``python -m engine``)."""
    engine, training = map(command_name, COMMAND_LINES)
    return (
        "no screen found: Rekindle's window needs a desktop session; "
        f"`rekindle --self-test`, `{engine}` and `{training}` work without one"
    )


def _no_screen() -> bool:
    """Whether Qt would find no screen: on Linux without X, Wayland or a chosen Qt platform
    it aborts, advising to reinstall, which would not help."""
    return sys.platform.startswith("linux") and not any(map(os.environ.get, SCREEN_VARIABLES))


def _handed_over_status(app: QApplication, handed: Handover) -> int:
    """The exit status of a start that found a Rekindle running for this person; where that
    one did not take the photos, a sentence saying so. This start opens no window of its own:
    two windows would share one workspace."""
    from app.single_instance import Handover

    if handed is Handover.TAKEN:
        return 0
    _tell(app, _not_taken_sentence(app))
    return NOT_TAKEN_STATUS


def _not_taken_sentence(app: QApplication) -> str:
    """In the person's language (read from the settings only here: they bring torch)."""
    from PySide6.QtCore import QCoreApplication

    from app.i18n import Translation
    from app.settings import AppSettings

    translation = Translation(app)
    translation.apply(AppSettings().language)
    return QCoreApplication.translate(
        "Startup",
        "Rekindle is already open but does not answer (it may be busy): try again in a moment.",
    )


def _tell(app: QApplication, sentence: str) -> None:
    """``sentence`` on the terminal, and in a message box where there is a screen for one."""
    print(sentence, file=sys.stderr)
    if app.platformName() not in HEADLESS_PLATFORMS:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(None, app.applicationName(), sentence)


def run_window(program: str, photos: Sequence[str], qt_args: Sequence[str]) -> int:
    """The app, or, when one already runs for this person, ``photos`` handed to it."""
    if _no_screen():
        print(no_screen_sentence(), file=sys.stderr)
        return NO_SCREEN_STATUS
    from app.application import create_application
    from app.file_open_events import FileOpenEvents
    from app.host import on_mac
    from app.single_instance import LISTEN_MS, Handover, InstanceServer, hand_over

    restore_launch_environment()
    _log_to_file()
    sys.excepthook = _log_uncaught
    app = create_application([program, *qt_args])
    # macOS hands files over as events, kept until the window exists; elsewhere none come,
    # and a filter that sees every event of the app would cost for nothing
    opened = FileOpenEvents(app) if on_mac() else None
    handed = hand_over(photos)
    server = InstanceServer(app) if handed is Handover.NONE_RUNNING else None
    if server is not None and server.runs_elsewhere:
        handed = hand_over(photos, LISTEN_MS)  # a start of a moment ago holds the lock
    if server is None or server.runs_elsewhere:
        return _handed_over_status(app, handed)
    from app.splash import show_splash

    splash = show_splash(app)
    # imported once it is known to be needed: the window's modules bring torch
    from app.i18n import Translation
    from app.main_window import MainWindow
    from app.settings import AppSettings

    settings = AppSettings()
    translation = Translation(app)
    translation.apply(settings.language)
    window = MainWindow(settings, translation)
    server.paths_received.connect(window.receive_paths)
    window.show()
    splash.finish(window)
    if photos:
        window.add_paths(photos)
    if opened is not None:
        opened.deliver_to(window.receive_paths)
    status = app.exec()
    server.close()
    return status


def _self_test(model: str) -> int:
    """``--self-test``, imported only here: it brings torch and OpenCV, which take seconds to
    import and which ``--version``, ``--help`` and a start without a screen do not need."""
    from app.selftest import run_self_test

    return run_self_test(model)


def run_command_line(package: str, arguments: Sequence[str]) -> int:
    """``python -m package arguments`` in this process: ``package``'s ``__main__`` run as that
    command runs it, so that its output, its handling of Ctrl+C and signals, and its exit
    status (its ``SystemExit`` goes on up) are the same."""
    sys.argv = [package, *arguments]  # runpy puts the module's file first, as ``-m`` does
    runpy.run_module(package, run_name="__main__", alter_sys=True)
    return 0  # Python's exit status for a module that ends without SystemExit


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else [sys.argv[0], *argv])
    if len(argv) > 1 and argv[1] in COMMAND_LINES:
        return run_command_line(argv[1], argv[2:])
    ours, qt_valued = split_qt_options(argv[1:])
    args, qt_flags = _parser().parse_known_args(ours)
    qt_args = [*qt_valued, *qt_flags]
    if args.self_test or args.check_window:
        status = _self_test(args.model) if args.self_test else 0
        if args.check_window:
            from app.window_check import run_window_check

            status = max(status, run_window_check())
        return status
    return run_window(argv[0], args.photos, qt_args)
