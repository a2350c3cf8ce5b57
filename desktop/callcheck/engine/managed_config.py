"""Managed settings: what the admin pre-sets for every user of a laptop (issue 18, "Managed
settings").

The installer or a device-management tool drops one TOML file in a system-wide place the app
reads at start (the CLI, the app and its tray alike):

- Linux: ``/etc/callcheck/callcheck.toml``
- Windows: ``%ProgramData%\\CallCheck\\callcheck.toml`` (usually ``C:\\ProgramData\\...``)
- macOS: ``/Library/Application Support/CallCheck/callcheck.toml``

``CALLCHECK_MANAGED_CONFIG`` names another file (tests, or an admin trying a file out). Every
key is optional; ``locked`` lists the keys the user's own settings cannot override::

    server_url = "https://callcheck.example.com:8443"
    server_token = "…"          # the reflector's access token
    fleet_token = "…"           # uploads (server's fleet_token)
    upload = true               # send every result to server_url
    schedule_every_h = 4        # a short test every 4 h while logged in (0 or absent: off)
    schedule_at_login = true
    locked = ["server_url", "upload", "schedule_every_h"]

A missing file means "nothing managed"; a file that cannot be read or parsed is an error with
its path and line (the admin must hear about it, not get silently ignored settings).
"""

from __future__ import annotations

import math
import os
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Final

__all__ = [
    "MANAGED_CONFIG_ENV",
    "MANAGED_KEYS",
    "ManagedConfig",
    "ManagedConfigError",
    "load_managed_config",
    "managed_config_path",
]

MANAGED_CONFIG_ENV: Final = "CALLCHECK_MANAGED_CONFIG"
#: A schedule more often than this would make the tests themselves the network's load.
MIN_SCHEDULE_EVERY_H: Final = 0.25
MAX_SCHEDULE_EVERY_H: Final = 24.0 * 7


class ManagedConfigError(ValueError):
    """The managed settings file exists but is not valid; the message names the file."""


@dataclass(frozen=True, slots=True)
class ManagedConfig:
    """The admin's settings; ``None`` = not managed (the user's setting or the default)."""

    server_url: str | None = None
    server_token: str | None = None
    fleet_token: str | None = None
    upload: bool | None = None
    schedule_every_h: float | None = None
    """Hours between scheduled tests; ``0`` = the admin turned the schedule off."""
    schedule_at_login: bool | None = None
    locked: frozenset[str] = frozenset()
    """Keys the user cannot override (each one of :data:`MANAGED_KEYS`)."""
    source: Path | None = None
    """The file these came from (``None``: no file)."""

    def is_locked(self, key: str) -> bool:
        """The admin set ``key`` and locked it."""
        return key in self.locked and getattr(self, key) is not None

    def resolve(self, key: str, user_value: Any) -> Any:
        """The effective value of ``key``: the admin's when locked, else the user's when set,
        else the admin's preset."""
        managed = getattr(self, key)
        if self.is_locked(key):
            return managed
        return managed if user_value is None else user_value


#: The keys an admin can set (and lock).
MANAGED_KEYS: Final = tuple(
    f.name for f in fields(ManagedConfig) if f.name not in ("locked", "source")
)


def managed_config_path(platform: str | None = None) -> Path:
    """Where this platform's app reads the managed settings (or ``$CALLCHECK_MANAGED_CONFIG``)."""
    override = os.environ.get(MANAGED_CONFIG_ENV)
    if override:
        return Path(override)
    platform = sys.platform if platform is None else platform
    if platform == "win32":
        # Windows environment names are case-blind: this is %ProgramData%.
        program_data = os.environ.get("PROGRAMDATA") or r"C:\ProgramData"
        return Path(program_data) / "CallCheck" / "callcheck.toml"
    if platform == "darwin":
        return Path("/Library/Application Support/CallCheck/callcheck.toml")
    return Path("/etc/callcheck/callcheck.toml")


def load_managed_config(path: Path | None = None) -> ManagedConfig:
    """The managed settings at ``path`` (default :func:`managed_config_path`); empty when there
    is no file. Raises :class:`ManagedConfigError` for a file that is there but wrong."""
    path = managed_config_path() if path is None else path
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return ManagedConfig()
    except OSError as exc:
        raise ManagedConfigError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ManagedConfigError(f"{path}: not valid TOML ({exc})") from None
    return _parse(data, path)


def _parse(data: Mapping[str, Any], path: Path) -> ManagedConfig:
    def bad(message: str) -> ManagedConfigError:
        return ManagedConfigError(f"{path}: {message}")

    unknown = sorted(set(data) - set(MANAGED_KEYS) - {"locked"})
    if unknown:
        raise bad(f"unknown key(s) {', '.join(unknown)}; known: {', '.join(MANAGED_KEYS)}")
    values: dict[str, Any] = {}
    for key in ("server_url", "server_token", "fleet_token"):
        if key in data:
            value = data[key]
            if not isinstance(value, str) or not value.strip():
                raise bad(f"{key} must be a non-empty string")
            values[key] = value.strip()
    for key in ("upload", "schedule_at_login"):
        if key in data:
            if not isinstance(data[key], bool):
                raise bad(f"{key} must be true or false")
            values[key] = data[key]
    if "schedule_every_h" in data:
        every = data["schedule_every_h"]
        number = isinstance(every, int | float) and not isinstance(every, bool)
        if not number or not math.isfinite(every):
            raise bad("schedule_every_h must be a number of hours")
        if every != 0 and not MIN_SCHEDULE_EVERY_H <= every <= MAX_SCHEDULE_EVERY_H:
            raise bad(
                f"schedule_every_h must be 0 (off) or between {MIN_SCHEDULE_EVERY_H:g} and "
                f"{MAX_SCHEDULE_EVERY_H:g} hours"
            )
        values["schedule_every_h"] = float(every)
    locked = data.get("locked", [])
    if not isinstance(locked, list) or not all(isinstance(k, str) for k in locked):
        raise bad('locked must be a list of key names, e.g. locked = ["server_url"]')
    wrong = sorted(set(locked) - set(MANAGED_KEYS))
    if wrong:
        raise bad(f"locked names unknown key(s) {', '.join(wrong)}")
    return ManagedConfig(**values, locked=frozenset(locked), source=path)
