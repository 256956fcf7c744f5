"""A result's recipe (``engine.recipe.Recipe``) as a person reads it, wherever the app names a
result by how it was made: "Restore 4x · detail 60%". The recipe's short words name files
(``Recipe.words``: ``restore-x4 d60``); these are the same choices in the language shown,
each model by the name the model list gives it."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from engine.library.catalog import all_models
from engine.recipe import SPOTS_FOUND, Recipe, model_name

CONTEXT = "RecipeTitle"
SEPARATOR = " · "
"""Between the models and each choice, as the settings panel joins a model's description."""
THEN = " → "
"""Between the models in the order they run (clean-up before, the model, clean-up after)."""
REPAIR = QT_TRANSLATE_NOOP("RecipeTitle", "repair {percent}%")
DETAIL = QT_TRANSLATE_NOOP("RecipeTitle", "detail {percent}%")
GRAIN = QT_TRANSLATE_NOOP("RecipeTitle", "grain added {percent}%")
LONG_SIDE = QT_TRANSLATE_NOOP("RecipeTitle", "long side {pixels} px")
PRINT = QT_TRANSLATE_NOOP("RecipeTitle", "print {short} × {long} mm at {dpi} dpi")
SCALE = QT_TRANSLATE_NOOP("RecipeTitle", "size {scale}×")
FADING = {
    True: QT_TRANSLATE_NOOP("RecipeTitle", "faded colours fixed"),
    False: QT_TRANSLATE_NOOP("RecipeTitle", "no sign of fading, colours kept"),
    None: QT_TRANSLATE_NOOP("RecipeTitle", "faded colours fixed where found"),
}
"""A fix of fading asked for, by whether the photo showed fading (``Recipe.fading_found``;
None: not known)."""
CARE = QT_TRANSLATE_NOOP("RecipeTitle", "extra care")
FOUND = QT_TRANSLATE_NOOP("RecipeTitle", "dust and specks removed")
MARKED = QT_TRANSLATE_NOOP("RecipeTitle", "marked spots removed")
FILM_CLEANUPS = (
    ("remove_dust", QT_TRANSLATE_NOOP("RecipeTitle", "dust and dirt removed")),
    ("calm_grain", QT_TRANSLATE_NOOP("RecipeTitle", "grain calmed")),
    ("steady_flicker", QT_TRANSLATE_NOOP("RecipeTitle", "flicker evened out")),
    ("steady_picture", QT_TRANSLATE_NOOP("RecipeTitle", "picture steadied")),
    ("smooth_repeats", QT_TRANSLATE_NOOP("RecipeTitle", "repeated frames smoothed")),
)
"""A film's clean-ups (``Recipe`` field, words), each told when on."""


def model_names() -> dict[str, str]:
    """Each model listed, by its name in recipes (``engine.recipe.model_name``), with the
    name the model list shows; a built-in model before a user's of the same name, as models
    are found (``resolve_model_path``)."""
    names: dict[str, str] = {}
    for entry in all_models():
        names.setdefault(model_name(entry.key), entry.display_name)
    return names


def recipe_title(recipe: Recipe, names: Mapping[str, str]) -> str:
    """``recipe`` in the language shown: its models by ``names`` (``model_names``; a model
    no longer listed, by its name in the recipe), then each choice the result's file name
    tells (``Recipe.words``), a fix of fading by what the photo showed: the name says it was
    asked, the title whether it found fading to fix (``Recipe.fading_found``)."""
    models = [names.get(model, model) for model in (*recipe.before, recipe.model, *recipe.after)]
    return SEPARATOR.join([THEN.join(models), *_choices(recipe)])


def _choices(recipe: Recipe) -> list[str]:
    """The choices told, in the order ``Recipe.words`` tells them."""
    repair, detail = recipe.strengths_told()
    told = [
        _percent(REPAIR, repair),
        _percent(DETAIL, detail),
        _size(recipe),
        _switch(recipe.fix_fading, FADING[recipe.fading_found]),
        _spots(recipe.spots),
        _switch(recipe.ensemble, CARE),
        _percent(GRAIN, recipe.grain or None),
        *(_switch(getattr(recipe, name), text) for name, text in FILM_CLEANUPS),
    ]
    return [text for text in told if text]


def _size(recipe: Recipe) -> str:
    """The size restored to, where another than the model's own: a long side in pixels, a
    print's sides (short first) at a resolution, or a scale."""
    if recipe.long_side:
        return _translated(LONG_SIDE).format(pixels=recipe.long_side)
    if recipe.print_mm:
        short, long = sorted(recipe.print_mm)
        return _translated(PRINT).format(short=f"{short:g}", long=f"{long:g}", dpi=recipe.dpi)
    if recipe.scale_out:
        return _translated(SCALE).format(scale=recipe.scale_out)
    return ""


def _spots(spots: str) -> str:
    """A photo's spots found by Remove dust and specks (``SPOTS_FOUND``), or marked by hand
    (any other ``Recipe.spots``: the marks' fingerprint); nothing for none."""
    if not spots:
        return ""
    return _translated(FOUND if spots == SPOTS_FOUND else MARKED)


def _percent(text: str, value: float | None) -> str:
    """``text`` with ``value`` in whole per cents; nothing where there is no value."""
    return "" if value is None else _translated(text).format(percent=round(value * 100))


def _switch(on: bool, text: str) -> str:
    return _translated(text) if on else ""


def _translated(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)
