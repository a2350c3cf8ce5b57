"""Detect what the computer is using: the network interface, Wi-Fi, VPNs, headset, CPU load.

Every operating-system query is one small function around a command or a file, and every
output is read by a pure parser (``parse_*``) that the tests feed captured samples. Commands
run through an injectable :data:`CommandRunner` and files are read under an injectable ``root``,
so tests fake both. Anything that cannot be told is left ``None``/``unknown`` with a note.

* Linux: ``/proc/net/route`` (default route), ``/sys/class/net`` (interface kind, tunnels),
  ``/proc/net/wireless`` (signal), ``iw dev IF link`` or ``nmcli`` (band, SSID), ``pactl``
  (Bluetooth profiles), ``/proc/stat`` (CPU busy share);
* macOS: ``route -n get default``, ``networksetup -listallhardwareports``, ``system_profiler
  SPAirPortDataType`` (or the older ``airport -I``), ``scutil --nc list`` (VPNs),
  ``os.getloadavg``;
* Windows: ``netsh wlan show interfaces`` and PowerShell ``Get-NetRoute``/``Get-NetAdapter``/
  ``Win32_Processor.LoadPercentage``.

The functions block (they run commands with a short timeout): call them from a worker thread
(``asyncio.to_thread``), never on the engine loop.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from callcheck.core.host import (
    AudioDeviceHint,
    HostInfo,
    InterfaceKind,
    WifiInfo,
    band_for_channel,
    band_for_frequency,
    cpu_busy_pct,
    is_hands_free,
    is_tunnel,
    percent_to_dbm,
)

#: ``runner(args, timeout_s)`` → the command's stdout, or None if it is missing, failed or
#: timed out.
CommandRunner = Callable[[Sequence[str], float], str | None]

COMMAND_TIMEOUT_S: Final = 3.0
#: The macOS ``airport`` tool (removed in macOS 14.4; ``system_profiler`` is tried first).
AIRPORT: Final = (
    "/System/Library/PrivateFrameworks/Apple80211.framework/Versions/Current/Resources/airport"
)


def run_command(args: Sequence[str], timeout_s: float = COMMAND_TIMEOUT_S) -> str | None:
    """Run a command; its stdout, or None if it is not installed, fails or times out."""
    try:
        done = subprocess.run(
            list(args),
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout_s,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def os_name(platform: str | None = None) -> str:
    """``linux``, ``macos``, ``windows``, or the raw ``sys.platform`` elsewhere."""
    p = sys.platform if platform is None else platform
    if p.startswith("linux"):
        return "linux"
    if p == "darwin":
        return "macos"
    if p in ("win32", "cygwin"):
        return "windows"
    return p


# =============================================================================================
# Linux parsers


def parse_proc_net_route(text: str) -> list[str]:
    """Interfaces with an IPv4 default route (destination 0, mask 0), lowest metric first."""
    routes: list[tuple[int, str]] = []
    for line in text.splitlines()[1:]:
        cols = line.split()
        if len(cols) < 8:
            continue
        iface, dest, flags, metric, mask = cols[0], cols[1], cols[3], cols[6], cols[7]
        try:
            up = int(flags, 16) & 0x1
            if dest == "00000000" and mask == "00000000" and up:
                routes.append((int(metric), iface))
        except ValueError:
            continue
    return [iface for _, iface in sorted(routes)]


def parse_proc_net_wireless(text: str) -> dict[str, float]:
    """Signal level (dBm) per interface from /proc/net/wireless."""
    out: dict[str, float] = {}
    for line in text.splitlines()[2:]:
        if ":" not in line:
            continue
        name, rest = line.split(":", 1)
        cols = rest.split()
        if len(cols) < 3:
            continue
        try:
            level = float(cols[2].rstrip("."))
        except ValueError:
            continue
        # Some drivers report an unsigned byte (256 − |dBm|); others a 0–100 quality.
        if level > 0:
            level = level - 256 if level > 100 else percent_to_dbm(level)
        out[name.strip()] = level
    return out


def parse_iw_link(text: str) -> WifiInfo | None:
    """``iw dev IF link``: SSID, frequency, signal, TX bitrate; None when not connected."""
    if not text.strip() or text.strip().lower().startswith("not connected"):
        return None
    ssid = _search(r"^\s*SSID:\s*(.+)$", text)
    freq = _number(_search(r"^\s*freq:\s*([\d.]+)", text))
    signal = _number(_search(r"^\s*signal:\s*(-?[\d.]+)\s*dBm", text))
    rate = _number(_search(r"^\s*tx bitrate:\s*([\d.]+)\s*MBit/s", text))
    return WifiInfo(
        ssid=ssid,
        signal_dbm=signal,
        frequency_mhz=freq,
        band_ghz=None if freq is None else band_for_frequency(freq),
        tx_rate_mbps=rate,
    )


def nm_percent_to_dbm(percent: float) -> float:
    """NetworkManager's signal % back to dBm (NM maps −90…−20 dBm linearly onto 0…100 %)."""
    return -90.0 + 0.7 * min(100.0, max(0.0, percent))


