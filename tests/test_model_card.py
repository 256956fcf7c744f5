"""resources/models/MODELS.md says what the built-in models measure: every row of its two
quality tables (clean photos, and photos with realistic damage) is measured again here the way
``bench/quality.py`` measures it (all of kodak24, the engine's tiled restore, Y channel,
``scale`` pixels of border cropped): closeness, sharpness and halos. A retrained model whose
card was not updated, or a card whose figures were not measured, fails."""

from __future__ import annotations

import re
from functools import cache

import pytest
import torch

from engine.chain import ModelRequest
from engine.paths import resources_dir
from engine.restorer import Restorer
from tests.conftest import VAL_DIR
from training.evaluation import load_validation_set, score

CLEAN_HEADING = "## Quality on ../shared/data/val (kodak24, 24 photos)"
DAMAGED_HEADING = "## Quality on realistic damage (kodak24 through training.damage)"
ROWS = {
    (CLEAN_HEADING, "faithful-x4"): ModelRequest("faithful-x4"),
    (CLEAN_HEADING, "faithful-x4 at detail 0.5 (blend)"): ModelRequest("faithful-x4", 0.5),
    (CLEAN_HEADING, "detail-x4 (detail 1.0)"): ModelRequest("detail-x4"),
    (CLEAN_HEADING, "faithful-x2"): ModelRequest("faithful-x2"),
    (CLEAN_HEADING, "restore-x4"): ModelRequest("restore-x4"),
    (CLEAN_HEADING, "restore-x4 at detail 0.5 (blend)"): ModelRequest("restore-x4", 0.5),
    (CLEAN_HEADING, "restore-x4 at repair 0.8 (blend)"): ModelRequest("restore-x4", repair=0.8),
    (CLEAN_HEADING, "restore-x4 at repair 0.6 (blend)"): ModelRequest("restore-x4", repair=0.6),
    (CLEAN_HEADING, "restore-detail-x4 (detail 1.0)"): ModelRequest("restore-detail-x4"),
    (CLEAN_HEADING, "restore-x2"): ModelRequest("restore-x2"),
    (CLEAN_HEADING, "restore-x2 at repair 0.6 (blend)"): ModelRequest("restore-x2", repair=0.6),
    (DAMAGED_HEADING, "restore-x4"): ModelRequest("restore-x4"),
    (DAMAGED_HEADING, "restore-x4 at detail 0.5 (blend)"): ModelRequest("restore-x4", 0.5),
    (DAMAGED_HEADING, "restore-x4 at repair 0.8 (blend)"): ModelRequest("restore-x4", repair=0.8),
    (DAMAGED_HEADING, "restore-x4 at repair 0.6 (blend)"): ModelRequest("restore-x4", repair=0.6),
    (DAMAGED_HEADING, "restore-detail-x4 (detail 1.0)"): ModelRequest("restore-detail-x4"),
    (DAMAGED_HEADING, "cleanup-x1 -> restore-x4"): ModelRequest(
        "restore-x4", before=("cleanup-x1",)
    ),
    (DAMAGED_HEADING, "restore-x2"): ModelRequest("restore-x2"),
    (DAMAGED_HEADING, "restore-x2 at repair 0.6 (blend)"): ModelRequest("restore-x2", repair=0.6),
    (DAMAGED_HEADING, "faithful-x4"): ModelRequest("faithful-x4"),
    (DAMAGED_HEADING, "cleanup-x1 -> faithful-x4"): ModelRequest(
        "faithful-x4", before=("cleanup-x1",)
    ),
    (DAMAGED_HEADING, "detail-x4 (detail 1.0)"): ModelRequest("detail-x4"),
    (DAMAGED_HEADING, "faithful-x2"): ModelRequest("faithful-x2"),
}
"""(table, the card's row name) -> the chain measured. Extra care's row is not measured here:
it takes eight times the time (tests/test_restorer.py checks what the ensemble computes)."""
DAMAGE = {CLEAN_HEADING: "none", DAMAGED_HEADING: "real"}
MINIMUM_GAIN_DB = {
    (CLEAN_HEADING, "faithful-x4"): 1.2,
    **{row: 0.5 for row in ROWS if row[0] == CLEAN_HEADING and row[1].startswith("restore")},
}
"""The issues' targets (faithful-x4 alone; every Restore model on clean photos: bicubic
+ 0.5 dB); every other row must at least beat bicubic."""


def _card() -> str:
    return (resources_dir() / "models" / "MODELS.md").read_text(encoding="utf-8")


@cache
def _photos(scale: int, damage: str):
    return load_validation_set(VAL_DIR, scale, degrade=damage)


def _measure(chain, damage: str):
    """What bench/quality.py measures for ``chain`` on all of kodak24."""
    restorer = Restorer(chain, torch.device("cpu"))
    scale = chain.model.descriptor.scale
    return score(_photos(scale, damage), restorer.enlarge, scale)[0]


def _card_rows(heading: str) -> dict[str, list[float]]:
    """The numbers of a quality table's rows: PSNR, SSIM, bicubic PSNR, bicubic SSIM, gain,
    fine detail kept, halo."""
    after = _card().split(heading, 1)[1].splitlines()
    start = next(i for i, line in enumerate(after) if line.startswith("|"))
    table = after[start : next(i for i in range(start, len(after)) if not after[i].strip())]
    rows = {}
    for line in table[2:]:  # past the header and its rule
        name, *cells = (cell.strip() for cell in line.strip("|").split("|"))
        rows[name] = [float(re.sub(r"[^\d.+-]", "", cell)) for cell in cells]
    return rows


def test_the_card_lists_every_measured_row():
    for heading in DAMAGE:
        assert {row for table, row in ROWS if table == heading} <= set(_card_rows(heading))


@pytest.mark.slow
@pytest.mark.parametrize("row", ROWS, ids=lambda key: f"{DAMAGE[key[0]]}: {key[1]}")
def test_the_card_gives_what_the_benchmark_measures(row):
    heading, name_in_card = row
    card = _card_rows(heading)[name_in_card]
    psnr, ssim, bicubic_psnr, bicubic_ssim, gain, detail_share, halo = card
    measured = _measure(ROWS[row].load(), DAMAGE[heading])
    assert measured.psnr == pytest.approx(psnr, abs=0.006)
    assert measured.ssim == pytest.approx(ssim, abs=0.00006)
    assert measured.bicubic_psnr == pytest.approx(bicubic_psnr, abs=0.006)
    assert measured.bicubic_ssim == pytest.approx(bicubic_ssim, abs=0.00006)
    assert gain == pytest.approx(psnr - bicubic_psnr, abs=0.011)
    assert measured.psnr - measured.bicubic_psnr >= MINIMUM_GAIN_DB.get(row, 0.0)
    assert measured.detail_share == pytest.approx(detail_share, abs=0.0006)
    assert measured.halo == pytest.approx(halo, abs=0.00006)
