<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" sourcelanguage="en">
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
        <source>Lost audio</source>
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
        <source>CallCheck report (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
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
        <source>STUN/TURN servers (one per line)</source>
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
        <source>Call with a colleague</source>
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
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predicted MOS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bandwidth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{rank}. {name}: MOS {mos:.2f}, {kbps:.0f} kbit/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CallCheck report {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CallCheck call-quality report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test {id} · {date} · {mode} · codec {codec} · {seconds:.0f} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problems during the test</source>
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
        <source>Delete {count} test(s) from the history? This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted {count} test(s).</source>
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
        <source>{device} works: {level:.0f} dBFS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%v dBFS</source>
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
        <source>Test server (reflector) URL</source>
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
        <source>These need a test server: &lt;a href=&apos;settings&apos;&gt;open Settings&lt;/a&gt;&lt;br&gt;and enter its address (your helpdesk has it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No test server is set up yet. Open Settings and enter the test server&apos;s address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calls the test server at {url}; it sends your audio straight back.</source>
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
        <source>e.g. ACD-234</source>
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
        <source>Call a colleague</source>
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
</context>
</TS>
