"""The check of a file just written (``picture_is_whole``): large results pass it, and
whatever goes wrong inside it is said in a sentence, not raised as it came."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pytest
import tifffile
from PIL import Image

from engine.errors import ImageWriteError
from engine.imageio import Picture, picture_is_whole, write_picture

WIDTH, HEIGHT = 32, 24
PILLOW_CHECKED = ["out.png", "out.jpg", "out.webp", "out.bmp"]


def grey_picture() -> Picture:
    pixels = np.random.default_rng(0).integers(0, 256, (HEIGHT, WIDTH), dtype=np.uint8)
    return Picture(pixels, None, None, None, "png")


@pytest.mark.parametrize("name", PILLOW_CHECKED)
@pytest.mark.parametrize(
    "limit",
    [WIDTH * HEIGHT // 2 + 1, WIDTH * HEIGHT // 4],
    ids=["Pillow warns", "Pillow refuses"],
)
def test_pictures_over_pillows_limit_are_saved_without_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, limit: int
) -> None:
    """Pillow warns of a "decompression bomb" over its limit and refuses one over twice it
    (~179 MP); here the limit is lowered so that a small picture stands for a large one."""
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", limit)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        path = write_picture(grey_picture(), tmp_path / name)
        assert picture_is_whole(path, size=(WIDTH, HEIGHT))
    assert limit == Image.MAX_IMAGE_PIXELS  # Pillow's own limit is left as it was


def parser_fails(*args: object, **kwargs: object) -> None:
    raise KeyError("a parser's own failure")


@pytest.mark.parametrize(
    ("name", "parser"),
    [(name, (Image, "open")) for name in PILLOW_CHECKED] + [("out.tif", (tifffile, "TiffFile"))],
    ids=[*PILLOW_CHECKED, "out.tif"],
)
def test_any_failure_of_the_check_is_said_in_a_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, parser: tuple[object, str]
) -> None:
    monkeypatch.setattr(*parser, parser_fails)
    with pytest.raises(ImageWriteError, match=rf"^{name}: cannot be saved \(what reached"):
        write_picture(grey_picture(), tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_want_of_memory_in_the_check_is_said_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fails(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(Image, "open", fails)
    with pytest.raises(ImageWriteError, match=r"^out.png: not enough memory to save"):
        write_picture(grey_picture(), tmp_path / "out.png")
    assert list(tmp_path.iterdir()) == []
