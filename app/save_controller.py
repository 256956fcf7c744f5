"""Saving restored photos: which to hand to the saver (``SaveBook``), under which name (the
original's with the result's recipe, by the person's pattern), the saver's thread, and what
the queue and the person hear back. The saver also cuts scans into prints;
``app.scan_split`` asks it through ``worker``.

Saves asked for by hand hold the output folder, as a run writing as it goes does
(``app.output_hold``, the run's hold shared): where another Rekindle run writes there, nothing
is saved, and the person is told why. Saves made at once after a restoration are held by
their run."""

from __future__ import annotations

import contextlib
import os
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, Signal

from app.i18n import plural
from app.item_status import ItemStatus
from app.output_hold import OutputHold
from app.photo_queue import QueueItem, QueueModel
from app.restore_runner import RestoreSettings, ResultPlaces
from app.save_book import SaveBook, SavesDone
from app.settings_panel import SettingsPanel
from app.workers import SaveJob, SaveWorker, WorkerThread, saved_there
from engine.batch import output_name
from engine.imageio import format_of
from engine.same_file import Place, place_of

translate = QCoreApplication.translate
"""Strings below are found by pyside6-lupdate under the context "MainWindow": they were the
window's, and show in its status bar."""


class SaveController(QObject):
    """Hands restored photos to the saver and notes where each was written."""

    message = Signal(str)  # for the status bar
    saved = Signal(int)  # item id: its result is in its file now
    failed = Signal(int, str, bool)  # item id, the sentence said, whether it was saved at once
    _request_save = Signal(object)  # SaveJob, to the saver's thread

    def __init__(
        self, queue: QueueModel, panel: SettingsPanel, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._queue = queue
        self._panel = panel
        self._book = SaveBook()
        self._saving: dict[int, QueueItem] = {}  # by id, also once taken out of the queue
        self._restored = RestoredPhotos(queue)
        self._result_names: ResultNames | None = None  # Save's, kept (``_names``)
        self.hold = OutputHold()  # the output folders saved into, held with the runs' own
        self._held_for: set[int] = set()  # item ids, of the saves by hand made under the hold
        self.worker = SaveWorker()
        self._thread = WorkerThread(self.worker, "rekindle-saver")
        self._request_save.connect(self.worker.save)
        self.worker.saved.connect(self._on_saved)
        self.worker.failed.connect(self._on_failed)

    def save(
        self, items: list[QueueItem], *, by_hand: bool = True, run: RestoreSettings | None = None
    ) -> None:
        """Hand the restored photos among ``items`` to the saver; saves made at once after a
        restoration (not ``by_hand``) show in the queue only, not in the status bar. They go
        into the output folder, in the format and under the names of the settings their run
        was asked with, ``run``, as its films do; without ``run`` (Save or Save All asked for
        later), those shown now. Saves by hand save only those a save would write
        (``_to_write``): a photo whose result lies in the very file it would be saved as is
        not written again."""
        folder, fmt, names = self._chosen(run)
        left = list(self._to_write(items, folder, fmt, names)) if by_hand else items
        if by_hand and not self._hold(left, folder):
            return
        ready = self._book.start(left, by_hand=by_hand)
        if by_hand:
            self._held_for.update(item.id for item in ready)
        if not ready:
            if by_hand:
                self.message.emit(self._nothing_to_save(items))
                self._let_go_once_answered()
            return
        jobs = SaveJobs(folder, fmt, names, self._queue.added_folders())
        for item in ready:
            self._saving[item.id] = item
            self._request_save.emit(jobs(item))
        if by_hand:
            self.message.emit(translate("MainWindow", "Saving…"))

    def _hold(self, items: list[QueueItem], folder: Path) -> bool:
        """Hold the output folder ``folder`` for the saves by hand of ``items``, those that
        can be saved (``OutputHold.take``); where another Rekindle run writes there, say so
        and answer False: nothing is saved."""
        saved = [item for item in items if item.can_be_saved]
        if not saved:
            return True
        refused = self.hold.take(self, folder, saved, self._queue.added_folders())
        if refused:
            text = translate("MainWindow", "Saving did not start: {reason}.")
            self.message.emit(text.format(reason=refused))
        return not refused

    def _nothing_to_save(self, items: list[QueueItem]) -> str:
        """Why a save by hand of ``items`` wrote nothing: those restored are saved as chosen
        already (or being saved), or none is restored."""
        if any(item.can_be_saved for item in items):
            return translate(
                "MainWindow",
                "Already saved in the format and output folder chosen: nothing new to write.",
            )
        return translate("MainWindow", "Nothing to save: restore some photos first.")

    def _let_go_once_answered(self) -> None:
        """Let the output folders go once the saver has answered for each save by hand."""
        self._held_for.intersection_update(self._saving)
        if not self._held_for:
            self.hold.let_go(self)

    def save_at_once(self, item_id: int, run: RestoreSettings | None) -> None:
        """A photo just restored by a run asked with ``run``, saved at once where the person
        chose so (a film was written as it was restored)."""
        item = self._queue.item(item_id)
        if item is not None and self._panel.auto_save():
            self.save([item], by_hand=False, run=run)

    def save_all(self) -> None:
        self.save(list(self.left_to_save()))

    def has_to_write(self, items: Iterable[QueueItem]) -> bool:
        """Whether Save is offered for ``items`` (the selected ones): a save of them would
        write a file (``_to_write``)."""
        return any(True for _item in self._to_write(items, *self._chosen(None)))

    def _to_write(
        self, items: Iterable[QueueItem], folder: Path, fmt: str | None, names: str
    ) -> Iterator[QueueItem]:
        """The restored photos among ``items`` not being saved that a save into ``folder``
        in ``fmt`` under the names ``names`` would write: never saved, or saved under
        another name, in another place or format, or in a file gone since
        (``app.workers.saved_there``)."""
        jobs = SaveJobs(folder, fmt, names, self._queue.added_folders(), self._names(fmt, names))
        for item in items:
            if item.status is not ItemStatus.RESTORED or item.is_video or self.is_saving(item.id):
                continue
            if jobs.has_picture(item) and not jobs.is_done_already(item):
                yield item

    def _names(self, fmt: str | None, names: str) -> ResultNames:
        """The results' names in ``fmt`` under ``names``, kept from one judgement of the
        actions to the next while those stay."""
        kept = self._result_names
        if kept is None or (kept.fmt, kept.names) != (fmt, names):
            self._result_names = kept = ResultNames(fmt, names)
        return kept

    def has_left_to_save(self) -> bool:
        """Whether Save All is offered (``left_to_save``), judged once for each ``Claim``
        among the restored photos rather than for each photo: the actions are judged often,
        and a long queue's photos restored and saved share a few claims."""
        saved_as_chosen = self._saved_as_chosen()
        for claim, item_ids in self._restored.by_claim(saved_as_chosen).items():
            one = next((i for i in item_ids if i not in self._saving), None)
            if one is not None and not saved_as_chosen.holds(claim, self._queue.item(one)):
                return True
        return False

    def left_to_save(self) -> Iterator[QueueItem]:
        """What Save All saves, and is offered for: the restored photos not being saved and
        not saved as the settings shown say (``SavedAsChosen``): never saved, or saved in
        another format or into another output folder than those chosen now."""
        saved_as_chosen = self._saved_as_chosen()
        return (
            item
            for item in self._queue.items()
            if item.status is ItemStatus.RESTORED
            and not item.is_video
            and not self.is_saving(item.id)
            and not saved_as_chosen(item)
        )

    def _saved_as_chosen(self) -> SavedAsChosen:
        """Whether a photo is saved as the settings shown say, asked afresh of the disk."""
        folder, fmt, _names = self._chosen(None)
        return SavedAsChosen(folder, fmt, self._queue.added_folders())

    def _chosen(self, run: RestoreSettings | None) -> tuple[Path, str | None, str]:
        """The output folder, the format and the result names' pattern: ``run``'s, or else
        those shown."""
        if run is not None:
            return run.folder, run.output_format, run.names
        panel = self._panel
        return panel.output_folder(), panel.output_format(), panel.result_names()

    def is_saving(self, item_id: int) -> bool:
        """Whether the item's result is with the saver, not answered for yet."""
        return item_id in self._saving

    def unsaved(self) -> list[QueueItem]:
        """The restored photos neither saved nor being saved: what quitting now would lose."""
        restored = (i for i in self._queue.items() if i.status is ItemStatus.RESTORED)
        return self._book.unsaved(restored)

    def stop(self) -> None:
        """Write every picture handed to the saver, then stop its thread, and hear its
        answers at once (``_on_saved``, ``_on_failed``, queued for the event loop that the
        closing window no longer runs): the queue notes where each photo was written
        before the workspace is closed."""
        self._thread.stop(finish_queued=True)
        QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)

    def _on_saved(self, item_id: int, path: Path, left_out: tuple[str, ...] | None) -> None:
        """The result written to ``path``, which left out of it ``left_out`` (None: what the
        file it was copied from left out, ``SaveWorker.save``)."""
        done = self._book.written(item_id, path)
        item = self._saving.pop(item_id)
        copied = item.left_out.get(item.saved_to, ())  # of the file saved before
        item.left_out[path] = copied if left_out is None else left_out
        self._queue.add_result(item, path)
        self._let_go_once_answered()
        self.saved.emit(item_id)
        if done is not None:
            self.message.emit(_report(done))

    def _on_failed(self, item_id: int, message: str) -> None:
        at_once, done = self._book.failed(item_id)
        item = self._saving.pop(item_id)
        self._let_go_once_answered()
        self._queue.update(item_id, message=message)
        text = translate("MainWindow", "Could not save {name}: {reason}")
        said = text.format(name=item.name, reason=message)
        if done is not None and (done.written or done.failed > 1):
            said = f"{_report(done)} {said}"
        self.message.emit(said)
        self.failed.emit(item_id, said, at_once)


