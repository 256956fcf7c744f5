"""Photos and films joining the queue at a person's asking: chosen in the open dialogs, picked
in File > Open Recent, or dropped on the window (model files dropped with them are imported
instead), with a line in the status bar saying what was added. A folder that holds the output
folder joins without the results in there: restoring them again would enlarge them twice."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from app.i18n import plural
from app.photo_queue import QueueItem, QueueModel, expand_paths
from app.recent import RecentPaths
from app.selection import Selection
from engine.imageio import SUPPORTED_EXTENSIONS
from engine.library.files import is_model_file
from engine.media import is_media
from engine.video import VIDEO_EXTENSIONS

DROP_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)
"""Files dragged over the window, and dropped."""


class Intake(QObject):
    """Adds to the queue for ``window``, and takes the files dropped on it."""

    message = Signal(str)  # for the status bar

    def __init__(
        self,
        window: QWidget,
        queue: QueueModel,
        selection: Selection,
        recent: RecentPaths,
        import_models: Callable[[list[str]], None],
        output_folder: Callable[[], Path],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._queue = queue
        self._selection = selection
        self._recent = recent
        self._import_models = import_models
        self._output_folder = output_folder  # where results are saved
        window.setAcceptDrops(True)
        QApplication.instance().installEventFilter(self)  # the window's fields take drops too

    def add_paths(self, paths: Iterable[str | Path], *, remember: bool = True) -> list[QueueItem]:
        """Queue files and the images and films in folders (those in the output folder left
        out: results, not photos); returns the new items. With ``remember`` the paths go first
        in File > Open Recent (prints cut from a scan do not)."""
        paths = [Path(p) for p in paths]
        results = self._output_folder()
        found, left_out = expand_paths(paths, results)
        fresh = self._queue.add_paths(found)
        if remember:
            self._recent.add(paths)
        self._selection.show_first(fresh)
        text = self._added_text(fresh)
        self.message.emit(f"{text} {self._left_out_text(left_out, results)}" if left_out else text)
        return fresh

    def open_files(self) -> None:
        suffixes = sorted(SUPPORTED_EXTENSIONS | VIDEO_EXTENSIONS)
        patterns = " ".join(f"*{ext}" for ext in suffixes)
        files, _filter = QFileDialog.getOpenFileNames(
            self._window,
            self.tr("Open photos or films"),
            "",
            self.tr("Photos and films ({patterns})").format(patterns=patterns),
        )
        if files:
            self.add_paths(files)

    def open_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self._window, self.tr("Open a folder of photos"))
        if folder:
            self.add_paths([folder])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Local files dragged over the window, any of its fields included (a file manager's
        drag also carries the files' links as text, which a line would take in as typed),
        are welcome; dropped, they are taken in."""
        kind = event.type()
        if kind not in DROP_EVENTS or not _inside(watched, self._window):
            return False
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if not paths:
            return False
        event.acceptProposedAction()
        if kind == QEvent.Type.Drop:
            self._take(paths)
        return True

    def _take(self, paths: list[str]) -> None:
        """Photos and folders join the queue; model files are imported."""
        models = [p for p in paths if is_model_file(p) and Path(p).is_file()]
        photos = [p for p in paths if p not in models]
        if models:
            self._import_models(models)
        if photos:
            self.add_paths(photos)

    def _added_text(self, fresh: list[QueueItem]) -> str:
        media = [item for item in fresh if is_media(item.source)]
        others = [item for item in fresh if not is_media(item.source)]
        if not others:
            return self._media_text(media)
        text = plural(
            len(others),
            self.tr("{name} is not a photo or film that Rekindle opens (its row says why)."),
            self.tr(
                "{count} files are not photos or films that Rekindle opens (their rows say why)."
            ),
        ).format(name=others[0].name, count=len(others))
        return f"{self._media_text(media)} {text}" if media else text

    def _left_out_text(self, left_out: list[Path], results: Path) -> str:
        """Why the files ``left_out`` of the folders given, in ``results``, were not queued."""
        text = plural(
            len(left_out),
            self.tr(
                "Left out {name} in the output folder {folder}: it is a result, not an original."
            ),
            self.tr(
                "Left out {count} files in the output folder {folder}: they are results, not "
                "originals."
            ),
        )
        return text.format(name=left_out[0].name, count=len(left_out), folder=results)

    def _media_text(self, fresh: list[QueueItem]) -> str:
        films = sum(item.is_video for item in fresh)
        photos = len(fresh) - films
        if not fresh:
            return self.tr("No new photos or films found (they may already be in the queue).")
        if films and photos:
            text = self.tr("Added to the queue. Photos: {photos}, films: {films}.")
            return text.format(photos=photos, films=films)
        if films:
            if films == 1:
                return self.tr("Added 1 film to the queue.")
            return self.tr("Added {count} films to the queue.").format(count=films)
        if photos == 1:
            return self.tr("Added 1 photo to the queue.")
        return self.tr("Added {count} photos to the queue.").format(count=photos)


def _inside(watched: QObject, window: QWidget) -> bool:
    """Whether ``watched`` is ``window`` or one of its widgets (not a dialog of its own)."""
    return isinstance(watched, QWidget) and watched.window() is window
