"""``restore-video`` with several films: distinct names decided up front, a film that fails
costs only itself, names too long for a file system, two runs of one command at once, and
what it says when it is given what it cannot take."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import numpy as np
import pytest
import torch

from engine.cli import films as cli_films
from engine.cli import main
from engine.errors import Cancelled, RekindleError
from engine.file_names import NAME_MAX
from engine.library.loading import load_model
from engine.retouch.marks import write_marks
from engine.video import VideoOptions, probe, restore_video
from engine.video import restore as video_restore
from engine.video.frames import LOST_RUN_FRAMES
from engine.video.segments import (
    KEY_CHARS,
    SOURCE_MARK,
    Journal,
    WorkFolder,
    remove_work_folders,
    work_folder,
)
from tests.fault_helpers import held_in_another_process
from tests.video_helpers import FailingRestorer, leftovers, lose_frames, make_clip

ROOT = Path(__file__).resolve().parents[1]


def _film(path: Path, frames: int = 6) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return make_clip(path, frames=frames, size=(64, 48), audio=None)


def damaged_in_the_middle(path: Path) -> Path:
    """A film whose header and packets read well and whose pictures but the first do not
    decode, more frames lost in a row than a film may lose (``LOST_RUN_FRAMES``): its damage
    is found only while it is restored."""
    frames = LOST_RUN_FRAMES + 2
    film = _film(path, frames=frames)
    lose_frames(film, range(1, frames))
    probe(film)  # the damage is not seen before the pictures are decoded
    return film


def test_films_that_would_share_a_name_get_distinct_ones_the_same_on_every_run(
    tmp_path, tiny_model_file, capsys
):
    first = _film(tmp_path / "a" / "x.mp4", frames=6)
    second = _film(tmp_path / "b" / "x.mp4", frames=8)
    out = tmp_path / "out"
    command = ["restore-video", str(first), str(second), "-o", str(out)]
    command += ["--model", str(tiny_model_file)]
    assert main(command) == 0
    printed = capsys.readouterr().out
    assert "renamed: x.mp4 saved as x (2).mp4 (x.mp4 was taken)" in printed
    assert "2 restored, 0 failed" in printed
    assert [probe(out / name).frames for name in ("x.mp4", "x (2).mp4")] == [6, 8]

    assert main([*command, "--overwrite"]) == 0  # each film over its own result
    assert sorted(p.name for p in out.iterdir()) == ["x (2).mp4", "x.mp4"]
    assert [probe(out / name).frames for name in ("x.mp4", "x (2).mp4")] == [6, 8]


def test_a_film_restored_into_its_own_folder_is_named_by_its_recipe(tmp_path, tiny_model_file):
    film = _film(tmp_path / "x.mp4", frames=3)
    command = ["restore-video", str(film), "-o", str(tmp_path), "--model", str(tiny_model_file)]
    assert main([*command, "--calm-grain"]) == 0
    assert sorted(p.name for p in tmp_path.glob("x*")) == ["x [tiny calm].mp4", "x.mp4"]


def test_a_film_that_fails_is_named_and_the_others_are_restored(tmp_path, tiny_model_file, capsys):
    unreadable = tmp_path / "bad.mp4"
    unreadable.write_bytes(b"not a film" * 100)
    damaged = damaged_in_the_middle(tmp_path / "damaged.mp4")
    good = [_film(tmp_path / "good1.mp4"), _film(tmp_path / "good2.mkv")]
    out = tmp_path / "out"
    films = [unreadable, good[0], damaged, good[1]]
    command = ["restore-video", *map(str, films), "-o", str(out), "--model", str(tiny_model_file)]
    assert main(command) == 1
    captured = capsys.readouterr()
    failures = [line for line in captured.err.splitlines() if line.startswith("failed: ")]
    assert [line.split(":")[1].strip() for line in failures] == ["bad.mp4", "damaged.mp4"]
    assert "not a film" in failures[0] and "damaged" in failures[1]
    assert "2 restored, 2 failed" in captured.out
    assert not list(out.glob(".*.rekindle"))  # no work left
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "good1.mp4",
        "good2.mkv",
    ]
    capsys.readouterr()
    assert main(command) == 1  # the batch did not finish: what it restored is left
    captured = capsys.readouterr()
    assert "did not finish: films it restored are skipped" in captured.err
    assert "0 restored, 2 skipped, 2 failed" in captured.out


def test_a_folder_of_films_restored_into_itself_by_its_parent_is_refused(tmp_path, capsys):
    films = tmp_path / "reels"
    film = _film(films / "one.mp4")
    assert main(["restore-video", str(films), "-o", str(tmp_path)]) == 2
    assert f"the results of {films} would go into {films} itself" in capsys.readouterr().err
    assert list(films.iterdir()) == [film]


def test_a_crf_the_codec_does_not_take_is_refused_before_any_film_is_looked_at(tmp_path, capsys):
    films = [_film(tmp_path / "in" / name) for name in ("one.mp4", "two.mp4")]
    out = tmp_path / "out"
    assert main(["restore-video", str(tmp_path / "in"), "-o", str(out), "--crf", "99"]) == 2
    said = capsys.readouterr().err
    assert said.count("the CRF must be between 0 and 51, not 99") == 1
    assert not out.exists()  # no folder, no batch marker
    assert all(film.exists() for film in films)


def test_a_one_frame_film_is_told_as_one_frame(tmp_path, tiny_model_file, capsys):
    film = _film(tmp_path / "still.mp4", frames=1)
    command = ["restore-video", str(film), "-o", str(tmp_path / "out.mp4")]
    assert main([*command, "--model", str(tiny_model_file)]) == 0
    assert f"{tmp_path / 'out.mp4'}: 1 frame, " in capsys.readouterr().out


def test_films_of_a_folder_are_named_by_their_paths_there(tmp_path, tiny_model_file, capsys):
    """Two ``reel.mp4`` of different subfolders read apart in what the run says."""
    for box in ("one", "two"):
        (tmp_path / "films" / box).mkdir(parents=True)
        (tmp_path / "films" / box / "reel.mp4").write_bytes(b"not a film" * 100)
    out = tmp_path / "out"
    command = ["restore-video", str(tmp_path / "films"), "-o", str(out)]
    assert main([*command, "--model", str(tiny_model_file)]) == 1
    failures = [line for line in capsys.readouterr().err.splitlines() if line.startswith("failed")]
    assert [line.split(": ")[1] for line in failures] == [
        str(Path("films", "one", "reel.mp4")),
        str(Path("films", "two", "reel.mp4")),
    ]


def test_a_folder_run_again_with_a_film_added_restores_the_new_one_alone(
    tmp_path, tiny_model_file, capsys
):
    films = tmp_path / "films"
    _film(films / "one.mp4")
    _film(films / "reel 2" / "two.mkv")
    (films / "notes.txt").write_text("not a film")
    out = tmp_path / "out"
    command = ["restore-video", str(films), "-o", str(out), "--model", str(tiny_model_file)]
    assert main(command) == 0
    results = out / "films"  # a folder's films keep their paths, as photos do
    before = {path: path.read_bytes() for path in results.rglob("*") if path.is_file()}
    assert sorted(path.relative_to(results).as_posix() for path in before) == [
        "one.mp4",
        "reel 2/two.mkv",
    ]
    _film(films / "three.mp4", frames=4)
    capsys.readouterr()

    assert main(command) == 0  # a finished film of the same settings is skipped, untouched
    captured = capsys.readouterr()
    assert sorted(line for line in captured.out.splitlines() if line.startswith("skipped")) == [
        f"skipped: {Path('films', *where)} ({where[-1]} is already there)"
        for where in (("one.mp4",), ("reel 2", "two.mkv"))
    ]
    assert "1 restored, 2 skipped, 0 failed" in captured.out

    (results / "three.mp4").unlink()
    assert main([*command, "--skip-existing"]) == 0
    printed = capsys.readouterr().out
    assert f"skipped: {Path('films', 'one.mp4')} (one.mp4 is already there)" in printed
    assert "1 restored, 2 skipped, 0 failed" in printed
    assert probe(results / "three.mp4").frames == 4
    assert {path: path.read_bytes() for path in before} == before


def test_results_never_replace_an_input_and_keep_their_names_as_films_join(
    tmp_path, tiny_model_file, capsys
):
    folder = tmp_path / "wedding"
    first = _film(folder / "clip.mp4", frames=4)
    original = first.read_bytes()
    command = ["restore-video", str(folder), "-o", str(tmp_path / "out")]
    command += ["--model", str(tiny_model_file)]
    assert main(command) == 0
    _film(folder / "clip.avi", frames=6)  # its result would be clip.mp4 too
    capsys.readouterr()
    assert main([*command, "--skip-existing"]) == 0
    assert (
        f"skipped: {Path('wedding', 'clip.mp4')} (clip.mp4 is already there)"
        in capsys.readouterr().out
    )
    results = tmp_path / "out" / "wedding"
    assert [probe(results / name).frames for name in ("clip.mp4", "clip (2).mp4")] == [4, 6]

    into_itself = [
        "restore-video",
        str(folder),
        str(first),
        "-o",
        str(folder / ".."),
        "--overwrite",
    ]
    assert main([*into_itself, "--model", str(tiny_model_file)]) == 2  # among the originals
    assert first.read_bytes() == original
    assert sorted(p.name for p in folder.iterdir()) == ["clip.avi", "clip.mp4"]


def test_a_folder_restored_into_itself_leaves_its_results_out_next_time(
    tmp_path, tiny_model_file, capsys
):
    films = tmp_path / "films"
    _film(films / "one.mp4")
    command = ["restore-video", str(films), "-o", str(films / "restored")]
    command += ["--model", str(tiny_model_file), "--skip-existing"]
    assert main(command) == 0
    assert main(command) == 0
    assert "0 restored, 1 skipped, 0 failed" in capsys.readouterr().out
    assert [p.relative_to(films).as_posix() for p in sorted(films.rglob("*.mp4"))] == [
        "one.mp4",
        "restored/films/one.mp4",
    ]


def test_a_folder_without_films_is_told(tmp_path, tiny_model_file, capsys):
    empty = tmp_path / "photos"
    empty.mkdir()
    (empty / "a.png").write_bytes(b"")
    command = ["restore-video", str(empty), "-o", str(tmp_path / "out")]
    assert main([*command, "--model", str(tiny_model_file)]) == 1
    captured = capsys.readouterr()
    said = "failed: photos: no films or frame sequences in this folder (.avi, .m4v, .mkv, .mov"
    assert said in captured.err
    assert "0 restored, 1 failed" in captured.out


def test_ctrl_c_still_stops_every_film(tmp_path, tiny_model_file, monkeypatch, capsys):
    started = []

    def interrupted(restorer, source, *args, **kwargs):
        started.append(Path(source).name)
        raise Cancelled()

    monkeypatch.setattr(cli_films, "restore_video", interrupted)
    films = [_film(tmp_path / "one.mp4"), _film(tmp_path / "two.mp4")]
    command = ["restore-video", *map(str, films), "-o", str(tmp_path / "out")]
    assert main([*command, "--model", str(tiny_model_file)]) == 130
    assert started == ["one.mp4"]
    assert "run the same command again to continue" in capsys.readouterr().err


def test_the_same_command_after_ctrl_c_leaves_the_films_it_finished(
    tmp_path, tiny_model_file, monkeypatch, capsys
):
    real = cli_films.restore_video

    def stopped_at_the_second(restorer, source, *args, **kwargs):
        if Path(source).name == "two.mp4":
            raise Cancelled()
        return real(restorer, source, *args, **kwargs)

    films = [_film(tmp_path / "one.mp4"), _film(tmp_path / "two.mp4")]
    command = ["restore-video", *map(str, films), "-o", str(tmp_path / "out")]
    command += ["--model", str(tiny_model_file)]
    with monkeypatch.context() as patch:
        patch.setattr(cli_films, "restore_video", stopped_at_the_second)
        assert main(command) == 130
    capsys.readouterr()
    assert main(command) == 0
    captured = capsys.readouterr()
    assert "did not finish: films it restored are skipped" in captured.err
    assert "1 restored, 1 skipped, 0 failed" in captured.out
    assert main(command) == 0  # that run finished: a third skips both, of the same settings
    assert "0 restored, 2 skipped, 0 failed" in capsys.readouterr().out


def test_a_numbered_result_name_too_long_for_the_file_system_is_cut_short(
    tmp_path, tiny_model_file, capsys
):
    stem = "a" * 250  # its second film's result, "a... (2).mp4", would be over 255 bytes
    folder = tmp_path / "in"
    for name in (f"{stem}.mp4", f"{stem}.avi", "short.mp4"):
        _film(folder / name)
    out = tmp_path / "out"
    (out / "in").mkdir(parents=True)  # a folder there: the name is asked of the file system
    command = ["restore-video", str(folder), "-o", str(out), "--model", str(tiny_model_file)]
    assert main(command) == 0
    assert "3 restored, 0 failed" in capsys.readouterr().out
    names = [path.name for path in (out / "in").iterdir()]
    assert f"{stem}.mp4" in names and sum(name.endswith(" (2).mp4") for name in names) == 1
    assert all(len(name.encode()) <= NAME_MAX for name in names)


def test_films_of_long_names_are_restored(tmp_path, tiny_model_file):
    """Names near the file system's 255 bytes: the work folder's and the part file's names
    (longer by their marks) are cut short, the result keeps its own."""
    film = _film(tmp_path / "film.mp4")
    out = tmp_path / "out"
    model = ["--model", str(tiny_model_file)]
    names = ["老電影" * 25 + ".mp4", "老電影" * 27 + ".mp4"]  # 229 and 247 bytes
    for name in names:
        assert main(["restore-video", str(film), "-o", str(out / name), *model]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(names)


def test_work_folders_of_long_names_fit_and_stay_apart(tmp_path):
    key = "0123456789abcdef" * 4
    names = ["老電影" * 80 + ".mp4", "老電影" * 80 + " (2).mp4"]
    folders = [work_folder(tmp_path / name, key) for name in names]
    assert all(len(os.fsencode(folder.name)) <= NAME_MAX for folder in folders)
    assert folders[0] != folders[1]
    assert folders[0] == work_folder(tmp_path / names[0], key)  # the same on every run
    short = work_folder(tmp_path / "film.mp4", key)
    assert short.name == f".film.mp4.{key[:16]}.rekindle"  # as earlier runs named it


def _hold(folder: Path) -> subprocess.Popen:
    """Another process holding ``folder`` as a run restoring into it does."""
    take = "from engine.video.segments import WorkLock\nheld = WorkLock.take(path)"
    return held_in_another_process(take, folder)


def test_a_second_run_refuses_while_the_first_works_and_a_killed_one_blocks_none(
    tmp_path, tiny_model_file, capsys
):
    film = _film(tmp_path / "film.mp4", frames=12)
    target = tmp_path / "out" / "film.mkv"
    options = VideoOptions(codec="ffv1", segment_frames=4)
    crashing = FailingRestorer(load_model(tiny_model_file), torch.device("cpu"), 8)
    with pytest.raises(RuntimeError, match="simulated crash"):
        restore_video(crashing, film, target, options)
    (work,) = target.parent.glob(".*.rekindle")
    segments = sorted(p.name for p in work.iterdir())

    holder = _hold(work)
    command = ["restore-video", str(film), "-o", str(target), "--model", str(tiny_model_file)]
    command += ["--codec", "ffv1", "--segment-frames", "4"]
    assert main(command) == 1
    refusal = f"being restored into the same file by another run (process {holder.pid}); wait"
    assert refusal in capsys.readouterr().err
    assert sorted(p.name for p in work.iterdir()) == segments  # its work left as it was

    holder.kill()
    holder.communicate()
    assert main(command) == 0
    assert re.search(r"film\.mkv: 12 frames, .*continued from frame 8", capsys.readouterr().out)
    assert leftovers(target.parent, {"film.mkv"}) == []


def test_a_finished_film_leaves_the_work_of_a_run_with_other_settings(tmp_path):
    target = tmp_path / "film.mp4"
    ours, theirs = (work_folder(target, key * 16) for key in ("a", "b"))
    for folder in (ours, theirs):
        folder.mkdir()
        (folder / "journal.json").write_text("{}")
    holder = _hold(theirs)
    try:
        remove_work_folders(target)
        assert not ours.exists() and (theirs / "journal.json").exists()
    finally:
        holder.kill()
        holder.communicate()
    remove_work_folders(target)  # its run is gone
    assert not theirs.exists()


def test_a_finished_film_clears_its_work_for_other_names_but_what_a_run_holds(tmp_path):
    def work(name: str, job: str, source: str) -> Path:
        """The work folder of a job for the result ``name`` of the input hashed ``source``."""
        key = f"{job * 64}{SOURCE_MARK}{source * KEY_CHARS}"
        folder = work_folder(tmp_path / name, key)
        folder.mkdir()
        WorkFolder(folder, ".mp4").save(Journal(key, frames=10, segment_frames=4))
        return folder

    ours = work("film [b].mp4", "a", "1")
    earlier = work("film [a].mp4", "b", "1")  # the same film, restored with other settings
    running = work("film [c].mp4", "c", "1")
    another = work("reel [a].mp4", "d", "2")  # another film's
    holder = _hold(running)
    try:
        remove_work_folders(tmp_path / "film [b].mp4")
        assert not ours.exists() and not earlier.exists()
        assert running.exists() and another.exists()
    finally:
        holder.kill()
        holder.communicate()


def test_a_films_name_for_several_films_or_a_folder_is_refused(tmp_path, capsys):
    films = [_film(tmp_path / "in" / "one.mp4"), _film(tmp_path / "in" / "two.mp4")]
    for inputs in (films, [tmp_path / "in"]):
        command = ["restore-video", *map(str, inputs), "-o", str(tmp_path / "both.mp4")]
        assert main(command) == 2
        assert "with several films or a folder, -o names a folder" in capsys.readouterr().err
    assert not (tmp_path / "both.mp4").exists()


def test_subtitles_an_output_type_cannot_hold_name_the_types_that_do(
    tmp_path, tiny_model_file, capsys
):
    film = make_clip(tmp_path / "film.mp4", frames=6, audio=None, subtitles="mov_text")
    model = ["--model", str(tiny_model_file)]
    assert main(["restore-video", str(film), "-o", str(tmp_path / "a.mkv"), *model]) == 1
    said = "the subtitle stream (mov_text) of film.mp4 cannot be copied into a .mkv file; "
    assert said + "write a .mp4 or .mov file instead" in capsys.readouterr().err
    ffv1 = ["restore-video", str(film), "-o", str(tmp_path / "a.mkv"), "--codec", "ffv1"]
    assert main([*ffv1, *model]) == 1
    assert said + "a .mp4 or .mov file holds it, which ffv1 cannot go into" in (
        capsys.readouterr().err
    )


def test_a_frame_preview_with_marks_of_another_size_says_they_are_the_films(tmp_path, capsys):
    film = _film(tmp_path / "clip.mp4")  # 64x48
    write_marks(tmp_path / "marks.png", np.zeros((10, 10), np.uint8))
    command = ["preview", str(film), "--frame", "1", "-o", str(tmp_path / "f.png")]
    assert main([*command, "--marks", str(tmp_path / "marks.png")]) == 2
    assert "the marks are 10x10, but the frames of clip.mp4 are 64x48" in capsys.readouterr().err


def test_a_film_that_fails_leaves_no_empty_folders_for_its_result(tmp_path, tiny_model_file):
    folder = tmp_path / "in"
    damaged_in_the_middle(folder / "reel 2" / "deep" / "damaged.mp4")
    _film(folder / "good.mp4")
    out = tmp_path / "out"
    command = ["restore-video", str(folder), "-o", str(out), "--model", str(tiny_model_file)]
    assert main(command) == 1
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.name[0] != ".") == [
        "in",
        "in/good.mp4",
    ]


def test_a_run_that_only_joins_the_frames_restored_before_tells_no_speed(
    tmp_path, tiny_model_file, capsys, monkeypatch
):
    film = _film(tmp_path / "film.mp4", frames=8)
    target = tmp_path / "out" / "film.mkv"
    command = ["restore-video", str(film), "-o", str(target), "--model", str(tiny_model_file)]

    def disk_full(*args: object) -> None:
        raise RekindleError("film.mp4: the restored film could not be written (the disk is full)")

    with monkeypatch.context() as patched:
        patched.setattr(video_restore, "join_segments", disk_full)
        assert main(command) == 1  # every frame restored, the film not written
    capsys.readouterr()
    assert main(command) == 0
    (told,) = [line for line in capsys.readouterr().out.splitlines() if "film.mkv:" in line]
    assert told.endswith("film.mkv: 8 frames, continued from frame 8")
    assert probe(target).frames == 8
