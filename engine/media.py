"""Which files in a folder are photos and films: the one rule the command line, the app and
training share, so each of them finds the same files in the same folder.

A folder is searched with its subfolders. A file counts by its suffix (its content is checked
when it is read). Hidden files and folders are left out: those whose names start with a dot,
the system's (``.DS_Store``, ``.Trash``) or Rekindle's own unfinished work (the part files of
writes under way, a film's segment folders, a batch's marker); those the system hides by a
mark rather than a name (Windows' hidden attribute, macOS' hidden flag, as on ``~/Library``)
and a Windows file marked a system one; and the folders a system keeps at a drive's top
(``SYSTEM_FOLDERS``: deleted files, restore points, a NAS's thumbnails, a disk check's
fragments). Rekindle's own data folder (``engine.paths.user_data_dir``: its models, training
runs, marks) is never searched either, wherever it lies below the folder chosen. A folder
reached through a symbolic link is not entered, since it may lead back up the tree or out of
the folder chosen; a linked file is taken like any other, but a file reached by several paths
in the tree is listed once: under its own name where that is one of them, else at its first
link (so its result takes the file's own name). Files come in path order, the same on every
run. A folder that cannot be read is told with why, never taken for one without photos, and
so is a link named as a photo or a film that leads nowhere (to a drive not plugged in, say).

Asked, the search also lists the files it leaves out that a person may have meant as photos
(a JPEG 2000 master, a layered PSD), so that a run says it left them out rather than nothing:
every file it would show that is neither a photo nor a film, but for those expected beside
photos (``EXPECTED_BESIDE``: sidecars, and the files a system or Rekindle itself keeps there,
``SYSTEM_FILES``).
"""

from __future__ import annotations

import functools
import os
import stat
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from engine import dpx, icc
from engine.errors import leads_nowhere, plain_reason
from engine.imageio import format_of, is_supported_image
from engine.paths import user_data_dir
from engine.provenance import SourceRecord, exif_tags, is_marked, recorded_source
from engine.same_file import Place, found_inside, lies_inside, one_per_file, place_of, same_place
from engine.words import say

VIDEO_EXTENSIONS = frozenset({".mp4", ".m4v", ".mkv", ".mov", ".avi", ".webm"})
"""Film files taken by the app: the usual containers of what FFmpeg (in PyAV) decodes."""


def is_supported_video(path: str | os.PathLike) -> bool:
    """Whether ``path`` is named as a film (by its suffix; the content is checked on reading).
    Read off the name as a string: a queue asks it of every row each time its actions are
    judged, and making a ``Path`` of one costs more than the rest."""
    return os.path.splitext(os.fspath(path))[1].lower() in VIDEO_EXTENSIONS


def is_media(path: str | os.PathLike) -> bool:
    """Whether ``path`` is named as a photo or a film Rekindle restores."""
    return is_supported_image(path) or is_supported_video(path)


SYSTEM_FOLDERS = frozenset(
    {"$recycle.bin", "recycler", "system volume information", "#recycle", "@eadir"}
)
"""The folders, by their names in lower case, that a system keeps for itself on a drive:
Windows' recycle bins (since Vista, and before) and its restore points, a Synology NAS's
recycle bin and thumbnails. Their photos are deleted ones or small copies, not the
person's."""
RECOVERED_FRAGMENTS = "lost+found"
"""The folder at a Linux file system's top where its check puts the fragments it recovered
(only the administrator may read it): pieces named by number, not the person's photos. A
folder of that name anywhere else is the person's own."""


EXPECTED_BESIDE = frozenset({".xmp", ".json", ".txt", ".aae", ".thm", ".wav"})
"""The suffixes of files expected beside photos, never pictures themselves: XMP sidecars (an
editor's, a result's own: ``engine.text_metadata``), Google Takeout's metadata and a frame
sequence's record (JSON), notes and scanners' logs, an iPhone's edits (AAE), a camera's
thumbnail of a film (THM), and the sound Rekindle writes beside a film's frames (WAV)."""
SYSTEM_FILES = frozenset({"thumbs.db", "ehthumbs.db", "desktop.ini", "picasa.ini", "icon\r"})
"""The files, by their names in lower case, that a system or a photo organiser keeps in a
folder: Windows' thumbnail caches and folder settings, Picasa's album settings, and the file
that holds a macOS folder's own icon ("Icon" and a carriage return)."""


def _hidden_name(name: str) -> bool:
    return name.startswith(".")


def _media_name(name: str) -> bool:
    """Whether a file called ``name`` is named as a photo or a film and not hidden by it."""
    return is_media(name) and not _hidden_name(name)


