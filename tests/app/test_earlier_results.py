"""A folder restored and saved, its queue cleared, added again and restored with the same
settings: the run finds its photos' results where it would save them and asks once whether to
use them (each row then restored, saved as that file, nothing written) or restore them again
(beside them, as before). A result of other settings (or of settings a names' pattern does not
tell), a file under a result's name that is not Rekindle's whole result of that photo, or a
result of the photo as it was before it changed, is not offered; a result saved under a
numbered name is found there; the files found are judged off the window's thread."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from gui_helpers import (
    WAIT_MS,
    add_searched,
    restored_beside,
    wait_until_read,
    write_photo,
    write_tiny_model,
)
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

import app.earlier_results
from app.earlier_results import EarlierAnswer, EarlierResult, ask_about_earlier
from app.item_status import ItemStatus
from app.main_window import MainWindow
from app.photo_queue import QueueItem
from app.settings import AppSettings
from engine.filestamp import FileStamp
from engine.recipe import DEFAULT_PATTERN, Recipe


@pytest.fixture
def photos(tmp_path: Path) -> Path:
    """A folder of three prints."""
    folder = tmp_path / "photos"
    for seed, name in enumerate(["a.png", "b.png", "c.png"]):
        write_photo(folder / name, 40, 30, seed)
    return folder


@pytest.fixture
def saving_at_once(app_settings: AppSettings) -> AppSettings:
    app_settings.auto_save = True
    return app_settings


def answering(monkeypatch, answer: EarlierAnswer) -> list[tuple[int, Path]]:
    """The question about photos restored before answered with ``answer``; what it was asked
    (the count of photos and the folder), each time."""
    asked: list[tuple[int, Path]] = []

    def ask(_parent, found, folder: Path) -> EarlierAnswer:
        asked.append((len(found), folder))
        return answer

    monkeypatch.setattr("app.run_control.ask_about_earlier", ask)
    return asked


def restored_and_cleared(qtbot, window: MainWindow, photos: Path) -> dict[str, Path]:
    """Restore the folder ``photos`` (each photo saved at once), then clear the queue; each
    photo's result, by its name."""
    items = restored_beside(qtbot, window, photos)
    results = {item.source.name: item.saved_to for item in items}
    window.clear_queue()
    return results


def added_again(qtbot, window: MainWindow, photos: Path) -> list[QueueItem]:
    items = add_searched(qtbot, window, [photos])
    wait_until_read(qtbot, window)
    return items


