"""The output size in the app: a long side or a print size reaches the saved file, the choice
is kept, the size of the photo on show is told, and very large results are asked about (or
refused when their format cannot hold them) and films beyond 4K offered the 2x model, before
anything is restored."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from gui_helpers import wait_for_status, wait_until_read, write_photo
from PySide6.QtWidgets import QMessageBox

import engine.paths
from app.item_status import ItemStatus
from app.main_window import MainWindow
from app.output_size_field import CHOICES, LONG_SIDE, PRINT, megapixels
from app.settings import AppSettings
from engine import output_size
from engine.imageio import read_picture
from engine.library.own_format import save_model
from engine.networks import UNetGenerator
from engine.output_size import OutputSize
from engine.video import probe
from tests.video_helpers import make_clip


def choose(window: MainWindow, choice: int | str) -> None:
    window.settings_panel.scale_combo.setCurrentIndex(CHOICES.index(choice))


def restore_and_save(window: MainWindow, qtbot, path: Path) -> Path:
    """Restore ``path`` with the window's settings and save it; the file written."""
    [item] = window.add_paths([path])
    wait_until_read(qtbot, window)
    window.restore_all()
    wait_for_status(qtbot, item, ItemStatus.RESTORED, ItemStatus.FAILED)
    assert item.status is ItemStatus.RESTORED, item.message
    window.save_all()
    qtbot.waitUntil(lambda: item.saved_to is not None, timeout=30_000)
    return item.saved_to


def test_a_long_side_and_a_print_size_are_the_saved_photos_sizes(
    make_window, qtbot, tiny_model, tmp_path: Path
):
    window = make_window()
    size_field = window.settings_panel.size_field
    choose(window, LONG_SIDE)
    size_field.long_side_spin.setValue(100)
    saved = restore_and_save(window, qtbot, write_photo(tmp_path / "long.png", 40, 30))
    assert read_picture(saved).pixels.shape == (75, 100, 3)

    choose(window, PRINT)
    size_field.unit_combo.setCurrentIndex(size_field.unit_combo.findData("cm"))
    size_field.print_width_spin.setValue(2.0)  # either way round: turned to match the photo
    size_field.print_height_spin.setValue(3.0)
    size_field.dpi_spin.setValue(127)  # 3 x 2 cm at 127 dpi: 150 x 100 px to fit within
    saved = restore_and_save(window, qtbot, write_photo(tmp_path / "print.png", 40, 30))
    assert read_picture(saved).pixels.shape == (100, 133, 3)


def test_the_size_of_the_photo_on_show_is_told(make_window, qtbot, tiny_model, tmp_path: Path):
    window = make_window()
    note = window.settings_panel.size_field.result_label
    assert not note.isVisibleTo(window)  # no photo yet
    [item] = window.add_paths([write_photo(tmp_path / "a.png", 40, 30)])
    window.queue_view.select_id(item.id)
    wait_until_read(qtbot, window)
    assert note.isVisibleTo(window)
    assert note.text() == "→ 160 × 120 px, 0.019 MP"  # the tiny model's own 4x
    choose(window, 2)
    assert note.text() == "→ 80 × 60 px, 0.0048 MP"
    choose(window, LONG_SIDE)
    window.settings_panel.size_field.long_side_spin.setValue(6000)
    assert note.text() == "→ 6000 × 4500 px, 27 MP"


def test_the_output_size_is_kept_between_runs(make_window, tiny_model, settings_file: Path):
    window = make_window()
    size_field = window.settings_panel.size_field
    size_field.long_side_spin.setValue(5000)
    choose(window, PRINT)
    size_field.unit_combo.setCurrentIndex(size_field.unit_combo.findData("in"))
    size_field.print_width_spin.setValue(8.0)
    size_field.print_height_spin.setValue(10.0)
    size_field.dpi_spin.setValue(600)
    window.close()

    again = make_window(AppSettings.from_file(settings_file)).settings_panel
    assert again.size_field.choice() == PRINT
    assert again.size_field.long_side_spin.value() == 5000
    options = again.restore_settings().options
    assert options.size == OutputSize(print_mm=(8 * 25.4, 10 * 25.4), dpi=600)
    assert options.scale_out is None
    assert again.restore_settings().film_options.size is None  # films keep a scale


