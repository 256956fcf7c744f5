"""Take the README's screenshots of the real Rekindle window.

Run under a display (or Xvfb)::

    xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python docs/make_screenshots.py

It queues a few Kodak photos, restores one with the default built-in model (or, when none is
installed yet, an untrained tiny model, which enlarges like bicubic), and saves:

- ``docs/screenshot-main.png``: the window after the restoration, fitted;
- ``docs/screenshot-compare.png``: zoomed in on detail with the slider moved;
- ``docs/screenshot-results.png``: the photo restored a second time with Fix faded colours and a
  long side of 2000 px, the two results picked for comparison, the fix then turned off again
  (the stale-result note shows);
- ``docs/screenshot-preview.png``: a photo not restored yet, zoomed in on a face, the part
  in view previewed with the current settings;
- ``docs/screenshot-marking.png``: Mark Spots on a copy of a photo given dust and a scratch
  (drawn here, not a real print's): Find Spots has marked the dust, the brush the scratch;
- ``docs/screenshot-guide.png``: Help > Rekindle Guide;
- ``docs/screenshot-film.png``: the 1906 film, a frame chosen with the scrubber and previewed
  with its picture steadied, its dust removed, its grain calmed and its flicker evened out.

With ``--language zh_CN`` the same shots are taken in Chinese, named ``screenshot-*-zh_CN.png``.

Settings and user data go to a temporary folder, so the real ones are neither read nor changed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PHOTOS = REPO.parent / "shared" / "data" / "val" / "kodak24"
FILM = REPO.parent / "shared" / "data" / "video" / "market_street_1906_60f.mp4"
FILM_FRAME = 40
QUEUED = ("kodim23.png", "kodim03.png", "kodim15.png", "kodim21.png")
RESTORED = "kodim23.png"
PREVIEWED = "kodim15.png"
PREVIEW_ZOOM = 2.0
PREVIEW_POINT = (0.45, 0.42)  # the face, as a share of the image's width and height
WINDOW_SIZE = (1440, 900)
COMPARE_ZOOM = 1.5
COMPARE_POINT = (0.62, 0.30)  # where to zoom, as a share of the image's width and height
COMPARE_SPLIT = 0.42
LONG_SIDE = 2000
MARKED = "kodim21.png"
"""The photo given dust and a scratch to be marked."""
TIMEOUT_SECONDS = 600


def wait_until(app, condition: Callable[[], bool], timeout: float = TIMEOUT_SECONDS) -> None:
    """Process events until ``condition`` holds; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not reach the expected state in time")
        app.processEvents()
        time.sleep(0.02)
    app.processEvents()


def ensure_a_model(data_dir: Path) -> str:
    """The name of the model used: the built-in default, else a tiny untrained one."""
    from engine.errors import ModelFileError
    from engine.library.loading import resolve_model_path
    from engine.library.own_format import save_model
    from engine.networks import UNetGenerator

    try:
        return resolve_model_path("default")[0].stem
    except ModelFileError:
        network = UNetGenerator(scale=4, width=8, depth=2, convs=1, up_width=8)
        save_model(
            network, data_dir / "models" / "tiny.safetensors", display_name="Tiny (untrained)"
        )
        return "tiny"


def dusty_copy(photo: Path, work: Path) -> Path:
    """A copy of ``photo`` with white specks of dust and a thin scratch drawn on it."""
    import cv2
    import numpy as np

    pixels = cv2.imread(str(photo))
    height, width = pixels.shape[:2]
    rng = np.random.default_rng(1)
    for x, y in zip(rng.integers(0, width, 40), rng.integers(0, height, 40), strict=True):
        cv2.circle(pixels, (int(x), int(y)), int(rng.integers(1, 3)), (245, 245, 245), -1)
    scratch = np.array([(0.30, 0.20), (0.36, 0.45), (0.40, 0.75)]) * (width, height)
    cv2.polylines(pixels, [scratch.astype(np.int32)], False, (235, 235, 235), 2)
    path = work / "dusty print.png"
    cv2.imwrite(str(path), pixels)
    return path


def mark_spots(app, window, photo: Path) -> None:
    """Queue ``photo``, mark its spots with Find Spots and its scratch with the brush."""
    from PySide6.QtCore import QPointF

    from app.item_status import ItemStatus

    [item] = window.add_paths([photo])
    wait_until(app, lambda: item.status is ItemStatus.READY)
    window.queue_view.select_id(item.id)
    viewer = window.viewer
    wait_until(app, lambda: viewer.has_images() and viewer.pyramids_ready())
    window.mark_spots_action.trigger()
    marking = window.spot_marking
    wait_until(app, marking.is_active)
    marking.find()
    wait_until(app, lambda: marking.bar.find_button.isEnabled())
    size = QPointF(item.width, item.height)
    points = [QPointF(size.x() * x, size.y() * y) for x, y in ((0.30, 0.20), (0.36, 0.45))]
    marking.bar.brush.setValue(4)
    viewer.stroke_began.emit(points[0], False)
    viewer.stroke_moved.emit(points[1])
    viewer.stroke_ended.emit()
    app.processEvents()


