"""A blend family's strength moved is told as that strength, not as a change of model: the
result is named after the corner model nearest (``ModelRequest.choose``), Restore 4x with no
repair left being Faithful 4x's, so its file name stays as results found before know it."""

from __future__ import annotations

import pytest

from engine.chain import ModelRequest
from engine.recipe import Recipe
from engine.restorer import RestoreOptions


def chosen(key: str, repair: float | None = None, detail: float | None = None) -> Recipe:
    """The recipe of a model picked in the app, its strengths as the sliders say."""
    return Recipe.of(ModelRequest.choose(key, repair=repair, detail=detail), RestoreOptions())


STARTING = chosen("restore-x4", 0.75, 0.0)
"""Restore 4x as it is picked: repair at 75 %."""


def test_repair_taken_to_nothing_is_a_repair_change_under_the_corner_models_name():
    enlarged_only = chosen("restore-x4", 0.0, 0.0)
    assert STARTING.differences(enlarged_only) == ["repair"]
    assert enlarged_only.differences(STARTING) == ["repair"]
    assert (STARTING.suffix(), enlarged_only.suffix()) == ("restore-x4", "faithful-x4")


@pytest.mark.parametrize(
    ("other", "changed"),
    [
        (chosen("restore-x4", 0.75, 1.0), ["detail"]),  # named after Restore Detail 4x
        (chosen("restore-x4", 0.0, 1.0), ["detail", "repair"]),  # after Detail 4x
        (chosen("restore-x4", 0.75, 0.0), []),
        (chosen("restore-x2", 0.75), ["model"]),  # another family, the same repair
        (chosen("restore-x2", 0.5), ["model", "repair"]),
        (chosen("/models/own.pth"), ["model"]),  # the strengths go with the family
    ],
)
def test_only_the_choices_moved_differ(other: Recipe, changed: list[str]):
    assert STARTING.differences(other) == changed


def test_one_blend_named_two_ways_makes_no_difference():
    """The command line names Restore 4x at repair 0 after the model asked for; the app
    after the corner it is: the same pixels."""
    asked = Recipe.of(ModelRequest("restore-x4", repair=0.0), RestoreOptions())
    assert asked.differences(chosen("faithful-x4")) == []
