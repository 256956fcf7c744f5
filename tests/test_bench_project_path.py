"""bench/project_path.py: a benchmark run as ``python bench/X.py``, from any folder, imports
the project from its checkout, never bench/training.py for the ``training`` package."""

import json
import subprocess
import sys

import pytest

from tests.bench_helpers import REPO

BENCH = REPO / "bench"
SCRIPTS = [
    "dust", "fading", "flicker", "grain", "inbetween", "inference", "quality", "spots",
    "training", "video", "weave",
]  # fmt: skip


def test_the_checkout_comes_first_and_the_bench_folder_last(tmp_path):
    """As ``python bench/X.py`` starts: this folder first on the path, run from elsewhere."""
    code = (
        f"import json, sys; sys.path.insert(0, {str(BENCH)!r}); import project_path, training;"
        "print(json.dumps([sys.path[0], sys.path[-1], training.__file__]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    first, last, package = json.loads(done.stdout)
    assert (first, last) == (str(REPO), str(BENCH))
    assert package == str(REPO / "training" / "__init__.py")


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_benchmark_starts_from_another_folder(tmp_path, script):
    done = subprocess.run(
        [sys.executable, str(BENCH / f"{script}.py"), "--help"],
        cwd=tmp_path, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"usage: {script}.py")
