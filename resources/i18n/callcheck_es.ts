<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>advice</name>
    <message>
        <source>Your voice takes {delay_ms} ms to reach the other side, far beyond the {limit_ms} ms limit (ITU-T G.114): people will talk over each other. Use a server or relay closer to you, and avoid satellite, VPN or mobile links.</source>
        <translation>Su voz tarda {delay_ms} ms en llegar al otro lado, muy por encima del límite de {limit_ms} ms (UIT-T G.114): los interlocutores se interrumpirán. Use un servidor o relé más cercano y evite los enlaces por satélite, VPN o móviles.</translation>
    </message>
    <message>
        <source>Your voice takes {delay_ms} ms to reach the other side (recommended: under {limit_ms} ms, ITU-T G.114), so replies come with a pause. Use a server closer to you, or avoid the VPN or relay for calls.</source>
        <translation>Su voz tarda {delay_ms} ms en llegar al otro lado (recomendado: menos de {limit_ms} ms, UIT-T G.114), por lo que las respuestas llegan con una pausa. Use un servidor más cercano o evite la VPN o el relé para las llamadas.</translation>
    </message>
    <message>
        <source>Sound takes {ta_ms} ms from mouth to ear, far beyond the {limit_ms} ms limit of ITU-T G.114: people will talk over each other. Use a server or relay closer to you, and avoid satellite, VPN or mobile links.</source>
        <extracomment>ITU-T G.114 (05/2003) §3, Figure 1: a *mouth-to-ear* delay up to 150 ms is acceptable for most conversations; beyond 400 ms it is unacceptable for general network planning. These are compared with Ta (mouth-to-ear), never with the network&apos;s share alone. Common vendor network targets for voice (Microsoft Teams and Cisco network guidance): Softphone vendors&apos; targets for the network path from the client to their edge (not an ITU limit, and not mouth to ear): one-way &lt; 50 ms, RTT &lt; 100 ms, loss &lt; 1 %, jitter &lt; 30 ms. At 5 % random loss even G.711 with PLC (Bpl 25.1, G.113) falls below the pass mark on the MOS table (G.107: MOS ≈ 3.9), and bursty loss makes it Poor: treat it as critical. G.107 BurstR above 1 means bursty loss; 1.5 leaves room for the noise of a 20-second test. Late discards in the playout buffer: above the loss target, jitter is costing audio. Voice-grade Wi-Fi design guides (Cisco, Aruba) ask for a signal of −67 dBm or better; below −80 dBm the link is unreliable. CallCheck: a bare test call costs ≈ 0.18 CPU-s per second on two cores (DESIGN.md, Facts); with the machine above 85 % busy, audio threads start to miss their deadlines. Cisco QoS design guidance: keep real-time traffic at or below 33 % of a link&apos;s capacity. Bufferbloat test bands (Waveform): ≥ 60 ms extra RTT under load is grade C or worse, ≥ 200 ms grade D or worse. A codec change is worth suggesting when it gains at least this much predicted MOS. The audio devices&apos; own delay (output + input, as the call measured it): wired and USB headsets and laptop audio measure 10–60 ms through the host APIs CallCheck uses; Bluetooth in hands-free mode adds 100–200 ms. Above this the device is worth naming. A device delay that alone uses up G.114&apos;s recommended one-way budget (§3: 150 ms) is the cause when the call scores below the pass mark. The translation context of the actions&apos; sentences.</extracomment>
        <translation>El sonido tarda {ta_ms} ms de la boca al oído, muy por encima del límite de {limit_ms} ms de la UIT-T G.114: los interlocutores se interrumpirán. Use un servidor o relé más cercano y evite los enlaces por satélite, VPN o móviles.</translation>
    </message>
    <message>
        <source>Sound takes {ta_ms} ms from mouth to ear (ITU-T G.114 recommends under {limit_ms} ms), so replies come with a pause. Use a server closer to you, or avoid the VPN or relay for calls.</source>
        <translation>El sonido tarda {ta_ms} ms de la boca al oído (la UIT-T G.114 recomienda menos de {limit_ms} ms), por lo que las respuestas llegan con una pausa. Use un servidor más cercano o evite la VPN o el relé para las llamadas.</translation>
    </message>
    <message>
        <source>The network path (a round trip of {rtt_ms} ms) is slower than softphone vendors&apos; target for the path to their servers ({target_one_way_ms} ms one way, {target_rtt_ms} ms round trip). That target is not a limit for conversation: ITU-T G.114&apos;s limits apply to the whole mouth-to-ear delay.</source>
        <translation>La ruta de red (un tiempo de ida y vuelta de {rtt_ms} ms) es más lenta que el objetivo de los fabricantes de softphones para la ruta hasta sus servidores ({target_one_way_ms} ms de ida, {target_rtt_ms} ms de ida y vuelta). Ese objetivo no es un límite para la conversación: los límites de la UIT-T G.114 se aplican al retardo total de la boca al oído.</translation>
    </message>
    <message>
        <source>The network path ({delay_ms} ms one way) is slower than softphone vendors&apos; target for the path to their servers ({target_one_way_ms} ms one way, {target_rtt_ms} ms round trip). That target is not a limit for conversation: ITU-T G.114&apos;s limits apply to the whole mouth-to-ear delay.</source>
        <translation>La ruta de red ({delay_ms} ms de ida) es más lenta que el objetivo de los fabricantes de softphones para la ruta hasta sus servidores ({target_one_way_ms} ms de ida, {target_rtt_ms} ms de ida y vuelta). Ese objetivo no es un límite para la conversación: los límites de la UIT-T G.114 se aplican al retardo total de la boca al oído.</translation>
    </message>
    <message>
        <source>You are on Wi-Fi and {loss_pct} % of packets were lost in bursts — use a wired connection or move closer to the access point.</source>
        <translation>Está conectado por Wi-Fi y el {loss_pct} % de los paquetes se perdió en ráfagas: use una conexión por cable o acérquese al punto de acceso.</translation>
    </message>
    <message>
        <source>You are on Wi-Fi and {loss_pct} % of packets were lost — use a wired connection or move closer to the access point.</source>
        <translation>Está conectado por Wi-Fi y el {loss_pct} % de los paquetes se perdió: use una conexión por cable o acérquese al punto de acceso.</translation>
    </message>
    <message>
        <source>{loss_pct} % of voice packets were lost in bursts (target: under {target_loss_pct} %), which makes words drop out. The network is congested or faulty: ask IT to check the connection and to give voice priority (QoS).</source>
        <translation>Se perdió en ráfagas el {loss_pct} % de los paquetes de voz (objetivo: menos del {target_loss_pct} %), lo que hace que se pierdan palabras. La red está congestionada o tiene fallos: pida al departamento de TI que revise la conexión y que dé prioridad a la voz (QoS).</translation>
    </message>
    <message>
        <source>{loss_pct} % of voice packets were lost (target: under {target_loss_pct} %), which makes words drop out. The network is congested or faulty: ask IT to check the connection and to give voice priority (QoS).</source>
        <translation>Se perdió el {loss_pct} % de los paquetes de voz (objetivo: menos del {target_loss_pct} %), lo que hace que se pierdan palabras. La red está congestionada o tiene fallos: pida al departamento de TI que revise la conexión y que dé prioridad a la voz (QoS).</translation>
    </message>
    <message>
        <source>Voice packets arrive unevenly (jitter {jitter_ms} ms) and {late_pct} % of them came too late to be played (target: under {target_jitter_ms} ms). Something else is using the connection — pause downloads, uploads and video, use a wired connection, or ask IT for voice QoS.</source>
        <translation>Los paquetes de voz llegan de forma irregular (jitter de {jitter_ms} ms) y el {late_pct} % llegó demasiado tarde para reproducirse (objetivo: menos de {target_jitter_ms} ms). Hay algo más usando la conexión: pause las descargas, las subidas y el vídeo, use una conexión por cable o pida al departamento de TI QoS para la voz.</translation>
    </message>
    <message>
        <source>Voice packets arrive unevenly (jitter {jitter_ms} ms; target: under {target_jitter_ms} ms). Something else is using the connection — pause downloads, uploads and video, use a wired connection, or ask IT for voice QoS.</source>
        <translation>Los paquetes de voz llegan de forma irregular (jitter de {jitter_ms} ms; objetivo: menos de {target_jitter_ms} ms). Hay algo más usando la conexión: pause las descargas, las subidas y el vídeo, use una conexión por cable o pida al departamento de TI QoS para la voz.</translation>
    </message>
    <message>
        <source>{late_pct} % of the voice packets came too late to be played (target: jitter under {target_jitter_ms} ms). Something else is using the connection — pause downloads, uploads and video, use a wired connection, or ask IT for voice QoS.</source>
        <translation>El {late_pct} % de los paquetes de voz llegó demasiado tarde para reproducirse (objetivo: jitter inferior a {target_jitter_ms} ms). Hay algo más usando la conexión: pause las descargas, las subidas y el vídeo, use una conexión por cable o pida al departamento de TI QoS para la voz.</translation>
    </message>
    <message>
        <source>Your Wi-Fi signal is weak ({signal_dbm} dBm; voice needs {min_signal_dbm} dBm or better). Move closer to the access point or use a wired connection.</source>
        <translation>Su señal Wi-Fi es débil ({signal_dbm} dBm; la voz necesita {min_signal_dbm} dBm o más). Acérquese al punto de acceso o use una conexión por cable.</translation>
    </message>
    <message>
        <source>Your Wi-Fi uses the 2.4 GHz band, which is crowded and slower. If your network offers 5 GHz (often a name ending in “5G”), connect to that instead.</source>
        <translation>Su Wi-Fi usa la banda de 2,4 GHz, que está saturada y es más lenta. Si su red ofrece 5 GHz (a menudo con un nombre que termina en «5G»), conéctese a esa.</translation>
    </message>
    <message>
        <source>Your calls go through a VPN ({vpn_interfaces}), which adds delay and can lose packets. Ask IT whether voice can bypass the VPN (split tunnelling), or test without it.</source>
        <translation>Sus llamadas pasan por una VPN ({vpn_interfaces}), lo que añade retardo y puede perder paquetes. Pregunte al departamento de TI si la voz puede evitar la VPN (túnel dividido) o haga la prueba sin ella.</translation>
    </message>
    <message>
        <source>A VPN or tunnel is active ({vpn_interfaces}). If calls are poor, test once without it.</source>
        <translation>Hay una VPN o un túnel activo ({vpn_interfaces}). Si las llamadas suenan mal, haga una prueba sin ella.</translation>
    </message>
    <message>
        <source>Your Bluetooth headset “{device}” is in hands-free mode at {rate_khz} kHz, which makes voices sound thin and muffled. Use a wired or USB headset, or a Bluetooth headset with its own USB dongle.</source>
        <translation>Sus auriculares Bluetooth «{device}» están en modo manos libres a {rate_khz} kHz, lo que hace que las voces suenen débiles y apagadas. Use auriculares con cable o USB, o unos auriculares Bluetooth con su propio adaptador USB.</translation>
    </message>
    <message>
        <source>Your Bluetooth headset “{device}” is in hands-free mode, which makes voices sound thin and muffled. Use a wired or USB headset, or a Bluetooth headset with its own USB dongle.</source>
        <translation>Sus auriculares Bluetooth «{device}» están en modo manos libres, lo que hace que las voces suenen débiles y apagadas. Use auriculares con cable o USB, o unos auriculares Bluetooth con su propio adaptador USB.</translation>
    </message>
    <message>
        <source>Your Bluetooth headset “{device}” adds {delay} ms of delay in its hands-free mode: use a wired or USB headset, or the laptop&apos;s own speaker and microphone.</source>
        <translation>Sus auriculares Bluetooth «{device}» añaden {delay} ms de retardo en el modo manos libres: use auriculares con cable o USB, o el altavoz y el micrófono integrados del portátil.</translation>
    </message>
    <message>
        <source>Your audio device “{device}” adds {delay} ms of delay: try another headset, a wired one, or the laptop&apos;s own speaker and microphone.</source>
        <translation>Su dispositivo de audio «{device}» añade {delay} ms de retardo: pruebe otros auriculares, unos con cable, o el altavoz y el micrófono integrados del portátil.</translation>
    </message>
    <message>
        <source>Your computer was very busy during the test ({cpu_load_pct} % CPU), which can make audio stutter. Close programs you do not need, or restart the computer before calls.</source>
        <translation>Su equipo estuvo muy ocupado durante la prueba ({cpu_load_pct} % de CPU), lo que puede hacer que el audio se entrecorte. Cierre los programas que no necesite o reinicie el equipo antes de las llamadas.</translation>
    </message>
    <message>
        <source>Your connection carried only {available_kbps} kbit/s, less than the {voice_kbps} kbit/s a call needs. Stop other downloads and uploads, or ask for a faster connection; a low-bitrate codec (see below) can help.</source>
        <translation>Su conexión solo transportó {available_kbps} kbit/s, menos de los {voice_kbps} kbit/s que necesita una llamada. Detenga otras descargas y subidas, o solicite una conexión más rápida; un códec de baja tasa de bits (vea más abajo) puede ayudar.</translation>
    </message>
    <message>
        <source>A call needs {voice_kbps} kbit/s of the {available_kbps} kbit/s your connection carried — little room left for anything else. Avoid large downloads during calls.</source>
        <translation>Una llamada necesita {voice_kbps} kbit/s de los {available_kbps} kbit/s que transportó su conexión: queda poco margen para otras cosas. Evite las descargas grandes durante las llamadas.</translation>
    </message>
    <message>
        <source>When your connection is busy ({direction}), delay grows by {rtt_increase_ms} ms (bufferbloat, grade {grade}). Turn on Smart Queue Management (SQM) or QoS in the router, or ask IT to prioritise voice.</source>
        <translation>Cuando su conexión está ocupada ({direction}), el retardo aumenta {rtt_increase_ms} ms (bufferbloat, calificación {grade}). Active la gestión inteligente de colas (SQM) o la QoS en el router, o pida al departamento de TI que dé prioridad a la voz.</translation>
    </message>
    <message>
        <source>uplink</source>
        <extracomment>The directions of a capacity measurement, as words in a sentence.</extracomment>
        <translation>subida</translation>
    </message>
    <message>
        <source>downlink</source>
        <translation>bajada</translation>
    </message>
    <message>
        <source>The network removes the priority mark on voice packets (sent DSCP {dscp_sent} “EF”, arrived as DSCP {dscp_received}), so voice waits behind other traffic when the line is busy. Ask IT to keep DSCP EF for voice or to use a voice VLAN.</source>
        <translation>La red elimina la marca de prioridad de los paquetes de voz (enviados con DSCP {dscp_sent} «EF», recibidos con DSCP {dscp_received}), por lo que la voz espera detrás del resto del tráfico cuando la línea está ocupada. Pida al departamento de TI que mantenga DSCP EF para la voz o que use una VLAN de voz.</translation>
    </message>
    <message>
        <source>The network changes the priority mark on voice packets (sent DSCP {dscp_sent} “EF”, arrived as DSCP {dscp_received}), so voice waits behind other traffic when the line is busy. Ask IT to keep DSCP EF for voice or to use a voice VLAN.</source>
        <translation>La red cambia la marca de prioridad de los paquetes de voz (enviados con DSCP {dscp_sent} «EF», recibidos con DSCP {dscp_received}), por lo que la voz espera detrás del resto del tráfico cuando la línea está ocupada. Pida al departamento de TI que mantenga DSCP EF para la voz o que use una VLAN de voz.</translation>
    </message>
    <message>
        <source>Voice had to travel over TCP because UDP is blocked, so any lost packet turns into a delay. Ask IT to allow UDP for calls (the softphone&apos;s media ports, and TURN on UDP 3478).</source>
        <translation>La voz tuvo que viajar por TCP porque UDP está bloqueado, así que cada paquete perdido se convierte en retardo. Pida al departamento de TI que permita UDP para las llamadas (los puertos de medios del softphone, y TURN en UDP 3478).</translation>
    </message>
    <message>
        <source>Voice went through a relay server rather than directly, usually because a firewall or NAT blocks the direct path. This adds some delay.</source>
        <translation>La voz pasó por un servidor de retransmisión en lugar de ir directamente, normalmente porque un cortafuegos o un NAT bloquea la ruta directa. Esto añade algo de retardo.</translation>
    </message>
    <message>
        <source>On this network {suggested} would score MOS-CQEW {suggested_mos} instead of {current_mos} with {current} (both on the wideband scale, to compare codecs). Ask IT to prefer it in the softphone&apos;s codec settings.</source>
        <translation>En esta red, {suggested} obtendría un MOS-CQEW de {suggested_mos} en lugar de {current_mos} con {current} (ambos en la escala de banda ancha, para comparar códecs). Pida al departamento de TI que lo prefiera en la configuración de códecs del softphone.</translation>
    </message>
    <message>
        <source>On this network {suggested} would score MOS {suggested_mos} instead of {current_mos} with {current}. Ask IT to prefer it in the softphone&apos;s codec settings.</source>
        <translation>En esta red, {suggested} obtendría un MOS de {suggested_mos} en lugar de {current_mos} con {current}. Pida al departamento de TI que lo prefiera en la configuración de códecs del softphone.</translation>
    </message>
    <message>
        <source>The network is fine for this call (predicted MOS {predicted}), but the audio that reached the speaker scored {heard}: it is damaged on this computer. Check the headset and its cable, make sure a Bluetooth headset is not in hands-free mode, and close programs that keep the CPU busy.</source>
        <translation>La red es adecuada para esta llamada (MOS previsto {predicted}), pero el audio que llegó al altavoz obtuvo {heard}: se degrada en este equipo. Revise los auriculares y su cable, asegúrese de que unos auriculares Bluetooth no estén en modo manos libres y cierre los programas que mantienen ocupada la CPU.</translation>
    </message>
    <message>
        <source>The biggest cost to this call is delay on the network: sound takes {ta_ms} ms from mouth to ear, {part_ms} ms of it on the network path. Use a server or relay closer to you, and avoid VPN, satellite or mobile links for calls.</source>
        <translation>Lo que más perjudica a esta llamada es el retardo en la red: el sonido tarda {ta_ms} ms de la boca al oído, {part_ms} ms de ellos en la ruta de red. Use un servidor o relé más cercano y evite los enlaces VPN, por satélite o móviles para las llamadas.</translation>
    </message>
    <message>
        <source>The biggest cost to this call is delay in the playout buffer: sound takes {ta_ms} ms from mouth to ear, {part_ms} ms of it waiting for voice packets that arrive unevenly (jitter). Use a wired connection, pause other traffic, or ask IT for voice QoS.</source>
        <translation>Lo que más perjudica a esta llamada es el retardo en el búfer de reproducción: el sonido tarda {ta_ms} ms de la boca al oído, {part_ms} ms de ellos esperando paquetes de voz que llegan de forma irregular (jitter). Use una conexión por cable, pause el resto del tráfico o pida al departamento de TI QoS para la voz.</translation>
    </message>
    <message>
        <source>The biggest cost to this call is delay from the audio device: sound takes {ta_ms} ms from mouth to ear, {part_ms} ms of it in the microphone and speaker path. Use a wired USB headset, or another audio device or driver.</source>
        <translation>Lo que más perjudica a esta llamada es el retardo del dispositivo de audio: el sonido tarda {ta_ms} ms de la boca al oído, {part_ms} ms de ellos en el circuito del micrófono y el altavoz. Use auriculares USB con cable, u otro dispositivo o controlador de audio.</translation>
    </message>
    <message>
        <source>The biggest cost to this call is packet loss: {loss_pct} % of the voice packets were lost or came too late to be played, which makes words drop out. Use a wired connection instead of Wi-Fi, or ask IT to check the network path.</source>
        <translation>Lo que más perjudica a esta llamada es la pérdida de paquetes: el {loss_pct} % de los paquetes de voz se perdió o llegó demasiado tarde para reproducirse, lo que hace que se pierdan palabras. Use una conexión por cable en lugar de Wi-Fi, o pida al departamento de TI que revise la ruta de red.</translation>
    </message>
    <message>
        <source>The biggest cost to this call is the codec: {codec} alone limits it to {label} {ceiling_mos}. Ask IT to prefer {alternative} in the softphone&apos;s settings: on this network it would give MOS-CQEW {alternative_mos}.</source>
        <translation>Lo que más perjudica a esta llamada es el códec: {codec} por sí solo la limita a {label} {ceiling_mos}. Pida al departamento de TI que prefiera {alternative} en la configuración del softphone: en esta red daría un MOS-CQEW de {alternative_mos}.</translation>
    </message>
    <message>
        <source>The biggest cost to this call is the codec: {codec} alone limits it to {label} {ceiling_mos}. Ask IT to prefer a wideband codec such as Opus in the softphone&apos;s settings.</source>
        <translation>Lo que más perjudica a esta llamada es el códec: {codec} por sí solo la limita a {label} {ceiling_mos}. Pida al departamento de TI que prefiera un códec de banda ancha como Opus en la configuración del softphone.</translation>
    </message>
    <message>
        <source>Your connection meets the targets for voice (MOS {mos}). If calls still sound bad, the problem is likely at the other end or in the softphone&apos;s settings.</source>
        <extracomment>Below this MOS a call is &quot;Bad&quot; (DESIGN.md grades): its first action is critical.</extracomment>
        <translation>Su conexión cumple los objetivos para la voz (MOS {mos}). Si las llamadas siguen sonando mal, es probable que el problema esté en el otro extremo o en la configuración del softphone.</translation>
    </message>
