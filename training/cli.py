"""The training command line: ``prepare``, ``pack`` and ``train``; ``runs`` and ``resume-run``
for the training wizard's run."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import Field, fields
from functools import partial
from pathlib import Path
from typing import NamedTuple

from engine.arguments import at_least, plain
from engine.command_lines import command_name
from engine.console import (
    INTERRUPTED,
    CommandLineParser,
    cannot_go_on,
    command_streams,
    progress_bar,
    progress_shown,
    time_left_words,
)
from engine.devices import DEVICE_HELP
from engine.errors import Cancelled, RekindleError, WriteError, sentence_for
from engine.library.files import MODEL_SUFFIX
from engine.library.loading import open_model
from engine.preflight import check_destination, require_inputs
from engine.progress import CancelToken, ProgressEvent
from engine.stopping import stopped_before_the_end, stopping_on_signals, unforeseen
from engine.words import Sentence, say
from training.checkpoint import checkpoint_path, load_checkpoint, saved_config
from training.config import (
    CONTENT_LOSSES,
    DAMAGES,
    DEGRADATIONS,
    HELP,
    RESIZE_METHODS,
    SCALES,
    PrepareOptions,
    TrainingConfig,
)
from training.events import (
    CheckpointEvent,
    FinishedEvent,
    StepEvent,
    TrainingEvent,
    ValidationEvent,
)
from training.pack import DEFAULT_MIN_PSNR, DEFAULT_MIN_SIDE, PackReport, pack
from training.precision import AMP_MODES
from training.prepare import NothingUsable, PrepareReport, prepare
from training.run_state import (
    PACK,
    TRAINED,
    RunState,
    runs_dir,
    save_run_model,
    trained_by,
    unfinished_run,
)
from training.run_training import holding, run_events
from training.step_clock import StepClock
from training.trainer import Trainer

log = logging.getLogger("rekindle.training")

TRAIN_CHOICES: dict[str, tuple[str, ...]] = {"damage": DAMAGES, "content_loss": CONTENT_LOSSES}
"""The ``train`` options, by their field's name, that take one of a few words."""


def _field_help(setting: Field) -> str:
    """A configuration field's meaning (``training.config.setting``) and default, as its
    option's help."""
    return f"{setting.metadata[HELP]} (default {setting.default})"


def _help_of(config: type, name: str) -> str:
    """``_field_help`` of the field called ``name`` of ``config``."""
    return _field_help(next(setting for setting in fields(config) if setting.name == name))


