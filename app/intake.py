"""Photos and films joining the queue at a person's asking: chosen in the open dialogs, picked
in File > Open Recent, or dropped on the window, with a line in the status bar saying what was
added. A folder that holds the output folder joins without the results in there: restoring them
again would enlarge them twice. Folders are searched in the background (``app.folder_search``).

A folder's numbered frames of a film join as that one film (``app.folder_search``); Restore as
Photos queues such a film's frames as photos instead (``frames_as_photos``).

Model files are imported instead, as Models > Import does it: given by name however they come
(dropped, opened, handed over by another start of Rekindle, as the desktop's Open With does),
and those of a dropped folder that holds no photos or films (a folder of downloads). ONNX and
NCNN models, which other upscalers use, never join the queue: they are told apart with why, among
the import's refusals where models of Rekindle's kinds came with them.

While files are dragged over the window, its panes are outlined in the accent colour, saying
"Drop to add" (``DropHighlight``), until they are dropped or dragged away.

The open dialogs start in the folder the person last opened from (kept in the settings, so
the next start remembers it), else in the Pictures folder, else in the home folder. The
sample photo Rekindle ships with joins as any photo does, to try the app on: it is only read,
its result saved in the output folder."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QRectF, QStandardPaths, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QWidget

from app import theme
from app.folder_search import FolderSearcher, Found, Search, search
from app.i18n import engine_words, plural
from app.item_status import BUSY_STATUSES
from app.photo_queue import QueueItem, QueueModel
from app.recent import RecentPaths
from app.selection import Selection
from app.selftest import sample_path
from app.settings import AppSettings
from app.workers import WorkerThread
from engine.errors import RekindleError
from engine.imageio import SUPPORTED_EXTENSIONS
from engine.media import is_media
from engine.video import VIDEO_EXTENSIONS
from engine.video.sequence import frame_sequence

DROP_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)
"""Files dragged over the window, and dropped."""
FRAME_WIDTH = 3
TINT_ALPHA = 28
"""The accent laid over the panes while files are dragged over them: faint, so they show."""
LABEL_PADDING = 12
LABEL_RADIUS = 6


class DropHighlight(QWidget):
    """Over the panes of ``window`` while files are dragged over it: an accent frame, a faint
    tint, and "Drop to add" in the middle. It takes no mouse events: drops reach the panes."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.hide()

    def text(self) -> str:
        return self.tr("Drop to add")

    def show_over(self, area: QWidget) -> None:
        """Cover ``area``, a widget of the window (or the window itself)."""
        window = self.parentWidget()
        corner = QPoint(0, 0) if area is window else area.mapTo(window, QPoint(0, 0))
        self.setGeometry(QRect(corner, area.size()))
        self.raise_()
        self.show()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        try:
            self._paint_frame(painter)
            self._paint_label(painter)
        finally:
            painter.end()

    def _paint_frame(self, painter: QPainter) -> None:
        accent = theme.accent_color(self.palette())
        tint = QColor(accent)
        tint.setAlpha(TINT_ALPHA)
        painter.fillRect(self.rect(), tint)
        inset = FRAME_WIDTH / 2
        painter.setPen(QPen(accent, FRAME_WIDTH))
        painter.drawRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset))

    def _paint_label(self, painter: QPainter) -> None:
        """The words on a rounded patch of the highlight colour, in the middle."""
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        text = self.text()
        size = QRectF(painter.fontMetrics().boundingRect(text)).size()
        box = QRectF(0, 0, size.width() + 2 * LABEL_PADDING, size.height() + LABEL_PADDING)
        box.moveCenter(QRectF(self.rect()).center())
        palette = self.palette()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
        painter.drawRoundedRect(box, LABEL_RADIUS, LABEL_RADIUS)
        painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


