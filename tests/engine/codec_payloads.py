"""RTP payloads as a CallCheck peer sends them: aiortc's own encoders, 20 ms a packet."""

from __future__ import annotations

import fractions

import numpy as np
import numpy.typing as npt
from aiortc.codecs import get_encoder
from aiortc.rtcrtpparameters import RTCRtpCodecParameters
from av import AudioFrame

# What aiortc negotiates (aiortc/codecs/__init__.py): note G.722's 8 kHz RTP clock.
AIORTC_CODECS = {
    "opus": RTCRtpCodecParameters(mimeType="audio/opus", clockRate=48_000, channels=2),
    "g722": RTCRtpCodecParameters(mimeType="audio/G722", clockRate=8_000, channels=1),
    "pcmu": RTCRtpCodecParameters(mimeType="audio/PCMU", clockRate=8_000, channels=1),
    "pcma": RTCRtpCodecParameters(mimeType="audio/PCMA", clockRate=8_000, channels=1),
}
CAPTURE_RATE_HZ = 48_000
FRAME_MS = 20


def aiortc_payloads(
    codec: str, samples: npt.NDArray[np.int16], rate_hz: int = CAPTURE_RATE_HZ
) -> list[bytes]:
    """Encode mono audio at ``rate_hz`` with aiortc's encoder for ``codec``, 20 ms at a time."""
    encoder = get_encoder(AIORTC_CODECS[codec])
    step = rate_hz * FRAME_MS // 1000
    payloads: list[bytes] = []
    for start in range(0, samples.size - step + 1, step):
        frame = AudioFrame.from_ndarray(samples[np.newaxis, start : start + step], layout="mono")
        frame.sample_rate = rate_hz
        frame.pts = start
        frame.time_base = fractions.Fraction(1, rate_hz)
        packets, _timestamp = encoder.encode(frame)
        payloads += packets
    return payloads
