"""Thin workers, each on its own thread: restoring photos and films (and previewing a film's
frame or the part of a photo in view), reading images and frames, saving results.

A worker is a QObject moved to a QThread. The UI calls its slots through queued signals and
hears back through its signals. Workers call the engine and pass its progress, results and
errors on as they are; no Qt object goes into the engine.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import logging
import threading
from collections import OrderedDict, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import cv2
import numpy as np
import torch
from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QImage

from app.cluster_link import ClusterLink
from app.comparison_labels import labelled_picture
from app.device_note import device_name
from app.frame_output import frames_pattern, writes_frames
from app.i18n import Lasting, engine_words
from app.images import picture_to_qimage, pixels_to_qimage, thumbnail
from app.output_place import OutputFolderAway, make_output_folder
from app.pixel_aspect import pixel_aspect, shown_size
from app.spot_marks import (
    has_marks,
    marks_file,
    marks_fingerprint,
    marks_outgrown,
    record_photo,
    stored_marks,
)
from engine.alpha_fill import visible_colours
from engine.atomic import is_numbered_name
from engine.batch import output_name, save_again, with_source_recorded
from engine.chain import ModelChain, ModelRequest
from engine.comparison import write_comparison
from engine.decoding import tiff_pages
from engine.devices import pick_device_present
from engine.errors import Cancelled, RekindleError, plain_reason, sentence_for
from engine.fading import FadingFix, measure_fading
from engine.filestamp import FileStamp
from engine.imageio import (
    Picture,
    format_of,
    left_out_notes,
    read_picture,
    unique_path,
    write_picture,
)
from engine.part import Region, restore_part
from engine.progress import CancelToken, Progress, ProgressEvent, ProgressListener
from engine.restorer import RestoreOptions, Restorer, spot_marks
from engine.retouch.find import find_spots
from engine.retouch.marks import read_marks, write_marks
from engine.split import NotAScan, split_scan_into_its_folder
from engine.turn import turn_file, turned_pixels
from engine.video import (
    FRAME,
    FilmCleanup,
    FrameReader,
    RestoredFrame,
    VideoOptions,
    VideoReport,
    is_supported_video,
    output_suffix,
    poster_frame,
    restore_frame_files,
    restore_video,
)
from engine.video.codecs import codec_named, fewer_bits_note
from engine.video.frame_preview import FramePreviewer
from engine.video.join import join_notes
from engine.video.probe import VideoInfo, probe_sequence
from engine.video.restore import film_info
from engine.video.sequence import (
    SequenceGapError,
    SequenceOptions,
    frame_sequence,
    is_frame_pattern,
)
from engine.video.span import FilmSpan

log = logging.getLogger(__name__)
translate = QCoreApplication.translate
"""Strings below are found by pyside6-lupdate under the context "Workers"."""


def _too_large() -> Lasting:
    return Lasting(lambda: translate("Workers", "the photo is too large for the memory available"))


def _device_replaced(saved: str, device: torch.device, reason: str) -> str:
    """The note that ``saved`` cannot be used (``reason``, an engine sentence), in the settings
    panel's names of the devices."""
    text = translate(
        "Workers",
        "The saved device, {saved}, is not available ({reason}); restoring on {device} instead.",
    )
    return text.format(
        saved=device_name(saved), reason=engine_words(reason), device=device_name(str(device))
    )


def _unexpected(error: BaseException) -> Lasting:
    details = str(error)  # not the error, whose traceback holds on to the work's memory
    return Lasting(
        lambda: translate(
            "Workers", "unexpected error ({error}); details are in the log file"
        ).format(error=details)
    )


def _models_that_ran(restorer: Restorer) -> Lasting:
    """The restorer's models in the order they run, in the words of the language shown (a
    blend's strengths), and again in those of the language shown later (a row keeps them)."""
    return Lasting(functools.partial(engine_words, restorer.chain.display_name))


def _sequence_on_cluster() -> str:
    return translate(
        "Workers",
        "a frame sequence is restored on this computer only (a cluster's workers read film "
        "files): turn off Restore on a cluster, under Processing, to restore it",
    )


def _frames_on_cluster() -> str:
    return translate(
        "Workers",
        "a film's frames are written as pictures on this computer only: turn off Restore on a "
        "cluster, under Processing, or choose a film file in Films as, under Films",
    )


def output_folder_away(folder: Path) -> str:
    """Why nothing can be written into ``folder``: ``OutputFolderAway``, in words."""
    message = translate(
        "Workers", "the output folder {folder} is not there; its drive may not be plugged in"
    )
    return message.format(folder=folder)


class _AppSaid(RekindleError):
    """A failure the app words itself: its sentence is the ``Lasting`` it was given."""

    @property
    def sentence(self) -> str:
        return self.args[0]


def _sentence(error: Exception, out_of_memory: Lasting, subject: object) -> Lasting:
    """``sentence_for`` in the words of the language shown, and again in those of the
    language shown later (a row keeps it); a sequence's gaps with the setting that lets them
    through."""
    if isinstance(error, SequenceGapError):
        return Lasting(functools.partial(_with_gaps_setting, error.sentence))
    said = sentence_for(error, out_of_memory=out_of_memory, unexpected=_unexpected, about=subject)
    return said if isinstance(said, Lasting) else Lasting(functools.partial(engine_words, said))


