"""The help of --overwrite and --skip-existing says which earlier result is a photo's or film's
own (made from the same file or the same content, found under its numbered name too), and the
names --model and resume-run --save take."""

import re

import pytest

from engine.cli import main as engine_main
from training.cli import main as training_main


@pytest.fixture(autouse=True)
def _wide(monkeypatch):
    """Help lines as wide as they come, so that an option's help reads as one line."""
    monkeypatch.setenv("COLUMNS", "1000")


def _option(main, capsys, command: str, option: str) -> str:
    """What ``command --help`` tells of ``option``: its entry (the line naming it, and the lines
    that go on from it, indented further), its spaces made single."""
    with pytest.raises(SystemExit):
        main([command, "--help"])
    lines = capsys.readouterr().out.splitlines()
    start = next(i for i, line in enumerate(lines) if re.match(rf"  {option}\b", line))
    rest = lines[start + 1 :]
    more = next((i for i, line in enumerate(rest) if not line.startswith("   ")), len(rest))
    return " ".join(" ".join(lines[start : start + 1 + more]).split())


@pytest.mark.parametrize("command", ["restore", "restore-video"])
def test_overwrite_and_skip_existing_say_which_result_is_the_sources_own(command, capsys):
    overwrite = _option(engine_main, capsys, command, "--overwrite")
    skip = _option(engine_main, capsys, command, "--skip-existing")
    assert "same file or the same content" in overwrite
    assert "same file or the same content" in skip and "numbered name" in skip


@pytest.mark.parametrize("command", ["restore", "preview", "restore-video"])
def test_the_model_option_says_it_takes_a_display_name(command, capsys):
    assert "display name" in _option(engine_main, capsys, command, "--model")


def test_resume_run_says_a_taken_name_is_numbered(capsys):
    assert "NAME (2)" in _option(training_main, capsys, "resume-run", "--save")
