"""`callcheck mos`: the E-model what-if calculator, run as the installed command."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from callcheck.cli.main import main
from callcheck.core.emodel import EModelParams, compute
from callcheck.core.grades import format_mos


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("callcheck", path=str(__import__("pathlib").Path(sys.executable).parent))
    assert exe, "the callcheck console script is installed with the package"
    return subprocess.run([exe, *args], capture_output=True, text=True, timeout=60, check=False)


def test_json_with_defaults_is_the_g107_reference() -> None:
    # G.711 with no delay or loss except its own 20 ms packet + the 20 ms assumed buffer.
    proc = run_cli("mos", "--json", "--param", "Ta=0", "--param", "T=0", "--param", "Tr=0")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["r_factor"] == pytest.approx(93.2, abs=0.05)
    assert out["mos"] == 4.41
    assert out["grade"] == "Excellent"
    assert out["scale"] == "narrowband"
    assert set(out["breakdown"]) == {"Ro", "Is", "Id", "Idte", "Idle", "Idd", "Ie_eff", "A"}
    assert out["inputs"]["Ta"] == {
        "value": 0.0,
        "unit": "ms",
        "provenance": "assumed",
        "source": "set directly",
    }


def test_what_if_switching_codec() -> None:
    args = ["mos", "--json", "--rtt-ms", "120", "--loss-pct", "3", "--jitter-ms", "8"]
    g711 = json.loads(run_cli(*args, "--codec", "g711").stdout)
    g711_plc = json.loads(run_cli(*args, "--codec", "g711-plc").stdout)
    # Same network: PLC makes G.711 far more robust to 3 % loss (Bpl 25.1 against 4.3).
    assert g711_plc["mos"] > g711["mos"] + 0.5
    # And the figure matches the E-model computed directly from the same derived inputs:
    # Ta = 60 one-way + 28.6 playout wait (1.7 × 8 ms jitter + 5 + 10) + 20 packet = 108.6 ms.
    direct = compute(EModelParams(Ta=108.6, T=108.6, Tr=217.2, Ie=0, Bpl=25.1, Ppl=3))
    assert g711_plc["r_factor"] == pytest.approx(direct.r_factor, abs=0.01)
    assert g711_plc["inputs"]["Ta"]["value"] == pytest.approx(108.6)
    assert g711_plc["mos_label"] == "MOS-CQE"
    assert g711_plc["common_scale"]["mos_label"] == "MOS-CQEW"


def test_wideband_codec_reports_wideband_scale() -> None:
    out = json.loads(run_cli("mos", "--json", "--codec", "g722").stdout)
    assert out["scale"] == "wideband"
    assert out["r_factor"] > 100


def test_readable_summary_names_the_grade_and_the_reasons() -> None:
    proc = run_cli("mos", "--rtt-ms", "400", "--loss-pct", "5")
    assert proc.returncode == 0
    assert "MOS " in proc.stdout
    assert "Why this score" in proc.stdout
    # The figure as every screen prints it (one formatter), with its scale's label.
    out = json.loads(run_cli("mos", "--json", "--rtt-ms", "400", "--loss-pct", "5").stdout)
    first = proc.stdout.splitlines()[0]
    assert first.startswith(f"MOS {format_mos(out['mos'])} {out['mos_label']}  ("), first
    assert "Idd" not in proc.stdout or "absolute delay" in proc.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--loss-pct", "150"], "loss"),
        (["--rtt-ms", "-10"], "network delay"),
        (["--jitter-ms", "4800"], "RTP clock units"),
        (["--codec", "g999"], "unknown codec"),
        (["--param", "Ta=900"], "permitted range"),
        (["--param", "Foo=1"], "unknown G.107 parameter"),
        (["--param", "Ta"], "NAME=VALUE"),
        (["--param", "Ta=abc"], "needs a number"),
    ],
    ids=["loss", "rtt", "jitter-units", "codec", "range", "param-name", "param-form", "param-num"],
)
def test_bad_input_is_a_usage_error_with_a_clear_message(args: list[str], message: str) -> None:
    proc = run_cli("mos", *args)
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert "callcheck" in capsys.readouterr().out
    assert main([]) == 2


def test_codec_comparisons_are_on_one_scale() -> None:
    # Issue 12: at 0 % loss G.711 (4.37 MOS-CQE) looked better than G.722 (4.29 MOS-CQEW).
    # On the common scale, the wideband codec wins.
    args = ["mos", "--json", "--rtt-ms", "60", "--jitter-ms", "3", "--scale", "wideband"]
    g711 = json.loads(run_cli(*args, "--codec", "g711-plc").stdout)
    g722 = json.loads(run_cli(*args, "--codec", "g722").stdout)
    assert g711["mos_label"] == g722["mos_label"] == "MOS-CQEW"
    assert g722["mos"] > g711["mos"]
    lossy = [*args, "--loss-pct", "5"]
    opus = json.loads(run_cli(*lossy, "--codec", "opus-32").stdout)
    g711_lossy = json.loads(run_cli(*lossy, "--codec", "g711-plc").stdout)
    assert opus["mos"] > g711_lossy["mos"]
