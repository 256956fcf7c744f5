"""The app and a command-line batch (or another window) never write results into one output
folder at once, nor one into a folder below the other's: whichever comes second is told, in a
sentence, that another Rekindle run is writing there, and does nothing; the app's photos stay
as they were, to be restored once the first is done (``engine.unfinished.FolderHold``). A run
of the app's whose photos are saved only when asked writes nothing, and so holds nothing; one
that saves them at once holds its folder till the saver has answered for the last. Save and
Save All hold the folder as such a run does, till the saver has answered for each photo, and
are refused likewise, the photos staying restored and unsaved; a window's saves and its run
share the hold, and never refuse each other."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from gui_helpers import WAIT_MS, wait_for_status, wait_until_read, write_photo

from app.item_status import ItemStatus
from app.settings import AppSettings
from engine.cli import main
from tests.fault_helpers import batch_held_in_another_process
from tests.video_helpers import make_clip

REFUSED = 2  # the command line's exit status for a run refused


@pytest.fixture
def saving_at_once(app_settings: AppSettings) -> AppSettings:
    app_settings.auto_save = True
    app_settings.result_names = "{stem}"  # the command line's names: the two would clash
    return app_settings


@pytest.fixture
def photos(tmp_path: Path) -> Path:
    folder = tmp_path / "photos"
    for seed, name in enumerate("abc"):
        write_photo(folder / f"{name}.png", 40, 30, seed)
    return folder


@pytest.fixture
def held(monkeypatch):
    """Each photo's restoring waits until the test sets the event it yields (its
    ``entered`` set once the first one waits)."""
    from engine.restorer import Restorer

    real = Restorer.restore
    release = threading.Event()
    release.entered = threading.Event()

    def waiting(self, *args, **kwargs):
        release.entered.set()
        release.wait(WAIT_MS / 1000)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Restorer, "restore", waiting)
    yield release
    release.set()  # a test that failed does not keep the worker waiting


@pytest.fixture
def saved_when_let(monkeypatch):
    """Each result's writing waits until the test sets the event it yields."""
    import app.workers

    real = app.workers.write_picture
    release = threading.Event()

    def waiting(*args, **kwargs):
        release.wait(WAIT_MS / 1000)
        return real(*args, **kwargs)

    monkeypatch.setattr(app.workers, "write_picture", waiting)
    yield release
    release.set()


def _restore(photos: Path | list[Path], out: Path, model: Path) -> list[str]:
    inputs = photos if isinstance(photos, list) else [photos]
    return ["restore", *map(str, inputs), "-o", str(out), "--model", str(model)]


def _refusal(batch, folder: Path, doing: str = "Restoring") -> str:
    """What the status bar says of a restore (or of what is ``doing``) refused while
    ``batch`` writes into ``folder``."""
    return (
        f"{doing} did not start: another run (process {batch.pid}) is writing results "
        f"into {folder}; wait for it or stop it."
    )


def _results(out: Path) -> list[str]:
    """The files in ``out`` but its hidden ones (a killed run's lock file stays)."""
    files = (p.relative_to(out) for p in out.rglob("*") if p.is_file())
    return sorted(str(p) for p in files if not p.name.startswith("."))


def _restore_all_read(window, qtbot, photos: Path) -> list:
    window.add_paths([photos])
    qtbot.waitUntil(lambda: len(window.queue.items()) == 3, timeout=WAIT_MS)
    wait_until_read(qtbot, window)
    window.restore_all()
    return window.queue.items()


def _restored_unsaved(window, qtbot, photos: Path) -> list:
    """The photos of ``photos`` restored by ``window``, which saves them only when asked."""
    items = _restore_all_read(window, qtbot, photos)
    for item in items:
        wait_for_status(qtbot, item, ItemStatus.RESTORED)
    return items


def _lock_files(out: Path) -> list[Path]:
    return [p for p in out.iterdir() if p.name.startswith(".")]


