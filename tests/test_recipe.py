"""A result's recipe: its short words, the file name it gives, the naming pattern's checks, the
differences that mark a result stale, and its round trip through JSON."""

from __future__ import annotations

import json

import numpy as np
import pytest

from engine.chain import ModelRequest
from engine.errors import RekindleError
from engine.output_size import OutputSize
from engine.recipe import DEFAULT_PATTERN, Recipe, check_pattern, model_name
from engine.restorer import RestoreOptions
from engine.retouch.marks import marks_digest
from engine.video.temporal import FilmCleanup

STARTING = ModelRequest("restore-x4", repair=0.75)
"""Restore 4x where it starts, in the app and on the command line (BlendFamily.offered)."""


def recipe(request: ModelRequest | None = None, **options) -> Recipe:
    return Recipe.of(request or STARTING, RestoreOptions(**options))


def test_the_plainest_recipe_is_the_models_name_alone():
    assert recipe().suffix() == "restore-x4"
    assert recipe().file_stem("photo") == "photo [restore-x4]"


def test_a_repair_strength_other_than_where_the_model_starts_is_named():
    """Full repair (the Restore corner alone) is told apart from where the Restore models
    start; models that start at their own corner are named without it."""
    assert recipe(ModelRequest("restore-x4")).suffix() == "restore-x4 r100"
    assert recipe(ModelRequest("restore-x4", repair=0.6)).suffix() == "restore-x4 r60"
    assert recipe(ModelRequest("restore-x2", repair=0.75)).suffix() == "restore-x2"
    assert recipe(ModelRequest("restore-x2")).suffix() == "restore-x2 r100"
    assert recipe(ModelRequest("faithful-x2")).suffix() == "faithful-x2"
    assert recipe(ModelRequest("faithful-x4")).suffix() == "faithful-x4"
    assert recipe(ModelRequest("/models/own.pth", repair=None)).suffix() == "own"


def test_each_choice_that_changes_the_pixels_has_its_word_in_order():
    request = ModelRequest(
        "restore-x4",
        0.4,
        before=("/models/denoise.pth",),
        after=("C:\\m\\tidy.SAFETENSORS",),
        repair=0.75,
    )
    made = recipe(request, scale_out=2, fix_fading=True, find_spots=True, ensemble=True)
    words = ["denoise", "restore-x4", "tidy", "d40", "2x", "colour", "spots", "care"]
    assert made.words() == words
    assert made.file_stem("photo") == "photo [denoise restore-x4 tidy d40 2x colour spots care]"


def test_spots_found_and_spots_marked_by_hand_are_told_apart():
    request, options = STARTING, RestoreOptions(find_spots=True)
    marks = np.zeros((20, 30), np.uint8)
    marks[4, 5] = 255
    other = marks.copy()
    other[9, 9] = 255
    found = Recipe.of(request, options)
    marked = Recipe.of(request, options, marked=marks_digest(marks))
    assert found.spots == "found" and marked.spots not in ("", "found")
    assert marked.suffix() == found.suffix() == "restore-x4 spots"
    assert marked.differences(found) == ["spots"]
    assert Recipe.of(request, options, marked=marks_digest(other)).differences(marked) == ["spots"]
    assert Recipe.of(request, options, marked=marks_digest(marks.copy())) == marked
    assert Recipe.from_json(marked.to_json()) == marked
    assert recipe().spots == ""


def test_a_film_cleaned_of_dust_grain_flicker_weave_and_repeats_says_so_last():
    request, options = ModelRequest("restore-x2", repair=0.75), RestoreOptions(ensemble=True)
    cleanup = FilmCleanup(True, True, True, True, True)
    made = Recipe.of(request, options, cleanup=cleanup)
    assert made.suffix() == "restore-x2 care dust calm steady still smooth"
    assert made.differences(Recipe.of(request, options)) == [
        "remove_dust",
        "steady_flicker",
        "calm_grain",
        "steady_picture",
        "smooth_repeats",
    ]
    assert Recipe.from_json(made.to_json()) == made


def test_a_size_names_the_result_instead_of_the_scale():
    assert recipe(scale_out=2, size=OutputSize(long_side=3000)).suffix() == "restore-x4 3000px"
    printed = recipe(scale_out=2, size=OutputSize(print_mm=(254.0, 203.2), dpi=600))
    assert printed.suffix() == "restore-x4 203.2x254mm@600dpi"
    assert printed.scale_out is None and printed.dpi == 600
    assert recipe(size=OutputSize(dpi=600)).dpi is None  # no print size: the dpi changes nothing


def test_a_print_size_either_way_round_is_the_same_recipe():
    upright = recipe(size=OutputSize(print_mm=(200, 300)))
    across = recipe(size=OutputSize(print_mm=(300, 200)))
    assert upright == across and upright.differences(across) == []


