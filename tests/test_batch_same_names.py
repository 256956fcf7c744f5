"""Photos and folders that share a name: a result counts as a photo's only where it records
that photo as its source (Mum's IMG_0001.JPG is never skipped nor replaced for Dad's), folders
of one name given together keep their results apart, and a run whose stderr is a log still
shows its progress."""

import hashlib
import io
import sys
from pathlib import Path

import cv2
import pytest

from engine.batch import FolderNames
from engine.cli import main
from engine.console import progress_bar, progress_lines
from engine.folder_tails import folder_tails
from engine.imageio import Picture, read_picture, write_picture
from engine.media import header_exif
from engine.progress import CancelToken, ProgressEvent
from engine.provenance import (
    SOURCE_TAG,
    SourceRecord,
    exif_tags,
    marked_exif,
    recorded_in,
    recorded_source,
    source_place,
    with_source,
)
from engine.unfinished import BatchMarker
from engine.video.join import film_made_by_rekindle
from tests.conftest import photo_path
from tests.video_helpers import make_clip

NAMES = ("IMG_0001.JPG", "IMG_0002.JPG")
ANOTHERS = "holds the result of another photo of that name"


def _phone(root: Path, owner: str, first: int) -> Path:
    """A phone's DCIM/100APPLE folder: photos named as every phone names them, ``first`` on
    the kodak set picking which (so two phones' photos differ)."""
    folder = root / owner / "DCIM" / "100APPLE"
    folder.mkdir(parents=True)
    for index, name in enumerate(NAMES):
        image = cv2.resize(cv2.imread(str(photo_path(first + index))), (24, 16))
        cv2.imwrite(str(folder / name), image)
    return folder


@pytest.fixture
def phones(tmp_path: Path) -> tuple[Path, Path]:
    """Mum's and Dad's folders, both DCIM/100APPLE, the same names, other photos."""
    return _phone(tmp_path, "mum", 0), _phone(tmp_path, "dad", 4)


def _restore(model: Path, out: Path, *inputs_and_flags: str | Path) -> int:
    return main(["restore", *map(str, inputs_and_flags), "-o", str(out), "--model", str(model)])


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_ino, p.read_bytes()) for p in sorted(folder.iterdir())}


def test_skip_existing_never_takes_another_photos_result_for_this_ones(
    phones, tmp_path, tiny_model_file, capsys
):
    mum, dad = phones
    out = tmp_path / "phout"
    assert _restore(tiny_model_file, out, mum) == 0
    results = out / "100APPLE"
    mums = _snapshot(results)
    capsys.readouterr()

    assert _restore(tiny_model_file, out, dad, "--skip-existing") == 0
    printed = capsys.readouterr().out
    assert "2 restored, 0 failed" in printed and "skipped" not in printed
    assert f"saved as IMG_0001 (2).jpg (IMG_0001.jpg {ANOTHERS})" in printed
    after = _snapshot(results)
    assert {name: after[name] for name in mums} == mums
    for index, name in enumerate(NAMES, 1):
        made = header_exif(results / f"IMG_000{index} (2).jpg")
        assert recorded_source(made).digest == _digest(dad / name)

    assert _restore(tiny_model_file, out, dad, "--skip-existing") == 0  # again: Dad's are there
    assert "0 restored, 0 failed, 2 skipped (already restored)" in capsys.readouterr().out
    assert len(list(results.iterdir())) == 4


def test_overwrite_replaces_this_photos_result_and_never_another_photos(
    phones, tmp_path, tiny_model_file, capsys
):
    mum, dad = phones
    out = tmp_path / "phout"
    results = out / "100APPLE"
    assert _restore(tiny_model_file, out, mum) == 0
    mums = _snapshot(results)
    assert _restore(tiny_model_file, out, dad, "--overwrite") == 0
    assert f"(IMG_0002.jpg {ANOTHERS})" in capsys.readouterr().out
    dads = {name: ino for name, (ino, _) in _snapshot(results).items() if name not in mums}
    assert sorted(dads) == ["IMG_0001 (2).jpg", "IMG_0002 (2).jpg"]

    assert _restore(tiny_model_file, out, dad, "--overwrite") == 0  # Dad's own: replaced
    after = _snapshot(results)
    assert {name: after[name] for name in mums} == mums
    assert all(after[name][0] != ino for name, ino in dads.items())
    assert len(after) == 4


