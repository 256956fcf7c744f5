"""A black-and-white picture stays grey, stored as grey or as RGB (as most scanners save it):
the networks tint greys faintly (restore-x4 by up to 15 levels on a real film frame), so a
picture whose channels are one comes back with channels that are one, through the photo path,
a part of a stack of film frames, and a whole film; a colour picture is left to the network.
A film is judged once, on frames across it, within what a lossy codec leaves of a grey film
(so every frame of it is grey, none faintly tinted, and a toned film keeps its tone); each
frame of a colour film is judged on its own within that tolerance; a part of a photo is judged
on the whole photo, as the whole restore judges it."""

from pathlib import Path

import av
import cv2
import numpy as np
import pytest
import torch

from engine.cli import main
from engine.imageio import Picture, read_picture
from engine.library.loading import load_model, open_model
from engine.library.own_format import save_model
from engine.networks import UNetGenerator
from engine.part import Region, restore_part
from engine.pixels import STILL_GREY, is_grey
from engine.progress import silent
from engine.restorer import Restorer
from engine.retouch.marks import write_marks
from engine.video import VideoOptions, restore_video
from engine.video.restore import black_and_white_film
from engine.video.still import FrameReader
from tests.conftest import SHARED_DATA, photo_path
from tests.video_helpers import decoded_frames, make_clip

CPU = torch.device("cpu")
FILMS = SHARED_DATA / "real" / "film"
FILM_FRAME = FILMS / "clip2" / "1000.png"
FILM_FRAMES = 8


@pytest.fixture(scope="module")
def restore_x4() -> Restorer:
    return Restorer(open_model("restore-x4"), CPU)


def _grey_frame() -> np.ndarray:
    """A part of a real black-and-white film frame, grey (HxW, 8-bit)."""
    frame = cv2.imread(str(FILM_FRAME), cv2.IMREAD_GRAYSCALE)
    return frame[100:148, 200:264].copy()


def _as_rgb(grey: np.ndarray) -> np.ndarray:
    return np.repeat(grey[..., None], 3, axis=2)


def _spread(rgb: np.ndarray) -> int:
    """The largest difference between two channels of a pixel."""
    return int((rgb.max(axis=-1).astype(int) - rgb.min(axis=-1)).max())


def test_black_and_white_stored_as_rgb_comes_back_as_grey_stored_as_grey_does(restore_x4):
    grey = _grey_frame()
    as_grey = restore_x4.restore(Picture(grey, None, None, None, "png")).pixels
    as_rgb = restore_x4.restore(Picture(_as_rgb(grey), None, None, None, "png")).pixels
    assert as_rgb.shape == (*as_grey.shape, 3)
    for channel in range(3):
        np.testing.assert_array_equal(as_rgb[..., channel], as_grey)


@pytest.mark.parametrize("dtype", [np.uint8, np.uint16])
def test_channels_a_level_apart_are_grey_too(restore_x4, dtype):
    """A JPEG's rounding may leave a level (of 8 bits) between a grey pixel's channels."""
    level = 257 if dtype == np.uint16 else 1
    rgb = _as_rgb(_grey_frame().astype(dtype) * level)
    rgb[::2, ::3, 0] += level
    rgb[1::2, ::2, 2] -= np.minimum(rgb[1::2, ::2, 2], level)
    assert _spread(rgb) == level
    assert _spread(restore_x4.enlarge(rgb)) == 0


def _nearly_grey(dtype: np.dtype) -> np.ndarray:
    """Grey but for one pixel whose red is just over a level (of 8 bits) above its green."""
    rgb = _as_rgb(_grey_frame()).astype(dtype) * (257 if dtype == np.uint16 else 1)
    rgb[20, 30, 0] = min(int(rgb[20, 30, 1]) + 2 * (257 if dtype == np.uint16 else 1), 60000)
    return rgb


@pytest.mark.parametrize(
    "colour",
    [
        pytest.param(lambda: cv2.imread(str(photo_path()))[:48, :64, ::-1].copy(), id="photo"),
        pytest.param(lambda: _nearly_grey(np.uint8), id="two-levels"),
        pytest.param(lambda: _nearly_grey(np.uint16), id="two-levels-16-bit"),
    ],
)
def test_a_colour_picture_is_left_to_the_network(restore_x4, colour):
    rgb = colour()
    network = restore_x4._main.run(rgb, silent())
    assert _spread(network) > 0
    np.testing.assert_array_equal(restore_x4.enlarge(rgb), network)


