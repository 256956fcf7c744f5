"""bench/flicker.py: it makes flickering pans of real photos, and what it prints follows what
the steadying did. Nothing here is timed."""

from tests.bench_helpers import cleanup_figures


def test_the_flicker_benchmark_shows_the_flicker_calmed(tmp_path):
    figures = cleanup_figures("flicker.py", tmp_path)
    assert figures["photos"] == 2
    assert figures["steadied_change"] < 0.4 * figures["flickering_change"]
    assert figures["steadied_psnr"] > figures["flickering_psnr"]
    assert set(figures["ms_per_frame"]) == {"96x64"}
