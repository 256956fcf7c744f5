"""Words about a photo survive a result in another format: an IPTC record's (a JPEG's caption,
keywords, byline, rights) in a PNG or WebP, a PNG's text chunks (title, author, description)
in a JPEG, TIFF or WebP, said in the XMP each of those holds, as the IPTC Photo Metadata
Standard maps them, where the XMP does not say them already. And each file of one
restoration is an XMP instance of its own: a JPEG's and a TIFF's instance IDs differ."""

from __future__ import annotations

import struct
from pathlib import Path
from xml.dom import minidom

import numpy as np
import pytest
from PIL import Image, PngImagePlugin

from engine.imageio import Picture, read_picture, write_picture
from engine.text_metadata import TextMetadata, iptc_words, sidecar_of

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC = "http://purl.org/dc/elements/1.1/"
PHOTOSHOP = "http://ns.adobe.com/photoshop/1.0/"
IPTC_CORE = "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"
XMP_MM = "http://ns.adobe.com/xap/1.0/mm/"


def _dataset(record: int, number: int, value: bytes) -> bytes:
    return bytes([0x1C, record, number]) + struct.pack(">H", len(value)) + value


UTF8 = _dataset(1, 90, b"\x1b%G")
IPTC = (
    UTF8
    + _dataset(2, 0, b"\x00\x04")
    + _dataset(2, 120, "Grand-mère at Brighton, 1931".encode())
    + _dataset(2, 5, b"Brighton beach")
    + _dataset(2, 25, b"beach")
    + _dataset(2, 25, b"grandma")
    + _dataset(2, 80, b"Photographer Unknown")
    + _dataset(2, 116, b"(c) Smith Family Archive")
    + _dataset(2, 90, b"Brighton")
    + _dataset(2, 92, b"West Pier")
    + _dataset(2, 55, b"19310714")
    + _dataset(2, 60, b"153000+0100")
)
XMP_WITH_TITLE = (
    b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="' + RDF.encode() + b'">'
    b'<rdf:Description rdf:about="" xmlns:dc="' + DC.encode() + b'"'
    b' xmlns:xmpMM="' + XMP_MM.encode() + b'" xmpMM:DocumentID="xmp.did:scan-42"'
    b' xmpMM:InstanceID="xmp.iid:scan-42">'
    b'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Catalogue title</rdf:li></rdf:Alt>'
    b"</dc:title></rdf:Description></rdf:RDF></x:xmpmeta>"
    b'<?xpacket end="w"?>'
)


def _picture(text: TextMetadata, source_format: str = "jpg") -> Picture:
    pixels = np.random.default_rng(3).integers(0, 256, (12, 16, 3), dtype=np.uint8)
    return Picture(pixels, None, None, None, source_format, text_metadata=text)


def _said(packet: bytes | None, namespace: str, name: str) -> list[list[str]]:
    """The words of each ``name`` property in ``packet``: a list's items, or its one text."""
    assert packet is not None
    document = minidom.parseString(packet)
    found = []
    for element in document.getElementsByTagNameNS(namespace, name):
        items = element.getElementsByTagNameNS(RDF, "li")
        texts = items if items.length else [element]
        found.append([node.firstChild.data for node in texts])
    return found


def _xmp_of(path: Path) -> bytes | None:
    return read_picture(path).text_metadata.xmp


@pytest.mark.parametrize("ext", [".png", ".webp"])
def test_an_iptc_records_words_are_said_in_the_xmp_of_a_format_without_iptc(
    tmp_path: Path, ext: str
) -> None:
    path = write_picture(_picture(TextMetadata(iptc=IPTC)), tmp_path / f"r{ext}")

    xmp = _xmp_of(path)
    assert _said(xmp, DC, "description") == [["Grand-mère at Brighton, 1931"]]
    assert _said(xmp, DC, "title") == [["Brighton beach"]]
    assert _said(xmp, DC, "subject") == [["beach", "grandma"]]
    assert _said(xmp, DC, "creator") == [["Photographer Unknown"]]
    assert _said(xmp, DC, "rights") == [["(c) Smith Family Archive"]]
    assert _said(xmp, PHOTOSHOP, "City") == [["Brighton"]]
    assert _said(xmp, IPTC_CORE, "Location") == [["West Pier"]]
    assert _said(xmp, PHOTOSHOP, "DateCreated") == [["1931-07-14T15:30:00+01:00"]]


def test_words_the_xmp_says_already_are_not_said_again(tmp_path: Path) -> None:
    text = TextMetadata(xmp=XMP_WITH_TITLE, iptc=IPTC)

    xmp = _xmp_of(write_picture(_picture(text), tmp_path / "r.png"))

    assert _said(xmp, DC, "title") == [["Catalogue title"]]
    assert _said(xmp, DC, "creator") == [["Photographer Unknown"]]