def _parser() -> argparse.ArgumentParser:
    parser = CommandLineParser(prog=command_name("training"), description=plain(__doc__))
    commands = parser.add_subparsers(dest="command", required=True)

    prep = commands.add_parser("prepare", help="cut (blurry, sharp) crop pairs from photos")
    prep.add_argument("source", type=Path, help="folder of good photos (searched recursively)")
    prep.add_argument("dataset", type=Path, help="folder to write hr/, lr/ and manifest.json")
    defaults = PrepareOptions()
    meaning = partial(_help_of, PrepareOptions)
    prep.add_argument("--crop", type=int, default=defaults.crop, help=meaning("crop"))
    prep.add_argument(
        "--scale", type=int, choices=SCALES, default=defaults.scale, help=meaning("scale")
    )
    prep.add_argument(
        "--crops-per-image",
        type=int,
        default=defaults.crops_per_image,
        help=meaning("crops_per_image"),
    )
    prep.add_argument(
        "--crops-per-megapixel",
        type=float,
        default=defaults.crops_per_megapixel,
        help=meaning("crops_per_megapixel"),
    )
    prep.add_argument("--shrink", type=float, default=defaults.shrink, help=meaning("shrink"))
    prep.add_argument("--grey", type=float, default=defaults.grey, help=meaning("grey"))
    prep.add_argument(
        "--degrade", choices=DEGRADATIONS, default=defaults.degrade, help=meaning("degrade")
    )
    prep.add_argument(
        "--resize", choices=RESIZE_METHODS, default=defaults.resize, help=meaning("resize")
    )
    prep.add_argument("--seed", type=int, default=defaults.seed, help=meaning("seed"))

    packing = commands.add_parser(
        "pack", help="pack photos or a prepared dataset into one compact file for training"
    )
    packing.add_argument(
        "source", type=Path, help="folder of photos (searched recursively) or a prepared dataset"
    )
    packing.add_argument("out", type=Path, help="the .rkpack file to write")
    packing.add_argument(
        "--min-psnr",
        type=float,
        default=DEFAULT_MIN_PSNR,
        help="store an image re-encoded only if it keeps this PSNR (dB) against the source "
        f"(default {DEFAULT_MIN_PSNR:g})",
    )
    packing.add_argument(
        "--min-side",
        type=int,
        default=DEFAULT_MIN_SIDE,
        help="skip pictures whose shorter side is below this many pixels "
        f"(default {DEFAULT_MIN_SIDE})",
    )

    commands.add_parser("runs", help="the training wizard's unfinished run, if any")
    resume_run = commands.add_parser(
        "resume-run", help="continue the training wizard's unfinished run here, to its end"
    )
    resume_run.add_argument("--device", default="auto", help=DEVICE_HELP)
    resume_run.add_argument(
        "--save",
        metavar="NAME",
        help="then save the model among your models under this name, as the wizard's last "
        "page does: NAME (2) where a model in the list already has that name (without it, the "
        "wizard shows the finished run when it opens)",
    )

    train = commands.add_parser("train", help="train a model on a prepared dataset or a pack")
    train.add_argument("dataset", type=Path, help="a prepared dataset folder or a .rkpack file")
    train.add_argument("--out", type=Path, required=True, help="model file to write")
    train.add_argument("--val", type=Path, help="folder of sharp photos to validate on")
    train.add_argument(
        "--val-limit",
        type=at_least(1),
        help="validate on at most this many photos (default: all the photos in --val; a run "
        "continued, as many as it started with)",
    )
    train.add_argument("--init", help="start from this model (name or file)")
    train.add_argument(
        "--grow",
        action="store_true",
        help="with --init: widen that model to --width/--up-width, keeping what it computes",
    )
    train.add_argument(
        "--resume",
        action="store_true",
        help="continue from the checkpoint beside --out, and refuse to start without one "
        "(a run whose checkpoint is there continues from it anyway)",
    )
    train.add_argument("--device", default="auto", help=DEVICE_HELP)
    train.add_argument(
        "--amp",
        choices=AMP_MODES,
        help="mixed precision: bf16 autocast (the default on a CUDA GPU) or off (elsewhere)",
    )
    train.add_argument(
        "--compile",
        action="store_true",
        help="compile the networks with torch.compile (faster steps after a slow first one)",
    )
    train.add_argument("--name", help="display name stored in the model file")
    for field in fields(TrainingConfig):
        flag = "--" + field.name.replace("_", "-")
        if isinstance(field.default, bool):
            train.add_argument(flag, action=argparse.BooleanOptionalAction, help=_field_help(field))
        else:
            train.add_argument(
                flag,
                type=type(field.default),
                choices=TRAIN_CHOICES.get(field.name),
                default=None,
                help=_field_help(field),
            )
    return parser


def _prepare(args: argparse.Namespace, token: CancelToken) -> int:
    require_inputs([args.source])
    check_destination(args.dataset)
    options = PrepareOptions(
        crop=args.crop,
        scale=args.scale,
        crops_per_image=args.crops_per_image,
        crops_per_megapixel=args.crops_per_megapixel,
        shrink=args.shrink,
        grey=args.grey,
        degrade=args.degrade,
        resize=args.resize,
        seed=args.seed,
    )
    too_small = say("too small for a {crop} crop", crop=options.crop)
    duplicate = say("duplicate, used once")
    with _listing_left_out(too_small, duplicate):
        with progress_bar(say("preparing"), token) as progress:
            report = prepare(args.source, args.dataset, options, progress)
        _print_report(report, too_small, duplicate)
    return 0


@contextmanager
def _listing_left_out(too_small: str, duplicate: str) -> Iterator[None]:
    """When nothing could be used, list what was left out and why before the error."""
    try:
        yield
    except NothingUsable as error:
        _print_report(error.report, too_small, duplicate, summary=False)
        raise


