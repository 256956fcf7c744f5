"""Named film qualities: the CRF each gives, and that it reaches the encoder."""

import pytest

from engine.errors import RekindleError
from engine.video import FILM_QUALITIES, VideoOptions, quality_crf, restore_video
from tests.video_helpers import make_clip, tiny_restorer


def test_named_qualities_step_from_each_codecs_default():
    assert [quality_crf("h264", q) for q in FILM_QUALITIES] == [12, 18, 23]
    assert [quality_crf("h265", q) for q in FILM_QUALITIES] == [14, 20, 25]


@pytest.mark.parametrize("codec", ["prores", "ffv1"])
def test_codecs_of_one_fixed_quality_take_no_crf(codec):
    assert all(quality_crf(codec, q) is None for q in FILM_QUALITIES)


def test_an_unknown_quality_is_refused_by_name():
    with pytest.raises(RekindleError, match="unknown film quality 'ultra'; choose one of best"):
        quality_crf("h264", "ultra")


def test_the_quality_reaches_the_encoder(tmp_path):
    """x264 writes its settings into the stream, so the file itself says which CRF made it."""
    source = make_clip(tmp_path / "clip.mp4", frames=2)
    restorer = tiny_restorer(tmp_path)
    sizes = {}
    for quality in ("best", "smaller"):
        target = tmp_path / f"{quality}.mp4"
        crf = quality_crf("h264", quality)
        restore_video(restorer, source, target, VideoOptions(codec="h264", crf=crf))
        assert f"crf={crf}.0".encode() in target.read_bytes()
        sizes[quality] = target.stat().st_size
    assert sizes["best"] > sizes["smaller"]
