"""``training prepare``: crops at random positions, blurry partners, a reproducible manifest."""

import json
import shutil
from dataclasses import replace

import cv2
import numpy as np
import pytest

from engine.errors import Cancelled, RekindleError
from engine.progress import CancelToken, Progress
from tests.conftest import photo_path
from training import prepare as prepare_module
from training.cli import main
from training.config import PrepareOptions
from training.damage.numpy_pipeline import apply_damage
from training.dataset import PairSampler
from training.degrade import apply_oldphoto
from training.prepare import make_blurry, prepare, read_manifest, resize_bicubic, shrink_bicubic


@pytest.fixture
def source(tmp_path):
    folder = tmp_path / "photos"
    (folder / "deeper").mkdir(parents=True)
    shutil.copy(photo_path(0), folder / "one.png")
    shutil.copy(photo_path(1), folder / "deeper" / "two.png")
    shutil.copy(photo_path(0), folder / "deeper" / "copy-of-one.png")  # duplicate
    cv2.imwrite(str(folder / "small.png"), np.zeros((60, 200, 3), np.uint8))
    (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    return folder


OPTIONS = PrepareOptions(crop=96, scale=4, crops_per_image=3, seed=7)


def test_counts_sizes_and_report(source, tmp_path):
    report = prepare(source, tmp_path / "ds", OPTIONS)
    assert len(report.pairs) == 6  # two distinct usable photos, three crops each
    assert report.too_small == ["small.png"]
    assert [u["file"] for u in report.unreadable] == ["broken.jpg"]
    assert len(report.duplicates) == 1
    for pair in report.pairs:
        hr = cv2.imread(str(tmp_path / "ds" / "hr" / pair["name"]))
        lr = cv2.imread(str(tmp_path / "ds" / "lr" / pair["name"]))
        assert hr.shape == (96, 96, 3) and lr.shape == (24, 24, 3)


def test_crops_are_cut_not_resized_and_blurry_is_the_resized_crop(source, tmp_path):
    report = prepare(source, tmp_path / "ds", OPTIONS)
    pair = report.pairs[0]
    x, y, w, h = pair["box"]
    original = cv2.imread(str(source / pair["source"]))
    hr = cv2.imread(str(tmp_path / "ds" / "hr" / pair["name"]))
    assert np.array_equal(hr, original[y : y + h, x : x + w])
    lr = cv2.imread(str(tmp_path / "ds" / "lr" / pair["name"]))
    assert np.array_equal(lr, make_blurry(hr, 4, "area"))
    assert pair["resize"] == "area"


def test_antialiased_cubic_makes_the_benchmarks_reduction(source, tmp_path):
    """The pairs can be shrunk exactly as bench/quality.py shrinks its photos."""
    options = replace(OPTIONS, crops_per_image=1, resize="antialiased-cubic")
    pair = prepare(source, tmp_path / "ds", options).pairs[0]
    hr = cv2.cvtColor(cv2.imread(str(tmp_path / "ds" / "hr" / pair["name"])), cv2.COLOR_BGR2RGB)
    lr = cv2.cvtColor(cv2.imread(str(tmp_path / "ds" / "lr" / pair["name"])), cv2.COLOR_BGR2RGB)
    assert np.array_equal(lr, shrink_bicubic(hr, 4))
    assert not np.array_equal(lr, make_blurry(hr, 4, "area"))  # a different filter from area
    assert pair["resize"] == "antialiased-cubic"


def test_larger_photos_give_more_crops_by_megapixel(tmp_path):
    """At 10 per megapixel a 1 MP photo gives 10 crops; a 0.1 MP one the minimum, 3."""
    folder = tmp_path / "photos"
    folder.mkdir()
    rng = np.random.default_rng(0)
    cv2.imwrite(str(folder / "large.png"), rng.integers(0, 255, (1000, 1000, 3), np.uint8))
    cv2.imwrite(str(folder / "small.png"), rng.integers(0, 255, (250, 400, 3), np.uint8))
    options = PrepareOptions(crop=96, crops_per_image=3, crops_per_megapixel=10, seed=1)
    report = prepare(folder, tmp_path / "ds", options)
    per_photo = {name: sum(p["source"] == name for p in report.pairs) for name in report.used}
    assert per_photo == {"large.png": 10, "small.png": 3}
    with pytest.raises(ValueError, match="megapixel"):
        PrepareOptions(crops_per_megapixel=-1)


def test_shrink_takes_larger_squares_reduced_evenly(source, tmp_path):
    """With shrink 0.5 a crop may come from a square up to twice its side, reduced whole."""
    options = replace(OPTIONS, crops_per_image=8, shrink=0.5, resize="antialiased-cubic")
    report = prepare(source, tmp_path / "ds", options)
    sides = [pair["box"][2] for pair in report.pairs]
    assert all(96 <= side <= 192 for side in sides) and max(sides) > 120
    for pair in report.pairs:
        x, y, w, h = pair["box"]
        assert w == h  # a square stays a square: the photo is never distorted
        original = cv2.cvtColor(cv2.imread(str(source / pair["source"])), cv2.COLOR_BGR2RGB)
        hr = cv2.cvtColor(cv2.imread(str(tmp_path / "ds" / "hr" / pair["name"])), cv2.COLOR_BGR2RGB)
        lr = cv2.cvtColor(cv2.imread(str(tmp_path / "ds" / "lr" / pair["name"])), cv2.COLOR_BGR2RGB)
        assert np.array_equal(hr, resize_bicubic(original[y : y + h, x : x + w], (96, 96)))
        assert np.array_equal(lr, shrink_bicubic(hr, 4))
    for bad in (0.1, 1.5):
        with pytest.raises(ValueError, match="shrink"):
            PrepareOptions(shrink=bad)


def test_same_seed_same_dataset_other_seed_other_crops(source, tmp_path):
    first = prepare(source, tmp_path / "a", OPTIONS)
    second = prepare(source, tmp_path / "b", OPTIONS)
    third = prepare(source, tmp_path / "c", PrepareOptions(crop=96, crops_per_image=3, seed=8))
    assert first.pairs == second.pairs
    for pair in first.pairs:
        name = pair["name"]
        assert (tmp_path / "a" / "lr" / name).read_bytes() == (
            tmp_path / "b" / "lr" / name
        ).read_bytes()
    assert [p["box"] for p in first.pairs] != [p["box"] for p in third.pairs]


def test_manifest_records_everything(source, tmp_path):
    prepare(source, tmp_path / "ds", OPTIONS)
    manifest = json.loads((tmp_path / "ds" / "manifest.json").read_text())
    assert manifest["options"] == OPTIONS.to_dict()
    assert {"name", "source", "box", "resize", "degradation"} <= set(manifest["pairs"][0])
    assert manifest["too_small"] == ["small.png"]


def test_oldphoto_degradation_is_recorded_and_replayable(source, tmp_path):
    options = PrepareOptions(crop=96, crops_per_image=2, degrade="oldphoto", seed=3)
    report = prepare(source, tmp_path / "ds", options)
    degraded = [p for p in report.pairs if p["degradation"]]
    assert degraded
    pair = degraded[0]
    hr = cv2.cvtColor(cv2.imread(str(tmp_path / "ds" / "hr" / pair["name"])), cv2.COLOR_BGR2RGB)
    lr = cv2.cvtColor(cv2.imread(str(tmp_path / "ds" / "lr" / pair["name"])), cv2.COLOR_BGR2RGB)
    replayed = apply_oldphoto(make_blurry(hr, 4, "area"), pair["degradation"])
    assert np.array_equal(lr, replayed)


def test_real_damage_is_recorded_and_replayable_from_the_sharp_crop(source, tmp_path):
    options = PrepareOptions(crop=96, crops_per_image=3, degrade="real", seed=5)
    report = prepare(source, tmp_path / "ds", options)
    for pair in report.pairs:
        hr = cv2.cvtColor(cv2.imread(str(tmp_path / "ds" / "hr" / pair["name"])), cv2.COLOR_BGR2RGB)
        lr = cv2.cvtColor(cv2.imread(str(tmp_path / "ds" / "lr" / pair["name"])), cv2.COLOR_BGR2RGB)
        assert lr.shape == (24, 24, 3)
        assert np.array_equal(lr, apply_damage(hr, pair["degradation"]))


def test_damage_degradation_leaves_colour_alone(source, tmp_path):
    options = PrepareOptions(crop=96, crops_per_image=4, degrade="damage", seed=3)
    report = prepare(source, tmp_path / "ds", options)
    steps = [p["degradation"] for p in report.pairs]
    assert any(s["blur"] or s["noise"] or s["jpeg"] for s in steps)
    assert not any(s["fade"] or s["colour_cast"] for s in steps)


def test_progress_and_cancel(source, tmp_path):
    seen = []
    prepare(source, tmp_path / "ds", OPTIONS, Progress(lambda event: seen.append(event.fraction)))
    assert seen[-1] == pytest.approx(1.0)
    token = CancelToken()
    token.cancel()
    from engine.errors import Cancelled

    with pytest.raises(Cancelled):
        prepare(source, tmp_path / "ds2", OPTIONS, Progress(token=token))


def test_command_line(source, tmp_path, capsys):
    code = main(
        ["prepare", str(source), str(tmp_path / "ds"), "--crop", "96", "--crops-per-image", "2"]
    )
    said = capsys.readouterr()
    assert code == 0
    assert "too small for a 96 crop: small.png" in said.err
    assert "unreadable: broken.jpg" in said.err
    assert "4 pairs from 2 photos" in said.out
    by_area = ["--crops-per-image", "1", "--crops-per-megapixel", "16"]
    assert main(["prepare", str(source), str(tmp_path / "ds2"), "--crop", "96", *by_area]) == 0
    assert cv2.imread(str(photo_path(0))).shape[:2] == (500, 500)  # 0.25 MP: 4 crops each
    assert "8 pairs from 2 photos" in capsys.readouterr().out


def test_clean_up_pairs_are_the_same_crop_with_and_without_damage(source, tmp_path):
    """Scale 1: the blurry side is the sharp crop itself, damaged (noise, scratches, dust,
    JPEG), never blurred, faded or tinted."""
    options = PrepareOptions(crop=96, scale=1, crops_per_image=4, degrade="cleanup", seed=3)
    report = prepare(source, tmp_path / "ds", options)
    steps = [p["degradation"] for p in report.pairs]
    assert any(s["noise"] or s["jpeg"] or s["scratches"] or s["specks"] for s in steps)
    assert not any(s["blur"] or s["fade"] or s["colour_cast"] for s in steps)
    pair = report.pairs[0]
    hr = cv2.imread(str(tmp_path / "ds" / "hr" / pair["name"]))
    lr = cv2.imread(str(tmp_path / "ds" / "lr" / pair["name"]))
    assert hr.shape == lr.shape == (96, 96, 3)
    clean = cv2.cvtColor(hr, cv2.COLOR_BGR2RGB)
    replayed = apply_oldphoto(clean, pair["degradation"])
    assert np.array_equal(cv2.cvtColor(lr, cv2.COLOR_BGR2RGB), replayed)


def test_a_clean_up_dataset_without_damage_is_refused():
    with pytest.raises(ValueError, match="needs a degradation"):
        PrepareOptions(scale=1)


def test_a_share_of_crops_is_made_black_and_white_on_both_sides(source, tmp_path):
    options = PrepareOptions(crop=96, crops_per_image=12, degrade="real", grey=0.5, seed=2)
    report = prepare(source, tmp_path / "ds", options)
    greys = [pair["grey"] for pair in report.pairs]
    assert 0 < sum(greys) < len(greys)
    for pair in report.pairs:
        hr = cv2.imread(str(tmp_path / "ds" / "hr" / pair["name"])).astype(int)
        lr = cv2.imread(str(tmp_path / "ds" / "lr" / pair["name"])).astype(int)
        neutral = [np.abs(side - side[..., 1:2]).max() == 0 for side in (hr, lr)]
        assert neutral == [pair["grey"]] * 2  # a damaged grey crop stays grey
    none = prepare(source, tmp_path / "none", replace(options, grey=0.0))
    assert not any(pair["grey"] for pair in none.pairs)
    with pytest.raises(ValueError, match="grey share"):
        PrepareOptions(grey=1.5)


def test_a_dataset_inside_its_source_is_not_read_back(source, tmp_path):
    dataset = source / "pairs"
    first = prepare(source, dataset, OPTIONS)
    again = prepare(source, dataset, OPTIONS)
    assert again.used == first.used == ["deeper/copy-of-one.png", "deeper/two.png"]
    assert len(again.pairs) == len(first.pairs)


def test_a_folder_holding_other_files_is_not_made_a_dataset(source, tmp_path):
    album = tmp_path / "album"
    album.mkdir()
    (album / "hr").mkdir()
    (album / "hr" / "000000.png").write_bytes(b"a person's own photo")
    with pytest.raises(RekindleError, match="holds other files"):
        prepare(source, album, OPTIONS)
    assert (album / "hr" / "000000.png").read_bytes() == b"a person's own photo"
    with pytest.raises(RekindleError, match="not a folder of photos"):
        prepare(source / "one.png", tmp_path / "ds", OPTIONS)


def test_nothing_usable_is_an_error_that_lists_why_and_writes_nothing(source, tmp_path, capsys):
    dataset = tmp_path / "ds"
    code = main(["prepare", str(source), str(dataset), "--crop", "800"])
    err = capsys.readouterr().err
    assert code == 2
    assert "too small for a 800 crop: deeper/two.png" in err
    assert "unreadable: broken.jpg" in err
    assert f"error: nothing in {source} could be cut into pairs" in err
    assert not dataset.exists()


def test_a_prepare_stopped_over_an_earlier_dataset_leaves_none_until_run_again(
    source, tmp_path, monkeypatch
):
    """The earlier manifest goes before its pairs are overwritten: training refuses the
    folder rather than train on its records of pairs that are no longer there."""
    dataset = tmp_path / "ds"
    prepare(source, dataset, replace(OPTIONS, crop=48, scale=2))
    real, written = prepare_module._write_png, []

    def stopped_at_the_third_file(pixels, path):
        if len(written) == 2:
            raise Cancelled()
        written.append(path)
        real(pixels, path)

    monkeypatch.setattr(prepare_module, "_write_png", stopped_at_the_third_file)
    with pytest.raises(Cancelled):
        prepare(source, dataset, OPTIONS)
    with pytest.raises(
        RekindleError, match="preparation was stopped before the end; run prepare again"
    ):
        PairSampler(dataset, scale=2)
    monkeypatch.undo()
    report = prepare(source, dataset, OPTIONS)  # the stopped one's folder is taken again
    assert read_manifest(dataset)["options"] == OPTIONS.to_dict()
    assert len(PairSampler(dataset, scale=4)) == len(report.pairs)
    assert sorted(path.name for path in dataset.iterdir()) == ["hr", "lr", "manifest.json"]
