"""The engine's sentences keep their templates, every error is said with one, and the
catalogue of them is complete and translated."""

from __future__ import annotations

import ast
import json
import pickle
import string
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from engine.errors import ImageReadError, RekindleError, plain_reason, sentence_for
from engine.words import Sentence, all_of, any_of, as_record, from_record, in_words, say

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tools"))

import engine_catalog  # noqa: E402

SHOUT = {"{name}: the file is damaged": "{name}: DAMAGED", "the disk is full": "DISK FULL"}


def shout(template: str) -> str:
    return SHOUT.get(template, template)


def test_a_sentence_is_its_english_text_and_keeps_how_it_was_made():
    sentence = say("{name}: {count:d} frames, {seconds:.1f} s", name="a.mp4", count=3, seconds=2)
    assert sentence == "a.mp4: 3 frames, 2.0 s"
    assert sentence.template == "{name}: {count:d} frames, {seconds:.1f} s"
    assert sentence.fields == {"name": "a.mp4", "count": 3, "seconds": 2}
    again = pickle.loads(pickle.dumps(sentence))
    assert (again, again.template, again.fields) == (sentence, sentence.template, sentence.fields)


def test_in_words_translates_the_template_and_the_sentences_inside_it():
    reason = say("the disk is full")
    sentence = say("{name}: cannot be saved ({reason})", name="a.png", reason=reason)
    assert in_words(sentence, shout) == "a.png: cannot be saved (DISK FULL)"
    assert in_words(say("{name}: the file is damaged", name="b.tif"), shout) == "b.tif: DAMAGED"
    assert in_words("plain text", shout) == "plain text"
    numbers = say("{seconds:.1f} s", seconds=1.25)
    assert in_words(numbers, shout) == "1.2 s"


def test_an_error_keeps_its_sentence_through_pickling_and_sentence_for():
    error = ImageReadError(say("{name}: the file is damaged", name="c.jpg"))
    assert str(error) == "c.jpg: the file is damaged"
    again = pickle.loads(pickle.dumps(error))
    assert isinstance(again.sentence, Sentence)
    assert in_words(sentence_for(again), shout) == "c.jpg: DAMAGED"
    full = OSError(28, "No space left on device", "/out/a.png")
    assert in_words(plain_reason(full), shout) == "DISK FULL"


def _error_classes(trees: dict[Path, ast.AST]) -> set[str]:
    """RekindleError and the names of its subclasses defined in ``trees``."""
    names = {"RekindleError"}
    grown = True
    while grown:
        found = {
            node.name
            for tree in trees.values()
            for node in ast.walk(tree)
            if isinstance(node, ast.ClassDef)
            and any(getattr(b, "id", getattr(b, "attr", None)) in names for b in node.bases)
        }
        grown = not found <= names
        names |= found
    return names


def _unsaid(node: ast.expr) -> bool:
    """Whether ``node`` makes text other than by ``say``: a literal, an f-string, text
    joined or formatted."""
    if isinstance(node, ast.Constant | ast.JoinedStr):
        return isinstance(node, ast.JoinedStr) or isinstance(node.value, str)
    if isinstance(node, ast.BinOp):
        return _unsaid(node.left) or _unsaid(node.right)
    return isinstance(node, ast.Call) and getattr(node.func, "attr", None) in ("format", "join")


def test_every_error_of_the_engine_and_training_is_said():
    """A message written as plain text could never be shown in the person's language."""
    trees = {p: ast.parse(p.read_text()) for p in engine_catalog.source_files()}
    unsaid = _unsaid_calls(trees, _error_classes(trees))
    assert unsaid == [], "make these messages with engine.words.say"


def _unsaid_calls(trees: dict[Path, ast.AST], called: set[str]) -> list[str]:
    """Where in ``trees`` a call to one of ``called`` (by its name or as an attribute) is
    given text other than by ``say`` (``_unsaid``) first."""
    return [
        f"{path.relative_to(REPO)}:{node.lineno}"
        for path, tree in trees.items()
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (getattr(node.func, "id", None) or getattr(node.func, "attr", None)) in called
        and node.args
        and _unsaid(node.args[0])
    ]


REFUSING_SETTINGS = ("training/config.py",)
"""The modules whose ``ValueError`` refuses a person's settings: the training command line
says it ("error: ..."), keeping the sentence it was raised with."""


def test_every_setting_refused_is_said():
    """A refusal raised as plain text could never be shown in the person's language."""
    trees = {REPO / path: ast.parse((REPO / path).read_text()) for path in REFUSING_SETTINGS}
    unsaid = _unsaid_calls(trees, {"ValueError"})
    assert unsaid == [], "make these refusals with engine.words.say"


COMMAND_LINES = (
    "engine/cli/",
    "engine/console.py",
    "engine/library/command.py",
    "engine/stopping.py",
    "training/cli.py",
)
"""The modules whose lines the command lines print."""
PRINTING = ("print", "progress_bar", "cannot_go_on")
"""What prints a line: its first argument, the line or the task a progress line names."""


def test_every_line_the_command_lines_print_is_said():
    """A line printed as plain text could never be shown in the person's language."""
    trees = {
        path: ast.parse(path.read_text())
        for path in engine_catalog.source_files()
        if path.relative_to(REPO).as_posix().startswith(COMMAND_LINES)
    }
    unsaid = _unsaid_calls(trees, set(PRINTING))
    assert unsaid == [], "make these lines with engine.words.say"


def test_the_catalogue_has_every_sentence_of_the_engine():
    assert engine_catalog.main(["--check"]) == 0, (
        "run .venv/bin/python tools/engine_catalog.py and translate the new sentences"
    )


def _fields(template: str) -> list[tuple[str, str]]:
    return sorted((name, spec) for _, name, spec, _ in string.Formatter().parse(template) if name)


@pytest.mark.parametrize("language", engine_catalog.LANGUAGES)
def test_every_sentence_is_translated_with_its_fields(language: str):
    root = ET.parse(engine_catalog.catalogue_file(language)).getroot()
    for message in root.iter("message"):
        source, translation = message.findtext("source"), message.find("translation")
        assert translation.get("type") is None and translation.text, source
        assert _fields(translation.text) == _fields(source), source


def test_a_template_must_be_literal(tmp_path: Path):
    made = tmp_path / "made.py"
    made.write_text("say(f'{x}')\n")
    with pytest.raises(SystemExit, match="literal template"):
        engine_catalog.said_templates([made])


def test_a_rekindle_error_without_a_sentence_is_its_text():
    assert RekindleError("plain").sentence == "plain"


def test_lists_are_said_with_the_words_between_them():
    assert any_of([".mkv"]) == ".mkv"
    assert any_of([".mkv", ".mov", ".mp4"]) == ".mkv or .mov or .mp4"
    assert all_of(["a", "b"]) == "a and b"
    words = {"{others} and {last}": "{others} + {last}"}
    assert in_words(all_of(["a", "b", "c"]), lambda t: words.get(t, t)) == "a + b + c"


def test_a_sentence_kept_in_a_json_file_comes_back_a_sentence():
    reason = say("the disk is full")
    sentence = say("{name}: {count:d} saved ({reason})", name=Path("a.png"), count=2, reason=reason)
    again = from_record(json.loads(json.dumps(as_record(sentence))))
    assert (again, again.template) == (sentence, sentence.template)
    assert in_words(again, shout) == "a.png: 2 saved (DISK FULL)"
    assert from_record(as_record("plain")) == "plain"
    with pytest.raises(ValueError, match="not a sentence"):
        from_record({"template": "{name}"})
