"""Training on an NVIDIA GPU: bfloat16 steps that learn and keep each step's freezing, runs
that move between the GPU and the CPU, compiled networks and packed data on the device.

Skipped where CUDA is absent; run them on a GPU machine with ``pytest -m cuda``."""

from dataclasses import replace

import pytest
import torch

from engine.library.loading import load_model
from tests.training_helpers import (
    PACKED,
    TINY,
    content_losses_on_one_batch,
    identical,
    snapshot,
    tiny_dataset,
    tiny_pack,
    unchanged_count,
    validation_folder,
)
from training.checkpoint import checkpoint_path
from training.events import StepEvent, ValidationEvent
from training.trainer import Trainer

pytestmark = [
    pytest.mark.cuda,
    pytest.mark.skipif(not torch.cuda.is_available(), reason="needs an NVIDIA GPU with CUDA"),
]


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    return tiny_dataset(tmp_path_factory.mktemp("ds"))


@pytest.fixture(scope="module")
def packed(tmp_path_factory):
    return tiny_pack(tmp_path_factory.mktemp("pack"))


@pytest.mark.parametrize(("warmup", "gan"), [(80, 0), (0, 80)])
def test_bf16_steps_on_cuda_lower_the_content_loss(dataset, tmp_path, warmup, gan):
    losses = content_losses_on_one_batch(dataset, tmp_path, warmup, gan, "cuda")  # bf16: default
    assert sum(losses[-5:]) < 0.9 * sum(losses[:5])


@pytest.mark.parametrize("compiled", [False, True])
def test_each_step_on_cuda_trains_only_its_own_network(dataset, tmp_path, compiled):
    trainer = Trainer(dataset, tmp_path / "m.safetensors", TINY, device="cuda", compiled=compiled)
    assert trainer.amp
    blurry, sharp = (t.cuda() for t in trainer.sampler.batch(2))
    trainer.generator_step(blurry, sharp)  # gives the generator detail and Adam some state
    for judged, target in ((sharp, 1.0), (trainer.generate_frozen(blurry), 0.0)):
        g_before, d_before = snapshot(trainer.generator), snapshot(trainer.discriminator)
        trainer.discriminator_step(judged, blurry, target)
        assert identical(g_before, trainer.generator)
        assert unchanged_count(d_before, trainer.discriminator) == 0
    g_before, d_before = snapshot(trainer.generator), snapshot(trainer.discriminator)
    trainer.generator_step(blurry, sharp)
    assert identical(d_before, trainer.discriminator)
    assert unchanged_count(g_before, trainer.generator) == 0


@pytest.mark.parametrize(("first", "then"), [("cuda", "cpu"), ("cpu", "cuda")])
def test_a_run_moves_between_the_gpu_and_the_cpu(dataset, tmp_path, first, then):
    out = tmp_path / "m.safetensors"
    config = replace(TINY, warmup_steps=1, steps=5, checkpoint_every=3)
    for event in Trainer(dataset, out, config, device=first).run():
        if isinstance(event, StepEvent) and event.step == 4:
            break  # a kill: the last checkpoint is from step 3
    state = torch.load(checkpoint_path(out), weights_only=True)
    assert all(t.device.type == "cpu" for t in state["generator"].values())
    resumed = Trainer(dataset, out, config, device=then, resume=True)
    assert [e.step for e in resumed.run() if isinstance(e, StepEvent)] == [4, 5, 6]
    assert all(p.device.type == then for p in resumed.generator.parameters())
    assert int(resumed.opt_g.state_dict()["state"][0]["step"]) == 6  # Adam's state came along
    assert load_model(out).descriptor.training["steps_done"] == 6


def test_compiled_networks_train_validate_and_save_plain_weights(dataset, tmp_path):
    out = tmp_path / "m.safetensors"
    config = replace(TINY, warmup_steps=2, steps=2, ema=0.9)
    val = validation_folder(tmp_path)
    events = list(Trainer(dataset, out, config, val_dir=val, device="cuda", compiled=True).run())
    losses = [v for e in events if isinstance(e, StepEvent) for v in e.losses.values()]
    assert len(losses) == 2 + 2 * 4 and all(torch.isfinite(torch.tensor(losses)))
    assert [e.step for e in events if isinstance(e, ValidationEvent)] == [2, 4]
    assert load_model(out).descriptor.training["steps_done"] == 4  # no _orig_mod. in the names


def test_packed_data_is_cut_and_reduced_on_the_gpu(packed, tmp_path):
    config = replace(PACKED, warmup_steps=2, steps=2)
    trainer = Trainer(packed, tmp_path / "m.safetensors", config, device="cuda")
    blurry, sharp = trainer.sampler.batch(2)
    assert blurry.device.type == sharp.device.type == "cuda"
    assert blurry.shape == (2, 3, 8, 8) and sharp.shape == (2, 3, 32, 32)
    assert [e.step for e in trainer.run() if isinstance(e, StepEvent)] == [1, 2, 3, 4]


def test_real_damage_on_the_gpu_trains_and_matches_the_cpu_in_distribution(packed, tmp_path):
    config = replace(PACKED, warmup_steps=2, steps=0, damage="real", batch=16)
    trainer = Trainer(packed, tmp_path / "m.safetensors", config, device="cuda")
    blurry, sharp = trainer.sampler.batch(16)
    assert blurry.device.type == "cuda" and blurry.shape == (16, 3, 8, 8)
    cpu = Trainer(packed, tmp_path / "c.safetensors", config, device="cpu")
    cpu_blurry, cpu_sharp = cpu.sampler.batch(16)
    gpu_gap = (blurry.cpu() - torch.nn.functional.avg_pool2d(sharp.cpu(), 4)).abs().mean()
    cpu_gap = (cpu_blurry - torch.nn.functional.avg_pool2d(cpu_sharp, 4)).abs().mean()
    assert float(gpu_gap) == pytest.approx(float(cpu_gap), rel=0.5)
    assert [e.step for e in trainer.run() if isinstance(e, StepEvent)] == [1, 2]
