"""What a photo's file says about it in words beside its EXIF: its XMP packet (title,
keywords, creator, rights, captions, as photo managers write them), its IPTC record (the same,
as older archives and newspapers keep them) and a PNG's text chunks; and an XMP sidecar, the
``.xmp`` file of the same name beside a photo that an archive never writes into.

All of it travels into a restoration's file, in whichever of these its format holds (the
words of IPTC and PNG text its format cannot hold said in its XMP: ``xmp_with_words``), and the
sidecar beside it. A restoration's XMP is told apart from the original's (``derived_xmp``): it
gets document and instance IDs of its own, and ``xmpMM:DerivedFrom`` names the original's; an
archive's catalogue must never take it for the original scan. Each file of it is an instance
of its own (``instance_in``).
"""

from __future__ import annotations

import os
import re
import struct
import uuid
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple
from xml.dom import Node, minidom
from xml.parsers.expat import ExpatError

from engine.atomic import staged_file

SIDECAR_SUFFIXES = (".xmp", ".XMP")
"""A sidecar's name: the photo's stem and one of these (Lightroom, Bridge, digiKam...)."""
SIDECAR_MAX_BYTES = 16 * 1024 * 1024
"""A larger file beside a photo is no XMP sidecar; it is left unread."""
PNG_TEXT_CHUNKS = (b"tEXt", b"zTXt", b"iTXt")
PNG_XMP_KEYWORD = b"XML:com.adobe.xmp"
"""The keyword of the iTXt chunk that holds a PNG's XMP packet."""
_PNG_DATA_KEYWORDS = (PNG_XMP_KEYWORD, b"Software")
_PNG_RAW_PROFILE = b"Raw profile type "
"""Text chunks not carried as text: XMP (carried as such), the program that wrote the file
(the result's EXIF names Rekindle) and metadata blocks stored as text (ImageMagick's raw EXIF,
XMP and 8BIM profiles, which would say the original's orientation and resolution)."""
_IPTC_RESOURCE = 0x0404
"""Photoshop's image resource holding the IPTC record, in a JPEG's APP13 segment."""
_IIM_TAG_MARKER = 0x1C
"""How each dataset of an IPTC record begins."""
_IIM_EXTENDED = 0x8000
"""A dataset's length with this bit set is the length of its length (one over 32 KB)."""
_APP13 = b"\xff\xed"
_PHOTOSHOP = b"Photoshop 3.0\x00"
_JPEG_SEGMENT_MAX = 65533
"""Bytes a JPEG segment holds after its marker and length."""

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_XMP_MM = "http://ns.adobe.com/xap/1.0/mm/"
_RESOURCE_REF = "http://ns.adobe.com/xap/1.0/sType/ResourceRef#"
_STALE = (
    (
        "http://ns.adobe.com/tiff/1.0/",
        (
            "Orientation",
            "ImageWidth",
            "ImageLength",
            "XResolution",
            "YResolution",
            "ResolutionUnit",
        ),
    ),
    ("http://ns.adobe.com/exif/1.0/", ("PixelXDimension", "PixelYDimension")),
)
"""XMP properties that describe the original's pixels (their turn, size and resolution), not
the restoration's: left out of its XMP, as its EXIF says them anew."""
_IDENTITY = ((_XMP_MM, ("DocumentID", "InstanceID", "DerivedFrom")),)
"""The properties naming a document, which a restoration's XMP says anew."""
_UNSAFE_XML = (b"<!DOCTYPE", b"<!ENTITY")
"""XMP has no document type; a packet with one is carried as it is, never parsed."""

_DC = "http://purl.org/dc/elements/1.1/"
_PHOTOSHOP_NS = "http://ns.adobe.com/photoshop/1.0/"
_IPTC_CORE = "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"
_PREFIXES = {_DC: "dc", _PHOTOSHOP_NS: "photoshop", _IPTC_CORE: "Iptc4xmpCore"}
_NEW_PACKET = (
    b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="' + _RDF.encode() + b'"/>'
    b'</x:xmpmeta><?xpacket end="w"?>'
)
"""An XMP packet saying nothing, for words of a file that has none."""
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML cannot hold, which an IPTC record or a PNG's text may."""