def _with_gaps_setting(sentence: str) -> str:
    """The engine's ``sentence`` of a sequence's gaps, which names no way to let them
    through, with the settings panel's (the command line names its option)."""
    text = translate(
        "Workers", "{reason}; the setting is Allow gaps in frame sequences, under Films"
    )
    return text.format(reason=engine_words(sentence))


@contextlib.contextmanager
def _reporting(report: Callable[[str], None], subject: object) -> Iterator[None]:
    """Turn a failure of the work on ``subject`` into ``report(message)``: the engine's own
    sentence, or a plain one (the details go to the log). ``Cancelled`` goes on up."""
    try:
        yield
    except Cancelled:
        raise
    except Exception as error:
        report(_sentence(error, _too_large(), subject))


def _create_output_folder(folder: Path, below: Path = Path()) -> Path:
    """Make the output folder ``folder`` where missing (``app.output_place``), and its folder
    ``below`` in it (a folder added keeps its subfolders there); returns the latter. A
    ``RekindleError`` says why it cannot be made."""
    place = folder / below
    try:
        make_output_folder(folder)
        place.mkdir(parents=True, exist_ok=True)
    except OutputFolderAway:
        raise _AppSaid(Lasting(functools.partial(output_folder_away, folder))) from None
    except OSError as error:
        reason = plain_reason(error)
        raise _AppSaid(Lasting(functools.partial(_cannot_create, place, reason))) from None
    return place


def _cannot_create(folder: Path, reason: str) -> str:
    message = translate("Workers", "cannot create the folder {folder} ({reason})")
    return message.format(folder=folder, reason=engine_words(reason))


class WorkerThread:
    """A QThread that runs one worker's slots, one call at a time."""

    _let_go: ClassVar[list[WorkerThread]] = []
    """Threads let go (``let_go``) and perhaps still running, kept (with their workers) until
    they have finished: a QThread destroyed while it runs aborts the process."""

    def __init__(self, worker: QObject, name: str) -> None:
        self.worker = worker
        self.thread = QThread()
        self.thread.setObjectName(name)
        worker.moveToThread(self.thread)
        self.thread.start()

    def stop(self, *, finish_queued: bool = False) -> None:
        """Finish the call under way (callers cancel long work first), then stop the thread;
        ``finish_queued``: every call already asked for first (pictures handed to the saver
        are written before the app quits)."""
        if finish_queued:
            QTimer.singleShot(0, self.worker, self.thread.quit)  # queued behind those calls
        else:
            self.thread.quit()
        self.thread.wait()

    def let_go(self) -> None:
        """Stop the thread once the call under way ends, without waiting for it: a call whose
        result nobody wants any more (a photo read for a window that is closing), which may
        take seconds and cannot be cancelled. The process waits for it as it exits."""
        self.thread.quit()
        kept = WorkerThread._let_go
        kept[:] = [other for other in kept if other.thread.isRunning()]
        kept.append(self)

    @staticmethod
    def wait_for_those_let_go() -> None:
        """Wait until every thread let go has finished (the process is exiting)."""
        kept = WorkerThread._let_go
        while kept:
            kept.pop().thread.wait()


atexit.register(WorkerThread.wait_for_those_let_go)


def _sequence_info(path: Path, sequences: SequenceOptions) -> VideoInfo | None:
    """What the frame sequence ``path`` gives holds as a film, found and read as
    ``sequences`` say (``frame_sequence``, ``probe_sequence``: a gap refused with the
    engine's sentence); None for a film file, which its reader probes."""
    if not _gives_sequence(path):
        return None
    return probe_sequence(frame_sequence(path, sequences.allow_gaps), sequences.rate)


def _gives_sequence(path: Path) -> bool:
    """Whether the queue's film ``path`` is a frame sequence (a folder or a pattern: the
    search queued it so), told without listing its frames (``frame_sequence`` lists them)."""
    return path.is_dir() or is_frame_pattern(path)


def _read_as_set(info: VideoInfo, sequences: SequenceOptions) -> bool:
    """Whether a film read before is read as ``sequences`` say: a film file always; a frame
    sequence at their rate (where they give none, at its own), with gaps only where they are
    let through."""
    if info.sequence is None:
        return True
    rate = info.own_rate if sequences.rate is None else sequences.rate
    return info.rate == rate and (sequences.allow_gaps or not info.sequence.missing())


# -- restoring ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RestoreJob:
    item_id: int
    source: Path
    model: ModelRequest
    device: str  # "auto", "cpu", "cuda" or "mps"
    options: RestoreOptions
    token: CancelToken
    # restored on the Ray cluster at this address (None: here); not a preview's concern
    cluster: str | None = field(default=None, kw_only=True)


