"""Voice QoS markings: DSCP EF on the test's packets, and what the far end saw arrive.

Voice is marked Expedited Forwarding, DSCP 46 (RFC 3246; RFC 4594 §4.1 "Telephony"). The DSCP
is the top six bits of the IPv4 TOS byte / IPv6 Traffic Class, so EF is TOS 0xB8 (the low two
bits are ECN, RFC 3168). The client marks its sockets (:mod:`callcheck.engine.qos`); the
reflector reads the TOS of what arrives and reports it; :func:`assess_qos` says whether the
network kept the marking.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

#: Expedited Forwarding (RFC 3246), the voice class of RFC 4594.
DSCP_EF: Final = 46
#: The TOS / Traffic Class byte carrying DSCP EF with ECN bits 0.
TOS_EF: Final = DSCP_EF << 2  # 0xB8


def dscp_from_tos(tos: int) -> int:
    """The DSCP (six bits) of a TOS / Traffic Class byte."""
    if not 0 <= tos <= 0xFF:
        raise ValueError(f"TOS must be a byte, got {tos!r}")
    return tos >> 2


class QosVerdict(StrEnum):
    """What happened to the voice marking on the way."""

    PRESERVED = "preserved"
    """EF arrived as sent."""
    STRIPPED = "stripped"
    """Arrived as best effort (DSCP 0): a device on the path clears the marking."""
    REMARKED = "remarked"
    """Arrived with another non-zero DSCP: a device on the path rewrites it."""
    NOT_MARKED = "not_marked"
    """The client could not mark its packets (the OS refused), so nothing can be said."""
    UNKNOWN = "unknown"
    """The far end did not report what arrived (e.g. a reflector without QoS support)."""


@dataclass(frozen=True, slots=True)
class QosResult:
    """The QoS check of one test."""

    dscp_sent: int | None
    """The DSCP the client set on its media sockets; None if marking failed."""
    dscp_received_uplink: int | None = None
    """What the reflector saw arrive on the client's packets (most common value)."""
    dscp_received_downlink: int | None = None
    """What the client saw arrive on the reflector's packets, if the reflector marks them."""
    sockets_marked: int = 0
    """Media sockets the marking was applied to."""
    error: str | None = None
    """Why marking failed, for the report."""

    @property
    def verdict(self) -> QosVerdict:
        """The uplink verdict (the direction the client controls)."""
        return assess_qos(self.dscp_sent, self.dscp_received_uplink)

    def to_json(self) -> dict[str, Any]:
        """JSON object for the report's ``qos`` section (an optional field)."""
        return {
            "dscp_sent": self.dscp_sent,
            "dscp_received_uplink": self.dscp_received_uplink,
            "dscp_received_downlink": self.dscp_received_downlink,
            "sockets_marked": self.sockets_marked,
            "verdict": str(self.verdict),
            "error": self.error,
        }


def assess_qos(dscp_sent: int | None, dscp_received: int | None) -> QosVerdict:
    """Compare the DSCP sent with the DSCP that arrived."""
    if dscp_sent is None:
        return QosVerdict.NOT_MARKED
    if dscp_received is None:
        return QosVerdict.UNKNOWN
    if dscp_received == dscp_sent:
        return QosVerdict.PRESERVED
    if dscp_received == 0:
        return QosVerdict.STRIPPED
    return QosVerdict.REMARKED


def dominant_dscp(tos_values: list[int] | tuple[int, ...]) -> int | None:
    """The most common DSCP among the TOS bytes of received packets (None if none)."""
    counts: dict[int, int] = {}
    for tos in tos_values:
        d = dscp_from_tos(tos)
        counts[d] = counts.get(d, 0) + 1
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: (kv[1], -kv[0]))[0]
