"""Real aiortc loopback calls, measured against the impairment emulator's recorded truth.

Each fixture runs one real call (two aiortc peers on 127.0.0.1, in an EngineLoop thread) and the
tests read its result. Calls are 5–8 s to keep the suite short.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Callable

import numpy as np
import pytest

from callcheck.core.codecs import codec_for_webrtc
from callcheck.core.loss_bursts import LossBurstTracker
from callcheck.core.playout import PlayoutConfig
from callcheck.core.quality import CallConditions, assess, measured
from callcheck.engine.call import CallConfig, TestCall
from callcheck.engine.impairment import ImpairmentSpec, ImpairmentTruth
from callcheck.engine.peer import MeasuredPeer
from callcheck.engine.snapshots import LiveSnapshot
from callcheck.engine.sources import SyntheticSpeechSource

CallRunner = Callable[..., object]


def unwrap(seq: int, reference: int) -> int:
    """The 16-bit ``seq`` as the integer nearest ``reference``."""
    return reference + ((seq - reference + 0x8000) & 0xFFFF) - 0x8000


def drops_between(truth: ImpairmentTruth, first: int, last: int) -> int:
    """Packets the emulator dropped with sequence numbers in [first, last] (wire numbers)."""
    span = unwrap(last, first) - first
    return sum(1 for seq in truth.dropped_seqs if 0 <= unwrap(seq, first) - first <= span)


def undelivered_between(truth: ImpairmentTruth, first: int, last: int) -> int:
    """Packets in [first, last] the emulator never released: dropped, or still held back for
    reordering when the call closed. Either way the receiver cannot have them."""
    span = unwrap(last, first) - first
    released = {unwrap(seq, first) - first for seq, _ts, _in, _out in truth.delivered}
    return sum(1 for offset in range(span + 1) if offset not in released)


def received_range(receiver: MeasuredPeer) -> tuple[int, int]:
    """First and highest wire sequence numbers of the received stream (stream finished)."""
    assert receiver.first_seq is not None
    receiver.stats.finish()
    expected = receiver.stats.totals().packets_expected
    return receiver.first_seq, (receiver.first_seq + expected - 1) & 0xFFFF


def directions(run: object) -> list[tuple[str, MeasuredPeer, MeasuredPeer]]:
    """(name, receiving peer, sending peer) for the uplink and the downlink."""
    call = run.call.loopback  # type: ignore[attr-defined]
    return [("uplink", call.b, call.a), ("downlink", call.a, call.b)]


# ------------------------------------------------------------------------------ a clean call


@pytest.fixture(scope="module")
def clean(call_runner: CallRunner) -> object:
    return call_runner(CallConfig(duration_s=5, codec="opus"))


def test_snapshots_come_at_least_four_times_a_second(clean: object) -> None:
    times = clean.snapshot_times_s  # type: ignore[attr-defined]
    gaps = sorted(b - a for a, b in itertools.pairwise(times))
    assert len(times) >= 4 * 5 - 2
    # Delivery jitter ≤ 50 ms; one outlier allowed on a loaded test machine.
    assert gaps[-2] <= 0.25 + 0.05
    assert gaps[-1] <= 0.5


def test_first_snapshot_within_1_5_s_of_start(clean: object) -> None:
    first = clean.snapshot_times_s[0] - clean.started_s  # type: ignore[attr-defined]
    assert first <= 1.5


def test_first_snapshot_has_rtt_and_a_quality_estimate(clean: object) -> None:
    snapshot: LiveSnapshot = clean.snapshots[3]  # type: ignore[attr-defined]  # 1 s in
    assert snapshot.uplink.rtt_ms is not None
    assert snapshot.downlink.rtt_ms is not None
    assert snapshot.quality is not None
    assert snapshot.quality.mos > 4.0


def test_clean_call_loses_nothing_and_plays_everything(clean: object) -> None:
    result = clean.result  # type: ignore[attr-defined]
    assert result.ended_early is None
    for d in (result.uplink, result.downlink):
        assert d.totals.packets_lost == 0
        assert d.totals.packets_received >= 240
        assert d.playout.late_discards <= 2  # a scheduling hiccup on a loaded machine
        assert d.frames_decoded >= d.totals.packets_received - 10  # the tail still buffered
    assert result.ice.local_candidate == "host"
    assert not result.ice.relay_used


# ------------------------------------------------------------------------------ loss


@pytest.fixture(
    scope="module",
    params=["loss=3,burst=2,seed=21", "loss=3,reorder=5,seed=22"],
    ids=["bursty-loss", "loss-with-reordering"],
)
def lossy(request: pytest.FixtureRequest, call_runner: CallRunner) -> object:
    # The issue asks for 15–20 s calls for the truth comparisons.
    return call_runner(CallConfig.impaired(ImpairmentSpec.parse(request.param), duration_s=15))


def test_loss_is_counted_exactly(lossy: object) -> None:
    for name, receiver, sender in directions(lossy):
        assert sender.link is not None
        first, highest = received_range(receiver)
        totals = receiver.stats.totals()
        injected = drops_between(sender.link.truth, first, highest)
        assert injected > 0, name
        # Exact: every packet the emulator dropped or never released is counted lost, no more.
        assert totals.packets_lost == undelivered_between(sender.link.truth, first, highest), name
        assert injected <= totals.packets_lost <= injected + 2, name


def test_reordering_is_seen_when_injected(lossy: object) -> None:
    spec = lossy.call.config.uplink_impairment  # type: ignore[attr-defined]
    for _name, receiver, _sender in directions(lossy):
        reordered = receiver.stats.totals().reordered
        assert (reordered > 0) == (spec.reorder_pct > 0)


def assert_decoded_audio_misses_no_more_than_lost_plus_late(run: object) -> None:
    """Frames missing from the decoded audio ≤ packets the emulator dropped + late discards.

    The adaptive buffer shrinks its delay by dropping the slots of lost packets, not
    received frames, so nothing else may be missing.
    """
    for name, receiver, sender in directions(run):
        assert receiver.first_played_seq is not None
        assert receiver.last_played_seq is not None
        assert receiver.playout is not None
        span = receiver.last_played_seq - receiver.first_played_seq + 1
        missing = span - receiver.frames_decoded
        first_wire = receiver.first_played_seq & 0xFFFF
        lost = drops_between(sender.link.truth, first_wire, receiver.last_played_seq & 0xFFFF)
        stats = receiver.playout.stats()
        assert missing <= lost + stats.late_discards, (name, missing, lost, stats)
        assert stats.frames_skipped == 0, (name, stats)


def test_decoded_audio_misses_no_more_than_lost_plus_late(lossy: object) -> None:
    assert_decoded_audio_misses_no_more_than_lost_plus_late(lossy)


def test_mos_from_measurements_matches_mos_from_the_truth(lossy: object) -> None:
    """The E-model fed the injected truth gives (within 0.1) the MOS the engine reported."""
    for name, receiver, sender in directions(lossy):
        assert sender.link is not None
        assert receiver.playout is not None
        truth = sender.link.truth
        first, last = received_range(receiver)
        dropped = {unwrap(seq, first) for seq in truth.dropped_seqs}
        trace = [seq in dropped for seq in range(first, unwrap(last, first) + 1)]
        bursts = LossBurstTracker()
        bursts.extend(trace)
        delays = [out - sent for _, _, sent, out in truth.delivered]
        playout = receiver.playout.stats()
        from_truth = assess(
            CallConditions(
                codec_key=codec_for_webrtc("opus").key,
                network_delay_ms=measured(statistics.mean(delays)),
                loss_pct=measured(100 * sum(trace) / len(trace)),
                buffer_ms=measured(playout.delay_ms.mean),
                late_discard_pct=measured(playout.late_discard_pct),
                burst_ratio=measured(max(1.0, bursts.stats().burst_ratio)),
            )
        )
        reported = getattr(lossy.result, name).quality  # type: ignore[attr-defined]
        assert reported is not None
        assert reported.mos == pytest.approx(from_truth.mos, abs=0.1), name


# ------------------------------------------------------------------------------ shrinking


@pytest.fixture(scope="module")
def late_start(call_runner: CallRunner) -> object:
    """A clean call whose buffers start 60 ms above their target: they must shrink."""
    playout = PlayoutConfig(frame_ms=20.0, initial_delay_ms=80.0)
    return call_runner(CallConfig(duration_s=8, codec="opus", playout=playout))


def first_sent_seq(sender: MeasuredPeer) -> int:
    """The wire sequence number of the sender's first RTP packet (the earliest send time)."""
    times = [sender.send_times.send_ms(seq) for seq in range(0x10000)]
    return min((t, seq) for seq, t in enumerate(times) if t is not None)[1]


