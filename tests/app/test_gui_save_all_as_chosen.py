"""Save All saves every restored photo not saved as the settings now say: never saved, or
saved in another format or into another output folder than those chosen now. Photos saved
as chosen are not saved again, and the button says which is which as the settings change."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import WAIT_MS, wait_until_read, write_photo

from app.main_window import MainWindow
from app.photo_queue import QueueItem
from app.settings import AppSettings


@pytest.fixture
def saving_at_once(app_settings: AppSettings) -> AppSettings:
    app_settings.auto_save = True
    return app_settings


def restored_and_saved(qtbot, window: MainWindow, sources: list[Path]) -> list[QueueItem]:
    """The photos at ``sources`` restored, each saved at once; the first on show."""
    items = window.add_paths(sources)
    wait_until_read(qtbot, window)
    window.queue_view.select_id(items[0].id)
    window.restore_all()
    qtbot.waitUntil(lambda: all(item.saved_to is not None for item in items), timeout=WAIT_MS)
    return items


def choose_format(window: MainWindow, fmt: str) -> None:
    combo = window.settings_panel.format_combo
    combo.setCurrentIndex(combo.findData(fmt))


def names_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_save_all_saves_each_photo_again_in_the_format_chosen_since_and_only_once(
    make_window, qtbot, tiny_model, tmp_path: Path, saving_at_once
):
    sources = [write_photo(tmp_path / "photos" / f"{n}.png", 40, 30, i) for i, n in enumerate("ab")]
    window = make_window()
    first, second = restored_and_saved(qtbot, window, sources)
    assert not window.save_all_action.isEnabled()  # saved as the settings say
    choose_format(window, "png")  # the same as the originals': nothing changes
    assert not window.save_all_action.isEnabled()

    choose_format(window, "tif")
    assert window.save_all_action.isEnabled()  # at once
    window.save_all_action.trigger()
    qtbot.waitUntil(lambda: {first.saved_to.suffix, second.saved_to.suffix} == {".tif"})
    folder = Path(saving_at_once.output_dir)
    both = ["a [tiny].png", "a [tiny].tif", "b [tiny].png", "b [tiny].tif"]
    assert names_in(folder) == both
    assert not window.save_all_action.isEnabled()

    window.save_all()  # asked for all the same: nothing to write
    assert not any(window.saving.is_saving(item.id) for item in (first, second))
    choose_format(window, "png")  # saved as PNG before: not again, as "a [tiny] (2).png"
    assert not window.save_all_action.isEnabled()
    window.save_all()
    assert not any(window.saving.is_saving(item.id) for item in (first, second))
    qtbot.wait(200)
    assert names_in(folder) == both


def test_save_all_saves_each_photo_again_into_the_output_folder_chosen_since(
    make_window, qtbot, tiny_model, tmp_path: Path, saving_at_once
):
    sources = [write_photo(tmp_path / "photos" / f"{n}.png", 40, 30, i) for i, n in enumerate("ab")]
    window = make_window()
    items = restored_and_saved(qtbot, window, sources)
    other = tmp_path / "elsewhere"
    window.settings_panel.set_output_folder(str(other))
    assert window.save_all_action.isEnabled()
    window.save_all_action.trigger()
    qtbot.waitUntil(lambda: all(item.saved_to.parent == other for item in items))
    assert names_in(other) == ["a [tiny].png", "b [tiny].png"]
    assert not window.save_all_action.isEnabled()

    window.settings_panel.set_output_folder(saving_at_once.output_dir)  # saved there before
    assert not window.save_all_action.isEnabled()


def test_save_all_goes_on_past_a_result_kept_only_as_jpeg_and_says_so(
    make_window, qtbot, tiny_model, tmp_path: Path, saving_at_once
):
    sources = [
        write_photo(tmp_path / "photos" / "a.png"),
        write_photo(tmp_path / "photos" / "b.jpg"),
    ]
    window = make_window()
    kept, jpeg = restored_and_saved(qtbot, window, sources)
    assert jpeg.saved_to.suffix == ".jpg" and jpeg.result is None  # let go: only its JPEG holds it

    choose_format(window, "tif")
    window.save_all_action.trigger()
    qtbot.waitUntil(lambda: kept.saved_to.suffix == ".tif" and bool(jpeg.message))
    assert "holds this result only as JPEG" in jpeg.message
    qtbot.waitUntil(lambda: "1 photo could not be saved" in window.statusBar().currentMessage())
    assert jpeg.saved_to.suffix == ".jpg"
    assert window.save_all_action.isEnabled()  # still not saved as TIFF: it says why again
