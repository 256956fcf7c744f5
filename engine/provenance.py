"""Marking a restored picture as a restoration: an archive must never take a derivative for
the original scan. The picture's EXIF (which PNG, JPEG and WebP carry, and whose two tags
TIFF has as its own) gets ``Software`` (Rekindle and its version) and ``ImageDescription``
(what was done: the models, the scale, the options); the rest of the original's EXIF, its
camera and date, stays.
"""

from __future__ import annotations

from importlib import metadata

from PIL import Image

SOFTWARE_TAG = 0x0131
DESCRIPTION_TAG = 0x010E


def software() -> str:
    """ "Rekindle" and the installed version."""
    try:
        return f"Rekindle {metadata.version('rekindle')}"
    except metadata.PackageNotFoundError:  # a bare source tree
        return "Rekindle"


def marked_exif(exif: bytes | None, description: str) -> bytes:
    """``exif`` (or none) saying the picture was made by Rekindle, as ``description`` says."""
    tags = _tags(exif)  # an unreadable block is not carried over; the marks are
    tags[SOFTWARE_TAG] = software()
    tags[DESCRIPTION_TAG] = description
    return tags.tobytes()


def marks(exif: bytes | None) -> tuple[str | None, str | None]:
    """The ``Software`` and ``ImageDescription`` an EXIF block holds (None where absent)."""
    tags = _tags(exif)
    return tags.get(SOFTWARE_TAG), tags.get(DESCRIPTION_TAG)


def _tags(exif: bytes | None) -> Image.Exif:
    """The tags of an EXIF block; none for a missing or damaged one (an original's damaged
    EXIF must not stop its restoration, nor the TIFF it is saved as)."""
    tags = Image.Exif()
    if exif:
        try:
            tags.load(exif)
        except Exception:  # Pillow raises many kinds for a damaged block
            return Image.Exif()
    return tags
