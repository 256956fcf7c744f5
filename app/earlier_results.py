"""Photos restored before with a run's settings: the result a run is about to make of a photo
may already lie where the run would save it, made in an earlier session whose queue was
cleared (a folder of prints added again weeks later). Where the person says so
(``ask_about_earlier``), the run gives those photos their results found rather than restoring
them again beside them as "name (2)".

A result is looked for where a run saves it: in the photo's place below the output folder
(``ResultPlaces``), under the name the run's settings give it (its recipe's, by the names'
pattern, as ``app.save_controller.result_stem`` names a result) in the run's format, or under
the numbered name a save gave it where that name held a file that is not the photo's result
(``engine.batch.clear_of_others``, as ``restore --skip-existing`` looks). It is taken only
where it is Rekindle's result of that very photo and whole (``engine.batch.already_restored``:
a person's own picture, or another photo's result, under its name is not), written after the
photo last changed (a result of the photo as it was before is out of date). Its name is what
tells the settings it was made with: where the names' pattern leaves the recipe out
(``{stem}`` alone), none is looked for.

A photo's result name is looked at on the window's thread, a stat or so a photo; the results
found are judged on a thread of their own (``EarlierSearch``): reading 400 results' headers
takes over 100 ms, and a collection moved since has its photos hashed (``SourceRecord.is_of``),
which takes minutes."""

from __future__ import annotations

import logging
import os
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import Enum, auto
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from app.i18n import plural
from app.item_status import ItemStatus
from app.photo_queue import QueueItem
from app.restore_runner import RestoreSettings, ResultPlaces
from app.spot_marks import stored_fingerprint
from app.workers import WorkerThread
from engine.batch import Job, already_restored, clear_of_others, output_name
from engine.filestamp import FileStamp
from engine.media import carries_mark
from engine.recipe import Recipe

log = logging.getLogger(__name__)
translate = QCoreApplication.translate
"""Strings below are found by pyside6-lupdate under the context "EarlierResults"."""

TAKES_EARLIER = frozenset({ItemStatus.READY, ItemStatus.FAILED, ItemStatus.CANCELLED})
"""Where a photo stands that may take a result found made before: read, and not on its way
nor restored."""


@dataclass(frozen=True)
class Sought:
    """A photo of a run whose result's name holds a file: its queue item, its file, where the
    run would save its result (``target``), and that result's recipe."""

    item_id: int
    source: Path
    target: Path
    recipe: Recipe


@dataclass(frozen=True)
class EarlierResult:
    """A photo's result found made before: its queue item, its file, its recipe (made when
    the file was written), and the photo's file as it was found (``QueueItem.made_from``)."""

    item_id: int
    path: Path
    recipe: Recipe
    made_from: FileStamp


def may_take_earlier(item: QueueItem) -> bool:
    """Whether a run may give ``item`` a result found made before: a photo with no result on
    hand (a restored one asked for again is restored again, as asked), not on its way."""
    return (
        not item.is_video
        and item.result is None
        and item.saved_to is None
        and item.status in TAKES_EARLIER
    )


def sought_results(
    items: Iterable[QueueItem], settings: RestoreSettings, added: Iterable[Path]
) -> list[Sought]:
    """The photos among ``items`` that may take a result found (``may_take_earlier``) whose
    result's name for a run with ``settings`` holds a file (where it holds none, the run saves
    the result under it: nothing was restored before); ``added``: the folders added to the
    queue, whose results keep their places below the output folder. None where the names
    do not tell the settings (``names_settings``)."""
    if not names_settings(settings.names):
        return []
    places = ResultPlaces(settings.folder, added)
    found = []
    for item in filter(may_take_earlier, items):
        recipe = settings.recipe(marked=stored_fingerprint(item.source))
        stem = recipe.file_stem(item.stem, settings.names)
        target = (
            settings.folder / places(item) / output_name(item.source, settings.output_format, stem)
        )
        if os.path.lexists(target):
            found.append(Sought(item.id, item.source, target, recipe))
    return found


def names_settings(pattern: str) -> bool:
    """Whether results named by the pattern ``pattern`` (``engine.recipe``'s) are named
    apart by the settings they were made with: it holds ``{recipe}``."""
    return any(
        field == "recipe" for _text, field, _spec, _kind in string.Formatter().parse(pattern)
    )


def earlier_results(sought: Sequence[Sought]) -> list[EarlierResult]:
    """Those of ``sought`` whose result is there (see the module's docstring). The app keeps
    no journal of its saves, so a result is told Rekindle's by its mark (``carries_mark``)."""
    jobs = clear_of_others([Job(photo.source, photo.target) for photo in sought], carries_mark)
    found = []
    for photo, job in zip(sought, jobs, strict=True):
        written, made_from = FileStamp.find(job.target), FileStamp.find(job.source)
        if written is None or made_from is None or written.mtime_ns < made_from.mtime_ns:
            continue  # gone, or made of the photo as it was before it last changed
        if already_restored(job, carries_mark):
            recipe = replace(photo.recipe, made_at=written.mtime_ns / 1e9)
            found.append(EarlierResult(photo.item_id, job.target, recipe, made_from))
    return found


class _Finder(QObject):
    """Runs ``earlier_results`` on its thread, one look at a time in the order asked."""

    found = Signal(object, object)  # the look's key, list[EarlierResult]

    @Slot(object, object)
    def find(self, key: object, sought: list[Sought]) -> None:
        try:
            found = earlier_results(sought)
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

    def look(self, key: object, sought: list[Sought]) -> None:
        """Judge the files ``sought`` found; ``found`` answers with ``key``."""
        if self._thread is None:
            finder = _Finder()
            finder.found.connect(self.found)
            self._find.connect(finder.find)
            self._thread = WorkerThread(finder, "rekindle-earlier")
        self._find.emit(key, sought)

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


def ask_about_earlier(parent: QWidget, count: int, folder: Path) -> EarlierAnswer:
    """What a run does of its ``count`` photos found restored before with its settings, into
    the output folder ``folder``: take those results (the default), restore them again, or
    start nothing (Cancel, as closing the box does)."""
    text = plural(
        count,
        translate("EarlierResults", "1 of these photos was restored before with these settings."),
        translate(
            "EarlierResults", "{count} of these photos were restored before with these settings."
        ),
    )
    box = QMessageBox(
        QMessageBox.Icon.Question,
        translate("EarlierResults", "Restored Before"),
        text.format(count=count),
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    question = translate(
        "EarlierResults",
        "Their results are in {folder}\n\nUse those results, or restore the photos again "
        "and save the new results beside them?",
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
