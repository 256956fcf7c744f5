"""A before/after comparison viewer: two images in register, split by a draggable slider.

The viewer knows nothing of restoration. It shows a "before" image enlarged (with plain
bilinear interpolation, at draw time) to the size of the "after" image, left and right of a
vertical split. Wheel zooms around the cursor, dragging pans, F fits and 1 shows 100%; zooming
out to the fitting size is Fit again (the photo follows the view's size).

The split is a share of the photo's part in view (all of it when it fits), so the whole travel
of the line crosses the photo, never the margins beside it, and the line stays on screen at any
zoom or pan; the sides' labels sit in the top corners of that part.

Smoothing is for all pictures on show at once: they are smoothed until each one's own pixels
are drawn at least ``NEAREST_FROM_ZOOM`` device pixels tall, then all show hard pixels. So at
everyday zooms the before side is the plain bilinear enlargement the result is compared with
(an original in hard blocks would flatter the result), the two sides never differ across the
line in how they are drawn, and from there on pixel-peeping shows each image's real pixels
(the before's as larger blocks, by the size ratio).

Keys, with the viewer focused: the arrow keys pan a tenth of the view (Shift: half) along an
axis the picture overflows; comma and period move the split by 5% of the photo's width in
view, Home and End to its ends, and Left and Right move it too (Shift: 25%) where the picture
fits the view's width. The accessible description says what is painted: the placeholder, else
the note and the split.

Coordinates: *image* coordinates are the after image's pixels; the before image's pixels are
mapped onto them by the size ratio. One transform per side, used both for drawing and by
``map_before_to_widget``/``map_after_to_widget``, keeps the two sides in register at every
zoom. Only the visible part is drawn, from a mip level near the displayed size.

A film's pixels need not be square (``set_images``'s ``pixel_aspect``, its sample aspect
ratio): the image-to-widget mapping stretches x by it, as players show the film, so both
sides, the split, zoom, panning and every point mapped follow; the images are not resampled.
The zoom is counted in image rows (``zoom``: device pixels per row). 100% (``actual_size``)
shows the picture right of the line pixel for pixel (the result, as other upscalers' viewers
do), or the only picture on show (the before image while marking), and the badge in the view's
bottom right corner says that picture's zoom. Where the picture left of the line is smaller
(an original beside its enlargement), its own pixels are drawn at another zoom: a second badge,
in the bottom left corner, says that one ("Fit · 37%" on the right, "148%" on the left), so
neither number has to be worked out; each badge's tooltip names its picture, and each is shown
only on its own side of the line. The badges sit on the backdrop where the picture leaves it
free. Zooming out stops at Fit or at 100%, whichever is smaller (``_least_scale``).

A *part* (``set_part``) is an image that covers a rectangle of the before image: a preview of
that part restored. It is drawn on the after side, over the after image (or over the before
image when there is none, the split then shown), outlined, until the next ``set_images``.

An *overlay* (``set_overlay``) is a widget of the window's, a note about what is shown (a
result out of date with the settings), held over the top of the images, centred: a note that
comes and goes leaves the view's size, and so the picture at Fit, as it was; the viewer's own
note and the labels go below it, and while it is shown the picture's top can be panned down to
below it, so no row of the picture is held beneath it.

*Marking* (``set_marking``): marks of spots to fill are drawn over the whole before image (the
split hidden) and the left button paints them, the right button (or Alt) erases them, each
drag heard as a stroke in the marks' own pixels (a double-click is a dab, not a zoom); Space
or the middle button drag pans.
"""

from __future__ import annotations

import math

