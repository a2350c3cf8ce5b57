"""The Devices screen: microphone and speaker pickers, a live input level, a speaker test and the
device delay check. Problems (no microphone, silence, clipping, a Bluetooth hands-free headset,
no audio system at all) are shown in place, in words that say what to do.

Plain words first, details on demand (issue 16): devices by :func:`texts.device_name`, a
sentence a non-technical employee can act on, and the figures (dBFS, the spread of the delay
bursts) on a quieter details line below it. Once the microphone has been heard, the check keeps
saying so while the user pauses: it used to flip to "No sound … muted … privacy settings" 2.5 s
after they stopped talking.
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
from callcheck.engine.device_checks import LatencyMeasurement
from callcheck.gui import texts
from callcheck.gui.device_service import DeviceService
from callcheck.gui.echo_controls import NetworkPicker, blocks_label, cancel_button, network_label

METER_FLOOR_DBFS: Final = -60
SILENCE_WARNING_S: Final = 2.0
"""Say "no sound" only after this long without any since listening began (a pause before the
first word is not a problem); once heard, the microphone works for the rest of the check."""
BLUETOOTH_HINTS: Final = ("bluetooth", "hands-free", "handsfree", "hfp", "headset_head_unit")
PROBLEM_STYLE: Final = "color: palette(text); background: rgba(230, 159, 0, 0.25); padding: 6px;"
DETAILS_STYLE: Final = "color: palette(placeholder-text); font-size: 11px;"


def _is_bluetooth_hands_free(name: str) -> bool:
    lowered = name.lower()
    return any(hint in lowered for hint in BLUETOOTH_HINTS)


def _status_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def latency_sentence(result: LatencyMeasurement) -> str:
    """The delay check in plain words: the round trip in whole milliseconds and the devices
    by name; its spread and run count go to the details line."""
    output = texts.device_name(result.output_device)
    microphone = texts.device_name(result.input_device)
    if result.roundtrip_ms is None:
        return texts.DEVICES_LATENCY_NOT_HEARD.format(output=output, input=microphone)
    return texts.DEVICES_LATENCY_PLAIN.format(
        delay=result.roundtrip_ms.median, output=output, input=microphone
    )


def _details_label(name: str) -> QLabel:
    """The quieter line under a check's sentence: its figures, for a helpdesk."""
    label = _status_label()
    label.setObjectName(name)
    label.setStyleSheet(DETAILS_STYLE)
    label.hide()
    return label


