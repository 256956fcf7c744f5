"""Splitting a flatbed scan of several prints into one picture per print, each turned
straight: a box of old photos is scanned three or four at a time. A print photographed at an
angle (with a phone, on a table) is found the same way and flattened.

The scanner's lid makes the background: its colour is read off the scan's edges (as a
smooth surface, since the lamp lights the glass unevenly), and every region that differs
from it and is large enough is a print; prints a millimetre apart (at 300 dpi) are told
apart, and a region holding plain lid inside its rectangle is prints lying against each
other, which are said, not cut as one. On a picture whose surround has a texture of its own
(a mottled paper backing, or no lid at all: a single photo, a print already cut out) a region
is a print only where it lies as one does on a backing: wholly inside the picture, filling its
rectangle, with the lid around it. A thin strip along an edge that is not the lid (the glass
beyond it, its shadow) is no print, and does not join the prints beside it.
Prints are read in rows: a print whose middle lies below the row so far starts the next.
Each print is cut out along the smallest rectangle around it (so a print laid a little
askew comes out straight; one the scan's edge cuts off, along its own sides), a few pixels
inside its edge so that no strip of the lid is left, and inside the scan. A print must
stand out from the lid at its edges: one whose sky is as pale as a white lid loses that
strip, so such prints are best scanned with a dark sheet over them.

A print whose outline is a four-sided shape with corners far from square was photographed
at an angle: its corners are taken from that shape, and it is warped flat into a rectangle of
the print's own shape, which the corners tell once the camera's focal length is known (Zhang
and He's whiteboard scanning: the focal length is found from the corners too, with the
picture's middle taken for the lens's axis, unless the print was turned about one axis only,
when a phone's usual lens is assumed), and of about as many pixels as the print covered.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from itertools import combinations, count
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import ArrayLike

from engine.atomic import write_bytes_atomically
from engine.errors import RekindleError
from engine.file_names import STEM_MAX, name_with_tail
from engine.imageio import Picture, read_picture, same_format_suffix, write_picture
from engine.pixels import peak, reduced
from engine.provenance import exif_tags
from engine.words import say

EDGE_SHARE = 0.02
"""The band around the scan, as a share of its shorter side, read for the lid's colour."""
DIFFERENCE = 0.09
"""How far from the lid's colour (as a share of full scale, in any channel) a pixel is print."""
STRIP_SHARE = 0.05
"""The deepest strip along an edge of the scan (the glass beyond the lid, the lid's shadow),
as a share of its shorter side: lines from an edge mostly unlike the lid, ending before this
depth, are a strip, as is a region lying wholly within it."""
LID_STEP = 4
"""A fit of the lid is checked against every this many-th pixel of the searched scan, across
and down."""
MIN_AREA_SHARE = 0.01
"""The smallest print, as a share of the scan's area: smaller regions are dust and marks."""
WORK_SIDE = 1000
"""The lid's colour is read, and a photographed print looked for, on the picture shrunk to at
most this many pixels across; prints are cut at full size."""
SEARCH_SIDE = 2000
"""Prints are told apart on the scan shrunk to at most this many pixels across: a gap of a
millimetre between two prints on an A4 scan at 300 dpi still shows."""
CLOSED_GAP = 3
"""Pixels of that shrunk scan: a gap in a print's outline this narrow is closed (a line as
pale as the lid), and a speck this small on the lid is taken away."""
PLAIN_LID = 0.03
"""How near the lid's colour (a share of full scale, in every channel) plain lid is: a pale
part of a print is rarely as near all over."""
LID_INSIDE = 0.1
"""A region whose smallest rectangle holds more than this share of plain lid is no print but
several prints lying against each other."""
OUTLINE_SLACK = 1.5
"""Pixels of the searched scan by which a print's outline reaches past its edge (the
shrinking blurs the edge onto the lid): taken off each side."""
INSET = 0.004
"""How far inside its edge a print is cut, as a share of its shorter side (at least 1 px)."""
RIGHT_ANGLE_SNAP = 0.5
"""Degrees: a print this close to square with the scan is cut without turning it."""
SLANT = 5.0
"""Degrees: a print's outline with a corner further than this from square was photographed at
an angle, and is flattened (a print on a scanner whose pale edge the lid hides may look a few
degrees off square)."""
FOCAL_SHARE = 0.6
"""A phone's or camera's usual focal length, as a share of the photo's diagonal (a 26 mm lens
on 35 mm film), for a print whose corners cannot tell it."""
FOCAL_RANGE = (0.2, 5.0)
"""Focal lengths (shares of the diagonal) the corners may tell; beyond, they are not trusted..."""
FOCAL_WAVER = 1.15
"""...nor when moving a corner by a pixel changes what they tell by more than this factor."""
OVERREACH = 0.02
"""A print seen at an angle leaves at least this share of the smallest rectangle around it
uncovered (a print on a scanner, only what of it is as pale as the lid)."""
BUSY = 0.02
"""A surround (the band along the picture's edges) that strays from its smooth colour by this
much (a share of full scale, its median) is no scanner's lid: a table, seen by a camera."""
TEXTURED = 0.012
"""A surround whose detail (how far it strays from itself blurred, a share of full scale, in
the worst channel) reaches this at its 75th percentile is a photo's scene or a grained table:
a lid's, its strips' and its shadows' is the scanner's noise."""
TEXTURE_BLUR = 4.0
"""The blur (sigma, pixels of the searched picture) the surround's detail is measured against."""
RECTANGULAR = 0.9
"""On a textured surround, the share of its smallest rectangle a region must fill to be a
print laid on a backing: a part of a photo's scene rarely does (those of kodak24 lying inside
the picture, at most 0.67)."""
AROUND = 7
"""Pixels of the searched scan: the width of the band around a region on a textured surround
that must be the lid."""
LID_AROUND = 0.95
"""On a textured surround, the share of the band around a region that must lie near the lid's
smooth surface (``DIFFERENCE``) for it to be a print laid on a backing (a mottled paper
gives 0.99, those parts of kodak24's scenes at most 0.97)."""
EDGE_THRESHOLDS = (30, 90)
"""Canny's thresholds (8-bit levels) for a photographed print's outline on a busy surface."""
PHOTOGRAPHED_SHARE = 0.05
"""A print photographed on a busy surface fills at least this share of the photo."""
LARGEST_OUTLINES = 10
"""How many of the largest outlines the edges draw are tried as a photographed print's."""
SUPPORT = 0.95
"""The share of its outline that must lie on the edges drawn: a print's own edge runs all the
way round (a white border makes it surest); a shape wrapped round the picture's own lines
does not."""
SIDE_SAMPLES = 200
"""Points looked at along each side of an outline."""
FILLED_SHARE = 0.95
"""A four-sided shape must cover at least this share of the print's outline (a torn or
rounded print has no four corners to flatten it by)."""
PRINT_TAGS = (0x010E, 0x013B, 0x8298, 0x011A, 0x011B, 0x0128, *range(0x9C9B, 0x9CA0))
"""The tags of a scan's EXIF that describe each print on it too: its description, artist and
copyright, its resolution, and Windows' title, comment, author, keywords and subject. The
scanner, the date of the scan and its size are the scan's own."""
SCAN_MARK = ".rekindle-scan"
"""A file in a scan's own folder of prints holding the scan's full path: the scan split again
finds its folder by it, a scan of the same name from another folder takes another, and its
prints are known for its own after a restart."""