class _Property(NamedTuple):
    """An XMP property holding words: simple text, words in a language (``Alt``, the
    default language's alone written), or a list of them (``Seq`` in order, ``Bag`` not)."""

    namespace: str
    name: str
    kind: str = ""  # "", "Alt", "Seq" or "Bag"


_TITLE = _Property(_DC, "title", "Alt")
_DESCRIPTION = _Property(_DC, "description", "Alt")
_CREATOR = _Property(_DC, "creator", "Seq")
_RIGHTS = _Property(_DC, "rights", "Alt")
_DATE_CREATED = _Property(_PHOTOSHOP_NS, "DateCreated")
_IPTC_PROPERTIES = {
    5: _TITLE,  # Object Name
    25: _Property(_DC, "subject", "Bag"),  # Keywords
    40: _Property(_PHOTOSHOP_NS, "Instructions"),  # Special Instructions
    80: _CREATOR,  # By-line
    85: _Property(_PHOTOSHOP_NS, "AuthorsPosition"),  # By-line Title
    90: _Property(_PHOTOSHOP_NS, "City"),
    92: _Property(_IPTC_CORE, "Location"),  # Sub-location
    95: _Property(_PHOTOSHOP_NS, "State"),  # Province/State
    100: _Property(_IPTC_CORE, "CountryCode"),  # Country/Primary Location Code
    101: _Property(_PHOTOSHOP_NS, "Country"),  # Country/Primary Location Name
    103: _Property(_PHOTOSHOP_NS, "TransmissionReference"),  # Original Transmission Reference
    105: _Property(_PHOTOSHOP_NS, "Headline"),
    110: _Property(_PHOTOSHOP_NS, "Credit"),
    115: _Property(_PHOTOSHOP_NS, "Source"),
    116: _RIGHTS,  # Copyright Notice
    120: _DESCRIPTION,  # Caption/Abstract
    122: _Property(_PHOTOSHOP_NS, "CaptionWriter"),  # Writer/Editor
}
"""The XMP property each dataset of an IPTC record's application record says the same as,
by its number, as the IPTC Photo Metadata Standard maps them (the date created, with its
time, apart: ``_iptc_date``)."""
_IPTC_APPLICATION = 2
_IPTC_DATE, _IPTC_TIME = 55, 60
_PNG_PROPERTIES = {
    b"Title": _TITLE,
    b"Author": _CREATOR,
    b"Description": _DESCRIPTION,
    b"Copyright": _RIGHTS,
}
"""The XMP property each of the PNG specification's keywords for words about the picture
says the same as (its others, a creation time in any wording, a comment, a disclaimer, map to
none)."""


@dataclass(frozen=True)
class TextMetadata:
    """A photo's XMP, IPTC, PNG text and XMP sidecar (see the module's docstring); each may
    be absent."""

    xmp: bytes | None = None  # the XMP packet the file holds
    iptc: bytes | None = None  # the IPTC-IIM record (its datasets, as a JPEG's APP13 holds them)
    png_text: tuple[tuple[bytes, bytes], ...] = ()  # (chunk type, chunk data) of text chunks
    sidecar: bytes | None = None  # the XMP sidecar beside the photo

    def derived(self, note: str) -> TextMetadata:
        """This metadata for a picture made from the photo (``note`` says how: the same note
        gives the same IDs), its XMP and sidecar made a derivative's (``derived_xmp``)."""
        return replace(
            self, xmp=derived_xmp(self.xmp, note), sidecar=derived_xmp(self.sidecar, note)
        )

    def held_in(self, *, iptc: bool, png_text: bool) -> TextMetadata:
        """This metadata for a file whose format holds an IPTC record (``iptc``) and PNG text
        chunks (``png_text``) or not: the words of those it cannot hold said in its XMP
        (``xmp_with_words``), which every format that holds any metadata holds."""
        words = [] if iptc else iptc_words(self.iptc)
        words += [] if png_text else png_words(self.png_text)
        return replace(self, xmp=xmp_with_words(self.xmp, words))

    def saved_as(self, fmt: str) -> TextMetadata:
        """This metadata for a file in the format ``fmt`` (``engine.imageio``'s name of it):
        a derivative's XMP and sidecar get an instance ID made from ``fmt`` too
        (``instance_in``), so that a JPEG and a TIFF of one restoration are two instances."""
        return replace(self, xmp=instance_in(self.xmp, fmt), sidecar=instance_in(self.sidecar, fmt))


