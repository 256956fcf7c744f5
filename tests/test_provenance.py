"""A restored file says it is a restoration: Rekindle and what it did, in the EXIF of PNG,
JPEG and WebP and in TIFF's own tags, beside the original's camera and date."""

import hashlib
from dataclasses import replace

import av
import numpy as np
import pytest
import tifffile
import torch
from PIL import Image

from engine import provenance
from engine.cli import main
from engine.fading import LEFT_ALONE
from engine.imageio import Picture, read_picture, write_picture
from engine.library.loading import load_model
from engine.output_size import OutputSize
from engine.provenance import (
    DESCRIPTION_TAG,
    SOFTWARE_TAG,
    exif_tags,
    marked_exif,
    software,
    source_place,
)
from engine.restorer import RestoreOptions, Restorer
from engine.video import VideoOptions, restore_video
from tests.video_helpers import make_clip, tiny_restorer

MAKE = 0x010F
MODEL = 0x0110


def marks(exif: bytes | None) -> tuple[str | None, str | None]:
    """The ``Software`` and ``ImageDescription`` an EXIF block holds (None where absent)."""
    tags = exif_tags(exif)
    return tags.get(SOFTWARE_TAG), tags.get(DESCRIPTION_TAG)


def _camera_exif():
    exif = Image.Exif()
    exif[MAKE] = "Kodak Retina"
    return exif.tobytes()


@pytest.fixture
def restored(tiny_model_file):
    restorer = Restorer(load_model(tiny_model_file), torch.device("cpu"))
    rng = np.random.default_rng(0)
    original = Picture(
        rng.integers(0, 255, (24, 32, 3), np.uint8), None, None, _camera_exif(), "jpg"
    )
    return restorer, original


def _restored_with(restorer: Restorer) -> str:
    """How a result's description names the models it was restored with: their names and
    the fingerprint of their files."""
    return f"Restored with {restorer.chain.display_name} [model fingerprint {restorer.fingerprint}]"


def test_the_result_names_rekindle_and_what_was_done(restored):
    restorer, original = restored
    plain = restorer.restore(original)
    made_by, description = marks(plain.exif)
    assert made_by == software() and made_by.startswith("Rekindle")
    assert description == f"{_restored_with(restorer)}, enlarged {restorer.scale}x"
    careful = restorer.restore(original, RestoreOptions(fix_fading=True, ensemble=True))
    ending = "; no sign of fading, colours kept; eight orientations averaged"
    assert marks(careful.exif)[1].endswith(ending)  # noise from 0 to 255 never faded
    faded = replace(original, pixels=(60 + original.pixels * 0.5).astype(np.uint8))
    fixed = restorer.restore(faded, RestoreOptions(fix_fading=True))
    assert marks(fixed.exif)[1].endswith("; fading fixed first")  # greyed blacks, dull whites
    tags = Image.Exif()
    tags.load(plain.exif)
    assert tags[MAKE] == "Kodak Retina"  # the original's own EXIF stays
    assert marks(original.exif) == (None, None)  # the original picture is not touched


def test_the_originals_caption_is_kept_before_what_was_done(restored):
    restorer, original = restored
    exif = Image.Exif()
    exif.load(original.exif)
    exif[DESCRIPTION_TAG] = "Grandma and Joe, Brighton 1952 "
    captioned = restorer.restore(replace(original, exif=exif.tobytes()))
    done = f"{_restored_with(restorer)}, enlarged {restorer.scale}x"
    assert marks(captioned.exif)[1] == f"Grandma and Joe, Brighton 1952 | {done}"


@pytest.mark.parametrize(
    "options",
    [RestoreOptions(scale_out=1), RestoreOptions(size=OutputSize(long_side=32))],
    ids=["scale-1", "its-own-long-side"],
)
def test_a_result_of_the_originals_size_says_it_was_kept_at_its_size(restored, options):
    restorer, original = restored
    result = restorer.restore(original, options)
    assert result.pixels.shape == original.pixels.shape
    done = f"{_restored_with(restorer)}, kept at its size"
    assert marks(result.exif)[1] == done


def test_a_size_asked_for_is_told_and_without_one_the_scale(restored):
    restorer, original = restored
    larger = restorer.restore(original, RestoreOptions(size=OutputSize(long_side=40)))
    assert marks(larger.exif)[1].endswith(", enlarged to 40x30")
    unasked = restorer.restore(original, RestoreOptions(size=OutputSize()))  # the command line's
    assert marks(unasked.exif)[1].endswith(f", enlarged {restorer.scale}x")


