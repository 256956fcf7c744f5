"""Queue > Split Scan into Prints: a scan of several prints becomes one photo per print in
the queue, cut in the background into a folder named after the scan; the scan is left as it
is, and a scan with no prints says so. A scan whose prints are queued is not split again."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from gui_helpers import WAIT_MS, wait_until_read

from app.item_status import ItemStatus
from engine.imageio import Picture, read_picture, write_picture
from tests.scan_helpers import LID, kodak_print, scan_of


def _write_scan(path: Path, pixels: np.ndarray) -> Path:
    return write_picture(Picture(pixels, None, None, None, "png"), path)


def _split(window, qtbot, scan: Path):
    """Queue ``scan`` (of three prints), split it, and wait for its prints in the queue; the
    scan's queue item."""
    (item,) = window.add_paths([scan])
    wait_until_read(qtbot, window)
    window.queue_view.select_id(item.id)
    window.split_action.trigger()
    qtbot.waitUntil(lambda: len(window.queue.items()) == 4, timeout=WAIT_MS)
    return item


def test_a_scan_becomes_one_photo_per_print_in_the_queue(
    make_window, qtbot, tmp_path, app_settings
):
    scan = _write_scan(
        tmp_path / "scans" / "box 1.png", scan_of([kodak_print(n) for n in (3, 5, 23)])
    )
    before = scan.read_bytes()
    window = make_window()
    (item,) = window.add_paths([scan])
    wait_until_read(qtbot, window)
    window.queue_view.select_id(item.id)
    assert window.split_action.isEnabled()
    window.split_action.trigger()
    qtbot.waitUntil(lambda: len(window.queue.items()) == 4, timeout=WAIT_MS)

    folder = Path(app_settings.output_dir) / "box 1"
    parts = [i.source for i in window.queue.items()[1:]]
    assert parts == [folder / f"box 1-{n}.png" for n in (1, 2, 3)]
    assert all(0.97 * 360 <= read_picture(p).width <= 360 for p in parts)
    assert (
        "box 1.png: 3 prints cut out and added to the queue" in window.statusBar().currentMessage()
    )
    assert scan.read_bytes() == before
    assert window.queue_view.current_id() == window.queue.items()[1].id  # the first print

    window.queue_view.select_id(item.id)
    window.split_action.trigger()  # again: the prints are queued already
    qtbot.waitUntil(
        lambda: (
            "The prints of box 1.png are in the queue already."
            in window.statusBar().currentMessage()
        ),
        timeout=WAIT_MS,
    )
    assert [i.source for i in window.queue.items()[1:]] == parts
    assert sorted(folder.glob("*.png")) == parts


def test_a_scan_with_no_prints_says_so_and_adds_nothing(make_window, qtbot, tmp_path, app_settings):
    blank = _write_scan(tmp_path / "lid.png", np.full((300, 400, 3), LID, np.uint8))
    window = make_window()
    (item,) = window.add_paths([blank])
    wait_until_read(qtbot, window)
    window.queue_view.select_id(item.id)
    window.split_action.trigger()
    qtbot.waitUntil(
        lambda: "could not be split" in window.statusBar().currentMessage(), timeout=WAIT_MS
    )
    assert "lid.png could not be split: no prints were found" in window.statusBar().currentMessage()
    assert len(window.queue.items()) == 1
    assert not (Path(app_settings.output_dir) / "lid").exists()


def test_after_a_restart_a_scan_whose_prints_are_queued_is_not_split_again(
    make_window, qtbot, tmp_path, app_settings
):
    """Seen before: the new session forgot the split, wrote the prints again as "box-1 (2).png"
    and queued them twice."""
    scan = _write_scan(tmp_path / "box.png", scan_of([kodak_print(n) for n in (3, 5, 23)]))
    first = make_window()
    _split(first, qtbot, scan)
    first.close()

    second = make_window()
    assert len(second.queue.items()) == 4  # the workspace brought the scan and its prints back
    wait_until_read(qtbot, second)
    second.queue_view.select_id(second.queue.items()[0].id)
    second.split_action.trigger()
    assert "The prints of box.png are in the queue already." in second.statusBar().currentMessage()
    assert len(second.queue.items()) == 4
    assert len(list((Path(app_settings.output_dir) / "box").glob("*.png"))) == 3


def test_restore_all_restores_a_split_scans_prints_and_passes_over_the_scan(
    make_window, qtbot, tmp_path, tiny_model
):
    laid = [kodak_print(n) for n in (3, 5, 23)]
    scan = _write_scan(tmp_path / "scans" / "box.png", scan_of(laid))
    window = make_window()
    item = _split(window, qtbot, scan)
    wait_until_read(qtbot, window)

    window.restore_all()

    prints = window.queue.items()[1:]
    qtbot.waitUntil(
        lambda: all(p.status is ItemStatus.RESTORED for p in prints), timeout=WAIT_MS * 3
    )
    assert item.status is ItemStatus.READY  # its prints were restored, not the whole scan
