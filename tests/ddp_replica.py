"""Run under ``torchrun --nproc_per_node 2``: train a few steps, then write this replica's
weights and the pairs it sampled, for tests/test_ddp.py to compare."""

import sys
from dataclasses import replace
from pathlib import Path

import torch
import torch.distributed as dist

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.training_helpers import TINY
from training.trainer import Trainer, _inner

dataset, out = Path(sys.argv[1]), Path(sys.argv[2])
trainer = Trainer(
    dataset, out / "model.safetensors", replace(TINY, warmup_steps=2, steps=3), device="cpu"
)
list(trainer.run())
rank = dist.get_rank()
torch.save(
    {
        "generator": _inner(trainer.generator).state_dict(),
        "discriminator": _inner(trainer.discriminator).state_dict(),
        "shard": len(trainer.sampler),
    },
    out / f"replica{rank}.pt",
)
dist.destroy_process_group()
