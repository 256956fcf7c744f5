"""Importing model files and reading community models' details, on a thread of their own.

Both load a model (to check it, or to learn its architecture and scale), which takes seconds
for big networks, so neither may run on the UI thread. ``ModelLibrary`` is what the window and
the models dialog talk to: it batches imports (one report per drop or per file dialog), reads
each pending model once, removes user models, and says when the list of models changed.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from app.i18n import engine_words
from app.workers import WorkerThread
from engine.errors import ModelFileError, plain_reason, sentence_for
from engine.library.descriptor import ModelDescriptor
from engine.library.entry import CatalogEntry
from engine.library.store import (
    AlreadyImported,
    import_model,
    read_details,
    remember_failure,
    remove_model,
)

log = logging.getLogger(__name__)

translate = QCoreApplication.translate
"""Strings below are found by pyside6-lupdate under the context "ModelImport"."""


@dataclass
class ImportReport:
    """How one batch of imports went: the models now installed, the files that were among the
    user's models already, and the files refused."""

    imported: list[ModelDescriptor] = field(default_factory=list)
    already: list[tuple[Path, Path]] = field(default_factory=list)  # file, the model's file
    refused: list[tuple[Path, str]] = field(default_factory=list)  # file, why


def _too_large(path: Path) -> str:
    return translate("ModelImport", "{name}: not enough memory to load it").format(name=path.name)


class ModelWorker(QObject):
    """Runs imports and details reads on the library's thread, one file per call, so that
    closing the window waits for one file at most (the calls still queued are dropped)."""

    imported = Signal(int, object)  # batch, ModelDescriptor
    already = Signal(int, object, object)  # batch, source Path, the model's Path
    refused = Signal(int, object, str)  # batch, source Path, why
    details_read = Signal(object)  # Path

    @Slot(int, object)
    def import_file(self, batch: int, path: Path) -> None:
        try:
            self.imported.emit(batch, import_model(path))
        except AlreadyImported as already:
            self.already.emit(batch, path, already.model)
        except Exception as error:

            def cannot_copy(error: OSError) -> str:
                reason = translate("ModelImport", "{name}: cannot be copied ({reason})")
                return reason.format(name=path.name, reason=engine_words(plain_reason(error)))

            def unexpected(error: BaseException) -> str:
                reason = translate(
                    "ModelImport", "{name}: unexpected error ({error}); details are in the log file"
                )
                return reason.format(name=path.name, error=error)

            sentence = sentence_for(
                error,
                out_of_memory=_too_large(path),
                os_error=cannot_copy,
                unexpected=unexpected,
                about=f"importing {path}",
            )
            self.refused.emit(batch, path, engine_words(sentence))

    @Slot(object)
    def read_details(self, entry: CatalogEntry) -> None:
        path = entry.path
        try:
            read_details(path, entry.origin)
        except Exception as error:

            def cannot_read(error: OSError) -> str:
                log.warning("cannot read the details of %s: %s", path, error)
                return f"{path.name}: {engine_words(plain_reason(error))}"

            sentence = sentence_for(
                error,
                out_of_memory=_too_large(path),
                os_error=cannot_read,
                unexpected=lambda error: f"{path.name}: {error}",
                about=f"reading the details of {path}",
            )
            remember_failure(path, entry.origin, sentence)
        self.details_read.emit(path)


class ModelLibrary(QObject):
    """The user's model collection as the UI sees it; ``changed`` means: list models again."""

    changed = Signal()
    import_finished = Signal(object)  # ImportReport
    _import = Signal(int, object)
    _read = Signal(object)  # CatalogEntry

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker = ModelWorker()
        self._thread = WorkerThread(self._worker, "rekindle-models")
        self._import.connect(self._worker.import_file)
        self._read.connect(self._worker.read_details)
        self._worker.imported.connect(self._on_imported)
        self._worker.already.connect(self._on_already)
        self._worker.refused.connect(self._on_refused)
        self._worker.details_read.connect(self._on_details_read)
        self._batches: dict[int, ImportReport] = {}
        self._waiting: dict[int, int] = {}  # batch -> files not answered yet
        self._numbers = itertools.count(1)
        self._reading: set[Path] = set()

    @property
    def importing(self) -> bool:
        return bool(self._batches)

    def import_files(self, paths: Iterable[str | Path]) -> None:
        """Check and copy these files into the user's models folder, in the background."""
        files = [Path(p) for p in paths]
        if files:
            batch = next(self._numbers)
            self._batches[batch] = ImportReport()
            self._waiting[batch] = len(files)
            for file in files:
                self._import.emit(batch, file)

    def read_details(self, entries: Iterable[CatalogEntry]) -> None:
        """Learn the architecture and scale of the pending entries (each asked for once)."""
        wanted = [e for e in entries if e.pending and e.path not in self._reading]
        self._reading.update(e.path for e in wanted)
        for entry in wanted:
            self._read.emit(entry)

    def remove(self, entry: CatalogEntry) -> None:
        """Delete a user model file; raises ``ModelFileError`` (or ``OSError``) if it cannot."""
        if not entry.origin.is_users:
            text = self.tr("{name}: built-in models cannot be removed")
            raise ModelFileError(text.format(name=entry.path.name))
        remove_model(entry.path)
        self.changed.emit()

    def shutdown(self) -> None:
        """Finish the file under way, then stop the thread."""
        self._thread.stop()

    def _on_imported(self, batch: int, model: ModelDescriptor) -> None:
        self._batches[batch].imported.append(model)
        self.changed.emit()  # list it at once, even while the rest of the batch is checked
        self._answered(batch)

    def _on_already(self, batch: int, path: Path, model: Path) -> None:
        self._batches[batch].already.append((path, model))
        self._answered(batch)

    def _on_refused(self, batch: int, path: Path, reason: str) -> None:
        self._batches[batch].refused.append((path, reason))
        self._answered(batch)

    def _answered(self, batch: int) -> None:
        self._waiting[batch] -= 1
        if not self._waiting[batch]:
            del self._waiting[batch]
            self.import_finished.emit(self._batches.pop(batch))

    def _on_details_read(self, path: Path) -> None:
        self._reading.discard(path)
        self.changed.emit()