</context>
<context>
    <name>connectivity</name>
    <message>
        <source>the server&apos;s name could not be resolved (DNS)</source>
        <extracomment>Each pre-call check gives up after this long (the whole diagnosis must fit in 10 s). A token that no session has: its ``GET`` answers 401 (bad token) or 404 (token passed). The translation context of the findings. The plain words of :func:`callcheck.engine.signaling.classify_http_error` that have no detail in them, marked for translation; other words stay as they are (English).</extracomment>
        <translation>no se pudo resolver el nombre del servidor (DNS)</translation>
    </message>
    <message>
        <source>the secure (TLS) connection failed: the certificate is not trusted</source>
        <translation>falló la conexión segura (TLS): el certificado no es de confianza</translation>
    </message>
    <message>
        <source>the secure (TLS) connection failed</source>
        <translation>falló la conexión segura (TLS)</translation>
    </message>
    <message>
        <source>the server did not answer in time (a firewall may drop the traffic)</source>
        <translation>el servidor no respondió a tiempo (puede que un cortafuegos bloquee el tráfico)</translation>
    </message>
    <message>
        <source>the connection was refused: nothing listens on that port</source>
        <translation>se rechazó la conexión: no hay nada escuchando en ese puerto</translation>
    </message>
    <message>
        <source>the server closed the connection without answering</source>
        <translation>el servidor cerró la conexión sin responder</translation>
    </message>
    <message>
        <source>Cannot reach the server at {url}: {reason}.</source>
        <translation>No se puede conectar con el servidor en {url}: {reason}.</translation>
    </message>
    <message>
        <source>The server answers over {scheme}.</source>
        <translation>El servidor responde por {scheme}.</translation>
    </message>
    <message>
        <source>The server answers over {scheme} (HTTP {status} on /healthz: not a CallCheck server?).</source>
        <translation>El servidor responde por {scheme} (HTTP {status} en /healthz: ¿no es un servidor de CallCheck?).</translation>
    </message>
    <message>
        <source>The token could not be checked: {reason}.</source>
        <translation>No se pudo comprobar el token: {reason}.</translation>
    </message>
    <message>
        <source>The server needs an access token: pass --token.</source>
        <translation>El servidor necesita un token de acceso: indíquelo con --token.</translation>
    </message>
    <message>
        <source>The server refused the access token: check --token.</source>
        <translation>El servidor rechazó el token de acceso: revise --token.</translation>
    </message>
    <message>
        <source>The server needs no token.</source>
        <translation>El servidor no necesita token.</translation>
    </message>
    <message>
        <source>The server accepted the token.</source>
        <translation>El servidor aceptó el token.</translation>
    </message>
    <message>
        <source>The room could not be checked: {reason}.</source>
        <translation>No se pudo comprobar la sala: {reason}.</translation>
    </message>
    <message>
        <source>No room {code}: check the code (rooms expire).</source>
        <translation>No existe la sala {code}: revise el código (las salas caducan).</translation>
    </message>
    <message>
        <source>The room check failed (HTTP {status}).</source>
        <translation>Falló la comprobación de la sala (HTTP {status}).</translation>
    </message>
    <message>
        <source>Room {code} already has two people in it.</source>
        <translation>La sala {code} ya tiene dos personas.</translation>
    </message>
    <message>
        <source>Room {code} is open.</source>
        <translation>La sala {code} está abierta.</translation>
    </message>
    <message>
        <source>Bad TURN URL {url}.</source>
        <translation>URL de TURN incorrecta: {url}.</translation>
    </message>
    <message>
        <source>The TURN server {host}:{port} did not answer over {transport} within {timeout_s} s: a firewall may block {transport} to port {port}.</source>
        <translation>El servidor TURN {host}:{port} no respondió por {transport} en {timeout_s} s: puede que un cortafuegos bloquee {transport} hacia el puerto {port}.</translation>
    </message>
    <message>
        <source>the user name or password was refused</source>
        <translation>se rechazó el nombre de usuario o la contraseña</translation>
    </message>
    <message>
        <source>The TURN server {host}:{port} over {transport} failed: {reason}.</source>
        <translation>Falló el servidor TURN {host}:{port} por {transport}: {reason}.</translation>
    </message>
    <message>
        <source>A relay was allocated on {host}:{port} over {transport}.</source>
        <translation>Se asignó un relé en {host}:{port} por {transport}.</translation>
    </message>
    <message>
        <source>UDP media gets through (ICE connectivity checks answered).</source>
        <translation>Los medios UDP pasan (las comprobaciones de conectividad ICE obtuvieron respuesta).</translation>
    </message>
    <message>
        <source>The far end offered no network address for the media (no ICE candidates).</source>
        <translation>El otro extremo no ofreció ninguna dirección de red para los medios (ningún candidato ICE).</translation>
    </message>
    <message>
        <source>The server answered over HTTP(S), but no UDP packets came back: a firewall probably blocks UDP. Allow UDP to the server, or use a TURN server over TCP/TLS (--ice-server turn:USER:PASS@HOST:443?transport=tcp --force-relay).</source>
        <translation>El servidor respondió por HTTP(S), pero no volvió ningún paquete UDP: probablemente un cortafuegos bloquea UDP. Permita UDP hacia el servidor o use un servidor TURN por TCP/TLS (--ice-server turn:USER:PASS@HOST:443?transport=tcp --force-relay).</translation>
    </message>
