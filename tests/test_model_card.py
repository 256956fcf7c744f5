"""resources/models/MODELS.md says what the built-in models measure: every row of its two
quality tables (clean photos, and photos with realistic damage) is measured again here the way
``bench/quality.py`` measures it (all of kodak24, the engine's tiled restore, Y channel,
``scale`` pixels of border cropped): closeness, sharpness and halos. A retrained model whose
card was not updated, or a card whose figures were not measured, fails."""

from __future__ import annotations

import pytest

from tests.conftest import VAL_DIR
from tools.card_rows import (
    CLEAN_HEADING,
    DAMAGE,
    ROWS,
    card_path,
    card_rows,
    measure,
    rewrite,
)
from training.evaluation import Scores

MINIMUM_GAIN_DB = {
    (CLEAN_HEADING, "faithful-x4"): 1.2,
    **{row: 0.5 for row in ROWS if row[0] == CLEAN_HEADING and row[1].startswith("restore")},
}
"""The issues' targets (faithful-x4 alone; every Restore model on clean photos: bicubic
+ 0.5 dB); every other row must at least beat bicubic."""


def _card_rows(heading: str) -> dict[str, list[float]]:
    return card_rows(card_path().read_text(encoding="utf-8"), heading)


def test_the_card_lists_every_measured_row():
    for heading in DAMAGE:
        assert {row for table, row in ROWS if table == heading} <= set(_card_rows(heading))


@pytest.mark.slow
@pytest.mark.parametrize("row", ROWS, ids=lambda key: f"{DAMAGE[key[0]]}: {key[1]}")
def test_the_card_gives_what_the_benchmark_measures(row):
    heading, name_in_card = row
    card = _card_rows(heading)[name_in_card]
    psnr, ssim, bicubic_psnr, bicubic_ssim, gain, detail_share, halo = card
    measured = measure(ROWS[row], DAMAGE[heading], VAL_DIR)
    assert measured.psnr == pytest.approx(psnr, abs=0.006)
    assert measured.ssim == pytest.approx(ssim, abs=0.00006)
    assert measured.bicubic_psnr == pytest.approx(bicubic_psnr, abs=0.006)
    assert measured.bicubic_ssim == pytest.approx(bicubic_ssim, abs=0.00006)
    assert gain == pytest.approx(psnr - bicubic_psnr, abs=0.011)
    assert measured.psnr - measured.bicubic_psnr >= MINIMUM_GAIN_DB.get(row, 0.0)
    assert measured.detail_share == pytest.approx(detail_share, abs=0.0006)
    assert measured.halo == pytest.approx(halo, abs=0.00006)


def test_written_rows_read_back_as_measured():
    """``tools/card_rows.py --write`` puts figures into the card that this test reads back:
    the rows named, with each bold gain kept bold, and nothing else changed."""
    card = card_path().read_text(encoding="utf-8")
    scores = Scores(
        psnr=27.5,
        ssim=0.75,
        bicubic_psnr=26.9,
        bicubic_ssim=0.71,
        halo=0.03,
        detail_share=0.42,
        bicubic_halo=0.0278,
        bicubic_detail_share=0.244,
    )
    row = (CLEAN_HEADING, "faithful-x4")
    written = rewrite(card, {row: scores})
    assert card_rows(written, CLEAN_HEADING)[row[1]] == [27.5, 0.75, 26.9, 0.71, 0.6, 0.42, 0.03]
    assert "| faithful-x4 | 27.500 | 0.7500 | 26.900 | 0.7100 | **+0.60 dB** |" in written
    changed = [a for a, b in zip(card.splitlines(), written.splitlines(), strict=True) if a != b]
    assert len(changed) == 1
