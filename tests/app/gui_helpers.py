"""Helpers shared by the app's tests: synthetic photos, a tiny model, waiting for statuses."""

from __future__ import annotations

import os
import time
from pathlib import Path

import cv2
import numpy as np
import torch
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QImage
from PySide6.QtWidgets import QApplication, QWidget

from app.images import pixel_view
from app.item_status import ItemStatus
from app.main_window import MainWindow
from app.photo_queue import QueueItem, QueueModel
from app.settings_panel import SettingsPanel
from engine.library.own_format import save_model
from engine.networks import UNetGenerator

WAIT_MS = 30_000
FRAME_WAIT_MS = 10_000
BACKGROUND = QColor(20, 40, 160)
MARK = QColor(0, 255, 0)


def write_tiny_model(folder: Path, name: str = "tiny", display_name: str = "Tiny") -> Path:
    torch.manual_seed(0)
    network = UNetGenerator(scale=4, width=8, depth=2, convs=1, up_width=8)
    return save_model(network, folder / f"{name}.safetensors", display_name=display_name)


def write_photo(path: Path, width: int = 40, height: int = 30, seed: int = 0) -> Path:
    """A small synthetic photo: smooth gradients with some texture."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    rgb = np.stack(
        [255 * x / max(width - 1, 1), 255 * y / max(height - 1, 1), 128 + 60 * np.sin(x / 3)],
        axis=2,
    )
    rgb += rng.normal(0, 12, rgb.shape)
    pixels = np.clip(rgb, 0, 255).astype(np.uint8)
    path.parent.mkdir(parents=True, exist_ok=True)
    ok, data = cv2.imencode(path.suffix, pixels[..., ::-1])
    assert ok
    path.write_bytes(data.tobytes())
    return path


def overwrite_photo(path: Path, width: int, height: int) -> Path:
    """Write another photo over ``path``, as an editor saving it would, its modification time
    a second later (some file systems keep whole seconds)."""
    stamp = path.stat().st_mtime_ns
    write_photo(path, width, height, seed=1)
    later = stamp + 1_000_000_000
    os.utime(path, ns=(later, later))
    return path


def open_every_section(panel: SettingsPanel) -> None:
    """Open the settings panel's sections that open and close, so that every field shows."""
    for section in panel.sections.values():
        section.set_open(True)


def back_to_the_front() -> None:
    """The app comes back to the front (from the program a photo was edited in, say)."""
    QApplication.instance().applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)


def wait_for_status(qtbot, item: QueueItem, *statuses: ItemStatus, timeout: int = WAIT_MS) -> None:
    qtbot.waitUntil(lambda: item.status in statuses, timeout=timeout)


def wait_until_read(qtbot, window: MainWindow, timeout: int = WAIT_MS) -> None:
    """Until no photo in the queue is still being read for its thumbnail."""
    qtbot.waitUntil(
        lambda: all(i.status is not ItemStatus.READING for i in window.queue.items()),
        timeout=timeout,
    )


def item_lookups(monkeypatch) -> list[int | None]:
    """The ids ``QueueModel.item`` is asked for from now on, as they are asked."""
    looked_up: list[int | None] = []
    real = QueueModel.item

    def counting(queue: QueueModel, item_id: int | None) -> QueueItem | None:
        looked_up.append(item_id)
        return real(queue, item_id)

    monkeypatch.setattr(QueueModel, "item", counting)
    return looked_up


def searched(qtbot, window: MainWindow) -> None:
    """Until the folders added to ``window`` are searched and their photos queued."""
    qtbot.waitUntil(lambda: not window.intake.searching, timeout=WAIT_MS)


def add_searched(qtbot, window: MainWindow, paths: list[Path]) -> list[QueueItem]:
    """``window.add_paths`` with folders among ``paths``: the items queued, once searched."""
    before = {item.id for item in window.queue.items()}
    window.add_paths(paths)
    searched(qtbot, window)
    return [item for item in window.queue.items() if item.id not in before]


def restored_beside(qtbot, window: MainWindow, photos: Path) -> list[QueueItem]:
    """Add the folder ``photos`` and restore its photos, each saved as it is restored (into
    the output folder the window's settings name); its queue items."""
    items = add_searched(qtbot, window, [photos])
    wait_until_read(qtbot, window)
    window.restore_all()
    qtbot.waitUntil(lambda: all(item.saved_to is not None for item in items), timeout=WAIT_MS)
    return items


def open_film(window: MainWindow, qtbot, path: Path) -> QueueItem:
    """Queue the film ``path``, select it, and wait until its frame is on show."""
    (item,) = window.add_paths([path])
    window.queue_view.select_id(item.id)
    wait_until_read(qtbot, window)
    qtbot.waitUntil(window.viewer.has_images, timeout=FRAME_WAIT_MS)
    return item


def restore_film(window: MainWindow, qtbot, film: Path) -> QueueItem:
    """Open the film, restore it with the current settings and wait until it is written."""
    item = open_film(window, qtbot, film)
    window.restore_selected()
    wait_for_status(qtbot, item, ItemStatus.RESTORED, ItemStatus.FAILED)
    assert item.status is ItemStatus.RESTORED, item.message
    return item


def rgb_pixels(image: QImage) -> np.ndarray:
    """A copy of an image's pixels, as RGB (the converted image held while they are copied:
    a view does not keep its image alive, and a freed one's first bytes are soon reused)."""
    converted = image.convertToFormat(QImage.Format.Format_RGB888)
    return pixel_view(converted).copy()


class Stopwatch:
    def __init__(self) -> None:
        self.start = time.monotonic()

    def seconds(self) -> float:
        return time.monotonic() - self.start


def drop_paths(target: QWidget, paths: list[Path]) -> bool:
    """Drag ``paths`` from a file manager onto ``target`` and drop them; True if accepted.
    As file managers do, the drag carries the files' links as text as well."""
    mime = QMimeData()
    urls = [QUrl.fromLocalFile(str(p)) for p in paths]
    mime.setUrls(urls)
    mime.setText("\n".join(url.toString() for url in urls))
    point = QPointF(target.rect().center())
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(point.toPoint(), Qt.DropAction.CopyAction, mime, buttons, modifiers)
    QApplication.sendEvent(target, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(point, Qt.DropAction.CopyAction, mime, buttons, modifiers)
    QApplication.sendEvent(target, drop)
    return drop.isAccepted()


def shown_viewer(qtbot, size: tuple[int, int], before: QImage, after: QImage | None = None):
    """A ComparisonViewer of ``size`` on screen, showing ``before`` (and ``after``)."""
    from app.viewer import ComparisonViewer

    widget = ComparisonViewer()
    qtbot.addWidget(widget)
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_images(before, after)
    return widget


def marked_pair(scale: int = 4) -> tuple[QImage, QImage]:
    """A 24x16 "before" with a green square at x 8..15, y 4..11 on blue, and the same picture
    enlarged ``scale`` times with nearest-neighbour as the "after"."""
    before = QImage(24, 16, QImage.Format.Format_RGB888)
    before.fill(BACKGROUND)
    for y in range(4, 12):
        for x in range(8, 16):
            before.setPixelColor(x, y, MARK)
    after = before.scaled(24 * scale, 16 * scale, mode=Qt.TransformationMode.FastTransformation)
    return before, after
