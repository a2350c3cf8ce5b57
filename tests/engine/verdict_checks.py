"""Checks every report of the suite can run: a verdict below the pass mark names its cause."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

PASS_MOS = 4.0
CAUSES = {"network-delay", "buffer-delay", "device-delay", "loss", "codec"}


def assert_verdict_names_its_largest_impairment(report: Mapping[str, Any]) -> None:
    """Below the pass mark the first action is the rating's largest impairment, and no action
    says "all good"."""
    verdict = report.get("verdict") or {}
    mos = verdict.get("mos")
    if mos is None or mos >= PASS_MOS:
        return
    rating = verdict.get("rating") or {}
    assert rating.get("largest_impairment") in CAUSES, rating
    actions = (report.get("recommendations") or {}).get("actions") or []
    assert actions, "a verdict below the pass mark with no action"
    assert actions[0]["id"] == "largest-impairment", [a["id"] for a in actions]
    assert actions[0]["evidence"]["cause"] == rating["largest_impairment"]
    assert all(a["id"] != "all-good" for a in actions)
