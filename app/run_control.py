"""Runs started and stopped at a person's asking: the selection, or all the queue has left to
restore, with the current settings once the results' sizes pass (``app.size_check``, which may
offer a smaller model for films); and the runner's reports in the status bar: its bars, each
item restored, how the run ended.

Where results are written as they are made (photos saved at once, films), the output folder is
checked before the run starts; a photo's save that fails once it has started stops it where the
photos still to come could not be saved either (a disk gone full, a drive unplugged, a folder of
results they share that takes no files), and not where the failure is that photo's alone; its
end, said once the saver has answered for each photo, counts the results not saved and says
what to do about them.

Such a run holds its output folder meanwhile (``app.output_hold``, the window's saves asked
for by hand sharing the hold): no command-line batch, nor another window's run, writes results
where it does, their results taking the names of its own; the hold lasts till the saver has
answered for each photo restored. A run whose photos are saved only when asked writes nothing,
and holds nothing.

Before a run starts, the photos whose results it would make lie already where it would save
them (``app.earlier_results``: a folder added again after its queue was cleared) take those
results instead of being restored again beside them, where the person says so; the run's end
counts those taken."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject, Signal
from PySide6.QtWidgets import QWidget

from app.action_rules import left_to_restore
from app.earlier_results import (
    EarlierAnswer,
    EarlierResult,
    EarlierSearch,
    ask_about_earlier,
    may_take_earlier,
    sought_results,
)
from app.i18n import engine_words, plural
from app.item_status import BUSY_STATUSES, LEFT_BY_RESTORE_ALL, ItemStatus
from app.output_hold import OutputHold, result_folder
from app.output_place import OutputFolderAway, check_output_folder
from app.photo_queue import QueueItem, QueueModel
from app.restore_runner import RestoreRunner, RestoreSettings, RunProgress, RunSummary, Tally
from app.run_bars import RunBars
from app.save_controller import SaveController
from app.selection import Selection
from app.settings_panel import SettingsPanel
from app.size_check import SizeAnswer, SizeReport, check_results, confirm_sizes
from app.workers import output_folder_away
from engine.errors import WriteError, nearest_existing
from engine.preflight import check_destination


@dataclass
class _RunSaves:
    """A run's photos restored, and what became of their saves made at once."""

    asked: set[int] = field(default_factory=set)  # item ids, of the photos asked for
    unopened: set[int] = field(default_factory=set)  # item ids, of those that cannot be opened
    restored: set[int] = field(default_factory=set)  # item ids, of those restored
    removed: set[int] = field(default_factory=set)  # item ids, of those taken out before a turn
    taken: set[int] = field(default_factory=set)  # item ids, of those given results made before
    films: set[int] = field(default_factory=set)  # item ids, of the films among those
    not_saved: list[str] = field(default_factory=list)  # what was said of each failed save
    stopped: bool = False  # one of those stopped the run
    folder: Path | None = None  # the output folder the run's photos are saved into
    ended: RunSummary | None = None  # how the run ended, said once its saves are answered

    def ask(self, item_ids: list[int], unopened: set[int]) -> None:
        """Count ``item_ids`` and ``unopened`` with the run; those taken out earlier and asked
        for again are no longer counted as removed."""
        self.asked.update(item_ids)
        self.unopened |= unopened
        self.removed -= {*item_ids, *unopened}

    def take_out(self, items: Iterable[QueueItem]) -> None:
        """Count those of ``items``, leaving the queue, that had not had their turn (waiting
        in the run, or files it could not open) as removed, and as nothing else: the run
        drops them (``RestoreRunner.forget``), and Undo puts them back not restored."""
        for item in items:
            waiting = item.id in self.asked and item.status is ItemStatus.QUEUED
            if waiting or item.id in self.unopened:
                self.unopened.discard(item.id)
                self.removed.add(item.id)


@dataclass(eq=False)
class _Looking:
    """A run asked for, waiting to start while the results its photos may have from before
    are looked for (``app.earlier_results``); told apart from a later one by its identity."""

    item_ids: list[int]
    unopened: set[int]
    settings: RestoreSettings


