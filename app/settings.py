"""Typed access to the app's persistent settings (QSettings, organisation and app "Rekindle")."""

from __future__ import annotations

import math
import os
import sys
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

from app import APPLICATION, ORGANIZATION
from app.theme import FOLLOW_SYSTEM, LOOK_KEY
from engine.errors import WriteError
from engine.preflight import check_destination
from engine.recipe import DEFAULT_PATTERN
from engine.video import DEFAULT_CODEC, DEFAULT_QUALITY
from engine.video.sequence import SequenceOptions

OUTPUT_SUBFOLDER = "Rekindle"
STRENGTHS = (0.0, 1.0)
"""The range of a strength on the panel's sliders."""
MAX_TILE = 4096
MAX_LONG_SIDE = 200_000
PRINT_SIDES = (0.1, 1000.0)
"""A print's side, in the unit chosen."""
MAX_DPI = 4800

T = TypeVar("T", str, int, float, bool, bytes)

RATE_OF_THE_FRAMES = "auto"
"""The sequence rate setting that reads each frame sequence at the rate its first frame states
(a DPX scan's header), else 24 (``engine.video.sequence.sequence_rate``)."""


class _Setting(Generic[T]):
    """One typed value stored under ``key``; reading a missing or malformed value gives
    ``default`` (INI files hand every value back as a string). A number with a ``valid`` range
    reads as ``default`` when it is no finite number and as the range's nearest end beyond it,
    so a hand-edited or damaged value never reaches a widget that cannot take it."""

    def __init__(self, key: str, default: T, valid: tuple[T, T] | None = None) -> None:
        self.key = key
        self.default = default
        self.valid = valid

    def __get__(self, owner: AppSettings | None, cls: type | None = None) -> T:
        if owner is None:
            return self  # type: ignore[return-value]
        raw = owner.store.value(self.key)
        return self.default if raw is None else self._convert(raw)

    def __set__(self, owner: AppSettings, value: T) -> None:
        if isinstance(self.default, bytes):
            value = QByteArray(value)  # type: ignore[assignment]
        owner.store.setValue(self.key, value)

    def _convert(self, raw: Any) -> T:
        kind = type(self.default)
        try:
            if kind is bool:
                return (raw.lower() == "true") if isinstance(raw, str) else bool(raw)  # type: ignore[return-value]
            if kind is bytes:
                return bytes(raw.data() if isinstance(raw, QByteArray) else raw)  # type: ignore[return-value]
            return self._within(kind(raw))
        except (TypeError, ValueError, AttributeError):
            return self.default

    def _within(self, value: T) -> T:
        if self.valid is None:
            return value
        if not math.isfinite(value):  # type: ignore[arg-type]
            return self.default
        least, most = self.valid
        return min(max(value, least), most)  # type: ignore[type-var]


class _ModelSetting(_Setting[str]):
    """A model's key (``engine.library.descriptor.model_key``): a built-in model's name, or a
    user model's path, read resolved, as the model list keys it (earlier versions kept the
    path as written: through a linked home folder it named the same file otherwise)."""

    def __init__(self, key: str) -> None:
        super().__init__(key, "")

    def _convert(self, raw: Any) -> str:
        stored = super()._convert(raw)
        path = Path(stored)
        return str(path.resolve()) if len(path.parts) > 1 else stored


def default_output_dir() -> str:
    """``Pictures/Rekindle`` (or the home folder's when the platform names no pictures folder)."""
    pictures = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
    return os.path.join(pictures or str(Path.home()), OUTPUT_SUBFOLDER)


