"""Which actions the window offers, from what it holds: each rule on its own, without Qt."""

from dataclasses import dataclass, replace
from pathlib import Path

from app.action_rules import (
    TURNED_FOLDER,
    VIEWING,
    Situation,
    enabled_actions,
    left_to_restore,
    scan_cut_from,
    split_scans,
    splittable,
)
from app.item_status import LEFT_BY_RESTORE_ALL, ItemStatus
from engine.imageio import Picture, write_picture
from engine.split import split_scan_into_its_folder
from engine.turn import turn_file
from tests.scan_helpers import kodak_print, scan_of


@dataclass
class Item:
    id: int
    status: ItemStatus
    is_video: bool = False
    source: Path = Path("photo.png")

    @property
    def key(self) -> Path:
        return self.source.resolve()


READY = Item(1, ItemStatus.READY)
RESTORED = Item(2, ItemStatus.RESTORED)
FILM = Item(4, ItemStatus.READY, is_video=True)
BROKEN = Item(5, ItemStatus.UNREADABLE)
QUEUED = Item(6, ItemStatus.QUEUED)
IDLE = Situation(
    items=(),
    selected=(),
    has_model=True,
    running=False,
    running_item=None,
    frame_on_show=False,
    photo_on_show=False,
    current=False,
    has_images=False,
)


def test_an_empty_window_offers_nothing_that_acts_on_items():
    enabled = enabled_actions(IDLE)
    assert not any(enabled.values())
    assert set(VIEWING) <= set(enabled)


def test_restore_needs_a_model_and_an_item_not_on_its_way():
    situation = replace(IDLE, items=(READY, QUEUED), selected=(QUEUED,))
    assert not enabled_actions(situation)["restore"]  # already queued
    assert not enabled_actions(replace(situation, selected=(BROKEN,)))["restore"]  # unreadable
    assert enabled_actions(replace(situation, selected=(READY,)))["restore"]
    assert not enabled_actions(replace(situation, selected=(READY,), has_model=False))["restore"]
    assert enabled_actions(situation)["restore_all"]  # READY is left to do
    done = replace(IDLE, items=(RESTORED, BROKEN, QUEUED))
    assert not enabled_actions(done)["restore_all"]


def test_save_and_save_all_want_a_photo_left_to_save():
    """A restored photo saved as the settings say (at once, say) is not offered to save."""
    situation = replace(IDLE, items=(RESTORED,), selected=(RESTORED,))
    assert not enabled_actions(situation)["save"]
    assert enabled_actions(replace(situation, selected_to_save=True))["save"]
    assert not enabled_actions(situation)["save_all"]
    assert enabled_actions(replace(situation, left_to_save=True))["save_all"]


def test_a_comparison_is_saved_of_a_restored_photo_on_show():
    assert not enabled_actions(replace(IDLE, photo_on_show=True))["save_comparison"]
    assert enabled_actions(replace(IDLE, photo_on_show=True, restored_on_show=True))[
        "save_comparison"
    ]


def test_cancel_stops_a_preview_under_way_too():
    assert enabled_actions(replace(IDLE, previewing=True))["cancel"]


def test_cancel_drops_a_run_waiting_for_its_photos_to_be_read():
    assert enabled_actions(replace(IDLE, waiting=True))["cancel"]


def test_the_item_being_restored_cannot_be_removed_and_cancel_follows_the_run():
    running = replace(IDLE, items=(READY,), selected=(READY,), running=True, running_item=1)
    assert not enabled_actions(running)["remove"]
    assert enabled_actions(running)["cancel"]
    assert enabled_actions(replace(running, running_item=None))["remove"]
    assert not enabled_actions(replace(running, cancelling=True))["cancel"]  # asked already
    assert not enabled_actions(running)["clear"]  # Clear keeps the one being restored
    assert enabled_actions(replace(running, items=(READY, RESTORED)))["clear"]


def test_preview_wants_a_frame_or_a_photo_on_show_a_model_and_no_run():
    for on_show in (replace(IDLE, frame_on_show=True), replace(IDLE, photo_on_show=True)):
        assert enabled_actions(on_show)["preview"]
        assert not enabled_actions(replace(on_show, running=True))["preview"]
        assert not enabled_actions(replace(on_show, has_model=False))["preview"]


def test_only_readable_photos_can_be_split_and_viewing_wants_pictures():
    assert splittable([READY, FILM, BROKEN, None]) == [READY]
    assert not enabled_actions(replace(IDLE, selected=(FILM, BROKEN)))["split"]
    viewing = enabled_actions(replace(IDLE, has_images=True))
    assert all(viewing[action] for action in VIEWING)


def test_undo_is_offered_while_a_removal_can_be_taken_back():
    assert not enabled_actions(IDLE)["undo"]
    assert enabled_actions(replace(IDLE, can_undo=True))["undo"]


def test_spots_are_marked_on_a_photo_or_films_frame_on_show_and_undo_takes_back_a_stroke():
    photo = replace(IDLE, photo_on_show=True, has_images=True)
    assert enabled_actions(photo)["mark_spots"]
    assert enabled_actions(replace(IDLE, frame_on_show=True))["mark_spots"]
    assert not enabled_actions(replace(IDLE, has_images=True))["mark_spots"]
    marking = replace(photo, marking=True)
    assert enabled_actions(marking)["undo"] and enabled_actions(marking)["mark_spots"]


