"""Fix faded colours on a film that shows no sign of fading: the film is left as it is, and
its row and its result's name in the viewer say so, as a photo's do."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import FRAME_WAIT_MS, restore_film

from app.photo_queue import status_text
from tests.video_helpers import make_clip


def test_a_film_with_no_fading_is_said_to_be_left_as_it_was(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    (tmp_path / "films").mkdir()
    film = make_clip(tmp_path / "films" / "film.mp4", frames=6, audio=None)
    window = make_window()
    window.settings_panel.fading_check.setChecked(True)
    item = restore_film(window, qtbot, film)
    assert "film.mp4 shows no sign of fading; its colours are left as they were" in (
        status_text(item)
    )
    named = ("Original", "Tiny · no sign of fading, colours kept")
    qtbot.waitUntil(lambda: window.viewer.labels() == named, timeout=FRAME_WAIT_MS)
