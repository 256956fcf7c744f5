"""Before a run, the photos whose results would be too large: larger than their format can
hold (the run is refused) or than many viewers open (asked about once). The limits are the
engine's own (``engine.output_size.check_size``), as the command line applies them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.output_size_field import megapixels
from app.photo_queue import QueueItem
from engine.batch import output_name
from engine.errors import RekindleError
from engine.output_size import LARGE_MEGAPIXELS, MAX_SIDE, check_size

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
    """Results too large for their format, and results too large for many viewers."""

    beyond_format: tuple[Oversized, ...] = ()
    very_large: tuple[Oversized, ...] = ()


def check_photos(
    items: Iterable[QueueItem],
    result_for: Callable[[int, int], tuple[int, int] | None],
    fmt: str | None,
) -> SizeReport:
    """Each photo's result size (``result_for`` its width and height; None: not known yet)
    checked in the format it is saved in (``fmt``, or the original's). Films are left out:
    they are enlarged by a scale, whatever the size chosen."""
    beyond, large = [], []
    for item in items:
        size = None if item.is_video else result_for(item.width, item.height)
        if size is None:
            continue
        result = Oversized(item.name, *size, Path(output_name(item.source, fmt)).suffix)
        try:
            if check_size(*size, result.suffix, item.name) is not None:
                large.append(result)
        except RekindleError:
            beyond.append(result)
    return SizeReport(tuple(beyond), tuple(large))


def largest(photos: Iterable[Oversized]) -> Oversized:
    return max(photos, key=lambda photo: photo.pixels)


def confirm_sizes(parent: QWidget, report: SizeReport) -> bool:
    """Whether to restore: never when a format cannot hold a result (the message says what to
    change); when results are very large, if the person says so."""
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
        return False
    if report.very_large:
        return _ask_about_large(parent, report.very_large)
    return True


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
