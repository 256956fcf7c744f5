"""Programs the packaged app opens get the person's library path, not the bundle's."""

from __future__ import annotations

from app.launch_environment import restore_launch_environment

BUNDLE = "/opt/rekindle/_internal"


def test_a_bundle_gives_back_the_persons_library_path() -> None:
    environ = {"LD_LIBRARY_PATH": BUNDLE, "LD_LIBRARY_PATH_ORIG": "/home/me/lib"}
    restore_launch_environment(environ, frozen=True)
    assert environ["LD_LIBRARY_PATH"] == "/home/me/lib"


def test_a_bundle_started_without_one_leaves_none() -> None:
    environ = {"LD_LIBRARY_PATH": BUNDLE, "PATH": "/usr/bin"}
    restore_launch_environment(environ, frozen=True)
    assert environ == {"PATH": "/usr/bin"}


def test_from_source_nothing_changes() -> None:
    environ = {"LD_LIBRARY_PATH": "/home/me/lib"}
    restore_launch_environment(environ, frozen=False)
    assert environ == {"LD_LIBRARY_PATH": "/home/me/lib"}
