"""The training wizard's run from the command line: ``runs`` shows it, ``resume-run``
continues it where the wizard left it and can save its model as the wizard's last page does."""

import json
import os
import shutil
from dataclasses import replace

from engine.library.loading import load_model
from engine.paths import user_models_dir
from engine.progress import CancelToken
from tests.conftest import photo_path
from tests.training_helpers import (
    TINY,
    _photos,
    press_ctrl_c_at_step,
    training_in_another_process,
)
from training.checkpoint import checkpoint_path, load_checkpoint
from training.cli import main
from training.config import PrepareOptions
from training.events import FinishedEvent, StepEvent
from training.metrics_log import metrics_path, read_records
from training.pack import pack
from training.prepare import prepare
from training.run_state import (
    PACK,
    PAIRS,
    TRAINED,
    TRAINING,
    RunState,
    discard_all_runs,
    runs_dir,
    unfinished_run,
)
from training.run_training import run_events

CONFIG = replace(TINY, warmup_steps=2, steps=4, checkpoint_every=2, validate_every=3)
PATCH = 32


def _wizard_run(tmp_path, stop_at: int | None, data: str = PAIRS) -> RunState:
    """A run as the wizard makes it: pairs (or a pack of the photos), a photo kept aside,
    training stopped at ``stop_at`` (None: not started)."""
    state = RunState(
        run_id="20261204-120000",
        source="album",
        scale=4,
        degrade=False,
        preset="tiny",
        init=None,
        data=data,
        photos=2,
    )
    photos = _photos(tmp_path, 2)
    if data == PACK:
        pack(photos, state.dataset)
    else:
        prepare(
            photos, state.dataset, PrepareOptions(crop=PATCH, scale=4, crops_per_image=4, seed=1)
        )
    state.val_dir.mkdir(parents=True)
    shutil.copy(photo_path(3), state.val_dir / "kept.png")
    state.save()
    if stop_at is not None:
        token = CancelToken()
        for event in run_events(state, replace(CONFIG, patch=PATCH), "cpu", token):
            if isinstance(event, StepEvent) and event.step == stop_at:
                token.cancel()
            if isinstance(event, FinishedEvent):
                assert event.cancelled
    return unfinished_run()


def test_a_run_the_wizard_stopped_is_finished_and_saved_here(tmp_path, capsys):
    state = _wizard_run(tmp_path, stop_at=3)
    assert (state.stage, state.step, state.total_steps) == (TRAINING, 3, 6)
    assert main(["runs"]) == 0
    assert "step 3 of 6 (training)" in capsys.readouterr().out

    assert main(["resume-run", "--device", "cpu"]) == 0
    assert "trained: save it in the training wizard" in capsys.readouterr().out
    finished = unfinished_run()
    assert (finished.stage, finished.step) == (TRAINED, 6)  # the wizard opens on its last page
    steps = [r["step"] for r in read_records(metrics_path(state.model_path)) if r["type"] == "step"]
    assert steps == [1, 2, 3, 4, 5, 6]  # each step once, the wizard's and this run's

    assert main(["resume-run", "--save", "Grandma's album"]) == 0
    saved = user_models_dir() / "grandma-s-album.safetensors"
    assert f"saved as {saved}" in capsys.readouterr().out
    model = load_model(saved)
    assert model.descriptor.display_name == "Grandma's album"
    assert model.descriptor.training["steps_done"] == 6
    assert not any(runs_dir().iterdir())  # the working folder went once the model was saved


def test_a_run_that_has_not_started_or_none_at_all_is_one_sentence(tmp_path, capsys):
    assert main(["resume-run"]) == 2
    assert "there is no unfinished training run" in capsys.readouterr().err
    _wizard_run(tmp_path, stop_at=None)
    assert main(["resume-run"]) == 2
    assert "has not started training: start it in the training wizard" in capsys.readouterr().err


def test_ctrl_c_in_a_resumed_run_exits_130_and_keeps_its_place(tmp_path, capsys, monkeypatch):
    _wizard_run(tmp_path, stop_at=2)
    press_ctrl_c_at_step(monkeypatch, 4)
    assert main(["resume-run", "--device", "cpu"]) == 130
    assert "stopped at step 4; run the same command to continue" in capsys.readouterr().err
    state = unfinished_run()
    assert (state.stage, state.step) == (TRAINING, 4)


def test_a_pack_run_is_continued_from_its_pack(tmp_path, capsys):
    state = _wizard_run(tmp_path, stop_at=3, data=PACK)
    assert (state.data, state.dataset.name) == (PACK, "photos.rkpack")
    assert main(["runs"]) == 0
    assert "a pack of 2 photos from album" in capsys.readouterr().out

    assert main(["resume-run", "--device", "cpu"]) == 0
    assert (unfinished_run().stage, unfinished_run().step) == (TRAINED, 6)
    sampler = json.loads(load_checkpoint(checkpoint_path(state.model_path))["sampler"])
    assert sampler == {"step": 6}  # continued on the pack (a count of batches), not on pairs
    run = load_model(state.model_path).descriptor.training["runs"][-1]
    assert (run["data"], run["photos"]) == ("album", 2)  # the folder chosen, not the pack


def test_a_run_being_trained_is_listed_so_and_refused_to_a_second_trainer(tmp_path, capsys):
    state = _wizard_run(tmp_path, stop_at=2)
    wizard = run_events(state, replace(CONFIG, patch=PATCH), "cpu", CancelToken())
    assert isinstance(next(wizard), StepEvent)  # the wizard trains it (and pauses here)
    trainer = f"another run (process {os.getpid()})"
    assert main(["runs"]) == 0
    assert f"being trained now by {trainer} (last checkpoint at step 2 of 6)" in (
        capsys.readouterr().out
    )
    assert main(["resume-run", "--device", "cpu"]) == 2
    refusal = f"run {state.run_id} is being trained by {trainer}; wait for it or stop it"
    assert refusal in capsys.readouterr().err

    wizard.close()  # the wizard's training ends: the run is free again
    assert main(["resume-run", "--device", "cpu"]) == 0
    steps = [r["step"] for r in read_records(metrics_path(state.model_path)) if r["type"] == "step"]
    assert steps == [1, 2, 3, 4, 5, 6]


def test_a_run_discarded_without_waiting_is_gone_and_its_leftover_goes_at_the_next_cleanup(
    tmp_path, monkeypatch
):
    state = _wizard_run(tmp_path, stop_at=None)
    with monkeypatch.context() as killed:  # the deletion never happens: a kill cut it short
        killed.setattr(shutil, "rmtree", lambda *_args, **_kwargs: None)
        state.discard_in_background()
    assert not state.folder.exists()
    assert unfinished_run() is None  # its renamed folder, state file and all, is not offered
    (leftover,) = runs_dir().iterdir()
    assert leftover.name.startswith(f".removing-{state.run_id}-")

    discard_all_runs()
    assert not leftover.exists()


def test_a_new_run_leaves_a_run_another_process_trains(tmp_path):
    """Starting a new run removes earlier runs, but not one being trained right now."""
    trained = _wizard_run(tmp_path, stop_at=None)
    idle = replace(trained, run_id="20261203-090000")
    idle.folder.mkdir(parents=True)
    idle.save()
    holder = training_in_another_process(trained.model_path)
    try:
        discard_all_runs()
        assert not idle.folder.exists()
        assert unfinished_run() == trained
    finally:
        holder.kill()
        holder.communicate()
    discard_all_runs()  # its trainer gone, it goes too
    assert not trained.folder.exists()