def _print_report(
    report: PrepareReport | PackReport, too_small: str, duplicate: str, summary: bool = True
) -> None:
    """What ``prepare`` or ``pack`` left out and why, a line each on stderr, then its summary
    on stdout."""
    for name in report.too_small:
        print(say("{why}: {name}", why=too_small, name=name), file=sys.stderr)
    for item in report.unreadable:
        print(say("unreadable: {reason}", reason=item["reason"]), file=sys.stderr)
    for name in report.duplicates:
        print(say("{why}: {name}", why=duplicate, name=name), file=sys.stderr)
    for name in report.results:
        print(say("Rekindle's result, left out: {name}", name=name), file=sys.stderr)
    for name in report.datasets:
        print(say("prepared dataset, left out: {name}", name=name), file=sys.stderr)
    if summary:
        print(report.summary())


def _pack(args: argparse.Namespace, token: CancelToken) -> int:
    require_inputs([args.source])
    check_destination(args.out.parent)
    too_small = say("smaller than {side} px", side=args.min_side)
    duplicate = say("duplicate, packed once")
    with _listing_left_out(too_small, duplicate):
        with progress_bar(say("packing"), token) as progress:
            report = pack(
                args.source,
                args.out,
                min_psnr=args.min_psnr,
                min_side=args.min_side,
                progress=progress,
            )
        _print_report(report, too_small, duplicate)
    if report.path != args.out:
        print(say("{name} was taken: packed into {path}", name=args.out.name, path=report.path))
    return 0


def _check_model_name(out: Path) -> None:
    """Refuse, before any training, a model file that could not be saved or used."""
    if out.suffix != MODEL_SUFFIX:
        raise RekindleError(
            say(
                "{name}: a model file's name must end in {suffix}",
                name=out.name,
                suffix=MODEL_SUFFIX,
            )
        )
    if out.is_dir():
        raise RekindleError(
            say("{path} is a folder: --out names the model file to write", path=out)
        )
    check_destination(out.parent)


def _check_model_free(out: Path, resuming: bool) -> None:
    """Refuse a model file whose name is taken by anything but this run's own previous
    version (a run continued from the checkpoint beside it)."""
    if out.exists() and not resuming:
        raise RekindleError(
            say(
                "{path} already exists and no run of it is there to continue (no "
                "{checkpoint} beside it): choose another --out",
                path=out,
                checkpoint=checkpoint_path(out).name,
            )
        )


def _resumed_state(args: argparse.Namespace, resuming: bool) -> dict:
    """The checkpoint the run continues from (empty when starting afresh)."""
    return load_checkpoint(checkpoint_path(args.out)) if resuming else {}


def _training_config(args: argparse.Namespace, resumed: dict) -> TrainingConfig:
    """The run's config: the checkpoint's when resuming (the start model's shape when
    growing one), then what the command line says."""
    if resumed:
        base = saved_config(resumed)
    elif args.grow and args.init:
        base = dict(open_model(args.init).descriptor.hparams)
    else:
        base = {}
    overrides = {
        f.name: getattr(args, f.name)
        for f in fields(TrainingConfig)
        if getattr(args, f.name) is not None
    }
    return TrainingConfig.from_dict({**base, **overrides})


def _format_step(event: StepEvent) -> str:
    """A step's losses (each by its name), the discriminator's outputs and the speed."""
    parts = [f"{name} {value:.4f}" for name, value in event.losses.items()]
    if event.d_real is not None:
        said = say("D(real) {real:.2f} D(fake) {fake:.2f}", real=event.d_real, fake=event.d_fake)
        parts.append(said)
    parts.append(say("{rate:.1f} samples/s", rate=event.samples_per_second))
    return " ".join(parts)


def _train(args: argparse.Namespace, token: CancelToken) -> int:
    require_inputs([args.dataset, *([args.val] if args.val else [])])
    _check_model_name(args.out)
    with holding(args.out, str(args.out)):  # whether to continue is read while it is held
        return _train_held(args, token)


