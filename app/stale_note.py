"""The note above the viewer when the result on show was made with other settings than the
current ones (its recipe differs from theirs: ``Recipe.differences``), or of another part of
its film than the one marked now (``app.film_part``), saying which, and that restoring again
makes a new result with the current settings rather than changing this one (a saved result
stays in its file; the new one is saved beside it). Hidden while spots are marked: the viewer
then shows the photo to mark, not the result."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent
from PySide6.QtWidgets import QLabel, QWidget

from app import theme
from app.i18n import engine_words
from engine.recipe import SPOTS_FOUND, Recipe
from engine.words import listed

CONTEXT = "StaleNote"
SIZE = QT_TRANSLATE_NOOP("StaleNote", "size")
CHOICES = {
    "model": QT_TRANSLATE_NOOP("StaleNote", "model"),
    "detail": QT_TRANSLATE_NOOP("StaleNote", "detail"),
    "repair": QT_TRANSLATE_NOOP("StaleNote", "repair"),
    "before": QT_TRANSLATE_NOOP("StaleNote", "clean-up before"),
    "after": QT_TRANSLATE_NOOP("StaleNote", "clean-up after"),
    "scale_out": SIZE,
    "long_side": SIZE,
    "print_mm": SIZE,
    "dpi": SIZE,
    "fix_fading": QT_TRANSLATE_NOOP("StaleNote", "faded colours"),
    "spots": QT_TRANSLATE_NOOP("StaleNote", "dust and specks"),
    "ensemble": QT_TRANSLATE_NOOP("StaleNote", "extra care"),
    "grain": QT_TRANSLATE_NOOP("StaleNote", "grain added"),
    "remove_dust": QT_TRANSLATE_NOOP("StaleNote", "dust and dirt"),
    "steady_flicker": QT_TRANSLATE_NOOP("StaleNote", "flicker"),
    "calm_grain": QT_TRANSLATE_NOOP("StaleNote", "grain"),
    "steady_picture": QT_TRANSLATE_NOOP("StaleNote", "weave and shake"),
    "smooth_repeats": QT_TRANSLATE_NOOP("StaleNote", "repeated frames"),
}
"""Each of the recipe's choices in the settings panel's words (the size's four as one)."""
MARKS = QT_TRANSLATE_NOOP("StaleNote", "marked spots")
"""The spots of either recipe are a fingerprint of marks made by hand (``Recipe.spots``),
not a setting: it is the marks that changed."""
SPOTS_SETTINGS = ("", SPOTS_FOUND)
"""What ``Recipe.spots`` is when no spots were marked by hand: no search, or Remove dust
and specks's."""
PART = QT_TRANSLATE_NOOP("StaleNote", "part of the film")
"""A film's result of another part than the one marked, with the recipe's choices."""
PADDING = 6


def changed_choices(shown: Recipe, current: Recipe) -> list[str]:
    """The settings (source texts of ``CHOICES``) that differ between the recipe of the
    result on show and the current settings' one, each once: a blend family's strength
    moved is that strength, though the result is named after another of the family's
    models (``Recipe.differences``)."""
    words = [_choice_words(name, shown, current) for name in shown.differences(current)]
    return list(dict.fromkeys(words))


def _choice_words(name: str, shown: Recipe, current: Recipe) -> str:
    """The words of the choice ``name`` (``CHOICES``); a change of the spots that involves
    marks made by hand is told as one of the marks."""
    hand_made = {shown.spots, current.spots} - set(SPOTS_SETTINGS)
    return MARKS if name == "spots" and hand_made else CHOICES[name]


class StaleNote(QLabel):
    """Shown only while the result on show is out of date with the settings, and no spots
    are being marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self._changed: list[str] = []
        self._marking = False
        self.hide()

    def show_for(
        self, shown: Recipe | None, current: Recipe | None, *, other_part: bool = False
    ) -> None:
        """Compare the result on show (``shown``: None when there is none) with what the
        current settings (``current``: None without a model) would make; ``other_part``: it
        is a film's, of another part of the film than the one marked now."""
        same = shown is None or current is None
        self._changed = [] if same else changed_choices(shown, current)
        if other_part and not same:
            self._changed.append(PART)
        self._style()  # in the colours of the theme now
        self._retranslate()
        self._show_if_told()

    def set_marking(self, marking: bool) -> None:
        """Spots are being marked (the note hides), or no longer (it shows if it has
        something to say)."""
        self._marking = marking
        self._show_if_told()

    def _show_if_told(self) -> None:
        self.setVisible(bool(self._changed) and not self._marking)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        elif theme.palette_changed(event):
            self._style()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        """The changed settings, listed as the language shown lists words (``listed``: "a, b"
        in English); the marks alone changed, said so."""
        if self._changed == [MARKS]:
            self.setText(
                self.tr(
                    "Made before the marks changed — Restore again to make a new result "
                    "with the marks as they are now"
                )
            )
            return
        words = [QCoreApplication.translate(CONTEXT, word) for word in self._changed]
        text = self.tr(
            "Made with other settings: {changes} — Restore again to make a new result with "
            "the current settings"
        )
        self.setText(text.format(changes=engine_words(listed(words))) if words else "")

    def _style(self) -> None:
        colour = theme.status_color("failure", self.palette()).name()
        theme.set_style_sheet(
            self,
            f"QLabel {{ color: {colour}; border: 1px solid {colour}; border-radius: 4px;"
            f" padding: {PADDING}px; }}",
        )
