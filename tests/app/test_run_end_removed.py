"""The end of a run counts the photos taken out of the queue before their turn (Remove, Clear)
as removed, each once: not as restored, failed or cancelled, nor as files the run could not
open, even where Undo puts them back before the run ends."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import WAIT_MS, wait_for_status, wait_until_read, write_photo
from test_gui_mid_run import held  # noqa: F401 (a fixture)
from test_run_control import make_control  # noqa: F401 (a fixture)

from app.item_status import ItemStatus
from app.restore_runner import RunSummary, Tally
from engine.video import probe
from tests.video_helpers import make_clip


def _running(control, item_ids: list[int]) -> None:
    """The stand-in runner under way with ``item_ids``, the first restoring, the others
    waiting, as the real runner leaves them."""
    control.runner.is_running = True
    control.queue.update(item_ids[0], status=ItemStatus.RESTORING)
    control.queue.update_each(item_ids[1:], status=ItemStatus.QUEUED)


def _end(control, summary: RunSummary) -> str:
    control.runner.is_running = False
    control.runner.run_finished.emit(summary)
    return control.said[-1]


def test_photos_taken_out_while_waiting_are_counted_as_removed(
    make_control,  # noqa: F811
    tiny_model,
    tmp_path: Path,
):
    control = make_control()
    ids = control.add(tmp_path, "a.png", "b.png", "c.png", "d.jpg")
    control.queue.update(ids[3], status=ItemStatus.UNREADABLE)
    control.control.restore_all()
    _running(control, ids[:3])
    control.queue.remove([ids[1], ids[3]])
    said = _end(control, RunSummary(restored=Tally(photos=2)))
    assert said == "Restored 2 photos. Skipped 2 photos taken out of the queue."


def test_a_film_taken_out_while_waiting_is_counted_as_a_film_removed(
    make_control,  # noqa: F811
    qtbot,
    tiny_model,
    tmp_path: Path,
):
    control = make_control()
    (photo,) = control.add(tmp_path, "a.png")
    (film,) = control.queue.add_paths([make_clip(tmp_path / "film.mp4", frames=2)])
    control.queue.update(film.id, video=probe(film.source))
    control.read(film.id)
    control.control.restore_all()
    qtbot.waitUntil(lambda: not control.control.waiting)  # its film's results made before
    _running(control, [photo, film.id])
    control.queue.remove([film.id])
    said = _end(control, RunSummary(restored=Tally(photos=1)))
    assert said == "Restored 1 photo. Skipped 1 film taken out of the queue."


def test_photos_that_had_their_turn_are_not_counted_as_removed(
    make_control,  # noqa: F811
    tiny_model,
    tmp_path: Path,
):
    """A photo restored, or cancelled, is counted so when it leaves the queue afterwards."""
    control = make_control()
    ids = control.add(tmp_path, "a.png", "b.png", "c.png")
    control.control.restore_all()
    _running(control, ids)
    control.queue.update(ids[0], status=ItemStatus.RESTORED)
    control.queue.update(ids[1], status=ItemStatus.CANCELLED)
    control.queue.remove(ids[:2])
    said = _end(control, RunSummary(restored=Tally(photos=1), cancelled=Tally(photos=2)))
    assert said == "Restored 1 photo. Cancelled before restoring 2 photos."


def test_a_photo_taken_out_and_asked_for_again_counts_with_its_outcome(
    make_control,  # noqa: F811
    tiny_model,
    tmp_path: Path,
):
    control = make_control()
    first, second = control.add(tmp_path, "a.png", "b.png")
    control.control.restore_all()
    _running(control, [first, second])
    control.queue.put_back(control.queue.remove([second]))
    control.read(second)
    control.list.select_id(second)
    control.control.restore_selected()  # joins the run under way
    said = _end(control, RunSummary(restored=Tally(photos=2)))
    assert said == "Restored 2 photos."


def test_clear_and_undo_mid_run_ends_counting_the_photos_removed(
    make_window,
    qtbot,
    tiny_model,
    tmp_path: Path,
    held,  # noqa: F811
):
    """The photos cleared while the first is restored are dropped from the run; put back
    by Undo, they are not restored, and the end says so."""
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    window = make_window()
    photos = [write_photo(tmp_path / f"{n}.png") for n in range(3)]
    first, *others = window.add_paths([*photos, broken])
    wait_until_read(qtbot, window)
    window.restore_all()
    qtbot.waitUntil(held.entered.is_set, timeout=WAIT_MS)
    window.clear_queue()
    window.undo()
    assert [item.status for item in others] == [ItemStatus.READY] * 2 + [ItemStatus.UNREADABLE]
    held.release.set()
    wait_for_status(qtbot, first, ItemStatus.RESTORED)
    said = "Restored 1 photo. Skipped 3 photos taken out of the queue."
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == said, timeout=WAIT_MS)
