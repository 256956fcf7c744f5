"""Restoring pictures with a loaded model (and the 1x models chained before and after it) on a
device: colour through the networks, tile by tile; alpha resized on its own; gray, 8-bit and
16-bit pictures come back as they went in, and a black-and-white picture stays grey whether it is
stored as grey or as RGB (as most scanners save it)."""

from __future__ import annotations

import copy
import itertools
import logging
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import cv2
import numpy as np
import torch

from engine.added_grain import add_grain
from engine.alpha_fill import visible_colours
from engine.alpha_resize import resized_alpha
from engine.chain import ModelChain
from engine.devices import free_memory_bytes, memory_format, uses_half
from engine.errors import RekindleError
from engine.fading import FadingFix, measure_fading
from engine.imageio import Picture, Resolution, print_resolution
from engine.library.descriptor import LoadedModel, Tiling
from engine.output_size import OutputSize, restored_size, whole_scale
from engine.pixels import PHOTO_GREY, GreyRule, as_rgb, bands
from engine.progress import Progress, silent
from engine.provenance import marked_exif
from engine.retouch.fill import fill_marks
from engine.retouch.find import find_spots
from engine.tiling import TileGeometry, round_up, upscale_tiled
from engine.words import say

AUTO_TILE = 0
MAX_AUTO_TILE = {"cpu": 384, "mps": 768, "cuda": 1024}
"""Auto tiles stay small enough that Cancel answers within about a second on each device."""
MEMORY_SHARE = 0.25
"""Auto tiles use at most this share of the free device memory."""
CHANNEL_MEAN = np.full((1, 3), 1 / 3)
"""``cv2.transform``'s weights for the mean of three channels, which it rounds exactly (the
mean of three whole numbers is never halfway between two)."""
HALF_MAX = torch.finfo(torch.float16).max
ORIENTATIONS = 8
"""The ensemble's runs of a network per tile: four quarter turns, with and without a mirror."""
LAYER_REPORT_SECONDS = 0.5
"""How often, at most, a network reports how far through a tile it is: a slow network's tile
can take minutes, a fast network's tiles report only as they end."""
PROBE_SIDE = 32
"""The side of the small picture a network runs on once, so that its layer calls and what each
costs are known before its first tile (rounded up to the network's size multiple); a network
that does not run on it (``_PlacedModel._measured_costs``) has each of its layers count
once."""
TRANSPOSED = (torch.nn.ConvTranspose1d, torch.nn.ConvTranspose2d, torch.nn.ConvTranspose3d)
FILLING = 0.05
"""The share of a photo's progress that filling its marked spots first takes: seconds, where
enlarging it takes minutes."""

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RestoreOptions:
    """How to restore: which output scale or size (``size``, a long side or a print size, is
    met exactly and overrides ``scale_out``), tile size (0 = auto), whether to take the
    extra-care path (``ensemble``: each tile run in its eight orientations and averaged),
    whether to take away a faded print's fading first (``fix_fading``, see engine/fading.py),
    whether to find dust and specks and fill them first (``find_spots``, see
    engine/retouch/find.py; marks made by hand are given to ``Restorer.restore`` instead), and
    how much fine grain to add to the result (``grain``, 0 to 1, see engine/added_grain.py)."""

    scale_out: int | None = None  # None = the model's own scale
    size: OutputSize | None = None
    tile: int = AUTO_TILE  # overrides the restorer's tile for this picture
    ensemble: bool = False
    fix_fading: bool = False
    find_spots: bool = False
    grain: float = 0.0


def spot_marks(
    pixels: np.ndarray,
    options: RestoreOptions,
    marks: np.ndarray | None,
    find: Callable[[np.ndarray], np.ndarray] | None = None,
) -> np.ndarray | None:
    """The marks to fill on ``pixels``: those given (made by hand), else those found when
    the options ask, else none. Marks given, even empty ones (a photo looked over with
    nothing to fill), take the place of the search: a person's review of the photo is not
    added to, so what they erased does not come back. The search is ``find_spots``, or
    ``find``: a caller that keeps the spots it found on the photo before answers with them."""
    if marks is None and options.find_spots:
        return (find or find_spots)(pixels)
    return marks


