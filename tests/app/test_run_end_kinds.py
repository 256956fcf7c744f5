"""A run's end counts its photos and films apart: the runner's summary keeps each outcome's
photos and films, and each sentence of the end names the kinds its own count holds, not the
run's mix ("Restored 2 photos. Could not restore 1 film.")."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import WAIT_MS, wait_for_status, wait_until_read, write_photo
from test_runner_stale_reports import Run, run  # noqa: F401 (a fixture)

from app import workers
from app.item_status import ItemStatus
from app.restore_runner import RunSummary, Tally
from engine.errors import RekindleError
from tests.video_helpers import make_clip


def test_a_cancelled_runs_summary_counts_its_photos_and_films_apart(
    run: Run,  # noqa: F811
    tmp_path: Path,
):
    """The photo under way stops, and the film waiting after it is dropped: each is counted
    as cancelled with its own kind."""
    (film,) = run.queue.add_paths([tmp_path / "film.mp4"])
    run.queue.update(film.id, status=ItemStatus.READY)
    run.runner.start([run.next, film.id], run.settings)
    run.runner.cancel()
    run.worker.cancelled.emit(run.next)
    assert run.summaries == [RunSummary(cancelled=Tally(photos=1, films=1))]


def test_photos_restored_and_a_film_failed_are_each_named_at_the_runs_end(
    make_window, qtbot, tiny_model, tmp_path: Path, monkeypatch
):
    def broken(*_args: object) -> None:
        raise RekindleError("the film's frames could not be decoded")

    monkeypatch.setattr(workers, "restore_video", broken)
    (tmp_path / "films").mkdir()
    film = make_clip(tmp_path / "films" / "film.mp4", frames=6, rate=10, audio=None)
    window = make_window()
    photos = [write_photo(tmp_path / "photos" / f"{n}.png", seed=n) for n in range(2)]
    *_, film_item = window.add_paths([*photos, film])
    wait_until_read(qtbot, window)
    window.restore_all()
    wait_for_status(qtbot, film_item, ItemStatus.FAILED)
    said = "Restored 2 photos. Could not restore 1 film."
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == said, timeout=WAIT_MS)
