"""The settings panel: model, detail strength, 1x models to clean up before and after enlarging,
output scale, device, tile size, where and how to save, and the language. Every change is stored
at once."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app import i18n, theme
from app.catalog import (
    BUILT_IN,
    ModelEntry,
    ModelRequest,
    available_models,
    default_model_key,
    detail_end,
    restoration_models,
    supports_detail,
)
from app.restore_runner import RestoreSettings
from app.settings import AppSettings
from engine.devices import device_statuses, pick_device
from engine.errors import RekindleError
from engine.imageio import FORMAT_EXTENSIONS
from engine.paths import user_models_dir
from engine.restorer import RestoreOptions
from engine.video import (
    DEFAULT_CODEC,
    DEFAULT_QUALITY,
    FILM_QUALITIES,
    available_codecs,
    quality_crf,
)

DETAIL_STEPS = 100
SCALES = (0, 1, 2, 4)  # 0 = the model's own
TILE_STEP = 32
MAX_TILE = 4096
DEVICE_NAMES = {"auto": "", "cpu": "CPU", "cuda": "CUDA (NVIDIA)", "mps": "MPS (Apple)"}
FORMAT_NAMES = {"png": "PNG", "jpg": "JPEG", "tif": "TIFF", "webp": "WebP", "bmp": "BMP"}
LANGUAGES = (i18n.SYSTEM, i18n.ENGLISH, i18n.CHINESE)
PATH_FIELD_PADDING = 8
REASON_ROLE = Qt.ItemDataRole.UserRole + 1
"""Where a device item keeps why it is unavailable."""


class PathField(QLineEdit):
    """A read-only field showing a folder path, shortened in the middle to fit its width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self._path = ""

    def path(self) -> str:
        return self._path

    def set_path(self, path: str) -> None:
        self._path = path
        self.setToolTip(path)
        self._elide()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        room = (
            self.contentsRect().width()
            - 2 * self.style().pixelMetric(self.style().PixelMetric.PM_DefaultFrameWidth)
            - PATH_FIELD_PADDING
        )
        text = self.fontMetrics().elidedText(self._path, Qt.TextElideMode.ElideMiddle, room)
        self.setText(text)
        self.setCursorPosition(0)


