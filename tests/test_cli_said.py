"""Every line the command lines print is made of the engine's sentences (``engine.words.say``),
so that a catalogue can word each in the person's language: with every template marked as a
catalogue that words it would word it, no word of a line is left outside a sentence."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from engine import paths
from engine.batch import BatchReport, naming
from engine.cli import main as engine_main
from engine.console import CANNOT_GO_ON
from engine.imageio import Picture, write_picture
from engine.progress import Progress
from engine.restorer import RestoreOptions
from engine.video import VideoOptions, restore_video
from engine.words import Sentence, in_words, say
from tests.scan_helpers import LID, kodak_print, lay
from tests.training_helpers import _photos, tiny_dataset, validation_folder
from tests.video_helpers import make_clip, tiny_restorer
from training.cli import main as training_main

SENTENCE = re.compile(r"«[^«»]*»")
"""A sentence marked by ``marked``, holding no other."""

Run = tuple[Callable[[list[str]], int], list[str]]


@pytest.fixture
def marked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every sentence made from here on, its template worded «...», as a catalogue that
    words every template would word it."""
    made = Sentence.__new__
    monkeypatch.setattr(
        Sentence, "__new__", lambda cls, template, fields: made(cls, f"«{template}»", fields)
    )


def unsaid(text: str) -> list[str]:
    """The lines of ``text`` with a word outside the sentences in them."""
    left = []
    for line in text.splitlines():
        rest = line
        while SENTENCE.search(rest):
            rest = SENTENCE.sub("", rest)
        if re.search(r"[^\W\d_]", rest):
            left.append(line)
    return left


def _picture(path: Path, pixels: np.ndarray) -> Path:
    return write_picture(Picture(pixels, None, None, None, "png"), path)


def _photo(path: Path) -> Path:
    return _picture(path, np.random.default_rng(0).integers(0, 255, (24, 32, 3), np.uint8))


def _photo_runs(folder: Path, model: Path) -> list[Run]:
    """``restore`` of a folder with a photo, a damaged one and a film, twice; of a folder
    without photos; ``preview`` of a part, and without one."""
    album = folder / "album"
    photo = _photo(album / "photo.png")
    (album / "broken.jpg").write_bytes(b"not a photo")
    make_clip(album / "film.mp4", frames=2, size=(32, 24), audio=None)
    (folder / "empty").mkdir()
    restore = ["restore", str(album), "-o", str(folder / "out"), "--model", str(model)]
    return [
        (engine_main, restore),
        (engine_main, restore),
        (engine_main, ["restore", str(folder / "empty"), "-o", str(folder / "none")]),
        (engine_main, ["preview", str(photo), "--part", "0,0,16,8", "-o",
                       str(folder / "part.png"), "--model", str(model), "--scale-out", "1"]),
        (engine_main, ["preview", str(photo), "-o", str(folder / "whole.png")]),
    ]  # fmt: skip


def _film_runs(folder: Path, model: Path) -> list[Run]:
    """``restore-video`` of a film, then again skipping it; ``preview`` of a frame, of one
    it does not have, and of a part."""
    film = make_clip(folder / "film.mp4", frames=2, size=(32, 24), audio=None)
    restore = ["restore-video", str(film), "-o", f"{folder / 'films'}/", "--model", str(model),
               "--remove-dust", "--fix-fading"]  # fmt: skip
    preview = ["preview", str(film), "-o", str(folder / "frame.png"), "--model", str(model)]
    return [
        (engine_main, restore),
        (engine_main, [*restore, "--skip-existing"]),
        (engine_main, [*preview, "--frame", "1", "--steady-flicker"]),
        (engine_main, [*preview, "--frame", "9"]),
        (engine_main, [*preview, "--frame", "1", "--part", "0,0,8,8"]),
        (engine_main, [*preview, "--frame", "1", "--long-side", "64"]),
        (engine_main, [*preview, "--frame", "1", "--find-spots"]),
    ]


def _one_photo_runs(folder: Path, model: Path) -> list[Run]:
    """``find-spots``, ``compare``, ``turn``, ``split`` (of a scan with a print and one
    without) and ``devices``, and their refusals."""
    photo = _photo(folder / "photo.png")
    other = shutil.copy(photo, folder / "other.png")
    scan = np.full((500, 600, 3), LID, np.uint8)
    lay(scan, kodak_print(3), (300, 250), 5.0)
    scan_file = _picture(folder / "scan.png", scan)
    compare = ["compare", str(photo), str(other), "-o", str(folder / "both.png")]
    return [
        (engine_main, ["find-spots", str(photo), "-o", str(folder / "marks.png")]),
        (engine_main, ["find-spots", str(photo), "-o", str(folder / "marks.jpg")]),
        (engine_main, compare),
        (engine_main, [*compare, "--split", "2"]),
        (engine_main, ["turn", str(photo), "--left", "-o", str(folder / "turned")]),
        (engine_main, ["split", str(scan_file), str(photo), "-o", str(folder / "prints")]),
        (engine_main, ["devices"]),
    ]


