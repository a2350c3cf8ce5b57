"""Frame decoders: real aiortc payloads decode back to the signal; loss is concealed.

Payloads come from aiortc's own encoders (what a CallCheck peer really sends), except for the
Opus FEC tests: aiortc's Opus encoder has FEC off and no way to turn it on, so those use libopus's
encoder through ctypes with in-band FEC and 10 % expected loss.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from collections.abc import Iterator
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest
from av import CodecContext, Packet
from codec_payloads import CAPTURE_RATE_HZ, FRAME_MS, aiortc_payloads

from callcheck.engine import decoders
from callcheck.engine.decoders import (
    ALAW_TABLE,
    MULAW_TABLE,
    FrameDecoder,
    LibopusNotFoundError,
    OpusFrameDecoder,
    load_libopus,
    make_decoder,
    open_libopus,
    opus_packet_has_fec,
)
from callcheck.engine.sources import SyntheticSpeechSource, ToneSource


def aligned_snr_db(
    decoded: npt.NDArray[np.int16], reference: npt.NDArray[np.float64], max_lag: int
) -> tuple[float, float]:
    """SNR and correlation of ``decoded`` against ``reference`` after removing the codec delay
    (the lag with the highest correlation) and gain (least squares)."""
    y = decoded.astype(np.float64)
    n = min(y.size, reference.size) - max_lag
    scores = [np.dot(y[lag : lag + n], reference[:n]) for lag in range(max_lag)]
    lag = int(np.argmax(scores))
    a, b = y[lag : lag + n], reference[:n]
    gain = np.dot(a, b) / np.dot(b, b)
    error = a - gain * b
    snr_db = 10 * np.log10(np.dot(gain * b, gain * b) / np.dot(error, error))
    return float(snr_db), float(np.corrcoef(a, b)[0, 1])


# ------------------------------------------------------------------------------- round trips

# Measured with libopus 1.6.1 / av 18.1: PCMU 36.7 dB, PCMA 36.8 dB, G.722 57 dB, Opus 45 dB.
# The bounds leave margin for other library builds; G.711's theoretical SNR at −10 dBFS is ~38 dB.
ROUND_TRIPS = [
    pytest.param("pcmu", 8_000, 32.0, id="pcmu"),
    pytest.param("pcma", 8_000, 32.0, id="pcma"),
    pytest.param("g722", 16_000, 35.0, id="g722"),
    pytest.param("opus", 48_000, 30.0, id="opus"),
]


@pytest.mark.parametrize(("codec", "sample_rate_hz", "min_snr_db"), ROUND_TRIPS)
def test_aiortc_payloads_of_a_sine_decode_back_to_the_sine(
    codec: str, sample_rate_hz: int, min_snr_db: float
) -> None:
    tone = ToneSource(440.0, -10.0, CAPTURE_RATE_HZ).read(CAPTURE_RATE_HZ)  # 1 s
    payloads = aiortc_payloads(codec, tone)
    decoder = make_decoder(codec)
    assert decoder.sample_rate_hz == sample_rate_hz

    decoded = np.concatenate([decoder.decode(p) for p in payloads])

    assert decoded.dtype == np.int16
    assert decoded.size == len(payloads) * sample_rate_hz * FRAME_MS // 1000
    settled = decoded[sample_rate_hz // 10 :]  # skip codec start-up
    reference = np.sin(2 * np.pi * 440.0 * np.arange(settled.size) / sample_rate_hz)
    snr_db, correlation = aligned_snr_db(settled, reference, max_lag=sample_rate_hz // 100)
    assert correlation > 0.99
    assert snr_db > min_snr_db


@pytest.mark.parametrize(
    ("codec_name", "table"),
    [pytest.param("pcm_mulaw", MULAW_TABLE, id="mu-law"), pytest.param("pcm_alaw", ALAW_TABLE)],
)
def test_g711_tables_match_ffmpeg_for_every_code(
    codec_name: str, table: npt.NDArray[np.int16]
) -> None:
    reference: Any = CodecContext.create(codec_name, "r")
    reference.format, reference.layout, reference.sample_rate = "s16", "mono", 8_000
    frames = reference.decode(Packet(bytes(range(256))))
    expected = np.concatenate([f.to_ndarray().reshape(-1) for f in frames])
    np.testing.assert_array_equal(table, expected)


def test_opus_stereo_stream_is_mixed_down_to_one_channel() -> None:
    tone = ToneSource(1_000.0, -6.0, CAPTURE_RATE_HZ).read(CAPTURE_RATE_HZ // 5)
    payloads = aiortc_payloads("opus", tone)
    assert all(p[0] & 0x04 for p in payloads)  # TOC stereo bit: aiortc sends stereo
    frame = OpusFrameDecoder().decode(payloads[-1])
    assert frame.shape == (960,)


# ------------------------------------------------------------------------------- concealment


def speech_payloads(codec: str, duration_s: float) -> list[bytes]:
    speech = SyntheticSpeechSource(CAPTURE_RATE_HZ).read(round(duration_s * CAPTURE_RATE_HZ))
    return aiortc_payloads(codec, speech)


def test_opus_plc_fills_a_lost_packet_and_decoding_carries_on() -> None:
    # PyAV fails exactly here: after an empty packet the next decode raises EOFError.
    payloads = speech_payloads("opus", 1.0)
    decoder = make_decoder("opus")
    for payload in payloads[:20]:
        decoder.decode(payload)

    concealed = decoder.conceal()
    following = decoder.decode(payloads[21])

    assert concealed.shape == (960,)
    assert concealed.dtype == np.int16
    assert np.any(concealed != 0)  # a continuation of the voice, not silence
    assert following.shape == (960,)


def test_opus_plc_handles_a_burst_and_a_loss_before_any_packet() -> None:
    decoder = make_decoder("opus")
    assert decoder.conceal().shape == (960,)  # nothing received yet: silence of the right size
    payloads = speech_payloads("opus", 0.6)
    decoder.decode(payloads[0])
    burst = [decoder.conceal() for _ in range(5)]
    assert all(frame.shape == (960,) for frame in burst)
    assert decoder.decode(payloads[6]).shape == (960,)


def test_empty_payload_is_treated_as_a_lost_packet() -> None:
    decoder = make_decoder("pcmu")
    decoder.decode(bytes(160))
    assert decoder.decode(b"").shape == (160,)


@pytest.mark.parametrize("codec", ["pcmu", "pcma", "g722"])
def test_codecs_without_fec_report_none(codec: str) -> None:
    decoder = make_decoder(codec)
    assert decoder.decode_fec(bytes(160)) is None


def test_aiortc_opus_packets_carry_no_fec() -> None:
    payloads = speech_payloads("opus", 1.0)
    decoder = make_decoder("opus")
    decoder.decode(payloads[0])
    assert decoder.decode_fec(payloads[2]) is None


@pytest.mark.parametrize("codec", ["pcmu", "pcma", "g722"])
def test_waveform_repetition_fades_to_silence_after_60_ms(codec: str) -> None:
    tone = ToneSource(200.0, -10.0, CAPTURE_RATE_HZ).read(CAPTURE_RATE_HZ // 2)
    decoder = make_decoder(codec)
    for payload in aiortc_payloads(codec, tone):
        decoder.decode(payload)

    concealed = np.concatenate([decoder.conceal() for _ in range(4)])  # 80 ms lost

    ten_ms = decoder.sample_rate_hz // 100
    rms = np.sqrt(np.mean(concealed.astype(np.float64).reshape(-1, ten_ms) ** 2, axis=1))
    full = rms[0]
    assert full > 0.5 * 32_767 * 10 ** (-10 / 20) / np.sqrt(2)  # first 10 ms at full level
    # 20 % per 10 ms after the first 10 ms (G.711 Appendix I): mean gains 0.9, 0.7, 0.5, 0.3, 0.1
    np.testing.assert_allclose(rms[1:6] / full, [0.9, 0.7, 0.5, 0.3, 0.1], atol=0.05)
    assert np.all(concealed[6 * ten_ms :] == 0)


def test_waveform_repetition_continues_a_voiced_signal() -> None:
    # 170 Hz: the period (47.06 samples at 8 kHz) is not a whole number of samples.
    tone = ToneSource(170.0, -10.0, CAPTURE_RATE_HZ).read(CAPTURE_RATE_HZ // 2)
    payloads = aiortc_payloads("pcmu", tone)
    reference = make_decoder("pcmu")
    expected = [reference.decode(p) for p in payloads]
    decoder = make_decoder("pcmu")
    for payload in payloads[:10]:
        decoder.decode(payload)

    concealed = decoder.conceal()[:80].astype(np.float64)  # the first 10 ms, at full level

    truth = expected[10][:80].astype(np.float64)
    snr_db = 10 * np.log10(np.sum(truth**2) / np.sum((concealed - truth) ** 2))
    assert snr_db > 15.0


def test_recovery_after_concealment_has_no_click() -> None:
    tone = ToneSource(200.0, -10.0, CAPTURE_RATE_HZ).read(CAPTURE_RATE_HZ // 2)
    payloads = aiortc_payloads("pcmu", tone)
    decoder = make_decoder("pcmu")
    for payload in payloads[:10]:
        decoder.decode(payload)
    concealed = decoder.conceal()
    resumed = decoder.decode(payloads[12])  # the phase jumps: 2 frames of sine were skipped

    step = abs(int(resumed[0]) - int(concealed[-1]))
    largest_normal_step = np.max(np.abs(np.diff(concealed.astype(np.int32))))
    assert step <= 2 * largest_normal_step


# ------------------------------------------------------------------------------------ Opus FEC

OPUS_APPLICATION_VOIP = 2048
OPUS_SET_BITRATE = 4002
OPUS_SET_INBANDFEC = 4012
OPUS_SET_PACKET_LOSS_PERC = 4014


class LibopusEncoder:
    """libopus's encoder with the FEC controls aiortc does not expose (48 kHz mono, 20 ms)."""

    def __init__(self, bitrate_bps: int, fec: bool, expected_loss_pct: int) -> None:
        self._lib = load_libopus()
        self._lib.opus_encoder_create.restype = ctypes.c_void_p
        self._lib.opus_encoder_destroy.argtypes = [ctypes.c_void_p]
        self._lib.opus_encode.restype = ctypes.c_int32
        error = ctypes.c_int(0)
        self._state = ctypes.c_void_p(
            self._lib.opus_encoder_create(
                CAPTURE_RATE_HZ, 1, OPUS_APPLICATION_VOIP, ctypes.byref(error)
            )
        )
        assert error.value == 0
        # opus_encoder_ctl is variadic: arguments go as plain C ints, no argtypes declared.
        for request, value in [
            (OPUS_SET_BITRATE, bitrate_bps),
            (OPUS_SET_INBANDFEC, int(fec)),
            (OPUS_SET_PACKET_LOSS_PERC, expected_loss_pct),
        ]:
            assert (
                self._lib.opus_encoder_ctl(self._state, ctypes.c_int(request), ctypes.c_int(value))
                == 0
            )
        self._out = (ctypes.c_ubyte * 1500)()

    def encode(self, frame: npt.NDArray[np.int16]) -> bytes:
        pcm = np.ascontiguousarray(frame, dtype=np.int16)
        n = self._lib.opus_encode(
            self._state,
            pcm.ctypes.data_as(ctypes.POINTER(ctypes.c_int16)),
            ctypes.c_int(pcm.size),
            self._out,
            ctypes.c_int32(len(self._out)),
        )
        assert n > 0
        return bytes(self._out[:n])

    def close(self) -> None:
        self._lib.opus_encoder_destroy(self._state)


