"""Heard quality: the calibration table and the cost. Not a unit test; run it and read the figures.

    .venv/bin/python tests/benchmarks/bench_heard.py table [--seeds 3] [--duration 20] [--out F]
    .venv/bin/python tests/benchmarks/bench_heard.py cost [--duration 20] [--repeats 3]
    .venv/bin/python tests/benchmarks/bench_heard.py session [--duration 20] [--repeats 2]

``table``: real loopback calls (two aiortc peers, the engine's impairment emulator on the
downlink), the far end sending the speech test signal, the user's played audio kept and scored
with the product's settings (ViSQOL v3 speech on the product's aligned 1.5 s segments,
``DEFAULT_WINDOW``). Rows: each codec clean, and 2/5/10/20 % random and bursty (Gilbert, mean
burst 3 packets) loss, ``--seeds`` seeds each. Printed: every call (with the concealed frames the
playout buffer handed to the speaker), the median and mean per condition, whether the medians
fall with loss, and the Pearson and Spearman correlation of the heard score with the E-model's
MOS over the calls.

``cost``: one call of ``--duration`` s; the time from the call's end to the report without and
with the heard score (ViSQOL import included on the first repeat), the peak Python memory of
the scoring (tracemalloc) and the audio kept during the call. The ViSQOL import (~1 s) is timed
apart: a session does it before the call (:func:`~callcheck.engine.heard.preload_visqol`).

``session``: the whole test session (loopback, built-in signal) with and without the heard
score: the time from the last live snapshot (the call's end) to the finished report.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import statistics
import sys
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from callcheck.engine.call import CallConfig, TestCall
from callcheck.engine.heard import (
    AudioRecorder,
    HeardPair,
    RecordingSink,
    RecordingSource,
    score_pairs,
    visqol_version,
)
from callcheck.engine.impairment import ImpairmentSpec
from callcheck.engine.loop import EngineLoop
from callcheck.engine.peer import SOURCE_RATE_HZ
from callcheck.engine.reporting import build_report, with_heard
from callcheck.engine.session import SessionOptions, TestSession
from callcheck.engine.snapshots import CallResult
from callcheck.engine.sources import SyntheticSpeechSource

CODECS = ("opus", "g722", "pcmu")
LOSSES_PCT = (2.0, 5.0, 10.0, 20.0)
BURST_PACKETS = 3.0


@dataclass
class Run:
    result: CallResult
    sent: AudioRecorder
    played: AudioRecorder


def run_call(codec: str, duration_s: float, spec: ImpairmentSpec | None) -> Run:
    rate = SOURCE_RATE_HZ[codec]
    sent, played = AudioRecorder(), AudioRecorder()
    far_end = RecordingSource(SyntheticSpeechSource(sample_rate_hz=max(rate, 16_000)), sent, rate)
    config = CallConfig(duration_s=duration_s, codec=codec, downlink_impairment=spec)
    call = TestCall(
        config, lambda _s: None, audio_sink=RecordingSink(played), far_end_source=far_end
    )
    with EngineLoop() as loop:
        result = loop.run(call.run(), timeout_s=duration_s + 30)
    return Run(result, sent, played)


def pairs(run: Run) -> list[HeardPair]:
    return [HeardPair("downlink", run.sent.snapshot(), run.played.snapshot())]


def ranks(values: list[float]) -> np.ndarray:
    order = np.argsort(values, kind="stable")
    out = np.empty(len(values))
    out[order] = np.arange(len(values))
    # average ranks of ties
    for v in set(values):
        idx = [i for i, x in enumerate(values) if x == v]
        out[idx] = np.mean(out[idx])
    return out


def table(args: argparse.Namespace) -> None:
    conditions: list[tuple[str, str, float, float]] = []
    for codec in args.codecs:
        conditions.append((codec, "clean", 0.0, 0.0))
        for loss in args.losses:
            conditions.append((codec, "random", loss, 0.0))
            if not args.random_only:
                conditions.append((codec, "bursty", loss, BURST_PACKETS))
    rows = []
    out = open(args.out, "a", encoding="utf-8") if args.out else None  # noqa: SIM115
    print(f"{'codec':6} {'loss':>7} {'seed':>4} {'meas%':>6} {'E-model':>7} {'heard':>6} {'s':>5}")
    for codec, kind, loss, burst in conditions:
        for seed in range(1, args.seeds + 1):
            spec = (
                None
                if loss == 0
                else ImpairmentSpec(loss_pct=loss, burst_packets=burst, seed=seed * 101)
            )
            run = run_call(codec, args.duration, spec)
            started = time.perf_counter()
            heard = score_pairs(pairs(run))
            cost_s = time.perf_counter() - started
            q = run.result.quality
            row = {
                "codec": codec,
                "kind": kind,
                "loss_pct": loss,
                "seed": seed,
                "measured_loss_pct": run.result.downlink.totals.loss_pct,
                "concealed_frames": run.result.downlink.frames_concealed,
                "emodel_mos": None if q is None else round(q.mos, 3),
                "emodel_label": None if q is None else q.mos_label,
                "heard_mos": None if heard.mos is None else round(heard.mos, 3),
                "score_s": round(cost_s, 2),
                "delay_ms": heard.directions[0].delay_ms if heard.directions else None,
                "correlation": heard.directions[0].correlation if heard.directions else None,
            }
            rows.append(row)
            if out:
                out.write(json.dumps(row) + "\n")
                out.flush()
            print(
                f"{codec:6} {kind[:1]}{loss:5.0f}% {seed:4d} {row['measured_loss_pct']:6.1f} "
                f"{row['emodel_mos'] or 0:7.2f} {row['heard_mos'] or 0:6.2f} {cost_s:5.1f} "
                f"concealed {row['concealed_frames']:3d} "
                f"delay {row['delay_ms'] or 0:6.1f} corr {row['correlation'] or 0:5.2f}",
                flush=True,
            )
    summarize(rows)


def summarize(rows: list[dict[str, object]]) -> None:
    print("\nper condition (heard median, mean ± sd; E-model median):")
    keys = sorted(
        {(str(r["codec"]), str(r["kind"]), float(r["loss_pct"])) for r in rows},  # type: ignore[arg-type]
        key=lambda k: (CODECS.index(k[0]) if k[0] in CODECS else 9, k[1] != "clean", k[1], k[2]),
    )
    medians: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for codec, kind, loss in keys:
        sel = [r for r in rows if (r["codec"], r["kind"], r["loss_pct"]) == (codec, kind, loss)]
        h = [float(r["heard_mos"]) for r in sel if r["heard_mos"] is not None]  # type: ignore[arg-type]
        e = [float(r["emodel_mos"]) for r in sel if r["emodel_mos"] is not None]  # type: ignore[arg-type]
        if not h or not e:
            continue
        spread = f"±{statistics.stdev(h):.2f}" if len(h) > 1 else ""
        print(
            f"  {codec:5} {kind:6} {loss:4.0f}%  heard {statistics.median(h):.2f} "
            f"({statistics.mean(h):.2f}{spread:6})  E-model {statistics.median(e):.2f}"
        )
        for curve in ("random", "bursty") if kind == "clean" else (kind,):
            medians.setdefault((codec, curve), []).append((loss, statistics.median(h)))
    print("\nheard medians along each loss curve (clean first); 'falls' = lower at every step:")
    for (codec, curve), points in medians.items():
        if len(points) < 2:
            continue  # a curve not run (--random-only): its clean point alone
        values = [m for _, m in sorted(points)]
        steps = [b - a for a, b in itertools.pairwise(values)]
        verdict = "falls" if all(d < 0 for d in steps) else "does not fall at every step"
        print(
            f"  {codec:5} {curve:6} "
            + " → ".join(f"{m:.2f}" for m in values)
            + f"  ({verdict}; steps {' '.join(f'{d:+.2f}' for d in steps)})"
        )
    both = [r for r in rows if r["heard_mos"] is not None and r["emodel_mos"] is not None]
    h = [float(r["heard_mos"]) for r in both]
    e = [float(r["emodel_mos"]) for r in both]
    pearson = float(np.corrcoef(h, e)[0, 1])
    spearman = float(np.corrcoef(ranks(h), ranks(e))[0, 1])
    print(f"\ncalls {len(both)}: Pearson r = {pearson:.3f}, Spearman ρ = {spearman:.3f}")


def cost(args: argparse.Namespace) -> None:
    started = time.perf_counter()
    available = visqol_version() is not None
    print(f"import ViSQOL: {1000 * (time.perf_counter() - started):.0f} ms ({available=})")
    run = run_call("opus", args.duration, None)
    kept = run.sent.samples_kept + run.played.samples_kept
    print(
        f"call {args.duration:g} s opus: audio kept {kept * 2 / 1e6:.2f} MB (int16, both streams)"
    )
    load = os.getloadavg()[0]
    print(f"machine load (1 min) {load:.1f} on {os.cpu_count()} cores")
    added = []
    for i in range(args.repeats):
        t0 = time.perf_counter()
        report = build_report(run.result)
        t1 = time.perf_counter()
        heard = score_pairs(pairs(run))
        report = with_heard(report, run.result, heard)
        t2 = time.perf_counter()
        added.append(t2 - t1)
        print(
            f"repeat {i + 1}: report without heard {1000 * (t1 - t0):.0f} ms, heard score + "
            f"report {1000 * (t2 - t1):.0f} ms (added), heard {heard.mos:.2f}"
        )
    # Memory apart: tracemalloc slows Python code 2-4x, so it must not run in the timed passes.
    tracemalloc.start()
    score_pairs(pairs(run))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"scoring peak Python memory (tracemalloc) {peak / 1e6:.1f} MB")
    print(f"added: median {1000 * statistics.median(added):.0f} ms, max {1000 * max(added):.0f} ms")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak RSS {rss:.0f} MB (aiortc call + ViSQOL)")


def session(args: argparse.Namespace) -> None:
    """The whole session (loopback, built-in signal): last snapshot (the call's end) → report."""
    for heard in [False, True] * args.repeats:
        last: list[float] = []
        options = SessionOptions(
            CallConfig(duration_s=args.duration), use_devices=False, heard=heard
        )
        test = TestSession(
            options, on_snapshot=lambda _s, last=last: last.append(time.perf_counter())
        )
        with EngineLoop() as loop:
            outcome = loop.run(test.run(), timeout_s=args.duration + 60)
        done = time.perf_counter()
        quality = outcome.report.quality or {}
        mos = (quality.get("heard") or {}).get("mos")
        print(
            f"heard={heard!s:5}: call end → report {1000 * (done - last[-1]):.0f} ms (heard {mos})"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    t = sub.add_parser("table")
    t.add_argument("--seeds", type=int, default=3)
    t.add_argument("--duration", type=float, default=20.0, help="the product's default call")
    t.add_argument("--out", type=Path)
    t.add_argument("--codecs", nargs="+", default=list(CODECS))
    t.add_argument("--losses", nargs="+", type=float, default=list(LOSSES_PCT))
    t.add_argument("--random-only", action="store_true")
    c = sub.add_parser("cost")
    c.add_argument("--duration", type=float, default=20.0)
    c.add_argument("--repeats", type=int, default=3)
    e = sub.add_parser("session")
    e.add_argument("--duration", type=float, default=20.0)
    e.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    if args.what == "table":
        table(args)
    elif args.what == "session":
        session(args)
    else:
        cost(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
