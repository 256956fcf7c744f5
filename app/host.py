"""The computer Rekindle runs on, asked before anything heavy is imported: a second start
that only hands its photos over to the app already open asks it too."""

from __future__ import annotations

import sys


def on_mac() -> bool:
    """Whether Rekindle runs on a Mac: its keyboard, whose keys some actions add
    (``mac_also``), and its files opened with the app, handed over as events."""
    return sys.platform == "darwin"
