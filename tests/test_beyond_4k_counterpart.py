"""The 2x model a film beyond 4K is offered in place of a built-in 4x one
(``engine.library.blend.beyond_4k_counterpart``): one rule for the command line's note and
the app's offer."""

from __future__ import annotations

import pytest

from engine.library.blend import beyond_4k_counterpart, counterpart
from engine.library.descriptor import Origin


def test_a_built_in_4x_model_at_its_own_scale_gives_way_to_its_2x_counterpart():
    for key in ("restore-x4", "restore-detail-x4", "faithful-x4", "detail-x4"):
        offered = beyond_4k_counterpart(key, Origin.BUILT_IN, 4, None)
        assert offered == counterpart(key, 2) and offered is not None


@pytest.mark.parametrize(
    ("key", "origin", "scale", "scale_out"),
    [
        ("restore-x4", Origin.BUILT_IN, 4, 4),  # a scale asked for: a 2x model is no smaller
        ("restore-x4", Origin.BUILT_IN, 4, 2),
        ("restore-x4", Origin.IMPORTED, 4, None),  # a model of the person's, named like one of ours
        ("restore-x4", Origin.FILE, 4, None),
        ("restore-x2", Origin.BUILT_IN, 2, None),  # already 2x
        ("cleanup-x1", Origin.BUILT_IN, 1, None),
    ],
)
def test_no_counterpart_is_offered_otherwise(key, origin, scale, scale_out):
    assert beyond_4k_counterpart(key, origin, scale, scale_out) is None
