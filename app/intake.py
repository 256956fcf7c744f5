"""Photos and films joining the queue at a person's asking: chosen in the open dialogs, picked
in File > Open Recent, or dropped on the window, with a line in the status bar saying what was
added. A folder that holds the output folder joins without the results in there: restoring them
again would enlarge them twice.

Model files dropped are imported instead, as Models > Import does it: alone, or those in a
dropped folder that holds no photos or films (a folder of downloads). ONNX and NCNN models,
which other upscalers use, are told apart with why and never join the queue."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from app.i18n import engine_words, plural
from app.photo_queue import QueueItem, QueueModel, expand_paths
from app.recent import RecentPaths
from app.selection import Selection
from engine.imageio import SUPPORTED_EXTENSIONS
from engine.library.files import is_model_file, model_files
from engine.media import Unreadable, is_media, media_in
from engine.video import VIDEO_EXTENSIONS

DROP_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)
"""Files dragged over the window, and dropped."""
OTHER_RUNTIMES = (".onnx", ".param", ".bin")
"""Model files of other upscalers' runtimes (ONNX; NCNN's .param and .bin pair), which
Rekindle cannot load."""


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
        fresh, text = self._queue_paths([Path(p) for p in paths], remember)
        self.message.emit(text)
        return fresh

    def _queue_paths(self, paths: list[Path], remember: bool) -> tuple[list[QueueItem], str]:
        """``add_paths``, its line for the status bar returned rather than said."""
        results = self._output_folder()
        unreadable: Unreadable = []
        found, left_out = expand_paths(paths, results, unreadable)
        fresh = self._queue.add_paths(found)
        if remember:
            self._recent.add(paths)
        self._selection.show_first(fresh)
        texts = [self._added_text(fresh)]
        if left_out:
            texts.append(self._left_out_text(left_out, results))
        if unreadable:
            reasons = "; ".join(engine_words(sentence) for _folder, sentence in unreadable)
            texts.append(self.tr("Not read: {reasons}.").format(reasons=reasons))
        return fresh, " ".join(texts)

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
        """Model files are imported, ONNX and NCNN ones told apart; the rest joins the queue."""
        drop = Drop.of([Path(p) for p in paths])
        if drop.models:
            self._import_models([str(p) for p in drop.models])
        said = []
        if drop.queued:
            _fresh, text = self._queue_paths(drop.queued, remember=True)
            said.append(text)
        if drop.other_runtimes:
            said.append(
                self.tr(
                    "ONNX and NCNN models cannot be used; use the model's .pth or .safetensors "
                    "file."
                )
            )
        if said:
            self.message.emit(" ".join(said))

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


@dataclass
class Drop:
    """What was dropped, sorted: model files to import, models of other runtimes to refuse,
    and the rest for the queue (photos, films, folders of them, files it says it cannot open)."""

    models: list[Path] = field(default_factory=list)
    other_runtimes: list[Path] = field(default_factory=list)
    queued: list[Path] = field(default_factory=list)

    @classmethod
    def of(cls, paths: list[Path]) -> Drop:
        drop = cls()
        for path in paths:
            if path.is_dir():
                drop._add_folder(path)
            elif is_model_file(path) and path.is_file():
                drop.models.append(path)
            elif _other_runtime(path) and path.is_file():
                drop.other_runtimes.append(path)
            else:
                drop.queued.append(path)
        return drop

    def _add_folder(self, folder: Path) -> None:
        """A folder of models (it holds model files and no photos or films) gives its models;
        any other folder is queued (one that cannot be listed, too: the queue says so)."""
        try:
            models = model_files(folder)
            others = [p for p in sorted(folder.iterdir()) if _other_runtime(p) and p.is_file()]
        except OSError:
            models, others = [], []
        if (models or others) and not media_in(folder):
            self.models.extend(models)
            self.other_runtimes.extend(others)
        else:
            self.queued.append(folder)


def _other_runtime(path: Path) -> bool:
    """Whether ``path`` is named as a model of another runtime (hidden files are not)."""
    return path.suffix.lower() in OTHER_RUNTIMES and not path.name.startswith(".")


def _inside(watched: QObject, window: QWidget) -> bool:
    """Whether ``watched`` is ``window`` or one of its widgets (not a dialog of its own)."""
    return isinstance(watched, QWidget) and watched.window() is window
