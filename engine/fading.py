"""Faded prints: with the years a print's blacks turn grey, its whites dull and, as its dyes
fade at different rates, a colour cast creeps in: one dye's channel no longer reaches black or
white. ``fix_fading`` moves each channel's black and white points toward the ends of the
range, which takes the cast out of the shadows and the highlights together (a scene has
near-black and near-white somewhere in every channel far more often than its edges or its
average are grey). A toned black-and-white print (sepia) keeps its tone: its channels rise
and fall together, and a picture like that gets the levels of its brightness only (so does a
film whose every frame measured is toned, each frame keeping its tint).

``measure_fading`` first measures how faded the picture is (``fading_degree``: greyed
blacks, dulled whites where the blacks have greyed too, a cast that has reached the greys of
the shadows) and finds the correction (a ``FadingFix``) on one picture or on several (a
film's frames, so a film gets one correction, see engine/video/film_fading.py); its
``apply`` makes it, in proportion to the degree. Both are measured on the picture itself: the
uniform surround along its edge, darker or brighter than the picture (a scan's dark edge, a
scanner's black, whatever its shape where the print lies askew or in a corner, a print's white
paper) is left out, and so are black frames among a film's. A picture with no sign of fading is left
exactly as it is, and its fix says so (``faded``): a scene that is dark or warm by nature,
or whose darkest things are coloured, shows none; a hazy one (a sky, a sail) can look faded
to the numbers, and is changed. A warm scene that did fade has its channels stretched one by
one like any other, and comes out cooler: its levels do not tell its warmth from a cast.
``python bench/fading.py --hr-dir DIR --json`` measures what it gives back and what it costs
a photo that never faded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from engine.pixels import peak, reduced

CLIP_PERCENT = 0.2
"""The share of pixels (%) allowed to turn pure black, and pure white, when the levels move."""
LEVELS_SHARE = 0.6
"""How far the black and white points move toward the ends of the range: a faded black and a
hazy or dark scene look alike to the numbers, so they go 60 % of the way (on faded kodak24
photos this restored more than going all the way or half: bench/fading.py)."""
MAX_GAIN = 4.0
"""The most the contrast may grow: a dark, flat picture is not a faded one."""
TONED_CORRELATION = 0.985
"""Channels this correlated (every pair) make a monochrome print, toned or not."""
TONE_BLUR = 2.0
"""The blur (sigma, in pixels of the statistics sample) under which the channels are compared:
a scanner's colour noise of a few levels, against the low contrast of a faded print, pulls
their correlation below ``TONED_CORRELATION`` pixel by pixel (on a scan of 500 pixels: seen
0.97), and is averaged away."""
FADED_BLACK = (0.06, 0.12)
"""Black points (the darkest channel's, 0..1) from no sign of fading to a fully faded print:
photos that never faded reach 0.09 at most on kodak24 (film scans), faded prints 0.06 to 0.22."""
FADED_WHITE = (0.88, 0.78)
"""White points (the brightest channel's) from no sign of fading to fully faded."""
GREYED_BLACK = (0.04, 0.08)
"""Black points from true black to greyed enough that dulled whites count as fading: a print's
dyes lose their density in the blacks first, while a scene with true blacks and no white (a
stone house, a red door, a dim room) is no faded print."""
CAST_SHADOWS = (0.16, 0.21)
"""Colour (largest minus smallest channel) of the shadows' cast (``_shadow_colour``) from none
to a full cast: a scene's shadows are near grey (on kodak24 and 432 crops of it, 99 % below
0.16; a red door filling the frame reaches 0.23), while dyes that faded unevenly leave them
coloured (0.20 on a scanned print with a green cast)."""
SHADOW_BANDS = ((0.0, 2.0), (2.0, 10.0))
"""The darkest 2 % of the pixels and the next 8 % (by brightness), where a cast must agree."""
NEUTRAL_SHARE = 25.0
"""The least colourful share (%) of a band whose colour is its cast: a coloured object in the
shadows (a red cap) is left out, the grey that a cast has tinted is not."""
SURROUND_TOLERANCE = 0.04
"""How far (0..1, in any channel) the pixels of a picture's surround (``_surround``: a scan's
dark edge, a scanner's black, a print's white paper) lie at most from the colour of the edge
pixel it is found from. None is part of the picture, and measured with it a faded print looked
unfaded (its black point at 0) or kept its cast (its white points at 1)."""
SURROUND_MEDIAN = 3
"""The median filter (its size, in pixels of the statistics sample) under which a surround is
found: a scanner's noise puts its black's pixels further apart than ``SURROUND_TOLERANCE``,
and a median, unlike a blur, keeps a border of two pixels as dark as it is."""
SURROUND_OVERLAP = 0.01
"""How far within the rest's black or white point a surround's colour may lie: a white border
and the print's whites in it both clipped to white."""
SURROUND_RUN = 0.25
"""The least share of one side of the picture's edge that a uniform region runs along to be
surround (a border, a scan set askew or in a corner of the bed, a line along one edge): a
scene's own dark or flat corner touches the edge less."""
SURROUND_SEED_STEP = 4
"""Every how many pixels along the edge a surround is looked for (one it runs along is found)."""
PICTURE_LEAST = 0.05
"""The least share of the sample left to the picture by its surround: a picture of one colour
(a blank frame) is all the surround would find, and is measured whole."""
EDGE_MARGIN = 0.02
"""The share of the sample's longer side left out past a surround too, where it blurs into
the picture."""
BLANK_WHITE = 0.2
"""The white point (of the brightness) below which a picture is black: a film's leader or the
end of a fade to black tells nothing of the fading, and its black at 0 hid a faded film's
greyed blacks."""
BLANK_RANGE = 0.1
"""The least range of brightness, from black point to white point, of a picture that shows
something: a frame of one colour tells nothing of the fading either."""
STATISTICS_SIDE = 512
STRIP_ROWS = 256
LUMA = np.array([0.299, 0.587, 0.114], np.float32)


@dataclass(frozen=True)
class FadingFix:
    """One correction, measured once: for a photo on itself, for a film on frames across it
    (the same for every frame, so the film does not flicker). ``black`` and ``gain`` hold one
    value per channel of a colour picture, one for a grey or toned one."""

    black: tuple[float, ...]  # the black points moved to 0 (in 0..1)
    gain: tuple[float, ...]  # the contrast each gains
    toned: bool = False  # a toned print: the levels of its brightness, its tone kept
    degree: float = 1.0  # how faded (0: no sign of it, left alone; 1: fully)

    @property
    def faded(self) -> bool:
        return self.degree > 0

    def apply(self, pixels: np.ndarray) -> np.ndarray:
        """``pixels`` (grey or RGB, uint8 or uint16) corrected, in the same shape and type;
        worked on in strips, so a large scan needs little more memory than
        the result. A picture with no sign of fading comes back as it was."""
        if not self.faded:
            return pixels.copy()
        result = np.empty_like(pixels)
        for top in range(0, pixels.shape[0], STRIP_ROWS):
            rows = slice(top, top + STRIP_ROWS)
            result[rows] = self._apply_strip(pixels[rows])
        return result

    def _apply_strip(self, pixels: np.ndarray) -> np.ndarray:
        top = peak(pixels.dtype)
        work = pixels.astype(np.float32) / top
        if work.ndim == 3 and self.toned:
            # The levels of its brightness, each pixel's channels scaled alike.
            luma = work @ LUMA
            work *= (self._stretch(luma) / np.maximum(luma, 1e-6))[..., None]
        else:
            work = self._stretch(work)
        return np.rint(np.clip(work, 0.0, 1.0) * top).astype(pixels.dtype)

    def describe(self) -> dict[str, object]:
        """The correction's figures (part of a film job's identity)."""
        return {
            "black": [round(value, 6) for value in self.black],
            "gain": [round(value, 6) for value in self.gain],
            "toned": self.toned,
            "degree": round(self.degree, 6),
        }

    def _stretch(self, values: np.ndarray) -> np.ndarray:
        black = np.array(self.black, np.float32)
        gain = np.array(self.gain, np.float32)
        return (values - black) * gain


LEFT_ALONE = FadingFix((0.0,), (1.0,), degree=0.0)


def fix_fading(pixels: np.ndarray) -> np.ndarray:
    """``pixels`` with their fading taken away (see ``FadingFix.apply``)."""
    return measure_fading([pixels]).apply(pixels)


def measure_fading(pictures: Sequence[np.ndarray]) -> FadingFix:
    """The correction for a picture, or for several alike (a film's frames), all grey or all
    RGB: each channel's black and white points moved ``LEVELS_SHARE`` of the way to the ends
    of the range, times the ``fading_degree``."""
    samples = _showing([_statistics_sample(picture) for picture in pictures])
    degree = fading_degree(samples)
    if degree == 0:
        return LEFT_ALONE
    toned = samples[0].ndim == 3 and _monochrome(samples)
    if toned:
        samples = [sample @ LUMA for sample in samples]
    low, high = _channel_levels(samples)
    share = LEVELS_SHARE * degree
    black, white = share * low, 1.0 - share * (1.0 - high)
    gain = np.minimum(1.0 / np.maximum(white - black, 1e-6), MAX_GAIN)
    return FadingFix(tuple(map(float, black)), tuple(map(float, gain)), toned, degree)


def fading_degree(samples: Sequence[np.ndarray]) -> float:
    """How faded the samples (0..1 floats, grey or RGB) look, from 0 (no sign of it) to 1: the
    strongest of greyed blacks, dulled whites (as far as the blacks have greyed too) and a
    cast in the shadows."""
    black, white = _levels(samples)
    dulled = min(_ramp(white, *FADED_WHITE), _ramp(black, *GREYED_BLACK))
    signs = [_ramp(black, *FADED_BLACK), dulled]
    if samples[0].ndim == 3:
        signs.append(_ramp(_shadow_colour(samples), *CAST_SHADOWS))
    return max(signs)


def _ramp(value: float, none: float, full: float) -> float:
    """0 at ``none``, 1 at ``full`` (either way round), straight between."""
    return float(np.clip((value - none) / (full - none), 0.0, 1.0))


def _shadow_colour(samples: Sequence[np.ndarray]) -> float:
    """The colour of the shadows' cast: the largest channel minus the smallest of what the
    ``SHADOW_BANDS`` agree on (a cast tints all the shadows alike; the darkest things of a
    scene are often one coloured object, with the shadows next to it another colour)."""
    pixels = _pixels(samples)
    luma = pixels @ LUMA
    edges = np.percentile(luma, SHADOW_BANDS, method="nearest")  # a pixel's: no band is empty
    leans = [_neutral_lean(pixels[(luma >= low) & (luma <= high)]) for low, high in edges]
    return float(np.ptp(_agreement(np.array(leans))))


def _neutral_lean(pixels: np.ndarray) -> np.ndarray:
    """How the mean of the least colourful ``NEUTRAL_SHARE`` % of ``pixels`` leans from grey,
    channel by channel."""
    colour = np.ptp(pixels, axis=1)
    mean = pixels[colour <= np.percentile(colour, NEUTRAL_SHARE)].mean(axis=0)
    return mean - mean.mean()


def _agreement(leans: np.ndarray) -> np.ndarray:
    """What every row of ``leans`` shares, channel by channel: the smallest lean where all
    lean the same way, nothing where they do not."""
    signs = np.sign(leans)
    alike = np.all(signs == signs[0], axis=0)
    return np.where(alike, signs[0] * np.abs(leans).min(axis=0), 0.0)


def _sample(work: np.ndarray) -> np.ndarray:
    """The picture at most ``STATISTICS_SIDE`` pixels across, for its statistics."""
    factor = min(1.0, STATISTICS_SIDE / max(work.shape[:2]))
    if factor == 1.0:
        return work
    return reduced(work, factor)


def _statistics_sample(picture: np.ndarray) -> np.ndarray:
    """The picture itself (``_picture_area``), as 0..1 floats, at most ``STATISTICS_SIDE``
    pixels across."""
    return _picture_area(_sample(picture.astype(np.float32) / peak(picture.dtype)))


def _showing(samples: list[np.ndarray]) -> list[np.ndarray]:
    """The samples that show a picture (``_shows_a_picture``); all of them where none does."""
    return [sample for sample in samples if _shows_a_picture(sample)] or samples


def _shows_a_picture(sample: np.ndarray) -> bool:
    """Whether ``sample`` is more than black (``BLANK_WHITE``) or one colour (``BLANK_RANGE``)."""
    pixels = _pixels([sample])
    luma = pixels @ LUMA if pixels.shape[1] == 3 else pixels
    black, white = np.percentile(luma, [CLIP_PERCENT, 100.0 - CLIP_PERCENT])
    return bool(white >= BLANK_WHITE and white - black >= BLANK_RANGE)


def _picture_area(sample: np.ndarray) -> np.ndarray:
    """``sample`` with its surround (``_surround``) and an ``EDGE_MARGIN`` past it set to NaN,
    which no statistic counts (``_pixels``)."""
    surround = _widened(_surround(sample))
    if not surround.any() or 1.0 - surround.mean() < PICTURE_LEAST:
        return sample
    picture = sample.copy()
    picture[surround] = np.nan
    return picture


def _surround(sample: np.ndarray) -> np.ndarray:
    """Where ``sample`` is surround: the uniform regions along its edge (``_edge_regions``)
    darker than the rest's black point or brighter than its white point, in every channel (a
    scene's flat sky or wall along the edge lies between them, and is part of the picture)."""
    surround = np.zeros(sample.shape[:2], bool)
    regions = _edge_regions(sample)
    if not regions:
        return surround
    rest = sample[~_widened(np.logical_or.reduce(regions))]
    if len(rest) < PICTURE_LEAST * surround.size:
        return surround
    low, high = np.percentile(rest, [CLIP_PERCENT, 100.0 - CLIP_PERCENT], axis=0)
    for region in regions:
        colour = sample[region].mean(axis=0)
        darker = np.max(colour) <= np.min(low) + SURROUND_OVERLAP
        if darker or np.min(colour) >= np.max(high) - SURROUND_OVERLAP:
            surround |= region
    return surround


def _widened(mask: np.ndarray) -> np.ndarray:
    """``mask`` (bool) grown by ``EDGE_MARGIN`` of the longer side."""
    margin = 2 * int(max(mask.shape) * EDGE_MARGIN) + 1
    return cv2.dilate(mask.astype(np.uint8), np.ones((margin, margin), np.uint8)).astype(bool)


def _edge_regions(sample: np.ndarray) -> list[np.ndarray]:
    """The regions (each a mask) connected to the edge of ``sample`` whose pixels lie within
    ``SURROUND_TOLERANCE`` of one edge pixel's colour and that run along ``SURROUND_RUN`` of
    one side at least, whatever their shape."""
    height, width = sample.shape[:2]
    marks = np.zeros((height + 2, width + 2), np.uint8)  # floodFill's mask: one pixel wider
    inside = marks[1:-1, 1:-1]
    image = cv2.medianBlur(sample, SURROUND_MEDIAN)
    tolerance = (SURROUND_TOLERANCE,) * 3
    flags = 4 | cv2.FLOODFILL_FIXED_RANGE | cv2.FLOODFILL_MASK_ONLY | (FILLING << 8)
    regions = []
    for row, column in _edge_seeds(height, width):
        if inside[row, column]:
            continue
        *_, (left, top, across, down) = cv2.floodFill(
            image, marks, (column, row), 0, tolerance, tolerance, flags
        )
        if _runs_along_a_side(inside):
            regions.append(inside == FILLING)
        box = inside[top : top + down, left : left + across]
        box[box == FILLING] = FILLED
    return regions


FILLING, FILLED = 2, 1  # ``_edge_regions``' marks: the region being filled, those before it


def _edge_seeds(height: int, width: int) -> list[tuple[int, int]]:
    """Every ``SURROUND_SEED_STEP``-th pixel (row, column) along the four sides."""
    rows, columns = range(0, height, SURROUND_SEED_STEP), range(0, width, SURROUND_SEED_STEP)
    return [
        *((0, column) for column in columns),
        *((height - 1, column) for column in columns),
        *((row, 0) for row in rows),
        *((row, width - 1) for row in rows),
    ]


def _runs_along_a_side(marks: np.ndarray) -> bool:
    """Whether the region being filled (``FILLING``) covers ``SURROUND_RUN`` of a side."""
    sides = (marks[0], marks[-1], marks[:, 0], marks[:, -1])
    return max(float((side == FILLING).mean()) for side in sides) >= SURROUND_RUN


def _pixels(samples: Sequence[np.ndarray]) -> np.ndarray:
    """Every pixel of the samples, one row each, but the surround's (NaN: ``_picture_area``)."""
    channels = samples[0].shape[2] if samples[0].ndim == 3 else 1
    pixels = np.concatenate([sample.reshape(-1, channels) for sample in samples])
    return pixels[~np.isnan(pixels).any(axis=1)]


def _channel_levels(samples: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Each channel's black and white points: where ``CLIP_PERCENT`` of its pixels lie below,
    and above."""
    low, high = np.percentile(_pixels(samples), [CLIP_PERCENT, 100.0 - CLIP_PERCENT], axis=0)
    return low, high


def _levels(samples: Sequence[np.ndarray]) -> tuple[float, float]:
    """The picture's black and white points: the darkest channel's and the brightest's."""
    low, high = _channel_levels(samples)
    return float(low.min()), float(high.max())


def _monochrome(samples: Sequence[np.ndarray]) -> bool:
    """Whether every sample is monochrome (``_channels_together``): a silent film tinted amber
    in one scene and blue in the next is, and keeps its tints."""
    return all(_channels_together(sample) for sample in samples)


def _channels_together(sample: np.ndarray) -> bool:
    """Whether the channels of ``sample`` rise and fall together (every pair
    ``TONED_CORRELATION``), compared under a ``TONE_BLUR`` blur (which spreads the surround's
    NaN over the pixels it would blur into the picture)."""
    channels = _pixels([cv2.GaussianBlur(sample, (0, 0), TONE_BLUR)]).T
    if channels.shape[1] < 2 or np.ptp(channels, axis=1).min() < 1e-6:
        return True  # a flat channel: nothing to compare
    pairs = np.corrcoef(channels)[np.triu_indices(3, 1)]
    return bool(pairs.min() > TONED_CORRELATION)
