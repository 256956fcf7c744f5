"""What a person adds to the queue, sorted: the photos and films to queue (those in folders
found as the command line finds them), the earlier results left out (those in the output folder,
and those found in a folder with the photos they were made of, as ``restore`` leaves them
out), the folders that cannot be read, model files to import and models of other runtimes
to refuse (given by name, or, from a drop, a folder of them). A folder's numbered DPX frames of
one film (a film scanner's frame_000001.dpx ...) are queued as that one film
(``engine.video.sequence``), as a video editor shows an image sequence as one clip.

Folders are searched on a thread of their own (``FolderSearcher``): a drive of thousands of
scans, or a network share, takes seconds to walk, and the window does not wait for it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot

from engine.batch import results_given
from engine.errors import not_there
from engine.library.files import is_model_file, is_other_runtime, model_files
from engine.media import Unreadable, carries_mark, is_link_to_nothing, results_apart
from engine.video.sequence import sequence_films

FILM_SCAN_SUFFIXES = frozenset({".dpx"})
"""The pictures whose numbered sequences are queued as films: a film scanner's. Cameras and
print scanners number their TIFF, PNG and JPEG pictures too (IMG_0001.jpg, scan_0001.tif), and
a family's box of prints must not arrive as a film; the command line's restore-video takes
those sequences as films when asked."""
SEQUENCE_LEAST = 24
"""The fewest numbered frames of a folder that are queued as one film (a second of film at 24
frames a second). A few pictures numbered one after another are as likely photos a camera or
a scanner numbered (IMG_0001.jpg, scan_001.tif) as the frames of a film, and stay photos; a
scanned reel runs to thousands of frames. Restore as Photos queues a film's frames as photos
where they were photos after all."""


@dataclass(frozen=True)
class Search:
    """Paths added to the queue. ``results``: the output folder, whose results a folder holding
    it joins without. ``dropped``: a folder holding model files and no photos or films gives
    its models to import (model files given by name are imported however they come)."""

    paths: tuple[Path, ...]
    results: Path
    remember: bool
    dropped: bool = False

    @property
    def folders(self) -> list[Path]:
        return [path for path in self.paths if path.is_dir()]


@dataclass
class Found:
    """What ``search`` gave: ``media`` to queue (files given that Rekindle cannot open too, and
    links found that lead nowhere, for their rows to say why), earlier results ``left_out`` (in
    the output folder) and ``results`` (found in a folder with the photo each was made of, that
    photo), folders ``unreadable`` (and paths given that are not there), ``models`` to import
    and ``other_runtimes`` to refuse; ``queued_from``: the paths given that were for the queue
    (those File > Open Recent remembers); ``resolved``: the resolved path of each of ``media``
    (``QueueItem.key``); ``added_with``: the folder given that each of ``media`` found in a
    folder was found in (its results keep their place below it); ``sequences``: those of
    ``media`` that are frame sequences queued as films (``SEQUENCE_LEAST``): a folder of
    numbered frames, or their pattern."""

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
    sequences: set[Path] = field(default_factory=set)

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
        elif is_model_file(path) and path.is_file():
            found.models.append(path)
        elif is_other_runtime(path) and path.is_file():
            found.other_runtimes.append(path)
        elif path.is_file():
            found.media.append(path)
            found.queued_from.append(path)
        elif not path.exists():  # gone since it was chosen, or on a drive not plugged in
            found.unreadable.append((path, not_there(path)))
    _leave_results_of_photos_out(found)
    _frames_as_films(found)
    found.resolved = {path: path.resolve() for path in found.media}
    return found


def _search_folder(folder: Path, found: Found) -> None:
    """A folder's photos and films; a dropped folder without any gives its model files
    (a folder of downloads), those of other runtimes included."""
    media, left_out = _media_apart(folder, found)
    if found.search.dropped and not (media or left_out):
        try:
            models = model_files(folder)
            others = [p for p in sorted(folder.iterdir()) if is_other_runtime(p) and p.is_file()]
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


def _media_apart(folder: Path, found: Found) -> tuple[list[Path], list[Path]]:
    """``results_apart`` for ``folder``, the folders that cannot be read put in
    ``found.unreadable``. Its links named as photos or films that lead nowhere (to a drive not
    plugged in, say) are among the media, in path order, for their rows to say the file is
    not found, as a queued file's row says while its drive is away."""
    unreadable: Unreadable = []
    media, left_out = results_apart(folder, found.search.results, unreadable)
    links = [path for path, _why in unreadable if is_link_to_nothing(path)]
    found.unreadable.extend(entry for entry in unreadable if entry[0] not in links)
    return sorted([*media, *links]), left_out


def _leave_results_of_photos_out(found: Found) -> None:
    """Move the files found in folders that are Rekindle's results of other files found
    (``results_given``) from ``found.media`` to ``found.results``: restoring them would
    enlarge those photos twice. Files given by name are queued as asked."""
    found.results = results_given(list(found.added_with), found.media, carries_mark)
    found.media = [path for path in found.media if path not in found.results]


def _frames_as_films(found: Found) -> None:
    """Put each frame sequence of ``SEQUENCE_LEAST`` frames or more that a folder searched
    holds in ``found.media`` as one film, in its first frame's place, its frames taken out;
    a folder's other pictures stay photos, and files given by name are queued as given."""
    in_folders: defaultdict[Path, list[Path]] = defaultdict(list)
    for path in found.media:
        if path in found.added_with and path.suffix.lower() in FILM_SCAN_SUFFIXES:
            in_folders[path.parent].append(path)
    for folder, pictures in in_folders.items():
        if len(pictures) >= SEQUENCE_LEAST:
            _films_of(folder, set(pictures), found)


def _films_of(folder: Path, pictures: set[Path], found: Found) -> None:
    """The sequences of ``folder`` long enough to be films, each in ``found.media`` in place of
    its frames found there (``pictures``)."""
    for film, sequence in sequence_films(folder):
        frames = {sequence.frame_file(number) for number in sequence.numbers} & pictures
        if frames and len(sequence.numbers) >= SEQUENCE_LEAST:
            _film_in_place_of(film, frames, found)


def _film_in_place_of(film: Path, frames: set[Path], found: Found) -> None:
    """Queue ``film`` where the first of its ``frames`` was, and the frames no more. A film
    that is the folder given itself is queued as a film given by name (its result goes
    straight into the output folder, named after the folder, as the command line names it);
    one below it keeps its place there, as the folder's photos do."""
    first = next(place for place, path in enumerate(found.media) if path in frames)
    given = found.added_with[found.media[first]]
    found.media[first] = film
    found.media = [path for path in found.media if path not in frames]
    for frame in frames:
        del found.added_with[frame]
    if film != given:
        found.added_with[film] = given
    found.sequences.add(film)


class FolderSearcher(QObject):
    """Runs ``search`` on its thread, one at a time in the order asked."""

    found = Signal(object)  # Found

    @Slot(object)
    def search(self, asked: Search) -> None:
        self.found.emit(search(asked))
