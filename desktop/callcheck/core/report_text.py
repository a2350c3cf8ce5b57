"""The one-screen text summary a helpdesk pastes into a ticket.

Takes the report's JSON dict (any supported schema version: it goes through
:func:`callcheck.core.report.upgrade`), so an old saved report summarises the same way. Lines
stay within :data:`WIDTH` columns; nothing here depends on the terminal.

Every line is a translatable template (context ``summary``, :mod:`callcheck.core.phrase`):
``summary_text(report)`` is the English the CLI prints; the desktop app passes Qt's translator
(``summary_text(report, QCoreApplication.translate)``) for the user's language. The verdict
and the actions are the report's own phrases, so they read the same as on the Results screen.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any, Final

from callcheck.core.advice import action_text
from callcheck.core.grades import PASS_MOS, format_mos
from callcheck.core.heard import heard_direction_phrases, heard_summary
from callcheck.core.phrase import QT_TRANSLATE_NOOP, Phrase, Translate, english
from callcheck.core.rating import worse_direction
from callcheck.core.report import upgrade
from callcheck.core.result_phrases import grade_phrase, verdict_summary

#: Width a ticket system or an e-mail shows without wrapping.
WIDTH: Final = 78
#: How many actions the summary lists.
TOP_ACTIONS: Final = 3


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _mean(section: Any, name: str) -> float | None:
    if not isinstance(section, Mapping):
        return None
    v = section.get(name)
    if isinstance(v, Mapping):
        return _num(v.get("mean"))
    return _num(v)


#: The translation context of the summary's lines.
CONTEXT: Final = "summary"


def _say(template: str, **params: str | Phrase) -> Phrase:
    """A line of the summary: ``template`` is marked ``QT_TRANSLATE_NOOP("summary", …)``."""
    return Phrase(CONTEXT, template, params)


def _fmt(value: float | None, unit: str, nd: int = 0) -> str | Phrase:
    if value is None:
        return _say(QT_TRANSLATE_NOOP("summary", "not measured"))
    return f"{value:.{nd}f} {unit}".rstrip()


#: ``environment.host.interface_kind`` → what the summary calls it.
_INTERFACE_KINDS: Final = {
    "wifi": QT_TRANSLATE_NOOP("summary", "Wi-Fi"),
    "ethernet": QT_TRANSLATE_NOOP("summary", "wired (Ethernet)"),
    "cellular": QT_TRANSLATE_NOOP("summary", "mobile data"),
    "vpn": QT_TRANSLATE_NOOP("summary", "VPN tunnel"),
    "other": QT_TRANSLATE_NOOP("summary", "other"),
}
#: An action's severity as the summary shows it ("1. [warning] …").
_SEVERITIES: Final = {
    "info": QT_TRANSLATE_NOOP("summary", "info"),
    "warning": QT_TRANSLATE_NOOP("summary", "warning"),
    "critical": QT_TRANSLATE_NOOP("summary", "critical"),
}


def key_numbers(report: Mapping[str, Any]) -> dict[str, float | None]:
    """The three numbers that matter, from the worse direction: RTT, jitter, loss (means).

    The worse direction is :func:`callcheck.core.rating.worse_direction` (a report holds no
    per-direction MOS, so: more loss, the downlink on a tie); RTT, measured once per call, is
    the larger of the two when only one direction has none.
    """
    network = report.get("network") or {}
    up, down = network.get("uplink"), network.get("downlink")
    dirs = [d for d in (up, down) if isinstance(d, Mapping)]
    if not dirs:
        return {"rtt_ms": None, "jitter_ms": None, "loss_pct": None}
    worse = (
        worse_direction(
            up, down, mos=lambda d: None, loss_pct=lambda d: _mean(d, "loss_pct") or 0.0
        )
        if len(dirs) == 2
        else dirs[0]
    )
    rtt = _mean(worse, "rtt_ms")
    if rtt is None:
        rtts = [v for d in dirs if (v := _mean(d, "rtt_ms")) is not None]
        rtt = max(rtts) if rtts else None
    return {
        "rtt_ms": rtt,
        "jitter_ms": _mean(worse, "jitter_ms"),
        "loss_pct": _mean(worse, "loss_pct"),
    }


def lost_or_late_pct(report: Mapping[str, Any]) -> float | None:
    """The share of the audio lost on the network or arriving too late to play (the E-model's
    Ppl, ``quality.inputs.Ppl``): what a listener misses. The worse direction's network loss
    when the report has no rating."""
    quality = report.get("quality")
    inputs = quality.get("inputs") if isinstance(quality, Mapping) else None
    ppl = inputs.get("Ppl") if isinstance(inputs, Mapping) else None
    if isinstance(ppl, Mapping) and _num(ppl.get("value")) is not None:
        return _num(ppl.get("value"))
    return key_numbers(report)["loss_pct"]


def network_phrase(environment: Mapping[str, Any]) -> Phrase | None:
    """:func:`network_line` as a translatable phrase."""
    host = environment.get("host")
    if not isinstance(host, Mapping):
        return None
    kind_word = _INTERFACE_KINDS.get(str(host.get("interface_kind")))
    kind = _say(kind_word if kind_word is not None else QT_TRANSLATE_NOOP("summary", "unknown"))
    details = [str(host["interface"])] if host.get("interface") else []
    wifi = host.get("wifi")
    if isinstance(wifi, Mapping):
        if _num(wifi.get("signal_dbm")) is not None:
            details.append(f"{wifi['signal_dbm']:.0f} dBm")
        if _num(wifi.get("band_ghz")) is not None:
            details.append(f"{wifi['band_ghz']:g} GHz")
    vpns = host.get("vpn_interfaces") or []
    params: dict[str, str | Phrase] = {
        "kind": kind,
        "vpn": ", ".join(map(str, vpns)) if vpns else _say(QT_TRANSLATE_NOOP("summary", "none")),
    }
    cpu = _num(host.get("cpu_load_pct"))
    if details:
        params["details"] = ", ".join(details)
    if cpu is not None:
        params["cpu_pct"] = f"{cpu:.0f}"
    if details and cpu is not None:
        template = QT_TRANSLATE_NOOP("summary", "{kind} ({details}); VPN: {vpn}; CPU {cpu_pct} %")
    elif details:
        template = QT_TRANSLATE_NOOP("summary", "{kind} ({details}); VPN: {vpn}")
    elif cpu is not None:
        template = QT_TRANSLATE_NOOP("summary", "{kind}; VPN: {vpn}; CPU {cpu_pct} %")
    else:
        template = QT_TRANSLATE_NOOP("summary", "{kind}; VPN: {vpn}")
    return _say(template, **params)


def network_line(environment: Mapping[str, Any]) -> str | None:
    """ "Wi-Fi (wlan0, −61 dBm, 5 GHz); VPN: wg0" from ``environment.host``, if detected."""
    phrase = network_phrase(environment)
    return None if phrase is None else phrase.text


#: The one name of each test mode, in every report face and on the screens (the GUI's
#: ``texts.MODE_SHORT`` holds the same English; a test keeps them equal).
MODE_NAMES: Final[dict[str, str]] = {
    "loopback": QT_TRANSLATE_NOOP("summary", "Quick local check"),
    "server": QT_TRANSLATE_NOOP("summary", "Network test"),
    "peer": QT_TRANSLATE_NOOP("summary", "Call a colleague"),
}


def mode_name(mode: Any, translate: Translate = english) -> str:
    """A report's ``mode`` code as the user reads it; an unknown code as it is."""
    name = MODE_NAMES.get(str(mode))
    return str(mode) if name is None else _say(name).render(translate)


