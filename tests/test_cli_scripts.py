"""The command lines as scripts, cron and logs use them: file names that are not UTF-8, a
fault no check foresaw, stdout and stderr kept apart, a closed stdout, the signals that stop
a program, a log's progress lines, usage errors refused before anything is written, and help
that says each default and the exit statuses."""

from __future__ import annotations

import argparse
import errno
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import cv2
import pytest
from PIL import Image

from engine import cli as engine_cli
from engine import console
from engine.cli import main as engine_main
from engine.cli.parser import command_parser
from engine.console import (
    CANNOT_GO_ON,
    EXIT_STATUSES,
    INTERRUPTED,
    command_streams,
    progress_bar,
)
from engine.devices import DEVICE_HELP
from engine.progress import CancelToken
from engine.provenance import SOURCE_TAG, escaped, exif_text
from engine.stopping import FAULT_LOG, stopping_on_signals
from engine.unfinished import MARKER_SUFFIX
from tests.conftest import photo_path
from tests.fault_helpers import results_in
from tests.test_batch_save_failures import _refusing_after
from tests.test_console import EagerBar, Log, Terminal
from tests.test_help_texts import _help
from tests.test_training_cli import SMALL
from tests.training_helpers import tiny_dataset
from tests.video_helpers import make_clip
from training import cli as training_cli
from training.cli import main as training_main
from training.metrics_log import metrics_path, read_records
from training.pack import DEFAULT_MIN_PSNR, DEFAULT_MIN_SIDE

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
LATIN_1 = os.fsdecode(b"caf\xe9.png")
"""café.png in Latin-1 bytes (an old Windows share, a zip archive), as Python names it."""


def _photo(path: Path, index: int = 0, side: tuple[int, int] = (48, 32)) -> Path:
    """A small real photo at ``path``, whatever bytes its name has."""
    path.parent.mkdir(parents=True, exist_ok=True)
    encoded = cv2.imencode(".png", cv2.resize(cv2.imread(str(photo_path(index))), side))[1]
    path.write_bytes(encoded.tobytes())
    return path


def _restore(*args: str | Path, model: Path) -> list[str]:
    return ["restore", *map(str, args), "--model", str(model), "--scale-out", "1"]


def _markers(folder: Path) -> list[str]:
    return [path.name for path in folder.iterdir() if path.name.endswith(MARKER_SUFFIX)]


