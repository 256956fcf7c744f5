"""The memory the system can give a job now: what sizes CPU tiles and what a picture may
take to open."""

from __future__ import annotations


def available_bytes() -> int | None:
    """The system's available RAM; None where psutil is missing (a training machine carries
    only what training needs, and a GPU sizes its work by its own memory)."""
    try:
        import psutil
    except ImportError:
        return None
    return int(psutil.virtual_memory().available)
