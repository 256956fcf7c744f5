"""File names that fit: every name Rekindle makes from another (a result from its photo's, a
numbered "name (2).ext", a comparison, a part file) is kept within what a file system takes.

A name holds at most ``NAME_MAX`` bytes, counted in UTF-8 (a Chinese character takes three).
A name too long keeps what Rekindle adds to it (a recipe, a number, an extension) whole and is
cut where it came from the other name, at a whole character, ended by a hash of what was cut,
so that two long names that start alike stay apart, the same on every run.
"""

from __future__ import annotations

import hashlib
import os

NAME_MAX = 255
"""Bytes in a file name at most (ext4, XFS, APFS; NTFS's 255 UTF-16 units hold as many)."""
NAME_HASH_CHARS = 8  # of the hash that ends a name cut short
TAIL_ROOM = 20
"""Bytes a result's stem (``engine.recipe.Recipe.file_stem``) leaves free for what may follow
it: its extension and a number (" (12).tiff"), or its comparison's " comparison.jpg", so that
neither cuts into its recipe."""
STEM_MAX = NAME_MAX - TAIL_ROOM
"""Bytes a result's stem takes at most."""


def byte_length(name: str) -> int:
    """The bytes ``name`` takes in a file name."""
    return len(os.fsencode(name))


def name_within(name: str, room: int) -> str:
    """``name`` where it fits in ``room`` bytes, else its start cut short (at a whole
    character) and ended by a hash of the whole name."""
    whole = os.fsencode(name)
    if len(whole) <= room:
        return name
    digest = hashlib.sha256(whole).hexdigest()[:NAME_HASH_CHARS]
    start = whole[: max(room - NAME_HASH_CHARS - 1, 0)].decode("utf-8", "ignore")
    return f"{start}~{digest}"


def name_with_tail(head: str, tail: str, room: int = NAME_MAX) -> str:
    """``head`` then ``tail`` (what Rekindle adds: " (2).png", " comparison.jpg"), ``head``
    cut short (``name_within``) where the whole would pass ``room`` bytes."""
    return name_within(head, room - byte_length(tail)) + tail