def test_nothing_is_restored_previewed_or_turned_until_the_marks_are_written():
    """A photo turned while marked would leave its new marks with the original, out of the
    queue, and the turned copy without them."""
    acts = ("restore", "restore_all", "preview", "turn_left", "turn_right")
    queued = replace(IDLE, items=(READY,), selected=(READY,), photo_on_show=True, has_images=True)
    assert all(enabled_actions(queued)[a] for a in acts)
    for waiting in (replace(queued, marking=True), replace(queued, keeping_marks=True)):
        assert not any(enabled_actions(waiting)[a] for a in acts)


def test_cancel_waits_while_spots_are_marked_since_esc_ends_marking():
    running = replace(IDLE, running=True, running_item=READY.id, items=(READY,))
    assert not enabled_actions(replace(running, marking=True))["cancel"]
    assert not enabled_actions(replace(IDLE, previewing=True, marking=True))["cancel"]


def test_a_photo_waiting_in_the_run_is_not_turned():
    """Its turned copy could not take its place in the run: the copy was written, left out
    of the queue, and the photo restored unturned."""
    running = replace(IDLE, items=(READY, QUEUED), running=True, running_item=READY.id)
    assert not enabled_actions(replace(running, selected=(QUEUED,)))["turn_right"]
    assert enabled_actions(replace(IDLE, items=(RESTORED,), selected=(RESTORED,)))["turn_right"]


def test_a_print_cut_from_a_scan_and_its_turned_copies_are_no_scans_to_split(tmp_path: Path):
    """Seen before: Split offered on a print split out of a scan cut "box-1-1.png" from it."""
    scan = write_picture(
        Picture(scan_of([kodak_print(n) for n in (3, 5, 23)]), None, None, None, "png"),
        tmp_path / "box.png",
    )
    restored = tmp_path / "restored"
    cut, *_ = split_scan_into_its_folder(scan, restored)
    turned = turn_file(cut, 1, restored / TURNED_FOLDER)
    turned_again = turn_file(turned, 1, restored / TURNED_FOLDER)
    other = turn_file(
        write_picture(Picture(kodak_print(5), None, None, None, "png"), tmp_path / "cat.png"),
        1,
        restored / TURNED_FOLDER,
    )
    sources = (scan, cut, turned, turned_again, other)
    photos = [Item(n, ItemStatus.READY, source=path) for n, path in enumerate(sources)]
    assert [path.name for path in (turned, turned_again)] == [
        "box-1 turned.png",
        "box-1 turned (2).png",
    ]
    assert [item.source for item in splittable(photos)] == [scan, other]
    cut_from = [scan_cut_from(path) for path in sources]
    assert cut_from == [None, scan.resolve(), scan.resolve(), scan.resolve(), None]
    assert not enabled_actions(replace(IDLE, selected=photos[1:4]))["split"]


def test_restore_all_passes_over_a_scan_whose_prints_are_queued(tmp_path: Path):
    """Seen before: once its prints were restored, Restore All restored the scan itself too,
    a 139 MP result, and warned of its size."""
    pixels = scan_of([kodak_print(n) for n in (3, 5, 23)])
    scan = write_picture(Picture(pixels, None, None, None, "png"), tmp_path / "box.png")
    cut = split_scan_into_its_folder(scan, tmp_path / "restored")
    turned = turn_file(cut[0], 1, tmp_path / "restored" / TURNED_FOLDER)
    prints = [
        Item(n, ItemStatus.RESTORED, source=path) for n, path in enumerate([*cut[1:], turned], 1)
    ]
    box = Item(9, ItemStatus.READY, source=scan)
    assert split_scans([box, *prints]) == {box.id}
    assert not enabled_actions(replace(IDLE, items=(box, *prints)))["restore_all"]
    assert enabled_actions(replace(IDLE, items=(box, *prints, READY)))["restore_all"]
    for queued in ([box, *prints[:1]], [box, prints[-1]]):  # one print, or one turned copy
        assert not enabled_actions(replace(IDLE, items=tuple(queued)))["restore_all"]
    assert enabled_actions(replace(IDLE, items=(box,)))["restore_all"]  # its prints gone


def test_restore_all_asks_for_unreadable_photos_but_is_not_offered_for_them_alone():
    """Restore All counts photos it cannot open with its run, so it asks for them, yet they
    alone leave nothing to restore."""
    queue = [READY, RESTORED, BROKEN]
    assert left_to_restore(queue) == [READY]
    passed_over = LEFT_BY_RESTORE_ALL - {ItemStatus.UNREADABLE}
    assert left_to_restore(queue, passed_over) == [READY, BROKEN]
    assert not enabled_actions(replace(IDLE, items=(RESTORED, BROKEN)))["restore_all"]


def test_a_persons_own_photo_named_like_a_turned_print_is_no_print(tmp_path: Path):
    """Only the turned copies' folder holds turned prints: a photo of the person's own named
    "box-1 turned.png" in another folder beside the prints' is a photo like any other."""
    scan = write_picture(
        Picture(scan_of([kodak_print(n) for n in (3, 5, 23)]), None, None, None, "png"),
        tmp_path / "box.png",
    )
    restored = tmp_path / "restored"
    split_scan_into_its_folder(scan, restored)
    own = write_picture(
        Picture(kodak_print(5), None, None, None, "png"), restored / "mine" / "box-1 turned.png"
    )
    assert scan_cut_from(restored / "box" / "box-1.png") == scan.resolve()
    assert scan_cut_from(own) is None
