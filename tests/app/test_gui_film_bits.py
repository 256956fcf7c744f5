"""A deep film that this installation's encoder writes in 8 bits: the film's row says so,
where it says what became of its sound."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import restore_film

from app.photo_queue import status_text
from engine.video import codecs as codecs_module
from engine.video import probe
from tests.test_film_streams import _deep_film

EIGHT_BITS = (
    "deep.mkv has 10 bits a sample; the restored film has 8, as h264 is written in 8 bits to "
    "play everywhere; h265, prores (.mov) and ffv1 (.mkv) keep 10 bits"
)


def test_a_films_row_says_it_went_8_bit_where_the_encoder_writes_8_bits_only(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, monkeypatch
):
    monkeypatch.setattr(codecs_module, "encoder_formats", lambda encoder: {"yuv420p"})
    item = restore_film(make_window(), qtbot, _deep_film(tmp_path / "deep.mkv"))
    assert probe(item.saved_to).bit_depth == 8
    assert status_text(item) == f"Saved as deep [tiny].mkv · {EIGHT_BITS}"
