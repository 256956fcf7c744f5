"""``restore-video`` run again into a folder finishes the job as ``restore`` does: a film whose
own result there was made with the same settings (as its comment and its stream record them)
is skipped, one whose result was made with other settings is restored beside it as
"name (2)", saying why; ``--overwrite`` replaces, ``--skip-existing`` skips whatever the
settings (counted apart), ``--no-skip-existing`` restores again beside; and ``--dry-run`` says
what a run would do, writing nothing."""

from __future__ import annotations

import re
import signal
from pathlib import Path

import cv2
import numpy as np
import pytest

from bench.fields import interlaced_clip
from engine.cli import films as cli_films
from engine.cli import main
from engine.retouch.marks import write_marks
from engine.video import probe
from tests.video_helpers import cancelled_at_frame, make_clip, make_interlaced_clip, panned_film

SIZE = (32, 24)
OTHERWISE = "holds this film's result made with other settings"


@pytest.fixture
def restore_video(tiny_model_file: Path, capsys: pytest.CaptureFixture[str]):
    """Run ``restore-video`` with the tiny model: its exit status, and what it printed on
    stdout and on stderr."""

    def run(*arguments: object) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(["restore-video", *map(str, arguments), "--model", str(tiny_model_file)])
        said = capsys.readouterr()
        return code, said.out, said.err

    return run


