"""What the viewer shows: which queue item, in which way (from memory, or read back from its
files), the film frame on show, and the originals of the photos seen last, kept for a quick
return to them. A photo's file may change on disk while it is queued (edited in another
program): an original kept, or a result made, from the file as it was is trusted only while the
file's stamp (``FileStamp``) is the same. Free of Qt (images and frames pass through unopened),
so it is tested on its own."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum, auto
from typing import Generic, Protocol, TypeVar

from engine.filestamp import FileStamp

ImageT = TypeVar("ImageT")  # an image, as the viewer takes it


class Frame(Protocol):
    """A film's frame as read for the viewer (``FilmFrame`` is one)."""

    @property
    def item_id(self) -> int: ...

    @property
    def index(self) -> int: ...


FrameT = TypeVar("FrameT", bound=Frame)


class View(Enum):
    """How the viewer shows the current item."""

    NOTHING = auto()  # no item is current
    FILM = auto()  # a film: its chosen frame, read in the background
    RESULT = auto()  # the original and the restored photo, both in memory
    READ_RESULT = auto()  # a saved photo whose pixels were let go: both read back from files
    ORIGINAL = auto()  # the original, kept in memory
    READ_ORIGINAL = auto()  # the original, read in the background
    UNREADABLE = auto()  # nothing: the file cannot be read


class Placeholder(Enum):
    """What the viewer says while it has no image."""

    WELCOME = auto()  # no item is current: how to add some
    UNREADABLE = auto()  # the item's file cannot be opened, and why
    LOADING = auto()  # the item is being read


@dataclass(frozen=True)
class Subject:
    """What choosing the view needs to know of a queue item."""

    id: int
    is_video: bool = False
    has_result: bool = False  # the restored photo is in memory
    result_on_disk: bool = False  # restored and saved: the result can be read from its file
    unreadable: bool = False
    stamp: FileStamp | None = None  # a photo's file as it is now (None: gone, or not looked at)


@dataclass(frozen=True)
class Change(Generic[ImageT]):
    """What ``OnShow.show`` decided. ``same``: the item was on show already, so the viewer
    keeps its zoom and place; ``left``: the item on show before, when that was another one;
    ``original``: the image to show for ``View.ORIGINAL``."""

    view: View
    same: bool = False
    left: int | None = None
    original: ImageT | None = None


def placeholder(subject: Subject | None) -> Placeholder:
    """What the viewer says while it has no image of ``subject`` (the current item, if any)."""
    if subject is None:
        return Placeholder.WELCOME
    return Placeholder.UNREADABLE if subject.unreadable else Placeholder.LOADING


class OnShow(Generic[ImageT, FrameT]):
    """The item on show, its film frame, and the originals kept: those seen last, as many as
    weigh ``kept`` at most (each weighs what ``weigh`` says: one by default; the bytes of its
    pixels in the window, so that four photos of 200 MP are not kept as four of 12 MP are),
    and always the one seen last."""

    def __init__(self, kept: int, weigh: Callable[[ImageT], int] = lambda _image: 1) -> None:
        self._kept = kept
        self._weigh = weigh
        # each original kept, with its file's stamp when it was read
        self._originals: OrderedDict[int, tuple[ImageT, FileStamp | None]] = OrderedDict()
        # each photo restored: its file's stamp when its result was made (``restored`` tells
        # it again of a photo put back by Undo, as of one kept from the last session)
        self._made_from: dict[int, FileStamp] = {}
        self._shown: Subject | None = None
        self._view = View.NOTHING
        self._frame: FrameT | None = None

    @property
    def shown_id(self) -> int | None:
        return self._shown.id if self._shown is not None else None

    @property
    def view(self) -> View:
        """How the item on show was last put in the viewer."""
        return self._view

    @property
    def stamp(self) -> FileStamp | None:
        """The stamp of the photo on show's file when it was put on show."""
        return self._shown.stamp if self._shown is not None else None

    @property
    def stale(self) -> bool:
        """Whether the photo on show has a result made from its file as it was before it
        changed: the photo is shown as it is now, without that result."""
        return self._shown is not None and self._result_is_stale(self._shown)

    @property
    def frame(self) -> FrameT | None:
        """The film's frame in the viewer, if a film is on show and its frame was read."""
        return self._frame

    def show(self, subject: Subject | None) -> Change[ImageT]:
        """Put ``subject`` (the current item, if any) on show; a film that leaves the viewer
        takes its frame along."""
        same = subject is not None and subject.id == self.shown_id
        left = None if same else self.shown_id
        if not same:
            self._frame = None
        self._shown = subject
        change = self._choose(subject, same, left)
        self._view = change.view
        return change

    def _choose(self, subject: Subject | None, same: bool, left: int | None) -> Change[ImageT]:
        """The view of ``subject``: a result made from its file as it was gives way to the
        original as it is now, and an original kept of the file as it was is read again."""
        if subject is None:
            return Change(View.NOTHING, False, left)
        if subject.is_video:
            return Change(View.FILM, same, left)
        if not self._result_is_stale(subject):
            if subject.has_result:
                return Change(View.RESULT, same, left)
            if subject.result_on_disk:
                return Change(View.READ_RESULT, same, left)
        kept = self._originals.pop(subject.id, None)
        if kept is not None and kept[1] == subject.stamp:
            self._originals[subject.id] = kept  # now the one seen last
            return Change(View.ORIGINAL, same, left, kept[0])
        if subject.unreadable:
            return Change(View.UNREADABLE, same, left)
        return Change(View.READ_ORIGINAL, same, left)

    def _result_is_stale(self, subject: Subject) -> bool:
        """Whether ``subject`` has a result made from its file as it was before it changed."""
        if not (subject.has_result or subject.result_on_disk) or subject.stamp is None:
            return False
        made = self._made_from.get(subject.id)
        return made is not None and made != subject.stamp

    def keep_original(self, item_id: int, image: ImageT, stamp: FileStamp | None = None) -> None:
        """Keep a photo's original read for the viewer from its file as ``stamp`` says, letting
        the one seen longest ago go."""
        self._originals[item_id] = (image, stamp)
        while len(self._originals) > 1 and self._weight() > self._kept:
            self._originals.popitem(last=False)

    def _weight(self) -> int:
        return sum(self._weigh(image) for image, _stamp in self._originals.values())

    def restored(self, item_id: int, stamp: FileStamp | None) -> None:
        """A photo or film was restored from its file as ``stamp`` says (None: not looked
        at): its original kept goes, and its result is trusted while the file stays so."""
        self._originals.pop(item_id, None)
        if stamp is None:
            self._made_from.pop(item_id, None)
        else:
            self._made_from[item_id] = stamp

    def forget(self, item_ids: Iterable[int]) -> None:
        """Let go what is kept of ``item_ids`` (taken out of the queue): their originals, and
        the stamps their results were made from."""
        for item_id in item_ids:
            self._originals.pop(item_id, None)
            self._made_from.pop(item_id, None)

    def show_frame(self, frame: FrameT) -> bool:
        """Note ``frame`` as the one in the viewer; whether its film was on show already."""
        same_film = self._frame is not None and self._frame.item_id == frame.item_id
        self._frame = frame
        return same_film

    def frame_is(self, item_id: int, index: int) -> bool:
        """Whether the frame in the viewer is frame ``index`` of the film ``item_id``."""
        frame = self._frame
        return frame is not None and (frame.item_id, frame.index) == (item_id, index)

    def leave_film(self) -> None:
        self._frame = None
