<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>advice</name>
    <message>
        <source>Your voice takes {delay_ms} ms to reach the other side, far beyond the {limit_ms} ms limit (ITU-T G.114): people will talk over each other. Use a server or relay closer to you, and avoid satellite, VPN or mobile links.</source>
        <translation>Votre voix met {delay_ms} ms pour parvenir à votre interlocuteur, bien au-delà de la limite de {limit_ms} ms (UIT-T G.114)&#xa0;: vous allez vous couper la parole. Utilisez un serveur ou un relais plus proche de vous, et évitez les liaisons satellite, VPN ou mobiles.</translation>
    </message>
    <message>
        <source>Your voice takes {delay_ms} ms to reach the other side (recommended: under {limit_ms} ms, ITU-T G.114), so replies come with a pause. Use a server closer to you, or avoid the VPN or relay for calls.</source>
        <translation>Votre voix met {delay_ms} ms pour parvenir à votre interlocuteur (recommandé&#xa0;: moins de {limit_ms} ms, UIT-T G.114), si bien que les réponses arrivent après une pause. Utilisez un serveur plus proche de vous, ou évitez le VPN ou le relais pour les appels.</translation>
    </message>
    <message>
        <source>Sound takes {ta_ms} ms from mouth to ear, far beyond the {limit_ms} ms limit of ITU-T G.114: people will talk over each other. Use a server or relay closer to you, and avoid satellite, VPN or mobile links.</source>
        <extracomment>ITU-T G.114 (05/2003) §3, Figure 1: a *mouth-to-ear* delay up to 150 ms is acceptable for most conversations; beyond 400 ms it is unacceptable for general network planning. These are compared with Ta (mouth-to-ear), never with the network&apos;s share alone. Common vendor network targets for voice (Microsoft Teams and Cisco network guidance): Softphone vendors&apos; targets for the network path from the client to their edge (not an ITU limit, and not mouth to ear): one-way &lt; 50 ms, RTT &lt; 100 ms, loss &lt; 1 %, jitter &lt; 30 ms. At 5 % random loss even G.711 with PLC (Bpl 25.1, G.113) falls below the pass mark on the MOS table (G.107: MOS ≈ 3.9), and bursty loss makes it Poor: treat it as critical. G.107 BurstR above 1 means bursty loss; 1.5 leaves room for the noise of a 20-second test. Late discards in the playout buffer: above the loss target, jitter is costing audio. Voice-grade Wi-Fi design guides (Cisco, Aruba) ask for a signal of −67 dBm or better; below −80 dBm the link is unreliable. CallCheck: a bare test call costs ≈ 0.18 CPU-s per second on two cores (DESIGN.md, Facts); with the machine above 85 % busy, audio threads start to miss their deadlines. Cisco QoS design guidance: keep real-time traffic at or below 33 % of a link&apos;s capacity. Bufferbloat test bands (Waveform): ≥ 60 ms extra RTT under load is grade C or worse, ≥ 200 ms grade D or worse. A codec change is worth suggesting when it gains at least this much predicted MOS. The audio devices&apos; own delay (output + input, as the call measured it): wired and USB headsets and laptop audio measure 10–60 ms through the host APIs CallCheck uses; Bluetooth in hands-free mode adds 100–200 ms. Above this the device is worth naming. A device delay that alone uses up G.114&apos;s recommended one-way budget (§3: 150 ms) is the cause when the call scores below the pass mark. The translation context of the actions&apos; sentences.</extracomment>
        <translation>Le son met {ta_ms} ms de la bouche à l&apos;oreille, bien au-delà de la limite de {limit_ms} ms de l&apos;UIT-T G.114&#xa0;: vous allez vous couper la parole. Utilisez un serveur ou un relais plus proche de vous, et évitez les liaisons satellite, VPN ou mobiles.</translation>
    </message>
    <message>
        <source>Sound takes {ta_ms} ms from mouth to ear (ITU-T G.114 recommends under {limit_ms} ms), so replies come with a pause. Use a server closer to you, or avoid the VPN or relay for calls.</source>
        <translation>Le son met {ta_ms} ms de la bouche à l&apos;oreille (l&apos;UIT-T G.114 recommande moins de {limit_ms} ms), si bien que les réponses arrivent après une pause. Utilisez un serveur plus proche de vous, ou évitez le VPN ou le relais pour les appels.</translation>
    </message>
    <message>
        <source>The network path (a round trip of {rtt_ms} ms) is slower than softphone vendors&apos; target for the path to their servers ({target_one_way_ms} ms one way, {target_rtt_ms} ms round trip). That target is not a limit for conversation: ITU-T G.114&apos;s limits apply to the whole mouth-to-ear delay.</source>
        <translation>Le chemin réseau (un aller-retour de {rtt_ms} ms) est plus lent que l&apos;objectif des éditeurs de softphones pour le chemin vers leurs serveurs ({target_one_way_ms} ms aller simple, {target_rtt_ms} ms aller-retour). Cet objectif n&apos;est pas une limite pour la conversation&#xa0;: les limites de l&apos;UIT-T G.114 s&apos;appliquent à l&apos;ensemble du délai de la bouche à l&apos;oreille.</translation>
    </message>
    <message>
        <source>The network path ({delay_ms} ms one way) is slower than softphone vendors&apos; target for the path to their servers ({target_one_way_ms} ms one way, {target_rtt_ms} ms round trip). That target is not a limit for conversation: ITU-T G.114&apos;s limits apply to the whole mouth-to-ear delay.</source>
        <translation>Le chemin réseau ({delay_ms} ms aller simple) est plus lent que l&apos;objectif des éditeurs de softphones pour le chemin vers leurs serveurs ({target_one_way_ms} ms aller simple, {target_rtt_ms} ms aller-retour). Cet objectif n&apos;est pas une limite pour la conversation&#xa0;: les limites de l&apos;UIT-T G.114 s&apos;appliquent à l&apos;ensemble du délai de la bouche à l&apos;oreille.</translation>
    </message>
    <message>
        <source>You are on Wi-Fi and {loss_pct} % of packets were lost in bursts — use a wired connection or move closer to the access point.</source>
        <translation>Vous êtes en Wi-Fi et {loss_pct}&#xa0;% des paquets ont été perdus par rafales — utilisez une connexion filaire ou rapprochez-vous du point d&apos;accès.</translation>
    </message>
    <message>
        <source>You are on Wi-Fi and {loss_pct} % of packets were lost — use a wired connection or move closer to the access point.</source>
        <translation>Vous êtes en Wi-Fi et {loss_pct}&#xa0;% des paquets ont été perdus — utilisez une connexion filaire ou rapprochez-vous du point d&apos;accès.</translation>
    </message>
    <message>
        <source>{loss_pct} % of voice packets were lost in bursts (target: under {target_loss_pct} %), which makes words drop out. The network is congested or faulty: ask IT to check the connection and to give voice priority (QoS).</source>
        <translation>{loss_pct}&#xa0;% des paquets de voix ont été perdus par rafales (objectif&#xa0;: moins de {target_loss_pct}&#xa0;%), ce qui fait disparaître des mots. Le réseau est saturé ou défaillant&#xa0;: demandez au service informatique de vérifier la connexion et de donner la priorité à la voix (QoS).</translation>
    </message>
    <message>
        <source>{loss_pct} % of voice packets were lost (target: under {target_loss_pct} %), which makes words drop out. The network is congested or faulty: ask IT to check the connection and to give voice priority (QoS).</source>
        <translation>{loss_pct}&#xa0;% des paquets de voix ont été perdus (objectif&#xa0;: moins de {target_loss_pct}&#xa0;%), ce qui fait disparaître des mots. Le réseau est saturé ou défaillant&#xa0;: demandez au service informatique de vérifier la connexion et de donner la priorité à la voix (QoS).</translation>
    </message>
    <message>
        <source>Voice packets arrive unevenly (jitter {jitter_ms} ms) and {late_pct} % of them came too late to be played (target: under {target_jitter_ms} ms). Something else is using the connection — pause downloads, uploads and video, use a wired connection, or ask IT for voice QoS.</source>
        <translation>Les paquets de voix arrivent de façon irrégulière (gigue {jitter_ms} ms) et {late_pct}&#xa0;% d&apos;entre eux sont arrivés trop tard pour être joués (objectif&#xa0;: moins de {target_jitter_ms} ms). Autre chose utilise la connexion — mettez en pause les téléchargements, les envois et la vidéo, utilisez une connexion filaire, ou demandez au service informatique une QoS pour la voix.</translation>
    </message>
    <message>
        <source>Voice packets arrive unevenly (jitter {jitter_ms} ms; target: under {target_jitter_ms} ms). Something else is using the connection — pause downloads, uploads and video, use a wired connection, or ask IT for voice QoS.</source>
        <translation>Les paquets de voix arrivent de façon irrégulière (gigue {jitter_ms} ms&#xa0;; objectif&#xa0;: moins de {target_jitter_ms} ms). Autre chose utilise la connexion — mettez en pause les téléchargements, les envois et la vidéo, utilisez une connexion filaire, ou demandez au service informatique une QoS pour la voix.</translation>
    </message>
    <message>
        <source>{late_pct} % of the voice packets came too late to be played (target: jitter under {target_jitter_ms} ms). Something else is using the connection — pause downloads, uploads and video, use a wired connection, or ask IT for voice QoS.</source>
        <translation>{late_pct}&#xa0;% des paquets de voix sont arrivés trop tard pour être joués (objectif&#xa0;: gigue inférieure à {target_jitter_ms} ms). Autre chose utilise la connexion — mettez en pause les téléchargements, les envois et la vidéo, utilisez une connexion filaire, ou demandez au service informatique une QoS pour la voix.</translation>
    </message>
    <message>
        <source>Your Wi-Fi signal is weak ({signal_dbm} dBm; voice needs {min_signal_dbm} dBm or better). Move closer to the access point or use a wired connection.</source>
        <translation>Votre signal Wi-Fi est faible ({signal_dbm} dBm&#xa0;; la voix demande {min_signal_dbm} dBm ou mieux). Rapprochez-vous du point d&apos;accès ou utilisez une connexion filaire.</translation>
    </message>
    <message>
        <source>Your Wi-Fi uses the 2.4 GHz band, which is crowded and slower. If your network offers 5 GHz (often a name ending in “5G”), connect to that instead.</source>
        <translation>Votre Wi-Fi utilise la bande 2,4 GHz, encombrée et plus lente. Si votre réseau propose le 5 GHz (souvent un nom qui se termine par «&#xa0;5G&#xa0;»), connectez-vous plutôt à celui-ci.</translation>
    </message>
    <message>
        <source>Your calls go through a VPN ({vpn_interfaces}), which adds delay and can lose packets. Ask IT whether voice can bypass the VPN (split tunnelling), or test without it.</source>
        <translation>Vos appels passent par un VPN ({vpn_interfaces}), ce qui ajoute du délai et peut faire perdre des paquets. Demandez au service informatique si la voix peut contourner le VPN (split tunneling), ou faites un test sans lui.</translation>
    </message>
    <message>
        <source>A VPN or tunnel is active ({vpn_interfaces}). If calls are poor, test once without it.</source>
        <translation>Un VPN ou un tunnel est actif ({vpn_interfaces}). Si les appels sont de mauvaise qualité, faites un test sans lui.</translation>
    </message>
    <message>
        <source>Your Bluetooth headset “{device}” is in hands-free mode at {rate_khz} kHz, which makes voices sound thin and muffled. Use a wired or USB headset, or a Bluetooth headset with its own USB dongle.</source>
        <translation>Votre casque Bluetooth «&#xa0;{device}&#xa0;» est en mode mains libres à {rate_khz} kHz, ce qui rend les voix grêles et étouffées. Utilisez un casque filaire ou USB, ou un casque Bluetooth doté de son propre dongle USB.</translation>
    </message>
    <message>
        <source>Your Bluetooth headset “{device}” is in hands-free mode, which makes voices sound thin and muffled. Use a wired or USB headset, or a Bluetooth headset with its own USB dongle.</source>
        <translation>Votre casque Bluetooth «&#xa0;{device}&#xa0;» est en mode mains libres, ce qui rend les voix grêles et étouffées. Utilisez un casque filaire ou USB, ou un casque Bluetooth doté de son propre dongle USB.</translation>
    </message>
    <message>
        <source>Your Bluetooth headset “{device}” adds {delay} ms of delay in its hands-free mode: use a wired or USB headset, or the laptop&apos;s own speaker and microphone.</source>
        <translation>Votre casque Bluetooth «&#xa0;{device}&#xa0;» ajoute {delay} ms de délai en mode mains libres&#xa0;: utilisez un casque filaire ou USB, ou le haut-parleur et le microphone intégrés de l&apos;ordinateur portable.</translation>
    </message>
    <message>
        <source>Your audio device “{device}” adds {delay} ms of delay: try another headset, a wired one, or the laptop&apos;s own speaker and microphone.</source>
        <translation>Votre périphérique audio «&#xa0;{device}&#xa0;» ajoute {delay} ms de délai&#xa0;: essayez un autre casque, un casque filaire, ou le haut-parleur et le microphone intégrés de l&apos;ordinateur portable.</translation>
    </message>
    <message>
        <source>Your computer was very busy during the test ({cpu_load_pct} % CPU), which can make audio stutter. Close programs you do not need, or restart the computer before calls.</source>
        <translation>Votre ordinateur était très occupé pendant le test ({cpu_load_pct}&#xa0;% de CPU), ce qui peut faire hacher le son. Fermez les programmes dont vous n&apos;avez pas besoin, ou redémarrez l&apos;ordinateur avant vos appels.</translation>
    </message>
    <message>
        <source>Your connection carried only {available_kbps} kbit/s, less than the {voice_kbps} kbit/s a call needs. Stop other downloads and uploads, or ask for a faster connection; a low-bitrate codec (see below) can help.</source>
        <translation>Votre connexion n&apos;a transporté que {available_kbps} kbit/s, moins que les {voice_kbps} kbit/s nécessaires à un appel. Arrêtez les autres téléchargements et envois, ou demandez une connexion plus rapide&#xa0;; un codec à faible débit (voir ci-dessous) peut aider.</translation>
    </message>
    <message>
        <source>A call needs {voice_kbps} kbit/s of the {available_kbps} kbit/s your connection carried — little room left for anything else. Avoid large downloads during calls.</source>
        <translation>Un appel a besoin de {voice_kbps} kbit/s sur les {available_kbps} kbit/s que votre connexion a transportés&#xa0;: il reste peu de marge pour autre chose. Évitez les gros téléchargements pendant les appels.</translation>
    </message>
    <message>
        <source>When your connection is busy ({direction}), delay grows by {rtt_increase_ms} ms (bufferbloat, grade {grade}). Turn on Smart Queue Management (SQM) or QoS in the router, or ask IT to prioritise voice.</source>
        <translation>Quand votre connexion est chargée ({direction}), le délai augmente de {rtt_increase_ms} ms (bufferbloat, note {grade}). Activez la gestion intelligente des files d&apos;attente (SQM) ou la QoS dans le routeur, ou demandez au service informatique de donner la priorité à la voix.</translation>
    </message>
    <message>
        <source>uplink</source>
        <extracomment>The directions of a capacity measurement, as words in a sentence.</extracomment>
        <translation>liaison montante</translation>
    </message>
    <message>
        <source>downlink</source>
        <translation>liaison descendante</translation>
    </message>
    <message>
        <source>The network removes the priority mark on voice packets (sent DSCP {dscp_sent} “EF”, arrived as DSCP {dscp_received}), so voice waits behind other traffic when the line is busy. Ask IT to keep DSCP EF for voice or to use a voice VLAN.</source>
        <translation>Le réseau supprime la marque de priorité des paquets de voix (envoyés en DSCP {dscp_sent} «&#xa0;EF&#xa0;», arrivés en DSCP {dscp_received}), si bien que la voix attend derrière le reste du trafic quand la ligne est chargée. Demandez au service informatique de conserver DSCP EF pour la voix ou d&apos;utiliser un VLAN voix.</translation>
    </message>
    <message>
        <source>The network changes the priority mark on voice packets (sent DSCP {dscp_sent} “EF”, arrived as DSCP {dscp_received}), so voice waits behind other traffic when the line is busy. Ask IT to keep DSCP EF for voice or to use a voice VLAN.</source>
        <translation>Le réseau modifie la marque de priorité des paquets de voix (envoyés en DSCP {dscp_sent} «&#xa0;EF&#xa0;», arrivés en DSCP {dscp_received}), si bien que la voix attend derrière le reste du trafic quand la ligne est chargée. Demandez au service informatique de conserver DSCP EF pour la voix ou d&apos;utiliser un VLAN voix.</translation>
    </message>
    <message>
        <source>Voice had to travel over TCP because UDP is blocked, so any lost packet turns into a delay. Ask IT to allow UDP for calls (the softphone&apos;s media ports, and TURN on UDP 3478).</source>
        <translation>La voix a dû passer par TCP parce que l&apos;UDP est bloqué&#xa0;: chaque paquet perdu se transforme alors en délai. Demandez au service informatique d&apos;autoriser l&apos;UDP pour les appels (les ports média du softphone, et TURN sur UDP 3478).</translation>
    </message>
    <message>
        <source>Voice went through a relay server rather than directly, usually because a firewall or NAT blocks the direct path. This adds some delay.</source>
        <translation>La voix est passée par un serveur relais plutôt qu&apos;en direct, généralement parce qu&apos;un pare-feu ou un NAT bloque le chemin direct. Cela ajoute un peu de délai.</translation>
    </message>
    <message>
        <source>On this network {suggested} would score MOS-CQEW {suggested_mos} instead of {current_mos} with {current} (both on the wideband scale, to compare codecs). Ask IT to prefer it in the softphone&apos;s codec settings.</source>
        <translation>Sur ce réseau, {suggested} obtiendrait un MOS-CQEW de {suggested_mos} au lieu de {current_mos} avec {current} (tous deux sur l&apos;échelle large bande, pour comparer les codecs). Demandez au service informatique de le privilégier dans les paramètres de codecs du softphone.</translation>
    </message>
    <message>
        <source>On this network {suggested} would score MOS {suggested_mos} instead of {current_mos} with {current}. Ask IT to prefer it in the softphone&apos;s codec settings.</source>
        <translation>Sur ce réseau, {suggested} obtiendrait un MOS de {suggested_mos} au lieu de {current_mos} avec {current}. Demandez au service informatique de le privilégier dans les paramètres de codecs du softphone.</translation>
    </message>
    <message>
        <source>The network is fine for this call (predicted MOS {predicted}), but the audio that reached the speaker scored {heard}: it is damaged on this computer. Check the headset and its cable, make sure a Bluetooth headset is not in hands-free mode, and close programs that keep the CPU busy.</source>
        <translation>Le réseau convient à cet appel (MOS prévu {predicted}), mais le son arrivé au haut-parleur a obtenu {heard}&#xa0;: il est dégradé sur cet ordinateur. Vérifiez le casque et son câble, assurez-vous qu&apos;un casque Bluetooth n&apos;est pas en mode mains libres, et fermez les programmes qui occupent le processeur.</translation>
    </message>
    <message>
        <source>The biggest cost to this call is delay on the network: sound takes {ta_ms} ms from mouth to ear, {part_ms} ms of it on the network path. Use a server or relay closer to you, and avoid VPN, satellite or mobile links for calls.</source>
        <translation>Ce qui pénalise le plus cet appel, c&apos;est le délai sur le réseau&#xa0;: le son met {ta_ms} ms de la bouche à l&apos;oreille, dont {part_ms} ms sur le chemin réseau. Utilisez un serveur ou un relais plus proche de vous, et évitez les liaisons VPN, satellite ou mobiles pour les appels.</translation>
    </message>
    <message>
        <source>The biggest cost to this call is delay in the playout buffer: sound takes {ta_ms} ms from mouth to ear, {part_ms} ms of it waiting for voice packets that arrive unevenly (jitter). Use a wired connection, pause other traffic, or ask IT for voice QoS.</source>
        <translation>Ce qui pénalise le plus cet appel, c&apos;est le délai dans le tampon de lecture&#xa0;: le son met {ta_ms} ms de la bouche à l&apos;oreille, dont {part_ms} ms à attendre des paquets de voix qui arrivent de façon irrégulière (gigue). Utilisez une connexion filaire, mettez en pause le reste du trafic, ou demandez au service informatique une QoS pour la voix.</translation>
    </message>
    <message>
        <source>The biggest cost to this call is delay from the audio device: sound takes {ta_ms} ms from mouth to ear, {part_ms} ms of it in the microphone and speaker path. Use a wired USB headset, or another audio device or driver.</source>
        <translation>Ce qui pénalise le plus cet appel, c&apos;est le délai du périphérique audio&#xa0;: le son met {ta_ms} ms de la bouche à l&apos;oreille, dont {part_ms} ms dans le circuit du microphone et du haut-parleur. Utilisez un casque USB filaire, ou un autre périphérique ou pilote audio.</translation>
    </message>
    <message>
        <source>The biggest cost to this call is packet loss: {loss_pct} % of the voice packets were lost or came too late to be played, which makes words drop out. Use a wired connection instead of Wi-Fi, or ask IT to check the network path.</source>
        <translation>Ce qui pénalise le plus cet appel, c&apos;est la perte de paquets&#xa0;: {loss_pct}&#xa0;% des paquets de voix ont été perdus ou sont arrivés trop tard pour être joués, ce qui fait disparaître des mots. Utilisez une connexion filaire plutôt que le Wi-Fi, ou demandez au service informatique de vérifier le chemin réseau.</translation>
    </message>
    <message>
        <source>The biggest cost to this call is the codec: {codec} alone limits it to {label} {ceiling_mos}. Ask IT to prefer {alternative} in the softphone&apos;s settings: on this network it would give MOS-CQEW {alternative_mos}.</source>
        <translation>Ce qui pénalise le plus cet appel, c&apos;est le codec&#xa0;: {codec} le limite à lui seul à {label} {ceiling_mos}. Demandez au service informatique de privilégier {alternative} dans les paramètres du softphone&#xa0;: sur ce réseau, il donnerait un MOS-CQEW de {alternative_mos}.</translation>
    </message>
    <message>
        <source>The biggest cost to this call is the codec: {codec} alone limits it to {label} {ceiling_mos}. Ask IT to prefer a wideband codec such as Opus in the softphone&apos;s settings.</source>
        <translation>Ce qui pénalise le plus cet appel, c&apos;est le codec&#xa0;: {codec} le limite à lui seul à {label} {ceiling_mos}. Demandez au service informatique de privilégier un codec large bande comme Opus dans les paramètres du softphone.</translation>
    </message>
    <message>
        <source>Your connection meets the targets for voice (MOS {mos}). If calls still sound bad, the problem is likely at the other end or in the softphone&apos;s settings.</source>
        <extracomment>Below this MOS a call is &quot;Bad&quot; (DESIGN.md grades): its first action is critical.</extracomment>
        <translation>Votre connexion atteint les objectifs pour la voix (MOS {mos}). Si les appels restent de mauvaise qualité, le problème vient probablement de l&apos;autre côté ou des paramètres du softphone.</translation>
    </message>
</context>
<context>
    <name>connectivity</name>
    <message>
        <source>the server&apos;s name could not be resolved (DNS)</source>
        <extracomment>Each pre-call check gives up after this long (the whole diagnosis must fit in 10 s). A token that no session has: its ``GET`` answers 401 (bad token) or 404 (token passed). The translation context of the findings. The plain words of :func:`callcheck.engine.signaling.classify_http_error` that have no detail in them, marked for translation; other words stay as they are (English).</extracomment>
        <translation>le nom du serveur n&apos;a pas pu être résolu (DNS)</translation>
    </message>
    <message>
        <source>the secure (TLS) connection failed: the certificate is not trusted</source>
        <translation>la connexion sécurisée (TLS) a échoué&#xa0;: le certificat n&apos;est pas approuvé</translation>
    </message>
    <message>
        <source>the secure (TLS) connection failed</source>
        <translation>la connexion sécurisée (TLS) a échoué</translation>
    </message>
    <message>
        <source>the server did not answer in time (a firewall may drop the traffic)</source>
        <translation>le serveur n&apos;a pas répondu à temps (un pare-feu bloque peut-être le trafic)</translation>
    </message>
    <message>
        <source>the connection was refused: nothing listens on that port</source>
        <translation>la connexion a été refusée&#xa0;: rien n&apos;écoute sur ce port</translation>
    </message>
    <message>
        <source>the server closed the connection without answering</source>
        <translation>le serveur a fermé la connexion sans répondre</translation>
    </message>
    <message>
        <source>Cannot reach the server at {url}: {reason}.</source>
        <translation>Impossible de joindre le serveur à l&apos;adresse {url}&#xa0;: {reason}.</translation>
    </message>
    <message>
        <source>The server answers over {scheme}.</source>
        <translation>Le serveur répond en {scheme}.</translation>
    </message>
    <message>
        <source>The server answers over {scheme} (HTTP {status} on /healthz: not a CallCheck server?).</source>
        <translation>Le serveur répond en {scheme} (HTTP {status} sur /healthz&#xa0;: ce n&apos;est peut-être pas un serveur CallCheck).</translation>
    </message>
    <message>
        <source>The token could not be checked: {reason}.</source>
        <translation>Le jeton n&apos;a pas pu être vérifié&#xa0;: {reason}.</translation>
    </message>
    <message>
        <source>The server needs an access token: pass --token.</source>
        <translation>Le serveur exige un jeton d&apos;accès&#xa0;: indiquez --token.</translation>
    </message>
    <message>
        <source>The server refused the access token: check --token.</source>
        <translation>Le serveur a refusé le jeton d&apos;accès&#xa0;: vérifiez --token.</translation>
    </message>
    <message>
        <source>The server needs no token.</source>
        <translation>Le serveur n&apos;exige pas de jeton.</translation>
    </message>
    <message>
        <source>The server accepted the token.</source>
        <translation>Le serveur a accepté le jeton.</translation>
    </message>
    <message>
        <source>The room could not be checked: {reason}.</source>
        <translation>La salle n&apos;a pas pu être vérifiée&#xa0;: {reason}.</translation>
    </message>
    <message>
        <source>No room {code}: check the code (rooms expire).</source>
        <translation>Aucune salle {code}&#xa0;: vérifiez le code (les salles expirent).</translation>
    </message>
    <message>
        <source>The room check failed (HTTP {status}).</source>
        <translation>La vérification de la salle a échoué (HTTP {status}).</translation>
    </message>
    <message>
        <source>Room {code} already has two people in it.</source>
        <translation>La salle {code} compte déjà deux personnes.</translation>
    </message>
    <message>
        <source>Room {code} is open.</source>
        <translation>La salle {code} est ouverte.</translation>
    </message>
    <message>
        <source>Bad TURN URL {url}.</source>
        <translation>URL TURN incorrecte&#xa0;: {url}.</translation>
    </message>
    <message>
        <source>The TURN server {host}:{port} did not answer over {transport} within {timeout_s} s: a firewall may block {transport} to port {port}.</source>
        <translation>Le serveur TURN {host}:{port} n&apos;a pas répondu en {transport} dans les {timeout_s} s&#xa0;: un pare-feu bloque peut-être {transport} vers le port {port}.</translation>
    </message>
    <message>
        <source>the user name or password was refused</source>
        <translation>le nom d&apos;utilisateur ou le mot de passe a été refusé</translation>
    </message>
    <message>
        <source>The TURN server {host}:{port} over {transport} failed: {reason}.</source>
        <translation>Le serveur TURN {host}:{port} en {transport} a échoué&#xa0;: {reason}.</translation>
    </message>
    <message>
        <source>A relay was allocated on {host}:{port} over {transport}.</source>
        <translation>Un relais a été alloué sur {host}:{port} en {transport}.</translation>
    </message>
    <message>
        <source>UDP media gets through (ICE connectivity checks answered).</source>
        <translation>Les flux média UDP passent (les vérifications de connectivité ICE ont obtenu une réponse).</translation>
    </message>
    <message>
        <source>The far end offered no network address for the media (no ICE candidates).</source>
        <translation>L&apos;autre extrémité n&apos;a proposé aucune adresse réseau pour les flux média (aucun candidat ICE).</translation>
    </message>
    <message>
        <source>The server answered over HTTP(S), but no UDP packets came back: a firewall probably blocks UDP. Allow UDP to the server, or use a TURN server over TCP/TLS (--ice-server turn:USER:PASS@HOST:443?transport=tcp --force-relay).</source>
        <translation>Le serveur a répondu en HTTP(S), mais aucun paquet UDP n&apos;est revenu&#xa0;: un pare-feu bloque probablement l&apos;UDP. Autorisez l&apos;UDP vers le serveur, ou utilisez un serveur TURN sur TCP/TLS (--ice-server turn:USER:PASS@HOST:443?transport=tcp --force-relay).</translation>
    </message>
</context>
<context>
    <name>grades</name>
    <message>
        <source>Excellent</source>
        <translation>Excellent</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Bon</translation>
    </message>
    <message>
        <source>Fair</source>
        <translation>Moyen</translation>
    </message>
    <message>
        <source>Poor</source>
        <translation>Médiocre</translation>
    </message>
    <message>
        <source>Bad</source>
        <translation>Mauvais</translation>
    </message>
    <message>
        <source>Crystal-clear audio, no issues.</source>
        <extracomment>Best first. A MOS exactly on a boundary belongs to the better band (4.0 is Good, 4.3 Excellent).</extracomment>
        <translation>Son parfaitement clair, aucun problème.</translation>
    </message>
    <message>
        <source>Clear voice, very minor flaws.</source>
        <translation>Voix claire, défauts très légers.</translation>
    </message>
    <message>
        <source>Slight distortion, still understandable.</source>
        <translation>Légère distorsion, toujours compréhensible.</translation>
    </message>
    <message>
        <source>Noticeable issues affect conversation.</source>
        <translation>Des problèmes perceptibles gênent la conversation.</translation>
    </message>
    <message>
        <source>Hard to hear, disruptive.</source>
        <translation>Difficile à entendre, perturbant.</translation>
    </message>
</context>
<context>
    <name>heard</name>
    <message>
        <source>What the listener heard</source>
        <extracomment>The translation context of the heard score&apos;s sentences (CLI, text summary, HTML, Results).</extracomment>
        <translation>Ce que votre interlocuteur a entendu</translation>
    </message>
    <message>
        <source>downlink (far end to you)</source>
        <extracomment>Each direction in words; the report&apos;s value (``downlink`` …) stays the key.</extracomment>
        <translation>sens descendant (de l&apos;autre extrémité vers vous)</translation>
    </message>
    <message>
        <source>uplink (you to far end)</source>
        <translation>sens montant (de vous vers l&apos;autre extrémité)</translation>
    </message>
    <message>
        <source>round trip (your voice, back from the server)</source>
        <translation>aller-retour (votre voix, renvoyée par le serveur)</translation>
    </message>
    <message>
        <source>What the listener heard: {mos} {scale} ({detail})</source>
        <translation>Ce que votre interlocuteur a entendu&#xa0;: {mos} {scale} ({detail})</translation>
    </message>
    <message>
        <source>What the listener heard: not available ({why})</source>
        <translation>Ce que votre interlocuteur a entendu&#xa0;: non disponible ({why})</translation>
    </message>
    <message>
        <source>What the listener heard: not available</source>
        <translation>Ce que votre interlocuteur a entendu&#xa0;: non disponible</translation>
    </message>
    <message>
        <source>{direction}: {mos} {scale} — {model}, {method}, {seconds} s scored</source>
        <translation>{direction}&#xa0;: {mos} {scale} — {model}, {method}, {seconds} s évaluées</translation>
    </message>
    <message>
        <source>{direction}: not available — {why}</source>
        <translation>{direction}&#xa0;: non disponible — {why}</translation>
    </message>
</context>
<context>
    <name>lists</name>
    <message>
        <source>{first}; {second}</source>
        <extracomment>``translate(context, template) -&gt; text``: Qt&apos;s ``QCoreApplication.translate`` or :func:`english`. The context of the generic joining templates (lists of parts).</extracomment>
        <translation>{first}&#xa0;; {second}</translation>
    </message>
</context>
<context>
    <name>report</name>
    <message>
        <source>yes</source>
        <extracomment>Grade band colours (best first), shared by the gauge and the MOS timeline.</extracomment>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>MOS gauge</source>
        <translation>Jauge MOS</translation>
    </message>
    <message>
        <source>no score</source>
        <translation>aucune note</translation>
    </message>
    <message>
        <source>{title}: no samples.</source>
        <translation>{title}&#xa0;: aucune mesure.</translation>
    </message>
    <message>
        <source>last 1 s</source>
        <translation>dernière s</translation>
    </message>
    <message>
        <source>MOS over the test</source>
        <translation>MOS pendant le test</translation>
    </message>
    <message>
        <source>Round-trip time</source>
        <translation>Temps aller-retour</translation>
    </message>
    <message>
        <source>Jitter and playout buffer</source>
        <translation>Gigue et tampon de lecture</translation>
    </message>
    <message>
        <source>jitter</source>
        <translation>gigue</translation>
    </message>
    <message>
        <source>buffer</source>
        <translation>tampon</translation>
    </message>
    <message>
        <source>Packet loss per interval</source>
        <translation>Perte de paquets par intervalle</translation>
    </message>
    <message>
        <source>one-way network delay</source>
        <extracomment>The E-model inputs (report ``quality.inputs``) in words; the G.107 symbol stays in brackets for whoever checks the arithmetic.</extracomment>
        <translation>délai réseau aller simple</translation>
    </message>
    <message>
        <source>wait in the playout buffer</source>
        <translation>attente dans le tampon de lecture</translation>
    </message>
    <message>
        <source>codec delay (packet and look-ahead)</source>
        <translation>délai du codec (paquet et anticipation)</translation>
    </message>
    <message>
        <source>audio device delay</source>
        <translation>délai du périphérique audio</translation>
    </message>
    <message>
        <source>packets lost on the network</source>
        <translation>paquets perdus sur le réseau</translation>
    </message>
    <message>
        <source>packets too late to play</source>
        <translation>paquets arrivés trop tard pour être lus</translation>
    </message>
    <message>
        <source>how bunched the losses are</source>
        <translation>à quel point les pertes sont groupées</translation>
    </message>
    <message>
        <source>mouth-to-ear delay (Ta)</source>
        <translation>délai de bouche à oreille (Ta)</translation>
    </message>
    <message>
        <source>talker echo path delay (T)</source>
        <translation>délai du chemin d&apos;écho côté locuteur (T)</translation>
    </message>
    <message>
        <source>listener echo loop delay (Tr)</source>
        <translation>délai de la boucle d&apos;écho côté auditeur (Tr)</translation>
    </message>
    <message>
        <source>packets lost or too late (Ppl)</source>
        <translation>paquets perdus ou en retard (Ppl)</translation>
    </message>
    <message>
        <source>how bunched the losses are (BurstR)</source>
        <translation>à quel point les pertes sont groupées (BurstR)</translation>
    </message>
    <message>
        <source>what the codec itself costs (Ie)</source>
        <translation>ce que coûte le codec lui-même (Ie)</translation>
    </message>
    <message>
        <source>how well the codec hides loss (Bpl)</source>
        <translation>comment le codec masque les pertes (Bpl)</translation>
    </message>
    <message>
        <source>round trip</source>
        <translation>aller-retour</translation>
    </message>
    <message>
        <source>target round trip</source>
        <translation>aller-retour visé</translation>
    </message>
    <message>
        <source>one-way delay</source>
        <translation>délai aller simple</translation>
    </message>
    <message>
        <source>mouth to ear</source>
        <translation>bouche à oreille</translation>
    </message>
    <message>
        <source>computer busy</source>
        <translation>ordinateur occupé</translation>
    </message>
    <message>
        <source>audio lost or late</source>
        <translation>audio perdu ou en retard</translation>
    </message>
    <message>
        <source>none</source>
        <extracomment>A source that points into the code reads, in a report, as where a person finds it. Field-name suffixes and the unit they stand for.</extracomment>
        <translation>aucun</translation>
    </message>
    <message>
        <source>documented with CallCheck&apos;s codec table</source>
        <translation>documenté dans la table des codecs de CallCheck</translation>
    </message>
    <message>
        <source>measured</source>
        <extracomment>How an E-model input is known (``quality.inputs[].provenance``), in words.</extracomment>
        <translation>mesuré</translation>
    </message>
    <message>
        <source>estimated</source>
        <translation>estimé</translation>
    </message>
    <message>
        <source>assumed</source>
        <translation>supposé</translation>
    </message>
    <message>
        <source>(clamped from {value})</source>
        <translation>(limité depuis {value})</translation>
    </message>
    <message>
        <source>what</source>
        <translation>quoi</translation>
    </message>
    <message>
        <source>value</source>
        <translation>valeur</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>unité</translation>
    </message>
    <message>
        <source>how known</source>
        <translation>comment c&apos;est connu</translation>
    </message>
    <message>
        <source>from</source>
        <translation>source</translation>
    </message>
    <message>
        <source>target under {limit}</source>
        <translation>objectif&#xa0;: moins de {limit}</translation>
    </message>
    <message>
        <source>Round trip</source>
        <translation>Aller-retour</translation>
    </message>
    <message>
        <source>Jitter</source>
        <translation>Gigue</translation>
    </message>
    <message>
        <source>Packet loss</source>
        <translation>Perte de paquets</translation>
    </message>
    <message>
        <source>Predicted from the network (E-model): {label} {mos}. The heard score measures the audio as it reached the speaker, against what was sent; well below the prediction means the audio was damaged on the computer, not on the network.</source>
        <translation>Prédit à partir du réseau (modèle E)&#xa0;: {label} {mos}. Le score entendu mesure le son tel qu&apos;il est arrivé au haut-parleur, comparé à ce qui a été envoyé&#xa0;; bien en dessous de la prédiction, le son a été abîmé sur l&apos;ordinateur, pas sur le réseau.</translation>
    </message>
    <message>
        <source>Measured: {evidence}</source>
        <translation>Mesuré&#xa0;: {evidence}</translation>
    </message>
    <message>
        <source>No actions.</source>
        <translation>Aucune action.</translation>
    </message>
    <message>
        <source>does not fit</source>
        <translation>ne convient pas</translation>
    </message>
    <message>
        <source>No codec predictions (no delay was measured).</source>
        <translation>Aucune prédiction de codec (aucun délai n&apos;a été mesuré).</translation>
    </message>
    <message>
        <source>predicted {label}</source>
        <translation>{label} prévu</translation>
    </message>
    <message>
        <source>codec</source>
        <translation>codec</translation>
    </message>
    <message>
        <source>bandwidth</source>
        <translation>bande passante</translation>
    </message>
    <message>
        <source>fits the connection</source>
        <translation>adapté à la connexion</translation>
    </message>
    <message>
        <source>why</source>
        <translation>pourquoi</translation>
    </message>
    <message>
        <source>measured by</source>
        <translation>mesuré par</translation>
    </message>
    <message>
        <source>round trip, mean / p95</source>
        <translation>aller-retour, moyenne / p95</translation>
    </message>
    <message>
        <source>one-way delay, mean / p95</source>
        <translation>délai aller simple, moyenne / p95</translation>
    </message>
    <message>
        <source>jitter, mean / p95</source>
        <translation>gigue, moyenne / p95</translation>
    </message>
    <message>
        <source>loss, total / p95 interval</source>
        <translation>perte, totale / p95 par intervalle</translation>
    </message>
    <message>
        <source>packets sent</source>
        <translation>paquets envoyés</translation>
    </message>
    <message>
        <source>packets received</source>
        <translation>paquets reçus</translation>
    </message>
    <message>
        <source>packets lost</source>
        <translation>paquets perdus</translation>
    </message>
    <message>
        <source>reordered</source>
        <translation>réordonnés</translation>
    </message>
    <message>
        <source>burst ratio</source>
        <translation>taux de rafales</translation>
    </message>
    <message>
        <source>No call was made, so there are no network figures.</source>
        <translation>Aucun appel n&apos;a été établi, il n&apos;y a donc pas de mesures réseau.</translation>
    </message>
    <message>
        <source>uplink (you → far end)</source>
        <translation>montant (vous → correspondant)</translation>
    </message>
    <message>
        <source>downlink (far end → you)</source>
        <translation>descendant (correspondant → vous)</translation>
    </message>
    <message>
        <source>audio input</source>
        <extracomment>An audio device&apos;s direction (``environment.host.audio_devices[].direction``), in words.</extracomment>
        <translation>entrée audio</translation>
    </message>
    <message>
        <source>audio output</source>
        <translation>sortie audio</translation>
    </message>
    <message>
        <source>capacity uplink</source>
        <translation>capacité montante</translation>
    </message>
    <message>
        <source>capacity downlink</source>
        <translation>capacité descendante</translation>
    </message>
    <message>
        <source>operating system</source>
        <translation>système d&apos;exploitation</translation>
    </message>
    <message>
        <source>network</source>
        <translation>réseau</translation>
    </message>
    <message>
        <source> — Bluetooth hands-free</source>
        <translation> — Bluetooth mains libres</translation>
    </message>
    <message>
        <source>note</source>
        <translation>remarque</translation>
    </message>
    <message>
        <source>voice priority (DSCP)</source>
        <translation>priorité de la voix (DSCP)</translation>
    </message>
    <message>
        <source>sent {sent}, arrived {arrived} ({verdict})</source>
        <translation>envoyé {sent}, reçu {arrived} ({verdict})</translation>
    </message>
    <message>
        <source>{kbps} kbit/s; delay under load +{delay_ms} ms (bufferbloat grade {grade})</source>
        <translation>{kbps} kbit/s&#xa0;; délai en charge +{delay_ms} ms (note bufferbloat {grade})</translation>
    </message>
    <message>
        <source>connection</source>
        <translation>connexion</translation>
    </message>
    <message>
        <source>protocol</source>
        <translation>protocole</translation>
    </message>
    <message>
        <source>relay (TURN) used</source>
        <translation>relais (TURN) utilisé</translation>
    </message>
    <message>
        <source>connect time</source>
        <translation>durée de connexion</translation>
    </message>
    <message>
        <source>playout buffer, mean</source>
        <translation>tampon de lecture, moyenne</translation>
    </message>
    <message>
        <source>late discards</source>
        <translation>rejets tardifs</translation>
    </message>
    <message>
        <source>concealed frames</source>
        <translation>trames masquées</translation>
    </message>
    <message>
        <source>emulated network (what-if)</source>
        <translation>réseau émulé (simulation)</translation>
    </message>
    <message>
        <source>audio devices used</source>
        <translation>périphériques audio utilisés</translation>
    </message>
    <message>
        <source>microphone</source>
        <translation>microphone</translation>
    </message>
    <message>
        <source>speaker</source>
        <translation>haut-parleur</translation>
    </message>
    <message>
        <source>mouth to ear, network and buffer</source>
        <translation>bouche à oreille, réseau et tampon</translation>
    </message>
    <message>
        <source>mouth to ear, with the audio devices</source>
        <translation>bouche à oreille, avec les périphériques audio</translation>
    </message>
    <message>
        <source>speaker to microphone, measured</source>
        <translation>haut-parleur vers microphone, mesuré</translation>
    </message>
    <message>
        <source>test tones heard</source>
        <translation>tonalités de test entendues</translation>
    </message>
    <message>
        <source>{detected} of {expected}</source>
        <translation>{detected} sur {expected}</translation>
    </message>
    <message>
        <source>audio dropouts</source>
        <translation>coupures audio</translation>
    </message>
    <message>
        <source>audio problem</source>
        <translation>problème audio</translation>
    </message>
    <message>
        <source>CallCheck report {id}</source>
        <extracomment>The scheme of image references in a page rendered without inline SVG.</extracomment>
        <translation>Rapport CallCheck {id}</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>réussi</translation>
    </message>
    <message>
        <source>below pass mark</source>
        <translation>sous le seuil requis</translation>
    </message>
    <message>
        <source>No score</source>
        <translation>Aucune note</translation>
    </message>
    <message>
        <source>{mode} · {date} · codec {codec} · {duration} · test {id} · CallCheck {version}</source>
        <translation>{mode} · {date} · codec {codec} · {duration} · test {id} · CallCheck {version}</translation>
    </message>
    <message>
        <source>{label} {mos} ({scale} scale, ITU-T P.800.1)</source>
        <translation>{label} {mos} (échelle {scale}, UIT-T P.800.1)</translation>
    </message>
    <message>
        <source>CallCheck call-quality report</source>
        <translation>Rapport CallCheck sur la qualité d&apos;appel</translation>
    </message>
    <message>
        <source>The three numbers that matter</source>
        <translation>Les trois chiffres qui comptent</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Que faire</translation>
    </message>
    <message>
        <source>During the test</source>
        <translation>Pendant le test</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Why this score</source>
        <translation>Pourquoi cette note</translation>
    </message>
    <message>
        <source>No audio was measured, so there is no score.</source>
        <translation>Aucun son n&apos;a été mesuré, il n&apos;y a donc pas de note.</translation>
    </message>
    <message>
        <source>Codecs on this network</source>
        <translation>Codecs sur ce réseau</translation>
    </message>
    <message>
        <source>The network, each way</source>
        <translation>Le réseau, dans chaque sens</translation>
    </message>
    <message>
        <source>This computer and the connection</source>
        <translation>Cet ordinateur et la connexion</translation>
    </message>
    <message>
        <source>Problems during the test</source>
        <translation>Problèmes pendant le test</translation>
    </message>
    <message>
        <source>Scores follow ITU-T G.107 / G.107.1 (E-model). Report schema {schema}.</source>
        <translation>Les notes suivent l&apos;UIT-T G.107 / G.107.1 (modèle E). Schéma du rapport {schema}.</translation>
    </message>
</context>
<context>
    <name>summary</name>
    <message>
        <source>not measured</source>
        <extracomment>Width a ticket system or an e-mail shows without wrapping. How many actions the summary lists. The translation context of the summary&apos;s lines.</extracomment>
        <translation>non mesuré</translation>
    </message>
    <message>
        <source>Wi-Fi</source>
        <extracomment>``environment.host.interface_kind`` → what the summary calls it.</extracomment>
        <translation>Wi-Fi</translation>
    </message>
    <message>
        <source>wired (Ethernet)</source>
        <translation>filaire (Ethernet)</translation>
    </message>
    <message>
        <source>mobile data</source>
        <translation>données mobiles</translation>
    </message>
    <message>
        <source>VPN tunnel</source>
        <translation>tunnel VPN</translation>
    </message>
    <message>
        <source>other</source>
        <translation>autre</translation>
    </message>
    <message>
        <source>info</source>
        <extracomment>An action&apos;s severity as the summary shows it (&quot;1. [warning] …&quot;).</extracomment>
        <translation>info</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>avertissement</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>critique</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>{kind} ({details}); VPN: {vpn}; CPU {cpu_pct} %</source>
        <translation>{kind} ({details})&#xa0;; VPN&#xa0;: {vpn}&#xa0;; CPU {cpu_pct}&#xa0;%</translation>
    </message>
    <message>
        <source>{kind} ({details}); VPN: {vpn}</source>
        <translation>{kind} ({details})&#xa0;; VPN&#xa0;: {vpn}</translation>
    </message>
    <message>
        <source>{kind}; VPN: {vpn}; CPU {cpu_pct} %</source>
        <translation>{kind}&#xa0;; VPN&#xa0;: {vpn}&#xa0;; CPU {cpu_pct}&#xa0;%</translation>
    </message>
    <message>
        <source>{kind}; VPN: {vpn}</source>
        <translation>{kind}&#xa0;; VPN&#xa0;: {vpn}</translation>
    </message>
    <message>
        <source>Quick local check</source>
        <extracomment>The one name of each test mode, in every report face and on the screens (the GUI&apos;s ``texts.MODE_SHORT`` holds the same English; a test keeps them equal).</extracomment>
        <translation>Vérification locale rapide</translation>
    </message>
    <message>
        <source>Network test</source>
        <translation>Test réseau</translation>
    </message>
    <message>
        <source>Call a colleague</source>
        <translation>Appeler un collègue</translation>
    </message>
    <message>
        <source>User</source>
        <extracomment>The labels of the &quot;for the helpdesk&quot; block, in its order.</extracomment>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>Ordinateur</translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation>Système d&apos;exploitation</translation>
    </message>
    <message>
        <source>Microphone</source>
        <translation>Microphone</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Haut-parleur</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <source>Test server</source>
        <translation>Serveur de test</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>App version</source>
        <translation>Version de l&apos;application</translation>
    </message>
    <message>
        <source>For the helpdesk</source>
        <translation>Pour le support informatique</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>non enregistré</translation>
    </message>
    <message>
        <source>{mode}, codec {codec}, {duration}, {date}, id {id}</source>
        <translation>{mode}, codec {codec}, {duration}, {date}, ID {id}</translation>
    </message>
    <message>
        <source>none (tested on this computer)</source>
        <translation>aucun (test sur cet ordinateur)</translation>
    </message>
    <message>
        <source>Main reason: {cause}.</source>
        <translation>Raison principale&#xa0;: {cause}.</translation>
    </message>
    <message>
        <source>Main reason: {reason}</source>
        <translation>Raison principale&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Main reason: the test ended before it was complete.</source>
        <translation>Raison principale&#xa0;: le test s&apos;est arrêté avant la fin.</translation>
    </message>
    <message>
        <source>delay on the network</source>
        <extracomment>The causes of :class:`callcheck.core.rating.Cause` in plain words.</extracomment>
        <translation>le délai sur le réseau</translation>
    </message>
    <message>
        <source>delay in the playout buffer (jitter)</source>
        <translation>le délai dans le tampon de lecture (gigue)</translation>
    </message>
    <message>
        <source>delay from the audio device</source>
        <translation>le délai du périphérique audio</translation>
    </message>
    <message>
        <source>packet loss</source>
        <translation>la perte de paquets</translation>
    </message>
    <message>
        <source>the codec itself</source>
        <translation>le codec lui-même</translation>
    </message>
    <message>
        <source>Why this score: the codec alone allows {label} {ceiling}; the network and the devices cost {cost} R below that.</source>
        <translation>Pourquoi ce score&#xa0;: le codec à lui seul permet au mieux {label} {ceiling}&#xa0;; le réseau et les périphériques font perdre {cost} points R par rapport à ce plafond.</translation>
    </message>
    <message>
        <source>The largest cost is {cause}.</source>
        <translation>Ce qui pénalise le plus&#xa0;: {cause}.</translation>
    </message>
    <message>
        <source>A wideband codec ({name}) would give MOS-CQEW {mos} here.</source>
        <translation>Un codec large bande ({name}) donnerait ici un MOS-CQEW de {mos}.</translation>
    </message>
    <message>
        <source>CallCheck call-quality test {id}</source>
        <translation>Test de qualité d&apos;appel CallCheck {id}</translation>
    </message>
    <message>
        <source>Details:</source>
        <translation>Détails&#xa0;:</translation>
    </message>
    <message>
        <source>no score</source>
        <translation>aucun score</translation>
    </message>
    <message>
        <source>PASS</source>
        <translation>RÉUSSI</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>ÉCHEC</translation>
    </message>
    <message>
        <source>Result: {grade}, {label} {mos} of 5 ({result}; {pass_mos} needed)</source>
        <translation>Résultat&#xa0;: {grade}, {label} {mos} sur 5 ({result}&#xa0;; {pass_mos} requis)</translation>
    </message>
    <message>
        <source>Result: {grade}, MOS {mos} of 5 ({result}; {pass_mos} needed)</source>
        <translation>Résultat&#xa0;: {grade}, MOS {mos} sur 5 ({result}&#xa0;; {pass_mos} requis)</translation>
    </message>
    <message>
        <source>Result: {grade} ({result})</source>
        <translation>Résultat&#xa0;: {grade} ({result})</translation>
    </message>
    <message>
        <source>Round trip {rtt} | jitter {jitter} | packet loss {loss}</source>
        <translation>Aller-retour {rtt} | gigue {jitter} | perte de paquets {loss}</translation>
    </message>
    <message>
        <source>What to do:</source>
        <translation>Que faire&#xa0;:</translation>
    </message>
    <message>
        <source>{number}. [{severity}]</source>
        <translation>{number}. [{severity}]</translation>
    </message>
    <message>
        <source>Best codec: {name}, predicted {label} {mos}, {kbps} kbit/s per direction</source>
        <translation>Meilleur codec&#xa0;: {name}, {label} prévu {mos}, {kbps} kbit/s par sens</translation>
    </message>
    <message>
        <source>Best codec: {name}, predicted MOS {mos}, {kbps} kbit/s per direction</source>
        <translation>Meilleur codec&#xa0;: {name}, MOS prévu {mos}, {kbps} kbit/s par sens</translation>
    </message>
    <message>
        <source>Note: {message}</source>
        <translation>Remarque&#xa0;: {message}</translation>
    </message>
</context>
<context>
    <name>texts</name>
    <message>
        <source>Excellent</source>
        <extracomment>The grade words shown to users (the keys are the core&apos;s grades, the values what we print).</extracomment>
        <translation>Excellent</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Bon</translation>
    </message>
    <message>
        <source>Fair</source>
        <translation>Moyen</translation>
    </message>
    <message>
        <source>Poor</source>
        <translation>Médiocre</translation>
    </message>
    <message>
        <source>Bad</source>
        <translation>Mauvais</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>MOS gauge</source>
        <translation>Jauge MOS</translation>
    </message>
    <message>
        <source>MOS</source>
        <translation>MOS</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>seuil</translation>
    </message>
    <message>
        <source>No MOS measured yet</source>
        <translation>Aucun MOS mesuré pour l&apos;instant</translation>
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
        <translation>CallCheck {version} (build {build}) – test de qualité d&apos;appel</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Accueil</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>How good will your calls sound?</source>
        <translation>Quelle sera la qualité de vos appels&#xa0;?</translation>
    </message>
    <message>
        <source>CallCheck places a short test call, measures delay, jitter and lost audio, and tells you the quality a listener would hear.</source>
        <translation>CallCheck passe un court appel de test, mesure le délai, la gigue et le son perdu, et vous indique la qualité qu&apos;entendrait votre interlocuteur.</translation>
    </message>
    <message>
        <source>Test my call quality</source>
        <translation>Tester la qualité de mes appels</translation>
    </message>
    <message>
        <source>Starts a test call of about {seconds:.0f} seconds.</source>
        <translation>Lance un appel de test d&apos;environ {seconds:.0f} secondes.</translation>
    </message>
    <message>
        <source>What to test</source>
        <translation>Que tester</translation>
    </message>
    <message>
        <source>Quick local check (this computer)</source>
        <translation>Vérification locale rapide (cet ordinateur)</translation>
    </message>
    <message>
        <source>Network test (the company&apos;s test server)</source>
        <translation>Test réseau (le serveur de test de l&apos;entreprise)</translation>
    </message>
    <message>
        <source>Call a colleague (room code)</source>
        <translation>Appeler un collègue (code de salle)</translation>
    </message>
    <message>
        <source>{mode} – not available in this version yet.</source>
        <extracomment>{mode}: one of the three &quot;What to test&quot; choices above.</extracomment>
        <translation>{mode} – pas encore disponible dans cette version.</translation>
    </message>
    <message>
        <source>Testing your call…</source>
        <translation>Test de votre appel en cours…</translation>
    </message>
    <message>
        <source>Connecting the test call…</source>
        <translation>Connexion de l&apos;appel de test…</translation>
    </message>
    <message>
        <source>Measuring. Keep this window open.</source>
        <translation>Mesure en cours. Laissez cette fenêtre ouverte.</translation>
    </message>
    <message>
        <source>{seconds:.0f} s left</source>
        <translation>{seconds:.0f} s restantes</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Round trip (ms)</source>
        <translation>Aller-retour (ms)</translation>
    </message>
    <message>
        <source>Jitter (ms)</source>
        <translation>Gigue (ms)</translation>
    </message>
    <message>
        <source>Lost packets (%)</source>
        <translation>Paquets perdus (%)</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>secondes</translation>
    </message>
    <message>
        <source>Your result</source>
        <translation>Votre résultat</translation>
    </message>
    <message>
        <source>Good enough for business calls.</source>
        <translation>Suffisant pour les appels professionnels.</translation>
    </message>
    <message>
        <source>Below the quality needed for business calls.</source>
        <translation>En dessous de la qualité requise pour les appels professionnels.</translation>
    </message>
    <message>
        <source>The test ended early; the result covers only part of it.</source>
        <translation>Le test s&apos;est arrêté tôt&#xa0;; le résultat n&apos;en couvre qu&apos;une partie.</translation>
    </message>
    <message>
        <source>Round trip</source>
        <translation>Aller-retour</translation>
    </message>
    <message>
        <source>Jitter</source>
        <translation>Gigue</translation>
    </message>
    <message>
        <source>Why this score</source>
        <translation>Pourquoi ce score</translation>
    </message>
    <message>
        <source>Codecs for this network</source>
        <translation>Codecs pour ce réseau</translation>
    </message>
    <message>
        <source>Copy summary for the helpdesk</source>
        <translation>Copier le résumé pour le support</translation>
    </message>
    <message>
        <source>Summary copied.</source>
        <translation>Résumé copié.</translation>
    </message>
    <message>
        <source>Save report…</source>
        <translation>Enregistrer le rapport…</translation>
    </message>
    <message>
        <source>Save the test report</source>
        <translation>Enregistrer le rapport de test</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>Page web (*.html)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <extracomment>The formats a report is saved in, the first the default (a PDF anyone can open).</extracomment>
        <translation>Document PDF (*.pdf)</translation>
    </message>
    <message>
        <source>{description}; the last second only MOS {mos}</source>
        <extracomment>{description}: GAUGE_DESCRIPTION (&quot;MOS 4.2, Good&quot;); {mos}: the last second&apos;s MOS (&quot;3.1&quot;).</extracomment>
        <translation>{description}&#xa0;; seulement MOS {mos} sur la dernière seconde</translation>
    </message>
    <message>
        <source>last 1 s</source>
        <extracomment>Beside the gauge&apos;s faint mark: the rating of the last second of the call (keep it short).</extracomment>
        <translation>dernière s</translation>
    </message>
    <message>
        <source>The needle shows the call so far. The faint mark (last 1 s) shows the last second when it was worse: a short dropout shows there at once.</source>
        <translation>L&apos;aiguille indique l&apos;appel jusqu&apos;ici. La marque pâle (dernière s) indique la dernière seconde lorsqu&apos;elle était moins bonne&#xa0;: une brève coupure y apparaît aussitôt.</translation>
    </message>
    <message>
        <source>Predicted from the network</source>
        <extracomment>Issue 19: the E-model&apos;s prediction and the score of the audio the listener actually got.</extracomment>
        <translation>Prévu d&apos;après le réseau</translation>
    </message>
    <message>
        <source>What the listener heard</source>
        <translation>Ce que votre interlocuteur a entendu</translation>
    </message>
    <message>
        <source>{mos} ({scale})</source>
        <translation>{mos} ({scale})</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>non disponible</translation>
    </message>
    <message>
        <source>Report saved to {path}.</source>
        <translation>Rapport enregistré dans {path}.</translation>
    </message>
    <message>
        <source>Could not save the report to {path}: {error}</source>
        <translation>Impossible d&apos;enregistrer le rapport dans {path}&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Run the test again</source>
        <translation>Relancer le test</translation>
    </message>
    <message>
        <source>Test ID {id}</source>
        <translation>ID du test {id}</translation>
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
        <translation>Le délai (le temps que met votre voix pour arriver) coûte {value:.1f} points.</translation>
    </message>
    <message>
        <source>The codec and lost audio cost {value:.1f} points.</source>
        <translation>Le codec et le son perdu coûtent {value:.1f} points.</translation>
    </message>
    <message>
        <source>Loudness and noise of the voice path cost {value:.1f} points.</source>
        <translation>Le volume et le bruit du circuit de la voix coûtent {value:.1f} points.</translation>
    </message>
    <message>
        <source>A perfect call scores {ro:.0f} points (R factor); this one scored {r:.0f}.</source>
        <translation>Un appel parfait obtient {ro:.0f} points (facteur R)&#xa0;; celui-ci a obtenu {r:.0f}.</translation>
    </message>
    <message>
        <source>The test could not run</source>
        <translation>Le test n&apos;a pas pu être effectué</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Back to start</source>
        <translation>Retour à l&apos;accueil</translation>
    </message>
    <message>
        <source>This kind of test is not available in this version yet. Choose the quick local check.</source>
        <translation>Ce type de test n&apos;est pas encore disponible dans cette version. Choisissez la vérification locale rapide.</translation>
    </message>
    <message>
        <source>Something went wrong inside CallCheck ({error}). Try again; if it happens again, send the log to your helpdesk.</source>
        <translation>Un problème est survenu dans CallCheck ({error}). Réessayez&#xa0;; si cela se reproduit, envoyez le journal à votre support informatique.</translation>
    </message>
    <message>
        <source>Test cancelled.</source>
        <translation>Test annulé.</translation>
    </message>
    <message>
        <source>Test length</source>
        <translation>Durée du test</translation>
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
        <translation>Paramètres enregistrés.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>set by your IT department</source>
        <extracomment>Beside a setting the admin fixed in the managed settings file (issue 18).</extracomment>
        <translation>défini par votre service informatique</translation>
    </message>
    <message>
        <source>Short test in the background every</source>
        <translation>Court test en arrière-plan toutes les</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>Also a short test after I log in</source>
        <translation>Aussi un court test après l&apos;ouverture de ma session</translation>
    </message>
    <message>
        <source>Send each result to the test server</source>
        <translation>Envoyer chaque résultat au serveur de test</translation>
    </message>
    <message>
        <source>Test now</source>
        <translation>Tester maintenant</translation>
    </message>
    <message>
        <source>Open CallCheck</source>
        <translation>Ouvrir CallCheck</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>No test yet</source>
        <translation>Aucun test pour l&apos;instant</translation>
    </message>
    <message>
        <source>Testing the call quality …</source>
        <translation>Test de la qualité d&apos;appel en cours…</translation>
    </message>
    <message>
        <source>Last test {time}: MOS {mos}, {grade}</source>
        <extracomment>{time} is the local time of the test (HH:MM); {mos} the MOS as printed everywhere.</extracomment>
        <translation>Dernier test {time}&#xa0;: MOS {mos}, {grade}</translation>
    </message>
    <message>
        <source>Last test {time} could not run</source>
        <translation>Le dernier test ({time}) n&apos;a pas pu être effectué</translation>
    </message>
    <message>
        <source>Scheduled test put off: another app is using the microphone</source>
        <translation>Test planifié reporté&#xa0;: une autre application utilise le microphone</translation>
    </message>
    <message>
        <source>Scheduled tests: off</source>
        <translation>Tests planifiés&#xa0;: désactivés</translation>
    </message>
    <message>
        <source>Scheduled tests: every {hours} h</source>
        <translation>Tests planifiés&#xa0;: toutes les {hours} h</translation>
    </message>
    <message>
        <source>Scheduled tests: at login</source>
        <translation>Tests planifiés&#xa0;: à l&apos;ouverture de session</translation>
    </message>
    <message>
        <source>Scheduled tests: at login and every {hours} h</source>
        <translation>Tests planifiés&#xa0;: à l&apos;ouverture de session et toutes les {hours} h</translation>
    </message>
    <message>
        <source>Call quality below the pass mark</source>
        <translation>Qualité d&apos;appel en dessous du seuil requis</translation>
    </message>
    <message>
        <source>The call quality test could not run</source>
        <translation>Le test de qualité d&apos;appel n&apos;a pas pu être effectué</translation>
    </message>
    <message>
        <source>Opus (wideband)</source>
        <extracomment>The engine&apos;s codec names as users read them.</extracomment>
        <translation>Opus (large bande)</translation>
    </message>
    <message>
        <source>G.722 (wideband)</source>
        <translation>G.722 (large bande)</translation>
    </message>
    <message>
        <source>G.711 µ-law</source>
        <translation>G.711 loi µ</translation>
    </message>
    <message>
        <source>G.711 A-law</source>
        <translation>G.711 loi A</translation>
    </message>
    <message>
        <source>Your settings could not be read, so the defaults are used. The old file was kept as {path}.</source>
        <translation>Vos paramètres n&apos;ont pas pu être lus, les valeurs par défaut sont donc utilisées. L&apos;ancien fichier a été conservé sous {path}.</translation>
    </message>
    <message>
        <source>&amp;Test my call quality</source>
        <translation>&amp;Tester la qualité de mes appels</translation>
    </message>
    <message>
        <source>Start screen (Ctrl+1)</source>
        <translation>Écran d&apos;accueil (Ctrl+1)</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Périphériques</translation>
    </message>
    <message>
        <source>Microphone and speaker checks (Ctrl+2)</source>
        <translation>Vérification du microphone et du haut-parleur (Ctrl+2)</translation>
    </message>
    <message>
        <source>Past tests (Ctrl+3)</source>
        <translation>Tests précédents (Ctrl+3)</translation>
    </message>
    <message>
        <source>Settings (Ctrl+,)</source>
        <translation>Paramètres (Ctrl+,)</translation>
    </message>
    <message>
        <source>Stop the test (Esc)</source>
        <translation>Arrêter le test (Échap)</translation>
    </message>
    <message>
        <source>Press Enter to start</source>
        <translation>Appuyez sur Entrée pour démarrer</translation>
    </message>
    <message>
        <source>Quick local check</source>
        <translation>Vérification locale rapide</translation>
    </message>
    <message>
        <source>Network test</source>
        <translation>Test réseau</translation>
    </message>
    <message>
        <source>Not available in this version: the {mode} needs the test server client, which this version does not include yet. Use the quick local check.</source>
        <translation>Non disponible dans cette version&#xa0;: «&#xa0;{mode}&#xa0;» nécessite le client du serveur de test, que cette version n&apos;inclut pas encore. Utilisez la vérification locale rapide.</translation>
    </message>
    <message>
        <source>Microphone: {input}  ·  Speaker: {output}</source>
        <translation>Microphone&#xa0;: {input}  ·  Haut-parleur&#xa0;: {output}</translation>
    </message>
    <message>
        <source>system default</source>
        <translation>par défaut du système</translation>
    </message>
    <message>
        <source>Check &amp;devices…</source>
        <translation>Vérifier les &amp;périphériques…</translation>
    </message>
    <message>
        <source>No score</source>
        <translation>Aucun score</translation>
    </message>
    <message>
        <source>The three numbers that matter</source>
        <translation>Les trois chiffres qui comptent</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Que faire</translation>
    </message>
    <message>
        <source>Nothing to fix: the connection is fine for calls.</source>
        <translation>Rien à corriger&#xa0;: la connexion convient aux appels.</translation>
    </message>
    <message>
        <source>&amp;Copy summary for the helpdesk</source>
        <translation>&amp;Copier le résumé pour le support</translation>
    </message>
    <message>
        <source>&amp;Save report…</source>
        <translation>&amp;Enregistrer le rapport…</translation>
    </message>
    <message>
        <source>&amp;Run the test again</source>
        <translation>&amp;Relancer le test</translation>
    </message>
    <message>
        <source>Compare with &amp;previous test</source>
        <translation>Comparer avec le test &amp;précédent</translation>
    </message>
    <message>
        <source>There is no earlier test to compare with yet.</source>
        <translation>Il n&apos;y a pas encore de test antérieur à comparer.</translation>
    </message>
    <message>
        <source>This result could not be kept in the history ({error}). Save the report to keep it.</source>
        <translation>Ce résultat n&apos;a pas pu être conservé dans l&apos;historique ({error}). Enregistrez le rapport pour le garder.</translation>
    </message>
    <message>
        <source>From the history: test of {date}.</source>
        <translation>Depuis l&apos;historique&#xa0;: test du {date}.</translation>
    </message>
    <message>
        <source>CallCheck report {id}</source>
        <translation>Rapport CallCheck {id}</translation>
    </message>
    <message>
        <source>Past tests</source>
        <translation>Tests précédents</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>No tests yet. Every test you run is kept here.</source>
        <translation>Aucun test pour l&apos;instant. Chaque test que vous lancez est conservé ici.</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
    <message>
        <source>Co&amp;mpare</source>
        <translation>Co&amp;mparer</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>Select one test to open, export or delete it; select two to compare them.</source>
        <translation>Sélectionnez un test pour l&apos;ouvrir, l&apos;exporter ou le supprimer&#xa0;; sélectionnez-en deux pour les comparer.</translation>
    </message>
    <message>
        <source>Delete tests</source>
        <translation>Supprimer des tests</translation>
    </message>
    <message>
        <source>Exported to {path}.</source>
        <translation>Exporté vers {path}.</translation>
    </message>
    <message>
        <source>Export the test report</source>
        <translation>Exporter le rapport de test</translation>
    </message>
    <message>
        <source>The test history could not be read, so a new one was started. The damaged file was kept as {path}.</source>
        <translation>L&apos;historique des tests n&apos;a pas pu être lu, un nouvel historique a donc été créé. Le fichier endommagé a été conservé sous {path}.</translation>
    </message>
    <message>
        <source>The test history at {path} cannot be used: {error}</source>
        <translation>L&apos;historique des tests situé à {path} est inutilisable&#xa0;: {error}</translation>
    </message>
    <message>
        <source>could not write to the history database: {error}</source>
        <translation>impossible d&apos;écrire dans la base de données de l&apos;historique&#xa0;: {error}</translation>
    </message>
    <message>
        <source>could not read the history database: {error}</source>
        <translation>impossible de lire la base de données de l&apos;historique&#xa0;: {error}</translation>
    </message>
    <message>
        <source>That test is no longer in the history.</source>
        <translation>Ce test ne figure plus dans l&apos;historique.</translation>
    </message>
    <message>
        <source>Compare two tests</source>
        <translation>Comparer deux tests</translation>
    </message>
    <message>
        <source>Earlier test</source>
        <translation>Test antérieur</translation>
    </message>
    <message>
        <source>Later test</source>
        <translation>Test ultérieur</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Évolution</translation>
    </message>
    <message>
        <source>{date}
{mode}, {grade}</source>
        <translation>{date}
{mode}, {grade}</translation>
    </message>
    <message>
        <source>no change</source>
        <translation>aucun changement</translation>
    </message>
    <message>
        <source>{number} ({change})</source>
        <translation>{number} ({change})</translation>
    </message>
    <message>
        <source>better</source>
        <translation>meilleur</translation>
    </message>
    <message>
        <source>worse</source>
        <translation>moins bon</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Retour</translation>
    </message>
    <message>
        <source>Microphone and speaker</source>
        <translation>Microphone et haut-parleur</translation>
    </message>
    <message>
        <source>&amp;Microphone</source>
        <translation>&amp;Microphone</translation>
    </message>
    <message>
        <source>S&amp;peaker</source>
        <translation>&amp;Haut-parleur</translation>
    </message>
    <message>
        <source>Re&amp;fresh list</source>
        <translation>&amp;Actualiser la liste</translation>
    </message>
    <message>
        <source>Input level</source>
        <translation>Niveau d&apos;entrée</translation>
    </message>
    <message>
        <source>&amp;Listen to the microphone</source>
        <translation>É&amp;couter le microphone</translation>
    </message>
    <message>
        <source>Stop &amp;listening</source>
        <translation>Arrêter l&apos;é&amp;coute</translation>
    </message>
    <message>
        <source>Say something: the bar should move.</source>
        <translation>Dites quelque chose&#xa0;: la barre doit bouger.</translation>
    </message>
    <message>
        <source>Speaker test</source>
        <translation>Test du haut-parleur</translation>
    </message>
    <message>
        <source>Device delay (speaker to microphone)</source>
        <translation>Délai du périphérique (du haut-parleur au microphone)</translation>
    </message>
    <message>
        <source>Play a &amp;test tone</source>
        <translation>Jouer un son de &amp;test</translation>
    </message>
    <message>
        <source>Playing a tone on {device}…</source>
        <translation>Lecture d&apos;un son sur {device}…</translation>
    </message>
    <message>
        <source>Did you hear a beep? If not, check the volume or pick another speaker.</source>
        <translation>Avez-vous entendu un bip&#xa0;? Sinon, vérifiez le volume ou choisissez un autre haut-parleur.</translation>
    </message>
    <message>
        <source>Measure device &amp;delay</source>
        <translation>Mesurer le &amp;délai du périphérique</translation>
    </message>
    <message>
        <source>Measuring: a short chirp plays a few times…</source>
        <translation>Mesure en cours&#xa0;: un bref signal est joué plusieurs fois…</translation>
    </message>
    <message>
        <source>Audio devices unavailable: {reason}</source>
        <translation>Périphériques audio indisponibles&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Hear yourself</source>
        <extracomment>&quot;Hear yourself&quot; (issue 16): the user speaks, then hears it as the other side of a call would.</extracomment>
        <translation>Écouter ma voix</translation>
    </message>
    <message>
        <source>&amp;Hear yourself</source>
        <translation>Écouter ma &amp;voix</translation>
    </message>
    <message>
        <source>Speak for a few seconds, then listen: you hear yourself as the other side of a call would.</source>
        <translation>Parlez quelques secondes, puis écoutez&#xa0;: vous vous entendez comme votre interlocuteur vous entendrait.</translation>
    </message>
    <message>
        <source>Speak now for {seconds} seconds. Then listen: it plays back by itself.</source>
        <translation>Parlez maintenant pendant {seconds} secondes. Puis écoutez&#xa0;: la lecture démarre d&apos;elle-même.</translation>
    </message>
    <message>
        <source>That is how the other side hears you. Your voice arrived after {delay} ms; {lost} % of it was lost on the way and filled in.</source>
        <translation>Voilà comment votre interlocuteur vous entend. Votre voix est arrivée après {delay} ms&#xa0;; {lost}&#xa0;% du son a été perdu en route puis reconstitué.</translation>
    </message>
    <message>
        <source>Hear yourself did not work: {error}</source>
        <translation>«&#xa0;Écouter ma voix&#xa0;» n&apos;a pas fonctionné&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Opening the microphone…</source>
        <translation>Ouverture du microphone…</translation>
    </message>
    <message>
        <source>Sending your voice through a test call, as a call would carry it…</source>
        <translation>Envoi de votre voix dans un appel de test, comme le ferait un vrai appel…</translation>
    </message>
    <message>
        <source>Listen now: this is how the other side hears you…</source>
        <translation>Écoutez maintenant&#xa0;: voici comment votre interlocuteur vous entend…</translation>
    </message>
    <message>
        <source>Ca&amp;ncel</source>
        <translation>A&amp;nnuler</translation>
    </message>
    <message>
        <source>Stop hearing yourself now: nothing more is recorded or played</source>
        <translation>Arrêter maintenant l&apos;écoute de votre voix&#xa0;: plus rien n&apos;est enregistré ni joué</translation>
    </message>
    <message>
        <source>Cancelled. Nothing was kept; the microphone and speaker are free again.</source>
        <translation>Annulé. Rien n&apos;a été conservé&#xa0;; le microphone et le haut-parleur sont de nouveau libres.</translation>
    </message>
    <message>
        <source>Hear yourself is using the microphone and speaker: wait for it to finish, or cancel it.</source>
        <extracomment>Why Start, &quot;Run the test again&quot; and the device checks are off while the echo runs.</extracomment>
        <translation>«&#xa0;Écouter ma voix&#xa0;» utilise le microphone et le haut-parleur&#xa0;: attendez la fin, ou annulez.</translation>
    </message>
    <message>
        <source>Hear yourself is using the microphone and speaker: wait for it to finish, or &lt;a href=&apos;cancel&apos;&gt;cancel it&lt;/a&gt;.</source>
        <extracomment>ECHO_BLOCKS on the Start screen, which has no Cancel button of its own: the link cancels.</extracomment>
        <translation>«&#xa0;Écouter ma voix&#xa0;» utilise le microphone et le haut-parleur&#xa0;: attendez la fin, ou &lt;a href=&apos;cancel&apos;&gt;annulez&lt;/a&gt;.</translation>
    </message>
    <message>
        <source>A test is running: try again when it has finished.</source>
        <translation>Un test est en cours&#xa0;: réessayez quand il sera terminé.</translation>
    </message>
    <message>
        <source>A device check is using the microphone or speaker: try again when it has finished.</source>
        <translation>Une vérification de périphérique utilise le microphone ou le haut-parleur&#xa0;: réessayez quand elle sera terminée.</translation>
    </message>
    <message>
        <source>Simulate a &amp;worse network:</source>
        <extracomment>The label of the choice of a simulated network for &quot;Hear yourself&quot;.</extracomment>
        <translation>&amp;Simuler un réseau dégradé&#xa0;:</translation>
    </message>
    <message>
        <source>Hear what a worse network would do to your voice. It is simulated on this computer; your real network is not changed.</source>
        <translation>Écoutez l&apos;effet d&apos;un réseau dégradé sur votre voix. La simulation a lieu sur cet ordinateur&#xa0;; votre réseau réel n&apos;est pas modifié.</translation>
    </message>
    <message>
        <source>No, the network as it is</source>
        <extracomment>The simulated networks (keys: the engine&apos;s NETWORK_PRESETS).</extracomment>
        <translation>Non, le réseau tel qu&apos;il est</translation>
    </message>
    <message>
        <source>Busy Wi-Fi</source>
        <translation>Wi-Fi encombré</translation>
    </message>
    <message>
        <source>Mobile hotspot</source>
        <translation>Partage de connexion mobile</translation>
    </message>
    <message>
        <source>Lossy VPN</source>
        <translation>VPN avec pertes</translation>
    </message>
    <message>
        <source>Simulated network: {network}, with {impairment}.</source>
        <extracomment>After ECHO_DONE when a network was simulated; {network}: one of ECHO_NETWORKS, {impairment}: what it does, e.g. &quot;40 ms more delay, 5 % loss in bursts&quot;.</extracomment>
        <translation>Réseau simulé&#xa0;: {network}, avec {impairment}.</translation>
    </message>
    <message>
        <source>Simulated network: {network}, with {impairment}, each way.</source>
        <translation>Réseau simulé&#xa0;: {network}, avec {impairment}, dans chaque sens.</translation>
    </message>
    <message>
        <source>{delay} ms more delay</source>
        <translation>{delay} ms de délai en plus</translation>
    </message>
    <message>
        <source>delay varying by ±{jitter} ms</source>
        <translation>délai variant de ±{jitter} ms</translation>
    </message>
    <message>
        <source>{loss} % loss</source>
        <translation>{loss}&#xa0;% de perte</translation>
    </message>
    <message>
        <source>{loss} % loss in bursts</source>
        <translation>{loss}&#xa0;% de perte par rafales</translation>
    </message>
    <message>
        <source> (default)</source>
        <translation> (par défaut)</translation>
    </message>
    <message>
        <source>No microphone found. Plug in a headset or enable a microphone in the system&apos;s sound settings, then press Refresh.</source>
        <translation>Aucun microphone trouvé. Branchez un casque ou activez un microphone dans les paramètres audio du système, puis appuyez sur Actualiser.</translation>
    </message>
    <message>
        <source>No speaker found. Plug in a headset or enable an output in the system&apos;s sound settings, then press Refresh.</source>
        <translation>Aucun haut-parleur trouvé. Branchez un casque ou activez une sortie dans les paramètres audio du système, puis appuyez sur Actualiser.</translation>
    </message>
    <message>
        <source>No sound from {device}: it may be muted, the wrong microphone, or blocked by the system&apos;s privacy settings.</source>
        <translation>Aucun son provenant de {device}&#xa0;: il est peut-être coupé, ce n&apos;est peut-être pas le bon microphone, ou il est bloqué par les paramètres de confidentialité du système.</translation>
    </message>
    <message>
        <source>{device} is too loud (clipping): lower the input volume.</source>
        <translation>{device} est trop fort (saturation)&#xa0;: baissez le volume d&apos;entrée.</translation>
    </message>
    <message>
        <source>{device} looks like a Bluetooth headset: in hands-free mode it limits calls to narrowband audio. A wired or USB headset sounds better.</source>
        <translation>{device} semble être un casque Bluetooth&#xa0;: en mode mains libres, il limite les appels à un son en bande étroite. Un casque filaire ou USB offre un meilleur son.</translation>
    </message>
    <message>
        <source>These devices are now used for tests.</source>
        <translation>Ces périphériques sont désormais utilisés pour les tests.</translation>
    </message>
    <message>
        <source>Test server token</source>
        <translation>Jeton du serveur de test</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>Apparence</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>Suivre le système</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Language</source>
        <extracomment>The language menu: this first item, then &quot;English&quot;, &quot;Deutsch&quot;, &quot;Français&quot; … (each language in its own words, never translated).</extracomment>
        <translation>Langue</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>Settings saved. CallCheck now speaks your chosen language, in its reports too.</source>
        <extracomment>Shown on the Settings screen, in the new language, once the window was rebuilt in it.</extracomment>
        <translation>Paramètres enregistrés. CallCheck utilise maintenant la langue choisie, aussi dans ses rapports.</translation>
    </message>
    <message>
        <source>These need a test server: &lt;a href=&apos;settings&apos;&gt;open Settings&lt;/a&gt;&lt;br&gt;and enter its address (your helpdesk has it).</source>
        <translation>Ces tests nécessitent un serveur de test&#xa0;: &lt;a href=&apos;settings&apos;&gt;ouvrez les Paramètres&lt;/a&gt;&lt;br&gt;et saisissez son adresse (votre support informatique la connaît).</translation>
    </message>
    <message>
        <source>No test server is set up yet. Open Settings and enter the test server&apos;s address.</source>
        <translation>Aucun serveur de test n&apos;est encore configuré. Ouvrez les Paramètres et saisissez l&apos;adresse du serveur de test.</translation>
    </message>
    <message>
        <source>&amp;Create a room (you read the code out to your colleague)</source>
        <translation>&amp;Créer une salle (vous lisez le code à votre collègue)</translation>
    </message>
    <message>
        <source>&amp;Join with a code:</source>
        <translation>&amp;Rejoindre avec un code&#xa0;:</translation>
    </message>
    <message>
        <source>Room code your colleague read out</source>
        <translation>Code de salle lu par votre collègue</translation>
    </message>
    <message>
        <source>Type the code your colleague read out, then press the green button.</source>
        <translation>Saisissez le code que votre collègue vous a lu, puis appuyez sur le bouton vert.</translation>
    </message>
    <message>
        <source>Connection to the server lost. Reconnecting… The test goes on.</source>
        <translation>Connexion au serveur perdue. Reconnexion en cours… Le test continue.</translation>
    </message>
    <message>
        <source>R&amp;un</source>
        <translation>&amp;Lancer</translation>
    </message>
    <message>
        <source>Call a colleague</source>
        <translation>Appeler un collègue</translation>
    </message>
    <message>
        <source>Audio lost or late</source>
        <extracomment>The share of audio lost or too late to play (the same figure as &quot;why this score&quot; gives).</extracomment>
        <translation>Son perdu ou en retard</translation>
    </message>
    <message>
        <source>Show the details</source>
        <translation>Afficher les détails</translation>
    </message>
    <message>
        <source>Hide the details</source>
        <translation>Masquer les détails</translation>
    </message>
    <message>
        <source>&amp;Copy for the helpdesk</source>
        <translation>&amp;Copier pour le support</translation>
    </message>
    <message>
        <source>This failed test could not be kept in the history: {error}</source>
        <extracomment>The failure is in the history too ({error}: why it could not be stored, if it could not).</extracomment>
        <translation>Ce test en échec n&apos;a pas pu être conservé dans l&apos;historique&#xa0;: {error}</translation>
    </message>
    <message>
        <source>Text for a ticket (*.txt)</source>
        <translation>Texte pour un ticket (*.txt)</translation>
    </message>
    <message>
        <source>CallCheck report, all data (*.json)</source>
        <translation>Rapport CallCheck, toutes les données (*.json)</translation>
    </message>
    <message>
        <source>Relay servers for strict firewalls
(STUN/TURN, one per line)</source>
        <extracomment>Plain words first; the protocol names stay in brackets for whoever sets them up.</extracomment>
        <translation>Serveurs relais pour pare-feu stricts
(STUN/TURN, un par ligne)</translation>
    </message>
    <message>
        <source>what {device} plays</source>
        <extracomment>A capture device that records what a speaker plays (PulseAudio/PipeWire &quot;monitor&quot;); {device}: the speaker&apos;s name.</extracomment>
        <translation>ce que joue {device}</translation>
    </message>
    <message>
        <source>system sound (default)</source>
        <extracomment>The system&apos;s sound server as a device (ALSA &quot;pulse&quot; / &quot;pipewire&quot;).</extracomment>
        <translation>son du système (par défaut)</translation>
    </message>
    <message>
        <source>{rank}. {name}: MOS {mos}, {kbps:.0f} kbit/s</source>
        <translation>{rank}. {name}&#xa0;: MOS {mos}, {kbps:.0f} kbit/s</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n test(s) from the history? This cannot be undone.</source>
        <translation>
            <numerusform>Supprimer %n test de l'historique ? Cette action est irréversible.</numerusform>
            <numerusform>Supprimer %n tests de l'historique ? Cette action est irréversible.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n test(s).</source>
        <translation>
            <numerusform>%n test supprimé.</numerusform>
            <numerusform>%n tests supprimés.</numerusform>
        </translation>
    </message>
    <message>
        <source>Packets lost on the network</source>
        <translation>Paquets perdus sur le réseau</translation>
    </message>
    <message>
        <source>Delay from mouth to ear</source>
        <translation>Délai de la bouche à l&apos;oreille</translation>
    </message>
    <message>
        <source>Wait in the playout buffer</source>
        <translation>Attente dans le tampon de lecture</translation>
    </message>
    <message>
        <source>Audio device delay</source>
        <translation>Délai du périphérique audio</translation>
    </message>
    <message>
        <source>Codec delay</source>
        <translation>Délai du codec</translation>
    </message>
    <message>
        <source>Audio too late to play</source>
        <translation>Son arrivé trop tard pour être joué</translation>
    </message>
    <message>
        <source>{device} works: you can be heard.</source>
        <translation>{device} fonctionne&#xa0;: on vous entend.</translation>
    </message>
    <message>
        <source>Level now {level:.0f} dBFS.</source>
        <extracomment>The level meter&apos;s details line; {level}: the level now in dBFS (decibels below the loudest sound the device can record, so always negative).</extracomment>
        <translation>Niveau actuel {level:.0f} dBFS.</translation>
    </message>
    <message>
        <source>Level now {level:.0f} dBFS, loudest {loudest:.0f} dBFS.</source>
        <extracomment>{level}: as above; {loudest}: the loudest level heard since listening began, in dBFS.</extracomment>
        <translation>Niveau actuel {level:.0f} dBFS, maximum {loudest:.0f} dBFS.</translation>
    </message>
    <message>
        <source>Sound takes {delay:.0f} ms from {output} back to {input}.</source>
        <extracomment>The delay check, measured; {delay}: milliseconds (&quot;180&quot;); {output}, {input}: device names.</extracomment>
        <translation>Le son met {delay:.0f} ms pour aller de {output} à {input}.</translation>
    </message>
    <message>
        <source>The test sound on {output} was not heard on {input}. With headphones this is expected; otherwise check that the microphone is not muted and the speaker volume is up.</source>
        <extracomment>The delay check, the test sound not heard; {output}, {input}: device names.</extracomment>
        <translation>Le son de test joué sur {output} n&apos;a pas été capté par {input}. Avec un casque, c&apos;est normal&#xa0;; sinon, vérifiez que le microphone n&apos;est pas coupé et que le volume du haut-parleur est monté.</translation>
    </message>
    <message>
        <source>Test server address</source>
        <translation>Adresse du serveur de test</translation>
    </message>
    <message>
        <source>Show the token</source>
        <translation>Afficher le jeton</translation>
    </message>
    <message>
        <source>Calls the test server at {url}.
It sends your audio straight back.</source>
        <translation>Appelle le serveur de test à l&apos;adresse {url}.
Il vous renvoie directement votre son.</translation>
    </message>
    <message>
        <source>e.g. AC7-K3M-9PX</source>
        <translation>ex. AC7-K3M-9PX</translation>
    </message>
    <message>
        <source>Creating a room on the test server…</source>
        <translation>Création d&apos;une salle sur le serveur de test…</translation>
    </message>
    <message>
        <source>Read this code out to your colleague:</source>
        <translation>Lisez ce code à votre collègue&#xa0;:</translation>
    </message>
    <message>
        <source>Your colleague opens CallCheck, chooses “Call a colleague”, then “Join with a code”, types {code} and presses the green button.</source>
        <translation>Votre collègue ouvre CallCheck, choisit «&#xa0;Appeler un collègue&#xa0;», puis «&#xa0;Rejoindre avec un code&#xa0;», saisit {code} et appuie sur le bouton vert.</translation>
    </message>
    <message>
        <source>Waiting for your colleague to join…</source>
        <translation>En attente de votre collègue…</translation>
    </message>
    <message>
        <source>Joining room {code}…</source>
        <translation>Connexion à la salle {code}…</translation>
    </message>
    <message>
        <source>Cop&amp;y code</source>
        <translation>Cop&amp;ier le code</translation>
    </message>
    <message>
        <source>Code copied.</source>
        <translation>Code copié.</translation>
    </message>
    <message>
        <source>Room code {spelled}</source>
        <translation>Code de salle {spelled}</translation>
    </message>
    <message>
        <source>dash</source>
        <extracomment>How a screen reader (and the technician) says the &quot;-&quot; in a room code: &quot;A C D dash 2 3 4&quot;.</extracomment>
        <translation>tiret</translation>
    </message>
    <message>
        <source>{what}: {error}</source>
        <translation>{what}&#xa0;: {error}</translation>
    </message>
    <message>
        <source>No test server is set up.</source>
        <extracomment>What the error screen says per failure reason code: (what happened, what to do).</extracomment>
        <translation>Aucun serveur de test n&apos;est configuré.</translation>
    </message>
    <message>
        <source>Open Settings and enter the test server&apos;s address; your IT department or helpdesk has it. Until then, the quick local check works without a server.</source>
        <translation>Ouvrez les Paramètres et saisissez l&apos;adresse du serveur de test&#xa0;; votre service informatique ou votre support la connaît. En attendant, la vérification locale rapide fonctionne sans serveur.</translation>
    </message>
    <message>
        <source>A setting cannot be used.</source>
        <translation>Un paramètre est inutilisable.</translation>
    </message>
    <message>
        <source>Open Settings, correct it, and try again.</source>
        <translation>Ouvrez les Paramètres, corrigez-le, puis réessayez.</translation>
    </message>
    <message>
        <source>This kind of test is not available in this version.</source>
        <translation>Ce type de test n&apos;est pas disponible dans cette version.</translation>
    </message>
    <message>
        <source>Choose the quick local check.</source>
        <translation>Choisissez la vérification locale rapide.</translation>
    </message>
    <message>
        <source>The test server cannot be reached: it may be down, or this network blocks it.</source>
        <translation>Le serveur de test est injoignable&#xa0;: il est peut-être arrêté, ou ce réseau le bloque.</translation>
    </message>
    <message>
        <source>Check the server address in Settings. If it is right, try again in a minute; if it still fails, try another network (or without VPN) and tell your helpdesk.</source>
        <translation>Vérifiez l&apos;adresse du serveur dans les Paramètres. Si elle est correcte, réessayez dans une minute&#xa0;; si l&apos;échec persiste, essayez un autre réseau (ou sans VPN) et prévenez votre support informatique.</translation>
    </message>
    <message>
        <source>The test server refused this computer&apos;s access token.</source>
        <translation>Le serveur de test a refusé le jeton d&apos;accès de cet ordinateur.</translation>
    </message>
    <message>
        <source>Open Settings and check the test server token against the one your IT department gave you.</source>
        <translation>Ouvrez les Paramètres et comparez le jeton du serveur de test avec celui fourni par votre service informatique.</translation>
    </message>
    <message>
        <source>There is no room with that code.</source>
        <translation>Aucune salle ne correspond à ce code.</translation>
    </message>
    <message>
        <source>Check the code with your colleague (codes expire after a few minutes), or ask them to create a new room and read you the new code.</source>
        <translation>Vérifiez le code avec votre collègue (les codes expirent au bout de quelques minutes), ou demandez-lui de créer une nouvelle salle et de vous lire le nouveau code.</translation>
    </message>
    <message>
        <source>That room already has two people in it.</source>
        <translation>Cette salle compte déjà deux personnes.</translation>
    </message>
    <message>
        <source>Ask your colleague to create a new room and read you the new code.</source>
        <translation>Demandez à votre collègue de créer une nouvelle salle et de vous lire le nouveau code.</translation>
    </message>
    <message>
        <source>The test server is busy right now.</source>
        <translation>Le serveur de test est occupé pour le moment.</translation>
    </message>
    <message>
        <source>Wait a minute, then try again.</source>
        <translation>Patientez une minute, puis réessayez.</translation>
    </message>
    <message>
        <source>The test server did not accept the test call.</source>
        <translation>Le serveur de test n&apos;a pas accepté l&apos;appel de test.</translation>
    </message>
    <message>
        <source>Check the server address in Settings. If it is right, tell your helpdesk and give them the details below.</source>
        <translation>Vérifiez l&apos;adresse du serveur dans les Paramètres. Si elle est correcte, prévenez votre support informatique et communiquez-lui les détails ci-dessous.</translation>
    </message>
    <message>
        <source>A firewall blocks the call&apos;s audio: the server answered, but no UDP packets got through.</source>
        <translation>Un pare-feu bloque le son de l&apos;appel&#xa0;: le serveur a répondu, mais aucun paquet UDP n&apos;est passé.</translation>
    </message>
    <message>
        <source>Real calls on this network will likely fail or sound bad too. Try another network, or ask IT to allow UDP to the test server or to set up a TURN relay (Settings).</source>
        <translation>Les vrais appels sur ce réseau risquent aussi d&apos;échouer ou d&apos;être de mauvaise qualité. Essayez un autre réseau, ou demandez au service informatique d&apos;autoriser l&apos;UDP vers le serveur de test ou de mettre en place un relais TURN (Paramètres).</translation>
    </message>
    <message>
        <source>Your colleague did not join in time.</source>
        <translation>Votre collègue ne s&apos;est pas connecté à temps.</translation>
    </message>
    <message>
        <source>Create a room again and read the new code out.</source>
        <translation>Créez de nouveau une salle et lisez le nouveau code.</translation>
    </message>
    <message>
        <source>Your colleague left before the call connected.</source>
        <translation>Votre collègue est parti avant que l&apos;appel soit établi.</translation>
    </message>
    <message>
        <source>Ask them to join again, then try again.</source>
        <translation>Demandez-lui de se reconnecter, puis réessayez.</translation>
    </message>
    <message>
        <source>The test call could not connect.</source>
        <translation>L&apos;appel de test n&apos;a pas pu être établi.</translation>
    </message>
    <message>
        <source>Check the network connection or the firewall, then try again.</source>
        <translation>Vérifiez la connexion réseau ou le pare-feu, puis réessayez.</translation>
    </message>
    <message>
        <source>This computer has no usable network connection for calls.</source>
        <translation>Cet ordinateur n&apos;a aucune connexion réseau utilisable pour les appels.</translation>
    </message>
    <message>
        <source>Check that the computer is connected to a network, then try again.</source>
        <translation>Vérifiez que l&apos;ordinateur est connecté à un réseau, puis réessayez.</translation>
    </message>
    <message>
        <source>The test call did not connect in time.</source>
        <translation>L&apos;appel de test n&apos;a pas été établi à temps.</translation>
    </message>
    <message>
        <source>The test call&apos;s secure connection failed.</source>
        <translation>La connexion sécurisée de l&apos;appel de test a échoué.</translation>
    </message>
    <message>
        <source>Try again; if it happens again, tell your helpdesk.</source>
        <translation>Réessayez&#xa0;; si cela se reproduit, prévenez votre support informatique.</translation>
    </message>
    <message>
        <source>The test server answered, but with something this app cannot use.</source>
        <translation>Le serveur de test a répondu, mais avec une réponse que cette application ne peut pas utiliser.</translation>
    </message>
    <message>
        <source>Check the server address in Settings: it may belong to another program, or the server may run a different version. If it is right, tell your helpdesk.</source>
        <translation>Vérifiez l&apos;adresse du serveur dans les Paramètres&#xa0;: elle appartient peut-être à un autre programme, ou le serveur exécute une autre version. Si elle est correcte, prévenez votre support informatique.</translation>
    </message>
    <message>
        <source>The connection was lost during the test call.</source>
        <translation>La connexion a été perdue pendant l&apos;appel de test.</translation>
    </message>
    <message>
        <source>Check the network connection (Wi-Fi signal, VPN, cable), then try again. Real calls on this connection may drop too.</source>
        <translation>Vérifiez la connexion réseau (signal Wi-Fi, VPN, câble), puis réessayez. Les vrais appels sur cette connexion risquent aussi d&apos;être coupés.</translation>
    </message>
    <message>
        <source>The call audio stopped arriving during the test.</source>
        <translation>Le son de l&apos;appel a cessé d&apos;arriver pendant le test.</translation>
    </message>
    <message>
        <source>Check the network connection, then try again. If it happens again, tell your helpdesk: real calls on this network may go silent too.</source>
        <translation>Vérifiez la connexion réseau, puis réessayez. Si cela se reproduit, prévenez votre support informatique&#xa0;: les vrais appels sur ce réseau risquent aussi de devenir silencieux.</translation>
    </message>
    <message>
        <source>The test call could not start on this computer.</source>
        <translation>L&apos;appel de test n&apos;a pas pu démarrer sur cet ordinateur.</translation>
    </message>
    <message>
        <source>Close other calling apps and try again; if it happens again, tell your helpdesk and give them the details below.</source>
        <translation>Fermez les autres applications d&apos;appel et réessayez&#xa0;; si cela se reproduit, prévenez votre support informatique et communiquez-lui les détails ci-dessous.</translation>
    </message>
    <message>
        <source>The test could not run.</source>
        <translation>Le test n&apos;a pas pu être effectué.</translation>
    </message>
    <message>
        <source>Try again; if it happens again, tell your helpdesk and give them the details below.</source>
        <translation>Réessayez&#xa0;; si cela se reproduit, prévenez votre support informatique et communiquez-lui les détails ci-dessous.</translation>
    </message>
    <message>
        <source>What to do: {advice}</source>
        <translation>Que faire&#xa0;: {advice}</translation>
    </message>
    <message>
        <source>Details: {message}</source>
        <translation>Détails&#xa0;: {message}</translation>
    </message>
    <message>
        <source>Open &amp;Settings</source>
        <translation>Ouvrir les &amp;paramètres</translation>
    </message>
    <message>
        <source>Connection checks</source>
        <translation>Vérifications de la connexion</translation>
    </message>
    <message>
        <source>Server reachable</source>
        <translation>Serveur joignable</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>Jeton d&apos;accès</translation>
    </message>
    <message>
        <source>Room code</source>
        <translation>Code de salle</translation>
    </message>
    <message>
        <source>Call audio (UDP)</source>
        <translation>Son de l&apos;appel (UDP)</translation>
    </message>
    <message>
        <source>TURN relay over UDP</source>
        <translation>Relais TURN sur UDP</translation>
    </message>
    <message>
        <source>TURN relay over TCP</source>
        <translation>Relais TURN sur TCP</translation>
    </message>
    <message>
        <source>TURN relay over TLS</source>
        <translation>Relais TURN sur TLS</translation>
    </message>
    <message>
        <source>{check}: {status}. {finding}</source>
        <extracomment>One line of the connection checks: {check}: &quot;Call audio (UDP)&quot;; {status}: &quot;✔ passed&quot;; {finding}: what the check found, in a sentence.</extracomment>
        <translation>{check}&#xa0;: {status}. {finding}</translation>
    </message>
    <message>
        <source>✔ passed</source>
        <translation>✔ réussi</translation>
    </message>
    <message>
        <source>✘ FAILED</source>
        <translation>✘ ÉCHEC</translation>
    </message>
    <message>
        <source>– skipped</source>
        <translation>– ignoré</translation>
    </message>
    <message>
        <source>S&amp;hare this test with my helpdesk</source>
        <translation>Partager ce test avec mon &amp;support</translation>
    </message>
    <message>
        <source>Your helpdesk can watch the test live in a browser with a code you read out. Only the test&apos;s figures and report are shared.</source>
        <translation>Votre support informatique peut suivre le test en direct dans un navigateur grâce à un code que vous lui lisez. Seuls les chiffres et le rapport du test sont partagés.</translation>
    </message>
    <message>
        <source>Shared with your helpdesk</source>
        <translation>Partagé avec votre support informatique</translation>
    </message>
    <message>
        <source>Read this code to your helpdesk:</source>
        <translation>Lisez ce code à votre support informatique&#xa0;:</translation>
    </message>
    <message>
        <source>or send them the link: {url}</source>
        <extracomment>{url}: the page the helpdesk opens, e.g. https://cc.example.com/live/AC7-K3M-9PX</extracomment>
        <translation>ou envoyez-lui le lien&#xa0;: {url}</translation>
    </message>
    <message>
        <source>What is shared: this test&apos;s figures, progress and report. No files, no other information from this computer.</source>
        <translation>Ce qui est partagé&#xa0;: les chiffres, la progression et le rapport de ce test. Aucun fichier, aucune autre information de cet ordinateur.</translation>
    </message>
    <message>
        <source>Watching now: {count}</source>
        <extracomment>{count}: how many people have the page open.</extracomment>
        <translation>Personnes qui regardent&#xa0;: {count}</translation>
    </message>
    <message>
        <source>&amp;Stop sharing</source>
        <translation>&amp;Arrêter le partage</translation>
    </message>
    <message>
        <source>Sharing stopped. The test goes on.</source>
        <translation>Partage arrêté. Le test continue.</translation>
    </message>
    <message>
        <source>The test could not be shared ({reason}). The test runs without sharing.</source>
        <translation>Le test n&apos;a pas pu être partagé ({reason}). Le test se poursuit sans partage.</translation>
    </message>
    <message>
        <source>Your helpdesk asks you to run the test again</source>
        <translation>Votre support informatique vous demande de relancer le test</translation>
    </message>
    <message>
        <source>&amp;Not now</source>
        <translation>Pas mainte&amp;nant</translation>
    </message>
</context>
<context>
    <name>verdict</name>
    <message>
        <source>No audio was measured, so there is no score. See the errors for why.</source>
        <extracomment>Translation contexts. What a figure that was not measured reads as in a &quot;why&quot; item.</extracomment>
        <translation>Aucun son n&apos;a été mesuré, il n&apos;y a donc pas de score. Consultez les erreurs pour en connaître la raison.</translation>
    </message>
    <message>
        <source>{grade} (MOS {mos}): {experience} This is good enough for business calls.</source>
        <translation>{grade} (MOS {mos})&#xa0;: {experience} C&apos;est suffisant pour les appels professionnels.</translation>
    </message>
    <message>
        <source>{grade} (MOS {mos}): {experience} This is good enough for business calls. The test ended early, so this covers only part of it.</source>
        <translation>{grade} (MOS {mos})&#xa0;: {experience} C&apos;est suffisant pour les appels professionnels. Le test s&apos;est arrêté tôt, ce résultat n&apos;en couvre donc qu&apos;une partie.</translation>
    </message>
    <message>
        <source>{grade} (MOS {mos}): {experience} This is below the {pass_mos} needed for business calls.</source>
        <translation>{grade} (MOS {mos})&#xa0;: {experience} C&apos;est en dessous des {pass_mos} requis pour les appels professionnels.</translation>
    </message>
    <message>
        <source>{grade} (MOS {mos}): {experience} This is below the {pass_mos} needed for business calls. The test ended early, so this covers only part of it.</source>
        <translation>{grade} (MOS {mos})&#xa0;: {experience} C&apos;est en dessous des {pass_mos} requis pour les appels professionnels. Le test s&apos;est arrêté tôt, ce résultat n&apos;en couvre donc qu&apos;une partie.</translation>
    </message>
</context>
<context>
    <name>why</name>
    <message>
        <source>A perfect call on this scale scores R = 129 (wideband: 50–7000 Hz speech). This call scores R = {r_factor}, which is {label} {mos}.</source>
        <translation>Sur cette échelle, un appel parfait obtient R = 129 (large bande&#xa0;: parole de 50 à 7000 Hz). Cet appel obtient R = {r_factor}, soit {label} {mos}.</translation>
    </message>
    <message>
        <source>A perfect call on this scale scores R = about 93 (narrowband). This call scores R = {r_factor}, which is {label} {mos}.</source>
        <translation>Sur cette échelle, un appel parfait obtient R = 93 environ (bande étroite). Cet appel obtient R = {r_factor}, soit {label} {mos}.</translation>
    </message>
    <message>
        <source>A perfect call on this scale scores R = 129 (wideband: 50–7000 Hz speech). This call scores R = {r_factor}, which is MOS {mos}.</source>
        <translation>Sur cette échelle, un appel parfait obtient R = 129 (large bande&#xa0;: parole de 50 à 7000 Hz). Cet appel obtient R = {r_factor}, soit MOS {mos}.</translation>
    </message>
    <message>
        <source>A perfect call on this scale scores R = about 93 (narrowband). This call scores R = {r_factor}, which is MOS {mos}.</source>
        <translation>Sur cette échelle, un appel parfait obtient R = 93 environ (bande étroite). Cet appel obtient R = {r_factor}, soit MOS {mos}.</translation>
    </message>
    <message>
        <source>Loudness, sidetone and noise of the handsets (assumed standard): {cost} points.</source>
        <translation>Volume, effet local et bruit des combinés (valeurs standard supposées)&#xa0;: {cost} points.</translation>
    </message>
    <message>
        <source>Delay: no noticeable cost. Delay starts to hurt above about 100 ms.</source>
        <translation>Délai&#xa0;: aucun coût perceptible. Le délai commence à gêner au-delà d&apos;environ 100 ms.</translation>
    </message>
    <message>
        <source>Delay: a cost of {cost} points. Delay starts to hurt above about 100 ms.</source>
        <translation>Délai&#xa0;: un coût de {cost} points. Le délai commence à gêner au-delà d&apos;environ 100 ms.</translation>
    </message>
    <message>
        <source>Delay (sound takes {ta_ms} ms from mouth to ear): no noticeable cost. Delay starts to hurt above about 100 ms.</source>
        <translation>Délai (le son met {ta_ms} ms de la bouche à l&apos;oreille)&#xa0;: aucun coût perceptible. Le délai commence à gêner au-delà d&apos;environ 100 ms.</translation>
    </message>
    <message>
        <source>Delay (sound takes {ta_ms} ms from mouth to ear): a cost of {cost} points. Delay starts to hurt above about 100 ms.</source>
        <translation>Délai (le son met {ta_ms} ms de la bouche à l&apos;oreille)&#xa0;: un coût de {cost} points. Le délai commence à gêner au-delà d&apos;environ 100 ms.</translation>
    </message>
    <message>
        <source>the codec itself costs {ie}</source>
        <translation>le codec lui-même coûte {ie}</translation>
    </message>
    <message>
        <source>{ppl_pct} % of the audio was lost or late</source>
        <translation>{ppl_pct}&#xa0;% du son a été perdu ou est arrivé en retard</translation>
    </message>
    <message>
        <source>losses came in bursts (burst ratio {burst_ratio})</source>
        <translation>les pertes sont survenues par rafales (taux de rafale {burst_ratio})</translation>
    </message>
    <message>
        <source>Codec and lost packets: a cost of {cost} points.</source>
        <translation>Codec et paquets perdus&#xa0;: un coût de {cost} points.</translation>
    </message>
    <message>
        <source>Codec and lost packets: a cost of {cost} points ({details}).</source>
        <translation>Codec et paquets perdus&#xa0;: un coût de {cost} points ({details}).</translation>
    </message>
</context>
</TS>
