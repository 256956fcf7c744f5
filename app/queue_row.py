"""Where each text of a queue row goes: the name (elided in the middle, followed by the end of
its folder when another queued file has the same name), the size (once known) and the whole
status, wrapped onto as many lines as it takes so that it is read without hovering (a name in
it longer than a line elided to two); and the icon in the thumbnail's place of a file that
cannot be opened.

Every line is as tall as its own text lays out: a line with Chinese in it is taller than the
Latin font's metrics say (the fallback font's ascent is larger), and a line cut to those metrics
loses its descenders ("png" shows as "pnq"). The row is as tall as its lines."""

from __future__ import annotations

import itertools
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass
from enum import Enum, auto

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextLayout, QTextOption

from app.item_status import ItemStatus
from app.photo_queue import QueueItem, size_text, status_text

THUMB_SIDE = 56
"""Thumbnail box side, in logical pixels."""
UNREADABLE_ICON = "mdi6.image-broken-variant"
"""In the thumbnail's place in the row of a file that cannot be opened."""
PADDING = 8
GAP = 10
LINE_GAP = 2
BAR_GAP = 4
BAR_HEIGHT = 4
HINT_SHARE = 0.5
"""The folder after a shared name takes at most this share of the line; the name the rest."""
HINT_SEPARATOR = " — "
WORD_LINES = 2
"""A word longer than a line (a file's name) takes at most this many lines of a status, elided
in the middle beyond them; the row's tooltip has it whole."""
WORD_JOINER = "\u2060"
LINES_KEPT = 256
"""Texts kept wrapped (``_measured_lines``): the rows of a long queue share a few statuses and
sizes ("Reading…", "Waiting", "4000 × 3000"), and wrapping one takes long."""
_kept_lines: OrderedDict[tuple[str, str, int], tuple[tuple[str, int], ...]] = OrderedDict()


class Part(Enum):
    NAME = auto()
    HINT = auto()  # the folder that tells a shared name apart
    SIZE = auto()
    STATUS = auto()


@dataclass(frozen=True)
class RowText:
    part: Part
    text: str
    font: QFont
    rect: QRect


@dataclass(frozen=True)
class RowLayout:
    thumbnail: QRect
    placeholder: str | None  # the icon drawn in the thumbnail's place while it has none
    texts: tuple[RowText, ...]
    bar: QRect | None  # the progress bar, while restoring
    height: int  # the whole row's, padding included


def lay_out_row(item: QueueItem, hint: str, font: QFont, rect: QRect) -> RowLayout:
    """The row for ``item`` from ``rect``'s top left and width (its height is ours to say)."""
    font = QFont(font)  # a style option's font goes with the option; the layout outlives it
    top, left = rect.top() + PADDING, rect.left() + PADDING
    text_left = left + THUMB_SIDE + GAP
    width = max(rect.right() - PADDING - text_left + 1, 1)
    texts = _name_line(item.name, hint, font, QRect(text_left, top, width, 0))
    y = top + texts[0].rect.height()
    size = size_text(item)
    # while reading, the size's line is kept empty, so the row keeps its height once the size
    # is known; a file that cannot be opened has no size, and no line for it
    sized = bool(size) or item.status is ItemStatus.READING
    lines = [(Part.SIZE, line) for line in _measured_lines(size, font, width)] if sized else []
    lines += [(Part.STATUS, line) for line in _measured_lines(status_text(item), font, width)]
    for part, (text, height) in lines:
        box = QRect(text_left, y + LINE_GAP, width, height)
        texts.append(RowText(part, text, font, box))
        y = box.top() + box.height()
    bar = None
    if item.status is ItemStatus.RESTORING and not item.loading_model:
        bar = QRect(text_left, y + BAR_GAP, width, BAR_HEIGHT)
        y = bar.top() + BAR_HEIGHT
    bottom = max(y, top + THUMB_SIDE)
    thumbnail = QRect(left, top, THUMB_SIDE, THUMB_SIDE)
    placeholder = UNREADABLE_ICON if item.status is ItemStatus.UNREADABLE else None
    return RowLayout(thumbnail, placeholder, tuple(texts), bar, bottom + PADDING - rect.top())