def _command(module: str, *args: str, **env: str) -> subprocess.Popen:
    """``python -m module args`` in its own process, its output piped, ``env`` added."""
    return subprocess.Popen(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _wait_until(process: subprocess.Popen, ready: Callable[[], bool]) -> None:
    """Until ``ready()`` holds (the process must still be running meanwhile)."""
    while not ready():
        assert process.poll() is None, process.communicate()
        time.sleep(0.005)


# -- names that are not UTF-8 ---------------------------------------------------------------


def test_a_photo_named_in_latin_1_is_restored_and_its_source_recorded(
    tmp_path, tiny_model_file, capsys
):
    album = tmp_path / "album"
    _photo(album / LATIN_1, 0)
    _photo(album / "zoo.png", 1)
    out = tmp_path / "out"
    assert engine_main(_restore(album, "-o", out, model=tiny_model_file)) == 0
    assert "2 restored, 0 failed" in capsys.readouterr().out
    result = out / "album" / LATIN_1
    record = Image.open(result).getexif()[SOURCE_TAG]
    assert record.startswith("made from caf\\xe9.png (SHA-256 ")
    again = _restore(album, "-o", out, model=tiny_model_file)
    assert engine_main([*again, "--skip-existing"]) == 0  # the record tells its photo's result
    assert "0 restored, 0 failed, 2 skipped" in capsys.readouterr().out


def test_a_film_named_in_latin_1_is_restored(tmp_path, tiny_model_file, capsys):
    clip = make_clip(tmp_path / "clip.mp4", frames=2, size=(32, 24), audio=None)
    film = clip.rename(tmp_path / os.fsdecode(b"film\xe9.mp4"))
    out = tmp_path / "out"
    command = ["restore-video", str(film), "-o", f"{out}/", "--model", str(tiny_model_file)]
    assert engine_main(command) == 0
    assert "1 restored, 0 failed" in capsys.readouterr().out
    assert [path.name for path in out.iterdir()] == [film.name]


def test_text_for_metadata_writes_a_names_bytes_that_are_not_utf8_as_escapes():
    assert escaped(f"made from {LATIN_1}") == "made from caf\\xe9.png"
    assert escaped("a lone \ud800 half, café, 中") == "a lone \\ud800 half, café, 中"
    assert exif_text(LATIN_1).encode("latin-1") == b"caf\\xe9.png"


def test_the_console_writes_a_names_bytes_as_its_source_record_does(capsys):
    with command_streams():
        print(f"made from {LATIN_1}, a lone \ud800 half", file=sys.stderr)
    told = capsys.readouterr().err
    assert told == escaped(f"made from {LATIN_1}, a lone \ud800 half") + "\n"
    assert told.startswith("made from caf\\xe9.png")


def test_names_printed_where_stdout_takes_only_utf8_never_stop_the_run(tmp_path):
    album = tmp_path / "album"
    _photo(album / os.fsdecode(b"a\xe9.png"), 0)
    _photo(album / "b.png", 1)
    out = tmp_path / "out"
    turning = _command(
        "engine", "turn", str(album), "--left", "-o", str(out), PYTHONIOENCODING="utf-8:strict"
    )
    printed, told = turning.communicate()
    assert turning.returncode == 0, told
    assert b"album/a\\xe9.png: " in printed and b"album/b.png: " in printed  # as ``escaped``
    assert sorted(os.fsencode(path.name) for path in out.iterdir()) == [
        b"a\xe9 turned.png",
        b"b turned.png",
    ]


# -- a fault no check foresaw ---------------------------------------------------------------


def _fault(*_args: object) -> int:
    raise RuntimeError("a bug\nwith more lines")


def test_an_engine_fault_is_one_line_status_2_and_its_traceback_kept(
    monkeypatch, capsys, private_data_dir
):
    monkeypatch.setattr(engine_cli, "run_devices", _fault)
    assert engine_main(["devices"]) == CANNOT_GO_ON != 1  # 1: some files failed
    log = private_data_dir / "logs" / FAULT_LOG
    assert capsys.readouterr().err.splitlines() == [
        f"error: an unexpected fault stopped the run (RuntimeError: a bug); its details are "
        f"in {log}"
    ]
    kept = log.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in kept and "in _fault" in kept


def test_a_training_fault_is_one_line_status_2_and_its_traceback_kept(
    monkeypatch, capsys, private_data_dir
):
    monkeypatch.setattr(training_cli, "_wizard_run", _fault)
    assert training_main(["runs"]) == CANNOT_GO_ON
    said = capsys.readouterr()
    assert said.out == ""
    assert said.err.startswith("error: an unexpected fault stopped the run (RuntimeError: a bug)")
    assert "in _fault" in (private_data_dir / "logs" / FAULT_LOG).read_text(encoding="utf-8")


# -- stdout for results, stderr for the rest ------------------------------------------------


def test_trainings_errors_go_to_stderr(tmp_path, capsys):
    assert training_main(["prepare", str(tmp_path / "none"), str(tmp_path / "ds")]) == 2
    said = capsys.readouterr()
    assert said.out == ""
    assert said.err == f"error: {tmp_path / 'none'}: no such file or folder\n"


def test_trainings_progress_in_a_log_is_plain_lines_ending_where_it_ended(
    tmp_path, capsys, monkeypatch
):
    monkeypatch.setattr(console, "LINE_SECONDS", 0.0)  # a line at each step
    dataset = tiny_dataset(tmp_path)
    out = tmp_path / "m.safetensors"
    train = ["train", str(dataset), "--out", str(out), *SMALL, "--steps", "3"]
    assert training_main([*train, "--device", "cpu"]) == 0
    said = capsys.readouterr()
    assert "\r" not in said.err
    *steps, last = said.err.splitlines()
    assert steps and all(
        re.fullmatch(r"training: \d+% done after \d\d:\d\d, .* samples/s(, .* left)?", line)
        for line in steps
    )
    assert re.fullmatch(r"training: done after \d\d:\d\d", last)
    assert "finished at step" in said.out


def test_a_logs_last_progress_line_says_the_batch_is_done(tmp_path, tiny_model_file, capsys):
    album = tmp_path / "album"
    _photo(album / "a.png")
    (album / "b.png").write_bytes(b"not a picture")
    assert engine_main(_restore(album, "-o", tmp_path / "out", model=tiny_model_file)) == 1
    progress = [line for line in capsys.readouterr().err.splitlines() if "restoring:" in line]
    assert re.fullmatch(r"restoring: done after \d\d:\d\d", progress[-1])


def test_a_batch_a_full_disk_stopped_says_so_last_and_counts_the_photos_not_tried(
    tmp_path, tiny_model_file, capsys, monkeypatch
):
    album = tmp_path / "album"
    for index in range(5):
        _photo(album / f"{index}.png", index % 4)
    _refusing_after(monkeypatch, saved=1, code=errno.ENOSPC)
    assert engine_main(_restore(album, "-o", tmp_path / "out", model=tiny_model_file)) == 1
    said = capsys.readouterr()
    progress = [line for line in said.err.splitlines() if "restoring:" in line]
    assert re.fullmatch(r"restoring: stopped at \d+% after \d\d:\d\d(, .*)?", progress[-1])
    counts, *_, stop = said.out.splitlines()
    assert counts == "1 restored, 1 failed, 3 not tried"
    assert stop.startswith("stopped: the disk is full")


def test_a_logs_last_line_says_where_work_broken_off_stopped(monkeypatch):
    log = Log()
    monkeypatch.setattr(sys, "stderr", log)
    with pytest.raises(RuntimeError), progress_bar("restoring") as progress:
        progress.update(2, 5, "c.png")
        raise RuntimeError("a fault")
    assert log.getvalue().splitlines() == ["restoring: stopped at 40% after 00:00, c.png"]


def test_a_result_printed_while_the_bar_is_drawn_gets_a_line_of_its_own(monkeypatch):
    """Training prints its validations on stdout while its bar is drawn on the terminal."""
    monkeypatch.setattr(console, "tqdm", EagerBar)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(sys, "stdout", terminal)
    with progress_bar("training") as progress:
        progress.update(1, 2, "step 1")
        print("step 1: PSNR 30.00 dB")
        progress.update(2, 2, "step 2")
    shown = [line.split("\r")[-1] for line in terminal.getvalue().split("\n")]
    assert "step 1: PSNR 30.00 dB" in shown
    assert shown[shown.index("step 1: PSNR 30.00 dB") + 1].startswith("training 100%")


# -- a closed stdout ------------------------------------------------------------------------


@pytest.mark.parametrize("unbuffered", ["", "1"], ids=["buffered", "unbuffered"])
def test_a_closed_stdout_neither_fails_the_batch_nor_leaves_it_unfinished(
    tmp_path, tiny_model_file, unbuffered
):
    album = tmp_path / "album"
    for index in range(2):
        _photo(album / f"{index}.png", index)
    out = tmp_path / "out"
    restoring = _command(
        "engine", *_restore(album, "-o", out, model=tiny_model_file), PYTHONUNBUFFERED=unbuffered
    )
    restoring.stdout.close()  # the reader gone before anything is written (| head -0)
    told = restoring.stderr.read().decode()
    assert restoring.wait() == 0, told
    assert "error" not in told and "Broken pipe" not in told
    assert len(results_in(out)) == 2 and _markers(out) == []


# -- SIGTERM and SIGHUP stop a run as Ctrl+C does --------------------------------------------


def test_one_function_makes_the_first_stop_signal_ask_and_the_next_stop_at_once(capsys):
    before = signal.getsignal(signal.SIGTERM)
    token = CancelToken()
    with pytest.raises(KeyboardInterrupt), stopping_on_signals(token, "stopping now"):
        signal.raise_signal(signal.SIGTERM)
        said = capsys.readouterr().err
        assert token.cancelled and said.startswith("stopping now (asked by SIGTERM;")
        signal.raise_signal(signal.SIGINT)
    assert signal.getsignal(signal.SIGTERM) is before


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")
@pytest.mark.parametrize("sent", ["SIGTERM", "SIGHUP"])
def test_a_signal_to_stop_stops_a_batch_saying_how_to_go_on(tmp_path, tiny_model_file, sent):
    album = tmp_path / "album"
    for index in range(40):
        _photo(album / f"{index:02d}.png", index % 4, (96, 64))
    out = tmp_path / "out"
    restoring = _command("engine", *_restore(album, "-o", out, model=tiny_model_file))
    _wait_until(restoring, lambda: out.is_dir() and bool(_markers(out)))
    restoring.send_signal(getattr(signal, sent))
    _, told = restoring.communicate()
    assert restoring.returncode == INTERRUPTED, told
    said = f"stopping: what is finished is kept (asked by {sent};"
    assert said.encode() in told and b"Ctrl+C" not in told
    assert b"stopped before the end; run the same command again" in told
    assert b"Traceback" not in told


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")
@pytest.mark.parametrize("sent", ["SIGTERM", "SIGHUP"])
def test_a_signal_to_stop_stops_training_saying_how_to_go_on(tmp_path, sent):
    dataset = tiny_dataset(tmp_path)
    out = tmp_path / "m.safetensors"
    training = _command(
        "training", "train", str(dataset), "--out", str(out), *SMALL, "--steps", "100000"
    )
    _wait_until(training, lambda: bool(read_records(metrics_path(out))))
    training.send_signal(getattr(signal, sent))
    _, told = training.communicate()
    assert training.returncode == INTERRUPTED, told
    said = f"stopping: saving a checkpoint and the model first (asked by {sent};"
    assert said.encode() in told and b"Ctrl+C" not in told
    assert re.search(rb"stopped at step \d+; run the same command again to continue", told)


@pytest.mark.parametrize(
    ("command", "runner", "again"),
    [
        (
            ["restore", "a.png", "-o", "out"],
            "run_restore",
            "run the same command again to restore the rest (photos already restored are skipped)",
        ),
        (
            ["restore-video", "a.mp4", "-o", "out"],
            "run_restore_video",
            "run the same command again to continue",
        ),
        (
            ["turn", "a.png", "--left", "-o", "out"],
            "run_turn",
            "run the command again for the photos not listed above",
        ),
        (["info", "a.png"], "run_info", "run the same command again"),
    ],
    ids=["restore", "restore-video", "turn", "info"],
)
def test_an_engine_run_stopped_at_once_says_how_to_go_on(
    monkeypatch, capsys, command, runner, again
):
    def stopped_at_once(*_args: object) -> int:
        raise KeyboardInterrupt  # a second Ctrl+C

    monkeypatch.setattr(engine_cli, runner, stopped_at_once)
    assert engine_main(command) == INTERRUPTED
    assert capsys.readouterr().err == f"stopped at once; {again}\n"


# -- usage errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "codec", "said"),
    [
        ("out.avi", "h264", "out.avi: cannot write a film as '.avi'"),
        ("out.mp4", "prores", "prores cannot be written into a .mp4 file"),
    ],
)
def test_a_film_name_its_codec_cannot_write_is_a_usage_error_that_leaves_nothing(
    tmp_path, tiny_model_file, capsys, name, codec, said
):
    folder = tmp_path / "films"
    folder.mkdir()
    clip = make_clip(folder / "clip.mp4", frames=2, size=(32, 24), audio=None)
    command = ["restore-video", str(clip), "-o", str(folder / name), "--codec", codec]
    assert engine_main([*command, "--model", str(tiny_model_file)]) == CANNOT_GO_ON
    assert said in capsys.readouterr().err
    assert [path.name for path in folder.iterdir()] == ["clip.mp4"]


