"""Repair and detail strengths: network interpolation between the built-in models of a family
(faithful-x4, restore-x4, detail-x4 and restore-detail-x4; faithful-x2 and restore-x2); and a
4x model's 2x counterpart, offered for films beyond 4K."""

import json

import numpy as np
import pytest
import torch

from engine import output_size, paths
from engine.chain import ModelRequest
from engine.cli import main
from engine.cluster.shipping import open_setup, pack_setup
from engine.errors import ModelFileError
from engine.imageio import Picture, read_picture, write_picture
from engine.library.blend import BLEND_FAMILIES, Mix, blend_family, counterpart
from engine.library.catalog import available_models, blend_axes, blend_position, offered_repair
from engine.library.loading import open_model
from engine.library.own_format import save_model
from engine.networks import UNetGenerator
from engine.recipe import Recipe
from engine.restorer import RestoreOptions
from tests.video_helpers import make_clip

X4 = blend_family("restore-x4")
X2 = blend_family("restore-x2")


@pytest.fixture
def builtin_dir(tmp_path, monkeypatch):
    """Every family's models, each with its own random weights (tiny networks)."""
    folder = tmp_path / "builtin"
    names = [(name, int(name[-1])) for family in BLEND_FAMILIES for name in family.members]
    for seed, (name, scale) in enumerate(names):
        torch.manual_seed(seed)
        network = UNetGenerator(scale=scale, width=4, depth=1, convs=1, up_width=4)
        for parameter in network.parameters():
            torch.nn.init.normal_(parameter)
        save_model(network, folder / f"{name}.safetensors", display_name=name)
    (folder / "aliases.json").write_text(json.dumps({"default": "restore-x4"}))
    monkeypatch.setattr(paths, "builtin_models_dir", lambda: folder)
    return folder


def _weights(model):
    return torch.cat([p.flatten() for p in model.network.state_dict().values()])


def _mean(shares: dict[str, float]):
    return sum(share * _weights(open_model(name)) for name, share in shares.items())


def test_the_families_and_their_axes():
    assert X4.members == ("faithful-x4", "restore-x4", "detail-x4", "restore-detail-x4")
    assert X4.axes == ("repair", "detail")
    assert X2.members == ("faithful-x2", "restore-x2") and X2.axes == ("repair",)
    assert blend_family("cleanup-x1") is None
    assert X4.position("detail-x4") == Mix(0.0, 1.0)
    assert X4.position("restore-x4") == Mix(1.0, 0.0)


def test_the_strengths_offered_with_a_model(builtin_dir, tiny_model_file, monkeypatch):
    monkeypatch.setattr(paths, "user_models_dir", lambda: tiny_model_file.parent)
    entries = {entry.key: entry for entry in available_models()}
    listed = list(entries.values())
    assert blend_axes(entries["detail-x4"], listed) == ("repair", "detail")
    assert blend_axes(entries["faithful-x2"], listed) == ("repair",)
    assert blend_axes(entries[str(tiny_model_file)], listed) == ()
    without_one = [entry for entry in listed if entry.key != "restore-detail-x4"]
    assert blend_axes(entries["restore-x4"], without_one) == ("repair",)  # a corner is missing
    assert blend_position("restore-detail-x4") == Mix(0.75, 1.0)
    assert blend_position("faithful-x2") == Mix(0.0, 0.0)
    assert blend_position(str(tiny_model_file)) is None


def _widen(folder, *names):
    for seed, name in enumerate(names):
        torch.manual_seed(seed)
        wide = UNetGenerator(scale=4, width=8, depth=1, convs=1, up_width=4)
        save_model(wide, folder / f"{name}.safetensors", display_name=name)


def test_a_restore_model_is_offered_at_three_quarters_repair():
    """Picked in the app, the Restore corners start at repair 0.75 (full repair paints film
    faces flat); the other corners start where they are."""
    assert X4.offered("restore-x4") == blend_position("restore-x4") == Mix(0.75, 0.0)
    assert X4.offered("restore-detail-x4") == Mix(0.75, 1.0)
    assert X4.offered("faithful-x4") == Mix(0.0, 0.0)
    assert X4.offered("detail-x4") == Mix(0.0, 1.0)
    assert X2.offered("restore-x2") == Mix(0.75, 0.0)
    assert X2.offered("faithful-x2") == X2.position("faithful-x2")


