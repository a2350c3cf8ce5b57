"""The aiortc/aioice internals the reflector relies on. If aiortc is upgraded and these fail,
the reflector's hooks (callcheck.server.reflector, callcheck.server.ice) must be revisited."""

from __future__ import annotations

import asyncio
import inspect

import aioice.ice
from aiortc import RTCPeerConnection, RTCRtpSender
from aiortc.clock import current_ntp_time

from callcheck.server.ice import host_addresses, rtc_configuration
from callcheck.server.reflector import (
    AIORTC_TESTED,
    ReturnStream,
    _ntp_now,
    aiortc_version,
    check_aiortc_internals,
)


def test_aiortc_is_a_tested_version() -> None:
    assert aiortc_version().rsplit(".", 1)[0] in AIORTC_TESTED


def test_receiver_internals_are_where_the_hooks_expect() -> None:
    async def scenario() -> None:
        pc = RTCPeerConnection(rtc_configuration(()))
        transceiver = pc.addTransceiver("audio", direction="sendrecv")
        # raises AiortcHookError otherwise
        check_aiortc_internals(transceiver.receiver, transceiver.sender)
        await pc.close()

    asyncio.run(scenario())


def test_sender_internals_the_return_stream_keeps_are_there() -> None:
    """The transport-level return stream keeps the counters aiortc's own send loop keeps."""
    source = inspect.getsource(RTCRtpSender._run_rtp)
    for counter in ("__ntp_timestamp", "__rtp_timestamp", "__octet_count", "__packet_count"):
        assert f"self.{counter}" in source
    assert "packet.extensions.mid = self.__mid" in source


def test_ntp_now_is_aiortcs_ntp_clock() -> None:
    before, ours, after = current_ntp_time(), _ntp_now(), current_ntp_time()
    slack = 1 << 22  # 1 ms in NTP units: time.time and datetime round differently
    assert before - slack <= ours <= after + slack


def test_return_stream_keeps_rtp_timing_across_timestamp_wrap() -> None:
    stream = ReturnStream()
    headers = [stream.next_header(ts) for ts in (0xFFFFFC40, 0x00000000, 0x000003C0)]
    (seq0, ts0), (seq1, ts1), (seq2, ts2) = headers
    assert [(ts1 - ts0) & 0xFFFFFFFF, (ts2 - ts0) & 0xFFFFFFFF] == [960, 1920]
    assert [(seq1 - seq0) & 0xFFFF, (seq2 - seq0) & 0xFFFF] == [1, 2]


def test_return_stream_without_a_transport_counts_a_drop() -> None:
    drops: list[int] = []
    stream = ReturnStream(on_drop=lambda: drops.append(1))
    asyncio.run(stream.reflect(b"x", 0, 0.0))
    assert stream.dropped == 1
    assert drops == [1]


def test_aioice_host_addresses_hook() -> None:
    params = list(inspect.signature(aioice.ice.get_host_addresses).parameters)
    assert params == ["use_ipv4", "use_ipv6"]
    with host_addresses(("127.0.0.2", "::1")):
        assert aioice.ice.get_host_addresses(use_ipv4=True, use_ipv6=False) == ["127.0.0.2"]
    assert "127.0.0.1" not in aioice.ice.get_host_addresses(use_ipv4=True, use_ipv6=False)


def test_no_public_stun_default() -> None:
    assert rtc_configuration(()).iceServers == []
