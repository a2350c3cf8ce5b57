<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>advice</name>
    <message>
        <source>Your voice takes {delay_ms} ms to reach the other side, far beyond the {limit_ms} ms limit (ITU-T G.114): people will talk over each other. Use a server or relay closer to you, and avoid satellite, VPN or mobile links.</source>
        <translation>Ihre Stimme braucht {delay_ms} ms bis zur Gegenseite, weit über der Grenze von {limit_ms} ms (ITU-T G.114): Die Gesprächspartner fallen sich ins Wort. Nutzen Sie einen Server oder Relay in Ihrer Nähe und vermeiden Sie Satelliten-, VPN- oder Mobilfunkverbindungen.</translation>
    </message>
    <message>
        <source>Your voice takes {delay_ms} ms to reach the other side (recommended: under {limit_ms} ms, ITU-T G.114), so replies come with a pause. Use a server closer to you, or avoid the VPN or relay for calls.</source>
        <translation>Ihre Stimme braucht {delay_ms} ms bis zur Gegenseite (empfohlen: unter {limit_ms} ms, ITU-T G.114), daher kommen Antworten mit einer Pause. Nutzen Sie einen Server in Ihrer Nähe oder telefonieren Sie ohne VPN bzw. Relay.</translation>
    </message>
    <message>
        <source>Sound takes {ta_ms} ms from mouth to ear, far beyond the {limit_ms} ms limit of ITU-T G.114: people will talk over each other. Use a server or relay closer to you, and avoid satellite, VPN or mobile links.</source>
        <extracomment>ITU-T G.114 (05/2003) §3, Figure 1: a *mouth-to-ear* delay up to 150 ms is acceptable for most conversations; beyond 400 ms it is unacceptable for general network planning. These are compared with Ta (mouth-to-ear), never with the network&apos;s share alone. Common vendor network targets for voice (Microsoft Teams and Cisco network guidance): Softphone vendors&apos; targets for the network path from the client to their edge (not an ITU limit, and not mouth to ear): one-way &lt; 50 ms, RTT &lt; 100 ms, loss &lt; 1 %, jitter &lt; 30 ms. At 5 % random loss even G.711 with PLC (Bpl 25.1, G.113) falls below the pass mark on the MOS table (G.107: MOS ≈ 3.9), and bursty loss makes it Poor: treat it as critical. G.107 BurstR above 1 means bursty loss; 1.5 leaves room for the noise of a 20-second test. Late discards in the playout buffer: above the loss target, jitter is costing audio. Voice-grade Wi-Fi design guides (Cisco, Aruba) ask for a signal of −67 dBm or better; below −80 dBm the link is unreliable. CallCheck: a bare test call costs ≈ 0.18 CPU-s per second on two cores (DESIGN.md, Facts); with the machine above 85 % busy, audio threads start to miss their deadlines. Cisco QoS design guidance: keep real-time traffic at or below 33 % of a link&apos;s capacity. Bufferbloat test bands (Waveform): ≥ 60 ms extra RTT under load is grade C or worse, ≥ 200 ms grade D or worse. A codec change is worth suggesting when it gains at least this much predicted MOS. The audio devices&apos; own delay (output + input, as the call measured it): wired and USB headsets and laptop audio measure 10–60 ms through the host APIs CallCheck uses; Bluetooth in hands-free mode adds 100–200 ms. Above this the device is worth naming. A device delay that alone uses up G.114&apos;s recommended one-way budget (§3: 150 ms) is the cause when the call scores below the pass mark. The translation context of the actions&apos; sentences.</extracomment>
        <translation>Der Ton braucht {ta_ms} ms vom Mund bis zum Ohr, weit über der Grenze von {limit_ms} ms nach ITU-T G.114: Die Gesprächspartner fallen sich ins Wort. Nutzen Sie einen Server oder Relay in Ihrer Nähe und vermeiden Sie Satelliten-, VPN- oder Mobilfunkverbindungen.</translation>
    </message>
    <message>
        <source>Sound takes {ta_ms} ms from mouth to ear (ITU-T G.114 recommends under {limit_ms} ms), so replies come with a pause. Use a server closer to you, or avoid the VPN or relay for calls.</source>
        <translation>Der Ton braucht {ta_ms} ms vom Mund bis zum Ohr (ITU-T G.114 empfiehlt unter {limit_ms} ms), daher kommen Antworten mit einer Pause. Nutzen Sie einen Server in Ihrer Nähe oder telefonieren Sie ohne VPN bzw. Relay.</translation>
    </message>
    <message>
        <source>The network path (a round trip of {rtt_ms} ms) is slower than softphone vendors&apos; target for the path to their servers ({target_one_way_ms} ms one way, {target_rtt_ms} ms round trip). That target is not a limit for conversation: ITU-T G.114&apos;s limits apply to the whole mouth-to-ear delay.</source>
        <translation>Der Netzwerkweg (Umlaufzeit {rtt_ms} ms) ist langsamer als das Ziel der Softphone-Anbieter für den Weg zu ihren Servern ({target_one_way_ms} ms einfach, {target_rtt_ms} ms hin und zurück). Dieses Ziel ist keine Grenze für Gespräche: Die Grenzen von ITU-T G.114 gelten für die gesamte Verzögerung vom Mund bis zum Ohr.</translation>
    </message>
    <message>
        <source>The network path ({delay_ms} ms one way) is slower than softphone vendors&apos; target for the path to their servers ({target_one_way_ms} ms one way, {target_rtt_ms} ms round trip). That target is not a limit for conversation: ITU-T G.114&apos;s limits apply to the whole mouth-to-ear delay.</source>
        <translation>Der Netzwerkweg ({delay_ms} ms einfach) ist langsamer als das Ziel der Softphone-Anbieter für den Weg zu ihren Servern ({target_one_way_ms} ms einfach, {target_rtt_ms} ms hin und zurück). Dieses Ziel ist keine Grenze für Gespräche: Die Grenzen von ITU-T G.114 gelten für die gesamte Verzögerung vom Mund bis zum Ohr.</translation>
    </message>
    <message>
        <source>You are on Wi-Fi and {loss_pct} % of packets were lost in bursts — use a wired connection or move closer to the access point.</source>
        <translation>Sie sind per WLAN verbunden, und {loss_pct} % der Pakete gingen gehäuft verloren – nutzen Sie eine Kabelverbindung oder gehen Sie näher an den Access Point.</translation>
    </message>
    <message>
        <source>You are on Wi-Fi and {loss_pct} % of packets were lost — use a wired connection or move closer to the access point.</source>
        <translation>Sie sind per WLAN verbunden, und {loss_pct} % der Pakete gingen verloren – nutzen Sie eine Kabelverbindung oder gehen Sie näher an den Access Point.</translation>
    </message>
    <message>
        <source>{loss_pct} % of voice packets were lost in bursts (target: under {target_loss_pct} %), which makes words drop out. The network is congested or faulty: ask IT to check the connection and to give voice priority (QoS).</source>
        <translation>{loss_pct} % der Sprachpakete gingen gehäuft verloren (Ziel: unter {target_loss_pct} %), dadurch fallen Wörter aus. Das Netzwerk ist überlastet oder gestört: Bitten Sie die IT, die Verbindung zu prüfen und Sprache zu priorisieren (QoS).</translation>
    </message>
    <message>
        <source>{loss_pct} % of voice packets were lost (target: under {target_loss_pct} %), which makes words drop out. The network is congested or faulty: ask IT to check the connection and to give voice priority (QoS).</source>
        <translation>{loss_pct} % der Sprachpakete gingen verloren (Ziel: unter {target_loss_pct} %), dadurch fallen Wörter aus. Das Netzwerk ist überlastet oder gestört: Bitten Sie die IT, die Verbindung zu prüfen und Sprache zu priorisieren (QoS).</translation>
    </message>
    <message>
        <source>Voice packets arrive unevenly (jitter {jitter_ms} ms) and {late_pct} % of them came too late to be played (target: under {target_jitter_ms} ms). Something else is using the connection — pause downloads, uploads and video, use a wired connection, or ask IT for voice QoS.</source>
        <translation>Sprachpakete kommen ungleichmäßig an (Jitter {jitter_ms} ms), und {late_pct} % davon kamen zu spät zum Abspielen (Ziel: unter {target_jitter_ms} ms). Etwas anderes belastet die Verbindung – pausieren Sie Downloads, Uploads und Videos, nutzen Sie eine Kabelverbindung oder bitten Sie die IT um QoS für Sprache.</translation>
    </message>
    <message>
        <source>Voice packets arrive unevenly (jitter {jitter_ms} ms; target: under {target_jitter_ms} ms). Something else is using the connection — pause downloads, uploads and video, use a wired connection, or ask IT for voice QoS.</source>
        <translation>Sprachpakete kommen ungleichmäßig an (Jitter {jitter_ms} ms; Ziel: unter {target_jitter_ms} ms). Etwas anderes belastet die Verbindung – pausieren Sie Downloads, Uploads und Videos, nutzen Sie eine Kabelverbindung oder bitten Sie die IT um QoS für Sprache.</translation>
    </message>
    <message>
        <source>{late_pct} % of the voice packets came too late to be played (target: jitter under {target_jitter_ms} ms). Something else is using the connection — pause downloads, uploads and video, use a wired connection, or ask IT for voice QoS.</source>
        <translation>{late_pct} % der Sprachpakete kamen zu spät zum Abspielen (Ziel: Jitter unter {target_jitter_ms} ms). Etwas anderes belastet die Verbindung – pausieren Sie Downloads, Uploads und Videos, nutzen Sie eine Kabelverbindung oder bitten Sie die IT um QoS für Sprache.</translation>
    </message>
    <message>
        <source>Your Wi-Fi signal is weak ({signal_dbm} dBm; voice needs {min_signal_dbm} dBm or better). Move closer to the access point or use a wired connection.</source>
        <translation>Ihr WLAN-Signal ist schwach ({signal_dbm} dBm; für Sprache sind {min_signal_dbm} dBm oder besser nötig). Gehen Sie näher an den Access Point oder nutzen Sie eine Kabelverbindung.</translation>
    </message>
    <message>
        <source>Your Wi-Fi uses the 2.4 GHz band, which is crowded and slower. If your network offers 5 GHz (often a name ending in “5G”), connect to that instead.</source>
        <translation>Ihr WLAN nutzt das 2,4-GHz-Band, das überfüllt und langsamer ist. Wenn Ihr Netzwerk 5 GHz anbietet (oft ein Name, der auf „5G“ endet), verbinden Sie sich stattdessen damit.</translation>
    </message>
    <message>
        <source>Your calls go through a VPN ({vpn_interfaces}), which adds delay and can lose packets. Ask IT whether voice can bypass the VPN (split tunnelling), or test without it.</source>
        <translation>Ihre Anrufe laufen über ein VPN ({vpn_interfaces}), das Verzögerung hinzufügt und Pakete verlieren kann. Fragen Sie die IT, ob Sprache am VPN vorbeigeleitet werden kann (Split-Tunneling), oder testen Sie ohne VPN.</translation>
    </message>
    <message>
        <source>A VPN or tunnel is active ({vpn_interfaces}). If calls are poor, test once without it.</source>
        <translation>Ein VPN oder Tunnel ist aktiv ({vpn_interfaces}). Wenn Anrufe schlecht klingen, testen Sie einmal ohne.</translation>
    </message>
    <message>
        <source>Your Bluetooth headset “{device}” is in hands-free mode at {rate_khz} kHz, which makes voices sound thin and muffled. Use a wired or USB headset, or a Bluetooth headset with its own USB dongle.</source>
        <translation>Ihr Bluetooth-Headset „{device}“ ist im Freisprechmodus mit {rate_khz} kHz, dadurch klingen Stimmen dünn und dumpf. Nutzen Sie ein kabelgebundenes oder USB-Headset oder ein Bluetooth-Headset mit eigenem USB-Dongle.</translation>
    </message>
    <message>
        <source>Your Bluetooth headset “{device}” is in hands-free mode, which makes voices sound thin and muffled. Use a wired or USB headset, or a Bluetooth headset with its own USB dongle.</source>
        <translation>Ihr Bluetooth-Headset „{device}“ ist im Freisprechmodus, dadurch klingen Stimmen dünn und dumpf. Nutzen Sie ein kabelgebundenes oder USB-Headset oder ein Bluetooth-Headset mit eigenem USB-Dongle.</translation>
    </message>
    <message>
        <source>Your Bluetooth headset “{device}” adds {delay} ms of delay in its hands-free mode: use a wired or USB headset, or the laptop&apos;s own speaker and microphone.</source>
        <translation>Ihr Bluetooth-Headset „{device}“ fügt im Freisprechmodus {delay} ms Verzögerung hinzu: Nutzen Sie ein kabelgebundenes oder USB-Headset oder Lautsprecher und Mikrofon des Laptops.</translation>
    </message>
    <message>
        <source>Your audio device “{device}” adds {delay} ms of delay: try another headset, a wired one, or the laptop&apos;s own speaker and microphone.</source>
        <translation>Ihr Audiogerät „{device}“ fügt {delay} ms Verzögerung hinzu: Versuchen Sie ein anderes Headset, ein kabelgebundenes oder Lautsprecher und Mikrofon des Laptops.</translation>
    </message>
    <message>
        <source>Your computer was very busy during the test ({cpu_load_pct} % CPU), which can make audio stutter. Close programs you do not need, or restart the computer before calls.</source>
        <translation>Ihr Computer war während des Tests stark ausgelastet ({cpu_load_pct} % CPU), dadurch kann der Ton stocken. Schließen Sie nicht benötigte Programme oder starten Sie den Computer vor Anrufen neu.</translation>
    </message>
    <message>
        <source>Your connection carried only {available_kbps} kbit/s, less than the {voice_kbps} kbit/s a call needs. Stop other downloads and uploads, or ask for a faster connection; a low-bitrate codec (see below) can help.</source>
        <translation>Ihre Verbindung übertrug nur {available_kbps} kbit/s, weniger als die {voice_kbps} kbit/s, die ein Anruf braucht. Beenden Sie andere Downloads und Uploads oder fragen Sie nach einer schnelleren Verbindung; ein Codec mit niedriger Bitrate (siehe unten) kann helfen.</translation>
    </message>
    <message>
        <source>A call needs {voice_kbps} kbit/s of the {available_kbps} kbit/s your connection carried — little room left for anything else. Avoid large downloads during calls.</source>
        <translation>Ein Anruf braucht {voice_kbps} kbit/s der {available_kbps} kbit/s, die Ihre Verbindung übertrug – wenig Spielraum für anderes. Vermeiden Sie große Downloads während Anrufen.</translation>
    </message>
    <message>
        <source>When your connection is busy ({direction}), delay grows by {rtt_increase_ms} ms (bufferbloat, grade {grade}). Turn on Smart Queue Management (SQM) or QoS in the router, or ask IT to prioritise voice.</source>
        <translation>Wenn Ihre Verbindung ausgelastet ist ({direction}), steigt die Verzögerung um {rtt_increase_ms} ms (Bufferbloat, Note {grade}). Schalten Sie im Router Smart Queue Management (SQM) oder QoS ein oder bitten Sie die IT, Sprache zu priorisieren.</translation>
    </message>
    <message>
        <source>uplink</source>
        <extracomment>The directions of a capacity measurement, as words in a sentence.</extracomment>
        <translation>Upload</translation>
    </message>
    <message>
        <source>downlink</source>
        <translation>Download</translation>
    </message>
    <message>
        <source>The network removes the priority mark on voice packets (sent DSCP {dscp_sent} “EF”, arrived as DSCP {dscp_received}), so voice waits behind other traffic when the line is busy. Ask IT to keep DSCP EF for voice or to use a voice VLAN.</source>
        <translation>Das Netzwerk entfernt die Prioritätsmarkierung der Sprachpakete (gesendet DSCP {dscp_sent} „EF“, angekommen als DSCP {dscp_received}), daher wartet Sprache hinter anderem Verkehr, wenn die Leitung ausgelastet ist. Bitten Sie die IT, DSCP EF für Sprache beizubehalten oder ein Sprach-VLAN zu nutzen.</translation>
    </message>
    <message>
        <source>The network changes the priority mark on voice packets (sent DSCP {dscp_sent} “EF”, arrived as DSCP {dscp_received}), so voice waits behind other traffic when the line is busy. Ask IT to keep DSCP EF for voice or to use a voice VLAN.</source>
        <translation>Das Netzwerk ändert die Prioritätsmarkierung der Sprachpakete (gesendet DSCP {dscp_sent} „EF“, angekommen als DSCP {dscp_received}), daher wartet Sprache hinter anderem Verkehr, wenn die Leitung ausgelastet ist. Bitten Sie die IT, DSCP EF für Sprache beizubehalten oder ein Sprach-VLAN zu nutzen.</translation>
    </message>
    <message>
        <source>Voice had to travel over TCP because UDP is blocked, so any lost packet turns into a delay. Ask IT to allow UDP for calls (the softphone&apos;s media ports, and TURN on UDP 3478).</source>
        <translation>Die Sprache musste über TCP laufen, weil UDP blockiert ist; so wird jedes verlorene Paket zu einer Verzögerung. Bitten Sie die IT, UDP für Anrufe freizugeben (die Medien-Ports des Softphones und TURN auf UDP 3478).</translation>
    </message>
    <message>
        <source>Voice went through a relay server rather than directly, usually because a firewall or NAT blocks the direct path. This adds some delay.</source>
        <translation>Die Sprache lief über einen Relay-Server statt direkt, meist weil eine Firewall oder NAT den direkten Weg blockiert. Das fügt etwas Verzögerung hinzu.</translation>
    </message>
    <message>
        <source>On this network {suggested} would score MOS-CQEW {suggested_mos} instead of {current_mos} with {current} (both on the wideband scale, to compare codecs). Ask IT to prefer it in the softphone&apos;s codec settings.</source>
        <translation>In diesem Netzwerk würde {suggested} MOS-CQEW {suggested_mos} erreichen statt {current_mos} mit {current} (beide auf der Breitbandskala, um Codecs zu vergleichen). Bitten Sie die IT, ihn in den Codec-Einstellungen des Softphones zu bevorzugen.</translation>
    </message>
    <message>
        <source>On this network {suggested} would score MOS {suggested_mos} instead of {current_mos} with {current}. Ask IT to prefer it in the softphone&apos;s codec settings.</source>
        <translation>In diesem Netzwerk würde {suggested} MOS {suggested_mos} erreichen statt {current_mos} mit {current}. Bitten Sie die IT, ihn in den Codec-Einstellungen des Softphones zu bevorzugen.</translation>
    </message>
    <message>
        <source>The network is fine for this call (predicted MOS {predicted}), but the audio that reached the speaker scored {heard}: it is damaged on this computer. Check the headset and its cable, make sure a Bluetooth headset is not in hands-free mode, and close programs that keep the CPU busy.</source>
        <translation>Das Netzwerk reicht für diesen Anruf (vorhergesagter MOS {predicted}), aber der Ton, der beim Lautsprecher ankam, erreichte nur {heard}: Er wird auf diesem Computer beschädigt. Prüfen Sie das Headset und sein Kabel, stellen Sie sicher, dass ein Bluetooth-Headset nicht im Freisprechmodus ist, und schließen Sie Programme, die die CPU auslasten.</translation>
    </message>
    <message>
        <source>The biggest cost to this call is delay on the network: sound takes {ta_ms} ms from mouth to ear, {part_ms} ms of it on the network path. Use a server or relay closer to you, and avoid VPN, satellite or mobile links for calls.</source>
        <translation>Am meisten kostet diesen Anruf die Verzögerung im Netzwerk: Der Ton braucht {ta_ms} ms vom Mund bis zum Ohr, davon {part_ms} ms auf dem Netzwerkweg. Nutzen Sie einen Server oder Relay in Ihrer Nähe und vermeiden Sie für Anrufe VPN-, Satelliten- oder Mobilfunkverbindungen.</translation>
    </message>
    <message>
        <source>The biggest cost to this call is delay in the playout buffer: sound takes {ta_ms} ms from mouth to ear, {part_ms} ms of it waiting for voice packets that arrive unevenly (jitter). Use a wired connection, pause other traffic, or ask IT for voice QoS.</source>
        <translation>Am meisten kostet diesen Anruf die Verzögerung im Wiedergabepuffer: Der Ton braucht {ta_ms} ms vom Mund bis zum Ohr, davon {part_ms} ms Warten auf ungleichmäßig ankommende Sprachpakete (Jitter). Nutzen Sie eine Kabelverbindung, pausieren Sie anderen Verkehr oder bitten Sie die IT um QoS für Sprache.</translation>
    </message>
    <message>
        <source>The biggest cost to this call is delay from the audio device: sound takes {ta_ms} ms from mouth to ear, {part_ms} ms of it in the microphone and speaker path. Use a wired USB headset, or another audio device or driver.</source>
        <translation>Am meisten kostet diesen Anruf die Verzögerung durch das Audiogerät: Der Ton braucht {ta_ms} ms vom Mund bis zum Ohr, davon {part_ms} ms im Weg über Mikrofon und Lautsprecher. Nutzen Sie ein kabelgebundenes USB-Headset oder ein anderes Audiogerät bzw. einen anderen Treiber.</translation>
    </message>
    <message>
        <source>The biggest cost to this call is packet loss: {loss_pct} % of the voice packets were lost or came too late to be played, which makes words drop out. Use a wired connection instead of Wi-Fi, or ask IT to check the network path.</source>
        <translation>Am meisten kostet diesen Anruf der Paketverlust: {loss_pct} % der Sprachpakete gingen verloren oder kamen zu spät zum Abspielen, dadurch fallen Wörter aus. Nutzen Sie eine Kabelverbindung statt WLAN oder bitten Sie die IT, den Netzwerkweg zu prüfen.</translation>
    </message>
    <message>
        <source>The biggest cost to this call is the codec: {codec} alone limits it to {label} {ceiling_mos}. Ask IT to prefer {alternative} in the softphone&apos;s settings: on this network it would give MOS-CQEW {alternative_mos}.</source>
        <translation>Am meisten kostet diesen Anruf der Codec: {codec} allein begrenzt ihn auf {label} {ceiling_mos}. Bitten Sie die IT, in den Einstellungen des Softphones {alternative} zu bevorzugen: In diesem Netzwerk ergäbe das MOS-CQEW {alternative_mos}.</translation>
    </message>
    <message>
        <source>The biggest cost to this call is the codec: {codec} alone limits it to {label} {ceiling_mos}. Ask IT to prefer a wideband codec such as Opus in the softphone&apos;s settings.</source>
        <translation>Am meisten kostet diesen Anruf der Codec: {codec} allein begrenzt ihn auf {label} {ceiling_mos}. Bitten Sie die IT, in den Einstellungen des Softphones einen Breitband-Codec wie Opus zu bevorzugen.</translation>
    </message>
    <message>
        <source>Your connection meets the targets for voice (MOS {mos}). If calls still sound bad, the problem is likely at the other end or in the softphone&apos;s settings.</source>
        <extracomment>Below this MOS a call is &quot;Bad&quot; (DESIGN.md grades): its first action is critical.</extracomment>
        <translation>Ihre Verbindung erfüllt die Ziele für Sprache (MOS {mos}). Wenn Anrufe trotzdem schlecht klingen, liegt das Problem wahrscheinlich bei der Gegenseite oder in den Einstellungen des Softphones.</translation>
    </message>
