"""Heard quality: a perceptual score of the audio the listener actually got.

The E-model (:mod:`callcheck.core.emodel`) *predicts* quality from network figures and codec
tables. The heard score *measures* it: the received audio, after decoding, concealment and the
playout buffer, as handed to the speaker, compared with the audio that was sent (full reference,
ViSQOL v3 speech mode), or judged on its own where the reference is unknown (no reference).
Where the two disagree, the damage is on the computer (device, concealment, CPU), not on the
network: :data:`DISAGREEMENT_MOS` is the threshold of the advice that says so.

Scale: ITU-T P.800.1 labels an objective listening-quality MOS "MOS-LQO"; ViSQOL's speech mode
maps to 1–5 with a clean, identical signal at 5.0. The E-model's MOS (MOS-CQE/CQEW) is a
conversational estimate on its own scale; the two are shown side by side, never merged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from callcheck.core.grades import format_mos
from callcheck.core.phrase import QT_TRANSLATE_NOOP, Phrase

HEARD_SCALE: Final = "MOS-LQO"
"""ITU-T P.800.1 §6: an objective (model-computed) listening-quality MOS."""

DISAGREEMENT_MOS: Final = 0.5
"""Issue 19: a heard score more than this below the E-model's prediction means the audio was
damaged after the network (on this computer)."""


class HeardMethod(StrEnum):
    """How the heard score was computed."""

    FULL_REFERENCE = "full-reference"
    """Received audio against the sent audio (ViSQOL)."""
    NO_REFERENCE = "no-reference"
    """Received audio alone (a model trained on listening tests; e.g. PLCMOS/DNSMOS)."""


@dataclass(frozen=True, slots=True)
class HeardDirection:
    """The heard score of one direction of a call."""

    direction: str
    """``downlink`` (far end → user, loopback), ``uplink``, or ``round_trip`` (the user's own
    audio back from the reflector)."""
    method: HeardMethod
    mos: float | None
    """The score on :data:`HEARD_SCALE`; None when it could not be computed (see ``note``)."""
    model: str
    """The model that scored it (``ViSQOL v3 speech``)."""
    model_version: str
    """Version of the package implementing the model."""
    seconds_scored: float = 0.0
    """Seconds of received audio scored (a bounded sample of the call)."""
    segments: int = 0
    """How many aligned segments were scored."""
    delay_ms: float | None = None
    """Mean delay the alignment found (received behind sent)."""
    correlation: float | None = None
    """Mean normalised correlation of the aligned segments (1 = identical up to gain)."""
    note: str | None = None
    """Why there is no score, or what limits it."""

    @property
    def available(self) -> bool:
        """Whether a score was computed."""
        return self.mos is not None

    def to_json(self) -> dict[str, Any]:
        """One element of the report's ``quality.heard.directions``."""
        out: dict[str, Any] = {
            "direction": self.direction,
            "method": str(self.method),
            "available": self.available,
            "mos": None if self.mos is None else round(self.mos, 2),
            "scale": HEARD_SCALE,
            "model": self.model,
            "model_version": self.model_version,
            "seconds_scored": round(self.seconds_scored, 2),
            "segments": self.segments,
        }
        if self.delay_ms is not None:
            out["delay_ms"] = round(self.delay_ms, 1)
        if self.correlation is not None:
            out["correlation"] = round(self.correlation, 3)
        if self.note is not None:
            out["note"] = self.note
        return out


@dataclass(frozen=True, slots=True)
class HeardQuality:
    """The heard scores of a call, per direction where they could be computed."""

    directions: tuple[HeardDirection, ...]
    compute_ms: float | None = None
    """Wall time the scoring took after the call (the cost the user waits for)."""

    @property
    def mos(self) -> float | None:
        """The worst heard score of the call (what the listener got at its worst)."""
        return worst_heard_mos(self.directions)

    def to_json(self) -> dict[str, Any]:
        """The report's ``quality.heard``."""
        mos = self.mos
        out: dict[str, Any] = {
            "mos": None if mos is None else round(mos, 2),
            "scale": HEARD_SCALE,
            "directions": [d.to_json() for d in self.directions],
        }
        if self.compute_ms is not None:
            out["compute_ms"] = round(self.compute_ms, 1)
        return out


def worst_heard_mos(directions: Sequence[HeardDirection]) -> float | None:
    """The lowest score among the directions that have one; None when none has."""
    scores = [d.mos for d in directions if d.mos is not None]
    return min(scores) if scores else None