</context>
<context>
    <name>grades</name>
    <message>
        <source>Excellent</source>
        <translation>Excelente</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Buena</translation>
    </message>
    <message>
        <source>Fair</source>
        <translation>Aceptable</translation>
    </message>
    <message>
        <source>Poor</source>
        <translation>Deficiente</translation>
    </message>
    <message>
        <source>Bad</source>
        <translation>Mala</translation>
    </message>
    <message>
        <source>Crystal-clear audio, no issues.</source>
        <extracomment>Best first. A MOS exactly on a boundary belongs to the better band (4.0 is Good, 4.3 Excellent).</extracomment>
        <translation>Audio perfectamente nítido, sin problemas.</translation>
    </message>
    <message>
        <source>Clear voice, very minor flaws.</source>
        <translation>Voz clara, defectos muy leves.</translation>
    </message>
    <message>
        <source>Slight distortion, still understandable.</source>
        <translation>Ligera distorsión, aún comprensible.</translation>
    </message>
    <message>
        <source>Noticeable issues affect conversation.</source>
        <translation>Problemas notables que afectan a la conversación.</translation>
    </message>
    <message>
        <source>Hard to hear, disruptive.</source>
        <translation>Difícil de oír, molesta.</translation>
    </message>
</context>
<context>
    <name>heard</name>
    <message>
        <source>What the listener heard</source>
        <extracomment>The translation context of the heard score&apos;s sentences (CLI, text summary, HTML, Results).</extracomment>
        <translation>Lo que oyó su interlocutor</translation>
    </message>
    <message>
        <source>downlink (far end to you)</source>
        <extracomment>Each direction in words; the report&apos;s value (``downlink`` …) stays the key.</extracomment>
        <translation>bajada (del otro extremo a usted)</translation>
    </message>
    <message>
        <source>uplink (you to far end)</source>
        <translation>subida (de usted al otro extremo)</translation>
    </message>
    <message>
        <source>round trip (your voice, back from the server)</source>
        <translation>ida y vuelta (su voz, devuelta por el servidor)</translation>
    </message>
    <message>
        <source>What the listener heard: {mos} {scale} ({detail})</source>
        <translation>Lo que oyó su interlocutor: {mos} {scale} ({detail})</translation>
    </message>
    <message>
        <source>What the listener heard: not available ({why})</source>
        <translation>Lo que oyó su interlocutor: no disponible ({why})</translation>
    </message>
    <message>
        <source>What the listener heard: not available</source>
        <translation>Lo que oyó su interlocutor: no disponible</translation>
    </message>
    <message>
        <source>{direction}: {mos} {scale} — {model}, {method}, {seconds} s scored</source>
        <translation>{direction}: {mos} {scale} — {model}, {method}, {seconds} s evaluados</translation>
    </message>
    <message>
        <source>{direction}: not available — {why}</source>
        <translation>{direction}: no disponible — {why}</translation>
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
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>MOS gauge</source>
        <translation>Indicador MOS</translation>
    </message>
    <message>
        <source>no score</source>
        <translation>sin puntuación</translation>
    </message>
    <message>
        <source>{title}: no samples.</source>
        <translation>{title}: sin muestras.</translation>
    </message>
    <message>
        <source>last 1 s</source>
        <translation>último s</translation>
    </message>
    <message>
        <source>MOS over the test</source>
        <translation>MOS durante la prueba</translation>
    </message>
    <message>
        <source>Round-trip time</source>
        <translation>Tiempo de ida y vuelta</translation>
    </message>
    <message>
        <source>Jitter and playout buffer</source>
        <translation>Jitter y búfer de reproducción</translation>
    </message>
    <message>
        <source>jitter</source>
        <translation>jitter</translation>
    </message>
    <message>
        <source>buffer</source>
        <translation>búfer</translation>
    </message>
    <message>
        <source>Packet loss per interval</source>
        <translation>Pérdida de paquetes por intervalo</translation>
    </message>
    <message>
        <source>one-way network delay</source>
        <extracomment>The E-model inputs (report ``quality.inputs``) in words; the G.107 symbol stays in brackets for whoever checks the arithmetic.</extracomment>
        <translation>retardo de red en un sentido</translation>
    </message>
    <message>
        <source>wait in the playout buffer</source>
        <translation>espera en el búfer de reproducción</translation>
    </message>
    <message>
        <source>codec delay (packet and look-ahead)</source>
        <translation>retardo del códec (paquete y anticipación)</translation>
    </message>
    <message>
        <source>audio device delay</source>
        <translation>retardo del dispositivo de audio</translation>
    </message>
    <message>
        <source>packets lost on the network</source>
        <translation>paquetes perdidos en la red</translation>
    </message>
    <message>
        <source>packets too late to play</source>
        <translation>paquetes que llegaron tarde para reproducirse</translation>
    </message>
    <message>
        <source>how bunched the losses are</source>
        <translation>cuán agrupadas están las pérdidas</translation>
    </message>
    <message>
        <source>mouth-to-ear delay (Ta)</source>
        <translation>retardo de boca a oído (Ta)</translation>
    </message>
    <message>
        <source>talker echo path delay (T)</source>
        <translation>retardo del eco del hablante (T)</translation>
    </message>
    <message>
        <source>listener echo loop delay (Tr)</source>
        <translation>retardo del bucle de eco del oyente (Tr)</translation>
    </message>
    <message>
        <source>packets lost or too late (Ppl)</source>
        <translation>paquetes perdidos o tardíos (Ppl)</translation>
    </message>
    <message>
        <source>how bunched the losses are (BurstR)</source>
        <translation>cuán agrupadas están las pérdidas (BurstR)</translation>
    </message>
    <message>
        <source>what the codec itself costs (Ie)</source>
        <translation>lo que cuesta el propio códec (Ie)</translation>
    </message>
    <message>
        <source>how well the codec hides loss (Bpl)</source>
        <translation>lo bien que el códec oculta las pérdidas (Bpl)</translation>
    </message>
    <message>
        <source>round trip</source>
        <translation>ida y vuelta</translation>
    </message>
    <message>
        <source>target round trip</source>
        <translation>ida y vuelta objetivo</translation>
    </message>
    <message>
        <source>one-way delay</source>
        <translation>retardo en un sentido</translation>
    </message>
    <message>
        <source>mouth to ear</source>
        <translation>de boca a oído</translation>
    </message>
    <message>
        <source>computer busy</source>
        <translation>ordenador ocupado</translation>
    </message>
    <message>
        <source>audio lost or late</source>
        <translation>audio perdido o tardío</translation>
    </message>
    <message>
        <source>none</source>
        <extracomment>A source that points into the code reads, in a report, as where a person finds it. Field-name suffixes and the unit they stand for.</extracomment>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>documented with CallCheck&apos;s codec table</source>
        <translation>documentado en la tabla de códecs de CallCheck</translation>
    </message>
    <message>
        <source>measured</source>
        <extracomment>How an E-model input is known (``quality.inputs[].provenance``), in words.</extracomment>
        <translation>medido</translation>
    </message>
    <message>
        <source>estimated</source>
        <translation>estimado</translation>
    </message>
    <message>
        <source>assumed</source>
        <translation>supuesto</translation>
    </message>
    <message>
        <source>(clamped from {value})</source>
        <translation>(limitado desde {value})</translation>
    </message>
    <message>
        <source>what</source>
        <translation>qué</translation>
    </message>
    <message>
        <source>value</source>
        <translation>valor</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>unidad</translation>
    </message>
    <message>
        <source>how known</source>
        <translation>cómo se sabe</translation>
    </message>
    <message>
        <source>from</source>
        <translation>fuente</translation>
    </message>
    <message>
        <source>target under {limit}</source>
        <translation>objetivo: menos de {limit}</translation>
    </message>
    <message>
        <source>Round trip</source>
        <translation>Ida y vuelta</translation>
    </message>
    <message>
        <source>Jitter</source>
        <translation>Jitter</translation>
    </message>
    <message>
        <source>Packet loss</source>
        <translation>Pérdida de paquetes</translation>
    </message>
    <message>
        <source>Predicted from the network (E-model): {label} {mos}. The heard score measures the audio as it reached the speaker, against what was sent; well below the prediction means the audio was damaged on the computer, not on the network.</source>
        <translation>Previsto a partir de la red (modelo E): {label} {mos}. La puntuación oída mide el audio tal como llegó al altavoz, comparado con lo enviado; muy por debajo de la previsión significa que el audio se dañó en el ordenador, no en la red.</translation>
    </message>
    <message>
        <source>Measured: {evidence}</source>
        <translation>Medido: {evidence}</translation>
    </message>
    <message>
        <source>No actions.</source>
        <translation>Ninguna acción.</translation>
    </message>
    <message>
        <source>does not fit</source>
        <translation>no cabe</translation>
    </message>
    <message>
        <source>No codec predictions (no delay was measured).</source>
        <translation>No hay predicciones de códec (no se midió ningún retardo).</translation>
    </message>
    <message>
        <source>predicted {label}</source>
        <translation>{label} previsto</translation>
    </message>
    <message>
        <source>codec</source>
        <translation>códec</translation>
    </message>
    <message>
        <source>bandwidth</source>
        <translation>ancho de banda</translation>
    </message>
    <message>
        <source>fits the connection</source>
        <translation>cabe en la conexión</translation>
    </message>
    <message>
        <source>why</source>
        <translation>por qué</translation>
    </message>
    <message>
        <source>measured by</source>
        <translation>medido por</translation>
    </message>
    <message>
        <source>round trip, mean / p95</source>
        <translation>ida y vuelta, media / p95</translation>
    </message>
    <message>
        <source>one-way delay, mean / p95</source>
        <translation>retardo en un sentido, media / p95</translation>
    </message>
    <message>
        <source>jitter, mean / p95</source>
        <translation>jitter, media / p95</translation>
    </message>
    <message>
        <source>loss, total / p95 interval</source>
        <translation>pérdida, total / p95 por intervalo</translation>
    </message>
    <message>
        <source>packets sent</source>
        <translation>paquetes enviados</translation>
    </message>
    <message>
        <source>packets received</source>
        <translation>paquetes recibidos</translation>
    </message>
    <message>
        <source>packets lost</source>
        <translation>paquetes perdidos</translation>
    </message>
    <message>
        <source>reordered</source>
        <translation>reordenados</translation>
    </message>
    <message>
        <source>burst ratio</source>
        <translation>índice de ráfagas</translation>
    </message>
    <message>
        <source>No call was made, so there are no network figures.</source>
        <translation>No se estableció ninguna llamada, por lo que no hay cifras de red.</translation>
    </message>
    <message>
        <source>uplink (you → far end)</source>
        <translation>subida (usted → otro extremo)</translation>
    </message>
    <message>
        <source>downlink (far end → you)</source>
        <translation>bajada (otro extremo → usted)</translation>
    </message>
    <message>
        <source>audio input</source>
        <extracomment>An audio device&apos;s direction (``environment.host.audio_devices[].direction``), in words.</extracomment>
        <translation>entrada de audio</translation>
    </message>
    <message>
        <source>audio output</source>
        <translation>salida de audio</translation>
    </message>
    <message>
        <source>capacity uplink</source>
        <translation>capacidad de subida</translation>
    </message>
    <message>
        <source>capacity downlink</source>
        <translation>capacidad de bajada</translation>
    </message>
    <message>
        <source>operating system</source>
        <translation>sistema operativo</translation>
    </message>
    <message>
        <source>network</source>
        <translation>red</translation>
    </message>
    <message>
        <source> — Bluetooth hands-free</source>
        <translation> — Bluetooth manos libres</translation>
    </message>
    <message>
        <source>note</source>
        <translation>nota</translation>
    </message>
    <message>
        <source>voice priority (DSCP)</source>
        <translation>prioridad de voz (DSCP)</translation>
    </message>
    <message>
        <source>sent {sent}, arrived {arrived} ({verdict})</source>
        <translation>enviado {sent}, llegado {arrived} ({verdict})</translation>
    </message>
    <message>
        <source>{kbps} kbit/s; delay under load +{delay_ms} ms (bufferbloat grade {grade})</source>
        <translation>{kbps} kbit/s; retardo con carga +{delay_ms} ms (nota de bufferbloat {grade})</translation>
    </message>
    <message>
        <source>connection</source>
        <translation>conexión</translation>
    </message>
    <message>
        <source>protocol</source>
        <translation>protocolo</translation>
    </message>
    <message>
        <source>relay (TURN) used</source>
        <translation>relé (TURN) usado</translation>
    </message>
    <message>
        <source>connect time</source>
        <translation>tiempo de conexión</translation>
    </message>
    <message>
        <source>playout buffer, mean</source>
        <translation>búfer de reproducción, media</translation>
    </message>
    <message>
        <source>late discards</source>
        <translation>descartes tardíos</translation>
    </message>
    <message>
        <source>concealed frames</source>
        <translation>tramas ocultadas</translation>
    </message>
    <message>
        <source>emulated network (what-if)</source>
        <translation>red emulada (simulación)</translation>
    </message>
    <message>
        <source>audio devices used</source>
        <translation>dispositivos de audio usados</translation>
    </message>
    <message>
        <source>microphone</source>
        <translation>micrófono</translation>
    </message>
    <message>
        <source>speaker</source>
        <translation>altavoz</translation>
    </message>
    <message>
        <source>mouth to ear, network and buffer</source>
        <translation>de boca a oído, red y búfer</translation>
    </message>
    <message>
        <source>mouth to ear, with the audio devices</source>
        <translation>de boca a oído, con los dispositivos de audio</translation>
    </message>
    <message>
        <source>speaker to microphone, measured</source>
        <translation>altavoz a micrófono, medido</translation>
    </message>
    <message>
        <source>test tones heard</source>
        <translation>tonos de prueba oídos</translation>
    </message>
    <message>
        <source>{detected} of {expected}</source>
        <translation>{detected} de {expected}</translation>
    </message>
    <message>
        <source>audio dropouts</source>
        <translation>cortes de audio</translation>
    </message>
    <message>
        <source>audio problem</source>
        <translation>problema de audio</translation>
    </message>
    <message>
        <source>CallCheck report {id}</source>
        <extracomment>The scheme of image references in a page rendered without inline SVG.</extracomment>
        <translation>Informe de CallCheck {id}</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>aprobado</translation>
    </message>
    <message>
        <source>below pass mark</source>
        <translation>por debajo del mínimo</translation>
    </message>
    <message>
        <source>No score</source>
        <translation>Sin puntuación</translation>
    </message>
    <message>
        <source>{mode} · {date} · codec {codec} · {duration} · test {id} · CallCheck {version}</source>
        <translation>{mode} · {date} · códec {codec} · {duration} · prueba {id} · CallCheck {version}</translation>
    </message>
    <message>
        <source>{label} {mos} ({scale} scale, ITU-T P.800.1)</source>
        <translation>{label} {mos} (escala {scale}, UIT-T P.800.1)</translation>
    </message>
    <message>
        <source>CallCheck call-quality report</source>
        <translation>Informe de CallCheck sobre la calidad de llamada</translation>
    </message>
    <message>
        <source>The three numbers that matter</source>
        <translation>Las tres cifras que importan</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Qué hacer</translation>
    </message>
    <message>
        <source>During the test</source>
        <translation>Durante la prueba</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>Why this score</source>
        <translation>Por qué esta puntuación</translation>
    </message>
    <message>
        <source>No audio was measured, so there is no score.</source>
        <translation>No se midió audio, por lo que no hay puntuación.</translation>
    </message>
    <message>
        <source>Codecs on this network</source>
        <translation>Códecs en esta red</translation>
    </message>
    <message>
        <source>The network, each way</source>
        <translation>La red, en cada sentido</translation>
    </message>
    <message>
        <source>This computer and the connection</source>
        <translation>Este ordenador y la conexión</translation>
    </message>
    <message>
        <source>Problems during the test</source>
        <translation>Problemas durante la prueba</translation>
    </message>
    <message>
        <source>Scores follow ITU-T G.107 / G.107.1 (E-model). Report schema {schema}.</source>
        <translation>Las puntuaciones siguen UIT-T G.107 / G.107.1 (modelo E). Esquema del informe {schema}.</translation>
    </message>