</context>
<context>
    <name>connectivity</name>
    <message>
        <source>the server&apos;s name could not be resolved (DNS)</source>
        <extracomment>Each pre-call check gives up after this long (the whole diagnosis must fit in 10 s). A token that no session has: its ``GET`` answers 401 (bad token) or 404 (token passed). The translation context of the findings. The plain words of :func:`callcheck.engine.signaling.classify_http_error` that have no detail in them, marked for translation; other words stay as they are (English).</extracomment>
        <translation>der Name des Servers konnte nicht aufgelöst werden (DNS)</translation>
    </message>
    <message>
        <source>the secure (TLS) connection failed: the certificate is not trusted</source>
        <translation>die sichere (TLS-)Verbindung schlug fehl: dem Zertifikat wird nicht vertraut</translation>
    </message>
    <message>
        <source>the secure (TLS) connection failed</source>
        <translation>die sichere (TLS-)Verbindung schlug fehl</translation>
    </message>
    <message>
        <source>the server did not answer in time (a firewall may drop the traffic)</source>
        <translation>der Server hat nicht rechtzeitig geantwortet (eine Firewall verwirft den Verkehr vielleicht)</translation>
    </message>
    <message>
        <source>the connection was refused: nothing listens on that port</source>
        <translation>die Verbindung wurde abgelehnt: An diesem Port lauscht nichts</translation>
    </message>
    <message>
        <source>the server closed the connection without answering</source>
        <translation>der Server hat die Verbindung ohne Antwort geschlossen</translation>
    </message>
    <message>
        <source>Cannot reach the server at {url}: {reason}.</source>
        <translation>Der Server unter {url} ist nicht erreichbar: {reason}.</translation>
    </message>
    <message>
        <source>The server answers over {scheme}.</source>
        <translation>Der Server antwortet über {scheme}.</translation>
    </message>
    <message>
        <source>The server answers over {scheme} (HTTP {status} on /healthz: not a CallCheck server?).</source>
        <translation>Der Server antwortet über {scheme} (HTTP {status} auf /healthz: kein CallCheck-Server?).</translation>
    </message>
    <message>
        <source>The token could not be checked: {reason}.</source>
        <translation>Das Token konnte nicht geprüft werden: {reason}.</translation>
    </message>
    <message>
        <source>The server needs an access token: pass --token.</source>
        <translation>Der Server verlangt ein Zugangstoken: Geben Sie --token an.</translation>
    </message>
    <message>
        <source>The server refused the access token: check --token.</source>
        <translation>Der Server hat das Zugangstoken abgelehnt: Prüfen Sie --token.</translation>
    </message>
    <message>
        <source>The server needs no token.</source>
        <translation>Der Server verlangt kein Token.</translation>
    </message>
    <message>
        <source>The server accepted the token.</source>
        <translation>Der Server hat das Token akzeptiert.</translation>
    </message>
    <message>
        <source>The room could not be checked: {reason}.</source>
        <translation>Der Raum konnte nicht geprüft werden: {reason}.</translation>
    </message>
    <message>
        <source>No room {code}: check the code (rooms expire).</source>
        <translation>Kein Raum {code}: Prüfen Sie den Code (Räume laufen ab).</translation>
    </message>
    <message>
        <source>The room check failed (HTTP {status}).</source>
        <translation>Die Raumprüfung schlug fehl (HTTP {status}).</translation>
    </message>
    <message>
        <source>Room {code} already has two people in it.</source>
        <translation>Im Raum {code} sind bereits zwei Personen.</translation>
    </message>
    <message>
        <source>Room {code} is open.</source>
        <translation>Raum {code} ist offen.</translation>
    </message>
    <message>
        <source>Bad TURN URL {url}.</source>
        <translation>Ungültige TURN-URL {url}.</translation>
    </message>
    <message>
        <source>The TURN server {host}:{port} did not answer over {transport} within {timeout_s} s: a firewall may block {transport} to port {port}.</source>
        <translation>Der TURN-Server {host}:{port} hat über {transport} nicht innerhalb von {timeout_s} s geantwortet: Eine Firewall blockiert vielleicht {transport} zu Port {port}.</translation>
    </message>
    <message>
        <source>the user name or password was refused</source>
        <translation>Benutzername oder Passwort wurde abgelehnt</translation>
    </message>
    <message>
        <source>The TURN server {host}:{port} over {transport} failed: {reason}.</source>
        <translation>Der TURN-Server {host}:{port} über {transport} schlug fehl: {reason}.</translation>
    </message>
    <message>
        <source>A relay was allocated on {host}:{port} over {transport}.</source>
        <translation>Ein Relay wurde auf {host}:{port} über {transport} zugewiesen.</translation>
    </message>
    <message>
        <source>UDP media gets through (ICE connectivity checks answered).</source>
        <translation>UDP-Medien kommen durch (ICE-Verbindungsprüfungen beantwortet).</translation>
    </message>
    <message>
        <source>The far end offered no network address for the media (no ICE candidates).</source>
        <translation>Die Gegenseite hat keine Netzwerkadresse für die Medien angeboten (keine ICE-Kandidaten).</translation>
    </message>
    <message>
        <source>The server answered over HTTP(S), but no UDP packets came back: a firewall probably blocks UDP. Allow UDP to the server, or use a TURN server over TCP/TLS (--ice-server turn:USER:PASS@HOST:443?transport=tcp --force-relay).</source>
        <translation>Der Server hat über HTTP(S) geantwortet, aber es kamen keine UDP-Pakete zurück: Vermutlich blockiert eine Firewall UDP. Erlauben Sie UDP zum Server oder nutzen Sie einen TURN-Server über TCP/TLS (--ice-server turn:USER:PASS@HOST:443?transport=tcp --force-relay).</translation>
    </message>