def files_in(folder: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def told(window: MainWindow) -> list[str]:
    """What the run's part tells the status bar from now on (a run's end last, once ended)."""
    said: list[str] = []
    window.run_control.message.connect(said.append)
    return said


def ended(qtbot, said: list[str], text: str) -> None:
    """Wait for the run's end to be told, last, as ``text``."""

    def told_last() -> None:
        assert said and said[-1] == text

    qtbot.waitUntil(told_last, timeout=WAIT_MS)


def numbered(result: Path, number: int = 2) -> Path:
    return result.with_name(f"{result.stem} ({number}){result.suffix}")


def test_photos_restored_before_take_their_results_and_nothing_is_written(
    make_window, qtbot, tiny_model, photos: Path, saving_at_once, monkeypatch
):
    output = Path(saving_at_once.output_dir)
    window = make_window()
    first = restored_and_cleared(qtbot, window, photos)
    written = files_in(output)
    asked = answering(monkeypatch, EarlierAnswer.USE)
    items = added_again(qtbot, window, photos)
    window.queue_view.select_id(items[0].id)
    qtbot.waitUntil(window.viewer.has_images, timeout=WAIT_MS)  # the original alone
    assert not window.viewer.has_after()
    said = told(window)

    window.restore_all()

    ended(qtbot, said, "Used the results made before for 3 photos.")
    assert asked == [(3, output)]
    assert [(item.status, item.saved_to) for item in items] == [
        (ItemStatus.RESTORED, first[item.source.name]) for item in items
    ]
    qtbot.waitUntil(window.viewer.has_after, timeout=WAIT_MS)  # the result on show
    assert files_in(output) == written
    window.close()

    again = make_window()  # the workspace kept them, as any result saved
    assert [(item.status, item.saved_to) for item in again.queue.items()] == [
        (ItemStatus.RESTORED, first[item.source.name]) for item in items
    ]


def test_the_rows_taking_results_are_repainted_together(
    make_window, qtbot, tiny_model, photos: Path, saving_at_once, monkeypatch
):
    """A row changing height lays out the whole list again, which takes milliseconds in a
    queue of hundreds: 400 rows repainted one at a time took seconds."""
    window = make_window()
    restored_and_cleared(qtbot, window, photos)
    answering(monkeypatch, EarlierAnswer.USE)
    items = added_again(qtbot, window, photos)
    restored_by: list[tuple[int, int]] = []  # each repaint that showed rows restored first
    shown: set[int] = set()

    def repainted(top, bottom) -> None:
        rows = range(top.row(), bottom.row() + 1)
        restored = {row for row in rows if window.queue.item_at(row).status is ItemStatus.RESTORED}
        if restored - shown:
            restored_by.append((top.row(), bottom.row()))
            shown.update(restored)

    window.queue.dataChanged.connect(repainted)
    said = told(window)

    window.restore_all()

    ended(qtbot, said, "Used the results made before for 3 photos.")
    assert all(item.status is ItemStatus.RESTORED for item in items)
    assert restored_by == [(0, 2)]  # other repaints (a thumbnail read late) may come between


def test_photos_restored_before_are_restored_again_beside_their_results_when_asked(
    make_window, qtbot, tiny_model, photos: Path, saving_at_once, monkeypatch
):
    window = make_window()
    first = restored_and_cleared(qtbot, window, photos)
    asked = answering(monkeypatch, EarlierAnswer.AGAIN)
    items = added_again(qtbot, window, photos)
    said = told(window)

    window.restore_all()

    ended(qtbot, said, "Restored 3 photos.")
    assert len(asked) == 1
    qtbot.waitUntil(lambda: all(item.saved_to is not None for item in items), timeout=WAIT_MS)
    assert [item.saved_to for item in items] == [
        numbered(first[item.source.name]) for item in items
    ]


def test_cancel_starts_nothing(
    make_window, qtbot, tiny_model, photos: Path, saving_at_once, monkeypatch
):
    output = Path(saving_at_once.output_dir)
    window = make_window()
    restored_and_cleared(qtbot, window, photos)
    written = files_in(output)
    asked = answering(monkeypatch, EarlierAnswer.CANCEL)
    items = added_again(qtbot, window, photos)
    said = told(window)

    window.restore_all()

    qtbot.waitUntil(lambda: said[-1:] == ["Restoring cancelled."], timeout=WAIT_MS)
    assert len(asked) == 1
    assert [item.status for item in items] == [ItemStatus.READY] * 3
    assert not window.runner.is_running and not window.run_control.waiting
    assert files_in(output) == written
    qtbot.waitUntil(lambda: not window.cancel_action.isEnabled(), timeout=WAIT_MS)


@pytest.mark.parametrize("names", [DEFAULT_PATTERN, "{stem}"])
def test_another_model_finds_nothing_restored_before(
    make_window, qtbot, tiny_model, photos, saving_at_once, monkeypatch, private_data_dir, names
):
    """A result's name tells the settings it was made with; a pattern that leaves the recipe
    out tells none, so the results it names are never taken for those of other settings."""
    saving_at_once.result_names = names
    other = write_tiny_model(private_data_dir / "models", "other", "Other")
    window = make_window()
    window.settings_panel.select_model(str(tiny_model))
    first = restored_and_cleared(qtbot, window, photos)
    asked = answering(monkeypatch, EarlierAnswer.USE)
    window.settings_panel.select_model(str(other))
    items = added_again(qtbot, window, photos)
    said = told(window)

    window.restore_all()

    ended(qtbot, said, "Restored 3 photos.")
    assert asked == []
    qtbot.waitUntil(lambda: all(item.saved_to is not None for item in items), timeout=WAIT_MS)
    assert not set(first.values()) & {item.saved_to for item in items}


def copy_of_another_photos_result(results: dict[str, Path]) -> None:
    """b.png's result replaced by a copy of a.png's (it records a.png)."""
    shutil.copy2(results["a.png"], results["b.png"])


def own_picture(results: dict[str, Path]) -> None:
    """b.png's result replaced by a picture of the person's own, without Rekindle's mark."""
    write_photo(results["b.png"], 160, 120, seed=7)


def cut_short(results: dict[str, Path]) -> None:
    """b.png's result cut short (a copy that stopped half way)."""
    whole = results["b.png"].read_bytes()
    results["b.png"].write_bytes(whole[: len(whole) // 2])


def photo_changed_since(results: dict[str, Path]) -> None:
    """b.png edited after its result was made (a print scanned again in its place)."""
    photo = results["b.png"].parents[1].parent / "photos" / "b.png"
    later = results["b.png"].stat().st_mtime_ns + 2_000_000_000
    write_photo(photo, 40, 30, seed=9)
    os.utime(photo, ns=(later, later))


@pytest.mark.parametrize(
    "change", [copy_of_another_photos_result, own_picture, cut_short, photo_changed_since]
)
def test_a_file_that_is_not_the_photos_result_now_is_not_taken(
    make_window, qtbot, tiny_model, photos: Path, saving_at_once, monkeypatch, change
):
    window = make_window()
    first = restored_and_cleared(qtbot, window, photos)
    change(first)
    in_place_of_b = first["b.png"].read_bytes()
    asked = answering(monkeypatch, EarlierAnswer.USE)
    items = added_again(qtbot, window, photos)
    said = told(window)

    window.restore_all()

    ended(qtbot, said, "Restored 1 photo. Used the results made before for 2 photos.")
    assert [count for count, _folder in asked] == [2]
    a, b, c = items
    qtbot.waitUntil(lambda: b.saved_to is not None, timeout=WAIT_MS)
    assert (a.saved_to, b.saved_to, c.saved_to) == (
        first["a.png"],
        numbered(first["b.png"]),
        first["c.png"],
    )
    assert first["b.png"].read_bytes() == in_place_of_b


def test_a_result_saved_under_a_numbered_name_as_its_own_was_taken_is_found_there(
    make_window, qtbot, tiny_model, photos: Path, saving_at_once, monkeypatch
):
    window = make_window()
    first = restored_and_cleared(qtbot, window, photos)
    first["b.png"].rename(numbered(first["b.png"]))
    own_picture(first)  # in the place the result could not take
    asked = answering(monkeypatch, EarlierAnswer.USE)
    items = added_again(qtbot, window, photos)
    said = told(window)

    window.restore_all()

    ended(qtbot, said, "Used the results made before for 3 photos.")
    assert [count for count, _folder in asked] == [3]
    assert [item.saved_to for item in items] == [
        first["a.png"],
        numbered(first["b.png"]),
        first["c.png"],
    ]


def test_the_results_found_are_judged_off_the_windows_thread(
    make_window, qtbot, tiny_model, photos: Path, saving_at_once, monkeypatch
):
    window = make_window()
    restored_and_cleared(qtbot, window, photos)
    answering(monkeypatch, EarlierAnswer.USE)
    judged_on: list[threading.Thread] = []
    real = app.earlier_results.earlier_results

    def judging(sought):
        judged_on.append(threading.current_thread())
        return real(sought)

    monkeypatch.setattr(app.earlier_results, "earlier_results", judging)
    items = added_again(qtbot, window, photos)

    window.restore_all()

    qtbot.waitUntil(lambda: all(i.status is ItemStatus.RESTORED for i in items), timeout=WAIT_MS)
    assert judged_on and threading.main_thread() not in judged_on


def test_cancel_while_results_are_looked_for_starts_nothing(
    make_window, qtbot, tiny_model, photos: Path, saving_at_once, monkeypatch
):
    window = make_window()
    restored_and_cleared(qtbot, window, photos)
    asked = answering(monkeypatch, EarlierAnswer.USE)
    items = added_again(qtbot, window, photos)
    with qtbot.waitSignal(window.run_control._earlier.found, timeout=WAIT_MS):
        window.restore_all()
        assert window.run_control.waiting  # Cancel is offered meanwhile
        window.run_control.cancel()

    assert asked == []
    assert [item.status for item in items] == [ItemStatus.READY] * 3
    assert not window.runner.is_running and not window.run_control.waiting


@pytest.mark.parametrize(
    ("press", "answer"),
    [
        (QMessageBox.defaultButton, EarlierAnswer.USE),
        (QMessageBox.escapeButton, EarlierAnswer.CANCEL),
        (
            lambda box: next(b for b in box.buttons() if b.text() == "Restore Again"),
            EarlierAnswer.AGAIN,
        ),
    ],
    ids=["Return", "Escape", "Restore Again"],
)
def test_the_question_takes_the_results_by_default_and_escape_starts_nothing(
    qtbot, monkeypatch, press, answer
):
    parent = QWidget()
    qtbot.addWidget(parent)
    texts: list[str] = []

    def pressing(box: QMessageBox) -> int:
        texts.append(f"{box.text()} | {box.informativeText()}")
        button: QAbstractButton = press(box)
        button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", pressing)
    found = [EarlierResult(n, Path(f"{n}.png"), Recipe("tiny"), FileStamp(0, 0)) for n in range(3)]
    assert ask_about_earlier(parent, found, Path("restored")) is answer
    assert texts == [
        "3 of these photos were restored before with these settings. | Their results are in "
        f"{Path('restored')}\n\nUse those results, or restore the photos again and save the new "
        "results beside them?"
    ]
