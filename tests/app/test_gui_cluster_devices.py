"""A cluster's worker without the device chosen (CUDA chosen, a worker without a GPU) restores
on the best one it has, and the status bar's lasting device note says so, in the engine's
sentence: once for each worker while the connection lasts, photo after photo, and for a
film's run too. Ray is stood in for (``MixedRay``: its workers restore here, as Ray's
would), and for the film the cluster's driver (``driver``)."""

from __future__ import annotations

from contextlib import nullcontext
from itertools import repeat
from pathlib import Path

import pytest
import torch
from gui_helpers import wait_for_status, wait_until_read, write_photo
from test_gui_cluster import HERE, driver  # noqa: F401 (a fixture)
from test_gui_gone_device import held_probe  # noqa: F401 (a fixture)

import engine.devices
from app import cluster_field, cluster_link
from app.item_status import ItemStatus
from engine.cluster import tasks
from tests.test_cluster_devices import CLUSTER, WORKERS, ray  # noqa: F401 (a fixture)
from tests.video_helpers import make_clip


def _notes_told(window) -> list[str]:
    """Each note the window's device note is told from now on."""
    told: list[str] = []
    note = window.device_note
    note.changed.connect(lambda: told.append(note.words()))
    return told


def _restore(qtbot, window, paths: list[Path]) -> None:
    """Add ``paths`` to the queue and restore them, each restored."""
    items = window.add_paths(paths)
    wait_until_read(qtbot, window)
    window.restore_all()
    for item in items:
        wait_for_status(qtbot, item, ItemStatus.RESTORED, ItemStatus.FAILED)
        assert item.status is ItemStatus.RESTORED, item.message


@pytest.mark.usefixtures("held_probe")
def test_a_workers_device_is_told_once_for_photo_after_photo_on_one_connection(
    make_window,
    qtbot,
    tiny_model,
    tmp_path,
    app_settings,
    monkeypatch,
    ray,  # noqa: F811
):
    monkeypatch.setattr(cluster_field, "survey", lambda address, timeout: HERE)
    monkeypatch.setattr(cluster_link, "open_cluster", lambda address, device: nullcontext(CLUSTER))
    ray.turns = repeat(WORKERS[0])  # every photo to the same worker
    app_settings.device = "cuda"
    app_settings.film_cluster = True
    app_settings.cluster_address = CLUSTER.address
    window = make_window()
    told = _notes_told(window)
    reason = engine.devices.pick_device_present("cuda")[1]
    said = f"warning: worker {WORKERS[0]} restores on cpu ({reason})"

    _restore(qtbot, window, [write_photo(tmp_path / "a.png"), write_photo(tmp_path / "b.png", 1)])
    assert told.count(said) == 1  # after the app's own note that this computer has no CUDA
    assert window.device_note.words() == said
    assert said in window.warnings.shown()

    _restore(qtbot, window, [write_photo(tmp_path / "c.png", seed=2)])  # another run's connection
    assert told.count(said) == 2


def test_a_films_device_warnings_are_told_in_the_status_bar(
    make_window,
    qtbot,
    tiny_model,
    tmp_path,
    app_settings,
    monkeypatch,
    driver,  # noqa: F811
):
    monkeypatch.setattr(tasks, "worker_name", lambda: WORKERS[1])
    said = tasks._device_warning(torch.device("cpu"), "no GPU")
    restore_here = cluster_link.restore_films  # the driver's stand-in

    def telling(*given: object, devices) -> object:
        devices.heard(WORKERS[1], said)  # as a run's board tells of a worker
        return restore_here(*given, devices=devices)

    monkeypatch.setattr(cluster_link, "restore_films", telling)
    app_settings.film_cluster = True
    app_settings.cluster_address = "local"
    window = make_window()
    _restore(qtbot, window, [make_clip(tmp_path / "film.mp4", frames=3, audio=None)])
    assert driver[1][0] == "films"  # restored by the cluster
    assert window.device_note.words() == said