def test_a_print_size_is_converted_when_its_unit_changes(make_window):
    window = make_window()
    size_field = window.settings_panel.size_field
    choose(window, PRINT)

    def in_unit(unit: str) -> tuple[float, float]:
        """Choose ``unit``; the print's sides shown then."""
        size_field.unit_combo.setCurrentIndex(size_field.unit_combo.findData(unit))
        return size_field.print_width_spin.value(), size_field.print_height_spin.value()

    in_unit("cm")
    size_field.print_width_spin.setValue(20.0)
    size_field.print_height_spin.setValue(30.0)
    assert in_unit("in") == (7.9, 11.8)  # to a tenth of an inch
    assert size_field.size().print_mm == pytest.approx((200.0, 300.0), rel=0.01)
    assert in_unit("cm") == (20.0, 30.0)  # as typed, not 7.9 in's 20.1 cm
    in_unit("in")
    size_field.print_width_spin.setValue(8.0)
    size_field.print_height_spin.setValue(10.0)
    assert in_unit("cm") == (20.3, 25.4)


def test_films_keep_the_models_scale_when_a_size_is_chosen(
    make_window, qtbot, tiny_model, tmp_path: Path, app_settings
):
    window = make_window()
    choose(window, LONG_SIDE)
    window.settings_panel.size_field.long_side_spin.setValue(100)
    [film] = window.add_paths([make_clip(tmp_path / "film.mp4", frames=2)])
    window.queue_view.select_id(film.id)
    wait_until_read(qtbot, window)
    note = window.settings_panel.size_field.result_label.text()
    assert note == "→ 256 × 192 px, 0.049 MP\nFilms keep the model's scale."
    window.restore_all()
    wait_for_status(qtbot, film, ItemStatus.RESTORED, ItemStatus.FAILED)
    assert film.status is ItemStatus.RESTORED, film.message


class Answer:
    """Stands in for a person at QMessageBox: records each box's text, presses a button."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, role: QMessageBox.ButtonRole) -> None:
        self.texts: list[str] = []
        self.role = role
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self._exec(box))
        monkeypatch.setattr(QMessageBox, "warning", self._warning)

    def _exec(self, box: QMessageBox) -> int:
        self.texts.append(box.text())
        next(b for b in box.buttons() if box.buttonRole(b) == self.role).click()
        return 0

    def _warning(self, _parent, _title: str, text: str, *_args) -> QMessageBox.StandardButton:
        self.texts.append(text)
        return QMessageBox.StandardButton.Ok


@pytest.fixture
def large_from_0_01_mp(monkeypatch: pytest.MonkeyPatch) -> None:
    """Results over 0.01 MP count as very large: the tiny model's 160 x 120 does."""
    monkeypatch.setattr(output_size, "LARGE_MEGAPIXELS", 0.01)


def test_very_large_results_are_asked_about_and_cancel_restores_nothing(
    make_window, qtbot, monkeypatch, tiny_model, large_from_0_01_mp, tmp_path: Path
):
    window = make_window()
    items = window.add_paths(
        [write_photo(tmp_path / "a.png", 40, 30), write_photo(tmp_path / "b.png", 20, 15)]
    )
    wait_until_read(qtbot, window)
    answer = Answer(monkeypatch, QMessageBox.ButtonRole.RejectRole)
    window.restore_all()
    [text] = answer.texts
    assert ": 1." in text and "a.png, would be 160 × 120 px" in text  # b.png is 80 x 60
    assert not window.runner.is_running
    assert all(item.status is ItemStatus.READY for item in items)

    answer.role = QMessageBox.ButtonRole.AcceptRole  # Restore Anyway
    window.restore_all()
    for item in items:
        wait_for_status(qtbot, item, ItemStatus.RESTORED, ItemStatus.FAILED)
        assert item.status is ItemStatus.RESTORED, item.message


