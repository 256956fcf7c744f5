"""A result names its models' files by a fingerprint of their bytes (``ModelChain.fingerprint``,
recorded by ``Restorer.describe``): a run again into a folder takes a result of another model
file under the same display name (retrained, say) for one of other settings and restores the
photo or film beside it as "name (2)", while a result of the same file copied elsewhere is
skipped as already restored."""

from __future__ import annotations

import shutil
from pathlib import Path

import cv2
import pytest
import torch

from engine import paths
from engine.chain import ModelChain, open_chain
from engine.cli import main
from engine.library.loading import load_model
from engine.library.own_format import save_model
from engine.media import header_exif
from engine.networks import UNetGenerator
from engine.provenance import DESCRIPTION_TAG
from engine.restorer import Restorer
from tests.conftest import photo_path
from tests.test_blend import builtin_dir  # noqa: F401  (a fixture, used by its name)
from tests.video_helpers import make_clip

OTHERWISE = "made with other settings"


def _retrained(path: Path) -> Path:
    """A model file at ``path`` under the tiny model's display name, with other weights."""
    torch.manual_seed(1)
    network = UNetGenerator(scale=4, width=8, depth=2, convs=1, up_width=8)
    path.parent.mkdir(parents=True, exist_ok=True)
    return save_model(network, path, display_name="Tiny")


def _copied(model: Path, folder: Path) -> Path:
    """The same model file, byte for byte, under the same name in another folder."""
    folder.mkdir(parents=True)
    return Path(shutil.copy2(model, folder / model.name))


def _photo(folder: Path) -> Path:
    folder.mkdir(parents=True)
    path = folder / "photo.png"
    assert cv2.imwrite(str(path), cv2.resize(cv2.imread(str(photo_path(1))), (24, 16)))
    return path


def _film(folder: Path) -> Path:
    folder.mkdir(parents=True)
    return make_clip(folder / "clip.mp4", frames=3, size=(32, 24))


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):
    """Run ``restore`` or ``restore-video`` with a model file: what it printed on stdout."""

    def restore(command: str, source: Path, out: Path, model: Path) -> str:
        capsys.readouterr()
        assert main([command, str(source), "-o", f"{out}/", "--model", str(model)]) == 0
        return capsys.readouterr().out

    return restore


@pytest.mark.parametrize(
    ("command", "make", "name", "beside"),
    [
        ("restore", _photo, "photo.png", "photo (2).png"),
        ("restore-video", _film, "clip.mp4", "clip (2).mp4"),
    ],
    ids=["photo", "film"],
)
def test_a_result_of_another_model_file_of_the_same_name_is_restored_beside(
    run, tmp_path, tiny_model_file, command, make, name, beside
):
    source = make(tmp_path / "in")
    out = tmp_path / "out"
    run(command, source, out, tiny_model_file)
    retrained = _retrained(tmp_path / "retrained" / tiny_model_file.name)

    printed = run(command, source, out, retrained)

    assert f"saved as {beside} ({name} holds this" in printed and OTHERWISE in printed
    assert sorted(path.name for path in out.iterdir() if not path.name.startswith(".")) == [
        beside,
        name,
    ]


@pytest.mark.parametrize(
    ("command", "make", "name", "skipped"),
    [
        ("restore", _photo, "photo.png", "0 restored, 0 failed, 1 skipped (already restored)"),
        ("restore-video", _film, "clip.mp4", "skipped: clip.mp4 (clip.mp4 is already there)"),
    ],
    ids=["photo", "film"],
)
def test_a_result_of_the_same_model_file_copied_elsewhere_is_skipped(
    run, tmp_path, tiny_model_file, command, make, name, skipped
):
    source = make(tmp_path / "in")
    out = tmp_path / "out"
    run(command, source, out, tiny_model_file)
    before = (out / name).stat().st_mtime_ns

    printed = run(command, source, out, _copied(tiny_model_file, tmp_path / "elsewhere"))

    assert skipped in printed
    assert (out / name).stat().st_mtime_ns == before
    assert [path.name for path in out.iterdir() if not path.name.startswith(".")] == [name]


def test_a_photos_result_names_its_model_files_fingerprint(run, tmp_path, tiny_model_file):
    out = tmp_path / "out"
    run("restore", _photo(tmp_path / "in"), out, tiny_model_file)
    fingerprint = ModelChain(load_model(tiny_model_file)).fingerprint()

    described = header_exif(out / "photo.png")[DESCRIPTION_TAG]

    assert described.startswith(f"Restored with Tiny [model fingerprint {fingerprint}], ")


def test_the_fingerprint_is_the_files_whichever_restorer_or_copy_loads_it(
    tmp_path, tiny_model_file
):
    cpu = torch.device("cpu")
    first, second = (Restorer(load_model(tiny_model_file), cpu) for _ in range(2))
    copy = Restorer(load_model(_copied(tiny_model_file, tmp_path / "elsewhere")), cpu)
    other = Restorer(load_model(_retrained(tmp_path / "other" / tiny_model_file.name)), cpu)

    assert first.fingerprint == second.fingerprint == copy.fingerprint
    assert other.fingerprint != first.fingerprint
    assert other.chain.display_name == first.chain.display_name


@pytest.mark.usefixtures("builtin_dir")
def test_a_blends_fingerprint_changes_with_either_file_it_mixes():
    """A Restore 4x blend at 75% repair mixes faithful-x4 into restore-x4: a new restore-x4
    file makes another blend, though the blend is loaded beside faithful-x4's."""
    before = open_chain("restore-x4", repair=0.75).fingerprint()
    _retrained_builtin("restore-x4")

    after = open_chain("restore-x4", repair=0.75)

    assert after.model.descriptor.path.stem == "faithful-x4"
    assert after.fingerprint() != before
    assert open_chain("restore-x4", repair=0.75).fingerprint() == after.fingerprint()


def _retrained_builtin(name: str) -> None:
    """The built-in model ``name`` written again with other weights, as an update would."""
    torch.manual_seed(99)
    network = UNetGenerator(scale=4, width=4, depth=1, convs=1, up_width=4)
    for parameter in network.parameters():
        torch.nn.init.normal_(parameter)
    save_model(network, paths.builtin_models_dir() / f"{name}.safetensors", display_name=name)