def _train_held(args: argparse.Namespace, token: CancelToken) -> int:
    """``_train`` once this process holds ``--out``, so no other trainer changes its files."""
    # The same command run again continues the run, as a batch skips what it restored.
    resuming = args.resume or checkpoint_path(args.out).is_file()
    _check_model_free(args.out, resuming)
    resumed = _resumed_state(args, resuming)
    config = _training_config(args, resumed)
    if resumed:
        print(
            say(
                "continuing from step {step} ({checkpoint}; remove it to start afresh)",
                step=resumed["step"],
                checkpoint=checkpoint_path(args.out).name,
            )
        )
    # A resumed run validates on the set it started with unless told otherwise.
    validation_set = json.loads(resumed.get("validation_set", '{"dir": null, "limit": null}'))
    trainer = Trainer(
        args.dataset,
        args.out,
        config,
        val_dir=args.val or validation_set["dir"],
        val_limit=args.val_limit if args.val_limit is not None else validation_set["limit"],
        init=args.init,
        grow=args.grow,
        resume=resuming,
        device=args.device,
        display_name=args.name,
        amp=args.amp,
        compiled=args.compile,
    )
    clock = StepClock.for_run(trainer.config)
    stopped_at = _follow(trainer.run(token), token, clock, verbose=trainer.rank == 0)
    if stopped_at is not None:
        print(
            say("stopped at step {step}; run the same command again to continue", step=stopped_at),
            file=sys.stderr,
        )
        return INTERRUPTED
    return 0


def _follow(
    events: Iterable[TrainingEvent], token: CancelToken, clock: StepClock, verbose: bool = True
) -> int | None:
    """Show a run's events where ``verbose`` (its progress with its losses and ``clock``'s time
    left: ``_steps_shown``; a line for the others); return the step it was stopped at, or None
    when it ran to the end. A file the run could not write or read on its way stops it as
    ``_BrokenOff``."""
    stopped_at: int | None = None
    try:
        with _steps_shown(token, clock, verbose) as show_step:
            for event in events:
                if isinstance(event, FinishedEvent) and event.cancelled:
                    stopped_at = event.step
                if isinstance(event, StepEvent):
                    show_step(event)
                elif verbose:
                    print(_describe(event))
    except (WriteError, OSError) as error:
        raise _BrokenOff(error) from error
    return stopped_at


@contextmanager
def _steps_shown(
    token: CancelToken, clock: StepClock, verbose: bool
) -> Iterator[Callable[[StepEvent], None]]:
    """What shows each step: its share of the run, with its losses (``_format_step``) and the
    time left as the training wizard tells it (``StepClock``), as the engine shows its own
    progress; nothing where not ``verbose`` (a run's other processes)."""
    if not verbose:
        yield lambda event: None
        return
    with progress_shown(say("training"), lambda: token.ended_early) as show:

        def show_step(event: StepEvent) -> None:
            clock.observe(event)
            share = event.step / event.total_steps  # a run for --seconds projects its steps
            what = _format_step(event)
            show(
                ProgressEvent(event.step, event.total_steps, "step", what, fraction=share),
                time_left_words(clock.time_left()),
            )

        yield show_step


class _BrokenOff(Exception):
    """A run stopped on its way by a file it could not write or read (a full disk, a disk
    gone): every file it wrote is whole, the last checkpoint among them, so the same command
    goes on from there."""

    def __init__(self, error: WriteError | OSError) -> None:
        super().__init__(error)
        self.error = error


def _wizard_run() -> RunState:
    """The training wizard's unfinished run, once its training has started."""
    state = unfinished_run()
    if state is None:
        raise RekindleError(
            say("there is no unfinished training run in {folder}", folder=runs_dir())
        )
    if state.config is None:
        raise RekindleError(
            say(
                "run {run} has its training data but has not started training: start it "
                "in the training wizard",
                run=state.run_id,
            )
        )
    return state


def _runs(args: argparse.Namespace, token: CancelToken) -> int:
    state = _wizard_run()
    if state.data == PACK:
        data = say("a pack of {count} photos", count=state.photos)
    else:
        data = say("{count} pairs", count=state.pairs)
    described = say(
        "run {run}: {data} from {source}, {scale}x",
        run=state.run_id,
        data=data,
        source=state.source,
        scale=state.scale,
    )
    trainer = trained_by(state)
    if trainer is not None:
        print(
            say(
                "{run}: being trained now by {trainer} (last checkpoint at step {step} of {steps})",
                run=described,
                trainer=trainer,
                step=state.step,
                steps=state.total_steps,
            )
        )
        return 0
    print(
        say(
            "{run}, step {step} of {steps} ({stage}); continue it with: {command} resume-run",
            run=described,
            step=state.step,
            steps=state.total_steps,
            stage=state.stage,
            command=command_name("training"),
        )
    )
    return 0


