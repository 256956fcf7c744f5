"""The output codecs a restored film can be written with, and the containers each fits in."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import av

from engine.errors import RekindleError
from engine.video.probe import VideoInfo
from engine.words import Sentence, any_of, say

LOOKAHEAD = 20
"""Frames x264/x265 hold for rate control (their default, 40, doubles the encoder's memory
for huge restored frames for little gain)."""
CONTAINERS: dict[str, str] = {".mp4": "mp4", ".mkv": "matroska", ".mov": "mov"}
"""Output file suffix -> the muxer that writes it."""


@dataclass(frozen=True)
class VideoCodec:
    """One choice of ``--codec``: the FFmpeg encoder, its pixel format and where it may go."""

    name: str
    encoder: str
    pix_fmt: str  # for 8-bit sources
    deep_pix_fmt: str | None  # for sources of more than 8 bits a sample, where the encoder
    # takes it; None: 8 bits whatever the source (``fewer_bits_note`` says so)
    suffixes: tuple[str, ...]
    default_crf: int | None = None  # None: the codec has no CRF (lossless or fixed quality)
    max_crf: int = 51
    options: dict[str, str] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)  # container format -> codec tag
    aspect_in_stream: bool = False  # the bitstream records the pixel aspect (H.264/H.265 VUI)
    full_range: bool = True  # False: the format is limited ("video") range by definition

    def keeps_aspect(self, container: str) -> bool:
        """Whether a non-square pixel aspect survives in ``container``: MP4 and MOV record it
        for any codec (pasp); Matroska only through the codec's own bitstream, as PyAV cannot
        set the stream's aspect that its muxer reads."""
        return self.aspect_in_stream or container in ("mp4", "mov")


CODECS: dict[str, VideoCodec] = {
    codec.name: codec
    for codec in (
        VideoCodec(
            "h264",
            "libx264",
            "yuv420p",
            None,  # 8 bits: High 10 plays on few phones, TVs and browsers
            (".mp4", ".mkv", ".mov"),
            18,
            options={"rc-lookahead": str(LOOKAHEAD)},
            aspect_in_stream=True,
        ),
        VideoCodec(
            "h265",
            "libx265",
            "yuv420p",
            "yuv420p10le",  # Main 10
            (".mp4", ".mkv", ".mov"),
            20,
            options={"x265-params": f"log-level=error:rc-lookahead={LOOKAHEAD}"},
            tags={"mp4": "hvc1", "mov": "hvc1"},  # what Apple players expect
            aspect_in_stream=True,
        ),
        VideoCodec(
            "prores",
            "prores_ks",
            "yuv422p10le",
            "yuv422p10le",
            (".mov",),
            None,
            options={"profile": "3"},  # ProRes 422 HQ
            full_range=False,  # ProRes has no full-range flag: full-range films are converted
        ),
        VideoCodec(
            "ffv1",
            "ffv1",
            "yuv444p",
            "yuv444p16le",
            (".mkv",),
            None,
            options={"level": "3", "slicecrc": "1"},
        ),
    )
}
DEFAULT_CODEC = "h264"
FILM_QUALITIES: dict[str, int] = {"best": -6, "high": 0, "smaller": 5}
"""Named qualities, as CRF steps from the codec's default: six steps about double or halve
the file, and the default (h264 18, h265 20) already looks like the source to most eyes."""
DEFAULT_QUALITY = "high"


def _encoder(encoder: str) -> av.Codec | None:
    """This build of PyAV's (its FFmpeg's) ``encoder``; None where it has none."""
    try:
        return av.Codec(encoder, "w")
    except (av.error.FFmpegError, ValueError):  # UnknownCodecError is a ValueError
        return None


def encoder_available(encoder: str) -> bool:
    """Whether this build of PyAV (its FFmpeg) can encode with ``encoder``."""
    return _encoder(encoder) is not None


def encoder_formats(encoder: str) -> set[str] | None:
    """The pixel formats this build's ``encoder`` takes; None where it does not say (or
    has no such encoder)."""
    found = _encoder(encoder)
    formats = found.video_formats if found is not None else None
    return {format.name for format in formats} if formats else None


def pixel_format(codec: VideoCodec, bit_depth: int) -> str:
    """The pixel format ``codec`` writes a film of ``bit_depth`` bits a sample in: its deep
    one for more than 8 bits where it has one and this build's encoder takes it (x265 is
    built for 8 bits only in some), else its 8-bit one."""
    deep = codec.deep_pix_fmt
    if bit_depth <= 8 or deep is None:
        return codec.pix_fmt
    formats = encoder_formats(codec.encoder)
    return deep if formats is None or deep in formats else codec.pix_fmt


