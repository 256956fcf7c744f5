"""A photo batch started into a folder while another process runs the same batch there (the
same settings) is refused before any work, naming that process, instead of restoring every
photo again as "name (2)"; a batch of other settings goes on, and so does one after the first
is killed or has ended."""

from pathlib import Path

from engine.cli import main
from tests.fault_helpers import held_in_another_process
from tests.test_batch_save_failures import photos  # noqa: F401 (a fixture)

REFUSED = 2


def _restore(inputs: Path, out: Path, model: Path, *more: str) -> list[str]:
    return ["restore", str(inputs), "-o", str(out), "--model", str(model), *more]


def _running_in_another_process(command: list[str], out: Path):
    """Another process holding the batch ``command`` runs into ``out``, as that run does."""
    take = (
        "from engine.cli.parser import command_parser\n"
        "from engine.cli.resuming import BATCH_SETTINGS, batch_settings\n"
        "from engine.unfinished import holding\n"
        f"args = command_parser().parse_args({command!r})\n"
        "held = holding(path, batch_settings(args, BATCH_SETTINGS))\nheld.__enter__()"
    )
    return held_in_another_process(take, out)


def _results(out: Path) -> list[str]:
    return sorted(path.name for path in out.iterdir() if not path.name.startswith("."))


def test_the_same_batch_into_the_same_folder_is_refused_naming_the_first(
    photos,  # noqa: F811
    tmp_path,
    tiny_model_file,
    capsys,
):
    out = tmp_path / "out"
    command = _restore(photos, out, tiny_model_file)
    first = _running_in_another_process(command, out)
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
    first = _running_in_another_process(_restore(photos, out, tiny_model_file), out)
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
