"""System detection: parsers on captured outputs, detection over fake files and commands."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Sequence
from pathlib import Path

import pytest

from callcheck.core.host import InterfaceKind, is_hands_free, is_tunnel
from callcheck.core.qos import TOS_EF
from callcheck.engine import system_info as si
from callcheck.engine.qos import (
    TOS_ANCILLARY_BYTES,
    enable_tos_reception,
    ice_sockets,
    mark_sockets,
    socket_tos,
    tos_from_ancillary,
)

# --------------------------------------------------------------------------- captured samples

PROC_NET_ROUTE = """\
Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0
tun0\t00000000\t00000000\t0001\t0\t0\t50\t00000000\t0\t0\t0
wlan0\t0001A8C0\t00000000\t0001\t0\t0\t600\t00FFFFFF\t0\t0\t0
"""

PROC_NET_WIRELESS = """\
Inter-| sta-|   Quality        |   Discarded packets               | Missed | WE
 face | tus | link level noise |  nwid  crypt   frag  retry   misc | beacon | 22
wlan0: 0000   47.  -63.  -256        0      0      0      0     12        0
"""

IW_LINK = """\
Connected to aa:bb:cc:dd:ee:ff (on wlan0)
\tSSID: Office Net
\tfreq: 5180
\tRX: 123456 bytes (789 packets)
\tTX: 23456 bytes (123 packets)
\tsignal: -63 dBm
\trx bitrate: 866.7 MBit/s VHT-MCS 9 80MHz short GI VHT-NSS 2
\ttx bitrate: 585.1 MBit/s VHT-MCS 7 80MHz short GI VHT-NSS 2
"""

NMCLI = """\
no:Neighbour:35:2412 MHz:1
yes:Office\\:Guest:72:2437 MHz:6
"""

PACTL_SOURCES = """\
0\talsa_output.pci.monitor\tmodule-alsa-card.c\ts16le 2ch 48000Hz\tSUSPENDED
1\tbluez_input.AA_BB_CC_DD_EE_FF.0\tmodule-bluez5-device.c\ts16le 1ch 16000Hz\tRUNNING
2\tbluez_sink.AA_BB_CC_DD_EE_FF.a2dp_sink.monitor\tmodule-bluez5-device.c\ts16le 2ch 48000Hz\tIDLE
"""

PROC_STAT_1 = "cpu  100 0 100 800 0 0 0 0 0 0\ncpu0 50 0 50 400 0 0 0 0 0 0\n"
PROC_STAT_2 = "cpu  250 0 150 900 0 0 0 0 0 0\ncpu0 50 0 50 400 0 0 0 0 0 0\n"

ROUTE_GET_DEFAULT = """\
   route to: default
destination: default
       mask: default
    gateway: 192.168.1.1
  interface: en0
      flags: <UP,GATEWAY,DONE,STATIC,PRCLONING>
"""

NETWORKSETUP = """\
Hardware Port: Ethernet
Device: en1
Ethernet Address: 00:11:22:33:44:55

Hardware Port: Wi-Fi
Device: en0
Ethernet Address: 66:77:88:99:aa:bb

Hardware Port: Thunderbolt Bridge
Device: bridge0
Ethernet Address: N/A
"""

SYSTEM_PROFILER = """\
Wi-Fi:

      Software Versions:
          CoreWLAN: 16.0 (1657)
      Interfaces:
        en0:
          Card Type: Wi-Fi  (0x14E4, 0x4378)
          Status: Connected
          Current Network Information:
            HomeNet:
              PHY Mode: 802.11ac
              Channel: 149 (5GHz, 80MHz)
              Country Code: DE
              Network Type: Infrastructure
              Security: WPA2 Personal
              Signal / Noise: -58 dBm / -92 dBm
              Transmit Rate: 866
              MCS Index: 9
          Other Local Wi-Fi Networks:
            Neighbour:
              Channel: 6 (2GHz, 20MHz)
              Signal / Noise: -80 dBm / -90 dBm
