"""Take the README's screenshot of the training wizard in the middle of a real (short) run.

Run under a display (or Xvfb)::

    xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python docs/make_wizard_screenshot.py

It copies a few Kodak photos into a temporary folder, goes through the wizard's first two pages,
trains with a short preset (a few dozen warm-up steps, then the adversarial phase) for about
``--seconds`` seconds, saves ``docs/screenshot-wizard.png`` while the run goes on, then stops
it and saves the finish page, with its verdict on the new model, as
``docs/screenshot-wizard-finish.png``. It starts from the built-in model when one is
installed, else from scratch. Settings and user data go to a temporary folder, so the real
ones are neither read nor changed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PHOTOS = REPO.parent / "shared" / "data" / "val" / "kodak24"
USED = ("kodim03.png", "kodim05.png", "kodim07.png", "kodim14.png", "kodim15.png", "kodim23.png")
TIMEOUT_SECONDS = 900


def wait_until(app, condition: Callable[[], bool], timeout: float = TIMEOUT_SECONDS) -> None:
    """Process events until ``condition`` holds; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the wizard did not reach the expected state in time")
        app.processEvents()
        time.sleep(0.02)
    app.processEvents()


def take(out: Path, language: str, seconds: float, work: Path) -> None:
    from dataclasses import replace

    os.environ["REKINDLE_DATA_DIR"] = str(work / "data")
    from app.application import create_application
    from app.i18n import Translation
    from app.settings import AppSettings
    from app.wizard.presets import PRESETS
    from app.wizard.wizard import TrainingWizard

    album = work / "album"
    album.mkdir()
    for name in USED:
        shutil.copy(PHOTOS / name, album / name)
    short = replace(PRESETS["quick"], warmup_steps=20, steps=400, validate_every=15)
    app = create_application([sys.argv[0]])
    Translation(app).apply(language)
    wizard = TrainingWizard(AppSettings.from_file(work / "settings.ini"), presets={"quick": short})
    wizard.show()
    wizard.source_page.set_folder(album)
    wait_until(app, wizard.source_page.isComplete)
    wizard.next()
    preparation = wizard.preparation_page
    preparation.prepare_button.click()
    wait_until(app, lambda: preparation.isComplete() and not preparation.estimating())
    wizard.next()
    page = wizard.training_page
    started = time.monotonic()
    wait_until(
        app,
        lambda: time.monotonic() - started > seconds and page.last_validation is not None,
    )
    wizard.grab().save(str(out))
    page.stop()
    wait_until(app, page.isComplete)
    wizard.next()
    wait_until(app, lambda: not wizard.finish_page.scoring())
    finish = out.with_name(f"{out.stem}-finish{out.suffix}")
    wizard.grab().save(str(finish))
    wizard.done(0)
    print(f"screenshots after {page.steps_seen} steps saved as {out} and {finish}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshot-wizard.png")
    parser.add_argument("--language", default="en", help="en or zh_CN")
    parser.add_argument("--seconds", type=float, default=120, help="training time before the shot")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    with tempfile.TemporaryDirectory(prefix="rekindle-wizard-shot-") as work:
        take(args.out, args.language, args.seconds, Path(work))


if __name__ == "__main__":
    main()
