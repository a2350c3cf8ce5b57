"""Every screen of the app, one after the other, with believable content and no test call: for
the translated-screens test (clipping, mnemonics) and the screenshot script.

``tour(window, make_report)`` shows each screen in turn and yields its name while it is up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QElapsedTimer
from PySide6.QtWidgets import QApplication

from callcheck.core.advice import advise, inputs_from_report
from callcheck.core.result_phrases import verdict_phrase
from callcheck.gui.app import MainWindow

#: The screens :func:`tour` shows, in order.
SCREENS = (
    "start",
    "start-network-test",
    "start-call-a-colleague",
    "room",
    "devices",
    "live",
    "results",
    "results-details",
    "results-failing",
    "compare",
    "history",
    "settings",
    "error",
)

MakeReport = Callable[..., dict[str, Any]]


def _settle(window: MainWindow) -> None:
    """Let Qt lay the screen out (layouts settle over a few event-loop passes)."""
    for _ in range(3):
        QApplication.processEvents()
    window.repaint()


def _wait(condition: Callable[[], bool], timeout_ms: int = 5000) -> None:
    timer = QElapsedTimer()
    timer.start()
    while not condition():
        if timer.elapsed() > timeout_ms:
            raise TimeoutError("the screen did not get ready in time")
        QApplication.processEvents()


def this_version(report: dict[str, Any]) -> dict[str, Any]:
    """The fixture report with this version's sentences (the verdict and the actions as
    phrases), so that the screens show them in the app's language as after a real test."""
    verdict = report["verdict"]
    report["quality"]["passed"] = verdict["passed"]
    verdict["summary"] = verdict_phrase(
        verdict["grade"], verdict["mos"], passed=verdict["passed"], partial=False
    ).text
    actions = advise(inputs_from_report(report))
    report["recommendations"]["actions"] = [action.to_json() for action in actions]
    return report


def tour(window: MainWindow, make_report: MakeReport) -> Iterator[str]:
    """Show every screen of ``window`` in turn; yield the screen's name while it is shown."""
    earlier = this_version(
        make_report(3.52, "2025-03-01T09:00:00+00:00", rtt_ms=180.0, report_id="earlier")
    )
    good = this_version(
        make_report(4.21, "2025-03-02T10:00:00+00:00", rtt_ms=48.0, report_id="good")
    )
    failing = this_version(
        make_report(2.63, "2025-03-03T11:00:00+00:00", rtt_ms=420.0, report_id="failing")
    )
    for report in (earlier, good, failing):
        window.historyStore.add(report)

    window.show_start()
    for mode, name in (
        ("loopback", "start"),
        ("server", "start-network-test"),
        ("peer", "start-call-a-colleague"),
    ):
        window.start.selectMode(mode)
        _settle(window)
        yield name
    window.start.selectMode("loopback")

    room = window.roomScreen()
    room.show_code("ac7k3m9px")
    window.stack.setCurrentWidget(room)
    _settle(window)
    yield "room"

    window.show_devices()
    _wait(lambda: window.devicesScreen().inputPicker.count() > 0)
    _settle(window)
    yield "devices"

    live = window.liveScreen()
    live.begin(20.0)
    window.stack.setCurrentWidget(live)
    _settle(window)
    yield "live"

    results = window.resultsScreen()
    results.show_report(good)
    results.setCompareAvailable(True)
    window.stack.setCurrentWidget(results)
    _settle(window)
    yield "results"
    results.detailsButton.click()
    _settle(window)
    yield "results-details"
    results.show_report(failing)
    _settle(window)
    yield "results-failing"

    window.show_comparison(earlier, good)
    _settle(window)
    yield "compare"

    window.show_history()
    _settle(window)
    yield "history"

    window.show_settings()
    _settle(window)
    yield "settings"

    window._on_failed(
        "Could not connect the test call within 10 s. Check the network or the firewall, then "
        "try again."
    )
    _settle(window)
    yield "error"