class NotAScan(RekindleError):
    """The picture shows no lid around it: a single photo rather than a scan of prints, which
    is left as it is."""


MarksKeeper = Callable[[Path, np.ndarray], None]
"""Keeps the marks (HxW, non-zero where marked) cut with a print as that print file's."""


@dataclass(frozen=True)
class FoundPrint:
    """Where one print lies on the scan: its centre, size and turn (degrees), in pixels."""

    centre: tuple[float, float]
    size: tuple[float, float]  # width, height, before turning
    angle: float
    corners: tuple[tuple[float, float], ...] = ()  # photographed at an angle: its four
    # corners (top left, top right, bottom right, bottom left, in pixels), to flatten it by


def find_prints(pixels: np.ndarray) -> list[FoundPrint]:
    """The prints on a scan, in reading order (top to bottom, then left to right); on a
    picture whose surround has a texture no plain lid has (a mottled backing, a photo that is
    no scan of prints, a grained table) only a print photographed at an angle, if one is seen,
    and those lying as prints lie on a backing (``_on_a_backing``). Raises
    ``RekindleError`` where prints lie against each other, as they cannot be told apart."""
    small, scale = _shrunk(pixels, WORK_SIDE)
    fit = _lid(small)
    busy = _busy(small, _surface(small.shape, fit))
    if busy:
        corners = _photographed(small)
        if corners is not None:
            return [_seen_at_an_angle(_full_size(_inside(corners, OUTLINE_SLACK), scale))]
    on_a_table = busy and _textured(small)
    searched, scale = _shrunk(pixels, SEARCH_SIDE)
    lid = _surface(searched.shape, fit)
    mask = _print_mask(searched, lid)
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    area = mask.shape[0] * mask.shape[1]
    found = []
    for contour in contours:
        if cv2.contourArea(contour) < MIN_AREA_SHARE * area or _along_an_edge(contour, mask.shape):
            continue
        own = _own_edge(contour, mask.shape)
        rectangle = _smallest_rectangle(contour, own)
        (x, y), (width, height), angle = rectangle
        width, height = (max(1.0, (side - 2 * OUTLINE_SLACK) / scale) for side in (width, height))
        centre = ((x + 0.5) / scale - 0.5, (y + 0.5) / scale - 0.5)  # pixel centres
        whole = len(own) == len(contour)  # the scan's edge cuts off none of it
        corners = None
        if whole:
            corners = _slanted_corners(contour, width * height * scale * scale)
        if on_a_table and corners is None and not (whole and _on_a_backing(contour, searched, lid)):
            continue  # a part of a photo's scene, or of a grained table
        outline = cv2.boxPoints(rectangle) if corners is None else corners
        if _lid_inside(outline, searched, lid) > LID_INSIDE:
            raise RekindleError(
                say(
                    "prints lying against each other cannot be told apart: lay them a few "
                    "millimetres apart and scan them again"
                )
            )
        if corners is not None:
            corners = _full_size(_inside(corners, OUTLINE_SLACK), scale)
        found.append(FoundPrint(centre, (width, height), angle, corners or ()))
    return _reading_order(found)


