"""Advice rules: every rule has a case that triggers it and one that does not."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from callcheck.core.advice import (
    RULES,
    AdviceInputs,
    CodecOption,
    Severity,
    action_text,
    advise,
    inputs_from_report,
)
from callcheck.core.capacity import (
    CapacityResult,
    ProbePacket,
    available_kbps,
    bufferbloat_grade,
    capacity_result,
)
from callcheck.core.host import AudioDeviceHint, HostInfo, InterfaceKind, WifiInfo
from callcheck.core.phrase import Phrase
from callcheck.core.qos import QosResult, QosVerdict, assess_qos, dominant_dscp, dscp_from_tos

FIXTURE = Path(__file__).parents[1] / "fixtures" / "report-v1-loopback.json"


def _wifi(signal_dbm: float = -55.0, band_ghz: float = 5.0) -> HostInfo:
    return HostInfo(
        os="linux",
        interface="wlan0",
        interface_kind=InterfaceKind.WIFI,
        wifi=WifiInfo(signal_dbm=signal_dbm, band_ghz=band_ghz),
    )


WIFI = _wifi()
WIRED = HostInfo(os="linux", interface="eth0", interface_kind=InterfaceKind.ETHERNET)
GOOD = AdviceInputs(mos=4.3, one_way_delay_ms=20.0, rtt_ms=40.0, jitter_ms=3.0, loss_pct=0.0)


def _with(**changes: Any) -> AdviceInputs:
    return replace(GOOD, **changes)


def _host(**changes: Any) -> HostInfo:
    return replace(WIRED, **changes)


def _cap(kbps: float | None = 5000.0, increase: float | None = 5.0) -> CapacityResult:
    loaded = None if increase is None else 20.0 + increase
    grade = None if increase is None else bufferbloat_grade(increase)
    return CapacityResult("uplink", kbps, 20.0, loaded, increase, grade)


HFP = AudioDeviceHint("Headset (WH-1000XM4 Hands-Free AG Audio)", 16000.0)
A2DP = AudioDeviceHint("WH-1000XM4 Stereo", 48000.0)
BETTER = (CodecOption("opus-32-fec", "Opus 32k + FEC", 4.1), CodecOption("g711-plc", "G.711", 3.5))
SAME = (CodecOption("g711-plc", "G.711", 4.2), CodecOption("opus-32", "Opus 32k", 4.1))

# (rule id, severity, inputs that trigger it, inputs that do not)
CASES: list[tuple[str, Severity, AdviceInputs, AdviceInputs]] = [
    ("delay", Severity.CRITICAL, _with(one_way_delay_ms=450.0), _with()),
    ("delay", Severity.WARNING, _with(one_way_delay_ms=180.0), _with(one_way_delay_ms=45.0)),
    ("delay", Severity.INFO, _with(rtt_ms=130.0), _with(rtt_ms=90.0)),
    # G.114's limits apply to Ta (mouth to ear), not to the network's share alone.
    (
        "delay",
        Severity.CRITICAL,
        _with(mouth_to_ear_ms=430.0, one_way_delay_ms=350.0),
        _with(mouth_to_ear_ms=90.0),
    ),
    (
        "delay",
        Severity.WARNING,
        _with(mouth_to_ear_ms=205.0, one_way_delay_ms=120.0),
        _with(mouth_to_ear_ms=140.0, one_way_delay_ms=45.0),
    ),
    (
        "wifi-loss",
        Severity.WARNING,
        _with(host=WIFI, loss_pct=3.2),
        _with(host=WIRED, loss_pct=3.2),
    ),
    (
        "wifi-loss",
        Severity.CRITICAL,
        _with(host=WIFI, loss_pct=6.0),
        _with(host=WIFI, loss_pct=0.5),
    ),
    ("loss", Severity.WARNING, _with(host=WIRED, loss_pct=2.0), _with(host=WIRED, loss_pct=0.4)),
    ("loss", Severity.CRITICAL, _with(loss_pct=7.0), _with(host=WIFI, loss_pct=7.0)),
    ("jitter", Severity.WARNING, _with(jitter_ms=45.0), _with(jitter_ms=12.0)),
    ("jitter", Severity.WARNING, _with(late_discard_pct=2.0), _with(late_discard_pct=0.2)),
    ("wifi-signal", Severity.WARNING, _with(host=_wifi(-72.0)), _with(host=_wifi(-60.0))),
    ("wifi-signal", Severity.CRITICAL, _with(host=_wifi(-85.0)), _with(host=WIRED)),
    ("wifi-band", Severity.INFO, _with(host=_wifi(band_ghz=2.4)), _with(host=_wifi(band_ghz=5.0))),
    ("vpn", Severity.INFO, _with(host=_host(vpn_interfaces=("wg0",))), _with(host=WIRED)),
    (
        "vpn",
        Severity.WARNING,
        _with(
            host=_host(vpn_interfaces=("tun0",), default_route_via_vpn=True),
            rtt_ms=160.0,
        ),
        _with(host=_host(vpn_interfaces=())),
    ),
    (
        "bluetooth-hands-free",
        Severity.WARNING,
        _with(host=_host(audio_devices=(HFP,))),
        _with(host=_host(audio_devices=(A2DP,))),
    ),
    (
        "audio-device-delay",
        Severity.CRITICAL,
        _with(mos=3.1, device_delay_ms=700.0, audio_devices=("USB Headset",)),
        _with(mos=4.4, device_delay_ms=40.0, audio_devices=("USB Headset",)),
    ),
    (
        "audio-device-delay",
        Severity.WARNING,
        _with(mos=4.2, device_delay_ms=120.0, audio_devices=("USB Headset",)),
        _with(mos=4.4, device_delay_ms=None),
    ),
    (
        "cpu",
        Severity.WARNING,
        _with(host=_host(cpu_load_pct=93.0)),
        _with(host=_host(cpu_load_pct=40.0)),
    ),
    (
        "bandwidth",
        Severity.CRITICAL,
        _with(capacity=(_cap(60.0),), voice_kbps=84.0),
        _with(capacity=(_cap(5000.0),), voice_kbps=84.0),
    ),
    (
        "bandwidth",
        Severity.WARNING,
        _with(capacity=(_cap(200.0),), voice_kbps=84.0),
        _with(capacity=(_cap(None),), voice_kbps=84.0),
    ),
    (
        "bufferbloat",
        Severity.WARNING,
        _with(capacity=(_cap(increase=90.0),)),
        _with(capacity=(_cap(increase=25.0),)),
    ),
    (
        "bufferbloat",
        Severity.CRITICAL,
        _with(capacity=(_cap(increase=250.0),)),
        _with(capacity=(_cap(increase=None),)),
    ),
    (
        "qos-stripped",
        Severity.WARNING,
        _with(qos=QosResult(46, dscp_received_uplink=0)),
        _with(qos=QosResult(46, dscp_received_uplink=46)),
    ),
    (
        "qos-stripped",
        Severity.WARNING,
        _with(qos=QosResult(46, dscp_received_uplink=8)),
        _with(qos=QosResult(46, dscp_received_uplink=None)),
    ),
    (
        "firewall-tcp",
        Severity.WARNING,
        _with(ice_protocol="tcp", relay_used=True),
        _with(ice_protocol="udp"),
    ),
    (
        "firewall-relay",
        Severity.INFO,
        _with(ice_protocol="udp", relay_used=True),
        _with(relay_used=False),
    ),
    (
        "codec",
        Severity.WARNING,
        _with(codecs=BETTER, current_codec="g711-plc"),
        _with(codecs=SAME, current_codec="g711-plc"),
    ),
    (
        "codec",
        Severity.INFO,
        _with(codecs=(CodecOption("a", "A", 4.4), CodecOption("b", "B", 4.1)), current_codec="b"),
        _with(codecs=BETTER, current_codec="opus-32-fec"),
    ),
    ("all-good", Severity.INFO, _with(), _with(mos=3.5)),
    # Never "all good" beside a finding, not even an INFO one above a target.
    ("all-good", Severity.INFO, _with(), _with(rtt_ms=120.0)),
    ("all-good", Severity.INFO, _with(), _with(loss_pct=2.0)),
]


def _ids(actions: tuple[Any, ...]) -> list[str]:
    return [a.id for a in actions]


@pytest.mark.parametrize(
    ("rule_id", "severity", "trigger", "quiet"),
    CASES,
    ids=[f"{c[0]}-{c[1]}-{i}" for i, c in enumerate(CASES)],
)
def test_rule_triggers_and_stays_quiet(
    rule_id: str, severity: Severity, trigger: AdviceInputs, quiet: AdviceInputs
) -> None:
    found = [a for a in advise(trigger) if a.id == rule_id]
    assert len(found) == 1, _ids(advise(trigger))
    assert found[0].severity is severity
    assert found[0].text
    assert found[0].evidence
    assert rule_id not in _ids(advise(quiet))


def test_every_rule_is_covered_by_the_table() -> None:
    for rule in RULES:
        assert any(
            rule(trigger) is not None and rule(quiet) is None for _, _, trigger, quiet in CASES
        ), rule.__name__


def test_wifi_loss_text_has_the_numbers() -> None:
    (action,) = [
        a for a in advise(_with(host=WIFI, loss_pct=3.2, burst_ratio=2.0)) if a.id == "wifi-loss"
    ]
    assert action.text.startswith("You are on Wi-Fi and 3.2 % of packets were lost in bursts")
    assert "wired connection" in action.text
    assert action.evidence["loss_pct"] == 3.2


def test_actions_are_sorted_most_severe_first() -> None:
    actions = advise(_with(one_way_delay_ms=450.0, jitter_ms=45.0, host=_wifi(band_ghz=2.4)))
    order = {Severity.CRITICAL: 0, Severity.WARNING: 1, Severity.INFO: 2}
    ranks = [order[a.severity] for a in actions]
    assert ranks == sorted(ranks)
    assert actions[0].id == "delay"


def test_nothing_measured_gives_no_actions() -> None:
    assert advise(AdviceInputs()) == ()


def test_action_json() -> None:
    data = advise(_with(jitter_ms=45.123456))[0].to_json()
    assert data["severity"] == "warning"
    assert data["evidence"]["jitter_ms"] == 45.12


def test_inputs_from_a_saved_report() -> None:
    report = json.loads(FIXTURE.read_text())
    inputs = inputs_from_report(report, host=WIFI)
    assert inputs.loss_pct is not None
    assert inputs.loss_pct > 0
    assert inputs.rtt_ms is not None
    assert inputs.one_way_delay_ms is not None
    assert inputs.codecs
    assert inputs.mos is not None
    assert "wifi-loss" in _ids(advise(inputs))


# -- QoS and capacity models ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sent", "received", "verdict"),
    [
        (46, 46, QosVerdict.PRESERVED),
        (46, 0, QosVerdict.STRIPPED),
        (46, 10, QosVerdict.REMARKED),
        (46, None, QosVerdict.UNKNOWN),
        (None, 46, QosVerdict.NOT_MARKED),
    ],
)
def test_qos_verdict(sent: int | None, received: int | None, verdict: QosVerdict) -> None:
    assert assess_qos(sent, received) is verdict


def test_dscp_from_tos() -> None:
    assert dscp_from_tos(0xB8) == 46
    assert dscp_from_tos(0xB9) == 46  # ECN bits ignored
    assert dominant_dscp([0xB8, 0xB8, 0x00]) == 46
    assert dominant_dscp([]) is None
    with pytest.raises(ValueError, match="byte"):
        dscp_from_tos(300)


def test_available_bandwidth_from_a_packet_train() -> None:
    # 1000-byte packets every 10 ms for 1 s: 800 kbit/s.
    train = [ProbePacket(arrival_ms=10.0 * i, size_bytes=1000) for i in range(101)]
    assert available_kbps(train) == pytest.approx(800.0)
    assert available_kbps(train[:5]) is None  # too few packets
    short = [ProbePacket(arrival_ms=1.0 * i, size_bytes=1000) for i in range(50)]
    assert available_kbps(short) is None  # too short to tell


@pytest.mark.parametrize(
    ("increase", "grade"),
    [(2.0, "A+"), (20.0, "A"), (45.0, "B"), (150.0, "C"), (300.0, "D"), (600.0, "F")],
)
def test_bufferbloat_grades(increase: float, grade: str) -> None:
    assert bufferbloat_grade(increase) == grade


def test_capacity_result_uses_medians() -> None:
    train = [ProbePacket(arrival_ms=10.0 * i, size_bytes=500) for i in range(50)]
    r = capacity_result(
        "downlink", train, idle_rtts_ms=[20, 22, 21, 500], loaded_rtts_ms=[120, 130, 125]
    )
    assert r.idle_rtt_ms == pytest.approx(21.5)
    assert r.rtt_increase_ms == pytest.approx(103.5)
    assert r.grade == "C"
    assert r.to_json()["bufferbloat_grade"] == "C"


# ---------------------------------------------------------------- translatable sentences

# More inputs, for the wordings the table above does not reach (each wording is a template).
EXTRA: list[AdviceInputs] = [
    _with(host=WIFI, loss_pct=3.2, burst_ratio=2.0),
    _with(host=WIRED, loss_pct=12.25, burst_ratio=3.0),
    _with(jitter_ms=45.0, late_discard_pct=2.5),
    _with(jitter_ms=10.0, late_discard_pct=2.5),
    _with(jitter_ms=None, late_discard_pct=3.0),
    _with(one_way_delay_ms=60.0, rtt_ms=None),
    _with(host=_host(audio_devices=(AudioDeviceHint("Headset Hands-Free", None),))),
    _with(host=_host(vpn_interfaces=("tun0", "wg1"), default_route_via_vpn=True), loss_pct=2.0),
    _with(capacity=(_cap(increase=90.0), _cap(increase=300.0))),
    _with(qos=QosResult(46, dscp_received_uplink=None)),
    _with(
        one_way_delay_ms=451.5, rtt_ms=903.0, jitter_ms=60.0, loss_pct=8.0, host=_wifi(-90.0, 2.4)
    ),
    AdviceInputs(mos=4.5),
]
ALL_INPUTS = [inputs for case in CASES for inputs in case[2:]] + EXTRA


def _pseudo(context: str, source: str) -> str:
    return f"[{context}: {source}]"


@pytest.mark.parametrize("inputs", ALL_INPUTS, ids=[f"inputs-{i}" for i in range(len(ALL_INPUTS))])
def test_every_action_text_is_its_template_formatted(inputs: AdviceInputs) -> None:
    """The English (CLI, report ``text``) and the translated path format the same template with
    the same params: they cannot drift apart."""
    for action in advise(inputs):
        assert action.phrase is not None, action.id
        assert action.phrase.context == "advice"
        params = {
            k: v.text if isinstance(v, Phrase) else v for k, v in action.phrase.params.items()
        }
        assert action.phrase.template.format(**params) == action.text
        stored = json.loads(json.dumps(action.to_json()))  # as a saved report holds it
        phrase = Phrase.from_json(stored["phrase"])
        assert phrase == action.phrase
        assert action_text(stored) == stored["text"] == action.text
        translated = action_text(stored, _pseudo)
        assert translated.startswith("[advice: ")
        assert "{" not in translated  # every placeholder filled in


@pytest.mark.parametrize(
    ("inputs", "rule_id", "english"),
    [
        pytest.param(
            _with(jitter_ms=45.0, late_discard_pct=2.5),
            "jitter",
            "Voice packets arrive unevenly (jitter 45 ms) and 2.5 % of them came too late to be "
            "played (target: under 30 ms). Something else is using the connection — pause "
            "downloads, uploads and video, use a wired connection, or ask IT for voice QoS.",
            id="jitter-and-late",
        ),
        pytest.param(
            _with(jitter_ms=None, late_discard_pct=3.0),
            "jitter",
            "3 % of the voice packets came too late to be played (target: jitter under 30 ms). "
            "Something else is using the connection — pause downloads, uploads and video, use a "
            "wired connection, or ask IT for voice QoS.",
            id="late-only",
        ),
        pytest.param(
            _with(one_way_delay_ms=60.0, rtt_ms=None),
            "delay",
            "The network path (60 ms one way) is slower than softphone vendors' target for the "
            "path to their servers (50 ms one way, 100 ms round trip). That target is not a "
            "limit for conversation: ITU-T G.114's limits apply to the whole mouth-to-ear "
            "delay.",
            id="delay-one-way",
        ),
        pytest.param(
            _with(host=WIRED, loss_pct=12.25, burst_ratio=3.0),
            "loss",
            "12.2 % of voice packets were lost in bursts (target: under 1 %), which makes words "
            "drop out. The network is congested or faulty: ask IT to check the connection and "
            "to give voice priority (QoS).",
            id="loss-in-bursts",
        ),
        pytest.param(
            _with(host=_host(audio_devices=(HFP,))),
            "bluetooth-hands-free",
            "Your Bluetooth headset \u201cHeadset (WH-1000XM4 Hands-Free AG Audio)\u201d is in "
            "hands-free mode at 16 kHz, which makes voices sound thin and muffled. Use a wired or "
            "USB headset, or a Bluetooth headset with its own USB dongle.",
            id="bluetooth",
        ),
        pytest.param(
            _with(mos=3.1, device_delay_ms=700.4, audio_devices=("Speakers", "Microphone")),
            "audio-device-delay",
            "Your audio device \u201cSpeakers / Microphone\u201d adds 700 ms of delay: try another "
            "headset, a wired one, or the laptop's own speaker and microphone.",
            id="audio-device-delay",
        ),
        pytest.param(
            _with(mos=3.1, device_delay_ms=230.0, host=_host(audio_devices=(HFP,))),
            "audio-device-delay",
            "Your Bluetooth headset \u201cHeadset (WH-1000XM4 Hands-Free AG Audio)\u201d adds 230 "
            "ms of delay in its hands-free mode: use a wired or USB headset, or the laptop's own "
            "speaker and microphone.",
            id="audio-device-delay-hands-free",
        ),
        pytest.param(
            _with(qos=QosResult(46, dscp_received_uplink=8)),
            "qos-stripped",
            "The network changes the priority mark on voice packets (sent DSCP 46 \u201cEF\u201d, "
            "arrived as DSCP 8), so voice waits behind other traffic when the line is busy. Ask "
            "IT to keep DSCP EF for voice or to use a voice VLAN.",
            id="qos-remarked",
        ),
        pytest.param(
            _with(capacity=(_cap(increase=90.0),)),
            "bufferbloat",
            "When your connection is busy (uplink), delay grows by 90 ms (bufferbloat, grade C). "
            "Turn on Smart Queue Management (SQM) or QoS in the router, or ask IT to prioritise "
            "voice.",
            id="bufferbloat",
        ),
    ],
)
def test_english_stays_word_for_word(inputs: AdviceInputs, rule_id: str, english: str) -> None:
    """The report's ``text`` is a contract: the templates give the English of before."""
    (action,) = [a for a in advise(inputs) if a.id == rule_id]
    assert action.text == english


def test_a_report_made_before_phrases_keeps_its_text() -> None:
    old = {"id": "loss", "severity": "warning", "text": "Some words of an older version."}
    assert action_text(old, _pseudo) == "Some words of an older version."


def test_a_phrase_that_is_not_the_text_is_not_used() -> None:
    stored = advise(_with(jitter_ms=45.0))[0].to_json()
    stored["text"] = "Edited by hand."
    assert action_text(stored, _pseudo) == "Edited by hand."


def test_a_broken_translation_falls_back_to_english(caplog: pytest.LogCaptureFixture) -> None:
    action = advise(_with(jitter_ms=45.0))[0]
    assert action.phrase is not None

    def drops_a_placeholder(context: str, source: str) -> str:
        return "{nonsense}"

    assert action.phrase.render(drops_a_placeholder) == action.text
    # Not silently: the broken translation is named in the log.
    assert "does not fit its placeholders" in caplog.text
    assert action.phrase.template in caplog.text


def test_the_direction_word_is_translated_too() -> None:
    (action,) = [a for a in advise(_with(capacity=(_cap(increase=90.0),))) if a.id == "bufferbloat"]
    assert action.phrase is not None
    assert "([advice: uplink])" in action.phrase.render(_pseudo)
