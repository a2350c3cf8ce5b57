"""Two reports side by side: MOS, round trip, jitter and loss with the change between them,
and a row for each other input of the score that changed (the delay from mouth to ear, the
playout buffer, the audio device, audio too late to play …): a MOS that moved while round trip,
jitter and loss stayed put is explained on the same screen (issue 16).

No widgets (the model of the Compare screen; Qt only translates its words). The figures are
the ones the Results screen and the helpdesk summary show: the report's MOS and the worse
direction's means (:func:`callcheck.core.report_text.key_numbers`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from callcheck.core.report_text import key_numbers
from callcheck.gui import texts

Change = Literal["better", "worse", "same", "unknown"]


@dataclass(frozen=True, slots=True)
class ComparedFigure:
    """One figure of two tests."""

    label: str
    """What the figure is, in words."""
    earlier: float | None
    """The earlier test's value (None: not measured)."""
    later: float | None
    """The later test's value."""
    unit: str
    """Unit printed after the value (``texts.UNIT_MS``, ``texts.UNIT_PERCENT``, "" for MOS)."""
    digits: int
    """Decimals shown."""
    higher_is_better: bool
    """MOS: higher is better; delay, jitter and loss: lower is."""

    @property
    def delta(self) -> float | None:
        """Later minus earlier; None when either is missing."""
        if self.earlier is None or self.later is None:
            return None
        if self.label == texts.COMPARE_MOS:
            # The difference of the two figures as printed (one decimal, rounded down), so
            # "3.5 → 4.4" reads "+0.9", never "+1.0".
            return float(texts.mos_text(self.later)) - float(texts.mos_text(self.earlier))
        return self.later - self.earlier

    @property
    def change(self) -> Change:
        """Whether the later test is better, worse or the same (at the shown precision)."""
        delta = self.delta
        if delta is None:
            return "unknown"
        if abs(delta) < 0.5 * 10.0**-self.digits:
            return "same"
        return "better" if (delta > 0) == self.higher_is_better else "worse"

    def value_text(self, value: float | None) -> str:
        """A value with its unit, or the not-measured dash; a MOS as every screen prints it."""
        if self.label == texts.COMPARE_MOS and value is not None:
            return texts.mos_text(value)
        return texts.figure(value, self.unit, self.digits)

    def delta_text(self) -> str:
        """ "+0.12 (better)", "−5 ms (better)", "no change"."""
        delta, change = self.delta, self.change
        if delta is None:
            return texts.NOT_MEASURED
        if change == "same":
            return texts.COMPARE_SAME
        sign = "+" if delta > 0 else "−"
        number = sign + texts.figure(abs(delta), self.unit, self.digits)
        return texts.COMPARE_DELTA.format(number=number, change=texts.COMPARE_CHANGE[change])


def _mos(report: Mapping[str, Any]) -> float | None:
    mos = (report.get("verdict") or {}).get("mos")
    return float(mos) if isinstance(mos, int | float) and not isinstance(mos, bool) else None


def ordered(
    a: Mapping[str, Any], b: Mapping[str, Any]
) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
    """The two reports, earlier first (by ``started_at``; ISO 8601 strings sort in time)."""
    return (a, b) if str(a.get("started_at", "")) <= str(b.get("started_at", "")) else (b, a)


def _input(report: Mapping[str, Any], name: str) -> float | None:
    quality = report.get("quality")
    inputs = quality.get("inputs") if isinstance(quality, Mapping) else None
    item = inputs.get(name) if isinstance(inputs, Mapping) else None
    value = item.get("value") if isinstance(item, Mapping) else None
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


#: E-model inputs (report ``quality.inputs``) shown when they changed: name, label, unit key,
#: decimals.
_CHANGED_INPUTS: tuple[tuple[str, str, str, int], ...] = (
    ("Ta", "COMPARE_TA", "UNIT_MS", 0),
    ("buffer_ms", "COMPARE_BUFFER", "UNIT_MS", 0),
    ("device_ms", "COMPARE_DEVICE", "UNIT_MS", 0),
    ("coding_delay_ms", "COMPARE_CODING", "UNIT_MS", 0),
    ("late_discard_pct", "COMPARE_LATE", "UNIT_PERCENT", 1),
    ("Ppl", "RESULTS_LOSS", "UNIT_PERCENT", 1),
)


def compare(earlier: Mapping[str, Any], later: Mapping[str, Any]) -> list[ComparedFigure]:
    """MOS, round trip, jitter and loss of two reports, then each other input of the score
    that changed between them."""
    e, lt = key_numbers(earlier), key_numbers(later)
    extra = [
        ComparedFigure(
            getattr(texts, label),
            _input(earlier, name),
            _input(later, name),
            getattr(texts, unit),
            digits,
            False,
        )
        for name, label, unit, digits in _CHANGED_INPUTS
    ]
    return [
        ComparedFigure(texts.COMPARE_MOS, _mos(earlier), _mos(later), "", 1, True),
        ComparedFigure(texts.RESULTS_RTT, e["rtt_ms"], lt["rtt_ms"], texts.UNIT_MS, 0, False),
        ComparedFigure(
            texts.RESULTS_JITTER, e["jitter_ms"], lt["jitter_ms"], texts.UNIT_MS, 1, False
        ),
        ComparedFigure(
            texts.COMPARE_NETWORK_LOSS, e["loss_pct"], lt["loss_pct"], texts.UNIT_PERCENT, 1, False
        ),
        *(row for row in extra if row.change in ("better", "worse")),
    ]