def test_each_frame_of_a_stack_is_grey_where_it_was(restore_x4):
    """A film's frames go through in stacks; a grey frame beside a colour one is grey."""
    grey = _grey_frame()
    colour = cv2.imread(str(photo_path()))[:48, :64, ::-1]
    stack = np.stack([_as_rgb(grey), colour])
    network = restore_x4._main.run(stack, silent())
    restored = restore_x4.enlarge(stack)
    assert _spread(network[0]) > 0
    mean = np.round(network[0].mean(axis=2))
    np.testing.assert_array_equal(restored[0], _as_rgb(mean.astype(np.uint8)))
    np.testing.assert_array_equal(restored[1], network[1])


def test_a_black_and_white_film_stays_grey(restore_x4, tmp_path: Path):
    """The film path restores its frames with the same rule (H.264 keeps a grey film's
    colour planes flat, so its frames decode with channels that are one)."""
    grey = _as_rgb(cv2.resize(_grey_frame(), (32, 24), interpolation=cv2.INTER_AREA))
    clip = make_clip(
        tmp_path / "reel.mp4", frames=3, size=(32, 24), audio=None, look=lambda _: grey
    )
    assert all(_spread(pixels) == 0 for _, pixels in decoded_frames(clip))
    target = tmp_path / "restored.mp4"
    restore_video(restore_x4, clip, target, VideoOptions())
    assert [_spread(pixels) for _, pixels in decoded_frames(target)] == [0, 0, 0]


@pytest.fixture(scope="module")
def tinting(tmp_path_factory) -> Restorer:
    """A tiny 2x network that tints what it is given by a few levels, unevenly, as trained
    networks tint greys (restore-x4 by up to 15 levels): fast enough for whole films."""
    torch.manual_seed(0)
    network = UNetGenerator(scale=2, width=4, depth=1, convs=1, up_width=4)
    with torch.no_grad():
        network.tail.weight.normal_(0.0, 0.05)
        network.tail.bias.copy_(torch.tensor([0.02, 0.0, -0.02]))
    folder = tmp_path_factory.mktemp("tinting")
    path = save_model(network, folder / "tinting.safetensors", display_name="Tinting 2x")
    return Restorer(load_model(path), CPU)


def _film_frames(tone: tuple[float, float, float] = (1.0, 1.0, 1.0)) -> list[np.ndarray]:
    """``FILM_FRAMES`` RGB frames of a real black-and-white film moving across, each channel
    scaled by ``tone`` (a toned film's)."""
    grey = cv2.resize(_grey_frame(), (40, 32), interpolation=cv2.INTER_AREA).astype(np.float32)
    frames = [
        np.roll(grey, index, axis=1)[..., None] * np.float32(tone) for index in range(FILM_FRAMES)
    ]
    return [np.clip(np.rint(frame), 0, 255).astype(np.uint8) for frame in frames]


