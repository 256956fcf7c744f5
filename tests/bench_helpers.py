"""Running a benchmark script as a person does, on a few real photos, for its JSON figures."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import photo_path

REPO = Path(__file__).resolve().parents[1]


def cleanup_figures(script: str, folder: Path, photos: int = 2) -> dict:
    """What ``bench/<script>`` prints with ``--json`` on ``photos`` kodak24 photos copied into
    ``folder``, timing only small frames once."""
    for index in range(photos):
        shutil.copy(photo_path(index), folder / f"{index}.png")
    done = subprocess.run(
        [sys.executable, f"bench/{script}", "--json", "--hr-dir", str(folder),
         "--sizes", "96x64", "--repeats", "1"],
        cwd=REPO, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(done.stdout)