EARLIER = "holds a result of an earlier Rekindle that does not record its photo"


def _earlier_result(path: Path) -> Path:
    """Dad's photo's result as releases before results recorded their photo wrote it, at
    ``path``: Rekindle's mark, and no record of the photo it was made from."""
    path.parent.mkdir(parents=True, exist_ok=True)
    picture = read_picture(photo_path(3))
    write_picture(Picture(picture.pixels, None, None, marked_exif(None, "Restored"), "jpg"), path)
    return path


@pytest.mark.parametrize("flag", ["--skip-existing", "--overwrite"])
def test_a_result_that_records_no_source_is_neither_skipped_nor_replaced(
    tmp_path, tiny_model_file, capsys, flag
):
    """Whose result it is cannot be told: Mum's photo is restored beside it, and the line says
    why; her result, which records her photo, is hers on the next run."""
    photo = _phone(tmp_path, "mum", 0) / NAMES[0]
    out = tmp_path / "out"
    dads = _earlier_result(out / "IMG_0001.jpg")
    before = _snapshot(out)
    assert _restore(tiny_model_file, out, photo, flag) == 0
    printed = capsys.readouterr().out
    assert "1 restored, 0 failed" in printed and "skipped" not in printed
    assert f"saved as IMG_0001 (2).jpg (IMG_0001.jpg {EARLIER})" in printed
    after = _snapshot(out)
    assert after[dads.name] == before[dads.name]
    assert recorded_source(header_exif(out / "IMG_0001 (2).jpg")).digest == _digest(photo)

    assert _restore(tiny_model_file, out, photo, flag) == 0  # again: hers is there, no "(3)"
    assert _snapshot(out)[dads.name] == before[dads.name]
    assert sorted(path.name for path in out.iterdir()) == ["IMG_0001 (2).jpg", "IMG_0001.jpg"]


@pytest.fixture
def listed_earlier_result(tmp_path) -> tuple[Path, Path]:
    """A photo, and in ``out`` its result that records no source, listed by the journal of a
    batch an earlier release left unfinished."""
    photo = _phone(tmp_path, "mum", 0) / NAMES[0]
    result = _earlier_result(tmp_path / "out" / "IMG_0001.jpg")
    journal = BatchMarker(result.parent, {"an earlier release's batch": str(photo)})
    journal.start()
    journal.record(photo, result)
    return photo, result


def test_a_result_a_journal_lists_is_skipped_as_the_photos_own(
    listed_earlier_result, tiny_model_file, capsys
):
    photo, result = listed_earlier_result
    before = _snapshot(result.parent)
    assert _restore(tiny_model_file, result.parent, photo, "--skip-existing") == 0
    assert "0 restored, 0 failed, 1 skipped (already restored)" in capsys.readouterr().out
    assert _snapshot(result.parent) == before


def test_a_result_a_journal_lists_is_replaced_as_the_photos_own(
    listed_earlier_result, tiny_model_file, capsys
):
    photo, result = listed_earlier_result
    before = result.stat().st_ino
    assert _restore(tiny_model_file, result.parent, photo, "--overwrite") == 0
    assert "renamed" not in capsys.readouterr().out
    assert [path.name for path in result.parent.glob("*.jpg")] == [result.name]
    assert result.stat().st_ino != before
    assert recorded_source(header_exif(result)).digest == _digest(photo)


@pytest.mark.parametrize("suffix", [".png", ".jpg", ".tif", ".webp"])
def test_a_result_records_its_source_in_every_format_with_exif(tmp_path, tiny_model_file, suffix):
    folder = _phone(tmp_path, "mum", 0)
    out = tmp_path / "out"
    assert _restore(tiny_model_file, out, folder / NAMES[0], "--format", suffix[1:]) == 0
    result = out / f"IMG_0001{suffix}"
    assert recorded_source(header_exif(result)).digest == _digest(folder / NAMES[0])
    assert "made from IMG_0001.JPG (SHA-256 " in header_exif(result)[SOURCE_TAG]


