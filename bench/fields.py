"""How an interlaced film's frames come out when made whole as ``engine.video.fields`` tells
(fields matched, kept, or deinterlaced), beside deinterlacing every interlaced film (bwdif)
and keeping the fields as stored.

Run: ``python bench/fields.py --hr-dir ../shared/data/val/kodak24 --json``. Each photo becomes
the 32 frames of a camera panning 6 pixels a frame across its top,
put on interlaced video three ways: by 3:2 pulldown (telecine: 40 frames at 30 a second, two
in five woven from two film frames), whole in two fields (2:2: 32 frames at 25 a second), and
as video (each frame's second field half a frame later than its first), and as video saved
as progressive (a tape's capture: the stream not flagged interlaced, so bwdif, which only
deinterlaces frames flagged interlaced, passes it). Prints, for each way,
how often ``fields_of`` told it right, and for the frames made whole three ways (as Rekindle
does it, by bwdif, and kept as stored) their mean PSNR against what they should show (for the
films, the film frame each is nearest to; for video, the moment of its first field, which
the stored frames' woven lines flatter) and their combing (each line against the mean of its
neighbours) as a share of the film's own. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from dataclasses import replace
from pathlib import Path

import av
import numpy as np

from engine.imageio import read_picture
from engine.media import photos_in
from engine.pixels import to_rgb8
from engine.video.fields import TELECINE, VIDEO, WHOLE, Fields
from engine.video.frames import decode_frames
from engine.video.probe import probe

FILM_FRAMES = 32
PAN = 6  # pixels a frame
HEIGHT = 320  # of the frames at most; they are as wide as the pan leaves room for


def interlaced_clip(
    path: Path,
    fields: list[tuple[np.ndarray, np.ndarray]],
    rate: int,
    top_first: bool = True,
    flagged: bool = True,
) -> Path:
    """An interlaced H.264 film (nearly lossless) whose frames take their even lines (the top
    field) from the first picture of each pair of ``fields`` and their odd lines from the
    second, the top field shown first unless ``top_first`` is False; encoded and flagged as
    interlaced unless ``flagged`` is False (a tape's capture saved as progressive)."""
    height, width = fields[0][0].shape[:2]
    order = "tff=1" if top_first else "bff=1"
    options = {"flags": "+ildct+ilme", "x264-params": f"interlaced=1:{order}", "crf": "8"}
    if not flagged:
        options = {"crf": "8"}
    with av.open(str(path), "w") as out:
        video = out.add_stream("libx264", rate=rate, options=options)
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        for index, (top, bottom) in enumerate(fields):
            rgb = top.copy()
            rgb[1::2] = bottom[1::2]
            frame = av.VideoFrame.from_ndarray(rgb, format="rgb24").reformat(format="yuv420p")
            frame.pts = index
            out.mux(video.encode(frame))
        out.mux(video.encode(None))
    return path


def telecined(film: list[np.ndarray]) -> list[tuple[np.ndarray, np.ndarray]]:
    """The fields of ``film`` (a multiple of four frames) put on video by 3:2 pulldown: film
    frames A B C D become the frames AA BB BC CD DD (first field, second field)."""
    fields = []
    for first in range(0, len(film), 4):
        a, b, c, d = film[first : first + 4]
        fields += [(a, a), (b, b), (b, c), (c, d), (d, d)]
    return fields


def _pan(photo: np.ndarray, place: float) -> np.ndarray:
    """The frame of the pan ``place`` frames along (halves too)."""
    height = min(HEIGHT, photo.shape[0]) // 2 * 2
    width = (photo.shape[1] - PAN * (FILM_FRAMES + 1)) // 2 * 2
    left = round(PAN * place)
    return np.ascontiguousarray(photo[:height, left : left + width])


def _psnr(one: np.ndarray, other: np.ndarray) -> float:
    error = np.mean((one.astype(np.float64) - other.astype(np.float64)) ** 2)
    return float(10 * np.log10(255**2 / max(error, 1e-12)))


def _combing(pixels: np.ndarray) -> float:
    """How far each line strays from the mean of the lines above and below it (levels): high
    where two fields of different moments are woven into one picture."""
    grey = pixels.astype(np.float64).mean(axis=-1)
    return float(np.abs(grey[1:-1] - (grey[:-2] + grey[2:]) / 2).mean())


def _ways(photo: np.ndarray, folder: Path) -> dict[str, tuple[Path, str, list]]:
    """Each way the pan goes on video: its film, what its fields hold, and the film's frames
    (for video, the moments of its frames' first fields)."""
    film = [_pan(photo, n) for n in range(FILM_FRAMES)]
    moments = [(_pan(photo, n), _pan(photo, n + 0.5)) for n in range(FILM_FRAMES)]
    return {
        "telecine": (interlaced_clip(folder / "t.mp4", telecined(film), 30), TELECINE, film),
        "2:2": (interlaced_clip(folder / "w.mp4", [(f, f) for f in film], 25), WHOLE, film),
        "video": (interlaced_clip(folder / "v.mp4", moments, 30), VIDEO, film),
        "capture": (interlaced_clip(folder / "c.mp4", moments, 30, flagged=False), VIDEO, film),
    }


def _scores(shown: list[np.ndarray], film: list[np.ndarray], nearest: bool) -> list[float]:
    """PSNR against the film frame nearest each (``nearest``) or its own, and combing as a
    share of the film's own."""
    if nearest:
        psnr = np.mean([max(_psnr(s, f) for f in film) for s in shown])
    else:
        psnr = np.mean([_psnr(s, f) for s, f in zip(shown, film, strict=True)])
    combing = np.mean([_combing(s) for s in shown]) / np.mean([_combing(f) for f in film])
    return [float(psnr), float(combing)]


def measure(paths: list[Path]) -> dict:
    methods = ("rekindle", "bwdif", "stored")
    scores: dict[str, list] = {way: [] for way in ("telecine", "2:2", "video", "capture")}
    told: dict[str, int] = dict.fromkeys(scores, 0)
    with tempfile.TemporaryDirectory() as work:
        for path in paths:
            photo = to_rgb8(read_picture(path).pixels)
            for way, (clip, truth, film) in _ways(photo, Path(work)).items():
                info = probe(clip)
                told[way] += info.fields is not None and info.fields.kind == truth
                made = (
                    decode_frames(info),
                    decode_frames(replace(info, fields=Fields(VIDEO))),
                    decode_frames(info, deinterlace=False),
                )
                row = []
                for frames in made:
                    nearest = way in ("telecine", "2:2")
                    row += _scores([frame.pixels for frame in frames], film, nearest)
                scores[way].append(row)
    result: dict = {"photos": len(paths)}
    for way, rows in scores.items():
        means = np.mean(rows, axis=0)
        result[way] = {"told_right": told[way]}
        for number, method in enumerate(methods):
            result[way][f"{method}_psnr"] = round(float(means[2 * number]), 2)
            result[way][f"{method}_combing"] = round(float(means[2 * number + 1]), 2)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--hr-dir", required=True, help="folder of clean photographs")
    parser.add_argument("--limit", type=int, help="use only the first N photos")
    parser.add_argument("--json", action="store_true", help="print JSON (the only output)")
    args = parser.parse_args()
    result = measure(photos_in(args.hr_dir)[: args.limit])
    print(json.dumps(result) if args.json else "\n".join(f"{k}: {v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
