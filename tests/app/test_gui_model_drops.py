"""Model files dropped on the window, or given by name: Rekindle's own kinds (alone, or a
dropped folder of them) are imported as Models > Import does it; ONNX and NCNN files are told
apart with one sentence (among the import's refusals where models came with them) and never
join the queue as photos that cannot be opened."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from gui_helpers import WAIT_MS, drop_paths, searched, write_photo, write_tiny_model
from spandrel.architectures.Compact.__arch.SRVGG import SRVGGNetCompact

from app.main_window import MainWindow
from engine.library.files import model_files

ONNX_OR_NCNN = "ONNX and NCNN models cannot be used; use the model's .pth or .safetensors file."

pytestmark = pytest.mark.usefixtures("builtin_models")


def write_compact(path: Path) -> Path:
    """A Real-ESRGAN compact network with random weights, saved as community weights are."""
    torch.manual_seed(0)
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(SRVGGNetCompact(num_feat=8, num_conv=2, upscale=2).state_dict(), path)
    return path


def write_other_runtimes(folder: Path) -> list[Path]:
    """What Upscayl and chaiNNer download: an ONNX model, and NCNN's .param and .bin pair."""
    folder.mkdir(parents=True, exist_ok=True)
    files = [folder / "4x_model.onnx", folder / "x4plus.param", folder / "x4plus.bin"]
    for file in files:
        file.write_bytes(b"\x08\x07network")
    return files


def said(window: MainWindow) -> list[str]:
    """What the window's intake puts in the status bar from now on."""
    lines: list[str] = []
    window.intake.message.connect(lines.append)
    return lines


def test_onnx_and_ncnn_files_are_told_apart_and_never_queued(make_window, tmp_path: Path):
    window = make_window()
    lines = said(window)
    assert drop_paths(window, write_other_runtimes(tmp_path / "upscayl"))
    assert window.queue.items() == []
    assert lines == [ONNX_OR_NCNN]
    assert window.statusBar().currentMessage() == ONNX_OR_NCNN
    assert not window.models.importing


def test_a_photo_dropped_with_an_onnx_file_joins_and_the_onnx_file_is_told_apart(
    make_window, tmp_path: Path
):
    window = make_window()
    lines = said(window)
    photo = write_photo(tmp_path / "a.png")
    [onnx, *_ncnn] = write_other_runtimes(tmp_path / "upscayl")
    assert drop_paths(window, [photo, onnx])
    assert [item.source for item in window.queue.items()] == [photo]
    assert lines == [f"Added 1 photo to the queue. {ONNX_OR_NCNN}"]


def test_a_dropped_folder_of_models_is_imported(
    make_window, qtbot, tmp_path: Path, private_data_dir: Path
):
    downloads = tmp_path / "downloads"
    community = write_compact(downloads / "2x_compact.pth")
    own = write_tiny_model(downloads, "tiny", "Tiny")
    write_other_runtimes(downloads)
    window = make_window()
    lines = said(window)
    with qtbot.waitSignal(window.models.import_finished, timeout=WAIT_MS) as finished:
        assert drop_paths(window, [downloads])
        searched(qtbot, window)
    report = finished.args[0]
    assert sorted(model.path.name for model in report.imported) == [community.name, own.name]
    # what the folder held that cannot be used, told by the import
    refused = [path.name for path, _why in report.refused]
    assert refused == ["4x_model.onnx", "x4plus.bin", "x4plus.param"]  # in the folder's order
    assert window.queue.items() == []  # no "No new photos or films found"
    assert lines == ["Looking for photos and films in downloads…"]
    folder = private_data_dir / "models"
    assert [path.name for path in model_files(folder)] == [community.name, own.name]
    keys = [entry.key for entry in window.settings_panel.entries()]
    assert keys == [str(folder / community.name), str(folder / own.name)]


def test_onnx_and_ncnn_files_dropped_with_models_are_listed_with_the_import_refusals(
    make_window, qtbot, tmp_path: Path
):
    """The import's summary, which comes once the models are checked, is what lasts: the files
    of other runtimes are in its box of files not imported, each with why, rather than in a
    status line the summary replaces at once."""
    model = write_compact(tmp_path / "downloads" / "2x_compact.pth")
    others = write_other_runtimes(tmp_path / "upscayl")
    window = make_window()
    lines = said(window)
    with qtbot.waitSignal(window.models.import_finished, timeout=WAIT_MS) as finished:
        assert drop_paths(window, [model, *others])
    report = finished.args[0]
    assert [imported.path.name for imported in report.imported] == [model.name]
    assert [path for path, _why in report.refused] == others
    assert window.queue.items() == []
    assert lines == []
    assert window.statusBar().currentMessage().startswith("Imported 2x_compact")
    box = window.model_actions.import_problem
    assert box is not None and box.isVisible()
    assert box.text() == "These files were not imported:"
    reasons = box.informativeText().split("\n\n")
    assert [reason.partition(": ")[0] for reason in reasons] == [path.name for path in others]


def test_a_dropped_folder_of_photos_joins_and_its_models_stay_where_they_are(
    make_window, qtbot, tmp_path: Path, private_data_dir: Path
):
    album = tmp_path / "album"
    photo = write_photo(album / "a.png")
    write_tiny_model(album, "tiny", "Tiny")
    window = make_window()
    lines = said(window)
    assert drop_paths(window, [album])
    searched(qtbot, window)
    assert [item.source for item in window.queue.items()] == [photo]
    assert lines == ["Looking for photos and films in album…", "Added 1 photo to the queue."]
    assert not window.models.importing
    assert model_files(private_data_dir / "models") == []


def test_a_model_file_given_by_name_is_imported_as_a_dropped_one(
    make_window, qtbot, tmp_path: Path, private_data_dir: Path
):
    """`rekindle 2x_compact.pth` while Rekindle runs (the desktop's Open With), or File >
    Open: the file is handed to the window by name, not dropped."""
    community = write_compact(tmp_path / "Downloads" / "2x_compact.pth")
    window = make_window()
    with qtbot.waitSignal(window.models.import_finished, timeout=WAIT_MS) as finished:
        window.receive_paths([str(community)])
    assert [model.path.name for model in finished.args[0].imported] == [community.name]
    assert window.queue.items() == []  # no "Cannot open" row
    folder = private_data_dir / "models"
    assert [path.name for path in model_files(folder)] == [community.name]


def test_onnx_and_ncnn_files_given_by_name_are_told_apart_and_never_queued(
    make_window, tmp_path: Path
):
    window = make_window()
    lines = said(window)
    window.add_paths(write_other_runtimes(tmp_path / "upscayl"))
    assert window.queue.items() == []
    assert lines == [ONNX_OR_NCNN]


def test_a_folder_of_models_given_by_name_imports_nothing(
    make_window, qtbot, tmp_path: Path, private_data_dir: Path
):
    """Only a drop takes a folder of downloads for its models."""
    downloads = tmp_path / "downloads"
    write_compact(downloads / "2x_compact.pth")
    window = make_window()
    lines = said(window)
    window.add_paths([downloads])
    searched(qtbot, window)
    assert lines[-1] == "No new photos or films found (they may already be in the queue)."
    assert not window.models.importing
    assert model_files(private_data_dir / "models") == []
