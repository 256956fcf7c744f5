"""A photo batch that an older release left unfinished, whose marker is named for the settings
that release held (fewer than today's, its models as typed), is continued by the same command
run now: the photos it restored are skipped, none is restored again as "name (2)", and its
marker goes once the batch is done. A setting added since that is not at its default asks for
other results: that is another batch."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path

import cv2
import numpy as np
import pytest

from engine.cli import main
from engine.unfinished import MARKER_PREFIX, MARKER_SUFFIX

RELEASES = {
    "first with markers": (
        *("model", "detail", "before", "after", "ensemble", "fix_fading", "scale_out"),
        *("format", "overwrite"),
    ),
    "with output sizes": (
        *("model", "detail", "before", "after", "ensemble", "fix_fading", "scale_out"),
        *("long_side", "print_size", "dpi", "format", "overwrite"),
    ),
    "with repair": (
        *("model", "detail", "repair", "before", "after", "ensemble", "fix_fading"),
        *("scale_out", "long_side", "print_size", "dpi", "format", "overwrite"),
    ),
    "with spots, before grain": (
        *("model", "detail", "repair", "before", "after", "ensemble", "fix_fading"),
        *("find_spots", "marks", "scale_out", "long_side", "print_size", "dpi", "format"),
        "overwrite",
    ),
}
"""The settings each older release held in a photo batch's marker (its ``BATCH_SETTINGS``)."""
SKIPPED = "did not finish: photos it restored are skipped"

Settings = Callable[[argparse.Namespace, Sequence[str]], dict[str, object]]


def _release_settings(held: Sequence[str]) -> Settings:
    """``batch_settings`` as a release that held ``held`` wrote them into its marker: each
    option as typed."""

    def settings(args: argparse.Namespace, _names: Sequence[str]) -> dict[str, object]:
        return {
            "inputs": sorted(str(path.resolve()) for path in args.inputs),
            **{name: getattr(args, name) for name in held},
        }

    return settings


@pytest.fixture
def photos(tmp_path: Path) -> Path:
    """Two small photos and a damaged one, whose failure leaves a batch unfinished."""
    folder = tmp_path / "photos"
    folder.mkdir()
    pixels = np.random.default_rng(1).integers(0, 255, (12, 16, 3), dtype=np.uint8)
    for name in ("p1.png", "p2.png"):
        assert cv2.imwrite(str(folder / name), pixels)
    (folder / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\nbroken")
    return folder


def _left_unfinished(release: str, line: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Run ``line`` as ``release`` did: the damaged photo fails, so its marker stays."""
    with monkeypatch.context() as older:
        older.setattr("engine.cli.photos.batch_settings", _release_settings(RELEASES[release]))
        assert main(line) == 1


def _markers(out: Path) -> list[str]:
    return [path.name for path in out.glob(f"{MARKER_PREFIX}*{MARKER_SUFFIX}")]


def _results(out: Path) -> list[str]:
    return sorted(path.name for path in (out / "photos").iterdir())


@pytest.mark.parametrize("release", list(RELEASES))
def test_a_batch_an_older_release_left_unfinished_is_continued(
    release, photos, tmp_path, tiny_model_file, monkeypatch, capsys
):
    out = tmp_path / "out"
    line = ["restore", str(photos), "-o", str(out), "--model", str(tiny_model_file)]
    _left_unfinished(release, line, monkeypatch)
    older = _markers(out)
    capsys.readouterr()

    assert main(line) == 1  # the damaged photo again
    said = capsys.readouterr()
    assert SKIPPED in said.err and "0 restored, 1 failed, 2 skipped" in said.out
    assert _results(out) == ["p1.png", "p2.png"]
    assert _markers(out) == older  # taken over, under that release's name

    (photos / "broken.png").unlink()
    assert main(line) == 0
    assert _markers(out) == [] and _results(out) == ["p1.png", "p2.png"]


@pytest.mark.parametrize(
    ("release", "added", "summary"),
    [
        ("with spots, before grain", ["--grain", "0.5"], "2 restored, 1 failed"),
        # no spots found on these photos: the results already there are what it would make
        ("with repair", ["--find-spots"], "0 restored, 1 failed, 2 skipped (already restored)"),
        ("first with markers", ["--long-side", "64"], "2 restored, 1 failed"),
    ],
)
def test_a_setting_added_since_that_is_not_at_its_default_is_another_batch(
    release, added, summary, photos, tmp_path, tiny_model_file, monkeypatch, capsys
):
    """That release made its results without it: its journal is not this batch's."""
    out = tmp_path / "out"
    line = ["restore", str(photos), "-o", str(out), "--model", str(tiny_model_file)]
    _left_unfinished(release, line, monkeypatch)
    capsys.readouterr()

    assert main([*line, *added]) == 1
    said = capsys.readouterr()
    assert SKIPPED not in said.err and summary in said.out
    assert len(_markers(out)) == 2