"""

AIRPORT_I = """\
     agrCtlRSSI: -67
     agrExtRSSI: 0
    agrCtlNoise: -90
          state: running
     lastTxRate: 144
        maxRate: 144
           SSID: Cafe
        channel: 11
"""

SCUTIL_NC = """\
Available network connection services in the current set (*=enabled):
* (Connected)      1A2B3C4D-0000 PPP --> L2TP       "Work VPN"                       [PPP/L2TP]
* (Disconnected)   5E6F7A8B-0000 IPSec              "Old VPN"                        [IPSec]
"""

NETSH_WLAN = """\

There is 1 interface on the system:

    Name                   : Wi-Fi
    Description            : Intel(R) Wi-Fi 6 AX201 160MHz
    GUID                   : 12345678-aaaa-bbbb-cccc-1234567890ab
    Physical address       : aa:bb:cc:dd:ee:ff
    State                  : connected
    SSID                   : CorpWLAN
    BSSID                  : 11:22:33:44:55:66
    Network type           : Infrastructure
    Radio type             : 802.11ax
    Authentication         : WPA2-Enterprise
    Cipher                 : CCMP
    Connection mode        : Auto Connect
    Band                   : 2.4 GHz
    Channel                : 6
    Receive rate (Mbps)    : 286.8
    Transmit rate (Mbps)   : 286.8
    Signal                 : 58%
    Profile                : CorpWLAN

    Hosted network status  : Not available
