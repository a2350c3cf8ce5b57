"""Why the heard score moves little with loss: where the lost frames fall and what ViSQOL sees.

    .venv/bin/python tests/benchmarks/bench_heard_loss.py record DIR [--duration 20] [--seeds 3]
    .venv/bin/python tests/benchmarks/bench_heard_loss.py where DIR
    .venv/bin/python tests/benchmarks/bench_heard_loss.py nsim DIR [--losses 10 20]
    .venv/bin/python tests/benchmarks/bench_heard_loss.py align DIR
    .venv/bin/python tests/benchmarks/bench_heard_loss.py table DIR [DIR ...]

``record``: real loopback calls (as ``bench_heard.py table``: Opus, G.722, G.711 clean and at
2/5/10/20 % random downlink loss, or bursty with ``--burst 3``, seeds 101, 202, 303; 20 s, the
product's default call), each kept in ``DIR`` with the sent and
played audio and the playout status (decoded / concealed) of every frame handed to the speaker —
the engine keeps only counts, so this script taps the peer's frame rendering.

``where``: how many concealed frames lie in the scored segments (two segments, the window before
issue 19's fix, and ``DEFAULT_WINDOW``), and how many of those fall in the reference's speech
(a frame concealed in a pause is silence either way: nobody hears it).

``nsim``: ViSQOL's NSIM (21 gammatone bands, 80 ms windows every 20 ms, the 15 bands below
3.4 kHz) on spectrogram frames that contain concealment against those that do not, and the
waveform SNR of concealed and decoded 20 ms frames.

``table``: the calibration table of ``bench_heard.py table`` from recorded calls, each scored as
the product scores it (``score_full_reference`` with ``DEFAULT_WINDOW``): record once, then score
as often as the scoring changes. The clean calls of every directory are pooled.

``align``: the score with the product's block-by-block alignment (``follow_delay``) against one
fixed delay per segment: does following the playout buffer's delay hide damage?
"""

from __future__ import annotations

import argparse
import pickle
import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

import callcheck.core.heard_align as heard_align
from callcheck.core.heard_align import DEFAULT_WINDOW, AlignmentWindow, plan_segments
from callcheck.engine import peer as peer_module
from callcheck.engine.call import CallConfig, TestCall
from callcheck.engine.heard import (
    AudioRecorder,
    RecordingSink,
    RecordingSource,
    score_full_reference,
)
from callcheck.engine.impairment import ImpairmentSpec
from callcheck.engine.loop import EngineLoop
from callcheck.engine.peer import SOURCE_RATE_HZ
from callcheck.engine.sources import SyntheticSpeechSource

CODECS = ("opus", "g722", "pcmu")
LOSSES_PCT = (0.0, 2.0, 5.0, 10.0, 20.0)
FRAME_S = 0.02
SPEECH_FLOOR = 32768.0 * 10.0 ** (-50.0 / 20.0)  # heard_align's ACTIVE_FLOOR_DBFS
OLD_WINDOW = AlignmentWindow(segment_s=1.5, max_segments=2)

_last_status: list[str] = [""]


def _tap_frame_status() -> None:
    """Remember the status of the frame the peer renders next (the sink is called right after)."""
    peer_class = next(
        c for c in vars(peer_module).values() if isinstance(c, type) and hasattr(c, "_render")
    )
    render = peer_class._render

    def tapped(self: Any, frame: Any, decoder: Any) -> Any:
        _last_status[0] = frame.status
        return render(self, frame, decoder)

    peer_class._render = tapped


def record(args: argparse.Namespace) -> None:
    _tap_frame_status()
    args.dir.mkdir(parents=True, exist_ok=True)
    for codec in CODECS:
        for loss in LOSSES_PCT:
            for seed in range(1, args.seeds + 1):
                kind = "b" if args.burst and loss else ""
                path = args.dir / f"{codec}_{kind}{loss:g}_{seed}.pkl"
                if path.exists():
                    continue
                rate = SOURCE_RATE_HZ[codec]
                sent, played = AudioRecorder(), AudioRecorder()
                statuses: list[str] = []
                far_end = RecordingSource(
                    SyntheticSpeechSource(sample_rate_hz=max(rate, 16_000)), sent, rate
                )
                keep = RecordingSink(played)

                def sink(
                    samples: Any,
                    rate_hz: int,
                    keep: RecordingSink = keep,
                    out: list[str] = statuses,
                ) -> None:
                    out.append(_last_status[0])
                    keep(samples, rate_hz)

                spec = (
                    None
                    if loss == 0
                    else ImpairmentSpec(loss_pct=loss, burst_packets=args.burst, seed=seed * 101)
                )
                config = CallConfig(duration_s=args.duration, codec=codec, downlink_impairment=spec)
                call = TestCall(config, lambda _s: None, audio_sink=sink, far_end_source=far_end)
                with EngineLoop() as loop:
                    result = loop.run(call.run(), timeout_s=args.duration + 30)
                row = {
                    "codec": codec,
                    "loss": loss,
                    "burst": args.burst if loss else 0.0,
                    "seed": seed,
                    "ref": sent.snapshot(),
                    "rec": played.snapshot(),
                    "statuses": statuses,
                    "emodel": None if result.quality is None else result.quality.mos,
                }
                path.write_bytes(pickle.dumps(row))
                print(
                    f"{codec} {loss:g}% seed {seed}: {statuses.count('concealed')} of "
                    f"{len(statuses)} frames concealed",
                    flush=True,
                )


