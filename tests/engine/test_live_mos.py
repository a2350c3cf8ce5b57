"""The live MOS tells the truth: rated over the call so far, it ends where the verdict starts.

The gauge's value at each snapshot is the call rated as the result will be (totals, mean
buffer, mean RTT; see ``callcheck.core.live_rating``), so on a steady network it converges to
the call's own rating; the last second is rated on its own as recent trouble.
"""

from __future__ import annotations

import asyncio
import logging

import pytest

from callcheck.core.grades import PASS_MOS
from callcheck.engine.call import CallConfig, TestCall
from callcheck.engine.impairment import ImpairmentSpec
from callcheck.engine.loop import EngineLoop
from callcheck.engine.session import SessionOptions, TestSession, _LiveAudioPath
from callcheck.engine.snapshots import LiveSnapshot

DURATION_S = 6.0


def test_the_live_mos_converges_to_the_calls_rating_four_times_a_second() -> None:
    spec = ImpairmentSpec.parse("delay=30,jitter=5,loss=3,seed=5")
    snapshots: list[LiveSnapshot] = []
    call = TestCall(CallConfig.impaired(spec, duration_s=DURATION_S), on_snapshot=snapshots.append)
    with EngineLoop() as loop:
        result = loop.run(call.run(), timeout_s=40)
    assert result.quality is not None
    assert len(snapshots) >= 4 * DURATION_S - 2
    rated = [s for s in snapshots if s.quality is not None]
    assert rated[0].elapsed_s <= 1.5  # the first MOS within a second or two
    last = rated[-1]
    assert last.quality is not None
    # The last live value and the verdict differ only by the final quarter second and the
    # settling of the packets in flight.
    assert abs(last.quality.mos - result.quality.mos) <= 0.1
    # A 250 ms interval at 3 % loss swings by a grade (issue 12); the call so far does not.
    late = [s.quality.mos for s in rated if s.elapsed_s >= DURATION_S / 2 and s.quality]
    assert max(late) - min(late) <= 0.3
    assert any(s.quality_recent is not None for s in snapshots)
    # The timeline keeps the raw per-interval figures.
    assert any(s.downlink.loss_interval_pct != s.downlink.loss_total_pct for s in snapshots)


#: The injected outage: every datagram both ways lost for 1 s from 2 s into the call.
OUTAGE_AT_S = 2.0
OUTAGE_S = 1.0


def test_the_timelines_recent_mos_dips_at_an_outage_and_the_overall_one_moves_less() -> None:
    """``timeline[].mos_recent`` is the snapshots' last-second rating (one definition): it dips
    at the first sample after an outage starts (snapshots every 250 ms), while ``mos`` — the
    call so far — moves less."""
    spec = ImpairmentSpec.parse("delay=20,seed=4")
    started: list[float] = []
    session: TestSession

    def lose_all(on: bool) -> None:
        call = session.call
        assert call is not None
        assert call.loopback is not None
        for peer in (call.loopback.a, call.loopback.b):
            assert peer.link is not None
            if on:
                peer.link._loss.lose = lambda: True  # type: ignore[method-assign]
            else:
                del peer.link._loss.lose  # back to the class's own (no loss in this spec)

    def on_snapshot(s: LiveSnapshot) -> None:
        if s.elapsed_s >= OUTAGE_AT_S and not started:
            lose_all(True)
            started.append(s.elapsed_s)
            asyncio.get_running_loop().call_later(OUTAGE_S, lose_all, False)

    session = TestSession(
        SessionOptions(
            call=CallConfig.impaired(spec, duration_s=4.5), use_devices=False, heard=False
        ),
        on_snapshot=on_snapshot,
    )
    with EngineLoop() as loop:
        outcome = loop.run(session.run(), timeout_s=40)
    (start_s,) = started
    timeline = outcome.report.timeline
    before = [s for s in timeline if s.t_s <= start_s and s.mos_recent is not None]
    after = [s for s in timeline if s.t_s > start_s]
    assert before
    assert after
    first = after[0]
    assert first.t_s - start_s <= 0.25 + 0.05  # the next snapshot (0.05 s: a late tick)
    assert first.mos_recent is not None
    assert first.mos is not None
    # The sample just before: on a loaded machine the "clean" second before can dip too.
    recent_before = before[-1].mos_recent
    assert recent_before is not None
    overall_before = before[-1].mos
    assert overall_before is not None
    # Dips at once: well below the sample before the outage.
    assert first.mos_recent < recent_before - 0.3, (first, recent_before)
    # During the outage the recent trace falls far below the pass mark; the call so far less.
    during = [s for s in after if s.t_s <= start_s + OUTAGE_S]
    recent_low = min(s.mos_recent for s in during if s.mos_recent is not None)
    overall_low = min(s.mos for s in during if s.mos is not None)
    print(
        f"outage at {start_s:.2f} s; first sample {first.t_s - start_s:.2f} s later: recent "
        f"{recent_before:.2f} -> {first.mos_recent:.2f} (low {recent_low:.2f}), overall "
        f"{overall_before:.2f} -> low {overall_low:.2f}"
    )
    assert recent_low < PASS_MOS
    assert overall_before - overall_low < recent_before - recent_low, (overall_low, recent_low)
    json_samples = outcome.report.to_json()["timeline"]
    assert [s["mos_recent"] for s in json_samples] == [
        None if s.mos_recent is None else round(s.mos_recent, 2) for s in timeline
    ]


class _UnreadableAudio:
    """An audio path whose figures cannot be read (its threads keep failing mid-write)."""

    def __init__(self) -> None:
        self.reads = 0

    def summary(self) -> object:
        self.reads += 1
        raise RuntimeError("queue changed size during iteration")


def test_an_audio_path_that_cannot_be_read_is_said_once_and_the_gauge_goes_on(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One failed read is normal (the devices' threads write meanwhile) and stays at debug;
    reads failing in a row are said once, and the snapshots keep coming unchanged."""
    monkeypatch.setattr(_LiveAudioPath, "REFRESH_S", 0.0)
    audio = _UnreadableAudio()
    path = _LiveAudioPath(audio)  # type: ignore[arg-type]

    async def run() -> None:
        path.start()
        while audio.reads < 2 * _LiveAudioPath.WARN_AFTER_FAILURES:
            await asyncio.sleep(0)
        await path.stop()

    with caplog.at_level(logging.DEBUG, logger="callcheck.engine.session"):
        asyncio.run(run())
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "reads failed in a row" in warnings[0].getMessage()
    snapshot = object()
    assert path.rate(snapshot) is snapshot  # type: ignore[arg-type]