class AppSettings:
    """Every remembered choice: the settings panel's values, the window's geometry."""

    model = _ModelSetting("restore/model")  # "" = the built-in default
    detail = _Setting("restore/detail", 0.0, STRENGTHS)  # 0 = nothing added .. 1 = detailed
    # 0 = enlarge only .. 1 = full; -1 (or below 0): not stored
    repair = _Setting("restore/repair", -1.0, (-1.0, 1.0))
    # fine grain added to results: 0 = none .. 1 = most
    grain = _Setting("restore/grain", 0.0, STRENGTHS)
    clean_before = _ModelSetting("restore/before")  # a 1x model's key, or "" for none
    clean_after = _ModelSetting("restore/after")  # a 1x model's key, or "" for none
    scale_out = _Setting("restore/scale_out", 0)  # 0 = the model's own scale
    size_by = _Setting("restore/size_by", "scale")  # or "long_side", "print" (photos only)
    long_side = _Setting("restore/long_side", 6000, (1, MAX_LONG_SIDE))  # pixels
    print_width = _Setting("restore/print_width", 20.0, PRINT_SIDES)  # in print_unit
    print_height = _Setting("restore/print_height", 30.0, PRINT_SIDES)
    print_unit = _Setting("restore/print_unit", "cm")  # "cm" or "in"
    dpi = _Setting("restore/dpi", 300, (1, MAX_DPI))
    device = _Setting("restore/device", "auto")
    tile = _Setting("restore/tile", 0, (0, MAX_TILE))  # 0 = automatic
    ensemble = _Setting("restore/ensemble", False)  # eight orientations per tile
    fix_fading = _Setting("restore/fix_fading", False)  # photos: engine/fading.py first
    find_spots = _Setting("restore/find_spots", False)  # photos: engine/retouch first
    output_dir = _Setting("save/folder", "")
    output_format = _Setting("save/format", "")  # "" = the original's format
    result_names = _Setting("save/names", DEFAULT_PATTERN)  # engine.recipe's naming pattern
    auto_save = _Setting("save/auto", True)  # each photo saved as soon as it is restored
    film_dust = _Setting("films/remove_dust", False)  # engine/video/dust.py before enlarging
    film_flicker = _Setting("films/steady_flicker", False)  # engine/video/flicker.py too
    film_grain = _Setting("films/calm_grain", False)  # and engine/video/grain.py
    film_weave = _Setting("films/steady_picture", False)  # and engine/video/weave.py
    film_repeats = _Setting("films/smooth_repeats", False)  # and engine/video/inbetween.py
    film_codec = _Setting("save/film_codec", DEFAULT_CODEC)
    film_quality = _Setting("save/film_quality", DEFAULT_QUALITY)  # engine.video.FILM_QUALITIES
    film_cluster = _Setting("films/cluster", False)  # restored on a Ray cluster (app.cluster_link)
    cluster_address = _Setting("films/cluster_address", "local")  # HOST:PORT, or local[:N]
    # frames a second of frame sequences, as typed (engine.video.sequence.parse_rate reads it),
    # or RATE_OF_THE_FRAMES: each at the rate its first frame states, else 24
    sequence_rate = _Setting("films/sequence_rate", RATE_OF_THE_FRAMES)
    sequence_gaps = _Setting("films/sequence_gaps", SequenceOptions.allow_gaps)  # gaps taken
    language = _Setting("ui/language", "")  # "" = the system's language
    theme = _Setting(LOOK_KEY, FOLLOW_SYSTEM)  # or app.theme's DARK_LOOK, LIGHT_LOOK
    window_geometry = _Setting("ui/geometry", b"")
    window_state = _Setting("ui/state", b"")
    splitter_state = _Setting("ui/splitter", b"")
    settings_panel_shown = _Setting("ui/settings_panel_shown", True)
    # the settings panel's sections the person left open, comma-separated (app.settings_panel)
    open_sections = _Setting("ui/open_sections", "")
    recent_paths = _Setting("ui/recent", "")  # app.recent: a JSON list, the latest first
    open_from = _Setting("ui/open_from", "")  # app.intake: the folder last opened from

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else QSettings(ORGANIZATION, APPLICATION)

    @classmethod
    def from_file(cls, path: str | os.PathLike) -> AppSettings:
        """Settings kept in one INI file (tests, portable installs)."""
        return cls(QSettings(os.fspath(path), QSettings.Format.IniFormat))

    def output_folder(self) -> str:
        return self.output_dir or default_output_dir()

    def sync(self) -> bool:
        """Write what changed now; whether it is kept (see ``_writes_succeeded``)."""
        self.store.sync()
        return self._writes_succeeded()

    def _writes_succeeded(self) -> bool:
        """Whether every write so far succeeded: False once the file or its folder could not
        be written, which QSettings goes on saying for the rest of the session. A file with
        a line it cannot read (``FormatError``, a hand edit gone wrong) is written all the
        same, so that is no failure to keep the settings."""
        return self.store.status() != QSettings.Status.AccessError

    def kept(self) -> bool:
        """Whether the settings are kept, cheap enough to ask at each change: the writes so
        far succeeded (QSettings writes what changed once the event loop is idle again), and
        the file and its folder take the next one, which finds a file that cannot be
        written before the first change, and a change that cannot be as it is made."""
        return self._writes_succeeded() and self.store.isWritable() and self._folder_takes_files()

    def _folder_takes_files(self) -> bool:
        """Whether the file's folder takes a new file, as QSettings writes the file anew
        beside the old one and puts it in its place (a file that can be changed, in a folder
        that takes none, is not kept). True where the settings lie in no file of their own
        (the registry of Windows, the preferences of macOS)."""
        in_a_file = self.store.format() == QSettings.Format.IniFormat
        if not in_a_file and sys.platform in ("win32", "darwin"):
            return True
        try:
            check_destination(Path(self.place()).parent, needed=0)
        except WriteError:
            return False
        return True

    def place(self) -> str:
        """Where the settings are kept, for a person to look: the file (or registry key)."""
        return self.store.fileName()
