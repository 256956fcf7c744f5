"""Marking a restored picture as a restoration: an archive must never take a derivative for
the original scan. The picture's EXIF (which PNG, JPEG and WebP carry, and whose first
directory, these two tags among them, TIFF keeps as its own tags) gets ``Software``
(Rekindle and its version) and ``ImageDescription`` (what was done: the models, the scale,
the options, the software the original was made with, after the original's own description if
it is a caption, not data for programs nor what the camera writes on every picture); its
``DateTime`` becomes the time it was made, and the original's ``ImageUniqueID`` is left out;
the rest of the original's EXIF, its camera and the dates it was taken and scanned, stays. A
batch's result also records the photo it was made from (``with_source``: its name, a hash of
its bytes, ``source_digest``, and a hash of where it lies, ``source_place``), so that a run
again tells it from a result of another photo of that name (``SourceRecord.is_of``); a restored
film records its source in the same words (``source_record``), in its comment.

EXIF text is bytes with no encoding said: UTF-8 in practice, as exiftool, cameras and phones
write it. Pillow reads each byte as a Latin-1 character and writes text as ASCII, each byte
over 127 as '?'; ``exif_tags`` gives tags that write their text back as the bytes it was read
from (``keep_text``), and Rekindle's own text is written in UTF-8 (``exif_text``).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cache, lru_cache
from importlib import metadata
from pathlib import Path

from PIL import Image

from engine.filestamp import FileStamp

SOFTWARE_TAG = 0x0131
DESCRIPTION_TAG = 0x010E
DATE_TIME_TAG = 0x0132
"""When the file's picture was last changed (``ModifyDate`` in exiftool)."""
EXIF_IFD, GPS_IFD = 0x8769, 0x8825
"""The sub-directories Pillow writes beside the first: the camera's settings and dates, and
where the picture was taken."""
OFFSET_TIME_TAG = 0x9010
"""``DateTime``'s time zone, in the EXIF directory ("+01:00")."""
SUB_SEC_TIME_TAG = 0x9290
"""``DateTime``'s fraction of a second, in the EXIF directory."""
UNIQUE_ID_TAG = 0xA420
"""``ImageUniqueID``, in the EXIF directory: it names the original picture, not a result."""
EXIF_DATE_FORMAT = "%Y:%m:%d %H:%M:%S"
CAMERA_TAGS = (0x010F, 0x0110)
"""Make and Model: a description that only repeats one of them is the camera's."""
SOURCE_TAG = 0x9213
"""``ImageHistory`` (TIFF/EP, in the first directory): the photo a result was made from
(``with_source``), which originals hardly ever carry."""
SOURCE_RECORD = re.compile(r"\(SHA-256 ([0-9a-f]{64})(?:; place ([0-9a-f]{64}))?\)$")
"""How a record of the source (``source_record``) ends: the SHA-256 of the source's bytes,
and of its place (``source_place``), which records written before places were have not."""


SOFTWARE_NAME = "Rekindle"
"""The first word of the ``Software`` tag of every picture Rekindle makes."""


@cache
def software() -> str:
    """ "Rekindle" and the installed version, looked up once: the lookup reads the installed
    packages' records, a few ms that a batch of small photos would pay per photo."""
    try:
        return f"{SOFTWARE_NAME} {metadata.version('rekindle')}"
    except metadata.PackageNotFoundError:  # a bare source tree
        return SOFTWARE_NAME