</context>
<context>
    <name>grades</name>
    <message>
        <source>Excellent</source>
        <translation>Ausgezeichnet</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Gut</translation>
    </message>
    <message>
        <source>Fair</source>
        <translation>Ordentlich</translation>
    </message>
    <message>
        <source>Poor</source>
        <translation>Dürftig</translation>
    </message>
    <message>
        <source>Bad</source>
        <translation>Schlecht</translation>
    </message>
    <message>
        <source>Crystal-clear audio, no issues.</source>
        <extracomment>Best first. A MOS exactly on a boundary belongs to the better band (4.0 is Good, 4.3 Excellent).</extracomment>
        <translation>Glasklarer Ton, keine Probleme.</translation>
    </message>
    <message>
        <source>Clear voice, very minor flaws.</source>
        <translation>Klare Stimme, kaum merkliche Mängel.</translation>
    </message>
    <message>
        <source>Slight distortion, still understandable.</source>
        <translation>Leichte Verzerrung, noch gut verständlich.</translation>
    </message>
    <message>
        <source>Noticeable issues affect conversation.</source>
        <translation>Spürbare Störungen beeinträchtigen das Gespräch.</translation>
    </message>
    <message>
        <source>Hard to hear, disruptive.</source>
        <translation>Schwer zu verstehen, störend.</translation>
    </message>
</context>
<context>
    <name>heard</name>
    <message>
        <source>What the listener heard</source>
        <extracomment>The translation context of the heard score&apos;s sentences (CLI, text summary, HTML, Results).</extracomment>
        <translation>Was der Zuhörer hörte</translation>
    </message>
    <message>
        <source>downlink (far end to you)</source>
        <extracomment>Each direction in words; the report&apos;s value (``downlink`` …) stays the key.</extracomment>
        <translation>Download (Gegenseite zu Ihnen)</translation>
    </message>
    <message>
        <source>uplink (you to far end)</source>
        <translation>Upload (Sie zur Gegenseite)</translation>
    </message>
    <message>
        <source>round trip (your voice, back from the server)</source>
        <translation>hin und zurück (Ihre Stimme, vom Server zurück)</translation>
    </message>
    <message>
        <source>What the listener heard: {mos} {scale} ({detail})</source>
        <translation>Was der Zuhörer hörte: {mos} {scale} ({detail})</translation>
    </message>
    <message>
        <source>What the listener heard: not available ({why})</source>
        <translation>Was der Zuhörer hörte: nicht verfügbar ({why})</translation>
    </message>
    <message>
        <source>What the listener heard: not available</source>
        <translation>Was der Zuhörer hörte: nicht verfügbar</translation>
    </message>
    <message>
        <source>{direction}: {mos} {scale} — {model}, {method}, {seconds} s scored</source>
        <translation>{direction}: {mos} {scale} — {model}, {method}, {seconds} s bewertet</translation>
    </message>
    <message>
        <source>{direction}: not available — {why}</source>
        <translation>{direction}: nicht verfügbar — {why}</translation>
    </message>
</context>
<context>
    <name>lists</name>
    <message>
        <source>{first}; {second}</source>
        <extracomment>``translate(context, template) -&gt; text``: Qt&apos;s ``QCoreApplication.translate`` or :func:`english`. The context of the generic joining templates (lists of parts).</extracomment>
        <translation>{first}; {second}</translation>
    </message>
</context>
<context>
    <name>report</name>
    <message>
        <source>yes</source>
        <extracomment>Grade band colours (best first), shared by the gauge and the MOS timeline.</extracomment>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>MOS gauge</source>
        <translation>MOS-Anzeige</translation>
    </message>
    <message>
        <source>no score</source>
        <translation>keine Bewertung</translation>
    </message>
    <message>
        <source>{title}: no samples.</source>
        <translation>{title}: keine Messwerte.</translation>
    </message>
    <message>
        <source>last 1 s</source>
        <translation>letzte 1 s</translation>
    </message>
    <message>
        <source>MOS over the test</source>
        <translation>MOS im Verlauf des Tests</translation>
    </message>
    <message>
        <source>Round-trip time</source>
        <translation>Umlaufzeit</translation>
    </message>
    <message>
        <source>Jitter and playout buffer</source>
        <translation>Jitter und Wiedergabepuffer</translation>
    </message>
    <message>
        <source>jitter</source>
        <translation>Jitter</translation>
    </message>
    <message>
        <source>buffer</source>
        <translation>Puffer</translation>
    </message>
    <message>
        <source>Packet loss per interval</source>
        <translation>Paketverlust pro Intervall</translation>
    </message>
    <message>
        <source>one-way network delay</source>
        <extracomment>The E-model inputs (report ``quality.inputs``) in words; the G.107 symbol stays in brackets for whoever checks the arithmetic.</extracomment>
        <translation>Netzwerkverzögerung in eine Richtung</translation>
    </message>
    <message>
        <source>wait in the playout buffer</source>
        <translation>Wartezeit im Wiedergabepuffer</translation>
    </message>
    <message>
        <source>codec delay (packet and look-ahead)</source>
        <translation>Codec-Verzögerung (Paket und Vorausschau)</translation>
    </message>
    <message>
        <source>audio device delay</source>
        <translation>Verzögerung des Audiogeräts</translation>
    </message>
    <message>
        <source>packets lost on the network</source>
        <translation>im Netzwerk verlorene Pakete</translation>
    </message>
    <message>
        <source>packets too late to play</source>
        <translation>zu spät zum Abspielen eingetroffene Pakete</translation>
    </message>
    <message>
        <source>how bunched the losses are</source>
        <translation>wie gehäuft die Verluste auftreten</translation>
    </message>
    <message>
        <source>mouth-to-ear delay (Ta)</source>
        <translation>Verzögerung vom Mund bis zum Ohr (Ta)</translation>
    </message>
    <message>
        <source>talker echo path delay (T)</source>
        <translation>Verzögerung des Sprecherechos (T)</translation>
    </message>
    <message>
        <source>listener echo loop delay (Tr)</source>
        <translation>Verzögerung der Hörer-Echoschleife (Tr)</translation>
    </message>
    <message>
        <source>packets lost or too late (Ppl)</source>
        <translation>verlorene oder verspätete Pakete (Ppl)</translation>
    </message>
    <message>
        <source>how bunched the losses are (BurstR)</source>
        <translation>wie gehäuft die Verluste auftreten (BurstR)</translation>
    </message>
    <message>
        <source>what the codec itself costs (Ie)</source>
        <translation>was der Codec selbst kostet (Ie)</translation>
    </message>
    <message>
        <source>how well the codec hides loss (Bpl)</source>
        <translation>wie gut der Codec Verluste verdeckt (Bpl)</translation>
    </message>
    <message>
        <source>round trip</source>
        <translation>Umlaufzeit</translation>
    </message>
    <message>
        <source>target round trip</source>
        <translation>Ziel-Umlaufzeit</translation>
    </message>
    <message>
        <source>one-way delay</source>
        <translation>Verzögerung in eine Richtung</translation>
    </message>
    <message>
        <source>mouth to ear</source>
        <translation>Mund bis Ohr</translation>
    </message>
    <message>
        <source>computer busy</source>
        <translation>Computerauslastung</translation>
    </message>
    <message>
        <source>audio lost or late</source>
        <translation>Ton verloren oder verspätet</translation>
    </message>
    <message>
        <source>none</source>
        <extracomment>A source that points into the code reads, in a report, as where a person finds it. Field-name suffixes and the unit they stand for.</extracomment>
        <translation>keine</translation>
    </message>
    <message>
        <source>documented with CallCheck&apos;s codec table</source>
        <translation>dokumentiert in der Codec-Tabelle von CallCheck</translation>
    </message>
    <message>
        <source>measured</source>
        <extracomment>How an E-model input is known (``quality.inputs[].provenance``), in words.</extracomment>
        <translation>gemessen</translation>
    </message>
    <message>
        <source>estimated</source>
        <translation>geschätzt</translation>
    </message>
    <message>
        <source>assumed</source>
        <translation>angenommen</translation>
    </message>
    <message>
        <source>(clamped from {value})</source>
        <translation>(begrenzt von {value})</translation>
    </message>
    <message>
        <source>what</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>how known</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <source>from</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>target under {limit}</source>
        <translation>Ziel: unter {limit}</translation>
    </message>
    <message>
        <source>Round trip</source>
        <translation>Umlaufzeit</translation>
    </message>
    <message>
        <source>Jitter</source>
        <translation>Jitter</translation>
    </message>
    <message>
        <source>Packet loss</source>
        <translation>Paketverlust</translation>
    </message>
    <message>
        <source>Predicted from the network (E-model): {label} {mos}. The heard score measures the audio as it reached the speaker, against what was sent; well below the prediction means the audio was damaged on the computer, not on the network.</source>
        <translation>Vorhergesagt aus dem Netzwerk (E-Modell): {label} {mos}. Die Hörbewertung misst den Ton, wie er beim Lautsprecher ankam, verglichen mit dem gesendeten; liegt sie deutlich unter der Vorhersage, wurde der Ton auf dem Computer beschädigt, nicht im Netzwerk.</translation>
    </message>
    <message>
        <source>Measured: {evidence}</source>
        <translation>Gemessen: {evidence}</translation>
    </message>
    <message>
        <source>No actions.</source>
        <translation>Keine Maßnahmen.</translation>
    </message>
    <message>
        <source>does not fit</source>
        <translation>passt nicht</translation>
    </message>
    <message>
        <source>No codec predictions (no delay was measured).</source>
        <translation>Keine Codec-Vorhersagen (es wurde keine Verzögerung gemessen).</translation>
    </message>
    <message>
        <source>predicted {label}</source>
        <translation>vorhergesagter {label}</translation>
    </message>
    <message>
        <source>codec</source>
        <translation>Codec</translation>
    </message>
    <message>
        <source>bandwidth</source>
        <translation>Bandbreite</translation>
    </message>
    <message>
        <source>fits the connection</source>
        <translation>passt zur Verbindung</translation>
    </message>
    <message>
        <source>why</source>
        <translation>Warum</translation>
    </message>
    <message>
        <source>measured by</source>
        <translation>gemessen von</translation>
    </message>
    <message>
        <source>round trip, mean / p95</source>
        <translation>Umlaufzeit, Mittel / p95</translation>
    </message>
    <message>
        <source>one-way delay, mean / p95</source>
        <translation>Verzögerung in eine Richtung, Mittel / p95</translation>
    </message>
    <message>
        <source>jitter, mean / p95</source>
        <translation>Jitter, Mittel / p95</translation>
    </message>
    <message>
        <source>loss, total / p95 interval</source>
        <translation>Verlust, gesamt / p95 je Intervall</translation>
    </message>
    <message>
        <source>packets sent</source>
        <translation>gesendete Pakete</translation>
    </message>
    <message>
        <source>packets received</source>
        <translation>empfangene Pakete</translation>
    </message>
    <message>
        <source>packets lost</source>
        <translation>verlorene Pakete</translation>
    </message>
    <message>
        <source>reordered</source>
        <translation>umsortiert</translation>
    </message>
    <message>
        <source>burst ratio</source>
        <translation>Burst-Verhältnis</translation>
    </message>
    <message>
        <source>No call was made, so there are no network figures.</source>
        <translation>Es wurde kein Anruf aufgebaut, daher gibt es keine Netzwerkwerte.</translation>
    </message>
    <message>
        <source>uplink (you → far end)</source>
        <translation>Upload (Sie → Gegenseite)</translation>
    </message>
    <message>
        <source>downlink (far end → you)</source>
        <translation>Download (Gegenseite → Sie)</translation>
    </message>
    <message>
        <source>audio input</source>
        <extracomment>An audio device&apos;s direction (``environment.host.audio_devices[].direction``), in words.</extracomment>
        <translation>Audioeingang</translation>
    </message>
    <message>
        <source>audio output</source>
        <translation>Audioausgang</translation>
    </message>
    <message>
        <source>capacity uplink</source>
        <translation>Kapazität Upload</translation>
    </message>
    <message>
        <source>capacity downlink</source>
        <translation>Kapazität Download</translation>
    </message>
    <message>
        <source>operating system</source>
        <translation>Betriebssystem</translation>
    </message>
    <message>
        <source>network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source> — Bluetooth hands-free</source>
        <translation> — Bluetooth-Freisprechmodus</translation>
    </message>
    <message>
        <source>note</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>voice priority (DSCP)</source>
        <translation>Sprachpriorität (DSCP)</translation>
    </message>
    <message>
        <source>sent {sent}, arrived {arrived} ({verdict})</source>
        <translation>gesendet {sent}, angekommen {arrived} ({verdict})</translation>
    </message>
    <message>
        <source>{kbps} kbit/s; delay under load +{delay_ms} ms (bufferbloat grade {grade})</source>
        <translation>{kbps} kbit/s; Verzögerung unter Last +{delay_ms} ms (Bufferbloat-Note {grade})</translation>
    </message>
    <message>
        <source>connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>relay (TURN) used</source>
        <translation>Relay (TURN) verwendet</translation>
    </message>
    <message>
        <source>connect time</source>
        <translation>Verbindungsaufbau</translation>
    </message>
    <message>
        <source>playout buffer, mean</source>
        <translation>Wiedergabepuffer, Mittel</translation>
    </message>
    <message>
        <source>late discards</source>
        <translation>verspätet verworfen</translation>
    </message>
    <message>
        <source>concealed frames</source>
        <translation>verdeckte Frames</translation>
    </message>
    <message>
        <source>emulated network (what-if)</source>
        <translation>emuliertes Netzwerk (Was-wäre-wenn)</translation>
    </message>
    <message>
        <source>audio devices used</source>
        <translation>Audiogeräte verwendet</translation>
    </message>
    <message>
        <source>microphone</source>
        <translation>Mikrofon</translation>
    </message>
    <message>
        <source>speaker</source>
        <translation>Lautsprecher</translation>
    </message>
    <message>
        <source>mouth to ear, network and buffer</source>
        <translation>Mund bis Ohr, Netzwerk und Puffer</translation>
    </message>
    <message>
        <source>mouth to ear, with the audio devices</source>
        <translation>Mund bis Ohr, mit den Audiogeräten</translation>
    </message>
    <message>
        <source>speaker to microphone, measured</source>
        <translation>Lautsprecher zu Mikrofon, gemessen</translation>
    </message>
    <message>
        <source>test tones heard</source>
        <translation>gehörte Testtöne</translation>
    </message>
    <message>
        <source>{detected} of {expected}</source>
        <translation>{detected} von {expected}</translation>
    </message>
    <message>
        <source>audio dropouts</source>
        <translation>Audio-Aussetzer</translation>
    </message>
    <message>
        <source>audio problem</source>
        <translation>Audioproblem</translation>
    </message>
    <message>
        <source>CallCheck report {id}</source>
        <extracomment>The scheme of image references in a page rendered without inline SVG.</extracomment>
        <translation>CallCheck-Bericht {id}</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <source>below pass mark</source>
        <translation>unter der Mindestanforderung</translation>
    </message>
    <message>
        <source>No score</source>
        <translation>Keine Bewertung</translation>
    </message>
    <message>
        <source>{mode} · {date} · codec {codec} · {duration} · test {id} · CallCheck {version}</source>
        <translation>{mode} · {date} · Codec {codec} · {duration} · Test {id} · CallCheck {version}</translation>
    </message>
    <message>
        <source>{label} {mos} ({scale} scale, ITU-T P.800.1)</source>
        <translation>{label} {mos} ({scale}-Skala, ITU-T P.800.1)</translation>
    </message>
    <message>
        <source>CallCheck call-quality report</source>
        <translation>CallCheck-Bericht zur Anrufqualität</translation>
    </message>
    <message>
        <source>The three numbers that matter</source>
        <translation>Die drei wichtigsten Werte</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Was Sie tun können</translation>
    </message>
    <message>
        <source>During the test</source>
        <translation>Während des Tests</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Why this score</source>
        <translation>Warum diese Bewertung</translation>
    </message>
    <message>
        <source>No audio was measured, so there is no score.</source>
        <translation>Es wurde kein Ton gemessen, daher gibt es keine Bewertung.</translation>
    </message>
    <message>
        <source>Codecs on this network</source>
        <translation>Codecs in diesem Netzwerk</translation>
    </message>
    <message>
        <source>The network, each way</source>
        <translation>Das Netzwerk in jede Richtung</translation>
    </message>
    <message>
        <source>This computer and the connection</source>
        <translation>Dieser Computer und die Verbindung</translation>
    </message>
    <message>
        <source>Problems during the test</source>
        <translation>Probleme während des Tests</translation>
    </message>
    <message>
        <source>Scores follow ITU-T G.107 / G.107.1 (E-model). Report schema {schema}.</source>
        <translation>Bewertungen nach ITU-T G.107 / G.107.1 (E-Modell). Berichtsschema {schema}.</translation>
    </message>
