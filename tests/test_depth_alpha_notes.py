"""A result saved in a format that cannot hold its 16 bits a sample or its transparency (JPEG,
WebP, BMP) says so in a note, as one whose EXIF a JPEG cannot hold whole does."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from engine.cli import main
from engine.imageio import Picture, depth_and_alpha_notes

PIXELS16 = np.random.default_rng(7).integers(0, 65536, (16, 20, 3), dtype=np.uint16)
SEE_THROUGH = np.full((16, 20), 65535, np.uint16)
SEE_THROUGH[:4] = 0
DEPTH = "photo.png: the result is kept in 8 bits a sample: {format} holds no more"
FLATTENED = "photo.png: the result's transparency is flattened onto white: {format} holds none"


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("jpg", [DEPTH.format(format="JPEG"), FLATTENED.format(format="JPEG")]),
        ("bmp", [DEPTH.format(format="BMP"), FLATTENED.format(format="BMP")]),
        ("webp", [DEPTH.format(format="WebP")]),  # WebP keeps alpha
        ("png", []),
        ("tif", []),
    ],
)
def test_what_a_format_cannot_hold_is_noted(fmt: str, expected: list[str]) -> None:
    picture = Picture(PIXELS16, SEE_THROUGH, None, None, "png")
    assert depth_and_alpha_notes(picture, fmt, "photo.png") == expected


def test_an_8_bit_picture_whose_alpha_hides_nothing_loses_nothing() -> None:
    opaque = np.full((16, 20), 255, np.uint8)
    picture = Picture((PIXELS16 >> 8).astype(np.uint8), opaque, None, None, "png")
    assert depth_and_alpha_notes(picture, "jpg", "photo.png") == []


def test_the_command_line_notes_them(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    source = tmp_path / "photo.png"
    cv2.imwrite(str(source), np.dstack([PIXELS16, SEE_THROUGH]))
    command = ["restore", str(source), "-o", str(tmp_path / "out"), "--model", "cleanup-x1"]
    assert main([*command, "--format", "jpg"]) == 0
    told = capsys.readouterr().err
    assert f"note: {DEPTH.format(format='JPEG')}" in told
    assert f"note: {FLATTENED.format(format='JPEG')}" in told
