"""A real browser still connects to the hardened reflector (issue 14).

The reflector drops the offer's candidates and learns the browser's address from its checks
(peer-reflexive, RFC 8445 §7.3.1.3). Headless Chromium is a standard WHIP client: a page with
only an audio track (fake microphone), no data channel, POSTs its offer cross-origin (CORS) and
must get its audio back. With ``--allow-loopback-in-peer-connection`` it offers 127.0.0.1; the
reflector offers 127.0.0.2 (DESIGN.md, measured facts). Once with the (fake) microphone, when
Chromium offers its ``127.0.0.1`` address, and once with a WebAudio tone and no microphone
permission, when Chromium hides its host address behind an mDNS ``.local`` name.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from server_helpers import metrics_value, running, server_config

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium is not installed (apt-get install chromium; packaging/setup.sh test)",
)

PAGE = """<!doctype html><meta charset="utf-8"><title>WHIP</title><script>
const WHIP = %(whip)s;
const MICROPHONE = %(microphone)s;
async function audioTrack() {
  if (MICROPHONE) {
    return (await navigator.mediaDevices.getUserMedia({audio: true})).getAudioTracks()[0];
  }
  // No microphone permission: Chromium then hides host addresses behind mDNS .local names.
  const context = new AudioContext();
  const tone = context.createOscillator();
  const out = context.createMediaStreamDestination();
  tone.connect(out);
  tone.start();
  return out.stream.getAudioTracks()[0];
}
async function main() {
  const report = (x) => fetch("/result", {method: "POST", body: JSON.stringify(x)});
  try {
    const pc = new RTCPeerConnection();
    pc.addTransceiver(await audioTrack(), {direction: "sendrecv"});
    await pc.setLocalDescription(await pc.createOffer());
    await new Promise((done) => {
      if (pc.iceGatheringState === "complete") done();
      pc.onicegatheringstatechange = () => pc.iceGatheringState === "complete" && done();
    });
    const offer = pc.localDescription.sdp;
    const response = await fetch(WHIP, {
      method: "POST", headers: {"Content-Type": "application/sdp"}, body: offer});
    const answer = await response.text();
    if (response.status !== 201) {
      await report({status: response.status, answer, offer});
      return;
    }
    await pc.setRemoteDescription({type: "answer", sdp: answer});
    let packets = 0;
    for (let i = 0; i < 75 && packets < 25; i++) {
      await new Promise((r) => setTimeout(r, 200));
      (await pc.getStats()).forEach((s) => {
        if (s.type === "inbound-rtp" && s.kind === "audio") packets = s.packetsReceived;
      });
    }
    await report({status: 201, state: pc.connectionState, packets, offer});
  } catch (e) {
    await report({error: String(e)});
  }
}
main();
</script>"""


def _chromium_flags(profile: Path, *, mdns: bool) -> list[str]:
    assert CHROMIUM is not None
    flags = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        "--allow-loopback-in-peer-connection",
        "--autoplay-policy=no-user-gesture-required",
    ]
    if mdns:
        flags.append("--enable-features=WebRtcHideLocalIpsWithMdns")
    else:
        flags += ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]
    return flags


@pytest.mark.parametrize("mdns", [False, True], ids=["ip-candidate", "mdns-candidate"])
def test_headless_chromium_gets_its_audio_reflected(tmp_path: Path, mdns: bool) -> None:
    async def scenario() -> tuple[dict[str, Any], float]:
        result: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        config = server_config(ice_host_addresses=("127.0.0.2",))
        async with running(config) as reflector, aiohttp.ClientSession() as http:
            page = PAGE % {
                "whip": json.dumps(f"{reflector}/whip"),
                "microphone": json.dumps(not mdns),
            }

            async def index(request: web.Request) -> web.Response:
                return web.Response(text=page, content_type="text/html")

            async def posted(request: web.Request) -> web.Response:
                if not result.done():
                    result.set_result(json.loads(await request.text()))
                return web.Response(status=204)

            app = web.Application()
            app.router.add_get("/", index)
            app.router.add_post("/result", posted)
            runner = web.AppRunner(app, handle_signals=False)
            await runner.setup()
            site = web.TCPSite(runner, "127.0.0.1", 0)
            await site.start()
            port = runner.addresses[0][1]
            browser = await asyncio.create_subprocess_exec(
                *_chromium_flags(tmp_path / "profile", mdns=mdns),
                f"http://127.0.0.1:{port}/",
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            try:
                outcome = await asyncio.wait_for(result, 60)
                checks = await metrics_value(http, reflector, "callcheck_stun_checks_total")
            finally:
                browser.kill()
                await browser.wait()
                await runner.cleanup()
        return outcome, checks

    outcome, checks = asyncio.run(scenario())
    assert outcome.get("status") == 201, outcome
    candidates = [line for line in outcome["offer"].splitlines() if "candidate:" in line]
    assert candidates, "the browser offered no candidate"
    if mdns:
        assert any(".local" in c for c in candidates), candidates
    else:
        assert any(" 127.0.0.1 " in c for c in candidates), candidates
    assert outcome["state"] == "connected"
    assert outcome["packets"] >= 25
    assert 1 <= checks <= 20
