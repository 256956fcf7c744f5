"""A batch of films run again into the same folder is the same batch only when it reads frame
sequences at the same rate: another ``--rate`` is another batch (its films are not skipped as
done, nor written over); ``--allow-gaps``, which changes no sequence restored, lets the batch
go on with the sequences it refused; and a batch the release before left unfinished, whose
marker holds no rate, is still continued."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from engine.cli import main
from engine.cli.resuming import FILM_BATCH_SETTINGS, SEQUENCE_SETTINGS
from engine.video import probe

SKIPPED = "did not finish: films it restored are skipped"


def _sequence(folder: Path, numbers) -> str:
    """Small PNG frames of ``folder`` numbered ``numbers``."""
    folder.mkdir()
    rng = np.random.default_rng(1)
    for number in numbers:
        frame = rng.integers(0, 255, (16, 24, 3), dtype=np.uint8)
        assert cv2.imwrite(str(folder / f"frame_{number:04d}.png"), frame)
    return str(folder)


def _batch(tmp_path: Path) -> list[str]:
    """A frame sequence and a film that cannot be read, whose failure leaves the batch
    unfinished."""
    damaged = tmp_path / "damaged.mp4"
    damaged.write_bytes(b"not a film" * 100)
    return [_sequence(tmp_path / "reel", range(1, 7)), str(damaged)]


def _restore(tiny_model_file: Path, inputs: list[str], out: Path, *options: str) -> int:
    command = ["restore-video", *inputs, "-o", str(out), "--model", str(tiny_model_file)]
    return main([*command, "--codec", "ffv1", *options])


def test_a_rerun_at_another_rate_is_another_batch(tiny_model_file, tmp_path, capsys):
    inputs, out = _batch(tmp_path), tmp_path / "out"
    assert _restore(tiny_model_file, inputs, out) == 1  # the damaged film fails
    capsys.readouterr()
    assert _restore(tiny_model_file, inputs, out, "--rate", "25") == 1
    said = capsys.readouterr()  # not skipped as done: its result there is of another rate
    assert SKIPPED not in said.err and "1 restored, 1 failed" in said.out
    assert "saved as reel (2).mkv (reel.mkv holds this film's result made with other" in said.out
    assert _restore(tiny_model_file, inputs, out) == 1  # the first batch, as it was
    assert SKIPPED in capsys.readouterr().err


def test_a_rerun_letting_gaps_through_goes_on_with_the_sequences_refused(
    tiny_model_file, tmp_path, capsys
):
    whole = _sequence(tmp_path / "whole", range(1, 7))
    gapped = _sequence(tmp_path / "gapped", [1, 2, 3, 5, 6, 7])
    out = tmp_path / "out"
    assert _restore(tiny_model_file, [whole, gapped], out) == 1  # frame 4 is missing
    capsys.readouterr()
    assert _restore(tiny_model_file, [whole, gapped], out, "--allow-gaps") == 0
    said = capsys.readouterr()
    assert SKIPPED in said.err and "1 restored, 1 skipped, 0 failed" in said.out
    assert sorted(film.name for film in out.glob("*.mkv")) == ["gapped.mkv", "whole.mkv"]


def test_a_batch_the_release_before_left_unfinished_is_continued(
    tiny_model_file, tmp_path, capsys, monkeypatch
):
    """Its marker holds the settings without how sequences are read (nor the parts of films,
    held since)."""
    inputs, out = _batch(tmp_path), tmp_path / "out"
    later = (*SEQUENCE_SETTINGS, "span_from", "span_to")
    before = tuple(name for name in FILM_BATCH_SETTINGS if name not in later)
    with monkeypatch.context() as previous_release:
        previous_release.setattr("engine.cli.films.FILM_BATCH_SETTINGS", before)
        assert _restore(tiny_model_file, inputs, out) == 1
    capsys.readouterr()
    assert _restore(tiny_model_file, inputs, out) == 1
    said = capsys.readouterr()
    assert SKIPPED in said.err and "0 restored, 1 skipped, 1 failed" in said.out
    assert [probe(film).rate for film in out.glob("*.mkv")] == [24]
