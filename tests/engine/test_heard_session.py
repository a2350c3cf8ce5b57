"""The heard score through the one test session: `callcheck test` prints it, the report has it."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from callcheck.engine.call import CallConfig
from callcheck.engine.heard import visqol_version
from callcheck.engine.loop import EngineLoop
from callcheck.engine.session import SessionOptions, TestSession

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "resources" / "report.schema.json").read_text())


@pytest.mark.skipif(visqol_version() is None, reason="ViSQOL could not be loaded")
def test_callcheck_test_prints_and_reports_what_the_listener_heard(tmp_path: Path) -> None:
    exe = shutil.which("callcheck", path=str(Path(sys.executable).parent))
    assert exe
    path = tmp_path / "report.json"
    command = [exe, "test", "--loopback", "--duration", "6", "--no-audio-device"]
    proc = subprocess.run(
        [*command, "--report", str(path)], capture_output=True, text=True, timeout=90, check=False
    )
    assert proc.returncode == 0, proc.stderr
    line = re.search(r"^What the listener heard: (\d\.\d) MOS-LQO \((.*)\)$", proc.stdout, re.M)
    assert line, proc.stdout
    assert "ViSQOL v3 speech" in line.group(2)
    assert re.search(r"(downlink|uplink)", line.group(2))
    report = json.loads(path.read_text())
    jsonschema.validate(report, SCHEMA)
    heard = report["quality"]["heard"]
    assert heard["mos"] == pytest.approx(float(line.group(1)), abs=0.1)  # printed rounded down
    # Loopback knows the reference both ways: the far end's signal (downlink) and the user's
    # own sent audio, as the far-end peer played it (uplink).
    assert [d["direction"] for d in heard["directions"]] == ["downlink", "uplink"]
    for direction in heard["directions"]:
        assert direction["method"] == "full-reference"
        assert direction["segments"] >= 2  # all of a 6 s call after its start-up
        assert direction["mos"] >= 4.3, direction
        assert 0.0 < direction["delay_ms"] < 400.0
    # A clean loopback: the network is fine and so is the audio; no heard-damage advice.
    assert heard["mos"] >= 4.3
    ids = [a["id"] for a in report["recommendations"]["actions"]]
    assert "heard-damage" not in ids


def test_a_session_without_the_heard_score_has_no_heard_field() -> None:
    options = SessionOptions(CallConfig(duration_s=2.0), use_devices=False, heard=False)
    with EngineLoop() as loop:
        outcome = loop.run(TestSession(options).run(), timeout_s=40)
    assert outcome.report.quality is not None
    assert "heard" not in outcome.report.quality
