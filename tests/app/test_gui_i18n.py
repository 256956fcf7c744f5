"""Languages: the Chinese catalogue loads, the window switches live, the files are complete."""

from __future__ import annotations

import ast
import errno
import shutil
import string
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import PySide6
import pytest
from gui_helpers import WAIT_MS
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QMessageBox, QWizard

from app.i18n import CHINESE, ENGLISH, engine_words, resolve_language, translations_dir
from app.item_status import ItemStatus
from engine.errors import plain_reason

APP_SOURCES = sorted((Path(__file__).resolve().parents[2] / "app").rglob("*.py"))
TS_FILE = translations_dir() / "rekindle_zh_CN.ts"
QM_FILE = translations_dir() / "rekindle_zh_CN.qm"
ENGINE_TS_FILE = translations_dir() / "engine_zh_CN.ts"
UPDATE_HINT = (
    "update the catalogue: pyside6-lupdate app/*.py app/wizard/*.py -locations none -no-obsolete "
    "-ts resources/translations/rekindle_zh_CN.ts, translate the new entries, then "
    "pyside6-lrelease resources/translations/rekindle_zh_CN.ts "
    "-qm resources/translations/rekindle_zh_CN.qm"
)


def qt_tool(name: str) -> str:
    """pyside6-<name> beside the interpreter, else the tool inside the PySide6 package."""
    beside = Path(sys.executable).parent / f"pyside6-{name}"
    if beside.exists():
        return str(beside)
    found = shutil.which(f"pyside6-{name}") or shutil.which(
        name, path=str(Path(PySide6.__file__).parent)
    )
    assert found is not None, f"PySide6's {name} tool is missing from this install"
    return found


def messages(ts_file: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts_file).getroot()
    return {
        (context.findtext("name"), message.findtext("source")): message.find("translation")
        for context in root.iter("context")
        for message in context.iter("message")
    }


def test_the_chinese_translation_loads(translation):
    assert translation.apply(CHINESE) == CHINESE
    assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
    assert QCoreApplication.translate("QueueModel", "Ready") == "就绪"
    translation.apply(ENGLISH)
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


def test_the_window_switches_language_live(make_window, translation, qtbot):
    window = make_window(translation=translation)
    panel = window.settings_panel
    assert window.file_menu.title() == "&File"
    panel.language_combo.setCurrentIndex(panel.language_combo.findData(CHINESE))
    qtbot.waitUntil(lambda: window.file_menu.title() == "文件(&F)", timeout=WAIT_MS)
    assert window.restore_all_action.text() == "全部修复(&A)"
    assert panel.device_label.text() == "计算设备"
    assert panel.tile_spin.specialValueText() == "自动"
    assert window.viewer.labels() == ("原图", "修复后")
    assert window.settings.language == CHINESE
    panel.language_combo.setCurrentIndex(panel.language_combo.findData(ENGLISH))
    qtbot.waitUntil(lambda: window.file_menu.title() == "&File", timeout=WAIT_MS)


def test_an_open_wizard_switches_its_buttons_language_live(make_window, translation, qtbot):
    window = make_window(translation=translation)
    wizard = window.open_training_wizard()
    panel = window.settings_panel
    panel.language_combo.setCurrentIndex(panel.language_combo.findData(CHINESE))
    qtbot.waitUntil(lambda: window.file_menu.title() == "文件(&F)", timeout=WAIT_MS)
    buttons = (
        QWizard.WizardButton.BackButton,
        QWizard.WizardButton.NextButton,
        QWizard.WizardButton.CancelButton,
    )
    assert [wizard.button(b).text() for b in buttons] == ["上一步(&B)", "下一步(&N)", "取消"]
    wizard.close()


