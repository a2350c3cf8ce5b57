"""The capacity/QoS probe's datagram format, shared by the client and the reflector.

One UDP datagram is ASCII fields separated by ``|``, then padding::

    TOKEN|SEQ|SEND_MS|FLAGS|PAD

``TOKEN`` is the probe session's secret (from ``POST /probe``), ``SEQ`` a non-negative integer,
``SEND_MS`` the sender's monotonic clock in ms (echoed back unchanged, so only the sender's clock
matters), ``FLAGS`` a bit set (:data:`FLAG_ECHO` …). ``PAD`` is anything (it only makes the
datagram the size the rate needs). An echo reply carries ``tos=N`` (the TOS byte the reflector
saw) as its padding when it fits, and is never longer than the request (no amplification).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final

#: Client → reflector: "send this back" (an RTT ping).
FLAG_ECHO: Final = 1
#: Client → reflector: uplink load (counted, not answered).
FLAG_UPLINK: Final = 2
#: Reflector → client: downlink load.
FLAG_DOWNLINK: Final = 4
#: Reflector → client: the answer to a :data:`FLAG_ECHO` ping.
FLAG_REPLY: Final = 8

#: Longest token accepted in a datagram.
MAX_TOKEN_BYTES: Final = 64
#: Bytes of an IPv4 / IPv6 + UDP header (what a datagram costs on the link beyond its payload).
IPV4_UDP_OVERHEAD: Final = 28
IPV6_UDP_OVERHEAD: Final = 48
#: Largest datagram either side sends or reads (fits a 1500-byte MTU with IPv6 headers).
MAX_DATAGRAM_BYTES: Final = 1400
#: Smallest datagram padding target (a header alone is about 30 bytes).
MIN_DATAGRAM_BYTES: Final = 40


@dataclass(frozen=True, slots=True)
class Datagram:
    """One parsed probe datagram."""

    token: bytes
    seq: int
    send_ms: float
    flags: int
    tail: bytes = b""


def header(token: bytes, seq: int, send_ms: float, flags: int) -> bytes:
    """``TOKEN|SEQ|SEND_MS|FLAGS|``."""
    return b"%s|%d|%.3f|%d|" % (token, seq, send_ms, flags)


def encode(token: bytes, seq: int, send_ms: float, flags: int, size: int = 0) -> bytes:
    """A datagram padded to ``size`` bytes (never shorter than its header)."""
    head = header(token, seq, send_ms, flags)
    size = min(size, MAX_DATAGRAM_BYTES)
    return head + b"x" * (size - len(head)) if size > len(head) else head


def parse(data: bytes) -> Datagram | None:
    """The datagram's fields, or ``None`` for anything that is not a well-formed probe datagram."""
    if len(data) > MAX_DATAGRAM_BYTES * 2:
        return None
    parts = data.split(b"|", 4)
    if len(parts) < 4:
        return None
    token, seq_text, send_text, flags_text = parts[:4]
    if not 0 < len(token) <= MAX_TOKEN_BYTES:
        return None
    if not (seq_text.isdigit() and len(seq_text) <= 10 and flags_text.isdigit()):
        return None
    if len(flags_text) > 3 or len(send_text) > 24:
        return None
    try:
        send_ms = float(send_text)
    except ValueError:
        return None
    if not math.isfinite(send_ms):
        return None
    flags = int(flags_text)
    if flags > 0xFF:
        return None
    return Datagram(token, int(seq_text), send_ms, flags, parts[4] if len(parts) == 5 else b"")


def reply_to(request: bytes, parsed: Datagram, tos: int | None) -> bytes:
    """The echo reply to a ping: its header with :data:`FLAG_REPLY`, and ``tos=N`` if it fits."""
    head = header(parsed.token, parsed.seq, parsed.send_ms, FLAG_REPLY)
    extra = b"" if tos is None else b"tos=%d" % tos
    out = head + extra
    if len(out) > len(request):
        out = head
    return out if len(out) <= len(request) else head[: len(request)]


def reported_tos(tail: bytes) -> int | None:
    """The ``tos=N`` of an echo reply's padding, if there."""
    if tail.startswith(b"tos="):
        value = tail[4:7]
        if value.isdigit() and int(value) <= 0xFF:
            return int(value)
    return None
