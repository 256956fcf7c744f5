"""The user's models and the catalogue, without Qt: importing (a checked copy, never the
original), removing, details remembered in sidecars whose format earlier versions wrote, and
the list of models built from headers and sidecars without loading any weights."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
import torch
from spandrel.architectures.Compact.__arch.SRVGG import SRVGGNetCompact
from spandrel.architectures.ESRGAN.__arch.RRDB import RRDBNet

import engine.library.store as store
from engine.errors import ModelFileError
from engine.filestamp import FileStamp
from engine.library.catalog import (
    all_models,
    available_models,
    default_model_key,
    restoration_models,
)
from engine.library.descriptor import Origin
from engine.library.loading import resolve_model_path
from engine.library.own_format import save_model
from engine.library.sidecar import read_sidecar, sidecar_path
from engine.networks import UNetGenerator

pytestmark = pytest.mark.usefixtures("builtin_models")


@pytest.fixture
def user_models(private_data_dir: Path) -> Path:
    return private_data_dir / "models"


@pytest.fixture(autouse=True)
def fresh_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts a session of its own: nothing read yet."""
    monkeypatch.setattr(store, "_memory", {})


def write_esrgan(path: Path, seed: int = 0) -> Path:
    torch.manual_seed(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(RRDBNet(num_filters=8, num_blocks=1, scale=4).state_dict(), path)
    return path


def write_compact_1x(path: Path) -> Path:
    torch.manual_seed(0)
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save(SRVGGNetCompact(num_feat=8, num_conv=2, upscale=1).state_dict(), path)
    return path


def write_own(path: Path, name: str, scale: int = 4, **training: object) -> Path:
    network = UNetGenerator(scale=scale, width=4, up_width=4)
    return save_model(network, path, display_name=name, training=training)


def no_loading(*args, **kwargs):
    raise AssertionError("listing models must not load them")


def test_importing_copies_checks_and_describes_the_copy(tmp_path, user_models):
    source = write_esrgan(tmp_path / "downloads" / "4x-Sharp.pth")
    original = source.read_bytes()

    first = store.import_model(source)
    again = store.import_model(write_esrgan(tmp_path / "elsewhere" / "4x-Sharp.pth", seed=1))

    assert first.path == user_models / "4x-Sharp.pth" and source.read_bytes() == original
    assert (first.name, first.display_name, first.origin) == (
        "4x-Sharp",
        "4x-Sharp (ESRGAN 4x)",
        Origin.IMPORTED,
    )
    assert first.stamp == FileStamp.of(first.path)
    assert (again.path.name, again.display_name) == ("4x-Sharp (2).pth", "4x-Sharp (2) (ESRGAN 4x)")
    assert sorted(p.name for p in user_models.iterdir() if not p.name.startswith(".")) == [
        "4x-Sharp (2).pth",
        "4x-Sharp.pth",
    ]
    assert not any((user_models / store.STAGING_DIR).iterdir())


def test_the_sidecar_keeps_the_format_earlier_versions_wrote(tmp_path, user_models):
    imported = store.import_model(write_esrgan(tmp_path / "x4.pth"))
    record = json.loads(sidecar_path(imported.path).read_text(encoding="utf-8"))
    stamp = FileStamp.of(imported.path)
    assert record["format"] == "rekindle-model-details" and record["version"] == 1
    assert record["imported_from"] == str(tmp_path / "x4.pth")
    assert isinstance(record["imported_at"], int)
    assert record["details"] == {
        "size": stamp.size,
        "mtime_ns": stamp.mtime_ns,
        "display_name": "x4 (ESRGAN 4x)",
        "architecture": "ESRGAN",
        "architecture_name": "ESRGAN",
        "scale": 4,
        "purpose": "SR",
        "error": "",
    }


def test_a_sidecar_written_by_an_earlier_version_is_read(user_models, monkeypatch):
    model = write_esrgan(user_models / "old.pth")
    stamp = FileStamp.of(model)
    details = {
        "size": stamp.size,
        "mtime_ns": stamp.mtime_ns,
        "display_name": "old (ESRGAN 4x)",
        "architecture": "ESRGAN",
        "architecture_name": "",
        "scale": 4,
        "purpose": "SR",
        "error": "",
    }
    record = {"format": "rekindle-model-details", "version": 1, "details": details}
    sidecar_path(model).write_text(json.dumps(record, indent=1), encoding="utf-8")
    monkeypatch.setattr(store, "load_model", no_loading)
    [entry] = all_models()
    assert (entry.display_name, entry.scale, entry.architecture_name) == (
        "old (ESRGAN 4x)",
        4,
        "ESRGAN",  # no name for people recorded: the id stands in
    )
    assert entry.community and not entry.pending and entry.origin is Origin.IMPORTED


def test_details_of_a_file_changed_since_are_not_trusted(tmp_path, user_models):
    imported = store.import_model(write_esrgan(tmp_path / "x4.pth"))
    store._memory.clear()
    write_compact_1x(imported.path)  # replaced under the same name
    [entry] = all_models()
    assert entry.pending and entry.scale == 0 and entry.display_name == "x4"
    read = store.read_details(entry.path, entry.origin)
    assert (read.scale, read.architecture) == (1, "Compact")
    assert read_sidecar(imported.path)["imported_from"] == str(tmp_path / "x4.pth")  # kept


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("notes.txt", b"hello", "not a model file"),
        ("junk.ckpt", b"these are not weights" * 10, "not a readable model file"),
        ("half.safetensors", b"", "the file is empty"),
    ],
)
def test_a_file_that_does_not_load_is_refused_and_leaves_nothing(
    tmp_path, user_models, name, content, reason
):
    source = tmp_path / name
    source.write_bytes(content)
    with pytest.raises(ModelFileError, match=reason):
        store.import_model(source)
    assert not user_models.exists() or not [p for p in user_models.rglob("*") if p.is_file()]


