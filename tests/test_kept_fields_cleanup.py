"""An interlaced film whose fields are kept (``deinterlace`` off) keeps each field's moment and
colour through the cleanups and the conversions to and from YUV: the picture is steadied and
dust is filled field by field, and 4:2:0 chroma is read and written for each field on its own,
while a progressive film's frames are converted as before."""

import av
import numpy as np
import pytest

from engine.video import FilmCleanup, VideoOptions, probe, restore_video
from engine.video.fields import split
from engine.video.frames import Frame, decode_frames, to_video_frame
from engine.video.temporal import cleaned
from tests.video_helpers import (
    EVERY_CLEANUP,
    combing,
    decoded_frames,
    interlaced_clip,
    make_clip,
    scene,
    tiny_restorer,
)

SIZE = (96, 64)  # width, height
JITTER = [(0, 0), (1, 1), (-1, -1), (0, 2), (1, -1), (-1, 1), (0, -2), (2, 1), (-1, 0), (1, 2)]
JITTER += [(0, -1), (0, 0)]
"""Where each frame of a jittered film shows its pictures, in pixels across and down."""
DUST_FRAMES, DIRTY = 7, 3  # a panning film's frames, and the one with a spot of dirt
SPOT = np.s_[40:46, 60:66]
RED, BLUE = (81, 90, 240), (41, 240, 110)  # Y, Cb, Cr (BT.601, limited range)
BAR_ROOM = 40  # columns a white bar moves among, left of the colours compared


def _picture(seed: int, across: int, down: int, size: tuple[int, int] = SIZE) -> np.ndarray:
    """``scene`` number ``seed``, shown ``across`` and ``down`` pixels from its place."""
    width, height = size
    still = scene(height + 40, width + 40, seed)
    placed = still[20 - down : 20 - down + height, 20 - across : 20 - across + width]
    return np.clip(np.rint(placed), 0, 255).astype(np.uint8)


