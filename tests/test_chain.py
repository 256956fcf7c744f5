"""Restoration chains: 1x models before and after the model that enlarges, run through the tiler
like it, refused when they enlarge or restore faces, cancellable and reported in every stage."""

import hashlib
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import torch
from safetensors.torch import save_file
from spandrel import ModelLoader
from spandrel.architectures.Compact.__arch.SRVGG import SRVGGNetCompact
from spandrel.architectures.DRUNet.__arch.network_unet import DRUNet
from spandrel.architectures.ESRGAN.__arch.RRDB import RRDBNet
from spandrel.architectures.RestoreFormer.__arch.restoreformer_arch import RestoreFormer

from engine.chain import ModelChain, model_identity, open_chain
from engine.errors import Cancelled, ModelFileError
from engine.library.loading import load_model
from engine.progress import CancelToken, Progress, ProgressEvent
from engine.restorer import RestoreOptions, Restorer
from engine.video.fields import TELECINE, VIDEO, Fields
from engine.video.restore import VideoOptions, _settings

CPU = torch.device("cpu")
WHOLE = 4096


def write_compact_1x(path: Path) -> Path:
    """A 1x Real-ESRGAN compact network (denoise-sized) with random weights, as a .pth."""
    torch.manual_seed(1)
    torch.save(SRVGGNetCompact(num_feat=8, num_conv=2, upscale=1).state_dict(), path)
    return path


def write_esrgan_1x(path: Path) -> Path:
    """A 1x ESRGAN with random weights, as a .safetensors."""
    torch.manual_seed(2)
    state = RRDBNet(num_filters=8, num_blocks=1, scale=1).state_dict()
    save_file({k: v.contiguous() for k, v in state.items()}, path)
    return path


@pytest.fixture
def denoise(tmp_path) -> Path:
    return write_compact_1x(tmp_path / "denoise.pth")


@pytest.fixture
def dejpeg(tmp_path) -> Path:
    return write_esrgan_1x(tmp_path / "dejpeg.safetensors")


@pytest.fixture
def chain(tiny_model_file, denoise, dejpeg) -> ModelChain:
    return open_chain(tiny_model_file, before=[dejpeg], after=[denoise])


def _image(height: int = 20, width: int = 30, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, (height, width, 3), dtype=np.uint8)


def test_the_chain_equals_its_stages_run_one_after_the_other(
    chain, tiny_model_file, denoise, dejpeg
):
    image = _image()
    result = Restorer(chain, CPU, WHOLE).enlarge(image)
    by_hand = image
    for path in (dejpeg, tiny_model_file, denoise):
        by_hand = Restorer(load_model(path), CPU, WHOLE).enlarge(by_hand)
    assert result.shape == (80, 120, 3)
    assert np.abs(result.astype(int) - by_hand.astype(int)).max() <= 1


def test_after_stages_run_at_the_output_scale(chain, denoise):
    image = _image()
    result = Restorer(chain, CPU, WHOLE).enlarge(image, scale_out=2)
    enlarged = Restorer(ModelChain(chain.model, chain.before), CPU, WHOLE).enlarge(image, 2)
    by_hand = Restorer(load_model(denoise), CPU, WHOLE).enlarge(enlarged)
    assert result.shape == (40, 60, 3)
    assert np.array_equal(result, by_hand)


def test_a_tiled_chain_matches_the_whole_picture(chain):
    image = _image(40, 52)
    whole = Restorer(chain, CPU, WHOLE).enlarge(image)
    tiled = Restorer(chain, CPU, 16).enlarge(image)
    assert np.abs(whole.astype(int) - tiled.astype(int)).max() <= 1


def test_gray_pictures_and_stacks_of_frames_go_through_the_chain(chain):
    restorer = Restorer(chain, CPU, WHOLE)
    frames = np.stack([_image(seed=1), _image(seed=2)])
    stacked = restorer.enlarge(frames)
    assert np.array_equal(stacked[1], restorer.enlarge(frames[1]))
    gray = _image()[..., 0]
    assert restorer.enlarge(gray).shape == (80, 120)


@pytest.mark.parametrize("when", ["before", "after"])
def test_a_stage_that_enlarges_is_refused_by_name_and_scale(tiny_model_file, denoise, when):
    stages = {when: [tiny_model_file]}
    with pytest.raises(ModelFileError, match=r"tiny enlarges 4x; only models that do not enlarge"):
        open_chain(denoise, **stages)


def _stretches(restorer: Restorer) -> list[tuple[float, float]]:
    """Progress shares of the chain's runs, by the pixels each takes in times what its network
    costs a pixel: the 1x stage before on the picture (1), the 4x model on the picture (1),
    the 1x stage after on the 4x result (16)."""
    placed = [restorer._before[0], restorer._main, restorer._after[0]]
    costs = [stage.cost_per_pixel * area for stage, area in zip(placed, [1, 1, 16], strict=True)]
    ends = np.cumsum(costs) / sum(costs)
    return list(zip([0.0, *ends[:-1]], ends, strict=True))