def _training_runs(folder: Path, model: Path) -> list[Run]:
    """``prepare``, ``pack``, ``train`` (validating and saving a checkpoint), and ``runs``
    with no run."""
    photos = _photos(folder, 3)
    train = ["train", str(tiny_dataset(folder)), "--out", str(folder / "mine.safetensors"),
             "--val", str(validation_folder(folder)), "--warmup-steps", "1", "--steps", "1",
             "--width", "8", "--depth", "1", "--up-width", "8", "--disc-width", "8",
             "--disc-depth", "2", "--batch", "2", "--checkpoint-every", "1",
             "--validate-every", "2"]  # fmt: skip
    return [
        (training_main, ["prepare", str(photos), str(folder / "pairs"), "--crop", "32",
                         "--crops-per-image", "1"]),
        (training_main, ["pack", str(photos), str(folder / "photos.rkpack")]),
        (training_main, train),
        (training_main, [*train, "--steps", "3"]),
        (training_main, ["runs"]),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "runs",
    [_photo_runs, _film_runs, _one_photo_runs, _training_runs],
    ids=["photos", "films", "one-photo-commands", "training"],
)
def test_every_line_a_command_prints_is_said(tmp_path, tiny_model_file, capsys, marked, runs):
    left = []
    for main, argv in runs(tmp_path, tiny_model_file):
        main(argv)
        printed = capsys.readouterr()
        assert printed.out + printed.err, argv
        left += unsaid(printed.out + printed.err)
    assert not left, "\n".join(left)


def test_every_line_models_prints_is_said(
    tmp_path, tiny_model_file, builtin_models, capsys, marked
):
    """``models import`` (one taken, one refused), ``remove``, and ``list`` of a model put
    there by hand that cannot be read: its row holds no words but sentences (its name, "2",
    has none), from the headings to its origin."""
    broken = tmp_path / "half.pt"
    broken.write_bytes(b"half a download")
    runs = [
        ["models", "import", str(tiny_model_file), str(broken)],
        ["models", "remove", "tiny"],
        ["models", "list"],
    ]
    left = []
    for argv in runs:
        if argv[1] == "list":
            shutil.copy(broken, paths.user_models_dir() / "2.pt")
        engine_main(argv)
        printed = capsys.readouterr()
        assert printed.out + printed.err, argv
        left += unsaid(printed.out + printed.err)
    assert not left, "\n".join(left)


def one_sentence(line: str) -> bool:
    """Whether ``line`` is a single sentence marked by ``marked``, whatever it holds."""
    depth = 0
    for place, character in enumerate(line):
        depth += {"«": 1, "»": -1}.get(character, 0)
        if depth == 0:
            return place == len(line) - 1
    return False


def test_a_line_of_sentences_side_by_side_is_not_one_sentence():
    assert one_sentence("««a», «b»»") and one_sentence("«error: «a»»")
    assert not one_sentence("«a», «b»") and not one_sentence("«error: a» b")


def test_a_setting_refused_reaches_the_person_as_its_sentence(tmp_path, capsys, marked):
    """``error: ...`` holds the sentence the setting was refused with, not its text."""
    dataset = tiny_dataset(tmp_path)
    refused = [
        ["prepare", str(dataset.parent / "photos"), str(tmp_path / "pairs"), "--crop", "30"],
        ["train", str(dataset), "--out", str(tmp_path / "m.safetensors"), "--batch", "0"],
    ]
    for argv in refused:
        assert training_main(argv) == CANNOT_GO_ON, argv
        (line,) = capsys.readouterr().err.splitlines()
        assert re.fullmatch(r"«error: «[^«»]+»»", line), line


def test_the_counts_of_a_summary_are_one_sentence(marked):
    report = BatchReport(
        results=[(Path("a.png"), Path("out/a.png"))], failed=[(Path("b.png"), "damaged")]
    )
    report.skipped.append(Path("c.png"))
    counts = report.summary().splitlines()[0]
    assert one_sentence(counts), counts


def test_every_note_a_film_run_shows_in_its_bar_is_a_sentence(tmp_path):
    """What a film's progress says as it is measured, restored and joined."""
    film = make_clip(tmp_path / "film.mp4", frames=3, size=(32, 24), audio=None)
    notes: list[str] = []
    options = VideoOptions(codec="ffv1", frames=RestoreOptions(fix_fading=True))
    listener = Progress(lambda event: notes.append(event.what))
    restore_video(tiny_restorer(tmp_path), film, tmp_path / "restored.mkv", options, listener)
    said = [note for note in notes if note]
    assert any(note.startswith("measuring the fading") for note in said)
    assert any(note.endswith(" fps") for note in said)
    assert "joining the segments" in said
    assert all(isinstance(note, Sentence) for note in said), said


def test_a_line_with_words_outside_its_sentences_is_found():
    assert unsaid("«1 restored», «0 failed»\n«a «b.png» c»\n") == []
    assert unsaid("«1 restored», 0 failed\n«x»: photo.png\n12, 3") == [
        "«1 restored», 0 failed",
        "«x»: photo.png",
    ]


CHINESE = {
    "{name}: the file is damaged": "{name}：文件已损坏",
    "{name}: {sentence}": "{name}：{sentence}",
    "the disk is full": "磁盘已满",
}


def in_chinese(text: str) -> str:
    return in_words(text, lambda template: CHINESE.get(template, template))


def test_a_failure_named_as_the_run_names_its_file_is_still_its_sentence():
    damaged = say("{name}: the file is damaged", name="a.jpg")
    failure = naming("album/a.jpg", Path("/photos/album/a.jpg"), damaged)
    assert failure == "album/a.jpg: the file is damaged"
    assert in_chinese(failure) == "album/a.jpg：文件已损坏"
    full = naming("album/a.jpg", Path("/photos/album/a.jpg"), say("the disk is full"))
    assert full == "album/a.jpg: the disk is full"
    assert in_chinese(full) == "album/a.jpg：磁盘已满"