def test_a_restore_into_the_folder_of_a_command_line_batch_is_refused_and_stays_ready(
    make_window, qtbot, tiny_model: Path, photos: Path, saving_at_once
):
    out = Path(saving_at_once.output_dir)
    batch = batch_held_in_another_process(_restore(photos, out, tiny_model), out)
    window = make_window()
    try:
        items = _restore_all_read(window, qtbot, photos)
        assert [item.status for item in items] == [ItemStatus.READY] * 3
        assert not window.runner.is_running
        assert window.statusBar().currentMessage() == (
            f"Restoring did not start: another run (process {batch.pid}) is writing results "
            f"into {out}; wait for it or stop it."
        )
        assert _results(out) == []
    finally:
        batch.kill()
        batch.wait()

    window.restore_all()  # once the batch is over
    qtbot.waitUntil(lambda: all(item.saved_to is not None for item in items), timeout=WAIT_MS)
    assert _results(out) == ["photos/a.png", "photos/b.png", "photos/c.png"]


def test_a_command_line_batch_into_the_folder_of_a_restore_under_way_is_refused(
    make_window, qtbot, tiny_model: Path, photos: Path, saving_at_once, held, capfd
):
    out = Path(saving_at_once.output_dir)
    window = make_window()
    items = _restore_all_read(window, qtbot, photos)
    qtbot.waitUntil(held.entered.is_set, timeout=WAIT_MS)
    command = _restore(photos, out, tiny_model)
    assert main(command) == REFUSED
    said = capfd.readouterr().err
    assert f"is writing results into {out}; wait for it or stop it" in said
    held.set()
    qtbot.waitUntil(lambda: all(item.saved_to is not None for item in items), timeout=WAIT_MS)
    assert _results(out) == ["photos/a.png", "photos/b.png", "photos/c.png"]  # no "(2)"
    assert not window.runner.is_running

    assert main([*command, "--overwrite"]) == 0  # the app's run over, the folder is let go
    assert _results(out) == ["photos/a.png", "photos/b.png", "photos/c.png"]


def test_a_second_window_restoring_into_the_same_folder_is_refused(
    make_window, qtbot, tiny_model: Path, photos: Path, saving_at_once, held
):
    out = Path(saving_at_once.output_dir)
    first = make_window()
    first_items = _restore_all_read(first, qtbot, photos)
    qtbot.waitUntil(held.entered.is_set, timeout=WAIT_MS)
    second = make_window()
    second_items = _restore_all_read(second, qtbot, photos)
    assert [item.status for item in second_items] == [ItemStatus.READY] * 3
    assert "is writing results into" in second.statusBar().currentMessage()
    held.set()
    for item in first_items:
        wait_for_status(qtbot, item, ItemStatus.RESTORED)
    qtbot.waitUntil(lambda: all(i.saved_to is not None for i in first_items), timeout=WAIT_MS)
    assert _results(out) == ["photos/a.png", "photos/b.png", "photos/c.png"]
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no lock left behind


def test_a_restore_into_a_folder_below_that_of_a_command_line_batch_is_refused(
    make_window, qtbot, tiny_model: Path, photos: Path, tmp_path: Path, saving_at_once
):
    """The batch of the folder photos into top writes into top/photos, the app's folder."""
    top = tmp_path / "restored"
    saving_at_once.output_dir = str(top / photos.name)
    batch = batch_held_in_another_process(_restore(photos, top, tiny_model), top)
    window = make_window()
    try:
        items = _restore_all_read(window, qtbot, photos)
        assert [item.status for item in items] == [ItemStatus.READY] * 3
        assert window.statusBar().currentMessage() == _refusal(batch, top)
        assert _results(top) == []
        assert not (top / photos.name).exists()  # made for the lock, taken away again
    finally:
        batch.kill()
        batch.wait()


def test_a_restore_into_the_folder_of_a_batch_below_its_own_is_refused(
    make_window, qtbot, tiny_model: Path, photos: Path, saving_at_once
):
    """The app's results of the folder photos go into out/photos, where a batch of photos
    given one by one writes."""
    out = Path(saving_at_once.output_dir)
    below = out / photos.name
    singles = sorted(photos.iterdir())
    batch = batch_held_in_another_process(_restore(singles, below, tiny_model), below)
    window = make_window()
    try:
        items = _restore_all_read(window, qtbot, photos)
        assert [item.status for item in items] == [ItemStatus.READY] * 3
        assert window.statusBar().currentMessage() == _refusal(batch, below)
        assert _results(out) == []
    finally:
        batch.kill()
        batch.wait()


