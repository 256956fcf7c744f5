"""The wizard on a pack, the path it takes on a CUDA GPU, here forced on the CPU: the kept
photos packed (never the held-out ones), a preview cut and damaged as the trainer does, time
estimates measured on a pack, training, saving, and a stopped run continued from its pack."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest
import torch
from gui_helpers import write_tiny_model
from wizard_helpers import (
    CROP,
    ENDLESS,
    TINY,
    WAIT_MS,
    finish_button,
    small_photos,
)

from app.settings import AppSettings
from app.wizard import wizard as wizard_module
from app.wizard.wizard import TrainingWizard
from engine.imageio import Picture, write_picture
from engine.library.loading import load_model
from engine.pixels import from_tensor
from training import estimate, run_state
from training.checkpoint import checkpoint_path, load_checkpoint
from training.config import TrainingConfig
from training.material.packed import preview_pairs
from training.material.prepared import PREVIEW_PAIRS
from training.pack import pack
from training.pack_format import PACK_SUFFIX, read_pack
from training.packed_pairs import PackedPairs, reduce_bicubic
from training.run_state import PACK, PAIRS, TRAINING, unfinished_run

pytestmark = pytest.mark.usefixtures("builtin_models")
CPU = torch.device("cpu")


@pytest.fixture
def open_wizard(qtbot, app_settings: AppSettings) -> Iterator[Callable[..., TrainingWizard]]:
    """Builds shown wizards (``data`` passed on); stops their jobs at the end."""
    wizards: list[TrainingWizard] = []

    def make(presets: dict[str, TrainingConfig], **options) -> TrainingWizard:
        wizard = TrainingWizard(app_settings, presets=presets, crop=CROP, **options)
        qtbot.addWidget(wizard)
        wizard.show()
        wizards.append(wizard)
        return wizard

    yield make
    for wizard in wizards:
        wizard.stop_jobs()


def _measured_data(monkeypatch) -> list[tuple[str, str, str]]:
    """(data file suffix, damage, device) of every throw-away run the time estimates train."""
    seen: list[tuple[str, str, str]] = []
    real = estimate.Trainer

    def trainer(data, out, config, **options):
        made = real(data, out, config, **options)
        seen.append((Path(data).suffix, config.damage, made.device.type))
        return made

    monkeypatch.setattr(estimate, "Trainer", trainer)
    return seen


def test_on_a_pack_the_wizard_trains_from_the_kept_photos_to_a_saved_model(
    open_wizard, qtbot, monkeypatch, builtin_models: Path, tmp_path: Path
):
    write_tiny_model(builtin_models, "faithful-x4", "Faithful ×4")
    album = small_photos(tmp_path / "album")
    measured = _measured_data(monkeypatch)
    wizard = open_wizard({"tiny": TINY}, data=PACK)
    wizard.source_page.set_folder(album)
    qtbot.waitUntil(wizard.source_page.isComplete, timeout=WAIT_MS)
    assert "learns from <b>2</b> photos" in wizard.source_page.explanation.text()  # 1 held out

    wizard.next()
    preparation = wizard.preparation_page
    preparation.degrade_box.setChecked(True)
    qtbot.waitUntil(
        lambda: not preparation.estimating() and "tiny" in preparation.times, timeout=WAIT_MS
    )
    assert preparation.times["tiny"].gan > 0
    assert measured[-1] == (PACK_SUFFIX, "real", "cpu")  # timed on the pack path, damaged
    preparation.prepare_button.click()
    qtbot.waitUntil(preparation.isComplete, timeout=WAIT_MS)
    run = wizard.run
    assert run.data == PACK and run.dataset.suffix == PACK_SUFFIX
    assert not (run.folder / "pairs").exists()  # no crop files
    assert run.held_out == [str(album / "photo1.png")]
    packed = read_pack(run.dataset)
    assert [entry["file"] for entry in packed.entries] == ["photo0.png", "photo2.png"]
    assert len(list(run.val_dir.glob("*.png"))) == 1  # the held-out photo, judged on only
    assert (run.photos, run.pairs) == (2, 0)
    assert preparation.status.text().startswith("2 photos packed: training cuts new crops")
    offered = open_wizard({"tiny": TINY}).source_page.resume_label.text()
    assert "photos from" in offered and "are packed but training has not started" in offered

    # the preview is what the trainer's own source cuts from the pack, with the same damage
    looks = TrainingConfig(scale=4, patch=CROP, damage="real")
    blurry, sharp = PackedPairs(run.dataset, looks, CPU).batch(PREVIEW_PAIRS)
    assert len(preparation.prepared.preview) == PREVIEW_PAIRS
    for index, (shown_blurry, shown_sharp) in enumerate(preparation.prepared.preview):
        assert shown_sharp.shape == (CROP, CROP, 3)
        assert np.array_equal(shown_sharp, from_tensor(sharp[index : index + 1], np.uint8))
        assert np.array_equal(shown_blurry, from_tensor(blurry[index : index + 1], np.uint8))
    assert not torch.equal(blurry, reduce_bicubic(sharp, 4))  # damaged, not only reduced
    assert preparation.preview_group.isVisibleTo(wizard)

    wizard.next()
    training = wizard.training_page
    qtbot.waitUntil(training.isComplete, timeout=WAIT_MS)
    assert not training.outcome.cancelled
    assert training.steps_seen == TINY.total_steps
    assert training.last_validation is not None

    wizard.next()
    finish = wizard.finish_page
    qtbot.waitUntil(lambda: not finish.scoring(), timeout=WAIT_MS)
    finish.name_edit.setText("Packed album")
    finish_button(wizard).click()
    training_header = load_model(finish.saved_path).descriptor.training
    assert training_header["steps_done"] == TINY.total_steps
    assert training_header["runs"][-1]["data"] == Path(run.source).name  # the folder chosen
    assert (training_header["config"]["damage"], training_header["config"]["patch"]) == (
        "real",
        TINY.patch,
    )


def test_a_stopped_pack_run_continues_from_its_pack(open_wizard, qtbot, tmp_path: Path):
    wizard = open_wizard({"endless": ENDLESS}, data=PACK)
    wizard.source_page.set_folder(small_photos(tmp_path / "album"))
    qtbot.waitUntil(wizard.source_page.isComplete, timeout=WAIT_MS)
    wizard.next()
    wizard.preparation_page.prepare_button.click()
    qtbot.waitUntil(wizard.preparation_page.isComplete, timeout=WAIT_MS)
    wizard.next()
    page = wizard.training_page
    qtbot.waitUntil(lambda: page.steps_seen >= 3, timeout=WAIT_MS)
    page.stop()
    qtbot.waitUntil(page.isComplete, timeout=WAIT_MS)
    state = unfinished_run()
    assert state.stage == TRAINING and state.data == PACK and state.has_checkpoint()

    again = open_wizard({"endless": ENDLESS})  # this one would start a new run on pairs
    assert again.data == PAIRS
    again.source_page.continue_button.click()
    resumed = again.training_page
    qtbot.waitUntil(lambda: resumed.steps_seen > state.step, timeout=WAIT_MS)
    resumed.stop()
    qtbot.waitUntil(resumed.isComplete, timeout=WAIT_MS)
    sampler = json.loads(load_checkpoint(checkpoint_path(state.model_path))["sampler"])
    assert set(sampler) == {"step"}  # the continued run trained from the pack, not from pairs
    assert resumed.outcome.step > state.step


def test_the_training_device_chooses_the_data(open_wizard, monkeypatch):
    assert open_wizard({"tiny": TINY}).data == PAIRS  # this machine trains on its CPU
    monkeypatch.setattr(wizard_module, "pick_device", lambda _choice: torch.device("cuda", 0))
    on_gpu = open_wizard({"tiny": TINY})
    assert on_gpu.data == PACK
    assert on_gpu.preparation_page._device_name() == "GPU"


@pytest.mark.parametrize(("free", "data"), [(10**12, PACK), (1000, PAIRS)])
def test_a_collection_too_large_for_the_gpus_memory_is_made_into_pairs(
    open_wizard, monkeypatch, qtbot, tmp_path: Path, free: int, data: str
):
    """Decoded, the photos must fit in half the GPU's free memory to be packed onto it."""
    monkeypatch.setattr(wizard_module, "pick_device", lambda _choice: torch.device("cuda", 0))
    monkeypatch.setattr(run_state, "free_memory_bytes", lambda _device: free)
    wizard = open_wizard({"tiny": TINY})
    assert wizard.data == PACK  # before the folder is read
    wizard.source_page.set_folder(small_photos(tmp_path / "album", count=4))
    qtbot.waitUntil(wizard.source_page.isComplete, timeout=WAIT_MS)
    report = wizard.source_page.report
    assert report.decoded_bytes() == len(report.kept()) * 240 * 160 * 3  # photos of 240x160
    assert wizard.data == data
    words = "cutting new crops" if data == PACK else "training pairs"
    assert words in wizard.source_page.explanation.text()


