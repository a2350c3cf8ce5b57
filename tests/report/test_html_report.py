"""The HTML report: self-contained, escaped, and rendered by headless Chromium without errors."""

from __future__ import annotations

import copy
import json
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from callcheck.core.report import ReportFormatError
from callcheck.core.report_html import GRADE_COLOURS, render_html

FIXTURE = Path(__file__).parents[1] / "fixtures" / "report-v1-loopback.json"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium is not installed (apt-get install chromium; packaging/setup.sh test)",
)
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
)


@pytest.fixture
def report() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text())
    return data


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.tags: list[str] = []
        self.external: list[str] = []
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        attr = dict(attrs)
        if attr.get("id"):
            self.ids.add(str(attr["id"]))
        for key in ("src", "href"):
            if attr.get(key):
                self.external.append(str(attr[key]))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Collector:
    c = _Collector()
    c.feed(html)
    c.close()
    return c


# --------------------------------------------------------------------------- pure checks


def test_report_has_every_section(report: dict[str, Any]) -> None:
    page = _parse(render_html(report))
    for element in (
        "gauge",
        "gauge-needle",
        "grade",
        "pass-badge",
        "card-rtt",
        "card-jitter",
        "card-loss",
        "chart-mos",
        "chart-rtt",
        "chart-jitter",
        "chart-loss",
        "why",
        "inputs",
        "actions",
        "codecs",
        "network",
        "details",
    ):
        assert element in page.ids, element
    text = "".join(page.text)
    assert report["id"] in text
    assert "Why this score" in text
    assert "Bluetooth hands-free" in text
    assert "bufferbloat grade C" in text


def test_report_is_self_contained(report: dict[str, Any]) -> None:
    html = render_html(report)
    page = _parse(html)
    assert page.external == []
    assert "<script" not in html
    assert "@import" not in html
    assert "url(" not in html
    assert "@media print" in html


def test_all_text_is_escaped(report: dict[str, Any]) -> None:
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    report["id"] = evil
    report["environment"]["host"]["wifi"]["ssid"] = evil
    report["recommendations"]["actions"] = [
        {"id": evil, "severity": "warning", "text": evil, "evidence": {evil: evil}}
    ]
    report["recommendations"]["codecs"][0]["reason"] = evil
    report["errors"] = [{"code": evil, "message": evil}]
    report["quality"]["inputs"][evil] = {
        "value": 1,
        "unit": evil,
        "provenance": evil,
        "source": evil,
    }
    html = render_html(report)
    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html


def test_old_and_partial_reports_render(report: dict[str, Any]) -> None:
    minimal = {
        "schema": "callcheck.report/1",
        "id": "abc",
        "started_at": "2024-01-01T00:00:00+00:00",
        "mode": "loopback",
        "codec": "opus",
        "duration_s": 0,
        "network": {"uplink": None, "downlink": None},
        "playout": None,
        "audio_path": {},
        "ice": {},
        "quality": None,
        "timeline": [],
        "recommendations": {},
        "verdict": {"passed": False, "summary": "No audio was measured."},
    }
    html = render_html(minimal)
    assert "no score" in html
    assert "No audio was measured" in html
    gaps = copy.deepcopy(report)
    for sample in gaps["timeline"][::3]:
        sample["mos"] = None
        sample["rtt_ms"] = None
    assert "chart-mos" in render_html(gaps)


def test_the_mos_chart_draws_the_last_second_when_the_report_has_it(
    report: dict[str, Any],
) -> None:
    """``timeline[].mos_recent`` (issue 12) is a second line on the MOS chart; an older report
    without it draws the one line it has."""
    assert "last 1 s" not in render_html(report)
    recent = copy.deepcopy(report)
    recent["timeline"] = [{**s, "mos_recent": 2.5} for s in recent["timeline"]]
    assert "last 1 s" in render_html(recent)


def test_not_a_report_is_refused() -> None:
    with pytest.raises(ReportFormatError):
        render_html({"schema": "other/9"})


# --------------------------------------------------------------------------- Chromium


