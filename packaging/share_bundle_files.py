"""Make the bundle's copies of the venv's large files (torch, CUDA, Qt: over 4 GiB) share
their disk blocks with the venv's originals, so that building the bundle and its .deb needs
room for the .deb and little more.

PyInstaller copies each library from site-packages into the bundle unchanged. Each venv file
whose bytes match its bundle copy is replaced by a hard link to that copy: the bundle keeps
its own file modes (PyInstaller marks libraries executable), and the venv's file keeps its
contents. Files on another file system, or that differ, are left as they are.

    python packaging/share_bundle_files.py dist/Rekindle/_internal [SITE_PACKAGES]
"""

from __future__ import annotations

import os
import sys
import sysconfig
from pathlib import Path

SMALLEST_SHARED_BYTES = 1 << 20
"""Smaller files save too little to be worth reading twice."""

_CHUNK_BYTES = 1 << 22


def _same_bytes(first: Path, second: Path) -> bool:
    with first.open("rb") as a, second.open("rb") as b:
        while True:
            chunk = a.read(_CHUNK_BYTES)
            if chunk != b.read(_CHUNK_BYTES):
                return False
            if not chunk:
                return True


def _link_in_place(target: Path, replaced: Path) -> None:
    """Replace ``replaced`` by a hard link to ``target`` in one step: a kill leaves the
    original or the link, never neither."""
    temporary = replaced.with_name(f".{replaced.name}.rekindle-link")
    temporary.unlink(missing_ok=True)
    os.link(target, temporary)
    os.replace(temporary, replaced)


def share_bundle_files(bundle: Path, site_packages: Path) -> int:
    """Link the venv's files to their identical bundle copies; return the bytes saved."""
    saved = 0
    for copy in sorted(bundle.rglob("*")):
        if copy.is_symlink() or not copy.is_file():
            continue
        original = site_packages / copy.relative_to(bundle)
        if original.is_symlink() or not original.is_file():
            continue
        copy_stat, original_stat = copy.stat(), original.stat()
        if (
            copy_stat.st_size < SMALLEST_SHARED_BYTES
            or copy_stat.st_size != original_stat.st_size
            or copy_stat.st_dev != original_stat.st_dev
            or copy_stat.st_ino == original_stat.st_ino
            or not _same_bytes(copy, original)
        ):
            continue
        _link_in_place(copy, original)
        saved += copy_stat.st_size
    return saved


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2):
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    bundle = Path(argv[0])
    site_packages = Path(argv[1] if len(argv) == 2 else sysconfig.get_paths()["purelib"])
    if not bundle.is_dir():
        print(f"error: {bundle} is not a folder", file=sys.stderr)
        return 2
    saved = share_bundle_files(bundle, site_packages)
    print(f"{saved / 2**30:.2f} GiB of the bundle shared with {site_packages}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
