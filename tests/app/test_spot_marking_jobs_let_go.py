"""Each background job of spot marking (reading the marks kept, writing them, searching for
spots) is deleted once it has ended, with its thread: switching Mark Spots on and off all day
does not pile up threads."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import WAIT_MS
from marking_helpers import hold_reads, start_marking, window_on_speckled

from app.jobs import Job

SWITCHES = 5


def test_the_jobs_of_marking_switched_on_and_off_are_deleted_once_ended(
    make_window, qtbot, tmp_path: Path, monkeypatch
):
    made = hold_reads(monkeypatch).jobs
    window, _item, _pixels = window_on_speckled(make_window, qtbot, tmp_path)
    marking = window.spot_marking
    for _ in range(SWITCHES):
        start_marking(window, qtbot)
        window.mark_spots_action.trigger()
        qtbot.waitUntil(lambda: not marking.is_active(), timeout=WAIT_MS)
    assert len(made) >= SWITCHES  # each switch on read the marks on a job

    qtbot.waitUntil(lambda: not marking.findChildren(Job), timeout=WAIT_MS)