def auto_tile(model: LoadedModel, device: torch.device) -> int:
    """The largest tile whose working set (as the model's descriptor states it) fits a share of
    the free memory, capped for responsiveness where the network tiles well; one that tiles
    badly (it leans on the whole picture, or tiles by itself) gets the largest tile the memory
    allows, so as few seams as possible."""
    descriptor = model.descriptor
    budget = free_memory_bytes(device) * MEMORY_SHARE
    side = int(math.sqrt(budget / descriptor.working_set))
    if descriptor.tiling is Tiling.SUPPORTED:
        side = min(side, MAX_AUTO_TILE.get(device.type, 384))
    return max(descriptor.size_multiple, side)


class _LayerWatch:
    """Called before every layer a network runs: checks for Cancel (not only between tiles:
    one tile of a large community model can take minutes on a CPU), and reports, at most every
    ``LAYER_REPORT_SECONDS``, how far through its tile the network is: the share of the tile's
    work (``runs`` of the network, eight for the ensemble) that the layer calls before this one
    did, each weighed by its cost (``_layer_costs``); short of the tile's end, which the tiler
    reports once the tile's result is in place."""

    def __init__(self, progress: Progress, costs: Sequence[float], runs: int) -> None:
        self.tile = progress
        self.reached = list(itertools.accumulate(costs, initial=0.0))
        self.runs = runs
        self.calls = 0
        self.reported_at = 0.0

    def follow(self, tile: Progress) -> None:
        """Count the layer calls of the next tile, whose share of the progress is ``tile``."""
        self.calls = 0
        self.tile = tile
        self.reported_at = time.monotonic()

    def __call__(self, *_: object) -> None:
        self.tile.check()
        now = time.monotonic()
        if now - self.reported_at >= LAYER_REPORT_SECONDS:
            self.reported_at = now
            self.tile.update(self.share(), 1.0, unit="layer")
        self.calls += 1

    def share(self) -> float:
        """The share of the tile done before the layer call about to run; calls beyond those
        expected (a run done again in float32) stay at the last expected one's share."""
        per_run = len(self.reached) - 1
        run, call = divmod(min(self.calls, per_run * self.runs - 1), per_run)
        return (run + self.reached[call] / self.reached[-1]) / self.runs


