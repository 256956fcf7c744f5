"""The address of the Ray cluster films and photos are restored on (its head's HOST:PORT), or
local[:N] to start one on this computer for films only (the default, when it is left empty),
with what a check of it found said beside it.

An address is checked as it is entered, on a thread of its own: where nothing answers, the
check waits ``CHECK_SECONDS``, which the UI thread must not. Only the answer for the address
last asked about is shown; a cluster that stops answering during a restoration is checked
again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from app import theme
from app.cluster_link import LOSSES
from app.i18n import engine_words
from app.workers import WorkerThread
from engine.cluster.connect import LOCAL, Cluster, local_workers, survey
from engine.errors import RekindleError

CHECK_SECONDS = 3.0
"""How long a check waits for a cluster's head to answer."""


class AddressChecker(QObject):
    """Checks addresses, one call at a time, on the thread it is moved to."""

    checked = Signal(str, object)  # address, its Cluster (None: joined already), or why not

    @Slot(str)
    def check(self, address: str) -> None:
        try:
            self.checked.emit(address, survey(address, CHECK_SECONDS))
        except Exception as error:  # the engine's sentence, or what the network or Ray said
            reason = error.sentence if isinstance(error, RekindleError) else str(error)
            self.checked.emit(address, reason)


class ClusterField(QWidget):
    """The address, and a line under it: checking, reachable, or why not."""

    entered = Signal()  # the person changed the address
    _ask = Signal(str)  # an address, to the checker's thread

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.status)
        self.setFocusProxy(self.edit)  # the address is what Tab, and its label, focus
        self._entered = ""
        self._asked = ""  # the address whose answer is awaited
        self._status: Callable[[], str] = str  # the line under the address, in today's words
        self._tone: str | None = None  # the theme's colour of that line: none, or its tone
        self._thread: WorkerThread | None = None
        self.edit.editingFinished.connect(self._on_edited)
        LOSSES.lost.connect(self._on_lost)
        self._retranslate()

    def address(self) -> str:
        """The address entered; ``local`` (the setting's default) where none is."""
        return self.edit.text().strip() or LOCAL

    def set_address(self, address: str) -> None:
        self.edit.setText(address)
        self._entered = self.address()

    def use(self, on: bool) -> None:
        """Restore on the cluster (``on``: the address is checked) or here (it rests)."""
        self.setEnabled(on)
        if on:
            self.check()
        else:
            self._say(str)

    def ray_missing(self) -> None:
        """Without Ray nothing runs on a cluster: say so, and take no address."""
        self.setEnabled(False)
        self._say(lambda: self.tr("Ray is not installed, so all is restored on this computer"))

    def check(self) -> None:
        """Check the address on the checker's thread; the answer shows when it comes."""
        if self._thread is None:
            checker = AddressChecker()
            checker.checked.connect(self._on_checked)
            self._ask.connect(checker.check)
            self._thread = WorkerThread(checker, "rekindle-cluster-check")
        self._say(lambda: self.tr("Checking…"))
        self._asked = self.address()
        self._ask.emit(self._asked)

    def shutdown(self) -> None:
        """Let the check under way end (``CHECK_SECONDS`` at most) and stop the thread."""
        if self._thread is not None:
            self._thread.stop()
            self._thread = None

    def _on_edited(self) -> None:
        if self.address() != self._entered:
            self._entered = self.address()
            self.entered.emit()

    def _on_lost(self, address: str) -> None:
        """The cluster at ``address`` stopped answering during a restoration: check it again
        where it is the one shown."""
        if self.isEnabled() and address == self.address():
            self.check()

    def _on_checked(self, address: str, found: Cluster | str | None) -> None:
        """``found``: the cluster, why it cannot be used (the engine's sentence), or None when
        it answers but this computer is joined to a cluster for a restoration (``survey``)."""
        if not self.isEnabled() or address != self._asked:
            return  # restoring went back to this computer meanwhile, or another was asked
        if isinstance(found, str):
            self._say(lambda: _sentence(engine_words(found)), "failure")
        elif found is None:
            self._say(lambda: self.tr("Reachable"), "success")
        elif local_workers(address) is not None:
            self._say(lambda: self._local_text(found), "success")
        else:
            self._say(lambda: self._reachable_text(found), "success")

    def _local_text(self, plan: Cluster) -> str:
        text = self.tr(
            "A cluster is started on this computer for films (photos stay here): "
            "workers {workers}, GPUs {gpus}"
        )
        return text.format(workers=plan.workers, gpus=plan.gpus)

    def _reachable_text(self, cluster: Cluster) -> str:
        text = self.tr("Reachable: machines {machines}, workers {workers}, GPUs {gpus}")
        return text.format(machines=cluster.machines, workers=cluster.workers, gpus=cluster.gpus)

    def _say(self, status: Callable[[], str], tone: str | None = None) -> None:
        """Show ``status()`` under the address (again in another language), coloured by the
        theme's ``tone`` if any."""
        self._status = status
        self._tone = tone
        self._style()
        self._retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        elif theme.palette_changed(event):
            self._style()
        super().changeEvent(event)

    def _style(self) -> None:
        """The line under the address in its tone's colour of the theme now."""
        tone = self._tone
        color = f"color: {theme.status_color(tone).name()}" if tone is not None else ""
        theme.set_style_sheet(self.status, color)

    def _retranslate(self) -> None:
        self.edit.setPlaceholderText(self.tr("host:6379, or local"))
        text = self._status()
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self.edit.setAccessibleDescription(text)  # read out with the address


def _sentence(text: str) -> str:
    """``text`` begun as a sentence is, with a capital letter (where its script has one)."""
    return text[:1].upper() + text[1:]
