"""Settings hand-edited, cut short or from another version: a value no widget can take reads
as the default or the nearest value in range, so the app still starts and takes photos."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.recent import RecentPaths
from app.settings import MAX_DPI, MAX_LONG_SIDE, MAX_TILE, PRINT_SIDES, AppSettings


def damaged(settings_file: Path, lines: str) -> AppSettings:
    """Settings read from an INI file written by hand."""
    settings_file.parent.mkdir(parents=True, exist_ok=True)
    settings_file.write_text(lines)
    return AppSettings.from_file(settings_file)


@pytest.mark.parametrize(
    ("key", "text", "setting", "read"),
    [
        ("detail", "nan", "detail", 0.0),
        ("grain", "inf", "grain", 0.0),
        ("detail", "2", "detail", 1.0),
        ("grain", "-1", "grain", 0.0),
        ("repair", "-5", "repair", -1.0),
        ("repair", "nan", "repair", -1.0),
        ("tile", "99999999999", "tile", MAX_TILE),
        ("tile", "-64", "tile", 0),
        ("long_side", "99999999999", "long_side", MAX_LONG_SIDE),
        ("long_side", "0", "long_side", 1),
        ("dpi", "99999999999", "dpi", MAX_DPI),
        ("print_width", "nan", "print_width", AppSettings.print_width.default),
        ("print_height", "1e12", "print_height", PRINT_SIDES[1]),
    ],
)
def test_a_number_out_of_range_reads_as_the_nearest_one_in_range_and_no_number_as_the_default(
    settings_file: Path, key: str, text: str, setting: str, read: float
):
    settings = damaged(settings_file, f"[restore]\n{key}={text}\n")
    assert getattr(settings, setting) == read


def test_a_number_in_range_reads_as_it_is(settings_file: Path):
    settings = damaged(settings_file, "[restore]\ndetail=0.25\ntile=512\ndpi=600\n")
    assert (settings.detail, settings.tile, settings.dpi) == (0.25, 512, 600)


def test_the_window_starts_on_numbers_no_widget_can_take(settings_file: Path, make_window):
    settings = damaged(
        settings_file,
        "[restore]\ndetail=nan\ngrain=nan\ntile=99999999999\nlong_side=99999999999\n"
        "dpi=99999999999\n",
    )
    window = make_window(settings)
    panel = window.settings_panel
    assert panel.tile_spin.value() == MAX_TILE
    assert panel.size_field.long_side_spin.value() == MAX_LONG_SIDE
    assert panel.size_field.dpi_spin.value() == MAX_DPI
    assert panel.detail_strength.value() == panel.grain_strength.value() == 0.0


@pytest.mark.parametrize("text", ["5", "null", '"abc"', '{"a": 1}', "[1, 2]", '[["a"]]'])
def test_recent_paths_that_are_no_list_of_paths_read_as_none_and_new_ones_are_kept(
    app_settings: AppSettings, tmp_path: Path, text: str
):
    app_settings.recent_paths = text
    recent = RecentPaths(app_settings)
    assert recent.paths() == []
    photo = tmp_path / "photo.png"
    photo.touch()
    recent.add([photo])
    assert recent.paths() == [photo]
