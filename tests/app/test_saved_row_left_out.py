"""A saved photo's row says what the format it was saved in left out of its result, as the
command line does (``engine.imageio.left_out_notes``): its 16 bits in a JPEG, its
transparency flattened onto white. Saved again in a format that holds it all, the note
goes; its file copied as it was, the note stays."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from gui_helpers import WAIT_MS, wait_until_read, write_photo
from PySide6.QtCore import QCoreApplication

import app.workers
import engine.batch
from app.i18n import CHINESE, ENGINE_CATALOG
from app.main_window import MainWindow
from app.photo_queue import QueueItem, status_text
from app.settings import AppSettings

KEPT = "{name}: the result is kept in 8 bits a sample: {format} holds no more"
KEPT_IN_8_BITS = "the result is kept in 8 bits a sample: JPEG holds no more"
FLATTENED = "the result's transparency is flattened onto white: JPEG holds none"


def sixteen_bit_photo(path: Path) -> Path:
    """``write_photo``'s photo with 16 bits a sample."""
    pixels = cv2.imread(str(write_photo(path)), cv2.IMREAD_UNCHANGED)
    assert cv2.imwrite(str(path), pixels.astype(np.uint16) * 257)
    return path


def see_through_photo(path: Path) -> Path:
    """``write_photo``'s photo with its left half transparent."""
    pixels = cv2.imread(str(write_photo(path)), cv2.IMREAD_UNCHANGED)
    alpha = np.full(pixels.shape[:2], 255, np.uint8)
    alpha[:, : pixels.shape[1] // 2] = 0
    assert cv2.imwrite(str(path), np.dstack([pixels, alpha]))
    return path


def choose_format(window: MainWindow, fmt: str) -> None:
    combo = window.settings_panel.format_combo
    combo.setCurrentIndex(combo.findData(fmt))


def restored(qtbot, window: MainWindow, sources: list[Path]) -> list[QueueItem]:
    """The photos at ``sources`` restored (saved at once where the settings say so), the
    first on show."""
    items = window.add_paths(sources)
    wait_until_read(qtbot, window)
    window.queue_view.select_id(items[0].id)
    window.restore_all()
    qtbot.waitUntil(lambda: all(item.result or item.saved_to for item in items), timeout=WAIT_MS)
    return items


def saved_as(qtbot, item: QueueItem, suffix: str, folder: Path | None = None) -> None:
    def there() -> bool:
        saved = item.saved_to
        return saved is not None and saved.suffix == suffix and folder in (None, saved.parent)

    qtbot.waitUntil(there, timeout=WAIT_MS)


def test_a_16_bit_result_saved_as_jpeg_says_it_is_kept_in_8_bits_and_saved_as_png_not(
    make_window, qtbot, tiny_model, tmp_path: Path
):
    window = make_window()
    [item] = restored(qtbot, window, [sixteen_bit_photo(tmp_path / "photos" / "deep.png")])
    assert item.result.bit_depth == 16

    choose_format(window, "jpg")
    window.save_selected()
    saved_as(qtbot, item, ".jpg")
    assert status_text(item) == f"Saved as {item.saved_to.name} · {KEPT_IN_8_BITS}"

    choose_format(window, "png")
    window.save_all_action.trigger()
    saved_as(qtbot, item, ".png")
    assert status_text(item) == f"Saved as {item.saved_to.name}"


def test_a_result_let_go_is_read_from_its_png_once_and_saved_as_jpeg_with_its_note(
    make_window,
    qtbot,
    tiny_model,
    tmp_path: Path,
    app_settings: AppSettings,
    monkeypatch: pytest.MonkeyPatch,
):
    app_settings.auto_save = True
    shown = write_photo(tmp_path / "photos" / "plain.png")
    window = make_window()
    plain, clear = restored(
        qtbot, window, [shown, see_through_photo(tmp_path / "photos" / "clear.png")]
    )
    saved_as(qtbot, clear, ".png")
    kept = clear.saved_to
    assert clear.result is None  # let go: only its PNG holds it
    assert status_text(clear) == f"Saved as {kept.name}"

    reads: list[Path] = []
    for module in (engine.batch, app.workers):
        real = module.read_picture

        def counted(path, *args, real=real, **kwargs):
            reads.append(path)
            return real(path, *args, **kwargs)

        monkeypatch.setattr(module, "read_picture", counted)
    choose_format(window, "jpg")
    window.save_all_action.trigger()
    saved_as(qtbot, clear, ".jpg")
    saved_as(qtbot, plain, ".jpg")
    assert status_text(clear) == f"Saved as {clear.saved_to.name} · {FLATTENED}"
    assert status_text(plain) == f"Saved as {plain.saved_to.name}"
    assert reads.count(kept) == 1


def test_a_result_s_jpeg_copied_into_another_folder_keeps_its_note(
    make_window, qtbot, tiny_model, tmp_path: Path, app_settings: AppSettings
):
    app_settings.auto_save = True
    shown = write_photo(tmp_path / "photos" / "plain.png")
    window = make_window()
    choose_format(window, "jpg")
    _plain, deep = restored(
        qtbot, window, [shown, sixteen_bit_photo(tmp_path / "photos" / "deep.png")]
    )
    saved_as(qtbot, deep, ".jpg")
    assert deep.result is None  # let go: only its JPEG holds it
    assert status_text(deep) == f"Saved as {deep.saved_to.name} · {KEPT_IN_8_BITS}"

    other = tmp_path / "elsewhere"
    window.settings_panel.set_output_folder(str(other))
    window.save_all_action.trigger()
    saved_as(qtbot, deep, ".jpg", other)
    assert status_text(deep) == f"Saved as {deep.saved_to.name} · {KEPT_IN_8_BITS}"


def test_the_note_follows_a_switch_of_language(
    make_window, qtbot, tiny_model, tmp_path: Path, translation
):
    window = make_window(translation=translation)
    [item] = restored(qtbot, window, [sixteen_bit_photo(tmp_path / "photos" / "deep.png")])
    choose_format(window, "jpg")
    window.save_selected()
    saved_as(qtbot, item, ".jpg")
    title = window.file_menu.title()

    translation.apply(CHINESE)
    qtbot.waitUntil(lambda: window.file_menu.title() != title, timeout=WAIT_MS)
    chinese = QCoreApplication.translate(ENGINE_CATALOG, KEPT).format(name="deep.png", format="\0")
    kept = chinese.split("\0")[0].removeprefix("deep.png：")
    assert kept and kept not in KEPT  # the Chinese catalogue is there
    shown = status_text(item)
    assert kept in shown and "deep.png" not in shown  # the row names the photo above
