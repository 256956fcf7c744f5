"""The main window's actions, each declared once: its icon, shortcut, texts, handler and the
places it sits in. ``WindowActions`` makes the QActions, the menus and the toolbar from the
table, and re-sets their texts and icons from it.

The texts are source texts of the catalogue's "MainWindow" context: ``QT_TRANSLATE_NOOP`` marks
them for pyside6-lupdate, and they are translated each time they are set.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from operator import attrgetter

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QSizePolicy,
    QTextEdit,
    QToolBar,
    QToolButton,
    QWidget,
)

from app import theme
from app.host import on_mac
from app.queue_view import QueuePanel

CONTEXT = "MainWindow"
"""The catalogue's context of the texts below."""
ZOOM_STEP = 1.5

FILE, EDIT, QUEUE, VIEW = "file", "edit", "queue", "view"
MODELS, TOOLS, HELP = "models", "tools", "help"
"""The menus of the menu bar."""
TOOLBAR = "toolbar"
TOOLBAR_END = "toolbar end"
"""The far end of the toolbar, beyond a spacer."""
QUEUE_CONTEXT = "queue context"
"""The queue's right-click menu: what applies to the photos selected."""
QUEUE_BUTTONS = "queue buttons"
"""The buttons under the queue."""

Keys = QKeySequence.StandardKey
TAKE_TYPING = (
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QAbstractSpinBox,
    QComboBox,  # a drop-down list goes to the entry a typed letter starts
)
"""Widgets that take what is typed on them, before the window's one-key shortcuts. A list
(the queue) is not one: its search for the entry a letter starts gives way to the shortcuts,
which the shortcut sheet and the tooltips promise with no condition."""
WORDS = Qt.ToolButtonStyle.ToolButtonTextBesideIcon
ICONS_ONLY = Qt.ToolButtonStyle.ToolButtonIconOnly
EXTENSION = "qt_toolbar_ext_button"
"""The object name of the button Qt shows at a toolbar's end for the buttons with no room."""
SHORTCUT_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


@dataclass(frozen=True)
class MenuSpec:
    id: str
    title: str


@dataclass(frozen=True)
class ActionSpec:
    """One action. ``handler``: the window's attribute it calls (dotted for a part's), with
    ``args``; a checkable action (``checked`` is its first state) hands over its state instead.
    ``places``: where it sits, each with a group number; groups are set apart by a separator,
    and in every place the actions come in the table's order. ``tip``: the tooltip when it says
    more than the text; ``icon_text``: the toolbar's and the buttons' shorter text;
    ``also``: keys that do the same as ``shortcut`` (Ctrl+= beside Ctrl++, which needs Shift
    on many keyboards); ``mac_also``: more of them on a Mac only."""

    id: str
    icon: str
    handler: str
    text: str
    shortcut: Keys | str | None = None
    also: tuple[str, ...] = ()
    mac_also: tuple[str, ...] = ()
    tip: str | None = None
    icon_text: str | None = None
    args: tuple[object, ...] = ()
    checked: bool | None = None
    places: Mapping[str, int] = field(default_factory=dict)


MENUS = (
    MenuSpec(FILE, QT_TRANSLATE_NOOP("MainWindow", "&File")),
    MenuSpec(EDIT, QT_TRANSLATE_NOOP("MainWindow", "&Edit")),
    MenuSpec(QUEUE, QT_TRANSLATE_NOOP("MainWindow", "&Queue")),
    MenuSpec(VIEW, QT_TRANSLATE_NOOP("MainWindow", "&View")),
    MenuSpec(MODELS, QT_TRANSLATE_NOOP("MainWindow", "&Models")),
    MenuSpec(TOOLS, QT_TRANSLATE_NOOP("MainWindow", "&Tools")),
    MenuSpec(HELP, QT_TRANSLATE_NOOP("MainWindow", "&Help")),
)