def _report(done: SavesDone) -> str:
    """What came of saves asked for together: where those written went (the folder holding
    them all, a folder's results lying in its subfolders), and how many failed."""
    texts = []
    if done.written == 1:
        [place] = done.places
        text = translate("MainWindow", "Saved {name} in {folder}.")
        texts.append(text.format(name=place.name, folder=place.parent))
    elif done.written:
        folder = Path(os.path.commonpath([place.parent for place in done.places]))
        text = translate("MainWindow", "Saved {count} photos in {folder}.")
        texts.append(text.format(count=done.written, folder=folder))
    if done.failed:
        text = plural(
            done.failed,
            translate("MainWindow", "1 photo could not be saved (its row says why)."),
            translate("MainWindow", "{count} photos could not be saved (their rows say why)."),
        )
        texts.append(text.format(count=done.failed))
    return " ".join(texts)


class Claim(NamedTuple):
    """What of a restored photo tells whether its result is saved as chosen
    (``SavedAsChosen``), the disk aside: the folder added it was found in and its own folder
    (where below the output folder its result goes, ``ResultPlaces``), and the folders
    holding its result in the format chosen. The photos of a folder saved alike share one."""

    added_with: Path | None
    folder: Path
    saved_in: frozenset[Path]


class RestoredPhotos:
    """The queue's restored photos (not films) by their ``Claim``, kept as rows change (told
    by the queue's signals): each question goes over the rows changed since the one before,
    or over every row once the format chosen changed, not over a long queue each time."""

    def __init__(self, queue: QueueModel) -> None:
        self._queue = queue
        self._fmt: str | None = None  # the format the claims are for
        self._claims: dict[int, Claim] = {}  # by item id
        self._members: dict[Claim, set[int]] = {}  # the item ids of each claim
        self._changed: set[int] | None = None  # the ids of the rows changed (None: every row)
        queue.dataChanged.connect(self._rows_changed)
        queue.rowsInserted.connect(self._rows_came_or_go)
        queue.rowsAboutToBeRemoved.connect(self._rows_came_or_go)
        queue.modelReset.connect(self._every_row_changed)

    def by_claim(self, saved_as_chosen: SavedAsChosen) -> dict[Claim, set[int]]:
        """The ids of the restored photos by their claims as ``saved_as_chosen`` makes them."""
        if saved_as_chosen.fmt != self._fmt:
            self._fmt = saved_as_chosen.fmt
            self._every_row_changed()
        if self._changed is None:
            self._claims.clear()
            self._members.clear()
            changed: Iterable[int] = [item.id for item in self._queue.items()]
        else:
            changed = self._changed
        self._changed = set()
        for item_id in changed:
            self._claim_again(item_id, saved_as_chosen)
        return self._members

    def _claim_again(self, item_id: int, saved_as_chosen: SavedAsChosen) -> None:
        """Drop the item's claim, and make it anew where it is a restored photo in the queue."""
        old = self._claims.pop(item_id, None)
        if old is not None:
            self._members[old].discard(item_id)
            if not self._members[old]:
                del self._members[old]
        item = self._queue.item(item_id)
        if item is not None and item.status is ItemStatus.RESTORED and not item.is_video:
            claim = saved_as_chosen.claim(item)
            self._claims[item_id] = claim
            self._members.setdefault(claim, set()).add(item_id)

    def _rows_changed(self, top: QModelIndex, bottom: QModelIndex, *_roles: object) -> None:
        self._note_rows(top.row(), bottom.row())

    def _rows_came_or_go(self, _parent: QModelIndex, first: int, last: int) -> None:
        self._note_rows(first, last)

    def _note_rows(self, first: int, last: int) -> None:
        if self._changed is not None:
            items = map(self._queue.item_at, range(first, last + 1))
            self._changed.update(item.id for item in items if item is not None)

    def _every_row_changed(self) -> None:
        self._changed = None


