"""What the built-in x4 models must never do to a picture, at any detail strength: draw a
checkerboard on a flat area, tint a black-and-white photo, or shift its tones."""

import numpy as np
import pytest
import torch

from engine.models import open_model
from engine.restorer import Restorer
from tests.conftest import SHARED_DATA

STRENGTHS = [0.0, 0.5, 1.0]
CPU = torch.device("cpu")


def _restorer(detail: float) -> Restorer:
    return Restorer(open_model("default", detail=detail), CPU)


@pytest.mark.parametrize("detail", STRENGTHS)
def test_a_flat_area_stays_flat(detail):
    """No checkerboard: the transposed convolutions' four phases have equal gains. Checked in
    16 bits, where the models before balancing drew a grid of 47 levels (0.2 in 8 bits)."""
    restorer = _restorer(detail)
    colour = np.array([46400, 41000, 31300], np.uint16)
    out = restorer.enlarge(np.broadcast_to(colour, (120, 120, 3)).copy()).astype(np.float64)
    margin = restorer.model.info.tile_context * 4  # the picture's edge is not flat for it
    inner = out[margin:-margin, margin:-margin].reshape(-1, 3)
    assert inner.size and inner.std(axis=0).max() < 1.0  # no pattern at all
    assert np.abs(inner.mean(axis=0) - colour).max() < 257  # within one 8-bit level


@pytest.mark.parametrize("detail", STRENGTHS)
def test_a_black_and_white_picture_stays_grey_with_its_tones(detail):
    """On the 1906 film (real, monochrome) the result has no colour and keeps its brightness."""
    import av

    with av.open(str(SHARED_DATA / "video" / "market_street_1906_60f.mp4")) as film:
        frame = next(film.decode(video=0)).to_ndarray(format="rgb24")
    grey = frame[120:216, 160:256]
    out = _restorer(detail).enlarge(grey).astype(np.float64)
    tint = np.abs(out[..., 0] - out[..., 1]).mean() + np.abs(out[..., 2] - out[..., 1]).mean()
    assert tint < 1.5  # levels of 255; the old-photo variant tinted this film by about 11
    assert abs(out.mean() - grey.mean()) < 2.0
