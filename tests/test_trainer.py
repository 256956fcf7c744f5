"""The three-phase trainer: freezing, learning, events, checkpoints, resume, cancel."""

from dataclasses import replace
from types import SimpleNamespace

import numpy as np
import pytest
import torch

from engine.errors import RekindleError
from engine.library.loading import load_model
from engine.library.own_format import save_model
from engine.networks import UNetGenerator
from engine.progress import CancelToken
from tests.conftest import SHARED_DATA
from tests.training_helpers import (
    TINY,
    content_losses_on_one_batch,
    identical,
    snapshot,
    tiny_dataset,
    unchanged_count,
    validation_folder,
)
from training import trainer as trainer_module
from training.checkpoint import checkpoint_path
from training.evaluation import load_validation_set
from training.events import CheckpointEvent, FinishedEvent, StepEvent, ValidationEvent
from training.losses import content_loss
from training.metrics_log import metrics_path
from training.trainer import Trainer


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    return tiny_dataset(tmp_path_factory.mktemp("ds"))


@pytest.fixture(params=["off", "bf16"])
def trainer(dataset, tmp_path, request):
    """A trainer in float32 and one under bfloat16 autocast: the guarantees hold in both."""
    return Trainer(dataset, tmp_path / "m.safetensors", TINY, device="cpu", amp=request.param)


def _batch(trainer):
    return trainer.sampler.batch(2)


@pytest.mark.parametrize("target", [1.0, 0.0])
def test_discriminator_steps_leave_the_generator_bit_identical(trainer, target):
    blurry, sharp = _batch(trainer)
    # An untrained generator is exactly bicubic, which adds no detail for the discriminator's
    # main path to see; one generator step gives it some.
    trainer.generator_step(blurry, sharp)
    judged = sharp if target == 1.0 else trainer.generate_frozen(blurry)
    g_before, d_before = snapshot(trainer.generator), snapshot(trainer.discriminator)
    trainer.discriminator_step(judged, blurry, target)
    assert identical(g_before, trainer.generator)
    assert unchanged_count(d_before, trainer.discriminator) == 0


def test_generator_step_leaves_the_discriminator_bit_identical(trainer):
    blurry, sharp = _batch(trainer)
    trainer.discriminator_step(sharp, blurry, 1.0)  # give Adam some discriminator state
    trainer.generator_step(blurry, sharp)  # the zero-initialised tail passes no gradient yet
    g_before, d_before = snapshot(trainer.generator), snapshot(trainer.discriminator)
    trainer.generator_step(blurry, sharp)
    assert identical(d_before, trainer.discriminator)
    assert unchanged_count(g_before, trainer.generator) == 0


def test_gan_step_runs_the_three_steps_in_order(trainer, monkeypatch):
    calls = []
    real_d, real_g = trainer.discriminator_step, trainer.generator_step
    monkeypatch.setattr(
        trainer, "discriminator_step", lambda a, b, t: calls.append(f"d{t:g}") or real_d(a, b, t)
    )
    monkeypatch.setattr(trainer, "generator_step", lambda b, s: calls.append("g") or real_g(b, s))
    losses, d_real, d_fake = trainer.gan_step(*_batch(trainer))
    assert calls == ["d1", "d0", "g"]
    assert set(losses) == {"d_real", "d_fake", "g_adv", "g_content"}
    assert 0 < d_real < 1 and 0 < d_fake < 1


@pytest.mark.parametrize(
    ("warmup", "gan", "amp"), [(80, 0, "off"), (80, 0, "bf16"), (0, 80, "bf16")]
)
def test_training_lowers_the_content_loss(dataset, tmp_path, warmup, gan, amp):
    """In the warm-up and in the GAN cycle, in float32 and under bfloat16 autocast."""
    losses = content_losses_on_one_batch(dataset, tmp_path, warmup, gan, "cpu", amp)
    assert len(losses) == warmup + gan
    assert sum(losses[-5:]) < 0.9 * sum(losses[:5])