# -- help -----------------------------------------------------------------------------------


def test_the_options_say_their_defaults(capsys):
    pack = _help(training_main, capsys, "pack")
    assert f"against the source (default {DEFAULT_MIN_PSNR:g})" in pack
    assert f"below this many pixels (default {DEFAULT_MIN_SIDE})" in pack
    train = _help(training_main, capsys, "train")
    assert "--val-limit VAL_LIMIT validate on at most this many photos (default: all" in train
    assert f"--device DEVICE {DEVICE_HELP}" in train
    restore = _help(engine_main, capsys, "restore")
    assert "--tile TILE tile side in pixels, at least 16 (default 0: chosen for the" in restore
    assert f"--device DEVICE {DEVICE_HELP}" in restore
    video = _help(engine_main, capsys, "restore-video")
    assert "0 to 51, lower is better (default 18 for h264, 20 for h265)" in video


def _commands(parser: argparse.ArgumentParser, *named: str) -> Iterator[tuple[str, ...]]:
    """The words that name ``parser`` (``named``: none for the command line itself) and
    each of its commands, the commands of a command too (``models import``)."""
    yield named
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, command in action.choices.items():
                yield from _commands(command, *named, name)


@pytest.mark.parametrize(
    ("main", "command"),
    [
        *((engine_main, command) for command in _commands(command_parser())),
        *((training_main, command) for command in _commands(training_cli._parser())),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, tuple) else value.__module__,
)
def test_the_help_of_each_command_of_both_command_lines_ends_with_the_exit_statuses(
    main, command, capsys
):
    assert _help(main, capsys, *command).endswith(EXIT_STATUSES)


def test_the_readme_gives_the_same_exit_statuses():
    assert EXIT_STATUSES in " ".join(README.read_text(encoding="utf-8").split())
