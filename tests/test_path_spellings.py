"""One folder reached under two spellings, as on macOS, whose volumes ignore case ("Photos",
"photos") and keep names decomposed (NFD) where Terminal and Qt give them composed (NFC),
and whose ``Path.resolve`` keeps the spelling given: where the output folder lies is told
by the file system, so a run again never takes its own results for originals (restoring
them a folder deeper each time), a folder is never its own results' folder, and a photo
given under two spellings is restored once.

Each test runs twice: on a bind mount, the real thing (Linux, as root; skipped where mounting
is not permitted), and on a symbolic link read by a ``Path.resolve`` that keeps spellings as
macOS's does, the file system still telling what each path leads to."""

from __future__ import annotations

import os
import subprocess
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import cv2
import pytest
from PIL import Image

from app.folder_search import Search, search
from app.photo_queue import QueueItem
from app.restore_runner import results_below
from engine.batch import check_folders_apart, plan_batch
from engine.cli import main
from engine.errors import RekindleError
from engine.media import results_apart
from engine.provenance import marked_exif
from tests.conftest import photo_path

GRANDMA = "Grand-mère"
SPELLINGS = {
    "case": ("Photos", "photos"),
    "unicode-form": (unicodedata.normalize("NFD", GRANDMA), unicodedata.normalize("NFC", GRANDMA)),
}
WAYS = ("bind-mount", "macos-resolve")


def _bind(stored: Path, typed: Path) -> None:
    """``stored`` reachable as ``typed`` too; the test is skipped where it cannot mount."""
    typed.mkdir()
    try:
        subprocess.run(["mount", "--bind", stored, typed], check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError) as error:
        why = getattr(error, "stderr", b"").decode(errors="replace").strip() or error
        pytest.skip(f"mounting is not permitted here ({why}); the macos-resolve run covers it")


def _keep_spelling(monkeypatch: pytest.MonkeyPatch) -> None:
    """``Path.resolve`` keeping the spelling given, as macOS's does: no link is followed, so
    the link standing for the folder's second spelling reads as a folder of its own."""
    monkeypatch.setattr(Path, "resolve", lambda self, strict=False: Path(os.path.abspath(self)))


@pytest.fixture(params=[(way, kind) for way in WAYS for kind in SPELLINGS], ids="-".join)
def spelt_twice(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Path, Path]]:
    """A folder holding two photos, as stored, and the same folder as typed."""
    way, kind = request.param
    stored, typed = (tmp_path / name for name in SPELLINGS[kind])
    stored.mkdir()
    for index, name in enumerate(("a.png", "b.png")):
        image = cv2.resize(cv2.imread(str(photo_path(index))), (24, 16))
        cv2.imwrite(str(stored / name), image)
    if way == "macos-resolve":
        typed.symlink_to(stored, target_is_directory=True)
        _keep_spelling(monkeypatch)
        yield stored, typed
        return
    _bind(stored, typed)
    try:
        yield stored, typed
    finally:
        subprocess.run(["umount", typed], check=True)


def _folders_of_files(folder: Path) -> list[Path]:
    """The folders holding files in ``folder``, itself included, relative to it."""
    return sorted({path.parent.relative_to(folder) for path in folder.rglob("*") if path.is_file()})


def test_a_run_again_into_the_folder_as_typed_leaves_its_results_out(
    spelt_twice, tiny_model_file, capsys
):
    stored, typed = spelt_twice
    restore = ["restore", str(stored), "-o", str(typed / "Restored")]
    assert main([*restore, "--model", str(tiny_model_file)]) == 0
    capsys.readouterr()

    assert main([*restore, "--model", str(tiny_model_file)]) == 0

    # the two photos alone, their results there already; none of the results taken for photos
    assert "0 restored, 0 failed, 2 skipped (already restored)" in capsys.readouterr().out
    assert _folders_of_files(stored) == [Path(), Path("Restored", stored.name)]


def test_results_in_the_folder_as_typed_are_set_apart(spelt_twice):
    stored, typed = spelt_twice
    result = stored / "Restored" / "a.png"
    result.parent.mkdir()
    result.write_bytes((stored / "a.png").read_bytes())

    assert results_apart(stored, typed / "Restored") == (
        [stored / "a.png", stored / "b.png"],
        [result],
    )


def test_results_saved_beside_the_originals_as_typed_are_set_apart(spelt_twice):
    stored, typed = spelt_twice
    result = stored / "a [x4].png"
    Image.new("RGB", (8, 6), (90, 60, 30)).save(result, "PNG", exif=marked_exif(None, "restored"))

    assert results_apart(stored, typed) == ([stored / "a.png", stored / "b.png"], [result])


@pytest.mark.parametrize("flat", [False, True], ids=["into-its-parent", "flat-into-itself"])
def test_a_folder_whose_results_would_go_into_it_as_typed_is_refused(spelt_twice, flat):
    stored, typed = spelt_twice
    folder = stored if flat else stored / "scans"
    folder.mkdir(exist_ok=True)

    with pytest.raises(RekindleError, match="would go into"):
        check_folders_apart([folder], typed, flat=flat)


def test_a_folder_given_under_both_spellings_restores_each_photo_once(spelt_twice, tmp_path):
    stored, typed = spelt_twice

    plan = plan_batch([stored, typed], tmp_path / "out", None)

    assert [job.source for job in plan.jobs] == [stored / "a.png", stored / "b.png"]


def test_the_window_adds_the_folder_without_the_results_in_it_as_typed(spelt_twice):
    stored, typed = spelt_twice
    result = stored / "Restored" / "a.png"
    result.parent.mkdir()
    result.write_bytes((stored / "a.png").read_bytes())

    found = search(Search(paths=(stored,), results=typed / "Restored", remember=False))

    assert (found.media, found.left_out) == ([stored / "a.png", stored / "b.png"], [result])


def test_the_window_saves_beside_the_originals_into_the_folder_as_typed(spelt_twice):
    stored, typed = spelt_twice
    photo = QueueItem(stored / "a.png", added_with=stored)
    assert results_below(photo, typed, [stored]) == Path()  # beside it, not in typed/Photos