</context>
<context>
    <name>summary</name>
    <message>
        <source>not measured</source>
        <extracomment>Width a ticket system or an e-mail shows without wrapping. How many actions the summary lists. The translation context of the summary&apos;s lines.</extracomment>
        <translation>no medido</translation>
    </message>
    <message>
        <source>Wi-Fi</source>
        <extracomment>``environment.host.interface_kind`` → what the summary calls it.</extracomment>
        <translation>Wi-Fi</translation>
    </message>
    <message>
        <source>wired (Ethernet)</source>
        <translation>por cable (Ethernet)</translation>
    </message>
    <message>
        <source>mobile data</source>
        <translation>datos móviles</translation>
    </message>
    <message>
        <source>VPN tunnel</source>
        <translation>túnel VPN</translation>
    </message>
    <message>
        <source>other</source>
        <translation>otro</translation>
    </message>
    <message>
        <source>info</source>
        <extracomment>An action&apos;s severity as the summary shows it (&quot;1. [warning] …&quot;).</extracomment>
        <translation>información</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>advertencia</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>crítico</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
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
        <translation>Comprobación local rápida</translation>
    </message>
    <message>
        <source>Network test</source>
        <translation>Prueba de red</translation>
    </message>
    <message>
        <source>Call a colleague</source>
        <translation>Llamar a un colega</translation>
    </message>
    <message>
        <source>User</source>
        <extracomment>The labels of the &quot;for the helpdesk&quot; block, in its order.</extracomment>
        <translation>Usuario</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>Equipo</translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation>Sistema operativo</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>Micrófono</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Altavoz</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Red</translation>
    </message>
    <message>
        <source>Test server</source>
        <translation>Servidor de prueba</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Prueba</translation>
    </message>
    <message>
        <source>App version</source>
        <translation>Versión de la aplicación</translation>
    </message>
    <message>
        <source>For the helpdesk</source>
        <translation>Para el soporte técnico</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>no registrado</translation>
    </message>
    <message>
        <source>{mode}, codec {codec}, {duration}, {date}, id {id}</source>
        <translation>{mode}, códec {codec}, {duration}, {date}, ID {id}</translation>
    </message>
    <message>
        <source>none (tested on this computer)</source>
        <translation>ninguno (prueba en este equipo)</translation>
    </message>
    <message>
        <source>Main reason: {cause}.</source>
        <translation>Motivo principal: {cause}.</translation>
    </message>
    <message>
        <source>Main reason: {reason}</source>
        <translation>Motivo principal: {reason}</translation>
    </message>
    <message>
        <source>Main reason: the test ended before it was complete.</source>
        <translation>Motivo principal: la prueba terminó antes de completarse.</translation>
    </message>
    <message>
        <source>delay on the network</source>
        <extracomment>The causes of :class:`callcheck.core.rating.Cause` in plain words.</extracomment>
        <translation>el retardo en la red</translation>
    </message>
    <message>
        <source>delay in the playout buffer (jitter)</source>
        <translation>el retardo en el búfer de reproducción (jitter)</translation>
    </message>
    <message>
        <source>delay from the audio device</source>
        <translation>el retardo del dispositivo de audio</translation>
    </message>
    <message>
        <source>packet loss</source>
        <translation>la pérdida de paquetes</translation>
    </message>
    <message>
        <source>the codec itself</source>
        <translation>el propio códec</translation>
    </message>
    <message>
        <source>Why this score: the codec alone allows {label} {ceiling}; the network and the devices cost {cost} R below that.</source>
        <translation>Por qué esta puntuación: el códec por sí solo permite como máximo {label} {ceiling}; la red y los dispositivos restan {cost} puntos R a ese máximo.</translation>
    </message>
    <message>
        <source>The largest cost is {cause}.</source>
        <translation>Lo que más perjudica es {cause}.</translation>
    </message>
    <message>
        <source>A wideband codec ({name}) would give MOS-CQEW {mos} here.</source>
        <translation>Un códec de banda ancha ({name}) daría aquí un MOS-CQEW de {mos}.</translation>
    </message>
    <message>
        <source>CallCheck call-quality test {id}</source>
        <translation>Prueba de calidad de llamada de CallCheck {id}</translation>
    </message>
    <message>
        <source>Details:</source>
        <translation>Detalles:</translation>
    </message>
    <message>
        <source>no score</source>
        <translation>sin puntuación</translation>
    </message>
    <message>
        <source>PASS</source>
        <translation>APROBADA</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>NO APROBADA</translation>
    </message>
    <message>
        <source>Result: {grade}, {label} {mos} of 5 ({result}; {pass_mos} needed)</source>
        <translation>Resultado: {grade}, {label} {mos} de 5 ({result}; se necesita {pass_mos})</translation>
    </message>
    <message>
        <source>Result: {grade}, MOS {mos} of 5 ({result}; {pass_mos} needed)</source>
        <translation>Resultado: {grade}, MOS {mos} de 5 ({result}; se necesita {pass_mos})</translation>
    </message>
    <message>
        <source>Result: {grade} ({result})</source>
        <translation>Resultado: {grade} ({result})</translation>
    </message>
    <message>
        <source>Round trip {rtt} | jitter {jitter} | packet loss {loss}</source>
        <translation>Ida y vuelta {rtt} | jitter {jitter} | pérdida de paquetes {loss}</translation>
    </message>
    <message>
        <source>What to do:</source>
        <translation>Qué hacer:</translation>
    </message>
    <message>
        <source>{number}. [{severity}]</source>
        <translation>{number}. [{severity}]</translation>
    </message>
    <message>
        <source>Best codec: {name}, predicted {label} {mos}, {kbps} kbit/s per direction</source>
        <translation>Mejor códec: {name}, {label} previsto {mos}, {kbps} kbit/s por sentido</translation>
    </message>
    <message>
        <source>Best codec: {name}, predicted MOS {mos}, {kbps} kbit/s per direction</source>
        <translation>Mejor códec: {name}, MOS previsto {mos}, {kbps} kbit/s por sentido</translation>
    </message>
    <message>
        <source>Note: {message}</source>
        <translation>Nota: {message}</translation>
    </message>
