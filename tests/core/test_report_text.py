"""The one-screen text summary for tickets."""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import pytest

from callcheck.core.advice import advise, inputs_from_report
from callcheck.core.grades import Grade, format_mos, grade_for, passes
from callcheck.core.phrase import Phrase, english, joined
from callcheck.core.report import ReportFormatError, verdict_text
from callcheck.core.report_html import why_items
from callcheck.core.report_text import WIDTH, key_numbers, network_line, summary_text
from callcheck.core.result_phrases import (
    report_verdict_phrase,
    verdict_phrase,
    verdict_summary,
    why_phrases,
)

FIXTURE = Path(__file__).parents[1] / "fixtures" / "report-v1-loopback.json"


@pytest.fixture
def report() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text())
    return data


def test_summary_has_what_a_ticket_needs(report: dict[str, Any]) -> None:
    text = summary_text(report)
    assert report["id"] in text
    assert report["started_at"] in text
    assert f"CallCheck {report['app_version']}" in text
    assert f"MOS {format_mos(report['quality']['mos'])}" in text
    assert report["verdict"]["grade"] in text
    assert "Round trip" in text
    assert "jitter" in text
    assert "packet loss" in text
    assert "What to do:" in text
    assert "1. [" in text
    assert "Best codec:" in text
    assert "Wi-Fi (wlan0, -71 dBm, 2.4 GHz); VPN: wg0" in text


def test_summary_fits_one_screen(report: dict[str, Any]) -> None:
    lines = summary_text(report).splitlines()
    # The plain part a helpdesk reads out first fits 25 lines; with the "for the helpdesk"
    # block and the details, the whole text stays one ticket screen.
    assert len(lines[: lines.index("For the helpdesk:")]) <= 25
    assert len(lines) <= 40
    assert max(len(line) for line in lines) <= WIDTH


def test_at_most_three_actions(report: dict[str, Any]) -> None:
    report["recommendations"]["actions"] = [
        {"id": f"a{i}", "severity": "info", "text": f"action {i}"} for i in range(6)
    ]
    text = summary_text(report)
    assert "3. [info] action 2" in text
    assert "action 3" not in text


def test_key_numbers_take_the_worse_direction(report: dict[str, Any]) -> None:
    report["network"]["uplink"]["loss_pct"]["mean"] = 9.5
    report["network"]["downlink"]["loss_pct"]["mean"] = 0.5
    assert key_numbers(report)["loss_pct"] == 9.5
    assert "packet loss 9.5 %" in summary_text(report)


def test_a_call_without_audio_still_summarises(report: dict[str, Any]) -> None:
    report["quality"] = None
    report["verdict"] = {"passed": False, "grade": None, "summary": "No audio was measured."}
    report["network"] = {"uplink": None, "downlink": None}
    report["errors"] = [{"code": "ice_failed", "message": "Could not connect."}]
    text = summary_text(report)
    assert "Result: no score (FAIL)" in text
    assert "not measured" in text
    assert "Note: Could not connect." in text


def test_not_a_report_is_refused() -> None:
    with pytest.raises(ReportFormatError):
        summary_text({"schema": "something/else"})


# ---------------------------------------------------------------- translatable sentences


def _pseudo(context: str, source: str) -> str:
    return f"[{source}]"


@dataclass(frozen=True)
class _Quality:
    """What :func:`verdict_text` reads of a QualityResult."""

    mos: float
    grade: Grade
    passed: bool


VERDICT_CASES = [
    pytest.param(_Quality(mos, grade_for(mos), passes(mos)), partial, id=f"{mos}-{partial}")
    for mos in (1.0, 2.345, 3.1, 3.599, 3.6, 3.995, 4.0, 4.25, 4.3, 4.41, 5.0)
    for partial in (False, True)
]


@pytest.mark.parametrize(("quality", "partial"), [*VERDICT_CASES, (None, False), (None, True)])
def test_the_verdict_phrase_is_the_reports_summary(quality: Any, partial: bool) -> None:
    phrase = verdict_phrase(
        None if quality is None else quality.grade,
        None if quality is None else quality.mos,
        passed=quality is not None and quality.passed,
        partial=partial,
    )
    assert phrase.text == verdict_text(quality, partial=partial)


def test_a_stored_verdict_is_rebuilt_and_translated(report: dict[str, Any]) -> None:
    # The fixture was saved when the verdict printed two decimals ("MOS 4.00"): it is rebuilt
    # and shown with the one MOS formatter's figure, the same as the gauge.
    phrase = report_verdict_phrase(report)
    assert phrase is not None
    assert report["verdict"]["summary"].startswith("Good (MOS 4.00):")
    assert phrase.text == report["verdict"]["summary"].replace("MOS 4.00", "MOS 4.0")
    assert verdict_summary(report) == phrase.text
    assert verdict_summary(report, _pseudo) == (
        "[{grade} (MOS {mos}): {experience} This is good enough for business calls.]".format(
            grade="[Good]", mos="4.0", experience="[Clear voice, very minor flaws.]"
        )
    )


