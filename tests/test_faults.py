"""Faults a real user meets: a disk that fills up, a read-only or missing folder, a process
killed mid-batch, two runs writing one folder, Ctrl+C. For each: the originals are untouched,
every output is whole and readable or absent, the next run leaves no partial files and
finishes the job, and the person reads one clear sentence and the right exit status."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import cv2
import numpy as np
import pytest

from engine import cli as engine_cli
from engine.atomic import publish, write_bytes_atomically
from engine.errors import WriteError
from engine.file_names import NAME_MAX
from engine.leftovers import STALE_SECONDS, part_name, remove_leftovers
from engine.library.loading import load_model
from engine.library.own_format import save_model
from engine.networks import UNetGenerator
from engine.unfinished import MARKER_SUFFIX
from engine.video import probe
from engine.video import restore as video_restore
from tests.conftest import photo_path
from tests.fault_helpers import (
    files_of,
    fill_the_disk_after,
    lose_bytes_silently,
    make_read_only,
    part_files,
    results_in,
)
from tests.training_helpers import press_ctrl_c_at_step, tiny_dataset
from tests.video_helpers import decoded_frames, make_clip, tiny_restorer
from training import cli as training_cli
from training.checkpoint import checkpoint_path, load_checkpoint, save_checkpoint
from training.metrics_log import metrics_path, read_records
from training.pack_format import read_pack, write_pack

ROOT = Path(__file__).resolve().parents[1]
FORMATS = (".png", ".jpg", ".tif", ".webp", ".bmp")
TRAIN_SMALL = ["--width", "8", "--depth", "1", "--up-width", "8", "--disc-width", "8"]
TRAIN_SMALL += ["--disc-depth", "2", "--batch", "2", "--warmup-steps", "2", "--steps", "2"]


def _photo(path: Path, index: int, side: tuple[int, int] = (48, 32)) -> Path:
    """A small real photo (kodak24 number ``index``) at ``path``, in its extension's format."""
    path.parent.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(path), cv2.resize(cv2.imread(str(photo_path(index))), side))
    return path


def _album(folder: Path, count: int, side: tuple[int, int] = (48, 32)) -> Path:
    """``count`` small real photos, in every format Rekindle writes, in turn."""
    for index in range(count):
        _photo(folder / f"p{index:02d}{FORMATS[index % len(FORMATS)]}", index % 4, side)
    return folder


def _restore(*args: str | Path, model: Path) -> list[str]:
    return ["restore", *map(str, args), "--model", str(model), "--scale-out", "1"]


