"""Marking a restored picture as a restoration: an archive must never take a derivative for
the original scan. The picture's EXIF (which PNG, JPEG and WebP carry, and whose first
directory, these two tags among them, TIFF keeps as its own tags) gets ``Software``
(Rekindle and its version) and ``ImageDescription`` (what was done: the models, the scale,
the options, after the original's own description if it is a caption, not data for programs);
the rest of the original's EXIF, its camera and date, stays.
"""

from __future__ import annotations

import json
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


CAPTION_END = " | "
"""Between the original's own description (an archive's caption) and what Rekindle did."""
MACHINE_PREFIXES = ("ImageJ=", "SCIFIO=", "shape=(", "Aperio ", "state.")
"""How descriptions written for programs begin, as tifffile recognises them: ImageJ's and
SCIFIO's settings, tifffile's own shape of old, an Aperio slide's header, ScanImage's state."""


def marked_exif(exif: bytes | None, description: str) -> bytes:
    """``exif`` (or none) saying the picture was made by Rekindle, as ``description`` says;
    a description the original had, if it is a caption (``is_caption``), is kept before it."""
    tags = exif_tags(exif)  # an unreadable block is not carried over; the marks are
    caption = tags.get(DESCRIPTION_TAG)
    caption = caption.strip() if isinstance(caption, str) and is_caption(caption) else ""
    tags[SOFTWARE_TAG] = software()
    tags[DESCRIPTION_TAG] = f"{caption}{CAPTION_END}{description}" if caption else description
    return tags.tobytes()


def is_caption(description: str) -> bool:
    """Whether an image description is written for people, not for programs: JSON (tifffile's
    ``{"shape": ...}``), XML (OME and microscopes' software), a FITS header or one that begins
    as ``MACHINE_PREFIXES`` says is data about the original file, which would misdescribe its
    restoration (and, followed by what Rekindle did, stop those programs reading a TIFF)."""
    text = description.strip()
    prefixed = text.startswith(MACHINE_PREFIXES)
    return bool(text) and not (prefixed or _is_json(text) or _is_xml(text) or _is_fits(text))


def _is_json(text: str) -> bool:
    """A JSON object or array."""
    if not text.startswith(("{", "[")):
        return False
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _is_xml(text: str) -> bool:
    """An XML document: a declaration, or an element that closes at the end."""
    closes = text.endswith("/>") or (text.endswith(">") and "</" in text)
    return text.startswith("<?xml") or (text.startswith("<") and closes)


def _is_fits(text: str) -> bool:
    """An astronomer's FITS header (AstroTIFF)."""
    return text.startswith("SIMPLE ") and text.endswith("END")


def exif_tags(exif: bytes | None) -> Image.Exif:
    """The tags of an EXIF block; none for a missing or damaged one (an original's damaged
    EXIF must not stop its restoration, nor the file it is saved as)."""
    tags = Image.Exif()
    if exif:
        try:
            tags.load(exif)
        except Exception:  # Pillow raises many kinds for a damaged block
            return Image.Exif()
    return tags