</context>
<context>
    <name>summary</name>
    <message>
        <source>not measured</source>
        <extracomment>Width a ticket system or an e-mail shows without wrapping. How many actions the summary lists. The translation context of the summary&apos;s lines.</extracomment>
        <translation>nicht gemessen</translation>
    </message>
    <message>
        <source>Wi-Fi</source>
        <extracomment>``environment.host.interface_kind`` → what the summary calls it.</extracomment>
        <translation>WLAN</translation>
    </message>
    <message>
        <source>wired (Ethernet)</source>
        <translation>kabelgebunden (Ethernet)</translation>
    </message>
    <message>
        <source>mobile data</source>
        <translation>mobile Daten</translation>
    </message>
    <message>
        <source>VPN tunnel</source>
        <translation>VPN-Tunnel</translation>
    </message>
    <message>
        <source>other</source>
        <translation>andere</translation>
    </message>
    <message>
        <source>info</source>
        <extracomment>An action&apos;s severity as the summary shows it (&quot;1. [warning] …&quot;).</extracomment>
        <translation>Info</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>kritisch</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keins</translation>
    </message>
    <message>
        <source>{kind} ({details}); VPN: {vpn}; CPU {cpu_pct} %</source>
        <translation>{kind} ({details}); VPN: {vpn}; CPU {cpu_pct} %</translation>
    </message>
    <message>
        <source>{kind} ({details}); VPN: {vpn}</source>
        <translation>{kind} ({details}); VPN: {vpn}</translation>
    </message>
    <message>
        <source>{kind}; VPN: {vpn}; CPU {cpu_pct} %</source>
        <translation>{kind}; VPN: {vpn}; CPU {cpu_pct} %</translation>
    </message>
    <message>
        <source>{kind}; VPN: {vpn}</source>
        <translation>{kind}; VPN: {vpn}</translation>
    </message>
    <message>
        <source>Quick local check</source>
        <extracomment>The one name of each test mode, in every report face and on the screens (the GUI&apos;s ``texts.MODE_SHORT`` holds the same English; a test keeps them equal).</extracomment>
        <translation>Schneller lokaler Test</translation>
    </message>
    <message>
        <source>Network test</source>
        <translation>Netzwerktest</translation>
    </message>
    <message>
        <source>Call a colleague</source>
        <translation>Kollegen anrufen</translation>
    </message>
    <message>
        <source>User</source>
        <extracomment>The labels of the &quot;for the helpdesk&quot; block, in its order.</extracomment>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>Computer</translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation>Betriebssystem</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>Mikrofon</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Lautsprecher</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>Test server</source>
        <translation>Testserver</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>App version</source>
        <translation>App-Version</translation>
    </message>
    <message>
        <source>For the helpdesk</source>
        <translation>Für den Helpdesk</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>nicht erfasst</translation>
    </message>
    <message>
        <source>{mode}, codec {codec}, {duration}, {date}, id {id}</source>
        <translation>{mode}, Codec {codec}, {duration}, {date}, ID {id}</translation>
    </message>
    <message>
        <source>none (tested on this computer)</source>
        <translation>keiner (auf diesem Computer getestet)</translation>
    </message>
    <message>
        <source>Main reason: {cause}.</source>
        <translation>Hauptursache: {cause}.</translation>
    </message>
    <message>
        <source>Main reason: {reason}</source>
        <translation>Hauptursache: {reason}</translation>
    </message>
    <message>
        <source>Main reason: the test ended before it was complete.</source>
        <translation>Hauptursache: Der Test endete, bevor er vollständig war.</translation>
    </message>
    <message>
        <source>delay on the network</source>
        <extracomment>The causes of :class:`callcheck.core.rating.Cause` in plain words.</extracomment>
        <translation>Verzögerung im Netzwerk</translation>
    </message>
    <message>
        <source>delay in the playout buffer (jitter)</source>
        <translation>Verzögerung im Wiedergabepuffer (Jitter)</translation>
    </message>
    <message>
        <source>delay from the audio device</source>
        <translation>Verzögerung durch das Audiogerät</translation>
    </message>
    <message>
        <source>packet loss</source>
        <translation>Paketverlust</translation>
    </message>
    <message>
        <source>the codec itself</source>
        <translation>der Codec selbst</translation>
    </message>
    <message>
        <source>Why this score: the codec alone allows {label} {ceiling}; the network and the devices cost {cost} R below that.</source>
        <translation>Warum diese Bewertung: Der Codec allein erlaubt {label} {ceiling}; Netzwerk und Geräte ziehen davon {cost} R ab.</translation>
    </message>
    <message>
        <source>The largest cost is {cause}.</source>
        <translation>Am meisten kostet: {cause}.</translation>
    </message>
    <message>
        <source>A wideband codec ({name}) would give MOS-CQEW {mos} here.</source>
        <translation>Ein Breitband-Codec ({name}) würde hier MOS-CQEW {mos} erreichen.</translation>
    </message>
    <message>
        <source>CallCheck call-quality test {id}</source>
        <translation>CallCheck-Test der Anrufqualität {id}</translation>
    </message>
    <message>
        <source>Details:</source>
        <translation>Details:</translation>
    </message>
    <message>
        <source>no score</source>
        <translation>keine Bewertung</translation>
    </message>
    <message>
        <source>PASS</source>
        <translation>BESTANDEN</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>NICHT BESTANDEN</translation>
    </message>
    <message>
        <source>Result: {grade}, {label} {mos} of 5 ({result}; {pass_mos} needed)</source>
        <translation>Ergebnis: {grade}, {label} {mos} von 5 ({result}; {pass_mos} nötig)</translation>
    </message>
    <message>
        <source>Result: {grade}, MOS {mos} of 5 ({result}; {pass_mos} needed)</source>
        <translation>Ergebnis: {grade}, MOS {mos} von 5 ({result}; {pass_mos} nötig)</translation>
    </message>
    <message>
        <source>Result: {grade} ({result})</source>
        <translation>Ergebnis: {grade} ({result})</translation>
    </message>
    <message>
        <source>Round trip {rtt} | jitter {jitter} | packet loss {loss}</source>
        <translation>Umlaufzeit {rtt} | Jitter {jitter} | Paketverlust {loss}</translation>
    </message>
    <message>
        <source>What to do:</source>
        <translation>Was Sie tun können:</translation>
    </message>
    <message>
        <source>{number}. [{severity}]</source>
        <translation>{number}. [{severity}]</translation>
    </message>
    <message>
        <source>Best codec: {name}, predicted {label} {mos}, {kbps} kbit/s per direction</source>
        <translation>Bester Codec: {name}, vorhergesagt {label} {mos}, {kbps} kbit/s pro Richtung</translation>
    </message>
    <message>
        <source>Best codec: {name}, predicted MOS {mos}, {kbps} kbit/s per direction</source>
        <translation>Bester Codec: {name}, vorhergesagt MOS {mos}, {kbps} kbit/s pro Richtung</translation>
    </message>
    <message>
        <source>Note: {message}</source>
        <translation>Hinweis: {message}</translation>
    </message>