MACHINE_DESCRIPTIONS = [
    '{"shape": [96, 128, 3]}',  # tifffile's
    "shape=(96, 128, 3)",  # tifffile's, of old
    "ImageJ=1.54f\nimages=2\nslices=2\n",
    '<?xml version="1.0" encoding="UTF-8"?><OME xmlns="http://www.openmicroscopy.org"></OME>',
    "<MetaData><prop id='Description' type='string' value=''/></MetaData>",
    "Aperio Image Library v12.0.15 \n46920x33014 [0,100 46000x32914] (256x256) JPEG/RGB Q=30",
    "state.configPath='C:\\ScanImage'\nstate.software.version=3.8",
    "SIMPLE  =                    T / file does conform to FITS standard END",
]


@pytest.mark.parametrize(
    "machine",
    MACHINE_DESCRIPTIONS,
    ids=["tifffile", "tifffile-old", "imagej", "ome", "metaseries", "aperio", "scanimage", "fits"],
)
def test_a_description_written_for_programs_is_no_caption(restored, machine):
    """Data about the original file would misdescribe its restoration, and followed by what
    Rekindle did, tifffile could no longer read the TIFF it describes."""
    restorer, original = restored
    exif = Image.Exif()
    exif[DESCRIPTION_TAG] = machine
    result = restorer.restore(replace(original, exif=exif.tobytes()))
    assert marks(result.exif)[1] == marks(restorer.restore(original).exif)[1]


@pytest.mark.parametrize(
    "caption", ["[1952] Grandma and Joe", "<3 from Brighton", "{Joe} at 6", "shape of things"]
)
def test_a_caption_that_looks_a_little_like_data_is_kept(caption):
    assert marks(marked_exif(_described(caption), "Restored"))[1] == f"{caption} | Restored"


def _described(description: str, **camera: str) -> bytes:
    """EXIF holding ``description``, and the camera's ``make`` and ``model`` where given."""
    exif = Image.Exif()
    exif[DESCRIPTION_TAG] = description
    for name, value in camera.items():
        exif[{"make": MAKE, "model": MODEL}[name]] = value
    return exif.tobytes()


CAMERA_PLACEHOLDERS = [
    "OLYMPUS DIGITAL CAMERA         ",
    "SONY DSC",
    "KODAK Digital Still Camera",
    "SAMSUNG",
    "<KENOX S630  / Samsung S630>",
    "<Digimax i5, Samsung #1>",
    "Digital Camera",
    "default",
    "DCIM",
    "Exif_JPEG_PICTURE",
    "konica minolta digital camera",
    "           ",
]


@pytest.mark.parametrize("placeholder", CAMERA_PLACEHOLDERS)
def test_what_a_camera_writes_by_itself_is_no_caption(placeholder):
    assert marks(marked_exif(_described(placeholder), "Restored"))[1] == "Restored"


@pytest.mark.parametrize("name", ["make", "model"])
def test_a_description_naming_the_camera_that_took_the_photo_is_no_caption(name):
    camera = {"make": "NIKON", "model": "E4500"}
    exif = _described(f" {camera[name].lower()} ", **camera)
    assert marks(marked_exif(exif, "Restored"))[1] == "Restored"


def test_a_caption_beside_a_cameras_name_is_kept():
    exif = _described("Grandma at the lake, 1962", make="OLYMPUS", model="C-50Z")
    assert marks(marked_exif(exif, "Restored"))[1] == "Grandma at the lake, 1962 | Restored"


def test_a_tiff_tifffile_wrote_is_restored_to_one_it_reads(tmp_path, restored):
    restorer, _ = restored
    pixels = np.random.default_rng(1).integers(0, 255, (24, 32, 3), np.uint8)
    tifffile.imwrite(tmp_path / "scan.tif", pixels, photometric="rgb")
    result = restorer.restore(read_picture(tmp_path / "scan.tif"))
    path = write_picture(result, tmp_path / "restored.tif")
    assert tifffile.imread(path).shape == (96, 128, 3)
    with tifffile.TiffFile(path) as tiff:
        assert tiff.pages[0].description.startswith("Restored with ")


def test_the_date_taken_stays_and_a_damaged_exif_block_does_not_stop_the_restoration(
    restored,
):
    restorer, original = restored
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9003] = "1962:07:04 10:00:00"  # DateTimeOriginal, in its own IFD
    dated = restorer.restore(replace(original, exif=exif.tobytes()))
    tags = Image.Exif()
    tags.load(dated.exif)
    assert tags.get_ifd(0x8769)[0x9003] == "1962:07:04 10:00:00"
    damaged = restorer.restore(replace(original, exif=b"Exif\x00\x00not a tiff header"))
    assert marks(damaged.exif)[0] == software()


