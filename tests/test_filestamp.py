"""``FileStamp``: whether a file is still the one read earlier."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from engine.filestamp import FileStamp


def test_a_stamp_holds_while_the_file_stays_and_not_once_it_changes(tmp_path: Path):
    path = tmp_path / "film.mp4"
    path.write_bytes(b"12345")
    stamp = FileStamp.of(path)
    assert stamp == FileStamp(5, os.stat(path).st_mtime_ns)
    assert stamp.matches(path) and FileStamp.find(path) == stamp
    os.utime(path, ns=(stamp.mtime_ns, stamp.mtime_ns + 1_000_000))  # touched: same size
    assert not stamp.matches(path)
    path.write_bytes(b"1234")  # cut short
    os.utime(path, ns=(stamp.mtime_ns, stamp.mtime_ns))
    assert not stamp.matches(path)


def test_a_missing_file_has_no_stamp(tmp_path: Path):
    gone = tmp_path / "gone.png"
    with pytest.raises(OSError):
        FileStamp.of(gone)
    assert FileStamp.find(gone) is None
    assert not FileStamp(0, 0).matches(gone)
