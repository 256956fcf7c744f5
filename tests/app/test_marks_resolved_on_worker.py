"""The marks a restoration fills, and those marking starts from, are looked up off the
window's thread, where the photo may be hashed: a photo of the same size whose bytes changed
gets none of the marks of the picture it replaced, even while the window, which never hashes
a photo, still takes it for that picture (its bytes being hashed on another thread). The
hashes are kept for the photos asked about last, however many are asked about."""

from __future__ import annotations

import inspect
import os
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from gui_helpers import wait_for_status, wait_until_read, write_photo
from marking_helpers import SPECK, WAIT_MS, mark_and_keep, speckled, start_marking
from PySide6.QtCore import QThreadPool

import app.spot_marks
from app.item_status import ItemStatus
from app.spot_marks import has_marks, marks_file, record_photo, stored_fingerprint, stored_marks
from engine.imageio import Picture, write_picture
from engine.restorer import Restorer
from engine.retouch.marks import write_marks


def _window_on_bitmap(make_window, qtbot, folder: Path):
    """A window showing ``speckled``'s photo as a bitmap (its file's size in bytes depends
    on its pixels' size alone), read: the window, its item, the photo's pixels."""
    path, pixels = speckled(folder / "print.bmp")
    window = make_window()
    [item] = window.add_paths([path])
    wait_until_read(qtbot, window)
    qtbot.waitUntil(window.viewer.has_images, timeout=WAIT_MS)
    return window, item, pixels


def _a_second_later(path: Path, stamp: os.stat_result) -> None:
    """The file's modification time a second after that of ``stamp``."""
    later = stamp.st_mtime_ns + 1_000_000_000
    os.utime(path, ns=(later, later))


def _touched(path: Path) -> None:
    """The file's modification time a second later, its bytes as they were."""
    _a_second_later(path, path.stat())


def _replaced_by_its_negative(path: Path, pixels: np.ndarray) -> None:
    """Another picture written over the bitmap at ``path`` (of ``pixels``): the same size in
    bytes, other bytes, its modification time a second later."""
    stamp = path.stat()
    write_picture(Picture(255 - pixels, None, None, None, "bmp"), path)
    _a_second_later(path, stamp)
    assert path.stat().st_size == stamp.st_size


@contextmanager
def _window_hashing_pending(monkeypatch) -> Iterator[None]:
    """The pool the window hands its hashing of photos to kept busy until the block ends, so
    that the hashing it asks for meanwhile is pending; the window's thread hashing a photo
    fails the test."""
    real = app.spot_marks.source_digest

    def hashing(source):
        assert threading.current_thread() is not threading.main_thread(), "the window hashed"
        return real(source)

    monkeypatch.setattr(app.spot_marks, "source_digest", hashing)
    pool, release = QThreadPool.globalInstance(), threading.Event()
    most = pool.maxThreadCount()
    pool.setMaxThreadCount(1)
    pool.start(lambda: release.wait(WAIT_MS / 1000))
    try:
        yield
    finally:
        release.set()
        pool.waitForDone()
        pool.setMaxThreadCount(most)


def _marks_given(monkeypatch) -> list[np.ndarray | None]:
    """The marks each restoration of a photo is given to fill, from now on."""
    given: list[np.ndarray | None] = []
    real = Restorer.restore

    def restoring(*args, **kwargs):
        given.append(inspect.signature(real).bind(*args, **kwargs).arguments.get("marks"))
        return real(*args, **kwargs)

    monkeypatch.setattr(Restorer, "restore", restoring)
    return given


def test_a_photo_whose_bytes_changed_is_restored_without_the_old_marks_while_it_is_hashed(
    make_window, qtbot, tiny_model, tmp_path, monkeypatch
):
    window, item, pixels = _window_on_bitmap(make_window, qtbot, tmp_path)
    mark_and_keep(window, qtbot, item, SPECK, brush=3)
    old = stored_fingerprint(item.source)
    given = _marks_given(monkeypatch)
    with _window_hashing_pending(monkeypatch):
        _replaced_by_its_negative(item.source, pixels)
        assert has_marks(item.source)  # the window: taken for the picture marked meanwhile
        window.restore_all()
        wait_for_status(qtbot, item, ItemStatus.RESTORED, ItemStatus.FAILED)
    assert item.status is ItemStatus.RESTORED, item.message
    assert [marks is None for marks in given] == [True]
    assert item.recipe.spots != old  # its result does not say it was made with them


def test_a_touched_photo_restored_while_it_is_hashed_gets_its_marks(
    make_window, qtbot, tiny_model, tmp_path, monkeypatch
):
    window, item, _ = _window_on_bitmap(make_window, qtbot, tmp_path)
    marked = mark_and_keep(window, qtbot, item, SPECK, brush=3)
    kept = stored_fingerprint(item.source)
    given = _marks_given(monkeypatch)
    with _window_hashing_pending(monkeypatch):
        _touched(item.source)
        window.restore_all()
        wait_for_status(qtbot, item, ItemStatus.RESTORED, ItemStatus.FAILED)
    assert item.status is ItemStatus.RESTORED, item.message
    assert len(given) == 1 and np.array_equal(given[0] > 0, marked > 0)
    assert item.recipe.spots == kept


def test_marking_a_photo_whose_bytes_changed_starts_afresh_while_it_is_hashed(
    make_window, qtbot, tmp_path, monkeypatch
):
    window, item, pixels = _window_on_bitmap(make_window, qtbot, tmp_path)
    mark_and_keep(window, qtbot, item, SPECK, brush=3)
    with _window_hashing_pending(monkeypatch):
        _replaced_by_its_negative(item.source, pixels)
        marking = start_marking(window, qtbot)
    assert not marking._marks.mask.any()


def _hashed_photos(monkeypatch) -> list[Path]:
    """The photos whose bytes are hashed for their marks from now on, as they are."""
    hashed: list[Path] = []
    real = app.spot_marks.source_digest
    monkeypatch.setattr(app.spot_marks, "source_digest", lambda p: hashed.append(p) or real(p))
    return hashed


def _marked_and_touched(path: Path) -> Path:
    """A photo at ``path`` with marks kept, whose stamp alone changed since."""
    write_photo(path)
    write_marks(marks_file(path), np.zeros((30, 40), np.uint8))
    record_photo(path)
    _touched(path)
    return path


def test_the_hashes_of_the_photos_asked_about_last_are_kept(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(app.spot_marks, "HASHES_KEPT", 2)
    first, second, third = (_marked_and_touched(tmp_path / f"{n}.png") for n in range(3))
    hashed = _hashed_photos(monkeypatch)

    for photo in (first, second, third, third, second, first):
        assert stored_marks(photo) is not None  # the window's: hashed on the pool
        QThreadPool.globalInstance().waitForDone()
    assert hashed == [first, second, third, first]  # the first was let go for the third


def test_a_photo_whose_bytes_changed_is_hashed_once_however_often_its_marks_are_looked_up(
    qtbot, tmp_path, monkeypatch
):
    """Its row read again, each part of it previewed: a large scan is not read whole each
    time to tell again that its marks are not its own."""
    path, pixels = speckled(tmp_path / "print.bmp")
    write_marks(marks_file(path), np.zeros((60, 80), np.uint8))
    record_photo(path)
    _replaced_by_its_negative(path, pixels)
    hashed = _hashed_photos(monkeypatch)

    with ThreadPoolExecutor(1) as worker:
        assert [worker.submit(stored_marks, path).result() for _ in range(3)] == [None] * 3
    assert hashed == [path]
