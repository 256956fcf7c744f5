"""Loading a model by name or path, as the command line, the app and the trainer do: Rekindle's
own files through their architecture (``engine.library.own_format``), anything else through
spandrel (``engine.library.community``)."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from pathlib import Path

from engine import paths
from engine.command_lines import command_name
from engine.errors import ModelFileError
from engine.library.blend import DETAIL, REPAIR, blend_family, describe_axis, open_mix
from engine.library.descriptor import LoadedModel, Origin, model_key
from engine.library.files import (
    MODEL_SUFFIX,
    WEIGHT_SUFFIXES,
    listed_name,
    model_files,
    name_below,
)
from engine.library.own_format import is_rekindle_model, load_own_model, read_header
from engine.library.sidecar import current_details, user_origin
from engine.words import say

ALIASES_FILE = "aliases.json"
DEFAULT = "default"
USERS_NAMED = 12
"""At most this many of the user's models are named when a model name is unknown."""

log = logging.getLogger(__name__)

_told_damaged: set[Path] = set()
"""The damaged aliases files already said in this session (each is read at every listing)."""


def load_model(path: str | os.PathLike, origin: Origin = Origin.FILE) -> LoadedModel:
    """Load our own model file, or a community model (ESRGAN, SwinIR...) through spandrel."""
    file = Path(path)
    if file.suffix.lower() == MODEL_SUFFIX and is_rekindle_model(file):
        return load_own_model(file, origin)
    # Imported here: spandrel, which only community models need, registers dozens of
    # architectures, and a training machine has none of it.
    from engine.library.community import load_community_model

    return load_community_model(file, origin)


def builtin_model_names() -> list[str]:
    return sorted(p.stem for p in paths.builtin_models_dir().glob(f"*{MODEL_SUFFIX}"))


def _aliases() -> dict[str, str]:
    """The install's aliases (``{"default": "restore-x4"}``); a damaged file is said once
    and read as none, so that the models themselves stay usable."""
    path = paths.builtin_models_dir() / ALIASES_FILE
    if not path.is_file():
        return {}
    try:
        aliases = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        aliases = None
    if isinstance(aliases, dict) and all(isinstance(v, str) for v in aliases.values()):
        return aliases
    _tell_damaged(path)
    return {}


def _tell_damaged(path: Path) -> None:
    """Say once in a session that the aliases file ``path`` is damaged."""
    if path in _told_damaged:
        return
    _told_damaged.add(path)
    sentence = say(
        "{file} is damaged, so its model aliases (such as default) are ignored; "
        "reinstalling Rekindle should repair it",
        file=path,
    )
    log.warning(sentence)


def alias_target(name: str) -> str:
    """The built-in model an alias (such as ``default``) stands for; any other name as it is."""
    return _aliases().get(name, name)


def builtin_names() -> set[str]:
    """Every name that selects a built-in model: the built-in models', their aliases and
    ``default``. ``resolve_model_path`` looks these up before the user's models, so a user
    model given one could never be selected by its name."""
    return {*builtin_model_names(), *_aliases(), DEFAULT}


def given_name(path: Path, origin: Origin, users: list[Path]) -> str:
    """What ``--model`` takes for a listed model file: a built-in model's name, or a user
    model's ``listed_name`` among the user's model files ``users``."""
    if origin.is_users:
        return listed_name(path, paths.user_models_dir(), users)
    return path.stem


def _several(name: str, names: list[str]) -> ModelFileError:
    """The refusal of a ``name`` that the models ``names`` (told apart as written) share."""
    return ModelFileError(
        say(
            "several models are called '{name}': {files}; name the one you mean as "
            "written here, or give its path",
            name=name,
            files=", ".join(names),
        )
    )


def _called(name: str, files: list[Path], names: Callable[[Path], tuple[str, ...]]) -> list[Path]:
    """The ``files`` that go by ``name`` among their ``names``: those going by it as written
    where there are any, else those going by it case ignored (as some file systems ignore
    case, and people type names in any)."""
    named = [(file, names(file)) for file in files]
    exact = [file for file, its in named if name in its]
    wanted = name.casefold()
    return exact or [file for file, its in named if any(n.casefold() == wanted for n in its)]


def _named(folder: Path, name: str) -> Path | None:
    """The model file called ``name`` in ``folder`` or a folder below it (``_called``): by its
    name without suffix, or by its path below ``folder`` ("ESRGAN/4x.pth", as ``listed_name``
    gives it). A name several files share is refused, with the names that tell them apart."""
    found = _called(name, model_files(folder), lambda file: (file.stem, name_below(file, folder)))
    if len(found) > 1:
        raise _several(name, [name_below(file, folder) for file in found])
    return found[0] if found else None


