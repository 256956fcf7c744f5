"""Block-transform codec damage: JPEG and video-codec (MPEG-2 style) blocking, batched on the GPU.

Why: the damage model makes the low-resolution side of training pairs on the GPU, hundreds of
48-96 px crops per step. OpenCV's JPEG encoder runs on the CPU, one image at a time, so
``jpeg_batch`` emulates baseline JPEG as libjpeg-turbo (OpenCV's codec) does it, for a whole batch
at once with a per-sample quality, entirely on the device. ``jpeg_numpy`` is the real codec for
the numpy pipeline.

``codec_blocking_batch`` is the blocking a video codec leaves on a frame (DVD or broadcast copies
of old films: MPEG-2, early H.264 at low bitrate): the same YCbCr 4:2:0 block-DCT pipeline with
MPEG-2's default intra matrix scaled by a per-sample quantiser scale, the block grid shifted by a
per-sample offset (a crop rarely starts on the codec's grid), and a per-sample dead zone that
drops the weakest coefficients as a rate-controlled encoder does. ``codec_blocking_numpy`` runs
the very same code with numpy and OpenCV: it is the definition, and the torch version gives the
same levels (float64 inside on CPU and CUDA; Apple's MPS has no float64 and gets float32).

The pipeline, shared by both codecs, with libjpeg-turbo's own integer arithmetic wherever it is
a rounding rule (colour conversion in its 16-bit fixed point, the chroma average's alternating
bias, the fancy upsampler's biases, DESCALE's round-half-up, the quantiser's round-half-away):

1. RGB -> YCbCr (JFIF, full range, chroma +128);
2. 4:2:0 chroma: 2x2 average;
3. level shift -128, orthonormal 8x8 DCT-II as matrix products on the blocks of the whole batch;
4. quantise: divide by the per-sample step table, round, multiply back;
5. inverse DCT, +128, round and clamp to 0..255;
6. chroma upsampling by libjpeg's "fancy" triangle filter (bilinear, half-pixel centres);
7. YCbCr -> RGB, clamped to 0..255.

What is left of the difference to libjpeg-turbo is its integer ("islow") DCT against this exact
one, and its edge replication of chroma at the last pixel of sizes that are not multiples of 16.

JPEG quantisation: the ITU T.81 Annex K tables scaled by libjpeg's quality formula (baseline).

Video blocking, parameters (per sample except ``block``):

* ``qscale``: MPEG-2 ``quantiser_scale`` (clamped to its legal range 1-112). An AC coefficient's
  step is ``W[v][u] * qscale / 16``, W the default intra matrix; the DC step is 8 (8-bit
  ``intra_dc_precision``), so flat areas keep their level and the blocks come from the lost
  gradients and texture inside them, as on a real low-bitrate copy.
* ``deadzone``: AC coefficients below ``deadzone`` steps (``|c| < deadzone * step``) are dropped.
  0.5 (or None) is plain rounding; 1.0-1.5 is what a starved encoder throws away.
* ``offset_x``, ``offset_y``: the grid phase. Block edges fall between columns ``x - 1`` and
  ``x`` where ``x % block == offset_x % block``; chroma blocks (macroblocks) have twice the
  period, so offsets are taken modulo ``2 * block`` (0-15 for 8 px blocks).
* ``block``: transform size, 4, 8 (MPEG-2; the default) or 16 (a copy enlarged 2x after
  decoding). Other sizes than 8 use the intra matrix at the same relative frequencies, steps
  scaled by ``block / 8`` so that a given ``qscale`` removes the same sine amplitudes.

Measured on 256 x 256 crops of kodak24 photos 0-5, the test photos (mean PSNR against the clean
crop; blockiness: mean luminance jump across 8 px block edges minus elsewhere, in levels).
``.venv/bin/python -m tests.test_block_codec`` prints both tables::

    quality  cv2 JPEG dB  jpeg_batch dB  difference  mean |diff|  blockiness cv2 / ours
         20        28.36          28.36      +0.002         0.06        5.31 / 5.31
         40        30.51          30.51      +0.001         0.08        3.50 / 3.49
         60        31.97          31.97      -0.000         0.11        2.48 / 2.48
         80        34.49          34.49      +0.001         0.18        1.26 / 1.26
         95        40.28          40.28      +0.004         0.30        0.28 / 0.30

    qscale  deadzone  codec_blocking dB  blockiness      (grid offset 0)
         4       0.5              39.30        0.45
         4       1.5              35.35        1.67
         8       0.5              36.03        0.94
         8       1.5              31.88        3.14
        16       0.5              32.64        2.09
        16       1.5              28.86        5.27
        32       0.5              29.57        4.20
        32       1.5              26.49        7.91
        62       0.5              27.17        6.82
        62       1.5              24.73        9.89
"""

