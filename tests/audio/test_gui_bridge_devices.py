"""The desktop app's path with the devices on: the GUI bridge's test call through the test sound
server measures the same device path as the CLI (tests/audio/test_device_path_truth.py): a delay
sink adds its known delay to the direct path's figure."""

from __future__ import annotations

import os
import time

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication

from callcheck.gui.bridge import EngineBridge, TestOptions, TestOutcome

pytestmark = [pytest.mark.audio, pytest.mark.gui]

DURATION_S = 8.0
TOLERANCE_MS = 5.0


def run_bridge(qapp: QApplication, output: str) -> dict[str, object]:
    """One loopback test through the GUI bridge with the devices on; the report's audio_path."""
    bridge = EngineBridge()
    outcomes: list[object] = []
    bridge.finished.connect(outcomes.append)
    bridge.failed.connect(outcomes.append)
    options = TestOptions(
        duration_s=DURATION_S,
        use_devices=True,
        input_device="callcheck_monitor",
        output_device=output,
    )
    bridge.start_test(options)
    deadline = time.monotonic() + DURATION_S + 40.0
    while not outcomes and time.monotonic() < deadline:
        qapp.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)
    bridge.shutdown()
    assert outcomes, "the test call did not finish"
    outcome = outcomes[0]
    assert isinstance(outcome, TestOutcome), outcome
    path: dict[str, object] = outcome.report.to_json()["audio_path"]
    return path


def test_gui_bridge_measures_the_device_path_by_the_signal(
    sound_system: dict[str, str], qapp: QApplication
) -> None:
    direct = run_bridge(qapp, "callcheck_direct")
    delayed = run_bridge(qapp, "callcheck_delay100")
    for path in (direct, delayed):
        assert path["errors"] == [], path
        assert path["method"] == "signal", path
    assert isinstance(direct["device_roundtrip_ms"], float)
    assert isinstance(delayed["device_roundtrip_ms"], float)
    truth = direct["device_roundtrip_ms"] + 100.0
    assert delayed["device_roundtrip_ms"] == pytest.approx(truth, abs=TOLERANCE_MS), (
        direct,
        delayed,
    )
