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
from callcheck.core.grades import PASS_MOS
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
            ceiling=f"{ceiling:.2f}",
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
                mos=f"{_num(alt.get('mos')) or 0:.2f}",
            ).render(translate)
        )
    return " ".join(parts)


def summary_text(report: Mapping[str, Any], translate: Translate = english) -> str:
    """The summary: grade, MOS, the three numbers, top recommendations, test id, date, version.

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
        say(
            QT_TRANSLATE_NOOP("summary", "Date: {date}   App: CallCheck {version}"),
            date=str(data.get("started_at", "?")),
            version=str(data.get("app_version", "?")),
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
                mos=f"{mos:.2f}",
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
                mos=f"{mos:.2f}",
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
    why = why_this_score(data, translate)
    if why is not None:
        lines.extend(textwrap.wrap(why, WIDTH, subsequent_indent="  "))
    k = key_numbers(data)
    lines.append(
        say(
            QT_TRANSLATE_NOOP("summary", "Round trip {rtt} | jitter {jitter} | packet loss {loss}"),
            rtt=_fmt(k["rtt_ms"], "ms"),
            jitter=_fmt(k["jitter_ms"], "ms", 1),
            loss=_fmt(k["loss_pct"], "%", 1),
        )
    )
    duration = _num(data.get("duration_s"))
    lines.append(
        say(
            QT_TRANSLATE_NOOP("summary", "Test: {mode} mode, codec {codec}, {duration}"),
            mode=str(data.get("mode", "?")),
            codec=str(data.get("codec", "?")),
            duration=_fmt(duration, "s"),
        )
    )
    env = data.get("environment") or {}
    net = network_phrase(env) if isinstance(env, Mapping) else None
    if net is not None:
        lines.extend(
            textwrap.wrap(
                say(QT_TRANSLATE_NOOP("summary", "Network: {network}"), network=net),
                WIDTH,
                subsequent_indent="  ",
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
                mos=f"{_num(best.get('predicted_mos')) or 0:.1f}",
                kbps=f"{_num(best.get('bandwidth_kbps')) or 0:.0f}",
            )
            if isinstance(best_label, str)
            else say(
                QT_TRANSLATE_NOOP(
                    "summary",
                    "Best codec: {name}, predicted MOS {mos}, {kbps} kbit/s per direction",
                ),
                name=str(best.get("name", best.get("codec"))),
                mos=f"{_num(best.get('predicted_mos')) or 0:.1f}",
                kbps=f"{_num(best.get('bandwidth_kbps')) or 0:.0f}",
            )
        )
        lines.extend(textwrap.wrap(line, WIDTH, subsequent_indent="  "))
    for err in data.get("errors") or []:
        if isinstance(err, Mapping):
            lines.extend(
                textwrap.wrap(
                    say(
                        QT_TRANSLATE_NOOP("summary", "Note: {message}"),
                        message=str(err.get("message", "")),
                    ),
                    WIDTH,
                )
            )
    return "\n".join(lines) + "\n"