from __future__ import annotations

import functools
from types import ModuleType

import cv2
import numpy as np
import torch
import torch.nn.functional as F

Array = np.ndarray | torch.Tensor
"""The shared pipeline runs on numpy arrays or torch tensors alike."""

MAX_LEVEL = 255
"""8-bit samples: levels 0..255."""

LEVEL_SHIFT = 128.0
"""Subtracted before the DCT (and added to Cb, Cr in JFIF's YCbCr)."""

BLOCK = 8
"""JPEG's and MPEG-2's transform size."""

BLOCK_SIZES = (4, 8, 16)
"""Transform sizes ``codec_blocking_*`` accepts."""

CHROMA_SUBSAMPLING = 2
"""4:2:0: chroma at half the resolution in x and y, so a chroma block covers 2x2 luma blocks."""

SCALE_BITS = 16
"""libjpeg's colour conversion is fixed point: constants FIX(x) = round(x * 2**16)."""

FIXED_ONE = 1 << SCALE_BITS
FIXED_HALF = FIXED_ONE // 2

RGB_TO_YCBCR = np.round(
    np.array(
        [
            [0.29900, 0.58700, 0.11400],
            [-0.16874, -0.33126, 0.50000],
            [0.50000, -0.41869, -0.08131],
        ]
    )
    * FIXED_ONE
)
"""JFIF (full range) RGB -> YCbCr in libjpeg's fixed point (jccolor.c)."""

CHROMA_ROUNDING = LEVEL_SHIFT * FIXED_ONE + FIXED_HALF - 1
"""Cb and Cr get +128 and round with 0.5 - epsilon (so 255.5 cannot round to 256)."""

YCBCR_ROUNDING = np.array([FIXED_HALF, CHROMA_ROUNDING, CHROMA_ROUNDING])
"""Added before the shift of RGB_TO_YCBCR's products."""

CHROMA_TO_RGB = np.round(
    np.array(
        [
            [0.0, 1.40200],
            [-0.34414, -0.71414],
            [1.77200, 0.0],
        ]
    )
    * FIXED_ONE
)
"""JFIF YCbCr -> RGB, chroma part, fixed point (jdcolor.c):
RGB = Y + (CHROMA_TO_RGB @ (Cb - 128, Cr - 128) + RGB_ROUNDING) >> 16."""

RGB_ROUNDING = np.full(3, FIXED_HALF)

DOWNSAMPLE_BIAS = (1, 2)
"""libjpeg's 2x2 chroma average is (sum + bias) >> 2, the bias alternating 1, 2 by column."""

UPSAMPLE_BIAS = (8 / 16, 7 / 16)
"""libjpeg's fancy upsampling rounds (9a + 3b + 3c + d + bias) >> 4, bias 8 then 7 by column."""

JPEG_LUMA_TABLE = np.array(
    [
        [16, 11, 10, 16, 24, 40, 51, 61],
        [12, 12, 14, 19, 26, 58, 60, 55],
        [14, 13, 16, 24, 40, 57, 69, 56],
        [14, 17, 22, 29, 51, 87, 80, 62],
        [18, 22, 37, 56, 68, 109, 103, 77],
        [24, 35, 55, 64, 81, 104, 113, 92],
        [49, 64, 78, 87, 103, 121, 120, 101],
        [72, 92, 95, 98, 112, 100, 103, 99],
    ]
)
"""ITU T.81 Annex K.1, luminance quantisation table (natural order, at quality 50)."""

JPEG_CHROMA_TABLE = np.array(
    [
        [17, 18, 24, 47, 99, 99, 99, 99],
        [18, 21, 26, 66, 99, 99, 99, 99],
        [24, 26, 56, 99, 99, 99, 99, 99],
        [47, 66, 99, 99, 99, 99, 99, 99],
        [99, 99, 99, 99, 99, 99, 99, 99],
        [99, 99, 99, 99, 99, 99, 99, 99],
        [99, 99, 99, 99, 99, 99, 99, 99],
        [99, 99, 99, 99, 99, 99, 99, 99],
    ]
)
"""ITU T.81 Annex K.2, chrominance quantisation table (natural order, at quality 50)."""