def is_marked(tags: Image.Exif) -> bool:
    """Whether EXIF ``tags`` say Rekindle made the picture (``marked_exif``): a restoration,
    not an original."""
    return _text(tags.get(SOFTWARE_TAG)).partition(" ")[0] == SOFTWARE_NAME


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
    """``exif`` (or none) saying the picture was made by Rekindle, now, as ``description``
    says; a description the original had, if it is a caption (``is_caption``), is kept before
    it, and the software the original was made with (a scanner's, say) after it, as
    ``Software`` names Rekindle. The original's ``ImageUniqueID`` is left out: it names the
    original; so is the source an original that is itself a result records (``with_source``)."""
    tags = exif_tags(exif)  # an unreadable block is not carried over; the marks are
    caption = _caption(tags)
    made_with = _text(tags.get(SOFTWARE_TAG)).strip()
    done = f"{description}; the original made with {made_with}" if made_with else description
    tags[SOFTWARE_TAG] = exif_text(software())
    tags[DESCRIPTION_TAG] = exif_text(f"{caption}{CAPTION_END}{done}" if caption else done)
    _dated_now(tags)
    if EXIF_IFD in tags:  # asked only then: Pillow would write an empty directory
        tags.get_ifd(EXIF_IFD).pop(UNIQUE_ID_TAG, None)
    if recorded_source(tags) is not None:  # the original's own source, a result restored again
        del tags[SOURCE_TAG]
    return tags.tobytes()


def with_source(exif: bytes | None, record: str) -> bytes:
    """``exif`` (a result's: ``marked_exif``) with ``record`` (``source_record``), the photo
    the result was made from, so that a later run tells this photo's result from that of
    another photo of the same name."""
    tags = exif_tags(exif)
    tags[SOURCE_TAG] = exif_text(record)
    return tags.tobytes()


def recorded_source(tags: Image.Exif) -> SourceRecord | None:
    """The photo a result was made from, as ``with_source`` recorded it in ``tags``; None
    where they record none (a result of an earlier version, an original)."""
    return recorded_in(_text(tags.get(SOURCE_TAG)))


@dataclass(frozen=True)
class SourceRecord:
    """What a result records of the file it was made from (``source_record``): the SHA-256
    (hex) of its bytes, and of its place (``source_place``; None in a record written before
    places were recorded)."""

    digest: str
    place: str | None

    def is_of(self, source: Path) -> bool:
        """Whether the file ``source`` is the one recorded: the same file (its place), edited
        or rescanned since or not, or the same bytes (a collection moved elsewhere). Mum's and
        Dad's IMG_0001.JPG, other photos in other folders, match neither."""
        return self.place == source_place(source) or self.digest == source_digest(source)


def source_record(source: Path) -> str | None:
    """The words that record the file ``source`` as a result's source: its name, the SHA-256
    of its bytes (``source_digest``) and of its place (``source_place``), hashes rather than a
    private path; None where it is no file that can be read."""
    digest = source_digest(source)
    if digest is None:
        return None
    name = escaped(source.name)
    return f"made from {name} (SHA-256 {digest}; place {source_place(source)})"


def recorded_in(text: str) -> SourceRecord | None:
    """The source that ``text`` records, where it ends with a ``source_record``; else None."""
    found = SOURCE_RECORD.search(text)
    return None if found is None else SourceRecord(found[1], found[2])


def source_place(source: Path) -> str:
    """The SHA-256 (hex) of the path ``source`` resolves to: where the file lies, recorded
    without naming the folders it lies in."""
    return hashlib.sha256(os.fsencode(source.resolve())).hexdigest()


def source_digest(source: Path) -> str | None:
    """The SHA-256 (hex) of the bytes of the file ``source``, as a result records it
    (``source_record``), read a chunk at a time (a film may be gigabytes); None where it is
    no file that can be read (a named pipe is never read, which would wait for a writer).
    Kept while the file's stamp stays the same: a run asks it of a file more than once."""
    stamp = FileStamp.find(source)
    if stamp is None or not source.is_file():
        return None
    return _digest_of(source.resolve(), stamp)


@lru_cache(maxsize=65536)
def _digest_of(path: Path, stamp: FileStamp) -> str | None:
    try:
        with open(path, "rb") as file:
            return hashlib.file_digest(file, "sha256").hexdigest()
    except OSError:
        return None


