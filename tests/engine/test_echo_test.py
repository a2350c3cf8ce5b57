"""The echo test (issue 16, "Hear yourself"): a known signal through a real loopback call comes
back delayed by the path's own measured delay, and degraded where the emulator dropped packets."""

from __future__ import annotations

import asyncio

import numpy as np
import pytest

from callcheck.engine.echo_test import EchoOptions, EchoResult, run_echo
from callcheck.engine.impairment import ImpairmentSpec
from callcheck.engine.sources import SyntheticSpeechSource

RATE_HZ = 16_000
#: Issue 16: the heard delay within 20 ms of the path's measured delay.
DELAY_TOLERANCE_MS = 20.0


def _spoken(seconds: float = 2.0) -> np.ndarray:
    return SyntheticSpeechSource(sample_rate_hz=RATE_HZ).read(round(seconds * RATE_HZ))


def _echo(impairment: ImpairmentSpec | None) -> EchoResult:
    return asyncio.run(run_echo(_spoken(), RATE_HZ, EchoOptions(impairment=impairment)))


def test_clean_path_returns_the_voice_at_the_measured_delay() -> None:
    result = _echo(None)
    assert result.path_delay_ms is not None
    assert abs(result.heard_delay_ms - result.path_delay_ms) <= DELAY_TOLERANCE_MS
    assert result.similarity >= 0.7, "the voice should come back close to what was spoken"
    # No concealment asserted: on a loaded 2-core machine a late packet is concealed too.
    played = result.playback_audio()
    assert played.size >= result.spoken.size - RATE_HZ // 50


def test_delay_and_loss_are_heard_as_the_impairment_says() -> None:
    clean = _echo(None)
    spec = ImpairmentSpec(delay_ms=120.0, loss_pct=20.0, burst_packets=3.0, seed=7)
    result = _echo(spec)
    assert result.path_delay_ms is not None
    # The emulator's 120 ms is part of the path; the heard delay follows the measured one.
    assert result.path_delay_ms >= 120.0
    assert abs(result.heard_delay_ms - result.path_delay_ms) <= DELAY_TOLERANCE_MS
    assert result.frames_concealed > 0
    assert result.similarity < clean.similarity - 0.05
    # 20 % of the packets dropped: about as many frames concealed (late ones add a few), and the
    # voice that comes back resembles the spoken one clearly less.
    assert result.concealed_pct >= 10.0
    assert result.frames_concealed > clean.frames_concealed


def test_nothing_recorded_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="nothing was recorded"):
        asyncio.run(run_echo(np.zeros(0, dtype=np.int16), RATE_HZ, EchoOptions()))
