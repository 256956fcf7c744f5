"""Progress moves within a tile, not only as tiles end: one tile of a large community model can
take minutes on a CPU, and a bar at 0% all that time looks stuck."""

from types import SimpleNamespace

import numpy as np
import pytest
import torch

import engine.restorer
from engine.library.loading import load_model
from engine.progress import Progress, ProgressEvent
from engine.restorer import Restorer

CPU = torch.device("cpu")


def _events(model_file, side: tuple[int, int], tile: int, ensemble: bool = False):
    events: list[ProgressEvent] = []
    pixels = np.random.default_rng(0).integers(0, 256, (*side, 3), dtype=np.uint8)
    restorer = Restorer(load_model(model_file), CPU, tile=tile)
    restorer.enlarge(pixels, progress=Progress(events.append), ensemble=ensemble)
    return events


@pytest.fixture
def every_layer_reports(monkeypatch):
    monkeypatch.setattr(engine.restorer, "LAYER_REPORT_SECONDS", 0)


@pytest.mark.usefixtures("every_layer_reports")
def test_a_single_tile_reports_how_far_through_its_layers_it_is(tiny_model_file):
    events = _events(tiny_model_file, (20, 28), tile=4096)
    within = [event.fraction for event in events if event.unit == "layer"]
    assert within and all(0 <= fraction < 1 for fraction in within)
    assert len(set(within)) > 1
    fractions = [event.fraction for event in events]
    assert fractions == sorted(fractions) and fractions[-1] == pytest.approx(1.0)


@pytest.mark.usefixtures("every_layer_reports")
@pytest.mark.parametrize("ensemble", [False, True])
def test_every_tile_is_measured_by_the_layer_calls_of_its_runs(tiny_model_file, ensemble):
    """Each tile's layer calls (eight runs of the network for the ensemble) are its measure,
    known from its first call: its last layer brings it next to its end, the ensemble's first
    run is an eighth of it."""
    events = _events(tiny_model_file, (32, 32), tile=16, ensemble=ensemble)
    fractions = [event.fraction for event in events]
    assert fractions == sorted(fractions) and fractions[-1] == pytest.approx(1.0)
    tile_ends = [i for i, event in enumerate(events) if event.unit == "pixel"]
    assert len(tile_ends) == 4
    calls = tile_ends[0]
    runs = engine.restorer.ORIENTATIONS if ensemble else 1
    for end in tile_ends:
        first_layer, last_layer = events[end - calls], events[end - 1]
        assert first_layer.done == 0 and 1 - 1 / runs < last_layer.done < 1
        second_run = events[end - calls + calls // runs] if ensemble else None
        assert second_run is None or second_run.done == pytest.approx(1 / runs)


def test_fast_tiles_report_only_as_they_end(tiny_model_file, monkeypatch):
    """Reports within a tile come at most every LAYER_REPORT_SECONDS: a clock that stands
    still stands for tiles faster than that."""
    monkeypatch.setattr(engine.restorer, "time", SimpleNamespace(monotonic=lambda: 0.0))
    events = _events(tiny_model_file, (32, 32), tile=16)
    assert [event.unit for event in events] == ["pixel"] * 4