@pytest.mark.parametrize("ext", [".jpg", ".tif"])
def test_a_format_holding_iptc_keeps_it_and_its_xmp_as_they_are(tmp_path: Path, ext: str) -> None:
    text = TextMetadata(iptc=IPTC)

    kept = read_picture(write_picture(_picture(text), tmp_path / f"r{ext}")).text_metadata

    assert kept.iptc == IPTC and kept.xmp is None


@pytest.mark.parametrize(
    ("record", "date"),
    [
        (_dataset(2, 55, b"19310714"), "1931-07-14"),
        (_dataset(2, 55, b"19310700"), "1931-07"),
        (_dataset(2, 55, b"19310000") + _dataset(2, 60, b"153000+0100"), "1931"),
        (_dataset(2, 55, b"July 1931"), None),
    ],
)
def test_an_iptc_date_created_is_said_as_xmp_writes_a_date(record: bytes, date: str | None) -> None:
    said = dict(iptc_words(record))
    assert [value for prop, value in said.items() if prop.name == "DateCreated"] == (
        [] if date is None else [[date]]
    )


def test_iptc_words_without_a_character_set_are_read_as_latin_1() -> None:
    said = iptc_words(_dataset(2, 80, "Zoë Müller".encode("latin-1")))
    assert [(prop.name, value) for prop, value in said] == [("creator", ["Zoë Müller"])]


@pytest.fixture
def png_with_text(tmp_path: Path) -> Path:
    text = PngImagePlugin.PngInfo()
    text.add_text("Title", "Grandma at the lake")
    text.add_text("Author", "Zoë Müller", zip=True)
    text.add_itxt("Description", "Grand-mère au lac, 1962", lang="fr", zip=True)
    text.add_text("Copyright", "(c) Smith Family Archive")
    text.add_text("Comment", "scanned twice")
    source = tmp_path / "scan.png"
    Image.new("RGB", (16, 12), "grey").save(source, pnginfo=text)
    return source


@pytest.mark.parametrize("ext", [".jpg", ".tif", ".webp"])
def test_a_pngs_text_is_said_in_the_xmp_of_another_format(
    tmp_path: Path, png_with_text: Path, ext: str
) -> None:
    path = write_picture(read_picture(png_with_text), tmp_path / f"r{ext}")

    xmp = _xmp_of(path)
    assert _said(xmp, DC, "title") == [["Grandma at the lake"]]
    assert _said(xmp, DC, "creator") == [["Zoë Müller"]]
    assert _said(xmp, DC, "description") == [["Grand-mère au lac, 1962"]]
    assert _said(xmp, DC, "rights") == [["(c) Smith Family Archive"]]


def test_a_pngs_text_in_a_png_stays_text_alone(tmp_path: Path, png_with_text: Path) -> None:
    kept = read_picture(write_picture(read_picture(png_with_text), tmp_path / "r.png"))
    assert kept.text_metadata.xmp is None and len(kept.text_metadata.png_text) == 5


def _instance(packet: bytes | None) -> str:
    (found,) = _said(packet, XMP_MM, "InstanceID")
    return found[0]


def test_each_format_of_one_restoration_is_an_instance_of_its_own(tmp_path: Path) -> None:
    original = TextMetadata(xmp=XMP_WITH_TITLE, sidecar=XMP_WITH_TITLE)
    restored = _picture(original.derived("Restored with Faithful 4x"))

    files = [write_picture(restored, tmp_path / name) for name in ("j.jpg", "t.tif", "again.tif")]

    jpeg, tiff, tiff_again = map(_xmp_of, files)
    assert _said(jpeg, XMP_MM, "DocumentID") == _said(tiff, XMP_MM, "DocumentID")
    assert len({_instance(jpeg), _instance(tiff), "xmp.iid:scan-42"}) == 3
    assert _instance(tiff_again) == _instance(tiff)
    for path, xmp in zip(files, (jpeg, tiff), strict=False):
        sidecar = sidecar_of(path)
        assert sidecar is not None and _instance(sidecar.read_bytes()) == _instance(xmp)


def test_an_originals_instance_id_is_kept(tmp_path: Path) -> None:
    """Only a derivative's XMP (one naming what it was derived from) is made an instance of
    its own file: an original's IDs are its own."""
    path = write_picture(_picture(TextMetadata(xmp=XMP_WITH_TITLE)), tmp_path / "r.tif")
    assert _xmp_of(path) == XMP_WITH_TITLE
