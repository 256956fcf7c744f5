"""The three-phase GAN trainer of the seed spec, with an optional L1 warm-up before it.

On every batch of the adversarial phase, in order:
1. the discriminator on real pairs (target 1);
2. the discriminator on generated pairs, the generator frozen (target 0);
3. the generator, the discriminator frozen (target 1), plus a content loss (``training.losses``).

On CUDA the networks run under bfloat16 autocast (``training.precision``) over float32 weights,
in channels-last layout, and optionally compiled; the losses are computed in float32. Batches
come from a folder of pairs or a pack (``training.batches``).

``Trainer.run`` is a generator of events: every ``yield`` is a progress report and a point where
cancelling (and, for the wizard, pausing) takes effect. Under ``torchrun`` each process trains
on its own shard and DistributedDataParallel keeps the replicas identical.
"""

from __future__ import annotations

import functools
import json
import math
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch import nn
from torch.nn.parallel import DistributedDataParallel

from engine.devices import memory_format, pick_device
from engine.errors import RekindleError
from engine.library.loading import open_model
from engine.library.own_format import save_model
from engine.library.registry import build_network
from engine.library.unet import UNET
from engine.networks import ConditionalDiscriminator
from engine.pixels import from_tensor, to_tensor
from engine.progress import CancelToken
from engine.words import say
from training.averaging import WeightAverage
from training.batches import open_batches
from training.checkpoint import (
    CheckpointTimer,
    checkpoint_path,
    load_checkpoint,
    save_checkpoint,
    saved_config,
)
from training.config import TrainingConfig
from training.evaluation import SMALLEST_SIDE, load_validation_set, sample_crops, score
from training.events import (
    CheckpointEvent,
    FinishedEvent,
    StepEvent,
    TrainingEvent,
    ValidationEvent,
)
from training.grow import widen
from training.losses import content_loss
from training.metrics_log import append_record, forget_after, metrics_path
from training.pack_format import PACK_SUFFIX, read_pack_manifest
from training.precision import autocast, uses_bf16
from training.prepare import read_manifest

SAMPLE_COUNT = 3
ADAM_BETAS = (0.9, 0.99)


def _set_trainable(network: nn.Module, trainable: bool) -> None:
    for parameter in network.parameters():
        parameter.requires_grad_(trainable)


def _inner(network: nn.Module) -> nn.Module:
    """The network itself, beneath a DistributedDataParallel wrapper if there is one."""
    return network.module if isinstance(network, DistributedDataParallel) else network


def _runs_of(training: dict[str, Any]) -> list[dict[str, Any]]:
    """The runs recorded in a model file's training header (one, for a file made before
    headers listed them; none for a model from elsewhere)."""
    if "runs" in training:
        return list(training["runs"])
    if "steps_done" not in training:
        return []
    config = training.get("config", {})
    return [
        {
            "steps": training["steps_done"],
            "lr_generator": config.get("lr_generator"),
            "seconds": training.get("seconds", 0.0),
        }
    ]


def _network_shape(config: TrainingConfig) -> dict[str, int]:
    """What a checkpoint's weights must fit: both networks' shapes."""
    return {
        **config.generator_hparams(),
        "disc_width": config.disc_width,
        "disc_depth": config.disc_depth,
    }


def _differences(saved: dict[str, int], wanted: dict[str, int]) -> str:
    """The settings whose ``saved`` value is not the ``wanted`` one, said one after another."""
    said = [
        say("{setting} {saved}, not {wanted}", setting=key, saved=saved[key], wanted=wanted[key])
        for key in wanted
        if saved[key] != wanted[key]
    ]
    return functools.reduce(
        lambda earlier, later: say("{earlier}, {later}", earlier=earlier, later=later), said
    )