def _name_line(name: str, hint: str, font: QFont, box: QRect) -> list[RowText]:
    """The name in bold, elided in the middle to leave room for the hint (elided on the left,
    its end being what differs)."""
    name_font = QFont(font)
    name_font.setBold(True)
    hint_text = ""
    if hint:
        room = int(box.width() * HINT_SHARE)
        hint_text = QFontMetrics(font).elidedText(
            HINT_SEPARATOR + hint, Qt.TextElideMode.ElideLeft, room
        )
    hint_size = text_size(hint_text, font) if hint_text else QSize(0, 0)
    shown = QFontMetrics(name_font).elidedText(
        name, Qt.TextElideMode.ElideMiddle, box.width() - hint_size.width()
    )
    name_size = text_size(shown, name_font)
    height = max(name_size.height(), hint_size.height())
    name_box = QRect(box.left(), box.top(), name_size.width(), height)
    texts = [RowText(Part.NAME, shown, name_font, name_box)]
    if hint_text:
        hint_box = QRect(name_box.left() + name_box.width(), box.top(), hint_size.width(), height)
        texts.append(RowText(Part.HINT, hint_text, font, hint_box))
    return texts


def text_size(text: str, font: QFont) -> QSize:
    """One line of ``text`` as laid out: whole pixels, fallback fonts (Chinese) included, which
    ``QFontMetrics.height`` and ``horizontalAdvance`` leave out or round down."""
    return QFontMetrics(font).size(Qt.TextFlag.TextSingleLine, text or " ")


def wrapped(text: str, font: QFont, width: int) -> list[str]:
    """``text`` broken into lines no wider than ``width``: at spaces or beside Chinese
    characters, never inside a word or name (Qt would break a result's name at the hyphen of
    its model tag, "[restore-" and "x4].png"), but anywhere in one too long for a line, which
    takes at most ``WORD_LINES`` lines (``_word_fitted``)."""
    return [line for line, _height in _measured_lines(text, font, width)]


def _measured_lines(text: str, font: QFont, width: int) -> tuple[tuple[str, int], ...]:
    """The lines of ``text`` wrapped to ``width`` with the height of each, as kept for the
    last ``LINES_KEPT`` texts, fonts and widths asked for."""
    key = (text, font.key(), width)
    lines = _kept_lines.get(key)
    if lines is None:
        lines = tuple(
            (line, text_size(line, font).height()) for line in _wrapped(text, font, width)
        )
        _kept_lines[key] = lines
        if len(_kept_lines) > LINES_KEPT:
            _kept_lines.popitem(last=False)
    else:
        _kept_lines.move_to_end(key)
    return lines


def _wrapped(text: str, font: QFont, width: int) -> list[str]:
    """``wrapped``, worked out anew."""
    fitted = "".join(
        "".join(run) if breaks else _word_fitted("".join(run), font, width)
        for breaks, run in itertools.groupby(text, key=_may_break_beside)
    )
    return [line.replace(WORD_JOINER, "").rstrip() for line in _lines(fitted, font, width)]


def _word_fitted(word: str, font: QFont, width: int) -> str:
    """``word`` as it fits on ``WORD_LINES`` lines of ``width``, broken anywhere: whole where
    it does, else elided in the middle (its start and its end, the model tag and extension of
    a result's name, shown), less of it each time until it does."""
    if text_size(word, font).width() <= width:
        return word
    metrics = QFontMetrics(font)
    shown, room = word, WORD_LINES * width
    while len(_lines(shown, font, width)) > WORD_LINES:
        shown = metrics.elidedText(word, Qt.TextElideMode.ElideMiddle, room)
        room -= max(metrics.averageCharWidth(), 1)
    return shown


def _lines(text: str, font: QFont, width: int) -> list[str]:
    """``text`` laid out on lines of ``width``, broken only where ``_words_joined`` lets it,
    or anywhere in a word too long for a line; each line with its word joiners."""
    joined = _words_joined(text)
    layout = QTextLayout(joined, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    lines = []
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines.append(joined[line.textStart() : line.textStart() + line.textLength()])
    layout.endLayout()
    return lines or [""]


def _words_joined(text: str) -> str:
    """``text`` with a word joiner (no width, no break) between each two characters of a word:
    those with no space or Chinese character beside them."""
    joined = list(text[:1])
    for before, after in itertools.pairwise(text):
        if not (_may_break_beside(before) or _may_break_beside(after)):
            joined.append(WORD_JOINER)
        joined.append(after)
    return "".join(joined)


def _may_break_beside(char: str) -> bool:
    """A space, or a wide character: Chinese has no spaces, and breaks between characters."""
    return char.isspace() or unicodedata.east_asian_width(char) in ("W", "F")
