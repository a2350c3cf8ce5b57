"""The desktop side of the helpdesk live view (issue 17): the switch, the code, the prompt.

* :class:`ShareSwitch` — the Start screen's "Share this test with my helpdesk" (shown only
  when a server is configured).
* :class:`SharePanel` — the view code in large letters for reading out over the phone, the full
  link, what is shared, how many watch, and "Stop sharing".
* :class:`RunAgainPrompt` — "Your helpdesk asks you to run the test again — Run / Not now": a
  banner, not a modal dialog (the test never starts without the employee's click, and nothing
  else in the window is blocked while it waits).

These views hold no logic: the bridge owns the :class:`~callcheck.engine.live_share.LiveShare`
on the engine's loop and calls the ``show_*``/``set_*`` methods; the widgets emit signals.
Every text comes from :mod:`callcheck.gui.texts`; every button has a mnemonic.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from callcheck.gui import texts
from callcheck.gui.room_screen import spelled

__all__ = ["CODE_POINT_SIZE", "RunAgainPrompt", "SharePanel", "ShareSwitch"]

#: The view code's size: readable across a desk, like the room code.
CODE_POINT_SIZE: Final = 36


class ShareSwitch(QCheckBox):
    """ "Share this test with my helpdesk", with what that means as its tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(texts.SHARE_SWITCH, parent)
        self.setObjectName("shareSwitch")
        self.setToolTip(texts.SHARE_SWITCH_HINT)
        self.setAccessibleDescription(texts.SHARE_SWITCH_HINT)

    def set_server_configured(self, configured: bool) -> None:
        """Shown only when there is a server to share through; off when hidden."""
        self.setVisible(configured)
        if not configured:
            self.setChecked(False)


class SharePanel(QFrame):
    """The code, the link, what is shared, viewers, and "Stop sharing" (``stopRequested``)."""

    stopRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sharePanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        title = QLabel(texts.SHARE_TITLE)
        title.setStyleSheet("font-weight: bold;")
        self.readOut = QLabel(texts.SHARE_READ_OUT)
        self.code = QLabel()
        self.code.setObjectName("shareCode")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(CODE_POINT_SIZE)
        font.setBold(True)
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 4.0)
        self.code.setFont(font)
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.link = QLabel()
        self.link.setObjectName("shareLink")
        self.link.setWordWrap(True)
        self.link.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.what = QLabel(texts.SHARE_WHAT)
        self.what.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("shareStatus")
        self.status.setWordWrap(True)
        self.stopButton = QPushButton(texts.SHARE_STOP)
        self.stopButton.setObjectName("shareStopButton")
        self.stopButton.clicked.connect(self.stopRequested)

        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.stopButton)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.readOut)
        layout.addWidget(self.code)
        layout.addWidget(self.link)
        layout.addWidget(self.what)
        layout.addLayout(buttons)
        self.hide()

    def shareCode(self) -> str:
        """The code shown ("" when not sharing)."""
        return self.code.text()

    def show_share(self, code: str, url: str) -> None:
        """Sharing started: the code for reading out and the full link."""
        self.code.setText(code)
        self.code.setAccessibleName(spelled(code))
        self.link.setText(texts.SHARE_LINK.format(url=url))
        self.status.clear()
        self.stopButton.setEnabled(True)
        self.show()

    def set_viewers(self, count: int) -> None:
        """How many have the page open (the server says)."""
        if self.stopButton.isEnabled():
            self.status.setText(texts.SHARE_VIEWERS.format(count=count) if count else "")

    def set_reconnecting(self) -> None:
        """The channel was lost; the share is reconnecting (the code stays valid)."""
        if self.stopButton.isEnabled():
            self.status.setText(texts.SHARE_RECONNECTING)

    def set_resumed(self) -> None:
        """Sharing again (the server's viewer count follows)."""
        if self.stopButton.isEnabled():
            self.status.clear()

    def set_stopped(self) -> None:
        """Sharing ended (the employee stopped it, or the server dropped the channel)."""
        self.status.setText(texts.SHARE_STOPPED)
        self.stopButton.setEnabled(False)


class RunAgainPrompt(QFrame):
    """The helpdesk's request for another run: ``runRequested`` or ``dismissed``."""

    runRequested = Signal()
    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("runAgainPrompt")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.question = QLabel(texts.SHARE_RUN_AGAIN)
        self.question.setWordWrap(True)
        self.question.setStyleSheet("font-weight: bold;")
        self.runButton = QPushButton(texts.SHARE_RUN)
        self.runButton.setObjectName("runAgainButton")
        self.notNowButton = QPushButton(texts.SHARE_NOT_NOW)
        self.notNowButton.setObjectName("notNowButton")
        for button in (self.runButton, self.notNowButton):
            button.setAutoDefault(False)  # Enter alone never starts a test
        self.runButton.clicked.connect(self._run)
        self.notNowButton.clicked.connect(self._dismiss)
        layout = QHBoxLayout(self)
        layout.addWidget(self.question, 1)
        layout.addWidget(self.runButton)
        layout.addWidget(self.notNowButton)
        self.setAccessibleName(texts.SHARE_RUN_AGAIN)
        self.hide()

    def ask(self) -> None:
        """Show the question; the focus goes to "Not now" so a stray key never starts a test."""
        self.show()
        self.notNowButton.setFocus()

    def _run(self) -> None:
        self.hide()
        self.runRequested.emit()

    def _dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()
