"""The GUI and the CLI run the same test: same report fields for the same mode (issue 12).

Both front ends only translate options into :class:`callcheck.engine.session.TestSession`;
this runs a short loopback test and a short server-mode test through each — the GUI's
``EngineBridge`` in this process, `callcheck test` as a real process — and compares the reports:
the same fields present (recursively: names, and null or not), and the figures within the
noise of two separate short calls on an unimpaired loopback path.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pytestqt.qtbot import QtBot

from callcheck.engine.loop import EngineLoop
from callcheck.gui.bridge import EngineBridge, TestOptions, TestOutcome
from callcheck.server.app import RunningServer, start_server
from callcheck.server.config import ServerConfig

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "resources" / "report.schema.json").read_text())
TOKEN = "parity-token"
TEST_S = 3.0
#: Sections whose *contents* describe this process or this machine, not the test: compared by
#: presence only.
VOLATILE = {
    "id",
    "started_at",
    "timeline",
    "environment.host",
    "audio_path",
    "ice.connect_ms",
    "recommendations.actions[].evidence",
    "recommendations.actions[].phrase.params",
}
#: Present when the call measured them, in either front end: the in-band probes' mouth-to-ear
#: delay (found or not in a 3 s call on a loaded machine).
OPTIONAL = (
    ".quality.inputs.mouth_to_ear_ms",
    # Impairments are listed largest first; on a clean call the first one (by which the list's
    # shape is compared) may be a delay with `delay_ms` in one call and the codec in the other.
    ".verdict.rating.impairments[].delay_ms",
)


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    loop = EngineLoop(name="callcheck-parity-server")
    loop.start()
    config = ServerConfig(host="127.0.0.1", port=0, token=TOKEN, ice_host_addresses=("127.0.0.1",))
    server: RunningServer = loop.run(start_server(config), timeout_s=10)
    try:
        yield server.url
    finally:
        loop.run(server.stop(), timeout_s=10)
        loop.stop()


def _shape(value: Any, path: str = "") -> Any:
    """The fields of a report: names, nesting, and which are null (lists by their first item)."""
    if path in VOLATILE:
        return "present" if value is not None else None
    if isinstance(value, dict):
        return {k: _shape(v, f"{path}.{k}" if path else k) for k, v in sorted(value.items())}
    if isinstance(value, list):
        return [_shape(value[0], f"{path}[]")] if value else []
    return None if value is None else type(value).__name__.replace("int", "float")


def _gui_report(qtbot: QtBot, options: TestOptions) -> dict[str, Any]:
    bridge = EngineBridge()
    try:
        with qtbot.waitSignal(bridge.finished, timeout=int(TEST_S * 1000) + 40_000) as done:
            bridge.start_test(options)
        outcome: TestOutcome = done.args[0]
        return outcome.report.to_json()
    finally:
        bridge.shutdown()


def _cli_report(*args: str) -> dict[str, Any]:
    exe = shutil.which("callcheck", path=str(Path(sys.executable).parent))
    assert exe
    proc = subprocess.run(
        [exe, "test", *args, "--duration", f"{TEST_S:g}", "--no-audio-device", "--json"],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert proc.stdout, proc.stderr
    report: dict[str, Any] = json.loads(proc.stdout)
    return report


def _compare(gui: dict[str, Any], cli: dict[str, Any]) -> None:
    for report in (gui, cli):
        jsonschema.validate(report, SCHEMA)
        assert report["verdict"]["complete"] is True
    differences = _diff(_shape(gui), _shape(cli))
    assert [d for d in differences if not d.startswith(OPTIONAL)] == []
    # Figures: two short calls on an unimpaired path, rated the same way.
    assert abs(gui["verdict"]["mos"] - cli["verdict"]["mos"]) <= 0.3
    for name in ("uplink", "downlink"):
        g, c = gui["network"][name], cli["network"][name]
        assert g["measured_by"] == c["measured_by"]
        assert abs(g["loss_pct"]["mean"] - c["loss_pct"]["mean"]) <= 2.0
        assert abs(g["packets_sent"] - c["packets_sent"]) <= 0.25 * c["packets_sent"]
    # The same codec rows, each predicted within noise (two codecs a few hundredths apart may
    # swap places between two calls, so the order itself is not compared).
    gui_rows = {x["codec"]: x for x in gui["recommendations"]["codecs"]}
    cli_rows = {x["codec"]: x for x in cli["recommendations"]["codecs"]}
    assert sorted(gui_rows) == sorted(cli_rows)
    for codec, row in gui_rows.items():
        assert abs(row["predicted_mos"] - cli_rows[codec]["predicted_mos"]) <= 0.3, codec


def test_loopback_through_the_gui_bridge_and_the_cli_gives_the_same_report(
    qtbot: QtBot,
) -> None:
    gui = _gui_report(qtbot, TestOptions(mode="loopback", duration_s=TEST_S, use_devices=False))
    cli = _cli_report("--loopback")
    _compare(gui, cli)


def test_server_mode_through_the_gui_bridge_and_the_cli_gives_the_same_report(
    qtbot: QtBot, server_url: str
) -> None:
    gui = _gui_report(
        qtbot,
        TestOptions(
            mode="server",
            duration_s=TEST_S,
            use_devices=False,
            server_url=server_url,
            token=TOKEN,
        ),
    )
    cli = _cli_report("--server", server_url, "--token", TOKEN)
    _compare(gui, cli)
    for report in (gui, cli):
        # The GUI's server-mode report used to lack the capacity/QoS probe and its advice.
        assert "probe" in report["environment"]
        assert report["environment"]["probe"]["status"] == cli["environment"]["probe"]["status"]


def _diff(a: Any, b: Any, path: str = "") -> list[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                out.append(f"{path}.{k}: {'gui' if k in a else 'cli'} only")
            else:
                out += _diff(a[k], b[k], f"{path}.{k}")
        return out
    if isinstance(a, list) and isinstance(b, list):
        return _diff(a[0] if a else None, b[0] if b else None, f"{path}[]")
    return [] if a == b else [f"{path}: {a!r} != {b!r}"]
