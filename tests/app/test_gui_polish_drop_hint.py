"""The empty viewer's hint (drop photos here, or open them) wraps at sensible places in either
language at any width the viewer can have: no Chinese character or English word alone on a
line, each line centred, each paragraph in as few lines as plain wrapping gives it."""

from __future__ import annotations

import math

import numpy as np
import pytest
from gui_helpers import rgb_pixels
from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF

from app.i18n import CHINESE, ENGLISH
from app.line_breaks import balanced_lines
from app.viewer import PLACEHOLDER_MARGIN, ComparisonViewer

HINT = "Drop photos, films or folders here,\nor open them with {shortcut}."
NO_MODELS = "No models are installed yet, so photos cannot be restored."
WIDTHS = range(180, 620, 8)
"""The viewer's widths, from its least on."""
INK = 40
"""A pixel this far from the backdrop (in any channel) is part of the text."""


def _hint() -> str:
    """The welcome as the viewer shows it with no model installed, in the current language."""
    hint = QCoreApplication.translate("PhotoView", HINT).format(shortcut="Ctrl+O")
    return hint + "\n\n" + QCoreApplication.translate("PhotoView", NO_MODELS)


def _viewer(qtbot) -> ComparisonViewer:
    viewer = ComparisonViewer()
    qtbot.addWidget(viewer)
    viewer.setFont(QFont("DejaVu Sans", 10))
    return viewer


def _inked_lines(viewer: ComparisonViewer) -> list[tuple[int, int]]:
    """Each line of text painted: the left and right of its ink, in pixels."""
    pixels = rgb_pixels(viewer.grab().toImage()).astype(int)
    backdrop = pixels[0, 0]
    ink = (np.abs(pixels - backdrop) > INK).any(axis=2)
    rows = ink.any(axis=1)
    lines = []
    top = None
    for y, inked in enumerate([*rows, False]):
        if inked and top is None:
            top = y
        elif not inked and top is not None:
            columns = np.flatnonzero(ink[top:y].any(axis=0))
            lines.append((int(columns[0]), int(columns[-1])))
            top = None
    return lines


@pytest.mark.parametrize("language", [ENGLISH, CHINESE])
def test_no_line_of_the_hint_is_a_lone_character_and_each_is_centred(qtbot, translation, language):
    translation.apply(language)
    viewer = _viewer(qtbot)
    viewer.set_placeholder(_hint())
    viewer.show()
    glyph = QFontMetricsF(viewer.placeholder_font()).horizontalAdvance("中")
    for width in WIDTHS:
        viewer.resize(width, 400)
        lines = _inked_lines(viewer)
        assert lines, f"nothing painted at {width} px"
        for left, right in lines:
            assert right - left > 1.5 * glyph, f"a lone character on a line at {width} px"
            middle = (left + right) / 2
            assert abs(middle - width / 2) < glyph / 2 + 2, f"a line off centre at {width} px"


@pytest.mark.parametrize("language", [ENGLISH, CHINESE])
def test_the_hint_takes_no_more_lines_than_plain_wrapping_and_each_fits(
    qtbot, translation, language
):
    translation.apply(language)
    viewer = _viewer(qtbot)
    font = viewer.placeholder_font()
    metrics = QFontMetricsF(font)
    for width in WIDTHS:
        room = width - 2 * PLACEHOLDER_MARGIN
        lines = balanced_lines(_hint(), font, room)
        box = QRectF(0, 0, room, 10_000)
        plain = metrics.boundingRect(box, Qt.TextFlag.TextWordWrap.value, _hint()).height()
        assert len(lines) <= round(plain / metrics.lineSpacing()), f"more lines at {width} px"
        assert all(metrics.horizontalAdvance(line) <= room for line in lines)


def test_a_paragraph_breaks_after_its_comma_where_its_clauses_fit(qtbot):
    font = QFont("DejaVu Sans", 10)
    metrics = QFontMetricsF(font)
    first, second = "Drop photos, ", "films or folders here,"
    width = round(metrics.horizontalAdvance(second)) + 1
    assert balanced_lines(first + second, font, width) == [first.strip(), second]


def test_a_chinese_title_breaks_before_its_parenthesis_not_inside_a_word(qtbot):
    font = QFont("DejaVu Sans", 10)
    metrics = QFontMetricsF(font)
    first, second = "评判网络的平均判断", "（0.5 = 平衡）"
    width = round(max(metrics.horizontalAdvance(first), metrics.horizontalAdvance(second))) + 1
    assert balanced_lines(first + second, font, width) == [first, second]


def test_narrowing_the_lines_never_breaks_a_word_that_fits(qtbot):
    """Evening the lines out once broke "Unforgettable" where the whole word fitted."""
    font = QFont("DejaVu Sans", 10)
    metrics = QFontMetricsF(font)
    text = "Unforgettable photos"
    widest = max(metrics.horizontalAdvance(word) for word in text.split())
    for width in range(math.ceil(widest), math.ceil(metrics.horizontalAdvance(text)) + 1):
        lines = balanced_lines(text, font, width)
        assert [word for line in lines for word in line.split()] == text.split(), width


@pytest.mark.parametrize(
    "text",
    [
        HINT.format(shortcut="Ctrl+O"),
        "将照片、影片或文件夹拖放到这里，\n或按 Ctrl+O 打开。",
    ],
    ids=["en", "zh"],
)
def test_no_line_starts_with_closing_punctuation_even_where_a_word_is_broken(qtbot, text):
    """At widths below the widest word's, as at those above it ("photos" and ", films" at
    52 to 56 px at the viewer's font)."""
    font = QFont("DejaVu Sans", 10)
    metrics = QFontMetricsF(font)
    for width in range(30, 200):
        lines = balanced_lines(text, font, width)
        assert not [line for line in lines if line[0] in ",.;:、，。；："], (width, lines)
        assert "".join("".join(lines).split()) == "".join(text.split()), width
        assert all(metrics.horizontalAdvance(line) <= width for line in lines), (width, lines)
