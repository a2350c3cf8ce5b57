#!/usr/bin/env bash
# Package a frozen bundle as a .deb (called by packaging/build.sh):
#
#   bash packaging/linux/build_deb.sh BUNDLE_DIR VERSION BUILD_ID OUT_DIR
#
# Layout: /opt/callcheck (the bundle), /usr/bin/callcheck -> /opt/callcheck/callcheck, a desktop
# entry that starts /opt/callcheck/callcheck-gui, hicolor icons, /usr/share/doc/callcheck/copyright.
# Depends: the fixed list below (libraries loaded with dlopen, fonts, ALSA's PulseAudio plugin)
# plus the Debian package of every system library the bundle links (_internal/SYSTEM_LIBRARIES.txt,
# resolved with dpkg -S on the build machine). Compressed with xz.
set -euo pipefail

bundle="$1" version="$2" build_id="$3" out="$4"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
packaging="$(dirname "$here")"
arch="$(dpkg --print-architecture)"
deb_version="${version}+${build_id}"
stage="$(dirname "$bundle")/../build/deb/callcheck_${deb_version}_${arch}"
mkdir -p "$(dirname "$stage")"
stage="$(cd "$(dirname "$stage")" && pwd)/$(basename "$stage")"
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
    "$stage/usr/share/icons/hicolor/scalable/apps" "$stage/usr/share/icons/hicolor/256x256/apps" \
    "$stage/usr/share/doc/callcheck"

cp -a "$bundle" "$stage/opt/callcheck"
ln -s /opt/callcheck/callcheck "$stage/usr/bin/callcheck"
cp "$packaging/icons/callcheck.svg" "$stage/usr/share/icons/hicolor/scalable/apps/callcheck.svg"
cp "$packaging/icons/callcheck-256.png" "$stage/usr/share/icons/hicolor/256x256/apps/callcheck.png"
cp "$here/callcheck.desktop" "$stage/usr/share/applications/callcheck.desktop"
{
    echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
    echo "Upstream-Name: CallCheck"
    echo "License: Apache-2.0"
    echo "Comment: CallCheck itself is licensed under the Apache License 2.0 (see"
    echo " /usr/share/common-licenses/Apache-2.0). The bundle in /opt/callcheck contains"
    echo " third-party components; their licences and notices are in"
    echo " /opt/callcheck/_internal/THIRD_PARTY_NOTICES.txt and /opt/callcheck/_internal/licenses/."
} >"$stage/usr/share/doc/callcheck/copyright"
find "$stage" -type d -exec chmod 0755 {} +

# Libraries loaded with dlopen (PyInstaller cannot see them) and run-time data, per component:
#   Qt xcb/GL: libgl1 libegl1 libxkbcommon* libxcb-*; Qt text: libfontconfig1 fonts-dejavu-core;
#   QtDBus (accessibility, portals): libdbus-1-3; audio: libportaudio2 (not bundled on Linux, see
#   packaging/README.md), libasound2 (+ /usr/share/alsa), libasound2-plugins (ALSA -> PulseAudio/
#   PipeWire); the engine's Opus PLC/FEC loads libopus0 with ctypes. A bundle built on Debian 12
#   needs glibc >= 2.36.
fixed=(
    "libc6 (>= 2.36)" libportaudio2 libasound2 libasound2-plugins libopus0
    libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3
    libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0
    libxcb-render-util0 libxcb-image0 libxcb-xkb1 libxcb-xinput0 libxcb-sync1 libxcb-xfixes0
    libxcb-shm0 libxcb-render0 libx11-xcb1 fonts-dejavu-core
)
declare -A seen=()
depends=()
for dep in "${fixed[@]}"; do
    seen["${dep%% *}"]=1
    depends+=("$dep")
done
unresolved=()
while read -r lib; do
    [[ -z "$lib" || "$lib" == \#* ]] && continue
    pkg="$(dpkg -S "$lib" 2>/dev/null | head -1 | cut -d: -f1)" || true
    if [[ -z "$pkg" ]]; then
        # /lib is a symlink to /usr/lib on merged-/usr systems; dpkg knows one of the two paths.
        alt="${lib#/usr}"
        [[ "$alt" == "$lib" ]] && alt="/usr$lib"
        pkg="$(dpkg -S "$alt" 2>/dev/null | head -1 | cut -d: -f1)" || true
    fi
    if [[ -z "$pkg" ]]; then
        unresolved+=("$lib")
    elif [[ -z "${seen[$pkg]:-}" ]]; then
        seen["$pkg"]=1
        depends+=("$pkg")
    fi
done <"$bundle/_internal/SYSTEM_LIBRARIES.txt"
if ((${#unresolved[@]})); then
    echo "build_deb: no Debian package owns: ${unresolved[*]}" >&2
    exit 1
fi
depends_line="$(printf '%s, ' "${depends[@]}")"
depends_line="${depends_line%, }"

installed_kb="$(du -sk --apparent-size "$stage" --exclude=DEBIAN | cut -f1)"
cat >"$stage/DEBIAN/control" <<EOF
Package: callcheck
Version: $deb_version
Architecture: $arch
Maintainer: CallCheck maintainers <callcheck@localhost>
Installed-Size: $installed_kb
Section: net
Priority: optional
Depends: $depends_line
Recommends: pulseaudio | pipewire-pulse
Homepage: https://localhost/callcheck
Description: softphone call-quality tester
 CallCheck places a real WebRTC test call (loopback, to a reflector server or to a
 colleague), measures delay, jitter and packet loss on every packet and on the audio
 path, scores it with the ITU-T G.107 E-model (MOS) and says what would make calls
 sound better. Includes the desktop app and the callcheck command line.
EOF

mkdir -p "$out"
deb="$out/callcheck_${deb_version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz -z"${XZ_LEVEL:-6}" --build "$stage" "$deb" >/dev/null
echo "build_deb: $deb ($(du -h "$deb" | cut -f1), installed $((installed_kb / 1024)) MiB)"
