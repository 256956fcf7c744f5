"""The command lines' ``--help`` says what each option does and what it is without it, in
plain text, and offers no option a command always refuses."""

from dataclasses import fields

import pytest

from engine.cli import main as engine_main
from engine.devices import DEVICE_HELP
from engine.imageio import READ_ONLY_WRITTEN_AS
from engine.library.blend import BLEND_FAMILIES, DETAIL
from engine.library.catalog import offered_repair
from engine.library.loading import DEFAULT, resolve_model_path
from engine.video import DEFAULT_CODEC
from training.cli import main as training_main
from training.config import CONTENT_LOSSES, DAMAGES, DEGRADATIONS, HELP, TrainingConfig


@pytest.fixture(autouse=True)
def _wide(monkeypatch):
    """Help lines as wide as they come, so that a help text reads as one line."""
    monkeypatch.setenv("COLUMNS", "1000")


def _help(main, capsys, *command: str) -> str:
    """The help ``command`` prints, its spaces and line breaks made single spaces."""
    with pytest.raises(SystemExit) as stopped:
        main([*command, "--help"])
    assert stopped.value.code == 0
    return " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize("main", [engine_main, training_main], ids=["engine", "training"])
def test_the_commands_overview_is_plain_text(main, capsys):
    said = _help(main, capsys)
    assert "``" not in said
    assert "restore" in said or "prepare" in said


def test_a_films_codec_says_its_default(capsys):
    said = _help(engine_main, capsys, "restore-video")
    assert f"--codec {{ffv1,h264,h265,prores}} the video codec (default {DEFAULT_CODEC})" in said


@pytest.mark.parametrize("command", ["restore", "preview", "restore-video"])
def test_the_model_options_say_their_defaults(command, capsys):
    said = _help(engine_main, capsys, command)
    builtin = resolve_model_path(DEFAULT)[0].stem
    assert (
        f"(default: the built-in default, {builtin}, run at --repair {offered_repair(DEFAULT)})"
        in said
    )
    assert _detail_defaults() in said
    assert "--scale-out {" in said and "output scale (default: the model's scale)" in said


def _detail_defaults() -> str:
    """What ``--detail`` runs at unless told, for each built-in x4 model, as the models are
    loaded without it: each one's own detail strength."""
    family = next(family for family in BLEND_FAMILIES if DETAIL in family.axes)
    at = {
        strength: " and ".join(key for key in family.members if family.mix(key).detail == strength)
        for strength in (0, 1)
    }
    return f"(default: the named model as it is: 0 for {at[0]}, 1 for {at[1]})"


def test_a_photos_format_says_its_default(capsys):
    said = _help(engine_main, capsys, "restore")
    assert READ_ONLY_WRITTEN_AS[".heic"] == ".jpg"
    assert "output format (default: the original's; a HEIC photo's result is a JPEG)" in said


def test_each_command_says_what_its_marks_are_drawn_on(capsys):
    photos = _help(engine_main, capsys, "restore")
    films = _help(engine_main, capsys, "restore-video")
    assert (
        "--marks PNG fill in first the places that are white in this picture of the photo's size"
        in photos
    )
    assert "one photo only" in photos and "frame size" not in photos
    assert (
        "--marks PNG fill in first the places that are white in this picture of the film's "
        "frame size" in films
    )
    assert "photo's size" not in films


def test_a_preview_offers_no_cluster(tmp_path, capsys):
    assert "--cluster" not in _help(engine_main, capsys, "preview")
    with pytest.raises(SystemExit) as refused:
        engine_main(["preview", str(tmp_path / "a.png"), "--part", "0,0,8,8",
                     "-o", str(tmp_path / "b.png"), "--cluster", "local"])  # fmt: skip
    assert refused.value.code == 2
    assert "unrecognized arguments: --cluster" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["restore", "restore-video"])
def test_skipping_after_a_run_says_it_also_follows_a_run_with_failures(command, capsys):
    assert "did not finish, or had failures" in _help(engine_main, capsys, command)


def test_every_training_setting_says_what_it_means(capsys):
    said = _help(training_main, capsys, "train")
    for setting in fields(TrainingConfig):
        meaning = " ".join(setting.metadata[HELP].split())
        assert f"{meaning} (default {setting.default})" in said
    assert "--patch PATCH the side of the sharp patch" in said
    assert f"--damage {{{','.join(DAMAGES)}}}" in said
    assert f"--content-loss {{{','.join(CONTENT_LOSSES)}}}" in said
    assert f"--device DEVICE {DEVICE_HELP}" in said


@pytest.mark.parametrize(("flag", "word"), [("--damage", "fake"), ("--content-loss", "l3")])
def test_a_training_word_not_offered_is_a_usage_error(tmp_path, capsys, flag, word):
    with pytest.raises(SystemExit) as refused:
        training_main(
            ["train", str(tmp_path), "--out", str(tmp_path / "m.safetensors"), flag, word]
        )
    assert refused.value.code == 2
    assert f"argument {flag}: invalid choice: '{word}'" in capsys.readouterr().err


def test_every_prepare_option_says_what_it_does(capsys):
    said = _help(training_main, capsys, "prepare")
    assert "--crop CROP the sharp crops' side in pixels" in said
    assert "--scale {1,2,4} how many times the blurry side is smaller" in said
    assert "--crops-per-image CROPS_PER_IMAGE crops cut at random from each photo" in said
    assert f"--degrade {{{','.join(DEGRADATIONS)}}} what else the blurry side suffers" in said
    assert all(f"{recipe} (" in said for recipe in DEGRADATIONS)
    assert "--resize {" in said and "how the sharp crop is reduced to its blurry side" in said
