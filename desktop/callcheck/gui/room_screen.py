"""The room screen of "Call a colleague": the code in large type, waiting, Cancel.

The technician on the phone reads the code out ("A, C, D, dash, 2, 3, 4"); the colleague types it
into "Join with a code". The screen stays until the call connects (the first live snapshot),
then the window switches to the Live test screen.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from callcheck.gui import texts

CODE_POINT_SIZE: Final = 48
NO_CODE: Final = "…"


#: Characters per group of a room code as shown (``AC7-K3M-9PX``; the server's format).
CODE_GROUP_CHARS = 3


def display_code(code: str) -> str:
    """A room code as it is shown and read out, with its dashes, whatever was typed:
    "ac7 k3m9px" → "AC7-K3M-9PX" (issue 16: "Room XNP365" lost its dash)."""
    compact = "".join(ch for ch in code.upper() if ch.isalnum())
    n = CODE_GROUP_CHARS
    return "-".join(compact[i : i + n] for i in range(0, len(compact), n))


def spelled(code: str) -> str:
    """``ACD-234`` → ``A C D dash 2 3 4`` (for screen readers and reading out)."""
    dash = texts.ROOM_CODE_DASH
    return " ".join(dash if ch == "-" else ch for ch in code if not ch.isspace())


class RoomScreen(QWidget):
    """Shows the room code (create) or the room being joined; emits ``cancelRequested``."""

    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(texts.ROOM_TITLE)
        title.setStyleSheet("font-size: 20px; font-weight: bold;")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status = QLabel()
        self.status.setObjectName("roomStatus")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setWordWrap(True)
        self.status.setStyleSheet("font-size: 16px;")
        self.code = QLabel(NO_CODE)
        self.code.setObjectName("roomCode")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(CODE_POINT_SIZE)
        font.setBold(True)
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 6.0)
        self.code.setFont(font)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.instructions = QLabel()
        self.instructions.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.instructions.setWordWrap(True)
        self.waiting = QLabel()
        self.waiting.setObjectName("roomWaiting")
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.copyButton = QPushButton(texts.ROOM_COPY)
        self.copyButton.clicked.connect(self.copy_code)
        self.cancelButton = QPushButton(texts.ROOM_CANCEL)
        self.cancelButton.setObjectName("roomCancelButton")
        self.cancelButton.setToolTip(texts.LIVE_CANCEL_TIP)
        self.cancelButton.clicked.connect(self._cancel)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self._cancel)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.copyButton)
        buttons.addWidget(self.cancelButton)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addSpacing(12)
        layout.addWidget(self.status)
        layout.addWidget(self.code)
        layout.addWidget(self.instructions)
        layout.addSpacing(12)
        layout.addWidget(self.waiting)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addStretch(2)
        self.begin_create()

    def roomCode(self) -> str:
        """The code shown ("" before the room exists)."""
        text = self.code.text()
        return "" if text == NO_CODE else text

    def begin_create(self) -> None:
        """A room is being created."""
        self._set_code("")
        self.status.setText(texts.ROOM_CREATING)
        self.instructions.clear()
        self.waiting.clear()
        self.cancelButton.setEnabled(True)
        self.cancelButton.setFocus()

    def begin_join(self, code: str) -> None:
        """Joining the colleague's room ``code``."""
        code = display_code(code)
        self._set_code(code)
        self.status.setText(texts.ROOM_JOINING.format(code=code))
        self.instructions.clear()
        self.waiting.clear()
        self.copyButton.hide()
        self.cancelButton.setEnabled(True)
        self.cancelButton.setFocus()

    def show_code(self, code: str) -> None:
        """The room exists: show its code for reading out."""
        code = display_code(code)
        self._set_code(code)
        self.status.setText(texts.ROOM_READ_OUT)
        self.instructions.setText(texts.ROOM_INSTRUCTIONS.format(code=code))

    def show_waiting(self, code: str) -> None:
        """Waiting for the colleague to join ``code``."""
        if not self.roomCode():
            self.show_code(code)
        self.waiting.setText(texts.ROOM_WAITING)

    def copy_code(self) -> None:
        """Put the code on the clipboard (to paste into a chat)."""
        if self.roomCode():
            QGuiApplication.clipboard().setText(self.roomCode())
            self.waiting.setText(texts.ROOM_COPIED)

    def _set_code(self, code: str) -> None:
        self.code.setText(code or NO_CODE)
        self.code.setAccessibleName(texts.ROOM_CODE_SPOKEN.format(spelled=spelled(code)))
        self.copyButton.setVisible(bool(code))

    def _cancel(self) -> None:
        if self.cancelButton.isEnabled():
            self.cancelButton.setEnabled(False)
            self.cancelRequested.emit()