def test_a_verdict_in_other_words_shows_as_stored(report: dict[str, Any]) -> None:
    report["verdict"]["summary"] = "Good, said an older version."
    assert report_verdict_phrase(report) is None
    assert verdict_summary(report, _pseudo) == "Good, said an older version."


QUALITIES = [
    pytest.param({}, id="empty"),
    pytest.param({"r_factor": 80.0, "mos": 4.02, "scale": "narrowband"}, id="narrowband-score"),
    pytest.param({"r_factor": None, "mos": float("nan"), "scale": "wideband"}, id="no-figures"),
    pytest.param({"breakdown": {"Id": 0.2}}, id="delay-free-no-ta"),
    pytest.param({"breakdown": {"Id": 3.25}}, id="delay-cost-no-ta"),
    pytest.param(
        {"breakdown": {"Id": 0.1}, "inputs": {"Ta": {"value": 42.4}}}, id="delay-free-with-ta"
    ),
    pytest.param({"breakdown": {"Ie_eff": 11.0}}, id="codec-no-parts"),
    pytest.param(
        {
            "breakdown": {"Ie_eff": 31.27, "Is": 1.4, "Id": 9.9},
            "inputs": {
                "Ie": {"value": 11.0},
                "Ppl": {"value": 4.25},
                "BurstR": {"value": 2.1},
                "Ta": {"value": 310.0},
            },
        },
        id="everything",
    ),
    pytest.param(
        {"breakdown": {"Ie_eff": 5.0, "Is": -0.2}, "inputs": {"BurstR": {"value": 1.8}}},
        id="bursts-only-small-is",
    ),
]


@pytest.mark.parametrize("quality", QUALITIES)
def test_why_phrases_are_the_html_reports_why_items(quality: dict[str, Any]) -> None:
    phrases = why_phrases(quality)
    assert [f"<li>{escape(p.text)}</li>" for p in phrases] == why_items(quality)
    for p in phrases:
        translated = p.render(_pseudo)
        assert translated.startswith("[")
        assert "{" not in translated


def test_why_phrases_of_the_saved_report(report: dict[str, Any]) -> None:
    quality = report["quality"]
    assert [f"<li>{escape(p.text)}</li>" for p in why_phrases(quality)] == why_items(quality)
    assert len(why_phrases(quality)) >= 3


def test_the_summary_in_another_language(report: dict[str, Any]) -> None:
    report["recommendations"]["actions"] = [a.to_json() for a in advise(inputs_from_report(report))]
    english_text = summary_text(report)
    translated = summary_text(report, _pseudo)
    assert summary_text(report, english) == english_text
    lines = translated.splitlines()
    assert lines[0] == f"[CallCheck call-quality test {report['id']}]"
    assert lines[1] == "[Result: [Good], MOS 4.0 of 5 ([PASS]; 4.0 needed)]"
    assert "[[Good] (MOS 4.0): [Clear voice, very minor flaws.]" in translated
    assert "[What to do:]" in translated
    assert "[1. [[warning]]] [" in translated  # the action translated from its phrase
    assert "  [Network]: [[Wi-Fi] (wlan0, -71 dBm," in translated
    assert "[For the helpdesk]:" in translated


def test_the_summary_of_an_old_report_keeps_its_actions_english(report: dict[str, Any]) -> None:
    first = report["recommendations"]["actions"][0]
    assert "phrase" not in first  # the fixture predates phrases
    translated = summary_text(report, _pseudo)
    assert f"[1. [[{first['severity']}]]] {first['text'][:40]}" in translated


def test_network_line_variants() -> None:
    assert network_line({}) is None
    assert network_line({"host": {"interface_kind": "ethernet"}}) == "wired (Ethernet); VPN: none"
    assert (
        network_line({"host": {"interface_kind": "odd", "cpu_load_pct": 91.6}})
        == "unknown; VPN: none; CPU 92 %"
    )


def test_phrase_json_round_trip_and_bad_shapes() -> None:
    phrase = Phrase("advice", "a {x} b {y}", {"x": "1", "y": Phrase("grades", "Good")})
    assert Phrase.from_json(json.loads(json.dumps(phrase.to_json()))) == phrase
    for bad in (
        None,
        "text",
        {"context": "advice"},
        {"context": "advice", "template": "a {x}", "params": {}},  # x missing
        {"context": "advice", "template": "a {x}", "params": {"x": 3}},
        {"context": "advice", "template": "a", "params": []},
    ):
        assert Phrase.from_json(bad) is None


def test_joined_parts_translate_their_separator() -> None:
    parts = [Phrase("why", "a"), Phrase("why", "b"), Phrase("why", "c")]
    assert joined(parts).text == "a; b; c"
    assert joined(parts).render(_pseudo) == "[[[a]; [b]]; [c]]"
