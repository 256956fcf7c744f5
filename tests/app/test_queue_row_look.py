"""A queue row breaks its status between words, never inside a name (the model tag of a result's
name stays whole), and a file that cannot be opened shows a placeholder, with its status right
under its name."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from gui_helpers import rgb_pixels, wait_until_read
from PySide6.QtGui import QFont, QPalette
from test_gui_focus_and_contrast import contrast
from test_queue_rows import row, texts

from app.item_status import ItemStatus
from app.queue_row import LINE_GAP, Part, text_size, wrapped

SAVED = "Saved as kodim01_crop [restore-x4].png"
CHINESE = "无法打开：broken.jpg：文件已损坏或不是图像，请换一个文件再试"


def test_a_status_breaks_at_spaces_only_so_a_name_stays_whole():
    font = QFont()
    widest_word = max(text_size(word, font).width() for word in SAVED.split())
    for width in range(widest_word, text_size(SAVED, font).width() + 1):
        lines = wrapped(SAVED, font, width)
        assert " ".join(lines) == SAVED, width
        assert all(text_size(line, font).width() <= width for line in lines)


def test_chinese_still_breaks_between_its_characters_but_not_inside_a_name():
    font = QFont()
    width = text_size(CHINESE, font).width() // 3
    lines = wrapped(CHINESE, font, width)
    assert len(lines) >= 3
    assert "".join(lines) == CHINESE
    assert any("broken.jpg" in line for line in lines)
    assert all(text_size(line, font).width() <= width for line in lines)


def test_a_word_longer_than_the_line_is_still_broken_to_fit():
    font = QFont()
    path = "/media/scans/box-1961/grandfather-seventieth-birthday-at-the-lake.png"
    width = text_size(path, font).width() * 2 // 3  # two lines: whole, broken anywhere
    lines = wrapped(path, font, width)
    assert len(lines) > 1 and "".join(lines) == path


def test_a_file_that_cannot_be_opened_shows_a_placeholder_and_no_empty_line(
    make_window, qtbot, tmp_path: Path
):
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    window = make_window()
    (item,) = window.add_paths([broken])
    wait_until_read(qtbot, window)
    assert item.status is ItemStatus.UNREADABLE
    layout = row(window, item)
    assert texts(layout, Part.SIZE) == []
    [name] = [text for text in layout.texts if text.part is Part.NAME]
    status = next(text for text in layout.texts if text.part is Part.STATUS)
    assert status.rect.top() == name.rect.bottom() + 1 + LINE_GAP

    window.queue_view.clearSelection()
    viewport = window.queue_view.viewport()
    pixels = rgb_pixels(viewport.grab(layout.thumbnail).toImage()).reshape(-1, 3)
    base = viewport.palette().color(QPalette.ColorRole.Base)
    assert np.count_nonzero(contrast(pixels, base) >= 3.0) > 20  # an icon is drawn on it
