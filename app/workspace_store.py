"""The workspace on disk: the queue's photos and films, in order, and the results made of each
with their recipes, in one SQLite file in the user data folder, so that the queue comes back
as it was left. Free of Qt, so it is tested on its own.

Every change is one transaction, in a write-ahead journal synced at each commit: a crash or a
power cut loses at most the change under way, never a committed one, and never leaves half of
one; changes made ``together`` are one transaction, synced once. A file that cannot be read
(damaged, cut short, not a database) is moved aside and the workspace starts empty;
``set_aside`` says where it went and ``problem`` why. A file that can be read but not written
(a full disk, a folder that cannot be written) is read as it is, nothing written beside it:
the queue it keeps is shown, ``problem`` says why it is not remembered, and each change
raises until the file can be opened for writing again (room made), when it is.

Removing only marks items removed, so that an undo can put them back; what is still marked
when the workspace is next opened is deleted then, with its results. Items added or put back
are placed in front of the item that follows them in the queue, so the order kept is always
the order shown, whatever was added or put back meanwhile.

A film keeps the part of it marked to restore, and each result of a film the part it is of.

Nothing is forgotten for being out of reach at loading (on a drive not plugged in, moved):
an item whose original is not there is loaded as not found, and a result whose file is not
there is kept, left out until its file is back. Each item keeps the stamp (``FileStamp``) its
original had when its latest result was made, so that an original changed while the app was
closed is found.

A path is kept as text, or as its bytes where a name in it is not UTF-8 (a name from another
system's encoding), which SQLite cannot keep as text: every path comes back as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from engine.errors import RekindleError, WriteError, os_error_sentence
from engine.filestamp import FileStamp
from engine.paths import user_data_dir
from engine.preflight import MEGABYTE, check_destination
from engine.recipe import Recipe
from engine.video import is_frame_target
from engine.video.sequence import named_frames, names_sequence
from engine.video.span import FilmSpan

WORKSPACE_FILE = "workspace.sqlite"
SCHEMA_VERSION = 4
SET_ASIDE_SUFFIX = ".unreadable"
JOURNAL_SUFFIXES = ("-wal", "-shm", "-journal")
"""The files SQLite keeps beside a database, moved aside with it."""
DAMAGE = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)
"""SQLite's words for a file that cannot be read as a database; any other error (a full disk,
a file it may not write, one busy in another process) leaves the file as it is."""
CAUSES = {
    sqlite3.SQLITE_FULL: errno.ENOSPC,
    sqlite3.SQLITE_READONLY: errno.EACCES,
    sqlite3.SQLITE_PERM: errno.EACCES,
}
"""The OS errors that SQLite's own codes stand for, to say them in plain words."""

SCHEMA = """
CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    position INTEGER NOT NULL,
    added_at REAL NOT NULL,
    removed INTEGER NOT NULL DEFAULT 0,
    made_size INTEGER,
    made_mtime_ns INTEGER,
    added_with TEXT,
    part_first INTEGER,
    part_end INTEGER
);
CREATE TABLE results (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    recipe TEXT NOT NULL,
    made_at REAL NOT NULL,
    part_first INTEGER,
    part_end INTEGER
);
CREATE INDEX results_of_item ON results(item_id);
"""
UPGRADES = {
    1: """
ALTER TABLE items ADD COLUMN made_size INTEGER;
ALTER TABLE items ADD COLUMN made_mtime_ns INTEGER;
""",
    2: """
ALTER TABLE items ADD COLUMN added_with TEXT;
""",
    3: """
ALTER TABLE items ADD COLUMN part_first INTEGER;
ALTER TABLE items ADD COLUMN part_end INTEGER;
ALTER TABLE results ADD COLUMN part_first INTEGER;
ALTER TABLE results ADD COLUMN part_end INTEGER;
""",
}
"""What brings a workspace of each older version to the next one: version 2 keeps the stamp
of each item's original when its latest result was made (none: not known); version 3 the
folder added that each item was found in (none: added alone, or not known); version 4 the
part of each film marked to restore, and the part of it each result is of (none: the
whole film)."""

_Placement = tuple[list[int], int | None]
"""Items added or put back together, in front of the item ``before`` (after the last when
None): their ids and ``before``."""


class Damaged(sqlite3.DatabaseError):
    """The file holds what no workspace of this version holds (a check failed, a row of the
    wrong kind, another version's tables): read, it would be misread."""