QUALITY_RANGE = (1, 100)
"""libjpeg clamps the quality setting to this range."""

QUALITY_KNEE = 50
"""libjpeg's quality scaling: below the knee 5000 / q percent, else 200 - 2q percent."""

LOW_QUALITY_PERCENT = 5000
HIGH_QUALITY_PERCENT = 200
HIGH_QUALITY_SLOPE = 2
PERCENT = 100

BASELINE_STEP_RANGE = (1, 255)
"""Quantisation steps of a baseline JPEG (8-bit tables)."""

TIE_GRID = 256
"""Values are snapped to 1/256 before rounding. Exact halves are frequent (integer samples and
steps: a DC-only block of 8-bit levels decodes to sum/8); the snap removes the float error
around them, so float32 and float64 round them alike."""

HALF = 0.5
"""The rounding offset of libjpeg's DESCALE and of its quantiser (on the magnitude)."""

MPEG2_INTRA_MATRIX = np.array(
    [
        [8, 16, 19, 22, 26, 27, 29, 34],
        [16, 16, 22, 24, 27, 29, 34, 37],
        [19, 22, 26, 27, 29, 34, 34, 38],
        [22, 22, 26, 27, 29, 34, 37, 40],
        [22, 26, 27, 29, 32, 35, 40, 48],
        [26, 27, 29, 32, 35, 40, 48, 58],
        [26, 27, 29, 34, 38, 46, 56, 69],
        [27, 29, 35, 38, 46, 56, 69, 83],
    ]
)
"""ISO 13818-2 default intra quantiser matrix (natural order); used for luma and chroma."""

MPEG2_WEIGHT_UNIT = 16
"""MPEG-2 intra reconstruction: step = W[v][u] * quantiser_scale / 16."""

MPEG2_INTRA_DC_STEP = 8
"""The DC step at 8-bit ``intra_dc_precision`` (``intra_dc_mult``)."""

QSCALE_RANGE = (1.0, 112.0)
"""MPEG-2's legal ``quantiser_scale`` values (the non-linear scale reaches 112)."""


@functools.cache
def _dct_matrix(size: int) -> np.ndarray:
    """Orthonormal DCT-II: row u is frequency u sampled at the block's pixel centres."""
    frequency = np.arange(size)[:, None]
    position = np.arange(size)[None, :]
    basis = np.cos(np.pi * (2 * position + 1) * frequency / (2 * size)) * np.sqrt(2 / size)
    basis[0] /= np.sqrt(2)
    return basis


@functools.cache
def _intra_steps(block: int) -> tuple[np.ndarray, np.ndarray]:
    """The MPEG-2 step table of a ``block``-sized transform as ``ac * qscale + dc``.

    The 8x8 matrix is sampled at the same relative frequencies; steps grow with ``block / 8``
    as the orthonormal coefficients of a given sine do.
    """
    index = np.arange(block) * BLOCK // block
    scale = block / BLOCK
    ac = MPEG2_INTRA_MATRIX[np.ix_(index, index)] * (scale / MPEG2_WEIGHT_UNIT)
    ac[0, 0] = 0.0
    dc = np.zeros((block, block))
    dc[0, 0] = MPEG2_INTRA_DC_STEP * scale
    return ac, dc


@functools.cache
def _ac_mask(block: int) -> np.ndarray:
    """1 for the AC coefficients of a block, 0 for DC: the dead zone spares DC."""
    mask = np.ones((block, block))
    mask[0, 0] = 0.0
    return mask


def _namespace(array: Array) -> ModuleType:
    """The library an array belongs to: its functions share names (einsum, round, clip)."""
    return torch if isinstance(array, torch.Tensor) else np


_DEVICE_COPIES: dict[tuple, torch.Tensor] = {}
"""Constants already on a device: an upload from host memory waits for the device's queue."""


def _const(values: np.ndarray, like: Array) -> Array:
    """``values`` (a small constant table) as an array of ``like``'s library, dtype and device."""
    if not isinstance(like, torch.Tensor):
        return np.asarray(values, dtype=like.dtype)
    key = (values.tobytes(), values.shape, values.dtype.str, like.device, like.dtype)
    if key not in _DEVICE_COPIES:
        _DEVICE_COPIES[key] = torch.as_tensor(values, dtype=like.dtype, device=like.device)
    return _DEVICE_COPIES[key]


