"""The command line's line before the work says what the result's size will really be: the
scale chosen (``--scale-out``, 1 being the photo's own size), or the size asked for, never
the model's own scale when the result is made another size."""

from pathlib import Path

import numpy as np
import pytest

from engine.chain import ModelChain
from engine.cli import main
from engine.imageio import Picture, read_picture, write_picture
from engine.library.loading import load_model
from engine.provenance import DESCRIPTION_TAG, exif_tags
from tests.video_helpers import make_clip


@pytest.fixture
def photo(tmp_path) -> Path:
    """A small photo, 32x24."""
    pixels = np.random.default_rng(0).integers(0, 255, (24, 32, 3), np.uint8)
    return write_picture(Picture(pixels, None, None, None, "png"), tmp_path / "photo.png")


@pytest.mark.parametrize(
    ("size", "said", "shape"),
    [
        (["--scale-out", "1"], "Tiny, same size", (24, 32, 3)),
        (["--scale-out", "2"], "Tiny, enlarging 2x", (48, 64, 3)),
        ([], "Tiny, enlarging 4x", (96, 128, 3)),
        (["--long-side", "32"], "Tiny, to 32 px on the long side", (24, 32, 3)),
        (["--print-size", "4x3mm", "--dpi", "254"], "Tiny, to fit within a 4x3 mm print at 254 dpi",
         (30, 40, 3)),
    ],
    ids=["same-size", "2x", "the-models-scale", "long-side", "print"],
)  # fmt: skip
def test_a_batch_says_the_size_it_restores_to(
    photo, tmp_path, tiny_model_file, capsys, size, said, shape
):
    out = tmp_path / "out"
    code = main(["restore", str(photo), "-o", str(out), "--model", str(tiny_model_file), *size])
    assert code == 0
    assert f"1 image with {said}, on cpu" in capsys.readouterr().err
    assert read_picture(out / "photo.png").pixels.shape == shape


@pytest.mark.parametrize(
    ("long_side", "told"),
    [("16", "reduced to 16x12"), ("64", "enlarged to 64x48"), ("32", "kept at its size")],
    ids=["smaller", "larger", "its-own"],
)
def test_a_results_exif_says_whether_it_was_reduced_or_enlarged(
    photo, tmp_path, tiny_model_file, long_side, told
):
    out = tmp_path / "out"
    code = main(["restore", str(photo), "-o", str(out), "--model", str(tiny_model_file),
                 "--format", "jpg", "--long-side", long_side])  # fmt: skip
    assert code == 0
    described = exif_tags(read_picture(out / "photo.jpg").exif)[DESCRIPTION_TAG]
    fingerprint = ModelChain(load_model(tiny_model_file)).fingerprint()
    assert described == f"Restored with Tiny [model fingerprint {fingerprint}], {told}"


def test_a_photos_preview_says_the_size_it_restores_to(photo, tmp_path, tiny_model_file, capsys):
    out = tmp_path / "part.png"
    code = main(["preview", str(photo), "--part", "0,0,16,8", "-o", str(out),
                 "--model", str(tiny_model_file), "--scale-out", "1"])  # fmt: skip
    assert code == 0
    assert capsys.readouterr().out.rstrip().endswith("16x8, restored with Tiny, same size")


def test_a_film_says_the_scale_chosen_not_the_models(tmp_path, tiny_model_file, capsys):
    film = make_clip(tmp_path / "film.mp4", frames=2, size=(32, 24), audio=None)
    out = tmp_path / "frame.png"
    code = main(["preview", str(film), "--frame", "1", "-o", str(out),
                 "--model", str(tiny_model_file), "--scale-out", "2"])  # fmt: skip
    assert code == 0
    assert "frame 1 restored with Tiny, enlarging 2x" in capsys.readouterr().out
    assert read_picture(out).pixels.shape == (48, 64, 3)


LOOK = ["--ensemble", "--fix-fading", "--grain", "0.3"]
LOOK_SAID = ", eight orientations each, fading fixed where found, fine grain added (30%)"


def test_a_films_line_says_what_is_done_to_each_frame_as_a_photos_does(
    photo, tmp_path, tiny_model_file, capsys
):
    film = make_clip(tmp_path / "film.mp4", frames=2, size=(32, 24), audio=None)
    model = ["--model", str(tiny_model_file), *LOOK]
    assert main(["restore", str(photo), "-o", str(tmp_path / "photos"), *model]) == 0
    assert main(["restore-video", str(film), "-o", str(tmp_path / "out.mkv"), *model]) == 0
    photos_line, film_line = (
        line for line in capsys.readouterr().err.splitlines() if " with Tiny, " in line
    )
    assert photos_line.endswith(LOOK_SAID)
    assert film_line.endswith(LOOK_SAID)