def test_the_buffer_shrinks_in_pauses_without_losing_a_received_frame(late_start: object) -> None:
    sent_signal = SyntheticSpeechSource(48_000).read(48_000 * 8)  # what the call sends
    frame = 960  # 20 ms at 48 kHz
    for name, receiver, sender in directions(late_start):
        assert receiver.playout is not None
        stats = receiver.playout.stats()
        # Started at 80 ms over a target of about 20: the excess went in pauses, within the call.
        assert stats.current_delay_ms < 50.0, (name, stats)
        assert stats.frames_silence_dropped >= 2, (name, stats)
        assert stats.frames_skipped == 0, (name, stats)
        assert stats.late_discards <= 2, (name, stats)  # a scheduling hiccup on a loaded machine
        assert receiver.frames_silence_dropped == stats.frames_silence_dropped
        # Nothing lost on this clean call: every received frame in time was decoded.
        assert receiver.first_played_seq is not None
        assert receiver.last_played_seq is not None
        assert receiver.stats.totals().packets_lost == 0
        span = receiver.last_played_seq - receiver.first_played_seq + 1
        assert receiver.frames_decoded >= span - stats.late_discards, name
        # Each dropped frame carried a pause of the test signal: the 20 ms it decodes to (Opus
        # looks 6.5 ms ahead), with 10 ms to spare on each side, was sent as digital silence.
        first = first_sent_seq(sender)
        for seq in receiver.silence_dropped_seqs:
            k = unwrap(seq & 0xFFFF, first) - first
            start = k * frame - frame // 2
            window = sent_signal[max(0, start) : start + 2 * frame]
            assert window.size > 0
            assert int(np.abs(window).max()) == 0, (name, k)


