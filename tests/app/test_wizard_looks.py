"""The training wizard looks finished: a first page that welcomes, a window sized to each page's
contents (the training page's plots alone take the large size), buttons like the app's other
dialogs' (icons, no text arrows), and no empty progress bar or bare "measuring" before work
starts."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from gui_helpers import write_tiny_model
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QWidget, QWizard
from wizard_helpers import CROP, TINY, WAIT_MS, choose_folder, small_photos

from app.i18n import CHINESE, ENGLISH
from app.screen_fit import fitted_size
from app.wizard import preparation_page
from app.wizard.page import WizardPage
from app.wizard.wizard import SETUP_WIDTH, SIZE, TrainingWizard

pytestmark = pytest.mark.usefixtures("builtin_models")

Button = QWizard.WizardButton


class DialogButtonIcons(QProxyStyle):
    """Fusion giving dialog buttons icons, as it does on a desktop that asks for them."""

    def __init__(self) -> None:
        super().__init__("Fusion")

    def styleHint(  # noqa: N802
        self,
        hint: QStyle.StyleHint,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
        returned: object = None,
    ) -> int:
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return 1
        return super().styleHint(hint, option, widget, returned)


def designed_size(wizard: TrainingWizard):
    """The training page's size on the wizard's screen."""
    return fitted_size(SIZE, wizard.screen().availableGeometry().size())


def all_in_view(page: WizardPage) -> bool:
    return page.height() >= page.wanted_height(page.width())


def test_the_wizard_opens_as_large_as_its_welcome(make_window):
    wizard = make_window().open_training_wizard()
    page = wizard.source_page
    assert wizard.height() < designed_size(wizard).height()  # no empty window round it
    assert all_in_view(page)
    assert len(page.points) == 3 and all(point.isVisibleTo(wizard) for point in page.points)
    welcome = " ".join(point.text() for point in page.points)
    for told in ("What training does", "What you need", "How long it takes", "folder"):
        assert told in welcome
    assert all(not icon.pixmap().isNull() for icon in page.point_icons)
    wizard.reject()


def test_the_buttons_say_back_and_next_without_text_arrows(make_window):
    wizard = make_window().open_training_wizard()
    texts = [wizard.button(which).text() for which in (Button.BackButton, Button.NextButton)]
    assert texts == ["&Back", "&Next"]
    wizard.reject()


def test_the_buttons_have_the_apps_icons_where_the_style_gives_dialog_buttons_icons(
    make_window,
):
    wizard = make_window().open_training_wizard()
    assert wizard.button(Button.NextButton).icon().isNull()  # the offscreen style gives none
    style = DialogButtonIcons()
    style.setParent(wizard)  # it lives as long as the wizard
    wizard.setStyle(style)
    for which in (Button.BackButton, Button.NextButton, Button.CancelButton, Button.FinishButton):
        assert not wizard.button(which).icon().isNull(), which
    after_text = Qt.LayoutDirection.RightToLeft  # the forward arrow after the text
    assert wizard.button(Button.NextButton).layoutDirection() == after_text
    assert wizard.button(Button.CommitButton).layoutDirection() == after_text
    assert wizard.button(Button.BackButton).layoutDirection() != after_text
    wizard.reject()


def test_preparing_shows_no_empty_bar_before_it_starts_and_estimates_say_what_they_measure(
    make_window, qtbot, tmp_path: Path
):
    wizard = make_window().open_training_wizard(presets={"tiny": TINY}, crop=CROP)
    choose_folder(qtbot, wizard, small_photos(tmp_path / "album"))
    page = wizard.preparation_page
    assert page._estimate_labels["tiny"].text() == "measuring the time on this CPU…"
    assert not page.bar.isVisibleTo(wizard)
    assert page.status.text().startswith("Not prepared yet")
    page.prepare_button.click()
    assert page.bar.isVisibleTo(wizard)
    qtbot.waitUntil(page.isComplete, timeout=WAIT_MS)
    assert not page.bar.isVisibleTo(wizard)  # the status says what was made
    assert "Ready to train" in page.status.text()
    assert page.preview_group.isVisibleTo(wizard)
    qtbot.waitUntil(lambda: all_in_view(page), timeout=WAIT_MS)  # the window grew for it
    wizard.reject()


def test_only_the_training_page_takes_the_large_size(
    make_window, qtbot, builtin_models: Path, tmp_path: Path
):
    write_tiny_model(builtin_models, "faithful-x4", "Faithful ×4")
    wizard = make_window().open_training_wizard(presets={"tiny": TINY}, crop=CROP)
    choose_folder(qtbot, wizard, small_photos(tmp_path / "album"))
    page = wizard.preparation_page
    page.prepare_button.click()
    qtbot.waitUntil(page.isComplete, timeout=WAIT_MS)
    wizard.next()
    assert wizard.size() == designed_size(wizard)
    qtbot.waitUntil(wizard.training_page.isComplete, timeout=WAIT_MS)
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.finish_page.scoring(), timeout=WAIT_MS)
    assert wizard.height() < designed_size(wizard).height()  # a short form again
    assert all_in_view(wizard.finish_page)
    wizard.reject()


def test_going_back_fits_the_first_page_again_unless_the_person_resized_it(
    make_window, qtbot, tmp_path: Path
):
    wizard = make_window().open_training_wizard(presets={"tiny": TINY}, crop=CROP)
    first = wizard.height()
    choose_folder(qtbot, wizard, small_photos(tmp_path / "album"))
    page = wizard.preparation_page
    page.prepare_button.click()
    qtbot.waitUntil(page.isComplete, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: all_in_view(page), timeout=WAIT_MS)
    grown = wizard.height()
    wizard.back()
    assert wizard.height() < grown  # no empty space below the first page's contents
    assert all_in_view(wizard.source_page)
    wizard.next()
    wizard.resize(wizard.width(), grown + 40)  # the person's own size
    wizard.back()
    assert wizard.height() == grown + 40
    assert first <= grown
    wizard.reject()


def test_a_switch_of_language_fits_the_open_wizard_to_its_words_again(
    qtbot, translation, app_settings
):
    """The page's words take another height in the other language: the open wizard takes
    the height it opens with in that language, neither cutting the words short nor leaving
    room below them."""

    def opened() -> TrainingWizard:
        wizard = TrainingWizard(app_settings)
        qtbot.addWidget(wizard)
        wizard.show()
        return wizard

    heights = {}
    for language in (CHINESE, ENGLISH):
        translation.apply(language)
        wizard = opened()
        heights[language] = wizard.height()
        wizard.reject()
    assert heights[CHINESE] != heights[ENGLISH]  # the words do take another height
    wizard = opened()

    def switched_to(language: str) -> None:
        translation.apply(language)
        qtbot.waitUntil(lambda: wizard.height() == heights[language], timeout=WAIT_MS)
        assert all_in_view(wizard.source_page)

    switched_to(CHINESE)
    switched_to(ENGLISH)
    wizard.reject()


def test_on_a_narrow_screen_the_first_page_is_measured_at_the_width_it_gets(
    make_window, translation
):
    """Where the screen's share is narrower than the pages' width, the words wrap into more
    lines: the height is the one they need at the narrower width. (Chinese: its lines wrap
    where the English ones happen not to.)"""
    translation.apply(CHINESE)
    wizard = make_window(translation=translation).open_training_wizard()
    assert wizard.width() < SETUP_WIDTH  # the test's screen is narrow
    assert all_in_view(wizard.source_page)
    wizard.reject()


def test_the_second_page_opens_with_all_its_choices_in_view(make_window, qtbot, tmp_path: Path):
    """The page is filled as it is shown (its presets, their estimates): the window is fitted
    to it filled, its status line in view below the choices, not cut short to scroll."""
    wizard = make_window().open_training_wizard(presets={"tiny": TINY}, crop=CROP)
    choose_folder(qtbot, wizard, small_photos(tmp_path / "album"))
    page = wizard.preparation_page
    assert all_in_view(page)
    assert not page._column.verticalScrollBar().isVisible()
    wizard.reject()


def test_the_time_estimates_follow_a_switch_of_language(
    make_window, qtbot, translation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Being measured or measured, a training length's estimate is said again in the
    language chosen."""
    measure = preparation_page.measure
    release = threading.Event()

    def held(*_args: object) -> None:
        release.wait(WAIT_MS / 1000)  # then as if cancelled

    monkeypatch.setattr(preparation_page, "measure", held)
    window = make_window(translation=translation)
    wizard = window.open_training_wizard(presets={"tiny": TINY}, crop=CROP)
    choose_folder(qtbot, wizard, small_photos(tmp_path / "album"))
    page = wizard.preparation_page
    estimate = page._estimate_labels["tiny"]

    def says(language: str, words: str) -> None:
        translation.apply(language)
        qtbot.waitUntil(lambda: estimate.text() == words, timeout=WAIT_MS)

    says(CHINESE, "正在测量在此 CPU 上所需的时间…")
    says(ENGLISH, "measuring the time on this CPU…")
    monkeypatch.setattr(preparation_page, "measure", measure)
    release.set()
    page.scratch_button.setChecked(True)  # another start: measured again
    qtbot.waitUntil(lambda: "tiny" in page.times, timeout=WAIT_MS)
    measured = estimate.text()
    assert measured.endswith(" on this CPU")
    translation.apply(CHINESE)
    qtbot.waitUntil(lambda: estimate.text().startswith("在此 CPU 上"), timeout=WAIT_MS)
    says(ENGLISH, measured)
    wizard.reject()
