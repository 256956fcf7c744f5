"""Training a wizard run (``training.run_state``): the trainer's events, with the run's state
file kept right at each checkpoint and at the end, so the app and ``python -m training
resume-run`` can each continue a run the other began.

For the app, ``training_work`` consumes the events on a background thread, with Pause (the
job's ``CancelToken``): pausing is simply not pulling the next event, so the generator sits
after the step that just ended. Step events are passed on in small batches (at most every
``BATCH_SECONDS``) so a fast trainer cannot flood the UI thread; every other event goes at
once. A continued run first replays what it recorded before, for the plots.

A trainer holds an OS lock (``engine.busy``) on a hidden lock file beside its model for the
whole run (``holding``): ``run_events`` for a wizard run, wherever it is continued, and
``python -m training train`` for its ``--out``. A second trainer of the same model is refused
at once, naming the first's process, instead of both overwriting one checkpoint and model;
a killed trainer blocks no one. The lock file is removed when the run ends.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from functools import partial
from pathlib import Path
from typing import Any

from engine import busy
from engine.progress import CancelToken, Progress
from engine.words import say
from training.checkpoint import lock_path
from training.config import TrainingConfig
from training.events import (
    CheckpointEvent,
    FinishedEvent,
    StepEvent,
    TrainingEvent,
    ValidationEvent,
)
from training.metrics_log import metrics_path, read_records
from training.run_state import TRAINED, TRAINING, RunState
from training.trainer import Trainer

BATCH_SECONDS = 0.1


@dataclass(frozen=True)
class Held:
    """Sent when the worker has stopped pulling events: the run is now truly paused."""

    step: int


def _writes_files() -> bool:
    """Whether this process writes the run's files: the only one, or rank 0 of a ``torchrun``
    (whose other ranks train beside it, on the same ``--out``)."""
    return int(os.environ.get("RANK", "0")) == 0


@contextmanager
def holding(model_path: Path, what: str) -> Iterator[None]:
    """Hold ``model_path`` for this trainer while the block runs; ``Busy`` when another
    trainer (another ``train --out`` of it, a ``resume-run`` or the wizard training the same
    run) holds it. ``what`` names the model or run in the refusal. However the block ends,
    the lock file goes, and so do the folders made for it that nothing else was written to
    (``busy.holding``: a run refused before its first step leaves nothing behind)."""
    if not _writes_files():
        yield
        return
    with busy.holding(lock_path(model_path), partial(_refusal, what)):
        yield


def _refusal(what: str, holder: str) -> str:
    """Why a trainer cannot train ``what``, which ``holder`` trains."""
    return say(
        "{what} is being trained by {holder}; wait for it or stop it", what=what, holder=holder
    )


def read_history(path: Path, last_step: int) -> list[StepEvent | ValidationEvent]:
    """The events a run recorded up to its checkpoint, so a continued run's plots show the
    whole run (validations come back without their sample crops)."""
    step_fields = {f.name for f in fields(StepEvent)}
    history: list[StepEvent | ValidationEvent] = []
    for record in read_records(path, last_step):
        if record["type"] == "step":
            history.append(StepEvent(**{k: v for k, v in record.items() if k in step_fields}))
        elif record["type"] == "validation":
            del record["type"]
            history.append(ValidationEvent(**record))
    return history


def run_events(
    state: RunState, config: TrainingConfig, device: str, token: CancelToken
) -> Iterator[TrainingEvent]:
    """Train ``state``'s run, yielding the trainer's events; the state file follows each
    checkpoint and the end. Starting from the built-in model applies only to a fresh start; a
    resumed run takes its network (and everything else) from the checkpoint. The run is held
    (``holding``) until the generator ends or is closed."""
    with holding(state.model_path, say("run {run}", run=state.run_id)):
        yield from _held_run_events(state, config, device, token)


def _held_run_events(
    state: RunState, config: TrainingConfig, device: str, token: CancelToken
) -> Iterator[TrainingEvent]:
    resume = state.has_checkpoint()
    trainer = Trainer(
        state.dataset,
        state.model_path,
        config,
        val_dir=state.val_dir,
        init=None if resume else state.init,
        resume=resume,
        device=device,
        source=state.source,
    )
    current = replace(
        state, stage=TRAINING, config=trainer.config.to_dict(), total_steps=config.total_steps
    )
    current.save()
    for event in trainer.run(token):
        if isinstance(event, CheckpointEvent | FinishedEvent):  # saved before a consumer stops
            done = isinstance(event, FinishedEvent) and not event.cancelled
            current = replace(current, step=event.step, stage=TRAINED if done else TRAINING)
            current.save()
        yield event


def training_work(
    state: RunState, config: TrainingConfig, device: str
) -> Callable[[Progress, Callable[[Any], None]], FinishedEvent | None]:
    """The job function for ``Job``: trains ``state``'s run and returns the FinishedEvent;
    pausing the progress's token holds the run after the step under way."""

    def work(progress: Progress, emit: Callable[[Any], None]) -> FinishedEvent | None:
        if state.has_checkpoint():
            history = read_history(metrics_path(state.model_path), state.step)
            steps = [event for event in history if isinstance(event, StepEvent)]
            if steps:
                emit(steps)
            for event in history:
                if isinstance(event, ValidationEvent):
                    emit(event)
        pending: list[StepEvent] = []
        sent = time.monotonic()

        def flush() -> None:
            nonlocal sent
            if pending:
                emit(list(pending))
                pending.clear()
            sent = time.monotonic()

        for event in run_events(state, config, device, progress.token):
            if isinstance(event, StepEvent):
                pending.append(event)
                if time.monotonic() - sent >= BATCH_SECONDS:
                    flush()
            else:
                flush()
                emit(event)
            if isinstance(event, FinishedEvent):
                return event
            if progress.token.paused:
                flush()
                emit(Held(getattr(event, "step", 0)))
                progress.token.wait_while_paused()
        return None

    return work
