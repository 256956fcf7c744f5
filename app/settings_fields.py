"""The settings panel's fields, each declared once: the setting it keeps, its widget and row,
its texts, and the panel's method a change calls. The panel builds, loads, stores and
retranslates every field from ``FIELDS``.

The texts are source texts of the catalogue's "SettingsPanel" context: ``QT_TRANSLATE_NOOP``
marks them for pyside6-lupdate, and they are translated each time they are set. A text not
marked (a format's or a language's name) is the same in every language.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Signal, SignalInstance
from PySide6.QtWidgets import QCheckBox, QComboBox, QSpinBox, QWidget

from app import i18n, theme
from app.cluster_field import ClusterField
from app.collapsible_section import Change
from app.device_note import device_name
from app.eliding_combo import narrow_combo
from app.frame_output import FRAME_FORMATS
from app.path_field import PathField
from app.pattern_edit import PatternEdit
from app.settings import MAX_TILE, RATE_OF_THE_FRAMES, AppSettings, default_output_dir
from engine.errors import RekindleError
from engine.imageio import FORMAT_NAMES
from engine.video import FILM_QUALITIES, available_codecs
from engine.video.sequence import parse_rate

CONTEXT = "SettingsPanel"
TILE_STEP = 32
LEAST_TILE = 128
"""The smallest tile offered: each tile is run with 32 px of context on every side, so a 32 px
tile does nine times the work of its own pixels (a photo took 6 times as long)."""

MODEL, SAVING = "model", "saving"
"""The groups always shown: the model's (its layout, under the strengths) and the form of
where and how results are saved (under the output size)."""
STAGES, FILMS, ADVANCED, INTERFACE = "stages", "films", "advanced", "interface"
"""The forms of the sections that open and close: the extra steps' clean-up models (under the
grain), the films', the advanced ones and the interface's."""


def translate(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


NONE = QT_TRANSLATE_NOOP("SettingsPanel", "None")
"""The first item of a clean-up choice: no model."""
OFFERED_RATES = ("16", "18", "23.976", "24", "25", "29.97", "30", "48", "50", "59.94", "60")
"""The frame rates the frame sequences' box lists; any other ``parse_rate`` reads is typed."""
FRAMES_RATE = QT_TRANSLATE_NOOP("SettingsPanel", "As the frames say, else 24")
"""The frame sequences' box's first item: ``RATE_OF_THE_FRAMES``."""


def films_as() -> list[str]:
    """The Films as choices: the codecs this installation can write, then the pictures a
    film's frames may be written as."""
    return [*available_codecs(), *FRAME_FORMATS]


def by_the_panel() -> tuple[()]:
    """No items from the start: the panel lists them itself (the models, the devices)."""
    return ()


@dataclass(frozen=True)
class Field(ABC):
    """A choice kept in ``AppSettings.<setting>``, shown as the panel's ``<name>_<kind>``, with
    its label ``<name>_label`` when it has one, as a row of the layout ``place``.

    ``on_change``: the panel's method a change calls. ``button``: the icon of a tool button
    beside the widget (the panel's ``<name>_button``), with its tooltip ``button_tip``; a click
    calls ``on_click``. ``brief``: a few words that follow a closed section's title while the
    setting is not its default ("extra care", "tile {value}": {value} is the value shown)."""

    kind: ClassVar[str]

    setting: str
    name: str
    place: str
    label: str | None = None
    tip: str | None = None
    on_change: str = "_on_changed"
    button: str | None = None
    button_tip: str | None = None
    on_click: str | None = None
    brief: str | None = None

    @property
    def attribute(self) -> str:
        return f"{self.name}_{self.kind}"

    @property
    def default(self) -> object:
        """The setting's value when nothing is stored."""
        return getattr(AppSettings, self.setting).default

    @abstractmethod
    def make(self) -> QWidget: ...

    @abstractmethod
    def value(self, widget: QWidget) -> object:
        """The value to store, read from the widget."""

    @abstractmethod
    def set_value(self, widget: QWidget, value: object) -> None:
        """Show a stored value in the widget."""

    @abstractmethod
    def changed(self, widget: QWidget) -> SignalInstance | None:
        """The widget's signal of a change made by the person, if it has one."""

    def retranslate(self, widget: QWidget) -> None:
        if self.tip is not None:
            widget.setToolTip(translate(self.tip))

    def shown(self, widget: QWidget) -> str:
        """The value as the widget shows it, in the language shown."""
        return str(self.value(widget))

    def change(self, widget: QWidget) -> Change | None:
        """How a closed section tells the setting while it is not its default (None while it
        is, or where the setting has no ``brief``)."""
        if self.brief is None or self.value(widget) == self.default:
            return None
        value = self.shown(widget)
        line = value if self.label is None else setting_line(translate(self.label), value)
        return Change(translate(self.brief).format(value=value), line)