def test_the_generator_steps_use_the_configured_content_loss(dataset, tmp_path):
    config = replace(TINY, content_loss="charbonnier", fft_weight=0.3)
    trainer = Trainer(dataset, tmp_path / "m.safetensors", config, device="cpu")
    blurry, sharp = _batch(trainer)
    for step in (trainer.warmup_step, trainer.generator_step):
        with torch.no_grad():
            output = trainer.generator(blurry)
        expected = content_loss(output, sharp, config).item()
        assert expected != pytest.approx(content_loss(output, sharp, TINY).item())
        assert step(blurry, sharp)["g_content"] == pytest.approx(expected, rel=1e-5)


def test_events_metrics_and_final_model(dataset, tmp_path):
    out = tmp_path / "m.safetensors"
    config = replace(TINY, warmup_steps=2, steps=2)
    trainer = Trainer(dataset, out, config, val_dir=validation_folder(tmp_path), device="cpu")
    events = list(trainer.run())
    steps = [e for e in events if isinstance(e, StepEvent)]
    assert [e.step for e in steps] == [1, 2, 3, 4]
    assert [e.phase for e in steps] == ["warmup", "warmup", "gan", "gan"]
    assert steps[0].d_real is None and steps[-1].d_real is not None
    assert all(e.samples_per_second > 0 and e.lr_generator > 0 for e in steps)
    validations = [e for e in events if isinstance(e, ValidationEvent)]
    assert [v.step for v in validations] == [2, 4]
    assert validations[0].bicubic_psnr > 15 and validations[0].samples
    bicubic, restored, sharp = validations[0].samples[0]
    assert bicubic.shape == restored.shape == sharp.shape
    assert any(isinstance(e, CheckpointEvent) for e in events)
    assert isinstance(events[-1], FinishedEvent) and not events[-1].cancelled
    loaded = load_model(out)
    assert loaded.descriptor.training["steps_done"] == 4
    assert loaded.descriptor.training["validation"]["psnr"] == pytest.approx(validations[-1].psnr)
    lines = metrics_path(out).read_text().splitlines()
    assert len(lines) == 6  # four steps, two validations


@pytest.mark.parametrize("ema", [0.0, 0.9])
def test_interrupted_run_resumes_at_the_checkpoint_and_matches(dataset, tmp_path, ema):
    config = replace(TINY, steps=6, checkpoint_every=2, ema=ema)
    whole = Trainer(dataset, tmp_path / "whole.safetensors", config, device="cpu")
    list(whole.run())

    out = tmp_path / "killed.safetensors"
    interrupted = Trainer(dataset, out, config, device="cpu")
    for event in interrupted.run():
        if isinstance(event, StepEvent) and event.step == 5:
            break  # a kill: no clean-up, the last checkpoint is from step 4
    resumed = Trainer(dataset, out, config, device="cpu", resume=True)
    events = list(resumed.run())
    assert [e.step for e in events if isinstance(e, StepEvent)] == [5, 6]
    for key, value in whole.generator.state_dict().items():
        assert torch.allclose(value, resumed.generator.state_dict()[key], atol=1e-6), key
    shipped = resumed.result_network().state_dict()
    for key, value in whole.result_network().state_dict().items():
        assert torch.allclose(value, shipped[key], atol=1e-6), key


def test_a_weight_average_is_what_the_run_validates_and_ships(dataset, tmp_path):
    """With ``ema`` the run keeps decay * average + (1 - decay) * weights after every update
    and writes that average, not the last weights, into the model file."""
    out = tmp_path / "m.safetensors"
    config = replace(TINY, warmup_steps=3, steps=0, lr_generator=5e-3, ema=0.5)
    trainer = Trainer(dataset, out, config, device="cpu")
    expected = snapshot(trainer.generator)
    for event in trainer.run():
        if isinstance(event, StepEvent):
            for key, value in trainer.generator.state_dict().items():
                expected[key] = 0.5 * expected[key] + 0.5 * value
    shipped = load_model(out).network.state_dict()
    live = trainer.generator.state_dict()
    for key, value in expected.items():
        assert torch.allclose(shipped[key], value, atol=1e-6), key
    assert any(not torch.allclose(shipped[key], live[key]) for key in live)
    with pytest.raises(ValueError, match="ema"):
        replace(TINY, ema=1.0)