# ------------------------------------------------------------------------------ jitter


def rfc3550_jitter(transits_ms: list[float]) -> float:
    """RFC 3550 A.8 over relative transit times in arrival order."""
    jitter = 0.0
    for previous, current in itertools.pairwise(transits_ms):
        jitter += (abs(current - previous) - jitter) / 16
    return jitter


@pytest.fixture(scope="module")
def jittery(call_runner: CallRunner) -> object:
    spec = ImpairmentSpec.parse("delay=20,jitter=10,seed=31")
    return call_runner(CallConfig.impaired(spec, duration_s=15))


def test_jitter_matches_rfc3550_of_the_injected_delays(jittery: object) -> None:
    for name, receiver, sender in directions(jittery):
        assert sender.link is not None
        assert receiver.first_seq is not None
        assert receiver.last_seq is not None
        delivered = sender.link.truth.delivered
        first = next(i for i, d in enumerate(delivered) if d[0] == receiver.first_seq)
        last = max(i for i, d in enumerate(delivered) if d[0] == receiver.last_seq)
        # Transit at the emulator's output: the injected delays on top of the actual send times
        # (the sender's own pacing is part of the stream; the receive path adds the rest).
        clock_khz = receiver.clock_rate_hz / 1000
        ts0 = delivered[first][1]
        transits = [
            out - ((ts - ts0) % 2**32) / clock_khz for _, ts, _, out in delivered[first : last + 1]
        ]
        truth = rfc3550_jitter(transits)
        measured = receiver.stats.totals().jitter_ms
        assert truth > 4, name
        assert measured == pytest.approx(truth, abs=0.5), name


def test_decoded_audio_under_jitter_misses_no_more_than_late(jittery: object) -> None:
    assert_decoded_audio_misses_no_more_than_lost_plus_late(jittery)


# ------------------------------------------------------------------------------ RTT


@pytest.fixture(scope="module")
def delayed(call_runner: CallRunner) -> object:
    return call_runner(CallConfig.impaired(ImpairmentSpec(delay_ms=40), duration_s=6))


def injected_round_trip_ms(run: object) -> float:
    """Mean delay the two emulators really applied (nominal 2 × 40 ms plus timer error)."""
    call = run.call.loopback  # type: ignore[attr-defined]
    applied = [statistics.mean(peer.link.truth.delays_ms().values()) for peer in (call.a, call.b)]
    assert applied == [pytest.approx(40, abs=1.5)] * 2  # the emulator does what it is asked
    return sum(applied)


def test_echo_rtt_matches_the_injected_round_trip(delayed: object) -> None:
    truth = injected_round_trip_ms(delayed)
    for d in (delayed.result.uplink, delayed.result.downlink):  # type: ignore[attr-defined]
        assert d.rtt_ms is not None
        assert d.rtt_ms.p50 == pytest.approx(truth, abs=2 + 0.03 * truth)


def test_raw_rtcp_rtt_matches_the_injected_round_trip(delayed: object) -> None:
    truth = injected_round_trip_ms(delayed)
    for d in (delayed.result.uplink, delayed.result.downlink):  # type: ignore[attr-defined]
        assert len(d.rtt_rtcp_samples_ms) >= 2
        assert statistics.median(d.rtt_rtcp_samples_ms) == pytest.approx(
            truth, abs=2 + 0.03 * truth
        )


def test_rtt_is_available_within_1_s_of_connecting(delayed: object) -> None:
    call: TestCall = delayed.call  # type: ignore[attr-defined]
    assert call.connected_ms is not None
    for peer in (call.loopback.a, call.loopback.b):  # type: ignore[union-attr]
        assert peer.probe is not None
        first_arrival_ms = peer.probe.samples_ms[0][0]
        assert first_arrival_ms - call.connected_ms <= 1000


# ------------------------------------------------------------------------------ codecs


@pytest.mark.parametrize("codec", ["g722", "pcmu", "pcma"])
def test_every_codec_connects_and_plays(call_runner: CallRunner, codec: str) -> None:
    run = call_runner(CallConfig(duration_s=2.5, codec=codec))
    result = run.result  # type: ignore[attr-defined]
    assert result.codec == codec
    for d in (result.uplink, result.downlink):
        assert d.totals.packets_received >= 100
        assert d.totals.packets_lost == 0
        assert d.frames_decoded >= 90
    assert result.quality is not None