def _own_and_other(pixels: np.ndarray, fields: tuple[np.ndarray, np.ndarray]) -> list[tuple]:
    """For each field of ``pixels`` (greys, twice the size of ``fields``' pictures): how far
    it lies from the same field of ``fields``, and from the other field."""
    shrunk = [
        field.reshape(len(field) // 2, 2, -1, 2).mean(axis=(1, 3))
        for field in split(pixels.astype(float).mean(axis=-1))
    ]
    return [
        (np.abs(field - own).mean(), np.abs(field - other).mean())
        for field, own, other in zip(shrunk, fields, reversed(fields), strict=True)
    ]


def test_a_jittered_film_steadied_keeps_each_field_clean_and_of_its_own_moment(tmp_path):
    pictures = [(_picture(1, *place), _picture(2, *place)) for place in JITTER]
    source = interlaced_clip(tmp_path / "jittered.mkv", pictures, rate=25)
    options = VideoOptions(
        codec="ffv1", deinterlace=False, cleanup=FilmCleanup(steady_picture=True)
    )
    target = restore_video(tiny_restorer(tmp_path), source, tmp_path / "kept.mkv", options).target
    still = [_picture(seed, 0, 0).astype(float).mean(axis=-1) for seed in (1, 2)]
    fields = (still[0][0::2], still[1][1::2])  # where the steadied film shows its pictures
    frames = [pixels for _, pixels in decoded_frames(target)]
    assert len(frames) == len(JITTER)
    for pixels in frames:
        inside = max(combing(pixels[start::2]) for start in (0, 1))
        assert inside < 0.2 * combing(pixels)  # one picture in each field
        for own, other in _own_and_other(pixels, fields):
            assert own < 0.5 * other  # and each field's own


def _interlaced_pan(index: int) -> np.ndarray:
    """Frame ``index`` of a film panning down a row and across two pixels a frame, whose top
    field shows one scene and its bottom field another."""
    size = (128, 96)
    frame = _picture(1, -2 * index, -index, size)
    frame[1::2] = _picture(2, -2 * index, -index, size)[1::2]
    return frame


def test_dust_on_a_frame_whose_fields_are_kept_is_filled_from_the_same_field():
    film = [Frame(i, i, i, _interlaced_pan(i)) for i in range(DUST_FRAMES)]
    film[DIRTY].pixels[SPOT] = 10
    dust = FilmCleanup(remove_dust=True)
    frame = list(cleaned(iter(film), 0, DUST_FRAMES, DUST_FRAMES, dust, fields_kept=True))[DIRTY]
    clean = _interlaced_pan(DIRTY)[SPOT].astype(float)
    filled = frame.pixels[SPOT].astype(float)
    for parity in (0, 1):
        own = np.abs(filled[parity::2] - clean[parity::2]).mean()
        other = np.abs(filled[parity::2] - clean[1 - parity :: 2][: len(filled[parity::2])])
        assert own < 5 < other.mean()  # each field filled from its own scene


def _two_colour_clip(path, flagged: bool, frames: int = 24):
    """A lossless film whose top field is ``RED`` and bottom field ``BLUE``, each field's
    chroma its own (the rows of an interlaced 4:2:0 frame's chroma take turns, a row of the
    top field's, then one of the bottom field's); coded and flagged interlaced, top field
    first, where ``flagged``, else saved as progressive (a tape's capture), which idet tells."""
    width, height = SIZE
    options = {"qp": "0"}
    if flagged:
        options |= {"flags": "+ildct+ilme", "x264-params": "interlaced=1:tff=1"}
    with av.open(str(path), "w") as out:
        video = out.add_stream("libx264", rate=25, options=options)
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        for index in range(frames):
            frame = av.VideoFrame(width, height, "yuv420p")
            for plane, top, bottom in zip(frame.planes, RED, BLUE, strict=True):
                rows = np.frombuffer(plane, np.uint8).reshape(plane.height, plane.line_size)
                rows[0::2], rows[1::2] = top, bottom
            luma = np.frombuffer(frame.planes[0], np.uint8).reshape(height, -1)
            for start, moment in ((0, index), (1, index + 0.5)):  # a bar moving on the left
                left = round(4 * moment) % BAR_ROOM
                luma[start::2, left : left + 8] = 235
            frame.pts = index
            out.mux(video.encode(frame))
        out.mux(video.encode(None))
    return path


def _one_colour(yuv: tuple[int, int, int]) -> np.ndarray:
    """The RGB colour FFmpeg reads a picture of the one colour ``yuv`` as."""
    frame = av.VideoFrame(*SIZE, "yuv420p")
    for plane, level in zip(frame.planes, yuv, strict=True):
        np.frombuffer(plane, np.uint8)[:] = level
    return frame.to_ndarray(format="rgb24")[0, 0].astype(int)


@pytest.mark.parametrize("flagged", [True, False])
def test_each_field_kept_is_read_with_its_own_colour(tmp_path, flagged):
    info = probe(_two_colour_clip(tmp_path / "colours.mp4", flagged))
    assert info.fields is not None
    colours = [_one_colour(yuv) for yuv in (RED, BLUE)]
    for frame in decode_frames(info, deinterlace=False):
        for field, colour in zip(split(frame.pixels[:, BAR_ROOM + 16 :]), colours, strict=True):
            assert np.abs(field.astype(int) - colour).max() <= 2


@pytest.mark.parametrize(("dtype", "pix_fmt"), [(np.uint8, "yuv420p"), (np.uint16, "yuv420p10le")])
def test_each_field_kept_is_written_with_its_own_colour(dtype, pix_fmt):
    width, height = SIZE
    top, bottom = (200, 40, 40), (30, 60, 220)
    scale = 257 if dtype == np.uint16 else 1
    pixels = np.empty((height, width, 3), dtype)
    pixels[0::2], pixels[1::2] = np.multiply(top, scale), np.multiply(bottom, scale)
    woven = to_video_frame(pixels, pix_fmt, 6, 1, pts=0, fields=True)
    for parity, colour in enumerate((top, bottom)):
        alone = np.broadcast_to(np.multiply(colour, scale).astype(dtype), pixels.shape)
        one = to_video_frame(np.ascontiguousarray(alone), pix_fmt, 6, 1, pts=0)
        for plane, expected in zip(woven.planes[1:], one.planes[1:], strict=True):
            rows = np.frombuffer(plane, np.uint8).reshape(plane.height, plane.line_size)
            wanted = np.frombuffer(expected, np.uint8).reshape(plane.height, plane.line_size)
            np.testing.assert_array_equal(rows[parity::2], wanted[parity::2])


def test_a_progressive_film_is_cleaned_and_converted_alike_with_or_without_deinterlacing(
    tmp_path,
):
    source = make_clip(tmp_path / "film.mp4", frames=8, size=(96, 64))
    restorer = tiny_restorer(tmp_path)
    for name, deinterlace in (("a.mkv", True), ("b.mkv", False)):
        options = VideoOptions(codec="ffv1", deinterlace=deinterlace, cleanup=EVERY_CLEANUP)
        restore_video(restorer, source, tmp_path / name, options)
    for (_, a), (_, b) in zip(
        decoded_frames(tmp_path / "a.mkv"), decoded_frames(tmp_path / "b.mkv"), strict=True
    ):
        np.testing.assert_array_equal(a, b)


def test_a_film_restored_with_its_fields_kept_writes_each_field_in_its_own_colour(tmp_path):
    source = _two_colour_clip(tmp_path / "colours.mp4", flagged=True, frames=6)
    target = tmp_path / "kept.mp4"
    restore_video(tiny_restorer(tmp_path), source, target, VideoOptions(deinterlace=False))
    colours = [_one_colour(yuv) for yuv in (RED, BLUE)]
    with av.open(str(target)) as written:
        for frame in written.decode(video=0):
            assert frame.interlaced_frame
            right = frame.to_ndarray(format="rgb24")[:, frame.width // 2 :]
            for field, colour in zip(split(right), colours, strict=True):
                assert np.abs(field.astype(int) - colour).mean() <= 3
