"""Models in subfolders of the user's models folder (as chaiNNer and Upscayl users keep them)
are listed and found by their name; models that share a name are told apart, and a name they
share picks neither."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from safetensors.torch import save_file
from spandrel.architectures.Compact.__arch.SRVGG import SRVGGNetCompact

from engine.cli import main
from engine.errors import ModelFileError
from engine.library.descriptor import Origin
from engine.library.files import model_files
from engine.library.loading import open_model, resolve_model_path
from engine.library.store import import_model

pytestmark = pytest.mark.usefixtures("builtin_models")  # only the user's models are listed


@pytest.fixture
def models(private_data_dir: Path) -> Path:
    return private_data_dir / "models"


def compact_weights(scale: int = 2, seed: int = 0) -> dict[str, torch.Tensor]:
    torch.manual_seed(seed)
    network = SRVGGNetCompact(num_feat=4, num_conv=1, upscale=scale)
    return {key: value.contiguous() for key, value in network.state_dict().items()}


def write_compact(path: Path, scale: int = 2, seed: int = 0) -> Path:
    """A tiny community model, saved as .safetensors or with torch.save, by its suffix."""
    path.parent.mkdir(parents=True, exist_ok=True)
    weights = compact_weights(scale, seed)
    if path.suffix == ".safetensors":
        save_file(weights, path)
    else:
        torch.save(weights, path)
    return path


def listed_names(capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The NAME column of ``models list``."""
    assert main(["models", "list"]) == 0
    return [line.split("  ")[0] for line in capsys.readouterr().out.splitlines()[1:]]


def test_a_model_in_a_subfolder_is_listed_and_found_by_its_name(models, capsys):
    nested = write_compact(models / "ESRGAN" / "deep" / "x2-nested.pth")
    write_compact(models / ".importing" / "1f2e" / "half-imported.pth")  # an import under way
    write_compact(models / ".trash" / "thrown.pth")
    assert model_files(models) == [nested]
    assert resolve_model_path("x2-nested") == (nested, Origin.IMPORTED)
    assert open_model("x2-nested").descriptor.scale == 2
    assert listed_names(capsys) == ["x2-nested"]


def test_a_name_two_files_share_is_refused_with_the_names_that_tell_them_apart(models):
    pth = write_compact(models / "4x_same.pth")
    safetensors = write_compact(models / "4x_same.safetensors", scale=4)
    with pytest.raises(
        ModelFileError,
        match=r"^several models are called '4x_same': 4x_same\.pth, 4x_same\.safetensors; "
        r"name the one you mean as written here, or give its path$",
    ):
        resolve_model_path("4x_same")
    assert resolve_model_path("4x_same.pth")[0] == pth
    assert open_model("4x_same.safetensors").descriptor.scale == 4
    assert open_model(str(safetensors)).descriptor.scale == 4

    first = write_compact(models / "ESRGAN" / "up.pth")
    second = write_compact(models / "SwinIR" / "UP.pth")
    with pytest.raises(ModelFileError, match=r"'Up': ESRGAN/up\.pth, SwinIR/UP\.pth;"):
        resolve_model_path("Up")  # case ignored where no file has the name as written
    assert resolve_model_path("up")[0] == first  # one file has it exactly
    assert resolve_model_path("SwinIR/UP.pth")[0] == second


def test_models_list_names_each_model_as_model_takes_it(models, capsys):
    files = [
        write_compact(models / "4x_same.pth"),
        write_compact(models / "4x_same.safetensors"),
        write_compact(models / "ESRGAN" / "4x_same.pth"),
        write_compact(models / "ESRGAN" / "solo.pth"),
    ]
    names = listed_names(capsys)
    assert names == ["4x_same.pth", "4x_same.safetensors", "ESRGAN/4x_same.pth", "solo"]
    assert [resolve_model_path(name)[0] for name in names] == files


def test_importing_keeps_names_apart_from_subfolders_and_removing_reaches_them(
    models, tmp_path, capsys
):
    nested = write_compact(models / "ESRGAN" / "up.pth")
    imported = import_model(write_compact(tmp_path / "up.pth", seed=1))
    assert imported.path == models / "up (2).pth"  # "up" is the nested model's name
    copy = tmp_path / "copy.pth"
    copy.write_bytes(nested.read_bytes())
    with pytest.raises(ModelFileError, match=r"already among your models, as up$"):
        import_model(copy)

    assert main(["models", "remove", "ESRGAN/up.pth"]) == 0
    assert capsys.readouterr().out == "removed up.pth\n"
    assert not nested.exists() and model_files(models) == [imported.path]
