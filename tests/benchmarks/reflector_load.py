"""Reflector load benchmark: N concurrent reflected calls against a `run_server` process.

Run: ``.venv/bin/python tests/benchmarks/reflector_load.py --calls 10 20 30 --seconds 10``

The clients send *pre-encoded* 20 ms packets (a unique 80-byte payload each, no encoder), so the
client process stays light and the figures are the server's. Reported per load level:

* the server's own reflect delay (receive hook → sender) from ``/metrics`` — what the reflector
  adds apart from SRTP and the socket;
* the round trip each client measures per packet (send → same payload back), p50/p95, minus
  the same figure at 1 call: the added round trip under load (includes client-side queuing);
* packets the server received vs. reflected, and the server process's CPU use.
"""

from __future__ import annotations

import argparse
import asyncio
import fractions
import os
import random
import re
import statistics
import subprocess
import sys
import time
from typing import Any

import aiohttp
import av
from aiortc import (
    MediaStreamTrack,
    RTCConfiguration,
    RTCPeerConnection,
    RTCRtpSender,
    RTCSessionDescription,
)

from callcheck.server.ice import host_addresses

SERVER_CODE = """
from callcheck.server.app import run_server
from callcheck.server.config import ServerConfig
import logging
logging.basicConfig(level=logging.WARNING)
raise SystemExit(run_server(ServerConfig(host="127.0.0.1", port=0, max_calls=200,
    requests_per_minute=10000, ice_host_addresses=("127.0.0.2",))))
"""


class PacketTrack(MediaStreamTrack):
    """Pre-encoded 20 ms 'Opus' packets with unique payloads, on a deadline clock."""

    kind = "audio"

    def __init__(self, sent: dict[bytes, float], tag: int) -> None:
        super().__init__()
        self._sent = sent
        self._tag = tag
        self._n = 0
        self._start: float | None = None
        self._time_base = fractions.Fraction(1, 48000)

    async def recv(self) -> av.Packet[Any]:
        if self._start is None:
            # Real clients are not phase-locked: start each one at a random point of a frame.
            self._start = time.monotonic() + random.uniform(0.0, 0.02)
        wait = self._start + self._n * 0.02 - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        payload = self._tag.to_bytes(4, "big") + self._n.to_bytes(4, "big") + bytes(72)
        packet = av.Packet(payload)
        packet.pts = self._n * 960
        packet.time_base = self._time_base
        self._n += 1
        self._sent[payload] = time.monotonic()
        return packet


async def one_call(
    http: aiohttp.ClientSession, url: str, tag: int, seconds: float, rtts: list[float]
) -> None:
    sent: dict[bytes, float] = {}
    pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    transceiver = pc.addTransceiver(PacketTrack(sent, tag), direction="sendrecv")
    transceiver.setCodecPreferences(
        [c for c in RTCRtpSender.getCapabilities("audio").codecs if c.mimeType == "audio/opus"]
    )
    receiver = transceiver.receiver
    handle = receiver._handle_rtp_packet

    async def tapped(packet: Any, arrival_time_ms: int) -> None:
        t = sent.pop(packet.payload, None)
        if t is not None:
            rtts.append((time.monotonic() - t) * 1000.0)

    receiver._handle_rtp_packet = tapped
    _ = handle
    with host_addresses(("127.0.0.1",)):
        await pc.setLocalDescription(await pc.createOffer())
    async with http.post(
        f"{url}/whip",
        data=pc.localDescription.sdp,
        headers={"Content-Type": "application/sdp"},
    ) as response:
        answer = await response.text()
        location = response.headers["Location"]
    await pc.setRemoteDescription(RTCSessionDescription(answer, "answer"))
    await asyncio.sleep(seconds)
    async with http.delete(f"{url}{location}"):
        pass
    await pc.close()


def _metric(text: str, pattern: str) -> float:
    match = re.search(pattern + r" ([0-9.e+-]+)", text)
    return float(match.group(1)) if match else 0.0


def _cpu_s(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def level(url: str, pid: int, calls: int, seconds: float) -> dict[str, float]:
    rtts: list[float] = []
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{url}/metrics") as r:
            before = await r.text()
        cpu0 = _cpu_s(pid)
        await asyncio.gather(*(one_call(http, url, i, seconds, rtts) for i in range(calls)))
        cpu1 = _cpu_s(pid)
        async with http.get(f"{url}/metrics") as r:
            after = await r.text()
    skip = int(len(rtts) * 0.1)  # drop call set-up
    rtts = sorted(rtts[skip:])
    count = _metric(after, "callcheck_reflect_delay_seconds_count") - _metric(
        before, "callcheck_reflect_delay_seconds_count"
    )
    within_1ms = _metric(after, r'callcheck_reflect_delay_seconds_bucket\{le="0.001"\}') - _metric(
        before, r'callcheck_reflect_delay_seconds_bucket\{le="0.001"\}'
    )
    within_2ms = _metric(after, r'callcheck_reflect_delay_seconds_bucket\{le="0.002"\}') - _metric(
        before, r'callcheck_reflect_delay_seconds_bucket\{le="0.002"\}'
    )
    received = _metric(after, "callcheck_received_packets_total") - _metric(
        before, "callcheck_received_packets_total"
    )
    dropped = _metric(after, "callcheck_reflect_dropped_total") - _metric(
        before, "callcheck_reflect_dropped_total"
    )
    return {
        "calls": calls,
        "rtt_p50_ms": statistics.median(rtts) if rtts else float("nan"),
        "rtt_p95_ms": rtts[int(len(rtts) * 0.95)] if rtts else float("nan"),
        "server_reflect_within_1ms_pct": 100.0 * within_1ms / count if count else 0.0,
        "server_reflect_within_2ms_pct": 100.0 * within_2ms / count if count else 0.0,
        "server_received": received,
        "server_reflected": count,
        "server_dropped": dropped,
        "server_cpu_pct": 100.0 * (cpu1 - cpu0) / seconds,
    }


async def main_async(levels: list[int], seconds: float) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", SERVER_CODE], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        url = re.search(r"(http://\S+)", process.stdout.readline()).group(1)  # type: ignore[union-attr]
        for calls in levels:
            result = await level(url, process.pid, calls, seconds)
            fields = (f"{k}={v:.2f}" for k, v in result.items())
            print(" ".join(fields), flush=True)
    finally:
        process.terminate()
        process.wait(10)
        if process.stdout is not None:
            process.stdout.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, nargs="+", default=[1, 10, 25, 50])
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    asyncio.run(main_async(args.calls, args.seconds))


if __name__ == "__main__":
    main()
