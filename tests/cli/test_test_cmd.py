"""`callcheck test --loopback`: real calls through the installed command, checked end to end."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from callcheck.cli.test_cmd import UsageError, parse_ice_server

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "resources" / "report.schema.json").read_text())


def callcheck(*args: str, timeout: float = 90) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("callcheck", path=str(Path(sys.executable).parent))
    assert exe
    return subprocess.run(
        [exe, *args], capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.fixture(scope="module")
def clean_call(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict[str, Any], Path]:
    path = tmp_path_factory.mktemp("report") / "sub" / "report.json"
    proc = callcheck(
        "test",
        "--loopback",
        "--duration",
        "4",
        "--no-audio-device",
        "--json",
        "--report",
        str(path),
    )
    assert proc.stdout, proc.stderr
    return proc.returncode, json.loads(proc.stdout), path


def test_clean_loopback_passes_with_exit_0(clean_call: tuple[int, dict[str, Any], Path]) -> None:
    code, report, _ = clean_call
    assert code == 0
    assert report["verdict"]["passed"] is True
    assert report["quality"]["mos"] >= 4.0


def test_json_report_follows_the_shipped_schema(
    clean_call: tuple[int, dict[str, Any], Path],
) -> None:
    _, report, _ = clean_call
    jsonschema.validate(report, SCHEMA)
    assert report["schema"] == "callcheck.report/1"
    assert report["mode"] == "loopback"
    assert report["codec"] == "opus"
    for direction in ("uplink", "downlink"):
        d = report["network"][direction]
        assert d["packets_lost"] == 0
        assert d["packets_received"] >= 150  # 4 s of 20 ms packets, less the connect time
        assert set(d["rtt_ms"]) == {"mean", "p50", "p95", "max"}
    assert len(report["timeline"]) >= 4 * 3  # at least 4 snapshots a second
    assert report["recommendations"]["codecs"]


def test_report_file_equals_the_printed_json(clean_call: tuple[int, dict[str, Any], Path]) -> None:
    _, report, path = clean_call
    assert json.loads(path.read_text()) == report


def test_live_lines_then_verdict_without_json() -> None:
    proc = callcheck("test", "--loopback", "--duration", "3", "--no-audio-device")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    live = [line for line in lines if " s  MOS " in line]
    assert len(live) >= 3  # one a second
    # One MOS formatter (core.grades.format_mos): one decimal and the scale's P.800.1 label.
    assert all(re.search(r" s  MOS \d\.\d MOS-CQEW ", line) for line in live), live
    assert all("RTT" in line and "jitter" in line and "loss" in line for line in live)
    assert any("Excellent" in line or "Good" in line for line in lines[len(live) :])


@pytest.mark.long_call
def test_heavy_loss_is_below_the_pass_mark_with_exit_1() -> None:
    proc = callcheck(
        "test",
        "--loopback",
        "--duration",
        "4",
        "--no-audio-device",
        "--json",
        "--codec",
        "pcmu",
        "--impair",
        "delay=150,loss=15,seed=3",
    )
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    assert report["verdict"]["passed"] is False
    assert report["impairment"]["spec"]
    assert report["network"]["downlink"]["loss_pct"]["mean"] > 5


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--duration", "0"], "--duration"),
        (["--duration", "nan"], "--duration"),
        (["--impair", "loss=250"], "--impair"),
        (["--impair", "bogus"], "--impair"),
        (["--force-relay"], "TURN"),
        (["--ice-server", "http://x"], "--ice-server"),
        (["--report", "/tmp/x.doc"], ".html"),
    ],
    ids=["zero-duration", "nan-duration", "impair-range", "impair-form", "relay", "ice", "ext"],
)
def test_usage_errors_exit_2_with_a_message(args: list[str], message: str) -> None:
    proc = callcheck("test", "--loopback", *args)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_mode_is_required() -> None:
    assert callcheck("test").returncode == 2


@pytest.mark.parametrize(
    ("text", "url", "user"),
    [
        ("stun:127.0.0.1:3478", "stun:127.0.0.1:3478", None),
        ("turn:alice:secret@127.0.0.1:3478", "turn:127.0.0.1:3478", "alice"),
        ("turn:bob:pw@127.0.0.1:443?transport=tcp", "turn:127.0.0.1:443?transport=tcp", "bob"),
    ],
)
def test_ice_server_uris(text: str, url: str, user: str | None) -> None:
    server = parse_ice_server(text)
    assert server.url == url
    assert server.username == user


def test_bad_ice_server_uri() -> None:
    with pytest.raises(UsageError):
        parse_ice_server("turnx:1.2.3.4")