from PySide6.QtCore import (
    QEvent,
    QObject,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    QSizeF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QToolTip, QWidget

from app.line_breaks import balanced_lines
from app.pyramid import ImagePyramid

WHEEL_STEP = 1.25
"""Zoom factor per wheel notch (120 units of angle delta)."""
KEY_ZOOM_STEP = 1.5
KEY_PAN_SHARE = 0.1
"""An arrow key pans this share of the view."""
KEY_SPLIT_STEP = 0.05
"""Comma, period (and Left, Right while the picture fits) move the split this share of the
photo's width in view."""
SHIFT_STEP_FACTOR = 5
"""Shift makes a key's pan or split step this many times larger."""
WHEEL_NOTCH = 120.0
MAX_ZOOM = 32.0
"""Most device pixels per image pixel."""
MIN_SCALE = 1e-4
"""The least logical pixels per image pixel (a view squeezed to nothing still has a scale)."""
NEAREST_FROM_ZOOM = 4.0
"""Once every picture on show has its own pixels drawn at least this many device pixels tall,
all are drawn with visible pixels, not smoothed."""
ROUNDING = 1e-9
"""Relative differences this small are floating-point rounding (of zoom steps, of mapping to
the screen and back), not differences: a zoom this near the fitting one is Fit, a split this
near an end of the photo is at that end."""
SPLIT_GRAB_DISTANCE = 10
"""How near the split line (logical pixels) a press grabs it instead of panning."""
HANDLE_RADIUS = 15
KNOB_OUTLINE = 1.5
KNOB_REACH = HANDLE_RADIUS + KNOB_OUTLINE
"""How near the knob's centre a press grabs the split: anywhere on the knob as drawn."""
LINE_WIDTH = 2
LABEL_MARGIN = 12
LABEL_PADDING = 6
ELLIPSIS = "\u2026"
"""What Qt puts in place of the part of a text cut short."""
POLL_INTERVAL_MS = 30
MID_LIGHTNESS = 128
DARK_BACKGROUND_DARKER = 140
LIGHT_BACKGROUND_DARKER = 115
"""The backdrop is the window colour darkened by these percentages (dark, light theme)."""
OVERLAY_RADIUS = 4
"""The rounded corners of the backdrop behind the overlay (those of a note's border)."""
PLACEHOLDER_SCALE = 1.25
"""The placeholder's font is the widget's this many times larger."""
PLACEHOLDER_MARGIN = 24
SHADOW = QColor(0, 0, 0, 150)
HANDLE_COLOR = QColor(255, 255, 255)
FOCUS_WIDTH = 2
KEYBOARD_FOCUS_REASONS = (
    Qt.FocusReason.TabFocusReason,
    Qt.FocusReason.BacktabFocusReason,
    Qt.FocusReason.ShortcutFocusReason,
)
"""Focus given by these shows a frame (as browsers' :focus-visible); a click's does not."""


class ComparisonViewer(QWidget):
    """Shows ``before`` and ``after`` in one view, split at a movable line."""

    zoom_changed = Signal(float)  # device pixels per image pixel
    split_changed = Signal(float)  # the split's share of the photo's width in view, 0..1
    stroke_began = Signal(QPointF, bool)  # where, in the marks' pixels; whether it erases
    stroke_moved = Signal(QPointF)
    stroke_ended = Signal()
    brush_stepped = Signal(bool)  # [ or ] while marking: whether the brush is to grow

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(QSize(180, 180))  # beside the queue and settings on 800 px
        self._before: ImagePyramid | None = None
        self._after: ImagePyramid | None = None
        self._split = 0.5
        self._scale = 1.0  # logical widget pixels per image row
        self._pixel_aspect = 1.0  # a pixel's width over its height, as shown
        self._offset = QPointF(0.0, 0.0)  # where image (0, 0) is drawn
        self._fitted = True
        self._drag: str | None = None  # "split" or "pan"
        self._last_pos = QPointF()
        self._placeholder = ""
        self._note = ""
        self._custom_labels: tuple[str, str] | None = None
        self._tips: list[tuple[QRectF, str]] = []  # what hovering a label or badge tells
        self._part: tuple[QImage, QRectF, str] | None = None  # image, where, its label
        self._marks: QImage | None = None  # drawn over the before image while marking
        self._overlay: QWidget | None = None
        self._brush = 0.0  # the brush's radius, in the marks' pixels
        self._pointer: QPointF | None = None  # where the brush is, while over the view
        self._space_held = False
        self._focus_visible = False  # focus came from the keyboard: frame the view
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_INTERVAL_MS)
        self._poll.timeout.connect(self._poll_pyramids)
        self._retranslate()

    def _retranslate(self) -> None:
        """The accessible name, help and description, in the current language."""
        self.setAccessibleName(self.tr("Before and after"))
        self.setWhatsThis("; ".join(f"{keys}: {what}" for what, keys in self.key_rows()))
        self._describe()

    def key_rows(self) -> list[tuple[str, str]]:
        """(what it does, its keys) for each of the viewer's own keys, in the current
        language: its help says them, and the shortcut sheet lists them."""
        return [
            (self.tr("Pan a zoomed photo (Shift: further)"), self.tr("Arrow keys")),
            (self.tr("Move the split (Shift: further)"), self.tr("Comma, Period")),
            (self.tr("Move the split while the photo fits"), self.tr("Left, Right")),
            (self.tr("Split to either end"), self.tr("Home, End")),
            (self.tr("Zoom in"), "+, ="),
            (self.tr("Zoom out"), "-"),
            (self.tr("Move the photo while marking spots"), self.tr("Space held, drag")),
            (self.tr("Erase while marking spots"), self.tr("Alt held, or the right button")),
            (self.tr("Brush smaller, larger"), "[, ]"),
        ]

    def _describe(self) -> None:
        """Keep the accessible description in step with what is painted: the placeholder
        without images, else the note and where the split stands."""
        if not self.has_images():
            self.setAccessibleDescription(self._placeholder)
            return
        lines = [self._note] if self._note else []
        if self._split_shown():
            before, after = self.labels()
            left = round(self._split * 100)
            text = self.tr("{before} {left}%, {after} {right}%")
            lines.append(text.format(before=before, left=left, after=after, right=100 - left))
        self.setAccessibleDescription("\n".join(lines))

    # -- images ---------------------------------------------------------------------------

    def set_images(
        self,
        before: QImage | None,
        after: QImage | None = None,
        *,
        keep_view: bool = False,
        pixel_aspect: float = 1.0,
    ) -> None:
        """Show ``before`` (and ``after``, if any, beside it), their pixels ``pixel_aspect``
        times as wide as tall on screen (a film's sample aspect ratio; photos' are square).
        With ``keep_view``, the part of the before image in view stays where it is (for a
        result replacing its original). Any note and part go (see ``set_note``,
        ``set_part``)."""
        self._note = ""
        self._part = None
        old_before_scale = self._before_scale()
        old_size = self._before.image.size() if self._before else None
        old_aspect, self._pixel_aspect = self._pixel_aspect, pixel_aspect
        for pyramid in (self._before, self._after):
            if pyramid is not None:
                pyramid.discard()
        self._before = ImagePyramid(before) if before is not None and not before.isNull() else None
        self._after = ImagePyramid(after) if after is not None and not after.isNull() else None
        if self._before is None and self._after is not None:
            self._before, self._after = self._after, None
        if not self._poll.isActive() and not self.pyramids_ready():
            self._poll.start()
        same_before = self._before is not None and self._before.image.size() == old_size
        same_before = same_before and pixel_aspect == old_aspect
        if keep_view and same_before and old_before_scale:
            self._scale = old_before_scale / self._ratio()[0]
            self._clamp()
            self.zoom_changed.emit(self.zoom())
        else:
            self.fit()
        self._describe()
        self.update()

    def clear(self) -> None:
        self.set_images(None, None)

    def has_images(self) -> bool:
        return self._before is not None

    def has_after(self) -> bool:
        return self._after is not None

    def before_image(self) -> QImage | None:
        return self._before.image if self._before else None

    def after_image(self) -> QImage | None:
        return self._after.image if self._after else None

    def image_size(self) -> QSize:
        """The size of the image coordinate space (the after image's, else the before's)."""
        shown = self._after or self._before
        return shown.image.size() if shown else QSize()

    def _shown_size(self) -> QSizeF:
        """The image coordinate space as shown at a scale of 1: its width stretched by the
        pixel aspect."""
        size = self.image_size()
        return QSizeF(size.width() * self._pixel_aspect, size.height())

    def pyramids_ready(self) -> bool:
        return all(p.ready for p in (self._before, self._after) if p is not None)

    def set_placeholder(self, text: str) -> None:
        """Text shown while there is no image (for instance, how to open one)."""
        self._placeholder = text
        self._describe()
        self.update()

    def placeholder(self) -> str:
        return self._placeholder

    def set_note(self, text: str) -> None:
        """A line shown over the images, at the top (why the result is missing, say), until
        the next ``set_images``."""
        self._note = text
        self._describe()
        self.update()

    def note(self) -> str:
        return self._note

    def set_overlay(self, widget: QWidget) -> None:
        """Hold ``widget`` (a note, shown and hidden by its owner) over the top of the images,
        centred, as narrow as it can be without taking more lines; the pointer acts on the
        images beneath it."""
        self._overlay = widget
        widget.setParent(self)
        widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        widget.installEventFilter(self)
        self._place_overlay()

    def _place_overlay(self) -> None:
        overlay = self._overlay
        if overlay is None:
            return
        room = max(1, self.width() - 2 * LABEL_MARGIN)
        width = _narrowest(overlay, room)
        wraps = overlay.hasHeightForWidth()
        height = overlay.heightForWidth(width) if wraps else overlay.sizeHint().height()
        overlay.setGeometry(round((self.width() - width) / 2), LABEL_MARGIN, width, height)
        self._clamp()
        self.update()

    def _overlay_bottom(self) -> float:
        """Where the overlay ends, in widget coordinates (0 while none is shown)."""
        shown = self._overlay is not None and not self._overlay.isHidden()
        return float(self._overlay.geometry().bottom() + 1) if shown else 0.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """The overlay is placed again as it is shown (its text may have changed while it
        was hidden); as it hides, the image's top comes back up from under where it was."""
        if watched is self._overlay and event.type() == QEvent.Type.ShowToParent:
            self._place_overlay()
        elif watched is self._overlay and event.type() == QEvent.Type.HideToParent:
            self._clamp()
            self.update()
        return super().eventFilter(watched, event)

    def set_part(self, image: QImage, rect: QRectF, label: str) -> None:
        """Show ``image`` over the after side where ``rect`` (before-image pixels) is, labelled
        ``label`` there, until the next ``set_images``."""
        self._part = (image, QRectF(rect), label)
        self._describe()
        self.update()

    def part_rect(self) -> QRectF | None:
        """Where the part on show is, in before-image pixels (None: no part)."""
        return QRectF(self._part[1]) if self._part else None

    def part_image(self) -> QImage | None:
        return self._part[0] if self._part else None

    def visible_before_rect(self) -> QRect:
        """The before image's pixels in view (empty without images)."""
        if self._before is None:
            return QRect()
        inverse, _invertible = self.before_transform().inverted()
        seen = inverse.mapRect(QRectF(self.rect())).toAlignedRect()
        return seen.intersected(QRect(QPoint(0, 0), self._before.image.size()))

    def set_labels(self, before: str, after: str) -> None:
        self._custom_labels = (before, after)
        self._describe()
        self.update()

    def labels(self) -> tuple[str, str]:
        """The two sides' labels; a part's own on the after side while one is on show."""
        before, after = self._picture_labels()
        return before, self._part[2] if self._part else after

    def _picture_labels(self) -> tuple[str, str]:
        """The labels of the before and after images themselves (whatever part is shown)."""
        return self._custom_labels or (self.tr("Before"), self.tr("After"))

    # -- marking --------------------------------------------------------------------------

    def set_marking(self, marks: QImage | None) -> None:
        """Draw ``marks`` (any size: stretched over the before image) and paint them with the
        mouse; None ends marking."""
        self._marks = marks
        self._drag = None
        self._describe()
        self.update()

    def is_marking(self) -> bool:
        return self._marks is not None

    def set_brush(self, radius: float) -> None:
        """The brush's radius, in the marks' pixels (its ring follows the pointer)."""
        self._brush = radius
        self.update()

    def brush_scale(self) -> float:
        """Logical widget pixels per pixel of the marks, as shown now."""
        if self._marks is None or self._marks.width() == 0:
            return 1.0
        return self.marks_transform().m11()

    def marks_transform(self) -> QTransform:
        """The marks' pixels to widget coordinates: stretched over the before image."""
        if self._marks is None or self._before is None:
            return self.before_transform()
        before, marks = self._before.image, self._marks
        stretch = QTransform.fromScale(
            before.width() / marks.width(), before.height() / marks.height()
        )
        return stretch * self.before_transform()

    def _in_marks(self, pos: QPointF) -> QPointF:
        inverse, _invertible = self.marks_transform().inverted()
        return inverse.map(pos)

    # -- view -----------------------------------------------------------------------------

    def zoom(self) -> float:
        """Device pixels per image row (1.0 is 100%)."""
        return self._scale * self.devicePixelRatioF()

    def zoom_badges(self) -> tuple[str, str]:
        """What the zoom badges say: the left one ("" for none: only while the before image
        is compared with an after image whose pixels are drawn at another zoom), and the
        right one, the zoom of the picture 100% is about (``_shown_rows``), "Fit" while
        fitted."""
        right = _percent(self.zoom() * self._shown_rows())
        text = self.tr("Fit · {percent}%") if self._fitted else "{percent}%"
        left = _percent(self.zoom() * self._ratio()[1])
        compared = self._split_shown() and self._after is not None and left != right
        return (f"{left}%" if compared else ""), text.format(percent=right)

    def _shown_rows(self) -> float:
        """Image rows per row of the picture that 100% and the right badge are about: the
        after image's (the image space) while it is shown; else the before image's, alone
        on show."""
        if self._after is not None and not self._split_shown():
            return self._ratio()[1]
        return 1.0

    def is_fitted(self) -> bool:
        return self._fitted

    def fit(self) -> None:
        """Show the whole image, as large as the view allows."""
        self._fitted = True
        if self.has_images():
            self._scale = self._fit_scale()
            self._offset = self._centred()
            self._clamp()
        self.update()
        self.zoom_changed.emit(self.zoom())

    def _centred(self) -> QPointF:
        """The offset that centres the picture in the view at the scale it has now."""
        size = self._shown_size() * self._scale
        return QPointF(self.width() - size.width(), self.height() - size.height()) / 2

    def actual_size(self, anchor: QPointF | None = None) -> None:
        """100%, around ``anchor`` (default: the centre): one pixel of the picture right of
        the line, or of the only one on show, per screen pixel (``_shown_rows``)."""
        self.set_zoom(1.0 / self._shown_rows(), anchor)

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        self.set_zoom(self.zoom() * factor, anchor)

    def set_zoom(self, zoom: float, anchor: QPointF | None = None) -> None:
        """Zoom to ``zoom`` device pixels per image pixel, keeping the image point under
        ``anchor`` (widget coordinates, default the centre) where it is. Landing on the
        fitting zoom (where zooming out stops for a photo larger than the view) is Fit: the
        photo is centred, as Fit shows it, and then follows the view's size."""
        if not self.has_images():
            return
        anchor = anchor if anchor is not None else QPointF(self.width() / 2, self.height() / 2)
        dpr = self.devicePixelRatioF()
        largest = max(self._fit_scale(), MAX_ZOOM / dpr)  # a tiny photo fits beyond MAX_ZOOM
        scale = min(max(zoom / dpr, self._least_scale()), largest)
        point = self.map_widget_to_image(anchor)
        self._scale = scale
        self._offset = anchor - QPointF(point.x() * scale * self._pixel_aspect, point.y() * scale)
        self._fitted = math.isclose(scale, self._fit_scale(), rel_tol=ROUNDING)
        if self._fitted:  # as Fit shows it, wherever the picture was panned to
            self._offset = self._centred()
        self._clamp()
        self.update()
        self.zoom_changed.emit(self.zoom())

    def _least_scale(self) -> float:
        """Where zooming out stops: at Fit or at 100%, whichever is smaller; in a view already
        below that (the original's 100% while marking, kept at Done), at 100% of the smallest
        picture on show, whatever zooming in and out came before."""
        dpr = self.devicePixelRatioF()
        usual = min(self._fit_scale(), 1.0 / (dpr * self._shown_rows()))
        if self._scale >= usual or math.isclose(self._scale, usual, rel_tol=ROUNDING):
            return usual
        return min(usual, *(1.0 / (dpr * rows) for rows in self._pixel_rows()))

    def pan_by(self, dx: float, dy: float) -> None:
        """Move the image by (dx, dy) logical pixels, as far as it has something to show."""
        self._offset += QPointF(dx, dy)
        self._clamp()
        self.update()

    def split(self) -> float:
        return self._split

    def split_x(self) -> int:
        """The split line's x in widget coordinates."""
        return round(self._split_line_x())

    def _split_line_x(self) -> float:
        seen = self._photo_in_view()
        return seen.left() + self._split * seen.width()

    def _split_at(self, x: float) -> float:
        """The split that puts the line at widget ``x`` (beyond the photo's part in view: 0
        or 1)."""
        seen = self._photo_in_view()
        return (x - seen.left()) / seen.width() if seen.width() > 0 else self._split

    def _photo_in_view(self) -> QRectF:
        """The part of the view the photo covers, in widget coordinates (the view without
        images): the split's travel, and where the sides' labels go."""
        if not self.has_images():
            return QRectF(self.rect())
        photo = self.after_transform().mapRect(QRectF(QPointF(0, 0), self.image_size().toSizeF()))
        return photo.intersected(QRectF(self.rect()))

    def split_in_image(self) -> float:
        """Where the split line crosses the picture, as a share of its width from the left."""
        width = self.image_size().width()
        if width <= 0:
            return self._split
        x = self.map_widget_to_image(QPointF(self._split_line_x(), 0)).x()
        share = min(max(x / width, 0.0), 1.0)
        end = float(round(share))
        return end if math.isclose(share, end, abs_tol=ROUNDING) else share

    def set_split(self, fraction: float) -> None:
        """Put the line at ``fraction`` (0..1) of the photo's part in view, from its left."""
        fraction = min(max(fraction, 0.0), 1.0)
        if fraction != self._split:
            self._split = fraction
            self._describe()
            self.update()
            self.split_changed.emit(fraction)

    # -- mapping --------------------------------------------------------------------------

    def after_transform(self) -> QTransform:
        """After-image pixels to widget coordinates: stretched across by the pixel aspect,
        then scaled and moved to the view."""
        across = self._scale * self._pixel_aspect
        return QTransform(across, 0, 0, self._scale, self._offset.x(), self._offset.y())

    def before_transform(self) -> QTransform:
        """Before-image pixels to widget coordinates: enlarged to the after image, then the
        same view as the after image."""
        rx, ry = self._ratio()
        return QTransform.fromScale(rx, ry) * self.after_transform()

    def map_after_to_widget(self, point: QPointF) -> QPointF:
        return self.after_transform().map(point)

    def map_before_to_widget(self, point: QPointF) -> QPointF:
        return self.before_transform().map(point)

    def map_widget_to_image(self, point: QPointF) -> QPointF:
        inverse, _invertible = self.after_transform().inverted()
        return inverse.map(point)

    def _ratio(self) -> tuple[float, float]:
        """How much larger the image space is than the before image, in x and y."""
        if self._before is None:
            return 1.0, 1.0
        space = self.image_size()
        before = self._before.image
        return space.width() / before.width(), space.height() / before.height()

    def _before_scale(self) -> float | None:
        return self._scale * self._ratio()[0] if self._before else None

    def _fit_scale(self) -> float:
        size = self._shown_size()
        if size.isEmpty():
            return 1.0
        fitting = min(self.width() / size.width(), self.height() / size.height())
        return max(fitting, MIN_SCALE)

    def _clamp(self) -> None:
        """Keep the image where ``_pan_ranges`` lets it be."""
        (left, right), (top, bottom) = self._pan_ranges()
        x = min(max(self._offset.x(), left), right)
        y = min(max(self._offset.y(), top), bottom)
        self._offset = QPointF(x, y)

    def _pan_ranges(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """The least and most offsets across and down (``_pan_range``): down, the image's top
        may come as low as the overlay's bottom while the overlay is shown, so that its rows
        beneath the overlay can be brought into view."""
        size = self._shown_size()
        across = _pan_range(size.width() * self._scale, self.width())
        down = _pan_range(size.height() * self._scale, self.height(), self._overlay_bottom())
        return across, down

    def _poll_pyramids(self) -> None:
        arrived = [p.poll() for p in (self._before, self._after) if p is not None]
        if any(arrived):
            self.update()
        if self.pyramids_ready():
            self._poll.stop()

    # -- events ---------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._place_overlay()
        if self._fitted:
            self.fit()
        else:
            self._clamp()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802
        notches = event.angleDelta().y() / WHEEL_NOTCH
        if notches:
            self.zoom_by(WHEEL_STEP**notches, event.position())
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self.is_marking() and self.has_images():
            self._press_marking(event)
            return
        if event.button() != Qt.MouseButton.LeftButton or not self.has_images():
            super().mousePressEvent(event)
            return
        self._last_pos = event.position()
        self._drag = "split" if self._near_split(event.position()) else "pan"
        if self._drag == "pan":
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        pos = event.position()
        if self.is_marking():
            self._pointer = pos
            self.update()
        if self._drag == "stroke":
            self.stroke_moved.emit(self._in_marks(pos))
        elif self._drag == "split":
            self.set_split(self._split_at(pos.x()))
        elif self._drag == "pan":
            delta = pos - self._last_pos
            self.pan_by(delta.x(), delta.y())
        else:
            self._update_cursor(pos)
        self._last_pos = pos
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self._drag == "stroke":
            self.stroke_ended.emit()
        self._drag = None
        self._update_cursor(event.position())
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        """Fit or 100%; while marking, the second press of two quick dabs (a dab of its own
        where no press came before it)."""
        if self.is_marking() and self.has_images():
            if self._drag is None:
                self._press_marking(event)
            event.accept()
            return
        if self._fitted:
            self.actual_size(event.position())
        else:
            self.fit()
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key == Qt.Key.Key_Space and self.is_marking():
            self._space_held = True
            self.setCursor(Qt.CursorShape.OpenHandCursor)
        elif key in (Qt.Key.Key_BracketLeft, Qt.Key.Key_BracketRight) and self.is_marking():
            self.brush_stepped.emit(key == Qt.Key.Key_BracketRight)
        elif key == Qt.Key.Key_F:
            self.fit()
        elif key == Qt.Key.Key_1:
            self.actual_size()
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(KEY_ZOOM_STEP)
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(1 / KEY_ZOOM_STEP)
        elif not (self._pan_key(event) or self._split_key(event)):
            super().keyPressEvent(event)

    def _pan_key(self, event: QKeyEvent) -> bool:
        """An arrow key pans along an axis the picture overflows: whether it did."""
        share = KEY_PAN_SHARE * self._shift_factor(event)
        dx, dy = share * self.width(), share * self.height()
        moves = {
            Qt.Key.Key_Left: (dx, 0.0),
            Qt.Key.Key_Right: (-dx, 0.0),
            Qt.Key.Key_Up: (0.0, dy),
            Qt.Key.Key_Down: (0.0, -dy),
        }
        move = moves.get(event.key())
        if move is None or not self._overflows(horizontal=move[0] != 0):
            return False
        self.pan_by(*move)
        return True

    def _split_key(self, event: QKeyEvent) -> bool:
        """Comma, period, Left and Right step the split (a share of the photo's width in
        view), Home and End put it at an end: whether the key did (only while the split is
        shown)."""
        if not self._split_shown():
            return False
        step = KEY_SPLIT_STEP * self._shift_factor(event)
        targets = {
            Qt.Key.Key_Comma: self._split - step,
            Qt.Key.Key_Left: self._split - step,
            Qt.Key.Key_Period: self._split + step,
            Qt.Key.Key_Right: self._split + step,
            Qt.Key.Key_Home: 0.0,
            Qt.Key.Key_End: 1.0,
        }
        target = targets.get(event.key())
        if target is None:
            return False
        self.set_split(target)
        return True

    @staticmethod
    def _shift_factor(event: QKeyEvent) -> int:
        shifted = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        return SHIFT_STEP_FACTOR if shifted else 1

    def _overflows(self, *, horizontal: bool) -> bool:
        """Whether the picture can move along an axis (``_pan_ranges``: it is larger than the
        view, or its top is under the overlay)."""
        if not self.has_images():
            return False
        across, down = self._pan_ranges()
        least, most = across if horizontal else down
        return least < most

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space_held = False
            self._update_cursor(self._pointer or QPointF())
        super().keyReleaseEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        """Frame the view when the keyboard brought focus here; a window coming back to the
        front keeps whatever was shown before."""
        if event.reason() != Qt.FocusReason.ActiveWindowFocusReason:
            self._focus_visible = event.reason() in KEYBOARD_FOCUS_REASONS
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        self.update()
        super().focusOutEvent(event)

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802
        self._pointer = None
        self.update()
        super().leaveEvent(event)

    def _press_marking(self, event: QMouseEvent) -> None:
        """A press while marking: a stroke (the right button or Alt erases), or a pan with
        the middle button or Space held."""
        button, pos = event.button(), event.position()
        self._last_pos = pos
        if button == Qt.MouseButton.MiddleButton or self._space_held:
            self._drag = "pan"
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        elif button in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton):
            alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
            self._drag = "stroke"
            self.stroke_began.emit(self._in_marks(pos), button == Qt.MouseButton.RightButton or alt)
        event.accept()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            self.update()
        super().changeEvent(event)

    def _split_shown(self) -> bool:
        return not self.is_marking() and (self._after is not None or self._part is not None)

    def _near_split(self, pos: QPointF) -> bool:
        """Whether a press at ``pos`` grabs the split: near its line, or on its knob."""
        if not self._split_shown():
            return False
        on_knob = math.dist(pos.toTuple(), self._knob_centre().toTuple()) <= KNOB_REACH
        return on_knob or abs(pos.x() - self.split_x()) <= SPLIT_GRAB_DISTANCE

    def _knob_centre(self) -> QPointF:
        """The middle of the split line as drawn (over the photo's height in view)."""
        seen = self._photo_in_view()
        return QPointF(self.split_x(), seen.center().y())

    def _update_cursor(self, pos: QPointF) -> None:
        if not self.has_images():
            self.unsetCursor()
        elif self.is_marking():
            shape = (
                Qt.CursorShape.OpenHandCursor if self._space_held else Qt.CursorShape.CrossCursor
            )
            self.setCursor(shape)
        elif self._near_split(pos):
            self.setCursor(Qt.CursorShape.SplitHCursor)
        else:
            self.setCursor(Qt.CursorShape.OpenHandCursor)

    # -- painting -------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()

    def _paint(self, painter: QPainter) -> None:
        painter.fillRect(self.rect(), self._background())
        self._tips = []
        if self.has_images():
            self._paint_pictures(painter)
        else:
            self._paint_placeholder(painter)
        self._paint_overlay_backdrop(painter)
        if self._focus_visible and self.hasFocus():
            self._paint_focus(painter)

    def _paint_pictures(self, painter: QPainter) -> None:
        """The images, split or marked, with their labels, note and zoom."""
        whole = QRectF(self.rect())
        smooth = self._smoothed()
        if not self._split_shown():
            self._paint_side(painter, self._before, self.before_transform(), whole, smooth=smooth)
        else:
            split = self.split_x()
            left = QRectF(0, 0, split, self.height())
            right = QRectF(split, 0, self.width() - split, self.height())
            self._paint_side(painter, self._before, self.before_transform(), left, smooth=smooth)
            shown = self._after or self._before
            transform = self.before_transform() if self._after is None else self.after_transform()
            self._paint_side(painter, shown, transform, right, smooth=smooth)
            if self._part is not None:
                self._paint_part(painter, right, smooth=smooth)
            self._paint_split(painter, split)
            self._paint_labels(painter, split)
        if self._marks is not None:
            self._paint_marks(painter)
        if self._note:
            self._paint_note(painter)
        self._paint_zoom(painter)

    def _smoothed(self) -> bool:
        """Whether the pictures on show are drawn smoothed (else with hard pixels): until the
        smallest of their own pixels is drawn ``NEAREST_FROM_ZOOM`` device pixels tall."""
        return min(self._pixel_zooms()) < NEAREST_FROM_ZOOM

    def _pixel_zooms(self) -> list[float]:
        """Device pixels per row of each picture on show's own pixels (``_pixel_rows``)."""
        return [self.zoom() * rows for rows in self._pixel_rows()]

    def _pixel_rows(self) -> list[float]:
        """Image rows per row of each picture on show's own pixels: the before image's, and
        while the split is shown the after image's and the part's (100% of each is where
        the zoom is the inverse)."""
        before = self._ratio()[1]
        rows = [before]
        if self._split_shown() and self._after is not None:
            rows.append(1.0)
        if self._split_shown() and self._part is not None:
            image, rect, _label = self._part
            rows.append(before * rect.height() / max(1, image.height()))
        return rows

    def _paint_overlay_backdrop(self, painter: QPainter) -> None:
        """The window's colour where the overlay is shown, so that its text reads over any
        picture (its corners rounded as a note's border is)."""
        if self._overlay is None or self._overlay.isHidden():
            return
        path = QPainterPath()
        path.addRoundedRect(QRectF(self._overlay.geometry()), OVERLAY_RADIUS, OVERLAY_RADIUS)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillPath(path, self.palette().color(self.palette().ColorRole.Window))
        painter.restore()

    def _paint_focus(self, painter: QPainter) -> None:
        """A frame in the palette's highlight just inside the edges: the keyboard is here."""
        inset = FOCUS_WIDTH / 2
        painter.save()
        painter.setPen(QPen(self.palette().color(self.palette().ColorRole.Highlight), FOCUS_WIDTH))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset))
        painter.restore()

    def _background(self) -> QColor:
        base = self.palette().color(self.backgroundRole())
        dark = base.lightness() < MID_LIGHTNESS
        return base.darker(DARK_BACKGROUND_DARKER if dark else LIGHT_BACKGROUND_DARKER)

    def _paint_side(
        self,
        painter: QPainter,
        pyramid: ImagePyramid,
        transform: QTransform,
        clip: QRectF,
        *,
        smooth: bool,
    ) -> None:
        """Draw the part of ``pyramid``'s image that ``transform`` puts inside ``clip``."""
        image = pyramid.image
        whole = QRectF(0, 0, image.width(), image.height())
        visible = transform.mapRect(whole).intersected(clip)
        if visible.isEmpty():
            return
        inverse, _invertible = transform.inverted()
        source = inverse.mapRect(visible).intersected(whole)
        shown = max(transform.m11(), transform.m22())  # the sharper axis of non-square pixels
        level, fx, fy, ideal = pyramid.level_for(shown * self.devicePixelRatioF())
        # Widen to whole level pixels, then draw them exactly where they belong.
        left = max(0, math.floor(source.left() * fx))
        top = max(0, math.floor(source.top() * fy))
        right = min(level.width(), math.ceil(source.right() * fx))
        bottom = min(level.height(), math.ceil(source.bottom() * fy))
        if right <= left or bottom <= top:
            return
        level_rect = QRectF(left, top, right - left, bottom - top)
        target = transform.mapRect(
            QRectF(left / fx, top / fy, (right - left) / fx, (bottom - top) / fy)
        )
        painter.save()
        painter.setClipRect(clip)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, smooth and ideal)
        painter.drawImage(target, level, level_rect)
        painter.restore()

    def _paint_part(self, painter: QPainter, clip: QRectF, *, smooth: bool) -> None:
        """The part over the after side, where its rectangle of the before image is, with a
        dashed outline so that where the preview ends shows."""
        image, rect, _label = self._part
        target = self.before_transform().mapRect(rect)
        painter.save()
        painter.setClipRect(clip)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, smooth)
        painter.drawImage(target, image)
        painter.setPen(QPen(SHADOW, LINE_WIDTH + 2))
        painter.drawRect(target)
        painter.setPen(QPen(HANDLE_COLOR, 1, Qt.PenStyle.DashLine))
        painter.drawRect(target)
        painter.restore()

    def _paint_marks(self, painter: QPainter) -> None:
        """The marks over the before image, and the brush's ring where the pointer is."""
        marks = self._marks
        transform = self.marks_transform()
        whole = QRectF(0, 0, marks.width(), marks.height())
        visible = transform.mapRect(whole).intersected(QRectF(self.rect()))
        inverse, _invertible = transform.inverted()
        source = inverse.mapRect(visible).toAlignedRect().intersected(whole.toRect())
        if not source.isEmpty():
            painter.drawImage(transform.mapRect(QRectF(source)), marks, QRectF(source))
        if self._pointer is None or self._space_held:
            return
        radius = max(1.0, self._brush * transform.m11())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(SHADOW, 3))
        painter.drawEllipse(self._pointer, radius, radius)
        painter.setPen(QPen(HANDLE_COLOR, 1))
        painter.drawEllipse(self._pointer, radius, radius)
        painter.restore()

    def _paint_split(self, painter: QPainter, x: int) -> None:
        """The split line over the image's height on screen, with a knob in its middle."""
        seen = self._photo_in_view()
        top, bottom = seen.top(), seen.bottom()
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(SHADOW, LINE_WIDTH + 2))
        painter.drawLine(QPointF(x, top), QPointF(x, bottom))
        painter.setPen(QPen(HANDLE_COLOR, LINE_WIDTH))
        painter.drawLine(QPointF(x, top), QPointF(x, bottom))
        centre = self._knob_centre()
        painter.setPen(QPen(SHADOW, KNOB_OUTLINE))
        painter.setBrush(HANDLE_COLOR)
        painter.drawEllipse(centre, HANDLE_RADIUS, HANDLE_RADIUS)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(40, 40, 40))
        arrow = HANDLE_RADIUS * 0.4
        for direction in (-1, 1):
            tip = centre + QPointF(direction * HANDLE_RADIUS * 0.7, 0)
            base = centre + QPointF(direction * HANDLE_RADIUS * 0.2, 0)
            painter.drawPolygon(
                QPolygonF([tip, base + QPointF(0, -arrow), base + QPointF(0, arrow)])
            )
        painter.restore()

    def _pill(self, painter: QPainter, text: str, anchor: QPointF, align_right: bool) -> QRectF:
        """A label on a dark rounded background, with its top corner at ``anchor``; where it
        is drawn."""
        metrics = painter.fontMetrics()
        width = _pill_width(metrics, text)
        height = _pill_height(metrics)
        left = anchor.x() - width if align_right else anchor.x()
        box = QRectF(left, anchor.y(), width, height)
        path = QPainterPath()
        path.addRoundedRect(box, height / 2, height / 2)
        painter.fillPath(path, SHADOW)
        painter.setPen(HANDLE_COLOR)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        return box

    def _paint_labels(self, painter: QPainter, split: int) -> None:
        """Each side's label in its top corner of the photo's part in view, as
        ``_labelled_sides`` fits it to its side."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        seen = self._photo_in_view()
        height = _pill_height(metrics)
        top = self._labels_top(seen, height)
        if top + height + LABEL_MARGIN <= seen.bottom():
            before, after = self._labelled_sides(metrics, seen, split)
            corners = [
                QPointF(seen.left() + LABEL_MARGIN, top),
                QPointF(seen.right() - LABEL_MARGIN, top),
            ]
            for shown, whole, corner, align_right in zip(
                (before, after), self.labels(), corners, (False, True), strict=True
            ):
                if shown:
                    box = self._pill(painter, shown, corner, align_right=align_right)
                    if shown != whole:
                        self._tips.append((box, whole))
        painter.restore()

    def event(self, event: QEvent) -> bool:
        """A label cut short tells itself whole in a tooltip, and a zoom badge its picture;
        the overlay, its size asked anew (its text changed), is placed again."""
        if event.type() == QEvent.Type.LayoutRequest:
            self._place_overlay()
        if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
            return super().event(event)
        whole = [(box, text) for box, text in self._tips if box.contains(event.pos())]
        if whole:
            box, text = whole[0]
            QToolTip.showText(event.globalPos(), text, self, box.toAlignedRect())
        else:
            QToolTip.hideText()
            event.ignore()
        return True

    def _labelled_sides(self, metrics: QFontMetrics, seen: QRectF, split: int) -> tuple[str, str]:
        """The two sides' labels as drawn, "" for a side left unlabelled: each cut short to
        the width its side shows in view ``seen`` (``_side_label``), so it stays on its own
        side of the line. Where ``seen`` is too narrow for both labels, only the wider
        side's is."""
        before_width, after_width = split - seen.left(), seen.right() - split
        before, after = self.labels()
        before = _side_label(metrics, before, before_width)
        after = _side_label(metrics, after, after_width)
        both = _pill_width(metrics, before) + _pill_width(metrics, after) + 3 * LABEL_MARGIN
        if before and after and both > seen.width():
            return (before, "") if before_width >= after_width else ("", after)
        return before, after

    def _labels_top(self, seen: QRectF, height: float) -> float:
        """Where the sides' labels (``height`` tall) begin: inside the photo's part in view
        ``seen``, below the overlay and the note while they are shown."""
        top = self._overlay_bottom()
        below_note = top + LABEL_MARGIN + height if self._note else top
        return max(seen.top(), below_note) + LABEL_MARGIN

    def _paint_note(self, painter: QPainter) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = painter.fontMetrics().elidedText(
            self._note, Qt.TextElideMode.ElideMiddle, self.width() - 6 * LABEL_MARGIN
        )
        width = _pill_width(painter.fontMetrics(), text)
        top = self._overlay_bottom() + LABEL_MARGIN
        self._pill(painter, text, QPointF((self.width() + width) / 2, top), True)
        painter.restore()

    def _paint_zoom(self, painter: QPainter) -> None:
        """The zoom badges (``zoom_badges``) in the view's bottom corners: on the backdrop
        below or beside the picture where it leaves room, over it only where it fills the
        view. A lone badge is the zoom of all on show; of two, each is its side's picture's,
        drawn only on that side (``_clear_of_line``), so that neither stands for the picture
        across the line."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        left, right = self.zoom_badges()
        metrics = painter.fontMetrics()
        top = self.height() - LABEL_MARGIN - _pill_height(metrics)
        if not left:
            self._pill(painter, right, QPointF(self.width() - LABEL_MARGIN, top), align_right=True)
        else:
            before, after = self._picture_labels()
            badges = ((left, before, self._ratio()[1], False), (right, after, 1.0, True))
            for text, label, rows, on_right in badges:
                width = _pill_width(metrics, text)
                start = self.width() - LABEL_MARGIN - width if on_right else LABEL_MARGIN
                if self._clear_of_line(start, start + width, right_side=on_right):
                    box = self._pill(painter, text, QPointF(start, top), align_right=False)
                    self._tips.append((box, self._zoom_tip(label, self.zoom() * rows)))
        painter.restore()

    def _clear_of_line(self, start: float, end: float, *, right_side: bool) -> bool:
        """Whether a badge from widget x ``start`` to ``end`` stays on its side of the split
        (the right one, or the left), ``LABEL_MARGIN`` clear of the line, while that side of
        the photo is in view (as its label is: ``_side_label``)."""
        seen, line = self._photo_in_view(), self._split_line_x()
        if right_side:
            return seen.right() - line >= LABEL_MARGIN and start - LABEL_MARGIN >= line
        return line - seen.left() >= LABEL_MARGIN and end + LABEL_MARGIN <= line

    def _zoom_tip(self, label: str, zoom: float) -> str:
        """What hovering a zoom badge says: the picture ``label`` names, at ``zoom``."""
        text = self.tr("{picture}: {percent}% of its own pixels")
        return text.format(picture=label, percent=_percent(zoom))

    def placeholder_font(self) -> QFont:
        """The font the placeholder is painted in: the widget's, larger."""
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * PLACEHOLDER_SCALE)
        return font

    def _paint_placeholder(self, painter: QPainter) -> None:
        if not self._placeholder:
            return
        painter.setPen(self.palette().color(self.palette().ColorRole.PlaceholderText))
        font = self.placeholder_font()
        painter.setFont(font)
        margin = PLACEHOLDER_MARGIN
        box = self.rect().adjusted(margin, margin, -margin, -margin)
        lines = balanced_lines(self._placeholder, font, box.width())
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, "\n".join(lines))


