"""Small synthetic films (made with PyAV) and ways to read films back, for the video tests."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
import torch

from bench.fields import interlaced_clip, telecined
from engine.library.loading import load_model
from engine.library.own_format import save_model
from engine.networks import UNetGenerator
from engine.pixels import PHOTO_GREY
from engine.progress import CancelToken, Progress
from engine.restorer import Restorer
from engine.video.frames import Frame
from engine.video.segments import EncodedSegment, Journal, OpenSegment, WorkFolder
from engine.video.temporal import FilmCleanup

AUDIO_RATE = 8000
LAYOUTS = {1: "mono", 2: "stereo"}  # make_clip's channels -> its sound's channel layout
EVERY_CLEANUP = FilmCleanup(
    remove_dust=True,
    steady_flicker=True,
    calm_grain=True,
    steady_picture=True,
    smooth_repeats=True,
)
"""Every cleanup a film can be given before it is enlarged."""


def tiny_restorer(folder: Path) -> Restorer:
    """A tiny 2x model on the CPU (fast enough for real frames)."""
    torch.manual_seed(0)
    network = UNetGenerator(scale=2, width=4, depth=1, convs=1, up_width=4)
    path = save_model(network, folder / "tiny2.safetensors", display_name="Tiny 2x")
    return Restorer(load_model(path), torch.device("cpu"))


def _picture(index: int, width: int, height: int) -> np.ndarray:
    """A moving gradient with a square, so frames differ and encoders have work."""
    y, x = np.mgrid[0:height, 0:width]
    rgb = np.stack(
        [(x * 4 + index * 9) % 256, (y * 5 + index * 3) % 256, (x + y + index * 17) % 256],
        axis=2,
    ).astype(np.uint8)
    top, left = (index * 2) % (height - 8), (index * 3) % (width - 8)
    rgb[top : top + 8, left : left + 8] = (250, 40, 40)
    return rgb


def scene(height: int, width: int, seed: int = 0) -> np.ndarray:
    """A soft photographic texture in the mid-tones (float, RGB), to pan a film across."""
    import cv2

    rng = np.random.default_rng(seed)
    noise = rng.uniform(0, 1, (height // 4 + 10, width // 4 + 10, 3)).astype(np.float32)
    texture = cv2.GaussianBlur(cv2.resize(noise, None, fx=4, fy=4), (0, 0), 2)
    texture = (texture - texture.mean()) / texture.std()
    return np.clip(128 + 35 * texture, 30, 225)


class PanWithDirt:
    """A ``look`` for make_clip: a camera panning across a ``scene``, with a dark spot (the
    pixels ``spot``) on frame ``dirty`` (make_clip draws the frames in order), each frame
    exposed by its gain in ``exposures`` (flicker) when given."""

    def __init__(
        self, dirty: int, spot: tuple[slice, slice], exposures: list[float] | None = None
    ) -> None:
        self.dirty, self.spot, self.exposures = dirty, spot, exposures
        self.drawn = 0

    def __call__(self, picture: np.ndarray) -> np.ndarray:
        height, width = picture.shape[:2]
        shift = 2 * self.drawn
        pan = scene(height, width + 64)[:height, shift : shift + width]
        if self.exposures is not None:
            pan = pan * self.exposures[self.drawn]
        pan = np.clip(np.rint(pan), 0, 255).astype(np.uint8)
        if self.drawn == self.dirty:
            pan[self.spot] = 0
        self.drawn += 1
        return pan


def make_clip(
    path: Path,
    *,
    frames: int = 24,
    size: tuple[int, int] = (64, 48),
    rate: int = 24,
    codec: str = "libx264",
    audio: str | None = "aac",
    subtitles: str | None = None,
    sample_aspect_ratio: Fraction | None = None,
    color_range: int | None = None,
    times_ms: list[int] | None = None,
    colorspace: int | None = None,
    look: Callable[[np.ndarray], np.ndarray] | None = None,
    options: dict[str, str] | None = None,
    audio_seconds: float | None = None,
    rotation: float = 0.0,
    audio_rate: int = AUDIO_RATE,
    channels: int = 1,
) -> Path:
    """A film of ``frames`` frames (at ``rate``, or at the times ``times_ms``), with sine
    audio as long as the film (or ``audio_seconds``) of ``audio_rate`` samples a second in
    ``channels`` channels (each its own wave), and optionally two subtitles; ``look``
    changes each picture (fades it, say) before it is encoded; ``options`` are the video
    encoder's; ``rotation`` (degrees) is how far players turn it (a phone's portrait film)."""
    width, height = size
    container_format = {
        ".mp4": "mp4",
        ".mkv": "matroska",
        ".mov": "mov",
        ".avi": "avi",
        ".webm": "webm",
    }[path.suffix]
    with av.open(str(path), "w", format=container_format) as out:
        video = out.add_stream(codec, rate=rate, options=options or {})
        video.width, video.height = width, height
        video.pix_fmt = "yuv420p" if codec != "ffv1" else "yuv444p"
        if sample_aspect_ratio is not None:
            video.codec_context.sample_aspect_ratio = sample_aspect_ratio
        if color_range is not None:
            video.codec_context.color_range = color_range
        if colorspace is not None:
            video.codec_context.colorspace = colorspace
        if times_ms is not None:
            video.codec_context.time_base = Fraction(1, 1000)
        if rotation:
            video.set_display_rotation(rotation)
        sound = None
        if audio:
            sound = out.add_stream(audio, rate=audio_rate)
            sound.layout = LAYOUTS[channels]
        text = None
        if subtitles:
            text = out.add_mux_stream(subtitles)
            text.time_base = Fraction(1, 1000)
            text.metadata["language"] = "fra"
        for index in range(frames):
            picture = _picture(index, width, height)
            if look is not None:
                picture = look(picture)
            frame = av.VideoFrame.from_ndarray(picture, format="rgb24")
            frame = frame.reformat(
                format=video.pix_fmt, dst_color_range=color_range, dst_colorspace=colorspace
            )
            if color_range is not None:
                frame.color_range = color_range
            if colorspace is not None:
                frame.colorspace = colorspace
            frame.pts = index if times_ms is None else times_ms[index]
            if times_ms is not None:
                frame.time_base = Fraction(1, 1000)
            out.mux(video.encode(frame))
        out.mux(video.encode(None))
        if sound is not None:
            _write_audio(out, sound, audio, audio_seconds or frames / rate, audio_rate, channels)
        if text is not None:
            for number, words in enumerate([b"Market Street", b"1906"]):
                packet = av.Packet(words)
                packet.stream = text
                packet.time_base = Fraction(1, 1000)
                packet.pts = packet.dts = number * 500
                packet.duration = 400
                out.mux(packet)
    return path


def _write_audio(out, stream, codec: str, seconds: float, rate: int, channels: int) -> None:
    count = int(rate * seconds)
    wave = np.stack([np.sin(np.arange(count) * 0.05 * (1 + c)) * 0.3 for c in range(channels)])
    step = 1024
    for start in range(0, count, step):
        part = wave[:, start : start + step]
        if codec.startswith("pcm"):  # packed: the channels' samples interleaved
            samples, fmt = (part.T * 32767).astype(np.int16).reshape(1, -1), "s16"
        else:
            samples, fmt = part.astype(np.float32), "fltp"
        frame = av.AudioFrame.from_ndarray(
            np.ascontiguousarray(samples), format=fmt, layout=LAYOUTS[channels]
        )
        frame.sample_rate = rate
        frame.pts = start
        out.mux(stream.encode(frame))
    out.mux(stream.encode(None))


def sound_of(path: Path) -> tuple[Fraction, np.ndarray]:
    """When a film's (or a WAV file's) first audio stream starts, and its samples."""
    with av.open(str(path)) as container:
        pieces = list(container.decode(container.streams.audio[0]))
    samples = np.concatenate([piece.to_ndarray().reshape(-1) for piece in pieces])
    return Fraction(pieces[0].pts * pieces[0].time_base), samples.astype(np.float64)


@dataclass
class PacketRecord:
    data: bytes
    seconds: Fraction  # pts in seconds
    duration: Fraction


def stream_packets(path: Path, kind: str) -> list[list[PacketRecord]]:
    """Every stream of ``kind``'s packets (bytes, time in seconds), in file order."""
    with av.open(str(path)) as container:
        streams = [s for s in container.streams if s.type == kind]
        order = [s.index for s in streams]
        result: dict[int, list[PacketRecord]] = {index: [] for index in order}
        for packet in container.demux(streams):
            if packet.size and packet.stream.index in result:
                result[packet.stream.index].append(
                    PacketRecord(
                        bytes(packet),
                        packet.pts * packet.time_base,
                        (packet.duration or 0) * packet.time_base,
                    )
                )
    return [result[index] for index in order]


