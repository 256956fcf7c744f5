"""The table of the window's actions, and the menus built from it."""

from __future__ import annotations

from itertools import groupby

from app.actions import ACTIONS, MENUS, QUEUE_BUTTONS, QUEUE_CONTEXT, TOOLBAR, TOOLBAR_END

PLACES = {menu.id for menu in MENUS} | {TOOLBAR, TOOLBAR_END, QUEUE_CONTEXT, QUEUE_BUTTONS}


def test_each_action_is_declared_once_in_known_places():
    ids = [spec.id for spec in ACTIONS]
    assert len(ids) == len(set(ids))
    assert all(set(spec.places) <= PLACES for spec in ACTIONS)


def test_in_each_place_a_group_of_actions_is_never_split():
    for place in PLACES:
        groups = [spec.places[place] for spec in ACTIONS if place in spec.places]
        runs = [group for group, _ in groupby(groups)]
        assert len(runs) == len(set(runs)), place


def test_the_menus_follow_the_table(make_window):
    window = make_window()
    texts = [a.text() if not a.isSeparator() else "-" for a in window.file_menu.actions()]
    assert texts == [
        "&Open Photos or Films…",
        "Open &Folder…",
        "Open &Recent",
        "-",
        "&Save",
        "Save &All",
        "Save &Comparison",
        "Open Output Fol&der",
        "-",
        "&Quit",
    ]
    context = [a.text() if not a.isSeparator() else "-" for a in window.queue_view.actions()]
    assert context == ["&Restore", "&Save", "Spl&it Scan into Prints", "Turn &Left",
                       "Turn Ri&ght", "Restore as &Photos", "Show in &Folder", "-",
                       "Remo&ve from Queue"]  # fmt: skip
    assert window.settings_action.isChecked()
    window.settings_action.trigger()
    assert not window.settings_scroll.isVisibleTo(window)
