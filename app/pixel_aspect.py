"""How a film's non-square pixels are shown: players and editors stretch its stored frames
across by its sample aspect ratio, keeping their rows. The pixels themselves are never
resampled; only what is shown, and said, of them. Photos' pixels are square."""

from __future__ import annotations

from engine.video import VideoInfo


def pixel_aspect(video: VideoInfo | None) -> float:
    """How many times as wide as tall ``video``'s pixels are shown (1.0: square, or no film)."""
    if video is None or not video.sample_aspect_ratio:
        return 1.0
    return float(video.sample_aspect_ratio)


def shown_size(width: int, height: int, aspect: float) -> tuple[int, int]:
    """The size on screen of a ``width`` x ``height`` picture whose pixels are ``aspect``
    times as wide as tall: as many rows, the width stretched."""
    return max(1, round(width * aspect)), height
