"""Naming trained models and finding models by name: a model saved from training gets a file
name no built-in model (or alias) and no other model of the user's answers to, and a display
name of its own; ``--model`` takes a model's display name too, and an unknown name is refused
naming the user's models as well as the built-in ones."""

import json
import re
import sys

import pytest
import torch
from spandrel.architectures.Compact.__arch.SRVGG import SRVGGNetCompact

from engine.cli import main as engine_main
from engine.errors import ModelFileError
from engine.library.descriptor import Origin
from engine.library.loading import ALIASES_FILE, USERS_NAMED, resolve_model_path
from engine.library.own_format import save_model
from engine.networks import UNetGenerator
from engine.paths import user_models_dir
from training.run_state import RunState, model_target, publish_run_model


def _model(path, display_name):
    """A small model file at ``path`` showing ``display_name``."""
    torch.manual_seed(0)
    network = UNetGenerator(scale=4, width=8, depth=1, convs=1, up_width=8)
    return save_model(network, path, display_name=display_name, training={"steps_done": 1})


@pytest.fixture
def installed(builtin_models):
    """Two built-in models, Faithful 4x and Restore 4x, and the alias default."""
    _model(builtin_models / "faithful-x4.safetensors", "Faithful 4x")
    _model(builtin_models / "restore-x4.safetensors", "Restore 4x")
    (builtin_models / ALIASES_FILE).write_text(json.dumps({"default": "restore-x4"}))
    return builtin_models


def _finished_run(tmp_path) -> RunState:
    state = RunState("20261204-120000", str(tmp_path / "Family"), 4, False, "tiny", None)
    _model(state.model_path, "model")
    return state


def test_a_trained_model_is_never_named_as_a_built_in_model_or_an_alias(installed):
    assert model_target("Faithful x4").name == "faithful-x4 (2).safetensors"
    assert model_target("Default").name == "default (2).safetensors"
    assert model_target("RESTORE-X4").name == "restore-x4 (2).safetensors"
    assert model_target("Family 4×").name == "family-4.safetensors"


def test_a_trained_model_is_never_named_as_one_of_the_users_in_any_format(installed):
    _model(user_models_dir() / "family-4.safetensors", "Family 4×")
    (user_models_dir() / "ESRGAN").mkdir()
    (user_models_dir() / "ESRGAN" / "family-4 (2).pth").write_bytes(b"weights")
    assert model_target("Family 4×").name == "family-4 (3).safetensors"


def test_a_model_saved_under_a_built_in_name_is_found_by_its_own(installed, tmp_path):
    saved = publish_run_model(_finished_run(tmp_path), "Faithful x4")
    assert saved == user_models_dir() / "faithful-x4 (2).safetensors"
    assert resolve_model_path("faithful-x4 (2)") == (saved, Origin.TRAINED)
    assert resolve_model_path("faithful-x4") == (
        installed / "faithful-x4.safetensors",
        Origin.BUILT_IN,
    )


def test_a_model_saved_under_a_name_shown_already_is_shown_numbered(installed, tmp_path):
    first = publish_run_model(_finished_run(tmp_path), "family 4×")
    second = publish_run_model(_finished_run(tmp_path), "Family 4×")
    third = publish_run_model(_finished_run(tmp_path), "Restore 4x")  # a built-in's
    shown = [
        resolve_model_path(name)[0] for name in ("family 4×", "Family 4× (2)", "restore 4x (2)")
    ]
    assert shown == [first, second, third]
    assert (first.stem, second.stem, third.stem) == ("family-4", "family-4-2", "restore-4x-2")


def test_a_model_is_found_by_its_display_name_case_ignored(installed):
    mine = _model(user_models_dir() / "grandma.safetensors", "Grandma's album")
    assert resolve_model_path("GRANDMA'S ALBUM") == (mine, Origin.TRAINED)
    assert resolve_model_path("faithful 4X") == (
        installed / "faithful-x4.safetensors",
        Origin.BUILT_IN,
    )