NO_TEXT_METADATA = TextMetadata()


# --------------------------------------------------------------------------- reading


def png_text(png: bytes) -> tuple[tuple[bytes, bytes], ...]:
    """The text chunks of a PNG before its pixels (as Pillow reads only those), as (type,
    data), save those that are data rather than words (``_is_words``). A damaged chunk ends
    the look."""
    chunks = []
    pos = 8  # the signature
    while pos + 8 <= len(png):
        length, kind = struct.unpack(">I4s", png[pos : pos + 8])
        data = png[pos + 8 : pos + 8 + length]
        if kind == b"IDAT" or len(data) < length:
            break
        if kind in PNG_TEXT_CHUNKS and _is_words(data):
            chunks.append((kind, data))
        pos += 12 + length  # length, type, data, CRC
    return tuple(chunks)


def _is_words(chunk: bytes) -> bool:
    """Whether a text chunk's keyword (what comes before its first NUL) names words about the
    picture, not data (``_PNG_DATA_KEYWORDS``, ``_PNG_RAW_PROFILE``)."""
    keyword = chunk.split(b"\x00", 1)[0]
    return keyword not in _PNG_DATA_KEYWORDS and not keyword.startswith(_PNG_RAW_PROFILE)


def photoshop_iptc(resources: dict[int, object] | None) -> bytes | None:
    """The IPTC record among a JPEG's Photoshop resources (as Pillow reads them), or None."""
    record = (resources or {}).get(_IPTC_RESOURCE)
    return record if isinstance(record, bytes) and record else None


def tiff_iptc(value: object, byteorder: str) -> bytes | None:
    """The IPTC record a TIFF keeps in its tag 33723, as bytes: ``value`` as tifffile reads
    it, bytes, or numbers (32 bits each, as exiftool and Photoshop write it) in the file's
    ``byteorder``; without the zeros that pad it (``_datasets_end``). None for any other
    value."""
    numbers = (value,) if isinstance(value, int) else value
    if isinstance(numbers, tuple) and numbers:
        try:
            value = struct.pack(f"{byteorder}{len(numbers)}I", *numbers)
        except struct.error:  # not 32-bit numbers: no IPTC record
            return None
    if not isinstance(value, bytes) or not value:
        return None
    return value[: _datasets_end(value)]


def _datasets_end(record: bytes) -> int:
    """Where the datasets of an IPTC record end: before the zeros that pad it to a multiple of
    4 bytes in a TIFF. A record whose datasets cannot be followed (one over 32 KB, a damaged
    one) is taken whole."""
    end = 0
    for dataset in _datasets(record):
        end = dataset.end
    return end if 0 < end <= len(record) and not any(record[end:]) else len(record)


class _Dataset(NamedTuple):
    """One dataset of an IPTC record: its record's and its own number, its value, and where
    it ends in the record."""

    record: int
    number: int
    value: bytes
    end: int


def _datasets(record: bytes) -> Iterator[_Dataset]:
    """The datasets of an IPTC record, in order, up to the first one that cannot be followed
    (one over 32 KB, whose length is written otherwise); the last one's value may be cut."""
    pos = 0
    while pos + 5 <= len(record) and record[pos] == _IIM_TAG_MARKER:
        size = int.from_bytes(record[pos + 3 : pos + 5], "big")  # marker, record, dataset
        if size & _IIM_EXTENDED:
            return
        end = pos + 5 + size
        yield _Dataset(record[pos + 1], record[pos + 2], record[pos + 5 : end], end)
        pos = end