@dataclass(frozen=True)
class StoredResult:
    id: int
    path: Path
    recipe: Recipe
    part: FilmSpan = field(default_factory=FilmSpan)  # the part of its film it is of


@dataclass(frozen=True)
class StoredItem:
    """A queued photo or film, with its results whose files are there, the oldest first;
    ``made_from``: its original's stamp when its latest result was made (None: not known);
    ``found``: whether its original was there at loading; ``added_with``: the folder added
    that it was found in (None: added alone); ``part``: a film's part marked to restore."""

    id: int
    source: Path
    results: tuple[StoredResult, ...] = ()
    made_from: FileStamp | None = None
    found: bool = True
    added_with: Path | None = None
    part: FilmSpan = field(default_factory=FilmSpan)


class WorkspaceStore:
    """The workspace file, open. Writing raises ``RekindleError`` (a full disk, say)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problem = ""  # why the workspace found could not be read or kept, if so
        self.set_aside: Path | None = None  # where an unreadable workspace file was moved
        self._writable = True  # False: read as it is, into memory, as it cannot be written
        self._in_change = False  # a transaction is under way
        self._to_place: list[_Placement] = []  # the runs of items it adds or puts back
        try:
            self._db = self._open_for_writing()
        except (OSError, sqlite3.Error) as error:
            if _is_damage(error):
                self._db = self._start_again(error)
            else:
                self.problem = self._why_not_kept(error)
                self._db = self._as_it_is()

    @classmethod
    def in_data_folder(cls) -> WorkspaceStore:
        """The person's workspace, in the user data folder (``REKINDLE_DATA_DIR`` in tests)."""
        return cls(user_data_dir() / WORKSPACE_FILE)

    # -- opening --------------------------------------------------------------------------

    def _open_for_writing(self) -> sqlite3.Connection:
        """The file, made where there is none, checked and brought up to date."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return _prepared(_connect(self.path))

    def _start_again(self, error: Exception) -> sqlite3.Connection:
        """Move the unreadable file (and its journal) aside and open an empty workspace there;
        where that cannot be done, the workspace is as it is, not written (``_as_it_is``)."""
        self.problem = error.sentence if isinstance(error, RekindleError) else str(error)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}{SET_ASIDE_SUFFIX}-{stamp}")
        try:
            for suffix in ("", *JOURNAL_SUFFIXES):
                kept = Path(f"{self.path}{suffix}")
                if kept.exists():
                    kept.replace(f"{aside}{suffix}")
                    self.set_aside = aside
            return self._open_for_writing()
        except (OSError, sqlite3.Error) as again:
            if self.set_aside is None:  # still there, unreadable: said as not kept
                self.problem = self._why_not_kept(again)
            return self._as_it_is()

    def _as_it_is(self) -> sqlite3.Connection:
        """For a file that cannot be written: a copy in memory of what it keeps, nothing
        written on disk, for the queue to be shown; each change raises until the file can be
        written again. An empty one where there is no file, or it cannot be read."""
        self._writable = False
        try:
            return _prepared(self._copy())
        except sqlite3.Error:
            return _prepared(_connect(":memory:"))

    def _copy(self) -> sqlite3.Connection:
        """What the file keeps, read into memory writing nothing: with its journal, where
        SQLite can do that; else the file alone, trusted not to change meanwhile (where SQLite
        cannot make the files it keeps beside it: a full disk, a folder that cannot be
        written)."""
        uri = self.path.absolute().as_uri()
        try:
            return _in_memory(f"{uri}?mode=ro")
        except sqlite3.Error:
            return _in_memory(f"{uri}?mode=ro&immutable=1")

    def _why_not_kept(self, error: Exception) -> str:
        """Why the file cannot be written, in plain words: its folder's fault where it
        cannot take a file or has no room (``check_destination``'s words), else the file's."""
        try:
            check_destination(self.path.parent, MEGABYTE)
        except WriteError as found:
            return found.sentence
        return os_error_sentence(_as_os_error(error, self.path))

    def _for_writing(self) -> sqlite3.Connection:
        """The file open for writing; one that could not be written is opened for writing
        again first (room may have been made), or ``RekindleError`` says why it cannot be."""
        if self._writable:
            return self._db
        try:
            db = self._open_for_writing()
        except (OSError, sqlite3.Error) as error:
            raise RekindleError(self._why_not_kept(error)) from None
        self._db.close()
        self._db, self._writable, self.problem = db, True, ""
        return db

    def close(self) -> None:
        self._db.close()

    # -- reading --------------------------------------------------------------------------

    def load(self) -> list[StoredItem]:
        """The items in order, each with its results whose files are there. Nothing is
        forgotten for being out of reach now (a drive not plugged in, a file moved): an item
        whose original is not there is loaded as not ``found``, and a result whose file is not
        there is left out until it is back. A result whose recipe cannot be read is forgotten.
        An item with results whose stamp is not known (kept by an older version) takes its
        original's stamp now. A file found damaged only now (a row that cannot be read, say) is
        moved aside as at opening, and the workspace is empty; one that cannot be read now
        for another reason (a drive failing) is left as it is, and the queue starts empty."""
        try:
            return self._load()
        except sqlite3.DatabaseError as error:
            if _is_damage(error):
                self._db.close()
                self._db = self._start_again(error)
            else:
                self.problem = self._why_not_kept(error)
            return []

    def _load(self) -> list[StoredItem]:
        results, unreadable = self._results()
        items, stamped = [], []
        for item_id, source, size, mtime_ns, folder, first, end in self._db.execute(
            "SELECT id, source, made_size, made_mtime_ns, added_with, part_first, part_end"
            " FROM items WHERE NOT removed ORDER BY position, id"
        ).fetchall():
            kept = _stamp(size, mtime_ns)
            added_with = _path(folder) if folder is not None else None
            item = _stored_item(
                item_id,
                _path(source),
                kept,
                tuple(results.get(item_id, ())),
                added_with,
                _part(first, end),
            )
            if item.made_from != kept:
                stamped.append(item)
            items.append(item)
        self._tidy(unreadable, stamped)
        return items

    def _results(self) -> tuple[dict[int, list[StoredResult]], list[int]]:
        """Each item's results whose files are there, the oldest first; and the ids of those
        whose recipe cannot be read."""
        results: dict[int, list[StoredResult]] = {}
        unreadable = []
        for result_id, item_id, kept_path, text, first, end in self._db.execute(
            "SELECT id, item_id, path, recipe, part_first, part_end FROM results"
            " ORDER BY made_at, id"
        ).fetchall():
            path = _path(kept_path)
            try:
                recipe = Recipe.from_json(text)
            except RekindleError:
                unreadable.append(result_id)
                continue
            if _result_there(path):
                result = StoredResult(result_id, path, recipe, _part(first, end))
                results.setdefault(item_id, []).append(result)
        return results, unreadable

    def _tidy(self, unreadable: list[int], stamped: list[StoredItem]) -> None:
        """Forget the results whose recipe cannot be read, and keep the stamps taken at
        loading. Where the file cannot be written now, both are done at the next loading."""
        if not (unreadable or stamped):
            return
        with contextlib.suppress(RekindleError), self._change() as db:
            db.executemany("DELETE FROM results WHERE id = ?", [(i,) for i in unreadable])
            db.executemany(
                "UPDATE items SET made_size = ?, made_mtime_ns = ? WHERE id = ?",
                [(*_stamp_values(item.made_from), item.id) for item in stamped],
            )

    # -- changing -------------------------------------------------------------------------

    @contextlib.contextmanager
    def together(self) -> Iterator[None]:
        """The changes made inside in one transaction, synced once: all of them are written,
        or none of them (``RekindleError``)."""
        with self._change():
            yield

    @contextlib.contextmanager
    def _change(self) -> Iterator[sqlite3.Connection]:
        """One transaction: all of it is written, or none of it. One begun inside another is
        part of it. The items added or put back are placed at its end, all at once."""
        if self._in_change:
            yield self._db
            return
        self._in_change = True
        try:
            db = self._for_writing()
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
                _place(db, self._to_place)
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        except sqlite3.Error as error:
            raise RekindleError(self._why_not_kept(error)) from None
        finally:
            self._in_change = False
            self._to_place.clear()

    def add(
        self,
        sources: Iterable[Path],
        before: int | None = None,
        added_with: Mapping[Path, Path] | None = None,
    ) -> list[int]:
        """Add items in front of the item ``before`` (after the last when None), in the order
        given, each with the folder added that it was found in (``added_with``, where it was);
        returns their ids, in the same order."""
        ids = []
        folders = added_with or {}
        with self._change() as db:
            now = time.time()
            for source in sources:
                folder = folders.get(source)
                cursor = db.execute(
                    "INSERT INTO items (source, position, added_at, added_with)"
                    " VALUES (?, -1, ?, ?)",
                    (_kept(source), now, _kept(folder) if folder else None),
                )
                ids.append(cursor.lastrowid)
            self._to_place.append((ids, before))
        return ids

    def remove(self, item_ids: Iterable[int]) -> None:
        """Mark items removed (``put_back`` undoes it)."""
        with self._change() as db:
            db.executemany("UPDATE items SET removed = 1 WHERE id = ?", [(i,) for i in item_ids])

    def put_back(self, item_ids: Iterable[int], before: int | None) -> None:
        """Take back the removal of items, in front of the item ``before`` (after the last when
        None): where the queue shows them now, which need not be where they were."""
        ids = list(item_ids)
        with self._change() as db:
            db.executemany("UPDATE items SET removed = 0 WHERE id = ?", [(i,) for i in ids])
            self._to_place.append((ids, before))

    def set_parts(self, parts: Iterable[tuple[int, FilmSpan]]) -> None:
        """Note the part of each film (by id) marked to restore."""
        with self._change() as db:
            db.executemany(
                "UPDATE items SET part_first = ?, part_end = ? WHERE id = ?",
                [(*_part_values(part), item_id) for item_id, part in parts],
            )

    def add_result(
        self,
        item_id: int,
        path: Path,
        recipe: Recipe,
        made_from: FileStamp | None = None,
        part: FilmSpan | None = None,
    ) -> int:
        """Note a result of the item, written to ``path`` and made from its original as
        ``made_from`` says (None: not known), of the ``part`` of a film (None: the whole);
        returns its id."""
        with self._change() as db:
            cursor = db.execute(
                "INSERT INTO results (item_id, path, recipe, made_at, part_first, part_end)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (item_id, _kept(path), recipe.to_json(), recipe.made_at, *_part_values(part)),
            )
            db.execute(
                "UPDATE items SET made_size = ?, made_mtime_ns = ? WHERE id = ?",
                (*_stamp_values(made_from), item_id),
            )
        return cursor.lastrowid


def _result_there(path: Path) -> bool:
    """Whether a result is there to show: its file, or for a film restored into numbered
    pictures (``path`` their pattern), one of its frames at least."""
    if path.is_file():
        return True
    frames = named_frames(path) if is_frame_target(path) else None
    return frames is not None and bool(frames.found().numbers)


def _stored_item(
    item_id: int,
    source: Path,
    made_from: FileStamp | None,
    results: tuple[StoredResult, ...],
    added_with: Path | None,
    part: FilmSpan,
) -> StoredItem:
    """An item as loaded (a film with its ``part`` marked to restore), its original looked
    at: whether it is there, and, for one with results whose stamp is not known (kept by an
    older version), its stamp now."""
    found = source.is_file() or names_sequence(source)  # a frame sequence: a folder, a pattern
    if made_from is None and found and results:
        made_from = FileStamp.find(source)
    return StoredItem(item_id, source, results, made_from, found, added_with, part)


def _kept(path: Path) -> str | bytes:
    """``path`` (made absolute) as a row keeps it: its text; or, where a name in it is not
    UTF-8 (its bytes kept as surrogate escapes, which SQLite takes for no text), its bytes."""
    text = str(path.absolute())
    try:
        text.encode()
    except UnicodeEncodeError:
        return os.fsencode(text)
    return text


def _path(value: object) -> Path:
    """A path as a row keeps it (``_kept``): its text or its bytes; anything else (a number,
    say), a NUL, or bytes this system cannot make a name of, is a damaged file."""
    try:
        text = os.fsdecode(value) if isinstance(value, bytes) else value
    except UnicodeDecodeError:  # on Windows, whose names are UTF-16: bytes that are none
        text = None
    if not isinstance(text, str) or "\0" in text:
        raise Damaged(f"a row holds a {type(value).__name__} for a path")
    return Path(text)


def _stamp(size: object, mtime_ns: object) -> FileStamp | None:
    """A stamp as a row keeps it (None: not known); anything but two whole numbers is a
    damaged file."""
    if size is None and mtime_ns is None:
        return None
    if not (isinstance(size, int) and isinstance(mtime_ns, int)):
        raise Damaged("a row holds a stamp that is not two whole numbers")
    return FileStamp(size, mtime_ns)


def _stamp_values(stamp: FileStamp | None) -> tuple[int | None, int | None]:
    """A stamp as a row keeps it."""
    return (stamp.size, stamp.mtime_ns) if stamp is not None else (None, None)


def _part(first: object, end: object) -> FilmSpan:
    """A film's part as a row keeps it (none: the whole film); anything but two whole numbers,
    the first before the end, is a damaged file."""
    if first is None and end is None:
        return FilmSpan()
    if not (isinstance(first, int) and isinstance(end, int) and 0 <= first < end):
        raise Damaged("a row holds a part of a film that is not two frames in order")
    return FilmSpan(first, end)


def _part_values(part: FilmSpan | None) -> tuple[int | None, int | None]:
    """A film's part as a row keeps it (``FilmSpan.within`` its film: the whole film, or
    None, has no end written)."""
    return (part.first, part.end) if part is not None and part.end is not None else (None, None)


def _connect(where: Path | str) -> sqlite3.Connection:
    return sqlite3.connect(where, isolation_level=None)  # transactions are begun by hand


def _in_memory(uri: str) -> sqlite3.Connection:
    """A copy in memory of the database at ``uri``."""
    copy = _connect(":memory:")
    try:
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as source:
            source.backup(copy)
    except BaseException:
        copy.close()
        raise
    return copy


def _prepared(db: sqlite3.Connection) -> sqlite3.Connection:
    """``db`` journalled, checked and brought up to date, the last session's removals that
    were not undone deleted; closed where any of it fails."""
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA foreign_keys=ON")
        checked = db.execute("PRAGMA quick_check").fetchone()[0]
        if checked != "ok":
            raise Damaged(checked)
        _bring_up_to_date(db)
        db.execute("DELETE FROM items WHERE removed")
    except BaseException:
        db.close()
        raise
    return db


def _is_damage(error: Exception) -> bool:
    """Whether ``error`` says the file cannot be read as a workspace (``DAMAGE``)."""
    code = getattr(error, "sqlite_errorcode", None)
    return isinstance(error, Damaged) or (code is not None and code & 0xFF in DAMAGE)


def _as_os_error(error: Exception, path: Path) -> OSError:
    """``error`` as the OS error it stands for, about ``path`` (``CAUSES``; any other SQLite
    error with its own words)."""
    if isinstance(error, OSError):
        return error
    number = CAUSES.get((getattr(error, "sqlite_errorcode", None) or 0) & 0xFF)
    reason = os.strerror(number) if number is not None else str(error)
    return OSError(number, reason, str(path))


def _bring_up_to_date(db: sqlite3.Connection) -> None:
    """Make the tables of a new workspace, or upgrade an older one; one of a version this
    one does not know (a newer one's) is not read."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version == 0:
        db.executescript(f"BEGIN; {SCHEMA} PRAGMA user_version={SCHEMA_VERSION}; COMMIT;")
        return
    while version in UPGRADES:
        upgrade = UPGRADES[version]
        version += 1
        db.executescript(f"BEGIN; {upgrade} PRAGMA user_version={version}; COMMIT;")
    if version != SCHEMA_VERSION:
        raise Damaged(f"a workspace of another version ({version})")


def _place(db: sqlite3.Connection, runs: list[_Placement]) -> None:
    """Number the items not removed again, each run's in front of its item ``before`` (after
    the last when None, or one of those placed), the runs in their order, and the others in
    their order around them, so that the order kept is the order shown. Only the positions
    that change are written: adding at the end writes the new items'."""
    if not runs:
        return
    placed = {item_id for item_ids, _before in runs for item_id in item_ids}
    kept = db.execute("SELECT id, position FROM items WHERE NOT removed ORDER BY position, id")
    positions = dict(kept.fetchall())
    others = [item_id for item_id in positions if item_id not in placed]
    ahead: dict[int | None, list[int]] = {}  # the items placed in front of each other one
    for item_ids, before in runs:
        where = before if before in positions and before not in placed else None
        ahead.setdefault(where, []).extend(item_ids)
    order = [moved for item_id in others for moved in (*ahead.get(item_id, ()), item_id)]
    order += ahead.get(None, [])
    changed = [(n, item_id) for n, item_id in enumerate(order) if positions.get(item_id) != n]
    db.executemany("UPDATE items SET position = ? WHERE id = ?", changed)
