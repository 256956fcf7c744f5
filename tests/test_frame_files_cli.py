"""``restore-video FILM -o out/film_%06d.tif``: one film restored into numbered picture files
on the command line; what it says, what it refuses, and a run again skipping, refusing or
going on as a film's does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine.cli import films as cli_films
from engine.cli import main
from tests.dpx_helpers import write_scan
from tests.video_helpers import cancelled_at_frame, make_clip

FRAMES = 12


def _film(path: Path, **given) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return make_clip(path, frames=FRAMES, size=(64, 48), **given)


def _restore(model: Path, *arguments: object) -> int:
    return main(["restore-video", *map(str, arguments), "--model", str(model)])


def _frames(folder: Path, glob: str = "film_*.tif") -> list[str]:
    return sorted(path.name for path in folder.glob(glob))


def _stamps(folder: Path) -> dict[Path, int]:
    return {path: path.stat().st_mtime_ns for path in folder.glob("film_*.tif")}


def test_a_film_goes_into_numbered_frames_with_its_sound_beside_them(
    tmp_path, tiny_model_file, capsys
):
    film = _film(tmp_path / "film.mkv", audio="aac", subtitles="srt")
    out = tmp_path / "out"
    assert _restore(tiny_model_file, film, "-o", out / "film_%06d.tif") == 0
    said = capsys.readouterr()
    assert _frames(out) == [f"film_{number:06d}.tif" for number in range(1, FRAMES + 1)]
    assert (out / "film.wav").is_file()
    assert "TIFF frames" in said.err
    assert "note: the audio stream (aac) of film.mkv is written beside the frames as film.wav" in (
        said.err
    )
    assert "the subtitle stream (srt) of film.mkv is left out" in said.err
    assert f"{out / 'film_000001.tif'} to film_{FRAMES:06d}.tif: {FRAMES} frames" in said.out
    assert "1 restored, 0 failed" in said.out


@pytest.mark.parametrize(
    ("option", "value"), [("--codec", "ffv1"), ("--crf", "18"), ("--quality", "best")]
)
def test_a_codec_option_is_refused_for_frames(tmp_path, tiny_model_file, capsys, option, value):
    film = _film(tmp_path / "film.mp4", audio=None)
    out = tmp_path / "out"
    assert _restore(tiny_model_file, film, "-o", out / "film_%06d.tif", option, value) == 2
    assert (
        f"{option} is for films written as video files; frames are written as TIFF"
        in capsys.readouterr().err
    )
    assert not out.exists()


def test_frames_take_one_film_on_this_machine_as_lossless_pictures(
    tmp_path, tiny_model_file, capsys
):
    films = [_film(tmp_path / "in" / name, audio=None) for name in ("a.mp4", "b.mp4")]
    pattern = tmp_path / "out" / "film_%06d.png"
    assert _restore(tiny_model_file, *films, "-o", pattern) == 2
    refusal = "film_%06d.png names the frames of one film: give one film or frame sequence"
    assert refusal in capsys.readouterr().err
    assert _restore(tiny_model_file, tmp_path / "in", "-o", pattern) == 2
    assert refusal in capsys.readouterr().err
    assert _restore(tiny_model_file, films[0], "-o", pattern, "--cluster", "local") == 2
    assert "restored into frames on this machine only" in capsys.readouterr().err
    assert _restore(tiny_model_file, films[0], "-o", tmp_path / "out" / "film_%06d.jpg") == 2
    assert "a film's frames are written as DPX, TIFF or PNG files" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_finished_set_is_left_as_it_is_refused_skipped_or_replaced(
    tmp_path, tiny_model_file, capsys
):
    """Run again, the same command finds its set whole and writes nothing; other settings are
    refused, as over a finished film, unless skipped or replaced."""
    film = _film(tmp_path / "film.mp4", audio=None)
    command = [film, "-o", tmp_path / "out" / "film_%06d.tif"]
    assert _restore(tiny_model_file, *command) == 0
    capsys.readouterr()
    written = _stamps(tmp_path / "out")
    assert _restore(tiny_model_file, *command) == 0
    said = capsys.readouterr()
    assert f"film_%06d.tif is complete (all {FRAMES} frames of film.mp4, whole)" in said.err
    assert "0 restored, 1 skipped, 0 failed" in said.out
    assert _stamps(tmp_path / "out") == written
    other = [*command, "--grain", "0.5"]
    assert _restore(tiny_model_file, *other) == 1
    assert "frames are there already" in capsys.readouterr().err
    assert _restore(tiny_model_file, *other, "--skip-existing") == 0
    assert "skipped: film.mp4 (film_%06d.tif is already there)" in capsys.readouterr().out
    assert _restore(tiny_model_file, *other, "--overwrite") == 0
    assert "1 restored, 0 failed" in capsys.readouterr().out
    assert len(_frames(tmp_path / "out")) == FRAMES


def test_a_sequence_restored_onto_its_own_frames_is_refused(tmp_path, tiny_model_file, capsys):
    for number in range(1, 4):
        write_scan(tmp_path / "scan" / f"frame_{number:04d}.dpx", 8, seed=number)
    before = {path.name: path.read_bytes() for path in (tmp_path / "scan").iterdir()}
    pattern = tmp_path / "scan" / "frame_%04d.dpx"
    assert _restore(tiny_model_file, pattern, "-o", pattern, "--overwrite") == 1
    assert "would replace the frames they are restored from" in capsys.readouterr().err
    assert {path.name: path.read_bytes() for path in (tmp_path / "scan").iterdir()} == before


def test_a_cancelled_run_is_continued_by_the_same_command(
    tmp_path, tiny_model_file, monkeypatch, capsys
):
    film = _film(tmp_path / "film.mp4", audio=None)
    command = [film, "-o", tmp_path / "out" / "film_%06d.tif", "--segment-frames", "4"]
    with monkeypatch.context() as patch:
        patch.setattr(
            cli_films, "restore_frame_files", cancelled_at_frame(cli_films.restore_frame_files, 7)
        )
        assert _restore(tiny_model_file, *command) == 130
    assert "run the same command again to continue" in capsys.readouterr().err
    assert _restore(tiny_model_file, *command) == 0
    said = capsys.readouterr().out
    assert 2 <= int(re.search(r"continued from film_(\d+)\.tif", said)[1]) <= FRAMES
    assert len(_frames(tmp_path / "out")) == FRAMES


def test_the_help_says_how_frames_are_named(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "1000")
    with pytest.raises(SystemExit):
        main(["restore-video", "--help"])
    said = " ".join(capsys.readouterr().out.split())
    assert (
        "such as restored/film_%06d.tif (or film_######.tif): a frame sequence's frames keep "
        "their numbers"
    ) in said
    assert "a film's count from 1" in said and "(restored/film.wav)" in said