def test_progress_rises_to_the_end_across_every_stage_in_proportion_to_its_work(chain):
    seen: list[float] = []
    restorer = Restorer(chain, CPU, 16)
    restorer.enlarge(_image(), progress=Progress(lambda event: seen.append(event.fraction)))
    assert seen == sorted(seen) and seen[-1] == pytest.approx(1.0)
    for low, high in _stretches(restorer):  # each stage reports its own tiles within its share
        assert sum(1 for f in seen if low < f < high) > 1


@pytest.mark.parametrize("stage", [0, 1, 2], ids=["before", "enlarging", "after"])
def test_cancel_stops_inside_any_stage(chain, stage):
    restorer = Restorer(chain, CPU, 16)
    low, high = _stretches(restorer)[stage]
    cancel_at = (low + high) / 2
    token = CancelToken()
    seen: list[float] = []

    def listen(event: ProgressEvent) -> None:
        seen.append(event.fraction)
        if event.fraction >= cancel_at:
            token.cancel()

    with pytest.raises(Cancelled):
        restorer.enlarge(_image(), progress=Progress(listen, token))
    assert cancel_at <= seen[-1] <= high  # stopped within the stage


def test_the_video_job_key_knows_the_stages(tiny_model_file, denoise):
    plan = SimpleNamespace(describe=dict)
    options = VideoOptions(segment_frames=10)
    alone = _settings(Restorer(load_model(tiny_model_file), CPU), plan, 4, options)
    chained = _settings(
        Restorer(open_chain(tiny_model_file, after=[denoise]), CPU), plan, 4, options
    )
    assert "before" not in alone and "after" not in alone  # jobs without stages resume as before
    assert "ensemble" not in alone  # nor do jobs without Extra care
    assert "deinterlace" not in alone  # nor progressive films
    restorer = Restorer(load_model(tiny_model_file), CPU)
    made_whole = {
        kind: _settings(restorer, plan, 4, options, Fields(kind))["deinterlace"]
        for kind in (VIDEO, TELECINE)
    }
    assert made_whole == {VIDEO: "video", TELECINE: "telecine"}  # the one way, not the other
    assert chained["model"] == alone["model"]
    assert chained["after"][0]["sha256"] == hashlib.sha256(denoise.read_bytes()).hexdigest()


def test_frame_options_nested_in_video_options_keep_the_film_job_key(tiny_model_file):
    """An unfinished film from before VideoOptions held a RestoreOptions still resumes."""
    restorer = Restorer(load_model(tiny_model_file), CPU)
    plan = SimpleNamespace(describe=lambda: {"codec": "h264"})
    frames = RestoreOptions(scale_out=2, tile=64, ensemble=True)
    options = VideoOptions(frames=frames, segment_frames=10)
    assert options.frames.tile == 64 and VideoOptions().frames == RestoreOptions()
    assert _settings(restorer, plan, 2, options) == {
        "model": model_identity(restorer.model),
        "scale_out": 2,
        "ensemble": True,
        "segment_frames": 10,
        "encode": {"codec": "h264"},
    }


def test_a_face_restoration_model_is_refused_as_model_and_as_stage(tmp_path, tiny_model_file):
    torch.manual_seed(0)
    network = RestoreFormer(
        n_embed=16, embed_dim=32, ch=32, out_ch=3, ch_mult=(1, 2), num_res_blocks=1,
        attn_resolutions=(16,), dropout=0.0, in_channels=3, resolution=512, z_channels=32,
        double_z=False, enable_mid=True, head_size=8,
    )  # fmt: skip
    path = tmp_path / "faces.pth"
    torch.save(network.state_dict(), path)
    with pytest.raises(ModelFileError, match=r"faces\.pth: a face restoration model"):
        load_model(path)
    with pytest.raises(ModelFileError, match="face detector"):
        open_chain(tiny_model_file, before=[path])


def test_a_denoiser_that_needs_a_noise_map_runs_as_its_architecture_says(tmp_path):
    """DRUNet takes a noise-level map as a fourth channel: spandrel's own call adds it."""
    torch.manual_seed(0)
    path = tmp_path / "drunet.pth"
    torch.save(DRUNet(in_nc=4, out_nc=3, nc=[8, 8, 8, 8], nb=2).state_dict(), path)
    image = _image(24, 32)
    restored = Restorer(load_model(path), CPU, 16).enlarge(image)
    tensor = torch.from_numpy(image).permute(2, 0, 1)[None].float() / 255
    expected = ModelLoader().load_from_file(path)(tensor)[0].permute(1, 2, 0).numpy() * 255
    assert np.abs(restored - expected).max() <= 2


def test_a_denoiser_with_a_one_image_noise_map_takes_a_batch_of_frames(tmp_path):
    """spandrel's DRUNet call makes a noise map for one image; films on CUDA send batches."""
    torch.manual_seed(0)
    path = tmp_path / "drunet.pth"
    torch.save(DRUNet(in_nc=4, out_nc=3, nc=[8, 8, 8, 8], nb=2).state_dict(), path)
    network = load_model(path).network
    frames = torch.rand(3, 3, 16, 24)
    with torch.no_grad():
        batch = network(frames)
        one_by_one = torch.cat([network(frame[None]) for frame in frames])
    assert batch.shape == (3, 3, 16, 24)
    assert torch.allclose(batch, one_by_one, atol=1e-6)
