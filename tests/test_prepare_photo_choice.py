"""The photos training learns from, chosen alike by ``prepare`` and ``pack`` (and the wizard's
scan, ``tests/app/test_wizard_left_out.py``) through ``training.prepare.collection_in``: never
Rekindle's own results, nor the crops of a prepared dataset, finished or stopped; what is left
out is said, an unreadable file in a sentence; and a dataset prepared again keeps no pairs of
the earlier one."""

import json
import shutil
from dataclasses import replace
from pathlib import Path

import cv2
import pytest
from PIL import Image

from engine.errors import Cancelled, RekindleError
from engine.media import carries_mark
from engine.provenance import marked_exif
from tests.conftest import photo_path
from training import prepare as prepare_module
from training.cli import main
from training.config import PrepareOptions
from training.pack import pack, read_pack
from training.prepare import HR_DIR, LR_DIR, UNFINISHED, collection_in, prepare, read_manifest

SIDE = 160  # photos cut to this size keep packing fast
OPTIONS = PrepareOptions(crop=96, scale=2, crops_per_image=2, seed=3)
DENIED = "cannot be read (permission denied)"


def _photo(index: int, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(path), cv2.imread(str(photo_path(index)))[:SIDE, :SIDE])
    return path


def _rekindles_result(index: int, path: Path) -> Path:
    """A JPEG marked as Rekindle marks what it restores, and larger than the original, as an
    enlarged result is."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with Image.open(photo_path(index)) as image:
        image.convert("RGB").save(path, exif=marked_exif(None, "restored with faithful-x4"))
    assert carries_mark(path)
    return path


@pytest.fixture
def pictures(tmp_path: Path) -> Path:
    """A Pictures folder: two photos, and Rekindle's result of one in its results folder."""
    folder = tmp_path / "Pictures"
    _photo(0, folder / "grandma.png")
    _photo(1, folder / "holiday" / "beach.png")
    _rekindles_result(0, folder / "Rekindle" / "grandma.jpg")
    return folder


def _packed(pack_file: Path) -> list[str]:
    return [entry["file"] for entry in read_pack(pack_file).entries]


def test_the_choice_leaves_out_rekindles_results(pictures):
    collection = collection_in(pictures)
    assert [path.relative_to(pictures).as_posix() for path in collection.photos] == [
        "grandma.png",
        "holiday/beach.png",
    ]
    assert collection.results == [pictures / "Rekindle" / "grandma.jpg"]


def test_prepare_and_pack_learn_from_the_photos_not_rekindles_results(pictures, tmp_path, capsys):
    dataset = tmp_path / "ds"
    command = ["prepare", str(pictures), str(dataset), "--crop", "96", "--crops-per-image", "1"]
    assert main(command) == 0
    printed = capsys.readouterr()
    manifest = read_manifest(dataset)
    assert manifest["used"] == ["grandma.png", "holiday/beach.png"]
    assert manifest["results"] == ["Rekindle/grandma.jpg"]
    assert "Rekindle's result, left out: Rekindle/grandma.jpg" in printed.err
    assert "Rekindle's results left out: 1" in printed.out

    assert main(["pack", str(pictures), str(tmp_path / "p.rkpack")]) == 0
    printed = capsys.readouterr()
    assert _packed(tmp_path / "p.rkpack") == ["grandma.png", "holiday/beach.png"]
    assert "Rekindle's result, left out: Rekindle/grandma.jpg" in printed.err
    assert "Rekindle's results left out: 1" in printed.out


def test_a_dataset_inside_the_source_is_left_out_by_every_later_prepare_and_pack(
    pictures, tmp_path, capsys
):
    """Not only the dataset being written: any folder prepare wrote into, finished or
    stopped, holds crops, not photos."""
    first = prepare(pictures, pictures / "pairs", OPTIONS)
    stopped = pictures / "holiday" / "stopped"
    (stopped / HR_DIR).mkdir(parents=True)
    shutil.copy(pictures / "pairs" / HR_DIR / "000000.png", stopped / HR_DIR / "000000.png")
    (stopped / UNFINISHED).write_text("prepare was stopped")

    assert main(["prepare", str(pictures), str(tmp_path / "again"), "--crop", "96"]) == 0
    printed = capsys.readouterr().err
    assert read_manifest(tmp_path / "again")["used"] == first.used
    assert first.used == ["grandma.png", "holiday/beach.png"]
    assert printed.count("prepared dataset, left out: pairs\n") == 1
    assert printed.count("prepared dataset, left out: holiday/stopped\n") == 1

    report = pack(pictures, tmp_path / "p.rkpack")
    assert _packed(report.path) == ["grandma.png", "holiday/beach.png"]
    assert report.datasets == ["holiday/stopped", "pairs"]


def test_packing_a_stopped_dataset_is_refused_as_training_refuses_it(
    pictures, tmp_path, monkeypatch
):
    dataset = tmp_path / "ds"
    real, written = prepare_module._write_png, []

    def stopped_at_the_fifth_file(pixels, path):
        if len(written) == 4:
            raise Cancelled()
        written.append(path)
        real(pixels, path)

    monkeypatch.setattr(prepare_module, "_write_png", stopped_at_the_fifth_file)
    with pytest.raises(Cancelled):
        prepare(pictures, dataset, OPTIONS)
    assert (dataset / UNFINISHED).is_file() and any((dataset / LR_DIR).iterdir())
    with pytest.raises(
        RekindleError, match="preparation was stopped before the end; run prepare again"
    ):
        pack(dataset, tmp_path / "ds.rkpack")
    assert not (tmp_path / "ds.rkpack").exists()


@pytest.fixture
def locked_file(pictures: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``pictures``' beach photo, whose bytes cannot be read (root reads any file, whatever
    its mode)."""
    locked = pictures / "holiday" / "beach.png"
    real = Path.read_bytes

    def read_bytes(path: Path) -> bytes:
        if path == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    return locked


def test_an_unreadable_file_is_said_in_a_sentence(pictures, locked_file, tmp_path, capsys):
    assert main(["prepare", str(pictures), str(tmp_path / "ds"), "--crop", "96"]) == 0
    printed = capsys.readouterr().err
    assert f"unreadable: beach.png: {DENIED}\n" in printed
    assert "Errno" not in printed

    assert main(["pack", str(pictures), str(tmp_path / "p.rkpack")]) == 0
    printed = capsys.readouterr().err
    assert f"unreadable: beach.png: {DENIED}\n" in printed
    assert "Errno" not in printed


def test_preparing_again_with_fewer_crops_leaves_no_pairs_of_the_earlier_run(pictures, tmp_path):
    dataset = tmp_path / "ds"
    prepare(pictures, dataset, replace(OPTIONS, crops_per_image=3))
    (dataset / HR_DIR / "notes.txt").write_text("a file prepare did not make")
    report = prepare(pictures, dataset, replace(OPTIONS, crops_per_image=1))
    listed = sorted(pair["name"] for pair in report.pairs)
    assert listed == ["000000.png", "000001.png"]
    assert sorted(path.name for path in (dataset / LR_DIR).iterdir()) == listed
    assert sorted(path.name for path in (dataset / HR_DIR).iterdir()) == [*listed, "notes.txt"]
    manifest = json.loads((dataset / "manifest.json").read_text())
    assert [pair["name"] for pair in manifest["pairs"]] == listed