def test_a_result_its_format_cannot_hold_is_refused(
    make_window, qtbot, monkeypatch, tiny_model, tmp_path: Path
):
    window = make_window()
    panel = window.settings_panel
    panel.format_combo.setCurrentIndex(panel.format_combo.findData("jpg"))
    choose(window, LONG_SIDE)
    panel.size_field.long_side_spin.setValue(70_000)
    [item] = window.add_paths([write_photo(tmp_path / "a.png", 40, 30)])
    wait_until_read(qtbot, window)
    answer = Answer(monkeypatch, QMessageBox.ButtonRole.AcceptRole)
    window.restore_all()
    [text] = answer.texts
    assert "70000 × 52500 px" in text and "JPG holds at most 65535 px" in text
    assert "PNG or TIFF" in text
    assert not window.runner.is_running and item.status is ItemStatus.READY


@pytest.fixture
def restore_models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Built-in Faithful and Restore models at 4x and 2x (tiny ones)."""
    folder = tmp_path / "resources" / "models"
    for name, scale in (
        ("restore-x4", 4),
        ("faithful-x4", 4),
        ("restore-x2", 2),
        ("faithful-x2", 2),
    ):
        torch.manual_seed(scale)
        network = UNetGenerator(scale=scale, width=8, depth=2, convs=1, up_width=8)
        save_model(network, folder / f"{name}.safetensors", display_name=name.title())
    (folder / "aliases.json").write_text('{"default": "restore-x4"}')
    monkeypatch.setattr(engine.paths, "builtin_models_dir", lambda: folder)
    return folder


@pytest.fixture
def beyond_4k_from_0_01_mp(monkeypatch: pytest.MonkeyPatch) -> None:
    """Films over 100 x 100 count as larger than 4K: a 64 x 48 clip at 4x (256 x 192) is."""
    monkeypatch.setattr(output_size, "FILM_4K", (100, 100))


def test_a_film_beyond_4k_is_offered_the_2x_model_with_the_repair_kept(
    make_window, qtbot, monkeypatch, restore_models, beyond_4k_from_0_01_mp, tmp_path: Path
):
    window = make_window()
    panel = window.settings_panel
    panel.repair_strength.slider.setValue(60)
    [film] = window.add_paths([make_clip(tmp_path / "film.mp4", frames=2)])
    wait_until_read(qtbot, window)
    answer = Answer(monkeypatch, QMessageBox.ButtonRole.RejectRole)
    window.restore_all()
    [text] = answer.texts
    assert "film.mp4, would be 256 × 192 px" in text and "Restore-X2 makes them half" in text
    assert not window.runner.is_running and film.status is ItemStatus.READY

    answer.role = QMessageBox.ButtonRole.YesRole  # Use Restore-X2
    window.restore_all()
    wait_for_status(qtbot, film, ItemStatus.RESTORED, ItemStatus.FAILED)
    assert film.status is ItemStatus.RESTORED, film.message
    assert panel.model_key() == "restore-x2" and panel.repair_strength.value() == 0.6
    assert film.recipe.suffix() == "restore-x2 r60"
    restored = probe(film.saved_to)
    assert (restored.width, restored.height) == (128, 96)


def test_a_film_beyond_4k_with_no_smaller_model_is_asked_about_only(
    make_window, qtbot, monkeypatch, restore_models, beyond_4k_from_0_01_mp, tmp_path: Path
):
    """Output size 4x chosen: a 2x model would make the film no smaller, so none is offered."""
    window = make_window()
    choose(window, 4)
    [film] = window.add_paths([make_clip(tmp_path / "film.mp4", frames=2)])
    wait_until_read(qtbot, window)
    answer = Answer(monkeypatch, QMessageBox.ButtonRole.AcceptRole)  # Restore Anyway
    window.restore_all()
    [text] = answer.texts
    assert "larger than 4K" in text and "half" not in text
    wait_for_status(qtbot, film, ItemStatus.RESTORED, ItemStatus.FAILED)
    assert film.status is ItemStatus.RESTORED, film.message
    assert window.settings_panel.model_key() == "restore-x4"


def test_megapixels_are_told_in_plain_figures():
    assert [megapixels(*size) for size in ((6000, 4500), (160, 120), (40, 30), (4, 4))] == [
        "27",
        "0.019",
        "0.0012",
        "< 0.001",  # not 1.6e-05
    ]
