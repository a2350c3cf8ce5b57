"""The HTML report: one self-contained page that opens in any browser and prints well.

Pure string building from the report's JSON dict (through
:func:`callcheck.core.report.upgrade`, so old reports render): no scripts, no external fonts,
images or styles; charts are inline SVG. Every piece of text from the report is escaped.

Plain words first, details on demand (issue 16): the verdict with a gauge and, for a failing
grade, its reason; the three numbers that matter; what to do; the "for the helpdesk" block; the
MOS timeline and the RTT / jitter / loss charts. Then one "Details" part: "why this score" (the
E-model breakdown, with the inputs and their provenance), the codecs on this network, the
network directions, this computer and the connection, and problems during the test. Nothing in
it is a Python repr or a code field name: every row has a label written for people.

The PDF is this page (:func:`render_html` with ``inline_svg=False``): the gauge and the charts
are then ``<img>`` references to :func:`report_images`, which the desktop app rasterises, because
Qt's rich-text engine draws no inline SVG.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any, Final

from callcheck.core.grades import GRADE_BANDS, PASS_MOS, format_mos
from callcheck.core.heard import HEARD_HEADING, heard_direction_phrases, heard_summary
from callcheck.core.report import upgrade
from callcheck.core.report_text import (
    HELPDESK_HEADING,
    failure_reason,
    helpdesk_facts,
    key_numbers,
    mode_name,
    network_line,
    why_this_score,
)
from callcheck.core.result_phrases import verdict_summary, why_phrases

#: Grade band colours (best first), shared by the gauge and the MOS timeline.
GRADE_COLOURS: Final[dict[str, str]] = {
    "Excellent": "#1a9850",
    "Good": "#66bd63",
    "Fair": "#fdae61",
    "Poor": "#f46d43",
    "Bad": "#d73027",
}
SEVERITY_COLOURS: Final[dict[str, str]] = {
    "critical": "#d73027",
    "warning": "#f39c12",
    "info": "#3778c2",
}

CHART_W: Final = 640
CHART_H: Final = 170
_PAD_L, _PAD_R, _PAD_T, _PAD_B = 44, 12, 22, 24

_CSS: Final = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: #222;
  margin: 0 auto; max-width: 960px; padding: 16px 24px; line-height: 1.4; background: #fff; }
h1 { font-size: 1.5em; margin: 0 0 4px; }
h2 { font-size: 1.15em; border-bottom: 2px solid #ddd; padding-bottom: 2px; margin-top: 1.4em; }
.meta { color: #555; font-size: 0.9em; }
.verdict { display: flex; gap: 24px; align-items: center; flex-wrap: wrap; }
.verdict .text { flex: 1; min-width: 260px; font-size: 1.05em; }
.grade { font-size: 1.6em; font-weight: bold; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff;
  font-size: 0.8em; font-weight: bold; text-transform: uppercase; }
table.cards { border-collapse: separate; border-spacing: 12px 0; margin: 0 -12px; }
table.cards td.card { width: 33%; border: 1px solid #ccc; border-radius: 6px; padding: 8px 12px; }
.card .v { font-size: 1.5em; font-weight: bold; }
.card .t { color: #555; font-size: 0.85em; }
table.cards td.card.bad { border-color: #d73027; }
.charts { display: grid; grid-template-columns: 1fr; gap: 8px; }
svg.chart { width: 100%; height: auto; max-width: 640px; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
th, td { border-bottom: 1px solid #e3e3e3; padding: 3px 6px; text-align: left;
  vertical-align: top; }
th { background: #f4f4f4; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
ul.actions { list-style: none; padding: 0; }
ul.actions li { border-left: 5px solid #3778c2; padding: 4px 10px; margin: 6px 0;
  background: #f8f9fb; }
.why li { margin: 3px 0; }
.prov-measured { color: #1a7f37; } .prov-estimated { color: #9a6700; }
.prov-assumed { color: #6e7781; }
.muted { color: #777; }
footer { margin-top: 2em; color: #777; font-size: 0.8em; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  section, .card, svg.chart, tr { break-inside: avoid; page-break-inside: avoid; }
  ul.actions li { background: none; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


# ---------------------------------------------------------------------------------------------
# Small helpers


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    v = float(value)
    return v if math.isfinite(v) else None


def _fmt(value: Any, nd: int = 1, unit: str = "") -> str:
    v = _num(value)
    if v is None:
        return "–"
    return escape(f"{v:.{nd}f}{' ' + unit if unit else ''}")


def _t(value: Any) -> str:
    """Any value as escaped text."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return escape(str(value))


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