def _display_name(file: Path) -> str:
    """The name the model list shows for a model file: its header's for one of ours, the one
    remembered when a community model was last read (``engine.library.store``), else ""."""
    if file.suffix.lower() == MODEL_SUFFIX:
        try:
            return read_header(file).get("display_name", "")
        except ModelFileError:
            pass
    details = current_details(file)
    return str(details.get("display_name", "")) if details is not None else ""


def _shown_as(name: str) -> tuple[Path, Origin] | None:
    """The model the model list shows as ``name`` (its ``_display_name``, matched as
    ``_called`` does), with where it came from. A display name several models share is
    refused, naming each as ``--model`` takes it."""
    builtin = model_files(paths.builtin_models_dir())
    users = model_files(paths.user_models_dir())
    found = _called(name, builtin + users, lambda file: (_display_name(file),))
    origins = [Origin.BUILT_IN if file in builtin else user_origin(file) for file in found]
    if len(found) > 1:
        named = zip(found, origins, strict=True)
        raise _several(name, [given_name(file, origin, users) for file, origin in named])
    return (found[0], origins[0]) if found else None


def _unknown(name: str) -> ModelFileError:
    """The refusal of a name no model answers to, naming the models there are: the user's
    too, up to ``USERS_NAMED`` of them (past that, where they are listed)."""
    known = builtin_model_names()
    users = model_files(paths.user_models_dir())
    if not users:
        if not known:
            return ModelFileError(
                say("no model called '{name}' (built-in models: none)", name=name)
            )
        return ModelFileError(
            say(
                "no model called '{name}' (built-in models: {known})",
                name=name,
                known=", ".join(known),
            )
        )
    builtin = ", ".join(known) or say("none")
    if len(users) > USERS_NAMED:
        return ModelFileError(
            say(
                "no model called '{name}' (built-in models: {known}; {count} of your own: "
                "{command} models list shows them)",
                name=name,
                known=builtin,
                count=len(users),
                command=command_name("engine"),
            )
        )
    return ModelFileError(
        say(
            "no model called '{name}' (built-in models: {known}; yours: {yours})",
            name=name,
            known=builtin,
            yours=", ".join(listed_name(file, paths.user_models_dir(), users) for file in users),
        )
    )


def _builtin(name: str) -> Path:
    """The built-in model file called ``name``."""
    path, _origin = resolve_model_path(name)
    return path


def resolve_model_path(name_or_path: str | os.PathLike) -> tuple[Path, Origin]:
    """Find a model by path, built-in name (or alias such as ``default``), user model name,
    or else the display name the model list shows; returns the file and where it came from."""
    candidate = Path(name_or_path)
    if candidate.suffix and candidate.is_file():
        return candidate, Origin.FILE
    name = alias_target(str(name_or_path))
    builtin = _named(paths.builtin_models_dir(), name)
    if builtin is not None:
        return builtin, Origin.BUILT_IN
    users = _named(paths.user_models_dir(), name)  # looked up second: a built-in name wins
    if users is not None:
        return users, user_origin(users)
    if candidate.suffix.lower() in WEIGHT_SUFFIXES and candidate.parent != Path():
        raise ModelFileError(
            say("{path}: the model file is not there (moved or deleted?)", path=candidate)
        )
    shown = _shown_as(str(name_or_path))
    if shown is not None:
        return shown
    raise _unknown(str(name_or_path))


def resolve_model_key(name_or_path: str | os.PathLike) -> str:
    """The key (``model_key``) of the model ``name_or_path`` names, however it was named (its
    display name, another case, an alias): one model, one key, so that it makes the same
    results and the same batch whichever of its names it was given by."""
    return model_key(*resolve_model_path(name_or_path))


def open_model(
    name_or_path: str | os.PathLike = DEFAULT,
    detail: float | None = None,
    repair: float | None = None,
) -> LoadedModel:
    """Load a model by name or path.

    With ``detail`` or ``repair``, the built-in models of the name's family are blended at
    those strengths (see ``engine.library.blend``); a strength not given stays the named
    model's own.
    """
    path, origin = resolve_model_path(name_or_path)
    if detail is None and repair is None:
        return load_model(path, origin)
    family = blend_family(path.stem) if origin is Origin.BUILT_IN else None
    if family is None:
        raise ModelFileError(describe_axis(REPAIR if detail is None else DETAIL))
    mix = family.mix(path.stem, repair=repair, detail=detail)
    return open_mix(family, mix, lambda name: load_model(_builtin(name), Origin.BUILT_IN))
