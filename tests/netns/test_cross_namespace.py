"""`callcheck serve` in one network namespace, `callcheck test` in another, joined by veth.

Addresses are in 10.77.0.0/24 *inside namespaces these tests create* (and delete); nothing is
sent anywhere else. The kernel has no netem, so the network is impaired with nftables on the
server's ingress, whose counters are exact ground truth:

- random drop (``numgen random mod 100 < 5``) of RTP only — matched on the UDP payload: RTP
  version 2 in the first two bits (RFC 3550 §5.1; STUN and DTLS start with 00) and a second byte
  outside 192–223 (RTCP, RFC 5761 §4) — compared with the uplink loss the report states;
- every UDP datagram dropped: the client must say "firewall blocks UDP" (``udp_blocked``) and
  exit 3 within 10 s.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "resources" / "report.schema.json").read_text())
SERVER_ADDRESS = "10.77.0.1"
CLIENT_ADDRESS = "10.77.0.2"
PORT = 8080
TABLE = "callcheck_test"

pytestmark = pytest.mark.netns


def _skip_reason() -> str | None:
    if sys.platform != "linux":
        return "network namespaces are Linux only"
    if os.geteuid() != 0:
        return "needs root to create network namespaces"
    for tool in ("ip", "nft"):
        if shutil.which(tool) is None:
            return f"needs the {tool!r} command"
    probe = f"cccheck{os.getpid()}"
    made = subprocess.run(["ip", "netns", "add", probe], capture_output=True, check=False)
    if made.returncode != 0:
        return f"`ip netns add` does not work here: {made.stderr.decode().strip()}"
    subprocess.run(["ip", "netns", "del", probe], capture_output=True, check=False)
    return None


_REASON = _skip_reason()
if _REASON is not None:
    pytestmark = [pytest.mark.netns, pytest.mark.skip(reason=_REASON)]


def _run(*args: str) -> str:
    done = subprocess.run(list(args), capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{' '.join(args)}: {done.stderr}"
    return done.stdout


def _exe() -> str:
    exe = shutil.which("callcheck", path=str(Path(sys.executable).parent))
    assert exe
    return exe


class Namespaces:
    """Two namespaces joined by a veth pair; the server's has an nftables table to fill."""

    def __init__(self) -> None:
        # CALLCHECK_NETNS_PREFIX: names of one's own when several runs share the machine.
        prefix = os.environ.get("CALLCHECK_NETNS_PREFIX", "cc")[:5]
        suffix = f"{os.getpid() % 100000}"
        self.server = f"{prefix}srv{suffix}"
        self.client = f"{prefix}cli{suffix}"
        veth_s, veth_c = f"{prefix}s{suffix}", f"{prefix}c{suffix}"
        _run("ip", "netns", "add", self.server)
        _run("ip", "netns", "add", self.client)
        _run("ip", "link", "add", veth_s, "type", "veth", "peer", "name", veth_c)
        _run("ip", "link", "set", veth_s, "netns", self.server)
        _run("ip", "link", "set", veth_c, "netns", self.client)
        for ns, dev, address in (
            (self.server, veth_s, SERVER_ADDRESS),
            (self.client, veth_c, CLIENT_ADDRESS),
        ):
            _run("ip", "-n", ns, "addr", "add", f"{address}/24", "dev", dev)
            _run("ip", "-n", ns, "link", "set", dev, "up")
            _run("ip", "-n", ns, "link", "set", "lo", "up")

    def nft(self, rules: str) -> None:
        """Replace the server's filter table with one input chain holding ``rules``."""
        subprocess.run(
            ["ip", "netns", "exec", self.server, "nft", "delete", "table", "inet", TABLE],
            capture_output=True,
            check=False,
        )
        script = (
            f"table inet {TABLE} {{\n  chain input {{\n"
            "    type filter hook input priority 0; policy accept;\n"
            f"{rules}\n  }}\n}}\n"
        )
        done = subprocess.run(
            ["ip", "netns", "exec", self.server, "nft", "-f", "-"],
            input=script,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stderr

    def counters(self) -> list[int]:
        """Packet counters of the table's rules, in order."""
        data = json.loads(
            _run("ip", "netns", "exec", self.server, "nft", "-j", "list", "table", "inet", TABLE)
        )
        return [
            expr["counter"]["packets"]
            for item in data["nftables"]
            if "rule" in item
            for expr in item["rule"]["expr"]
            if "counter" in expr
        ]

    def delete(self) -> None:
        for ns in (self.server, self.client):  # deleting a namespace removes its veth end
            subprocess.run(["ip", "netns", "del", ns], capture_output=True, check=False)


@pytest.fixture(scope="module")
def namespaces(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Namespaces]:
    nets = Namespaces()
    log = tmp_path_factory.mktemp("netns") / "server.log"
    try:
        with (
            log.open("w") as stderr,
            subprocess.Popen(
                [
                    "ip",
                    "netns",
                    "exec",
                    nets.server,
                    _exe(),
                    "serve",
                    "--host",
                    SERVER_ADDRESS,
                    "--port",
                    str(PORT),
                    "--ice-address",
                    SERVER_ADDRESS,
                ],
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
            ) as server,  # fmt: skip
        ):
            try:
                assert server.stdout is not None
                line = server.stdout.readline()
                assert re.search(r"listening on http://", line), log.read_text()
                yield nets
            finally:
                server.terminate()
                server.wait(10)
    finally:
        nets.delete()


def _client(nets: Namespaces, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["ip", "netns", "exec", nets.client, _exe(), "test", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


#: RTP (not RTCP, STUN or DTLS) in the UDP payload, for nft.
RTP = "meta l4proto udp @th,64,2 2 @th,72,8 != 192-223"


def test_uplink_loss_equals_the_kernels_drop_counter(namespaces: Namespaces) -> None:
    namespaces.nft(f"    {RTP} numgen random mod 100 < 5 counter drop\n    {RTP} counter accept")
    proc = _client(
        namespaces, "--server", f"http://{SERVER_ADDRESS}:{PORT}", "--duration", "4", "--json"
    )
    assert proc.returncode in (0, 1), proc.stderr
    report: dict[str, Any] = json.loads(proc.stdout)
    jsonschema.validate(report, SCHEMA)
    dropped, accepted = namespaces.counters()
    up, down = report["network"]["uplink"], report["network"]["downlink"]
    assert dropped > 0
    assert up["packets_lost"] == dropped
    assert up["packets_received"] == accepted
    assert up["packets_sent"] == dropped + accepted
    assert down["packets_lost"] == 0  # what was dropped was never reflected
    assert report["ice"]["local_gathered"]["host"] >= 1
    assert report["ice"]["pair"].startswith("host/udp")


def test_a_firewall_that_blocks_udp_is_named_within_10_s(
    namespaces: Namespaces, tmp_path: Path
) -> None:
    namespaces.nft("    meta l4proto udp counter drop")
    report = tmp_path / "partial.json"
    started = time.monotonic()
    proc = _client(
        namespaces,
        "--server",
        f"http://{SERVER_ADDRESS}:{PORT}",
        "--duration",
        "4",
        "--json",
        "--report",
        str(report),
    )
    elapsed = time.monotonic() - started
    assert proc.returncode == 3, proc.stderr
    assert elapsed < 10
    out = json.loads(proc.stdout)
    assert out["error"]["code"] == "udp_blocked"
    # Issue 14: the report of the test that could not start (ICE timed out) is still written.
    written = json.loads(report.read_text())
    assert written == out
    jsonschema.validate(written, SCHEMA)
    assert written["verdict"]["complete"] is False
    assert written["errors"] == [out["error"]]
    assert "firewall" in out["error"]["message"]
    checks = {c["name"]: c for c in out["connectivity"]["checks"]}
    assert checks["http"]["status"] == "ok"
    assert (checks["udp"]["status"], checks["udp"]["kind"]) == ("failed", "blocked")
