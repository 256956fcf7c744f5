"""Photos restored into their own folder, then given again by a glob that now matches their
results too (``*.png``): each result is left out with a line saying why, so ``--skip-existing``
finds every photo's result and skips it, and no result of a result is made. A result given
without its photo is restored as asked."""

from pathlib import Path

import cv2
import pytest

from engine.cli import main
from tests.conftest import photo_path


def _photo(path: Path, index: int) -> Path:
    cv2.imwrite(str(path), cv2.resize(cv2.imread(str(photo_path(index))), (24, 16)))
    return path


def _restore(model: Path, out: Path, *inputs_and_flags: str | Path) -> int:
    return main(["restore", *map(str, inputs_and_flags), "-o", str(out), "--model", str(model)])


def _names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if not path.name.startswith("."))


@pytest.fixture
def restored_beside(tmp_path: Path, tiny_model_file: Path, capsys) -> Path:
    """A folder of two photos, each restored into it once (``a [tiny].png``)."""
    album = tmp_path / "album"
    album.mkdir()
    photos = [_photo(album / "a.png", 0), _photo(album / "b.png", 1)]
    assert _restore(tiny_model_file, album, *photos) == 0
    assert _names(album) == ["a [tiny].png", "a.png", "b [tiny].png", "b.png"]
    capsys.readouterr()
    return album


def test_a_glob_that_matches_the_results_too_skips_each_photo_and_restores_no_result(
    restored_beside, tiny_model_file, capsys
):
    album = restored_beside
    before = {path.name: path.read_bytes() for path in album.iterdir()}
    globbed = sorted(album.glob("*.png"))
    assert _restore(tiny_model_file, album, *globbed, "--skip-existing") == 0
    printed = capsys.readouterr()
    assert "0 restored, 0 failed, 2 skipped (already restored)" in printed.out
    assert (
        "left out: a [tiny].png is Rekindle's result of a.png, given too "
        "(to restore the result itself, give it on its own)"
    ) in printed.err
    assert "left out: b [tiny].png is Rekindle's result of b.png" in printed.err
    assert {path.name: path.read_bytes() for path in album.iterdir()} == before


def test_a_result_given_without_its_photo_is_restored(restored_beside, tiny_model_file, capsys):
    album = restored_beside
    assert _restore(tiny_model_file, album, album / "a [tiny].png", album / "b.png") == 0
    printed = capsys.readouterr()
    assert "left out" not in printed.err  # b.png's own result of these settings is skipped
    assert "1 restored, 0 failed, 1 skipped (already restored)" in printed.out
    assert "a [tiny] [tiny].png" in _names(album)


def _tree(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


def test_a_folder_holding_results_beside_its_photos_restored_elsewhere_restores_the_photos(
    restored_beside, tiny_model_file, tmp_path, capsys
):
    out = tmp_path / "out"
    assert _restore(tiny_model_file, out, restored_beside) == 0
    printed = capsys.readouterr()
    assert "2 restored, 0 failed" in printed.out
    assert "left out: album/a [tiny].png is Rekindle's result of album/a.png" in printed.err
    assert "left out: album/b [tiny].png is Rekindle's result of album/b.png" in printed.err
    assert _tree(out) == ["album/a.png", "album/b.png"]


def test_a_folder_restored_into_itself_then_elsewhere_restores_only_its_photos(
    tmp_path, tiny_model_file, capsys
):
    album = tmp_path / "album"
    album.mkdir()
    _photo(album / "a.png", 0)
    assert _restore(tiny_model_file, album, album) == 0
    assert _tree(album) == ["a.png", "album/a.png"]
    assert _restore(tiny_model_file, tmp_path / "out", album) == 0
    assert "1 restored, 0 failed" in capsys.readouterr().out
    assert _tree(tmp_path / "out") == ["album/a.png"]


def test_a_folder_of_results_without_their_photos_is_restored_as_asked(
    restored_beside, tiny_model_file, tmp_path, capsys
):
    results = tmp_path / "results"
    results.mkdir()
    for name in ("a [tiny].png", "b [tiny].png"):
        (results / name).write_bytes((restored_beside / name).read_bytes())
    assert _restore(tiny_model_file, tmp_path / "out", results) == 0
    printed = capsys.readouterr()
    assert "left out" not in printed.err and "2 restored, 0 failed" in printed.out
