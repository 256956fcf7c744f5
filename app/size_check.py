"""Before a run, the results that would be too large: photos larger than their format can hold
(the run is refused) or than many viewers open, and films larger than 4K (each asked about
once; for films the built-in 2x model is offered). The limits are the engine's own
(``engine.output_size``), as the command line applies them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.output_size_field import megapixels
from app.photo_queue import QueueItem
from engine.batch import output_name
from engine.errors import RekindleError
from engine.output_size import FILM_4K, LARGE_MEGAPIXELS, MAX_SIDE, beyond_4k, check_size

translate = QCoreApplication.translate


@dataclass(frozen=True)
class Oversized:
    """A photo's result that is too large, in the format it will be saved in."""

    name: str
    width: int
    height: int
    suffix: str

    @property
    def pixels(self) -> int:
        return self.width * self.height


@dataclass(frozen=True)
class SizeReport:
    """Results too large for their format, results too large for many viewers, and films
    larger than 4K."""

    beyond_format: tuple[Oversized, ...] = ()
    very_large: tuple[Oversized, ...] = ()
    films_beyond_4k: tuple[Oversized, ...] = ()


class SizeAnswer(Enum):
    """What a person answered about the sizes: restore as chosen, restore with the smaller
    model offered, or not at all."""

    RESTORE = "restore"
    SMALLER_MODEL = "smaller model"
    CANCEL = "cancel"


ResultFor = Callable[..., tuple[int, int] | None]
"""``OutputSizeField.result_for``: a width and height (and ``film=``) to the result's size."""


def check_results(items: Iterable[QueueItem], result_for: ResultFor, fmt: str | None) -> SizeReport:
    """Each photo's result size (``result_for`` its width and height; None: not known yet)
    checked in the format it is saved in (``fmt``, or the original's); each film's (enlarged
    by a scale, whatever size is chosen) against 4K."""
    beyond, large, films = [], [], []
    for item in items:
        size = result_for(item.width, item.height, film=item.is_video)
        if size is None:
            continue
        if item.is_video:
            if beyond_4k(*size):
                films.append(Oversized(item.name, *size, Path(item.name).suffix))
            continue
        result = Oversized(item.name, *size, Path(output_name(item.source, fmt)).suffix)
        try:
            if check_size(*size, result.suffix, item.name) is not None:
                large.append(result)
        except RekindleError:
            beyond.append(result)
    return SizeReport(tuple(beyond), tuple(large), tuple(films))


def largest(photos: Iterable[Oversized]) -> Oversized:
    return max(photos, key=lambda photo: photo.pixels)


def confirm_sizes(parent: QWidget, report: SizeReport, smaller_model: str | None) -> SizeAnswer:
    """Whether to restore: never when a format cannot hold a result (the message says what to
    change); when results are very large or films beyond 4K, as the person says; for films,
    ``smaller_model`` (a model's name, None if there is none) is offered."""
    if report.beyond_format:
        biggest = largest(report.beyond_format)
        text = translate(
            "SizeCheck",
            "Photos too large for their format: {count}. The largest, {name}, would be "
            "{width} × {height} px, and {format} holds at most {limit} px a side. Choose a "
            "smaller output size, or save as PNG or TIFF.",
        ).format(
            count=len(report.beyond_format),
            name=biggest.name,
            width=biggest.width,
            height=biggest.height,
            format=biggest.suffix.lstrip(".").upper(),
            limit=MAX_SIDE[biggest.suffix.lower()],
        )
        QMessageBox.warning(parent, translate("SizeCheck", "Too Large to Save"), text)
        return SizeAnswer.CANCEL
    if report.very_large and not _ask_about_large(parent, report.very_large):
        return SizeAnswer.CANCEL
    if report.films_beyond_4k:
        return _ask_about_films(parent, report.films_beyond_4k, smaller_model)
    return SizeAnswer.RESTORE


def _ask_about_films(
    parent: QWidget, films: tuple[Oversized, ...], smaller_model: str | None
) -> SizeAnswer:
    biggest = largest(films)
    text = translate(
        "SizeCheck",
        "Films that would be larger than 4K ({limit_width} × {limit_height}): {count}. The "
        "largest, {name}, would be {width} × {height} px; few players, editors and "
        "broadcasters take films that large, and restoring them takes much longer.",
    ).format(
        limit_width=FILM_4K[0],
        limit_height=FILM_4K[1],
        count=len(films),
        name=biggest.name,
        width=biggest.width,
        height=biggest.height,
    )
    if smaller_model is not None:
        text += " " + translate(
            "SizeCheck",
            "{model} makes them half as wide and high, in a fraction of the time (it becomes "
            "the chosen model, for the photos in this run too).",
        ).format(model=smaller_model)
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        translate("SizeCheck", "Films Larger than 4K"),
        text,
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    smaller = None
    if smaller_model is not None:
        smaller = box.addButton(
            translate("SizeCheck", "Use {model}").format(model=smaller_model),
            QMessageBox.ButtonRole.YesRole,
        )
        box.setDefaultButton(smaller)
    anyway = box.addButton(
        translate("SizeCheck", "Restore Anyway"), QMessageBox.ButtonRole.AcceptRole
    )
    box.exec()
    clicked = box.clickedButton()
    if smaller is not None and clicked is smaller:
        return SizeAnswer.SMALLER_MODEL
    return SizeAnswer.RESTORE if clicked is anyway else SizeAnswer.CANCEL


def _ask_about_large(parent: QWidget, photos: tuple[Oversized, ...]) -> bool:
    biggest = largest(photos)
    text = translate(
        "SizeCheck",
        "Photos that would be over {limit} MP: {count}. The largest, {name}, would be "
        "{width} × {height} px ({megapixels} MP); many viewers and editors cannot open "
        "pictures that large, and restoring takes long. A smaller output size avoids it.",
    ).format(
        limit=LARGE_MEGAPIXELS,
        count=len(photos),
        name=biggest.name,
        width=biggest.width,
        height=biggest.height,
        megapixels=megapixels(biggest.width, biggest.height),
    )
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        translate("SizeCheck", "Very Large Results"),
        text,
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    anyway = box.addButton(
        translate("SizeCheck", "Restore Anyway"), QMessageBox.ButtonRole.AcceptRole
    )
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is anyway