def _grade_colour(grade: Any) -> str:
    return GRADE_COLOURS.get(str(grade), "#888888")


# ---------------------------------------------------------------------------------------------
# Gauge


def gauge_svg(mos: float | None, grade: str | None) -> str:
    """A half-circle gauge from MOS 1 to 5 with the grade bands and a needle at ``mos``."""
    cx, cy, r = 110.0, 110.0, 90.0

    def point(m: float, radius: float) -> tuple[float, float]:
        a = math.pi * (1.0 - (min(5.0, max(1.0, m)) - 1.0) / 4.0)
        return cx + radius * math.cos(a), cy - radius * math.sin(a)

    parts = [
        '<svg id="gauge" class="gauge" viewBox="0 0 220 135" width="220" height="135" '
        'role="img" aria-label="MOS gauge">'
    ]
    for band in GRADE_BANDS:
        x0, y0 = point(band.low_mos, r)
        x1, y1 = point(band.high_mos, r)
        parts.append(
            f'<path d="M{x0:.1f},{y0:.1f} A{r:.0f},{r:.0f} 0 0 1 {x1:.1f},{y1:.1f}" fill="none" '
            f'stroke="{GRADE_COLOURS[band.grade]}" stroke-width="18"/>'
        )
    if mos is not None:
        nx, ny = point(mos, r - 14)
        parts.append(
            f'<line id="gauge-needle" x1="{cx:.0f}" y1="{cy:.0f}" x2="{nx:.1f}" y2="{ny:.1f}" '
            'stroke="#222" stroke-width="4" stroke-linecap="round"/>'
        )
        parts.append(f'<circle cx="{cx:.0f}" cy="{cy:.0f}" r="6" fill="#222"/>')
        parts.append(
            f'<text x="{cx:.0f}" y="{cy + 22:.0f}" text-anchor="middle" font-size="18" '
            f'font-weight="bold" fill="{_grade_colour(grade)}">MOS {format_mos(mos)}</text>'
        )
    else:
        parts.append(
            f'<text x="{cx:.0f}" y="{cy:.0f}" text-anchor="middle" font-size="14">no score</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


# ---------------------------------------------------------------------------------------------
# Charts


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    mag = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * mag:
            return float(step * mag)
    return float(10 * mag)


def line_chart(
    chart_id: str,
    title: str,
    series: Sequence[tuple[str, str, Sequence[tuple[float, float | None]]]],
    *,
    unit: str,
    y_min: float = 0.0,
    y_max: float | None = None,
    bands: Sequence[tuple[float, float, str]] = (),
    target: float | None = None,
) -> str:
    """An SVG line chart: ``series`` of (label, colour, [(t_s, value or None)]).

    ``bands`` are (low, high, colour) background stripes; ``target`` a dashed line. None values
    break the line.
    """
    xs = [t for _, _, pts in series for t, _ in pts]
    ys = [v for _, _, pts in series for _, v in pts if v is not None]
    if not xs or not ys:
        return f'<p id="{escape(chart_id)}" class="muted">{escape(title)}: no samples.</p>'
    x0, x1 = min(xs), max(xs)
    if x1 <= x0:
        x1 = x0 + 1.0
    top = y_max if y_max is not None else _nice_max(max(max(ys), target or 0.0) * 1.1)
    pw, ph = CHART_W - _PAD_L - _PAD_R, CHART_H - _PAD_T - _PAD_B

    def sx(t: float) -> float:
        return _PAD_L + (t - x0) / (x1 - x0) * pw

    def sy(v: float) -> float:
        v = min(top, max(y_min, v))
        return _PAD_T + (1.0 - (v - y_min) / (top - y_min)) * ph

    out = [
        f'<svg id="{escape(chart_id)}" class="chart" viewBox="0 0 {CHART_W} {CHART_H}" '
        f'role="img" aria-label="{escape(title)}">',
        f'<text x="{_PAD_L}" y="14" font-size="13" font-weight="bold">{escape(title)}</text>',
    ]
    for low, high, colour in bands:
        ya, yb = sy(high), sy(low)
        out.append(
            f'<rect x="{_PAD_L}" y="{ya:.1f}" width="{pw}" height="{max(0.0, yb - ya):.1f}" '
            f'fill="{colour}" opacity="0.18"/>'
        )
    for i in range(5):
        v = y_min + (top - y_min) * i / 4
        y = sy(v)
        out.append(
            f'<line x1="{_PAD_L}" y1="{y:.1f}" x2="{_PAD_L + pw}" y2="{y:.1f}" stroke="#ddd"/>'
        )
        out.append(
            f'<text x="{_PAD_L - 4}" y="{y + 4:.1f}" font-size="10" text-anchor="end">{v:g}</text>'
        )
    out.append(
        f'<text x="{_PAD_L + pw}" y="{CHART_H - 6}" font-size="10" text-anchor="end">'
        f"{x1:.0f} s</text>"
        f'<text x="{_PAD_L}" y="{CHART_H - 6}" font-size="10">{x0:.0f} s</text>'
        f'<text x="{_PAD_L + pw}" y="14" font-size="10" text-anchor="end">{escape(unit)}</text>'
    )
    if target is not None and y_min <= target <= top:
        y = sy(target)
        out.append(
            f'<line x1="{_PAD_L}" y1="{y:.1f}" x2="{_PAD_L + pw}" y2="{y:.1f}" '
            'stroke="#555" stroke-dasharray="4 3"/>'
        )
    legend_x = _PAD_L + 200
    for label, colour, pts in series:
        segments: list[list[str]] = [[]]
        for t, value in pts:
            if value is None:
                segments.append([])
            else:
                segments[-1].append(f"{sx(t):.1f},{sy(value):.1f}")
        for seg in segments:
            if len(seg) == 1:
                px, py = seg[0].split(",")
                out.append(f'<circle cx="{px}" cy="{py}" r="2" fill="{colour}"/>')
            elif seg:
                out.append(
                    f'<polyline points="{" ".join(seg)}" fill="none" stroke="{colour}" '
                    'stroke-width="2"/>'
                )
        if len(series) > 1:
            out.append(
                f'<rect x="{legend_x}" y="6" width="10" height="10" fill="{colour}"/>'
                f'<text x="{legend_x + 14}" y="15" font-size="11">{escape(label)}</text>'
            )
            legend_x += 20 + 7 * len(label)
    out.append("</svg>")
    return "".join(out)


def _timeline_points(timeline: list[Any], key: str) -> list[tuple[float, float | None]]:
    pts = []
    for s in timeline:
        if not isinstance(s, Mapping):
            continue
        t = _num(s.get("t_s"))
        if t is not None:
            pts.append((t, _num(s.get(key))))
    return pts


def charts_html(data: Mapping[str, Any]) -> str:
    """The MOS timeline and the RTT, jitter and loss charts."""
    return '<div class="charts">' + "".join(_chart_svgs(data).values()) + "</div>"


def _chart_svgs(data: Mapping[str, Any]) -> dict[str, str]:
    """The four charts by id (an SVG, or a "no samples" paragraph)."""
    timeline = _list(data.get("timeline"))
    bands = [(b.low_mos, b.high_mos, GRADE_COLOURS[b.grade]) for b in GRADE_BANDS]
    mos_series = [("MOS", "#222", _timeline_points(timeline, "mos"))]
    # The last second on its own (schema: timeline[].mos_recent; absent from older reports).
    recent = _timeline_points(timeline, "mos_recent")
    if any(v is not None for _, v in recent):
        mos_series.append(("last 1 s", "#e67e22", recent))
    charts = (
        line_chart(
            "chart-mos",
            "MOS over the test",
            mos_series,
            unit="MOS",
            y_min=1.0,
            y_max=5.0,
            bands=bands,
            target=PASS_MOS,
        ),
        line_chart(
            "chart-rtt",
            "Round-trip time",
            [("RTT", "#3778c2", _timeline_points(timeline, "rtt_ms"))],
            unit="ms",
            target=100.0,
        ),
        line_chart(
            "chart-jitter",
            "Jitter and playout buffer",
            [
                ("jitter", "#8e44ad", _timeline_points(timeline, "jitter_ms")),
                ("buffer", "#95a5a6", _timeline_points(timeline, "buffer_ms")),
            ],
            unit="ms",
            target=30.0,
        ),
        line_chart(
            "chart-loss",
            "Packet loss per interval",
            [("loss", "#d73027", _timeline_points(timeline, "loss_pct"))],
            unit="%",
            target=1.0,
        ),
    )
    return dict(zip(("chart-mos", "chart-rtt", "chart-jitter", "chart-loss"), charts, strict=True))


# ---------------------------------------------------------------------------------------------
# Why this score


def why_items(quality: Mapping[str, Any]) -> list[str]:
    """The E-model breakdown as plain sentences (escaped HTML list items), in English.

    The sentences are :func:`callcheck.core.result_phrases.why_phrases`, written (and
    translatable) there.
    """
    return [f"<li>{escape(phrase.text)}</li>" for phrase in why_phrases(quality)]


#: The E-model inputs (report ``quality.inputs``) in words; the G.107 symbol stays in brackets
#: for whoever checks the arithmetic.
INPUT_NAMES: Final[dict[str, str]] = {
    "network_delay_ms": "one-way network delay",
    "jitter_ms": "jitter",
    "buffer_ms": "wait in the playout buffer",
    "coding_delay_ms": "codec delay (packet and look-ahead)",
    "device_ms": "audio device delay",
    "loss_pct": "packets lost on the network",
    "late_discard_pct": "packets too late to play",
    "burst_ratio": "how bunched the losses are",
    "Ta": "mouth-to-ear delay (Ta)",
    "T": "talker echo path delay (T)",
    "Tr": "listener echo loop delay (Tr)",
    "Ppl": "packets lost or too late (Ppl)",
    "BurstR": "how bunched the losses are (BurstR)",
    "Ie": "what the codec itself costs (Ie)",
    "Bpl": "how well the codec hides loss (Bpl)",
    # Evidence of the actions (``recommendations.actions[].evidence``).
    "rtt_ms": "round trip",
    "target_rtt_ms": "target round trip",
    "one_way_delay_ms": "one-way delay",
    "mouth_to_ear_ms": "mouth to ear",
    "cpu_load_pct": "computer busy",
    "ppl_pct": "audio lost or late",
}
#: A source that points into the code reads, in a report, as where a person finds it.
_CODE_REFERENCE: Final = re.compile(r"see callcheck(\.\w+)+ module documentation")


def label_for(key: str) -> str:
    """A report field's name in words: a known name, else the key without its unit suffix and
    underscores ("mouth_to_ear_ms" → "mouth to ear")."""
    if key in INPUT_NAMES:
        return INPUT_NAMES[key]
    words = key
    for suffix in _UNIT_SUFFIXES:
        if words.endswith(suffix):
            words = words[: -len(suffix)]
            break
    return words.replace("_", " ").strip()


#: Field-name suffixes and the unit they stand for.
_UNIT_SUFFIXES: Final[dict[str, str]] = {
    "_ms": "ms",
    "_pct": "%",
    "_kbps": "kbit/s",
    "_hz": "Hz",
    "_dbm": "dBm",
    "_s": "s",
    "_mos": "",
}


def _unit_of(key: str) -> str:
    return next((u for suffix, u in _UNIT_SUFFIXES.items() if key.endswith(suffix)), "")


def _plain(value: Any, nd: int = 1) -> str:
    """Any JSON value as words (escaped): numbers rounded, lists joined, objects as
    "name value" pairs; never a Python repr."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return _fmt(value, 0 if isinstance(value, int) else nd)
    if isinstance(value, Mapping):
        return ", ".join(
            f"{escape(label_for(str(k)))} {_plain(v, nd)}"
            for k, v in value.items()
            if v is not None
        )
    if isinstance(value, list | tuple):
        return "; ".join(_plain(v, nd) for v in value) or "none"
    return escape(_CODE_REFERENCE.sub("documented with CallCheck's codec table", str(value)))


def inputs_table(quality: Mapping[str, Any]) -> str:
    """The E-model inputs with value, unit, provenance and source."""
    rows = []
    for name, item in _map(quality.get("inputs")).items():
        it = _map(item)
        prov = str(it.get("provenance", ""))
        clamped = (
            f" (clamped from {_fmt(it.get('clamped_from'), 1)})"
            if it.get("clamped_from") is not None
            else ""
        )
        rows.append(
            f"<tr><td>{escape(label_for(str(name)))}</td>"
            f"<td class='n'>{_fmt(it.get('value'), 2)}{clamped}</td>"
            f"<td>{_t(it.get('unit') or '')}</td>"
            f"<td class='prov-{escape(prov)}'>{_t(prov)}</td>"
            f"<td>{_plain(it.get('source'))}</td></tr>"
        )
    if not rows:
        return ""
    return (
        "<table id='inputs'><thead><tr><th>what</th><th>value</th><th>unit</th>"
        "<th>how known</th><th>from</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


# ---------------------------------------------------------------------------------------------
# Sections


def _key_cards(data: Mapping[str, Any]) -> str:
    k = key_numbers(data)
    cards = [
        ("card-rtt", "Round trip", k["rtt_ms"], 0, "ms", 100.0, "target under 100 ms"),
        ("card-jitter", "Jitter", k["jitter_ms"], 1, "ms", 30.0, "target under 30 ms"),
        ("card-loss", "Packet loss", k["loss_pct"], 1, "%", 1.0, "target under 1 %"),
    ]
    # A table row, not flex boxes: the PDF (Qt's rich text) lays out tables, not flex.
    out = ['<table class="cards"><tr>']
    for cid, label, value, nd, unit, limit, hint in cards:
        bad = " bad" if value is not None and value > limit else ""
        out.append(
            f'<td class="card{bad}" id="{cid}"><div class="t">{escape(label)}</div>'
            f'<div class="v"><b>{_fmt(value, nd, unit)}</b></div>'
            f'<div class="t">{escape(hint)}</div></td>'
        )
    out.append("</tr></table>")
    return "".join(out)


def _heard(quality: Mapping[str, Any]) -> str:
    """ "What the listener heard" (issue 19): the CLI's line, then each direction's score,
    scale, model and method — or why it is not available — beside the predicted MOS."""
    heard = quality.get("heard")
    summary = heard_summary(heard if isinstance(heard, Mapping) else None)
    if summary is None:
        return ""
    predicted = _num(quality.get("mos"))
    label = quality.get("mos_label")  # MOS-CQE or MOS-CQEW; older reports have none
    prediction = (
        f'<p class="muted" id="heard-predicted">Predicted from the network (E-model): '
        f"{_t(label or 'MOS')} {format_mos(predicted)}. The heard score measures the audio as "
        "it reached the speaker, against what was sent; well below the prediction means the "
        "audio was damaged on the computer, not on the network.</p>"
        if predicted is not None
        else ""
    )
    rows = "".join(f"<li>{escape(p.text)}</li>" for p in heard_direction_phrases(heard))
    return (
        f'<section id="heard"><h2>{escape(HEARD_HEADING)}</h2>'
        f'<p id="heard-summary"><b>{escape(summary.text)}</b></p>'
        f'<ul id="heard-directions">{rows}</ul>{prediction}</section>'
    )


def _actions(recs: Mapping[str, Any]) -> str:
    items = []
    for a in _list(recs.get("actions")):
        a = _map(a)
        sev = str(a.get("severity", "info"))
        colour = SEVERITY_COLOURS.get(sev, "#3778c2")
        evidence = ", ".join(
            f"{escape(label_for(str(k)))} {_plain(v)} {escape(_unit_of(str(k)))}".rstrip()
            for k, v in _map(a.get("evidence")).items()
            if v is not None and not isinstance(v, Mapping | list)
        )
        items.append(
            f'<li class="action" data-id="{_t(a.get("id"))}" style="border-left-color:{colour}">'
            f'<span class="badge" style="background:{colour}">{_t(sev)}</span> '
            f"{_t(a.get('text'))}"
            + (f'<div class="muted">Measured: {evidence}</div>' if evidence else "")
            + "</li>"
        )
    if not items:
        return "<p class='muted'>No actions.</p>"
    return '<ul class="actions" id="actions">' + "".join(items) + "</ul>"


def _codec_scale_label(recs: Mapping[str, Any]) -> str:
    labels = {_map(c).get("mos_label") for c in _list(recs.get("codecs"))}
    return str(labels.pop()) if len(labels) == 1 and None not in labels else "MOS"


def _codecs(recs: Mapping[str, Any]) -> str:
    rows = []
    codecs = [_map(c) for c in _list(recs.get("codecs"))]
    # "Fits the connection" only when a capacity probe measured it; no column of "unknown".
    show_fits = any(c.get("fits_bandwidth") is not None for c in codecs)
    for c in codecs:
        fits = c.get("fits_bandwidth")
        fit_text = "" if fits is None else ("yes" if fits else "does not fit")
        mos = _num(c.get("predicted_mos"))
        rows.append(
            f"<tr><td class='n'>{_t(c.get('rank', ''))}</td>"
            f"<td>{_t(c.get('name') or c.get('codec'))}</td>"
            f"<td class='n'>{'–' if mos is None else format_mos(mos)}</td>"
            f"<td class='n'>{_fmt(c.get('bandwidth_kbps'), 0, 'kbit/s')}</td>"
            + (f"<td>{escape(fit_text)}</td>" if show_fits else "")
            + f"<td>{_t(c.get('reason'))}</td></tr>"
        )
    if not rows:
        return "<p class='muted'>No codec predictions (no delay was measured).</p>"
    return (
        # Every row is on the common wideband scale (MOS-CQEW) in reports that say so.
        "<table id='codecs'><thead><tr><th>#</th><th>codec</th><th>predicted "
        + escape(_codec_scale_label(recs))
        + "</th>"
        "<th>bandwidth</th>"
        + ("<th>fits the connection</th>" if show_fits else "")
        + "<th>why</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )


def _direction_table(network: Mapping[str, Any]) -> str:
    rows = [
        ("measured by", "measured_by", None, ""),
        ("round trip, mean / p95", "rtt_ms", 1, "ms"),
        ("one-way delay, mean / p95", "one_way_delay_ms", 1, "ms"),
        ("jitter, mean / p95", "jitter_ms", 1, "ms"),
        ("loss, total / p95 interval", "loss_pct", 2, "%"),
        ("packets sent", "packets_sent", None, ""),
        ("packets received", "packets_received", None, ""),
        ("packets lost", "packets_lost", None, ""),
        ("reordered", "reordered", None, ""),
        ("burst ratio", "burst_ratio", None, ""),
    ]
    up, down = _map(network.get("uplink")), _map(network.get("downlink"))
    if not up and not down:
        return (
            "<p id='network' class='muted'>No call was made, so there are no network figures.</p>"
        )
    out = [
        "<table id='network'><thead><tr><th></th><th>uplink (you → far end)</th>"
        "<th>downlink (far end → you)</th></tr></thead><tbody>"
    ]
    for label, key, nd, unit in rows:
        cells = []
        for d in (up, down):
            v = d.get(key)
            if isinstance(v, Mapping):
                cells.append(
                    f"{_fmt(v.get('mean'), nd or 0)} / {_fmt(v.get('p95'), nd or 0, unit)}"
                )
            elif nd is None:
                cells.append(_t(v))
            else:
                cells.append(_fmt(v, nd, unit))
        out.append(
            f"<tr><td>{escape(label)}</td><td class='n'>{cells[0]}</td>"
            f"<td class='n'>{cells[1]}</td></tr>"
        )
    out.append("</tbody></table>")
    return "".join(out)


def _kv_table(table_id: str, items: Sequence[tuple[str, Any]]) -> str:
    rows = "".join(f"<tr><td>{escape(k)}</td><td>{_plain(v)}</td></tr>" for k, v in items)
    return f"<table id='{escape(table_id)}'><tbody>{rows}</tbody></table>"


def _details(data: Mapping[str, Any]) -> str:
    env = _map(data.get("environment"))
    host = _map(env.get("host"))
    ice = _map(data.get("ice"))
    playout = _map(data.get("playout"))
    audio = _map(data.get("audio_path"))
    items: list[tuple[str, Any]] = [
        ("operating system", f"{env.get('os', '–')} {env.get('os_release', '')}".strip()),
    ]
    net = network_line(env)
    if net:
        items.append(("network", net))
    if host:
        devices = [_map(d) for d in _list(host.get("audio_devices"))]
        for d in devices:
            hf = " — Bluetooth hands-free" if d.get("bluetooth_hands_free") else ""
            rate = _num(d.get("sample_rate_hz"))
            items.append(
                (
                    f"audio {d.get('direction', 'device')}",
                    f"{d.get('name', '?')}{f' ({rate:g} Hz)' if rate else ''}{hf}",
                )
            )
        for note in _list(host.get("notes")):
            items.append(("note", note))
    qos = _map(env.get("qos"))
    if qos:
        items.append(
            (
                "voice priority (DSCP)",
                f"sent {qos.get('dscp_sent', '–')}, arrived {qos.get('dscp_received_uplink', '–')}"
                f" ({qos.get('verdict', 'unknown')})",
            )
        )
    for cap in _list(env.get("capacity")):
        c = _map(cap)
        items.append(
            (
                f"capacity {c.get('direction', '')}",
                f"{_num(c.get('available_kbps')) or 0:.0f} kbit/s; delay under load "
                f"+{_num(c.get('rtt_increase_ms')) or 0:.0f} ms "
                f"(bufferbloat grade {c.get('bufferbloat_grade') or '–'})",
            )
        )
    items += [
        ("connection", f"{ice.get('local_candidate', '–')} → {ice.get('remote_candidate', '–')}"),
        ("protocol", ice.get("protocol")),
        ("relay (TURN) used", ice.get("relay_used")),
        ("connect time", f"{_num(ice.get('connect_ms')) or 0:.0f} ms" if ice else None),
    ]
    if playout:
        delay = _map(playout.get("delay_ms"))
        items += [
            ("playout buffer, mean", f"{_num(delay.get('mean')) or 0:.0f} ms" if delay else None),
            ("late discards", f"{_num(playout.get('late_discard_pct')) or 0:.2f} %"),
            ("concealed frames", f"{_num(playout.get('concealed_pct')) or 0:.2f} %"),
        ]
    items += _audio_items(audio)
    impairment = _map(data.get("impairment"))
    if impairment:
        items.append(("emulated network (what-if)", impairment.get("spec")))
    return _kv_table("details", items)


def _mean_p95(value: Any, unit: str) -> str | None:
    v = _map(value)
    if _num(v.get("mean")) is None:
        return None
    return f"{_num(v.get('mean')) or 0:.0f} {unit} (p95 {_num(v.get('p95')) or 0:.0f} {unit})"


def _audio_items(audio: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """The audio path (report ``audio_path``) as labelled rows: what was used, the delays
    measured, dropouts, notes and problems — not the raw fields."""
    if not audio:
        return []
    items: list[tuple[str, Any]] = [("audio devices used", bool(audio.get("device_used")))]
    for key, label in (("input_device", "microphone"), ("output_device", "speaker")):
        if audio.get(key):
            items.append((label, audio[key]))
    for key, label in (
        ("mouth_to_ear_ms", "mouth to ear, network and buffer"),
        ("mouth_to_ear_with_device_ms", "mouth to ear, with the audio devices"),
    ):
        text = _mean_p95(audio.get(key), "ms")
        if text:
            items.append((label, text))
    roundtrip = _num(audio.get("device_roundtrip_ms"))
    if roundtrip is not None:
        items.append(("speaker to microphone, measured", f"{roundtrip:.0f} ms"))
    expected, detected = _num(audio.get("probes_expected")), _num(audio.get("probes_detected"))
    if expected:
        items.append(("test tones heard", f"{detected or 0:.0f} of {expected:.0f}"))
    dropouts = sum(
        int(_num(audio.get(k)) or 0)
        for k in (
            "input_overflows",
            "output_underflows",
            "capture_underruns",
            "capture_overruns",
            "output_starved",
        )
    )
    if dropouts:
        items.append(("audio dropouts", dropouts))
    items += [("note", n) for n in _list(audio.get("notes"))]
    for err in _list(audio.get("errors")):
        e = _map(err)
        items.append(("audio problem", e.get("message") if e else err))
    return items


def report_images(report: Mapping[str, Any]) -> dict[str, str]:
    """The report's pictures as SVG documents, by name: the gauge and the four charts.

    :func:`render_html` inlines them; with ``inline_svg=False`` it refers to them as
    ``<img src="callcheck-image:NAME">`` for a renderer without SVG (the PDF)."""
    data = upgrade(report)
    quality = _map(data.get("quality"))
    verdict = _map(data.get("verdict"))
    grade = verdict.get("grade") or quality.get("grade")
    images = {"gauge": gauge_svg(_num(quality.get("mos")), None if grade is None else str(grade))}
    for chart_id, svg in _chart_svgs(data).items():
        if svg.startswith("<svg"):
            images[chart_id] = svg
    return images


#: The scheme of image references in a page rendered without inline SVG.
IMAGE_SCHEME: Final = "callcheck-image:"


def _picture(name: str, svg: str, *, inline_svg: bool, width_px: int) -> str:
    if inline_svg or not svg.startswith("<svg"):
        return svg
    return f'<img src="{IMAGE_SCHEME}{escape(name)}" width="{width_px}" alt="{escape(name)}">'


def _helpdesk(data: Mapping[str, Any]) -> str:
    rows = "".join(
        f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in helpdesk_facts(data)
    )
    return f"<table id='helpdesk-facts'><tbody>{rows}</tbody></table>"


def render_html(report: Mapping[str, Any], *, inline_svg: bool = True) -> str:
    """The whole HTML page of a report (JSON dict of any supported schema version).

    ``inline_svg=False``: the gauge and charts as ``<img>`` references to
    :func:`report_images` (for the PDF), the rest the same page.
    """
    data = upgrade(report)
    verdict = _map(data.get("verdict"))
    quality = _map(data.get("quality"))
    recs = _map(data.get("recommendations"))
    mos = _num(quality.get("mos"))
    grade = verdict.get("grade") or quality.get("grade")
    passed = bool(verdict.get("passed"))
    title = f"CallCheck report {data.get('id', '')}"
    pass_badge = (
        f'<span class="badge" id="pass-badge" style="background:'
        f'{"#1a9850" if passed else "#d73027"}">{"pass" if passed else "below pass mark"}</span>'
    )
    errors = "".join(f"<li>{_t(_map(e).get('message'))}</li>" for e in _list(data.get("errors")))
    reason = failure_reason(data)
    why_score = why_this_score(data)
    charts = _chart_svgs(data)
    body = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>",
        "<header>",
        "<h1>CallCheck call-quality report</h1>",
        f'<div class="meta" id="meta">{escape(mode_name(data.get("mode")))} · '
        f"{_t(data.get('started_at'))} · codec {_t(data.get('codec'))} · "
        f"{_fmt(data.get('duration_s'), 0, 's')} · test {_t(data.get('id'))} · "
        f"CallCheck {_t(data.get('app_version'))}</div>",
        "</header>",
        '<section id="verdict" class="verdict">',
        _picture(
            "gauge",
            gauge_svg(mos, None if grade is None else str(grade)),
            inline_svg=inline_svg,
            width_px=220,
        ),
        '<div class="text">',
        f'<div class="grade" id="grade" style="color:{_grade_colour(grade)}">'
        f"{_t(grade or 'No score')}</div>",
        f"<p>{escape(verdict_summary(data))} {pass_badge}</p>",
        f'<p id="reason"><b>{escape(reason)}</b></p>' if reason else "",
        "</div></section>",
        '<section id="numbers"><h2>The three numbers that matter</h2>',
        _key_cards(data),
        "</section>",
        _heard(quality),
        '<section id="recommendations"><h2>What to do</h2>',
        _actions(recs),
        "</section>",
        f'<section id="helpdesk"><h2>{escape(HELPDESK_HEADING)}</h2>',
        _helpdesk(data),
        "</section>",
        '<section id="timeline"><h2>During the test</h2>',
        '<div class="charts">',
        *(
            _picture(name, svg, inline_svg=inline_svg, width_px=CHART_W)
            for name, svg in charts.items()
        ),
        "</div></section>",
        '<section id="details"><h2>Details</h2>',
        '<section id="why"><h3>Why this score</h3>',
        (
            (f'<p id="why-score">{escape(why_score)}</p>' if why_score is not None else "")
            + (
                f'<p class="muted" id="mos-scale">{_t(quality.get("mos_label"))} '
                f"{format_mos(mos)} ({_t(quality.get('scale'))} scale, ITU-T P.800.1)</p>"
                if quality.get("mos_label") and mos is not None
                else ""
            )
            + '<ul class="why">'
            + "".join(why_items(quality))
            + "</ul>"
            + inputs_table(quality)
            if quality
            else "<p class='muted'>No audio was measured, so there is no score.</p>"
        ),
        "</section>",
        "<h3>Codecs on this network</h3>",
        _codecs(recs),
        "<h3>The network, each way</h3>",
        _direction_table(_map(data.get("network"))),
        "<h3>This computer and the connection</h3>",
        _details(data),
    ]
    if errors:
        body.append(
            f'<section id="errors"><h3>Problems during the test</h3><ul>{errors}</ul></section>'
        )
    body.append("</section>")
    body.append(
        f"<footer>Scores follow ITU-T G.107 / G.107.1 (E-model). Report schema "
        f"{_t(data.get('schema'))}.</footer></body></html>"
    )
    return "\n".join(body) + "\n"