def sidecar_of(photo: Path) -> Path | None:
    """The XMP sidecar beside ``photo`` (its stem, ``SIDECAR_SUFFIXES``), or None."""
    for suffix in SIDECAR_SUFFIXES:
        sidecar = photo.with_suffix(suffix)
        if sidecar.is_file():
            return sidecar
    return None


def read_sidecar(photo: Path) -> bytes | None:
    """The XMP sidecar beside ``photo``, or None where there is none or it cannot be read
    (metadata is best effort: the photo is restored without it)."""
    try:
        sidecar = sidecar_of(photo)
        if sidecar is None or sidecar.stat().st_size > SIDECAR_MAX_BYTES:
            return None
        return sidecar.read_bytes() or None
    except OSError:
        return None


# --------------------------------------------------------------------------- writing


def write_sidecar(result: Path, packet: bytes) -> None:
    """Write ``packet`` as the XMP sidecar of the picture file ``result`` (its stem and
    ``.xmp``), atomically, unless a file is there already: a sidecar is never replaced (the
    original's own among them, when the result is written beside it under its name)."""
    sidecar = result.with_suffix(SIDECAR_SUFFIXES[0])
    if any(os.path.lexists(result.with_suffix(suffix)) for suffix in SIDECAR_SUFFIXES):
        return
    with staged_file(sidecar, replace=False) as staged, staged.open() as stream:
        stream.write(packet)


def png_xmp_chunk_data(packet: bytes) -> bytes:
    """The data of the iTXt chunk holding ``packet``: its keyword, uncompressed, no language
    and no translated keyword, as Adobe's XMP specification asks."""
    return PNG_XMP_KEYWORD + b"\x00\x00\x00\x00\x00" + packet


def jpeg_xmp(packet: bytes | None) -> bytes | None:
    """``packet`` where one JPEG segment holds it (Pillow writes it so), else None: a larger
    one would need XMP's extended segments, which Pillow does not write."""
    overhead = len(b"http://ns.adobe.com/xap/1.0/\x00")
    return packet if packet and len(packet) <= _JPEG_SEGMENT_MAX - overhead else None


def jpeg_iptc_segment(iptc: bytes | None) -> bytes:
    """An APP13 segment holding ``iptc`` as Photoshop's IPTC resource, as photo managers read
    it; empty where there is none or one segment cannot hold it."""
    if not iptc:
        return b""
    # 8BIM, the resource's ID, an empty name (padded to 2 bytes), its size, its data (padded)
    resource = b"8BIM" + struct.pack(">HHI", _IPTC_RESOURCE, 0, len(iptc)) + iptc
    payload = _PHOTOSHOP + resource + b"\x00" * (len(iptc) % 2)
    if len(payload) > _JPEG_SEGMENT_MAX:
        return b""
    return _APP13 + struct.pack(">H", len(payload) + 2) + payload


# --------------------------------------------------------------------------- a derivative


def derived_xmp(packet: bytes | None, note: str) -> bytes | None:
    """The XMP of a picture made from one that ``packet`` describes: what describes the
    original's pixels left out (``_STALE``), and where the original has a document or instance
    ID, new ones (made from the original's and ``note``) with ``xmpMM:DerivedFrom`` naming the
    original's. A packet that cannot be read as XMP is carried as it is."""
    document = _parsed(packet)
    rdf = None if document is None else _first(document, _RDF, "RDF")
    if document is None or rdf is None:
        return packet
    descriptions = _descriptions(rdf)
    original = [_value(descriptions, _XMP_MM, name) for name in ("DocumentID", "InstanceID")]
    _leave_out(descriptions, _STALE)
    if any(original):
        root = _value(descriptions, _XMP_MM, "OriginalDocumentID")
        _leave_out(descriptions, _IDENTITY)
        rdf.appendChild(_derivation(document, _about(descriptions), *original, root, note))
    return _serialised(document)


