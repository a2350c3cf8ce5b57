"""The one-screen text summary for tickets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from callcheck.core.report import ReportFormatError
from callcheck.core.report_text import WIDTH, key_numbers, summary_text

FIXTURE = Path(__file__).parents[1] / "fixtures" / "report-v1-loopback.json"


@pytest.fixture
def report() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text())
    return data


def test_summary_has_what_a_ticket_needs(report: dict[str, Any]) -> None:
    text = summary_text(report)
    assert report["id"] in text
    assert report["started_at"] in text
    assert f"CallCheck {report['app_version']}" in text
    assert f"MOS {report['quality']['mos']:.2f}" in text
    assert report["verdict"]["grade"] in text
    assert "Round trip" in text
    assert "jitter" in text
    assert "packet loss" in text
    assert "What to do:" in text
    assert "1. [" in text
    assert "Best codec:" in text
    assert "Wi-Fi (wlan0, -71 dBm, 2.4 GHz); VPN: wg0" in text


def test_summary_fits_one_screen(report: dict[str, Any]) -> None:
    lines = summary_text(report).splitlines()
    assert len(lines) <= 25
    assert max(len(line) for line in lines) <= WIDTH


def test_at_most_three_actions(report: dict[str, Any]) -> None:
    report["recommendations"]["actions"] = [
        {"id": f"a{i}", "severity": "info", "text": f"action {i}"} for i in range(6)
    ]
    text = summary_text(report)
    assert "3. [info] action 2" in text
    assert "action 3" not in text


def test_key_numbers_take_the_worse_direction(report: dict[str, Any]) -> None:
    report["network"]["uplink"]["loss_pct"]["mean"] = 9.5
    report["network"]["downlink"]["loss_pct"]["mean"] = 0.5
    assert key_numbers(report)["loss_pct"] == 9.5
    assert "packet loss 9.5 %" in summary_text(report)


def test_a_call_without_audio_still_summarises(report: dict[str, Any]) -> None:
    report["quality"] = None
    report["verdict"] = {"passed": False, "grade": None, "summary": "No audio was measured."}
    report["network"] = {"uplink": None, "downlink": None}
    report["errors"] = [{"code": "ice_failed", "message": "Could not connect."}]
    text = summary_text(report)
    assert "Result: no score (FAIL)" in text
    assert "not measured" in text
    assert "Note: Could not connect." in text


def test_not_a_report_is_refused() -> None:
    with pytest.raises(ReportFormatError):
        summary_text({"schema": "something/else"})
