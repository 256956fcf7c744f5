"""A result is named to a person by its models as the model list names them and its choices
in words (``recipe_title``), not by its file name's short words: in the compare picker, the
viewer's labels beside it, in the language shown."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication

from app.compare_picker import ComparePicker
from app.item_status import ItemStatus
from app.photo_queue import QueueItem, ResultFile
from app.recipe_title import model_names, recipe_title
from engine.chain import ModelRequest
from engine.output_size import OutputSize
from engine.recipe import Recipe
from engine.restorer import RestoreOptions

NAMES = {
    "restore-x4": "Restore 4x",
    "faithful-x4": "Faithful 4x",
    "restore-detail-x4": "Restore Detail 4x",
    "cleanup-x1": "Clean-up 1x",
}
"""The built-in models' names, as the model list shows them (their files' headers)."""
FIXED = "Restore 4x · faded colours fixed"


def chosen(repair: float, detail: float = 0.0, **options) -> Recipe:
    """Restore 4x picked in the app, at the strengths the sliders say."""
    request = ModelRequest.choose("restore-x4", repair=repair, detail=detail)
    return Recipe.of(request, RestoreOptions(**options))


@pytest.mark.parametrize(
    ("recipe", "title"),
    [
        (chosen(0.75), "Restore 4x"),
        (chosen(0.75, 0.6), "Restore 4x · detail 60%"),
        (chosen(1.0), "Restore 4x · repair 100%"),
        (chosen(0.3), "Restore 4x · repair 30%"),
        (chosen(0.0), "Faithful 4x"),  # the corner it is, as its file is named
        (chosen(0.75, 1.0), "Restore Detail 4x"),
        (
            chosen(0.75, fix_fading=True, find_spots=True, grain=0.2, size=OutputSize(3000)),
            "Restore 4x · long side 3000 px · faded colours fixed where found"
            " · dust and specks removed"
            " · grain added 20%",
        ),
        (
            Recipe.of(
                ModelRequest("restore-x4", before=("cleanup-x1",), repair=0.75),
                RestoreOptions(ensemble=True, scale_out=2),
            ),
            "Clean-up 1x → Restore 4x · size 2× · extra care",
        ),
        (Recipe("gone", spots="1f2e"), "gone · marked spots removed"),  # no longer listed
        # a fix of fading asked for, told by what the photo showed (not known: a film's)
        (replace(chosen(0.75, fix_fading=True), fading_found=True), FIXED),
        (
            replace(chosen(0.75, fix_fading=True), fading_found=False),
            "Restore 4x · no sign of fading, colours kept",
        ),
        (chosen(0.75, fix_fading=True), "Restore 4x · faded colours fixed where found"),
    ],
)
def test_a_recipe_is_titled_by_its_models_names_and_choices(recipe: Recipe, title: str):
    assert recipe_title(recipe, NAMES) == title


def test_the_models_are_named_as_the_model_list_names_them(tiny_model: Path):
    assert model_names() == {"tiny": "Tiny"}


class BracketingTitles(QTranslator):
    """A catalogue that writes the titles' words in brackets: "extra care" is "[extra care]"."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        return f"[{source}]" if context == "RecipeTitle" else None

    def isEmpty(self) -> bool:  # noqa: N802 (Qt's name)
        return False  # so that installing it tells the widgets the language changed


def restored(tmp_path: Path, *recipes: Recipe) -> QueueItem:
    """A photo restored and saved once with each recipe."""
    files = [ResultFile(tmp_path / f"a {n}.png", recipe) for n, recipe in enumerate(recipes)]
    return QueueItem(
        tmp_path / "a.png",
        status=ItemStatus.RESTORED,
        saved_to=files[-1].path,
        recipe=recipes[-1],
        history=files,
    )


def test_the_picker_offers_results_by_their_titles_in_the_language_shown(qtbot, tmp_path):
    picker = ComparePicker(names=lambda: NAMES)
    qtbot.addWidget(picker)
    picker.show_for(restored(tmp_path, chosen(0.75), chosen(0.75, 0.6), chosen(0.0)))
    texts = [picker.left.itemText(i) for i in range(picker.left.count())]
    assert texts == ["Original", "Restore 4x", "Restore 4x · detail 60%", "Faithful 4x"]
    assert picker.right.currentText() == "Faithful 4x"
    picker.left.setCurrentIndex(2)
    assert picker.labels() == ("Restore 4x · detail 60%", "Faithful 4x")

    catalogue = BracketingTitles()
    QCoreApplication.installTranslator(catalogue)
    try:
        assert picker.labels() == ("Restore 4x · [detail 60%]", "Faithful 4x")
        QApplication.processEvents()  # the picker re-sets its texts on LanguageChange
        assert picker.left.itemText(2) == "Restore 4x · [detail 60%]"
        assert picker.left.currentIndex() == 2  # the choice kept
    finally:
        QCoreApplication.removeTranslator(catalogue)


def test_results_titled_alike_are_told_apart_by_their_files(qtbot, tmp_path):
    picker = ComparePicker(names=lambda: NAMES)
    qtbot.addWidget(picker)
    picker.show_for(restored(tmp_path, chosen(0.75), chosen(0.75)))
    assert [picker.right.itemText(i) for i in range(picker.right.count())] == [
        "Restore 4x (a 0.png)",
        "Restore 4x (a 1.png)",
    ]
