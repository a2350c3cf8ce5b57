#!/usr/bin/env bash
# Packaging test job: smoke-tests the frozen bundle and the .deb built by packaging/build.sh.
#
#   bash packaging/test-packages.sh [bundle|deb|server|container|windows|all]   (default all; root
#                                                       for deb, server, container; "all" is the
#                                                       Linux parts: windows runs only when named)
#
# bundle: from dist/callcheck with an empty PATH (no Python to fall back to): --version,
#         devices --json (skipped while the sub-command does not exist), a full
#         `test --loopback --no-audio-device --json` per codec; the GUI offscreen, and under Xvfb:
#         time from exec to the mapped window (the "cold start" target is <= 2 s) and a screenshot
#         of the Start screen.
# deb:    a clean Debian 12 root (debootstrap --variant=minbase, cached as a tarball), there
#         `apt-get install ./callcheck_*.deb`, the same smoke test with the installed `callcheck`,
#         the GUI offscreen and on the host's Xvfb (abstract X socket), then `apt-get remove` and a check that nothing
#         is left behind.
# server: the reflector's .deb (callcheck-server) on another clean Debian 12 root: install (the
#         service user, /etc/callcheck/serve.toml with a generated token, the unit enabled),
#         `systemd-analyze verify` of the unit, the unit's ExecStart run as its user with
#         no_new_privs and no capabilities in a private network namespace (/healthz, a client
#         call, a refused token, SIGTERM); then the root booted with systemd-nspawn (host tool:
#         systemd-container): the unit active, its process unprivileged, `systemd-analyze
#         security`, the journal, a client call, reload refused, restart, stop; then
#         `apt-get remove` and `purge` and a check that nothing is left.
# container: packaging/container/Containerfile built with buildah on the clean root as its base,
#         run with podman in a private network namespace: non-root, the /healthz health check,
#         a client call from inside, podman stop (host tools: buildah podman runc).
# windows: dist/CallCheck-*-setup.exe (packaging/build-windows.sh) under Debian's Wine 8.0 in a
#         fresh 64-bit prefix in a temporary folder: silent install (/S), the files, Start-menu
#         entry and uninstall key; callcheck.exe --version (the build id), mos --json, a 5 s
#         `test --loopback --no-audio-device --json` (the report parses and has a MOS), serve
#         answering /healthz on 127.0.0.1; callcheck-gui.exe under
#         Xvfb with a screenshot of the Start screen; silent uninstall leaves nothing. Wine 8.0
#         lacks three Windows DLL functions the app needs: packaging/windows/wine/wine_shims.py
#         supplies them in the prefix only (never in the installer). Host tools: wine, and
#         gcc-mingw-w64-x86-64-win32 for the shims (installed with apt-get when missing).
#
# Environment: CALLCHECK_TEST_OUT (screenshots, logs; default build/packaging-test),
# CALLCHECK_ROOTFS_CACHE (default /var/cache/callcheck/bookworm-minbase.tar),
# DEBIAN_MIRROR (default http://deb.debian.org/debian).
# Host tools: xvfb, x11-utils (xwininfo), x11-apps (xwd), imagemagick; for "deb" and "server"
# debootstrap, for "server" systemd-container (nspawn), for "container" buildah podman runc (the
# missing ones of these are installed with apt-get, as root).
# Prints "N passed, N failed, N skipped" last; exits non-zero if anything failed.
set -uo pipefail

what="${1:-all}"
case "$what" in
all | bundle | deb | server | container | windows) ;;
*) echo "usage: $0 [bundle|deb|server|container|windows|all]" >&2; exit 2 ;;
esac
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bundle="$root/dist/callcheck"
out="${CALLCHECK_TEST_OUT:-$root/build/packaging-test}"
rootfs_cache="${CALLCHECK_ROOTFS_CACHE:-/var/cache/callcheck/bookworm-minbase.tar}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
title="CallCheck"  # the main window's title starts with this
mkdir -p "$out"
started=$SECONDS
passed=0 failed=0 skipped=0
declare -a cleanup=()

