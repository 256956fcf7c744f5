"""One lent GPU's work, in one call: the GPU tests, the training benchmark, then training jobs
side by side until a deadline, packed into $OUT as they go.

A session is lent an NVIDIA H200 for 15 minutes in all, at most 10 per command, and gets back
at most 8 files of 16 MiB from ``$OUT``. So this script does everything in one command and
writes its results as few files: ``session.log`` (everything printed), ``bench.json``, and one
``JOB.tar`` per training job (its model file, metrics and log), refreshed every
``--pack-every`` seconds. Each job is told to stop and save a minute before the budget ends,
so its model file is written even when a later job would have run past it.

Before the session, here (``runs/`` is ignored by git, so it travels only when carried)::

    python -m training pack ../shared/data/train runs/train.rkpack --min-psnr 41
    mkdir -p runs/shared/val/kodak24
    cp $(ls ../shared/data/val/kodak24/*.png | head -8) runs/shared/val/kodak24/
    python tools/travel_size.py runs/train.rkpack runs/shared   # must be within 64 MiB

Then one ``run`` with ``carry: ["runs/train.rkpack", "runs/shared"]`` and ``timeout_s`` 450::

    set -o pipefail; PYTHONUNBUFFERED=1 python3 tools/gpu_session.py --out $OUT --plan first \\
        --budget 420 --skip-tests 2>&1 | tee $OUT/session.log

and at once after it, while the machine is warm, ``tools/gpu_checks.py``'s call: the GPU tests
(these, with PyAV for the film test) and the film figures. The 15 device minutes hold the
machine's start (a minute or two), this call and that one.

The tests read their photos from ``runs/shared`` (``REKINDLE_SHARED_DATA``), the jobs validate
on them. A job whose folder under ``runs/gpu`` holds a checkpoint (a second call on
the same machine) is resumed, for what is left of the ``--seconds`` its first call gave it.
A machine that stops answering returns nothing of its call; to bound that loss, the call may
be given a ``timeout_s`` under its budget (a timed-out call returns what is under ``$OUT``)
and be made again at once with the same command, which goes on from the checkpoints.
``--device cpu --plan smoke``
runs the whole thing in two minutes on a CPU, to check the script before a session (here,
with ``.venv/bin/python``). The GPU machine has Python 3.12 and torch 2.11 (no Qt, no PyAV);
to rehearse under those, outside the checkout (4.9 GB, a minute from PyPI)::

    ~/.pyenv/versions/3.12.1/bin/python -m venv /work/t211/venv
    /work/t211/venv/bin/pip install torch==2.11.0 'numpy==2.*' opencv-python-headless \
        safetensors pillow tqdm psutil pytest pytest-timeout hypothesis
    /work/t211/venv/bin/python tools/gpu_session.py --out /tmp/out --plan smoke --device cpu \
        --budget 150 --skip-tests

Afterwards, here: unpack each ``JOB.tar``, put the models that keep a grey picture grey and
blend smoothly into ``resources/models`` with ``tools/ship_model.py`` (half precision: the
tree travels beside the data, ``tools/travel_size.py``; ``tests/test_shipped_models.py``
checks them), re-measure the card with ``tools/card_rows.py --write``, and judge them on real
material with ``tools/side_by_side.py`` before the prose of MODELS.md is written.
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
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = Path("runs/gpu")
STOP_GRACE_SECONDS = 60
"""How long a job may take to write its checkpoint and model after it is told to stop."""
SAVE_RESERVE_SECONDS = 30
"""The end of the budget kept for the last jobs to validate and save (seconds on a GPU; the
call's ``timeout_s`` leaves room for a slower one)."""
MIN_JOB_SECONDS = 20
"""A lane's next job starts only with at least this long left before the deadline."""
TICK_SECONDS = 2.0
"""How often the lanes are looked at: a job's end is noticed within this."""
VAL = "val/kodak24"
GPU_TESTS = [
    "tests/test_training_cuda.py",
    "tests/test_restore_cuda.py",
    "tests/test_block_codec.py",
    "tests/test_damage_torch.py",
]


@dataclass(frozen=True)
class Job:
    """One training run. ``start``: a model file to begin from, another job's name (it then
    begins from that job's result, after it), or None (from scratch, shaped by ``extra``).
    ``share``: its part of its lane's time. ``gan``: the three-step cycle, not L1 warm-up."""

    name: str
    start: str | None
    scale: int
    patch: int
    batch: int
    lr: float
    damage: str = "none"
    share: float = 1.0
    gan: bool = False
    extra: tuple[str, ...] = ()


FAITHFUL_X4 = "resources/models/faithful-x4.safetensors"
FAITHFUL_X2 = "resources/models/faithful-x2.safetensors"
GAN_RECIPE = (
    "--adversarial-weight", "0.0055", "--lr-discriminator", "0.0004", "--disc-width", "16",
    "--disc-depth", "4",
)  # fmt: skip
"""MODELS.md's restore-detail-x4 recipe: what kept the GAN from painting swirls and halos
(detail-x4's) and, with the grey share, from tinting black-and-white film."""
WIDER = ("--grow", "--width", "48", "--up-width", "24")
"""faithful-x4 grows from the shipped one (keeping what it computes) to 48/24 features, and the
rest of the x4 family is trained from it: removing damage needs more than enlarging, and width
at low resolution is cheap on a CPU (MODELS.md, "What is left for a GPU": the time per output
megapixel beside SRVGGNetCompact's, within the issue's budget)."""
GREY = ("--grey", "0.3")
"""A share of black-and-white patches: without them the GAN fine-tune tinted grey film
(MODELS.md, session 15)."""
SHRINK = ("--shrink", "0.5")
"""Patches may come from squares up to twice as large, reduced: the corpus's soft wallpapers
hold 45 % of its pixels (MODELS.md: the same on prepared crops helped sessions 9 to 11)."""

PLANS: dict[str, list[list[Job]]] = {
    "first": [
        [
            Job("faithful-x4", FAITHFUL_X4, 4, 192, 128, 2e-4, share=0.3, extra=WIDER + SHRINK),
            Job("restore-x4", "faithful-x4", 4, 192, 128, 4e-4, "real", 0.4, False,
                SHRINK + GREY),
            Job("restore-detail-x4", "restore-x4", 4, 128, 64, 1e-4, "real", 0.15, True,
                GAN_RECIPE + SHRINK + GREY),
            Job("detail-x4", "faithful-x4", 4, 128, 64, 1e-4, "none", 0.15, True,
                GAN_RECIPE + SHRINK + GREY),
        ],
        [
            Job("faithful-x2", FAITHFUL_X2, 2, 96, 128, 3e-4, share=0.5, extra=SHRINK),
            Job("restore-x2", "faithful-x2", 2, 96, 128, 4e-4, "real", 0.5, extra=SHRINK + GREY),
        ],
    ],
    "widths": [
        [Job(f"w{w}", None, 4, 192, 128, 1e-3, extra=("--width", str(w), "--depth", "2",
             "--convs", "2", "--up-width", str(u)))]
        for w, u in ((24, 16), (32, 16), (48, 24), (64, 32))
    ],
    "smoke": [
        [
            Job("faithful-x4", FAITHFUL_X4, 4, 64, 4, 1e-4, share=0.4, extra=WIDER),
            Job("restore-x4", "faithful-x4", 4, 64, 4, 1e-4, "real", 0.3),
            Job("restore-detail-x4", "restore-x4", 4, 64, 4, 1e-4, "real", 0.3, True,
                GAN_RECIPE + GREY),
        ],
        [
            Job("faithful-x2", FAITHFUL_X2, 2, 32, 4, 1e-4, share=0.5),
            Job("restore-x2", "faithful-x2", 2, 32, 4, 1e-4, "real", 0.5),
        ],
    ],
}  # fmt: skip
"""Each plan is lanes that run side by side; the jobs of a lane run one after another. A blend
family is trained in one lane, each model from the one before it, so its models stay one
network whose weights interpolate: the repair and detail sliders (engine/library/blend.py)."""


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def run_logged(command: list[str], timeout: float, env: dict | None = None) -> str:
    """Run ``command`` with a timeout, print its output (into ``session.log``), return it."""
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
    return text


def _widths(job: Job) -> list[str]:
    """The ``--width``/``--up-width`` a job grows its start to, for the benchmark."""
    flags = list(job.extra)
    return [
        part
        for flag in ("--width", "--up-width")
        if flag in flags
        for part in (flag, flags[flags.index(flag) + 1])
    ]


def bench(args: argparse.Namespace, job: Job) -> float:
    """Samples per second of ``job``'s network's L1 step at ``REFERENCE_PATCH`` (at the width
    it grows to), alone on the device, from ``bench/training.py`` (0 when it fails): the
    training figures of the README, in ``bench.json``."""
    command = [
        sys.executable, "bench/training.py", "--json", "--device", args.device,
        "--model", job.start or FAITHFUL_X4, "--data", args.pack,
        "--patch", str(REFERENCE_PATCH),
        "--batch", str(job.batch), "--steps", "5", *_widths(job),
    ]  # fmt: skip
    text = run_logged(command, args.bench_timeout)
    try:
        figures = json.loads(text[text.index("{") : text.rindex("}") + 1])
    except ValueError:
        return 0.0
    (Path(args.out) / "bench.json").write_text(json.dumps(figures, indent=2))
    return float(figures["samples_per_second"]["warmup_l1"])


def _model_path(name: str) -> Path:
    return RUNS / name / f"{name}.safetensors"


def command_for(job: Job, args: argparse.Namespace, seconds: float) -> list[str]:
    """The trainer's command line for ``job``: ``seconds`` of training (the trainer's time
    budget, so a narrow network takes more steps than a wide one in the same window, and its
    warm-up's cosine ends with the window), resumed where its checkpoint is."""
    command = [
        sys.executable, "-m", "training", "train", args.pack, "--out", str(_model_path(job.name)),
        "--device", args.device, "--scale", str(job.scale), "--patch", str(job.patch),
        "--batch", str(job.batch), "--damage", job.damage,
        "--checkpoint-seconds", str(args.pack_every), "--checkpoint-every", "100000",
        "--validate-every", str(args.validate_every), "--val", str(Path(args.shared) / VAL),
        "--val-limit", "8",
    ]  # fmt: skip
    if (RUNS / job.name / f"{job.name}.checkpoint.pt").is_file():
        return [*command, "--resume"]  # the checkpoint keeps the rest of the settings
    command += job.extra
    phase = (  # with --seconds, the steps only say which phase has the time
        ["--warmup-steps", "0", "--steps", "1"]
        if job.gan
        else ["--steps", "0", "--warmup-steps", "1"]
    )
    command += [*phase, "--seconds", f"{seconds:.0f}", "--lr-generator", str(job.lr)]
    command += ["--name", job.name]
    command += ["--ema", "0.995" if job.gan else "0.999"]
    if job.start is None:
        return command
    begin = _model_path(job.start) if (RUNS / job.start).is_dir() else Path(job.start)
    return [*command, "--init", str(begin)]


def pack_job(job: Job, out: Path) -> None:
    """Put the job's model file, metrics and log into ``out/JOB.tar``, atomically (a cut-off
    call leaves the last). Not its checkpoint: a 48-wide network's, with Adam's moments and the
    discriminator, is 30 MB, over what a file may bring back, and too large to carry to the
    next session beside the pack; the next run starts from the model file (``--init``)."""
    folder = ROOT / RUNS / job.name
    if not folder.is_dir():
        return
    partial = out / f".{job.name}.tar.part"
    with tarfile.open(partial, "w") as archive:
        for path in sorted(folder.iterdir()):
            if path.is_file() and not path.name.startswith(".") and path.suffix != ".pt":
                archive.add(path, arcname=f"{job.name}/{path.name}")
    os.replace(partial, out / f"{job.name}.tar")


class Lane:
    """Jobs run one after another, each given its share of the lane's time."""

    def __init__(self, jobs: list[Job], args: argparse.Namespace):
        self.jobs, self.args = list(jobs), args
        self.job: Job | None = None
        self.process: subprocess.Popen | None = None
        self.ends = 0.0

    def start_next(self, window: float, deadline: float) -> None:
        """Start the lane's next job, if any, for its share of ``window`` seconds (never past
        ``deadline``)."""
        self.job = self.jobs.pop(0) if self.jobs else None
        if self.job is None:
            return
        seconds = min(self.job.share * window, deadline - time.monotonic())
        self.ends = time.monotonic() + seconds
        command = command_for(self.job, self.args, seconds * self.args.safety)
        log(f"{self.job.name}: {seconds:.0f} s: " + " ".join(command))
        folder = ROOT / RUNS / self.job.name
        folder.mkdir(parents=True, exist_ok=True)
        stream = open(folder / "train.log", "a")  # noqa: SIM115 (lives with the process)
        self.process = subprocess.Popen(command, cwd=ROOT, stdout=stream, stderr=stream)

    def stop(self, reason: str) -> None:
        """Ask the running job to save and stop; wait for it; pack it."""
        if self.process is None or self.job is None:
            return
        if self.process.poll() is None:
            log(f"{self.job.name}: {reason}, asking it to stop and save")
            self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(STOP_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
        log(f"{self.job.name}: exit status {self.process.returncode}")
        pack_job(self.job, Path(self.args.out))
        self.process = None


REFERENCE_PATCH = 192
"""The patch the benchmark's rate is measured at."""


def train(args: argparse.Namespace, plan: list[list[Job]], seconds: float) -> None:
    """Run the plan's lanes side by side until ``seconds`` have passed: a lane's next job
    starts within a tick of the last one ending, and every job is packed into ``--out`` every
    ``--pack-every`` seconds."""
    deadline = time.monotonic() + seconds
    lanes = [Lane(jobs, args) for jobs in plan]
    for lane in lanes:
        lane.start_next(seconds, deadline)
    next_pack = time.monotonic() + args.pack_every
    while any(lane.process is not None for lane in lanes):
        time.sleep(TICK_SECONDS)
        now = time.monotonic()
        packing = now >= next_pack
        if packing:
            next_pack = now + args.pack_every
        for lane in lanes:
            if lane.job is None or lane.process is None:
                continue
            if packing:
                pack_job(lane.job, Path(args.out))
            finished = lane.process.poll() is not None
            if finished or now >= min(lane.ends, deadline):
                lane.stop("its time is up")
                if deadline - time.monotonic() > MIN_JOB_SECONDS:
                    lane.start_next(seconds, deadline)
        if packing:
            log("running: " + ", ".join(lane.job.name for lane in lanes if lane.process))


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
    parser.add_argument(
        "--safety",
        type=float,
        default=0.8,
        help="share of a job's window given to its training steps (the rest: start-up, "
        "validation, saving)",
    )
    parser.add_argument("--tests-timeout", type=float, default=150)
    parser.add_argument("--bench-timeout", type=float, default=150)
    parser.add_argument("--skip-tests", action="store_true")
    args = parser.parse_args()
    started = time.monotonic()
    Path(args.out).mkdir(parents=True, exist_ok=True)
    plan = PLANS[args.plan]
    if args.device == "cuda":
        run_logged(["nvidia-smi"], 20)
    run_logged([sys.executable, "-c", "import torch; print(torch.__version__)"], 60)
    if not args.skip_tests:
        tests = [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *GPU_TESTS]
        env = {**os.environ, "REKINDLE_SHARED_DATA": str(ROOT / args.shared)}
        run_logged(tests, args.tests_timeout, env)
    rate = bench(args, plan[0][0])
    log(f"L1 rate of {plan[0][0].name}'s network alone: {rate:.0f} samples/s")
    left = args.budget - (time.monotonic() - started) - SAVE_RESERVE_SECONDS
    train(args, plan, max(30.0, left))
    log(f"done in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