def _arange(size: int, like: Array) -> Array:
    """0..size-1 as integer indices beside ``like`` (same library and device)."""
    if isinstance(like, torch.Tensor):
        return torch.arange(size, device=like.device)
    return np.arange(size)


def _pad_edges(planes: Array, top: int, bottom: int, left: int, right: int) -> Array:
    """Pad (N, C, H, W) planes by replicating their edge pixels, as libjpeg pads partial MCUs."""
    if isinstance(planes, torch.Tensor):
        return F.pad(planes, (left, right, top, bottom), mode="replicate")
    return np.pad(planes, ((0, 0), (0, 0), (top, bottom), (left, right)), mode="edge")


def _upsample_chroma(planes: Array) -> Array:
    """libjpeg's "fancy" 2x upsampling: a triangle filter, i.e. bilinear with half-pixel centres."""
    if isinstance(planes, torch.Tensor):
        return F.interpolate(
            planes, scale_factor=CHROMA_SUBSAMPLING, mode="bilinear", align_corners=False
        )
    batch, channels, height, width = planes.shape
    stacked = planes.reshape(batch * channels, height, width).transpose(1, 2, 0)
    size = (width * CHROMA_SUBSAMPLING, height * CHROMA_SUBSAMPLING)
    upsampled = cv2.resize(stacked, size, interpolation=cv2.INTER_LINEAR)
    upsampled = upsampled.reshape(*size[::-1], batch * channels)
    return upsampled.transpose(2, 0, 1).reshape(batch, channels, *size[::-1])


def _snap(array: Array) -> Array:
    """``array`` on a ``1 / TIE_GRID`` grid, so that exact halves are exact in any float type."""
    return _namespace(array).round(array * TIE_GRID) / TIE_GRID


def _round_half_up(array: Array) -> Array:
    """libjpeg's DESCALE: ``(x + half) >> n``."""
    return _namespace(array).floor(_snap(array) + HALF)


def _round_half_away(array: Array) -> Array:
    """libjpeg's quantiser: the magnitude divided with rounding, the sign put back."""
    xp = _namespace(array)
    snapped = _snap(array)
    return xp.sign(snapped) * xp.floor(xp.abs(snapped) + HALF)


def _to_levels(array: Array) -> Array:
    """Rounded and clamped to 8-bit levels, as libjpeg stores its samples."""
    return _namespace(array).clip(_round_half_up(array), 0, MAX_LEVEL)


def _fixed_point(matrix: np.ndarray, planes: Array, rounding: np.ndarray) -> Array:
    """``(matrix @ planes + rounding) >> SCALE_BITS`` over the channels of (N, C, H, W) planes,
    exact in float64 (the products of 8-bit levels and 17-bit constants are integers)."""
    xp = _namespace(planes)
    mixed = xp.einsum("ck,nkhw->nchw", _const(matrix, planes), planes)
    return xp.floor((mixed + _const(rounding, planes)[:, None, None]) / FIXED_ONE)


def _column_bias(bias: tuple[float, float], width: int, like: Array) -> Array:
    """``bias`` alternating along ``width`` columns, as libjpeg's rounding biases do."""
    return _const(np.resize(np.array(bias), width), like)


