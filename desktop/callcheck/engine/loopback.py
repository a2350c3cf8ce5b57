"""Loopback mode: two measured peers in this process call each other.

The offer and answer are exchanged in memory. Peer *a* is the user's client (it sends the
uplink), peer *b* the far end. ICE gathers on 127.0.0.1 by default — aioice skips that address
in its own interface discovery, and a machine with only loopback (CI) would otherwise have no
candidate at all — unless relay is forced, when the media goes out to the TURN server and back.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import replace
from typing import Final

from callcheck.engine.loop import now_ms
from callcheck.engine.peer import AudioSink, MeasuredPeer, PeerOptions, host_addresses
from callcheck.engine.snapshots import (
    CONNECT_TIMEOUT,
    DTLS_FAILED,
    ICE_FAILED,
    ICE_NO_CANDIDATES,
    CallFailed,
)
from callcheck.engine.sources import AudioSource

#: Loopback calls gather host candidates on this address only (see module docstring).
LOOPBACK_HOST_ADDRESSES: Final = ("127.0.0.1",)
#: DESIGN.md / issue: a call that never connects must end with a diagnosis within 10 s.
CONNECT_TIMEOUT_S: Final = 8.0


class LoopbackCall:
    """Two :class:`MeasuredPeer` objects wired to each other.

    ``uplink_options`` configures peer *a* (its codec, ICE servers, the impairment of the uplink);
    ``downlink_impairment`` comes from *b*'s options. Use :meth:`connect`, then read the peers,
    then :meth:`close`.
    """

    def __init__(
        self,
        options_a: PeerOptions,
        options_b: PeerOptions,
        *,
        source_a: AudioSource | None = None,
        source_b: AudioSource | None = None,
        audio_sink: AudioSink | None = None,
        far_end_sink: AudioSink | None = None,
    ) -> None:
        self.a = MeasuredPeer("a", options_a, source_a, audio_sink=audio_sink)
        self.b = MeasuredPeer(
            "b", replace(options_b, codec=options_a.codec), source_b, audio_sink=far_end_sink
        )
        # Same process, same monotonic clock: each side knows when the other sent each packet.
        self.a.remote_send_times = self.b.send_times
        self.b.remote_send_times = self.a.send_times
        self._states: dict[str, str] = {"a": "new", "b": "new"}
        self._changed = asyncio.Event()
        self._addresses: tuple[str, ...] | None = None
        for name, peer in (("a", self.a), ("b", self.b)):
            peer.pc.on("connectionstatechange", self._state_listener(name, peer))

    def _state_listener(self, name: str, peer: MeasuredPeer) -> Callable[[], None]:
        def on_change() -> None:
            self._states[name] = str(peer.pc.connectionState)
            self._changed.set()

        return on_change

    @property
    def states(self) -> dict[str, str]:
        """Connection state of each peer (``new``, ``connecting``, ``connected``, …)."""
        return dict(self._states)

    async def wait_state_change(self) -> None:
        """Return when either peer's connection state changes."""
        self._changed.clear()
        await self._changed.wait()

    async def connect(self, timeout_s: float = CONNECT_TIMEOUT_S) -> float:
        """Negotiate and wait until both peers are connected; return the time it took in ms.

        Raises :class:`CallFailed` with a diagnosis when ICE finds no address, fails, or does
        not connect within ``timeout_s``.
        """
        start_ms = now_ms()
        options = self.a.options
        addresses = None if options.force_relay else options.host_addresses
        if addresses is None and not options.force_relay:
            addresses = LOOPBACK_HOST_ADDRESSES
        self._addresses = addresses
        try:
            async with asyncio.timeout(timeout_s):
                with host_addresses(addresses):
                    await self._negotiate()
                self._check_candidates()
                while not all(s == "connected" for s in self._states.values()):
                    self._check_failed()
                    await self.wait_state_change()
        except TimeoutError:
            raise CallFailed(
                CONNECT_TIMEOUT,
                f"The test call did not connect within {timeout_s:g} s (ICE "
                f"{self.a.pc.iceConnectionState}/{self.b.pc.iceConnectionState}). "
                "A firewall may be blocking UDP, or the TURN server is unreachable.",
            ) from None
        self.a.verify_transport()
        self.b.verify_transport()
        return now_ms() - start_ms

    async def _negotiate(self) -> None:
        a, b = self.a, self.b
        a.add_media()
        a.create_probe_channel()
        b.add_media()
        b.accept_probe_channel()
        await a.pc.setLocalDescription(await a.pc.createOffer())
        await b.pc.setRemoteDescription(a.pc.localDescription)
        await b.pc.setLocalDescription(await b.pc.createAnswer())
        await a.pc.setRemoteDescription(b.pc.localDescription)

    def _check_candidates(self) -> None:
        for peer in (self.a, self.b):
            if "a=candidate:" not in peer.pc.localDescription.sdp:
                if peer.options.force_relay:
                    message = (
                        "No relay address: the TURN server did not answer or refused the "
                        "credentials. Check --ice-server and that UDP/3478 is allowed."
                    )
                else:
                    given = self._addresses
                    among = "this machine's interfaces" if given is None else ", ".join(given)
                    message = (
                        "No network address to test from: ICE could not use any address "
                        f"({among or 'none configured'}). Check the network connection."
                    )
                raise CallFailed(ICE_NO_CANDIDATES, message)

    def _check_failed(self) -> None:
        for peer in (self.a, self.b):
            if peer.pc.connectionState in ("failed", "closed"):
                if peer.pc.iceConnectionState in ("failed", "closed"):
                    raise CallFailed(
                        ICE_FAILED,
                        "ICE failed: no candidate pair could exchange packets. A firewall may "
                        "be blocking UDP; try a TURN server (--ice-server, --force-relay).",
                    )
                raise CallFailed(
                    DTLS_FAILED,
                    "The secure (DTLS) handshake failed after ICE connected.",
                )

    def start_playout(self) -> None:
        """Start both peers' playout tasks."""
        self.a.start_playout()
        self.b.start_playout()

    async def close(self) -> None:
        """Close both peers (idempotent; never raises)."""
        for peer in (self.a, self.b):
            with contextlib.suppress(Exception):
                await peer.close()
