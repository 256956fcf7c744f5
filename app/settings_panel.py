"""The settings panel: first what shapes every photo (the model, its repair and detail
strengths, the main clean-ups, the output size, where and how results are saved), then
sections that open and close for the rest: grain and 1x models to clean up before and after
enlarging, films, advanced choices (device, tile size, cluster, file names, frame sequences),
the language and the theme. Every change is stored at once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app import theme
from app.collapsible_section import Change, CollapsibleSection
from app.device_note import DEVICE_NAMES
from app.eliding_combo import narrow_combo
from app.file_manager import show_folder
from app.frame_output import writes_frames
from app.i18n import engine_words
from app.jobs import Job
from app.models_dialog import model_description
from app.output_size_field import OutputSizeField
from app.photo_queue import QueueModel
from app.restore_runner import RestoreSettings
from app.settings import RATE_OF_THE_FRAMES, AppSettings
from app.settings_fields import (
    ADVANCED,
    BY_SETTING,
    FIELDS,
    FILMS,
    INTERFACE,
    MODEL,
    NONE,
    SAVING,
    STAGES,
    Field,
    setting_line,
    translate,
)
from app.strength_slider import StrengthSlider, align
from app.wheel_guard import guard_wheel
from engine.chain import ModelRequest
from engine.cluster.connect import ray_installed
from engine.devices import DeviceStatus, device_statuses
from engine.library.blend import DETAIL, REPAIR, beyond_4k_counterpart
from engine.library.catalog import (
    all_models,
    blend_axes,
    blend_position,
    default_model_key,
    restoration_models,
)
from engine.library.descriptor import Origin
from engine.library.entry import CatalogEntry
from engine.library.files import name_below, told_apart
from engine.paths import user_models_dir
from engine.restorer import RestoreOptions
from engine.video import DEFAULT_QUALITY, FilmCleanup, quality_crf
from engine.video.sequence import SequenceOptions, parse_rate

SLIDER_LEAST = 100
"""A strength slider's least length, about a pixel for each per cent: a shorter one cannot
be dragged to 75 % without fiddling (on the smallest screens the photo beside the settings
column is narrower for it)."""
SECTION_FORMS = {"extra": STAGES, "films": FILMS, "advanced": ADVANCED, "interface": INTERFACE}
"""The sections that open and close, in the column's order, each by its key (as
``AppSettings.open_sections`` remembers those left open) with the place of its fields."""
SECTIONS = tuple(SECTION_FORMS)


class SettingsPanel(QWidget):
    """The choices that shape the next restoration and the next save.

    The devices are probed on a thread of their own once the event loop runs (after the
    window shows): asking torch about a GPU starts its driver, which can take seconds.
    Until the answer comes the device choice lists Automatic, the CPU and the saved choice.
    """

    changed = Signal()
    language_changed = Signal(str)  # "" (the system's), "en" or "zh_CN"

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._entries: list[CatalogEntry] = []
        self._damaged: list[CatalogEntry] = []
        """The built-in models that cannot be used (a damaged install)."""
        self._replaced: list[Replaced] = []
        """Choices whose model left the models folder, noted until the person chooses again."""
        self._build()
        self.reload_models()
        self._load()
        self._connect()
        self._retranslate()
        self._update_strengths()
        self._update_cluster()
        self._show_chosen_look()
        self._probe: Job | None = None
        self._queue: QueueModel | None = None
        """The queue ``follow_queue`` follows, whose films open the films' section."""
        self._films_queued = False
        QTimer.singleShot(0, self, self._probe_devices)

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.model_combo = narrow_combo()
        self.models_folder_button = QToolButton()
        self.model_note = QLabel()
        self.model_note.setWordWrap(True)
        self.model_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model_problem = QLabel()
        self.model_problem.setWordWrap(True)
        self.model_problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model_problem.hide()
        self.repair_strength = StrengthSlider()
        self.detail_strength = StrengthSlider()
        self.grain_strength = StrengthSlider()
        for strength in (self.repair_strength, self.detail_strength, self.grain_strength):
            strength.slider.setMinimumWidth(SLIDER_LEAST)

        self.model_group = QGroupBox()
        model_row = QHBoxLayout()
        model_row.addWidget(self.model_combo, 1)
        model_row.addWidget(self.models_folder_button)
        model_layout = QVBoxLayout(self.model_group)
        model_layout.addLayout(model_row)
        model_layout.addWidget(self.model_note)
        model_layout.addWidget(self.model_problem)
        model_layout.addWidget(self.repair_strength)
        model_layout.addWidget(self.detail_strength)
        self.output_group = QGroupBox()
        self.sections = {key: CollapsibleSection() for key in SECTIONS}
        for key, section in self.sections.items():
            setattr(self, f"{key}_section", section)
        extra_layout = QVBoxLayout(self.extra_section.body)
        extra_layout.addWidget(self.grain_strength)
        stages = QFormLayout()
        stages.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # labels above: long
        extra_layout.addLayout(stages)
        forms = {
            STAGES: stages,
            SAVING: QFormLayout(self.output_group),
            FILMS: QFormLayout(self.films_section.body),
            ADVANCED: QFormLayout(self.advanced_section.body),
            INTERFACE: QFormLayout(self.interface_section.body),
        }
        for form in forms.values():
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            if form is not stages:  # a narrow column puts a long field under its label
                form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layouts: dict[str, QLayout] = {MODEL: model_layout, **forms}
        self._widgets: dict[str, QWidget] = {}
        self._labels: dict[str, FormLabel] = {}
        self._buttons: dict[str, QToolButton] = {}
        self.size_field = OutputSizeField(self._settings)
        self.scale_combo = self.size_field.scale_combo
        self.size_label = FormLabel()
        self.size_label.setBuddy(self.scale_combo)
        # Output's first row, added before the other rows: Tab takes them in that order
        forms[SAVING].addRow(self.size_label, self.size_field)
        for field in FIELDS:
            self._add(field, layouts[field.place])
        self._unavailable: dict[str, str] = {}
        """Why each device that cannot be used cannot, by name (engine sentences)."""
        self._automatic: str | None = None
        """The device kind Automatic uses, once the devices are probed."""
        self._fill_devices(_before_probing(self._settings.device))
        self._set_icons()

        self._open_sections()
        layout = QVBoxLayout(self)
        for part in (self.model_group, self.output_group, *self.sections.values()):
            layout.addWidget(part)
        layout.addStretch(1)
        # Taller than the window: the scroll area scrolls, instead of squeezing the fields.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        guard_wheel(self)  # the wheel scrolls the column, not the field under the pointer

    def _add(self, field: Field, layout: QLayout) -> None:
        """Make the field's widget (with its label and button, if any) and add its row; each
        is also the panel's attribute, as ``Field`` names them."""
        widget = field.make()
        self._widgets[field.setting] = widget
        setattr(self, field.attribute, widget)
        row: QWidget | QLayout = widget
        if field.button is not None:
            button = QToolButton()
            self._buttons[field.setting] = button
            setattr(self, f"{field.name}_button", button)
            row = QHBoxLayout()
            row.addWidget(widget, 1)
            row.addWidget(button)
        if field.label is not None:
            label = FormLabel()
            label.setBuddy(widget.focusProxy() or widget)  # the widget Tab focuses in the row
            self._labels[field.setting] = label
            setattr(self, f"{field.name}_label", label)
            layout.addRow(label, row)
        elif isinstance(layout, QFormLayout):
            layout.addRow(row)
        else:
            layout.addWidget(row)

    def _open_sections(self) -> None:
        """Open the sections the person left open."""
        for key in self._left_open():
            if key in self.sections:
                self.sections[key].set_open(True)

    def _left_open(self) -> set[str]:
        """The keys of the sections the person left open (``AppSettings.open_sections``)."""
        return set(filter(None, self._settings.open_sections.split(",")))

    def _on_section_opened(self, key: str, open_: bool) -> None:
        """Remember the section the person opened or closed, for the next launch."""
        left_open = self._left_open()
        if open_:
            left_open.add(key)
        else:
            left_open.discard(key)
        self._settings.open_sections = ",".join(k for k in SECTIONS if k in left_open)

    def follow_queue(self, queue: QueueModel) -> None:
        """Open the films' section while ``queue`` holds a film, and close it again (unless
        the person left it open) once it holds none."""
        self._queue = queue
        queue.rows_done.connect(self._judge_films)
        self._judge_films()

    def _judge_films(self) -> None:
        """Open the films' section as the first film is queued; once none is, show it as the
        person left it (a section opened for a film is not remembered open)."""
        queued = any(item.is_video for item in self._queue.items())
        if queued != self._films_queued:
            self._films_queued = queued
            self.films_section.set_open(queued or "films" in self._left_open())

    def _fill_devices(self, statuses: Iterable[DeviceStatus]) -> None:
        """List Automatic, then ``statuses``: those that cannot be used greyed out."""
        model: QStandardItemModel = self.device_combo.model()
        model.clear()
        auto = QStandardItem()
        auto.setData("auto", Qt.ItemDataRole.UserRole)
        model.appendRow(auto)
        self._unavailable = {}
        for status in statuses:
            name = DEVICE_NAMES.get(status.name, status.name)
            item = QStandardItem(f"{name}: {status.hardware}" if status.hardware else name)
            item.setData(status.name, Qt.ItemDataRole.UserRole)
            if status.reason:
                self._unavailable[status.name] = status.reason
            item.setEnabled(status.available)
            model.appendRow(item)

    def _probe_devices(self) -> None:
        """Ask which devices can be used, on a thread of its own (once, as the window shows)."""
        self._probe = Job(lambda _progress, _emit: device_statuses(), "rekindle-devices", self)
        self._probe.succeeded.connect(self._on_devices_probed)
        self._probe.start()

    def _on_devices_probed(self, statuses: list[DeviceStatus]) -> None:
        """List the devices probed, keeping the choice shown where it can be used; one that
        cannot shows as Automatic, and the saved setting stays until the next change."""
        combo = self.device_combo
        shown = self.device()
        combo.blockSignals(True)
        self._fill_devices(statuses)
        BY_SETTING["device"].set_value(combo, shown)
        combo.blockSignals(False)
        self._automatic = _automatic_kind(statuses)
        self._name_automatic()
        self._update_device_tips()
        if self.device() != shown:
            self.changed.emit()

    def _name_automatic(self) -> None:
        """Name Automatic's item, with the device it uses once that is known."""
        if self._automatic is None:
            text = self.tr("Automatic")
        else:
            best = DEVICE_NAMES[self._automatic]
            text = self.tr("Automatic ({device})").format(device=best)
        self.device_combo.setItemText(0, text)

    def _update_device_tips(self) -> None:
        model: QStandardItemModel = self.device_combo.model()
        for row in range(model.rowCount()):
            item = model.item(row)
            reason = self._unavailable.get(item.data(Qt.ItemDataRole.UserRole))
            if reason:
                text = self.tr("Not available: {reason}")
                item.setToolTip(text.format(reason=engine_words(reason)))

    def _connect(self) -> None:
        self.model_combo.currentIndexChanged.connect(self._on_model_chosen)
        self.repair_strength.changed.connect(self._on_changed)
        self.detail_strength.changed.connect(self._on_changed)
        self.grain_strength.changed.connect(self._on_changed)
        self.models_folder_button.clicked.connect(self.open_models_folder)
        for key, section in self.sections.items():
            section.opened.connect(lambda open_, key=key: self._on_section_opened(key, open_))
        self.size_field.changed.connect(self._on_changed)
        for field in FIELDS:
            signal = field.changed(self._widgets[field.setting])
            if signal is not None:
                signal.connect(getattr(self, field.on_change))
            if field.on_click is not None:
                self._buttons[field.setting].clicked.connect(getattr(self, field.on_click))
        self.changed.connect(self._tell_changes)

    # -- models ---------------------------------------------------------------------------

    def reload_models(self, removed: CatalogEntry | None = None) -> list[str]:
        """List the model files again (keeps the choice when it is still there); returns the
        notes of choices whose model left the folder, replaced by the default or by None.
        ``removed``: a model the person is removing, whose choices are told as removed rather
        than as gone, and are not noted after (the person knows why it went)."""
        models = all_models()
        self._damaged = [e for e in models if e.origin is Origin.BUILT_IN and not e.usable]
        entries = [entry for entry in models if entry.usable]
        if entries == self._entries and self.model_combo.count() == len(entries):
            self._update_problem()
            return []  # nothing changed: leave the combo (and an open popup) alone
        chosen = self.model_key() or self._settings.model
        listed = {e.key for e in models}
        noted = len(self._replaced)
        self._entries = entries
        self.model_combo.blockSignals(True)
        self.model_combo.clear()
        for index, entry in enumerate(self._entries):
            label = self._model_label(entry)
            self.model_combo.addItem(label, entry.key)
            tip = f"{label}\n{entry.path}"  # the panel may be too narrow for the whole name
            self.model_combo.setItemData(index, tip, Qt.ItemDataRole.ToolTipRole)
        keys = [e.key for e in self._entries]
        key = chosen if chosen in keys else default_model_key(self._entries)
        self.model_combo.setCurrentIndex(keys.index(key) if key in keys else -1)
        self.model_combo.setEnabled(bool(self._entries))
        self.model_combo.blockSignals(False)
        self._note_if_gone(self.model_combo, chosen, listed)
        self._fill_stages(listed)
        replaced = [self._replaced_text(r, removed) for r in self._replaced[noted:]]
        gone = self._still_replaced()
        self._replaced = [r for r in gone if removed is None or r.gone != removed.key]
        self._update_problem()
        self._update_strengths()
        self._update_note()
        self._update_model_scale()
        self.changed.emit()
        return replaced

    def _fill_stages(self, listed: set[str]) -> None:
        """List the 1x models in both clean-up choices, keeping each choice while its model is
        listed (the remembered one the first time); one whose model is not ``listed`` is
        noted."""
        stages = restoration_models(self._entries)
        for combo, remembered in (
            (self.before_combo, self._settings.clean_before),
            (self.after_combo, self._settings.clean_after),
        ):
            chosen = combo.currentData() if combo.count() else remembered
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(translate(NONE), "")
            for entry in stages:
                label = self._model_label(entry)
                combo.addItem(label, entry.key)
                tip = f"{label}\n{entry.path}"
                combo.setItemData(combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
            self._select_data(combo, chosen)
            combo.setEnabled(bool(stages))
            combo.blockSignals(False)
            self._note_if_gone(combo, chosen, listed)

    def _note_if_gone(self, combo: QComboBox, chosen: str | None, listed: set[str]) -> None:
        """Note the choice ``chosen`` in ``combo`` (the one shown, or the stored one the first
        time, so a model gone while the app was closed is noted too) as replaced if its model
        is no longer ``listed``; no choice ("": the default, or no clean-up) never is."""
        if chosen and chosen not in listed:
            self._replaced.append(Replaced(combo, chosen, combo.currentData()))

    def _still_replaced(self) -> list[Replaced]:
        """The replaced choices still standing: not changed since, their model not back."""
        listed = {e.key for e in self._entries}
        return [
            r for r in self._replaced if r.combo.currentData() == r.key and r.gone not in listed
        ]

    def _replaced_text(self, replaced: Replaced, removed: CatalogEntry | None = None) -> str:
        """Which model went and why, and what is chosen in its place; where it is ``removed``,
        the model the person is removing, it is told as removed, by the name they know it by."""
        if removed is not None and removed.key == replaced.gone:
            texts, name = self._removed_texts(), removed.display_name
        else:
            texts, name = self._gone_texts(), name_below(Path(replaced.gone), user_models_dir())
        before, after, no_model, other = texts
        if replaced.combo is self.before_combo:
            text = before
        elif replaced.combo is self.after_combo:
            text = after
        elif replaced.key is None:
            text = no_model
        else:
            text = other
        return text.format(name=name, other=self.model_combo.currentText())

    def _gone_texts(self) -> tuple[str, str, str, str]:
        """A model gone from the folder: chosen before enlarging, after, as the model with no
        other left, and with {other} chosen in its place."""
        return (
            self.tr(
                "{name} is no longer in your models folder, so nothing is cleaned up before "
                "enlarging."
            ),
            self.tr(
                "{name} is no longer in your models folder, so nothing is cleaned up after "
                "enlarging."
            ),
            self.tr("{name} is no longer in your models folder."),
            self.tr(
                "{name} is no longer in your models folder, so {other} is chosen in its place."
            ),
        )

    def _removed_texts(self) -> tuple[str, str, str, str]:
        """A model the person removed, as ``_gone_texts``."""
        return (
            self.tr("Removed {name}; nothing is cleaned up before enlarging."),
            self.tr("Removed {name}; nothing is cleaned up after enlarging."),
            self.tr("Removed {name}; no model is left."),
            self.tr("Removed {name}; {other} is chosen."),
        )

    def _model_label(self, entry: CatalogEntry) -> str:
        """Built-in: its name; community: "4x-UltraSharp (ESRGAN 4x)" (its file name, its
        architecture and scale), and the file below the models folder where another model
        listed has its name ("ESRGAN/4x-UltraSharp.pth"); our own user models: the name and
        that file."""
        label = entry.display_name
        if entry.pending:
            label = self.tr("{name} (reading…)").format(name=label)
        if entry.origin is Origin.BUILT_IN:
            return label
        folder = user_models_dir()
        users = [e.path for e in self._entries if e.origin.is_users]
        own = not entry.community
        file = name_below(entry.path, folder) if own else told_apart(entry.path, folder, users)
        return label if file is None else f"{label}  ({file})"

    def select_model(self, key: str) -> None:
        """Choose the model listed under ``key`` (a built-in name or a user model's path)."""
        index = self.model_combo.findData(key)
        if index >= 0:
            self.model_combo.setCurrentIndex(index)

    def entries(self) -> list[CatalogEntry]:
        return list(self._entries)

    def model_key(self) -> str | None:
        return self.model_combo.currentData() if self._entries else None

    def current_entry(self) -> CatalogEntry | None:
        key = self.model_key()
        return next((e for e in self._entries if e.key == key), None)

    def has_model(self) -> bool:
        return self.current_entry() is not None

    def offered_strengths(self) -> tuple[str, ...]:
        """The strengths the chosen model offers (``blend.REPAIR``, ``blend.DETAIL``)."""
        return blend_axes(self.current_entry(), self._entries)

    def film_counterpart(self) -> CatalogEntry | None:
        """The built-in 2x model that does what the chosen built-in 4x one does (Restore 2x
        for Restore 4x), when it is listed and the output size is the model's own: what a film
        that would be larger than 4K is offered (``beyond_4k_counterpart``)."""
        entry = self.current_entry()
        if entry is None:
            return None
        scale_out = self.size_field.scale()
        key = beyond_4k_counterpart(entry.key, entry.origin, entry.scale, scale_out)
        if key is None:
            return None
        return next(
            (e for e in self._entries if e.key == key and e.origin is Origin.BUILT_IN), None
        )

    def choose_keeping_repair(self, entry: CatalogEntry) -> None:
        """Choose ``entry`` in place of the chosen model, with the repair strength as it was
        (choosing a model otherwise puts the strengths at its own)."""
        repair = self.repair_strength.value()
        self.select_model(entry.key)
        if REPAIR in self.offered_strengths():
            self.repair_strength.set_value(repair)
            self._on_changed()

    def open_models_folder(self) -> None:
        folder = user_models_dir()
        folder.mkdir(parents=True, exist_ok=True)
        show_folder(folder)

    # -- reading the choices --------------------------------------------------------------

    def restore_settings(self) -> RestoreSettings | None:
        """How to restore now, or None when no model is available."""
        entry = self.current_entry()
        if entry is None:
            return None
        axes = self.offered_strengths()
        request = ModelRequest.choose(
            entry.key,
            repair=self.repair_strength.value() if REPAIR in axes else None,
            detail=self.detail_strength.value() if DETAIL in axes else None,
            before=_chosen_stage(self.before_combo),
            after=_chosen_stage(self.after_combo),
        )
        options = RestoreOptions(
            scale_out=self.size_field.scale(),
            size=self.size_field.size(),
            tile=self.tile_spin.value(),
            ensemble=self.ensemble_check.isChecked(),
            fix_fading=self.fading_check.isChecked(),
            find_spots=self.spots_check.isChecked(),
            grain=self.grain_strength.value(),
        )
        return RestoreSettings(
            request,
            self.device(),
            options,
            film_cleanup=FilmCleanup(
                remove_dust=self._value("film_dust"),
                steady_flicker=self._value("film_flicker"),
                calm_grain=self._value("film_grain"),
                steady_picture=self._value("film_weave"),
                smooth_repeats=self._value("film_repeats"),
            ),
            film_codec=self.film_codec(),
            film_crf=self._film_crf(self.film_quality()),
            names=self.result_names(),
            output_format=self.output_format(),
            cluster=self.cluster_address(),
            sequence=self.sequence_options(),
        )

    def device(self) -> str:
        return self._value("device")

    def cluster_address(self) -> str | None:
        """The Ray cluster films (and photos, on a remote one) are restored on, or None for
        this computer."""
        on = ray_installed() and self._value("film_cluster")
        return self._value("cluster_address") if on else None

    def output_folder(self) -> Path:
        return Path(self._value("output_dir"))

    def output_format(self) -> str | None:
        return self._value("output_format") or None

    def result_names(self) -> str:
        """How result files are named (``engine.recipe``'s pattern; a good one)."""
        return self._value("result_names")

    def auto_save(self) -> bool:
        """Whether each photo is saved into the output folder as soon as it is restored."""
        return self._value("auto_save")

    def film_codec(self) -> str:
        return self._value("film_codec")

    def film_quality(self) -> str:
        return self._value("film_quality")

    def _film_crf(self, quality: str) -> int | None:
        """The CRF of ``quality`` for the Films as choice; None where it has none (ProRes and
        FFV1 have one quality, and frames written as pictures lose nothing)."""
        codec = self.film_codec()
        return None if writes_frames(codec) else quality_crf(codec, quality)

    def sequence_options(self) -> SequenceOptions:
        """How frame sequences are read as films: at the rate chosen (a good one: the box
        takes no other), or each at its frames' own (None), their gaps let through or not."""
        chosen = self._value("sequence_rate")
        rate = None if chosen == RATE_OF_THE_FRAMES else parse_rate(chosen)
        return SequenceOptions(rate, self._value("sequence_gaps"))

    def language(self) -> str:
        return self._value("language")

    def look(self) -> str:
        """The theme chosen: ``theme.FOLLOW_SYSTEM``, ``theme.DARK_LOOK`` or
        ``theme.LIGHT_LOOK``."""
        return self._value("theme")

    def _value(self, setting: str) -> Any:
        """The value shown for ``setting``, as it is stored."""
        return BY_SETTING[setting].value(self._widgets[setting])

    # -- storing --------------------------------------------------------------------------

    def _load(self) -> None:
        s = self._settings
        self.detail_strength.set_value(s.detail)
        self.grain_strength.set_value(s.grain)
        position = blend_position(self.model_key() or "")
        # settings from before the repair strength keep their model's own
        stored = 0.0 <= s.repair <= 1.0
        self.repair_strength.set_value(
            s.repair if stored else position.repair if position is not None else 1.0
        )
        for field in FIELDS:
            field.set_value(self._widgets[field.setting], getattr(s, field.setting))

    def _store(self) -> None:
        s = self._settings
        key = self.model_key()
        if key is not None:
            s.model = key
        s.detail = self.detail_strength.value()
        s.repair = self.repair_strength.value()
        s.grain = self.grain_strength.value()
        for field in FIELDS:
            setattr(s, field.setting, self._value(field.setting))
        self.size_field.store()

    @staticmethod
    def _select_data(combo: QComboBox, data: str) -> None:
        index = combo.findData(data)
        combo.setCurrentIndex(max(index, 0))

    # -- reacting -------------------------------------------------------------------------

    def _on_model_chosen(self) -> None:
        entry = self.current_entry()
        position = blend_position(entry.key) if entry is not None else None
        if position is not None and self.offered_strengths():
            self.repair_strength.set_value(position.repair)
            self.detail_strength.set_value(position.detail)
        self._update_note()
        self._update_model_scale()
        self._on_changed()

    def _update_model_scale(self) -> None:
        entry = self.current_entry()
        self.size_field.set_model_scale(entry.scale if entry is not None else 0)

    def _on_changed(self) -> None:
        self._forget_replaced()
        self._update_strengths()
        self._store()
        self.changed.emit()

    def _on_codec_chosen(self) -> None:
        self._update_quality()
        self._on_changed()

    def _on_cluster_changed(self) -> None:
        self._update_cluster()
        self._on_changed()

    def _update_cluster(self) -> None:
        """Restoring runs on a cluster only with Ray installed; its address is used, and
        checked, while it does."""
        if ray_installed():
            self.address_field.use(self.cluster_check.isChecked())
        else:
            self.cluster_check.setEnabled(False)
            self.address_field.ray_missing()

    def shutdown(self) -> None:
        """Stop the background work of the panel (a check of the cluster's address, the
        devices' probe)."""
        self.address_field.shutdown()
        if self._probe is not None and self._probe.is_running():
            self._probe.wait()

    def _update_quality(self) -> None:
        """The quality choice applies to codecs with a CRF; ProRes and FFV1 have a fixed one,
        and frames written as pictures none."""
        adjustable = self._film_crf(DEFAULT_QUALITY) is not None
        self.quality_combo.setEnabled(adjustable)
        if adjustable:
            tip = self.tr(
                "How much detail H.264 and H.265 keep: Best keeps the most grain and fine "
                "texture in files about twice as large; Smaller files soften the finest grain."
            )
        elif writes_frames(self.film_codec()):
            tip = self.tr(
                "DPX, TIFF and PNG frames keep every level of the restored frames: there is no "
                "quality to choose."
            )
        else:
            tip = self.tr("ProRes and FFV1 always keep their one quality (FFV1 loses nothing).")
        self.quality_combo.setToolTip(tip)

    def _on_language_chosen(self) -> None:
        self._store()
        self._tell_changes()
        self.language_changed.emit(self.language())

    def _on_theme_chosen(self) -> None:
        self._store()
        self._tell_changes()
        self._show_chosen_look()

    def _tell_changes(self) -> None:
        """Tell in each closed section's title what in it is not as by default: a grain,
        a tile size or a device left there would change every result unseen."""
        for key, section in self.sections.items():
            section.set_changes(self._changes(key))

    def _changes(self, key: str) -> list[Change]:
        """The settings of the section ``key`` that are not their defaults, in its order."""
        changes = [self._grain_change()] if key == "extra" else []
        changes += [
            field.change(self._widgets[field.setting])
            for field in FIELDS
            if field.place == SECTION_FORMS[key]
        ]
        return [change for change in changes if change is not None]

    def _grain_change(self) -> Change | None:
        """The grain, while some is added (``AppSettings.grain``'s default adds none)."""
        grain = self.grain_strength
        if grain.value() == AppSettings.grain.default:
            return None
        value = grain.value_label.text()
        brief = self.tr("grain {value}").format(value=value)
        return Change(brief, setting_line(grain.caption.text(), value))

    def _show_chosen_look(self) -> None:
        """Show the theme chosen across the app, unless it shows already: the stored one as
        the panel is made (the app starts following the system), a new one as it is chosen."""
        app = QApplication.instance()
        if theme.chosen_look(app) != self.look():
            theme.choose_look(app, self.look())

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Save restored photos in"), self.folder_edit.path()
        )
        if folder:
            self.set_output_folder(folder)

    def set_output_folder(self, folder: str) -> None:
        self.folder_edit.set_path(folder)
        self._on_changed()

    def _update_strengths(self) -> None:
        axes = self.offered_strengths()
        self.repair_strength.set_available(REPAIR in axes)
        self.detail_strength.set_available(DETAIL in axes)

    def _update_note(self) -> None:
        entry = self.current_entry()
        if entry is None:
            text = self.tr(
                "No models are installed. Import one from the Models menu, or put model files "
                "in {folder}"
            ).format(folder=user_models_dir())
            self.model_note.setStyleSheet(f"color: {theme.status_color('failure').name()}")
        else:
            text = model_description(entry)
            self.model_note.setStyleSheet("")
        self.model_note.setText(text)

    def _forget_replaced(self) -> None:
        """Drop the notes of replaced choices the person has changed since."""
        still = self._still_replaced()
        if still != self._replaced:
            self._replaced = still
            self._update_problem()

    def _update_problem(self) -> None:
        """Name each built-in model that cannot be used, and why, and each choice replaced as
        its model left the folder: otherwise either only shows as another model chosen."""
        lines = [
            self.tr(
                "The built-in model {name} cannot be used; reinstalling Rekindle should repair "
                "it. {reason}"
            ).format(name=entry.key, reason=engine_words(entry.error))
            for entry in self._damaged
        ]
        lines += [self._replaced_text(replaced) for replaced in self._replaced]
        self.model_problem.setText("\n".join(lines))
        self.model_problem.setStyleSheet(f"color: {theme.status_color('failure').name()}")
        self.model_problem.setVisible(bool(lines))

    # -- language -------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
            QTimer.singleShot(0, self, self._relayout)  # dropped if the panel goes first
        elif event.type() == QEvent.Type.PaletteChange:
            self._set_icons()
            self._update_note()  # their colours, set in style sheets, are the theme's
            self._update_problem()
        super().changeEvent(event)

    def _relayout(self) -> None:
        """Take the height the new language's texts need: the scroll area around the panel
        keeps the old one, squeezing the fields, until it is resized itself."""
        self.adjustSize()

    def _group_labels(self) -> list[FormLabel]:
        """The labels beside their fields in the forms below the model's group (Output to
        Interface), each a form of its own."""
        return [
            self._labels[field.setting]
            for field in FIELDS
            if field.label is not None and field.place not in (STAGES, MODEL)
        ]

    def _set_icons(self) -> None:
        self.models_folder_button.setIcon(theme.icon("mdi6.folder-cog-outline", self.palette()))
        for setting, button in self._buttons.items():
            button.setIcon(theme.icon(BY_SETTING[setting].button, self.palette()))

    def _retranslate(self) -> None:
        self.model_group.setTitle(self.tr("Model"))
        self.output_group.setTitle(self.tr("Output"))
        self.extra_section.set_title(self.tr("Grain and clean-up models"))
        self.films_section.set_title(self.tr("Films"))
        self.advanced_section.set_title(self.tr("Advanced"))
        self.interface_section.set_title(self.tr("Interface"))
        _name_icon_button(self.models_folder_button, self.tr("Open the folder for your own models"))
        self.repair_strength.set_texts(
            self.tr("Repair strength"),
            self.tr("Enlarge only"),
            self.tr("Strongest"),
            self.tr(
                "How strongly grain, print texture and compression are smoothed: lower it where "
                "a restored face looks smoothed or painted, and some of the grain comes back; at "
                "the left end the picture is only enlarged. The Restore models start at 75%: "
                "Strongest calms the most grain but can paint faces flat and break thin lines. "
                "Dust and scratches stay: for those, use Remove dust and specks or Mark Spots."
            ),
            self.tr(
                "Repair strength applies to the built-in Restore 4x, Restore 2x, Faithful 4x "
                "and Faithful 2x models and their Detail partners."
            ),
        )
        self.detail_strength.set_texts(
            self.tr("Detail strength"),
            self.tr("Nothing added"),
            self.tr("Detailed"),
            self.tr(
                "How much crisp texture is drawn in: fine hair, fabric, foliage and sharper "
                "edges that enlarging alone leaves soft. Further right looks sharper but can "
                "invent detail that was never there; at the left end no invented texture is "
                "drawn in."
            ),
            self.tr(
                "Detail strength applies to the built-in Restore 4x and Faithful 4x models and "
                "their Detail partners."
            ),
        )
        self.grain_strength.set_texts(
            self.tr("Grain"),
            self.tr("None"),
            self.tr("Film-like"),
            self.tr(
                "Fine grain added to the restored picture, in brightness only and strongest in "
                "the midtones, so smooth skin and skies do not look plastic; each film frame "
                "gets its own. At the left end none is added."
            ),
            "",
        )
        align([self.repair_strength, self.detail_strength, self.grain_strength])
        for field in FIELDS:
            field.retranslate(self._widgets[field.setting])
            if field.label is not None:
                self._labels[field.setting].setText(translate(field.label))
            if field.button_tip is not None:
                _name_icon_button(self._buttons[field.setting], translate(field.button_tip))
        self.size_label.setText(self.tr("Output size"))
        for label in (*self._labels.values(), self.size_label):
            _name_by_label(label)
        _same_width([self.size_label, *self._group_labels()])
        self._name_automatic()
        self._update_device_tips()
        self._update_quality()
        self._update_strengths()
        self._update_note()
        self._update_problem()
        self._tell_changes()


