"""Issue 19: the Results screen shows what the listener heard beside the predicted MOS."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pytestqt.qtbot import QtBot

from callcheck.core.grades import format_mos
from callcheck.core.heard import HeardDirection, HeardMethod, HeardQuality
from callcheck.gui.results_screen import ResultsScreen

pytestmark = pytest.mark.gui

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "resources" / "report.schema.json").read_text()
)


def with_heard(report: dict[str, Any], *directions: HeardDirection) -> dict[str, Any]:
    report["quality"]["heard"] = HeardQuality(directions, compute_ms=1800.0).to_json()
    jsonschema.validate(report, SCHEMA)
    return report


def visqol(mos: float | None, note: str | None = None) -> HeardDirection:
    return HeardDirection(
        "downlink", HeardMethod.FULL_REFERENCE, mos, "ViSQOL v3 speech", "3.8.0", 3.0, 2, note=note
    )


def test_heard_score_is_shown_beside_the_prediction(qtbot: QtBot, make_report: Any) -> None:
    screen = ResultsScreen()
    qtbot.addWidget(screen)
    report = with_heard(make_report(4.2, "2025-03-01T10:00:00+00:00"), visqol(3.14))
    screen.show_report(report)
    screen.show()
    assert not screen.heardValue.isHidden()
    assert screen.heardValue.text() == "3.1 (MOS-LQO)"
    predicted = report["quality"]["mos"]
    assert screen.predictedValue.text().startswith(format_mos(predicted))
    assert "ViSQOL" in screen.heardValue.toolTip()


def test_a_score_that_could_not_be_computed_says_so(qtbot: QtBot, make_report: Any) -> None:
    screen = ResultsScreen()
    qtbot.addWidget(screen)
    no_ref = HeardDirection(
        "downlink", HeardMethod.NO_REFERENCE, None, "PLCMOS", "", note="not available: size"
    )
    screen.show_report(with_heard(make_report(4.2, "2025-03-01T10:00:00+00:00"), no_ref))
    assert screen.heardValue.text() == "not available"
    assert "not available: size" in screen.heardValue.toolTip()


def test_an_old_report_has_no_heard_row(qtbot: QtBot, make_report: Any) -> None:
    screen = ResultsScreen()
    qtbot.addWidget(screen)
    screen.show_report(make_report(4.2, "2025-03-01T10:00:00+00:00"))
    screen.show()
    assert screen.heardValue.isHidden()
    assert screen.predictedValue.isHidden()