@dataclass(frozen=True)
class FilmJob(RestoreJob):
    """A film: too long to keep in memory, it is written into ``folder`` as it is restored
    (and a cancelled run continues there next time)."""

    folder: Path
    stem: str  # the restored film's name without its extension (engine.recipe names it)
    codec: str  # a codec of engine.video, or pictures for the frames (app.frame_output)
    crf: int | None = None  # None: the codec's default quality
    # dust and flicker taken out before the frames are enlarged
    cleanup: FilmCleanup = field(default_factory=FilmCleanup)
    # where in ``folder`` the film goes (a folder added keeps its subfolders there)
    below: Path = field(default=Path(), kw_only=True)
    # how a frame sequence given as the film is read: as the run was asked to
    sequence: SequenceOptions = field(default_factory=SequenceOptions, kw_only=True)
    span: FilmSpan = field(default_factory=FilmSpan, kw_only=True)  # the part to restore
    # the film's spots and scratches marked by hand, filled first (app.spot_marks): looked
    # up as the job is made, a film's marks following its stamp alone (it is never hashed);
    # a photo's are looked up here (``RestoreWorker``), where its bytes may be hashed
    marks: Path | None = field(default=None, kw_only=True)


def _video_options(job: FilmJob) -> VideoOptions:
    """How the engine restores the job's film (its part): its codec and quality where it is
    written as a film (frames written as pictures have neither)."""
    encoding = {} if writes_frames(job.codec) else {"codec": job.codec, "crf": job.crf}
    return VideoOptions(
        frames=job.options,
        cleanup=job.cleanup,
        marks=read_marks(job.marks) if job.marks else None,
        sequence=job.sequence,
        span=job.span,
        **encoding,
    )


@dataclass(frozen=True, eq=False)
class PreviewJob(RestoreJob):
    """One frame of the film ``source``, restored to judge the settings before the film."""

    index: int
    pixels: np.ndarray  # the frame, as read for the viewer
    # to clean it, the frame is read again with the frames beside it
    cleanup: FilmCleanup = field(default_factory=FilmCleanup)
    # how a frame sequence given as the film is read: as the preview was asked to
    sequence: SequenceOptions = field(default_factory=SequenceOptions, kw_only=True)
    marks: Path | None = field(default=None, kw_only=True)  # the film's, as ``FilmJob``'s


@dataclass(frozen=True)
class PartJob(RestoreJob):
    """The part ``region`` of the photo ``source``, restored to judge the settings before
    restoring the whole photo."""

    region: Region


@dataclass(frozen=True)
class RestoreResult:
    item_id: int
    picture: Picture  # the restored picture, to save
    image: QImage  # the restored picture as shown
    original: QImage  # the source as shown
    model_name: str  # the models that made it, in the order they ran
    colours_kept: bool = False  # fading was to be fixed, but the photo showed no sign of it
    pages: int = 1  # of a TIFF: only the first is restored
    # the photo's file as it was when read to restore (None: not known); the result is out of
    # date once the file is not so any more
    made_from: FileStamp | None = None
    marked: str = ""  # the fingerprint of the marks made by hand it filled ("" when none)
    # spots marked on the photo before it was replaced by one of another size: not filled
    marks_outgrown: bool = False


@dataclass(frozen=True)
class FilmResult:
    item_id: int
    target: Path  # the restored film
    damaged_frames: tuple[int, ...] = ()  # source frames the decoder patched up
    # its sound that went in converted, and bits a sample lost to the encoder: a sentence each
    sound_notes: tuple[str, ...] = ()
    span: FilmSpan = field(default_factory=FilmSpan)  # the part of the film restored
    fading_found: bool | None = None  # whether it showed fading, where a fix was asked

    @classmethod
    def of(cls, job: FilmJob, report: VideoReport, notes: tuple[str, ...]) -> FilmResult:
        """What ``job``'s run made, as the engine's ``report`` tells it, with the ``notes``
        said of it."""
        return cls(
            job.item_id, report.target, report.damaged_frames, notes, job.span, report.fading_found
        )


@dataclass(frozen=True)
class PreviewResult:
    item_id: int
    index: int  # the film's frame
    image: QImage  # that frame restored
    model_name: str


@dataclass(frozen=True)
class PartResult:
    item_id: int
    region: Region  # of the photo, in its pixels
    image: QImage  # that part restored
    model_name: str


@dataclass(frozen=True)
class RestoredPhoto:
    """A restored photo read back from its file for the viewer, beside its original."""

    item_id: int
    files: tuple[Path, Path]  # the two files asked for: the left (original or result), the right
    original: QImage
    restored: QImage | None  # None: the restored file cannot be read (``problem`` says why)
    problem: str = ""


@dataclass(eq=False)
class _KeptPhoto:
    """The photo last previewed: a large scan takes a while to read, to measure for its
    fading and to search for spots, and a person previews one part after another."""

    source: Path
    stamp: FileStamp
    pixels: np.ndarray
    profile: bytes | None = None  # its colour profile, which its parts are shown through
    _fading: FadingFix | None = None
    _spots: np.ndarray | None = None

    def fading(self) -> FadingFix:
        """Its fading, measured on the whole photo (once)."""
        if self._fading is None:
            self._fading = measure_fading([self.pixels])
        return self._fading

    def marks(self, hand: Path | None, options: RestoreOptions) -> np.ndarray | None:
        """The spots to fill on it (``spot_marks``): those marked by hand in the file
        ``hand`` (read each time: they change between previews), else those found on the
        whole photo when ``options`` ask."""
        given = read_marks(hand) if hand is not None else None
        return spot_marks(self.pixels, options, given, self._found_spots)

    def _found_spots(self, pixels: np.ndarray) -> np.ndarray:
        """The spots ``find_spots`` finds on the photo (``pixels``), searched for once."""
        if self._spots is None:
            self._spots = find_spots(pixels)
        return self._spots


