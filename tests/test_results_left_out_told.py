"""Results given beside their photos are left out with a line each for the first few, and
one line counting the rest: an archive with hundreds of them is not told hundreds of lines
before any work."""

import pytest

from engine.batch import SourceNames
from engine.cli.telling import RESULTS_NAMED, tell_results_left_out


def _told(tmp_path, capsys, count: int) -> list[str]:
    """The lines told of ``count`` results left out of ``restore``."""
    results = {
        tmp_path / f"p{index} [tiny].png": tmp_path / f"p{index}.png" for index in range(count)
    }
    tell_results_left_out(SourceNames([tmp_path]), results, "restore")
    return capsys.readouterr().err.splitlines()


@pytest.mark.parametrize("count", [1, RESULTS_NAMED])
def test_a_few_results_are_each_named(tmp_path, capsys, count):
    lines = _told(tmp_path, capsys, count)
    assert len(lines) == count
    assert all(line.startswith(f"left out: {tmp_path.name}/p") for line in lines)


@pytest.mark.parametrize(
    ("more", "counted"),
    [
        (1, "and 1 more result of a photo given too, left out"),
        (297, "and 297 more results of photos given too, left out"),
    ],
)
def test_the_results_beyond_a_few_are_counted_on_one_line(tmp_path, capsys, more, counted):
    lines = _told(tmp_path, capsys, RESULTS_NAMED + more)
    album = tmp_path.name
    assert lines[:RESULTS_NAMED] == [
        f"left out: {album}/p{index} [tiny].png is Rekindle's result of {album}/p{index}.png, "
        "given too (to "
        "restore the result itself, give it on its own)"
        for index in range(RESULTS_NAMED)
    ]
    assert lines[RESULTS_NAMED:] == [counted]
