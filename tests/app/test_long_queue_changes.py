"""A change of a few rows of a long queue costs what it costs in a short one: the list knows
whether every row's height is kept without going over the rows, and whether Save All is
offered is judged over the rows changed since it was last judged, once for each folder
of photos saved alike (counted here, not timed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from test_queue_batched_layout import folder, shown_list, wait_until_laid_out
from test_queue_height_change import assert_rows_as_tall_as_their_texts
from test_save_all_judged_per_folder import saved_photos

import app.queue_view
import app.save_controller
from app.item_status import ItemStatus
from app.photo_queue import QueueItem, QueueModel
from app.queue_view import QueueView

SHORT, LONG = 20, 400
"""Two queue lengths: what is counted for the long queue must be what it is for the short."""
WHY = "the disk is full: free some space on the output folder's drive, then try again"


@pytest.fixture
def rows_visited(monkeypatch) -> dict[str, int]:
    """The rows the list looks up in its queue from now on (``QueueModel.item_at``), and
    those among them it looks up to measure a row or find its kept height
    (``app.queue_view._item``)."""
    counts = {"visited": 0, "measuring": 0}
    real_item_at, real_item = QueueModel.item_at, app.queue_view._item

    def item_at(queue: QueueModel, row: int) -> QueueItem | None:
        counts["visited"] += 1
        return real_item_at(queue, row)

    def item(index):
        counts["measuring"] += 1
        return real_item(index)

    monkeypatch.setattr(QueueModel, "item_at", item_at)
    monkeypatch.setattr(app.queue_view, "_item", item)
    return counts


def laid_out_list(qtbot, count: int) -> tuple[QueueView, QueueModel, list[QueueItem]]:
    """A list of ``count`` photos laid out, again once its scroll bar showed."""
    view, queue = shown_list(qtbot)
    items = folder(count, ItemStatus.READY, width=40, height=30)
    queue.add_items(items)
    wait_until_laid_out(qtbot, view, queue)
    QApplication.processEvents()
    wait_until_laid_out(qtbot, view, queue)
    return view, queue, items


def test_a_row_changing_height_visits_no_other_row_but_to_ask_its_kept_height(qtbot, rows_visited):
    """Qt asks each row's size as it lays the list out (one look-up of the kept height each);
    knowing beforehand that every height is kept takes no look at the rows."""
    beyond_measuring = []
    for count in (SHORT, LONG):
        view, queue, items = laid_out_list(qtbot, count)
        rows_visited.update(visited=0, measuring=0)
        queue.update(items[count // 2].id, status=ItemStatus.FAILED, message=WHY)
        assert view.visualRect(queue.index(count - 1)).isValid()  # laid out in a single pass
        beyond_measuring.append(rows_visited["visited"] - rows_visited["measuring"])
    assert beyond_measuring[0] == beyond_measuring[1]


def test_rows_taken_out_and_put_back_leave_every_height_known(qtbot):
    """The heights kept are counted, not looked up: rows leaving and coming back keep the
    count right, and a height change then lays the whole list out at once."""
    view, queue, items = laid_out_list(qtbot, LONG)
    taken = queue.remove([item.id for item in items[10:30]])
    wait_until_laid_out(qtbot, view, queue)
    queue.put_back(taken)
    wait_until_laid_out(qtbot, view, queue)
    queue.update(items[5].id, status=ItemStatus.FAILED, message=WHY)
    assert view.visualRect(queue.index(LONG - 1)).isValid()


def test_rows_measured_before_the_scroll_bar_showed_are_measured_again(qtbot):
    """The scroll bar shows once the first rows are laid out, narrowing the rows: those
    statuses wrap anew."""
    view, queue = shown_list(qtbot)
    count = 150
    items = [
        QueueItem(Path(f"/long/{n}.png"), status=ItemStatus.FAILED, message=WHY[: 20 + n % 60])
        for n in range(count)
    ]
    queue.add_items(items)
    wait_until_laid_out(qtbot, view, queue)
    QApplication.processEvents()
    wait_until_laid_out(qtbot, view, queue)
    assert view.verticalScrollBar().isVisible()
    assert_rows_as_tall_as_their_texts(view, queue, range(1, count))


def test_rows_are_measured_again_at_a_new_width(qtbot):
    view, queue, items = laid_out_list(qtbot, SHORT)
    queue.update_each([item.id for item in items], status=ItemStatus.FAILED, message=WHY)
    wide = view.visualRect(queue.index(0)).height()
    view.resize(view.width() - 120, view.height())
    wait_until_laid_out(qtbot, view, queue)
    qtbot.waitUntil(lambda: view.visualRect(queue.index(0)).height() > wide)
    queue.update(items[0].id, message=WHY + " soon")  # known at the new width: at once
    assert view.visualRect(queue.index(SHORT - 1)).isValid()


@pytest.fixture
def claims_made(monkeypatch) -> list[QueueItem]:
    """The photos whose result files are gone through from now on (to judge Save All)."""
    claimed: list[QueueItem] = []
    real = app.save_controller.result_files

    def counting(item: QueueItem) -> list[Path]:
        claimed.append(item)
        return real(item)

    monkeypatch.setattr(app.save_controller, "result_files", counting)
    return claimed


def test_save_all_is_judged_over_the_rows_changed_since(
    make_window, tmp_path: Path, app_settings, claims_made
):
    """Each judgement looks again at the rows changed since the one before: the photo
    restored alone, in a long queue of saved photos as in a short one."""
    window = make_window()
    output = Path(app_settings.output_dir)
    for count in (SHORT, LONG):
        photos = tmp_path / f"photos{count}"
        photos.mkdir()
        items = saved_photos(photos, output, count)
        window.queue.add_items(items)
        assert not window.saving.has_left_to_save()  # every photo claimed once
        restored = QueueItem(photos / "new.png", status=ItemStatus.READY, added_with=photos)
        window.queue.add_items([restored])
        claims_made.clear()
        assert not window.saving.has_left_to_save()
        window.queue.update(restored.id, status=ItemStatus.RESTORED)
        assert window.saving.has_left_to_save()  # restored, not saved
        assert claims_made == [restored]
        window.queue.remove([item.id for item in window.queue.items()])


def test_save_all_is_offered_while_a_photo_is_left_to_save(make_window, tmp_path, app_settings):
    window = make_window()
    photos = tmp_path / "photos"
    photos.mkdir()
    items = saved_photos(photos, Path(app_settings.output_dir), LONG)
    window.queue.add_items(items)
    assert not window.saving.has_left_to_save()

    unsaved = items[7]
    window.queue.update(unsaved.id, saved_to=None)
    assert window.saving.has_left_to_save()
    taken = window.queue.remove([unsaved.id])
    assert not window.saving.has_left_to_save()
    window.queue.put_back(taken)
    assert window.saving.has_left_to_save()
    assert list(window.saving.left_to_save()) == [unsaved]

    window.queue.add_results([(unsaved, items[6].saved_to.with_name("p7.png"))])
    assert not window.saving.has_left_to_save()
    window.queue.update(items[3].id, status=ItemStatus.QUEUED)  # to be restored again
    assert not window.saving.has_left_to_save()