class _PlacedModel:
    """One model on a device, run over pictures tile by tile with its own context and size
    multiple: in half precision where the device and the model allow it, but always in
    float32 for pictures of more than 8 bits, whose finer levels half precision's 11-bit
    fractions would round away."""

    def __init__(self, model: LoadedModel, device: torch.device, tile: int) -> None:
        self.model = model
        self.device = device
        self.memory_format = memory_format(device)
        # The model's own network stays in float32 (it may be shared with other restorers);
        # half precision runs a copy of it.
        self._float = model.network.to(device).eval().float()
        self._float = self._float.to(memory_format=self.memory_format)
        self.half = uses_half(device) and model.descriptor.supports_half and _fits_half(self._float)
        self._half = copy.deepcopy(self._float).half() if self.half else None
        self.deep = False  # whether the picture being run has more than 8 bits
        # on the network's grid, as the tiler runs it
        self.tile = round_up(tile or auto_tile(model, device), model.descriptor.size_multiple)
        # Cancel and progress follow the layers of whichever copy runs.
        float_layers = _leaves(self._float)
        self._layers = float_layers + (_leaves(self._half) if self._half else [])
        # what each layer call of one run costs, in the order they come, and so what a run
        # costs a pixel it takes in
        side = round_up(PROBE_SIDE, model.descriptor.size_multiple)
        self.layer_costs = self._measured_costs(float_layers, side)
        self.cost_per_pixel = sum(self.layer_costs) / side**2

    def _measured_costs(self, layers: list[torch.nn.Module], side: int) -> list[float]:
        """``_layer_costs`` of the network's ``layers``; one each where the network does not
        run on the small picture that tells."""
        try:
            return _layer_costs(self._float, layers, side, self.device)
        except RuntimeError as error:
            log.info("%s did not run on a small picture (%s); layers count once", self.name, error)
            return [1.0] * len(layers)

    @property
    def network(self) -> torch.nn.Module:
        """The network the picture being run goes through: in half precision or float32."""
        return self._half if self._in_half else self._float

    @property
    def _in_half(self) -> bool:
        return self.half and not self.deep

    def _forward(self, tensor: torch.Tensor) -> torch.Tensor:
        """The network's answer for ``tensor``, in the network's precision."""
        tensor = tensor.to(self.device)
        if self._in_half:
            tensor = tensor.half()
        tensor = tensor.contiguous(memory_format=self.memory_format)
        with torch.inference_mode():
            return self.network(tensor)

    def run_network(self, tensor: torch.Tensor) -> torch.Tensor:
        """The network's answer for ``tensor`` as float32, checked to be numbers: a network
        whose answer holds NaN or infinities (broken weights) would give a black picture.
        A half-precision answer that overflowed is computed again in float32, which the model
        keeps from then on; an answer still not finite fails the photo."""
        result = self._forward(tensor)
        if self._in_half and not _finite(result):
            log.warning("%s overflowed in half precision; going on in float32", self.name)
            self.half = False
            result = self._forward(tensor)
        self._check_size(tensor, result)
        if not _finite(result):
            raise RekindleError(
                say(
                    "the model {model} gave a result that is not a picture (NaN or infinite "
                    "values); its file may be damaged",
                    model=self.name,
                )
            )
        return result.float()

    def _check_size(self, tensor: torch.Tensor, result: torch.Tensor) -> None:
        """Fail the photo when the network's answer is not its input enlarged by the scale its
        file states (a file that describes its network wrongly): placed in the picture, the
        answer would not fit, or would give a scrambled mosaic."""
        scale = self.model.descriptor.scale
        height, width = tensor.shape[-2:]
        if result.shape[-2:] != (height * scale, width * scale):
            raise RekindleError(
                say(
                    "the model {model} answered {width}x{height} pixels with "
                    "{answer_width}x{answer_height}, where its file promises {scale} times the "
                    "input's size; the file does not describe its network rightly",
                    model=self.name,
                    width=width,
                    height=height,
                    answer_width=result.shape[-1],
                    answer_height=result.shape[-2],
                    scale=scale,
                )
            )

    @property
    def name(self) -> str:
        return self.model.descriptor.display_name

    def _run_ensemble(self, tensor: torch.Tensor) -> torch.Tensor:
        """The mean of the network's answers for the tile's eight orientations (quarter turns,
        with and without a mirror), each turned back: errors that depend on orientation
        average out, for eight times the work."""
        total = None
        for mirrored in (False, True):
            flipped = tensor.flip(-1) if mirrored else tensor
            for turns in range(4):
                answer = self.run_network(torch.rot90(flipped, turns, (-2, -1)))
                answer = torch.rot90(answer, -turns, (-2, -1))
                answer = answer.flip(-1) if mirrored else answer
                total = answer if total is None else total + answer
        return total / ORIENTATIONS

    def run(
        self,
        rgb: np.ndarray,
        progress: Progress,
        tile: int = AUTO_TILE,
        ensemble: bool = False,
        shrink: int = 1,
    ) -> np.ndarray:
        """One pass over HxWx3 (or a stack NxHxWx3) of uint8/uint16 pixels, its result
        shrunk by ``shrink`` tile by tile (see engine.tiling)."""
        described = self.model.descriptor
        side = tile or self.tile
        geometry = TileGeometry(
            described.scale, side, described.tile_context, described.size_multiple
        )
        run = self._run_ensemble if ensemble else self.run_network
        # The hooks live only for this run, as the network may be shared with other restorers.
        watch = _LayerWatch(progress, self.layer_costs, ORIENTATIONS if ensemble else 1)
        hooks = [layer.register_forward_pre_hook(watch) for layer in self._layers]
        self.deep = rgb.dtype != np.uint8
        try:
            return upscale_tiled(run, rgb, geometry, progress, shrink, self.device, watch.follow)
        finally:
            self.deep = False
            for hook in hooks:
                hook.remove()


def fill_then_enlarge(
    progress: Progress | None, marks: np.ndarray | None
) -> tuple[Progress, Progress]:
    """The shares of a restore's ``progress`` for filling ``marks`` first (``FILLING``; none
    without marks) and for enlarging."""
    progress = progress or silent()
    filling = FILLING if marks is not None else 0.0
    return progress.span(0, filling), progress.span(filling, 1)