def test_qts_own_words_follow_the_language_shown(translation, qtbot):
    """A message box's standard buttons and a text field's menu are Qt's words, from Qt's
    catalogue: switched with the app's, on boxes already open too."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "",
        "",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
    )
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    qtbot.addWidget(buttons)
    field = QLineEdit()
    qtbot.addWidget(field)

    def said() -> tuple[str, str, str, str]:
        menu = field.createStandardContextMenu()
        copy = next(action for action in menu.actions() if action.objectName() == "edit-copy")
        words = (
            box.button(QMessageBox.StandardButton.Cancel).text(),
            box.button(QMessageBox.StandardButton.Yes).text(),
            buttons.button(QDialogButtonBox.StandardButton.Cancel).text(),
            copy.text().split("\t")[0],  # without its shortcut
        )
        menu.deleteLater()
        return words

    translation.apply(CHINESE)
    qtbot.waitUntil(lambda: said() == ("取消", "是(&Y)", "取消", "复制(&C)"), timeout=WAIT_MS)
    translation.apply(ENGLISH)
    qtbot.waitUntil(lambda: said() == ("Cancel", "&Yes", "Cancel", "&Copy"), timeout=WAIT_MS)


def test_the_system_locale_chooses_the_language():
    assert resolve_language("", QLocale("zh_CN")) == CHINESE
    assert resolve_language("", QLocale("zh_SG")) == CHINESE
    assert resolve_language("", QLocale("en_GB")) == ENGLISH
    assert resolve_language("", QLocale("de_DE")) == ENGLISH
    assert resolve_language(ENGLISH, QLocale("zh_CN")) == ENGLISH
    assert resolve_language(CHINESE, QLocale("en_US")) == CHINESE


def test_every_string_in_the_app_is_in_the_catalogue(tmp_path: Path):
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [qt_tool("lupdate"), *map(str, APP_SOURCES), "-locations", "none", "-ts", str(fresh)],
        check=True,
        capture_output=True,
    )
    in_code, in_catalogue = set(messages(fresh)), set(messages(TS_FILE))
    assert in_code - in_catalogue == set(), UPDATE_HINT
    assert in_catalogue - in_code == set(), UPDATE_HINT


def _literal_texts(tree: ast.AST) -> set[tuple[str, str]]:
    """The (context, source) of each translation call with literal texts: translate and
    QT_TRANSLATE_NOOP name their context, ``self.tr`` has its class's."""
    found = set()

    def visit(node: ast.AST, context: str) -> None:
        if isinstance(node, ast.ClassDef):
            context = node.name
        if isinstance(node, ast.Call):
            texts = [a.value for a in node.args if isinstance(a, ast.Constant)]
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in ("translate", "QT_TRANSLATE_NOOP") and len(texts) >= 2:
                found.add((texts[0], texts[1]))
            elif name == "tr" and texts and isinstance(texts[0], str):
                found.add((context, texts[0]))
        for child in ast.iter_child_nodes(node):
            visit(child, context)

    visit(tree, "")
    return found


def test_no_translation_call_is_hidden_from_the_catalogue():
    """lupdate does not look inside f-strings: a call written there would never be
    translated; every literal text the code asks to translate is in the catalogue."""
    in_catalogue = set(messages(TS_FILE))
    asked = set().union(*(_literal_texts(ast.parse(p.read_text())) for p in APP_SOURCES))
    assert asked - in_catalogue == set(), UPDATE_HINT


def test_every_string_is_translated_with_its_placeholders():
    for (context, source), translation in messages(TS_FILE).items():
        assert translation.get("type") is None and translation.text, (context, source)
        fields = {name for _, name, _, _ in string.Formatter().parse(source) if name}
        translated = {name for _, name, _, _ in string.Formatter().parse(translation.text) if name}
        assert fields == translated, (context, source)
        assert ("%p%" in source) == ("%p%" in translation.text), (context, source)
        assert source.count("&") == translation.text.count("&"), (context, source)


@pytest.mark.parametrize("ts_file", [TS_FILE, ENGINE_TS_FILE], ids=lambda p: p.stem)
def test_the_compiled_catalogue_is_up_to_date(tmp_path: Path, ts_file: Path):
    compiled = tmp_path / "fresh.qm"
    subprocess.run(
        [qt_tool("lrelease"), str(ts_file), "-qm", str(compiled)],
        check=True,
        capture_output=True,
    )
    hint = UPDATE_HINT if ts_file == TS_FILE else "run .venv/bin/python tools/engine_catalog.py"
    assert compiled.read_bytes() == ts_file.with_suffix(".qm").read_bytes(), hint


def _engine_translation(template: str) -> str:
    return messages(ENGINE_TS_FILE)[("engine", template)].text


def test_the_engines_sentences_are_shown_in_the_language_chosen(translation):
    full = OSError(errno.ENOSPC, "No space left on device")
    assert engine_words(plain_reason(full)) == "the disk is full"
    translation.apply(CHINESE)
    assert engine_words(plain_reason(full)) == _engine_translation("the disk is full")
    assert engine_words("a text of no sentence") == "a text of no sentence"


def test_an_engine_error_reaches_the_queue_in_chinese(make_window, translation, qtbot, tmp_path):
    corrupt = tmp_path / "b.png"
    corrupt.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    translation.apply(CHINESE)
    window = make_window(translation=translation)
    (item,) = window.add_paths([corrupt])
    qtbot.waitUntil(lambda: item.status is ItemStatus.UNREADABLE, timeout=WAIT_MS)
    damaged = _engine_translation("{name}: the file is damaged or not an image")
    assert item.message == damaged.format(name="b.png")
    window.queue_view.select_id(item.id)
    assert damaged.startswith("{name}：")  # a full-width colon after the name
    assert damaged.removeprefix("{name}：") in window.viewer.placeholder()
    assert window.viewer.placeholder().count("b.png") == 1  # named once, as in English
