"""Where a queue item stands (no Qt, so the rules that read it can be tested without it)."""

from __future__ import annotations

from enum import Enum, auto


class ItemStatus(Enum):
    READING = auto()  # the thumbnail is being made
    READY = auto()
    UNREADABLE = auto()  # the file could not be read as an image or a film
    QUEUED = auto()
    RESTORING = auto()
    CANCELLING = auto()  # Cancel was asked for: the work stops at its next tile or frame
    RESTORED = auto()
    FAILED = auto()  # restoring or saving failed
    CANCELLED = auto()


ERROR_STATUSES = frozenset({ItemStatus.UNREADABLE, ItemStatus.FAILED})
FOUND_BY_READING = frozenset({ItemStatus.READY, ItemStatus.UNREADABLE})
"""What reading its file found, and nothing more: a file read again is "Reading…" again."""
BUSY_STATUSES = frozenset({ItemStatus.QUEUED, ItemStatus.RESTORING, ItemStatus.CANCELLING})
UNRESTORABLE = frozenset({ItemStatus.UNREADABLE, ItemStatus.QUEUED, ItemStatus.RESTORING})
"""Restore passes over items it cannot read, and those on their way (not one being cancelled:
asked for again, it is restored once it has stopped)."""
LEFT_BY_RESTORE_ALL = frozenset({ItemStatus.RESTORED, *UNRESTORABLE})
"""Restore All passes over items already restored, unreadable, or on their way."""