def test_a_command_line_batch_into_a_folder_below_a_restore_under_way_is_refused(
    make_window, qtbot, tiny_model: Path, photos: Path, saving_at_once, held, capfd
):
    out = Path(saving_at_once.output_dir)
    window = make_window()
    items = _restore_all_read(window, qtbot, photos)
    qtbot.waitUntil(held.entered.is_set, timeout=WAIT_MS)
    command = _restore(sorted(photos.iterdir()), out / photos.name, tiny_model)
    assert main(command) == REFUSED
    assert f"is writing results into {out}; wait for it or stop it" in capfd.readouterr().err
    held.set()
    qtbot.waitUntil(lambda: all(item.saved_to is not None for item in items), timeout=WAIT_MS)
    assert _results(out) == ["photos/a.png", "photos/b.png", "photos/c.png"]  # no "(2)"


def test_a_film_batch_into_the_folder_of_a_film_restore_under_way_is_refused(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, app_settings: AppSettings, capfd
):
    """A film is written as it is restored, photos saved at once or not."""
    app_settings.auto_save = False
    out = Path(app_settings.output_dir)
    film = make_clip(tmp_path / "film.mp4", frames=3, size=(32, 24), audio=None)
    window = make_window()
    [item] = window.add_paths([film])
    wait_until_read(qtbot, window)
    window.restore_all()  # its film's result made before is looked for first
    qtbot.waitUntil(lambda: item.status is not ItemStatus.READY, timeout=WAIT_MS)
    command = ["restore-video", str(film), "-o", str(out), "--model", str(tiny_model)]
    assert main(command) == REFUSED  # the run's end is told in the event loop: it goes on
    assert f"is writing results into {out}; wait for it or stop it" in capfd.readouterr().err
    wait_for_status(qtbot, item, ItemStatus.RESTORED)
    assert _results(out) == [item.saved_to.name]  # the app's film alone


def test_with_photos_saved_when_asked_a_restore_goes_on_beside_a_command_line_batch(
    make_window, qtbot, tiny_model: Path, photos: Path, app_settings: AppSettings
):
    app_settings.auto_save = False
    out = Path(app_settings.output_dir)
    batch = batch_held_in_another_process(_restore(photos, out, tiny_model), out)
    window = make_window()
    try:
        items = _restore_all_read(window, qtbot, photos)
        for item in items:
            wait_for_status(qtbot, item, ItemStatus.RESTORED)
        assert _results(out) == []
    finally:
        batch.kill()
        batch.wait()


def test_with_photos_saved_when_asked_a_restore_neither_makes_its_folder_nor_refuses_a_batch(
    make_window, qtbot, tiny_model: Path, photos: Path, app_settings: AppSettings
):
    app_settings.auto_save = False
    out = Path(app_settings.output_dir)
    window = make_window()
    items = _restore_all_read(window, qtbot, photos)
    assert window.runner.is_running and not out.exists()
    assert main(_restore(photos, out, tiny_model)) == 0
    for item in items:
        wait_for_status(qtbot, item, ItemStatus.RESTORED)
    assert _results(out) == ["photos/a.png", "photos/b.png", "photos/c.png"]  # the batch's


def test_the_folder_stays_held_till_the_last_photo_saved_at_once_is_written(
    make_window, qtbot, tiny_model: Path, photos: Path, saving_at_once, saved_when_let
):
    out = Path(saving_at_once.output_dir)
    window = make_window()
    items = _restore_all_read(window, qtbot, photos)
    qtbot.waitUntil(lambda: not window.runner.is_running, timeout=WAIT_MS)
    assert not any(item.saved_to for item in items)
    command = _restore(photos, out, tiny_model)
    assert main(command) == REFUSED
    saved_when_let.set()
    qtbot.waitUntil(lambda: all(item.saved_to is not None for item in items), timeout=WAIT_MS)
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # let go
    assert main([*command, "--overwrite"]) == 0
    assert _results(out) == ["photos/a.png", "photos/b.png", "photos/c.png"]


def test_closing_the_window_mid_run_lets_the_folder_go(
    make_window, qtbot, tiny_model: Path, photos: Path, saving_at_once, held
):
    out = Path(saving_at_once.output_dir)
    window = make_window()
    _restore_all_read(window, qtbot, photos)
    qtbot.waitUntil(held.entered.is_set, timeout=WAIT_MS)
    held.set()
    window.close()
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


