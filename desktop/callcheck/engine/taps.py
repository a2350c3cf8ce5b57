"""The one adapter from aiortc's wire units to CallCheck's (STYLE.md practice 2).

Everything that knows RTP sequence numbers as 16-bit counters, RTCP times as NTP fixed-point or
1/65536 s, or aiortc's ``RtpPacket`` lives here and comes out as milliseconds and
:class:`callcheck.core.packets.PacketRecord`. The hooks that feed these taps are installed by
:mod:`callcheck.engine.peer`.

Per-packet work is kept to a few attribute reads and one small object: a 20 s test sees ~2000
packets per direction and every microsecond counts against the CPU budget.
"""

from __future__ import annotations

import struct
from array import array
from collections import OrderedDict
from typing import Any, Final

from callcheck.core.packets import PacketRecord

#: RTP sequence numbers are 16-bit (RFC 3550 §5.1).
SEQ_MODULO: Final = 1 << 16
#: RTCP packet types (RFC 3550 §12.1).
RTCP_SR: Final = 200
RTCP_RR: Final = 201
#: DLSR is expressed in units of 1/65536 seconds (RFC 3550 §6.4.1).
DLSR_UNITS_PER_MS: Final = 65536 / 1000
#: How many of our own sender reports we remember, to match LSR echoes against.
SR_HISTORY: Final = 32

_REPORT_BLOCK = struct.Struct("!IIIIII")  # ssrc, lost, highest seq, jitter, LSR, DLSR
_REPORT_BLOCK_BYTES: Final = 24
_SENDER_INFO_BYTES: Final = 20


def is_rtcp(data: bytes) -> bool:
    """True for RTCP in an RTP/RTCP-multiplexed stream (RFC 5761 §4: PT 192–223)."""
    return len(data) >= 2 and 192 <= data[1] <= 223


def rtp_seq(data: bytes) -> int:
    """Sequence number of a serialized RTP packet (bytes 2–3 of the fixed header)."""
    return (data[2] << 8) | data[3]


class RtpSendTimes:
    """Send time of each outgoing RTP packet, by sequence number.

    Fed from the sender's transport hook with the plaintext packet; read by the receiving tap of the
    other peer in loopback (same process, same monotonic clock). A flat array of 65536 slots
    makes both sides O(1) with no allocation; a slot is reused after 65536 packets (≈ 22 min of
    20 ms frames), long after the packet it described has arrived or been lost.
    """

    __slots__ = ("_times_ms", "bytes_sent", "packets_sent")

    def __init__(self) -> None:
        self._times_ms = array("d", bytes(8 * SEQ_MODULO))  # all 0.0
        self.packets_sent = 0
        self.bytes_sent = 0

    def record(self, data: bytes, now_ms: float) -> None:
        """Note that the RTP packet ``data`` left at ``now_ms``."""
        self._times_ms[(data[2] << 8) | data[3]] = now_ms
        self.packets_sent += 1
        self.bytes_sent += len(data)

    def send_ms(self, seq: int) -> float | None:
        """When packet ``seq`` was sent, or ``None`` if unknown."""
        t = self._times_ms[seq]
        return t if t > 0 else None


def packet_record(
    packet: Any, arrival_ms: float, clock_rate_hz: int, send_ms: float | None
) -> PacketRecord:
    """Convert an aiortc ``RtpPacket`` that arrived at ``arrival_ms`` into a core record.

    ``size_bytes`` is the RTP payload size (what the codec produced), not the datagram size.
    """
    return PacketRecord(
        seq=packet.sequence_number,
        rtp_timestamp=packet.timestamp,
        clock_rate_hz=clock_rate_hz,
        arrival_ms=arrival_ms,
        size_bytes=len(packet.payload),
        send_ms=send_ms,
    )


class RtcpRoundTrip:
    """Raw round-trip time from every RTCP report block (RFC 3550 §6.4.1), in ms.

    aiortc smooths RTT (α = 0.85) and stamps its sender reports with the NTP time of the *last RTP
    packet* rather than the report's own send time. Here the sending hook records the monotonic
    time each SR actually left, keyed by its LSR value (middle 32 bits of its NTP timestamp); when
    a report block for our SSRC echoes that LSR, RTT = arrival − SR send time − DLSR. Nothing is
    smoothed: every block yields one sample.
    """

    __slots__ = ("_sent_ms", "local_ssrc", "samples_ms")

    def __init__(self) -> None:
        self._sent_ms: OrderedDict[int, float] = OrderedDict()
        self.local_ssrc: int | None = None
        self.samples_ms: list[tuple[float, float]] = []
        """(arrival time ms, RTT ms) of every sample, in order."""

    def on_sent(self, data: bytes, now_ms: float) -> None:
        """Hook for every outgoing plaintext RTCP compound packet."""
        # An SR leads the compound packet when we send one (RFC 3550 §6.1).
        if len(data) < 28 or data[1] != RTCP_SR:
            return
        self.local_ssrc = int.from_bytes(data[4:8], "big")
        lsr = int.from_bytes(data[10:14], "big")
        self._sent_ms[lsr] = now_ms
        while len(self._sent_ms) > SR_HISTORY:
            self._sent_ms.popitem(last=False)

    def on_received(self, data: bytes, now_ms: float) -> list[float]:
        """Hook for every incoming plaintext RTCP compound packet; returns new RTT samples."""
        found: list[float] = []
        if self.local_ssrc is None:
            return found
        offset = 0
        end = len(data)
        while offset + 8 <= end:
            count = data[offset] & 0x1F
            packet_type = data[offset + 1]
            length_bytes = (int.from_bytes(data[offset + 2 : offset + 4], "big") + 1) * 4
            if packet_type in (RTCP_SR, RTCP_RR):
                block = offset + 8 + (_SENDER_INFO_BYTES if packet_type == RTCP_SR else 0)
                for _ in range(count):
                    if block + _REPORT_BLOCK_BYTES > min(end, offset + length_bytes):
                        break
                    ssrc, _lost, _high, _jitter, lsr, dlsr = _REPORT_BLOCK.unpack_from(data, block)
                    block += _REPORT_BLOCK_BYTES
                    if ssrc != self.local_ssrc or lsr == 0:
                        continue
                    sent_ms = self._sent_ms.get(lsr)
                    if sent_ms is None:
                        continue
                    rtt_ms = now_ms - sent_ms - dlsr / DLSR_UNITS_PER_MS
                    if rtt_ms >= 0:
                        found.append(rtt_ms)
                        self.samples_ms.append((now_ms, rtt_ms))
            offset += length_bytes
        return found

    @property
    def latest_ms(self) -> float | None:
        """The most recent raw RTT, or ``None`` before the first report."""
        return self.samples_ms[-1][1] if self.samples_ms else None