</context>
<context>
    <name>texts</name>
    <message>
        <source>Excellent</source>
        <extracomment>The grade words shown to users (the keys are the core&apos;s grades, the values what we print).</extracomment>
        <translation>Ausgezeichnet</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Gut</translation>
    </message>
    <message>
        <source>Fair</source>
        <translation>Ordentlich</translation>
    </message>
    <message>
        <source>Poor</source>
        <translation>Dürftig</translation>
    </message>
    <message>
        <source>Bad</source>
        <translation>Schlecht</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>MOS gauge</source>
        <translation>MOS-Anzeige</translation>
    </message>
    <message>
        <source>MOS</source>
        <translation>MOS</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <source>No MOS measured yet</source>
        <translation>Noch kein MOS gemessen</translation>
    </message>
    <message>
        <source>MOS {mos}, {grade}</source>
        <extracomment>{mos}: the MOS with one decimal (&quot;4.2&quot;); {grade}: the grade word (&quot;Good&quot;).</extracomment>
        <translation>MOS {mos}, {grade}</translation>
    </message>
    <message>
        <source>CallCheck</source>
        <translation>CallCheck</translation>
    </message>
    <message>
        <source>CallCheck {version} (build {build}) – call quality test</source>
        <extracomment>{version}: &quot;1.2.0&quot;; {build}: a build id (&quot;a1b2c3d&quot;).</extracomment>
        <translation>CallCheck {version} (Build {build}) – Test der Anrufqualität</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>How good will your calls sound?</source>
        <translation>Wie gut werden Ihre Anrufe klingen?</translation>
    </message>
    <message>
        <source>CallCheck places a short test call, measures delay, jitter and lost audio, and tells you the quality a listener would hear.</source>
        <translation>CallCheck führt einen kurzen Testanruf durch, misst Verzögerung, Jitter und verlorenen Ton und zeigt Ihnen die Qualität, die ein Zuhörer hören würde.</translation>
    </message>
    <message>
        <source>Test my call quality</source>
        <translation>Meine Anrufqualität testen</translation>
    </message>
    <message>
        <source>Starts a test call of about {seconds:.0f} seconds.</source>
        <translation>Startet einen Testanruf von etwa {seconds:.0f} Sekunden.</translation>
    </message>
    <message>
        <source>What to test</source>
        <translation>Was testen?</translation>
    </message>
    <message>
        <source>Quick local check (this computer)</source>
        <translation>Schneller lokaler Test (dieser Computer)</translation>
    </message>
    <message>
        <source>Network test (the company&apos;s test server)</source>
        <translation>Netzwerktest (Testserver des Unternehmens)</translation>
    </message>
    <message>
        <source>Call a colleague (room code)</source>
        <translation>Kollegen anrufen (Raumcode)</translation>
    </message>
    <message>
        <source>{mode} – not available in this version yet.</source>
        <extracomment>{mode}: one of the three &quot;What to test&quot; choices above.</extracomment>
        <translation>{mode} – in dieser Version noch nicht verfügbar.</translation>
    </message>
    <message>
        <source>Testing your call…</source>
        <translation>Ihr Anruf wird getestet …</translation>
    </message>
    <message>
        <source>Connecting the test call…</source>
        <translation>Testanruf wird verbunden …</translation>
    </message>
    <message>
        <source>Measuring. Keep this window open.</source>
        <translation>Messung läuft. Lassen Sie dieses Fenster offen.</translation>
    </message>
    <message>
        <source>{seconds:.0f} s left</source>
        <translation>noch {seconds:.0f} s</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Round trip (ms)</source>
        <translation>Umlaufzeit (ms)</translation>
    </message>
    <message>
        <source>Jitter (ms)</source>
        <translation>Jitter (ms)</translation>
    </message>
    <message>
        <source>Lost packets (%)</source>
        <translation>Verlorene Pakete (%)</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <source>Your result</source>
        <translation>Ihr Ergebnis</translation>
    </message>
    <message>
        <source>Good enough for business calls.</source>
        <translation>Gut genug für geschäftliche Anrufe.</translation>
    </message>
    <message>
        <source>Below the quality needed for business calls.</source>
        <translation>Unter der Qualität, die geschäftliche Anrufe brauchen.</translation>
    </message>
    <message>
        <source>The test ended early; the result covers only part of it.</source>
        <translation>Der Test endete vorzeitig; das Ergebnis deckt nur einen Teil ab.</translation>
    </message>
    <message>
        <source>Round trip</source>
        <translation>Umlaufzeit</translation>
    </message>
    <message>
        <source>Jitter</source>
        <translation>Jitter</translation>
    </message>
    <message>
        <source>Why this score</source>
        <translation>Warum diese Bewertung</translation>
    </message>
    <message>
        <source>Codecs for this network</source>
        <translation>Codecs für dieses Netzwerk</translation>
    </message>
    <message>
        <source>Copy summary for the helpdesk</source>
        <translation>Zusammenfassung für den Helpdesk kopieren</translation>
    </message>
    <message>
        <source>Summary copied.</source>
        <translation>Zusammenfassung kopiert.</translation>
    </message>
    <message>
        <source>Save report…</source>
        <translation>Bericht speichern …</translation>
    </message>
    <message>
        <source>Save the test report</source>
        <translation>Testbericht speichern</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>Webseite (*.html)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <extracomment>The formats a report is saved in, the first the default (a PDF anyone can open).</extracomment>
        <translation>PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <source>{description}; the last second only MOS {mos}</source>
        <extracomment>{description}: GAUGE_DESCRIPTION (&quot;MOS 4.2, Good&quot;); {mos}: the last second&apos;s MOS (&quot;3.1&quot;).</extracomment>
        <translation>{description}; in der letzten Sekunde nur MOS {mos}</translation>
    </message>
    <message>
        <source>last 1 s</source>
        <extracomment>Beside the gauge&apos;s faint mark: the rating of the last second of the call (keep it short).</extracomment>
        <translation>letzte 1 s</translation>
    </message>
    <message>
        <source>The needle shows the call so far. The faint mark (last 1 s) shows the last second when it was worse: a short dropout shows there at once.</source>
        <translation>Die Nadel zeigt den bisherigen Anruf. Die blasse Marke (letzte 1 s) zeigt die letzte Sekunde, wenn sie schlechter war: Ein kurzer Aussetzer erscheint dort sofort.</translation>
    </message>
    <message>
        <source>Predicted from the network</source>
        <extracomment>Issue 19: the E-model&apos;s prediction and the score of the audio the listener actually got.</extracomment>
        <translation>Vorhergesagt aus dem Netzwerk</translation>
    </message>
    <message>
        <source>What the listener heard</source>
        <translation>Was der Zuhörer hörte</translation>
    </message>
    <message>
        <source>{mos} ({scale})</source>
        <translation>{mos} ({scale})</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>nicht verfügbar</translation>
    </message>
    <message>
        <source>Report saved to {path}.</source>
        <translation>Bericht gespeichert unter {path}.</translation>
    </message>
    <message>
        <source>Could not save the report to {path}: {error}</source>
        <translation>Der Bericht konnte nicht unter {path} gespeichert werden: {error}</translation>
    </message>
    <message>
        <source>Run the test again</source>
        <translation>Test wiederholen</translation>
    </message>
    <message>
        <source>Test ID {id}</source>
        <translation>Test-ID {id}</translation>
    </message>
    <message>
        <source>{value} {unit}</source>
        <extracomment>A measured figure and its unit: &quot;112 ms&quot;, &quot;0.5 %&quot;.</extracomment>
        <translation>{value} {unit}</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <source>kbit/s</source>
        <translation>kbit/s</translation>
    </message>
    <message>
        <source>{grade} {mos}</source>
        <extracomment>A grade word and its MOS, in lists: &quot;Good 4.2&quot;.</extracomment>
        <translation>{grade} {mos}</translation>
    </message>
    <message>
        <source>Delay (the time your voice takes to arrive) costs {value:.1f} points.</source>
        <extracomment>The E-model&apos;s impairments in plain words, by their G.107 names (report ``quality.breakdown``).</extracomment>
        <translation>Die Verzögerung (die Zeit, bis Ihre Stimme ankommt) kostet {value:.1f} Punkte.</translation>
    </message>
    <message>
        <source>The codec and lost audio cost {value:.1f} points.</source>
        <translation>Codec und verlorener Ton kosten {value:.1f} Punkte.</translation>
    </message>
    <message>
        <source>Loudness and noise of the voice path cost {value:.1f} points.</source>
        <translation>Lautstärke und Rauschen des Sprachwegs kosten {value:.1f} Punkte.</translation>
    </message>
    <message>
        <source>A perfect call scores {ro:.0f} points (R factor); this one scored {r:.0f}.</source>
        <translation>Ein perfekter Anruf erreicht {ro:.0f} Punkte (R-Faktor); dieser erreichte {r:.0f}.</translation>
    </message>
    <message>
        <source>The test could not run</source>
        <translation>Der Test konnte nicht laufen</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Back to start</source>
        <translation>Zurück zum Start</translation>
    </message>
    <message>
        <source>This kind of test is not available in this version yet. Choose the quick local check.</source>
        <translation>Diese Testart ist in dieser Version noch nicht verfügbar. Wählen Sie den schnellen lokalen Test.</translation>
    </message>
    <message>
        <source>Something went wrong inside CallCheck ({error}). Try again; if it happens again, send the log to your helpdesk.</source>
        <translation>In CallCheck ist ein Fehler aufgetreten ({error}). Versuchen Sie es erneut; wenn es wieder passiert, senden Sie das Protokoll an Ihren Helpdesk.</translation>
    </message>
    <message>
        <source>Test cancelled.</source>
        <translation>Test abgebrochen.</translation>
    </message>
    <message>
        <source>Test length</source>
        <translation>Testdauer</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Codec</source>
        <translation>Codec</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Einstellungen gespeichert.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>set by your IT department</source>
        <extracomment>Beside a setting the admin fixed in the managed settings file (issue 18).</extracomment>
        <translation>von Ihrer IT-Abteilung festgelegt</translation>
    </message>
    <message>
        <source>Short test in the background every</source>
        <translation>Kurzer Test im Hintergrund alle</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>Also a short test after I log in</source>
        <translation>Zusätzlich ein kurzer Test nach der Anmeldung</translation>
    </message>
    <message>
        <source>Send each result to the test server</source>
        <translation>Jedes Ergebnis an den Testserver senden</translation>
    </message>
    <message>
        <source>Test now</source>
        <translation>Jetzt testen</translation>
    </message>
    <message>
        <source>Open CallCheck</source>
        <translation>CallCheck öffnen</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>No test yet</source>
        <translation>Noch kein Test</translation>
    </message>
    <message>
        <source>Testing the call quality …</source>
        <translation>Anrufqualität wird getestet …</translation>
    </message>
    <message>
        <source>Last test {time}: MOS {mos}, {grade}</source>
        <extracomment>{time} is the local time of the test (HH:MM); {mos} the MOS as printed everywhere.</extracomment>
        <translation>Letzter Test {time}: MOS {mos}, {grade}</translation>
    </message>
    <message>
        <source>Last test {time} could not run</source>
        <translation>Letzter Test {time} konnte nicht laufen</translation>
    </message>
    <message>
        <source>Scheduled test put off: another app is using the microphone</source>
        <translation>Geplanter Test verschoben: Eine andere App nutzt das Mikrofon</translation>
    </message>
    <message>
        <source>Scheduled tests: off</source>
        <translation>Geplante Tests: aus</translation>
    </message>
    <message>
        <source>Scheduled tests: every {hours} h</source>
        <translation>Geplante Tests: alle {hours} h</translation>
    </message>
    <message>
        <source>Scheduled tests: at login</source>
        <translation>Geplante Tests: bei der Anmeldung</translation>
    </message>
    <message>
        <source>Scheduled tests: at login and every {hours} h</source>
        <translation>Geplante Tests: bei der Anmeldung und alle {hours} h</translation>
    </message>
    <message>
        <source>Call quality below the pass mark</source>
        <translation>Anrufqualität unter der Mindestanforderung</translation>
    </message>
    <message>
        <source>The call quality test could not run</source>
        <translation>Der Test der Anrufqualität konnte nicht laufen</translation>
    </message>
    <message>
        <source>Opus (wideband)</source>
        <extracomment>The engine&apos;s codec names as users read them.</extracomment>
        <translation>Opus (Breitband)</translation>
    </message>
    <message>
        <source>G.722 (wideband)</source>
        <translation>G.722 (Breitband)</translation>
    </message>
    <message>
        <source>G.711 µ-law</source>
        <translation>G.711 µ-law</translation>
    </message>
    <message>
        <source>G.711 A-law</source>
        <translation>G.711 A-law</translation>
    </message>
    <message>
        <source>Your settings could not be read, so the defaults are used. The old file was kept as {path}.</source>
        <translation>Ihre Einstellungen konnten nicht gelesen werden, daher gelten die Standardwerte. Die alte Datei wurde als {path} aufbewahrt.</translation>
    </message>
    <message>
        <source>&amp;Test my call quality</source>
        <translation>Meine Anrufqualität &amp;testen</translation>
    </message>
    <message>
        <source>Start screen (Ctrl+1)</source>
        <translation>Startseite (Strg+1)</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>Microphone and speaker checks (Ctrl+2)</source>
        <translation>Mikrofon- und Lautsprecherprüfung (Strg+2)</translation>
    </message>
    <message>
        <source>Past tests (Ctrl+3)</source>
        <translation>Frühere Tests (Strg+3)</translation>
    </message>
    <message>
        <source>Settings (Ctrl+,)</source>
        <translation>Einstellungen (Strg+,)</translation>
    </message>
    <message>
        <source>Stop the test (Esc)</source>
        <translation>Test beenden (Esc)</translation>
    </message>
    <message>
        <source>Press Enter to start</source>
        <translation>Drücken Sie die Eingabetaste zum Starten</translation>
    </message>
    <message>
        <source>Quick local check</source>
        <translation>Schneller lokaler Test</translation>
    </message>
    <message>
        <source>Network test</source>
        <translation>Netzwerktest</translation>
    </message>
    <message>
        <source>Not available in this version: the {mode} needs the test server client, which this version does not include yet. Use the quick local check.</source>
        <translation>In dieser Version nicht verfügbar: Der {mode} braucht den Testserver-Client, den diese Version noch nicht enthält. Nutzen Sie den schnellen lokalen Test.</translation>
    </message>
    <message>
        <source>Microphone: {input}  ·  Speaker: {output}</source>
        <translation>Mikrofon: {input}  ·  Lautsprecher: {output}</translation>
    </message>
    <message>
        <source>system default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>Check &amp;devices…</source>
        <translation>&amp;Geräte prüfen …</translation>
    </message>
    <message>
        <source>No score</source>
        <translation>Keine Bewertung</translation>
    </message>
    <message>
        <source>The three numbers that matter</source>
        <translation>Die drei wichtigsten Werte</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Was Sie tun können</translation>
    </message>
    <message>
        <source>Nothing to fix: the connection is fine for calls.</source>
        <translation>Nichts zu beheben: Die Verbindung ist für Anrufe geeignet.</translation>
    </message>
    <message>
        <source>&amp;Copy summary for the helpdesk</source>
        <translation>Zusammenfassung für den Helpdesk &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;Save report…</source>
        <translation>Bericht &amp;speichern …</translation>
    </message>
    <message>
        <source>&amp;Run the test again</source>
        <translation>Test &amp;wiederholen</translation>
    </message>
    <message>
        <source>Compare with &amp;previous test</source>
        <translation>Mit &amp;vorherigem Test vergleichen</translation>
    </message>
    <message>
        <source>There is no earlier test to compare with yet.</source>
        <translation>Es gibt noch keinen früheren Test zum Vergleichen.</translation>
    </message>
    <message>
        <source>This result could not be kept in the history ({error}). Save the report to keep it.</source>
        <translation>Dieses Ergebnis konnte nicht im Verlauf gespeichert werden ({error}). Speichern Sie den Bericht, um es zu behalten.</translation>
    </message>
    <message>
        <source>From the history: test of {date}.</source>
        <translation>Aus dem Verlauf: Test vom {date}.</translation>
    </message>
    <message>
        <source>CallCheck report {id}</source>
        <translation>CallCheck-Bericht {id}</translation>
    </message>
    <message>
        <source>Past tests</source>
        <translation>Frühere Tests</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Testart</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <source>No tests yet. Every test you run is kept here.</source>
        <translation>Noch keine Tests. Jeder Test, den Sie durchführen, wird hier aufbewahrt.</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Co&amp;mpare</source>
        <translation>&amp;Vergleichen</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren …</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Select one test to open, export or delete it; select two to compare them.</source>
        <translation>Wählen Sie einen Test zum Öffnen, Exportieren oder Löschen aus; wählen Sie zwei zum Vergleichen aus.</translation>
    </message>
    <message>
        <source>Delete tests</source>
        <translation>Tests löschen</translation>
    </message>
    <message>
        <source>Exported to {path}.</source>
        <translation>Exportiert nach {path}.</translation>
    </message>
    <message>
        <source>Export the test report</source>
        <translation>Testbericht exportieren</translation>
    </message>
    <message>
        <source>The test history could not be read, so a new one was started. The damaged file was kept as {path}.</source>
        <translation>Der Testverlauf konnte nicht gelesen werden, daher wurde ein neuer begonnen. Die beschädigte Datei wurde als {path} aufbewahrt.</translation>
    </message>
    <message>
        <source>The test history at {path} cannot be used: {error}</source>
        <translation>Der Testverlauf unter {path} ist nicht nutzbar: {error}</translation>
    </message>
    <message>
        <source>could not write to the history database: {error}</source>
        <translation>in die Verlaufsdatenbank konnte nicht geschrieben werden: {error}</translation>
    </message>
    <message>
        <source>could not read the history database: {error}</source>
        <translation>die Verlaufsdatenbank konnte nicht gelesen werden: {error}</translation>
    </message>
    <message>
        <source>That test is no longer in the history.</source>
        <translation>Dieser Test ist nicht mehr im Verlauf.</translation>
    </message>
    <message>
        <source>Compare two tests</source>
        <translation>Zwei Tests vergleichen</translation>
    </message>
    <message>
        <source>Earlier test</source>
        <translation>Früherer Test</translation>
    </message>
    <message>
        <source>Later test</source>
        <translation>Späterer Test</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>{date}
{mode}, {grade}</source>
        <translation>{date}
{mode}, {grade}</translation>
    </message>
    <message>
        <source>no change</source>
        <translation>keine Änderung</translation>
    </message>
    <message>
        <source>{number} ({change})</source>
        <translation>{number} ({change})</translation>
    </message>
    <message>
        <source>better</source>
        <translation>besser</translation>
    </message>
    <message>
        <source>worse</source>
        <translation>schlechter</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Zurück</translation>
    </message>
    <message>
        <source>Microphone and speaker</source>
        <translation>Mikrofon und Lautsprecher</translation>
    </message>
    <message>
        <source>&amp;Microphone</source>
        <translation>&amp;Mikrofon</translation>
    </message>
    <message>
        <source>S&amp;peaker</source>
        <translation>&amp;Lautsprecher</translation>
    </message>
    <message>
        <source>Re&amp;fresh list</source>
        <translation>Liste a&amp;ktualisieren</translation>
    </message>
    <message>
        <source>Input level</source>
        <translation>Eingangspegel</translation>
    </message>
    <message>
        <source>&amp;Listen to the microphone</source>
        <translation>Mikrofon a&amp;bhören</translation>
    </message>
    <message>
        <source>Stop &amp;listening</source>
        <translation>A&amp;bhören beenden</translation>
    </message>
    <message>
        <source>Say something: the bar should move.</source>
        <translation>Sprechen Sie etwas: Der Balken sollte sich bewegen.</translation>
    </message>
    <message>
        <source>Speaker test</source>
        <translation>Lautsprechertest</translation>
    </message>
    <message>
        <source>Device delay (speaker to microphone)</source>
        <translation>Geräteverzögerung (Lautsprecher zu Mikrofon)</translation>
    </message>
    <message>
        <source>Play a &amp;test tone</source>
        <translation>&amp;Testton abspielen</translation>
    </message>
    <message>
        <source>Playing a tone on {device}…</source>
        <translation>Ton wird auf {device} abgespielt …</translation>
    </message>
    <message>
        <source>Did you hear a beep? If not, check the volume or pick another speaker.</source>
        <translation>Haben Sie einen Piepton gehört? Wenn nicht, prüfen Sie die Lautstärke oder wählen Sie einen anderen Lautsprecher.</translation>
    </message>
    <message>
        <source>Measure device &amp;delay</source>
        <translation>Geräte&amp;verzögerung messen</translation>
    </message>
    <message>
        <source>Measuring: a short chirp plays a few times…</source>
        <translation>Messung läuft: Ein kurzer Chirp-Ton wird einige Male abgespielt …</translation>
    </message>
    <message>
        <source>Audio devices unavailable: {reason}</source>
        <translation>Audiogeräte nicht verfügbar: {reason}</translation>
    </message>
    <message>
        <source>Hear yourself</source>
        <extracomment>&quot;Hear yourself&quot; (issue 16): the user speaks, then hears it as the other side of a call would.</extracomment>
        <translation>Sich selbst hören</translation>
    </message>
    <message>
        <source>&amp;Hear yourself</source>
        <translation>Sich selbst &amp;hören</translation>
    </message>
    <message>
        <source>Speak for a few seconds, then listen: you hear yourself as the other side of a call would.</source>
        <translation>Sprechen Sie einige Sekunden, dann hören Sie zu: Sie hören sich so, wie die Gegenseite eines Anrufs Sie hören würde.</translation>
    </message>
    <message>
        <source>Speak now for {seconds} seconds. Then listen: it plays back by itself.</source>
        <translation>Sprechen Sie jetzt {seconds} Sekunden lang. Dann hören Sie zu: Die Wiedergabe startet von selbst.</translation>
    </message>
    <message>
        <source>That is how the other side hears you. Your voice arrived after {delay} ms; {lost} % of it was lost on the way and filled in.</source>
        <translation>So hört Sie die Gegenseite. Ihre Stimme kam nach {delay} ms an; {lost} % davon gingen unterwegs verloren und wurden aufgefüllt.</translation>
    </message>
    <message>
        <source>Hear yourself did not work: {error}</source>
        <translation>„Sich selbst hören“ hat nicht funktioniert: {error}</translation>
    </message>
    <message>
        <source>Opening the microphone…</source>
        <translation>Mikrofon wird geöffnet …</translation>
    </message>
    <message>
        <source>Sending your voice through a test call, as a call would carry it…</source>
        <translation>Ihre Stimme wird durch einen Testanruf geschickt, wie ein Anruf sie übertragen würde …</translation>
    </message>
    <message>
        <source>Listen now: this is how the other side hears you…</source>
        <translation>Hören Sie jetzt zu: So hört Sie die Gegenseite …</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>Abbre&amp;chen</translation>
    </message>
    <message>
        <source>Stop hearing yourself now: nothing more is recorded or played</source>
        <translation>Sich selbst hören jetzt beenden: Es wird nichts mehr aufgenommen oder abgespielt</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was kept; the microphone and speaker are free again.</source>
        <translation>Abgebrochen. Nichts wurde gespeichert; Mikrofon und Lautsprecher sind wieder frei.</translation>
    </message>
    <message>
        <source>Hear yourself is using the microphone and speaker: wait for it to finish, or cancel it.</source>
        <extracomment>Why Start, &quot;Run the test again&quot; and the device checks are off while the echo runs.</extracomment>
        <translation>„Sich selbst hören“ nutzt Mikrofon und Lautsprecher: Warten Sie, bis es fertig ist, oder brechen Sie es ab.</translation>
    </message>
    <message>
        <source>Hear yourself is using the microphone and speaker: wait for it to finish, or &lt;a href=&apos;cancel&apos;&gt;cancel it&lt;/a&gt;.</source>
        <extracomment>ECHO_BLOCKS on the Start screen, which has no Cancel button of its own: the link cancels.</extracomment>
        <translation>„Sich selbst hören“ nutzt Mikrofon und Lautsprecher: Warten Sie, bis es fertig ist, oder &lt;a href=&apos;cancel&apos;&gt;brechen Sie es ab&lt;/a&gt;.</translation>
    </message>
    <message>
        <source>A test is running: try again when it has finished.</source>
        <translation>Ein Test läuft: Versuchen Sie es erneut, wenn er fertig ist.</translation>
    </message>
    <message>
        <source>A device check is using the microphone or speaker: try again when it has finished.</source>
        <translation>Eine Geräteprüfung nutzt das Mikrofon oder den Lautsprecher: Versuchen Sie es erneut, wenn sie fertig ist.</translation>
    </message>
    <message>
        <source>Simulate a &amp;worse network:</source>
        <extracomment>The label of the choice of a simulated network for &quot;Hear yourself&quot;.</extracomment>
        <translation>Ein schlechteres &amp;Netzwerk simulieren:</translation>
    </message>
    <message>
        <source>Hear what a worse network would do to your voice. It is simulated on this computer; your real network is not changed.</source>
        <translation>Hören Sie, was ein schlechteres Netzwerk mit Ihrer Stimme machen würde. Es wird auf diesem Computer simuliert; Ihr echtes Netzwerk wird nicht verändert.</translation>
    </message>
    <message>
        <source>No, the network as it is</source>
        <extracomment>The simulated networks (keys: the engine&apos;s NETWORK_PRESETS).</extracomment>
        <translation>Nein, das Netzwerk, wie es ist</translation>
    </message>
    <message>
        <source>Busy Wi-Fi</source>
        <translation>Ausgelastetes WLAN</translation>
    </message>
    <message>
        <source>Mobile hotspot</source>
        <translation>Mobiler Hotspot</translation>
    </message>
    <message>
        <source>Lossy VPN</source>
        <translation>Verlustbehaftetes VPN</translation>
    </message>
    <message>
        <source>Simulated network: {network}, with {impairment}.</source>
        <extracomment>After ECHO_DONE when a network was simulated; {network}: one of ECHO_NETWORKS, {impairment}: what it does, e.g. &quot;40 ms more delay, 5 % loss in bursts&quot;.</extracomment>
        <translation>Simuliertes Netzwerk: {network}, mit {impairment}.</translation>
    </message>
    <message>
        <source>Simulated network: {network}, with {impairment}, each way.</source>
        <translation>Simuliertes Netzwerk: {network}, mit {impairment}, in jede Richtung.</translation>
    </message>
    <message>
        <source>{delay} ms more delay</source>
        <translation>{delay} ms mehr Verzögerung</translation>
    </message>
    <message>
        <source>delay varying by ±{jitter} ms</source>
        <translation>Verzögerung schwankt um ±{jitter} ms</translation>
    </message>
    <message>
        <source>{loss} % loss</source>
        <translation>{loss} % Verlust</translation>
    </message>
    <message>
        <source>{loss} % loss in bursts</source>
        <translation>{loss} % Verlust in Schüben</translation>
    </message>
    <message>
        <source> (default)</source>
        <translation> (Standard)</translation>
    </message>
    <message>
        <source>No microphone found. Plug in a headset or enable a microphone in the system&apos;s sound settings, then press Refresh.</source>
        <translation>Kein Mikrofon gefunden. Schließen Sie ein Headset an oder aktivieren Sie ein Mikrofon in den Toneinstellungen des Systems und klicken Sie dann auf „Liste aktualisieren“.</translation>
    </message>
    <message>
        <source>No speaker found. Plug in a headset or enable an output in the system&apos;s sound settings, then press Refresh.</source>
        <translation>Kein Lautsprecher gefunden. Schließen Sie ein Headset an oder aktivieren Sie eine Ausgabe in den Toneinstellungen des Systems und klicken Sie dann auf „Liste aktualisieren“.</translation>
    </message>
    <message>
        <source>No sound from {device}: it may be muted, the wrong microphone, or blocked by the system&apos;s privacy settings.</source>
        <translation>Kein Ton von {device}: Es ist vielleicht stummgeschaltet, das falsche Mikrofon oder durch die Datenschutzeinstellungen des Systems blockiert.</translation>
    </message>
    <message>
        <source>{device} is too loud (clipping): lower the input volume.</source>
        <translation>{device} ist zu laut (Übersteuerung): Verringern Sie die Eingangslautstärke.</translation>
    </message>
    <message>
        <source>{device} looks like a Bluetooth headset: in hands-free mode it limits calls to narrowband audio. A wired or USB headset sounds better.</source>
        <translation>{device} scheint ein Bluetooth-Headset zu sein: Im Freisprechmodus begrenzt es Anrufe auf Schmalband-Ton. Ein kabelgebundenes oder USB-Headset klingt besser.</translation>
    </message>
    <message>
        <source>These devices are now used for tests.</source>
        <translation>Diese Geräte werden jetzt für Tests verwendet.</translation>
    </message>
    <message>
        <source>Test server token</source>
        <translation>Token des Testservers</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Language</source>
        <extracomment>The language menu: this first item, then &quot;English&quot;, &quot;Deutsch&quot;, &quot;Français&quot; … (each language in its own words, never translated).</extracomment>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>Settings saved. CallCheck now speaks your chosen language, in its reports too.</source>
        <extracomment>Shown on the Settings screen, in the new language, once the window was rebuilt in it.</extracomment>
        <translation>Einstellungen gespeichert. CallCheck verwendet jetzt die gewählte Sprache, auch in Berichten.</translation>
    </message>
    <message>
        <source>These need a test server: &lt;a href=&apos;settings&apos;&gt;open Settings&lt;/a&gt;&lt;br&gt;and enter its address (your helpdesk has it).</source>
        <translation>Dafür ist ein Testserver nötig: &lt;a href=&apos;settings&apos;&gt;Einstellungen öffnen&lt;/a&gt;&lt;br&gt;und seine Adresse eingeben (Ihr Helpdesk kennt sie).</translation>
    </message>
    <message>
        <source>No test server is set up yet. Open Settings and enter the test server&apos;s address.</source>
        <translation>Es ist noch kein Testserver eingerichtet. Öffnen Sie die Einstellungen und geben Sie die Adresse des Testservers ein.</translation>
    </message>
    <message>
        <source>&amp;Create a room (you read the code out to your colleague)</source>
        <translation>Raum &amp;erstellen (Sie lesen Ihrem Kollegen den Code vor)</translation>
    </message>
    <message>
        <source>&amp;Join with a code:</source>
        <translation>Mit Code &amp;beitreten:</translation>
    </message>
    <message>
        <source>Room code your colleague read out</source>
        <translation>Raumcode, den Ihr Kollege vorgelesen hat</translation>
    </message>
    <message>
        <source>Type the code your colleague read out, then press the green button.</source>
        <translation>Geben Sie den Code ein, den Ihr Kollege vorgelesen hat, und klicken Sie dann auf die grüne Schaltfläche.</translation>
    </message>
    <message>
        <source>Connection to the server lost. Reconnecting… The test goes on.</source>
        <translation>Verbindung zum Server unterbrochen. Neue Verbindung wird aufgebaut… Der Test läuft weiter.</translation>
    </message>
    <message>
        <source>R&amp;un</source>
        <translation>S&amp;tarten</translation>
    </message>
    <message>
        <source>Call a colleague</source>
        <translation>Kollegen anrufen</translation>
    </message>
    <message>
        <source>Audio lost or late</source>
        <extracomment>The share of audio lost or too late to play (the same figure as &quot;why this score&quot; gives).</extracomment>
        <translation>Ton verloren oder verspätet</translation>
    </message>
    <message>
        <source>Show the details</source>
        <translation>Details anzeigen</translation>
    </message>
    <message>
        <source>Hide the details</source>
        <translation>Details ausblenden</translation>
    </message>
    <message>
        <source>&amp;Copy for the helpdesk</source>
        <translation>Für den Helpdesk &amp;kopieren</translation>
    </message>
    <message>
        <source>This failed test could not be kept in the history: {error}</source>
        <extracomment>The failure is in the history too ({error}: why it could not be stored, if it could not).</extracomment>
        <translation>Dieser fehlgeschlagene Test konnte nicht im Verlauf gespeichert werden: {error}</translation>
    </message>
    <message>
        <source>Text for a ticket (*.txt)</source>
        <translation>Text für ein Ticket (*.txt)</translation>
    </message>
    <message>
        <source>CallCheck report, all data (*.json)</source>
        <translation>CallCheck-Bericht, alle Daten (*.json)</translation>
    </message>
    <message>
        <source>Relay servers for strict firewalls