class Intake(QObject):
    """Adds to the queue for ``window``, and takes the files dropped on it."""

    message = Signal(str)  # for the status bar
    _search = Signal(object)  # Search, to the searcher's thread

    def __init__(
        self,
        window: QWidget,
        queue: QueueModel,
        selection: Selection,
        recent: RecentPaths,
        import_models: Callable[[list[str]], None],
        output_folder: Callable[[], Path],
        settings: AppSettings,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings  # where the open dialogs last opened from
        self._queue = queue
        self._selection = selection
        self._recent = recent
        self._import_models = import_models
        self._output_folder = output_folder  # where results are saved
        self._searcher: WorkerThread | None = None  # started with the first folder
        self._searching = 0  # searches asked for and not answered
        self._closed = False
        self.highlight = DropHighlight(window)
        window.setAcceptDrops(True)
        QApplication.instance().installEventFilter(self)  # the window's fields take drops too

    def add_paths(self, paths: Iterable[str | Path], *, remember: bool = True) -> list[QueueItem]:
        """Queue files and the images and films in folders (those in the output folder left
        out: results, not photos), and import model files; returns the items queued at once.
        Folders are searched in the background, and paths added while a search is under way
        wait their turn behind it, so the queue keeps the order they were added in. With
        ``remember`` the paths go first in File > Open Recent (prints cut from a scan do
        not)."""
        return self._ask(Search(tuple(Path(p) for p in paths), self._output_folder(), remember))

    @property
    def searching(self) -> bool:
        """Whether folders are being searched, their photos not queued yet."""
        return self._searching > 0

    def shutdown(self) -> None:
        """Stop searching (the search under way ends first) and queue nothing more."""
        self._closed = True
        if self._searcher is not None:
            self._searcher.stop()
        self._searching = 0  # searches not begun are dropped

    def _ask(self, asked: Search) -> list[QueueItem]:
        """Sort ``asked`` here when it holds no folder and nothing is searched before it;
        else hand it to the searcher and say so."""
        folders = asked.folders
        if not folders and not self.searching:
            return self._take_found(search(asked))
        self._searching += 1
        if self._searcher is None:
            worker = FolderSearcher()
            worker.found.connect(self._on_found)
            self._searcher = WorkerThread(worker, "rekindle-folders")
            self._search.connect(worker.search)
        self._search.emit(asked)
        if folders:
            self.message.emit(self._looking_text(folders))
        return []

    def _on_found(self, found: Found) -> None:
        self._searching -= 1
        if not self._closed:
            self._take_found(found)

    def _take_found(self, found: Found) -> list[QueueItem]:
        """Import the models found, queue the rest, and say what came of it."""
        if found.search.remember:
            self._recent.add(found.queued_from)
        if found.models:  # those of other runtimes go too, for the import to tell why not
            self._import_models([str(p) for p in (*found.models, *found.other_runtimes)])
        fresh = self._queue.add_paths(
            found.media,
            resolved=found.resolved,
            added_with=found.added_with,
            sequences=found.sequences,
        )
        self._selection.show_first(fresh)
        # Where nothing was added because what was given could not be read, "Not read" says
        # why, and "No new photos found (they may already be in the queue)" would mislead.
        told_by_not_read = not fresh and found.unreadable and not (found.media or found.left_out)
        texts = [] if found.models_only or told_by_not_read else [self._added_text(fresh)]
        if found.left_out:
            texts.append(self._left_out_text(found.left_out, found.search.results))
        if found.results:
            texts.append(self._results_text(found.results))
        if found.unreadable:
            reasons = "; ".join(engine_words(sentence) for _folder, sentence in found.unreadable)
            texts.append(self.tr("Not read: {reasons}.").format(reasons=reasons))
        if found.other_runtimes and not found.models:
            texts.append(
                self.tr(
                    "ONNX and NCNN models cannot be used; use the model's .pth or .safetensors "
                    "file."
                )
            )
        if texts:
            self.message.emit(" ".join(texts))
        return fresh

    def _looking_text(self, folders: list[Path]) -> str:
        text = plural(
            len(folders),
            self.tr("Looking for photos and films in {name}…"),
            self.tr("Looking for photos and films in {count} folders…"),
        )
        return text.format(name=folders[0].name or str(folders[0]), count=len(folders))

    def open_files(self) -> None:
        suffixes = sorted(SUPPORTED_EXTENSIONS | VIDEO_EXTENSIONS)
        patterns = " ".join(f"*{ext}" for ext in suffixes)
        files, _filter = QFileDialog.getOpenFileNames(
            self._window,
            self.tr("Open photos or films"),
            self._start_folder(),
            self.tr("Photos and films ({patterns})").format(patterns=patterns),
        )
        if files:
            self._opened_from(Path(files[0]))
            self.add_paths(files)

    def open_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self._window, self.tr("Open a folder of photos"), self._start_folder()
        )
        if folder:
            self._opened_from(Path(folder))
            self.add_paths([folder])

    def add_sample(self) -> None:
        """Queue the sample photo, kept out of File > Open Recent: the person did not choose
        it."""
        self.add_paths([sample_path()], remember=False)

    def _start_folder(self) -> str:
        """Where the open dialogs start: the folder last opened from, while it is there; else
        the Pictures folder, where there is one; else the home folder."""
        pictures = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        for folder in (self._settings.open_from, pictures):
            if folder and Path(folder).is_dir():
                return folder
        return str(Path.home())

    def _opened_from(self, chosen: Path) -> None:
        """Remember the folder that ``chosen``, a file or folder opened, lies in."""
        self._settings.open_from = str(chosen.parent)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Local files dragged over the window, any of its fields included (a file manager's
        drag also carries the files' links as text, which a line would take in as typed),
        are welcome, the panes highlighted meanwhile; dropped, they are taken in."""
        kind = event.type()
        if kind not in (*DROP_EVENTS, QEvent.Type.DragLeave) or not _inside(watched, self._window):
            return False
        if kind == QEvent.Type.DragLeave:
            self.highlight.hide()
            return False
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if not paths:
            return False
        event.acceptProposedAction()
        if kind == QEvent.Type.Drop:
            self.highlight.hide()
            self._take(paths)
        else:
            self.highlight.show_over(_panes(self._window))
        return True

    def _take(self, paths: list[str]) -> None:
        """As ``add_paths``; a dropped folder of model files gives them to import."""
        self._ask(Search(tuple(Path(p) for p in paths), self._output_folder(), True, dropped=True))

    def frames_as_photos(self, items: Iterable[QueueItem]) -> dict[int, list[int]]:
        """Queue the frames of each frame sequence of ``items`` (not one on its way in a run)
        as photos, in the rows after its own, found in the folder it was found in (or its
        own, added alone); returns the ids of the films whose frames were queued, each with
        its frames' ids, for the window to take the films out (and Undo the frames). A
        sequence whose frames cannot be listed now says why."""
        split: dict[int, list[int]] = {}
        for item in items:
            if not item.is_sequence or item.status in BUSY_STATUSES:
                continue
            try:
                sequence = frame_sequence(item.source, allow_gaps=True)  # as it is now
            except RekindleError as error:
                self.message.emit(engine_words(error.sentence))
                continue
            frames = [sequence.frame_file(number) for number in sequence.numbers]
            found_in = dict.fromkeys(frames, item.added_with or sequence.folder)
            row = self._queue.row_of(item.id) + 1
            queued = self._queue.add_paths(frames, row, added_with=found_in, sequences=())
            split[item.id] = [frame.id for frame in queued]
        return split

    def _added_text(self, fresh: list[QueueItem]) -> str:
        media = [item for item in fresh if _opened(item)]
        others = [item for item in fresh if not _opened(item)]
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

    def _results_text(self, results: dict[Path, Path]) -> str:
        """Why the ``results`` found with the photos they were made of were not queued."""
        text = plural(
            len(results),
            self.tr(
                "Left out {name}: it is Rekindle's result of {source}, added too (to restore "
                "the result itself, add it on its own)."
            ),
            self.tr(
                "Left out {count} files that are Rekindle's results of photos added too (to "
                "restore a result itself, add it on its own)."
            ),
        )
        result, source = next(iter(results.items()))
        return text.format(name=result.name, source=source.name, count=len(results))

    def _media_text(self, fresh: list[QueueItem]) -> str:
        """What was added; where frame sequences were, how to have their frames as photos."""
        text = self._counted_text(fresh)
        if any(item.is_sequence for item in fresh):
            note = self.tr(
                "A folder's numbered frames join as one film; Restore as Photos, in the "
                "queue's right-click menu, queues them as photos instead."
            )
            return f"{text} {note}"
        return text

    def _counted_text(self, fresh: list[QueueItem]) -> str:
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


def _opened(item: QueueItem) -> bool:
    """Whether the item is a photo or a film Rekindle opens, by its name (a frame sequence's
    folder or pattern: a film)."""
    return item.is_video or is_media(item.source)


def _panes(window: QWidget) -> QWidget:
    """What files are dropped on: a main window's panes (its central widget), not its bars."""
    central = window.centralWidget() if isinstance(window, QMainWindow) else None
    return central or window


def _inside(watched: QObject, window: QWidget) -> bool:
    """Whether ``watched`` is ``window`` or one of its widgets (not a dialog of its own)."""
    return isinstance(watched, QWidget) and watched.window() is window
