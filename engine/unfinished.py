"""A marker in an output folder while a batch runs, so a re-run can tell the last one was cut
short and skip the photos it finished, instead of restoring them again under new names.

The marker's name holds a hash of the batch's settings and the pid of the run writing it; it is
removed when every photo of the batch is done, and kept when the batch is cancelled or some
photos failed. While it runs, the batch holds a lock (``engine.busy``) on a file named for its
settings beside the marker (``holding``): a second run of the same settings into the folder
meanwhile is refused, naming the first's process, instead of restoring every photo again under
new names. So a run holding that lock knows every marker of its settings there is of a run that
did not finish (Ctrl+C, a crash, a kill, a power cut, a full disk), whatever process has the
number in its name now (numbers are given again after a restart, and a folder shared over a
network holds other machines' markers), and takes those markers over; without the lock, a
marker whose process is gone (or is this one, whose earlier batch has ended) is taken so. A run
whose results may take any batch's names (the app's) holds the whole folder instead, and
everything below it: no batch writes results there meanwhile, nor does it write where a batch
does (``FolderHold``).

The marker lists the batch's photos, a line of JSON as each one's result is about to be saved
(its source) and once it is saved (its source and the name its result got); a batch of films
lists each film once its result is written. So a re-run skips exactly the results of these
settings, also those that got "name (2)" beside another batch's results, and never one only
because another batch's result holds its name. A marker starts with a line that gives its
version (``HEADER``), written with the file at once: a marker without it is an older
version's, which may have listed nothing while its batch saved results (the first markers were
empty), so its photos' results are found by their time instead (``BatchMarker.result_of``); a
marker of this version that lists nothing claims nothing.

A run that takes an output folder removes what runs that are over left there of no use: lock
files no run holds, and the markers of this version that list nothing, of settings no run
goes on with (``FolderHold.take``).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path

from engine import busy
from engine.atomic import numbered_names, write_bytes_atomically
from engine.errors import WriteError
from engine.leftovers import process_alive
from engine.same_file import same_place
from engine.words import say

MARKER_PREFIX = ".rekindle-batch-"
MARKER_SUFFIX = ".running"
LOCK_SUFFIX = ".lock"
WHOLE_FOLDER = "whole-folder"  # the key of a run that holds the whole folder (``holding``)
KEY_CHARS = 16
MARKER_VERSION = 2  # 0: an empty file; 1: the lines of results, without a header
HEADER = json.dumps({"version": MARKER_VERSION}) + "\n"
"""A marker's first line, which tells it from an older version's."""
MARKER_NAME = re.compile(
    rf"^{re.escape(MARKER_PREFIX)}(?P<key>[0-9a-f]{{{KEY_CHARS}}})\.(?P<pid>\d+)"
    rf"{re.escape(MARKER_SUFFIX)}$"
)

Listed = dict[str, str | None]
"""By source: the name of its result within the marker's folder, None while being saved."""