@dataclass(frozen=True)
class Replaced:
    """A choice in ``combo`` whose model, ``gone`` (its key), left the models folder, and the
    key chosen in its place ("" for no clean-up, None for no model at all)."""

    combo: QComboBox
    gone: str
    key: str | None


def _name_icon_button(button: QToolButton, text: str) -> None:
    """Tell what an icon-only button does: in its tooltip, and to a screen reader (which
    reads no icon, nor the tooltip, as its name)."""
    button.setToolTip(text)
    button.setAccessibleName(text)


class FormLabel(QLabel):
    """A field's label in a form, as wide as ``least`` at least (``_same_width``). Not by its
    minimum width: QLabel measures its text at least that wide and keeps the measure, so a
    label whose text stayed the same in another language would keep the old width."""

    least = 0

    def sizeHint(self) -> QSize:  # noqa: N802
        return super().sizeHint().expandedTo(QSize(self.least, 0))

    def text_width(self) -> int:
        """The width its text needs."""
        return super().sizeHint().width()


def _same_width(labels: list[FormLabel]) -> None:
    """Make ``labels`` as wide as the widest, so that the fields beside them, in forms of
    their own, start one under another (call again when their texts change)."""
    width = max(label.text_width() for label in labels)
    for label in labels:
        label.least = width
        label.updateGeometry()


def _name_by_label(label: QLabel) -> None:
    """Name the label's buddy by the label's text, for a screen reader. Qt names a buddy by
    its label only where the two are siblings, not a buddy inside a field of several widgets
    (the output size's choice, a typed field's line)."""
    label.buddy().setAccessibleName(label.text())


def _before_probing(saved: str) -> list[DeviceStatus]:
    """The devices listed until the probe answers: the CPU, which every computer has, and
    the saved choice, taken to be usable until the probe says otherwise."""
    statuses = [DeviceStatus("cpu", True)]
    if saved in DEVICE_NAMES and saved not in ("auto", "cpu"):
        statuses.append(DeviceStatus(saved, True))
    return statuses


def _automatic_kind(statuses: Iterable[DeviceStatus]) -> str:
    """The kind ``pick_device("auto")`` picks among ``statuses``: a CUDA GPU, else Apple's
    MPS, else the CPU."""
    usable = {status.name for status in statuses if status.available}
    return next((kind for kind in ("cuda", "mps") if kind in usable), "cpu")


def _chosen_stage(combo: QComboBox) -> tuple[str, ...]:
    """The key of the 1x model chosen in a clean-up choice, or nothing for None."""
    key = combo.currentData()
    return (key,) if key else ()
