"""Photos and films restored before with a run's settings: the result a run is about to make
of a photo may already lie where the run would save it, made in an earlier session whose queue
was cleared (a folder of prints added again weeks later). Where the person says so
(``ask_about_earlier``), the run gives those photos their results found rather than restoring
them again beside them as "name (2)"; so too a film's, which took hours to make.

A result is looked for where a run saves it: in the photo's place below the output folder
(``ResultPlaces``), under the name the run's settings give it (its recipe's, by the names'
pattern, as ``app.save_controller.result_stem`` names a result) in the run's format, or under
the numbered name a save gave it where that name held a file that is not the photo's result
(``engine.batch.clear_of_others``, as ``restore --skip-existing`` looks). It is taken only
where it is Rekindle's result of that very photo and whole (``engine.batch.already_restored``:
a person's own picture, or another photo's result, under its name is not), written after the
photo last changed (a result of the photo as it was before is out of date). Its name is what
tells the settings it was made with: where the names' pattern leaves the recipe out
(``{stem}`` alone), none is looked for. A film's result, which a run writes only once it is
whole, is taken where it is Rekindle's film of that very film written in the codec and at the
quality the run writes (``engine.batch.encoded_alike``), a frame sequence's at the rate it is
read at. A film's frames written as pictures are looked for in the folder named after its
result, where the run writes them, or in one numbered after it where a run passed over that
one (``app.frame_output.finished_frames_pattern``, as ``restore-video --skip-existing`` tells
a finished set): they are taken where a restoration of that very film into pictures of the
run's format finished writing them, and each is there and whole, with its sound
(``engine.video.frame_files.finished_frames``; a set cancelled midway is not, and a run goes
on with it), its last frame written after the film last changed. The frames' names tell the
recipe and their format, not the rate a frame sequence was read at (their pixels are the same
at any rate; a DPX frame's header says it).

A photo's result name is looked at on the window's thread, a stat or so a photo; a film's
(a stat and its marks' fingerprint, ``FilmAsked``) and the results found are worked out on a
thread of their own (``EarlierSearch``): reading 400 results' headers takes over 100 ms, a
film's frames are each looked at to tell they are whole, and a collection moved since has its
photos hashed (``SourceRecord.is_of``), which takes minutes."""

from __future__ import annotations

import logging
import os
import string
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from enum import Enum, auto
from fractions import Fraction
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from app.frame_output import finished_frames_pattern, writes_frames
from app.i18n import plural
from app.item_status import ItemStatus
from app.photo_queue import QueueItem
from app.restore_runner import RestoreSettings, ResultPlaces
from app.spot_marks import stored_fingerprint
from app.workers import WorkerThread
from engine.batch import (
    IsResult,
    Job,
    already_restored,
    clear_of_others,
    encoded_alike,
    not_its_result,
    output_name,
)
from engine.filestamp import FileStamp
from engine.media import carries_mark
from engine.recipe import Recipe
from engine.video.frame_files import FrameFiles
from engine.video.join import film_made_by_rekindle, film_record
from engine.video.probe import VideoInfo
from engine.video.restore import VideoOptions, output_suffix
from engine.video.span import FilmSpan

log = logging.getLogger(__name__)
translate = QCoreApplication.translate
"""Strings below are found by pyside6-lupdate under the context "EarlierResults"."""

TAKES_EARLIER = frozenset({ItemStatus.READY, ItemStatus.FAILED, ItemStatus.CANCELLED})
"""Where a photo stands that may take a result found made before: read, and not on its way
nor restored."""


@dataclass(frozen=True)
class FilmSought:
    """What a film's result found must be to be taken: written from ``info``'s film as
    ``writing`` writes it (``encoded_alike``), and a frame sequence's at the ``rate`` it is
    read at (None: a film file, at its own)."""

    info: VideoInfo
    writing: VideoOptions
    rate: Fraction | None = None


