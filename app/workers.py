"""Thin workers, each on its own thread: restoring, reading images, saving results.

A worker is a QObject moved to a QThread. The UI calls its slots through queued signals and
hears back through its signals. Workers call the engine and pass its progress, results and
errors on as they are; no Qt object goes into the engine.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QImage

from app.catalog import ModelRequest
from app.images import picture_to_qimage, thumbnail
from engine.batch import output_name
from engine.devices import pick_device
from engine.errors import Cancelled, RekindleError
from engine.imageio import Picture, read_picture, unique_path, write_picture
from engine.models import LoadedModel
from engine.progress import CancelToken, Progress
from engine.restorer import RestoreOptions, Restorer

log = logging.getLogger(__name__)


translate = QCoreApplication.translate
"""Strings below are found by pyside6-lupdate under the context "Workers"."""


def _too_large() -> str:
    return translate("Workers", "the photo is too large for the memory available")


def _unexpected(error: BaseException) -> str:
    return translate("Workers", "unexpected error ({error}); details are in the log file").format(
        error=error
    )


class WorkerThread:
    """A QThread that runs one worker's slots, one call at a time."""

    def __init__(self, worker: QObject, name: str) -> None:
        self.worker = worker
        self.thread = QThread()
        self.thread.setObjectName(name)
        worker.moveToThread(self.thread)
        self.thread.start()

    def stop(self) -> None:
        """Finish the call under way (callers cancel long work first), then stop the thread."""
        self.thread.quit()
        self.thread.wait()


# -- restoring ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RestoreJob:
    item_id: int
    source: Path
    model: ModelRequest
    device: str  # "auto", "cpu", "cuda" or "mps"
    options: RestoreOptions
    token: CancelToken


@dataclass(frozen=True)
class RestoreResult:
    item_id: int
    picture: Picture  # the restored picture, to save
    image: QImage  # the restored picture as shown
    original: QImage  # the source as shown
    model_name: str
    seconds: float


class RestoreWorker(QObject):
    """Loads models (keeping the last one) and restores one photo per ``restore`` call."""

    loading_model = Signal(int)  # item id
    started = Signal(int)  # the model is ready; the photo is being read and restored
    progress = Signal(int, float)  # item id, fraction done
    finished = Signal(object)  # RestoreResult
    failed = Signal(int, str)  # item id, what went wrong with this photo
    model_failed = Signal(int, str)  # item id, why the model could not be loaded
    cancelled = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self._model_key: tuple[ModelRequest, str] | None = None
        self._model_stamp: tuple[int, int] | None = None
        self._model: LoadedModel | None = None
        self._restorer: Restorer | None = None
        self._restorer_tile: int | None = None
        self._busy = threading.Event()

    @property
    def busy(self) -> bool:
        """Whether a ``restore`` call is running (readable from any thread)."""
        return self._busy.is_set()

    @Slot(object)
    def restore(self, job: RestoreJob) -> None:
        self._busy.set()
        try:
            self._restore(job)
        finally:
            self._busy.clear()

    def _restore(self, job: RestoreJob) -> None:
        item_id = job.item_id
        if job.token.cancelled:
            self.cancelled.emit(item_id)
            return
        try:
            restorer = self._restorer_for(job)
        except RekindleError as error:
            self.model_failed.emit(item_id, str(error))
            return
        except MemoryError:
            self.model_failed.emit(
                item_id, translate("Workers", "not enough memory to load the model")
            )
            return
        except Exception as error:
            log.exception("loading %s failed", job.model)
            self.model_failed.emit(item_id, _unexpected(error))
            return
        self.started.emit(item_id)
        clock = time.perf_counter()
        progress = Progress(
            lambda fraction, _note: self.progress.emit(item_id, fraction), job.token
        )
        try:
            progress.check()
            picture = read_picture(job.source)
            restored = restorer.restore(picture, job.options, progress)
            result = RestoreResult(
                item_id,
                restored,
                picture_to_qimage(restored),
                picture_to_qimage(picture),
                restorer.model.info.display_name,
                time.perf_counter() - clock,
            )
        except Cancelled:
            self.cancelled.emit(item_id)
        except RekindleError as error:
            self.failed.emit(item_id, str(error))
        except MemoryError:
            self.failed.emit(item_id, _too_large())
        except Exception as error:
            log.exception("restoring %s failed", job.source)
            self.failed.emit(item_id, _unexpected(error))
        else:
            self.finished.emit(result)

    def _restorer_for(self, job: RestoreJob) -> Restorer:
        """The restorer for the job's model, device and tile, loading the model if needed.

        A model file replaced under the same name is loaded again; one removed meanwhile keeps
        serving from memory (the run it was chosen for goes on)."""
        model_key = (job.model, job.device)
        stamp = job.model.stamp()
        replaced = stamp is not None and stamp != self._model_stamp
        if self._model is None or self._model_key != model_key or replaced:
            self._model = self._restorer = None  # let the old model go before loading
            self.loading_model.emit(job.item_id)
            device = pick_device(job.device)
            self._model = job.model.load()
            self._model_key = model_key
            self._model_stamp = stamp
            self._restorer = Restorer(self._model, device, job.options.tile)
            self._restorer_tile = job.options.tile
        elif self._restorer is None or self._restorer_tile != job.options.tile:
            self._restorer = Restorer(self._model, pick_device(job.device), job.options.tile)
            self._restorer_tile = job.options.tile
        return self._restorer


