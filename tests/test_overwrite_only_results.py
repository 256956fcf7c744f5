"""``--overwrite`` and ``--skip-existing`` act only on files Rekindle made: a person's own
photo or film at a result's name is never replaced, nor taken for its result."""

from pathlib import Path

import cv2
import pytest

from engine.cli import main
from engine.media import carries_mark
from engine.video import probe
from engine.video.join import film_made_by_rekindle
from tests.conftest import photo_path
from tests.video_helpers import make_clip

OWN_NAME = "was taken by a file without Rekindle's mark"


def _photo(path: Path, index: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(path), cv2.resize(cv2.imread(str(photo_path(index))), (24, 16)))
    return path


@pytest.fixture
def card(tmp_path: Path) -> tuple[Path, Path]:
    """A card's photo to restore, and a folder of pictures holding another photo, one of the
    person's own, under the name its result would take."""
    _photo(tmp_path / "card" / "DCIM" / "IMG_0001.png", 0)
    pictures = tmp_path / "Pictures"
    _photo(pictures / "DCIM" / "IMG_0001.png", 1)
    return tmp_path / "card" / "DCIM", pictures


def _restore(folder: Path, out: Path, model: Path, *flags: str) -> int:
    return main(["restore", str(folder), "-o", str(out), "--model", str(model), *flags])


def test_overwrite_never_replaces_a_photo_rekindle_did_not_make(card, tiny_model_file, capsys):
    folder, pictures = card
    own = pictures / "DCIM" / "IMG_0001.png"
    before = own.read_bytes()
    assert _restore(folder, pictures, tiny_model_file, "--overwrite") == 0
    printed = capsys.readouterr().out
    assert own.read_bytes() == before
    assert f"saved as IMG_0001 (2).png (IMG_0001.png {OWN_NAME})" in printed
    first = (pictures / "DCIM" / "IMG_0001 (2).png").stat().st_ino

    assert _restore(folder, pictures, tiny_model_file, "--overwrite") == 0  # again
    assert own.read_bytes() == before
    assert sorted(p.name for p in own.parent.iterdir()) == ["IMG_0001 (2).png", "IMG_0001.png"]
    assert (pictures / "DCIM" / "IMG_0001 (2).png").stat().st_ino != first  # replaced


def test_overwrite_still_replaces_a_result(tmp_path, tiny_model_file):
    folder = _photo(tmp_path / "card" / "a.png", 0).parent
    out = tmp_path / "out"
    assert _restore(folder, out, tiny_model_file) == 0
    result = out / "card" / "a.png"
    assert carries_mark(result)
    first = result.stat().st_ino
    assert _restore(folder, out, tiny_model_file, "--overwrite") == 0
    assert [p.name for p in result.parent.iterdir()] == ["a.png"]
    assert result.stat().st_ino != first


def test_skip_existing_skips_only_a_result(card, tiny_model_file, capsys):
    folder, pictures = card
    assert _restore(folder, pictures, tiny_model_file, "--skip-existing") == 0
    printed = capsys.readouterr().out
    assert "1 restored, 0 failed" in printed  # the person's photo is no result of it
    assert (pictures / "DCIM" / "IMG_0001 (2).png").is_file()

    assert _restore(folder, pictures, tiny_model_file, "--skip-existing") == 0
    assert "0 restored, 0 failed, 1 skipped (already restored)" in capsys.readouterr().out
    assert not (pictures / "DCIM" / "IMG_0001 (3).png").exists()


def test_a_bmp_result_is_known_by_the_journal_of_its_batch(tmp_path, tiny_model_file, capsys):
    """A BMP carries no mark: a result the folder's batch journal lists is replaced, a BMP it
    does not list is not."""
    folder = _photo(tmp_path / "card" / "a.png", 0).parent
    _photo(folder / "b.png", 1)
    (folder / "broken.png").write_bytes(b"not a photo")  # the batch's journal stays
    out = tmp_path / "out"
    assert _restore(folder, out, tiny_model_file, "--format", "bmp") == 1
    results = out / "card"
    _photo(folder / "c.png", 2)
    own = _photo(results / "c.bmp", 3).read_bytes()  # the person's, under c's result's name
    first = {name: (results / name).stat().st_ino for name in ("a.bmp", "b.bmp")}
    capsys.readouterr()

    assert _restore(folder, out, tiny_model_file, "--format", "bmp", "--overwrite") == 1
    assert f"saved as c (2).bmp (c.bmp {OWN_NAME})" in capsys.readouterr().out
    assert all((results / name).stat().st_ino != ino for name, ino in first.items())
    assert (results / "c.bmp").read_bytes() == own
    assert sorted(p.name for p in results.iterdir()) == ["a.bmp", "b.bmp", "c (2).bmp", "c.bmp"]


def _film(path: Path, frames: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return make_clip(path, frames=frames, size=(64, 48), audio=None)


def test_a_film_rekindle_did_not_make_gets_a_numbered_name_and_is_never_replaced(
    tmp_path, tiny_model_file, capsys
):
    film = _film(tmp_path / "card" / "MVI_0002.mp4", 3)
    own = _film(tmp_path / "Pictures" / "MVI_0002.mp4", 8)
    before = own.read_bytes()
    command = ["restore-video", str(film), "-o", f"{own.parent}/", "--model", str(tiny_model_file)]

    assert main(command) == 0  # no advice to replace the person's film
    captured = capsys.readouterr()
    assert "--overwrite" not in captured.err
    assert f"saved as MVI_0002 (2).mp4 (MVI_0002.mp4 {OWN_NAME})" in captured.out
    result = own.parent / "MVI_0002 (2).mp4"
    assert probe(result).frames == 3 and film_made_by_rekindle(result)
    assert not film_made_by_rekindle(own)

    assert main(command) == 0  # its result of the same settings is there: skipped
    assert "skipped: MVI_0002.mp4 (MVI_0002 (2).mp4 is already there)" in capsys.readouterr().out
    first = result.stat().st_ino
    assert main([*command, "--overwrite"]) == 0
    assert result.stat().st_ino != first
    assert main([*command, "--skip-existing"]) == 0
    assert "1 skipped" in capsys.readouterr().out
    assert own.read_bytes() == before
    assert sorted(p.name for p in own.parent.iterdir()) == ["MVI_0002 (2).mp4", "MVI_0002.mp4"]