def parse_nmcli_wifi(text: str) -> WifiInfo | None:
    """``nmcli -t -f ACTIVE,SSID,SIGNAL,FREQ,CHAN device wifi list``: the active network."""
    for line in text.splitlines():
        fields = [f.replace("\\:", ":") for f in re.split(r"(?<!\\):", line)]
        if len(fields) < 5 or fields[0].lower() not in ("yes", "ja", "oui", "sí"):
            continue
        freq = _number(_search(r"([\d.]+)", fields[3]))
        signal = _number(fields[2])
        channel = _number(fields[4])
        return WifiInfo(
            ssid=fields[1] or None,
            signal_dbm=None if signal is None else nm_percent_to_dbm(signal),
            frequency_mhz=freq,
            band_ghz=None if freq is None else band_for_frequency(freq),
            channel=None if channel is None else int(channel),
        )
    return None


def parse_proc_stat_cpu(text: str) -> tuple[int, ...] | None:
    """The aggregate ``cpu`` line of /proc/stat as jiffies per state."""
    for line in text.splitlines():
        if line.startswith("cpu "):
            try:
                return tuple(int(v) for v in line.split()[1:])
            except ValueError:
                return None
    return None


#: ``pactl list short sources|sinks``: index, name, driver, sample spec ("s16le 1ch 16000Hz").
_PACTL_LINE: Final = re.compile(r"^\d+\s+(\S+)\s+\S+\s+\S+\s+\d+ch\s+(\d+)Hz", re.MULTILINE)


def parse_pactl_short(text: str, direction: str) -> list[AudioDeviceHint]:
    """Bluetooth devices (``bluez_*``) from ``pactl list short sources`` or ``… sinks``."""
    hints = []
    for m in _PACTL_LINE.finditer(text):
        name, rate = m.group(1), float(m.group(2))
        if "bluez" in name.lower() and not name.endswith(".monitor"):
            hints.append(AudioDeviceHint(name=name, sample_rate_hz=rate, direction=direction))
    return hints


# Linux interface kinds (include/uapi/linux/if_arp.h).
_ARPHRD_ETHER: Final = 1
_ARPHRD_TUNNEL_TYPES: Final = frozenset({65534, 512, 768, 769, 776, 778, 823})  # none, ppp, …


def linux_interface_kind(root: Path, iface: str) -> InterfaceKind:
    """Classify an interface from /sys/class/net/IF."""
    base = root / "sys/class/net" / iface
    if not base.exists():
        return InterfaceKind.UNKNOWN
    uevent = _read(base / "uevent") or ""
    devtype = _search(r"^DEVTYPE=(\S+)", uevent) or ""
    if (base / "wireless").exists() or (base / "phy80211").exists() or devtype == "wlan":
        return InterfaceKind.WIFI
    if devtype == "wwan":
        return InterfaceKind.CELLULAR
    arp_type = _number(_read(base / "type"))
    if (
        (base / "tun_flags").exists()
        or devtype in ("wireguard", "vti", "ipip", "gre")
        or (arp_type is not None and int(arp_type) in _ARPHRD_TUNNEL_TYPES)
        or is_tunnel(iface)
    ):
        return InterfaceKind.VPN
    if arp_type is not None and int(arp_type) == _ARPHRD_ETHER:
        # A physical NIC has a device link; veth, bridges and docker0 do not.
        return InterfaceKind.ETHERNET if (base / "device").exists() else InterfaceKind.OTHER
    return InterfaceKind.OTHER


