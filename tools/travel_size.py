"""What a device ``run`` call would send, against its 64 MiB limit: the working tree (tracked
files and untracked ones git does not ignore) plus the carried paths.

A call over the limit is refused on the spot, and a session is lent a GPU rarely, so check
before the call (``tools/gpu_session.py``'s docstring says what to carry)::

    python tools/travel_size.py runs/train.rkpack runs/shared

It prints the sizes and exits 1 when the total is over the limit.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

LIMIT_BYTES = 64 * 2**20


def working_tree_bytes(repo: Path) -> int:
    """Bytes of the files that travel without being carried."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=repo,
        capture_output=True,
        check=True,
    ).stdout
    files = (repo / name for name in listed.decode().split("\0") if name)
    return sum(path.stat().st_size for path in files if path.is_file())


def carried_bytes(paths: list[Path]) -> int:
    """Bytes of the carried files and folders."""
    files = [p for path in paths for p in ([path] if path.is_file() else path.rglob("*"))]
    return sum(path.stat().st_size for path in files if path.is_file())


def main(argv: list[str]) -> int:
    repo = Path(__file__).resolve().parents[1]
    missing = [name for name in argv if not (repo / name).exists()]
    if missing:
        print(f"not here: {', '.join(missing)}")
        return 1
    tree = working_tree_bytes(repo)
    carried = carried_bytes([repo / name for name in argv])
    total = tree + carried
    print(
        f"working tree {tree / 2**20:.1f} MiB + carried {carried / 2**20:.1f} MiB = "
        f"{total / 2**20:.1f} MiB of {LIMIT_BYTES / 2**20:.0f}"
    )
    return 0 if total <= LIMIT_BYTES else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