#: The labels of the "for the helpdesk" block, in its order.
HELPDESK_LABELS: Final[dict[str, str]] = {
    "user": QT_TRANSLATE_NOOP("summary", "User"),
    "host": QT_TRANSLATE_NOOP("summary", "Computer"),
    "os": QT_TRANSLATE_NOOP("summary", "Operating system"),
    "input": QT_TRANSLATE_NOOP("summary", "Microphone"),
    "output": QT_TRANSLATE_NOOP("summary", "Speaker"),
    "network": QT_TRANSLATE_NOOP("summary", "Network"),
    "server": QT_TRANSLATE_NOOP("summary", "Test server"),
    "test": QT_TRANSLATE_NOOP("summary", "Test"),
    "version": QT_TRANSLATE_NOOP("summary", "App version"),
}
HELPDESK_HEADING: Final = QT_TRANSLATE_NOOP("summary", "For the helpdesk")


def _device_names(environment: Mapping[str, Any]) -> dict[str, str]:
    """The microphone and speaker used: ``environment.devices`` (the names the app showed),
    else the devices the host detection saw."""
    out: dict[str, str] = {}
    devices = environment.get("devices")
    if isinstance(devices, Mapping):
        for key in ("input", "output"):
            if devices.get(key):
                out[key] = str(devices[key])
    host = environment.get("host")
    if isinstance(host, Mapping):
        for d in host.get("audio_devices") or []:
            if isinstance(d, Mapping) and d.get("direction") in ("input", "output"):
                out.setdefault(str(d["direction"]), str(d.get("name", "")))
    return out


