"""Colour in and out of films: RGB -> YUV by the standard's arithmetic (full-range grey keeps
neutral chroma), and the matrix an untagged film is read and tagged with (BT.709 for HD)."""

from pathlib import Path

import av
import numpy as np
import pytest

from engine.video import probe
from engine.video.codecs import CODECS
from engine.video.encoder import EncodePlan, SegmentEncoder
from engine.video.frames import LUMA_WEIGHTS, decode_frames, to_video_frame
from tests.video_helpers import make_clip

BT709, BT601, BT2020 = 1, 6, 9  # AVColorSpace
LIMITED, FULL = 1, 2  # AVColorRange


def _planes(frame: av.VideoFrame) -> list[np.ndarray]:
    """Y, U and V as stored, in levels of the frame's bit depth."""
    dtype = np.uint16 if frame.format.components[0].bits > 8 else np.uint8
    return [
        np.frombuffer(plane, dtype).reshape(plane.height, -1)[:, : plane.width].astype(float)
        for plane in frame.planes
    ]


def _standard_yuv(rgb: np.ndarray, colorspace: int, color_range: int, bits: int):
    """Y, Cb and Cr (unrounded) of RGB pixels as ITU-T H.273 defines them."""
    kr, kb = LUMA_WEIGHTS[colorspace]
    red, green, blue = np.moveaxis(rgb.astype(float) / np.iinfo(rgb.dtype).max, -1, 0)
    luma = kr * red + (1 - kr - kb) * green + kb * blue
    pb, pr = (blue - luma) / (2 * (1 - kb)), (red - luma) / (2 * (1 - kr))
    half = 2 ** (bits - 1)
    if color_range == FULL:
        top = 2**bits - 1
        return luma * top, pb * top + half, pr * top + half
    step = 2 ** (bits - 8)
    return (219 * luma + 16) * step, 224 * pb * step + half, 224 * pr * step + half


def _standard_rgb(y, u, v, colorspace: int, color_range: int) -> np.ndarray:
    """8-bit RGB (unrounded) of 8-bit Y, U and V (chroma planes at full size)."""
    kr, kb = LUMA_WEIGHTS[colorspace]
    if color_range == FULL:
        luma, pb, pr = y / 255, (u - 128) / 255, (v - 128) / 255
    else:
        luma, pb, pr = (y - 16) / 219, (u - 128) / 224, (v - 128) / 224
    red, blue = luma + 2 * (1 - kr) * pr, luma + 2 * (1 - kb) * pb
    green = (luma - kr * red - kb * blue) / (1 - kr - kb)
    return np.stack([red, green, blue], -1) * 255


