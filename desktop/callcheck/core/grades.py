"""The MOS grade bands users are given (DESIGN.md, Grades) and the pass mark.

The grade words and the experience sentences are marked for translation (context ``grades``,
:mod:`callcheck.core.phrase`); their values stay the English the reports carry.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from callcheck.core.phrase import QT_TRANSLATE_NOOP


class Grade(StrEnum):
    """The five plain-language grades, best first."""

    EXCELLENT = QT_TRANSLATE_NOOP("grades", "Excellent")
    GOOD = QT_TRANSLATE_NOOP("grades", "Good")
    FAIR = QT_TRANSLATE_NOOP("grades", "Fair")
    POOR = QT_TRANSLATE_NOOP("grades", "Poor")
    BAD = QT_TRANSLATE_NOOP("grades", "Bad")


@dataclass(frozen=True, slots=True)
class GradeBand:
    """One band of the MOS table: [low_mos, high_mos) except the top band, which includes 5."""

    grade: Grade
    low_mos: float
    high_mos: float
    experience: str


#: Best first. A MOS exactly on a boundary belongs to the better band (4.0 is Good, 4.3 Excellent).
GRADE_BANDS: Final[tuple[GradeBand, ...]] = (
    GradeBand(
        Grade.EXCELLENT, 4.3, 5.0, QT_TRANSLATE_NOOP("grades", "Crystal-clear audio, no issues.")
    ),
    GradeBand(Grade.GOOD, 4.0, 4.3, QT_TRANSLATE_NOOP("grades", "Clear voice, very minor flaws.")),
    GradeBand(
        Grade.FAIR,
        3.6,
        4.0,
        QT_TRANSLATE_NOOP("grades", "Slight distortion, still understandable."),
    ),
    GradeBand(
        Grade.POOR, 3.1, 3.6, QT_TRANSLATE_NOOP("grades", "Noticeable issues affect conversation.")
    ),
    GradeBand(Grade.BAD, 1.0, 3.1, QT_TRANSLATE_NOOP("grades", "Hard to hear, disruptive.")),
)

#: A test passes at MOS ≥ 4.0: good enough for business calls.
PASS_MOS: Final = 4.0


def band_for(mos: float) -> GradeBand:
    """The grade band a MOS falls in; raises ValueError for NaN or a MOS outside 1–5."""
    if math.isnan(mos) or not 1.0 <= mos <= 5.0:
        raise ValueError(f"MOS must be between 1 and 5, got {mos!r}")
    for band in GRADE_BANDS:
        if mos >= band.low_mos:
            return band
    return GRADE_BANDS[-1]  # unreachable: the last band starts at 1.0


def grade_for(mos: float) -> Grade:
    """The plain-language grade of a MOS."""
    return band_for(mos).grade


def passes(mos: float) -> bool:
    """Whether a MOS is good enough for business calls."""
    return mos >= PASS_MOS


def format_mos(mos: float, digits: int = 1) -> str:
    """A MOS as every screen and report prints it: one decimal, rounded *down*.

    The one MOS formatter (gauge, verdict, advice, reports, history): a figure printed twice
    must read the same twice. Every band edge of the MOS table lies on a tenth (3.1, 3.6, 4.0,
    4.3), so a figure rounded down never shows a better grade than the one printed beside it:
    3.99 reads "3.9 Fair", not "4.0 Fair", and 4.39 reads "4.3" on the gauge and in the verdict.
    ``digits`` 2 only where two figures would otherwise read alike (codec rows that differ by
    hundredths). Raises ValueError for NaN or infinity.
    """
    if not math.isfinite(mos):
        raise ValueError(f"MOS must be a finite number, got {mos!r}")
    scale = 10.0**digits
    # 1e-9: 4.3 * 10 must stay 43, not 42.99… after the float multiplication.
    return f"{math.floor(mos * scale + 1e-9) / scale:.{digits}f}"
