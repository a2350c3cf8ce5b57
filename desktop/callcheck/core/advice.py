"""Network and device advice: rules that turn measurements into actions a user can take.

Each rule looks at the measurements (:class:`AdviceInputs`) and, when it applies, returns an
:class:`Action` with a stable ``id``, a severity, the evidence (the numbers that triggered it)
and a sentence a non-technical user understands. Thresholds are named constants with their
source. :func:`advise` runs every rule and sorts the actions, most severe first.

Every sentence is a translatable template (:mod:`callcheck.core.phrase`, context ``advice``):
one template per wording (no sentence is glued together from fragments), numbers formatted
here into the params. ``Action.text`` is its English; the desktop app translates
``Action.phrase``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Final

from callcheck.core.capacity import CapacityResult, narrowest_kbps
from callcheck.core.codecs import codec as codec_entry
from callcheck.core.grades import PASS_MOS, format_mos
from callcheck.core.heard import DISAGREEMENT_MOS, heard_shortfall
from callcheck.core.host import HostInfo, InterfaceKind
from callcheck.core.phrase import (
    QT_TRANSLATE_NOOP,
    Phrase,
    Translate,
    english,
    localized,
    trimmed_decimal,
)
from callcheck.core.qos import DSCP_EF, QosResult, QosVerdict
from callcheck.core.rating import CallRating, Cause, worse_direction

# ---------------------------------------------------------------------------------------------
# Thresholds

#: ITU-T G.114 (05/2003) §3, Figure 1: a *mouth-to-ear* delay up to 150 ms is acceptable for
#: most conversations; beyond 400 ms it is unacceptable for general network planning. These
#: are compared with Ta (mouth-to-ear), never with the network's share alone.
G114_ONE_WAY_RECOMMENDED_MS: Final = 150.0
G114_ONE_WAY_LIMIT_MS: Final = 400.0
#: Common vendor network targets for voice (Microsoft Teams and Cisco network guidance):
#: Softphone vendors' targets for the network path from the client to their edge (not an ITU
#: limit, and not mouth to ear): one-way < 50 ms, RTT < 100 ms, loss < 1 %, jitter < 30 ms.
TARGET_ONE_WAY_MS: Final = 50.0
TARGET_RTT_MS: Final = 100.0
TARGET_LOSS_PCT: Final = 1.0
TARGET_JITTER_MS: Final = 30.0
#: At 5 % random loss even G.711 with PLC (Bpl 25.1, G.113) falls below the pass mark on the
#: MOS table (G.107: MOS ≈ 3.9), and bursty loss makes it Poor: treat it as critical.
LOSS_CRITICAL_PCT: Final = 5.0
#: G.107 BurstR above 1 means bursty loss; 1.5 leaves room for the noise of a 20-second test.
BURSTY_BURST_RATIO: Final = 1.5
#: Late discards in the playout buffer: above the loss target, jitter is costing audio.
LATE_DISCARD_WARN_PCT: Final = TARGET_LOSS_PCT
#: Voice-grade Wi-Fi design guides (Cisco, Aruba) ask for a signal of −67 dBm or better;
#: below −80 dBm the link is unreliable.
WIFI_VOICE_MIN_DBM: Final = -67.0
WIFI_UNUSABLE_DBM: Final = -80.0
#: CallCheck: a bare test call costs ≈ 0.18 CPU-s per second on two cores (DESIGN.md, Facts);
#: with the machine above 85 % busy, audio threads start to miss their deadlines.
CPU_HIGH_PCT: Final = 85.0
#: Cisco QoS design guidance: keep real-time traffic at or below 33 % of a link's capacity.
VOICE_MAX_LINK_SHARE: Final = 0.33
#: Bufferbloat test bands (Waveform): ≥ 60 ms extra RTT under load is grade C or worse,
#: ≥ 200 ms grade D or worse.
BUFFERBLOAT_WARN_MS: Final = 60.0
BUFFERBLOAT_CRITICAL_MS: Final = 200.0
#: A codec change is worth suggesting when it gains at least this much predicted MOS.
CODEC_SWITCH_MIN_GAIN_MOS: Final = 0.2
#: The audio devices' own delay (output + input, as the call measured it): wired and USB
#: headsets and laptop audio measure 10–60 ms through the host APIs CallCheck uses; Bluetooth in
#: hands-free mode adds 100–200 ms. Above this the device is worth naming.
DEVICE_DELAY_WARN_MS: Final = 100.0
#: A device delay that alone uses up G.114's recommended one-way budget (§3: 150 ms) is the
#: cause when the call scores below the pass mark.
DEVICE_DELAY_CRITICAL_MS: Final = G114_ONE_WAY_RECOMMENDED_MS


class Severity(StrEnum):
    """How urgent an action is."""

    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"


_SEVERITY_ORDER: Final = {Severity.CRITICAL: 0, Severity.WARNING: 1, Severity.INFO: 2}

Evidence = Mapping[str, float | int | str | bool | None]


@dataclass(frozen=True, slots=True)
class Action:
    """One thing the user (or IT) can do, and why."""

    id: str
    """Stable identifier (``wifi-loss``); scripts and translations key on it."""
    severity: Severity
    text: str
    """Plain words with the numbers: what was found and what to do."""
    evidence: Evidence = field(default_factory=dict)
    """The measurements that triggered the rule, and the threshold they crossed."""
    phrase: Phrase | None = None
    """``text`` as a translatable template with its params (``text`` is its English)."""

    def to_json(self) -> dict[str, Any]:
        """One element of the report's ``recommendations.actions``."""
        out = {
            "id": self.id,
            "severity": str(self.severity),
            "text": self.text,
            "evidence": {k: _round(v) for k, v in self.evidence.items()},
        }
        if self.phrase is not None:
            out["phrase"] = self.phrase.to_json()
        return out