def _film(path: Path, frames: int = 3, audio: str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return make_clip(path, frames=frames, size=SIZE, audio=audio)


def _sequence(folder: Path, frames: int = 3) -> Path:
    """A frame sequence: small numbered PNG frames in ``folder``."""
    folder.mkdir(parents=True)
    rng = np.random.default_rng(1)
    for number in range(1, frames + 1):
        frame = rng.integers(0, 255, (SIZE[1], SIZE[0], 3), dtype=np.uint8)
        assert cv2.imwrite(str(folder / f"frame_{number:04d}.png"), frame)
    return folder


def _kept(path: Path) -> tuple[int, int]:
    """The file as it is: written again, it gets another inode or another time."""
    stat = path.stat()
    return stat.st_ino, stat.st_mtime_ns


def _everything(folder: Path) -> dict[str, tuple[bytes, int] | None]:
    """Each file and folder below ``folder``, hidden ones too: a file's bytes and when it was
    last changed (a folder's time is left out: the check that a folder takes files makes a
    file there and removes it at once)."""
    return {
        str(path.relative_to(folder)): (
            (path.read_bytes(), path.stat().st_mtime_ns) if path.is_file() else None
        )
        for path in folder.rglob("*")
    }


def _marks(folder: Path) -> Path:
    marks = np.zeros((SIZE[1], SIZE[0]), np.uint8)
    marks[4:7, 4:7] = 255
    return write_marks(folder / "marks.png", marks)


@pytest.mark.parametrize(
    "settings",
    [
        [],
        ["--fix-fading", "--ensemble"],
        ["--remove-dust", "--grain", "0.2", "--scale-out", "2"],
        ["--codec", "ffv1"],
        ["--quality", "smaller"],
        ["--marks", "MARKS"],
    ],
)
def test_a_film_run_again_with_the_same_settings_is_skipped_untouched(
    restore_video, tmp_path, settings
):
    reels = tmp_path / "reels"
    _film(reels / "a.mp4", audio="aac")
    _film(reels / "b.mkv")
    settings = [str(_marks(tmp_path)) if word == "MARKS" else word for word in settings]
    out = tmp_path / "out"
    assert restore_video(reels, "-o", out, *settings)[0] == 0
    results = sorted((out / "reels").iterdir())
    before = {result: _kept(result) for result in results}

    code, printed, _ = restore_video(reels, "-o", out, *settings)

    assert code == 0
    for result in results:
        source = Path("reels", result.stem + (".mp4" if result.stem == "a" else ".mkv"))
        assert f"skipped: {source} ({result.name} is already there)" in printed
    assert "0 restored, 2 skipped, 0 failed" in printed
    assert {result: _kept(result) for result in results} == before
    assert sorted((out / "reels").iterdir()) == results


def test_a_part_of_a_film_run_again_is_skipped_and_another_part_restored_beside(
    restore_video, tmp_path
):
    film = _film(tmp_path / "reels" / "a.mp4", frames=6)
    out = tmp_path / "out"
    assert restore_video(film, "-o", f"{out}/", "--from", "1f", "--to", "4f")[0] == 0
    (part,) = out.iterdir()
    assert part.name == "a [frames 2-4].mp4"
    before = _kept(part)

    code, printed, _ = restore_video(film, "-o", f"{out}/", "--from", "1f", "--to", "4f")
    assert code == 0 and "0 restored, 1 skipped, 0 failed" in printed
    assert _kept(part) == before

    code, printed, _ = restore_video(film, "-o", f"{out}/", "--from", "2f", "--to", "4f")
    assert code == 0 and "1 restored" in printed
    assert sorted(path.name for path in out.iterdir()) == [part.name, "a [frames 3-4].mp4"]
    assert _kept(part) == before


def test_a_frame_sequence_run_again_at_its_rate_is_skipped_and_at_another_restored_beside(
    restore_video, tmp_path
):
    scan = _sequence(tmp_path / "scan")
    out = tmp_path / "out/"
    assert restore_video(scan, "-o", f"{out}/", "--codec", "ffv1")[0] == 0
    result = out / "scan.mkv"
    before = _kept(result)

    code, printed, _ = restore_video(scan, "-o", f"{out}/", "--codec", "ffv1")
    assert code == 0 and "0 restored, 1 skipped, 0 failed" in printed

    code, printed, _ = restore_video(scan, "-o", f"{out}/", "--codec", "ffv1", "--rate", "25")
    assert code == 0
    assert f"renamed: scan saved as scan (2).mkv (scan.mkv {OTHERWISE})" in printed
    assert _kept(result) == before


@pytest.mark.parametrize(
    "other",
    [
        ["--scale-out", "2"],
        ["--crf", "30"],
        ["--codec", "h265"],
        ["--calm-grain"],
        ["--grain", "0.3"],
    ],
)
def test_a_film_restored_with_other_settings_gets_its_result_beside_saying_why(
    restore_video, tmp_path, other
):
    film = _film(tmp_path / "in" / "clip.mp4")
    out = tmp_path / "out"
    assert restore_video(film, "-o", f"{out}/", *other)[0] == 0
    theirs = out / "clip.mp4"
    before = _kept(theirs)

    code, printed, _ = restore_video(film, "-o", f"{out}/")

    assert code == 0
    assert f"renamed: clip.mp4 saved as clip (2).mp4 (clip.mp4 {OTHERWISE})" in printed
    assert "1 restored, 0 failed" in printed
    assert _kept(theirs) == before
    assert probe(out / "clip (2).mp4").width == SIZE[0] * 4
    # each run of either settings finds its own result from now on
    for settings, result in (([], "clip (2).mp4"), (other, "clip.mp4")):
        code, printed, _ = restore_video(film, "-o", f"{out}/", *settings)
        assert code == 0 and f"skipped: clip.mp4 ({result} is already there)" in printed
    assert sorted(path.name for path in out.iterdir()) == ["clip (2).mp4", "clip.mp4"]


def test_a_film_marked_with_other_marks_of_as_many_places_is_restored_beside(
    restore_video, tmp_path
):
    film = _film(tmp_path / "in" / "clip.mp4")
    marks = _marks(tmp_path)
    elsewhere = np.zeros((SIZE[1], SIZE[0]), np.uint8)
    elsewhere[14:17, 20:23] = 255  # one place, as the first marks have, in another spot
    moved = write_marks(tmp_path / "moved.png", elsewhere)
    out = tmp_path / "out"
    assert restore_video(film, "-o", f"{out}/", "--marks", marks)[0] == 0

    code, printed, _ = restore_video(film, "-o", f"{out}/", "--marks", moved)

    assert code == 0 and "clip.mp4 saved as clip (2).mp4" in printed
    for given, result in ((marks, "clip.mp4"), (moved, "clip (2).mp4")):
        code, printed, _ = restore_video(film, "-o", f"{out}/", "--marks", given)
        assert code == 0 and f"skipped: clip.mp4 ({result} is already there)" in printed


def _whole_frames_in_fields(path: Path) -> Path:
    """A film whose frames are each carried whole in two fields (2:2): deinterlacing leaves
    them as decoded, and its record says nothing of its fields either way."""
    return interlaced_clip(path, [(frame, frame) for frame in panned_film((64, 48))[:24]], rate=25)


@pytest.mark.parametrize("make", [make_interlaced_clip, _whole_frames_in_fields])
def test_a_film_whose_fields_were_kept_is_restored_again_beside_when_made_whole(
    restore_video, tmp_path, make
):
    film = make(tmp_path / "tape.mp4")
    out = tmp_path / "out"
    assert restore_video(film, "-o", f"{out}/", "--no-deinterlace")[0] == 0

    code, printed, _ = restore_video(film, "-o", f"{out}/")

    assert code == 0
    assert f"saved as tape (2).mp4 (tape.mp4 {OTHERWISE})" in printed
    code, printed, _ = restore_video(film, "-o", f"{out}/", "--no-deinterlace")
    assert code == 0 and "skipped: tape.mp4 (tape.mp4 is already there)" in printed
    code, printed, _ = restore_video(film, "-o", f"{out}/")
    assert code == 0 and "skipped: tape.mp4 (tape (2).mp4 is already there)" in printed


def test_overwrite_replaces_a_result_of_other_settings_which_the_next_run_skips(
    restore_video, tmp_path
):
    film = _film(tmp_path / "in" / "clip.mp4")
    out = tmp_path / "out"
    assert restore_video(film, "-o", f"{out}/", "--scale-out", "2")[0] == 0
    result = out / "clip.mp4"
    first = _kept(result)

    code, printed, _ = restore_video(film, "-o", f"{out}/", "--overwrite")

    assert code == 0 and "1 restored, 0 failed" in printed
    assert _kept(result) != first
    assert probe(result).width == SIZE[0] * 4
    replaced = _kept(result)
    code, printed, _ = restore_video(film, "-o", f"{out}/")
    assert code == 0 and "0 restored, 1 skipped, 0 failed" in printed
    assert _kept(result) == replaced
    assert [path.name for path in out.iterdir()] == ["clip.mp4"]


def test_skip_existing_counts_the_results_of_other_settings_apart(restore_video, tmp_path):
    reels = tmp_path / "reels"
    _film(reels / "a.mp4")
    out = tmp_path / "out"
    assert restore_video(reels, "-o", out, "--scale-out", "2")[0] == 0
    _film(reels / "b.mp4")
    assert restore_video(reels / "b.mp4", "-o", out / "reels")[0] == 0

    code, printed, _ = restore_video(reels, "-o", out, "--skip-existing")

    results = out / "reels"
    assert code == 0
    assert f"skipped: {Path('reels', 'b.mp4')} (b.mp4 is already there)" in printed
    assert (
        f"skipped: {Path('reels', 'a.mp4')} (restored before with other settings, as "
        f"{results / 'a.mp4'})"
    ) in printed
    assert "0 restored, 1 skipped, 1 skipped (restored before with other settings)" in printed


def test_no_skip_existing_restores_a_finished_film_again_beside_its_result(restore_video, tmp_path):
    film = _film(tmp_path / "in" / "clip.mp4")
    out = tmp_path / "out"
    assert restore_video(film, "-o", f"{out}/")[0] == 0
    before = _kept(out / "clip.mp4")

    code, printed, _ = restore_video(film, "-o", f"{out}/", "--no-skip-existing")

    assert code == 0
    assert "renamed: clip.mp4 saved as clip (2).mp4 (clip.mp4 was taken)" in printed
    assert _kept(out / "clip.mp4") == before
    assert probe(out / "clip (2).mp4").frames == 3


def test_a_dry_run_into_a_new_folder_lists_each_film_and_makes_nothing(restore_video, tmp_path):
    reels = tmp_path / "reels"
    _film(reels / "a.mp4")
    _film(reels / "b.mkv")
    out = tmp_path / "out"

    code, printed, _ = restore_video(reels, "-o", out, "--dry-run")

    assert code == 0
    assert printed.splitlines() == [
        f"to restore: {Path('reels', 'a.mp4')} as {out / 'reels' / 'a.mp4'}",
        f"to restore: {Path('reels', 'b.mkv')} as {out / 'reels' / 'b.mkv'}",
        "dry run, nothing written: 2 to restore, 0 would fail",
    ]
    assert not out.exists()


def test_a_dry_run_tells_what_is_restored_skipped_set_beside_and_refused_changing_nothing(
    restore_video, tmp_path
):
    reels = tmp_path / "reels"
    for name in ("same", "other"):
        _film(reels / f"{name}.mp4")
    (reels / "damaged.mp4").write_bytes(b"not a film" * 100)
    out = tmp_path / "out"
    results = out / "reels"
    assert restore_video(reels, "-o", out)[0] == 1  # its journal stays: a film failed
    other = reels / "other.mp4"
    assert restore_video(other, "-o", results, "--scale-out", "2", "--overwrite")[0] == 0
    _film(reels / "new.mp4")
    before = _everything(out)
    assert any(name.startswith(".rekindle-batch-") for name in before)

    code, printed, _ = restore_video(reels, "-o", out, "--dry-run")

    assert code == 1  # as the run's: a film would fail
    lines = printed.splitlines()
    assert lines[:3] == [
        f"to restore: {Path('reels', 'new.mp4')} as {results / 'new.mp4'}",
        f"to restore: {Path('reels', 'other.mp4')} as {results / 'other (2).mp4'} "
        f"(other.mp4 {OTHERWISE})",
        f"skipped: {Path('reels', 'same.mp4')} (already restored as {results / 'same.mp4'})",
    ]
    assert lines[3].startswith(f"would fail: {Path('reels', 'damaged.mp4')}: ")
    assert lines[4:] == [
        "dry run, nothing written: 2 to restore, 1 of them under another name, "
        "1 skipped (already restored), 1 would fail"
    ]
    assert _everything(out) == before

    code, printed, _ = restore_video(reels, "-o", out, "--dry-run", "--skip-existing")

    assert code == 1
    assert (
        f"skipped: {Path('reels', 'other.mp4')} (restored before with other settings, as "
        f"{results / 'other.mp4'})"
    ) in printed.splitlines()
    assert printed.splitlines()[-1] == (
        "dry run, nothing written: 1 to restore, 1 skipped (already restored), "
        "1 skipped (restored before with other settings), 1 would fail"
    )
    assert _everything(out) == before


def test_a_film_named_by_out_is_never_set_beside_and_its_dry_run_says_it_would_fail(
    restore_video, tmp_path
):
    film = _film(tmp_path / "clip.mp4")
    result = tmp_path / "restored.mp4"
    assert restore_video(film, "-o", result, "--crf", "30")[0] == 0
    code, _, err = restore_video(film, "-o", result)
    assert code == 1
    assert "its earlier result restored.mp4 is there (--overwrite replaces it" in err
    assert sorted(path.name for path in tmp_path.glob("restored*")) == ["restored.mp4"]
    before = _everything(tmp_path)

    code, printed, _ = restore_video(film, "-o", result, "--dry-run")

    assert code == 1
    assert printed.splitlines() == [
        "would fail: clip.mp4: its earlier result restored.mp4 is there (--overwrite replaces "
        "it, --skip-existing leaves it)",
        "dry run, nothing written: 0 to restore, 1 would fail",
    ]
    assert _everything(tmp_path) == before


def test_a_dry_run_of_films_none_of_which_can_be_read_fails(restore_video, tmp_path):
    damaged = tmp_path / "damaged.mp4"
    damaged.write_bytes(b"not a film" * 100)

    code, printed, _ = restore_video(damaged, "-o", f"{tmp_path / 'out'}/", "--dry-run")

    assert code == 1
    assert printed.splitlines()[-1] == "dry run, nothing written: 0 to restore, 1 would fail"
    assert not (tmp_path / "out").exists()


def test_a_dry_run_of_films_stops_between_two_at_ctrl_c_saying_it_keeps_nothing(
    restore_video, tmp_path, monkeypatch
):
    """Ctrl+C stops a dry run of films before the next film is looked at, as it stops one of
    photos: it says it stops (it writes nothing, so keeps nothing), lists nothing, and that
    it is run again whole."""

    def decoded_as_ctrl_c_is_pressed(_film: object) -> None:
        signal.raise_signal(signal.SIGINT)

    monkeypatch.setattr(cli_films, "_first_fails", decoded_as_ctrl_c_is_pressed)
    reels = tmp_path / "reels"
    _film(reels / "a.mp4")
    _film(reels / "b.mkv")

    code, printed, told = restore_video(reels, "-o", tmp_path / "out", "--dry-run")

    assert code == 130
    assert printed == ""
    assert told.startswith("stopping (Ctrl+C again stops at once)\n")
    assert told.endswith("stopped before the end; run the same command again\n")
    assert not (tmp_path / "out").exists()


def _stopped(restore_video, monkeypatch, restore: str, *arguments: object) -> None:
    """Run ``restore-video`` with ``arguments``, stopped at its 7th frame as Ctrl+C stops it
    (``restore``: the function of ``engine.cli.films`` that restores the film)."""
    stopping = cancelled_at_frame(getattr(cli_films, restore), 7)
    with monkeypatch.context() as patch:
        patch.setattr(cli_films, restore, stopping)
        assert restore_video(*arguments)[0] == 130


def test_a_dry_run_after_a_stopped_run_says_the_frame_its_film_would_continue_from(
    restore_video, tmp_path, monkeypatch
):
    film = _film(tmp_path / "clip.mp4", frames=12)
    target = tmp_path / "out" / "clip.mkv"
    command = [film, "-o", target, "--codec", "ffv1", "--segment-frames", "4"]
    _stopped(restore_video, monkeypatch, "restore_video", *command)
    before = _everything(tmp_path)

    code, printed, err = restore_video(*command, "--dry-run")

    assert code == 0
    line, counts = printed.splitlines()
    assert counts == "dry run, nothing written: 1 to restore, 0 would fail"
    found = re.fullmatch(
        rf"to restore: clip\.mp4 as {re.escape(str(target))}, continuing from frame (\d+) of 12",
        line,
    )
    assert found and 0 < int(found[1]) < 12
    assert "starts over" not in err
    assert _everything(tmp_path) == before

    code, printed, err = restore_video(*command, "--grain", "0.2", "--dry-run")

    assert code == 0
    assert printed.splitlines()[0] == f"to restore: clip.mp4 as {target}"
    assert "an unfinished restoration of clip.mp4 made with other settings" in err
    assert _everything(tmp_path) == before

    code, printed, _ = restore_video(*command)

    assert code == 0
    assert f"continued from frame {found[1]}" in printed


def test_a_dry_run_after_a_stopped_run_into_frames_says_the_file_it_would_continue_from(
    restore_video, tmp_path, monkeypatch
):
    film = _film(tmp_path / "clip.mp4", frames=12)
    pattern = tmp_path / "out" / "clip_%06d.tif"
    command = [film, "-o", pattern, "--segment-frames", "4"]
    _stopped(restore_video, monkeypatch, "restore_frame_files", *command)
    before = _everything(tmp_path)

    code, printed, _ = restore_video(*command, "--dry-run")

    assert code == 0
    found = re.search(r", continuing from (clip_\d{6}\.tif)$", printed.splitlines()[0])
    assert found and found[1] != "clip_000001.tif"
    assert _everything(tmp_path) == before

    code, printed, _ = restore_video(*command)

    assert code == 0
    assert f"continued from {found[1]}" in printed


def test_a_dry_run_with_overwrite_says_which_results_it_replaces(restore_video, tmp_path):
    reels = tmp_path / "reels"
    _film(reels / "a.mp4")
    out = tmp_path / "out"
    assert restore_video(reels, "-o", out)[0] == 0
    _film(reels / "b.mp4")
    before = _everything(tmp_path)

    code, printed, _ = restore_video(reels, "-o", out, "--overwrite", "--dry-run")

    assert code == 0
    assert printed.splitlines()[:2] == [
        f"to restore: {Path('reels', 'a.mp4')} as {out / 'reels' / 'a.mp4'}, replacing its "
        "earlier result",
        f"to restore: {Path('reels', 'b.mp4')} as {out / 'reels' / 'b.mp4'}",
    ]
    assert _everything(tmp_path) == before


def _undecodable(path: Path) -> Path:
    """A film whose container is whole (its frames all counted) and whose pictures' data is
    all zeros: no frame of it decodes."""
    data = bytearray(_film(path).read_bytes())
    box = data.index(b"mdat")
    size = int.from_bytes(data[box - 4 : box], "big")
    data[box + 4 : box - 4 + size] = bytes(size - 8)
    path.write_bytes(bytes(data))
    return path


def test_a_dry_run_decodes_each_films_first_frame_as_its_run_does(restore_video, tmp_path):
    """Seen before: a film whose frames were all there, none decodable, was said to be
    restored, and its run then failed."""
    reels = tmp_path / "reels"
    blank = _undecodable(reels / "blank.mp4")
    _film(reels / "good.mp4")
    out = tmp_path / "out"

    code, printed, _ = restore_video(reels, "-o", out, "--dry-run")

    assert code == 1
    lines = printed.splitlines()
    assert lines[0] == f"to restore: {Path('reels', 'good.mp4')} as {out / 'reels' / 'good.mp4'}"
    assert lines[-1] == "dry run, nothing written: 1 to restore, 1 would fail"
    name, why = lines[1].removeprefix("would fail: ").split(": ", 1)
    assert name == str(Path("reels", "blank.mp4"))

    code, _, err = restore_video(blank, "-o", f"{out}/")

    assert code == 1
    assert f"failed: blank.mp4: {why}" in err.splitlines()
