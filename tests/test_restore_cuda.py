"""Restoring on an NVIDIA GPU for real: the built-in models give the CPU's pictures in fp32 and
nearly the same PSNR in half precision, tiles equal the whole picture, a tile that runs out of
memory is halved, Cancel stops within a tile, a model without half support runs in fp32, and
a film goes through with its sound.

Skipped where CUDA is absent; run on a GPU machine with ``pytest -m cuda``
(``tools/gpu_session.py`` does, with the eight kodak24 photos it carries). The film test
needs PyAV, which the GPU machine lacks: carry its wheel (about 30 MB) in a call that does not
also carry the training pack."""

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import torch

from engine.errors import Cancelled
from engine.library.catalog import BUILT_IN_ORDER
from engine.library.loading import open_model
from engine.progress import CancelToken, Progress, ProgressEvent
from engine.restorer import Restorer
from tests.conftest import VAL_DIR, photo_path
from training.evaluation import load_validation_set, score

pytestmark = [
    pytest.mark.cuda,
    pytest.mark.skipif(not torch.cuda.is_available(), reason="needs an NVIDIA GPU with CUDA"),
]

CUDA, CPU = torch.device("cuda"), torch.device("cpu")
BUILT_IN = list(BUILT_IN_ORDER)
FP32_LEVELS = 1  # TF32 convolutions and another summation order: at most one 8-bit level
HALF_PSNR_DB = 0.05  # the bound for half precision on kodak24
OOM_BUDGET_BYTES = 2 * 2**30  # the memory one process may take in the out-of-memory test


def _photo(side: int = 160) -> np.ndarray:
    import cv2

    image = cv2.cvtColor(cv2.imread(str(photo_path(5))), cv2.COLOR_BGR2RGB)
    return np.ascontiguousarray(image[:side, : side + side // 2])


def _fp32(name: str):
    """The model as one that cannot run in half precision (as some community models)."""
    model = open_model(name)
    return replace(model, descriptor=replace(model.descriptor, supports_half=False))


@pytest.mark.parametrize("name", BUILT_IN)
def test_fp32_on_the_gpu_gives_the_cpu_picture(name):
    photo = _photo()
    gpu = Restorer(_fp32(name), CUDA)
    assert not gpu.half  # the path a model without half support takes
    on_gpu = gpu.enlarge(photo).astype(np.int16)
    on_cpu = Restorer(open_model(name), CPU).enlarge(photo).astype(np.int16)
    assert np.abs(on_gpu - on_cpu).max() <= FP32_LEVELS


@pytest.mark.parametrize("name", ["faithful-x4", "restore-x4", "faithful-x2", "restore-x2"])
def test_half_precision_costs_under_a_twentieth_of_a_decibel_on_kodak24(name):
    half = Restorer(open_model(name), CUDA)
    assert half.half
    scale = half.scale
    pairs = load_validation_set(VAL_DIR, scale)
    full = score(pairs, Restorer(_fp32(name), CUDA).enlarge, scale)[0].psnr
    assert abs(score(pairs, half.enlarge, scale)[0].psnr - full) <= HALF_PSNR_DB


def test_tiles_give_the_whole_picture_on_the_gpu():
    photo = _photo(256)
    model = open_model("restore-x4")
    whole = Restorer(model, CUDA, tile=4096).enlarge(photo).astype(np.int16)
    tiled = Restorer(model, CUDA, tile=64).enlarge(photo).astype(np.int16)
    assert np.abs(whole - tiled).max() <= FP32_LEVELS


def test_a_tile_that_runs_out_of_memory_is_halved_and_the_work_goes_on():
    photo = np.ascontiguousarray(np.tile(_photo(256), (6, 4, 1)))  # 1536 x 2304
    model = open_model("faithful-x4")
    expected = Restorer(model, CUDA, tile=256).enlarge(photo).astype(np.int16)
    torch.cuda.empty_cache()
    total = torch.cuda.get_device_properties(0).total_memory
    torch.cuda.set_per_process_memory_fraction(OOM_BUDGET_BYTES / total)
    try:
        squeezed = Restorer(model, CUDA, tile=4096).enlarge(photo).astype(np.int16)
    finally:
        torch.cuda.set_per_process_memory_fraction(1.0)
        torch.cuda.empty_cache()
    assert np.abs(squeezed - expected).max() <= FP32_LEVELS


def test_cancel_stops_within_a_tile():
    token = CancelToken()
    updates: list[float] = []

    def listen(event: ProgressEvent) -> None:
        updates.append(event.fraction)
        if len(updates) == 2:
            token.cancel()

    restorer = Restorer(open_model("restore-x4"), CUDA, tile=32)
    with pytest.raises(Cancelled):
        restorer.enlarge(_photo(256), progress=Progress(listen, token))
    assert len(updates) <= 3 and updates[-1] < 0.5


def test_a_film_is_restored_on_the_gpu_with_its_sound(tmp_path: Path):
    pytest.importorskip("av", reason="PyAV is not on the GPU machine: carry its wheel")
    from engine.cli import main as engine_main
    from tests.video_helpers import make_clip, stream_packets

    film = make_clip(tmp_path / "in.mp4", frames=12, size=(96, 64))
    out = tmp_path / "out.mkv"
    status = engine_main(
        ["restore-video", str(film), "-o", str(out), "--model", "faithful-x2",
         "--device", "cuda", "--codec", "ffv1"]
    )  # fmt: skip
    assert status == 0
    assert len(stream_packets(out, "video")[0]) == 12
    assert stream_packets(out, "audio")  # the sound came along
