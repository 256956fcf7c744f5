"""Restore asked for again and again while the photos asked for are still read: every request
is kept, and the run that starts once they are read takes them all, in the order asked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_run_control import Control

from app.settings import AppSettings


@pytest.fixture
def control(qtbot, app_settings: AppSettings, tiny_model: Path) -> Iterator[Control]:
    made = Control(qtbot, app_settings)
    yield made
    made.panel.shutdown()


def ask_for(control: Control, *item_ids: int) -> None:
    """Select ``item_ids`` alone and press Restore."""
    control.list.select_id(item_ids[0])
    model = control.list.selectionModel()
    for item_id in item_ids[1:]:
        model.select(control.queue.index(control.queue.row_of(item_id)), model.SelectionFlag.Select)
    control.control.restore_selected()


def test_each_request_made_while_photos_are_read_is_restored_in_the_order_asked(
    control: Control, tmp_path: Path
):
    first, second = control.add(tmp_path, "a.png", "b.png", read=False)
    ask_for(control, first)
    ask_for(control, second)
    assert control.said == ["Restoring once a.png is read…", "Restoring once 2 photos are read…"]
    control.read(second)
    assert control.started() == []  # the first request still waits for its photo
    control.read(first)
    assert control.started() == [[first, second]]


def test_a_photo_asked_for_twice_while_read_is_restored_once(control: Control, tmp_path: Path):
    first, second = control.add(tmp_path, "a.png", "b.png", read=False)
    ask_for(control, first)
    ask_for(control, second)
    ask_for(control, first)
    control.read(first)
    control.read(second)
    assert control.started() == [[first, second]]


def test_a_photo_taken_out_after_its_request_is_left_out_of_the_run(
    control: Control, tmp_path: Path
):
    kept, gone = control.add(tmp_path, "a.png", "b.png", read=False)
    ask_for(control, kept)
    ask_for(control, gone)
    control.queue.remove([gone])
    control.read(kept)
    assert control.started() == [[kept]]


def test_taking_out_the_last_photo_being_read_starts_the_others(control: Control, tmp_path: Path):
    kept, gone = control.add(tmp_path, "a.png", "b.png", read=False)
    ask_for(control, kept, gone)
    control.read(kept)
    control.queue.remove([gone])
    assert control.started() == [[kept]]


def test_cancel_drops_the_run_waiting_for_its_photos_to_be_read(control: Control, tmp_path: Path):
    (first,) = control.add(tmp_path, "a.png", read=False)
    ask_for(control, first)
    assert control.control.waiting
    control.control.cancel()
    assert not control.control.waiting and control.said[-1] == "Restoring cancelled."
    control.read(first)
    assert control.started() == []
