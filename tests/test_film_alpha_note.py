"""A frame sequence with transparency (RGBA frames) is restored as colour alone: its restored
film, or the picture files its frames are written into, are opaque, and one note says so."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
import torch

from engine.cli import main
from engine.library.loading import load_model
from engine.video import restore_video
from engine.video.frame_files import restore_frame_files
from tests.video_helpers import NearestRestorer, tiny_restorer

SIZE = (32, 16)  # width, height
NOTE = (
    "note: {name} has transparency (an alpha channel); films are restored without it, so its "
    "restored frames are opaque"
)


@pytest.fixture
def nearest(tmp_path):
    model = tiny_restorer(tmp_path).model
    return NearestRestorer(load_model(model.descriptor.path), torch.device("cpu"))


def _png_frames(folder: Path, alpha: bool) -> Path:
    """Two PNG frames in ``folder``, a gradient that moves, with a see-through left half
    where ``alpha``."""
    folder.mkdir(parents=True)
    width, height = SIZE
    for number in (1, 2):
        x = np.broadcast_to(np.arange(width, dtype=np.uint8) * 7 + number * 20, (height, width))
        picture = np.stack([x, x[:, ::-1], np.full_like(x, 90)], axis=2)
        if alpha:
            see_through = np.where(np.arange(width) < width // 2, 0, 255).astype(np.uint8)
            picture = np.dstack([picture, np.broadcast_to(see_through, (height, width))])
        cv2.imwrite(str(folder / f"frame_{number:04d}.png"), picture)
    return folder


def _notes(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("note: ")]


def _restore(model: Path, source: Path, target: Path) -> int:
    return main(["restore-video", str(source), "-o", str(target), "--model", str(model)])


@pytest.mark.parametrize("target_name", ["out.mkv", "out/frame_%04d.png"])
def test_a_sequence_with_transparency_says_once_that_it_comes_out_opaque(
    tmp_path, capsys, tiny_model_file, target_name
):
    reel = _png_frames(tmp_path / "reel", alpha=True)
    assert _restore(tiny_model_file, reel, tmp_path / target_name) == 0
    said = [note for note in _notes(capsys.readouterr().err) if "transparency" in note]
    assert said == [NOTE.format(name="reel")]


def test_its_frames_written_as_png_are_opaque(tmp_path, tiny_model_file):
    """The frames' path restores colour alone: PNG frames that could hold alpha have none."""
    reel = _png_frames(tmp_path / "reel", alpha=True)
    assert _restore(tiny_model_file, reel, tmp_path / "out" / "frame_%04d.png") == 0
    written = sorted((tmp_path / "out").glob("frame_*.png"))
    assert len(written) == 2
    assert all(cv2.imread(str(path), cv2.IMREAD_UNCHANGED).shape[2] == 3 for path in written)


def test_an_opaque_sequence_gets_no_note_of_transparency(tmp_path, capsys, tiny_model_file):
    reel = _png_frames(tmp_path / "reel", alpha=False)
    assert _restore(tiny_model_file, reel, tmp_path / "out.mkv") == 0
    assert not [note for note in _notes(capsys.readouterr().err) if "transparency" in note]


@pytest.mark.parametrize("alpha", [True, False])
def test_the_notes_the_app_shows_say_it_for_a_film_and_for_frames(tmp_path, nearest, alpha):
    """The app's film row shows what ``on_notice`` is told (``FilmResult.sound_notes``)."""
    reel = _png_frames(tmp_path / "reel", alpha=alpha)
    expected = [NOTE.format(name="reel").removeprefix("note: ")] if alpha else []
    (tmp_path / "frames").mkdir()
    for target, restore in [
        (tmp_path / "film.mkv", restore_video),
        (tmp_path / "frames" / "frame_%04d.png", restore_frame_files),
    ]:
        told: list[str] = []
        restore(nearest, reel, target, on_notice=told.append)
        assert [note for note in told if "transparency" in note] == expected
