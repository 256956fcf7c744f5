"""``python -m engine`` end to end on real photos, bad files included."""

import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import cv2
import numpy as np
import pytest

from engine import batch as engine_batch
from engine.cli import main
from engine.cli import photos as cli_photos
from engine.cli import small_commands as cli_small_commands
from engine.cli.parser import command_parser
from engine.console import INTERRUPTED
from engine.errors import Cancelled
from engine.imageio import read_picture
from engine.provenance import DESCRIPTION_TAG, SOFTWARE_TAG, exif_tags, software
from engine.tiling import MIN_TILE
from engine.unfinished import BatchMarker
from tests.conftest import photo_path

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def photo_folder(tmp_path):
    """Two real photos (shrunk, to keep the test fast) in a nested folder plus bad files."""
    import cv2

    folder = tmp_path / "album"
    (folder / "nested").mkdir(parents=True)
    for index, target in enumerate([folder / "a.png", folder / "nested" / "b.jpg"]):
        image = cv2.imread(str(photo_path(index)))
        small = cv2.resize(image, (96, 64), interpolation=cv2.INTER_AREA)
        cv2.imwrite(str(target), small)
    jpeg = (folder / "nested" / "b.jpg").read_bytes()
    (folder / "truncated.jpg").write_bytes(jpeg[: len(jpeg) // 2])
    (folder / "empty.png").write_bytes(b"")
    (folder / "notes.png").write_text("this is text, not a picture")
    return folder


def test_restore_folder_keeps_structure_and_reports_bad_files(
    photo_folder, tmp_path, tiny_model_file, capsys
):
    before = {p: p.read_bytes() for p in photo_folder.rglob("*") if p.is_file()}
    out = tmp_path / "out"
    code = main(["restore", str(photo_folder), "-o", str(out), "--model", str(tiny_model_file)])
    captured = capsys.readouterr()
    assert code == 1  # some files failed
    assert (out / "album" / "a.png").is_file()
    assert (out / "album" / "nested" / "b.jpg").is_file()
    assert read_picture(out / "album" / "a.png").pixels.shape == (256, 384, 3)
    failures = [line for line in captured.err.splitlines() if line.startswith("failed:")]
    assert len(failures) == 3
    assert any("truncated.jpg" in f for f in failures)
    assert any("empty.png" in f and "empty" in f for f in failures)
    assert any("notes.png" in f for f in failures)
    assert "2 restored, 3 failed" in captured.out
    assert {p: p.read_bytes() for p in photo_folder.rglob("*") if p.is_file()} == before


def test_restore_format_scale_and_no_clobbering(photo_folder, tmp_path, tiny_model_file):
    out = tmp_path / "out"
    args = [
        "restore",
        str(photo_folder / "a.png"),
        "-o",
        str(out),
        "--model",
        str(tiny_model_file),
        "--format",
        "tif",
        "--scale-out",
        "2",
        "--tile",
        "16",
    ]
    assert main(args) == 0
    assert main([*args, "--no-skip-existing"]) == 0
    first, second = out / "a.tif", out / "a (2).tif"
    assert read_picture(first).pixels.shape == (128, 192, 3)
    assert second.is_file()


def test_output_into_the_input_folder_never_touches_the_original(tmp_path, tiny_model_file):
    """Beside its original a result is named by its recipe, as the app names it ("photo
    (2).png" would read as a copy of the original)."""
    source = tmp_path / "photo.png"
    shutil.copy(photo_path(3), source)
    original = source.read_bytes()
    assert (
        main(
            [
                "restore",
                str(source),
                "-o",
                str(tmp_path),
                "--model",
                str(tiny_model_file),
                "--scale-out",
                "1",
            ]
        )
        == 0
    )
    assert source.read_bytes() == original
    assert sorted(p.name for p in tmp_path.glob("photo*")) == ["photo [tiny 1x].png", "photo.png"]


def test_replacing_results_never_replaces_another_input(tmp_path, tiny_model_file):
    """a.jpg's PNG result would be named a.png, the other photo given: it gets a name of its
    own, even with --overwrite."""
    folder = tmp_path / "photos"
    folder.mkdir()
    small = cv2.resize(cv2.imread(str(photo_path(3))), (24, 16))
    cv2.imwrite(str(folder / "a.jpg"), small)
    cv2.imwrite(str(folder / "a.png"), small)
    originals = {path.name: path.read_bytes() for path in folder.iterdir()}
    command = ["restore", str(folder / "a.jpg"), str(folder / "a.png"), "-o", str(folder)]
    command += ["--model", str(tiny_model_file), "--format", "png", "--overwrite"]
    assert main(command) == 0
    assert main(command) == 0  # again: each result over its own, never over an input
    assert {name: (folder / name).read_bytes() for name in originals} == originals
    assert sorted(p.name for p in folder.iterdir()) == [
        "a [tiny] (2).png",
        "a [tiny].png",
        "a.jpg",
        "a.png",
    ]


def test_a_numbered_result_says_which_name_was_taken(tmp_path, tiny_model_file, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.png").write_bytes(b"someone else's")
    source = tmp_path / "a.png"
    cv2.imwrite(str(source), cv2.resize(cv2.imread(str(photo_path(3))), (24, 16)))
    assert main(["restore", str(source), "-o", str(out), "--model", str(tiny_model_file)]) == 0
    said = capsys.readouterr().out
    assert (
        "renamed: a.png saved as a (2).png (a.png was taken by a file without Rekindle's mark)"
        in (said)
    )
    assert (out / "a.png").read_bytes() == b"someone else's"


def test_info_prints_metadata(tiny_model_file, capsys):
    assert main(["info", str(tiny_model_file)]) == 0
    described = json.loads(capsys.readouterr().out)
    assert described["scale"] == 4 and described["display_name"] == "Tiny"
    assert described["parameters"] > 0


def test_info_on_a_bad_file_is_a_clear_error(tmp_path, capsys):
    bad = tmp_path / "x.safetensors"
    bad.write_text("nope")
    assert main(["info", str(bad)]) == 2
    assert "x.safetensors: not a readable model file" in capsys.readouterr().err


def test_python_dash_m_engine_runs(tmp_path, tiny_model_file):
    result = subprocess.run(
        [sys.executable, "-m", "engine", "devices"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "cpu   available" in result.stdout


def test_restored_photo_resembles_the_original(tmp_path, tiny_model_file):
    """Even a tiny random model starts as bicubic: the result shrunk back matches the photo."""
    import cv2

    source = tmp_path / "p.png"
    image = cv2.resize(cv2.imread(str(photo_path(5))), (120, 80), interpolation=cv2.INTER_AREA)
    cv2.imwrite(str(source), image)
    assert (
        main(["restore", str(source), "-o", str(tmp_path / "o"), "--model", str(tiny_model_file)])
        == 0
    )
    restored = cv2.imread(str(tmp_path / "o" / "p.png"))
    shrunk = cv2.resize(restored, (120, 80), interpolation=cv2.INTER_AREA)
    assert np.abs(shrunk.astype(int) - image.astype(int)).mean() < 6


@pytest.fixture
def one_times_models(tmp_path) -> tuple[Path, Path]:
    """Two 1x restoration models with random weights: a compact network and an ESRGAN."""
    import torch
    from spandrel.architectures.Compact.__arch.SRVGG import SRVGGNetCompact
    from spandrel.architectures.ESRGAN.__arch.RRDB import RRDBNet

    torch.manual_seed(0)
    compact, esrgan = tmp_path / "denoise.pth", tmp_path / "dejpeg.pth"
    torch.save(SRVGGNetCompact(num_feat=8, num_conv=2, upscale=1).state_dict(), compact)
    torch.save(RRDBNet(num_filters=8, num_blocks=1, scale=1).state_dict(), esrgan)
    return compact, esrgan


def test_restore_with_models_before_and_after(tmp_path, tiny_model_file, one_times_models, capsys):
    import cv2

    compact, esrgan = one_times_models
    source = tmp_path / "p.png"
    cv2.imwrite(str(source), cv2.resize(cv2.imread(str(photo_path(2))), (24, 16)))
    stages = ["--before", str(compact), "--before", str(esrgan), "--after", str(compact)]

    def restored(out: str, *more: str) -> np.ndarray:
        args = ["restore", str(source), "-o", str(tmp_path / out), "--model", str(tiny_model_file)]
        assert main([*args, *more]) == 0
        return read_picture(tmp_path / out / "p.png").pixels

    chained = restored("chained", *stages, "--tile", "16")
    assert chained.shape == (64, 96, 3)
    assert restored("two", *stages, "--scale-out", "2").shape == (32, 48, 3)
    assert not np.array_equal(restored("plain"), chained)
    order = "denoise (RealESRGAN Compact 1x) -> dejpeg (ESRGAN 1x) -> Tiny -> denoise"
    assert order in capsys.readouterr().err


def test_a_stage_that_enlarges_is_a_clear_error(
    tmp_path, tiny_model_file, one_times_models, capsys
):
    source = tmp_path / "p.png"
    shutil.copy(photo_path(3), source)
    args = ["restore", str(source), "-o", str(tmp_path / "o"), "--model", str(one_times_models[0])]
    assert main([*args, "--after", str(tiny_model_file)]) == 2
    assert "error: tiny enlarges 4x; only models that do not enlarge (1x" in capsys.readouterr().err
    assert main([*args, "--before", "no-such-model"]) == 2
    assert "error: no model called 'no-such-model'" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_restore_video_runs_the_stages_on_every_frame(tmp_path, tiny_model_file, one_times_models):
    from tests.video_helpers import decoded_frames, make_clip

    clip = make_clip(tmp_path / "clip.mp4", frames=3, size=(32, 24), audio=None)
    target = tmp_path / "out.mkv"
    compact, esrgan = one_times_models
    args = ["restore-video", str(clip), "-o", str(target), "--model", str(tiny_model_file)]
    assert main([*args, "--codec", "ffv1", "--before", str(esrgan), "--after", str(compact)]) == 0
    frames = decoded_frames(target)
    assert len(frames) == 3 and frames[0][1].shape == (96, 128, 3)


def test_ensemble_flag_reaches_photos_and_films(tmp_path, tiny_model_file, ensemble_calls):
    from tests.video_helpers import make_clip

    model = ["--model", str(tiny_model_file)]
    source = tmp_path / "in"
    source.mkdir()
    shutil.copy(photo_path(0), source / "a.png")
    assert main(["restore", str(source), "-o", str(tmp_path / "plain"), *model]) == 0
    assert ensemble_calls == []
    assert main(["restore", str(source), "-o", str(tmp_path / "ens"), *model, "--ensemble"]) == 0
    assert ensemble_calls
    ensemble_calls.clear()
    clip = make_clip(tmp_path / "clip.mp4", frames=2, size=(32, 24), audio=None)
    film = ["restore-video", str(clip), "-o", str(tmp_path / "out.mkv"), "--codec", "ffv1"]
    assert main([*film, *model, "--ensemble"]) == 0
    assert len(ensemble_calls) >= 2  # at least a tile per frame


def test_restore_video_takes_the_apps_named_qualities(tmp_path, tiny_model_file, capsys):
    from tests.video_helpers import make_clip

    clip = make_clip(tmp_path / "clip.mp4", frames=2, size=(32, 24), audio=None)
    film = ["restore-video", str(clip), "--model", str(tiny_model_file)]
    assert main([*film, "-o", str(tmp_path / "best.mp4"), "--quality", "best"]) == 0
    assert b"crf=12.0" in (tmp_path / "best.mp4").read_bytes()
    assert main([*film, "-o", str(tmp_path / "f.mkv"), "--codec", "ffv1", "--quality", "best"]) == 2
    assert "--quality applies to h264 and h265 only, not to ffv1" in capsys.readouterr().err
    assert not (tmp_path / "f.mkv").exists()
    with pytest.raises(SystemExit):  # one or the other
        main([*film, "-o", str(tmp_path / "x.mp4"), "--quality", "best", "--crf", "20"])


def test_an_out_ending_in_a_separator_is_a_folder_made_for_the_film(tmp_path, tiny_model_file):
    from tests.video_helpers import make_clip

    clip = make_clip(tmp_path / "clip.mp4", frames=2, size=(32, 24), audio=None)
    folder = tmp_path / "new"
    film = ["restore-video", str(clip), "--model", str(tiny_model_file), "--codec", "ffv1"]
    assert main([*film, "-o", f"{folder}{os.sep}"]) == 0
    assert (folder / "clip.mkv").is_file()


def test_a_films_out_without_a_suffix_is_told_to_name_a_file_or_a_folder(
    tmp_path, tiny_model_file, capsys
):
    from tests.video_helpers import make_clip

    clip = make_clip(tmp_path / "clip.mp4", frames=2, size=(32, 24), audio=None)
    out = tmp_path / "new"
    assert main(["restore-video", str(clip), "-o", str(out), "--model", str(tiny_model_file)]) == 2
    said = capsys.readouterr().err
    assert f"{out} has no suffix: name a film file (.mp4, .mkv, .mov) or a folder" in said
    assert not out.exists()


def test_preview_writes_the_part_as_the_whole_restore_makes_it(tmp_path, tiny_model_file, capsys):
    import torch

    from engine.chain import open_chain
    from engine.part import Region, restore_part
    from engine.restorer import Restorer

    out = tmp_path / "face.png"
    code = main(["preview", str(photo_path(2)), "--part", "150,100,60,40", "-o", str(out),
                 "--model", str(tiny_model_file)])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    restorer = Restorer(open_chain(tiny_model_file), torch.device("cpu"))
    photo = read_picture(photo_path(2)).pixels
    expected = restore_part(restorer, photo, Region(150, 100, 60, 40))
    assert np.array_equal(read_picture(out).pixels, expected)
    assert "240x160" in capsys.readouterr().out
    tags = exif_tags(read_picture(out).exif)  # an archive never takes it for the scan
    assert tags[SOFTWARE_TAG] == software()
    assert tags[DESCRIPTION_TAG].startswith(f"Restored with {restorer.chain.display_name}")
    assert tags[DESCRIPTION_TAG].endswith("; a preview of the part 60x40 at 150,100")


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["--part", "1,2"], "'1,2' is not a part"),
        (["--part", "0,0,10,10", "--print-size", "foo"], "'foo' is not a print size"),
    ],
)
def test_a_mistyped_part_or_print_size_is_a_usage_error(tmp_path, arguments, said, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["preview", str(photo_path(2)), "-o", str(tmp_path / "p.png"), *arguments])
    assert exit_.value.code == 2 and said in capsys.readouterr().err


def test_a_part_outside_the_photo_is_refused_and_the_photo_never_replaced(
    tmp_path, tiny_model_file, capsys
):
    source = tmp_path / "photo.png"
    shutil.copy(photo_path(2), source)
    before = source.read_bytes()
    outside = ["preview", str(source), "--part", "5000,0,10,10", "-o", str(tmp_path / "p.png")]
    assert main([*outside, "--model", str(tiny_model_file)]) == 2
    assert "is not inside the" in capsys.readouterr().err
    over = ["preview", str(source), "--part", "0,0,10,10", "-o", str(source)]
    assert main([*over, "--model", str(tiny_model_file)]) == 0  # as "photo (2).png"
    assert source.read_bytes() == before
    assert read_picture(tmp_path / "photo (2).png").pixels.shape == (40, 40, 3)


def test_a_photo_preview_without_a_part_says_what_it_needs(tmp_path, tiny_model_file, capsys):
    args = ["preview", str(photo_path(2)), "-o", str(tmp_path / "p.png")]
    assert main([*args, "--model", str(tiny_model_file)]) == 2
    assert "needs --part X,Y,W,H" in capsys.readouterr().err


def _speckled(path: Path) -> tuple[Path, np.ndarray]:
    """A real photo with white specks of dust on it, and where they are."""
    pixels = read_picture(photo_path(2)).pixels[:200, :300].copy()
    specks = np.zeros(pixels.shape[:2], bool)
    for row, column in [(40, 50), (120, 200), (60, 250)]:
        specks[row - 1 : row + 2, column - 1 : column + 2] = True
    pixels[specks] = 250
    cv2.imwrite(str(path), cv2.cvtColor(pixels, cv2.COLOR_RGB2BGR))
    return path, specks


def test_find_spots_writes_marks_to_look_over_and_restore_fills_them(
    tmp_path, tiny_model_file, capsys
):
    photo, specks = _speckled(tmp_path / "print.png")
    before = photo.read_bytes()
    marks_file = tmp_path / "marks.png"
    assert main(["find-spots", str(photo), "-o", str(marks_file)]) == 0
    said = capsys.readouterr().out
    assert "places marked on print.png" in said and "--marks" in said
    marks = read_picture(marks_file).pixels
    assert marks.shape == specks.shape and (marks[specks] == 255).all()
    marks[:] = 0  # looked over: one speck was a button after all, the others are dust
    marks[38:43, 48:53] = 255
    cv2.imwrite(str(marks_file), marks)
    model = ["--model", str(tiny_model_file), "--scale-out", "1"]
    assert main(["restore", str(photo), "-o", str(tmp_path / "plain"), *model]) == 0
    assert main(["restore", str(photo), "-o", str(tmp_path / "out"), "--marks", str(marks_file),
                 *model]) == 0  # fmt: skip
    assert "the marked places filled" in capsys.readouterr().err
    plain = read_picture(tmp_path / "plain" / "print.png")
    filled = read_picture(tmp_path / "out" / "print.png")
    assert filled.pixels[40, 50].mean() < 200 <= plain.pixels[40, 50].mean()
    assert filled.pixels[120, 200].mean() >= 200  # not marked: kept
    assert b"dust and scratches filled first (1 place)" in filled.exif
    assert photo.read_bytes() == before


def test_restore_can_find_the_spots_itself(tmp_path, tiny_model_file, capsys):
    photo, specks = _speckled(tmp_path / "print.png")
    model = ["--model", str(tiny_model_file), "--scale-out", "1"]
    assert main(["restore", str(photo), "-o", str(tmp_path / "out"), "--find-spots", *model]) == 0
    filled = read_picture(tmp_path / "out" / "print.png").pixels
    assert (filled[specks].mean(axis=-1) < 200).all()
    region = "30,30,40,40"
    out = tmp_path / "part.png"
    assert main(["preview", str(photo), "--part", region, "--find-spots", "-o", str(out),
                 *model]) == 0  # fmt: skip
    assert np.array_equal(read_picture(out).pixels, filled[30:70, 30:70])


def test_marks_for_several_photos_or_of_another_size_are_refused(tmp_path, tiny_model_file, capsys):
    photo, _ = _speckled(tmp_path / "print.png")
    other, _ = _speckled(tmp_path / "other.png")
    marks_file = tmp_path / "marks.png"
    cv2.imwrite(str(marks_file), np.zeros((10, 10), np.uint8))
    model = ["--model", str(tiny_model_file), "--marks", str(marks_file)]
    assert main(["restore", str(photo), str(other), "-o", str(tmp_path / "o"), *model]) == 2
    assert "--marks are drawn for one photo" in capsys.readouterr().err
    assert main(["restore", str(photo), "-o", str(tmp_path / "o"), *model, "--dry-run"]) == 1
    said = capsys.readouterr().out
    assert "would fail" in said and "the marks are 10x10, but the photo is 300x200" in said
    assert main(["restore", str(photo), "-o", str(tmp_path / "o"), *model]) == 1
    assert "the marks are 10x10, but the photo is 300x200" in capsys.readouterr().err
    assert not list((tmp_path / "o").glob("*.png"))  # refused before any work
    assert main(["find-spots", str(photo), "-o", str(tmp_path / "marks.jpg")]) == 2
    assert "as a .png" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["restore", str(photo), "-o", str(tmp_path / "o"), "--find-spots", *model])


def _with_hair(picture: np.ndarray) -> np.ndarray:
    """A hair in the gate: a white line at the same place on every frame."""
    picture = picture.copy()
    picture[10:40, 30:32] = 255
    return picture


def test_marks_are_filled_on_every_frame_of_a_film(tmp_path, tiny_model_file, capsys):
    from tests.video_helpers import decoded_frames, make_clip

    clip = make_clip(tmp_path / "hair.mp4", frames=4, size=(64, 48), audio=None, look=_with_hair)
    marks = np.zeros((48, 64), np.uint8)
    marks[8:42, 28:34] = 255
    marks_file = tmp_path / "gate.png"
    cv2.imwrite(str(marks_file), marks)
    model = ["--model", str(tiny_model_file), "--codec", "ffv1"]
    plain, marked = tmp_path / "plain.mkv", tmp_path / "marked.mkv"
    assert main(["restore-video", str(clip), "-o", str(plain), *model]) == 0
    assert main(["restore-video", str(clip), "-o", str(marked), "--marks", str(marks_file),
                 *model]) == 0  # fmt: skip
    assert "the marked places filled on every frame" in capsys.readouterr().err
    hair = np.s_[60:140, 124 : 124 + 4]  # the line, 4x
    for (_, before), (_, after) in zip(decoded_frames(plain), decoded_frames(marked), strict=True):
        assert before[hair].mean() > 200 > after[hair].mean() + 40
    frame = tmp_path / "frame.png"
    assert main(["preview", str(clip), "--frame", "2", "--marks", str(marks_file), "-o",
                 str(frame), "--model", str(tiny_model_file)]) == 0  # fmt: skip
    assert read_picture(frame).pixels[hair].mean() < 160


def test_marks_of_another_size_than_the_films_frames_are_refused(tmp_path, tiny_model_file, capsys):
    from tests.video_helpers import make_clip

    clip = make_clip(tmp_path / "clip.mp4", frames=2, size=(64, 48), audio=None)
    marks_file = tmp_path / "marks.png"
    cv2.imwrite(str(marks_file), np.zeros((10, 10), np.uint8))
    target = tmp_path / "out.mkv"
    args = ["restore-video", str(clip), "-o", str(target), "--marks", str(marks_file)]
    assert main([*args, "--model", str(tiny_model_file)]) == 1  # "failed: clip.mp4: ..."
    assert "the marks are 10x10, but the frames of clip.mp4 are 64x48" in capsys.readouterr().err
    assert not target.exists()
    preview = ["preview", str(clip), "--frame", "1", "--find-spots", "-o", str(tmp_path / "f.png")]
    assert main(preview) == 2
    assert "finding spots is for photos" in capsys.readouterr().err
    assert main(["find-spots", str(clip), "-o", str(tmp_path / "spots.png")]) == 2
    assert "find-spots looks at photos; a film's dust" in capsys.readouterr().err
    assert not (tmp_path / "spots.png").exists()


def test_results_restored_into_the_folder_are_not_restored_again(
    photo_folder, tmp_path, tiny_model_file, capsys
):
    """Run again, as the summary of a stopped run says to, a batch into a folder inside its
    own input restores the photos, never its own results."""
    out = photo_folder / "restored"
    command = ["restore", str(photo_folder), "-o", str(out), "--model", str(tiny_model_file)]
    main(command)
    main([*command, "--no-skip-existing"])
    counts = [line for line in capsys.readouterr().out.splitlines() if " restored, " in line]
    assert "2 restored, 3 failed" in counts[-1]
    results = sorted(
        p.relative_to(out).as_posix()
        for p in out.rglob("*")
        if p.is_file() and not p.name.startswith(".")  # the unfinished batch's marker
    )
    assert results == [
        "album/a (2).png",
        "album/a.png",
        "album/nested/b (2).jpg",
        "album/nested/b.jpg",
    ]


def _stop_after(monkeypatch, photos: int) -> None:
    """Make the batches that follow stop (as Ctrl+C does) once ``photos`` are restored."""
    real = engine_batch.restore_picture
    done = []

    def restore_picture(*args, **kwargs):
        if len(done) == photos:
            raise Cancelled()
        done.append(real(*args, **kwargs))
        return done[-1]

    monkeypatch.setattr(engine_batch, "restore_picture", restore_picture)


def _small_album(folder: Path, count: int) -> Path:
    folder.mkdir()
    for index in range(count):
        small = cv2.resize(cv2.imread(str(photo_path(index))), (24, 16))
        cv2.imwrite(str(folder / f"k{index}.png"), small)
    return folder


def _widths(folder: Path) -> dict[str, int]:
    """Each result's width, by name (the marker of an unfinished batch left out)."""
    return {
        p.name: read_picture(p).pixels.shape[1]
        for p in sorted(folder.iterdir())
        if not p.name.startswith(".")
    }


def test_a_stopped_batch_run_again_restores_what_it_had_not_beside_other_results(
    tmp_path, tiny_model_file, capsys, monkeypatch
):
    """Another batch's results hold the photos' names: the stopped batch's results got
    "name (2)", and run again it restores the photos it had not, not skipping them for the
    other batch's results."""
    album = _small_album(tmp_path / "album", 4)
    out = tmp_path / "out"
    command = ["restore", str(album), "-o", str(out), "--model", str(tiny_model_file)]
    assert main([*command, "--scale-out", "1"]) == 0  # another batch: results 24 wide
    _stop_after(monkeypatch, 2)
    assert main(command) == INTERRUPTED  # this one's are 96 wide
    monkeypatch.undo()
    capsys.readouterr()
    assert main(command) == 0
    captured = capsys.readouterr()
    assert "did not finish: photos it restored are skipped" in captured.err
    assert "2 restored, 0 failed, 2 skipped (already restored)" in captured.out
    assert _widths(out / "album") == {
        **{f"k{index}.png": 24 for index in range(4)},
        **{f"k{index} (2).png": 96 for index in range(4)},
    }  # each photo restored once by each batch, and no marker left


def test_a_run_again_after_a_failure_says_the_last_run_had_failures(
    tmp_path, tiny_model_file, capsys
):
    """A batch that went to its end with a photo failed keeps its marker, like a stopped
    one: the line of the run after it says both, not only that it did not finish."""
    album = _small_album(tmp_path / "album", 1)
    (album / "bad.png").write_text("this is text, not a picture")
    command = ["restore", str(album), "-o", str(tmp_path / "out"), "--model", str(tiny_model_file)]
    assert main(command) == 1
    capsys.readouterr()
    assert main(command) == 1
    said = capsys.readouterr().err
    assert "had failures or did not finish: photos it restored are skipped" in said


def test_a_result_saved_but_not_listed_before_a_kill_is_found_by_its_time(
    tmp_path, tiny_model_file, capsys, monkeypatch
):
    """A kill between saving a photo and listing it as saved in the batch's marker leaves its
    result unlisted: the next run still skips it, found by its time, and no photo the batch
    had not begun, whose name a batch of other settings took meanwhile."""
    album = _small_album(tmp_path / "album", 3)
    out = tmp_path / "out"
    command = ["restore", str(album), "-o", str(out), "--model", str(tiny_model_file)]
    record = BatchMarker.record

    def killed_before_listing_k1(marker, source, result):
        if source.name != "k1.png" or result is None:
            record(marker, source, result)

    _stop_after(monkeypatch, 2)
    monkeypatch.setattr(BatchMarker, "record", killed_before_listing_k1)
    assert main(command) == INTERRUPTED  # k0 and k1, 96 wide
    monkeypatch.undo()
    assert main([*command, "--scale-out", "1"]) == 0  # another batch: results 24 wide
    capsys.readouterr()
    assert main(command) == 0
    assert "1 restored, 0 failed, 2 skipped (already restored)" in capsys.readouterr().out
    assert _widths(out / "album") == {
        "k0 (2).png": 24,
        "k0.png": 96,
        "k1 (2).png": 24,
        "k1.png": 96,
        "k2 (2).png": 96,
        "k2.png": 24,
    }


def test_grain_is_one_of_a_batchs_settings(tmp_path, tiny_model_file, capsys, monkeypatch):
    """A run with grain after a stopped run without it is another batch: it skips nothing."""
    album = _small_album(tmp_path / "album", 2)
    out = tmp_path / "out"
    command = ["restore", str(album), "-o", str(out), "--model", str(tiny_model_file)]
    _stop_after(monkeypatch, 1)
    assert main(command) == INTERRUPTED
    monkeypatch.undo()
    capsys.readouterr()
    assert main([*command, "--grain", "1"]) == 0
    captured = capsys.readouterr()
    assert "did not finish" not in captured.err
    assert "2 restored, 0 failed\n" in captured.out
    assert sorted(p.name for p in (out / "album").iterdir() if not p.name.startswith(".")) == [
        "k0 (2).png",
        "k0.png",
        "k1.png",
    ]


def test_a_photo_given_twice_is_restored_once(tmp_path, tiny_model_file, capsys):
    photo = tmp_path / "p.png"
    shutil.copy(photo_path(0), photo)
    out = tmp_path / "out"
    assert (
        main(["restore", str(photo), str(photo), "-o", str(out), "--model", str(tiny_model_file)])
        == 0
    )
    assert [p.name for p in out.iterdir()] == ["p.png"]


@pytest.mark.skipif(os.name == "nt", reason="symbolic links")
def test_a_photo_given_with_a_link_to_it_keeps_its_own_name(tmp_path, tiny_model_file):
    photo = tmp_path / "wedding-1950.png"
    shutil.copy(photo_path(0), photo)
    (tmp_path / "best-of.png").symlink_to(photo.name)
    (tmp_path / "also.png").symlink_to(photo.name)
    links = [str(tmp_path / "best-of.png"), str(tmp_path / "also.png")]
    command = ["restore", "--model", str(tiny_model_file), "--scale-out", "1", "-o"]
    assert main([*command, str(tmp_path / "out"), links[0], str(photo), links[1]]) == 0
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["wedding-1950.png"]
    assert main([*command, str(tmp_path / "links"), *links]) == 0  # the first link's name
    assert [p.name for p in (tmp_path / "links").iterdir()] == ["best-of.png"]


def test_a_failure_names_its_photo(tmp_path, capsys):
    photo = tmp_path / "p.png"
    cv2.imwrite(str(photo), np.full((40, 60, 3), 120, np.uint8))
    command = ["restore", str(photo), "-o", str(tmp_path / "o"), "--model", "cleanup-x1"]
    assert main([*command, "--long-side", "200"]) == 1
    assert "failed: p.png: this model does not enlarge" in capsys.readouterr().err


def test_a_folder_whose_results_would_lie_among_its_originals_is_refused(tmp_path, capsys):
    """``-o`` the folder's parent puts its results in the folder itself: a second run would
    restore them too."""
    photos = tmp_path / "scans" / "photos"
    photos.mkdir(parents=True)
    cv2.imwrite(str(photos / "a.png"), np.full((8, 8, 3), 90, np.uint8))
    command = ["restore", str(photos), "-o", str(tmp_path / "scans"), "--model", "cleanup-x1"]
    assert main(command) == 2
    said = capsys.readouterr().err
    assert f"the results of {photos} would go into {photos} itself" in said
    assert [p.name for p in photos.iterdir()] == ["a.png"]


def test_find_spots_says_a_command_that_runs_as_printed(tmp_path, capsys):
    photo, _ = _speckled(tmp_path / "my scan.png")
    assert main(["find-spots", str(photo), "-o", str(tmp_path / "my marks.png")]) == 0
    command = shlex.split(capsys.readouterr().out.split("then: ", 1)[1])
    marks = str(tmp_path / "my marks.png")
    assert command == [
        "python",
        "-m",
        "engine",
        "restore",
        str(photo),
        "--marks",
        marks,
        "-o",
        "FOLDER",
    ]


def test_a_photos_preview_refuses_what_is_for_films(tmp_path, capsys):
    photo = tmp_path / "p.png"
    cv2.imwrite(str(photo), np.full((16, 16, 3), 90, np.uint8))
    for film_only in (["--frame", "3"], ["--remove-dust"], ["--calm-grain"]):
        command = ["preview", str(photo), "--part", "0,0,8,8", "-o", str(tmp_path / "x.png")]
        assert main([*command, *film_only]) == 2
        assert "are for films" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def test_a_film_given_to_restore_is_sent_to_restore_video(tmp_path, capsys):
    film = tmp_path / "reel.mp4"
    film.write_bytes(b"not looked at")
    assert main(["restore", str(film), "-o", str(tmp_path / "out")]) == 2
    said = capsys.readouterr().err
    assert "films left out (restore each with restore-video): reel.mp4" in said
    assert "cannot open .mp4" not in said


def test_a_link_to_nothing_is_told_as_such(tmp_path, capsys):
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    assert main(["restore", str(loop), "-o", str(tmp_path / "out")]) == 2
    assert f"{loop}: a link to nothing" in capsys.readouterr().err


def test_a_failure_in_a_folder_names_the_photo_by_its_path_there(tmp_path, capsys):
    """Two damaged ``scan.png`` of different subfolders read apart, as their results lie."""
    for box in ("box 1", "box 2"):
        (tmp_path / "album" / box).mkdir(parents=True)
        (tmp_path / "album" / box / "scan.png").write_bytes(b"")
    out = tmp_path / "out"
    assert main(["restore", str(tmp_path / "album"), "-o", str(out), "--model", "cleanup-x1"]) == 1
    failures = [line for line in capsys.readouterr().err.splitlines() if line.startswith("failed")]
    assert [line.split(": ")[1] for line in failures] == [
        str(Path("album", "box 1", "scan.png")),
        str(Path("album", "box 2", "scan.png")),
    ]
    assert all(line.count("scan.png") == 1 for line in failures)  # not named twice


@pytest.mark.parametrize(
    ("option", "value"), [("--tile", "-5"), ("--long-side", "0"), ("--dpi", "0")]
)
def test_sizes_below_sense_are_usage_errors(tmp_path, option, value, capsys):
    photo = tmp_path / "p.png"
    cv2.imwrite(str(photo), np.full((40, 60, 3), 120, np.uint8))
    with pytest.raises(SystemExit):
        main(["restore", str(photo), "-o", str(tmp_path / "o"), option, value])
    assert f"argument {option}" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["restore", "preview", "restore-video"])
