"""What the built-in models must never do to a picture (the x4 models at any detail strength,
the Restore model and the clean-up model): draw a checkerboard on a flat area, tint a
black-and-white photo, shift its tones, or ring around edges; what the detail slider must do:
add fine detail; and what the clean-up model must do: remove damage, leave clean photos be."""

import numpy as np
import pytest
import torch

from engine.library.loading import open_model
from engine.restorer import Restorer
from tests.conftest import SHARED_DATA
from training.evaluation import load_validation_set, score
from training.metrics import psnr_y

CLEAN_UP = "clean-up"
RESTORE = "restore-x4"
GAIN_DB = 0.7  # measured: +1.0 dB on these six photos (+1.64 dB on all of kodak24)
CLEAN_PSNR_DB = 38.0  # measured: 41.7 to 48.0 dB on these three
DETAIL_GAIN = 0.025  # measured: 0.378 of the originals' fine detail at 0, 0.416 at 1 (4 photos)
HALO_OVER_BICUBIC = 2.0  # measured: 0.51, 0.59 and 1.01 times bicubic's at 0, 0.5 and 1
MODELS = [0.0, 0.5, 1.0, CLEAN_UP, RESTORE]  # detail strengths of the x4 blend, the others
CPU = torch.device("cpu")


def _restorer(model: float | str) -> Restorer:
    if model == CLEAN_UP:
        return Restorer(open_model("cleanup-x1"), CPU)
    if model == RESTORE:
        return Restorer(open_model(RESTORE), CPU)
    return Restorer(open_model("default", detail=model), CPU)


@pytest.mark.parametrize("detail", MODELS)
def test_a_flat_area_stays_flat(detail):
    """No checkerboard: the transposed convolutions' four phases have equal gains. Checked in
    16 bits, where the models before balancing drew a grid of 47 levels (0.2 in 8 bits)."""
    restorer = _restorer(detail)
    colour = np.array([46400, 41000, 31300], np.uint16)
    out = restorer.enlarge(np.broadcast_to(colour, (120, 120, 3)).copy()).astype(np.float64)
    margin = restorer.model.descriptor.tile_context * restorer.scale  # the edge is not flat for it
    inner = out[margin:-margin, margin:-margin].reshape(-1, 3)
    assert inner.size and inner.std(axis=0).max() < 1.0  # no pattern at all
    assert np.abs(inner.mean(axis=0) - colour).max() < 257  # within one 8-bit level


@pytest.mark.parametrize("detail", MODELS)
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


def test_the_clean_up_model_removes_damage_and_leaves_clean_photos_be():
    """Kodak photos damaged by the recipe it was trained on (noise, grain, scratches, dust,
    JPEG) come out closer to the originals; the originals themselves come out nearly as
    they went in."""
    restorer = _restorer(CLEAN_UP)
    folder = SHARED_DATA / "val" / "kodak24"
    damaged = load_validation_set(folder, 1, 6, "cleanup")
    before = np.mean([psnr_y(p.blurry, p.sharp, 1) for p in damaged])
    after = np.mean([psnr_y(restorer.enlarge(p.blurry), p.sharp, 1) for p in damaged])
    assert after > before + GAIN_DB
    untouched = [psnr_y(restorer.enlarge(p.sharp), p.sharp, 1) for p in damaged[:3]]
    assert min(untouched) > CLEAN_PSNR_DB


def test_the_detail_slider_adds_fine_detail_without_ringing():
    """From faithful to detailed, each step keeps more of the originals' fine detail; the
    overshoot around edges (halos, ringing) stays below twice bicubic's own, and the faithful
    end overshoots less than bicubic does."""
    pairs = load_validation_set(SHARED_DATA / "val" / "kodak24", 4, 4)
    scores = [score(pairs, _restorer(detail).enlarge, 4)[0] for detail in (0.0, 0.5, 1.0)]
    shares = [s.detail_share for s in scores]
    assert shares == sorted(shares) and shares[2] > shares[0] + DETAIL_GAIN
    assert shares[0] > scores[0].bicubic_detail_share
    assert scores[0].halo < scores[0].bicubic_halo
    assert max(s.halo for s in scores) < HALO_OVER_BICUBIC * scores[0].bicubic_halo
