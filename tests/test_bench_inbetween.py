"""bench/inbetween.py: it makes pans of real photos with a part crossing them, and what it
prints follows the halfway frames made. Nothing here is timed."""

from tests.bench_helpers import cleanup_figures


def test_the_inbetween_benchmark_shows_the_halfway_frame_nearer_than_a_repeat_or_a_crossfade(
    tmp_path,
):
    figures = cleanup_figures("inbetween.py", tmp_path)
    assert figures["photos"] == figures["made"] == 2
    assert figures["halfway_psnr"] > figures["crossfade_psnr"] + 5
    assert figures["crossfade_psnr"] > figures["repeat_psnr"]
    assert set(figures["ms_per_frame"]) == {"96x64"}