def _pan_range(extent: float, view: int, covered: float = 0.0) -> tuple[float, float]:
    """The least and most offsets of an image ``extent`` long along an axis of a view ``view``
    long: centred where it fits, else covering the view; and its start as far in as
    ``covered`` (where an overlay over the view's start ends), to bring what is beneath that
    into view."""
    least = (view - extent) / 2 if extent <= view else view - extent
    return least, max(least, covered)


def _narrowest(widget: QWidget, room: int) -> int:
    """The least width, at most ``room``, at which ``widget`` is no taller than at ``room``
    (a note's text on no more lines than it needs there); for a widget whose height does not
    follow its width, its size hint's width (at most ``room``)."""
    if not widget.hasHeightForWidth():
        return min(room, widget.sizeHint().width())
    tallest = widget.heightForWidth(room)
    narrow, wide = 1, room  # heights only shrink as the width grows: halve the difference
    while narrow < wide:
        middle = (narrow + wide) // 2
        if widget.heightForWidth(middle) <= tallest:
            wide = middle
        else:
            narrow = middle + 1
    return wide


def _percent(zoom: float) -> int:
    """A zoom as the badges say it, in whole per cent."""
    return round(zoom * 100)


def _pill_width(metrics: QFontMetrics, text: str) -> float:
    """How wide ``text`` on its rounded background is, in the font of ``metrics``."""
    return metrics.horizontalAdvance(text) + 2 * LABEL_PADDING


def _side_label(metrics: QFontMetrics, label: str, side_width: float) -> str:
    """``label`` as drawn on a side ``side_width`` wide, in the font of ``metrics``: cut short
    in the middle to fit between the photo's edge and the line, margins kept. A side too
    narrow to show any of it keeps the label whole, drawn on over the line, while at least
    ``LABEL_MARGIN`` of the side is in view (less is the split parked at an end: no label)."""
    if side_width < LABEL_MARGIN:
        return ""
    room = max(0, int(side_width - 2 * LABEL_MARGIN - 2 * LABEL_PADDING))
    elided = metrics.elidedText(label, Qt.TextElideMode.ElideMiddle, room)
    return elided if elided.strip(ELLIPSIS) else label


def _pill_height(metrics: QFontMetrics) -> float:
    """How tall a label on its rounded background is, in the font of ``metrics``."""
    return metrics.height() + LABEL_PADDING