def test_the_command_line_runs_a_restore_model_at_its_offered_repair(builtin_dir, tmp_path):
    """Without --repair: restore-x4 (and default, which points at it) and restore-x2 at
    0.75, anything else as it is; --repair 1 gives the Restore model alone."""
    assert offered_repair("default") == offered_repair("restore-x4") == 0.75
    assert offered_repair("restore-detail-x4") == offered_repair("restore-x2") == 0.75
    assert offered_repair("faithful-x2") is offered_repair("faithful-x4") is None
    assert offered_repair(str(tmp_path / "missing.safetensors")) is None
    source = tmp_path / "in.png"
    pixels = np.random.default_rng(1).integers(0, 256, (12, 12, 3), dtype=np.uint8)
    write_picture(Picture(pixels, None, None, None, "png"), source)
    results = {}
    for flags in ([], ["--repair", "0.75"], ["--repair", "1"]):
        out = tmp_path / f"out{len(results)}"
        assert main(["restore", str(source), "-o", str(out), *flags]) == 0
        results[" ".join(flags)] = read_picture(out / "in.png").pixels
    assert np.array_equal(results[""], results["--repair 0.75"])
    assert not np.array_equal(results[""], results["--repair 1"])


def test_a_wider_restore_model_is_run_as_it_is(builtin_dir):
    """Where the repair strength no longer applies (restore-x4 retrained wider than
    faithful-x4), no strength is offered, so restoring does not fail."""
    _widen(builtin_dir, "restore-x4", "restore-detail-x4")
    assert offered_repair("default") is None


def test_a_model_retrained_wider_is_blended_only_with_its_own_network(builtin_dir):
    """restore-x4 grown wider (and restore-detail-x4 tuned from it): the detail strength still
    blends each side's pair, the repair strength between the two sides is not offered, and a
    repair asked for anyway is refused with a sentence."""
    _widen(builtin_dir, "restore-x4", "restore-detail-x4")
    entries = available_models()
    by_key = {entry.key: entry for entry in entries}
    assert blend_axes(by_key["restore-x4"], entries) == ("detail",)
    assert blend_axes(by_key["faithful-x4"], entries) == ("detail",)
    assert blend_axes(by_key["restore-x2"], entries) == ("repair",)
    open_model("restore-x4", detail=0.5)
    with pytest.raises(ModelFileError, match="different networks"):
        open_model("restore-x4", repair=0.5)


def test_a_family_with_one_model_apart_offers_what_stays_within_one_network(builtin_dir):
    """Only restore-x4 grown: it blends with nothing; faithful-x4 still blends with detail-x4,
    and restore-detail-x4 with detail-x4 (repair) but not both ways at once."""
    _widen(builtin_dir, "restore-x4")
    entries = available_models()
    by_key = {entry.key: entry for entry in entries}
    assert blend_axes(by_key["restore-x4"], entries) == ()
    assert blend_axes(by_key["faithful-x4"], entries) == ("detail",)
    assert blend_axes(by_key["detail-x4"], entries) == ("repair",)
    assert blend_axes(by_key["restore-detail-x4"], entries) == ("repair",)
    without_one = [entry for entry in entries if entry.key != "detail-x4"]
    assert blend_axes(by_key["faithful-x4"], without_one) == ()


@pytest.mark.parametrize("family", BLEND_FAMILIES)
def test_each_corner_is_its_model_alone(builtin_dir, family):
    for name in family.members:
        corner = family.position(name)
        for start in family.members:
            blended = open_model(start, corner.detail, corner.repair)
            assert torch.equal(_weights(blended), _weights(open_model(name)))


def test_a_point_between_is_the_bilinear_mean_of_the_four(builtin_dir):
    blended = open_model("restore-x4", detail=0.25, repair=0.6)
    expected = _mean(
        {
            "faithful-x4": 0.4 * 0.75,
            "restore-x4": 0.6 * 0.75,
            "detail-x4": 0.4 * 0.25,
            "restore-detail-x4": 0.6 * 0.25,
        }
    )
    assert torch.allclose(_weights(blended), expected, atol=1e-5)
    assert blended.descriptor.name == "restore-x4@r0.6,d0.25"
    assert blended.descriptor.display_name == "restore-x4 (repair 60%, detail 25%)"