class SavedAsChosen:
    """Whether an item's result is saved where a save into the output folder ``folder`` in
    the format ``fmt`` would put it (``SaveWorker.save``): in its place below ``folder``
    (``ResultPlaces``, the folders ``added`` to the queue told apart) and in that format,
    whatever its name (a name taken there gets "name (2)").

    Asked about every row of a queue by Save All, and about each ``Claim`` each time the
    actions are judged: each folder is looked at on the disk once (``place_of``), however
    many results lie in it."""

    def __init__(self, folder: Path, fmt: str | None, added: Iterable[Path]) -> None:
        self._folder = folder
        self._fmt = fmt
        self._below = ResultPlaces(folder, added)
        self._places: dict[Path, Place] = {}  # of each folder looked at

    @property
    def fmt(self) -> str | None:
        """The format chosen, the only setting a ``Claim`` depends on."""
        return self._fmt

    def __call__(self, item: QueueItem) -> bool:
        return self.holds(self.claim(item), item)

    def claim(self, item: QueueItem) -> Claim:
        """What of ``item`` tells whether it is saved as chosen, the disk aside."""
        wanted = format_of(output_name(item.source, self._fmt))
        files = result_files(item)
        saved_in = frozenset(file.parent for file in files if format_of(file) == wanted)
        return Claim(item.added_with, item.source.parent, saved_in)

    def holds(self, claim: Claim, item: QueueItem) -> bool:
        """Whether the photos of ``claim``, ``item`` one of them, are saved as chosen."""
        if not claim.saved_in:
            return False
        place = self._place_of(self._folder / self._below(item))
        return any(self._place_of(folder) == place for folder in claim.saved_in)

    def _place_of(self, folder: Path) -> Place:
        if folder not in self._places:
            self._places[folder] = place_of(folder)
        return self._places[folder]


