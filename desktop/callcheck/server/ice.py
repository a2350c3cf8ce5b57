"""ICE set-up of the reflector's peers: explicit ICE servers and chosen host addresses.

**No hidden network defaults.** aiortc falls back to a public STUN server when ``iceServers`` is
``None``; :func:`rtc_configuration` always passes the configured list (possibly empty).

**Host addresses.** aioice has no per-connection option for the addresses it gathers host
candidates on, and it skips 127.0.0.1, so on a loopback-only host a call stays ``new`` forever.
:func:`host_addresses` is the engine's (``callcheck.engine.peer``): one process-wide replacement
of ``aioice.ice.get_host_addresses`` that reads a context variable per task. There must be only
one: two chained replacements installed in turn ended up calling each other forever. Any address
on ``lo`` works, including 127.0.0.1 itself and 127.0.0.2 (Linux routes all of 127/8 to ``lo``).
"""

from __future__ import annotations

from aiortc import RTCConfiguration, RTCIceServer
from aiortc.rtcconfiguration import RTCBundlePolicy

from callcheck.engine.peer import host_addresses
from callcheck.server.config import IceServerConfig

__all__ = ["host_addresses", "rtc_configuration"]


def rtc_configuration(servers: tuple[IceServerConfig, ...]) -> RTCConfiguration:
    """An aiortc configuration with exactly ``servers`` (never aiortc's public STUN default).

    Audio and data share one transport (max-bundle), so the reflector's taps see every packet.
    """
    return RTCConfiguration(
        iceServers=[
            RTCIceServer(urls=list(s.urls), username=s.username, credential=s.credential)
            for s in servers
        ],
        bundlePolicy=RTCBundlePolicy.MAX_BUNDLE,
    )