def test_a_result_restored_again_does_not_carry_its_sources_record():
    recorded = with_source(
        marked_exif(None, "Restored"), "made from a.jpg (SHA-256 " + "0" * 64 + ")"
    )
    again = marked_exif(recorded, "Restored again")
    assert recorded_source(exif_tags(recorded)) == SourceRecord("0" * 64, None)
    assert recorded_source(exif_tags(again)) is None


def _edited(photo: Path) -> Path:
    """``photo`` edited where it lies: other bytes, the same file."""
    cv2.imwrite(str(photo), 255 - cv2.imread(str(photo)))
    return photo


@pytest.fixture
def restored_then_edited(tmp_path, tiny_model_file, capsys) -> tuple[Path, Path]:
    """A photo restored into ``out``, then edited: the photo and its result."""
    photo = _phone(tmp_path, "mum", 0) / NAMES[0]
    assert _restore(tiny_model_file, tmp_path / "out", photo) == 0
    capsys.readouterr()
    return _edited(photo), tmp_path / "out" / "IMG_0001.jpg"


def test_overwrite_replaces_the_result_of_an_original_edited_since(
    restored_then_edited, tmp_path, tiny_model_file, capsys
):
    photo, result = restored_then_edited
    before = result.stat().st_ino
    assert _restore(tiny_model_file, tmp_path / "out", photo, "--overwrite") == 0
    assert "renamed" not in capsys.readouterr().out
    assert [p.name for p in result.parent.iterdir()] == [result.name]
    assert result.stat().st_ino != before
    assert recorded_source(header_exif(result)).digest == _digest(photo)


def test_skip_existing_skips_the_result_of_an_original_edited_since(
    restored_then_edited, tmp_path, tiny_model_file, capsys
):
    photo, result = restored_then_edited
    before = result.read_bytes()
    assert _restore(tiny_model_file, tmp_path / "out", photo, "--skip-existing") == 0
    assert "0 restored, 0 failed, 1 skipped" in capsys.readouterr().out
    assert [p.name for p in result.parent.iterdir()] == [result.name]
    assert result.read_bytes() == before


def test_a_moved_folders_results_are_still_its_own(phones, tmp_path, tiny_model_file, capsys):
    mum, _ = phones
    out = tmp_path / "phout"
    assert _restore(tiny_model_file, out, mum) == 0
    disk = tmp_path / "new disk"
    disk.mkdir()
    moved = mum.rename(disk / mum.name)
    capsys.readouterr()
    assert _restore(tiny_model_file, out, moved, "--skip-existing") == 0
    assert "0 restored, 0 failed, 2 skipped" in capsys.readouterr().out


def test_a_record_is_read_with_its_place_and_without_one(tmp_path):
    """Records written before places were recorded are matched by content alone."""
    photo = _phone(tmp_path, "mum", 0) / NAMES[0]
    digest, place = _digest(photo), source_place(photo)
    with_place = recorded_in(f"made from {photo.name} (SHA-256 {digest}; place {place})")
    without = recorded_in(f"made from {photo.name} (SHA-256 {digest})")
    assert (with_place, without) == (SourceRecord(digest, place), SourceRecord(digest, None))
    assert with_place.is_of(photo) and without.is_of(photo)
    _edited(photo)
    assert with_place.is_of(photo) and not without.is_of(photo)


def test_folders_of_one_name_given_together_keep_their_results_apart(
    tmp_path, tiny_model_file, capsys
):
    boxes = [_phone(tmp_path / year, "box", 0).parent.parent for year in ("2019", "2020")]
    out = tmp_path / "out"
    assert _restore(tiny_model_file, out, *boxes) == 0
    assert "renamed" not in capsys.readouterr().out
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*.jpg")) == [
        f"{year}/box/DCIM/100APPLE/{name}"
        for year in ("2019", "2020")
        for name in ("IMG_0001.jpg", "IMG_0002.jpg")
    ]