@dataclass(frozen=True)
class Sought:
    """A photo or film of a run whose result's name holds a file: its queue item, its file,
    where the run would save its result (``target``), that result's recipe, for a film the
    part its result is of, and for a film written as a film what its result must be
    (``FilmSought``)."""

    item_id: int
    source: Path
    target: Path
    recipe: Recipe
    part: FilmSpan | None = None
    film: FilmSought | None = None


@dataclass(frozen=True)
class FilmAsked:
    """A film of a run that may take a result found (``may_take_earlier``): its queue item as
    it was when the run was asked for, the run's settings, and the folder below the output
    folder its result goes to. What its result's name is made of (``RestoreSettings.film_work``:
    a stat and its marks' fingerprint) is worked out on the finder's thread (``sought``,
    ``frames_found``), so that a queue of hundreds of films does not hold the window up."""

    item: QueueItem
    video: VideoInfo  # the item's, read
    settings: RestoreSettings
    below: Path

    @property
    def as_frames(self) -> bool:
        """Whether the run writes the film's frames as pictures (``writes_frames``)."""
        return writes_frames(self.settings.film_codec)

    def sought(self) -> Sought:
        """Where the run writes the film's result as a film, and what that result must be."""
        item, settings = self.item, self.settings
        work = settings.film_work(item)
        name = work.stem + output_suffix(self.video, settings.film_codec)
        writing = VideoOptions(codec=settings.film_codec, crf=settings.film_crf)
        film = FilmSought(self.video, writing, work.rate)
        target = settings.folder / self.below / name
        return Sought(item.id, item.source, target, work.recipe, work.span, film)

    def frames_found(self) -> EarlierResult | None:
        """The film's frames restored before into the pictures the run writes, where the run
        would have found them (``finished_frames_pattern``: all there and whole, written by
        a restoration of this film that finished), written after the film last changed;
        None where there are none."""
        item, settings = self.item, self.settings
        work = settings.film_work(item)
        folder = settings.folder / self.below
        codec, info, part = settings.film_codec, self.video, work.span
        pattern = finished_frames_pattern(folder, work.stem, codec, info, part)
        if pattern is None:
            return None
        files = FrameFiles.of(pattern, info, part)
        sought = Sought(item.id, item.source, pattern, work.recipe, part)
        return _earlier(sought, pattern, FileStamp.find(files.frame(files.end - 1)))


@dataclass(frozen=True)
class EarlierResult:
    """A photo's or film's result found made before: its queue item, its file, its recipe
    (made when the file was written), the file as it was found (``QueueItem.made_from``), and
    for a film the part its result is of (None for a photo)."""

    item_id: int
    path: Path
    recipe: Recipe
    made_from: FileStamp
    part: FilmSpan | None = None


def may_take_earlier(item: QueueItem) -> bool:
    """Whether a run may give ``item`` a result found made before: a photo or film with no
    result on hand (a restored one asked for again is restored again, as asked), not on its
    way."""
    return item.result is None and item.saved_to is None and item.status in TAKES_EARLIER


def sought_results(
    items: Iterable[QueueItem], settings: RestoreSettings, added: Iterable[Path]
) -> list[Sought | FilmAsked]:
    """The photos among ``items`` that may take a result found (``may_take_earlier``) whose
    result's name for a run with ``settings`` holds a file (where it holds none, the run saves
    the result under it: nothing was restored before), and the films among them that may
    (``FilmAsked``: their results' names are worked out on the finder's thread);
    ``added``: the folders added to the queue, whose results keep their places below the
    output folder. None where the names do not tell the settings (``names_settings``)."""
    if not names_settings(settings.names):
        return []
    places = ResultPlaces(settings.folder, added)
    takers = list(filter(may_take_earlier, items))
    photos = (_sought_photo(item, settings, places) for item in takers if not item.is_video)
    films = (_film_asked(item, settings, places) for item in takers if item.is_video)
    return [
        *(one for one in photos if os.path.lexists(one.target)),
        *(one for one in films if one is not None),
    ]