(STUN/TURN, one per line)</source>
        <extracomment>Plain words first; the protocol names stay in brackets for whoever sets them up.</extracomment>
        <translation>Relay-Server für strenge Firewalls
(STUN/TURN, einer pro Zeile)</translation>
    </message>
    <message>
        <source>what {device} plays</source>
        <extracomment>A capture device that records what a speaker plays (PulseAudio/PipeWire &quot;monitor&quot;); {device}: the speaker&apos;s name.</extracomment>
        <translation>was {device} abspielt</translation>
    </message>
    <message>
        <source>system sound (default)</source>
        <extracomment>The system&apos;s sound server as a device (ALSA &quot;pulse&quot; / &quot;pipewire&quot;).</extracomment>
        <translation>Systemton (Standard)</translation>
    </message>
    <message>
        <source>{rank}. {name}: MOS {mos}, {kbps:.0f} kbit/s</source>
        <translation>{rank}. {name}: MOS {mos}, {kbps:.0f} kbit/s</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n test(s) from the history? This cannot be undone.</source>
        <translation>
            <numerusform>%n Test aus dem Verlauf löschen? Das kann nicht rückgängig gemacht werden.</numerusform>
            <numerusform>%n Tests aus dem Verlauf löschen? Das kann nicht rückgängig gemacht werden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n test(s).</source>
        <translation>
            <numerusform>%n Test gelöscht.</numerusform>
            <numerusform>%n Tests gelöscht.</numerusform>
        </translation>
    </message>
    <message>
        <source>Packets lost on the network</source>
        <translation>Im Netzwerk verlorene Pakete</translation>
    </message>
    <message>
        <source>Delay from mouth to ear</source>
        <translation>Verzögerung vom Mund bis zum Ohr</translation>
    </message>
    <message>
        <source>Wait in the playout buffer</source>
        <translation>Wartezeit im Wiedergabepuffer</translation>
    </message>
    <message>
        <source>Audio device delay</source>
        <translation>Verzögerung des Audiogeräts</translation>
    </message>
    <message>
        <source>Codec delay</source>
        <translation>Codec-Verzögerung</translation>
    </message>
    <message>
        <source>Audio too late to play</source>
        <translation>Ton zu spät zum Abspielen</translation>
    </message>
    <message>
        <source>{device} works: you can be heard.</source>
        <translation>{device} funktioniert: Sie sind zu hören.</translation>
    </message>
    <message>
        <source>Level now {level:.0f} dBFS.</source>
        <extracomment>The level meter&apos;s details line; {level}: the level now in dBFS (decibels below the loudest sound the device can record, so always negative).</extracomment>
        <translation>Pegel jetzt {level:.0f} dBFS.</translation>
    </message>
    <message>
        <source>Level now {level:.0f} dBFS, loudest {loudest:.0f} dBFS.</source>
        <extracomment>{level}: as above; {loudest}: the loudest level heard since listening began, in dBFS.</extracomment>
        <translation>Pegel jetzt {level:.0f} dBFS, am lautesten {loudest:.0f} dBFS.</translation>
    </message>
    <message>
        <source>Sound takes {delay:.0f} ms from {output} back to {input}.</source>
        <extracomment>The delay check, measured; {delay}: milliseconds (&quot;180&quot;); {output}, {input}: device names.</extracomment>
        <translation>Der Ton braucht {delay:.0f} ms von {output} zurück zu {input}.</translation>
    </message>
    <message>
        <source>The test sound on {output} was not heard on {input}. With headphones this is expected; otherwise check that the microphone is not muted and the speaker volume is up.</source>
        <extracomment>The delay check, the test sound not heard; {output}, {input}: device names.</extracomment>
        <translation>Der Testton auf {output} wurde auf {input} nicht gehört. Mit Kopfhörern ist das normal; sonst prüfen Sie, ob das Mikrofon stummgeschaltet ist und der Lautsprecher laut genug ist.</translation>
    </message>
    <message>
        <source>Test server address</source>
        <translation>Adresse des Testservers</translation>
    </message>
    <message>
        <source>Show the token</source>
        <translation>Token anzeigen</translation>
    </message>
    <message>
        <source>Calls the test server at {url}.