def _resume_run(args: argparse.Namespace, token: CancelToken) -> int:
    state = _wizard_run()
    if state.stage != TRAINED:
        config = TrainingConfig.from_dict(state.config or {})
        print(
            say(
                "run {run}: from step {step} of {steps}",
                run=state.run_id,
                step=state.step,
                steps=state.total_steps,
            )
        )
        events = run_events(state, config, args.device, token)
        stopped_at = _follow(events, token, StepClock.for_run(config))
        if stopped_at is not None:
            print(
                say("stopped at step {step}; run the same command to continue", step=stopped_at),
                file=sys.stderr,
            )
            return INTERRUPTED
    if args.save is None:
        print(say("trained: save it in the training wizard, or here with --save NAME"))
        return 0
    print(say("saved as {name}", name=save_run_model(state, args.save)))
    return 0


def _describe(event: ValidationEvent | CheckpointEvent | FinishedEvent) -> str:
    if isinstance(event, ValidationEvent):
        return say(
            "step {step}: PSNR {psnr:.2f} dB, SSIM {ssim:.4f} (bicubic {bicubic_psnr:.2f} dB, "
            "{bicubic_ssim:.4f})",
            step=event.step,
            psnr=event.psnr,
            ssim=event.ssim,
            bicubic_psnr=event.bicubic_psnr,
            bicubic_ssim=event.bicubic_ssim,
        )
    if isinstance(event, CheckpointEvent):
        return say("step {step}: checkpoint {path}", step=event.step, path=event.path)
    if event.cancelled:
        return say(
            "stopped early at step {step}: model saved to {path}",
            step=event.step,
            path=event.model_path,
        )
    return say(
        "finished at step {step}: model saved to {path}", step=event.step, path=event.model_path
    )


class _Command(NamedTuple):
    run: Callable[[argparse.Namespace, CancelToken], int]
    stopping: str  # said at the first Ctrl+C (or SIGTERM, or SIGHUP: ``stopping_on_signals``)
    again: str  # how to finish the work after an interruption


AFTER_THIS_PHOTO = say("stopping after this photo")
SAVING_FIRST = say("stopping: saving a checkpoint and the model first")
CONTINUE = say(
    "run the same command again to continue from its last checkpoint (from the start if it "
    "wrote none)"
)
COMMANDS = {
    "prepare": _Command(
        _prepare,
        AFTER_THIS_PHOTO,
        say("run the same command again to prepare the dataset (it starts over)"),
    ),
    "pack": _Command(
        _pack,
        AFTER_THIS_PHOTO,
        say("run the same command again to pack the photos (it starts over)"),
    ),
    "train": _Command(_train, SAVING_FIRST, CONTINUE),
    "runs": _Command(_runs, say("stopping"), say("run the same command again")),
    "resume-run": _Command(_resume_run, SAVING_FIRST, CONTINUE),
}
"""Each command, what it says when Ctrl+C asks it to stop and how to finish its work then. A
stopped ``prepare`` or ``pack`` starts over when run again: the first keeps no record of the
photos it did, the second writes its pack only at the end."""


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    args = _parser().parse_args(argv)
    command = COMMANDS[args.command]
    token = CancelToken()
    with command_streams(), stopping_on_signals(token, command.stopping):
        return _run(command, args, token)


def _run(command: _Command, args: argparse.Namespace, token: CancelToken) -> int:
    """``command`` run: its exit status, and on stderr why it stopped where it did not finish."""
    try:
        return command.run(args, token)
    except (Cancelled, KeyboardInterrupt) as error:
        return stopped_before_the_end(error, command.again)
    except ValueError as error:
        return cannot_go_on(_raised_with(error))
    except _BrokenOff as broken:
        reason = sentence_for(broken.error)
        return cannot_go_on(say("{reason}; {again}", reason=reason, again=command.again))
    except (RekindleError, OSError) as error:  # OSError: a fault no check foresaw (a disk gone)
        return cannot_go_on(sentence_for(error))
    except Exception as error:  # a bug: never the 1 that says some files failed
        return unforeseen(error)


def _raised_with(error: ValueError) -> str:
    """The sentence ``error`` was raised with where ``say`` made it (so that it is worded as
    its template is), else its text."""
    sentence = error.args[0] if len(error.args) == 1 else None
    return sentence if isinstance(sentence, Sentence) else str(error)
