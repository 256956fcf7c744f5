"""``python -m engine restore-video`` on the real archival clip, with a tiny 2x model."""

import hashlib
from fractions import Fraction

import av
import cv2
import numpy as np
import pytest

from engine.cli import main
from engine.video import probe
from engine.video.repeats import repeats
from tests.conftest import SHARED_DATA
from tests.video_helpers import decoded_frames, leftovers, tiny_restorer

CLIP = SHARED_DATA / "video" / "market_street_1906_60f.mp4"


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def restored(tmp_path_factory):
    """The real clip restored once through the command line (shared by the tests below)."""
    folder = tmp_path_factory.mktemp("film")
    model = tiny_restorer(folder).model.descriptor.path
    before = _digest(CLIP)
    out = folder / "out" / "market.mp4"
    args = ["restore-video", str(CLIP), "-o", str(out), "--model", str(model), "--scale-out", "2"]
    code = main(args)
    return code, out, before


def test_the_film_is_written_with_its_frames_rate_and_times(restored):
    code, out, _ = restored
    assert code == 0
    source, result = probe(CLIP), probe(out)
    assert result.frames == source.frames == 60
    assert (result.width, result.height) == (source.width * 2, source.height * 2) == (960, 736)
    assert result.rate == source.rate == Fraction(24)
    assert result.time_base == source.time_base
    assert result.codec == "h264" and result.pix_fmt == "yuv420p"
    with av.open(str(CLIP)) as a, av.open(str(out)) as b:
        source_times = [f.pts for f in a.decode(video=0)]
        result_times = [f.pts for f in b.decode(video=0)]
    assert result_times == source_times


def test_every_frame_is_its_own_source_frame_restored(restored):
    """The tiny model starts as a bicubic enlargement: each output frame shrunk back matches
    the source frame at the same place, better than any neighbouring frame; a frame the film
    shows twice is the same result twice."""
    _, out, _ = restored
    decoded = [pixels for _, pixels in decoded_frames(CLIP)]
    sources = [pixels.astype(np.float32) for pixels in decoded]
    results = decoded_frames(out)
    assert len(results) == len(sources)
    twice = [i for i in range(1, len(decoded)) if repeats(decoded[i - 1], decoded[i])]
    assert twice == [2, 12, 19, 29, 48, 55]  # the 1906 film shows one frame in ten twice
    for index in twice:  # the same picture, but for H.264 coding it again
        assert np.abs(results[index][1].astype(int) - results[index - 1][1]).mean() < 0.3
    for index, (_, pixels) in enumerate(results):
        if index in twice:
            continue
        height, width = sources[index].shape[:2]
        shrunk = cv2.resize(pixels, (width, height), interpolation=cv2.INTER_AREA)
        errors = {
            near: np.abs(shrunk.astype(np.float32) - sources[near]).mean()
            for near in (index - 1, index, index + 1)
            if 0 <= near < len(sources)
        }
        assert min(errors, key=errors.get) == index
        assert errors[index] < 6


def test_the_input_is_untouched_and_nothing_is_left_behind(restored):
    code, out, before = restored
    assert code == 0
    assert _digest(CLIP) == before
    assert leftovers(out.parent, {"market.mp4"}) == []


def test_an_existing_output_is_kept_unless_overwrite(restored, capsys):
    _, out, _ = restored
    before = _digest(out)
    model = next(out.parent.parent.glob("*.safetensors"))
    args = ["restore-video", str(CLIP), "-o", str(out), "--model", str(model)]
    assert main(args) == 1
    assert "its earlier result market.mp4 is there" in capsys.readouterr().err
    assert _digest(out) == before