def action_text(action: Mapping[str, Any], translate: Translate = english) -> str:
    """An action of a report (``recommendations.actions[]``) in the language of ``translate``:
    its ``phrase`` translated, or its stored ``text`` when it has none (a report made before
    phrases) or the phrase is not that text's."""
    stored = str(action.get("text", ""))
    return localized(Phrase.from_json(action.get("phrase")), stored, translate)


def _round(v: float | int | str | bool | None) -> float | int | str | bool | None:
    if isinstance(v, float):
        return round(v, 2) if math.isfinite(v) else None
    return v


@dataclass(frozen=True, slots=True)
class CodecOption:
    """A codec the recommendations ranked (enough for the codec rule)."""

    key: str
    name: str
    predicted_mos: float
    recommended: bool = True


@dataclass(frozen=True, slots=True)
class AdviceInputs:
    """What the rules look at. ``None`` = not measured (the rules that need it stay quiet)."""

    mos: float | None = None
    """The call's MOS."""
    one_way_delay_ms: float | None = None
    """Mean one-way network delay (worse direction, or RTT/2)."""
    rtt_ms: float | None = None
    jitter_ms: float | None = None
    """Mean RFC 3550 jitter of the worse direction."""
    loss_pct: float | None = None
    """Packet loss of the worse direction."""
    burst_ratio: float | None = None
    """G.107 BurstR of that direction."""
    late_discard_pct: float | None = None
    host: HostInfo | None = None
    qos: QosResult | None = None
    capacity: tuple[CapacityResult, ...] = ()
    voice_kbps: float | None = None
    """Bandwidth the call's codec needs on the wire, per direction."""
    relay_used: bool | None = None
    ice_protocol: str | None = None
    current_codec: str | None = None
    """Candidate key of the codec the call used (``opus-32``, ``g711-plc``)."""
    codecs: tuple[CodecOption, ...] = ()
    """Ranked codec predictions, best first."""
    mouth_to_ear_ms: float | None = None
    """Ta of the call's rating: mouth-to-ear delay, what G.114's limits apply to."""
    rating: CallRating | None = None
    """The call's one rating; below the pass mark its largest impairment is the first action."""
    device_delay_ms: float | None = None
    """Delay of the audio devices (the report's ``audio_path.device_roundtrip_ms``)."""
    audio_devices: tuple[str, ...] = ()
    """Names of the speaker and microphone the call used (one when they are the same)."""
    heard_mos: float | None = None
    """The worst heard score (MOS-LQO) of what the listener got (:mod:`callcheck.core.heard`)."""


#: The translation context of the actions' sentences.
CONTEXT: Final = "advice"


def _say(template: str, **params: str | Phrase) -> Phrase:
    """A sentence of this module: ``template`` is marked ``QT_TRANSLATE_NOOP("advice", …)``."""
    return Phrase(CONTEXT, template, params)


def _action(id: str, severity: Severity, phrase: Phrase, evidence: Evidence) -> Action:
    return Action(id, severity, phrase.text, evidence, phrase)


def _pct(value: float) -> str:
    """A percentage in a sentence: one decimal, no trailing ``.0``."""
    return trimmed_decimal(value)


def _whole(value: float) -> str:
    """Milliseconds, kbit/s, dBm, % CPU in a sentence: no decimals."""
    return f"{value:.0f}"


# ---------------------------------------------------------------------------------------------
# Rules: each returns an Action, or None when it does not apply.


