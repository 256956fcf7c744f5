"""A damaged ``aliases.json`` in the install (cut short, or not a name-to-name table) is said
once, in a sentence naming it, and read as no aliases: the models themselves stay usable."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from engine.library.loading import ALIASES_FILE, DEFAULT, alias_target, builtin_names


@pytest.fixture
def builtin_models(builtin_models: Path) -> Path:
    (builtin_models / "restore-x4.safetensors").write_bytes(b"")  # listed by name only
    return builtin_models


@pytest.mark.parametrize("text", ['{"default": ', '["restore-x4"]', '{"default": 4}', "\udcff"])
def test_a_damaged_aliases_file_is_said_once_and_read_as_none(
    builtin_models: Path, caplog: pytest.LogCaptureFixture, text: str
):
    aliases = builtin_models / ALIASES_FILE
    aliases.write_bytes(text.encode("utf-8", "surrogateescape"))
    with caplog.at_level(logging.WARNING):
        assert alias_target(DEFAULT) == DEFAULT
        assert builtin_names() == {"restore-x4", DEFAULT}
    told = [record.getMessage() for record in caplog.records]
    assert len(told) == 1, told
    assert str(aliases) in told[0] and "damaged" in told[0]


def test_a_whole_aliases_file_is_read(builtin_models: Path):
    (builtin_models / ALIASES_FILE).write_text('{"default": "restore-x4"}')
    assert alias_target(DEFAULT) == "restore-x4"