def test_cancel_stops_after_the_step_and_saves(dataset, tmp_path):
    out = tmp_path / "m.safetensors"
    token = CancelToken()
    trainer = Trainer(dataset, out, replace(TINY, steps=50), device="cpu")
    events = []
    for event in trainer.run(token):
        events.append(event)
        if isinstance(event, StepEvent) and event.step == 3:
            token.cancel()
    assert isinstance(events[-1], FinishedEvent) and events[-1].cancelled
    assert events[-1].step == 3
    assert checkpoint_path(out).is_file()
    assert load_model(out).descriptor.training["completed"] is False


def test_a_stopped_run_validates_the_model_it_keeps(dataset, tmp_path):
    """Stopped between two validations, the run measures the weights it saves, so the model
    file's figures (the wizard's finish page) are those of the last validation shown."""
    out = tmp_path / "m.safetensors"
    token = CancelToken()
    config = replace(TINY, steps=50, validate_every=2)
    trainer = Trainer(dataset, out, config, val_dir=validation_folder(tmp_path), device="cpu")
    events = []
    for event in trainer.run(token):
        events.append(event)
        if isinstance(event, StepEvent) and event.step == 3:
            token.cancel()
    validations = [e for e in events if isinstance(e, ValidationEvent)]
    assert [v.step for v in validations] == [2, 3]
    assert isinstance(events[-1], FinishedEvent) and events[-2] is validations[-1]
    training = load_model(out).descriptor.training
    assert training["steps_done"] == training["validation_step"] == 3
    assert training["validation"]["psnr"] == validations[-1].psnr


def test_init_starts_from_an_existing_model(dataset, tmp_path):
    torch.manual_seed(5)
    start = UNetGenerator(scale=4, width=6, depth=1, convs=1, up_width=6)
    path = save_model(start, tmp_path / "start.safetensors", display_name="start")
    trainer = Trainer(dataset, tmp_path / "m.safetensors", TINY, init=path, device="cpu")
    assert trainer.config.width == 6
    start.balance_phases()  # a model trained without the constraint starts balanced
    for key, value in start.state_dict().items():
        assert torch.equal(trainer.generator.state_dict()[key], value)


def _phase_imbalance(network) -> float:
    """The largest gap between the four output phases' gains of any stride-2 deconvolution."""
    gaps = []
    for deconv in (*network.up, *network.rise):
        weight = deconv.weight.detach()
        gains = torch.stack(
            [weight[..., r::2, c::2].sum(dim=(-2, -1)) for r in (0, 1) for c in (0, 1)]
        )
        gaps.append(float((gains.max(dim=0).values - gains.min(dim=0).values).max()))
    return max(gaps)


@pytest.mark.parametrize("balance", [True, False])
def test_generator_updates_keep_the_deconvolutions_balanced_unless_told_not_to(
    dataset, tmp_path, balance
):
    """Balanced phases keep GAN training from drawing a checkerboard (see the generator)."""
    trainer = Trainer(
        dataset, tmp_path / "m.safetensors", replace(TINY, balance_phases=balance), device="cpu"
    )
    blurry, sharp = _batch(trainer)
    for _ in range(3):
        trainer.warmup_step(blurry, sharp)
        trainer.gan_step(blurry, sharp)
    imbalance = _phase_imbalance(trainer.generator)
    assert imbalance < 1e-6 if balance else imbalance > 1e-4