ACTIONS = (
    ActionSpec(
        "open",
        "mdi6.image-plus-outline",
        "intake.open_files",
        QT_TRANSLATE_NOOP("MainWindow", "&Open Photos or Films…"),
        shortcut=Keys.Open,
        tip=QT_TRANSLATE_NOOP("MainWindow", "Add photos or films to the queue"),
        icon_text=QT_TRANSLATE_NOOP("MainWindow", "Open"),
        places={FILE: 0, TOOLBAR: 0, QUEUE_BUTTONS: 0},
    ),
    ActionSpec(
        "open_folder",
        "mdi6.folder-image",
        "intake.open_folder",
        QT_TRANSLATE_NOOP("MainWindow", "Open &Folder…"),
        shortcut="Ctrl+Shift+O",
        places={FILE: 0},
    ),
    ActionSpec(
        "undo",
        "mdi6.undo",
        "undo",
        QT_TRANSLATE_NOOP("MainWindow", "&Undo"),
        shortcut=Keys.Undo,
        tip=QT_TRANSLATE_NOOP(
            "MainWindow", "Put back the photos and films last removed, or the photo last turned"
        ),
        places={EDIT: 0},
    ),
    ActionSpec(
        "restore",
        "mdi6.auto-fix",
        "restore_selected",
        QT_TRANSLATE_NOOP("MainWindow", "&Restore"),
        shortcut="Ctrl+R",
        tip=QT_TRANSLATE_NOOP("MainWindow", "Restore the selected photos and films"),
        icon_text=QT_TRANSLATE_NOOP("MainWindow", "Restore"),
        places={QUEUE: 0, QUEUE_CONTEXT: 0, TOOLBAR: 0},
    ),
    ActionSpec(
        "restore_all",
        "mdi6.play-box-multiple-outline",
        "restore_all",
        QT_TRANSLATE_NOOP("MainWindow", "Restore &All"),
        shortcut="Ctrl+Shift+R",
        tip=QT_TRANSLATE_NOOP("MainWindow", "Restore every photo and film in the queue"),
        icon_text=QT_TRANSLATE_NOOP("MainWindow", "Restore All"),
        places={QUEUE: 0, TOOLBAR: 0},
    ),
    ActionSpec(
        "preview",
        "mdi6.image-search-outline",
        "preview",
        QT_TRANSLATE_NOOP("MainWindow", "&Preview"),
        shortcut="P",
        tip=QT_TRANSLATE_NOOP(
            "MainWindow",
            "Restore the part of the photo in view, or the film's frame on screen, with these "
            "settings, to judge them before the whole",
        ),
        icon_text=QT_TRANSLATE_NOOP("MainWindow", "Preview"),
        places={QUEUE: 0, TOOLBAR: 0},
    ),
    ActionSpec(
        "mark_spots",
        "mdi6.brush-outline",
        "spot_marking.set_on",
        QT_TRANSLATE_NOOP("MainWindow", "&Mark Spots"),
        shortcut="M",
        tip=QT_TRANSLATE_NOOP(
            "MainWindow",
            "Paint over a photo's dust, scratches and tears, or what stays put on every frame "
            "of a film, to be filled in from around them before it is restored",
        ),
        icon_text=QT_TRANSLATE_NOOP("MainWindow", "Mark Spots"),
        checked=False,
        places={QUEUE: 0, TOOLBAR: 0},
    ),
    ActionSpec(
        "cancel",
        "mdi6.stop-circle-outline",
        "run_control.cancel",
        QT_TRANSLATE_NOOP("MainWindow", "&Cancel"),
        shortcut="Esc",
        tip=QT_TRANSLATE_NOOP("MainWindow", "Stop restoring"),
        icon_text=QT_TRANSLATE_NOOP("MainWindow", "Cancel"),
        places={QUEUE: 0, TOOLBAR: 0},
    ),
    ActionSpec(
        "set_in",
        "mdi6.contain-start",
        "film_part.set_in",
        QT_TRANSLATE_NOOP("MainWindow", "Set I&n"),
        shortcut="I",
        tip=QT_TRANSLATE_NOOP(
            "MainWindow", "Start the part of the film to restore at the frame shown"
        ),
        places={QUEUE: 3},
    ),
    ActionSpec(
        "set_out",
        "mdi6.contain-end",
        "film_part.set_out",
        QT_TRANSLATE_NOOP("MainWindow", "Set &Out"),
        shortcut="O",
        tip=QT_TRANSLATE_NOOP(
            "MainWindow",
            "End the part of the film to restore with the frame shown: that frame is its last, "
            "restored too",
        ),
        places={QUEUE: 3},
    ),
    ActionSpec(
        "clear_in_out",
        "mdi6.close-circle-outline",
        "film_part.clear",
        QT_TRANSLATE_NOOP("MainWindow", "Clear In/Ou&t"),
        shortcut="Alt+X",
        tip=QT_TRANSLATE_NOOP(
            "MainWindow", "Clear the In and Out marks: the whole film is restored"
        ),
        places={QUEUE: 3},
    ),
    ActionSpec(
        "save",
        "mdi6.content-save-outline",
        "save_selected",
        QT_TRANSLATE_NOOP("MainWindow", "&Save"),
        shortcut=Keys.Save,
        tip=QT_TRANSLATE_NOOP("MainWindow", "Save the selected restored photos"),
        icon_text=QT_TRANSLATE_NOOP("MainWindow", "Save"),
        places={FILE: 1, QUEUE_CONTEXT: 0, TOOLBAR: 1},
    ),
    ActionSpec(
        "save_all",
        "mdi6.content-save-all-outline",
        "save_all",
        QT_TRANSLATE_NOOP("MainWindow", "Save &All"),
        shortcut="Ctrl+Shift+S",
        tip=QT_TRANSLATE_NOOP(
            "MainWindow", "Save every restored photo not saved yet in the format and folder chosen"
        ),
        icon_text=QT_TRANSLATE_NOOP("MainWindow", "Save All"),
        places={FILE: 1, TOOLBAR: 1},
    ),
    ActionSpec(
        "save_comparison",
        "mdi6.compare",
        "comparisons.save_shown",
        QT_TRANSLATE_NOOP("MainWindow", "Save &Comparison"),
        tip=QT_TRANSLATE_NOOP(
            "MainWindow",
            "Save the photo on show as one before-and-after picture, split where the slider "
            "stands, in the output folder",
        ),
        places={FILE: 1},
    ),
    ActionSpec(
        "output_folder",
        "mdi6.folder-open-outline",
        "file_manager.open_output_folder",
        QT_TRANSLATE_NOOP("MainWindow", "Open Output Fol&der"),
        tip=QT_TRANSLATE_NOOP("MainWindow", "Show the folder restored photos are saved in"),
        icon_text=QT_TRANSLATE_NOOP("MainWindow", "Output Folder"),
        places={FILE: 1, TOOLBAR: 1},
    ),
    ActionSpec(
        "quit",
        "mdi6.exit-to-app",
        "close",
        QT_TRANSLATE_NOOP("MainWindow", "&Quit"),
        shortcut=Keys.Quit,
        places={FILE: 2},
    ),
    ActionSpec(
        "split",
        "mdi6.crop",
        "scans.split_selected",
        QT_TRANSLATE_NOOP("MainWindow", "Spl&it Scan into Prints"),
        tip=QT_TRANSLATE_NOOP(
            "MainWindow",
            "Cut a scan of several prints into one straight photo per print, or flatten a "
            "print photographed at an angle, added to the queue (the scan is left as it is)",
        ),
        places={QUEUE: 1, QUEUE_CONTEXT: 0},
    ),
    ActionSpec(
        "turn_left",
        "mdi6.rotate-left",
        "turning.turn_selected",
        QT_TRANSLATE_NOOP("MainWindow", "Turn &Left"),
        tip=QT_TRANSLATE_NOOP(
            "MainWindow",
            "Turn the selected photos a quarter turn anticlockwise: a turned copy takes each "
            "one's place in the queue (the photo is left as it is)",
        ),
        args=(-1,),
        places={QUEUE: 1, QUEUE_CONTEXT: 0},
    ),
    ActionSpec(
        "turn_right",
        "mdi6.rotate-right",
        "turning.turn_selected",
        QT_TRANSLATE_NOOP("MainWindow", "Turn Ri&ght"),
        tip=QT_TRANSLATE_NOOP(
            "MainWindow",
            "Turn the selected photos a quarter turn clockwise: a turned copy takes each one's "
            "place in the queue (the photo is left as it is)",
        ),
        args=(1,),
        places={QUEUE: 1, QUEUE_CONTEXT: 0},
    ),
    ActionSpec(
        "restore_as_photos",
        "mdi6.image-multiple-outline",
        "restore_as_photos",
        QT_TRANSLATE_NOOP("MainWindow", "Restore as &Photos"),
        tip=QT_TRANSLATE_NOOP(
            "MainWindow",
            "Queue the frames of the selected frame sequences as photos, each restored on its "
            "own, in place of the film they were taken for (Undo puts the film back)",
        ),
        places={QUEUE_CONTEXT: 0},
    ),
    ActionSpec(
        "show_in_folder",
        "mdi6.folder-search-outline",
        "file_manager.show_in_folder",
        QT_TRANSLATE_NOOP("MainWindow", "Show in &Folder"),
        tip=QT_TRANSLATE_NOOP(
            "MainWindow",
            "Open the folder of the restored file (or of the original, before it is saved)",
        ),
        places={QUEUE_CONTEXT: 0},
    ),
    ActionSpec(
        "remove",
        "mdi6.delete-outline",
        "remove_selected",
        QT_TRANSLATE_NOOP("MainWindow", "Remo&ve from Queue"),
        shortcut=Keys.Delete,
        mac_also=("Backspace",),  # the Mac's ⌫ key; its Delete is forward-delete, Fn+⌫
        icon_text=QT_TRANSLATE_NOOP("MainWindow", "Remove"),
        places={QUEUE: 2, QUEUE_CONTEXT: 1, QUEUE_BUTTONS: 0},
    ),
    ActionSpec(
        "clear",
        "mdi6.close-box-multiple-outline",
        "clear_queue",
        QT_TRANSLATE_NOOP("MainWindow", "Cl&ear Queue"),
        icon_text=QT_TRANSLATE_NOOP("MainWindow", "Clear"),
        places={QUEUE: 2, QUEUE_BUTTONS: 0},
    ),
    ActionSpec(
        "fit",
        "mdi6.fit-to-screen-outline",
        "viewer.fit",
        QT_TRANSLATE_NOOP("MainWindow", "&Fit to Window"),
        shortcut="F",
        icon_text=QT_TRANSLATE_NOOP("MainWindow", "Fit"),
        places={VIEW: 0, TOOLBAR: 2},
    ),
    ActionSpec(
        "actual_size",
        "mdi6.numeric-1-box-outline",
        "viewer.actual_size",
        QT_TRANSLATE_NOOP("MainWindow", "&Actual Size (100%)"),
        shortcut="1",
        icon_text="100%",  # the same in every language
        places={VIEW: 0, TOOLBAR: 2},
    ),
    ActionSpec(
        "zoom_in",
        "mdi6.magnify-plus-outline",
        "viewer.zoom_by",
        QT_TRANSLATE_NOOP("MainWindow", "Zoom &In"),
        shortcut=Keys.ZoomIn,
        also=("Ctrl+=",),
        args=(ZOOM_STEP,),
        places={VIEW: 0},
    ),
    ActionSpec(
        "zoom_out",
        "mdi6.magnify-minus-outline",
        "viewer.zoom_by",
        QT_TRANSLATE_NOOP("MainWindow", "Zoom &Out"),
        shortcut=Keys.ZoomOut,
        args=(1 / ZOOM_STEP,),
        places={VIEW: 0},
    ),
    ActionSpec(
        "settings",
        "mdi6.tune-variant",
        "settings_scroll.setVisible",
        QT_TRANSLATE_NOOP("MainWindow", "&Settings Panel"),
        shortcut="Ctrl+,",
        icon_text=QT_TRANSLATE_NOOP("MainWindow", "Settings"),
        checked=True,
        places={VIEW: 1, TOOLBAR_END: 0},
    ),
    ActionSpec(
        "import_model",
        "mdi6.tray-arrow-down",
        "model_actions.import_files",
        QT_TRANSLATE_NOOP("MainWindow", "&Import Model…"),
        tip=QT_TRANSLATE_NOOP(
            "MainWindow", "Add a model file (.safetensors, .pth, .pt, .ckpt) to your models"
        ),
        places={MODELS: 0},
    ),
    ActionSpec(
        "manage_models",
        "mdi6.format-list-bulleted",
        "model_actions.show_dialog",
        QT_TRANSLATE_NOOP("MainWindow", "&Manage Models…"),
        places={MODELS: 0},
    ),
    ActionSpec(
        "models_folder",
        "mdi6.folder-cog-outline",
        "settings_panel.open_models_folder",
        QT_TRANSLATE_NOOP("MainWindow", "Open Models &Folder"),
        places={MODELS: 1},
    ),
    ActionSpec(
        "train",
        "mdi6.school-outline",
        "open_training_wizard",
        QT_TRANSLATE_NOOP("MainWindow", "&Train on My Collection…"),
        tip=QT_TRANSLATE_NOOP(
            "MainWindow", "Make a model of your own from a folder of good photos"
        ),
        places={TOOLS: 0},
    ),
    ActionSpec(
        "guide",
        "mdi6.book-open-variant",
        "show_guide",
        QT_TRANSLATE_NOOP("MainWindow", "Rekindle &Guide"),
        shortcut=Keys.HelpContents,
        tip=QT_TRANSLATE_NOOP(
            "MainWindow", "What each choice does and when to use it, and what is not done yet"
        ),
        places={HELP: 0},
    ),
    ActionSpec(
        "shortcuts",
        "mdi6.keyboard-outline",
        "show_shortcuts",
        QT_TRANSLATE_NOOP("MainWindow", "&Keyboard Shortcuts"),
        shortcut="Ctrl+/",
        places={HELP: 0},
    ),
    ActionSpec(
        "about",
        "mdi6.information-outline",
        "show_about",
        QT_TRANSLATE_NOOP("MainWindow", "&About Rekindle"),
        places={HELP: 1},
    ),
)


