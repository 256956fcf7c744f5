"""One change of the queue is one transaction of the workspace file, however scattered its
rows: a removal of every other row, and its Undo, each sync the file once, and the order kept
is still the order shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.photo_queue import QueueModel
from app.workspace import Workspace
from app.workspace_store import WORKSPACE_FILE, WorkspaceStore
from tests.app.test_workspace_store import files


def kept_names(path: Path) -> list[str]:
    """The names of the items the workspace file at ``path`` keeps, in their order."""
    return [item.source.name for item in WorkspaceStore(path).load()]


@pytest.mark.parametrize("scattered", [1, 40])
def test_a_removal_and_its_undo_are_one_transaction_each(qapp, tmp_path, scattered):
    path = tmp_path / WORKSPACE_FILE
    queue = QueueModel()
    store = WorkspaceStore(path)
    workspace = Workspace(queue, store)
    items = queue.add_paths(files(tmp_path / "photos", 2 * scattered + 1))
    shown = [item.name for item in queue.items()]
    commits: list[str] = []
    store._db.set_trace_callback(  # every statement the store runs, counted by its commits
        lambda statement: commits.append(statement) if statement == "COMMIT" else None
    )

    scatter = [item.id for item in items[1::2]]  # a run of rows of its own each
    workspace.remove(scatter)
    assert len(commits) == 1
    workspace.undo(lambda _old, _new: None)
    assert len(commits) == 2
    workspace.remove(scatter)
    workspace.close()
    assert kept_names(path) == shown[::2]


@pytest.mark.parametrize("scattered", [1, 40])
def test_an_undo_is_kept_in_the_order_shown(qapp, tmp_path, scattered):
    path = tmp_path / WORKSPACE_FILE
    queue = QueueModel()
    workspace = Workspace(queue, WorkspaceStore(path))
    items = queue.add_paths(files(tmp_path / "photos", 2 * scattered + 1))
    shown = [item.name for item in queue.items()]
    workspace.remove([item.id for item in items[1::2]])
    workspace.undo(lambda _old, _new: None)
    workspace.close()
    assert kept_names(path) == shown
