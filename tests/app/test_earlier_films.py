"""A film restored, its queue cleared, added again and restored with the same settings: the
run finds its result where it would write it and asks whether to use it (the row then
restored, showing that file, nothing written: a film takes hours) or restore it again beside
it. A result written at another quality, or of another part of the film, is not offered; the
question names films as films."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from gui_helpers import FRAME_WAIT_MS, WAIT_MS, open_film, restore_film
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget
from test_gui_frame_sequences import _dropped, _frames, _restored

from app.earlier_results import EarlierAnswer, EarlierResult, ask_about_earlier
from app.item_status import ItemStatus
from app.main_window import MainWindow
from app.restore_runner import RestoreSettings
from engine.filestamp import FileStamp
from engine.recipe import Recipe
from engine.video import probe
from engine.video.span import FilmSpan
from tests.video_helpers import make_clip


@pytest.fixture
def film(tmp_path: Path) -> Path:
    (tmp_path / "films").mkdir()
    return make_clip(tmp_path / "films" / "film.mp4", frames=6, rate=10, audio=None)


def answering(monkeypatch, answer: EarlierAnswer) -> list[list[EarlierResult]]:
    """The question about results made before answered with ``answer``; what was found,
    each time it was asked."""
    asked: list[list[EarlierResult]] = []

    def ask(_parent, found, _folder: Path) -> EarlierAnswer:
        asked.append(list(found))
        return answer

    monkeypatch.setattr("app.run_control.ask_about_earlier", ask)
    return asked


def restored_again(qtbot, window: MainWindow, film: Path, part: FilmSpan | None = None):
    """Clear the queue, add ``film`` again (with ``part`` marked) and restore it; its item
    once the run has ended, and what the run's end said."""
    window.clear_queue()
    item = open_film(window, qtbot, film)
    if part is not None:
        window.queue.update(item.id, part=part)
    said: list[str] = []
    window.run_control.message.connect(said.append)
    window.restore_selected()
    qtbot.waitUntil(lambda: idle(window) and bool(said), timeout=WAIT_MS * 3)
    return item, said[-1]


def idle(window: MainWindow) -> bool:
    """Whether the run asked for is over: neither waiting for its results made before nor
    under way (a film's end is told as it ends: no save of its result is waited for)."""
    return not window.run_control.waiting and not window.runner.is_running


def films_in(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.rglob("*.mp4")}


def test_a_film_restored_before_takes_its_result_and_nothing_is_written(
    make_window, qtbot, tiny_model, film: Path, app_settings, monkeypatch
):
    output = Path(app_settings.output_dir)
    window = make_window()
    first = restore_film(window, qtbot, film).saved_to
    written = films_in(output)
    asked = answering(monkeypatch, EarlierAnswer.USE)

    item, end = restored_again(qtbot, window, film)

    assert end == "Used the results made before for 1 film."
    assert [[(found.item_id, found.path) for found in round] for round in asked] == [
        [(item.id, first)]
    ]
    assert (item.status, item.saved_to, item.made_part) == (ItemStatus.RESTORED, first, FilmSpan())
    assert films_in(output) == written
    qtbot.waitUntil(window.viewer.has_after, timeout=FRAME_WAIT_MS)  # its result on show


def test_a_films_result_name_is_worked_out_off_the_windows_thread(
    make_window, qtbot, tiny_model, film: Path, app_settings, monkeypatch
):
    """Its marks' fingerprint and its file's stamp are asked on the finder's thread: a queue of
    hundreds of films does not hold the window up."""
    window = make_window()
    first = restore_film(window, qtbot, film).saved_to
    asked = answering(monkeypatch, EarlierAnswer.USE)
    worked_on: list[threading.Thread] = []
    real = RestoreSettings.film_work

    def working(settings, item, made_at=0.0):
        worked_on.append(threading.current_thread())
        return real(settings, item, made_at)

    monkeypatch.setattr(RestoreSettings, "film_work", working)

    item, end = restored_again(qtbot, window, film)

    assert worked_on and threading.main_thread() not in worked_on
    assert [[(found.item_id, found.path) for found in round] for round in asked] == [
        [(item.id, first)]
    ]
    assert end == "Used the results made before for 1 film."


