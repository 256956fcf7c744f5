"""What a screen reader gets: each settings control named by the label beside it (Qt's label
relation, or its accessible name where no label stands beside it), the queue rows' states,
the run bars' texts, and the film scrubber's frame; and the film note readable after the
system switches between dark and light."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QStyle,
    QStyleOptionProgressBar,
    QWidget,
)
from text_fit import text_size

from app import theme
from app.compare_picker import ComparePicker
from app.frame_scrubber import FrameScrubber
from app.photo_queue import QueueModel
from app.queue_view import QueuePanel
from app.restore_runner import RunProgress
from app.run_bars import TEXT_MARGIN, RunBars
from app.settings_panel import SettingsPanel
from app.spot_marking import MarkingBar
from app.strength_slider import StrengthSlider
from app.wizard.finish_page import FinishPage
from app.wizard.source_page import SourcePage
from engine.video import VideoInfo

NAME = QAccessible.Text.Name
DESCRIPTION = QAccessible.Text.Description
LEAST_CONTRAST = 4.5
"""WCAG AA for body text."""


def accessible(widget) -> QAccessible:
    return QAccessible.queryAccessibleInterface(widget)


def labelled_by(widget) -> list[str]:
    """The names of what labels ``widget``, as Qt tells a screen reader (a label whose buddy
    it is, then its group box)."""
    relations = accessible(widget).relations(QAccessible.RelationFlag.Label)
    return [other.text(NAME) for other, _relation in relations]


@pytest.fixture
def panel(qtbot, app_settings, tiny_model) -> SettingsPanel:
    panel = SettingsPanel(app_settings)
    qtbot.addWidget(panel)
    return panel


def test_each_labelled_control_is_labelled_by_its_label(panel: SettingsPanel) -> None:
    for setting, label in panel._labels.items():
        widget = panel._widgets[setting]
        stop = widget.focusProxy() or widget  # a typed field's line, inside the field
        assert label.buddy() is stop
        # on Linux a combo box's name is its current text: the label relation tells its label
        assert label.text() in (accessible(stop).text(NAME), *labelled_by(stop)), setting
    assert accessible(panel.tile_spin).text(NAME) == "Tile size"
    assert accessible(panel.folder_edit).text(NAME) == "Folder"


def test_icon_buttons_are_named_as_their_tips(panel: SettingsPanel) -> None:
    for button in (panel.folder_button, panel.models_folder_button):
        assert button.toolTip()
        assert accessible(button).text(NAME) == button.toolTip()


def test_output_size_is_named(panel: SettingsPanel) -> None:
    assert panel.size_label.buddy() is panel.scale_combo
    assert panel.scale_combo.accessibleName() == "Output size"


def test_names_follow_the_language(panel: SettingsPanel, translation, qapp) -> None:
    translation.apply("zh_CN")
    qapp.processEvents()  # the widgets learn of it from the event loop
    chinese = QApplication.translate("SettingsPanel", "Open the folder for your own models")
    assert chinese != "Open the folder for your own models"
    assert accessible(panel.models_folder_button).text(NAME) == chinese
    assert (
        accessible(panel.repair_strength.slider).text(NAME) == panel.repair_strength.caption.text()
    )
    assert panel.scale_combo.accessibleName() == panel.size_label.text() != "Output size"


def test_strength_slider_is_named_by_its_caption(qtbot) -> None:
    slider = StrengthSlider()
    qtbot.addWidget(slider)
    slider.set_texts("Repair strength", "Enlarge only", "Strongest", "tip", "")
    assert accessible(slider.slider).text(NAME) == "Repair strength"


def test_queue_row_tells_its_state(tmp_path: Path) -> None:
    model = QueueModel()
    (item,) = model.add_paths([_file(tmp_path / "a.png")])
    model.update(item.id, status=item.status.UNREADABLE, message="the file is damaged")
    index = model.index(0)
    assert "a.png" in model.data(index, Qt.ItemDataRole.AccessibleTextRole)
    description = model.data(index, Qt.ItemDataRole.AccessibleDescriptionRole)
    assert "Cannot open: the file is damaged" in description


def _file(path: Path) -> Path:
    path.write_bytes(b"not a picture")
    return path


def test_run_bars_are_named_and_described(bars: RunBars) -> None:
    bars.show_progress(RunProgress(0.59, 1, 0.25, 30, 1, 4), film=False)
    assert accessible(bars.item_bar).text(NAME)
    assert accessible(bars.queue_bar).text(NAME)
    assert accessible(bars.item_bar).text(DESCRIPTION) == bars.item_bar.text()
    assert bars.item_bar.text().startswith("Photo: 59%")
    assert accessible(bars.queue_bar).text(DESCRIPTION) == bars.queue_bar.text()


def test_run_bars_fit_their_text(bars: RunBars, translation) -> None:
    translation.apply("zh_CN")
    film = RunProgress(0.45, 3 * 3600 + 25 * 60, 0.3, 5 * 3600, 112, 1400, False, 23.9)
    bars.show_progress(film, film=True)
    for bar in (bars.item_bar, bars.queue_bar):
        option = QStyleOptionProgressBar()
        bar.initStyleOption(option)
        room = bar.style().subElementRect(QStyle.SubElement.SE_ProgressBarLabel, option, bar)
        assert text_size(bar.text(), bar.font()).width() + TEXT_MARGIN <= room.width()


@pytest.fixture
def scrubber(qtbot) -> FrameScrubber:
    scrubber = FrameScrubber()
    qtbot.addWidget(scrubber)
    scrubber.set_film(_film(frames=60), 30)
    return scrubber


def _film(frames: int) -> VideoInfo:
    rate = Fraction(24)
    return VideoInfo(
        Path("a.mp4"),
        0,
        None,
        64,
        48,
        frames,
        rate,
        1 / rate,
        None,
        0,
        0,
        0,
        0,
        8,
        "yuv420p",
        "h264",
        (),
    )


def test_scrubber_tells_the_frame_from_one(scrubber: FrameScrubber) -> None:
    slider = accessible(scrubber.slider)
    assert slider.text(NAME)
    assert slider.text(DESCRIPTION) == "Frame 31 of 60"


def test_film_note_follows_the_system_theme(scrubber: FrameScrubber, qapp) -> None:
    scrubber.set_note("Preview of frame 31")
    try:
        for palette in (theme.light_palette(), theme.dark_palette()):
            qapp.setPalette(palette)
            qapp.processEvents()  # the widgets learn of it from the event loop
            assert _contrast(scrubber.note, scrubber) >= LEAST_CONTRAST
    finally:
        theme.apply_theme(qapp)


def _contrast(label: QLabel, behind: QWidget) -> float:
    """The WCAG contrast of the label's text, blended at its alpha, on the window colour of
    the widget ``behind`` it."""
    text = label.palette().color(QPalette.ColorRole.WindowText)
    ground = behind.palette().color(QPalette.ColorRole.Window)
    alpha = text.alphaF()
    shown = [
        a * alpha + b * (1 - alpha)
        for a, b in zip(text.getRgbF()[:3], ground.getRgbF()[:3], strict=True)
    ]
    lighter, darker = sorted([_luminance(shown), _luminance(ground.getRgbF()[:3])], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(rgb) -> float:
    def linear(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(v) for v in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def test_wizard_name_field_is_named_by_its_label(qtbot) -> None:
    page = FinishPage()
    qtbot.addWidget(page)
    assert accessible(page.name_edit).text(NAME) == page.name_label.text() == "Name"


def test_queue_list_is_named_as_its_title(qtbot, translation, qapp) -> None:
    panel = QueuePanel(QueueModel())
    qtbot.addWidget(panel)
    assert accessible(panel.view).text(NAME) == "Queue"
    translation.apply("zh_CN")
    qapp.processEvents()  # the panel learns of it from the event loop
    assert accessible(panel.view).text(NAME) == panel.title.text() != "Queue"


def test_wizard_folder_field_is_named(qtbot) -> None:
    page = SourcePage(crop=128)
    qtbot.addWidget(page)
    assert accessible(page.folder_edit).text(NAME) == "Folder of good photos"


def test_the_compare_lists_are_named_and_labelled(qtbot) -> None:
    picker = ComparePicker()
    qtbot.addWidget(picker)
    assert accessible(picker.left).text(NAME) == "Picture on the left"
    assert accessible(picker.right).text(NAME) == "Picture on the right"
    assert labelled_by(picker.left) == ["Compare"]
    assert labelled_by(picker.right) == ["with"]


def test_the_brush_slider_is_labelled_by_its_caption(qtbot) -> None:
    bar = MarkingBar()
    qtbot.addWidget(bar)
    assert labelled_by(bar.brush) == ["Brush"]