class RestoreWorker(QObject):
    """Loads models (keeping the last one); restores one photo or film per ``restore`` call
    and one film frame per ``preview`` call."""

    loading_model = Signal(int)  # item id
    started = Signal(int)  # the model is ready; the photo or film is being read and restored
    progress = Signal(int, object)  # item id, ProgressEvent
    finished = Signal(object)  # RestoreResult
    film_finished = Signal(object)  # FilmResult
    frame_restored = Signal(object)  # FilmFrame: one just restored, a few times a second
    failed = Signal(int, object)  # item id, what went wrong with this photo or film (Lasting)
    model_failed = Signal(int, object)  # item id, why the model could not be loaded (Lasting)
    cancelled = Signal(int)
    preview_ready = Signal(object)  # PreviewResult
    preview_failed = Signal(int, int, str)  # item id, frame, why
    part_ready = Signal(object)  # PartResult
    part_failed = Signal(int, str)  # item id, why
    preview_ended = Signal()  # a preview call returned: shown, failed, or dropped when cancelled
    # the saved device is not here, or not on a cluster's worker, and which is used instead
    device_replaced = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self._model_key: tuple[ModelRequest, str] | None = None
        self._model_stamp: tuple[FileStamp, ...] | None = None
        self._model: ModelChain | None = None
        self._restorer: Restorer | None = None
        self._restorer_tile: int | None = None
        self._previewer: FramePreviewer | None = None  # of the film last previewed
        self._photo: _KeptPhoto | None = None  # the last one previewed
        # a cluster's worker without the device chosen, in the language shown
        self._cluster = ClusterLink(lambda said: self.device_replaced.emit(engine_words(said)))
        self._busy = threading.Event()
        self._replaced: set[str] = set()  # saved devices not here, whose stand-in was told

    @property
    def busy(self) -> bool:
        """Whether a ``restore`` or ``preview`` call is running (readable from any thread)."""
        return self._busy.is_set()

    @Slot(object)
    def restore(self, job: RestoreJob) -> None:
        self._busy.set()
        try:
            self._restore(job)
        finally:
            self._busy.clear()

    @Slot()
    def release_cluster(self) -> None:
        """Leave the cluster the last jobs ran on, if any (the run, or the app, ends)."""
        self._cluster.close()

    @Slot(object)
    def let_go(self, sources: frozenset[Path]) -> None:
        """Drop the photo or film kept from the last preview when its file is among
        ``sources`` (taken out of the queue): a large scan weighs hundreds of megabytes."""
        if self._photo is not None and self._photo.source in sources:
            self._photo = None
        if self._previewer is not None and self._previewer.info.path in sources:
            self._previewer = None

    @Slot(object)
    def preview(self, job: PreviewJob | PartJob) -> None:
        """Restore one frame, or one part of a photo; a job whose token was cancelled (a newer
        preview replaced it) is dropped."""
        self._busy.set()
        try:
            if isinstance(job, PartJob):
                self._preview_part(job)
            else:
                self._preview(job)
        except Cancelled:
            pass
        finally:
            self._busy.clear()
            self.preview_ended.emit()

    def _restore(self, job: RestoreJob) -> None:
        item_id = job.item_id
        self._photo = None  # a run needs the memory more than the next preview
        if job.token.cancelled:
            self.cancelled.emit(item_id)
            return
        if not job.cluster:
            self._cluster.close()
        restorer = self._load(job, lambda message: self.model_failed.emit(item_id, message))
        if restorer is None:
            return
        self.started.emit(item_id)
        progress = Progress(self._listener(job), job.token)
        try:
            with _reporting(lambda message: self.failed.emit(item_id, message), job.source):
                progress.check()
                if isinstance(job, FilmJob):
                    self.film_finished.emit(self._restore_film(job, restorer, progress))
                else:
                    self.finished.emit(self._restore_photo(job, restorer, progress))
        except Cancelled:
            self.cancelled.emit(item_id)

    def _listener(self, job: RestoreJob) -> ProgressListener:
        """The job's progress, to the UI thread; a film's in frames only, the figure its row
        shows (the tiles of each frame, hundreds a frame, would only crowd the UI thread)."""

        def listener(event: ProgressEvent) -> None:
            if event.unit == FRAME or not isinstance(job, FilmJob):
                self.progress.emit(job.item_id, event)

        return listener

    def _restore_photo(
        self, job: RestoreJob, restorer: Restorer, progress: Progress
    ) -> RestoreResult:
        made_from = FileStamp.find(job.source)  # before reading: a file changed meanwhile is seen
        picture = read_picture(job.source)
        # measured here for a cluster's photo too (its worker measures the same again), so
        # its row says when a photo showed no fading to fix
        fading = measure_fading([visible_colours(picture)]) if job.options.fix_fading else None
        hand = stored_marks(job.source)  # here: the photo may be hashed to tell (app.spot_marks)
        marks = read_marks(hand) if hand else None
        if job.cluster:
            restored = self._cluster.restore_photo(job, progress, marks)
        else:
            restored = restorer.restore(picture, job.options, progress, fading, marks)
        restored = with_source_recorded(restored, job.source)  # as the command line's are
        colours_kept = fading is not None and not fading.faded
        outgrown = hand is None and marks_outgrown(job.source, (picture.width, picture.height))
        return RestoreResult(
            job.item_id,
            restored,
            picture_to_qimage(restored),
            picture_to_qimage(picture),
            _models_that_ran(restorer),
            colours_kept=colours_kept,
            pages=tiff_pages(job.source),
            made_from=made_from,
            marked=marks_fingerprint(hand),
            marks_outgrown=outgrown,
        )

    def _restore_film(self, job: FilmJob, restorer: Restorer, progress: Progress) -> FilmResult:
        """Restore the film into the output folder, named like a photo would be: the same
        target as a cancelled run's, so the engine continues that run. Here, frames restored
        are shown as they come (made into QImages on this thread, not the UI's). The result
        tells which of its sound went in converted, whether its chapters were left out, and
        where it lost bits a sample to this installation's encoder, in the words of the
        language shown. A frame sequence is read as the job says (its run's settings), on
        this computer only (a cluster's workers read film files)."""
        folder = _create_output_folder(job.folder, job.below)
        info = film_info(job.source, folder, job.sequence)  # the restoration takes it
        if job.cluster and info.sequence is not None:
            raise _AppSaid(Lasting(_sequence_on_cluster))
        if writes_frames(job.codec):
            return self._restore_frames(job, restorer, progress, folder, info)
        target = unique_path(folder / (job.stem + output_suffix(info, job.codec)))
        options = _video_options(job)
        told: list[str] = []  # the restoration's notes (another run's work not continued)
        if job.cluster:  # its frames are made elsewhere: none to show
            report = self._cluster.restore_film(job, restorer, target, options, progress)
        else:
            show = functools.partial(self._show_frame, job.item_id)
            report = restore_video(
                restorer, job.source, target, options, progress, show, info, told.append
            )
        bits = fewer_bits_note(info, codec_named(job.codec))
        said = [*told, *join_notes(info, report.target), bits]
        notes = tuple(engine_words(note) for note in said if note is not None)
        return FilmResult.of(job, report, notes)

    def _restore_frames(
        self,
        job: FilmJob,
        restorer: Restorer,
        progress: Progress,
        folder: Path,
        info: VideoInfo,
    ) -> FilmResult:
        """Restore the film into numbered picture files, one a frame, with its sound beside
        them as WAV, in a folder of their own in ``folder`` (``frames_pattern``: the folder of
        a cancelled run's frames, which the engine goes on with); on this computer only. The
        result tells where the sound went and what was left out, in the words of the language
        shown."""
        if job.cluster:
            raise _AppSaid(Lasting(_frames_on_cluster))
        pattern = frames_pattern(folder, job.stem, job.codec, info)
        _create_output_folder(job.folder, pattern.parent.relative_to(job.folder))
        told: list[str] = []
        show = functools.partial(self._show_frame, job.item_id)
        options = _video_options(job)
        report = restore_frame_files(
            restorer, job.source, pattern, options, progress, show, info, told.append
        )
        return FilmResult.of(job, report, tuple(engine_words(note) for note in told))

    def _show_frame(self, item_id: int, frame: RestoredFrame) -> None:
        """Hand a frame just restored to the viewer, beside its source frame."""
        original, restored = pixels_to_qimage(frame.source), pixels_to_qimage(frame.restored)
        shown = FilmFrame(item_id, frame.index, original, frame.source, restored, "")
        self.frame_restored.emit(shown)

    def _preview(self, job: PreviewJob) -> None:
        if job.token.cancelled:
            return

        def report(message: str) -> None:
            self.preview_failed.emit(job.item_id, job.index, message)

        restorer = self._load(job, report)
        if restorer is None:
            return
        with _reporting(report, job.source):
            progress = Progress(token=job.token)
            marks = read_marks(job.marks) if job.marks is not None else None
            previewer = self._film_previewer(job.source, job.sequence)
            pixels = previewer.preview(
                restorer, job.index, job.options, progress, job.cleanup, marks, job.pixels
            )
            image = pixels_to_qimage(pixels)
            name = _models_that_ran(restorer)
            self.preview_ready.emit(PreviewResult(job.item_id, job.index, image, name))

    def _preview_part(self, job: PartJob) -> None:
        if job.token.cancelled:
            return

        def report(message: str) -> None:
            self.part_failed.emit(job.item_id, message)

        restorer = self._load(job, report)
        if restorer is None:
            return
        with _reporting(report, job.source):
            photo = self._kept_photo(job.source)
            options = job.options
            fading = photo.fading() if options.fix_fading else None
            marks = photo.marks(stored_marks(job.source), options)
            progress = Progress(token=job.token)
            part = restore_part(
                restorer, photo.pixels, job.region, options, progress, fading, marks
            )
            image = pixels_to_qimage(part, photo.profile)
            name = _models_that_ran(restorer)
            self.part_ready.emit(PartResult(job.item_id, job.region, image, name))

    def _kept_photo(self, source: Path) -> _KeptPhoto:
        """The photo at ``source``, read again only when it is another, or changed."""
        stamp = FileStamp.of(source)
        kept = self._photo
        if kept is None or (kept.source, kept.stamp) != (source, stamp):
            self._photo = None  # let the last one go before reading
            picture = read_picture(source)
            kept = _KeptPhoto(source, stamp, visible_colours(picture), picture.icc_profile)
            self._photo = kept
        return kept

    def _film_previewer(self, source: Path, sequences: SequenceOptions) -> FramePreviewer:
        """A previewer of the film at ``source``, a frame sequence read as ``sequences`` say,
        kept for the film last previewed (making one reads the whole file; it keeps what it
        measured of the film for the next frame) while a frame sequence is read so still."""
        kept = self._previewer
        if kept is None or not kept.describes(source) or not _read_as_set(kept.info, sequences):
            self._previewer = None  # let the last one go before reading
            self._previewer = FramePreviewer(source, _sequence_info(source, sequences))
        return self._previewer

    def _load(self, job: RestoreJob, report: Callable[[str], None]) -> Restorer | None:
        """The job's restorer, or None after ``report`` said why the model cannot be loaded."""
        try:
            return self._restorer_for(job)
        except Exception as error:
            out_of_memory = Lasting(
                lambda: translate("Workers", "not enough memory to load the model")
            )
            report(_sentence(error, out_of_memory, job.model))
        return None

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
            device = self._device(job.device)
            self._model = job.model.load()
            self._model_key = model_key
            self._model_stamp = stamp
            self._restorer = Restorer(self._model, device, job.options.tile)
            self._restorer_tile = job.options.tile
        elif self._restorer is None or self._restorer_tile != job.options.tile:
            self._restorer = Restorer(self._model, self._device(job.device), job.options.tile)
            self._restorer_tile = job.options.tile
        return self._restorer

    def _device(self, choice: str) -> torch.device:
        """The device ``choice`` names, or, where this computer has no such device now, the
        one Automatic picks, told once for each choice: a restoration started before the
        settings panel's probe answers is asked with the saved choice, which may name a
        device unplugged since."""
        device, missing = pick_device_present(choice)
        if missing and choice not in self._replaced:
            self._replaced.add(choice)
            log.warning("the saved device %s was not found (%s); using %s", choice, missing, device)
            self.device_replaced.emit(_device_replaced(choice, device, missing))
        return device


