"""``restore-video`` of a frame sequence (a scanner's frame_000001.dpx, ...): a folder of
numbered frames, or their printf-style pattern, restored as one film at the rate chosen, its
frames as the photos restored one by one, its gaps and neighbours refused and told, its film
cleanups, cancelling and resuming as a film's."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import cv2
import numpy as np
import pytest
import torch

from engine.cli import films as cli_films
from engine.cli import main
from engine.errors import RekindleError
from engine.imageio import read_picture
from engine.library.loading import load_model
from engine.progress import silent
from engine.restorer import Restorer
from engine.video import VideoOptions, probe
from engine.video import frames as frames_module
from engine.video.frames import decode_frames
from engine.video.join import film_made_by_rekindle
from engine.video.restore import film_info, prepare_film, restore_frames
from engine.video.sequence import SequenceOptions, parse_rate
from engine.video.still import FrameReader
from engine.video.temporal import FilmCleanup
from tests.dpx_helpers import write_scan
from tests.video_helpers import (
    KeptFrames,
    PanWithDirt,
    cancelled_at_frame,
    decoded_frames,
    leftovers,
    tiny_restorer,
)

FRAMES = 12
SIZE = (48, 32)  # width, height
DIRTY = 5  # the frame with a spot of dirt
SPOT = np.s_[20:26, 30:36]
EXPOSURES = [1.0, 1.15, 0.9, 1.1, 0.85, 1.2, 0.95, 1.1, 0.9, 1.05, 0.8, 1.0]
WITH_GAPS = [n for n in range(1, FRAMES + 1) if n not in (4, 7, 8)]
"""Frame numbers with gaps; image2 looking for the last frame of the first run (1 to 3) by
leaps finds frame 5, past the gap."""


def _picture(index: int) -> np.ndarray:
    """A moving gradient with a square (RGB), so that frames differ."""
    width, height = SIZE
    y, x = np.mgrid[0:height, 0:width]
    rgb = np.stack(
        [(x * 5 + index * 9) % 256, (y * 7 + index * 3) % 256, (x + y + index * 17) % 256], axis=2
    ).astype(np.uint8)
    rgb[4:12, 2 + index * 3 : 10 + index * 3] = (250, 40, 40)
    return rgb


def _png_frames(folder: Path, numbers, name: str = "frame_{:06d}.png", draw=_picture) -> Path:
    """PNG frames of ``folder`` numbered ``numbers``, frame N drawn by ``draw(N)``."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in numbers:
        picture = draw(number)
        cv2.imwrite(str(folder / name.format(number)), cv2.cvtColor(picture, cv2.COLOR_RGB2BGR))
    return folder


def _restore_video(model: Path, *arguments: object) -> int:
    return main(["restore-video", *map(str, arguments), "--model", str(model), "--codec", "ffv1"])


def _photos_restored(model: Path, frames: list[Path]) -> list[np.ndarray]:
    """Each of ``frames`` restored as a photo is (``Restorer.restore``)."""
    restorer = Restorer(load_model(model), torch.device("cpu"))
    return [restorer.restore(read_picture(path)).pixels for path in frames]


def _film_frames(film: Path) -> list[np.ndarray]:
    """The film's frames as the film path reads them (16 bits for a deep film)."""
    return [frame.pixels for frame in decode_frames(probe(film))]


def _largest_difference(some: list[np.ndarray], others: list[np.ndarray]) -> int:
    assert len(some) == len(others)
    return max(int(np.abs(a.astype(int) - b).max()) for a, b in zip(some, others, strict=True))


def test_a_folder_of_frames_becomes_a_film_of_the_frames_restored_as_photos(
    tmp_path, tiny_model_file, capsys
):
    reel = _png_frames(tmp_path / "reel", range(1, FRAMES + 1))
    assert _restore_video(tiny_model_file, reel, "-o", tmp_path / "out", "--rate", "25") == 0
    said = capsys.readouterr()
    assert "frame sequences at 25 fps" in said.err
    film = tmp_path / "out" / "reel.mkv"  # named after the folder
    info = probe(film)
    assert (info.frames, info.rate, (info.width, info.height)) == (FRAMES, 25, (192, 128))
    assert film_made_by_rekindle(film)
    photos = _photos_restored(tiny_model_file, sorted(reel.iterdir()))
    assert _largest_difference(_film_frames(film), photos) <= 1  # 8-bit YUV 4:4:4, full range


