"""The terminal's progress bar: one time left, measured from where a resumed job began; the
words drawn with the share they go with."""

import io
import re
import sys

from tqdm import tqdm

from engine import console
from engine.console import progress_bar
from engine.time_left import EtaClock


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_gives_one_time_left_measured_from_where_a_resumed_job_began(monkeypatch):
    now = [100.0]
    monkeypatch.setattr(console, "EtaClock", lambda: EtaClock(lambda: now[0]))
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with progress_bar("restoring") as progress:
        progress.update(50, 100, "50/100 frames", resumed_from=50)  # an earlier run did half
        now[0] += 10
        progress.update(60, 100, "60/100 frames", resumed_from=50)  # 10 frames in 10 s
    last = terminal.getvalue().split("\r")[-1]
    assert "60/100 frames, 00:40 left" in last  # 40 frames at this run's speed, not 10 s
    assert last.count("left") == 1 and " , " not in last


class EagerBar(tqdm):
    """A bar drawn at every move, however close together (as moves seconds apart are)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs, mininterval=0, miniters=1)


def test_each_drawing_of_the_bar_gives_its_own_moves_words(monkeypatch):
    monkeypatch.setattr(console, "tqdm", EagerBar)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with progress_bar("restoring") as progress:
        for done in (12, 21, 50, 88):
            progress.update(done, 100, f"{done}/100 frames")
    drawn = re.findall(r"(\d+)%\|[^|\r]*\| [^,\r]*, (\d+)/100 frames", terminal.getvalue())
    assert {done for _percent, done in drawn} == {"12", "21", "50", "88"}
    assert all(percent == done for percent, done in drawn)


class Log(io.StringIO):
    def isatty(self) -> bool:
        return False


def test_a_line_told_while_the_bar_is_drawn_gets_a_line_of_its_own_above_it(monkeypatch):
    monkeypatch.setattr(console, "tqdm", EagerBar)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with progress_bar("restoring") as progress:
        progress.update(99, 100, "joining the segments")
        print("failed: film.mkv: the disk is full", file=sys.stderr)
        progress.update(100, 100, "next.mkv")
    shown = [line.split("\r")[-1] for line in terminal.getvalue().split("\n")]  # what stays
    assert "failed: film.mkv: the disk is full" in shown
    below = shown[shown.index("failed: film.mkv: the disk is full") + 1]
    assert below.startswith("restoring 100%")  # the bar drawn again under it


def test_a_line_told_in_a_log_comes_after_the_progress_it_follows(monkeypatch):
    log = Log()
    monkeypatch.setattr(sys, "stderr", log)
    with progress_bar("restoring") as progress:
        progress.update(97, 100, "97/100 frames")
        progress.update(99, 100, "joining the segments")
        print("failed: film.mkv: the disk is full", file=sys.stderr)
    assert log.getvalue().splitlines() == [
        "restoring: 99% done after 00:00, joining the segments",
        "failed: film.mkv: the disk is full",
        "restoring: done after 00:00",
    ]


def _drawn(terminal: Terminal) -> str:
    """The bar as the terminal shows it now: its last drawing."""
    return terminal.getvalue().split("\r")[-1]


def test_the_bar_names_what_it_reads_from_the_start(monkeypatch):
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with progress_bar("reading the photos") as progress:
        progress.update(0, 2, "huge.png")  # then minutes of reading, with no move
        assert "huge.png" in _drawn(terminal)


def test_the_bar_names_each_photo_as_it_starts_however_soon_after_the_last(monkeypatch):
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with progress_bar("reading the photos") as progress:
        progress.update(0, 2, "small.png")
        progress.update(1, 2, "huge.png")  # a hundredth of a second later
        assert "huge.png" in _drawn(terminal)


def test_the_bar_keeps_naming_the_photo_while_its_tiles_say_nothing(monkeypatch):
    monkeypatch.setattr(console, "tqdm", EagerBar)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with progress_bar("restoring") as progress:
        progress.update(0, 2, "a.png")
        tiles = progress.part(0, 2)
        tiles.update(2, 4)
        assert "a.png" in _drawn(terminal) and "25%" in _drawn(terminal)
        progress.update(1, 2, "b.png")
        progress.part(1, 2).update(3, 4)
        assert "b.png" in _drawn(terminal) and "a.png" not in _drawn(terminal)