def decoded_frames(path: Path) -> list[tuple[Fraction, np.ndarray]]:
    """Every video frame: its time in seconds and its RGB pixels."""
    with av.open(str(path)) as container:
        return [
            (frame.pts * frame.time_base, frame.to_ndarray(format="rgb24"))
            for frame in container.decode(video=0)
        ]


def make_interlaced_clip(path: Path, *, frames: int = 12, size: tuple[int, int] = (64, 48)) -> Path:
    """An interlaced H.264 film (top field first) of a bright bar moving right 6 px a frame:
    each frame's odd lines show the bar half a frame later than its even lines, as a video
    camera's fields do, so a frame read whole is combed wherever the bar's edges are."""
    width, height = size

    def moment(t: float) -> np.ndarray:
        rgb = np.full((height, width, 3), 40, np.uint8)
        left = int(4 + t * 6) % (width - 8)
        rgb[:, left : left + 8] = 230
        return rgb

    return interlaced_clip(path, [(moment(t), moment(t + 0.5)) for t in range(frames)], rate=25)


def combing(pixels: np.ndarray) -> float:
    """How far each line strays from the mean of the lines above and below it (levels): high
    where two fields of different moments are woven into one picture."""
    grey = pixels.astype(np.float64).mean(axis=-1)
    return float(np.abs(grey[1:-1] - (grey[:-2] + grey[2:]) / 2).mean())


