"""``rekindle --self-test``: restore the bundled sample on the CPU and check the result, with
no window. It proves the install works: the model loads, the network runs, the output is sane,
a HEIC (whose decoder is a native library a bundle must carry) is read, the built-in trainer
takes real steps (the modules of torch it needs are easily left out of a bundle) and a
community model loads through spandrel (whose torchvision carries native operators)."""

from __future__ import annotations

import math
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import torch

from engine import paths
from engine.errors import ModelFileError, RekindleError
from engine.imageio import Picture, read_picture
from engine.library.files import MODEL_SUFFIX
from engine.library.loading import (
    DEFAULT,
    alias_target,
    builtin_model_names,
    open_model,
    resolve_model_path,
)
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
TRAINING_CROP = 32
"""Side of the sharp crops the trainer's check cuts from the sample."""
COMPACT_SCALE = 2
COMPACT_FEATURES = 4
COMPACT_MIN_PSNR_DB = 40.0
"""The community check's network enlarges by repeating pixels: its result must be that."""


def sample_path() -> Path:
    return resources_dir() / "samples" / "sample.png"


def heic_sample_path() -> Path:
    return resources_dir() / "samples" / "sample.heic"


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    """Peak signal-to-noise ratio of two 8-bit images, in dB."""
    mse = float(np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2))
    return math.inf if mse == 0 else 10 * math.log10(PEAK**2 / mse)


@dataclass(frozen=True)
class SelfTestResult:
    passed: bool
    summary: str


def self_test(model: str = DEFAULT) -> SelfTestResult:
    """Restore the sample with ``model`` on the CPU and judge the result, then check the other
    parts an install must carry."""
    started = time.perf_counter()
    try:
        source = read_picture(sample_path())
        loaded = open_model(model)
        restored = Restorer(loaded, torch.device("cpu")).restore(source)
    except RekindleError as error:
        return SelfTestResult(False, f"self-test failed: {_model_problem(model, error)}")
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
    for check in (_heic_problem, _training_problem, _community_problem):
        problem = check(source)
        if problem:
            return SelfTestResult(False, f"self-test failed: {problem}")
    verdict = "passed" if score > MIN_PSNR_DB else "failed"
    summary = (
        f"self-test {verdict}: {info.display_name} ({info.scale}x) on the CPU, "
        f"{source.width}x{source.height} -> {got[1]}x{got[0]}, "
        f"PSNR {score:.1f} dB shrunk back (needs > {MIN_PSNR_DB:g}), {seconds:.1f} s, "
        "HEIC read, trainer stepped, community model restored"
    )
    return SelfTestResult(score > MIN_PSNR_DB, summary)


def _model_problem(model: str, error: RekindleError) -> str:
    """Why ``model`` cannot restore; for the default model, what the install lacks."""
    if model != DEFAULT:
        return str(error)
    if not builtin_model_names():
        return f"{error} (no built-in model is installed yet)"
    try:
        resolve_model_path(DEFAULT)
    except ModelFileError:
        name = f"{alias_target(DEFAULT)}{MODEL_SUFFIX}"
        folder = paths.builtin_models_dir()
        return f"the default model's file ({name}) is missing from the install ({folder})"
    return str(error)


def _unexpected(what: str, error: Exception) -> str:
    """``what`` failed, and why: an error of Rekindle's is a sentence already, any other (a
    module left out of a bundle, say) is named by its type."""
    if isinstance(error, RekindleError):
        return f"{what}: {error}"
    return f"{what}: {type(error).__name__}: {error}"


def _heic_problem(source: Picture) -> str:
    """Why the HEIC sample cannot be read as the sample ("" when it can)."""
    sample = to_rgb8(source.pixels)
    try:
        heic = to_rgb8(read_picture(heic_sample_path()).pixels)
    except RekindleError as error:
        return str(error)
    if heic.shape != sample.shape or psnr(heic, sample) < HEIC_MIN_PSNR_DB:
        return "the HEIC sample does not decode to the sample"
    return ""


def _training_problem(source: Picture) -> str:
    """Why the built-in trainer cannot train ("" when it can): a tiny network takes a warm-up
    step, an adversarial step and a validation on pairs cut from the sample, in a throwaway
    folder. (Building its optimisers imports torch's compiler stack, and the validation runs
    under its ``set_stance``.)"""
    # Imported here: the trainer is only needed for this check, and its imports are many.
    from training.config import PrepareOptions, TrainingConfig
    from training.prepare import prepare
    from training.trainer import Trainer

    config = TrainingConfig(
        scale=4,
        width=8,
        depth=1,
        convs=1,
        up_width=8,
        disc_width=8,
        disc_depth=2,
        batch=2,
        warmup_steps=1,
        steps=1,
        seed=0,
    )
    options = PrepareOptions(crop=TRAINING_CROP, scale=config.scale, crops_per_image=2)
    try:
        with tempfile.TemporaryDirectory(prefix="rekindle-selftest-") as folder:
            photos = Path(folder) / "photos"
            photos.mkdir()
            shutil.copy(sample_path(), photos)
            prepare(photos, Path(folder) / "pairs", options)
            trainer = Trainer(
                Path(folder) / "pairs",
                Path(folder) / "trained.safetensors",
                config,
                val_dir=photos,
                device="cpu",
            )
            list(trainer.run())
    except Exception as error:  # whatever a bundle lacks, the check names it
        return _unexpected("the trainer cannot train", error)
    return ""


def _compact_weights() -> dict[str, torch.Tensor]:
    """Weights of Real-ESRGAN's compact network (SRVGGNetCompact), the commonest community
    model: one convolution in its body, and a last convolution of zeros, so that the whole
    network enlarges a picture by repeating each pixel."""
    generator = torch.Generator().manual_seed(0)
    features = COMPACT_FEATURES
    shapes = {
        "body.0": (features, 3, 3, 3),
        "body.2": (features, features, 3, 3),
        "body.4": (3 * COMPACT_SCALE**2, features, 3, 3),
    }
    weights: dict[str, torch.Tensor] = {}
    for name, shape in shapes.items():
        weights[f"{name}.weight"] = torch.randn(shape, generator=generator) * 0.1
        weights[f"{name}.bias"] = torch.zeros(shape[0])
    for activation in ("body.1", "body.3"):
        weights[f"{activation}.weight"] = torch.full((features,), 0.25)
    weights["body.4.weight"].zero_()
    return weights


def _community_problem(source: Picture) -> str:
    """Why a community model cannot restore ("" when it can): a compact network's .pth file,
    written to a throwaway folder, loaded by the engine's loader and run on the sample."""
    try:
        with tempfile.TemporaryDirectory(prefix="rekindle-selftest-") as folder:
            path = Path(folder) / "community-compact.pth"
            torch.save(_compact_weights(), path)
            restored = Restorer(open_model(path), torch.device("cpu")).restore(source)
    except Exception as error:  # whatever a bundle lacks, the check names it
        return _unexpected("a community model cannot be loaded and run", error)
    original = to_rgb8(source.pixels)
    repeated = original.repeat(COMPACT_SCALE, axis=0).repeat(COMPACT_SCALE, axis=1)
    result = to_rgb8(restored.pixels)
    if result.shape != repeated.shape or psnr(result, repeated) < COMPACT_MIN_PSNR_DB:
        return "a community model restores the sample wrongly"
    return ""


def run_self_test(model: str = DEFAULT, output: Callable[[str], object] = print) -> int:
    """Print the one-line verdict; the exit status is 0 when it passed, else 1."""
    result = self_test(model)
    output(result.summary)
    return 0 if result.passed else 1
