"""Look and feel: theme per system preference, high-DPI drawing, shortcuts, the About box."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import marked_pair
from PySide6.QtCore import QPointF
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import QApplication

from app import __version__, theme
from app.about import AboutDialog
from app.queue_view import THUMB_SIDE, thumbnail_pixels
from app.viewer import ComparisonViewer
from engine.library.catalog import available_models
from engine.library.own_format import save_model
from engine.networks import UNetGenerator


@pytest.fixture
def restore_theme(qapp: QApplication):
    palette = QPalette(qapp.palette())
    yield
    qapp.setPalette(palette)


@pytest.mark.parametrize("light", [True, False])
def test_the_palette_follows_the_system(qapp, monkeypatch, restore_theme, light):
    monkeypatch.setattr(theme, "system_prefers_light", lambda: light)
    theme.apply_theme(qapp)
    assert isinstance(qapp.style(), theme.OutlinedFusion)
    assert qapp.style().baseStyle().name().lower() == "fusion"
    assert theme.is_dark(qapp.palette()) is not light
    window, text = (
        qapp.palette().color(QPalette.ColorRole.Window),
        qapp.palette().color(QPalette.ColorRole.WindowText),
    )
    assert abs(window.lightness() - text.lightness()) > 150  # legible either way


def test_menus_show_the_shortcuts(make_window):
    window = make_window()
    shortcuts = {
        window.open_action: QKeySequence(QKeySequence.StandardKey.Open),
        window.save_action: QKeySequence(QKeySequence.StandardKey.Save),
        window.save_all_action: QKeySequence("Ctrl+Shift+S"),
        window.fit_action: QKeySequence("F"),
        window.actual_size_action: QKeySequence("1"),
        window.restore_all_action: QKeySequence("Ctrl+Shift+R"),
    }
    for action, keys in shortcuts.items():
        assert action.shortcut() == keys
        assert keys.toString(QKeySequence.SequenceFormat.NativeText) in action.toolTip()
    in_menus = {
        a
        for menu in (window.file_menu, window.queue_menu, window.view_menu)
        for a in menu.actions()
    }
    assert set(shortcuts) <= in_menus


def test_zoom_in_takes_ctrl_equals_too(make_window):
    """Ctrl++ needs Shift on many keyboards; Ctrl+= is the key people press."""
    shortcuts = make_window().zoom_in_action.shortcuts()
    assert shortcuts[0] == QKeySequence(QKeySequence.StandardKey.ZoomIn)
    assert QKeySequence("Ctrl+=") in shortcuts


def test_the_viewer_counts_device_pixels_on_high_dpi_screens(qtbot, monkeypatch):
    viewer = ComparisonViewer()
    qtbot.addWidget(viewer)
    monkeypatch.setattr(viewer, "devicePixelRatioF", lambda: 2.0)
    viewer.resize(400, 300)
    viewer.set_images(*marked_pair())
    viewer.actual_size()
    assert viewer.zoom() == pytest.approx(1.0)  # one image pixel per device pixel
    one_pixel = viewer.map_after_to_widget(QPointF(1, 0)) - viewer.map_after_to_widget(
        QPointF(0, 0)
    )
    assert one_pixel.x() == pytest.approx(0.5)  # half a logical pixel
    viewer.grab()


def test_thumbnails_are_made_for_the_screens_pixels(make_window, monkeypatch):
    window = make_window()
    monkeypatch.setattr(window.queue_view, "devicePixelRatioF", lambda: 2.0)
    assert thumbnail_pixels(window.queue_view) == 2 * THUMB_SIDE


def test_about_shows_the_version_and_how_models_were_trained(
    qtbot, private_data_dir: Path, builtin_models: Path
):
    training = {
        "steps_done": 120000,
        "seconds": 7260,
        "completed": True,
        "validation": {"psnr": 27.314, "ssim": 0.8123, "bicubic_psnr": 25.9},
    }
    network = UNetGenerator(scale=4, width=8, depth=2, convs=1, up_width=8)
    save_model(
        network,
        private_data_dir / "models" / "trained.safetensors",
        display_name="Trained",
        training=training,
    )
    dialog = AboutDialog(available_models())
    qtbot.addWidget(dialog)
    table = dialog.models_table
    assert table.rowCount() == 1
    row = [table.item(0, column).text() for column in range(table.columnCount())]
    assert row == [
        "Trained",
        "4×",
        "your model",
        "120,000",
        "2 h 01 min",
        "27.31",
        "25.90",
        "0.812",
    ]
    assert __version__ in dialog.title.text()


def test_a_first_start_fits_a_small_screen_and_keeps_the_large_default(make_window):
    from PySide6.QtCore import QSize

    from app.main_window import DEFAULT_SIZE
    from app.screen_fit import fitted_size

    assert fitted_size(DEFAULT_SIZE, QSize(2560, 1440)) == QSize(*DEFAULT_SIZE)
    laptop = fitted_size(DEFAULT_SIZE, QSize(1280, 760))  # 1280x800 less a panel
    assert laptop.width() <= 1280 and laptop.height() <= 760
    window = make_window()  # no saved geometry: sized for the offscreen screen (800x800)
    wanted = fitted_size(DEFAULT_SIZE, window.screen().availableGeometry().size())
    assert window.size() == wanted.expandedTo(window.minimumSizeHint())
    assert window.height() < DEFAULT_SIZE[1]


@pytest.mark.usefixtures("builtin_models")
def test_the_training_wizard_fits_a_screen_smaller_than_its_designed_size(make_window):
    """At 150 or 200 % a 1080p display is 1280x720 or 960x540 logical pixels: the wizard,
    designed at 1280x840, must keep its Next and Cancel buttons on the screen."""
    from app.wizard.wizard import SIZE

    wizard = make_window().open_training_wizard()
    available = wizard.screen().availableGeometry().size()  # the offscreen screen: 800x800
    assert available.height() < SIZE[1]
    assert wizard.width() <= available.width() and wizard.height() <= available.height()