def _expected_beside(name: str) -> bool:
    """Whether a file called ``name`` is one expected beside photos (``EXPECTED_BESIDE``,
    ``SYSTEM_FILES``), or hidden by its name."""
    return (
        _hidden_name(name)
        or Path(name).suffix.lower() in EXPECTED_BESIDE
        or name.casefold() in SYSTEM_FILES
    )


def _hidden_by_mark(info: os.stat_result, *, folder: bool) -> bool:
    """Whether the system hides what ``info`` describes by a mark rather than by its name:
    Windows' hidden attribute, and its system attribute on a file (on a folder it also marks
    one the person gave an icon of its own), or macOS' hidden flag."""
    attributes = getattr(info, "st_file_attributes", 0)
    hiding = stat.FILE_ATTRIBUTE_HIDDEN | (0 if folder else stat.FILE_ATTRIBUTE_SYSTEM)
    return bool(attributes & hiding or getattr(info, "st_flags", 0) & stat.UF_HIDDEN)


def _own_folder() -> Place | None:
    """Where Rekindle's data folder lies (its models, training runs, marks: never photos of
    the person's); None where there is none to find (a training machine has no platformdirs)."""
    try:
        return place_of(user_data_dir())
    except ImportError:
        return None


def _searched(folder: Path, own: Place | None) -> bool:
    """Whether the search enters ``folder``, met below the folder chosen: not when it is
    hidden, one of ``SYSTEM_FOLDERS``, a file system's ``RECOVERED_FRAGMENTS``, or
    Rekindle's data folder (``own``)."""
    if _hidden_name(folder.name) or folder.name.casefold() in SYSTEM_FOLDERS:
        return False
    if folder.name == RECOVERED_FRAGMENTS and os.path.ismount(folder.parent):
        return False
    try:
        info = folder.stat(follow_symlinks=False)
    except OSError:  # gone since listed, or not to be looked at: the walk tells which
        return True
    return not _hidden_by_mark(info, folder=True) and place_of(folder) != own


def _shown_file(path: Path) -> bool:
    """Whether ``path`` leads to a file (a linked one included) that the system does not hide."""
    return path.is_file() and not _hidden_by_mark(path.stat(), folder=False)


def is_link_to_nothing(path: Path) -> bool:
    """Whether ``path`` is a link that leads nowhere: what it points to is missing (on a drive
    not plugged in, say), or a loop."""
    return path.is_symlink() and not path.exists()


Unreadable = list[tuple[Path, str]]
"""Folders and files a search could not read, each with the sentence saying why."""


def media_in(
    folder: str | os.PathLike,
    unreadable: Unreadable | None = None,
    left_out: list[Path] | None = None,
) -> list[Path]:
    """The photos and films in ``folder`` and its subfolders, by the rule above. A folder that
    cannot be read (listed, or its files looked at) is left out, and added to ``unreadable``
    when given, so that it is told rather than taken for a folder without photos; so is a
    link named as a photo or a film that leads nowhere, so that it is told rather than
    missed. The other files of the folders searched that are not expected beside photos
    (``_not_taken``) are added to ``left_out`` when given, in path order."""
    found: list[Path] = []
    refused: dict[Path, str] = {}
    others: list[Path] = []

    def cannot_read(where: Path, error: OSError) -> None:
        refused.setdefault(where, _cannot_read(where, error))

    def cannot_list(error: OSError) -> None:
        cannot_read(Path(error.filename), error)

    own = _own_folder()
    for root, folders, files in os.walk(folder, onerror=cannot_list):  # links: not entered
        folders[:] = [name for name in folders if _searched(Path(root, name), own)]
        for path in (Path(root, name) for name in files if _media_name(name)):
            try:
                if _shown_file(path):
                    found.append(path)
                elif is_link_to_nothing(path):
                    refused[path] = leads_nowhere(path.name)
            except OSError as error:  # listed, but its files cannot be looked at
                cannot_read(Path(root), error)
        if left_out is not None:
            others += (Path(root, name) for name in files if not _media_name(name))
    if unreadable is not None:
        unreadable.extend(sorted(refused.items()))
    if left_out is not None:
        left_out.extend(sorted(filter(_not_taken, others)))
    return one_per_file(sorted(found), Path)


def _not_taken(path: Path) -> bool:
    """Whether ``path``, not named as a photo or a film, is a file the system shows that is
    not expected beside photos (``_expected_beside``): one a person may have meant as a
    photo. One that cannot be looked at is not told (its folder is, where it holds photos)."""
    if _expected_beside(path.name):
        return False
    try:
        return _shown_file(path)
    except OSError:
        return False


