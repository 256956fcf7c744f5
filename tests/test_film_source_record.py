"""A restored film records the film it was made from (its name and a hash of its bytes, in its
comment), so that a command-line run again skips or replaces only that film's own result: Mum's
IMG_0006.MOV restored, Dad's of the same name, restored into the same folder by a later run,
gets a name of its own, as does one beside a result of an earlier release, which records no
source."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import torch

from engine.cli import main
from engine.errors import Cancelled
from engine.video import VideoOptions, probe, restore_video
from engine.video import join as join_module
from engine.video.join import film_made_by_rekindle, film_source
from engine.video.segments import OpenSegment
from tests.video_helpers import (
    NearestRestorer,
    after_the_first_segment,
    make_clip,
    tiny_restorer,
)

FILM = "IMG_0006.mov"
ANOTHERS = "holds the result of another film of that name"
MUMS_FRAMES, DADS_FRAMES = 2, 3  # so that the two films differ


@pytest.fixture
def phones(tmp_path: Path) -> tuple[Path, Path]:
    """Mum's and Dad's DCIM/100APPLE folders, each with its own film named IMG_0006.mov."""
    films = []
    for owner, frames in (("mum", MUMS_FRAMES), ("dad", DADS_FRAMES)):
        folder = tmp_path / owner / "DCIM" / "100APPLE"
        folder.mkdir(parents=True)
        films.append(make_clip(folder / FILM, frames=frames, size=(32, 24), audio=None))
    return films[0].parent, films[1].parent


def _restore_video(model: Path, out: Path, folder: Path, *flags: str) -> int:
    """One command-line run, on its own, of the films in ``folder`` into ``out``."""
    return main(["restore-video", str(folder), "-o", str(out), "--model", str(model), *flags])


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _kept(path: Path) -> tuple[int, bytes]:
    """The file as it is: replaced, it gets another inode or other bytes."""
    return path.stat().st_ino, path.read_bytes()


@pytest.mark.parametrize("suffix", [".mp4", ".mov", ".mkv"])
def test_a_restored_film_records_its_source_in_each_output_type(tmp_path, suffix):
    source = make_clip(tmp_path / "reel.mkv", frames=2, size=(32, 24), audio=None)
    target = tmp_path / f"restored{suffix}"
    restore_video(tiny_restorer(tmp_path), source, target)
    assert film_made_by_rekindle(target)
    assert film_source(target).digest == _digest(source)


def test_skip_existing_never_takes_another_films_result_for_this_ones(
    phones, tmp_path, tiny_model_file, capsys
):
    mum, dad = phones
    out = tmp_path / "out"
    assert _restore_video(tiny_model_file, out, mum) == 0
    mums = out / "100APPLE" / FILM
    before = _kept(mums)
    capsys.readouterr()

    assert _restore_video(tiny_model_file, out, dad, "--skip-existing") == 0
    printed = capsys.readouterr().out
    dads = out / "100APPLE" / "IMG_0006 (2).mov"
    assert f"saved as {dads.name} ({FILM} {ANOTHERS})" in printed
    assert "1 restored, 0 failed" in printed
    assert _kept(mums) == before
    assert (film_source(dads).digest, probe(dads).frames) == (_digest(dad / FILM), DADS_FRAMES)

    assert _restore_video(tiny_model_file, out, dad, "--skip-existing") == 0  # Dad's is there
    assert f"skipped: 100APPLE/{FILM} ({dads.name} is already there)" in capsys.readouterr().out


def test_overwrite_never_replaces_another_films_result(phones, tmp_path, tiny_model_file, capsys):
    mum, dad = phones
    out = tmp_path / "out"
    assert _restore_video(tiny_model_file, out, mum) == 0
    mums = out / "100APPLE" / FILM
    before = _kept(mums)

    assert _restore_video(tiny_model_file, out, dad, "--overwrite") == 0
    assert _kept(mums) == before
    dads = out / "100APPLE" / "IMG_0006 (2).mov"
    assert film_source(dads).digest == _digest(dad / FILM)
    capsys.readouterr()

    assert _restore_video(tiny_model_file, out, mum, "--overwrite") == 0  # its own: replaced
    assert f"{mums}: {MUMS_FRAMES} frames" in capsys.readouterr().out
    assert mums.stat().st_ino != before[0]
    assert not (out / "100APPLE" / "IMG_0006 (3).mov").exists()


@pytest.mark.parametrize("flag", ["--skip-existing", "--overwrite"])
def test_a_film_that_records_no_source_is_neither_skipped_nor_replaced(
    phones, tmp_path, tiny_model_file, capsys, monkeypatch, flag
):
    """Mum's film restored by an earlier release, which recorded no source: whose result it
    is cannot be told, so Dad's film of that name gets a name of its own."""
    mum, dad = phones
    out = tmp_path / "out"
    with monkeypatch.context() as earlier:
        earlier.setattr(join_module, "source_record", lambda path: None)
        assert _restore_video(tiny_model_file, out, mum) == 0
    mums = out / "100APPLE" / FILM
    assert film_made_by_rekindle(mums) and film_source(mums) is None
    before = _kept(mums)
    capsys.readouterr()

    assert _restore_video(tiny_model_file, out, dad, flag) == 0
    printed = capsys.readouterr().out
    earlier_result = "holds a result of an earlier Rekindle that does not record its film"
    assert f"saved as IMG_0006 (2).mov ({FILM} {earlier_result})" in printed
    assert "1 restored, 0 failed" in printed and "skipped" not in printed
    assert _kept(mums) == before
    assert film_source(out / "100APPLE" / "IMG_0006 (2).mov").digest == _digest(dad / FILM)


