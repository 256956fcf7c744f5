"""``training pack``: one compact file, original bytes kept exactly, re-encodings within the
PSNR floor, skipped files reported, written atomically, and anything else refused."""

import hashlib
import shutil

import cv2
import numpy as np
import pytest

from engine.errors import RekindleError, WriteError
from engine.imageio import read_picture
from engine.pixels import to_rgb8
from tests.conftest import photo_path
from tests.fault_helpers import fill_the_disk_after
from tests.training_helpers import tiny_dataset
from training.cli import main
from training.metrics import psnr_rgb
from training.pack import DEFAULT_MIN_PSNR, ORIGINAL, REENCODED, pack, read_pack
from training.prepare import read_manifest

SIDE = 160  # photos cut to this size keep the tests fast


def _source_pixels(path):
    return to_rgb8(read_picture(path).pixels)


@pytest.fixture
def photos(tmp_path):
    """A JPEG, a PNG in a subfolder, a copy of the JPEG, a thumbnail and a broken file."""
    folder = tmp_path / "photos"
    (folder / "deeper").mkdir(parents=True)
    bgr = cv2.imread(str(photo_path(0)))[:SIDE, : SIDE + 40]
    cv2.imwrite(str(folder / "one.jpg"), bgr, [cv2.IMWRITE_JPEG_QUALITY, 90])
    shutil.copy(folder / "one.jpg", folder / "same-as-one.jpg")
    cv2.imwrite(str(folder / "deeper" / "two.png"), cv2.imread(str(photo_path(1)))[:SIDE, :SIDE])
    cv2.imwrite(str(folder / "thumb.png"), np.zeros((60, 200, 3), np.uint8))
    (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    return folder


def test_round_trip_keeps_originals_exactly_and_reencodings_within_the_floor(photos, tmp_path):
    report = pack(photos, tmp_path / "photos.rkpack")
    loaded = read_pack(tmp_path / "photos.rkpack")
    assert [e["file"] for e in loaded.entries] == ["deeper/two.png", "one.jpg"]
    assert loaded.manifest["source"] == {"kind": "photos"}
    assert loaded.manifest["min_psnr"] == DEFAULT_MIN_PSNR
    for index, entry in enumerate(loaded.entries):
        path = photos / entry["file"]
        source = _source_pixels(path)
        pixels = loaded.image(index)
        assert pixels.dtype == np.uint8
        assert (entry["height"], entry["width"]) == pixels.shape[:2] == source.shape[:2]
        assert entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert entry["bytes"] == len(loaded.encoded[index])
    jpeg, png = loaded.entries[1], loaded.entries[0]
    assert (jpeg["stored"], jpeg["format"], jpeg["quality"], jpeg["psnr"]) == (
        ORIGINAL,
        "jpg",
        None,
        None,
    )
    assert loaded.encoded[1].tobytes() == (photos / "one.jpg").read_bytes()
    assert np.array_equal(loaded.image(1), _source_pixels(photos / "one.jpg"))
    # A photo kept as PNG is far larger than a visibly lossless lossy copy of it.
    assert png["stored"] == REENCODED and png["format"] in ("webp", "jpg")
    assert png["bytes"] < (photos / "deeper" / "two.png").stat().st_size / 2
    measured = psnr_rgb(loaded.image(0), _source_pixels(photos / "deeper" / "two.png"))
    assert measured >= DEFAULT_MIN_PSNR
    assert png["psnr"] == pytest.approx(measured, abs=0.01)
    assert report.worst_psnr == png["psnr"]
    assert report.size == (tmp_path / "photos.rkpack").stat().st_size


def test_duplicates_unreadable_and_small_files_are_reported_not_fatal(photos, tmp_path):
    report = pack(photos, tmp_path / "photos.rkpack")
    assert report.duplicates == ["same-as-one.jpg"]
    assert report.too_small == ["thumb.png"]
    assert [item["file"] for item in report.unreadable] == ["broken.jpg"]
    manifest = read_pack(tmp_path / "photos.rkpack").manifest
    assert manifest["duplicates"] == report.duplicates
    assert manifest["too_small"] == report.too_small
    assert manifest["unreadable"] == report.unreadable
    assert "2 images" in report.summary() and "1 duplicates" in report.summary()
    smaller_floor = pack(photos, tmp_path / "all.rkpack", min_side=50)
    assert smaller_floor.too_small == [] and len(smaller_floor.images) == 3


def test_packing_a_prepared_dataset_packs_its_sharp_crops(tmp_path):
    dataset = tiny_dataset(tmp_path)
    report = pack(dataset, tmp_path / "crops.rkpack", min_side=32)
    loaded = read_pack(tmp_path / "crops.rkpack")
    prepared = read_manifest(dataset)
    assert loaded.manifest["source"] == {"kind": "dataset", "options": prepared["options"]}
    names = [f"hr/{pair['name']}" for pair in prepared["pairs"]]
    assert [e["file"] for e in loaded.entries] == names
    assert len(report.images) == len(prepared["pairs"])
    for index, name in enumerate(names):
        assert psnr_rgb(loaded.image(index), _source_pixels(dataset / name)) >= DEFAULT_MIN_PSNR


def test_only_the_photos_chosen_are_packed_named_below_the_folder(photos, tmp_path):
    chosen = [photos / "deeper" / "two.png", photos / "broken.jpg"]
    report = pack(photos, tmp_path / "chosen.rkpack", photos=chosen)
    loaded = read_pack(tmp_path / "chosen.rkpack")
    assert [e["file"] for e in loaded.entries] == ["deeper/two.png"]  # one.jpg was not chosen
    assert [item["file"] for item in report.unreadable] == ["broken.jpg"]
    assert loaded.manifest["source"] == {"kind": "photos"}
    with pytest.raises(RekindleError, match="not a photo below"):
        pack(photos / "deeper", tmp_path / "outside.rkpack", photos=[photos / "one.jpg"])


def test_a_failed_write_leaves_the_old_pack_and_no_partial_file(photos, tmp_path, monkeypatch):
    out = tmp_path / "out" / "photos.rkpack"
    pack(photos, out)
    before = out.read_bytes()

    fill_the_disk_after(monkeypatch, 1000)
    with pytest.raises(WriteError, match=r"photos\.rkpack: cannot be saved \(the disk is full"):
        pack(photos, out)
    assert out.read_bytes() == before
    assert [p.name for p in out.parent.iterdir()] == [out.name]


def test_files_that_are_not_packs_are_refused(tmp_path, tiny_model_file):
    text = tmp_path / "notes.rkpack"
    text.write_text("not a pack at all")
    for path in (text, tiny_model_file):
        with pytest.raises(RekindleError, match="is not a Rekindle pack"):
            read_pack(path)
    with pytest.raises(RekindleError, match="does not exist"):
        read_pack(tmp_path / "missing.rkpack")


def test_a_pack_needs_its_suffix_and_something_to_hold(photos, tmp_path):
    with pytest.raises(RekindleError, match=r"must end in \.rkpack"):
        pack(photos, tmp_path / "photos.zip")
    with pytest.raises(RekindleError, match="nothing in"):
        pack(photos, tmp_path / "none.rkpack", min_side=10_000)
    assert not (tmp_path / "none.rkpack").exists()


def test_the_command_prints_a_summary(photos, tmp_path, capsys):
    assert main(["pack", str(photos), str(tmp_path / "cli.rkpack"), "--min-side", "50"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1].startswith("3 images in cli.rkpack")
    assert "worst PSNR" in lines[-1] and "1 duplicates skipped" in lines[-1]


def test_a_taken_name_gives_a_numbered_pack_and_a_folder_is_refused(photos, tmp_path, capsys):
    first = tmp_path / "photos.rkpack"
    assert main(["pack", str(photos), str(first)]) == 0
    before = first.read_bytes()
    assert main(["pack", str(photos), str(first), "--min-side", "150"]) == 0
    assert f"photos.rkpack was taken: packed into {tmp_path / 'photos (2).rkpack'}" in (
        capsys.readouterr().out
    )
    assert first.read_bytes() == before
    assert len(read_pack(tmp_path / "photos (2).rkpack")) == 2
    (tmp_path / "folder.rkpack").mkdir()
    with pytest.raises(RekindleError, match="is a folder"):
        pack(photos, tmp_path / "folder.rkpack")


def test_nothing_packable_lists_why(photos, tmp_path, capsys):
    assert main(["pack", str(photos), str(tmp_path / "none.rkpack"), "--min-side", "9999"]) == 2
    err = capsys.readouterr().err
    assert "smaller than 9999 px: one.jpg" in err
    assert "unreadable: broken.jpg" in err
    assert f"error: nothing in {photos} could be packed" in err


def test_sides_and_psnr_floors_below_sense_are_refused(photos, tmp_path):
    for floors in ({"min_side": 0}, {"min_psnr": -10.0}):
        with pytest.raises(RekindleError, match="1 px or more"):
            pack(photos, tmp_path / "p.rkpack", **floors)
