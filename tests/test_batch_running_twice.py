"""A photo batch started into a folder while another process runs the same batch there (the
same settings) is refused before any work, naming that process, instead of restoring every
photo again as "name (2)"; a batch of other settings goes on, and so does one after the first
is killed or has ended. A run of the app's holds its output folder and everything below it:
a batch, of photos or of films, whose results go there is refused, and a batch holds its own
output folder against the app's runs that would write there."""

from pathlib import Path

import pytest

from engine.busy import Busy
from engine.cli import films, main
from engine.unfinished import FolderHold
from tests.fault_helpers import batch_held_in_another_process, held_in_another_process
from tests.test_batch_save_failures import photos  # noqa: F401 (a fixture)
from tests.video_helpers import make_clip

REFUSED = 2


def _restore(inputs: Path, out: Path, model: Path, *more: str) -> list[str]:
    return ["restore", str(inputs), "-o", str(out), "--model", str(model), *more]


def _held_by_the_app(out: Path):
    """Another process holding ``out`` as a run of the app's does."""
    take = "from engine.unfinished import holding\nheld = holding(path)\nheld.__enter__()"
    return held_in_another_process(take, out)


def _app_refused(folder: Path, into: Path) -> bool:
    """Whether a run of the app's into the output folder ``folder``, writing results into
    ``into``, is refused now."""
    held = FolderHold()
    try:
        held.take(folder, [into])
    except Busy:
        return True
    finally:
        held.release()
    return False


def _results(out: Path) -> list[str]:
    return sorted(path.name for path in out.iterdir() if not path.name.startswith("."))


def _files(out: Path) -> list[str]:
    """The files below ``out``, but the hidden ones (a killed run's lock file stays)."""
    files = (path.relative_to(out) for path in out.rglob("*") if path.is_file())
    return sorted(str(path) for path in files if not path.name.startswith("."))


@pytest.fixture
def film(tmp_path: Path) -> Path:
    return make_clip(tmp_path / "film.mp4", frames=3, size=(32, 24), audio=None)


def test_the_same_batch_into_the_same_folder_is_refused_naming_the_first(
    photos,  # noqa: F811
    tmp_path,
    tiny_model_file,
    capsys,
):
    out = tmp_path / "out"
    command = _restore(photos, out, tiny_model_file)
    first = batch_held_in_another_process(command, out)
    try:
        assert main(command) == REFUSED
        said = capsys.readouterr().err
        assert f"being restored into {out} by another run (process {first.pid})" in said
        assert _results(out) == []
    finally:
        first.kill()
        first.wait()
    assert main(command) == 0  # a killed run blocks nothing
    restored = _results(out)
    assert restored and not any("(2)" in name for name in restored)


def test_a_batch_of_other_settings_goes_on_beside_it(
    photos,  # noqa: F811
    tmp_path,
    tiny_model_file,
):
    out = tmp_path / "out"
    first = batch_held_in_another_process(_restore(photos, out, tiny_model_file), out)
    try:
        assert main(_restore(photos, out, tiny_model_file, "--scale-out", "1")) == 0
    finally:
        first.kill()
        first.wait()
    assert _results(out)


def test_runs_one_after_another_in_one_process_go_on_and_leave_no_lock(
    photos,  # noqa: F811
    tmp_path,
    tiny_model_file,
):
    out = tmp_path / "out"
    command = _restore(photos, out, tiny_model_file)
    assert main(command) == 0
    assert main([*command, "--overwrite"]) == 0
    assert not [path for path in out.iterdir() if path.name.startswith(".")]


def test_a_batch_refused_before_its_work_leaves_no_folder_made_for_it(tmp_path, tiny_model_file):
    empty = tmp_path / "empty"
    empty.mkdir()
    out = tmp_path / "new" / "out"
    assert main(_restore(empty, out, tiny_model_file)) != 0
    assert not (tmp_path / "new").exists()


def test_a_batch_whose_results_go_into_a_folder_the_app_holds_is_refused(
    photos,  # noqa: F811
    tmp_path,
    tiny_model_file,
    capsys,
):
    """The app writes into out/src; the batch of the folder src into out would too."""
    out = tmp_path / "out"
    app = _held_by_the_app(out / photos.name)
    try:
        assert main(_restore(photos, out, tiny_model_file)) == REFUSED
        said = capsys.readouterr().err
        assert f"(process {app.pid}) is writing results into {out / photos.name}" in said
        assert _files(out) == []
    finally:
        app.kill()
        app.wait()


def test_a_batch_into_a_folder_below_one_the_app_holds_is_refused(
    photos,  # noqa: F811
    tmp_path,
    tiny_model_file,
    capsys,
):
    out = tmp_path / "out"
    app = _held_by_the_app(out)
    try:
        command = _restore(photos / "p0.png", out / photos.name, tiny_model_file)
        assert main(command) == REFUSED
        assert f"is writing results into {out}; wait for it" in capsys.readouterr().err
        assert _files(out) == []
    finally:
        app.kill()
        app.wait()


def test_a_film_batch_holds_its_folder_and_those_below_against_the_app(
    tmp_path, tiny_model_file, monkeypatch
):
    """While the films of a folder are restored into out, the app may write results neither
    into out/films (its output folder) nor, its output folder above, into out."""
    films_given = tmp_path / "films"
    films_given.mkdir()
    make_clip(films_given / "film.mp4", frames=3, size=(32, 24), audio=None)
    out = tmp_path / "out"
    results = out / films_given.name
    refused: list[bool] = []
    real = films.restore_video

    def restoring(*args, **kwargs):
        refused.extend([_app_refused(results, results), _app_refused(tmp_path, out)])
        return real(*args, **kwargs)

    monkeypatch.setattr(films, "restore_video", restoring)
    command = ["restore-video", str(films_given), "-o", str(out), "--model", str(tiny_model_file)]
    assert main(command) == 0
    assert refused == [True, True]


def test_a_film_batch_into_the_folder_the_app_holds_is_refused(
    film, tmp_path, tiny_model_file, capsys
):
    out = tmp_path / "out"
    app = _held_by_the_app(out)
    try:
        command = ["restore-video", str(film), "-o", str(out), "--model", str(tiny_model_file)]
        assert main(command) == REFUSED
        assert f"(process {app.pid}) is writing results into {out}" in capsys.readouterr().err
        assert _files(out) == []
    finally:
        app.kill()
        app.wait()
    assert main(command) == 0  # a killed run blocks nothing
    assert _files(out) == [film.name]