@pytest.fixture
def restored_then_edited(phones, tmp_path, tiny_model_file, capsys) -> tuple[Path, Path]:
    """Mum's film restored into ``out``, then edited where it lies (a frame longer): the film
    and its result."""
    film = phones[0] / FILM
    assert _restore_video(tiny_model_file, tmp_path / "out", film.parent) == 0
    make_clip(film, frames=MUMS_FRAMES + 1, size=(32, 24), audio=None)
    capsys.readouterr()
    return film, tmp_path / "out" / "100APPLE" / FILM


def test_overwrite_replaces_the_result_of_a_film_edited_since(
    restored_then_edited, tmp_path, tiny_model_file, capsys
):
    film, result = restored_then_edited
    assert _restore_video(tiny_model_file, tmp_path / "out", film.parent, "--overwrite") == 0
    assert "renamed" not in capsys.readouterr().out
    assert [p.name for p in result.parent.iterdir()] == [FILM]
    assert (film_source(result).digest, probe(result).frames) == (_digest(film), MUMS_FRAMES + 1)


def test_skip_existing_skips_the_result_of_a_film_edited_since(
    restored_then_edited, tmp_path, tiny_model_file, capsys
):
    film, result = restored_then_edited
    before = _kept(result)
    assert _restore_video(tiny_model_file, tmp_path / "out", film.parent, "--skip-existing") == 0
    assert f"skipped: 100APPLE/{FILM} ({FILM} is already there)" in capsys.readouterr().out
    assert [p.name for p in result.parent.iterdir()] == [FILM]
    assert _kept(result) == before


def _cancel(_segment: OpenSegment) -> None:
    raise Cancelled()


def test_a_resumed_film_finishes_recording_its_source(tmp_path, monkeypatch):
    source = make_clip(tmp_path / "reel.mp4", frames=6, size=(32, 24), audio=None)
    target = tmp_path / "out" / "reel.mp4"
    restorer = NearestRestorer(tiny_restorer(tmp_path).model, torch.device("cpu"))
    options = VideoOptions(segment_frames=2)
    with monkeypatch.context() as cut_short:
        after_the_first_segment(cut_short, _cancel)  # cancelled once it is kept
        with pytest.raises(Cancelled):
            restore_video(restorer, source, target, options)
    assert not target.exists()

    report = restore_video(restorer, source, target, options)
    assert (report.resumed_from, report.frames) == (2, 6)
    assert film_source(report.target).digest == _digest(source)