def _cannot_read(folder: Path, error: OSError) -> str:
    """Why the search left ``folder`` out, in a sentence that starts with its name."""
    return say(
        "{name}: the folder cannot be read ({reason})",
        name=folder.name,
        reason=plain_reason(error),
    )


def results_apart(
    folder: str | os.PathLike,
    results: str | os.PathLike | None,
    unreadable: Unreadable | None = None,
    left_out: list[Path] | None = None,
) -> tuple[list[Path], list[Path]]:
    """``media_in(folder)`` in two: the photos to restore, and the results of earlier
    restorations found beside them, not photos to restore again: those in the folder
    ``results`` where it lies inside ``folder``; where ``results`` is ``folder`` itself (results
    saved beside the originals), the photos Rekindle marked as its own (``_marked_apart``).
    Where each folder lies is told by the file system, whatever the spelling of either
    (``engine.same_file``). The folders that cannot be read go into ``unreadable``, and the
    other files it does not take into ``left_out`` (``media_in``)."""
    found = media_in(folder, unreadable, left_out)
    if results is not None and same_place(results, folder):
        return _marked_apart(found)
    if results is None or not lies_inside(results, folder):
        return found, []
    return _split(found, found_inside(Path(folder), Path(results)))


def _marked_apart(found: list[Path]) -> tuple[list[Path], list[Path]]:
    """``found`` in two: the rest, and the photos whose EXIF says Rekindle made them
    (``engine.provenance``), not their names, which an original may share. Results alone are
    asked for whole: a folder holding nothing else was chosen for them."""
    rest, marked = _split(found, carries_mark)
    return (rest, marked) if rest else (found, [])


def _split(found: list[Path], apart: Callable[[Path], bool]) -> tuple[list[Path], list[Path]]:
    """``found`` in two, in order: the paths not ``apart``, and those that are."""
    kept: list[Path] = []
    set_apart: list[Path] = []
    for path in found:
        (set_apart if apart(path) else kept).append(path)
    return kept, set_apart


def carries_mark(path: Path) -> bool:
    """Whether the photo at ``path`` carries Rekindle's mark (``header_facts``)."""
    return header_facts(path).marked


HEADERS_KEPT = 4096
"""Results whose ``HeaderFacts`` are kept: a batch run again asks each result's several times
(is it Rekindle's, of which photo, ...), and on a network share each header read costs a
round trip or more."""


@dataclass(frozen=True)
class HeaderFacts:
    """What a result's header tells a run deciding whether to skip, replace or step around
    it: whether Rekindle marked it, and the photo it records it was made from."""

    marked: bool
    source: SourceRecord | None


def header_facts(path: Path) -> HeaderFacts:
    """The ``HeaderFacts`` of the photo at ``path`` (``header_exif``), read once and kept
    while the file is the same (its size, modification time and inode: a result replaced
    atomically is another inode); none for a file that is not there."""
    try:
        found = os.stat(path)
    except OSError:
        return HeaderFacts(marked=False, source=None)
    return _facts_of(Path(path), found.st_size, found.st_mtime_ns, found.st_ino)


@functools.lru_cache(maxsize=HEADERS_KEPT)
def _facts_of(path: Path, size: int, mtime_ns: int, inode: int) -> HeaderFacts:
    """``header_facts`` of ``path`` as it is while it has that size, time and inode."""
    tags = header_exif(path)
    return HeaderFacts(marked=is_marked(tags), source=recorded_source(tags))


def header_exif(path: Path) -> Image.Exif:
    """The EXIF of the photo at ``path``, read from its header only (a PNG's pixels are never
    decoded for it; a TIFF's tags are its EXIF; a DPX result keeps it in its user-defined
    data). A film, or a file that cannot be read, has none (empty tags)."""
    if not is_supported_image(path):
        return Image.Exif()
    try:
        if format_of(path) == "dpx":
            return exif_tags(dpx.exif_in(path))
        with icc.without_pillow_pixel_limit(), warnings.catch_warnings(), Image.open(path) as image:
            warnings.simplefilter("ignore")
            return image.getexif() if image.format == "TIFF" else exif_tags(image.info.get("exif"))
    except Exception:  # Pillow raises many kinds for a damaged or foreign file
        return Image.Exif()


def photos_in(folder: str | os.PathLike, unreadable: Unreadable | None = None) -> list[Path]:
    """The photos among ``media_in(folder, unreadable)``."""
    return [path for path in media_in(folder, unreadable) if is_supported_image(path)]
