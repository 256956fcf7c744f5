"""The catalogue of the engine's sentences (``engine.words.say`` in engine/ and training/),
for the app to show them in the person's language.

lupdate reads only the app's Qt calls, so this does its job for the engine: it finds every
``say("template", ...)``, writes the templates into ``resources/translations/engine_<lang>.ts``
(context ``engine``; translations already made are kept, templates no longer said are
dropped, new ones are marked unfinished) and compiles the ``.qm`` beside it with lrelease::

    .venv/bin/python tools/engine_catalog.py            # update, then translate the new ones
    .venv/bin/python tools/engine_catalog.py --check    # exit 1 if the catalogue is stale
"""

from __future__ import annotations

import argparse
import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("engine", "training")
CONTEXT = "engine"
LANGUAGES = ("zh_CN",)


def catalogue_file(language: str) -> Path:
    return ROOT / "resources" / "translations" / f"engine_{language}.ts"


def said_templates(files: Iterable[Path]) -> list[str]:
    """Every template given to ``say`` in ``files``, once each, sorted; a call
    whose template is not a literal string cannot be catalogued and is an error."""
    found: set[str] = set()
    for file in files:
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"), str(file))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "say"):
                continue
            template = node.args[0] if node.args else None
            if not (isinstance(template, ast.Constant) and isinstance(template.value, str)):
                raise SystemExit(f"{file}:{node.lineno}: say() needs a literal template")
            found.add(template.value)
    return sorted(found)


def source_files() -> list[Path]:
    return sorted(p for folder in SOURCES for p in (ROOT / folder).rglob("*.py"))


def read_translations(ts_file: Path) -> dict[str, str | None]:
    """Each source of ``ts_file``'s engine context and its finished translation (None when
    unfinished)."""
    if not ts_file.exists():
        return {}
    translations = {}
    for message in ET.parse(ts_file).getroot().iter("message"):
        translation = message.find("translation")
        done = translation is not None and translation.get("type") is None and translation.text
        translations[message.findtext("source")] = translation.text if done else None
    return translations


def catalogue_xml(language: str, templates: list[str], known: dict[str, str | None]) -> bytes:
    root = ET.Element("TS", version="2.1", language=language)
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = CONTEXT
    for template in templates:
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = template
        translation = ET.SubElement(message, "translation")
        if known.get(template):
            translation.text = known[template]
        else:
            translation.set("type", "unfinished")
    ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n'.encode()


def lrelease() -> str:
    beside = Path(sys.executable).parent / "pyside6-lrelease"
    found = str(beside) if beside.exists() else shutil.which("pyside6-lrelease")
    if found is None:
        raise SystemExit("pyside6-lrelease is missing; install PySide6")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only say whether it is stale")
    args = parser.parse_args(argv)
    templates = said_templates(source_files())
    stale = []
    for language in LANGUAGES:
        ts_file = catalogue_file(language)
        wanted = catalogue_xml(language, templates, read_translations(ts_file))
        if ts_file.exists() and ts_file.read_bytes() == wanted:
            continue
        stale.append(ts_file)
        if not args.check:
            ts_file.write_bytes(wanted)
            qm_file = ts_file.with_suffix(".qm")
            subprocess.run([lrelease(), str(ts_file), "-qm", str(qm_file)], check=True)
    for ts_file in stale:
        print(f"{ts_file.relative_to(ROOT)}: {'stale' if args.check else 'updated'}")
    return 1 if stale and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
