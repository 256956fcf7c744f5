"""Fix faded colours in the app: a photo that shows no sign of fading is left as it is, and
its row and its result's name in the viewer say so; a faded one is fixed, and named so."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from gui_helpers import wait_for_status, wait_until_read

from app.item_status import ItemStatus
from app.photo_queue import status_text
from tests.conftest import photo_path
from training.degrade import fade_colour_print

KEPT = "no sign of fading, colours kept"


def _write(path: Path, rgb: np.ndarray) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(path), cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
    return path


def test_an_unfaded_photo_is_left_alone_and_said_so_a_faded_one_fixed(
    make_window, qtbot, tiny_model: Path, tmp_path: Path
):
    photo = cv2.imread(str(photo_path(2)))[..., ::-1]
    photo = cv2.resize(photo, (96, 64), interpolation=cv2.INTER_AREA)
    faded = fade_colour_print(photo, np.random.default_rng(1))
    window = make_window()
    items = window.add_paths(
        [_write(tmp_path / "kept.png", photo), _write(tmp_path / "faded.png", faded)]
    )
    wait_until_read(qtbot, window)
    window.settings_panel.fading_check.setChecked(True)
    window.restore_all()
    for item in items:
        wait_for_status(qtbot, item, ItemStatus.RESTORED)
    kept, fixed = items
    assert KEPT in status_text(kept) and kept.colours_kept
    assert KEPT not in status_text(fixed) and not fixed.colours_kept
    titles = []
    for item in items:
        window.queue_view.select_id(item.id)
        titles.append(window.viewer.labels()[1])
    assert titles == ["Tiny · no sign of fading, colours kept", "Tiny · faded colours fixed"]
