"""What the person does while a photo is being restored: its file saved over from another
program, the output folder or the result names changed. Each photo's restoring is held until
the test lets it go, so the change lands mid-run."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from gui_helpers import (
    WAIT_MS,
    back_to_the_front,
    overwrite_photo,
    wait_for_status,
    wait_until_read,
    write_photo,
)

from app.item_status import ItemStatus
from app.settings import AppSettings
from engine.filestamp import FileStamp
from tests.video_helpers import make_clip


class _HeldRestoring:
    """Restoring that waits, once the worker has read the photo (or film frame), until
    ``release`` is set; ``entered`` is set when the first one waits."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()


@pytest.fixture
def held(monkeypatch) -> _HeldRestoring:
    from engine.restorer import Restorer

    real = Restorer.restore
    hold = _HeldRestoring()

    def waiting(self, *args, **kwargs):
        hold.entered.set()
        hold.release.wait(WAIT_MS / 1000)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Restorer, "restore", waiting)
    yield hold
    hold.release.set()  # a test that failed does not keep the worker waiting


@pytest.fixture
def saving_at_once(app_settings: AppSettings) -> AppSettings:
    app_settings.auto_save = True
    return app_settings


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_a_photo_saved_over_while_it_restores_is_said_out_of_date(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, held
):
    """The result is made from the file the worker read: it is out of date, as one made
    before the file changed is, and the workspace keeps the stamp of the file it read."""
    scan = write_photo(tmp_path / "scan.png", 40, 30)
    read = FileStamp.of(scan)
    window = make_window()
    (item,) = window.add_paths([scan])
    wait_until_read(qtbot, window)
    window.queue_view.select_id(item.id)
    qtbot.waitUntil(window.viewer.has_images, timeout=WAIT_MS)
    window.restore_selected()
    qtbot.waitUntil(held.entered.is_set, timeout=WAIT_MS)
    overwrite_photo(scan, 60, 50)
    held.release.set()
    wait_for_status(qtbot, item, ItemStatus.RESTORED)
    back_to_the_front()
    qtbot.waitUntil(lambda: window.viewer.note() != "", timeout=WAIT_MS)

    assert (item.result.width, item.result.height) == (160, 120)  # the tiny model's 4x of 40x30
    assert item.made_from == read != FileStamp.of(scan)
    assert not window.viewer.has_after()
    assert window.viewer.note() == (
        "scan.png changed on disk after it was restored: "
        "Restore again for a result of the photo as it is now."
    )


def test_a_runs_results_saved_at_once_go_where_it_said_though_the_folder_changes(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, saving_at_once, held
):
    """Restore All of a photo and a film; another output folder chosen while the photo
    restores is for the next run: the photo goes beside the film, into the run's folder."""
    chosen = Path(saving_at_once.output_dir)
    photo = write_photo(tmp_path / "in" / "photo.png", 40, 30)
    make_clip(tmp_path / "in" / "film.mp4", frames=3, size=(48, 32), audio=None)
    window = make_window()
    window.add_paths([photo, tmp_path / "in" / "film.mp4"])
    wait_until_read(qtbot, window)
    window.restore_all()
    qtbot.waitUntil(held.entered.is_set, timeout=WAIT_MS)
    later = tmp_path / "later"
    window.settings_panel.set_output_folder(str(later))
    held.release.set()
    qtbot.waitUntil(lambda: not window.runner.is_running, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.saving.unsaved(), timeout=WAIT_MS)

    assert "photo [tiny].png" in _files(chosen)
    assert any(name.startswith("film [tiny]") for name in _files(chosen))
    assert not later.exists()


def test_photos_saved_at_once_keep_their_runs_names(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, saving_at_once, held
):
    """Names and folder changed while the first photo restores are for the next run: both
    photos of this one are saved as it said."""
    chosen = Path(saving_at_once.output_dir)
    window = make_window()
    items = window.add_paths([write_photo(tmp_path / "p" / n, 40, 30) for n in ("a.png", "b.png")])
    wait_until_read(qtbot, window)
    window.restore_all()
    qtbot.waitUntil(held.entered.is_set, timeout=WAIT_MS)
    panel = window.settings_panel
    panel.set_output_folder(str(tmp_path / "later"))
    panel.names_edit.line.clear()
    qtbot.keyClicks(panel.names_edit.line, "{stem}-new")
    assert panel.result_names() == "{stem}-new"
    held.release.set()
    qtbot.waitUntil(lambda: all(item.saved_to for item in items), timeout=WAIT_MS)

    assert [item.saved_to for item in items] == [chosen / "a [tiny].png", chosen / "b [tiny].png"]
