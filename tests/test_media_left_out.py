"""What the search for photos (``engine.media.media_in``, shared by restore batches, the app
and training) never takes for the person's photos: Rekindle's own data folder, the folders a
system keeps on a drive, and what a system hides by a mark rather than a dot."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from engine.media import media_in

REAL_STAT = Path.stat


def _touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")
    return path


def _names(paths: list[Path], root: Path) -> list[str]:
    return [path.relative_to(root).as_posix() for path in paths]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A Mac home folder: a photo on the Desktop, and Rekindle's data folder in ~/Library
    holding an earlier run's validation photo and a spot mark."""
    root = tmp_path / "home"
    _touch(root / "Desktop" / "grandma.jpg")
    data = root / "Library" / "Application Support" / "Rekindle"
    _touch(data / "training" / "20250101-120000" / "validation" / "00.png")
    _touch(data / "marks" / "0123.png")
    monkeypatch.setenv("REKINDLE_DATA_DIR", str(data))
    return root


def test_rekindles_data_folder_below_the_chosen_one_is_never_searched(home: Path):
    assert _names(media_in(home), home) == ["Desktop/grandma.jpg"]


def test_rekindles_data_folder_reached_by_another_spelling_is_never_searched(
    home: Path, monkeypatch: pytest.MonkeyPatch
):
    """Told by the file system: the data folder named through a link is still left out."""
    link = home.parent / "data-link"
    link.symlink_to(home / "Library" / "Application Support" / "Rekindle")
    monkeypatch.setenv("REKINDLE_DATA_DIR", str(link))
    assert _names(media_in(home), home) == ["Desktop/grandma.jpg"]


def test_a_folder_inside_rekindles_data_folder_chosen_itself_is_searched(home: Path):
    """The wizard validates on its run's own photos: a folder chosen is always searched."""
    chosen = home / "Library" / "Application Support" / "Rekindle" / "training"
    assert _names(media_in(chosen), chosen) == ["20250101-120000/validation/00.png"]


@pytest.mark.parametrize(
    "system_folder",
    [
        "$RECYCLE.BIN",
        "$Recycle.Bin",
        "RECYCLER",
        "System Volume Information",
        "@eaDir",
        "#recycle",
    ],
)
def test_the_folders_a_system_keeps_on_a_drive_are_left_out(tmp_path: Path, system_folder: str):
    stick = tmp_path / "stick"
    _touch(stick / "Photos 1985" / "beach.jpg")
    _touch(stick / system_folder / "S-1-5-21-1234" / "$RAB1CD.jpg")
    assert _names(media_in(stick), stick) == ["Photos 1985/beach.jpg"]


def test_a_file_systems_recovered_fragments_are_left_out(tmp_path: Path, monkeypatch):
    drive = tmp_path / "drive"
    _touch(drive / "Photos 1985" / "beach.jpg")
    _touch(drive / "lost+found" / "#1234567.jpg")
    monkeypatch.setattr(os.path, "ismount", lambda path: Path(path) == drive)
    assert _names(media_in(drive), drive) == ["Photos 1985/beach.jpg"]


def test_a_persons_own_folder_named_lost_and_found_is_searched(tmp_path: Path):
    album = tmp_path / "album"
    _touch(album / "dog.jpg")
    _touch(album / "lost+found" / "umbrella.jpg")
    assert _names(media_in(album), album) == ["dog.jpg", "lost+found/umbrella.jpg"]


class _Marked:
    """A stat result with a system's hiding marks set (Windows' attributes, macOS' flags)."""

    def __init__(self, real: os.stat_result, **marks: int) -> None:
        self._real = real
        self.__dict__.update(marks)

    def __getattr__(self, name: str) -> object:
        return getattr(self._real, name)


def _marked(monkeypatch: pytest.MonkeyPatch, marks: dict[str, dict[str, int]]) -> None:
    """``Path.stat`` of each path named in ``marks`` (by its name) carries those marks."""

    def marked_stat(path: Path, *, follow_symlinks: bool = True) -> object:
        real = REAL_STAT(path, follow_symlinks=follow_symlinks)
        return _Marked(real, **marks[path.name]) if path.name in marks else real

    monkeypatch.setattr(Path, "stat", marked_stat)


@pytest.fixture
def drive(tmp_path: Path) -> Path:
    root = tmp_path / "drive"
    for name in ("kept.jpg", "hidden.jpg", "system.jpg", "Hidden folder/a.jpg"):
        _touch(root / name)
    for name in ("Customised/b.jpg", "Flagged folder/c.jpg", "flagged.jpg"):
        _touch(root / name)
    return root


def test_what_windows_hides_by_its_attributes_is_left_out(
    drive: Path, monkeypatch: pytest.MonkeyPatch
):
    """Hidden files and folders, and system files; a folder marked a system one alone is
    one the person customised (its own icon), and is searched."""
    _marked(
        monkeypatch,
        {
            "hidden.jpg": {"st_file_attributes": stat.FILE_ATTRIBUTE_HIDDEN},
            "system.jpg": {"st_file_attributes": stat.FILE_ATTRIBUTE_SYSTEM},
            "Hidden folder": {
                "st_file_attributes": stat.FILE_ATTRIBUTE_HIDDEN | stat.FILE_ATTRIBUTE_SYSTEM
            },
            "Customised": {"st_file_attributes": stat.FILE_ATTRIBUTE_SYSTEM},
        },
    )
    assert _names(media_in(drive), drive) == [
        "Customised/b.jpg",
        "Flagged folder/c.jpg",
        "flagged.jpg",
        "kept.jpg",
    ]


def test_what_macos_hides_by_its_flag_is_left_out(drive: Path, monkeypatch: pytest.MonkeyPatch):
    """As ``~/Library`` is hidden, by a flag rather than a dot."""
    flagged = {"st_flags": stat.UF_HIDDEN}
    _marked(monkeypatch, {"Flagged folder": flagged, "flagged.jpg": flagged})
    assert _names(media_in(drive), drive) == [
        "Customised/b.jpg",
        "Hidden folder/a.jpg",
        "hidden.jpg",
        "kept.jpg",
        "system.jpg",
    ]
