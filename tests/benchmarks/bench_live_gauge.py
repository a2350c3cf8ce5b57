"""Does the live gauge tell the truth? Prints the figures, asserts nothing (issue 12).

    .venv/bin/python tests/benchmarks/bench_live_gauge.py [--duration 20] [--seeds 3]

The machine's load average is printed beside every figure: on a shared machine a late event
loop moves packets and snapshots, and the figures are only comparable at a similar load.

1. Convergence: loopback calls (the test signal, no devices) through the one test session, at
   2 % and 5 % random loss and at 20 ± 10 ms jitter (uniform), each with ``--seeds`` seeds:
   the share of live MOS values (the gauge's, every 250 ms) from 8 s on that are within ±0.15
   of the call's final MOS. Targets: ≥ 95 % at 2 % loss and with jitter, ≥ 90 % at 5 % loss.
2. Recent trouble: an otherwise clean call (20 ms delay each way) loses every datagram in both
   directions for 1 s from 4 s on; the delay from the outage's start to the first snapshot
   whose recent-trouble rating (the gauge's minimum marker) is below the pass mark. Target
   ≤ 1 s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
from typing import Any

from callcheck.core.grades import PASS_MOS
from callcheck.engine.call import CallConfig
from callcheck.engine.impairment import ImpairmentSpec
from callcheck.engine.loop import EngineLoop, now_ms
from callcheck.engine.session import SessionOptions, TestSession
from callcheck.engine.snapshots import LiveSnapshot

FROM_S = 8.0
WITHIN_MOS = 0.15
OUTAGE_AT_S = 4.0
OUTAGE_S = 1.0


def convergence(spec_text: str, seed: int, duration_s: float) -> tuple[float, int, float]:
    """(share within ±0.15 from 8 s on, live values counted, final MOS)."""
    spec = ImpairmentSpec.parse(f"{spec_text},seed={seed}")
    live: list[tuple[float, float]] = []

    def on_snapshot(s: LiveSnapshot) -> None:
        if s.quality is not None:
            live.append((s.elapsed_s, s.quality.mos))

    session = TestSession(
        SessionOptions(call=CallConfig.impaired(spec, duration_s=duration_s), use_devices=False),
        on_snapshot=on_snapshot,
    )
    with EngineLoop() as loop:
        outcome = loop.run(session.run(), timeout_s=duration_s + 60)
    final = outcome.report.verdict["mos"]
    assert isinstance(final, float)
    late = [mos for t, mos in live if t >= FROM_S]
    within = sum(abs(mos - final) <= WITHIN_MOS for mos in late)
    return within / len(late) if late else 0.0, len(late), final


def outage_delay_s(seed: int) -> float | None:
    """Seconds from a 1 s outage's start until the recent-trouble trace is below the pass mark."""
    spec = ImpairmentSpec.parse(f"delay=20,seed={seed}")
    state: dict[str, Any] = {"start_ms": None, "seen_ms": None}
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
                del peer.link._loss.lose  # back to the class's method

    def on_snapshot(s: LiveSnapshot) -> None:
        recent = s.quality_recent
        started = state["start_ms"]
        # Only snapshots taken after the outage began count (this one was measured before).
        unseen = started is not None and state["seen_ms"] is None
        if unseen and recent is not None and recent.mos < PASS_MOS:
            state["seen_ms"] = now_ms()
        if started is None and recent is not None:
            state["before"] = min(state.get("before", 5.0), recent.mos)
        if s.elapsed_s >= OUTAGE_AT_S and started is None:
            lose_all(True)
            state["start_ms"] = now_ms()
            asyncio.get_running_loop().call_later(OUTAGE_S, lose_all, False)

    session = TestSession(
        SessionOptions(call=CallConfig.impaired(spec, duration_s=8.0), use_devices=False),
        on_snapshot=on_snapshot,
    )
    with EngineLoop() as loop:
        loop.run(session.run(), timeout_s=70)
    print(f"   seed {seed}: lowest recent MOS before the outage {state.get('before', 0.0):.2f}")
    if state["seen_ms"] is None or state["start_ms"] is None:
        return None
    return float(state["seen_ms"] - state["start_ms"]) / 1000.0


def load() -> str:
    """The 1-minute load average and the cores, to print beside a figure."""
    return f"load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--only", help="run only the scenarios whose name contains this")
    parser.add_argument("--no-outage", action="store_true", help="skip part 2")
    parser.add_argument("--outage-only", action="store_true", help="only part 2")
    args = parser.parse_args()
    seeds = range(1, args.seeds + 1)
    scenarios = (
        ("2 % loss", "loss=2", 0.95),
        ("5 % loss", "loss=5", 0.90),
        ("20 ± 10 ms jitter", "delay=20,jitter=10", 0.95),
    )
    print(f"1. live MOS within ±{WITHIN_MOS} of the final MOS from {FROM_S:g} s on")
    for name, spec, target in () if args.outage_only else scenarios:
        if args.only and args.only not in name:
            continue
        shares = []
        for seed in seeds:
            share, n, final = convergence(spec, seed, args.duration)
            shares.append(share)
            print(
                f"   {name:18s} seed {seed}: {share:6.1%} of {n} values (final MOS {final:.2f})"
                f"  [{load()}]"
            )
        pooled = statistics.mean(shares)
        verdict = "meets" if pooled >= target else "MISSES"
        print(f"   {name:18s} mean {pooled:6.1%} (target ≥ {target:.0%}: {verdict})")
    if args.no_outage:
        return
    print(f"2. delay until a {OUTAGE_S:g} s outage shows on the recent-trouble trace")
    delays = []
    for seed in seeds:
        delay = outage_delay_s(seed)
        delays.append(delay)
        print(f"   seed {seed}: {'never' if delay is None else f'{delay:.2f} s'}  [{load()}]")
    seen = [d for d in delays if d is not None]
    if seen:
        print(f"   worst {max(seen):.2f} s (target ≤ 1 s)")


if __name__ == "__main__":
    main()
