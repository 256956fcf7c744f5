"""A photo saved at once after its restoration is saved in the format its run was asked with,
as it is into the run's output folder and under its names: a format chosen during the run is
for the saves asked for by hand, and for the next run."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import WAIT_MS, wait_until_read, write_photo

from app.main_window import MainWindow
from app.settings import AppSettings


def choose_format(window: MainWindow, fmt: str) -> None:
    combo = window.settings_panel.format_combo
    combo.setCurrentIndex(combo.findData(fmt))


def test_a_format_chosen_during_a_run_is_for_saves_by_hand_not_the_runs_own(
    make_window, qtbot, tiny_model, tmp_path: Path, app_settings: AppSettings
):
    app_settings.auto_save = True
    sources = [write_photo(tmp_path / "photos" / f"{n}.png", 40, 30, i) for i, n in enumerate("ab")]
    window = make_window()
    first, second = window.add_paths(sources)
    wait_until_read(qtbot, window)
    chosen_during_run = []

    def choose_tiff_once(_item_id: int, _run: object) -> None:
        if not chosen_during_run:
            chosen_during_run.append(True)
            choose_format(window, "tif")  # the first photo restored, the second not yet

    window.runner.photo_restored.connect(choose_tiff_once)
    window.restore_all()
    qtbot.waitUntil(lambda: None not in (first.saved_to, second.saved_to), timeout=WAIT_MS)
    assert chosen_during_run
    assert [first.saved_to.name, second.saved_to.name] == ["a [tiny].png", "b [tiny].png"]

    assert window.save_all_action.isEnabled()  # not saved in the format shown
    window.save_all_action.trigger()
    qtbot.waitUntil(lambda: {first.saved_to.suffix, second.saved_to.suffix} == {".tif"})
    folder = Path(app_settings.output_dir)
    both = ["a [tiny].png", "a [tiny].tif", "b [tiny].png", "b [tiny].tif"]
    assert sorted(path.name for path in folder.iterdir()) == both
