"""One lent GPU's work, in one call: the GPU tests, the training benchmark, then training jobs
side by side until a deadline, packed into $OUT as they go.

A session is lent an NVIDIA H200 for 15 minutes in all, at most 10 per command, and gets back
at most 8 files of 16 MiB from ``$OUT``. So this script does everything in one command and
writes its results as few files: ``session.log`` (everything printed), ``bench.json``, and one
``JOB.tar`` per training job (its model file once written, its latest checkpoint, its metrics
and log), refreshed every ``--pack-every`` seconds, so a call cut off at its limit still
returns the last checkpoint of every job.

Before the session, here (``runs/`` is ignored by git, so it travels only when carried)::

    python -m training pack ../shared/data/train runs/train.rkpack
    mkdir -p runs/shared/val/kodak24
    cp $(ls ../shared/data/val/kodak24/*.png | head -12) runs/shared/val/kodak24/

Then one ``run`` with ``carry: ["runs/train.rkpack", "runs/shared"]`` and ``timeout_s`` 590::

    set -o pipefail; PYTHONUNBUFFERED=1 python3 tools/gpu_session.py --out $OUT --plan first \\
        --budget 560 2>&1 | tee $OUT/session.log

The tests read their photos from ``runs/shared`` (``REKINDLE_SHARED_DATA``), the jobs validate
on its first eight. A job whose folder under ``runs/gpu`` holds a checkpoint from an earlier
call (its tar unpacked there and carried back) is resumed. ``--device cpu --plan smoke``
runs the whole thing in two minutes on a CPU, to check the script before a session.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tarfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = Path("runs/gpu")
STOP_GRACE_SECONDS = 60
"""How long a job may take to write its checkpoint and model after it is told to stop."""
VAL = "val/kodak24"
GPU_TESTS = [
    "tests/test_training_cuda.py",
    "tests/test_block_codec.py",
    "tests/test_damage_torch.py",
]


@dataclass(frozen=True)
class Job:
    """One training run: its name, where it starts and the trainer's flags."""

    name: str
    init: str
    scale: int
    patch: int
    batch: int
    lr: float
    damage: str = "none"
    extra: list[str] = field(default_factory=list)


PLANS = {
    "first": [
        Job("restore-x4", "resources/models/faithful-x4.safetensors", 4, 192, 128, 4e-4, "real"),
        Job("faithful-x4", "resources/models/faithful-x4.safetensors", 4, 192, 128, 2e-4),
        Job("faithful-x2", "resources/models/faithful-x2.safetensors", 2, 96, 128, 3e-4),
    ],
    "smoke": [
        Job("restore-x4", "resources/models/faithful-x4.safetensors", 4, 64, 4, 1e-4, "real"),
        Job("faithful-x2", "resources/models/faithful-x2.safetensors", 2, 32, 4, 1e-4),
    ],
}


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def run_logged(
    command: list[str], timeout: float, out: Path | None = None, env: dict | None = None
) -> str:
    """Run ``command`` with a timeout, print its output, return it (and save it to ``out``)."""
    log("$ " + " ".join(command))
    try:
        done = subprocess.run(
            command,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            env=env,
        )
        text = done.stdout + done.stderr + f"\n(exit status {done.returncode})\n"
    except subprocess.TimeoutExpired as expired:
        text = f"{expired.stdout or ''}{expired.stderr or ''}\n(stopped after {timeout:.0f} s)\n"
    print(text, flush=True)
    if out is not None:
        out.write_text(text)
    return text


def bench(args: argparse.Namespace, plan: list[Job]) -> float:
    """Samples per second of the L1 step of the plan's first job's network, alone on the
    device, from ``bench/training.py`` (0 when it fails)."""
    job = plan[0]
    command = [
        sys.executable, "bench/training.py", "--json", "--device", args.device,
        "--model", job.init, "--data", args.pack, "--patch", str(job.patch),
        "--batch", str(job.batch), "--steps", "5",
    ]  # fmt: skip
    text = run_logged(command, args.bench_timeout)
    try:
        figures = json.loads(text[text.index("{") : text.rindex("}") + 1])
    except ValueError:
        return 0.0
    (Path(args.out) / "bench.json").write_text(json.dumps(figures, indent=2))
    return float(figures["samples_per_second"]["warmup_l1"])


def steps_for(job: Job, rate: float, reference_patch: int, seconds: float, jobs: int) -> int:
    """How many steps ``job`` can take in ``seconds`` beside ``jobs - 1`` others, from the
    benchmark's ``rate`` at ``reference_patch`` (cost grows with the patch's area)."""
    own_rate = rate * (reference_patch / job.patch) ** 2 / jobs
    return max(10, int(own_rate * seconds / job.batch))


