"""An interlaced film restored with its fields kept (``deinterlace`` off): each field is
enlarged as a picture of its own and woven back, so no field of the result holds the other
field's moment, and the result is flagged interlaced with the source's field order."""

import av
import numpy as np
import pytest

from engine.video import VideoOptions, probe, restore_video
from engine.video.deinterlace import INTERLACED_FIELD_ORDERS
from engine.video.fields import split, woven
from tests.video_helpers import (
    combing,
    decoded_frames,
    interlaced_clip,
    make_clip,
    make_interlaced_clip,
    scene,
    tiny_restorer,
)

FRAMES = 6
SIZE = (64, 48)  # width, height
TT, BB = 2, 3  # AVFieldOrder: top field first, bottom field first
KEPT = VideoOptions(codec="ffv1", deinterlace=False)


def _two_pictures(path, top_first):
    """An interlaced film whose even lines show one still picture and its odd lines another."""
    width, height = SIZE
    first, second = (
        scene(height, width, seed)[:height, :width].astype(np.uint8) for seed in (1, 2)
    )
    return interlaced_clip(path, [(first, second)] * FRAMES, rate=25, top_first=top_first)


@pytest.fixture
def restorer(tmp_path):
    return tiny_restorer(tmp_path)


def _flags(path):
    """The stream's field order and whether each decoded frame says it is interlaced."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        frames = [frame.interlaced_frame for frame in container.decode(stream)]
        return stream.codec_context.field_order, frames


def _field_combing(path):
    """The worst mean combing inside one field of a frame of the film (``combing`` of its
    even lines, and of its odd lines), beside the combing of its frames woven."""
    frames = [pixels for _, pixels in decoded_frames(path)]
    inside = max(combing(pixels[start::2]) for pixels in frames for start in (0, 1))
    return inside, min(combing(pixels) for pixels in frames)


@pytest.mark.parametrize(
    ("top_first", "order", "suffix", "codec"),
    [
        (True, TT, ".mkv", "ffv1"),
        (True, TT, ".mp4", "h264"),
        (False, BB, ".mkv", "ffv1"),
        (False, BB, ".mp4", "h264"),
    ],
)
def test_each_field_is_enlarged_on_its_own_and_flagged(
    tmp_path, restorer, top_first, order, suffix, codec
):
    source = _two_pictures(tmp_path / f"fields{suffix}", top_first)
    target = tmp_path / "out" / f"kept{suffix}"
    restore_video(restorer, source, target, VideoOptions(codec=codec, deinterlace=False))
    inside, woven_frames = _field_combing(target)
    assert inside < 0.2 * woven_frames  # one picture in each field, the other in the other
    assert _flags(target) == (order, [True] * FRAMES)
    assert probe(target).frames == FRAMES


def test_each_field_of_the_result_shows_its_own_field(tmp_path, restorer):
    source = _two_pictures(tmp_path / "fields.mkv", top_first=True)
    restore_video(restorer, source, tmp_path / "kept.mkv", KEPT)
    (_, given), (_, made) = decoded_frames(source)[0], decoded_frames(tmp_path / "kept.mkv")[0]
    grey = [pixels.astype(float).mean(axis=-1) for pixels in (given, made)]
    shrunk = [
        field.reshape(SIZE[1] // 2, 2, SIZE[0], 2).mean(axis=(1, 3)) for field in split(grey[1])
    ]
    for own, other, field in zip(split(grey[0]), reversed(split(grey[0])), shrunk, strict=True):
        assert np.abs(field - own).mean() < 0.5 * np.abs(field - other).mean()


def test_the_default_still_makes_frames_whole_and_progressive(tmp_path, restorer):
    source = make_interlaced_clip(tmp_path / "dv.mp4", frames=FRAMES)
    report = restore_video(restorer, source, tmp_path / "whole.mkv", VideoOptions(codec="ffv1"))
    order, frames = _flags(tmp_path / "whole.mkv")
    assert report.joined == "video"
    assert order not in INTERLACED_FIELD_ORDERS and not any(frames)


def test_a_progressive_film_is_the_same_with_or_without_deinterlacing(tmp_path, restorer):
    source = make_clip(tmp_path / "film.mp4", frames=4)
    restore_video(restorer, source, tmp_path / "a.mkv", VideoOptions(codec="ffv1"))
    restore_video(restorer, source, tmp_path / "b.mkv", KEPT)
    for (_, a), (_, b) in zip(
        decoded_frames(tmp_path / "a.mkv"), decoded_frames(tmp_path / "b.mkv"), strict=True
    ):
        np.testing.assert_array_equal(a, b)
    assert _flags(tmp_path / "b.mkv")[0] not in INTERLACED_FIELD_ORDERS


@pytest.mark.parametrize("height", [6, 7])
def test_fields_split_and_woven_give_the_frame_back(height):
    frame = np.arange(height * 4 * 3, dtype=np.uint8).reshape(height, 4, 3)
    top, bottom = split(frame)
    assert top.shape == bottom.shape
    np.testing.assert_array_equal(woven(top, bottom, height), frame)
