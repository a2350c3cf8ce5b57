"""The impairment emulator: the --impair syntax, and what it does to datagrams (seeded)."""

from __future__ import annotations

import asyncio
import itertools
import statistics

import pytest

from callcheck.engine.impairment import NETWORK_PRESETS, ImpairedLink, ImpairmentSpec


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ImpairmentSpec()),
        ("delay=50", ImpairmentSpec(delay_ms=50)),
        (
            "delay=50,jitter=10,loss=2,burst=2",
            ImpairmentSpec(delay_ms=50, jitter_ms=10, loss_pct=2, burst_packets=2),
        ),
        ("jitter=5ms, dist=normal", ImpairmentSpec(jitter_ms=5, jitter_distribution="normal")),
        (
            "loss=1.5%,reorder=3,reorder_ms=40,seed=7",
            ImpairmentSpec(loss_pct=1.5, reorder_pct=3, reorder_ms=40, seed=7),
        ),
    ],
    ids=["empty", "delay", "issue-example", "units-and-spaces", "reorder-and-seed"],
)
def test_parse_accepts_the_impair_syntax(text: str, expected: ImpairmentSpec) -> None:
    assert ImpairmentSpec.parse(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("delay", "key=value"),
        ("delay=fast", "must be a number"),
        ("wobble=3", "unknown impairment 'wobble'"),
        ("loss=-1", "≥ 0"),
        ("loss=100", "below 100"),
        ("burst=0.5,loss=2", "mean burst length ≥ 1"),
        ("dist=pareto", "'uniform' or 'normal'"),
        ("delay=5,delay=6", "given twice"),
        ("seed=1.5", "integer"),
        ("loss=80,burst=1", "cannot have mean bursts"),
        ("delay=nan", "finite"),
    ],
    ids=lambda v: str(v),
)
def test_parse_rejects_nonsense_with_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ImpairmentSpec.parse(text)


@pytest.mark.parametrize("name", sorted(NETWORK_PRESETS), ids=str)
def test_a_network_name_parses_as_its_spec(name: str) -> None:
    """The app's "Simulate a worse network" choices and ``--impair NAME`` are one parser."""
    assert ImpairmentSpec.parse(name) == ImpairmentSpec.parse(NETWORK_PRESETS[name])
    assert ImpairmentSpec.parse(f" {name.upper()} ") == ImpairmentSpec.parse(name)


def test_the_networks_are_worse_than_none() -> None:
    assert ImpairmentSpec.parse("none").is_identity
    for name in set(NETWORK_PRESETS) - {"none"}:
        assert not ImpairmentSpec.parse(name).is_identity, name


def test_an_unknown_network_name_lists_the_known_ones() -> None:
    with pytest.raises(ValueError, match="busy-wifi") as raised:
        ImpairmentSpec.parse("satellite")
    assert "satellite" in str(raised.value)


def test_describe_round_trips() -> None:
    spec = ImpairmentSpec.parse("delay=50,jitter=10,loss=2,burst=2,seed=3")
    assert ImpairmentSpec.parse(spec.describe()) == spec


def rtp(seq: int) -> bytes:
    """A minimal RTP datagram (V=2, PT 111) with sequence number ``seq``."""
    return bytes((0x80, 111, seq >> 8, seq & 0xFF)) + bytes(8) + b"payload"


async def push(
    spec: ImpairmentSpec, count: int, spacing_ms: float = 0.0
) -> tuple[ImpairedLink, list[bytes]]:
    out: list[bytes] = []

    async def send(data: bytes) -> None:
        out.append(data)

    link = ImpairedLink(spec, send)
    for seq in range(count):
        await link.send(rtp(seq))
        if spacing_ms:
            await asyncio.sleep(spacing_ms / 1000)
    await asyncio.sleep((spec.delay_ms + 3 * spec.jitter_ms + spec.reorder_ms) / 1000 + 0.05)
    link.close()
    return link, out


def seqs(datagrams: list[bytes]) -> list[int]:
    return [(d[2] << 8) | d[3] for d in datagrams]


def test_bernoulli_loss_rate_and_truth() -> None:
    link, out = asyncio.run(push(ImpairmentSpec(loss_pct=10, seed=1), 5000))
    dropped = link.truth.dropped_seqs
    assert 400 < len(dropped) < 600
    assert sorted(set(seqs(out)) | set(dropped)) == list(range(5000))
    assert not set(seqs(out)) & set(dropped)


def test_gilbert_loss_has_the_asked_rate_and_mean_burst() -> None:
    link, _ = asyncio.run(push(ImpairmentSpec(loss_pct=5, burst_packets=3, seed=2), 20000))
    dropped = link.truth.dropped_seqs
    bursts = 1 + sum(1 for a, b in itertools.pairwise(dropped) if b != a + 1)
    assert len(dropped) / 20000 == pytest.approx(0.05, abs=0.01)
    assert len(dropped) / bursts == pytest.approx(3, rel=0.15)


def test_same_seed_same_impairment() -> None:
    spec = ImpairmentSpec(loss_pct=5, burst_packets=2, seed=11)
    first, _ = asyncio.run(push(spec, 2000))
    again, _ = asyncio.run(push(spec, 2000))
    other, _ = asyncio.run(push(spec.with_seed(12), 2000))
    assert first.truth.dropped_seqs == again.truth.dropped_seqs
    assert first.truth.dropped_seqs != other.truth.dropped_seqs


def test_jitter_delays_without_reordering() -> None:
    spec = ImpairmentSpec(delay_ms=20, jitter_ms=8, seed=3)
    link, out = asyncio.run(push(spec, 200, spacing_ms=5))
    assert seqs(out) == list(range(200))
    delays = list(link.truth.delays_ms().values())
    assert min(delays) >= 12 - 0.5
    assert statistics.mean(delays) == pytest.approx(20, abs=2.5)
    assert statistics.pstdev(delays) > 3


def test_reordering_is_only_what_was_asked_for() -> None:
    spec = ImpairmentSpec(delay_ms=5, reorder_pct=10, reorder_ms=30, seed=4)
    _, out = asyncio.run(push(spec, 300, spacing_ms=5))
    order = seqs(out)
    assert sorted(order) == list(range(300))
    late = sum(1 for a, b in itertools.pairwise(order) if b < a)
    assert 10 <= late <= 60


def test_dtls_handshake_records_are_never_dropped() -> None:
    async def scenario() -> list[bytes]:
        out: list[bytes] = []

        async def send(data: bytes) -> None:
            out.append(data)

        link = ImpairedLink(ImpairmentSpec(loss_pct=90, seed=5), send)
        for _ in range(50):
            await link.send(bytes((22, 0xFE, 0xFD)) + bytes(20))
        return out

    assert len(asyncio.run(scenario())) == 50
