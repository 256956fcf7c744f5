"""``rekindle engine ...`` and ``rekindle training ...``: the installed app has no Python to run
``python -m engine``, so it runs both command lines itself, as ``python -m`` runs them (the
same output, exit status and signals), before Qt is imported; its help lists them, and where
there is no screen it names the commands that work as it was started."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.main import COMMAND_LINES, NO_SCREEN_STATUS, SCREEN_VARIABLES, main, no_screen_sentence
from engine.console import CANNOT_GO_ON, INTERRUPTED
from tests.test_cli_scripts import _command, _markers, _photo, _restore, _wait_until

REPO = Path(__file__).resolve().parents[2]
SCREENLESS = {name: value for name, value in os.environ.items() if name not in SCREEN_VARIABLES}


def _python(*arguments: str) -> subprocess.CompletedProcess[str]:
    """``python arguments`` where there is no screen."""
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=REPO,
        env=SCREENLESS,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize(
    ("arguments", "status", "said"),
    [
        (["engine", "--help"], 0, "usage: python -m engine"),
        (["training", "--help"], 0, "usage: python -m training"),
        (["engine", "restore", "missing.png", "-o", "restored"], CANNOT_GO_ON, "missing.png"),
        (["training", "no-such-command"], CANNOT_GO_ON, "'no-such-command'"),
    ],
    ids=["engine help", "training help", "engine error", "training usage error"],
)
def test_the_app_runs_a_command_line_as_python_m_does(arguments: list[str], status: int, said: str):
    through_app = _python("-m", "app", *arguments)
    direct = _python("-m", *arguments)
    assert through_app.returncode == direct.returncode == status, through_app.stderr
    assert (through_app.stdout, through_app.stderr) == (direct.stdout, direct.stderr)
    assert said in through_app.stdout + through_app.stderr


def test_a_command_line_imports_no_qt():
    probe = (
        "import sys\n"
        "from app.main import main\n"
        "try:\n"
        "    main(['engine', '--help'])\n"
        "except SystemExit as done:\n"
        "    assert done.code == 0, done.code\n"
        "print(sorted(name for name in sys.modules if name.startswith('PySide6')))"
    )
    done = _python("-c", probe)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")
def test_a_signal_stops_a_command_line_run_by_the_app_as_it_stops_python_m(
    tmp_path: Path, tiny_model_file: Path, monkeypatch: pytest.MonkeyPatch
):
    for name in SCREEN_VARIABLES:  # a command line needs no screen (nor opens a window)
        monkeypatch.delenv(name, raising=False)
    album = tmp_path / "album"
    for index in range(40):
        _photo(album / f"{index:02d}.png", index % 4, (96, 64))
    out = tmp_path / "out"
    restoring = _command("app", "engine", *_restore(album, "-o", out, model=tiny_model_file))
    _wait_until(restoring, lambda: out.is_dir() and bool(_markers(out)))
    restoring.send_signal(signal.SIGTERM)
    _, told = restoring.communicate()
    assert restoring.returncode == INTERRUPTED, told
    assert b"stopping: what is finished is kept (asked by SIGTERM;" in told
    assert b"Traceback" not in told


def test_the_help_lists_the_command_lines(capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    helped = " ".join(capsys.readouterr().out.split())
    for package in COMMAND_LINES:
        assert f"'rekindle {package} ...'" in helped


@pytest.mark.parametrize(
    ("frozen", "engine", "training"),
    [
        (True, "`rekindle engine`", "`rekindle training`"),
        (False, "`python -m engine`", "`python -m training`"),
    ],
    ids=["installed", "from source"],
)
def test_without_a_screen_the_commands_named_are_those_that_work_as_started(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    frozen: bool,
    engine: str,
    training: str,
):
    monkeypatch.setattr(sys, "frozen", frozen, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    for name in SCREEN_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    assert main([]) == NO_SCREEN_STATUS
    told = capsys.readouterr().err
    assert told == no_screen_sentence() + "\n"
    assert engine in told and training in told and "`rekindle --self-test`" in told
    assert ("python -m" in told) is not frozen
