"""Batches of (blurry, sharp) pairs from a prepared dataset, with the sampling state resumable.

One of the trainer's two batch sources (``training.batches``): the pairs are read and cut on the
CPU and the trainer moves them to its device.

Sampling uses one numpy generator whose state goes into every checkpoint, so a resumed run
draws the same batches it would have drawn. Under several processes each one samples only
its own shard of the pairs.
"""

from __future__ import annotations

import os
from pathlib import Path

import cv2
import numpy as np
import torch

from engine.errors import RekindleError
from engine.words import say
from training.prepare import HR_DIR, LR_DIR, read_manifest

PRELOAD_LIMIT_BYTES = 3 * 2**30
OTHER_DATA = say(
    "the checkpoint was made on a pack, not a folder of pairs; resume it on the same data"
)


def _read_rgb(path: Path) -> np.ndarray:
    data = np.fromfile(path, dtype=np.uint8)
    image = cv2.imdecode(data, cv2.IMREAD_COLOR)
    if image is None:
        raise RekindleError(
            say("{path}: a training image is damaged; prepare the dataset again", path=path)
        )
    return cv2.cvtColor(image, cv2.COLOR_BGR2RGB)


class PairSampler:
    """Draws augmented batches of pairs; ``patch`` cuts a random sharp patch of that side."""

    def __init__(
        self,
        dataset: str | os.PathLike,
        scale: int,
        patch: int = 0,
        seed: int = 0,
        rank: int = 0,
        world: int = 1,
    ) -> None:
        root = Path(dataset)
        manifest = read_manifest(root)
        if manifest["options"]["scale"] != scale:
            raise RekindleError(
                say(
                    "{name} was prepared for {prepared}x, not {scale}x",
                    name=root.name,
                    prepared=manifest["options"]["scale"],
                    scale=scale,
                )
            )
        names = [pair["name"] for pair in manifest["pairs"]][rank::world]
        if not names:
            raise RekindleError(say("{name} holds no training pairs", name=root.name))
        crop = manifest["options"]["crop"]
        if patch > crop:
            raise RekindleError(
                say(
                    "the patch ({patch}) is larger than the dataset's crops ({crop})",
                    patch=patch,
                    crop=crop,
                )
            )
        self.scale = scale
        self.patch = patch or crop
        self.degradation: str = manifest["options"].get("degrade", "none")
        self.rng = np.random.default_rng([seed, rank])
        self._paths = [(root / LR_DIR / n, root / HR_DIR / n) for n in names]
        self._cache: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._preload = len(names) * crop * crop * 3 * 1.1 < PRELOAD_LIMIT_BYTES

    def __len__(self) -> int:
        return len(self._paths)

    def _pair(self, index: int) -> tuple[np.ndarray, np.ndarray]:
        if index in self._cache:
            return self._cache[index]
        lr_path, hr_path = self._paths[index]
        pair = (_read_rgb(lr_path), _read_rgb(hr_path))
        if self._preload:
            self._cache[index] = pair
        return pair

    def _augmented(self, index: int) -> tuple[np.ndarray, np.ndarray]:
        blurry, sharp = self._pair(index)
        lr_patch = self.patch // self.scale
        y = int(self.rng.integers(0, blurry.shape[0] - lr_patch + 1))
        x = int(self.rng.integers(0, blurry.shape[1] - lr_patch + 1))
        blurry = blurry[y : y + lr_patch, x : x + lr_patch]
        s = self.scale
        sharp = sharp[y * s : (y + lr_patch) * s, x * s : (x + lr_patch) * s]
        turns, flip = int(self.rng.integers(0, 4)), bool(self.rng.integers(0, 2))
        blurry, sharp = np.rot90(blurry, turns), np.rot90(sharp, turns)
        if flip:
            blurry, sharp = blurry[:, ::-1], sharp[:, ::-1]
        return blurry, sharp

    def batch(self, size: int) -> tuple[torch.Tensor, torch.Tensor]:
        """(blurry, sharp) float tensors in [0, 1], (N, 3, h, w) and (N, 3, h*s, w*s)."""
        indices = self.rng.integers(0, len(self._paths), size=size)
        pairs = [self._augmented(int(i)) for i in indices]
        blurry = np.stack([p[0] for p in pairs])
        sharp = np.stack([p[1] for p in pairs])
        return _to_batch(blurry), _to_batch(sharp)

    def state(self) -> dict:
        return self.rng.bit_generator.state

    def restore(self, state: dict) -> None:
        if "bit_generator" not in state:
            raise RekindleError(OTHER_DATA)
        self.rng.bit_generator.state = state


def _to_batch(images: np.ndarray) -> torch.Tensor:
    return torch.from_numpy(np.ascontiguousarray(images)).permute(0, 3, 1, 2).float().div_(255)
