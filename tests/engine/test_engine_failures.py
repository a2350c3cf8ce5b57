"""Failure handling: a call that cannot connect, and a far end that drops mid-call."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import pytest

from callcheck.engine.call import CallConfig, TestCall
from callcheck.engine.loop import EngineLoop
from callcheck.engine.snapshots import (
    CONNECT_TIMEOUT,
    ICE_NO_CANDIDATES,
    MEDIA_STOPPED,
    PEER_DISCONNECTED,
    CallFailed,
    LiveSnapshot,
)


@pytest.mark.parametrize(
    "addresses",
    [(), ("192.0.2.250",)],
    ids=["no-address", "address-not-on-this-machine"],
)
def test_ice_without_a_usable_address_is_diagnosed_within_10_s(
    addresses: tuple[str, ...],
) -> None:
    call = TestCall(CallConfig(duration_s=5, host_addresses=addresses))
    started = time.monotonic()
    with EngineLoop() as loop, pytest.raises(CallFailed) as failure:
        loop.run(call.run(), timeout_s=15)
    assert time.monotonic() - started < 10
    assert failure.value.reason_code == ICE_NO_CANDIDATES
    assert "address" in failure.value.message


def test_connect_timeout_is_diagnosed(monkeypatch: pytest.MonkeyPatch) -> None:
    """ICE that gathers but never completes ends at the connect timeout with a diagnosis."""
    call = TestCall(CallConfig(duration_s=5, connect_timeout_s=1.5))

    async def run() -> None:
        from callcheck.engine import loopback

        original = loopback.LoopbackCall._negotiate

        async def negotiate_without_answer(self: loopback.LoopbackCall) -> None:
            await original(self)
            # A network that eats every ICE check: neither agent ever hears the other.
            for peer in (self.a, self.b):
                agent = peer.pc.getTransceivers()[0].receiver.transport.transport._connection
                agent.request_received = lambda *args: None

        monkeypatch.setattr(loopback.LoopbackCall, "_negotiate", negotiate_without_answer)
        await call.run()

    started = time.monotonic()
    with EngineLoop() as loop, pytest.raises(CallFailed) as failure:
        loop.run(run(), timeout_s=15)
    assert time.monotonic() - started < 10
    assert failure.value.reason_code == CONNECT_TIMEOUT
    assert "did not connect within 1.5 s" in failure.value.message


def test_peer_dropping_mid_call_keeps_what_was_measured(
    call_runner: Callable[..., object],
) -> None:
    closing: list[asyncio.Future[None]] = []

    def drop_far_end(call: TestCall, snapshot: LiveSnapshot) -> None:
        if snapshot.elapsed_s >= 2.0 and call.loopback is not None and not closing:
            closing.append(asyncio.ensure_future(call.loopback.b.pc.close()))

    run = call_runner(CallConfig(duration_s=8), during=drop_far_end)
    result = run.result  # type: ignore[attr-defined]
    assert result.partial
    assert result.ended_early.reason_code in (PEER_DISCONNECTED, MEDIA_STOPPED)
    assert 2.0 <= result.duration_s < 6.0
    assert result.downlink.totals.packets_received >= 90
    assert result.uplink.totals.packets_received >= 90
    assert result.timeline