def test_a_dpx_sequence_given_as_a_pattern_keeps_its_ten_bits(tmp_path, tiny_model_file):
    scan = tmp_path / "scan"
    numbers = range(86401, 86407)  # a reel that goes on from an earlier one
    for number in numbers:
        write_scan(scan / f"reel2_{number:07d}.dpx", 10, seed=number)
    pattern = scan / "reel2_%07d.dpx"
    assert _restore_video(tiny_model_file, pattern, "-o", f"{tmp_path / 'out'}/") == 0
    film = tmp_path / "out" / "reel2.mkv"  # named after the frames, without their number
    info = probe(film)
    assert (info.frames, info.rate, info.pix_fmt) == (len(numbers), 24, "yuv444p16le")
    photos = _photos_restored(tiny_model_file, sorted(scan.iterdir()))  # 16 bits
    assert _largest_difference(_film_frames(film), photos) <= 64  # a 10-bit level


def test_a_damaged_frame_is_filled_in_and_told_by_its_number(tmp_path, tiny_model_file, capsys):
    scan = tmp_path / "scan"
    for number in range(86401, 86405):
        write_scan(scan / f"frame_{number}.dpx", 10, seed=number)
    cut = scan / "frame_86403.dpx"
    cut.write_bytes(cut.read_bytes()[:3000])
    assert _restore_video(tiny_model_file, scan, "-o", tmp_path / "out") == 0
    # (a decoder's frame threads may tell of the damage late, losing frames after it too)
    assert "damaged frames in scan: 86403" in capsys.readouterr().err
    assert probe(tmp_path / "out" / "scan.mkv").frames == 4


def test_a_frame_of_another_size_stops_its_film_with_a_sentence(tmp_path, tiny_model_file, capsys):
    reel = _png_frames(tmp_path / "reel", range(1, 7))
    rescanned = np.zeros((40, 60, 3), np.uint8)
    cv2.imwrite(str(reel / "frame_000005.png"), rescanned)
    assert _restore_video(tiny_model_file, reel, "-o", tmp_path / "out", "--remove-dust") == 1
    said = capsys.readouterr().err
    assert "reel: frame 5 is 60x40, and the film's frames are 48x32" in said
    assert not (tmp_path / "out" / "reel.mkv").exists()


def test_a_gap_in_the_numbers_is_refused_naming_the_first_frame_missing(
    tmp_path, tiny_model_file, capsys
):
    reel = _png_frames(tmp_path / "reel", WITH_GAPS)
    out = tmp_path / "out"
    assert _restore_video(tiny_model_file, reel, "-o", out) == 1
    said = capsys.readouterr()
    assert "reel: frame 4 is missing (frame_000004.png), and 3 in all between 1 and 12" in said.err
    assert "--allow-gaps" in said.err
    assert not (out / "reel.mkv").exists()


def test_a_sequence_taken_with_its_gaps_keeps_each_frame_at_its_numbers_time(
    tmp_path, tiny_model_file, capsys
):
    reel = _png_frames(tmp_path / "reel", WITH_GAPS)
    out = tmp_path / "out"
    assert _restore_video(tiny_model_file, reel, "-o", out, "--allow-gaps") == 0
    assert "reel: frames 4, 7–8 are missing" in capsys.readouterr().err
    times = [float(time) for time, _ in decoded_frames(out / "reel.mkv")]
    assert times == pytest.approx([(n - 1) / 24 for n in WITH_GAPS], abs=0.001)


def test_a_frame_of_a_sequence_with_gaps_is_found_by_seeking(tmp_path, monkeypatch):
    reel = _png_frames(tmp_path / "reel", WITH_GAPS)
    info = film_info(reel, tmp_path, SequenceOptions(allow_gaps=True))
    assert info.frames == len(WITH_GAPS)
    in_order = [frame.pixels for frame in decode_frames(info)]
    reader = FrameReader(reel, info)
    first = reader.read(0)
    monkeypatch.setattr(frames_module, "_decode_from_beginning", _not_from_the_beginning)
    found = [first] + [reader.read(index) for index in range(1, len(WITH_GAPS))]
    for one, other in zip(in_order, found, strict=True):
        np.testing.assert_array_equal(one, other)
    np.testing.assert_array_equal(found[3], _picture(5))  # frame 5 comes after the gap at 4