def fewer_bits_note(info: VideoInfo, codec: VideoCodec) -> Sentence | None:
    """What to tell of a film of more than 8 bits a sample that ``codec`` writes in 8
    (``pixel_format``): a codec written in 8 bits so that it plays everywhere (h264), or
    this installation's encoder built for 8 bits only; None where its restoration keeps
    them."""
    if info.bit_depth <= 8 or pixel_format(codec, info.bit_depth) == codec.deep_pix_fmt:
        return None
    if codec.deep_pix_fmt is None:
        return say(
            "{name} has {bits} bits a sample; the restored film has 8, as {codec} is written "
            "in 8 bits to play everywhere; h265, prores (.mov) and ffv1 (.mkv) keep 10 bits",
            name=info.path.name,
            bits=info.bit_depth,
            codec=codec.name,
        )
    return say(
        "{name} has {bits} bits a sample, but this installation's {encoder} writes 8 "
        "bits only, so the restored film has 8; ffv1 (.mkv) and prores (.mov) keep "
        "every bit",
        name=info.path.name,
        bits=info.bit_depth,
        encoder=codec.encoder,
    )


def available_codecs() -> list[str]:
    """The ``--codec`` choices this installation can write."""
    return [name for name, codec in CODECS.items() if encoder_available(codec.encoder)]


def container_format(target: str | os.PathLike) -> str:
    """The muxer for an output path, from its suffix; a clear error for any other suffix."""
    suffix = Path(target).suffix.lower()
    try:
        return CONTAINERS[suffix]
    except KeyError:
        name, known = Path(target).name, ", ".join(CONTAINERS)
        if not suffix:
            raise RekindleError(
                say(
                    "{name}: cannot write a film as 'no suffix'; name the output with one of "
                    "{known}",
                    name=name,
                    known=known,
                )
            ) from None
        raise RekindleError(
            say(
                "{name}: cannot write a film as '{suffix}'; name the output with one of {known}",
                name=name,
                suffix=suffix,
                known=known,
            )
        ) from None


def codec_named(name: str) -> VideoCodec:
    try:
        return CODECS[name]
    except KeyError:
        raise RekindleError(
            say(
                "unknown video codec '{name}'; choose one of {codecs}",
                name=name,
                codecs=", ".join(CODECS),
            )
        ) from None


def quality_crf(name: str, quality: str) -> int | None:
    """The CRF of a named quality for codec ``name``; None for codecs without a CRF (ProRes
    and FFV1 have one fixed quality)."""
    codec = codec_named(name)
    if quality not in FILM_QUALITIES:
        raise RekindleError(
            say(
                "unknown film quality '{quality}'; choose one of {qualities}",
                quality=quality,
                qualities=", ".join(FILM_QUALITIES),
            )
        )
    if codec.default_crf is None:
        return None
    return codec.default_crf + FILM_QUALITIES[quality]


def choose_codec(name: str, target: str | os.PathLike, crf: int | None) -> VideoCodec:
    """The codec ``name`` checked against this installation, the output's container and
    ``crf``; raises ``RekindleError`` with a sentence saying what to change."""
    codec = codec_named(name)
    suffix = Path(target).suffix.lower()
    container_format(target)
    if suffix not in codec.suffixes:
        raise RekindleError(
            say(
                "{codec} cannot be written into a {suffix} file; name the output {fits}, "
                "or choose another codec",
                codec=name,
                suffix=suffix,
                fits=any_of(codec.suffixes),
            )
        )
    if not encoder_available(codec.encoder):
        others = ", ".join(available_codecs())
        if not others:
            raise RekindleError(
                say(
                    "this installation's FFmpeg (in PyAV) has no {encoder} encoder, so {codec} "
                    "cannot be written; available here: none",
                    encoder=codec.encoder,
                    codec=name,
                )
            )
        raise RekindleError(
            say(
                "this installation's FFmpeg (in PyAV) has no {encoder} encoder, so {codec} "
                "cannot be written; available here: {others}",
                encoder=codec.encoder,
                codec=name,
                others=others,
            )
        )
    check_crf(name, crf)
    return codec


def check_crf(name: str, crf: int | None) -> None:
    """Refuse a ``crf`` codec ``name`` does not take, with a sentence saying why."""
    codec = codec_named(name)
    if crf is None:
        return
    if codec.default_crf is None:
        raise RekindleError(say("--crf applies to h264 and h265 only, not to {codec}", codec=name))
    if not 0 <= crf <= codec.max_crf:
        raise RekindleError(
            say("the CRF must be between 0 and {most}, not {crf}", most=codec.max_crf, crf=crf)
        )