def linux_tunnels(root: Path) -> tuple[str, ...]:
    """Tunnel interfaces that are not down."""
    net = root / "sys/class/net"
    if not net.is_dir():
        return ()
    found = []
    for entry in sorted(net.iterdir()):
        if (_read(entry / "operstate") or "").strip() == "down":
            continue
        if linux_interface_kind(root, entry.name) is InterfaceKind.VPN:
            found.append(entry.name)
    return tuple(found)


def _detect_linux(runner: CommandRunner, root: Path) -> HostInfo:
    notes: list[str] = []
    defaults = parse_proc_net_route(_read(root / "proc/net/route") or "")
    iface = defaults[0] if defaults else None
    kind = InterfaceKind.UNKNOWN if iface is None else linux_interface_kind(root, iface)
    if iface is None:
        notes.append("no IPv4 default route found")
    tunnels = linux_tunnels(root)
    wifi: WifiInfo | None = None
    wifi_iface = iface if kind is InterfaceKind.WIFI else None
    if kind is InterfaceKind.VPN:
        # The real link is under the tunnel: the next default route, else any Wi-Fi that is up.
        for other in defaults[1:]:
            if linux_interface_kind(root, other) is InterfaceKind.WIFI:
                wifi_iface = other
    if wifi_iface is not None:
        out = runner(["iw", "dev", wifi_iface, "link"], COMMAND_TIMEOUT_S)
        wifi = parse_iw_link(out) if out else None
        if wifi is None:
            out = runner(
                ["nmcli", "-t", "-f", "ACTIVE,SSID,SIGNAL,FREQ,CHAN", "device", "wifi", "list"],
                COMMAND_TIMEOUT_S,
            )
            wifi = parse_nmcli_wifi(out) if out else None
        levels = parse_proc_net_wireless(_read(root / "proc/net/wireless") or "")
        if wifi is None:
            wifi = WifiInfo(signal_dbm=levels.get(wifi_iface))
            notes.append("Wi-Fi band unknown: neither iw nor nmcli answered")
        elif wifi.signal_dbm is None and wifi_iface in levels:
            wifi = WifiInfo(
                ssid=wifi.ssid,
                signal_dbm=levels[wifi_iface],
                frequency_mhz=wifi.frequency_mhz,
                band_ghz=wifi.band_ghz,
                tx_rate_mbps=wifi.tx_rate_mbps,
                channel=wifi.channel,
            )
    audio: list[AudioDeviceHint] = []
    for what, direction in (("sources", "input"), ("sinks", "output")):
        out = runner(["pactl", "list", "short", what], COMMAND_TIMEOUT_S)
        if out:
            audio.extend(parse_pactl_short(out, direction))
    return HostInfo(
        os="linux",
        interface=iface,
        interface_kind=kind,
        wifi=wifi,
        vpn_interfaces=tunnels,
        default_route_via_vpn=kind is InterfaceKind.VPN,
        audio_devices=tuple(audio),
        cpu_count=os.cpu_count(),
        notes=tuple(notes),
    )


# =============================================================================================
# macOS parsers


def parse_route_get_default(text: str) -> str | None:
    """``route -n get default``: the interface of the default route."""
    return _search(r"^\s*interface:\s*(\S+)", text)


def parse_networksetup_ports(text: str) -> dict[str, str]:
    """``networksetup -listallhardwareports``: device → hardware port name."""
    ports: dict[str, str] = {}
    port: str | None = None
    for line in text.splitlines():
        if line.startswith("Hardware Port:"):
            port = line.split(":", 1)[1].strip()
        elif line.startswith("Device:") and port is not None:
            ports[line.split(":", 1)[1].strip()] = port
            port = None
    return ports


def macos_port_kind(port: str | None, device: str) -> InterfaceKind:
    """Kind of a macOS interface from its hardware port name."""
    p = (port or "").lower()
    if "wi-fi" in p or "airport" in p:
        return InterfaceKind.WIFI
    if "iphone" in p or "ipad" in p or "wwan" in p:
        return InterfaceKind.CELLULAR
    if "ethernet" in p or "lan" in p or "thunderbolt" in p:
        return InterfaceKind.ETHERNET
    if is_tunnel(device, p):
        return InterfaceKind.VPN
    return InterfaceKind.UNKNOWN if port is None else InterfaceKind.OTHER