def take(out_dir: Path, language: str, work: Path) -> None:
    from PySide6.QtCore import QPointF

    from app.application import create_application
    from app.i18n import Translation
    from app.item_status import ItemStatus
    from app.main_window import MainWindow
    from app.settings import AppSettings

    os.environ["REKINDLE_DATA_DIR"] = str(work / "data")
    model = ensure_a_model(work / "data")
    app = create_application([sys.argv[0]])
    settings = AppSettings.from_file(work / "settings.ini")
    settings.output_dir = str(work / "restored")
    translation = Translation(app)
    translation.apply(language)
    window = MainWindow(settings, translation, confirm_close=False)
    window.resize(*WINDOW_SIZE)
    window.show()

    items = window.add_paths(PHOTOS / name for name in QUEUED)
    wait_until(app, lambda: all(i.status is ItemStatus.READY for i in items))
    target = next(i for i in items if i.name == RESTORED)
    window.queue_view.select_id(target.id)
    window.restore_selected()
    wait_until(app, lambda: target.status is ItemStatus.RESTORED)
    wait_until(app, lambda: target.saved_to is not None)  # saved as soon as it is restored
    wait_until(app, window.viewer.pyramids_ready)
    suffix = "" if language == "en" else f"-{language}"

    def save(widget, name: str) -> None:
        widget.grab().save(str(out_dir / f"screenshot-{name}{suffix}.png"))

    save(window, "main")

    viewer = window.viewer
    size = viewer.image_size()
    point = QPointF(size.width() * COMPARE_POINT[0], size.height() * COMPARE_POINT[1])
    viewer.set_zoom(COMPARE_ZOOM, viewer.map_after_to_widget(point))
    viewer.set_split(COMPARE_SPLIT)
    app.processEvents()
    save(window, "compare")

    viewer.fit()
    panel = window.settings_panel
    panel.fading_check.setChecked(True)
    size = panel.size_field
    size.scale_combo.setCurrentIndex(size.scale_combo.findData("long_side"))
    size.long_side_spin.setValue(LONG_SIDE)
    window.restore_selected()
    wait_until(app, lambda: target.status is ItemStatus.RESTORED and len(target.history) == 2)
    wait_until(app, window.viewer.pyramids_ready)
    panel.fading_check.setChecked(False)  # the result on show is now marked as made otherwise
    app.processEvents()
    save(window, "results")

    previewed = next(i for i in items if i.name == PREVIEWED)
    window.queue_view.select_id(previewed.id)
    wait_until(app, lambda: viewer.has_images() and viewer.pyramids_ready())
    size = viewer.image_size()
    point = QPointF(size.width() * PREVIEW_POINT[0], size.height() * PREVIEW_POINT[1])
    viewer.set_zoom(PREVIEW_ZOOM, viewer.map_after_to_widget(point))
    viewer.set_split(0.5)
    window.preview()
    wait_until(app, lambda: viewer.part_rect() is not None)
    app.processEvents()
    save(window, "preview")

    mark_spots(app, window, dusty_copy(PHOTOS / MARKED, work))
    save(window, "marking")
    window.mark_spots_action.trigger()  # done: the marks are kept

    window.show_guide()
    wait_until(app, lambda: window.guide is not None and window.guide.isVisible())
    save(window.guide, "guide")
    window.guide.close()

    checks = ("dust_check", "grain_check", "flicker_check", "weave_check", "repeats_check")
    for check in checks:  # an old film
        getattr(window.settings_panel, check).setChecked(True)
    [film] = window.add_paths([FILM])
    wait_until(app, lambda: film.status is ItemStatus.READY)
    window.queue_view.select_id(film.id)
    wait_until(app, lambda: window.scrubber.isVisible() and viewer.has_images())
    window.scrubber.slider.setValue(FILM_FRAME)
    settled = time.monotonic() + 2.0  # the scrubber waits for the slider to rest, then reads
    wait_until(app, lambda: time.monotonic() > settled and viewer.has_images())
    window.film.preview()
    wait_until(app, viewer.has_after)
    wait_until(app, viewer.pyramids_ready)
    viewer.set_split(0.5)
    app.processEvents()
    save(window, "film")
    window.close()
    print(f"screenshots of {target.name} restored with '{model}' saved in {out_dir}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs", help="folder for the PNGs")
    parser.add_argument("--language", default="en", help="en or zh_CN")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    with tempfile.TemporaryDirectory(prefix="rekindle-screenshots-") as work:
        take(args.out, args.language, Path(work))


if __name__ == "__main__":
    main()
