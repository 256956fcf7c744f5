"""Inference speed and memory of the built-in model, beside RRDBNet and SRVGGNetCompact.

Run: ``python bench/inference.py --json``. Prints one JSON object; nothing is asserted.
``--tile-sweep 384 512 768`` adds, for each tile side, the speed on a larger photo and the
peak memory of restoring a 3000x2000 one: what the CPU's automatic tile is chosen by.
``--shapes 32/2/2/16 64/2/2/32`` adds untrained U-Nets of those width/depth/convs/up_width at
the model's scale (speed does not depend on the weights): what a wider built-in model would
cost per output megapixel, beside SRVGGNetCompact in the same run.
``--memory-scales 1 2 4`` adds the peak memory of restoring the 3000x2000 photo at each output
scale, beside the size of the output itself: what a smaller output saves.
``--frames 1920x1080 1280x720 --device cuda`` times film frames of those sizes instead, on
that device: frames per second through the Restorer, batched as a film is, in the precision
the app uses there (half on CUDA), beside one batch's upload, network and download apart, and
the device's peak memory; ``--device cpu`` gives the same figures on this CPU. ``--model
restore-x2 --frames 1920x1080`` is 2K to 4K; ``--model restore-x4 --frames 960x540`` is 4K.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

import numpy as np
import project_path  # the checkout first on sys.path: see there
import torch
from torch.utils.flop_counter import FlopCounterMode

# isort: split

from engine.devices import cuda_hardware, memory_format, pick_device
from engine.library.loading import open_model
from engine.networks import UNetGenerator
from engine.pixels import stack_from_tensor
from engine.restorer import Restorer, auto_tile
from engine.tiling import TileGeometry, upscale_tiled
from engine.video.restore import auto_batch

WHOLE_SIDE = (192, 128)  # input width, height for the whole-image timing (all networks)
TILED_SIDE = (768, 512)  # input for whole-versus-tiled timing of the built-in model
SWEEP_SIDE = (1500, 1000)  # input for the tile sweep: many tiles, as a real scan has
MEMORY_SIDE = (3000, 2000)  # input whose restoration's peak memory is measured
REPEATS = 5
APP_LAYOUT = memory_format(torch.device("cpu"))


def _runner(network: torch.nn.Module, layout: torch.memory_format):
    """Run ``network`` the way the Restorer does on this CPU: in ``layout``."""
    network.to(memory_format=layout)

    def run(tensor: torch.Tensor) -> torch.Tensor:
        with torch.inference_mode():
            return network(tensor.contiguous(memory_format=layout))

    return run


def seconds_per_output_mp(
    network: torch.nn.Module,
    scale: int,
    geometry: TileGeometry | None,
    size: tuple[int, int],
    repeats: int,
    layout: torch.memory_format = APP_LAYOUT,
) -> float:
    """Median seconds per output megapixel through the tiler (one tile when ``geometry`` is
    None), from uint8 pixels to uint8 pixels."""
    width, height = size
    image = np.random.default_rng(0).integers(0, 256, (height, width, 3), dtype=np.uint8)
    geometry = geometry or TileGeometry(scale, 10**6, 0, 4)
    run = _runner(network, layout)
    upscale_tiled(run, image, geometry)  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        upscale_tiled(run, image, geometry)
        times.append(time.perf_counter() - start)
    return statistics.median(times) / (width * height * scale * scale / 1e6)


def gflops_per_output_mp(network: torch.nn.Module, scale: int) -> float:
    side = 64
    counter = FlopCounterMode(display=False)
    with counter, torch.inference_mode():
        network(torch.rand(1, 3, side, side))
    return counter.get_total_flops() / 1e9 / (side * side * scale * scale / 1e6)


def matmul_gflops(size: int = 1024, repeats: int = 10) -> float:
    a, b = torch.rand(size, size), torch.rand(size, size)
    a @ b
    start = time.perf_counter()
    for _ in range(repeats):
        a @ b
    return 2 * size**3 * repeats / (time.perf_counter() - start) / 1e9


def peak_rss_mb(
    model: str, width: int, height: int, tile: int = 0, scale_out: int | None = None
) -> float:
    """Peak resident memory of a fresh process restoring a ``width`` x ``height`` photo
    (``tile`` 0: the automatic tile) at ``scale_out`` (None: the model's scale)."""
    code = (
        f"import numpy as np, torch, sys; sys.path.insert(0, {str(project_path.ROOT)!r});"
        "from engine.library.loading import open_model; from engine.restorer import Restorer;"
        f"r = Restorer(open_model({model!r}), torch.device('cpu'), tile={tile});"
        f"r.enlarge(np.zeros(({height}, {width}, 3), np.uint8) + 128, {scale_out})"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            code + "; import resource;print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout.split()[-1]) / 1024


def tile_sweep(model: str, tiles: list[int], repeats: int) -> dict[str, dict[str, float]]:
    """Seconds per output MP on a ``SWEEP_SIDE`` photo and peak memory for a ``MEMORY_SIDE``
    one, for each tile side: larger tiles spend less on the context around each tile."""
    loaded = open_model(model)
    info = loaded.descriptor
    sweep = {}
    for tile in tiles:
        geometry = TileGeometry(info.scale, tile, info.tile_context, info.size_multiple)
        seconds = seconds_per_output_mp(
            loaded.network, info.scale, geometry, SWEEP_SIDE, max(1, repeats // 2)
        )
        sweep[str(tile)] = {
            f"tiled_{SWEEP_SIDE[0]}x{SWEEP_SIDE[1]}_seconds_per_output_mp": round(seconds, 4),
            f"peak_rss_mb_{MEMORY_SIDE[0]}x{MEMORY_SIDE[1]}": round(
                peak_rss_mb(model, *MEMORY_SIDE, tile), 1
            ),
        }
    return sweep


def memory_by_scale(model: str, scales: list[int]) -> dict[str, dict[str, float]]:
    """Peak memory of restoring a ``MEMORY_SIDE`` photo at each output scale, and the size of
    its output: the difference is the model, the tiles and what the process itself takes."""
    width, height = MEMORY_SIDE
    return {
        str(scale): {
            "peak_rss_mb": round(peak_rss_mb(model, width, height, scale_out=scale), 1),
            "output_mb": round(width * height * 3 * scale**2 / 2**20, 1),
        }
        for scale in scales
    }


def _synchronised(device: torch.device) -> float:
    """The time once ``device`` has finished what it was given."""
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    return time.perf_counter()


def _timed(device: torch.device, work: Callable[[], object], repeats: int) -> float:
    """Median seconds of ``work()`` on ``device``, after one warm-up (cuDNN picks its kernels)."""
    work()
    times = []
    for _ in range(repeats):
        start = _synchronised(device)
        work()
        times.append(_synchronised(device) - start)
    return statistics.median(times)


def frame_rates(
    model: str, device: torch.device, sizes: list[str], repeats: int, tile: int
) -> dict[str, object]:
    """Film frames of each ``WIDTHxHEIGHT`` in ``sizes`` through the Restorer on ``device``:
    see ``frame_figures``."""
    restorer = Restorer(open_model(model), device, tile)
    figures: dict[str, object] = {
        "device": str(device),
        "hardware": cuda_hardware() if device.type == "cuda" else "CPU",
        "model": restorer.model.descriptor.name,
        "half_precision": restorer.half,
        "tile": restorer.tile,
    }
    for size in sizes:
        width, height = (int(side) for side in size.lower().split("x"))
        figures[size] = frame_figures(restorer, width, height, repeats)
    return figures


def frame_figures(restorer: Restorer, width: int, height: int, repeats: int) -> dict[str, object]:
    """Frames per second of ``width`` x ``height`` frames in batches of the film path's size,
    and one batch's upload (bytes to the device), network (untiled, in the app's precision)
    and download (packed to bytes there) apart, with the device's peak memory."""
    device = restorer.device
    batch = auto_batch(restorer, width, height)
    frames = np.random.default_rng(0).integers(0, 256, (batch, height, width, 3), np.uint8)
    if device.type == "cuda":
        torch.cuda.reset_peak_memory_stats(device)
    whole = _timed(device, lambda: restorer.enlarge(frames), repeats)
    peak = torch.cuda.max_memory_allocated(device) / 2**30 if device.type == "cuda" else None
    floats = torch.from_numpy(frames).permute(0, 3, 1, 2).to(device).float() / 255
    result = restorer.network_pass(floats)
    stages = {
        "upload": _timed(device, lambda: torch.from_numpy(frames).to(device), repeats),
        "network": _timed(device, lambda: restorer.network_pass(floats), repeats),
        "download": _timed(device, lambda: stack_from_tensor(result, np.uint8), repeats),
    }
    return {
        "output": f"{width * restorer.scale}x{height * restorer.scale}",
        "batch": batch,
        "frames_per_second": round(batch / whole, 2),
        "network_alone_frames_per_second": round(batch / stages["network"], 2),
        "seconds_per_batch": round(whole, 4),
        "stage_seconds_per_batch": {name: round(value, 4) for name, value in stages.items()},
        "peak_device_memory_gib": None if peak is None else round(peak, 2),
    }


def reference_networks() -> dict[str, tuple[torch.nn.Module, int]]:
    from spandrel.architectures.Compact.__arch.SRVGG import SRVGGNetCompact
    from spandrel.architectures.ESRGAN.__arch.RRDB import RRDBNet

    return {
        "RRDBNet (ESRGAN x4plus)": (RRDBNet(num_filters=64, num_blocks=23, scale=4), 4),
        "SRVGGNetCompact (general-x4v3)": (
            SRVGGNetCompact(num_feat=64, num_conv=32, upscale=4, act_type="prelu"),
            4,
        ),
    }


def candidate(shape: str, scale: int) -> torch.nn.Module:
    """An untrained U-Net of ``shape`` ("width/depth/convs/up_width") at ``scale``."""
    width, depth, convs, up_width = (int(part) for part in shape.split("/"))
    return UNetGenerator(scale, width, depth, convs, up_width)


def measure(network: torch.nn.Module, scale: int, repeats: int) -> dict[str, float]:
    network.eval()
    return {
        "seconds_per_output_mp": round(
            seconds_per_output_mp(network, scale, None, WHOLE_SIDE, repeats), 4
        ),
        "parameters": sum(p.numel() for p in network.parameters()),
        "gflops_per_output_mp": round(gflops_per_output_mp(network, scale), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true", help="print JSON (the only output)")
    parser.add_argument("--model", default="default")
    parser.add_argument("--repeats", type=int, default=REPEATS)
    parser.add_argument("--tile", type=int, default=0, help="tile side (0 = the app's auto)")
    parser.add_argument("--no-reference", action="store_true", help="skip RRDBNet and SRVGG")
    parser.add_argument(
        "--tile-sweep",
        type=int,
        nargs="+",
        default=[],
        metavar="SIDE",
        help="also time these tile sides on a larger photo, with their peak memory",
    )
    parser.add_argument(
        "--memory-scales",
        type=int,
        nargs="+",
        default=[],
        metavar="SCALE",
        help=f"also the peak memory of a {MEMORY_SIDE[0]}x{MEMORY_SIDE[1]} photo at these scales",
    )
    parser.add_argument(
        "--shapes",
        nargs="+",
        default=[],
        metavar="W/D/C/U",
        help="also time untrained U-Nets of these width/depth/convs/up_width",
    )
    parser.add_argument(
        "--frames",
        nargs="+",
        default=[],
        metavar="WxH",
        help="time film frames of these sizes on --device instead of the photo figures",
    )
    parser.add_argument("--device", default="cpu", help="where --frames run: cpu, cuda, mps")
    args = parser.parse_args()

    torch.manual_seed(0)
    if args.frames:
        device = pick_device(args.device)
        print(json.dumps(frame_rates(args.model, device, args.frames, args.repeats, args.tile)))
        return
    model = open_model(args.model)
    info = model.descriptor
    ours = measure(model.network, info.scale, args.repeats)
    tile = args.tile or auto_tile(model, torch.device("cpu"))
    geometry = TileGeometry(info.scale, tile, info.tile_context, info.size_multiple)
    whole_large = seconds_per_output_mp(model.network, info.scale, None, TILED_SIDE, args.repeats)
    tiled_contiguous = seconds_per_output_mp(
        model.network, info.scale, geometry, TILED_SIDE, args.repeats, torch.contiguous_format
    )
    tiled = seconds_per_output_mp(model.network, info.scale, geometry, TILED_SIDE, args.repeats)
    hardware = matmul_gflops()
    achieved = ours["gflops_per_output_mp"] / ours["seconds_per_output_mp"]
    result = {
        "machine": {
            "torch": torch.__version__,
            "threads": torch.get_num_threads(),
            "matmul_gflops_per_second": round(hardware, 1),
        },
        "model": {
            "name": info.name,
            "scale": info.scale,
            "hparams": info.hparams,
            **ours,
            "layout": str(APP_LAYOUT).removeprefix("torch."),
            "whole_768x512_seconds_per_output_mp": round(whole_large, 4),
            "tiled_768x512_seconds_per_output_mp": round(tiled, 4),
            "tiled_768x512_contiguous_layout_seconds_per_output_mp": round(tiled_contiguous, 4),
            "tile": tile,
            "tiling_overhead_ratio": round(tiled / whole_large, 3),
            "achieved_gflops_per_second": round(achieved, 1),
            "share_of_matmul_rate": round(achieved / hardware, 3),
            f"peak_rss_mb_{MEMORY_SIDE[0]}x{MEMORY_SIDE[1]}": round(
                peak_rss_mb(args.model, *MEMORY_SIDE), 1
            ),
        },
        "references": {},
    }
    if args.tile_sweep:
        result["tile_sweep"] = tile_sweep(args.model, args.tile_sweep, args.repeats)
    if args.memory_scales:
        key = f"peak_memory_{MEMORY_SIDE[0]}x{MEMORY_SIDE[1]}_by_scale_out"
        result[key] = memory_by_scale(args.model, args.memory_scales)
    if args.shapes:
        result["shapes"] = {
            shape: measure(candidate(shape, info.scale), info.scale, args.repeats)
            for shape in args.shapes
        }
    if not args.no_reference:
        for name, (network, scale) in reference_networks().items():
            measured = measure(network, scale, max(1, args.repeats // 2))
            measured["achieved_gflops_per_second"] = round(
                measured["gflops_per_output_mp"] / measured["seconds_per_output_mp"], 1
            )
            measured["times_slower_than_ours"] = round(
                measured["seconds_per_output_mp"] / ours["seconds_per_output_mp"], 1
            )
            result["references"][name] = measured
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
