"""A part of a film marked In and Out on the film bar, as editors mark one (I, O, Alt+X):
drawn on the slider and told beside it, kept by each film and across a restart, named in the
film's row, restored alone under the command line's part name (numbered frames keeping the
film's numbers), its result out of date once the marks change; refused before a run on a
cluster, and never offered for a photo."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import FRAME_WAIT_MS, open_film, wait_for_status, wait_until_read
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app import theme
from app.item_status import ItemStatus
from app.main_window import MainWindow
from app.photo_queue import size_text, status_text
from engine.video import probe
from engine.video.span import FilmSpan
from tests.video_helpers import make_clip

FRAMES = 12
PART = "film [tiny] [frames 4-9]"  # the result's name: the film's, its recipe, the part's frames


def _film(tmp_path: Path, name: str = "film.mp4", audio: str | None = None) -> Path:
    (tmp_path / "films").mkdir(exist_ok=True)
    return make_clip(tmp_path / "films" / name, frames=FRAMES, rate=10, audio=audio)


def _press(window: MainWindow, key: Qt.Key, at: int | None = None, alt: bool = False) -> None:
    """Press ``key`` on the film bar, with its slider at frame ``at`` (0-based) first."""
    slider = window.scrubber.slider
    if at is not None:
        slider.setValue(at)
    window.activateWindow()
    slider.setFocus()
    modifier = Qt.KeyboardModifier.AltModifier if alt else Qt.KeyboardModifier.NoModifier
    QTest.keyClick(slider, key, modifier)


def _mark(window: MainWindow, first: int, last: int) -> None:
    """Mark frames ``first`` to ``last`` (0-based, both in) with I and O."""
    _press(window, Qt.Key.Key_I, first)
    _press(window, Qt.Key.Key_O, last)


def _choose(window: MainWindow, choice: str) -> None:
    combo = window.settings_panel.codec_combo
    combo.setCurrentIndex(combo.findData(choice))


def _band_colours(window: MainWindow) -> tuple[QColor, QColor, QColor]:
    """The slider's colours above its groove: at the band's In edge, in the band, and
    before the band."""
    slider = window.scrubber.slider
    band = slider.band()
    image = slider.grab().toImage()
    y = band.top() + 2
    at = image.pixelColor
    return at(band.left(), y), at(band.center().x() - 10, y), at(band.left() // 2, y)


def test_i_and_o_mark_the_part_at_the_frame_shown_on_the_slider_and_beside_it(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    window = make_window()
    window.resize(1600, 900)  # a slider long enough to see the band on
    item = open_film(window, qtbot, _film(tmp_path))
    scrubber = window.scrubber
    assert scrubber.slider.part() is None and not scrubber.part_label.isVisible()
    assert not window.clear_in_out_action.isEnabled()

    _mark(window, 3, 8)
    assert item.part == FilmSpan(3, 9)  # Out takes the frame shown in
    assert scrubber.slider.part() == (3, 9)
    assert scrubber.part_label.isVisible()
    assert scrubber.part_label.text() == "Part: 0:00.30 – 0:00.90 · 6 frames"
    edge, inside, outside = _band_colours(window)
    assert edge == theme.accent_color(scrubber.slider.palette())
    assert inside != outside and inside.red() > outside.red()  # tinted in the accent
    assert "part 0:00.30–0:00.90" in size_text(item)  # the queue row's details
    assert "restored too" in window.set_out_action.toolTip()

    assert window.clear_in_out_action.isEnabled()
    _press(window, Qt.Key.Key_X, alt=True)
    assert item.part == FilmSpan()
    assert scrubber.slider.part() is None and not scrubber.part_label.isVisible()
    assert "part" not in size_text(item)


def test_a_mark_set_past_the_other_moves_it_out_of_the_way_in_a_window_as_narrow(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    window = make_window()
    item = open_film(window, qtbot, _film(tmp_path))
    note = window.scrubber.note
    narrowest = window.minimumSizeHint().width()
    _mark(window, 3, 8)
    QApplication.processEvents()  # the window laid out again, with the part told
    assert window.minimumSizeHint().width() == narrowest  # which takes no more room

    _press(window, Qt.Key.Key_I, 10)  # after Out: Out goes to the film's end
    assert item.part == FilmSpan(10, FRAMES)
    assert note.text() == "In is past Out, so Out moved to the end of the film."

    _press(window, Qt.Key.Key_O, 5)  # before In: In goes to the film's start
    assert item.part == FilmSpan(0, 6)
    assert note.text() == "Out is before In, so In moved to the start of the film."

    _press(window, Qt.Key.Key_O, FRAMES - 1)  # In at the start, Out at the end: the whole
    assert item.part == FilmSpan()
    assert window.scrubber.slider.part() is None


def test_each_film_keeps_its_own_part_across_a_restart(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    first_film, second_film = _film(tmp_path, "a.mp4"), _film(tmp_path, "b.mp4")
    window = make_window()
    first = open_film(window, qtbot, first_film)
    second = open_film(window, qtbot, second_film)
    _mark(window, 2, 6)
    assert second.part == FilmSpan(2, 7) and first.part == FilmSpan()

    window.queue_view.select_id(first.id)
    qtbot.waitUntil(lambda: window.scrubber.slider.part() is None, timeout=FRAME_WAIT_MS)
    window.queue_view.select_id(second.id)
    qtbot.waitUntil(lambda: window.scrubber.slider.part() == (2, 7), timeout=FRAME_WAIT_MS)
    window.close()

    again = make_window()
    wait_until_read(qtbot, again)
    kept = {item.source.name: item for item in again.queue.items()}
    assert kept["a.mp4"].part == FilmSpan() and kept["b.mp4"].part == FilmSpan(2, 7)
    again.queue_view.select_id(kept["b.mp4"].id)
    qtbot.waitUntil(lambda: again.scrubber.slider.part() == (2, 7), timeout=FRAME_WAIT_MS)
    assert "part 0:00.20–0:00.70" in size_text(kept["b.mp4"])


def test_a_marked_film_restores_its_part_into_frames_numbered_as_the_films(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, app_settings
):
    film = _film(tmp_path, audio="aac")
    window = make_window()
    _choose(window, "png")
    item = open_film(window, qtbot, film)
    _mark(window, 3, 8)
    window.restore_selected()
    wait_for_status(qtbot, item, ItemStatus.RESTORED, ItemStatus.FAILED)
    assert item.status is ItemStatus.RESTORED, item.message

    folder = Path(app_settings.output_dir) / PART
    names = sorted(path.name for path in folder.glob("*.png"))
    assert names == [f"{PART}_{number:06d}.png" for number in range(4, 10)]
    assert item.saved_to == folder / f"{PART}_%06d.png"
    assert [path.name for path in folder.glob("*.wav")] == [f"{PART}.wav"]  # labelled once
    assert status_text(item) == (
        f"Saved 6 PNG frames in {PART}/ · the audio stream (aac) of film.mp4 is written beside "
        f"the frames as {PART}.wav"
    )

    # A frame of the part shows its restored frame; one outside it says so.
    window.scrubber.slider.setValue(5)
    restored = f"Restored: {PART}_000006.png"
    qtbot.waitUntil(lambda: window.scrubber.note.text() == restored, timeout=FRAME_WAIT_MS)
    window.scrubber.slider.setValue(0)
    outside = "Frame 1 is not in the part restored, frames 4 to 9"
    qtbot.waitUntil(lambda: window.scrubber.note.text() == outside, timeout=FRAME_WAIT_MS)


def test_a_marked_film_is_restored_under_its_parts_name_and_stale_once_marked_anew(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, app_settings
):
    film = _film(tmp_path)
    window = make_window()
    item = open_film(window, qtbot, film)
    _mark(window, 3, 8)
    counted: list[str] = []
    window.queue.dataChanged.connect(
        lambda *_: (
            counted.append(status_text(item))
            if item.status is ItemStatus.RESTORING and not item.loading_model
            else None
        )
    )
    window.restore_selected()
    wait_for_status(qtbot, item, ItemStatus.RESTORED, ItemStatus.FAILED)
    assert item.status is ItemStatus.RESTORED, item.message

    written = Path(app_settings.output_dir) / f"{PART}.mp4"
    assert item.saved_to == written and probe(written).frames == 6
    assert status_text(item) == f"Saved as {PART}.mp4"
    assert counted and all(" / 6 · " in said for said in counted), counted
    stale = window.result_view.stale_note
    assert not stale.isVisible()

    _press(window, Qt.Key.Key_I, 1)
    assert stale.isVisible() and "part of the film" in stale.text()
    _press(window, Qt.Key.Key_I, 3)  # the part restored again: up to date
    assert not stale.isVisible()
    window.close()

    again = make_window()  # the result is kept with the part it is of
    (kept,) = again.queue.items()
    assert kept.saved_to == written and kept.made_part == kept.part == FilmSpan(3, 9)
    assert status_text(kept) == f"Saved as {PART}.mp4"
    again.queue_view.select_id(kept.id)
    qtbot.waitUntil(again.viewer.has_images, timeout=FRAME_WAIT_MS)
    assert not again.result_view.stale_note.isVisible()


def test_a_run_on_a_cluster_is_refused_before_it_starts_for_a_marked_film(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, monkeypatch
):
    window = make_window()
    monkeypatch.setattr(window.settings_panel, "cluster_address", lambda: "head.example:6379")
    item = open_film(window, qtbot, _film(tmp_path))
    _mark(window, 3, 8)
    window.restore_selected()
    said = window.statusBar().currentMessage()
    assert said.startswith("Restoring did not start: film.mp4 has a part marked with In and Out")
    assert "turn off Restore on a cluster" in said
    assert item.status is ItemStatus.READY


def test_a_photo_has_no_in_and_out(make_window, qtbot, tiny_model: Path, tmp_path: Path, photos):
    window = make_window()
    film = open_film(window, qtbot, _film(tmp_path))
    _mark(window, 3, 8)
    (photo,) = window.add_paths([photos("a.png")])
    window.queue_view.select_id(photo.id)
    wait_until_read(qtbot, window)
    qtbot.waitUntil(lambda: not window.scrubber.isVisible(), timeout=FRAME_WAIT_MS)
    actions = (window.set_in_action, window.set_out_action, window.clear_in_out_action)
    assert not any(action.isEnabled() for action in actions)
    window.activateWindow()
    QTest.keyClick(window.queue_view, Qt.Key.Key_I)
    assert photo.part == FilmSpan() and "part" not in size_text(photo)
    assert film.part == FilmSpan(3, 9)
