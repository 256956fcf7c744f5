"""The app names a blend of the built-in models in the language shown, as its sliders do: in the
queue row of a photo restored with it and in a part preview's status, and again in the
language shown later."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import wait_for_status, wait_until_read, write_photo
from PySide6.QtCore import QCoreApplication, QPointF, QTranslator
from test_gui_settings import builtin_family  # noqa: F401 (a fixture)

from app.i18n import ENGINE_CATALOG
from app.item_status import ItemStatus
from app.photo_queue import status_text

CHINESE = {
    "{model} ({strengths})": "{model}（{strengths}）",
    "{first}, {then}": "{first}，{then}",
    "repair {share:.0%}": "修复 {share:.0%}",
    "detail {share:.0%}": "细节 {share:.0%}",
}
ENGLISH_BLEND = "Restore ×4 (repair 60%, detail 50%)"
CHINESE_BLEND = "Restore ×4（修复 60%，细节 50%）"
WAIT_MS = 60_000


class ChineseEngineWords(QTranslator):
    """The engine catalogue's words for a blend's title, as a Chinese catalogue gives them."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return CHINESE.get(source) if context == ENGINE_CATALOG else None


@pytest.fixture
def chinese_engine_words(qapp) -> Iterator[ChineseEngineWords]:
    catalogue = ChineseEngineWords()
    QCoreApplication.installTranslator(catalogue)
    yield catalogue
    QCoreApplication.removeTranslator(catalogue)


def test_a_blend_is_named_in_the_language_shown(
    make_window,
    qtbot,
    builtin_family,  # noqa: F811
    chinese_engine_words,
    tmp_path: Path,
):
    window = make_window()
    panel = window.settings_panel
    panel.select_model("restore-x4")
    panel.detail_strength.slider.setValue(50)
    panel.repair_strength.slider.setValue(60)
    [item] = window.add_paths([write_photo(tmp_path / "a.png", 120, 90)])
    wait_until_read(qtbot, window)

    viewer = window.viewer
    qtbot.waitUntil(viewer.has_images, timeout=WAIT_MS)
    viewer.set_zoom(8.0, QPointF(viewer.width() / 2, viewer.height() / 2))
    window.preview_action.trigger()
    qtbot.waitUntil(lambda: viewer.part_rect() is not None, timeout=WAIT_MS)
    assert CHINESE_BLEND in window.statusBar().currentMessage()

    window.restore_all()
    wait_for_status(qtbot, item, ItemStatus.RESTORED, ItemStatus.FAILED)
    assert item.status is ItemStatus.RESTORED, item.message
    assert status_text(item).endswith(f"with {CHINESE_BLEND}")

    QCoreApplication.removeTranslator(chinese_engine_words)  # English shown again
    assert status_text(item).endswith(f"with {ENGLISH_BLEND}")
