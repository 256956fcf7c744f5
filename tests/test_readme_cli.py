"""The README's command-line synopsis against the parser: each command it sums up lists every
option that command takes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"


def _options(command: str, capsys: pytest.CaptureFixture[str]) -> set[str]:
    """The long options ``python -m engine COMMAND --help`` shows in its usage."""
    with pytest.raises(SystemExit):
        main([command, "--help"])
    usage = capsys.readouterr().out.split("\n\n")[0]
    return set(re.findall(r"--[a-z][a-z-]*", usage)) - {"--help"}


def _synopsis(command: str) -> str:
    """The README's synopsis of ``python -m engine COMMAND``: its line and the indented lines
    that go on from it."""
    lines = README.read_text(encoding="utf-8").splitlines()
    start = next(
        i for i, line in enumerate(lines) if line.startswith(f"python -m engine {command} ")
    )
    rest = lines[start + 1 :]
    continued = next((i for i, line in enumerate(rest) if not line.startswith("    ")), len(rest))
    return "\n".join(lines[start : start + 1 + continued])


@pytest.mark.parametrize("command", ["restore", "restore-video"])
def test_the_readme_synopsis_lists_every_option(command, capsys):
    synopsis = _synopsis(command)
    missing = sorted(
        option for option in _options(command, capsys) if not re.search(rf"{option}\b", synopsis)
    )
    assert missing == []