class SettingsPanel(QWidget):
    """The choices that shape the next restoration and the next save."""

    changed = Signal()
    language_changed = Signal(str)  # "" (the system's), "en" or "zh_CN"

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._entries: list[ModelEntry] = []
        self._scale_forced = False  # the chosen output scale is hidden by a 1x model
        self._build()
        self.reload_models()
        self._load()
        self._limit_scales()
        self._connect()
        self._retranslate()
        self._update_detail()

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.model_combo = QComboBox()
        self.model_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.model_combo.setMinimumContentsLength(12)
        self.models_folder_button = QToolButton()
        self.model_note = QLabel()
        self.model_note.setWordWrap(True)
        self.model_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_slider = QSlider(Qt.Orientation.Horizontal)
        self.detail_slider.setRange(0, DETAIL_STEPS)
        self.detail_slider.setPageStep(DETAIL_STEPS // 10)
        self.detail_value = QLabel()
        self.detail_value.setMinimumWidth(self.detail_value.fontMetrics().horizontalAdvance("100%"))
        self.faithful_label = QLabel()
        self.detailed_label = QLabel()
        self.before_combo, self.after_combo = QComboBox(), QComboBox()
        for combo in (self.before_combo, self.after_combo):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(12)
        self.scale_combo = QComboBox()
        for _ in SCALES:
            self.scale_combo.addItem("")
        self.device_combo = QComboBox()
        self.device_combo.setModel(QStandardItemModel(self.device_combo))
        self._fill_devices()
        self.tile_spin = QSpinBox()
        self.tile_spin.setRange(0, MAX_TILE)
        self.tile_spin.setSingleStep(TILE_STEP)
        self.ensemble_check = QCheckBox()
        self.fading_check = QCheckBox()
        self.folder_edit = PathField()
        self.auto_save_check = QCheckBox()
        self.folder_button = QToolButton()
        self._set_icons()
        self.format_combo = QComboBox()
        self.format_combo.addItem("", "")
        for key, name in FORMAT_NAMES.items():
            self.format_combo.addItem(name, key)
        self.codec_combo = QComboBox()
        for codec in available_codecs():
            self.codec_combo.addItem("", codec)
        self.quality_combo = QComboBox()
        for quality in FILM_QUALITIES:
            self.quality_combo.addItem("", quality)
        self.language_combo = QComboBox()
        self.language_combo.addItem("", i18n.SYSTEM)
        for code in LANGUAGES[1:]:
            self.language_combo.addItem(i18n.LANGUAGE_NAMES[code], code)

        self.model_group = QGroupBox()
        model_row = QHBoxLayout()
        model_row.addWidget(self.model_combo, 1)
        model_row.addWidget(self.models_folder_button)
        detail_row = QHBoxLayout()
        detail_row.addWidget(self.faithful_label)
        detail_row.addWidget(self.detail_slider, 1)
        detail_row.addWidget(self.detailed_label)
        detail_row.addWidget(self.detail_value)
        model_layout = QVBoxLayout(self.model_group)
        model_layout.addLayout(model_row)
        model_layout.addWidget(self.model_note)
        self.detail_caption = QLabel()
        model_layout.addWidget(self.detail_caption)
        model_layout.addLayout(detail_row)
        stages = QFormLayout()
        stages.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # labels above: long
        self.before_label, self.after_label = QLabel(), QLabel()
        stages.addRow(self.before_label, self.before_combo)
        stages.addRow(self.after_label, self.after_combo)
        model_layout.addLayout(stages)
        model_layout.addWidget(self.fading_check)

        self.processing_group = QGroupBox()
        processing = QFormLayout(self.processing_group)
        self.scale_label, self.device_label, self.tile_label = QLabel(), QLabel(), QLabel()
        processing.addRow(self.scale_label, self.scale_combo)
        processing.addRow(self.device_label, self.device_combo)
        processing.addRow(self.tile_label, self.tile_spin)
        processing.addRow(self.ensemble_check)

        self.saving_group = QGroupBox()
        saving = QFormLayout(self.saving_group)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.folder_button)
        self.folder_label, self.format_label = QLabel(), QLabel()
        saving.addRow(self.folder_label, folder_row)
        saving.addRow(self.format_label, self.format_combo)
        saving.addRow(self.auto_save_check)
        self.codec_label = QLabel()
        saving.addRow(self.codec_label, self.codec_combo)
        self.quality_label = QLabel()
        saving.addRow(self.quality_label, self.quality_combo)

        self.interface_group = QGroupBox()
        interface = QFormLayout(self.interface_group)
        self.language_label = QLabel()
        interface.addRow(self.language_label, self.language_combo)

        for form in (stages, processing, saving, interface):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout = QVBoxLayout(self)
        for group in (
            self.model_group,
            self.processing_group,
            self.saving_group,
            self.interface_group,
        ):
            layout.addWidget(group)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def _fill_devices(self) -> None:
        model: QStandardItemModel = self.device_combo.model()
        model.clear()
        auto = QStandardItem()
        auto.setData("auto", Qt.ItemDataRole.UserRole)
        model.appendRow(auto)
        for status in device_statuses():
            item = QStandardItem(DEVICE_NAMES.get(status.name, status.name))
            item.setData(status.name, Qt.ItemDataRole.UserRole)
            item.setData(status.reason, REASON_ROLE)
            item.setEnabled(status.available)
            model.appendRow(item)

    def _update_device_tips(self) -> None:
        model: QStandardItemModel = self.device_combo.model()
        for row in range(model.rowCount()):
            item = model.item(row)
            reason = item.data(REASON_ROLE)
            if reason:
                item.setToolTip(self.tr("Not available: {reason}").format(reason=reason))

    def _connect(self) -> None:
        self.model_combo.currentIndexChanged.connect(self._on_model_chosen)
        self.detail_slider.valueChanged.connect(self._on_changed)
        self.before_combo.currentIndexChanged.connect(self._on_changed)
        self.after_combo.currentIndexChanged.connect(self._on_changed)
        self.scale_combo.currentIndexChanged.connect(self._on_scale_chosen)
        self.device_combo.currentIndexChanged.connect(self._on_changed)
        self.tile_spin.valueChanged.connect(self._on_changed)
        self.ensemble_check.toggled.connect(self._on_changed)
        self.fading_check.toggled.connect(self._on_changed)
        self.format_combo.currentIndexChanged.connect(self._on_changed)
        self.auto_save_check.toggled.connect(self._on_changed)
        self.codec_combo.currentIndexChanged.connect(self._on_codec_chosen)
        self.quality_combo.currentIndexChanged.connect(self._on_changed)
        self.language_combo.currentIndexChanged.connect(self._on_language_chosen)
        self.folder_button.clicked.connect(self._choose_folder)
        self.models_folder_button.clicked.connect(self.open_models_folder)

    # -- models ---------------------------------------------------------------------------

    def reload_models(self) -> None:
        """List the model files again (keeps the choice when it is still there)."""
        entries = available_models()
        if entries == self._entries and self.model_combo.count() == len(entries):
            return  # nothing changed: leave the combo (and an open popup) alone
        chosen = self.model_key() or self._settings.model
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
        self._fill_stages()
        self._update_detail()
        self._update_note()
        self._update_scale_names()
        self._limit_scales()
        self.changed.emit()

    def _fill_stages(self) -> None:
        """List the 1x models in both clean-up choices, keeping each choice while its model is
        listed (the remembered one the first time)."""
        stages = restoration_models(self._entries)
        for combo, remembered in (
            (self.before_combo, self._settings.clean_before),
            (self.after_combo, self._settings.clean_after),
        ):
            chosen = combo.currentData() if combo.count() else remembered
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("None"), "")
            for entry in stages:
                label = self._model_label(entry)
                combo.addItem(label, entry.key)
                tip = f"{label}\n{entry.path}"
                combo.setItemData(combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
            self._select_data(combo, chosen)
            combo.setEnabled(bool(stages))
            combo.blockSignals(False)

    def _model_label(self, entry: ModelEntry) -> str:
        """Built-in: its name; community: "4x-UltraSharp (ESRGAN 4x)" (its file name, its
        architecture and scale); our own user models: the name and the file it is in."""
        if entry.pending:
            return self.tr("{name} (reading…)").format(name=entry.display_name)
        if entry.source == BUILT_IN or entry.community:
            return entry.display_name
        return f"{entry.display_name}  ({entry.path.name})"

    def select_model(self, key: str) -> None:
        """Choose the model listed under ``key`` (a built-in name or a user model's path)."""
        index = self.model_combo.findData(key)
        if index >= 0:
            self.model_combo.setCurrentIndex(index)

    def entries(self) -> list[ModelEntry]:
        return list(self._entries)

    def model_key(self) -> str | None:
        return self.model_combo.currentData() if self._entries else None

    def current_entry(self) -> ModelEntry | None:
        key = self.model_key()
        return next((e for e in self._entries if e.key == key), None)

    def has_model(self) -> bool:
        return self.current_entry() is not None

    def detail_enabled(self) -> bool:
        return supports_detail(self.current_entry(), self._entries)

    def open_models_folder(self) -> None:
        folder = user_models_dir()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    # -- reading the choices --------------------------------------------------------------

    def detail(self) -> float:
        return self.detail_slider.value() / DETAIL_STEPS

    def restore_settings(self) -> RestoreSettings | None:
        """How to restore now, or None when no model is available."""
        entry = self.current_entry()
        if entry is None:
            return None
        request = ModelRequest.choose(
            entry.key,
            self.detail(),
            self.detail_enabled(),
            before=_chosen_stage(self.before_combo),
            after=_chosen_stage(self.after_combo),
        )
        scale = SCALES[self.scale_combo.currentIndex()] or None
        options = RestoreOptions(
            scale_out=scale,
            tile=self.tile_spin.value(),
            ensemble=self.ensemble_check.isChecked(),
            fix_fading=self.fading_check.isChecked(),
        )
        return RestoreSettings(
            request,
            self.device(),
            options,
            film_codec=self.film_codec(),
            film_crf=quality_crf(self.film_codec(), self.film_quality()),
        )

    def device(self) -> str:
        return self.device_combo.currentData() or "auto"

    def output_folder(self) -> Path:
        return Path(self.folder_edit.path())

    def output_format(self) -> str | None:
        return self.format_combo.currentData() or None

    def auto_save(self) -> bool:
        """Whether each photo is saved into the output folder as soon as it is restored."""
        return self.auto_save_check.isChecked()

    def film_codec(self) -> str:
        return self.codec_combo.currentData() or DEFAULT_CODEC

    def film_quality(self) -> str:
        return self.quality_combo.currentData() or DEFAULT_QUALITY

    def language(self) -> str:
        return self.language_combo.currentData()

    # -- storing --------------------------------------------------------------------------

    def _load(self) -> None:
        s = self._settings
        self.detail_slider.setValue(round(min(max(s.detail, 0.0), 1.0) * DETAIL_STEPS))
        self.scale_combo.setCurrentIndex(SCALES.index(s.scale_out) if s.scale_out in SCALES else 0)
        self._select_data(self.device_combo, s.device if self._device_usable(s.device) else "auto")
        self.tile_spin.setValue(s.tile)
        self.ensemble_check.setChecked(s.ensemble)
        self.fading_check.setChecked(s.fix_fading)
        self.folder_edit.set_path(s.output_folder())
        self.auto_save_check.setChecked(s.auto_save)
        self._select_data(
            self.format_combo, s.output_format if s.output_format in FORMAT_EXTENSIONS else ""
        )
        self._select_data(self.codec_combo, s.film_codec)
        quality = s.film_quality if s.film_quality in FILM_QUALITIES else DEFAULT_QUALITY
        self._select_data(self.quality_combo, quality)
        self._select_data(self.language_combo, s.language if s.language in LANGUAGES else "")

    def _store(self) -> None:
        s = self._settings
        key = self.model_key()
        if key is not None:
            s.model = key
        s.detail = self.detail()
        s.clean_before = self.before_combo.currentData() or ""
        s.clean_after = self.after_combo.currentData() or ""
        if not self._scale_forced:
            s.scale_out = SCALES[self.scale_combo.currentIndex()]
        s.device = self.device()
        s.tile = self.tile_spin.value()
        s.ensemble = self.ensemble_check.isChecked()
        s.fix_fading = self.fading_check.isChecked()
        s.output_dir = self.folder_edit.path()
        s.output_format = self.format_combo.currentData()
        s.auto_save = self.auto_save()
        s.film_codec = self.film_codec()
        s.film_quality = self.film_quality()
        s.language = self.language()

    @staticmethod
    def _select_data(combo: QComboBox, data: str) -> None:
        index = combo.findData(data)
        combo.setCurrentIndex(max(index, 0))

    def _device_usable(self, name: str) -> bool:
        model: QStandardItemModel = self.device_combo.model()
        index = self.device_combo.findData(name)
        return index >= 0 and model.item(index).isEnabled()

    # -- reacting -------------------------------------------------------------------------

    def _on_model_chosen(self) -> None:
        entry = self.current_entry()
        end = detail_end(entry.key) if entry is not None else None
        if end is not None and self.detail_enabled():
            self.detail_slider.blockSignals(True)
            self.detail_slider.setValue(round(end * DETAIL_STEPS))
            self.detail_slider.blockSignals(False)
        self._update_note()
        self._update_scale_names()
        self._limit_scales()
        self._on_changed()

    def _limit_scales(self) -> None:
        """A model that restores without enlarging (scale 1) only offers an output scale of 1.

        The person's own choice of scale is kept in the settings, and comes back with a model
        that enlarges."""
        entry = self.current_entry()
        one_only = entry is not None and entry.scale == 1
        model: QStandardItemModel = self.scale_combo.model()
        for index, scale in enumerate(SCALES):
            model.item(index).setEnabled(not one_only or scale in (0, 1))
        current = SCALES[self.scale_combo.currentIndex()]
        self.scale_combo.blockSignals(True)
        if one_only and current not in (0, 1):
            self.scale_combo.setCurrentIndex(0)
            self._scale_forced = True
        elif not one_only and self._scale_forced:
            wanted = self._settings.scale_out
            self.scale_combo.setCurrentIndex(SCALES.index(wanted) if wanted in SCALES else 0)
            self._scale_forced = False
        self.scale_combo.blockSignals(False)

    def _on_changed(self) -> None:
        self._update_detail()
        self._store()
        self.changed.emit()

    def _on_codec_chosen(self) -> None:
        self._update_quality()
        self._on_changed()

    def _update_quality(self) -> None:
        """The quality choice applies to codecs with a CRF; ProRes and FFV1 have a fixed one."""
        adjustable = quality_crf(self.film_codec(), DEFAULT_QUALITY) is not None
        self.quality_combo.setEnabled(adjustable)
        if adjustable:
            tip = self.tr(
                "How much detail H.264 and H.265 keep: Best keeps the most grain and fine "
                "texture in files about twice as large; Smaller files soften the finest grain."
            )
        else:
            tip = self.tr("ProRes and FFV1 always keep their one quality (FFV1 loses nothing).")
        self.quality_combo.setToolTip(tip)

    def _on_scale_chosen(self) -> None:
        self._scale_forced = False  # chosen by the person, so it is theirs to keep
        self._on_changed()

    def _on_language_chosen(self) -> None:
        self._store()
        self.language_changed.emit(self.language())

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Save restored photos in"), self.folder_edit.path()
        )
        if folder:
            self.set_output_folder(folder)

    def set_output_folder(self, folder: str) -> None:
        self.folder_edit.set_path(folder)
        self._on_changed()

    def _update_detail(self) -> None:
        enabled = self.detail_enabled()
        for widget in (
            self.detail_slider,
            self.faithful_label,
            self.detailed_label,
            self.detail_value,
            self.detail_caption,
        ):
            widget.setEnabled(enabled)
        self.detail_value.setText(f"{self.detail_slider.value()}%" if enabled else "")
        tip = (
            ""
            if enabled
            else self.tr("Only the built-in Faithful ×4 and Detail ×4 models can be blended.")
        )
        self.detail_slider.setToolTip(tip)

    def _update_scale_names(self) -> None:
        entry = self.current_entry()
        if entry is None or entry.pending:
            own = self.tr("The model's own")
        else:
            own = self.tr("The model's own ({scale}×)").format(scale=entry.scale)
        for index, scale in enumerate(SCALES):
            self.scale_combo.setItemText(index, own if scale == 0 else f"{scale}×")

    def _update_note(self) -> None:
        entry = self.current_entry()
        if entry is None:
            text = self.tr(
                "No models are installed. Import one from the Models menu, or put model files "
                "in {folder}"
            ).format(folder=user_models_dir())
            self.model_note.setStyleSheet(f"color: {theme.status_color('failure').name()}")
        else:
            text = self._describe(entry)
            self.model_note.setStyleSheet("")
        self.model_note.setText(text)

    def _builtin_purposes(self) -> dict[str, str]:
        """What each built-in model is for, in plain words (resources/models/MODELS.md)."""
        return {
            "restore-x4": self.tr(
                "Restores and enlarges 4×: takes grain, print texture and JPEG blocks out of "
                "old photos and films"
            ),
            "faithful-x4": self.tr(
                "Enlarges 4× and adds nothing that was not there: for clean scans and archives"
            ),
            "faithful-x2": self.tr("Enlarges 2× and adds nothing: for clean scans and film"),
            "detail-x4": self.tr("Enlarges 4× with sharper edges and texture"),
            "cleanup-x1": self.tr(
                "Gently removes noise, grain, dust and JPEG blocks without enlarging"
            ),
        }

    def _describe(self, entry: ModelEntry) -> str:
        if entry.pending:
            return self.tr("Reading the model…")
        source = self.tr("built-in") if entry.source == BUILT_IN else self.tr("your model")
        purpose = self._builtin_purposes().get(entry.key) if entry.source == BUILT_IN else None
        if purpose is not None:
            return f"{purpose} · {source}"
        if entry.community:
            source = f"{entry.architecture} · {source}"
        if entry.scale == 1:
            return self.tr("Restores without enlarging · {source}").format(source=source)
        return self.tr("Enlarges {scale}× · {source}").format(scale=entry.scale, source=source)

    # -- language -------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self._set_icons()
        super().changeEvent(event)

    def _set_icons(self) -> None:
        self.models_folder_button.setIcon(theme.icon("mdi6.folder-cog-outline", self.palette()))
        self.folder_button.setIcon(theme.icon("mdi6.folder-open-outline", self.palette()))

    def _retranslate(self) -> None:
        self.model_group.setTitle(self.tr("Model"))
        self.processing_group.setTitle(self.tr("Processing"))
        self.saving_group.setTitle(self.tr("Saving"))
        self.interface_group.setTitle(self.tr("Interface"))
        self.models_folder_button.setToolTip(self.tr("Open the folder for your own models"))
        self.detail_caption.setText(self.tr("Detail strength"))
        self.faithful_label.setText(self.tr("Faithful"))
        self.detailed_label.setText(self.tr("Detailed"))
        self.before_label.setText(self.tr("Clean up before enlarging"))
        self.after_label.setText(self.tr("Clean up after enlarging"))
        self.before_combo.setToolTip(
            self.tr(
                "A model that restores without enlarging (1×), such as a denoise or JPEG "
                "clean-up model, run on the photo before it is enlarged. The 1× models in your "
                "models folder are listed here."
            )
        )
        self.after_combo.setToolTip(
            self.tr(
                "A model that restores without enlarging (1×), run on the enlarged photo to "
                "tidy it. The 1× models in your models folder are listed here."
            )
        )
        for combo in (self.before_combo, self.after_combo):
            combo.setItemText(0, self.tr("None"))
        self.scale_label.setText(self.tr("Output scale"))
        self._update_scale_names()
        self.device_label.setText(self.tr("Device"))
        try:
            best = DEVICE_NAMES[pick_device("auto").type]
        except RekindleError:
            best = "CPU"
        self.device_combo.setItemText(0, self.tr("Automatic ({device})").format(device=best))
        self._update_device_tips()
        self.tile_label.setText(self.tr("Tile size"))
        self.tile_spin.setSpecialValueText(self.tr("Automatic"))
        self.tile_spin.setSuffix(self.tr(" px"))
        self.tile_spin.setToolTip(
            self.tr(
                "Photos are restored in square tiles of this side. Smaller tiles use less memory."
            )
        )
        self.ensemble_check.setText(self.tr("Extra care (8 times slower)"))
        self.ensemble_check.setToolTip(
            self.tr(
                "Each tile is restored in all eight orientations and the results are averaged: "
                "slightly finer, steadier detail, for eight times the time."
            )
        )
        self.fading_check.setText(self.tr("Fix faded colours"))
        self.fading_check.setToolTip(
            self.tr(
                "For faded prints and film: greyed blacks and dull whites are set back and part "
                "of a colour cast is taken away before enlarging. A toned black-and-white print "
                "keeps its tone. A film gets one correction for all its frames, measured across "
                "it, so it does not flicker."
            )
        )
        self.folder_label.setText(self.tr("Folder"))
        self.folder_button.setToolTip(self.tr("Choose the folder for restored photos"))
        self.format_label.setText(self.tr("Format"))
        self.format_combo.setItemText(0, self.tr("Same as the original"))
        self.auto_save_check.setText(self.tr("Save each photo as soon as it is restored"))
        self.auto_save_check.setToolTip(
            self.tr(
                "Restored photos go straight into the folder above, so nothing is lost if the "
                "computer stops, and a long batch does not fill the memory. Off: save them "
                "yourself with Save or Save All."
            )
        )
        self.codec_label.setText(self.tr("Films as"))
        codec_names = {
            "h264": self.tr("H.264 (small files, plays everywhere)"),
            "h265": self.tr("H.265 (smaller files)"),
            "prores": self.tr("ProRes 422 HQ (for editing)"),
            "ffv1": self.tr("FFV1 (lossless, for archives)"),
        }
        for index in range(self.codec_combo.count()):
            self.codec_combo.setItemText(index, codec_names[self.codec_combo.itemData(index)])
        self.codec_combo.setToolTip(
            self.tr("How restored films are encoded (sound and subtitles are copied unchanged).")
        )
        self.quality_label.setText(self.tr("Film quality"))
        quality_names = {
            "best": self.tr("Best (larger files)"),
            "high": self.tr("High"),
            "smaller": self.tr("Smaller files"),
        }
        for index in range(self.quality_combo.count()):
            self.quality_combo.setItemText(index, quality_names[self.quality_combo.itemData(index)])
        self._update_quality()
        self.language_label.setText(self.tr("Language"))
        self.language_combo.setItemText(0, self.tr("System default"))
        self._update_detail()
        self._update_note()


def _chosen_stage(combo: QComboBox) -> tuple[str, ...]:
    """The key of the 1x model chosen in a clean-up choice, or nothing for None."""
    key = combo.currentData()
    return (key,) if key else ()
