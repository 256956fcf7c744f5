"""Argument types shared by the command lines: a value out of range is a usage error that
names the option, before any work starts."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TypeVar

from engine.errors import RekindleError

T = TypeVar("T")


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


def argument_type(parse: Callable[[str], T]) -> Callable[[str], T]:
    """``parse`` as an argument's type: the sentence of its error becomes the usage error."""

    def parsed(text: str) -> T:
        try:
            return parse(text)
        except (RekindleError, ValueError) as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    return parsed


def plain(docstring: str) -> str:
    """A docstring as a command line's help prints it: without reStructuredText's ``code``
    marks."""
    return docstring.replace("``", "")