def rule_delay(i: AdviceInputs) -> Action | None:
    """Mouth-to-ear delay (Ta) against G.114; the network's share against vendors' targets.

    Without Ta (a report made before it was recorded) the one-way network delay stands in: it
    is a lower bound of Ta, so a network delay above G.114's limits is above them for certain.
    """
    d, rtt, ta = i.one_way_delay_ms, i.rtt_ms, i.mouth_to_ear_ms
    if d is None and rtt is None and ta is None:
        return None
    ev: dict[str, float | None] = {"one_way_delay_ms": d, "rtt_ms": rtt, "mouth_to_ear_ms": ta}
    if ta is not None:
        for limit, severity, template in (
            (
                G114_ONE_WAY_LIMIT_MS,
                Severity.CRITICAL,
                QT_TRANSLATE_NOOP(
                    "advice",
                    "Sound takes {ta_ms} ms from mouth to ear, far beyond the {limit_ms} ms "
                    "limit of ITU-T G.114: people will talk over each other. Use a server or "
                    "relay closer to you, and avoid satellite, VPN or mobile links.",
                ),
            ),
            (
                G114_ONE_WAY_RECOMMENDED_MS,
                Severity.WARNING,
                QT_TRANSLATE_NOOP(
                    "advice",
                    "Sound takes {ta_ms} ms from mouth to ear (ITU-T G.114 recommends under "
                    "{limit_ms} ms), so replies come with a pause. Use a server closer to you, "
                    "or avoid the VPN or relay for calls.",
                ),
            ),
        ):
            if ta > limit:
                return _action(
                    "delay",
                    severity,
                    _say(template, ta_ms=_whole(ta), limit_ms=_whole(limit)),
                    {**ev, "limit_ms": limit},
                )
    elif d is not None and d > G114_ONE_WAY_LIMIT_MS:
        return _action(
            "delay",
            Severity.CRITICAL,
            _say(
                QT_TRANSLATE_NOOP(
                    "advice",
                    "Your voice takes {delay_ms} ms to reach the other side, far beyond the "
                    "{limit_ms} ms limit (ITU-T G.114): people will talk over each other. "
                    "Use a server or relay closer to you, and avoid satellite, VPN or mobile "
                    "links.",
                ),
                delay_ms=_whole(d),
                limit_ms=_whole(G114_ONE_WAY_LIMIT_MS),
            ),
            {**ev, "limit_ms": G114_ONE_WAY_LIMIT_MS},
        )
    elif d is not None and d > G114_ONE_WAY_RECOMMENDED_MS:
        return _action(
            "delay",
            Severity.WARNING,
            _say(
                QT_TRANSLATE_NOOP(
                    "advice",
                    "Your voice takes {delay_ms} ms to reach the other side (recommended: under "
                    "{limit_ms} ms, ITU-T G.114), so replies come with a pause. Use a server "
                    "closer to you, or avoid the VPN or relay for calls.",
                ),
                delay_ms=_whole(d),
                limit_ms=_whole(G114_ONE_WAY_RECOMMENDED_MS),
            ),
            {**ev, "limit_ms": G114_ONE_WAY_RECOMMENDED_MS},
        )
    if (d is not None and d > TARGET_ONE_WAY_MS) or (rtt is not None and rtt > TARGET_RTT_MS):
        targets = {
            "target_one_way_ms": _whole(TARGET_ONE_WAY_MS),
            "target_rtt_ms": _whole(TARGET_RTT_MS),
        }
        if rtt is not None:
            phrase = _say(
                QT_TRANSLATE_NOOP(
                    "advice",
                    "The network path (a round trip of {rtt_ms} ms) is slower than softphone "
                    "vendors' target for the path to their servers ({target_one_way_ms} ms one "
                    "way, {target_rtt_ms} ms round trip). That target is not a limit for "
                    "conversation: ITU-T G.114's limits apply to the whole mouth-to-ear delay.",
                ),
                rtt_ms=_whole(rtt),
                **targets,
            )
        else:
            phrase = _say(
                QT_TRANSLATE_NOOP(
                    "advice",
                    "The network path ({delay_ms} ms one way) is slower than softphone vendors' "
                    "target for the path to their servers ({target_one_way_ms} ms one way, "
                    "{target_rtt_ms} ms round trip). That target is not a limit for "
                    "conversation: ITU-T G.114's limits apply to the whole mouth-to-ear delay.",
                ),
                delay_ms=_whole(d or 0.0),
                **targets,
            )
        return _action(
            "delay",
            Severity.INFO,
            phrase,
            {**ev, "target_one_way_ms": TARGET_ONE_WAY_MS, "target_rtt_ms": TARGET_RTT_MS},
        )
    return None


def _on_wifi(i: AdviceInputs) -> bool:
    return i.host is not None and (
        i.host.interface_kind is InterfaceKind.WIFI
        or (i.host.interface_kind is InterfaceKind.VPN and i.host.wifi is not None)
    )


def _bursty(i: AdviceInputs) -> bool:
    return i.burst_ratio is not None and i.burst_ratio >= BURSTY_BURST_RATIO


def rule_wifi_loss(i: AdviceInputs) -> Action | None:
    """Loss while on Wi-Fi: the radio link is the usual culprit."""
    if not _on_wifi(i) or i.loss_pct is None or i.loss_pct < TARGET_LOSS_PCT:
        return None
    assert i.host is not None
    sev = Severity.CRITICAL if i.loss_pct >= LOSS_CRITICAL_PCT else Severity.WARNING
    signal = i.host.wifi.signal_dbm if i.host.wifi is not None else None
    if _bursty(i):
        template = QT_TRANSLATE_NOOP(
            "advice",
            "You are on Wi-Fi and {loss_pct} % of packets were lost in bursts — use a wired "
            "connection or move closer to the access point.",
        )
    else:
        template = QT_TRANSLATE_NOOP(
            "advice",
            "You are on Wi-Fi and {loss_pct} % of packets were lost — use a wired connection or "
            "move closer to the access point.",
        )
    return _action(
        "wifi-loss",
        sev,
        _say(template, loss_pct=_pct(i.loss_pct)),
        {
            "interface": i.host.interface,
            "loss_pct": i.loss_pct,
            "burst_ratio": i.burst_ratio,
            "signal_dbm": signal,
            "target_loss_pct": TARGET_LOSS_PCT,
        },
    )


def rule_loss(i: AdviceInputs) -> Action | None:
    """Loss on a wired or unknown link."""
    if _on_wifi(i) or i.loss_pct is None or i.loss_pct < TARGET_LOSS_PCT:
        return None
    sev = Severity.CRITICAL if i.loss_pct >= LOSS_CRITICAL_PCT else Severity.WARNING
    if _bursty(i):
        template = QT_TRANSLATE_NOOP(
            "advice",
            "{loss_pct} % of voice packets were lost in bursts (target: under "
            "{target_loss_pct} %), which makes words drop out. The network is congested or "
            "faulty: ask IT to check the connection and to give voice priority (QoS).",
        )
    else:
        template = QT_TRANSLATE_NOOP(
            "advice",
            "{loss_pct} % of voice packets were lost (target: under {target_loss_pct} %), which "
            "makes words drop out. The network is congested or faulty: ask IT to check the "
            "connection and to give voice priority (QoS).",
        )
    return _action(
        "loss",
        sev,
        _say(template, loss_pct=_pct(i.loss_pct), target_loss_pct=_pct(TARGET_LOSS_PCT)),
        {"loss_pct": i.loss_pct, "burst_ratio": i.burst_ratio, "target_loss_pct": TARGET_LOSS_PCT},
    )