# -- reading --------------------------------------------------------------------------------

READERS_KEPT = 4
"""Films kept ready to seek in (the one on screen, its restored copy, the latest thumbnails)."""


def _as_shown(pixels: np.ndarray, aspect: float) -> np.ndarray:
    """A film's frame stretched across as players show it, its pixels ``aspect`` times as wide
    as tall (``app.pixel_aspect``), so that its thumbnail has the film's shape on screen."""
    if aspect == 1.0:
        return pixels
    height, width = pixels.shape[:2]
    size = shown_size(width, height, aspect)
    return cv2.resize(pixels, size, interpolation=cv2.INTER_AREA)


@dataclass(frozen=True, eq=False)
class FilmFrame:
    """A film's frame for the viewer, with the same frame restored: read from the restored film
    if asked, or just made while the film is being restored."""

    item_id: int
    index: int
    image: QImage
    pixels: np.ndarray  # as decoded, to preview
    restored: QImage | None
    restored_problem: str  # why the restored film's frame could not be read ("" if it was)


class ImageLoader(QObject):
    """Reads photos and films: thumbnails (in order), and originals and film frames for the
    viewer (the latest request first, earlier ones dropped: only what is on screen matters).
    Frame sequences are read as ``read_sequences_with`` last said (the Films settings)."""

    thumbnail_ready = Signal(int, object, int, int, bool)  # id, QImage, width, height, marked
    film_read = Signal(int, object, object)  # item id, thumbnail QImage, VideoInfo
    original_ready = Signal(int, object)  # item id, QImage
    restored_ready = Signal(object)  # RestoredPhoto
    frame_ready = Signal(object)  # FilmFrame
    thumbnail_failed = Signal(int, object)  # item id, why its thumbnail cannot be read (Lasting)
    failed = Signal(int, object)  # item id, why the file on show cannot be read (Lasting)

    def __init__(self) -> None:
        super().__init__()
        self._thumbnails: deque[tuple[int, Path, int]] = deque()
        self._shown: tuple[int, Path, Callable[[], None]] | None = None  # item id, file, reading
        self._readers: OrderedDict[Path, FrameReader] = OrderedDict()
        self._scheduled = False
        self._sequences = SequenceOptions()

    @Slot(object)
    def read_sequences_with(self, sequences: SequenceOptions) -> None:
        """Read frame sequences as ``sequences`` say from now on, those asked for already and
        waiting their turn too."""
        self._sequences = sequences

    @Slot(int, object, int)
    def request_thumbnail(self, item_id: int, path: Path, side: int) -> None:
        """Queue a thumbnail at most ``side`` device pixels wide and high (for a film, of its
        poster frame, with its description)."""
        self._thumbnails.append((item_id, path, side))
        self._schedule()

    @Slot(int, object)
    def request_original(self, item_id: int, path: Path) -> None:
        self._shown = (item_id, path, lambda: self._read_original(item_id, path))
        self._schedule()

    @Slot(int, object, object)
    def request_restored(self, item_id: int, path: Path, restored: Path) -> None:
        """Read the photo ``path`` and its ``restored`` file, for showing them side by side."""
        self._shown = (item_id, path, lambda: self._read_restored(item_id, path, restored))
        self._schedule()

    @Slot(int, object, int, object, int)
    def request_frame(
        self, item_id: int, path: Path, index: int, restored: Path | None, restored_index: int
    ) -> None:
        """Read frame ``index`` of the film ``path``, and frame ``restored_index`` of its
        ``restored`` film if any (the same frame, counted from the first of the part
        restored)."""
        self._shown = (
            item_id,
            path,
            lambda: self._read_frame(item_id, path, index, restored, restored_index),
        )
        self._schedule()

    @Slot(object)
    def forget(self, item_ids: set[int]) -> None:
        """Drop the waiting requests of removed items."""
        self._thumbnails = deque(t for t in self._thumbnails if t[0] not in item_ids)
        if self._shown is not None and self._shown[0] in item_ids:
            self._shown = None

    @Slot(object)
    def let_go(self, paths: frozenset[Path]) -> None:
        """Close the films kept ready to seek in whose files are among ``paths`` (taken out
        of the queue, with their restored copies)."""
        for path in self._readers.keys() & paths:
            del self._readers[path]

    def _schedule(self) -> None:
        """Handle one request per turn of this thread's event loop, so new requests (and the
        thread's stop) are seen between files."""
        if not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(0, self, self._next)

    def _next(self) -> None:
        self._scheduled = False
        if self._shown is not None:
            item_id, path, read = self._shown
            self._shown = None
            with _reporting(lambda message: self.failed.emit(item_id, message), path):
                read()
        elif self._thumbnails:
            item_id, path, side = self._thumbnails.popleft()
            with _reporting(lambda message: self.thumbnail_failed.emit(item_id, message), path):
                self._read_thumbnail(item_id, path, side)
        if self._shown is not None or self._thumbnails:
            self._schedule()

    def _read_thumbnail(self, item_id: int, path: Path, side: int) -> None:
        if is_supported_video(path) or _gives_sequence(path):
            reader = self._reader(path)
            frame = reader.read(poster_frame(reader.info))
            small = thumbnail(_as_shown(frame, pixel_aspect(reader.info)), side)
            self.film_read.emit(item_id, small, reader.info)
        else:
            picture = read_picture(path)
            small = thumbnail(picture.pixels, side, picture.icc_profile)
            # here: the marks may be a picture as large as the photo; any of another size are
            # removed, which would stop its restoration
            marked = has_marks(path, (picture.width, picture.height))
            self.thumbnail_ready.emit(item_id, small, picture.width, picture.height, marked)

    def _read_original(self, item_id: int, path: Path) -> None:
        self.original_ready.emit(item_id, picture_to_qimage(read_picture(path)))

    def _read_restored(self, item_id: int, path: Path, restored: Path) -> None:
        files = (path, restored)
        original = picture_to_qimage(read_picture(path))
        try:
            self.restored_ready.emit(
                RestoredPhoto(item_id, files, original, picture_to_qimage(read_picture(restored)))
            )
        except RekindleError as error:
            problem = engine_words(error.sentence)
            self.restored_ready.emit(RestoredPhoto(item_id, files, original, None, problem))

    def _read_frame(
        self, item_id: int, path: Path, index: int, restored: Path | None, restored_index: int
    ) -> None:
        pixels = self._reader(path).read(index)
        restored_image, problem = None, ""
        if restored is not None:
            try:
                restored_image = pixels_to_qimage(self._reader(restored).read(restored_index))
            except RekindleError as error:
                problem = engine_words(error.sentence)
        frame = FilmFrame(item_id, index, pixels_to_qimage(pixels), pixels, restored_image, problem)
        self.frame_ready.emit(frame)

    def _reader(self, path: Path) -> FrameReader:
        """A reader of the film at ``path`` (or of the frame sequence it gives): a kept one
        unless the file changed since, or the sequence is read otherwise now."""
        sequences = self._sequences
        reader = self._readers.pop(path, None)
        if reader is None or not reader.describes(path) or not _read_as_set(reader.info, sequences):
            reader = FrameReader(path, _sequence_info(path, sequences))
        self._readers[path] = reader
        while len(self._readers) > READERS_KEPT:
            self._readers.popitem(last=False)
        return reader


