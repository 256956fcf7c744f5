"""Community model files that are not what they seem: weights of a known architecture whose
layers fit no network of it, and other runtimes' models, each refused in one plain sentence."""

import logging
from pathlib import Path

import pytest
import torch
from safetensors.torch import save_file
from spandrel.architectures.Compact.__arch.SRVGG import SRVGGNetCompact
from spandrel.architectures.DAT import DAT

from engine.errors import ModelFileError
from engine.library.files import OTHER_RUNTIME_SUFFIXES
from engine.library.loading import load_model, open_model


def _compact_with_a_layer_resized(folder: Path) -> Path:
    """Compact weights with one convolution half as wide as its neighbours take."""
    path = folder / "misfit.pth"
    state = SRVGGNetCompact(num_feat=8, num_conv=4, upscale=2).state_dict()
    state["body.2.weight"] = torch.zeros(8, 4, 3, 3)
    torch.save(state, path)
    return path


def _dat_with_windows_it_cannot_have(folder: Path) -> Path:
    """DAT weights with their position biases scaled, as a tester's script scaled every
    weight: spandrel reads DAT's window sizes from those biases, and the windows it reads are
    not those the layers were made for."""
    path = folder / "misfit.safetensors"
    torch.manual_seed(1)
    network = DAT(
        upscale=2,
        img_size=64,
        depth=[2],
        embed_dim=24,
        num_heads=[2],
        expansion_factor=2,
        split_size=[8, 32],
        upsampler="pixelshuffledirect",
    )
    state = network.state_dict()
    save_file({k: v * 0.3 if k.endswith("rpe_biases") else v for k, v in state.items()}, path)
    return path


@pytest.mark.parametrize(
    ("make", "architecture"),
    [
        (_compact_with_a_layer_resized, "RealESRGAN Compact"),
        (_dat_with_windows_it_cannot_have, "DAT"),
    ],
)
def test_weights_that_fit_no_network_of_their_architecture_are_said_in_a_sentence(
    tmp_path, caplog, make, architecture
):
    path = make(tmp_path)
    with caplog.at_level(logging.INFO), pytest.raises(ModelFileError) as refused:
        load_model(path)
    assert refused.value.sentence == (
        f"{path.name}: looks like a {architecture} model, but its layers are not the "
        f"sizes of any {architecture} Rekindle knows"
    )
    assert "size mismatch" in caplog.text  # spandrel's account, for the log file


@pytest.mark.parametrize("suffix", OTHER_RUNTIME_SUFFIXES)
def test_a_model_of_another_runtime_named_by_path_is_told_so(tmp_path, suffix):
    other = tmp_path / f"x4plus{suffix}"
    other.write_bytes(b"\x08\x07\x12\x07pytorch")
    with pytest.raises(ModelFileError, match=rf"x4plus\{suffix}: an ONNX or NCNN model"):
        open_model(other)
