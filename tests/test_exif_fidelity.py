"""The EXIF a result carries stays true: the original's text byte for byte (UTF-8 accents and
signs, as exiftool, cameras and phones write them), the fields that identify the original file
made the result's own, and a block too large for a JPEG's EXIF segment trimmed, with a note,
rather than failing the save once the work is done."""

import struct
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
import torch
from PIL import Image

from engine.batch import Job, restore_picture
from engine.imageio import Picture, read_picture, write_picture
from engine.library.loading import load_model
from engine.provenance import exif_tags, marked_exif, software
from engine.restorer import Restorer
from engine.turn import turn_file

DESCRIPTION, MAKE, SOFTWARE, DATE_TIME, ARTIST, COPYRIGHT = (
    0x010E,
    0x010F,
    0x0131,
    0x0132,
    0x013B,
    0x8298,
)
EXIF_IFD = 0x8769
DATE_TAKEN, DATE_DIGITIZED, OFFSET_TIME, MAKER_NOTE = 0x9003, 0x9004, 0x9010, 0x927C
USER_COMMENT = 0x9286
PIXEL_WIDTH, PIXEL_HEIGHT, UNIQUE_ID = 0xA002, 0xA003, 0xA420
EXIF_DATE = "%Y:%m:%d %H:%M:%S"

TEXT = {
    DESCRIPTION: "Oma am Genfer See – Sommer 1962, Größe",
    ARTIST: "Zoë Müller",
    COPYRIGHT: "© Müller",
}
BIG_MAKER_NOTE = b"\0" * 65420  # with the marks, beyond a JPEG's 64 KB EXIF segment


def text_exif(texts: dict[int, str], encoding: str = "utf-8") -> bytes:
    """An EXIF block whose first directory holds ``texts``, UTF-8 as exiftool writes them
    (packed here by hand: Pillow would write '?' for each byte over 127)."""
    values = [(code, text.encode(encoding) + b"\0") for code, text in sorted(texts.items())]
    offset = 8 + 2 + 12 * len(values) + 4  # header, count, entries, next directory
    entries = data = b""
    for code, value in values:
        entries += struct.pack("<HHLL", code, 2, len(value), offset + len(data))
        data += value
    return b"Exif\0\0II*\0" + struct.pack("<LH", 8, len(values)) + entries + b"\0" * 4 + data


def text_of(path: Path, tag: int) -> str:
    """A text tag of a written file's EXIF (a TIFF's own tags), its bytes read as UTF-8."""
    with Image.open(path) as im:
        return im.getexif()[tag].encode("latin-1").decode("utf-8")


def photo_with(tmp_path: Path, exif: bytes) -> Path:
    path = tmp_path / "photo.jpg"
    pixels = np.random.default_rng(0).integers(0, 255, (24, 32, 3), np.uint8)
    Image.fromarray(pixels).save(path, quality=92, exif=exif)
    return path


@pytest.mark.parametrize("ext", [".jpg", ".png", ".webp", ".tif"])
def test_utf8_text_and_rekindles_own_description_are_carried_byte_for_byte(tmp_path, ext):
    picture = read_picture(photo_with(tmp_path, text_exif(TEXT)))
    restored = replace(picture, exif=marked_exif(picture.exif, "Restored with Modèle 4x"))
    path = write_picture(restored, tmp_path / f"restored{ext}")
    assert text_of(path, ARTIST) == TEXT[ARTIST]
    assert text_of(path, COPYRIGHT) == TEXT[COPYRIGHT]
    assert text_of(path, DESCRIPTION) == f"{TEXT[DESCRIPTION]} | Restored with Modèle 4x"


def test_a_turned_copy_and_a_print_size_keep_the_text(tmp_path):
    source = photo_with(tmp_path, text_exif(TEXT))
    assert text_of(turn_file(source, 1, tmp_path / "turned"), ARTIST) == TEXT[ARTIST]
    printed = replace(read_picture(source), dpi=300)  # the resolution is written anew
    assert text_of(write_picture(printed, tmp_path / "print.jpg"), COPYRIGHT) == TEXT[COPYRIGHT]


def test_a_latin1_caption_is_read_as_the_words_it_holds():
    legacy = text_exif({DESCRIPTION: "Größe am See"}, "latin-1")  # as old Windows software wrote
    tags = exif_tags(marked_exif(legacy, "Restored"))
    assert tags[DESCRIPTION].encode("latin-1").decode("utf-8") == "Größe am See | Restored"


