"""Saving each photo as it is restored, where a save fails for a reason of that photo alone:
the run goes on and its end says what helps; where it fails in a folder the results still to
come go into too: the run stops; and photos whose names fill a file name are saved,
and compared, under names that keep their recipe and fit."""

from __future__ import annotations

import errno
from pathlib import Path

from gui_helpers import WAIT_MS, wait_until_read, write_photo

import app.workers
from app.item_status import ItemStatus
from app.photo_queue import QueueItem
from app.settings import AppSettings
from engine.file_names import NAME_MAX, byte_length
from engine.words import plural


def test_a_save_failing_for_its_photo_alone_lets_the_run_go_on(
    make_window, qtbot, tiny_model, tmp_path: Path, app_settings: AppSettings, monkeypatch
):
    app_settings.auto_save = True
    write = app.workers.write_picture

    def name_refused(picture, target, **options):
        if target.name.startswith("1"):
            raise OSError(errno.ENAMETOOLONG, "File name too long", str(target))
        return write(picture, target, **options)

    monkeypatch.setattr(app.workers, "write_picture", name_refused)
    window = make_window()
    items = window.add_paths([write_photo(tmp_path / "photos" / f"{i}.png") for i in range(4)])
    wait_until_read(qtbot, window)

    window.restore_all()
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage().startswith("Restored 4 photos."),
        timeout=WAIT_MS,
    )

    assert [item.status for item in items] == [ItemStatus.RESTORED] * 4
    refused = items[1]
    assert refused.saved_to is None and refused.save_failed
    assert "(the name is too long for this disk)" in refused.message
    assert all(item.saved_to is not None for item in items if item is not refused)
    assert window.statusBar().currentMessage() == (
        f"Restored 4 photos. Could not save 1 photo. Could not save {refused.name}: "
        f"{refused.message}. Once that is put right, use Save All."
    )


def test_photos_whose_names_fill_a_file_name_are_saved_and_compared_with_their_recipe(
    make_window, qtbot, tiny_model, tmp_path: Path, app_settings: AppSettings
):
    app_settings.auto_save = True
    window = make_window()
    names = ["c" * 245 + ".png", "中" * 83 + ".png", "a.png"]
    items = window.add_paths([write_photo(tmp_path / "photos" / name) for name in names])
    wait_until_read(qtbot, window)

    window.restore_all()
    qtbot.waitUntil(lambda: all(item.saved_to is not None for item in items), timeout=WAIT_MS)

    saved = [item.saved_to.name for item in items]
    assert all(name.endswith(" [tiny].png") and byte_length(name) <= NAME_MAX for name in saved)
    assert saved[2] == "a [tiny].png"
    folder = Path(app_settings.output_dir)
    window.queue_view.select_id(items[1].id)
    qtbot.waitUntil(window.save_comparison_action.isEnabled, timeout=WAIT_MS)  # once on show
    window.save_comparison_action.trigger()
    qtbot.waitUntil(lambda: any(folder.glob("* comparison.jpg")), timeout=WAIT_MS)
    [comparison] = folder.glob("* comparison.jpg")
    assert comparison.name == saved[1].removesuffix(".png") + " comparison.jpg"


def test_two_results_of_a_long_named_photo_compared_get_a_name_that_fits(
    make_window, qtbot, tiny_model, tmp_path: Path, app_settings: AppSettings
):
    """A comparison of two results chosen is named after both: cut short before its suffix."""
    app_settings.auto_save = True
    window = make_window()
    [item] = window.add_paths([write_photo(tmp_path / "photos" / ("c" * 245 + ".png"))])
    wait_until_read(qtbot, window)
    for fix_fading in (False, True):
        window.settings_panel.fading_check.setChecked(fix_fading)
        window.queue_view.select_id(item.id)
        window.restore_selected()
        qtbot.waitUntil(lambda done=fix_fading: len(item.history) > done, timeout=WAIT_MS)
    picker = window.result_view.picker
    for combo in (picker.left, picker.right):
        combo.setCurrentIndex(1)
        combo.activated.emit(1)
    folder = Path(app_settings.output_dir)

    window.save_comparison_action.trigger()
    qtbot.waitUntil(lambda: any(folder.glob("* comparison.jpg")), timeout=WAIT_MS)

    [comparison] = folder.glob("* comparison.jpg")
    assert byte_length(comparison.name) <= NAME_MAX
    left, right = comparison.name.removesuffix(" comparison.jpg").split(" vs ")
    assert left.startswith("c" * 100) and right.startswith("c" * 100) and left != right


def add_album(window, qtbot, folder: Path, names: list[str]) -> list[QueueItem]:
    """A folder of photos, some perhaps in its subfolders, added to the queue and read: its
    results keep that layout in a folder of its name in the output folder."""
    for seed, name in enumerate(names):
        write_photo(folder / name, 40, 30, seed)
    window.add_paths([folder])
    qtbot.waitUntil(lambda: len(window.queue.items()) == len(names), timeout=WAIT_MS)
    wait_until_read(qtbot, window)
    return window.queue.items()


def test_saves_failing_in_the_folder_the_other_photos_results_go_into_stop_the_run(
    make_window, qtbot, tiny_model, tmp_path: Path, app_settings: AppSettings
):
    """A file where the album's folder of results should be: every photo of it would fail to
    save, so the first that fails stops the run, as a disk gone full would."""
    app_settings.auto_save = True
    output = Path(app_settings.output_dir)
    output.mkdir()
    (output / "album").write_text("a file where the album's results would go")
    window = make_window()
    items = add_album(window, qtbot, tmp_path / "album", [f"{i}.png" for i in range(5)])

    window.restore_all()
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage().startswith("Restoring stopped."),
        timeout=WAIT_MS,
    )

    restored = [item for item in items if item.status is ItemStatus.RESTORED]
    assert 1 <= len(restored) < len(items)
    assert {item.status for item in items if item not in restored} == {ItemStatus.CANCELLED}
    first = restored[0]
    photos = plural(len(restored), "1 photo", f"{len(restored)} photos")
    assert f"cannot create the folder {output / 'album'}" in first.message
    assert window.statusBar().currentMessage() == (
        f"Restoring stopped. Restored {photos}. Could not save {photos}. "
        f"Could not save {first.name}: {first.message}. Once that is put right, use Save All "
        "for the photos restored and Restore All for those stopped."
    )


def test_a_save_failing_in_a_subfolder_of_its_photo_alone_lets_the_run_go_on(
    make_window, qtbot, tiny_model, tmp_path: Path, app_settings: AppSettings
):
    app_settings.auto_save = True
    output = Path(app_settings.output_dir)
    (output / "album").mkdir(parents=True)
    (output / "album" / "sub").write_text("a file where one photo's result folder would go")
    names = ["a.png", "sub/b.png", "c.png", "d.png"]
    window = make_window()
    items = add_album(window, qtbot, tmp_path / "album", names)

    window.restore_all()
    qtbot.waitUntil(
        lambda: window.statusBar().currentMessage().startswith("Restored 4 photos."),
        timeout=WAIT_MS,
    )

    assert [item.status for item in items] == [ItemStatus.RESTORED] * 4
    [refused] = [item for item in items if item.saved_to is None]
    assert refused.name == "b.png"
    assert f"cannot create the folder {output / 'album' / 'sub'}" in refused.message
    saved = sorted(item.saved_to.relative_to(output).as_posix() for item in items if item.saved_to)
    assert saved == ["album/a [tiny].png", "album/c [tiny].png", "album/d [tiny].png"]
