"""Imported for its effect, before anything of the project's, by every benchmark script.

``python bench/X.py`` puts this folder first on ``sys.path``, where ``training.py`` would
shadow the ``training`` package. The checkout's root goes first instead, so the scripts run
from a checkout that is not installed (a GPU machine), and this folder last, so they still
import their neighbours (``panning.py``, ``video.py``) and shadow nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def checkout_first(path: list[str]) -> list[str]:
    """``path`` with the checkout's root first and this folder last."""
    others = [entry for entry in path if Path(entry or ".").resolve() != HERE]
    return [str(ROOT), *others, str(HERE)]


sys.path[:] = checkout_first(sys.path)
