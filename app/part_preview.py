"""The part of a photo in view, restored with the current settings to judge them before the
whole photo: on a large scan the whole takes a minute, the part a second or two. The result
is drawn over the viewer's after side, where that part is (``ComparisonViewer.set_part``),
until the viewer shows something else. While a preview is on show it follows the settings:
a change that alters the result (a slider let rest, another model, Extra care...) previews
the part in view again; a change while one is under way, once that one is shown. A preview
asked at Fit of a photo larger than the view is shown at 100 %, where its difference can be
seen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QObject, QRect, QRectF, QSize, QTimer, Signal

from app.on_show import OnShow
from app.photo_queue import QueueModel
from app.restore_runner import RestoreRunner, RestoreSettings
from app.viewer import ComparisonViewer
from app.workers import PartResult
from engine.part import Region

PART_PIXELS = 640 * 640
"""The most pixels of the original a preview restores: at 4x about two seconds on this
project's 2-core CPU (0.27 s per output megapixel, ``bench/inference.py``), and Cancel-sized
on any machine. A view showing more is previewed in its middle."""
SETTLE_MS = 400
"""How long the settings must rest before the preview on show follows them (a slider being
dragged changes them many times a second)."""


def _in_original(seen: QRect, scale: tuple[float, float], width: int, height: int) -> Region:
    """``seen``, pixels of the picture left of the slider (the original, or a result compared
    with another), as the ``width`` x ``height`` original's pixels (``scale`` of them to one
    of the picture's)."""
    sx, sy = scale
    rect = QRectF(seen.x() * sx, seen.y() * sy, seen.width() * sx, seen.height() * sy)
    whole = rect.toAlignedRect().intersected(QRect(0, 0, width, height))
    return Region(whole.x(), whole.y(), whole.width(), whole.height())


class Part(Enum):
    """Which part of the photo a preview restores, as the status bar tells it."""

    WHOLE_PHOTO = "whole photo"  # all of it in view, and small enough
    PHOTO_MIDDLE = "photo middle"  # all of it in view, too large: its middle
    VIEW = "view"  # the part in view
    VIEW_MIDDLE = "view middle"  # the part in view, too large: its middle


def _which_part(seen: Region, region: Region, width: int, height: int) -> Part:
    """Which part ``region`` is of the ``width`` x ``height`` photo, ``seen`` being in view."""
    whole = Region(0, 0, width, height)
    if region == whole:
        return Part.WHOLE_PHOTO
    if seen == whole:
        return Part.PHOTO_MIDDLE
    return Part.VIEW if region == seen else Part.VIEW_MIDDLE


@dataclass(frozen=True)
class Asked:
    """A preview under way."""

    item_id: int
    region: Region
    picture: QSize
    """The size of the picture left of the slider when it was asked (the part is drawn in
    that picture's pixels)."""
    part: Part
    zoom_in: bool
    """Whether to show it at 100 %: asked at Fit with the photo drawn smaller than its
    pixels."""


def _result_key(settings: RestoreSettings | None) -> tuple[object, ...] | None:
    """What of the settings a photo's restoration depends on (not where it is saved)."""
    if settings is None:
        return None
    return settings.model, settings.device, settings.options


