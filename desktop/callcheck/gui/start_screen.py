"""The Start screen: one obvious green button and the choice of test."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from callcheck.gui import texts
from callcheck.gui.bridge import AVAILABLE_MODES, TestMode
from callcheck.gui.share_panel import ShareSwitch

START_PADDING_X_PX = 36
START_PADDING_Y_PX = 16
START_BUTTON_STYLE = (
    "QPushButton#startButton { background: #1e8e3e; color: white; border-radius: 10px;"
    f" padding: {START_PADDING_Y_PX}px {START_PADDING_X_PX}px; font-size: 20px;"
    " font-weight: bold; }"
    "QPushButton#startButton:hover { background: #188038; }"
    "QPushButton#startButton:focus { border: 3px solid #0b57d0; }"
    "QPushButton#startButton:disabled { background: #9aa0a6; }"
)

#: The "What to test" choices, in order.
MODES: tuple[TestMode, ...] = ("loopback", "server", "peer")
#: Modes that need the test server's URL from Settings.
SERVER_MODES: tuple[TestMode, ...] = ("server", "peer")
SUB_OPTION_INDENT_PX = 24


class StartScreen(QWidget):
    """Emits ``startRequested(mode)`` when the user presses the green button (or Enter), and
    ``devicesRequested`` for "Check devices" and ``settingsRequested`` for the link shown
    when the network test or a room needs a server that is not set up yet.

    In peer mode (call a colleague) the window reads :meth:`createsRoom` and :meth:`roomCode`.
    """

    startRequested = Signal(str)
    devicesRequested = Signal()
    settingsRequested = Signal()
    blockerCancelRequested = Signal()
    """The link in the reason the button is off ("… or cancel it") was followed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(texts.START_TITLE)
        title.setObjectName("startTitle")
        title.setStyleSheet("font-size: 24px; font-weight: bold;")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        subtitle = QLabel(texts.START_SUBTITLE)
        subtitle.setWordWrap(True)
        subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.startButton = QPushButton(texts.START_BUTTON_MNEMONIC)
        self.startButton.setAccessibleName(texts.START_BUTTON)
        self.startButton.setToolTip(texts.START_ENTER_TIP)
        self.startButton.setObjectName("startButton")
        self.startButton.setStyleSheet(START_BUTTON_STYLE)
        self.startButton.setDefault(True)
        self.startButton.setAutoDefault(True)
        self.startButton.setCursor(Qt.CursorShape.PointingHandCursor)
        self.startButton.clicked.connect(self._start)
        # The style sheet's larger bold font is not in the button's size hint on every style:
        # size it from the polished font so the text is never clipped.
        self.startButton.ensurePolished()
        metrics = self.startButton.fontMetrics()
        self.startButton.setMinimumSize(
            metrics.horizontalAdvance(texts.START_BUTTON) + 2 * START_PADDING_X_PX + 16,
            metrics.height() + 2 * START_PADDING_Y_PX + 8,
        )
        self.hint = QLabel()
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Why the button is off, when something else holds the devices (issue 16: "Hear
        # yourself" runs).
        self.blocked = QLabel()
        self.blocked.setObjectName("startBlocked")
        self.blocked.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.blocked.setWordWrap(True)
        self.blocked.setStyleSheet("font-weight: bold;")
        self.blocked.setTextFormat(Qt.TextFormat.RichText)
        self.blocked.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.blocked.linkActivated.connect(lambda _link: self.blockerCancelRequested.emit())
        self.blocked.hide()

        modes = QGroupBox(texts.MODE_TITLE)
        mode_layout = QVBoxLayout(modes)
        self._mode_group = QButtonGroup(self)
        self._mode_buttons: dict[TestMode, QRadioButton] = {}
        labels: dict[TestMode, str] = {
            "loopback": texts.MODE_LOOPBACK,
            "server": texts.MODE_SERVER,
            "peer": texts.MODE_PEER,
        }
        for mode in MODES:
            label = labels[mode]
            button = QRadioButton(label)
            available = mode in AVAILABLE_MODES
            button.setEnabled(available)
            if not available:
                why = texts.MODE_NOT_AVAILABLE.format(mode=texts.MODE_SHORT[mode].lower())
                button.setText(texts.MODE_NOT_AVAILABLE_YET.format(mode=label))
                button.setToolTip(why)
                button.setAccessibleDescription(why)
            self._mode_group.addButton(button)
            self._mode_buttons[mode] = button
            mode_layout.addWidget(button)
            if mode == "server":
                self.serverInfo = self._sub_label("serverInfo")
                # Lines broken in the text, not by word wrap: a wrapped label in this centred
                # group box got the height of one line and was cut top and bottom (issue 16).
                self.serverInfo.setWordWrap(False)
                mode_layout.addWidget(self.serverInfo)
            elif mode == "peer":
                self.peerOptions = self._peer_options()
                mode_layout.addWidget(self.peerOptions)
        self.serverHint = self._sub_label("serverHint")
        self.serverHint.setTextFormat(Qt.TextFormat.RichText)
        self.serverHint.setWordWrap(False)
        self.serverHint.setText(texts.MODE_NEEDS_SERVER)
        self.serverHint.setAccessibleDescription(texts.MODE_NEEDS_SERVER_PLAIN)
        self.serverHint.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.serverHint.linkActivated.connect(lambda _link: self.settingsRequested.emit())
        mode_layout.addWidget(self.serverHint)
        # Issue 17: shown only when a server is configured and a network or colleague test is
        # chosen; sharing is opt-in per test.
        self.shareSwitch = ShareSwitch()
        mode_layout.addWidget(self.shareSwitch)
        self._mode_buttons["loopback"].setChecked(True)
        self._mode_group.buttonToggled.connect(lambda *_: self._mode_changed())

        self.devices = QLabel()
        self.devices.setObjectName("startDevices")
        self.devices.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.devices.setWordWrap(True)
        self.devicesButton = QPushButton(texts.START_CHECK_DEVICES)
        self.devicesButton.clicked.connect(self.devicesRequested)
        self.setDevices("", "")

        # Enter starts the test wherever the focus is on this screen (a default button only
        # works in dialogs).
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._start)

        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addSpacing(24)
        layout.addWidget(self.startButton, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.hint)
        layout.addWidget(self.blocked)
        layout.addSpacing(24)
        layout.addWidget(modes, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(12)
        layout.addWidget(self.devices)
        layout.addWidget(self.devicesButton, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        QWidget.setTabOrder(self.startButton, self._mode_buttons["loopback"])
        QWidget.setTabOrder(self._mode_buttons["loopback"], self.createRoomButton)
        QWidget.setTabOrder(self.createRoomButton, self.joinRoomButton)
        QWidget.setTabOrder(self.joinRoomButton, self.roomCodeEdit)
        QWidget.setTabOrder(self.roomCodeEdit, self.devicesButton)
        self.setDuration(20.0)
        self.setServer("")

    def _sub_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setContentsMargins(SUB_OPTION_INDENT_PX, 0, 0, 0)
        return label

    def _peer_options(self) -> QWidget:
        box = QWidget()
        box.setObjectName("peerOptions")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(SUB_OPTION_INDENT_PX, 0, 0, 0)
        self.createRoomButton = QRadioButton(texts.PEER_CREATE)
        self.joinRoomButton = QRadioButton(texts.PEER_JOIN)
        group = QButtonGroup(box)
        group.addButton(self.createRoomButton)
        group.addButton(self.joinRoomButton)
        self.createRoomButton.setChecked(True)
        self.roomCodeEdit = QLineEdit()
        self.roomCodeEdit.setObjectName("roomCodeEdit")
        self.roomCodeEdit.setPlaceholderText(texts.PEER_CODE_PLACEHOLDER)
        self.roomCodeEdit.setAccessibleName(texts.PEER_CODE_ACCESSIBLE)
        self.roomCodeEdit.setMaxLength(16)
        self.roomCodeEdit.setMaximumWidth(160)
        self.roomCodeEdit.textEdited.connect(self._code_edited)
        self.roomCodeEdit.returnPressed.connect(self._start)  # when the shortcut did not fire
        self.joinRoomButton.toggled.connect(self._join_toggled)
        self.peerMessage = QLabel()
        self.peerMessage.setObjectName("peerMessage")
        self.peerMessage.setWordWrap(False)
        self.peerMessage.hide()
        join = QHBoxLayout()
        join.addWidget(self.joinRoomButton)
        join.addWidget(self.roomCodeEdit)
        join.addStretch(1)
        layout.addWidget(self.createRoomButton)
        layout.addLayout(join)
        layout.addWidget(self.peerMessage)
        return box

    def _code_edited(self, text: str) -> None:
        upper = text.upper()
        if upper != text:
            position = self.roomCodeEdit.cursorPosition()
            self.roomCodeEdit.setText(upper)
            self.roomCodeEdit.setCursorPosition(position)
        self.joinRoomButton.setChecked(True)
        self.peerMessage.hide()

    def _join_toggled(self, checked: bool) -> None:
        if checked and not self.roomCodeEdit.hasFocus():
            self.roomCodeEdit.setFocus()

    def _mode_changed(self) -> None:
        mode = self.selectedMode()
        self.serverInfo.setVisible(mode == "server" and self._server_url != "")
        self.peerOptions.setVisible(mode == "peer")
        self.peerMessage.hide()
        self.shareSwitch.set_server_configured(self._server_url != "" and mode in SERVER_MODES)

    def setServer(self, url: str) -> None:
        """The test server from Settings (empty: none): enables the network test and rooms."""
        self._server_url = url.strip()
        configured = bool(self._server_url)
        for mode in SERVER_MODES:
            button = self._mode_buttons[mode]
            button.setEnabled(configured)
            description = "" if configured else texts.MODE_NEEDS_SERVER_PLAIN
            button.setToolTip(description)
            button.setAccessibleDescription(description)
            if not configured and button.isChecked():
                self._mode_buttons["loopback"].setChecked(True)
        self.serverInfo.setText(texts.MODE_SERVER_AT.format(url=self._server_url))
        self.serverHint.setVisible(not configured)
        self._mode_changed()

    def selectMode(self, mode: TestMode) -> None:
        """Choose a test mode (if it can run)."""
        button = self._mode_buttons[mode]
        if button.isEnabled():
            button.setChecked(True)

    def sharesWithHelpdesk(self) -> bool:
        """The test is to be shared live with the helpdesk (the switch is on and shown)."""
        return self.shareSwitch.isVisibleTo(self) and self.shareSwitch.isChecked()

    def createsRoom(self) -> bool:
        """Peer mode: create a room (else join :meth:`roomCode`)."""
        return self.createRoomButton.isChecked()

    def roomCode(self) -> str:
        """Peer mode: the code typed into "Join with a code"."""
        return self.roomCodeEdit.text().strip().upper()

    def setBlocked(self, reason: str) -> None:
        """Turn the Start button off and say ``reason`` under it ("" turns it back on). The
        reason may hold a link, which emits ``blockerCancelRequested``."""
        self.startButton.setEnabled(not reason)
        self.startButton.setAccessibleDescription(re.sub(r"<[^>]+>", "", reason))
        self.blocked.setText(reason)
        self.blocked.setVisible(bool(reason))

    def setDuration(self, seconds: float) -> None:
        """Say how long the test takes."""
        self.hint.setText(texts.START_BUTTON_HINT.format(seconds=seconds))

    def setDevices(self, input_name: str, output_name: str) -> None:
        """Show the chosen microphone and speaker."""
        self.devices.setText(
            texts.START_DEVICES.format(
                input=texts.device_name(input_name),
                output=texts.device_name(output_name),
            )
        )

    def selectedMode(self) -> TestMode:
        """The test mode chosen."""
        for mode, button in self._mode_buttons.items():
            if button.isChecked():
                return mode
        return "loopback"

    def _start(self) -> None:
        if not self.startButton.isEnabled():
            return
        mode = self.selectedMode()
        if mode == "peer" and not self.createsRoom() and not self.roomCode():
            self.peerMessage.setText(texts.PEER_CODE_MISSING)
            self.peerMessage.show()
            self.roomCodeEdit.setFocus()
            return
        self.startRequested.emit(mode)
