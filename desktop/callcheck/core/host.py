"""What the test learned about the computer: network interface, Wi-Fi, VPN, headset, CPU.

The engine detects these (:mod:`callcheck.engine.system_info`); this module holds the frozen
models and the pure classification rules (is this interface a tunnel, is this headset in
Bluetooth hands-free mode), so the advice rules (:mod:`callcheck.core.advice`) and the reports
can use them without touching the operating system.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final


class InterfaceKind(StrEnum):
    """What carries the computer's traffic."""

    WIFI = "wifi"
    ETHERNET = "ethernet"
    CELLULAR = "cellular"
    VPN = "vpn"
    """A tunnel (VPN client, WireGuard, PPP): the real link is underneath."""
    OTHER = "other"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class WifiInfo:
    """The Wi-Fi link, as far as the operating system tells."""

    ssid: str | None = None
    signal_dbm: float | None = None
    """Received signal strength; Windows gives a 0–100 % quality (:func:`percent_to_dbm`)."""
    frequency_mhz: float | None = None
    band_ghz: float | None = None
    """2.4, 5 or 6."""
    tx_rate_mbps: float | None = None
    channel: int | None = None

    def to_json(self) -> dict[str, Any]:
        """JSON object for the report's ``environment.host.wifi``."""
        return {
            "ssid": self.ssid,
            "signal_dbm": self.signal_dbm,
            "frequency_mhz": self.frequency_mhz,
            "band_ghz": self.band_ghz,
            "tx_rate_mbps": self.tx_rate_mbps,
            "channel": self.channel,
        }


@dataclass(frozen=True, slots=True)
class AudioDeviceHint:
    """An audio device used by the test, enough to spot a Bluetooth hands-free headset."""

    name: str
    sample_rate_hz: float | None = None
    """The device's default or negotiated sample rate."""
    direction: str = "input"
    """``input`` or ``output``."""

    @property
    def bluetooth_hands_free(self) -> bool:
        """The device looks like a Bluetooth headset in HFP/HSP mode (see :func:`is_hands_free`)."""
        return is_hands_free(self.name, self.sample_rate_hz)


@dataclass(frozen=True, slots=True)
class HostInfo:
    """Everything detected about the computer. ``None`` / ``unknown`` = could not tell."""

    os: str
    """``linux``, ``macos``, ``windows`` or another platform name."""
    interface: str | None = None
    """The interface of the default route (``wlan0``, ``en0``, ``Wi-Fi``)."""
    interface_kind: InterfaceKind = InterfaceKind.UNKNOWN
    wifi: WifiInfo | None = None
    vpn_interfaces: tuple[str, ...] = ()
    """Tunnel interfaces that are up."""
    default_route_via_vpn: bool = False
    """The default route goes through one of the tunnels (full-tunnel VPN)."""
    audio_devices: tuple[AudioDeviceHint, ...] = ()
    cpu_load_pct: float | None = None
    """Whole-machine CPU busy share during the test, 0–100."""
    cpu_count: int | None = None
    notes: tuple[str, ...] = ()
    """What could not be detected, and why."""

    @property
    def hands_free_devices(self) -> tuple[AudioDeviceHint, ...]:
        """The audio devices that look like a Bluetooth headset in hands-free mode."""
        return tuple(d for d in self.audio_devices if d.bluetooth_hands_free)

    def to_json(self) -> dict[str, Any]:
        """JSON object for the report's ``environment.host``."""
        return {
            "os": self.os,
            "interface": self.interface,
            "interface_kind": str(self.interface_kind),
            "wifi": None if self.wifi is None else self.wifi.to_json(),
            "vpn_interfaces": list(self.vpn_interfaces),
            "default_route_via_vpn": self.default_route_via_vpn,
            "audio_devices": [
                {
                    "name": d.name,
                    "sample_rate_hz": d.sample_rate_hz,
                    "direction": d.direction,
                    "bluetooth_hands_free": d.bluetooth_hands_free,
                }
                for d in self.audio_devices
            ],
            "cpu_load_pct": None if self.cpu_load_pct is None else round(self.cpu_load_pct, 1),
            "cpu_count": self.cpu_count,
            "notes": list(self.notes),
        }


