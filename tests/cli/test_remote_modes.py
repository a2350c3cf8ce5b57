"""Server and peer modes end to end: a real `callcheck serve` process and real clients.

The server offers ICE on 127.0.0.2 (Linux routes all of 127/8 to ``lo``); the clients gather on
127.0.0.1 (the engine's default for a server on this machine). Loss is counted exactly against
the emulator's truth; the RTT against the injected round trip.
"""

from __future__ import annotations

import http.server
import json
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest

from callcheck.engine.call import CallConfig, TestCall
from callcheck.engine.impairment import ImpairmentSpec
from callcheck.engine.loop import EngineLoop
from callcheck.engine.reporting import build_report
from callcheck.engine.snapshots import (
    BAD_ANSWER,
    ROOM_NOT_FOUND,
    SERVER_UNREACHABLE,
    TOKEN_REFUSED,
    CallFailed,
)

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "resources" / "report.schema.json").read_text())
TOKEN = "remote-token"


def _exe() -> str:
    exe = shutil.which("callcheck", path=str(Path(sys.executable).parent))
    assert exe
    return exe


def callcheck(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_exe(), *args], capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("serve") / "server.log"
    with (
        log.open("w") as stderr,
        subprocess.Popen(
            [
                _exe(),
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--ice-address",
                "127.0.0.2",
                "--token",
                TOKEN,
            ],
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        ) as process,  # fmt: skip
    ):
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            match = re.search(r"listening on (http://\S+) ", line)
            assert match, f"unexpected first line {line!r}; log: {log.read_text()}"
            yield match.group(1)
        finally:
            process.terminate()
            process.wait(10)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# ------------------------------------------------------------------------------ server mode


