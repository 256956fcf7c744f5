"""A photo's progress within a tile follows the work its built-in network does, from the first
layer of the first tile: a time left worked out from it is not "a moment" at half way."""

import numpy as np
import pytest
import torch
from torch.utils.flop_counter import FlopCounterMode

import engine.restorer
from engine.chain import ModelChain
from engine.library.loading import load_model
from engine.paths import builtin_models_dir
from engine.progress import Progress, ProgressEvent
from engine.restorer import Restorer

CPU = torch.device("cpu")


def _model(name: str):
    return load_model(builtin_models_dir() / f"{name}.safetensors")


def _events(restorer: Restorer, side: tuple[int, ...]) -> list[ProgressEvent]:
    """The progress of enlarging a picture of ``side`` (height, width), or a stack of them
    (frames, height, width), as a film's frames are."""
    events: list[ProgressEvent] = []
    pixels = np.random.default_rng(0).integers(0, 256, (*side, 3), dtype=np.uint8)
    restorer.enlarge(pixels, progress=Progress(events.append))
    return events


def _flops_per_pixel(name: str) -> float:
    side = 64
    with FlopCounterMode(display=False) as counter, torch.inference_mode():
        _model(name).network(torch.rand(1, 3, side, side))
    return counter.get_total_flops() / side**2


@pytest.fixture(autouse=True)
def every_layer_reports(monkeypatch):
    monkeypatch.setattr(engine.restorer, "LAYER_REPORT_SECONDS", 0)


@pytest.mark.parametrize("side", [(64, 48), (3, 64, 48)], ids=["photo", "film frames"])
def test_the_first_tile_is_half_way_through_its_work_near_its_middle_layer(side):
    """The network calls its activation after nearly every convolution: counted as one layer
    each, the first tile looked all but done at once (0.94 of it half way through its calls).
    Half its calls do less than half its work: those after run at the enlarged size."""
    events = _events(Restorer(_model("restore-x4"), CPU, tile=32), side)
    fractions = [event.fraction for event in events]
    assert fractions == sorted(fractions) and fractions[-1] == pytest.approx(1.0)
    first_tile_end = next(i for i, event in enumerate(events) if event.unit == "pixel")
    first_tile = events[first_tile_end]
    within = events[:first_tile_end]
    assert within and all(event.unit == "layer" for event in within)
    half_way = within[len(within) // 2]
    assert 0.1 < half_way.done < 0.6
    assert 0.1 < half_way.fraction / first_tile.fraction < 0.6


def test_every_tile_is_measured_from_its_first_layer_alike():
    """The first tile is measured as the later ones are, not by a guess that they correct."""
    events = _events(Restorer(_model("restore-x4"), CPU, tile=32), (64, 48))
    tiles: list[list[float]] = [[]]
    for event in events:
        if event.unit == "pixel":
            tiles.append([])
        else:
            tiles[-1].append(event.done / event.total)
    assert len(tiles[:-1]) == 4 and not tiles[-1]
    assert all(shares == tiles[0] for shares in tiles[1:-1])


def test_a_chain_s_models_share_the_progress_by_their_work():
    """A 1x clean-up chained before a 4x model does far less work a pixel than it: it gets its
    share of the bar by that work, not by the pixels alone (half the bar)."""
    chain = ModelChain(_model("restore-x4"), before=(_model("cleanup-x1"),))
    events = _events(Restorer(chain, CPU, tile=4096), (32, 32))
    cleaned = next(event.fraction for event in events if event.unit == "pixel")
    cleanup, enlarge = _flops_per_pixel("cleanup-x1"), _flops_per_pixel("restore-x4")
    assert cleaned == pytest.approx(cleanup / (cleanup + enlarge), abs=0.03)
