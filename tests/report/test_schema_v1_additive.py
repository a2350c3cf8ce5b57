"""The report schema grows additively: old reports still validate, new fields validate too."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from callcheck.core.quality import CallConditions, assess, measured
from callcheck.core.rating import rate_call
from callcheck.core.report import quality_json

ROOT = Path(__file__).parents[2]
SCHEMA = json.loads((ROOT / "resources" / "report.schema.json").read_text())
V1 = json.loads((ROOT / "tests" / "fixtures" / "report-v1-loopback.json").read_text())


def test_the_v1_fixture_still_validates() -> None:
    jsonschema.validate(V1, SCHEMA)


@pytest.mark.parametrize("codec_key", ["opus-96", "g711-plc"])
def test_a_report_with_the_rating_fields_validates(codec_key: str) -> None:
    q = assess(
        CallConditions(
            codec_key=codec_key,
            network_delay_ms=measured(180.0),
            loss_pct=measured(4.0),
            jitter_ms=measured(8.0),
            buffer_ms=measured(35.0),
        )
    )
    rating = rate_call(q)
    report: dict[str, Any] = copy.deepcopy(V1)
    report["quality"] = quality_json(q)
    report["verdict"]["mos_label"] = q.mos_label
    report["verdict"]["rating"] = rating.to_json()
    report["recommendations"]["codecs"] = [
        {**r.to_json(), "current": r.codec_key == q.codec_key} for r in rating.codecs
    ]
    jsonschema.validate(report, SCHEMA)
    assert report["verdict"]["rating"]["largest_impairment"] in {
        "network-delay",
        "buffer-delay",
        "device-delay",
        "loss",
        "codec",
    }


def test_a_wrong_label_is_refused() -> None:
    report: dict[str, Any] = copy.deepcopy(V1)
    report["verdict"]["mos_label"] = "MOS-LQO"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(report, SCHEMA)


def test_a_shared_test_report_validates_and_old_ones_still_do() -> None:
    """Issue 17: ``share`` is additive; a report without it (every older one) stays valid."""
    report = copy.deepcopy(V1)
    shared = {
        **report,
        "share": {
            "code": "AC7-K3M-9PX",
            "url": "https://cc.example.com/live/AC7-K3M-9PX",
            "expires_at": "2026-12-04T10:00:00+00:00",
        },
    }
    jsonschema.validate(shared, SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**report, "share": {"code": "AC7-K3M-9PX"}}, SCHEMA)


def test_a_timeline_with_the_recent_mos_validates_and_old_ones_still_do() -> None:
    """Issue 12: ``timeline[].mos_recent`` (the last second) is additive."""
    report: dict[str, Any] = copy.deepcopy(V1)
    assert report["timeline"], "the v1 fixture has a timeline"
    assert all("mos_recent" not in s for s in report["timeline"])  # an old report
    report["timeline"] = [
        {**s, "mos_recent": None if i == 0 else 2.9} for i, s in enumerate(report["timeline"])
    ]
    jsonschema.validate(report, SCHEMA)
    report["timeline"][1]["mos_recent"] = "bad"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(report, SCHEMA)
