"""Above the viewer, for a photo restored more than once: which two of its pictures are
compared, the original or any result on the left and any result on the right, each result
named by its recipe in the person's words (``recipe_title``). Shown first: the original and
the latest result. A result is not offered on one side while it is chosen on the other (it
would be compared with itself), and the picker hides while spots are marked (the viewer
then shows the photo to mark, not a pair)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from app.eliding_combo import narrow_combo
from app.item_status import ItemStatus
from app.photo_queue import QueueItem, ResultFile
from app.recipe_title import model_names, recipe_title
from engine.recipe import Recipe

PICKED_LENGTH = 6
"""Characters each choice makes room for at least: the picker, beside the viewer, must not
widen the window; a wider window shows more of the names."""


class ComparePicker(QWidget):
    """Two choices: the left picture and the right one. ``names`` gives the models' names as
    the model list shows them (``model_names``), asked each time a photo's results are
    offered."""

    chosen = Signal()  # the person chose another pair

    def __init__(
        self,
        parent: QWidget | None = None,
        names: Callable[[], Mapping[str, str]] = model_names,
    ) -> None:
        super().__init__(parent)
        self._read_names = names
        self._names: Mapping[str, str] = {}
        self.left = narrow_combo(PICKED_LENGTH)
        self.right = narrow_combo(PICKED_LENGTH)
        self._compare = QLabel()
        self._with = QLabel()
        self._compare.setBuddy(self.left)
        self._with.setBuddy(self.right)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._compare)
        layout.addWidget(self.left, 1)
        layout.addWidget(self._with)
        layout.addWidget(self.right, 1)
        self._results: list[ResultFile] = []
        self._marking = False
        for combo in (self.left, self.right):
            combo.currentIndexChanged.connect(lambda _index: self._offer_others())
            combo.activated.connect(lambda _index: self.chosen.emit())
        self._retranslate()
        self.hide()

    def show_for(self, item: QueueItem | None) -> None:
        """Offer the pictures of ``item`` (a restored photo with two results or more, the
        one on hand saved, so the latest of them; else nothing), the original and the latest
        result chosen."""
        saved = (
            item is not None
            and item.status is ItemStatus.RESTORED
            and not item.is_video
            and item.saved_to is not None
        )
        self._results = list(item.history) if saved else []
        self._names = self._read_names() if self._results else {}
        for combo, texts in self._texts():
            combo.blockSignals(True)
            combo.clear()
            combo.addItems(texts)
            combo.blockSignals(False)
        self.left.setCurrentIndex(0)
        self.right.setCurrentIndex(len(self._results) - 1)
        self._offer_others()
        self._show_if_offered()

    def set_marking(self, marking: bool) -> None:
        """Spots are being marked (the picker hides), or no longer (it shows again, the pair
        chosen as it was, where it offers one)."""
        self._marking = marking
        self._show_if_offered()

    def _show_if_offered(self) -> None:
        self.setVisible(self._offers_pairs() and not self._marking)

    def _offers_pairs(self) -> bool:
        """Whether there is a choice: two results or more (one is beside the original)."""
        return len(self._results) >= 2

    def _offer_others(self) -> None:
        """Offer on each side every picture but the result chosen on the other: the left's
        items are the original and then the results, the right's the results."""
        left, right = self.left.currentIndex(), self.right.currentIndex()
        for result in range(len(self._results)):
            _offer(self.left, result + 1, result != right)
            _offer(self.right, result, result + 1 != left)

    def is_default(self) -> bool:
        """Whether the original and the latest result are chosen (as the viewer first shows)."""
        return not self._offers_pairs() or (
            self.left.currentIndex() == 0 and self.right.currentIndex() == len(self._results) - 1
        )

    def pair(self) -> tuple[ResultFile | None, ResultFile]:
        """The pictures chosen: the left (None: the original) and the right."""
        left = self.left.currentIndex()
        return (self._results[left - 1] if left else None), self._results[self.right.currentIndex()]

    def labels(self) -> tuple[str, str]:
        """The viewer's labels for the pair chosen, in the language shown (whether or not
        the choices heard of a change of language yet)."""
        (left, left_texts), (right, right_texts) = self._texts()
        return left_texts[left.currentIndex()], right_texts[right.currentIndex()]

    def shown_recipe(self, latest: Recipe | None) -> Recipe | None:
        """The recipe of the result on the right: ``latest`` unless another was chosen."""
        return latest if self.is_default() else self.pair()[1].recipe

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self._compare.setText(self.tr("Compare"))
        self._with.setText(self.tr("with"))
        # a screen reader hears a list by its choice alone; the labels beside say little
        self.left.setAccessibleName(self.tr("Picture on the left"))
        self.right.setAccessibleName(self.tr("Picture on the right"))
        for combo, texts in self._texts():
            for index, text in enumerate(texts[: combo.count()]):
                combo.setItemText(index, text)

    def _texts(self) -> list[tuple[QComboBox, list[str]]]:
        """Each choice's items in the language shown: the left's the original first."""
        titles = _titles(self._results, self._names)
        return [(self.left, [self.tr("Original"), *titles]), (self.right, titles)]


def _offer(combo: QComboBox, index: int, offered: bool) -> None:
    """Let the item ``index`` of ``combo`` be chosen, or not (shown greyed, passed over by
    the keys and the wheel)."""
    combo.model().item(index).setEnabled(offered)


def _titles(results: list[ResultFile], names: Mapping[str, str]) -> list[str]:
    """Each result by its recipe (``recipe_title``, the models by ``names``); by its file's
    name too where two share one (saved in two formats, say)."""
    titles = [recipe_title(result.recipe, names) for result in results]
    shared = Counter(titles)
    return [
        f"{title} ({result.path.name})" if shared[title] > 1 else title
        for title, result in zip(titles, results, strict=True)
    ]
