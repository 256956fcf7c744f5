"""Frames in and out of FFmpeg: decoding to RGB arrays (from any frame on, for resuming) and
turning restored RGB arrays back into YUV frames in the source's colour matrix and range."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain

import av
import cv2
import numpy as np
from av.video.plane import VideoPlane

from engine.packed_frame import packed_frame
from engine.video.deinterlace import made_whole
from engine.video.fields import Fields, joining, keeping, split, woven
from engine.video.probe import (
    VideoInfo,
    VideoReadError,
    check_frame_size,
    ffmpeg_reason,
    open_film,
)
from engine.words import say

AVCOL_SPC_BT709 = 1  # HD
AVCOL_SPC_SMPTE170M = 6  # BT.601: SD
BT601_MATRICES = (5, 6)  # BT.470BG (625 lines) and SMPTE 170M (525): the same matrix
AVCOL_PRI_BT709 = AVCOL_TRC_BT709 = 1  # HD's primaries and transfer
AVCOL_RANGE_JPEG = 2  # full range
SWS_COLORSPACES = {1: 1, 4: 4, 5: 5, 6: 5, 7: 7, 9: 9, 10: 9}
"""AVColorSpace (the tag on a frame) -> SWS_CS_* (the matrix swscale converts with)."""
LUMA_WEIGHTS: dict[int, tuple[float, float]] = {
    1: (0.2126, 0.0722),  # BT.709
    4: (0.30, 0.11),  # FCC
    5: (0.299, 0.114),  # BT.470BG (BT.601, 625 lines)
    6: (0.299, 0.114),  # SMPTE 170M (BT.601, 525 lines)
    7: (0.212, 0.087),  # SMPTE 240M
    9: (0.2627, 0.0593),  # BT.2020 non-constant luminance
    10: (0.2627, 0.0593),  # BT.2020 constant luminance: converted as non-constant, as swscale does
}
"""AVColorSpace -> (Kr, Kb): the weights of red and blue in luma, which define the matrix."""
SD_HEIGHT = 576
HD_WIDTH = 1280
LOST_RUN_FRAMES = 250
"""The most frames in a row that may be lost to packets the decoder rejects (and filled in
with the picture before). A rejected keyframe takes the frames that depend on it with it, up
to the next keyframe, which x264 and x265 put at least every 250 frames unless told
otherwise; a longer run is a stretch of the file gone rather than a damaged frame, and the
film fails rather than show one picture standing still through it."""


@dataclass
class Frame:
    """One decoded frame: where it is in the film and its RGB pixels (uint8, or uint16 for
    sources of more than 8 bits)."""

    index: int
    pts: int  # in the source's time base, made strictly increasing
    raw_pts: int | None  # its stored time (VideoInfo.times), or the decoder's where not known
    pixels: np.ndarray
    damaged: bool = False  # its data was damaged; the decoder filled in what it could
    source: np.ndarray | None = None  # the pixels as decoded, where ``pixels`` were cleaned


def rgb_format(info: VideoInfo) -> str:
    return "rgb48le" if info.bit_depth > 8 else "rgb24"


def output_colorspace(info: VideoInfo) -> int:
    """The matrix the output is converted with and tagged as: the source's, or where the
    source does not say (or is RGB) the one it is read as, ``assumed_colorspace``."""
    if info.colorspace in LUMA_WEIGHTS:
        return info.colorspace
    return assumed_colorspace(info)


def assumed_colorspace(info: VideoInfo) -> int:
    """The matrix players assume for a film that does not say: BT.709 for HD pictures (as
    stored), BT.601 for SD."""
    width, height = (info.height, info.width) if info.turns % 2 else (info.width, info.height)
    return AVCOL_SPC_BT709 if is_hd(width, height) else AVCOL_SPC_SMPTE170M


def is_hd(width: int, height: int) -> bool:
    """Whether a picture of ``width`` by ``height`` is HD to players: taller than SD's 576
    lines, or 1280 or more wide, as mpv decides (VLC and the browsers agree on 720p and up)."""
    return height > SD_HEIGHT or width >= HD_WIDTH


def output_colours(info: VideoInfo, width: int, height: int) -> tuple[int, int, int]:
    """The matrix, primaries and transfer (AVColorSpace, AVColorPrimaries,
    AVColorTransferCharacteristic) a restoration of ``info``'s film, ``width`` by ``height``,
    is written with: the film's (its matrix ``output_colorspace``), but an SD film's BT.601
    enlarged to HD is written in BT.709's matrix and tagged BT.709 throughout, as HD players,
    editors and broadcast chains take HD pictures to be (the matrix converted, as
    up-converters do; the primaries' slight difference left)."""
    matrix = output_colorspace(info)
    enlarged_to_hd = is_hd(width, height) and not is_hd(info.width, info.height)
    if matrix in BT601_MATRICES and enlarged_to_hd:
        return AVCOL_SPC_BT709, AVCOL_PRI_BT709, AVCOL_TRC_BT709
    return matrix, info.color_primaries, info.color_trc


class _Timestamps:
    """Makes presentation times strictly increasing: a frame without one, or with one not
    after the previous frame's, is placed one frame duration after the previous frame."""

    def __init__(self, ticks: int, last: int | None = None) -> None:
        self.ticks = ticks
        self.last = last

    def next(self, raw: int | None) -> int:
        if raw is None or (self.last is not None and raw <= self.last):
            pts = 0 if self.last is None else self.last + self.ticks
        else:
            pts = raw
        self.last = pts
        return pts


def output_times(info: VideoInfo, stored: Sequence[int]) -> list[int]:
    """The times ``decode_frames`` gives the frames whose stored times are ``stored`` (in
    presentation order): where a frame must be sought without decoding the film."""
    timestamps = _Timestamps(info.frame_ticks())
    return [timestamps.next(raw) for raw in stored]


def before_frame(info: VideoInfo, index: int) -> tuple[int, int] | None:
    """The output and stored time of the frame before frame ``index``, for ``decode_frames``
    to seek to frame ``index``; None for the first frame or a film whose frames' stored
    times are not all known."""
    stored = info.times
    if index == 0 or stored is None:
        return None
    return output_times(info, stored[:index])[-1], stored[index - 1]


def decode_frames(
    info: VideoInfo,
    start: int = 0,
    after_pts: int | None = None,
    after_raw_pts: int | None = None,
    deinterlace: bool = True,
    keyframe_pts: int | None = None,
) -> Iterator[Frame]:
    """The film's frames from index ``start`` on, as RGB arrays; an interlaced film's made
    whole (see ``deinterlace.py``) unless ``deinterlace`` is False, when each of its fields is
    read with its own colour (``_to_rgb``).

    Frame N is the N-th picture the decoder gives (it gives them in presentation order), at
    the N-th of the film's stored times (``VideoInfo.times``): the times the decoder gives
    are those of the packets the pictures came from, out of order where a file stores none
    for pictures shown out of decoding order (an AVI file with B-frames).

    To resume, ``after_pts`` and ``after_raw_pts`` are the times of frame ``start - 1``; the
    reader seeks to the keyframe before it instead of decoding from the beginning, and falls
    back to counting frames from the beginning when the seek does not land where it must
    (or cannot: some frame's stored time is not known).
    When frame ``start`` is itself a keyframe whose picture needs no frame before it (no
    deinterlacing), ``keyframe_pts``, its stored time, lets the reader start right there.
    A packet the decoder rejects (damaged data) is skipped, and the frames lost with it are
    filled in with the picture before and flagged damaged (``_Places``), so the film keeps
    its frame count and times. Raises ``VideoReadError`` where damage leaves no picture or
    loses more than ``LOST_RUN_FRAMES`` frames in a row, and for a film that ends early.
    """
    joined = joining(info.fields, deinterlace)
    kept = keeping(info.fields, deinterlace) is not None
    if start and after_pts is not None and after_raw_pts is not None and info.times is not None:
        target = keyframe_pts if keyframe_pts is not None and joined is None else after_raw_pts
        resumed = _decode_after(info, start, after_pts, target, joined, kept)
        first = next(resumed, None)
        if first is not None:
            yield first
            yield from resumed
            return
    yield from _decode_from_beginning(info, start, joined, kept)


def _open_frames(
    info: VideoInfo,
    stream: av.VideoStream,
    packets: Iterable[av.Packet],
    joined: Fields | None,
    met: _Packets,
) -> Iterator[tuple[av.VideoFrame, av.VideoFrame]]:
    """Each frame decoded from ``packets`` (of ``stream``) with its picture: the frame
    itself, or made whole as ``joined`` (``fields.joining``) says. A packet the decoder
    rejects is skipped; ``met`` tells of it."""
    stream.thread_type = "AUTO"
    try:
        decoded = _decoded(packets, met)
        if joined is not None:
            yield from made_whole(decoded, stream, joined)
        else:
            yield from ((frame, frame) for frame in decoded)
    except av.error.FFmpegError as error:
        raise _damaged(info, ffmpeg_reason(error)) from None


def _decoded(packets: Iterable[av.Packet], met: _Packets) -> Iterator[av.VideoFrame]:
    """The frames decoded from ``packets``, going on past a packet the decoder rejects (its
    data is damaged) as FFmpeg's own tools do; ``_Places`` fills in the frames lost."""
    for packet in packets:
        met.meet(packet)
        try:
            frames = packet.decode()
        except av.error.FFmpegError as error:
            met.rejected(error)
            continue
        yield from frames


def _damaged(info: VideoInfo, reason: str) -> VideoReadError:
    return VideoReadError(
        say("{name}: the film is damaged ({reason})", name=info.path.name, reason=reason)
    )


class _Packets:
    """What decoding met in a film's packets: how many the decoder rejected (and FFmpeg's
    reason for the last), and whether their stored times come out of decoding order, which
    shows that the file stores the times its pictures are shown at (MP4 and Matroska do; an
    AVI file stores its packets' times in decoding order)."""

    def __init__(self) -> None:
        self.rejections = 0
        self.reason = ""
        self.shown_times = False
        self._last: int | None = None

    def meet(self, packet: av.Packet) -> None:
        if packet.pts is None:
            return
        self.shown_times = self.shown_times or (self._last is not None and packet.pts < self._last)
        self._last = packet.pts

    def rejected(self, error: av.error.FFmpegError) -> None:
        self.rejections += 1
        self.reason = ffmpeg_reason(error)


_Placed = tuple[int, av.VideoFrame | None, av.VideoFrame]
"""A place in the film, the frame decoded for it (None: lost) and the picture it shows."""


class _Places:
    """Numbers the pictures the decoder gives from place ``index`` on, and fills in the places
    of pictures lost to rejected packets with the picture before (the first picture, for
    places before it), so that the film keeps its frame count and times.

    Frame N is the N-th picture until a packet is rejected. After that a picture goes to the
    place of its stored time where its time is one: a keyframe's picture always (as resuming
    takes it), and every picture where the decoder keeps the order it decodes in or the file
    stores the times pictures are shown at (not an AVI file with B-frames, whose pictures
    carry their packets' times, out of order). The places skipped are the pictures lost: the
    rejected packet's and any the decoder dropped with it (those that depend on it, up to the
    next keyframe), however late frame threads tell of the rejection. In an AVI file with
    B-frames they come at the end of the keyframe's group, in a film whose stored times are
    not known at its end, the pictures after them a place early. A picture that comes after
    its place was filled in (shown out of order after the damage) is left out. Decoded from
    any keyframe on, the places are the same, so a resumed run and a preview number as a
    whole run does.
    """

    def __init__(
        self, info: VideoInfo, index: int, met: _Packets, decoder: av.VideoCodecContext
    ) -> None:
        self.info = info
        self.index = index  # the next place
        self.met = met
        self.decoder = decoder
        self.last: av.VideoFrame | None = None

    def number(self, pictures: Iterable[tuple[av.VideoFrame, av.VideoFrame]]) -> Iterator[_Placed]:
        """Each of ``pictures`` (frame and picture) at its place, the places lost among and
        after them filled in. Raises ``VideoReadError`` when a packet was rejected and no
        picture decodes, or when more than ``LOST_RUN_FRAMES`` places in a row are lost."""
        for frame, picture in pictures:
            place = self._place_of(frame)
            if place < self.index:
                continue
            yield from self._lost(place, picture if self.last is None else self.last)
            self.last = picture
            self.index = place + 1
            yield place, frame, picture
        if self.met.rejections:
            if self.last is None:
                raise _damaged(self.info, self.met.reason)
            yield from self._lost(max(self.index, self.info.frames), self.last)

    def _place_of(self, frame: av.VideoFrame) -> int:
        times = self.info.times
        if not self.met.rejections or times is None:
            return self.index
        in_order = not self.decoder.has_b_frames or self.met.shown_times
        place = _frame_at(times, frame.pts) if in_order or frame.key_frame else None
        return self.index if place is None else place

    def _lost(self, end: int, picture: av.VideoFrame) -> Iterator[_Placed]:
        """The places from the next one to ``end`` (not included), lost: each shows
        ``picture``."""
        if end - self.index > LOST_RUN_FRAMES:
            raise _damaged(self.info, self.met.reason)
        for index in range(self.index, end):
            yield index, None, picture
        self.index = end


def _stored_time(info: VideoInfo, index: int, frame: av.VideoFrame | None) -> int | None:
    """Frame ``index``'s stored time: the film's, or the decoder's where those are not known
    (none for a lost frame)."""
    times = info.times
    if times is not None and index < len(times):
        return times[index]
    return None if frame is None else frame.pts


def _frame(info: VideoInfo, placed: _Placed, pts: int, raw: int | None, fields_kept: bool) -> Frame:
    """The ``Frame`` at a place: damaged where the decoder says so, or lost and filled in;
    read field by field where ``fields_kept``. Raises ``VideoReadError`` for a picture of
    another size than the film's (a frame of a sequence scanned again at another resolution):
    a film's frames are all one size."""
    index, frame, picture = placed
    damaged = frame is None or frame.is_corrupt
    pixels = _to_rgb(picture, info, fields_kept)
    height, width = pixels.shape[:2]
    check_frame_size(info, index, width, height)
    return Frame(index, pts, raw, pixels, damaged)


def _decode_from_beginning(
    info: VideoInfo, start: int, joined: Fields | None, fields_kept: bool
) -> Iterator[Frame]:
    timestamps = _Timestamps(info.frame_ticks())
    met = _Packets()
    with open_film(info) as container:
        stream = container.streams[info.video_index]
        places = _Places(info, 0, met, stream.codec_context)
        pictures = _open_frames(info, stream, container.demux(stream), joined, met)
        for placed in places.number(pictures):
            index, frame, _ = placed
            raw = _stored_time(info, index, frame)
            pts = timestamps.next(raw)
            if index >= start:
                yield _frame(info, placed, pts, raw, fields_kept)
    _check_complete(info, places.index)


def _frame_at(times: Sequence[int], pts: int | None) -> int | None:
    """The index of the one frame whose stored time (among ``times``) is ``pts``; None when
    no frame has it, or several."""
    if pts is None:
        return None
    index = bisect.bisect_left(times, pts)
    return index if bisect.bisect_right(times, pts) == index + 1 else None


def _decode_after(
    info: VideoInfo,
    start: int,
    after_pts: int,
    target: int,
    joined: Fields | None,
    fields_kept: bool,
) -> Iterator[Frame]:
    """Frames from ``start`` on, decoded from the keyframe the seek to stored time ``target``
    finds: that keyframe is frame N, N being its stored time's place among the film's, and
    the pictures after its own are frames N + 1, N + 2... It must not come after frame
    ``start``, nor be frame ``start`` when its picture is made whole from the one before it
    (``joined``); otherwise, or when its picture is not met before any shown after it (an
    open group's leading pictures, shown before it, are decoded and left out; a rejected
    keyframe gives none), this yields nothing and the caller decodes from the beginning."""
    times = info.times
    timestamps = _Timestamps(info.frame_ticks(), after_pts)
    met = _Packets()
    with open_film(info) as container:
        stream = container.streams[info.video_index]
        try:
            container.seek(target, stream=stream, backward=True, any_frame=False)
            packets = container.demux(stream)
            keyframe = next((packet for packet in packets if packet.size), None)
        except av.error.FFmpegError:
            return
        index = _frame_at(times, keyframe.pts) if keyframe is not None else None
        if index is None or index > start or (index == start and joined is not None):
            return
        pictures = _open_frames(info, stream, chain([keyframe], packets), joined, met)
        first = _keyframe_picture(pictures, keyframe.pts)
        if first is None:
            return
        places = _Places(info, index, met, stream.codec_context)
        for placed in places.number(chain([first], pictures)):
            index, frame, _ = placed
            if index >= start:
                raw = _stored_time(info, index, frame)
                yield _frame(info, placed, timestamps.next(raw), raw, fields_kept)
    _check_complete(info, places.index)


def _keyframe_picture(
    pictures: Iterator[tuple[av.VideoFrame, av.VideoFrame]], pts: int
) -> tuple[av.VideoFrame, av.VideoFrame] | None:
    """The frame and picture of the keyframe whose stored time is ``pts``, the pictures
    before it (an open group's leading pictures) left out; None when a picture shown after
    it comes first."""
    for frame, picture in pictures:
        if frame.pts is None or frame.pts > pts:
            return None
        if frame.pts == pts:
            return frame, picture
    return None


def _check_complete(info: VideoInfo, decoded: int) -> None:
    if decoded < info.frames:
        raise VideoReadError(
            say(
                "{name}: the film ends early: {decoded} of its {frames} frames could be decoded "
                "(the file is truncated or damaged)",
                name=info.path.name,
                decoded=decoded,
                frames=info.frames,
            )
        )


def _to_rgb(frame: av.VideoFrame, info: VideoInfo, fields_kept: bool) -> np.ndarray:
    """RGB pixels read with the frame's own matrix (where it does not say, the one players
    assume for the film) and range, upright as players
    show them; where ``fields_kept`` and rows share chroma (4:2:0), each field read as a
    picture of its own (``_field_frames``), so neither takes the other's colour."""
    colorspace = frame.colorspace if frame.colorspace in LUMA_WEIGHTS else output_colorspace(info)
    options = {"format": rgb_format(info), "src_colorspace": SWS_COLORSPACES[colorspace]}
    if fields_kept and _rows_share_chroma(frame.format, frame.height):
        top, bottom = (field.to_ndarray(**options) for field in _field_frames(frame))
        pixels = woven(top, bottom, frame.height)
    else:
        pixels = frame.to_ndarray(**options)
    return np.ascontiguousarray(np.rot90(pixels, info.turns)) if info.turns else pixels


def _rows_share_chroma(layout: av.VideoFormat, height: int) -> bool:
    """Whether a picture of ``layout`` and ``height`` has a chroma sample for two rows or
    more (4:2:0), which in an interlaced frame are rows of both fields: such a frame's chroma
    rows take turns, a row of the top field's, then one of the bottom field's."""
    return layout.chroma_height(height) < height


def _field_frames(frame: av.VideoFrame) -> tuple[av.VideoFrame, av.VideoFrame]:
    """An interlaced frame's top and bottom fields as frames of their own, tagged as it is:
    the even and the odd rows of each of its planes (``fields.split``)."""
    height = (frame.height + 1) // 2
    fields = tuple(av.VideoFrame(frame.width, height, frame.format.name) for _ in range(2))
    for number, plane in enumerate(frame.planes):
        for field, rows in zip(fields, split(_plane_rows(plane)), strict=True):
            _put_rows(field.planes[number], rows)
    for field in fields:
        field.colorspace, field.color_range = frame.colorspace, frame.color_range
    return fields[0], fields[1]


def _woven_frame(top: av.VideoFrame, bottom: av.VideoFrame, height: int) -> av.VideoFrame:
    """The frame of ``height`` rows whose planes weave the rows of the fields ``top`` and
    ``bottom`` (frames of their own), as ``_field_frames`` splits them."""
    frame = av.VideoFrame(top.width, height, top.format.name)
    for plane, one, other in zip(frame.planes, top.planes, bottom.planes, strict=True):
        _put_rows(plane, woven(_plane_rows(one), _plane_rows(other), plane.height))
    return frame


def _plane_rows(plane: VideoPlane) -> np.ndarray:
    """``plane``'s bytes, one row of the array for each of its rows, padding included."""
    return np.frombuffer(plane, np.uint8).reshape(plane.height, plane.line_size)


def _put_rows(plane: VideoPlane, rows: np.ndarray) -> None:
    """Write ``rows`` (``_plane_rows`` of a plane as wide, padded otherwise: a decoder pads
    its rows more than a frame made here) into ``plane``."""
    width = min(plane.line_size, rows.shape[1])
    _plane_rows(plane)[:, :width] = rows[:, :width]


def to_video_frame(
    pixels: np.ndarray,
    pix_fmt: str,
    colorspace: int,
    color_range: int,
    pts: int,
    fields: bool = False,
) -> av.VideoFrame:
    """A frame in ``pix_fmt`` (planar YUV) from RGB pixels (uint8, or uint16 for sources of
    more than 8 bits), converted with and tagged by ``colorspace`` (an AVColorSpace; one
    without a known matrix converts as BT.601) and ``color_range`` (an AVColorRange;
    unspecified converts as limited). With ``fields`` (an interlaced frame whose fields are
    kept) in a format whose rows share chroma (4:2:0), each field is converted as a picture
    of its own and the two woven, so that neither field's chroma holds the other's colour."""
    converted = _swscaled if pixels.dtype == np.uint16 else _standard_yuv
    height = pixels.shape[0]
    if fields and _rows_share_chroma(av.VideoFormat(pix_fmt), height):
        top, bottom = (converted(part, pix_fmt, colorspace, color_range) for part in split(pixels))
        frame = _woven_frame(top, bottom, height)
    else:
        frame = converted(pixels, pix_fmt, colorspace, color_range)
    frame.colorspace = colorspace
    frame.color_range = color_range
    frame.pts = pts
    return frame


def _swscaled(pixels: np.ndarray, pix_fmt: str, colorspace: int, color_range: int) -> av.VideoFrame:
    """16-bit pixels converted by swscale, which reads deep films as ``_to_rgb`` does (it
    takes 65283, not 65535, as white both ways), so that they come back as they went in."""
    rgb = packed_frame(pixels, "rgb48le")
    return rgb.reformat(
        format=pix_fmt,
        dst_colorspace=SWS_COLORSPACES.get(colorspace, SWS_COLORSPACES[AVCOL_SPC_SMPTE170M]),
        dst_color_range=color_range or None,
    )


def _standard_yuv(
    pixels: np.ndarray, pix_fmt: str, colorspace: int, color_range: int
) -> av.VideoFrame:
    """8-bit pixels converted by the standard's arithmetic, rounded once, each chroma sample
    from the mean of the pixels it covers: swscale's RGB -> full-range YUV puts chroma half a
    level low, so that grey comes out with chroma 127 in 4:2:0 and every film turns green."""
    height, width = pixels.shape[:2]
    frame = av.VideoFrame(width, height, pix_fmt)
    layout = frame.format
    bits = layout.components[0].bits
    wide = np.left_shift(pixels, 2, dtype=np.uint16)  # chroma means of 2 or 4 pixels stay whole
    rows = _yuv_rows(colorspace, color_range, 255 * 4, bits)
    yuv = cv2.transform(wide, rows)
    chroma_size = (layout.chroma_width(width), layout.chroma_height(height))
    chroma = (
        yuv
        if chroma_size == (width, height)
        else cv2.transform(_chroma_samples(wide, chroma_size), rows)
    )
    for plane, values in zip(
        frame.planes, (yuv[..., 0], chroma[..., 1], chroma[..., 2]), strict=True
    ):
        _fill_plane(plane, values, bits)
    return frame


def _yuv_rows(colorspace: int, color_range: int, white: int, bits: int) -> np.ndarray:
    """The 3 x 4 matrix (with offsets) from RGB with ``white`` at the top to Y, Cb and Cr of
    ``bits`` bits in ``color_range``, as ITU-T H.273 defines them."""
    kr, kb = LUMA_WEIGHTS.get(colorspace, LUMA_WEIGHTS[AVCOL_SPC_SMPTE170M])
    luma = np.array([kr, 1 - kr - kb, kb])
    blue = (np.array([0, 0, 1]) - luma) / (2 * (1 - kb))
    red = (np.array([1, 0, 0]) - luma) / (2 * (1 - kr))
    if color_range == AVCOL_RANGE_JPEG:
        luma_scale = chroma_scale = 2**bits - 1
        luma_offset = 0
    else:
        step = 2 ** (bits - 8)
        luma_scale, chroma_scale, luma_offset = 219 * step, 224 * step, 16 * step
    chroma_offset = 2 ** (bits - 1)
    weights = np.stack([luma * luma_scale, blue * chroma_scale, red * chroma_scale]) / white
    offsets = np.array([[luma_offset], [chroma_offset], [chroma_offset]])
    return np.hstack([weights, offsets])


def _chroma_samples(rgb: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """``rgb`` at the chroma planes' ``size`` (width, height): each sample the mean of the
    pixels it covers (an odd last row or column repeated to fill its sample)."""
    height, width = rgb.shape[:2]
    across, down = -(-width // size[0]), -(-height // size[1])
    if (width, height) != (size[0] * across, size[1] * down):
        rgb = np.pad(
            rgb, ((0, size[1] * down - height), (0, size[0] * across - width), (0, 0)), mode="edge"
        )
    return cv2.resize(rgb, size, interpolation=cv2.INTER_AREA)


def _fill_plane(plane: VideoPlane, levels: np.ndarray, bits: int) -> None:
    """Write ``levels`` (whole levels, the top one at most half a level over) into ``plane``
    of ``bits`` bits."""
    dtype = np.dtype("<u2" if bits > 8 else "u1")
    rows = np.frombuffer(plane, dtype).reshape(plane.height, -1)
    np.minimum(levels, 2**bits - 1, out=rows[:, : plane.width], casting="unsafe")
