"""`callcheck mos`: the E-model as a what-if calculator."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from callcheck.core.codecs import CODECS, UnknownCodecError, codec
from callcheck.core.emodel import PARAM_SPECS, EModelInputError, Scale
from callcheck.core.grades import format_mos
from callcheck.core.quality import (
    CallConditions,
    QualityInputError,
    QualityResult,
    assess,
    assumed,
)
from callcheck.core.report import quality_json

EXIT_OK = 0
EXIT_USAGE = 2


def add_parser(subparsers: Any) -> None:
    """Register the `mos` sub-command."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "mos",
        help="compute a MOS with the ITU-T G.107 E-model (what-if calculator)",
        description=(
            "Compute R and MOS with the ITU-T G.107 E-model (G.107.1 for wideband codecs) from "
            "network figures, e.g. to answer 'what if we switched codec'. Inputs are one-way "
            "unless named round-trip."
        ),
    )
    p.add_argument(
        "--codec",
        default="g711-plc",
        metavar="NAME",
        help=f"codec from the table: {', '.join(CODECS)} (default: g711-plc)",
    )
    p.add_argument("--rtt-ms", type=float, default=0.0, help="network round-trip time")
    p.add_argument("--jitter-ms", type=float, default=None, help="RFC 3550 interarrival jitter")
    p.add_argument("--loss-pct", type=float, default=0.0, help="network packet loss, percent")
    p.add_argument("--burst-ratio", type=float, default=None, help="G.107 BurstR (1 = random loss)")
    p.add_argument(
        "--buffer-ms",
        type=float,
        default=None,
        help="mean playout wait of a frame (default: estimated from the jitter)",
    )
    p.add_argument("--device-ms", type=float, default=None, help="audio device latency")
    p.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help=(
            "set a G.107 parameter directly, overriding what the other options derive "
            f"(repeatable): {', '.join(PARAM_SPECS)}"
        ),
    )
    p.add_argument(
        "--scale",
        choices=("own", "wideband"),
        default="own",
        help=(
            "rate on the codec's own scale (G.107 narrowband MOS-CQE, or G.107.1 wideband "
            "MOS-CQEW; the default) or on the common wideband scale every codec comparison "
            "uses (MOS-CQEW; narrowband codecs by their wideband impairment factors)"
        ),
    )
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=run)


def _parse_params(items: list[str]) -> dict[str, float]:
    params: dict[str, float] = {}
    for item in items:
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise QualityInputError(f"--param expects NAME=VALUE, got {item!r}")
        if name not in PARAM_SPECS:
            raise QualityInputError(
                f"unknown G.107 parameter {name!r}; known: {', '.join(PARAM_SPECS)}"
            )
        try:
            params[name] = float(text)
        except ValueError:
            raise QualityInputError(f"--param {name} needs a number, got {text!r}") from None
    return params


def _summary(result: QualityResult, common: QualityResult) -> str:
    b = result.breakdown_dict()
    verdict = "pass" if result.passed else "below the pass mark 4.0"
    lines = [
        f"MOS {format_mos(result.mos)} {result.mos_label}  ({result.grade}, {verdict})",
        f"R   {result.r_factor:.1f} on the {result.scale} scale, codec {result.codec_key}",
    ]
    if common.scale is not result.scale:
        lines.append(
            f"For comparing codecs (common wideband scale): MOS {format_mos(common.mos)} "
            f"{common.mos_label}, R {common.r_factor:.1f}"
        )
    lines += [
        "",
        "Why this score (R = Ro - Is - Id - Ie,eff + A):",
        f"  Ro      {b['Ro']:7.2f}  basic signal-to-noise",
        f"  Is      {b['Is']:7.2f}  loudness, sidetone, quantization",
        f"  Id      {b['Id']:7.2f}  delay (talker echo {b['Idte']:.2f}, "
        f"listener echo {b['Idle']:.2f}, absolute delay {b['Idd']:.2f})",
        f"  Ie,eff  {b['Ie_eff']:7.2f}  codec and packet loss",
        f"  A       {b['A']:7.2f}  advantage",
        "",
        "Inputs:",
    ]
    for item in result.inputs:
        clamp = f" (clamped from {item.raw_value:g})" if item.raw_value is not None else ""
        unit = f" {item.unit}" if item.unit else ""
        lines.append(
            f"  {item.name:<18} {item.value:9.2f}{unit:<4} {item.provenance:<9} "
            f"{item.source}{clamp}"
        )
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Run `callcheck mos`; returns the exit code."""
    try:
        cdc = codec(args.codec)
        overrides = _parse_params(args.param)
        src = "command line"
        conditions = CallConditions(
            codec_key=cdc.key,
            network_delay_ms=assumed(args.rtt_ms / 2.0, "command line: RTT / 2"),
            loss_pct=assumed(args.loss_pct, src),
            jitter_ms=None if args.jitter_ms is None else assumed(args.jitter_ms, src),
            buffer_ms=None if args.buffer_ms is None else assumed(args.buffer_ms, src),
            burst_ratio=None if args.burst_ratio is None else assumed(args.burst_ratio, src),
            device_ms=None if args.device_ms is None else assumed(args.device_ms, src),
        )
        own = assess(conditions, overrides)
        common = assess(conditions, overrides, scale=Scale.WIDEBAND)
        result = common if args.scale == "wideband" else own
    except (QualityInputError, EModelInputError, UnknownCodecError) as exc:
        print(f"callcheck mos: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        out = quality_json(result)
        # Additive: the same call on the common wideband scale, the one to compare codecs on.
        out["common_scale"] = {
            "scale": str(common.scale),
            "mos_label": common.mos_label,
            "mos": round(common.mos, 2),
            "r_factor": round(common.r_factor, 2),
        }
        print(json.dumps(out, indent=2))
    else:
        print(_summary(result, common))
    return EXIT_OK
