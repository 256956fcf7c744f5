"""``python -m training train`` end to end: progress, metrics file, resume, a loadable model."""

import json

from engine.library.loading import load_model
from tests.training_helpers import tiny_dataset, validation_folder
from training.cli import main
from training.metrics_log import metrics_path

SMALL = [
    "--width",
    "8",
    "--depth",
    "1",
    "--up-width",
    "8",
    "--disc-width",
    "8",
    "--disc-depth",
    "2",
    "--batch",
    "2",
    "--checkpoint-every",
    "2",
    "--validate-every",
    "3",
]


def test_train_then_resume_for_more_steps(tmp_path, capsys):
    dataset = tiny_dataset(tmp_path)
    out = tmp_path / "mine.safetensors"
    args = [
        "train",
        str(dataset),
        "--out",
        str(out),
        "--val",
        str(validation_folder(tmp_path)),
        "--warmup-steps",
        "2",
        "--steps",
        "1",
        "--name",
        "My photos",
        *SMALL,
    ]
    assert main(args) == 0
    text = capsys.readouterr()
    assert "finished at step 3" in text.out + text.err
    assert "PSNR" in text.out + text.err
    assert load_model(out).descriptor.training["steps_done"] == 3

    with open(metrics_path(out), "a") as stream:  # as if killed after a step past the checkpoint
        stream.write(json.dumps({"type": "step", "step": 4}) + "\n")  # and while writing one
        stream.write(json.dumps({"type": "step", "step": 5})[:9])
    assert main(["train", str(dataset), "--out", str(out), "--resume", "--steps", "3"]) == 0
    model = load_model(out)
    assert model.descriptor.training["steps_done"] == 5
    assert model.descriptor.training["config"]["width"] == 8  # the checkpoint's config was kept
    assert model.descriptor.display_name == "My photos"
    records = [json.loads(line) for line in metrics_path(out).read_text().splitlines()]
    steps = [r["step"] for r in records if r["type"] == "step"]
    assert steps == [1, 2, 3, 4, 5]
    validated = [r["step"] for r in records if r["type"] == "validation"]
    assert validated == [3, 5]  # the resumed run validated on the set given at the start


def test_bad_dataset_is_a_clear_error(tmp_path, capsys):
    assert main(["train", str(tmp_path), "--out", str(tmp_path / "m.safetensors")]) == 2
    assert "not a prepared dataset" in capsys.readouterr().out


def test_precision_and_content_loss_options_reach_the_run(tmp_path):
    dataset = tiny_dataset(tmp_path)
    out = tmp_path / "m.safetensors"
    options = ["--amp", "bf16", "--content-loss", "charbonnier", "--fft-weight", "0.1"]
    options += ["--checkpoint-seconds", "600"]
    assert main(["train", str(dataset), "--out", str(out), "--steps", "1", *SMALL, *options]) == 0
    training = load_model(out).descriptor.training
    config = training["config"]
    assert (config["content_loss"], config["fft_weight"]) == ("charbonnier", 0.1)
    assert config["checkpoint_seconds"] == 600.0
    assert training["runs"][-1]["amp"] == "bf16"