def test_one_strength_keeps_the_named_models_other(builtin_dir):
    """A strength not given is the named model's own: restore-detail-x4 at repair 0.5 keeps
    full detail, restore-x4 at detail 0.5 keeps full repair (the detail slider as it was)."""
    detailed = open_model("restore-detail-x4", repair=0.5)
    assert torch.allclose(
        _weights(detailed), _mean({"detail-x4": 0.5, "restore-detail-x4": 0.5}), atol=1e-5
    )
    assert detailed.descriptor.display_name == "restore-detail-x4 (repair 50%)"
    half = open_model("restore-x4", detail=0.5)
    assert torch.allclose(
        _weights(half), _mean({"restore-x4": 0.5, "restore-detail-x4": 0.5}), atol=1e-5
    )
    assert half.descriptor.display_name == "restore-x4 (detail 50%)"
    faithful = open_model("faithful-x4", detail=0.3)
    assert torch.allclose(
        _weights(faithful), _mean({"faithful-x4": 0.7, "detail-x4": 0.3}), atol=1e-5
    )


def test_the_x2_family_blends_repair_and_has_no_detail(builtin_dir):
    blended = open_model("restore-x2", repair=0.8)
    assert torch.allclose(
        _weights(blended), _mean({"faithful-x2": 0.2, "restore-x2": 0.8}), atol=1e-5
    )
    assert blended.descriptor.scale == 2
    with pytest.raises(ModelFileError, match=r"^restore-x2 has no model to blend a detail"):
        open_model("restore-x2", detail=0.5)


def test_default_blends_the_family_it_points_at(builtin_dir):
    blended = open_model("default", repair=0.5)
    assert torch.allclose(
        _weights(blended), _mean({"faithful-x4": 0.5, "restore-x4": 0.5}), atol=1e-5
    )


def test_strengths_are_refused_for_other_models_and_out_of_range(builtin_dir, tiny_model_file):
    with pytest.raises(ModelFileError, match="detail strength applies to the built-in faithful-x4"):
        open_model(tiny_model_file, detail=0.5)
    with pytest.raises(ModelFileError, match=r"repair strength applies to .*faithful-x2 and"):
        open_model(tiny_model_file, repair=0.5)
    with pytest.raises(ModelFileError, match="detail strength must be between 0 and 1"):
        open_model("default", detail=1.5)
    with pytest.raises(ModelFileError, match="repair strength must be between 0 and 1"):
        open_model("default", repair=-0.1)


@pytest.mark.parametrize(
    ("key", "repair", "detail", "request_"),
    [
        ("restore-x4", 1.0, 0.0, ModelRequest("restore-x4")),
        ("restore-detail-x4", 1.0, 0.0, ModelRequest("restore-x4")),
        ("restore-x4", 1.0, 1.0, ModelRequest("restore-detail-x4")),
        ("restore-x4", 0.0, 0.0, ModelRequest("faithful-x4")),
        ("faithful-x4", 0.0, 1.0, ModelRequest("detail-x4")),
        ("restore-x4", 1.0, 0.404, ModelRequest("restore-x4", 0.4)),
        ("faithful-x4", 0.0, 0.4, ModelRequest("faithful-x4", 0.4)),
        ("restore-x4", 0.8, 0.0, ModelRequest("restore-x4", repair=0.8)),
        ("faithful-x4", 0.8, 0.5, ModelRequest("restore-x4", 0.5, repair=0.8)),
        ("restore-x4", 0.8, 1.0, ModelRequest("restore-detail-x4", repair=0.8)),
        ("restore-x2", 0.6, None, ModelRequest("restore-x2", repair=0.6)),
        ("restore-x2", 0.0, None, ModelRequest("faithful-x2")),
        ("restore-detail-x4", None, 0.5, ModelRequest("restore-x4", 0.5)),
        ("restore-x4", None, None, ModelRequest("restore-x4")),
        ("cleanup-x1", None, None, ModelRequest("cleanup-x1")),
    ],
)
def test_a_request_names_a_corner_alone_and_a_blend_after_its_corner(key, repair, detail, request_):
    """Repair is taken back from the repaired side; detail is added to the plain side."""
    assert ModelRequest.choose(key, repair=repair, detail=detail) == request_