def damage_frames(path: Path, among: range = range(1, 12)) -> list[int]:
    """Scramble the last two thirds of the data of every frame shown at the places ``among``
    that is not a keyframe (a damaged keyframe stops the decoder), in place; returns their
    places. FFmpeg flags only some of them (what it notices depends on the content and, with
    frame threads, on timing), so callers check that what is reported lies among these."""
    with av.open(str(path)) as container:
        packets = sorted(
            (packet.pts, packet.pos, packet.size, packet.is_keyframe)
            for packet in container.demux(video=0)
            if packet.size
        )
    damaged = [i for i in among if not packets[i][3]]
    data = bytearray(path.read_bytes())
    for index in damaged:
        _, position, size, _ = packets[index]
        for offset in range(position + size // 3, position + size - 1):
            data[offset] ^= 0x55
    path.write_bytes(bytes(data))
    return damaged


def lose_frames(path: Path, places: Iterable[int]) -> None:
    """Scramble all the data of every packet shown at ``places`` (from 0), in place, so that
    the decoder rejects them and their pictures are lost (not patched up)."""
    with av.open(str(path)) as container:
        packets = sorted((p.pts, p.pos, p.size) for p in container.demux(video=0) if p.size)
    data = bytearray(path.read_bytes())
    for place in places:
        _, position, size = packets[place]
        data[position : position + size] = bytes(b ^ 0x55 for b in data[position : position + size])
    path.write_bytes(bytes(data))


def leftovers(folder: Path, keep: set[str]) -> list[str]:
    """Files and folders in ``folder`` other than ``keep`` (temporary files, work folders)."""
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


class NearestRestorer(Restorer):
    """Enlarges by repeating pixels instead of running the network: what goes in comes out,
    so colour, order and timing can be checked exactly."""

    def enlarge(
        self, pixels, scale_out=None, progress=None, tile=0, ensemble=False, grey=PHOTO_GREY
    ):
        scale = scale_out or self.scale
        return np.repeat(np.repeat(pixels, scale, axis=-3), scale, axis=-2)


class FailingRestorer(Restorer):
    """Runs the network, and raises (as a crash would) once ``fail_after`` frames are done."""

    def __init__(self, model, device, fail_after: int) -> None:
        super().__init__(model, device)
        self.fail_after = fail_after
        self.frames = 0

    def enlarge(
        self, pixels, scale_out=None, progress=None, tile=0, ensemble=False, grey=PHOTO_GREY
    ):
        count = pixels.shape[0] if pixels.ndim == 4 else 1
        if self.frames + count > self.fail_after:
            raise RuntimeError("simulated crash")
        self.frames += count
        return super().enlarge(pixels, scale_out, progress, tile, ensemble, grey)


TELECINED_FRAMES = 32  # film frames in make_telecined_clip's film


def panned_film(size: tuple[int, int] = (240, 160)) -> list[np.ndarray]:
    """A film's own frames (``size``: width, height): a camera panning 5 px a frame across a
    detailed photo, ``TELECINED_FRAMES`` of them."""
    from engine.imageio import read_picture
    from tests.conftest import VAL_DIR

    photo = read_picture(VAL_DIR / "kodim08.png").pixels
    width, height = size
    return [
        np.ascontiguousarray(photo[150 : 150 + height, 5 * n : 5 * n + width])
        for n in range(TELECINED_FRAMES)
    ]


def make_telecined_clip(path: Path, top_first: bool = True) -> Path:
    """``panned_film`` put on 30-frame video by 3:2 pulldown (``bench.fields.telecined``)."""
    fields = telecined(panned_film())
    if not top_first:
        fields = [(second, first) for first, second in fields]
    return interlaced_clip(path, fields, rate=30, top_first=top_first)


def after_the_first_segment(
    monkeypatch: pytest.MonkeyPatch, fault: Callable[[OpenSegment], object]
) -> None:
    """Once the first segment is kept, ``fault(open_segment)`` runs before each frame is
    encoded."""
    kept: list[int] = []
    keep, add = WorkFolder.keep, OpenSegment.add

    def keeping(self: WorkFolder, journal: Journal, index: int, encoded: EncodedSegment) -> None:
        keep(self, journal, index, encoded)
        kept.append(index)

    def adding(self: OpenSegment, frame: Frame) -> None:
        if kept:
            fault(self)
        add(self, frame)

    monkeypatch.setattr(WorkFolder, "keep", keeping)
    monkeypatch.setattr(OpenSegment, "add", adding)


class KeptFrames:
    """A film's sink that keeps the frames it is given (the frames a model was fed)."""

    def __init__(self) -> None:
        self.frames = []

    def add(self, frame) -> None:
        self.frames.append(frame)

    def finish(self) -> None:
        pass

    def stop(self, error) -> None:
        pass


def cancelled_at_frame(restore, frame: int):
    """``restore`` (``restore_video`` or ``restore_frame_files``, as the command line calls
    it) cancelled as its progress reaches ``frame`` frames, as Ctrl+C would."""

    def cancelling(restorer, source, target, options, progress, **kwargs):
        token = CancelToken()

        def listener(event):
            if event.what.startswith(f"{frame}/"):
                token.cancel()

        return restore(restorer, source, target, options, Progress(listener, token), **kwargs)

    return cancelling
