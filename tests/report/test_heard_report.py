"""What the listener heard in the reports: HTML (and so the PDF, which is the HTML laid out by
Qt) and the text summary show each direction's score, scale and model, or why it is not
available, and open with the line `callcheck test` prints."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from callcheck.core.heard import (
    HeardDirection,
    HeardMethod,
    HeardQuality,
    heard_direction_phrases,
    heard_line,
)
from callcheck.core.report_html import render_html
from callcheck.core.report_text import WIDTH, summary_text

FIXTURE = Path(__file__).parents[1] / "fixtures" / "report-v1-loopback.json"
MODEL = "ViSQOL v3 speech (exponential mapper)"


def loopback_heard() -> dict[str, Any]:
    return HeardQuality(
        (
            HeardDirection(
                "downlink", HeardMethod.FULL_REFERENCE, 4.83, MODEL, "3.8.0", 3.0, 2, 52.0, 0.93
            ),
            HeardDirection(
                "uplink", HeardMethod.FULL_REFERENCE, 3.41, MODEL, "3.8.0", 3.0, 2, 61.0, 0.71
            ),
        ),
        compute_ms=1800.0,
    ).to_json()


def unavailable_heard() -> dict[str, Any]:
    why = "not available: ViSQOL could not be loaded"
    return HeardQuality(
        (HeardDirection("round_trip", HeardMethod.FULL_REFERENCE, None, MODEL, "", note=why),)
    ).to_json()


@pytest.fixture
def report() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text())
    return data


class _Sections(HTMLParser):
    """The text inside each element with an id (nested ids included)."""

    def __init__(self) -> None:
        super().__init__()
        self.text: dict[str, str] = {}
        self._open: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "img", "meta", "link"):
            return
        ident = dict(attrs).get("id")
        self._open.append(ident)
        if ident:
            self.text.setdefault(ident, "")

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag not in ("br", "img", "meta", "link"):
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for ident in self._open:
            if ident:
                self.text[ident] += data


def sections(html: str) -> dict[str, str]:
    parser = _Sections()
    parser.feed(html)
    return parser.text


def test_the_html_report_shows_each_direction_beside_the_prediction(
    report: dict[str, Any],
) -> None:
    report["quality"]["heard"] = loopback_heard()
    found = sections(render_html(report))
    assert "What the listener heard" in found["heard"]
    # Opens with the CLI's line: the worst direction, its scale and model.
    assert found["heard-summary"] == heard_line(report["quality"]["heard"])
    assert found["heard-summary"].startswith("What the listener heard: 3.4 MOS-LQO (")
    directions = found["heard-directions"]
    assert "downlink (far end to you): 4.8 MOS-LQO — " in directions
    assert "uplink (you to far end): 3.4 MOS-LQO — " in directions
    assert f"{MODEL} 3.8.0, full-reference, 3 s scored" in directions
    # The prediction it is compared with, with its own scale label.
    report["quality"]["mos_label"] = "MOS-CQEW"
    found = sections(render_html(report))
    predicted = report["quality"]["mos"]
    assert f"(E-model): MOS-CQEW {predicted:.1f}." in found["heard-predicted"]


def test_the_html_report_says_why_a_heard_score_is_not_available(
    report: dict[str, Any],
) -> None:
    report["quality"]["heard"] = unavailable_heard()
    found = sections(render_html(report))
    assert found["heard-summary"] == (
        "What the listener heard: not available (not available: ViSQOL could not be loaded)"
    )
    assert (
        "round trip (your voice, back from the server): not available — "
        in (found["heard-directions"])
    )


def test_a_report_without_a_heard_score_has_no_heard_section(report: dict[str, Any]) -> None:
    assert "heard" not in report["quality"]
    html = render_html(report)
    assert 'id="heard"' not in html
    assert "What the listener heard" not in summary_text(report)


def test_hostile_heard_fields_are_escaped(report: dict[str, Any]) -> None:
    heard = unavailable_heard()
    heard["directions"][0]["note"] = "<script>alert(1)</script>"
    heard["directions"][0]["direction"] = "<b>x</b>"
    report["quality"]["heard"] = heard
    html = render_html(report)
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html


def test_the_text_summary_lists_each_direction_and_fits_a_ticket(report: dict[str, Any]) -> None:
    report["quality"]["heard"] = loopback_heard()
    lines = summary_text(report).splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("What the listener heard"))
    # The CLI's line, wrapped to the ticket's width (continuation lines indented).
    cli = heard_line(report["quality"]["heard"])
    assert cli is not None
    assert " ".join(line.strip() for line in lines[head : head + 2]) == cli
    assert lines[head + 2].startswith("  downlink (far end to you): 4.8 MOS-LQO — ")
    assert any(line.startswith("  uplink (you to far end): 3.4 MOS-LQO — ") for line in lines)
    assert max(len(line) for line in lines) <= WIDTH
    assert len(lines[: lines.index("For the helpdesk:")]) <= 25


def test_the_text_summary_says_why_not_available(report: dict[str, Any]) -> None:
    report["quality"]["heard"] = unavailable_heard()
    text = summary_text(report)
    assert "What the listener heard: not available (not available: ViSQOL" in text
    assert "round trip (your voice, back from the server): not available" in text


def _pseudo(context: str, source: str) -> str:
    return f"[{source}]"


def test_the_heard_lines_translate(report: dict[str, Any]) -> None:
    report["quality"]["heard"] = loopback_heard()
    text = summary_text(report, _pseudo)
    assert "[What the listener heard: 3.4 MOS-LQO (" in text
    assert "[[downlink (far end to you)]: 4.8 MOS-LQO" in text


def test_direction_phrases_skip_junk() -> None:
    assert heard_direction_phrases(None) == []
    assert heard_direction_phrases({"directions": ["x", 3]}) == []
    (phrase,) = heard_direction_phrases({"directions": [{"direction": "sideways", "mos": True}]})
    assert phrase.text.startswith("sideways: not available")
