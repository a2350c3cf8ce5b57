"""Live-view benchmark (issue 17): snapshot-to-browser latency, and what 50 viewers cost calls.

Run: ``.venv/bin/python tests/benchmarks/bench_live_view.py --seconds 20``

1. **Latency**: the app's publisher (:class:`callcheck.engine.live_share.LiveShare`) sends a
   snapshot every 250 ms (the engine's rate) to a `callcheck serve` process; headless Chromium
   shows ``/live/<code>``. Each snapshot carries the app's send time (Unix ms); a listener
   added after the page's own handler (so after the page redrew) records ``Date.now() −
   sent_at_ms``. Same machine, same clock. Target: p95 ≤ 300 ms on loopback.
2. **Load**: 20 reflected Opus calls (``reflector_load.py``'s client) run twice against the
   same server — alone, then while 50 viewers follow one shared test published at the same
   rate (publisher and viewers in their own process, so their CPU does not slow the call
   client). Reported: each run's per-packet round trip p50/p95 and the median difference of
   the p95s over alternating pairs (target < 5 ms), the server's CPU and its own reflect delay
   (``/metrics``), and snapshots the viewers received. The client-side round trip includes the
   load client's own scheduling: on a machine shared with other work, read it beside the
   server's figures and the load average printed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "server"))

from reflector_load import level  # noqa: E402

from callcheck.engine.live_share import LiveShare  # noqa: E402
from callcheck.engine.snapshots import DirectionSnapshot, LiveSnapshot  # noqa: E402

SERVER_CODE = """
import sys
from callcheck.server.app import run_server
from callcheck.server.config import ServerConfig
import logging
logging.basicConfig(level=logging.WARNING)
raise SystemExit(run_server(ServerConfig(host="127.0.0.1", port=0, max_calls=200,
    requests_per_minute=10000, live_lookups_per_minute=10000, ice_host_addresses=("127.0.0.2",),
    database=sys.argv[1])))
"""
SNAPSHOT_S = 0.25


def snapshot(elapsed_s: float, duration_s: float) -> LiveSnapshot:
    """A snapshot shaped like the engine's (the packet-statistics objects are not shared)."""
    none: Any = None

    def direction(name: Any) -> DirectionSnapshot:
        return DirectionSnapshot(
            direction=name, rtt_ms=42.0 + elapsed_s % 5, rtt_rtcp_ms=None, jitter_ms=2.5,
            loss_interval_pct=0.4, loss_total_pct=0.3, burst_ratio=1.0, playout_delay_ms=40.0,
            late_discard_pct=0.0, concealed_pct=0.0, interval=none, totals=none, playout=none,
            quality=None,
        )  # fmt: skip

    return LiveSnapshot(elapsed_s, duration_s, direction("uplink"), direction("downlink"), None)


async def publish_for(share: LiveShare, seconds: float) -> int:
    share.start_run("server", seconds)
    start = time.monotonic()
    n = 0
    while (elapsed := time.monotonic() - start) < seconds:
        share.publish_snapshot(snapshot(elapsed, seconds))
        n += 1
        await asyncio.sleep(start + n * SNAPSHOT_S - time.monotonic())
    return n


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


# ------------------------------------------------------------------------------ 1. latency


async def latency(url: str, seconds: float) -> dict[str, float]:
    from chromium_cdp import CHROMIUM, chromium_page

    if CHROMIUM is None:
        raise SystemExit("headless Chromium is needed (apt-get install chromium)")
    share = LiveShare(url)
    info = await share.start()
    with tempfile.TemporaryDirectory() as profile:
        async with chromium_page(Path(profile), info.url) as page:
            async with asyncio.timeout(30):
                while not await page.evaluate(
                    "document.getElementById('sharing')?.textContent === 'Sharing live'"
                ):
                    await asyncio.sleep(0.1)
            await page.evaluate(
                "window.__lat = []; source.addEventListener('snapshot', (e) => {"
                " const m = JSON.parse(e.data);"
                " window.__lat.push(Date.now() - m.snapshot.sent_at_ms); })"
            )
            sent = await publish_for(share, seconds)
            await asyncio.sleep(1.0)
            samples = [float(v) for v in await page.evaluate("window.__lat")]
    await share.close()
    return {
        "snapshots_sent": sent,
        "snapshots_shown": len(samples),
        "latency_p50_ms": statistics.median(samples),
        "latency_p95_ms": pct(samples, 0.95),
        "latency_max_ms": max(samples),
    }


# ------------------------------------------------------------------------------ 2. load

VIEWERS_CHILD = "--viewers-child"


