"""What the line under a cluster's address says, and when: only the answer for the address
last asked about, the engine's own sentence where it cannot be used, "local" where the box
is left empty (the setting's default), and a check again once a restoration finds the
cluster stopped answering; the restoration says what it kept in one sentence. No test here
starts a Ray cluster: the check and the cluster's driver are stood in for."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from gui_helpers import wait_for_status, wait_until_read
from PySide6.QtCore import Qt
from test_gui_cluster import HERE, LOCAL, _enter, _says, driver  # noqa: F401 (a fixture)

from app import cluster_field, cluster_link
from app.cluster_field import ClusterField
from app.item_status import ItemStatus
from engine.cluster.connect import Cluster
from engine.cluster.running import ClusterLost
from engine.errors import RekindleError
from engine.words import say
from tests.video_helpers import make_clip

HEAD = "head.example:6379"
SLOW = "slow.example:6379"


def test_an_answer_for_an_address_no_longer_asked_about_is_not_shown(
    make_window, qtbot, tiny_model: Path, monkeypatch
):
    """A slow head entered, then at once another address: the slow one's answer, coming
    first, never shows under the other."""
    answered = threading.Event()

    def survey(address: str, timeout: float) -> Cluster:
        if address == SLOW:
            time.sleep(0.5)
            answered.set()
            return Cluster(SLOW, machines=3, workers=9, gpus=9)
        raise RekindleError(f"nothing at {address}")

    monkeypatch.setattr(cluster_field, "survey", survey)
    shown: list[tuple[str, str]] = []
    says = ClusterField._say

    def say_and_note(field: ClusterField, status, tone=None) -> None:
        says(field, status, tone)
        shown.append((field.address(), field.status.text()))

    monkeypatch.setattr(ClusterField, "_say", say_and_note)
    panel = make_window().settings_panel
    field = panel.address_field
    panel.cluster_check.setChecked(True)
    _enter(qtbot, field, SLOW)
    _enter(qtbot, field, "other.example:6379")
    _says(qtbot, field, "Nothing at other.example:6379")
    assert answered.is_set()
    assert not [text for _, text in shown if text.startswith("Reachable")]


def test_an_empty_address_is_local_as_the_setting_is_at_first(
    make_window, qtbot, tiny_model: Path, app_settings
):
    """The box emptied: Restore uses a cluster of this computer, as the line says, not this
    computer without one."""
    panel = make_window().settings_panel
    panel.cluster_check.setChecked(True)
    field = panel.address_field
    _enter(qtbot, field, "head.example:6379")
    field.edit.clear()
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    _says(qtbot, field, LOCAL)
    assert panel.restore_settings().cluster == "local"
    assert app_settings.cluster_address == "local"


def test_a_token_asked_for_is_said_as_the_engine_says_it(
    make_window, qtbot, tiny_model: Path, monkeypatch
):
    """Not "Cannot reach": the head was reached, and told what it wants."""
    refusal = say("the Ray cluster at {address} answers only with its token", address=HEAD)

    def survey(address: str, timeout: float) -> Cluster:
        raise RekindleError(refusal)

    monkeypatch.setattr(cluster_field, "survey", survey)
    panel = make_window().settings_panel
    panel.cluster_check.setChecked(True)
    _enter(qtbot, panel.address_field, HEAD)
    _says(qtbot, panel.address_field, f"The Ray cluster at {HEAD} answers only with its token")


def test_a_cluster_that_stops_answering_mid_film_is_left_and_its_address_checked_again(
    make_window,
    qtbot,
    tiny_model: Path,
    tmp_path: Path,
    app_settings,
    monkeypatch,
    driver,  # noqa: F811
):
    asked: list[str] = []

    def survey(address: str, timeout: float) -> Cluster:
        asked.append(address)
        if asked.count(HEAD) > 1:
            raise RekindleError(f"nothing answers at {address}")
        return HERE

    lost = say(
        "the Ray cluster at {address} stopped answering; the {kept} of {total} frames "
        "restored so far are kept for the next run",
        address=HEAD,
        kept=2,
        total=3,
    )

    def restore_films(cluster, setup, restorer, films, options, progress, devices):
        driver.append(("films", cluster.address))
        raise ClusterLost(lost)

    monkeypatch.setattr(cluster_field, "survey", survey)
    monkeypatch.setattr(cluster_link, "restore_films", restore_films)
    app_settings.film_cluster = True
    app_settings.cluster_address = HEAD
    window = make_window()
    field = window.settings_panel.address_field
    _says(qtbot, field, "Reachable: machines 1, workers 1, GPUs 0")
    [film] = window.add_paths([make_clip(tmp_path / "film.mp4", frames=3, audio=None)])
    wait_until_read(qtbot, window)
    window.restore_all()
    wait_for_status(qtbot, film, ItemStatus.FAILED, ItemStatus.RESTORED)
    assert film.message == lost
    assert driver[:3] == [("open", HEAD, "auto"), ("films", HEAD), ("close", HEAD)]
    _says(qtbot, field, f"Nothing answers at {HEAD}")
    assert asked == [HEAD, HEAD]
