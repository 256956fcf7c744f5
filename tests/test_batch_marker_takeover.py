"""A batch's marker whose process number another process has now (numbers are given again
after a restart; a folder shared over a network holds other machines' markers): the run that
holds the lock of its settings knows no run of them goes on, so it takes the marker over and
skips the photos it lists, instead of restoring them again under new names; a marker of other
settings listing nothing is cleared where no run holds their lock. While a run holds the lock,
the same batch is still refused and its marker stays. And a resumed batch asks whether a file
is a listed result in the same time however many photos its marker lists."""

from __future__ import annotations

import json
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from engine.cli import main
from engine.cli.parser import command_parser
from engine.cli.resuming import BATCH_SETTINGS, batch_settings
from engine.unfinished import (
    HEADER,
    MARKER_PREFIX,
    MARKER_SUFFIX,
    BatchMarker,
    FolderHold,
    holding,
)
from tests.fault_helpers import batch_held_in_another_process, held_in_another_process
from tests.test_batch_save_failures import photos  # noqa: F401 (a fixture)

SETTINGS = {"batch": 1}
FAILED = 1
REFUSED = 2
LISTED = 20_000
LOOKING_UP_ALL = 1.5  # seconds: a search of the whole listing once a photo takes many more


@pytest.fixture
def other_process(tmp_path: Path) -> Iterator[subprocess.Popen]:
    """A live process that runs no batch."""
    process = held_in_another_process("pass", tmp_path)
    yield process
    process.kill()
    process.wait()


def _marker_of(folder: Path, settings: dict[str, object], pid: int) -> Path:
    """Where the run ``pid`` of a batch of ``settings`` into ``folder`` keeps its marker."""
    return folder / f"{MARKER_PREFIX}{BatchMarker(folder, settings).key}.{pid}{MARKER_SUFFIX}"


def _write_marker(path: Path, listed: list[tuple[str, str]]) -> None:
    """A marker of this version listing each (source, result)."""
    lines = (json.dumps({"source": source, "result": result}) + "\n" for source, result in listed)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + "".join(lines), encoding="utf-8")


def _markers(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{MARKER_PREFIX}*{MARKER_SUFFIX}"))


def _results(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_the_run_holding_the_lock_takes_over_a_marker_whose_number_another_process_has(
    tmp_path, other_process
):
    out, source = tmp_path / "out", tmp_path / "p.png"
    left = _marker_of(out, SETTINGS, other_process.pid)
    _write_marker(left, [(str(source.resolve()), "p.png")])
    (out / "p.png").write_bytes(b"the result the marker lists")
    with holding(out, SETTINGS):
        marker = BatchMarker(out, SETTINGS)
        assert marker.unfinished and marker.earlier == [left]
        assert marker.result_of(source, out / "p.png") == out / "p.png"
        marker.start()
        assert _markers(out) == [marker.path]


def test_without_the_lock_a_marker_whose_process_runs_is_not_taken_over(tmp_path, other_process):
    out = tmp_path / "out"
    _write_marker(_marker_of(out, SETTINGS, other_process.pid), [])
    marker = BatchMarker(out, SETTINGS)
    assert marker.marked and not marker.unfinished


def test_the_same_command_skips_what_a_run_whose_number_is_taken_now_restored(
    photos,  # noqa: F811
    tmp_path,
    tiny_model_file,
    other_process,
    capsys,
):
    (photos / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\nbroken")  # keeps the marker
    out = tmp_path / "out"
    command = ["restore", str(photos), "-o", str(out), "--model", str(tiny_model_file)]
    assert main(command) == FAILED
    restored = _results(out / photos.name)
    (left,) = _markers(out)
    named_before_the_pid = left.name.rsplit(".", 2)[0]
    left.rename(out / f"{named_before_the_pid}.{other_process.pid}{MARKER_SUFFIX}")
    capsys.readouterr()

    assert main(command) == FAILED
    said = capsys.readouterr()
    assert "photos it restored are skipped" in said.err
    assert f"0 restored, 1 failed, {len(restored)} skipped" in said.out
    assert _results(out / photos.name) == restored
    assert len(_markers(out)) == 1


def test_the_same_command_is_refused_while_a_run_holds_its_lock_and_its_marker_stays(
    photos,  # noqa: F811
    tmp_path,
    tiny_model_file,
    capsys,
):
    out = tmp_path / "out"
    command = ["restore", str(photos), "-o", str(out), "--model", str(tiny_model_file)]
    first = batch_held_in_another_process(command, out)
    try:
        settings = batch_settings(command_parser().parse_args(command), BATCH_SETTINGS)
        left = _marker_of(out, settings, first.pid)
        _write_marker(left, [])  # as the first run writes it once it holds the lock
        assert main(command) == REFUSED
        assert "a batch of the same settings is being restored" in capsys.readouterr().err
        assert _markers(out) == [left]
    finally:
        first.kill()
        first.wait()


def test_a_marker_listing_nothing_whose_lock_no_run_holds_is_cleared_whatever_its_number(
    tmp_path, other_process
):
    out = tmp_path / "out"
    left = _marker_of(out, {"other": "settings"}, other_process.pid)
    _write_marker(left, [])
    held = FolderHold(SETTINGS)
    try:
        held.take(out)
    finally:
        held.release()
    assert not left.exists()


def test_a_marker_listing_nothing_whose_lock_a_run_holds_stays(tmp_path):
    out = tmp_path / "out"
    other = {"other": "settings"}
    take = f"from engine.unfinished import holding\nheld = holding(path, {other!r})\n"
    running = held_in_another_process(take + "held.__enter__()", out)
    try:
        left = _marker_of(out, other, running.pid)
        _write_marker(left, [])
        held = FolderHold(SETTINGS)
        try:
            held.take(out)
        finally:
            held.release()
        assert left.exists()
    finally:
        running.kill()
        running.wait()


def test_a_result_listed_since_the_marker_was_read_is_a_listed_result(tmp_path):
    out, source = tmp_path / "out", tmp_path / "p.png"
    _write_marker(_marker_of(out, SETTINGS, os.getpid()), [("/elsewhere/q.png", "q.png")])
    marker = BatchMarker(out, SETTINGS)
    assert marker.lists(out / "q.png") and not marker.lists(out / "p.png")
    marker.start()
    marker.record(source, out / "p.png")
    assert marker.lists(out / "p.png")


def test_asking_whether_each_photo_is_a_listed_result_takes_no_longer_per_photo_listed(
    tmp_path,
):
    out = tmp_path / "out"
    listed = [(f"/photos/p{index}.png", f"photos/p{index}.png") for index in range(LISTED)]
    _write_marker(_marker_of(out, SETTINGS, os.getpid()), listed)  # its batch over
    marker = BatchMarker(out, SETTINGS)
    assert marker.unfinished
    started = time.perf_counter()
    found = [marker.lists(Path(source)) for source, _result in listed]
    assert time.perf_counter() - started < LOOKING_UP_ALL
    assert not any(found)  # the photos themselves are no results
