"""One measured WebRTC peer: an aiortc ``RTCPeerConnection`` with CallCheck's hooks installed.

aiortc is used for signalling, ICE, DTLS-SRTP, RTCP and the encoders; CallCheck replaces what it
cannot trust (DESIGN.md, Measurement). The hooks, all on *instances* (never on aiortc's classes,
so other peer connections in the process are untouched):

============================================  ===================================================
hook                                          purpose
============================================  ===================================================
``RTCDtlsTransport._send_rtp`` (wrapped)      send time of every RTP packet; send time of our
                                              RTCP SRs (for raw RTT)
``RTCDtlsTransport._handle_rtcp_data``        every incoming RTCP compound: raw RTT per report
(wrapped)                                     block
``RTCRtpReceiver._handle_rtp_packet``         every incoming RTP packet → ``PacketRecord`` →
(wrapped)                                     ``StreamStatistics`` and our ``PlayoutBuffer``
``RTCRtpReceiver.__jitter_buffer``            replaced by a buffer that keeps nothing, so
(replaced)                                    aiortc's own 16-packet buffer and decoder thread
                                              stay idle; aiortc still updates its RTCP receiver
                                              statistics, so its RRs (and our RTT) keep flowing
``RTCIceTransport._send`` (wrapped)           the impairment emulator (only when asked for)
``RTCIceTransport._recv`` (wrapped)           the emulator on the receive path (server and peer
                                              modes: the downlink impaired on this side)
``RTCSctpTransport._handle_data`` (wrapped)    arrival time of each data-channel datagram: the
                                              RTT echo subtracts how long a ping was held
``RTCSctpTransport._send_chunk`` (wrapped)     departure of each data-channel datagram: the
                                              ping's send time and the echo's hold are written
                                              as it leaves
``aioice.Connection.data_received`` and       when each datagram reached aioice (a FIFO of
``RTCIceTransport._recv`` (wrapped)           stamps beside aioice's queue): that arrival time
``aioice.ice.get_host_addresses`` (wrapped    ICE host addresses per call via a context variable:
once, process-wide)                           loopback calls use 127.0.0.1, which aioice skips
============================================  ===================================================

These are private aiortc internals, checked against :data:`AIORTC_TESTED` (1.16). Installing
them on an aiortc whose internals moved raises :class:`AiortcHookError` at once rather than
measuring nothing; ``tests/engine/test_aiortc_hooks.py`` fails loudly on such an upgrade.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import fractions
import importlib.metadata
import inspect
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any, Final

import aioice.ice
import numpy as np
import numpy.typing as npt
from aiortc import (
    MediaStreamTrack,
    RTCConfiguration,
    RTCIceServer,
    RTCPeerConnection,
    RTCRtpSender,
)
from aiortc.jitterbuffer import JitterBuffer
from aiortc.rtcconfiguration import RTCBundlePolicy, RTCIceTransportPolicy
from av import AudioFrame

from callcheck.core.audio_analysis import measure_level
from callcheck.core.packets import SEQUENCE_CYCLE, PacketRecord, StreamStatistics, extend_sequence
from callcheck.core.playout import PlayoutBuffer, PlayoutConfig, PlayoutFrame
from callcheck.engine.arrivals import ArrivalStamps
from callcheck.engine.decoders import FrameDecoder, make_decoder
from callcheck.engine.impairment import ImpairedLink, ImpairedReceive, ImpairmentSpec
from callcheck.engine.loop import now_ms
from callcheck.engine.rtt_probe import CHANNEL_LABEL, CHANNEL_OPTIONS, RttProbe
from callcheck.engine.sources import AudioSource, SyntheticSpeechSource
from callcheck.engine.taps import RtcpRoundTrip, RtpSendTimes, is_rtcp

logger = logging.getLogger(__name__)

#: The aiortc versions whose internals the hooks were written against.
AIORTC_TESTED: Final = ("1.16",)
#: Codec names accepted by the engine, mapped to aiortc's MIME subtype.
CODEC_MIME: Final = {
    "opus": "audio/opus",
    "g722": "audio/G722",
    "pcmu": "audio/PCMU",
    "pcma": "audio/PCMA",
}
#: Audio frame length sent and played (DESIGN.md: 20 ms frames).
FRAME_MS: Final = 20
#: A decoded frame below this RMS is a pause the playout buffer may shorten to shrink its
#: delay: well under quiet speech (−20 dBov active level, syllable tails near −45 dBFS).
SHRINK_SILENCE_DBFS: Final = -55.0
#: How many sequence numbers of dropped silent frames a peer keeps (for diagnosis and tests).
SILENCE_DROPPED_KEPT: Final = 256
#: Default source sample rate per codec: the codec's own, so aiortc need not resample.
SOURCE_RATE_HZ: Final = {"opus": 48_000, "g722": 16_000, "pcmu": 8_000, "pcma": 8_000}
#: Reorder window of the packet statistics.
REORDER_WINDOW_PACKETS: Final = 64

Int16Array = npt.NDArray[np.int16]


class AiortcHookError(RuntimeError):
    """aiortc's internals are not what the engine's hooks expect (an untested aiortc version)."""


AudioSink = Callable[[Int16Array, int], None]
"""Receives each played 20 ms frame (int16 mono, sample rate)."""


@dataclass(frozen=True, slots=True)
class IceServer:
    """A STUN or TURN server (``stun:host:port``, ``turn:host:port?transport=udp``)."""

    url: str
    username: str | None = None
    credential: str | None = None


@dataclass(frozen=True, slots=True)
class PeerOptions:
    """How one peer of a test call is set up."""

    codec: str = "opus"
    """One of :data:`CODEC_MIME`."""
    ice_servers: tuple[IceServer, ...] = ()
    """Passed to aiortc explicitly, always: never aiortc's public STUN default."""
    force_relay: bool = False
    """Only relay (TURN) candidates."""
    host_addresses: tuple[str, ...] | None = None
    """Local addresses ICE gathers host candidates on; ``None`` = aioice's interface discovery."""
    impairment: ImpairmentSpec | None = None
    """Impairs what this peer sends."""
    receive_impairment: ImpairmentSpec | None = None
    """Impairs what this peer receives (the downlink of a server or peer call, emulated on the
    user's side because the far end is not ours to impair)."""
    playout: PlayoutConfig | None = None
    """Playout buffer configuration; ``None`` = adaptive with 20 ms frames."""
    ping: bool = True
    """Send RTT echo pings (the far end always answers)."""