It sends your audio straight back.</source>
        <translation>Ruft den Testserver unter {url} an.
Er sendet Ihren Ton direkt zurück.</translation>
    </message>
    <message>
        <source>e.g. AC7-K3M-9PX</source>
        <translation>z. B. AC7-K3M-9PX</translation>
    </message>
    <message>
        <source>Creating a room on the test server…</source>
        <translation>Raum wird auf dem Testserver erstellt …</translation>
    </message>
    <message>
        <source>Read this code out to your colleague:</source>
        <translation>Lesen Sie Ihrem Kollegen diesen Code vor:</translation>
    </message>
    <message>
        <source>Your colleague opens CallCheck, chooses “Call a colleague”, then “Join with a code”, types {code} and presses the green button.</source>
        <translation>Ihr Kollege öffnet CallCheck, wählt „Kollegen anrufen“, dann „Mit Code beitreten“, gibt {code} ein und klickt auf die grüne Schaltfläche.</translation>
    </message>
    <message>
        <source>Waiting for your colleague to join…</source>
        <translation>Warten, bis Ihr Kollege beitritt …</translation>
    </message>
    <message>
        <source>Joining room {code}…</source>
        <translation>Raum {code} wird beigetreten …</translation>
    </message>
    <message>
        <source>Cop&amp;y code</source>
        <translation>Code kop&amp;ieren</translation>
    </message>
    <message>
        <source>Code copied.</source>
        <translation>Code kopiert.</translation>
    </message>
    <message>
        <source>Room code {spelled}</source>
        <translation>Raumcode {spelled}</translation>
    </message>
    <message>
        <source>dash</source>
        <extracomment>How a screen reader (and the technician) says the &quot;-&quot; in a room code: &quot;A C D dash 2 3 4&quot;.</extracomment>
        <translation>Bindestrich</translation>
    </message>
    <message>
        <source>{what}: {error}</source>
        <translation>{what}: {error}</translation>
    </message>
    <message>
        <source>No test server is set up.</source>
        <extracomment>What the error screen says per failure reason code: (what happened, what to do).</extracomment>
        <translation>Es ist kein Testserver eingerichtet.</translation>
    </message>
    <message>
        <source>Open Settings and enter the test server&apos;s address; your IT department or helpdesk has it. Until then, the quick local check works without a server.</source>
        <translation>Öffnen Sie die Einstellungen und geben Sie die Adresse des Testservers ein; Ihre IT-Abteilung oder Ihr Helpdesk kennt sie. Bis dahin funktioniert der schnelle lokale Test ohne Server.</translation>
    </message>
    <message>
        <source>A setting cannot be used.</source>
        <translation>Eine Einstellung ist nicht verwendbar.</translation>
    </message>
    <message>
        <source>Open Settings, correct it, and try again.</source>
        <translation>Öffnen Sie die Einstellungen, korrigieren Sie sie und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>This kind of test is not available in this version.</source>
        <translation>Diese Testart ist in dieser Version nicht verfügbar.</translation>
    </message>
    <message>
        <source>Choose the quick local check.</source>
        <translation>Wählen Sie den schnellen lokalen Test.</translation>
    </message>
    <message>
        <source>The test server cannot be reached: it may be down, or this network blocks it.</source>
        <translation>Der Testserver ist nicht erreichbar: Er ist vielleicht ausgefallen, oder dieses Netzwerk blockiert ihn.</translation>
    </message>
    <message>
        <source>Check the server address in Settings. If it is right, try again in a minute; if it still fails, try another network (or without VPN) and tell your helpdesk.</source>
        <translation>Prüfen Sie die Serveradresse in den Einstellungen. Wenn sie stimmt, versuchen Sie es in einer Minute erneut; wenn es weiterhin fehlschlägt, versuchen Sie ein anderes Netzwerk (oder ohne VPN) und informieren Sie Ihren Helpdesk.</translation>
    </message>
    <message>
        <source>The test server refused this computer&apos;s access token.</source>
        <translation>Der Testserver hat das Zugangstoken dieses Computers abgelehnt.</translation>
    </message>
    <message>
        <source>Open Settings and check the test server token against the one your IT department gave you.</source>
        <translation>Öffnen Sie die Einstellungen und vergleichen Sie das Token des Testservers mit dem, das Sie von Ihrer IT-Abteilung erhalten haben.</translation>
    </message>
    <message>
        <source>There is no room with that code.</source>
        <translation>Es gibt keinen Raum mit diesem Code.</translation>
    </message>
    <message>
        <source>Check the code with your colleague (codes expire after a few minutes), or ask them to create a new room and read you the new code.</source>
        <translation>Prüfen Sie den Code mit Ihrem Kollegen (Codes laufen nach einigen Minuten ab), oder bitten Sie ihn, einen neuen Raum zu erstellen und Ihnen den neuen Code vorzulesen.</translation>
    </message>
    <message>
        <source>That room already has two people in it.</source>
        <translation>In diesem Raum sind bereits zwei Personen.</translation>
    </message>
    <message>
        <source>Ask your colleague to create a new room and read you the new code.</source>
        <translation>Bitten Sie Ihren Kollegen, einen neuen Raum zu erstellen und Ihnen den neuen Code vorzulesen.</translation>
    </message>
    <message>
        <source>The test server is busy right now.</source>
        <translation>Der Testserver ist gerade ausgelastet.</translation>
    </message>
    <message>
        <source>Wait a minute, then try again.</source>
        <translation>Warten Sie eine Minute und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The test server did not accept the test call.</source>
        <translation>Der Testserver hat den Testanruf nicht angenommen.</translation>
    </message>
    <message>
        <source>Check the server address in Settings. If it is right, tell your helpdesk and give them the details below.</source>
        <translation>Prüfen Sie die Serveradresse in den Einstellungen. Wenn sie stimmt, informieren Sie Ihren Helpdesk und geben Sie ihm die Details unten.</translation>
    </message>
    <message>
        <source>A firewall blocks the call&apos;s audio: the server answered, but no UDP packets got through.</source>
        <translation>Eine Firewall blockiert den Ton des Anrufs: Der Server hat geantwortet, aber keine UDP-Pakete kamen durch.</translation>
    </message>
    <message>
        <source>Real calls on this network will likely fail or sound bad too. Try another network, or ask IT to allow UDP to the test server or to set up a TURN relay (Settings).</source>
        <translation>Echte Anrufe in diesem Netzwerk werden wahrscheinlich ebenfalls fehlschlagen oder schlecht klingen. Versuchen Sie ein anderes Netzwerk oder bitten Sie die IT, UDP zum Testserver zu erlauben oder ein TURN-Relay einzurichten (Einstellungen).</translation>
    </message>
    <message>
        <source>Your colleague did not join in time.</source>
        <translation>Ihr Kollege ist nicht rechtzeitig beigetreten.</translation>
    </message>
    <message>
        <source>Create a room again and read the new code out.</source>
        <translation>Erstellen Sie erneut einen Raum und lesen Sie den neuen Code vor.</translation>
    </message>
    <message>
        <source>Your colleague left before the call connected.</source>
        <translation>Ihr Kollege hat den Raum verlassen, bevor der Anruf verbunden war.</translation>
    </message>
    <message>
        <source>Ask them to join again, then try again.</source>
        <translation>Bitten Sie ihn, erneut beizutreten, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The test call could not connect.</source>
        <translation>Der Testanruf konnte keine Verbindung herstellen.</translation>
    </message>
    <message>
        <source>Check the network connection or the firewall, then try again.</source>
        <translation>Prüfen Sie die Netzwerkverbindung oder die Firewall und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>This computer has no usable network connection for calls.</source>
        <translation>Dieser Computer hat keine nutzbare Netzwerkverbindung für Anrufe.</translation>
    </message>
    <message>
        <source>Check that the computer is connected to a network, then try again.</source>
        <translation>Prüfen Sie, ob der Computer mit einem Netzwerk verbunden ist, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The test call did not connect in time.</source>
        <translation>Der Testanruf wurde nicht rechtzeitig verbunden.</translation>
    </message>
    <message>
        <source>The test call&apos;s secure connection failed.</source>
        <translation>Die sichere Verbindung des Testanrufs ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Try again; if it happens again, tell your helpdesk.</source>
        <translation>Versuchen Sie es erneut; wenn es wieder passiert, informieren Sie Ihren Helpdesk.</translation>
    </message>
    <message>
        <source>The test server answered, but with something this app cannot use.</source>
        <translation>Der Testserver hat geantwortet, aber mit etwas, das diese App nicht verwenden kann.</translation>
    </message>
    <message>
        <source>Check the server address in Settings: it may belong to another program, or the server may run a different version. If it is right, tell your helpdesk.</source>
        <translation>Prüfen Sie die Serveradresse in den Einstellungen: Sie gehört vielleicht zu einem anderen Programm, oder auf dem Server läuft eine andere Version. Wenn sie stimmt, informieren Sie Ihren Helpdesk.</translation>
    </message>
    <message>
        <source>The connection was lost during the test call.</source>
        <translation>Die Verbindung ist während des Testanrufs abgebrochen.</translation>
    </message>
    <message>
        <source>Check the network connection (Wi-Fi signal, VPN, cable), then try again. Real calls on this connection may drop too.</source>
        <translation>Prüfen Sie die Netzwerkverbindung (WLAN-Signal, VPN, Kabel) und versuchen Sie es dann erneut. Echte Anrufe über diese Verbindung können ebenfalls abbrechen.</translation>
    </message>
    <message>
        <source>The call audio stopped arriving during the test.</source>
        <translation>Der Ton des Anrufs kam während des Tests nicht mehr an.</translation>
    </message>
    <message>
        <source>Check the network connection, then try again. If it happens again, tell your helpdesk: real calls on this network may go silent too.</source>
        <translation>Prüfen Sie die Netzwerkverbindung und versuchen Sie es dann erneut. Wenn es wieder passiert, informieren Sie Ihren Helpdesk: Echte Anrufe in diesem Netzwerk können ebenfalls verstummen.</translation>
    </message>
    <message>
        <source>The test call could not start on this computer.</source>
        <translation>Der Testanruf konnte auf diesem Computer nicht starten.</translation>
    </message>
    <message>
        <source>Close other calling apps and try again; if it happens again, tell your helpdesk and give them the details below.</source>
        <translation>Schließen Sie andere Telefonie-Apps und versuchen Sie es erneut; wenn es wieder passiert, informieren Sie Ihren Helpdesk und geben Sie ihm die Details unten.</translation>
    </message>
    <message>
        <source>The test could not run.</source>
        <translation>Der Test konnte nicht laufen.</translation>
    </message>
    <message>
        <source>Try again; if it happens again, tell your helpdesk and give them the details below.</source>
        <translation>Versuchen Sie es erneut; wenn es wieder passiert, informieren Sie Ihren Helpdesk und geben Sie ihm die Details unten.</translation>
    </message>
    <message>
        <source>What to do: {advice}</source>
        <translation>Was Sie tun können: {advice}</translation>
    </message>
    <message>
        <source>Details: {message}</source>
        <translation>Details: {message}</translation>
    </message>
    <message>
        <source>Open &amp;Settings</source>
        <translation>&amp;Einstellungen öffnen</translation>
    </message>
    <message>
        <source>Connection checks</source>
        <translation>Verbindungsprüfungen</translation>
    </message>
    <message>
        <source>Server reachable</source>
        <translation>Server erreichbar</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>Zugangstoken</translation>
    </message>
    <message>
        <source>Room code</source>
        <translation>Raumcode</translation>
    </message>
    <message>
        <source>Call audio (UDP)</source>
        <translation>Ton des Anrufs (UDP)</translation>
    </message>
    <message>
        <source>TURN relay over UDP</source>
        <translation>TURN-Relay über UDP</translation>
    </message>
    <message>
        <source>TURN relay over TCP</source>
        <translation>TURN-Relay über TCP</translation>
    </message>
    <message>
        <source>TURN relay over TLS</source>
        <translation>TURN-Relay über TLS</translation>
    </message>
    <message>
        <source>{check}: {status}. {finding}</source>
        <extracomment>One line of the connection checks: {check}: &quot;Call audio (UDP)&quot;; {status}: &quot;✔ passed&quot;; {finding}: what the check found, in a sentence.</extracomment>
        <translation>{check}: {status}. {finding}</translation>
    </message>
    <message>
        <source>✔ passed</source>
        <translation>✔ bestanden</translation>
    </message>
    <message>
        <source>✘ FAILED</source>
        <translation>✘ FEHLGESCHLAGEN</translation>
    </message>
    <message>
        <source>– skipped</source>
        <translation>– übersprungen</translation>
    </message>
    <message>
        <source>S&amp;hare this test with my helpdesk</source>
        <translation>Diesen Test mit meinem &amp;Helpdesk teilen</translation>
    </message>
    <message>
        <source>Your helpdesk can watch the test live in a browser with a code you read out. Only the test&apos;s figures and report are shared.</source>
        <translation>Ihr Helpdesk kann den Test live im Browser verfolgen, mit einem Code, den Sie vorlesen. Nur die Werte und der Bericht des Tests werden geteilt.</translation>
    </message>
    <message>
        <source>Shared with your helpdesk</source>
        <translation>Mit Ihrem Helpdesk geteilt</translation>
    </message>
    <message>
        <source>Read this code to your helpdesk:</source>
        <translation>Lesen Sie diesen Code Ihrem Helpdesk vor:</translation>
    </message>
    <message>
        <source>or send them the link: {url}</source>
        <extracomment>{url}: the page the helpdesk opens, e.g. https://cc.example.com/live/AC7-K3M-9PX</extracomment>
        <translation>oder senden Sie den Link: {url}</translation>
    </message>
    <message>
        <source>What is shared: this test&apos;s figures, progress and report. No files, no other information from this computer.</source>
        <translation>Was geteilt wird: die Werte, der Fortschritt und der Bericht dieses Tests. Keine Dateien, keine anderen Informationen von diesem Computer.</translation>
    </message>
    <message>
        <source>Watching now: {count}</source>
        <extracomment>{count}: how many people have the page open.</extracomment>
        <translation>Es schauen gerade zu: {count}</translation>
    </message>
    <message>
        <source>&amp;Stop sharing</source>
        <translation>Teilen &amp;beenden</translation>
    </message>
    <message>
        <source>Sharing stopped. The test goes on.</source>
        <translation>Teilen beendet. Der Test läuft weiter.</translation>
    </message>
    <message>
        <source>The test could not be shared ({reason}). The test runs without sharing.</source>
        <translation>Der Test konnte nicht geteilt werden ({reason}). Der Test läuft ohne Teilen.</translation>
    </message>
    <message>
        <source>Your helpdesk asks you to run the test again</source>
        <translation>Ihr Helpdesk bittet Sie, den Test zu wiederholen</translation>
    </message>
    <message>
        <source>&amp;Not now</source>
        <translation>Nicht &amp;jetzt</translation>
    </message>
