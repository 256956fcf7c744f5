"""Runs asked for by a person, without the window: which items each command hands to the
runner (a stand-in here, which records them), with which settings, and what the status bar and
its bars say of the runner's reports."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from gui_helpers import item_lookups, write_photo
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStatusBar, QWidget

from app.item_status import ItemStatus
from app.photo_queue import QueueModel, status_text
from app.queue_view import QueueView
from app.restore_runner import RestoreSettings, RunProgress, RunSummary, Tally
from app.run_bars import RunBars
from app.run_control import RunControl
from app.selection import Selection
from app.settings import AppSettings
from app.settings_panel import SettingsPanel
from engine.video import probe
from engine.video.probe import probe_sequence
from engine.video.sequence import frame_sequence
from tests.video_helpers import make_clip


class Runner(QObject):
    """Stands in for ``RestoreRunner``: notes the runs asked for, reports what a test emits."""

    progress_changed = Signal(object)
    running_changed = Signal(bool)
    item_restored = Signal(int)
    run_finished = Signal(object)
    earlier_kept = Signal(int, str)

    def __init__(self) -> None:
        super().__init__()
        self.runs: list[tuple[list[int], RestoreSettings]] = []
        self.is_running = False
        self.cancelling = False
        self.current_item: int | None = None
        self.cancelled = False
        self.previewing = False
        self.preview_stopped = False

    def start(self, item_ids: list[int], settings: RestoreSettings) -> None:
        self.runs.append((list(item_ids), settings))

    def cancel(self) -> None:
        self.cancelled = True

    def stop_preview(self) -> None:
        self.preview_stopped = True


class Control:
    def __init__(self, qtbot, settings: AppSettings) -> None:
        self.window = QWidget()
        qtbot.addWidget(self.window)
        self.queue = QueueModel(self.window)
        self.list = QueueView(self.window)
        self.list.setModel(self.queue)
        self.panel = SettingsPanel(settings, self.window)
        self.bars = RunBars(QStatusBar(self.window), self.window)
        self.runner = Runner()
        selection = Selection(self.queue, self.list)
        self.control = RunControl(
            self.window, self.runner, self.queue, selection, self.panel, self.bars
        )
        self.said: list[str] = []
        self.control.message.connect(self.said.append)

    def add(self, folder: Path, *names: str, read: bool = True) -> list[int]:
        """Queue photos; ``read``: as the app's reader leaves them, ready with their size."""
        items = self.queue.add_paths([write_photo(folder / name) for name in names])
        if read:
            for item in items:
                self.read(item.id)
        return [item.id for item in items]

    def read(self, item_id: int) -> None:
        self.queue.update(item_id, status=ItemStatus.READY, width=40, height=30)

    def started(self) -> list[list[int]]:
        return [ids for ids, _settings in self.runner.runs]


@pytest.fixture
def make_control(qtbot, app_settings: AppSettings) -> Iterator[Callable[[], Control]]:
    made: list[Control] = []

    def make() -> Control:
        made.append(Control(qtbot, app_settings))
        return made[-1]

    yield make
    for control in made:
        control.control.shutdown()  # the look for results made before stops
        control.panel.shutdown()


def test_restore_all_passes_over_what_is_done_or_on_its_way(
    make_control, tiny_model, tmp_path: Path
):
    control = make_control()
    ids = control.add(tmp_path, "ready.png", "done.png", "bad.png", "waiting.png", "failed.png")
    statuses = [ItemStatus.RESTORED, ItemStatus.UNREADABLE, ItemStatus.QUEUED, ItemStatus.FAILED]
    for item_id, status in zip(ids[1:], statuses, strict=True):
        control.queue.update(item_id, status=status)
    control.control.restore_all()
    assert control.started() == [[ids[0], ids[4]]]
    ((_ids, settings),) = control.runner.runs
    assert settings.output_folder == control.panel.output_folder()


def test_a_run_asked_for_while_photos_are_read_waits_for_their_sizes(
    make_control, tiny_model, tmp_path: Path
):
    """The size check needs each photo's size: Restore right after a drop waits for it."""
    control = make_control()
    first, second = control.add(tmp_path, "a.png", "b.png", read=False)
    control.control.restore_all()
    assert control.started() == []
    assert control.said == ["Restoring once 2 photos are read…"]
    control.read(first)
    assert control.started() == []
    control.read(second)
    assert control.started() == [[first, second]]


