"""A userspace wire between two interfaces that logs every packet: the ground truth of a test.

    python wire.py IFACE_CLIENT IFACE_SERVER --delay 45 --jitter 15 --loss 6 --seed 1 --log F

Run inside a network namespace holding two veth ends with no addresses: every Ethernet frame
read on one interface (AF_PACKET) is written to the other, so the client's and the server's
namespaces share one link with this process in the middle. UDP datagrams are each delayed by
``delay ± U(jitter)`` ms, independently, so they **reorder** whenever the spread exceeds the
packet spacing; RTP datagrams (version 2, not RTCP: RFC 3550 §5.1, RFC 5761 §4) are dropped with
probability ``loss`` %. Everything else (ARP, TCP signalling) passes at once.

On SIGTERM it writes a JSON log: per direction (``up`` client → server, ``down``), every RTP
packet as ``[ssrc, seq, rtp_timestamp, released_s or null if dropped]`` in release order, and
the delays DTLS datagrams really had, read to written (the data channel: the RTT pings ride on
it).
"""

from __future__ import annotations

import argparse
import heapq
import json
import random
import signal
import socket
import struct
import threading
import time
from typing import Any

ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4
ETH_HEADER = 14


def _udp_payload(frame: bytes) -> bytes | None:
    if len(frame) < ETH_HEADER + 20 or frame[12:14] != b"\x08\x00":
        return None  # not IPv4
    ip = frame[ETH_HEADER:]
    if ip[9] != 17:
        return None  # not UDP
    header = (ip[0] & 0x0F) * 4
    return ip[header + 8 :]


def _checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def _finish_checksums(frame: bytes) -> bytes:
    """Fill in the L4 checksum a veth left to "hardware" (checksum offload).

    A frame read from a veth may carry a partial TCP/UDP checksum (the kernel would have let
    the NIC finish it); written out again on another veth it would be dropped. UDP over IPv4
    may carry no checksum at all (RFC 768), so it gets 0; TCP gets a computed one.
    """
    if len(frame) < ETH_HEADER + 20 or frame[12:14] != b"\x08\x00":
        return frame
    ip = frame[ETH_HEADER:]
    header = (ip[0] & 0x0F) * 4
    total = struct.unpack_from("!H", ip, 2)[0]
    proto = ip[9]
    segment = bytearray(ip[header:total])
    if proto == 17 and len(segment) >= 8:
        segment[6:8] = b"\0\0"
    elif proto == 6 and len(segment) >= 20:
        segment[16:18] = b"\0\0"
        pseudo = ip[12:20] + struct.pack("!BBH", 0, 6, len(segment))
        segment[16:18] = struct.pack("!H", _checksum(pseudo + bytes(segment)))
    else:
        return frame
    return frame[: ETH_HEADER + header] + bytes(segment) + frame[ETH_HEADER + total :]


def _is_rtp(payload: bytes) -> bool:
    return len(payload) >= 12 and payload[0] & 0xC0 == 0x80 and not 192 <= payload[1] <= 223


def _is_dtls(payload: bytes) -> bool:
    return len(payload) > 0 and 20 <= payload[0] <= 63


class Wire:
    def __init__(self, client: str, server: str, args: argparse.Namespace) -> None:
        self.sockets = {}
        for name in (client, server):
            s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
            s.bind((name, 0))
            self.sockets[name] = s
        self.pairs = {client: (server, "up"), server: (client, "down")}
        self.delay_s = args.delay / 1000.0
        self.jitter_s = args.jitter / 1000.0
        self.loss = args.loss / 100.0
        self.rng = random.Random(args.seed)
        self.heap: list[tuple[float, int, str, bytes, str, Any]] = []
        self.counter = 0
        self.cv = threading.Condition()
        self.rtp: dict[str, list[list[Any]]] = {"up": [], "down": []}
        self.dtls_delays_ms: dict[str, list[float]] = {"up": [], "down": []}
        self.running = True

    def read(self, name: str) -> None:
        sock = self.sockets[name]
        out, direction = self.pairs[name]
        while self.running:
            try:
                frame, address = sock.recvfrom(65535)
            except OSError:
                return
            if address[2] == PACKET_OUTGOING:
                continue  # our own transmission on this interface
            frame = _finish_checksums(frame)
            payload = _udp_payload(frame)
            now = time.monotonic()
            if payload is None:
                self.sockets[out].send(frame)
                continue
            record = None
            with self.cv:
                if _is_rtp(payload):
                    (ssrc,) = struct.unpack_from("!I", payload, 8)
                    seq, ts = struct.unpack_from("!HI", payload, 2)
                    record = [ssrc, seq, ts, None]
                    if self.rng.random() < self.loss:
                        self.rtp[direction].append(record)  # dropped: released stays None
                        continue
                delay = self.delay_s + self.rng.uniform(-self.jitter_s, self.jitter_s)
                if _is_dtls(payload):
                    record = ["dtls", now]  # its delay is logged as it happens (release)
                self.counter += 1
                item = (now + delay, self.counter, out, frame, direction, record)
                heapq.heappush(self.heap, item)
                self.cv.notify()

    def release(self) -> None:
        while self.running:
            with self.cv:
                while self.running and not self.heap:
                    self.cv.wait(0.1)
                if not self.heap:
                    continue
                due = self.heap[0][0]
                wait = due - time.monotonic()
                if wait > 0:
                    self.cv.wait(min(wait, 0.01))
                    continue
                _, _, out, frame, direction, record = heapq.heappop(self.heap)
            try:
                self.sockets[out].send(frame)
            except OSError:
                continue
            released = time.monotonic()
            if record is not None and record[0] == "dtls":
                # The delay the datagram really had: a loaded machine releases late.
                with self.cv:
                    self.dtls_delays_ms[direction].append((released - record[1]) * 1000.0)
            elif record is not None:
                record[3] = released
                with self.cv:
                    self.rtp[direction].append(record)

    def log(self) -> dict[str, Any]:
        with self.cv:
            return {"rtp": self.rtp, "dtls_delays_ms": self.dtls_delays_ms}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("client")
    parser.add_argument("server")
    parser.add_argument("--delay", type=float, default=45.0)
    parser.add_argument("--jitter", type=float, default=15.0)
    parser.add_argument("--loss", type=float, default=6.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--log", required=True)
    args = parser.parse_args()
    wire = Wire(args.client, args.server, args)
    threads = [threading.Thread(target=wire.read, args=(n,), daemon=True) for n in wire.sockets]
    threads.append(threading.Thread(target=wire.release, daemon=True))
    for t in threads:
        t.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print("ready", flush=True)
    stop.wait()
    wire.running = False
    with open(args.log, "w") as fh:
        json.dump(wire.log(), fh)


if __name__ == "__main__":
    main()