def instance_in(packet: bytes | None, fmt: str) -> bytes | None:
    """A derivative's XMP ``packet`` (one naming what it was derived from) for its file in the
    format ``fmt``: its instance ID made from the one it has and ``fmt``. Any other packet as
    it is."""
    document = _parsed(packet)
    rdf = None if document is None else _first(document, _RDF, "RDF")
    if document is None or rdf is None:
        return packet
    descriptions = _descriptions(rdf)
    instance = _value(descriptions, _XMP_MM, "InstanceID")
    if not instance or not _says(descriptions, _XMP_MM, "DerivedFrom"):
        return packet
    made = uuid.uuid5(uuid.NAMESPACE_URL, f"{instance}\n{fmt}").hex
    _set_value(document, descriptions, _XMP_MM, "InstanceID", f"xmp.iid:{made}")
    return _serialised(document)


def _descriptions(rdf: minidom.Element) -> list[minidom.Element]:
    """The ``rdf:Description`` elements of an XMP packet's ``rdf:RDF``."""
    return [
        node
        for node in rdf.childNodes
        if node.nodeType == Node.ELEMENT_NODE and _is(node, _RDF, "Description")
    ]


def _about(descriptions: list[minidom.Element]) -> str:
    """What the packet's descriptions are about (``rdf:about``, the same in each)."""
    return descriptions[0].getAttributeNS(_RDF, "about") if descriptions else ""


def _serialised(document: minidom.Document) -> bytes:
    """The packet ``document`` is, its processing instructions (``xpacket``) kept."""
    return b"".join(node.toxml(encoding="utf-8") for node in document.childNodes)


def _parsed(packet: bytes | None) -> minidom.Document | None:
    """The XML document ``packet`` is, or None (no packet, a damaged one, one with a DTD)."""
    if not packet or any(mark in packet for mark in _UNSAFE_XML):
        return None
    try:
        return minidom.parseString(packet.rstrip(b"\x00"))
    except (ExpatError, ValueError):
        return None


def _first(document: minidom.Document, namespace: str, name: str) -> minidom.Element | None:
    """The document's first element ``name`` in ``namespace``, or None."""
    found = document.getElementsByTagNameNS(namespace, name)
    return found[0] if found else None


def _is(node: minidom.Node, namespace: str, name: str) -> bool:
    return node.namespaceURI == namespace and node.localName == name


def _properties(description: minidom.Element, namespace: str, name: str) -> list[minidom.Element]:
    """The property ``name`` of ``namespace`` written as elements within ``description``."""
    return [
        node
        for node in description.childNodes
        if node.nodeType == Node.ELEMENT_NODE and _is(node, namespace, name)
    ]


def _value(descriptions: list[minidom.Element], namespace: str, name: str) -> str:
    """The text of a simple property, written as an attribute or as an element; "" if none."""
    for description in descriptions:
        if description.hasAttributeNS(namespace, name):
            return description.getAttributeNS(namespace, name).strip()
        for element in _properties(description, namespace, name):
            return "".join(
                node.data for node in element.childNodes if node.nodeType == Node.TEXT_NODE
            ).strip()
    return ""


def _says(descriptions: list[minidom.Element], namespace: str, name: str) -> bool:
    """Whether a property is written, as an attribute or as an element, in any description."""
    return any(
        description.hasAttributeNS(namespace, name) or _properties(description, namespace, name)
        for description in descriptions
    )


def _set_value(
    document: minidom.Document,
    descriptions: list[minidom.Element],
    namespace: str,
    name: str,
    text: str,
) -> None:
    """Make the simple property ``_value`` reads hold ``text``, in the form it is written."""
    for description in descriptions:
        if description.hasAttributeNS(namespace, name):
            description.getAttributeNodeNS(namespace, name).value = text
            return
        for element in _properties(description, namespace, name):
            for child in list(element.childNodes):
                element.removeChild(child)
            element.appendChild(document.createTextNode(text))
            return


def _leave_out(
    descriptions: list[minidom.Element], properties: tuple[tuple[str, tuple[str, ...]], ...]
) -> None:
    """Take ``properties`` (namespace, names) out of ``descriptions``, in either form."""
    for description in descriptions:
        for namespace, names in properties:
            for name in names:
                if description.hasAttributeNS(namespace, name):
                    description.removeAttributeNS(namespace, name)
                for element in _properties(description, namespace, name):
                    description.removeChild(element)


