"""The folders a batch's results go into are checked before the long work starts, as the
output folder is: the photos whose results' folder cannot be written are refused at once,
the folder named, and the others restored; none is restored only for its result to be
refused."""

from __future__ import annotations

from pathlib import Path

import cv2

from engine import batch as engine_batch
from engine.cli import main
from tests.conftest import photo_path
from tests.fault_helpers import make_read_only


def _boxes(folder: Path) -> Path:
    """Two folders of two photos each: ``a`` and ``b``."""
    for box in ("a", "b"):
        (folder / box).mkdir(parents=True)
        for index in range(2):
            small = cv2.resize(cv2.imread(str(photo_path(index))), (24, 16))
            assert cv2.imwrite(str(folder / box / f"p{index}.png"), small)
    return folder


def test_photos_whose_result_folder_cannot_be_written_are_refused_before_any_work(
    tmp_path, tiny_model_file, monkeypatch, capsys
):
    photos = _boxes(tmp_path / "in")
    out = tmp_path / "out"
    refusing = out / "in" / "b"
    make_read_only(refusing, monkeypatch)
    restored: list[str] = []
    real = engine_batch.restore_picture

    def noted(restorer, job, *args, **kwargs):
        restored.append(job.source.parent.name)
        return real(restorer, job, *args, **kwargs)

    monkeypatch.setattr(engine_batch, "restore_picture", noted)

    code = main(["restore", str(photos), "-o", str(out), "--model", str(tiny_model_file)])

    printed = capsys.readouterr()
    assert code == 1
    assert restored == ["a", "a"]  # b's photos never restored
    told = [line for line in printed.err.splitlines() if line.startswith("failed:")]
    assert told == [
        f"failed: in/b/p{index}.png: cannot write into {refusing} (permission denied)"
        for index in range(2)
    ]
    assert told[0] in printed.err.split("restoring")[0]  # said before the work
    assert "2 restored, 2 failed" in printed.out
    assert sorted(path.name for path in (out / "in" / "a").iterdir()) == ["p0.png", "p1.png"]
