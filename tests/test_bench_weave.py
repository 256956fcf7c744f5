"""bench/weave.py: it makes weaving pans of real photos, and what it prints follows what the
steadying did. Nothing here is timed."""

from tests.bench_helpers import cleanup_figures


def test_the_weave_benchmark_shows_the_picture_held_still(tmp_path):
    figures = cleanup_figures("weave.py", tmp_path)
    assert figures["photos"] == 2
    assert figures["steadied_jump_pixels"] < 0.4 * figures["weaving_jump_pixels"]
    assert figures["steadied_off_pixels"] < figures["weaving_off_pixels"]
    assert figures["steadied_psnr"] > figures["weaving_psnr"]
    assert set(figures["ms_per_frame"]) == {"96x64"}
