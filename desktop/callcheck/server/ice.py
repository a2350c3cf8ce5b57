"""ICE set-up of the reflector's peers: explicit ICE servers and chosen host addresses.

**No hidden network defaults.** aiortc falls back to a public STUN server when ``iceServers`` is
``None``; :func:`rtc_configuration` always passes the configured list (possibly empty).

**Host addresses.** aioice has no per-connection option for the addresses it gathers host
candidates on: ``Connection.gather_candidates`` calls the module-level
``aioice.ice.get_host_addresses(use_ipv4, use_ipv6)``, which lists the interfaces' addresses
*except 127.0.0.1*. On a loopback-only host that is nothing, and the call stays ``new`` forever.
:func:`host_addresses` replaces that function once, process-wide, with one that returns the
addresses set in a context variable for the current task (and the tasks it starts), and defers
to the previous function otherwise. Other peers in the process are untouched, and the engine's
identical hook (``callcheck.engine.peer``) chains with this one in either order. Any address on
``lo`` works, including 127.0.0.1 itself and 127.0.0.2 (Linux routes all of 127/8 to ``lo``).
"""

from __future__ import annotations

import contextlib
import contextvars
import inspect
from collections.abc import Callable, Iterator

import aioice.ice
from aiortc import RTCConfiguration, RTCIceServer
from aiortc.rtcconfiguration import RTCBundlePolicy

from callcheck.server.config import IceServerConfig

__all__ = ["IceHookError", "host_addresses", "rtc_configuration"]

_HOST_ADDRESSES: contextvars.ContextVar[tuple[str, ...] | None] = contextvars.ContextVar(
    "callcheck_server_host_addresses", default=None
)
_previous: Callable[[bool, bool], list[str]] | None = None


class IceHookError(RuntimeError):
    """aioice's ``get_host_addresses`` is not what this module expects (untested aioice)."""


def _get_host_addresses(use_ipv4: bool, use_ipv6: bool) -> list[str]:
    override = _HOST_ADDRESSES.get()
    if override is not None:
        return [a for a in override if (":" in a and use_ipv6) or (":" not in a and use_ipv4)]
    assert _previous is not None
    return _previous(use_ipv4, use_ipv6)


def install_host_address_hook() -> None:
    """Replace ``aioice.ice.get_host_addresses`` (once; idempotent)."""
    global _previous
    current = aioice.ice.get_host_addresses
    if current is _get_host_addresses:
        return
    if list(inspect.signature(current).parameters) != ["use_ipv4", "use_ipv6"]:
        raise IceHookError(
            "aioice.ice.get_host_addresses(use_ipv4, use_ipv6) changed; this CallCheck was "
            "tested with aioice 0.13"
        )
    _previous = current
    aioice.ice.get_host_addresses = _get_host_addresses


@contextlib.contextmanager
def host_addresses(addresses: tuple[str, ...] | None) -> Iterator[None]:
    """Within this block (and tasks started in it) ICE gathers host candidates on ``addresses``.

    ``None`` leaves aioice's own interface discovery in charge.
    """
    install_host_address_hook()
    token = _HOST_ADDRESSES.set(addresses)
    try:
        yield
    finally:
        _HOST_ADDRESSES.reset(token)


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