# -- reading --------------------------------------------------------------------------------


class ImageLoader(QObject):
    """Reads photos for thumbnails (in order) and originals for the viewer (the latest request
    first, earlier ones dropped: only the photo on screen matters)."""

    thumbnail_ready = Signal(int, object, int, int)  # item id, QImage, width, height
    original_ready = Signal(int, object)  # item id, QImage
    failed = Signal(int, str)  # item id, why the file cannot be read

    def __init__(self) -> None:
        super().__init__()
        self._thumbnails: deque[tuple[int, Path, int]] = deque()
        self._original: tuple[int, Path] | None = None
        self._scheduled = False

    @Slot(int, object, int)
    def request_thumbnail(self, item_id: int, path: Path, side: int) -> None:
        """Queue a thumbnail at most ``side`` device pixels wide and high."""
        self._thumbnails.append((item_id, path, side))
        self._schedule()

    @Slot(int, object)
    def request_original(self, item_id: int, path: Path) -> None:
        self._original = (item_id, path)
        self._schedule()

    @Slot(object)
    def forget(self, item_ids: set[int]) -> None:
        """Drop the waiting requests of removed items."""
        self._thumbnails = deque(t for t in self._thumbnails if t[0] not in item_ids)
        if self._original is not None and self._original[0] in item_ids:
            self._original = None

    def _schedule(self) -> None:
        """Handle one request per turn of this thread's event loop, so new requests (and the
        thread's stop) are seen between files."""
        if not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(0, self._next)

    def _next(self) -> None:
        self._scheduled = False
        if self._original is not None:
            item_id, path = self._original
            self._original = None
            with self._reporting(item_id, path):
                self.original_ready.emit(item_id, picture_to_qimage(read_picture(path)))
        elif self._thumbnails:
            item_id, path, side = self._thumbnails.popleft()
            with self._reporting(item_id, path):
                picture = read_picture(path)
                small = thumbnail(picture.pixels, side)
                self.thumbnail_ready.emit(item_id, small, picture.width, picture.height)
        if self._original is not None or self._thumbnails:
            self._schedule()

    @contextmanager
    def _reporting(self, item_id: int, path: Path) -> Iterator[None]:
        """Turn a failure to read ``path`` into the ``failed`` signal."""
        try:
            yield
        except RekindleError as error:
            self.failed.emit(item_id, str(error))
        except MemoryError:
            self.failed.emit(item_id, _too_large())
        except Exception as error:
            log.exception("reading %s failed", path)
            self.failed.emit(item_id, _unexpected(error))


# -- saving ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SaveJob:
    item_id: int
    picture: Picture
    source: Path
    folder: Path
    fmt: str | None  # a key of engine.imageio.FORMAT_EXTENSIONS; None keeps the source's


class SaveWorker(QObject):
    """Writes restored pictures: never over the original, a name clash gets a suffix."""

    saved = Signal(int, object)  # item id, Path written
    failed = Signal(int, str)

    @Slot(object)
    def save(self, job: SaveJob) -> None:
        try:
            job.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            message = translate("Workers", "cannot create the folder {folder} ({reason})")
            self.failed.emit(job.item_id, message.format(folder=job.folder, reason=error.strerror))
            return
        try:
            target = unique_path(job.folder / output_name(job.source, job.fmt))
            written = write_picture(job.picture, target, forbid=[job.source])
        except RekindleError as error:
            self.failed.emit(job.item_id, str(error))
        except MemoryError:
            self.failed.emit(job.item_id, _too_large())
        except Exception as error:
            log.exception("saving %s failed", job.source)
            self.failed.emit(job.item_id, _unexpected(error))
        else:
            self.saved.emit(job.item_id, written)
