"""What the viewer shows: the view chosen for an item, the originals kept, the film frame, and
the placeholder; originals and results of a file that changed since."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from app.on_show import OnShow, Placeholder, Subject, View, placeholder
from engine.filestamp import FileStamp

STAMP = FileStamp(size=100, mtime_ns=1)
EDITED = FileStamp(size=120, mtime_ns=2)


@dataclass(frozen=True)
class Frame:
    item_id: int
    index: int


@pytest.mark.parametrize(
    ("subject", "view"),
    [
        (Subject(1, is_video=True, has_result=True, result_on_disk=True), View.FILM),
        (Subject(1, has_result=True, result_on_disk=True), View.RESULT),
        (Subject(1, result_on_disk=True), View.READ_RESULT),
        (Subject(1, unreadable=True), View.UNREADABLE),
        (Subject(1), View.READ_ORIGINAL),
        (None, View.NOTHING),
    ],
)
def test_the_view_follows_what_is_known_of_the_item(subject, view):
    assert OnShow(kept=4).show(subject).view is view


def test_a_kept_original_is_shown_without_reading_it_again():
    show = OnShow(kept=4)
    show.keep_original(1, "original")
    change = show.show(Subject(1))
    assert (change.view, change.original) == (View.ORIGINAL, "original")
    assert show.show(Subject(1, has_result=True)).view is View.RESULT  # the result comes first


def test_an_original_kept_of_a_file_changed_since_is_read_again():
    show = OnShow(kept=4)
    show.keep_original(1, "original", STAMP)
    assert show.show(Subject(1, stamp=STAMP)).view is View.ORIGINAL
    assert show.stamp == STAMP
    assert show.show(Subject(1, stamp=EDITED)).view is View.READ_ORIGINAL
    assert show.stamp == EDITED and show.view is View.READ_ORIGINAL
    show.keep_original(1, "edited", EDITED)
    assert show.show(Subject(1, stamp=EDITED)).original == "edited"


def test_a_result_made_before_its_file_changed_gives_way_to_the_original():
    show = OnShow(kept=4)
    show.restored(1, STAMP)
    restored = Subject(1, has_result=True, result_on_disk=True, stamp=STAMP)
    assert show.show(restored).view is View.RESULT and not show.stale
    edited = replace(restored, stamp=EDITED)
    assert show.show(edited).view is View.READ_ORIGINAL and show.stale
    assert show.show(Subject(1, result_on_disk=True, stamp=EDITED)).view is View.READ_ORIGINAL
    assert show.show(replace(edited, stamp=None)).view is View.RESULT  # gone: nothing to judge
    show.restored(1, EDITED)  # restored again, from the file as it is now
    assert show.show(edited).view is View.RESULT and not show.stale
    show.restored(1, None)  # not looked at (a film)
    assert show.show(restored).view is View.RESULT


def test_the_item_on_show_is_known_and_the_one_left_is_named():
    show = OnShow(kept=4)
    first = show.show(Subject(1))
    assert (first.same, first.left, show.shown_id) == (False, None, 1)
    again = show.show(Subject(1))
    assert (again.same, again.left) == (True, None)
    other = show.show(Subject(2))
    assert (other.same, other.left, show.shown_id) == (False, 1, 2)
    nothing = show.show(None)
    assert (nothing.same, nothing.left, show.shown_id) == (False, 2, None)


def test_the_originals_seen_last_are_kept():
    show = OnShow(kept=2)
    show.keep_original(1, "one")
    show.keep_original(2, "two")
    show.show(Subject(1))  # seen again: now the last seen
    show.keep_original(3, "three")
    assert show.show(Subject(1)).view is View.ORIGINAL
    assert show.show(Subject(2)).view is View.READ_ORIGINAL  # let go
    assert show.show(Subject(3)).view is View.ORIGINAL
    show.forget([3])
    assert show.show(Subject(3)).view is View.READ_ORIGINAL


def test_the_originals_kept_are_as_many_as_their_weight_allows():
    show = OnShow(kept=10, weigh=len)  # a string weighs its letters, as a picture its bytes
    show.keep_original(1, "four")
    show.keep_original(2, "five!")
    assert show.show(Subject(1)).view is View.ORIGINAL  # 9 of 10
    show.keep_original(3, "big")  # 12: the one seen longest ago goes
    assert show.show(Subject(2)).view is View.READ_ORIGINAL
    assert show.show(Subject(1)).view is View.ORIGINAL
    show.keep_original(4, "larger than all kept")  # alone over the weight: kept all the same
    assert show.show(Subject(4)).view is View.ORIGINAL
    assert show.show(Subject(1)).view is View.READ_ORIGINAL


def test_the_film_frame_on_show():
    show = OnShow(kept=4)
    show.show(Subject(1, is_video=True))
    assert show.frame is None
    assert not show.show_frame(Frame(1, 0))  # the film's first frame shown
    assert show.show_frame(Frame(1, 5))  # another frame of the same film
    assert show.frame_is(1, 5) and not show.frame_is(1, 0) and not show.frame_is(2, 5)
    show.show(Subject(1, is_video=True))
    assert show.frame == Frame(1, 5)  # still on show
    show.leave_film()
    assert show.frame is None and not show.frame_is(1, 5)
    show.show_frame(Frame(1, 5))
    show.show(Subject(2))
    assert show.frame is None  # the film left the viewer with its frame


def test_the_placeholder_says_what_there_is():
    assert placeholder(None) is Placeholder.WELCOME
    assert placeholder(Subject(1, unreadable=True)) is Placeholder.UNREADABLE
    assert placeholder(Subject(1)) is Placeholder.LOADING
