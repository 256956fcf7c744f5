"""The setting "Restore on a cluster": off at first, its address checked as it is entered
(never on the UI thread), films restored there when it is on, photos too on a remote one, one
connection for them all, and nothing to choose without Ray. No test here starts a Ray cluster:
the check is either stood in for, or made of an address that refuses at once; the cluster's
driver is stood in for."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import cv2
import pytest
from gui_helpers import WAIT_MS, Stopwatch, wait_for_status, wait_until_read, write_photo
from PySide6.QtCore import Qt

from app import cluster_field, cluster_link
from app.cluster_field import ClusterField
from app.item_status import ItemStatus
from app.photo_queue import status_text
from engine.cluster import connect, tasks
from engine.cluster.connect import Cluster, local_plan
from engine.cluster.films import ClusterReport
from engine.errors import RekindleError
from engine.imageio import read_picture
from engine.video import probe, restore_video
from tests.conftest import photo_path
from tests.video_helpers import make_clip

REPO = Path(__file__).resolve().parents[2]
ANSWER_MS = 5_000
HERE = local_plan(0)  # what "local" would start on this machine
LOCAL = (
    "A cluster is started on this computer for films (photos stay here): "
    f"workers {HERE.workers}, GPUs {HERE.gpus}"
)


def _enter(qtbot, field: ClusterField, address: str) -> None:
    """Type ``address`` over the field's, and press Enter, as a person would."""
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, address)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)


def _says(qtbot, field: ClusterField, text: str) -> None:
    qtbot.waitUntil(lambda: field.status.text() == text, timeout=ANSWER_MS)


def test_films_run_here_until_a_cluster_is_chosen_and_its_address_checked(
    make_window, qtbot, tiny_model: Path, app_settings, monkeypatch
):
    asked: list[str] = []
    head = Cluster("head.example:6379", machines=2, workers=4, gpus=4)

    def survey(address: str, timeout: float) -> Cluster:  # a head that answers; "local" as is
        asked.append(address)
        return connect.survey(address, timeout) if address == "local" else head

    monkeypatch.setattr(cluster_field, "survey", survey)
    panel = make_window().settings_panel
    field = panel.address_field
    assert panel.cluster_check.isEnabled() and not panel.cluster_check.isChecked()
    assert not field.isEnabled() and not field.status.isVisible()
    assert panel.restore_settings().cluster is None
    assert asked == []  # nothing is checked while films run here

    panel.cluster_check.setChecked(True)
    _says(qtbot, field, LOCAL)  # the address at first: a cluster of this computer's own
    assert field.isEnabled() and app_settings.film_cluster
    assert panel.restore_settings().cluster == "local"

    _enter(qtbot, field, "head.example:6379")
    _says(qtbot, field, "Reachable: machines 2, workers 4, GPUs 4")
    assert asked == ["local", "head.example:6379"]
    assert app_settings.cluster_address == "head.example:6379"
    assert panel.restore_settings().cluster == "head.example:6379"

    panel.cluster_check.setChecked(False)
    assert not field.isEnabled() and not field.status.isVisible()
    assert panel.restore_settings().cluster is None and not app_settings.film_cluster


def test_an_address_checked_during_a_restoration_is_said_reachable(
    make_window, qtbot, tiny_model: Path, monkeypatch
):
    """``survey`` answers None when this process is joined for a restoration already."""
    monkeypatch.setattr(cluster_field, "survey", lambda address, timeout: None)
    panel = make_window().settings_panel
    panel.cluster_check.setChecked(True)
    _enter(qtbot, panel.address_field, "head.example:6379")
    _says(qtbot, panel.address_field, "Reachable")


def test_an_address_where_nothing_answers_says_why(make_window, qtbot, tiny_model: Path):
    panel = make_window().settings_panel
    panel.cluster_check.setChecked(True)
    _enter(qtbot, panel.address_field, "127.0.0.1:1")  # nothing listens on port 1
    _says(
        qtbot,
        panel.address_field,
        "Cannot reach a Ray cluster at 127.0.0.1:1 (connection refused); start one there with "
        "`ray start --head`, or give the address local to start one on this computer",
    )


def test_a_slow_check_leaves_the_window_free(make_window, qtbot, tiny_model: Path, monkeypatch):
    checked_on: list[threading.Thread] = []

    def slow_check(address: str, timeout: float) -> Cluster:
        checked_on.append(threading.current_thread())
        time.sleep(1.0)
        raise RekindleError(f"cannot reach {address}")

    monkeypatch.setattr(cluster_field, "survey", slow_check)
    answers: list[str] = []
    shows = ClusterField._on_checked

    def answered(field: ClusterField, address: str, found: object) -> None:
        shows(field, address, found)
        answers.append(address)

    monkeypatch.setattr(ClusterField, "_on_checked", answered)
    panel = make_window().settings_panel
    field = panel.address_field
    clock = Stopwatch()
    panel.cluster_check.setChecked(True)
    assert clock.seconds() < 0.5 and field.status.text() == "Checking…"
    _says(qtbot, field, "Cannot reach local")
    assert threading.main_thread() not in checked_on

    _enter(qtbot, field, "slow.example:6379")
    panel.cluster_check.setChecked(False)  # back to this computer before the answer
    qtbot.waitUntil(lambda: len(answers) == 2, timeout=WAIT_MS)
    assert answers[1] == "slow.example:6379" and not field.status.isVisible()  # dropped


def test_without_ray_the_setting_says_so_and_films_run_here(
    make_window, tiny_model: Path, app_settings, monkeypatch
):
    monkeypatch.setitem(sys.modules, "ray", None)  # as if it were not installed
    app_settings.film_cluster = True  # chosen where it was
    panel = make_window().settings_panel
    assert not panel.cluster_check.isEnabled() and not panel.address_field.isEnabled()
    assert panel.address_field.status.text() == (
        "Ray is not installed, so all is restored on this computer"
    )
    assert panel.restore_settings().cluster is None