def test_a_photo_taken_out_while_others_are_read_is_not_waited_for(
    make_control, tiny_model, tmp_path: Path
):
    control = make_control()
    first, gone, last = control.add(tmp_path, "a.png", "b.png", "c.png", read=False)
    control.control.restore_all()
    control.queue.remove([gone])
    control.read(first)
    assert control.started() == []
    control.read(last)
    assert control.started() == [[first, last]]


def test_each_photo_read_is_checked_alone_while_a_run_waits_for_them(
    make_control, monkeypatch, tiny_model, tmp_path: Path
):
    """A row read does not make the run asked for look up every photo it waits for (a
    thousand photos read one by one would take a million lookups)."""
    looked_up = item_lookups(monkeypatch)
    counts = []
    for count in (3, 9):
        control = make_control()
        ids = control.add(tmp_path / str(count), *[f"{n}.png" for n in range(count)], read=False)
        control.control.restore_all()
        looked_up.clear()
        for item_id in ids[:-1]:
            control.read(item_id)
        counts.append(len(looked_up))
        control.read(ids[-1])
        assert control.started() == [ids]
    assert counts[0] == counts[1]


def test_restore_takes_the_selection_or_else_the_current_item(
    make_control, tiny_model, tmp_path: Path
):
    control = make_control()
    _first, second, third = control.add(tmp_path, "a.png", "b.png", "c.png")
    control.list.select_id(second)
    control.list.selectionModel().select(
        control.queue.index(2), control.list.selectionModel().SelectionFlag.Select
    )
    control.control.restore_selected()
    control.list.clearSelection()
    control.control.restore_selected()  # none selected: the one on show
    assert control.started() == [[second, third], [second]]


def test_without_a_model_nothing_is_started(make_control, builtin_models, tmp_path: Path):
    control = make_control()
    control.add(tmp_path, "a.png")
    control.control.restore_all()
    assert control.started() == []
    assert control.said == ["No model is installed, so nothing can be restored yet."]


def test_cancel_stops_a_run_under_way_or_else_a_preview(make_control):
    control = make_control()
    control.control.cancel()
    assert not control.runner.cancelled and control.said == []
    control.runner.previewing = True
    control.control.cancel()
    assert control.runner.preview_stopped and control.said == ["Preview cancelled."]
    control.runner.preview_stopped = False
    control.runner.is_running = True
    control.control.cancel()
    assert control.runner.cancelled and not control.runner.preview_stopped
    assert control.said[-1] == "Cancelling…"


@pytest.mark.parametrize(
    ("summary", "text"),
    [
        (
            RunSummary(restored=Tally(photos=2), failed=Tally(photos=1)),
            "Restored 2 photos. Could not restore 1 photo.",
        ),
        (
            RunSummary(restored=Tally(photos=1), cancelled=Tally(photos=3)),
            "Restored 1 photo. Cancelled before restoring 3 photos.",
        ),
        (RunSummary(model_error="it is broken"), "The model could not be loaded: it is broken"),
    ],
)
def test_the_status_bar_says_how_a_run_ended(make_control, summary: RunSummary, text: str):
    control = make_control()
    control.runner.run_finished.emit(summary)
    assert control.said == [text]


def test_the_photos_restore_all_cannot_open_are_counted_with_its_run(
    make_control, tiny_model, tmp_path: Path
):
    """Each row says why its file cannot be opened, and the run's end counts them apart from
    the failures: none was tried."""
    control = make_control()
    good, bad, other_bad, done = control.add(tmp_path, "a.png", "b.jpg", "c.jpg", "d.png")
    control.queue.update_each([bad, other_bad], status=ItemStatus.UNREADABLE)
    control.queue.update(done, status=ItemStatus.RESTORED)
    control.control.restore_all()
    assert control.started() == [[good]]
    control.runner.run_finished.emit(RunSummary(restored=Tally(photos=1)))
    assert control.said == ["Restored 1 photo. Could not open 2 files."]