class SaveJobs:
    """The saver's job for each restored photo saved into the output folder ``folder`` in
    the format ``fmt`` under the names ``names`` (``__call__``), and whether it would write
    anything (``is_done_already``).

    Whether Save is offered is asked of every photo selected each time the actions are
    judged: the names of the results' files are worked out once for each photo and recipe
    (``names_kept``, kept while the format and the names' pattern stay), and a folder whose
    files are asked about often is listed once (``_is_file``)."""

    def __init__(
        self,
        folder: Path,
        fmt: str | None,
        names: str,
        added: Iterable[Path],
        names_kept: ResultNames | None = None,
    ) -> None:
        self._folder = folder
        self._places = ResultPlaces(folder, added)
        self._names = names_kept if names_kept is not None else ResultNames(fmt, names)
        self._under: dict[Path, Path] = {}  # the folders below ``folder``, by their place
        self._looks: dict[Path, int] = {}  # the files looked for alone, by folder
        self._listed: dict[Path, frozenset[str]] = {}  # the files' names, by folder

    def __call__(self, item: QueueItem) -> SaveJob:
        picture = item.result if item.result is not None else item.saved_to
        fmt, stem = self._names.fmt, self._names.stem(item)
        below = self._places(item)
        return SaveJob(item.id, picture, item.source, self._folder, fmt, stem, item.saved_to, below)

    def is_done_already(self, item: QueueItem) -> bool:
        """Whether ``item``'s result lies in the file its save would write
        (``saved_there``)."""
        saved_to = item.saved_to
        if saved_to is None:
            return False
        below = self._places(item)
        if below not in self._under:
            self._under[below] = self._folder / below
        return saved_there(self._under[below] / self._names(item), saved_to, self._is_file)

    def has_picture(self, item: QueueItem) -> bool:
        """Whether ``item``'s result can be written: in memory, or in the file it was saved
        in (the pixels of a result saved are let go; where that file was deleted since,
        only restoring again makes it anew)."""
        saved_to = item.saved_to
        return item.result is not None or (saved_to is not None and self._is_file(saved_to))

    def _is_file(self, file: Path) -> bool:
        """Whether ``file`` is there: looked for alone while few files of its folder were
        asked about, else found among the folder's files, listed once. A file that cannot
        be looked at (its name too long, its drive gone) is not there."""
        folder = file.parent
        names = self._listed.get(folder)
        if names is None:
            self._looks[folder] = looks = self._looks.get(folder, 0) + 1
            if looks <= LOOKS_BEFORE_LISTING:
                with contextlib.suppress(OSError):
                    return file.is_file()
                return False
            self._listed[folder] = names = _files_in(folder)
        return unicodedata.normalize("NFC", file.name) in names