"""

PS_DEFAULT = """\
{
    "Name":  "Wi-Fi",
    "InterfaceDescription":  "Intel(R) Wi-Fi 6 AX201 160MHz",
    "PhysicalMediaType":  "Native 802.11",
    "MediaType":  "802.3",
    "Status":  "Up"
}
"""

PS_UP = """\
[
    {"Name": "Wi-Fi", "InterfaceDescription": "Intel(R) Wi-Fi 6 AX201 160MHz",
     "PhysicalMediaType": "Native 802.11", "MediaType": "802.3", "Status": "Up"},
    {"Name": "Ethernet 3",
     "InterfaceDescription": "Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter",
     "PhysicalMediaType": "Unspecified", "MediaType": "802.3", "Status": "Up"},
    {"Name": "Ethernet", "InterfaceDescription": "Realtek PCIe GbE Family Controller",
     "PhysicalMediaType": "802.3", "MediaType": "802.3", "Status": "Up"}
]
"""


class FakeRunner:
    """Answers commands from a table keyed by the first words; records what ran."""

    def __init__(self, answers: dict[str, str]) -> None:
        self.answers = answers
        self.calls: list[tuple[str, ...]] = []

    def __call__(self, args: Sequence[str], timeout_s: float) -> str | None:
        self.calls.append(tuple(args))
        joined = " ".join(args)
        for prefix, answer in self.answers.items():
            if joined.startswith(prefix) or prefix in joined:
                return answer
        return None


def _sysfs(root: Path, name: str, **files: str) -> None:
    base = root / "sys/class/net" / name
    base.mkdir(parents=True)
    for fname, content in files.items():
        if content == "<dir>":
            (base / fname).mkdir()
        else:
            (base / fname).write_text(content)


# --------------------------------------------------------------------------- Linux


def test_parse_proc_net_route_orders_default_routes_by_metric() -> None:
    assert si.parse_proc_net_route(PROC_NET_ROUTE) == ["tun0", "wlan0"]
    assert si.parse_proc_net_route("Iface\tDestination\n") == []


def test_parse_proc_net_wireless() -> None:
    assert si.parse_proc_net_wireless(PROC_NET_WIRELESS) == {"wlan0": -63.0}


def test_parse_iw_link() -> None:
    wifi = si.parse_iw_link(IW_LINK)
    assert wifi is not None
    assert (wifi.ssid, wifi.frequency_mhz, wifi.band_ghz) == ("Office Net", 5180.0, 5.0)
    assert wifi.signal_dbm == -63.0
    assert wifi.tx_rate_mbps == pytest.approx(585.1)
    assert si.parse_iw_link("Not connected.\n") is None


def test_parse_nmcli_picks_the_active_network() -> None:
    wifi = si.parse_nmcli_wifi(NMCLI)
    assert wifi is not None
    assert wifi.ssid == "Office:Guest"
    assert wifi.band_ghz == 2.4
    assert wifi.channel == 6
    assert wifi.signal_dbm == pytest.approx(-90 + 0.7 * 72)


def test_parse_pactl_finds_bluetooth_hands_free() -> None:
    hints = si.parse_pactl_short(PACTL_SOURCES, "input")
    assert [h.name for h in hints] == ["bluez_input.AA_BB_CC_DD_EE_FF.0"]
    assert hints[0].sample_rate_hz == 16000.0
    # A Bluetooth microphone at 16 kHz is the hands-free profile (A2DP has no microphone).
    assert hints[0].bluetooth_hands_free
    named = si.parse_pactl_short(
        "1\tbluez_source.AA.handsfree_head_unit\tm\ts16le 1ch 8000Hz\tRUNNING\n", "input"
    )
    assert named[0].bluetooth_hands_free


def test_cpu_load_from_proc_stat(tmp_path: Path) -> None:
    (tmp_path / "proc").mkdir()
    stat = tmp_path / "proc/stat"
    stat.write_text(PROC_STAT_1)
    meter = si.CpuLoadMeter(platform="linux", root=tmp_path)
    meter.start()
    stat.write_text(PROC_STAT_2)
    assert meter.stop() == pytest.approx(200 / 300 * 100)


def test_cpu_load_meter_on_this_machine() -> None:
    meter = si.CpuLoadMeter()
    meter.start()
    load = meter.stop()
    assert load is None or 0.0 <= load <= 100.0


def test_detect_linux_wifi_under_a_vpn(tmp_path: Path) -> None:
    (tmp_path / "proc/net").mkdir(parents=True)
    (tmp_path / "proc/net/route").write_text(PROC_NET_ROUTE)
    (tmp_path / "proc/net/wireless").write_text(PROC_NET_WIRELESS)
    _sysfs(
        tmp_path, "wlan0", wireless="<dir>", type="1\n", operstate="up\n", uevent="DEVTYPE=wlan\n"
    )
    _sysfs(tmp_path, "tun0", tun_flags="0x1001\n", type="65534\n", operstate="unknown\n")
    _sysfs(tmp_path, "eth0", type="1\n", device="<dir>", operstate="down\n")
    _sysfs(tmp_path, "lo", type="772\n", operstate="unknown\n")
    runner = FakeRunner({"iw dev wlan0 link": IW_LINK, "pactl list short sources": PACTL_SOURCES})
    host = si.detect_host(platform="linux", runner=runner, root=tmp_path)
    assert host.interface == "tun0"
    assert host.interface_kind is InterfaceKind.VPN
    assert host.default_route_via_vpn
    assert host.vpn_interfaces == ("tun0",)
    assert host.wifi is not None
    assert host.wifi.band_ghz == 5.0
    assert host.audio_devices[0].name.startswith("bluez_input")


@pytest.mark.parametrize(
    ("files", "kind"),
    [
        ({"wireless": "<dir>", "type": "1\n"}, InterfaceKind.WIFI),
        ({"type": "1\n", "device": "<dir>"}, InterfaceKind.ETHERNET),
        ({"type": "1\n"}, InterfaceKind.OTHER),  # veth, bridge
        ({"type": "65534\n", "uevent": "DEVTYPE=wireguard\n"}, InterfaceKind.VPN),
        ({"type": "512\n"}, InterfaceKind.VPN),  # ppp
        ({"type": "1\n", "uevent": "DEVTYPE=wwan\n"}, InterfaceKind.CELLULAR),
    ],
    ids=["wifi", "ethernet", "virtual", "wireguard", "ppp", "wwan"],
)
def test_linux_interface_kind(tmp_path: Path, files: dict[str, str], kind: InterfaceKind) -> None:
    _sysfs(tmp_path, "if0", **files)
    assert si.linux_interface_kind(tmp_path, "if0") is kind


def test_linux_without_iw_or_nmcli_keeps_the_signal(tmp_path: Path) -> None:
    (tmp_path / "proc/net").mkdir(parents=True)
    routes = "".join(line + "\n" for line in PROC_NET_ROUTE.splitlines() if "tun0" not in line)
    (tmp_path / "proc/net/route").write_text(routes)
    (tmp_path / "proc/net/wireless").write_text(PROC_NET_WIRELESS)
    _sysfs(tmp_path, "wlan0", wireless="<dir>", type="1\n")
    host = si.detect_host(platform="linux", runner=FakeRunner({}), root=tmp_path)
    assert host.interface == "wlan0"
    assert host.interface_kind is InterfaceKind.WIFI
    assert host.wifi is not None
    assert host.wifi.signal_dbm == -63.0
    assert any("band unknown" in n for n in host.notes)


# --------------------------------------------------------------------------- macOS


def test_macos_parsers() -> None:
    assert si.parse_route_get_default(ROUTE_GET_DEFAULT) == "en0"
    ports = si.parse_networksetup_ports(NETWORKSETUP)
    assert ports == {"en1": "Ethernet", "en0": "Wi-Fi", "bridge0": "Thunderbolt Bridge"}
    wifi = si.parse_system_profiler_airport(SYSTEM_PROFILER)
    assert wifi is not None
    assert (wifi.ssid, wifi.channel, wifi.band_ghz, wifi.signal_dbm) == ("HomeNet", 149, 5.0, -58.0)
    assert wifi.tx_rate_mbps == 866.0
    old = si.parse_airport_info(AIRPORT_I)
    assert old is not None
    assert (old.ssid, old.signal_dbm, old.band_ghz) == ("Cafe", -67.0, 2.4)
    assert si.parse_scutil_nc_list(SCUTIL_NC) == ("Work VPN",)


def test_detect_macos() -> None:
    runner = FakeRunner(
        {
            "route -n get default": ROUTE_GET_DEFAULT,
            "networksetup": NETWORKSETUP,
            "system_profiler": SYSTEM_PROFILER,
            "scutil --nc list": SCUTIL_NC,
        }
    )
    host = si.detect_host(platform="darwin", runner=runner)
    assert host.os == "macos"
    assert host.interface_kind is InterfaceKind.WIFI
    assert host.wifi is not None
    assert host.wifi.signal_dbm == -58.0
    assert host.vpn_interfaces == ("Work VPN",)


# --------------------------------------------------------------------------- Windows


def test_parse_netsh_wlan() -> None:
    wifi = si.parse_netsh_wlan(NETSH_WLAN)
    assert wifi is not None
    assert (wifi.ssid, wifi.band_ghz, wifi.channel) == ("CorpWLAN", 2.4, 6)
    assert wifi.signal_dbm == pytest.approx(-71.0)
    assert si.parse_netsh_wlan(NETSH_WLAN.replace(": connected", ": disconnected")) is None


def test_detect_windows() -> None:
    runner = FakeRunner(
        {"Get-NetRoute": PS_DEFAULT, "Get-NetAdapter | Where": PS_UP, "netsh wlan": NETSH_WLAN}
    )
    host = si.detect_host(platform="win32", runner=runner)
    assert host.interface == "Wi-Fi"
    assert host.interface_kind is InterfaceKind.WIFI
    assert host.vpn_interfaces == ("Ethernet 3",)
    assert host.wifi is not None
    assert host.wifi.band_ghz == 2.4


def test_windows_garbage_is_unknown() -> None:
    host = si.detect_host(platform="win32", runner=FakeRunner({"Get-Net": "not json"}))
    assert host.interface_kind is InterfaceKind.UNKNOWN
    assert host.notes


# --------------------------------------------------------------------------- elsewhere


def test_other_platforms_are_unknown_with_a_note() -> None:
    host = si.detect_host(platform="sunos5", runner=FakeRunner({}))
    assert host.interface_kind is InterfaceKind.UNKNOWN
    assert "not supported" in host.notes[0]


def test_detection_never_raises() -> None:
    def broken(args: Sequence[str], timeout_s: float) -> str | None:
        raise RuntimeError("boom")

    host = si.detect_host(platform="darwin", runner=broken)
    assert "boom" in host.notes[0]


def test_run_command_missing_tool_is_none() -> None:
    assert si.run_command(["callcheck-no-such-tool-xyz"]) is None
    assert si.run_command(["true"]) == ""


@pytest.mark.parametrize(
    ("name", "rate", "expected"),
    [
        ("Headset (WH-1000XM4 Hands-Free AG Audio)", 16000, True),
        ("bluez_source.00_11.handsfree_head_unit", None, True),
        ("Jabra Evolve (HFP)", 48000, True),
        ("AirPods Pro", 16000, True),
        ("AirPods Pro", 48000, False),
        ("USB Headset", 48000, False),
        ("Built-in Microphone", 16000, False),
    ],
)
def test_hands_free_detection(name: str, rate: float | None, expected: bool) -> None:
    assert is_hands_free(name, rate) is expected


@pytest.mark.parametrize(
    ("name", "description", "expected"),
    [
        ("wg0", "", True),
        ("utun3", "", True),
        ("Ethernet 3", "Cisco AnyConnect Secure Mobility Client", True),
        ("Local Area Connection", "TAP-Windows Adapter V9", True),
        ("eth0", "", False),
        ("Wi-Fi", "Intel Wi-Fi 6", False),
    ],
)
def test_tunnel_names(name: str, description: str, expected: bool) -> None:
    assert is_tunnel(name, description) is expected


def test_audio_hints_from_sounddevice_entries() -> None:
    devices = [
        {"name": "pulse", "default_samplerate": 44100.0},
        {"name": "Headset Hands-Free", "default_samplerate": 8000.0},
    ]
    hints = si.audio_hints(devices, input_index=1, output_index=0)
    assert [h.direction for h in hints] == ["input", "output"]
    assert hints[0].bluetooth_hands_free


# --------------------------------------------------------------------------- DSCP marking


def test_marked_socket_sends_dscp_ef_on_the_wire() -> None:
    receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sender = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    with receiver, sender:
        receiver.bind(("127.0.0.1", 0))
        enable_tos_reception(receiver)
        result = mark_sockets([sender])
        assert result.dscp_sent == 46
        assert result.sockets_marked == 1
        assert socket_tos(sender) == TOS_EF
        sender.sendto(b"rtp", receiver.getsockname())
        _, ancdata, _, _ = receiver.recvmsg(64, TOS_ANCILLARY_BYTES)
        assert tos_from_ancillary(ancdata) == TOS_EF


def test_no_sockets_is_reported() -> None:
    result = mark_sockets([])
    assert result.dscp_sent is None
    assert result.error == "no media sockets found to mark"


def test_aioice_connection_sockets_are_found_and_marked() -> None:
    import aioice

    async def gather_and_mark() -> tuple[int, list[int]]:
        conn = aioice.Connection(ice_controlling=True, components=1)
        try:
            await conn.gather_candidates()
            socks = list(ice_sockets(conn))
            return mark_sockets(socks).sockets_marked, [socket_tos(s) for s in socks]
        finally:
            await conn.close()

    marked, tos_values = asyncio.run(gather_and_mark())
    if not tos_values:
        pytest.skip("aioice found no usable local address on this machine")
    assert marked == len(tos_values)
    assert set(tos_values) == {TOS_EF}
