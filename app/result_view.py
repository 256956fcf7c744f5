"""About the photo or film on show: above the viewer, which two of its pictures are compared
(``ComparePicker``: the original and its latest result first); the viewer's labels for them;
and, over the top of the viewer's pictures (the viewer's overlay: the picture at Fit keeps its
size as it comes and goes), whether the result on show was made with other settings than the
current ones (``StaleNote``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal

from app.compare_picker import ComparePicker
from app.item_status import ItemStatus
from app.photo_queue import QueueItem, ResultFile
from app.recipe_title import model_names, recipe_title
from app.restore_runner import RestoreSettings
from app.spot_marks import stored_fingerprint
from app.stale_note import StaleNote
from app.viewer import ComparisonViewer
from engine.recipe import Recipe

translate = QCoreApplication.translate
"""Strings below are found by pyside6-lupdate under the context "MainWindow" (they were the
window's)."""


def latest_labels(recipe: Recipe | None = None, *, preview: bool = False) -> tuple[str, str]:
    """The viewer's labels for an original and, beside it, its latest result: named by its
    ``recipe`` where known, as the picker names it (``recipe_title``); or, with ``preview``,
    what it would become with the current settings (a film's frame previewed: a photo's
    preview is a part, labelled on its own)."""
    original = translate("MainWindow", "Original")
    if preview:
        return original, translate("MainWindow", "Preview")
    if recipe is not None:
        return original, recipe_title(recipe, model_names())
    return original, translate("MainWindow", "Restored")


def shown_labels(picker: ComparePicker, item: QueueItem | None) -> tuple[str, str]:
    """The viewer's labels for the pair on show: the picker's words for the pair it offers,
    so a pair chosen by hand is labelled as the same pair shown first; else those of the
    photo's latest result (``latest_labels``)."""
    if picker.right.count():
        return picker.labels()
    return latest_labels(item.recipe if item is not None else None)


class ResultView(QObject):
    """Keeps the picker, the note and the viewer's labels in step with the item on show."""

    request_pair = Signal(int, object, object)  # item id, left file, right file: read both

    def __init__(
        self,
        viewer: ComparisonViewer,
        settings: Callable[[], RestoreSettings | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.picker = ComparePicker()
        self.stale_note = StaleNote()
        viewer.set_overlay(self.stale_note)
        self._viewer = viewer
        self._settings = settings
        self._item: QueueItem | None = None
        self.picker.chosen.connect(self._on_chosen)

    def show(self, item: QueueItem | None) -> None:
        """``item`` is on show (None: nothing is): its original and latest result first."""
        self._item = item
        self.picker.show_for(item)
        self.retranslate()
        self.update_stale()

    def shows_latest(self) -> bool:
        """Whether the original and the latest result are compared (as the viewer keeps)."""
        return self.picker.is_default()

    def results_added(self, added: list[tuple[QueueItem, ResultFile]]) -> None:
        """Results were written: one more to choose from, where its photo is on show."""
        if any(item is self._item for item, _result in added):
            self.show(self._item)

    def update_stale(self) -> None:
        """Mark the result on show when the current settings, or a film's part marked, would
        make another one."""
        item = self._item
        settings = self._settings()
        if item is None or item.status is not ItemStatus.RESTORED or settings is None:
            self.stale_note.show_for(None, None)
        else:
            shown = self.picker.shown_recipe(item.recipe)
            marked = stored_fingerprint(item.source)
            current = settings.recipe(film=item.is_video, marked=marked)
            self.stale_note.show_for(shown, current, other_part=item.made_part != item.part)

    def retranslate(self) -> None:
        """The viewer's labels, in the current language (``shown_labels``)."""
        self._viewer.set_labels(*shown_labels(self.picker, self._item))

    def set_marking(self, marking: bool) -> None:
        """While spots are marked, the original is shown on the left whatever pair was
        chosen: the marks are drawn over the left picture, and are of the original's pixels.
        At Done the pair chosen is shown again."""
        item = self._item
        if item is None or self.picker.is_default():
            return
        left, right = self.picker.pair()
        if left is not None:
            self.request_pair.emit(item.id, item.source if marking else left.path, right.path)

    def _on_chosen(self) -> None:
        """Show the two pictures chosen, read from their files."""
        item = self._item
        if item is None:
            return
        left, right = self.picker.pair()
        self.retranslate()
        self.update_stale()
        self.request_pair.emit(item.id, left.path if left else item.source, right.path)
