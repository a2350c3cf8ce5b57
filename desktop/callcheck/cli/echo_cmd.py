"""`callcheck echo`: hear yourself as the other side of a call would (issue 16).

Records a few seconds from the microphone (or reads ``--wav-in``, or uses the built-in test
signal with ``--no-audio-device``), sends it through a real test call — the loopback with the
``--impair`` network, or the reflector at ``--server`` — and plays what came back to the speaker
or writes it to ``--wav-out`` (sample 0 = the moment the first spoken sample was sent, so the
file carries the path's delay).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import sys
from pathlib import Path
from typing import Any, Final, TextIO

import numpy as np

from callcheck.engine.audio_io import AudioDeviceError, AudioUnavailable
from callcheck.engine.echo_test import (
    MAX_SECONDS,
    EchoOptions,
    EchoResult,
    play_to_speaker,
    read_wav,
    record_microphone,
    run_echo,
    write_wav,
)
from callcheck.engine.impairment import NETWORK_PRESETS, ImpairmentSpec
from callcheck.engine.signaling import parse_server_url
from callcheck.engine.snapshots import CallFailed
from callcheck.engine.sources import AudioSourceError, SyntheticSpeechSource

EXIT_OK: Final = 0
EXIT_USAGE: Final = 2
EXIT_COULD_NOT_RUN: Final = 3
CODECS: Final = ("opus", "g722", "pcmu", "pcma")
DEFAULT_SECONDS: Final = 5.0
#: Rate of the built-in test signal (wideband speech).
TEST_SIGNAL_RATE_HZ: Final = 16_000
#: The server's token when no --token is given (the same variable as `callcheck test`).
TOKEN_ENV: Final = "CALLCHECK_SERVER_TOKEN"


class UsageError(ValueError):
    """A bad combination of options (exit 2)."""


def add_parser(subparsers: Any) -> None:
    """Register the `echo` sub-command."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "echo",
        help="hear yourself: speak, then listen to how the other side hears you",
        description=(
            "Record a few seconds of your voice, send it through a real test call (codec, "
            "network, playout buffer and concealment) and play back what the other side would "
            "hear. Exit status: 0 done, 2 usage error, 3 it could not run."
        ),
    )
    mode = p.add_mutually_exclusive_group()
    mode.add_argument(
        "--loopback",
        action="store_true",
        help="through a call on this computer, with the --impair network (the default)",
    )
    mode.add_argument(
        "--server", metavar="URL", help="through the CallCheck reflector at URL and back"
    )
    p.add_argument(
        "--seconds",
        type=float,
        metavar="S",
        help=f"how long to record (default {DEFAULT_SECONDS:g}; with --wav-in: the whole file)",
    )
    p.add_argument("--codec", choices=CODECS, default="opus", help="codec (default opus)")
    p.add_argument(
        "--impair",
        metavar="SPEC",
        help="emulate a network, e.g. delay=50,jitter=10,loss=2,burst=2, or one by name: "
        f"{', '.join(NETWORK_PRESETS)}",
    )
    p.add_argument("--input", metavar="DEV", help="microphone: device index or part of its name")
    p.add_argument("--output", metavar="DEV", help="speaker: device index or part of its name")
    p.add_argument("--wav-in", metavar="FILE", help="send this 16-bit PCM WAV instead of recording")
    p.add_argument(
        "--wav-out",
        "--output-wav",
        dest="wav_out",
        metavar="FILE",
        help="write what came back to this WAV file instead of playing it",
    )
    p.add_argument(
        "--no-audio-device",
        action="store_true",
        help="send the built-in test signal instead of recording (needs --wav-out)",
    )
    p.add_argument("--token", help=f"the server's access token (or set {TOKEN_ENV}); with --server")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.set_defaults(handler=run)


def _options(args: argparse.Namespace) -> EchoOptions:
    spec = None
    if args.impair:
        try:
            spec = ImpairmentSpec.parse(args.impair)
        except ValueError as exc:
            raise UsageError(f"--impair: {exc}") from None
    if args.server is None:
        return EchoOptions(codec=args.codec, impairment=spec)
    try:
        parse_server_url(args.server)
    except ValueError as exc:
        raise UsageError(f"--server: {exc}") from None
    token = args.token or os.environ.get(TOKEN_ENV) or None
    return EchoOptions(
        mode="server", codec=args.codec, impairment=spec, server_url=args.server, token=token
    )


def _seconds(args: argparse.Namespace) -> float | None:
    seconds: float | None = args.seconds
    if seconds is not None and not (math.isfinite(seconds) and 0.5 <= seconds <= MAX_SECONDS):
        raise UsageError(f"--seconds must be between 0.5 and {MAX_SECONDS:g}")
    return seconds