def rule_jitter(i: AdviceInputs) -> Action | None:
    """Jitter above the target, or jitter already costing late discards."""
    jitter_high = i.jitter_ms is not None and i.jitter_ms > TARGET_JITTER_MS
    late_high = i.late_discard_pct is not None and i.late_discard_pct >= LATE_DISCARD_WARN_PCT
    if not (jitter_high or late_high):
        return None
    late = i.late_discard_pct if late_high else None
    target = _whole(TARGET_JITTER_MS)
    if i.jitter_ms is not None and late is not None:
        phrase = _say(
            QT_TRANSLATE_NOOP(
                "advice",
                "Voice packets arrive unevenly (jitter {jitter_ms} ms) and {late_pct} % of them "
                "came too late to be played (target: under {target_jitter_ms} ms). Something "
                "else is using the connection — pause downloads, uploads and video, use a wired "
                "connection, or ask IT for voice QoS.",
            ),
            jitter_ms=_whole(i.jitter_ms),
            late_pct=_pct(late),
            target_jitter_ms=target,
        )
    elif i.jitter_ms is not None:
        phrase = _say(
            QT_TRANSLATE_NOOP(
                "advice",
                "Voice packets arrive unevenly (jitter {jitter_ms} ms; target: under "
                "{target_jitter_ms} ms). Something else is using the connection — pause "
                "downloads, uploads and video, use a wired connection, or ask IT for voice QoS.",
            ),
            jitter_ms=_whole(i.jitter_ms),
            target_jitter_ms=target,
        )
    else:
        assert late is not None  # jitter_high needs a jitter, so late_high is what triggered
        phrase = _say(
            QT_TRANSLATE_NOOP(
                "advice",
                "{late_pct} % of the voice packets came too late to be played (target: jitter "
                "under {target_jitter_ms} ms). Something else is using the connection — pause "
                "downloads, uploads and video, use a wired connection, or ask IT for voice QoS.",
            ),
            late_pct=_pct(late),
            target_jitter_ms=target,
        )
    return _action(
        "jitter",
        Severity.WARNING,
        phrase,
        {
            "jitter_ms": i.jitter_ms,
            "late_discard_pct": i.late_discard_pct,
            "target_jitter_ms": TARGET_JITTER_MS,
        },
    )


def rule_wifi_signal(i: AdviceInputs) -> Action | None:
    """A weak Wi-Fi signal."""
    if not _on_wifi(i) or i.host is None or i.host.wifi is None:
        return None
    dbm = i.host.wifi.signal_dbm
    if dbm is None or dbm >= WIFI_VOICE_MIN_DBM:
        return None
    sev = Severity.CRITICAL if dbm < WIFI_UNUSABLE_DBM else Severity.WARNING
    return _action(
        "wifi-signal",
        sev,
        _say(
            QT_TRANSLATE_NOOP(
                "advice",
                "Your Wi-Fi signal is weak ({signal_dbm} dBm; voice needs {min_signal_dbm} dBm or "
                "better). Move closer to the access point or use a wired connection.",
            ),
            signal_dbm=_whole(dbm),
            min_signal_dbm=_whole(WIFI_VOICE_MIN_DBM),
        ),
        {"signal_dbm": dbm, "min_signal_dbm": WIFI_VOICE_MIN_DBM},
    )


def rule_wifi_band(i: AdviceInputs) -> Action | None:
    """On the crowded 2.4 GHz band."""
    if not _on_wifi(i) or i.host is None or i.host.wifi is None:
        return None
    if i.host.wifi.band_ghz != 2.4:
        return None
    return _action(
        "wifi-band",
        Severity.INFO,
        _say(
            QT_TRANSLATE_NOOP(
                "advice",
                "Your Wi-Fi uses the 2.4 GHz band, which is crowded and slower. If your network "
                "offers 5 GHz (often a name ending in \u201c5G\u201d), connect to that instead.",
            )
        ),
        {"band_ghz": 2.4, "frequency_mhz": i.host.wifi.frequency_mhz},
    )


def _network_trouble(i: AdviceInputs) -> bool:
    return bool(
        (i.rtt_ms is not None and i.rtt_ms > TARGET_RTT_MS)
        or (i.loss_pct is not None and i.loss_pct >= TARGET_LOSS_PCT)
        or (i.jitter_ms is not None and i.jitter_ms > TARGET_JITTER_MS)
    )


def rule_vpn(i: AdviceInputs) -> Action | None:
    """A VPN or tunnel is up (warning when calls go through it and the network is poor)."""
    if i.host is None or not i.host.vpn_interfaces:
        return None
    names = ", ".join(i.host.vpn_interfaces)
    ev: dict[str, float | str | bool | None] = {
        "vpn_interfaces": names,
        "default_route_via_vpn": i.host.default_route_via_vpn,
        "rtt_ms": i.rtt_ms,
        "loss_pct": i.loss_pct,
    }
    if i.host.default_route_via_vpn and _network_trouble(i):
        return _action(
            "vpn",
            Severity.WARNING,
            _say(
                QT_TRANSLATE_NOOP(
                    "advice",
                    "Your calls go through a VPN ({vpn_interfaces}), which adds delay and can lose "
                    "packets. Ask IT whether voice can bypass the VPN (split tunnelling), or test "
                    "without it.",
                ),
                vpn_interfaces=names,
            ),
            ev,
        )
    return _action(
        "vpn",
        Severity.INFO,
        _say(
            QT_TRANSLATE_NOOP(
                "advice",
                "A VPN or tunnel is active ({vpn_interfaces}). If calls are poor, test once "
                "without it.",
            ),
            vpn_interfaces=names,
        ),
        ev,
    )


