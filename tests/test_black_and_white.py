"""A black-and-white picture stays grey, stored as grey or as RGB (as most scanners save it):
the networks tint greys faintly (restore-x4 by up to 15 levels on a real film frame), so a
picture whose channels are one comes back with channels that are one, through the photo path,
a part of a stack of film frames, and a whole film; a colour picture is left to the network."""

from pathlib import Path

import cv2
import numpy as np
import pytest
import torch

from engine.imageio import Picture
from engine.library.loading import open_model
from engine.progress import silent
from engine.restorer import Restorer
from engine.video import VideoOptions, restore_video
from tests.conftest import SHARED_DATA, photo_path
from tests.video_helpers import decoded_frames, make_clip

CPU = torch.device("cpu")
FILM_FRAME = SHARED_DATA / "real" / "film" / "clip2" / "1000.png"


@pytest.fixture(scope="module")
def restore_x4() -> Restorer:
    return Restorer(open_model("restore-x4"), CPU)


def _grey_frame() -> np.ndarray:
    """A part of a real black-and-white film frame, grey (HxW, 8-bit)."""
    frame = cv2.imread(str(FILM_FRAME), cv2.IMREAD_GRAYSCALE)
    return frame[100:148, 200:264].copy()


def _as_rgb(grey: np.ndarray) -> np.ndarray:
    return np.repeat(grey[..., None], 3, axis=2)


def _spread(rgb: np.ndarray) -> int:
    """The largest difference between two channels of a pixel."""
    return int((rgb.max(axis=-1).astype(int) - rgb.min(axis=-1)).max())


def test_black_and_white_stored_as_rgb_comes_back_as_grey_stored_as_grey_does(restore_x4):
    grey = _grey_frame()
    as_grey = restore_x4.restore(Picture(grey, None, None, None, "png")).pixels
    as_rgb = restore_x4.restore(Picture(_as_rgb(grey), None, None, None, "png")).pixels
    assert as_rgb.shape == (*as_grey.shape, 3)
    for channel in range(3):
        np.testing.assert_array_equal(as_rgb[..., channel], as_grey)


@pytest.mark.parametrize("dtype", [np.uint8, np.uint16])
def test_channels_a_level_apart_are_grey_too(restore_x4, dtype):
    """A JPEG's rounding may leave a level (of 8 bits) between a grey pixel's channels."""
    level = 257 if dtype == np.uint16 else 1
    rgb = _as_rgb(_grey_frame().astype(dtype) * level)
    rgb[::2, ::3, 0] += level
    rgb[1::2, ::2, 2] -= np.minimum(rgb[1::2, ::2, 2], level)
    assert _spread(rgb) == level
    assert _spread(restore_x4.enlarge(rgb)) == 0


def _nearly_grey(dtype: np.dtype) -> np.ndarray:
    """Grey but for one pixel whose red is just over a level (of 8 bits) above its green."""
    rgb = _as_rgb(_grey_frame()).astype(dtype) * (257 if dtype == np.uint16 else 1)
    rgb[20, 30, 0] = min(int(rgb[20, 30, 1]) + 2 * (257 if dtype == np.uint16 else 1), 60000)
    return rgb


@pytest.mark.parametrize(
    "colour",
    [
        pytest.param(lambda: cv2.imread(str(photo_path()))[:48, :64, ::-1].copy(), id="photo"),
        pytest.param(lambda: _nearly_grey(np.uint8), id="two-levels"),
        pytest.param(lambda: _nearly_grey(np.uint16), id="two-levels-16-bit"),
    ],
)
def test_a_colour_picture_is_left_to_the_network(restore_x4, colour):
    rgb = colour()
    network = restore_x4._main.run(rgb, silent())
    assert _spread(network) > 0
    np.testing.assert_array_equal(restore_x4.enlarge(rgb), network)


def test_each_frame_of_a_stack_is_grey_where_it_was(restore_x4):
    """A film's frames go through in stacks; a grey frame beside a colour one is grey."""
    grey = _grey_frame()
    colour = cv2.imread(str(photo_path()))[:48, :64, ::-1]
    stack = np.stack([_as_rgb(grey), colour])
    network = restore_x4._main.run(stack, silent())
    restored = restore_x4.enlarge(stack)
    assert _spread(network[0]) > 0
    mean = np.round(network[0].mean(axis=2))
    np.testing.assert_array_equal(restored[0], _as_rgb(mean.astype(np.uint8)))
    np.testing.assert_array_equal(restored[1], network[1])


def test_a_black_and_white_film_stays_grey(restore_x4, tmp_path: Path):
    """The film path restores its frames with the same rule (H.264 keeps a grey film's
    colour planes flat, so its frames decode with channels that are one)."""
    grey = _as_rgb(cv2.resize(_grey_frame(), (32, 24), interpolation=cv2.INTER_AREA))
    clip = make_clip(
        tmp_path / "reel.mp4", frames=3, size=(32, 24), audio=None, look=lambda _: grey
    )
    assert all(_spread(pixels) == 0 for _, pixels in decoded_frames(clip))
    target = tmp_path / "restored.mp4"
    restore_video(restore_x4, clip, target, VideoOptions())
    assert [_spread(pixels) for _, pixels in decoded_frames(target)] == [0, 0, 0]
