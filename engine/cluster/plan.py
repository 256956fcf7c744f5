"""Cutting a film into the segments a cluster's workers restore side by side.

A segment holds at most ``segment_frames`` frames, made of whole groups of pictures of the
source (a keyframe and the frames up to the next) where they are that short: its worker then
seeks straight to its first frame and decodes nothing it does not keep. A longer group is cut
into even pieces, each decoded from the group's keyframe. Only the frames no finished
segment holds are planned, so a re-run after a driver died restores just what is missing.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from engine.video.frames import output_times
from engine.video.probe import VideoInfo, open_input
from engine.video.restore import FilmJob
from engine.video.segments import Journal


@dataclass(frozen=True)
class PlannedSegment:
    index: int  # its number in the work folder
    first: int  # its first frame
    frames: int
    after: tuple[int, int | None] | None  # output and stored time of frame first - 1
    keyframe_pts: int | None  # the first frame's stored time when it is a keyframe

    @property
    def end(self) -> int:
        return self.first + self.frames


def keyframes(info: VideoInfo) -> list[int]:
    """The film's keyframes (frames a decoder can start at) by index, in order, from one pass
    over its packets; none when frames cannot be told apart by their times (some have none,
    or share one), as a seek could not find them."""
    times = info.times
    if times is None or len(set(times)) != len(times):
        return []
    with open_input(info.path) as container:
        stream = container.streams[info.video_index]
        starts = {p.pts for p in container.demux(stream) if p.size and p.is_keyframe}
    return [index for index, time in enumerate(times) if time in starts]


def cut(first: int, end: int, keys: list[int], most: int) -> list[tuple[int, int]]:
    """Frames ``first`` to ``end`` as ranges (first, end) of at most ``most`` frames: whole
    groups of pictures (from one keyframe in ``keys`` to the next) packed together, and a
    group longer than ``most`` cut into even pieces."""
    starts = [first, *(key for key in keys if first < key < end), end]
    ranges: list[tuple[int, int]] = []
    packed = first  # where the segment being packed begins
    for group, group_end in itertools.pairwise(starts):
        if group_end - group > most:
            if packed < group:
                ranges.append((packed, group))
            pieces = math.ceil((group_end - group) / most)
            edges = [group + (group_end - group) * n // pieces for n in range(pieces + 1)]
            ranges.extend(itertools.pairwise(edges))
            packed = group_end
        elif group_end - packed > most:
            ranges.append((packed, group))
            packed = group
    if packed < end:
        ranges.append((packed, end))
    return ranges


def plan_segments(job: FilmJob, journal: Journal) -> list[PlannedSegment]:
    """The segments that fill the gaps of ``journal``, numbered after its own."""
    times = job.info.times or ()  # empty: frames are counted from the first, no seeking
    keys = keyframes(job.info)
    shown = output_times(job.info, times)
    is_key = set(keys)
    planned: list[PlannedSegment] = []
    for gap_first, gap_end in journal.gaps():
        for first, end in cut(gap_first, gap_end, keys, journal.segment_frames):
            seek = bool(times) and first > 0
            planned.append(
                PlannedSegment(
                    index=journal.next_index + len(planned),
                    first=first,
                    frames=end - first,
                    after=(shown[first - 1], times[first - 1]) if seek else None,
                    keyframe_pts=times[first] if seek and first in is_key else None,
                )
            )
    return planned