def looks_like_a_scan(pixels: np.ndarray) -> bool:
    """Whether the picture's surround is smooth enough to be a scanner's lid or a plain table
    (``TEXTURED``): a single photo, or a print already cut out, has none."""
    return not _textured(_shrunk(pixels, WORK_SIDE)[0])


def _shrunk(pixels: np.ndarray, side: int) -> tuple[np.ndarray, float]:
    """``pixels`` shrunk to at most ``side`` pixels across, as float channels (0 to 1), and
    the factor they were shrunk by."""
    rgb = pixels if pixels.ndim == 3 else pixels[..., None]
    scale = min(1.0, side / max(rgb.shape[:2]))
    small = reduced(rgb, scale)
    return small.reshape(*small.shape[:2], -1).astype(np.float32) / peak(pixels.dtype), scale


def _lid_inside(outline: ArrayLike, searched: np.ndarray, lid: np.ndarray) -> float:
    """The share of the four-sided ``outline`` of a print (less its edge) that is plain lid
    (``PLAIN_LID``): a gap between prints that lie against each other, or the lid in the
    corner they leave."""
    box = np.zeros(searched.shape[:2], np.uint8)
    cv2.fillPoly(box, [np.int32(np.rint(outline))], 255)
    inside = cv2.erode(box, np.ones((2 * CLOSED_GAP + 1,) * 2, np.uint8)) > 0
    if not inside.any():
        return 0.0
    plain = np.abs(searched[inside] - lid[inside]).max(axis=-1) <= PLAIN_LID
    return float(plain.mean())


def _on_a_backing(contour: np.ndarray, searched: np.ndarray, lid: np.ndarray) -> bool:
    """Whether the region outlined by ``contour`` lies as a print does on a textured backing:
    it fills its smallest rectangle (``RECTANGULAR``) and the band around it (``AROUND``) is
    the ``lid`` (``LID_AROUND``), as a part of a photo's scene or of a grained table is not."""
    _, (width, height), _ = cv2.minAreaRect(contour)
    if cv2.contourArea(contour) < RECTANGULAR * width * height:
        return False
    region = np.zeros(searched.shape[:2], np.uint8)
    cv2.drawContours(region, [contour], -1, 255, thickness=cv2.FILLED)
    grown = cv2.dilate(region, np.ones((2 * AROUND + 1,) * 2, np.uint8))
    around = (grown > 0) & (region == 0)
    return bool(around.any()) and float(_near(searched[around], lid[around]).mean()) >= LID_AROUND


