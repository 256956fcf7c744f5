"""Gathering the photos a model learns from, when the folder is not as expected: Rekindle's own
data folder inside the one chosen, a disk that fills up while pairs are made, a preparation
stopped before its end, a folder gone since it was chosen, bad files among the validation
photos."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

import pytest

from engine import atomic
from engine.errors import Cancelled, RekindleError
from tests.conftest import photo_path
from tests.fault_helpers import part_files
from tests.test_training_cli import SMALL
from tests.training_helpers import tiny_dataset, validation_folder
from training import prepare as prepare_module
from training.cli import main
from training.config import PrepareOptions
from training.prepare import HR_DIR, LR_DIR, PAIR_NAME, UNFINISHED, collection_in, prepare

OPTIONS = PrepareOptions(crop=64, scale=4, crops_per_image=4, seed=3)


def _photos(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        shutil.copy(photo_path(index), folder / f"{index}.png")
    return folder


def _pairs_in(dataset: Path) -> list[Path]:
    return [
        path
        for sub in (HR_DIR, LR_DIR)
        if (dataset / sub).is_dir()
        for path in (dataset / sub).iterdir()
        if PAIR_NAME.fullmatch(path.name)
    ]


def test_rekindles_data_folder_inside_the_chosen_one_is_not_learned_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A Mac home folder chosen: the earlier run in ~/Library/Application Support/Rekindle
    (its validation photo, its prepared pairs) is neither a photo nor a dataset of the
    person's, and is left as it was."""
    home = tmp_path / "home"
    _photos(home / "Desktop", 1)
    data = home / "Library" / "Application Support" / "Rekindle"
    run = data / "training" / "20250101-120000"
    prepare(_photos(tmp_path / "earlier", 2), run / "dataset", OPTIONS)
    _photos(run / "validation", 1)
    monkeypatch.setenv("REKINDLE_DATA_DIR", str(data))
    collection = collection_in(home)
    assert collection.photos == [home / "Desktop" / "0.png"]
    assert collection.datasets == []
    report = prepare(home, tmp_path / "ds", OPTIONS)
    assert report.used == ["Desktop/0.png"] and report.datasets == []
    assert (run / "dataset" / "manifest.json").is_file()


def _disk_full_after(monkeypatch: pytest.MonkeyPatch, room: int) -> None:
    """The disk holds ``room`` bytes more, then reports itself full, as a real one does."""
    real = atomic._CountedFile.write
    written = [0]

    def write(self: atomic._CountedFile, data: bytes) -> int:
        size = len(memoryview(data))
        if written[0] + size > room:
            raise OSError(errno.ENOSPC, "No space left on device")
        written[0] += size
        return real(self, data)

    monkeypatch.setattr(atomic._CountedFile, "write", write)


def test_a_disk_that_fills_up_while_preparing_is_named_and_left_without_pairs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    source, dataset = _photos(tmp_path / "photos", 3), tmp_path / "ds"
    _disk_full_after(monkeypatch, 60_000)  # some pairs are made, not all
    code = main(["prepare", str(source), str(dataset), "--crop", "64", "--crops-per-image", "8"])
    assert code == 2
    said = capsys.readouterr().err
    assert (
        f"error: {dataset}: the disk is full, so not all the training pairs could be saved "
        "(those made were removed); make room, then prepare again"
    ) in said
    assert _pairs_in(dataset) == [] and part_files(dataset) == []
    assert (dataset / UNFINISHED).is_file()  # training refuses it, saying why
    monkeypatch.undo()  # room made: the same command
    assert main(["prepare", str(source), str(dataset), "--crop", "64"]) == 0


def test_a_dataset_whose_preparation_was_stopped_is_refused_saying_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    dataset = tmp_path / "ds"

    def stopped(pixels: object, path: Path) -> None:
        raise Cancelled()

    monkeypatch.setattr(prepare_module, "_write_png", stopped)
    with pytest.raises(Cancelled):
        prepare(_photos(tmp_path / "photos", 2), dataset, OPTIONS)
    code = main(["train", str(dataset), "--out", str(tmp_path / "m.safetensors"), *SMALL])
    assert code == 2
    assert (
        f"error: {dataset}: its preparation was stopped before the end; run prepare again to "
        "finish it"
    ) in capsys.readouterr().err


def test_a_folder_gone_since_it_was_chosen_is_told_as_gone(tmp_path: Path):
    """The USB stick chosen in the wizard was unplugged before Prepare."""
    usb = _photos(tmp_path / "usb", 1)
    shutil.rmtree(usb)
    with pytest.raises(RekindleError) as refused:
        prepare(usb, tmp_path / "ds", OPTIONS)
    assert str(refused.value) == (
        f"{usb}: the folder is no longer there; reconnect its drive, or choose the folder again"
    )
    assert not (tmp_path / "ds").exists()


def test_bad_files_among_the_validation_photos_are_named_and_left_out(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
):
    dataset = tiny_dataset(tmp_path)
    val = validation_folder(tmp_path)
    (val / "empty.jpg").write_bytes(b"")
    (val / "fake.jpg").write_bytes(b"not a photo at all")
    train = ["train", str(dataset), *SMALL, "--steps", "1", "--val", str(val)]
    assert main([*train, "--out", str(tmp_path / "m.safetensors")]) == 0
    assert "empty.jpg: the file is empty; not validated on" in caplog.text
    assert "fake.jpg: the file is damaged or not an image; not validated on" in caplog.text
    (val / "v.png").unlink()  # none usable is refused
    assert main([*train, "--out", str(tmp_path / "n.safetensors")]) == 2
    assert "no photo there to validate on" in capsys.readouterr().err
