"""A film batch killed part way, then a batch of other settings into the same place, then the
first batch again: the first is not skipped as done because the other batch's film holds its
result's name (its run says plainly that a result is there, and leaves it), and what the
killed run left of no use (its marker listing nothing, its lock) is gone after the next run
into the folder, whatever its settings. A killed batch that had finished a film is continued
from the films it had not. A marker of this version that lists nothing claims no result; an
older version's, which listed nothing while its batch saved results, still does."""

from __future__ import annotations

import os
from pathlib import Path

from engine.cli import main
from engine.unfinished import LOCK_SUFFIX, MARKER_PREFIX, MARKER_SUFFIX, BatchMarker
from engine.video import probe
from tests.fault_helpers import batch_held_in_another_process, held_in_another_process
from tests.video_helpers import make_clip

SKIPPED = "films it restored are skipped"
SIZE = (64, 48)


def _command(model: Path, films: list[Path], out: Path, *options: str) -> list[str]:
    """``restore-video`` of ``films`` into ``out`` with the tiny 4x model, into FFV1."""
    given = [str(film) for film in films]
    chosen = ["--model", str(model), "--codec", "ffv1", *options]
    return ["restore-video", *given, "-o", str(out), *chosen]


def _killed_in(command: list[str], out: Path, stopped: str, when: str = "True") -> int:
    """Run ``command`` in another process as the engine does, but for the function
    ``stopped`` (a name in ``engine.cli.films``), in which it is killed (SIGKILL on POSIX) where
    ``when`` (of its arguments, ``given``) holds; its process id."""
    take = (
        "import engine.cli.films as films\n"
        "from engine.cli import main\n"
        f"run = films.{stopped}\n"
        "def stopping(*given, **options):\n"
        f"    if {when}:\n"
        "        print('held', flush=True)\n"
        "        sys.stdin.read()\n"
        "    return run(*given, **options)\n"
        f"films.{stopped} = stopping\n"
        f"main({command!r})"
    )
    run = held_in_another_process(take, out)
    run.kill()
    run.wait()
    return run.pid


def _in_film(name: str) -> str:
    """Where ``restore_video`` (``_killed_in``) is given the film ``name``."""
    return f"given[1].name == {name!r}"


def _left_by(folder: Path, pid: int) -> list[str]:
    """The markers the run ``pid`` left in ``folder``."""
    return [path.name for path in folder.glob(f"{MARKER_PREFIX}*.{pid}{MARKER_SUFFIX}")]


def _locks(folder: Path) -> list[str]:
    return [path.name for path in folder.glob(f"{MARKER_PREFIX}*{LOCK_SUFFIX}")]


def _width(film: Path) -> int:
    return probe(film).width


def test_a_killed_batch_run_again_skips_no_film_another_batch_wrote_since(
    tiny_model_file, tmp_path, capsys
):
    clip = make_clip(tmp_path / "long.mp4", frames=6, size=SIZE, audio=None)
    out = tmp_path / "out"
    result = out / "long.mkv"
    first = _command(tiny_model_file, [clip], result)
    killed = _killed_in(first, out, "restore_video")
    assert _left_by(out, killed) and _locks(out)  # as a kill leaves them

    assert main(_command(tiny_model_file, [clip], result, "--scale-out", "2")) == 0
    assert _width(result) == SIZE[0] * 2  # the other batch's film
    assert _left_by(out, killed) == [] and _locks(out) == []
    capsys.readouterr()

    assert main(first) == 1
    said = capsys.readouterr()
    assert "skipped" not in said.out and SKIPPED not in said.err
    assert "failed: long.mp4: its earlier result long.mkv is there" in said.err
    assert "0 restored, 1 failed" in said.out
    assert _width(result) == SIZE[0] * 2  # left as it was
    assert _left_by(out, killed) == [] and _locks(out) == []


def test_a_killed_batch_run_again_skips_the_films_it_finished(tiny_model_file, tmp_path, capsys):
    films = [make_clip(tmp_path / f"{name}.mp4", frames=4, size=SIZE, audio=None) for name in "ab"]
    out = tmp_path / "out"
    command = _command(tiny_model_file, films, out)
    killed = _killed_in(command, out, "restore_video", _in_film("b.mp4"))
    assert [path.name for path in out.glob("*.mkv")] == ["a.mkv"]
    finished = (out / "a.mkv").stat().st_mtime_ns

    assert main(command) == 0
    said = capsys.readouterr()
    assert SKIPPED in said.err and "1 restored, 1 skipped, 0 failed" in said.out
    assert "skipped: a.mp4 (a.mkv is already there)" in said.out
    assert (out / "a.mkv").stat().st_mtime_ns == finished
    assert _width(out / "b.mkv") == SIZE[0] * 4
    assert _left_by(out, killed) == [] and _locks(out) == []
    assert list(out.glob(f"{MARKER_PREFIX}*")) == []  # the batch is done


def test_a_killed_batch_that_had_restored_every_film_leaves_no_marker_once_run_again(
    tiny_model_file, tmp_path, capsys
):
    films = [make_clip(tmp_path / f"{name}.mp4", frames=2, size=SIZE, audio=None) for name in "ab"]
    out = tmp_path / "out"
    command = _command(tiny_model_file, films, out)
    killed = _killed_in(command, out, "BatchMarker.finish")
    assert _left_by(out, killed)

    assert main(command) == 0
    assert "0 restored, 2 skipped, 0 failed" in capsys.readouterr().out
    assert list(out.glob(f"{MARKER_PREFIX}*")) == []


def test_a_live_runs_lock_stays(tiny_model_file, tmp_path):
    clip = make_clip(tmp_path / "long.mp4", frames=2, size=SIZE, audio=None)
    out = tmp_path / "out"
    other = batch_held_in_another_process(["restore", "-o", str(out), str(tmp_path)], out)
    try:
        held = _locks(out)
        assert main(_command(tiny_model_file, [clip], out / "long.mkv")) == 0
        assert _locks(out) == held
    finally:
        other.kill()
        other.wait()


def _saved_after(marker: BatchMarker, photo: Path) -> Path:
    """The result another batch saves under ``photo``'s planned name after ``marker``."""
    result = marker.folder / photo.name
    result.write_bytes(b"another batch's result")
    later = marker.path.stat().st_mtime_ns + 10**9
    os.utime(result, ns=(later, later))
    return result


def test_a_marker_of_this_version_listing_nothing_claims_nothing(tmp_path):
    photo, out = tmp_path / "p.png", tmp_path / "out"
    BatchMarker(out, {"batch": 1}).start()  # the run killed before it saved a photo
    result = _saved_after(BatchMarker(out, {"batch": 1}), photo)
    assert BatchMarker(out, {"batch": 1}).unfinished
    assert BatchMarker(out, {"batch": 1}).result_of(photo, result) is None


def test_an_older_versions_empty_marker_still_claims_by_time(tmp_path):
    photo, out = tmp_path / "p.png", tmp_path / "out"
    marker = BatchMarker(out, {"batch": 1})
    out.mkdir()
    marker.path.write_text("")  # an older version's: it listed nothing
    result = _saved_after(marker, photo)
    assert BatchMarker(out, {"batch": 1}).result_of(photo, result) == result