</context>
<context>
    <name>texts</name>
    <message>
        <source>Excellent</source>
        <extracomment>The grade words shown to users (the keys are the core&apos;s grades, the values what we print).</extracomment>
        <translation>Excelente</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Buena</translation>
    </message>
    <message>
        <source>Fair</source>
        <translation>Aceptable</translation>
    </message>
    <message>
        <source>Poor</source>
        <translation>Deficiente</translation>
    </message>
    <message>
        <source>Bad</source>
        <translation>Mala</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>MOS gauge</source>
        <translation>Indicador de MOS</translation>
    </message>
    <message>
        <source>MOS</source>
        <translation>MOS</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>mínimo</translation>
    </message>
    <message>
        <source>No MOS measured yet</source>
        <translation>Todavía no se ha medido el MOS</translation>
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
        <translation>CallCheck {version} (compilación {build}) – prueba de calidad de llamada</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historial</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>How good will your calls sound?</source>
        <translation>¿Qué calidad tendrán sus llamadas?</translation>
    </message>
    <message>
        <source>CallCheck places a short test call, measures delay, jitter and lost audio, and tells you the quality a listener would hear.</source>
        <translation>CallCheck realiza una breve llamada de prueba, mide el retardo, el jitter y el audio perdido, y le indica la calidad que oiría su interlocutor.</translation>
    </message>
    <message>
        <source>Test my call quality</source>
        <translation>Probar la calidad de mis llamadas</translation>
    </message>
    <message>
        <source>Starts a test call of about {seconds:.0f} seconds.</source>
        <translation>Inicia una llamada de prueba de unos {seconds:.0f} segundos.</translation>
    </message>
    <message>
        <source>What to test</source>
        <translation>Qué probar</translation>
    </message>
    <message>
        <source>Quick local check (this computer)</source>
        <translation>Comprobación local rápida (este equipo)</translation>
    </message>
    <message>
        <source>Network test (the company&apos;s test server)</source>
        <translation>Prueba de red (el servidor de prueba de la empresa)</translation>
    </message>
    <message>
        <source>Call a colleague (room code)</source>
        <translation>Llamar a un colega (código de sala)</translation>
    </message>
    <message>
        <source>{mode} – not available in this version yet.</source>
        <extracomment>{mode}: one of the three &quot;What to test&quot; choices above.</extracomment>
        <translation>{mode}: aún no está disponible en esta versión.</translation>
    </message>
    <message>
        <source>Testing your call…</source>
        <translation>Probando su llamada…</translation>
    </message>
    <message>
        <source>Connecting the test call…</source>
        <translation>Conectando la llamada de prueba…</translation>
    </message>
    <message>
        <source>Measuring. Keep this window open.</source>
        <translation>Midiendo. Mantenga esta ventana abierta.</translation>
    </message>
    <message>
        <source>{seconds:.0f} s left</source>
        <translation>Quedan {seconds:.0f} s</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Round trip (ms)</source>
        <translation>Ida y vuelta (ms)</translation>
    </message>
    <message>
        <source>Jitter (ms)</source>
        <translation>Jitter (ms)</translation>
    </message>
    <message>
        <source>Lost packets (%)</source>
        <translation>Paquetes perdidos (%)</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>segundos</translation>
    </message>
    <message>
        <source>Your result</source>
        <translation>Su resultado</translation>
    </message>
    <message>
        <source>Good enough for business calls.</source>
        <translation>Suficiente para llamadas de trabajo.</translation>
    </message>
    <message>
        <source>Below the quality needed for business calls.</source>
        <translation>Por debajo de la calidad necesaria para llamadas de trabajo.</translation>
    </message>
    <message>
        <source>The test ended early; the result covers only part of it.</source>
        <translation>La prueba terminó antes de tiempo; el resultado solo cubre una parte.</translation>
    </message>
    <message>
        <source>Round trip</source>
        <translation>Ida y vuelta</translation>
    </message>
    <message>
        <source>Jitter</source>
        <translation>Jitter</translation>
    </message>
    <message>
        <source>Why this score</source>
        <translation>Por qué esta puntuación</translation>
    </message>
    <message>
        <source>Codecs for this network</source>
        <translation>Códecs para esta red</translation>
    </message>
    <message>
        <source>Copy summary for the helpdesk</source>
        <translation>Copiar el resumen para soporte técnico</translation>
    </message>
    <message>
        <source>Summary copied.</source>
        <translation>Resumen copiado.</translation>
    </message>
    <message>
        <source>Save report…</source>
        <translation>Guardar el informe…</translation>
    </message>
    <message>
        <source>Save the test report</source>
        <translation>Guardar el informe de la prueba</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>Página web (*.html)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <extracomment>The formats a report is saved in, the first the default (a PDF anyone can open).</extracomment>
        <translation>Documento PDF (*.pdf)</translation>
    </message>
    <message>
        <source>{description}; the last second only MOS {mos}</source>
        <extracomment>{description}: GAUGE_DESCRIPTION (&quot;MOS 4.2, Good&quot;); {mos}: the last second&apos;s MOS (&quot;3.1&quot;).</extracomment>
        <translation>{description}; el último segundo solo MOS {mos}</translation>
    </message>
    <message>
        <source>last 1 s</source>
        <extracomment>Beside the gauge&apos;s faint mark: the rating of the last second of the call (keep it short).</extracomment>
        <translation>último s</translation>
    </message>
    <message>
        <source>The needle shows the call so far. The faint mark (last 1 s) shows the last second when it was worse: a short dropout shows there at once.</source>
        <translation>La aguja muestra la llamada hasta ahora. La marca tenue (último s) muestra el último segundo cuando fue peor: un corte breve aparece ahí al instante.</translation>
    </message>
    <message>
        <source>Predicted from the network</source>
        <extracomment>Issue 19: the E-model&apos;s prediction and the score of the audio the listener actually got.</extracomment>
        <translation>Previsto a partir de la red</translation>
    </message>
    <message>
        <source>What the listener heard</source>
        <translation>Lo que oyó su interlocutor</translation>
    </message>
    <message>
        <source>{mos} ({scale})</source>
        <translation>{mos} ({scale})</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>no disponible</translation>
    </message>
    <message>
        <source>Report saved to {path}.</source>
        <translation>Informe guardado en {path}.</translation>
    </message>
    <message>
        <source>Could not save the report to {path}: {error}</source>
        <translation>No se pudo guardar el informe en {path}: {error}</translation>
    </message>
    <message>
        <source>Run the test again</source>
        <translation>Repetir la prueba</translation>
    </message>
    <message>
        <source>Test ID {id}</source>
        <translation>ID de la prueba {id}</translation>
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
        <translation>El retardo (el tiempo que tarda su voz en llegar) resta {value:.1f} puntos.</translation>
    </message>
    <message>
        <source>The codec and lost audio cost {value:.1f} points.</source>
        <translation>El códec y el audio perdido restan {value:.1f} puntos.</translation>
    </message>
    <message>
        <source>Loudness and noise of the voice path cost {value:.1f} points.</source>
        <translation>El volumen y el ruido del circuito de voz restan {value:.1f} puntos.</translation>
    </message>
    <message>
        <source>A perfect call scores {ro:.0f} points (R factor); this one scored {r:.0f}.</source>
        <translation>Una llamada perfecta obtiene {ro:.0f} puntos (factor R); esta obtuvo {r:.0f}.</translation>
    </message>
    <message>
        <source>The test could not run</source>
        <translation>No se pudo realizar la prueba</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Intentar de nuevo</translation>
    </message>
    <message>
        <source>Back to start</source>
        <translation>Volver al inicio</translation>
    </message>
    <message>
        <source>This kind of test is not available in this version yet. Choose the quick local check.</source>
        <translation>Este tipo de prueba aún no está disponible en esta versión. Elija la comprobación local rápida.</translation>
    </message>
    <message>
        <source>Something went wrong inside CallCheck ({error}). Try again; if it happens again, send the log to your helpdesk.</source>
        <translation>Se produjo un error interno en CallCheck ({error}). Inténtelo de nuevo; si vuelve a ocurrir, envíe el registro a su soporte técnico.</translation>
    </message>
    <message>
        <source>Test cancelled.</source>
        <translation>Prueba cancelada.</translation>
    </message>
    <message>
        <source>Test length</source>
        <translation>Duración de la prueba</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Codec</source>
        <translation>Códec</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Configuración guardada.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
    <message>
        <source>set by your IT department</source>
        <extracomment>Beside a setting the admin fixed in the managed settings file (issue 18).</extracomment>
        <translation>establecido por su departamento de TI</translation>
    </message>
    <message>
        <source>Short test in the background every</source>
        <translation>Prueba breve en segundo plano cada</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>Also a short test after I log in</source>
        <translation>También una prueba breve después de iniciar sesión</translation>
    </message>
    <message>
        <source>Send each result to the test server</source>
        <translation>Enviar cada resultado al servidor de prueba</translation>
    </message>
    <message>
        <source>Test now</source>
        <translation>Probar ahora</translation>
    </message>
    <message>
        <source>Open CallCheck</source>
        <translation>Abrir CallCheck</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>No test yet</source>
        <translation>Aún no hay pruebas</translation>
    </message>
    <message>
        <source>Testing the call quality …</source>
        <translation>Probando la calidad de llamada…</translation>
    </message>
    <message>
        <source>Last test {time}: MOS {mos}, {grade}</source>
        <extracomment>{time} is the local time of the test (HH:MM); {mos} the MOS as printed everywhere.</extracomment>
        <translation>Última prueba {time}: MOS {mos}, {grade}</translation>
    </message>
    <message>
        <source>Last test {time} could not run</source>
        <translation>La última prueba ({time}) no se pudo realizar</translation>
    </message>
    <message>
        <source>Scheduled test put off: another app is using the microphone</source>
        <translation>Prueba programada aplazada: otra aplicación está usando el micrófono</translation>
    </message>
    <message>
        <source>Scheduled tests: off</source>
        <translation>Pruebas programadas: desactivadas</translation>
    </message>
    <message>
        <source>Scheduled tests: every {hours} h</source>
        <translation>Pruebas programadas: cada {hours} h</translation>
    </message>
    <message>
        <source>Scheduled tests: at login</source>
        <translation>Pruebas programadas: al iniciar sesión</translation>
    </message>
    <message>
        <source>Scheduled tests: at login and every {hours} h</source>
        <translation>Pruebas programadas: al iniciar sesión y cada {hours} h</translation>
    </message>
    <message>
        <source>Call quality below the pass mark</source>
        <translation>Calidad de llamada por debajo del mínimo</translation>
    </message>
    <message>
        <source>The call quality test could not run</source>
        <translation>No se pudo realizar la prueba de calidad de llamada</translation>
    </message>
    <message>
        <source>Opus (wideband)</source>
        <extracomment>The engine&apos;s codec names as users read them.</extracomment>
        <translation>Opus (banda ancha)</translation>
    </message>
    <message>
        <source>G.722 (wideband)</source>
        <translation>G.722 (banda ancha)</translation>
    </message>
    <message>
        <source>G.711 µ-law</source>
        <translation>G.711 ley µ</translation>
    </message>
    <message>
        <source>G.711 A-law</source>
        <translation>G.711 ley A</translation>
    </message>
    <message>
        <source>Your settings could not be read, so the defaults are used. The old file was kept as {path}.</source>
        <translation>No se pudo leer su configuración, por lo que se usan los valores predeterminados. El archivo anterior se conservó como {path}.</translation>
    </message>
    <message>
        <source>&amp;Test my call quality</source>
        <translation>&amp;Probar la calidad de mis llamadas</translation>
    </message>
    <message>
        <source>Start screen (Ctrl+1)</source>
        <translation>Pantalla de inicio (Ctrl+1)</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Dispositivos</translation>
    </message>
    <message>
        <source>Microphone and speaker checks (Ctrl+2)</source>
        <translation>Comprobación del micrófono y el altavoz (Ctrl+2)</translation>
    </message>
    <message>
        <source>Past tests (Ctrl+3)</source>
        <translation>Pruebas anteriores (Ctrl+3)</translation>
    </message>
    <message>
        <source>Settings (Ctrl+,)</source>
        <translation>Configuración (Ctrl+,)</translation>
    </message>
    <message>
        <source>Stop the test (Esc)</source>
        <translation>Detener la prueba (Esc)</translation>
    </message>
    <message>
        <source>Press Enter to start</source>
        <translation>Pulse Intro para empezar</translation>
    </message>
    <message>
        <source>Quick local check</source>
        <translation>Comprobación local rápida</translation>
    </message>
    <message>
        <source>Network test</source>
        <translation>Prueba de red</translation>
    </message>
    <message>
        <source>Not available in this version: the {mode} needs the test server client, which this version does not include yet. Use the quick local check.</source>
        <translation>No disponible en esta versión: «{mode}» necesita el cliente del servidor de prueba, que esta versión aún no incluye. Use la comprobación local rápida.</translation>
    </message>
    <message>
        <source>Microphone: {input}  ·  Speaker: {output}</source>
        <translation>Micrófono: {input}  ·  Altavoz: {output}</translation>
    </message>
    <message>
        <source>system default</source>
        <translation>predeterminado del sistema</translation>
    </message>
    <message>
        <source>Check &amp;devices…</source>
        <translation>Comprobar los &amp;dispositivos…</translation>
    </message>
    <message>
        <source>No score</source>
        <translation>Sin puntuación</translation>
    </message>
    <message>
        <source>The three numbers that matter</source>
        <translation>Las tres cifras que importan</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Qué hacer</translation>
    </message>
    <message>
        <source>Nothing to fix: the connection is fine for calls.</source>
        <translation>Nada que corregir: la conexión es adecuada para llamadas.</translation>
    </message>
    <message>
        <source>&amp;Copy summary for the helpdesk</source>
        <translation>&amp;Copiar el resumen para soporte técnico</translation>
    </message>
    <message>
        <source>&amp;Save report…</source>
        <translation>&amp;Guardar el informe…</translation>
    </message>
    <message>
        <source>&amp;Run the test again</source>
        <translation>&amp;Repetir la prueba</translation>
    </message>
    <message>
        <source>Compare with &amp;previous test</source>
        <translation>Comparar con la prueba &amp;anterior</translation>
    </message>
    <message>
        <source>There is no earlier test to compare with yet.</source>
        <translation>Todavía no hay ninguna prueba anterior con la que comparar.</translation>
    </message>
    <message>
        <source>This result could not be kept in the history ({error}). Save the report to keep it.</source>
        <translation>No se pudo guardar este resultado en el historial ({error}). Guarde el informe para conservarlo.</translation>
    </message>
    <message>
        <source>From the history: test of {date}.</source>
        <translation>Del historial: prueba del {date}.</translation>
    </message>
    <message>
        <source>CallCheck report {id}</source>
        <translation>Informe de CallCheck {id}</translation>
    </message>
    <message>
        <source>Past tests</source>
        <translation>Pruebas anteriores</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Calificación</translation>
    </message>
    <message>
        <source>No tests yet. Every test you run is kept here.</source>
        <translation>Aún no hay pruebas. Cada prueba que realice se guarda aquí.</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Abrir</translation>
    </message>
    <message>
        <source>Co&amp;mpare</source>
        <translation>Co&amp;mparar</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportar…</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>E&amp;liminar</translation>
    </message>
    <message>
        <source>Select one test to open, export or delete it; select two to compare them.</source>
        <translation>Seleccione una prueba para abrirla, exportarla o eliminarla; seleccione dos para compararlas.</translation>
    </message>
    <message>
        <source>Delete tests</source>
        <translation>Eliminar pruebas</translation>
    </message>
    <message>
        <source>Exported to {path}.</source>
        <translation>Exportado a {path}.</translation>
    </message>
    <message>
        <source>Export the test report</source>
        <translation>Exportar el informe de la prueba</translation>
    </message>
    <message>
        <source>The test history could not be read, so a new one was started. The damaged file was kept as {path}.</source>
        <translation>No se pudo leer el historial de pruebas, así que se creó uno nuevo. El archivo dañado se conservó como {path}.</translation>
    </message>
    <message>
        <source>The test history at {path} cannot be used: {error}</source>
        <translation>No se puede usar el historial de pruebas de {path}: {error}</translation>
    </message>
    <message>
        <source>could not write to the history database: {error}</source>
        <translation>no se pudo escribir en la base de datos del historial: {error}</translation>
    </message>
    <message>
        <source>could not read the history database: {error}</source>
        <translation>no se pudo leer la base de datos del historial: {error}</translation>
    </message>
    <message>
        <source>That test is no longer in the history.</source>
        <translation>Esa prueba ya no está en el historial.</translation>
    </message>
    <message>
        <source>Compare two tests</source>
        <translation>Comparar dos pruebas</translation>
    </message>
    <message>
        <source>Earlier test</source>
        <translation>Prueba anterior</translation>
    </message>
    <message>
        <source>Later test</source>
        <translation>Prueba posterior</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <source>{date}
{mode}, {grade}</source>
        <translation>{date}
{mode}, {grade}</translation>
    </message>
    <message>
        <source>no change</source>
        <translation>sin cambios</translation>
    </message>
    <message>
        <source>{number} ({change})</source>
        <translation>{number} ({change})</translation>
    </message>
    <message>
        <source>better</source>
        <translation>mejor</translation>
    </message>
    <message>
        <source>worse</source>
        <translation>peor</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Volver</translation>
    </message>
    <message>
        <source>Microphone and speaker</source>
        <translation>Micrófono y altavoz</translation>
    </message>
    <message>
        <source>&amp;Microphone</source>
        <translation>&amp;Micrófono</translation>
    </message>
    <message>
        <source>S&amp;peaker</source>
        <translation>&amp;Altavoz</translation>
    </message>
    <message>
        <source>Re&amp;fresh list</source>
        <translation>Ac&amp;tualizar la lista</translation>
    </message>
    <message>
        <source>Input level</source>
        <translation>Nivel de entrada</translation>
    </message>
    <message>
        <source>&amp;Listen to the microphone</source>
        <translation>&amp;Escuchar el micrófono</translation>
    </message>
    <message>
        <source>Stop &amp;listening</source>
        <translation>Dejar de &amp;escuchar</translation>
    </message>
    <message>
        <source>Say something: the bar should move.</source>
        <translation>Diga algo: la barra debería moverse.</translation>
    </message>
    <message>
        <source>Speaker test</source>
        <translation>Prueba del altavoz</translation>
    </message>
    <message>
        <source>Device delay (speaker to microphone)</source>
        <translation>Retardo del dispositivo (del altavoz al micrófono)</translation>
    </message>
    <message>
        <source>Play a &amp;test tone</source>
        <translation>Reproducir un tono de &amp;prueba</translation>
    </message>
    <message>
        <source>Playing a tone on {device}…</source>
        <translation>Reproduciendo un tono en {device}…</translation>
    </message>
    <message>
        <source>Did you hear a beep? If not, check the volume or pick another speaker.</source>
        <translation>¿Oyó un pitido? Si no, revise el volumen o elija otro altavoz.</translation>
    </message>
    <message>
        <source>Measure device &amp;delay</source>
        <translation>Medir el &amp;retardo del dispositivo</translation>
    </message>
    <message>
        <source>Measuring: a short chirp plays a few times…</source>
        <translation>Midiendo: se reproduce varias veces un breve barrido de tono…</translation>
    </message>
    <message>
        <source>Audio devices unavailable: {reason}</source>
        <translation>Dispositivos de audio no disponibles: {reason}</translation>
    </message>
    <message>
        <source>Hear yourself</source>
        <extracomment>&quot;Hear yourself&quot; (issue 16): the user speaks, then hears it as the other side of a call would.</extracomment>
        <translation>Escuchar mi voz</translation>
    </message>
    <message>
        <source>&amp;Hear yourself</source>
        <translation>Escuchar mi &amp;voz</translation>
    </message>
    <message>
        <source>Speak for a few seconds, then listen: you hear yourself as the other side of a call would.</source>
        <translation>Hable durante unos segundos y luego escuche: se oirá tal como le oiría el otro lado de una llamada.</translation>
    </message>
    <message>
        <source>Speak now for {seconds} seconds. Then listen: it plays back by itself.</source>
        <translation>Hable ahora durante {seconds} segundos. Luego escuche: se reproduce automáticamente.</translation>
    </message>
    <message>
        <source>That is how the other side hears you. Your voice arrived after {delay} ms; {lost} % of it was lost on the way and filled in.</source>
        <translation>Así es como le oye el otro lado. Su voz llegó tras {delay} ms; el {lost} % se perdió por el camino y se reconstruyó.</translation>
    </message>
    <message>
        <source>Hear yourself did not work: {error}</source>
        <translation>«Escuchar mi voz» no funcionó: {error}</translation>
    </message>
    <message>
        <source>Opening the microphone…</source>
        <translation>Abriendo el micrófono…</translation>
    </message>
    <message>
        <source>Sending your voice through a test call, as a call would carry it…</source>
        <translation>Enviando su voz a través de una llamada de prueba, tal como la transportaría una llamada…</translation>
    </message>
    <message>
        <source>Listen now: this is how the other side hears you…</source>
        <translation>Escuche ahora: así es como le oye el otro lado…</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>Ca&amp;ncelar</translation>
    </message>
    <message>
        <source>Stop hearing yourself now: nothing more is recorded or played</source>
        <translation>Dejar de escucharse ahora: no se graba ni se reproduce nada más</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was kept; the microphone and speaker are free again.</source>
        <translation>Cancelado. No se conservó nada; el micrófono y el altavoz vuelven a estar libres.</translation>
    </message>
    <message>
        <source>Hear yourself is using the microphone and speaker: wait for it to finish, or cancel it.</source>
        <extracomment>Why Start, &quot;Run the test again&quot; and the device checks are off while the echo runs.</extracomment>
        <translation>«Escuchar mi voz» está usando el micrófono y el altavoz: espere a que termine o cancélelo.</translation>
    </message>
    <message>
        <source>Hear yourself is using the microphone and speaker: wait for it to finish, or &lt;a href=&apos;cancel&apos;&gt;cancel it&lt;/a&gt;.</source>
        <extracomment>ECHO_BLOCKS on the Start screen, which has no Cancel button of its own: the link cancels.</extracomment>
        <translation>«Escuchar mi voz» está usando el micrófono y el altavoz: espere a que termine o &lt;a href=&apos;cancel&apos;&gt;cancélelo&lt;/a&gt;.</translation>
    </message>
    <message>
        <source>A test is running: try again when it has finished.</source>
        <translation>Hay una prueba en curso: inténtelo de nuevo cuando haya terminado.</translation>
    </message>
    <message>
        <source>A device check is using the microphone or speaker: try again when it has finished.</source>
        <translation>Una comprobación de dispositivos está usando el micrófono o el altavoz: inténtelo de nuevo cuando haya terminado.</translation>
    </message>
    <message>
        <source>Simulate a &amp;worse network:</source>
        <extracomment>The label of the choice of a simulated network for &quot;Hear yourself&quot;.</extracomment>
        <translation>&amp;Simular una red peor:</translation>
    </message>
    <message>
        <source>Hear what a worse network would do to your voice. It is simulated on this computer; your real network is not changed.</source>
        <translation>Escuche lo que una red peor haría con su voz. Se simula en este equipo; su red real no cambia.</translation>
    </message>
    <message>
        <source>No, the network as it is</source>
        <extracomment>The simulated networks (keys: the engine&apos;s NETWORK_PRESETS).</extracomment>
        <translation>No, la red tal como está</translation>
    </message>
    <message>
        <source>Busy Wi-Fi</source>
        <translation>Red Wi-Fi saturada</translation>
    </message>
    <message>
        <source>Mobile hotspot</source>
        <translation>Punto de acceso móvil</translation>
    </message>
    <message>
        <source>Lossy VPN</source>
        <translation>VPN con pérdidas</translation>
    </message>
    <message>
        <source>Simulated network: {network}, with {impairment}.</source>
        <extracomment>After ECHO_DONE when a network was simulated; {network}: one of ECHO_NETWORKS, {impairment}: what it does, e.g. &quot;40 ms more delay, 5 % loss in bursts&quot;.</extracomment>
        <translation>Red simulada: {network}, con {impairment}.</translation>
    </message>
    <message>
        <source>Simulated network: {network}, with {impairment}, each way.</source>
        <translation>Red simulada: {network}, con {impairment}, en cada sentido.</translation>
    </message>
    <message>
        <source>{delay} ms more delay</source>
        <translation>{delay} ms más de retardo</translation>
    </message>
    <message>
        <source>delay varying by ±{jitter} ms</source>
        <translation>retardo variable de ±{jitter} ms</translation>
    </message>
    <message>
        <source>{loss} % loss</source>
        <translation>{loss} % de pérdida</translation>
    </message>
    <message>
        <source>{loss} % loss in bursts</source>
        <translation>{loss} % de pérdida en ráfagas</translation>
    </message>
    <message>
        <source> (default)</source>
        <translation> (predeterminado)</translation>
    </message>
    <message>
        <source>No microphone found. Plug in a headset or enable a microphone in the system&apos;s sound settings, then press Refresh.</source>
        <translation>No se encontró ningún micrófono. Conecte unos auriculares o active un micrófono en la configuración de sonido del sistema y pulse Actualizar.</translation>
    </message>
    <message>
        <source>No speaker found. Plug in a headset or enable an output in the system&apos;s sound settings, then press Refresh.</source>
        <translation>No se encontró ningún altavoz. Conecte unos auriculares o active una salida en la configuración de sonido del sistema y pulse Actualizar.</translation>
    </message>
    <message>
        <source>No sound from {device}: it may be muted, the wrong microphone, or blocked by the system&apos;s privacy settings.</source>
        <translation>No llega sonido de {device}: puede que esté silenciado, que no sea el micrófono correcto o que lo bloquee la configuración de privacidad del sistema.</translation>
    </message>
    <message>
        <source>{device} is too loud (clipping): lower the input volume.</source>
        <translation>{device} tiene el volumen demasiado alto (saturación): baje el volumen de entrada.</translation>
    </message>
    <message>
        <source>{device} looks like a Bluetooth headset: in hands-free mode it limits calls to narrowband audio. A wired or USB headset sounds better.</source>
        <translation>{device} parece unos auriculares Bluetooth: en modo manos libres limita las llamadas a audio de banda estrecha. Unos auriculares con cable o USB suenan mejor.</translation>
    </message>
    <message>
        <source>These devices are now used for tests.</source>
        <translation>Ahora se usan estos dispositivos para las pruebas.</translation>
    </message>
    <message>
        <source>Test server token</source>
        <translation>Token del servidor de prueba</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Apariencia</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Igual que el sistema</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Guardar</translation>
    </message>
    <message>
        <source>Language</source>
        <extracomment>The language menu: this first item, then &quot;English&quot;, &quot;Deutsch&quot;, &quot;Français&quot; … (each language in its own words, never translated).</extracomment>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Predeterminado del sistema</translation>
    </message>
    <message>
        <source>Settings saved. CallCheck now speaks your chosen language, in its reports too.</source>
        <extracomment>Shown on the Settings screen, in the new language, once the window was rebuilt in it.</extracomment>
        <translation>Configuración guardada. CallCheck usa ahora el idioma elegido, también en sus informes.</translation>
    </message>
    <message>
        <source>These need a test server: &lt;a href=&apos;settings&apos;&gt;open Settings&lt;/a&gt;&lt;br&gt;and enter its address (your helpdesk has it).</source>
        <translation>Estas pruebas necesitan un servidor de prueba: &lt;a href=&apos;settings&apos;&gt;abra la Configuración&lt;/a&gt;&lt;br&gt;e introduzca su dirección (su soporte técnico la tiene).</translation>
    </message>
    <message>
        <source>No test server is set up yet. Open Settings and enter the test server&apos;s address.</source>
        <translation>Aún no hay ningún servidor de prueba configurado. Abra la Configuración e introduzca la dirección del servidor de prueba.</translation>
    </message>
    <message>
        <source>&amp;Create a room (you read the code out to your colleague)</source>
        <translation>&amp;Crear una sala (usted le lee el código a su colega)</translation>
    </message>
    <message>
        <source>&amp;Join with a code:</source>
        <translation>&amp;Unirse con un código:</translation>
    </message>
    <message>
        <source>Room code your colleague read out</source>
        <translation>Código de sala que le leyó su colega</translation>
    </message>
    <message>
        <source>Type the code your colleague read out, then press the green button.</source>
        <translation>Escriba el código que le leyó su colega y pulse el botón verde.</translation>
    </message>
    <message>
        <source>Connection to the server lost. Reconnecting… The test goes on.</source>
        <translation>Se perdió la conexión con el servidor. Reconectando… La prueba continúa.</translation>
    </message>
    <message>
        <source>R&amp;un</source>
        <translation>&amp;Ejecutar</translation>
    </message>
    <message>
        <source>Call a colleague</source>
        <translation>Llamar a un colega</translation>
    </message>
    <message>
        <source>Audio lost or late</source>
        <extracomment>The share of audio lost or too late to play (the same figure as &quot;why this score&quot; gives).</extracomment>
        <translation>Audio perdido o tardío</translation>
    </message>
    <message>
        <source>Show the details</source>
        <translation>Mostrar los detalles</translation>
    </message>
    <message>
        <source>Hide the details</source>
        <translation>Ocultar los detalles</translation>
    </message>
    <message>
        <source>&amp;Copy for the helpdesk</source>
        <translation>&amp;Copiar para soporte técnico</translation>
    </message>
    <message>
        <source>This failed test could not be kept in the history: {error}</source>
        <extracomment>The failure is in the history too ({error}: why it could not be stored, if it could not).</extracomment>
        <translation>No se pudo guardar esta prueba fallida en el historial: {error}</translation>
    </message>
    <message>
        <source>Text for a ticket (*.txt)</source>
        <translation>Texto para un ticket (*.txt)</translation>
    </message>
    <message>
        <source>CallCheck report, all data (*.json)</source>
        <translation>Informe de CallCheck, todos los datos (*.json)</translation>
    </message>
    <message>
        <source>Relay servers for strict firewalls
