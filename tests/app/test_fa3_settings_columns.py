"""The settings column below the model's group: the fields of every group start one under
another, in either language, and the cluster settings sit with the advanced ones (they
send photos too, not only films)."""

from __future__ import annotations

from gui_helpers import open_every_section
from PySide6.QtCore import QPoint

from app.i18n import CHINESE
from app.settings_fields import FIELDS, MODEL, STAGES

SMALL_SCREEN = (1366, 768)
"""The tester's screen, where the fields started at x = 1061, 1080, 1057 and 1052."""
PANE_WIDTHS = [300, 600, 420]
"""The queue, the photo and the settings column, wide enough for each field beside its label
(a narrower column puts a long field under its label)."""


def _field_starts(panel) -> dict[str, int]:
    """Where each labelled field of the groups below the model's starts, across the panel."""
    fields = {
        field.setting: getattr(panel, field.attribute)
        for field in FIELDS
        if field.label is not None and field.place not in (STAGES, MODEL)
    }
    fields["output_size"] = panel.size_field
    return {name: widget.mapTo(panel, QPoint(0, 0)).x() for name, widget in fields.items()}


def test_the_fields_of_every_group_start_one_under_another(make_window, translation, qtbot):
    """In English, and in Chinese, whose shorter labels let the fields start further left."""
    window = make_window()
    window.resize(*SMALL_SCREEN)
    window.splitter.setSizes(PANE_WIDTHS)
    panel = window.settings_panel
    open_every_section(panel)
    qtbot.waitUntil(lambda: len(set(_field_starts(panel).values())) == 1)
    english = _field_starts(panel)["language"]
    translation.apply(CHINESE)
    qtbot.waitUntil(lambda: _field_starts(panel)["language"] < english)  # the new texts laid out
    starts = _field_starts(panel)
    assert len(set(starts.values())) == 1, sorted(starts.items())


def test_the_cluster_settings_sit_with_the_advanced_ones(make_window):
    panel = make_window().settings_panel
    for widget in (panel.cluster_check, panel.address_field):
        assert panel.advanced_section.isAncestorOf(widget)
        assert not panel.films_section.isAncestorOf(widget)
