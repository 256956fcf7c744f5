"""A film's frame previewed is labelled a preview, as a photo's part previewed is: nothing was
restored yet. The frame as read, or as the restored film has it, is labelled as before."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from gui_helpers import FRAME_WAIT_MS, WAIT_MS, open_film, rgb_pixels

from app.i18n import CHINESE
from app.main_window import MainWindow
from tests.video_helpers import decoded_frames, make_clip

PREVIEW_WAIT_MS = 30_000


def _film(tmp_path: Path) -> Path:
    return make_clip(tmp_path / "film.mp4", frames=6)


def _previewed(window: MainWindow, qtbot) -> None:
    window.preview_action.trigger()
    qtbot.waitUntil(window.viewer.has_after, timeout=PREVIEW_WAIT_MS)


def test_a_film_frame_previewed_is_labelled_a_preview(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    film = _film(tmp_path)
    window = make_window()
    open_film(window, qtbot, film)
    _previewed(window, qtbot)
    assert window.viewer.labels() == ("Original", "Preview")

    frames = [pixels for _, pixels in decoded_frames(film)]
    window.scrubber.slider.setValue(1)  # another frame, as read: no preview beside it
    qtbot.waitUntil(
        lambda: np.array_equal(rgb_pixels(window.viewer.before_image()), frames[1]),
        timeout=FRAME_WAIT_MS,
    )
    assert not window.viewer.has_after()
    assert window.viewer.labels() == ("Original", "Restored")


def test_a_films_frame_previewed_has_the_label_of_a_photos_part_previewed(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    window = make_window()
    open_film(window, qtbot, _film(tmp_path))
    _previewed(window, qtbot)
    assert window.viewer.labels()[1] == window.part_preview.tr("Preview")


def test_a_preview_on_show_stays_labelled_one_in_another_language(
    make_window, qtbot, translation, tiny_model: Path, tmp_path: Path
):
    window = make_window(translation=translation)
    open_film(window, qtbot, _film(tmp_path))
    _previewed(window, qtbot)
    panel = window.settings_panel
    panel.language_combo.setCurrentIndex(panel.language_combo.findData(CHINESE))
    qtbot.waitUntil(lambda: window.file_menu.title() == "文件(&F)", timeout=WAIT_MS)
    assert window.viewer.has_after()
    assert window.viewer.labels() == ("原图", "预览")
