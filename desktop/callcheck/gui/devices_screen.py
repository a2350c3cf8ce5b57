"""The Devices screen: microphone and speaker pickers, a live input level, a speaker test and the
device delay check. Problems (no microphone, silence, clipping, a Bluetooth hands-free headset,
no audio system at all) are shown in place, in words that say what to do.
"""

from __future__ import annotations

import time
from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from callcheck.core.audio_analysis import LevelReading
from callcheck.engine.audio_io import AudioDevice
from callcheck.gui import texts
from callcheck.gui.device_service import DeviceService

METER_FLOOR_DBFS: Final = -60
SILENCE_WARNING_S: Final = 2.0
"""Say "no sound" only after this long without any (a pause between words is not a problem)."""
BLUETOOTH_HINTS: Final = ("bluetooth", "hands-free", "handsfree", "hfp", "headset_head_unit")
PROBLEM_STYLE: Final = "color: palette(text); background: rgba(230, 159, 0, 0.25); padding: 6px;"


def _is_bluetooth_hands_free(name: str) -> bool:
    lowered = name.lower()
    return any(hint in lowered for hint in BLUETOOTH_HINTS)


def _status_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class DevicesScreen(QWidget):
    """Emits ``devicesChosen(input_name, output_name)`` when the user picks other devices."""

    devicesChosen = Signal(str, str)
    echoRequested = Signal()

    def __init__(self, service: DeviceService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._listed = False
        self._silent_since: float | None = None
        self._wanted = ("", "")
        title = QLabel(texts.DEVICES_TITLE)
        title.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.problem = _status_label()
        self.problem.setObjectName("devicesProblem")
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.hide()

        self.inputPicker = QComboBox()
        self.outputPicker = QComboBox()
        for picker in (self.inputPicker, self.outputPicker):
            picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            picker.setMinimumContentsLength(24)
            picker.activated.connect(self._chosen)
        self.refreshButton = QPushButton(texts.DEVICES_REFRESH)
        self.refreshButton.clicked.connect(self.refresh)
        pickers = QFormLayout()
        input_label = QLabel(texts.DEVICES_INPUT)
        input_label.setBuddy(self.inputPicker)
        output_label = QLabel(texts.DEVICES_OUTPUT)
        output_label.setBuddy(self.outputPicker)
        pickers.addRow(input_label, self.inputPicker)
        pickers.addRow(output_label, self.outputPicker)

        level_box = QGroupBox(texts.DEVICES_LEVEL)
        self.meter = QProgressBar()
        self.meter.setObjectName("levelMeter")
        self.meter.setRange(METER_FLOOR_DBFS, 0)
        self.meter.setValue(METER_FLOOR_DBFS)
        self.meter.setFormat(texts.DEVICES_LEVEL_TEXT)
        self.meter.setAccessibleName(texts.DEVICES_LEVEL)
        self.listenButton = QPushButton(texts.DEVICES_LISTEN)
        self.listenButton.setCheckable(True)
        self.listenButton.toggled.connect(self._listen_toggled)
        self.levelStatus = _status_label()
        self.levelStatus.setText(texts.DEVICES_SAY_SOMETHING)
        level_row = QHBoxLayout()
        level_row.addWidget(self.listenButton)
        level_row.addWidget(self.meter, 1)
        level_layout = QVBoxLayout(level_box)
        level_layout.addLayout(level_row)
        level_layout.addWidget(self.levelStatus)

        speaker_box = QGroupBox(texts.DEVICES_SPEAKER_BOX)
        self.toneButton = QPushButton(texts.DEVICES_SPEAKER_TEST)
        self.toneButton.clicked.connect(self._play_tone)
        self.toneStatus = _status_label()
        speaker_layout = QHBoxLayout(speaker_box)
        speaker_layout.addWidget(self.toneButton, 0, Qt.AlignmentFlag.AlignTop)
        speaker_layout.addWidget(self.toneStatus, 1)

        latency_box = QGroupBox(texts.DEVICES_LATENCY_BOX)
        self.latencyButton = QPushButton(texts.DEVICES_LATENCY)
        self.latencyButton.clicked.connect(self._measure_latency)
        self.latencyStatus = _status_label()
        latency_layout = QHBoxLayout(latency_box)
        latency_layout.addWidget(self.latencyButton, 0, Qt.AlignmentFlag.AlignTop)
        latency_layout.addWidget(self.latencyStatus, 1)

        echo_box = QGroupBox(texts.ECHO_BOX)
        self.echoButton = QPushButton(texts.ECHO_BUTTON)
        self.echoButton.setToolTip(texts.ECHO_HINT)
        self.echoButton.clicked.connect(self.echoRequested)
        self.echoStatus = _status_label()
        self.echoStatus.setText(texts.ECHO_HINT)
        echo_layout = QHBoxLayout(echo_box)
        echo_layout.addWidget(self.echoButton, 0, Qt.AlignmentFlag.AlignTop)
        echo_layout.addWidget(self.echoStatus, 1)

        top = QHBoxLayout()
        top.addLayout(pickers, 1)
        top.addWidget(self.refreshButton, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.problem)
        layout.addLayout(top)
        layout.addWidget(level_box)
        layout.addWidget(speaker_box)
        layout.addWidget(latency_box)
        layout.addWidget(echo_box)
        layout.addStretch(1)
        for first, second in (
            (self.inputPicker, self.outputPicker),
            (self.outputPicker, self.refreshButton),
            (self.refreshButton, self.listenButton),
            (self.listenButton, self.toneButton),
            (self.toneButton, self.latencyButton),
            (self.latencyButton, self.echoButton),
        ):
            QWidget.setTabOrder(first, second)

        service.devicesListed.connect(self._show_devices)
        service.unavailable.connect(self._show_unavailable)
        service.level.connect(self._show_level)
        service.listenStopped.connect(self._listen_stopped)
        service.toneDone.connect(self._tone_done)
        service.latencyDone.connect(self._latency_done)
        self._set_actions_enabled(False)

    # ------------------------------------------------------------------ devices

    def setPreferred(self, input_name: str, output_name: str) -> None:
        """The devices saved in the settings (selected when listed)."""
        self._wanted = (input_name, output_name)

    def refresh(self) -> None:
        """Ask the engine for the device list."""
        self.listenButton.setChecked(False)
        self.service.refresh()

    def selectedInput(self) -> AudioDevice | None:
        """The chosen microphone."""
        data = self.inputPicker.currentData()
        return data if isinstance(data, AudioDevice) else None

    def selectedOutput(self) -> AudioDevice | None:
        """The chosen speaker."""
        data = self.outputPicker.currentData()
        return data if isinstance(data, AudioDevice) else None

    def _fill(self, picker: QComboBox, devices: list[AudioDevice], wanted: str) -> None:
        picker.clear()
        for device in devices:
            default = (
                device.is_default_input
                if picker is self.inputPicker
                else (device.is_default_output)
            )
            picker.addItem(device.name + (texts.DEVICES_DEFAULT_MARK if default else ""), device)
        names = [d.name for d in devices]
        if wanted in names:
            picker.setCurrentIndex(names.index(wanted))
        else:
            defaults = [
                i
                for i, d in enumerate(devices)
                if (d.is_default_input if picker is self.inputPicker else d.is_default_output)
            ]
            picker.setCurrentIndex(defaults[0] if defaults else 0)

    def _show_devices(self, devices: list[AudioDevice]) -> None:
        self._listed = True
        inputs = [d for d in devices if d.is_input]
        outputs = [d for d in devices if d.is_output]
        self._fill(self.inputPicker, inputs, self._wanted[0])
        self._fill(self.outputPicker, outputs, self._wanted[1])
        problems = []
        if not inputs:
            problems.append(texts.DEVICES_NO_INPUT)
        if not outputs:
            problems.append(texts.DEVICES_NO_OUTPUT)
        for device in (self.selectedInput(), self.selectedOutput()):
            if device is not None and _is_bluetooth_hands_free(device.name):
                problems.append(texts.DEVICES_BLUETOOTH.format(device=device.name))
                break
        self._show_problem(" ".join(problems))
        self._set_actions_enabled(True)

    def _show_unavailable(self, reason: str) -> None:
        self._listed = True
        self.inputPicker.clear()
        self.outputPicker.clear()
        self._show_problem(texts.DEVICES_UNAVAILABLE.format(reason=reason))
        self._set_actions_enabled(False)

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _set_actions_enabled(self, listed: bool) -> None:
        has_in = listed and self.selectedInput() is not None
        has_out = listed and self.selectedOutput() is not None
        self.listenButton.setEnabled(has_in)
        self.toneButton.setEnabled(has_out and not self.service.isBusy())
        self.latencyButton.setEnabled(has_in and has_out and not self.service.isBusy())
        self.inputPicker.setEnabled(self.inputPicker.count() > 0)
        self.outputPicker.setEnabled(self.outputPicker.count() > 0)

    def showEcho(self, text: str, *, running: bool) -> None:
        """What "Hear yourself" is doing or found; the button is off while it runs."""
        self.echoStatus.setText(text)
        self.echoButton.setEnabled(not running)

    def _chosen(self) -> None:
        self.listenButton.setChecked(False)
        chosen_in, chosen_out = self.selectedInput(), self.selectedOutput()
        self.devicesChosen.emit(
            "" if chosen_in is None else chosen_in.name,
            "" if chosen_out is None else chosen_out.name,
        )
        self._show_devices(
            [self.inputPicker.itemData(i) for i in range(self.inputPicker.count())]
            + [self.outputPicker.itemData(i) for i in range(self.outputPicker.count())]
        )

    # ------------------------------------------------------------------ level meter

    def _listen_toggled(self, on: bool) -> None:
        device = self.selectedInput()
        if on and device is not None:
            self._silent_since = None
            self.listenButton.setText(texts.DEVICES_STOP_LISTENING)
            self.levelStatus.setText(texts.DEVICES_SAY_SOMETHING)
            self.service.startListening(device)
        else:
            self.listenButton.setText(texts.DEVICES_LISTEN)
            self.service.stopListening()

    def _show_level(self, reading: LevelReading) -> None:
        device = self.selectedInput()
        name = device.name if device is not None else ""
        self.meter.setValue(max(METER_FLOOR_DBFS, min(0, round(reading.rms_dbfs))))
        now = time.monotonic()
        if reading.clipping:
            self.levelStatus.setText(texts.DEVICES_CLIPPING.format(device=name))
        elif reading.silent:
            if self._silent_since is None:
                self._silent_since = now
            if now - self._silent_since >= SILENCE_WARNING_S:
                self.levelStatus.setText(texts.DEVICES_SILENT.format(device=name))
        else:
            self._silent_since = None
            self.levelStatus.setText(
                texts.DEVICES_LEVEL_OK.format(device=name, level=reading.rms_dbfs)
            )

    def _listen_stopped(self, error: str) -> None:
        self.listenButton.blockSignals(True)
        self.listenButton.setChecked(False)
        self.listenButton.blockSignals(False)
        self.listenButton.setText(texts.DEVICES_LISTEN)
        self.meter.setValue(METER_FLOOR_DBFS)
        if error:
            self.levelStatus.setText(error)

    # ------------------------------------------------------------------ tone and latency

    def _play_tone(self) -> None:
        device = self.selectedOutput()
        if device is None:
            return
        self.toneStatus.setText(texts.DEVICES_PLAYING.format(device=device.name))
        self.service.playTone(device)
        self._set_actions_enabled(True)

    def _tone_done(self, error: str) -> None:
        self.toneStatus.setText(error or texts.DEVICES_TONE_DONE)
        self._set_actions_enabled(self._listed)

    def _measure_latency(self) -> None:
        device_in, device_out = self.selectedInput(), self.selectedOutput()
        if device_in is None or device_out is None:
            return
        self.listenButton.setChecked(False)
        self.latencyStatus.setText(texts.DEVICES_LATENCY_RUNNING)
        self.service.measureLatency(device_in, device_out)
        self._set_actions_enabled(True)

    def _latency_done(self, message: str) -> None:
        self.latencyStatus.setText(message)
        self._set_actions_enabled(self._listed)

    # ------------------------------------------------------------------ visibility

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._listed:
            self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        self.listenButton.setChecked(False)  # never leave a microphone open off-screen
        super().hideEvent(event)
