"""The live MOS tells the truth: rated over the call so far, it ends where the verdict starts.

The gauge's value at each snapshot is the call rated as the result will be (totals, mean
buffer, mean RTT; see ``callcheck.core.live_rating``), so on a steady network it converges to
the call's own rating; the last second is rated on its own as recent trouble.
"""

from __future__ import annotations

from callcheck.engine.call import CallConfig, TestCall
from callcheck.engine.impairment import ImpairmentSpec
from callcheck.engine.loop import EngineLoop
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