@pytest.mark.parametrize(
    "request_",
    [ModelRequest("restore-detail-x4", 0.3), ModelRequest("restore-x4", 0.3, repair=0.7)],
)
def test_a_cluster_worker_blends_the_same_models(builtin_dir, request_):
    setup = pack_setup(request_, device="cpu", tile=0, threads=1)
    shares = X4.weights(setup.mix)
    assert [file.name for file in setup.model] == [f"{name}.safetensors" for name in shares]
    worker = open_setup(setup)
    here = request_.load().model
    assert torch.allclose(_weights(worker.model), _weights(here), atol=1e-6)
    assert worker.model.descriptor.name == here.descriptor.name


def test_a_recipe_names_the_strengths():
    request = ModelRequest("restore-x4", 0.4, repair=0.8)
    assert Recipe.of(request, RestoreOptions()).suffix() == "restore-x4 r80 d40"
    plain = Recipe.of(ModelRequest("restore-x4"), RestoreOptions())
    assert Recipe.of(request, RestoreOptions()).differences(plain) == ["detail", "repair"]


def test_cli_strength_flags(builtin_dir, tmp_path):
    source = tmp_path / "in.png"
    pixels = np.random.default_rng(0).integers(0, 256, (12, 12, 3), dtype=np.uint8)
    write_picture(Picture(pixels, None, None, None, "png"), source)
    outputs = {}
    for flags in ([], ["--detail", "1"], ["--repair", "0.5"]):
        out = tmp_path / f"out{len(outputs)}"
        assert main(["restore", str(source), "-o", str(out), *flags]) == 0
        outputs[" ".join(flags)] = read_picture(out / "in.png").pixels
    plain = outputs[""]
    assert not np.array_equal(plain, outputs["--detail 1"])
    assert not np.array_equal(plain, outputs["--repair 0.5"])
    assert (
        main(
            [
                "restore",
                str(source),
                "-o",
                str(tmp_path / "x2"),
                "--model",
                "restore-x2",
                "--detail",
                "0.5",
            ]
        )
        != 0
    )


def test_the_2x_counterpart_does_what_the_4x_model_does():
    assert counterpart("restore-x4", 2) == counterpart("restore-detail-x4", 2) == "restore-x2"
    assert counterpart("faithful-x4", 2) == counterpart("detail-x4", 2) == "faithful-x2"
    assert counterpart("restore-x2", 2) is None and counterpart("cleanup-x1", 2) is None


def test_cli_notes_a_film_beyond_4k_and_the_2x_model(builtin_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(output_size, "FILM_4K", (128, 96))  # 2x of the clip fits, 4x does not
    clip = make_clip(tmp_path / "film.mp4", frames=2, audio=None)
    assert main(["restore-video", str(clip), "-o", str(tmp_path / "out.mkv")]) == 0
    err = capsys.readouterr().err
    assert "note: film.mp4 becomes 256x192, larger than 4K" in err
    assert "--model restore-x2 makes it 128x96" in err
    out = tmp_path / "x2.mkv"
    assert main(["restore-video", str(clip), "-o", str(out), "--model", "restore-x2"]) == 0
    assert "larger than 4K" not in capsys.readouterr().err


def test_the_command_line_asks_a_corner_as_its_model_as_the_app_does(builtin_dir, tmp_path):
    """Strengths at a corner of the family load that corner's model alone, so its result is
    named as the app names it; strengths given for a model of no family still fail clearly."""
    from engine.cli.parser import command_parser
    from engine.cli.restoring import model_request

    def request(*flags: str) -> ModelRequest:
        return model_request(command_parser().parse_args(["restore", "x.png", "-o", "out", *flags]))

    assert request("--model", "restore-x4", "--repair", "0") == ModelRequest("faithful-x4")
    assert request("--model", "restore-x4", "--repair", "1", "--detail", "1") == ModelRequest(
        "restore-detail-x4"
    )
    assert request("--model", "restore-x4") == ModelRequest.choose("restore-x4", repair=0.75)
    for flags in (("--detail", "1"), ("--repair", "0", "--detail", "1")):
        lacking = request("--model", "restore-x2", *flags)  # the 2x family has no detail end
        with pytest.raises(ModelFileError):
            lacking.load()
    other = tmp_path / "other.safetensors"
    network = UNetGenerator(scale=4, width=4, depth=1, convs=1, up_width=4)
    save_model(network, other, display_name="Other")
    odd = request("--model", str(other), "--detail", "0.5")
    assert odd.detail == 0.5
    with pytest.raises(ModelFileError):
        odd.load()
