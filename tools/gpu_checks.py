"""The GPU tests and the film figures, in one device call: every CUDA test (training, and
restoring a film with its sound), then ``bench/inference.py --frames`` and ``bench/video.py``
on the GPU, the encoders, and the film cleanup's cost on that machine's CPU.

The training call (``tools/gpu_session.py``) carries the training pack, which leaves no room
for PyAV's wheel (about 34 MiB), and films need PyAV; so this is a second call, made at once
after the first while the machine is still warm, and the training call leaves the tests to
it. Before the session, here (``runs/`` is ignored by git)::

    python3 -m pip download --no-deps --only-binary=:all: --python-version 3.12 \\
        --implementation cp --platform manylinux_2_28_x86_64 -d runs/wheels av==18.1.0
    python tools/travel_size.py runs/wheels runs/shared   # must be within 64 MiB

Then one ``run`` with ``carry: ["runs/wheels", "runs/shared"]`` and ``timeout_s`` 330::

    set -o pipefail; PYTHONUNBUFFERED=1 python3 tools/gpu_checks.py --out $OUT \\
        --budget 300 2>&1 | tee $OUT/checks.log

Two files come back: ``checks.log`` (everything printed, the tests' report among it) and
``checks.json`` (each benchmark's JSON, written after each step, so a cut-off call keeps what
ran). ``--device cpu --budget 120`` rehearses it here on small frames.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.gpu_session import GPU_TESTS, log, run_logged  # noqa: E402

SITE = Path("/tmp/rekindle-site")
"""Where the carried wheels are installed (the GPU machine's own packages stay as they are)."""


def _bench(script: str, *flags: str) -> list[str]:
    return [sys.executable, f"bench/{script}", "--json", *flags]


def steps(device: str, shared: str = "runs/shared") -> list[tuple[str, list[str], float]]:
    """(name, command, timeout in seconds) of each check, in order of worth. On a GPU: 2K to
    4K with the x2 model, with the film path's automatic tile and with whole frames batched,
    and 960x540 to 4K with the x4 model; the same films through the whole pipeline, written
    with H.264 and with lossless FFV1; then each codec alone at 4K on that machine's CPU (which
    keeps up with the GPU), and what removing dust, calming grain and evening flicker cost a
    2K and a 4K frame on that CPU (they run beside the GPU, on the decoding thread). On the CPU
    (a rehearsal): small frames. ``shared`` holds val/kodak24, the photos the cleanup
    benchmarks pan across."""
    gpu = device == "cuda"
    x2_frames = ["1920x1080", "1280x720"] if gpu else ["320x180"]
    x4_frame = "960x540" if gpu else "160x90"
    film = "1920x1080" if gpu else "320x180"
    count = "96" if gpu else "6"
    sizes = ["1920x1080", "3840x2160"] if gpu else ["320x180"]  # the film cleanup, on its CPU
    val = f"{shared}/val/kodak24"
    tests = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *GPU_TESTS]
    on = ("--device", device)
    return [
        ("devices", [sys.executable, "-m", "engine", "devices"], 30),
        ("tests", tests, 180),
        ("frames-x2", _bench("inference.py", "--model", "restore-x2", "--frames", *x2_frames,
                             "--repeats", "3", *on), 60),
        ("frames-x2-whole", _bench("inference.py", "--model", "restore-x2", "--tile", "4096",
                                   "--frames", x2_frames[0], "--repeats", "3", *on), 60),
        ("frames-x4", _bench("inference.py", "--model", "restore-x4", "--frames", x4_frame,
                             "--repeats", "3", *on), 60),
        ("film-x2-h264", _bench("video.py", "--model", "restore-x2", "--size", film,
                                "--frames", count, "--codec", "h264", *on), 120),
        ("film-x2-ffv1", _bench("video.py", "--model", "restore-x2", "--size", film,
                                "--frames", count, "--codec", "ffv1", *on), 120),
        ("film-x4-h264", _bench("video.py", "--model", "restore-x4", "--size", "960x540"
                                if gpu else x4_frame, "--frames", count, "--codec", "h264", *on),
         120),
        ("encoders-4k", _bench("encoders.py", "--size", "3840x2160" if gpu else "320x180",
                               "--presets", "veryfast"), 150),
        ("dust-cost", _bench("dust.py", "--hr-dir", val, "--limit", "2", "--sizes", *sizes), 60),
        ("flicker-cost", _bench("flicker.py", "--hr-dir", val, "--limit", "2", "--sizes",
                                *sizes), 60),
        ("grain-cost", _bench("grain.py", "--hr-dir", val, "--limit", "2", "--sizes", *sizes), 60),
    ]  # fmt: skip


def install_wheels(folder: Path) -> dict[str, str]:
    """Install the carried wheels into ``SITE``; the environment that puts them on the path."""
    wheels = sorted(str(path) for path in folder.glob("*.whl"))
    if wheels:
        run_logged(
            [sys.executable, "-m", "pip", "install", "-q", "--no-index", "--no-deps",
             "--no-compile", "--no-cache-dir", "--upgrade", "--target", str(SITE), *wheels],
            120,
        )  # fmt: skip
    path = os.pathsep.join(p for p in (str(SITE), os.environ.get("PYTHONPATH", "")) if p)
    return {**os.environ, "PYTHONPATH": path}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True, help="the folder that comes back ($OUT)")
    parser.add_argument("--budget", type=float, default=300, help="seconds for everything")
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--wheels", default="runs/wheels", help="carried wheels (PyAV)")
    parser.add_argument("--shared", default="runs/shared", help="holds val/kodak24")
    args = parser.parse_args()
    started = time.monotonic()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    env = install_wheels(ROOT / args.wheels)
    env["REKINDLE_SHARED_DATA"] = str(ROOT / args.shared)
    if args.device == "cuda":
        run_logged(["nvidia-smi"], 20)
    figures: dict[str, object] = {}
    for name, command, timeout in steps(args.device, args.shared):
        left = args.budget - (time.monotonic() - started)
        if left < timeout:
            log(f"{name}: skipped, {left:.0f} s left of the budget and it may take {timeout:.0f}")
            continue
        text = run_logged(command, timeout, env)
        if "--json" not in command:
            continue  # the tests and the device list: their output is in the log
        try:
            figures[name] = json.loads(text[text.index("{") : text.rindex("}") + 1])
        except ValueError:
            figures[name] = {"failed": text[-2000:]}
        (out / "checks.json").write_text(json.dumps(figures, indent=2))
    log(f"done in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
