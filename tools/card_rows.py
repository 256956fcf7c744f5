"""The measured rows of resources/models/MODELS.md's two quality tables (clean kodak24, and
kodak24 through the model of real damage), measured as ``bench/quality.py`` measures them.

``tests/test_model_card.py`` measures every row again and compares it with the card. After a
model is retrained (a GPU session's files, say), this prints the rows as they measure now,
or with ``--write`` puts the new figures into the card's rows in place (the prose around them
is still to be written by hand)::

    .venv/bin/python tools/card_rows.py --hr-dir ../shared/data/val/kodak24 [--write]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import torch  # noqa: E402

from engine.atomic import write_bytes_atomically  # noqa: E402
from engine.chain import ModelRequest  # noqa: E402
from engine.paths import resources_dir  # noqa: E402
from engine.restorer import Restorer  # noqa: E402
from training.evaluation import Scores, ValidationPair, load_validation_set, score  # noqa: E402

CLEAN_HEADING = "## Quality on ../shared/data/val (kodak24, 24 photos)"
DAMAGED_HEADING = "## Quality on realistic damage (kodak24 through training.damage)"
DAMAGE = {CLEAN_HEADING: "none", DAMAGED_HEADING: "real"}
"""Each table's damage, as ``bench/quality.py --degrade`` names it."""
ROWS = {
    (CLEAN_HEADING, "faithful-x4"): ModelRequest("faithful-x4"),
    (CLEAN_HEADING, "faithful-x4 at detail 0.5 (blend)"): ModelRequest("faithful-x4", 0.5),
    (CLEAN_HEADING, "detail-x4 (detail 1.0)"): ModelRequest("detail-x4"),
    (CLEAN_HEADING, "faithful-x2"): ModelRequest("faithful-x2"),
    (CLEAN_HEADING, "restore-x4"): ModelRequest("restore-x4"),
    (CLEAN_HEADING, "restore-x4 at detail 0.5 (blend)"): ModelRequest("restore-x4", 0.5),
    (CLEAN_HEADING, "restore-x4 at repair 0.75 (the default)"): ModelRequest(
        "restore-x4", repair=0.75
    ),
    (CLEAN_HEADING, "restore-x4 at repair 0.6 (blend)"): ModelRequest("restore-x4", repair=0.6),
    (CLEAN_HEADING, "restore-detail-x4 (detail 1.0)"): ModelRequest("restore-detail-x4"),
    (CLEAN_HEADING, "restore-x2"): ModelRequest("restore-x2"),
    (CLEAN_HEADING, "restore-x2 at repair 0.75 (the default)"): ModelRequest(
        "restore-x2", repair=0.75
    ),
    (CLEAN_HEADING, "restore-x2 at repair 0.6 (blend)"): ModelRequest("restore-x2", repair=0.6),
    (DAMAGED_HEADING, "restore-x4"): ModelRequest("restore-x4"),
    (DAMAGED_HEADING, "restore-x4 at detail 0.5 (blend)"): ModelRequest("restore-x4", 0.5),
    (DAMAGED_HEADING, "restore-x4 at repair 0.75 (the default)"): ModelRequest(
        "restore-x4", repair=0.75
    ),
    (DAMAGED_HEADING, "restore-x4 at repair 0.6 (blend)"): ModelRequest("restore-x4", repair=0.6),
    (DAMAGED_HEADING, "restore-detail-x4 (detail 1.0)"): ModelRequest("restore-detail-x4"),
    (DAMAGED_HEADING, "cleanup-x1 -> restore-x4"): ModelRequest(
        "restore-x4", before=("cleanup-x1",)
    ),
    (DAMAGED_HEADING, "restore-x2"): ModelRequest("restore-x2"),
    (DAMAGED_HEADING, "restore-x2 at repair 0.75 (the default)"): ModelRequest(
        "restore-x2", repair=0.75
    ),
    (DAMAGED_HEADING, "restore-x2 at repair 0.6 (blend)"): ModelRequest("restore-x2", repair=0.6),
    (DAMAGED_HEADING, "faithful-x4"): ModelRequest("faithful-x4"),
    (DAMAGED_HEADING, "cleanup-x1 -> faithful-x4"): ModelRequest(
        "faithful-x4", before=("cleanup-x1",)
    ),
    (DAMAGED_HEADING, "detail-x4 (detail 1.0)"): ModelRequest("detail-x4"),
    (DAMAGED_HEADING, "faithful-x2"): ModelRequest("faithful-x2"),
}
"""(table, the card's row name) -> the chain measured. Extra care's row is not measured: it
takes eight times the time (tests/test_restorer.py checks what the ensemble computes)."""