def helpdesk_facts(
    report: Mapping[str, Any], translate: Translate = english
) -> list[tuple[str, str]]:
    """The "for the helpdesk" block: (label, value) for user, computer, OS, microphone,
    speaker, network, test server, test and app version — what a ticket needs first, the same
    in the HTML, the PDF and the text. A fact the report does not hold is "not recorded"."""
    data = upgrade(report)
    env = data.get("environment")
    env = env if isinstance(env, Mapping) else {}
    unknown = _say(QT_TRANSLATE_NOOP("summary", "not recorded")).render(translate)
    devices = _device_names(env)
    net = network_phrase(env)
    os_text = f"{env.get('os', '')} {env.get('os_release', '')}".strip()
    test = _say(
        QT_TRANSLATE_NOOP("summary", "{mode}, codec {codec}, {duration}, {date}, id {id}"),
        mode=mode_name(data.get("mode"), translate),
        codec=str(data.get("codec", "?")),
        duration=_fmt(_num(data.get("duration_s")), "s"),
        date=str(data.get("started_at", "?")),
        id=str(data.get("id", "?")),
    ).render(translate)
    server = env.get("server")
    if not server and data.get("mode") == "loopback":
        server = _say(QT_TRANSLATE_NOOP("summary", "none (tested on this computer)")).render(
            translate
        )
    values = {
        "user": env.get("user"),
        "host": env.get("host_name"),
        "os": os_text,
        "input": devices.get("input"),
        "output": devices.get("output"),
        "network": None if net is None else net.render(translate),
        "server": server,
        "test": test,
        "version": f"CallCheck {data['app_version']}" if data.get("app_version") else None,
    }
    return [
        (_say(label).render(translate), str(values[key]) if values[key] else unknown)
        for key, label in HELPDESK_LABELS.items()
    ]


def failure_reason(report: Mapping[str, Any], translate: Translate = english) -> str | None:
    """Why a test did not pass, in plain words (None when it passed): the largest cost of the
    rating, else the most severe action, else the first problem the test ran into."""
    data = upgrade(report)
    verdict = data.get("verdict")
    verdict = verdict if isinstance(verdict, Mapping) else {}
    if verdict.get("passed"):
        return None
    rating = verdict.get("rating")
    if isinstance(rating, Mapping):
        cause = _CAUSE_WORDS.get(str(rating.get("largest_impairment")))
        if cause is not None:
            return _say(
                QT_TRANSLATE_NOOP("summary", "Main reason: {cause}."), cause=_say(cause)
            ).render(translate)
    recs = data.get("recommendations")
    actions = [
        a
        for a in (recs.get("actions") or [] if isinstance(recs, Mapping) else [])
        if isinstance(a, Mapping) and a.get("severity") in ("critical", "warning")
    ]
    if actions:
        return _say(
            QT_TRANSLATE_NOOP("summary", "Main reason: {reason}"),
            reason=action_text(actions[0], translate),
        ).render(translate)
    errors = [e for e in data.get("errors") or [] if isinstance(e, Mapping) and e.get("message")]
    if errors:
        return _say(
            QT_TRANSLATE_NOOP("summary", "Main reason: {reason}"), reason=str(errors[0]["message"])
        ).render(translate)
    if verdict.get("complete") is False:
        return _say(
            QT_TRANSLATE_NOOP("summary", "Main reason: the test ended before it was complete.")
        ).render(translate)
    return None


#: The causes of :class:`callcheck.core.rating.Cause` in plain words.
_CAUSE_WORDS: Final[dict[str, str]] = {
    "network-delay": QT_TRANSLATE_NOOP("summary", "delay on the network"),
    "buffer-delay": QT_TRANSLATE_NOOP("summary", "delay in the playout buffer (jitter)"),
    "device-delay": QT_TRANSLATE_NOOP("summary", "delay from the audio device"),
    "loss": QT_TRANSLATE_NOOP("summary", "packet loss"),
    "codec": QT_TRANSLATE_NOOP("summary", "the codec itself"),
}