def heard_shortfall(predicted_mos: float | None, heard_mos: float | None) -> float | None:
    """How far the heard score falls below the E-model's prediction (positive = heard worse);
    None when either is missing."""
    if predicted_mos is None or heard_mos is None:
        return None
    return predicted_mos - heard_mos


#: The translation context of the heard score's sentences (CLI, text summary, HTML, Results).
CONTEXT: Final = "heard"

HEARD_HEADING: Final = QT_TRANSLATE_NOOP("heard", "What the listener heard")

#: Each direction in words; the report's value (``downlink`` …) stays the key.
DIRECTION_NAMES: Final[dict[str, str]] = {
    "downlink": QT_TRANSLATE_NOOP("heard", "downlink (far end to you)"),
    "uplink": QT_TRANSLATE_NOOP("heard", "uplink (you to far end)"),
    "round_trip": QT_TRANSLATE_NOOP("heard", "round trip (your voice, back from the server)"),
}


def _directions(heard: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [d for d in heard.get("directions") or [] if isinstance(d, Mapping)]


def _score(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def heard_summary(heard: Mapping[str, Any] | None) -> Phrase | None:
    """The one line for a report's ``quality.heard`` — the CLI prints it, the text summary and
    the HTML report open their heard section with it; None when the report has none.

    ``What the listener heard: 4.9 MOS-LQO (ViSQOL v3 speech …, downlink, 3 s scored)`` (the
    worst direction), or ``… not available (why)``.
    """
    if not isinstance(heard, Mapping):
        return None
    directions = _directions(heard)
    mos = _score(heard.get("mos"))
    if mos is not None:
        scored = [d for d in directions if _score(d.get("mos")) is not None]
        worst = min(scored, key=lambda d: float(d["mos"])) if scored else {}
        detail = ", ".join(
            str(x)
            for x in (
                worst.get("model"),
                worst.get("direction"),
                f"{float(worst.get('seconds_scored') or 0):g} s scored",
            )
            if x
        )
        return Phrase(
            CONTEXT,
            QT_TRANSLATE_NOOP("heard", "What the listener heard: {mos} {scale} ({detail})"),
            {"mos": format_mos(mos), "scale": HEARD_SCALE, "detail": detail},
        )
    notes = [str(d["note"]) for d in directions if d.get("note")]
    if notes:
        return Phrase(
            CONTEXT,
            QT_TRANSLATE_NOOP("heard", "What the listener heard: not available ({why})"),
            {"why": "; ".join(notes)},
        )
    return Phrase(CONTEXT, QT_TRANSLATE_NOOP("heard", "What the listener heard: not available"))


def heard_direction_phrases(heard: Mapping[str, Any] | None) -> list[Phrase]:
    """One sentence per direction of ``quality.heard``: its score, scale, model and method, or
    why it is not available (the text summary, the HTML report and the Results screen)."""
    if not isinstance(heard, Mapping):
        return []
    out = []
    for d in _directions(heard):
        name = str(d.get("direction", "?"))
        direction: str | Phrase = (
            Phrase(CONTEXT, DIRECTION_NAMES[name]) if name in DIRECTION_NAMES else name
        )
        model = " ".join(str(x) for x in (d.get("model"), d.get("model_version")) if x)
        method = str(d.get("method", ""))
        mos = _score(d.get("mos"))
        if mos is not None:
            out.append(
                Phrase(
                    CONTEXT,
                    QT_TRANSLATE_NOOP(
                        "heard",
                        "{direction}: {mos} {scale} — {model}, {method}, {seconds} s scored",
                    ),
                    {
                        "direction": direction,
                        "mos": format_mos(mos),
                        "scale": HEARD_SCALE,
                        "model": model,
                        "method": method,
                        "seconds": f"{float(d.get('seconds_scored') or 0):g}",
                    },
                )
            )
        else:
            out.append(
                Phrase(
                    CONTEXT,
                    QT_TRANSLATE_NOOP("heard", "{direction}: not available — {why}"),
                    {"direction": direction, "why": str(d.get("note") or method)},
                )
            )
    return out


def heard_line(heard: Mapping[str, Any] | None) -> str | None:
    """The CLI's line for a report's ``quality.heard`` (English): :func:`heard_summary`."""
    summary = heard_summary(heard)
    return None if summary is None else summary.text
