"""The finish page's verdict in plain words: whether the new model beats the built-in one (and a
simple enlargement) on the person's own held-out photos; when it does not, why, what to try,
and which model to keep.

It weighs the rounded figures the table shows (``training.run_figures``), so the words never
contradict the numbers beside them; a tie does not count as beating.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from app.eta import format_duration
from app.wizard.presets import preset_texts
from engine.library.loading import load_model
from training.config import TrainingConfig
from training.prepare import read_manifest
from training.run_figures import Figures
from training.run_scores import Comparison
from training.run_state import RunState

translate = QCoreApplication.translate


@dataclass(frozen=True)
class RunFacts:
    """What the "why" of a verdict is made of."""

    preset: str  # the run's preset key
    step: int
    total_steps: int
    seconds: float  # how long the model trained
    photos: int  # the person's photos that qualified, trained on or held out
    longer_preset: str | None  # a preset that trains longer than the run's, to suggest

    @property
    def stopped(self) -> bool:
        return self.step < self.total_steps


@dataclass(frozen=True)
class Verdict:
    beats: bool  # the new model is the better choice on the person's photos
    text: str


def longer_preset(presets: Mapping[str, TrainingConfig], key: str) -> str | None:
    """The preset that trains longest, if it trains longer than ``key``'s."""
    longest = max(presets, key=lambda name: presets[name].total_steps)
    current = presets.get(key)
    if current is not None and presets[longest].total_steps <= current.total_steps:
        return None
    return longest


def run_facts(state: RunState, presets: Mapping[str, TrainingConfig]) -> RunFacts:
    """``state``'s run, from its model file and its pairs' manifest (files read: call it off
    the UI thread)."""
    summary = load_model(state.model_path).descriptor.training
    manifest = read_manifest(state.dataset)
    return RunFacts(
        state.preset,
        state.step,
        state.total_steps,
        float(summary.get("seconds", 0.0)),
        len(manifest["used"]) + len(manifest.get("held_out", [])),
        longer_preset(presets, state.preset),
    )


def verdict(comparison: Comparison, facts: RunFacts) -> Verdict:
    yours, builtin, bicubic = comparison.yours, comparison.builtin, comparison.bicubic
    below_builtin = builtin is not None and yours.psnr <= builtin.psnr
    below_bicubic = yours.psnr <= bicubic.psnr
    if not (below_builtin or below_bicubic):
        return Verdict(True, _beats(yours, builtin, bicubic))
    sentences = [
        _shortfall(yours, builtin if below_builtin else None, bicubic if below_bicubic else None),
        _why(facts),
        _advice(facts),
        _recommendation(below_builtin),
    ]
    return Verdict(False, " ".join(sentences))


def _beats(yours: Figures, builtin: Figures | None, bicubic: Figures) -> str:
    if builtin is not None:
        text = translate(
            "Verdict",
            "Your new model beats the built-in model on your photos: {yours} dB against "
            "{rival} dB.",
        )
    else:
        text = translate(
            "Verdict",
            "Your new model beats a simple enlargement (bicubic) on your photos: {yours} dB "
            "against {rival} dB.",
        )
    return text.format(yours=yours.psnr_text(), rival=(builtin or bicubic).psnr_text())


def _shortfall(yours: Figures, builtin: Figures | None, bicubic: Figures | None) -> str:
    """What the new model does not beat: the built-in model, bicubic, or both (given)."""
    if builtin is not None and bicubic is not None:
        text = translate(
            "Verdict",
            "Your new model beats neither the built-in model ({builtin} dB) nor a simple "
            "enlargement (bicubic, {bicubic} dB) on your photos: it scores {yours} dB.",
        )
    elif builtin is not None:
        text = translate(
            "Verdict",
            "Your new model does not beat the built-in model on your photos: {yours} dB "
            "against {builtin} dB.",
        )
    else:
        text = translate(
            "Verdict",
            "Your new model does not beat a simple enlargement (bicubic) on your photos: "
            "{yours} dB against {bicubic} dB.",
        )
    return text.format(
        yours=yours.psnr_text(),
        builtin=builtin.psnr_text() if builtin else "",
        bicubic=bicubic.psnr_text() if bicubic else "",
    )


def _why(facts: RunFacts) -> str:
    duration = format_duration(facts.seconds)
    if facts.stopped:
        text = translate(
            "Verdict",
            "Training was stopped at step {step} of {total}, after {duration}: too short for "
            "it to learn enough from your photos.",
        )
    elif facts.longer_preset is not None:
        text = translate(
            "Verdict",
            "A {preset} run trains for {duration} only: too short for it to learn enough "
            "from your photos.",
        )
    else:
        text = translate(
            "Verdict",
            "Even a whole {preset} run of {duration} was not enough for it to learn more "
            "from your photos.",
        )
    return text.format(
        step=facts.step,
        total=facts.total_steps,
        duration=duration,
        preset=preset_texts(facts.preset)[0],
    )


def _advice(facts: RunFacts) -> str:
    if facts.stopped:
        text = translate(
            "Verdict",
            "Continue the training (Cancel closes this window; the wizard offers to continue "
            "next time), or add more photos (you gave {photos}).",
        )
    elif facts.longer_preset is not None:
        text = translate("Verdict", "Try a {preset} run, or add more photos (you gave {photos}).")
    else:
        text = translate("Verdict", "Add more photos of the kind you restore (you gave {photos}).")
    name = preset_texts(facts.longer_preset)[0] if facts.longer_preset else ""
    return text.format(photos=facts.photos, preset=name)


def _recommendation(keep_builtin: bool) -> str:
    if keep_builtin:
        return translate(
            "Verdict",
            "Keep using the built-in model: Cancel closes this window without saving. You can "
            "still save the new one with Save Anyway.",
        )
    return translate(
        "Verdict",
        "Saving it is not recommended: a simple enlargement is closer to your originals. You "
        "can still save it with Save Anyway.",
    )