def test_the_preview_of_a_large_pack_decodes_only_a_few_photos_spread_through_it(
    tmp_path: Path,
):
    """Nine photos of one colour each: the preview's crops come from every second one."""
    folder = tmp_path / "colours"
    folder.mkdir()
    levels = [20 * index + 40 for index in range(9)]
    for index, level in enumerate(levels):
        write_picture(
            Picture(np.full((48, 48, 3), level, np.uint8), None, None, None, "png"),
            folder / f"{index}.png",
        )
    out = tmp_path / "colours.rkpack"
    pack(folder, out, min_side=32)
    preview = preview_pairs(out, TrainingConfig(scale=4, patch=32), len(levels))
    assert len(preview) == PREVIEW_PAIRS
    means = [float(sharp.mean()) for _blurry, sharp in preview]
    drawn = {min(range(len(levels)), key=lambda i: abs(levels[i] - mean)) for mean in means}
    assert drawn <= {0, 2, 4, 6, 8}


@pytest.mark.cuda
@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs an NVIDIA GPU with CUDA")
def test_on_a_cuda_gpu_the_wizard_packs_and_measures_and_trains_there(
    open_wizard, qtbot, monkeypatch, tmp_path: Path
):
    measured = _measured_data(monkeypatch)
    wizard = open_wizard({"tiny": TINY})
    assert (wizard.data, wizard.training_device.type) == (PACK, "cuda")
    wizard.source_page.set_folder(small_photos(tmp_path / "album"))
    qtbot.waitUntil(wizard.source_page.isComplete, timeout=WAIT_MS)
    wizard.next()
    qtbot.waitUntil(lambda: "tiny" in wizard.preparation_page.times, timeout=WAIT_MS)
    assert measured[-1] == (PACK_SUFFIX, "none", "cuda")  # the estimate timed the GPU's path
    wizard.preparation_page.prepare_button.click()
    qtbot.waitUntil(wizard.preparation_page.isComplete, timeout=WAIT_MS)
    wizard.next()
    assert wizard.run.data == PACK
    training = wizard.training_page
    qtbot.waitUntil(training.isComplete, timeout=WAIT_MS)
    assert not training.outcome.cancelled
    run = load_model(training.outcome.model_path).descriptor.training["runs"][-1]
    assert (run["data"], run["amp"]) == ("album", "bf16")  # on the GPU