def _dated_now(tags: Image.Exif) -> None:
    """``DateTime`` set to now; its fraction of a second left out and its time zone, where
    the EXIF directory records one, set to this computer's."""
    now = datetime.now().astimezone()
    tags[DATE_TIME_TAG] = now.strftime(EXIF_DATE_FORMAT)
    if EXIF_IFD not in tags:
        return
    own = tags.get_ifd(EXIF_IFD)
    own.pop(SUB_SEC_TIME_TAG, None)
    if OFFSET_TIME_TAG in own:
        offset = now.strftime("%z")  # "+0100"
        own[OFFSET_TIME_TAG] = f"{offset[:3]}:{offset[3:]}"


def _caption(tags: Image.Exif) -> str:
    """The original's description, stripped, if it is a caption (``is_caption``, told the
    camera's make and model); else empty."""
    description = _text(tags.get(DESCRIPTION_TAG))
    camera = [name for tag in CAMERA_TAGS if (name := _text(tags.get(tag)))]
    return description.strip() if is_caption(description, camera) else ""


def _text(value: object) -> str:
    """A text tag as read (``readable``); empty for a missing tag or one that is not text."""
    return readable(value) if isinstance(value, str) else ""


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


def exif_tags(exif: bytes | None) -> TextKeepingExif:
    """The tags of an EXIF block, which write their text back as it was (``TextKeepingExif``);
    none for a missing or damaged one (an original's damaged EXIF must not stop its
    restoration, nor the file it is saved as)."""
    tags = TextKeepingExif()
    if exif:
        try:
            tags.load(exif)
        except Exception:  # Pillow raises many kinds for a damaged block
            return TextKeepingExif()
    return tags


class TextKeepingExif(Image.Exif):
    """EXIF tags whose ``tobytes`` writes their text as the bytes it was read from
    (``keep_text``), not as ASCII with '?' for each byte over 127."""

    def tobytes(self, offset: int = 8) -> bytes:
        keep_text(self)
        return super().tobytes(offset)


class ExifText(str):
    """EXIF text that is written as it is stored: one character a byte (Latin-1), as Pillow
    reads text tags. Pillow writes a text tag as ``value.encode("ascii", "replace")``;
    this text gives its own bytes instead."""

    def encode(self, encoding: str = "utf-8", errors: str = "strict") -> bytes:
        return super().encode("latin-1", "replace")


def keep_text(tags: Image.Exif) -> None:
    """Make the text of ``tags`` (in its first directory and in those Pillow writes beside
    it) ``ExifText``, so that it is written back as the bytes it was read from."""
    directories = [tags, *(tags.get_ifd(tag) for tag in (EXIF_IFD, GPS_IFD) if tag in tags)]
    for directory in directories:
        for tag, value in list(directory.items()):
            if isinstance(value, str) and not isinstance(value, ExifText):
                directory[tag] = ExifText(value)


def exif_text(text: str) -> ExifText:
    """``text`` to write as an EXIF tag, in UTF-8 (``escaped``)."""
    return ExifText(escaped(text).encode("utf-8").decode("latin-1"))


SURROGATE = re.compile("[\ud800-\udfff]")
"""A character no encoding writes: how Python holds a byte of a file name that is not in the
system's encoding (a surrogate escape, U+DC80 to U+DCFF), or a lone half of a Windows name's
UTF-16 pair."""


def escaped(text: str) -> str:
    """``text`` that any encoding can write: each byte of a file name that is not UTF-8 (a
    Latin-1 'é' from an old Windows share or zip archive) written as ``\\xe9``, any other
    lone surrogate as ``\\udXXX``; other text as it is."""
    return SURROGATE.sub(_escape, text)


def _escape(found: re.Match[str]) -> str:
    code = ord(found[0])
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def readable(value: str) -> str:
    """An EXIF text tag as Pillow reads it (each byte a Latin-1 character) in the characters
    its bytes stand for: UTF-8, as nearly all software writes, else Latin-1 as read (as old
    Windows software wrote). Text with a character beyond Latin-1 is not bytes: as it is."""
    try:
        return value.encode("latin-1").decode("utf-8")
    except UnicodeError:  # beyond Latin-1 (not bytes), or bytes that are not UTF-8
        return value
