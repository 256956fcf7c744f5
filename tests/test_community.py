"""Community models through spandrel: every file format loads, runs tiled, matches whole."""

import pickle
from pathlib import Path

import numpy as np
import pytest
import torch
from safetensors.torch import save_file
from spandrel.architectures.Compact.__arch.SRVGG import SRVGGNetCompact
from spandrel.architectures.ESRGAN.__arch.RRDB import RRDBNet
from spandrel.architectures.SwinIR.__arch.SwinIR import SwinIR

from engine.errors import ModelFileError
from engine.library.descriptor import Origin
from engine.library.loading import load_model, open_model
from engine.restorer import Restorer

NETWORKS = {
    "esrgan": lambda: RRDBNet(num_filters=8, num_blocks=1, scale=4),
    "compact": lambda: SRVGGNetCompact(num_feat=8, num_conv=4, upscale=2),
    "swinir": lambda: SwinIR(
        embed_dim=12,
        depths=[2],
        num_heads=[2],
        window_size=4,
        upscale=2,
        upsampler="pixelshuffledirect",
        img_size=16,
        mlp_ratio=2.0,
    ),
}
EXPECTED = {"esrgan": ("ESRGAN", 4), "compact": ("RealESRGAN", 2), "swinir": ("SwinIR", 2)}


def _save(state: dict, path: Path) -> Path:
    if path.suffix == ".safetensors":
        save_file({k: v.contiguous() for k, v in state.items()}, path)
    elif path.suffix == ".ckpt":
        torch.save({"state_dict": state}, path)
    else:
        torch.save(state, path)
    return path


@pytest.mark.parametrize("kind", sorted(NETWORKS))
@pytest.mark.parametrize("suffix", [".pth", ".pt", ".ckpt", ".safetensors"])
def test_formats_load_and_tiled_matches_whole(tmp_path, kind, suffix):
    torch.manual_seed(0)
    network = NETWORKS[kind]()
    path = _save(network.state_dict(), tmp_path / f"{kind}{suffix}")
    model = load_model(path)
    name, scale = EXPECTED[kind]
    assert model.descriptor.scale == scale
    assert name.lower() in model.descriptor.display_name.lower().replace("-", "")
    image = np.random.default_rng(1).integers(0, 256, (40, 52, 3), dtype=np.uint8)
    whole = Restorer(model, torch.device("cpu"), tile=4096).enlarge(image)
    tiled = Restorer(model, torch.device("cpu"), tile=16).enlarge(image)
    assert whole.shape == (40 * scale, 52 * scale, 3)
    assert np.abs(whole.astype(int) - tiled.astype(int)).max() <= 1


def test_pickle_payload_is_refused_and_never_runs(tmp_path):
    marker = tmp_path / "pwned.txt"

    class Payload:
        def __reduce__(self):
            return (Path.write_text, (marker, "this code ran"))

    path = tmp_path / "evil.pth"
    with open(path, "wb") as stream:
        pickle.dump({"weight": Payload()}, stream)
    with pytest.raises(ModelFileError, match="refused"):
        load_model(path)
    assert not marker.exists()


def test_torch_saved_payload_is_refused_too(tmp_path):
    marker = tmp_path / "pwned.txt"

    class Payload:
        def __reduce__(self):
            return (Path.write_text, (marker, "this code ran"))

    path = tmp_path / "evil.pt"
    torch.save({"conv.weight": torch.zeros(1), "extra": Payload()}, path)
    with pytest.raises(ModelFileError, match="refused"):
        load_model(path)
    assert not marker.exists()


def test_unknown_architecture_and_other_files(tmp_path):
    path = _save({"nothing.weight": torch.zeros(3, 3)}, tmp_path / "odd.pth")
    with pytest.raises(ModelFileError, match="does not know"):
        load_model(path)
    text = tmp_path / "notes.ckpt"
    text.write_text("hello")
    with pytest.raises(ModelFileError, match=r"notes\.ckpt"):
        load_model(text)


def test_user_community_model_found_by_name(private_data_dir):
    folder = private_data_dir / "models"
    folder.mkdir()
    torch.manual_seed(0)
    _save(NETWORKS["compact"]().state_dict(), folder / "my-compact.pth")
    model = open_model("my-compact")
    assert model.descriptor.origin is Origin.IMPORTED and model.descriptor.scale == 2


def test_one_times_restoration_model(tmp_path):
    torch.manual_seed(0)
    network = SRVGGNetCompact(num_feat=8, num_conv=2, upscale=1)
    model = load_model(_save(network.state_dict(), tmp_path / "denoise.pth"))
    assert model.descriptor.scale == 1
    restorer = Restorer(model, torch.device("cpu"), tile=16)
    image = np.random.default_rng(0).integers(0, 256, (20, 30, 3), dtype=np.uint8)
    assert restorer.enlarge(image).shape == (20, 30, 3)
    from engine.errors import RekindleError

    with pytest.raises(RekindleError, match="does not enlarge"):
        restorer.enlarge(image, scale_out=2)
