"""Per-frame audio decoders with packet-loss concealment, for CallCheck's own playout buffer.

aiortc's decoders cannot conceal a lost packet: PyAV has no Opus PLC (decoding an empty packet
drains the decoder and the next packet raises ``EOFError``), and G.711/G.722 have none at all. The
playout buffer needs, per 20 ms slot, either the decoded frame or a concealment frame, so:

* **Opus** (RFC 6716, RTP mapping RFC 7587) is decoded by libopus itself through ctypes, which
  gives its real PLC (``opus_decode`` with no data) and in-band FEC (``decode_fec=1``).
* **G.711** µ-law/A-law is decoded with lookup tables built from the G.711 expansion rules, and
  **G.722** with PyAV's decoder (as aiortc does). Both conceal by waveform repetition in the
  spirit of ITU-T G.711 Appendix I (see :class:`WaveformRepetitionConcealer`).

Use: for each slot call :meth:`FrameDecoder.decode` with the payload, or, when the packet is
missing, :meth:`FrameDecoder.decode_fec` with the *next* payload if it is already here (Opus only)
and :meth:`FrameDecoder.conceal` if that returns ``None``. After ``decode_fec`` the next payload
is still decoded normally for its own slot.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import importlib.util
import os
import sys
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Final, Literal, Protocol

import numpy as np
import numpy.typing as npt

Int16Array = npt.NDArray[np.int16]

CODECS: Final = ("opus", "g722", "pcmu", "pcma")
"""Codec names :func:`make_decoder` accepts (aiortc's audio codecs)."""

FRAME_DURATION_MS: Final = 20
"""aiortc's packetisation time (``AUDIO_PTIME``); the length of a concealment frame until a real
frame has shown another one."""

OPUS_SAMPLE_RATE_HZ: Final = 48_000
"""Opus always runs its RTP clock and, here, its decoder at 48 kHz (RFC 7587 §4.1)."""

OPUS_MAX_FRAME_SAMPLES: Final = 5_760
"""120 ms at 48 kHz: the longest an Opus packet can be (RFC 6716 §3.2.5)."""

LIBOPUS_ENV_VAR: Final = "CALLCHECK_LIBOPUS"
"""Environment variable naming a libopus shared library to use instead of searching."""


class FrameDecoder(Protocol):
    """Decodes one codec's RTP payloads into int16 mono frames and conceals missing ones."""

    sample_rate_hz: int

    def decode(self, payload: bytes) -> Int16Array:
        """Decode one payload (normally a 20 ms frame). An empty payload is concealed."""
        ...

    def conceal(self) -> Int16Array:
        """A frame of concealment for a missing packet, as long as the last decoded frame."""
        ...

    def decode_fec(self, next_payload: bytes) -> Int16Array | None:
        """Recover the frame before ``next_payload`` from its in-band FEC (Opus LBRR), or
        ``None`` if the codec or that packet carries none."""
        ...


class CodecError(RuntimeError):
    """A codec library failed (corrupt payload, failed initialisation)."""


class LibopusNotFoundError(OSError):
    """No usable libopus shared library was found."""


def make_decoder(codec: str) -> FrameDecoder:
    """A fresh decoder for ``codec`` (``"opus"``, ``"g722"``, ``"pcmu"`` or ``"pcma"``,
    case-insensitive).

    Raises:
        ValueError: the codec is not one of those.
        LibopusNotFoundError: ``codec`` is Opus and libopus cannot be loaded.
    """
    name = codec.lower()
    if name == "opus":
        return OpusFrameDecoder()
    if name == "g722":
        return G722FrameDecoder()
    if name == "pcmu":
        return G711FrameDecoder("pcmu")
    if name == "pcma":
        return G711FrameDecoder("pcma")
    raise ValueError(f"unknown codec {codec!r}; expected one of {', '.join(CODECS)}")


# ------------------------------------------------------------------------------------ libopus


def libopus_candidates() -> Iterator[str]:
    """Where to look for libopus, best first.

    1. ``$CALLCHECK_LIBOPUS``, and then nothing else.
    2. The copy bundled in the PyAV wheel, which is certainly there when PyAV can decode Opus:
       ``site-packages/av.libs/libopus-<hash>.so.*`` (Linux, auditwheel), ``av/.dylibs/`` (macOS,
       delocate), ``av.libs/*opus*.dll`` or ``av/`` (Windows, delvewheel).
    3. The system library found by :func:`ctypes.util.find_library` (Debian's ``libopus0``,
       Homebrew's ``opus``), then the usual names, for loaders that search paths themselves.
    """
    override = os.environ.get(LIBOPUS_ENV_VAR)
    if override:
        yield override  # an explicit choice: do not quietly fall back to another library
        return
    spec = importlib.util.find_spec("av")
    if spec is not None and spec.origin is not None:
        package_dir = Path(spec.origin).parent
        patterns = ("libopus*.so*", "libopus*.dylib", "*opus*.dll")
        for folder in (package_dir.parent / "av.libs", package_dir / ".dylibs", package_dir):
            for pattern in patterns:
                for path in sorted(folder.glob(pattern)):
                    yield str(path)
    found = ctypes.util.find_library("opus")
    if found:
        yield found
    if sys.platform == "darwin":
        yield from ("libopus.0.dylib", "/opt/homebrew/lib/libopus.0.dylib")
        yield "/usr/local/lib/libopus.0.dylib"
    elif sys.platform == "win32":
        yield from ("opus.dll", "libopus-0.dll")
    else:
        yield "libopus.so.0"


@functools.cache
def load_libopus() -> ctypes.CDLL:
    """Load libopus (see :func:`libopus_candidates`) and declare the decoder functions' types.

    Raises:
        LibopusNotFoundError: no candidate loads; the message lists what was tried.
    """
    tried: list[str] = []
    for candidate in libopus_candidates():
        try:
            return open_libopus(candidate)
        except OSError as error:
            tried.append(f"{candidate} ({error})")
    raise LibopusNotFoundError(
        "Opus needs the libopus library and none could be loaded. Reinstall CallCheck (its "
        "PyAV wheel bundles one), install libopus (Debian/Ubuntu: apt install libopus0; macOS: "
        f"brew install opus), or set {LIBOPUS_ENV_VAR} to its path. Tried: " + "; ".join(tried)
    )


def open_libopus(path: str) -> ctypes.CDLL:
    """Load the libopus at ``path`` (or a name the system loader resolves) and declare the
    C signatures this module calls.

    Raises:
        OSError: it cannot be loaded or is not libopus.
    """
    lib = ctypes.CDLL(path)
    if not hasattr(lib, "opus_decode"):
        raise OSError(f"{path} has no opus_decode: not libopus")
    _declare_decoder_api(lib)
    return lib


def libopus_version(lib: ctypes.CDLL | None = None) -> str:
    """The loaded libopus's version string, e.g. ``"libopus 1.5.2"``."""
    lib = lib if lib is not None else load_libopus()
    version: bytes = lib.opus_get_version_string()
    return version.decode("ascii", "replace")


def _declare_decoder_api(lib: ctypes.CDLL) -> None:
    c_int16_p = ctypes.POINTER(ctypes.c_int16)
    lib.opus_decoder_create.argtypes = [ctypes.c_int32, ctypes.c_int, ctypes.POINTER(ctypes.c_int)]
    lib.opus_decoder_create.restype = ctypes.c_void_p
    lib.opus_decoder_destroy.argtypes = [ctypes.c_void_p]
    lib.opus_decoder_destroy.restype = None
    # int opus_decode(OpusDecoder*, const unsigned char *data, opus_int32 len, opus_int16 *pcm,
    #                 int frame_size, int decode_fec)
    lib.opus_decode.argtypes = [
        ctypes.c_void_p,
        ctypes.c_char_p,
        ctypes.c_int32,
        c_int16_p,
        ctypes.c_int,
        ctypes.c_int,
    ]
    lib.opus_decode.restype = ctypes.c_int
    lib.opus_strerror.argtypes = [ctypes.c_int]
    lib.opus_strerror.restype = ctypes.c_char_p
    lib.opus_get_version_string.argtypes = []
    lib.opus_get_version_string.restype = ctypes.c_char_p
    # int opus_packet_parse(const unsigned char *data, opus_int32 len, unsigned char *out_toc,
    #                       const unsigned char *frames[48], opus_int16 size[48], int *offset)
    lib.opus_packet_parse.argtypes = [
        ctypes.c_void_p,
        ctypes.c_int32,
        ctypes.c_void_p,
        ctypes.POINTER(ctypes.c_void_p),
        ctypes.POINTER(ctypes.c_int16),
        ctypes.c_void_p,
    ]
    lib.opus_packet_parse.restype = ctypes.c_int
    if hasattr(lib, "opus_packet_has_lbrr"):  # libopus ≥ 1.5
        lib.opus_packet_has_lbrr.argtypes = [ctypes.c_char_p, ctypes.c_int32]
        lib.opus_packet_has_lbrr.restype = ctypes.c_int


def _opus_error(lib: ctypes.CDLL, code: int) -> str:
    message: bytes | None = lib.opus_strerror(code)
    return message.decode("ascii", "replace") if message else f"error {code}"


def opus_packet_has_fec(payload: bytes, lib: ctypes.CDLL | None = None) -> bool:
    """Whether an Opus packet carries LBRR data, i.e. in-band FEC for the previous packet.

    Uses libopus's ``opus_packet_has_lbrr`` (≥ 1.5) when present, else the same test by hand:
    LBRR exists only in the SILK layer (SILK-only and hybrid modes, TOC configs 0–15,
    RFC 6716 §3.1), and its flags are the first bits of the first frame, right after one VAD flag
    per 20 ms SILK frame and channel (RFC 6716 §4.2.3, §4.2.4).
    """
    lib = lib if lib is not None else load_libopus()
    if not payload:
        return False
    if hasattr(lib, "opus_packet_has_lbrr"):
        return int(lib.opus_packet_has_lbrr(payload, len(payload))) > 0
    return _parse_has_lbrr(payload, lib)


def _parse_has_lbrr(payload: bytes, lib: ctypes.CDLL) -> bool:
    """``opus_packet_has_lbrr`` for libopus < 1.5 (Debian 12 ships 1.3.1), from the bitstream."""
    toc = payload[0]
    config = toc >> 3
    if config >= 16:  # CELT-only
        return False
    # SILK-only configs cycle 10/20/40/60 ms, hybrid configs 10/20 ms (RFC 6716 §3.1, Table 2).
    frame_ms = (10, 20, 40, 60)[config % 4] if config < 12 else (10, 20)[config % 2]
    silk_frames = max(1, frame_ms // 20)
    buffer = ctypes.create_string_buffer(payload, len(payload))
    frames = (ctypes.c_void_p * 48)()
    sizes = (ctypes.c_int16 * 48)()
    count = int(lib.opus_packet_parse(buffer, len(payload), None, frames, sizes, None))
    if count <= 0 or sizes[0] <= 0 or frames[0] is None:
        return False
    first = payload[frames[0] - ctypes.addressof(buffer)]
    lbrr = (first >> (7 - silk_frames)) & 1
    if toc & 0x04:  # stereo: the side channel's VAD and LBRR flags follow the mid channel's
        lbrr |= (first >> (6 - 2 * silk_frames)) & 1
    return bool(lbrr)


class OpusFrameDecoder:
    """Opus through libopus: real PLC and in-band FEC.

    The decoder is created mono at 48 kHz. aiortc sends ``opus/48000/2`` (stereo, both channels
    the same signal), and libopus mixes a stereo stream down to mono itself when the decoder has
    one channel, which RFC 7587 §3.4 allows any receiver to do. One channel is all the playout
    path and the audio analysis use, and it halves the copying.
    """

    sample_rate_hz: int = OPUS_SAMPLE_RATE_HZ

    def __init__(self, lib: ctypes.CDLL | None = None) -> None:
        self._lib = lib if lib is not None else load_libopus()
        error = ctypes.c_int(0)
        state = self._lib.opus_decoder_create(OPUS_SAMPLE_RATE_HZ, 1, ctypes.byref(error))
        if error.value != 0 or not state:
            raise CodecError(f"opus_decoder_create failed: {_opus_error(self._lib, error.value)}")
        self._state = ctypes.c_void_p(state)
        # Free the C state when this object goes away, even at interpreter exit.
        self._finalizer = weakref.finalize(self, self._lib.opus_decoder_destroy, self._state)
        self._pcm = np.zeros(OPUS_MAX_FRAME_SAMPLES, dtype=np.int16)
        self._pcm_pointer = self._pcm.ctypes.data_as(ctypes.POINTER(ctypes.c_int16))
        self._frame_samples = OPUS_SAMPLE_RATE_HZ * FRAME_DURATION_MS // 1000

    def decode(self, payload: bytes) -> Int16Array:
        """Decode one Opus packet (any duration up to 120 ms)."""
        if not payload:
            return self.conceal()
        n = self._opus_decode(payload, OPUS_MAX_FRAME_SAMPLES, fec=False)
        self._frame_samples = n
        return self._pcm[:n].copy()

    def conceal(self) -> Int16Array:
        """libopus PLC for one missing packet of the last packet's duration.

        ``frame_size`` must be exactly the missing duration, or the decoder is not in the right
        state for the next packet (libopus API documentation of ``opus_decode``).
        """
        return self._pcm[: self._opus_decode(None, self._frame_samples, fec=False)].copy()

    def decode_fec(self, next_payload: bytes) -> Int16Array | None:
        """Decode the previous (lost) frame from the LBRR data in ``next_payload``.

        ``None`` when the packet carries no LBRR (CELT-only packets, or the sender's FEC is off,
        as in aiortc, or its expected loss is below libopus's ~6 % threshold): libopus would
        then silently fall back to PLC, and the caller should know it got PLC.
        """
        if not opus_packet_has_fec(next_payload, self._lib):
            return None
        return self._pcm[: self._opus_decode(next_payload, self._frame_samples, fec=True)].copy()

    def _opus_decode(self, payload: bytes | None, frame_size: int, *, fec: bool) -> int:
        length = len(payload) if payload else 0
        n = int(
            self._lib.opus_decode(
                self._state, payload, length, self._pcm_pointer, frame_size, int(fec)
            )
        )
        if n < 0:
            raise CodecError(f"opus_decode failed: {_opus_error(self._lib, n)}")
        return n


# ------------------------------------------------------------------------- concealment (G.711)

PLC_FULL_LEVEL_MS: Final = 10.0
"""G.711 Appendix I: the first 10 ms of an erasure are repeated at full level…"""
PLC_SILENCE_AFTER_MS: Final = 60.0
"""…then attenuated linearly by 20 % per 10 ms, reaching silence 60 ms into the erasure."""
PLC_PITCH_MIN_MS: Final = 5.0
PLC_PITCH_MAX_MS: Final = 15.0
"""Pitch search range (66–200 Hz, as in Appendix I; higher voices match at two periods)."""
PLC_CORRELATION_MS: Final = 10.0
"""Length of the most recent audio matched against the history to find the pitch period."""
PLC_HISTORY_MS: Final = PLC_PITCH_MAX_MS + PLC_CORRELATION_MS


class WaveformRepetitionConcealer:
    """Packet-loss concealment by pitch-period repetition with a fade, after ITU-T G.711
    Appendix I.

    On the first missing frame it finds the pitch period of the last 25 ms of good audio (the lag,
    5–15 ms, that best matches the last 10 ms with the audio before it, by normalised
    correlation) and repeats that period. The level stays full for 10 ms, then falls linearly by
    20 % per 10 ms to silence at 60 ms — three missing 20 ms frames. When audio resumes, the
    first 4 ms (+ 4 ms per further 10 ms of erasure, at most 10 ms) of the new frame is
    cross-faded from the continuing synthetic signal, so there is no click.

    Simplified from Appendix I: no 3.75 ms output delay (so no overlap-add at the *start* of an
    erasure: repeating whole pitch periods keeps that junction smooth) and one pitch period
    throughout instead of growing to three.
    """

    def __init__(self, sample_rate_hz: int) -> None:
        self.sample_rate_hz = sample_rate_hz
        self._history = np.zeros(0, dtype=np.float64)
        self._history_samples = self._samples(PLC_HISTORY_MS)
        self._period: npt.NDArray[np.float64] | None = None
        self._erased_samples = 0  # since the erasure began; 0 when not concealing

    def _samples(self, duration_ms: float) -> int:
        return round(duration_ms * self.sample_rate_hz / 1000)

    @property
    def concealing(self) -> bool:
        """Whether the last frame handed out was concealment."""
        return self._erased_samples > 0

    def good_frame(self, frame: Int16Array) -> Int16Array:
        """Pass a decoded frame through: remembered as history, cross-faded after an erasure."""
        out = frame
        if self._erased_samples > 0:
            erased_ms = 1000 * self._erased_samples / self.sample_rate_hz
            extra_10ms_blocks = max(0, int((erased_ms - PLC_FULL_LEVEL_MS) // 10))
            ola_samples = min(self._samples(4.0 * (1 + extra_10ms_blocks)), self._samples(10.0))
            ola_samples = min(ola_samples, frame.size)
            tail = self._synthesise(ola_samples)
            ramp = (np.arange(ola_samples) + 0.5) / ola_samples
            mixed = frame.astype(np.float64)
            mixed[:ola_samples] = ramp * mixed[:ola_samples] + (1.0 - ramp) * tail
            out = _to_int16(mixed)
            self._erased_samples = 0
            self._period = None
        self._history = np.concatenate([self._history, out.astype(np.float64)])
        self._history = self._history[-self._history_samples :]
        return out

    def conceal(self, n_samples: int) -> Int16Array:
        """``n_samples`` of concealment continuing the erasure in progress (or starting one)."""
        if self._erased_samples == 0:
            self._period = self._pitch_period()
        return _to_int16(self._synthesise(n_samples))

    def _synthesise(self, n_samples: int) -> npt.NDArray[np.float64]:
        """The next ``n_samples`` of the repeated period with the Appendix I fade applied."""
        start = self._erased_samples
        self._erased_samples += n_samples
        if self._period is None or self._period.size == 0:
            return np.zeros(n_samples)
        index = start + np.arange(n_samples)
        elapsed_ms = 1000.0 * index / self.sample_rate_hz
        gain = np.clip(
            1.0 - (elapsed_ms - PLC_FULL_LEVEL_MS) / (PLC_SILENCE_AFTER_MS - PLC_FULL_LEVEL_MS),
            0.0,
            1.0,
        )
        return self._period[index % self._period.size] * gain

    def _pitch_period(self) -> npt.NDArray[np.float64] | None:
        history = self._history
        window = self._samples(PLC_CORRELATION_MS)
        lag_min, lag_max = self._samples(PLC_PITCH_MIN_MS), self._samples(PLC_PITCH_MAX_MS)
        if history.size < window + lag_min:
            return history.copy() if history.size else None
        recent = history[-window:]
        best_lag, best_score = lag_min, -np.inf
        for lag in range(lag_min, min(lag_max, history.size - window) + 1):
            earlier = history[-window - lag : -lag]
            energy = float(np.dot(earlier, earlier))
            score = float(np.dot(recent, earlier)) / np.sqrt(energy) if energy > 0 else 0.0
            if score > best_score:
                best_lag, best_score = lag, score
        return history[-best_lag:].copy()


def _to_int16(samples: npt.NDArray[np.float64]) -> Int16Array:
    return np.clip(np.round(samples), -32_768, 32_767).astype(np.int16)


# ---------------------------------------------------------------------------------------- G.711


def _mulaw_table() -> Int16Array:
    """G.711 µ-law expansion of all 256 codes (G.711 Table 2a; the bits are sent inverted)."""
    code = ~np.arange(256, dtype=np.int32) & 0xFF
    exponent = (code >> 4) & 0x07
    mantissa = code & 0x0F
    magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84
    return np.where(code & 0x80, -magnitude, magnitude).astype(np.int16)


def _alaw_table() -> Int16Array:
    """G.711 A-law expansion of all 256 codes (G.711 Table 1a; even bits are sent inverted)."""
    code = np.arange(256, dtype=np.int32) ^ 0x55
    segment = (code >> 4) & 0x07
    mantissa = (code & 0x0F) << 4
    magnitude = np.where(
        segment == 0,
        mantissa + 8,
        (mantissa + 0x108) << np.maximum(segment - 1, 0),
    )
    return np.where(code & 0x80, magnitude, -magnitude).astype(np.int16)


G711_SAMPLE_RATE_HZ: Final = 8_000
MULAW_TABLE: Final = _mulaw_table()
ALAW_TABLE: Final = _alaw_table()


class G711FrameDecoder:
    """G.711 µ-law (PCMU) or A-law (PCMA), 8 kHz, with Appendix I-style concealment."""

    sample_rate_hz: int = G711_SAMPLE_RATE_HZ

    def __init__(self, law: Literal["pcmu", "pcma"]) -> None:
        self.law = law
        self._table = MULAW_TABLE if law == "pcmu" else ALAW_TABLE
        self._concealer = WaveformRepetitionConcealer(self.sample_rate_hz)
        self._frame_samples = self.sample_rate_hz * FRAME_DURATION_MS // 1000

    def decode(self, payload: bytes) -> Int16Array:
        """One byte per sample (RFC 3551 §4.5.14)."""
        if not payload:
            return self.conceal()
        frame = self._table[np.frombuffer(payload, dtype=np.uint8)]
        self._frame_samples = frame.size
        return self._concealer.good_frame(frame)

    def conceal(self) -> Int16Array:
        """Repeat the last pitch period, fading to silence 60 ms into the erasure."""
        return self._concealer.conceal(self._frame_samples)

    def decode_fec(self, next_payload: bytes) -> Int16Array | None:
        """G.711 carries no FEC."""
        return None


# ---------------------------------------------------------------------------------------- G.722

G722_SAMPLE_RATE_HZ: Final = 16_000
"""G.722 audio is 16 kHz although its RTP clock is 8 kHz (RFC 3551 §4.5.2, kept for history)."""


class G722FrameDecoder:
    """G.722 through PyAV's decoder (as aiortc), 16 kHz, with Appendix I-style concealment.

    The ADPCM decoder does not see the lost frames, so its adaptive state is off for a few ms
    after an erasure; the recovery cross-fade covers the worst of it. (G.722 Appendix III/IV
    define a codec-specific PLC that also repairs the state; libavcodec does not implement it.)
    """

    sample_rate_hz: int = G722_SAMPLE_RATE_HZ

    def __init__(self) -> None:
        import av  # lazy: PyAV loads all of libavcodec

        self._codec = av.CodecContext.create("g722", "r")
        self._codec.format = "s16"
        self._codec.layout = "mono"
        self._codec.sample_rate = G722_SAMPLE_RATE_HZ
        self._packet_type = av.Packet
        self._concealer = WaveformRepetitionConcealer(self.sample_rate_hz)
        self._frame_samples = self.sample_rate_hz * FRAME_DURATION_MS // 1000

    def decode(self, payload: bytes) -> Int16Array:
        """Two samples per byte (4 bits each of the lower and upper sub-band per 16 kHz pair)."""
        if not payload:
            return self.conceal()
        frames = self._codec.decode(self._packet_type(payload))
        if not frames:
            return self.conceal()
        frame: Int16Array = np.concatenate(
            [f.to_ndarray().reshape(-1).astype(np.int16) for f in frames]
        )
        self._frame_samples = frame.size
        return self._concealer.good_frame(frame)

    def conceal(self) -> Int16Array:
        """Repeat the last pitch period, fading to silence 60 ms into the erasure."""
        return self._concealer.conceal(self._frame_samples)

    def decode_fec(self, next_payload: bytes) -> Int16Array | None:
        """G.722 carries no FEC."""
        return None
