"""Audio sources for the outgoing track: the synthetic speech signal, any WAV file, a tone.

Every source yields int16 mono at its ``sample_rate_hz`` and never runs dry: file sources loop,
so a test of any length can be fed from a few seconds of audio.
"""

from __future__ import annotations

import math
import wave
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt

from callcheck.core.resample import resample
from callcheck.resources import resource_path

DEFAULT_SAMPLE_RATE_HZ = 48_000
"""aiortc's Opus clock rate; its encoders resample to the codec's rate themselves."""

SPEECH_SIGNAL_RESOURCE = "test-signal/speech-like-16k.wav"
"""The shipped speech-like test signal (see ``resources/test-signal/README.md``)."""

INT16_FULL_SCALE = 32_767


class AudioSourceError(ValueError):
    """An audio file cannot be used as a source; the message says why and what to do."""


class AudioSource(Protocol):
    """Anything that produces the audio a test call sends."""

    sample_rate_hz: int

    def read(self, n_samples: int) -> npt.NDArray[np.int16]:
        """The next ``n_samples`` samples, int16 mono; always exactly that many (loops)."""
        ...


class _LoopingSource:
    """Plays a fixed int16 buffer round and round."""

    def __init__(self, samples: npt.NDArray[np.int16], sample_rate_hz: int) -> None:
        if samples.size == 0:
            raise AudioSourceError("the audio is empty: there is nothing to loop")
        self.sample_rate_hz = sample_rate_hz
        self._samples = samples
        self._position = 0

    @property
    def duration_s(self) -> float:
        """Length of one loop."""
        return self._samples.size / self.sample_rate_hz

    def read(self, n_samples: int) -> npt.NDArray[np.int16]:
        """The next ``n_samples`` samples, wrapping round to the start at the end."""
        _check_count(n_samples)
        indices = (self._position + np.arange(n_samples)) % self._samples.size
        self._position = (self._position + n_samples) % self._samples.size
        return self._samples[indices]


class WavFileSource(_LoopingSource):
    """A 16-bit PCM WAV file (mono, or stereo mixed down to mono), looped.

    The file is read once, mixed to mono and converted to ``sample_rate_hz`` with the
    windowed-sinc resampler (as one period of a loop, so the seam stays smooth).
    """

    def __init__(self, path: str | Path, sample_rate_hz: int = DEFAULT_SAMPLE_RATE_HZ) -> None:
        self.path = Path(path)
        samples, file_rate_hz = _read_wav_mono(self.path)
        if file_rate_hz != sample_rate_hz:
            converted = resample(samples, file_rate_hz, sample_rate_hz, periodic=True)
            samples = _to_int16(converted)
        super().__init__(samples, sample_rate_hz)


class SyntheticSpeechSource(WavFileSource):
    """CallCheck's speech-like test signal (about 55 % talk, −20 dBov active level), looped."""

    def __init__(
        self,
        sample_rate_hz: int = DEFAULT_SAMPLE_RATE_HZ,
        resource: str = SPEECH_SIGNAL_RESOURCE,
    ) -> None:
        super().__init__(resource_path(resource), sample_rate_hz)


class ToneSource:
    """A continuous sine at ``frequency_hz`` and ``level_dbfs``.

    The level follows AES17: 0 dBFS is a full-scale sine, so the peak amplitude is
    ``32767 · 10^(level_dbfs / 20)`` (its RMS is 3 dB lower).
    """

    def __init__(
        self,
        frequency_hz: float,
        level_dbfs: float,
        sample_rate_hz: int = DEFAULT_SAMPLE_RATE_HZ,
    ) -> None:
        if sample_rate_hz <= 0:
            raise ValueError(f"sample_rate_hz must be positive, got {sample_rate_hz}")
        if not 0 < frequency_hz < sample_rate_hz / 2:
            raise ValueError(
                f"frequency_hz must be between 0 and {sample_rate_hz / 2:g} Hz (Nyquist), "
                f"got {frequency_hz}"
            )
        if not level_dbfs <= 0:
            raise ValueError(f"level_dbfs must be ≤ 0 dBFS, got {level_dbfs}")
        self.sample_rate_hz = sample_rate_hz
        self.frequency_hz = frequency_hz
        self.level_dbfs = level_dbfs
        self._amplitude = INT16_FULL_SCALE * 10 ** (level_dbfs / 20)
        self._phase_cycles = 0.0  # kept in [0, 1) so precision never degrades in long calls

    def read(self, n_samples: int) -> npt.NDArray[np.int16]:
        """The next ``n_samples`` samples, phase-continuous with the previous read."""
        _check_count(n_samples)
        step_cycles = self.frequency_hz / self.sample_rate_hz
        cycles = self._phase_cycles + step_cycles * np.arange(n_samples)
        self._phase_cycles = math.fmod(self._phase_cycles + step_cycles * n_samples, 1.0)
        samples: npt.NDArray[np.float64] = self._amplitude * np.sin(2 * np.pi * cycles)
        return _to_int16(samples)


def _check_count(n_samples: int) -> None:
    if n_samples < 0:
        raise ValueError(f"n_samples must be ≥ 0, got {n_samples}")


def _to_int16(samples: npt.NDArray[np.float64]) -> npt.NDArray[np.int16]:
    return np.clip(np.round(samples), -32_768, INT16_FULL_SCALE).astype(np.int16)


def read_wav(path: str | Path) -> tuple[npt.NDArray[np.int16], int]:
    """A 16-bit PCM WAV file as mono int16 and its sample rate; raises :class:`AudioSourceError`."""
    return _read_wav_mono(Path(path))


def _read_wav_mono(path: Path) -> tuple[npt.NDArray[np.int16], int]:
    """Read a 16-bit PCM WAV file as mono int16 and its sample rate."""
    convert_hint = "Convert it to 16-bit PCM WAV (e.g. `sox in.ext -b 16 out.wav`)."
    try:
        with wave.open(str(path), "rb") as wav:
            channels = wav.getnchannels()
            sample_width_bytes = wav.getsampwidth()
            rate_hz = wav.getframerate()
            data = wav.readframes(wav.getnframes())
    except FileNotFoundError:
        raise AudioSourceError(f"audio file {path} does not exist") from None
    except (wave.Error, EOFError) as error:
        # Python 3.11's wave reads only WAVE_FORMAT_PCM: compressed (µ-law, ADPCM…), float and
        # WAVE_FORMAT_EXTENSIBLE files all end up here, as do files that are not WAV at all.
        raise AudioSourceError(
            f"{path} is not a PCM WAV file this program can read ({error}). {convert_hint}"
        ) from error
    except OSError as error:
        raise AudioSourceError(f"cannot read audio file {path}: {error}") from error
    if sample_width_bytes != 2:
        raise AudioSourceError(
            f"{path} has {8 * sample_width_bytes}-bit samples; only 16-bit is supported. "
            f"{convert_hint}"
        )
    if channels not in (1, 2):
        raise AudioSourceError(
            f"{path} has {channels} channels; only mono or stereo is supported. {convert_hint}"
        )
    frames = np.frombuffer(data, dtype="<i2")
    frames = frames[: frames.size - frames.size % channels].reshape(-1, channels)
    if frames.shape[0] == 0:
        raise AudioSourceError(f"{path} contains no audio samples")
    if channels == 1:
        return frames[:, 0].astype(np.int16), rate_hz
    # Average (not sum) the channels: a full-scale stereo file stays in range.
    mono = frames.astype(np.int32).sum(axis=1) // 2
    return mono.astype(np.int16), rate_hz