LOOKS_BEFORE_LISTING = 32
"""The files of a folder looked for alone before the folder is listed: a listing costs more
than one look (about 11 ms for 20,000 files on a local disk) but less than many (3,000 looks
about 30 ms, and far more on a network share)."""


def _files_in(folder: Path) -> frozenset[str]:
    """The names of the files in ``folder`` (NFC: a Mac's disk gives them decomposed); none
    where it cannot be read."""
    try:
        with os.scandir(folder) as entries:
            return frozenset(
                unicodedata.normalize("NFC", entry.name) for entry in entries if entry.is_file()
            )
    except OSError:
        return frozenset()


class ResultNames:
    """The names of restored photos' files in the format ``fmt`` under the names' pattern
    ``names``, each worked out once for a photo and the recipe of its result on hand."""

    def __init__(self, fmt: str | None, names: str) -> None:
        self.fmt = fmt
        self.names = names
        self._known: dict[int, tuple[tuple[object, ...], str]] = {}  # by item id

    def stem(self, item: QueueItem) -> str:
        return result_stem(item, self.names)

    def __call__(self, item: QueueItem) -> str:
        made_of = (item.source, item.recipe, item.stem)
        known = self._known.get(item.id)
        if known is None or known[0] != made_of:
            known = (made_of, output_name(item.source, self.fmt, self.stem(item)))
            self._known[item.id] = known
        return known[1]


def result_files(item: QueueItem) -> list[Path]:
    """The files the result on hand was saved in: ``saved_to``, and those in the item's
    history made with its recipe (the same pixels, saved before in another format or
    folder). None before it is first saved: a file of the same recipe may then hold a result
    made otherwise (by a model of the same name since replaced), and quitting would lose it."""
    if item.saved_to is None:
        return []
    earlier = (file.path for file in item.history if file.recipe == item.recipe)
    return list(dict.fromkeys([item.saved_to, *earlier]))


def result_stem(item: QueueItem, names: str) -> str:
    """The result's file name without extension: the original's (``QueueItem.stem``) and the
    recipe's, by the pattern ``names``."""
    return item.recipe.file_stem(item.stem, names) if item.recipe is not None else item.stem