def _not_from_the_beginning(*args, **kwargs):
    raise AssertionError("a frame was found by decoding from the first")


def test_a_folder_of_two_sequences_is_refused_naming_them_and_a_pattern_takes_one(
    tmp_path, tiny_model_file, capsys
):
    takes = _png_frames(tmp_path / "takes", range(1, 4), "a_{:04d}.png")
    _png_frames(takes, range(1, 3), "b_{:04d}.png")
    out = tmp_path / "out"
    assert _restore_video(tiny_model_file, takes, "-o", out) == 1
    said = capsys.readouterr().err
    assert "2 frame sequences in this folder: a_%04d.png (3 frames), b_%04d.png (2 frames)" in said
    assert not out.exists() or not list(out.iterdir())
    assert _restore_video(tiny_model_file, takes / "b_%04d.png", "-o", out / "b.mkv") == 0
    assert probe(out / "b.mkv").frames == 2


def test_a_folder_of_frames_is_refused_as_the_folder_of_its_film(tmp_path, tiny_model_file, capsys):
    reel = _png_frames(tmp_path / "reel", range(1, 4))
    assert _restore_video(tiny_model_file, reel, "-o", reel / "reel.mkv") == 2
    assert "the film of" in capsys.readouterr().err
    assert sorted(path.name for path in reel.iterdir()) == [
        f"frame_00000{n}.png" for n in (1, 2, 3)
    ]


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("24", Fraction(24)),
        ("25", Fraction(25)),
        ("23.976", Fraction(24000, 1001)),
        ("29.97", Fraction(30000, 1001)),
        ("24000/1001", Fraction(24000, 1001)),
        ("12.5", Fraction(25, 2)),
    ],
)
def test_a_rate_is_read_as_people_write_it(text, rate):
    assert parse_rate(text) == rate


@pytest.mark.parametrize("text", ["fast", "0", "-24", "1/0", "inf", "5000"])
def test_a_rate_that_is_none_is_refused_with_a_sentence(text, tmp_path, capsys):
    with pytest.raises(RekindleError, match=r"frame rate|frames a second"):
        parse_rate(text)
    with pytest.raises(SystemExit) as stopped:
        main(["restore-video", str(tmp_path), "-o", str(tmp_path / "out"), "--rate", text])
    assert stopped.value.code == 2
    assert "argument --rate: " in capsys.readouterr().err


def _fed(restorer, frames: Path, tmp_path: Path, cleanup: FilmCleanup) -> list[np.ndarray]:
    """The sequence's frames as the model is given them, cleaned as ``cleanup`` says."""
    options = VideoOptions(codec="ffv1", cleanup=cleanup)
    job = prepare_film(restorer, frames, tmp_path / "out.mkv", options, silent())
    kept = KeptFrames()
    restore_frames(restorer, job, lambda given: given, kept)
    return [frame.pixels for frame in kept.frames]


def test_a_sequence_is_given_to_the_model_with_its_dirt_filled_and_its_flicker_steadied(
    tmp_path,
):
    look = PanWithDirt(DIRTY, SPOT, EXPOSURES)
    blank = np.zeros((96, 160, 3), np.uint8)
    dusty = _png_frames(tmp_path / "dusty", range(FRAMES), draw=lambda _: look(blank))
    restorer = tiny_restorer(tmp_path)
    plain = _fed(restorer, dusty, tmp_path, FilmCleanup())
    cleaned = _fed(restorer, dusty, tmp_path, FilmCleanup(remove_dust=True, steady_flicker=True))
    assert len(cleaned) == FRAMES
    assert plain[DIRTY][SPOT].max() < 10  # the dirt as scanned
    around = (cleaned[DIRTY - 1][SPOT].astype(float) + cleaned[DIRTY + 1][SPOT]) / 2
    assert np.abs(cleaned[DIRTY][SPOT] - around).mean() < 15

    def flicker(frames):
        return np.abs(np.diff([frame.astype(float).mean() for frame in frames])).mean()

    assert flicker(cleaned) < 0.4 * flicker(plain)


