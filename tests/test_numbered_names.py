"""The names a result takes when its own is taken: a number of its own is added to the whole
name, so that a number in a person's name ("Vacation (1)", "Wedding (1952)") stays theirs and
never makes a result look like another photo's."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

from engine.atomic import is_numbered_name, numbered_names


def _first(path: Path, count: int) -> list[str]:
    return [name.name for name in islice(numbered_names(path), count)]


def test_a_copy_number_is_added_to_the_whole_name():
    assert _first(Path("out/photo.png"), 3) == ["photo.png", "photo (2).png", "photo (3).png"]


def test_a_number_in_a_persons_own_name_is_never_counted_on():
    assert _first(Path("out/Vacation (1).jpg"), 2) == ["Vacation (1).jpg", "Vacation (1) (2).jpg"]
    assert _first(Path("out/Wedding (1952).png"), 2) == [
        "Wedding (1952).png",
        "Wedding (1952) (2).png",
    ]


def test_a_numbered_name_is_told_as_one_of_its_names_and_nothing_else_is():
    path = Path("/out/a [tiny].png")
    names = list(islice(numbered_names(path), 4))
    assert all(is_numbered_name(name, path) for name in names)
    others = ["a [tiny] (1).png", "a [tiny] (02).png", "a [tiny](2).png", "a [tiny] (2).jpg"]
    assert not any(is_numbered_name(path.with_name(name), path) for name in others)
    assert not is_numbered_name(Path("/elsewhere/a [tiny] (2).png"), path)
    long = Path("/out/" + "é" * 120 + ".png")  # numbered, its stem is cut short
    assert all(is_numbered_name(name, long) for name in islice(numbered_names(long), 3))