def test_only_the_selected_photos_that_cannot_be_opened_count_with_their_run(
    make_control, tiny_model, tmp_path: Path
):
    control = make_control()
    good, bad, other_bad = control.add(tmp_path, "a.png", "b.jpg", "c.jpg")
    control.queue.update_each([bad, other_bad], status=ItemStatus.UNREADABLE)
    selection = control.list.selectionModel()
    for row in (0, 1):
        selection.select(control.queue.index(row), selection.SelectionFlag.Select)
    control.control.restore_selected()
    control.runner.run_finished.emit(RunSummary(restored=Tally(photos=1)))
    control.list.clearSelection()
    control.list.select_id(good)
    control.control.restore_selected()  # a run of its own: the earlier's failures are not its
    control.runner.run_finished.emit(RunSummary(restored=Tally(photos=1)))
    assert control.said == [
        "Restored 1 photo. Could not open 1 file.",
        "Restored 1 photo.",
    ]
    assert control.started() == [[good], [good]]


def test_a_run_waiting_for_photos_that_turn_out_unreadable_ends_saying_so(
    make_control, tiny_model, tmp_path: Path
):
    control = make_control()
    ids = control.add(tmp_path, "a.jpg", "b.jpg", read=False)
    control.control.restore_all()
    for item_id in ids:
        control.queue.update(item_id, status=ItemStatus.UNREADABLE)
    assert control.said == [
        "Restoring once 2 photos are read…",
        "Could not open 2 files.",
    ]
    assert control.started() == []


def test_a_photo_that_cannot_be_opened_asked_for_during_a_run_counts_with_it(
    make_control, tiny_model, tmp_path: Path
):
    control = make_control()
    good, bad = control.add(tmp_path, "a.png", "b.jpg")
    control.queue.update(bad, status=ItemStatus.UNREADABLE)
    control.list.select_id(good)
    control.control.restore_selected()
    control.runner.is_running = True
    control.list.select_id(bad)
    control.control.restore_selected()
    control.runner.is_running = False
    control.runner.run_finished.emit(RunSummary(restored=Tally(photos=1)))
    assert control.said == ["Restored 1 photo. Could not open 1 file."]
    assert control.started() == [[good]]


def test_a_result_kept_after_a_failed_second_restore_is_told_with_the_run(
    make_control, tmp_path: Path
):
    control = make_control()
    (item_id,) = control.add(tmp_path, "a.png")
    control.runner.earlier_kept.emit(item_id, "out of memory")
    control.runner.run_finished.emit(RunSummary(failed=Tally(photos=1)))
    assert control.said == [
        "Could not restore 1 photo. a.png could not be restored again (out of memory); "
        "its earlier result stays."
    ]
    control.runner.run_finished.emit(
        RunSummary(restored=Tally(photos=1))
    )  # told once, with its own run
    assert control.said[-1] == "Restored 1 photo."


def test_each_item_restored_is_told(make_control, tmp_path: Path):
    control = make_control()
    (item_id,) = control.add(tmp_path, "a.png")
    control.runner.item_restored.emit(item_id)
    assert control.said == ["Restored a.png."]


def test_a_cancelled_films_row_says_whether_restore_continues_its_work(
    make_control, tiny_model, tmp_path: Path
):
    control = make_control()
    panel = control.panel
    film = make_clip(tmp_path / "film.mp4", frames=6)
    (item,) = control.queue.add_paths([film])
    settings = replace(panel.restore_settings(), output_folder=panel.output_folder())
    control.queue.update(item.id, video=probe(film))
    control.queue.update(  # as the runner leaves a film cancelled at frame 3
        item.id, film_work=settings.film_work(item), frames_done=3
    )
    control.queue.update(item.id, status=ItemStatus.CANCELLED)
    continues = "Cancelled at frame 3 / 6; Restore continues from there"
    starts_over = "Cancelled at frame 3 / 6; the settings changed, so Restore starts over"
    assert status_text(item) == continues
    for combo, other in [(panel.quality_combo, "best"), (panel.codec_combo, "ffv1")]:
        chosen = combo.currentIndex()
        combo.setCurrentIndex(combo.findData(other))
        assert status_text(item) == starts_over
        combo.setCurrentIndex(chosen)
        assert status_text(item) == continues
    taken = control.queue.remove([item.id])
    panel.codec_combo.setCurrentIndex(panel.codec_combo.findData("ffv1"))  # while it is out
    control.queue.put_back(taken)  # as Undo does
    assert status_text(item) == starts_over