def _engine(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "engine", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for(process: subprocess.Popen, ready: Callable[[], bool]) -> None:
    """Until ``ready()`` holds (the process must still be running meanwhile)."""
    while not ready():
        assert process.poll() is None, process.communicate()
        time.sleep(0.005)


def _started(out: Path) -> bool:
    """Whether a batch has started writing into ``out`` (its marker is there)."""
    return out.is_dir() and any(p.name.endswith(MARKER_SUFFIX) for p in out.iterdir())


# -- a disk that fills up ------------------------------------------------------------------


def test_a_disk_full_mid_batch_saves_nothing_cut_off_and_the_rerun_finishes(
    tmp_path, tiny_model_file, monkeypatch, capsys
):
    album = _album(tmp_path / "album", 5)
    originals = files_of(album)
    out = tmp_path / "out"
    fill_the_disk_after(monkeypatch, 600)  # every format's result is larger than this
    assert engine_cli.main(_restore(album, "-o", out, model=tiny_model_file)) == 1
    captured = capsys.readouterr()
    failures = [line for line in captured.err.splitlines() if line.startswith("failed:")]
    assert len(failures) == 1  # a full disk stops the batch: no photo after it is restored
    assert all(line.endswith("cannot be saved (the disk is full)") for line in failures)
    assert "0 restored, 1 failed" in captured.out
    assert "stopped: the disk is full" in captured.out
    assert results_in(out) == [] and part_files(out) == []

    monkeypatch.undo()  # room again: the next run restores what failed, and nothing twice
    assert engine_cli.main(_restore(album, "-o", out, model=tiny_model_file)) == 0
    assert "did not finish" in capsys.readouterr().err
    assert [p.name for p in results_in(out)] == sorted(p.name for p in album.iterdir())
    assert part_files(out) == [] and files_of(album) == originals


def test_bytes_the_disk_lost_silently_are_caught_before_the_photo_counts(
    tmp_path, tiny_model_file, monkeypatch, capsys
):
    album = _album(tmp_path / "album", 2)
    out = tmp_path / "out"
    lose_bytes_silently(monkeypatch)
    assert engine_cli.main(_restore(album, "-o", out, model=tiny_model_file)) == 1
    captured = capsys.readouterr()
    assert "0 restored, 2 failed" in captured.out
    assert "what reached the disk is incomplete" in captured.err
    assert results_in(out) == [] and part_files(out) == []


def _full_after_20_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    fill_the_disk_after(monkeypatch, 20)


@pytest.mark.parametrize(
    ("fault", "reason"),
    [(_full_after_20_bytes, "the disk is full"), (lose_bytes_silently, "what reached the disk")],
    ids=["disk-full", "cut-off"],
)
def test_model_files_and_checkpoints_are_written_whole_or_not_at_all(
    tmp_path, monkeypatch, fault, reason
):
    network = UNetGenerator(width=4, up_width=4)
    model = save_model(network, tmp_path / "m.safetensors", display_name="m")
    checkpoint = tmp_path / "m.ckpt"
    state = {"config": "{}", "step": 1, "generator": {}, "discriminator": {}}
    save_checkpoint({**state, "opt_g": {}, "opt_d": {}, "sampler": {}}, checkpoint)
    corpus = tmp_path / "m.rkpack"
    image = cv2.imencode(".png", np.zeros((8, 8, 3), np.uint8))[1].tobytes()
    write_pack(corpus, {"images": [{"file": "black.png", "width": 8, "height": 8}]}, [image])
    before = files_of(tmp_path)
    fault(monkeypatch)
    with pytest.raises(WriteError, match=rf"^m\.safetensors: cannot be saved \({reason}"):
        save_model(network, model, display_name="m")
    with pytest.raises(WriteError, match=rf"^m\.ckpt: cannot be saved \({reason}"):
        save_checkpoint(state, checkpoint)
    with pytest.raises(WriteError, match=rf"^m\.rkpack: cannot be saved \({reason}"):
        write_pack(corpus, {"images": []}, [])
    assert files_of(tmp_path) == before
    assert (
        load_model(model).descriptor.display_name == "m"
        and load_checkpoint(checkpoint)["step"] == 1
    )
    assert len(read_pack(corpus)) == 1


# -- folders that cannot take the results --------------------------------------------------


def test_a_read_only_destination_is_one_sentence_before_any_work(
    tmp_path, tiny_model_file, monkeypatch, capsys
):
    album = _album(tmp_path / "album", 1)
    film = tmp_path / "film.mp4"
    film.write_bytes(b"")  # never opened: the destination is refused first
    out = tmp_path / "locked"
    make_read_only(out, monkeypatch)
    try:
        assert engine_cli.main(_restore(album, "-o", out, model=tiny_model_file)) == 2
        video = ["restore-video", str(film), "-o", str(out / "f.mp4"), "--model", "none"]
        assert engine_cli.main(video) == 2  # refused before the (unknown) model is opened
        train = ["train", str(tmp_path / "album"), "--out", str(out / "m.safetensors")]
        assert training_cli.main(train) == 2  # before the dataset is even looked at
    finally:
        out.chmod(0o755)
    captured = capsys.readouterr()
    sentences = (captured.out + captured.err).splitlines()
    assert sentences == [f"error: cannot write into {out} (permission denied)"] * 3
    assert list(out.iterdir()) == []


def test_a_full_destination_and_missing_inputs_are_one_sentence(tmp_path, monkeypatch, capsys):
    out = tmp_path / "new" / "folder"  # missing: it is made when the first file is written
    missing = tmp_path / "nowhere"
    commands = [
        (engine_cli.main, ["restore", str(missing), "-o", str(out)]),
        (engine_cli.main, ["restore-video", str(missing), "-o", str(out / "f.mp4")]),
        (engine_cli.main, ["split", str(missing), "-o", str(out)]),
        (training_cli.main, ["prepare", str(missing), str(out)]),
        (training_cli.main, ["pack", str(missing), str(out / "p.rkpack")]),
        (training_cli.main, ["train", str(missing), "--out", str(out / "m.safetensors")]),
    ]
    for main, args in commands:
        assert main(args) == 2
        captured = capsys.readouterr()
        assert (captured.out + captured.err).strip() == f"error: {missing}: no such file or folder"

    monkeypatch.setattr(shutil, "disk_usage", lambda _: SimpleNamespace(total=1, used=1, free=0))
    video = ["restore-video", str(tmp_path), "-o", str(out)]  # a folder of films
    assert engine_cli.main(video) == 2
    train = ["train", str(tmp_path), "--out", str(out / "m.safetensors")]
    assert training_cli.main(train) == 2
    captured = capsys.readouterr()
    expected = f"error: {out}: only 0 MB free; make room or choose another folder"
    assert (captured.out + captured.err).splitlines() == [expected] * 2
    assert not (tmp_path / "new").exists()


# -- killed, interrupted, and two at once --------------------------------------------------


def test_a_batch_killed_at_a_random_point_is_finished_by_the_next_run(
    tmp_path, tiny_model_file, capsys
):
    album = _album(tmp_path / "album", 20, side=(96, 64))
    originals = files_of(album)
    out = tmp_path / "out"
    chance = random.Random(os.getpid())
    done, delay = chance.randrange(8), chance.uniform(0.0, 0.05)  # a random point of the batch
    process = _engine(*_restore(album, "-o", out, model=tiny_model_file))
    _wait_for(process, lambda: _started(out) and len(list(out.rglob("p*"))) >= done)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.communicate()
    assert process.returncode == -signal.SIGKILL
    results_in(out)  # whatever the kill left is whole (part files aside)

    assert engine_cli.main(_restore(album, "-o", out, model=tiny_model_file)) == 0, (done, delay)
    captured = capsys.readouterr()
    assert "did not finish: photos it restored are skipped" in captured.err
    names = [p.relative_to(out / "album").as_posix() for p in results_in(out)]
    assert names == sorted(p.name for p in album.iterdir()), (done, delay)  # none twice or lost
    assert part_files(out) == [] and files_of(album) == originals
    assert not any(p.name.endswith(MARKER_SUFFIX) for p in out.iterdir())


def _journal_segments(out: Path) -> int:
    """How many finished segments the film's journal in ``out`` lists (0 before it exists)."""
    for journal in out.glob(".*.rekindle/journal.json"):
        try:
            return len(json.loads(journal.read_text())["segments"])
        except (OSError, ValueError):
            return 0  # being replaced this moment
    return 0


def test_a_film_killed_at_a_random_point_resumes_and_matches_a_whole_run(
    tmp_path, tiny_model_file, capsys
):
    film = make_clip(tmp_path / "film.mp4", frames=72, size=(64, 48), audio=None)
    original = film.read_bytes()
    args = ["--model", str(tiny_model_file), "--scale-out", "2", "--codec", "ffv1"]
    whole = tmp_path / "whole.mkv"
    assert engine_cli.main(["restore-video", str(film), "-o", str(whole), *args]) == 0
    out = tmp_path / "out"
    target = out / "film.mkv"
    command = ["restore-video", str(film), "-o", str(target), *args, "--segment-seconds", "0"]
    segments = random.Random(os.getpid()).randrange(1, 30)  # a random point of the film
    process = _engine(*command)
    _wait_for(process, lambda: _journal_segments(out) >= segments)
    process.send_signal(signal.SIGKILL)
    process.communicate()
    assert not target.exists()
    capsys.readouterr()

    assert engine_cli.main(command) == 0, segments
    resumed = re.search(r"continued from frame (\d+)", capsys.readouterr().out)
    assert resumed and int(resumed.group(1)) >= segments  # one frame a segment
    assert [t for t, _ in decoded_frames(target)] == [t for t, _ in decoded_frames(whole)]
    for (_, a), (_, b) in zip(decoded_frames(target), decoded_frames(whole), strict=True):
        assert np.array_equal(a, b)
    assert film.read_bytes() == original
    assert sorted(p.name for p in out.iterdir()) == ["film.mkv"]  # no work folder, no part


def test_ctrl_c_stops_a_batch_with_status_130_and_says_how_to_go_on(tmp_path, tiny_model_file):
    album = _album(tmp_path / "album", 20, side=(96, 64))
    out = tmp_path / "out"
    process = _engine(*_restore(album, "-o", out, model=tiny_model_file))
    _wait_for(process, lambda: _started(out))
    process.send_signal(signal.SIGINT)
    _, err = process.communicate()
    assert process.returncode == 130, err
    assert "stopped before the end; run the same command again" in err
    assert "Traceback" not in err
    results_in(out)
    assert part_files(out) == []


def test_two_runs_writing_one_folder_both_keep_their_results(tmp_path, tiny_model_file):
    sources = [_photo(tmp_path / f"camera{index}" / "photo.png", index) for index in range(2)]
    out = tmp_path / "out"
    runs = [_engine(*_restore(source, "-o", out, model=tiny_model_file)) for source in sources]
    outputs = [run.communicate() for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert [p.name for p in results_in(out)] == ["photo (2).png", "photo.png"]
    assert (out / "photo.png").read_bytes() != (out / "photo (2).png").read_bytes()
    renamed = [out for out, _ in outputs if "renamed: photo.png saved as photo (2).png" in out]
    assert len(renamed) == 1


def test_a_film_never_replaces_a_file_that_took_its_name_meanwhile(tmp_path, monkeypatch):
    film = make_clip(tmp_path / "film.mp4", frames=2, size=(32, 24), audio=None)
    target = tmp_path / "out" / "film.mp4"
    real = video_restore.join_segments

    def join_while_another_run_finishes(*args: object) -> None:
        real(*args)
        target.write_bytes(b"another run's film")

    monkeypatch.setattr(video_restore, "join_segments", join_while_another_run_finishes)
    report = video_restore.restore_video(tiny_restorer(tmp_path), film, target)
    assert report.target == target.with_name("film (2).mp4")
    assert target.read_bytes() == b"another run's film"
    assert probe(report.target).frames == 2
    assert sorted(p.name for p in target.parent.iterdir()) == ["film (2).mp4", "film.mp4"]


def test_publishing_at_once_under_one_name_gives_distinct_names(tmp_path):
    target = tmp_path / "photo.png"
    target.write_bytes(b"someone else's")
    temps = []
    for index in range(8):
        temps.append(part_name(target))
        temps[-1].write_bytes(bytes([index]) * 10)
    names: list[Path] = []
    threads = [
        threading.Thread(target=lambda t=t: names.append(publish(t, target, replace=False)))
        for t in temps
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(names)) == 8 and target.read_bytes() == b"someone else's"
    assert sorted(p.read_bytes()[0] for p in names) == list(range(8))
    assert part_files(tmp_path) == []


def test_leftovers_of_dead_or_old_writers_go_and_live_ones_stay(tmp_path):
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    dead = tmp_path / f".a.png.{gone.stdout.strip()}-0123abcd.part"
    old = tmp_path / ".b.png.0123abcd.part"  # an older Rekindle's name, without a pid
    live = part_name(tmp_path / "c.png")  # this process's: being written
    for path in (dead, old, live):
        path.write_bytes(b"half")
    os.utime(old, (time.time() - STALE_SECONDS - 60,) * 2)
    write_bytes_atomically(tmp_path / "d.bin", b"whole")  # the first write here sweeps
    assert part_files(tmp_path) == [live]
    assert (tmp_path / "d.bin").read_bytes() == b"whole"


def test_a_name_near_the_limit_is_written_under_a_part_name_that_fits(tmp_path):
    """The part file's marks would take a 247-byte name past 255 bytes: its name is cut
    short, and a sweep still knows it for a leftover."""
    target = tmp_path / ("老電影" * 27 + ".bin")
    write_bytes_atomically(target, b"whole")
    assert target.read_bytes() == b"whole"
    parts = [part_name(target) for _ in range(2)]
    assert all(len(os.fsencode(part.name)) <= NAME_MAX for part in parts)
    assert parts[0] != parts[1]
    parts[0].write_bytes(b"half")
    os.utime(parts[0], (time.time() - STALE_SECONDS - 60,) * 2)  # a day old: a leftover
    assert remove_leftovers(tmp_path) == [parts[0]]


def _steps_recorded(model: Path) -> int:
    return len(read_records(metrics_path(model)))


def test_training_killed_at_a_random_point_resumes_from_its_checkpoint(tmp_path):
    dataset = tiny_dataset(tmp_path)
    out = tmp_path / "m.safetensors"
    small = [*TRAIN_SMALL[:-4], "--warmup-steps", "20", "--steps", "40"]
    args = ["train", str(dataset), "--out", str(out), *small, "--checkpoint-every", "3"]
    step = random.Random(os.getpid()).randrange(4, 50)  # a random point of the run
    process = subprocess.Popen(
        [sys.executable, "-m", "training", *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    _wait_for(process, lambda: _steps_recorded(out) >= step)
    process.send_signal(signal.SIGKILL)
    process.communicate()
    done = load_checkpoint(checkpoint_path(out))["step"]
    assert step - 3 <= done <= _steps_recorded(out)  # at most the steps since a checkpoint lost

    assert training_cli.main([*args, "--resume"]) == 0, step
    assert load_model(out).descriptor.training["steps_done"] == 60
    steps = [r["step"] for r in read_records(metrics_path(out)) if r["type"] == "step"]
    assert steps == list(range(1, 61))  # each step once: those after the checkpoint redone
    assert part_files(tmp_path) == []


def test_training_interrupted_exits_130_and_resumes(tmp_path, monkeypatch, capsys):
    dataset = tiny_dataset(tmp_path)
    out = tmp_path / "models" / "new" / "m.safetensors"  # a folder that does not exist yet
    args = ["train", str(dataset), "--out", str(out), *TRAIN_SMALL]
    press_ctrl_c_at_step(monkeypatch, 2)
    assert training_cli.main(args) == 130
    captured = capsys.readouterr()
    assert "stopped at step 2; run the same command again to continue" in captured.err
    assert load_model(out).descriptor.training["steps_done"] == 2
    monkeypatch.undo()
    assert training_cli.main([*args, "--resume"]) == 0
    assert load_model(out).descriptor.training["steps_done"] == 4
    assert part_files(out.parent) == []