def _own_edge(contour: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """The points of ``contour`` on a picture of ``shape`` that are the print's own edge, not
    the picture's (where the scan's edge cuts the print off)."""
    points = contour.reshape(-1, 2)
    inside = (
        (points[:, 0] > 0)
        & (points[:, 1] > 0)
        & (points[:, 0] < shape[1] - 1)
        & (points[:, 1] < shape[0] - 1)
    )
    return points[inside]


def _smallest_rectangle(
    contour: np.ndarray, own: np.ndarray
) -> tuple[tuple[float, float], tuple[float, float], float]:
    """The smallest rectangle (centre, size, angle as ``cv2.minAreaRect`` gives them) around
    ``contour`` lying along its ``own`` edge: a print the scan's edge cuts off askew lies
    along its own sides, not the scan's (its rectangle then reaches past the scan)."""
    if len(own) == len(contour) or len(own) < 3:
        return cv2.minAreaRect(contour)
    angle = cv2.minAreaRect(own)[2]
    turn = math.radians(angle)
    across, down = (
        np.array([math.cos(turn), math.sin(turn)]),
        np.array([-math.sin(turn), math.cos(turn)]),
    )
    points = contour.reshape(-1, 2).astype(np.float64)
    along, beside = points @ across, points @ down
    centre = across * (along.max() + along.min()) / 2 + down * (beside.max() + beside.min()) / 2
    size = (float(along.max() - along.min()), float(beside.max() - beside.min()))
    return (float(centre[0]), float(centre[1])), size, angle


def _reading_order(found: list[FoundPrint]) -> list[FoundPrint]:
    """``found`` in rows from top to bottom, each from left to right: taken by their middles
    from the top, a print whose middle lies below the row so far (from its top to its prints'
    lowest point) starts the next row, so prints laid a little higher or lower than their
    neighbours stay in their row."""
    rows: list[list[FoundPrint]] = []
    bottom = -math.inf
    for found_print in sorted(found, key=lambda p: p.centre[1]):
        if found_print.centre[1] > bottom:
            rows.append([])
        rows[-1].append(found_print)
        bottom = max(bottom, *(y for _, y in _outline(found_print)))
    return [p for row in rows for p in sorted(row, key=lambda p: p.centre[0])]


def _outline(found: FoundPrint) -> tuple[tuple[float, float], ...]:
    """The corners of the print on the scan (in pixels)."""
    if found.corners:
        return found.corners
    return tuple(
        (float(x), float(y)) for x, y in cv2.boxPoints((found.centre, found.size, found.angle))
    )


def split_scan(picture: Picture) -> list[Picture]:
    """One picture per print on the scan ``picture``, straightened, in reading order; the
    scan's colour profile, resolution, text metadata (XMP, IPTC, PNG text, XMP sidecar; its
    XMP a derivative's) and the EXIF tags that describe the print too (``PRINT_TAGS``) go
    with each. Raises ``RekindleError`` when no print is found."""
    return [part for part, _ in _split(picture, None)]


def _split(picture: Picture, marks: np.ndarray | None) -> list[tuple[Picture, np.ndarray | None]]:
    """Each print on ``picture`` as ``split_scan`` cuts it, with the part of the spots
    ``marks`` on the scan (HxW, non-zero where marked) that lies on it, cut by the same
    geometry and kept marked or not (nearest pixel); None for each without ``marks``."""
    if marks is not None and marks.shape[:2] != picture.pixels.shape[:2]:
        raise RekindleError(say("the spots marked on the scan are not the scan's size"))
    prints = find_prints(picture.pixels)
    if not prints and not looks_like_a_scan(picture.pixels):
        raise NotAScan(
            say(
                "no prints were found on a lid: this looks like a single photo, not a scan "
                "of prints"
            )
        )
    if not prints:
        raise RekindleError(
            say("no prints were found on the scan: they must lie apart, on a plain background")
        )
    exif = _print_exif(picture.exif)
    return [
        (
            replace(
                picture,
                pixels=_cut(picture.pixels, found),
                alpha=None if picture.alpha is None else _cut(picture.alpha, found),
                exif=exif,
                text_metadata=picture.text_metadata.derived(f"print {n} cut from the scan"),
            ),
            None if marks is None else _cut(marks, found, cv2.INTER_NEAREST),
        )
        for n, found in enumerate(prints, start=1)
    ]


def _print_exif(exif: bytes | None) -> bytes | None:
    """The tags of the scan's ``exif`` that describe each print on it too (``PRINT_TAGS``),
    or None where it has none of them."""
    scan = exif_tags(exif)
    tags = exif_tags(None)
    tags.update((tag, scan[tag]) for tag in PRINT_TAGS if tag in scan)
    return tags.tobytes() if len(tags) else None


def split_scan_file(
    scan: str | os.PathLike,
    out_dir: str | os.PathLike,
    marks: np.ndarray | None = None,
    keep_marks: MarksKeeper | None = None,
) -> list[Path]:
    """Write each print on the scan file ``scan`` into ``out_dir`` (made once there is a
    print to write) as ``<name>-1.<ext>``, ``<name>-2.<ext>``... in the scan's format (a name
    that exists gets a number), each atomically; the scan is only read. The spots ``marks``
    on the scan (HxW, non-zero where marked), if any, are cut with each print and those on
    it given with its file, once written, to ``keep_marks``. Returns the files, in reading order."""
    scan, out_dir = Path(scan), Path(out_dir)
    prints = _split(read_picture(scan), marks)
    out_dir.mkdir(parents=True, exist_ok=True)
    return _write_prints(prints, scan, out_dir, keep_marks)


def split_scan_into_its_folder(
    scan: str | os.PathLike,
    out_dir: str | os.PathLike,
    marks: np.ndarray | None = None,
    keep_marks: MarksKeeper | None = None,
) -> list[Path]:
    """Write each print on ``scan`` (and its marks) as ``split_scan_file`` does, into the
    scan's own folder in ``out_dir`` (``prints_folder``, made and marked as the scan's once
    there is a print to write), so that the prints of two scans of one name never mix.
    Returns the files."""
    scan = Path(scan)
    prints = _split(read_picture(scan), marks)
    folder = prints_folder(out_dir, scan)
    folder.mkdir(parents=True, exist_ok=True)
    if scan_of(folder) is None:
        write_bytes_atomically(folder / SCAN_MARK, os.fsencode(scan.resolve()))
    return _write_prints(prints, scan, folder, keep_marks)


def prints_folder(out_dir: str | os.PathLike, scan: str | os.PathLike) -> Path:
    """The scan's own folder of prints in ``out_dir``: named after it, the first of "name",
    "name (2)", "name (3)"... that is marked as its (``SCAN_MARK``) or is not there yet."""
    scan = Path(scan)
    own = scan.resolve()
    return next(
        folder
        for folder in _numbered_folders(Path(out_dir) / scan.stem)
        if scan_of(folder) == own or not folder.exists()
    )


def scan_of(folder: Path) -> Path | None:
    """The scan whose prints ``folder`` holds, by its mark (``SCAN_MARK``); None for a folder
    without one."""
    try:
        return Path(os.fsdecode((folder / SCAN_MARK).read_bytes()))
    except (OSError, ValueError):  # ValueError: a NUL, no file name
        return None


def _numbered_folders(folder: Path) -> Iterator[Path]:
    """``folder``, then "name (2)", "name (3)"... (a dot in the name starts no suffix)."""
    yield folder
    for n in count(2):
        yield folder.with_name(f"{folder.name} ({n})")


def _write_prints(
    prints: list[tuple[Picture, np.ndarray | None]],
    scan: Path,
    out_dir: Path,
    keep_marks: MarksKeeper | None,
) -> list[Path]:
    """Write ``prints`` (cut from ``scan``) into ``out_dir`` as ``<name>-1.<ext>``... (a
    long name cut short to leave room for a number, ``STEM_MAX``), each one's marks, if
    any, given to ``keep_marks`` once it is written."""
    suffix = same_format_suffix(scan)
    names = (f"{name_with_tail(scan.stem, f'-{n}', STEM_MAX)}{suffix}" for n in count(1))
    written = []
    for (part, marks), name in zip(prints, names, strict=False):
        written.append(write_picture(part, out_dir / name, forbid=[scan], replace=False))
        if marks is not None and marks.any() and keep_marks is not None:
            keep_marks(written[-1], marks)
    return written


def _full_size(
    corners: tuple[tuple[float, float], ...], scale: float
) -> tuple[tuple[float, float], ...]:
    """``corners`` found on the picture shrunk by ``scale``, in the full picture's pixels."""
    return tuple(((x + 0.5) / scale - 0.5, (y + 0.5) / scale - 0.5) for x, y in corners)


def _seen_at_an_angle(corners: tuple[tuple[float, float], ...]) -> FoundPrint:
    """The print photographed at an angle whose corners are ``corners``."""
    points = np.array(corners)
    width = (np.linalg.norm(points[1] - points[0]) + np.linalg.norm(points[2] - points[3])) / 2
    height = (np.linalg.norm(points[3] - points[0]) + np.linalg.norm(points[2] - points[1])) / 2
    centre = points.mean(axis=0)
    return FoundPrint((float(centre[0]), float(centre[1])), (width, height), 0.0, corners)


def _busy(small: np.ndarray, lid: np.ndarray) -> bool:
    """Whether the band along the picture's edges strays from the smooth ``lid`` by ``BUSY``
    or more (its median): a textured table, not a scanner's lid."""
    edge = _edge_band(small.shape[:2])
    return float(np.median(np.abs(small - lid).max(axis=2)[edge])) >= BUSY


def _textured(small: np.ndarray) -> bool:
    """Whether the band along the picture's edges has a texture of its own (``TEXTURED``):
    a photo's scene or a grained table, where a lid, its strips and shadows are smooth."""
    blurred = cv2.GaussianBlur(small, (0, 0), TEXTURE_BLUR).reshape(small.shape)
    detail = np.abs(small - blurred).max(axis=2)[_edge_band(small.shape[:2])]
    return float(np.percentile(detail, 75)) >= TEXTURED


def _edge_band(shape: tuple[int, ...]) -> np.ndarray:
    """The band ``EDGE_SHARE`` wide along the edges of a picture of ``shape``: the lid."""
    return np.logical_or.reduce(_side_bands(shape))


def _side_bands(shape: tuple[int, ...]) -> list[np.ndarray]:
    """The edge band's four sides (top, bottom, left, right), each on its own."""
    band = max(1, round(EDGE_SHARE * min(shape)))
    sides = []
    for edge in range(4):
        side = np.zeros(shape, bool)
        _from_each_edge(side)[edge][:band] = True
        sides.append(side)
    return sides


def _from_each_edge(image: np.ndarray) -> tuple[np.ndarray, ...]:
    """Views of ``image`` whose first row is its top, bottom, left and right edge in turn."""
    return image, image[::-1], image.T, image.T[::-1]


def _strips(off: np.ndarray) -> np.ndarray:
    """The strips along the edges of a scan whose pixels ``off`` the lid are marked: from
    each edge, the lines mostly off it, when they end before ``STRIP_SHARE`` of the shorter
    side (lines mostly off all that deep are a print laid against the edge, not a strip)."""
    strips = np.zeros_like(off)
    deepest = max(1, round(STRIP_SHARE * min(off.shape)))
    for seen, marked in zip(_from_each_edge(off), _from_each_edge(strips), strict=True):
        mostly_off = seen[:deepest].mean(axis=1) > 0.5
        marked[: int(np.argmin(mostly_off))] = True  # the first line mostly lid; all off: 0
    return strips


def _along_an_edge(contour: np.ndarray, shape: tuple[int, ...]) -> bool:
    """Whether the region outlined by ``contour`` on a picture of ``shape`` lies wholly within
    ``STRIP_SHARE`` of one of its edges: what is left of a strip, no print."""
    deepest = STRIP_SHARE * min(shape[:2])
    x, y, width, height = cv2.boundingRect(contour)
    return (
        y + height <= deepest
        or x + width <= deepest
        or y >= shape[0] - deepest
        or x >= shape[1] - deepest
    )


def _print_mask(small: np.ndarray, lid: np.ndarray) -> np.ndarray:
    """Where the scan is not the lid: far enough from the lid's colour there, save in the
    strips along its edges, gaps closed and holes filled (a white patch inside a print is not
    the lid, nor a dark one inside a print's thin white border), then specks and scratches on
    the lid taken away."""
    off = ~_near(small, lid)
    mask = (off & ~_strips(off)).astype(np.uint8) * 255
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (CLOSED_GAP, CLOSED_GAP))
    mask = _filled(cv2.morphologyEx(mask, cv2.MORPH_CLOSE, kernel))
    return _filled(cv2.morphologyEx(mask, cv2.MORPH_OPEN, kernel))


