"""The output folders a window writes results into, held while it writes there
(``engine.unfinished.FolderHold``, the whole folder and the folders of results below it): by
a run whose results are written as they are made (``app.run_control``) and by saves asked for
by hand (``app.save_controller``). The window's writers share one hold, so none of them
refuses another; it lets the folders go once none of them writes any more. No command-line
batch, nor another window, writes results there meanwhile, their results taking the names of
the window's own."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path

from app.i18n import engine_words
from app.output_place import OutputFolderAway, make_output_folder
from app.photo_queue import QueueItem
from app.restore_runner import results_below
from engine.busy import Busy
from engine.unfinished import FolderHold


class OutputHold:
    """The output folders held for a window's writers, each writer holding them from its
    ``take`` to its ``let_go``."""

    def __init__(self) -> None:
        self._folders = FolderHold()
        self._writers: set[object] = set()  # those that hold the folders now

    def take(
        self, writer: object, folder: Path, items: list[QueueItem], added: Sequence[Path]
    ) -> str:
        """Hold the output folder ``folder`` for ``writer``, writing the results of ``items``
        into it, and the folders below it those go into (``added``: the folders added to the
        queue, as ``results_below`` takes them); why not, in words, where another Rekindle run
        writes there, and "" where it is held. The folder is made first where it may be
        (``make_output_folder``: its lock lies in it), and taken away again, empty, where it
        is refused; one that cannot be made or written is not held: no run writes there
        either, and the writer's writes say why."""
        made = not folder.exists()
        try:
            make_output_folder(folder)
            self._folders.take(folder, result_folders(items, folder, added))
        except Busy as error:
            if made:
                with contextlib.suppress(OSError):  # emptied by another meanwhile: it stays
                    folder.rmdir()
            return engine_words(error.sentence)
        except (OutputFolderAway, OSError):
            pass
        self._writers.add(writer)
        return ""

    def let_go(self, writer: object) -> None:
        """``writer`` writes no more: the folders go once no writer holds them."""
        self._writers.discard(writer)
        if not self._writers:
            self._folders.release()

    def release(self) -> None:
        """Let every folder go, whoever holds it (the window closing, its saver having
        written what it was handed)."""
        self._writers.clear()
        self._folders.release()


def result_folders(items: list[QueueItem], output: Path, added: Sequence[Path]) -> set[Path]:
    """The folders the results of ``items`` go into in the output folder ``output``, found
    once for the items of each folder (all ``results_below`` looks at): a queue can hold many
    thousands."""
    one_each = {(item.added_with, item.source.parent): item for item in items}
    return {result_folder(item, output, added) for item in one_each.values()}


def result_folder(item: QueueItem, output: Path, added: Sequence[Path]) -> Path:
    """The folder the result of ``item`` goes into in the output folder ``output``
    (``results_below``)."""
    return output / results_below(item, output, added)
