"""What a photo's file says about it in words beside its EXIF: its XMP packet (title,
keywords, creator, rights, captions, as photo managers write them), its IPTC record (the same,
as older archives and newspapers keep them) and a PNG's text chunks; and an XMP sidecar, the
``.xmp`` file of the same name beside a photo that an archive never writes into.

All of it travels into a restoration's file, in whichever of these its format holds, and the
sidecar beside it. A restoration's XMP is told apart from the original's (``derived_xmp``): it
gets document and instance IDs of its own, and ``xmpMM:DerivedFrom`` names the original's; an
archive's catalogue must never take it for the original scan.
"""

from __future__ import annotations

import os
import struct
import uuid
from dataclasses import dataclass, replace
from pathlib import Path
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
    pos = 0
    while pos + 5 <= len(record) and record[pos] == _IIM_TAG_MARKER:
        size = int.from_bytes(record[pos + 3 : pos + 5], "big")  # marker, record, dataset
        if size & _IIM_EXTENDED:
            return len(record)
        pos += 5 + size
    return pos if 0 < pos <= len(record) and not any(record[pos:]) else len(record)


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
    descriptions = [
        node
        for node in rdf.childNodes
        if node.nodeType == Node.ELEMENT_NODE and _is(node, _RDF, "Description")
    ]
    original = [_value(descriptions, _XMP_MM, name) for name in ("DocumentID", "InstanceID")]
    _leave_out(descriptions, _STALE)
    if any(original):
        root = _value(descriptions, _XMP_MM, "OriginalDocumentID")
        _leave_out(descriptions, _IDENTITY)
        about = descriptions[0].getAttributeNS(_RDF, "about") if descriptions else ""
        rdf.appendChild(_derivation(document, about, *original, root, note))
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
