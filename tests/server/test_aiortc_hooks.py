"""The aiortc/aioice internals the reflector relies on. If aiortc is upgraded and these fail,
the reflector's hooks (callcheck.server.reflector, callcheck.server.ice) must be revisited."""

from __future__ import annotations

import asyncio
import fractions
import inspect

import aioice.ice
import av
from aiortc import RTCPeerConnection, RTCRtpSender
from aiortc.codecs import get_encoder
from aiortc.rtcrtpparameters import RTCRtpCodecParameters

from callcheck.server.ice import host_addresses, rtc_configuration
from callcheck.server.reflector import (
    AIORTC_TESTED,
    ReflectedAudioTrack,
    aiortc_version,
    check_aiortc_internals,
)


def test_aiortc_is_a_tested_version() -> None:
    assert aiortc_version().rsplit(".", 1)[0] in AIORTC_TESTED


def test_receiver_internals_are_where_the_hooks_expect() -> None:
    async def scenario() -> None:
        pc = RTCPeerConnection(rtc_configuration(()))
        transceiver = pc.addTransceiver("audio", direction="sendrecv")
        check_aiortc_internals(transceiver.receiver)  # raises AiortcHookError otherwise
        await pc.close()

    asyncio.run(scenario())


def test_sender_packs_pre_encoded_packets_without_encoding() -> None:
    """The encoded-reflection path: RTCRtpSender hands av.Packet to encoder.pack()."""
    source = inspect.getsource(RTCRtpSender._next_encoded_frame)
    assert "isinstance(data, Frame)" in source
    assert ".pack(data)" in source
    codec = RTCRtpCodecParameters(mimeType="audio/opus", clockRate=48000, channels=2)
    packet = av.Packet(b"\x01\x02\x03")
    packet.pts = 960
    packet.time_base = fractions.Fraction(1, 48000)
    payloads, timestamp = get_encoder(codec).pack(packet)
    assert payloads == [b"\x01\x02\x03"]
    assert timestamp == 960


def test_reflected_track_keeps_rtp_timing_across_timestamp_wrap() -> None:
    async def scenario() -> list[int]:
        track = ReflectedAudioTrack(48000)
        track.push(b"a", 0xFFFFFC40, 0.0)  # 960 before the wrap
        track.push(b"b", 0x00000000, 20.0)
        track.push(b"c", 0x000003C0, 40.0)
        return [int((await track.recv()).pts or 0) for _ in range(3)]

    assert asyncio.run(scenario()) == [0, 960, 1920]


def test_aioice_host_addresses_hook() -> None:
    params = list(inspect.signature(aioice.ice.get_host_addresses).parameters)
    assert params == ["use_ipv4", "use_ipv6"]
    with host_addresses(("127.0.0.2", "::1")):
        assert aioice.ice.get_host_addresses(use_ipv4=True, use_ipv6=False) == ["127.0.0.2"]
    assert "127.0.0.1" not in aioice.ice.get_host_addresses(use_ipv4=True, use_ipv6=False)


def test_no_public_stun_default() -> None:
    assert rtc_configuration(()).iceServers == []