@pytest.fixture
def saved_by_hand(app_settings: AppSettings) -> AppSettings:
    app_settings.result_names = "{stem}"  # the command line's names: the two would clash
    return app_settings


def test_save_all_into_the_folder_of_a_command_line_batch_is_refused_and_stays_unsaved(
    make_window, qtbot, tiny_model: Path, photos: Path, saved_by_hand
):
    out = Path(saved_by_hand.output_dir)
    window = make_window()
    items = _restored_unsaved(window, qtbot, photos)
    batch = batch_held_in_another_process(_restore(photos, out, tiny_model), out)
    try:
        window.save_all()
        assert window.statusBar().currentMessage() == _refusal(batch, out, "Saving")
        assert [item.status for item in items] == [ItemStatus.RESTORED] * 3
        assert not any(item.saved_to for item in items)
        assert window.saving.unsaved() == items  # none handed to the saver
        assert _results(out) == []
    finally:
        batch.kill()
        batch.wait()

    window.save_all()  # once the batch is over
    qtbot.waitUntil(lambda: all(item.saved_to is not None for item in items), timeout=WAIT_MS)
    assert _results(out) == ["photos/a.png", "photos/b.png", "photos/c.png"]


def test_save_all_refused_takes_away_the_output_folder_it_made_for_its_lock(
    make_window, qtbot, tiny_model: Path, photos: Path, tmp_path: Path, saved_by_hand
):
    """The batch of the folder photos into top writes into top/photos, the app's folder."""
    top = tmp_path / "restored"
    saved_by_hand.output_dir = str(top / photos.name)
    window = make_window()
    items = _restored_unsaved(window, qtbot, photos)
    batch = batch_held_in_another_process(_restore(photos, top, tiny_model), top)
    try:
        window.save_all()
        assert window.statusBar().currentMessage() == _refusal(batch, top, "Saving")
        assert not any(item.saved_to for item in items)
        assert not (top / photos.name).exists()
    finally:
        batch.kill()
        batch.wait()


def test_a_command_line_batch_into_the_folder_of_a_save_all_under_way_is_refused(
    make_window, qtbot, tiny_model: Path, photos: Path, saved_by_hand, saved_when_let, capfd
):
    out = Path(saved_by_hand.output_dir)
    window = make_window()
    items = _restored_unsaved(window, qtbot, photos)
    window.save_all()
    assert _lock_files(out) != []
    command = _restore(photos, out, tiny_model)
    assert main(command) == REFUSED
    assert f"is writing results into {out}; wait for it or stop it" in capfd.readouterr().err
    saved_when_let.set()
    qtbot.waitUntil(lambda: all(item.saved_to is not None for item in items), timeout=WAIT_MS)
    assert _results(out) == ["photos/a.png", "photos/b.png", "photos/c.png"]  # no "(2)"
    assert _lock_files(out) == []  # let go once the last was written

    assert main([*command, "--overwrite"]) == 0
    assert _results(out) == ["photos/a.png", "photos/b.png", "photos/c.png"]


def test_a_run_saving_at_once_starts_beside_the_same_windows_save_all(
    make_window,
    qtbot,
    tiny_model: Path,
    photos: Path,
    tmp_path: Path,
    saved_by_hand,
    saved_when_let,
):
    """Save All under way, a photo restored and saved at once into the same folder; the
    folder is let go once the saver has answered for both."""
    out = Path(saved_by_hand.output_dir)
    window = make_window()
    items = _restored_unsaved(window, qtbot, photos)
    window.save_all()
    window.settings_panel.auto_save_check.setChecked(True)
    [late] = window.add_paths([write_photo(tmp_path / "late.png", 40, 30, 9)])
    wait_until_read(qtbot, window)
    window.restore_all()
    assert "did not start" not in window.statusBar().currentMessage()
    wait_for_status(qtbot, late, ItemStatus.RESTORED)
    saved_when_let.set()
    everything = [*items, late]
    qtbot.waitUntil(lambda: all(i.saved_to is not None for i in everything), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.runner.is_running, timeout=WAIT_MS)
    assert _results(out) == ["late.png", "photos/a.png", "photos/b.png", "photos/c.png"]
    assert _lock_files(out) == []
