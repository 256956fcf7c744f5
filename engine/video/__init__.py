"""Restoring films: every frame through the same ``Restorer``, streamed and resumable.

``restore_video`` is the entry point; ``probe`` describes a film; ``CODECS`` and
``available_codecs`` list the output codecs.
"""

from engine.video.codecs import CODECS, DEFAULT_CODEC, available_codecs
from engine.video.probe import VideoInfo, VideoReadError, probe
from engine.video.restore import VideoOptions, VideoReport, restore_video

__all__ = [
    "CODECS",
    "DEFAULT_CODEC",
    "VideoInfo",
    "VideoOptions",
    "VideoReadError",
    "VideoReport",
    "available_codecs",
    "probe",
    "restore_video",
]
