"""Helpers for the server tests: a real server on 127.0.0.1 and a real aiortc WHIP client.

Tests are synchronous functions that run one ``asyncio.run`` scenario each (no pytest-asyncio):
the server and the client share that loop. ICE on both sides gathers on 127.0.0.1 through
:func:`callcheck.server.ice.host_addresses` (aioice skips 127.0.0.1 on its own).
"""

from __future__ import annotations

import asyncio
import contextlib
import fractions
import json
import math
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field, replace
from typing import Any

import aiohttp
import numpy as np
from aiortc import (
    MediaStreamTrack,
    RTCConfiguration,
    RTCPeerConnection,
    RTCRtpSender,
    RTCSessionDescription,
)
from aiortc.rtp import RtpPacket
from av import AudioFrame

from callcheck.server.app import start_server
from callcheck.server.config import ServerConfig
from callcheck.server.ice import host_addresses

LOOPBACK = "127.0.0.1"
FRAME_S = 0.020


def server_config(**changes: Any) -> ServerConfig:
    """A server on 127.0.0.1, any free port, ICE on loopback, short timeouts."""
    base = ServerConfig(
        host=LOOPBACK,
        port=0,
        ice_host_addresses=(LOOPBACK,),
        ice_connect_timeout_s=10.0,
        media_timeout_s=5.0,
        request_timeout_s=5.0,
    )
    return replace(base, **changes)


@contextlib.asynccontextmanager
async def running(config: ServerConfig) -> AsyncIterator[str]:
    """Run a server for the block; yields its base URL."""
    server = await start_server(config)
    try:
        yield server.url
    finally:
        await server.stop()


class ToneTrack(MediaStreamTrack):
    """A 440 Hz tone in 20 ms frames at 48 kHz on a deadline clock (real, varying payloads)."""

    kind = "audio"

    def __init__(self, sample_rate_hz: int = 48_000) -> None:
        super().__init__()
        self._rate = sample_rate_hz
        self._n = int(sample_rate_hz * FRAME_S)
        self._frames = 0
        self._start: float | None = None

    async def recv(self) -> AudioFrame:
        if self._start is None:
            self._start = time.monotonic()
        wait = self._start + self._frames * FRAME_S - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        t = (np.arange(self._n) + self._frames * self._n) / self._rate
        samples = (8000 * np.sin(2 * math.pi * 440 * t)).astype(np.int16).reshape(1, -1)
        frame = AudioFrame.from_ndarray(samples, format="s16", layout="mono")
        frame.sample_rate = self._rate
        frame.pts = self._frames * self._n
        frame.time_base = fractions.Fraction(1, self._rate)
        self._frames += 1
        return frame


@dataclass
class WhipClient:
    """A real aiortc WHIP client with taps on what it sends and receives."""

    codec: str = "audio/opus"
    data_channel: bool = True
    channel_label: str = "callcheck"
    pc: RTCPeerConnection = field(init=False)
    sent_payloads: set[bytes] = field(default_factory=set)
    received: list[tuple[float, RtpPacket]] = field(default_factory=list)
    messages: list[Any] = field(default_factory=list)
    location: str | None = None
    response_headers: dict[str, str] = field(default_factory=dict)
    channel: Any = None

    def __post_init__(self) -> None:
        self.pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
        self._got_packets = asyncio.Event()
        self._target = 0

    def offer_media(self) -> None:
        transceiver = self.pc.addTransceiver(ToneTrack(), direction="sendrecv")
        chosen = [
            c
            for c in RTCRtpSender.getCapabilities("audio").codecs
            if c.mimeType.lower() == self.codec.lower()
        ]
        transceiver.setCodecPreferences(chosen)
        if self.data_channel:
            self.channel = self.pc.createDataChannel(
                self.channel_label, ordered=False, maxRetransmits=0
            )
            self.channel.on("message", self.messages.append)
        receiver = transceiver.receiver
        dtls = receiver.transport
        handle = receiver._handle_rtp_packet
        send = dtls._send_rtp

        async def tapped_handle(packet: Any, arrival_time_ms: int) -> None:
            self.received.append((time.monotonic(), packet))
            if len(self.received) >= self._target:
                self._got_packets.set()
            await handle(packet, arrival_time_ms)

        async def tapped_send(data: bytes) -> None:
            if len(data) > 1 and not 192 <= data[1] <= 223:  # RTP, not RTCP
                self.sent_payloads.add(RtpPacket.parse(data).payload)
            await send(data)

        receiver._handle_rtp_packet = tapped_handle
        dtls._send_rtp = tapped_send

    async def offer(self) -> str:
        self.offer_media()
        with host_addresses((LOOPBACK,)):
            await self.pc.setLocalDescription(await self.pc.createOffer())
        return self.pc.localDescription.sdp

    async def call(
        self, http: aiohttp.ClientSession, base_url: str, token: str | None = None
    ) -> aiohttp.ClientResponse:
        """POST the offer; on 201 apply the answer. Returns the response (body read)."""
        sdp = await self.offer()
        headers = {"Content-Type": "application/sdp"}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        response = await http.post(f"{base_url}/whip", data=sdp, headers=headers)
        body = await response.text()
        self.response_headers = dict(response.headers)
        if response.status == 201:
            self.location = response.headers["Location"]
            await self.pc.setRemoteDescription(RTCSessionDescription(body, "answer"))
        return response

    async def wait_packets(self, count: int, timeout_s: float = 10.0) -> None:
        self._target = count
        if len(self.received) < count:
            self._got_packets.clear()
            await asyncio.wait_for(self._got_packets.wait(), timeout_s)

    async def wait_message(self, kind: str, timeout_s: float = 5.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            for m in self.messages:
                if isinstance(m, str):
                    data = json.loads(m)
                    if data.get("type") == kind:
                        return dict(data)
            await asyncio.sleep(0.02)
        raise TimeoutError(f"no {kind!r} message within {timeout_s} s: {self.messages[-3:]}")

    async def hang_up(self, http: aiohttp.ClientSession, base_url: str, **kw: Any) -> int:
        status = 0
        if self.location is not None:
            async with http.delete(f"{base_url}{self.location}", **kw) as response:
                status = response.status
        await self.pc.close()
        return status


async def metrics_value(http: aiohttp.ClientSession, base_url: str, name: str) -> float:
    """One unlabelled sample from /metrics."""
    async with http.get(f"{base_url}/metrics") as response:
        text = await response.text()
    for line in text.splitlines():
        if line.startswith(f"{name} "):
            return float(line.split()[1])
    raise KeyError(name)


async def wait_until_idle(http: aiohttp.ClientSession, base_url: str, timeout_s: float) -> float:
    """Poll until no call is active; returns the last callcheck_active_calls value."""
    deadline = time.monotonic() + timeout_s
    value = await metrics_value(http, base_url, "callcheck_active_calls")
    while value and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
        value = await metrics_value(http, base_url, "callcheck_active_calls")
    return value
