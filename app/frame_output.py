"""A film restored into numbered picture files, one a frame, as the app places them: the Films
as choices that write frames, and the folder named after the restored film that its frames
and sound go into (``engine.video.frame_files`` writes them).

A folder holds one restoration's frames, and a finished restoration's are never written
over: as a film's result goes beside one already there ("film (2).mp4"), the frames go into a
folder beside theirs ("film (2)/"). A cancelled restoration's frames are its own to go on
with: the same film restored again into the same pictures goes into their folder, and the
engine continues them. A finished restoration's frames are found in the first of those
folders that holds them all, whole, before the one a run would take
(``finished_frames_pattern``).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

from engine.file_names import NAME_MAX, byte_length, name_with_tail, name_within
from engine.imageio import FORMAT_EXTENSIONS, ORIGINAL_FORMAT_ONLY
from engine.video import VideoInfo, is_frame_target
from engine.video.frame_files import FrameFiles, continued_record, finished_frames
from engine.video.span import FilmSpan

FRAME_FORMATS = ("dpx", "tif", "png")
"""The Films as choices that write a film's frames as picture files, after the codecs: the
formats (``engine.imageio``'s keys) a grading suite conforms from, which keep 16 bits."""
NUMBER = "_%06d"
"""The frame number in a frame's name, after the name of its folder."""


def writes_frames(choice: str) -> bool:
    """Whether the Films as ``choice`` writes a film's frames as picture files, not a film."""
    return choice in FRAME_FORMATS


def frames_pattern(folder: Path, stem: str, fmt: str, info: VideoInfo) -> Path:
    """Where the frames of the film ``info`` describes go, restored as ``fmt`` pictures and
    named ``stem`` (the film's result's name): ``stem/stem_%06d.ext`` in ``folder``; where
    that folder holds other files than an unfinished restoration's of this film into these
    frames (a finished restoration's, one into other pictures, a person's own), ``stem
    (2)/stem (2)_%06d.ext``, and so on."""
    return next(
        pattern for pattern in _patterns(folder, stem, fmt) if _free(FrameFiles.of(pattern, info))
    )


def finished_frames_pattern(
    folder: Path, stem: str, fmt: str, info: VideoInfo, span: FilmSpan
) -> Path | None:
    """The pattern of the frames, as ``fmt`` pictures named ``stem``, of a restoration of the
    film ``info`` describes (of its ``span``) that finished, all there and whole with its
    sound (``engine.video.frame_files.finished_frames``): the first place ``frames_pattern``
    passes over that holds them, before the free one it takes; None where none does."""
    taken = itertools.takewhile(
        lambda pattern: not _free(FrameFiles.of(pattern, info)), _patterns(folder, stem, fmt)
    )
    return next((pattern for pattern in taken if finished_frames(pattern, info, span)), None)


def _patterns(folder: Path, stem: str, fmt: str) -> Iterator[Path]:
    """The places of ``fmt`` frames named ``stem`` in ``folder``, in the order they are
    taken: ``stem/stem_%06d.ext``, then ``stem (2)/stem (2)_%06d.ext``, and so on."""
    suffix = (FORMAT_EXTENSIONS | ORIGINAL_FORMAT_ONLY)[fmt]
    return (folder / name / _pattern_name(name, suffix) for name in _folder_names(stem))


def _folder_names(stem: str) -> Iterator[str]:
    """``stem``, then "stem (2)", "stem (3)"..., each within a file name's bytes."""
    yield stem
    for number in itertools.count(2):
        yield name_with_tail(stem, f" ({number})")


def _pattern_name(name: str, suffix: str) -> str:
    """The pattern of frames named ``name``, then their number and ``suffix``: ``name`` cut
    short where a frame's name would not fit in a file name, its percent signs escaped."""
    cut = name_within(name, NAME_MAX - byte_length(f"{NUMBER % 0}{suffix}"))
    return f"{cut.replace('%', '%%')}{NUMBER}{suffix}"


def _free(files: FrameFiles) -> bool:
    """Whether the frames and sound ``files`` names may go into their folder: it holds no
    file but hidden ones (it is not there, or a run stopped before its first frame), or the
    frames of an unfinished restoration of the same film into them."""
    if continued_record(files) is not None:
        return True
    return all(name.startswith(".") for name in files.present())


def result_name(result: Path, info: VideoInfo | None, index: int) -> str:
    """The name of the file that holds frame ``index`` of a restored film ``result``: the
    film's, or the frame's own among numbered frames (``info``: the film's description)."""
    if info is None or not is_frame_target(result):
        return result.name
    return FrameFiles.of(result, info).frame(index).name
