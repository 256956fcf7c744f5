"""The trainer under torchrun: two processes on gloo keep identical replicas."""

import os
import subprocess
import sys
from pathlib import Path

import torch

from tests.training_helpers import tiny_dataset

ROOT = Path(__file__).resolve().parents[1]


def test_two_replicas_stay_identical(tmp_path):
    dataset = tiny_dataset(tmp_path)
    command = [
        sys.executable,
        "-m",
        "torch.distributed.run",
        "--standalone",
        "--nproc_per_node",
        "2",
        str(ROOT / "tests" / "ddp_replica.py"),
        str(dataset),
        str(tmp_path),
    ]
    subprocess.run(
        command, cwd=ROOT, check=True, timeout=300, env={**os.environ, "OMP_NUM_THREADS": "1"}
    )
    first = torch.load(tmp_path / "replica0.pt", weights_only=True)
    second = torch.load(tmp_path / "replica1.pt", weights_only=True)
    for network in ("generator", "discriminator"):
        for key, value in first[network].items():
            assert torch.equal(value, second[network][key]), f"{network}.{key} differs"
    assert first["shard"] + second["shard"] == 8  # the eight pairs are split between them
    assert (tmp_path / "model.safetensors").is_file()  # only rank 0 writes, but it does
