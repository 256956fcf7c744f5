"""Restoring films: every frame through the same ``Restorer``, streamed and resumable.

``restore_video`` is the entry point (``restore_frame_files`` restores a film into numbered
picture files, one a frame); ``probe`` describes a film; ``read_frame`` and
``FrameReader`` give single frames (to preview); ``CODECS`` and ``available_codecs`` list the
output codecs; ``FilmSpan`` (in ``VideoOptions.span``) restores a part of a film, and
``FilmPoint`` reads its in and out points as a person gives them (``film_span``).
"""

from engine.media import VIDEO_EXTENSIONS, is_supported_video
from engine.video.codecs import (
    CODECS,
    DEFAULT_CODEC,
    DEFAULT_QUALITY,
    FILM_QUALITIES,
    available_codecs,
    quality_crf,
)
from engine.video.frame_files import is_frame_target, restore_frame_files
from engine.video.probe import VideoInfo, VideoReadError, probe
from engine.video.restore import (
    FRAME,
    SEGMENT_FRAMES,
    SEGMENT_SECONDS,
    RestoredFrame,
    VideoOptions,
    VideoReport,
    frame_numbers,
    output_suffix,
    restore_video,
)
from engine.video.span import FilmPoint, FilmSpan, film_span
from engine.video.still import FrameReader, poster_frame, read_frame
from engine.video.temporal import FilmCleanup

__all__ = [
    "CODECS",
    "DEFAULT_CODEC",
    "DEFAULT_QUALITY",
    "FILM_QUALITIES",
    "FRAME",
    "SEGMENT_FRAMES",
    "SEGMENT_SECONDS",
    "VIDEO_EXTENSIONS",
    "FilmCleanup",
    "FilmPoint",
    "FilmSpan",
    "FrameReader",
    "RestoredFrame",
    "VideoInfo",
    "VideoOptions",
    "VideoReadError",
    "VideoReport",
    "available_codecs",
    "film_span",
    "frame_numbers",
    "is_frame_target",
    "is_supported_video",
    "output_suffix",
    "poster_frame",
    "probe",
    "quality_crf",
    "read_frame",
    "restore_frame_files",
    "restore_video",
]