@pytest.fixture(scope="module")
def speech_48k() -> npt.NDArray[np.int16]:
    return SyntheticSpeechSource(CAPTURE_RATE_HZ).read(8 * CAPTURE_RATE_HZ)


def libopus_payloads(
    speech: npt.NDArray[np.int16], *, fec: bool, expected_loss_pct: int = 10
) -> list[bytes]:
    encoder = LibopusEncoder(32_000, fec, expected_loss_pct)
    try:
        return [encoder.encode(speech[i : i + 960]) for i in range(0, speech.size - 959, 960)]
    finally:
        encoder.close()


def concealment_snr_db(payloads: list[bytes], *, use_fec: bool) -> float:
    """SNR of the frames recovered for every 7th packet lost, against decoding without loss."""
    reference = OpusFrameDecoder()
    expected = [reference.decode(p) for p in payloads]
    decoder = OpusFrameDecoder()
    signal = error = 0.0
    for i, payload in enumerate(payloads[:-1]):
        if i % 7 != 3:
            decoder.decode(payload)
            continue
        recovered = decoder.decode_fec(payloads[i + 1]) if use_fec else None
        if recovered is None:
            recovered = decoder.conceal()
        assert recovered.shape == (960,)
        signal += float(np.sum(expected[i].astype(np.float64) ** 2))
        error += float(np.sum((recovered.astype(np.float64) - expected[i]) ** 2))
    return float(10 * np.log10(signal / error))


