"""The library on the command line: ``python -m engine models [list | import FILE... | remove
NAME]``, and the description ``python -m engine info`` prints."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from engine import paths
from engine.command_lines import command_name
from engine.errors import ModelFileError, RekindleError, plain_reason, sentence_for
from engine.library.catalog import all_models
from engine.library.descriptor import LoadedModel, Origin
from engine.library.entry import CatalogEntry
from engine.library.files import model_files
from engine.library.loading import given_name, resolve_model_path
from engine.library.store import AlreadyImported, import_model, read_details, remove_model
from engine.words import say

MEGABYTE = 1 << 20
MISSING = "-"


def description(model: LoadedModel) -> dict[str, Any]:
    """A loaded model's descriptor, and its network's size, as plain JSON values."""
    descriptor = model.descriptor
    return {
        "name": descriptor.name,
        "display_name": descriptor.display_name,
        "architecture": descriptor.architecture,
        "architecture_name": descriptor.architecture_name,
        "scale": descriptor.scale,
        "purpose": descriptor.purpose,
        "hparams": descriptor.hparams,
        "parameters": sum(p.numel() for p in model.network.parameters()),
        "tile_context": descriptor.tile_context,
        "size_multiple": descriptor.size_multiple,
        "tiling": descriptor.tiling.value,
        "supports_half": descriptor.supports_half,
        "working_set": descriptor.working_set,
        "origin": descriptor.origin.value,
        "path": str(descriptor.path),
        "training": descriptor.training,
    }


def add_models_command(commands: argparse._SubParsersAction) -> None:
    """Add ``models`` to the engine's commands."""
    models = commands.add_parser(
        "models", help="list the models (the default), import model files, remove your own"
    )
    actions = models.add_subparsers(dest="action")
    actions.add_parser("list", help="every model: built-in ones, then yours")
    add = actions.add_parser(
        "import", help="check model files and copy them into your models folder"
    )
    add.add_argument("files", nargs="+", type=Path, help=".safetensors, .pth, .pt or .ckpt")
    remove = actions.add_parser("remove", help="delete one of your models")
    remove.add_argument("name", help="the model's name, as --model takes it, or its file")


def run_models(args: argparse.Namespace) -> int:
    if args.action == "import":
        return _import(args.files)
    if args.action == "remove":
        return _remove(args.name)
    return _list()


def _headings() -> list[str]:
    """The list's columns."""
    return [
        say("NAME"),
        say("MODEL"),
        say("ARCHITECTURE"),
        say("SCALE"),
        say("SIZE"),
        say("ORIGIN"),
    ]


def _origin_words(origin: Origin) -> str:
    """Where a model in the list came from, in words."""
    return {
        Origin.BUILT_IN: say("built-in"),
        Origin.IMPORTED: say("imported"),
        Origin.TRAINED: say("trained"),
        Origin.FILE: say("file"),
    }[origin]


def _row(entry: CatalogEntry, users: list[Path]) -> list[str]:
    """An entry's cells; a file that cannot be used says so in its origin's column, and why
    below the list (``_list``), so that a long reason does not widen every row."""
    scale = say("{scale}x", scale=entry.scale) if entry.scale else MISSING
    size = say("{size:.1f} MB", size=entry.size / MEGABYTE)
    name = given_name(entry.path, entry.origin, users)
    if entry.error:
        return [name, MISSING, MISSING, MISSING, size, say("cannot be used")]
    architecture = entry.architecture_name or MISSING
    origin = _origin_words(entry.origin)
    return [name, entry.display_name, architecture, scale, size, origin]


def _list() -> int:
    """Every model file; community models not read yet are read first (and remembered), so
    the list says what each is, as the app's does. Why each file that cannot be used cannot
    follows the list, one file a line."""
    entries = [read_details(e.path, e.origin) if e.pending else e for e in all_models()]
    users = [entry.path for entry in entries if entry.origin.is_users]
    rows = [_headings(), *(_row(entry, users) for entry in entries)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    for row in rows:
        print(_in_columns(row, widths))
    reasons = [entry.error for entry in entries if entry.error]
    if reasons:
        print()
    for reason in reasons:
        print(reason)
    return 0


def _in_columns(cells: list[str], widths: list[int]) -> str:
    """A row of the list: its ``cells``, each a sentence or a name, laid out in columns of
    ``widths``, two spaces apart."""
    return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()


def _import(files: list[Path]) -> int:
    """Import each file; one refused is told, and the others still imported. One among the
    user's models already is told as done, so that a script run again goes on."""
    refused = 0
    for file in files:
        try:
            descriptor = import_model(file)
        except AlreadyImported as already:
            print(already.sentence)
            continue
        except (RekindleError, OSError, MemoryError) as error:
            refused += 1
            print(say("not imported: {reason}", reason=_refusal(file, error)), file=sys.stderr)
            continue
        print(
            say(
                "imported {file} as {name}: {model}",
                file=file.name,
                name=descriptor.name,
                model=descriptor.display_name,
            )
        )
    return 1 if refused else 0


def _refusal(file: Path, error: BaseException) -> str:
    """Why ``file`` was not imported, in one sentence; an OS error is one copying it (the
    models folder on a read-only disk, say), named by the file rather than the folder."""

    def not_copied(error: OSError) -> str:
        return say(
            "{name}: cannot be copied into your models folder ({reason})",
            name=file.name,
            reason=plain_reason(error),
        )

    return sentence_for(error, os_error=not_copied)


def _yours(name: str) -> Path:
    """The file of the user's own model that ``name`` names as ``--model`` takes it
    (``resolve_model_path``: its name, its path below the models folder, its display name, or
    its file). A built-in model is refused, as is a file that is none of the user's models."""
    path, origin = resolve_model_path(name)
    if origin is Origin.BUILT_IN:
        raise ModelFileError(say("{name}: a built-in model, which cannot be removed", name=name))
    if origin is Origin.FILE and path.resolve() not in _users_files():
        raise ModelFileError(
            say(
                "no model called '{name}' ({command} models lists them)",
                name=name,
                command=command_name("engine"),
            )
        )
    return path


def _users_files() -> set[Path]:
    """The user's model files, resolved."""
    return {file.resolve() for file in model_files(paths.user_models_dir())}


def _remove(name: str) -> int:
    """Delete the user's model called ``name`` (``_yours``)."""
    path = _yours(name)
    remove_model(path)
    print(say("removed {file}", file=path.name))
    return 0
