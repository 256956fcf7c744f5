"""A film batch's marker is named for its part of each film (``--from``, ``--to``) as for its
other settings: the same command continues a batch left unfinished, one before the part was
held continues too when no part is asked for, and another part is another batch."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

import pytest

from engine.cli import main
from engine.cli.resuming import FILM_BATCH_SETTINGS
from engine.unfinished import MARKER_PREFIX, MARKER_SUFFIX
from tests.video_helpers import make_clip

SKIPPED = "did not finish: films it restored are skipped"
BEFORE_PARTS = tuple(name for name in FILM_BATCH_SETTINGS if name not in ("span_from", "span_to"))
"""The settings the release before parts of films held in a film batch's marker."""


@pytest.fixture
def films(tmp_path: Path) -> Path:
    """Two short films and a damaged one, whose failure leaves a batch unfinished."""
    folder = tmp_path / "films"
    folder.mkdir()
    for name in ("a.mp4", "b.mp4"):
        make_clip(folder / name, frames=6, audio=None)
    (folder / "broken.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42 broken")
    return folder


def _markers(out: Path) -> list[str]:
    return [path.name for path in out.glob(f"{MARKER_PREFIX}*{MARKER_SUFFIX}")]


def _release_settings(args: argparse.Namespace, _names: Sequence[str]) -> dict[str, object]:
    """``batch_settings`` as the release before parts of films wrote them."""
    return {
        "inputs": sorted(str(path.resolve()) for path in args.inputs),
        **{name: getattr(args, name) for name in BEFORE_PARTS},
    }


def test_a_part_is_held_and_the_same_command_continues_its_batch(
    films, tmp_path, tiny_model_file, capsys
):
    out = tmp_path / "out"
    line = ["restore-video", str(films), "-o", str(out), "--model", str(tiny_model_file)]
    assert main([*line, "--from", "2f"]) == 1  # the damaged film
    (part_marker,) = _markers(out)
    capsys.readouterr()

    assert main([*line, "--from", "2f"]) == 1
    said = capsys.readouterr()
    assert SKIPPED in said.err and "2 skipped" in said.out
    assert _markers(out) == [part_marker]

    assert main(line) == 1  # the whole films: another batch, restored beside the parts
    said = capsys.readouterr()
    assert SKIPPED not in said.err and "2 restored, 1 failed" in said.out
    assert len(_markers(out)) == 2


def test_a_batch_the_release_before_parts_left_unfinished_is_continued(
    films, tmp_path, tiny_model_file, monkeypatch, capsys
):
    out = tmp_path / "out"
    line = ["restore-video", str(films), "-o", str(out), "--model", str(tiny_model_file)]
    with monkeypatch.context() as older:
        older.setattr("engine.cli.films.batch_settings", _release_settings)
        assert main(line) == 1
    older_marker = _markers(out)
    capsys.readouterr()

    assert main(line) == 1
    said = capsys.readouterr()
    assert SKIPPED in said.err and "2 skipped" in said.out
    assert _markers(out) == older_marker