VALUE = "{value}"
"""The brief of a setting told by its value alone ("CPU", "English"): not translated."""
SETTING_LINE = QT_TRANSLATE_NOOP("SettingsPanel", "{label}: {value}")
"""A setting and its value, as a closed section's tooltip lists it."""


def setting_line(label: str, value: str) -> str:
    return translate(SETTING_LINE).format(label=label, value=value)


@dataclass(frozen=True)
class Check(Field):
    kind = "check"
    text: str = ""

    def make(self) -> QCheckBox:
        return QCheckBox()

    def value(self, widget: QCheckBox) -> bool:
        return widget.isChecked()

    def set_value(self, widget: QCheckBox, value: bool) -> None:
        widget.setChecked(value)

    def changed(self, widget: QCheckBox) -> SignalInstance:
        return widget.toggled

    def shown(self, widget: QCheckBox) -> str:
        """Its text: the checks in the sections are off by default, so one told as changed
        is on."""
        return widget.text()

    def retranslate(self, widget: QCheckBox) -> None:
        widget.setText(translate(self.text))
        super().retranslate(widget)


@dataclass(frozen=True)
class Spin(Field):
    """A spin box of 0, which ``special`` names, and ``least`` to ``maximum``."""

    kind = "spin"
    maximum: int = 0
    least: int = 1
    step: int = 1
    special: str = ""
    suffix: str = ""

    def make(self) -> SpecialSpinBox:
        spin = SpecialSpinBox(self.least)
        spin.setRange(0, self.maximum)
        spin.setSingleStep(self.step)
        return spin

    def value(self, widget: SpecialSpinBox) -> int:
        return widget.value()

    def set_value(self, widget: SpecialSpinBox, value: int) -> None:
        widget.setValue(value)
        widget.settle()

    def changed(self, widget: QSpinBox) -> SignalInstance:
        return widget.valueChanged

    def shown(self, widget: QSpinBox) -> str:
        return widget.text()

    def retranslate(self, widget: QSpinBox) -> None:
        widget.setSpecialValueText(translate(self.special))
        widget.setSuffix(translate(self.suffix))
        super().retranslate(widget)


class SpecialSpinBox(QSpinBox):
    """A spin box whose 0 is special and whose other values start at ``least``: a step up
    from 0 goes to ``least``, a step down from it back to 0, and a number typed below it is
    taken as ``least`` once typed."""

    def __init__(self, least: int) -> None:
        super().__init__()
        self._least = least
        self.editingFinished.connect(self.settle)

    def settle(self) -> None:
        """Take a value typed below ``least`` as ``least``."""
        value = self.value()
        self.setValue(value and max(value, self._least))

    def stepBy(self, steps: int) -> None:  # noqa: N802
        value = self.value()
        if value == 0 and steps > 0:
            self.setValue(self._least + (steps - 1) * self.singleStep())
        elif value and value + steps * self.singleStep() < self._least:
            self.setValue(0)
        else:
            super().stepBy(steps)


