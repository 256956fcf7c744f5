"""A photo replaced by one of another size since spots were marked on it is restored without
them (they do not fit it), and its row says so rather than leave the person to find the
spots still there; marks that fit are filled, and the row says nothing of them."""

from __future__ import annotations

from gui_helpers import overwrite_photo, wait_for_status
from marking_helpers import SPECK, mark_and_keep, window_on_speckled

from app.item_status import ItemStatus
from app.photo_queue import status_text
from app.spot_marks import stored_fingerprint

NOTE = "spots marked before were not used: the photo's size changed"


def _restored(window, qtbot, item) -> str:
    """Restore the queue; the photo's row as it then reads."""
    window.restore_all()
    wait_for_status(qtbot, item, ItemStatus.RESTORED, ItemStatus.FAILED)
    assert item.status is ItemStatus.RESTORED, item.message
    return status_text(item)


def test_a_photo_resized_since_it_was_marked_says_its_marks_were_not_used(
    make_window, qtbot, tiny_model, tmp_path
):
    window, item, _ = window_on_speckled(make_window, qtbot, tmp_path)
    mark_and_keep(window, qtbot, item, SPECK, brush=3)
    overwrite_photo(item.source, 60, 40)  # 80x60 before

    assert _restored(window, qtbot, item).endswith(f" · {NOTE}")
    assert item.recipe.spots == ""  # it filled none


def test_a_photo_restored_with_its_marks_says_nothing_of_them(
    make_window, qtbot, tiny_model, tmp_path
):
    window, item, _ = window_on_speckled(make_window, qtbot, tmp_path)
    mark_and_keep(window, qtbot, item, SPECK, brush=3)

    assert NOTE not in _restored(window, qtbot, item)
    assert item.recipe.spots == stored_fingerprint(item.source)  # it filled them