def _codec_jitter(frame: np.ndarray, seed: int) -> np.ndarray:
    """``frame`` with each 8x8 block's channels moved apart by up to 3 levels, as a lossy
    codec's colour planes a code off grey move a black-and-white film's P-frames."""
    height, width = frame.shape[:2]
    shifts = np.random.default_rng(seed).integers(0, 4, (height // 8, width // 8, 3))
    blocks = np.kron(shifts, np.ones((8, 8, 1), int))
    return np.clip(frame.astype(int) + blocks, 0, 255).astype(np.uint8)


def _jittery_grey_frames() -> list[np.ndarray]:
    """A black-and-white film's frames, every other one a few levels off grey (a DivX
    film's P-frames): judged on its own, such a frame is colour."""
    return [_codec_jitter(f, i) if i % 2 else f for i, f in enumerate(_film_frames())]


def _coloured_logo_marked(frames: list[np.ndarray]) -> np.ndarray:
    """A television station's logo in colour, drawn on each of ``frames``; the marks that
    fill its place on every frame."""
    for frame in frames:
        frame[2:8, 2:8] = (220, 40, 30)
    marks = np.zeros(frames[0].shape[:2], np.uint8)
    marks[1:9, 1:9] = 255
    return marks


def _exact_film(path: Path, frames: list[np.ndarray]) -> Path:
    """A film holding ``frames`` exactly (FFV1 in RGB), their channels as they were made."""
    height, width = frames[0].shape[:2]
    with av.open(str(path), "w") as out:
        stream = out.add_stream("ffv1", rate=24)
        stream.width, stream.height, stream.pix_fmt = width, height, "bgr0"
        for frame in frames:
            out.mux(stream.encode(av.VideoFrame.from_ndarray(frame, format="rgb24")))
        out.mux(stream.encode(None))
    return path


def _restored_film(restorer: Restorer, frames: list[np.ndarray], folder: Path) -> list[np.ndarray]:
    """``frames`` as a film, restored by ``restorer``: its frames' RGB pixels as decoded."""
    film = _exact_film(folder / "reel.mkv", frames)
    target = folder / "restored.mkv"
    restore_video(restorer, film, target, VideoOptions(codec="ffv1"))
    return [pixels for _, pixels in decoded_frames(target)]


def test_every_frame_of_a_black_and_white_film_with_codec_jitter_comes_out_grey(tinting, tmp_path):
    """Every other frame a few levels off grey, as a DivX film's P-frames are: judged on its
    own such a frame is colour, and came out tinted between grey frames (the film flickered)."""
    frames = _jittery_grey_frames()
    assert [is_grey(frame) for frame in frames] == [True, False] * (FILM_FRAMES // 2)
    restored = _restored_film(tinting, frames, tmp_path)
    assert _spread(tinting.enlarge(frames[1])) > 3  # the network tints a frame left to it
    assert [_spread(pixels) for pixels in restored] == [0] * FILM_FRAMES


def test_a_black_and_white_film_with_a_coloured_logo_marked_to_fill_comes_out_grey(
    tinting, tmp_path
):
    """A television station's logo in colour, marked to be filled on every frame, is no
    colour of the film's: its place is left out of the judging."""
    frames = _jittery_grey_frames()
    marks = _coloured_logo_marked(frames)
    film = _exact_film(tmp_path / "reel.mkv", frames)
    target = tmp_path / "restored.mkv"
    restore_video(tinting, film, target, VideoOptions(codec="ffv1", marks=marks))
    assert [_spread(pixels) for _, pixels in decoded_frames(target)] == [0] * FILM_FRAMES


@pytest.mark.parametrize("logo", [False, True], ids=["plain", "coloured-logo-marked"])
def test_a_preview_of_a_frame_of_a_black_and_white_film_with_codec_jitter_is_grey(
    tinting, tmp_path, logo
):
    """A preview shows what the restore gives: the film is judged as the restore judges it
    (with its marks), not the frame alone, which a few levels off grey came out tinted."""
    frames = _jittery_grey_frames()
    marks = write_marks(tmp_path / "logo.png", _coloured_logo_marked(frames)) if logo else None
    film = _exact_film(tmp_path / "reel.mkv", frames)
    out = tmp_path / "frame.png"
    model = str(tinting.model.descriptor.path)
    preview = ["preview", str(film), "--frame", "2", "-o", str(out), "--model", model]
    assert main([*preview, *(["--marks", str(marks)] if marks else [])]) == 0
    assert _spread(read_picture(out).pixels) == 0


def test_a_film_toned_by_a_few_levels_keeps_its_tone(tinting, tmp_path):
    """A sepia film (its channels 3 levels apart in the mid-tones, 6 in the highlights) is no
    black-and-white film: each frame comes out as the network makes it, through the codec's
    round trip."""
    frames = _film_frames(tone=(1.012, 1.0, 0.985))
    assert _spread(frames[0]) == 6
    restored = _restored_film(tinting, frames, tmp_path)
    for frame, pixels in zip(frames, restored, strict=True):
        assert np.abs(pixels.astype(int) - tinting.enlarge(frame)).max() <= 2  # YUV 4:4:4
        assert _spread(pixels) > 4


def _codec_speck(frame: np.ndarray, seed: int) -> np.ndarray:
    """``frame`` with one pixel's red moved 2 or 3 levels off grey (0.08 % of a 40x32 frame),
    as a lossy codec leaves a few of a black-and-white frame's pixels."""
    specked = frame.copy()
    rng = np.random.default_rng(seed)
    y, x = rng.integers(0, frame.shape[0]), rng.integers(0, frame.shape[1])
    levels = int(rng.integers(2, 4))
    red = int(specked[y, x, 0])
    specked[y, x, 0] = red + levels if red < 128 else red - levels
    return specked


def _toned_then_black_and_white() -> list[np.ndarray]:
    """A colour film: a sepia shot, then a black-and-white shot whose every other frame
    carries a codec's speck off grey (judged as a photo, such a frame is colour)."""
    toned = _film_frames(tone=(1.012, 1.0, 0.985))
    grey = [_codec_speck(f, i) if i % 2 else f for i, f in enumerate(_film_frames())]
    return toned + grey


def test_a_black_and_white_shot_of_a_colour_film_comes_out_grey_throughout(tinting, tmp_path):
    """Each frame of a colour film is judged on its own within what a lossy codec leaves of
    grey: a speck off grey left some frames of the black-and-white shot to the network's
    tint, the frames between them grey (the shot flickered); the sepia shot keeps its tone."""
    frames = _toned_then_black_and_white()
    grey_shot = frames[FILM_FRAMES:]
    assert [is_grey(frame) for frame in grey_shot] == [True, False] * (FILM_FRAMES // 2)
    restored = _restored_film(tinting, frames, tmp_path)
    assert all(_spread(pixels) > 4 for pixels in restored[:FILM_FRAMES])
    assert [_spread(pixels) for pixels in restored[FILM_FRAMES:]] == [0] * FILM_FRAMES


def test_a_preview_of_a_black_and_white_frame_of_a_colour_film_is_grey(tinting, tmp_path):
    """The preview judges the frame as the restore judges it: within a film's tolerance."""
    film = _exact_film(tmp_path / "reel.mkv", _toned_then_black_and_white())
    out = tmp_path / "frame.png"
    model = str(tinting.model.descriptor.path)
    frame = str(FILM_FRAMES + 2)  # the black-and-white shot's second frame, a speck off grey
    assert main(["preview", str(film), "--frame", frame, "-o", str(out), "--model", model]) == 0
    assert _spread(read_picture(out).pixels) == 0


def _lossy(frames: list[np.ndarray], path: Path, codec: str) -> list[np.ndarray]:
    """``frames`` as ``codec`` (an AVI) gives them back to Rekindle."""
    height, width = (side // 16 * 16 for side in frames[0].shape[:2])
    with av.open(str(path), "w") as out:
        stream = out.add_stream(codec, rate=24)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        for frame in frames:
            picture = np.ascontiguousarray(frame[:height, :width])
            out.mux(stream.encode(av.VideoFrame.from_ndarray(picture, format="rgb24")))
        out.mux(stream.encode(None))
    reader = FrameReader(path)
    return [reader.read(index) for index in range(reader.info.frames)]


def _real_frames(clip: str) -> list[np.ndarray]:
    files = sorted((FILMS / clip).glob("*.png"))[:12]
    return [cv2.imread(str(path))[..., ::-1].copy() for path in files]


@pytest.mark.parametrize("codec", ["mpeg4", "msmpeg4"])
def test_a_real_black_and_white_film_through_a_lossy_codec_is_judged_black_and_white(
    tmp_path, codec
):
    """MPEG-4 Part 2 (DivX, Xvid) and MS-MPEG-4 leave whole frames of it a code off grey."""
    frames = _lossy(_real_frames("clip2"), tmp_path / "reel.avi", codec)
    assert not all(is_grey(frame, STILL_GREY) for frame in frames)
    assert black_and_white_film(frames)


@pytest.mark.parametrize("clip", ["clip1", "clip3"])
@pytest.mark.parametrize("codec", [None, "mpeg4"])
def test_a_real_toned_film_is_not_judged_black_and_white(tmp_path, clip, codec):
    """clip1 and clip3 are toned green (their channels 5 to 8 levels apart in most pixels): a
    muted colour, kept."""
    frames = _real_frames(clip)
    if codec is not None:
        frames = _lossy(frames, tmp_path / "reel.avi", codec)
    assert not black_and_white_film(frames)


def _half_grey_photo() -> np.ndarray:
    """A real colour photo (130x90) whose left 90 columns are made grey."""
    photo = cv2.cvtColor(cv2.imread(str(photo_path(3))), cv2.COLOR_BGR2RGB)[100:190, 200:330]
    photo = np.ascontiguousarray(photo)
    photo[:, :90] = cv2.cvtColor(photo[:, :90], cv2.COLOR_RGB2GRAY)[..., None]
    return photo


def _part_of(whole: np.ndarray, region: Region, scale: int) -> np.ndarray:
    y, x = region.y * scale, region.x * scale
    return whole[y : y + region.height * scale, x : x + region.width * scale]


def test_a_grey_part_of_a_colour_photo_keeps_the_colour_the_whole_restore_gives_it(tinting):
    """The part and all it is cut out with lie in the grey half: judged on its own it was
    grey, while the whole photo, colour, keeps the network's colour there."""
    photo = _half_grey_photo()
    region = Region(30, 30, 20, 20)
    whole = tinting.restore(Picture(photo, None, None, None, "png")).pixels
    expected = _part_of(whole, region, 2)
    assert _spread(expected) > 3
    np.testing.assert_array_equal(restore_part(tinting, photo, region), expected)


def test_a_part_of_a_black_and_white_photo_with_a_coloured_speck_marked_is_grey(tinting):
    """A speck of coloured grit, marked to be filled, makes no colour photo of a
    black-and-white one: the whole restore fills it and gives a grey picture, and so does
    the part, far from the speck."""
    photo = _as_rgb(cv2.cvtColor(_half_grey_photo(), cv2.COLOR_RGB2GRAY))
    photo[80:83, 120:123] = (200, 60, 40)
    marks = np.zeros(photo.shape[:2], np.uint8)
    marks[79:84, 119:124] = 255
    region = Region(20, 20, 30, 20)
    whole = tinting.restore(Picture(photo, None, None, None, "png"), marks=marks).pixels
    assert _spread(whole) == 0
    part = restore_part(tinting, photo, region, marks=marks)
    np.testing.assert_array_equal(part, _part_of(whole, region, 2))