def test_importing_refuses_what_is_missing_or_already_there(tmp_path, user_models):
    with pytest.raises(ModelFileError, match="no such model file"):
        store.import_model(tmp_path / "gone.pth")
    inside = write_esrgan(user_models / "here.pth")
    with pytest.raises(store.AlreadyImported, match="already in your models folder") as there:
        store.import_model(inside)
    assert there.value.model == inside
    elsewhere = tmp_path / "copy" / "mine.pth"
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(inside.read_bytes())  # the same file, from another folder
    with pytest.raises(store.AlreadyImported, match="already among your models, as here") as it:
        store.import_model(elsewhere)
    assert it.value.model == inside  # the model chosen in its place
    assert sorted(p.name for p in user_models.iterdir() if p.is_file()) == ["here.pth"]


def test_removing_takes_the_model_and_its_sidecar_and_nothing_else(
    tmp_path, user_models, builtin_models
):
    imported = store.import_model(write_esrgan(tmp_path / "x4.pth"))
    shipped = write_own(builtin_models / "shipped.safetensors", "Shipped")
    with pytest.raises(ModelFileError, match="not one of your models"):
        store.remove_model(shipped)
    store.remove_model(imported.path)
    assert not imported.path.exists() and not sidecar_path(imported.path).exists()
    assert [e.path for e in all_models()] == [shipped]


def test_built_in_models_are_listed_restore_family_first(builtin_models, user_models):
    for name in ("cleanup-x1", "faithful-x4", "zz-extra", "restore-detail-x4", "restore-x4"):
        write_own(builtin_models / f"{name}.safetensors", name)
    write_own(user_models / "a-mine.safetensors", "Mine")
    assert [e.path.stem for e in all_models()] == [
        "restore-x4",
        "restore-detail-x4",
        "faithful-x4",
        "cleanup-x1",
        "zz-extra",
        "a-mine",
    ]


