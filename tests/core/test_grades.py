"""The MOS table users are given: bands, edges and the pass mark."""

from __future__ import annotations

import itertools
import math

import pytest

from callcheck.core.grades import GRADE_BANDS, PASS_MOS, Grade, grade_for, passes


@pytest.mark.parametrize(
    ("mos", "grade"),
    [
        (5.0, Grade.EXCELLENT),
        (4.3, Grade.EXCELLENT),
        (4.29, Grade.GOOD),
        (4.0, Grade.GOOD),
        (3.99, Grade.FAIR),
        (3.6, Grade.FAIR),
        (3.59, Grade.POOR),
        (3.1, Grade.POOR),
        (3.09, Grade.BAD),
        (1.0, Grade.BAD),
    ],
    ids=lambda v: str(v),
)
def test_band_edges_belong_to_the_better_band(mos: float, grade: Grade) -> None:
    assert grade_for(mos) is grade


def test_pass_mark_is_4_0() -> None:
    assert PASS_MOS == 4.0
    assert passes(4.0)
    assert not passes(3.999)


def test_bands_cover_1_to_5_without_gaps() -> None:
    for upper, lower in itertools.pairwise(GRADE_BANDS):
        assert upper.low_mos == lower.high_mos
    assert GRADE_BANDS[0].high_mos == 5.0
    assert GRADE_BANDS[-1].low_mos == 1.0


@pytest.mark.parametrize("mos", [0.99, 5.01, math.nan])
def test_impossible_mos_is_refused(mos: float) -> None:
    with pytest.raises(ValueError, match="MOS"):
        grade_for(mos)