def test_a_display_name_several_models_show_is_refused_naming_each(installed):
    _model(user_models_dir() / "mine.safetensors", "Faithful 4x")
    (user_models_dir() / "old").mkdir()
    _model(user_models_dir() / "old" / "mine.safetensors", "Faithful 4x")
    with pytest.raises(ModelFileError) as refused:
        resolve_model_path("Faithful 4x")
    assert str(refused.value) == (
        "several models are called 'Faithful 4x': faithful-x4, mine.safetensors, "
        "old/mine.safetensors; name the one you mean as written here, or give its path"
    )


def test_an_unknown_name_is_refused_naming_the_users_models_too(installed):
    _model(user_models_dir() / "grandma.safetensors", "Grandma's album")
    _model(user_models_dir() / "family-4.safetensors", "Family 4×")
    with pytest.raises(ModelFileError) as refused:
        resolve_model_path("Grandpa")
    assert str(refused.value) == (
        "no model called 'Grandpa' (built-in models: faithful-x4, restore-x4; "
        "yours: family-4, grandma)"
    )


@pytest.mark.parametrize(
    ("frozen", "command"),
    [(False, "python -m engine"), (True, "rekindle engine")],
    ids=["from source", "installed"],
)
def test_an_unknown_name_among_many_user_models_points_to_their_list(
    installed, monkeypatch, frozen, command
):
    """The list is named by the command that gives it where this runs: the installed app has
    no ``python -m``."""
    monkeypatch.setattr(sys, "frozen", frozen, raising=False)
    for index in range(USERS_NAMED + 1):
        _model(user_models_dir() / f"m{index}.safetensors", f"Model {index}")
    with pytest.raises(ModelFileError) as refused:
        resolve_model_path("Grandpa")
    assert str(refused.value) == (
        "no model called 'Grandpa' (built-in models: faithful-x4, restore-x4; "
        f"{USERS_NAMED + 1} of your own: {command} models list shows them)"
    )


def test_the_command_line_runs_a_model_by_its_display_name(installed, capsys):
    mine = _model(user_models_dir() / "faithful-x4 (2).safetensors", "Faithful x4")
    assert engine_main(["info", "Faithful x4"]) == 0
    described = json.loads(capsys.readouterr().out)
    assert (described["path"], described["display_name"]) == (str(mine), "Faithful x4")


def test_models_remove_takes_a_display_name_as_model_does(installed, capsys):
    mine = _model(user_models_dir() / "faithful-x4 (2).safetensors", "Faithful 2x")
    assert engine_main(["models", "remove", "faithful 2X"]) == 0
    assert capsys.readouterr().out == f"removed {mine.name}\n"
    assert not mine.exists()


def test_models_remove_refuses_a_built_in_model_by_its_display_name(installed, capsys):
    assert engine_main(["models", "remove", "Faithful 4x"]) == 2
    assert "Faithful 4x: a built-in model, which cannot be removed" in capsys.readouterr().err
    assert (installed / "faithful-x4.safetensors").is_file()


def test_models_remove_refuses_a_file_that_is_none_of_yours(installed, tmp_path, capsys):
    elsewhere = _model(tmp_path / "elsewhere.safetensors", "Elsewhere")
    assert engine_main(["models", "remove", str(elsewhere)]) == 2
    assert f"no model called '{elsewhere}'" in capsys.readouterr().err
    assert elsewhere.is_file()


def _shown(name: str, listed: str) -> str:
    """The MODEL column of ``models list``'s row for the model called ``name``."""
    row = next(line for line in listed.splitlines() if line.startswith(f"{name} "))
    return re.split(r"\s{2,}", row)[1]


def test_every_model_is_found_by_the_display_name_models_list_shows(installed, capsys):
    """A community model is shown as spandrel names it, which ``--model`` takes as well."""
    compact = user_models_dir() / "2x_TinyCompact.pth"
    compact.parent.mkdir(parents=True)
    torch.save(SRVGGNetCompact(num_feat=8, num_conv=2, upscale=2).state_dict(), compact)
    assert engine_main(["models", "list"]) == 0
    shown = _shown("2x_TinyCompact", capsys.readouterr().out)
    assert shown == "2x_TinyCompact (RealESRGAN Compact 2x)"
    assert resolve_model_path(shown.upper()) == (compact, Origin.IMPORTED)
    assert engine_main(["info", shown]) == 0
    assert json.loads(capsys.readouterr().out)["path"] == str(compact)
    assert engine_main(["models", "remove", shown]) == 0
    assert not compact.exists()