def test_a_film_restored_before_is_restored_again_beside_its_result_when_asked(
    make_window, qtbot, tiny_model, film: Path, app_settings, monkeypatch
):
    window = make_window()
    first = restore_film(window, qtbot, film).saved_to
    asked = answering(monkeypatch, EarlierAnswer.AGAIN)

    item, end = restored_again(qtbot, window, film)

    assert end == "Restored 1 film."
    assert len(asked) == 1
    assert item.saved_to == first.with_name(f"{first.stem} (2){first.suffix}")


def test_a_result_written_at_another_quality_is_not_offered(
    make_window, qtbot, tiny_model, film: Path, app_settings, monkeypatch
):
    """The result's name tells the model and cleanups, not the codec's quality: its stream
    does (``engine.batch.encoded_alike``)."""
    window = make_window()
    restore_film(window, qtbot, film)
    asked = answering(monkeypatch, EarlierAnswer.USE)
    combo = window.settings_panel.quality_combo
    combo.setCurrentIndex((combo.currentIndex() + 1) % combo.count())

    item, end = restored_again(qtbot, window, film)

    assert asked == []
    assert end == "Restored 1 film."
    assert item.saved_to.stem.endswith("(2)")


def test_a_part_restored_before_is_found_for_that_part_only(
    make_window, qtbot, tiny_model, film: Path, app_settings, monkeypatch
):
    window = make_window()
    item = open_film(window, qtbot, film)
    part = FilmSpan(1, 4)
    window.queue.update(item.id, part=part)
    window.restore_selected()
    qtbot.waitUntil(lambda: item.status is ItemStatus.RESTORED, timeout=WAIT_MS * 3)
    first = item.saved_to
    asked = answering(monkeypatch, EarlierAnswer.USE)

    again, end = restored_again(qtbot, window, film, FilmSpan(1, 4))
    assert end == "Used the results made before for 1 film."
    assert (again.saved_to, again.made_part) == (first, part)

    whole, end = restored_again(qtbot, window, film)  # the whole film: not made before
    assert len(asked) == 1
    assert end == "Restored 1 film."
    assert whole.saved_to != first


def _found(part: FilmSpan | None) -> EarlierResult:
    return EarlierResult(1, Path("r"), Recipe("tiny"), FileStamp(0, 0), part)


@pytest.mark.parametrize(
    ("found", "text"),
    [
        (
            [_found(FilmSpan())],
            "1 of these films was restored before with these settings. | Their results are in "
            "{folder}\n\nUse those results, or restore the films again and save the new "
            "results beside them?",
        ),
        (
            [_found(None), _found(FilmSpan())],
            "2 of these photos and films were restored before with these settings. | Their "
            "results are in {folder}\n\nUse those results, or restore them again and save the "
            "new results beside them?",
        ),
    ],
    ids=["a film", "photos and films"],
)
def test_the_question_names_films_as_films(qtbot, monkeypatch, found, text):
    parent = QWidget()
    qtbot.addWidget(parent)
    texts: list[str] = []

    def pressing(box: QMessageBox) -> int:
        texts.append(f"{box.text()} | {box.informativeText()}")
        button: QAbstractButton = box.defaultButton()
        button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", pressing)
    assert ask_about_earlier(parent, found, Path("restored")) is EarlierAnswer.USE
    assert texts == [text.format(folder=Path("restored"))]


def test_a_frame_sequence_restored_at_another_rate_is_not_offered(
    make_window, qtbot, tiny_model, tmp_path, app_settings, monkeypatch
):
    """The result's name does not tell the rate the frames were read at: its stream does."""
    scan = _frames(tmp_path / "scan", range(1, 31))
    window = make_window()
    (film,) = _dropped(window, qtbot, scan)
    first = _restored(window, qtbot, film)
    asked = answering(monkeypatch, EarlierAnswer.USE)

    window.clear_queue()
    window.settings_panel.rate_combo.setCurrentText("12")
    (again,) = _dropped(window, qtbot, scan)
    assert _restored(window, qtbot, again) != first
    assert asked == []
    assert probe(again.saved_to).rate == 12

    window.clear_queue()  # at the rate of the first: offered
    window.settings_panel.rate_combo.setCurrentText(str(probe(first).rate))
    (third,) = _dropped(window, qtbot, scan)
    assert _restored(window, qtbot, third) == first
    assert len(asked) == 1