def _dated_exif() -> bytes:
    exif = Image.Exif()
    exif[SOFTWARE], exif[DATE_TIME] = "EPSON Scan", "2020:01:02 03:04:05"
    own = exif.get_ifd(EXIF_IFD)
    own[DATE_TAKEN], own[DATE_DIGITIZED] = "1962:07:14 10:00:00", "2020:01:02 03:04:05"
    own[OFFSET_TIME], own[UNIQUE_ID] = "+09:30", "0123456789abcdef0123456789abcdef"
    return exif.tobytes()


def test_a_restoration_has_its_own_identity_date_and_keeps_the_scanners_name():
    before = datetime.now().replace(microsecond=0)
    tags = exif_tags(marked_exif(_dated_exif(), "Restored"))
    written = datetime.strptime(tags[DATE_TIME], EXIF_DATE)
    assert before <= written <= datetime.now()
    own = tags.get_ifd(EXIF_IFD)
    assert UNIQUE_ID not in own
    assert (own[DATE_TAKEN], own[DATE_DIGITIZED]) == ("1962:07:14 10:00:00", "2020:01:02 03:04:05")
    offset = datetime.now().astimezone().strftime("%z")
    assert own[OFFSET_TIME] == f"{offset[:3]}:{offset[3:]}"  # the new date's time zone
    assert tags[SOFTWARE] == software()
    assert tags[DESCRIPTION] == "Restored; the original made with EPSON Scan"


@pytest.mark.parametrize("ext", [".jpg", ".png", ".webp"])
def test_the_exif_pixel_size_is_the_written_pictures(tmp_path, ext):
    exif = Image.Exif()
    exif.get_ifd(EXIF_IFD).update({PIXEL_WIDTH: 128, PIXEL_HEIGHT: 192})  # the original's
    pixels = np.zeros((48, 64, 3), np.uint8)
    path = write_picture(Picture(pixels, None, None, exif.tobytes(), "png"), tmp_path / f"r{ext}")
    with Image.open(path) as im:
        own = im.getexif().get_ifd(EXIF_IFD)
    assert (own[PIXEL_WIDTH], own[PIXEL_HEIGHT]) == (64, 48)


def _camera_exif() -> bytes:
    exif = Image.Exif()
    exif[MAKE] = "Canon"
    exif.get_ifd(EXIF_IFD)[MAKER_NOTE] = BIG_MAKER_NOTE
    return exif.tobytes()


def test_a_jpeg_leaves_out_a_maker_note_too_large_for_its_exif(tmp_path):
    marked = marked_exif(_camera_exif(), "Restored with Restore 4x, enlarged 4x")
    pixels = np.zeros((8, 8, 3), np.uint8)
    jpeg = write_picture(Picture(pixels, None, None, marked, "jpg"), tmp_path / "r.jpg")
    tags = exif_tags(read_picture(jpeg).exif)
    assert (tags[MAKE], tags[SOFTWARE]) == ("Canon", software())
    assert MAKER_NOTE not in tags.get_ifd(EXIF_IFD)
    png = write_picture(Picture(pixels, None, None, marked, "png"), tmp_path / "r.png")
    assert exif_tags(read_picture(png).exif).get_ifd(EXIF_IFD)[MAKER_NOTE] == BIG_MAKER_NOTE


def test_without_a_maker_note_the_largest_tag_is_left_out(tmp_path):
    exif = Image.Exif()
    exif[ARTIST] = "Jane Archivist"
    exif.get_ifd(EXIF_IFD)[USER_COMMENT] = b"ASCII\0\0\0" + b"x" * 65500
    pixels = np.zeros((8, 8, 3), np.uint8)
    jpeg = write_picture(Picture(pixels, None, None, exif.tobytes(), "jpg"), tmp_path / "r.jpg")
    tags = exif_tags(read_picture(jpeg).exif)
    assert tags[ARTIST] == "Jane Archivist" and USER_COMMENT not in tags.get_ifd(EXIF_IFD)


@pytest.mark.parametrize(("suffix", "noted"), [(".jpg", True), (".png", False)])
def test_the_left_out_maker_note_is_told(tmp_path, tiny_model_file, suffix, noted):
    restorer = Restorer(load_model(tiny_model_file), torch.device("cpu"))
    source = photo_with(tmp_path, _camera_exif())
    notes: list[str] = []
    job = Job(source, tmp_path / "out" / f"photo{suffix}")
    restore_picture(restorer, job, on_notice=notes.append)
    assert any("MakerNote" in note for note in notes) == noted
