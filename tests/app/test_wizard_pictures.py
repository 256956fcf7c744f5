"""The wizard's sample pictures are drawn for the screen they are shown on."""

import numpy as np
import pytest

from app.wizard.pictures import pixmap


@pytest.mark.parametrize("ratio", [1.0, 1.5, 2.0])
def test_a_sample_is_drawn_from_as_many_pixels_as_the_screen_shows(qapp, ratio: float):
    """Seen before: on a 2x screen the samples, there to show sharpness, were 112-pixel
    pictures stretched to 224 device pixels."""
    crop = np.random.default_rng(0).integers(0, 256, (48, 48, 3), np.uint8)
    shown = pixmap(crop, 112, ratio)
    assert shown.width() == shown.height() == round(112 * ratio)
    assert shown.devicePixelRatio() == ratio
    assert shown.deviceIndependentSize().width() == pytest.approx(112)