@dataclass(frozen=True)
class Choice(Field):
    """A combo box of values. ``items``: the text of each value; ``listed``: the values it
    lists from the start, when not all of ``items`` (the panel lists the models and devices
    itself). A value not listed, or one whose item is disabled when ``usable_only`` (a device
    gone), shows as the setting's default, or else as the first item."""

    kind = "combo"
    items: Mapping[object, str] = field(default_factory=dict)
    listed: Callable[[], Iterable[object]] | None = None
    narrow: bool = False
    usable_only: bool = False

    def make(self) -> QComboBox:
        combo = narrow_combo() if self.narrow else QComboBox()
        for value in self.listed() if self.listed is not None else self.items:
            combo.addItem("", value)
        return combo

    def value(self, widget: QComboBox) -> object:
        return widget.currentData() or self.default  # nothing chosen: the default

    def set_value(self, widget: QComboBox, value: object) -> None:
        index = widget.findData(value)
        if index < 0 or (self.usable_only and not widget.model().item(index).isEnabled()):
            index = widget.findData(self.default)
        widget.setCurrentIndex(max(index, 0))

    def changed(self, widget: QComboBox) -> SignalInstance:
        return widget.currentIndexChanged

    def shown(self, widget: QComboBox) -> str:
        return widget.currentText()

    def retranslate(self, widget: QComboBox) -> None:
        for index in range(widget.count()):
            text = self.items.get(widget.itemData(index))
            if text is not None:
                widget.setItemText(index, translate(text))
        super().retranslate(widget)


@dataclass(frozen=True)
class FilmsAs(Choice):
    """How restored films are written: the codecs, then, set apart from them, the pictures
    their frames may be written as (``FRAME_FORMATS``)."""

    def make(self) -> QComboBox:
        combo = super().make()
        combo.insertSeparator(combo.findData(FRAME_FORMATS[0]))
        return combo


@dataclass(frozen=True)
class DeviceChoice(Choice):
    """The device, named shortly ("CPU") where a closed section tells it: its item also names
    the hardware."""

    def shown(self, widget: QComboBox) -> str:
        return device_name(self.value(widget))


NOT_USED = QT_TRANSLATE_NOOP("SettingsPanel", "Not used: {reason}")
"""A rate typed that cannot be read, and why (it is not taken)."""


class RateBox(QComboBox):
    """A frame rate, picked from ``OFFERED_RATES`` or typed as the command line's ``--rate``
    takes it (``parse_rate``: 24, 23.976, 24000/1001...), or, the first item, the rate each
    sequence's frames state (``RATE_OF_THE_FRAMES``). A rate it cannot read is marked, says
    why in the tooltip, and is not taken: the last good one stays in use, and comes back when
    the box is left. Rates are given and taken as the setting keeps them."""

    rate_chosen = Signal(str)  # a good rate was picked or typed

    def __init__(self, default: str) -> None:
        super().__init__()
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItems([translate(FRAMES_RATE), *OFFERED_RATES])
        self._default = default
        self._rate = default
        self._tip = ""
        self._problem: str | None = None
        self.currentTextChanged.connect(self._on_text)
        self.lineEdit().editingFinished.connect(self._settle)

    def rate(self) -> str:
        """The rate in use, as the setting keeps it: the one shown, or the last good one."""
        return self._rate

    def set_rate(self, rate: str) -> None:
        """Show ``rate`` (one ``parse_rate`` cannot read, from a settings file edited by hand:
        the default)."""
        self._rate = rate if _rate_problem(rate) is None else self._default
        self.setCurrentText(self._shown(self._rate))

    def set_tip(self, tip: str) -> None:
        """What the box is for, in its tooltip (after the problem, while there is one)."""
        self._tip = tip
        self._show_problem()

    def retranslate(self) -> None:
        """Name the first item in the language shown."""
        self.setItemText(0, translate(FRAMES_RATE))

    def _shown(self, rate: str) -> str:
        """The words the box shows for the setting's ``rate``."""
        return self.itemText(0) if rate == RATE_OF_THE_FRAMES else rate

    def _on_text(self, text: str) -> None:
        rate = RATE_OF_THE_FRAMES if text == self.itemText(0) else text
        self._problem = _rate_problem(rate)
        self._show_problem()
        if self._problem is None and rate != self._rate:
            self._rate = rate
            self.rate_chosen.emit(rate)

    def _settle(self) -> None:
        if self._problem is not None:
            self.setCurrentText(self._shown(self._rate))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.PaletteChange and self._problem is not None:
            self._show_problem()  # its mark's colour, set in a style sheet, is the theme's
        super().changeEvent(event)

    def _show_problem(self) -> None:
        failure = theme.status_color("failure").name()
        marked = self._problem is not None
        self.setStyleSheet(f"QComboBox {{ border: 1px solid {failure}; }}" if marked else "")
        said = translate(NOT_USED).format(reason=self._problem) if marked else ""
        self.setToolTip("\n\n".join(filter(None, [said, self._tip])))
        self.setAccessibleDescription(said)  # read out with the box


