"""``rekindle --self-test``: restore the bundled sample on the CPU and check the result, with
no window. It proves the install works: the model loads, the network runs, the output is sane,
and a HEIC (whose decoder is a native library a bundle must carry) is read."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np
import torch

from engine.errors import RekindleError
from engine.imageio import read_picture
from engine.library.loading import open_model
from engine.paths import resources_dir
from engine.pixels import to_rgb8
from engine.restorer import Restorer

MIN_PSNR_DB = 25.0
"""The result, shrunk back to the sample's size, must be at least this close to the sample."""
MIN_SPREAD = 4.0
"""Standard deviation of the result's pixels below which it counts as blank."""
PEAK = 255.0
HEIC_MIN_PSNR_DB = 30.0
"""The HEIC sample (the sample, HEVC at quality 90: 33.7 dB) must decode at least this close."""


def sample_path():
    return resources_dir() / "samples" / "sample.png"


def heic_sample_path():
    return resources_dir() / "samples" / "sample.heic"


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    """Peak signal-to-noise ratio of two 8-bit images, in dB."""
    mse = float(np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2))
    return math.inf if mse == 0 else 10 * math.log10(PEAK**2 / mse)


@dataclass(frozen=True)
class SelfTestResult:
    passed: bool
    summary: str


def self_test(model: str = "default") -> SelfTestResult:
    """Restore the sample with ``model`` on the CPU and judge the result."""
    started = time.perf_counter()
    try:
        source = read_picture(sample_path())
        loaded = open_model(model)
        restored = Restorer(loaded, torch.device("cpu")).restore(source)
    except RekindleError as error:
        hint = " (no built-in model is installed yet)" if model == "default" else ""
        return SelfTestResult(False, f"self-test failed: {error}{hint}")
    seconds = time.perf_counter() - started
    info = loaded.descriptor
    expected = (source.height * info.scale, source.width * info.scale)
    got = (restored.height, restored.width)
    if got != expected:
        return SelfTestResult(
            False,
            f"self-test failed: output is {got[1]}x{got[0]}, expected {expected[1]}x{expected[0]}",
        )
    result = to_rgb8(restored.pixels)
    spread = float(result.std())
    if spread < MIN_SPREAD:
        return SelfTestResult(False, f"self-test failed: the output is blank (spread {spread:.1f})")
    shrunk = cv2.resize(result, (source.width, source.height), interpolation=cv2.INTER_AREA)
    score = psnr(shrunk, to_rgb8(source.pixels))
    heic_problem = _heic_problem(to_rgb8(source.pixels))
    if heic_problem:
        return SelfTestResult(False, f"self-test failed: {heic_problem}")
    verdict = "passed" if score > MIN_PSNR_DB else "failed"
    summary = (
        f"self-test {verdict}: {info.display_name} ({info.scale}x) on the CPU, "
        f"{source.width}x{source.height} -> {got[1]}x{got[0]}, "
        f"PSNR {score:.1f} dB shrunk back (needs > {MIN_PSNR_DB:g}), {seconds:.1f} s, HEIC read"
    )
    return SelfTestResult(score > MIN_PSNR_DB, summary)


def _heic_problem(sample: np.ndarray) -> str:
    """Why the HEIC sample cannot be read as the sample ("" when it can)."""
    try:
        heic = to_rgb8(read_picture(heic_sample_path()).pixels)
    except RekindleError as error:
        return str(error)
    if heic.shape != sample.shape or psnr(heic, sample) < HEIC_MIN_PSNR_DB:
        return "the HEIC sample does not decode to the sample"
    return ""


def run_self_test(model: str = "default", output: Callable[[str], object] = print) -> int:
    """Print the one-line verdict; the exit status is 0 when it passed, else 1."""
    result = self_test(model)
    output(result.summary)
    return 0 if result.passed else 1
