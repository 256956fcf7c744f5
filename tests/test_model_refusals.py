"""A model file is told by its content, not its suffix, and one that cannot be used is refused
with one plain sentence saying why; torch's warnings stay off the command line; a run that
cannot work is refused before any photo."""

from __future__ import annotations

import io
import pickle
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import cv2
import numpy as np
import pytest
import torch
from safetensors.torch import save as safetensors_bytes
from spandrel.architectures.Compact.__arch.SRVGG import SRVGGNetCompact
from spandrel.architectures.SwinIR.__arch.SwinIR import SwinIR

from engine.cli import main
from engine.errors import ModelFileError
from engine.library.loading import load_model
from tests.video_helpers import make_clip

REPO = Path(__file__).resolve().parent.parent


def compact(channels: int = 3, scale: int = 2) -> SRVGGNetCompact:
    torch.manual_seed(0)
    return SRVGGNetCompact(
        num_in_ch=channels, num_out_ch=channels, num_feat=4, num_conv=1, upscale=scale
    ).eval()


def weights(network: torch.nn.Module) -> dict[str, torch.Tensor]:
    return {key: value.contiguous() for key, value in network.state_dict().items()}


def torch_bytes(network: torch.nn.Module, zipped: bool = True) -> bytes:
    """The model as ``torch.save`` writes it: a zip, or the older plain pickle."""
    stream = io.BytesIO()
    torch.save(weights(network), stream, _use_new_zipfile_serialization=zipped)
    return stream.getvalue()


def torchscript_bytes() -> bytes:
    stream = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # tracing is deprecated, not gone
        torch.jit.save(torch.jit.trace(compact(), torch.rand(1, 3, 8, 8)), stream)
    return stream.getvalue()


def archive_bytes() -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        archive.writestr("4x-Model/README.txt", "the model is the .pth beside this file")
    return stream.getvalue()


def png_bytes() -> bytes:
    return cv2.imencode(".png", np.zeros((8, 8, 3), np.uint8))[1].tobytes()


def half(data: bytes) -> bytes:
    return data[: len(data) // 2]


def refusal(path: Path) -> str:
    with pytest.raises(ModelFileError) as refused:
        load_model(path)
    return str(refused.value)


DAMAGED = "the file is damaged or cut short (a copy or download that did not finish?)"


@pytest.mark.parametrize(
    "name, content, sentence",
    [
        (
            "traced.pt",
            torchscript_bytes,
            "refused: a TorchScript program rather than plain weights, and Rekindle never runs "
            "code from a model file; look for the model as .pth or .safetensors weights",
        ),
        ("photo.pth", png_bytes, "a picture, not a model file"),
        (
            "4x-Model.pth",
            archive_bytes,
            "a zip archive, not a model file; unpack it and use the model file inside",
        ),
        ("cut.pth", lambda: half(torch_bytes(compact())), DAMAGED),
        ("cut-old.pth", lambda: half(torch_bytes(compact(), zipped=False)), DAMAGED),
        ("cut.safetensors", lambda: half(safetensors_bytes(weights(compact()))), DAMAGED),
        (
            "notes.ckpt",
            lambda: b"these are not weights" * 10,
            "not a readable model file: neither safetensors nor PyTorch weights",
        ),
    ],
)
def test_each_file_that_is_not_weights_is_refused_with_one_sentence_saying_what_it_is(
    tmp_path, name, content, sentence
):
    path = tmp_path / name
    path.write_bytes(content())
    assert refusal(path) == f"{name}: {sentence}"


@pytest.mark.parametrize(
    "name, content",
    [
        ("safetensors-inside.pth", lambda: safetensors_bytes(weights(compact()))),
        ("pickle-inside.safetensors", lambda: torch_bytes(compact())),
        ("old-pickle-inside.ckpt", lambda: torch_bytes(compact(), zipped=False)),
    ],
)
def test_weights_load_whatever_their_suffix_says(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content())
    assert load_model(path).descriptor.scale == 2


def test_a_model_making_other_channels_than_it_takes_is_refused_saying_why(tmp_path):
    path = tmp_path / "1x_colourise.pth"
    torch.manual_seed(0)
    colouriser = SRVGGNetCompact(num_in_ch=1, num_out_ch=3, num_feat=4, num_conv=1, upscale=1)
    path.write_bytes(torch_bytes(colouriser))
    assert refusal(path) == (
        "1x_colourise.pth: refused: a model that takes 1-channel images and makes 3-channel "
        "ones, and Rekindle runs models for colour (3 channels) or grey (1 channel) pictures"
    )


def test_torch_warnings_while_reading_are_kept_within_the_reading(tmp_path):
    """A pickle of protocol 4 makes torch warn (then refuse it): the refusal is the only word,
    and the warnings filters are as they were."""
    path = tmp_path / "evil.pth"
    path.write_bytes(pickle.dumps({"weight": torch.zeros(1)}, protocol=4))
    before = list(warnings.filters)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert "refused: it is not plain weights" in refusal(path)
    assert [str(warning.message) for warning in caught] == []
    assert warnings.filters == before


SWINIR_RUN = """
import numpy as np, torch
from engine.library.loading import load_model
from tests.video_helpers import make_clip
from engine.restorer import Restorer
model = load_model({path!r})
Restorer(model, torch.device("cpu"), tile=16).enlarge(np.zeros((20, 24, 3), np.uint8))
"""


def test_a_swinir_model_loads_and_runs_without_torch_warnings(tmp_path):
    """torch warns once a process that ``torch.meshgrid`` wants its indexing argument, when
    SwinIR builds its network: so the model runs in a process of its own, as on the command
    line."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        network = SwinIR(
            embed_dim=12,
            depths=[2],
            num_heads=[2],
            window_size=4,
            upscale=2,
            upsampler="pixelshuffledirect",
            img_size=16,
            mlp_ratio=2.0,
        )
    path = tmp_path / "swinir.pth"
    path.write_bytes(torch_bytes(network))
    done = subprocess.run(
        [sys.executable, "-c", SWINIR_RUN.format(path=str(path))],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def write_photos(folder: Path) -> None:
    for name in ("a.png", "b.png"):
        (folder / name).write_bytes(png_bytes())


def write_films(folder: Path) -> None:
    for name in ("a.mp4", "b.mp4"):
        make_clip(folder / name, frames=2, size=(16, 16), audio=None)


@pytest.mark.parametrize(
    "command, write_inputs", [("restore", write_photos), ("restore-video", write_films)]
)
def test_a_scale_the_model_cannot_reach_is_refused_before_any_work(
    tmp_path, capsys, command, write_inputs
):
    model = tmp_path / "1x_denoise.pth"
    model.write_bytes(torch_bytes(compact(scale=1)))
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    write_inputs(inputs)
    out = tmp_path / "restored"
    arguments = [str(inputs), "-o", f"{out}/", "--model", str(model), "--scale-out", "2"]
    assert main([command, *arguments]) == 2
    assert capsys.readouterr().err == (
        "error: this model does not enlarge, so its result cannot be larger than the photo: "
        "leave the output size out\n"
    )
    assert not out.exists()
