"""Atomic writes: all or nothing, and files readable by others as the umask allows."""

import os
import stat

import pytest

from engine.atomic import staged_file, write_bytes_atomically
from engine.library.own_format import save_model
from engine.networks import UNetGenerator


def test_failure_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "f.bin"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), staged_file(target) as staged, staged.open() as stream:
        stream.write(b"half")
        raise RuntimeError("killed")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.bin"]


def test_success_replaces(tmp_path):
    target = tmp_path / "sub" / "f.bin"
    write_bytes_atomically(target, b"new")
    assert target.read_bytes() == b"new"


def test_model_files_follow_the_umask_not_private(tmp_path):
    old = os.umask(0o022)
    try:
        path = save_model(
            UNetGenerator(width=4, up_width=4), tmp_path / "m.safetensors", display_name="m"
        )
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_the_folder_is_synced_after_the_name_is_given(tmp_path, monkeypatch):
    """The name is in the folder's entries on the disk, not only the bytes in the file."""
    synced = []
    real = os.fsync

    def record(fd):
        synced.append(stat.S_ISDIR(os.fstat(fd).st_mode))
        real(fd)

    monkeypatch.setattr(os, "fsync", record)
    write_bytes_atomically(tmp_path / "a.bin", b"whole")
    assert synced == [False, True]  # the file, then its folder