def test_a_tile_too_small_for_its_context_is_refused_naming_the_least(command, capsys):
    """A tile smaller than ``MIN_TILE`` is mostly the context each tile runs with: refused
    before any work, where it once ran many times slower in silence."""
    with pytest.raises(SystemExit):
        command_parser().parse_args([command, "in.png", "-o", "out", "--tile", "1"])
    err = capsys.readouterr().err
    assert f"argument --tile: a tile of 1 px is too small: give at least {MIN_TILE}" in err
    for side in (0, MIN_TILE):
        args = command_parser().parse_args([command, "in.png", "-o", "out", "--tile", str(side)])
        assert args.tile == side


def test_a_preview_or_marks_never_replace_a_file(tmp_path, tiny_model_file, capsys):
    photo = tmp_path / "p.png"
    shutil.copy(photo_path(0), photo)
    other = tmp_path / "other.png"
    other.write_bytes(b"somebody's photo")
    model = ["--model", str(tiny_model_file)]
    assert main(["preview", str(photo), "--part", "0,0,16,16", "-o", str(other), *model]) == 0
    assert main(["find-spots", str(photo), "-o", str(other)]) == 0
    assert other.read_bytes() == b"somebody's photo"
    assert (tmp_path / "other (2).png").is_file() and (tmp_path / "other (3).png").is_file()


