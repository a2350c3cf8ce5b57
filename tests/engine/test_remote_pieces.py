"""The pure pieces of server and peer modes: ICE server sources, URLs, far-end figures."""

from __future__ import annotations

import pytest

from callcheck.core.packets import PacketRecord, StreamStatistics
from callcheck.engine.far_end import FarEndFigures, figures_json, stats_from_figures
from callcheck.engine.ice_servers import (
    IceServerError,
    candidate_types,
    ice_servers_from_json,
    ice_servers_from_link_headers,
    parse_ice_server,
    turn_transport,
)
from callcheck.engine.remote import default_host_addresses, settled_totals
from callcheck.engine.signaling import parse_server_url


@pytest.mark.parametrize(
    ("text", "base", "whip"),
    [
        ("http://h:8080", "http://h:8080", "http://h:8080/whip"),
        ("https://h/whip", "https://h", "https://h/whip"),
        ("h:8080/", "http://h:8080", "http://h:8080/whip"),
        ("https://h/cc/whip/", "https://h/cc", "https://h/cc/whip"),
    ],
    ids=["base", "whip-endpoint", "no-scheme", "prefix"],
)
def test_server_url_accepts_a_base_or_the_whip_endpoint(text: str, base: str, whip: str) -> None:
    url = parse_server_url(text)
    assert (url.base, url.whip) == (base, whip)


def test_server_url_rejects_other_schemes() -> None:
    with pytest.raises(ValueError, match="http"):
        parse_server_url("ftp://h")


def test_loopback_server_gets_loopback_host_candidates() -> None:
    assert default_host_addresses(parse_server_url("http://127.0.0.1:1")) == ("127.0.0.1",)
    assert default_host_addresses(parse_server_url("http://192.0.2.1:1")) is None


def test_link_headers_give_ice_servers_with_credentials() -> None:
    servers = ice_servers_from_link_headers(
        [
            '<stun:stun.example.net:3478>; rel="ice-server"',
            '<turn:t.example.net:3478?transport=tcp>; rel="ice-server"; username="u"; '
            'credential="p\\"w"; credential-type="password", <https://x>; rel="next"',
        ]
    )
    assert [s.url for s in servers] == [
        "stun:stun.example.net:3478",
        "turn:t.example.net:3478?transport=tcp",
    ]
    assert (servers[1].username, servers[1].credential) == ("u", 'p"w')
    assert turn_transport(servers[1].url) == "tcp"
    assert turn_transport("turns:t:5349") == "tls"


def test_room_ice_servers_skip_malformed_entries() -> None:
    servers = ice_servers_from_json(
        [{"urls": ["stun:a:1", "http://x"]}, "junk", {"urls": "turn:b:2", "username": "u",
                                                      "credential": "c"}]
    )  # fmt: skip
    assert [(s.url, s.username) for s in servers] == [("stun:a:1", None), ("turn:b:2", "u")]


def test_flag_ice_server_parsing_moved_to_the_engine() -> None:
    assert parse_ice_server("turn:al:pw@h:3478").username == "al"
    with pytest.raises(IceServerError):
        parse_ice_server("turnx:h")


def test_candidate_types_are_counted_from_the_sdp() -> None:
    sdp = (
        "a=candidate:1 1 udp 1 10.0.0.1 5000 typ host\r\n"
        "a=candidate:2 1 udp 1 192.0.2.1 5000 typ srflx raddr 10.0.0.1 rport 5000\r\n"
        "a=candidate:3 1 udp 1 192.0.2.9 6000 typ relay raddr 192.0.2.1 rport 5000\r\n"
    )
    assert candidate_types(sdp) == {"host": 1, "srflx": 1, "relay": 1}


def _stats_with_gaps() -> StreamStatistics:
    stats = StreamStatistics(reorder_window_packets=4)
    for seq in (0, 1, 3, 4, 5, 8, 9, 10, 11, 12):
        stats.add(PacketRecord(seq=seq, rtp_timestamp=seq * 960, clock_rate_hz=48000,
                               arrival_ms=seq * 20.0 + (seq % 3), size_bytes=80))  # fmt: skip
    stats.finish()
    return stats


def test_figures_agree_with_the_reflectors_own_encoding() -> None:
    from callcheck.server.reflector import direction_figures

    totals = _stats_with_gaps().totals()
    back = stats_from_figures(direction_figures(totals))
    assert (back.packets_lost, back.packets_received, back.reordered) == (
        totals.packets_lost,
        totals.packets_received,
        totals.reordered,
    )
    assert back.jitter_ms == pytest.approx(totals.jitter_ms, abs=1e-3)
    assert back.bursts.burst_ratio == pytest.approx(totals.bursts.burst_ratio, abs=1e-3)


def test_far_end_messages_keep_the_newest_and_read_the_send_count() -> None:
    far = FarEndFigures()
    figures = figures_json(_stats_with_gaps().totals())
    far.on_message({"type": "uplink", "seq": 2, "interval": figures, "total": figures,
                    "reflected_packets": 14}, 1.0)  # fmt: skip
    far.on_message({"type": "uplink", "seq": 1, "interval": {}, "total": {}}, 2.0)
    assert far.latest is not None
    assert (far.latest.seq, far.latest.sent_packets) == (2, 14)


def test_settled_totals_count_loss_against_what_was_sent() -> None:
    totals = _stats_with_gaps().totals()  # 10 received, 3 lost in gaps
    settled = settled_totals(totals, sent_packets=15)  # 2 more lost after the last one
    assert (settled.packets_lost, settled.packets_expected) == (5, 15)
    assert settled.loss_pct == pytest.approx(100 * 5 / 15)
    assert settled_totals(totals, sent_packets=3) is totals  # stale count: keep the gaps
