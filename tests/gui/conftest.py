"""GUI tests run offscreen: no display needed (DESIGN.md, Testing)."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Before anything imports Qt: the platform plugin is chosen when the QApplication is made.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
REPORT_FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "report-v1-loopback.json"


@pytest.fixture
def screenshot_dir() -> Path:
    """Where tests save screenshots for review (gitignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own history directory: never the user's real one."""
    directory = tmp_path / "data"
    monkeypatch.setenv("CALLCHECK_DATA_DIR", str(directory))
    # Test calls use the built-in signal: the test machine's sound server is the audio tests'.
    monkeypatch.setenv("CALLCHECK_NO_AUDIO_DEVICE", "1")
    # Settings tests must never read or delete a token in the user's real keychain.
    monkeypatch.setenv("CALLCHECK_NO_KEYRING", "1")
    # The at-login entry (issue 18) goes to a test folder, never the user's autostart folder.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    yield directory
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:  # a test that switched theme leaves the system one
        from callcheck.gui.theme import apply_theme

        apply_theme("system")


@pytest.fixture(autouse=True)
def event_loops_still_run() -> Iterator[None]:
    """After each test, an event loop of the GUI thread still runs until it is told to quit.

    A test that leaves a Quit event queued (closing the last window *and* calling quit()) makes
    Qt set the thread's "quit now" flag: every later ``QEventLoop.exec()`` — each
    ``qtbot.waitSignal`` — then returns at once, and a test files later times out waiting for
    a signal that was never waited for. This names the test that did it.
    """
    yield
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        return

    def loop_runs() -> bool:
        loop = QEventLoop()
        ran: list[bool] = []
        QTimer.singleShot(0, lambda: (ran.append(True), loop.quit()))
        loop.exec()
        return bool(ran)

    message = "this test left Qt's event loops quitting (a queued Quit event)"
    assert loop_runs(), message
    assert loop_runs(), message  # the first pass may have consumed the Quit: now it shows


def _make_report(
    mos: float, started_at: str, *, rtt_ms: float = 112.0, report_id: str | None = None
) -> dict[str, Any]:
    """The stored loopback fixture report with another MOS, date and round trip."""
    data: dict[str, Any] = json.loads(REPORT_FIXTURE.read_text())
    report = copy.deepcopy(data)
    report["id"] = report_id or f"test-{started_at[:19].replace(':', '')}"
    report["started_at"] = started_at
    from callcheck.core.grades import PASS_MOS, grade_for

    grade = str(grade_for(mos))
    report["verdict"].update(mos=mos, grade=grade, passed=mos >= PASS_MOS)
    report["verdict"]["summary"] = f"{grade} (MOS {mos:.2f})."
    report["quality"].update(mos=mos, grade=grade)
    for direction in report["network"].values():
        if direction and direction.get("rtt_ms"):
            direction["rtt_ms"]["mean"] = rtt_ms
    return report


@pytest.fixture
def make_report() -> Any:
    """``make_report(mos, started_at, rtt_ms=…)``: the fixture report with other figures."""
    return _make_report
