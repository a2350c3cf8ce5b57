<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" sourcelanguage="en">
<context>
    <name>advice</name>
    <message>
        <source>Your voice takes {delay_ms} ms to reach the other side, far beyond the {limit_ms} ms limit (ITU-T G.114): people will talk over each other. Use a server or relay closer to you, and avoid satellite, VPN or mobile links.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your voice takes {delay_ms} ms to reach the other side (recommended: under {limit_ms} ms, ITU-T G.114), so replies come with a pause. Use a server closer to you, or avoid the VPN or relay for calls.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sound takes {ta_ms} ms from mouth to ear, far beyond the {limit_ms} ms limit of ITU-T G.114: people will talk over each other. Use a server or relay closer to you, and avoid satellite, VPN or mobile links.</source>
        <extracomment>ITU-T G.114 (05/2003) §3, Figure 1: a *mouth-to-ear* delay up to 150 ms is acceptable for most conversations; beyond 400 ms it is unacceptable for general network planning. These are compared with Ta (mouth-to-ear), never with the network&apos;s share alone. Common vendor network targets for voice (Microsoft Teams and Cisco network guidance): Softphone vendors&apos; targets for the network path from the client to their edge (not an ITU limit, and not mouth to ear): one-way &lt; 50 ms, RTT &lt; 100 ms, loss &lt; 1 %, jitter &lt; 30 ms. At 5 % random loss even G.711 with PLC (Bpl 25.1, G.113) falls below the pass mark on the MOS table (G.107: MOS ≈ 3.9), and bursty loss makes it Poor: treat it as critical. G.107 BurstR above 1 means bursty loss; 1.5 leaves room for the noise of a 20-second test. Late discards in the playout buffer: above the loss target, jitter is costing audio. Voice-grade Wi-Fi design guides (Cisco, Aruba) ask for a signal of −67 dBm or better; below −80 dBm the link is unreliable. CallCheck: a bare test call costs ≈ 0.18 CPU-s per second on two cores (DESIGN.md, Facts); with the machine above 85 % busy, audio threads start to miss their deadlines. Cisco QoS design guidance: keep real-time traffic at or below 33 % of a link&apos;s capacity. Bufferbloat test bands (Waveform): ≥ 60 ms extra RTT under load is grade C or worse, ≥ 200 ms grade D or worse. A codec change is worth suggesting when it gains at least this much predicted MOS. The audio devices&apos; own delay (output + input, as the call measured it): wired and USB headsets and laptop audio measure 10–60 ms through the host APIs CallCheck uses; Bluetooth in hands-free mode adds 100–200 ms. Above this the device is worth naming. A device delay that alone uses up G.114&apos;s recommended one-way budget (§3: 150 ms) is the cause when the call scores below the pass mark. The translation context of the actions&apos; sentences.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sound takes {ta_ms} ms from mouth to ear (ITU-T G.114 recommends under {limit_ms} ms), so replies come with a pause. Use a server closer to you, or avoid the VPN or relay for calls.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The network path (a round trip of {rtt_ms} ms) is slower than softphone vendors&apos; target for the path to their servers ({target_one_way_ms} ms one way, {target_rtt_ms} ms round trip). That target is not a limit for conversation: ITU-T G.114&apos;s limits apply to the whole mouth-to-ear delay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The network path ({delay_ms} ms one way) is slower than softphone vendors&apos; target for the path to their servers ({target_one_way_ms} ms one way, {target_rtt_ms} ms round trip). That target is not a limit for conversation: ITU-T G.114&apos;s limits apply to the whole mouth-to-ear delay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are on Wi-Fi and {loss_pct} % of packets were lost in bursts — use a wired connection or move closer to the access point.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are on Wi-Fi and {loss_pct} % of packets were lost — use a wired connection or move closer to the access point.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{loss_pct} % of voice packets were lost in bursts (target: under {target_loss_pct} %), which makes words drop out. The network is congested or faulty: ask IT to check the connection and to give voice priority (QoS).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{loss_pct} % of voice packets were lost (target: under {target_loss_pct} %), which makes words drop out. The network is congested or faulty: ask IT to check the connection and to give voice priority (QoS).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice packets arrive unevenly (jitter {jitter_ms} ms) and {late_pct} % of them came too late to be played (target: under {target_jitter_ms} ms). Something else is using the connection — pause downloads, uploads and video, use a wired connection, or ask IT for voice QoS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice packets arrive unevenly (jitter {jitter_ms} ms; target: under {target_jitter_ms} ms). Something else is using the connection — pause downloads, uploads and video, use a wired connection, or ask IT for voice QoS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{late_pct} % of the voice packets came too late to be played (target: jitter under {target_jitter_ms} ms). Something else is using the connection — pause downloads, uploads and video, use a wired connection, or ask IT for voice QoS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your Wi-Fi signal is weak ({signal_dbm} dBm; voice needs {min_signal_dbm} dBm or better). Move closer to the access point or use a wired connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your Wi-Fi uses the 2.4 GHz band, which is crowded and slower. If your network offers 5 GHz (often a name ending in “5G”), connect to that instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your calls go through a VPN ({vpn_interfaces}), which adds delay and can lose packets. Ask IT whether voice can bypass the VPN (split tunnelling), or test without it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A VPN or tunnel is active ({vpn_interfaces}). If calls are poor, test once without it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your Bluetooth headset “{device}” is in hands-free mode at {rate_khz} kHz, which makes voices sound thin and muffled. Use a wired or USB headset, or a Bluetooth headset with its own USB dongle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your Bluetooth headset “{device}” is in hands-free mode, which makes voices sound thin and muffled. Use a wired or USB headset, or a Bluetooth headset with its own USB dongle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your Bluetooth headset “{device}” adds {delay} ms of delay in its hands-free mode: use a wired or USB headset, or the laptop&apos;s own speaker and microphone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your audio device “{device}” adds {delay} ms of delay: try another headset, a wired one, or the laptop&apos;s own speaker and microphone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your computer was very busy during the test ({cpu_load_pct} % CPU), which can make audio stutter. Close programs you do not need, or restart the computer before calls.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your connection carried only {available_kbps} kbit/s, less than the {voice_kbps} kbit/s a call needs. Stop other downloads and uploads, or ask for a faster connection; a low-bitrate codec (see below) can help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A call needs {voice_kbps} kbit/s of the {available_kbps} kbit/s your connection carried — little room left for anything else. Avoid large downloads during calls.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When your connection is busy ({direction}), delay grows by {rtt_increase_ms} ms (bufferbloat, grade {grade}). Turn on Smart Queue Management (SQM) or QoS in the router, or ask IT to prioritise voice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uplink</source>
        <extracomment>The directions of a capacity measurement, as words in a sentence.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>downlink</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The network removes the priority mark on voice packets (sent DSCP {dscp_sent} “EF”, arrived as DSCP {dscp_received}), so voice waits behind other traffic when the line is busy. Ask IT to keep DSCP EF for voice or to use a voice VLAN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The network changes the priority mark on voice packets (sent DSCP {dscp_sent} “EF”, arrived as DSCP {dscp_received}), so voice waits behind other traffic when the line is busy. Ask IT to keep DSCP EF for voice or to use a voice VLAN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice had to travel over TCP because UDP is blocked, so any lost packet turns into a delay. Ask IT to allow UDP for calls (the softphone&apos;s media ports, and TURN on UDP 3478).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voice went through a relay server rather than directly, usually because a firewall or NAT blocks the direct path. This adds some delay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On this network {suggested} would score MOS-CQEW {suggested_mos} instead of {current_mos} with {current} (both on the wideband scale, to compare codecs). Ask IT to prefer it in the softphone&apos;s codec settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On this network {suggested} would score MOS {suggested_mos} instead of {current_mos} with {current}. Ask IT to prefer it in the softphone&apos;s codec settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The network is fine for this call (predicted MOS {predicted}), but the audio that reached the speaker scored {heard}: it is damaged on this computer. Check the headset and its cable, make sure a Bluetooth headset is not in hands-free mode, and close programs that keep the CPU busy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The biggest cost to this call is delay on the network: sound takes {ta_ms} ms from mouth to ear, {part_ms} ms of it on the network path. Use a server or relay closer to you, and avoid VPN, satellite or mobile links for calls.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The biggest cost to this call is delay in the playout buffer: sound takes {ta_ms} ms from mouth to ear, {part_ms} ms of it waiting for voice packets that arrive unevenly (jitter). Use a wired connection, pause other traffic, or ask IT for voice QoS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The biggest cost to this call is delay from the audio device: sound takes {ta_ms} ms from mouth to ear, {part_ms} ms of it in the microphone and speaker path. Use a wired USB headset, or another audio device or driver.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The biggest cost to this call is packet loss: {loss_pct} % of the voice packets were lost or came too late to be played, which makes words drop out. Use a wired connection instead of Wi-Fi, or ask IT to check the network path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The biggest cost to this call is the codec: {codec} alone limits it to {label} {ceiling_mos}. Ask IT to prefer {alternative} in the softphone&apos;s settings: on this network it would give MOS-CQEW {alternative_mos}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The biggest cost to this call is the codec: {codec} alone limits it to {label} {ceiling_mos}. Ask IT to prefer a wideband codec such as Opus in the softphone&apos;s settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your connection meets the targets for voice (MOS {mos}). If calls still sound bad, the problem is likely at the other end or in the softphone&apos;s settings.</source>
        <extracomment>Below this MOS a call is &quot;Bad&quot; (DESIGN.md grades): its first action is critical.</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>connectivity</name>
    <message>
        <source>the server&apos;s name could not be resolved (DNS)</source>
        <extracomment>Each pre-call check gives up after this long (the whole diagnosis must fit in 10 s). A token that no session has: its ``GET`` answers 401 (bad token) or 404 (token passed). The translation context of the findings. The plain words of :func:`callcheck.engine.signaling.classify_http_error` that have no detail in them, marked for translation; other words stay as they are (English).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the secure (TLS) connection failed: the certificate is not trusted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the secure (TLS) connection failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server did not answer in time (a firewall may drop the traffic)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection was refused: nothing listens on that port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server closed the connection without answering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the server at {url}: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answers over {scheme}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answers over {scheme} (HTTP {status} on /healthz: not a CallCheck server?).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The token could not be checked: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server needs an access token: pass --token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the access token: check --token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server needs no token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server accepted the token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room could not be checked: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No room {code}: check the code (rooms expire).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room check failed (HTTP {status}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room {code} already has two people in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room {code} is open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bad TURN URL {url}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The TURN server {host}:{port} did not answer over {transport} within {timeout_s} s: a firewall may block {transport} to port {port}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the user name or password was refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The TURN server {host}:{port} over {transport} failed: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A relay was allocated on {host}:{port} over {transport}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UDP media gets through (ICE connectivity checks answered).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The far end offered no network address for the media (no ICE candidates).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered over HTTP(S), but no UDP packets came back: a firewall probably blocks UDP. Allow UDP to the server, or use a TURN server over TCP/TLS (--ice-server turn:USER:PASS@HOST:443?transport=tcp --force-relay).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>grades</name>
    <message>
        <source>Excellent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Poor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crystal-clear audio, no issues.</source>
        <extracomment>Best first. A MOS exactly on a boundary belongs to the better band (4.0 is Good, 4.3 Excellent).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear voice, very minor flaws.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slight distortion, still understandable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Noticeable issues affect conversation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hard to hear, disruptive.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>heard</name>
    <message>
        <source>What the listener heard</source>
        <extracomment>The translation context of the heard score&apos;s sentences (CLI, text summary, HTML, Results).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>downlink (far end to you)</source>
        <extracomment>Each direction in words; the report&apos;s value (``downlink`` …) stays the key.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uplink (you to far end)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>round trip (your voice, back from the server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the listener heard: {mos} {scale} ({detail})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the listener heard: not available ({why})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the listener heard: not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{direction}: {mos} {scale} — {model}, {method}, {seconds} s scored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{direction}: not available — {why}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>lists</name>
    <message>
        <source>{first}; {second}</source>
        <extracomment>``translate(context, template) -&gt; text``: Qt&apos;s ``QCoreApplication.translate`` or :func:`english`. The context of the generic joining templates (lists of parts).</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>report</name>
    <message>
        <source>yes</source>
        <extracomment>Grade band colours (best first), shared by the gauge and the MOS timeline.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MOS gauge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title}: no samples.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last 1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MOS over the test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round-trip time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jitter and playout buffer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jitter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>buffer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packet loss per interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one-way network delay</source>
        <extracomment>The E-model inputs (report ``quality.inputs``) in words; the G.107 symbol stays in brackets for whoever checks the arithmetic.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wait in the playout buffer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>codec delay (packet and look-ahead)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audio device delay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>packets lost on the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>packets too late to play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>how bunched the losses are</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mouth-to-ear delay (Ta)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>talker echo path delay (T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>listener echo loop delay (Tr)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>packets lost or too late (Ppl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>how bunched the losses are (BurstR)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>what the codec itself costs (Ie)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>how well the codec hides loss (Bpl)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>round trip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target round trip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one-way delay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mouth to ear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>computer busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audio lost or late</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <extracomment>A source that points into the code reads, in a report, as where a person finds it. Field-name suffixes and the unit they stand for.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>documented with CallCheck&apos;s codec table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>measured</source>
        <extracomment>How an E-model input is known (``quality.inputs[].provenance``), in words.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>estimated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>assumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(clamped from {value})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>what</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>how known</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target under {limit}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round trip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jitter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packet loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predicted from the network (E-model): {label} {mos}. The heard score measures the audio as it reached the speaker, against what was sent; well below the prediction means the audio was damaged on the computer, not on the network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measured: {evidence}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No actions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>does not fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No codec predictions (no delay was measured).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>predicted {label}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>codec</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bandwidth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fits the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>measured by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>round trip, mean / p95</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one-way delay, mean / p95</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>jitter, mean / p95</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss, total / p95 interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>packets sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>packets received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>packets lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reordered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>burst ratio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No call was made, so there are no network figures.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uplink (you → far end)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>downlink (far end → you)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audio input</source>
        <extracomment>An audio device&apos;s direction (``environment.host.audio_devices[].direction``), in words.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audio output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>capacity uplink</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>capacity downlink</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>operating system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — Bluetooth hands-free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>voice priority (DSCP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sent {sent}, arrived {arrived} ({verdict})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kbps} kbit/s; delay under load +{delay_ms} ms (bufferbloat grade {grade})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>protocol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>relay (TURN) used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connect time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>playout buffer, mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>late discards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>concealed frames</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>emulated network (what-if)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audio devices used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>speaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mouth to ear, network and buffer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mouth to ear, with the audio devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>speaker to microphone, measured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test tones heard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{detected} of {expected}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audio dropouts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audio problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CallCheck report {id}</source>
        <extracomment>The scheme of image references in a page rendered without inline SVG.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>below pass mark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{mode} · {date} · codec {codec} · {duration} · test {id} · CallCheck {version}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{label} {mos} ({scale} scale, ITU-T P.800.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CallCheck call-quality report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The three numbers that matter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>During the test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why this score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No audio was measured, so there is no score.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codecs on this network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The network, each way</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer and the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems during the test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scores follow ITU-T G.107 / G.107.1 (E-model). Report schema {schema}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>summary</name>
    <message>
        <source>not measured</source>
        <extracomment>Width a ticket system or an e-mail shows without wrapping. How many actions the summary lists. The translation context of the summary&apos;s lines.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wi-Fi</source>
        <extracomment>``environment.host.interface_kind`` → what the summary calls it.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wired (Ethernet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mobile data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VPN tunnel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>info</source>
        <extracomment>An action&apos;s severity as the summary shows it (&quot;1. [warning] …&quot;).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>critical</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind} ({details}); VPN: {vpn}; CPU {cpu_pct} %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind} ({details}); VPN: {vpn}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind}; VPN: {vpn}; CPU {cpu_pct} %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind}; VPN: {vpn}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quick local check</source>
        <extracomment>The one name of each test mode, in every report face and on the screens (the GUI&apos;s ``texts.MODE_SHORT`` holds the same English; a test keeps them equal).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call a colleague</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <extracomment>The labels of the &quot;for the helpdesk&quot; block, in its order.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>App version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For the helpdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{mode}, codec {codec}, {duration}, {date}, id {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (tested on this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main reason: {cause}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main reason: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main reason: the test ended before it was complete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delay on the network</source>
        <extracomment>The causes of :class:`callcheck.core.rating.Cause` in plain words.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delay in the playout buffer (jitter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delay from the audio device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>packet loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the codec itself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why this score: the codec alone allows {label} {ceiling}; the network and the devices cost {cost} R below that.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The largest cost is {cause}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A wideband codec ({name}) would give MOS-CQEW {mos} here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CallCheck call-quality test {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PASS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result: {grade}, {label} {mos} of 5 ({result}; {pass_mos} needed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result: {grade}, MOS {mos} of 5 ({result}; {pass_mos} needed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result: {grade} ({result})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round trip {rtt} | jitter {jitter} | packet loss {loss}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{number}. [{severity}]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best codec: {name}, predicted {label} {mos}, {kbps} kbit/s per direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best codec: {name}, predicted MOS {mos}, {kbps} kbit/s per direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note: {message}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>texts</name>
    <message>
        <source>Excellent</source>
        <extracomment>The grade words shown to users (the keys are the core&apos;s grades, the values what we print).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Good</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Poor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bad</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>–</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MOS gauge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MOS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No MOS measured yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MOS {mos}, {grade}</source>
        <extracomment>{mos}: the MOS with one decimal (&quot;4.2&quot;); {grade}: the grade word (&quot;Good&quot;).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CallCheck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CallCheck {version} (build {build}) – call quality test</source>
        <extracomment>{version}: &quot;1.2.0&quot;; {build}: a build id (&quot;a1b2c3d&quot;).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Home</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How good will your calls sound?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CallCheck places a short test call, measures delay, jitter and lost audio, and tells you the quality a listener would hear.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test my call quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starts a test call of about {seconds:.0f} seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quick local check (this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network test (the company&apos;s test server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call a colleague (room code)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{mode} – not available in this version yet.</source>
        <extracomment>{mode}: one of the three &quot;What to test&quot; choices above.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing your call…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting the test call…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measuring. Keep this window open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{seconds:.0f} s left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round trip (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jitter (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost packets (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Good enough for business calls.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Below the quality needed for business calls.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test ended early; the result covers only part of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Round trip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jitter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why this score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codecs for this network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy summary for the helpdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the test report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <extracomment>The formats a report is saved in, the first the default (a PDF anyone can open).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{description}; the last second only MOS {mos}</source>
        <extracomment>{description}: GAUGE_DESCRIPTION (&quot;MOS 4.2, Good&quot;); {mos}: the last second&apos;s MOS (&quot;3.1&quot;).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last 1 s</source>
        <extracomment>Beside the gauge&apos;s faint mark: the rating of the last second of the call (keep it short).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The needle shows the call so far. The faint mark (last 1 s) shows the last second when it was worse: a short dropout shows there at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predicted from the network</source>
        <extracomment>Issue 19: the E-model&apos;s prediction and the score of the audio the listener actually got.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the listener heard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{mos} ({scale})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report saved to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the report to {path}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the test again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test ID {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} {unit}</source>
        <extracomment>A measured figure and its unit: &quot;112 ms&quot;, &quot;0.5 %&quot;.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kbit/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{grade} {mos}</source>
        <extracomment>A grade word and its MOS, in lists: &quot;Good 4.2&quot;.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delay (the time your voice takes to arrive) costs {value:.1f} points.</source>
        <extracomment>The E-model&apos;s impairments in plain words, by their G.107 names (report ``quality.breakdown``).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The codec and lost audio cost {value:.1f} points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loudness and noise of the voice path cost {value:.1f} points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A perfect call scores {ro:.0f} points (R factor); this one scored {r:.0f}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test could not run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This kind of test is not available in this version yet. Choose the quick local check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong inside CallCheck ({error}). Try again; if it happens again, send the log to your helpdesk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codec</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set by your IT department</source>
        <extracomment>Beside a setting the admin fixed in the managed settings file (issue 18).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Short test in the background every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also a short test after I log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send each result to the test server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open CallCheck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No test yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing the call quality …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last test {time}: MOS {mos}, {grade}</source>
        <extracomment>{time} is the local time of the test (HH:MM); {mos} the MOS as printed everywhere.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last test {time} could not run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled test put off: another app is using the microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled tests: off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled tests: every {hours} h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled tests: at login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled tests: at login and every {hours} h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call quality below the pass mark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call quality test could not run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opus (wideband)</source>
        <extracomment>The engine&apos;s codec names as users read them.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>G.722 (wideband)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>G.711 µ-law</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>G.711 A-law</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your settings could not be read, so the defaults are used. The old file was kept as {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test my call quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start screen (Ctrl+1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone and speaker checks (Ctrl+2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Past tests (Ctrl+3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings (Ctrl+,)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the test (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Enter to start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quick local check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not available in this version: the {mode} needs the test server client, which this version does not include yet. Use the quick local check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone: {input}  ·  Speaker: {output}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>system default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check &amp;devices…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The three numbers that matter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to fix: the connection is fine for calls.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy summary for the helpdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run the test again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare with &amp;previous test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no earlier test to compare with yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This result could not be kept in the history ({error}). Save the report to keep it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the history: test of {date}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CallCheck report {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Past tests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tests yet. Every test you run is kept here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co&amp;mpare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select one test to open, export or delete it; select two to compare them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete tests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export the test report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test history could not be read, so a new one was started. The damaged file was kept as {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test history at {path} cannot be used: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not write to the history database: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not read the history database: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That test is no longer in the history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare two tests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Earlier test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Later test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{date}
{mode}, {grade}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{number} ({change})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>better</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>worse</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microphone and speaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;peaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;fresh list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Listen to the microphone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop &amp;listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say something: the bar should move.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speaker test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device delay (speaker to microphone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play a &amp;test tone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Playing a tone on {device}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Did you hear a beep? If not, check the volume or pick another speaker.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measure device &amp;delay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measuring: a short chirp plays a few times…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio devices unavailable: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hear yourself</source>
        <extracomment>&quot;Hear yourself&quot; (issue 16): the user speaks, then hears it as the other side of a call would.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hear yourself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speak for a few seconds, then listen: you hear yourself as the other side of a call would.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speak now for {seconds} seconds. Then listen: it plays back by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is how the other side hears you. Your voice arrived after {delay} ms; {lost} % of it was lost on the way and filled in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hear yourself did not work: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the microphone…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending your voice through a test call, as a call would carry it…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen now: this is how the other side hears you…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop hearing yourself now: nothing more is recorded or played</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled. Nothing was kept; the microphone and speaker are free again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hear yourself is using the microphone and speaker: wait for it to finish, or cancel it.</source>
        <extracomment>Why Start, &quot;Run the test again&quot; and the device checks are off while the echo runs.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hear yourself is using the microphone and speaker: wait for it to finish, or &lt;a href=&apos;cancel&apos;&gt;cancel it&lt;/a&gt;.</source>
        <extracomment>ECHO_BLOCKS on the Start screen, which has no Cancel button of its own: the link cancels.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A test is running: try again when it has finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A device check is using the microphone or speaker: try again when it has finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulate a &amp;worse network:</source>
        <extracomment>The label of the choice of a simulated network for &quot;Hear yourself&quot;.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hear what a worse network would do to your voice. It is simulated on this computer; your real network is not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No, the network as it is</source>
        <extracomment>The simulated networks (keys: the engine&apos;s NETWORK_PRESETS).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Busy Wi-Fi</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mobile hotspot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lossy VPN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulated network: {network}, with {impairment}.</source>
        <extracomment>After ECHO_DONE when a network was simulated; {network}: one of ECHO_NETWORKS, {impairment}: what it does, e.g. &quot;40 ms more delay, 5 % loss in bursts&quot;.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulated network: {network}, with {impairment}, each way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{delay} ms more delay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delay varying by ±{jitter} ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{loss} % loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{loss} % loss in bursts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No microphone found. Plug in a headset or enable a microphone in the system&apos;s sound settings, then press Refresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No speaker found. Plug in a headset or enable an output in the system&apos;s sound settings, then press Refresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sound from {device}: it may be muted, the wrong microphone, or blocked by the system&apos;s privacy settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{device} is too loud (clipping): lower the input volume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{device} looks like a Bluetooth headset: in hands-free mode it limits calls to narrowband audio. A wired or USB headset sounds better.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These devices are now used for tests.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test server token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <extracomment>The language menu: this first item, then &quot;English&quot;, &quot;Deutsch&quot;, &quot;Français&quot; … (each language in its own words, never translated).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings saved. CallCheck now speaks your chosen language, in its reports too.</source>
        <extracomment>Shown on the Settings screen, in the new language, once the window was rebuilt in it.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These need a test server: &lt;a href=&apos;settings&apos;&gt;open Settings&lt;/a&gt;&lt;br&gt;and enter its address (your helpdesk has it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No test server is set up yet. Open Settings and enter the test server&apos;s address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create a room (you read the code out to your colleague)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Join with a code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room code your colleague read out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the code your colleague read out, then press the green button.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection to the server lost. Reconnecting… The test goes on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;un</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call a colleague</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio lost or late</source>
        <extracomment>The share of audio lost or too late to play (the same figure as &quot;why this score&quot; gives).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide the details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy for the helpdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This failed test could not be kept in the history: {error}</source>
        <extracomment>The failure is in the history too ({error}: why it could not be stored, if it could not).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text for a ticket (*.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CallCheck report, all data (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relay servers for strict firewalls
(STUN/TURN, one per line)</source>
        <extracomment>Plain words first; the protocol names stay in brackets for whoever sets them up.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>what {device} plays</source>
        <extracomment>A capture device that records what a speaker plays (PulseAudio/PipeWire &quot;monitor&quot;); {device}: the speaker&apos;s name.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>system sound (default)</source>
        <extracomment>The system&apos;s sound server as a device (ALSA &quot;pulse&quot; / &quot;pipewire&quot;).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{rank}. {name}: MOS {mos}, {kbps:.0f} kbit/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete %n test(s) from the history? This cannot be undone.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n test(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Packets lost on the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delay from mouth to ear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait in the playout buffer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio device delay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codec delay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audio too late to play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{device} works: you can be heard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level now {level:.0f} dBFS.</source>
        <extracomment>The level meter&apos;s details line; {level}: the level now in dBFS (decibels below the loudest sound the device can record, so always negative).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level now {level:.0f} dBFS, loudest {loudest:.0f} dBFS.</source>
        <extracomment>{level}: as above; {loudest}: the loudest level heard since listening began, in dBFS.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sound takes {delay:.0f} ms from {output} back to {input}.</source>
        <extracomment>The delay check, measured; {delay}: milliseconds (&quot;180&quot;); {output}, {input}: device names.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test sound on {output} was not heard on {input}. With headphones this is expected; otherwise check that the microphone is not muted and the speaker volume is up.</source>
        <extracomment>The delay check, the test sound not heard; {output}, {input}: device names.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test server address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls the test server at {url}.
It sends your audio straight back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. AC7-K3M-9PX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating a room on the test server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read this code out to your colleague:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your colleague opens CallCheck, chooses “Call a colleague”, then “Join with a code”, types {code} and presses the green button.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for your colleague to join…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joining room {code}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cop&amp;y code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room code {spelled}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dash</source>
        <extracomment>How a screen reader (and the technician) says the &quot;-&quot; in a room code: &quot;A C D dash 2 3 4&quot;.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{what}: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No test server is set up.</source>
        <extracomment>What the error screen says per failure reason code: (what happened, what to do).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Settings and enter the test server&apos;s address; your IT department or helpdesk has it. Until then, the quick local check works without a server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A setting cannot be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Settings, correct it, and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This kind of test is not available in this version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the quick local check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test server cannot be reached: it may be down, or this network blocks it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the server address in Settings. If it is right, try again in a minute; if it still fails, try another network (or without VPN) and tell your helpdesk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test server refused this computer&apos;s access token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Settings and check the test server token against the one your IT department gave you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no room with that code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the code with your colleague (codes expire after a few minutes), or ask them to create a new room and read you the new code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That room already has two people in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask your colleague to create a new room and read you the new code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test server is busy right now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait a minute, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test server did not accept the test call.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the server address in Settings. If it is right, tell your helpdesk and give them the details below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A firewall blocks the call&apos;s audio: the server answered, but no UDP packets got through.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Real calls on this network will likely fail or sound bad too. Try another network, or ask IT to allow UDP to the test server or to set up a TURN relay (Settings).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your colleague did not join in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a room again and read the new code out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your colleague left before the call connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask them to join again, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test call could not connect.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the network connection or the firewall, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer has no usable network connection for calls.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check that the computer is connected to a network, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test call did not connect in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test call&apos;s secure connection failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again; if it happens again, tell your helpdesk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test server answered, but with something this app cannot use.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the server address in Settings: it may belong to another program, or the server may run a different version. If it is right, tell your helpdesk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection was lost during the test call.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the network connection (Wi-Fi signal, VPN, cable), then try again. Real calls on this connection may drop too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The call audio stopped arriving during the test.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the network connection, then try again. If it happens again, tell your helpdesk: real calls on this network may go silent too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test call could not start on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close other calling apps and try again; if it happens again, tell your helpdesk and give them the details below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test could not run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again; if it happens again, tell your helpdesk and give them the details below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do: {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection checks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server reachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call audio (UDP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TURN relay over UDP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TURN relay over TCP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TURN relay over TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{check}: {status}. {finding}</source>
        <extracomment>One line of the connection checks: {check}: &quot;Call audio (UDP)&quot;; {status}: &quot;✔ passed&quot;; {finding}: what the check found, in a sentence.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✔ passed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✘ FAILED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>– skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;hare this test with my helpdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your helpdesk can watch the test live in a browser with a code you read out. Only the test&apos;s figures and report are shared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared with your helpdesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read this code to your helpdesk:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>or send them the link: {url}</source>
        <extracomment>{url}: the page the helpdesk opens, e.g. https://cc.example.com/live/AC7-K3M-9PX</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is shared: this test&apos;s figures, progress and report. No files, no other information from this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watching now: {count}</source>
        <extracomment>{count}: how many people have the page open.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop sharing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharing stopped. The test goes on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test could not be shared ({reason}). The test runs without sharing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your helpdesk asks you to run the test again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Not now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>verdict</name>
    <message>
        <source>No audio was measured, so there is no score. See the errors for why.</source>
        <extracomment>Translation contexts. What a figure that was not measured reads as in a &quot;why&quot; item.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{grade} (MOS {mos}): {experience} This is good enough for business calls.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{grade} (MOS {mos}): {experience} This is good enough for business calls. The test ended early, so this covers only part of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{grade} (MOS {mos}): {experience} This is below the {pass_mos} needed for business calls.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{grade} (MOS {mos}): {experience} This is below the {pass_mos} needed for business calls. The test ended early, so this covers only part of it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>why</name>
    <message>
        <source>A perfect call on this scale scores R = 129 (wideband: 50–7000 Hz speech). This call scores R = {r_factor}, which is {label} {mos}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A perfect call on this scale scores R = about 93 (narrowband). This call scores R = {r_factor}, which is {label} {mos}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A perfect call on this scale scores R = 129 (wideband: 50–7000 Hz speech). This call scores R = {r_factor}, which is MOS {mos}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A perfect call on this scale scores R = about 93 (narrowband). This call scores R = {r_factor}, which is MOS {mos}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loudness, sidetone and noise of the handsets (assumed standard): {cost} points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delay: no noticeable cost. Delay starts to hurt above about 100 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delay: a cost of {cost} points. Delay starts to hurt above about 100 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delay (sound takes {ta_ms} ms from mouth to ear): no noticeable cost. Delay starts to hurt above about 100 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delay (sound takes {ta_ms} ms from mouth to ear): a cost of {cost} points. Delay starts to hurt above about 100 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the codec itself costs {ie}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{ppl_pct} % of the audio was lost or late</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>losses came in bursts (burst ratio {burst_ratio})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codec and lost packets: a cost of {cost} points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codec and lost packets: a cost of {cost} points ({details}).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