def _mean_blocks(plane: np.ndarray, down: int, across: int) -> np.ndarray:
    height, width = plane.shape
    return plane.reshape(height // down, down, width // across, across).mean((1, 3))


@pytest.mark.parametrize(
    ("pix_fmt", "bits", "down", "across"),
    [("yuv420p", 8, 2, 2), ("yuv444p", 8, 1, 1), ("yuv422p10le", 10, 1, 2)],
)
@pytest.mark.parametrize("colorspace", [BT709, BT601, BT2020])
@pytest.mark.parametrize("color_range", [LIMITED, FULL])
def test_rgb_becomes_yuv_by_the_standard(pix_fmt, bits, down, across, colorspace, color_range):
    """Every sample is the standard's value rounded once (chroma: that of the mean of the
    pixels it covers), in either range: swscale's full-range chroma is half a level low."""
    rgb = np.random.default_rng(7).integers(0, 256, (24, 32, 3), dtype=np.uint8)
    frame = to_video_frame(rgb, pix_fmt, colorspace, color_range, pts=0)
    expected = _standard_yuv(rgb, colorspace, color_range, bits)
    expected = [expected[0]] + [_mean_blocks(c, down, across) for c in expected[1:]]
    top = 2**bits - 1
    for got, wanted in zip(_planes(frame), expected, strict=True):
        assert np.abs(got - np.clip(wanted, 0, top)).max() <= 0.51
    assert (frame.colorspace, frame.color_range) == (colorspace, color_range)


def _write(path: Path, info, frames: list[np.ndarray], crf: int | None) -> Path:
    plan = EncodePlan.for_film(info, CODECS["h264"], "mp4", 1, crf)
    encoder = SegmentEncoder(path, plan)
    for index, pixels in enumerate(frames):
        encoder.add(pixels, index)
    encoder.finish()
    return path


def test_full_range_grey_film_stays_grey_in_h264(tmp_path):
    """A full-range film (a scanner's Motion-JPEG) written as 4:2:0 H.264 keeps chroma 128
    on grey, so black-and-white film comes out grey, not green."""
    source = probe(make_clip(tmp_path / "full.mkv", frames=1, color_range=FULL, audio=None))
    levels = np.linspace(0, 255, 64 * 48).round().astype(np.uint8).reshape(48, 64)
    grey = np.repeat(levels[..., None], 3, axis=2)
    written = _write(tmp_path / "out.mp4", source, [grey], crf=0)  # CRF 0: lossless
    with av.open(str(written)) as film:
        frame = next(film.decode(video=0))
    assert frame.color_range == FULL
    y, u, v = _planes(frame)
    assert (u == 128).all() and (v == 128).all()
    colour = _standard_rgb(y, 128, 128, frame.colorspace, FULL)
    assert np.abs(colour - grey).max() <= 1


def _untagged_film(path: Path, size: tuple[int, int], yuv: tuple[int, int, int]) -> Path:
    """A lossless film with no colour tags whose every pixel is the limited-range ``yuv``."""
    with av.open(str(path), "w") as out:
        stream = out.add_stream("ffv1", rate=24)
        stream.width, stream.height = size
        stream.pix_fmt = "yuv444p"
        frame = av.VideoFrame(*size, "yuv444p")
        for plane, level in zip(frame.planes, yuv, strict=True):
            plane.update(np.full(plane.buffer_size, level, np.uint8))
        frame.pts = 0
        out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    return path


@pytest.mark.parametrize(
    ("size", "matrix", "other"), [((1280, 720), BT709, BT601), ((640, 480), BT601, BT709)]
)
def test_untagged_film_is_read_and_tagged_as_players_assume(tmp_path, size, matrix, other):
    """Players show an untagged HD film as BT.709 and an SD one as BT.601: the film is read
    with that matrix and its result is tagged with it, so the result looks like the source."""
    yuv = (110, 100, 170)  # a warm sepia, whose RGB the two matrices set apart
    info = probe(_untagged_film(tmp_path / "untagged.mkv", size, yuv))
    assert info.colorspace == 2  # unspecified
    pixels = next(decode_frames(info)).pixels.astype(float)
    assert np.abs(pixels - _standard_rgb(*yuv, matrix, LIMITED)).max() <= 1.5
    assert np.abs(pixels - _standard_rgb(*yuv, other, LIMITED)).max() > 5
    written = _write(tmp_path / "out.mp4", info, [next(decode_frames(info)).pixels], crf=None)
    assert probe(written).colorspace == matrix


@pytest.mark.parametrize(
    ("size", "scale", "written"),
    [((640, 480), 2, (BT709, 1, 1)), ((320, 240), 2, None), ((1280, 720), 1, None)],
)
def test_an_sd_film_enlarged_to_hd_is_written_in_bt709(tmp_path, size, scale, written):
    """HD players, editors and broadcast chains take an HD picture for BT.709: an SD film's
    BT.601 enlarged to HD is converted to it and tagged so; one left SD, or HD already,
    keeps its own."""
    source = probe(
        make_clip(tmp_path / "sd.mkv", frames=1, size=size, colorspace=BT601, audio=None)
    )
    plan = EncodePlan.for_film(source, CODECS["h264"], "mp4", scale, 0)
    tags = (plan.colorspace, plan.color_primaries, plan.color_trc)
    assert tags == (written or (source.colorspace, source.color_primaries, source.color_trc))
    sepia = np.empty((size[1] * scale, size[0] * scale, 3), np.uint8)
    sepia[:] = (180, 130, 80)
    path = tmp_path / "out.mp4"
    encoder = SegmentEncoder(path, plan)
    encoder.add(sepia, 0)
    encoder.finish()
    result = probe(path)
    assert (result.colorspace, result.color_primaries, result.color_trc) == tags
    with av.open(str(path)) as film:
        frame = next(film.decode(video=0))
    y, u, v = (plane.mean() for plane in _planes(frame))
    colour = _standard_rgb(np.array(y), u, v, result.colorspace, LIMITED)
    assert np.abs(colour - (180, 130, 80)).max() <= 2  # the colour as given, by its own matrix