def test_a_folder_given_alone_keeps_its_name(tmp_path, tiny_model_file):
    folder = _phone(tmp_path / "2019", "box", 0).parent.parent
    assert _restore(tiny_model_file, tmp_path / "out", folder) == 0
    assert (tmp_path / "out" / "box" / "DCIM" / "100APPLE" / "IMG_0001.jpg").is_file()


def test_the_renamed_line_names_the_folder_it_came_from(tmp_path, tiny_model_file, capsys):
    folders = [tmp_path / year / "scans" for year in ("2019", "2020")]
    for folder in folders:
        folder.mkdir(parents=True)
        image = cv2.resize(cv2.imread(str(photo_path(0))), (24, 16))
        for name in ("a.png", "a.jpg"):
            cv2.imwrite(str(folder / name), image)
    assert _restore(tiny_model_file, tmp_path / "out", *folders, "--format", "png") == 0
    renamed = [line for line in capsys.readouterr().out.splitlines() if "renamed" in line]
    assert sorted(renamed) == [
        f"renamed: {year}/scans/a.jpg saved as a (2).png (a.png was taken)"
        for year in ("2019", "2020")
    ]


def test_films_of_folders_of_one_name_keep_their_results_apart(
    phones, tmp_path, tiny_model_file, capsys
):
    for folder in phones:
        make_clip(folder / "IMG_0006.mov", frames=2, size=(32, 24), audio=None)
    out = tmp_path / "out"
    command = ["restore-video", *map(str, phones), "-o", str(out)]
    assert main([*command, "--model", str(tiny_model_file)]) == 0
    printed = capsys.readouterr().out
    for owner in ("mum", "dad"):
        result = out / owner / "DCIM" / "100APPLE" / "IMG_0006.mov"
        assert film_made_by_rekindle(result)
        assert f"{result}: 2 frames" in printed


def test_folder_names_reach_the_root_without_leaving_the_output_folder(tmp_path):
    """/tmp and .../tmp differ only past the root: the root is named, never written to."""
    nested = tmp_path / "tmp"
    nested.mkdir()
    names = FolderNames([Path("/tmp"), nested])
    top, deeper = names(Path("/tmp")), names(nested)
    assert not top.is_absolute() and top != deeper
    assert deeper == Path(tmp_path.name, "tmp")


def test_folder_tails_are_the_fewest_last_folders_that_differ():
    paths = [Path("/a/2019/scans"), Path("/a/2020/scans"), Path("/b/2020/scans"), Path("/c/x")]
    assert folder_tails(paths) == {
        paths[0]: ("a", "2019"),
        paths[1]: ("a", "2020"),
        paths[2]: ("b", "2020"),
    }


class _Log(io.StringIO):
    def isatty(self) -> bool:
        return False


def test_progress_on_a_log_is_a_line_at_the_end(monkeypatch):
    log = _Log()
    monkeypatch.setattr(sys, "stderr", log)
    token = CancelToken()
    with progress_bar("restoring", token) as progress:
        progress.update(1, 4, "b.jpg", unit="photo")
        progress.part(1, 4).update(4, 4, unit="tile")  # a tile tells no photo: b.jpg's
        token.cancel()  # stopped there
    assert log.getvalue().splitlines() == ["restoring: stopped at 50% after 00:00, b.jpg"]


def test_progress_on_a_log_is_written_at_most_every_half_minute(monkeypatch):
    log = _Log()
    monkeypatch.setattr(sys, "stderr", log)
    now = [0.0]
    with progress_lines("restoring", lambda: now[0]) as show:
        for second in range(0, 100, 5):
            now[0] = float(second)
            done = f"{second}/100 photos"
            show(ProgressEvent(second, 100, "photo", done, fraction=second / 100), "00:05 left")
    assert log.getvalue().splitlines() == [
        "restoring: 30% done after 00:30, 30/100 photos, 00:05 left",
        "restoring: 60% done after 01:00, 60/100 photos, 00:05 left",
        "restoring: 90% done after 01:30, 90/100 photos, 00:05 left",
        "restoring: done after 01:35",
    ]
