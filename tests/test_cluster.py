"""Restoring on a Ray cluster, on loopback: a cluster of two worker processes restores a film as
one machine does, loses a worker in the middle of a segment, loses its driver and goes on,
restores a folder of photos; and the command line says why when it cannot reach one."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import cv2
import numpy as np
import psutil
import pytest
import torch

import engine.cluster.films
from engine import cli as engine_cli
from engine.batch import Job, restore_picture
from engine.chain import ModelRequest
from engine.devices import pick_device
from engine.library.own_format import save_model
from engine.networks import UNetGenerator
from engine.restorer import RestoreOptions, Restorer
from engine.retouch.marks import write_marks
from engine.video import probe
from tests.test_video_cli import damaged_in_the_middle
from tests.video_helpers import PanWithDirt, decoded_frames, make_clip, stream_packets

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
RAY = Path(sys.executable).parent / "ray"
HEAD_SECONDS = 60
SEGMENT = ["--segment-frames", "8"]


@pytest.fixture(scope="module", autouse=True)
def without_tokens() -> Iterator[None]:
    """Clusters and drivers without Ray's token authentication, whatever ~/.ray holds (a
    token there turns it on for ``ray start``, but not for a driver given an address)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RAY_AUTH_MODE", "disabled")
        yield


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def head() -> Iterator[str]:
    """The address of a Ray cluster of one machine with two worker processes (two CPUs),
    started for this module as ``ray start --head`` starts one on a real machine."""
    with ray_head(cpus=2) as address:
        yield address