def test_opus_fec_recovers_lost_frames_better_than_plc(speech_48k: npt.NDArray[np.int16]) -> None:
    # Measured (libopus 1.6.1, 32 kbit/s, 10 % expected loss): PLC 4.0 dB, FEC 13.7 dB.
    payloads = libopus_payloads(speech_48k, fec=True)
    plc_snr_db = concealment_snr_db(payloads, use_fec=False)
    fec_snr_db = concealment_snr_db(payloads, use_fec=True)
    assert fec_snr_db > plc_snr_db + 5.0


@pytest.mark.parametrize(
    ("fec", "expected_loss_pct", "carries_fec"),
    [
        pytest.param(True, 10, True, id="fec-on-10pct"),
        pytest.param(False, 10, False, id="fec-off"),
    ],
)
def test_fec_is_detected_only_when_the_encoder_sends_it(
    speech_48k: npt.NDArray[np.int16], fec: bool, expected_loss_pct: int, carries_fec: bool
) -> None:
    payloads = libopus_payloads(
        speech_48k[: 2 * CAPTURE_RATE_HZ], fec=fec, expected_loss_pct=expected_loss_pct
    )
    assert any(opus_packet_has_fec(p) for p in payloads) is carries_fec


def test_lbrr_parser_agrees_with_libopus(speech_48k: npt.NDArray[np.int16]) -> None:
    lib = load_libopus()
    if not hasattr(lib, "opus_packet_has_lbrr"):
        pytest.skip("this libopus predates opus_packet_has_lbrr (1.5)")
    packets = libopus_payloads(speech_48k, fec=True) + speech_payloads("opus", 0.5)
    for packet in packets:
        assert decoders._parse_has_lbrr(packet, lib) == bool(
            lib.opus_packet_has_lbrr(packet, len(packet))
        )


