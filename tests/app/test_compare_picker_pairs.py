"""The compare picker offers only pairs of two pictures: a result chosen on one side is not
offered on the other, by the list or by the keys (a result beside itself shows nothing)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox

from app.compare_picker import ComparePicker
from app.item_status import ItemStatus
from app.photo_queue import QueueItem, ResultFile
from engine.recipe import Recipe


def restored_thrice(folder: Path) -> QueueItem:
    """A photo restored and saved three times, with three graining strengths."""
    results = [ResultFile(folder / f"a{n}.png", Recipe(model="a", grain=n / 10)) for n in (1, 2, 3)]
    return QueueItem(
        folder / "a.png", status=ItemStatus.RESTORED, saved_to=results[-1].path, history=results
    )


def offered(combo: QComboBox) -> list[str]:
    """The items that may be chosen."""
    model = combo.model()
    return [combo.itemText(i) for i in range(combo.count()) if model.item(i).isEnabled()]


def choose(combo: QComboBox, index: int) -> None:
    """Choose as a person does."""
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_the_result_chosen_on_one_side_is_not_offered_on_the_other(qtbot, tmp_path):
    picker = ComparePicker(names=dict)
    qtbot.addWidget(picker)
    picker.show_for(restored_thrice(tmp_path))
    original, first, second, latest = (picker.left.itemText(i) for i in range(4))
    assert offered(picker.left) == [original, first, second]  # the latest is on the right
    assert offered(picker.right) == [first, second, latest]  # the original is on the left

    choose(picker.left, 1)
    assert offered(picker.right) == [second, latest]
    choose(picker.right, 1)
    assert offered(picker.left) == [original, first, latest]
    assert offered(picker.right) == [second, latest]

    picker.show_for(restored_thrice(tmp_path))  # shown again: the original and the latest
    assert offered(picker.left) == [original, first, second]
    assert offered(picker.right) == [first, second, latest]


def test_the_keys_pass_over_the_result_on_the_other_side(qtbot, tmp_path):
    picker = ComparePicker(names=dict)
    qtbot.addWidget(picker)
    picker.show()
    picker.show_for(restored_thrice(tmp_path))
    choose(picker.left, 2)  # the second result on the left, the latest on the right
    QTest.keyClick(picker.right, Qt.Key.Key_Up)
    assert picker.right.currentIndex() == 0  # the second passed over: the first
    assert picker.pair()[0] != picker.pair()[1]