def _show_details(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


class DevicesScreen(QWidget):
    """Emits ``devicesChosen(input_name, output_name)`` when the user picks other devices."""

    devicesChosen = Signal(str, str)
    echoRequested = Signal(str)
    """"Hear yourself" with the chosen simulated network (an engine ``NETWORK_PRESETS`` key)."""
    echoCancelRequested = Signal()

    def __init__(self, service: DeviceService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._listed = False
        self._silent_since: float | None = None
        self._heard = False  # the microphone has been heard since listening began
        self._loudest_dbfs: float | None = None
        self._latency: LatencyMeasurement | None = None
        self._wanted = ("", "")
        self._echo_running = False  # "Hear yourself" holds the devices: the checks wait
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
        self.meter.setTextVisible(False)  # the figure is on the details line, in dBFS
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
        self.levelDetails = _details_label("levelDetails")
        level_layout.addWidget(self.levelDetails)

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
        self.latencyDetails = _details_label("latencyDetails")
        latency_text = QVBoxLayout()
        latency_text.addWidget(self.latencyStatus)
        latency_text.addWidget(self.latencyDetails)
        latency_layout = QHBoxLayout(latency_box)
        latency_layout.addWidget(self.latencyButton, 0, Qt.AlignmentFlag.AlignTop)
        latency_layout.addLayout(latency_text, 1)

        echo_box = QGroupBox(texts.ECHO_BOX)
        self.echoButton = QPushButton(texts.ECHO_BUTTON)
        self.echoButton.setToolTip(texts.ECHO_HINT)
        self.echoNetwork = NetworkPicker()
        self.echoButton.clicked.connect(lambda: self.echoRequested.emit(self.echoNetwork.network()))
        self.echoCancelButton = cancel_button()
        self.echoCancelButton.clicked.connect(self.echoCancelRequested)
        self.echoStatus = _status_label()
        self.echoStatus.setText(texts.ECHO_HINT)
        self.echoBlocks = blocks_label()
        echo_row = QHBoxLayout()
        echo_row.addWidget(self.echoButton)
        echo_row.addWidget(self.echoCancelButton)
        echo_row.addSpacing(12)
        echo_row.addWidget(network_label(self.echoNetwork))
        echo_row.addWidget(self.echoNetwork)
        echo_row.addStretch(1)
        echo_layout = QVBoxLayout(echo_box)
        echo_layout.addLayout(echo_row)
        echo_layout.addWidget(self.echoStatus)
        echo_layout.addWidget(self.echoBlocks)

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
            (self.echoButton, self.echoCancelButton),
            (self.echoCancelButton, self.echoNetwork),
        ):
            QWidget.setTabOrder(first, second)

        service.devicesListed.connect(self._show_devices)
        service.unavailable.connect(self._show_unavailable)
        service.level.connect(self._show_level)
        service.listenStopped.connect(self._listen_stopped)
        service.toneDone.connect(self._tone_done)
        service.latencyMeasured.connect(self._latency_measured)
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
            label = texts.device_name(device.name)
            if default and label != texts.START_DEVICES_DEFAULT:  # not "system default (default)"
                label += texts.DEVICES_DEFAULT_MARK
            picker.addItem(label, device)
            picker.setItemData(picker.count() - 1, device.name, Qt.ItemDataRole.ToolTipRole)
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
                problems.append(
                    texts.DEVICES_BLUETOOTH.format(device=texts.device_name(device.name))
                )
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
        free = not self._echo_running
        has_in = listed and self.selectedInput() is not None and free
        has_out = listed and self.selectedOutput() is not None and free
        self.listenButton.setEnabled(has_in)
        self.toneButton.setEnabled(has_out and not self.service.isBusy())
        self.latencyButton.setEnabled(has_in and has_out and not self.service.isBusy())
        # The echo needs the devices the tone and the delay check have open.
        self.echoButton.setEnabled(free and not self.service.isBusy())
        why = "" if free else texts.ECHO_BLOCKS
        for button in (self.listenButton, self.toneButton, self.latencyButton):
            button.setAccessibleDescription(why)
        self.inputPicker.setEnabled(self.inputPicker.count() > 0)
        self.outputPicker.setEnabled(self.outputPicker.count() > 0)

    def showEcho(self, text: str, *, running: bool) -> None:
        """What "Hear yourself" is doing or found. While it runs: its button off, Cancel shown,
        and the device checks off, with the reason under the status."""
        was_running = self.echoCancelButton.isVisibleTo(self)
        had_focus = self.echoCancelButton.hasFocus()
        self.echoStatus.setText(text)
        self._echo_running = running
        self.echoCancelButton.setVisible(running)
        self.echoCancelButton.setEnabled(running)
        self.echoNetwork.setEnabled(not running)
        self.echoBlocks.setVisible(running)
        self._set_actions_enabled(self._listed)
        # Keyboard users keep their place: to Cancel as the echo button goes off, and back.
        if running and not was_running and self.isVisible():
            self.echoCancelButton.setFocus()
        elif not running and had_focus:
            self.echoButton.setFocus()

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
            self._heard = False
            self._loudest_dbfs = None
            self.listenButton.setText(texts.DEVICES_STOP_LISTENING)
            self.levelStatus.setText(texts.DEVICES_SAY_SOMETHING)
            _show_details(self.levelDetails, "")
            self.service.startListening(device)
        else:
            self.listenButton.setText(texts.DEVICES_LISTEN)
            self.service.stopListening()

    def _show_level(self, reading: LevelReading) -> None:
        device = self.selectedInput()
        name = texts.device_name(device.name) if device is not None else ""
        self.meter.setValue(max(METER_FLOOR_DBFS, min(0, round(reading.rms_dbfs))))
        now = time.monotonic()
        if reading.clipping:
            self.levelStatus.setText(texts.DEVICES_CLIPPING.format(device=name))
        elif reading.silent:
            if self._silent_since is None:
                self._silent_since = now
            # Heard once, the microphone works: a pause in speech is not a muted microphone.
            if not self._heard and now - self._silent_since >= SILENCE_WARNING_S:
                self.levelStatus.setText(texts.DEVICES_SILENT.format(device=name))
        else:
            self._silent_since = None
            self._heard = True
            self.levelStatus.setText(texts.DEVICES_LEVEL_OK.format(device=name))
        if not reading.silent:
            loudest = self._loudest_dbfs
            self._loudest_dbfs = (
                reading.rms_dbfs if loudest is None else max(loudest, reading.rms_dbfs)
            )
        level = texts.DEVICES_LEVEL_DETAILS.format(level=reading.rms_dbfs)
        if self._loudest_dbfs is not None:
            level = texts.DEVICES_LEVEL_DETAILS_LOUDEST.format(
                level=reading.rms_dbfs, loudest=self._loudest_dbfs
            )
        _show_details(self.levelDetails, level)

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
        self.toneStatus.setText(texts.DEVICES_PLAYING.format(device=texts.device_name(device.name)))
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
        _show_details(self.latencyDetails, "")
        self._latency = None
        self.service.measureLatency(device_in, device_out)
        self._set_actions_enabled(True)

    def _latency_measured(self, result: LatencyMeasurement) -> None:
        self._latency = result

    def _latency_done(self, message: str) -> None:
        """The plain sentence from the measurement, its figures on the details line; an error
        (no measurement) as it came."""
        result, self._latency = self._latency, None
        if result is None:
            self.latencyStatus.setText(message)
        else:
            self.latencyStatus.setText(latency_sentence(result))
            _show_details(self.latencyDetails, message)
        self._set_actions_enabled(self._listed)

    # ------------------------------------------------------------------ visibility

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._listed:
            self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        self.listenButton.setChecked(False)  # never leave a microphone open off-screen
        super().hideEvent(event)