def test_a_stopped_preview_or_search_exits_as_interrupted(
    tmp_path, tiny_model_file, capsys, monkeypatch
):
    photo = tmp_path / "p.png"
    shutil.copy(photo_path(0), photo)

    def stopped(*_args, **_kwargs):
        raise Cancelled()

    def ctrl_c(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_photos, "restore_part", stopped)
    monkeypatch.setattr(cli_small_commands, "find_spots", ctrl_c)
    preview = ["preview", str(photo), "--part", "0,0,16,16", "--model", str(tiny_model_file)]
    assert main([*preview, "-o", str(tmp_path / "part.png")]) == INTERRUPTED
    assert main(["find-spots", str(photo), "-o", str(tmp_path / "marks.png")]) == INTERRUPTED
    said = capsys.readouterr().err
    assert "stopped before the end; run the same command again\n" in said  # at its next check
    assert "stopped at once; run the same command again\n" in said  # where Ctrl+C found it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.png", "tiny.safetensors"]


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="reads /proc (Linux)")
def test_ctrl_c_while_the_command_starts_is_no_traceback():
    started = subprocess.Popen(
        [sys.executable, "-m", "engine", "devices"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    maps = Path(f"/proc/{started.pid}/maps")
    deadline = time.monotonic() + 60
    while "libtorch" not in maps.read_text() and time.monotonic() < deadline:
        time.sleep(0.01)  # Ctrl+C once torch has begun loading, a second before it is done
    started.send_signal(signal.SIGINT)
    _, err = started.communicate(timeout=60)
    assert started.returncode == INTERRUPTED
    assert "Traceback" not in err


@pytest.mark.parametrize("out", ["restored.png", "Restored.JPG", "scan.tif"])
def test_an_output_named_like_a_picture_is_refused_saying_to_give_a_folder(
    tmp_path, tiny_model_file, capsys, out
):
    """``-o restored.png`` would make a folder of that name, its result inside."""
    target = tmp_path / out
    line = ["restore", str(photo_path(3)), "-o", str(target), "--model", str(tiny_model_file)]
    assert main(line) == 2
    folder = f"{target.with_suffix('')}{os.sep}"
    assert capsys.readouterr().err == (
        f"error: {target}: --out is the folder the results go into, each under its photo's name, "
        f"and this is a picture's name; give a folder, such as {folder}\n"
    )
    assert not target.exists()


def test_an_output_folder_named_like_a_picture_is_taken_written_as_a_folder(
    tmp_path, tiny_model_file
):
    for target in (tmp_path / "made.png", tmp_path / "there.png"):
        written = f"{target}/" if target.name == "made.png" else str(target)
        if target.name == "there.png":
            target.mkdir()
        line = ["restore", str(photo_path(3)), "-o", written, "--model", str(tiny_model_file)]
        assert main(line) == 0
        assert [path.suffix for path in target.iterdir()] == [".png"]