def command_for(job: Job, args: argparse.Namespace, steps: int) -> list[str]:
    folder = RUNS / job.name
    model = folder / f"{job.name}.safetensors"
    resuming = (folder / f"{job.name}.checkpoint.pt").is_file()
    command = [
        sys.executable, "-m", "training", "train", args.pack, "--out", str(model),
        "--device", args.device, "--scale", str(job.scale), "--patch", str(job.patch),
        "--batch", str(job.batch), "--damage", job.damage, "--steps", "0",
        "--checkpoint-seconds", str(args.pack_every), "--checkpoint-every", "100000",
        "--validate-every", str(args.validate_every), "--val", str(Path(args.shared) / VAL),
        "--val-limit", "8",
        *job.extra,
    ]  # fmt: skip
    if resuming:
        return [*command, "--resume"]
    return [
        *command, "--init", job.init, "--warmup-steps", str(steps),
        "--lr-generator", str(job.lr), "--ema", "0.999", "--name", job.name,
    ]  # fmt: skip


def pack_job(job: Job, out: Path) -> None:
    """Put the job's files into ``out/JOB.tar``, atomically (a cut-off call leaves the last)."""
    folder = ROOT / RUNS / job.name
    if not folder.is_dir():
        return
    partial = out / f".{job.name}.tar.part"
    with tarfile.open(partial, "w") as archive:
        for path in sorted(folder.iterdir()):
            if path.is_file() and not path.name.startswith("."):
                archive.add(path, arcname=f"{job.name}/{path.name}")
    os.replace(partial, out / f"{job.name}.tar")


def train(args: argparse.Namespace, plan: list[Job], rate: float, seconds: float) -> None:
    out = Path(args.out)
    running = []
    for job in plan:
        (ROOT / RUNS / job.name).mkdir(parents=True, exist_ok=True)
        steps = steps_for(job, rate, plan[0].patch, seconds * args.safety, len(plan))
        command = command_for(job, args, steps)
        log(f"{job.name}: {steps} steps: " + " ".join(command))
        stream = open(ROOT / RUNS / job.name / "train.log", "w")  # noqa: SIM115 (lives with job)
        running.append((job, subprocess.Popen(command, cwd=ROOT, stdout=stream, stderr=stream)))
    deadline = time.monotonic() + seconds
    while any(p.poll() is None for _, p in running) and time.monotonic() < deadline:
        time.sleep(min(args.pack_every, max(1.0, deadline - time.monotonic())))
        for job, _process in running:
            pack_job(job, out)
        log("still running: " + ", ".join(j.name for j, p in running if p.poll() is None))
    for job, process in running:
        if process.poll() is None:
            log(f"{job.name}: deadline, asking it to stop and save")
            process.send_signal(signal.SIGINT)
    for job, process in running:
        try:
            process.wait(STOP_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
        log(f"{job.name}: exit status {process.returncode}")
        pack_job(job, out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True, help="the folder that comes back ($OUT)")
    parser.add_argument("--plan", choices=sorted(PLANS), default="first")
    parser.add_argument("--budget", type=float, default=540, help="seconds for everything")
    parser.add_argument("--pack", default="runs/train.rkpack")
    parser.add_argument("--shared", default="runs/shared", help="holds val/kodak24")
    parser.add_argument("--device", default="cuda")
    parser.add_argument("--pack-every", type=float, default=60.0)
    parser.add_argument("--validate-every", type=int, default=1000)
    parser.add_argument("--safety", type=float, default=0.85, help="share of the time planned")
    parser.add_argument("--tests-timeout", type=float, default=120)
    parser.add_argument("--bench-timeout", type=float, default=90)
    parser.add_argument("--skip-tests", action="store_true")
    args = parser.parse_args()
    started = time.monotonic()
    plan = PLANS[args.plan]
    if args.device == "cuda":
        run_logged(["nvidia-smi"], 20)
    run_logged([sys.executable, "-c", "import torch; print(torch.__version__)"], 60)
    if not args.skip_tests:
        tests = [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *GPU_TESTS]
        env = {**os.environ, "REKINDLE_SHARED_DATA": str(ROOT / args.shared)}
        run_logged(tests, args.tests_timeout, Path(args.out) / "gpu-tests.log", env)
    rate = bench(args, plan)
    log(f"L1 rate of {plan[0].name}'s network alone: {rate:.0f} samples/s")
    left = args.budget - (time.monotonic() - started) - STOP_GRACE_SECONDS
    train(args, plan, rate or 100.0, max(30.0, left))
    log(f"done in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