def rule_bluetooth(i: AdviceInputs) -> Action | None:
    """A Bluetooth headset in hands-free mode (narrowband, compressed)."""
    if i.host is None or not i.host.hands_free_devices:
        return None
    dev = i.host.hands_free_devices[0]
    if dev.sample_rate_hz:
        phrase = _say(
            QT_TRANSLATE_NOOP(
                "advice",
                "Your Bluetooth headset \u201c{device}\u201d is in hands-free mode at {rate_khz} "
                "kHz, which makes voices sound thin and muffled. Use a wired or USB headset, or a "
                "Bluetooth headset with its own USB dongle.",
            ),
            device=dev.name,
            rate_khz=_whole(dev.sample_rate_hz / 1000),
        )
    else:
        phrase = _say(
            QT_TRANSLATE_NOOP(
                "advice",
                "Your Bluetooth headset \u201c{device}\u201d is in hands-free mode, which makes "
                "voices sound thin and muffled. Use a wired or USB headset, or a Bluetooth "
                "headset with its own USB dongle.",
            ),
            device=dev.name,
        )
    return _action(
        "bluetooth-hands-free",
        Severity.WARNING,
        phrase,
        {"device": dev.name, "sample_rate_hz": dev.sample_rate_hz},
    )


def rule_audio_device_delay(i: AdviceInputs) -> Action | None:
    """The audio devices themselves add the delay (a Bluetooth headset in hands-free mode, a
    device with a deep buffer): critical when it alone exceeds G.114's recommended one-way delay
    and the call is below the pass mark, a warning above the usual device delay."""
    delay = i.device_delay_ms
    if delay is None or delay < DEVICE_DELAY_WARN_MS:
        return None
    critical = delay >= DEVICE_DELAY_CRITICAL_MS and i.mos is not None and i.mos < PASS_MOS
    severity = Severity.CRITICAL if critical else Severity.WARNING
    hands_free = () if i.host is None else i.host.hands_free_devices
    ev: dict[str, float | str | None] = {
        "device_delay_ms": delay,
        "threshold_ms": DEVICE_DELAY_CRITICAL_MS if critical else DEVICE_DELAY_WARN_MS,
        "mos": i.mos,
    }
    if hands_free:
        name = hands_free[0].name
        phrase = _say(
            QT_TRANSLATE_NOOP(
                "advice",
                "Your Bluetooth headset \u201c{device}\u201d adds {delay} ms of delay in its "
                "hands-free mode: use a wired or USB headset, or the laptop's own speaker and "
                "microphone.",
            ),
            device=name,
            delay=_whole(delay),
        )
    else:
        name = " / ".join(i.audio_devices) or "?"
        phrase = _say(
            QT_TRANSLATE_NOOP(
                "advice",
                "Your audio device \u201c{device}\u201d adds {delay} ms of delay: try another "
                "headset, a wired one, or the laptop's own speaker and microphone.",
            ),
            device=name,
            delay=_whole(delay),
        )
    ev["device"] = name
    return _action("audio-device-delay", severity, phrase, ev)


def rule_cpu(i: AdviceInputs) -> Action | None:
    """The computer was busy during the test."""
    load = None if i.host is None else i.host.cpu_load_pct
    if load is None or load < CPU_HIGH_PCT:
        return None
    return _action(
        "cpu",
        Severity.WARNING,
        _say(
            QT_TRANSLATE_NOOP(
                "advice",
                "Your computer was very busy during the test ({cpu_load_pct} % CPU), which can "
                "make audio stutter. Close programs you do not need, or restart the computer "
                "before calls.",
            ),
            cpu_load_pct=_whole(load),
        ),
        {"cpu_load_pct": load, "limit_pct": CPU_HIGH_PCT},
    )


def rule_bandwidth(i: AdviceInputs) -> Action | None:
    """The measured available bandwidth against what the voice needs."""
    available = narrowest_kbps(i.capacity)
    if available is None or i.voice_kbps is None:
        return None
    ev = {"available_kbps": available, "voice_kbps": i.voice_kbps}
    kbps = {"available_kbps": _whole(available), "voice_kbps": _whole(i.voice_kbps)}
    if available < i.voice_kbps:
        return _action(
            "bandwidth",
            Severity.CRITICAL,
            _say(
                QT_TRANSLATE_NOOP(
                    "advice",
                    "Your connection carried only {available_kbps} kbit/s, less than the "
                    "{voice_kbps} kbit/s a call needs. Stop other downloads and uploads, or ask "
                    "for a faster connection; a low-bitrate codec (see below) can help.",
                ),
                **kbps,
            ),
            ev,
        )
    if i.voice_kbps > VOICE_MAX_LINK_SHARE * available:
        return _action(
            "bandwidth",
            Severity.WARNING,
            _say(
                QT_TRANSLATE_NOOP(
                    "advice",
                    "A call needs {voice_kbps} kbit/s of the {available_kbps} kbit/s your "
                    "connection carried — little room left for anything else. Avoid large "
                    "downloads during calls.",
                ),
                **kbps,
            ),
            {**ev, "max_share": VOICE_MAX_LINK_SHARE},
        )
    return None


def rule_bufferbloat(i: AdviceInputs) -> Action | None:
    """Delay grows a lot when the line is busy."""
    worst = max(
        (c for c in i.capacity if c.rtt_increase_ms is not None),
        key=lambda c: c.rtt_increase_ms or 0.0,
        default=None,
    )
    if worst is None or worst.rtt_increase_ms is None:
        return None
    inc = worst.rtt_increase_ms
    if inc < BUFFERBLOAT_WARN_MS:
        return None
    sev = Severity.CRITICAL if inc >= BUFFERBLOAT_CRITICAL_MS else Severity.WARNING
    return _action(
        "bufferbloat",
        sev,
        _say(
            QT_TRANSLATE_NOOP(
                "advice",
                "When your connection is busy ({direction}), delay grows by {rtt_increase_ms} ms "
                "(bufferbloat, grade {grade}). Turn on Smart Queue Management (SQM) or QoS in "
                "the router, or ask IT to prioritise voice.",
            ),
            direction=_direction(worst.direction),
            rtt_increase_ms=_whole(inc),
            grade=str(worst.grade),
        ),
        {
            "direction": worst.direction,
            "rtt_increase_ms": inc,
            "idle_rtt_ms": worst.idle_rtt_ms,
            "loaded_rtt_ms": worst.loaded_rtt_ms,
            "grade": worst.grade,
        },
    )


