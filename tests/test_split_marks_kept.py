"""The spots marked on a scan are kept with the prints the app cuts from it."""

from pathlib import Path

import numpy as np

from app.spot_marks import marks_file, record_photo, stored_marks
from app.workers import SaveWorker
from engine.imageio import Picture, write_picture
from engine.retouch.marks import MARKED, count_places, read_marks, write_marks
from tests.scan_helpers import kodak_print, scan_of


def test_the_prints_cut_from_a_scan_keep_the_spots_marked_on_them(qtbot, tmp_path: Path):
    scan = scan_of([kodak_print(n) for n in (3, 5, 23)])
    source = write_picture(Picture(scan, None, None, None, "png"), tmp_path / "box.png")
    marks = np.zeros(scan.shape[:2], np.uint8)
    for x, y in ((250, 200), (140, 140), (400, 620)):  # two on the first print, one on the third
        marks[y - 3 : y + 4, x - 3 : x + 4] = MARKED
    write_marks(marks_file(source), marks)
    record_photo(source)
    worker = SaveWorker()
    done = []
    worker.split_done.connect(lambda _, prints: done.append(prints))
    worker.split(1, source, tmp_path / "prints")
    (prints,) = done
    kept = [stored_marks(print_file) for print_file in prints]
    assert [marks is not None for marks in kept] == [True, False, True]
    assert [count_places(read_marks(kept[n])) for n in (0, 2)] == [2, 1]
