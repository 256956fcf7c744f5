"""A film's sound in the app: sound its output type cannot hold as it is goes in converted,
and the film's row says so; sound that goes in as it is gets no word."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import restore_film

from app.main_window import MainWindow
from app.photo_queue import QueueItem, status_text
from engine.video import probe
from tests.video_helpers import make_clip

FLAC = {"audio": "flac", "channels": 2, "audio_rate": 48000}


def _restored_as_prores(window: MainWindow, qtbot, film: Path) -> QueueItem:
    """Restore the film into ProRes (a .mov file) and wait until it is written."""
    panel = window.settings_panel
    codecs = [panel.codec_combo.itemData(i) for i in range(panel.codec_combo.count())]
    panel.codec_combo.setCurrentIndex(codecs.index("prores"))
    return restore_film(window, qtbot, film)


def test_a_films_row_says_its_flac_sound_went_into_prores_as_pcm(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    film = make_clip(tmp_path / "film.mkv", frames=3, **FLAC)
    item = _restored_as_prores(make_window(), qtbot, film)
    assert [stream.codec for stream in probe(item.saved_to).copied] == ["pcm_s16le"]
    note = (
        "the audio stream (flac) of film.mkv cannot be copied into a .mov file; it goes in "
        "converted to pcm_s16le, which keeps every sample"
    )
    assert status_text(item) == f"Saved as film [tiny].mov · {note}"


def test_a_films_row_says_nothing_of_sound_that_went_in_as_it_was(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    film = make_clip(tmp_path / "film.mp4", frames=3, audio="aac")
    item = _restored_as_prores(make_window(), qtbot, film)
    assert [stream.codec for stream in probe(item.saved_to).copied] == ["aac"]
    assert status_text(item) == "Saved as film [tiny].mov"
