"""Configuration of `callcheck serve`: defaults, an optional TOML file, then command-line flags.

Precedence is defaults < TOML file < flags (< ``CALLCHECK_SERVER_TOKEN`` for the token when no
``--token`` flag is given, so the token need not appear in ``ps`` output). The TOML file uses
the field names of :class:`ServerConfig`, optionally grouped in a ``[limits]`` table, and
``[[ice_servers]]`` / ``[[reflector_ice_servers]]`` arrays of tables::

    host = "0.0.0.0"
    port = 8443
    tls_cert = "/etc/callcheck/cert.pem"
    tls_key = "/etc/callcheck/key.pem"
    token = "s3cret"

    database = "postgresql://callcheck:secret@db.example.com/callcheck"   # default: SQLite
    fleet_token = "laptops-upload-with-this"
    admin_token = "it-reads-with-this"
    sites_csv = "/etc/callcheck/sites.csv"
    viewer_token = "helpdesk-login"      # live view (/live/<code>): default open by code

    [limits]
    max_calls = 50
    max_session_s = 300
    requests_per_minute = 120

    [[ice_servers]]              # handed to clients (WHIP Link headers, room responses)
    urls = ["stun:stun.example.com:3478"]

    [[ice_servers]]
    urls = ["turn:turn.example.com:3478?transport=udp"]
    username = "callcheck"
    credential = "secret"

Unknown keys are errors (a typo must not silently leave a limit at its default).
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import re
import socket
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Final

__all__ = [
    "PORT_SHARING",
    "TOKEN_ENV",
    "ConfigError",
    "IceServerConfig",
    "ServerConfig",
    "add_serve_arguments",
    "config_from_arguments",
    "load_toml",
    "workers_to_run",
]

#: Environment variable read for the bearer token when no ``--token`` flag is given.
TOKEN_ENV: Final = "CALLCHECK_SERVER_TOKEN"

_INSTANCE_NAME = re.compile(r"^[a-z0-9]{1,16}$")
_ICE_URL = re.compile(r"^(stun|stuns|turn|turns):[^\s?]+(\?transport=(udp|tcp))?$")


class ConfigError(ValueError):
    """The server configuration is invalid; the message says which setting and why."""


#: The kernel can spread one TCP port's new connections over several processes
#: (``SO_REUSEPORT``: Linux, the BSDs, macOS), which ``--workers N`` needs
#: (:mod:`callcheck.server.workers`). Windows has no such option (its ``SO_REUSEADDR`` lets a
#: second process steal the port, not share it), so there the server is one process.
PORT_SHARING: Final = hasattr(socket, "SO_REUSEPORT")


def workers_to_run(
    workers: int, *, port_sharing: bool | None = None, cpus: int | None = None
) -> int:
    """Worker processes ``serve`` runs for the ``workers`` setting (0 = one per CPU core).

    ``port_sharing`` is the platform fact (default :data:`PORT_SHARING`) and ``cpus`` the cores
    this process may use (default: its CPU affinity); both are parameters so the decision is
    tested on any platform. Without port sharing the default is one process and more than one
    is a :class:`ConfigError` that says why, never a crash at ``bind``.
    """
    if workers < 0:
        raise ConfigError(f"workers must be 0 (one per core) or more (got {workers})")
    if not (PORT_SHARING if port_sharing is None else port_sharing):
        if workers > 1:
            raise ConfigError(
                f"workers {workers}: this system cannot share one port between processes "
                "(no SO_REUSEPORT, e.g. Windows), so the server runs as one process here: "
                "leave workers out or set it to 1"
            )
        return 1
    if workers > 0:
        return workers
    if cpus is not None:
        return cpus
    return (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    )


@dataclass(frozen=True, slots=True)
class IceServerConfig:
    """One STUN or TURN server, as in the WebRTC ``RTCIceServer`` dictionary."""

    urls: tuple[str, ...]
    """``stun:host:port``, ``turn:host:port?transport=udp|tcp`` or ``turns:host:port``."""
    username: str | None = None
    """TURN user name."""
    credential: str | None = None
    """TURN password."""

    def __post_init__(self) -> None:
        if not self.urls:
            raise ConfigError("an ICE server needs at least one URL")
        for url in self.urls:
            if not _ICE_URL.match(url):
                raise ConfigError(
                    f"ICE server URL {url!r} is not stun:, stuns:, turn: or turns:HOST[:PORT]"
                    "[?transport=udp|tcp]"
                )
        is_turn = any(u.startswith("turn") for u in self.urls)
        if is_turn and (self.username is None or self.credential is None):
            raise ConfigError(f"TURN server {self.urls[0]} needs a username and a credential")

    @classmethod
    def parse(cls, spec: str) -> IceServerConfig:
        """Parse a flag value: ``URL`` or ``USER:PASSWORD@URL`` (for TURN)."""
        username: str | None = None
        credential: str | None = None
        url = spec
        if "@" in spec:
            creds, url = spec.rsplit("@", 1)
            username, sep, credential = creds.partition(":")
            if not sep:
                raise ConfigError(f"ICE server {spec!r}: write USER:PASSWORD@turn:host:port")
        return cls(urls=(url,), username=username, credential=credential)

    def to_json(self) -> dict[str, Any]:
        """The WebRTC ``RTCIceServer`` dictionary (what a browser's ``iceServers`` takes)."""
        out: dict[str, Any] = {"urls": list(self.urls)}
        if self.username is not None:
            out["username"] = self.username
        if self.credential is not None:
            out["credential"] = self.credential
        return out


@dataclass(frozen=True, slots=True)
class ServerConfig:
    """Everything `callcheck serve` needs. Frozen: vary it with :func:`dataclasses.replace`."""

    host: str = "0.0.0.0"
    """Address the HTTP(S) server listens on."""
    port: int = 8080
    """TCP port (0 = any free port; the chosen one is printed at start)."""
    tls_cert: Path | None = None
    """PEM certificate chain; with ``tls_key`` the server speaks HTTPS."""
    tls_key: Path | None = None
    """PEM private key of ``tls_cert``."""
    token: str | None = None
    """Bearer token every /whip and /rooms request must present; ``None`` = open."""
    ice_servers: tuple[IceServerConfig, ...] = ()
    """STUN/TURN servers handed to clients (WHIP ``Link`` headers, room responses)."""
    reflector_ice_servers: tuple[IceServerConfig, ...] = ()
    """STUN/TURN servers the reflector's own peers use (empty: host candidates only). Never
    aiortc's public default."""
    ice_host_addresses: tuple[str, ...] | None = None
    """Addresses the reflector gathers ICE host candidates on; ``None`` = every interface
    address aioice finds (which never includes 127.0.0.1). Set e.g. ``("127.0.0.2",)`` on a
    loopback-only host, or to pin one interface."""
    max_calls: int = 50
    """Concurrent reflected calls; more get ``503`` with ``Retry-After``."""
    max_offer_bytes: int = 32 * 1024
    """Largest accepted SDP offer (and request body); larger get ``413``."""
    max_session_s: float = 300.0
    """A reflected call is ended after this long."""
    requests_per_minute: int = 120
    """Requests per client address per minute on /whip and /rooms (token bucket, burst = the
    same number); more get ``429`` with ``Retry-After``."""
    max_rooms: int = 500
    """Open peer-mode rooms; more get ``503``."""
    room_ttl_s: float = 600.0
    """A room expires this long after it was created."""
    max_room_message_bytes: int = 64 * 1024
    """Largest signaling message relayed in a room."""
    max_room_backlog_bytes: int = 256 * 1024
    """Messages kept for a participant who has not joined yet, per room, bytes at most."""
    max_backlog_bytes_total: int = 32 * 1024 * 1024
    """Messages kept in all rooms together, bytes at most (the global room memory budget)."""
    error_logs_per_minute: int = 30
    """Warnings and errors the server logs per minute at most; the rest are counted in
    ``callcheck_log_records_suppressed_total`` (a flood of bad requests cannot flood the log)."""
    first_check_timeout_s: float = 5.0
    """A call whose client has sent no valid ICE check this long after the answer is ended and
    its slot released (an offer that can never connect must not hold a slot for long)."""
    ice_connect_timeout_s: float = 20.0
    """A call whose ICE/DTLS has not connected this long after the answer is ended."""
    media_timeout_s: float = 10.0
    """A connected call with no RTP from the client for this long is ended (client vanished)."""
    request_timeout_s: float = 10.0
    """Time allowed for a client to send request headers (and, separately, a body):
    slow-loris protection."""
    figures_interval_s: float = 0.5
    """How often uplink figures go out on a client's data channel."""
    cors_origins: tuple[str, ...] = ("*",)
    """Origins allowed by CORS; ``("*",)`` allows any web page."""
    database: str | None = field(default=None, repr=False)  # may hold a password
    """Fleet store: ``postgresql://user:pass@host/db``, a SQLite file path, or ``None`` for
    the embedded SQLite file in the user's data directory (no set-up)."""
    fleet_token: str | None = field(default=None, repr=False)
    """Bearer token laptops present to upload reports (``POST /api/v1/reports``); ``None`` =
    the server's ``token`` (open when that is ``None`` too)."""
    admin_token: str | None = field(default=None, repr=False)
    """Bearer token that reads fleet reports, summaries and the /fleet page's data; ``None`` =
    fleet data cannot be read at all (never open by default)."""
    sites_csv: Path | None = None
    """CSV of ``subnet,site,building,network_type`` rows that names each report's site from
    the client address (longest prefix wins)."""
    retention_days: float = 400.0
    """Fleet reports older than this (by arrival) are deleted."""
    max_report_bytes: int = 2 * 1024 * 1024
    """Largest accepted uploaded report; larger get ``413``."""
    workers: int = 0
    """Worker processes sharing the port (:mod:`callcheck.server.workers`); 0 = one per CPU
    core (one process where the port cannot be shared: :func:`workers_to_run`). ``max_calls``
    is the whole server's: each worker takes its share."""
    drain_timeout_s: float = 60.0
    """After SIGTERM, how long calls in progress may go on before they are ended."""
    instance_name: str | None = None
    """This instance's name among several behind one load balancer (1–16 lower-case letters
    and digits): WHIP session and probe ids then carry it (``/whip/[w1-]edge1-…``), so the
    load balancer can send each session's later requests to the instance that answered."""
    viewer_token: str | None = field(default=None, repr=False)
    """Helpdesk login for the live view: when set, ``/live/<code>`` data needs it (the page
    asks for it); ``None`` = the view code alone opens a share."""
    live_code_ttl_h: float = 24.0
    """A view code is live (the app may publish to it) this long after the share is made."""
    live_retention_days: float = 30.0
    """Shares and their runs' reports are deleted this long after the share was made."""
    live_lookups_per_minute: int = 60
    """Live-view requests per client address per minute (IPv6 per /64): codes cannot be
    guessed by brute force."""
    max_live_shares: int = 1000
    """Shares live at once (each holds its test's snapshots in memory); more get ``503``."""

    def __post_init__(self) -> None:
        if not 0 <= self.port <= 65535:
            raise ConfigError(f"port {self.port} is not in 0–65535")
        if (self.tls_cert is None) != (self.tls_key is None):
            raise ConfigError("TLS needs both a certificate (tls_cert) and a key (tls_key)")
        for name, secret in (
            ("token", self.token),
            ("fleet_token", self.fleet_token),
            ("admin_token", self.admin_token),
            ("viewer_token", self.viewer_token),
        ):
            if secret is not None and not secret.strip():
                raise ConfigError(f"the {name} is empty")
        positive = {
            "max_calls": self.max_calls,
            "max_offer_bytes": self.max_offer_bytes,
            "max_session_s": self.max_session_s,
            "requests_per_minute": self.requests_per_minute,
            "max_rooms": self.max_rooms,
            "room_ttl_s": self.room_ttl_s,
            "max_room_message_bytes": self.max_room_message_bytes,
            "max_room_backlog_bytes": self.max_room_backlog_bytes,
            "max_backlog_bytes_total": self.max_backlog_bytes_total,
            "error_logs_per_minute": self.error_logs_per_minute,
            "first_check_timeout_s": self.first_check_timeout_s,
            "ice_connect_timeout_s": self.ice_connect_timeout_s,
            "media_timeout_s": self.media_timeout_s,
            "request_timeout_s": self.request_timeout_s,
            "figures_interval_s": self.figures_interval_s,
            "retention_days": self.retention_days,
            "max_report_bytes": self.max_report_bytes,
            "drain_timeout_s": self.drain_timeout_s,
            "live_code_ttl_h": self.live_code_ttl_h,
            "live_retention_days": self.live_retention_days,
            "live_lookups_per_minute": self.live_lookups_per_minute,
            "max_live_shares": self.max_live_shares,
        }
        for name, value in positive.items():
            if not value > 0:
                raise ConfigError(f"{name} must be positive (got {value})")
        if self.instance_name is not None and not _INSTANCE_NAME.match(self.instance_name):
            raise ConfigError(
                f"instance_name {self.instance_name!r} must be 1–16 lower-case letters and digits"
            )
        workers_to_run(self.workers, cpus=1)  # the checks only: the core count is not needed
        for address in self.ice_host_addresses or ():
            try:
                ipaddress.ip_address(address)
            except ValueError:
                raise ConfigError(f"ICE host address {address!r} is not an IP address") from None

    @property
    def worker_count(self) -> int:
        """Worker processes to run (:func:`workers_to_run` on this platform)."""
        return workers_to_run(self.workers)

    @property
    def tls(self) -> bool:
        """True when the server speaks HTTPS."""
        return self.tls_cert is not None

    @property
    def base_url(self) -> str:
        """``http(s)://host:port`` as configured (port 0 is not resolved here)."""
        host = self.host if ":" not in self.host else f"[{self.host}]"
        return f"{'https' if self.tls else 'http'}://{host}:{self.port}"


_FIELD_NAMES: Final = frozenset(f.name for f in fields(ServerConfig))
_PATH_FIELDS: Final = frozenset({"tls_cert", "tls_key", "sites_csv"})
_ICE_FIELDS: Final = frozenset({"ice_servers", "reflector_ice_servers"})
_TUPLE_FIELDS: Final = frozenset({"ice_host_addresses", "cors_origins"})


def _ice_servers_from_toml(name: str, value: object) -> tuple[IceServerConfig, ...]:
    if not isinstance(value, list):
        raise ConfigError(f"{name} must be an array of tables ([[{name}]])")
    servers: list[IceServerConfig] = []
    for item in value:
        if not isinstance(item, dict):
            raise ConfigError(f"each [[{name}]] entry must be a table")
        unknown = set(item) - {"urls", "username", "credential"}
        if unknown:
            raise ConfigError(f"[[{name}]]: unknown key(s) {', '.join(sorted(unknown))}")
        urls = item.get("urls")
        if isinstance(urls, str):
            urls = [urls]
        if not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
            raise ConfigError(f"[[{name}]] urls must be a string or an array of strings")
        servers.append(
            IceServerConfig(
                urls=tuple(urls), username=item.get("username"), credential=item.get("credential")
            )
        )
    return tuple(servers)


def _coerce(name: str, value: object) -> object:
    if name in _ICE_FIELDS:
        return _ice_servers_from_toml(name, value)
    if name in _PATH_FIELDS:
        if not isinstance(value, str):
            raise ConfigError(f"{name} must be a path string")
        return Path(value)
    if name in _TUPLE_FIELDS:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{name} must be an array of strings")
        return tuple(value)
    return value


def load_toml(path: Path, base: ServerConfig | None = None) -> ServerConfig:
    """Read a TOML configuration file over ``base`` (default: the defaults).

    Raises :class:`ConfigError` for unreadable files, bad TOML, unknown keys and bad values.
    """
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except OSError as exc:
        raise ConfigError(f"cannot read the configuration file {path}: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from exc
    flat: dict[str, object] = {}
    for key, value in data.items():
        if key in ("limits", "server", "fleet") and isinstance(value, dict):
            flat.update(value)
        else:
            flat[key] = value
    unknown = set(flat) - _FIELD_NAMES
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s) {', '.join(sorted(unknown))}")
    changes = {name: _coerce(name, value) for name, value in flat.items()}
    try:
        return replace(base or ServerConfig(), **changes)  # type: ignore[arg-type]
    except TypeError as exc:  # pragma: no cover - dataclass replace on a bad key
        raise ConfigError(f"{path}: {exc}") from exc


# ------------------------------------------------------------------------------ flags


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the `callcheck serve` flags to ``parser`` (every default is "not given")."""
    parser.add_argument("--config", type=Path, metavar="FILE", help="TOML configuration file")
    parser.add_argument("--host", help="listen address (default 0.0.0.0)")
    parser.add_argument("--port", type=int, help="TCP port (default 8080; 0 = any free port)")
    parser.add_argument("--tls-cert", type=Path, metavar="PEM", help="TLS certificate chain")
    parser.add_argument("--tls-key", type=Path, metavar="PEM", help="TLS private key")
    parser.add_argument("--token", help=f"bearer token clients must present (or set {TOKEN_ENV})")
    parser.add_argument(
        "--ice-server",
        action="append",
        metavar="URL",
        help="STUN/TURN server handed to clients; TURN as USER:PASSWORD@turn:host:port "
        "(repeatable)",
    )
    parser.add_argument(
        "--ice-address",
        action="append",
        metavar="IP",
        help="address the reflector offers ICE host candidates on (repeatable; e.g. "
        "127.0.0.2 on a loopback-only host)",
    )
    parser.add_argument("--max-calls", type=int, metavar="N", help="concurrent calls (50)")
    parser.add_argument(
        "--max-session", type=float, metavar="S", help="longest call, seconds (300)"
    )
    parser.add_argument(
        "--max-offer-bytes", type=int, metavar="N", help="largest SDP offer (32768)"
    )
    parser.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="worker processes sharing the port (default: one per CPU core; 1 = one process; "
        "always one where the system cannot share a port, as on Windows)",
    )
    parser.add_argument(
        "--instance-name",
        metavar="NAME",
        help="this instance's name behind a load balancer (in session ids, for routing)",
    )
    parser.add_argument(
        "--drain-timeout",
        type=float,
        metavar="S",
        help="after SIGTERM, seconds calls in progress may go on (60)",
    )
    parser.add_argument(
        "--rate-limit",
        type=int,
        metavar="N",
        help="requests per minute per client address (120)",
    )


def config_from_arguments(
    args: argparse.Namespace, environ: Mapping[str, str] | None = None
) -> ServerConfig:
    """Build the configuration from parsed :func:`add_serve_arguments` flags.

    Raises :class:`ConfigError` (the CLI should exit with 2 and print the message).
    """
    env = os.environ if environ is None else environ
    config = ServerConfig()
    if args.config is not None:
        config = load_toml(args.config, config)
    changes: dict[str, Any] = {}
    simple = {
        "host": "host",
        "port": "port",
        "tls_cert": "tls_cert",
        "tls_key": "tls_key",
        "max_calls": "max_calls",
        "max_session": "max_session_s",
        "max_offer_bytes": "max_offer_bytes",
        "rate_limit": "requests_per_minute",
        "workers": "workers",
        "drain_timeout": "drain_timeout_s",
        "instance_name": "instance_name",
    }
    for flag, name in simple.items():
        value = getattr(args, flag, None)
        if value is not None:
            changes[name] = value
    token = getattr(args, "token", None) or env.get(TOKEN_ENV) or None
    if token is not None:
        changes["token"] = token
    ice: Sequence[str] | None = getattr(args, "ice_server", None)
    if ice:
        changes["ice_servers"] = tuple(IceServerConfig.parse(spec) for spec in ice)
    addresses: Sequence[str] | None = getattr(args, "ice_address", None)
    if addresses:
        changes["ice_host_addresses"] = tuple(addresses)
    return replace(config, **changes)
