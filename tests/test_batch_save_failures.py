"""A batch whose results cannot be saved: a result folder a file holds the place of is refused
before any photo is restored; a disk gone full (or read-only) stops the batch at the first
result it refuses, saying to make room and run the same command again, which restores the
rest; a failure of one photo alone lets the batch go on; and each OS cause is said in plain,
translatable words, a file in the way of a folder by its name."""

import errno
from pathlib import Path

import cv2
import numpy as np
import pytest

import engine.batch
from engine.atomic import staged_file
from engine.cli import main
from engine.console import CANNOT_GO_ON
from engine.errors import WriteError, plain_reason
from engine.words import Sentence

PHOTOS = 4


@pytest.fixture
def photos(tmp_path: Path) -> Path:
    folder = tmp_path / "src"
    folder.mkdir()
    for index in range(PHOTOS):
        pixels = np.random.default_rng(index).integers(0, 255, (16, 24, 3), dtype=np.uint8)
        assert cv2.imwrite(str(folder / f"p{index}.png"), pixels)
    return folder


@pytest.fixture
def restorations(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The photos the batch restores, in turn."""
    done: list[Path] = []
    restore = engine.batch.restore_picture

    def counted(restorer, job, *args, **kwargs):
        done.append(job.source)
        return restore(restorer, job, *args, **kwargs)

    monkeypatch.setattr(engine.batch, "restore_picture", counted)
    return done


def _restore(model: Path, out: Path, *inputs: Path) -> int:
    return main(["restore", *map(str, inputs), "-o", str(out), "--model", str(model)])


def _refusing_after(monkeypatch: pytest.MonkeyPatch, saved: int, code: int) -> None:
    """Results are saved until ``saved`` are, then every one fails with the OS error ``code``
    (as ``staged_file`` words it)."""
    write = engine.batch.write_picture
    written: list[Path] = []

    def write_until(picture, target, **options):
        if len(written) >= saved:
            cause = OSError(code, "refused", str(target))
            raise WriteError(f"{target.name}: cannot be saved ({plain_reason(cause)})") from cause
        written.append(write(picture, target, **options))
        return written[-1]

    monkeypatch.setattr(engine.batch, "write_picture", write_until)


def test_a_result_folder_held_by_a_file_is_refused_before_restoring(
    photos, tmp_path, tiny_model_file, capsys, restorations
):
    out = tmp_path / "out"
    out.mkdir()
    (out / "src").write_text("a file where the folder's results go")

    assert _restore(tiny_model_file, out, photos) == CANNOT_GO_ON

    assert f"error: {out / 'src'}: is a file, not a folder" in capsys.readouterr().err
    assert restorations == []
    assert [path.name for path in out.iterdir()] == ["src"]


def test_a_disk_gone_full_stops_the_batch_and_the_same_command_restores_the_rest(
    photos, tmp_path, tiny_model_file, capsys, restorations, monkeypatch
):
    out = tmp_path / "out"
    _refusing_after(monkeypatch, saved=1, code=errno.ENOSPC)

    assert _restore(tiny_model_file, out, photos) == 1

    printed = capsys.readouterr()
    assert len(restorations) == 2  # the one saved, the one the full disk refused; no more
    assert "1 restored, 1 failed" in printed.out
    assert printed.out.rstrip().endswith(
        "stopped: the disk is full, so no more results can be saved; make room, then run the "
        "same command again to restore the rest (photos already restored are skipped)"
    )
    assert printed.err.count("failed:") == 1

    monkeypatch.undo()  # room made
    assert _restore(tiny_model_file, out, photos) == 0
    assert "3 restored, 0 failed, 1 skipped (already restored)" in capsys.readouterr().out
    assert len(list((out / "src").glob("p*.png"))) == PHOTOS


def test_a_disk_gone_read_only_stops_the_batch(
    photos, tmp_path, tiny_model_file, capsys, restorations, monkeypatch
):
    _refusing_after(monkeypatch, saved=0, code=errno.EROFS)

    assert _restore(tiny_model_file, tmp_path / "out", photos) == 1

    assert len(restorations) == 1
    assert "stopped: the disk is read-only, so no more results can be saved; once it can be " in (
        capsys.readouterr().out
    )


def test_a_failure_of_one_photo_alone_lets_the_batch_go_on(
    photos, tmp_path, tiny_model_file, capsys, restorations, monkeypatch
):
    _refusing_after(monkeypatch, saved=0, code=errno.ENAMETOOLONG)

    assert _restore(tiny_model_file, tmp_path / "out", photos) == 1

    printed = capsys.readouterr()
    assert len(restorations) == PHOTOS
    assert "0 restored, 4 failed" in printed.out and "stopped" not in printed.out
    assert "cannot be saved (the name is too long for this disk)" in printed.err


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.EFBIG, "the file is too large for this disk"),
        (errno.ENAMETOOLONG, "the name is too long for this disk"),
        (errno.ENOENT, "the file or its folder is gone (moved, deleted, or its drive unplugged)"),
        (errno.EACCES, "permission denied"),
        (errno.EPERM, "permission denied"),
        (errno.EEXIST, "something of that name is in the way"),
        (errno.ENOTDIR, "a file is in the way where a folder is needed"),
    ],
)
def test_os_causes_are_said_in_plain_translatable_words(code, words, tmp_path):
    reason = plain_reason(OSError(code, "raw", str(tmp_path / "nothing" / "here")))
    assert reason == words and isinstance(reason, Sentence)


def test_a_file_in_the_way_of_a_folder_is_named(tmp_path):
    blocker = tmp_path / "restored"
    blocker.write_text("a file")
    in_the_way = f"{blocker} is a file, where a folder is needed"
    for folder in (blocker, blocker / "below"):  # EEXIST, then ENOTDIR
        with pytest.raises(OSError) as made:
            folder.mkdir(parents=True, exist_ok=True)
        assert plain_reason(made.value) == in_the_way
    with pytest.raises(WriteError) as saved, staged_file(blocker / "a.png"):
        pass
    assert str(saved.value) == f"a.png: cannot be saved ({in_the_way})"