#: The directions of a capacity measurement, as words in a sentence.
_DIRECTIONS: Final = {
    "uplink": QT_TRANSLATE_NOOP("advice", "uplink"),
    "downlink": QT_TRANSLATE_NOOP("advice", "downlink"),
}


def _direction(direction: str) -> str | Phrase:
    known = _DIRECTIONS.get(direction)
    return direction if known is None else _say(known)


def rule_qos(i: AdviceInputs) -> Action | None:
    """The network removes or rewrites the voice marking."""
    if i.qos is None:
        return None
    verdict = i.qos.verdict
    if verdict not in (QosVerdict.STRIPPED, QosVerdict.REMARKED):
        return None
    if verdict is QosVerdict.STRIPPED:
        template = QT_TRANSLATE_NOOP(
            "advice",
            "The network removes the priority mark on voice packets (sent DSCP {dscp_sent} "
            "\u201cEF\u201d, arrived as DSCP {dscp_received}), so voice waits behind other "
            "traffic when the line is busy. Ask IT to keep DSCP EF for voice or to use a voice "
            "VLAN.",
        )
    else:
        template = QT_TRANSLATE_NOOP(
            "advice",
            "The network changes the priority mark on voice packets (sent DSCP {dscp_sent} "
            "\u201cEF\u201d, arrived as DSCP {dscp_received}), so voice waits behind other "
            "traffic when the line is busy. Ask IT to keep DSCP EF for voice or to use a voice "
            "VLAN.",
        )
    return _action(
        "qos-stripped",
        Severity.WARNING,
        _say(template, dscp_sent=str(DSCP_EF), dscp_received=str(i.qos.dscp_received_uplink)),
        {
            "dscp_sent": i.qos.dscp_sent,
            "dscp_received": i.qos.dscp_received_uplink,
            "verdict": str(verdict),
        },
    )


def rule_relay(i: AdviceInputs) -> Action | None:
    """Media had to go through a relay, or over TCP: a firewall blocks the direct UDP path."""
    tcp = (i.ice_protocol or "").lower() == "tcp"
    if not tcp and not i.relay_used:
        return None
    if tcp:
        return _action(
            "firewall-tcp",
            Severity.WARNING,
            _say(
                QT_TRANSLATE_NOOP(
                    "advice",
                    "Voice had to travel over TCP because UDP is blocked, so any lost packet "
                    "turns into a delay. Ask IT to allow UDP for calls (the softphone's media "
                    "ports, and TURN on UDP 3478).",
                )
            ),
            {"protocol": "tcp", "relay_used": bool(i.relay_used)},
        )
    return _action(
        "firewall-relay",
        Severity.INFO,
        _say(
            QT_TRANSLATE_NOOP(
                "advice",
                "Voice went through a relay server rather than directly, usually because a "
                "firewall or NAT blocks the direct path. This adds some delay.",
            )
        ),
        {"protocol": i.ice_protocol, "relay_used": True},
    )


def rule_codec(i: AdviceInputs) -> Action | None:
    """A different codec would score clearly better on this network."""
    best = next((c for c in i.codecs if c.recommended), None)
    current = next((c for c in i.codecs if c.key == i.current_codec), None)
    if best is None or current is None or best.key == current.key:
        return None
    gain = best.predicted_mos - current.predicted_mos
    if gain < CODEC_SWITCH_MIN_GAIN_MOS:
        return None
    if i.rating is not None:
        # The rows are on the common wideband scale; whether the call passes is the verdict's
        # business (a G.711 call that passes on its own scale is not "below the pass mark").
        crosses = not i.rating.passed and best.predicted_mos >= PASS_MOS
        phrase = _say(
            QT_TRANSLATE_NOOP(
                "advice",
                "On this network {suggested} would score MOS-CQEW {suggested_mos} instead of "
                "{current_mos} with {current} (both on the wideband scale, to compare codecs). "
                "Ask IT to prefer it in the softphone's codec settings.",
            ),
            suggested=best.name,
            suggested_mos=format_mos(best.predicted_mos),
            current_mos=format_mos(current.predicted_mos),
            current=current.name,
        )
    else:
        crosses = current.predicted_mos < PASS_MOS <= best.predicted_mos
        phrase = _say(
            QT_TRANSLATE_NOOP(
                "advice",
                "On this network {suggested} would score MOS {suggested_mos} instead of "
                "{current_mos} with {current}. Ask IT to prefer it in the softphone's codec "
                "settings.",
            ),
            suggested=best.name,
            suggested_mos=format_mos(best.predicted_mos),
            current_mos=format_mos(current.predicted_mos),
            current=current.name,
        )
    return _action(
        "codec",
        Severity.WARNING if crosses else Severity.INFO,
        phrase,
        {
            "current": current.key,
            "current_mos": current.predicted_mos,
            "suggested": best.key,
            "suggested_mos": best.predicted_mos,
        },
    )


