"""Sentences the engine says to a person, in English, each keeping its template and fields so
that the app can say it again in the person's language.

The engine has no Qt and no catalogue: ``say`` marks a template for translation (the
catalogue of every template is made by ``tools/engine_catalog.py``), and ``in_words`` is
given the app's translation of one template.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any


class Sentence(str):
    """An English sentence made from ``template`` and ``fields``; it is that text as a str."""

    template: str
    fields: Mapping[str, object]

    def __new__(cls, template: str, fields: Mapping[str, object]) -> Sentence:
        sentence = super().__new__(cls, template.format(**fields))
        sentence.template = template
        sentence.fields = dict(fields)
        return sentence

    def __reduce__(self) -> tuple[type[Sentence], tuple[str, Mapping[str, object]]]:
        return Sentence, (self.template, self.fields)


def say(template: str, /, **fields: object) -> Sentence:
    """``template`` filled with ``fields``; the template must be a literal string, so that
    the catalogue finds it, and its fields are named (``{name}``), so a translation may put
    them in another order."""
    return Sentence(template, fields)


def any_of(items: Sequence[str]) -> str:
    """``items`` (at least one) in words: "a or b or c"."""
    *others, last = items
    return say("{others} or {last}", others=any_of(others), last=last) if others else last


def all_of(items: Sequence[str]) -> str:
    """``items`` (at least one) in words: "a and b and c"."""
    *others, last = items
    return say("{others} and {last}", others=all_of(others), last=last) if others else last


def listed(items: Sequence[str]) -> str:
    """``items`` (at least one) one after another, as a comma lists them: "a, b, c"."""
    *others, last = items
    return say("{first}, {then}", first=listed(others), then=last) if others else last


def plural(count: int, one: str, many: str) -> str:
    """The words for ``count`` things: ``one`` for one, else ``many``, each its own sentence
    (``say``), so that a catalogue words both. Qt's %n plurals take their forms from a
    catalogue, and English, the source language, has none: without one they would say
    "1 items"."""
    return one if count == 1 else many


def in_words(text: object, translate: Callable[[str], str]) -> str:
    """``text`` as ``translate`` words its template (and each field made by ``say``); any
    other text is returned as it is."""
    if not isinstance(text, Sentence):
        return str(text)
    fields = {
        name: in_words(value, translate) if isinstance(value, Sentence) else value
        for name, value in text.fields.items()
    }
    return translate(text.template).format(**fields)


def as_record(text: object) -> Any:
    """``text`` for a JSON file: a ``Sentence`` as its template and fields (numbers as they
    are, sentences as records, anything else as its text), so that ``from_record`` gives back
    a sentence the app can still translate; any other text as it is."""
    if not isinstance(text, Sentence):
        return str(text)
    fields = {
        name: value if isinstance(value, int | float) else as_record(value)
        for name, value in text.fields.items()
    }
    return {"template": text.template, "fields": fields}


def from_record(record: Any) -> str:
    """What ``as_record`` wrote, again; a ``ValueError`` if it is not such a record."""
    if isinstance(record, str):
        return record
    try:
        fields = {
            name: value if isinstance(value, int | float) else from_record(value)
            for name, value in record["fields"].items()
        }
        return Sentence(str(record["template"]), fields)
    except (KeyError, TypeError, AttributeError, IndexError) as error:
        raise ValueError(f"not a sentence's record: {record!r}") from error


def without_name(sentence: str, name: str) -> str:
    """``sentence`` without the file's ``name`` it starts with ("a.jpg: ...", or "a.jpg：..."
    in Chinese), for a line that names the file already."""
    for colon in (": ", "："):
        if sentence.startswith(name + colon):
            return sentence[len(name + colon) :]
    return sentence
