"""The folder scan (``training.folder_scan``), ``prepare`` and ``pack`` judge each photo of a
folder by one rule (``training.survey``), so they tell the same of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import cv2
import numpy as np
import pytest

from tests.conftest import photo_path
from training.config import PrepareOptions
from training.folder_scan import scan_folder
from training.pack import pack
from training.prepare import prepare

CROP = 96


@pytest.fixture
def album(tmp_path: Path) -> Path:
    """A thumbnail and its copy, a photo and its copy, a damaged file and its copy."""
    folder = tmp_path / "album"
    folder.mkdir()
    rng = np.random.default_rng(0)
    cv2.imwrite(str(folder / "a-thumb.png"), rng.integers(0, 255, (40, 40, 3), dtype=np.uint8))
    shutil.copy(folder / "a-thumb.png", folder / "b-thumb-copy.png")
    shutil.copy(photo_path(0), folder / "c-photo.png")
    shutil.copy(photo_path(0), folder / "d-photo-copy.png")
    (folder / "e-damaged.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    shutil.copy(folder / "e-damaged.jpg", folder / "f-damaged-copy.jpg")
    return folder


def test_scan_prepare_and_pack_tell_the_same_of_a_folder(album: Path, tmp_path: Path):
    scan = scan_folder(album, CROP)
    told = {
        "usable": [path.name for path in scan.qualifying],
        "too small": [path.name for path in scan.too_small],
        "duplicates": [path.name for path in scan.duplicates],
        "unreadable": [path.name for path, _ in scan.unreadable],
    }
    assert told == {
        "usable": ["c-photo.png"],
        "too small": ["a-thumb.png"],
        "duplicates": ["b-thumb-copy.png", "d-photo-copy.png"],
        "unreadable": ["e-damaged.jpg", "f-damaged-copy.jpg"],
    }
    prepared = prepare(album, tmp_path / "ds", PrepareOptions(crop=CROP, crops_per_image=1))
    packed = pack(album, tmp_path / "album.rkpack", min_side=CROP)
    for report, usable in ((prepared, prepared.used), (packed, [i["file"] for i in packed.images])):
        assert {
            "usable": usable,
            "too small": report.too_small,
            "duplicates": report.duplicates,
            "unreadable": [item["file"] for item in report.unreadable],
        } == told
    reasons = {item["reason"] for item in prepared.unreadable + packed.unreadable}
    assert reasons == {reason for _, reason in scan.unreadable}
