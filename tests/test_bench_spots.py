"""bench/spots.py: it plants dirt on real photos, and what it prints follows what the search
and the filling did. Nothing here is timed."""

from tests.bench_helpers import cleanup_figures


def test_the_spots_benchmark_fills_marked_dirt_and_marks_little_of_a_clean_photo(tmp_path):
    figures = cleanup_figures("spots.py", tmp_path)
    assert figures["photos"] == 2
    assert figures["spots_filled"] > 0.2
    assert figures["marked_on_clean_percent"] < 0.5
    assert figures["hand_psnr"] > figures["dirty_psnr"] + 5
    assert figures["found_psnr"] > figures["dirty_psnr"] - 1
    assert set(figures["ms_per_frame"]) == {"96x64"}
