"""Ta on synthetic traces: the one definition against the truth and against the old formula.

Not a unit test (``tests/core/test_delay.py`` holds the checks): run it and read the figures.

    .venv/bin/python tests/benchmarks/bench_ta_traces.py

Every 20 ms packet's transit is 40 ms plus jitter from a known distribution; the playout buffer
simulation plays the trace, so each played frame's network-plus-buffer delay is
``playout − send`` by construction. Printed per trace: RFC 3550 jitter J, the truth (mean over
played frames), Ta's network-plus-buffer part as defined now (mean transit + mean wait), the
first landing's (mean transit + the buffer's hold above the fastest packet), the one estimate of
the wait from J against the simulated mean wait.
"""

from __future__ import annotations

import random
import statistics

from callcheck.core.delay import estimate_playout_wait_ms
from callcheck.core.packets import PacketRecord, StreamStatistics
from callcheck.core.playout import PlayoutBuffer, PlayoutConfig, drive_playout

FRAME_MS = 20.0


def _trace(kind: str, scale: float, seed: int, n: int = 3000) -> list[PacketRecord]:
    rng = random.Random(seed)
    burst = False
    out = []
    for i in range(n):
        if kind == "uniform":
            jitter = rng.uniform(0.0, 2.0 * scale)
        elif kind == "normal":
            jitter = max(0.0, rng.gauss(3.0 * scale, scale))
        else:
            if rng.random() < (0.2 if burst else 0.05):
                burst = not burst
            jitter = rng.uniform(0.0, scale) + (3.0 * scale if burst else 0.0)
        out.append(
            PacketRecord(
                seq=i & 0xFFFF,
                rtp_timestamp=i * 960,
                clock_rate_hz=48_000,
                arrival_ms=i * FRAME_MS + 40.0 + jitter,
                send_ms=i * FRAME_MS,
            )
        )
    return out


def main() -> None:
    """Print one line per trace."""
    print(
        f"{'trace':<12} {'J':>6} {'truth':>7} {'now':>7} {'old':>7} {'old-err':>7} "
        f"{'wait':>6} {'est':>6}"
    )
    for kind in ("uniform", "normal", "bursty"):
        for scale in (5.0, 10.0, 20.0):
            records = _trace(kind, scale, seed=1)
            stats = StreamStatistics()
            for r in sorted(records, key=lambda r: r.arrival_ms):
                stats.add(r)
            stats.finish()
            jitter = stats.totals().jitter_ms
            by_seq = {r.seq: r for r in records}
            buffer = PlayoutBuffer(PlayoutConfig(), clock_rate_hz=48_000)
            truth, transit, wait = [], [], []
            for f in drive_playout(buffer, records):
                if f.status == "played" and f.seq is not None:
                    r = by_seq[f.seq & 0xFFFF]
                    truth.append(f.playout_ms - (r.send_ms or 0.0))
                    transit.append(r.arrival_ms - (r.send_ms or 0.0))
                    wait.append(f.playout_ms - r.arrival_ms)
            now = statistics.fmean(transit) + statistics.fmean(wait)
            old = statistics.fmean(transit) + buffer.stats().delay_ms.mean
            t = statistics.fmean(truth)
            print(
                f"{kind + '-' + format(scale, 'g'):<12} {jitter:6.2f} {t:7.2f} {now:7.2f} "
                f"{old:7.2f} {old - t:+7.2f} {statistics.fmean(wait):6.2f} "
                f"{estimate_playout_wait_ms(jitter, FRAME_MS):6.2f}"
            )


if __name__ == "__main__":
    main()
