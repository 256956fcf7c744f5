"""Argument types shared by the command lines: a value out of range is a usage error that
names the option, before any work starts."""

from __future__ import annotations

import argparse
from collections.abc import Callable


def at_least(least: int) -> Callable[[str], int]:
    """A whole number of ``least`` or more, as an argparse type."""

    def whole(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < least:
            raise argparse.ArgumentTypeError(f"must be {least} or more")
        return value

    return whole


def plain(docstring: str) -> str:
    """A docstring as a command line's help prints it: without reStructuredText's ``code``
    marks."""
    return docstring.replace("``", "")