def _check_halvings(config: TrainingConfig, patch: int) -> None:
    """Refuse networks that halve their input below one pixel: the discriminator its sharp
    ``patch``, the generator its blurry side (which it pads up to a multiple of ``2**depth``
    first, so too deep a one fills the memory with padding)."""
    if patch < 2**config.disc_depth:
        raise RekindleError(
            say(
                "the discriminator halves its patches {depth} times, too often for {patch} px "
                "ones: choose a --disc-depth of at most {most} or larger patches",
                depth=config.disc_depth,
                patch=patch,
                most=patch.bit_length() - 1,
            )
        )
    blurry = patch // config.scale
    if blurry < 2**config.depth:
        raise RekindleError(
            say(
                "the generator halves its {blurry} px blurry patches {depth} times, too often "
                "for them: choose a --depth of at most {most} or larger patches",
                blurry=blurry,
                depth=config.depth,
                most=blurry.bit_length() - 1,
            )
        )


def _diverged(step: int) -> RekindleError:
    """The error that stops a run whose numbers ran off to nan or inf: every step after would
    only spread them through the weights, and a model of them restores nothing. Raised before
    anything of it is written, so the last checkpoint (and model) stay as they were."""
    return RekindleError(
        say(
            "training diverged at step {step} (its losses or weights are no longer numbers); "
            "the last checkpoint is kept and nothing after it was saved; try a lower "
            "learning rate",
            step=step,
        )
    )


def _photo_count(dataset: Path) -> int | None:
    """How many photos ``dataset`` was made from: those a prepared folder's pairs were cut
    from, or those packed (None for a pack of a prepared folder's crops, or where the
    manifest does not say)."""
    if dataset.suffix == PACK_SUFFIX:
        manifest = read_pack_manifest(dataset)
        packed_photos = manifest.get("source", {}).get("kind") == "photos"
        photos = manifest["images"] if packed_photos else None
    else:
        photos = read_manifest(dataset).get("used")
    return len(photos) if isinstance(photos, list) else None


def _data_record(dataset: Path, source: str | os.PathLike | None, damage: str) -> dict[str, Any]:
    """What a run learns from, for its model's training record: the folder of photos its data
    was made from (``source``, where known) or else the dataset or pack it was given, by name
    only (a model file is shared, and a path would tell where someone keeps their photos); how
    many photos that holds, where known; and the damage its blurry sides carry
    (``BatchSource.degradation``)."""
    chosen = Path(source) if source is not None else dataset
    record: dict[str, Any] = {"data": chosen.resolve().name, "damage": damage}
    photos = _photo_count(dataset)
    if photos is not None:
        record["photos"] = photos
    return record


def _finite(networks: Iterable[nn.Module]) -> bool:
    """Whether every weight of ``networks`` is a number (not nan, not inf)."""
    return all(bool(p.isfinite().all()) for network in networks for p in network.parameters())