async def viewers_child(url: str, viewers: int, seconds: float) -> None:
    """Publisher + ``viewers`` SSE readers; prints the snapshots they received as JSON."""
    share = LiveShare(url)
    info = await share.start()
    counts = [0] * viewers

    async def viewer(i: int, http: aiohttp.ClientSession) -> None:
        async with http.get(f"{url}/live/{info.code}/events") as response:
            while line := await response.content.readline():
                if line.startswith(b"event: snapshot"):
                    counts[i] += 1

    async with aiohttp.ClientSession() as http:
        tasks = [asyncio.create_task(viewer(i, http)) for i in range(viewers)]
        await asyncio.sleep(1.0)  # every viewer connected
        print("ready", flush=True)
        sent = await publish_for(share, seconds)
        await asyncio.sleep(0.5)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    await share.close()
    print(json.dumps({"sent": sent, "received_min": min(counts), "received_sum": sum(counts)}))


#: Call set-up before the measured window (reflector_load.py's default ``--settle``); one load
#: client process, as this benchmark always ran.
SETTLE_S = 4.0


async def watched_level(
    url: str, pid: int, calls: int, viewers: int, seconds: float
) -> tuple[dict[str, float], dict[str, Any]]:
    child = subprocess.Popen(
        [sys.executable, __file__, VIEWERS_CHILD, url, str(viewers), str(seconds + 8)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    watched = await asyncio.to_thread(level, url, pid, calls, seconds, SETTLE_S, 1)
    viewers_out = json.loads(child.stdout.readline())
    child.wait(30)
    child.stdout.close()
    return watched, viewers_out


def _line(calls: int, name: str, result: dict[str, float]) -> str:
    return (
        f"  {calls} calls, {name}: rtt p50 {result['rtt_p50_ms']:.2f} ms, "
        f"p95 {result['rtt_p95_ms']:.2f} ms, server CPU {result['server_cpu_pct']:.1f} %, "
        f"server reflect ≤1 ms {result['server_reflect_within_1ms_pct']:.1f} % "
        f"≤2 ms {result['server_reflect_within_2ms_pct']:.1f} %, "
        f"client CPU {result['client_cpu_pct']:.1f} %, "
        f"reflected {result['reflected']:.0f}, dropped {result['drops']:.0f}"
    )


async def load(url: str, pid: int, calls: int, viewers: int, seconds: float, repeats: int) -> None:
    """Alternate runs (alone, watched, alone, …) so a neighbour's load hits both alike."""
    alone_p95: list[float] = []
    watched_p95: list[float] = []
    for _ in range(repeats):
        alone = await asyncio.to_thread(level, url, pid, calls, seconds, SETTLE_S, 1)
        print(_line(calls, "alone", alone), flush=True)
        watched, viewers_out = await watched_level(url, pid, calls, viewers, seconds)
        print(_line(calls, f"{viewers} viewers", watched), flush=True)
        print(
            f"    viewers: {viewers_out['sent']} snapshots published, every viewer got at least "
            f"{viewers_out['received_min']} ({viewers_out['received_sum']} deliveries)"
        )
        alone_p95.append(alone["rtt_p95_ms"])
        watched_p95.append(watched["rtt_p95_ms"])
    pairs = [w - a for a, w in zip(alone_p95, watched_p95, strict=True)]
    print(
        f"  added RTT p95: median of {repeats} alternating pairs {statistics.median(pairs):+.2f} ms"
        f" (target < 5); per pair {', '.join(f'{d:+.2f}' for d in pairs)} ms; "
        f"alone {', '.join(f'{v:.2f}' for v in alone_p95)} ms, "
        f"watched {', '.join(f'{v:.2f}' for v in watched_p95)} ms; "
        f"machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )


async def main_async(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        process = subprocess.Popen(
            [sys.executable, "-c", SERVER_CODE, os.path.join(tmp, "store.sqlite3")],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert process.stdout is not None
            match = re.search(r"(http://\S+)", process.stdout.readline())
            assert match
            url = match.group(1)
            result = await latency(url, args.seconds)
            print(
                f"snapshot → browser over {result['snapshots_sent']} snapshots "
                f"({result['snapshots_shown']} shown): p50 {result['latency_p50_ms']:.1f} ms, "
                f"p95 {result['latency_p95_ms']:.1f} ms, max {result['latency_max_ms']:.1f} ms "
                "(target p95 ≤ 300)"
            )
            print(f"load: {args.calls} reflected calls, {args.seconds:g} s each run")
            await load(url, process.pid, args.calls, args.viewers, args.seconds, args.repeats)
        finally:
            process.terminate()
            process.wait(10)
            if process.stdout is not None:
                process.stdout.close()


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == VIEWERS_CHILD:
        asyncio.run(viewers_child(sys.argv[2], int(sys.argv[3]), float(sys.argv[4])))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--viewers", type=int, default=50)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if shutil.which("chromium") is None:
        print("note: chromium not found; the latency part needs it", file=sys.stderr)
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
