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


def heard_line(heard: Mapping[str, Any] | None) -> str | None:
    """The CLI's line for a report's ``quality.heard`` (English); None when the report has none.

    ``What the listener heard: 4.9 MOS-LQO (ViSQOL v3 speech, downlink, 3 s scored)``, or
    ``… not available (why)``.
    """
    if not isinstance(heard, Mapping):
        return None
    directions = [d for d in heard.get("directions") or [] if isinstance(d, Mapping)]
    mos = heard.get("mos")
    if isinstance(mos, int | float):
        scored = [d for d in directions if isinstance(d.get("mos"), int | float)]
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
        return f"What the listener heard: {format_mos(float(mos))} {HEARD_SCALE} ({detail})"
    notes = [str(d["note"]) for d in directions if d.get("note")]
    why = f" ({'; '.join(notes)})" if notes else ""
    return f"What the listener heard: not available{why}"