def test_the_json_round_trip_keeps_every_choice_and_the_device_and_time():
    request = ModelRequest("/m/own.safetensors", 0.25, before=("a",), after=("b", "c"))
    options = RestoreOptions(size=OutputSize(print_mm=(100, 150), dpi=300), fix_fading=True)
    made = Recipe.of(request, options, device="cuda", made_at=1_700_000_000.5)
    back = Recipe.from_json(made.to_json())
    assert back == made
    assert (back.device, back.made_at) == ("cuda", 1_700_000_000.5)
    assert back.before == ("a",) and back.after == ("b", "c") and back.print_mm == (100, 150)


def test_whether_fading_was_found_is_kept_but_names_and_matches_as_what_was_asked():
    """A photo that showed no fading keeps the name and the match of its fix asked for: its
    result is named, and looked for, before the photo is read."""
    asked = recipe(fix_fading=True)
    for found in (True, False):
        measured = asked.measured(found)
        assert Recipe.from_json(measured.to_json()).fading_found is found
        assert measured == asked and measured.differences(asked) == []
        assert measured.file_stem("photo") == "photo [restore-x4 colour]"
    assert Recipe.from_json(asked.to_json()).fading_found is None
    assert recipe().measured(False).fading_found is None  # no fix asked: nothing to tell


def test_keys_a_later_version_added_are_ignored():
    raw = json.loads(recipe(scale_out=4).to_json()) | {"sharpen": 3}
    assert Recipe.from_json(json.dumps(raw)) == recipe(scale_out=4)


@pytest.mark.parametrize("text", ["", "not json", "[1, 2]", '{"detail": 0.5}'])
def test_a_text_that_is_no_recipe_is_refused_in_words(text):
    with pytest.raises(RekindleError, match="not a recipe"):
        Recipe.from_json(text)


def test_differences_name_the_choices_but_not_the_device_or_time():
    first = Recipe.of(ModelRequest("restore-x4", 0.4), RestoreOptions(), "cpu", 1.0)
    again = Recipe.of(ModelRequest("restore-x4", 0.4), RestoreOptions(), "cuda", 2.0)
    assert first == again and first.differences(again) == []
    other = Recipe.of(ModelRequest("detail-x4", 0.6), RestoreOptions(fix_fading=True), "cpu", 1.0)
    # one blend family's: its strengths differ (Restore's full repair, Detail's none)
    assert first.differences(other) == ["detail", "repair", "fix_fading"]
    own = Recipe.of(ModelRequest("/models/own.pth"), RestoreOptions(), "cpu", 1.0)
    assert first.differences(own) == ["model"]


def test_characters_no_file_system_takes_are_replaced():
    made = recipe(ModelRequest("a:b*c?.pth"))
    assert made.suffix() == "a:b*c?"
    assert made.file_stem('my "best"/photo') == "my _best__photo [a_b_c_]"


def test_a_pattern_places_the_stem_and_the_recipe():
    assert recipe().file_stem("photo", "{recipe} - {stem}") == "restore-x4 - photo"
    assert recipe().file_stem("photo", "{stem}_restored") == "photo_restored"
    assert recipe().file_stem("photo", "{{{stem}}}") == "{photo}"  # doubled braces are braces
    assert DEFAULT_PATTERN == "{stem} [{recipe}]"


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("{recipe}", "needs {stem}"),
        ("restored", "needs {stem}"),
        ("{{stem}}", "needs {stem}"),  # a literal "{stem}": every result would share its name
        ("{stem} {date}", "not {date}"),
        ("{stem}{}", "not {}"),
        ("{stem!r}", "not {stem!r}"),
        ("{stem:>20}", "not {stem:>20}"),
        ("{stem} {", "braces must pair up"),
        ("{stem}}", "braces must pair up"),
    ],
)
def test_a_pattern_that_cannot_name_results_apart_is_refused_in_words(pattern, problem):
    with pytest.raises(RekindleError) as refused:
        check_pattern(pattern)
    assert problem in str(refused.value)
    with pytest.raises(RekindleError):
        recipe().file_stem("photo", pattern)


def test_a_model_key_becomes_its_files_name():
    assert model_name("restore-x4") == "restore-x4"
    assert model_name("/home/me/models/4x-UltraSharp.pth") == "4x-UltraSharp"
    assert model_name("C:\\models\\Own.safetensors") == "Own"


def test_grain_added_names_the_result_and_makes_it_another():
    request = STARTING
    grained = Recipe.of(request, RestoreOptions(grain=0.3))
    assert grained.suffix() == "restore-x4 g30"
    assert grained.differences(Recipe.of(request, RestoreOptions())) == ["grain"]
    assert Recipe.from_json(grained.to_json()) == grained
