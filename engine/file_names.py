"""File names that fit: every name Rekindle makes from another (a result from its photo's, a
numbered "name (2).ext", a comparison, a part file) is kept within what a file system takes.

A name holds at most ``NAME_MAX`` bytes, counted in UTF-8 (a Chinese character takes three).
A name too long keeps what Rekindle adds to it (a recipe, a number, an extension) whole and is
cut where it came from the other name, at a whole character, ended by a hash of what was cut,
so that two long names that start alike stay apart, the same on every run. A name cut so
already, numbered again ("name~hash (2).ext", taken), is cut before its hash, which is kept
with its number, rather than cut and hashed twice.
"""

from __future__ import annotations

import hashlib
import os
import re

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


CUT_END = re.compile(rf"~[0-9a-f]{{{NAME_HASH_CHARS}}}(?: \(\d+\))*$")
"""How a name that ``name_within`` cut ends: its hash, then the numbers given to it since."""


def name_within(name: str, room: int) -> str:
    """``name`` where it fits in ``room`` bytes, else its start cut short (at a whole
    character) and ended by a hash of the whole name; a name cut so before keeps its hash and
    numbers (``CUT_END``), its start cut shorter."""
    whole = os.fsencode(name)
    if len(whole) <= room:
        return name
    cut_before = CUT_END.search(name)
    if cut_before is not None and byte_length(cut_before[0]) <= room:
        kept = cut_before[0]
        return _start_within(name[: cut_before.start()], room - byte_length(kept)) + kept
    digest = hashlib.sha256(whole).hexdigest()[:NAME_HASH_CHARS]
    return f"{_start_within(name, room - NAME_HASH_CHARS - 1)}~{digest}"


def _start_within(name: str, room: int) -> str:
    """The start of ``name`` that fits in ``room`` bytes, at a whole character."""
    return os.fsencode(name)[: max(room, 0)].decode("utf-8", "ignore")


def name_with_tail(head: str, tail: str, room: int = NAME_MAX) -> str:
    """``head`` then ``tail`` (what Rekindle adds: " (2).png", " comparison.jpg"), ``head``
    cut short (``name_within``) where the whole would pass ``room`` bytes."""
    return name_within(head, room - byte_length(tail)) + tail
