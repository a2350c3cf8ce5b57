"""The aiortc internals the engine hooks into. If aiortc is upgraded and these fail, re-check
every hook listed in callcheck/engine/peer.py's docstring before raising AIORTC_TESTED."""

from __future__ import annotations

import asyncio
import inspect
from types import SimpleNamespace

import aioice.ice
import pytest
from aiortc.rtcdtlstransport import RTCDtlsTransport
from aiortc.rtcrtpreceiver import RTCRtpReceiver
from aiortc.rtcsctptransport import DataChunk, RTCSctpTransport

from callcheck.engine.peer import (
    AIORTC_TESTED,
    AiortcHookError,
    MeasuredPeer,
    PeerOptions,
    aiortc_version,
    check_aiortc_internals,
)


def test_installed_aiortc_is_a_tested_version() -> None:
    assert aiortc_version().startswith(AIORTC_TESTED), (
        f"aiortc {aiortc_version()} is installed but the engine's hooks were checked against "
        f"{AIORTC_TESTED}; review peer.py's hooks and update AIORTC_TESTED"
    )


@pytest.mark.parametrize(
    ("cls", "name", "parameters"),
    [
        (RTCRtpReceiver, "_handle_rtp_packet", ["self", "packet", "arrival_time_ms"]),
        (RTCDtlsTransport, "_send_rtp", ["self", "data"]),
        (RTCDtlsTransport, "_handle_rtcp_data", ["self", "data"]),
        (RTCSctpTransport, "_handle_data", ["self", "data"]),
        (RTCSctpTransport, "_send_chunk", ["self", "chunk"]),
    ],
    ids=["receiver-rtp", "dtls-send-rtp", "dtls-handle-rtcp", "sctp-handle", "sctp-send-chunk"],
)
def test_hooked_methods_keep_their_signatures(cls: type, name: str, parameters: list[str]) -> None:
    assert list(inspect.signature(getattr(cls, name)).parameters) == parameters


def test_a_data_chunk_still_carries_what_the_departure_hook_rewrites() -> None:
    """``engine.arrivals`` rewrites a whole binary message's ``user_data`` in ``_send_chunk``;
    SCTP serialises it from there (and books the length the hook keeps)."""
    message = b"P" + bytes(range(1, 13))
    chunk = DataChunk()
    chunk.flags, chunk.protocol, chunk.user_data = 0x03, 53, message
    header_bytes = 16  # RFC 9260 §3.3.1
    assert bytes(chunk)[header_bytes : header_bytes + len(message)] == message


def test_aioice_keeps_the_nominated_pairs_the_kernel_stamp_is_read_from() -> None:
    """``engine.arrivals`` reads the kernel's receive stamp on the nominated pair's socket."""
    connection = aioice.ice.Connection(ice_controlling=False)
    assert connection._nominated == {}
    assert "protocol" in inspect.signature(aioice.ice.CandidatePair).parameters


def test_aioice_host_address_discovery_is_still_a_module_function() -> None:
    assert list(inspect.signature(aioice.ice.get_host_addresses).parameters) == [
        "use_ipv4",
        "use_ipv6",
    ]


def test_hooks_install_on_a_real_peer() -> None:
    async def build() -> None:
        peer = MeasuredPeer("a", PeerOptions(codec="pcmu"))
        try:
            peer.add_media()
            receiver = peer.pc.getTransceivers()[0].receiver
            assert type(receiver._RTCRtpReceiver__jitter_buffer).__name__ == (
                "_DiscardingJitterBuffer"
            )
            assert receiver._handle_rtp_packet.__name__ == "tapped_handle_rtp"
            assert receiver.transport._send_rtp.__name__ == "tapped_send_rtp"
        finally:
            await peer.close()

    asyncio.run(build())


def test_changed_internals_fail_loudly() -> None:
    async def handle(packet: object, arrival_time_ms: int) -> None:
        return None

    receiver = SimpleNamespace(_handle_rtp_packet=handle)  # no __jitter_buffer
    with pytest.raises(AiortcHookError, match="__jitter_buffer is missing"):
        check_aiortc_internals(receiver, SimpleNamespace())
