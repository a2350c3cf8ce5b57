"""The verdict and the "why this score" items as translatable phrases.

The report's ``verdict.summary`` (:func:`callcheck.core.report.verdict_text`) and the HTML
report's "why this score" list (:func:`callcheck.core.report_html.why_items`) are English; the
phrases here are the same sentences as templates (contexts ``verdict`` and ``why``, see
:mod:`callcheck.core.phrase`), so the desktop app can show them in the user's language. The
tests render both for a wide range of inputs and require the same English.

A stored report needs no extra field for these: the verdict is rebuilt from the report's grade,
MOS, pass and completeness, and used only when its English is the report's ``summary`` word for
word (:func:`verdict_summary`); anything else, such as a report of an older version with other
words, shows its stored summary.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Final

from callcheck.core.grades import GRADE_BANDS, PASS_MOS, Grade, format_mos
from callcheck.core.phrase import (
    QT_TRANSLATE_NOOP,
    Phrase,
    Translate,
    english,
    joined,
)

#: Translation contexts.
VERDICT_CONTEXT: Final = "verdict"
WHY_CONTEXT: Final = "why"
GRADES_CONTEXT: Final = "grades"

#: What a figure that was not measured reads as in a "why" item.
NO_FIGURE: Final = "–"


def grade_phrase(grade: str) -> Phrase | str:
    """A grade word (``"Good"``) as a phrase (marked in :mod:`callcheck.core.grades`); an
    unknown word as it is."""
    try:
        return Phrase(GRADES_CONTEXT, Grade(grade).value)
    except ValueError:
        return grade


# ---------------------------------------------------------------------------------------------
# The verdict


def verdict_phrase(
    grade: Grade | str | None, mos: float | None, *, passed: bool, partial: bool
) -> Phrase:
    """One sentence a helpdesk can read out (the report's ``verdict.summary``): grade, MOS,
    pass (MOS ≥ 4.0, whether or not the test was complete) and whether it covers the whole test.

    ``grade`` or ``mos`` ``None``: nothing was measured.
    """
    if grade is None or mos is None:
        return Phrase(
            VERDICT_CONTEXT,
            QT_TRANSLATE_NOOP(
                "verdict", "No audio was measured, so there is no score. See the errors for why."
            ),
        )
    band = next(b for b in GRADE_BANDS if b.grade == Grade(grade))
    if passed and not partial:
        template = QT_TRANSLATE_NOOP(
            "verdict",
            "{grade} (MOS {mos}): {experience} This is good enough for business calls.",
        )
    elif passed:
        template = QT_TRANSLATE_NOOP(
            "verdict",
            "{grade} (MOS {mos}): {experience} This is good enough for business calls. The test "
            "ended early, so this covers only part of it.",
        )
    elif not partial:
        template = QT_TRANSLATE_NOOP(
            "verdict",
            "{grade} (MOS {mos}): {experience} This is below the {pass_mos} needed for business "
            "calls.",
        )
    else:
        template = QT_TRANSLATE_NOOP(
            "verdict",
            "{grade} (MOS {mos}): {experience} This is below the {pass_mos} needed for business "
            "calls. The test ended early, so this covers only part of it.",
        )
    params: dict[str, str | Phrase] = {
        "grade": grade_phrase(str(band.grade)),
        "mos": format_mos(mos),
        "experience": Phrase(GRADES_CONTEXT, band.experience),
    }
    if not passed:
        params["pass_mos"] = f"{PASS_MOS:.1f}"
    return Phrase(VERDICT_CONTEXT, template, params)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    v = float(value)
    return v if math.isfinite(v) else None


def report_verdict_phrase(report: Mapping[str, Any]) -> Phrase | None:
    """The phrase of a report's ``verdict.summary``, rebuilt from its figures; ``None`` when
    it does not give the stored summary word for word (an older or edited report)."""
    verdict = report.get("verdict")
    if not isinstance(verdict, Mapping) or not isinstance(verdict.get("summary"), str):
        return None
    quality = report.get("quality")
    quality = quality if isinstance(quality, Mapping) else {}
    grade = verdict.get("grade") if verdict.get("grade") is not None else quality.get("grade")
    mos = _number(verdict.get("mos"))
    if mos is None:
        mos = _number(quality.get("mos"))
    passed = quality.get("passed")
    if not isinstance(passed, bool):
        passed = mos is not None and mos >= PASS_MOS
    try:
        phrase = verdict_phrase(
            None if grade is None else str(grade),
            mos,
            passed=passed,
            partial=verdict.get("complete") is False,
        )
    except ValueError:  # a grade this version does not know
        return None
    if phrase.text == verdict["summary"]:
        return phrase
    # Reports made before the one MOS formatter printed two decimals ("MOS 4.39"): the same
    # sentence, shown now with the figure every screen prints.
    if mos is not None and "mos" in phrase.params:
        legacy = Phrase(phrase.context, phrase.template, {**phrase.params, "mos": f"{mos:.2f}"})
        if legacy.text == verdict["summary"]:
            return phrase
    return None


def verdict_summary(report: Mapping[str, Any], translate: Translate = english) -> str:
    """The report's ``verdict.summary`` in the language of ``translate`` (the stored English
    when the report's words are not this version's)."""
    verdict = report.get("verdict")
    stored = verdict.get("summary") if isinstance(verdict, Mapping) else None
    if not isinstance(stored, str):
        return ""
    phrase = report_verdict_phrase(report)
    # The rebuilt phrase is the stored sentence (or it with the MOS in today's format).
    return stored if phrase is None else phrase.render(translate)


# ---------------------------------------------------------------------------------------------
# Why this score


def _figure(value: Any, digits: int) -> str:
    v = _number(value)
    return NO_FIGURE if v is None else f"{v:.{digits}f}"


def _input_value(inputs: Mapping[str, Any], name: str) -> float | None:
    item = inputs.get(name)
    return _number(item.get("value")) if isinstance(item, Mapping) else None


def _why(template: str, **params: str | Phrase) -> Phrase:
    return Phrase(WHY_CONTEXT, template, params)


def why_phrases(quality: Mapping[str, Any]) -> list[Phrase]:
    """The E-model breakdown of a report's ``quality`` as plain sentences: the scale and the
    score, then what delay, the codec and lost packets, and the handsets cost."""
    b = quality.get("breakdown")
    b = b if isinstance(b, Mapping) else {}
    inputs = quality.get("inputs")
    inputs = inputs if isinstance(inputs, Mapping) else {}
    mos = _number(quality.get("mos"))
    score = {
        "r_factor": _figure(quality.get("r_factor"), 1),
        "mos": NO_FIGURE if mos is None else format_mos(mos),
    }
    label = quality.get("mos_label")
    wideband = str(quality.get("scale", "narrowband")) == "wideband"
    if isinstance(label, str):
        # The MOS named with its scale (ITU-T P.800.1); reports made before labels keep the
        # sentences below.
        template = (
            QT_TRANSLATE_NOOP(
                "why",
                "A perfect call on this scale scores R = 129 (wideband: 50–7000 Hz speech). "
                "This call scores R = {r_factor}, which is {label} {mos}.",
            )
            if wideband
            else QT_TRANSLATE_NOOP(
                "why",
                "A perfect call on this scale scores R = about 93 (narrowband). This call "
                "scores R = {r_factor}, which is {label} {mos}.",
            )
        )
        items = [_why(template, label=label, **score)]
    elif wideband:
        items = [
            _why(
                QT_TRANSLATE_NOOP(
                    "why",
                    "A perfect call on this scale scores R = 129 (wideband: 50–7000 Hz speech). "
                    "This call scores R = {r_factor}, which is MOS {mos}.",
                ),
                **score,
            )
        ]
    else:
        items = [
            _why(
                QT_TRANSLATE_NOOP(
                    "why",
                    "A perfect call on this scale scores R = about 93 (narrowband). This call "
                    "scores R = {r_factor}, which is MOS {mos}.",
                ),
                **score,
            )
        ]
    ta = _input_value(inputs, "Ta")
    idd = _number(b.get("Id"))
    if idd is not None:
        items.append(_delay_item(ta, idd))
    ie = _number(b.get("Ie_eff"))
    if ie is not None:
        items.append(_codec_item(inputs, ie))
    is_ = _number(b.get("Is"))
    if is_ is not None and abs(is_) >= 0.5:
        items.append(
            _why(
                QT_TRANSLATE_NOOP(
                    "why",
                    "Loudness, sidetone and noise of the handsets (assumed standard): {cost} "
                    "points.",
                ),
                cost=f"{is_:.1f}",
            )
        )
    return items


def _delay_item(ta: float | None, idd: float) -> Phrase:
    cost = f"{idd:.1f}"
    if ta is None and idd < 0.5:
        return _why(
            QT_TRANSLATE_NOOP(
                "why", "Delay: no noticeable cost. Delay starts to hurt above about 100 ms."
            )
        )
    if ta is None:
        return _why(
            QT_TRANSLATE_NOOP(
                "why", "Delay: a cost of {cost} points. Delay starts to hurt above about 100 ms."
            ),
            cost=cost,
        )
    if idd < 0.5:
        return _why(
            QT_TRANSLATE_NOOP(
                "why",
                "Delay (sound takes {ta_ms} ms from mouth to ear): no noticeable cost. Delay "
                "starts to hurt above about 100 ms.",
            ),
            ta_ms=f"{ta:.0f}",
        )
    return _why(
        QT_TRANSLATE_NOOP(
            "why",
            "Delay (sound takes {ta_ms} ms from mouth to ear): a cost of {cost} points. Delay "
            "starts to hurt above about 100 ms.",
        ),
        ta_ms=f"{ta:.0f}",
        cost=cost,
    )


def _codec_item(inputs: Mapping[str, Any], ie: float) -> Phrase:
    ppl = _input_value(inputs, "Ppl")
    codec_ie = _input_value(inputs, "Ie")
    burst = _input_value(inputs, "BurstR")
    parts = []
    if codec_ie is not None:
        parts.append(
            _why(QT_TRANSLATE_NOOP("why", "the codec itself costs {ie}"), ie=f"{codec_ie:.0f}")
        )
    if ppl is not None:
        parts.append(
            _why(
                QT_TRANSLATE_NOOP("why", "{ppl_pct} % of the audio was lost or late"),
                ppl_pct=f"{ppl:.1f}",
            )
        )
    if burst is not None and burst > 1.05:
        parts.append(
            _why(
                QT_TRANSLATE_NOOP("why", "losses came in bursts (burst ratio {burst_ratio})"),
                burst_ratio=f"{burst:.1f}",
            )
        )
    if not parts:
        return _why(
            QT_TRANSLATE_NOOP("why", "Codec and lost packets: a cost of {cost} points."),
            cost=f"{ie:.1f}",
        )
    return _why(
        QT_TRANSLATE_NOOP("why", "Codec and lost packets: a cost of {cost} points ({details})."),
        cost=f"{ie:.1f}",
        details=joined(parts),
    )