def test_a_model_file_lists_every_run_that_made_it(dataset, tmp_path):
    first = tmp_path / "first.safetensors"
    list(Trainer(dataset, first, replace(TINY, steps=2), device="cpu").run())
    first_runs = load_model(first).descriptor.training["runs"]
    assert [(run["data"], run["steps"], run["gan_steps"]) for run in first_runs] == [
        ("dataset", 2, 2)
    ]

    second = tmp_path / "second.safetensors"
    grown = replace(TINY, width=10, warmup_steps=3, steps=1)
    token = CancelToken()
    for event in Trainer(dataset, second, grown, init=first, grow=True, device="cpu").run(token):
        if isinstance(event, StepEvent) and event.step == 2:
            token.cancel()  # stopped and resumed: the earlier run must survive the checkpoint
    list(Trainer(dataset, second, grown, resume=True, device="cpu").run())
    training = load_model(second).descriptor.training
    assert training["runs"][0] == first_runs[0]
    assert training["runs"][1]["generator"]["width"] == 10
    assert (training["runs"][1]["steps"], training["runs"][1]["gan_steps"]) == (4, 1)
    assert training["total_seconds"] == pytest.approx(
        sum(run["seconds"] for run in training["runs"]), abs=0.2
    )


def test_a_start_model_made_before_run_lists_counts_as_one_run(dataset, tmp_path):
    start = UNetGenerator(scale=4, width=8, depth=1, convs=1, up_width=8)
    header = {"steps_done": 700, "seconds": 42.0, "config": {"lr_generator": 0.001}}
    path = save_model(start, tmp_path / "old.safetensors", display_name="old", training=header)
    out = tmp_path / "m.safetensors"
    list(Trainer(dataset, out, replace(TINY, steps=1), init=path, device="cpu").run())
    runs = load_model(out).descriptor.training["runs"]
    assert runs[0] == {"steps": 700, "lr_generator": 0.001, "seconds": 42.0}
    assert len(runs) == 2


def test_a_clean_up_model_trains_at_scale_one_and_validates_on_damaged_photos(tmp_path):
    """Scale 1: the pairs differ only by the cleanup recipe's damage, so validation damages
    its photos the same way (else it would compare a photo with itself)."""
    dataset = tiny_dataset(tmp_path / "ds", scale=1, degrade="cleanup")
    out = tmp_path / "clean.safetensors"
    config = replace(TINY, scale=1, warmup_steps=2, steps=2)
    trainer = Trainer(dataset, out, config, val_dir=validation_folder(tmp_path), device="cpu")
    events = list(trainer.run())
    validation = [e for e in events if isinstance(e, ValidationEvent)][-1]
    assert 15 < validation.bicubic_psnr < 45  # the damaged photo against the clean one
    val = validation_folder(tmp_path)
    again = Trainer(dataset, tmp_path / "b.safetensors", config, val_dir=val, device="cpu")
    [first], [second] = trainer.validation, again.validation  # one photo, damaged in each run
    assert np.array_equal(first.blurry, second.blurry)
    assert not np.array_equal(first.blurry, first.sharp)
    model = load_model(out)
    assert model.descriptor.scale == 1
    image = torch.rand(1, 3, 20, 28)
    assert model.network(image).shape == image.shape


def test_every_photo_of_a_clean_up_validation_carries_damage():
    """Each of the recipe's steps is skipped at random; a draw that skips them all would leave
    a photo that measures nothing (and an infinite PSNR), so it is drawn again."""
    pairs = load_validation_set(SHARED_DATA / "val" / "kodak24", 1, 8, "cleanup")
    assert len(pairs) == 8
    assert all(not np.array_equal(pair.blurry, pair.sharp) for pair in pairs)