class RunControl(QObject):
    """Starts and cancels ``runner``'s runs for ``window``, and says how they go (with the
    saves made at once of their photos, by ``saving``)."""

    message = Signal(str)  # for the status bar
    waiting_changed = Signal()  # a run waiting for its results made before stopped waiting

    def __init__(
        self,
        window: QWidget,
        runner: RestoreRunner,
        queue: QueueModel,
        selection: Selection,
        panel: SettingsPanel,
        bars: RunBars,
        saving: SaveController | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._runner = runner
        self._queue = queue
        self._selection = selection
        self._panel = panel
        self._bars = bars
        runner.progress_changed.connect(self._on_progress)
        runner.running_changed.connect(bars.set_running)
        runner.item_restored.connect(self._on_restored)
        runner.run_finished.connect(self._on_finished)
        runner.earlier_kept.connect(self._on_earlier_kept)
        self._kept: list[str] = []  # this run's photos whose earlier result stayed, and why
        self._after_reading: list[int] = []  # asked for while some were being read, in order
        self._reading: set[int] = set()  # of those, the ones still being read
        self._looking: _Looking | None = None  # the run waiting for its earlier results
        self._earlier = EarlierSearch(self)
        self._earlier.found.connect(self._on_earlier_found)
        self._saving = saving
        self._run = _RunSaves()
        # the output folders of the runs that write as they go, held with those of the saves
        self._held = saving.hold if saving is not None else OutputHold()
        # the photos restored while those are held: the hold lasts till each save is answered
        self._awaited: set[int] = set()
        if saving is not None:
            saving.saved.connect(self._tell_end_once_saved)
            saving.failed.connect(self._on_save_failed)
        queue.dataChanged.connect(self._on_rows_changed)
        queue.rowsAboutToBeRemoved.connect(self._on_rows_leaving)
        queue.rowsRemoved.connect(lambda *_: self._start_once_read())
        queue.rowsInserted.connect(self._on_rows_inserted)  # put back, perhaps, by Undo
        panel.changed.connect(self._on_settings_changed)

    def restore_selected(self) -> None:
        """Restore the photos and films selected (the current one, when none is)."""
        items = self._selection.selected() or list(filter(None, [self._selection.current()]))
        self._restore([item.id for item in items])

    def restore_all(self) -> None:
        """Restore all the queue has left to restore, but a scan whose prints are in the
        queue (``split_scans``: its prints are restored); the photos that cannot be opened
        are asked for too, to be counted with the run as files it could not open."""
        passed_over = LEFT_BY_RESTORE_ALL - {ItemStatus.UNREADABLE}
        self._restore([item.id for item in left_to_restore(self._queue.items(), passed_over)])

    @property
    def waiting(self) -> bool:
        """Photos were asked for while being read, or their results made before are looked
        for: their run starts once they are."""
        return bool(self._after_reading) or self._looking is not None

    def cancel(self) -> None:
        """Stop the run, and the one waiting for its photos to be read or for their results
        made before to be looked for; or else the preview under way."""
        waited = self.waiting
        self._after_reading, self._reading = [], set()
        self._looking = None  # its answer, when it comes, starts nothing
        if self._runner.is_running:
            self._runner.cancel()
            self.message.emit(self.tr("Cancelling…"))
        elif waited:
            self.message.emit(self.tr("Restoring cancelled."))
        elif self._runner.previewing:
            self._runner.stop_preview()
            self.message.emit(self.tr("Preview cancelled."))

    def _settings(self) -> RestoreSettings | None:
        """How to restore now, into the output folder chosen; None without a model."""
        settings = self._panel.restore_settings()
        if settings is None:
            return None
        return replace(settings, output_folder=self._panel.output_folder())

    def _restore(self, item_ids: list[int]) -> None:
        settings = self._settings()
        if settings is None:
            self.message.emit(self.tr("No model is installed, so nothing can be restored yet."))
            return
        if not item_ids:
            return
        if any(item.status is ItemStatus.READING for item in self._items(item_ids)):
            self._restore_once_read(item_ids)
            return
        unopened = self._unopened(item_ids)
        item_ids = [item_id for item_id in item_ids if item_id not in unopened]
        problem = self._parts_on_cluster(item_ids, settings) or self._destination_problem(item_ids)
        if problem:
            self.message.emit(self.tr("Restoring did not start: {reason}.").format(reason=problem))
            return
        smaller = self._panel.film_counterpart()
        name = smaller.display_name if smaller is not None else None
        answer = confirm_sizes(self._window, self._size_report(item_ids), name)
        if answer is SizeAnswer.CANCEL:
            return
        if answer is SizeAnswer.SMALLER_MODEL and smaller is not None:
            self._panel.choose_keeping_repair(smaller)
            settings = self._settings() or settings
        self._look_before_start(item_ids, unopened, settings)

    def _look_before_start(
        self, item_ids: list[int], unopened: set[int], settings: RestoreSettings
    ) -> None:
        """Start the run of ``item_ids`` with ``settings`` (``_start``), once the results
        made before of its photos are looked for off the window's thread, where the names of
        any of their results hold files (``sought_results``). A run asked for while one waits
        so joins it, in one look of them all, all restored with the settings asked last."""
        if self._looking is not None:
            item_ids = list(dict.fromkeys([*self._looking.item_ids, *item_ids]))
            unopened = unopened | self._looking.unopened
            self._looking = None
        sought = sought_results(self._items(item_ids), settings, self._queue.added_folders())
        if not sought:
            self._start(item_ids, unopened, settings)
            return
        self._looking = _Looking(item_ids, unopened, settings)
        self._earlier.look(self._looking, sought)
        self.message.emit(self.tr("Looking for results made before…"))

    def _on_earlier_found(self, looking: _Looking, found: list[EarlierResult]) -> None:
        """The results made before ``found`` for the run ``looking``, which starts now: its
        photos that may still take them (``may_take_earlier``) take them, or are restored
        again, as the person says; or nothing starts. An answer for a run cancelled, or
        joined by another since, starts nothing."""
        if looking is not self._looking:
            return
        self._looking = None
        self.waiting_changed.emit()
        found = [result for result in found if self._may_take(result)]
        taken: list[EarlierResult] = []
        if found:
            answer = ask_about_earlier(self._window, found, looking.settings.folder)
            if answer is EarlierAnswer.CANCEL:
                self.message.emit(self.tr("Restoring cancelled."))
                return
            if answer is EarlierAnswer.USE:
                taken = found
        given = {result.item_id for result in taken}
        item_ids = [item_id for item_id in looking.item_ids if item_id not in given]
        self._start(item_ids, looking.unopened, looking.settings, taken)

    def _may_take(self, result: EarlierResult) -> bool:
        """Whether the photo of ``result`` may still take it: in the queue, and neither
        restored nor on its way since it was looked for."""
        item = self._queue.item(result.item_id)
        return item is not None and may_take_earlier(item)

    def _unopened(self, item_ids: list[int]) -> set[int]:
        """Those of ``item_ids`` whose files cannot be opened: no run restores them, and the
        end of the run asked for them counts them apart from its failures (none was tried)."""
        items = self._items(item_ids)
        return {item.id for item in items if item.status is ItemStatus.UNREADABLE}

    def _restore_once_read(self, item_ids: list[int]) -> None:
        """Restore ``item_ids`` once their photos are read (the size check needs their sizes),
        after those asked for earlier while theirs were read, in the order asked, each once."""
        self._after_reading = list(dict.fromkeys([*self._after_reading, *item_ids]))
        waiting = self._items(self._after_reading)
        reading = [item for item in waiting if item.status is ItemStatus.READING]
        self._reading = {item.id for item in reading}
        text = plural(
            len(reading),
            self.tr("Restoring once {name} is read…"),
            self.tr("Restoring once {count} photos are read…"),
        )
        self.message.emit(text.format(name=reading[0].name, count=len(reading)))

    def _parts_on_cluster(self, item_ids: list[int], settings: RestoreSettings) -> str:
        """Why a run of ``item_ids`` with ``settings`` cannot start where they restore films
        on a cluster, which restores whole films, and one of them has a part marked, in
        words; "" where it can."""
        if settings.cluster is None:
            return ""
        items = self._items(item_ids)
        marked = next((item for item in items if item.has_part), None)
        if marked is None:
            return ""
        text = self.tr(
            "{name} has a part marked with In and Out, and a cluster restores whole films: "
            "clear its marks (Clear In/Out) or turn off Restore on a cluster, under Processing"
        )
        return text.format(name=marked.name)

    def _destination_problem(self, item_ids: list[int]) -> str:
        """Why the output folder cannot take the results as they are made (photos saved at
        once, films written as they are restored); "" if it can, or if none are."""
        written = any(map(self._written_as_made, self._items(item_ids)))
        return _folder_problem(self._panel.output_folder()) if written else ""

    def _written_as_made(self, item: QueueItem) -> bool:
        """Whether the result of ``item`` is written as it is made: a film's, as it is
        restored; a photo's, where the person chose to save each at once."""
        return item.is_video or self._panel.auto_save()

    def _start(
        self,
        item_ids: list[int],
        unopened: set[int],
        settings: RestoreSettings,
        taken: Sequence[EarlierResult] = (),
    ) -> None:
        """Start a run of ``item_ids``, or add them to the one under way (not to one that was
        cancelled), with ``unopened`` counted at its end as files it could not open, and the
        photos given their results made before, ``taken``, as restored before; none while
        another Rekindle run writes where its results would be written (``_hold``). Where
        none can be opened, they join the run under way, cancelled or not; else their run
        ends at once."""
        if not self._hold(self._items(item_ids), settings):
            return
        joins = self._runner.is_running and not (item_ids and self._runner.cancelling)
        if not joins:
            self._tell_end()  # the run before, whose saves were not all answered yet
            self._run = _RunSaves(folder=settings.folder)
        self._run.ask(item_ids, unopened)
        asked = self._items([*item_ids, *unopened])
        self._run.films.update(item.id for item in asked if item.is_video)
        self._take_earlier(taken)
        if item_ids:
            self._runner.start(item_ids, settings)
        elif not joins:
            self._on_finished(RunSummary())
        self._let_go_once_written()  # none could be restored: nothing is written

    def _take_earlier(self, taken: Iterable[EarlierResult]) -> None:
        """Give the photos and films their results made before, ``taken``: each restored,
        its result on hand saved in its file (``QueueModel.add_results``, kept by the workspace
        as any is), their rows repainted together; counted with the run, and told as a photo
        restored is (``RestoreRunner.item_restored``), so that the viewer shows its result,
        trusted while the photo's file stays as it was found."""
        found = [(self._queue.item(result.item_id), result) for result in taken]
        found = [(item, result) for item, result in found if item is not None]
        for item, result in found:  # their rows are repainted together, as their results join
            item.status = ItemStatus.RESTORED
            item.recipe, item.made_from = result.recipe, result.made_from
            if result.part is not None:  # a film's, of the part its name tells
                item.made_part = result.part
        self._queue.add_results([(item, result.path) for item, result in found])
        self._run.films.update(item.id for item, _result in found if item.is_video)
        for item, _result in found:
            self._run.taken.add(item.id)
            self._runner.item_restored.emit(item.id)

    def _hold(self, items: list[QueueItem], settings: RestoreSettings) -> bool:
        """Hold the output folder for the run of ``items`` with ``settings`` where their
        results are written as they are made (``OutputHold.take``); where another Rekindle
        run writes there, say so and answer False: the photos stay as they are, to be
        restored once it is done."""
        written = [item for item in items if self._written_as_made(item)]
        if not written:
            return True
        added = self._queue.added_folders()
        refused = self._held.take(self, settings.folder, written, added)
        if refused:
            self.message.emit(self.tr("Restoring did not start: {reason}.").format(reason=refused))
        return not refused

    def _let_go_once_written(self) -> None:
        """Let the output folders go once nothing is left to write into them: no run goes on,
        and the saver has answered for each photo restored while they were held."""
        self._awaited = self._being_saved(self._awaited)
        if not self._runner.is_running and not self._awaited:
            self._held.let_go(self)

    def shutdown(self) -> None:
        """Let the output folders go, those of the saves asked for by hand too, the window
        closing: the saver has written what it was handed; and the look for results made
        before go, unanswered."""
        self._held.release()
        self._earlier.stop()

    def _items(self, item_ids: list[int]) -> list[QueueItem]:
        return [item for item in map(self._queue.item, item_ids) if item is not None]

    def _on_rows_changed(self, top: QModelIndex, bottom: QModelIndex, *_: object) -> None:
        self._check_reading(top.row(), bottom.row())
        self._check_rows(top.row(), bottom.row())

    def _check_reading(self, first: int, last: int) -> None:
        """Start the run asked for while photos were read, once the last has been (a row
        changes as it is read)."""
        if not self._after_reading:
            return
        rows = self._rows(first, last)
        self._reading.difference_update(i.id for i in rows if i.status is not ItemStatus.READING)
        self._start_once_read()

    def _start_once_read(self) -> None:
        """Start the run asked for while photos were read if none is still being read (the
        last read, or taken out of the queue)."""
        if self._after_reading and not self._reading:
            waiting, self._after_reading = self._items(self._after_reading), []
            self._restore([item.id for item in waiting])

    def _on_rows_leaving(self, _parent: QModelIndex, first: int, last: int) -> None:
        """Photos taken out of the queue are not waited for; those of the run under way that
        had not had their turn are counted with it as removed."""
        leaving = self._rows(first, last)
        self._reading.difference_update(item.id for item in leaving)
        if self._runner.is_running:
            self._run.take_out(leaving)

    def _on_rows_inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        self._check_rows(first, last)

    def _check_rows(self, first: int, last: int) -> None:
        self._check_cancelled_films(self._rows(first, last))

    def _rows(self, first: int, last: int) -> list[QueueItem]:
        return list(filter(None, map(self._queue.item_at, range(first, last + 1))))

    def _on_settings_changed(self) -> None:
        self._check_cancelled_films(self._queue.items())

    def _check_cancelled_films(self, items: Iterable[QueueItem]) -> None:
        """Tell each cancelled film's row whether Restore with the current settings
        continues its work (the same ``FilmWork`` as its run's) or starts over."""
        films = [item for item in items if _kept_work(item)]
        settings = self._settings() if films else None
        if settings is None:
            return
        for item in films:
            continues = settings.film_work(item) == item.film_work
            if continues != item.work_continues:
                self._queue.update(item.id, work_continues=continues)

    def _size_report(self, item_ids: list[int]) -> SizeReport:
        panel = self._panel
        return check_results(
            self._items(item_ids), panel.size_field.result_for, panel.output_format()
        )

    def _on_progress(self, progress: RunProgress) -> None:
        current = self._runner.current_item
        item = self._queue.item(current) if current is not None else None
        self._bars.show_progress(progress, film=item is not None and item.is_video)

    def _on_restored(self, item_id: int) -> None:
        """Tell the item restored; count it with the run's if the run asked for it (not a
        cancelled run's photo that ended restored after this run began)."""
        if item_id in self._run.asked:
            self._run.restored.add(item_id)
        self._awaited.add(item_id)
        item = self._queue.item(item_id)
        if item is not None:
            self.message.emit(self.tr("Restored {name}.").format(name=item.name))

    def _on_earlier_kept(self, item_id: int, reason: str) -> None:
        item = self._queue.item(item_id)
        if item is not None:
            text = self.tr(
                "{name} could not be restored again ({reason}); its earlier result stays."
            )
            self._kept.append(text.format(name=item.name, reason=reason))

    def _on_save_failed(self, item_id: int, said: str, at_once: bool) -> None:
        """A save answered with a failure: one of this run's photos saved at once is counted,
        and stops the run where the results still to come could not be saved either
        (``_saves_to_come_fail``), so that no more results wait in memory with nowhere to go;
        a failure of that photo alone (its name, its own subfolder) lets the run go on."""
        if at_once and item_id in self._run.restored:
            self._run.not_saved.append(said)
            running = self._runner.is_running and not self._runner.cancelling
            if running and self._saves_to_come_fail(item_id):
                self._stop(said)
        self._tell_end_once_saved()

    def _saves_to_come_fail(self, item_id: int) -> bool:
        """Whether the failed save of ``item_id`` tells that those of the photos still to be
        restored would fail too: the output folder can take no more results, or the folder
        the failed result goes into can take none (a file in its place, not writable) and
        some of the others' go into it too, or are made in the same folder it is made in."""
        if _folder_problem(self._run_folder()):
            return True
        item = self._queue.item(item_id)
        output = self._run_folder()
        folder = self._result_folder(item, output) if item is not None else None
        if folder is None or not _writing_problem(folder):
            return False
        failing = nearest_existing(folder)  # the folder, the one to make it in, or a file
        to_come = (self._result_folder(i, output) for i in self._to_come())
        return any(nearest_existing(place) == failing for place in to_come)

    def _to_come(self) -> list[QueueItem]:
        """The run's photos and films not restored yet, whose results are still to be written."""
        items = self._items(list(self._run.asked - self._run.restored))
        return [item for item in items if item.status in BUSY_STATUSES]

    def _result_folder(self, item: QueueItem, output: Path) -> Path:
        """The folder a run into the output folder ``output`` writes the result of ``item``
        into."""
        return result_folder(item, output, self._queue.added_folders())

    def _run_folder(self) -> Path:
        """The output folder of the run's photos (of the settings shown, before a run)."""
        return self._run.folder or self._panel.output_folder()

    def _stop(self, said: str) -> None:
        self._run.stopped = True
        self._runner.cancel()
        text = self.tr(
            "{problem}. Restoring stops: no more photos are restored while their results "
            "cannot be saved."
        )
        self.message.emit(text.format(problem=said))

    def _on_finished(self, summary: RunSummary) -> None:
        self._run.ended = summary
        self._tell_end_once_saved()

    def _tell_end_once_saved(self, *_: object) -> None:
        """Say how the run ended once the saver has answered for each of its photos; let the
        output folders go once nothing is left to write."""
        if not self._saves_under_way():
            self._tell_end()
        self._let_go_once_written()

    def _being_saved(self, item_ids: Iterable[int]) -> set[int]:
        """Those of ``item_ids`` whose results are with the saver, not answered for yet."""
        saving = self._saving
        return set() if saving is None else set(filter(saving.is_saving, item_ids))

    def _saves_under_way(self) -> bool:
        saving = self._saving
        return saving is not None and any(map(saving.is_saving, self._run.restored))

    def _tell_end(self) -> None:
        """Say how the run ended, if it has and that is not said yet."""
        summary, self._run.ended = self._run.ended, None
        if summary is not None:
            self.message.emit(self._end_text(summary))

    def _end_text(self, summary: RunSummary) -> str:
        kept, self._kept = self._kept, []
        if summary.model_error:
            text = self.tr("The model could not be loaded: {reason}")
            return text.format(reason=summary.model_error)
        not_saved = self._run.not_saved
        unsaved = [self._unsaved_advice().format(problem=not_saved[0])] if not_saved else []
        return " ".join([*self._counts(summary), *unsaved, *kept])

    def _unsaved_advice(self) -> str:
        """What to do about the results not saved, with a field for the first failure: plug
        in the output folder's drive where it is away, make room where the folder takes no
        more, else put right what the failure says; then Save All, and Restore All for the
        photos a stop left unrestored."""
        try:
            check_output_folder(self._run_folder())
        except OutputFolderAway:
            if self._run.stopped:
                return self.tr(
                    "{problem}. Plug the drive in or choose another output folder, then use "
                    "Save All for the photos restored and Restore All for those stopped."
                )
            return self.tr(
                "{problem}. Plug the drive in or choose another output folder, then use Save All."
            )
        output_refuses = bool(_folder_problem(self._run_folder()))
        if self._run.stopped and output_refuses:
            return self.tr(
                "{problem}. Make room or choose another output folder, then use Save All for "
                "the photos restored and Restore All for those stopped."
            )
        if self._run.stopped:
            return self.tr(
                "{problem}. Once that is put right, use Save All for the photos restored and "
                "Restore All for those stopped."
            )
        if output_refuses:
            return self.tr(
                "{problem}. Make room or choose another output folder, then use Save All."
            )
        return self.tr("{problem}. Once that is put right, use Save All.")

    def _counts(self, summary: RunSummary) -> list[str]:
        """How the run ended, a sentence for each count it has: a stop first (its message
        said why, and the advice after says what to do of the photos it stopped); the photos
        and films restored, those given their results made before, the photos not saved (a
        film is written as it is restored), those failed, cancelled (where the person
        cancelled); the files asked for that could not be opened, which no run tries; and
        those taken out of the queue before their turn, each counted once, each sentence
        naming the kinds it counts. "Nothing was restored." where none of these is."""
        run = self._run
        said = [self.tr("Restoring stopped.")] if run.stopped else []
        cancelled = Tally() if run.stopped else summary.cancelled
        counted = [
            (self.tr("Restored {things}."), self._things(summary.restored)),
            (self.tr("Used the results made before for {things}."), self._kinds(run.taken)),
            (self.tr("Could not save {things}."), self._things(Tally(photos=len(run.not_saved)))),
            (self.tr("Could not restore {things}."), self._things(summary.failed)),
            (self.tr("Cancelled before restoring {things}."), self._things(cancelled)),
            (self.tr("Could not open {things}."), self._files(len(run.unopened))),
            (self.tr("Skipped {things} taken out of the queue."), self._kinds(run.removed)),
        ]
        said += [text.format(things=things) for text, things in counted if things]
        return said or [self.tr("Nothing was restored.")]

    def _kinds(self, item_ids: set[int]) -> str:
        """The photos and films among the run's ``item_ids``, in words (``_things``)."""
        films = len(item_ids & self._run.films)
        return self._things(Tally(photos=len(item_ids) - films, films=films))

    def _things(self, tally: Tally) -> str:
        """The photos and films ``tally`` counts, in words, each kind with its own plural;
        "" where it counts none."""
        photos = _count_in_words(tally.photos, self.tr("1 photo"), self.tr("{count} photos"))
        films = _count_in_words(tally.films, self.tr("1 film"), self.tr("{count} films"))
        if tally.photos and tally.films:
            return self.tr("{photos} and {films}").format(photos=photos, films=films)
        return films if tally.films else photos

    def _files(self, count: int) -> str:
        """``count`` files, in words ("" where none): those that could not be opened may be
        neither photos nor films."""
        return _count_in_words(count, self.tr("1 file"), self.tr("{count} files"))


def _count_in_words(count: int, one: str, many: str) -> str:
    """``count`` things, worded by ``one`` or ``many`` (``plural``); "" where none."""
    return plural(count, one, many).format(count=count) if count else ""


def _folder_problem(folder: Path) -> str:
    """Why the output folder ``folder`` cannot take results now (its drive away, no room, not
    writable), in words; "" where it can."""
    try:
        check_output_folder(folder)
    except OutputFolderAway:
        return output_folder_away(folder)
    return _writing_problem(folder)


def _writing_problem(folder: Path) -> str:
    """Why ``folder``, made where missing, cannot take files now (a file in its place or
    above, not writable, no room), in words; "" where it can."""
    try:
        check_destination(folder)
    except WriteError as error:
        return engine_words(error.sentence)
    return ""


def _kept_work(item: QueueItem) -> bool:
    """Whether the item is a film cancelled with frames done, whose work is kept."""
    return (
        item.status is ItemStatus.CANCELLED and item.film_work is not None and item.frames_done > 0
    )
