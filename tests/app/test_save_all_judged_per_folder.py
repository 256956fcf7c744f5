"""Whether Save All is offered is judged each time the window's actions are, over every row,
and whether Save is, over every photo selected: with hundreds of photos restored and saved,
the disk is looked at once for each folder, not for each photo, so the window keeps up as
saved photos pile up."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from app.item_status import ItemStatus
from app.photo_queue import QueueItem


def saved_photos(photos: Path, output: Path, count: int) -> list[QueueItem]:
    """``count`` photos found in the folder ``photos`` added, restored and saved as PNG where
    their results go in ``output``."""
    place = output / photos.name
    place.mkdir(parents=True, exist_ok=True)
    items = []
    for n in range(count):
        saved = place / f"p{n}.png"
        saved.touch()
        source = photos / f"p{n}.png"
        item = QueueItem(source, status=ItemStatus.RESTORED, added_with=photos, sequence=False)
        item.saved_to = saved
        items.append(item)
    return items


def looks_at_the_disk(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each look at a file's or folder's details (or a folder's files) from now on by the
    window's thread, noted (the thumbnail reader's thread looks at the photos meanwhile)."""
    looks: list[str] = []
    for name in ("stat", "lstat", "scandir"):
        real = getattr(os, name)

        def counted(*args, _real=real, _name=name, **kwargs):
            if threading.current_thread() is threading.main_thread():
                looks.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(os, name, counted)
    return looks


def test_save_all_is_judged_looking_at_each_folder_once_not_at_each_photo(
    make_window, tmp_path: Path, app_settings, monkeypatch
):
    photos = tmp_path / "photos"
    photos.mkdir()
    window = make_window()
    first, *others = saved_photos(photos, Path(app_settings.output_dir), 60)
    window.queue.add_items([first])
    looks = looks_at_the_disk(monkeypatch)
    assert not window.saving.has_left_to_save()  # saved as chosen
    looks_for_one = len(looks)
    assert looks_for_one > 0

    window.queue.add_items(others)
    looks.clear()
    assert not window.saving.has_left_to_save()  # each saved as chosen: every row asked
    assert len(looks) == looks_for_one

    format_combo = window.settings_panel.format_combo
    format_combo.setCurrentIndex(format_combo.findData("tif"))
    assert list(window.saving.left_to_save()) == [first, *others]


def test_save_is_judged_for_the_photos_selected_looking_at_each_folder_a_bounded_number_of_times(
    make_window, tmp_path: Path, app_settings, monkeypatch
):
    photos = tmp_path / "photos"
    photos.mkdir()
    window = make_window()
    first, *others = saved_photos(photos, Path(app_settings.output_dir), 300)
    window.queue.add_items([first, *others])
    looks = looks_at_the_disk(monkeypatch)
    assert not window.saving.has_to_write([first, *others[:99]])  # each in its very file
    looks_for_100 = len(looks)
    looks.clear()
    assert not window.saving.has_to_write([first, *others])
    assert len(looks) == looks_for_100 < 100  # the folder listed once asked about often

    others[-1].saved_to.unlink()  # its pixels let go, as a result saved and not on show
    assert not window.saving.has_to_write([first, *others])  # nothing left to write