def _sought_photo(item: QueueItem, settings: RestoreSettings, places: ResultPlaces) -> Sought:
    """Where a run with ``settings`` saves the result of ``item``'s photo, below the output
    folder where ``places`` puts it."""
    recipe = settings.recipe(marked=stored_fingerprint(item.source))
    stem = recipe.file_stem(item.stem, settings.names)
    name = output_name(item.source, settings.output_format, stem)
    return Sought(item.id, item.source, settings.folder / places(item) / name, recipe)


def _film_asked(
    item: QueueItem, settings: RestoreSettings, places: ResultPlaces
) -> FilmAsked | None:
    """What the finder is asked about ``item``'s film, whose result a run with ``settings``
    writes below the output folder where ``places`` puts it; None for a film not read yet."""
    if item.video is None:
        return None
    return FilmAsked(replace(item), item.video, settings, places(item))


def _sought_films(films: Iterable[FilmAsked]) -> list[Sought]:
    """Those of ``films`` written as films whose result's name holds a file, and what their
    results must be."""
    sought = (film.sought() for film in films)
    return [one for one in sought if os.path.lexists(one.target)]


def names_settings(pattern: str) -> bool:
    """Whether results named by the pattern ``pattern`` (``engine.recipe``'s) are named
    apart by the settings they were made with: it holds ``{recipe}``."""
    return any(
        field == "recipe" for _text, field, _spec, _kind in string.Formatter().parse(pattern)
    )


def earlier_results(asked: Sequence[Sought | FilmAsked]) -> list[EarlierResult]:
    """Those of the photos and films ``asked`` whose result is there (see the module's
    docstring). The app keeps no journal of its saves, so a result is told Rekindle's by its
    mark (``carries_mark``, ``film_made_by_rekindle``), a film's frames by the record their
    restoration keeps beside them (``finished_frames_pattern``)."""
    photos = [one for one in asked if isinstance(one, Sought)]
    films = [one for one in asked if isinstance(one, FilmAsked)]
    as_films = _sought_films(one for one in films if not one.as_frames)
    as_frames = (one.frames_found() for one in films if one.as_frames)
    return [
        *_found(photos, carries_mark, _photo_taken),
        *_found(as_films, film_made_by_rekindle, _film_taken),
        *(found for found in as_frames if found is not None),
    ]


def _found(
    sought: list[Sought], is_result: IsResult, taken: Callable[[Sought, Job], bool]
) -> list[EarlierResult]:
    """Those of ``sought`` whose result lies under their result's name, or the numbered name
    a run gave it where that name held a file not theirs (``clear_of_others``), written after
    their file last changed, and ``taken`` as theirs of these settings."""
    jobs = clear_of_others([Job(one.source, one.target) for one in sought], is_result)
    found = []
    for one, job in zip(sought, jobs, strict=True):
        result = _earlier(one, job.target, FileStamp.find(job.target))
        if result is not None and taken(one, job):
            found.append(result)
    return found


def _earlier(one: Sought, path: Path, written: FileStamp | None) -> EarlierResult | None:
    """``one``'s result at ``path``, last written as ``written`` says, found made before;
    None where it is gone, or was made of the file as it was before it last changed."""
    made_from = FileStamp.find(one.source)
    if written is None or made_from is None or written.mtime_ns < made_from.mtime_ns:
        return None
    recipe = replace(one.recipe, made_at=written.mtime_ns / 1e9)
    return EarlierResult(one.item_id, path, recipe, made_from, one.part)


def _photo_taken(_photo: Sought, job: Job) -> bool:
    """Whether the file at the job's target is Rekindle's whole result of its photo."""
    return already_restored(job, carries_mark)


def _film_taken(one: Sought, job: Job) -> bool:
    """Whether the file at the job's target is Rekindle's result of its film, written as the
    run writes it (``encoded_alike``; a frame sequence's at the rate it is read at)."""
    film = one.film
    if film is None or not_its_result(job.target, job.source, film_made_by_rekindle) is not None:
        return False
    record = film_record(job.target)
    return (
        record is not None
        and encoded_alike(record, film.writing, film.info) is True
        and film.rate in (None, record.rate)
    )


