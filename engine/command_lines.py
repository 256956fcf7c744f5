"""How a person starts Rekindle's command lines where this code runs, so that a sentence
naming one names a command that works there: the installed app (a PyInstaller bundle, with
no Python to run ``-m``) runs them as ``rekindle engine ...`` and ``rekindle training ...``;
a source checkout as ``python -m engine ...`` and ``python -m training ...``."""

from __future__ import annotations

import sys

INSTALLED_COMMAND = "rekindle"
"""The installed app's command, which takes a command line's name as its first argument."""


def installed() -> bool:
    """Whether this runs as the installed app: PyInstaller's bundle sets ``sys.frozen``."""
    return bool(getattr(sys, "frozen", False))


def command_name(package: str) -> str:
    """The command that starts ``package``'s command line (``engine`` or ``training``) here:
    ``rekindle engine`` in the installed app, ``python -m engine`` from source."""
    return f"{INSTALLED_COMMAND} {package}" if installed() else f"python -m {package}"
