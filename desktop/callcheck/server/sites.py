"""Sites: which subnet is which site, building and network type.

The admin lists subnets in a CSV (the way Teams' call quality dashboard maps buildings), and
each uploaded report gets the site of the client address the server saw. The most specific
subnet wins (longest prefix), so a building's Wi-Fi can sit inside a campus range::

    subnet,site,building,network_type
    10.1.0.0/16,Berlin,HQ,wired
    10.1.20.0/24,Berlin,HQ,wifi
    10.8.0.0/16,Remote,,vpn
"""

from __future__ import annotations

import csv
import ipaddress
from dataclasses import dataclass
from pathlib import Path
from typing import Final

__all__ = ["UNKNOWN_SITE", "Site", "SiteMap", "SitesError"]

#: The site of an address no subnet covers.
UNKNOWN_SITE: Final = "unknown"
_HEADER: Final = ("subnet", "site", "building", "network_type")

_Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class SitesError(ValueError):
    """The sites CSV is unusable; the message names the line and what is wrong."""


@dataclass(frozen=True, slots=True)
class Site:
    """Where a client address is."""

    site: str
    """Site name (a Prometheus label: keep the list short)."""
    building: str
    """Building ('' when not given)."""
    network_type: str
    """e.g. ``wired``, ``wifi``, ``vpn`` ('' when not given)."""


UNKNOWN: Final = Site(UNKNOWN_SITE, "", "")


class SiteMap:
    """Subnets → sites, longest prefix first."""

    def __init__(self, entries: list[tuple[_Network, Site]]) -> None:
        self._entries = sorted(entries, key=lambda e: e[0].prefixlen, reverse=True)

    @classmethod
    def from_csv(cls, path: Path) -> SiteMap:
        """Read ``subnet,site,building,network_type`` rows (header required)."""
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise SitesError(f"cannot read the sites CSV {path}: {exc.strerror}") from exc
        except UnicodeDecodeError:
            raise SitesError(f"the sites CSV {path} is not UTF-8 text") from None
        return cls.parse(text, str(path))

    @classmethod
    def parse(cls, text: str, source: str = "sites CSV") -> SiteMap:
        """Parse the CSV text (see the module docstring)."""
        rows = list(csv.reader(text.splitlines()))
        if not rows or tuple(c.strip().lower() for c in rows[0][:4]) != _HEADER:
            raise SitesError(
                f"{source}: the first line must be 'subnet,site,building,network_type'"
            )
        entries: list[tuple[_Network, Site]] = []
        for number, row in enumerate(rows[1:], start=2):
            if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
                continue
            cells = [c.strip() for c in row] + [""] * (4 - len(row))
            if len(row) > 4:
                raise SitesError(f"{source} line {number}: more than 4 columns")
            try:
                network = ipaddress.ip_network(cells[0], strict=False)
            except ValueError:
                raise SitesError(f"{source} line {number}: {cells[0]!r} is not a subnet") from None
            if not cells[1]:
                raise SitesError(f"{source} line {number}: the site is empty")
            entries.append((network, Site(cells[1], cells[2], cells[3])))
        return cls(entries)

    def lookup(self, address: str | None) -> Site:
        """The site of ``address`` (:data:`UNKNOWN` when none matches or it is no address)."""
        if not address:
            return UNKNOWN
        try:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
        except ValueError:
            return UNKNOWN
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped  # a dual-stack socket reports IPv4 clients as ::ffff:a.b.c.d
        for network, site in self._entries:
            if ip.version == network.version and ip in network:
                return site
        return UNKNOWN

    def __len__(self) -> int:
        return len(self._entries)