class BatchMarker:
    """The marker of one batch into ``folder``; ``unfinished`` says whether an earlier run
    of the same ``settings`` into it did not finish."""

    def __init__(self, folder: Path, settings: dict[str, object]) -> None:
        self.key = _key(settings)
        self.folder = folder
        self.path = folder / f"{MARKER_PREFIX}{self.key}.{os.getpid()}{MARKER_SUFFIX}"
        runs = [(path, pid) for path, key, pid in _runs_in(folder) if key == self.key]
        self.marked = bool(runs)  # a run of these settings left its marker, or writes it now
        held = _held_here(_lock_path(folder, self.key))
        self.earlier = [path for path, pid in runs if held or _ended(pid)]
        self.unfinished = bool(self.earlier)
        self._listed = _listed(self.earlier)
        self._claims_any = not self._listed and not all(map(_of_this_version, self.earlier))
        # every result listed, by the runs that did not finish or by this one: ``lists`` asks
        # it once a photo, so it is a set, kept in step with ``_listed``
        self._claimed = {result for result in self._listed.values() if result is not None}
        self._since = _last_written(self.earlier)
        self._any_batch = _results_listed(_markers_in(folder))

    def start(self) -> None:
        """Put this run's marker, its header and the results found so far, in place of those
        of the runs that did not finish; written whole or not at all, so a kill never leaves
        one without its header. A marker the disk refuses costs the next run its skips, not
        this run its photos: without it, no line is added either (``_append``)."""
        found = [item for item in self._listed.items() if item[1] is not None]
        text = HEADER + "".join(_line(*item) for item in found)
        with suppress(OSError, WriteError):
            write_bytes_atomically(self.path, text.encode("utf-8"))
        for path in self.earlier:
            if path != self.path:
                with suppress(OSError):
                    path.unlink()

    def record(self, source: Path, result: Path | None) -> None:
        """List ``source``'s result as being saved (``result`` None), or as saved as
        ``result``, at once: a kill between the two leaves the first, and ``result_of`` finds
        the result by its time. A line the disk refuses costs at most its photo's skip, so
        it is let go (``_append``)."""
        key = _source_key(source)
        within = None if result is None else os.path.relpath(result, self.folder)
        self._listed[key] = within
        if within is not None:
            self._claimed.add(within)
        self._append(_line(key, within))

    def _append(self, line: str) -> None:
        """Add ``line`` to the marker, synced. A line the disk refuses leaves the marker as it
        was, its time too: the refused write moved that on (as Linux does), and a result
        saved since the last line would read as older than the marker (``_written_since``)."""
        with suppress(OSError):
            was = self.path.stat()
            try:
                with open(self.path, "a", encoding="utf-8") as marker:
                    marker.write(line)
                    marker.flush()
                    os.fsync(marker.fileno())
            except OSError:
                _put_back(self.path, was)

    def result_of(self, source: Path, planned: Path) -> Path | None:
        """The result the runs that did not finish made of ``source``, whose result was to
        be ``planned``: the one listed, else, for a photo listed as being saved (or any
        photo, where an older version's marker listed none), a name ``planned`` may have got
        ("name (2)"...) that was written after their last line and is no other photo's
        result. One found so is listed in this run's marker once it starts."""
        key = _source_key(source)
        if not self.unfinished or not (self._claims_any or key in self._listed):
            return None
        if self._listed.get(key) is None:
            found = self._written_since(planned)
            if found is None:
                return None
            self._listed[key] = found
            self._claimed.add(found)
        return self.folder / str(self._listed[key])

    def listed_as(self, source: Path, result: Path) -> bool:
        """Whether the runs that did not finish listed ``result`` as ``source``'s, saved: a
        film is claimed so only, never by its time, as a film's result is listed once written
        (a result of other settings written since holds the same name)."""
        within = os.path.relpath(result, self.folder)
        return self.unfinished and self._listed.get(_source_key(source)) == within

    def _written_since(self, planned: Path) -> str | None:
        """The first name ``planned`` may have got that was written since the last line of
        the runs that did not finish and is no other photo's result (the names in use end
        at the first free one)."""
        for name in numbered_names(planned):
            try:
                written = name.stat().st_mtime
            except OSError:
                return None
            within = os.path.relpath(name, self.folder)
            if written >= self._since and within not in self._claimed:
                return within
        return None

    def lists(self, path: Path) -> bool:
        """Whether ``path`` is a result a batch into the folder listed, this run or another
        (of any settings) whose marker is there: a result Rekindle made, even one that carries
        no mark (a BMP)."""
        within = os.path.relpath(path, self.folder)
        return within in self._any_batch or within in self._claimed

    def finish(self) -> None:
        """Every photo of the batch is done: no marker is left."""
        with suppress(OSError):
            self.path.unlink()


@contextmanager
def holding(folder: Path, settings: dict[str, object] | None = None) -> Iterator[FolderHold]:
    """Hold the output folder ``folder`` for the batch of ``settings`` while the block runs
    (``FolderHold``), the block checking the folders it writes results into once it knows
    them (``FolderHold.check``) before it writes; it makes its ``BatchMarker`` after this, so
    the marker it reads is not a run's that goes on. Without ``settings``, the whole folder is
    held, as the app's runs hold theirs."""
    held = FolderHold(settings)
    try:
        held.take(folder)
        yield held
    finally:
        held.release()