def parse_system_profiler_airport(text: str) -> WifiInfo | None:
    """``system_profiler SPAirPortDataType``: the "Current Network Information" block."""
    start = text.find("Current Network Information:")
    if start < 0:
        return None
    block = text[start:]
    end = block.find("Other Local Wi-Fi Networks:")
    if end > 0:
        block = block[:end]
    lines = block.splitlines()
    ssid = lines[1].strip().rstrip(":") if len(lines) > 1 else None
    channel_text = _search(r"^\s*Channel:\s*(.+)$", block) or ""
    channel = _number(_search(r"^(\d+)", channel_text))
    band_text = _search(r"\(([\d.]+)\s*GHz", channel_text)
    band = _number(band_text)
    signal = _number(_search(r"Signal / Noise:\s*(-?\d+)\s*dBm", block))
    rate = _number(_search(r"Transmit Rate:\s*([\d.]+)", block))
    if band is None and channel is not None:
        band = band_for_channel(int(channel))
    return WifiInfo(
        ssid=ssid or None,
        signal_dbm=signal,
        band_ghz=band,
        tx_rate_mbps=rate,
        channel=None if channel is None else int(channel),
    )


def parse_airport_info(text: str) -> WifiInfo | None:
    """``airport -I`` (macOS before 14.4)."""
    rssi = _number(_search(r"^\s*agrCtlRSSI:\s*(-?\d+)", text))
    if rssi is None:
        return None
    channel = _number(_search(r"^\s*channel:\s*(\d+)", text))
    return WifiInfo(
        ssid=_search(r"^\s*SSID:\s*(.+)$", text),
        signal_dbm=rssi,
        band_ghz=None if channel is None else band_for_channel(int(channel)),
        tx_rate_mbps=_number(_search(r"^\s*lastTxRate:\s*([\d.]+)", text)),
        channel=None if channel is None else int(channel),
    )


def parse_scutil_nc_list(text: str) -> tuple[str, ...]:
    """``scutil --nc list``: names of the VPN services that are connected."""
    return tuple(
        m.group(1) for m in re.finditer(r'^\*?\s*\(Connected\).*?"([^"]+)"', text, re.MULTILINE)
    )


def _detect_macos(runner: CommandRunner) -> HostInfo:
    notes: list[str] = []
    iface = parse_route_get_default(runner(["route", "-n", "get", "default"], 3.0) or "")
    ports = parse_networksetup_ports(
        runner(["networksetup", "-listallhardwareports"], COMMAND_TIMEOUT_S) or ""
    )
    kind = InterfaceKind.UNKNOWN if iface is None else macos_port_kind(ports.get(iface), iface)
    wifi: WifiInfo | None = None
    has_wifi_port = any(macos_port_kind(p, d) is InterfaceKind.WIFI for d, p in ports.items())
    if kind is InterfaceKind.WIFI or (kind is InterfaceKind.VPN and has_wifi_port):
        wifi = parse_system_profiler_airport(
            runner(["system_profiler", "SPAirPortDataType"], 10.0) or ""
        ) or parse_airport_info(runner([AIRPORT, "-I"], COMMAND_TIMEOUT_S) or "")
        if wifi is None:
            notes.append("Wi-Fi details unknown: system_profiler and airport gave nothing")
    vpns = parse_scutil_nc_list(runner(["scutil", "--nc", "list"], COMMAND_TIMEOUT_S) or "")
    tunnels = tuple(vpns) + ((iface,) if kind is InterfaceKind.VPN and iface else ())
    return HostInfo(
        os="macos",
        interface=iface,
        interface_kind=kind,
        wifi=wifi,
        vpn_interfaces=tunnels,
        default_route_via_vpn=kind is InterfaceKind.VPN,
        cpu_count=os.cpu_count(),
        notes=tuple(notes),
    )


# =============================================================================================
# Windows parsers


