#!/usr/bin/env bash
# Start the test sound system: a PulseAudio daemon with a null sink as the "sound card" (its
# monitor is the capture device), reachable from PortAudio through ALSA's `pulse` plugin, plus
# delay sinks with known delays (swh-plugins' LADSPA `delay_5s`) routed into that null sink.
#
#   eval "$(bash tests/audio_env.sh)"      # start (idempotent) and export the variables
#   bash tests/audio_env.sh --stop          # stop the daemon started here
#
# Prints `export NAME=VALUE` lines: XDG_RUNTIME_DIR, PULSE_SERVER, ALSA_CONFIG_PATH and
# CALLCHECK_TEST_* names the tests use. Everything lives under $CALLCHECK_AUDIO_DIR (default
# /tmp/callcheck-audio); no system file is touched.
#
# ALSA PCMs defined here (PortAudio lists them as devices; all go through the pulse plugin):
#   callcheck_direct    plays into the null sink (the direct path)
#   callcheck_monitor   records the null sink's monitor
#   callcheck_delayN    plays into a sink that delays by N ms, then into the null sink
#                       (N = each of $CALLCHECK_TEST_DELAYS_MS, default "50 100 200 700"; 700 is a
#                       device bad enough to make a perfect call Poor)
#   callcheck_unplug    a second null sink (and callcheck_unplug_monitor): playing there while
#                       recording callcheck_monitor routes nothing back; tests also remove it
#                       mid-stream (re-running this script brings it back)
set -euo pipefail

dir="${CALLCHECK_AUDIO_DIR:-/tmp/callcheck-audio}"
delays_ms="${CALLCHECK_TEST_DELAYS_MS:-50 100 200 700}"
sink=callcheck_test
runtime="$dir/runtime"
config="$dir/config"
server="unix:$runtime/pulse/native"
asoundrc="$dir/asoundrc"

export XDG_RUNTIME_DIR="$runtime" XDG_CONFIG_HOME="$config" PULSE_SERVER="$server"

if [[ "${1:-}" == --stop ]]; then
    pulseaudio --kill 2>/dev/null || true
    exit 0
fi

for tool in pulseaudio pactl; do
    command -v "$tool" >/dev/null || {
        echo "audio_env: $tool not found (apt-get install pulseaudio pulseaudio-utils)" >&2
        exit 1
    }
done
[[ -e /usr/lib/ladspa/delay_1898.so || -e /usr/lib/x86_64-linux-gnu/ladspa/delay_1898.so ]] || {
    echo "audio_env: LADSPA delay_1898 not found (apt-get install swh-plugins)" >&2
    exit 1
}

mkdir -p "$runtime" "$config/pulse"
chmod 700 "$runtime"
# memfd shared memory fails in containers without a proper /dev/shm setup; plain SHM works.
printf 'enable-memfd = no\nexit-idle-time = -1\ndefault-sample-rate = 48000\n' \
    >"$config/pulse/daemon.conf"
printf 'enable-memfd = no\nautospawn = no\n' >"$config/pulse/client.conf"

if ! pactl info >/dev/null 2>&1; then
    # Root may run a per-user daemon (without --system) once XDG_RUNTIME_DIR is set.
    pulseaudio -D -n --exit-idle-time=-1 --enable-memfd=no --use-pid-file=yes \
        --log-target="file:$dir/pulseaudio.log" \
        --load=module-native-protocol-unix \
        --load="module-null-sink sink_name=$sink rate=48000 channels=2 sink_properties=device.description=CallCheck-Test"
    for _ in $(seq 50); do
        pactl info >/dev/null 2>&1 && break
        sleep 0.1
    done
    pactl info >/dev/null 2>&1 || {
        echo "audio_env: PulseAudio did not start; see $dir/pulseaudio.log" >&2
        exit 1
    }
fi

# The null sink may have been removed by a test (device-removed test): bring it back.
pactl list short sinks | awk '{print $2}' | grep -qx "$sink" ||
    pactl load-module module-null-sink sink_name=$sink rate=48000 channels=2 >/dev/null
pactl list short sinks | awk '{print $2}' | grep -qx callcheck_unplug ||
    pactl load-module module-null-sink sink_name=callcheck_unplug rate=48000 channels=2 >/dev/null
# pacmd's CLI socket: pactl 16 has no kill-sink-input, which the unplug tests need to end a
# stream the way an unplugged USB headset does (instead of PulseAudio rescuing it elsewhere).
pactl list short modules | grep -q module-cli-protocol-unix ||
    pactl load-module module-cli-protocol-unix >/dev/null
pactl set-default-sink "$sink"
pactl set-default-source "$sink.monitor"

{
    cat <<EOF
# Written by tests/audio_env.sh: PortAudio devices for the CallCheck audio tests.
</usr/share/alsa/alsa.conf>
pcm.callcheck_direct { type pulse; device "$sink"; hint { show on; description "CallCheck null sink (direct path)" } }
ctl.callcheck_direct { type pulse }
pcm.callcheck_monitor { type pulse; device "$sink.monitor"; hint { show on; description "CallCheck null sink monitor" } }
ctl.callcheck_monitor { type pulse }
pcm.callcheck_unplug { type pulse; device "callcheck_unplug"; hint { show on; description "CallCheck removable sink" } }
ctl.callcheck_unplug { type pulse }
pcm.callcheck_unplug_monitor { type pulse; device "callcheck_unplug.monitor"; hint { show on; description "CallCheck removable sink monitor" } }
ctl.callcheck_unplug_monitor { type pulse }
EOF
} >"$asoundrc.tmp"

for n in $delays_ms; do
    name="callcheck_delay$n"
    if ! pactl list short sinks | awk '{print $2}' | grep -qx "$name"; then
        # delay_n (a non-interpolating delay line): controls are the maximum delay and the delay,
        # in seconds.
        pactl load-module module-ladspa-sink sink_name="$name" sink_master="$sink" \
            plugin=delay_1898 label=delay_n control="1,$(awk "BEGIN{print $n/1000}")" >/dev/null
    fi
    printf 'pcm.%s { type pulse; device "%s"; hint { show on; description "CallCheck %s ms delay" } }\nctl.%s { type pulse }\n' \
        "$name" "$name" "$n" "$name" >>"$asoundrc.tmp"
done
mv "$asoundrc.tmp" "$asoundrc"

cat <<EOF
export XDG_RUNTIME_DIR=$runtime
export XDG_CONFIG_HOME=$config
export PULSE_SERVER=$server
export ALSA_CONFIG_PATH=$asoundrc
export CALLCHECK_TEST_SINK=$sink
export CALLCHECK_TEST_DELAYS_MS="$delays_ms"
EOF