class FolderHold:
    """The output folders a run holds, each by a lock file in it that stands for the folder
    and everything below it, and the check of the folders it writes results into, and of every
    folder above those, for the locks of other runs (``engine.busy``) it may not write beside.

    A batch of ``settings`` (the command line's) is refused where another batch of the same
    settings holds its output folder, and goes on beside a batch of other settings. A run
    without ``settings`` (the app's, whose results may take any batch's names) holds the whole
    folder: it is refused where any other run holds a folder it writes into or one above, and
    refuses each run that writes below its own. Each run takes its own lock before it looks at
    the others', so of two starting at once, one at least sees the other; a run gone (killed,
    say) holds nothing."""

    def __init__(self, settings: dict[str, object] | None = None) -> None:
        self._key = WHOLE_FOLDER if settings is None else _key(settings)
        self._held: dict[Path, ExitStack] = {}  # by the output folder held

    def take(self, folder: Path, into: Iterable[Path] = ()) -> None:
        """Hold the output folder ``folder`` (held already: nothing new), made where missing,
        then ``check`` it and the folders ``into`` which this run writes results; ``Busy``
        naming the process of another run that refuses it, and then nothing new is held."""
        taken = self._lock(folder)
        try:
            self.check([folder, *into])
        except BaseException:
            if taken is not None:
                self._held.pop(taken).close()
            raise
        if taken is not None:
            _clear_runs_over(folder)

    def check(self, folders: Iterable[Path]) -> None:
        """``Busy`` where another run holds ``folders``, into which this run writes results,
        or a folder above one, and this run may not write beside it. Only those folders'
        lock files are looked at: a lock in one stands for everything below it."""
        for folder in _with_folders_above(folders):
            for lock in self._refusing_locks(folder):
                holder = _holder_of(lock)
                if holder is not None:
                    raise busy.Busy(_writing_refusal(folder, holder))

    def release(self) -> None:
        """Let every folder held go."""
        for stack in self._held.values():
            stack.close()
        self._held.clear()

    def _lock(self, folder: Path) -> Path | None:
        """Take the lock of ``folder``: the folder taken, None where it is held already."""
        if any(same_place(folder, held) for held in self._held):
            return None
        said = _writing_refusal if self._key == WHOLE_FOLDER else _refusal
        lock = _lock_path(folder, self._key)
        stack = ExitStack()
        stack.enter_context(busy.holding(lock, lambda holder: said(folder, holder)))
        _HELD_HERE.add(lock)
        stack.callback(_HELD_HERE.discard, lock)
        self._held[folder] = stack
        return folder

    def _refusing_locks(self, folder: Path) -> list[Path]:
        """The lock files in ``folder`` whose holder, if alive, this run may not write beside:
        for a batch, the whole folder's; for the whole folder, every one, but this run's own."""
        if self._key != WHOLE_FOLDER:
            return [_lock_path(folder, WHOLE_FOLDER)]
        own = [_lock_path(held, self._key) for held in self._held]
        return [lock for lock in _locks_in(folder) if not any(same_place(lock, o) for o in own)]


def _lock_path(folder: Path, key: str) -> Path:
    return folder / f"{MARKER_PREFIX}{key}{LOCK_SUFFIX}"


_HELD_HERE: set[Path] = set()
"""The lock files this process holds (``FolderHold``)."""


def _held_here(lock: Path) -> bool:
    """Whether this process holds the lock file ``lock``."""
    return any(same_place(lock, held) for held in _HELD_HERE)


def _clear_runs_over(folder: Path) -> None:
    """Remove what runs into ``folder`` that are over left of no use: the markers of this
    version that list nothing, no run of their settings going on (a marker of this version is
    written under its settings' lock, so a lock no run holds tells that, whatever process has
    the number in its name now), and the lock files no run holds. Markers that list results
    stay: a run of their settings continues from them."""
    for marker, key, _pid in _runs_in(folder):
        lock = _lock_path(folder, key)
        if _lists_nothing(marker) and _holder_of(lock) is None:
            with suppress(OSError):
                marker.unlink()
    for lock in _locks_in(folder):
        _remove_if_free(lock)


def _remove_if_free(lock: Path) -> None:
    """Remove the lock file ``lock`` where no run holds it, as its holder would, holding it
    the while (``busy.Lock``): a run that opened it meanwhile takes a new one."""
    with suppress(busy.Busy, OSError):
        busy.Lock.take(lock, str, remove=True).release()


def _with_folders_above(folders: Iterable[Path]) -> list[Path]:
    """``folders`` and every folder above each, links followed, each once."""
    found: dict[Path, None] = {}
    for folder in dict.fromkeys(folders):  # a batch's photos share a few folders
        for each in (path := folder.resolve(), *path.parents):
            if each in found:  # and so are the folders above it
                break
            found[each] = None
    return list(found)


