"""Languages: English (the source strings) and Simplified Chinese, switchable while running.

Installing a translator sends every widget a LanguageChange event; widgets re-set their texts
in ``changeEvent``, so a switch takes effect at once. Qt's own words (a message box's
standard buttons, a text field's menu, Qt's file and colour dialogs) come from Qt's catalogue
(``qtbase``), switched with the app's.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from engine.paths import resources_dir
from engine.words import in_words
from engine.words import plural as plural  # the app's windows take it from here

SYSTEM = ""
ENGLISH = "en"
CHINESE = "zh_CN"
LANGUAGE_NAMES = {ENGLISH: "English", CHINESE: "简体中文"}
"""Each language named in itself, so a person can find theirs whatever the current one."""
TRANSLATED = tuple(language for language in LANGUAGE_NAMES if language != ENGLISH)
"""The languages shown through catalogues (English is the source): the bundle carries Qt's
own catalogues in these alone (build.spec)."""
CATALOG = "rekindle"
ENGINE_CATALOG = "engine"
"""The engine's sentences (``engine.words.say``), made by tools/engine_catalog.py; their
context is this name too."""


def translations_dir() -> Path:
    return resources_dir() / "translations"


def resolve_language(choice: str, system: QLocale | None = None) -> str:
    """The language to show for a setting ("" follows the system's locale)."""
    if choice in LANGUAGE_NAMES:
        return choice
    locale = system or QLocale.system()
    if locale.language() == QLocale.Language.Chinese and locale.script() in (
        QLocale.Script.SimplifiedHanScript,
        QLocale.Script.AnyScript,
    ):
        return CHINESE
    return ENGLISH


class Translation:
    """The translators installed in the application; ``apply`` swaps them for another language."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._translators: list[QTranslator] = []
        self.language = ENGLISH

    def apply(self, choice: str) -> str:
        """Show ``choice`` ("", "en" or "zh_CN"); returns the language now shown."""
        language = resolve_language(choice)
        for translator in self._translators:
            self._app.removeTranslator(translator)
        self._translators = []
        if language in TRANSLATED:
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            self._install(f"{CATALOG}_{language}", str(translations_dir()))
            self._install(f"{ENGINE_CATALOG}_{language}", str(translations_dir()))
            self._install(f"qtbase_{language}", qt_dir)
        QLocale.setDefault(QLocale(language))
        self.language = language
        return language

    def _install(self, name: str, folder: str) -> None:
        translator = QTranslator(self._app)
        if translator.load(name, folder):
            self._app.installTranslator(translator)
            self._translators.append(translator)


def engine_words(text: object) -> str:
    """A sentence of the engine's (an error's ``sentence``, say) in the language shown; any
    other text as it is."""
    return in_words(text, lambda template: QCoreApplication.translate(ENGINE_CATALOG, template))


class Lasting(str):
    """Text in the language shown when it was made, that ``say`` makes again in the
    language shown now: a reason kept with a queue row outlasts a switch of language."""

    say: Callable[[], str]

    def __new__(cls, say: Callable[[], str]) -> Lasting:
        text = super().__new__(cls, say())
        text.say = say
        return text


def in_language_shown(text: str) -> str:
    """``text`` in the language shown now where it is ``Lasting``; any other text as it is."""
    return text.say() if isinstance(text, Lasting) else text
