"""Names Rekindle makes from a photo's name fit in a file name (255 bytes, UTF-8): a result's,
numbered or of another format, and its comparison's keep the recipe and extension whole, and
cut the photo's name at a whole character; names that fit are left as they are."""

from pathlib import Path

import cv2
import numpy as np
import pytest

from engine.atomic import numbered_names
from engine.batch import output_name
from engine.cli import main
from engine.file_names import NAME_HASH_CHARS, NAME_MAX, STEM_MAX, byte_length, name_with_tail
from engine.recipe import Recipe

LONG_STEMS = ["c" * 245, "中" * 83, "é" * 125 + "x"]
LONG_IDS = ["ascii", "chinese", "accented"]
"""Photo names as long as a file name takes once ".png" follows (83 Chinese characters:
249 bytes)."""


def _photo(path: Path, seed: int = 0) -> Path:
    pixels = np.random.default_rng(seed).integers(0, 255, (16, 24, 3), dtype=np.uint8)
    path.parent.mkdir(parents=True, exist_ok=True)
    assert cv2.imwrite(str(path), pixels)
    return path


def _whole_characters(name: str) -> bool:
    return name.encode("utf-8").decode("utf-8") == name and "\ufffd" not in name


@pytest.mark.parametrize("stem", LONG_STEMS, ids=LONG_IDS)
@pytest.mark.parametrize("pattern", ["{stem} [{recipe}]", "{recipe} - {stem}", "{stem}-{stem}"])
def test_a_results_stem_keeps_its_recipe_and_leaves_room_for_what_follows(stem, pattern):
    recipe = Recipe(model="restore-x4", scale_out=2)
    made = recipe.file_stem(stem, pattern)
    assert byte_length(made) <= STEM_MAX and _whole_characters(made)
    assert made.count("~") == pattern.count("{stem}")  # each cut, ended by its hash
    assert recipe.suffix() in made or "{recipe}" not in pattern
    assert made.startswith(stem[:20]) or made.startswith(f"{recipe.suffix()} - {stem[:20]}")
    names = numbered_names(Path(made + ".png"))
    next(names)
    for name in (made + ".webp", next(names).name, name_with_tail(made, " comparison.jpg")):
        assert name.startswith(made) and byte_length(name) <= NAME_MAX


def test_two_long_names_that_start_alike_stay_apart_and_short_ones_are_left_alone():
    recipe = Recipe(model="tiny")
    first, second = (recipe.file_stem("c" * 245 + end) for end in "12")
    assert first != second and first.endswith(" [tiny]") and second.endswith(" [tiny]")
    assert byte_length(first) <= STEM_MAX
    assert recipe.file_stem("c" * 245 + "1") == first  # the same on every run
    assert recipe.file_stem("photo") == "photo [tiny]"
    assert output_name(Path("photo.jpg"), "png", "photo [tiny]") == "photo [tiny].png"


@pytest.mark.parametrize("stem", LONG_STEMS, ids=LONG_IDS)
def test_numbered_and_reformatted_names_of_a_long_photo_name_fit(stem):
    source = Path(f"{stem}.png")
    assert output_name(source, None) == source.name  # fits as it is
    webp = output_name(source, "webp")
    assert webp.endswith(".webp") and byte_length(webp) <= NAME_MAX
    names = numbered_names(Path("/out") / source.name)
    assert next(names).name == source.name
    second, third = next(names).name, next(names).name
    assert second.endswith(" (2).png") and third.endswith(" (3).png")
    assert all(byte_length(name) <= NAME_MAX for name in (second, third))
    assert _whole_characters(second) and second != third


def _restore(model: Path, out: Path, *args: str | Path) -> int:
    return main(["restore", *map(str, args), "-o", str(out), "--model", str(model)])


@pytest.mark.parametrize("stem", ["a" * 251, "é" * 125 + "x"], ids=["ascii", "accented"])
def test_a_rerun_and_another_format_save_results_of_a_photo_whose_name_fills_a_file_name(
    tmp_path, tiny_model_file, capsys, stem
):
    photo = _photo(tmp_path / "photos" / f"{stem}.png")
    out = tmp_path / "out"
    assert _restore(tiny_model_file, out, photo) == 0
    assert _restore(tiny_model_file, out, photo, "--no-skip-existing") == 0
    assert _restore(tiny_model_file, out, photo, "--format", "webp") == 0
    printed = capsys.readouterr()
    assert "failed:" not in printed.err
    names = sorted(path.name for path in out.iterdir() if not path.name.startswith("."))
    assert len(names) == 3 and photo.name in names
    assert sum(name.endswith(" (2).png") for name in names) == 1
    assert sum(name.endswith(".webp") for name in names) == 1
    assert all(byte_length(name) <= NAME_MAX for name in names)


OVERLONG_STEMS = ["c" * 252, "中" * 84, "é" * 126]
"""Photo names too long for a file name once ".png" follows: their results' names are cut."""


@pytest.mark.parametrize("stem", OVERLONG_STEMS, ids=LONG_IDS)
def test_a_numbered_copy_of_a_cut_name_keeps_its_hash_and_number_and_loses_only_its_room(stem):
    cut = Path(output_name(Path(f"{stem}.png"), None)).stem
    start, mark = cut[: -NAME_HASH_CHARS - 1], cut[-NAME_HASH_CHARS - 1 :]
    assert mark.startswith("~") and byte_length(f"{cut}.png") <= NAME_MAX
    names = numbered_names(Path("/out") / f"{cut}.png")
    next(names)
    second = next(names).name
    assert second.endswith(f"{mark} (2).png") and byte_length(second) <= NAME_MAX
    kept = second.removesuffix(f"{mark} (2).png")
    assert start.startswith(kept)
    assert byte_length(second) + byte_length(start[len(kept)]) > NAME_MAX  # one more: too long
    again = numbered_names(Path("/out") / second)
    next(again)
    assert next(again).name.endswith(f"{mark} (2) (2).png")  # as "a (2) (2).png" is named
