"""The workspace on disk: the queue's photos and films, in order, and the results made of each
with their recipes, in one SQLite file in the user data folder, so that the queue comes back
as it was left. Free of Qt, so it is tested on its own.

Every change is one transaction, in a write-ahead journal synced at each commit: a crash or a
power cut loses at most the change under way, never a committed one, and never leaves half of
one. A file that cannot be read (damaged, cut short, not a database) is moved aside and the
workspace starts empty; ``set_aside`` says where it went and ``problem`` why.

Removing only marks items removed, so that an undo can put them back; what is still marked
when the workspace is next opened is deleted then, with its results. Items added or put back
are placed in front of the item that follows them in the queue, so the order kept is always
the order shown, whatever was added or put back meanwhile.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from engine.errors import RekindleError
from engine.paths import user_data_dir
from engine.recipe import Recipe

WORKSPACE_FILE = "workspace.sqlite"
SCHEMA_VERSION = 1
SET_ASIDE_SUFFIX = ".unreadable"
JOURNAL_SUFFIXES = ("-wal", "-shm", "-journal")
"""The files SQLite keeps beside a database, moved aside with it."""

SCHEMA = """
CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    position INTEGER NOT NULL,
    added_at REAL NOT NULL,
    removed INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE results (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    recipe TEXT NOT NULL,
    made_at REAL NOT NULL
);
CREATE INDEX results_of_item ON results(item_id);
"""


@dataclass(frozen=True)
class StoredResult:
    id: int
    path: Path
    recipe: Recipe


@dataclass(frozen=True)
class StoredItem:
    """A queued photo or film, with its results, the oldest first."""

    id: int
    source: Path
    results: tuple[StoredResult, ...] = ()


class WorkspaceStore:
    """The workspace file, open. Writing raises ``RekindleError`` (a full disk, say)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problem = ""  # why the workspace found could not be read or kept, if so
        self.set_aside: Path | None = None  # where an unreadable workspace file was moved
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = self._open(path)
        except (OSError, sqlite3.Error) as error:
            self._db = self._start_again(error)

    @classmethod
    def in_data_folder(cls) -> WorkspaceStore:
        """The person's workspace, in the user data folder (``REKINDLE_DATA_DIR`` in tests)."""
        return cls(user_data_dir() / WORKSPACE_FILE)

    # -- opening --------------------------------------------------------------------------

    def _open(self, where: Path | str) -> sqlite3.Connection:
        db = sqlite3.connect(where, isolation_level=None)  # transactions are begun by hand
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            db.execute("PRAGMA foreign_keys=ON")
            checked = db.execute("PRAGMA quick_check").fetchone()[0]
            if checked != "ok":
                raise sqlite3.DatabaseError(checked)
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version == 0:
                db.executescript(f"BEGIN; {SCHEMA} PRAGMA user_version={SCHEMA_VERSION}; COMMIT;")
            elif version != SCHEMA_VERSION:
                raise sqlite3.DatabaseError(f"a workspace of another version ({version})")
            db.execute("DELETE FROM items WHERE removed")  # the last session's, not undone
        except BaseException:
            db.close()
            raise
        return db

    def _start_again(self, error: Exception) -> sqlite3.Connection:
        """Move the unreadable file (and its journal) aside and open an empty workspace there;
        where no file can be kept at all, one in memory, for this session only."""
        self.problem = error.sentence if isinstance(error, RekindleError) else str(error)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}{SET_ASIDE_SUFFIX}-{stamp}")
        try:
            for suffix in ("", *JOURNAL_SUFFIXES):
                kept = Path(f"{self.path}{suffix}")
                if kept.exists():
                    kept.replace(f"{aside}{suffix}")
                    self.set_aside = aside
            return self._open(self.path)
        except (OSError, sqlite3.Error) as again:
            self.problem = f"{error}; {again}"
            return self._open(":memory:")

    def close(self) -> None:
        self._db.close()

    # -- reading --------------------------------------------------------------------------

    def load(self) -> list[StoredItem]:
        """The items in order, each with its results. Items whose original is gone, and
        results whose file is gone or whose recipe cannot be read, are forgotten (a drive
        unplugged, a file deleted meanwhile). A file found damaged only now is moved aside
        as at opening, and the workspace is empty."""
        try:
            return self._load()
        except sqlite3.DatabaseError as error:
            self._db.close()
            self._db = self._start_again(error)
            return []

    def _load(self) -> list[StoredItem]:
        rows = self._db.execute(
            "SELECT id, source FROM items WHERE NOT removed ORDER BY position, id"
        ).fetchall()
        results: dict[int, list[StoredResult]] = {}
        lost_results = []
        for result_id, item_id, path, text in self._db.execute(
            "SELECT id, item_id, path, recipe FROM results ORDER BY made_at, id"
        ):
            try:
                recipe = Recipe.from_json(text)
            except RekindleError:
                recipe = None
            if recipe is None or not Path(path).is_file():
                lost_results.append(result_id)
            else:
                results.setdefault(item_id, []).append(StoredResult(result_id, Path(path), recipe))
        kept, lost_items = [], []
        for item_id, source in rows:
            if Path(source).is_file():
                kept.append(StoredItem(item_id, Path(source), tuple(results.get(item_id, ()))))
            else:
                lost_items.append(item_id)
        if lost_items or lost_results:
            with self._change() as db:
                db.executemany("DELETE FROM results WHERE id = ?", [(i,) for i in lost_results])
                db.executemany("DELETE FROM items WHERE id = ?", [(i,) for i in lost_items])
        return kept

    # -- changing -------------------------------------------------------------------------

    @contextlib.contextmanager
    def _change(self) -> Iterator[sqlite3.Connection]:
        """One transaction: all of it is written, or none of it."""
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        except sqlite3.Error as error:
            text = f"the queue could not be written to {self.path} ({error})"
            raise RekindleError(text) from None

    def add(self, sources: Iterable[Path], before: int | None = None) -> list[int]:
        """Add items in front of the item ``before`` (after the last when None), in the order
        given; returns their ids, in the same order."""
        ids = []
        with self._change() as db:
            now = time.time()
            for source in sources:
                cursor = db.execute(
                    "INSERT INTO items (source, position, added_at) VALUES (?, -1, ?)",
                    (str(source.absolute()), now),
                )
                ids.append(cursor.lastrowid)
            _place(db, ids, before)
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
            _place(db, ids, before)

    def add_result(self, item_id: int, path: Path, recipe: Recipe) -> int:
        """Note a result of the item, written to ``path``; returns its id."""
        with self._change() as db:
            cursor = db.execute(
                "INSERT INTO results (item_id, path, recipe, made_at) VALUES (?, ?, ?, ?)",
                (item_id, str(path.absolute()), recipe.to_json(), recipe.made_at),
            )
        return cursor.lastrowid


def _place(db: sqlite3.Connection, item_ids: list[int], before: int | None) -> None:
    """Number the items not removed again, ``item_ids`` in front of ``before`` (after the last
    when None) and the others in their order around them, so that the order kept is the order
    shown. Only the positions that change are written: adding at the end writes the new items'."""
    placed = set(item_ids)
    kept = db.execute("SELECT id, position FROM items WHERE NOT removed ORDER BY position, id")
    positions = dict(kept.fetchall())
    others = [item_id for item_id in positions if item_id not in placed]
    at = others.index(before) if before in others else len(others)
    order = [*others[:at], *item_ids, *others[at:]]
    changed = [(n, item_id) for n, item_id in enumerate(order) if positions.get(item_id) != n]
    db.executemany("UPDATE items SET position = ? WHERE id = ?", changed)
