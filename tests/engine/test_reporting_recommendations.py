"""Recommendations of a real (emulated) call, and the report enriched with host, QoS, capacity."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
from verdict_checks import assert_verdict_names_its_largest_impairment

from callcheck.core.capacity import CapacityResult
from callcheck.core.host import HostInfo, InterfaceKind, WifiInfo
from callcheck.core.qos import QosResult
from callcheck.engine.call import CallConfig
from callcheck.engine.impairment import ImpairmentSpec
from callcheck.engine.reporting import build_report, enrich_report

SCHEMA = json.loads((Path(__file__).parents[2] / "resources" / "report.schema.json").read_text())


def test_lossy_wifi_call_gets_codecs_and_actions(call_runner: Callable[..., Any]) -> None:
    spec = ImpairmentSpec.parse("delay=40,jitter=5,loss=4,seed=7")
    run = call_runner(CallConfig.impaired(spec, duration_s=3.0))
    report = build_report(run.result)
    host = HostInfo(
        os="linux",
        interface="wlan0",
        interface_kind=InterfaceKind.WIFI,
        wifi=WifiInfo(signal_dbm=-60.0, band_ghz=5.0),
    )
    enriched = enrich_report(
        report,
        run.result,
        host=host,
        qos=QosResult(46, dscp_received_uplink=0, sockets_marked=1),
        capacity=(CapacityResult("uplink", 64.0, 20.0, 300.0, 280.0, "D"),),
    )
    data: dict[str, Any] = enriched.to_json()
    jsonschema.validate(data, SCHEMA)
    codecs = data["recommendations"]["codecs"]
    assert codecs[0]["recommended"]
    assert {c["codec"] for c in codecs if not c["fits_bandwidth"]} >= {"g711-plc", "g722"}
    ids = [a["id"] for a in data["recommendations"]["actions"]]
    assert {"wifi-loss", "qos-stripped", "bufferbloat", "bandwidth"} <= set(ids)
    assert data["environment"]["host"]["interface_kind"] == "wifi"
    assert data["environment"]["qos"]["verdict"] == "stripped"
    # One rating (issue 12): the call's own Opus at 96 kbit/s has its row, and that row is the
    # verdict on the common wideband scale (Opus is wideband: the verdict's own scale).
    (current,) = [c for c in codecs if c.get("current")]
    assert current["codec"] == "opus-96"
    assert current["mos_label"] == data["quality"]["mos_label"] == "MOS-CQEW"
    assert current["predicted_mos"] == data["verdict"]["mos"]
    rating = data["verdict"]["rating"]
    assert rating["common_scale"]["mos"] == data["verdict"]["mos"]
    assert_verdict_names_its_largest_impairment(data)


def test_a_call_below_the_pass_mark_names_its_largest_impairment_first(
    call_runner: Callable[..., Any],
) -> None:
    spec = ImpairmentSpec.parse("delay=30,jitter=3,loss=12,seed=5")
    run = call_runner(CallConfig.impaired(spec, duration_s=3.0))
    data: dict[str, Any] = build_report(run.result).to_json()
    jsonschema.validate(data, SCHEMA)
    assert data["verdict"]["mos"] < 4.0
    assert data["verdict"]["rating"]["largest_impairment"] == "loss"
    assert_verdict_names_its_largest_impairment(data)
    assert "packet loss" in data["recommendations"]["actions"][0]["text"]


def test_a_narrowband_call_on_a_clean_network_is_not_called_fair(
    call_runner: Callable[..., Any],
) -> None:
    # The company's softphone uses G.711: on a clean network the verdict is on G.711's own
    # scale (MOS-CQE) and passes; "why this score" says what a wideband codec would give.
    run = call_runner(CallConfig(codec="pcmu", duration_s=3.0))
    data: dict[str, Any] = build_report(run.result).to_json()
    jsonschema.validate(data, SCHEMA)
    assert data["verdict"]["mos_label"] == "MOS-CQE"
    assert data["verdict"]["grade"] in {"Excellent", "Good"}
    assert data["verdict"]["passed"]
    rating = data["verdict"]["rating"]
    assert rating["common_scale"]["mos_label"] == "MOS-CQEW"
    assert rating["wideband_alternative"]["mos"] > rating["common_scale"]["mos"]
    (current,) = [c for c in data["recommendations"]["codecs"] if c.get("current")]
    assert current["codec"] == "g711-plc"
    assert current["predicted_mos"] == rating["common_scale"]["mos"]
    # Switching to a wideband codec is advice, not a failure: the call passes.
    actions = data["recommendations"]["actions"]
    assert all(a["severity"] == "info" for a in actions), actions
    codec_advice = [a for a in actions if a["id"] == "codec"]
    assert not codec_advice or "MOS-CQEW" in codec_advice[0]["text"]