class Restorer:
    """A model, and the 1x models chained before and after it, placed on a device, ready to
    restore pictures of any size.

    ``model`` is one model or a ``ModelChain``; ``self.model`` is always the one that enlarges.
    ``fingerprint`` (``ModelChain.fingerprint``) names the models' files in what a result
    records (``describe``), so that results of other files under the same names are told apart.
    """

    def __init__(
        self, model: LoadedModel | ModelChain, device: torch.device, tile: int = AUTO_TILE
    ) -> None:
        self.chain = model if isinstance(model, ModelChain) else ModelChain(model)
        self.model = self.chain.model
        self.fingerprint = self.chain.fingerprint()
        self.device = device
        self._main = _PlacedModel(self.model, device, tile)
        self._before = [_PlacedModel(stage, device, tile) for stage in self.chain.before]
        self._after = [_PlacedModel(stage, device, tile) for stage in self.chain.after]
        self.tile = self._main.tile

    @property
    def half(self) -> bool:
        """Whether the enlarging model runs 8-bit pictures in half precision (until an answer
        overflows); deeper ones always run in float32."""
        return self._main.half

    @property
    def scale(self) -> int:
        return self.model.descriptor.scale

    def network_pass(self, tensor: torch.Tensor) -> torch.Tensor:
        """The enlarging model's network on an (n, 3, h, w) float tensor in [0, 1], on this
        restorer's device and in its precision, untiled: the network's time apart from the
        tiler's uploads and downloads, for benchmarks."""
        return self._main.run_network(tensor)

    def enlarge(
        self,
        pixels: np.ndarray,
        scale_out: int | None = None,
        progress: Progress | None = None,
        tile: int = AUTO_TILE,
        ensemble: bool = False,
        grey: bool | GreyRule = PHOTO_GREY,
    ) -> np.ndarray:
        """Enlarge gray or RGB pixels by ``scale_out`` (the model's scale by default); with
        ``ensemble`` every model runs each tile in its eight orientations (see RestoreOptions).

        The 1x models chained before run on the picture as it is, those after on the result at
        the output scale. A smaller output scale shrinks the model's result with area
        averaging, tile by tile where the scales divide (so memory holds the output, never the
        model's full-scale result); a larger one runs the model again on its own result (a 2x
        model twice makes 4x). A stack of same-sized RGB pictures (NxHxWx3, frames of a film)
        goes through as batches. Each run of a model gets a share of ``progress`` in proportion
        to the pixels it takes in times what its network costs a pixel (a rough measure of its
        time: the stages after run on the large result). Grey pixels, stored as grey or as
        RGB, give a grey result (``_grey_where_it_was``): the networks tint greys faintly.
        Whether RGB pixels are grey is judged on them by the rule ``grey`` gives (each frame of
        a stack on its own: a photo by ``PHOTO_GREY``, a film's frames within what a lossy codec
        leaves of grey), or ``grey`` says it for all of them: judged by the caller on more than
        it enlarges (a photo a part is cut from, frames across a film).
        """
        progress = progress or silent()
        scale_out = scale_out or self.scale
        count = passes(self.scale, scale_out)
        shrink = _tile_shrink(self.scale, count, scale_out)
        enlarging = [(placed, 1, 1) for placed in self._before]
        enlarging += [(self._main, self.scale ** (2 * index), 1) for index in range(count)]
        enlarging[-1] = (self._main, enlarging[-1][1], shrink)
        after = [(placed, scale_out**2, 1) for placed in self._after]
        total = sum(placed.cost_per_pixel * area for placed, area, _ in enlarging + after)
        done = 0.0

        def run(rgb: np.ndarray, placed: _PlacedModel, area: int, shrink: int) -> np.ndarray:
            nonlocal done
            cost = placed.cost_per_pixel * area
            share = progress.span(done / total, (done + cost) / total)
            done += cost
            return placed.run(rgb, share, tile, ensemble, shrink)

        rgb = as_rgb(pixels)
        for stage in enlarging:
            rgb = run(rgb, *stage)
        if self.scale**count != scale_out * shrink:
            height, width = pixels.shape[1:3] if pixels.ndim == 4 else pixels.shape[:2]
            rgb = _resize(rgb, (width * scale_out, height * scale_out))
        for stage in after:
            rgb = run(rgb, *stage)
        return _grey_where_it_was(pixels, rgb, grey)

    def restore(
        self,
        picture: Picture,
        options: RestoreOptions | None = None,
        progress: Progress | None = None,
        fading: FadingFix | None = None,
        marks: np.ndarray | None = None,
    ) -> Picture:
        """The restored picture: colour enlarged by the network (its spots and scratches
        filled first where ``marks`` says, or where they are found when the options ask; its
        fading taken away first when asked: by ``fading`` when the caller measured it
        already), alpha resized on its own (``resized_alpha``), colour profile and metadata
        carried over, its EXIF marking it as Rekindle's restoration and saying what was done
        (``engine.provenance``), its XMP a derivative's (``TextMetadata.derived``), and its
        resolution the original's times the enlargement, or the print size's asked for."""
        options = options or RestoreOptions()
        height, width = picture.pixels.shape[:2]
        size = self.output_size(width, height, options)
        scale_out = whole_scale(width, height, size)
        visible = visible_colours(picture)
        marks = spot_marks(visible, options, marks)
        filling, enlarging = fill_then_enlarge(progress, marks)
        filled = fill_marks(visible, marks, progress=filling)
        if options.fix_fading and fading is None:
            fading = measure_fading([visible])
        pixels = fading.apply(filled.pixels) if options.fix_fading else filled.pixels
        pixels = self.enlarge(pixels, scale_out, enlarging, options.tile, options.ensemble)
        if (pixels.shape[1], pixels.shape[0]) != size:
            pixels = _resize(pixels, size)
        pixels = add_grain(pixels, options.grain)
        alpha = None
        if picture.alpha is not None:
            size = (pixels.shape[1], pixels.shape[0])
            alpha = resized_alpha(picture.alpha, size)
        described = self.describe(scale_out, options, size, fading, filled.spots, (width, height))
        exif = marked_exif(picture.exif, described)
        dpi = _result_dpi(picture, options.size, pixels.shape[1], pixels.shape[0])
        text = picture.text_metadata.derived(described)
        return replace(picture, pixels=pixels, alpha=alpha, exif=exif, dpi=dpi, text_metadata=text)

    def output_size(self, width: int, height: int, options: RestoreOptions) -> tuple[int, int]:
        """The (width, height) of a ``width`` x ``height`` picture restored with ``options``."""
        return restored_size(width, height, options.size, options.scale_out or self.scale)

    def describe(
        self,
        scale_out: int,
        options: RestoreOptions,
        size: tuple[int, int] | None = None,
        fading: FadingFix | None = None,
        spots: int = 0,
        original: tuple[int, int] | None = None,
    ) -> str:
        """What restoring with ``options`` does, in a sentence (recorded in the result);
        ``fading``, the fix measured when options ask for one, says whether it found any;
        ``spots``: how many spots and scratches were filled first; ``original``: the
        picture's own (width, height), so that a size asked for that is its own, or smaller,
        is told as such."""
        asked = options.size is not None and options.size.asked
        kept = (size is not None and size == original) if asked else scale_out == 1
        smaller = (
            size is not None
            and original is not None
            and all(side < own for side, own in zip(size, original, strict=True))
        )
        if kept:
            resized = "kept at its size"
        elif asked:
            way = "reduced" if smaller else "enlarged"
            resized = f"{way} to {size[0]}x{size[1]}"
        else:
            resized = f"enlarged {scale_out}x"
        models = f"{self.chain.display_name} [model fingerprint {self.fingerprint}]"
        steps = [f"Restored with {models}, {resized}"]
        if spots:
            steps.append(f"dust and scratches filled first ({spots} place{'s' * (spots != 1)})")
        if options.fix_fading:
            found = fading is None or fading.faded
            steps.append("fading fixed first" if found else "no sign of fading, colours kept")
        if options.ensemble:
            steps.append("eight orientations averaged")
        if options.grain:
            steps.append(f"fine grain added ({round(options.grain * 100)}%)")
        return "; ".join(steps)