def why_this_score(report: Mapping[str, Any], translate: Translate = english) -> str | None:
    """ "Why this score": what the network and devices cost below the codec's own ceiling, the
    largest cost, and what a wideband codec would give (from ``verdict.rating``); None for a
    report without a rating (made before it, or a call that could not be rated)."""
    rating = (report.get("verdict") or {}).get("rating")
    if not isinstance(rating, Mapping):
        return None
    ceiling = _num(rating.get("codec_ceiling_mos"))
    cost = _num(rating.get("network_cost_r"))
    label = rating.get("mos_label")
    if ceiling is None or cost is None or not isinstance(label, str):
        return None
    cause = _CAUSE_WORDS.get(str(rating.get("largest_impairment")))
    parts = [
        _say(
            QT_TRANSLATE_NOOP(
                "summary",
                "Why this score: the codec alone allows {label} {ceiling}; the network and the "
                "devices cost {cost} R below that.",
            ),
            label=label,
            ceiling=format_mos(ceiling),
            cost=f"{cost:.1f}",
        ).render(translate)
    ]
    if cause is not None:
        parts.append(
            _say(
                QT_TRANSLATE_NOOP("summary", "The largest cost is {cause}."), cause=_say(cause)
            ).render(translate)
        )
    alt = rating.get("wideband_alternative")
    own = (report.get("quality") or {}).get("codec")
    if isinstance(alt, Mapping) and _num(alt.get("mos")) is not None and alt.get("codec") != own:
        parts.append(
            _say(
                QT_TRANSLATE_NOOP(
                    "summary", "A wideband codec ({name}) would give MOS-CQEW {mos} here."
                ),
                name=str(alt.get("name", alt.get("codec"))),
                mos=format_mos(_num(alt.get("mos")) or 1.0),
            ).render(translate)
        )
    return " ".join(parts)