# ------------------------------------------------------------------------------ host addresses

_HOST_ADDRESSES: contextvars.ContextVar[tuple[str, ...] | None] = contextvars.ContextVar(
    "callcheck_host_addresses", default=None
)
_original_get_host_addresses: Callable[[bool, bool], list[str]] | None = None


def _get_host_addresses(use_ipv4: bool, use_ipv6: bool) -> list[str]:
    override = _HOST_ADDRESSES.get()
    if override is not None:
        return [a for a in override if (":" in a and use_ipv6) or (":" not in a and use_ipv4)]
    assert _original_get_host_addresses is not None
    return _original_get_host_addresses(use_ipv4, use_ipv6)


def _install_host_address_hook() -> None:
    """Let each call choose its ICE host addresses (aioice reads them from a module function).

    aioice drops 127.0.0.1 from its interface list, so a machine with only loopback (CI) gathers
    no candidate and a call stays ``new`` forever. The replacement consults a context variable,
    set by :func:`host_addresses` for the task that negotiates, and otherwise defers to aioice.
    """
    global _original_get_host_addresses
    current = aioice.ice.get_host_addresses
    if current is _get_host_addresses:
        return
    if "use_ipv4" not in inspect.signature(current).parameters:
        raise AiortcHookError("aioice.ice.get_host_addresses changed signature")
    _original_get_host_addresses = current
    aioice.ice.get_host_addresses = _get_host_addresses


@contextlib.contextmanager
def host_addresses(addresses: tuple[str, ...] | None) -> Iterator[None]:
    """Within this block (and tasks it starts), ICE gathers on exactly ``addresses``."""
    _install_host_address_hook()
    token = _HOST_ADDRESSES.set(addresses)
    try:
        yield
    finally:
        _HOST_ADDRESSES.reset(token)


# ------------------------------------------------------------------------------ audio track