def test_the_catalogue_lists_without_loading(tmp_path, user_models, builtin_models, monkeypatch):
    faithful = write_own(builtin_models / "faithful-x4.safetensors", "Faithful ×4")
    write_own(builtin_models / "detail-x4.safetensors", "Detail ×4")
    (builtin_models / "aliases.json").write_text(json.dumps({"default": "faithful-x4"}))
    trained = write_own(user_models / "mine.safetensors", "Mine", scale=2, steps_done=9)
    shared = store.import_model(write_own(tmp_path / "shared.safetensors", "Shared", steps=1))
    cleaner = store.import_model(write_compact_1x(tmp_path / "clean.pth"))
    pending = write_esrgan(user_models / "by-hand.pth")
    broken = user_models / "broken.pt"
    broken.write_bytes(b"half a download")
    store._memory.clear()
    with monkeypatch.context() as listing:
        listing.setattr(store, "load_model", no_loading)
        entries = all_models()

    rows = [(e.key, e.display_name, e.scale, e.architecture_name, e.origin) for e in entries]
    assert rows == [
        ("faithful-x4", "Faithful ×4", 4, "Rekindle U-Net", Origin.BUILT_IN),
        ("detail-x4", "Detail ×4", 4, "Rekindle U-Net", Origin.BUILT_IN),
        (str(broken), "broken", 0, "", Origin.IMPORTED),
        (str(pending), "by-hand", 0, "", Origin.IMPORTED),
        (
            str(cleaner.path),
            "clean (RealESRGAN Compact 1x)",
            1,
            "RealESRGAN Compact",
            Origin.IMPORTED,
        ),
        (str(trained), "Mine", 2, "Rekindle U-Net", Origin.TRAINED),
        (str(shared.path), "Shared", 4, "Rekindle U-Net", Origin.IMPORTED),
    ]
    assert [e.pending for e in entries] == [False, False, True, True, False, False, False]
    assert [e.community for e in entries] == [False, False, True, True, True, False, False]
    assert entries[5].training == {"steps_done": 9}
    assert entries[1].size == (builtin_models / "detail-x4.safetensors").stat().st_size
    assert restoration_models(entries) == [entries[4]]
    assert default_model_key(entries) == "faithful-x4" == entries[0].key
    assert entries[0].path == faithful

    read = store.read_details(broken, Origin.IMPORTED)
    assert read.error.startswith("broken.pt: not a readable model file")
    assert broken not in [e.path for e in available_models()]
    assert next(e for e in all_models() if e.path == broken).error == read.error
    store._memory.clear()  # the next session reads the sidecar: the sentence is still one
    again = next(e for e in all_models() if e.path == broken).error
    assert (again, again.template) == (
        read.error,
        "{name}: not a readable model file: neither safetensors nor PyTorch weights",
    )


def test_a_failure_is_remembered_for_the_session_only(user_models):
    model = write_esrgan(user_models / "big.pth")
    store.remember_failure(model, Origin.IMPORTED, "big.pth: not enough memory to load it")
    [entry] = all_models()
    assert entry.error == "big.pth: not enough memory to load it" and not entry.usable
    assert not sidecar_path(model).exists()
    store._memory.clear()  # the next session tries again
    assert all_models()[0].pending


def test_a_folder_that_cannot_be_written_keeps_the_details_for_the_session(
    user_models, monkeypatch
):
    """A shared or read-only install: the atomic writer turns the refused write into a
    WriteError, which must not stop the reading; the details are remembered in memory."""
    model = write_esrgan(user_models / "by-hand.pth")
    real_open = os.open

    def read_only(path, flags, *args):
        if flags & os.O_CREAT:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", read_only)
    read = store.read_details(model, Origin.IMPORTED)
    assert (read.scale, read.architecture, read.error) == (4, "ESRGAN", "")
    assert not sidecar_path(model).exists()
    monkeypatch.setattr(store, "load_model", no_loading)
    [entry] = all_models()
    assert not entry.pending and entry.display_name == "by-hand (ESRGAN 4x)"


def test_a_model_is_never_imported_under_a_name_a_built_in_model_answers_to(
    tmp_path, user_models, builtin_models
):
    """``--model restore-x4`` (or ``default``) finds the built-in model first, so an import
    of that name gets the next free numbered name instead, one the user can select."""
    write_own(builtin_models / "restore-x4.safetensors", "Restore ×4")
    (builtin_models / "aliases.json").write_text(json.dumps({"best": "restore-x4"}))
    names = [
        store.import_model(write_esrgan(tmp_path / folder / file, seed)).name
        for seed, (folder, file) in enumerate(
            [
                ("a", "restore-x4.pth"),
                ("b", "restore-x4.pth"),
                ("c", "Best.pth"),
                ("d", "default.pth"),
                ("e", "restore-x4 (2).pth"),
            ]
        )
    ]
    assert names == [
        "restore-x4 (2)",
        "restore-x4 (3)",
        "Best (2)",
        "default (2)",
        "restore-x4 (2) (2)",
    ]
    assert resolve_model_path("restore-x4 (2)") == (
        user_models / "restore-x4 (2).pth",
        Origin.IMPORTED,
    )
    assert resolve_model_path("restore-x4")[1] is Origin.BUILT_IN


def test_models_of_one_name_in_two_formats_get_names_apart(tmp_path, user_models):
    """``--model tiny`` picks by the name without its suffix: a .pth and a .safetensors of
    one name would read alike in every list and the second could never be chosen."""
    first = store.import_model(write_esrgan(tmp_path / "tiny.pth"))
    second = store.import_model(write_own(tmp_path / "Tiny.safetensors", "Tiny"))
    assert (first.name, second.name) == ("tiny", "Tiny (2)")
    assert resolve_model_path("Tiny (2)") == (user_models / "Tiny (2).safetensors", Origin.IMPORTED)
