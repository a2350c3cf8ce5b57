"""The Start screen: one obvious green button and the choice of test."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from callcheck.gui import texts
from callcheck.gui.bridge import AVAILABLE_MODES, TestMode

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

MODES: tuple[tuple[TestMode, str], ...] = (
    ("loopback", texts.MODE_LOOPBACK),
    ("server", texts.MODE_SERVER),
    ("peer", texts.MODE_PEER),
)


class StartScreen(QWidget):
    """Emits ``startRequested(mode)`` when the user presses the green button (or Enter), and
    ``devicesRequested`` for "Check devices"."""

    startRequested = Signal(str)
    devicesRequested = Signal()

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

        modes = QGroupBox(texts.MODE_TITLE)
        mode_layout = QVBoxLayout(modes)
        self._mode_group = QButtonGroup(self)
        self._mode_buttons: dict[TestMode, QRadioButton] = {}
        for mode, label in MODES:
            button = QRadioButton(label)
            available = mode in AVAILABLE_MODES
            button.setEnabled(available)
            if not available:
                why = texts.MODE_NOT_AVAILABLE.format(mode=texts.MODE_SHORT[mode].lower())
                button.setText(f"{label} – {texts.MODE_NOT_AVAILABLE_YET}")
                button.setToolTip(why)
                button.setAccessibleDescription(why)
            self._mode_group.addButton(button)
            self._mode_buttons[mode] = button
            mode_layout.addWidget(button)
        self._mode_buttons["loopback"].setChecked(True)

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
        layout.addSpacing(24)
        layout.addWidget(modes, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(12)
        layout.addWidget(self.devices)
        layout.addWidget(self.devicesButton, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        QWidget.setTabOrder(self.startButton, self._mode_buttons["loopback"])
        QWidget.setTabOrder(self._mode_buttons["loopback"], self.devicesButton)
        self.setDuration(20.0)

    def setDuration(self, seconds: float) -> None:
        """Say how long the test takes."""
        self.hint.setText(texts.START_BUTTON_HINT.format(seconds=seconds))

    def setDevices(self, input_name: str, output_name: str) -> None:
        """Show the chosen microphone and speaker."""
        self.devices.setText(
            texts.START_DEVICES.format(
                input=input_name or texts.START_DEVICES_DEFAULT,
                output=output_name or texts.START_DEVICES_DEFAULT,
            )
        )

    def selectedMode(self) -> TestMode:
        """The test mode chosen."""
        for mode, button in self._mode_buttons.items():
            if button.isChecked():
                return mode
        return "loopback"

    def _start(self) -> None:
        if self.startButton.isEnabled():
            self.startRequested.emit(self.selectedMode())