def _rate_problem(text: str) -> str | None:
    """Why ``text`` is no frame rate (``parse_rate``'s sentence, in the language shown), or
    None (``RATE_OF_THE_FRAMES`` too)."""
    if text == RATE_OF_THE_FRAMES:
        return None
    try:
        parse_rate(text)
    except RekindleError as error:
        return i18n.engine_words(error.sentence)
    return None


@dataclass(frozen=True)
class Rate(Field):
    """Frames a second, in a ``RateBox``."""

    kind = "combo"

    def make(self) -> RateBox:
        return RateBox(self.default)

    def value(self, widget: RateBox) -> str:
        return widget.rate()

    def set_value(self, widget: RateBox, value: str) -> None:
        widget.set_rate(value)

    def changed(self, widget: RateBox) -> SignalInstance:
        return widget.rate_chosen

    def retranslate(self, widget: RateBox) -> None:
        widget.retranslate()
        widget.set_tip(translate(self.tip) if self.tip is not None else "")


@dataclass(frozen=True)
class Folder(Field):
    """A folder, shown in a ``PathField``; an empty setting shows the default folder."""

    kind = "edit"

    def make(self) -> PathField:
        return PathField()

    def value(self, widget: PathField) -> str:
        return widget.path()

    def set_value(self, widget: PathField, value: str) -> None:
        widget.set_path(value or default_output_dir())

    def changed(self, widget: PathField) -> None:
        return None  # read-only: the button beside it chooses


@dataclass(frozen=True)
class Pattern(Field):
    """How result files are named, typed in a ``PatternEdit``: a pattern with a problem is
    shown with it and not stored."""

    kind = "edit"

    def make(self) -> PatternEdit:
        return PatternEdit()

    def value(self, widget: PatternEdit) -> str:
        return widget.pattern()

    def set_value(self, widget: PatternEdit, value: str) -> None:
        widget.set_pattern(value)

    def changed(self, widget: PatternEdit) -> SignalInstance:
        return widget.pattern_changed


@dataclass(frozen=True)
class ClusterAddress(Field):
    """A Ray cluster's address, in a ``ClusterField`` that checks it as it is entered."""

    kind = "field"

    def make(self) -> ClusterField:
        return ClusterField()

    def value(self, widget: ClusterField) -> str:
        return widget.address()

    def set_value(self, widget: ClusterField, value: str) -> None:
        widget.set_address(value)

    def changed(self, widget: ClusterField) -> SignalInstance:
        return widget.entered


