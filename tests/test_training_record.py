"""A trained model's training record says what it learned from: the folder of photos the
person chose (the wizard's source; the dataset or pack ``train`` was given), where it is, how
many photos it held and the damage its blurry sides carried."""

import json
import shutil
from dataclasses import replace

from engine.library.loading import load_model
from engine.progress import CancelToken
from tests.conftest import photo_path
from tests.training_helpers import PACKED, TINY, tiny_dataset, tiny_pack
from training.events import FinishedEvent
from training.pack import pack
from training.run_state import RunState
from training.run_training import run_events
from training.trainer import Trainer

QUICK = replace(TINY, steps=2)


def _last_run(model) -> dict:
    return load_model(model).descriptor.training["runs"][-1]


def _train(dataset, out, config=QUICK) -> dict:
    list(Trainer(dataset, out, config, device="cpu").run())
    return _last_run(out)


def test_a_run_on_a_prepared_dataset_records_it_its_photos_and_damage(tmp_path):
    dataset = tiny_dataset(tmp_path, photos=3, degrade="oldphoto")
    run = _train(dataset, tmp_path / "m.safetensors")
    assert run["data"] == "dataset"
    assert str(dataset.parent) not in json.dumps(run)  # no path: the model file is shared
    assert (run["photos"], run["damage"]) == (3, "oldphoto")


def test_a_run_on_a_pack_of_photos_records_how_many_were_packed(tmp_path):
    packed = tiny_pack(tmp_path, photos=2)
    run = _train(packed, tmp_path / "m.safetensors", replace(PACKED, steps=2, damage="real"))
    assert run["data"] == "photos.rkpack"
    assert (run["photos"], run["damage"]) == (2, "real")


def test_a_pack_of_a_datasets_crops_records_no_count_of_photos(tmp_path):
    crops = pack(tiny_dataset(tmp_path), tmp_path / "crops.rkpack", min_side=32).path
    run = _train(crops, tmp_path / "m.safetensors", replace(PACKED, steps=2))
    assert run["data"] == "crops.rkpack"
    assert "photos" not in run


def test_a_wizard_run_records_the_folder_the_person_chose(tmp_path):
    source = tmp_path / "Family album"
    state = RunState("20261204-120000", str(source), 4, False, "tiny", None, photos=2)
    state.val_dir.mkdir(parents=True)
    shutil.copy(photo_path(3), state.val_dir / "kept.png")
    tiny_dataset(tmp_path, photos=2).rename(state.dataset)
    events = list(run_events(state, QUICK, "cpu", CancelToken()))
    assert isinstance(events[-1], FinishedEvent)
    run = _last_run(state.model_path)
    assert run["data"] == "Family album"
    assert (run["photos"], run["damage"]) == (2, "none")
