"""Helpers for the fleet tests: reports with known figures, built from the schema's fixture."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "report-v1-loopback.json"
T0 = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


def base_report() -> dict[str, Any]:
    """The v1 loopback fixture (a schema-valid report)."""
    report: dict[str, Any] = json.loads(FIXTURE.read_text())
    return report


def make_report(
    report_id: str,
    *,
    started_at: datetime = T0,
    mos: float | None = 4.2,
    rtt_ms: tuple[float, float] = (40.0, 60.0),
    jitter_ms: tuple[float, float] = (3.0, 2.0),
    loss_pct: tuple[float, float] = (0.5, 1.5),
    error_code: str | None = None,
) -> dict[str, Any]:
    """A schema-valid report whose verdict and per-direction means are the given numbers
    (uplink, downlink): the worse direction is the larger of each pair."""
    report = copy.deepcopy(base_report())
    report["id"] = report_id
    report["started_at"] = started_at.isoformat()
    passed = mos is not None and mos >= 4.0 and error_code is None
    report["verdict"] = {
        "passed": passed,
        "grade": None if mos is None else ("Good" if mos >= 4.0 else "Poor"),
        "mos": mos,
        "summary": "synthetic",
        "complete": mos is not None,
    }
    report["quality"]["mos"] = mos if mos is not None else 1.0
    # Make delay the dominant impairment of a failed rated test (G.107 Id).
    report["quality"]["breakdown"].update({"Id": 30.0, "Ie_eff": 10.0, "Is": 0.0})
    for i, direction in enumerate(("uplink", "downlink")):
        d = report["network"][direction]
        d["rtt_ms"]["mean"] = rtt_ms[i]
        d["jitter_ms"]["mean"] = jitter_ms[i]
        d["loss_pct"]["mean"] = loss_pct[i]
    report["errors"] = [] if error_code is None else [{"code": error_code, "message": "x"}]
    return report


def hours(n: float) -> timedelta:
    return timedelta(hours=n)
