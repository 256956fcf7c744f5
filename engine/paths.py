"""Where Rekindle's files live: shipped resources beside the code, user files in the data dir."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "Rekindle"
DATA_DIR_ENV = "REKINDLE_DATA_DIR"


def resources_dir() -> Path:
    """The shipped ``resources/`` folder, from a source checkout or a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    root = Path(bundle) if bundle else Path(__file__).resolve().parent.parent
    return root / "resources"


def builtin_models_dir() -> Path:
    return resources_dir() / "models"


def user_data_dir() -> Path:
    """The platform's per-user data folder (``REKINDLE_DATA_DIR`` overrides it, for tests)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs  # here, not above: a training machine has no user folders to find

    return Path(platformdirs.user_data_dir(APP_NAME, False))


def user_models_dir() -> Path:
    return user_data_dir() / "models"