def _filled(mask: np.ndarray) -> np.ndarray:
    """``mask`` with every hole in it filled."""
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    filled = np.zeros_like(mask)
    cv2.drawContours(filled, contours, -1, 255, thickness=cv2.FILLED)
    return filled


def _lid(small: np.ndarray) -> np.ndarray:
    """The lid's colour, from the band around the scan: a smooth surface (a constant, slopes
    and curvature along x and y, ``_surface``) per channel, as a scanner's lamp lights it
    unevenly; returned as the surface's coefficients. Fitted to each choice of two or more of
    the band's sides, and the fit the
    most of the scan agrees with (every ``LID_STEP``-th pixel looked at) is kept, on a tie
    the one of more sides: a side along which a strip of the glass beyond the lid, or its
    shadow, shows is left out, as it would bend the surface away from the lid."""
    height, width, _ = small.shape
    terms = _terms((height, width))
    sides = _side_bands((height, width))
    edge = np.logical_or.reduce(sides)
    band_terms, band = terms[edge], small[edge]
    on_sides = [side[edge] for side in sides]
    choices = (
        np.logical_or.reduce(chosen)
        for count in range(len(on_sides), 1, -1)
        for chosen in combinations(on_sides, count)
    )
    fits = (_fitted(band_terms, band, known) for known in choices)
    seen_terms, seen = terms[::LID_STEP, ::LID_STEP], small[::LID_STEP, ::LID_STEP]
    return max(fits, key=lambda fit: _near(seen_terms @ fit, seen).mean())


