"""tools/travel_size.py: what a device call would send, counted as the device tool counts it
(tracked and untracked-not-ignored files, plus the carried paths)."""

import subprocess
from pathlib import Path

from tools.travel_size import LIMIT_BYTES, carried_bytes, main, working_tree_bytes

REPO = Path(__file__).resolve().parents[1]
CARRIED_BYTES = 43 * 2**20
"""runs/train.rkpack and runs/shared as tools/gpu_session.py's docstring makes them."""


def test_the_working_tree_counts_what_git_does_not_ignore_and_carried_folders_count_whole(
    tmp_path,
):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("runs/\n")  # 6 bytes
    (tmp_path / "tracked.txt").write_bytes(b"x" * 100)
    subprocess.run(["git", "add", "."], cwd=tmp_path, check=True)
    (tmp_path / "untracked.txt").write_bytes(b"x" * 10)
    (tmp_path / "runs" / "shared").mkdir(parents=True)
    (tmp_path / "runs" / "pack.bin").write_bytes(b"x" * 1000)
    (tmp_path / "runs" / "shared" / "a.png").write_bytes(b"x" * 7)
    assert working_tree_bytes(tmp_path) == 6 + 100 + 10
    assert carried_bytes([tmp_path / "runs" / "pack.bin", tmp_path / "runs" / "shared"]) == 1007


def test_this_repository_leaves_room_for_what_the_gpu_session_carries(capsys):
    """Beside the tree, the GPU session carries the training pack (39.3 MiB at
    ``--min-psnr 41``) and eight kodak24 photos (3.4 MiB): a tree that grows past the rest
    makes the call fail on the spot."""
    assert main([]) == 0
    assert "of 64" in capsys.readouterr().out
    assert LIMIT_BYTES - working_tree_bytes(REPO) > CARRIED_BYTES