class PartPreview(QObject):
    """Previews the part of the photo on show that is in view."""

    message = Signal(str)  # for the status bar

    def __init__(
        self,
        viewer: ComparisonViewer,
        show: OnShow,
        queue: QueueModel,
        runner: RestoreRunner,
        restore_settings: Callable[[], RestoreSettings | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._viewer = viewer
        self._show = show
        self._queue = queue
        self._runner = runner
        self._restore_settings = restore_settings
        self._asked: Asked | None = None  # the preview under way
        self._asked_with: tuple[object, ...] | None = None  # and the settings it was asked with
        self._shown_with: tuple[object, ...] | None = None  # those of the preview on show
        self._marks_changed = False  # since the last preview was asked for
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._follow)
        runner.part_ready.connect(self._on_ready)
        runner.part_failed.connect(self._on_failed)

    def settings_changed(self) -> None:
        """The settings changed: a preview on show, or under way, follows them once they rest."""
        if self._viewer.part_rect() is not None or self._under_way():
            self._settle.start()

    def marks_changed(self) -> None:
        """The marks of the photo on show changed: a preview on show is made again, one under
        way once it is shown."""
        self._marks_changed = True
        self._follow()

    def _under_way(self) -> bool:
        """Whether the preview asked for last is still being made (not cancelled)."""
        return self._asked is not None and self._runner.previewing

    def _follow(self) -> None:
        """Preview the part in view again when the preview on show was made with other
        settings, or before the marks changed; not while another is under way (the end of
        that one comes back here), nor during a run."""
        if self._viewer.part_rect() is None or self._under_way() or self._runner.is_running:
            return
        if self._marks_changed or _result_key(self._restore_settings()) != self._shown_with:
            self.preview()

    def preview(self) -> None:
        """Restore the part of the photo in view (its middle, when the view shows much of a
        large photo) with the current settings."""
        item = self._queue.item(self._show.shown_id)
        settings = self._restore_settings()
        seen = self._viewer.visible_before_rect()
        before = self._viewer.before_image()
        if item is None or item.is_video or settings is None or seen.isEmpty() or not item.width:
            return
        scale = (item.width / before.width(), item.height / before.height())
        in_view = _in_original(seen, scale, item.width, item.height)
        region = in_view.capped(PART_PIXELS)
        part = _which_part(in_view, region, item.width, item.height)
        zoom_in = self._viewer.is_fitted() and self._viewer.zoom() < 1.0
        self._asked = Asked(item.id, region, before.size(), part, zoom_in)
        self._asked_with = _result_key(settings)
        self._marks_changed = False
        self._runner.preview_part(item.id, region, settings)
        self.message.emit(self._previewing(part))

    def _previewing(self, part: Part) -> str:
        """What the status bar says while ``part`` is being previewed."""
        return {
            Part.WHOLE_PHOTO: self.tr("Previewing the photo…"),
            Part.PHOTO_MIDDLE: self.tr("Previewing the middle of the photo…"),
            Part.VIEW: self.tr("Previewing the part in view…"),
            Part.VIEW_MIDDLE: self.tr("Previewing the middle of the part in view…"),
        }[part]

    def _previewed(self, part: Part) -> str:
        """What the status bar says of ``part`` previewed, with ``{model}`` to fill in."""
        return {
            Part.WHOLE_PHOTO: self.tr(
                "Preview of the whole photo with {model}: Restore makes a result you can save."
            ),
            Part.PHOTO_MIDDLE: self.tr(
                "Preview of the middle of the photo with {model}: Restore does the whole photo."
            ),
            Part.VIEW: self.tr(
                "Preview of the part in view with {model}: Restore does the whole photo."
            ),
            Part.VIEW_MIDDLE: self.tr(
                "Preview of the middle of the part in view with {model}: "
                "Restore does the whole photo."
            ),
        }[part]

    def _wanted(self, item_id: int, region: Region | None = None) -> bool:
        """Whether a preview's answer is still wanted: it is the one asked for last, and its
        photo is still on show, beside the same picture."""
        before = self._viewer.before_image()
        asked = self._asked
        if asked is None or item_id != self._show.shown_id or before is None:
            return False
        same_picture = before.size() == asked.picture
        return asked.item_id == item_id and region in (None, asked.region) and same_picture

    def _on_ready(self, result: PartResult) -> None:
        if not self._wanted(result.item_id, result.region):
            return
        item = self._queue.item(result.item_id)
        before = self._viewer.before_image()
        asked, self._asked = self._asked, None
        self._shown_with = self._asked_with
        region = result.region
        sx, sy = before.width() / item.width, before.height() / item.height
        rect = QRectF(region.x * sx, region.y * sy, region.width * sx, region.height * sy)
        self._viewer.set_part(result.image, rect, self.tr("Preview"))
        if asked.zoom_in and self._viewer.is_fitted():  # not zoomed elsewhere meanwhile
            self._show_at_actual_size(rect)
        self.message.emit(self._previewed(asked.part).format(model=result.model_name))
        if not self._settle.isActive():  # settings still changing follow once they rest
            self._follow()

    def _show_at_actual_size(self, rect: QRectF) -> None:
        """Zoom the viewer to 100 % with ``rect`` (pixels of the picture left of the slider)
        in the middle of the view."""
        viewer = self._viewer
        centre = rect.center()
        viewer.actual_size(viewer.map_before_to_widget(centre))
        now = viewer.map_before_to_widget(centre)
        viewer.pan_by(viewer.width() / 2 - now.x(), viewer.height() / 2 - now.y())

    def _on_failed(self, item_id: int, reason: str) -> None:
        if not self._wanted(item_id):
            return
        self._asked = None
        self.message.emit(self.tr("Preview failed: {reason}").format(reason=reason))
