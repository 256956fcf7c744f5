"""Metadata in words beside the EXIF (XMP, IPTC, a PNG's text, an XMP sidecar), and a TIFF's
EXIF and GPS directories, carried from the original into its results, into the prints cut from
a scan, and into a result saved again in another format."""

from __future__ import annotations

import io
import struct
from pathlib import Path
from xml.dom import minidom

import numpy as np
import pytest
import tifffile
import torch
from PIL import Image, PngImagePlugin

from engine.batch import save_again
from engine.imageio import Picture, read_picture, resolution_of, write_picture
from engine.library.loading import load_model
from engine.restorer import Restorer
from engine.split import split_scan
from engine.text_metadata import TextMetadata
from tests.scan_helpers import kodak_print, scan_of

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XMP_MM = "http://ns.adobe.com/xap/1.0/mm/"
RESOURCE_REF = "http://ns.adobe.com/xap/1.0/sType/ResourceRef#"
TIFF_NS = "http://ns.adobe.com/tiff/1.0/"
XMP = (
    b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="' + RDF.encode() + b'">'
    b'<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
    b' xmlns:xmpMM="' + XMP_MM.encode() + b'" xmlns:tiff="' + TIFF_NS.encode() + b'"'
    b' xmpMM:DocumentID="xmp.did:scan-42" tiff:Orientation="6">'
    b'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Grandma at the lake</rdf:li></rdf:Alt>'
    b"</dc:title><xmpMM:InstanceID>xmp.iid:scan-42</xmpMM:InstanceID>"
    b'</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)
TITLE = b"Grandma at the lake"
ARTIST, COPYRIGHT, MAKE, X_RESOLUTION, RESOLUTION_UNIT = 0x013B, 0x8298, 0x010F, 0x011A, 0x0128
EXIF_IFD, GPS_IFD, DATE_TAKEN, LATITUDE = 0x8769, 0x8825, 0x9003, 0x0002


def _dataset(number: int, value: bytes) -> bytes:
    """An IPTC dataset of the application record (2)."""
    return bytes([0x1C, 2, number]) + struct.pack(">H", len(value)) + value


IPTC = _dataset(0x19, b"lake") + _dataset(0x50, b"Jane Archivist") + _dataset(0x74, b"(c) SFA")


def _app13(iptc: bytes) -> bytes:
    """A JPEG APP13 segment holding ``iptc`` as Photoshop writes it."""
    data = b"Photoshop 3.0\x008BIM" + struct.pack(">HHI", 0x0404, 0, len(iptc)) + iptc
    data += b"\x00" * (len(iptc) % 2)
    return b"\xff\xed" + struct.pack(">H", len(data) + 2) + data


def _photo(path: Path) -> Path:
    """A JPEG with an XMP packet (written by Pillow) and an IPTC record (spliced in)."""
    buffer = io.BytesIO()
    pixels = np.random.default_rng(0).integers(0, 256, (24, 32, 3), dtype=np.uint8)
    Image.fromarray(pixels).save(buffer, "JPEG", quality=90, xmp=XMP)
    jpeg = buffer.getvalue()
    path.write_bytes(jpeg[:2] + _app13(IPTC) + jpeg[2:])
    return path


def _xmp_of(path: Path) -> bytes:
    with Image.open(path) as im:
        xmp = im.info.get("xmp", b"")
    return xmp.encode() if isinstance(xmp, str) else xmp


@pytest.mark.parametrize("ext", [".jpg", ".png", ".tif", ".webp"])
def test_xmp_is_carried_into_every_format_that_holds_it(tmp_path: Path, ext: str) -> None:
    result = write_picture(read_picture(_photo(tmp_path / "cam.jpg")), tmp_path / f"r{ext}")
    assert TITLE in _xmp_of(result)


def test_a_jpegs_iptc_is_carried_into_jpeg_and_tiff(tmp_path: Path) -> None:
    picture = read_picture(_photo(tmp_path / "cam.jpg"))
    jpeg = write_picture(picture, tmp_path / "r.jpg")
    tiff = write_picture(picture, tmp_path / "r.tif")
    with Image.open(jpeg) as im:
        assert im.info["photoshop"][0x0404] == IPTC
    with tifffile.TiffFile(tiff) as tif:
        stored = tif.pages.first.tags[33723]
        assert stored.dtype == 4  # as 32-bit numbers, as exiftool and Photoshop write it
    assert read_picture(tiff).text_metadata.iptc == IPTC  # its padding left out


def test_a_tiffs_iptc_written_as_numbers_is_read_whole(tmp_path: Path) -> None:
    padded = IPTC + bytes(-len(IPTC) % 4)
    numbers = struct.unpack(f"<{len(padded) // 4}I", padded)
    source = tmp_path / "scan.tif"
    tifffile.imwrite(
        source,
        np.zeros((8, 8, 3), np.uint8),
        photometric="rgb",
        extratags=[(33723, 4, len(numbers), numbers, True)],
    )
    assert read_picture(source).text_metadata.iptc == IPTC


def test_a_pngs_text_is_carried_into_png(tmp_path: Path) -> None:
    text = PngImagePlugin.PngInfo()
    text.add_text("Title", "Grandma at the lake")
    text.add_text("Author", "Zoë Müller", zip=True)
    text.add_itxt("Copyright", "© Smith Family Archive")
    text.add_text("Software", "PhotoScan 2")  # the result's own EXIF names its software
    source = tmp_path / "scan.png"
    Image.new("RGB", (16, 12), "grey").save(source, pnginfo=text)

    result = write_picture(read_picture(source), tmp_path / "restored.png")

    with Image.open(result) as im:
        im.load()
        found = dict(im.text)
    assert found == {
        "Title": "Grandma at the lake",
        "Author": "Zoë Müller",
        "Copyright": "© Smith Family Archive",
    }


def test_a_sidecar_is_written_beside_the_result_with_its_stem(tmp_path: Path) -> None:
    photo = _photo(tmp_path / "cam.jpg")
    (tmp_path / "cam.xmp").write_bytes(XMP)

    result = write_picture(read_picture(photo), tmp_path / "out" / "cam [x4].png")

    assert (tmp_path / "out" / "cam [x4].xmp").read_bytes() == XMP
    assert (tmp_path / "cam.xmp").read_bytes() == XMP
    assert sorted(p.name for p in result.parent.iterdir()) == ["cam [x4].png", "cam [x4].xmp"]


def test_the_originals_sidecar_is_never_replaced(tmp_path: Path) -> None:
    """Nor is another written beside it: a result of its stem shares it."""
    photo = _photo(tmp_path / "cam.jpg")
    (tmp_path / "cam.xmp").write_bytes(XMP)
    picture = read_picture(photo)
    picture.text_metadata = TextMetadata(sidecar=XMP.replace(TITLE, b"Someone else"))

    write_picture(picture, tmp_path / "cam.png", forbid=[photo])

    assert (tmp_path / "cam.xmp").read_bytes() == XMP
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cam.jpg", "cam.png", "cam.xmp"]


def test_a_result_saved_again_in_its_format_takes_its_sidecar_along(tmp_path: Path) -> None:
    picture = read_picture(_photo(tmp_path / "cam.jpg"))
    picture.text_metadata = TextMetadata(sidecar=XMP)
    saved = write_picture(picture, tmp_path / "first" / "cam.jpg")

    again = save_again(saved, tmp_path / "second" / "cam.jpg")

    assert again.with_suffix(".xmp").read_bytes() == XMP


def _parsed(packet: bytes) -> minidom.Document:
    return minidom.parseString(packet)


def _text(document: minidom.Document, namespace: str, name: str) -> str:
    """The text of the elements ``name`` in ``namespace``, joined."""
    return "".join(
        node.firstChild.data for node in document.getElementsByTagNameNS(namespace, name)
    )


def _property(document: minidom.Document, namespace: str, name: str) -> list[str]:
    """A simple property's values, written as attributes or elements."""
    values = [
        node.getAttributeNS(namespace, name)
        for node in document.getElementsByTagNameNS(RDF, "Description")
        if node.hasAttributeNS(namespace, name)
    ]
    return values + [
        node.firstChild.data for node in document.getElementsByTagNameNS(namespace, name)
    ]


def test_a_restorations_xmp_names_the_original_it_was_derived_from(
    tmp_path: Path, tiny_model_file: Path
) -> None:
    restorer = Restorer(load_model(tiny_model_file), torch.device("cpu"), tile=32)
    picture = read_picture(_photo(tmp_path / "cam.jpg"))
    picture.text_metadata = TextMetadata(xmp=XMP, sidecar=XMP)

    first, again = restorer.restore(picture), restorer.restore(picture)

    assert first.text_metadata.xmp == first.text_metadata.sidecar == again.text_metadata.xmp
    document = _parsed(first.text_metadata.xmp)
    assert _text(document, RDF, "li") == TITLE.decode()  # the rest is kept
    assert _text(document, RESOURCE_REF, "documentID") == "xmp.did:scan-42"
    assert _text(document, RESOURCE_REF, "instanceID") == "xmp.iid:scan-42"
    (own,) = _property(document, XMP_MM, "DocumentID")
    assert own.startswith("xmp.did:") and own != "xmp.did:scan-42"
    assert _property(document, XMP_MM, "OriginalDocumentID") == ["xmp.did:scan-42"]
    assert _property(document, TIFF_NS, "Orientation") == []  # the pixels are upright


def _camera_exif() -> bytes:
    exif = Image.Exif()
    exif[ARTIST], exif[MAKE] = "Jane Archivist", "Kodak"
    exif.get_ifd(EXIF_IFD)[DATE_TAKEN] = "1962:07:14 15:30:00"
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[LATITUDE] = "N", (46.0, 30.0, 0.0)
    return exif.tobytes()


def _directories(path: Path) -> tuple[dict, dict]:
    with Image.open(path) as im:
        exif = im.getexif()
        return dict(exif.get_ifd(EXIF_IFD)), dict(exif.get_ifd(GPS_IFD))


def test_a_tiff_result_saved_again_as_jpeg_keeps_the_date_taken_and_place(
    tmp_path: Path,
) -> None:
    pixels = np.random.default_rng(1).integers(0, 256, (24, 32, 3), dtype=np.uint8)
    picture = Picture(pixels, None, None, _camera_exif(), "jpg")
    direct = write_picture(picture, tmp_path / "direct" / "cam.jpg")
    tiff = write_picture(picture, tmp_path / "kept" / "cam.tif")

    again = save_again(tiff, tmp_path / "kept" / "cam.jpg")

    date_taken, place = _directories(again)
    assert date_taken[DATE_TAKEN] == "1962:07:14 15:30:00"
    assert place[LATITUDE] == (46.0, 30.0, 0.0)
    assert _directories(again) == _directories(direct)
    with tifffile.TiffFile(tiff) as tif:  # the TIFF's own EXIF and GPS directories
        assert tif.pages.first.tags["ExifTag"].value["DateTimeOriginal"] == date_taken[DATE_TAKEN]
        assert tif.pages.first.tags["GPSTag"].value["GPSLatitudeRef"] == "N"


def test_prints_keep_the_scans_resolution_rights_and_text(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[ARTIST], exif[COPYRIGHT], exif[MAKE] = "Jane Archivist", "(c) SFA", "Epson"
    exif[X_RESOLUTION] = exif[0x011B] = 600
    exif[RESOLUTION_UNIT] = 2
    text = TextMetadata(xmp=XMP, iptc=IPTC)
    scan = Picture(scan_of([kodak_print(n) for n in (3, 5, 23)]), None, None, exif.tobytes(), "png")
    scan.text_metadata = text

    parts = split_scan(scan)

    for part in parts:
        assert resolution_of(part) == 600
        assert part.text_metadata.iptc == IPTC and TITLE in part.text_metadata.xmp
    assert len({part.text_metadata.xmp for part in parts}) == 3  # each a document of its own
    written = write_picture(parts[0], tmp_path / "print.jpg")
    with Image.open(written) as im:
        tags = im.getexif()
        assert im.info["dpi"] == (600, 600)
    assert (tags[ARTIST], tags[COPYRIGHT]) == ("Jane Archivist", "(c) SFA")
    assert MAKE not in tags  # the scanner is the scan's own
