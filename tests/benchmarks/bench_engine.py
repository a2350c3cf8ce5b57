"""Engine benchmarks for the call-engine issue; prints the figures, asserts nothing.

    .venv/bin/python tests/benchmarks/bench_engine.py [--duration 20] [--runs 2] [--soak 20]

1. CPU: a 20 s Opus loopback TestCall against a bare aiortc loopback call of the same length,
   measured in the same process and run (target: ratio ≤ 1.4; bare ≈ 0.18 CPU-s/s).
2. Time from start to the first MOS, and the snapshot delivery jitter (targets ≤ 1.5 s, ≤ 50 ms).
3. Threads, file descriptors and memory over consecutive tests in one process (target: no growth).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import itertools
import os
import resource
import statistics
import threading
import time
from typing import Any

from aiortc import RTCConfiguration, RTCPeerConnection, RTCRtpSender
from aiortc.rtcconfiguration import RTCBundlePolicy

from callcheck.engine.call import CallConfig, TestCall
from callcheck.engine.loop import EngineLoop
from callcheck.engine.peer import SourceTrack, host_addresses
from callcheck.engine.snapshots import LiveSnapshot
from callcheck.engine.sources import SyntheticSpeechSource


async def bare_call(duration_s: float) -> float:
    """CPU-s per second of a plain aiortc two-peer Opus call (aiortc's own jitter buffer)."""
    cfg = RTCConfiguration(iceServers=[], bundlePolicy=RTCBundlePolicy.MAX_BUNDLE)
    a, b = RTCPeerConnection(cfg), RTCPeerConnection(cfg)
    opus = [c for c in RTCRtpSender.getCapabilities("audio").codecs if c.mimeType == "audio/opus"]
    consumers: list[asyncio.Future[Any]] = []

    def consume(track: Any) -> None:
        async def drain() -> None:
            try:
                while True:
                    await track.recv()
            except Exception:
                return

        consumers.append(asyncio.ensure_future(drain()))

    for pc in (a, b):
        t = pc.addTransceiver(SourceTrack(SyntheticSpeechSource(48000)), direction="sendrecv")
        t.setCodecPreferences(opus)
        pc.on("track", consume)
    with host_addresses(("127.0.0.1",)):
        await a.setLocalDescription(await a.createOffer())
        await b.setRemoteDescription(a.localDescription)
        await b.setLocalDescription(await b.createAnswer())
        await a.setRemoteDescription(b.localDescription)
    while a.connectionState != "connected" or b.connectionState != "connected":
        await asyncio.sleep(0.01)
    c0, t0 = time.process_time(), time.monotonic()
    await asyncio.sleep(duration_s)
    cpu, wall = time.process_time() - c0, time.monotonic() - t0
    await a.close()
    await b.close()
    for c in consumers:
        c.cancel()
    return cpu / wall


async def our_call(duration_s: float, timing: dict[str, Any]) -> float:
    """CPU-s per second of a CallCheck TestCall (from its first to its last snapshot)."""
    box: dict[str, float] = {}
    arrivals: list[float] = []
    start = time.monotonic()

    def on_snapshot(s: LiveSnapshot) -> None:
        now = time.monotonic()
        arrivals.append(now)
        if "c0" not in box:
            box["c0"], box["t0"] = time.process_time(), now
        if s.quality is not None and "first_mos_s" not in timing:
            timing["first_mos_s"] = now - start
        box["c1"], box["t1"] = time.process_time(), now

    await TestCall(CallConfig(duration_s=duration_s + 0.3, codec="opus"), on_snapshot).run()
    gaps_ms = [1000 * (b - a) for a, b in itertools.pairwise(arrivals)]
    timing["snapshot_gap_ms"] = gaps_ms
    return (box["c1"] - box["c0"]) / (box["t1"] - box["t0"])


def main() -> None:
    """Run the benchmarks and print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--soak", type=int, default=20)
    args = parser.parse_args()

    with EngineLoop() as loop:
        loop.run(bare_call(1.0))
        loop.run(our_call(1.0, {}))  # warm-up: imports, codec tables
        bare, ours, timings = [], [], []
        for _ in range(args.runs):
            bare.append(loop.run(bare_call(args.duration)))
            timing: dict[str, Any] = {}
            ours.append(loop.run(our_call(args.duration, timing)))
            timings.append(timing)
        ratio = sum(ours) / sum(bare)
        print(f"CPU bare aiortc call : {[round(x, 3) for x in bare]} CPU-s/s")
        print(f"CPU CallCheck call   : {[round(x, 3) for x in ours]} CPU-s/s")
        print(f"CPU ratio            : {ratio:.2f}  (target <= 1.4)")
        first = [t["first_mos_s"] for t in timings if "first_mos_s" in t]
        gaps = [g for t in timings for g in t["snapshot_gap_ms"]]
        print(f"first MOS after start: {[round(x, 2) for x in first]} s  (target <= 1.5 s)")
        print(
            f"snapshot interval    : median {statistics.median(gaps):.1f} ms, "
            f"max deviation from 250 ms {max(abs(g - 250) for g in gaps):.1f} ms  "
            "(target jitter <= 50 ms)"
        )

        rows = []
        for i in range(args.soak):
            loop.run(TestCall(CallConfig(duration_s=1.0)).run(), timeout_s=60)
            gc.collect()
            rows.append(
                (
                    i,
                    threading.active_count(),
                    len(os.listdir("/proc/self/fd")),
                    resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                )
            )
        first_row, last_row = rows[0], rows[-1]
        print(
            f"soak over {args.soak} calls: threads {first_row[1]} -> {last_row[1]}, "
            f"fds {first_row[2]} -> {last_row[2]}, max RSS {first_row[3]:.0f} -> "
            f"{last_row[3]:.0f} MB"
        )


if __name__ == "__main__":
    main()