(STUN/TURN, one per line)</source>
        <extracomment>Plain words first; the protocol names stay in brackets for whoever sets them up.</extracomment>
        <translation>Servidores de retransmisión para cortafuegos estrictos
(STUN/TURN, uno por línea)</translation>
    </message>
    <message>
        <source>what {device} plays</source>
        <extracomment>A capture device that records what a speaker plays (PulseAudio/PipeWire &quot;monitor&quot;); {device}: the speaker&apos;s name.</extracomment>
        <translation>lo que reproduce {device}</translation>
    </message>
    <message>
        <source>system sound (default)</source>
        <extracomment>The system&apos;s sound server as a device (ALSA &quot;pulse&quot; / &quot;pipewire&quot;).</extracomment>
        <translation>sonido del sistema (predeterminado)</translation>
    </message>
    <message>
        <source>{rank}. {name}: MOS {mos}, {kbps:.0f} kbit/s</source>
        <translation>{rank}. {name}: MOS {mos}, {kbps:.0f} kbit/s</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n test(s) from the history? This cannot be undone.</source>
        <translation>
            <numerusform>¿Eliminar %n prueba del historial? Esta acción no se puede deshacer.</numerusform>
            <numerusform>¿Eliminar %n pruebas del historial? Esta acción no se puede deshacer.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n test(s).</source>
        <translation>
            <numerusform>Se eliminó %n prueba.</numerusform>
            <numerusform>Se eliminaron %n pruebas.</numerusform>
        </translation>
    </message>
    <message>
        <source>Packets lost on the network</source>
        <translation>Paquetes perdidos en la red</translation>
    </message>
    <message>
        <source>Delay from mouth to ear</source>
        <translation>Retardo de la boca al oído</translation>
    </message>
    <message>
        <source>Wait in the playout buffer</source>
        <translation>Espera en el búfer de reproducción</translation>
    </message>
    <message>
        <source>Audio device delay</source>
        <translation>Retardo del dispositivo de audio</translation>
    </message>
    <message>
        <source>Codec delay</source>
        <translation>Retardo del códec</translation>
    </message>
    <message>
        <source>Audio too late to play</source>
        <translation>Audio que llegó demasiado tarde</translation>
    </message>
    <message>
        <source>{device} works: you can be heard.</source>
        <translation>{device} funciona: se le oye.</translation>
    </message>
    <message>
        <source>Level now {level:.0f} dBFS.</source>
        <extracomment>The level meter&apos;s details line; {level}: the level now in dBFS (decibels below the loudest sound the device can record, so always negative).</extracomment>
        <translation>Nivel actual {level:.0f} dBFS.</translation>
    </message>
    <message>
        <source>Level now {level:.0f} dBFS, loudest {loudest:.0f} dBFS.</source>
        <extracomment>{level}: as above; {loudest}: the loudest level heard since listening began, in dBFS.</extracomment>
        <translation>Nivel actual {level:.0f} dBFS, máximo {loudest:.0f} dBFS.</translation>
    </message>
    <message>
        <source>Sound takes {delay:.0f} ms from {output} back to {input}.</source>
        <extracomment>The delay check, measured; {delay}: milliseconds (&quot;180&quot;); {output}, {input}: device names.</extracomment>
        <translation>El sonido tarda {delay:.0f} ms en ir de {output} a {input}.</translation>
    </message>
    <message>
        <source>The test sound on {output} was not heard on {input}. With headphones this is expected; otherwise check that the microphone is not muted and the speaker volume is up.</source>
        <extracomment>The delay check, the test sound not heard; {output}, {input}: device names.</extracomment>
        <translation>El sonido de prueba de {output} no se captó en {input}. Con auriculares es lo esperado; si no, compruebe que el micrófono no esté silenciado y que el volumen del altavoz esté alto.</translation>
    </message>
    <message>
        <source>Test server address</source>
        <translation>Dirección del servidor de prueba</translation>
    </message>
    <message>
        <source>Show the token</source>
        <translation>Mostrar el token</translation>
    </message>
    <message>
        <source>Calls the test server at {url}.