def _requantise(planes: Array, steps: Array, deadzone: Array | None) -> Array:
    """Block DCT, quantisation by per-sample ``steps`` (N, b, b), inverse DCT.

    ``planes`` (N, C, H, W) are level-shifted, H and W multiples of the block size. AC
    coefficients below ``deadzone`` (N,) steps are dropped.
    """
    xp = _namespace(planes)
    batch, channels, height, width = planes.shape
    block = steps.shape[-1]
    basis = _const(_dct_matrix(block), planes)
    blocks = planes.reshape(batch, channels, height // block, block, width // block, block)
    coefficients = xp.einsum("uy,ncaybx->ncaubx", basis, blocks)
    coefficients = xp.einsum("ncaubx,vx->ncaubv", coefficients, basis)
    per_block = steps[:, None, None, :, None, :]
    scaled = _snap(coefficients / per_block)
    levels = _round_half_away(scaled)
    if deadzone is not None:
        ac_mask = _const(_ac_mask(block), planes)[:, None, :]
        threshold = deadzone[:, None, None, None, None, None] * ac_mask
        levels = levels * (xp.abs(scaled) >= threshold)
    restored = xp.einsum("uy,ncaubv->ncaybv", basis, levels * per_block)
    restored = xp.einsum("ncaybv,vx->ncaybx", restored, basis)
    return restored.reshape(batch, channels, height, width)


def _encode_decode(
    rgb: Array, luma_steps: Array, chroma_steps: Array, deadzone: Array | None = None
) -> Array:
    """The block codec round trip of (N, 3, H, W) RGB levels, H and W multiples of a macroblock."""
    xp = _namespace(rgb)
    ycbcr = _fixed_point(RGB_TO_YCBCR, rgb, YCBCR_ROUNDING)
    batch, _, height, width = rgb.shape
    factor = CHROMA_SUBSAMPLING
    chroma = ycbcr[:, 1:].reshape(batch, -1, height // factor, factor, width // factor, factor)
    chroma = chroma.sum(axis=(3, 5)) + _column_bias(DOWNSAMPLE_BIAS, width // factor, rgb)
    chroma = xp.floor(chroma / factor**2)
    luma = _requantise(ycbcr[:, :1] - LEVEL_SHIFT, luma_steps, deadzone)
    chroma = _requantise(chroma - LEVEL_SHIFT, chroma_steps, deadzone)
    luma = _to_levels(luma + LEVEL_SHIFT)
    chroma = _upsample_chroma(_to_levels(chroma + LEVEL_SHIFT))
    chroma = xp.floor(chroma + _column_bias(UPSAMPLE_BIAS, width, rgb))
    decoded = luma + _fixed_point(CHROMA_TO_RGB, chroma - LEVEL_SHIFT, RGB_ROUNDING)
    return xp.clip(decoded, 0, MAX_LEVEL)


def _jpeg_steps(quality: torch.Tensor, like: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Per-sample (N, 8, 8) luma and chroma steps: libjpeg's ``jpeg_set_quality``, baseline."""
    quality = quality.to(device=like.device, dtype=torch.int64).clamp(*QUALITY_RANGE)
    percent = torch.where(
        quality < QUALITY_KNEE,
        LOW_QUALITY_PERCENT // quality,
        HIGH_QUALITY_PERCENT - HIGH_QUALITY_SLOPE * quality,
    )[:, None, None]
    luma, chroma = (
        ((_const(table, quality) * percent + PERCENT // 2) // PERCENT)
        .clamp(*BASELINE_STEP_RANGE)
        .to(like.dtype)
        for table in (JPEG_LUMA_TABLE, JPEG_CHROMA_TABLE)
    )
    return luma, chroma


def _working_dtype(device: torch.device) -> torch.dtype:
    """float64 wherever the device has it: exact halves stay exact, and TF32 matmuls (if the
    trainer allows them) cannot touch the transforms. Apple's MPS has no float64."""
    return torch.float32 if device.type == "mps" else torch.float64


def _round_up(size: int, period: int) -> int:
    return -(-size // period) * period


def jpeg_batch(images: torch.Tensor, quality: torch.Tensor) -> torch.Tensor:
    """Baseline JPEG round trip of a batch, one quality per sample, as libjpeg does it.

    ``images``: (N, 3, H, W) RGB in [0, 1], any H, W >= 8, on any device; float32 or float64.
    ``quality``: (N,) integers 1..100 (libjpeg's setting; clamped to that range like libjpeg).
    Returns the decoded images, same shape and dtype, on 8-bit levels in [0, 1].
    """
    height, width = images.shape[-2:]
    period = BLOCK * CHROMA_SUBSAMPLING
    with torch.no_grad():
        levels = _to_levels(images.to(_working_dtype(images.device)) * MAX_LEVEL)
        padded = _pad_edges(
            levels, 0, _round_up(height, period) - height, 0, _round_up(width, period) - width
        )
        luma_steps, chroma_steps = _jpeg_steps(quality, levels)
        decoded = _encode_decode(padded, luma_steps, chroma_steps)
        return (decoded[..., :height, :width] / MAX_LEVEL).to(images.dtype)


def jpeg_numpy(image: np.ndarray, quality: int) -> np.ndarray:
    """Real baseline JPEG round trip (OpenCV's libjpeg-turbo, 4:2:0) of an (H, W, 3) RGB uint8."""
    params = [
        cv2.IMWRITE_JPEG_QUALITY,
        int(quality),
        cv2.IMWRITE_JPEG_SAMPLING_FACTOR,
        cv2.IMWRITE_JPEG_SAMPLING_FACTOR_420,
    ]
    ok, encoded = cv2.imencode(".jpg", cv2.cvtColor(image, cv2.COLOR_RGB2BGR), params)
    if not ok:
        raise RuntimeError("OpenCV could not encode the image as JPEG")
    return cv2.cvtColor(cv2.imdecode(encoded, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)


def _gather(planes: Array, rows: Array, cols: Array) -> Array:
    """``planes[n, c, rows[n], cols[n]]`` for (N, C, H, W) planes and (N, h), (N, w) indices."""
    batch, channels = planes.shape[:2]
    samples = _arange(batch, rows)[:, None, None, None]
    channel = _arange(channels, rows)[None, :, None, None]
    return planes[samples, channel, rows[:, None, :, None], cols[:, None, None, :]]


def _codec_blocking(
    levels: Array,
    qscale: Array,
    offset_x: Array,
    offset_y: Array,
    deadzone: Array | None,
    block: int,
) -> Array:
    """The video-codec round trip of (N, 3, H, W) RGB levels with per-sample parameters.

    Each sample is padded by a macroblock on every side and windowed so that its shifted grid
    starts at window pixel 0; the window's sides are whole macroblocks.
    """
    if block not in BLOCK_SIZES:
        raise ValueError(f"block must be one of {BLOCK_SIZES}, not {block}")
    xp = _namespace(levels)
    period = block * CHROMA_SUBSAMPLING
    height, width = levels.shape[-2:]
    window_h = _round_up(height + period, period)
    window_w = _round_up(width + period, period)
    padded = _pad_edges(levels, period, window_h - height, period, window_w - width)
    shift_y = (offset_y % period)[:, None]
    shift_x = (offset_x % period)[:, None]
    windows = _gather(
        padded,
        shift_y + _arange(window_h, shift_y),
        shift_x + _arange(window_w, shift_x),
    )
    ac, dc = (_const(table, levels) for table in _intra_steps(block))
    steps = ac * xp.clip(qscale, *QSCALE_RANGE)[:, None, None] + dc
    decoded = _encode_decode(windows, steps, steps, deadzone)
    return _gather(
        decoded,
        _arange(height, shift_y) + period - shift_y,
        _arange(width, shift_x) + period - shift_x,
    )


def codec_blocking_batch(
    images: torch.Tensor,
    qscale: torch.Tensor,
    offset_x: torch.Tensor,
    offset_y: torch.Tensor,
    deadzone: torch.Tensor | None = None,
    block: int = BLOCK,
) -> torch.Tensor:
    """Video-codec blocking (MPEG-2 intra style) of a batch, every parameter per sample.

    ``images``: (N, 3, H, W) RGB in [0, 1], any H, W >= 8, float32 or float64, any device.
    ``qscale`` (N,): MPEG-2 quantiser scale, 1-112. ``offset_x``, ``offset_y`` (N,) integers:
    the grid phase, modulo ``2 * block``. ``deadzone`` (N,): AC coefficients below this many
    steps are dropped (None: plain rounding). ``block``: 4, 8 or 16. The module docstring gives
    the details. Returns the decoded images, same shape and dtype, on 8-bit levels in [0, 1].
    """
    device = images.device
    dtype = _working_dtype(device)
    with torch.no_grad():
        decoded = _codec_blocking(
            _to_levels(images.to(dtype) * MAX_LEVEL),
            qscale.to(device=device, dtype=dtype),
            offset_x.to(device=device, dtype=torch.int64),
            offset_y.to(device=device, dtype=torch.int64),
            None if deadzone is None else deadzone.to(device=device, dtype=dtype),
            block,
        )
        return (decoded / MAX_LEVEL).to(images.dtype)


def codec_blocking_numpy(
    image: np.ndarray,
    qscale: float,
    offset_x: int,
    offset_y: int,
    deadzone: float | None = None,
    block: int = BLOCK,
) -> np.ndarray:
    """The definition of ``codec_blocking_batch``, for one (H, W, 3) RGB uint8 image."""
    decoded = _codec_blocking(
        image.astype(np.float64).transpose(2, 0, 1)[None],
        np.array([qscale], dtype=np.float64),
        np.array([offset_x]),
        np.array([offset_y]),
        None if deadzone is None else np.array([deadzone], dtype=np.float64),
        block,
    )
    return decoded[0].transpose(1, 2, 0).astype(np.uint8)
