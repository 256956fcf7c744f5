"""Which files in a folder are photos and films: the one rule the command line, the app and
training share, so each of them finds the same files in the same folder.

A folder is searched with its subfolders. A file counts by its suffix (its content is checked
when it is read). Hidden files and folders, whose names start with a dot, are left out: they
are the system's (``.DS_Store``, ``.Trash``) or Rekindle's own unfinished work (the part files
of writes under way, a film's segment folders, a batch's marker). A folder reached through a
symbolic link is not entered, since it may lead back up the tree or out of the folder chosen;
a linked file is taken like any other, but a file reached by several paths in the tree is
listed once: under its own name where that is one of them, else at its first link (so its
result takes the file's own name). Files come in path order, the same on every run.
"""

from __future__ import annotations

import os
from pathlib import Path

from engine.imageio import is_supported_image
from engine.same_file import one_per_file

VIDEO_EXTENSIONS = frozenset({".mp4", ".m4v", ".mkv", ".mov", ".avi", ".webm"})
"""Film files taken by the app: the usual containers of what FFmpeg (in PyAV) decodes."""


def is_supported_video(path: str | os.PathLike) -> bool:
    """Whether ``path`` is named as a film (by its suffix; the content is checked on reading)."""
    return Path(path).suffix.lower() in VIDEO_EXTENSIONS


def is_media(path: str | os.PathLike) -> bool:
    """Whether ``path`` is named as a photo or a film Rekindle restores."""
    return is_supported_image(path) or is_supported_video(path)


def _hidden(name: str) -> bool:
    return name.startswith(".")


def media_in(folder: str | os.PathLike) -> list[Path]:
    """The photos and films in ``folder`` and its subfolders, by the rule above."""
    found = []
    for root, folders, files in os.walk(folder):  # links to folders are listed, not entered
        folders[:] = [name for name in folders if not _hidden(name)]
        found.extend(
            path
            for path in (Path(root, name) for name in files if not _hidden(name))
            if is_media(path) and path.is_file()
        )
    return one_per_file(sorted(found), Path)


def results_apart(
    folder: str | os.PathLike, results: str | os.PathLike | None
) -> tuple[list[Path], list[Path]]:
    """``media_in(folder)`` in two: those outside the folder ``results``, and those in it
    where it lies inside ``folder``: results of earlier restorations found beside the photos,
    not photos to restore again. Given as ``folder`` itself, ``results`` is asked for whole."""
    found = media_in(folder)
    if results is None or not lies_inside(results, folder):
        return found, []
    results = Path(results).resolve()
    outside: list[Path] = []
    apart: list[Path] = []
    for path in found:
        (apart if path.resolve().is_relative_to(results) else outside).append(path)
    return outside, apart


def lies_inside(path: str | os.PathLike, folder: str | os.PathLike) -> bool:
    """Whether ``path`` lies below ``folder`` (not ``folder`` itself), links followed."""
    path, folder = Path(path).resolve(), Path(folder).resolve()
    return path != folder and path.is_relative_to(folder)


def photos_in(folder: str | os.PathLike) -> list[Path]:
    """The photos among ``media_in(folder)``."""
    return [path for path in media_in(folder) if is_supported_image(path)]