def load(directory: Path) -> list[dict[str, Any]]:
    return [pickle.loads(p.read_bytes()) for p in sorted(directory.glob("*_*_*.pkl"))]


def concealed_mask(row: dict[str, Any]) -> np.ndarray:
    return np.array([s == "concealed" for s in row["statuses"]])


def where(args: argparse.Namespace) -> None:
    table: dict[tuple[float, str], list[tuple[int, int]]] = {}
    for row in load(args.dir):
        if row["loss"] == 0:
            continue
        ref, rec = row["ref"], row["rec"]
        offset_s = (rec.start_ms - ref.start_ms) / 1000.0
        mask = concealed_mask(row)
        reference = ref.samples.astype(np.float64)
        frame = ref.rate_hz // 50
        for name, window in (("2 segments", OLD_WINDOW), ("DEFAULT_WINDOW", DEFAULT_WINDOW)):
            plans = plan_segments(
                reference, ref.rate_hz, rec.samples.size / rec.rate_hz, offset_s, window
            )
            inside = in_speech = 0
            for plan in plans:
                first = round(plan.received_start_s / FRAME_S)
                for i in range(first, first + round(window.segment_s / FRAME_S)):
                    if i < mask.size and mask[i]:
                        inside += 1
                        # the loopback's delay is 20–60 ms: the reference frame ~2 frames earlier
                        a = round((i * FRAME_S + offset_s - 0.04) * ref.rate_hz)
                        piece = reference[max(a, 0) : max(a, 0) + 3 * frame]
                        if piece.size and np.sqrt(np.mean(piece * piece)) > SPEECH_FLOOR:
                            in_speech += 1
            table.setdefault((row["loss"], name), []).append((inside, in_speech))
    for (loss, name), counts in sorted(table.items()):
        print(
            f"{loss:4.0f} % loss, {name:14}: concealed frames scored "
            f"{[c[0] for c in counts]}, in speech {[c[1] for c in counts]}"
        )


def nsim(args: argparse.Namespace) -> None:
    from callcheck.engine.heard import _windows_16k
    from callcheck.engine.visqol import nsim as n
    from callcheck.engine.visqol.analysis_window import AnalysisWindow
    from callcheck.engine.visqol.audio_utils import (
        AudioSignal,
        scale_to_match_sound_pressure_level,
    )
    from callcheck.engine.visqol.gammatone import (
        GammatoneSpectrogramBuilder,
        prepare_spectrograms_for_comparison,
    )
    from callcheck.engine.visqol.visqol_manager import MINIMUM_FREQ, NUM_BANDS_SPEECH

    builder = GammatoneSpectrogramBuilder(NUM_BANDS_SPEECH, MINIMUM_FREQ, speech_mode=True)
    window = AnalysisWindow(16_000, 0.25)
    rows: dict[tuple[str, float], list[tuple[float, float, float, float]]] = {}
    for row in load(args.dir):
        if row["loss"] not in args.losses:
            continue
        ref, rec = row["ref"], row["rec"]
        offset_s = (rec.start_ms - ref.start_ms) / 1000.0
        plans = plan_segments(
            ref.samples.astype(np.float64),
            ref.rate_hz,
            rec.samples.size / rec.rate_hz,
            offset_s,
            DEFAULT_WINDOW,
        )
        spans = [(p.reference_start_s, p.reference_end_s) for p in plans]
        references = _windows_16k(ref, spans)
        receiveds = _windows_16k(
            rec, [(p.received_start_s, p.received_start_s + 1.5) for p in plans]
        )
        segments = [
            heard_align.align_segment(p, a, b, 16_000)
            for p, a, b in zip(plans, references, receiveds, strict=True)
        ]
        x = np.concatenate([s.reference for s in segments]) / 32768.0
        y = np.concatenate([s.received for s in segments]) / 32768.0
        mask = concealed_mask(row)
        concealed = np.zeros(y.size, dtype=bool)
        for k, plan in enumerate(plans):
            first = round(plan.received_start_s / FRAME_S)
            for i in range(75):
                if first + i < mask.size and mask[first + i]:
                    concealed[k * 24_000 + i * 320 : k * 24_000 + (i + 1) * 320] = True
        frames = x.size // 320
        xf, yf = x[: frames * 320].reshape(frames, 320), y[: frames * 320].reshape(frames, 320)
        cf = concealed[: frames * 320].reshape(frames, 320).any(axis=1)
        active = np.sqrt(np.mean(xf * xf, axis=1)) > 10 ** (-50 / 20)
        error = np.maximum(np.sum((xf - yf) ** 2, axis=1), 1e-12)
        snr = 10 * np.log10(np.sum(xf * xf, axis=1) / error)
        reference = AudioSignal(x, 16_000)
        degraded = scale_to_match_sound_pressure_level(reference, AudioSignal(y, 16_000))
        r, d = prepare_spectrograms_for_comparison(
            builder.build(reference, window), builder.build(degraded, window)
        )
        g, conv = n.GAUSSIAN_WINDOW, n._valid_2d_conv_with_boundary
        mr, md = conv(g, r), conv(g, d)
        var_r, var_d = conv(g, r * r) - mr * mr, conv(g, d * d) - md * md
        cov = conv(g, r * d) - mr * md
        product = var_r * var_d
        structure = (cov + n.C3) / np.where(product < 0, n.C3, np.sqrt(np.abs(product)) + n.C3)
        sim = (2 * mr * md + n.C1) / (mr * mr + md * md + n.C1) * structure
        low_bands = sim[:15].mean(axis=0)
        spans_conc = np.array(
            [concealed[j * 320 : j * 320 + 1280].any() for j in range(low_bands.size)]
        )
        spans_active = np.array(
            [
                np.mean(np.abs(x[j * 320 : j * 320 + 1280]) > 1e-3) > 0.5
                for j in range(low_bands.size)
            ]
        )
        rows.setdefault((row["codec"], row["loss"]), []).append(
            (
                float(np.mean(low_bands[spans_active & spans_conc])),
                float(np.mean(low_bands[spans_active & ~spans_conc])),
                float(np.median(snr[active & cf])),
                float(np.median(snr[active & ~cf])),
            )
        )
    print("NSIM (15 bands below 3.4 kHz) of spectrogram frames with / without concealment;")
    print("waveform SNR of concealed / decoded 20 ms speech frames (medians over the seeds)")
    for (codec, loss), values in sorted(rows.items()):
        med = [statistics.median(v[i] for v in values) for i in range(4)]
        print(
            f"  {codec:5} {loss:4.0f} %: NSIM concealed {med[0]:.3f} decoded {med[1]:.3f}; "
            f"SNR concealed {med[2]:5.1f} dB decoded {med[3]:5.1f} dB"
        )