def parse_netsh_wlan(text: str) -> WifiInfo | None:
    """``netsh wlan show interfaces`` (English output): the connected interface's link."""
    values: dict[str, str] = {}
    for line in text.splitlines():
        if ":" in line:
            key, value = line.split(":", 1)
            values.setdefault(key.strip().lower(), value.strip())
    if values.get("state", "").lower() != "connected":
        return None
    signal = _number(values.get("signal", "").rstrip("%"))
    channel = _number(values.get("channel"))
    band = _number(_search(r"([\d.]+)\s*GHz", values.get("band", "")))
    if band is None and channel is not None:
        band = band_for_channel(int(channel))
    return WifiInfo(
        ssid=values.get("ssid") or None,
        signal_dbm=None if signal is None else percent_to_dbm(signal),
        band_ghz=band,
        tx_rate_mbps=_number(values.get("transmit rate (mbps)")),
        channel=None if channel is None else int(channel),
    )


def parse_windows_adapters(text: str) -> list[dict[str, Any]]:
    """PowerShell ``Get-NetAdapter … | ConvertTo-Json``: one object or a list of them."""
    try:
        data = json.loads(text)
    except ValueError:
        return []
    items = data if isinstance(data, list) else [data]
    return [i for i in items if isinstance(i, dict)]


def windows_adapter_kind(adapter: Mapping[str, Any]) -> InterfaceKind:
    """Kind of a Windows adapter from its media type and description."""
    name = str(adapter.get("Name") or "")
    desc = str(adapter.get("InterfaceDescription") or "")
    media = f"{adapter.get('PhysicalMediaType') or ''} {adapter.get('MediaType') or ''}".lower()
    if is_tunnel(name, desc):
        return InterfaceKind.VPN
    if "802.11" in media or "wireless" in media or "wi-fi" in desc.lower():
        return InterfaceKind.WIFI
    if "wwan" in media or "mobile broadband" in desc.lower():
        return InterfaceKind.CELLULAR
    if "802.3" in media:
        return InterfaceKind.ETHERNET
    return InterfaceKind.OTHER


_PS_DEFAULT_ADAPTER: Final = (
    "Get-NetRoute -DestinationPrefix 0.0.0.0/0 | Sort-Object RouteMetric | "
    "Select-Object -First 1 -ExpandProperty InterfaceIndex | "
    "ForEach-Object { Get-NetAdapter -InterfaceIndex $_ } | "
    "Select-Object Name,InterfaceDescription,PhysicalMediaType,MediaType,Status | ConvertTo-Json"
)
_PS_UP_ADAPTERS: Final = (
    "Get-NetAdapter | Where-Object Status -eq 'Up' | "
    "Select-Object Name,InterfaceDescription,PhysicalMediaType,MediaType,Status | ConvertTo-Json"
)
_PS_CPU_LOAD: Final = (
    "(Get-CimInstance Win32_Processor | Measure-Object -Property LoadPercentage -Average).Average"
)


def _powershell(runner: CommandRunner, script: str) -> str | None:
    return runner(["powershell", "-NoProfile", "-NonInteractive", "-Command", script], 8.0)


def _detect_windows(runner: CommandRunner) -> HostInfo:
    notes: list[str] = []
    default = parse_windows_adapters(_powershell(runner, _PS_DEFAULT_ADAPTER) or "")
    iface = str(default[0].get("Name")) if default else None
    kind = windows_adapter_kind(default[0]) if default else InterfaceKind.UNKNOWN
    if not default:
        notes.append("PowerShell did not name the default adapter")
    up = parse_windows_adapters(_powershell(runner, _PS_UP_ADAPTERS) or "")
    tunnels = tuple(str(a.get("Name")) for a in up if windows_adapter_kind(a) is InterfaceKind.VPN)
    wifi = None
    if kind in (InterfaceKind.WIFI, InterfaceKind.VPN):
        wifi = parse_netsh_wlan(runner(["netsh", "wlan", "show", "interfaces"], 5.0) or "")
    return HostInfo(
        os="windows",
        interface=iface,
        interface_kind=kind,
        wifi=wifi,
        vpn_interfaces=tunnels,
        default_route_via_vpn=kind is InterfaceKind.VPN,
        cpu_count=os.cpu_count(),
        notes=tuple(notes),
    )


