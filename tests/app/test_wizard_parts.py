"""The wizard's pure parts: decimated curves, held-out photos, model file names, time left."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

from app.wizard.presets import run_config
from training import run_state
from training.config import TrainingConfig
from training.estimate import StepTimes
from training.events import StepEvent
from training.folder_scan import ScanReport
from training.run_scores import compare
from training.run_state import PACK, PAIRS, STATE_FILE, RunState, data_for, slugify, unfinished_run
from training.series import Series, Smoothed
from training.step_clock import StepClock


def test_a_series_keeps_at_most_its_limit_and_the_whole_runs_mean():
    series = Series(limit=10)
    for step in range(1, 1001):
        series.add(step, 2.0 * step)
    xs, ys = series.points()
    assert len(xs) <= 11  # the limit, plus the bucket still filling
    assert xs[0] < 100 and xs[-1] > 900  # the whole run, not its last stretch
    assert ys == pytest.approx([2 * x for x in xs])
    assert sum(ys[:-1]) / len(ys[:-1]) == pytest.approx(2 * sum(xs[:-1]) / len(xs[:-1]))


def test_a_smoothed_series_follows_the_trend_not_the_noise():
    smoothed = Smoothed()
    for step in range(200):
        smoothed.add(step, 1.0 if step % 2 else 0.0)
    assert smoothed.points()[1][-1] == pytest.approx(0.5, abs=0.06)


@pytest.mark.parametrize(("photos", "held"), [(1, 0), (2, 1), (3, 1), (20, 2), (200, 4)])
def test_held_out_photos_are_a_few_spread_through_the_folder(photos, held):
    report = ScanReport(Path("."), 64, qualifying=[Path(f"{i:03d}.png") for i in range(photos)])
    chosen = report.held_out()
    assert len(chosen) == held
    assert len(set(chosen)) == held
    kept = report.kept()
    assert len(kept) == photos - held and set(kept).isdisjoint(chosen)
    assert report.pair_count(8) == (photos - held) * 8


def test_model_names_become_safe_file_names():
    assert slugify("Grandma's album ×4") == "grandma-s-album-4"
    assert slugify("外婆的相册") == "外婆的相册"
    assert slugify("../../etc") == "etc"
    assert slugify("  ") == "my-model"


def test_only_runs_with_a_readable_state_are_offered(private_data_dir: Path):
    assert unfinished_run() is None
    state = RunState("20260101-000000", "/photos", 4, False, "quick", None)
    state.save()
    (state.folder.parent / "junk").mkdir()
    (state.folder.parent / "junk" / "state.json").write_text("{not json")
    assert unfinished_run() == state


def test_a_run_trains_from_a_pack_on_cuda_only(monkeypatch):
    assert data_for(torch.device("cuda", 0)) == PACK
    assert data_for(torch.device("cpu")) == data_for(torch.device("mps")) == PAIRS
    monkeypatch.setattr(run_state, "free_memory_bytes", lambda _device: 8 * 10**9)
    assert data_for(torch.device("cuda", 0), 4 * 10**9) == PACK  # half the free memory
    assert data_for(torch.device("cuda", 0), 4 * 10**9 + 1) == PAIRS  # too large for it


def test_a_state_written_before_packs_keeps_its_pairs(private_data_dir: Path):
    state = RunState("20250101-000000", "/photos", 4, False, "quick", None)
    state.save()
    written = json.loads((state.folder / STATE_FILE).read_text())
    del written["data"], written["photos"]
    (state.folder / STATE_FILE).write_text(json.dumps(written))
    loaded = RunState.load(state.folder)
    assert loaded.data == PAIRS and loaded.dataset == state.folder / "pairs"


def test_only_a_pack_run_makes_its_damage_while_training():
    preset = TrainingConfig(patch=64)
    assert run_config(preset, 2, True, PACK).damage == "real"
    assert run_config(preset, 2, False, PACK).damage == "none"
    assert run_config(preset, 2, True, PAIRS).damage == "none"  # the pairs' files carry it
    assert run_config(preset, 2, True, PACK).scale == 2


def _step(step: int, phase: str, elapsed: float) -> StepEvent:
    return StepEvent(step, 40, phase, {}, None, None, 1e-4, 1e-4, 1.0, elapsed)


def test_time_left_counts_each_phase_at_its_own_speed():
    clock = StepClock(warmup_steps=10, total_steps=40, gan_ratio=3.0)
    assert clock.time_left() is None
    for step in range(1, 6):
        clock.observe(_step(step, "warmup", step * 1.0))
    assert clock.time_left() == pytest.approx(5 * 1.0 + 30 * 3.0)  # GAN cost from the ratio
    for step in range(6, 11):
        clock.observe(_step(step, "warmup", step * 1.0))
    for step in range(11, 16):
        clock.observe(_step(step, "gan", 10 + (step - 10) * 2.0))
    assert clock.time_left() == pytest.approx(25 * 2.0)  # the GAN cost, now measured


def test_an_estimate_multiplies_out_steps_and_validations():
    config = TrainingConfig(warmup_steps=100, steps=200, validate_every=100)
    times = StepTimes(warmup=0.5, gan=2.0, validation_photo=3.0)
    assert times.total(config, validation_photos=2) == pytest.approx(50 + 400 + 4 * 2 * 3.0)


def test_the_finish_page_scores_on_photos_damaged_as_the_run_was_trained(tmp_path: Path):
    """A run with simulated damage is validated on damaged photos; its finish-page figures
    must be taken the same way, or they would not match the plot beside them."""
    from engine.library.own_format import save_model
    from engine.networks import UNetGenerator
    from engine.progress import Progress
    from tests.training_helpers import validation_folder

    network = UNetGenerator(width=4, depth=1)
    model = save_model(network, tmp_path / "m.safetensors", display_name="M")
    val = validation_folder(tmp_path)
    figures = {}
    for degrade in (False, True):
        state = RunState("r", "photos", 4, degrade, "quick", None)
        figures[degrade] = compare(val, 4, model, None, "cpu", Progress(), state.recipe).bicubic
    assert figures[True].psnr < figures[False].psnr


def test_a_run_on_damage_starts_from_the_restore_model_and_one_that_enlarges_from_faithful(
    builtin_models: Path,
):
    from app.wizard.presets import builtin_start
    from tests.app.gui_helpers import write_tiny_model

    write_tiny_model(builtin_models, "faithful-x4", "Faithful ×4")
    assert builtin_start(4, degrade=True) == "faithful-x4"  # the one there is
    write_tiny_model(builtin_models, "restore-x4", "Restore ×4")
    assert builtin_start(4) == "faithful-x4"
    assert builtin_start(4, degrade=True) == "restore-x4"
    assert builtin_start(2, degrade=True) is None