def _run_chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [
            CHROMIUM,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            "--enable-logging=stderr",
            "--v=0",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _png_pixels(path: Path) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit RGB/RGBA PNG (what Chromium writes) into rows of raw pixels."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunk = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8
            channels = {2: 3, 6: 4}[colour]
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(height):
        ftype = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = prev[x]
            c = prev[x - channels] if x >= channels else 0
            if ftype == 1:
                line[x] = (line[x] + a) & 0xFF
            elif ftype == 2:
                line[x] = (line[x] + b) & 0xFF
            elif ftype == 3:
                line[x] = (line[x] + (a + b) // 2) & 0xFF
            elif ftype == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 0xFF
        rows.append(
            bytes(line)
            if channels == 3
            else bytes(v for i in range(width) for v in line[i * 4 : i * 4 + 3])
        )
        prev = line
    return width, height, rows


def _has_colour(rows: list[bytes], rgb: tuple[int, int, int], y0: int, y1: int) -> bool:
    target = bytes(rgb)
    return any(target in _pixels_of(row) for row in rows[y0:y1])


def _pixels_of(row: bytes) -> set[bytes]:
    return {row[i : i + 3] for i in range(0, len(row), 3)}


@needs_chromium
def test_chromium_renders_the_dom_without_console_errors(
    tmp_path: Path, report: dict[str, Any]
) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_html(report), encoding="utf-8")
    done = _run_chromium(tmp_path, "--dump-dom", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    for needle in ('id="gauge"', 'id="chart-mos"', 'id="actions"', 'id="codecs"', report["id"]):
        assert needle in dom
    console = [line for line in done.stderr.splitlines() if "CONSOLE" in line]
    assert console == []


@needs_chromium
def test_chromium_screenshot_shows_gauge_grade_and_charts(
    tmp_path: Path, report: dict[str, Any]
) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_html(report), encoding="utf-8")
    shot = tmp_path / "report.png"
    done = _run_chromium(tmp_path, "--window-size=1000,1400", f"--screenshot={shot}", page.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    width, height, rows = _png_pixels(shot)
    assert (width, height) == (1000, 1400)

    def rgb(hex_colour: str) -> tuple[int, int, int]:
        return (int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16))

    # The gauge's five grade bands are painted near the top of the page.
    for colour in GRADE_COLOURS.values():
        assert _has_colour(rows, rgb(colour), 0, 250), colour
    # The RTT line of the charts (#3778c2) and the loss line (#d73027) are drawn further down.
    assert _has_colour(rows, rgb("#3778c2"), 300, 1400)
    # The page is mostly white paper, not a blank or error page.
    whites = sum(row.count(b"\xff\xff\xff") for row in rows[::20])
    assert whites > 0.3 * width * (height // 20)


# --------------------------------------------------------------------------- plain words (issue 16)

#: What a person must never read in the report: Python reprs, empty lists, code field names,
#: pointers into the code, and a column of "unknown".
_CODE_SMELLS = (
    r"\[\{'",  # a list of dicts printed by Python
    r"\{'",  # a dict printed by Python
    r"\berrors \[\]",
    r"\[\]",
    r"\bNone\b",
    r"\bTrue\b|\bFalse\b",
    r"module documentation",
    r"callcheck\.\w",
    r"\b[a-z]+_[a-z_]+\b",  # snake_case field names (one_way_delay_ms, probe_windows …)
    r"fits: unknown|>unknown<",
)


def _lower_half_text(html: str) -> str:
    import re

    details = html[html.index('id="details"') : html.index("<footer")]
    text = re.sub(r"<svg.*?</svg>", " ", details, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("source", ["fixture", "engine-shaped"])
def test_the_lower_half_reads_as_words(report: dict[str, Any], source: str) -> None:
    """The details part carries no Python repr, no code names, no "unknown" column."""
    import re

    if source == "engine-shaped":
        # The audio-path fields a real call writes, lists and nested dicts included (these
        # printed as "[{'start_s': 0.0, …}]" and "errors []" before).
        report["audio_path"] = {
            "device_used": False,
            "mode": "synthetic",
            "input_device": None,
            "portaudio_latency_ms": {"input": None, "output": None},
            "probe_delay_ms": {"mean": 53.3, "p50": 53.3, "p95": 85.3, "max": 93.3},
            "mouth_to_ear_ms": {"mean": 73.3, "p50": 73.3, "p95": 105.3, "max": 113.3},
            "probes_expected": 6,
            "probes_detected": 5,
            "probe_windows": [{"start_s": 1.0, "detected": 1, "delay_ms": 93.3}],
            "errors": [],
            "notes": ["No audio device used: synthetic speech sent."],
        }
        report["quality"]["inputs"]["Ie"]["source"] = (
            "derived: see callcheck.core.codecs module documentation (Opus)"
        )
        for codec in report["recommendations"]["codecs"]:
            codec["fits_bandwidth"] = None
    text = _lower_half_text(render_html(report))
    for smell in _CODE_SMELLS:
        found = re.findall(smell, text)
        assert not found, (smell, found[:5], text[:400])
    assert "mouth to ear" in text
    assert "test tones heard 5 of 6" in text or source == "fixture"


def test_one_name_for_each_mode(report: dict[str, Any]) -> None:
    from callcheck.core.report_text import MODE_NAMES, summary_text

    for mode, name in MODE_NAMES.items():
        report["mode"] = mode
        assert name in render_html(report)
        assert name in summary_text(report)
        assert f"{mode} mode" not in render_html(report)


def test_a_failing_grade_gives_its_reason_and_the_helpdesk_facts(report: dict[str, Any]) -> None:
    from callcheck.core.report_text import summary_text

    report["verdict"].update(passed=False, grade="Poor", mos=3.42)
    report["quality"].update(mos=3.42, grade="Poor")
    report["environment"].update(
        user="jdoe", host_name="LAPTOP-7", server="https://callcheck.example:8443"
    )
    report["environment"]["devices"] = {"input": "Headset microphone", "output": "Headset"}
    html, text = render_html(report), summary_text(report)
    for face in (html, text):
        assert "Main reason:" in face
        for fact in ("jdoe", "LAPTOP-7", "https://callcheck.example:8443", "Headset microphone"):
            assert fact in face
        assert "CallCheck 0.1.0" in face
    # Plain words first: the reason comes before the helpdesk block, the R figures after it.
    assert text.index("Main reason:") < text.index("For the helpdesk:")
    assert html.index('id="reason"') < html.index('id="helpdesk"') < html.index("R = 1")


def test_a_test_that_could_not_run_reads_well_in_every_face() -> None:
    """A failed test kept in History: the reason once, no table of dashes, no code names."""
    import re

    from callcheck.core.report import failure_report
    from callcheck.core.report_text import summary_text

    report = failure_report(
        report_id="f00d",
        started_at="2026-12-03T10:00:00+00:00",
        mode="server",
        codec="opus",
        app_version="0.1.0",
        code="server_unreachable",
        message="The test server cannot be reached.",
        environment={"os": "Linux", "user": "jdoe", "server": "https://x.example/"},
    ).to_json()
    text = summary_text(report)
    assert text.count("The test server cannot be reached.") == 1
    assert "Main reason: The test server cannot be reached." in text
    assert "Test server: https://x.example/" in text
    html = render_html(report)
    lower = _lower_half_text(html)
    assert "No call was made" in lower
    assert "server_unreachable" not in html
    for smell in _CODE_SMELLS:
        assert not re.findall(smell, lower), smell
