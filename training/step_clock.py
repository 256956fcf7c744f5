"""Time left in a training run, from the seconds per step seen so far in each phase.

Warm-up steps (L1 only) are much cheaper than adversarial ones, so one average over the run
would be wrong at every phase change; until an adversarial step has been seen, its cost is
the warm-up's times the ratio measured for the time estimate (or ``DEFAULT_GAN_RATIO``). A
run given a time (``TrainingConfig.seconds``) ends when its steps have taken it, whatever
they cost.
"""

from __future__ import annotations

from training.config import TrainingConfig
from training.events import StepEvent

SMOOTHING = 0.05
"""Weight of the newest step in the running mean of seconds per step."""
DEFAULT_GAN_RATIO = 3.0


class StepClock:
    def __init__(
        self,
        warmup_steps: int,
        total_steps: int,
        gan_ratio: float | None,
        run_seconds: float = 0.0,
    ) -> None:
        self.warmup_steps = warmup_steps
        self.total_steps = total_steps
        self.gan_ratio = gan_ratio or DEFAULT_GAN_RATIO
        self.run_seconds = run_seconds  # > 0: the run's steps share this time
        self.seconds: dict[str, float] = {}
        self._last_elapsed: float | None = None
        self.step = 0
        self.elapsed = 0.0

    @classmethod
    def for_run(cls, config: TrainingConfig, gan_ratio: float | None = None) -> StepClock:
        """The clock of a run of ``config``; ``gan_ratio``: an adversarial step's cost over a
        warm-up step's, where it was measured."""
        return cls(config.warmup_steps, config.total_steps, gan_ratio, config.seconds)

    def observe(self, event: StepEvent) -> None:
        if self._last_elapsed is not None and event.elapsed > self._last_elapsed:
            seconds = event.elapsed - self._last_elapsed
            mean = self.seconds.get(event.phase)
            self.seconds[event.phase] = (
                seconds if mean is None else mean + SMOOTHING * (seconds - mean)
            )
        self._last_elapsed = event.elapsed
        self.step = event.step
        self.elapsed = event.elapsed

    def time_left(self) -> float | None:
        """Seconds to the end of the run; None until a step's cost is known (a run given a
        time: what is left of it)."""
        if self.run_seconds:
            return max(0.0, self.run_seconds - self.elapsed)
        return self.time_to(self.total_steps)

    def time_to(self, step: int) -> float | None:
        """Seconds until ``step`` is done (0 once it is); None until a step's cost is known."""
        warmup = self.seconds.get("warmup")
        gan = self.seconds.get("gan")
        if gan is None and warmup is not None:
            gan = warmup * self.gan_ratio
        if warmup is None:
            warmup = gan
        if gan is None or warmup is None:
            return None
        warmup_left = max(0, min(step, self.warmup_steps) - self.step)
        gan_left = max(0, step - max(self.step, self.warmup_steps))
        return warmup_left * warmup + gan_left * gan
