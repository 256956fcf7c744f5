"""Pictures too large for the memory at hand, and files that are no pictures to read at all:
a plain sentence before any pixel is decoded, never the system ending the program, nor a
large picture called damaged, nor a read that waits forever."""

from __future__ import annotations

import os
from pathlib import Path

import cv2
import numpy as np
import pytest

from engine import decoding, imageio
from engine.decoding import DECODING_PEAK, decode, decoded_bytes_per_pixel
from engine.errors import ImageReadError
from engine.imageio import read_picture


def _written(path: Path, pixels: np.ndarray) -> Path:
    """``pixels`` (in OpenCV's channel order) saved at ``path`` by OpenCV."""
    assert cv2.imwrite(str(path), pixels)
    return path


def _refuse_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any decoding fail the test: a picture refused by its header must not be decoded."""

    def decoded(*_: object) -> None:
        raise AssertionError("the picture was decoded")

    monkeypatch.setattr(decoding.cv2, "imdecode", decoded)


def test_the_memory_a_picture_needs_is_counted_in_bytes_not_pixels(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wide = _written(tmp_path / "wide.png", np.full((40, 50, 4), 7, np.uint16))  # 8 bytes a pixel
    grey = _written(tmp_path / "grey.png", np.full((40, 50), 7, np.uint8))  # 1 byte a pixel
    enough_for_grey = 40 * 50 * 1 * DECODING_PEAK
    monkeypatch.setattr(imageio, "available_bytes", lambda: enough_for_grey)

    assert read_picture(grey).width == 50
    _refuse_decoding(monkeypatch)
    with pytest.raises(ImageReadError) as refused:
        read_picture(wide)
    assert str(refused.value).startswith(
        "wide.png: the picture is too large for this computer's memory (50 x 40 pixels"
    )


def test_a_picture_that_fits_exactly_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wide = _written(tmp_path / "wide.png", np.full((40, 50, 4), 7, np.uint16))
    monkeypatch.setattr(imageio, "available_bytes", lambda: 40 * 50 * 8 * DECODING_PEAK)
    assert read_picture(wide).alpha is not None


def test_without_a_measure_of_memory_only_the_pixel_limit_applies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A training machine has no psutil: its pictures are read as before."""
    wide = _written(tmp_path / "wide.png", np.full((40, 50, 4), 7, np.uint16))
    monkeypatch.setattr(imageio, "available_bytes", lambda: None)
    assert read_picture(wide).width == 50


@pytest.mark.parametrize(
    ("name", "pixels"),
    [
        ("rgba16.png", np.full((30, 20, 4), 9, np.uint16)),
        ("grey8.png", np.full((30, 20), 9, np.uint8)),
        ("rgb8.png", np.full((30, 20, 3), 9, np.uint8)),
        ("rgb16.tif", np.full((30, 20, 3), 9, np.uint16)),
        ("grey16.tif", np.full((30, 20), 9, np.uint16)),
        ("rgb.jpg", np.full((30, 20, 3), 9, np.uint8)),
        ("rgba.webp", np.full((30, 20, 4), 9, np.uint8)),
        ("rgb.bmp", np.full((30, 20, 3), 9, np.uint8)),
    ],
)
def test_the_bytes_a_pixel_takes_are_known_from_the_header(
    tmp_path: Path, name: str, pixels: np.ndarray
) -> None:
    """At least what the decoder really hands over, and not far above it."""
    data = _written(tmp_path / name, pixels).read_bytes()
    fmt = imageio.format_of(name)
    decoded = decode(data, fmt, name)
    handed_over = decoded.pixels.nbytes + (0 if decoded.alpha is None else decoded.alpha.nbytes)
    per_pixel = handed_over / (30 * 20)
    assert per_pixel <= decoded_bytes_per_pixel(data, fmt) <= 2 * per_pixel


def test_opencv_out_of_memory_is_not_called_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What OpenCV raises when it cannot allocate a picture (seen under ``prlimit --as``)."""
    path = _written(tmp_path / "large.png", np.full((40, 50, 3), 7, np.uint8))

    def no_memory(*_: object) -> None:
        error = cv2.error("Failed to allocate 160000000 bytes")
        error.code = cv2.Error.StsNoMem
        raise error

    monkeypatch.setattr(decoding.cv2, "imdecode", no_memory)
    with pytest.raises(
        ImageReadError, match=r"^large\.png: the picture is too large to open in the memory"
    ):
        read_picture(path)


def test_other_opencv_failures_are_still_damage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _written(tmp_path / "odd.png", np.full((40, 50, 3), 7, np.uint8))

    def fails(*_: object) -> None:
        raise cv2.error("bad data")

    monkeypatch.setattr(decoding.cv2, "imdecode", fails)
    with pytest.raises(ImageReadError, match=r"^odd\.png: the file is damaged or not an image"):
        read_picture(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
@pytest.mark.timeout(20)
def test_a_named_pipe_is_refused_at_once_rather_than_waited_on(tmp_path: Path) -> None:
    pipe = tmp_path / "x.png"
    os.mkfifo(pipe)
    with pytest.raises(ImageReadError, match=r"^x\.png: is a pipe or a device, not an image file"):
        read_picture(pipe)


def test_a_folder_is_still_called_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "album.png"
    folder.mkdir()
    with pytest.raises(ImageReadError, match=r"^album\.png: is a folder, not an image file"):
        read_picture(folder)