class _Finder(QObject):
    """Runs ``earlier_results`` on its thread, one look at a time in the order asked."""

    found = Signal(object, object)  # the look's key, list[EarlierResult]

    @Slot(object, object)
    def find(self, key: object, asked: list[Sought | FilmAsked]) -> None:
        try:
            found = earlier_results(asked)
        except Exception:  # no check foresaw it: the photos are restored as they would be else
            log.exception("Looking for results made before failed")
            found = []
        self.found.emit(key, found)


class EarlierSearch(QObject):
    """Looks for results made before (``earlier_results``) on a thread of its own, started
    with the first look, and answers each look with ``found``."""

    found = Signal(object, object)  # the key the look was asked with, list[EarlierResult]
    _find = Signal(object, object)  # to the finder's thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: WorkerThread | None = None

    def look(self, key: object, asked: list[Sought | FilmAsked]) -> None:
        """Judge the files found of the photos and films ``asked`` (``sought_results``);
        ``found`` answers with ``key``."""
        if self._thread is None:
            finder = _Finder()
            finder.found.connect(self.found)
            self._find.connect(finder.find)
            self._thread = WorkerThread(finder, "rekindle-earlier")
        self._find.emit(key, asked)

    def stop(self) -> None:
        """Let the thread go once the look under way ends, without waiting for it (the window
        closes: nobody waits for its answer)."""
        if self._thread is not None:
            self._thread.let_go()
            self._thread = None


class EarlierAnswer(Enum):
    USE = auto()  # the photos take the results found
    AGAIN = auto()  # they are restored again, their results saved beside those found
    CANCEL = auto()  # nothing starts


def ask_about_earlier(
    parent: QWidget, found: Sequence[EarlierResult], folder: Path
) -> EarlierAnswer:
    """What a run does of its photos and films ``found`` restored before with its settings,
    into the output folder ``folder``: take those results (the default), restore them again,
    or start nothing (Cancel, as closing the box does)."""
    text, question = _earlier_words(found)
    box = QMessageBox(
        QMessageBox.Icon.Question,
        translate("EarlierResults", "Restored Before"),
        text.format(count=len(found)),
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setInformativeText(question.format(folder=folder))
    use = box.addButton(
        translate("EarlierResults", "Use Those Results"), QMessageBox.ButtonRole.YesRole
    )
    again = box.addButton(
        translate("EarlierResults", "Restore Again"), QMessageBox.ButtonRole.NoRole
    )
    box.setDefaultButton(use)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is use:
        return EarlierAnswer.USE
    return EarlierAnswer.AGAIN if clicked is again else EarlierAnswer.CANCEL


def _earlier_words(found: Sequence[EarlierResult]) -> tuple[str, str]:
    """What the question about the results ``found`` says (``{count}`` in the first) and asks
    (``{folder}``), naming photos, films, or both as they are."""
    films = sum(result.part is not None for result in found)
    if films == 0:
        text = plural(
            len(found),
            translate(
                "EarlierResults", "1 of these photos was restored before with these settings."
            ),
            translate(
                "EarlierResults",
                "{count} of these photos were restored before with these settings.",
            ),
        )
        question = translate(
            "EarlierResults",
            "Their results are in {folder}\n\nUse those results, or restore the photos again "
            "and save the new results beside them?",
        )
    elif films == len(found):
        text = plural(
            films,
            translate(
                "EarlierResults", "1 of these films was restored before with these settings."
            ),
            translate(
                "EarlierResults", "{count} of these films were restored before with these settings."
            ),
        )
        question = translate(
            "EarlierResults",
            "Their results are in {folder}\n\nUse those results, or restore the films again "
            "and save the new results beside them?",
        )
    else:
        text = translate(
            "EarlierResults",
            "{count} of these photos and films were restored before with these settings.",
        )
        question = translate(
            "EarlierResults",
            "Their results are in {folder}\n\nUse those results, or restore them again and "
            "save the new results beside them?",
        )
    return text, question