class Trainer:
    """One training run from a prepared dataset (or a pack of photos) to a model file.

    ``amp``: "bf16" or "off" (None: bf16 on a CUDA GPU that has it); ``compiled``: run both
    networks through ``torch.compile``; ``source``: the folder of photos ``dataset`` was made
    from, where the caller knows it (the wizard's run), for the model's training record.
    """

    def __init__(
        self,
        dataset: str | os.PathLike,
        out: str | os.PathLike,
        config: TrainingConfig,
        *,
        val_dir: str | os.PathLike | None = None,
        val_limit: int | None = None,
        init: str | os.PathLike | None = None,
        grow: bool = False,
        resume: bool = False,
        device: str = "auto",
        display_name: str | None = None,
        amp: str | None = None,
        compiled: bool = False,
        source: str | os.PathLike | None = None,
    ) -> None:
        self.out = Path(out)
        self.display_name = display_name  # None: the checkpoint's on resume, else the file name
        self.resume = resume
        self.distributed = dist.is_available() and int(os.environ.get("WORLD_SIZE", "1")) > 1
        self.device = pick_device(device, local_rank=int(os.environ.get("LOCAL_RANK", "0")))
        if self.distributed and not dist.is_initialized():
            dist.init_process_group("nccl" if self.device.type == "cuda" else "gloo")
        self.rank = dist.get_rank() if self.distributed else 0
        world = dist.get_world_size() if self.distributed else 1

        if grow and init is None:
            raise RekindleError(say("growing a model needs the model to start from (--init)"))
        initial = open_model(init) if init is not None else None
        if initial is not None and not grow:
            config = replace(config, **initial.descriptor.hparams)
        self.config = config
        # The runs that made the start model, so the finished file tells its whole training.
        self.earlier_runs = _runs_of(initial.descriptor.training) if initial is not None else []
        torch.manual_seed(config.seed)
        generator = build_network(UNET, config.generator_hparams())
        if initial is not None and grow:
            widen(generator, initial.network)
        elif initial is not None:
            generator.load_state_dict(initial.network.state_dict())
        if config.balance_phases:
            generator.balance_phases()  # a model trained without the constraint starts balanced
        discriminator = ConditionalDiscriminator(config.disc_width, config.disc_depth)
        self.memory_format = memory_format(self.device)
        self.generator: nn.Module = generator.to(self.device, memory_format=self.memory_format)
        self.discriminator: nn.Module = discriminator.to(
            self.device, memory_format=self.memory_format
        )
        self.average = WeightAverage(self.generator, config.ema) if config.ema else None
        if self.device.type == "cuda":
            torch.backends.cudnn.benchmark = True  # one batch shape for the whole run
        if self.distributed:
            ids = [self.device.index] if self.device.type == "cuda" else None
            self.generator = DistributedDataParallel(self.generator, device_ids=ids)
            self.discriminator = DistributedDataParallel(self.discriminator, device_ids=ids)
        self.opt_g = torch.optim.Adam(
            self.generator.parameters(), lr=config.lr_generator, betas=ADAM_BETAS
        )
        self.opt_d = torch.optim.Adam(
            self.discriminator.parameters(), lr=config.lr_discriminator, betas=ADAM_BETAS
        )
        self.amp = uses_bf16(amp, self.device)
        self.sampler = open_batches(dataset, config, self.device, self.rank, world)
        _check_halvings(config, self.sampler.patch)
        self.data = _data_record(Path(dataset), source, self.sampler.degradation)
        self.val_dir, self.val_limit = val_dir, val_limit  # kept in checkpoints for a resume
        self.validation = (
            load_validation_set(val_dir, config.scale, val_limit, self.sampler.degradation)
            if val_dir is not None and self.rank == 0
            else []
        )
        if val_dir is not None and self.rank == 0 and not self.validation:
            raise RekindleError(
                say(
                    "{folder}: no photo there to validate on (readable, and at least {side} px "
                    "a side)",
                    folder=val_dir,
                    side=SMALLEST_SIDE * config.scale,
                )
            )
        self.checkpoint_timer = CheckpointTimer(config.checkpoint_seconds)
        if compiled:
            self.compile_networks()
        self.step = 0
        self.gan_steps = 0  # of the steps, those of the adversarial cycle
        self.elapsed = 0.0
        self.last_scores: dict[str, float] = {}
        self.validated_step: int | None = None  # the step ``last_scores`` measured

    # -- the steps ---------------------------------------------------------------------------

    def _autocast(self) -> torch.autocast:
        return autocast(self.device, self.amp)

    def compile_networks(self) -> None:
        """Run both networks through ``torch.compile`` from now on. In place, so their state
        dicts, the optimisers and the weight average (an eager copy) are unchanged."""
        _inner(self.generator).compile()
        _inner(self.discriminator).compile()

    def _update(self, loss: torch.Tensor, optimizer: torch.optim.Optimizer) -> None:
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()

    def discriminator_step(
        self, judged: torch.Tensor, blurry: torch.Tensor, target: float
    ) -> tuple[float, float]:
        """Steps 1 and 2: train the discriminator alone; returns (loss, mean probability)."""
        _set_trainable(self.generator, False)
        _set_trainable(self.discriminator, True)
        with self._autocast():
            logits = self.discriminator(judged, blurry).float()
        loss = F.binary_cross_entropy_with_logits(logits, torch.full_like(logits, target))
        self._update(loss, self.opt_d)
        return loss.item(), torch.sigmoid(logits.detach()).mean().item()

    def generate_frozen(self, blurry: torch.Tensor) -> torch.Tensor:
        """The generator's output with the generator frozen, for step 2."""
        with torch.no_grad(), self._autocast():
            return _inner(self.generator)(blurry).float()

    def generator_step(self, blurry: torch.Tensor, sharp: torch.Tensor) -> dict[str, float]:
        """Step 3: train the generator alone to fool the (frozen) discriminator, plus the
        content loss."""
        _set_trainable(self.discriminator, False)
        _set_trainable(self.generator, True)
        cfg = self.config
        with self._autocast():
            fake = self.generator(blurry)
            logits = _inner(self.discriminator)(fake, blurry).float()
        adversarial = F.binary_cross_entropy_with_logits(logits, torch.ones_like(logits))
        content = content_loss(fake, sharp, cfg)
        loss = cfg.adversarial_weight * adversarial + cfg.content_weight * content
        self._update(loss, self.opt_g)
        self._after_generator_update()
        return {"g_adv": adversarial.item(), "g_content": content.item()}

    def warmup_step(self, blurry: torch.Tensor, sharp: torch.Tensor) -> dict[str, float]:
        """The optional content-only generator step that comes before the adversarial phase."""
        _set_trainable(self.generator, True)
        with self._autocast():
            output = self.generator(blurry)
        content = content_loss(output, sharp, self.config)
        self._update(content, self.opt_g)
        self._after_generator_update()
        return {"g_content": content.item()}

    def _after_generator_update(self) -> None:
        if self.config.balance_phases:
            _inner(self.generator).balance_phases()
        if self.average is not None:
            self.average.update(_inner(self.generator))

    def result_network(self) -> nn.Module:
        """The network the run validates and ships: the weight average when it keeps one."""
        return self.average.network if self.average is not None else _inner(self.generator)

    def gan_step(
        self, blurry: torch.Tensor, sharp: torch.Tensor
    ) -> tuple[dict[str, float], float, float]:
        """The spec's three steps on one batch, in order."""
        d_real_loss, d_real = self.discriminator_step(sharp, blurry, 1.0)
        fake = self.generate_frozen(blurry)
        d_fake_loss, d_fake = self.discriminator_step(fake, blurry, 0.0)
        losses = {"d_real": d_real_loss, "d_fake": d_fake_loss}
        losses.update(self.generator_step(blurry, sharp))
        return losses, d_real, d_fake

    # -- schedule, checkpoints, validation ---------------------------------------------------

    def _done_share(self) -> float:
        """How much of the run is done: of its steps, or of its time when it is given one
        (``seconds``: a GPU session's window is time, and steps take what they take)."""
        cfg = self.config
        if cfg.seconds:
            return min(1.0, self.elapsed / cfg.seconds)
        return self.step / cfg.total_steps

    def _warming_up(self) -> bool:
        cfg = self.config
        return self._done_share() < cfg.warmup_steps / cfg.total_steps

    def _generator_lr(self) -> float:
        """Cosine decay over the warm-up; constant in the adversarial phase."""
        cfg = self.config
        if not self._warming_up():
            return cfg.lr_generator
        progress = self._done_share() * cfg.total_steps / cfg.warmup_steps
        return cfg.warmup_final_lr + 0.5 * (cfg.lr_generator - cfg.warmup_final_lr) * (
            1 + math.cos(math.pi * progress)
        )

    def _projected_steps(self) -> int:
        """The run's steps in all: known, or, for a run given a time, foreseen from its pace."""
        done = self._done_share()
        if not self.config.seconds or done == 0:
            return self.config.total_steps
        return max(self.step, round(self.step / done))

    def _state(self) -> dict[str, Any]:
        return {
            "config": json.dumps(self.config.to_dict()),
            "step": self.step,
            "gan_steps": self.gan_steps,
            "elapsed": self.elapsed,
            "generator": _inner(self.generator).state_dict(),
            **({"average": self.average.network.state_dict()} if self.average else {}),
            "discriminator": _inner(self.discriminator).state_dict(),
            "opt_g": self.opt_g.state_dict(),
            "opt_d": self.opt_d.state_dict(),
            "sampler": json.dumps(self.sampler.state()),
            "torch_rng": torch.get_rng_state(),
            "scores": json.dumps(self.last_scores),
            "display_name": self.display_name or self.out.stem,
            "earlier_runs": json.dumps(self.earlier_runs),
            "validation_set": json.dumps(
                {"dir": str(self.val_dir) if self.val_dir else None, "limit": self.val_limit}
            ),
        }

    def _load_state(self, state: dict[str, Any]) -> None:
        """Continue from ``state``, made on any device (a float16 run's scaler states, kept by
        older checkpoints, are not needed under bfloat16 and are left unread)."""
        saved = _network_shape(TrainingConfig.from_dict(saved_config(state)))
        wanted = _network_shape(self.config)
        if saved != wanted:
            raise RekindleError(
                say(
                    "the checkpoint was made for a different network ({differences}); "
                    "resume with its settings or start afresh",
                    differences=_differences(saved, wanted),
                )
            )
        _inner(self.generator).load_state_dict(state["generator"])
        _inner(self.discriminator).load_state_dict(state["discriminator"])
        if self.average is not None:  # a checkpoint from before averaging starts it afresh
            self.average.network.load_state_dict(state.get("average", state["generator"]))
        self.opt_g.load_state_dict(state["opt_g"])
        self.opt_d.load_state_dict(state["opt_d"])
        self.sampler.restore(json.loads(state["sampler"]))
        torch.set_rng_state(state["torch_rng"])
        self.step = int(state["step"])
        self.gan_steps = int(state.get("gan_steps", max(0, self.step - self.config.warmup_steps)))
        self.elapsed = float(state["elapsed"])
        self.last_scores = json.loads(state["scores"])
        self.display_name = self.display_name or state.get("display_name")
        self.earlier_runs = json.loads(state.get("earlier_runs", "[]"))

    def save_checkpoint(self) -> Path:
        """Write the checkpoint (rank 0); refused for weights gone to nan or inf, which a
        last update can make after its losses were still numbers."""
        networks = {_inner(self.generator), _inner(self.discriminator), self.result_network()}
        if not _finite(networks):
            raise _diverged(self.step)
        path = checkpoint_path(self.out)
        if self.rank == 0:
            save_checkpoint(self._state(), path)
        return path

    def validate(self) -> ValidationEvent:
        network = self.result_network()

        def restore(blurry: np.ndarray) -> np.ndarray:
            # Eager even when compiled: each photo's size would be compiled anew for one call.
            with torch.inference_mode(), torch.compiler.set_stance("force_eager"):
                output = network(to_tensor(blurry).to(self.device))
            return from_tensor(output, np.uint8)

        scores, restored = score(self.validation, restore, self.config.scale)
        self.last_scores = {
            "psnr": scores.psnr,
            "ssim": scores.ssim,
            "bicubic_psnr": scores.bicubic_psnr,
            "bicubic_ssim": scores.bicubic_ssim,
        }
        self.validated_step = self.step
        samples = [
            sample_crops(pair, image, self.config.scale)
            for pair, image in list(zip(self.validation, restored, strict=True))[:SAMPLE_COUNT]
        ]
        return ValidationEvent(self.step, **self.last_scores, samples=samples)

    def _validations(self) -> Iterator[ValidationEvent]:
        """A validation of the weights as they are now, unless the last one measured them."""
        if self.validation and self.validated_step != self.step:
            validation = self.validate()
            self._record({"type": "validation", "step": self.step, **self.last_scores})
            yield validation

    def _record(self, record: dict[str, Any]) -> None:
        if self.rank == 0:
            append_record(metrics_path(self.out), record)

    def finish(self, cancelled: bool) -> FinishedEvent:
        """Write the checkpoint and a loadable model file of the current generator; its
        ``validation`` figures are those of the step ``validation_step``."""
        self.save_checkpoint()
        runs = [*self.earlier_runs, self._this_run()]
        summary = {
            "config": self.config.to_dict(),
            "steps_done": self.step,
            "seconds": round(self.elapsed, 1),
            "device": self.device.type,
            "validation": self.last_scores,
            "validation_step": self.validated_step,
            "completed": not cancelled,
            "runs": runs,
            "total_seconds": round(sum(run["seconds"] for run in runs), 1),
        }
        if self.rank == 0:
            save_model(
                self.result_network(),
                self.out,
                display_name=self.display_name or self.out.stem,
                training=summary,
            )
        return FinishedEvent(self.step, self.out, cancelled)

    def _this_run(self) -> dict[str, Any]:
        cfg = self.config
        return {
            **self.data,
            "generator": cfg.generator_hparams(),
            "steps": self.step,
            "gan_steps": self.gan_steps,
            "lr_generator": cfg.lr_generator,
            "seconds": round(self.elapsed, 1),
            "amp": "bf16" if self.amp else "off",
        }

    # -- the run -----------------------------------------------------------------------------

    def run(self, token: CancelToken | None = None) -> Iterator[TrainingEvent]:
        """Train to the end (or until cancelled), yielding an event after every step."""
        token = token or CancelToken()
        cfg = self.config
        if self.resume:
            self._load_state(load_checkpoint(checkpoint_path(self.out)))
        if self.rank == 0:
            self.out.parent.mkdir(parents=True, exist_ok=True)  # the metrics go there each step
            forget_after(metrics_path(self.out), self.step)
        self.checkpoint_timer.restart()
        self.generator.train()
        self.discriminator.train()
        while self._done_share() < 1.0:
            if token.cancelled:  # the model kept is validated, so its figures are its own
                yield from self._validations()
                yield self.finish(cancelled=True)
                return
            started = time.perf_counter()
            blurry, sharp = (
                t.to(self.device, memory_format=self.memory_format)
                for t in self.sampler.batch(cfg.batch)
            )
            lr_g = self._generator_lr()
            for group in self.opt_g.param_groups:
                group["lr"] = lr_g
            if self._warming_up():
                losses, d_real, d_fake, phase = (
                    self.warmup_step(blurry, sharp),
                    None,
                    None,
                    "warmup",
                )
            else:
                (losses, d_real, d_fake), phase = self.gan_step(blurry, sharp), "gan"
                self.gan_steps += 1
            if not all(math.isfinite(value) for value in losses.values()):
                raise _diverged(self.step + 1)
            seconds = time.perf_counter() - started
            self.elapsed += seconds
            self.step += 1
            finished = self._done_share() >= 1.0
            event = StepEvent(
                self.step,
                self.step if finished else self._projected_steps(),
                phase,
                losses,
                d_real,
                d_fake,
                lr_g,
                cfg.lr_discriminator,
                cfg.batch / seconds,
                self.elapsed,
            )
            self._record({"type": "step", **event.__dict__})
            yield event
            if self.step % cfg.validate_every == 0 or finished:
                yield from self._validations()
            due = self.step % cfg.checkpoint_every == 0 or self.checkpoint_timer.due()
            if due and not finished:
                yield CheckpointEvent(self.step, self.save_checkpoint())
                self.checkpoint_timer.restart()
        yield self.finish(cancelled=False)