def _terms(shape: tuple[int, ...]) -> np.ndarray:
    """The smooth surface's terms at every pixel of a picture of ``shape``: a constant, x,
    y, x squared and y squared, with x and y running from -1 to 1 across it."""
    height, width = shape[:2]
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    x, y = 2 * x / max(width - 1, 1) - 1, 2 * y / max(height - 1, 1) - 1
    return np.stack([np.ones_like(x), x, y, x * x, y * y], axis=-1)


def _surface(shape: tuple[int, ...], fit: np.ndarray) -> np.ndarray:
    """The colour at every pixel of a picture of ``shape`` of the surface ``fit`` (its
    coefficients), whatever the size it was fitted at."""
    return _terms(shape) @ fit


def _fitted(terms: np.ndarray, colours: np.ndarray, known: np.ndarray) -> np.ndarray:
    """The least-squares fit of the surface ``terms`` to the ``known`` ``colours``, fitted
    twice, the second time without those the first fit calls print (a print laid against
    the glass's edge)."""
    fit, *_ = np.linalg.lstsq(terms[known], colours[known], rcond=None)
    agreeing = known & _near(terms @ fit, colours)
    if agreeing.any():
        fit, *_ = np.linalg.lstsq(terms[agreeing], colours[agreeing], rcond=None)
    return fit


def _near(colours: np.ndarray, lid: np.ndarray) -> np.ndarray:
    """Where ``colours`` lie within ``DIFFERENCE`` of the ``lid``'s, in every channel."""
    return np.abs(colours - lid).max(axis=-1) <= DIFFERENCE


def _slanted_corners(
    contour: np.ndarray, rectangle: float
) -> tuple[tuple[float, float], ...] | None:
    """The four corners of a print's outline (top left first, clockwise) when it is a
    four-sided shape with a corner further than ``SLANT`` from square, which the smallest
    rectangle around it (of area ``rectangle``) would overreach by ``OVERREACH``; None when it
    is near a rectangle (a print laid on a scanner, perhaps with a corner as pale as the lid)
    or has no four clear corners."""
    hull = cv2.convexHull(contour)
    corners = _four_corners(hull)
    if corners is None:
        return None
    area = cv2.contourArea(np.float32(corners))
    if area < FILLED_SHARE * cv2.contourArea(hull) or area > (1 - OVERREACH) * rectangle:
        return None
    return corners if _off_square(corners) > SLANT else None


def _four_corners(hull: np.ndarray) -> tuple[tuple[float, float], ...] | None:
    """The corners (top left first, clockwise on screen) of the four-sided shape the convex
    ``hull`` is, or None when it is not one."""
    length = cv2.arcLength(hull, True)
    for share in (0.01, 0.02, 0.03, 0.05):
        shape = cv2.approxPolyDP(hull, share * length, True)
        if len(shape) == 4:
            break
    else:
        return None
    points = shape.reshape(4, 2).astype(np.float64)
    points = np.roll(points, -int(np.argmin(points.sum(axis=1))), axis=0)  # least x + y first
    (ax, ay), (bx, by) = points[1] - points[0], points[3] - points[0]
    if ax * by - ay * bx < 0:  # make it clockwise on screen (y down)
        points = points[[0, 3, 2, 1]]
    return tuple((float(x), float(y)) for x, y in points)