def rule_heard_damage(i: AdviceInputs) -> Action | None:
    """The network predicts better audio than the listener got: the damage is on the computer.

    The E-model sees only the network and the codec; the heard score hears the audio as handed
    to the speaker. A shortfall beyond :data:`~callcheck.core.heard.DISAGREEMENT_MOS` means the
    device, its driver (a Bluetooth headset in hands-free mode) or a busy CPU damaged it.
    """
    shortfall = heard_shortfall(i.mos, i.heard_mos)
    if shortfall is None or shortfall <= DISAGREEMENT_MOS or i.heard_mos is None:
        return None
    return _action(
        "heard-damage",
        Severity.WARNING,
        _say(
            QT_TRANSLATE_NOOP(
                "advice",
                "The network is fine for this call (predicted MOS {predicted}), but the audio "
                "that reached the speaker scored {heard}: it is damaged on this computer. Check "
                "the headset and its cable, make sure a Bluetooth headset is not in hands-free "
                "mode, and close programs that keep the CPU busy.",
            ),
            predicted=format_mos(i.mos) if i.mos is not None else "",
            heard=format_mos(i.heard_mos),
        ),
        {
            "predicted_mos": i.mos,
            "heard_mos": i.heard_mos,
            "shortfall_mos": shortfall,
            "limit_mos": DISAGREEMENT_MOS,
        },
    )


RULES: Final[tuple[Callable[[AdviceInputs], Action | None], ...]] = (
    rule_delay,
    rule_audio_device_delay,
    rule_wifi_loss,
    rule_loss,
    rule_jitter,
    rule_wifi_signal,
    rule_wifi_band,
    rule_vpn,
    rule_bluetooth,
    rule_cpu,
    rule_bandwidth,
    rule_bufferbloat,
    rule_qos,
    rule_relay,
    rule_codec,
    rule_heard_damage,
)


_LARGEST_IMPAIRMENT_TEMPLATES: Final[dict[Cause, str]] = {
    Cause.NETWORK_DELAY: QT_TRANSLATE_NOOP(
        "advice",
        "The biggest cost to this call is delay on the network: sound takes {ta_ms} ms from "
        "mouth to ear, {part_ms} ms of it on the network path. Use a server or relay closer to "
        "you, and avoid VPN, satellite or mobile links for calls.",
    ),
    Cause.BUFFER_DELAY: QT_TRANSLATE_NOOP(
        "advice",
        "The biggest cost to this call is delay in the playout buffer: sound takes {ta_ms} ms "
        "from mouth to ear, {part_ms} ms of it waiting for voice packets that arrive unevenly "
        "(jitter). Use a wired connection, pause other traffic, or ask IT for voice QoS.",
    ),
    Cause.DEVICE_DELAY: QT_TRANSLATE_NOOP(
        "advice",
        "The biggest cost to this call is delay from the audio device: sound takes {ta_ms} ms "
        "from mouth to ear, {part_ms} ms of it in the microphone and speaker path. Use a wired "
        "USB headset, or another audio device or driver.",
    ),
    Cause.LOSS: QT_TRANSLATE_NOOP(
        "advice",
        "The biggest cost to this call is packet loss: {loss_pct} % of the voice packets were "
        "lost or came too late to be played, which makes words drop out. Use a wired "
        "connection instead of Wi-Fi, or ask IT to check the network path.",
    ),
}
_CODEC_IMPAIRMENT_TEMPLATE: Final = QT_TRANSLATE_NOOP(
    "advice",
    "The biggest cost to this call is the codec: {codec} alone limits it to {label} "
    "{ceiling_mos}. Ask IT to prefer {alternative} in the softphone's settings: on this network "
    "it would give MOS-CQEW {alternative_mos}.",
)
_CODEC_IMPAIRMENT_NO_ALTERNATIVE: Final = QT_TRANSLATE_NOOP(
    "advice",
    "The biggest cost to this call is the codec: {codec} alone limits it to {label} "
    "{ceiling_mos}. Ask IT to prefer a wideband codec such as Opus in the softphone's settings.",
)


def rule_largest_impairment(i: AdviceInputs) -> Action | None:
    """Below the pass mark, name the largest impairment of the breakdown in plain words.

    A verdict below the pass mark always gets this action, first: delay (from the network, the
    playout buffer or the audio device), loss, or the codec — never "nothing to fix".
    """
    r = i.rating
    if r is None or r.passed or r.largest is None:
        return None
    largest = r.largest
    severity = Severity.CRITICAL if r.mos < CRITICAL_MOS else Severity.WARNING
    evidence: dict[str, float | int | str | bool | None] = {
        "mos": r.mos,
        "mos_label": r.mos_label,
        "pass_mos": PASS_MOS,
        "cause": str(largest.cause),
        "r_cost": largest.r_cost,
        "ta_ms": r.quality.ta_ms,
    }
    if largest.cause is Cause.CODEC:
        alt = r.wideband_alternative
        name = codec_entry(r.quality.codec_key).name
        if alt is not None and alt.codec_key != r.quality.codec_key:
            phrase = _say(
                _CODEC_IMPAIRMENT_TEMPLATE,
                codec=name,
                label=r.mos_label,
                ceiling_mos=format_mos(r.ceiling.mos),
                alternative=alt.name,
                alternative_mos=format_mos(alt.predicted_mos),
            )
            evidence["alternative"] = alt.codec_key
            evidence["alternative_mos"] = alt.predicted_mos
        else:
            phrase = _say(
                _CODEC_IMPAIRMENT_NO_ALTERNATIVE,
                codec=name,
                label=r.mos_label,
                ceiling_mos=format_mos(r.ceiling.mos),
            )
        evidence["ceiling_mos"] = r.ceiling.mos
    elif largest.cause is Cause.LOSS:
        ppl = r.quality.input("Ppl").value
        phrase = _say(_LARGEST_IMPAIRMENT_TEMPLATES[Cause.LOSS], loss_pct=_pct(ppl))
        evidence["loss_pct"] = ppl
    else:
        part = largest.delay_ms or 0.0
        phrase = _say(
            _LARGEST_IMPAIRMENT_TEMPLATES[largest.cause],
            ta_ms=_whole(r.quality.ta_ms),
            part_ms=_whole(part),
        )
        evidence["delay_ms"] = part
    return _action("largest-impairment", severity, phrase, evidence)


