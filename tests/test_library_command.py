"""``python -m engine models``: listing, importing and removing models without the app, and
``info`` printing a model's descriptor."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest
import torch
from spandrel.architectures.ESRGAN.__arch.RRDB import RRDBNet

from engine.cli import main
from engine.errors import WriteError
from engine.library.own_format import save_model
from engine.library.sidecar import sidecar_path
from engine.networks import UNetGenerator
from engine.words import say


@pytest.fixture(autouse=True)
def builtin_models(builtin_models: Path) -> Path:
    """The test's own built-in folder, holding one small model."""
    save_model(
        UNetGenerator(scale=2, width=4, up_width=4),
        builtin_models / "faithful-x2.safetensors",
        display_name="Faithful ×2",
    )
    return builtin_models


def write_esrgan(path: Path) -> Path:
    torch.manual_seed(0)
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(RRDBNet(num_filters=8, num_blocks=1, scale=4).state_dict(), path)
    return path


def test_models_lists_every_model_and_reads_those_put_there_by_hand(private_data_dir, capsys):
    by_hand = write_esrgan(private_data_dir / "models" / "by-hand.pth")
    assert main(["models"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["NAME", "MODEL", "ARCHITECTURE", "SCALE", "SIZE", "ORIGIN"]
    assert lines[1].split()[:4] == ["faithful-x2", "Faithful", "×2", "Rekindle"]
    assert lines[1].endswith("built-in")
    assert lines[2].startswith("by-hand") and "by-hand (ESRGAN 4x)" in lines[2]
    assert lines[2].endswith("imported") and " 4x " in lines[2]
    assert sidecar_path(by_hand).is_file()  # read once, remembered as the app would
    assert main(["models", "list"]) == 0
    assert capsys.readouterr().out.splitlines() == lines


def test_import_checks_each_file_and_refuses_the_bad_ones(private_data_dir, tmp_path, capsys):
    good = write_esrgan(tmp_path / "4x-Sharp.pth")
    bad = tmp_path / "half.pt"
    bad.write_bytes(b"half a download")
    assert main(["models", "import", str(good), str(bad)]) == 1
    printed = capsys.readouterr()
    assert printed.out == "imported 4x-Sharp.pth as 4x-Sharp: 4x-Sharp (ESRGAN 4x)\n"
    assert printed.err.startswith("not imported: half.pt: not a readable model file")
    folder = private_data_dir / "models"
    assert (folder / "4x-Sharp.pth").read_bytes() == good.read_bytes()
    assert not (folder / "half.pt").exists()


def test_remove_deletes_one_of_yours_only(private_data_dir, tmp_path, capsys):
    main(["models", "import", str(write_esrgan(tmp_path / "x4.pth"))])
    target = private_data_dir / "models" / "x4.pth"
    capsys.readouterr()

    assert main(["models", "remove", "faithful-x2"]) == 2
    assert "a built-in model, which cannot be removed" in capsys.readouterr().err
    assert main(["models", "remove", "nothing"]) == 2
    assert "no model called 'nothing'" in capsys.readouterr().err

    assert main(["models", "remove", "x4"]) == 0
    assert capsys.readouterr().out == "removed x4.pth\n"
    assert not target.exists() and not sidecar_path(target).exists()


def test_remove_asks_for_the_file_when_a_name_is_taken_twice(private_data_dir, tmp_path, capsys):
    folder = private_data_dir / "models"
    write_esrgan(folder / "twin.pth")
    write_esrgan(folder / "twin.pt")
    assert main(["models", "remove", "twin"]) == 2
    assert "several models are called 'twin': twin.pt, twin.pth" in capsys.readouterr().err
    assert main(["models", "remove", str(folder / "twin.pt")]) == 0
    assert [p.name for p in folder.iterdir()] == ["twin.pth"]


def test_info_prints_the_descriptor(capsys):
    assert main(["info", "faithful-x2"]) == 0
    described = json.loads(capsys.readouterr().out)
    assert described["display_name"] == "Faithful ×2"
    assert (described["architecture"], described["architecture_name"]) == (
        "rekindle-unet",
        "Rekindle U-Net",
    )
    assert (described["scale"], described["purpose"], described["origin"]) == (2, "SR", "built-in")
    assert (described["tiling"], described["supports_half"]) == ("supported", True)
    assert described["working_set"] > 0 and described["size_multiple"] == 4


def test_models_are_listed_from_a_folder_that_cannot_be_written(
    private_data_dir, monkeypatch, capsys
):
    """A read-only install: the sidecar cannot be saved, the list is printed all the same."""
    write_esrgan(private_data_dir / "models" / "by-hand.pth")

    def refused(target, data):
        raise WriteError(
            say(
                "{name}: cannot be saved ({reason})",
                name=target.name,
                reason=say("permission denied"),
            )
        )

    monkeypatch.setattr("engine.library.sidecar.write_bytes_atomically", refused)
    assert main(["models", "list"]) == 0
    printed = capsys.readouterr()
    assert printed.out.splitlines()[2].startswith("by-hand") and not printed.err


def test_a_folder_that_cannot_be_written_refuses_the_import_in_a_sentence(
    private_data_dir, tmp_path, monkeypatch, capsys
):
    def read_only(source, target):
        raise OSError(errno.EROFS, "Read-only file system", str(target))

    monkeypatch.setattr("engine.library.store.shutil.copyfile", read_only)
    assert main(["models", "import", str(write_esrgan(tmp_path / "x4.pth"))]) == 1
    assert capsys.readouterr().err == (
        "not imported: x4.pth: cannot be copied into your models folder (the disk is read-only)\n"
    )


def test_import_says_the_name_a_model_got_beside_a_built_in_one(private_data_dir, tmp_path, capsys):
    assert main(["models", "import", str(write_esrgan(tmp_path / "faithful-x2.pth"))]) == 0
    out = capsys.readouterr().out
    assert out == "imported faithful-x2.pth as faithful-x2 (2): faithful-x2 (2) (ESRGAN 4x)\n"


def test_import_tells_an_onnx_or_ncnn_file_cannot_be_used(private_data_dir, tmp_path, capsys):
    """An Upscayl or chaiNNer download: the file is a model, of a runtime Rekindle has not."""
    onnx = tmp_path / "4x_model.onnx"
    onnx.write_bytes(b"\x08\x07\x12\x07pytorch")
    assert main(["models", "import", str(onnx)]) == 1
    assert capsys.readouterr().err == (
        "not imported: 4x_model.onnx: an ONNX or NCNN model, which Rekindle cannot use; use "
        "the model's .pth or .safetensors file\n"
    )
    assert main(["info", str(onnx)]) == 2
    assert "4x_model.onnx: an ONNX or NCNN model" in capsys.readouterr().err


def test_importing_a_model_again_is_done_not_refused(private_data_dir, tmp_path, capsys):
    """A script that imports its downloads runs again: the models already there are noted on
    the standard output, and only a file refused makes the import fail."""
    good = write_esrgan(tmp_path / "4x-Sharp.pth")
    assert main(["models", "import", str(good)]) == 0
    capsys.readouterr()
    assert main(["models", "import", str(good)]) == 0
    printed = capsys.readouterr()
    assert printed.out == "4x-Sharp.pth: already among your models, as 4x-Sharp\n"
    assert printed.err == ""
    bad = tmp_path / "half.pt"
    bad.write_bytes(b"half a download")
    assert main(["models", "import", str(good), str(bad)]) == 1
    assert capsys.readouterr().out == "4x-Sharp.pth: already among your models, as 4x-Sharp\n"
    assert [p.name for p in (private_data_dir / "models").glob("*.pth")] == ["4x-Sharp.pth"]


def test_files_that_cannot_be_used_are_listed_narrow_with_why_below(private_data_dir, capsys):
    """Files put in the models folder by hand that no network loads: their rows say they cannot
    be used, and why follows the list, so the columns keep the width of the names."""
    folder = private_data_dir / "models"
    write_esrgan(folder / "by-hand.pth")
    (folder / "4x_Truncated.pth").write_bytes(b"PK\x03\x04" + bytes(64))
    (folder / "notes.pt").write_bytes(b"hello, not a model")
    assert main(["models", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    table, reasons = lines[: lines.index("")], lines[lines.index("") + 1 :]
    header = table[0]
    widest_model = len("by-hand (ESRGAN 4x)")
    assert header.index("ARCHITECTURE") - header.index("MODEL") == widest_model + 2
    unusable = {row.split()[0]: row for row in table if row.endswith("cannot be used")}
    assert sorted(unusable) == ["4x_Truncated", "notes"]
    assert all(row.split()[1:4] == ["-", "-", "-"] for row in unusable.values())
    assert next(row for row in table if row.startswith("by-hand")).endswith("imported")
    assert reasons == [
        "4x_Truncated.pth: the file is damaged or cut short (a copy or download that did not "
        "finish?)",
        "notes.pt: not a readable model file: neither safetensors nor PyTorch weights",
    ]
