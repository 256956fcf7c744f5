"""The environment of the programs the app opens (a file manager, an image viewer).

A PyInstaller bundle's start changes the environment for the bundle's own sake: its
bootloader puts the bundle's libraries first in ``LD_LIBRARY_PATH`` (keeping the person's
value, if any, in ``LD_LIBRARY_PATH_ORIG``) and leaves ``_PYI_*`` variables for its own
processes; its PySide6 hook points ``QT_PLUGIN_PATH`` and ``QML2_IMPORT_PATH`` at the bundle's
Qt; importing OpenCV puts a folder of the bundle in ``LD_LIBRARY_PATH`` again; qtpy (which
qtawesome imports) sets ``QT_API`` and ``PYSIDE6_OPTION_PYTHON_ENUM``. A program the app opens
would inherit all that: load the bundle's older libraries instead of its own, or, a Qt program
(Dolphin, Gwenview), the bundle's Qt plugins. So right before the app opens a program it gives
the person's environment back (``give_back_environment``). That changes only what the
programs it opens get: the app's own Qt read its variables when the application was made, and
its libraries are loaded."""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping
from pathlib import PurePath

LIBRARY_PATH = "LD_LIBRARY_PATH"
BUNDLE_PATH_LISTS = (LIBRARY_PATH, "QT_PLUGIN_PATH", "QML2_IMPORT_PATH")
"""Lists of folders a bundle's start puts folders of the bundle in."""
ORIGINAL_SUFFIX = "_ORIG"
"""PyInstaller's bootloader keeps a variable's value from before it started under this suffix."""
BUNDLE_SETTINGS = ("QT_API", "PYSIDE6_OPTION_PYTHON_ENUM", LIBRARY_PATH + ORIGINAL_SUFFIX)
"""Variables a bundle's start sets that name no folder: qtpy's choice of Qt binding, and the
bootloader's copy of the person's library path."""
BOOTLOADER_PREFIX = "_PYI_"
"""The bootloader's own variables, for the bundle's processes."""


def restore_launch_environment(
    environ: MutableMapping[str, str] = os.environ, frozen: bool | None = None
) -> None:
    """At start, in a bundle (``frozen``: PyInstaller's ``sys.frozen``), give back the library
    path the person's session had; from source, leave everything as it is. The rest waits for
    ``give_back_environment``: the application about to be made reads Qt's variables."""
    if _bundled(frozen):
        _give_back_folders(environ, LIBRARY_PATH, _bundle_folder())


def give_back_environment(
    environ: MutableMapping[str, str] = os.environ, frozen: bool | None = None
) -> None:
    """In a bundle, the environment the person started it with, as far as it can be told: the
    lists of folders without the bundle's, and the bundle's other variables gone; from source,
    everything as it is. Called right before each program the app opens, as imports made
    since the last one may have set the variables again."""
    if not _bundled(frozen):
        return
    bundle = _bundle_folder()
    for name in BUNDLE_PATH_LISTS:
        _give_back_folders(environ, name, bundle)
    for name in [name for name in environ if _set_for_the_bundle(name)]:
        del environ[name]


def _bundled(frozen: bool | None) -> bool:
    return getattr(sys, "frozen", False) if frozen is None else frozen


def _bundle_folder() -> PurePath:
    """Where the bundle keeps its files (``_internal`` beside the program, in one folder)."""
    return PurePath(sys._MEIPASS)  # type: ignore[attr-defined]  # set in a bundle only


def _give_back_folders(environ: MutableMapping[str, str], name: str, bundle: PurePath) -> None:
    """The person's value of the list of folders ``name``: the one the bootloader kept, or
    else the list without the bundle's folders and empty entries (an empty entry means the
    current folder); unset where nothing is left."""
    original = environ.get(name + ORIGINAL_SUFFIX)
    if original is not None:
        environ[name] = original
        return
    entries = environ.get(name, "").split(os.pathsep)
    kept = [entry for entry in entries if entry and not PurePath(entry).is_relative_to(bundle)]
    if kept:
        environ[name] = os.pathsep.join(kept)
    else:
        environ.pop(name, None)


def _set_for_the_bundle(name: str) -> bool:
    return name in BUNDLE_SETTINGS or name.startswith(BOOTLOADER_PREFIX)