def test_a_run_given_a_time_shares_it_between_its_phases_and_stops_there(
    dataset, tmp_path, monkeypatch
):
    """Each step takes half a second on a made-up clock: three seconds, half of them warm-up
    (the steps' proportion), give three warm-up steps with a falling rate, then three of the
    adversarial cycle, and the run ends with its validation and model."""
    ticks = iter(range(10_000))  # a step reads the clock twice: before and after
    clock = SimpleNamespace(perf_counter=lambda: next(ticks) / 2)
    monkeypatch.setattr(trainer_module, "time", clock)
    out = tmp_path / "m.safetensors"
    config = replace(TINY, warmup_steps=1, steps=1, seconds=3.0, validate_every=100)
    trainer = Trainer(dataset, out, config, val_dir=validation_folder(tmp_path), device="cpu")
    events = list(trainer.run())
    steps = [e for e in events if isinstance(e, StepEvent)]
    assert [e.phase for e in steps] == ["warmup"] * 3 + ["gan"] * 3
    rates = [e.lr_generator for e in steps[:3]]
    assert rates[0] == config.lr_generator and rates[0] > rates[1] > rates[2]
    assert steps[-1].total_steps == 6 and steps[1].total_steps == 6  # foreseen from the pace
    assert [e.step for e in events if isinstance(e, ValidationEvent)] == [6]  # at the end
    training = load_model(out).descriptor.training
    assert training["steps_done"] == 6 and training["runs"][-1]["gan_steps"] == 3


@pytest.mark.parametrize(
    ("setting", "value", "said"),
    [
        ("seconds", float("nan"), "--seconds must be a finite number, not nan"),
        ("adversarial_weight", float("inf"), "--adversarial-weight must be a finite number"),
        ("fft_weight", float("nan"), "--fft-weight must be a finite number"),
        ("lr_generator", float("nan"), "--lr-generator must be a finite number"),
        ("lr_generator", 5.0, "learning rates can be at most 0.1"),
        ("lr_discriminator", 0.5, "learning rates can be at most 0.1"),
    ],
)
def test_numbers_that_would_train_a_broken_model_are_refused(setting, value, said):
    with pytest.raises(ValueError, match=said):
        replace(TINY, **{setting: value})


def test_a_generator_deeper_than_its_patches_allow_is_refused_at_the_start(dataset, tmp_path):
    """32 px sharp crops at 4x are 8 px blurry ones: halved 3 times they are 1 px."""
    out = tmp_path / "m.safetensors"
    Trainer(dataset, out, replace(TINY, depth=3), device="cpu")
    with pytest.raises(RekindleError, match=r"halves its 8 px blurry patches 4 times.*at most 3"):
        Trainer(dataset, out, replace(TINY, depth=4), device="cpu")


def test_a_loss_gone_to_nan_stops_the_run_and_keeps_the_last_checkpoint(
    dataset, tmp_path, monkeypatch
):
    out = tmp_path / "m.safetensors"
    calls = []

    def nan_from_the_third_step(fake, sharp, config):
        calls.append(None)
        loss = content_loss(fake, sharp, config)
        return loss * float("nan") if len(calls) >= 3 else loss

    monkeypatch.setattr(trainer_module, "content_loss", nan_from_the_third_step)
    trainer = Trainer(dataset, out, replace(TINY, steps=4, checkpoint_every=2), device="cpu")
    with pytest.raises(RekindleError, match=r"diverged at step 3 .*try a lower learning rate"):
        list(trainer.run())
    state = torch.load(checkpoint_path(out), weights_only=True)
    assert state["step"] == 2
    assert all(value.isfinite().all() for value in state["generator"].values())
    assert not out.exists()


def test_weights_gone_to_nan_by_the_last_update_are_not_saved(dataset, tmp_path, monkeypatch):
    """The last step's losses were numbers; the update after them was not."""
    out = tmp_path / "m.safetensors"
    trainer = Trainer(dataset, out, replace(TINY, steps=1), device="cpu")

    def spoil() -> None:
        next(trainer.generator.parameters()).data.fill_(float("nan"))

    monkeypatch.setattr(trainer, "_after_generator_update", spoil)
    with pytest.raises(RekindleError, match="diverged at step 1"):
        list(trainer.run())
    assert not out.exists() and not checkpoint_path(out).exists()