def test_a_cancelled_frame_sequences_row_starts_over_once_it_is_read_otherwise(
    make_control, tiny_model, tmp_path: Path
):
    """The engine keys a sequence's work by the rate it is read at: read at another, Restore
    does not continue it; at the same, chosen or its own (24 for PNG frames, which state
    none), or its gaps let through, which change no sequence restored, it does."""
    control = make_control()
    panel = control.panel
    scan = tmp_path / "scan"
    for number in range(1, 7):
        write_photo(scan / f"frame_{number:04d}.png", seed=number)
    (item,) = control.queue.add_paths([scan])
    settings = replace(panel.restore_settings(), output_folder=panel.output_folder())
    video = probe_sequence(frame_sequence(scan), panel.sequence_options().rate)
    control.queue.update(item.id, video=video)
    control.queue.update(  # as the runner leaves a film cancelled at frame 3
        item.id, film_work=settings.film_work(item), frames_done=3
    )
    control.queue.update(item.id, status=ItemStatus.CANCELLED)
    continues = "Cancelled at frame 3 / 6; Restore continues from there"
    starts_over = "Cancelled at frame 3 / 6; the settings changed, so Restore starts over"
    assert status_text(item) == continues
    panel.rate_combo.setCurrentText("25")
    assert status_text(item) == starts_over
    panel.rate_combo.setCurrentText("24")
    assert status_text(item) == continues
    panel.gaps_check.setChecked(True)
    assert status_text(item) == continues


def test_the_bars_show_a_film_as_a_film(make_control, tmp_path: Path):
    control = make_control()
    film = tmp_path / "film.mp4"
    film.write_bytes(b"")
    (item,) = control.queue.add_paths([film])
    control.runner.running_changed.emit(True)
    assert control.bars.item_bar.isVisibleTo(control.window)
    progress = RunProgress(0.5, None, 0.25, None, 0, 2)
    control.runner.current_item = item.id
    control.runner.progress_changed.emit(progress)
    assert control.bars.item_bar.format().startswith("Film:")
    control.runner.current_item = None
    control.runner.progress_changed.emit(progress)
    assert control.bars.item_bar.format().startswith("Photo:")


@pytest.mark.parametrize(
    ("names", "summary", "text"),
    [
        (["a.png"], RunSummary(restored=Tally(photos=1)), "Restored 1 photo."),
        (["a.png", "b.png"], RunSummary(restored=Tally(photos=2)), "Restored 2 photos."),
        (["film.mp4"], RunSummary(restored=Tally(films=1)), "Restored 1 film."),
        (
            ["a.mp4", "b.mp4"],
            RunSummary(restored=Tally(films=1), failed=Tally(films=1)),
            "Restored 1 film. Could not restore 1 film.",
        ),
        (
            ["a.png", "film.mp4"],
            RunSummary(restored=Tally(photos=1), cancelled=Tally(films=1)),
            "Restored 1 photo. Cancelled before restoring 1 film.",
        ),
        (
            ["a.png", "b.png", "film.mp4"],
            RunSummary(restored=Tally(photos=2), failed=Tally(films=1)),
            "Restored 2 photos. Could not restore 1 film.",
        ),
        (
            ["a.png", "b.png", "film.mp4"],
            RunSummary(restored=Tally(photos=2, films=1)),
            "Restored 2 photos and 1 film.",
        ),
        (
            ["a.png", "b.mp4", "c.mp4"],
            RunSummary(failed=Tally(photos=1, films=2)),
            "Could not restore 1 photo and 2 films.",
        ),
        (["a.png"], RunSummary(), "Nothing was restored."),
    ],
)
def test_a_runs_end_words_each_count_by_the_kinds_it_counts(
    make_control,
    qtbot,
    tiny_model,
    tmp_path: Path,
    names: list[str],
    summary: RunSummary,
    text: str,
):
    """Each sentence names the kinds its own count holds, whatever else the run had: two
    photos restored and a film failed are not "2 photos and films"."""
    control = make_control()
    ids = control.add(tmp_path, *[name for name in names if name.endswith(".png")])
    for name in names:
        if name.endswith(".mp4"):
            (film,) = control.queue.add_paths([make_clip(tmp_path / name, frames=2)])
            control.queue.update(film.id, video=probe(film.source))
            control.read(film.id)
            ids.append(film.id)
    control.control.restore_all()
    qtbot.waitUntil(lambda: not control.control.waiting)  # its films' results made before
    assert [sorted(run) for run in control.started()] == [sorted(ids)]
    control.runner.run_finished.emit(summary)
    assert control.said[-1] == text
