"""The one-screen text summary a helpdesk pastes into a ticket.

Takes the report's JSON dict (any supported schema version: it goes through
:func:`callcheck.core.report.upgrade`), so an old saved report summarises the same way. Lines
stay within :data:`WIDTH` columns; nothing here depends on the terminal.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any, Final

from callcheck.core.report import upgrade

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


def _fmt(value: float | None, unit: str, nd: int = 0) -> str:
    return "not measured" if value is None else f"{value:.{nd}f} {unit}".rstrip()


def key_numbers(report: Mapping[str, Any]) -> dict[str, float | None]:
    """The three numbers that matter, from the worse direction: RTT, jitter, loss (means)."""
    network = report.get("network") or {}
    dirs = [d for d in (network.get("uplink"), network.get("downlink")) if isinstance(d, Mapping)]

    def worst(name: str) -> float | None:
        values = [v for d in dirs if (v := _mean(d, name)) is not None]
        return max(values) if values else None

    return {
        "rtt_ms": worst("rtt_ms"),
        "jitter_ms": worst("jitter_ms"),
        "loss_pct": worst("loss_pct"),
    }


def network_line(environment: Mapping[str, Any]) -> str | None:
    """ "Wi-Fi (wlan0, −61 dBm, 5 GHz); VPN: wg0" from ``environment.host``, if detected."""
    host = environment.get("host")
    if not isinstance(host, Mapping):
        return None
    kind = {
        "wifi": "Wi-Fi",
        "ethernet": "wired (Ethernet)",
        "cellular": "mobile data",
        "vpn": "VPN tunnel",
        "other": "other",
    }.get(str(host.get("interface_kind")), "unknown")
    details = [str(host["interface"])] if host.get("interface") else []
    wifi = host.get("wifi")
    if isinstance(wifi, Mapping):
        if _num(wifi.get("signal_dbm")) is not None:
            details.append(f"{wifi['signal_dbm']:.0f} dBm")
        if _num(wifi.get("band_ghz")) is not None:
            details.append(f"{wifi['band_ghz']:g} GHz")
    text = kind + (f" ({', '.join(details)})" if details else "")
    vpns = host.get("vpn_interfaces") or []
    text += f"; VPN: {', '.join(map(str, vpns)) if vpns else 'none'}"
    cpu = _num(host.get("cpu_load_pct"))
    if cpu is not None:
        text += f"; CPU {cpu:.0f} %"
    return text


def summary_text(report: Mapping[str, Any]) -> str:
    """The summary: grade, MOS, the three numbers, top recommendations, test id, date, version."""
    data = upgrade(report)
    verdict = data.get("verdict") or {}
    quality = data.get("quality") or {}
    lines = [
        f"CallCheck call-quality test {data.get('id', '?')}",
        f"Date: {data.get('started_at', '?')}   App: CallCheck {data.get('app_version', '?')}",
    ]
    mos = _num(quality.get("mos")) if isinstance(quality, Mapping) else None
    grade = verdict.get("grade") or "no score"
    passed = "PASS" if verdict.get("passed") else "FAIL"
    if mos is not None:
        lines.append(f"Result: {grade}, MOS {mos:.2f} of 5 ({passed}; 4.0 needed)")
    else:
        lines.append(f"Result: {grade} ({passed})")
    if verdict.get("summary"):
        lines.extend(textwrap.wrap(str(verdict["summary"]), WIDTH))
    k = key_numbers(data)
    lines.append(
        f"Round trip {_fmt(k['rtt_ms'], 'ms')} | jitter {_fmt(k['jitter_ms'], 'ms', 1)} | "
        f"packet loss {_fmt(k['loss_pct'], '%', 1)}"
    )
    duration = _num(data.get("duration_s"))
    lines.append(
        f"Test: {data.get('mode', '?')} mode, codec {data.get('codec', '?')}, {_fmt(duration, 's')}"
    )
    env = data.get("environment") or {}
    net = network_line(env) if isinstance(env, Mapping) else None
    if net:
        lines.extend(textwrap.wrap(f"Network: {net}", WIDTH, subsequent_indent="  "))
    recs = data.get("recommendations") or {}
    actions = [a for a in recs.get("actions") or [] if isinstance(a, Mapping)]
    if actions:
        lines.append("What to do:")
        for n, a in enumerate(actions[:TOP_ACTIONS], start=1):
            head = f"{n}. [{a.get('severity', 'info')}] "
            lines.extend(
                textwrap.wrap(
                    f"{head}{a.get('text', '')}", WIDTH, subsequent_indent=" " * len(head)
                )
            )
    codecs = [c for c in recs.get("codecs") or [] if isinstance(c, Mapping)]
    best = next((c for c in codecs if c.get("fits_bandwidth") is not False), None)
    if best is not None:
        lines.extend(
            textwrap.wrap(
                f"Best codec: {best.get('name', best.get('codec'))}, predicted MOS "
                f"{_num(best.get('predicted_mos')) or 0:.1f}, "
                f"{_num(best.get('bandwidth_kbps')) or 0:.0f} kbit/s per direction",
                WIDTH,
                subsequent_indent="  ",
            )
        )
    for err in data.get("errors") or []:
        if isinstance(err, Mapping):
            lines.extend(textwrap.wrap(f"Note: {err.get('message', '')}", WIDTH))
    return "\n".join(lines) + "\n"
