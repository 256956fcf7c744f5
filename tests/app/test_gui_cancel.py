"""Cancel stops the work within a tile and leaves the worker idle."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import WAIT_MS, Stopwatch, wait_for_status, wait_until_read, write_photo

from app.item_status import ItemStatus

CANCEL_WITHIN_SECONDS = 3.0


def test_cancel_stops_the_work(make_window, qtbot, tiny_model, tmp_path: Path):
    window = make_window()
    window.settings_panel.tile_spin.setValue(16)  # hundreds of small tiles
    big, waiting = window.add_paths(
        [write_photo(tmp_path / "big.png", 512, 384), write_photo(tmp_path / "next.png")]
    )
    wait_until_read(qtbot, window)
    window.restore_all()
    qtbot.waitUntil(lambda: big.status is ItemStatus.RESTORING and big.progress > 0, timeout=30_000)

    clock = Stopwatch()
    window.cancel_action.trigger()
    wait_for_status(qtbot, big, ItemStatus.CANCELLED, timeout=10_000)
    assert clock.seconds() < CANCEL_WITHIN_SECONDS
    assert big.progress < 1.0
    assert waiting.status is ItemStatus.CANCELLED
    assert big.result is None
    qtbot.waitUntil(lambda: not window.runner.is_running, timeout=5_000)
    # The worker says "cancelled" just before it leaves its call: idle a moment later (under
    # load the GUI thread can see the signal first; a new job queues behind it anyway).
    qtbot.waitUntil(lambda: not window.runner.worker_busy, timeout=2_000)
    assert not window.cancel_action.isEnabled()
    assert window.restore_all_action.isEnabled()

    # The worker takes new work at once, with a fresh cancel token.
    window.settings_panel.tile_spin.setValue(0)
    window.queue_view.select_id(waiting.id)
    window.restore_selected()
    wait_for_status(qtbot, waiting, ItemStatus.RESTORED)


def test_a_photo_restored_again_keeps_its_result_when_that_is_cancelled_or_fails(
    make_window, qtbot, tiny_model, tmp_path: Path
):
    """Restoring again and cancelling, or a model that no longer loads, must not strand the
    result already made: it stays on show, saveable, and counted at quit."""
    window = make_window()
    first, second = window.add_paths(
        [write_photo(tmp_path / "a.png", 384, 256), write_photo(tmp_path / "b.png")]
    )
    wait_until_read(qtbot, window)
    window.restore_all()
    wait_for_status(qtbot, first, ItemStatus.RESTORED)
    wait_for_status(qtbot, second, ItemStatus.RESTORED)
    made = first.result

    window.settings_panel.tile_spin.setValue(16)  # hundreds of small tiles: time to cancel
    window.queue_view.select_id(first.id)
    window.restore_selected()
    qtbot.waitUntil(lambda: first.progress > 0, timeout=30_000)
    window.cancel_action.trigger()
    qtbot.waitUntil(lambda: not window.runner.is_running, timeout=WAIT_MS)
    assert first.status is ItemStatus.RESTORED and first.result is made
    assert window.save_action.isEnabled() and window.saving.unsaved() == [first, second]

    tiny_model.write_bytes(b"not a model any more")
    window.queue_view.selectAll()
    window.restore_selected()  # both again, with a model file that no longer loads
    qtbot.waitUntil(lambda: not window.runner.is_running, timeout=WAIT_MS)
    assert [item.status for item in (first, second)] == [ItemStatus.RESTORED] * 2
    assert window.saving.unsaved() == [first, second]


def test_restore_all_while_cancelling_takes_the_stopping_photo_too(
    make_window, qtbot, tiny_model, tmp_path: Path
):
    window = make_window()
    window.settings_panel.tile_spin.setValue(16)  # hundreds of small tiles: time to cancel
    big, other = window.add_paths(
        [write_photo(tmp_path / "big.png", 384, 256), write_photo(tmp_path / "b.png")]
    )
    wait_until_read(qtbot, window)
    window.restore_all()
    qtbot.waitUntil(lambda: big.progress > 0, timeout=30_000)
    window.cancel_action.trigger()
    assert big.status is ItemStatus.CANCELLING
    window.settings_panel.tile_spin.setValue(0)
    window.restore_all()  # before the photo has stopped
    assert [big.status, other.status] == [ItemStatus.QUEUED, ItemStatus.QUEUED]
    qtbot.waitUntil(lambda: not window.runner.is_running, timeout=30_000)
    assert [big.status, other.status] == [ItemStatus.RESTORED, ItemStatus.RESTORED]
    assert window.statusBar().currentMessage() == "Restored 2 photos."
