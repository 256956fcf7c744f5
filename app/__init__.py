"""Rekindle's desktop app: Qt windows and thin workers over the Qt-free ``engine``."""

from importlib import metadata

try:
    __version__ = metadata.version("rekindle")
except metadata.PackageNotFoundError:  # running from a bare source tree
    __version__ = "0.0.0+source"

ORGANIZATION = "Rekindle"
APPLICATION = "Rekindle"
"""The names the system keeps the app's settings and data under."""
