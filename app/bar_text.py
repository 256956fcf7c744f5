"""Names shown inside a progress bar's text. Qt replaces "%p", "%v" and "%m" anywhere in a bar's
format, with no way to escape them, so a photo called "100%vintage.jpg" would show a number in
its name: a word joiner (no width) after each "%" keeps a name as it is."""

from __future__ import annotations

WORD_JOINER = "\u2060"


def in_bar(name: str) -> str:
    """``name`` as a progress bar's format shows it unchanged."""
    return name.replace("%", "%" + WORD_JOINER)