# -- saving ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SaveJob:
    item_id: int
    picture: Picture | Path  # the restored picture, or the file it was saved in before
    source: Path
    folder: Path
    fmt: str | None  # a key of engine.imageio.FORMAT_EXTENSIONS; None keeps the source's
    stem: str  # the result's name without its extension (engine.recipe names it)
    saved_to: Path | None = None  # where this result was saved before
    below: Path = Path()  # where in ``folder`` it goes (a folder added keeps its subfolders)

    @property
    def target(self) -> Path:
        """The file the save writes, a name taken there aside: the result's name in its place
        below the output folder."""
        return self.folder / self.below / output_name(self.source, self.fmt, self.stem)


def saved_there(
    target: Path, saved_to: Path | None, is_file: Callable[[Path], bool] = Path.is_file
) -> bool:
    """Whether a result saved in ``saved_to`` lies in the file ``target`` a save of it would
    write, or in the name numbered it took where ``target`` was taken ("name (2).png"), asked
    of the disk by ``is_file``: the save writes nothing then, and Save is not offered for
    it."""
    return saved_to is not None and is_numbered_name(saved_to, target) and is_file(saved_to)


def _left_out(picture: Picture | None, written: Path, source: Path) -> tuple[Lasting, ...] | None:
    """What the file ``written`` leaves out of ``picture``, the result of ``source``
    (``left_out_notes``), in the words of the language shown, and again in those of the
    language shown later (a row keeps them); None where no picture was at hand: the bytes of
    the file it was saved in before were copied, and leave out what that file did."""
    if picture is None:
        return None
    notes = left_out_notes(picture, format_of(written), source.name)
    return tuple(Lasting(functools.partial(engine_words, note)) for note in notes)


