"""The output folder, made where it is missing, with the folders it is in only inside the
person's home folder (a new account may have no Pictures folder yet). Elsewhere a missing
folder above it most likely is a drive not plugged in (its mount point empty, or gone): made
here, the results would go on the local disk, to be hidden by the drive once it is back.

The command line makes every folder of an output path typed: a person typing it means it.
"""

from __future__ import annotations

from pathlib import Path


class OutputFolderAway(Exception):
    """The output folder is missing, and so is a folder it is in, outside the home folder."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.folder = folder


def make_output_folder(folder: Path) -> None:
    """Make the output folder ``folder`` where missing (see above): ``OutputFolderAway``
    where it may not be made, ``OSError`` where it cannot."""
    check_output_folder(folder)
    folder.mkdir(parents=True, exist_ok=True)


def check_output_folder(folder: Path) -> None:
    """``OutputFolderAway`` where the output folder ``folder`` is missing and may not be
    made (see above): checked before a run that writes into it, and by every write."""
    if not _may_be_made(folder):
        raise OutputFolderAway(folder)


def _may_be_made(folder: Path) -> bool:
    """Whether every folder missing above ``folder`` lies in the home folder."""
    folder = folder.absolute()
    there = next((above for above in folder.parents if above.exists()), None)
    if there is None:  # not even its drive (on Windows, a drive letter not plugged in)
        return False
    return there == folder.parent or there.resolve().is_relative_to(Path.home().resolve())