def test_a_sequence_cancelled_goes_on_from_its_segments_as_a_whole_run_makes_it(
    tmp_path, tiny_model_file, monkeypatch, capsys
):
    reel = _png_frames(tmp_path / "reel", range(1, FRAMES + 1))
    command = [reel, "-o", tmp_path / "out", "--segment-frames", "4"]
    assert _restore_video(tiny_model_file, reel, "-o", tmp_path / "whole") == 0
    with monkeypatch.context() as patch:
        patch.setattr(cli_films, "restore_video", cancelled_at_frame(cli_films.restore_video, 7))
        assert _restore_video(tiny_model_file, *command) == 130
    film = tmp_path / "out" / "reel.mkv"
    assert not film.exists()
    capsys.readouterr()
    assert _restore_video(tiny_model_file, *command) == 0
    said = capsys.readouterr().out
    assert "reel.mkv: 12 frames" in said
    # the first segment and the frames encoded when Cancel came (those still queued for the
    # encoder are dropped, to stop at once)
    assert 4 <= int(re.search(r"continued from frame (\d+)", said)[1]) <= 7
    whole = decoded_frames(tmp_path / "whole" / "reel.mkv")
    resumed = decoded_frames(film)
    assert [time for time, _ in resumed] == [time for time, _ in whole]
    for (_, one), (_, other) in zip(whole, resumed, strict=True):
        np.testing.assert_array_equal(one, other)
    assert leftovers(tmp_path / "out", {"reel.mkv"}) == []


def test_a_folder_of_reels_restores_each_reel_folder_in_its_place(
    tmp_path, tiny_model_file, capsys
):
    reels = tmp_path / "reels"
    _png_frames(reels / "one", range(1, 4))
    _png_frames(reels / "two", range(1, 3), "a_{:04d}.png")
    _png_frames(reels / "two" / "rest", range(1, 3), "b_{:04d}.png")
    out = tmp_path / "out"
    assert _restore_video(tiny_model_file, reels, "-o", out) == 0
    assert probe(out / "reels" / "one.mkv").frames == 3
    assert probe(out / "reels" / "two.mkv").frames == 2
    assert probe(out / "reels" / "two" / "rest.mkv").frames == 2
    capsys.readouterr()
    assert _restore_video(tiny_model_file, reels / "two", "-o", tmp_path / "alone") == 0
    assert probe(tmp_path / "alone" / "two.mkv").frames == 2  # the folder given: its film
    assert probe(tmp_path / "alone" / "two" / "rest.mkv").frames == 2  # below it: in place


def test_a_folder_of_neither_films_nor_frames_is_told_so(tmp_path, tiny_model_file, capsys):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "list.txt").write_text("reel 1")
    assert _restore_video(tiny_model_file, tmp_path / "notes", "-o", tmp_path / "out") == 1
    assert "no films or frame sequences in this folder" in capsys.readouterr().err


def test_a_frame_of_another_size_is_refused_before_any_frame_is_restored(
    tmp_path, tiny_model_file, monkeypatch, capsys
):
    reel = _png_frames(tmp_path / "reel", range(1, 7))
    cv2.imwrite(str(reel / "frame_000005.png"), np.zeros((40, 60, 3), np.uint8))
    monkeypatch.setattr(cli_films, "restore_video", _not_from_the_beginning)
    assert _restore_video(tiny_model_file, reel, "-o", tmp_path / "out") == 1
    said = capsys.readouterr().err
    assert "reel: frame 5 is 60x40, and the film's frames are 48x32" in said
    assert not (tmp_path / "out").exists()


def test_the_gap_sentence_names_the_option_where_the_command_line_tells_it(
    tmp_path, tiny_model_file, capsys
):
    reel = _png_frames(tmp_path / "reel", WITH_GAPS)
    with pytest.raises(RekindleError) as refused:
        film_info(reel, tmp_path)
    assert "allow gaps to restore the sequence as it is" in refused.value.sentence
    assert "--" not in refused.value.sentence  # the app's row shows it: no option there
    assert _restore_video(tiny_model_file, reel, "-o", tmp_path / "out") == 1
    assert (
        "(the frame before a gap stays on screen through it); the option is --allow-gaps"
        in capsys.readouterr().err
    )


def test_a_frame_of_a_sequence_is_previewed_as_a_films(tmp_path, tiny_model_file, capsys):
    reel = _png_frames(tmp_path / "Rolle ü", range(86400, 86404), "f_{:06d}.png")
    out = tmp_path / "frame.png"
    command = ["preview", str(reel), "--frame", "2", "-o", str(out), "--model"]
    assert main([*command, str(tiny_model_file)]) == 0
    assert "frame 2 restored" in capsys.readouterr().out
    assert read_picture(out).pixels.shape[:2] == (128, 192)
