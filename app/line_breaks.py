"""Text broken into lines at sensible places for a width, in English and in Chinese: each
paragraph in as few lines as plain wrapping gives it, after its clauses' commas where those
fit a line, and as evenly as the breaks allow, so that no word or Chinese character is left
alone on a line (plain wrapping fills each line and leaves the rest to the last). A word is
broken only where it is wider than the width, and no line starts with a comma, a full stop
or a closing bracket."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from functools import partial

from PySide6.QtGui import QFont, QFontMetricsF, QTextLayout, QTextOption

CLAUSE = re.compile(r".+?(?:[,;:]\s+|[、，；：]|\s+(?=\()|(?=（)|$)")
"""A clause of a paragraph: up to the comma (colon, semicolon) that ends it and the spaces
after that, or up to an opening parenthesis: where a paragraph breaks best, in English and
in Chinese."""
CLOSING_PUNCTUATION = {"Pe", "Pf", "Po"}
"""The Unicode categories of punctuation that closes what comes before it: closing brackets
and quotes, commas, full stops (English and Chinese)."""


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
    by_words = partial(_wrapped, paragraph, font, metrics)
    fewest = len(by_words(width))
    if fewest <= 1:
        return [paragraph]
    by_clauses = partial(_packed, CLAUSE.findall(paragraph), metrics)
    wrap = by_clauses if _fit(by_clauses(width), fewest, width, metrics) else by_words
    return _evened(wrap, fewest, _narrowest(paragraph, font, metrics, width), width, metrics)


def _wrapped(paragraph: str, font: QFont, metrics: QFontMetricsF, width: float) -> list[str]:
    """``paragraph``'s lines as Qt wraps them at ``width`` (between words, or between Chinese
    characters as Chinese rules allow), a word wider than that in ``_pieces``, the text after
    all but its last piece wrapped again."""
    lines = _wrapped_by_qt(paragraph, font, width)
    for number, line in enumerate(lines):
        pieces = _pieces(line.rstrip(), metrics, width)
        if len(pieces) > 1:
            above = [done.strip() for done in lines[:number]]
            rest = "".join(lines[number:])[len("".join(pieces[:-1])) :]
            return [*above, *pieces[:-1], *_wrapped(rest, font, metrics, width)]
    return [line.strip() for line in lines]


def _wrapped_by_qt(paragraph: str, font: QFont, width: float) -> list[str]:
    """``paragraph``'s lines as Qt wraps them at ``width``, spaces and all (they make up the
    paragraph): between words, or between Chinese characters as Chinese rules allow, a word
    too long for a line alone on its line (at width 0, each word on a line of its own)."""
    layout = QTextLayout(paragraph, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    units = paragraph.encode("utf-16-le")  # Qt counts the text in UTF-16 units
    lines = []
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        start, length = 2 * line.textStart(), 2 * line.textLength()
        lines.append(units[start : start + length].decode("utf-16-le"))
    layout.endLayout()
    return lines


def _narrowest(paragraph: str, font: QFont, metrics: QFontMetricsF, width: int) -> int:
    """The narrowest ``paragraph``'s lines can be with no word broken that fits ``width``:
    the width of its widest such word (or Chinese character, with the punctuation that may
    not leave it)."""
    words = _wrapped_by_qt(paragraph, font, 0)
    widths = (metrics.horizontalAdvance(word.strip()) for word in words)
    return math.ceil(max((fits for fits in widths if fits <= width), default=1))


def _pieces(word: str, metrics: QFontMetricsF, width: float) -> list[str]:
    """``word`` in pieces, each the longest start of the rest that fits ``width`` where the
    next piece does not start with closing punctuation (a comma, a full stop, a closing
    bracket); the rest whole where no start does."""
    pieces = []
    while metrics.horizontalAdvance(word) > width and (cut := _cut(word, metrics, width)):
        pieces.append(word[:cut])
        word = word[cut:]
    return [*pieces, word]


def _cut(word: str, metrics: QFontMetricsF, width: float) -> int:
    """The length of ``word``'s longest start that fits ``width`` and leaves no closing
    punctuation to start the rest; 0 where none does."""
    cuts = range(len(word) - 1, 0, -1)
    fitting = (
        cut
        for cut in cuts
        if not _closes(word[cut]) and metrics.horizontalAdvance(word[:cut]) <= width
    )
    return next(fitting, 0)


def _closes(character: str) -> bool:
    """Whether ``character`` is punctuation that closes what comes before it, which no line
    may start with."""
    return unicodedata.category(character) in CLOSING_PUNCTUATION


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
    wrap: Callable[[float], list[str]],
    count: int,
    narrowest: int,
    width: int,
    metrics: QFontMetricsF,
) -> list[str]:
    """``wrap``'s lines at the narrowest width from ``narrowest`` up to ``width`` that still
    fits them in ``count`` lines: the lines as even as its breaks allow."""
    low, high = narrowest, width
    while low < high:
        middle = (low + high) // 2
        if _fit(wrap(middle), count, middle, metrics):
            high = middle
        else:
            low = middle + 1
    return wrap(high)