def _result_dpi(
    original: Picture, asked: OutputSize | None, width: int, height: int
) -> Resolution | None:
    """The resolution of ``original`` restored to ``width`` x ``height`` pixels: the one a
    print size ``asked`` for gives, else the original's across and down times the enlargement
    each way, so that the result prints as large as the original; None where the original
    has none."""
    if asked is not None and asked.print_mm is not None:
        return Resolution(asked.dpi, asked.dpi)
    found = print_resolution(original)
    if found is None:
        return None
    across, down = found
    return Resolution(
        max(1, round(across * width / original.width)),
        max(1, round(down * height / original.height)),
    )


def _fits_half(network: torch.nn.Module) -> bool:
    """Whether every weight is within half precision's range: one beyond it would become
    infinite there (and so would every answer), while float32 holds it (a NaN weight fits in
    neither)."""
    tensors = itertools.chain(network.parameters(), network.buffers())
    return all(
        bool(t.abs().max() <= HALF_MAX) for t in tensors if t.is_floating_point() and t.numel()
    )


def _leaves(network: torch.nn.Module) -> list[torch.nn.Module]:
    """The network's layers: its modules that hold no others."""
    return [module for module in network.modules() if next(module.children(), None) is None]


def _layer_costs(
    network: torch.nn.Module, layers: list[torch.nn.Module], side: int, device: torch.device
) -> list[float]:
    """What each call of ``layers`` costs (``_call_cost``) as ``network`` runs once, on a
    ``side`` x ``side`` picture: a network that calls a layer again (one activation after every
    convolution) makes more calls than it has layers, and its layers at the enlarged size cost
    many times those before. A network none of whose layers ran as modules counts as one call."""
    costs: list[float] = []

    def measure(module: torch.nn.Module, inputs: tuple[object, ...], output: object) -> None:
        costs.append(_call_cost(module, inputs, output))

    hooks = [layer.register_forward_hook(measure) for layer in layers]
    probe = torch.full((1, 3, side, side), 0.5, device=device)
    try:
        with torch.inference_mode():
            network(probe.contiguous(memory_format=memory_format(device)))
    finally:
        for hook in hooks:
            hook.remove()
    return costs or [1.0]


