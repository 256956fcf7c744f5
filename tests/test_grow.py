"""Growing a trained generator wider: same output at the start, then the new channels learn."""

import pytest
import torch

from engine.errors import RekindleError
from engine.library.loading import load_model
from engine.library.own_format import save_model
from engine.networks import UNetGenerator
from tests.training_helpers import TINY, tiny_dataset
from training.cli import main
from training.grow import widen
from training.trainer import Trainer


def _trained_looking(**hparams) -> UNetGenerator:
    """A network with every weight non-zero (a fresh one has a zero tail, which hides a lot)."""
    torch.manual_seed(3)
    network = UNetGenerator(**hparams)
    with torch.no_grad():
        for parameter in network.parameters():
            parameter.normal_(0, 0.1)
    network.balance_phases()
    return network.eval()


@pytest.mark.parametrize(("width", "up_width"), [(12, 8), (8, 12), (12, 12)])
def test_a_widened_network_computes_what_the_narrow_one_did(width, up_width):
    narrow = _trained_looking(scale=4, width=8, depth=2, convs=2, up_width=8)
    wide = UNetGenerator(scale=4, width=width, depth=2, convs=2, up_width=up_width)
    widen(wide, narrow)
    wide.balance_phases()  # as the trainer does at the start: must not disturb the copy
    picture = torch.rand(2, 3, 20, 20)
    with torch.no_grad():
        torch.testing.assert_close(wide.eval()(picture), narrow(picture), atol=1e-5, rtol=0)
    # the new channels are live: they receive input and their outgoing weights can learn
    new_features = wide.head.weight[8:] if width > 8 else wide.rise[0].weight[:, 8:]
    assert new_features.abs().sum() > 0


@pytest.mark.parametrize(
    ("hparams", "message"),
    [
        ({"width": 4, "up_width": 8}, "width 4 is narrower"),
        ({"width": 8, "up_width": 4}, "up_width 4 is narrower"),
        ({"width": 8, "up_width": 8, "depth": 1}, "its depth is 2"),
        ({"width": 8, "up_width": 8, "convs": 1}, "its convs is 2"),
        ({"width": 8, "up_width": 8, "scale": 2}, "its scale is 4"),
    ],
)
def test_only_wider_networks_of_the_same_shape_can_grow(hparams, message):
    narrow = _trained_looking(scale=4, width=8, depth=2, convs=2, up_width=8)
    shape = {"scale": 4, "depth": 2, "convs": 2, **hparams}
    with pytest.raises(RekindleError, match=message):
        widen(UNetGenerator(**shape), narrow)


def test_the_trainer_grows_its_start_model(tmp_path):
    dataset = tiny_dataset(tmp_path)
    start = _trained_looking(scale=4, width=6, depth=1, convs=1, up_width=6)
    path = save_model(start, tmp_path / "start.safetensors", display_name="start")
    trainer = Trainer(dataset, tmp_path / "m.safetensors", TINY, init=path, grow=True, device="cpu")
    assert (trainer.config.width, trainer.config.up_width) == (8, 8)  # the run's, not the file's
    picture = torch.rand(1, 3, 16, 16)
    with torch.no_grad():
        grown = trainer.generator.eval()(picture)
        torch.testing.assert_close(grown, start(picture), atol=1e-5, rtol=0)


def test_growing_needs_a_start_model(tmp_path, capsys):
    dataset = tiny_dataset(tmp_path)
    assert main(["train", str(dataset), "--out", str(tmp_path / "m.safetensors"), "--grow"]) == 2
    assert "needs the model to start from (--init)" in capsys.readouterr().err


def test_the_command_line_grows_from_the_start_models_shape(tmp_path):
    """Only the dimension asked for changes: the rest comes from the model, not the defaults."""
    dataset = tiny_dataset(tmp_path)
    start = _trained_looking(scale=4, width=6, depth=1, convs=2, up_width=6)
    path = save_model(start, tmp_path / "start.safetensors", display_name="start")
    out = tmp_path / "grown.safetensors"
    args = [
        "train",
        str(dataset),
        "--out",
        str(out),
        "--init",
        str(path),
        "--grow",
        "--up-width",
        "10",
        "--batch",
        "2",
        "--warmup-steps",
        "1",
        "--steps",
        "0",
        "--disc-width",
        "8",
        "--disc-depth",
        "2",
    ]
    assert main(args) == 0
    grown = load_model(out).descriptor.hparams
    assert grown == {"scale": 4, "width": 6, "depth": 1, "convs": 2, "up_width": 10}