# ----------------------------------------------------------------------- library & factory


def test_the_av_wheel_libopus_is_preferred() -> None:
    first = next(decoders.libopus_candidates())
    assert "av.libs" in first or "dylibs" in first or first.endswith(".dll")


def test_env_var_overrides_the_library_search(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(decoders.LIBOPUS_ENV_VAR, "/custom/libopus.so")
    assert list(decoders.libopus_candidates()) == ["/custom/libopus.so"]
    with pytest.raises(LibopusNotFoundError, match=r"/custom/libopus\.so"):
        load_libopus.__wrapped__()


def test_missing_libopus_raises_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def nowhere() -> Iterator[str]:
        yield "/nonexistent/libopus.so.0"

    monkeypatch.setattr(decoders, "libopus_candidates", nowhere)
    with pytest.raises(LibopusNotFoundError, match=r"apt install libopus0.*nonexistent"):
        load_libopus.__wrapped__()


def test_a_library_that_is_not_libopus_is_rejected() -> None:
    libc = ctypes.util.find_library("c")
    if libc is None:
        pytest.skip("no libc found by name")
    with pytest.raises(OSError, match="not libopus"):
        open_libopus(libc)


def test_system_libopus_decodes_too() -> None:
    system = ctypes.util.find_library("opus")
    if system is None:
        pytest.skip("no system libopus")
    decoder = OpusFrameDecoder(open_libopus(system))
    payloads = speech_payloads("opus", 0.2)
    assert decoder.decode(payloads[0]).shape == (960,)
    assert decoder.conceal().shape == (960,)
    assert decoder.decode(payloads[2]).shape == (960,)


def test_system_libopus_fec_via_the_bitstream_parser(speech_48k: npt.NDArray[np.int16]) -> None:
    system = ctypes.util.find_library("opus")
    if system is None:
        pytest.skip("no system libopus")
    lib = open_libopus(system)
    payloads = libopus_payloads(speech_48k[: 2 * CAPTURE_RATE_HZ], fec=True)
    decoder = OpusFrameDecoder(lib)
    decoder.decode(payloads[0])
    with_fec = next(p for p in payloads[2:] if opus_packet_has_fec(p, lib))
    recovered = decoder.decode_fec(with_fec)
    assert recovered is not None
    assert recovered.shape == (960,)


@pytest.mark.parametrize("codec", ["opus", "OPUS", "g722", "pcmu", "PCMA"])
def test_make_decoder_accepts_aiortc_codec_names(codec: str) -> None:
    decoder: FrameDecoder = make_decoder(codec)
    assert decoder.sample_rate_hz in (8_000, 16_000, 48_000)


@pytest.mark.parametrize("codec", ["g729", "", "audio/opus", "ilbc"])
def test_unknown_codec_raises_value_error(codec: str) -> None:
    with pytest.raises(ValueError, match="unknown codec"):
        make_decoder(codec)
