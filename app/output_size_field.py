"""The settings panel's choice of output size: the model's own scale, a whole scale, a long
side in pixels, or a print size at a resolution; and what the photo on show becomes with it.

A size in pixels or print is for photos only: a film is enlarged by a scale (engine.video
refuses a size), so with one chosen films keep the model's own scale.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.pixel_aspect import shown_size
from app.settings import MAX_DPI, MAX_LONG_SIDE, PRINT_SIDES, AppSettings
from engine.output_size import UNIT_MM, OutputSize, restored_size

SCALES = (0, 1, 2, 4)  # 0 = the model's own
BY_SCALE, LONG_SIDE, PRINT = "scale", "long_side", "print"
"""How the size is chosen (``AppSettings.size_by``)."""
CHOICES: tuple[int | str, ...] = (*SCALES, LONG_SIDE, PRINT)
UNITS = ("cm", "in")
LONG_SIDE_STEP = 500
PRINT_STEP = 0.5
WHOLE_MEGAPIXELS = 10
"""From this size on megapixels are shown whole; below, with two significant digits."""
SMALLEST_MEGAPIXELS = 0.001
"""Below this, megapixels are told as less than it (a thumbnail's are no figure to read)."""


def megapixels(width: int, height: int) -> str:
    """A picture's size in megapixels, as short as it can be told: "24", "2.4", "0.019"."""
    value = width * height / 1e6
    if value >= WHOLE_MEGAPIXELS:
        return f"{value:.0f}"
    return f"{value:.2g}" if value >= SMALLEST_MEGAPIXELS else f"< {SMALLEST_MEGAPIXELS}"


class OutputSizeField(QWidget):
    """A combo box of the choices; under it the long side, or the print's sides, unit and
    resolution, as chosen; and the pixel size of the photo on show, once one is."""

    changed = Signal()

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._model_scale = 0  # 0: not known yet
        # width, height, whether a film, how many times as wide as tall its pixels are shown
        self._photo: tuple[int, int, bool, float] | None = None
        self._forced = False  # the person's choice is hidden by a model that does not enlarge
        self._unit = UNITS[0]  # the unit the print's sides are shown in
        # the print's sides in mm as last typed, kept while only the unit changes
        self._typed_mm: tuple[float, float] | None = None
        self._build()
        self._load()
        self._connect()
        self._retranslate()

    def _build(self) -> None:
        self.scale_combo = QComboBox()
        for choice in CHOICES:
            self.scale_combo.addItem("", choice)
        self.long_side_spin = QSpinBox()
        self.long_side_spin.setRange(1, MAX_LONG_SIDE)
        self.long_side_spin.setSingleStep(LONG_SIDE_STEP)
        self.print_width_spin, self.print_height_spin = (QDoubleSpinBox(), QDoubleSpinBox())
        for spin in self._print_spins():
            spin.setDecimals(1)
            spin.setRange(*PRINT_SIDES)
            spin.setSingleStep(PRINT_STEP)
        self.unit_combo = QComboBox()
        for unit in UNITS:
            self.unit_combo.addItem("", unit)
        self.dpi_spin = QSpinBox()
        self.dpi_spin.setRange(1, MAX_DPI)
        self.by_label = QLabel("×")  # the same in every language
        self.print_box = QWidget()
        self._lay_out_print()
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.scale_combo, self.long_side_spin, self.print_box, self.result_label):
            layout.addWidget(widget)

    def _lay_out_print(self) -> None:
        """The print's sides on one line, its unit and resolution on the next: on one line
        they would make the settings column wider than its other fields."""
        sides = QHBoxLayout()
        sides.addWidget(self.print_width_spin, 1)
        sides.addWidget(self.by_label)
        sides.addWidget(self.print_height_spin, 1)
        resolution = QHBoxLayout()
        resolution.addWidget(self.unit_combo)
        resolution.addWidget(self.dpi_spin, 1)
        rows = QVBoxLayout(self.print_box)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.addLayout(sides)
        rows.addLayout(resolution)

    def _connect(self) -> None:
        self.scale_combo.currentIndexChanged.connect(self._on_chosen)
        for spin in (self.long_side_spin, self.dpi_spin):
            spin.valueChanged.connect(self._on_changed)
        for spin in self._print_spins():
            spin.valueChanged.connect(self._on_side_typed)
        self.unit_combo.currentIndexChanged.connect(self._on_unit_chosen)

    # -- what is chosen -------------------------------------------------------------------

    def choice(self) -> int | str:
        return CHOICES[max(self.scale_combo.currentIndex(), 0)]

    def scale(self) -> int | None:
        """The output scale chosen; None for the model's own (also when a size is chosen)."""
        choice = self.choice()
        return (choice or None) if isinstance(choice, int) else None

    def size(self) -> OutputSize | None:
        """The size in pixels or print chosen, or None when a scale is."""
        choice = self.choice()
        if choice == LONG_SIDE:
            return OutputSize(long_side=self.long_side_spin.value())
        if choice == PRINT:
            return OutputSize(print_mm=self._print_mm(), dpi=self.dpi_spin.value())
        return None

    def _print_spins(self) -> tuple[QDoubleSpinBox, QDoubleSpinBox]:
        return self.print_width_spin, self.print_height_spin

    def _print_mm(self) -> tuple[float, float]:
        """The print's sides shown, in millimetres."""
        unit = UNIT_MM[self._unit]
        return self.print_width_spin.value() * unit, self.print_height_spin.value() * unit

    def result_for(self, width: int, height: int, *, film: bool = False) -> tuple[int, int] | None:
        """The (width, height) a ``width`` x ``height`` photo (or film) is restored to; None
        while that cannot be known (the picture or the model not read yet)."""
        size = None if film else self.size()
        scale = self.scale() or self._model_scale
        if not (width and height) or (size is None and not scale):
            return None
        return restored_size(width, height, size, scale)

    # -- what it depends on ---------------------------------------------------------------

    def set_model_scale(self, scale: int) -> None:
        """The chosen model's scale (0 while it is not known), named in the first choice. A
        model that does not enlarge offers only 1x; the person's own choice stays stored and
        comes back with a model that enlarges."""
        self._model_scale = scale
        one_only = scale == 1
        model: QStandardItemModel = self.scale_combo.model()
        for index, choice in enumerate(CHOICES):
            model.item(index).setEnabled(not one_only or choice in (0, 1))
        self.scale_combo.blockSignals(True)
        if one_only and self.choice() not in (0, 1):
            self.scale_combo.setCurrentIndex(0)
            self._forced = True
        elif not one_only and self._forced:
            self.scale_combo.setCurrentIndex(CHOICES.index(self._stored_choice()))
            self._forced = False
        self.scale_combo.blockSignals(False)
        self._name_scales()
        self._update()

    def show_photo(
        self, width: int, height: int, *, film: bool = False, pixel_aspect: float = 1.0
    ) -> None:
        """Tell what the picture on show becomes (nothing when ``width`` or ``height`` is 0),
        and the size it is shown at when its pixels are ``pixel_aspect`` times as wide as
        tall (a film's, not square)."""
        self._photo = (width, height, film, pixel_aspect) if width and height else None
        self._update()

    # -- storing --------------------------------------------------------------------------

    def _load(self) -> None:
        s = self._settings
        self.scale_combo.setCurrentIndex(CHOICES.index(self._stored_choice()))
        self.long_side_spin.setValue(s.long_side)
        self.print_width_spin.setValue(s.print_width)
        self.print_height_spin.setValue(s.print_height)
        unit = self.unit_combo.findData(s.print_unit)
        self.unit_combo.setCurrentIndex(max(unit, 0))
        self._unit = self.unit_combo.currentData()
        self.dpi_spin.setValue(s.dpi)
        self._update()

    def store(self) -> None:
        s = self._settings
        if not self._forced:  # a 1x model only shows 1x: the person's own choice stays
            choice = self.choice()
            s.size_by = choice if isinstance(choice, str) else BY_SCALE
            if isinstance(choice, int):
                s.scale_out = choice
        s.long_side = self.long_side_spin.value()
        s.print_width = self.print_width_spin.value()
        s.print_height = self.print_height_spin.value()
        s.print_unit = self.unit_combo.currentData()
        s.dpi = self.dpi_spin.value()

    def _stored_choice(self) -> int | str:
        s = self._settings
        if s.size_by in (LONG_SIDE, PRINT):
            return s.size_by
        return s.scale_out if s.scale_out in SCALES else 0

    # -- reacting -------------------------------------------------------------------------

    def _on_chosen(self) -> None:
        self._forced = False  # chosen by the person, so it is theirs to keep
        self._on_changed()

    def _on_side_typed(self) -> None:
        self._typed_mm = None  # the figures shown are the person's own now
        self._on_changed()

    def _on_unit_chosen(self) -> None:
        """Show the print's sides in the unit chosen, converted and rounded to the sides'
        precision, as image-size dialogs do. They are converted from the sides as typed, so
        going back to the unit they were typed in gives those figures back, not a rounding
        of a rounding; the figures shown are the size restored to."""
        typed = self._typed_mm or self._print_mm()
        self._unit = self.unit_combo.currentData()
        for spin, side in zip(self._print_spins(), typed, strict=True):
            spin.blockSignals(True)
            spin.setValue(side / UNIT_MM[self._unit])
            spin.blockSignals(False)
        self._typed_mm = typed
        self._on_changed()

    def _on_changed(self) -> None:
        self._update()
        self.changed.emit()

    def _update(self) -> None:
        """Show the rows of the choice, and what the picture on show becomes."""
        choice = self.choice()
        self.long_side_spin.setVisible(choice == LONG_SIDE)
        self.print_box.setVisible(choice == PRINT)
        result = self.result_for(*self._photo[:2], film=self._photo[2]) if self._photo else None
        if result is None:
            self.result_label.clear()
        else:
            text = self._result_text(*result, self._photo[3])
            if self._photo[2] and self.size() is not None:
                text += "\n" + self.tr("Films keep the model's scale.")
            self.result_label.setText(text)
        self.result_label.setVisible(result is not None)

    def _result_text(self, width: int, height: int, aspect: float) -> str:
        """The result's size in pixels and megapixels; with non-square pixels also the size
        it is shown at."""
        mp = megapixels(width, height)
        if aspect == 1:
            text = self.tr("→ {width} × {height} px, {megapixels} MP")
            return text.format(width=width, height=height, megapixels=mp)
        shown_width, shown_height = shown_size(width, height, aspect)
        text = self.tr(
            "→ {width} × {height} px, shown {shown_width} × {shown_height}, {megapixels} MP"
        )
        return text.format(
            width=width,
            height=height,
            shown_width=shown_width,
            shown_height=shown_height,
            megapixels=mp,
        )

    # -- language -------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.scale_combo.setToolTip(
            self.tr(
                "How large restored photos are: the model's own scale or another, the longer "
                "side in pixels, or a print's size at a resolution. A size in pixels or print "
                "is for photos; films keep the model's scale."
            )
        )
        self.long_side_spin.setSuffix(self.tr(" px"))
        self.dpi_spin.setSuffix(self.tr(" dpi"))
        self._name_rows()
        self._name_units()
        self._name_scales()
        self._update()

    def _name_rows(self) -> None:
        """Name the fields under the choice for a screen reader: no label stands beside them."""
        self.long_side_spin.setAccessibleName(self.tr("Long side in pixels"))
        self.print_width_spin.setAccessibleName(self.tr("Print width"))
        self.print_height_spin.setAccessibleName(self.tr("Print height"))
        self.unit_combo.setAccessibleName(self.tr("Unit"))
        self.dpi_spin.setAccessibleName(self.tr("Resolution"))

    def _name_units(self) -> None:
        """The units named in the language shown; each item's data is the unit stored."""
        names = {"cm": self.tr("cm"), "in": self.tr("in")}
        for index in range(self.unit_combo.count()):
            self.unit_combo.setItemText(index, names[self.unit_combo.itemData(index)])

    def _name_scales(self) -> None:
        if self._model_scale:
            own = self.tr("The model's own ({scale}×)").format(scale=self._model_scale)
        else:
            own = self.tr("The model's own")
        names = {0: own, LONG_SIDE: self.tr("Long side in pixels"), PRINT: self.tr("Print size")}
        for index, choice in enumerate(CHOICES):
            self.scale_combo.setItemText(index, names.get(choice, f"{choice}×"))