def _check_writable(path: str) -> None:
    """Fail before the test, not after it, when the WAV cannot be written."""
    target = Path(path)
    if target.is_dir():
        raise UsageError(f"--wav-out {path} is a folder; give a file name")
    existed = target.exists()
    try:
        with target.open("ab"):
            pass
    except OSError as exc:
        raise UsageError(f"--wav-out: cannot write {path} ({exc.strerror or exc})") from None
    if not existed:
        target.unlink(missing_ok=True)


def _summary(result: EchoResult) -> dict[str, Any]:
    def rounded(value: float | None) -> float | None:
        return None if value is None else round(value, 1)

    return {
        "mode": result.call.mode,
        "codec": result.call.codec,
        "impairment": result.call.impairment,
        "spoken_s": round(result.spoken.size / result.sample_rate_hz, 2),
        "sample_rate_hz": result.sample_rate_hz,
        "path_delay_ms": rounded(result.path_delay_ms),
        "heard_delay_ms": rounded(result.heard_delay_ms),
        "similarity": round(result.similarity, 3),
        "frames_decoded": result.frames_decoded,
        "frames_concealed": result.frames_concealed,
        "concealed_pct": round(result.concealed_pct, 1),
    }


def _print_summary(result: EchoResult, out: TextIO) -> None:
    path = result.path_delay_ms
    delay = "not measured" if path is None else f"{path:.0f} ms"
    print(
        f"Your voice came back after {result.heard_delay_ms:.0f} ms (the path measured {delay}).",
        file=out,
    )
    print(
        f"{result.concealed_pct:.1f} % of it was lost and filled in; "
        f"it resembles what you said to {100 * result.similarity:.0f} %.",
        file=out,
    )


async def _spoken(args: argparse.Namespace, seconds: float | None, err: TextIO) -> tuple[Any, int]:
    if args.wav_in:
        samples, rate = read_wav(args.wav_in)
        limit = round((seconds or MAX_SECONDS) * rate)
        return samples[:limit], rate
    duration = seconds or DEFAULT_SECONDS
    if args.no_audio_device:
        source = SyntheticSpeechSource(sample_rate_hz=TEST_SIGNAL_RATE_HZ)
        return source.read(round(duration * TEST_SIGNAL_RATE_HZ)), TEST_SIGNAL_RATE_HZ
    print(f"Speak now for {duration:g} seconds…", file=err, flush=True)
    return await record_microphone(duration, args.input)


async def _run(args: argparse.Namespace, seconds: float | None, options: EchoOptions) -> int:
    out, err = sys.stdout, sys.stderr
    spoken, rate = await _spoken(args, seconds, err)
    if not args.json:
        print("Sending it through the test call…", file=err, flush=True)
    result = await run_echo(np.asarray(spoken, dtype=np.int16), rate, options)
    if args.wav_out:
        write_wav(args.wav_out, result.played_back, result.sample_rate_hz)
    if args.json:
        print(json.dumps(_summary(result), indent=2), file=out)
    else:
        _print_summary(result, out)
    if not args.wav_out:
        if not args.json:
            print("Playing it back…", file=err, flush=True)
        await play_to_speaker(result.playback_audio(), result.sample_rate_hz, args.output)
    elif not args.json:
        print(f"Written to {args.wav_out}.", file=out)
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Run `callcheck echo`; returns the exit code."""
    err = sys.stderr
    try:
        options = _options(args)
        seconds = _seconds(args)
        if args.no_audio_device and args.wav_in:
            raise UsageError("choose one: --wav-in FILE or --no-audio-device")
        if args.no_audio_device and not args.wav_out:
            raise UsageError("--no-audio-device has no speaker to play to: add --wav-out FILE")
        if args.wav_out:
            _check_writable(args.wav_out)
    except UsageError as exc:
        print(f"callcheck echo: {exc}", file=err)
        return EXIT_USAGE
    try:
        return asyncio.run(_run(args, seconds, options))
    except AudioSourceError as exc:
        print(f"callcheck echo: {exc}", file=err)
        return EXIT_USAGE
    except (AudioDeviceError, AudioUnavailable) as exc:
        print(f"callcheck echo: {exc}", file=err)
        return EXIT_COULD_NOT_RUN
    except CallFailed as exc:
        print(f"callcheck echo: the test call could not run: {exc.message}", file=err)
        return EXIT_COULD_NOT_RUN
    except OSError as exc:
        print(f"callcheck echo: {exc.strerror or exc}", file=err)
        return EXIT_COULD_NOT_RUN
