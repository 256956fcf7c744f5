"""Text broken into lines at sensible places for a width, in English and in Chinese: each
paragraph in as few lines as plain wrapping gives it, after its clauses' commas where those
fit a line, and as evenly as the breaks allow, so that no word or Chinese character is left
alone on a line (plain wrapping fills each line and leaves the rest to the last)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from PySide6.QtGui import QFont, QFontMetricsF, QTextLayout, QTextOption

CLAUSE = re.compile(r".+?(?:[,;:]\s+|[、，；：]|\s+(?=\()|(?=（)|$)")
"""A clause of a paragraph: up to the comma (colon, semicolon) that ends it and the spaces
after that, or up to an opening parenthesis: where a paragraph breaks best, in English and
in Chinese."""


def balanced_lines(text: str, font: QFont, width: int) -> list[str]:
    """``text`` (paragraphs split by newlines) in lines no wider than ``width`` where a
    character fits, broken at sensible places (see the module's description)."""
    metrics = QFontMetricsF(font)
    return [
        line
        for paragraph in text.split("\n")
        for line in _paragraph_lines(paragraph, font, metrics, width)
    ]


def _paragraph_lines(paragraph: str, font: QFont, metrics: QFontMetricsF, width: int) -> list[str]:
    fewest = len(_wrapped_by_qt(paragraph, font, width))
    if fewest <= 1:
        return [paragraph]
    by_clauses = partial(_packed, CLAUSE.findall(paragraph), metrics)
    by_qt = partial(_wrapped_by_qt, paragraph, font)
    wrap = by_clauses if _fit(by_clauses(width), fewest, width, metrics) else by_qt
    return _evened(wrap, fewest, width, metrics)


def _wrapped_by_qt(paragraph: str, font: QFont, width: float) -> list[str]:
    """``paragraph``'s lines as Qt wraps them at ``width``: between words, or between
    Chinese characters as Chinese rules allow, or anywhere in a word too long for a line."""
    layout = QTextLayout(paragraph, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    units = paragraph.encode("utf-16-le")  # Qt counts the text in UTF-16 units
    lines = []
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        start, length = 2 * line.textStart(), 2 * line.textLength()
        lines.append(units[start : start + length].decode("utf-16-le").strip())
    layout.endLayout()
    return lines


def _packed(clauses: list[str], metrics: QFontMetricsF, width: float) -> list[str]:
    """``clauses`` in lines, each line as many of them as fit ``width`` (a clause wider than
    that alone on its line)."""
    lines = [""]
    for clause in clauses:
        if lines[-1] and metrics.horizontalAdvance((lines[-1] + clause).strip()) > width:
            lines.append(clause)
        else:
            lines[-1] += clause
    return [line.strip() for line in lines]


def _fit(lines: list[str], count: int, width: float, metrics: QFontMetricsF) -> bool:
    """Whether ``lines`` are ``count`` at most and each fits ``width``."""
    return len(lines) <= count and all(metrics.horizontalAdvance(line) <= width for line in lines)


def _evened(
    wrap: Callable[[float], list[str]], count: int, width: int, metrics: QFontMetricsF
) -> list[str]:
    """``wrap``'s lines at the narrowest width up to ``width`` that still fits them in
    ``count`` lines: the lines as even as its breaks allow."""
    low, high = 1, width
    while low < high:
        middle = (low + high) // 2
        if _fit(wrap(middle), count, middle, metrics):
            high = middle
        else:
            low = middle + 1
    return wrap(high)