def _off_square(corners: tuple[tuple[float, float], ...]) -> float:
    """How far (degrees) the shape's corner furthest from a right angle is from one."""
    points = np.array(corners)
    furthest = 0.0
    for index in range(4):
        before, after = points[index - 1] - points[index], points[(index + 1) % 4] - points[index]
        cosine = before @ after / (np.linalg.norm(before) * np.linalg.norm(after))
        furthest = max(furthest, abs(np.degrees(np.arccos(np.clip(cosine, -1, 1))) - 90))
    return furthest


def _photographed(small: np.ndarray) -> tuple[tuple[float, float], ...] | None:
    """The corners of a print photographed at an angle on a surface too busy to be told by
    its colour (a wooden table): the largest four-sided outline the picture's edges draw,
    covering at least ``PHOTOGRAPHED_SHARE`` of it, when it is slanted and edges run along
    all of it (``SUPPORT``); None otherwise."""
    grey = cv2.GaussianBlur(np.uint8(np.clip(small.mean(axis=2) * 255, 0, 255)), (0, 0), 1.5)
    edges = cv2.dilate(cv2.Canny(grey, *EDGE_THRESHOLDS), np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(edges, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    least = PHOTOGRAPHED_SHARE * small.shape[0] * small.shape[1]
    near_edges = cv2.dilate(edges, np.ones((5, 5), np.uint8))
    for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:LARGEST_OUTLINES]:
        corners = _four_corners(cv2.convexHull(contour))
        if corners is None or cv2.contourArea(np.float32(corners)) < least:
            continue
        slanted = _off_square(corners) > SLANT
        return corners if slanted and _on_edges(corners, near_edges) >= SUPPORT else None
    return None


def _on_edges(corners: tuple[tuple[float, float], ...], edges: np.ndarray) -> float:
    """The share of the points along the shape's four sides that lie on ``edges``."""
    points = np.array(corners)
    along = np.linspace(0.0, 1.0, SIDE_SAMPLES, endpoint=False)[:, None]
    sides = [points[i] + (points[(i + 1) % 4] - points[i]) * along for i in range(4)]
    samples = np.rint(np.concatenate(sides)).astype(int)
    columns = np.clip(samples[:, 0], 0, edges.shape[1] - 1)
    rows = np.clip(samples[:, 1], 0, edges.shape[0] - 1)
    return float((edges[rows, columns] > 0).mean())


def _inside(corners: tuple[tuple[float, float], ...], by: float) -> tuple[tuple[float, float], ...]:
    """``corners`` each moved ``by`` pixels along both sides of the shape, into it."""
    points = np.array(corners)
    moved = []
    for index, point in enumerate(points):
        sides = [points[index - 1] - point, points[(index + 1) % 4] - point]
        moved.append(point + sum(by * side / np.linalg.norm(side) for side in sides))
    return tuple((float(x), float(y)) for x, y in moved)


def _flattened(
    pixels: np.ndarray, corners: tuple[tuple[float, float], ...], interpolation: int
) -> np.ndarray:
    """The print within ``corners`` warped flat into its own shape, and cut inside its edge
    and inside the picture."""
    height, width = pixels.shape[:2]
    flat_w, flat_h = _flat_size(
        corners, ((width - 1) / 2, (height - 1) / 2), math.hypot(width, height)
    )
    inset = max(1.0, INSET * min(flat_w, flat_h))
    out_w, out_h = max(1, round(flat_w - 2 * inset)), max(1, round(flat_h - 2 * inset))
    flat = np.float32(
        [[-inset, -inset], [flat_w - inset, -inset], [flat_w - inset, flat_h - inset],
         [-inset, flat_h - inset]]
    )  # fmt: skip
    warp = cv2.getPerspectiveTransform(np.float32(corners), flat)
    return _warped_within(pixels, warp, (out_w, out_h), cv2.warpPerspective, interpolation)


def _flat_size(
    corners: tuple[tuple[float, float], ...], middle: tuple[float, float], diagonal: float
) -> tuple[float, float]:
    """The width and height of the rectangle a print seen with these ``corners`` (top left
    first, clockwise) has, scaled to the area it covers in the photo (whose ``middle`` is taken
    for the lens's axis, and whose ``diagonal`` sizes the usual lens)."""
    along, side = _sides_seen(corners, middle)
    focal = _focal_length(corners, middle, diagonal) or FOCAL_SHARE * diagonal
    lens = np.array([1 / focal, 1 / focal, 1.0])
    shape = np.linalg.norm(along * lens) / np.linalg.norm(side * lens)
    area = cv2.contourArea(np.float32(corners))
    flat_h = math.sqrt(area / shape)
    return shape * flat_h, flat_h


def _sides_seen(
    corners: tuple[tuple[float, float], ...], middle: tuple[float, float]
) -> tuple[np.ndarray, np.ndarray]:
    """The print's top and left sides as the camera saw them (up to the focal length), from
    its corners (Zhang and He)."""
    top_left, top_right, bottom_right, bottom_left = (
        np.array([x - middle[0], y - middle[1], 1.0]) for x, y in corners
    )
    across = np.cross(top_left, bottom_right)
    right = (across @ bottom_left) / (np.cross(top_right, bottom_right) @ bottom_left)
    down = (across @ top_right) / (np.cross(bottom_left, bottom_right) @ top_right)
    return right * top_right - top_left, down * bottom_left - top_left


def _focal_length(
    corners: tuple[tuple[float, float], ...], middle: tuple[float, float], diagonal: float
) -> float | None:
    """The focal length (pixels) the corners tell, or None where they cannot: outside
    ``FOCAL_RANGE``, or changing by more than ``FOCAL_WAVER`` when a corner moves a pixel (a
    print turned about one axis only tells none, and corners found a pixel off tell noise)."""
    low, high = (share * diagonal for share in FOCAL_RANGE)
    told = []
    for moved, step in [(None, (0.0, 0.0))] + [
        (index, step) for index in range(4) for step in ((1.0, 0.0), (0.0, 1.0))
    ]:
        points = [
            (x + step[0], y + step[1]) if index == moved else (x, y)
            for index, (x, y) in enumerate(corners)
        ]
        along, side = _sides_seen(tuple(points), middle)
        depth = along[2] * side[2]
        squared = -(along[0] * side[0] + along[1] * side[1]) / depth if abs(depth) > 1e-12 else 0
        if not low**2 < squared < high**2:
            return None
        told.append(math.sqrt(squared))
    return told[0] if max(told) <= FOCAL_WAVER * min(told) else None


def _cut(pixels: np.ndarray, found: FoundPrint, interpolation: int = cv2.INTER_CUBIC) -> np.ndarray:
    """The print, flattened when it was photographed at an angle, else turned upright by the
    small angle it lies at, and cut inside its edge and inside the scan (a print the scan's
    edge cuts off askew loses the wedge beyond it), its pixels found by ``interpolation``."""
    if found.corners:
        return _flattened(pixels, found.corners, interpolation)
    width, height = found.size
    angle = found.angle
    while angle > 45:  # a rectangle turned 89 degrees is one turned -1, its sides swapped
        angle, width, height = angle - 90, height, width
    while angle <= -45:
        angle, width, height = angle + 90, height, width
    inset = max(1.0, INSET * min(width, height))
    out_w, out_h = max(1, round(width - 2 * inset)), max(1, round(height - 2 * inset))
    left, top = round(found.centre[0] - out_w / 2), round(found.centre[1] - out_h / 2)
    if abs(angle) <= RIGHT_ANGLE_SNAP:
        left, top = max(0, left), max(0, top)
        return np.ascontiguousarray(pixels[top : top + out_h, left : left + out_w])
    cx, cy = left + out_w / 2, top + out_h / 2  # the cut's middle on the scan's pixels
    turn = cv2.getRotationMatrix2D((cx, cy), angle, 1.0)
    turn[:, 2] += (out_w / 2 - cx, out_h / 2 - cy)
    return _warped_within(pixels, turn, (out_w, out_h), cv2.warpAffine, interpolation)


def _warped_within(
    pixels: np.ndarray,
    warp: np.ndarray,
    size: tuple[int, int],
    warper: Callable[..., np.ndarray],
    interpolation: int,
) -> np.ndarray:
    """``pixels`` warped by ``warper`` (``cv2.warpAffine`` or ``cv2.warpPerspective``) with
    ``warp`` into a picture of ``size``, cut to the part of it that lies wholly inside
    ``pixels``: nothing is made up beyond the picture's edge."""
    ones = np.ones(pixels.shape[:2], np.float32)
    covered = warper(ones, warp, size, flags=cv2.INTER_LINEAR, borderValue=0) >= 1 - 1e-3
    rows, columns = _covered_part(covered)
    warped = warper(pixels, warp, size, flags=interpolation, borderMode=cv2.BORDER_REPLICATE)
    return np.ascontiguousarray(warped[rows, columns])


def _covered_part(covered: np.ndarray) -> tuple[slice, slice]:
    """The rows and columns of a rectangle within ``covered`` (a convex region, the picture
    seen through a warp): its sides are moved in, the side with the most uncovered first,
    until all four lie on it (and by the region's convexity all within them)."""
    top, bottom, left, right = 0, covered.shape[0], 0, covered.shape[1]
    while bottom - top > 1 and right - left > 1:
        part = covered[top:bottom, left:right]
        uncovered = [1 - line.mean() for line in (part[0], part[-1], part[:, 0], part[:, -1])]
        side = int(np.argmax(uncovered))
        if uncovered[side] == 0:
            break
        if side == 0:
            top += 1
        elif side == 1:
            bottom -= 1
        elif side == 2:
            left += 1
        else:
            right -= 1
    return slice(top, bottom), slice(left, right)