@pytest.mark.parametrize("suffix", [".png", ".jpg", ".webp"])
def test_the_marks_are_in_the_written_file(tmp_path, restored, suffix):
    restorer, original = restored
    path = write_picture(restorer.restore(original), tmp_path / f"out{suffix}")
    assert marks(read_picture(path).exif) == marks(restorer.restore(original).exif)


def test_a_tiff_carries_them_in_its_own_tags(tmp_path, restored):
    restorer, original = restored
    result = restorer.restore(original)
    path = write_picture(result, tmp_path / "out.tif")
    with tifffile.TiffFile(path) as tiff:
        tags = tiff.pages[0].tags
        assert (tags["Software"].value, tags["ImageDescription"].value) == marks(result.exif)
        assert tags["Make"].value == "Kodak Retina"  # beside the original's camera


def test_the_command_line_marks_its_results(tmp_path, tiny_model_file):
    source = write_picture(
        Picture(np.full((16, 16, 3), 90, np.uint8), None, None, None, "png"), tmp_path / "a.png"
    )
    assert (
        main(["restore", str(source), "-o", str(tmp_path / "out"), "--model", str(tiny_model_file)])
        == 0
    )
    made_by, description = marks(read_picture(tmp_path / "out" / "a.png").exif)
    assert made_by == software() and description.startswith("Restored with ")
    assert SOFTWARE_TAG == 305 and DESCRIPTION_TAG == 270  # the standard TIFF/EXIF numbers


@pytest.mark.parametrize("suffix", [".mp4", ".mkv"])
def test_a_restored_film_says_so_in_its_comment(tmp_path, suffix):
    clip = make_clip(tmp_path / "reel.mp4", frames=4, audio=None)
    restorer = tiny_restorer(tmp_path)
    target = tmp_path / f"restored{suffix}"
    restore_video(restorer, clip, target, VideoOptions(frames=RestoreOptions(fix_fading=True)))
    with av.open(str(target)) as film:
        tags = {key.lower(): value for key, value in film.metadata.items()}  # Matroska: COMMENT
    expected = restorer.describe(restorer.scale, RestoreOptions(fix_fading=True), None, LEFT_ALONE)
    digest = hashlib.sha256(clip.read_bytes()).hexdigest()
    made_from = f"made from reel.mp4 (SHA-256 {digest}; place {source_place(clip)})"
    assert tags["comment"] == f"{software()}: {expected}; {made_from}"
    assert expected.endswith("; no sign of fading, colours kept")  # the test clip never faded


def test_a_restored_film_keeps_the_sources_own_tags(tmp_path):
    clip = make_clip(tmp_path / "reel.mkv", frames=4, audio=None, codec="ffv1")
    tagged = tmp_path / "tagged.mkv"
    with av.open(str(clip)) as source, av.open(str(tagged), "w") as out:
        stream = out.add_stream_from_template(source.streams.video[0])
        out.metadata.update({"title": "Market Street, 1906", "comment": "reel 2 of 3"})
        for packet in source.demux(source.streams.video[0]):
            if packet.size:
                packet.stream = stream
                out.mux(packet)
    restorer = tiny_restorer(tmp_path)
    target = tmp_path / "restored.mp4"
    restore_video(restorer, tagged, target)
    with av.open(str(target)) as film:
        tags = {key.lower(): value for key, value in film.metadata.items()}
    assert tags["title"] == "Market Street, 1906"
    assert tags["comment"].startswith("reel 2 of 3; " + software() + ": Restored with ")


def test_a_picture_with_a_damaged_exif_block_is_still_saved_as_tiff(tmp_path):
    picture = Picture(np.full((8, 8, 3), 90, np.uint8), None, None, b"Exif\x00\x00junk", "jpg")
    path = write_picture(picture, tmp_path / "out.tif")
    assert read_picture(path).pixels.shape == (8, 8, 3)
    assert marks(picture.exif) == (None, None)


def test_the_version_is_looked_up_once_for_every_picture(monkeypatch):
    looked_up = []
    real = provenance.metadata.version

    def counting(name: str) -> str:
        looked_up.append(name)
        return real(name)

    provenance.software.cache_clear()
    monkeypatch.setattr(provenance.metadata, "version", counting)
    try:
        assert {provenance.software() for _ in range(3)} == {provenance.software()}
        assert len(looked_up) == 1
    finally:
        provenance.software.cache_clear()