def _call_cost(layer: torch.nn.Module, inputs: tuple[object, ...], output: object) -> float:
    """A rough measure of a layer call's time, in multiply-adds: the values it makes, each once
    (an activation), or times the weights of its first channel (a convolution's or a linear
    layer's fan-in); a transposed convolution's weights go out from each value it takes in."""
    made = _values(output)
    weight = getattr(layer, "weight", None)
    if not isinstance(weight, torch.Tensor) or weight.ndim < 2:
        return float(max(1, made))
    spread = _values(inputs[0]) if isinstance(layer, TRANSPOSED) and inputs else made
    return float(max(1, made + spread * weight[0].numel()))


def _values(tensor: object) -> int:
    return tensor.numel() if isinstance(tensor, torch.Tensor) else 0


def _finite(tensor: torch.Tensor) -> bool:
    """Whether every value is a number: asked of the sum first (a NaN or infinity carries
    through it), as the full test allocates a mask as large as the tile."""
    if bool(torch.isfinite(tensor.sum(dtype=torch.float32))):
        return True
    return bool(torch.isfinite(tensor).all())


def _resize(rgb: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """Shrink a picture (or each of a stack) to ``size`` (width, height), averaging areas."""
    if rgb.ndim == 4:
        return np.stack([cv2.resize(frame, size, interpolation=cv2.INTER_AREA) for frame in rgb])
    return cv2.resize(rgb, size, interpolation=cv2.INTER_AREA)


def _grey_where_it_was(pixels: np.ndarray, rgb: np.ndarray, grey: bool | GreyRule) -> np.ndarray:
    """``rgb``, the networks' result for ``pixels``, grey where they are: HxW for grey
    pixels; for RGB pixels, its channels made one where ``grey`` is True, or is a rule they
    hold by (each frame of a stack judged on its own); else as it is."""
    if pixels.ndim == 2:
        return _gray(rgb, np.empty(rgb.shape[:2], rgb.dtype))
    if grey is False:
        return rgb
    pairs = zip(pixels, rgb, strict=True) if pixels.ndim == 4 else [(pixels, rgb)]
    for source, result in pairs:
        if grey is True or grey.holds(source):
            _gray(result, result)
    return rgb


def _gray(rgb: np.ndarray, out: np.ndarray) -> np.ndarray:
    """``out`` (HxW, or HxWx3, each channel getting it; it may be ``rgb`` itself) holding the
    mean of ``rgb``'s channels, made a band of rows at a time (a copy of a whole large result
    would take its memory again)."""
    for rows in bands(rgb):
        mean = cv2.transform(rgb[rows], CHANNEL_MEAN)
        out[rows] = mean if out.ndim == 2 else cv2.cvtColor(mean, cv2.COLOR_GRAY2RGB)
    return out


def _tile_shrink(model_scale: int, count: int, scale_out: int) -> int:
    """How much the model's last pass shrinks its tiles: the factor that brings its result
    to ``scale_out`` when it divides the model's scale, else 1 (the whole result is resized)."""
    reached = model_scale**count
    if reached % scale_out == 0 and model_scale % (reached // scale_out) == 0:
        return reached // scale_out
    return 1


def passes(model_scale: int, scale_out: int) -> int:
    """How many runs of the model reach at least ``scale_out``."""
    if scale_out < 1:
        raise RekindleError(
            say("the output scale must be at least 1, not {scale}", scale=scale_out)
        )
    if model_scale == 1 and scale_out > 1:
        raise RekindleError(
            say(
                "this model does not enlarge, so its result cannot be larger than the photo: "
                "leave the output size out"
            )
        )
    count = 1
    while model_scale**count < scale_out:
        count += 1
    return count
