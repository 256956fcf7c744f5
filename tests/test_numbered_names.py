"""A taken name's copy takes the next free number: "a (2).png" taken gives "a (3).png", never
"a (2) (2).png", for a name made whole or one cut to fit a file name."""

from pathlib import Path

import cv2
import pytest

from engine.atomic import numbered_names, write_bytes_atomically
from engine.batch import output_name
from engine.cli import main
from engine.file_names import NAME_HASH_CHARS, NAME_MAX, byte_length, without_number
from engine.imageio import unique_path
from tests.conftest import photo_path


def _first(path: str, count: int) -> list[str]:
    names = numbered_names(Path("/out") / path)
    return [next(names).name for _ in range(count)]


@pytest.mark.parametrize(
    ("stem", "parts"),
    [
        ("a", ("a", 1)),
        ("a (2)", ("a", 2)),
        ("a (2) (2)", ("a (2)", 2)),
        ("a (12)", ("a", 12)),
        ("a(2)", ("a(2)", 1)),
        ("a (0)", ("a (0)", 1)),
        ("a (x)", ("a (x)", 1)),
    ],
)
def test_a_stem_splits_into_its_name_and_its_number(stem, parts):
    assert without_number(stem) == parts


def test_a_numbered_name_goes_on_from_its_number():
    assert _first("a.png", 3) == ["a.png", "a (2).png", "a (3).png"]
    assert _first("a (2).png", 3) == ["a (2).png", "a (3).png", "a (4).png"]
    assert _first("a (9).png", 2) == ["a (9).png", "a (10).png"]
    assert _first("a (1).png", 2) == ["a (1).png", "a (2).png"]


def test_a_taken_numbered_name_is_written_under_the_next_free_number(tmp_path):
    for name in ("a (2).png", "a (3).png"):
        write_bytes_atomically(tmp_path / name, b"taken")
    assert unique_path(tmp_path / "a (2).png").name == "a (4).png"


@pytest.mark.parametrize("stem", ["c" * 252, "中" * 84, "é" * 126], ids=["ascii", "cn", "é"])
def test_a_cut_name_numbered_again_takes_the_next_number_after_its_hash(stem):
    cut = Path(output_name(Path(f"{stem}.png"), None)).stem
    mark = cut[-NAME_HASH_CHARS - 1 :]
    second = _first(f"{cut}.png", 2)[1]
    third, fourth = _first(second, 3)[1:]
    assert second.endswith(f"{mark} (2).png")
    assert third.endswith(f"{mark} (3).png") and fourth.endswith(f"{mark} (4).png")
    assert third.removesuffix(f"{mark} (3).png") == second.removesuffix(f"{mark} (2).png")
    tenth = _first(second.replace(" (2).png", " (9).png"), 2)[1]
    assert tenth.endswith(f"{mark} (10).png") and byte_length(tenth) <= NAME_MAX


def test_runs_again_into_one_folder_number_the_results_on(tmp_path, tiny_model_file, capsys):
    photos = tmp_path / "photos"
    photos.mkdir()
    image = cv2.resize(cv2.imread(str(photo_path(0))), (24, 16))
    for name in ("a.png", "a.jpg"):
        cv2.imwrite(str(photos / name), image)
    out = tmp_path / "out"
    command = ["restore", str(photos / "a.jpg"), str(photos / "a.png"), "-o", str(out)]
    command += ["--format", "png", "--model", str(tiny_model_file), "--no-skip-existing"]
    for _ in range(3):
        assert main(command) == 0
    assert "failed:" not in capsys.readouterr().err
    numbered = [f"a ({n}).png" for n in range(2, 7)]
    assert sorted(path.name for path in out.iterdir()) == [*numbered, "a.png"]
