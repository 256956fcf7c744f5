"""Files macOS opens with Rekindle: "Open With", photos dropped on the Dock icon, and photos
opened while it runs. macOS never puts them on the command line: it hands each one to the
running application as a ``QFileOpenEvent``. They are queued as a second start's photos are,
together where several come at once; those that come before the window exists wait for it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent

Receiver = Callable[[list[str]], object]


class FileOpenEvents(QObject):
    """Installed on ``app``: the files of its file-open events go to the receiver given to
    ``deliver_to`` (the window's ``receive_paths``), in one list per burst of events."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self._receiver: Receiver | None = None
        self._waiting: list[str] = []
        self._burst = QTimer(self)  # macOS sends the files of one drop one event after another
        self._burst.setSingleShot(True)
        self._burst.setInterval(0)
        self._burst.timeout.connect(self._deliver)
        app.installEventFilter(self)

    def deliver_to(self, receiver: Receiver) -> None:
        """From now on, files go to ``receiver``; those that came before go at once."""
        self._receiver = receiver
        self._deliver()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.FileOpen or not isinstance(event, QFileOpenEvent):
            return False
        path = event.file()  # empty for a link that is no local file: nothing Rekindle opens
        if path:
            self._waiting.append(path)
            if self._receiver is not None:
                self._burst.start()
        return True

    def _deliver(self) -> None:
        if self._receiver is None or not self._waiting:
            return
        paths, self._waiting = self._waiting, []
        self._receiver(paths)
