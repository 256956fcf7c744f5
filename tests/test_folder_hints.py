"""Files that share a name are told apart by the end of their folders, and only those."""

from __future__ import annotations

from pathlib import PurePosixPath as P
from pathlib import PureWindowsPath as W

from engine.folder_tails import folder_hints


def test_a_file_with_a_name_of_its_own_gets_no_hint():
    assert folder_hints([P("/a/box1/photo.jpg"), P("/a/box2/scan.jpg")]) == {}


def test_files_sharing_a_name_get_the_folder_that_differs():
    first, second = P("/home/me/box1/photo.jpg"), P("/home/me/box2/photo.jpg")
    assert folder_hints([first, second, P("/home/me/box2/other.jpg")]) == {
        first: "box1/",
        second: "box2/",
    }


def test_as_many_folders_as_it_takes_the_same_for_the_whole_group():
    paths = [P("/2020/scans/p.png"), P("/2021/scans/p.png"), P("/2021/prints/p.png")]
    assert folder_hints(paths) == {
        paths[0]: "2020/scans/",
        paths[1]: "2021/scans/",
        paths[2]: "2021/prints/",
    }


def test_a_folder_at_the_top_shows_the_root():
    top, deeper = P("/scans/p.png"), P("/old/scans/p.png")
    assert folder_hints([top, deeper]) == {top: "/scans/", deeper: "old/scans/"}
    assert folder_hints([P("/p.png"), P("/x/p.png")]) == {P("/p.png"): "/", P("/x/p.png"): "x/"}


def test_the_same_path_twice_is_one_file():
    assert folder_hints([P("/a/p.png"), P("/a/p.png")]) == {}


def test_windows_paths_keep_their_separator():
    first, second = W(r"C:\photos\box1\p.jpg"), W(r"D:\box1\p.jpg")
    assert folder_hints([first, second]) == {first: "photos\\box1\\", second: "D:\\box1\\"}
