"""Mark the test call's media packets DSCP EF, and read the marking of packets that arrive.

aiortc exposes no socket options. Its ICE layer (aioice) opens one UDP socket per local
address when candidates are gathered: ``RTCPeerConnection`` → transceiver ``sender.transport``
(``RTCDtlsTransport``) → ``.transport`` (``RTCIceTransport``) → ``._connection`` (an aioice
``Connection``) → ``._protocols`` (``StunProtocol``), each with an asyncio ``transport`` whose
``get_extra_info("socket")`` is the socket. A TURN relay's protocol wraps an inner transport
(``TurnTransport``), whose own socket carries the relayed media. These are private attributes:
every step is looked up defensively, and a version of aiortc/aioice that moves them makes
:func:`mark_peer_connection` report zero sockets marked rather than fail.

Call it after ``setLocalDescription`` (gathering is complete then) and before media flows.

The reflector needs the other half: ``setsockopt(IPPROTO_IP, IP_RECVTOS, 1)`` (and
``IPV6_RECVTCLASS``) on its socket, ``recvmsg`` with ancillary space, and
:func:`tos_from_ancillary` on what comes back.

Windows ignores ``IP_TOS`` unless a Group Policy QoS rule allows it (the call succeeds and the
packets leave unmarked); the reflector's report is what tells.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Final

from callcheck.core.qos import TOS_EF, QosResult, dominant_dscp

#: Linux values where the socket module lacks the names (they are stable kernel ABI).
_IP_RECVTOS: Final = getattr(socket, "IP_RECVTOS", 13)
_IPV6_RECVTCLASS: Final = getattr(socket, "IPV6_RECVTCLASS", 66)
_IPV6_TCLASS: Final = getattr(socket, "IPV6_TCLASS", 67)


def mark_socket(sock: socket.socket, tos: int = TOS_EF) -> None:
    """Set the TOS (IPv4) or Traffic Class (IPv6) byte of a socket's outgoing packets.

    Raises OSError if the OS refuses.
    """
    if sock.family == socket.AF_INET6:
        sock.setsockopt(socket.IPPROTO_IPV6, _IPV6_TCLASS, tos)
        # A dual-stack socket sends IPv4-mapped traffic with the IPv4 option.
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_IP, socket.IP_TOS, tos)
    else:
        sock.setsockopt(socket.IPPROTO_IP, socket.IP_TOS, tos)


def socket_tos(sock: socket.socket) -> int:
    """The TOS / Traffic Class byte a socket currently sets."""
    if sock.family == socket.AF_INET6:
        return int(sock.getsockopt(socket.IPPROTO_IPV6, _IPV6_TCLASS))
    return int(sock.getsockopt(socket.IPPROTO_IP, socket.IP_TOS))


def _socket_of(transport: Any) -> socket.socket | None:
    """The socket under an asyncio transport, or under aioice's TurnTransport."""
    if transport is None:
        return None
    get = getattr(transport, "get_extra_info", None)
    sock = get("socket") if callable(get) else None
    if sock is not None:
        return sock  # type: ignore[no-any-return]
    inner = getattr(transport, "_TurnTransport__inner_protocol", None)
    if inner is not None:
        return _socket_of(getattr(inner, "transport", None))
    return None


def ice_sockets(connection: Any) -> Iterator[socket.socket]:
    """The sockets of an aioice ``Connection`` (one per gathered local candidate)."""
    for protocol in getattr(connection, "_protocols", None) or ():
        sock = _socket_of(getattr(protocol, "transport", None))
        if sock is not None:
            yield sock


def _ice_connections(pc: Any) -> Iterator[Any]:
    seen: set[int] = set()
    dtls_transports = []
    getter = getattr(pc, "getTransceivers", None)
    for transceiver in getter() if callable(getter) else ():
        dtls_transports.append(getattr(getattr(transceiver, "sender", None), "transport", None))
    sctp = getattr(pc, "sctp", None)
    if sctp is not None:
        dtls_transports.append(getattr(sctp, "transport", None))
    for dtls in dtls_transports:
        ice = getattr(dtls, "transport", None)
        conn = getattr(ice, "_connection", None)
        if conn is not None and id(conn) not in seen:
            seen.add(id(conn))
            yield conn


def mark_sockets(sockets: Iterable[socket.socket], tos: int = TOS_EF) -> QosResult:
    """Mark every socket; the result says how many took it and the first error."""
    marked, error, seen = 0, None, set()
    for sock in sockets:
        if sock.fileno() in seen or sock.fileno() < 0:
            continue
        seen.add(sock.fileno())
        try:
            mark_socket(sock, tos)
            marked += 1
        except OSError as exc:
            error = error or f"could not mark packets: {exc.strerror or exc}"
    dscp = tos >> 2 if marked else None
    if not seen and error is None:
        error = "no media sockets found to mark"
    return QosResult(dscp_sent=dscp, sockets_marked=marked, error=error)


def mark_peer_connection(pc: Any, tos: int = TOS_EF) -> QosResult:
    """Mark every ICE socket of an aiortc ``RTCPeerConnection`` (after gathering)."""
    return mark_sockets((sock for conn in _ice_connections(pc) for sock in ice_sockets(conn)), tos)


def enable_tos_reception(sock: socket.socket) -> None:
    """Ask the kernel to report each received packet's TOS / Traffic Class (for ``recvmsg``)."""
    if sock.family == socket.AF_INET6:
        sock.setsockopt(socket.IPPROTO_IPV6, _IPV6_RECVTCLASS, 1)
    try:
        sock.setsockopt(socket.IPPROTO_IP, _IP_RECVTOS, 1)
    except OSError:
        if sock.family != socket.AF_INET6:
            raise


def tos_from_ancillary(ancdata: Sequence[tuple[int, int, bytes]]) -> int | None:
    """The TOS / Traffic Class byte in ``recvmsg`` ancillary data, if the kernel sent it."""
    for level, kind, data in ancdata:
        if not data:
            continue
        if level == socket.IPPROTO_IP and kind in (socket.IP_TOS, _IP_RECVTOS):
            return data[0]
        if level == socket.IPPROTO_IPV6 and kind == _IPV6_TCLASS:
            return int.from_bytes(data[:4], "little") & 0xFF if len(data) >= 4 else data[0]
    return None


def received_dscp(tos_values: Sequence[int]) -> int | None:
    """The DSCP most packets arrived with (for the reflector's report)."""
    return dominant_dscp(tuple(tos_values))


#: Ancillary buffer size for one TOS / Traffic Class value.
TOS_ANCILLARY_BYTES: Final = socket.CMSG_SPACE(4) if hasattr(socket, "CMSG_SPACE") else 64
