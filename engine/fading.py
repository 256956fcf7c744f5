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
``apply`` makes it, in proportion to the degree. Both are measured on the picture itself: a
uniform border around it (a scan's dark edge, a scanner's black, a print's white paper) is
left out, and so are black frames among a film's. A picture with no sign of fading is left
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
BORDER_SHARE = 0.25
"""The most of each side a uniform border may take: a scan's dark edge of a few pixels, a
scanner's black, a print's white paper. None is part of the picture, and measured with it a
faded print looked unfaded (its black point at 0) or kept its cast (its white points at 1)."""
EDGE_MARGIN = 0.02
"""The share of each side left out past a border too, where it blurs into the picture or runs
askew (a scan set 1 degree off)."""
BORDER_TOLERANCE = 0.04
"""How far (0..1, in any channel) a border's pixels lie from its colour at most."""
BORDER_UNIFORM = 0.9
"""The least share of a line's pixels of the border's colour for the line to be border (a scan
set askew puts a little of the picture into its border's lines)."""
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
    luma = sample @ LUMA if sample.ndim == 3 else sample
    black, white = np.percentile(luma, [CLIP_PERCENT, 100.0 - CLIP_PERCENT])
    return bool(white >= BLANK_WHITE and white - black >= BLANK_RANGE)


def _picture_area(sample: np.ndarray) -> np.ndarray:
    """``sample`` without what frames the picture (``_framing``) at its four sides."""
    top, bottom = _framing(sample)
    left, right = _framing(sample.swapaxes(0, 1))
    return sample[top : sample.shape[0] - bottom, left : sample.shape[1] - right]


def _framing(sample: np.ndarray) -> tuple[int, int]:
    """How many rows frame ``sample`` at its top and at its bottom: a uniform border
    (``_border_lines``) and an ``EDGE_MARGIN`` past it."""
    margin = int(sample.shape[0] * EDGE_MARGIN)
    framing = []
    for lines in (sample, sample[::-1]):
        border = _border_lines(lines)
        framing.append(border + margin if border else 0)
    return framing[0], framing[1]


def _border_lines(lines: np.ndarray) -> int:
    """How many of ``lines`` (rows from a picture's edge inward), at most ``BORDER_SHARE`` of
    them, are of the first's colour (``_of_colour``)."""
    most = int(len(lines) * BORDER_SHARE)
    if most == 0:
        return 0
    colour = np.median(_line_pixels(lines[0]), axis=0)
    count = 0
    while count < most and _of_colour(lines[count], colour):
        count += 1
    return count


def _of_colour(line: np.ndarray, colour: np.ndarray) -> bool:
    """Whether ``BORDER_UNIFORM`` of the pixels of ``line`` lie within ``BORDER_TOLERANCE``
    of ``colour``."""
    near = np.abs(_line_pixels(line) - colour).max(axis=1) <= BORDER_TOLERANCE
    return bool(near.mean() >= BORDER_UNIFORM)


def _line_pixels(line: np.ndarray) -> np.ndarray:
    """The pixels of a row (grey or RGB), one row each."""
    return line.reshape(len(line), -1)


def _pixels(samples: Sequence[np.ndarray]) -> np.ndarray:
    """Every pixel of the samples, one row each."""
    channels = samples[0].shape[2] if samples[0].ndim == 3 else 1
    return np.concatenate([sample.reshape(-1, channels) for sample in samples])


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
    ``TONED_CORRELATION``), compared under a ``TONE_BLUR`` blur."""
    channels = cv2.GaussianBlur(sample, (0, 0), TONE_BLUR).reshape(-1, 3).T
    if np.ptp(channels, axis=1).min() < 1e-6:
        return True  # a flat channel: nothing to compare
    pairs = np.corrcoef(channels)[np.triu_indices(3, 1)]
    return bool(pairs.min() > TONED_CORRELATION)