def _locks_in(folder: Path) -> list[Path]:
    """The lock files of runs in ``folder`` (none where it cannot be listed)."""
    try:
        with os.scandir(folder) as entries:
            names = [entry.name for entry in entries]
    except OSError:
        return []
    return [
        folder / name
        for name in names
        if name.startswith(MARKER_PREFIX) and name.endswith(LOCK_SUFFIX)
    ]


def _holder_of(lock: Path) -> str | None:
    """Who holds ``lock`` now (``busy.holder_of``); a lock file this run may not open (another
    user's) holds it back no more than a folder it may not list does."""
    try:
        return busy.holder_of(lock)
    except OSError:
        return None


def _refusal(folder: Path, holder: str) -> str:
    """Why a batch cannot run into ``folder``, where ``holder`` runs one of its settings."""
    return say(
        "a batch of the same settings is being restored into {folder} by {holder}; wait for "
        "it or stop it",
        folder=folder,
        holder=holder,
    )


def _writing_refusal(folder: Path, holder: str) -> str:
    """Why a run cannot go into ``folder`` while ``holder`` writes results there."""
    return say(
        "{holder} is writing results into {folder}; wait for it or stop it",
        folder=folder,
        holder=holder,
    )


def _key(settings: dict[str, object]) -> str:
    """The short hash of a batch's ``settings`` that names its marker and its lock."""
    text = json.dumps(settings, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:KEY_CHARS]


def _ended(pid: int) -> bool:
    """Whether the run ``pid`` is over: gone, or this process (which runs one batch at once)."""
    return pid == os.getpid() or not process_alive(pid)


def _put_back(path: Path, was: os.stat_result) -> None:
    """Cut the file at ``path`` back to the size it ``was``, and give it back its times."""
    os.truncate(path, was.st_size)
    os.utime(path, ns=(was.st_atime_ns, was.st_mtime_ns))


def _source_key(source: Path) -> str:
    return str(source.resolve())


def _line(source: str, result: str | None) -> str:
    """A marker's line: a photo's result being saved, or saved as ``result``."""
    entry = {"source": source} if result is None else {"source": source, "result": result}
    return json.dumps(entry) + "\n"


def _entries(marker: Path) -> list[dict[str, object]]:
    """The lines of ``marker`` (none where it cannot be read); a line cut short by a kill is
    left out."""
    entries = []
    with suppress(OSError):
        for line in marker.read_text(encoding="utf-8").splitlines():
            with suppress(ValueError):
                entry = json.loads(line)
                if isinstance(entry, dict):
                    entries.append(entry)
    return entries


def _listed(markers: Iterable[Path]) -> Listed:
    """What the ``markers`` list, the last line of each photo counting."""
    listed: Listed = {}
    for marker in markers:
        for entry in _entries(marker):
            if "source" in entry:
                result = entry.get("result")
                listed[str(entry["source"])] = None if result is None else str(result)
    return listed


def _of_this_version(marker: Path) -> bool:
    """Whether ``marker`` starts with the header of a marker of this version."""
    entries = _entries(marker)
    return bool(entries) and entries[0].get("version") == MARKER_VERSION


def _lists_nothing(marker: Path) -> bool:
    """Whether ``marker`` is of this version and lists no source: its run saved nothing."""
    return _of_this_version(marker) and not _listed([marker])


def _runs_in(folder: Path) -> list[tuple[Path, str, int]]:
    """The markers in ``folder``, each with the key of its settings and its run's process."""
    return [
        (path, found["key"], int(found["pid"]))
        for path in _markers_in(folder)
        if (found := MARKER_NAME.match(path.name))
    ]


def _markers_in(folder: Path) -> list[Path]:
    """The markers of every batch into ``folder``, running or not, of any settings."""
    if not folder.is_dir():
        return []
    return [
        path
        for path in folder.iterdir()
        if path.name.startswith(MARKER_PREFIX) and path.name.endswith(MARKER_SUFFIX)
    ]


def _results_listed(markers: Iterable[Path]) -> set[str]:
    """Every result the ``markers`` list, each marker read on its own (two may list one
    source's results under different names)."""
    return {
        result for marker in markers for result in _listed([marker]).values() if result is not None
    }


def _last_written(markers: Iterable[Path]) -> float:
    """When the last of ``markers`` was last written to (0 for none)."""
    times = [0.0]
    for marker in markers:
        with suppress(OSError):
            times.append(marker.stat().st_mtime)
    return max(times)
