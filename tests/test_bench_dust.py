"""bench/dust.py: it plants dirt on real photos, and what it prints follows what the cleaner
did. Nothing here is timed."""

from tests.bench_helpers import cleanup_figures


def test_the_dust_benchmark_finds_most_planted_dirt_and_touches_little_else(tmp_path):
    figures = cleanup_figures("dust.py", tmp_path)
    assert figures["photos"] == 2
    assert figures["spots_filled"] > 0.6
    assert figures["touched_elsewhere_percent"] < 0.5
    assert figures["cleaned_psnr"] > figures["dirty_psnr"] + 3
    assert set(figures["ms_per_frame"]) == {"96x64"}