def card_path() -> Path:
    return resources_dir() / "models" / "MODELS.md"


@cache
def _photos(hr_dir: Path, scale: int, damage: str) -> list[ValidationPair]:
    return load_validation_set(hr_dir, scale, degrade=damage)


def measure(request: ModelRequest, damage: str, hr_dir: Path) -> Scores:
    """What ``bench/quality.py`` measures for ``request``'s chain on all of ``hr_dir``."""
    chain = request.load()
    restorer = Restorer(chain, torch.device("cpu"))
    scale = chain.model.descriptor.scale
    return score(_photos(hr_dir, scale, damage), restorer.enlarge, scale)[0]


def _table_lines(card: str, heading: str) -> Iterator[tuple[int, str]]:
    """The index and text of each body row of the table under ``heading``."""
    lines = card.splitlines()
    start = next(i for i in range(lines.index(heading), len(lines)) if lines[i].startswith("|"))
    for index in range(start + 2, len(lines)):  # past the header and its rule
        if not lines[index].startswith("|"):
            return
        yield index, lines[index]


def card_rows(card: str, heading: str) -> dict[str, list[float]]:
    """The numbers of a quality table's rows: PSNR, SSIM, bicubic PSNR, bicubic SSIM, gain,
    fine detail kept, halo."""
    rows = {}
    for _index, line in _table_lines(card, heading):
        name, *cells = (cell.strip() for cell in line.strip("|").split("|"))
        rows[name] = [float(re.sub(r"[^\d.+-]", "", cell)) for cell in cells]
    return rows


def row_line(name: str, scores: Scores, bold_gain: bool = False) -> str:
    """A card row with these scores (the gain in bold where the card marks it)."""
    gain = f"{scores.psnr - scores.bicubic_psnr:+.2f} dB"
    cells = [
        name,
        f"{scores.psnr:.3f}",
        f"{scores.ssim:.4f}",
        f"{scores.bicubic_psnr:.3f}",
        f"{scores.bicubic_ssim:.4f}",
        f"**{gain}**" if bold_gain else gain,
        f"{scores.detail_share:.3f}",
        f"{scores.halo:.4f}",
    ]
    return "| " + " | ".join(cells) + " |"


def rewrite(card: str, measured: dict[tuple[str, str], Scores]) -> str:
    """``card`` with the measured rows' figures replaced (each row's bold gain kept bold)."""
    lines = card.splitlines()
    for heading in DAMAGE:
        for index, line in _table_lines(card, heading):
            name = line.strip("|").split("|")[0].strip()
            if (heading, name) in measured:
                lines[index] = row_line(name, measured[(heading, name)], "**" in line)
    return "\n".join(lines) + ("\n" if card.endswith("\n") else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--hr-dir", type=Path, required=True, help="kodak24's sharp photos")
    parser.add_argument("--only", default="", help="only the rows whose name holds this")
    parser.add_argument("--write", action="store_true", help="put the figures into the card")
    args = parser.parse_args(argv)
    measured = {}
    for (heading, name), request in ROWS.items():
        if args.only in name:
            measured[(heading, name)] = scores = measure(request, DAMAGE[heading], args.hr_dir)
            print(f"{DAMAGE[heading]:>4}  {row_line(name, scores)}", flush=True)
    if args.write:
        path = card_path()
        text = rewrite(path.read_text(encoding="utf-8"), measured)
        write_bytes_atomically(path, text.encode("utf-8"))
        print(f"{len(measured)} rows written into {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