#: Below this MOS a call is "Bad" (DESIGN.md grades): its first action is critical.
CRITICAL_MOS: Final = 3.1


def rule_all_good(i: AdviceInputs, found: Sequence[Action]) -> Action | None:
    """Nothing to fix: say so, so the helpdesk can look elsewhere (e.g. the far end).

    Only when no rule found anything at all: "all good" beside a finding (even an INFO one
    above a target) would contradict it.
    """
    if i.mos is None or i.mos < PASS_MOS:
        return None
    if i.rating is not None and not i.rating.passed:
        return None
    if found:
        return None
    return _action(
        "all-good",
        Severity.INFO,
        _say(
            QT_TRANSLATE_NOOP(
                "advice",
                "Your connection meets the targets for voice (MOS {mos}). If calls still sound "
                "bad, the problem is likely at the other end or in the softphone's settings.",
            ),
            mos=format_mos(i.mos),
        ),
        {"mos": i.mos, "pass_mos": PASS_MOS},
    )


def advise(inputs: AdviceInputs) -> tuple[Action, ...]:
    """Run every rule; the actions that apply, most severe first (rule order within).

    Below the pass mark the largest impairment of the call's rating comes first, always.
    """
    found = [a for rule in RULES if (a := rule(inputs)) is not None]
    good = rule_all_good(inputs, found)
    if good is not None:
        found.append(good)
    ordered = sorted(found, key=lambda a: _SEVERITY_ORDER[a.severity])
    largest = rule_largest_impairment(inputs)
    if largest is not None:
        device = next((a for a in ordered if a.id == "audio-device-delay"), None)
        if largest.evidence.get("cause") == Cause.DEVICE_DELAY and device is not None:
            # The audio devices cost the most: the action that names them (and the device by
            # its name) is the largest impairment, said once.
            ordered.remove(device)
            largest = replace(
                device,
                severity=min(largest.severity, device.severity, key=_SEVERITY_ORDER.__getitem__),
                evidence={**largest.evidence, **device.evidence},
            )
        ordered.insert(0, largest)
    return tuple(ordered)


# ---------------------------------------------------------------------------------------------
# From a report


def _stat(section: Mapping[str, Any] | None, name: str, key: str = "mean") -> float | None:
    if not section:
        return None
    value = section.get(name)
    if isinstance(value, Mapping):
        v = value.get(key)
        return float(v) if isinstance(v, int | float) else None
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def inputs_from_report(
    report: Mapping[str, Any],
    *,
    host: HostInfo | None = None,
    qos: QosResult | None = None,
    capacity: Sequence[CapacityResult] = (),
    voice_kbps: float | None = None,
    current_codec: str | None = None,
) -> AdviceInputs:
    """Advice inputs from a report's JSON dict: the worse direction's figures, ICE, codecs."""
    network = report.get("network") or {}
    dirs = [d for d in (network.get("uplink"), network.get("downlink")) if d]
    # The one definition of the worse direction (a report has no per-direction MOS).
    worse = (
        worse_direction(
            dirs[0], dirs[1], mos=lambda d: None, loss_pct=lambda d: _stat(d, "loss_pct") or 0.0
        )
        if len(dirs) == 2
        else (dirs[0] if dirs else None)
    )
    rtts = [r for d in dirs if (r := _stat(d, "rtt_ms")) is not None]
    rtt = max(rtts) if rtts else None
    owds = [o for d in dirs if (o := _stat(d, "one_way_delay_ms")) is not None]
    one_way = max(owds) if owds else (None if rtt is None else rtt / 2.0)
    jitters = [j for d in dirs if (j := _stat(d, "jitter_ms")) is not None]
    quality = report.get("quality") or {}
    playout = report.get("playout") or {}
    ice = report.get("ice") or {}
    audio = report.get("audio_path") or {}
    names = [n for n in (audio.get("output_device"), audio.get("input_device")) if n]
    codecs = tuple(
        CodecOption(
            key=str(c.get("codec")),
            name=str(c.get("name") or c.get("codec")),
            predicted_mos=float(c.get("predicted_mos", 0.0)),
            recommended=c.get("fits_bandwidth") is not False,
        )
        for c in (report.get("recommendations") or {}).get("codecs") or []
    )
    ta = _stat(quality.get("inputs"), "Ta", "value") if isinstance(quality, Mapping) else None
    heard = quality.get("heard") if isinstance(quality, Mapping) else None
    return AdviceInputs(
        mos=_stat(quality, "mos"),
        mouth_to_ear_ms=ta,
        one_way_delay_ms=one_way,
        rtt_ms=rtt,
        jitter_ms=max(jitters) if jitters else None,
        loss_pct=_stat(worse, "loss_pct"),
        burst_ratio=_stat(worse, "burst_ratio"),
        late_discard_pct=_stat(playout, "late_discard_pct"),
        host=host,
        qos=qos,
        capacity=tuple(capacity),
        voice_kbps=voice_kbps,
        relay_used=ice.get("relay_used") if isinstance(ice.get("relay_used"), bool) else None,
        ice_protocol=ice.get("protocol") if isinstance(ice.get("protocol"), str) else None,
        current_codec=current_codec,
        codecs=codecs,
        device_delay_ms=_stat(audio, "device_roundtrip_ms") if audio.get("device_used") else None,
        audio_devices=tuple(dict.fromkeys(str(n) for n in names)),
        heard_mos=_stat(heard, "mos") if isinstance(heard, Mapping) else None,
    )
