"""Marking a restored picture as a restoration: an archive must never take a derivative for
the original scan. The picture's EXIF (which PNG, JPEG and WebP carry, and whose first
directory, these two tags among them, TIFF keeps as its own tags) gets ``Software``
(Rekindle and its version) and ``ImageDescription`` (what was done: the models, the scale,
the options, after the original's own description, if it had one); the rest of the
original's EXIF, its camera and date, stays.
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


CAPTION_END = " | "
"""Between the original's own description (an archive's caption) and what Rekindle did."""


def marked_exif(exif: bytes | None, description: str) -> bytes:
    """``exif`` (or none) saying the picture was made by Rekindle, as ``description`` says;
    a description the original had, its caption, is kept before it."""
    tags = exif_tags(exif)  # an unreadable block is not carried over; the marks are
    caption = tags.get(DESCRIPTION_TAG)
    caption = caption.strip() if isinstance(caption, str) else ""
    tags[SOFTWARE_TAG] = software()
    tags[DESCRIPTION_TAG] = f"{caption}{CAPTION_END}{description}" if caption else description
    return tags.tobytes()


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
