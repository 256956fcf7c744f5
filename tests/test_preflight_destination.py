"""The destination checked before long work: a file where the folder, or a folder on the way
to it, is needed is named; a link to nothing counts as such a file; a folder not there yet
whose nearest folder takes files passes, and is not made; one on a drive gone, or with too
little room, is refused in a sentence. Nothing is left behind."""

from pathlib import Path

import pytest

import engine.preflight
from engine.errors import WriteError
from engine.preflight import check_destination


def _refusal(folder: Path) -> str:
    with pytest.raises(WriteError) as refused:
        check_destination(folder)
    return str(refused.value)


@pytest.mark.parametrize("below", ["", "a", "a/b"])
def test_a_file_on_the_way_to_the_folder_is_named(tmp_path, below):
    blocker = tmp_path / "restored"
    blocker.write_text("a file")
    assert _refusal(blocker / below) == f"{blocker}: is a file, not a folder"


def test_a_link_to_nothing_on_the_way_is_named(tmp_path):
    link = tmp_path / "gone"
    link.symlink_to(tmp_path / "nowhere")
    assert _refusal(link / "out") == f"{link}: is a file, not a folder"


def test_a_folder_to_be_made_passes_and_is_not_made(tmp_path):
    folder = tmp_path / "a" / "b"
    check_destination(folder)
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_cannot_be_written_into_is_refused(tmp_path, monkeypatch):
    def gone(folder: Path) -> int:
        raise FileNotFoundError(2, "gone", str(folder))

    monkeypatch.setattr(engine.preflight, "free_bytes", gone)
    assert _refusal(tmp_path / "out") == (
        f"cannot write into {tmp_path / 'out'} (the file or its folder is gone (moved, "
        "deleted, or its drive unplugged))"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_folder_with_too_little_room_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(engine.preflight, "free_bytes", lambda folder: 3 * 1024 * 1024)
    assert _refusal(tmp_path) == (f"{tmp_path}: only 3 MB free; make room or choose another folder")