@contextmanager
def ray_head(cpus: int, **env: str) -> Iterator[str]:
    """The address of a Ray head with ``cpus`` worker processes, started with ``env`` added to
    this process's environment, and stopped with the block."""
    port = _free_port()
    command = [str(RAY), "start", "--head", "--block", f"--port={port}", f"--num-cpus={cpus}"]
    command += ["--num-gpus=0", "--include-dashboard=false", "--disable-usage-stats"]
    environment = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0", **env}
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, stopped whole below
    )
    address = f"127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + HEAD_SECONDS
        while not _answers(port):
            assert process.poll() is None and time.monotonic() < deadline, "no Ray head"
            time.sleep(0.1)
        yield address
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _answers(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.fixture(scope="module")
def film(tmp_path_factory) -> Path:
    """48 frames in groups of 12 (mpeg4's default), with sound and subtitles: each group
    longer than a segment (8 frames), so cut in two: eight segments of 6 frames."""
    folder = tmp_path_factory.mktemp("film")
    return make_clip(
        folder / "film.mkv",
        frames=48,
        size=(96, 64),
        codec="mpeg4",
        audio="pcm_s16le",
        subtitles="subrip",
    )


@pytest.fixture(scope="module")
def model(tmp_path_factory) -> Path:
    """A small 4x model, slow enough on these frames that a segment takes a moment."""
    torch.manual_seed(0)
    network = UNetGenerator(scale=4, width=8, depth=2, convs=1, up_width=8)
    return save_model(
        network, tmp_path_factory.mktemp("model") / "tiny.safetensors", display_name="Tiny"
    )


@contextmanager
def _threads(count: int) -> Iterator[None]:
    """Torch on ``count`` threads, as a worker's: oneDNN's convolutions add up in an order
    that depends on the threads, so a result may round a value the other way on others."""
    before = torch.get_num_threads()
    torch.set_num_threads(count)
    try:
        yield
    finally:
        torch.set_num_threads(before)


@pytest.fixture(scope="module")
def whole(film, model, tmp_path_factory) -> Path:
    """The film restored on one machine, losslessly, on one thread as the head's workers
    (one CPU each)."""
    target = tmp_path_factory.mktemp("whole") / "film.mkv"
    with _threads(1):
        assert engine_cli.main(_video(film, target, model)) == 0
    return target


def _video(film: Path, target: Path, model: Path, *extra: str) -> list[str]:
    args = ["restore-video", str(film), "-o", str(target), "--model", str(model)]
    return [*args, "--codec", "ffv1", "--scale-out", "2", *SEGMENT, *extra]


def _same_film(ours: Path, theirs: Path) -> None:
    """The same frames at the same times, and the same sound and subtitles."""
    frames, expected = decoded_frames(ours), decoded_frames(theirs)
    assert [t for t, _ in frames] == [t for t, _ in expected]
    for (_, a), (_, b) in zip(frames, expected, strict=True):
        np.testing.assert_array_equal(a, b)
    for kind in ("audio", "subtitle"):
        assert [[(p.data, p.seconds) for p in s] for s in stream_packets(ours, kind)] == [
            [(p.data, p.seconds) for p in s] for s in stream_packets(theirs, kind)
        ]


def _workers(out: str) -> dict[str, tuple[int, int]]:
    """The run's summary: segments and frames of each worker."""
    lines = re.findall(r"^worker (\S+): (\d+) segments?, (\d+) frames?$", out, re.MULTILINE)
    return {name: (int(segments), int(frames)) for name, segments, frames in lines}


def test_two_workers_restore_a_film_as_one_machine_does(film, model, whole, head, tmp_path, capsys):
    original = film.read_bytes()
    capsys.readouterr()
    target = tmp_path / "out" / "film.mkv"
    assert engine_cli.main(_video(film, target, model, "--cluster", head)) == 0
    captured = capsys.readouterr()
    assert "on a cluster of 2 workers on 1 machine" in captured.err
    workers = _workers(captured.out)
    assert len(workers) >= 2  # the segments were shared out (Ray may start a fresh process)
    assert sum(s for s, _ in workers.values()) == 8 and sum(f for _, f in workers.values()) == 48
    _same_film(target, whole)
    assert film.read_bytes() == original
    assert sorted(p.name for p in target.parent.iterdir()) == ["film.mkv"]  # no work left


def test_a_films_cleanup_goes_on_a_cluster_as_on_one_machine(model, head, tmp_path, capsys):
    """Each segment's worker decodes the frames beside its ends, to compare them with, and
    fills the marked places on every frame as one machine does."""
    dusty = make_clip(
        tmp_path / "dusty.mkv",
        frames=48,
        size=(160, 96),
        codec="mpeg4",
        audio=None,
        look=PanWithDirt(6, np.s_[20:26, 30:36], [1.0, 1.2, 0.9, 1.1] * 12),  # 6 opens a segment
    )
    marks = np.zeros((96, 160), np.uint8)
    marks[60:70, 100:104] = 255
    write_marks(tmp_path / "gate.png", marks)
    gate_marks = ("--marks", str(tmp_path / "gate.png"))
    cleanup = ("--remove-dust", "--steady-flicker", "--calm-grain")
    here, plain, unmarked = (tmp_path / f"{name}.mkv" for name in ("here", "plain", "unmarked"))
    with _threads(1):
        assert engine_cli.main(_video(dusty, here, model, *cleanup, *gate_marks)) == 0
        assert engine_cli.main(_video(dusty, unmarked, model, *cleanup)) == 0
        assert engine_cli.main(_video(dusty, plain, model)) == 0
    target = tmp_path / "out" / "dusty.mkv"
    cluster = ("--cluster", head)
    assert engine_cli.main(_video(dusty, target, model, *cleanup, *gate_marks, *cluster)) == 0
    _same_film(target, here)
    cleaned, dirty = decoded_frames(here)[6][1], decoded_frames(plain)[6][1]
    assert not np.array_equal(cleaned, dirty)
    scale = cleaned.shape[0] // 96
    gate = np.s_[60 * scale : 70 * scale, 100 * scale : 104 * scale]  # marked
    assert not np.array_equal(cleaned[gate], decoded_frames(unmarked)[6][1][gate])


def test_a_film_that_fails_on_a_cluster_costs_only_itself(
    film, model, head, tmp_path, capsys, monkeypatch
):
    """The films go out in one run, so workers need not wait for a film's last segment;
    the damaged one's failure still leaves the other to finish."""
    runs = []
    real = engine.cluster.films.restore_films

    def one_run(*args, **kwargs):
        runs.append([source.name for source, _target in args[3]])
        return real(*args, **kwargs)

    monkeypatch.setattr(engine.cluster.films, "restore_films", one_run)
    damaged = damaged_in_the_middle(tmp_path / "damaged.mp4")
    out = tmp_path / "out"
    args = _video(damaged, out, model, "--cluster", head)
    args.insert(2, str(film))  # damaged.mp4, then film.mkv
    assert engine_cli.main(args) == 1
    assert runs == [["damaged.mp4", "film.mkv"]]
    captured = capsys.readouterr()
    assert re.search(r"^failed: damaged\.mp4: .*damaged", captured.err, re.MULTILINE)
    assert "1 restored, 1 failed" in captured.out
    assert not list(out.glob(".*.rekindle"))  # no work left
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["film.mkv"]
    assert probe(out / "film.mkv").frames == 48


KILL_TRIES = 3  # workers killed at most, looking for one in the middle of a segment
ATTEMPTS = 3  # films restored at most, looking for a kill in the middle of a segment


def _work_folder(out: Path) -> Path | None:
    return next((p for p in out.glob(".*.rekindle") if p.is_dir()), None)


def _writing(pid: int, part: Path) -> bool:
    """Whether process ``pid`` still has ``part`` open: it is encoding that segment. (A worker
    that has returned its segment leaves the part file for the driver to rename, so the file
    alone does not tell.)"""
    try:
        return any(Path(f.path) == part for f in psutil.Process(pid).open_files())
    except psutil.Error:
        return False  # gone or finished this moment


def _restore_killing_a_worker(film: Path, model: Path, head: str, out: Path) -> list[int]:
    """Restore ``film`` into ``out`` on the cluster while SIGKILLing a worker seen encoding a
    segment into the work folder (its pid is in the part file's name) once it has written
    some of it; return the workers killed in the middle of a segment. A worker may close its
    segment between the look and the kill and return it; another is then looked for: only a
    kill that leaves the part file behind, never renamed, was in the middle of a segment."""
    killed: list[int] = []
    stop = threading.Event()

    def kill_a_worker() -> None:
        tries = 0
        while not stop.is_set() and not killed and tries < KILL_TRIES:
            work = _work_folder(out)
            for part in work.glob("segment-*.*.partial.mkv") if work else ():
                pid = int(part.name.split(".")[1])
                try:
                    begun = part.stat().st_size > 0
                except OSError:
                    continue  # renamed this moment
                if begun and _writing(pid, part):
                    os.kill(pid, signal.SIGKILL)
                    tries += 1
                    if part.exists():  # a killed worker returns nothing for the driver to rename
                        killed.append(pid)
                    break
            time.sleep(0.002)

    watcher = threading.Thread(target=kill_a_worker)
    watcher.start()
    try:
        assert engine_cli.main(_video(film, out / "film.mkv", model, "--cluster", head)) == 0
    finally:
        stop.set()
        watcher.join()
    return killed


def test_a_worker_killed_in_a_segment_loses_only_that_segment(
    film, model, whole, head, tmp_path, capsys
):
    """On a loaded machine every segment may end before the watcher catches one under way:
    then the film is restored again, into a fresh folder, until a kill lands in one."""
    for attempt in range(ATTEMPTS):
        out = tmp_path / f"out{attempt}"
        killed = _restore_killing_a_worker(film, model, head, out)
        captured = capsys.readouterr()
        if killed:
            break
    assert killed, f"no worker was caught in the middle of a segment in {ATTEMPTS} films"
    target = out / "film.mkv"
    again = re.search(
        r"^(\d+) segments? ran again after (its|their) worker was lost$", captured.out, re.M
    )
    assert again and 1 <= int(again[1]) <= KILL_TRIES  # a kill just too late may count too
    assert sum(s for s, _ in _workers(captured.out).values()) == 8  # the lost ones not counted
    _same_film(target, whole)
    assert sorted(p.name for p in out.iterdir()) == ["film.mkv"]


def _recorded(out: Path) -> int:
    """Segments the film's journal in ``out`` lists (0 before there is one)."""
    work = _work_folder(out)
    try:
        return len(json.loads((work / "journal.json").read_text())["segments"]) if work else 0
    except (OSError, ValueError):
        return 0  # being replaced this moment


def test_a_driver_killed_and_run_again_restores_only_what_is_missing(
    film, model, whole, head, tmp_path, capsys
):
    out = tmp_path / "out"
    target = out / "film.mkv"
    command = _video(film, target, model, "--cluster", head)
    driver = subprocess.Popen(
        [sys.executable, "-m", "engine", *command],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    while _recorded(out) < 2:
        assert driver.poll() is None, driver.communicate()
        time.sleep(0.005)
    driver.send_signal(signal.SIGKILL)
    driver.communicate()
    assert not target.exists()
    done_before = _recorded(out)

    capsys.readouterr()
    assert engine_cli.main(command) == 0
    captured = capsys.readouterr()
    resumed = re.search(r", (\d+) frames done by an earlier run", captured.out)
    assert resumed and int(resumed.group(1)) >= 6 * done_before
    restored = sum(frames for _, frames in _workers(captured.out).values())
    assert restored == 48 - int(resumed.group(1))  # nothing made twice
    _same_film(target, whole)
    assert sorted(p.name for p in out.iterdir()) == ["film.mkv"]


def _album(folder: Path) -> Path:
    """Six small photos (PNG, JPEG, TIFF) in a folder and a subfolder, and a damaged one."""
    rng = np.random.default_rng(3)
    for index in range(6):
        suffix = (".png", ".jpg", ".tif")[index % 3]
        path = folder / ("inner" if index % 2 else "") / f"p{index}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        picture = cv2.GaussianBlur(rng.integers(0, 256, (24, 32, 3), np.uint8), (5, 5), 0)
        cv2.imwrite(str(path), picture)
    (folder / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(40))
    return folder


def _results(folder: Path) -> dict[str, np.ndarray]:
    return {
        p.relative_to(folder).as_posix(): cv2.imread(str(p), cv2.IMREAD_UNCHANGED)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".")  # the unfinished batch's marker
    }


def test_a_folder_of_photos_on_a_local_cluster_of_two(model, tmp_path, capsys):
    album = _album(tmp_path / "album")
    args = ["--model", str(model), "--scale-out", "2"]
    with _threads(max(1, (os.cpu_count() or 1) // 2)):  # a worker of local:2's share
        assert engine_cli.main(["restore", str(album), "-o", str(tmp_path / "one"), *args]) == 1
    single = capsys.readouterr()
    many = ["restore", str(album), "-o", str(tmp_path / "many"), *args, "--cluster", "local:2"]
    assert engine_cli.main(many) == 1  # the damaged photo failed, the rest are saved
    cluster = capsys.readouterr()
    assert "on a cluster of 2 workers on 1 machine (local:2)" in cluster.err
    assert "6 restored, 1 failed" in cluster.out
    failed = [line for line in cluster.err.splitlines() if line.startswith("failed:")]
    assert failed == [line for line in single.err.splitlines() if line.startswith("failed:")]
    assert len(failed) == 1 and "broken.png" in failed[0]
    ours, theirs = _results(tmp_path / "many"), _results(tmp_path / "one")
    assert sorted(ours) == sorted(theirs) and len(ours) == 6
    for name, pixels in ours.items():
        np.testing.assert_array_equal(pixels, theirs[name])


ONE_PHOTO_DRIVER = """
import sys
from pathlib import Path

import numpy as np

from engine.batch import Job
from engine.chain import ModelRequest
from engine.cluster.connect import open_cluster
from engine.cluster.photos import restore_one_photo
from engine.cluster.shipping import pack_setup, share_setup
from engine.errors import Cancelled, RekindleError
from engine.progress import CancelToken, Progress
from engine.restorer import RestoreOptions

head, model, album, out = sys.argv[1], sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4])
options = RestoreOptions(scale_out=2)
with open_cluster(head) as cluster:
    setup = share_setup(pack_setup(ModelRequest(model), device="cpu", tile=0, threads=1))
    photo = Job(album / "p0.png", out / "p0.png")
    restored = restore_one_photo(cluster, setup, photo, options, Progress())
    np.save(out / "restored.npy", restored.pixels)
    broken = Job(album / "broken.png", out / "b.png")
    try:
        restore_one_photo(cluster, setup, broken, options, Progress())
    except RekindleError as error:
        print("failed:", error)
    token = CancelToken()
    token.cancel()
    try:
        restore_one_photo(cluster, setup, photo, options, Progress(token=token))
    except Cancelled:
        print("cancelled")
"""


def test_one_photo_comes_back_to_the_driver_as_here(model, head, tmp_path):
    """The app's way: one photo at a time, its picture handed back unsaved; a failure is the
    photo's own sentence, and a cancelled run raises ``Cancelled``. The driver is a process of
    its own, as the app's worker is one client of the cluster (not this test's process, which
    earlier tests made a driver of other clusters)."""
    album = _album(tmp_path / "album")
    args = [head, str(model), str(album), str(tmp_path)]
    done = subprocess.run(
        [sys.executable, "-c", ONE_PHOTO_DRIVER, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=HEAD_SECONDS * 2,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert any(line.startswith("failed: ") and "broken.png" in line for line in lines)
    assert "cancelled" in lines
    photo = Job(album / "p0.png", tmp_path / "p0.png")
    with _threads(1):  # as the head's workers
        request = ModelRequest(str(model))
        here = restore_picture(
            Restorer(request.load(), pick_device("cpu"), 0), photo, RestoreOptions(scale_out=2)
        )
    np.testing.assert_array_equal(np.load(tmp_path / "restored.npy"), here.pixels)
    assert not photo.target.exists()


def test_an_unreachable_cluster_is_one_sentence(film, tmp_path, capsys):
    port = _free_port()  # nothing listens there
    started = time.monotonic()
    args = ["restore-video", str(film), "-o", str(tmp_path / "f.mkv"), "--cluster"]
    assert engine_cli.main([*args, f"127.0.0.1:{port}"]) == 2
    assert time.monotonic() - started < 30
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"error: cannot reach a Ray cluster at 127.0.0.1:{port} (connection refused); start one "
        "there with `ray start --head`, or give the address local to start one on this computer"
    )
    assert not (tmp_path / "f.mkv").exists()