@pytest.mark.long_call
def test_server_mode_report_has_both_directions_from_their_own_ends(server_url: str) -> None:
    proc = callcheck(
        "test", "--server", server_url, "--token", TOKEN, "--duration", "3",
        "--no-audio-device", "--json",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    jsonschema.validate(report, SCHEMA)
    assert report["mode"] == "server"
    up, down = report["network"]["uplink"], report["network"]["downlink"]
    assert (up["measured_by"], down["measured_by"]) == ("reflector", "client")
    assert up["packets_received"] >= 120
    assert up["packets_lost"] == down["packets_lost"] == 0
    assert down["packets_sent"] == up["packets_received"]  # the reflector returned each one
    ice = report["ice"]
    assert ice["local_gathered"]["host"] >= 1
    assert ice["remote_gathered"]["host"] >= 1
    assert (ice["local_candidate"], ice["protocol"], ice["relay_used"]) == ("host", "udp", False)
    connectivity = report["connectivity"]
    assert connectivity["passed"] is True
    assert {c["name"]: c["status"] for c in connectivity["checks"]} == {
        "http": "ok",
        "token": "ok",
        "udp": "ok",
    }
    assert connectivity["far_end"]["reflection"] == "encoded"


@pytest.mark.long_call
def test_server_mode_counts_loss_exactly_and_rtt_within_2ms_3pct(server_url: str) -> None:
    """Uplink emulated on the client's sends, downlink on its receive path (seeded)."""
    spec = ImpairmentSpec.parse("delay=50,loss=5,seed=11")
    config = CallConfig.impaired(
        spec, duration_s=4.0, mode="server", server_url=server_url, token=TOKEN
    )
    call = TestCall(config)
    with EngineLoop() as loop:
        result = loop.run(call.run(), timeout_s=40)
    assert call.remote is not None
    peer = call.remote.a
    assert peer.link is not None
    assert peer.receive_link is not None
    up_truth = len(peer.link.truth.dropped_seqs)
    down_truth = len(peer.receive_link.truth.dropped_seqs)
    assert up_truth > 0
    assert down_truth > 0
    assert result.uplink.totals.packets_lost == up_truth
    assert result.downlink.totals.packets_lost == down_truth
    assert result.uplink.packets_sent == peer.send_times.packets_sent
    injected_rtt_ms = 2 * spec.delay_ms
    assert result.downlink.rtt_ms is not None
    assert abs(result.downlink.rtt_ms.p50 - injected_rtt_ms) <= 2.0 + 0.03 * injected_rtt_ms
    rtcp = sorted(result.downlink.rtt_rtcp_samples_ms)
    assert rtcp
    assert abs(rtcp[len(rtcp) // 2] - injected_rtt_ms) <= 2.0 + 0.03 * injected_rtt_ms
    report = build_report(result).to_json()
    jsonschema.validate(report, SCHEMA)
    assert report["network"]["uplink"]["packets_lost"] == up_truth


class _BadAnswerHandler(http.server.BaseHTTPRequestHandler):
    """A "reflector" whose 201 carries an SDP answer that is not one."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        body = b"v=0\r\nthis is not the answer to your offer\r\n"
        self.send_response(201)
        self.send_header("Content-Type", "application/sdp")
        self.send_header("Location", "/whip/nothing")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_DELETE(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def bad_answer_url() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _BadAnswerHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["--server", "http://127.0.0.1:{free}"], SERVER_UNREACHABLE, "refused"),
        (["--server", "{url}", "--token", "wrong"], TOKEN_REFUSED, "token"),
        (["--server", "{url}"], TOKEN_REFUSED, "token"),
        (["--room", "ACD-234", "--server", "{url}", "--token", TOKEN], ROOM_NOT_FOUND, "room"),
        (["--server", "{bad}"], BAD_ANSWER, "answer"),
    ],
    ids=["server-down", "bad-token", "no-token", "room-not-found", "bad-answer"],
)
def test_failures_exit_3_within_10_s_with_a_distinct_reason_and_a_partial_report(
    server_url: str,
    bad_answer_url: str,
    tmp_path: Path,
    args: list[str],
    code: str,
    words: str,
) -> None:
    """Issue 14 item 3: ``--report FILE`` is written even when the test cannot start."""
    filled = [a.format(url=server_url, free=_free_port(), bad=bad_answer_url) for a in args]
    path = tmp_path / "partial.json"
    started = time.monotonic()
    proc = callcheck(
        "test", *filled, "--duration", "3", "--json", "--report", str(path), timeout=20
    )
    elapsed = time.monotonic() - started
    assert proc.returncode == 3, proc.stderr
    assert elapsed < 10
    printed = json.loads(proc.stdout)
    error = printed["error"]
    assert error["code"] == code
    assert words in error["message"].lower()
    assert "Traceback" not in proc.stderr
    assert f"[{error['code']}]" in proc.stderr
    written = json.loads(path.read_text())
    jsonschema.validate(written, SCHEMA)
    assert written["verdict"]["complete"] is False
    assert written["verdict"]["passed"] is False
    assert written["errors"] == [{"code": error["code"], "message": error["message"]}]
    assert written["environment"]["os"]
    assert written["quality"] is None
    checks = written["connectivity"]["checks"] if written["connectivity"] else []
    assert checks, "the connectivity checks done before the failure are kept"
    assert checks[0]["name"] == "http"
    assert printed == written


def test_unreachable_server_is_diagnosed_in_the_engine(server_url: str) -> None:
    config = CallConfig(mode="server", server_url=f"127.0.0.1:{_free_port()}", duration_s=2)
    with EngineLoop() as loop, pytest.raises(CallFailed) as failure:
        loop.run(TestCall(config).run(), timeout_s=15)
    assert failure.value.reason_code == SERVER_UNREACHABLE
    assert failure.value.details is not None
    checks = failure.value.details["connectivity"]["checks"]
    assert checks[0] == {**checks[0], "name": "http", "status": "failed", "kind": "refused"}


# ------------------------------------------------------------------------------ peer mode


@pytest.mark.long_call
def test_peer_mode_between_two_client_processes(server_url: str, tmp_path: Path) -> None:
    host_out = tmp_path / "host.json"
    with (
        host_out.open("w") as out,
        subprocess.Popen(
            [
                _exe(),
                "room",
                "create",
                "--server",
                server_url,
                "--token",
                TOKEN,
                "--duration",
                "3",
                "--json",
                "--wait",
                "30",
            ],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
        ) as host,  # fmt: skip
    ):
        assert host.stderr is not None
        first = host.stderr.readline()
        match = re.match(r"Room code: ([A-Z2-9]{3}-[A-Z2-9]{3}-[A-Z2-9]{3})", first)
        assert match, first
        # The code is typed by a person: lower case and a space work too.
        typed = match.group(1).lower().replace("-", " ")
        guest = callcheck(
            "test", "--room", typed, "--server", server_url, "--token", TOKEN, "--json"
        )
        host_err = host.stderr.read()
        assert host.wait(30) == 0, host_err
    assert guest.returncode == 0, guest.stderr
    reports = [json.loads(host_out.read_text()), json.loads(guest.stdout)]
    for report in reports:
        jsonschema.validate(report, SCHEMA)
        assert report["mode"] == "peer"
        assert report["network"]["uplink"]["measured_by"] == "peer"
        assert report["network"]["downlink"]["measured_by"] == "client"
        assert report["network"]["uplink"]["rtt_ms"] is not None
        assert {c["name"] for c in report["connectivity"]["checks"]} >= {"http", "room", "udp"}
    host_report, guest_report = reports
    # Each side's uplink is what the other side measured as its downlink.
    for a, b in ((host_report, guest_report), (guest_report, host_report)):
        up, down = a["network"]["uplink"], b["network"]["downlink"]
        assert up["packets_received"] == down["packets_received"] > 100
        assert up["packets_lost"] == down["packets_lost"] == 0
        assert up["packets_sent"] == down["packets_sent"]