def _translate(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def keys_of(spec: ActionSpec) -> list[QKeySequence]:
    """The keys of ``spec``'s action on this platform: its shortcut, then the others."""
    more = spec.mac_also if on_mac() else ()
    return [QKeySequence(key) for key in (spec.shortcut, *spec.also, *more)]


def keys_text(keys: Iterable[QKeySequence]) -> str:
    """``keys`` as the platform writes them (⌘Z on a Mac, Ctrl+Z elsewhere), with commas."""
    native = QKeySequence.SequenceFormat.NativeText
    return ", ".join(key.toString(native) for key in keys if not key.isEmpty())


def with_keys(tip: str, keys: Iterable[QKeySequence]) -> str:
    """``tip`` ending with ``keys`` in brackets, as the platform writes them (none: ``tip``)."""
    written = keys_text(keys)
    return f"{tip} ({written})" if written else tip


def is_typing(event: QKeyEvent) -> bool:
    """Whether ``event`` types a character (no Ctrl, Alt or Meta held)."""
    text = event.text()
    return bool(text) and text.isprintable() and not event.modifiers() & SHORTCUT_MODIFIERS


class TypingFirst(QObject):
    """Installed on the window: a character typed on a text field or a drop-down list goes to
    it (its text, or the entry it starts), not to a one-key shortcut such as P or F; on any
    other widget, the queue included, the shortcut takes it. The window sees the key's
    shortcut override when the focused widget left it alone."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(QApplication.focusWidget(), TAKE_TYPING)
            and is_typing(event)
        ):
            event.accept()  # the key is the focused widget's
            return True
        return False


class FittingToolBar(QToolBar):
    """A toolbar whose buttons show their words beside their icons where there is room for
    all of them so, and only their icons where there is not (a large font, a small screen),
    rather than Qt hiding the last buttons behind a narrow button at its end. It lies along
    the window's top: its width is what the buttons are measured against."""

    def __init__(self) -> None:
        super().__init__()
        self.setToolButtonStyle(WORDS)
        self._probe = QToolButton(self)  # measures a button with words; never shown
        self._probe.setToolButtonStyle(WORDS)
        self._probe.hide()

    def event(self, event: QEvent) -> bool:
        """Choose the buttons' look as the toolbar's width, or what it holds, changes (a
        font, a language)."""
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self.setToolButtonStyle(
                WORDS if self._width_with_words() <= self.width() else ICONS_ONLY
            )
        return super().event(event)

    def _width_with_words(self) -> int:
        """The width the toolbar asks for with every button's words beside its icon: what it
        asks for now, each button counted at its width with words."""
        buttons = [
            widget
            for action in self.actions()
            if action.isVisible()
            and isinstance(widget := self.widgetForAction(action), QToolButton)
        ]
        more = sum(self._words_width(button) - button.sizeHint().width() for button in buttons)
        return self.sizeHint().width() + more

    def _words_width(self, button: QToolButton) -> int:
        """``button``'s width with words beside its icon (Qt counts no icon where there is
        none, so the probe gets the icon too)."""
        self._probe.setIconSize(button.iconSize())
        self._probe.setIcon(button.icon())
        self._probe.setText(button.text())
        return self._probe.sizeHint().width()


class WindowActions:
    """The actions of ``ACTIONS`` made for ``window``, in the places they sit: the menu bar and
    the toolbar it gets, and the queue's buttons and right-click menu.

    The window's parts that handlers name must exist already. The window gets each action as
    its attribute ``<id>_action`` and each menu as ``<id>_menu``."""

    def __init__(self, window: QMainWindow, queue: QueuePanel) -> None:
        self._window = window
        self._typing_first = TypingFirst(window)
        window.installEventFilter(self._typing_first)
        self._actions = {spec.id: self._make(spec) for spec in ACTIONS}
        queue.add_buttons(self._placed(QUEUE_BUTTONS))
        self._menus = {spec.id: self._menu(spec) for spec in MENUS}
        queue.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        queue.view.addActions(self._placed(QUEUE_CONTEXT))
        self.toolbar = self._toolbar()
        self.refresh_icons()

    def _make(self, spec: ActionSpec) -> QAction:
        window = self._window
        action = QAction(window)
        if spec.shortcut is not None:
            action.setShortcuts(keys_of(spec))
        handler = attrgetter(spec.handler)(window)
        if spec.checked is None:
            action.triggered.connect(lambda _checked=False: handler(*spec.args))
        else:
            action.setCheckable(True)
            action.setChecked(spec.checked)
            action.triggered.connect(lambda _checked=False: handler(action.isChecked()))
        window.addAction(action)
        setattr(window, f"{spec.id}_action", action)
        return action

    def _menu(self, spec: MenuSpec) -> QMenu:
        menu = self._window.menuBar().addMenu("")
        menu.addActions(self._placed(spec.id))
        setattr(self._window, f"{spec.id}_menu", menu)
        return menu

    def _toolbar(self) -> QToolBar:
        toolbar = FittingToolBar()
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.addActions(self._placed(TOOLBAR))
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addActions(self._placed(TOOLBAR_END))
        self._window.addToolBar(toolbar)
        return toolbar

    def _placed(self, where: str) -> list[QAction]:
        """The actions that sit in ``where``, with a separator between their groups."""
        placed: list[QAction] = []
        last_group = None
        for spec in ACTIONS:
            group = spec.places.get(where)
            if group is None:
                continue
            if last_group is not None and group != last_group:
                separator = QAction(self._window)
                separator.setSeparator(True)
                placed.append(separator)
            placed.append(self._actions[spec.id])
            last_group = group
        return placed

    def retranslate(self) -> None:
        """Set every text in the current language; a tooltip ends with the shortcut."""
        for spec in ACTIONS:
            action = self._actions[spec.id]
            text = _translate(spec.text)
            action.setText(text)
            tip = _translate(spec.tip) if spec.tip is not None else text.replace("&", "")
            action.setToolTip(with_keys(tip, [action.shortcut()]))
            if spec.icon_text is not None:
                action.setIconText(_translate(spec.icon_text))
        for spec in MENUS:
            self._menus[spec.id].setTitle(_translate(spec.title))
        self.toolbar.setWindowTitle(_translate(QT_TRANSLATE_NOOP("MainWindow", "Toolbar")))
        more = _translate(QT_TRANSLATE_NOOP("MainWindow", "More toolbar buttons"))
        extension = self.toolbar.findChild(QToolButton, EXTENSION)
        extension.setAccessibleName(more)
        extension.setToolTip(more)

    def refresh_icons(self) -> None:
        """Draw the icons again, in the colours of the current palette."""
        for spec in ACTIONS:
            self._actions[spec.id].setIcon(theme.icon(spec.icon))
