"""The README's examples of engine commands, in its prose and in the synopsis's "then:"
comments, are command lines the engine takes: one copied from the README runs."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from engine.cli.parser import command_parser

README = Path(__file__).resolve().parent.parent / "README.md"
COMMANDS = ("restore", "restore-video", "preview", "find-spots", "turn", "compare", "split")
EXAMPLE = re.compile(
    rf"`((?:python -m engine )?(?:{'|'.join(map(re.escape, COMMANDS))}) [^`]*)`"
    rf"|# then: ((?:{'|'.join(map(re.escape, COMMANDS))}) [^\n]*)"
)


def examples(text: str) -> list[list[str]]:
    """The engine command lines ``text`` gives as examples, as argument lists: those that name
    their input first (`restore photo.jpg ...`); a code span naming an option of a command
    (`restore --skip-existing`) is no example."""
    found = []
    for match in EXAMPLE.finditer(text):
        line = (match.group(1) or match.group(2)).removeprefix("python -m engine ")
        arguments = shlex.split(line)
        if not arguments[1].startswith("-"):
            found.append(arguments)
    return found


def test_the_readme_has_examples_of_restoring_with_marks():
    commands = examples(README.read_text(encoding="utf-8"))
    assert any(arguments[0] == "restore" and "--marks" in arguments for arguments in commands)


@pytest.mark.parametrize("arguments", examples(README.read_text(encoding="utf-8")), ids=" ".join)
def test_each_example_in_the_readme_is_a_command_the_engine_takes(arguments):
    command_parser().parse_args(arguments)