def summary_text(report: Mapping[str, Any], translate: Translate = english) -> str:
    """The summary: plain words first — grade and MOS, the verdict, the reason for a failing
    grade, the three numbers, the top actions and the best codec — then the "for the helpdesk"
    block (user, computer, OS, devices, network, server, test, app version), then the details
    (the E-model's "why this score", with R figures).

    In English, or in the language of ``translate`` (``QCoreApplication.translate``).
    """
    data = upgrade(report)
    verdict = data.get("verdict") or {}
    quality = data.get("quality") or {}

    def say(template: str, **params: str | Phrase) -> str:
        return _say(template, **params).render(translate)

    lines = [
        say(
            QT_TRANSLATE_NOOP("summary", "CallCheck call-quality test {id}"),
            id=str(data.get("id", "?")),
        ),
    ]
    mos = _num(quality.get("mos")) if isinstance(quality, Mapping) else None
    grade: str | Phrase = (
        grade_phrase(str(verdict["grade"]))
        if verdict.get("grade")
        else _say(QT_TRANSLATE_NOOP("summary", "no score"))
    )
    passed = (
        _say(QT_TRANSLATE_NOOP("summary", "PASS"))
        if verdict.get("passed")
        else _say(QT_TRANSLATE_NOOP("summary", "FAIL"))
    )
    label = quality.get("mos_label") if isinstance(quality, Mapping) else None
    if mos is not None and isinstance(label, str):
        # The MOS named with its scale (ITU-T P.800.1: MOS-CQE narrowband, MOS-CQEW wideband).
        lines.append(
            say(
                QT_TRANSLATE_NOOP(
                    "summary", "Result: {grade}, {label} {mos} of 5 ({result}; {pass_mos} needed)"
                ),
                grade=grade,
                label=label,
                mos=format_mos(mos),
                result=passed,
                pass_mos=f"{PASS_MOS:.1f}",
            )
        )
    elif mos is not None:
        lines.append(
            say(
                QT_TRANSLATE_NOOP(
                    "summary", "Result: {grade}, MOS {mos} of 5 ({result}; {pass_mos} needed)"
                ),
                grade=grade,
                mos=format_mos(mos),
                result=passed,
                pass_mos=f"{PASS_MOS:.1f}",
            )
        )
    else:
        lines.append(
            say(
                QT_TRANSLATE_NOOP("summary", "Result: {grade} ({result})"),
                grade=grade,
                result=passed,
            )
        )
    if verdict.get("summary"):
        lines.extend(
            textwrap.wrap(verdict_summary(data, translate) or str(verdict["summary"]), WIDTH)
        )
    reason = failure_reason(data, translate)
    if reason is not None:
        lines.extend(textwrap.wrap(reason, WIDTH, subsequent_indent="  "))
    k = key_numbers(data)
    lines.append(
        say(
            QT_TRANSLATE_NOOP("summary", "Round trip {rtt} | jitter {jitter} | packet loss {loss}"),
            rtt=_fmt(k["rtt_ms"], "ms"),
            jitter=_fmt(k["jitter_ms"], "ms", 1),
            loss=_fmt(k["loss_pct"], "%", 1),
        )
    )
    # What the listener heard (issue 19), beside the prediction: the CLI's line, then each
    # direction with its model, or why it is not available.
    heard = quality.get("heard") if isinstance(quality, Mapping) else None
    heard_head = heard_summary(heard)
    if heard_head is not None:
        lines.extend(textwrap.wrap(heard_head.render(translate), WIDTH, subsequent_indent="  "))
        for phrase in heard_direction_phrases(heard):
            lines.extend(
                textwrap.wrap(
                    phrase.render(translate), WIDTH, initial_indent="  ", subsequent_indent="    "
                )
            )
    recs = data.get("recommendations") or {}
    actions = [a for a in recs.get("actions") or [] if isinstance(a, Mapping)]
    if actions:
        lines.append(say(QT_TRANSLATE_NOOP("summary", "What to do:")))
        for n, a in enumerate(actions[:TOP_ACTIONS], start=1):
            severity = str(a.get("severity", "info"))
            word = _SEVERITIES.get(severity)
            head = (
                say(
                    QT_TRANSLATE_NOOP("summary", "{number}. [{severity}]"),
                    number=str(n),
                    severity=severity if word is None else _say(word),
                )
                + " "
            )
            lines.extend(
                textwrap.wrap(
                    f"{head}{action_text(a, translate)}", WIDTH, subsequent_indent=" " * len(head)
                )
            )
    codecs = [c for c in recs.get("codecs") or [] if isinstance(c, Mapping)]
    best = next((c for c in codecs if c.get("fits_bandwidth") is not False), None)
    if best is not None:
        best_label = best.get("mos_label")
        line = (
            say(
                QT_TRANSLATE_NOOP(
                    "summary",
                    "Best codec: {name}, predicted {label} {mos}, {kbps} kbit/s per direction",
                ),
                name=str(best.get("name", best.get("codec"))),
                label=best_label,
                mos=format_mos(_num(best.get("predicted_mos")) or 1.0),
                kbps=f"{_num(best.get('bandwidth_kbps')) or 0:.0f}",
            )
            if isinstance(best_label, str)
            else say(
                QT_TRANSLATE_NOOP(
                    "summary",
                    "Best codec: {name}, predicted MOS {mos}, {kbps} kbit/s per direction",
                ),
                name=str(best.get("name", best.get("codec"))),
                mos=format_mos(_num(best.get("predicted_mos")) or 1.0),
                kbps=f"{_num(best.get('bandwidth_kbps')) or 0:.0f}",
            )
        )
        lines.extend(textwrap.wrap(line, WIDTH, subsequent_indent="  "))
    for err in data.get("errors") or []:
        # An error already given as the main reason is not repeated as a note.
        if isinstance(err, Mapping) and not (reason and str(err.get("message")) in reason):
            lines.extend(
                textwrap.wrap(
                    say(
                        QT_TRANSLATE_NOOP("summary", "Note: {message}"),
                        message=str(err.get("message", "")),
                    ),
                    WIDTH,
                )
            )
    lines.append("")
    lines.append(say(HELPDESK_HEADING) + ":")
    for name, value in helpdesk_facts(data, translate):
        lines.extend(textwrap.wrap(f"  {name}: {value}", WIDTH, subsequent_indent="    "))
    why = why_this_score(data, translate)
    if why is not None:
        lines.append("")
        lines.append(say(QT_TRANSLATE_NOOP("summary", "Details:")))
        lines.extend(textwrap.wrap(why, WIDTH, initial_indent="  ", subsequent_indent="  "))
    return "\n".join(lines) + "\n"
