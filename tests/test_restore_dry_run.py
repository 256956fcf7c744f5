"""``restore --dry-run`` says what the run would do with each photo (restore it, and as what;
skip it, and why; refuse it, and why) and the counts, and writes nothing: no result, folder,
journal nor lock, and an unfinished batch's journal is left as it was."""

from __future__ import annotations

import signal
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import cv2
import numpy as np

from engine.console import INTERRUPTED
from tests.conftest import photo_path
from tests.fault_helpers import make_read_only


def _small(path: Path, index: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    assert cv2.imwrite(str(path), cv2.resize(cv2.imread(str(photo_path(index))), (24, 16)))
    return path


def _everything(folder: Path) -> dict[str, tuple[bytes, int] | None]:
    """Each file and folder below ``folder``, hidden ones too: a file's bytes and when it was
    last changed (a folder's time is left out: the check that a folder takes files makes a
    file there and removes it at once, where the system cannot make it without a name)."""
    return {
        str(path.relative_to(folder)): (
            (path.read_bytes(), path.stat().st_mtime_ns) if path.is_file() else None
        )
        for path in folder.rglob("*")
    }


def test_a_dry_run_into_a_new_folder_lists_each_photo_and_makes_nothing(tiny_restore, tmp_path):
    album = tmp_path / "album"
    for index in range(2):
        _small(album / "box" / f"p{index}.png", index)
    out = tmp_path / "out"

    code, printed = tiny_restore(album, "-o", out, "--dry-run")

    assert code == 0
    assert printed.splitlines() == [
        f"to restore: album/box/p0.png as {out / 'album' / 'box' / 'p0.png'}",
        f"to restore: album/box/p1.png as {out / 'album' / 'box' / 'p1.png'}",
        "dry run, nothing written: 2 to restore, 0 would fail",
    ]
    assert not out.exists()


def test_a_dry_run_tells_what_is_skipped_renamed_and_refused_and_changes_nothing(
    tiny_restore, tmp_path, monkeypatch
):
    album = tmp_path / "album"
    for index in range(3):
        _small(album / f"p{index}.png", index)
    out = tmp_path / "out"
    assert tiny_restore(album, "-o", out)[0] == 0
    assert (
        tiny_restore(album / "p1.png", "-o", out / "album", "--scale-out", "1", "--overwrite")[0]
        == 0
    )
    _small(album / "new.png", 3)
    _small(album / "late" / "q.png", 4)
    make_read_only(out / "album" / "late", monkeypatch)
    before = _everything(out)

    code, printed = tiny_restore(album, "-o", out, "--dry-run")

    results = out / "album"
    assert code == 1  # as the run's: a photo would fail
    assert printed.splitlines() == [
        f"to restore: album/new.png as {results / 'new.png'}",
        f"to restore: album/p1.png as {results / 'p1 (2).png'} "
        "(p1.png holds this photo's result made with other settings)",
        f"skipped: album/p0.png (already restored as {results / 'p0.png'})",
        f"skipped: album/p2.png (already restored as {results / 'p2.png'})",
        f"would fail: album/late/q.png: cannot write into {results / 'late'} (permission denied)",
        "dry run, nothing written: 2 to restore, 1 of them under another name, "
        "2 skipped (already restored), 1 would fail",
    ]
    assert _everything(out) == before

    code, printed = tiny_restore(album, "-o", out, "--dry-run", "--skip-existing")

    assert code == 1
    assert (
        f"skipped: album/p1.png (restored before with other settings, as {results / 'p1.png'})"
    ) in printed
    assert "1 to restore, 2 skipped (already restored), 1 skipped (restored before" in printed
    assert _everything(out) == before


def test_a_dry_run_after_a_stopped_run_leaves_its_journal_as_it_was(
    tiny_restore, stopped_after_one_photo, tmp_path
):
    album = tmp_path / "album"
    for index in range(3):
        _small(album / f"p{index}.png", index)
    out = tmp_path / "out"
    assert stopped_after_one_photo(album, "-o", out) == INTERRUPTED
    before = _everything(out)
    assert any(name.startswith(".rekindle-batch-") for name in before)  # the journal

    code, printed = tiny_restore(album, "-o", out, "--dry-run")

    assert code == 0
    assert f"skipped: album/p0.png (already restored as {out / 'album' / 'p0.png'})" in printed
    assert "dry run, nothing written: 2 to restore, 1 skipped (already restored)" in printed
    assert _everything(out) == before


def test_a_dry_run_that_restores_again_tells_the_names_the_results_would_take(
    tiny_restore, tmp_path
):
    """``--no-skip-existing``: each result would be saved beside the last, numbered as the
    save numbers a taken name."""
    photo = _small(tmp_path / "in" / "a.png", 0)
    out = tmp_path / "out"
    assert tiny_restore(photo, "-o", out)[0] == 0

    code, printed = tiny_restore(photo, "-o", out, "--no-skip-existing", "--dry-run")

    assert code == 0
    assert printed.splitlines() == [
        f"to restore: a.png as {out / 'a (2).png'} (a.png was taken)",
        "dry run, nothing written: 1 to restore, 1 of them under another name, 0 would fail",
    ]
    assert [path.name for path in out.iterdir()] == ["a.png"]


def test_a_dry_run_with_overwrite_says_which_results_it_replaces(tiny_restore, tmp_path):
    first = _small(tmp_path / "in" / "a.png", 0)
    second = _small(tmp_path / "in" / "b.png", 1)
    out = tmp_path / "out"
    assert tiny_restore(first, "-o", out)[0] == 0
    before = _everything(out)

    code, printed = tiny_restore(first, second, "-o", out, "--overwrite", "--dry-run")

    assert code == 0
    assert printed.splitlines() == [
        f"to restore: a.png as {out / 'a.png'}, replacing its earlier result",
        f"to restore: b.png as {out / 'b.png'}",
        "dry run, nothing written: 2 to restore, 0 would fail",
    ]
    assert _everything(out) == before


def _failing_photos(folder: Path) -> list[Path]:
    """A cut-off PNG, a TIFF of 32-bit samples, and a photo whose 4x result is wider than a
    WebP can hold: each read or refused only as its run goes."""
    import tifffile

    folder.mkdir(parents=True)
    whole = _small(folder / "whole.png", 0).read_bytes()
    cut = folder / "cut.png"
    cut.write_bytes(whole[: len(whole) // 2])
    (folder / "whole.png").unlink()
    wide = folder / "wide.png"
    assert cv2.imwrite(str(wide), np.zeros((2, 4100, 3), np.uint8))
    deep = folder / "deep.tif"
    tifffile.imwrite(deep, np.full((8, 8, 3), 70_000, np.uint32), photometric="rgb")
    return [cut, deep, wide]


def test_a_dry_run_lists_each_photo_its_run_would_fail_with_the_runs_reason(tiny_restore, tmp_path):
    photos = _failing_photos(tmp_path / "in")
    out = tmp_path / "out"

    code, printed = tiny_restore(*photos, "-o", out, "--format", "webp", "--dry-run")

    assert code == 1
    assert not out.exists()
    lines = printed.splitlines()
    assert lines[-1] == "dry run, nothing written: 0 to restore, 3 would fail"
    foretold = sorted(line.removeprefix("would fail: ") for line in lines[:-1])
    assert len(foretold) == 3 and all(line.startswith("would fail: ") for line in lines[:-1])

    code, printed = tiny_restore(*photos, "-o", out, "--format", "webp")

    assert code == 1
    failed = sorted(
        line.removeprefix("failed: ")
        for line in printed.splitlines()
        if line.startswith("failed: ")
    )
    assert foretold == failed
    assert [failure.split(":")[0] for failure in failed] == ["cut.png", "deep.tif", "wide.png"]


def test_a_dry_run_says_the_same_of_each_heic_in_any_order(tiny_model_file, tmp_path):
    """Seen before: the first HEIC was read whole (registering pillow-heif's opener), the
    others by their headers only, so a damaged HEIC was "would fail" listed first and "to
    restore" listed second. Each order runs in a process of its own, as a person's does."""
    import pillow_heif
    from PIL import Image

    pillow_heif.register_heif_opener()
    good = tmp_path / "good.heic"
    Image.fromarray(np.random.default_rng(0).integers(0, 256, (256, 384, 3), np.uint8)).save(good)
    damaged = tmp_path / "damaged.heic"
    damaged.write_bytes(good.read_bytes()[: good.stat().st_size * 2 // 3])

    def verdicts(*photos: Path) -> list[str]:
        command = [sys.executable, "-m", "engine", "restore", *map(str, photos), "-o"]
        command += [str(tmp_path / "out"), "--model", str(tiny_model_file), "--dry-run"]
        ran = subprocess.run(command, capture_output=True, text=True, check=False)
        assert ran.returncode == 1  # the damaged one would fail
        return sorted(ran.stdout.splitlines())

    assert verdicts(damaged, good) == verdicts(good, damaged)


def _damaged_inside(folder: Path) -> list[Path]:
    """Photos whose headers are whole and whose pixels are not: a JPEG and a PNG cut off
    halfway, a PNG whose IDAT chunk's checksum is wrong, and one whose IDAT's compressed
    data is damaged under a checksum made again to match."""
    folder.mkdir(parents=True)
    picture = cv2.imread(str(photo_path(0)))[:64, :96]
    jpeg = cv2.imencode(".jpg", picture)[1].tobytes()
    png = cv2.imencode(".png", picture)[1].tobytes()
    (folder / "cut.jpg").write_bytes(jpeg[: len(jpeg) // 2])
    (folder / "cut.png").write_bytes(png[: len(png) // 2])
    start = png.index(b"IDAT")
    length = struct.unpack(">I", png[start - 4 : start])[0]
    end = start + 4 + length  # where the chunk's checksum starts
    checksum = bytearray(png)
    checksum[end] ^= 0xFF
    (folder / "checksum.png").write_bytes(bytes(checksum))
    inside = bytearray(png)
    inside[start + 4 + length // 2] ^= 0xFF
    inside[end : end + 4] = struct.pack(">I", zlib.crc32(inside[start:end]))
    (folder / "inside.png").write_bytes(bytes(inside))
    return sorted(folder.iterdir())


def test_a_dry_run_finds_damage_inside_a_photos_pixels_as_its_run_does(tiny_restore, tmp_path):
    """Seen before: a photo whose header was whole was said to be restored, and its run then
    failed on its pixels."""
    photos = _damaged_inside(tmp_path / "in")
    good = _small(tmp_path / "in" / "good.png", 1)
    out = tmp_path / "out"

    code, printed = tiny_restore(*photos, good, "-o", out, "--dry-run")

    assert code == 1
    assert not out.exists()
    lines = printed.splitlines()
    assert lines[0] == f"to restore: good.png as {out / 'good.png'}"
    assert lines[-1] == "dry run, nothing written: 1 to restore, 4 would fail"
    foretold = sorted(line.removeprefix("would fail: ") for line in lines[1:-1])

    code, printed = tiny_restore(*photos, good, "-o", out)

    assert code == 1
    failed = sorted(
        line.removeprefix("failed: ") for line in printed.splitlines() if line.startswith("failed")
    )
    assert foretold == sorted(set(failed))  # the summary names each again
    assert [failure.split(":")[0] for failure in foretold] == [photo.name for photo in photos]


def test_a_dry_run_stopped_by_ctrl_c_says_it_stops_and_to_run_it_again(
    tiny_model_file, tmp_path, monkeypatch, capsys
):
    """A dry run stopped between two photos by Ctrl+C keeps nothing, having written nothing:
    it says it stops (not that what is finished is kept) and, having restored none, that it
    is run again whole (not that the photos restored are skipped)."""
    from engine.cli import main
    from engine.cli import photos as cli_photos

    def read_as_ctrl_c_is_pressed(*_args: object) -> None:
        signal.raise_signal(signal.SIGINT)

    monkeypatch.setattr(cli_photos, "_would_fail", read_as_ctrl_c_is_pressed)
    album = tmp_path / "album"
    _small(album / "a.png", 0)
    _small(album / "b.png", 1)
    command = [album, "-o", tmp_path / "out", "--model", tiny_model_file, "--dry-run"]

    code = main(["restore", *map(str, command)])

    said = capsys.readouterr()
    assert code == INTERRUPTED
    assert said.out == ""
    assert "\nstopping (Ctrl+C again stops at once)\n" in said.err
    assert "kept" not in said.err
    assert said.err.endswith("stopped before the end; run the same command again\n")


def test_a_dry_run_with_nothing_to_restore_reads_nothing_and_says_no_reading(
    tiny_restore, tmp_path, capsys
):
    album = tmp_path / "album"
    _small(album / "a.png", 0)
    out = tmp_path / "out"
    assert tiny_restore(album, "-o", out)[0] == 0

    capsys.readouterr()
    code, printed = tiny_restore(album, "-o", out, "--dry-run")

    assert code == 0
    assert printed.splitlines()[-1].startswith("dry run, nothing written: 0 to restore")
    assert "reading the photos" not in capsys.readouterr().err
