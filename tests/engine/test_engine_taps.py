"""The unit adapter: raw RTCP round trips and RTP send times, from real aiortc packet bytes."""

from __future__ import annotations

import pytest
from aiortc.rtp import (
    RtcpReceiverInfo,
    RtcpRrPacket,
    RtcpSdesPacket,
    RtcpSenderInfo,
    RtcpSourceInfo,
    RtcpSrPacket,
    RtpPacket,
)

from callcheck.engine.taps import RtcpRoundTrip, RtpSendTimes, is_rtcp

OUR_SSRC = 0x1234_5678
NTP = (3_900_000_000 << 32) | 0x8000_0000  # an NTP time; LSR = middle 32 bits
LSR = (NTP >> 16) & 0xFFFF_FFFF


def sender_report() -> bytes:
    sr = RtcpSrPacket(
        ssrc=OUR_SSRC,
        sender_info=RtcpSenderInfo(
            ntp_timestamp=NTP, rtp_timestamp=0, packet_count=10, octet_count=1000
        ),
    )
    sdes = RtcpSdesPacket(chunks=[RtcpSourceInfo(ssrc=OUR_SSRC, items=[(1, b"cname")])])
    return bytes(sr) + bytes(sdes)


def receiver_report(ssrc: int, lsr: int, dlsr_s: float) -> bytes:
    block = RtcpReceiverInfo(
        ssrc=ssrc,
        fraction_lost=0,
        packets_lost=0,
        highest_sequence=100,
        jitter=0,
        lsr=lsr,
        dlsr=int(dlsr_s * 65536),
    )
    return bytes(RtcpRrPacket(ssrc=0x9999, reports=[block]))


def test_rtt_is_arrival_minus_send_minus_dlsr() -> None:
    tap = RtcpRoundTrip()
    tap.on_sent(sender_report(), now_ms=1000.0)
    samples = tap.on_received(receiver_report(OUR_SSRC, LSR, dlsr_s=0.25), now_ms=1330.0)
    assert samples == [pytest.approx(80.0, abs=0.02)]
    assert tap.latest_ms == pytest.approx(80.0, abs=0.02)


@pytest.mark.parametrize(
    ("ssrc", "lsr"),
    [(0xAAAA, LSR), (OUR_SSRC, 0), (OUR_SSRC, LSR + 1)],
    ids=["other-stream", "no-sr-received-yet", "unknown-lsr"],
)
def test_report_blocks_that_do_not_echo_our_sr_give_no_rtt(ssrc: int, lsr: int) -> None:
    tap = RtcpRoundTrip()
    tap.on_sent(sender_report(), now_ms=1000.0)
    assert tap.on_received(receiver_report(ssrc, lsr, dlsr_s=0.1), now_ms=1200.0) == []


def test_every_report_counts_unsmoothed() -> None:
    tap = RtcpRoundTrip()
    tap.on_sent(sender_report(), now_ms=0.0)
    tap.on_received(receiver_report(OUR_SSRC, LSR, dlsr_s=0.5), now_ms=560.0)
    tap.on_received(receiver_report(OUR_SSRC, LSR, dlsr_s=1.0), now_ms=1100.0)
    assert [round(rtt, 1) for _, rtt in tap.samples_ms] == [60.0, 100.0]


def test_rtp_send_times_by_sequence_number() -> None:
    times = RtpSendTimes()
    packet = RtpPacket(payload_type=111, sequence_number=65535, timestamp=1)
    packet.payload = b"x" * 40
    data = packet.serialize()
    assert not is_rtcp(data)
    assert is_rtcp(sender_report())
    times.record(data, now_ms=12.5)
    assert times.send_ms(65535) == 12.5
    assert times.send_ms(0) is None
    assert times.packets_sent == 1