# =============================================================================================
# Entry points


def detect_host(
    *,
    platform: str | None = None,
    runner: CommandRunner = run_command,
    root: Path = Path("/"),
    audio_devices: Sequence[AudioDeviceHint] = (),
    cpu_load_pct: float | None = None,
) -> HostInfo:
    """Detect the network interface, Wi-Fi, VPNs and Bluetooth headsets of this computer.

    ``audio_devices`` are the devices the test used (see :func:`audio_hints`); they are added to
    what the OS lists. ``cpu_load_pct`` comes from a :class:`CpuLoadMeter` run over the test.
    Never raises: what fails is left unknown with a note.
    """
    name = os_name(platform)
    try:
        if name == "linux":
            info = _detect_linux(runner, root)
        elif name == "macos":
            info = _detect_macos(runner)
        elif name == "windows":
            info = _detect_windows(runner)
        else:
            info = HostInfo(os=name, notes=(f"network detection not supported on {name}",))
    except Exception as exc:  # detection is best effort: a surprise never fails a test
        info = HostInfo(os=name, notes=(f"detection failed: {type(exc).__name__}: {exc}",))
    return HostInfo(
        os=info.os,
        interface=info.interface,
        interface_kind=info.interface_kind,
        wifi=info.wifi,
        vpn_interfaces=info.vpn_interfaces,
        default_route_via_vpn=info.default_route_via_vpn,
        audio_devices=tuple(audio_devices) + info.audio_devices,
        cpu_load_pct=cpu_load_pct,
        cpu_count=info.cpu_count,
        notes=info.notes,
    )


def audio_hints(
    devices: Sequence[Mapping[str, Any]], *, input_index: int | None, output_index: int | None
) -> tuple[AudioDeviceHint, ...]:
    """Hints for the devices a test used, from ``sounddevice.query_devices()`` entries."""
    hints = []
    for index, direction in ((input_index, "input"), (output_index, "output")):
        if index is None or not 0 <= index < len(devices):
            continue
        d = devices[index]
        rate = d.get("default_samplerate")
        hints.append(
            AudioDeviceHint(
                name=str(d.get("name", "")),
                sample_rate_hz=float(rate) if isinstance(rate, int | float) else None,
                direction=direction,
            )
        )
    return tuple(hints)


@dataclass
class CpuLoadMeter:
    """Whole-machine CPU busy share over an interval (the test call).

    Linux: two readings of /proc/stat. macOS and other Unixes: the 1-minute load average over
    the core count at :meth:`stop` (an approximation). Windows: ``Win32_Processor``'s
    ``LoadPercentage`` at :meth:`stop`. psutil is deliberately not a dependency.
    """

    platform: str | None = None
    runner: CommandRunner = run_command
    root: Path = Path("/")
    _start: tuple[int, ...] | None = field(default=None, init=False)

    def start(self) -> None:
        """Take the first reading (call when the test starts)."""
        if os_name(self.platform) == "linux":
            self._start = parse_proc_stat_cpu(_read(self.root / "proc/stat") or "")

    def stop(self) -> float | None:
        """The busy share since :meth:`start`, 0–100; None when it cannot be measured."""
        name = os_name(self.platform)
        if name == "linux":
            after = parse_proc_stat_cpu(_read(self.root / "proc/stat") or "")
            if self._start is None or after is None:
                return None
            return cpu_busy_pct(self._start, after)
        if name == "windows":
            return _number(_powershell(self.runner, _PS_CPU_LOAD))
        try:
            load = os.getloadavg()[0]
        except (AttributeError, OSError):
            return None
        cores = os.cpu_count() or 1
        return min(100.0, 100.0 * load / cores)


# =============================================================================================
# Helpers


def _read(path: Path) -> str | None:
    try:
        return path.read_text(errors="replace")
    except OSError:
        return None


def _search(pattern: str, text: str) -> str | None:
    m = re.search(pattern, text, re.MULTILINE)
    return m.group(1).strip() if m else None


def _number(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        return float(text.strip())
    except ValueError:
        return None


__all__ = [
    "CommandRunner",
    "CpuLoadMeter",
    "audio_hints",
    "detect_host",
    "is_hands_free",
    "run_command",
]
