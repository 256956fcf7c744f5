"""Marking a restored picture as a restoration: an archive must never take a derivative for
the original scan. The picture's EXIF (which PNG, JPEG and WebP carry, and whose first
directory, these two tags among them, TIFF keeps as its own tags) gets ``Software``
(Rekindle and its version) and ``ImageDescription`` (what was done: the models, the scale,
the options, after the original's own description if it is a caption, not data for programs
nor what the camera writes on every picture);
the rest of the original's EXIF, its camera and date, stays.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from importlib import metadata

from PIL import Image

SOFTWARE_TAG = 0x0131
DESCRIPTION_TAG = 0x010E
CAMERA_TAGS = (0x010F, 0x0110)
"""Make and Model: a description that only repeats one of them is the camera's."""


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
CAMERA_PLACEHOLDERS = frozenset(
    {
        "olympus digital camera",
        "sony dsc",
        "kodak digital still camera",
        "samsung",
        "samsung digital camera",
        "samsung camera pictures",
        "minolta digital camera",
        "konica minolta digital camera",
        "jenoptik digital camera",
        "lg digital camera",
        "digital camera",
        "digital still camera",
        "moultrie digital game camera",
        "exif_jpeg_picture",
        "default",
        "scanner",
    }
)
"""What cameras, phones and slide scanners write as the description of every picture they
take, as ImageDescription shows it (compared lowercased, spaces run together), and as photo
managers such as PhotoPrism and KPhotoAlbum leave it out: text about the device, never about
the picture."""
CAMERA_PLACEHOLDER_PATTERNS = (
    re.compile(r"<[^<>]*\b(?:samsung|kenox|digimax)\b[^<>]*>", re.IGNORECASE),
    re.compile(r"dcim(?:[\\/]\S*)?", re.IGNORECASE),
)
"""Placeholders that name the model: Samsung's (``<KENOX S630 / Samsung S630>``,
``<Digimax i5, Samsung #1>``); and the folder a camera keeps its pictures in (``DCIM``,
``DCIM\\100MEDIA``)."""


def marked_exif(exif: bytes | None, description: str) -> bytes:
    """``exif`` (or none) saying the picture was made by Rekindle, as ``description`` says;
    a description the original had, if it is a caption (``is_caption``), is kept before it."""
    tags = exif_tags(exif)  # an unreadable block is not carried over; the marks are
    caption = _caption(tags)
    tags[SOFTWARE_TAG] = software()
    tags[DESCRIPTION_TAG] = f"{caption}{CAPTION_END}{description}" if caption else description
    return tags.tobytes()


def _caption(tags: Image.Exif) -> str:
    """The original's description, stripped, if it is a caption (``is_caption``, told the
    camera's make and model); else empty."""
    description = tags.get(DESCRIPTION_TAG)
    if not isinstance(description, str):
        return ""
    camera = [name for name in map(tags.get, CAMERA_TAGS) if isinstance(name, str)]
    return description.strip() if is_caption(description, camera) else ""


def is_caption(description: str, camera: Iterable[str] = ()) -> bool:
    """Whether an image description is written for people, not for programs or by the camera:
    JSON (tifffile's ``{"shape": ...}``), XML (OME and microscopes' software), a FITS header or
    one that begins as ``MACHINE_PREFIXES`` says is data about the original file, which would
    misdescribe its restoration (and, followed by what Rekindle did, stop those programs
    reading a TIFF); a camera's placeholder (``is_camera_placeholder``, ``camera``: the
    file's make and model) says nothing about the picture."""
    text = description.strip()
    prefixed = text.startswith(MACHINE_PREFIXES)
    data = prefixed or _is_json(text) or _is_xml(text) or _is_fits(text)
    return bool(text) and not (data or is_camera_placeholder(text, camera))


def is_camera_placeholder(description: str, camera: Iterable[str] = ()) -> bool:
    """Whether an image description is one a camera writes on every picture by itself: one of
    ``CAMERA_PLACEHOLDERS`` or ``CAMERA_PLACEHOLDER_PATTERNS``, or the camera's make or model
    (``camera``) repeated; case and runs of spaces aside."""
    words = _folded(description)
    named = words in {_folded(name) for name in camera}
    patterned = any(p.fullmatch(description.strip()) for p in CAMERA_PLACEHOLDER_PATTERNS)
    return words in CAMERA_PLACEHOLDERS or named or patterned


def _folded(text: str) -> str:
    """``text`` lowercased, its runs of spaces one space, without spaces around it."""
    return " ".join(text.split()).casefold()


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