def test_the_app_imports_without_ray():
    code = "import sys; sys.modules['ray'] = None; import app.main_window"
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True, capture_output=True)


@pytest.fixture
def driver(monkeypatch) -> list[tuple]:
    """The cluster's driver stood in for, its calls recorded: a film, and a photo through the
    workers' own task function, restored here as Ray's workers would."""
    calls: list[tuple] = []

    @contextmanager
    def open_cluster(address: str, device: str):
        calls.append(("open", address, device))
        try:
            yield Cluster(address, machines=1, workers=2, resources={"num_cpus": 1})
        finally:
            calls.append(("close", address))

    def restore_films(cluster, setup, restorer, films, options, progress, devices):
        calls.append(("films", cluster.address, [file.name for file in setup.model], films))
        ((source, target),) = films
        return ClusterReport([restore_video(restorer, source, target, options, progress)])

    def restore_one_photo(cluster, shared, job, options, progress, devices):
        kind, setup = shared
        calls.append(("photo", cluster.address, kind, [file.name for file in setup.model]))
        done = tasks.restore_photo(setup, job, options)
        return done.picture

    monkeypatch.setattr(cluster_link, "open_cluster", open_cluster)
    monkeypatch.setattr(cluster_link, "restore_films", restore_films)
    monkeypatch.setattr(cluster_link, "share_setup", lambda setup: ("shared", setup))
    monkeypatch.setattr(cluster_link, "restore_one_photo", restore_one_photo)
    return calls


def _restore_film_and_photo(make_window, qtbot, tmp_path: Path, app_settings, address: str):
    """Restore a film and a photo with the cluster at ``address`` chosen, each saved as it is
    restored; the window and both items."""
    app_settings.auto_save = True
    app_settings.film_cluster = True
    app_settings.cluster_address = address
    window = make_window()
    film = make_clip(tmp_path / "film.mp4", frames=3, audio=None)
    film_item, photo_item = window.add_paths([film, write_photo(tmp_path / "photo.png")])
    wait_until_read(qtbot, window)
    window.restore_all()
    for item in (photo_item, film_item):
        wait_for_status(qtbot, item, ItemStatus.RESTORED, ItemStatus.FAILED)
        assert item.status is ItemStatus.RESTORED, item.message
        qtbot.waitUntil(lambda item=item: item.saved_to is not None, timeout=ANSWER_MS)
    assert probe(film_item.saved_to).frames == 3
    assert photo_item.saved_to.name.startswith("photo [")  # named by its recipe, as here
    assert read_picture(photo_item.saved_to).pixels.shape == (120, 160, 3)  # the tiny x4
    return window, film_item, photo_item


def test_restore_sends_films_and_photos_to_a_remote_cluster_on_one_connection(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, app_settings, monkeypatch, driver
):
    head = "head.example:6379"
    monkeypatch.setattr(cluster_field, "survey", lambda address, timeout: HERE)
    window, film_item, _ = _restore_film_and_photo(make_window, qtbot, tmp_path, app_settings, head)
    qtbot.waitUntil(lambda: driver[-1][0] == "close", timeout=ANSWER_MS)  # the run ended
    film = (film_item.source, film_item.saved_to)
    assert driver == [
        ("open", head, "auto"),
        ("films", head, ["tiny.safetensors"], [film]),
        ("photo", head, "shared", ["tiny.safetensors"]),
        ("close", head),
    ]

    window.settings_panel.cluster_check.setChecked(False)  # back to this computer
    (another,) = window.add_paths([write_photo(tmp_path / "another.png", seed=1)])
    wait_until_read(qtbot, window)
    window.restore_all()
    wait_for_status(qtbot, another, ItemStatus.RESTORED, ItemStatus.FAILED)
    assert another.status is ItemStatus.RESTORED, another.message
    assert len(driver) == 4  # restored here


def test_a_local_cluster_takes_films_and_photos_stay_here(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, app_settings, driver
):
    _, film_item, _ = _restore_film_and_photo(make_window, qtbot, tmp_path, app_settings, "local")
    film = (film_item.source, film_item.saved_to)
    qtbot.waitUntil(lambda: driver[-1][0] == "close", timeout=ANSWER_MS)
    assert driver == [
        ("open", "local", "auto"),
        ("films", "local", ["tiny.safetensors"], [film]),
        ("close", "local"),
    ]


def test_a_photo_restored_on_a_cluster_says_when_its_colours_were_kept(
    make_window, qtbot, tiny_model: Path, tmp_path: Path, app_settings, monkeypatch, driver
):
    monkeypatch.setattr(cluster_field, "survey", lambda address, timeout: HERE)
    app_settings.film_cluster = True
    app_settings.cluster_address = "head.example:6379"
    window = make_window()
    window.settings_panel.fading_check.setChecked(True)
    photo = cv2.resize(cv2.imread(str(photo_path(2))), (96, 64), interpolation=cv2.INTER_AREA)
    cv2.imwrite(str(tmp_path / "kept.png"), photo)
    [item] = window.add_paths([tmp_path / "kept.png"])
    wait_until_read(qtbot, window)
    window.restore_all()
    wait_for_status(qtbot, item, ItemStatus.RESTORED, ItemStatus.FAILED)
    assert item.status is ItemStatus.RESTORED, item.message
    assert driver[1][0] == "photo"  # restored by the cluster's task function
    assert item.colours_kept and "no sign of fading, colours kept" in status_text(item)