#: Interface names of tunnels: OpenVPN/tinc (tun, tap), WireGuard (wg), PPP/PPTP/L2TP (ppp),
#: macOS (utun, ipsec), IPsec VTI (vti, xfrm), Cisco AnyConnect (cscotun), GlobalProtect
#: (gpd), Fortinet (fortissl), ZeroTier (zt), Tailscale (tailscale).
TUNNEL_NAME: Final = re.compile(
    r"^(tun|tap|wg|ppp|utun|ipsec|vti|xfrm|cscotun|gpd|fortissl|zt|tailscale|nordlynx|proton)",
    re.IGNORECASE,
)
#: Words in a Windows adapter description (or a macOS service name) that mean a VPN adapter.
TUNNEL_DESCRIPTION: Final = re.compile(
    r"vpn|tap-windows|tap adapter|wintun|wireguard|anyconnect|pangp|globalprotect|fortinet|"
    r"fortissl|juniper|pulse secure|zscaler|openvpn|tailscale|zerotier|nordlynx|ppp adapter",
    re.IGNORECASE,
)


def is_tunnel(name: str, description: str = "") -> bool:
    """Whether an interface name or description looks like a VPN or tunnel."""
    return bool(TUNNEL_NAME.match(name.strip()) or TUNNEL_DESCRIPTION.search(description))


#: Device names of a Bluetooth headset in hands-free mode on each platform: PulseAudio/PipeWire
#: (``bluez_source.XX.handsfree_head_unit``, ``headset-head-unit``, "(HFP)"), Windows ("Headset
#: (… Hands-Free AG Audio)"), and the generic words.
HANDS_FREE_NAME: Final = re.compile(
    r"hands[- ]?free|\bhfp\b|\bhsp\b|head[_-]?set[_-]head[_-]unit|handsfree_head_unit|"
    r"\bhf audio\b|hands-free ag",
    re.IGNORECASE,
)
#: Names that say "a headset, probably Bluetooth" without naming the profile.
HEADSET_NAME: Final = re.compile(r"headset|bluez|bluetooth|airpods|buds", re.IGNORECASE)
#: HFP carries CVSD at 8 kHz or mSBC at 16 kHz (Bluetooth HFP 1.7 §5.7); A2DP runs at 44.1/48.
HANDS_FREE_MAX_RATE_HZ: Final = 16_000.0


def is_hands_free(name: str, sample_rate_hz: float | None = None) -> bool:
    """Whether a device looks like a Bluetooth headset in hands-free (HFP/HSP) mode.

    A name that says hands-free/HFP is enough; a name that only says headset/Bluetooth needs
    the 8 or 16 kHz sample rate of the hands-free profile as well.
    """
    if HANDS_FREE_NAME.search(name):
        return True
    return bool(
        HEADSET_NAME.search(name)
        and sample_rate_hz is not None
        and 0 < sample_rate_hz <= HANDS_FREE_MAX_RATE_HZ
    )


def band_for_frequency(frequency_mhz: float) -> float | None:
    """The Wi-Fi band (2.4, 5 or 6 GHz) of a channel's centre frequency."""
    if 2400 <= frequency_mhz < 2500:
        return 2.4
    if 5150 <= frequency_mhz < 5925:
        return 5.0
    if 5925 <= frequency_mhz <= 7125:
        return 6.0
    return None


def band_for_channel(channel: int) -> float | None:
    """The band of a Wi-Fi channel number when only the number is known (1–14: 2.4 GHz)."""
    if 1 <= channel <= 14:
        return 2.4
    if 32 <= channel <= 177:
        return 5.0
    return None


def percent_to_dbm(quality_pct: float) -> float:
    """Windows' Wi-Fi signal quality (0–100 %) to dBm, the mapping Windows uses (−100 to −50)."""
    q = min(100.0, max(0.0, quality_pct))
    return q / 2.0 - 100.0


def cpu_busy_pct(before: tuple[int, ...], after: tuple[int, ...]) -> float | None:
    """Busy share between two readings of the ``cpu`` line of /proc/stat (jiffies per state).

    States: user nice system idle iowait irq softirq steal …; idle + iowait count as idle.
    """
    if len(before) < 4 or len(after) != len(before):
        return None
    deltas = [b - a for a, b in zip(before, after, strict=True)]
    total = sum(deltas)
    if total <= 0:
        return None
    idle = deltas[3] + (deltas[4] if len(deltas) > 4 else 0)
    return 100.0 * (total - idle) / total
