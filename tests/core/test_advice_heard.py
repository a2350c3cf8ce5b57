"""Issue 19: a heard score far below the E-model's prediction gets its own advice."""

from __future__ import annotations

import pytest

from callcheck.core.advice import AdviceInputs, advise, inputs_from_report, rule_heard_damage
from callcheck.core.heard import DISAGREEMENT_MOS


@pytest.mark.parametrize(
    ("predicted", "heard", "fires"),
    [
        pytest.param(4.4, 3.2, True, id="network-good-audio-damaged"),
        pytest.param(4.4, 4.4 - DISAGREEMENT_MOS, False, id="at-the-threshold"),
        pytest.param(4.4, 4.9, False, id="heard-better"),
        pytest.param(3.0, 2.8, False, id="both-bad-the-network-explains-it"),
        pytest.param(4.4, None, False, id="not-scored"),
    ],
)
def test_heard_damage_fires_only_beyond_the_disagreement(
    predicted: float, heard: float | None, fires: bool
) -> None:
    action = rule_heard_damage(AdviceInputs(mos=predicted, heard_mos=heard))
    assert (action is not None) is fires
    if action is not None:
        assert action.evidence["shortfall_mos"] == pytest.approx(predicted - (heard or 0))
        assert "damaged on this computer" in action.text
        assert "Bluetooth" in action.text
        assert "CPU" in action.text


def test_the_advice_replaces_all_good() -> None:
    ids = [a.id for a in advise(AdviceInputs(mos=4.4, heard_mos=3.0))]
    assert ids == ["heard-damage"]


def test_the_heard_score_is_read_from_a_report() -> None:
    report = {"quality": {"mos": 4.4, "heard": {"mos": 3.1, "scale": "MOS-LQO", "directions": []}}}
    inputs = inputs_from_report(report)
    assert inputs.heard_mos == 3.1
    assert [a.id for a in advise(inputs)] == ["heard-damage"]