class SaveWorker(QObject):
    """Writes files: restored pictures (never over the original, a name clash gets a
    suffix), and the prints cut from a scan."""

    saved = Signal(int, object, object)  # item id, Path written, what it left out (_left_out)
    failed = Signal(int, object)  # item id, why the result could not be saved (Lasting)
    split_done = Signal(int, object)  # item id of the scan, the prints' Paths
    split_failed = Signal(int, str)  # item id of the scan, why it could not be split
    not_a_scan = Signal(int, str)  # item id of a single photo asked to be split, why it is one
    compared = Signal(int, object)  # item id, the before-and-after picture's Path
    compare_failed = Signal(int, str)
    turned = Signal(int, object)  # item id, the turned copy's Path
    turn_failed = Signal(int, str)

    @Slot(object)
    def save(self, job: SaveJob) -> None:
        with _reporting(lambda message: self.failed.emit(job.item_id, message), job.source):
            _create_output_folder(job.folder, job.below)
            target = job.target
            if saved_there(target, job.saved_to):  # no copy beside it
                self.saved.emit(job.item_id, job.saved_to, None)
                return
            if isinstance(job.picture, Path):  # saved already, and no longer held in memory
                read: list[Picture] = []  # the result, where it is read to be made anew
                written = save_again(job.picture, target, [job.source], read.append)
                picture = next(iter(read), None)
            else:
                written = write_picture(job.picture, target, forbid=[job.source], replace=False)
                picture = job.picture
            self.saved.emit(job.item_id, written, _left_out(picture, written, job.source))

    @Slot(int, object, int, object)
    def turn(self, item_id: int, photo: Path, quarter_turns: int, folder: Path) -> None:
        """Write the photo turned into ``folder`` (see ``engine.turn``), and the spots marked
        on it, if any, turned with it, as the copy's."""
        with _reporting(lambda message: self.turn_failed.emit(item_id, message), photo):
            _create_output_folder(folder.parent)  # turn_file makes ``folder`` in it
            marks = stored_marks(photo)
            copy = turn_file(photo, quarter_turns, folder)
            kept = marks_file(copy)
            if marks is not None and kept is not None:
                write_marks(kept, turned_pixels(read_marks(marks), quarter_turns))
                record_photo(copy)
            self.turned.emit(item_id, copy)

    @Slot(int, object, object, object, float, object, object)
    def compare(
        self,
        item_id: int,
        original: Path,
        result: Picture | Path,
        target: Path,
        split: float,
        folder: Path,
        labels: tuple[str, str],
    ) -> None:
        """Write the before-and-after picture of ``original`` and its ``result`` to
        ``target`` (see ``engine.comparison``), its sides labelled with ``labels`` (left,
        right), in ``folder`` or a folder below it, made where missing as a result's are."""
        with _reporting(lambda message: self.compare_failed.emit(item_id, message), original):
            _create_output_folder(folder, target.parent.relative_to(folder))
            label = functools.partial(labelled_picture, labels=labels)
            written = write_comparison(original, result, target, split, decorate=label)
            self.compared.emit(item_id, written)

    @Slot(int, object, object)
    def split(self, item_id: int, scan: Path, out_dir: Path) -> None:
        """Cut the scan's prints into its own folder in ``out_dir`` (see ``engine.split``):
        chosen here, one scan at a time, so two scans of one name never take one folder. The
        spots marked on the scan, if any, are cut with each print and kept as its own."""
        with _reporting(lambda message: self.split_failed.emit(item_id, message), scan):
            _create_output_folder(out_dir)
            marks = stored_marks(scan)

            def keep(print_file: Path, print_marks: np.ndarray) -> None:
                kept = marks_file(print_file)
                if kept is not None:
                    write_marks(kept, print_marks)
                    record_photo(print_file)

            try:
                prints = split_scan_into_its_folder(
                    scan, out_dir, None if marks is None else read_marks(marks), keep
                )
            except NotAScan as error:
                self.not_a_scan.emit(item_id, _sentence(error, _too_large(), scan))
                return
            self.split_done.emit(item_id, prints)
