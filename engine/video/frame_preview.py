"""One frame of a film restored as ``restore_video`` restores it, to judge the settings before
the whole film: the command line's ``preview`` of a film and the app's Preview both make it
with a ``FramePreviewer``."""

from __future__ import annotations

import os

import numpy as np

from engine.fading import FadingFix
from engine.progress import Progress
from engine.restorer import RestoreOptions, Restorer
from engine.retouch.marks import marks_digest
from engine.video.film_fading import measure_film_fading
from engine.video.probe import VideoInfo
from engine.video.restore import (
    check_film_marks,
    film_grey,
    film_is_black_and_white,
    unfaded_frame,
    with_grain,
)
from engine.video.still import FrameReader
from engine.video.temporal import FilmCleanup


class FramePreviewer:
    """Previews frames of one film. What a preview needs of the whole film is kept for the
    next (a person previews one frame after another): the film's ``FrameReader`` (making one
    reads the whole file), its fading correction and whether it is black-and-white (each
    read from frames across the film), the latter for the marks it was judged with."""

    def __init__(self, source: str | os.PathLike, info: VideoInfo | None = None) -> None:
        """``info``: what probing ``source`` found already (a frame sequence's, which
        ``probe`` cannot read), as ``FrameReader`` takes it."""
        self._reader = FrameReader(source, info)
        self._fading: FadingFix | None = None
        self._black_and_white: tuple[str | None, bool] | None = None  # marks' digest, verdict

    @property
    def info(self) -> VideoInfo:
        """What probing the film found."""
        return self._reader.info

    def describes(self, path: str | os.PathLike) -> bool:
        """Whether this previewer was made for the film now at ``path``
        (``FrameReader.describes``): a film replaced since needs a new one."""
        return self._reader.describes(path)

    def preview(
        self,
        restorer: Restorer,
        index: int,
        options: RestoreOptions,
        progress: Progress,
        cleanup: FilmCleanup | None = None,
        marks: np.ndarray | None = None,
        shown: np.ndarray | None = None,
    ) -> np.ndarray:
        """Frame ``index`` (0-based) restored by ``restorer`` with ``options`` (a size is for
        photos), cleaned as ``cleanup`` says and with the places ``marks`` holds filled, as
        ``restore_video`` restores it. ``shown``: the frame as the film shows it, read
        already, taken as it is when neither a cleanup nor marks change it. Marks not drawn
        at the film's frame size are refused (``RekindleError``); ``progress`` may cancel."""
        if marks is not None:
            check_film_marks(marks, self.info)
        if shown is None or cleanup or marks is not None:
            pixels = self._reader.read(index, cleanup, marks)
        else:
            pixels = shown
        grey = film_grey(self._is_black_and_white(marks, progress), marks)
        if options.fix_fading:
            pixels = unfaded_frame(pixels, self._film_fading(), grey)
        pixels = restorer.enlarge(
            pixels, options.scale_out, progress, options.tile, options.ensemble, grey
        )
        return with_grain(pixels, index, options.grain)

    def _film_fading(self) -> FadingFix:
        """The film's fading correction, as its restoration measures it (once)."""
        if self._fading is None:
            self._fading = measure_film_fading(self._reader)
        return self._fading

    def _is_black_and_white(self, marks: np.ndarray | None, progress: Progress) -> bool:
        """Whether the film is black-and-white, judged with ``marks`` as its restoration
        judges it (again only when the marks are other than the last ones')."""
        digest = marks_digest(marks) if marks is not None else None
        kept = self._black_and_white
        if kept is None or kept[0] != digest:
            judged = film_is_black_and_white(self._reader, marks, progress)
            self._black_and_white = kept = (digest, judged)
        return kept[1]