def _derivation(
    document: minidom.Document,
    about: str,
    document_id: str,
    instance_id: str,
    root: str,
    note: str,
) -> minidom.Element:
    """An ``rdf:Description`` giving the derivative its IDs and naming the original's."""
    made = uuid.uuid5(uuid.NAMESPACE_URL, f"{instance_id or document_id}\n{note}").hex
    description = document.createElementNS(_RDF, "rdf:Description")
    for prefix, namespace in (("rdf", _RDF), ("xmpMM", _XMP_MM), ("stRef", _RESOURCE_REF)):
        description.setAttribute(f"xmlns:{prefix}", namespace)
    description.setAttributeNS(_RDF, "rdf:about", about)
    _add(document, description, "xmpMM:DocumentID", f"xmp.did:{made}")
    _add(document, description, "xmpMM:InstanceID", f"xmp.iid:{made}")
    if not root and document_id:
        _add(document, description, "xmpMM:OriginalDocumentID", document_id)
    derived_from = document.createElementNS(_XMP_MM, "xmpMM:DerivedFrom")
    derived_from.setAttributeNS(_RDF, "rdf:parseType", "Resource")
    if document_id:
        _add(document, derived_from, "stRef:documentID", document_id)
    if instance_id:
        _add(document, derived_from, "stRef:instanceID", instance_id)
    description.appendChild(derived_from)
    return description


def _add(document: minidom.Document, parent: minidom.Element, name: str, text: str) -> None:
    """Append the simple property ``name`` (a qualified name) holding ``text``."""
    element = document.createElement(name)
    element.appendChild(document.createTextNode(text))
    parent.appendChild(element)


# --------------------------------------------------------------------------- words in XMP

_Words = tuple[_Property, list[str]]
_PNG_WORDS_MAX = 1024 * 1024
"""The most bytes a compressed PNG text chunk's words are unpacked to: a title, a caption."""


def iptc_words(record: bytes | None) -> list[_Words]:
    """The words of an IPTC record's application datasets, each with the XMP property that
    says the same (``_IPTC_PROPERTIES``; its date and time created as one date,
    ``_iptc_date``), a property's words in the record's order."""
    found: dict[_Property, list[str]] = {}
    said: dict[int, str] = {}
    for dataset in _datasets(record or b""):
        words = _words_of(dataset.value)
        if dataset.record != _IPTC_APPLICATION or not words:
            continue
        said.setdefault(dataset.number, words)
        if dataset.number in _IPTC_PROPERTIES:
            found.setdefault(_IPTC_PROPERTIES[dataset.number], []).append(words)
    date = _iptc_date(said.get(_IPTC_DATE, ""), said.get(_IPTC_TIME, ""))
    if date:
        found[_DATE_CREATED] = [date]
    return list(found.items())


def _words_of(value: bytes) -> str:
    """An IPTC dataset's text: UTF-8 where it is that (as the record's 1:90 dataset says it
    is, in any record written lately), else Latin-1; without what XML cannot hold."""
    try:
        return _xml_words(value.decode("utf-8"))
    except UnicodeDecodeError:
        return _xml_words(value.decode("latin-1"))


def _xml_words(text: str) -> str:
    """``text`` without what XML cannot hold, and without space around it."""
    return _NOT_IN_XML.sub("", text).strip()


_IIM_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_IIM_TIME = re.compile(r"(\d{2})(\d{2})(\d{2})([+-]\d{2})(\d{2})")


def _iptc_date(date: str, time: str) -> str:
    """IPTC's date created (CCYYMMDD, its month and day 00 where unknown) and time created
    (HHMMSS+HHMM) as XMP writes a date (1931, 1931-07, 1931-07-14T15:30:00+01:00); "" for a
    date that is none."""
    found = _IIM_DATE.fullmatch(date)
    if found is None or found[1] == "0000":
        return ""
    year, month, day = found.groups()
    if month == "00":
        return year
    if day == "00":
        return f"{year}-{month}"
    clock = _IIM_TIME.fullmatch(time)
    at = f"T{clock[1]}:{clock[2]}:{clock[3]}{clock[4]}:{clock[5]}" if clock else ""
    return f"{year}-{month}-{day}{at}"