It sends your audio straight back.</source>
        <translation>Llama al servidor de prueba en {url}.
Este le devuelve su audio directamente.</translation>
    </message>
    <message>
        <source>e.g. AC7-K3M-9PX</source>
        <translation>p. ej., AC7-K3M-9PX</translation>
    </message>
    <message>
        <source>Creating a room on the test server…</source>
        <translation>Creando una sala en el servidor de prueba…</translation>
    </message>
    <message>
        <source>Read this code out to your colleague:</source>
        <translation>Lea este código a su colega:</translation>
    </message>
    <message>
        <source>Your colleague opens CallCheck, chooses “Call a colleague”, then “Join with a code”, types {code} and presses the green button.</source>
        <translation>Su colega abre CallCheck, elige «Llamar a un colega», luego «Unirse con un código», escribe {code} y pulsa el botón verde.</translation>
    </message>
    <message>
        <source>Waiting for your colleague to join…</source>
        <translation>Esperando a que su colega se una…</translation>
    </message>
    <message>
        <source>Joining room {code}…</source>
        <translation>Uniéndose a la sala {code}…</translation>
    </message>
    <message>
        <source>Cop&amp;y code</source>
        <translation>Co&amp;piar el código</translation>
    </message>
    <message>
        <source>Code copied.</source>
        <translation>Código copiado.</translation>
    </message>
    <message>
        <source>Room code {spelled}</source>
        <translation>Código de sala {spelled}</translation>
    </message>
    <message>
        <source>dash</source>
        <extracomment>How a screen reader (and the technician) says the &quot;-&quot; in a room code: &quot;A C D dash 2 3 4&quot;.</extracomment>
        <translation>guion</translation>
    </message>
    <message>
        <source>{what}: {error}</source>
        <translation>{what}: {error}</translation>
    </message>
    <message>
        <source>No test server is set up.</source>
        <extracomment>What the error screen says per failure reason code: (what happened, what to do).</extracomment>
        <translation>No hay ningún servidor de prueba configurado.</translation>
    </message>
    <message>
        <source>Open Settings and enter the test server&apos;s address; your IT department or helpdesk has it. Until then, the quick local check works without a server.</source>
        <translation>Abra la Configuración e introduzca la dirección del servidor de prueba; su departamento de TI o su soporte técnico la tiene. Mientras tanto, la comprobación local rápida funciona sin servidor.</translation>
    </message>
    <message>
        <source>A setting cannot be used.</source>
        <translation>Hay un ajuste que no se puede usar.</translation>
    </message>
    <message>
        <source>Open Settings, correct it, and try again.</source>
        <translation>Abra la Configuración, corríjalo e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>This kind of test is not available in this version.</source>
        <translation>Este tipo de prueba no está disponible en esta versión.</translation>
    </message>
    <message>
        <source>Choose the quick local check.</source>
        <translation>Elija la comprobación local rápida.</translation>
    </message>
    <message>
        <source>The test server cannot be reached: it may be down, or this network blocks it.</source>
        <translation>No se puede conectar con el servidor de prueba: puede que no esté funcionando o que esta red lo bloquee.</translation>
    </message>
    <message>
        <source>Check the server address in Settings. If it is right, try again in a minute; if it still fails, try another network (or without VPN) and tell your helpdesk.</source>
        <translation>Revise la dirección del servidor en la Configuración. Si es correcta, inténtelo de nuevo en un minuto; si sigue fallando, pruebe con otra red (o sin VPN) e informe a su soporte técnico.</translation>
    </message>
    <message>
        <source>The test server refused this computer&apos;s access token.</source>
        <translation>El servidor de prueba rechazó el token de acceso de este equipo.</translation>
    </message>
    <message>
        <source>Open Settings and check the test server token against the one your IT department gave you.</source>
        <translation>Abra la Configuración y compare el token del servidor de prueba con el que le dio su departamento de TI.</translation>
    </message>
    <message>
        <source>There is no room with that code.</source>
        <translation>No existe ninguna sala con ese código.</translation>
    </message>
    <message>
        <source>Check the code with your colleague (codes expire after a few minutes), or ask them to create a new room and read you the new code.</source>
        <translation>Compruebe el código con su colega (los códigos caducan a los pocos minutos) o pídale que cree una sala nueva y le lea el nuevo código.</translation>
    </message>
    <message>
        <source>That room already has two people in it.</source>
        <translation>Esa sala ya tiene dos personas.</translation>
    </message>
    <message>
        <source>Ask your colleague to create a new room and read you the new code.</source>
        <translation>Pida a su colega que cree una sala nueva y le lea el nuevo código.</translation>
    </message>
    <message>
        <source>The test server is busy right now.</source>
        <translation>El servidor de prueba está ocupado en este momento.</translation>
    </message>
    <message>
        <source>Wait a minute, then try again.</source>
        <translation>Espere un minuto e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>The test server did not accept the test call.</source>
        <translation>El servidor de prueba no aceptó la llamada de prueba.</translation>
    </message>
    <message>
        <source>Check the server address in Settings. If it is right, tell your helpdesk and give them the details below.</source>
        <translation>Revise la dirección del servidor en la Configuración. Si es correcta, informe a su soporte técnico y facilíteles los detalles que aparecen abajo.</translation>
    </message>
    <message>
        <source>A firewall blocks the call&apos;s audio: the server answered, but no UDP packets got through.</source>
        <translation>Un cortafuegos bloquea el audio de la llamada: el servidor respondió, pero no pasó ningún paquete UDP.</translation>
    </message>
    <message>
        <source>Real calls on this network will likely fail or sound bad too. Try another network, or ask IT to allow UDP to the test server or to set up a TURN relay (Settings).</source>
        <translation>Es probable que las llamadas reales en esta red también fallen o suenen mal. Pruebe con otra red o pida al departamento de TI que permita UDP hacia el servidor de prueba o que configure un relé TURN (Configuración).</translation>
    </message>
    <message>
        <source>Your colleague did not join in time.</source>
        <translation>Su colega no se unió a tiempo.</translation>
    </message>
    <message>
        <source>Create a room again and read the new code out.</source>
        <translation>Vuelva a crear una sala y lea el nuevo código.</translation>
    </message>
    <message>
        <source>Your colleague left before the call connected.</source>
        <translation>Su colega se fue antes de que se conectara la llamada.</translation>
    </message>
    <message>
        <source>Ask them to join again, then try again.</source>
        <translation>Pídale que vuelva a unirse e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>The test call could not connect.</source>
        <translation>No se pudo conectar la llamada de prueba.</translation>
    </message>
    <message>
        <source>Check the network connection or the firewall, then try again.</source>
        <translation>Revise la conexión de red o el cortafuegos e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>This computer has no usable network connection for calls.</source>
        <translation>Este equipo no tiene ninguna conexión de red utilizable para llamadas.</translation>
    </message>
    <message>
        <source>Check that the computer is connected to a network, then try again.</source>
        <translation>Compruebe que el equipo esté conectado a una red e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>The test call did not connect in time.</source>
        <translation>La llamada de prueba no se conectó a tiempo.</translation>
    </message>
    <message>
        <source>The test call&apos;s secure connection failed.</source>
        <translation>Falló la conexión segura de la llamada de prueba.</translation>
    </message>
    <message>
        <source>Try again; if it happens again, tell your helpdesk.</source>
        <translation>Inténtelo de nuevo; si vuelve a ocurrir, informe a su soporte técnico.</translation>
    </message>
    <message>
        <source>The test server answered, but with something this app cannot use.</source>
        <translation>El servidor de prueba respondió, pero con algo que esta aplicación no puede usar.</translation>
    </message>
    <message>
        <source>Check the server address in Settings: it may belong to another program, or the server may run a different version. If it is right, tell your helpdesk.</source>
        <translation>Revise la dirección del servidor en la Configuración: puede que pertenezca a otro programa o que el servidor ejecute otra versión. Si es correcta, informe a su soporte técnico.</translation>
    </message>
    <message>
        <source>The connection was lost during the test call.</source>
        <translation>Se perdió la conexión durante la llamada de prueba.</translation>
    </message>
    <message>
        <source>Check the network connection (Wi-Fi signal, VPN, cable), then try again. Real calls on this connection may drop too.</source>
        <translation>Revise la conexión de red (señal Wi-Fi, VPN, cable) e inténtelo de nuevo. Las llamadas reales con esta conexión también podrían cortarse.</translation>
    </message>
    <message>
        <source>The call audio stopped arriving during the test.</source>
        <translation>El audio de la llamada dejó de llegar durante la prueba.</translation>
    </message>
    <message>
        <source>Check the network connection, then try again. If it happens again, tell your helpdesk: real calls on this network may go silent too.</source>
        <translation>Revise la conexión de red e inténtelo de nuevo. Si vuelve a ocurrir, informe a su soporte técnico: las llamadas reales en esta red también podrían quedarse sin sonido.</translation>
    </message>
    <message>
        <source>The test call could not start on this computer.</source>
        <translation>La llamada de prueba no pudo iniciarse en este equipo.</translation>
    </message>
    <message>
        <source>Close other calling apps and try again; if it happens again, tell your helpdesk and give them the details below.</source>
        <translation>Cierre otras aplicaciones de llamadas e inténtelo de nuevo; si vuelve a ocurrir, informe a su soporte técnico y facilíteles los detalles que aparecen abajo.</translation>
    </message>
    <message>
        <source>The test could not run.</source>
        <translation>No se pudo realizar la prueba.</translation>
    </message>
    <message>
        <source>Try again; if it happens again, tell your helpdesk and give them the details below.</source>
        <translation>Inténtelo de nuevo; si vuelve a ocurrir, informe a su soporte técnico y facilíteles los detalles que aparecen abajo.</translation>
    </message>
    <message>
        <source>What to do: {advice}</source>
        <translation>Qué hacer: {advice}</translation>
    </message>
    <message>
        <source>Details: {message}</source>
        <translation>Detalles: {message}</translation>
    </message>
    <message>
        <source>Open &amp;Settings</source>
        <translation>Abrir la con&amp;figuración</translation>
    </message>
    <message>
        <source>Connection checks</source>
        <translation>Comprobaciones de conexión</translation>
    </message>
    <message>
        <source>Server reachable</source>
        <translation>Servidor accesible</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>Token de acceso</translation>
    </message>
    <message>
        <source>Room code</source>
        <translation>Código de sala</translation>
    </message>
    <message>
        <source>Call audio (UDP)</source>
        <translation>Audio de la llamada (UDP)</translation>
    </message>
    <message>
        <source>TURN relay over UDP</source>
        <translation>Relé TURN por UDP</translation>
    </message>
    <message>
        <source>TURN relay over TCP</source>
        <translation>Relé TURN por TCP</translation>
    </message>
    <message>
        <source>TURN relay over TLS</source>
        <translation>Relé TURN por TLS</translation>
    </message>
    <message>
        <source>{check}: {status}. {finding}</source>
        <extracomment>One line of the connection checks: {check}: &quot;Call audio (UDP)&quot;; {status}: &quot;✔ passed&quot;; {finding}: what the check found, in a sentence.</extracomment>
        <translation>{check}: {status}. {finding}</translation>
    </message>
    <message>
        <source>✔ passed</source>
        <translation>✔ superada</translation>
    </message>
    <message>
        <source>✘ FAILED</source>
        <translation>✘ FALLIDA</translation>
    </message>
    <message>
        <source>– skipped</source>
        <translation>– omitida</translation>
    </message>
    <message>
        <source>S&amp;hare this test with my helpdesk</source>
        <translation>Co&amp;mpartir esta prueba con mi soporte técnico</translation>
    </message>
    <message>
        <source>Your helpdesk can watch the test live in a browser with a code you read out. Only the test&apos;s figures and report are shared.</source>
        <translation>Su soporte técnico puede seguir la prueba en directo en un navegador con un código que usted les lee. Solo se comparten las cifras y el informe de la prueba.</translation>
    </message>
    <message>
        <source>Shared with your helpdesk</source>
        <translation>Compartida con su soporte técnico</translation>
    </message>
    <message>
        <source>Read this code to your helpdesk:</source>
        <translation>Lea este código a su soporte técnico:</translation>
    </message>
    <message>
        <source>or send them the link: {url}</source>
        <extracomment>{url}: the page the helpdesk opens, e.g. https://cc.example.com/live/AC7-K3M-9PX</extracomment>
        <translation>o envíeles el enlace: {url}</translation>
    </message>
    <message>
        <source>What is shared: this test&apos;s figures, progress and report. No files, no other information from this computer.</source>
        <translation>Qué se comparte: las cifras, el progreso y el informe de esta prueba. Ningún archivo ni ninguna otra información de este equipo.</translation>
    </message>
    <message>
        <source>Watching now: {count}</source>
        <extracomment>{count}: how many people have the page open.</extracomment>
        <translation>Personas viendo la prueba: {count}</translation>
    </message>
    <message>
        <source>&amp;Stop sharing</source>
        <translation>&amp;Dejar de compartir</translation>
    </message>
    <message>
        <source>Sharing stopped. The test goes on.</source>
        <translation>Se dejó de compartir. La prueba continúa.</translation>
    </message>
    <message>
        <source>The test could not be shared ({reason}). The test runs without sharing.</source>
        <translation>No se pudo compartir la prueba ({reason}). La prueba se realiza sin compartir.</translation>
    </message>
    <message>
        <source>Your helpdesk asks you to run the test again</source>
        <translation>Su soporte técnico le pide que repita la prueba</translation>
    </message>
    <message>
        <source>&amp;Not now</source>
        <translation>A&amp;hora no</translation>
    </message>
