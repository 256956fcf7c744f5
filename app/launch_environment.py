"""The environment of the programs the app opens (a file manager, an image viewer).

A PyInstaller bundle starts with ``LD_LIBRARY_PATH`` naming its own libraries (glib, Qt...),
and keeps the person's own value, if any, in ``LD_LIBRARY_PATH_ORIG``. A program the app
opens would inherit the bundle's value and load the bundle's older libraries instead of its
own. The app's own process read the variable when it started, so giving back the person's
value changes only what the programs it opens get."""

from __future__ import annotations

import os
import sys
from collections.abc import MutableMapping

BUNDLE_LIBRARY_VARIABLES = ("LD_LIBRARY_PATH",)
ORIGINAL_SUFFIX = "_ORIG"
"""PyInstaller's bootloader keeps a variable's value from before it started under this suffix."""


def restore_launch_environment(
    environ: MutableMapping[str, str] = os.environ, frozen: bool | None = None
) -> None:
    """In a bundle (``frozen``: PyInstaller's ``sys.frozen``), give back the library path the
    person's session had; from source, leave everything as it is."""
    if not (getattr(sys, "frozen", False) if frozen is None else frozen):
        return
    for name in BUNDLE_LIBRARY_VARIABLES:
        original = environ.get(name + ORIGINAL_SUFFIX)
        if original is None:
            environ.pop(name, None)
        else:
            environ[name] = original