def png_words(chunks: Iterable[tuple[bytes, bytes]]) -> list[_Words]:
    """The words of a PNG's text chunks (type, data) whose keyword an XMP property says the
    same as (``_PNG_PROPERTIES``), with that property."""
    found: dict[_Property, list[str]] = {}
    for kind, data in chunks:
        keyword, words = _png_chunk_words(kind, data)
        if keyword in _PNG_PROPERTIES and words:
            found.setdefault(_PNG_PROPERTIES[keyword], []).append(words)
    return list(found.items())


def _png_chunk_words(kind: bytes, data: bytes) -> tuple[bytes, str]:
    """A text chunk's keyword and its words: Latin-1 in tEXt and zTXt (compressed), UTF-8 in
    iTXt (compressed or not, after a language and a translated keyword); "" for words that
    cannot be unpacked."""
    keyword, _, rest = data.partition(b"\x00")
    try:
        if kind == b"tEXt":
            return keyword, _xml_words(rest.decode("latin-1"))
        if kind == b"zTXt":
            return keyword, _xml_words(_unpacked(rest[1:]).decode("latin-1"))
        parts = rest[2:].split(b"\x00", 2)  # its language, translated keyword and words
        if len(parts) < 3:
            return keyword, ""
        text = _unpacked(parts[2]) if rest[:1] == b"\x01" else parts[2]
        return keyword, _xml_words(text.decode("utf-8", "replace"))
    except zlib.error:
        return keyword, ""


def _unpacked(data: bytes) -> bytes:
    """A PNG text chunk's compressed words, up to ``_PNG_WORDS_MAX`` bytes of them."""
    return zlib.decompressobj().decompress(data, _PNG_WORDS_MAX)


def xmp_with_words(packet: bytes | None, words: Iterable[_Words]) -> bytes | None:
    """``packet`` saying ``words`` too, each in its property where the packet says nothing of
    it yet (the first words given for a property said, the others' left out), in a
    description of their own; a new packet where there is none. A packet that cannot be
    read as XMP is carried as it is."""
    words = list(words)
    if not words:
        return packet
    document = _parsed(packet or _NEW_PACKET)
    rdf = None if document is None else _first(document, _RDF, "RDF")
    if document is None or rdf is None:
        return packet
    descriptions = _descriptions(rdf)
    missing: dict[_Property, list[str]] = {}
    for prop, said in words:
        if not _says(descriptions, prop.namespace, prop.name):
            missing.setdefault(prop, said)
    if not missing:
        return packet
    rdf.appendChild(_words_description(document, _about(descriptions), missing))
    return _serialised(document)


def _words_description(
    document: minidom.Document, about: str, words: dict[_Property, list[str]]
) -> minidom.Element:
    """An ``rdf:Description`` holding ``words``, each in its property."""
    description = document.createElementNS(_RDF, "rdf:Description")
    description.setAttribute("xmlns:rdf", _RDF)
    for namespace in dict.fromkeys(prop.namespace for prop in words):
        description.setAttribute(f"xmlns:{_PREFIXES[namespace]}", namespace)
    description.setAttributeNS(_RDF, "rdf:about", about)
    for prop, said in words.items():
        name = f"{_PREFIXES[prop.namespace]}:{prop.name}"
        if not prop.kind:
            _add(document, description, name, said[0])
            continue
        container = document.createElement(f"rdf:{prop.kind}")
        for text in said[:1] if prop.kind == "Alt" else said:
            _add(document, container, "rdf:li", text)
            if prop.kind == "Alt":
                container.lastChild.setAttribute("xml:lang", "x-default")
        element = document.createElement(name)
        element.appendChild(container)
        description.appendChild(element)
    return description