def align(args: argparse.Namespace) -> None:
    followed = heard_align.follow_delay

    def fixed(
        reference_window: np.ndarray,
        received: np.ndarray,
        start: int,
        rate_hz: int,
        full_scale: float = 32768.0,
    ) -> np.ndarray:
        out = np.zeros(received.size)
        piece = reference_window[start : start + received.size]
        out[: piece.size] = piece
        return out

    rows: dict[tuple[str, float], list[tuple[float, float]]] = {}
    for row in load(args.dir):
        scores = []
        for follow in (followed, fixed):
            heard_align.follow_delay = follow  # type: ignore[assignment]
            with np.errstate(all="ignore"):
                mos = score_full_reference("downlink", row["ref"], row["rec"]).mos
            scores.append(float("nan") if mos is None else mos)
        heard_align.follow_delay = followed
        rows.setdefault((row["codec"], row["loss"]), []).append((scores[0], scores[1]))
    for (codec, loss), values in sorted(rows.items()):
        print(
            f"  {codec:5} {loss:4.0f} %: followed {[round(v[0], 2) for v in values]} "
            f"one delay {[round(v[1], 2) for v in values]}"
        )


def table(args: argparse.Namespace) -> None:
    from bench_heard import summarize  # tests/benchmarks is the script's own directory

    rows: list[dict[str, object]] = []
    for directory in args.dirs:
        for row in load(directory):
            heard = score_full_reference("downlink", row["ref"], row["rec"]).mos
            kind = "clean" if row["loss"] == 0 else "bursty" if row.get("burst") else "random"
            rows.append(
                {
                    "codec": row["codec"],
                    "kind": kind,
                    "loss_pct": row["loss"],
                    "seed": row["seed"],
                    "emodel_mos": row["emodel"],
                    "heard_mos": heard,
                    "concealed_frames": concealed_mask(row).sum(),
                }
            )
            print(
                f"{row['codec']:5} {kind:6} {row['loss']:4g}% seed {row['seed']}: heard "
                f"{heard:.3f} E-model {row['emodel']:.2f} concealed {rows[-1]['concealed_frames']}",
                flush=True,
            )
    summarize(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    commands: dict[str, Callable[[argparse.Namespace], None]] = {
        "record": record,
        "where": where,
        "nsim": nsim,
        "align": align,
        "table": table,
    }
    for name in commands:
        p = sub.add_parser(name)
        if name == "table":
            p.add_argument("dirs", nargs="+", type=Path)
        else:
            p.add_argument("dir", type=Path)
        if name == "record":
            p.add_argument("--duration", type=float, default=20.0)
            p.add_argument("--seeds", type=int, default=3)
            p.add_argument(
                "--burst", type=float, default=0.0, help="mean loss burst (packets); 0 = random"
            )
        if name == "nsim":
            p.add_argument("--losses", nargs="+", type=float, default=[10.0, 20.0])
    args = parser.parse_args()
    commands[args.what](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