FIELDS: tuple[Field, ...] = (
    Choice(
        "clean_before",
        "before",
        STAGES,
        brief=QT_TRANSLATE_NOOP("SettingsPanel", "clean-up before"),
        label=QT_TRANSLATE_NOOP("SettingsPanel", "Clean up before enlarging"),
        tip=QT_TRANSLATE_NOOP(
            "SettingsPanel",
            "A model that restores without enlarging (1×), such as a denoise or JPEG "
            "clean-up model, run on the photo before it is enlarged. The built-in 1× models "
            "and those in your models folder are listed here.",
        ),
        items={"": NONE},
        listed=by_the_panel,
        narrow=True,
    ),
    Choice(
        "clean_after",
        "after",
        STAGES,
        brief=QT_TRANSLATE_NOOP("SettingsPanel", "clean-up after"),
        label=QT_TRANSLATE_NOOP("SettingsPanel", "Clean up after enlarging"),
        tip=QT_TRANSLATE_NOOP(
            "SettingsPanel",
            "A model that restores without enlarging (1×), run on the enlarged photo to "
            "tidy it. The built-in 1× models and those in your models folder are listed here.",
        ),
        items={"": NONE},
        listed=by_the_panel,
        narrow=True,
    ),
    Check(
        "fix_fading",
        "fading",
        MODEL,
        text=QT_TRANSLATE_NOOP("SettingsPanel", "Fix faded colours"),
        tip=QT_TRANSLATE_NOOP(
            "SettingsPanel",
            "For faded prints and film: greyed blacks and dull whites are set back and part "
            "of a colour cast is taken away before enlarging. A toned black-and-white print "
            "keeps its tone. A film gets one correction for all its frames, measured across "
            "it, so it does not flicker.",
        ),
    ),
    Check(
        "find_spots",
        "spots",
        MODEL,
        text=QT_TRANSLATE_NOOP("SettingsPanel", "Remove dust and specks"),
        tip=QT_TRANSLATE_NOOP(
            "SettingsPanel",
            "For scanned prints: small specks of dust, white dots and hairlines that stand "
            "out from a flat surround are found and filled in from the picture around them "
            "before enlarging. Eyes, letters and edges are left alone, but a small bright "
            "button or star on a dark ground may be taken for dust: compare a part with "
            "Preview first.",
        ),
    ),
    Check(
        "film_dust",
        "dust",
        FILMS,
        brief=QT_TRANSLATE_NOOP("SettingsPanel", "dust removed"),
        text=QT_TRANSLATE_NOOP("SettingsPanel", "Remove dust and dirt"),
        tip=QT_TRANSLATE_NOOP(
            "SettingsPanel",
            "Specks of dust, dirt and hairs that show on one frame of a film and not on the "
            "frames beside it are filled in from those frames before enlarging. Scratches that "
            "stay in one place are left, and a small thing moving very fast may be taken for "
            "dirt: compare a frame with Preview first.",
        ),
    ),
    Check(
        "film_grain",
        "grain",
        FILMS,
        brief=QT_TRANSLATE_NOOP("SettingsPanel", "grain calmed"),
        text=QT_TRANSLATE_NOOP("SettingsPanel", "Calm the grain"),
        tip=QT_TRANSLATE_NOOP(
            "SettingsPanel",
            "Each frame of a film is averaged with the two frames each side of it wherever they "
            "show the same picture: grain changes from frame to frame and the picture does not, "
            "so about half the grain goes and nothing is smeared. The Restore model then has "
            "less grain to mistake for texture.",
        ),
    ),
    Check(
        "film_flicker",
        "flicker",
        FILMS,
        brief=QT_TRANSLATE_NOOP("SettingsPanel", "flicker evened"),
        text=QT_TRANSLATE_NOOP("SettingsPanel", "Even out flicker"),
        tip=QT_TRANSLATE_NOOP(
            "SettingsPanel",
            "Each frame of a film is brought to the steady brightness of the frames around it "
            "in the same shot, so an old film's flicker calms down; a cut to another shot is "
            "found and nothing is evened across it. Light that truly changes for a few frames "
            "only (a flash) is evened too.",
        ),
    ),
    Check(
        "film_weave",
        "weave",
        FILMS,
        brief=QT_TRANSLATE_NOOP("SettingsPanel", "picture steadied"),
        text=QT_TRANSLATE_NOOP("SettingsPanel", "Steady the picture"),
        tip=QT_TRANSLATE_NOOP(
            "SettingsPanel",
            "Where an old film's picture weaves or jumps from frame to frame (film loose in a "
            "worn gate, a splice, a shaking camera), each frame is moved to where the frames "
            "around it in the same shot say it belongs; the camera's own slow pans and tilts "
            "stay. The narrow edge a move uncovers is filled from the frames beside it.",
        ),
    ),
    Check(
        "film_repeats",
        "repeats",
        FILMS,
        brief=QT_TRANSLATE_NOOP("SettingsPanel", "repeats smoothed"),
        text=QT_TRANSLATE_NOOP("SettingsPanel", "Smooth repeated frames"),
        tip=QT_TRANSLATE_NOOP(
            "SettingsPanel",
            "A film shot at 16 or 18 frames a second and copied at 24 shows some frames twice, "
            "as does one in five frames of a film put on NTSC video, and its motion stutters. "
            "Each frame shown twice is replaced by one made halfway "
            "between the frames around it, so the motion slows for a moment instead of "
            "stopping. A picture held for longer, and a frame before a cut, stay as they are.",
        ),
    ),
    DeviceChoice(
        "device",
        "device",
        ADVANCED,
        brief=VALUE,
        label=QT_TRANSLATE_NOOP("SettingsPanel", "Device"),
        listed=by_the_panel,
        usable_only=True,
    ),
    Spin(
        "tile",
        "tile",
        ADVANCED,
        brief=QT_TRANSLATE_NOOP("SettingsPanel", "tile {value}"),
        label=QT_TRANSLATE_NOOP("SettingsPanel", "Tile size"),
        tip=QT_TRANSLATE_NOOP(
            "SettingsPanel",
            "Photos are restored in square tiles of this side. Smaller tiles use less memory "
            "and take longer.",
        ),
        maximum=MAX_TILE,
        least=LEAST_TILE,
        step=TILE_STEP,
        special=QT_TRANSLATE_NOOP("SettingsPanel", "Automatic"),
        suffix=QT_TRANSLATE_NOOP("SettingsPanel", " px"),
    ),
    Check(
        "ensemble",
        "ensemble",
        ADVANCED,
        brief=QT_TRANSLATE_NOOP("SettingsPanel", "extra care"),
        text=QT_TRANSLATE_NOOP("SettingsPanel", "Extra care (8 times slower)"),
        tip=QT_TRANSLATE_NOOP(
            "SettingsPanel",
            "Each tile is restored in all eight orientations and the results are averaged: "
            "slightly finer, steadier detail, for eight times the time.",
        ),
    ),
    Check(
        "film_cluster",
        "cluster",
        ADVANCED,
        brief=QT_TRANSLATE_NOOP("SettingsPanel", "cluster"),
        text=QT_TRANSLATE_NOOP("SettingsPanel", "Restore on a cluster"),
        tip=QT_TRANSLATE_NOOP(
            "SettingsPanel",
            "Films are cut into segments that the computers of a Ray cluster restore side by "
            "side; photos go one at a time to a remote cluster's workers (a cluster started on "
            "this computer takes only films: one photo gains nothing from it). Needs Ray (pip "
            "install 'rekindle[cluster]').",
        ),
        on_change="_on_cluster_changed",
    ),
    ClusterAddress(
        "cluster_address",
        "address",
        ADVANCED,
        brief=QT_TRANSLATE_NOOP("SettingsPanel", "cluster address"),
        label=QT_TRANSLATE_NOOP("SettingsPanel", "Cluster"),
        tip=QT_TRANSLATE_NOOP(
            "SettingsPanel",
            "The address of the cluster's head (host:port, where `ray start --head` runs), for "
            "films and photos; or local to start a cluster on this computer for films (local:N "
            "for N workers, one per GPU by default).",
        ),
        on_change="_on_cluster_changed",
    ),
    Folder(
        "output_dir",
        "folder",
        SAVING,
        label=QT_TRANSLATE_NOOP("SettingsPanel", "Folder"),
        button="mdi6.folder-open-outline",
        button_tip=QT_TRANSLATE_NOOP("SettingsPanel", "Choose the folder for restored photos"),
        on_click="_choose_folder",
    ),
    Choice(
        "output_format",
        "format",
        SAVING,
        label=QT_TRANSLATE_NOOP("SettingsPanel", "Format"),
        items={"": QT_TRANSLATE_NOOP("SettingsPanel", "Same as the original"), **FORMAT_NAMES},
    ),
    Pattern(
        "result_names",
        "names",
        ADVANCED,
        brief=QT_TRANSLATE_NOOP("SettingsPanel", "file names"),
        label=QT_TRANSLATE_NOOP("SettingsPanel", "File names"),
        tip=QT_TRANSLATE_NOOP(
            "SettingsPanel",
            "How restored files are named: {stem} is the original's name, {recipe} how the "
            "result was made (the model, detail, size…); the extension follows. Restoring "
            "with other settings makes a new file beside the old one.",
        ),
    ),
    Check(
        "auto_save",
        "auto_save",
        SAVING,
        text=QT_TRANSLATE_NOOP("SettingsPanel", "Save each photo as soon as it is restored"),
        tip=QT_TRANSLATE_NOOP(
            "SettingsPanel",
            "Restored photos go straight into the folder above, so nothing is lost if the "
            "computer stops, and a long batch does not fill the memory. Off: save them "
            "yourself with Save or Save All.",
        ),
    ),
    FilmsAs(
        "film_codec",
        "codec",
        FILMS,
        brief=QT_TRANSLATE_NOOP("SettingsPanel", "film format"),
        label=QT_TRANSLATE_NOOP("SettingsPanel", "Films as"),
        tip=QT_TRANSLATE_NOOP(
            "SettingsPanel",
            "How restored films are encoded. Sound and subtitles are copied unchanged, but "
            "sound the file cannot hold as it is (FLAC with ProRes) goes in converted to PCM, "
            "which keeps every sample; the film's row then says so. DPX, TIFF or PNG frames: "
            "each frame is written as a numbered picture in a folder named after the film, "
            "with its sound beside them as WAV files, for a grading suite to conform.",
        ),
        items={
            "h264": QT_TRANSLATE_NOOP("SettingsPanel", "H.264 (small files, plays everywhere)"),
            "h265": QT_TRANSLATE_NOOP("SettingsPanel", "H.265 (smaller files)"),
            "prores": QT_TRANSLATE_NOOP("SettingsPanel", "ProRes 422 HQ (for editing)"),
            "ffv1": QT_TRANSLATE_NOOP("SettingsPanel", "FFV1 (lossless, for archives)"),
            "dpx": QT_TRANSLATE_NOOP("SettingsPanel", "DPX frames (for grading)"),
            "tif": QT_TRANSLATE_NOOP("SettingsPanel", "TIFF frames"),
            "png": QT_TRANSLATE_NOOP("SettingsPanel", "PNG frames"),
        },
        listed=films_as,
        on_change="_on_codec_chosen",
    ),
    Choice(
        "film_quality",
        "quality",
        FILMS,
        brief=QT_TRANSLATE_NOOP("SettingsPanel", "film quality"),
        label=QT_TRANSLATE_NOOP("SettingsPanel", "Film quality"),
        items={
            "best": QT_TRANSLATE_NOOP("SettingsPanel", "Best (larger files)"),
            "high": QT_TRANSLATE_NOOP("SettingsPanel", "High"),
            "smaller": QT_TRANSLATE_NOOP("SettingsPanel", "Smaller files"),
        },
        listed=FILM_QUALITIES.keys,
    ),
    Rate(
        "sequence_rate",
        "rate",
        ADVANCED,
        brief=QT_TRANSLATE_NOOP("SettingsPanel", "sequence rate"),
        label=QT_TRANSLATE_NOOP("SettingsPanel", "Sequence rate"),
        tip=QT_TRANSLATE_NOOP(
            "SettingsPanel",
            "A folder of a film scanner's numbered DPX frames (frame_000001.dpx…) is queued "
            "as one film, which runs at the rate its scanner wrote in the frames, or where "
            "they say none, at 24 frames a second. Choose a rate to run every sequence at it "
            "instead: 24 for sound film, 16 or 18 for silent film, 25 for PAL; or type another "
            "(23.976 or 24000/1001). It applies to the frame sequences in the queue and to "
            "those added later.",
        ),
    ),
    Check(
        "sequence_gaps",
        "gaps",
        ADVANCED,
        brief=QT_TRANSLATE_NOOP("SettingsPanel", "gaps allowed"),
        text=QT_TRANSLATE_NOOP("SettingsPanel", "Allow gaps in frame sequences"),
        tip=QT_TRANSLATE_NOOP(
            "SettingsPanel",
            "A frame sequence with numbers missing (a frame lost in the scan) cannot be "
            "opened, and its row names the first one missing. On: it is taken as it is, and "
            "the frame before a gap stays on screen through it, so the film keeps its length.",
        ),
    ),
    Choice(
        "language",
        "language",
        INTERFACE,
        brief=VALUE,
        label=QT_TRANSLATE_NOOP("SettingsPanel", "Language"),
        items={
            i18n.SYSTEM: QT_TRANSLATE_NOOP("SettingsPanel", "System default"),
            **i18n.LANGUAGE_NAMES,
        },
        on_change="_on_language_chosen",
    ),
    Choice(
        "theme",
        "theme",
        INTERFACE,
        brief=QT_TRANSLATE_NOOP("SettingsPanel", "{value} theme"),
        label=QT_TRANSLATE_NOOP("SettingsPanel", "Theme"),
        items={
            theme.FOLLOW_SYSTEM: QT_TRANSLATE_NOOP("SettingsPanel", "Follow the system"),
            theme.DARK_LOOK: QT_TRANSLATE_NOOP("SettingsPanel", "Dark"),
            theme.LIGHT_LOOK: QT_TRANSLATE_NOOP("SettingsPanel", "Light"),
        },
        on_change="_on_theme_chosen",
    ),
)
BY_SETTING = {field.setting: field for field in FIELDS}
