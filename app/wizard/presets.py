"""The training presets, defined here and nowhere else: named ``TrainingConfig``s, plus the crop
side every preset shares and the built-in model a run may start from.

The network shape matches the built-in models', so "from scratch" costs the same per step as
"from the built-in model" (whose shape replaces the preset's anyway, in ``Trainer``).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication

from engine.library.catalog import all_models
from engine.library.descriptor import Origin
from training.config import TrainingConfig
from training.run_state import PACK, recipe_for

CROP = 256
"""Side of the sharp crops cut from the photos; photos smaller than this do not qualify."""

CHECKPOINT_SECONDS = 120.0
"""Each preset also saves a checkpoint once this long has passed since the last, so a run
stopped by a crash or a kill loses a couple of minutes at most, however slow its steps."""

_NETWORK = {"width": 16, "depth": 2, "convs": 2, "up_width": 8}

PRESETS: dict[str, TrainingConfig] = {
    "quick": TrainingConfig(
        **_NETWORK,
        batch=8,
        patch=128,
        warmup_steps=300,
        steps=300,
        validate_every=100,
        checkpoint_every=100,
        checkpoint_seconds=CHECKPOINT_SECONDS,
    ),
    "standard": TrainingConfig(
        **_NETWORK,
        batch=8,
        patch=192,
        warmup_steps=1500,
        steps=1500,
        validate_every=250,
        checkpoint_every=250,
        checkpoint_seconds=CHECKPOINT_SECONDS,
    ),
    "thorough": TrainingConfig(
        **_NETWORK,
        batch=16,
        patch=192,
        warmup_steps=5000,
        steps=5000,
        validate_every=500,
        checkpoint_every=500,
        checkpoint_seconds=CHECKPOINT_SECONDS,
    ),
}
DEFAULT_PRESET = "standard"


def default_preset(presets: dict[str, TrainingConfig]) -> str:
    """The recommended preset if offered, else the first one."""
    return DEFAULT_PRESET if DEFAULT_PRESET in presets else next(iter(presets))


def preset_texts(key: str) -> tuple[str, str]:
    """A preset's translated name and one-line description (an unknown key names itself)."""
    translate = QCoreApplication.translate
    texts = {
        "quick": (
            translate("Presets", "Quick"),
            translate("Presets", "A first try: the model learns a little about your photos."),
        ),
        "standard": (
            translate("Presets", "Standard"),
            translate("Presets", "Recommended: a good balance of time and quality."),
        ),
        "thorough": (
            translate("Presets", "Thorough"),
            translate("Presets", "The best results, for a run left going for hours."),
        ),
    }
    return texts.get(key, (key, ""))


def run_config(preset: TrainingConfig, scale: int, degrade: bool, data: str) -> TrainingConfig:
    """A preset's config for the chosen enlargement; a run on a pack makes its crops' damage
    while training, so its config carries the old-photo damage when it is chosen (a folder's
    pairs carry it in their files)."""
    damage = recipe_for(degrade) if data == PACK else "none"
    return replace(preset, scale=scale, damage=damage)


def builtin_start(scale: int, degrade: bool = False) -> str | None:
    """The built-in model a run of this scale starts from, and is compared with: the one that
    already knows its task (``restore-x<scale>`` for a run that learns old-photo damage,
    ``faithful-x<scale>`` for one that only enlarges) if installed, else the other, else any
    built-in of that scale; None when there is none."""
    names = [e.key for e in all_models() if e.origin is Origin.BUILT_IN and e.scale == scale]
    preferred = [f"restore-x{scale}", f"faithful-x{scale}"]
    if not degrade:
        preferred.reverse()
    return next((name for name in [*preferred, *names] if name in names), None)
