"""Training on a pack: pairs made on the device, the benchmarks' reduction, resume by step."""

from dataclasses import replace

import cv2
import numpy as np
import pytest
import torch

from engine.errors import RekindleError
from tests.conftest import photo_path
from tests.test_training_cli import SMALL
from tests.training_helpers import PACKED, TINY, tiny_dataset, tiny_pack
from training.cli import main
from training.events import StepEvent
from training.packed_pairs import PackedPairs, make_blurry, reduce_bicubic
from training.prepare import shrink_bicubic
from training.trainer import Trainer

CPU = torch.device("cpu")


@pytest.fixture(scope="module")
def packed(tmp_path_factory):
    return tiny_pack(tmp_path_factory.mktemp("pack"))


@pytest.mark.parametrize("scale", [2, 4])
def test_the_reduction_matches_the_benchmarks_pillow_one(scale):
    """Pillow rounds to 8 bits between its two passes, so a few edge pixels differ by more
    than a level: on average the two differ by under 0.2 of a level, and fewer than 1 in
    1000 values by more than one level."""
    for index in range(2):
        rgb = cv2.cvtColor(cv2.imread(str(photo_path(index))), cv2.COLOR_BGR2RGB)[:384, :480]
        expected = shrink_bicubic(rgb, scale).astype(np.int16)
        sharp = torch.from_numpy(rgb).permute(2, 0, 1)[None].float() / 255
        ours = reduce_bicubic(sharp, scale)[0].permute(1, 2, 0).mul(255).round().numpy()
        difference = np.abs(ours.astype(np.int16) - expected)
        assert difference.mean() < 0.2
        assert (difference > 1).mean() < 1e-3


def test_a_pack_gives_pairs_made_on_the_device(packed):
    pairs = PackedPairs(packed, PACKED, CPU)
    blurry, sharp = pairs.batch(3)
    assert sharp.shape == (3, 3, 32, 32) and blurry.shape == (3, 3, 8, 8)
    assert sharp.device == blurry.device == CPU
    assert torch.equal(blurry, reduce_bicubic(sharp.clone(), 4))
    assert torch.equal(blurry * 255, (blurry * 255).round())  # 8-bit levels, as a saved PNG
    assert pairs.state() == {"step": 1}
    again = PackedPairs(packed, PACKED, CPU)
    again.restore({"step": 0})
    assert torch.equal(again.batch(3)[1], sharp)


def test_packed_data_needs_a_patch_and_a_known_damage(packed):
    with pytest.raises(RekindleError, match="needs --patch"):
        PackedPairs(packed, TINY, CPU)
    with pytest.raises(RekindleError, match=r"clean-up model \(scale 1\)"):
        PackedPairs(packed, replace(PACKED, scale=1), CPU)
    with pytest.raises(ValueError, match="damage must be one of none, real"):
        replace(PACKED, damage="sepia")
    with pytest.raises(RekindleError, match="damage must be one of none, real, not 'sepia'"):
        make_blurry(torch.zeros(1, 3, 8, 8), 4, "sepia", None, 0)


def test_real_damage_is_made_on_the_device_reproducibly_and_validated_alike(packed):
    config = replace(PACKED, damage="real")
    pairs = PackedPairs(packed, config, CPU)
    assert pairs.degradation == "real"
    batches = [pairs.batch(6) for _ in range(3)]  # the next plans are drawn ahead, in a thread
    for blurry, _sharp in batches:
        assert blurry.shape == (6, 3, 8, 8)
        assert torch.equal(blurry * 255, (blurry * 255).round())
    plain = reduce_bicubic(batches[0][1].clone(), 4)
    assert not torch.equal(batches[0][0], plain)  # damaged, not only reduced
    again = PackedPairs(packed, config, CPU)
    again.restore({"step": 2})  # resuming: no plan ahead, drawn for this step alone
    blurry, sharp = again.batch(6)
    assert torch.equal(sharp, batches[2][1]) and torch.equal(blurry, batches[2][0])


@pytest.mark.parametrize("amp", ["off", "bf16"])
def test_an_interrupted_packed_run_resumes_and_matches(packed, tmp_path, amp):
    config = replace(PACKED, warmup_steps=1, steps=5, checkpoint_every=2)
    whole = Trainer(packed, tmp_path / "whole.safetensors", config, device="cpu", amp=amp)
    list(whole.run())
    out = tmp_path / "killed.safetensors"
    for event in Trainer(packed, out, config, device="cpu", amp=amp).run():
        if isinstance(event, StepEvent) and event.step == 5:
            break  # a kill: the last checkpoint is from step 4
    resumed = Trainer(packed, out, config, device="cpu", amp=amp, resume=True)
    assert [e.step for e in resumed.run() if isinstance(e, StepEvent)] == [5, 6]
    for key, value in whole.generator.state_dict().items():
        assert torch.allclose(value, resumed.generator.state_dict()[key], atol=1e-6), key


def test_a_run_resumes_only_on_the_kind_of_data_it_started_on(packed, tmp_path):
    dataset = tiny_dataset(tmp_path)
    on_pairs, on_pack = tmp_path / "pairs.safetensors", tmp_path / "pack.safetensors"
    list(Trainer(dataset, on_pairs, replace(PACKED, steps=1), device="cpu").run())
    list(Trainer(packed, on_pack, replace(PACKED, steps=1), device="cpu").run())
    with pytest.raises(RekindleError, match="made on a folder of pairs, not a pack"):
        list(Trainer(packed, on_pairs, PACKED, device="cpu", resume=True).run())
    with pytest.raises(RekindleError, match="made on a pack, not a folder of pairs"):
        list(Trainer(dataset, on_pack, PACKED, device="cpu", resume=True).run())


@pytest.mark.parametrize(
    ("setting", "said"),
    [
        ({"grey": 0.3}, "give --grey to prepare instead"),
        ({"damage": "real"}, "give --degrade real to prepare instead"),
        ({"shrink": 0.5}, "give --shrink to prepare instead"),
    ],
)
def test_pack_settings_are_refused_for_prepared_pairs_whose_crops_are_made_already(
    tmp_path, setting, said
):
    from training.batches import open_batches

    with pytest.raises(RekindleError, match=said):
        open_batches(tiny_dataset(tmp_path), replace(PACKED, **setting), torch.device("cpu"))


def test_the_command_line_trains_on_a_pack(packed, tmp_path, capsys):
    out = str(tmp_path / "m.safetensors")
    steps = ["--warmup-steps", "1", "--steps", "1", "--device", "cpu", *SMALL]
    assert main(["train", str(packed), "--out", out, *steps]) == 2
    assert "error: training on a pack needs --patch" in capsys.readouterr().err
    assert main(["train", str(packed), "--out", out, "--patch", "32", *steps]) == 0
    assert "finished at step 2" in "".join(capsys.readouterr())
