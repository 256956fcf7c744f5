"""Help and File helpers: the guide, the sheet of shortcuts, File > Open Recent, and what
Output Folder says when no file manager can show a folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import searched, write_photo
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QApplication, QTableWidget

from app.actions import ACTIONS, CONTEXT
from app.main_window import MainWindow
from app.recent import RECENT_COUNT
from app.settings import AppSettings
from app.shortcut_sheet import ShortcutSheet, without_mnemonic


def test_the_guide_opens_and_tells_what_each_choice_does_and_does_not(make_window):
    window = make_window()
    assert window.guide_action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    window.guide_action.trigger()
    guide = window.guide
    assert guide.isVisible()
    text = guide.browser.toPlainText()
    for words in (
        "Restore 4x",
        "Faithful 4x",
        "Detail strength",
        "Repair strength",
        "Clean-up 1x",
        "Before enlarging",
        "Long side",
        "Print size",
        "300 dpi",
        "over 100 megapixels",
        "Fix faded colours",
        "Extra care",
        "tiles",
        "Device Automatic",
        "H.264",
        "FFV1",
        "Split Scan into Prints",
        "Train on My Collection",
        "cracks, tears",
        "does not restore faces",
        "does not colourise black-and-white photos",
    ):
        assert words in text, words
    window.guide_action.trigger()
    assert window.guide is guide  # the one open, raised


def rows(table: QTableWidget) -> list[tuple[str, str]]:
    """Each row's two cells; a heading's second cell is empty."""
    cells = [(table.item(r, 0), table.item(r, 1)) for r in range(table.rowCount())]
    return [(what.text(), keys.text() if keys is not None else "") for what, keys in cells]


def test_the_shortcut_sheet_lists_every_action_with_a_shortcut(make_window, monkeypatch):
    shown: list[list[tuple[str, str]]] = []
    monkeypatch.setattr(ShortcutSheet, "exec", lambda sheet: shown.append(rows(sheet.table)))
    window = make_window()
    window.shortcuts_action.trigger()
    native = QKeySequence.SequenceFormat.NativeText
    keys = {
        spec.id: [QKeySequence(spec.shortcut), *map(QKeySequence, spec.also)]
        for spec in ACTIONS
        if spec.shortcut
    }
    expected = [
        (
            QCoreApplication.translate(CONTEXT, spec.text).replace("&", ""),
            ", ".join(key.toString(native) for key in keys[spec.id] if not key.isEmpty()),
        )
        for spec in ACTIONS
        if spec.id in keys
    ]
    listed = [(name, written) for name, written in expected if written]
    assert shown[0][: len(listed)] == listed
    assert ("Keyboard Shortcuts", "Ctrl+/") in expected and len(expected) > 10
    every_key = [key for action in window.actions() for key in action.shortcuts()]
    assert len(every_key) == len(set(every_key))  # no two actions share a key


def recent_entries(window: MainWindow) -> list[QAction]:
    """The recent paths File > Open Recent lists, as it opens."""
    menu = window.recent_menu
    menu.aboutToShow.emit()
    return menu.actions()[
        : menu.actions().index(next(a for a in menu.actions() if a.isSeparator()))
    ]


def test_recent_photos_and_folders_are_kept_and_reopened(
    make_window, qtbot, tiny_model, settings_file: Path, tmp_path: Path
):
    gone = write_photo(tmp_path / "gone.png")
    folder = tmp_path / "album"
    write_photo(folder / "a.png")
    write_photo(folder / "b.png")
    window = make_window()
    window.add_paths([gone])
    window.add_paths([folder])
    window.add_paths([write_photo(tmp_path / "cut.png")], remember=False)  # a print cut out
    searched(qtbot, window)
    window.close()
    gone.unlink()
    write_photo(folder / "c.png")  # new in the folder: reopening it queues it

    again = make_window(AppSettings.from_file(settings_file))
    entries = recent_entries(again)
    assert [a.text() for a in entries] == [str(folder), f"{gone} (not found)"]
    assert [a.isEnabled() for a in entries] == [True, False]
    entries[0].trigger()
    searched(qtbot, again)
    assert "c.png" in [item.name for item in again.queue.items()]

    again.add_paths(write_photo(tmp_path / f"{n}.png") for n in range(RECENT_COUNT))
    assert len(recent_entries(again)) == RECENT_COUNT  # the oldest fall off
    clear = again.recent_menu.actions()[-1]
    assert clear.text() == "&Clear Recent"
    clear.trigger()
    assert [a.text() for a in recent_entries(again)] == ["No recent photos or folders"]


@pytest.fixture
def no_file_manager(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """QDesktopServices finds nothing to open a folder with; the folders asked for."""
    asked: list[str] = []

    def open_url(url) -> bool:
        asked.append(url.toLocalFile())
        return False

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    return asked


def test_a_folder_no_file_manager_can_show_is_told_and_copied(
    make_window, no_file_manager, app_settings, tmp_path: Path
):
    window = make_window()
    window.output_folder_action.trigger()
    folder = Path(app_settings.output_dir)
    assert no_file_manager == [str(folder)]
    message = window.statusBar().currentMessage()
    assert message == (
        f"Cannot open the folder “restored”: no file manager is set up; it is {folder} (copied "
        "to the clipboard)."
    )
    assert QApplication.clipboard().text() == str(folder)

    [item] = window.add_paths([write_photo(tmp_path / "photos" / "a.png")])
    window.queue_view.select_id(item.id)
    window.show_in_folder_action.trigger()
    assert no_file_manager[-1] == str(tmp_path / "photos")
    assert QApplication.clipboard().text() == str(tmp_path / "photos")
    assert "Cannot open the folder “photos”: no file manager" in window.statusBar().currentMessage()


def test_the_shortcut_sheet_names_actions_without_their_access_keys():
    """Chinese menus put the access key in brackets after the words: 打开(&O)."""
    assert without_mnemonic("&Open Folder…") == "Open Folder…"
    assert without_mnemonic("打开文件夹(&F)…") == "打开文件夹…"
    assert without_mnemonic("撤销 (&U)") == "撤销"


def test_an_action_whose_standard_key_this_platform_lacks_is_not_listed(qapp):
    """Quit's standard key is empty under Windows' key scheme: no row with blank keys."""
    from PySide6.QtGui import QAction, QKeySequence

    from app.shortcut_sheet import shortcuts

    quit_action, save = QAction("&Quit"), QAction("&Save")
    quit_action.setShortcuts([QKeySequence()])
    save.setShortcut(QKeySequence("Ctrl+S"))
    assert [name for name, _keys in shortcuts([quit_action, save])] == ["Save"]


def test_the_shortcut_sheet_lists_the_marking_bar_and_the_viewer_keys(make_window, monkeypatch):
    """Under their headings: Find Spots, Redo, Clear and Done while marking, and the viewer's own
    keys (pan, split, brush), which are no actions of the window; the rows can be stepped
    through with the keys, for a screen reader."""
    shown = []
    monkeypatch.setattr(ShortcutSheet, "exec", lambda sheet: shown.append(sheet))
    window = make_window()
    window.shortcuts_action.trigger()
    sheet = shown[0]
    listed = rows(sheet.table)
    marking = listed.index(("While marking spots", ""))
    viewer = listed.index(("In the viewer", ""))
    assert listed[marking + 1 : viewer] == [
        ("Find Spots", "S"),
        ("Redo", "Ctrl+Shift+Z, Ctrl+Y"),
        ("Clear", "C"),
        ("Done", "Return, Enter, Esc"),
    ]
    assert listed[viewer + 1 :] == window.viewer.key_rows()
    assert ("Pan a zoomed photo (Shift: further)", "Arrow keys") in listed
    assert sheet.table.focusPolicy() != Qt.FocusPolicy.NoFocus
