"""What a person adds to the queue, sorted: the photos and films to queue (those in folders
found as the command line finds them), the earlier results left out (those in the output folder,
and those found in a folder with the photos they were made of, as ``restore`` leaves them
out), the folders that cannot be read, and, from a drop, model files to import and models of
other runtimes to refuse.

Folders are searched on a thread of their own (``FolderSearcher``): a drive of thousands of
scans, or a network share, takes seconds to walk, and the window does not wait for it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from engine.batch import results_given
from engine.library.files import is_model_file, model_files
from engine.media import Unreadable, carries_mark, results_apart

OTHER_RUNTIMES = (".onnx", ".param", ".bin")
"""Model files of other upscalers' runtimes (ONNX; NCNN's .param and .bin pair), which
Rekindle cannot load."""


@dataclass(frozen=True)
class Search:
    """Paths added to the queue. ``results``: the output folder, whose results a folder holding
    it joins without. ``dropped``: model files, and folders holding only them, are to import."""

    paths: tuple[Path, ...]
    results: Path
    remember: bool
    dropped: bool = False

    @property
    def folders(self) -> list[Path]:
        return [path for path in self.paths if path.is_dir()]


@dataclass
class Found:
    """What ``search`` gave: ``media`` to queue (files given that Rekindle cannot open too, for
    their rows to say why), earlier results ``left_out`` (in the output folder) and
    ``results`` (found in a folder with the photo each was made of, that photo), folders
    ``unreadable``, ``models`` to import and ``other_runtimes`` to refuse; ``queued_from``:
    the paths given that were for the queue (those File > Open Recent remembers);
    ``resolved``: the resolved path of each of ``media`` (``QueueItem.key``); ``added_with``:
    the folder given that each of ``media`` found in a folder was found in (its results keep
    their place below it)."""

    search: Search
    queued_from: list[Path] = field(default_factory=list)
    media: list[Path] = field(default_factory=list)
    left_out: list[Path] = field(default_factory=list)
    results: dict[Path, Path] = field(default_factory=dict)
    unreadable: Unreadable = field(default_factory=list)
    models: list[Path] = field(default_factory=list)
    other_runtimes: list[Path] = field(default_factory=list)
    resolved: dict[Path, Path] = field(default_factory=dict)
    added_with: dict[Path, Path] = field(default_factory=dict)

    @property
    def models_only(self) -> bool:
        """Whether only model files came (nothing for the queue to say)."""
        found_models = bool(self.models or self.other_runtimes)
        return found_models and not (self.media or self.left_out or self.unreadable)


def search(asked: Search) -> Found:
    """Sort the paths of ``asked``; folders are walked, so this is the searcher's job where
    ``asked`` holds any."""
    found = Found(asked)
    for path in asked.paths:
        if path.is_dir():
            _search_folder(path, found)
        elif asked.dropped and is_model_file(path) and path.is_file():
            found.models.append(path)
        elif asked.dropped and _other_runtime(path) and path.is_file():
            found.other_runtimes.append(path)
        elif path.is_file():
            found.media.append(path)
            found.queued_from.append(path)
    _leave_results_of_photos_out(found)
    found.resolved = {path: path.resolve() for path in found.media}
    return found


def _search_folder(folder: Path, found: Found) -> None:
    """A folder's photos and films; a dropped folder without any gives its model files
    (a folder of downloads), those of other runtimes included."""
    media, left_out = results_apart(folder, found.search.results, found.unreadable)
    if found.search.dropped and not (media or left_out):
        try:
            models = model_files(folder)
            others = [p for p in sorted(folder.iterdir()) if _other_runtime(p) and p.is_file()]
        except OSError:
            models, others = [], []
        if models or others:
            found.models.extend(models)
            found.other_runtimes.extend(others)
            return
    found.queued_from.append(folder)
    found.media.extend(media)
    for path in media:  # a file in two folders given goes with the first, as it is queued
        found.added_with.setdefault(path, folder)
    found.left_out.extend(left_out)


def _leave_results_of_photos_out(found: Found) -> None:
    """Move the files found in folders that are Rekindle's results of other files found
    (``results_given``) from ``found.media`` to ``found.results``: restoring them would
    enlarge those photos twice. Files given by name are queued as asked."""
    found.results = results_given(list(found.added_with), found.media, carries_mark)
    found.media = [path for path in found.media if path not in found.results]


def _other_runtime(path: Path) -> bool:
    """Whether ``path`` is named as a model of another runtime (hidden files are not)."""
    return path.suffix.lower() in OTHER_RUNTIMES and not path.name.startswith(".")


class FolderSearcher(QObject):
    """Runs ``search`` on its thread, one at a time in the order asked."""

    found = Signal(object)  # Found

    @Slot(object)
    def search(self, asked: Search) -> None:
        self.found.emit(search(asked))