ok() { echo "PASS  $*"; passed=$((passed + 1)); }
bad() { echo "FAIL  $*"; failed=$((failed + 1)); }
skip() { echo "SKIP  $*"; skipped=$((skipped + 1)); }
finish() {
    local i
    for ((i = ${#cleanup[@]} - 1; i >= 0; i--)); do eval "${cleanup[i]}" >/dev/null 2>&1; done
}
trap finish EXIT

# run_in ROOT CMD...: run CMD with an empty environment and no Python on PATH, in ROOT ("" = host).
empty_path="$(mktemp -d)"
cleanup+=("rmdir '$empty_path'")
run_in() {
    local chroot_dir="$1"; shift
    if [[ -z "$chroot_dir" ]]; then
        env -i HOME="$out" PATH="$empty_path" LANG=C.UTF-8 "$@"
    else
        chroot "$chroot_dir" /usr/bin/env -i HOME=/root PATH=/usr/bin:/bin LANG=C.UTF-8 "$@"
    fi
}

# smoke ROOT CALLCHECK: the CLI checks, with CALLCHECK the executable's path inside ROOT.
smoke() {
    local r="$1" cc="$2" label="$3" json rc codec
    local version
    version="$(run_in "$r" "$cc" --version 2>&1)"
    if [[ "$version" =~ ^callcheck\ [0-9] ]]; then ok "$label: --version -> $version"
    else bad "$label: --version -> $version"; fi
    if run_in "$r" "$cc" devices --help >/dev/null 2>&1; then
        if run_in "$r" "$cc" devices --json >"$out/devices.json" 2>"$out/devices.err" &&
            python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$out/devices.json"; then
            ok "$label: devices --json"
        else bad "$label: devices --json ($(tail -1 "$out/devices.err"))"; fi
    else
        skip "$label: devices --json (the sub-command does not exist yet)"
    fi
    for codec in opus g722 pcmu pcma; do
        local duration=3
        [[ "$codec" == opus ]] && duration=8
        json="$out/report-$codec.json"
        run_in "$r" "$cc" test --loopback --no-audio-device --json --codec "$codec" \
            --duration "$duration" >"$json" 2>"$out/test-$codec.err"
        rc=$?
        # Exit 0 (pass) or 1 (below the pass mark) both mean the call ran and was scored: on a
        # busy 2-core CI machine a loopback call can score just under 4.0 (late discards).
        if [[ $rc -le 1 ]] && python3 - "$json" "$codec" "$rc" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
assert report["codec"] == sys.argv[2], report["codec"]
assert report["verdict"]["complete"], report["verdict"]
assert report["network"]["uplink"]["packets_received"] > 0
print(f"    {sys.argv[2]}: MOS {report['quality']['mos']}, {report['verdict']['grade']}, exit {sys.argv[3]}")
EOF
        then ok "$label: test --loopback --no-audio-device --json --codec $codec"
        else bad "$label: test --codec $codec (exit $rc; $(tail -2 "$out/test-$codec.err" | tr '\n' ' '))"; fi
    done
}

# gui_offscreen ROOT EXE LABEL: the GUI starts offscreen and is still running after 5 s.
gui_offscreen() {
    local r="$1" exe="$2" label="$3" log="$out/gui-offscreen-$3.log" pid
    if [[ -z "$r" ]]; then
        env -i HOME="$out" PATH="$empty_path" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "$exe" >"$log" 2>&1 &
    else
        chroot "$r" /usr/bin/env -i HOME=/root PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
            "$exe" >"$log" 2>&1 &
    fi
    pid=$!
    sleep 6  # the app warms up its other screens (and imports pyqtgraph) after the first paint
    if kill -0 "$pid" 2>/dev/null; then
        kill "$pid"; wait "$pid" 2>/dev/null
        if grep -q -E "Traceback|Error:|Fatal|Segmentation" "$log"; then
            bad "$label: GUI offscreen ran, but logged: $(head -3 "$log" | tr '\n' ' ')"
        else ok "$label: GUI starts offscreen and keeps running"; fi
    else
        wait "$pid"; local rc=$?
        if grep -q "desktop app is not available" "$log"; then
            skip "$label: GUI offscreen (callcheck.gui.app not in this build: $(tail -1 "$log"))"
        else bad "$label: GUI offscreen exited $rc: $(tail -3 "$log" | tr '\n' ' ')"; fi
    fi
}

# gui_window ROOT EXE LABEL: under Xvfb, time exec -> mapped window, and take a screenshot.
xvfb_display=""
start_xvfb() {
    [[ -n "$xvfb_display" ]] && return 0
    command -v Xvfb >/dev/null && command -v xwininfo >/dev/null || return 1
    local n=91
    Xvfb ":$n" -screen 0 1280x900x24 -nolisten tcp >"$out/xvfb.log" 2>&1 &
    local pid=$!
    cleanup+=("kill $pid")
    for _ in $(seq 50); do [[ -S /tmp/.X11-unix/X$n ]] && break; sleep 0.1; done
    xvfb_display=":$n"
}
gui_window() {
    local r="$1" exe="$2" label="$3" log="$out/gui-xvfb-$3.log" pid t0 t1 ms=""
    if ! start_xvfb; then skip "$label: GUI window (no Xvfb/xwininfo on the host)"; return; fi
    t0=$(date +%s%N)
    if [[ -z "$r" ]]; then
        env -i HOME="$out" PATH="$empty_path" LANG=C.UTF-8 DISPLAY="$xvfb_display" "$exe" >"$log" 2>&1 &
    else
        chroot "$r" /usr/bin/env -i HOME=/root PATH=/usr/bin:/bin LANG=C.UTF-8 DISPLAY="$xvfb_display" \
            "$exe" >"$log" 2>&1 &
    fi
    pid=$!
    for _ in $(seq 400); do
        if DISPLAY="$xvfb_display" xwininfo -root -tree 2>/dev/null | grep -q "\"$title"; then
            t1=$(date +%s%N); ms=$(((t1 - t0) / 1000000)); break
        fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.02
    done
    if [[ -z "$ms" ]]; then
        kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
        if grep -q "desktop app is not available" "$log"; then
            skip "$label: GUI window (callcheck.gui.app not in this build)"
        else bad "$label: no window titled $title within 8 s: $(tail -3 "$log" | tr '\n' ' ')"; fi
        return
    fi
    sleep 4  # let the Start screen paint, and the app warm up its other screens
    local png="$out/start-screen-$label.png"
    if command -v xwd >/dev/null && command -v convert >/dev/null; then
        DISPLAY="$xvfb_display" xwd -root -silent | convert xwd:- "$png" 2>/dev/null
    fi
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
    local colours=0
    [[ -s "$png" ]] && colours="$(identify -format '%k' "$png" 2>/dev/null || echo 0)"
    echo "    $label: exec -> window mapped in $ms ms; screenshot $png ($colours colours)"
    echo "$label $ms" >>"$out/startup-ms.txt"
    if grep -q -E "Traceback|Error:|Fatal|Segmentation" "$log"; then
        bad "$label: window up in $ms ms, but the app logged: $(grep -m1 -E "Error|Fatal|Segm" "$log")"
    elif ((colours > 16)); then ok "$label: GUI window up in $ms ms, Start screen rendered"
    elif [[ ! -s "$png" ]]; then ok "$label: GUI window up in $ms ms (no xwd/convert: no screenshot)"
    else bad "$label: window up in $ms ms but the screenshot is blank ($colours colours)"; fi
}

# clean_root: a fresh clean Debian 12 root (minbase, from the cached tarball) with /proc, /sys
# and /dev mounted and the host's resolv.conf; its path in $r. Returns 1 if there is none.
clean_root() {
    if [[ ! -s "$rootfs_cache" ]]; then
        command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap >/dev/null
        local tmp_root
        tmp_root="$(mktemp -d)"
        echo "    debootstrap bookworm (minbase) from $mirror"
        if debootstrap --variant=minbase bookworm "$tmp_root" "$mirror" >"$out/debootstrap.log" 2>&1; then
            mkdir -p "$(dirname "$rootfs_cache")"
            tar -C "$tmp_root" -cf "$rootfs_cache" .
        else
            bad "debootstrap failed (see $out/debootstrap.log)"
        fi
        rm -rf --one-file-system "$tmp_root"
    fi
    [[ -s "$rootfs_cache" ]] || return 1
    r="$(mktemp -d /tmp/callcheck-debroot.XXXXXX)"
    cleanup+=("rm -rf --one-file-system '$r'")
    tar -C "$r" -xf "$rootfs_cache"
    chmod 0755 "$r"  # the root's "/": mktemp made it 0700, which locks out non-root users in it
    local m
    for m in proc sys dev dev/pts; do
        mount --bind "/$m" "$r/$m" && cleanup+=("umount -l '$r/$m'")
    done
    cp /etc/resolv.conf "$r/etc/resolv.conf"
}

# ------------------------------------------------------------------ the bundle
if [[ "$what" == all || "$what" == bundle ]]; then
    echo "== frozen bundle: $bundle ($(du -sh "$bundle" 2>/dev/null | cut -f1))"
    if [[ ! -x "$bundle/callcheck" ]]; then
        bad "no bundle at $bundle: run packaging/build.sh first"
    else
        if env -i PATH="$empty_path" /bin/bash -c 'command -v python3 || command -v python' >/dev/null; then
            bad "the stripped PATH still finds a Python"
        else ok "no Python on the PATH the bundle runs with"; fi
        smoke "" "$bundle/callcheck" bundle
        # PortAudio from the bundle reaches a sound server: the test PulseAudio null sink via
        # ALSA's pulse plugin (tests/audio_env.sh), if the host has PulseAudio.
        if command -v pulseaudio >/dev/null && [[ -f "$root/tests/audio_env.sh" ]]; then
            audio_vars="$(CALLCHECK_AUDIO_DIR="$out/audio" bash "$root/tests/audio_env.sh" 2>"$out/audio.err")"
            cleanup+=("CALLCHECK_AUDIO_DIR='$out/audio' bash '$root/tests/audio_env.sh' --stop")
            n_devices="$( (eval "$audio_vars"; env -i HOME="$out" PATH="$empty_path" \
                XDG_RUNTIME_DIR="$XDG_RUNTIME_DIR" PULSE_SERVER="$PULSE_SERVER" \
                ALSA_CONFIG_PATH="$ALSA_CONFIG_PATH" "$bundle/callcheck" devices --json) 2>/dev/null |
                python3 -c "import json, sys; print(len(json.load(sys.stdin)['devices']))" 2>/dev/null)"
            if [[ "${n_devices:-0}" -gt 0 ]]; then
                ok "bundle: PortAudio lists $n_devices devices of the test sound server"
            else bad "bundle: PortAudio lists no devices of the test sound server"; fi
        else
            skip "bundle: audio devices (no PulseAudio on this host)"
        fi
        gui_offscreen "" "$bundle/callcheck-gui" bundle
        rm -f "$out/startup-ms.txt"
        # First start after dropping the page cache (a true cold start, if the kernel lets us),
        # then two warm starts.
        sync; echo 3 >/proc/sys/vm/drop_caches 2>/dev/null && echo "    (page cache dropped)"
        gui_window "" "$bundle/callcheck-gui" bundle-cold
        gui_window "" "$bundle/callcheck-gui" bundle-warm
    fi
fi

# ------------------------------------------------------------------ the .deb on clean Debian 12
if [[ "$what" == all || "$what" == deb ]]; then
    deb="$(ls -t "$root"/dist/callcheck_*.deb 2>/dev/null | head -1)"
    if [[ -z "$deb" ]]; then
        bad "no .deb in dist/: run packaging/build.sh first"
    elif [[ $EUID -ne 0 ]]; then
        skip "the .deb test needs root (chroot)"
    else
        echo "== .deb on a clean Debian 12 root: $(basename "$deb") ($(du -h "$deb" | cut -f1))"
        if clean_root; then
            # No bind mount of /tmp/.X11-unix: x11-common's postinst in the root would delete the
            # host's X sockets through it. The GUI in the root reaches the host's Xvfb through its
            # abstract socket (same network namespace).
            cp "$deb" "$r/tmp/"
            debname="$(basename "$deb")"
            if run_in "$r" sh -c 'command -v python3 || command -v python' >/dev/null; then
                bad "the clean root has a Python before the install"
            else ok "clean Debian 12 root has no Python"; fi
            t0=$SECONDS
            if run_in "$r" sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
                    apt-get install -y -qq --no-install-recommends ./tmp/$debname" \
                    >"$out/apt-install.log" 2>&1; then
                ok "apt-get install ./$debname ($((SECONDS - t0)) s, $(grep -c '^Setting up' "$out/apt-install.log") packages set up)"
                if run_in "$r" sh -c 'command -v python3 || command -v python' >/dev/null; then
                    echo "    note: the dependencies brought a Python: $(run_in "$r" sh -c 'command -v python3')"
                fi
                run_in "$r" dpkg -L callcheck >"$out/dpkg-L.txt"
                echo "    installed: $(run_in "$r" du -sh /opt/callcheck | cut -f1) in /opt/callcheck"
                smoke "$r" /usr/bin/callcheck deb
                gui_offscreen "$r" /opt/callcheck/callcheck-gui deb
                gui_window "$r" /opt/callcheck/callcheck-gui deb
                t0=$SECONDS
                if run_in "$r" sh -c "DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq callcheck" \
                        >"$out/apt-remove.log" 2>&1; then
                    left=""
                    for p in /opt/callcheck /usr/bin/callcheck /usr/share/applications/callcheck.desktop \
                             /usr/share/icons/hicolor/scalable/apps/callcheck.svg; do
                        [[ -e "$r$p" || -L "$r$p" ]] && left+=" $p"
                    done
                    status="$(run_in "$r" dpkg-query -W -f='${Status}' callcheck 2>/dev/null)"
                    if [[ -z "$left" && "$status" != *installed* ]]; then
                        ok "apt-get remove callcheck: nothing left ($((SECONDS - t0)) s)"
                    else bad "apt-get remove left:$left (status: $status)"; fi
                else bad "apt-get remove failed: $(tail -3 "$out/apt-remove.log")"; fi
            else
                bad "apt-get install ./$debname failed: $(tail -5 "$out/apt-install.log" | tr '\n' ' ')"
            fi
        fi
    fi
fi

# ------------------------------------------------------------------ the reflector's .deb (service)
# server_in NETNS ROOT CMD...: CMD in the clean root, inside the private network namespace.
server_in() {
    local ns="$1" chroot_dir="$2"; shift 2
    ip netns exec "$ns" chroot "$chroot_dir" /usr/bin/env -i HOME=/root PATH=/usr/bin:/bin \
        LANG=C.UTF-8 "$@"
}
if [[ "$what" == all || "$what" == server ]]; then
    sdeb="$(ls -t "$root"/dist/callcheck-server_*.deb 2>/dev/null | head -1)"
    unit=/lib/systemd/system/callcheck-server.service
    conf=/etc/callcheck/serve.toml
    if [[ $EUID -eq 0 ]] && ! command -v systemd-nspawn >/dev/null; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            systemd-container >/dev/null 2>&1
    fi
    if [[ -z "$sdeb" ]]; then
        bad "no callcheck-server .deb in dist/: run packaging/build.sh server first"
    elif [[ $EUID -ne 0 ]]; then
        skip "the server .deb test needs root (chroot, network namespace)"
    elif clean_root; then
        echo "== callcheck-server on a clean Debian 12 root: $(basename "$sdeb") ($(du -h "$sdeb" | cut -f1))"
        cp "$sdeb" "$r/tmp/"
        sname="$(basename "$sdeb")"
        # systemd first, as on a server (the package recommends it): the postinst then enables
        # the unit, and systemd-analyze can verify it against the root's own units.
        run_in "$r" sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -qq --no-install-recommends systemd" >"$out/apt-install-systemd.log" 2>&1 ||
            bad "apt-get install systemd failed: $(tail -3 "$out/apt-install-systemd.log" | tr '\n' ' ')"
        t0=$SECONDS
        if run_in "$r" sh -c "DEBIAN_FRONTEND=noninteractive \
                apt-get install -y -qq --no-install-recommends ./tmp/$sname" \
                >"$out/apt-install-server.log" 2>&1; then
            ok "apt-get install ./$sname ($((SECONDS - t0)) s, $(grep -c '^Setting up' "$out/apt-install-server.log") packages set up)"
            echo "    installed: $(run_in "$r" du -sh /opt/callcheck-server | cut -f1) in /opt/callcheck-server"
            # What the postinst made: the user, the settings with a token, the unit enabled.
            perms="$(run_in "$r" stat -c '%U:%G %a' "$conf" 2>/dev/null)"
            token="$(sed -n 's/^token = "\(.*\)"$/\1/p' "$r$conf" 2>/dev/null)"
            if run_in "$r" getent passwd callcheck | grep -q ':/usr/sbin/nologin$' &&
                [[ "$perms" == "root:callcheck 640" && ${#token} -ge 24 && "$token" != *@* ]] &&
                ! grep -q -F -- "$token" "$out/apt-install-server.log" &&
                [[ -L "$r/etc/systemd/system/multi-user.target.wants/callcheck-server.service" ]]; then
                ok "postinst: system user callcheck (nologin), $conf $perms with a generated token (not logged), unit enabled"
            else
                bad "postinst: user/settings/enable not as expected (settings: $perms, token length ${#token})"
            fi
            # The unit, checked by systemd itself against the installed files.
            if command -v systemd-analyze >/dev/null; then
                if systemd-analyze verify --root="$r" "$unit" >"$out/unit-verify.log" 2>&1 &&
                    ! grep -q -i "callcheck-server" "$out/unit-verify.log"; then
                    ok "systemd-analyze verify $unit"
                else bad "systemd-analyze verify: $(grep -i callcheck "$out/unit-verify.log" | head -3 | tr '\n' ' ')"; fi
            else skip "systemd-analyze verify (no systemd on the host)"; fi
            # systemd does not run as PID 1 here, so the unit's ExecStart runs as the unit's user
            # with no_new_privs and an empty capability set (setpriv), in a network namespace of
            # its own with only lo: the admin's one edit is the ICE address on such a host.
            exec_start="$(sed -n 's/^ExecStart=//p' "$r$unit")"
            unit_user="$(sed -n 's/^User=//p' "$r$unit")"
            sed -i 's|^# ice_host_addresses = .*|ice_host_addresses = ["127.0.0.2"]|' "$r$conf"
            ns="h15wheel-pkg$$"
            ip netns add "$ns" && cleanup+=("ip netns del '$ns'")
            ip -n "$ns" link set lo up
            # Not through server_in: a function in the background is a subshell, and SIGTERM must
            # reach the server itself (ip netns exec, chroot, env and setpriv each exec the next).
            # shellcheck disable=SC2086 # ExecStart is a command line: split it as systemd does
            ip netns exec "$ns" chroot "$r" /usr/bin/env -i HOME=/nonexistent PATH=/usr/bin:/bin \
                LANG=C.UTF-8 PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 \
                setpriv --reuid="$unit_user" --regid="$unit_user" --init-groups \
                --no-new-privs --inh-caps=-all --bounding-set=-all $exec_start \
                >"$out/server.log" 2>&1 &
            spid=$!
            cleanup+=("kill $spid")
            for _ in $(seq 150); do
                grep -q "listening on" "$out/server.log" && break
                kill -0 "$spid" 2>/dev/null || break
                sleep 0.1
            done
            url="$(sed -n 's/.*listening on \(http[^ ]*\) .*/\1/p' "$out/server.log" | head -1)"
            if [[ -n "$url" ]]; then
                ok "ExecStart as $unit_user (no_new_privs, no capabilities): $(grep -m1 'listening on' "$out/server.log")"
                health="$(server_in "$ns" "$r" /opt/callcheck-server/bin/python -c \
                    "import urllib.request; print(urllib.request.urlopen('$url/healthz').read().decode())" 2>&1)"
                if [[ "$health" == *'"status": "ok"'* ]]; then ok "GET /healthz -> $health"
                else bad "GET /healthz -> $health"; fi
                # The unit listens on 0.0.0.0; a client on the same host calls 127.0.0.1.
                url="${url/0.0.0.0/127.0.0.1}"
                server_in "$ns" "$r" callcheck-server test --server "$url" --token "$token" \
                    --no-audio-device --duration 3 --json >"$out/report-server.json" 2>"$out/test-server.err"
                rc=$?
                if [[ $rc -le 1 ]] && python3 - "$out/report-server.json" "$rc" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
assert report["mode"] == "server", report["mode"]
assert report["verdict"]["complete"], report["verdict"]
assert report["network"]["uplink"]["packets_received"] > 0
print(f"    client call to the service: MOS {report['quality']['mos']}, {report['verdict']['grade']}, exit {sys.argv[2]}")
EOF
                then ok "callcheck-server test --server $url (a client call through the service)"
                else bad "client call to the service (exit $rc; $(tail -2 "$out/test-server.err" | tr '\n' ' '))"; fi
                if server_in "$ns" "$r" callcheck-server test --server "$url" --token wrong \
                        --no-audio-device --duration 3 --json >/dev/null 2>"$out/test-server-badtoken.err"; then
                    bad "a wrong token was accepted"
                else ok "a wrong token is refused ($(tail -1 "$out/test-server-badtoken.err" | cut -c1-90))"; fi
                kill -TERM "$spid"
                wait "$spid"; src=$?
                if [[ $src -eq 0 ]] && ! grep -q -E "Traceback" "$out/server.log" &&
                    ! grep -q -F -- "$token" "$out/server.log"; then
                    ok "SIGTERM (systemctl stop): exit 0, no traceback, token never logged"
                else bad "SIGTERM: exit $src; $(grep -m2 -E 'Traceback|Error' "$out/server.log" | tr '\n' ' ')"; fi
            else
                kill "$spid" 2>/dev/null; wait "$spid" 2>/dev/null
                bad "the service did not start: $(tail -3 "$out/server.log" | tr '\n' ' ')"
            fi
            # systemd for real: boot the root with systemd-nspawn (its own network namespace)
            # and check the unit as systemd runs it. Where nspawn cannot boot, the run above
            # (ExecStart as the user, without privileges) is what was exercised.
            if command -v systemd-nspawn >/dev/null; then
                run_in "$r" sh -c "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
                    --no-install-recommends dbus" >>"$out/apt-install-systemd.log" 2>&1
                for m in dev/pts dev sys proc; do umount "$r/$m"; done  # nspawn mounts its own
                bns="h15wheel-boot$$"
                ip netns add "$bns" && cleanup+=("ip netns del '$bns'")
                ip -n "$bns" link set lo up
                systemd-nspawn -q -D "$r" -b --register=no --keep-unit \
                    --network-namespace-path="/run/netns/$bns" >"$out/nspawn.log" 2>&1 </dev/null &
                npid=$!
                cleanup+=("kill $npid")
                init="" active=""
                for _ in $(seq 600); do
                    [[ -z "$init" ]] && init="$(pgrep -P "$npid" | head -1)"
                    if [[ -n "$init" ]]; then
                        active="$(nsenter -t "$init" -a systemctl is-active callcheck-server 2>/dev/null)"
                        [[ "$active" == active ]] && break
                    fi
                    kill -0 "$npid" 2>/dev/null || break
                    sleep 0.1
                done
                in_boot() { nsenter -t "$init" -a "$@"; }
                if [[ "$active" == active ]]; then
                    for _ in $(seq 100); do
                        in_boot journalctl -u callcheck-server -q --no-pager 2>/dev/null | grep -q "listening on" && break
                        sleep 0.1
                    done
                    ok "systemd (nspawn) booted the root: callcheck-server.service enabled by the postinst, active"
                    main_pid="$(in_boot systemctl show -p MainPID --value callcheck-server)"
                    status="$(in_boot cat "/proc/$main_pid/status" 2>/dev/null)"
                    uid="$(awk '/^Uid:/ {print $2}' <<<"$status")"
                    if [[ "$uid" != 0 && -n "$uid" ]] && grep -q "^NoNewPrivs:.1" <<<"$status" &&
                        grep -q "^CapEff:.0000000000000000" <<<"$status" && grep -q "^Seccomp:.2" <<<"$status"; then
                        ok "the service runs as uid $uid, no_new_privs, no capabilities, seccomp filter"
                    else bad "the service's process: $(grep -E '^(Uid|NoNewPrivs|CapEff|Seccomp):' <<<"$status" | tr '\n' ' ')"; fi
                    exposure="$(in_boot systemd-analyze security callcheck-server --no-pager 2>/dev/null |
                        sed -n 's/.*Overall exposure level for callcheck-server.service: \([0-9.]*\).*/\1/p')"
                    if [[ -n "$exposure" ]] && python3 -c "import sys; sys.exit(float('$exposure') >= 2.0)"; then
                        ok "systemd-analyze security: exposure $exposure (< 2.0)"
                    else bad "systemd-analyze security: exposure '$exposure'"; fi
                    if in_boot journalctl -u callcheck-server -q --no-pager | grep -q "callcheck-server\[[0-9]*\]: callcheck serve: listening on"; then
                        ok "the service logs to the journal (journalctl -u callcheck-server)"
                    else bad "no 'listening on' in the journal"; fi
                    in_boot callcheck-server test --server http://127.0.0.1:8080 --token "$token" \
                        --no-audio-device --duration 3 --json >"$out/report-systemd.json" 2>"$out/test-systemd.err"
                    rc=$?
                    if [[ $rc -le 1 ]] && python3 -c "
import json, sys
r = json.load(open(sys.argv[1]))
assert r['mode'] == 'server' and r['verdict']['complete'] and r['network']['uplink']['packets_received'] > 0
print(f\"    client call to the systemd service: MOS {r['quality']['mos']}, exit {sys.argv[2]}\")" \
                        "$out/report-systemd.json" "$rc"; then
                        ok "a client call to the service systemd runs"
                    else bad "client call to the systemd service (exit $rc; $(tail -1 "$out/test-systemd.err"))"; fi
                    reload="$(in_boot systemctl reload callcheck-server 2>&1)"
                    if [[ "$reload" == *"not applicable"* ]]; then
                        ok "systemctl reload is refused, as documented (settings apply on restart)"
                    else bad "systemctl reload: '$reload'"; fi
                    # Synchronous: systemctl returns once the job is done (Type=exec: the server
                    # process has been executed).
                    in_boot systemctl restart callcheck-server
                    if [[ "$(in_boot systemctl is-active callcheck-server)" == active ]]; then
                        ok "systemctl restart: active again"
                    else bad "systemctl restart: $(in_boot systemctl is-active callcheck-server)"; fi
                    in_boot systemctl stop callcheck-server
                    journal="$(in_boot journalctl -u callcheck-server -q --no-pager)"
                    if [[ "$(in_boot systemctl is-active callcheck-server)" == inactive ]] &&
                        ! grep -q -E "Traceback|status=[1-9]" <<<"$journal" && ! grep -q -F -- "$token" <<<"$journal"; then
                        ok "systemctl stop: stopped cleanly; no traceback, no token in the journal"
                    else bad "systemctl stop: $(in_boot systemctl is-active callcheck-server); $(grep -m2 -E 'Traceback|status=' <<<"$journal")"; fi
                    in_boot systemctl poweroff >/dev/null 2>&1  # nspawn ends as the container does
                else
                    skip "systemd (nspawn) did not bring the unit up here ($active): $(grep -a -v '^$' "$out/nspawn.log" | tail -2 | tr '\n' ' ')"
                    kill "$npid" 2>/dev/null
                fi
                wait "$npid" 2>/dev/null
                for m in proc sys dev dev/pts; do mount --bind "/$m" "$r/$m"; done
            else skip "systemd under systemd-nspawn (no systemd-container on the host)"; fi
            t0=$SECONDS
            if run_in "$r" sh -c "DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq callcheck-server" \
                    >"$out/apt-remove-server.log" 2>&1; then
                left=""
                for p in /opt/callcheck-server /usr/bin/callcheck-server "$unit"; do
                    [[ -e "$r$p" || -L "$r$p" ]] && left+=" $p"
                done
                if [[ -z "$left" && -f "$r$conf" ]]; then
                    ok "apt-get remove callcheck-server: program and unit gone, settings kept ($((SECONDS - t0)) s)"
                else bad "apt-get remove left:$left (settings kept: $([[ -f "$r$conf" ]] && echo yes || echo no))"; fi
                run_in "$r" sh -c "DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq callcheck-server" \
                    >>"$out/apt-remove-server.log" 2>&1
                status="$(run_in "$r" dpkg-query -W -f='${Status}' callcheck-server 2>/dev/null)"
                if [[ ! -e "$r/etc/callcheck" && "$status" != *installed* ]]; then
                    ok "apt-get purge callcheck-server: settings and token gone"
                else bad "apt-get purge left /etc/callcheck (status: $status)"; fi
            else bad "apt-get remove callcheck-server failed: $(tail -3 "$out/apt-remove-server.log")"; fi
        else
            bad "apt-get install ./$sname failed: $(tail -5 "$out/apt-install-server.log" | tr '\n' ' ')"
        fi
    fi
fi

# ------------------------------------------------------------------ the reflector's container image
# Built with buildah (chroot isolation: no OCI runtime needed to build) on the clean Debian 12
# root imported as the base image (no image registry is reachable here; the Containerfile's
# default base is docker.io's debian:bookworm-slim), run with podman in a private network
# namespace: non-root, /healthz health check, a client call from inside it, stop.
if [[ "$what" == all || "$what" == container ]]; then
    if [[ $EUID -ne 0 ]]; then
        skip "the container test needs root (rootful podman, network namespace)"
    elif ! { command -v buildah && command -v podman && command -v runc; } >/dev/null &&
        ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            buildah podman runc crun uidmap fuse-overlayfs slirp4netns containernetworking-plugins \
            >"$out/apt-install-podman.log" 2>&1; then
        skip "the container test needs buildah and podman (apt-get install buildah podman)"
    else
        echo "== container image: packaging/container/Containerfile"
        # This sandbox's limits: crun refuses cgroup v1/v2 hybrid mode (runc works) and neither
        # may raise RLIMIT_NPROC/NOFILE above the current hard limits (no CAP_SYS_RESOURCE).
        runtime=()
        command -v runc >/dev/null && runtime=(--runtime runc --cgroup-manager=cgroupfs)
        nproc_max="$(ulimit -Hu)"; [[ "$nproc_max" == unlimited || "$nproc_max" -gt 32768 ]] && nproc_max=32768
        ulimits=(--ulimit "nofile=$(ulimit -Hn):$(ulimit -Hn)" --ulimit "nproc=$nproc_max:$nproc_max")
        base="${CALLCHECK_CONTAINER_BASE:-localhost/callcheck-test/debian-bookworm-minbase:latest}"
        image=localhost/callcheck-test/callcheck-server:test
        ctr="callcheck-test-$$"
        if [[ -z "${CALLCHECK_CONTAINER_BASE:-}" ]]; then
            [[ -s "$rootfs_cache" ]] || clean_root >/dev/null || true  # makes the rootfs cache
            podman import "$rootfs_cache" "$base" >"$out/container-base.log" 2>&1
        fi
        # The host's CA bundle for pip, mounted at build time only (a TLS-intercepting proxy).
        t0=$SECONDS
        if buildah bud --isolation chroot --format docker "${ulimits[@]}" \
                -v /etc/ssl/certs/ca-certificates.crt:/run/host-ca.crt:ro --build-arg PIP_CERT=/run/host-ca.crt \
                --build-arg BASE="$base" -f packaging/container/Containerfile \
                --ignorefile packaging/container/Containerfile.dockerignore -t "$image" "$root" \
                >"$out/container-build.log" 2>&1; then
            cleanup+=("podman rmi -f '$image'")
            size="$(podman image inspect "$image" --format '{{.Size}}')"
            ok "buildah bud Containerfile ($((SECONDS - t0)) s, image $((size / 1000000)) MB on a $(($(podman image inspect "$base" --format '{{.Size}}') / 1000000)) MB base)"
            healthcheck="$(podman image inspect "$image" --format '{{.HealthCheck.Test}} {{.User}}' 2>/dev/null)"
            echo "    health check and user: $healthcheck"
            cns="h15wheel-ctr$$"
            ip netns add "$cns" && cleanup+=("ip netns del '$cns'")
            ip -n "$cns" link set lo up
            if podman "${runtime[@]}" run -d --name "$ctr" "${ulimits[@]}" --network "ns:/run/netns/$cns" \
                    -e CALLCHECK_SERVER_TOKEN=container-token "$image" \
                    serve --host 0.0.0.0 --port 8080 --ice-address 127.0.0.2 >"$out/container-run.log" 2>&1; then
                cleanup+=("podman ${runtime[*]} rm -f '$ctr'")
                for _ in $(seq 100); do
                    podman "${runtime[@]}" logs "$ctr" 2>&1 | grep -q "listening on" && break
                    sleep 0.1
                done
                uid="$(podman "${runtime[@]}" exec "$ctr" id -u 2>/dev/null)"
                if [[ -n "$uid" && "$uid" != 0 ]]; then ok "container runs as uid $uid (not root)"
                else bad "container user: uid '$uid'"; fi
                if podman "${runtime[@]}" healthcheck run "$ctr" >"$out/container-health.log" 2>&1; then
                    ok "podman healthcheck run: healthy (/healthz)"
                else bad "podman healthcheck run: $(grep -v -i timer "$out/container-health.log" | tail -2 | tr '\n' ' ')"; fi
                podman "${runtime[@]}" exec "$ctr" /opt/callcheck/bin/callcheck test \
                    --server http://127.0.0.1:8080 --token container-token --no-audio-device --duration 3 \
                    --json >"$out/report-container.json" 2>"$out/test-container.err"
                rc=$?
                if [[ $rc -le 1 ]] && python3 - "$out/report-container.json" "$rc" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
assert report["mode"] == "server", report["mode"]
assert report["verdict"]["complete"], report["verdict"]
assert report["network"]["uplink"]["packets_received"] > 0
print(f"    client call to the container: MOS {report['quality']['mos']}, {report['verdict']['grade']}, exit {sys.argv[2]}")
EOF
                then ok "a client call to the containerised reflector"
                else bad "client call to the container (exit $rc; $(tail -2 "$out/test-container.err" | tr '\n' ' '))"; fi
                podman "${runtime[@]}" stop -t 10 "$ctr" >/dev/null 2>&1
                state="$(podman "${runtime[@]}" inspect --format '{{.State.ExitCode}}' "$ctr" 2>/dev/null)"
                if [[ "$state" == 0 ]] && ! podman "${runtime[@]}" logs "$ctr" 2>&1 | grep -q Traceback; then
                    ok "podman stop: exit 0, no traceback"
                else bad "podman stop: exit '$state'"; fi
            else
                bad "podman run failed: $(grep -v -i timer "$out/container-run.log" | tail -3 | tr '\n' ' ')"
            fi
        else
            bad "buildah bud failed: $(tail -5 "$out/container-build.log" | tr '\n' ' ')"
        fi
    fi
fi

# ------------------------------------------------------------------ Windows, under Wine
# Not in "all": it needs the Windows build (packaging/build-windows.sh) and Wine.
if [[ "$what" == windows ]]; then
    setup="$(ls "$root"/dist/CallCheck-*-setup.exe 2>/dev/null | tail -1)"
    echo "== Windows installer under Wine: ${setup:-none}"
    if [[ -z "$setup" ]]; then
        bad "no dist/CallCheck-*-setup.exe: run packaging/build-windows.sh first"
    else
        need=()
        command -v wine >/dev/null || need+=(wine wine64)
        command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64-win32)
        command -v Xvfb >/dev/null || need+=(xvfb)
        command -v xwininfo >/dev/null || need+=(x11-utils)
        command -v xwd >/dev/null || need+=(x11-apps)
        command -v identify >/dev/null || need+=(imagemagick)
        if ((${#need[@]})) && [[ $EUID -eq 0 ]]; then
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
        fi
        echo "    installer: $(($(stat -c %s "$setup") / 1048576)) MB ($(stat -c %s "$setup") bytes)"
        wtmp="$(mktemp -d /tmp/callcheck-wine.XXXXXX)"
        export WINEPREFIX="$wtmp/prefix" WINEARCH=win64 WINEDEBUG=-all
        # No Mono/Gecko download prompts; ucrtbase from the prefix (the shim below).
        export WINEDLLOVERRIDES="mscoree,mshtml=;ucrtbase=n"
        cleanup+=("rm -rf '$wtmp'" "WINEPREFIX='$WINEPREFIX' wineserver -k")
        wine wineboot --init >"$out/wine-boot.log" 2>&1
        wineserver -w
        # Wine 8.0's gaps (see the module's docstring), filled in the prefix's system32 only.
        sys32="$WINEPREFIX/drive_c/windows/system32"
        "$root/.venv/bin/python" -m pip -q --disable-pip-version-check install -c "$root/packaging/build-requirements.txt" pefile
        "$root/.venv/bin/python" "$root/packaging/windows/wine/wine_shims.py" \
            /usr/lib/x86_64-linux-gnu/wine/x86_64-windows/ucrtbase.dll "$wtmp/shims"
        cp "$wtmp"/shims/*.dll "$sys32/"
        user="$(id -un)"  # Wine names the prefix's user after the Unix user
        app_win="C:\\users\\$user\\AppData\\Local\\Programs\\CallCheck"
        app="$WINEPREFIX/drive_c/users/$user/AppData/Local/Programs/CallCheck"
        smoke_dir="$WINEPREFIX/drive_c/smoke"
        mkdir -p "$smoke_dir"
        # win NAME EXE ARGS...: run EXE (in the installation folder) through cmd.exe with its
        # output redirected to Windows files C:\smoke\NAME.out/.err. Not to Unix files or pipes:
        # CPython 3.11 under Wine 8.0 then stops with "Fatal Python error: init_sys_streams:
        # can't initialize sys standard streams / OSError: [WinError 6] Invalid handle".
        win() {
            local name="$1" exe="$2"; shift 2
            printf '@"%s\\%s" %s > C:\\smoke\\%s.out 2> C:\\smoke\\%s.err\r\n@exit /b %%ERRORLEVEL%%\r\n' \
                "$app_win" "$exe" "$*" "$name" "$name" >"$smoke_dir/$name.cmd"
            wine cmd /c "C:\\smoke\\$name.cmd" </dev/null >>"$out/wine-$name.log" 2>&1
            local rc=$?
            cp "$smoke_dir/$name.out" "$out/wine-$name.out" 2>/dev/null
            cp "$smoke_dir/$name.err" "$out/wine-$name.err" 2>/dev/null
            return $rc
        }
        t0=$SECONDS
        if wine "$setup" /S </dev/null >"$out/wine-install.log" 2>&1 && [[ -x "$app/callcheck.exe" ]]; then
            ok "silent install (/S) in $((SECONDS - t0)) s: $(du -s --apparent-size --block-size=1M "$app" | cut -f1) MB in %LOCALAPPDATA%\\Programs\\CallCheck"
        else
            bad "silent install: $(tail -3 "$out/wine-install.log" | tr '\n' ' ')"
        fi
        startmenu="$WINEPREFIX/drive_c/users/$user/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/CallCheck.lnk"
        [[ -f "$startmenu" ]] && ok "Start-menu entry" || bad "no Start-menu entry $startmenu"
        uninst_key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\CallCheck'
        reg="$(wine reg query "$uninst_key" 2>/dev/null | tr -d '\r')"
        if grep -q "DisplayVersion.*REG_SZ" <<<"$reg" && grep -q 'QuietUninstallString.*uninstall.exe" /S' <<<"$reg"; then
            ok "uninstall key in HKCU (per-user): $(grep -o 'DisplayVersion.*' <<<"$reg" | tr -s ' ')"
        else bad "uninstall key missing or incomplete: $reg"; fi

        win version callcheck.exe --version
        version_line="$(tr -d '\r' <"$smoke_dir/version.out")"
        expected_build="${CALLCHECK_BUILD_ID:-$(git -C "$root" rev-parse --short=8 HEAD 2>/dev/null)}"
        if [[ "$version_line" == "callcheck "*"(build "*")" && "$version_line" != *"build source"* ]]; then
            ok "callcheck.exe --version: $version_line"
            [[ "$version_line" == *"build $expected_build)" ]] ||
                echo "    (built from another commit than HEAD $expected_build)"
        else bad "callcheck.exe --version: '$version_line' $(tail -2 "$smoke_dir/version.err")"; fi

        win mos callcheck.exe mos --json
        if mos="$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["mos"], r["r_factor"])' "$smoke_dir/mos.out" 2>/dev/null)"; then
            ok "callcheck.exe mos --json: MOS, R = $mos"
        else bad "mos --json: $(tail -3 "$smoke_dir/mos.err" | tr '\n' ' ')"; fi

        t0=$SECONDS
        win loopback callcheck.exe test --loopback --no-audio-device --json --duration 5
        if q="$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); q=r["quality"]; assert 4.5<=r["duration_s"]<=6, r["duration_s"]; assert q["mos"] is not None and 1<=q["mos"]<=5, (q, r["errors"]); h=q["heard"]; print(r["codec"], r["duration_s"], "s, MOS", q["mos"], q["grade"], "| heard", h["mos"], [(d["direction"], d["mos"], d.get("note")) for d in h["directions"]])' "$smoke_dir/loopback.out" 2>&1)"; then
            ok "5 s loopback call in $((SECONDS - t0)) s: $q"
        else bad "loopback call: $q $(tail -3 "$smoke_dir/loopback.err" | tr '\n' ' ')"; fi

        port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
        win serve callcheck.exe serve --host 127.0.0.1 --port "$port" &
        serve_pid=$!
        health=""
        for _ in $(seq 120); do
            health="$(curl -fsS --max-time 2 "http://127.0.0.1:$port/healthz" 2>/dev/null)" && break
            kill -0 "$serve_pid" 2>/dev/null || break
            sleep 0.25
        done
        if [[ "$health" == *'"status": "ok"'* ]]; then
            ok "callcheck.exe serve: /healthz on 127.0.0.1:$port: $health"
        else bad "serve: no /healthz on 127.0.0.1:$port: $(tail -3 "$smoke_dir/serve.err" | tr '\n' ' ')"; fi
        # Ends serve, and Wine's desktop process, which was started without a display.
        wineserver -k
        wait "$serve_pid" 2>/dev/null
        wineserver -w

        # The GUI under a private Xvfb (the display number Xvfb picks), a screenshot of Start.
        exec {xfd}< <(Xvfb -displayfd 1 -screen 0 1280x900x24 -nolisten tcp 2>"$out/wine-xvfb.log" & echo "$!"; wait)
        read -r -t 10 xvfb_pid <&"$xfd"; read -r -t 10 wdisp <&"$xfd"
        cleanup+=("kill $xvfb_pid")
        export DISPLAY=":$wdisp"
        t0=$(date +%s%N) ms=""
        win gui callcheck-gui.exe &
        gui_pid=$!
        for _ in $(seq 240); do
            if xwininfo -root -tree 2>/dev/null | grep -q "\"$title"; then
                ms=$((($(date +%s%N) - t0) / 1000000)); break
            fi
            kill -0 "$gui_pid" 2>/dev/null || break
            sleep 0.25
        done
        if [[ -n "$ms" ]]; then
            sleep 4  # let the Start screen paint
            png="$out/start-screen-windows-wine.png"
            xwd -root -silent | /usr/bin/convert xwd:- "$png" 2>/dev/null
            colours="$(identify -format '%k' "$png" 2>/dev/null || echo 0)"
            if ((colours > 16)); then ok "callcheck-gui.exe: window in $ms ms, Start screen $png ($colours colours)"
            else bad "callcheck-gui.exe: window up but the screenshot is blank ($colours colours)"; fi
        else bad "callcheck-gui.exe: no window titled $title: $(tail -3 "$smoke_dir/gui.err" | tr '\n' ' ')"; fi
        wine taskkill /F /IM pythonw.exe >/dev/null 2>&1
        wait "$gui_pid" 2>/dev/null

        wineserver -w
        t0=$SECONDS
        # As the uninstall key says (QuietUninstallString). NSIS's uninstaller copies itself to
        # %TEMP% and returns at once, so that it can delete itself: wait for the prefix's
        # processes to end.
        wine "$app/uninstall.exe" /S </dev/null >"$out/wine-uninstall.log" 2>&1
        wineserver -w
        left="$(find "$app" "$startmenu" 2>/dev/null | head -5)"
        reg="$(wine reg query "$uninst_key" 2>&1 | tr -d '\r')"
        if [[ -z "$left" ]] && ! grep -q DisplayName <<<"$reg"; then
            ok "silent uninstall in $((SECONDS - t0)) s: folder, Start-menu entry and uninstall key gone"
        else bad "uninstall left: $left $(grep -o 'DisplayName.*' <<<"$reg")"; fi
        data="$WINEPREFIX/drive_c/users/$user/AppData/Local/CallCheck"
        [[ -d "$data" ]] && echo "    kept, as intended: the user's data $(find "$data" -type f | sed "s|$WINEPREFIX/drive_c|C:|" | tr '\n' ' ')"
        unset WINEPREFIX WINEARCH WINEDEBUG WINEDLLOVERRIDES DISPLAY
    fi
fi

echo "packaging test job: $((SECONDS - started)) s; logs and screenshots in $out"
echo "$passed passed, $failed failed, $skipped skipped"
((failed == 0))