</context>
<context>
    <name>verdict</name>
    <message>
        <source>No audio was measured, so there is no score. See the errors for why.</source>
        <extracomment>Translation contexts. What a figure that was not measured reads as in a &quot;why&quot; item.</extracomment>
        <translation>No se midió ningún audio, por lo que no hay puntuación. Consulte los errores para saber por qué.</translation>
    </message>
    <message>
        <source>{grade} (MOS {mos}): {experience} This is good enough for business calls.</source>
        <translation>{grade} (MOS {mos}): {experience} Es suficiente para llamadas de trabajo.</translation>
    </message>
    <message>
        <source>{grade} (MOS {mos}): {experience} This is good enough for business calls. The test ended early, so this covers only part of it.</source>
        <translation>{grade} (MOS {mos}): {experience} Es suficiente para llamadas de trabajo. La prueba terminó antes de tiempo, así que este resultado solo cubre una parte.</translation>
    </message>
    <message>
        <source>{grade} (MOS {mos}): {experience} This is below the {pass_mos} needed for business calls.</source>
        <translation>{grade} (MOS {mos}): {experience} Está por debajo de {pass_mos}, el mínimo necesario para llamadas de trabajo.</translation>
    </message>
    <message>
        <source>{grade} (MOS {mos}): {experience} This is below the {pass_mos} needed for business calls. The test ended early, so this covers only part of it.</source>
        <translation>{grade} (MOS {mos}): {experience} Está por debajo de {pass_mos}, el mínimo necesario para llamadas de trabajo. La prueba terminó antes de tiempo, así que este resultado solo cubre una parte.</translation>
    </message>
</context>
<context>
    <name>why</name>
    <message>
        <source>A perfect call on this scale scores R = 129 (wideband: 50–7000 Hz speech). This call scores R = {r_factor}, which is {label} {mos}.</source>
        <translation>Una llamada perfecta obtiene en esta escala R = 129 (banda ancha: voz de 50 a 7000 Hz). Esta llamada obtiene R = {r_factor}, es decir, {label} {mos}.</translation>
    </message>
    <message>
        <source>A perfect call on this scale scores R = about 93 (narrowband). This call scores R = {r_factor}, which is {label} {mos}.</source>
        <translation>Una llamada perfecta obtiene en esta escala R = 93 aproximadamente (banda estrecha). Esta llamada obtiene R = {r_factor}, es decir, {label} {mos}.</translation>
    </message>
    <message>
        <source>A perfect call on this scale scores R = 129 (wideband: 50–7000 Hz speech). This call scores R = {r_factor}, which is MOS {mos}.</source>
        <translation>Una llamada perfecta obtiene en esta escala R = 129 (banda ancha: voz de 50 a 7000 Hz). Esta llamada obtiene R = {r_factor}, es decir, MOS {mos}.</translation>
    </message>
    <message>
        <source>A perfect call on this scale scores R = about 93 (narrowband). This call scores R = {r_factor}, which is MOS {mos}.</source>
        <translation>Una llamada perfecta obtiene en esta escala R = 93 aproximadamente (banda estrecha). Esta llamada obtiene R = {r_factor}, es decir, MOS {mos}.</translation>
    </message>
    <message>
        <source>Loudness, sidetone and noise of the handsets (assumed standard): {cost} points.</source>
        <translation>Volumen, efecto local y ruido de los terminales (se suponen estándar): {cost} puntos.</translation>
    </message>
    <message>
        <source>Delay: no noticeable cost. Delay starts to hurt above about 100 ms.</source>
        <translation>Retardo: ningún coste apreciable. El retardo empieza a molestar por encima de unos 100 ms.</translation>
    </message>
    <message>
        <source>Delay: a cost of {cost} points. Delay starts to hurt above about 100 ms.</source>
        <translation>Retardo: un coste de {cost} puntos. El retardo empieza a molestar por encima de unos 100 ms.</translation>
    </message>
    <message>
        <source>Delay (sound takes {ta_ms} ms from mouth to ear): no noticeable cost. Delay starts to hurt above about 100 ms.</source>
        <translation>Retardo (el sonido tarda {ta_ms} ms de la boca al oído): ningún coste apreciable. El retardo empieza a molestar por encima de unos 100 ms.</translation>
    </message>
    <message>
        <source>Delay (sound takes {ta_ms} ms from mouth to ear): a cost of {cost} points. Delay starts to hurt above about 100 ms.</source>
        <translation>Retardo (el sonido tarda {ta_ms} ms de la boca al oído): un coste de {cost} puntos. El retardo empieza a molestar por encima de unos 100 ms.</translation>
    </message>
    <message>
        <source>the codec itself costs {ie}</source>
        <translation>el propio códec resta {ie}</translation>
    </message>
    <message>
        <source>{ppl_pct} % of the audio was lost or late</source>
        <translation>el {ppl_pct} % del audio se perdió o llegó tarde</translation>
    </message>
    <message>
        <source>losses came in bursts (burst ratio {burst_ratio})</source>
        <translation>las pérdidas llegaron en ráfagas (relación de ráfaga {burst_ratio})</translation>
    </message>
    <message>
        <source>Codec and lost packets: a cost of {cost} points.</source>
        <translation>Códec y paquetes perdidos: un coste de {cost} puntos.</translation>
    </message>
    <message>
        <source>Codec and lost packets: a cost of {cost} points ({details}).</source>
        <translation>Códec y paquetes perdidos: un coste de {cost} puntos ({details}).</translation>
    </message>
</context>
</TS>
