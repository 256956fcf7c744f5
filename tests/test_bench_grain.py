"""bench/grain.py: it makes grainy pans of real photos, and what it prints follows what the
calming did. Nothing here is timed."""

from tests.bench_helpers import cleanup_figures


def test_the_grain_benchmark_shows_less_grain_and_the_picture_kept(tmp_path):
    figures = cleanup_figures("grain.py", tmp_path, photos=1)
    assert figures["grain_after"] < 0.7 * figures["grain_before"]
    assert figures["calmed_psnr"] > figures["grainy_psnr"] > figures["blurred_psnr"] - 5
    assert set(figures["ms_per_frame"]) == {"96x64"}
