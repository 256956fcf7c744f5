"""Every text fits its widget, in English and in Chinese: the main window with a busy queue, the
settings panel, About, Manage Models and each page of the training wizard (``text_fit`` walks
the widgets, so new ones are measured too). In Chinese, no caption is left in English."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from gui_helpers import wait_until_read, write_photo, write_tiny_model
from PySide6.QtCore import QEvent, QLocale
from PySide6.QtGui import QAction, QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget
from text_fit import misfits, shown_texts
from wizard_helpers import CROP, TINY, WAIT_MS, small_photos

from app.about import AboutDialog
from app.i18n import CHINESE, ENGLISH, LANGUAGE_NAMES, Translation
from app.item_status import ItemStatus
from app.main_window import DEFAULT_SIZE, MainWindow
from app.settings_panel import DEVICE_NAMES
from engine.errors import sentence_for
from engine.paths import user_models_dir
from tests.app.test_gui_i18n import TS_FILE, messages
from tests.video_helpers import make_clip

LARGE_FONT_POINTS = 11
"""GNOME's interface font size; Qt's own default, which the tests otherwise get, is 9."""
LONG_NAME = "grandmother's wedding in the garden of the old house, summer 1952.jpg"
WIZARD_SIZE = (1280, 840)


@pytest.fixture
def chinese_font(qapp: QApplication) -> None:
    """Chinese measured in boxes drawn for missing glyphs would prove nothing."""
    if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        pytest.skip("no font with Chinese characters (make test installs fonts-noto-cjk)")


@pytest.fixture(params=[ENGLISH, CHINESE])
def language(request: pytest.FixtureRequest, translation: Translation) -> Iterator[str]:
    """Each language in turn, applied before any window is made. The windows closed go at the
    end, before the next language would wake them (a hidden wizard would measure again)."""
    if request.param == CHINESE:
        request.getfixturevalue("chinese_font")
    yield translation.apply(request.param)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


@pytest.fixture(params=[None, LARGE_FONT_POINTS], ids=["default-font", "large-font"])
def font_points(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[int | None]:
    """The default font, then a larger one: a layout that fits only at 9 points is too tight."""
    default = qapp.font()
    if request.param is not None:
        larger = QFont(default)
        larger.setPointSize(request.param)
        qapp.setFont(larger)
    yield request.param
    qapp.setFont(default)


def busy_window(make_window, qtbot, folder: Path) -> tuple[MainWindow, list[str]]:
    """The window at its first-start size, a model of the person's own beside the built-in ones,
    and a queue in every kind of state: two photos of one name, a long name, a failure, films;
    with the names it shows (not to be translated)."""
    folder.mkdir(parents=True)
    (folder / "broken.jpg").write_bytes(b"not a picture")
    paths = [
        write_photo(folder / "box1" / "photo.png"),
        write_photo(folder / "box2" / "photo.png"),
        write_photo(folder / LONG_NAME),
        write_photo(folder / "scan.png"),
        write_photo(folder / "page.png"),
        make_clip(folder / "film.mp4", frames=6),
        make_clip(folder / "home movie 1962.mp4", frames=6),
        folder / "broken.jpg",
    ]
    write_tiny_model(user_models_dir(), "album", "Grandmother's album, trained at home")
    window = make_window()
    window.resize(*DEFAULT_SIZE)
    panel = window.settings_panel
    qtbot.waitUntil(lambda: panel.model_combo.count() > 0, timeout=WAIT_MS)
    items = window.add_paths(paths)
    wait_until_read(qtbot, window)
    first, second, long, scan, page, film, movie, _broken = items
    queue = window.queue
    failure = sentence_for(MemoryError())
    queue.update(second.id, status=ItemStatus.RESTORING, progress=0.42, time_left=75.0)
    queue.update(long.id, status=ItemStatus.RESTORED, saved_to=folder / "out" / LONG_NAME)
    queue.update(scan.id, status=ItemStatus.FAILED, message=failure)
    queue.update(page.id, status=ItemStatus.QUEUED)
    queue.update(film.id, status=ItemStatus.RESTORING, frames_done=3, time_left=20.0)
    queue.update(movie.id, status=ItemStatus.CANCELLED, frames_done=3)
    window.queue_view.select_id(first.id)
    QApplication.processEvents()
    names = [str(folder), window.settings.output_dir]
    names += [text for i in items for text in (i.name, i.message)]
    names += [entry.display_name for entry in panel.entries()]
    names += [entry.path.name for entry in panel.entries()]
    names += [entry.architecture_name or "" for entry in panel.entries()]
    return window, names


def assert_fits(widget: QWidget) -> None:
    QApplication.processEvents()
    found = misfits(widget)
    assert not found, "\n".join(map(str, found))


def test_the_main_window_and_its_dialogs_fit_their_texts(
    font_points: int | None, language: str, make_window, qtbot, tmp_path: Path
):
    window, _names = busy_window(make_window, qtbot, tmp_path / "photos")
    assert_fits(window)
    window.resize(window.minimumSizeHint())
    assert_fits(window)

    about = AboutDialog(window.settings_panel.entries(), window)
    qtbot.addWidget(about)
    about.show()
    assert_fits(about)
    about.models_button.setChecked(True)
    assert_fits(about)
    assert about.models_table.verticalScrollBar().maximum() == 0  # no row cut in half
    models = window.model_actions.show_dialog()
    models.table.selectRow(0)
    assert_fits(models)


def test_every_wizard_page_fits_its_texts(
    font_points: int | None, language: str, make_window, qtbot, builtin_models: Path, tmp_path: Path
):
    write_tiny_model(builtin_models, "faithful-x4", "Faithful ×4")
    photos = small_photos(tmp_path / "album")
    wizard = make_window().open_training_wizard(presets={"tiny": TINY}, crop=CROP)
    wizard.resize(*WIZARD_SIZE)
    assert_fits(wizard)
    wizard.source_page.set_folder(photos)
    qtbot.waitUntil(wizard.source_page.isComplete, timeout=WAIT_MS)
    assert_fits(wizard)

    wizard.next()
    preparation = wizard.preparation_page
    qtbot.waitUntil(lambda: "tiny" in preparation.times, timeout=WAIT_MS)
    assert_fits(wizard)
    preparation.prepare_button.click()
    qtbot.waitUntil(preparation.isComplete, timeout=WAIT_MS)
    assert_fits(wizard)

    wizard.next()
    qtbot.waitUntil(wizard.training_page.isComplete, timeout=WAIT_MS)
    assert_fits(wizard)
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.finish_page.scoring(), timeout=WAIT_MS)
    assert_fits(wizard)
    wizard.reject()  # stops its jobs


def switched_to_chinese(
    translation: Translation, make_window, qtbot, folder: Path
) -> tuple[list[QWidget], list[str]]:
    """The busy window, Manage Models and About, made in English and switched to Chinese as
    the language setting does, with everything open; and the names they show."""
    window, names = busy_window(make_window, qtbot, folder)
    models = window.model_actions.show_dialog()
    translation.apply(CHINESE)
    about = AboutDialog(window.settings_panel.entries(), window)
    qtbot.addWidget(about)
    about.models_button.setChecked(True)
    about.show()
    QApplication.processEvents()
    return [window, models, about], names


@pytest.mark.usefixtures("chinese_font")
def test_switched_to_chinese_everything_still_fits(translation, make_window, qtbot, tmp_path: Path):
    widgets, _names = switched_to_chinese(translation, make_window, qtbot, tmp_path / "photos")
    for widget in widgets:
        assert_fits(widget)


@pytest.mark.usefixtures("chinese_font")
def test_switched_to_chinese_no_caption_stays_english(
    translation, make_window, qtbot, tmp_path: Path
):
    widgets, names = switched_to_chinese(translation, make_window, qtbot, tmp_path / "photos")
    for widget in widgets:
        left = english_words(widget, names)
        assert not left, "\n".join(f"{word!r} in {text!r}" for text, word in left)


def english_words(root: QWidget, names: Iterable[str]) -> list[tuple[str, str]]:
    """(text, word) for each English word shown under ``root``, captions and actions, that is
    neither part of a name shown nor a word the Chinese translation itself keeps (PSNR, CPU)."""
    kept = _words(" ".join(t.text for t in messages(TS_FILE).values() if t.text))
    kept |= _words(" ".join(QLocale(CHINESE).formattedDataSize(10**n) for n in range(0, 15, 3)))
    kept = {word.lower() for word in kept}
    names = [*names, *LANGUAGE_NAMES.values(), *DEVICE_NAMES.values()]
    names = sorted(set(filter(None, names)), key=len, reverse=True)
    texts = [
        shown.text for w in root.findChildren(QWidget) if w.isVisible() for shown in shown_texts(w)
    ]
    texts += [action.text() for action in root.findChildren(QAction)]
    return [
        (text, word)
        for text in texts
        for word in _words(_without_names(text, names))
        if word.lower() not in kept
    ]


def _without_names(text: str, names: list[str]) -> str:
    """``text`` less the names in it: whole, or a piece of one (a name wrapped onto two lines,
    or elided), the pieces being what stands between Chinese characters and ellipses."""
    pieces = [p.strip() for p in re.split(r"[…\u3000-\u9fff\uff00-\uffef]+", text)]
    rest = " ".join(p for p in pieces if not any(p in name for name in names))
    for name in names:
        rest = rest.replace(name, " ")
    return rest


def _words(text: str) -> set[str]:
    """Runs of letters, as translations and names hold them ({placeholders} and <tags> aside);
    a token with a digit in it is a number, a version or a size (4×, H.264, cu130)."""
    text = re.sub(r"\{[^}]*\}|<[^>]*>|&(?=\w)", " ", text)
    tokens = (t.strip("'.-+") for t in re.findall(r"[A-Za-z0-9'.+_-]+", text))
    return {t for t in tokens if re.search(r"[A-Za-z]{2}", t) and not re.search(r"\d", t)}