</context>
<context>
    <name>verdict</name>
    <message>
        <source>No audio was measured, so there is no score. See the errors for why.</source>
        <extracomment>Translation contexts. What a figure that was not measured reads as in a &quot;why&quot; item.</extracomment>
        <translation>Es wurde kein Ton gemessen, daher gibt es keine Bewertung. Die Fehler nennen den Grund.</translation>
    </message>
    <message>
        <source>{grade} (MOS {mos}): {experience} This is good enough for business calls.</source>
        <translation>{grade} (MOS {mos}): {experience} Das ist gut genug für geschäftliche Anrufe.</translation>
    </message>
    <message>
        <source>{grade} (MOS {mos}): {experience} This is good enough for business calls. The test ended early, so this covers only part of it.</source>
        <translation>{grade} (MOS {mos}): {experience} Das ist gut genug für geschäftliche Anrufe. Der Test endete vorzeitig, daher deckt dies nur einen Teil ab.</translation>
    </message>
    <message>
        <source>{grade} (MOS {mos}): {experience} This is below the {pass_mos} needed for business calls.</source>
        <translation>{grade} (MOS {mos}): {experience} Das liegt unter den {pass_mos}, die geschäftliche Anrufe brauchen.</translation>
    </message>
    <message>
        <source>{grade} (MOS {mos}): {experience} This is below the {pass_mos} needed for business calls. The test ended early, so this covers only part of it.</source>
        <translation>{grade} (MOS {mos}): {experience} Das liegt unter den {pass_mos}, die geschäftliche Anrufe brauchen. Der Test endete vorzeitig, daher deckt dies nur einen Teil ab.</translation>
    </message>
</context>
<context>
    <name>why</name>
    <message>
        <source>A perfect call on this scale scores R = 129 (wideband: 50–7000 Hz speech). This call scores R = {r_factor}, which is {label} {mos}.</source>
        <translation>Ein perfekter Anruf erreicht auf dieser Skala R = 129 (Breitband: Sprache von 50–7000 Hz). Dieser Anruf erreicht R = {r_factor}, das entspricht {label} {mos}.</translation>
    </message>
    <message>
        <source>A perfect call on this scale scores R = about 93 (narrowband). This call scores R = {r_factor}, which is {label} {mos}.</source>
        <translation>Ein perfekter Anruf erreicht auf dieser Skala etwa R = 93 (Schmalband). Dieser Anruf erreicht R = {r_factor}, das entspricht {label} {mos}.</translation>
    </message>
    <message>
        <source>A perfect call on this scale scores R = 129 (wideband: 50–7000 Hz speech). This call scores R = {r_factor}, which is MOS {mos}.</source>
        <translation>Ein perfekter Anruf erreicht auf dieser Skala R = 129 (Breitband: Sprache von 50–7000 Hz). Dieser Anruf erreicht R = {r_factor}, das entspricht MOS {mos}.</translation>
    </message>
    <message>
        <source>A perfect call on this scale scores R = about 93 (narrowband). This call scores R = {r_factor}, which is MOS {mos}.</source>
        <translation>Ein perfekter Anruf erreicht auf dieser Skala etwa R = 93 (Schmalband). Dieser Anruf erreicht R = {r_factor}, das entspricht MOS {mos}.</translation>
    </message>
    <message>
        <source>Loudness, sidetone and noise of the handsets (assumed standard): {cost} points.</source>
        <translation>Lautstärke, Rückhören und Rauschen der Endgeräte (als Standard angenommen): {cost} Punkte.</translation>
    </message>
    <message>
        <source>Delay: no noticeable cost. Delay starts to hurt above about 100 ms.</source>
        <translation>Verzögerung: keine spürbaren Kosten. Verzögerung stört ab etwa 100 ms.</translation>
    </message>
    <message>
        <source>Delay: a cost of {cost} points. Delay starts to hurt above about 100 ms.</source>
        <translation>Verzögerung: Kosten von {cost} Punkten. Verzögerung stört ab etwa 100 ms.</translation>
    </message>
    <message>
        <source>Delay (sound takes {ta_ms} ms from mouth to ear): no noticeable cost. Delay starts to hurt above about 100 ms.</source>
        <translation>Verzögerung (der Ton braucht {ta_ms} ms vom Mund bis zum Ohr): keine spürbaren Kosten. Verzögerung stört ab etwa 100 ms.</translation>
    </message>
    <message>
        <source>Delay (sound takes {ta_ms} ms from mouth to ear): a cost of {cost} points. Delay starts to hurt above about 100 ms.</source>
        <translation>Verzögerung (der Ton braucht {ta_ms} ms vom Mund bis zum Ohr): Kosten von {cost} Punkten. Verzögerung stört ab etwa 100 ms.</translation>
    </message>
    <message>
        <source>the codec itself costs {ie}</source>
        <translation>der Codec selbst kostet {ie}</translation>
    </message>
    <message>
        <source>{ppl_pct} % of the audio was lost or late</source>
        <translation>{ppl_pct} % des Tons gingen verloren oder kamen zu spät</translation>
    </message>
    <message>
        <source>losses came in bursts (burst ratio {burst_ratio})</source>
        <translation>die Verluste kamen gehäuft (Burst-Verhältnis {burst_ratio})</translation>
    </message>
    <message>
        <source>Codec and lost packets: a cost of {cost} points.</source>
        <translation>Codec und verlorene Pakete: Kosten von {cost} Punkten.</translation>
    </message>
    <message>
        <source>Codec and lost packets: a cost of {cost} points ({details}).</source>
        <translation>Codec und verlorene Pakete: Kosten von {cost} Punkten ({details}).</translation>
    </message>
</context>
</TS>