class SourceTrack(MediaStreamTrack):
    """An outgoing audio track: 20 ms frames from an :class:`AudioSource`, on a deadline clock.

    Frame *k* is released at ``start + k·20 ms`` of the monotonic clock, so scheduling delays do
    not accumulate (``sleep(0.02)`` in a loop drifts by the loop's latency every frame).
    """

    kind = "audio"

    def __init__(self, source: AudioSource) -> None:
        super().__init__()
        self._source = source
        self._rate = source.sample_rate_hz
        self._samples_per_frame = self._rate * FRAME_MS // 1000
        self._time_base = fractions.Fraction(1, self._rate)
        self._start_ms: float | None = None
        self._frames = 0
        self._paused: asyncio.Future[None] | None = None
        self._discarding: asyncio.Task[None] | None = None

    def pause(self) -> None:
        """Stop releasing frames (the sender goes quiet; RTCP and the data channel go on).

        The source is still read on its clock and the audio dropped: a microphone behind it
        keeps capturing, and unread its buffer would overrun while the end of the call settles.
        """
        if self._paused is None:
            loop = asyncio.get_running_loop()
            self._paused = loop.create_future()
            self._discarding = loop.create_task(self._discard(), name="source-discard")

    async def _discard(self) -> None:
        while self._paused is not None and not self._paused.done():
            if self._start_ms is None:
                self._start_ms = now_ms()
            wait_ms = self._start_ms + self._frames * FRAME_MS - now_ms()
            if wait_ms > 0:
                await asyncio.sleep(wait_ms / 1000.0)
            self._source.read(self._samples_per_frame)
            self._frames += 1

    def stop(self) -> None:
        super().stop()
        if self._paused is not None and not self._paused.done():
            self._paused.set_result(None)
        if self._discarding is not None:
            self._discarding.cancel()

    async def recv(self) -> AudioFrame:
        if self._paused is not None:
            await self._paused  # until stopped
        if self.readyState != "live":
            from aiortc.mediastreams import MediaStreamError

            raise MediaStreamError
        if self._start_ms is None:
            self._start_ms = now_ms()
        wait_ms = self._start_ms + self._frames * FRAME_MS - now_ms()
        if wait_ms > 0:
            await asyncio.sleep(wait_ms / 1000.0)
        samples = np.ascontiguousarray(self._source.read(self._samples_per_frame), dtype=np.int16)
        frame = AudioFrame.from_ndarray(samples.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = self._rate
        frame.pts = self._frames * self._samples_per_frame
        frame.time_base = self._time_base
        self._frames += 1
        return frame


# ------------------------------------------------------------------------------ aiortc hooks


class _DiscardingJitterBuffer:
    """Stands in for aiortc's audio ``JitterBuffer``: keeps nothing, releases nothing."""

    capacity = 16

    def add(self, packet: object) -> tuple[bool, None]:
        return False, None


def aiortc_version() -> str:
    """The installed aiortc version."""
    return importlib.metadata.version("aiortc")


def check_aiortc_internals(receiver: Any, dtls: Any) -> None:
    """Raise :class:`AiortcHookError` unless the private members the hooks use are there."""
    problems: list[str] = []
    jitter = getattr(receiver, "_RTCRtpReceiver__jitter_buffer", None)
    if not isinstance(jitter, JitterBuffer):
        problems.append("RTCRtpReceiver.__jitter_buffer is missing")
    handle = getattr(receiver, "_handle_rtp_packet", None)
    if handle is None or list(inspect.signature(handle).parameters) != [
        "packet",
        "arrival_time_ms",
    ]:
        problems.append("RTCRtpReceiver._handle_rtp_packet(packet, arrival_time_ms) changed")
    for name, params in (("_send_rtp", ["data"]), ("_handle_rtcp_data", ["data"])):
        method = getattr(dtls, name, None)
        if method is None or list(inspect.signature(method).parameters) != params:
            problems.append(f"RTCDtlsTransport.{name}({', '.join(params)}) changed")
    ice = getattr(dtls, "transport", None)
    if ice is None or not callable(getattr(ice, "_send", None)):
        problems.append("RTCIceTransport._send is missing")
    if ice is None or not callable(getattr(ice, "_recv", None)):
        problems.append("RTCIceTransport._recv is missing")
    if problems:
        raise AiortcHookError(
            f"aiortc {aiortc_version()} is not supported by this CallCheck (tested with "
            f"{', '.join(AIORTC_TESTED)}): " + "; ".join(problems)
        )


class MeasuredPeer:
    """One side of a test call: the peer connection, its taps, playout and RTT probe.

    Create, :meth:`add_media`, negotiate (``pc``), then the hooks are live. Call :meth:`close`.
    ``remote_send_times`` is the far end's send-time table when it lives in this process
    (loopback), which gives every received packet its one-way delay.
    """

    def __init__(
        self,
        name: str,
        options: PeerOptions,
        source: AudioSource | None = None,
        *,
        audio_sink: AudioSink | None = None,
    ) -> None:
        if options.codec not in CODEC_MIME:
            raise ValueError(
                f"unknown codec {options.codec!r}; choose one of {', '.join(CODEC_MIME)}"
            )
        self.name = name
        self.options = options
        self._source = (
            source
            if source is not None
            else SyntheticSpeechSource(sample_rate_hz=SOURCE_RATE_HZ[options.codec])
        )
        self._audio_sink = audio_sink
        policy = RTCIceTransportPolicy.RELAY if options.force_relay else RTCIceTransportPolicy.ALL
        self.pc = RTCPeerConnection(
            RTCConfiguration(
                iceServers=[
                    RTCIceServer(urls=s.url, username=s.username, credential=s.credential)
                    for s in options.ice_servers
                ],
                iceTransportPolicy=policy,
                # One transport for audio and data: the hooks see every datagram.
                bundlePolicy=RTCBundlePolicy.MAX_BUNDLE,
            )
        )
        self.send_times = RtpSendTimes()
        self.remote_send_times: RtpSendTimes | None = None
        self.rtcp_rtt = RtcpRoundTrip()
        self.stats = StreamStatistics(reorder_window_packets=REORDER_WINDOW_PACKETS)
        self.clock_rate_hz = 0
        self.playout: PlayoutBuffer | None = None
        self.link: ImpairedLink | None = None
        self.receive_link: ImpairedReceive | None = None
        """The emulator on the receive path (``receive_impairment``), with its truth."""
        self.track: SourceTrack | None = None
        self.probe: RttProbe | None = None
        self._arrivals = ArrivalStamps()
        self.channel: Any = None
        """The ``callcheck-rtt`` data channel (opened here, or accepted from the far end)."""
        self.on_channel: Callable[[Any], None] | None = None
        """Called with the data channel once it exists (the far end's figures arrive on it)."""
        self.first_packet_ms: float | None = None
        self.last_packet_ms: float | None = None
        self.first_seq: int | None = None
        """Wire sequence number of the first RTP packet received."""
        self.last_seq: int | None = None
        """Wire sequence number of the latest RTP packet received (arrival order)."""
        self.highest_ext: int | None = None
        """Highest extended sequence number received (RFC 3550 A.1)."""
        self.lowest_ext: int | None = None
        """Lowest extended sequence number received."""
        # playout outcome counters (frames of 20 ms)
        self.frames_decoded = 0
        self.frames_concealed = 0
        self.frames_silent = 0
        #: Decoded frames of silence dropped to shrink the playout delay (a shorter pause),
        #: and the extended sequence numbers of the latest of them.
        self.frames_silence_dropped = 0
        self.silence_dropped_seqs: deque[int] = deque(maxlen=SILENCE_DROPPED_KEPT)
        self.decode_errors = 0
        self.first_played_seq: int | None = None
        self.last_played_seq: int | None = None
        self._decoder: FrameDecoder | None = None
        self._transceiver: Any = None
        self._dtls: Any = None
        self._playout_task: asyncio.Task[None] | None = None
        self._first_packet = asyncio.Event()
        self._hooked = False
        self._closed = False

    # ---------------------------------------------------------------- setup

    def add_media(self) -> None:
        """Add the sendrecv audio transceiver with the codec forced, and hook it."""
        codec = self.options.codec
        track = SourceTrack(self._source)
        self.track = track
        transceiver = self.pc.addTransceiver(track, direction="sendrecv")
        capabilities = RTCRtpSender.getCapabilities("audio").codecs
        chosen = [c for c in capabilities if c.mimeType.lower() == CODEC_MIME[codec].lower()]
        if not chosen:
            raise AiortcHookError(f"aiortc offers no {codec} codec")
        transceiver.setCodecPreferences(chosen)
        self.clock_rate_hz = int(chosen[0].clockRate)
        self._transceiver = transceiver
        config = self.options.playout or PlayoutConfig(frame_ms=FRAME_MS, adaptive=True)
        self.playout = PlayoutBuffer(config, clock_rate_hz=self.clock_rate_hz)
        self._decoder = make_decoder(codec)
        self._install_hooks()

    def create_probe_channel(self) -> None:
        """Open the RTT echo data channel (the offering side)."""
        channel = self.pc.createDataChannel(CHANNEL_LABEL, **CHANNEL_OPTIONS)
        self._probe_on(channel)
        self._channel_ready(channel)

    def _probe_on(self, channel: Any) -> None:
        """The RTT probe on ``channel``, its times taken at the transport both ways
        (:mod:`callcheck.engine.arrivals`)."""
        sctp = self.pc.sctp
        self._arrivals.stamp_sctp(sctp)
        self.probe = RttProbe(channel, ping=self.options.ping, arrival_ms=self._arrivals.message_ms)
        self._arrivals.stamp_departures(sctp, self.probe.restamp)

    def _channel_ready(self, channel: Any) -> None:
        self.channel = channel
        if self.on_channel is not None:
            self.on_channel(channel)

    def accept_probe_channel(self) -> None:
        """Answer (and, if configured, send) pings on the channel the far end opens."""

        def on_datachannel(channel: Any) -> None:
            if channel.label == CHANNEL_LABEL and self.probe is None:
                self._probe_on(channel)
                self._channel_ready(channel)

        self.pc.on("datachannel", on_datachannel)

    def _install_hooks(self) -> None:
        receiver = self._transceiver.receiver
        dtls = receiver.transport
        check_aiortc_internals(receiver, dtls)
        self._dtls = dtls

        # aiortc's audio jitter buffer is replaced by ours (module docstring).
        receiver._RTCRtpReceiver__jitter_buffer = _DiscardingJitterBuffer()

        send_rtp: Callable[[bytes], Awaitable[None]] = dtls._send_rtp
        send_times = self.send_times
        rtcp_rtt = self.rtcp_rtt

        async def tapped_send_rtp(data: bytes) -> None:
            if is_rtcp(data):
                rtcp_rtt.on_sent(data, now_ms())
            else:
                send_times.record(data, now_ms())
            await send_rtp(data)

        handle_rtcp: Callable[[bytes], Awaitable[None]] = dtls._handle_rtcp_data

        async def tapped_handle_rtcp(data: bytes) -> None:
            rtcp_rtt.on_received(data, now_ms())
            await handle_rtcp(data)

        handle_rtp: Callable[[Any, int], Awaitable[None]] = receiver._handle_rtp_packet
        stats = self.stats
        playout = self.playout
        assert playout is not None
        clock_rate_hz = self.clock_rate_hz

        arrivals = self._arrivals

        async def tapped_handle_rtp(packet: Any, arrival_time_ms: int) -> None:
            # When the datagram reached aioice (``engine.arrivals``), not when aiortc's DTLS
            # loop got round to it: under load that wait is jitter the network did not add.
            stamped = arrivals.datagram_ms
            arrival = stamped if stamped is not None else now_ms()
            seq = packet.sequence_number
            remote = self.remote_send_times
            record = PacketRecord(
                seq=seq,
                rtp_timestamp=packet.timestamp,
                clock_rate_hz=clock_rate_hz,
                arrival_ms=arrival,
                size_bytes=len(packet.payload),
                send_ms=remote.send_ms(seq) if remote is not None else None,
            )
            stats.add(record)
            playout.insert(record, packet.payload)
            self.last_packet_ms = arrival
            self.last_seq = seq
            # The sequence span so far, for the live loss (``TestCall``): gaps settle as lost
            # only 64 packets later, so the settled loss lags the call by 1.3 s.
            if self.highest_ext is None or self.lowest_ext is None:
                self.highest_ext = self.lowest_ext = seq + SEQUENCE_CYCLE
            else:
                ext = extend_sequence(seq, self.highest_ext)
                self.highest_ext = max(self.highest_ext, ext)
                self.lowest_ext = min(self.lowest_ext, ext)
            if self.first_packet_ms is None:
                self.first_packet_ms = arrival
                self.first_seq = seq
                self._first_packet.set()
            # aiortc still sees the packet for its RTCP receiver reports.
            await handle_rtp(packet, arrival_time_ms)

        dtls._send_rtp = tapped_send_rtp
        dtls._handle_rtcp_data = tapped_handle_rtcp
        receiver._handle_rtp_packet = tapped_handle_rtp

        spec = self.options.impairment
        if spec is not None and not spec.is_identity:
            ice = dtls.transport
            self.link = ImpairedLink(spec, ice._send)
            ice._send = self.link.send
        receive_spec = self.options.receive_impairment
        if receive_spec is not None and not receive_spec.is_identity:
            ice = dtls.transport
            self.receive_link = ImpairedReceive(receive_spec, ice._recv)
            ice._recv = self.receive_link.recv
        else:
            # Skipped under receive emulation: the emulator's release is the arrival then.
            self._arrivals.stamp_datagrams(dtls.transport)
        self._hooked = True

    def verify_transport(self) -> None:
        """After negotiation: the hooked transport must carry audio and data (max-bundle)."""
        transports = {
            id(self._transceiver.receiver.transport),
            id(self._transceiver.sender.transport),
        }
        if self.pc.sctp is not None:
            transports.add(id(self.pc.sctp.transport))
        if transports != {id(self._dtls)}:
            raise AiortcHookError("audio and data did not end up on the hooked DTLS transport")

    # ---------------------------------------------------------------- playout

    def start_playout(self) -> None:
        """Start the playout task (it waits for the first packet)."""
        if self._playout_task is None:
            self._playout_task = asyncio.get_running_loop().create_task(
                self._run_playout(), name=f"playout-{self.name}"
            )

    async def _run_playout(self) -> None:
        await self._first_packet.wait()
        playout = self.playout
        decoder = self._decoder
        assert playout is not None
        assert decoder is not None
        sink = self._audio_sink
        rate = decoder.sample_rate_hz
        next_ms = now_ms()
        while True:
            # Pop every frame that is due (catches up after a stall, like a sound card would).
            while next_ms <= now_ms():
                frame = playout.pop(next_ms)
                samples = self._render(frame, decoder)
                if (
                    playout.shrink_due
                    and frame.status == "played"
                    and samples is not None
                    and measure_level(samples, silence_dbfs=SHRINK_SILENCE_DBFS).silent
                ):
                    # Shrink the delay in a pause: this frame is silence, play the next now.
                    self.frames_silence_dropped += 1
                    assert frame.seq is not None  # a played frame has its packet's number
                    self.silence_dropped_seqs.append(frame.seq)
                    samples = self._render(playout.drop_silent_frame(next_ms), decoder)
                if sink is not None and samples is not None:
                    sink(samples, rate)
                next_ms += FRAME_MS
            await asyncio.sleep(max(0.0, (next_ms - now_ms()) / 1000.0))

    def _render(self, frame: PlayoutFrame, decoder: FrameDecoder) -> Int16Array | None:
        """Decode, conceal or stay silent for one frame of the playout buffer, and count it."""
        if frame.status == "played":
            if self.first_played_seq is None:
                self.first_played_seq = frame.seq
            self.last_played_seq = frame.seq
            try:
                samples = decoder.decode(frame.payload)  # type: ignore[arg-type]
            except Exception:  # a corrupt payload: conceal it like a loss
                self.decode_errors += 1
                self.frames_concealed += 1
                return decoder.conceal()
            self.frames_decoded += 1
            return samples
        if frame.status == "concealed":
            self.frames_concealed += 1
            return decoder.conceal()
        self.frames_silent += 1
        return None

    def pause_sending(self) -> None:
        """Stop sending audio (to settle the counts at the end of a call)."""
        if self.track is not None:
            self.track.pause()

    async def stop_playout(self) -> None:
        """End playout: the measured part of the call is over (what arrives later is counted,
        not played, so the settling adds no concealed frames and no audio to the sink)."""
        task, self._playout_task = self._playout_task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    # ---------------------------------------------------------------- state

    def selected_pair(self) -> Any:
        """aioice's nominated candidate pair, or ``None`` (informational; internals)."""
        if self._dtls is None:
            return None
        with contextlib.suppress(Exception):
            return self._dtls.transport._connection._nominated.get(1)
        return None

    def ice_connection(self) -> Any:
        """aioice's ``Connection`` of this peer, or ``None`` before media was added."""
        if self._dtls is None:
            return None
        with contextlib.suppress(Exception):
            return self._dtls.transport._connection
        return None

    def ice_info(self) -> dict[str, str]:
        """Selected candidate pair: local/remote candidate types and protocol."""
        info = {"local_candidate": "unknown", "remote_candidate": "unknown", "protocol": "udp"}
        if self._dtls is None:
            return info
        with contextlib.suppress(Exception):  # aioice internals; informational only
            pair = self._dtls.transport._connection._nominated.get(1)
            if pair is not None:
                info["local_candidate"] = str(pair.local_candidate.type)
                info["remote_candidate"] = str(pair.remote_candidate.type)
                info["protocol"] = str(pair.local_candidate.transport)
        return info

    async def close(self) -> None:
        """Stop playout, pings and the emulator; close the peer connection. Idempotent."""
        if self._closed:
            return
        self._closed = True
        if self._playout_task is not None:
            self._playout_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._playout_task
        if self.probe is not None:
            await self.probe.stop()
        if self.link is not None:
            self.link.close()
        if self.receive_link is not None:
            self.receive_link.close()
        await self.pc.close()
